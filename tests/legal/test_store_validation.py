"""A registry held in a store validates to the very reports :func:`compare_definitions` gives in memory."""

from __future__ import annotations

from typing import Any

import pyoxigraph as ox
import pytest
from rdflib import Literal, URIRef
from rdflib.namespace import RDF, RDFS

from ptce_graph import pole_workers
from ptce_graph.legal import compare_definitions
from ptce_graph.legal.spec.definitions import DEFINITION_IDS, DefinitionNotYetError, definitions
from ptce_graph.legal.store_validation import StoreValidation
from ptce_graph.model import new_graph
from ptce_graph.namespaces import PTCE
from ptce_graph.oxigraph_terms import to_oxigraph
from ptce_graph.registry import Registry
from tests.legal.cases import CASES
from tests.legal.poles import AS_OF, fitting_pole

DATA = ox.NamedNode("https://example.org/graph/registry")


def _graph():
    graph = new_graph()
    fitting_pole("fits").to_graph(graph)
    for case in CASES[:2]:
        case.pole().to_graph(graph)
    stray = URIRef("https://w3id.org/ptce/id/stray-actor")  # attached to no pole: its warning is loose
    graph.add((stray, RDF.type, PTCE.Enterprise))
    graph.add((stray, PTCE.siret, Literal("12345678901234")))
    graph.add((stray, RDFS.label, Literal("Acteur isolé")))
    return graph


def test_the_store_path_gives_the_reports_of_the_memory_path() -> None:
    graph = _graph()
    store = ox.Store()
    store.extend(ox.Quad(to_oxigraph(s), to_oxigraph(p), to_oxigraph(o), DATA) for s, p, o in graph)
    before = len(store)
    validation = StoreValidation(store, data_graph=DATA, definitions=tuple(definitions().values()),
                                 as_of=AS_OF, lang="en")
    assert len(store) == before  # the working graph is gone
    in_store = validation.comparison()
    in_memory = compare_definitions(graph, as_of=AS_OF, lang="en")
    assert in_store.to_json() == in_memory.to_json()
    assert in_store.to_turtle() == in_memory.to_turtle()
    assert any(w.focus == "https://w3id.org/ptce/id/stray-actor" for w in in_store.reports[0].warnings)


@pytest.mark.parametrize("lang", ["fr", "en"])
def test_the_text_and_json_made_pole_by_pole_are_those_of_the_reports(lang: str, synthetic: Any,
                                                               monkeypatch: pytest.MonkeyPatch) -> None:
    """StoreValidation.text and .json (what ``ptce validate`` prints, made in forked workers) are the
    rendering and the JSON of the reports: one definition and the comparison, with and without warnings,
    in one process and in two (one pole per task, so that the few poles here are shared out); with a
    warning of no pole, and poles that fit and poles that do not."""
    monkeypatch.setattr(pole_workers, "CHUNK", 1)
    graph = _graph()
    for triple in synthetic.registry_graph(3, seed=7):
        graph.add(triple)
    store = ox.Store()
    store.extend(ox.Quad(to_oxigraph(s), to_oxigraph(p), to_oxigraph(o), DATA) for s, p, o in graph)
    defs = tuple(definitions().values())
    for chosen, compare in ((defs[-2:-1], False), (defs, True)):
        validation = StoreValidation(store, data_graph=DATA, definitions=chosen, as_of=AS_OF, lang=lang, fork=True)
        comparison = validation.comparison()
        rendered = comparison if compare else comparison.reports[0]
        assert len(rendered.poles) >= 5
        assert {v.verdict for r in comparison.reports for v in r.poles} != {comparison.reports[0].poles[0].verdict}
        for jobs in (1, 2):
            for warnings, width in ((True, 100), (False, 72)):
                text, fits = validation.text(compare=compare, show_warnings=warnings, width=width, jobs=jobs,
                                             progress=False)
                assert text == rendered.render_text(lang, warnings=warnings, width=width)
                assert fits == rendered.fits
            document, fits = validation.json(compare=compare, jobs=jobs, progress=False)
            assert document == rendered.to_json(lang)
            assert fits == rendered.fits


def test_a_registry_says_which_definitions_it_left_out(synthetic: Any) -> None:
    """Registry.validation_text before 2014: the law and the decree are left out of the comparison, and
    said so, as in Registry.compare; one definition that did not exist yet is refused."""
    registry = Registry()
    registry.load(synthetic.registry_graph(2, seed=1))
    text, fits = registry.validation_text(definitions=DEFINITION_IDS, compare=True, as_of="2013-06-01",
                                          lang="fr")
    assert text == registry.compare(as_of="2013-06-01", lang="fr").render_text("fr")
    document, _ = registry.validation_text(definitions=DEFINITION_IDS, compare=True, as_of="2013-06-01",
                                           lang="fr", format="json")
    assert document == registry.compare(as_of="2013-06-01", lang="fr").to_json("fr")
    assert '"left_out"' in document and "law-2014" in document
    assert "law-2014 (à partir du 2014-08-02)" in text and not fits
    with pytest.raises(DefinitionNotYetError):
        registry.validation_text(definitions=("decree-2015",), as_of="2013-06-01")
    registry.close()
