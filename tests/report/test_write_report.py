"""write_report(): the folder (atomic, replaced only when it is a report), determinism, options, errors."""

from __future__ import annotations

import random
import warnings
from pathlib import Path
from typing import Any

import pytest
from rdflib import BNode, Graph, Literal, URIRef
from rdflib.compare import isomorphic
from rdflib.namespace import RDF, RDFS

from ptce_graph.errors import DataWarning, InputError, OutputError, PTCEError
from ptce_graph.io import load
from ptce_graph.model import Actor, Link, Pole
from ptce_graph.namespaces import PTCE
from ptce_graph.report import MANIFEST, write_report
from ptce_graph.report import pages as report_pages
from tests.report.conftest import AS_OF, FICTIONAL, Built
from tests.report.htmltree import parse


def files_of(folder: Path) -> dict[str, bytes]:
    return {str(p.relative_to(folder)): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()}


def small_pole(ident: str, name: str | None = None) -> Pole:
    pole = Pole(id=ident, name=name or f"Pôle fictif {ident}", fictional=True)
    pole.add_actor(Actor(id="a", name="Association fictive A", kind="enterprise", legal_form="association"))
    pole.add_actor(Actor(id="b", name="SARL fictive B", kind="enterprise", legal_form="commercial-company",
                         ess_mention=False))
    pole.links.append(Link(source="a", target="b", logic="mutualisation"))
    return pole


def test_same_data_same_bytes(tmp_path: Path, fictional_fr: Built) -> None:
    again = tmp_path / "again"
    write_report(load(FICTIONAL), again, as_of=AS_OF, progress=False)
    assert files_of(again) == files_of(fictional_fr.folder)


def test_the_data_is_not_modified(tmp_path: Path) -> None:
    graph = load(FICTIONAL)
    before = Graph()
    before += graph
    write_report(graph, tmp_path / "r", as_of=AS_OF, progress=False, definitions=["law-2014"])
    assert isomorphic(graph, before)


def test_a_previous_report_is_replaced_whole(tmp_path: Path) -> None:
    target = tmp_path / "rapport"
    graph = Graph()
    small_pole("un").to_graph(graph)
    small_pole("deux").to_graph(graph)
    write_report(graph, target, as_of=AS_OF, progress=False)
    assert (target / "deux.html").is_file() and (target / "figures" / "deux-network.png").is_file()
    write_report(small_pole("un").to_graph(), target, as_of=AS_OF, progress=False)
    assert not (target / "deux.html").exists()
    assert not (target / "figures" / "deux-network.png").exists()
    assert (target / "un.html").is_file()
    assert sorted(p.name for p in tmp_path.iterdir()) == ["rapport"]  # no temporary folder left behind


