"""Per-pole work (and the shapes' queries) in worker processes that share the registry's store.

Why processes: after the shapes have run in Rust, what is left per pole is
Python (the pole's report, its model and measures, its Turtle), bound to one
core by the GIL.  Worker processes are *forked* once the data is loaded: an
in-memory Oxigraph store is then shared copy-on-write (never copied, never
pickled), and a persistent store is opened read-only by each worker.  Only
the results travel back (pickled), in pole order.

Fork is only used on Linux (macOS and Windows start processes by spawning,
which would have to copy the store); elsewhere, and for ``jobs=1``, the work
runs in this process.  Warnings a worker raises are replayed in the caller,
so that serial and parallel runs warn alike.
"""

from __future__ import annotations

import gc
import multiprocessing
import sys
import warnings
from collections.abc import Callable, Generator, Sequence
from typing import Any, TypeVar

from ptce_graph.progress import Progress

__all__ = ["map_poles", "iter_poles", "can_fork"]

T = TypeVar("T")

#: Poles per task sent to a worker: small enough for a smooth progress bar and
#: an even share between workers, large enough that pickling stays negligible.
CHUNK = 16

# The work of the current map, inherited by forked workers (never pickled).
_FORKED: tuple[Callable[[int], Any], Sequence[Any]] | None = None


def can_fork() -> bool:
    """True where worker processes can share the parent's memory (Linux)."""
    return sys.platform.startswith("linux") and "fork" in multiprocessing.get_all_start_methods()


def map_poles(work: Callable[[int], T], count: int, **options: Any) -> list[T]:
    """``[work(0), ..., work(count - 1)]``: :func:`iter_poles`' results in a list (same options)."""
    return list(iter_poles(work, count, **options))


def iter_poles(
    work: Callable[[int], T],
    count: int,
    *,
    jobs: int = 1,
    progress: bool | None = None,
    label: str = "poles",
    setup: Callable[[], None] | None = None,
    chunk: int | None = None,
) -> Generator[T, None, None]:
    """``work(0), ..., work(count - 1)`` in ``jobs`` forked processes where possible, given in order as they
    come (to write each and let it go).

    ``work`` is any callable (a closure is fine: forked workers inherit it);
    its results must pickle.  ``setup`` runs once in each worker before any
    work (to reopen a persistent store read-only, for instance).  ``chunk``:
    items per task sent to a worker (default :data:`CHUNK`; 1 for a few items
    of very unequal cost).  Closing the iterator early stops the workers.
    """
    global _FORKED
    bar = Progress(count, label, enabled=False if progress is False else None)
    try:
        size = CHUNK if chunk is None else chunk
        if jobs <= 1 or count < 2 * size or not can_fork():
            for i in range(count):
                yield work(i)
                bar.advance()
            return
        _FORKED = (work, (setup,))
        tasks = [(start, min(start + size, count)) for start in range(0, count, size)]
        context = multiprocessing.get_context("fork")
        collecting = gc.isenabled()
        gc.disable()  # the results only grow here: full collections over them would be wasted (~2 s / 1,000 poles)
        try:
            with context.Pool(min(jobs, len(tasks)), initializer=_worker_setup) as pool:
                for done, caught in pool.imap(_run_chunk, tasks):
                    for message, category, filename, lineno in caught:
                        warnings.warn_explicit(message, category, filename, lineno)
                    yield from done
                    bar.advance(len(done))
        finally:
            # Straight to the oldest generation: the young ones would traverse the results twice more.
            gc.freeze()
            gc.unfreeze()
            if collecting:
                gc.enable()
    finally:
        _FORKED = None
        bar.close()


def _worker_setup() -> None:
    # What the worker inherited is never freed here: out of the collector's sight, the
    # collections are short (measured 42 -> 36 ms per pole) and the shared pages stay shared.
    gc.freeze()
    assert _FORKED is not None
    setup = _FORKED[1][0]
    if setup is not None:
        setup()


def _run_chunk(bounds: tuple[int, int]) -> tuple[list[Any], list[tuple[str, type[Warning], str, int]]]:
    assert _FORKED is not None
    work = _FORKED[0]
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        chunk = [work(i) for i in range(*bounds)]
    return chunk, [(str(w.message), w.category, w.filename, w.lineno) for w in caught]
