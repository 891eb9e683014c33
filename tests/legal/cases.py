"""Fictional test poles: one that fits every definition, and one per (clause, status) that breaks one clause.

Each :class:`Case` mutates :func:`~tests.legal.poles.fitting_pole` so that, under
the definitions it lists, exactly one clause becomes ``not-met`` or ``unknown``
while every other clause stays ``met``.  All data is illustrative (fictional
names, no real organisation).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, replace

from ptce_graph.model import Actor, Funding, Link, Pole
from tests.legal.poles import fitting_pole

ALL = ("labo-2010", "senate-2013", "law-2014", "decree-2015")
LATER = ("senate-2013", "law-2014", "decree-2015")


def set_actor(pole: Pole, actor_id: str, **changes: object) -> None:
    pole.actors = [replace(a, **changes) if a.id == actor_id else a for a in pole.actors]


def set_relation(pole: Pole, actor_id: str, relation: str | None) -> None:
    pole.memberships = [replace(m, relation=relation) if m.actor == actor_id else m for m in pole.memberships]


def drop_actor(pole: Pole, actor_id: str) -> None:
    pole.actors = [a for a in pole.actors if a.id != actor_id]
    pole.memberships = [m for m in pole.memberships if m.actor != actor_id]
    pole.links = [lk for lk in pole.links if actor_id not in (lk.source, lk.target)]
    pole.projects = [
        replace(p, participants=[x for x in p.participants if x != actor_id]) for p in pole.projects
    ]


def set_project(pole: Pole, **changes: object) -> None:
    pole.projects = [replace(p, **changes) for p in pole.projects]


@dataclass(frozen=True)
class Case:
    slug: str
    definitions: tuple[str, ...]
    clause: str
    status: str
    mutate: Callable[[Pole], None]
    why: str

    def pole(self) -> Pole:
        pole = fitting_pole(self.slug)
        self.mutate(pole)
        return pole


# -- territory ------------------------------------------------------------------


def _member_outside(p: Pole) -> None:
    set_actor(p, "quartier", commune="75056")  # Paris, outside the Haute-Garonne


def _no_territory(p: Pole) -> None:
    p.territory = None


# -- ESS enterprises ------------------------------------------------------------


def _no_ess_member(p: Pole) -> None:
    for actor in ("atelier", "quartier"):
        set_actor(p, actor, legal_form="commercial-company", ess_mention=False)


def _ess_unknown(p: Pole) -> None:
    for actor in ("atelier", "quartier"):
        set_actor(p, actor, legal_form="commercial-company", ess_mention=None)


# -- other enterprises ----------------------------------------------------------


def _no_non_ess(p: Pole) -> None:
    set_actor(p, "dupont", legal_form="association", ess_mention=None)


def _non_ess_unknown(p: Pole) -> None:
    set_actor(p, "dupont", ess_mention=None)


# -- partners -------------------------------------------------------------------


def _only_enterprises(p: Pole) -> None:
    drop_actor(p, "commune")
    drop_actor(p, "universite")


def _partner_kind_unknown(p: Pole) -> None:
    _only_enterprises(p)
    p.add_actor(Actor(id="collectif", name="Collectif sans type"), "partner")


def _labo_no_partner(p: Pole) -> None:
    # No SME, local authority, research or training body: an ESS network and a person do not count.
    for actor in ("commune", "universite", "dupont"):
        drop_actor(p, actor)
    p.links.append(Link(source="quartier", target="atelier", logic="mutualisation", kind="shared-premises"))
    p.add_actor(
        Actor(id="reseau", name="Réseau fictif de l'ESS", kind="ess-network", legal_form="association"),
        "partner",
    )
    p.add_actor(Actor(id="benevole", name="Camille Bénévole", kind="person"), "partner")


def _labo_partner_unknown(p: Pole) -> None:
    _labo_no_partner(p)
    p.add_actor(Actor(id="collectif", name="Collectif sans type"), "partner")


def _decree_partner_not_member(p: Pole) -> None:
    set_relation(p, "commune", "partner")


def _decree_partner_unknown(p: Pole) -> None:
    set_actor(p, "commune", kind="other", legal_form=None)


# -- strategy -------------------------------------------------------------------


def _strategy_ended(p: Pole) -> None:
    p.strategy = replace(p.strategy, end="2020")  # type: ignore[arg-type]


def _no_strategy(p: Pole) -> None:
    p.strategy = None


# -- cooperation ----------------------------------------------------------------


def _self_links(p: Pole) -> None:
    p.links = [Link(source="atelier", target="atelier", logic="mutualisation")]


def _no_links(p: Pole) -> None:
    p.links = []


def _only_mutualisation(p: Pole) -> None:
    p.links = [
        Link(source="atelier", target="dupont", logic="mutualisation", kind="employer-group"),
        Link(source="quartier", target="commune", logic="partnership", kind="agreement"),
    ]


def _links_with_partner_only(p: Pole) -> None:
    p.links = [Link(source="atelier", target="universite", logic="interaction", kind="working-group")]


# -- projects -------------------------------------------------------------------


def _not_innovative(p: Pole) -> None:
    set_project(p, innovation="none")


def _technological(p: Pole) -> None:
    set_project(p, innovation="technological")


def _innovation_unknown(p: Pole) -> None:
    set_project(p, innovation=None)


def _not_sustainable(p: Pole) -> None:
    set_project(p, sustainable_local_development=False)


def _sustainable_unknown(p: Pole) -> None:
    set_project(p, sustainable_local_development=None)


# -- decree only ----------------------------------------------------------------


def _public_pole(p: Pole) -> None:
    p.legal_form = "public-body"


def _no_pole_form(p: Pole) -> None:
    p.legal_form = None


def _two_legal_persons(p: Pole) -> None:
    # The association becomes a training body (an ESS enterprise and « une autre personne » at once), the
    # cooperative a natural person and the commune a partner: two legal persons remain among the members.
    set_actor(p, "quartier", kind="training-body")
    set_actor(p, "atelier", kind="person", legal_form=None)
    set_relation(p, "commune", "partner")


def _legal_persons_unknown(p: Pole) -> None:
    # As above, but the commune stays a member whose kind and form are not recorded: a third legal person?
    set_actor(p, "quartier", kind="training-body")
    set_actor(p, "atelier", kind="person", legal_form=None)
    set_actor(p, "commune", kind="other", legal_form=None)


def _state_funded(p: Pole) -> None:
    p.funding.append(
        Funding(funder="État", kind="public", program="state-ptce-call-2014", year=2014, amount=50000)
    )


def _history_incomplete(p: Pole) -> None:
    p.funding_history_complete = None


CASES: tuple[Case, ...] = (
    Case(
        "territory-not-met", ALL, "territory", "not-met", _member_outside, "a member in Paris, territory 31"
    ),
    Case("territory-unknown", ALL, "territory", "unknown", _no_territory, "no territory declared"),
    Case("ess-not-met", ALL, "ess-enterprises", "not-met", _no_ess_member, "every member outside the ESS"),
    Case(
        "ess-unknown", ALL, "ess-enterprises", "unknown", _ess_unknown, "ESS mention of the companies unknown"
    ),
    Case("other-not-met", LATER, "other-enterprises", "not-met", _no_non_ess, "no non-ESS enterprise"),
    Case(
        "other-unknown",
        LATER,
        "other-enterprises",
        "unknown",
        _non_ess_unknown,
        "the company's mention unknown",
    ),
    Case(
        "partners-not-met",
        ("senate-2013", "law-2014"),
        "partners",
        "not-met",
        _only_enterprises,
        "only enterprises",
    ),
    Case(
        "partners-unknown",
        ("senate-2013", "law-2014"),
        "partners",
        "unknown",
        _partner_kind_unknown,
        "only enterprises and an actor of unknown kind",
    ),
    Case(
        "labo-partners-not-met",
        ("labo-2010",),
        "partners",
        "not-met",
        _labo_no_partner,
        "ESS enterprises, an ESS network and a person only",
    ),
    Case(
        "labo-partners-unknown",
        ("labo-2010",),
        "partners",
        "unknown",
        _labo_partner_unknown,
        "as above, plus an actor of unknown kind",
    ),
    Case(
        "decree-partners-not-met",
        ("decree-2015",),
        "partners",
        "not-met",
        _decree_partner_not_member,
        "the local authority is only a partner",
    ),
    Case(
        "decree-partners-unknown",
        ("decree-2015",),
        "partners",
        "unknown",
        _decree_partner_unknown,
        "the only non-enterprise member has no legal form",
    ),
    Case("strategy-not-met", ALL, "strategy", "not-met", _strategy_ended, "strategy ended in 2020"),
    Case("strategy-unknown", ALL, "strategy", "unknown", _no_strategy, "no strategy recorded"),
    Case("cooperation-not-met", ("law-2014",), "cooperation", "not-met", _self_links, "only a self link"),
    Case("cooperation-unknown", ALL, "cooperation", "unknown", _no_links, "no link recorded"),
    Case(
        "senate-cooperation-not-met",
        ("labo-2010", "senate-2013"),
        "cooperation",
        "not-met",
        _only_mutualisation,
        "mutualisation and partnership, no cooperation",
    ),
    Case(
        "decree-cooperation-not-met",
        ("decree-2015",),
        "cooperation",
        "not-met",
        _links_with_partner_only,
        "the only link joins a member and a partner",
    ),
    Case(
        "innovation-not-met", ALL, "innovation", "not-met", _not_innovative, "the project is not innovative"
    ),
    Case(
        "senate-innovation-not-met",
        ("senate-2013",),
        "innovation",
        "not-met",
        _technological,
        "technological innovation only",
    ),
    Case("innovation-unknown", ALL, "innovation", "unknown", _innovation_unknown, "innovation not recorded"),
    Case(
        "sustainable-not-met",
        ALL,
        "sustainable-development",
        "not-met",
        _not_sustainable,
        "the project is declared not sustainable",
    ),
    Case(
        "sustainable-unknown",
        ALL,
        "sustainable-development",
        "unknown",
        _sustainable_unknown,
        "sustainable development not recorded",
    ),
    Case(
        "legal-person-not-met",
        ("decree-2015",),
        "legal-person",
        "not-met",
        _public_pole,
        "the pole is a public body",
    ),
    Case(
        "legal-person-unknown",
        ("decree-2015",),
        "legal-person",
        "unknown",
        _no_pole_form,
        "the pole's legal form not recorded",
    ),
    Case(
        "three-not-met",
        ("decree-2015",),
        "three-legal-persons",
        "not-met",
        _two_legal_persons,
        "two legal persons among the members",
    ),
    Case(
        "three-unknown",
        ("decree-2015",),
        "three-legal-persons",
        "unknown",
        _legal_persons_unknown,
        "two known legal persons, one unknown",
    ),
    Case(
        "funded-not-met",
        ("decree-2015",),
        "not-previously-funded",
        "not-met",
        _state_funded,
        "funded by the State's 2014 call",
    ),
    Case(
        "funded-unknown",
        ("decree-2015",),
        "not-previously-funded",
        "unknown",
        _history_incomplete,
        "funding history not declared complete",
    ),
)


def case_params() -> list[tuple[str, Case]]:
    """(definition, case) for every case and every definition it applies to."""
    return [(d, c) for c in CASES for d in c.definitions]


def all_cases_pole_list() -> list[Pole]:
    return [fitting_pole("fits")] + [c.pole() for c in CASES]
