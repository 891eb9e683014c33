"""``reason()``: classify a PTCE graph with an OWL reasoner, find contradictions.

The flow:

1. :func:`~ptce_graph.reasoning.prepare.prepare` sanitises the data and the
   ontology and keeps what matters to classification;
2. HermiT (through owlready2, :mod:`~ptce_graph.reasoning.owl`) classifies;
3. if it proves the data inconsistent, :mod:`~ptce_graph.reasoning.explain`
   names the contradictions, and the individuals outside them are classified
   by a second run without them;
4. without Java (or with ``reasoner=None``), the structural checks of
   :mod:`~ptce_graph.reasoning.structural` do what can be done without a
   reasoner, and the result says so (``reasoner`` None, a note).

The result never modifies the input: the inferred triples are a separate graph.
"""

from __future__ import annotations

import time
from collections import defaultdict
from collections.abc import Iterable
from typing import Any

from rdflib import Graph, URIRef
from rdflib.namespace import OWL, RDF
from rdflib.term import Node

from ptce_graph.ess import ESSStatus, ess_status
from ptce_graph.io import as_graph
from ptce_graph.model import legal_form_value, literal_bool, sorted_nodes
from ptce_graph.namespaces import ORG, PTCE
from ptce_graph.reasoning.axioms import And, HasValue, Named, TBox, read_tbox
from ptce_graph.reasoning.explain import (
    BudgetExhausted,
    describe_conflicts,
    describe_unexplained,
    quickxplain,
)
from ptce_graph.reasoning.labels import Labeller
from ptce_graph.reasoning.owl import (
    DEFAULT_JAVA_TIMEOUT,
    JAVA_MISSING_MESSAGE,
    JAVA_MISSING_MESSAGE_FR,
    ReasonerFailure,
    ReasonerRun,
    ReasonerTimeout,
    java_executable,
    run_reasoner,
)
from ptce_graph.reasoning.prepare import NOMINAL_CLASS_PREFIX, ReasonerInput, describe_skipped, prepare
from ptce_graph.reasoning.result import Classification, Inconsistency, Note, ReasoningResult
from ptce_graph.reasoning.structural import Saturation, saturate
from ptce_graph.resources import ontology_graph

__all__ = ["reason", "enrich_for_validation", "REASONERS", "DISPLAYED_NAMESPACES"]

#: Reasoners ``reason`` accepts (None: structural checks only).
REASONERS = ("hermit", "pellet")

#: Classes listed in a classification: the ontology's own, and org:FormalOrganization.
DISPLAYED_NAMESPACES = (str(PTCE._NS),)
_DISPLAYED_EXTRA = {ORG.FormalOrganization}
_TRIVIAL = {OWL.Thing, OWL.NamedIndividual}

#: At most this many reasoner runs to isolate contradictions the structural checks cannot name.
MAX_EXPLANATION_RUNS = 60


def _by_subject(triples: Iterable[tuple[Node, URIRef, Node]]) -> dict[Node, list[tuple[Node, URIRef, Node]]]:
    out: dict[Node, list[tuple[Node, URIRef, Node]]] = defaultdict(list)
    for t in triples:
        out[t[0]].append(t)
    return out


def _stand_in(cls: URIRef) -> bool:
    return str(cls).startswith(NOMINAL_CLASS_PREFIX)


def _closure(hierarchy: Iterable[tuple[URIRef, URIRef]]) -> dict[URIRef, frozenset[URIRef]]:
    direct: dict[URIRef, set[URIRef]] = defaultdict(set)
    for sub, sup in hierarchy:
        direct[sub].add(sup)
    out: dict[URIRef, frozenset[URIRef]] = {}

    def up(cls: URIRef) -> frozenset[URIRef]:
        found = out.get(cls)
        if found is not None:
            return found
        seen = {cls}
        stack = [cls]
        while stack:
            for s in direct.get(stack.pop(), ()):
                if s not in seen:
                    seen.add(s)
                    stack.append(s)
        out[cls] = frozenset(seen)
        return out[cls]

    for c in list(direct):
        up(c)
    return out


