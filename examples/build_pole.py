"""Build a (fictional) pole in Python with the typed model, and print it as Turtle.

    python examples/build_pole.py            # Turtle on standard output
    python examples/build_pole.py pole.ttl   # or into a file (written atomically)

The pole below is invented: it describes no real organisation.
"""

from __future__ import annotations

import sys

from ptce_graph import (
    Actor,
    Assessment,
    Funding,
    Link,
    Logic,
    Pole,
    Project,
    Relation,
    Strategy,
    Territory,
    save,
    serialize,
)


def build() -> Pole:
    pole = Pole(
        id="fictional-python-pole",
        name="Pôle fictif construit en Python",
        fictional=True,
        description="Pôle FICTIF construit avec le modèle typé de ptce_graph.",
        territory=Territory(name="Territoire fictif", codes=["14475", "14118"], kind="rural"),
        strategy=Strategy(name="Charte fictive", start="2020-01", kind="charter"),
        sector="production",
    )
    # add_actor records the actor and its membership (member by default) in one call.
    pole.add_actor(Actor(id="scop", name="SCOP fictive", kind="enterprise", legal_form="scop",
                         commune="14475"), role="fondatrice", start="2020-01")
    pole.add_actor(Actor(id="sas", name="SAS fictive", kind="enterprise", legal_form="5710",
                         ess_mention=False, commune="14118"), start="2021-03")
    pole.add_actor(Actor(id="commune", name="Commune fictive", kind="local-authority", legal_form="7210"),
                   Relation.PARTNER)
    pole.links += [
        Link(source="scop", target="sas", logic=Logic.MUTUALISATION, kind="shared-premises", start="2021-03"),
        Link(source="scop", target="sas", logic=Logic.INTERACTION, kind="working-group", start="2021-06"),
        Link(source="commune", target="scop", logic=Logic.PARTNERSHIP, kind="agreement", start="2020-02"),
    ]
    pole.projects.append(Project(id="reemploi", name="Atelier de réemploi (fictif)", innovation="social",
                                 sustainable_local_development=True, participants=["scop", "sas", "commune"]))
    pole.funding.append(Funding(funder="commune", kind="public", year=2021, amount=12000,
                                purpose="aménagement des locaux"))
    pole.assessments.append(Assessment(objective="O5", practice="Locaux partagés",
                                       evidence=["Convention fictive d'occupation (2021)"]))
    return pole


def main(argv: list[str]) -> int:
    pole = build()
    for actor in pole.actors:  # the ESS status is derived from the legal form, with its reason
        assessment = actor.ess()
        print(f"# {actor.name}: {assessment.status.value} — {assessment.reason('fr')}", file=sys.stderr)
    if argv:
        save(pole, argv[0])
    else:
        sys.stdout.buffer.write(serialize(pole, "turtle"))
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
