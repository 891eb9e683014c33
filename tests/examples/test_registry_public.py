"""The public registry of PTCE (examples/registry-public): every fact cited, counts as announced, rebuilt alike."""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest
from rdflib import Graph, URIRef
from rdflib.namespace import DCTERMS, OWL, RDF

from ptce_graph.cited_table import CitedTableError, read_cited_table
from ptce_graph.model import PROGRAMMES, SELECTION_STATUSES, poles_from_graph
from ptce_graph.namespaces import PROV, PTCE, PTCESRC

ROOT = Path(__file__).resolve().parents[2] / "examples" / "registry-public"
TABLE = ROOT / "table"


@pytest.fixture(scope="module")
def table():
    return read_cited_table(TABLE)


@pytest.fixture(scope="module")
def graph():
    return Graph().parse(ROOT / "registry.ttl")


def test_every_real_pole_has_a_source_and_is_not_fictional(graph, table):
    poles = list(graph.subjects(RDF.type, PTCE.Pole))
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    stated = re.search(r"^(\d+) distinct poles", readme, flags=re.M)
    assert stated is not None and len(poles) == int(stated.group(1)) == len(table.pole_ids())
    for pole in poles:
        assert list(graph.objects(pole, DCTERMS.source)), pole
        assert str(graph.value(pole, PTCE.fictional)) == "false"


def _cited(graph: Graph, node) -> bool:
    return any(True for _ in graph.objects(node, DCTERMS.source))


def test_no_fact_without_a_source(graph):
    """Walk the graph: every subject that states something cites a source, or is a source and its description.

    Allowed without dcterms:source: a cited source itself (its title, publisher, date are its own
    description), the consultation activity that records when it was read, and a membership node (it joins
    an actor to the pole, and the actor cites the page that names it in that role).
    """
    sources = set(graph.subjects(RDF.type, DCTERMS.BibliographicResource))
    unexplained = []
    for subject in set(graph.subjects()):
        if subject in sources or _cited(graph, subject):
            continue
        if (subject, RDF.type, PROV.Activity) in graph:
            assert set(graph.objects(subject, PROV.used)) <= sources
            continue
        if (subject, RDF.type, PTCE.Membership) in graph:
            actor = graph.value(subject, URIRef("http://www.w3.org/ns/org#member"))
            assert actor is not None and _cited(graph, actor), subject
            continue
        unexplained.append(subject)
    assert unexplained == []


def test_every_cited_source_is_described(graph):
    """What is cited is described (title, publisher), and was consulted on a recorded date."""
    consulted = set(graph.objects(None, PROV.used))
    for cited in set(graph.objects(None, DCTERMS.source)):
        if (cited, RDF.type, OWL.NamedIndividual) in graph:
            continue
        assert (cited, RDF.type, DCTERMS.BibliographicResource) in graph, cited
        assert graph.value(cited, DCTERMS.title) is not None, cited
        assert graph.value(cited, DCTERMS.publisher) is not None, cited
        if (cited, DCTERMS.isVersionOf, URIRef(f"{PTCESRC._NS}insee-cog")) not in graph:
            assert cited in consulted, cited  # the COG is the packaged one, not a page read that day


def _readme_counts() -> dict[tuple[str, str], tuple[int, int]]:
    text = (ROOT / "README.md").read_text(encoding="utf-8")
    rows = re.findall(r"^\| `([a-z0-9-]+)` \| `([a-z0-9-]+)` \| (\d+) \| (\d+) \|", text, flags=re.M)
    return {(call, status): (int(announced), int(named)) for call, status, announced, named in rows}


def test_counts_per_call_match_the_sources_the_data_and_the_readme(table, graph):
    readme = _readme_counts()
    announced = {(c.call, c.status): c.announced for c in table.calls}
    assert set(readme) == set(announced)
    in_data: dict[tuple[str, str], set[str]] = {}
    for pole in poles_from_graph(graph):
        for f in pole.funding:
            assert f.program in PROGRAMMES and f.status in SELECTION_STATUSES
            in_data.setdefault((f.program, f.status), set()).add(pole.id)
    for key, (said_announced, said_named) in readme.items():
        assert said_announced == announced[key], key
        assert said_named == len(in_data.get(key, set())) == len(table.named(*key)), key
        assert said_named <= said_announced, key
    for result in graph.subjects(RDF.type, PTCE.CallResult):
        call = graph.value(result, PTCE.call)
        status = graph.value(result, PTCE.selectionStatus)
        key = (next(k for k, v in PROGRAMMES.items() if v == call),
               next(k for k, v in SELECTION_STATUSES.items() if v == status))
        assert int(graph.value(result, PTCE.setSize)) == announced[key]
    # the figures the sources give, as the README and the ontology repeat them
    assert announced[("state-ptce-call-2014", "laureate")] == 23
    assert announced[("state-ptce-call-2015", "laureate")] == 14
    assert announced[("state-ptce-ami-2021", "phase-1")] == 107
    assert announced[("state-ptce-ami-2021", "phase-2")] == 15
    assert announced[("state-ptce-ami-2022", "phase-2")] == 16
    assert announced[("state-ptce-ami-2023", "phase-2")] == 15
    assert announced[("state-ptce-ami-2025", "laureate")] == 8