class _Builder:
    """Turns types per individual into classifications and inferred triples."""

    def __init__(self, rin: ReasonerInput, tbox: TBox, lab: Labeller, data: Graph) -> None:
        self.rin = rin
        self.tbox = tbox
        self.lab = lab
        self.data = data
        self.inferred = Graph()
        self.actors: list[Classification] = []
        self.poles: list[Classification] = []
        self._has_values: dict[URIRef, list[HasValue]] = defaultdict(list)
        for ax in tbox.subclass_axioms:
            if isinstance(ax.sub, Named):
                for part in (ax.sup.parts if isinstance(ax.sup, And) else (ax.sup,)):
                    if isinstance(part, HasValue):
                        self._has_values[ax.sub.iri].append(part)

    def add(self, node: Node, types: set[URIRef], supers: dict[URIRef, frozenset[URIRef]],
            derivation: str, extra_values: Iterable[tuple[Node, URIRef, Node]] = ()) -> None:
        asserted = self.rin.asserted_types.get(node, frozenset())
        all_types = {t for t in types if isinstance(t, URIRef)} - _TRIVIAL
        for t in sorted(all_types - set(asserted), key=str):
            self.inferred.add((node, RDF.type, t))
        for t in sorted(all_types, key=str):
            for hv in self._has_values.get(t, ()):
                if (node, hv.prop, hv.value) not in self.data:
                    self.inferred.add((node, hv.prop, hv.value))
        for s, p, o in extra_values:
            if (s, p, o) not in self.data:
                self.inferred.add((s, p, o))
        role = "pole" if PTCE.Pole in all_types else "actor" if PTCE.Actor in all_types else None
        if role is None:
            return
        shown = [t for t in all_types if str(t).startswith(DISPLAYED_NAMESPACES) or t in _DISPLAYED_EXTRA]

        def depth(c: URIRef) -> int:
            return len(supers.get(c, ()))

        shown.sort(key=lambda c: (-depth(c), self.lab.term(c, "fr"), str(c)))
        status: ESSStatus | None = None
        if role == "actor":
            if PTCE.ESSEnterprise in all_types:
                status = ESSStatus.YES
            elif PTCE.NonESSActor in all_types:
                status = ESSStatus.NO
            else:
                status = ESSStatus.UNKNOWN
        c = Classification(
            node=node,
            label=self.lab.individual(node, "fr"),
            role=role,
            classes=tuple(self.lab.klass(t) for t in shown),
            asserted=frozenset(t for t in asserted if t in set(shown)),
            ess_status=status,
            derivation=derivation,
        )
        (self.poles if role == "pole" else self.actors).append(c)

    def from_run(self, run: ReasonerRun, nodes: Iterable[Node]) -> None:
        # the classes that stand for nominals (prepare.approximate_nominals) never show
        supers = _closure((a, b) for a, b in run.hierarchy if not _stand_in(a) and not _stand_in(b))
        by_subject = _by_subject(run.values)
        for node in nodes:
            direct = set(self.rin.asserted_types.get(node, frozenset()))
            if isinstance(node, URIRef):
                direct |= {t for t in run.types.get(node, frozenset()) if not _stand_in(t)}
            direct |= self.rin.hinted_types(node)
            types: set[URIRef] = set()
            for t in direct:
                types |= supers.get(t, frozenset((t,)))
            self.add(node, types, supers, run.reasoner, by_subject.get(node, ()))

    def from_saturation(self, sat: Saturation, nodes: Iterable[Node]) -> None:
        supers = {c: self.tbox.super_classes(c) for c in self.tbox.supers}
        by_subject = _by_subject(sat.derived_edges)
        for node in nodes:
            types = set(sat.types.get(node, {}))
            self.add(node, types, supers, "structural", by_subject.get(node, ()))

    def result(self, **kwargs: Any) -> ReasoningResult:
        key = lambda c: str(c.node)  # noqa: E731
        return ReasoningResult(inferred=self.inferred, actors=tuple(sorted(self.actors, key=key)),
                               poles=tuple(sorted(self.poles, key=key)), **kwargs)


