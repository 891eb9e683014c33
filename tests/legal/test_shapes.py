"""The shapes files: generated and up to date, valid SHACL (SHACL-SHACL), fully annotated, packaged."""

from __future__ import annotations

from pathlib import Path

import pytest
import rdflib
from rdflib import Literal, URIRef
from rdflib.namespace import RDF, SH

from ptce_graph.legal import definitions
from ptce_graph.legal.shacl.shapes import QUALITY_FILE, all_files, shape_index, shapes_graph
from ptce_graph.legal.spec.shapes_gen import render_all
from ptce_graph.namespaces import PTCE
from ptce_graph.resources import read_bytes, shape_files

REPO = Path(__file__).resolve().parents[2]
FILES = ["labo-2010.ttl", "senate-2013.ttl", "law-2014.ttl", "decree-2015.ttl", "data-quality.ttl"]
SEVERITIES = {SH.Violation, SH.Warning, SH.Info}


def test_one_file_per_definition_plus_data_quality() -> None:
    assert shape_files() == sorted(FILES)
    assert set(all_files()) == set(FILES)


def test_shapes_files_are_up_to_date_with_their_generator() -> None:
    for name, text in render_all().items():
        current = (REPO / "shapes" / name).read_text(encoding="utf-8")
        assert text == current, f"run `python -m ptce_graph.legal.spec.shapes_gen` ({name} is stale)"


def test_packaged_shapes_equal_the_repository_files() -> None:
    for name in FILES:
        assert read_bytes("shapes", name) == (REPO / "shapes" / name).read_bytes()


@pytest.mark.parametrize("name", FILES)
@pytest.mark.parametrize("inference", ["none", "rdfs"])
def test_shapes_pass_shacl_shacl(name: str, inference: str) -> None:
    from pyshacl.entrypoints import meta_validate

    graph = rdflib.Graph().parse(data=read_bytes("shapes", name).decode("utf-8"), format="turtle")
    conforms, _report, text = meta_validate(graph, inference=inference)
    assert conforms, text


def _texts(graph: rdflib.Graph, node: URIRef, prop: URIRef) -> dict[str, str]:
    return {lit.language: str(lit) for lit in graph.objects(node, prop) if isinstance(lit, Literal)}


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


def test_data_quality_shapes_check_no_legal_clause() -> None:
    graph = shapes_graph((QUALITY_FILE,))
    assert not set(graph.objects(None, PTCE.checksClause))
    assert set(graph.objects(None, SH.severity)) == {SH.Warning}


def test_shape_counts() -> None:
    index = shape_index()
    per_file = {
        name: sum(
            1
            for s in set(shapes_graph((name,)).subjects(RDF.type, SH.NodeShape))
            | set(shapes_graph((name,)).subjects(RDF.type, SH.PropertyShape))
        )
        for name in FILES
    }
    assert len(index) == sum(per_file.values())
    assert per_file == {
        "labo-2010.ttl": 17,
        "senate-2013.ttl": 19,
        "law-2014.ttl": 19,
        "decree-2015.ttl": 26,
        "data-quality.ttl": 27,
    }


def test_shapes_are_loaded_once_per_process() -> None:
    from ptce_graph.legal import validate
    from tests.legal.poles import AS_OF, fitting_pole

    validate(fitting_pole(), as_of=AS_OF)
    before = shapes_graph.cache_info()
    validate(fitting_pole(), as_of=AS_OF)
    after = shapes_graph.cache_info()
    assert after.misses == before.misses and after.hits > before.hits
