"""Hypothesis strategies that build valid model poles (shared by several tests), and the example
budgets of the property tests.

A property test that builds hundreds of poles takes seconds: it runs a fifth of
its examples in the default run and all of them under ``-m slow``
(:func:`examples`), so that a developer's run stays short and CI's is thorough.
"""

from __future__ import annotations

from dataclasses import replace

import pytest
from hypothesis import strategies as st

from ptce_graph.dates import PartialDate
from ptce_graph.model import (
    LINK_SUBTYPES,
    Actor,
    ActorKind,
    Assessment,
    Funding,
    FundingKind,
    Innovation,
    Link,
    Logic,
    Meeting,
    Membership,
    Place,
    Pole,
    Project,
    Relation,
    Strategy,
    Territory,
    Tool,
)


def examples(thorough: int) -> list:
    """``pytest.mark.parametrize("budget", examples(N))``: N examples under ``-m slow`` (id ``thorough``),
    a fifth of them, at least 5, in the default run (id ``quick``).  The test applies ``budget`` to its
    inner ``@given`` function with ``settings(max_examples=budget)``."""
    return [pytest.param(max(5, thorough // 5), id="quick"),
            pytest.param(thorough, id="thorough", marks=pytest.mark.slow)]


# Printable text, accents and punctuation included, no control characters.
TEXT = st.text(
    alphabet=st.characters(min_codepoint=32, max_codepoint=0x2FF, blacklist_categories=("Cs", "Cc")),
    min_size=1,
    max_size=20,
).map(str.strip).filter(bool)
IDS = st.from_regex(r"[a-z][a-z0-9éè_ .()-]{0,11}", fullmatch=True).map(str.strip).filter(bool)
COMMUNES = st.sampled_from(["31555", "01001", "2A004", "97411", "75056", "35238"])
TERRITORY_CODES = st.sampled_from(["31555", "31", "2B", "974", "R76", "R11", "243100518", "200054781"])
SOURCES = st.sampled_from(["https://example.org/s1", "https://w3id.org/ptce/source/paper-2014#II.1"])
LEGAL_FORMS = st.sampled_from(
    ["association", "cooperative", "scop", "scic", "mutual", "foundation", "commercial-company",
     "sole-proprietorship", "public-body", "9220", "5710", "7210", "6220", "9900", "5785"]
)


@st.composite
def partial_dates(draw: st.DrawFn) -> PartialDate:
    year = draw(st.integers(1990, 2030))
    precision = draw(st.sampled_from(["year", "month", "day"]))
    if precision == "year":
        return PartialDate(year)
    month = draw(st.integers(1, 12))
    if precision == "month":
        return PartialDate(year, month)
    return PartialDate(year, month, draw(st.integers(1, 28)))


def optional(strategy: st.SearchStrategy) -> st.SearchStrategy:
    return st.one_of(st.none(), strategy)


@st.composite
def poles(draw: st.DrawFn, max_actors: int = 6) -> Pole:
    actor_ids = draw(st.lists(IDS, min_size=1, max_size=max_actors, unique=True))
    extras = st.dictionaries(st.from_regex(r"x_[a-z]{1,6}", fullmatch=True), TEXT, max_size=2)
    actors = [
        Actor(
            id=a,
            name=draw(optional(TEXT)),
            kind=draw(optional(st.sampled_from(list(ActorKind)))),
            legal_form=draw(optional(LEGAL_FORMS)),
            ess_mention=draw(optional(st.booleans())),
            declares_ess=draw(optional(st.booleans())),
            siret=draw(optional(st.sampled_from(["73282932000074", "732829320", "35600000009075"]))),
            commune=draw(optional(COMMUNES)),
            extra=draw(extras),
            sources=draw(st.lists(SOURCES, unique=True, max_size=2)),
        )
        for a in actor_ids
    ]
    memberships = [
        Membership(
            actor=a,
            relation=draw(optional(st.sampled_from(list(Relation)))),
            role=draw(optional(TEXT)),
            start=draw(optional(partial_dates())),
            end=draw(optional(partial_dates())),
        )
        for a in actor_ids
    ]
    project_ids = draw(st.lists(IDS, max_size=3, unique=True))
    projects = [
        Project(
            id=p,
            name=draw(optional(TEXT)),
            innovation=draw(optional(st.sampled_from(list(Innovation)))),
            sustainable_local_development=draw(optional(st.booleans())),
            participants=draw(st.lists(st.sampled_from(actor_ids), unique=True, max_size=3)),
            extra=draw(extras),
        )
        for p in project_ids
    ]
    tool_ids = draw(st.lists(IDS, max_size=2, unique=True))
    tools = [Tool(id=t, name=draw(optional(TEXT)), description=draw(optional(TEXT))) for t in tool_ids]
    links: list[Link] = []
    if len(actor_ids) >= 2:
        for i in range(draw(st.integers(0, 5))):
            source, target = draw(st.lists(st.sampled_from(actor_ids), min_size=2, max_size=2, unique=True))
            links.append(
                Link(
                    source=source,
                    target=target,
                    logic=draw(st.sampled_from(list(Logic))),
                    kind=draw(optional(st.one_of(st.sampled_from(sorted(LINK_SUBTYPES)), TEXT))),
                    start=draw(optional(partial_dates())),
                    end=draw(optional(partial_dates())),
                    project=draw(optional(st.sampled_from(project_ids))) if project_ids else None,
                    tool=draw(optional(st.sampled_from(tool_ids))) if tool_ids else None,
                    id=f"link-{i}" if draw(st.booleans()) else None,
                    extra=draw(extras),
                )
            )
        # Links that are identical in content would mint the same IRI: give them ids.
        seen: set[str] = set()
        for i, link in enumerate(links):
            if link.minted_id() in seen:
                links[i] = replace(link, id=f"dup-{i}")
            seen.add(links[i].minted_id())
    funding = draw(
        st.lists(
            st.builds(
                Funding,
                funder=optional(st.one_of(st.sampled_from(actor_ids), TEXT)),
                kind=optional(st.sampled_from(list(FundingKind))),
                program=optional(st.one_of(st.sampled_from(["state-ptce-call-2014", "state-ptce-call-2015",
                                                             "state-ptce-ami-2021"]), TEXT)),
                year=optional(st.integers(1990, 2030)),
                amount=optional(st.decimals(min_value=0, max_value=10**7, places=2, allow_nan=False)),
                purpose=optional(TEXT),
            ),
            max_size=3,
            unique_by=lambda f: f.minted_id(),
        ).map(lambda items: [f for f in items if f != Funding()])  # an empty row says nothing
    )
    places = [
        Place(id=p, name=draw(optional(TEXT)), commune=draw(optional(COMMUNES)), showcase=draw(optional(st.booleans())),
              opening=draw(optional(partial_dates())))
        for p in draw(st.lists(IDS, max_size=2, unique=True))
    ]
    meetings = [
        Meeting(
            id=m,
            kind=draw(st.sampled_from(["meeting", "seminar", "series"])),
            name=draw(optional(TEXT)),
            date=draw(optional(partial_dates())),
            sequence=draw(optional(st.integers(1, 10))),
            participants=draw(optional(st.integers(0, 200))),
            organisations=draw(optional(st.integers(0, 50))),
            meetings=draw(optional(st.integers(0, 100))),
            attendees=draw(st.lists(st.sampled_from(actor_ids), unique=True, max_size=3)),
        )
        for m in draw(st.lists(IDS, max_size=2, unique=True))
    ]
    assessments = [
        Assessment(objective=o, practice=draw(optional(TEXT)), evidence=draw(st.lists(TEXT, unique=True, max_size=2)))
        for o in draw(st.lists(st.sampled_from(["O1", "O5", "O9", "G2", "x-custom"]), unique=True, max_size=3))
    ]
    return Pole(
        id=draw(IDS),
        name=draw(optional(TEXT)),
        territory=draw(
            optional(
                st.builds(
                    Territory,
                    name=optional(TEXT),
                    codes=st.lists(TERRITORY_CODES, unique=True, max_size=3),
                    kind=optional(st.sampled_from(["rural", "peri-urban", "deindustrialised"])),
                ).filter(lambda t: t != Territory())  # an empty territory has no cell to say it
            )
        ),
        legal_form=draw(optional(LEGAL_FORMS)),
        strategy=draw(
            optional(
                st.builds(
                    Strategy,
                    name=optional(TEXT),
                    start=optional(partial_dates()),
                    end=optional(partial_dates()),
                    kind=optional(st.sampled_from(["charter", "agreement"])),
                ).filter(lambda s: s != Strategy())  # an empty strategy has no cell to say it
            )
        ),
        sector=draw(optional(st.sampled_from(["production", "creative-cultural-industries"]))),
        origin=draw(optional(st.sampled_from(["citizen-associative", "employment-area-committee"]))),
        founding=draw(optional(partial_dates())),
        fictional=draw(optional(st.booleans())),
        description=draw(optional(TEXT)),
        actors=actors,
        memberships=memberships,
        links=links,
        projects=projects,
        funding=funding,
        places=places,
        meetings=meetings,
        assessments=assessments,
        tools=tools,
        extra=draw(extras),
    )


def without_iris(pole: Pole) -> Pole:
    """The pole with every ``iri`` field cleared (from_graph fills them in)."""

    def clear(items: list) -> list:
        return [replace(x, iri=None) for x in items]

    return replace(
        pole,
        iri=None,
        territory=replace(pole.territory, iri=None) if pole.territory else None,
        strategy=replace(pole.strategy, iri=None) if pole.strategy else None,
        actors=clear(pole.actors),
        memberships=clear(pole.memberships),
        links=clear(pole.links),
        projects=clear(pole.projects),
        funding=clear(pole.funding),
        places=clear(pole.places),
        meetings=clear(pole.meetings),
        assessments=clear(pole.assessments),
        tools=clear(pole.tools),
    )