def _saturate(rin: ReasonerInput, tbox: TBox, ontology_abox: Graph) -> Saturation:
    triples = set(ontology_abox) | set(rin.background) | set(rin.abox)
    return saturate(tbox, triples)


def _ontology_abox(rin: ReasonerInput, tbox: TBox) -> Graph:
    """The ontology's own individuals' assertions (legal forms, personalities...)."""
    out = Graph()
    schema_like = tbox.classes | tbox.object_properties | tbox.data_properties | tbox.annotation_properties
    for s, p, o in rin.tbox:
        if isinstance(s, URIRef) and s not in schema_like:
            if p == RDF.type and isinstance(o, URIRef) and not str(o).startswith(str(OWL)):
                out.add((s, p, o))
            elif p in tbox.object_properties or p in tbox.data_properties:
                out.add((s, p, o))
    return out


#: Datatypes of the model's dates: left out of reasoning as a matter of course (no axiom reads a
#: date), so they do not earn a note.
_DATE_CODES = {"datatype:xsd:" + n for n in ("date", "gYear", "gYearMonth", "gMonth", "gDay", "gMonthDay",
                                              "time", "duration")}


def _skipped_note(rin: ReasonerInput) -> list[Note]:
    skipped = {code: n for code, n in rin.skipped.items() if code not in _DATE_CODES}
    if not skipped:
        return []
    total = sum(skipped.values())
    fr = " ; ".join(f"{describe_skipped(code, 'fr')} : {n}" for code, n in sorted(skipped.items()))
    en = "; ".join(f"{describe_skipped(code, 'en')}: {n}" for code, n in sorted(skipped.items()))
    return [Note("skipped-input",
                 f"{total} assertion(s) des données laissée(s) hors du raisonnement ({fr})",
                 f"{total} data assertion(s) left out of reasoning ({en})")]


def _python_ess(data: Graph, node: Node) -> ESSStatus:
    """The Python model's ESS status of an actor (ess.py), read as the model reads it."""
    import warnings


    forms = sorted_nodes(data.objects(node, PTCE.legalForm))
    mentions = sorted_nodes(data.objects(node, PTCE.essMention))
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        form = legal_form_value(forms[0], warn=True) if forms else None
    kind = "person" if (node, RDF.type, PTCE.Person) in data else None
    cooperatives = sorted_nodes(data.objects(node, PTCE.cooperative))
    return ess_status(form, literal_bool(mentions[0]) if mentions else None, kind=kind,
                      cooperative=literal_bool(cooperatives[0]) if cooperatives else None).status