def test_a_pole_named_by_two_calls_is_one_pole_with_each_call(graph):
    edenn = next(p for p in poles_from_graph(graph) if p.id == "edenn")
    assert sorted(f.status for f in edenn.funding) == ["phase-1", "phase-2"]
    assert len({s for f in edenn.funding for s in f.sources}) == 2
    assert edenn.territory is not None and sorted(edenn.territory.codes) == ["31", "R76"]


def test_no_region_where_no_source_gives_one(graph):
    poles = {p.id: p for p in poles_from_graph(graph)}
    assert poles["brie-nov"].territory is None
    assert poles["la-mut"].territory is not None and poles["la-mut"].territory.codes == []
    assert poles["ptce-filieres-locales-d-ecomateriaux"].territory is None


def test_the_published_files_are_what_the_table_builds(tmp_path):
    """Deterministic: rebuilding from the table gives the committed bytes."""
    import importlib.util

    spec = importlib.util.spec_from_file_location("registry_build", ROOT / "build.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    module.build(tmp_path)
    for name in ("registry.ttl", "registry.metadata.ttl", "registry.jsonld"):
        assert (tmp_path / name).read_bytes() == (ROOT / name).read_bytes(), name
    built = sorted(p.relative_to(tmp_path / "bundles") for p in (tmp_path / "bundles").rglob("*.csv"))
    committed = sorted(p.relative_to(ROOT / "bundles") for p in (ROOT / "bundles").rglob("*.csv"))
    assert built == committed
    for rel in built:
        assert (tmp_path / "bundles" / rel).read_bytes() == (ROOT / "bundles" / rel).read_bytes(), rel


def test_metadata_gives_the_licence_and_credits_the_sources():
    meta = Graph().parse(ROOT / "registry.metadata.ttl")
    dataset = URIRef("https://w3id.org/ptce/id/registry-public")
    assert meta.value(dataset, DCTERMS.license) == URIRef("https://www.etalab.gouv.fr/licence-ouverte-open-licence/")
    credited = {str(s) for s in meta.objects(dataset, DCTERMS.source)}
    assert "https://chorum.fr/actualite/15-nouveaux-ptce-obtiennent-100-000-euros-de-soutien" in credited


def _copy_table(tmp_path: Path) -> Path:
    target = tmp_path / "table"
    shutil.copytree(TABLE, target)
    return target


def test_every_problem_of_the_table_is_reported_in_one_pass_with_its_place(tmp_path):
    folder = _copy_table(tmp_path)
    with (folder / "poles.csv").open("a", encoding="utf-8") as fh:
        fh.write("bad-row,Un pôle,no-such-source,state-ptce-ami-2021,phase-3,2021,Bretagne,76,,,,,,,\n")
        fh.write("empty-row,,chorum-2021,,,,,,,,,,,,\n")
        fh.write("no-year,Un pôle,chorum-2021,state-ptce-ami-2021,phase-2,,,,,,,,,,\n")
    with pytest.raises(CitedTableError) as caught:
        read_cited_table(folder)
    problems = caught.value.problems
    where = {(Path(p.source).name, p.line, p.location.field) for p in problems}
    bad = sum(1 for _ in (folder / "poles.csv").open(encoding="utf-8")) - 2  # the last three rows, the header row 1
    assert ("poles.csv", bad, "source") in where  # unknown source
    assert ("poles.csv", bad, "status") in where  # unknown status
    assert ("poles.csv", bad, "region_code") in where  # 76 is Occitanie, not Bretagne
    assert ("poles.csv", bad + 1, None) in where  # a row that gives no fact
    assert ("poles.csv", bad + 2, "year") in where  # the call's results are dated: the year was forgotten
    assert not any(p.location.field == "year" and p.line != bad + 2 for p in problems)  # 2022: no source dates it
    assert all(p.expected for p in problems)


def test_bundle_round_trip_keeps_the_selection_status(tmp_path, table):
    from ptce_graph.io.bundle import read_bundle, write_bundle

    pole = next(p for p in table.poles() if p.id == "edenn")
    write_bundle(pole, tmp_path / "edenn")
    back = read_bundle(tmp_path / "edenn")
    assert sorted((f.program, f.status) for f in back.funding) == sorted((f.program, f.status) for f in pole.funding)


def test_the_registry_loads_without_describing_vocabulary_terms(recwarn):
    """The dataset describes its own resources only: loading it drops nothing (the COG edition is ours)."""
    from ptce_graph.io import load

    load(ROOT / "registry.ttl")
    assert not [w for w in recwarn if "describe terms" in str(w.message)]
