"""Deterministic synthetic registries of fictional poles, for the scale benchmarks and tests.

Every pole is FICTIONAL: generated from a seeded random number generator, with
names such as « Pôle synthétique n° 12 (fictif) », ``ptce:fictional true`` and a
description that says so.  No name, SIRET, commune or figure describes a real
organisation (SIRETs are random numbers that pass or fail the Luhn check on
purpose; commune codes only have the right shape).

A pole has 15 to 45 actors of mixed kinds and legal forms (ESS statutory forms,
commercial companies with and without the ESS mention, local authorities,
research and training bodies, networks, persons…), members and partners,
cooperation links of the four logics (mutualisation, interaction, animation,
partnership) with subtypes and dates, projects (innovation, sustainable local
development, participants) and funding lines.  Some poles are incomplete or
break a clause (no territory, a strategy that ended, members outside the
territory, no innovative project, no link…) so that the verdicts vary:
roughly two thirds fit the law of 2014, the rest do not or are undetermined.
About 880 triples per pole on average.

Pole ``i`` only depends on ``(seed, i)``: the registry of 10 poles is the start
of the registry of 1,000.  Options shape a pole for a benchmark without changing
the others: ``actors=N`` (that many actors instead of 15 to 45; 5,000 for the
metrics benchmark), ``hubs=True`` (a few actors take part in most links, as
leaders do in real poles) and ``assessments=True`` (a référentiel
self-assessment, so that every part of a report page is filled).

This is the one generator of synthetic poles: the benchmarks use it, and the
tests load it by path through the ``synthetic`` fixture (``tests/conftest.py``);
``tests/`` and ``benchmarks/`` never import each other.

    python benchmarks/generate.py 1000 -o registry-1000.ttl [--seed 0] [--format turtle|nt]
    python benchmarks/generate.py 3 --bundles DIR        # one spreadsheet bundle per pole

From Python: ``synthetic_pole(i)``, ``synthetic_registry(n)``, ``registry_graph(n)``,
``write_registry(n, path)``.
"""

from __future__ import annotations

import argparse
import random
import sys
from collections.abc import Iterator
from decimal import Decimal
from pathlib import Path
from typing import Any

REPO = Path(__file__).resolve().parent.parent
if str(REPO) not in sys.path:
    sys.path.insert(0, str(REPO))

from rdflib import Graph  # noqa: E402

from ptce_graph.model import (  # noqa: E402
    Actor,
    Assessment,
    Funding,
    Link,
    Pole,
    Project,
    Strategy,
    Territory,
    new_graph,
)

__all__ = ["synthetic_pole", "synthetic_registry", "registry_graph", "write_registry", "registry_text"]

#: Départements the fictional poles are placed in (codes only: the places are not real poles).
DEPARTEMENTS = ("01", "09", "13", "22", "29", "31", "33", "35", "38", "44", "59", "63", "67", "69", "75", "2A",
                "974", "81", "86", "93")

KINDS = (
    ("enterprise", 55), ("local-authority", 9), ("local-authority-grouping", 5), ("research-centre", 5),
    ("higher-education", 4), ("training-body", 6), ("ess-network", 6), ("person", 3), ("other", 4), (None, 3),
)
ENTERPRISE_FORMS = (
    ("association", 30), ("scop", 14), ("scic", 8), ("cooperative", 5), ("mutual", 3), ("foundation", 2),
    ("commercial-company", 25), ("sole-proprietorship", 5), ("5499", 3), ("5710", 3), (None, 2),
)
OTHER_FORMS = {
    "local-authority": (("7210", 60), ("public-body", 40)),
    "local-authority-grouping": (("7346", 70), ("public-body", 30)),
    "research-centre": (("public-body", 60), ("7389", 20), ("association", 20)),
    "higher-education": (("public-body", 80), ("7383", 20)),
    "training-body": (("association", 60), ("5710", 20), ("public-body", 20)),
    "ess-network": (("association", 90), ("9220", 10)),
    "person": ((None, 100),),
    "other": (("association", 50), ("9220", 20), ("foundation", 10), (None, 20)),
    None: (("association", 50), (None, 50)),
}
RELATIONS = (("member", 80), ("partner", 17), (None, 3))
LOGICS = (("mutualisation", 30), ("interaction", 35), ("animation", 20), ("partnership", 15))
SUBTYPES = {
    "mutualisation": ("employer-group", "shared-employees", "shared-skills", "shared-premises", "shared-equipment",
                      "achats-groupés"),
    "interaction": ("working-group", "co-built-project", "collective-tool", "commission"),
    "animation": ("event", "training", "petit-déjeuner"),
    "partnership": ("agreement", "convention-cadre"),
}
INNOVATIONS = (("social", 50), ("technological", 10), ("both", 10), ("none", 15), (None, 15))
PROGRAMMES = ("state-ptce-call-2014", "state-ptce-call-2015", "state-ptce-ami-2021", "appel régional ESS")
FUNDING_KINDS = (("public", 50), ("private", 15), ("membership-fees", 15), ("own-resources", 10),
                 ("volunteering", 5), (None, 5))


