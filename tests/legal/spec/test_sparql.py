"""The SPARQL building blocks of the shapes; first, their ESS rule is exactly that of ptce_graph.ess.ess_status.

For every legal form of ``ontology/legal-forms.ttl``, one unlisted INSEE code per
first digit, no legal form and an unrecognised one, each with the ESS mention
yes / no / unknown and the cooperative status yes / no / unknown (and natural persons): a pole whose only
member has that form, mention and cooperative status.  The
ess-enterprises clause of law-2014 must be met exactly when ess_status says
yes, not met when it says no, unknown when it says unknown.  All poles are
validated in one pass with the shapes of that clause only.
"""

from __future__ import annotations

import re

import pyoxigraph as ox
import pytest
from rdflib import Graph
from rdflib.namespace import RDF, SH, SKOS

from ptce_graph.ess import NAMED_LEGAL_FORMS, ESSStatus, ess_status
from ptce_graph.legal.shacl.engine import run_shacl
from ptce_graph.legal.shacl.shapes import shapes_graph
from ptce_graph.legal.shacl.working import working_graph
from ptce_graph.legal.spec.sparql import CONTEXT_IRI, MACROS, TOKENS, expand
from ptce_graph.model import Actor, Pole, new_graph
from ptce_graph.namespaces import PTCE
from ptce_graph.resources import ontology_graph
from tests.legal.poles import AS_OF

EXPECTED = {ESSStatus.YES: None, ESSStatus.NO: "not-met", ESSStatus.UNKNOWN: "unknown"}


def _forms() -> list[str | None]:
    onto = ontology_graph()
    listed = {
        str(onto.value(c, SKOS.notation))
        for c in onto.subjects(RDF.type, PTCE.LegalForm)
        if onto.value(c, SKOS.notation) is not None
    }
    unlisted = [f"{digit}{'998' if digit != '9' else '997'}" for digit in "123456789"]
    return [*sorted(listed), *unlisted, None, "not-a-form"]


def _clause_shapes() -> Graph:
    """The law-2014 ess-enterprises shapes alone (and the prefix declarations they use)."""
    full = shapes_graph(("law-2014.ttl",))
    keep = Graph()
    wanted = {
        s
        for s in full.subjects(PTCE.checksClause, None)
        if str(s).startswith("https://w3id.org/ptce/shapes/law-2014/ess-enterprises/")
    }
    nodes = set(wanted) | {o for s in wanted for o in full.objects(s, SH.sparql)}
    nodes |= {o for n in list(nodes) for o in full.objects(n, SH.prefixes)}
    frontier = list(nodes)
    while frontier:
        node = frontier.pop()
        for p, o in full.predicate_objects(node):
            keep.add((node, p, o))
            if p == SH.declare and o not in nodes:
                nodes.add(o)
                frontier.append(o)
    return keep


def test_at_least_the_documented_forms_are_covered() -> None:
    forms = _forms()
    assert {*NAMED_LEGAL_FORMS, "9220", "5710", "7210", "9210", "9900"} <= set(forms)
    assert len(forms) > 100


def test_shacl_and_ess_status_agree_on_every_legal_form_and_mention() -> None:
    graph = new_graph()
    expected: dict[str, tuple[str | None, ESSStatus]] = {}
    combinations = [(form, mention, cooperative, "enterprise") for form in _forms() for mention in (True, False, None)
                    for cooperative in (True, False, None)]
    combinations += [(form, None, cooperative, "person") for form in (None, "association", "5710", "not-a-form")
                     for cooperative in (True, None)]
    for i, (form, mention, cooperative, kind) in enumerate(combinations):
        pole_id = f"p{i:04d}-{mention}"
        pole = Pole(id=pole_id, name=f"{form} / {mention} / {cooperative} / {kind}")
        pole.add_actor(
            Actor(id="a", name="Acteur", kind=kind, legal_form=form, ess_mention=mention, cooperative=cooperative),
            "member",
        )
        pole.to_graph(graph)
        expected[f"https://w3id.org/ptce/id/pole/{pole_id}"] = (
            f"{form} {cooperative} {kind}", ess_status(form, mention, kind=kind, cooperative=cooperative).status)
    results = run_shacl(working_graph(graph, as_of=AS_OF), _clause_shapes())
    status: dict[str, str] = {}
    for r in results:
        status[str(r.focus)] = (
            "not-met" if r.severity == SH.Violation else status.get(str(r.focus), "unknown")
        )
    disagreements = {
        (form, pole.rsplit("-", 1)[1]): (ess.value, status.get(pole))
        for pole, (form, ess) in expected.items()
        if status.get(pole) != EXPECTED[ess]
    }
    assert disagreements == {}
    assert sum(1 for _, ess in expected.values() if ess is ESSStatus.YES) > 100


