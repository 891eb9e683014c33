"""The deterministic writers: same graph, same bytes; readable layout; JSON-LD with short keys."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
from hypothesis import given, settings
from rdflib import BNode, Graph, Literal, URIRef
from rdflib.compare import isomorphic

from ptce_graph import _context_gen
from ptce_graph.errors import OutputError
from ptce_graph.io.rdf import CONTEXT_URL, packaged_context, parse_rdf
from ptce_graph.io.serialize import JsonLdContext, to_jsonld, to_ntriples, to_turtle
from tests.publish.graphs import edge_case_graph, fictional_pole
from tests.strategies import examples, poles


def _shuffled_copy(graph: Graph) -> Graph:
    """The same graph built in another order, with other blank-node ids."""
    mapping: dict[BNode, BNode] = {}
    out = Graph()
    for s, p, o in sorted(graph, key=lambda t: repr(t), reverse=True):
        s = mapping.setdefault(s, BNode()) if isinstance(s, BNode) else s
        o = mapping.setdefault(o, BNode()) if isinstance(o, BNode) else o
        out.add((s, p, o))
    return out


@pytest.mark.parametrize("writer", [to_turtle, to_ntriples, to_jsonld])
def test_same_graph_same_bytes(writer) -> None:  # noqa: ANN001
    for graph in (fictional_pole().to_graph(), edge_case_graph()):
        assert writer(graph) == writer(_shuffled_copy(graph))


def test_turtle_reads_pole_first_then_its_parts() -> None:
    text = to_turtle(fictional_pole().to_graph()).decode("utf-8")
    headings = re.findall(r"^# (?:--- (.*) ---|Pôle · pole : (.*))$", text, re.M)
    titles = [a or "pole" for a, _ in headings]
    assert titles == [
        "pole",
        "territoire · territory",
        "stratégie · strategy",
        "acteurs · actors",
        "adhésions · memberships",
        "liens de coopération · cooperation links",
        "projets · projects",
        "financements · funding",
        "lieux · places",
        "réunions · meetings",
        "objectifs du référentiel · référentiel assessments",
        "territoires INSEE · INSEE areas",
    ]
    assert headings[0][1] == "Pôle fictif des Coteaux"
    subjects = re.findall(r"^(<[^>]+>|\S+:\S+)$", text, re.M)
    pole = "<https://w3id.org/ptce/id/pole/pole-fictif-des-coteaux>"
    assert subjects[0] == pole
    # An annotation follows the actor it annotates.
    actor = subjects.index(pole[:-1] + "/actor/scop-a>")
    assert subjects[actor + 1] == pole[:-1] + "/actor/scop-a/annotation/x_site>"


def test_turtle_uses_prefixed_names_only_when_no_escape_is_needed() -> None:
    text = to_turtle(edge_case_graph()).decode("utf-8")
    assert "<https://example.org/ptce-test/a(b),c>" in text  # not ex:a\(b\)
    assert "\\(" not in text and "\\," not in text
    assert '"région"@fr-fr' in text


def test_writers_refuse_iris_that_would_break_out() -> None:
    evil = URIRef('https://ex.org/dt> . <https://ex.org/x> <https://ex.org/p> "INJ" . <https://ex.org/y')
    g = Graph()
    g.add((URIRef("https://ex.org/s"), URIRef("https://ex.org/p"), Literal("v", datatype=evil)))
    for writer in (to_turtle, to_ntriples, to_jsonld):
        with pytest.raises(OutputError):
            writer(g)


def test_a_long_blank_node_chain_is_written() -> None:
    g = Graph()
    node: URIRef | BNode = URIRef("https://example.org/start")
    for i in range(3_000):
        nxt = BNode()
        g.add((node, URIRef("https://example.org/next"), nxt))
        g.add((nxt, URIRef("https://example.org/i"), Literal(i)))
        node = nxt
    for writer, fmt in ((to_turtle, "turtle"), (to_ntriples, "nt"), (to_jsonld, "json-ld")):
        data = writer(g)
        back = parse_rdf(data, format=fmt)
        assert len(back) == len(g)


def test_jsonld_has_short_readable_keys_and_an_inline_context() -> None:
    doc = json.loads(to_jsonld(fictional_pole().to_graph()))
    assert set(doc) == {"@context", "@graph"}
    context = doc["@context"]
    assert all(
        not isinstance(v, str)
        or not v.startswith("http")
        or k in _context_gen.EXTRA_PREFIXES
        or v.endswith(("/", "#"))
        for k, v in context.items()
    )  # no remote context
    pole = doc["@graph"][0]
    assert pole["id"] == "ptceid:pole/pole-fictif-des-coteaux"
    assert pole["type"] == ["FormalOrganization", "Pole"]
    assert pole["label"] == "Pôle fictif des Coteaux" and pole["fictional"] is True
    assert pole["territory"] == "ptceid:pole/pole-fictif-des-coteaux/territory"
    assert pole["legalForm"] == "ptcelf:association"
    membership = next(n for n in doc["@graph"] if n["id"].endswith("/membership/scop-a"))
    assert membership == {
        "id": membership["id"],
        "type": "Membership",
        "endDate" if "endDate" in membership else "member": membership.get("endDate", membership["member"]),
        **{k: membership[k] for k in membership if k not in ("id", "type")},
    }
    assert membership["relation"] == "Member" and membership["roleLabel"] == "fondatrice"
    funding = next(n for n in doc["@graph"] if n.get("type") == "Funding")
    assert funding["amount"] == "45000.5" and funding["programme"] == "StateCall2015"
    assert funding["year"] == {"@value": "2015", "@type": "xsd:gYear"}
    # Only the terms used are in the inline context, and it reads back to the same graph.
    assert "Pole" in context and "EmployerGroup" not in context
    assert isomorphic(
        parse_rdf(to_jsonld(fictional_pole().to_graph()), format="json-ld"), fictional_pole().to_graph()
    )


@pytest.mark.parametrize("budget", examples(60))
def test_jsonld_round_trips_losslessly(budget: int) -> None:
    import pyoxigraph as ox

    @settings(max_examples=budget, deadline=None)
    @given(poles())
    def round_trip(pole) -> None:  # noqa: ANN001
        graph = pole.to_graph()
        data = to_jsonld(graph)
        assert isomorphic(parse_rdf(data, format="json-ld"), graph)
        lines = "".join(
            f"{q.subject} {q.predicate} {q.object} .\n" for q in ox.parse(data, format=ox.RdfFormat.JSON_LD)
        )
        assert isomorphic(Graph().parse(data=lines, format="nt"), graph)

    round_trip()


def test_jsonld_literals_keep_their_exact_form() -> None:
    g = Graph()
    s = URIRef("https://example.org/s")
    amount = URIRef("https://w3id.org/ptce/ns#amount")
    values = [
        Literal("007", datatype=URIRef("http://www.w3.org/2001/XMLSchema#integer"), normalize=False),
        Literal("1", datatype=URIRef("http://www.w3.org/2001/XMLSchema#boolean"), normalize=False),
        Literal("12", datatype=URIRef("http://www.w3.org/2001/XMLSchema#integer")),
        Literal("true", datatype=URIRef("http://www.w3.org/2001/XMLSchema#boolean")),
        Literal("1e3", datatype=URIRef("http://www.w3.org/2001/XMLSchema#double"), normalize=False),
    ]
    for i, v in enumerate(values):
        g.add((s, URIRef(f"https://example.org/p{i}"), v))
    g.add((s, amount, Literal("not a decimal but a plain string")))
    g.add((s, amount, Literal("12.50", datatype=URIRef("http://www.w3.org/2001/XMLSchema#decimal"))))
    g.add((s, URIRef("https://w3id.org/ptce/ns#territory"), Literal("a literal where an IRI is expected")))
    doc = json.loads(to_jsonld(g))
    node = doc["@graph"][0]
    assert node["https://example.org/p0"] == {"@value": "007", "@type": "xsd:integer"}
    assert node["https://example.org/p2"] == 12 and node["https://example.org/p3"] is True
    assert sorted(node["amount"], key=str) == sorted(
        ["12.50", {"@value": "not a decimal but a plain string"}], key=str
    )
    assert node["territory"] == {"@value": "a literal where an IRI is expected"}
    assert node["https://example.org/p1"] == {"@value": "1", "@type": "xsd:boolean"}
    assert node["https://example.org/p4"] == {"@value": "1e3", "@type": "xsd:double"}


def test_documents_citing_the_context_url_are_read_with_the_packaged_context() -> None:
    doc = {"@context": CONTEXT_URL, "id": "ptceid:pole/x", "type": "Pole", "label": "X", "relation": "Member"}
    g = parse_rdf(json.dumps(doc).encode("utf-8"), format="json-ld")
    assert (
        URIRef("https://w3id.org/ptce/id/pole/x"),
        URIRef("https://w3id.org/ptce/ns#relation"),
        URIRef("https://w3id.org/ptce/ns#Member"),
    ) in g
    assert len(g) == 3


def test_the_context_is_generated_from_the_ontology() -> None:
    generated = _context_gen.render(_context_gen.load_ontology_fresh())
    current = (Path(_context_gen.__file__).resolve().parent.parent / "ontology" / "context.jsonld").read_text(
        "utf-8"
    )
    assert generated == current, "run `python -m ptce_graph._context_gen` after editing ontology/"
    context = packaged_context()
    assert context["id"] == "@id" and context["type"] == "@type"
    assert context["territory"] == {"@id": "ptce:territory", "@type": "@vocab"}
    assert context["amount"] == {"@id": "ptce:amount", "@type": "xsd:decimal"}
    assert context["label"] == "rdfs:label" and context["member"] == {"@id": "org:member", "@type": "@id"}
    assert "@vocab" not in context


def test_unsupported_contexts_are_refused() -> None:
    with pytest.raises(OutputError, match="@vocab"):
        JsonLdContext({"@vocab": "https://example.org/"})
    with pytest.raises(OutputError, match="only @id and @type"):
        JsonLdContext({"x": {"@id": "https://example.org/x", "@container": "@list"}})
    g = Graph()
    g.add((URIRef("label:thing"), URIRef("https://example.org/p"), Literal("x")))
    with pytest.raises(OutputError, match="scheme is also a context term"):
        to_jsonld(g)
