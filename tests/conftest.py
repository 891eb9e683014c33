"""Shared test fixtures and the network guard.

Every test runs with a guard that fails any connection to anything but
loopback (tests marked ``store`` talk to servers on 127.0.0.1).  No test
touches the internet.

Synthetic registries of fictional poles come from the benchmarks' one
generator, ``benchmarks/generate.py``, through the ``synthetic`` fixture: it is
loaded by path here, the one place, so that ``tests/`` and ``benchmarks/``
never import each other.
"""

from __future__ import annotations

import importlib.util
import os
import shutil
import socket
from collections.abc import Iterator
from pathlib import Path
from types import ModuleType

import pytest

REPO = Path(__file__).resolve().parent.parent
EXAMPLES = REPO / "examples"
DATA = Path(__file__).resolve().parent / "data"

_LOOPBACK = {"127.0.0.1", "::1", "localhost", "0.0.0.0"}
_real_connect = socket.socket.connect
_real_create_connection = socket.create_connection
_real_getaddrinfo = socket.getaddrinfo


def _host(address: object) -> str | None:
    if isinstance(address, tuple) and address:
        return str(address[0])
    return None  # AF_UNIX paths


def _guarded_connect(self: socket.socket, address: object) -> object:
    host = _host(address)
    if host is not None and host not in _LOOPBACK:
        raise AssertionError(f"test opened a network connection to {address!r}")
    return _real_connect(self, address)


def _guarded_getaddrinfo(host: object, *args: object, **kwargs: object) -> object:
    if isinstance(host, bytes):
        host = host.decode()
    if host is not None and host not in _LOOPBACK:
        raise AssertionError(f"test looked up a network host {host!r}")
    return _real_getaddrinfo(host, *args, **kwargs)


@pytest.fixture(autouse=True)
def _no_network(monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    monkeypatch.setattr(socket.socket, "connect", _guarded_connect)
    monkeypatch.setattr(socket, "getaddrinfo", _guarded_getaddrinfo)
    yield


@pytest.fixture(autouse=True)
def _file_width(monkeypatch: pytest.MonkeyPatch) -> None:
    """Text outputs are laid out at a file's width (100 columns) whatever runs the tests: the terminal's own
    width in a serial run, COLUMNS=80 in pytest-xdist's workers.  A test of the layout sets its own COLUMNS."""
    monkeypatch.setenv("COLUMNS", "100")


@pytest.fixture
def repo() -> Path:
    return REPO


@pytest.fixture(scope="session")
def synthetic() -> ModuleType:
    """``benchmarks/generate.py``: ``synthetic_pole(i)``, ``registry_graph(n, seed=)``, ``write_registry(n, path)``…"""
    path = REPO / "benchmarks" / "generate.py"
    spec = importlib.util.spec_from_file_location("ptce_benchmarks_generate", path)
    assert spec is not None and spec.loader is not None, path
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def pytest_configure(config: pytest.Config) -> None:
    """HermiT runs in a new Java virtual machine at every reasoner call (owlready2), a few seconds
    each: for these short runs the client compiler alone and the serial collector need about 40 %
    less processor time (2.8 -> 1.7 s a run on the fictional pole, same conclusions).  A value the
    developer set is kept."""
    os.environ.setdefault("JAVA_TOOL_OPTIONS", "-XX:TieredStopAtLevel=1 -XX:+UseSerialGC")


def pytest_runtest_setup(item: pytest.Item) -> None:
    """Tests marked ``java`` (owlready2's HermiT) are skipped when no Java runtime is on PATH."""
    if item.get_closest_marker("java") is not None and shutil.which("java") is None:
        pytest.skip("needs a Java runtime (java on PATH) for owlready2's HermiT")
