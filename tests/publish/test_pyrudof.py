"""The shapes give the same verdict under a second SHACL engine: pyrudof (Rust) against pyshacl.

For every shapes file (the packaged ``shapes/*.ttl``, whatever exists, plus the
fixture ``data/shapes-fixture.ttl``) and every data fixture (the fictional
pole, invalid variants of it, generated poles), both engines must agree on
``conforms``, on the set of focus nodes, and on the (focus node, constraint
component) pairs.  Data and shapes reach pyrudof as *text*, in strict reader
mode (pyrudof reads a string that looks like a path or URL as a location, and
lax mode validates whatever part of a broken file it could read).

A case is skipped, naming the feature, only when the shapes use something
pyrudof does not implement (see UNSUPPORTED); any other disagreement fails.
"""

from __future__ import annotations

import functools
from collections.abc import Callable
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from rdflib import Graph, Literal, URIRef
from rdflib.namespace import DCTERMS, RDF, RDFS, SH

from ptce_graph.io.serialize import to_turtle
from ptce_graph.legal.shacl.pyshacl_engine import memoise_query_parsing
from ptce_graph.namespaces import ORG, PTCE
from ptce_graph.resources import read_bytes, shape_files
from tests.publish.graphs import fictional_pole
from tests.strategies import poles

pyrudof = pytest.importorskip(
    "pyrudof", reason="pyrudof is not installed (pip install pyrudof, in the test extra)"
)
pyshacl = pytest.importorskip("pyshacl")

FIXTURE = Path(__file__).parent / "data" / "shapes-fixture.ttl"

#: SHACL features pyrudof 0.3 does not implement: (predicate or class, name of the feature).
UNSUPPORTED: tuple[tuple[URIRef, str], ...] = (
    (SH.target, "SPARQL-based targets (sh:target, SHACL-AF)"),
    (SH.SPARQLTarget, "SPARQL-based targets (sh:SPARQLTarget, SHACL-AF)"),
    (SH.validator, "SPARQL-based constraint components (sh:validator)"),
    (SH.nodeValidator, "SPARQL-based constraint components (sh:nodeValidator)"),
    (SH.propertyValidator, "SPARQL-based constraint components (sh:propertyValidator)"),
    (SH.rule, "SHACL rules (sh:rule, SHACL-AF)"),
    (URIRef(str(SH) + "expression"), "node expressions (sh:expression, SHACL-AF)"),
    (URIRef(str(SH) + "js"), "SHACL-JS (sh:js)"),
    (URIRef(str(SH) + "jsFunctionName"), "SHACL-JS (sh:jsFunctionName)"),
)


def _shapes_sets() -> list[tuple[str, str]]:
    sets = [(f"shapes/{name}", read_bytes("shapes", name).decode("utf-8")) for name in shape_files()]
    sets.append(("tests/data/shapes-fixture.ttl", FIXTURE.read_text("utf-8")))
    return sets


def _unsupported(shapes: Graph) -> str | None:
    for term, feature in UNSUPPORTED:
        if (None, term, None) in shapes or (None, RDF.type, term) in shapes:
            return feature
    return None


@functools.cache
def _shapes_graph(shapes_ttl: str) -> Graph:
    """Each shapes text parsed once per process: pyshacl then writes the same SPARQL texts for every data
    graph (their PREFIX lines follow the shapes graph's blank nodes), so that each is parsed once."""
    return Graph().parse(data=shapes_ttl, format="turtle")


def _pyshacl(data: Graph, shapes: Graph) -> tuple[bool, set[tuple[str, str]]]:
    # pyshacl hands rdflib the text of each SPARQL constraint for every focus node and rdflib parses it
    # each time: ~75 % of the time of these comparisons.  Each text is parsed once per process, as ptce's
    # own pyshacl engine does; the wrapper sits on the graph, hence ``inplace`` (``data`` is ours, built
    # for this comparison; without inference pyshacl does not change it).
    memoise_query_parsing(data)
    conforms, report, _ = pyshacl.validate(data, shacl_graph=shapes, inference="none", allow_warnings=False,
                                           inplace=True)
    pairs = set()
    for result in report.subjects(RDF.type, SH.ValidationResult):
        focus = report.value(result, SH.focusNode)
        component = report.value(result, SH.sourceConstraintComponent)
        pairs.add((str(focus), str(component)))
    return bool(conforms), pairs


def _pyrudof(data_ttl: str, shapes_ttl: str) -> tuple[bool, set[tuple[str, str]]]:
    # Text only: a string that looks like a path or a URL would be read or fetched.
    assert "\n" in data_ttl and "\n" in shapes_ttl
    session = pyrudof.Rudof(pyrudof.RudofConfig())
    session.read_data(data_ttl, format=pyrudof.RDFFormat.Turtle, reader_mode=pyrudof.ReaderMode.Strict)
    session.read_shacl(shapes_ttl, format=pyrudof.ShaclFormat.Turtle)
    report = session.validate_shacl()
    return bool(report.conforms), {(str(v.focus_node), str(v.constraint_component)) for v in report}