def _pick(rng: random.Random, table: tuple) -> object:
    values = [v for v, _ in table]
    weights = [w for _, w in table]
    return rng.choices(values, weights=weights, k=1)[0]


def _luhn_digit(body: str) -> str:
    """The digit that makes ``body + digit`` pass the Luhn check."""
    total = 0
    for i, ch in enumerate(reversed(body)):
        d = int(ch)
        if i % 2 == 0:
            d *= 2
            if d > 9:
                d -= 9
        total += d
    return str((10 - total % 10) % 10)


def _siret(rng: random.Random, *, valid: bool) -> str:
    siren = "8" + "".join(str(rng.randrange(10)) for _ in range(7))
    siren += _luhn_digit(siren)
    nic = "".join(str(rng.randrange(10)) for _ in range(4))
    siret = siren + nic
    check = _luhn_digit(siret)
    if not valid:
        check = str((int(check) + 1 + rng.randrange(8)) % 10)
    return siret + check


def _date(rng: random.Random, first: int, last: int) -> str:
    year = rng.randint(first, last)
    precision = rng.random()
    if precision < 0.3:
        return f"{year:04d}"
    if precision < 0.6:
        return f"{year:04d}-{rng.randint(1, 12):02d}"
    return f"{year:04d}-{rng.randint(1, 12):02d}-{rng.randint(1, 28):02d}"


def _commune(rng: random.Random, departement: str) -> str:
    if len(departement) == 3:  # overseas: 974 + 2 digits
        return departement + f"{rng.randint(1, 24):02d}"
    return departement + f"{rng.randint(1, 600):03d}"


