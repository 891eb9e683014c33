"""Fictional poles for the legal-validation tests (illustrative data, no real organisation).

:func:`fitting_pole` fits every clause of the four definitions; the mutations
of :mod:`tests.legal.test_clauses` each break exactly one clause.
"""

from __future__ import annotations

import datetime as dt

from ptce_graph.model import Actor, Funding, Link, Pole, Project, Strategy, Territory, new_graph

AS_OF = dt.date(2026, 1, 1)


def fitting_pole(pole_id: str = "pole-fictif") -> Pole:
    """A fictional pole that fits labo-2010, senate-2013, law-2014 and decree-2015 as of 2026-01-01."""
    pole = Pole(
        id=pole_id,
        name="Pôle fictif du Sud-Est",
        fictional=True,
        legal_form="association",
        territory=Territory(name="Haute-Garonne (fictif)", codes=["31"]),
        strategy=Strategy(name="Charte de coopération", kind="charter", start="2015-03-01"),
    )
    pole.add_actor(
        Actor(id="atelier", name="Atelier Coop", kind="enterprise", legal_form="scop", commune="31555"),
        "member",
    )
    pole.add_actor(
        Actor(
            id="quartier",
            name="Association du Quartier",
            kind="enterprise",
            legal_form="association",
            commune="31069",
        ),
        "member",
    )
    pole.add_actor(
        Actor(
            id="dupont",
            name="SARL Dupont",
            kind="enterprise",
            legal_form="commercial-company",
            ess_mention=False,
            siret="99999999900009",
            commune="31555",
        ),
        "member",
    )
    pole.add_actor(
        Actor(
            id="commune", name="Commune fictive", kind="local-authority", legal_form="7210", commune="31555"
        ),
        "member",
    )
    pole.add_actor(
        Actor(
            id="universite",
            name="Université fictive",
            kind="higher-education",
            legal_form="public-body",
            commune="75056",
        ),
        "partner",
    )
    pole.links = [
        Link(source="atelier", target="dupont", logic="mutualisation", kind="employer-group", start="2016"),
        Link(source="atelier", target="quartier", logic="interaction", kind="working-group", start="2016-05"),
        Link(source="quartier", target="commune", logic="partnership", kind="agreement"),
    ]
    pole.projects = [
        Project(
            id="recyclerie",
            name="Recyclerie solidaire",
            innovation="social",
            sustainable_local_development=True,
            participants=["atelier", "quartier"],
        ),
    ]
    pole.funding = [
        Funding(funder="Région fictive", kind="public", program="aide régionale", year=2017, amount=20000)
    ]
    pole.funding_history_complete = True
    return pole


def result_key(results):
    """Results as comparable tuples: what two engines must agree on."""
    return sorted(
        (
            str(r.focus),
            str(r.source_shape),
            str(r.source_constraint),
            str(r.path),
            str(r.value),
            str(r.severity),
        )
        for r in results
    )


def graph_of_cases(cases):
    """The fitting pole and the poles of ``cases`` in one graph."""
    graph = new_graph()
    fitting_pole("fits").to_graph(graph)
    for case in cases:
        case.pole().to_graph(graph)
    return graph
