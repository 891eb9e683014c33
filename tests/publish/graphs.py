"""Graphs the publication tests write, read and publish.

* :func:`fictional_pole` - an illustrative pole, marked fictional (no real
  organisation): every part of the model (territory, strategy, actors of
  several kinds, memberships, links of each logic, projects, funding, a
  place, a meeting, an assessment, extra spreadsheet columns);
* :func:`edge_case_graph` - what breaks writers and parsers: accents,
  quotes, backslashes, newlines, a 100,000-character literal, language tags
  with a region, characters outside the BMP, typed and non-canonical
  literals (non-canonical lexical forms such as ``007`` kept as they are:
  rdflib normalises them unless told not to), IRIs with parentheses and
  non-ASCII, literals that look like syntax, nested and chained blank nodes,
  a blank-node cycle.
"""

from __future__ import annotations

from rdflib import BNode, Graph, Literal, URIRef
from rdflib.namespace import RDF, RDFS, XSD

from ptce_graph.model import (
    Actor,
    Assessment,
    Funding,
    Link,
    Meeting,
    Place,
    Pole,
    Project,
    Strategy,
    Territory,
)

EX = "https://example.org/ptce-test/"


def fictional_pole() -> Pole:
    """A fictional pole (illustrative data, no real organisation)."""
    pole = Pole(
        id="pole-fictif-des-coteaux",
        name="Pôle fictif des Coteaux",
        fictional=True,
        description="Pôle imaginaire servant d'exemple : « coopération » entre acteurs fictifs.",
        territory=Territory(
            name="Coteaux (fictif)", codes=["31555", "31", "R76", "243100518"], kind="peri-urban"
        ),
        legal_form="association",
        strategy=Strategy(name="Charte de coopération", start="2015-03", end="2020", kind="charter"),
        sector="production",
        origin="citizen-associative",
        founding="2014-06-01",
        extra={"x_note": "ligne 1\nligne 2"},
    )
    pole.add_actor(
        Actor(
            id="scop-a",
            name="SCOP A (fictive)",
            kind="enterprise",
            legal_form="scop",
            siret="73282932000074",
            commune="31555",
            extra={"x_site": "https://example.org/a"},
        ),
        "member",
        role="fondatrice",
        start="2014",
    )
    pole.add_actor(
        Actor(id="asso-b", name="Association « B »", kind="enterprise", legal_form="9220", commune="31555"),
        "member",
    )
    pole.add_actor(
        Actor(
            id="sarl-c",
            name="SARL C & fils",
            kind="enterprise",
            legal_form="commercial-company",
            ess_mention=False,
        ),
        "member",
    )
    pole.add_actor(
        Actor(id="ville", name="Ville fictive", kind="local-authority", legal_form="7210"), "partner"
    )
    pole.add_actor(Actor(id="labo", name="Laboratoire fictif", kind="research-centre"), "partner")
    pole.links += [
        Link(
            source="scop-a", target="asso-b", logic="mutualisation", kind="shared-premises", start="2015-01"
        ),
        Link(source="asso-b", target="sarl-c", logic="interaction", kind="working-group", start="2016"),
        Link(
            source="scop-a",
            target="sarl-c",
            logic="animation",
            kind="event",
            start="2017-05-12",
            end="2017-05-12",
        ),
        Link(source="ville", target="scop-a", logic="partnership", kind="agreement", id="convention-2015"),
    ]
    pole.projects.append(
        Project(
            id="recyclerie",
            name="Recyclerie partagée",
            innovation="social",
            sustainable_local_development=True,
            participants=["scop-a", "asso-b"],
        )
    )
    pole.funding.append(
        Funding(
            funder="ville",
            kind="public",
            program="state-ptce-call-2015",
            year=2015,
            amount="45000.50",
            supported_by=["scop-a"],
        )
    )
    pole.places.append(
        Place(id="halle", name="Halle fictive", commune="31555", showcase=True, opening="2016-09")
    )
    pole.meetings.append(
        Meeting(
            id="seminaire-1",
            kind="seminar",
            name="Séminaire de coopération",
            date="2016-11-20",
            participants=40,
            organisations=12,
            attendees=["scop-a", "ville"],
        )
    )
    pole.assessments.append(Assessment(objective="O1", practice="Rencontres mensuelles"))
    return pole


