"""Work the server hands to worker processes: each job has a deadline, and an overrunning worker is killed.

Two kinds of work must not run in the server's own process: SPARQL queries
(Oxigraph cannot be interrupted from Python, and a thread cannot be killed)
and checks of uploaded files (hostile input: parsed where a memory limit and a
deadline apply, and where a crash harms no one else).  A :class:`ProcessPool`
keeps ``processes`` long-lived workers, started with ``spawn`` (nothing
inherited from the server: no threads, no open store), and gives each job to
an idle one; a job waits at most its deadline for a worker, and a worker that
does not answer within the deadline is killed and replaced.

A worker is a function ``target(connection, *args)``: it prepares itself,
sends ``"ready"``, then answers each job it receives until it receives None
(:func:`serve_jobs` does the loop).
"""

from __future__ import annotations

import logging
import multiprocessing
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass
from multiprocessing.connection import Connection
from typing import Any

__all__ = ["ProcessPool", "Refused", "serve_jobs", "limit_memory"]

log = logging.getLogger("ptce_graph.serve")


@dataclass(frozen=True)
class Refused:
    """Why a job got no answer: ``busy`` (no worker free in time), ``timeout`` (killed), ``crashed``."""

    reason: str


def serve_jobs(connection: Connection, answer: Callable[[Any], Any]) -> None:
    """A worker's loop: say it is ready, then answer jobs until it receives None or the server goes away."""
    connection.send("ready")
    while True:
        try:
            job = connection.recv()
        except (EOFError, OSError):
            return
        if job is None:
            return
        try:
            result = answer(job)
        except Exception as exc:  # noqa: BLE001 - a worker answers; it does not die on one bad job
            result = Refused(f"crashed ({type(exc).__name__})")
        try:
            connection.send(result)
        except (OSError, ValueError):
            return


def limit_memory(max_bytes: int | None) -> None:
    """Cap this process's address space (Linux): a hostile input then raises MemoryError, not the machine."""
    if not max_bytes:
        return
    try:
        import resource  # POSIX only

        soft, hard = resource.getrlimit(resource.RLIMIT_AS)
        limit = max_bytes if hard == resource.RLIM_INFINITY else min(max_bytes, hard)
        resource.setrlimit(resource.RLIMIT_AS, (limit, hard))
    except (ImportError, ValueError, OSError):
        log.warning("could not limit the memory of a worker process")


class _Worker:
    def __init__(self, target: Callable[..., None], args: tuple[Any, ...], name: str, generation: int) -> None:
        context = multiprocessing.get_context("spawn")
        self.connection, child = context.Pipe()
        self.process = context.Process(target=target, args=(child, *args), daemon=True, name=name)
        self.process.start()
        child.close()
        self.ready = False
        self.generation = generation

    def wait_ready(self, timeout: float) -> bool:
        if not self.ready and self.connection.poll(timeout):
            try:
                self.ready = self.connection.recv() == "ready"
            except (EOFError, OSError):
                self.ready = False
        return self.ready

    def stop(self, *, kill: bool = False) -> None:
        if not kill and self.process.is_alive():
            try:
                self.connection.send(None)
            except (OSError, ValueError):
                pass
            self.process.join(2)
        if self.process.is_alive():
            self.process.kill()
            self.process.join(5)
        self.connection.close()


class ProcessPool:
    """At most ``processes`` workers running ``target(connection, *args)``; :meth:`run` answers a job in time."""

    def __init__(self, target: Callable[..., None], args: tuple[Any, ...] = (), *, processes: int = 1,
                 name: str = "ptce-worker", start_timeout: float = 120.0) -> None:
        self.target = target
        self.args = args
        self.processes = max(1, processes)
        self.name = name
        self.start_timeout = start_timeout
        self._idle: list[_Worker] = []
        self._lock = threading.Condition()
        self._closed = False
        self._count = 0
        self._generation = 0
        self.killed = 0

    def _new(self) -> _Worker:
        return _Worker(self.target, self.args, self.name, self._generation)

    def start(self) -> None:
        """Start the workers now (else each starts with the first job that needs it)."""
        with self._lock:
            while self._count < self.processes and not self._closed:
                self._idle.append(self._new())
                self._count += 1

    def _take(self, timeout: float) -> _Worker | None:
        deadline = time.monotonic() + timeout
        with self._lock:
            while not self._idle:
                if self._closed:
                    return None
                if self._count < self.processes:
                    self._count += 1
                    return self._new()
                left = deadline - time.monotonic()
                if left <= 0:
                    return None
                self._lock.wait(left)
            return self._idle.pop()

    def _give_back(self, worker: _Worker | None) -> None:
        stop = None
        with self._lock:
            if worker is None:
                self._count -= 1
            elif self._closed or worker.generation != self._generation:
                stop = worker
                self._count -= 1
            else:
                self._idle.append(worker)
            self._lock.notify()
        if stop is not None:
            stop.stop()

    def run(self, job: Any, timeout: float) -> Any:
        """The worker's answer to ``job``, or :class:`Refused` (busy, timeout, crashed)."""
        started = time.monotonic()
        worker = self._take(timeout)
        if worker is None:
            return Refused("busy")
        try:
            if not worker.wait_ready(self.start_timeout):
                worker.stop(kill=True)
                self._give_back(None)
                return Refused("crashed (the worker did not start)")
            worker.connection.send(job)
            # A little more than the deadline: workers that can stop themselves between steps do so first.
            left = max(0.1, timeout - (time.monotonic() - started)) + 1.0
            if worker.connection.poll(left):
                answer = worker.connection.recv()
                self._give_back(worker)
                return answer
            log.warning("%s: a job took longer than %.1f s; the worker was killed", self.name, timeout)
            worker.stop(kill=True)
            self.killed += 1
            self._give_back(None)
            return Refused("timeout")
        except (EOFError, OSError):
            worker.stop(kill=True)
            self._give_back(None)
            return Refused("crashed (the worker stopped)")

    def restart(self) -> None:
        """Replace every worker, busy ones when they finish (what they opened has changed)."""
        with self._lock:
            self._generation += 1
            idle, self._idle = self._idle, []
            self._count -= len(idle)
        for worker in idle:
            worker.stop()

    def close(self) -> None:
        """Stop the idle workers now, the busy ones when they finish."""
        with self._lock:
            self._closed = True
            idle, self._idle = self._idle, []
            self._count -= len(idle)
            self._lock.notify_all()
        for worker in idle:
            worker.stop()

    def pids(self) -> list[int]:
        with self._lock:
            return [w.process.pid or 0 for w in self._idle]