def synthetic_pole(index: int, *, seed: int = 0, actors: int | None = None, hubs: bool = False,
                   assessments: bool = False) -> Pole:
    """Fictional pole number ``index`` of the registry generated from ``seed`` (deterministic).

    ``actors``: that many actors (default: 15 to 45, drawn).  ``hubs``: each link's
    ends are drawn with weights 1 / (rank + 1) ** 0.8, so that a few actors take
    part in most links.  ``assessments``: a self-assessment against four of the
    référentiel's nine main objectives, most with evidence.  Without options the
    pole is the registry's pole ``index``, unchanged.
    """
    rng = random.Random(f"ptce-bench:{seed}:{index}")
    pole_id = f"bench-{index:05d}"
    dept = rng.choice(DEPARTEMENTS)
    elsewhere = [d for d in DEPARTEMENTS if d != dept]

    # Territory: usually a département, sometimes communes, an EPCI, a région, or nothing declared.
    draw = rng.random()
    territory: Territory | None
    communes: list[str] = []
    if draw < 0.60:
        territory = Territory(name=f"Territoire fictif {dept}", codes=[dept])
    elif draw < 0.82:
        communes = sorted({_commune(rng, dept) for _ in range(rng.randint(2, 6))})
        territory = Territory(name=f"Bassin fictif {index}", codes=communes,
                              kind=rng.choice(["rural", "peri-urban", "deindustrialised", None]))
    elif draw < 0.92:
        territory = Territory(name=f"Communauté fictive {index}", codes=[f"2{rng.randint(10**7, 10**8 - 1)}"])
    elif draw < 0.96:
        territory = Territory(name="Région fictive", codes=[rng.choice(["R76", "R84", "R53", "R32"])])
    else:
        territory = None

    # Strategy: usually current, sometimes ended (not met) or without a start (unknown), rarely absent.
    draw = rng.random()
    strategy: Strategy | None
    if draw < 0.80:
        strategy = Strategy(name="Charte de coopération (fictive)", kind=rng.choice(["charter", "agreement"]),
                            start=_date(rng, 2008, 2023))
    elif draw < 0.88:
        start = rng.randint(2008, 2016)
        strategy = Strategy(name="Convention (fictive)", kind="agreement", start=str(start),
                            end=_date(rng, start + 1, 2022))
    elif draw < 0.95:
        strategy = Strategy(name="Projet stratégique (fictif)", kind="charter")
    else:
        strategy = None

    pole = Pole(
        id=pole_id,
        name=f"Pôle synthétique n° {index} (fictif)",
        fictional=True,
        description="Pôle fictif généré pour les mesures de performance (benchmarks/generate.py) ; "
                    "aucune organisation réelle.",
        legal_form=_pick(rng, (("association", 80), ("scic", 10), (None, 10))),  # type: ignore[arg-type]
        territory=territory,
        strategy=strategy,
        founding=_date(rng, 2000, 2020) if rng.random() < 0.7 else None,
    )

    drawn = rng.randint(15, 45)  # drawn even when ``actors`` is given: the rest of the pole keeps its draws
    n_actors = drawn if actors is None else actors
    outside_rate = 0.15 if rng.random() < 0.12 else 0.0  # a few poles have members outside their territory
    for a in range(n_actors):
        kind = _pick(rng, KINDS)
        if kind == "enterprise":
            form = _pick(rng, ENTERPRISE_FORMS)
        else:
            form = _pick(rng, OTHER_FORMS[kind])  # type: ignore[index]
        mention = None
        if form == "commercial-company":
            mention = _pick(rng, ((True, 20), (False, 60), (None, 20)))
        siret = None
        if kind in ("enterprise", "training-body", "ess-network", "other") and rng.random() < 0.72:
            siret = _siret(rng, valid=rng.random() > 0.03)
        draw = rng.random()
        if draw < 0.02:
            commune = None
        elif draw < 0.02 + outside_rate:
            commune = _commune(rng, rng.choice(elsewhere))
        elif communes:
            commune = rng.choice(communes)
        else:
            commune = _commune(rng, dept)
        relation = _pick(rng, RELATIONS)
        actor = Actor(
            id=f"a{a:02d}",
            name=f"Acteur fictif {index}-{a}",
            kind=kind,  # type: ignore[arg-type]
            legal_form=form,  # type: ignore[arg-type]
            ess_mention=mention,  # type: ignore[arg-type]
            siret=siret,
            commune=commune,
        )
        start = _date(rng, 2005, 2024) if rng.random() < 0.5 else None
        pole.add_actor(actor, relation, start=start)  # type: ignore[arg-type]

    actor_ids = [a.id for a in pole.actors]
    projects: list[Project] = []
    n_projects = 0 if rng.random() < 0.04 else rng.randint(1, 6)
    for p in range(n_projects):
        projects.append(Project(
            id=f"p{p}",
            name=f"Projet fictif {index}-{p}",
            innovation=_pick(rng, INNOVATIONS),  # type: ignore[arg-type]
            sustainable_local_development=_pick(rng, ((True, 70), (False, 15), (None, 15))),  # type: ignore[arg-type]
            participants=sorted(rng.sample(actor_ids, k=rng.randint(2, min(6, len(actor_ids))))),
        ))
    pole.projects = projects

    links: list[Link] = []
    n_links = 0 if rng.random() < 0.03 else int(n_actors * rng.uniform(1.2, 2.4))
    seen: set[str] = set()
    weights = [1.0 / (rank + 1) ** 0.8 for rank in range(len(actor_ids))] if hubs else None
    for k in range(n_links):
        if weights:
            source, target = rng.choices(actor_ids, weights=weights, k=2)
            if source == target:
                continue
        else:
            source, target = rng.sample(actor_ids, 2)
        if rng.random() < 0.004:
            target = source  # a self-link, which the data-quality shapes flag
        logic = _pick(rng, LOGICS)
        subtype = rng.choice(SUBTYPES[logic]) if rng.random() < 0.8 else None  # type: ignore[index]
        start = _date(rng, 2010, 2024) if rng.random() < 0.85 else None
        end = None
        if start and rng.random() < 0.25:
            end = _date(rng, int(start[:4]), 2025)
            if end < start:
                end = None
        link = Link(source=source, target=target, logic=logic, kind=subtype, start=start, end=end,  # type: ignore[arg-type]
                    project=rng.choice(projects).id if projects and rng.random() < 0.2 else None)
        if link.minted_id() in seen:
            link.id = f"k{k}"
        seen.add(link.minted_id())
        links.append(link)
    pole.links = links

    for _ in range(rng.randint(0, 4)):
        funder = rng.choice(actor_ids) if rng.random() < 0.4 else rng.choice(
            ["État (fictif)", "Région (fictive)", "Fondation fictive"])
        year = rng.randint(2012, 2025)
        funding = Funding(
            funder=funder,
            kind=_pick(rng, FUNDING_KINDS),  # type: ignore[arg-type]
            program=rng.choice(PROGRAMMES) if rng.random() < 0.5 else None,
            year=year,
            amount=Decimal(rng.randint(10, 2000) * 100),
        )
        if funding.minted_id() not in {f.minted_id() for f in pole.funding}:
            pole.funding.append(funding)

    if assessments:
        for objective in rng.sample([f"O{k}" for k in range(1, 10)], 4):
            evidence = ["Preuve fictive"] if rng.random() < 0.6 else []
            pole.assessments.append(Assessment(objective=objective, practice="Pratique fictive", evidence=evidence))
    return pole