def reason(
    data: Any,
    *,
    ontology: Graph | None = None,
    reasoner: str | None = "hermit",
    infer_property_values: bool = False,
    explain: bool = True,
    max_explanation_runs: int = MAX_EXPLANATION_RUNS,
    nominals: str = "approximate",
    timeout: float | None = DEFAULT_JAVA_TIMEOUT,
) -> ReasoningResult:
    """Classify the actors and poles of ``data`` and check that it is consistent.

    ``data`` is an rdflib Graph (not modified), a path, a bundle folder, a
    :class:`~ptce_graph.model.Pole`, or a list of them.  ``ontology`` defaults
    to the packaged ontology (with ``reasoning.ttl``).  ``reasoner`` is
    ``"hermit"`` (default), ``"pellet"`` (owlready2's Pellet; if it cannot run,
    HermiT does and a note says why) or None for the structural checks only.
    ``infer_property_values`` adds inferred object property values: HermiT's
    (owlready2's ``-Y``) and those of sub-properties, inverses and transitive
    properties (``ptce:linkedActor``, ``ptce:partOf``), which HermiT's output
    leaves out.  ``explain`` False skips the search for the individuals in a
    contradiction.  ``nominals="exact"`` gives HermiT the ontology's
    enumerations and value restrictions as written, instead of the sound
    approximation that makes it several times faster (prepare.py).
    ``timeout`` is the wall-clock time Java may run in all, in seconds (default
    15 minutes; None: no limit): when it runs out, Java is stopped, a note says
    so, and the structural checks (or, while explaining a contradiction, what
    was found so far) stand in.

    Without a Java runtime this does not fail: the result has ``reasoner`` None,
    a note saying "Java runtime not found: install a JRE (Debian:
    default-jre-headless) to classify with HermiT", and the structural checks'
    classification, labelled ``derivation="structural"``.
    """
    if reasoner is not None and reasoner not in REASONERS:
        raise ValueError(f"unknown reasoner {reasoner!r}; expected one of {', '.join(REASONERS)} or None")
    if nominals not in ("approximate", "exact"):
        raise ValueError(f"unknown nominals mode {nominals!r}; expected 'approximate' or 'exact'")
    if timeout is not None and timeout <= 0:
        raise ValueError(f"timeout must be positive (seconds), not {timeout!r}")
    exact = nominals == "exact"
    timings: dict[str, float] = {}
    t0 = time.perf_counter()
    deadline = None if timeout is None else time.monotonic() + timeout

    def run_java(triples: Iterable[tuple[Node, Node, Node]], engine: str, **options: Any) -> ReasonerRun:
        """One reasoner run within what is left of ``timeout``; a timeout names the whole limit."""
        left = None if deadline is None else deadline - time.monotonic()
        try:
            return run_reasoner(triples, reasoner=engine, timeout=left, **options)
        except ReasonerTimeout:
            assert timeout is not None
            raise ReasonerTimeout(engine, timeout) from None

    graph = as_graph(data)
    onto = ontology if ontology is not None else ontology_graph()
    rin = prepare(graph, onto)
    tbox = read_tbox(rin.tbox)
    lab = Labeller(onto, graph)
    ontology_abox = _ontology_abox(rin, tbox)
    builder = _Builder(rin, tbox, lab, graph)
    notes: list[Note] = []
    timings["prepare"] = time.perf_counter() - t0
    nodes = sorted(rin.individuals, key=str)

    run: ReasonerRun | None = None
    used: str | None = None
    if reasoner is not None:
        if java_executable() is None:
            notes.append(Note("java-missing", JAVA_MISSING_MESSAGE_FR, JAVA_MISSING_MESSAGE))
        else:
            for engine in ([reasoner] if reasoner == "hermit" else [reasoner, "hermit"]):
                try:
                    run = run_java(rin.reasoning_triples(exact=exact), engine,
                                   infer_property_values=infer_property_values)
                    used = engine
                    timings["load"] = run.seconds_load
                    timings["reason"] = run.seconds_reason
                    break
                except ReasonerTimeout as failure:  # no time is left for another engine either
                    notes.append(Note("reasoner-timeout",
                                      f"{failure.reason_fr} ; les vérifications structurelles le remplacent",
                                      f"{failure.reason}; the structural checks ran instead"))
                    break
                except ReasonerFailure as failure:
                    code = "reasoner-failed" if engine == "hermit" else f"{engine}-unavailable"
                    then_fr = " ; classement par HermiT" if engine != "hermit" else ""
                    then_en = "; classified with HermiT instead" if engine != "hermit" else ""
                    if failure.reason == JAVA_MISSING_MESSAGE:
                        notes.append(Note("java-missing", JAVA_MISSING_MESSAGE_FR, JAVA_MISSING_MESSAGE))
                        break
                    notes.append(Note(code, f"{failure.reason_fr}{then_fr}", f"{failure.reason}{then_en}"))
    notes += _skipped_note(rin)

    if run is None:  # no reasoner: the structural checks, labelled as such
        t1 = time.perf_counter()
        sat = _saturate(rin, tbox, ontology_abox)
        builder.from_saturation(sat, nodes)
        conflicts = sat.conflicts()
        found = tuple(describe_conflicts(conflicts, sat, lab))
        # the ESS status without a reasoner is the Python model's rule (ess.py)
        builder.actors = [_with_status(c, _python_ess(graph, c.node)) for c in builder.actors]
        timings["structural"] = time.perf_counter() - t1
        timings["total"] = time.perf_counter() - t0
        return builder.result(consistent=not found, reasoner=None, inconsistencies=found, notes=tuple(notes),
                              timings=timings)

    if run.consistent:
        builder.from_run(run, nodes)
        if infer_property_values:
            _add_property_values(builder, _saturate(rin, tbox, ontology_abox), rin, graph)
        timings["total"] = time.perf_counter() - t0
        return builder.result(consistent=True, reasoner=used, notes=tuple(notes), timings=timings)

    # Inconsistent: name the contradictions, classify the rest.
    t1 = time.perf_counter()
    assert used is not None
    sat = _saturate(rin, tbox, ontology_abox)
    conflicts = sat.conflicts() if explain else []
    incs: list[Inconsistency] = describe_conflicts(conflicts, sat, lab)
    culprits: set[Node] = {c.individual for c in conflicts if c.individual in rin.modules}
    runs = 0
    final: ReasonerRun | None = None
    try:
        for _round in range(8 if explain else 0):
            remainder = [k for k in sorted(rin.modules, key=str) if k not in culprits]
            runs += 1
            if runs > max_explanation_runs:
                raise BudgetExhausted
            attempt = run_java(rin.reasoning_triples(only=remainder, exact=exact), used)
            if attempt.consistent:
                final = attempt
                break

            def inconsistent(keys: list[Node]) -> bool:
                nonlocal runs
                runs += 1
                if runs > max_explanation_runs:
                    raise BudgetExhausted
                triples = rin.reasoning_triples(only=keys, exact=exact)
                return not run_java(triples, used).consistent

            minimal = quickxplain(inconsistent, remainder)
            if not minimal:
                notes.append(Note(
                    "ontology-inconsistent",
                    "l'ontologie elle-même (avec le schéma que déclarent les données) est incohérente",
                    "the ontology itself (with the schema the data declares) is inconsistent"))
                break
            incs.append(describe_unexplained(minimal, lab, rin.asserted_types, used))
            culprits.update(minimal)
    except BudgetExhausted:
        notes.append(Note(
            "not-isolated",
            f"d'autres contradictions restent, non isolées en {max_explanation_runs} passes du raisonneur",
            f"further contradictions remain, not isolated within {max_explanation_runs} reasoner runs"))
    except ReasonerFailure as failure:
        notes.append(Note("reasoner-failed", failure.reason_fr, failure.reason))
    if final is not None:
        builder.from_run(final, [n for n in nodes if n not in culprits])
        builder.from_saturation(sat, [n for n in nodes if n in culprits])
    else:
        builder.from_saturation(sat, nodes)
    timings["explain"] = time.perf_counter() - t1
    timings["explain_runs"] = float(runs)
    timings["total"] = time.perf_counter() - t0
    return builder.result(consistent=False, reasoner=used, inconsistencies=tuple(incs), notes=tuple(notes),
                          timings=timings)


