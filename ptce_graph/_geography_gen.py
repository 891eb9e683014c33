"""Generate ``ptce_graph/data/cog.json.xz``, the compact official geography.

The source is the open dataset ``@etalab/decoupage-administratif`` (npm
registry; Licence Ouverte), itself derived from INSEE's Code officiel
géographique (communes, départements, régions) and the DGCL's list of EPCI à
fiscalité propre.  Only its JSON data files are read, never its code::

    npm pack @etalab/decoupage-administratif@6.0.0
    tar xzf etalab-decoupage-administratif-6.0.0.tgz
    python -m ptce_graph._geography_gen package/

The régions that ended on 31 December 2015 (loi n° 2015-29 du 16 janvier 2015)
come from ``ptce_graph/data/anciennes-regions.csv``, transcribed from the annex of
décret n° 60-516 du 2 juin 1960 (départements of each région) and INSEE's codes;
the generator checks that each one lies wholly inside its 2016 successor.

The output is deterministic (sorted keys, fixed xz preset) and records the
package version, the COG year and the SHA-256 of every input file, so that a
rerun on the same package gives the same bytes.
"""

from __future__ import annotations

import csv
import hashlib
import io
import json
import lzma
import sys
from pathlib import Path
from typing import Any

from ptce_graph.resources import read_bytes

__all__ = ["OUTPUT", "SOURCE_FILES", "build", "encode", "main"]

OUTPUT = "cog.json.xz"
SOURCE_FILES = ("communes.json", "departements.json", "regions.json", "epci.json")
#: Package version -> the COG year it carries (its README's table of "millésimes").
COG_YEAR = {"6.0.0": 2026, "5.3.0": 2025, "4.1.0": 2024, "3.1.1": 2023, "2.3.1": 2022}
#: The 2016 régions took effect on this day (loi n° 2015-29, article 1).
REFORM_2016 = "2016-01-01"
FORMAT = 1


def _old_regions(text: str, departements: dict[str, list[Any]]) -> dict[str, list[Any]]:
    old: dict[str, list[Any]] = {}
    for row in csv.DictReader(io.StringIO(text)):
        depts = row["departements"].split(";")
        for dept in depts:
            if departements.get(dept, [None, None])[1] != row["region_2016"]:
                raise ValueError(f"département {dept} of former région {row['code']} is not in {row['region_2016']}")
        old[row["code"]] = [row["nom"], row["region_2016"], sorted(depts)]
    return old


def build(package: Path, former_regions_csv: str | None = None) -> dict[str, Any]:
    """The compact geography, as a JSON-ready dictionary.

    ``former_regions_csv`` defaults to the packaged ``anciennes-regions.csv``.
    """
    if former_regions_csv is None:
        former_regions_csv = read_bytes("data", "anciennes-regions.csv").decode("utf-8")
    data = package / "data"
    meta = json.loads((package / "package.json").read_text(encoding="utf-8"))
    raw = {name: (data / name).read_bytes() for name in SOURCE_FILES}
    communes_in, depts_in, regions_in, epci_in = (json.loads(raw[name]) for name in SOURCE_FILES)

    epci_of: dict[str, str] = {}
    epci: dict[str, list[Any]] = {}
    for item in epci_in:
        epci[item["code"]] = [item["nom"], item["type"]]
        for member in item["membres"]:
            epci_of[member["code"]] = item["code"]
    regions = {r["code"]: [r["nom"], r.get("zone", "")] for r in regions_in}
    departements = {d["code"]: [d["nom"], d["region"]] for d in depts_in}
    communes: dict[str, list[Any]] = {}
    for c in communes_in:
        if c["type"] == "commune-actuelle":
            communes[c["code"]] = [c["nom"], c["departement"], c["region"], epci_of.get(c["code"], "")]
    # Codes that are no longer communes of their own: delegated or associated
    # communes (merged into a commune nouvelle) and municipal arrondissements.
    parts: dict[str, list[Any]] = {}
    for c in communes_in:
        if c["type"] == "commune-actuelle" or c["code"] in communes:
            continue
        parent = c.get("chefLieu") or c.get("commune")
        parts[c["code"]] = [c["nom"], parent, c["type"]]
    version = meta["version"]
    return {
        "format": FORMAT,
        "source": {
            "package": meta["name"],
            "version": version,
            "cog": COG_YEAR.get(version),
            "licence": "Licence Ouverte / Open Licence (Etalab)",
            "sha256": {name: hashlib.sha256(raw[name]).hexdigest() for name in SOURCE_FILES},
        },
        "reform_2016": REFORM_2016,
        "regions": regions,
        "former_regions": _old_regions(former_regions_csv, departements),
        "departements": departements,
        "communes": communes,
        "commune_parts": parts,
        "epci": epci,
    }


def encode(geography: dict[str, Any]) -> bytes:
    """Deterministic bytes: sorted JSON, xz at a fixed preset."""
    text = json.dumps(geography, ensure_ascii=False, sort_keys=True, separators=(",", ":"))
    return lzma.compress(text.encode("utf-8"), format=lzma.FORMAT_XZ, preset=9)


def main(argv: list[str] | None = None) -> int:
    args = sys.argv[1:] if argv is None else argv
    if len(args) not in (1, 2):
        print("usage: python -m ptce_graph._geography_gen UNPACKED_PACKAGE_DIR [OUTPUT]", file=sys.stderr)
        return 2
    target = Path(args[1]) if len(args) == 2 else Path(__file__).resolve().parent / "data" / OUTPUT
    target.write_bytes(encode(build(Path(args[0]))))
    print(f"wrote {target}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
