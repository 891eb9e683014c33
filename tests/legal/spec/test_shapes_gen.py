"""The generated shapes files: up to date with their generator, valid SHACL, annotated, linked to their clauses."""

from __future__ import annotations

from pathlib import Path

import pytest
import rdflib
from rdflib import Literal, URIRef
from rdflib.namespace import RDF, SH

from ptce_graph.legal import definitions
from ptce_graph.legal.shacl.shapes import shape_index, shapes_graph
from ptce_graph.legal.spec.shapes_gen import render_all
from ptce_graph.namespaces import PTCE
from ptce_graph.resources import read_bytes

REPO = Path(__file__).resolve().parents[3]
FILES = ["labo-2010.ttl", "senate-2013.ttl", "law-2014.ttl", "decree-2015.ttl", "data-quality.ttl"]
SEVERITIES = {SH.Violation, SH.Warning, SH.Info}


def _texts(graph: rdflib.Graph, node: URIRef, prop: URIRef) -> dict[str, str]:
    return {lit.language: str(lit) for lit in graph.objects(node, prop) if isinstance(lit, Literal)}


def test_shapes_files_are_up_to_date_with_their_generator() -> None:
    for name, text in render_all().items():
        current = (REPO / "shapes" / name).read_text(encoding="utf-8")
        assert text == current, f"run `python -m ptce_graph.legal.spec.shapes_gen` ({name} is stale)"


@pytest.mark.parametrize("name", FILES)
@pytest.mark.parametrize("inference", ["none", "rdfs"])
def test_shapes_pass_shacl_shacl(name: str, inference: str) -> None:
    from pyshacl.entrypoints import meta_validate

    graph = rdflib.Graph().parse(data=read_bytes("shapes", name).decode("utf-8"), format="turtle")
    conforms, _report, text = meta_validate(graph, inference=inference)
    assert conforms, text


@pytest.mark.parametrize("name", FILES)
def test_every_shape_has_an_iri_a_name_a_description_and_messages_in_french_and_english(name: str) -> None:
    graph = shapes_graph((name,))
    shapes = set(graph.subjects(RDF.type, SH.NodeShape)) | set(graph.subjects(RDF.type, SH.PropertyShape))
    assert shapes
    for shape in shapes:
        assert isinstance(shape, URIRef), shape
        assert str(shape).startswith(f"https://w3id.org/ptce/shapes/{name[:-4]}/")
        for prop in (SH.name, SH.description, SH.message):
            texts = _texts(graph, shape, prop)
            assert set(texts) == {"fr", "en"} and all(texts.values()), (shape, prop)
        assert graph.value(shape, SH.severity) in SEVERITIES
        for constraint in graph.objects(shape, SH.sparql):
            assert isinstance(constraint, URIRef)
            assert set(_texts(graph, constraint, SH.message)) == {"fr", "en"}
            assert "VALUES" not in str(graph.value(constraint, SH.select))  # SHACL forbids it


@pytest.mark.parametrize("definition", ["labo-2010", "senate-2013", "law-2014", "decree-2015"])
def test_shapes_link_to_the_clauses_of_their_definition(definition: str) -> None:
    graph = shapes_graph((f"{definition}.ttl",))
    legal = definitions()[definition]
    clause_iris = {c.iri for c in legal.clauses}
    linked = set(graph.objects(None, PTCE.checksClause))
    assert linked == clause_iris
    index = shape_index()
    for clause in legal.clauses:
        severities = {s.severity for s in index.shapes_of_clause(clause.iri)}
        assert SH.Violation in severities and SH.Warning in severities, clause.id
    for shape in graph.subjects(PTCE.checksClause, None):
        assert (shape, SH.targetClass, PTCE.Pole) in graph
