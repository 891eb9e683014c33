"""Throwaway SPARQL servers on loopback for the ``store`` tests: Oxigraph's server and Virtuoso.

Each context manager starts its server on loopback, on free ports, with a
throwaway database in a temporary folder, waits until it answers a SPARQL
``ASK``, and stops it by pid (SIGTERM, then SIGKILL if it lingers) before
removing the folder.  It raises :class:`ServerUnavailable`, saying why, when
its binary is absent:

* ``oxigraph`` comes with ``pip install oxigraph`` (the ``test`` extra), next
  to the venv's python;
* ``virtuoso-t`` comes with Debian's ``virtuoso-opensource``; the fixture
  follows design/STORES.md: its own ini (loopback, no Conductor VAD), the
  ``dba`` password set with both ``+pwdold`` and ``+pwddba`` (one alone is
  silently ignored, and so is a password longer than 20 characters), digest
  authentication on the ``-auth`` endpoints.

The ``store`` test fixtures (conftest.py) use them; ``benchmarks/publish_stores.py``
publishes into the stores it is given (``--endpoint``), started the same way.
:func:`in_process` is a third, for the default test run: a small
HTTP server in a thread of the test process, speaking Oxigraph's protocol
(``/query``, ``/update``, ``/store``) over an in-memory :class:`pyoxigraph.Store`.
It starts in milliseconds and needs no binary; it executes whatever update it
receives, as a real store would, so that what publication sends is tested by
its effect.
"""

from __future__ import annotations

import contextlib
import http.server
import os
import secrets
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import threading
import time
import urllib.error
import urllib.parse
import urllib.request
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path

import pyoxigraph as ox

from ptce_graph.publish.store import Credentials


@dataclass(frozen=True)
class StoreServer:
    """A running store: its kind, the endpoint to give ptce_graph, credentials."""

    kind: str
    endpoint: str
    credentials: Credentials | None
    query_url: str
    pid: int
    folder: Path


def _free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def _wait_ready(url: str, proc: subprocess.Popen, timeout: float, log: Path | None = None) -> float:
    started = time.monotonic()
    while time.monotonic() - started < timeout:
        if proc.poll() is not None:
            tail = log.read_text(errors="replace")[-2000:] if log is not None and log.exists() else ""
            raise RuntimeError(f"the store exited with code {proc.returncode} before it was ready\n{tail}")
        try:
            with urllib.request.urlopen(url, timeout=2) as response:  # noqa: S310 - loopback only
                if response.status == 200:
                    return time.monotonic() - started
        except (urllib.error.URLError, ConnectionError, TimeoutError, OSError):
            pass
        time.sleep(0.2)
    raise RuntimeError(f"the store did not answer {url} within {timeout} s")


def _stop(proc: subprocess.Popen) -> None:
    if proc.poll() is None:
        os.kill(proc.pid, signal.SIGTERM)
        try:
            proc.wait(timeout=30)
        except subprocess.TimeoutExpired:
            os.kill(proc.pid, signal.SIGKILL)
            proc.wait(timeout=10)


def _oxigraph_binary() -> str | None:
    beside = Path(sys.executable).parent / "oxigraph"
    if beside.is_file() and os.access(beside, os.X_OK):
        return str(beside)
    return shutil.which("oxigraph")


class ServerUnavailable(RuntimeError):
    """The server's binary is not installed."""


@contextlib.contextmanager
def oxigraph() -> Iterator[StoreServer]:
    """Oxigraph's server on a free loopback port, with a throwaway database."""
    exe = _oxigraph_binary()
    if exe is None:
        raise ServerUnavailable(
            "Oxigraph's server is not installed (pip install oxigraph puts `oxigraph` beside python)"
        )
    folder = Path(tempfile.mkdtemp(prefix="ptce-oxigraph-"))
    port = _free_port()
    log = folder / "server.log"
    with open(log, "wb") as out:
        proc = subprocess.Popen(
            [exe, "serve", "--location", str(folder / "db"), "--bind", f"127.0.0.1:{port}"],
            stdout=out,
            stderr=subprocess.STDOUT,
            cwd=folder,
        )
    try:
        _wait_ready(f"http://127.0.0.1:{port}/query?query=ASK%7B%7D", proc, 60, log)
        yield StoreServer(
            "oxigraph",
            f"http://127.0.0.1:{port}/query",
            None,
            f"http://127.0.0.1:{port}/query",
            proc.pid,
            folder,
        )
    finally:
        _stop(proc)
        shutil.rmtree(folder, ignore_errors=True)