@pytest.mark.parametrize(
    ("form", "mention", "status"),
    [
        ("commercial-company", True, "met"),
        ("commercial-company", False, "not-met"),
        ("commercial-company", None, "unknown"),
        ("association", None, "met"),
        ("9210", None, "not-met"),  # an undeclared association: no legal personality
        ("9900", None, "unknown"),
        (None, None, "unknown"),
        ("5710/cooperative", False, "met"),  # a SCIC registered as an SAS: a cooperative, whatever the mention
        ("5499/cooperative", None, "met"),
        ("9900/cooperative", None, "met"),
        ("7210/cooperative", None, "not-met"),  # a commune cannot be a cooperative: the form decides (warned)
        ("None/cooperative", None, "met"),
    ],
)
def test_examples_through_validate(form: str | None, mention: bool | None, status: str) -> None:
    from ptce_graph.legal import validate

    cooperative = None
    if form is not None and form.endswith("/cooperative"):
        form, cooperative = form.split("/")[0], True
        form = None if form == "None" else form
    pole = Pole(id="seul", name="Un seul membre")
    pole.add_actor(
        Actor(id="a", name="Acteur", kind="enterprise", legal_form=form, ess_mention=mention, cooperative=cooperative),
        "member",
    )
    report = validate(pole, as_of=AS_OF)
    assert report[0].clause("ess-enterprises").status.value == status
    assert report[0].actors[0].status.value == {"met": "yes", "not-met": "no", "unknown": "unknown"}[status]
    if cooperative and status == "met":
        assert "cooperative" in report[0].actors[0].evidence
        assert "(column cooperative)" in report[0].actors[0].reason("en")


# ---------------------------------------------------------------------------
#  The macros themselves
# ---------------------------------------------------------------------------


def test_macros_expand_with_their_own_variables_each_time() -> None:
    text = expand("FILTER (@MEMBER(?a) && @MEMBER(?b))")
    assert "@" not in text
    assert "?a" in text and "?b" in text
    fresh = re.findall(r"\?\w+_(\d+)\b", text)
    assert fresh and len(set(fresh)) >= 2  # each call numbers its own helper variables


def test_tokens_and_the_evaluation_date_expand() -> None:
    text = expand("FILTER (?c IN (<<PARTNERSHIP>>)) @AS_OF")
    assert TOKENS["PARTNERSHIP"] in text
    assert CONTEXT_IRI in text and "?asOf" in text


def test_an_unknown_macro_is_an_error() -> None:
    with pytest.raises(KeyError, match="@NOT_A_MACRO"):
        expand("FILTER (@NOT_A_MACRO(?x))")


def test_every_macro_expands_to_valid_sparql() -> None:
    store = ox.Store()  # empty: Oxigraph parses each query (and raises on a syntax error) in microseconds
    for name in MACROS:
        query = ("PREFIX ptce: <https://w3id.org/ptce/ns#> PREFIX org: <http://www.w3.org/ns/org#> "
                 "PREFIX rdf: <http://www.w3.org/1999/02/22-rdf-syntax-ns#> "
                 f"SELECT ?x WHERE {{ ?x ?p ?o . FILTER (@{name}(?x)) }}")
        assert list(store.query(expand(query).replace("$this", "?this"))) == []
