"""The shapes as packaged and read: one file per definition, the same bytes as the repository, their index."""

from __future__ import annotations

from pathlib import Path

from rdflib.namespace import RDF, SH

from ptce_graph.legal.shacl.shapes import QUALITY_FILE, all_files, shape_index, shapes_graph
from ptce_graph.namespaces import PTCE
from ptce_graph.resources import read_bytes, shape_files

REPO = Path(__file__).resolve().parents[3]
FILES = ["labo-2010.ttl", "senate-2013.ttl", "law-2014.ttl", "decree-2015.ttl", "data-quality.ttl"]


def test_one_file_per_definition_plus_data_quality() -> None:
    assert shape_files() == sorted(FILES)
    assert set(all_files()) == set(FILES)


def test_packaged_shapes_equal_the_repository_files() -> None:
    for name in FILES:
        assert read_bytes("shapes", name) == (REPO / "shapes" / name).read_bytes()


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
    assert per_file == {  # one evidence shape per clause, beside the shapes that decide it
        "labo-2010.ttl": 17 + 7,
        "senate-2013.ttl": 19 + 8,
        "law-2014.ttl": 19 + 8,
        "decree-2015.ttl": 27 + 11,
        "data-quality.ttl": 31,
    }
    evidence = [e for e in index.entries.values() if e.evidence and e.iri == e.shape]
    assert len(evidence) == 7 + 8 + 8 + 11
    assert all(e.severity == SH.Info and e.clause is not None for e in evidence)


def test_shapes_are_loaded_once_per_process() -> None:
    from ptce_graph.legal import validate
    from tests.legal.poles import AS_OF, fitting_pole

    validate(fitting_pole(), as_of=AS_OF)
    before = shapes_graph.cache_info()
    validate(fitting_pole(), as_of=AS_OF)
    after = shapes_graph.cache_info()
    assert after.misses == before.misses and after.hits > before.hits
