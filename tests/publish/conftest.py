"""Real SPARQL stores for the ``store`` tests: Oxigraph's server and Virtuoso.

The servers are started by :mod:`tests.publish.servers` (loopback, free ports,
throwaway database, stopped by pid); a fixture skips, saying why, when its
binary is absent.  One server of each kind per test session.
"""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from tests.publish import servers
from tests.publish.servers import StoreServer


def _serve(start) -> Iterator[StoreServer]:  # noqa: ANN001
    try:
        context = start()
        server = context.__enter__()
    except servers.ServerUnavailable as exc:
        pytest.skip(str(exc))
    try:
        yield server
    finally:
        context.__exit__(None, None, None)


@pytest.fixture(scope="session")
def oxigraph_server() -> Iterator[StoreServer]:
    yield from _serve(servers.oxigraph)


@pytest.fixture(scope="session")
def virtuoso_server() -> Iterator[StoreServer]:
    yield from _serve(servers.virtuoso)


@pytest.fixture(params=["oxigraph", "virtuoso"])
def store_server(request: pytest.FixtureRequest) -> StoreServer:
    """Each real store in turn."""
    return request.getfixturevalue(f"{request.param}_server")
