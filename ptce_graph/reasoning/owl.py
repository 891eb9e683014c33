"""The owlready2 adapter: run HermiT (or Pellet) on an rdflib graph, safely.

Each call loads the graph into a *fresh* ``owlready2.World`` from N-Triples
bytes (``fileobj``), never into owlready2's shared ``default_world`` and never
from a location owlready2 could fetch; the caller has removed ``owl:imports``
and owlready2's ``python_module`` directive first (prepare.sanitize).  The
reasoner's conclusions are read back from the world's ``http://inferrences/``
ontology, where owlready2 writes them.

Known limits of owlready2 0.51, handled here:

* HermiT refuses datatypes outside the OWL 2 datatype map (``xsd:date`` is a
  range in ptce.ttl): it runs with ``--ignoreUnsupportedDatatypes``.
* ``sync_reasoner_hermit`` leaves its temporary file (a copy of the data) in
  the temporary folder when the ontology is inconsistent or Java fails: the
  files it creates are recorded and removed.
* The Pellet build bundled with owlready2 needs a newer Java than Debian's 17
  (``UnsupportedClassVersionError``): the failure is reported plainly.
* ``sync_reasoner_*`` take no timeout: the Java process gets one through
  ``owlready2.reasoning._subprocess_kargs``, the keyword arguments owlready2
  passes to ``subprocess`` (set under the module's lock, for the call only).
  When it fires, ``subprocess`` kills Java, and :class:`ReasonerFailure` says
  so.  Were a later owlready2 to drop that dictionary, the run is refused
  rather than left without a limit.
"""

from __future__ import annotations

import contextlib
import io
import os
import shutil
import subprocess
import sys
import tempfile
import threading
import time
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from typing import Any

from rdflib import BNode, Graph, URIRef
from rdflib.term import Node

from ptce_graph.io.serialize import nt_term

# owlready2 is imported inside the functions that reason: importing it sets up its default World, which
# only `ptce reason` and `validate(reason=True)` need.
__all__ = [
    "DEFAULT_JAVA_TIMEOUT",
    "JAVA_MISSING_MESSAGE",
    "ReasonerRun",
    "ReasonerFailure",
    "ReasonerTimeout",
    "java_executable",
    "run_reasoner",
    "owlready_version",
]

JAVA_MISSING_MESSAGE = (
    "Java runtime not found: install a JRE (Debian: default-jre-headless) to classify with HermiT"
)
JAVA_MISSING_MESSAGE_FR = (
    "environnement Java introuvable : installez un JRE (Debian : default-jre-headless) "
    "pour classer avec HermiT"
)

#: Seconds a reasoning may keep Java running, in all (``ptce reason --timeout``).
DEFAULT_JAVA_TIMEOUT = 900.0

_INFERENCES = "http://inferrences/"
_BASE = "urn:ptce:reasoning-input"
_LOCK = threading.Lock()


_NAMES = {"hermit": "HermiT", "pellet": "Pellet"}


class ReasonerFailure(Exception):
    """The Java reasoner could not run (not an inconsistency): ``reason`` says
    why in English, ``reason_fr`` in French, ``detail`` is Java's own text."""

    def __init__(self, reason: str, reason_fr: str | None = None, *, detail: str = "") -> None:
        super().__init__(reason)
        self.reason = reason
        self.reason_fr = reason_fr or reason
        self.detail = detail


@dataclass(frozen=True)
class ReasonerRun:
    """What one reasoner run concluded.

    ``consistent`` False means the reasoner proved the input inconsistent (and
    concluded nothing else).  ``types`` maps each individual to the named
    classes it was newly found to belong to (direct types, as the reasoner
    prints them); ``hierarchy`` gives (sub, super) and (a, b) equivalence pairs
    between named classes, asserted or inferred; ``values`` the inferred
    object property values (only with ``infer_property_values``).
    """

    reasoner: str
    consistent: bool
    types: dict[URIRef, frozenset[URIRef]]
    hierarchy: frozenset[tuple[URIRef, URIRef]]
    values: frozenset[tuple[URIRef, URIRef, URIRef]]
    seconds_load: float
    seconds_reason: float


def owlready_version() -> str:
    try:
        from importlib.metadata import version

        return version("owlready2")
    except Exception:  # noqa: BLE001
        return "?"


def java_executable() -> str | None:
    """The Java executable owlready2 will run, or None when there is none.

    owlready2 runs ``owlready2.JAVA_EXE`` ("java" on Linux, looked up on PATH);
    set that attribute to use another JRE.
    """
    try:
        import owlready2
    except ImportError:  # pragma: no cover - owlready2 is a dependency
        return None
    exe = getattr(owlready2, "JAVA_EXE", "java") or "java"
    if os.path.sep in exe or (os.path.altsep and os.path.altsep in exe):
        return exe if os.path.isfile(exe) and os.access(exe, os.X_OK) else None
    return shutil.which(exe)


