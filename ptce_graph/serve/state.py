"""What the server computes once before it answers: the registry's verdicts, measures, dumps and counts.

:func:`prepare` runs the legal check of every pole under the four
definitions and the cooperation measures in one pass over the registry
(:meth:`ptce_graph.registry.Registry.process`, the batch engine), writes the
registry's dumps (Turtle, N-Triples) with their sizes and checksums, and has
the store count what VoID describes.  The result, a :class:`SiteState`, is
plain data: the server's worker processes receive it pickled and open the
store read-only (:class:`ptce_graph.serve.site.Site`).

Verdicts are computed as of one date (``as_of``, by default the day the
server starts): every page says which.
"""

from __future__ import annotations

import datetime as _dt
import hashlib
import pickle
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pyoxigraph as ox

from ptce_graph.errors import InputError
from ptce_graph.legal.pipeline import parse_as_of
from ptce_graph.legal.report.comparison import DefinitionComparison
from ptce_graph.legal.spec.definitions import DEFINITION_IDS
from ptce_graph.publish.metadata import DatasetInfo, Distribution, VoidCounts, store_void_counts
from ptce_graph.registry import REGISTRY_GRAPH, Registry

__all__ = ["SiteState", "prepare", "save_state", "load_state", "DUMP_NAMES"]

#: File names of the registry's dumps, by format (the names of :mod:`ptce_graph.io.serialize`).
DUMP_NAMES: dict[str, str] = {"turtle": "registry.ttl", "nt": "registry.nt"}


@dataclass
class SiteState:
    """Everything a server process needs besides the store: picklable, computed by :func:`prepare`."""

    store: Path
    base: str
    lang: str
    as_of: _dt.date
    loaded: _dt.datetime  # when the registry was loaded: the Last-Modified of its representations
    poles: tuple[str, ...]
    comparison: DefinitionComparison
    metrics: dict[str, Any]  # pole IRI -> PoleMetrics
    counts: VoidCounts
    dumps: dict[str, Distribution]  # format -> the dump's description (file name, size, checksum)
    folder: Path  # where the dumps are
    info: DatasetInfo = field(default_factory=DatasetInfo)
    writable: bool = False

    def label(self, pole: str) -> str:
        """A pole's name (as the legal report reads it), or its IRI."""
        report = self.comparison.reports[0]
        try:
            return report[pole].label or pole
        except (KeyError, IndexError):
            return pole

    def dump_path(self, fmt: str) -> Path:
        return self.folder / self.dumps[fmt].file_name


def _describe(path: Path, fmt: str) -> Distribution:
    digest = hashlib.sha256()
    size = 0
    with open(path, "rb") as handle:
        for block in iter(lambda: handle.read(1 << 20), b""):
            digest.update(block)
            size += len(block)
    return Distribution(format=fmt, file_name=path.name, byte_size=size, sha256=digest.hexdigest())


def prepare(
    registry: Registry,
    folder: str | Path,
    *,
    base: str,
    lang: str = "fr",
    as_of: _dt.date | str | None = None,
    info: DatasetInfo | None = None,
    jobs: int = 1,
    progress: bool | None = None,
    writable: bool = False,
    say: Callable[[str], None] | None = None,
) -> SiteState:
    """Check, measure and dump the registry held by ``registry`` (a persistent store) into ``folder``.

    ``say`` receives one line per step (the command prints them).
    """
    if registry.path is None:
        raise ValueError("a served registry lives in a persistent store (worker processes open it)")
    out = Path(folder)
    out.mkdir(parents=True, exist_ok=True)
    day = parse_as_of(as_of)  # today by default
    poles = tuple(str(p) for p in registry.poles())
    if not poles:
        raise InputError("the registry holds no pole (no resource of type ptce:Pole)", source=str(registry.path),
                         expected="a spreadsheet bundle or RDF describing a ptce:Pole")
    note = say or (lambda _line: None)
    note(f"checking and measuring {len(poles)} pole(s) as of {day.isoformat()}")
    turtle = out / DUMP_NAMES["turtle"]
    run = registry.process(definitions=DEFINITION_IDS, as_of=day, lang=lang, metrics=True, export=turtle,
                           jobs=jobs, progress=progress)
    assert run.comparison is not None and run.metrics is not None
    note("writing the dumps and counting the registry")
    ntriples = out / DUMP_NAMES["nt"]
    ox.serialize(ox.parse(path=str(turtle), format=ox.RdfFormat.TURTLE), output=str(ntriples),
                 format=ox.RdfFormat.N_TRIPLES)
    counts = store_void_counts(registry.store, REGISTRY_GRAPH)
    return SiteState(
        store=registry.path,
        base=base,
        lang=lang,
        as_of=day,
        loaded=_dt.datetime.now(_dt.UTC).replace(microsecond=0),
        poles=poles,
        comparison=run.comparison,
        metrics={m.pole: m for m in run.metrics},
        counts=counts,
        dumps={fmt: _describe(out / name, fmt) for fmt, name in DUMP_NAMES.items()},
        folder=out,
        info=info or DatasetInfo(),
        writable=writable,
    )


_STATE_FILE = "state.pickle"


def save_state(state: SiteState) -> Path:
    """Write the state beside the dumps, for worker processes (a private folder the server created)."""
    path = state.folder / _STATE_FILE
    path.write_bytes(pickle.dumps(state, protocol=pickle.HIGHEST_PROTOCOL))
    return path


def load_state(folder: str | Path) -> SiteState:
    """The state :func:`save_state` wrote (only ever a file this server wrote itself)."""
    state = pickle.loads((Path(folder) / _STATE_FILE).read_bytes())  # noqa: S301 - our own file
    if not isinstance(state, SiteState):
        raise TypeError("not a server state")
    return state
