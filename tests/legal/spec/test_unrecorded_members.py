"""A pole whose members are not recorded cannot fail a clause that counts its actors.

Regression: Le Périscope (the paper names two partners, no member) came out
``does-not-fit`` on other-enterprises because neither partner is a non-ESS
enterprise.  An actor list without members is incomplete: such clauses are
``unknown``, and they become ``not-met`` only once members are recorded.
"""

from __future__ import annotations

import pytest

from ptce_graph import Actor, Pole, Relation, validate
from ptce_graph.model import Project

AS_OF = "2026-01-01"


def _partners_only(*partners: Actor) -> Pole:
    pole = Pole(id="partners-only", name="Pôle fictif sans membres consignés", fictional=True)
    for actor in partners:
        pole.add_actor(actor, Relation.PARTNER)
    return pole


def _status(pole: Pole, definition: str, clause: str) -> str:
    report = validate(pole.to_graph(), definition=definition, as_of=AS_OF)
    return report[0].clause(clause).status.value


@pytest.mark.parametrize("definition", ["law-2014", "senate-2013"])
def test_other_enterprises_unknown_without_members(definition: str) -> None:
    pole = _partners_only(
        Actor(id="region", name="Région fictive", kind="local-authority", legal_form="7230"),
        Actor(id="epci", name="Agglomération fictive", kind="local-authority-grouping", legal_form="7348"),
    )
    assert _status(pole, definition, "other-enterprises") == "unknown"
    # Once members are recorded and none is a non-ESS enterprise, the clause is not met.
    pole.add_actor(Actor(id="asso", name="Association fictive", kind="enterprise", legal_form="association"))
    assert _status(pole, definition, "other-enterprises") == "not-met"


def test_partners_unknown_without_members() -> None:
    pole = _partners_only(
        Actor(id="sarl", name="SARL fictive", kind="enterprise", legal_form="commercial-company", ess_mention=False)
    )
    assert _status(pole, "law-2014", "partners") == "unknown"
    assert _status(pole, "labo-2010", "partners") == "met"  # a non-ESS SME counts in 2010
    pole.add_actor(Actor(id="asso", name="Association fictive", kind="enterprise", legal_form="association"))
    assert _status(pole, "law-2014", "partners") == "not-met"


def test_labo_partners_unknown_without_members() -> None:
    pole = _partners_only(Actor(id="net", name="Réseau fictif", kind="ess-network", legal_form="association"))
    assert _status(pole, "labo-2010", "partners") == "unknown"
    pole.add_actor(Actor(id="asso", name="Association fictive", kind="enterprise", legal_form="association"))
    assert _status(pole, "labo-2010", "partners") == "not-met"


def test_a_known_qualifying_partner_still_meets_the_clause() -> None:
    pole = _partners_only(
        Actor(id="sarl", name="SARL fictive", kind="enterprise", legal_form="commercial-company", ess_mention=False)
    )
    pole.projects.append(Project(id="p", innovation="social"))
    assert _status(pole, "law-2014", "other-enterprises") == "met"


def test_the_papers_poles_are_undetermined_never_failing(repo) -> None:  # noqa: ANN001
    report = validate(repo / "examples" / "paper-2014" / "le-periscope.ttl", as_of=AS_OF)
    assert [p.verdict.value for p in report] == ["undetermined"]


def test_shapes_and_python_agree_that_a_person_is_not_ess() -> None:
    pole = Pole(id="persons", name="Pôle fictif", fictional=True)
    pole.add_actor(Actor(id="habitante", name="Habitante bénévole (fictive)", kind="person"))
    report = validate(pole.to_graph(), definition="law-2014", as_of=AS_OF)
    (actor,) = report[0].actors
    assert actor.status.value == "no"
    # Every member is a natural person, so no member is an ESS enterprise: not met (not unknown).
    assert report[0].clause("ess-enterprises").status.value == "not-met"