def _add_property_values(builder: _Builder, sat: Saturation, rin: ReasonerInput, data: Graph) -> None:
    """Object property values that follow from sub-properties, inverses and
    transitivity (``ptce:sourceActor`` ⊑ ``ptce:linkedActor``, ``ptce:partOf``
    transitive), which HermiT's ``-Y`` output leaves out."""
    for node in sorted(rin.individuals, key=str):
        for prop, values in sorted(sat.edges.get(node, {}).items(), key=lambda kv: str(kv[0])):
            if prop not in sat.tbox.object_properties:
                continue
            for value in values:
                if not isinstance(value, URIRef) or (node, prop, value) in data:
                    continue
                builder.inferred.add((node, prop, value))


def _with_status(c: Classification, status: ESSStatus) -> Classification:
    from dataclasses import replace

    return replace(c, ess_status=status)


def enrich_for_validation(data: Graph, **options: Any) -> Graph:
    """A new graph: ``data`` plus what the reasoner infers about it.

    For the legal validation (``validate(..., reason=True)``): SHACL shapes can
    then count ``ptce:ESSEnterprise``, ``ptce:NonESSEnterprise``,
    ``ptce:LegalPerson`` or ``ptce:essStatus ptce:ESSYes`` without an OWL
    reasoner of their own.  ``data`` is not modified.  Options are those of
    :func:`reason`; call :func:`reason` yourself to see contradictions (on
    inconsistent data the individuals in a contradiction get only what the
    structural checks establish).
    """
    return reason(data, **options).merged(data)
