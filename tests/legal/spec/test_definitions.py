"""The four definitions and their clauses, read from ontology/definitions.ttl."""

from __future__ import annotations

import pytest
from rdflib.namespace import RDF, SKOS

from ptce_graph.legal.spec.clauses import clause_shapes
from ptce_graph.legal.spec.definitions import (
    DEFAULT_DEFINITION,
    DEFINITION_IDS,
    UnknownDefinitionError,
    clause_order,
    definitions,
    get_definition,
)
from ptce_graph.namespaces import PTCE
from ptce_graph.resources import ontology_graph


def test_a_definition_pickles_as_itself() -> None:
    """Reports come back from worker processes naming the packaged definitions, not copies."""
    import dataclasses
    import pickle

    from ptce_graph.legal.spec.definitions import get_definition

    law = get_definition("law-2014")
    assert pickle.loads(pickle.dumps(law)) is law
    custom = dataclasses.replace(law, id="custom-2026")
    assert pickle.loads(pickle.dumps(custom)) == custom


def test_the_definitions_are_those_of_the_ontology_in_chronological_order() -> None:
    graph = ontology_graph()
    ids = {str(graph.value(d, PTCE.definitionId)) for d in graph.subjects(RDF.type, PTCE.LegalDefinition)}
    assert set(DEFINITION_IDS) == ids
    dates = [definitions()[d].date for d in DEFINITION_IDS]
    assert dates == sorted(dates)
    assert [d for d in DEFINITION_IDS if definitions()[d].in_force] == [DEFAULT_DEFINITION]


def test_the_clause_order_comes_from_the_clause_kinds() -> None:
    order = clause_order()
    graph = ontology_graph()
    kinds = {str(graph.value(k, SKOS.notation)) for k in graph.subjects(RDF.type, PTCE.ClauseKind)}
    assert set(order) == kinds and len(order) == len(kinds)
    for definition in definitions().values():
        ids = list(definition.clause_ids)
        assert ids == sorted(ids, key=order.index), definition.id


def test_each_definition_has_the_clauses_the_ontology_gives_it() -> None:
    graph = ontology_graph()
    for definition in definitions().values():
        listed = {str(graph.value(c, PTCE.clauseId)) for c in graph.objects(definition.iri, PTCE.hasClause)}
        assert set(definition.clause_ids) == listed
        for clause in definition.clauses:
            assert clause.words and clause.label("fr") and clause.label("en") and clause.statement("en")


def test_every_clause_has_its_shapes() -> None:
    for definition in DEFINITION_IDS:
        specs = clause_shapes(definition)
        assert {s.clause for s in specs} == set(get_definition(definition).clause_ids)
        for clause in get_definition(definition).clause_ids:
            outcomes = {s.outcome for s in specs if s.clause == clause}
            assert {"not-met", "unknown"} <= outcomes, (definition, clause)


def test_an_unknown_definition_names_the_known_ones() -> None:
    with pytest.raises(UnknownDefinitionError, match="expected one of labo-2010, senate-2013, law-2014, decree-2015"):
        get_definition("law-2024")