def _agree(data: Graph, name: str, shapes_ttl: str) -> tuple[bool, set[tuple[str, str]]]:
    shapes = _shapes_graph(shapes_ttl)
    feature = _unsupported(shapes)
    if feature is not None:
        pytest.skip(f"{name}: pyrudof does not implement {feature}; this case is not compared")
    data_ttl = to_turtle(data).decode("utf-8")  # before pyshacl sees the graph
    expected = _pyshacl(data, shapes)
    got = _pyrudof(data_ttl, shapes_ttl)
    assert got[0] == expected[0], f"{name}: conforms {got[0]} (pyrudof) != {expected[0]} (pyshacl)"
    assert {f for f, _ in got[1]} == {f for f, _ in expected[1]}, f"{name}: different focus nodes"
    assert got[1] == expected[1], f"{name}: different (focus node, constraint component) pairs"
    return expected


POLE = URIRef("https://w3id.org/ptce/id/pole/pole-fictif-des-coteaux")


def _variant(edit: Callable[[Graph], None]) -> Graph:
    g = fictional_pole().to_graph()
    edit(g)
    return g


def _no_label(g: Graph) -> None:
    g.remove((POLE, RDFS.label, None))


def _bad_identifier(g: Graph) -> None:
    g.set((POLE, DCTERMS.identifier, Literal("Pôle Fictif!")))


def _orphan_membership(g: Graph) -> None:
    m = URIRef(str(POLE) + "/membership/orphan")
    g.add((m, RDF.type, PTCE.Membership))
    g.add((m, ORG.organization, POLE))
    g.add((m, PTCE.relation, URIRef("https://w3id.org/ptce/ns#Sponsor")))


def _self_link(g: Graph) -> None:
    link = next(g.subjects(RDF.type, PTCE.CooperationLink))
    g.set((link, PTCE.targetActor, g.value(link, PTCE.sourceActor)))


def _untyped_actor(g: Graph) -> None:
    actor = URIRef(str(POLE) + "/actor/ville")
    g.remove((actor, RDF.type, PTCE.Actor))


DATA = {
    "fictional pole": lambda: fictional_pole().to_graph(),
    "pole without a label": lambda: _variant(_no_label),
    "malformed identifier": lambda: _variant(_bad_identifier),
    "membership without actor, unknown relation": lambda: _variant(_orphan_membership),
    "link from an actor to itself": lambda: _variant(_self_link),
    "actor not typed ptce:Actor": lambda: _variant(_untyped_actor),
}


#: What the default run compares here: the fictional pole under the law's shapes (the first case of a
#: packaged shapes file parses its queries: 3-8 s of CPU, the next ones about 1 s); every data fixture
#: under the fixture shapes is compared by test_the_fixture_cases_are_not_trivial; the other pairs run
#: with ``-m slow``, as CI does.
_FAST_SHAPES = ("shapes/law-2014.ttl",)


def _fast(shapes_name: str, data_name: str) -> bool:
    return shapes_name in _FAST_SHAPES and data_name == "fictional pole"


def _params() -> list:
    return [
        pytest.param(name, ttl, data, marks=() if _fast(name, data) else pytest.mark.slow, id=f"{data}-{name}")
        for data in sorted(DATA) for name, ttl in _shapes_sets()
    ]


@pytest.mark.parametrize("shapes_name, shapes_ttl, data_name", _params())
def test_pyrudof_agrees_with_pyshacl(shapes_name: str, shapes_ttl: str, data_name: str) -> None:
    _agree(DATA[data_name](), f"{shapes_name} × {data_name}", shapes_ttl)


def test_the_fixture_cases_are_not_trivial() -> None:
    """The comparison means something: the fixture shapes find each planted problem."""
    shapes_ttl = FIXTURE.read_text("utf-8")
    verdicts = {name: _agree(make(), name, shapes_ttl) for name, make in DATA.items()}
    assert verdicts["fictional pole"] == (True, set())
    components = {name: {c.rsplit("#", 1)[1] for _, c in pairs} for name, (_, pairs) in verdicts.items()}
    assert components["pole without a label"] == {"MinCountConstraintComponent"}
    assert components["malformed identifier"] == {"PatternConstraintComponent"}
    assert components["membership without actor, unknown relation"] == {
        "MinCountConstraintComponent",
        "InConstraintComponent",
    }
    assert components["link from an actor to itself"] == {"SPARQLConstraintComponent"}
    assert components["actor not typed ptce:Actor"] == {"ClassConstraintComponent"}


@pytest.mark.slow
@settings(max_examples=5, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(poles())
def test_pyrudof_agrees_on_generated_poles(pole) -> None:  # noqa: ANN001
    # Every shapes file on 5 generated poles: about 10 s once the shapes' queries are parsed, so under -m slow.
    for name, shapes_ttl in _shapes_sets():
        if _unsupported(_shapes_graph(shapes_ttl)) is None:
            _agree(pole.to_graph(), name, shapes_ttl)


def test_strict_reader_refuses_broken_data() -> None:
    session = pyrudof.Rudof(pyrudof.RudofConfig())
    with pytest.raises(Exception):  # noqa: B017 - pyrudof's error classes vary between versions
        session.read_data(
            '@prefix ex: <https://example.org/> .\nex:s ex:p "unterminated .\nex:t ex:p 1 .\n',
            format=pyrudof.RDFFormat.Turtle,
            reader_mode=pyrudof.ReaderMode.Strict,
        )