@contextlib.contextmanager
def _owlready_temp_files() -> Iterator[list[str]]:
    """Record the temporary files owlready2's reasoning module creates, so that
    those it leaves behind (on inconsistency or Java error) can be removed.

    ``tempfile.NamedTemporaryFile`` is wrapped only for the duration of the
    call, and only calls coming from ``owlready2.reasoning`` are recorded; every
    caller gets the file it asked for.
    """
    created: list[str] = []
    original = tempfile.NamedTemporaryFile

    def recording(*args: Any, **kwargs: Any) -> Any:
        handle = original(*args, **kwargs)
        caller = sys._getframe(1).f_globals.get("__name__", "")
        if caller.startswith("owlready2"):
            created.append(handle.name)
        return handle

    tempfile.NamedTemporaryFile = recording
    try:
        yield created
    finally:
        tempfile.NamedTemporaryFile = original
        for name in created:
            with contextlib.suppress(OSError):
                os.unlink(name)


def _ntriples(graph: Graph | Iterable[tuple[Node, Node, Node]]) -> bytes:
    """N-Triples for the reasoner: every IRI checked (a hostile datatype IRI
    cannot inject a triple), blank nodes numbered; unsorted, for speed."""
    bnodes: dict[BNode, str] = {}

    def label(node: BNode) -> str:
        found = bnodes.get(node)
        if found is None:
            found = bnodes[node] = f"_:b{len(bnodes)}"
        return found

    lines = []
    for s, p, o in (graph if not isinstance(graph, Graph) else iter(graph)):
        for n in (s, o):
            if isinstance(n, BNode):
                label(n)
        lines.append(f"{nt_term(s, bnodes)} {nt_term(p, bnodes)} {nt_term(o, bnodes)} .\n")
    return "".join(lines).encode("utf-8")


def _first_java_line(text: str) -> str:
    for line in text.splitlines():
        line = line.strip()
        if line and not line.startswith("at ") and "Java error message is" not in line:
            return line[:300]
    return text.strip()[:300]


class ReasonerTimeout(ReasonerFailure):
    """Java ran out of its time and was stopped; ``seconds`` is the limit that fired."""

    def __init__(self, reasoner: str, seconds: float) -> None:
        name = _NAMES.get(reasoner, reasoner)
        super().__init__(
            f"{name} did not finish within {seconds:g} s and was stopped (allow more time with --timeout SECONDS)",
            f"{name} n'a pas fini en {seconds:g} s et a été arrêté (plus de temps : --timeout SECONDES)",
        )
        self.reasoner = reasoner
        self.seconds = seconds


@contextlib.contextmanager
def _java_time_limit(seconds: float | None) -> Iterator[None]:
    """Give owlready2's subprocess calls a timeout (under ``_LOCK``: the dictionary is module-wide)."""
    import owlready2.reasoning

    kwargs = getattr(owlready2.reasoning, "_subprocess_kargs", None)
    if seconds is None:
        yield
        return
    if not isinstance(kwargs, dict):
        raise ReasonerFailure(
            f"owlready2 {owlready_version()} offers no way to limit the reasoner's time; run without a timeout",
            f"owlready2 {owlready_version()} ne permet pas de limiter le temps du raisonneur",
        )
    kwargs["timeout"] = seconds
    try:
        yield
    finally:
        kwargs.pop("timeout", None)