def synthetic_registry(n: int, *, seed: int = 0, start: int = 0, **options: Any) -> Iterator[Pole]:
    """Poles ``start`` … ``start + n - 1`` of the registry generated from ``seed`` (options: :func:`synthetic_pole`)."""
    for i in range(start, start + n):
        yield synthetic_pole(i, seed=seed, **options)


def registry_graph(n: int, *, seed: int = 0, **options: Any) -> Graph:
    """The registry of ``n`` fictional poles as one rdflib graph (options: :func:`synthetic_pole`)."""
    graph = new_graph()
    for pole in synthetic_registry(n, seed=seed, **options):
        pole.to_graph(graph)
    return graph


def registry_text(n: int, *, seed: int = 0, format: str = "turtle", start: int = 0) -> Iterator[bytes]:
    """The registry as Turtle (or N-Triples) bytes, pole by pole (each chunk is a valid document).

    Pole ``i``'s chunk repeats the prefixes and the shared communes it uses, so
    the chunks concatenate into one valid document; duplicates merge on load.
    """
    from ptce_graph.io.serialize import to_ntriples, to_turtle

    for pole in synthetic_registry(n, seed=seed, start=start):
        graph = pole.to_graph(new_graph())
        yield to_ntriples(graph) if format == "nt" else to_turtle(graph) + b"\n"


def write_registry(n: int, path: str | Path, *, seed: int = 0, format: str = "turtle") -> Path:
    """Write the registry of ``n`` fictional poles to ``path`` (atomically); returns the path."""
    from ptce_graph.io.atomic import write_bytes_atomic

    header = (f"# Registre synthétique de {n} pôles FICTIFS (graine {seed}), généré par benchmarks/generate.py\n"
              f"# Synthetic registry of {n} FICTIONAL poles (seed {seed}): no real organisation.\n\n").encode()
    body = b"".join(registry_text(n, seed=seed, format=format))
    target = Path(path)
    write_bytes_atomic(target, (header if format != "nt" else b"") + body)
    return target


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("n", type=int, help="number of poles")
    parser.add_argument("-o", "--output", help="RDF file to write (.ttl or .nt)")
    parser.add_argument("--bundles", help="folder: write one spreadsheet bundle per pole instead")
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--format", choices=("turtle", "nt"), default=None)
    args = parser.parse_args(argv)
    if args.bundles:
        from ptce_graph.io import save

        root = Path(args.bundles)
        for pole in synthetic_registry(args.n, seed=args.seed):
            save(pole, root / pole.id, format="bundle")
        print(f"{args.n} bundles in {root}")
        return 0
    if not args.output:
        parser.error("give -o FILE or --bundles DIR")
    fmt = args.format or ("nt" if args.output.endswith(".nt") else "turtle")
    path = write_registry(args.n, args.output, seed=args.seed, format=fmt)
    print(f"{args.n} fictional poles -> {path} ({path.stat().st_size / 1e6:.1f} MB)")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