def edge_case_graph() -> Graph:
    """A graph of what tends to break writers, parsers and stores."""
    g = Graph(bind_namespaces="none")
    s = URIRef(EX + "s")
    values = [
        Literal("Été à l'Haÿ-les-Roses, Œuvre"),
        Literal("quote \" and ' and \\ backslash"),
        Literal("line 1\nline 2\r\n\ttabbed"),
        Literal("long " + "x" * 100_000),
        Literal("\"\"\"triple quotes\"\"\" and '''single'''"),
        Literal("région", lang="fr-FR"),
        Literal("region", lang="en"),
        Literal("hors BMP 😀 𝔘"),
        Literal(""),
        Literal("_:notabnode <not-an-iri> @fr ; . } #"),
        Literal("2014-07-31", datatype=XSD.date),
        Literal("2015", datatype=XSD.gYear),
        Literal("2015-03", datatype=XSD.gYearMonth),
        Literal("45000.50", datatype=XSD.decimal),
        Literal("007", datatype=XSD.integer, normalize=False),
        Literal("+12", datatype=XSD.integer, normalize=False),
        Literal("1", datatype=XSD.boolean, normalize=False),
        Literal("true", datatype=XSD.boolean),
        Literal("1e3", datatype=XSD.double, normalize=False),
        Literal("12", datatype=XSD.nonNegativeInteger),
        Literal("v", datatype=URIRef(EX + "custom-type")),
        Literal("\\u0022 not an escape"),
    ]
    for i, value in enumerate(values):
        g.add((s, URIRef(f"{EX}p{i:02d}"), value))
    g.add((URIRef(EX + "a(b),c"), RDFS.label, Literal("IRI with parentheses and a comma")))
    g.add((URIRef(EX + "é/ü?q=1&r=2"), RDFS.label, Literal("IRI with non-ASCII and a query")))
    g.add((s, URIRef(EX + "with.dot"), URIRef(EX + "x.y")))
    # Nested blank nodes, a chain, a cycle.
    outer, inner = BNode(), BNode()
    g.add((s, URIRef(EX + "nested"), outer))
    g.add((outer, RDF.type, URIRef(EX + "Outer")))
    g.add((outer, URIRef(EX + "inner"), inner))
    g.add((inner, RDFS.label, Literal("inner", lang="fr")))
    previous: URIRef | BNode = s
    for i in range(300):
        node = BNode()
        g.add((previous, URIRef(EX + "next"), node))
        g.add((node, URIRef(EX + "index"), Literal(i)))
        previous = node
    a, b = BNode(), BNode()
    g.add((a, URIRef(EX + "knows"), b))
    g.add((b, URIRef(EX + "knows"), a))
    g.add((s, URIRef(EX + "cycle"), a))
    return g


def lower_lang(graph: Graph) -> Graph:
    """The graph with language tags in lower case (Oxigraph, raptor and stores lowercase them)."""
    out = Graph(bind_namespaces="none")
    for s, p, o in graph:
        if isinstance(o, Literal) and o.language:
            o = Literal(str(o), lang=o.language.lower())
        elif isinstance(o, Literal) and o.datatype == XSD.string:
            o = Literal(str(o))
        elif isinstance(o, Literal) and o.datatype is not None:
            o = Literal(str(o), datatype=o.datatype, normalize=False)
        out.add((s, p, o))
    return out


def by_value(graph: Graph) -> Graph:
    """The graph with literals in canonical form, compared by value as stores keep them.

    Virtuoso stores values: ``"0.10"^^xsd:decimal`` comes back as ``"0.1"``;
    Oxigraph also turns ``"12"^^xsd:nonNegativeInteger`` into ``"12"^^xsd:integer``.
    Numbers and booleans are rewritten in one canonical form (integer types as
    ``xsd:integer``, whose value space they share); language
    tags in lower case; ``xsd:string`` literals untyped.
    """
    from decimal import Decimal, InvalidOperation

    numeric = {
        str(XSD.integer),
        str(XSD.nonNegativeInteger),
        str(XSD.positiveInteger),
        str(XSD.negativeInteger),
        str(XSD.nonPositiveInteger),
        str(XSD.long),
        str(XSD.int),
        str(XSD.short),
        str(XSD.byte),
    }
    out = Graph(bind_namespaces="none")
    for s, p, o in lower_lang(graph):
        if isinstance(o, Literal) and o.datatype is not None:
            dt, text = str(o.datatype), str(o)
            try:
                if dt in numeric:  # one value space: stores fold derived types into xsd:integer
                    o = Literal(str(int(text)), datatype=XSD.integer)
                elif dt == str(XSD.decimal):
                    value = Decimal(text)
                    canonical = format(value.normalize(), "f") if value != 0 else "0"
                    o = Literal(canonical, datatype=o.datatype)
                elif dt in (str(XSD.double), str(XSD.float)):
                    o = Literal(repr(float(text)), datatype=o.datatype)
                elif dt == str(XSD.boolean):
                    o = Literal("true" if text.strip() in ("1", "true") else "false", datatype=o.datatype)
            except (ValueError, InvalidOperation):
                pass
        out.add((s, p, o))
    return out


def same_graph(a: Graph, b: Graph) -> bool:
    """Graph isomorphism: rdflib's check for small blank-node structures, else a comparison of
    ptce_graph's canonical blank-node labels (rdflib's check takes minutes on long chains; the
    labels are checked against rdflib's isomorphism in tests/io/test_bnodes.py)."""
    from rdflib import BNode
    from rdflib.compare import isomorphic

    from ptce_graph.io.bnodes import relabel_bnodes

    if len(a) != len(b):
        return False
    blank = {t for triple in a for t in triple if isinstance(t, BNode)}
    if len(blank) < 40:
        return isomorphic(a, b)
    return set(relabel_bnodes(a)) == set(relabel_bnodes(b))
