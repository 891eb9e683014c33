"""Build the public registry of French PTCE from its cited table, deterministically.

    python examples/registry-public/build.py            # rewrites the published files beside this script
    python examples/registry-public/build.py --check    # rebuilds in a temporary folder, fails on any difference

Reads ``table/`` (sources.csv, calls.csv, poles.csv: what each public page
says, one row per pole, source and fact-set) and writes, with the library's
own model and writers:

* ``registry.ttl`` and ``registry.jsonld`` — the poles, their selections in
  the State's calls, the call results, the sources and the areas;
* ``registry.metadata.ttl`` — DCAT and VoID: Licence Ouverte 2.0 for the data
  assembled here, every source credited (``dcterms:source``);
* ``bundles/<pole>/`` — each pole as a spreadsheet bundle (the CSV form a
  coordinator fills in);
* ``map-regions.png`` and ``map-departements.png`` — poles per région and
  per département (with ``--maps``; the pictures depend on the installed
  fonts and matplotlib, the data files do not).

The same table gives the same bytes: fixed dates, sorted output.
"""

from __future__ import annotations

import argparse
import filecmp
import shutil
import sys
import tempfile
from pathlib import Path

from ptce_graph.cited_table import read_cited_table
from ptce_graph.errors import PTCEError
from ptce_graph.io.bundle import write_bundle
from ptce_graph.maps import choropleth
from ptce_graph.publish.files import export
from ptce_graph.publish.metadata import DatasetInfo

HERE = Path(__file__).resolve().parent

#: The date of the compilation (every source was consulted that day).
COMPILED = "2026-12-07"

INFO = DatasetInfo(
    iri="https://w3id.org/ptce/id/registry-public",
    title="Registre public des pôles territoriaux de coopération économique (PTCE) nommés par les appels de l'État, "
          "2014-2025",
    title_en="Public registry of the French PTCE named by the State's calls, 2014-2025",
    description=(
        "Chaque pôle nommé par une source publique comme lauréat d'un appel de l'État aux PTCE (appels à projets "
        "de 2013-2014 et de 2015, appels à manifestation d'intérêt depuis 2021) : son nom tel que publié, sa région "
        "et son département quand la source les donne, l'appel, l'année et le statut (lauréat, phase 1, phase 2), "
        "la structure porteuse quand elle est nommée. Chaque fait cite sa source. Ce que chaque appel a annoncé "
        "(nombre de lauréats, de candidatures) est donné à part : l'écart dit ce qui reste à trouver."
    ),
    description_en=(
        "Every pole a public source names as selected by a State call for PTCE (calls for projects of 2013-2014 "
        "and 2015, calls for expressions of interest since 2021): its name as published, its région and "
        "département where the source gives them, the call, year and status (laureate, phase 1, phase 2), the "
        "carrier structure where named. Every fact cites its source. What each call announced (laureates, "
        "applications) is given apart: the gap says what remains to be found."
    ),
    license="https://www.etalab.gouv.fr/licence-ouverte-open-licence/",
    publisher="ptce_graph project",
    issued=COMPILED,
    modified=COMPILED,
    keywords=["PTCE", "pôle territorial de coopération économique", "économie sociale et solidaire",
              "appel à projets", "appel à manifestation d'intérêt"],
    languages=["fr", "en"],
)


def build(out: Path, *, maps: bool = False) -> None:
    """Write every published file of the registry into ``out``."""
    table = read_cited_table(HERE / "table")
    graph = table.to_graph()
    export(graph, out / "registry.ttl", with_metadata=True, info=INFO)
    export(graph, out / "registry.jsonld")
    bundles = out / "bundles"
    if bundles.exists():
        shutil.rmtree(bundles)
    bundles.mkdir()
    for pole in table.poles():
        write_bundle(pole, bundles / pole.id)
    if maps:
        for level, name in (("region", "map-regions.png"), ("departement", "map-departements.png")):
            picture = choropleth(graph, level=level, sources="registre public des PTCE (ptce_graph), "
                                 f"sources citées, consultées le {COMPILED}")
            (out / name).write_bytes(picture.png)


def _differences(a: Path, b: Path) -> list[str]:
    compare = filecmp.dircmp(a, b)
    found = [f"only in {a}: {n}" for n in compare.left_only] + [f"only in {b}: {n}" for n in compare.right_only]
    found += [f"differs: {n}" for n in compare.diff_files]
    for sub in compare.common_dirs:
        found += _differences(a / sub, b / sub)
    return found


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--check", action="store_true", help="rebuild in a temporary folder and compare")
    parser.add_argument("--maps", action="store_true", help="also draw the two maps (PNG)")
    args = parser.parse_args(argv)
    try:
        if not args.check:
            build(HERE, maps=args.maps)
            return 0
        with tempfile.TemporaryDirectory() as tmp:
            build(Path(tmp))
            published = Path(tmp) / "published"
            published.mkdir()
            for name in ("registry.ttl", "registry.metadata.ttl", "registry.jsonld"):
                shutil.copy(HERE / name, published / name)
            shutil.copytree(HERE / "bundles", published / "bundles")
            fresh = Path(tmp) / "fresh"
            fresh.mkdir()
            for name in ("registry.ttl", "registry.metadata.ttl", "registry.jsonld"):
                shutil.move(str(Path(tmp) / name), fresh / name)
            shutil.move(str(Path(tmp) / "bundles"), fresh / "bundles")
            differences = _differences(published, fresh)
        for line in differences:
            print(line, file=sys.stderr)
        return 1 if differences else 0
    except PTCEError as exc:
        print(f"ptce registry: {exc}", file=sys.stderr)
        return 2


if __name__ == "__main__":
    sys.exit(main())
