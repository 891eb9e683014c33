"""A small fictional pole whose every measure is worked out by hand in the tests.

Actors (group):  e1, e2 ESS enterprises (commercial companies with the ESS mention → ess),
b1 a commercial company without the mention (enterprise), c1 a local authority (public, partner),
r1 a research centre (knowledge, partner), p1 a natural person (other, member from 2016, no link),
x1 an enterprise of unknown legal form named only by a link (other, no membership).

Links::

    1  e1–e2  mutualisation  employer-group   2014
    2  e1–e2  animation                       2015-06
    3  e1–b1  interaction    working-group    2015-03-01 … 2016
    4  e2–c1  partnership    agreement        2016-01-01
    5  e1–r1  interaction                     (no date)
    6  b1–x1  mutualisation                   2017
    7  e1–e2  mutualisation  shared-premises  2018

The simple graph is the tree x1 – b1 – e1 – e2 – c1 with r1 on e1, and p1 alone.
One project joins e1, e2 and r1.
"""

from __future__ import annotations

from ptce_graph.model import Actor, Link, Pole, Project

BASE = "https://w3id.org/ptce/id/pole/kitchen/actor/"


def build_kitchen_pole() -> Pole:
    pole = Pole(id="kitchen", name="Pôle cuisine (fictif)", fictional=True)
    pole.add_actor(Actor(id="e1", name="Coop E1", kind="enterprise", legal_form="5710", ess_mention=True,
                         siret="73282932000074"))
    pole.add_actor(Actor(id="e2", name="SAS E2", kind="enterprise", legal_form="5710", ess_mention=True))
    pole.add_actor(Actor(id="b1", name="SARL B1", kind="enterprise", legal_form="5710", ess_mention=False))
    pole.add_actor(Actor(id="c1", name="Commune C1", kind="local-authority"), "partner")
    pole.add_actor(Actor(id="r1", name="Labo R1", kind="research-centre"), "partner")
    pole.add_actor(Actor(id="p1", name="Habitante P1", kind="person"), "member", start="2016")
    pole.actors.append(Actor(id="x1", name="=X1 entreprise", kind="enterprise"))  # no membership
    pole.projects.append(Project(id="proj", name="Projet commun", innovation="social",
                                 participants=["e1", "e2", "r1"]))
    pole.links += [
        Link(id="l1", source="e1", target="e2", logic="mutualisation", kind="employer-group", start="2014"),
        Link(id="l2", source="e1", target="e2", logic="animation", start="2015-06"),
        Link(id="l3", source="e1", target="b1", logic="interaction", kind="working-group", start="2015-03-01",
             end="2016"),
        Link(id="l4", source="c1", target="e2", logic="partnership", kind="agreement", start="2016-01-01"),
        Link(id="l5", source="e1", target="r1", logic="interaction"),
        Link(id="l6", source="b1", target="x1", logic="mutualisation", start="2017"),
        Link(id="l7", source="e1", target="e2", logic="mutualisation", kind="shared-premises", start="2018"),
    ]
    return pole


def actor(local: str) -> str:
    """The node id (IRI) of a kitchen actor."""
    return BASE + local