_VIRTUOSO_INI = """\
[Database]
DatabaseFile = {d}/db/virtuoso.db
ErrorLogFile = {d}/db/virtuoso.log
LockFile = {d}/db/virtuoso.lck
TransactionFile = {d}/db/virtuoso.trx
xa_persistent_file = {d}/db/virtuoso.pxa
[TempDatabase]
DatabaseFile = {d}/db/virtuoso-temp.db
TransactionFile = {d}/db/virtuoso-temp.trx
[Parameters]
ServerPort = 127.0.0.1:{sql}
DisableUnixSocket = 1
NumberOfBuffers = 10000
MaxDirtyBuffers = 6000
DirsAllowed = {d}
[HTTPServer]
ServerPort = 127.0.0.1:{http}
ServerRoot = /var/lib/virtuoso-opensource-7/vsp
ServerThreads = 10
[SPARQL]
ResultSetMaxRows = 100000
MaxQueryExecutionTime = 60
"""


@contextlib.contextmanager
def virtuoso() -> Iterator[StoreServer]:
    """Virtuoso on free loopback ports, with a throwaway database and a random dba password."""
    exe = shutil.which("virtuoso-t")
    if exe is None:
        raise ServerUnavailable("Virtuoso is not installed (Debian: apt-get install virtuoso-opensource)")
    folder = Path(tempfile.mkdtemp(prefix="ptce-virtuoso-"))
    (folder / "db").mkdir()
    sql, http = _free_port(), _free_port()
    while http == sql:
        http = _free_port()
    ini = folder / "virtuoso.ini"
    ini.write_text(_VIRTUOSO_INI.format(d=folder, sql=sql, http=http), encoding="utf-8")
    # At most 20 characters: a longer +pwddba is silently not applied (measured on 7.2.5: 21 fails).
    password = "Ptce-" + secrets.token_hex(6)
    proc = None
    try:
        # One-shot run: creates the database, sets the dba password (both flags), exits.
        subprocess.run(
            [exe, "+configfile", str(ini), "+foreground", "+pwdold", "dba", "+pwddba", password],
            cwd=folder,
            check=True,
            timeout=120,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        with open(folder / "server.log", "wb") as out:
            proc = subprocess.Popen(
                [exe, "+configfile", str(ini), "+foreground"],
                cwd=folder,
                stdout=out,
                stderr=subprocess.STDOUT,
            )
        _wait_ready(
            f"http://127.0.0.1:{http}/sparql?query=ASK%7B%7D", proc, 120, folder / "db" / "virtuoso.log"
        )
        yield StoreServer(
            "virtuoso",
            f"http://127.0.0.1:{http}/sparql",
            Credentials("dba", password, "auto"),
            f"http://127.0.0.1:{http}/sparql",
            proc.pid,
            folder,
        )
    finally:
        if proc is not None:
            _stop(proc)
        shutil.rmtree(folder, ignore_errors=True)


class _InProcessHandler(http.server.BaseHTTPRequestHandler):
    """Oxigraph's HTTP protocol over ``server.store`` (a :class:`pyoxigraph.Store`)."""

    server: _InProcessServer

    def log_message(self, *args: object) -> None:
        pass

    def _reply(self, status: int, body: bytes = b"", content_type: str = "text/plain") -> None:
        self.send_response(status)
        self.send_header("Server", "InProcessOxigraph/0 (oxigraph-compatible test store)")
        self.send_header("Content-Type", content_type)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        if self.command != "HEAD":
            self.wfile.write(body)

    def _body(self) -> bytes:
        return self.rfile.read(int(self.headers.get("Content-Length") or 0))

    def _form(self) -> dict[str, str]:
        url = urllib.parse.urlsplit(self.path)
        fields = dict(urllib.parse.parse_qsl(url.query, keep_blank_values=True))
        if self.command == "POST" and "form-urlencoded" in (self.headers.get("Content-Type") or ""):
            fields.update(urllib.parse.parse_qsl(self._body().decode("utf-8"), keep_blank_values=True))
        return fields

    def _route(self) -> None:
        path = urllib.parse.urlsplit(self.path).path
        store = self.server.store
        fault = self.server.fault(self.command, path) if self.server.fault is not None else None
        try:
            with self.server.lock:
                if fault == "refuse":  # answer an error, change nothing
                    self._reply(500, b"refused by the test")
                elif fault == "hang-up":  # change nothing, answer nothing
                    self.close_connection = True
                elif self.command == "HEAD":
                    self._reply(200)
                elif path == "/query":
                    self._query(store, self._form().get("query", ""))
                elif path == "/update":
                    self.server.updates.append(self._form().get("update", ""))
                    store.update(self.server.updates[-1])
                    if fault == "apply-then-hang-up":  # the answer is lost
                        self.close_connection = True
                    else:
                        self._reply(204)
                elif path == "/store":
                    self._graph_store(store, lose_answer=fault == "apply-then-hang-up")
                else:
                    self._reply(404)
        except (SyntaxError, ValueError, OSError) as exc:
            self._reply(400, str(exc).encode("utf-8"))

    def _query(self, store: ox.Store, text: str) -> None:
        result = store.query(text)
        if isinstance(result, ox.QueryTriples):
            self._reply(200, result.serialize(format=ox.RdfFormat.N_TRIPLES), "application/n-triples")
        else:
            self._reply(200, result.serialize(format=ox.QueryResultsFormat.JSON), "application/sparql-results+json")

    def _graph_store(self, store: ox.Store, *, lose_answer: bool = False) -> None:
        name = ox.NamedNode(self._form()["graph"])
        if self.command == "GET":
            if not store.contains_named_graph(name):
                self._reply(404)
                return
            quads = [ox.Quad(q.subject, q.predicate, q.object) for q in store.quads_for_pattern(None, None, None, name)]
            self._reply(200, ox.serialize(quads, format=ox.RdfFormat.N_TRIPLES) or b"", "application/n-triples")
            return
        if self.command == "DELETE":
            store.remove_graph(name)
            self._reply(204)
            return
        quads = [
            ox.Quad(q.subject, q.predicate, q.object, name)
            for q in ox.parse(self._body(), format=ox.RdfFormat.N_TRIPLES)
        ]  # parsed whole before anything changes: the PUT is atomic, as Oxigraph's
        if self.command == "PUT" and store.contains_named_graph(name):
            store.remove_graph(name)
        store.add_graph(name)
        store.extend(quads)
        if lose_answer:
            self.close_connection = True
            return
        self._reply(201 if self.command == "PUT" else 204)

    do_GET = do_POST = do_PUT = do_DELETE = do_HEAD = _route  # noqa: N815


class _InProcessServer(http.server.ThreadingHTTPServer):
    def __init__(self) -> None:
        super().__init__(("127.0.0.1", 0), _InProcessHandler)
        self.store = ox.Store()
        self.lock = threading.Lock()
        self.updates: list[str] = []
        self.fault: Callable[[str, str], str | None] | None = None


class InProcessStore:
    """The running in-process store: its endpoint, the Oxigraph store behind it, the updates received.

    ``fault``, when set, is asked ``(HTTP method, path)`` for each request and may answer
    ``"refuse"`` (HTTP 500, nothing changed), ``"hang-up"`` (no answer, nothing changed) or, for
    an update or an upload, ``"apply-then-hang-up"`` (the request is applied, the answer lost).
    """

    def __init__(self, server: _InProcessServer) -> None:
        self._server = server
        self.endpoint = f"http://127.0.0.1:{server.server_address[1]}/query"
        self.store = server.store
        self.updates = server.updates

    @property
    def fault(self) -> Callable[[str, str], str | None] | None:
        return self._server.fault

    @fault.setter
    def fault(self, value: Callable[[str, str], str | None] | None) -> None:
        self._server.fault = value


@contextlib.contextmanager
def in_process() -> Iterator[InProcessStore]:
    """An Oxigraph-compatible SPARQL store in a thread of this process, on a free loopback port."""
    server = _InProcessServer()
    thread = threading.Thread(target=server.serve_forever, kwargs={"poll_interval": 0.05}, daemon=True)
    thread.start()
    try:
        yield InProcessStore(server)
    finally:
        server.shutdown()
        server.server_close()