def run_reasoner(
    graph: Graph | Iterable[tuple[Node, Node, Node]], *, reasoner: str = "hermit",
    infer_property_values: bool = False, timeout: float | None = None,
) -> ReasonerRun:
    """Classify ``graph`` (ontology + data, already sanitised; a graph or triples) with owlready2.

    ``timeout`` is the wall-clock limit of the Java process in seconds (None:
    no limit); Java is killed when it fires.  Raises :class:`ReasonerFailure`
    when Java is missing, runs out of time, or the reasoner fails for another
    reason than an inconsistency.
    """
    if java_executable() is None:
        raise ReasonerFailure(JAVA_MISSING_MESSAGE, JAVA_MISSING_MESSAGE_FR)
    if timeout is not None and timeout <= 0:
        raise ReasonerTimeout(reasoner, 0)
    import owlready2
    from owlready2.base import OwlReadyInconsistentOntologyError, OwlReadyJavaError

    nt = _ntriples(graph)
    t0 = time.perf_counter()
    world = owlready2.World()
    try:
        world.get_ontology(_BASE).load(fileobj=io.BytesIO(nt), format="ntriples")
        t1 = time.perf_counter()
        consistent = True
        with _LOCK, _owlready_temp_files(), _java_time_limit(timeout):
            try:
                if reasoner == "pellet":
                    owlready2.sync_reasoner_pellet(world, debug=0,
                                                   infer_property_values=infer_property_values)
                else:
                    owlready2.sync_reasoner_hermit(world, debug=0, ignore_unsupported_datatypes=True,
                                                   infer_property_values=infer_property_values)
            except OwlReadyInconsistentOntologyError:
                consistent = False
            except OwlReadyJavaError as exc:
                raise _failure(reasoner, str(exc)) from None
            except FileNotFoundError:
                raise ReasonerFailure(JAVA_MISSING_MESSAGE, JAVA_MISSING_MESSAGE_FR) from None
            except subprocess.TimeoutExpired as exc:  # subprocess has killed Java
                raise ReasonerTimeout(reasoner, float(exc.timeout)) from None
        t2 = time.perf_counter()
        if not consistent:
            return ReasonerRun(reasoner, False, {}, frozenset(), frozenset(), t1 - t0, t2 - t1)
        return _read_conclusions(world, reasoner, t1 - t0, t2 - t1)
    finally:
        with contextlib.suppress(Exception):
            world.close()


def _failure(reasoner: str, text: str) -> ReasonerFailure:
    import owlready2.reasoning

    name = _NAMES.get(reasoner, reasoner)
    first = _first_java_line(text)
    if "UnsupportedClassVersionError" in text:
        return ReasonerFailure(
            f"{name} bundled with owlready2 {owlready_version()} needs a newer Java runtime than the one "
            "installed (UnsupportedClassVersionError)",
            f"{name} fourni avec owlready2 {owlready_version()} demande un Java plus récent que celui "
            "installé (UnsupportedClassVersionError)",
            detail=first)
    if "OutOfMemoryError" in text:
        memory = owlready2.reasoning.JAVA_MEMORY
        return ReasonerFailure(
            f"{name} ran out of memory (owlready2.reasoning.JAVA_MEMORY = {memory} MB)",
            f"{name} a manqué de mémoire (owlready2.reasoning.JAVA_MEMORY = {memory} Mo)", detail=first)
    return ReasonerFailure(f"{name} failed: {first}", f"échec de {name} : {first}", detail=text[:4000])


def _read_conclusions(
    world: object, reasoner: str, seconds_load: float, seconds_reason: float
) -> ReasonerRun:
    import owlready2

    rdf_type = owlready2.rdf_type
    subclass = owlready2.rdfs_subclassof
    equivalent = owlready2.owl_equivalentclass
    unabbreviate = world._unabbreviate  # type: ignore[attr-defined]

    types: dict[URIRef, set[URIRef]] = {}
    values: set[tuple[URIRef, URIRef, URIRef]] = set()
    inferred = world.get_ontology(_INFERENCES)  # type: ignore[attr-defined]
    for s, p, o in inferred.get_triples():
        if not (isinstance(s, int) and s > 0 and isinstance(o, int) and o > 0):
            continue  # blank nodes and data values
        if p == rdf_type:
            types.setdefault(URIRef(unabbreviate(s)), set()).add(URIRef(unabbreviate(o)))
        elif p not in (subclass, equivalent):
            values.add((URIRef(unabbreviate(s)), URIRef(unabbreviate(p)), URIRef(unabbreviate(o))))

    hierarchy: set[tuple[URIRef, URIRef]] = set()
    for onto in world.ontologies.values():  # type: ignore[attr-defined]
        for s, _p, o in onto.get_triples(None, subclass, None):
            if isinstance(s, int) and s > 0 and isinstance(o, int) and o > 0:
                hierarchy.add((URIRef(unabbreviate(s)), URIRef(unabbreviate(o))))
        for s, _p, o in onto.get_triples(None, equivalent, None):
            if isinstance(s, int) and s > 0 and isinstance(o, int) and o > 0:
                a, b = URIRef(unabbreviate(s)), URIRef(unabbreviate(o))
                hierarchy.add((a, b))
                hierarchy.add((b, a))
    return ReasonerRun(
        reasoner=reasoner,
        consistent=True,
        types={k: frozenset(v) for k, v in types.items()},
        hierarchy=frozenset(hierarchy),
        values=frozenset(values),
        seconds_load=seconds_load,
        seconds_reason=seconds_reason,
    )
