"""How long OWL reasoning takes on a registry of 1,000 and 10,000 actors.

A synthetic registry (fictional: every pole is marked ``ptce:fictional true``)
of poles of 20 actors each, with memberships, a territory, links and a project
per pole, is classified by HermiT through owlready2.  Printed per size: the
triples, the time to prepare the input, to load it into a fresh owlready2
World, to classify it with HermiT (wall-clock and CPU seconds of the Java
process), the whole ``reason()`` call, the same with inferred property values,
the structural checks alone (what runs without Java); with ``--exact``, HermiT
on the ontology's nominals as written (``nominals="exact"``, several times
slower: see ptce_graph/reasoning/prepare.py); with ``--explain``, the cost of
one contradictory actor (the reasoner proves the data inconsistent, then
classifies the rest without it).

    python benchmarks/reasoning_bench.py                 # 1,000 and 10,000 actors
    python benchmarks/reasoning_bench.py --sizes 1000 --exact --explain

Timings are wall-clock seconds of one run (JVM start-up included), on
whatever else the machine is doing: read them as orders of magnitude.

Its poles are not ``benchmarks/generate.py``'s: each cycles through the same
twenty actor profiles (every family of legal form and kind the reasoner
classifies, by INSEE code), so that every size holds every case in the same
proportion, and the README's table was measured on them.
"""

from __future__ import annotations

import argparse
import resource
import shutil
import sys
import time

ACTORS_PER_POLE = 20
#: (kind, legal form, ESS mention) cycled over the actors of a pole: INSEE codes, so that
#: the first-digit rules of ess.py type them even without the full table
PROFILES = [
    ("enterprise", "9220", None), ("enterprise", "5710", False), ("enterprise", "5710", True),
    ("enterprise", "5458", None), ("enterprise", "1000", None), ("enterprise", "8210", None),
    ("enterprise", "9900", None), ("enterprise", None, None), ("local-authority", "7210", None),
    ("local-authority-grouping", "7346", None), ("research-centre", None, None),
    ("higher-education", "7383", None), ("training-body", "9220", None), ("ess-network", "9220", None),
    ("person", None, None), ("other", "9210", None), ("enterprise", "5499", False),
    ("enterprise", "6540", None), ("enterprise", "5710", None), ("enterprise", "9300", None),
]