def test_an_interrupted_run_leaves_the_previous_report(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    target = tmp_path / "rapport"
    write_report(small_pole("un").to_graph(), target, as_of=AS_OF, progress=False)
    before = files_of(target)

    def broken(*args: object, **kwargs: object) -> str:
        raise RuntimeError("disk full")

    monkeypatch.setattr(report_pages, "_index_page", broken)
    with pytest.raises(RuntimeError):
        write_report(small_pole("deux").to_graph(), target, as_of=AS_OF, progress=False)
    assert files_of(target) == before
    assert sorted(p.name for p in tmp_path.iterdir()) == ["rapport"]


def test_an_empty_folder_is_used(tmp_path: Path) -> None:
    (tmp_path / "vide").mkdir()
    report = write_report(small_pole("un").to_graph(), tmp_path / "vide", as_of=AS_OF, progress=False)
    assert report.index == tmp_path / "vide" / "index.html" and report.index.is_file()


def test_a_folder_that_is_not_a_report_is_refused(tmp_path: Path) -> None:
    folder = tmp_path / "documents"
    folder.mkdir()
    (folder / "thèse.odt").write_bytes(b"precious")
    with pytest.raises(OutputError, match="not a previous ptce report"):
        write_report(small_pole("un").to_graph(), folder, as_of=AS_OF, progress=False)
    assert (folder / "thèse.odt").read_bytes() == b"precious"
    (folder / MANIFEST).write_text('{"generator": "something else"}', encoding="utf-8")
    with pytest.raises(OutputError):
        write_report(small_pole("un").to_graph(), folder, as_of=AS_OF, progress=False)
    (tmp_path / "fichier").write_text("x")
    with pytest.raises(OutputError, match="not a folder"):
        write_report(small_pole("un").to_graph(), tmp_path / "fichier", as_of=AS_OF, progress=False)
    with pytest.raises(OutputError, match="does not exist"):
        write_report(small_pole("un").to_graph(), tmp_path / "absent" / "rapport", as_of=AS_OF, progress=False)


def test_no_pole(tmp_path: Path) -> None:
    graph = Graph()
    graph.add((BNode(), RDFS.label, Literal("rien")))
    with pytest.raises(InputError, match="no pole"):
        write_report(graph, tmp_path / "r", progress=False)
    assert not (tmp_path / "r").exists()


def test_a_blank_node_pole_is_left_out_with_a_warning(tmp_path: Path) -> None:
    graph = small_pole("un").to_graph()
    graph.add((BNode("anonyme"), RDF.type, PTCE.Pole))
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        report = write_report(graph, tmp_path / "r", as_of=AS_OF, progress=False)
    assert [p.page for p in report.poles] == ["un.html"]
    assert any(issubclass(w.category, DataWarning) and "blank node" in str(w.message) for w in caught)


def test_bad_options(tmp_path: Path) -> None:
    graph = small_pole("un").to_graph()
    with pytest.raises(ValueError, match="language"):
        write_report(graph, tmp_path / "r", lang="de", progress=False)
    with pytest.raises(PTCEError, match="unknown definition"):
        write_report(graph, tmp_path / "r", definitions=["law-2015"], progress=False)
    with pytest.raises(InputError, match="not a date"):
        write_report(graph, tmp_path / "r", as_of="31/12/2025", progress=False)
    assert not (tmp_path / "r").exists()


def test_chosen_definitions(tmp_path: Path) -> None:
    report = write_report(small_pole("un").to_graph(), tmp_path / "r", as_of=AS_OF, progress=False,
                          definitions=["decree-2015", "law-2014"])
    assert report.definitions == ("law-2014", "decree-2015")  # chronological order
    index = parse(report.index.read_text(encoding="utf-8"))
    headers = [th.text().rstrip(" ↕") for th in index.by_id("registry").find("thead").find_all("th")]
    assert headers[3:5] == ["Loi 2014", "Décret 2015"] and "Labo de l'ESS 2010" not in headers
    page = parse((tmp_path / "r" / "un.html").read_text(encoding="utf-8"))
    assert [t.get("data-definition") for t in page.find_all("table", cls="clause-table")] == ["law-2014",
                                                                                              "decree-2015"]
    single = write_report(small_pole("un").to_graph(), tmp_path / "s", as_of=AS_OF, progress=False,
                          definitions="law-2014")
    page = parse((tmp_path / "s" / "un.html").read_text(encoding="utf-8"))
    assert page.find_all("ul", cls="differences") == []
    assert single.definitions == ("law-2014",)


def test_pages_of_many_poles_and_name_collisions(tmp_path: Path) -> None:
    graph = Graph()
    small_pole("a", "Zèbre").to_graph(graph)
    small_pole("index", "Alpha").to_graph(graph)
    small_pole("A", "Mu").to_graph(graph, base="https://example.org/autre/")
    report = write_report(graph, tmp_path / "r", as_of=AS_OF, progress=False)
    assert [p.label for p in report.poles] == ["Alpha", "Mu", "Zèbre"]  # the registry's order: by name
    pages = {p.iri: p.page for p in report.poles}
    assert pages == {"https://example.org/autre/pole/A": "a.html",
                     "https://w3id.org/ptce/id/pole/a": "a-2.html",
                     "https://w3id.org/ptce/id/pole/index": "index-pole.html"}
    assert report.page("Alpha") == tmp_path / "r" / "index-pole.html"
    index = parse(report.index.read_text(encoding="utf-8"))
    links = [r.cells()[0].find("a").get("href") for r in index.by_id("registry").rows()]
    assert links == ["index-pole.html", "a.html", "a-2.html"]
    for page in pages.values():
        assert (tmp_path / "r" / page).is_file()


def test_progress_over_the_poles(tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                                 capfd: pytest.CaptureFixture[str]) -> None:
    import ptce_graph.report.pages as pages

    seen: list[tuple[int, str, object]] = []
    real = pages.progress_bar

    def spy(items, label="", **options):  # type: ignore[no-untyped-def]
        items = list(items)
        seen.append((len(items), label, options.get("enabled")))
        return real(items, label, **options)

    monkeypatch.setattr(pages, "progress_bar", spy)
    graph = Graph()
    small_pole("un").to_graph(graph)
    small_pole("deux").to_graph(graph)
    write_report(graph, tmp_path / "r", as_of=AS_OF)
    assert seen == [(2, "Rapport HTML", None)]
    # Not a terminal: nothing on standard error.
    assert capfd.readouterr().err == ""


def test_worker_processes_give_the_same_report(tmp_path: Path) -> None:
    graph = Graph()
    for ident in ("un", "deux", "trois"):
        small_pole(ident).to_graph(graph)
    one = write_report(graph, tmp_path / "un-processus", as_of=AS_OF, progress=False)
    two = write_report(graph, tmp_path / "deux-processus", as_of=AS_OF, progress=False, jobs=2)
    assert files_of(tmp_path / "un-processus") == files_of(tmp_path / "deux-processus")
    assert [p.to_dict() for p in one.poles] == [p.to_dict() for p in two.poles]
    with pytest.raises(ValueError, match="jobs"):
        write_report(graph, tmp_path / "r", progress=False, jobs=-1)


def test_warnings_of_the_poles_reach_the_caller(tmp_path: Path) -> None:
    pole = small_pole("un")
    pole.links.append(Link(source="a", target="a", logic="animation"))  # a link from an actor to itself
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        write_report(pole.to_graph(), tmp_path / "r", as_of=AS_OF, progress=False)
    assert any(issubclass(w.category, DataWarning) and "to itself" in str(w.message) for w in caught)


def test_an_actor_without_membership_is_listed(tmp_path: Path) -> None:
    pole = small_pole("un")
    pole.actors.append(Actor(id="x", name="Coopérative fictive X (citée par un lien)", kind="enterprise",
                             legal_form="scop"))
    pole.links.append(Link(source="a", target="x", logic="interaction", start="2018"))
    report = write_report(pole.to_graph(), tmp_path / "r", as_of=AS_OF, progress=False)
    page = parse((tmp_path / "r" / report.poles[0].page).read_text(encoding="utf-8"))
    rows = {r.cells()[0].text(): [c.text() for c in r.cells()] for r in page.by_id("actor-table").rows()}
    assert len(rows) == 3 == report.poles[0].metrics.actors
    x = rows["Coopérative fictive X (citée par un lien)"]
    assert x[1] == "relation ?"
    assert x[3] == "société coopérative et participative (SCOP)"
    assert x[4] == "oui" and x[6] == "ESS"


def test_one_run_of_the_shapes_gives_each_pole_its_checklist(synthetic: Any) -> None:
    """write_report runs the shapes once over the whole data (the batch engine on Oxigraph, as ``ptce
    validate``), not once per pole.  Each page says what ``ptce validate`` says of its pole under the four
    definitions, also when a tenth of the triples are missing; on whole poles, that is also what a run on the
    pole's shard alone says (a damaged pole can differ there: a membership cut from its pole still names its
    actor in the whole data)."""
    from ptce_graph.legal import compare_definitions
    from ptce_graph.legal.shacl.working import pole_shard
    from ptce_graph.legal.spec.definitions import DEFINITION_IDS, get_definition

    defs = tuple(get_definition(d) for d in DEFINITION_IDS)
    whole = synthetic.registry_graph(3, seed=9)
    rng = random.Random(4)
    damaged = Graph()
    for triple in sorted(whole, key=lambda t: tuple(map(str, t))):
        if triple[1] == RDF.type and triple[2] == PTCE.Pole or rng.random() >= 0.1:
            damaged.add(triple)
    seen = set()
    for graph, reference in ((damaged, lambda iri: compare_definitions(damaged, as_of=AS_OF, lang="fr")),
                             (whole, lambda iri: compare_definitions(pole_shard(whole, URIRef(iri)), as_of=AS_OF,
                                                                     lang="fr"))):
        checklists = report_pages._checklists(graph, defs, AS_OF, "fr")
        poles = sorted(str(p) for p in graph.subjects(RDF.type, PTCE.Pole))
        assert sorted(checklists) == poles
        for iri in poles:
            expected, mine = reference(iri), checklists[iri]
            assert [r[iri] for r in mine.reports] == [r[iri] for r in expected.reports]
            assert mine.left_out == expected.left_out and mine.definitions == expected.definitions
            assert mine.poles == [iri]
            seen |= {r[iri].verdict for r in mine.reports}
    assert len(seen) > 1, "the damage makes verdicts differ"
