"""A process-wide guard against network access the caller did not allow.

rdflib fetches JSON-LD remote contexts and URL sources, SPARQL ``SERVICE``
clauses call out, owlready2 follows ``owl:imports``: all through urllib or
sockets.  An audit hook (which cannot be removed once installed) stays inert
until :func:`no_network` arms it for the current context; armed, it refuses any
connection except to the hosts allowed, and loopback when asked.  The input
checks of :mod:`ptce_graph.io.rdf` refuse such inputs first, with a located
message; this guard is the second line of defence.
"""

from __future__ import annotations

import contextlib
import contextvars
import sys
from collections.abc import Iterator
from urllib.parse import urlsplit

__all__ = ["no_network", "network_allowed"]

_allowed: contextvars.ContextVar[frozenset[str] | None] = contextvars.ContextVar("ptce_no_network", default=None)
_installed = False


def _host_allowed(host: str | None, allowed: frozenset[str]) -> bool:
    if host is None:
        return True  # Unix sockets and the like: no network
    return host in allowed or "*" in allowed


def _hook(event: str, args: tuple) -> None:  # noqa: ANN001 - audit hook signature
    allowed = _allowed.get()
    if allowed is None:
        return
    if event == "urllib.Request":
        url = args[0]
        parts = urlsplit(url)
        if parts.scheme in ("file", "data"):
            raise PermissionError(f"ptce_graph: reading {url} was not allowed")
        if not _host_allowed(parts.hostname, allowed):
            raise PermissionError(f"ptce_graph: network access to {url} was not allowed")
    elif event == "socket.connect":
        address = args[1]
        if isinstance(address, tuple) and address and isinstance(address[0], str):
            if not _host_allowed(address[0], allowed):
                raise PermissionError(f"ptce_graph: network connection to {address[0]} was not allowed")
    elif event == "socket.getaddrinfo":
        host = args[0]
        if isinstance(host, bytes):
            host = host.decode("ascii", "replace")
        if isinstance(host, str) and not _host_allowed(host, allowed):
            raise PermissionError(f"ptce_graph: network lookup of {host} was not allowed")


def _install() -> None:
    global _installed
    if not _installed:
        sys.addaudithook(_hook)
        _installed = True


@contextlib.contextmanager
def no_network(allow: tuple[str, ...] = (), *, loopback: bool = False) -> Iterator[None]:
    """Refuse network access inside the block, except to the hosts in ``allow``."""
    _install()
    hosts = set(allow)
    if loopback:
        hosts |= {"127.0.0.1", "::1", "localhost"}
    token = _allowed.set(frozenset(hosts))
    try:
        yield
    finally:
        _allowed.reset(token)


@contextlib.contextmanager
def network_allowed() -> Iterator[None]:
    """Lift the guard inside the block (for calls the user asked for)."""
    token = _allowed.set(None)
    try:
        yield
    finally:
        _allowed.reset(token)
