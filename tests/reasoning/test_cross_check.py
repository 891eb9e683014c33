"""The ESS status the reasoner infers equals the one the Python model derives
(ptce_graph.ess.ess_status), on every fixture and example.

What "the reasoner infers" means, under OWL's open world:

* yes: the actor is inferred to be a ptce:ESSEnterprise;
* no: the actor is inferred to be a ptce:NonESSActor — a class defined by the
  legal form (a non-ESS form, or a commercial company form with the ESS
  mention false) and disjoint with ptce:ESSEnterprise.  Inferring "not ESS"
  needs such closure: the families of legal forms are disjoint and
  ptce:essMention is functional; without them, the open world would never
  rule ESS out;
* unknown: neither.  A local authority or a natural person recorded without a
  legal form stays unknown, as in ess.py, although the reasoner knows it is no
  ESS enterprise (it is a public-law legal person, or no legal person): the
  ESS status of article 1 is about the legal form (ptce:essStatus).

The equality holds for data that states ESS facts through ptce:legalForm and
ptce:essMention, as the spreadsheet bundle and the model write them.  Data that
asserts ptce:ESSEnterprise (or a legal form of its own, outside the ptcelf:
table) directly gives the reasoner facts that ess.py does not read.
"""

from __future__ import annotations

import warnings
from pathlib import Path

import pytest

from ptce_graph.errors import DataWarning
from ptce_graph.model import Actor, Membership, Pole, Relation, poles_from_graph
from ptce_graph.namespaces import PTCE

from .conftest import ess_reads

REPO = Path(__file__).resolve().parents[2]

#: every form of the test table, unlisted INSEE codes of each first digit, an
#: unrecognised form, and no form at all
FORMS = [
    "association", "cooperative", "scop", "scic", "mutual", "foundation", "commercial-company",
    "sole-proprietorship", "public-body",
    "1000", "5458", "5710", "7210", "7346", "8210", "9210", "9220", "9300", "9900",
    "1900", "2110", "3120", "4110", "5499", "6540", "7111", "8310", "9150",
    "not-a-form", None,
]
MENTIONS = [True, False, None]


def every_case() -> Pole:
    pole = Pole(id="cross-check", name="Contrôle croisé (fictif)", fictional=True)
    for i, form in enumerate(FORMS):
        for mention in MENTIONS:
            actor_id = f"a{i:02d}-{form or 'none'}-{mention}"
            pole.actors.append(Actor(id=actor_id, name=actor_id, legal_form=form, ess_mention=mention))
            pole.memberships.append(Membership(actor=actor_id, relation=Relation.MEMBER))
    return pole


def python_statuses(graph, ontology) -> dict[str, str]:
    with ess_reads(ontology):
        return {a.iri: a.ess().status.value for p in poles_from_graph(graph) for a in p.actors}


def assert_agree(result, expected: dict[str, str]) -> None:
    got = {iri: result.ess_status(iri).value for iri in expected}
    assert got == expected
    # the classes say the same as the status
    for iri, status in expected.items():
        c = result.classification(iri)
        assert c.has(PTCE.ESSEnterprise) is (status == "yes")
        assert c.has(PTCE.NonESSActor) is (status == "no")


@pytest.fixture(scope="module")
def cases(test_onto):
    with ess_reads(test_onto):
        return every_case().to_graph()


def test_the_cases_cover_every_status(cases, test_onto) -> None:
    statuses = python_statuses(cases, test_onto)
    assert len(statuses) == len(FORMS) * len(MENTIONS)
    counts = {s: list(statuses.values()).count(s) for s in ("yes", "no", "unknown")}
    assert counts == {"yes": 33, "no": 33, "unknown": 24}


@pytest.mark.java
def test_hermit_agrees_with_ess_py_on_every_form_and_mention(cases, test_onto,
                                                             reason_with_test_ontology) -> None:
    for mode in ("approximate", "exact"):
        result = reason_with_test_ontology(cases, "hermit", nominals=mode)
        assert result.consistent and result.reasoner == "hermit"
        assert_agree(result, python_statuses(cases, test_onto))


def test_structural_checks_agree_with_ess_py_too(cases, test_onto, reason_with_test_ontology) -> None:
    """Without Java the status shown is ess.py's; the structural classes must say the same."""
    result = reason_with_test_ontology(cases, None)
    assert_agree(result, python_statuses(cases, test_onto))


@pytest.mark.java
def test_hermit_agrees_on_the_coteaux(coteaux, test_onto, reason_with_test_ontology) -> None:
    assert_agree(reason_with_test_ontology(coteaux, "hermit"), python_statuses(coteaux, test_onto))


#: The public registry's bundles, one per pole: their actors are those of its registry.ttl and
#: registry.jsonld, with the same statuses (build.py writes the three from one table, which
#: tests/examples/test_registry_public.py rebuilds and compares), so one reasoner run on each file
#: compares them all, where the bundles took one run each (55 runs of 4-6 s, most on a pole without actors).
REGISTRY_BUNDLES = REPO / "examples" / "registry-public" / "bundles"


def _examples() -> list[Path]:
    base = REPO / "examples"
    if not base.is_dir():
        return []
    found = {p.parent for p in base.rglob("pole.csv")}
    found |= {p for ext in ("*.ttl", "*.jsonld", "*.nt", "*.rdf") for p in base.rglob(ext)}
    return sorted(p for p in found if REGISTRY_BUNDLES not in p.parents)


def _example_params() -> list:
    """Every example; the default run keeps the fictional pole's bundle (3-4 s of HermiT each), the
    others run with ``-m slow``."""
    found = _examples()
    if not found:
        return [pytest.param(None, id="no-examples-yet")]
    return [pytest.param(p, id=p.name, marks=() if p.parent.name == "fictional-pole" and p.name == "bundle"
                         else pytest.mark.slow) for p in found]


@pytest.mark.java
@pytest.mark.parametrize("example", _example_params())
def test_hermit_agrees_on_every_example_with_the_shipped_ontology(example: Path | None) -> None:
    """With the ontology as shipped (its full legal-form table) and ess.py reading it."""
    if example is None:
        pytest.skip("examples/ holds no pole yet")
    from ptce_graph.io import load
    from ptce_graph.reasoning import reason

    graph = load(example)
    # (a legal form defined outside the ptcelf: table is read by the reasoner, not by ess.py:
    # the documented exception, left out of the comparison)
    foreign = {str(s) for s, form in graph.subject_objects(PTCE.legalForm)
               if not str(form).startswith("https://w3id.org/ptce/legal-form/")}
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", DataWarning)
        poles = poles_from_graph(graph)
    expected = {a.iri: a.ess().status.value for p in poles for a in p.actors if a.iri not in foreign}
    result = reason(graph)
    assert result.reasoner == "hermit"
    if not result.consistent:
        culprits = {n for i in result.inconsistencies for n in i.individuals}
        expected = {iri: s for iri, s in expected.items() if iri not in {str(c) for c in culprits}}
    assert {iri: result.ess_status(iri).value for iri in expected} == expected