def registry(n_actors: int):
    """A graph of ``n_actors`` fictional actors in poles of 20."""
    from ptce_graph.model import Actor, Link, Membership, Pole, Project, Relation, Territory, new_graph

    graph = new_graph()
    for p in range(max(1, n_actors // ACTORS_PER_POLE)):
        pole = Pole(id=f"p{p:05d}", name=f"Pôle synthétique {p} (fictif)", fictional=True,
                    legal_form="9220" if p % 2 else None,
                    territory=Territory(name=f"Territoire {p} (fictif)", codes=[f"{31000 + p % 900:05d}"]))
        for i in range(ACTORS_PER_POLE):
            kind, form, mention = PROFILES[i % len(PROFILES)]
            actor_id = f"a{i:02d}"
            pole.actors.append(Actor(id=actor_id, name=f"Acteur {p}-{i} (fictif)", kind=kind, legal_form=form,
                                     ess_mention=mention))
            pole.memberships.append(Membership(actor=actor_id,
                                               relation=Relation.MEMBER if i % 3 else Relation.PARTNER))
        for i in range(0, ACTORS_PER_POLE - 1, 2):
            pole.links.append(Link(source=f"a{i:02d}", target=f"a{i + 1:02d}",
                                   logic=("mutualisation", "interaction", "animation", "partnership")[i % 4]))
        pole.projects.append(Project(id="projet", name="Projet (fictif)", innovation="social",
                                     sustainable_local_development=True, participants=["a00", "a01"]))
        pole.to_graph(graph)
    return graph


def timed(label: str, func):
    t0 = time.perf_counter()
    value = func()
    seconds = time.perf_counter() - t0
    print(f"  {label:<48} {seconds:8.2f} s", flush=True)
    return value, seconds


def children_max_rss_mb() -> float:
    return resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024


def children_cpu() -> float:
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


def hermit(label: str, rin, *, exact: bool) -> None:
    from ptce_graph.reasoning.owl import run_reasoner

    cpu = children_cpu()
    run_, _ = timed(label, lambda: run_reasoner(rin.reasoning_triples(exact=exact)))
    print(f"  {'  of which: load into a fresh owlready2 World':<48} {run_.seconds_load:8.2f} s")
    print(f"  {'  of which: HermiT, wall (JVM start-up included)':<48} {run_.seconds_reason:8.2f} s")
    print(f"  {'  of which: HermiT, CPU of the Java process':<48} {children_cpu() - cpu:8.2f} s")


def run(size: int, explain: bool, exact: bool) -> None:
    import rdflib

    from ptce_graph.reasoning import reason
    from ptce_graph.reasoning.prepare import prepare
    from ptce_graph.resources import ontology_graph

    print(f"\n{size:,} actors".replace(",", " "), flush=True)
    graph, _ = timed("build the synthetic registry (model.to_graph)", lambda: registry(size))
    onto = ontology_graph()
    print(f"  {'triples (data / ontology)':<48} {len(graph):>8} / {len(onto)}")
    rin, _ = timed("prepare the reasoner input", lambda: prepare(graph, onto))
    sent = len(rin.tbox) + len(rin.background) + len(rin.abox) + len(rin.hints)
    print(f"  {'triples sent to HermiT (ontology + data)':<48} {sent:>8}")
    hermit("load into owlready2 + classify with HermiT", rin, exact=False)
    if exact:
        hermit("the same, nominals exact", rin, exact=True)
    result, _ = timed("reason() end to end", lambda: reason(graph))
    assert result.consistent and result.reasoner == "hermit", result.notes
    counts = {s: sum(1 for a in result.actors if a.ess_status and a.ess_status.value == s)
              for s in ("yes", "no", "unknown")}
    print(f"  {'actors classified (ESS yes / no / unknown)':<48} {len(result.actors):>8} "
          f"({counts['yes']} / {counts['no']} / {counts['unknown']})")
    print(f"  {'inferred triples':<48} {len(result.inferred):>8}")
    timed("reason(infer_property_values=True)", lambda: reason(graph, infer_property_values=True))
    timed("structural checks only (no Java)", lambda: reason(graph, reasoner=None))
    if explain:
        bad = rdflib.Graph()
        for t in graph:
            bad.add(t)
        from ptce_graph.namespaces import PTCE

        some_actor = next(iter(sorted(bad.subjects(rdflib.RDF.type, PTCE.LocalAuthority))))
        bad.add((some_actor, rdflib.RDF.type, PTCE.Enterprise))
        result, _ = timed("reason() with one contradictory actor", lambda: reason(bad))
        assert not result.consistent and len(result.inconsistencies) == 1
        print(f"  {'  reasoner runs to explain':<48} {int(result.timings['explain_runs']):>8}")
    print(f"  {'peak memory of a Java child process':<48} {children_max_rss_mb():8.0f} MB")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--sizes", type=int, nargs="+", default=[1000, 10000])
    parser.add_argument("--explain", action="store_true", help="also time one contradiction")
    parser.add_argument("--exact", action="store_true", help="also time HermiT with the nominals as written")
    args = parser.parse_args(argv)
    if shutil.which("java") is None:
        print("Java runtime not found: install a JRE (Debian: default-jre-headless) to classify with HermiT",
              file=sys.stderr)
        return 2
    from ptce_graph.reasoning.owl import owlready_version

    print(f"ptce_graph reasoning benchmark — owlready2 {owlready_version()}, HermiT; "
          f"{ACTORS_PER_POLE} actors per pole")
    for size in args.sizes:
        run(size, args.explain, args.exact)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
