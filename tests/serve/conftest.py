"""A real server for the HTTP tests: ``python -m ptce_graph serve`` on a free loopback port.

One server per test session serves a small registry — the fictional pole
(bundle), the twelve poles of the 2014 paper and three fictional poles with
unusual IRIs (``tests/data/serve/odd-iris.ttl``) — with small limits so that
caps and paging show (40 rows or triples per SPARQL answer, 3 s per query,
5 datasets per catalogue page).  It is stopped with SIGTERM, as a service
manager would, and must exit with 0.
"""

from __future__ import annotations

import http.client
import os
import signal
import socket
import subprocess
import sys
import time
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest
import requests

from tests.conftest import DATA, EXAMPLES, REPO

ETALAB = "https://www.etalab.gouv.fr/licence-ouverte-open-licence/"
FICTIONAL = "https://w3id.org/ptce/id/pole/fictional-val-d-exemple"
ACTOR = FICTIONAL + "/actor/tremplin"
SERVED = [str(EXAMPLES / "fictional-pole" / "bundle"), str(EXAMPLES / "paper-2014" / "poles-temoins.ttl"),
          str(DATA / "serve" / "odd-iris.ttl")]
OPTIONS = ["--query-limit", "40", "--query-timeout", "3", "--catalog-page-size", "5", "--as-of", "2026-01-01",
           "--license", ETALAB, "--publisher", "Réseau fictif de test"]


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


@dataclass
class Server:
    url: str
    process: subprocess.Popen[bytes]
    log: Path

    def get(self, path: str, **options: Any) -> requests.Response:
        options.setdefault("allow_redirects", False)
        options.setdefault("timeout", 120)
        return requests.get(self.url + path, **options)

    def post(self, path: str, **options: Any) -> requests.Response:
        options.setdefault("allow_redirects", False)
        options.setdefault("timeout", 180)
        return requests.post(self.url + path, **options)

    def head(self, path: str, **options: Any) -> requests.Response:
        return requests.head(self.url + path, allow_redirects=False, timeout=60, **options)

    def raw(self, path: str, headers: dict[str, str] | None = None) -> tuple[int, dict[str, str], bytes]:
        """GET ``path`` exactly as written (requests would turn ``%2E`` into ``.``)."""
        host, port = self.url.removeprefix("http://").split(":")
        connection = http.client.HTTPConnection(host, int(port), timeout=60)
        try:
            connection.request("GET", path, headers=headers or {})
            answer = connection.getresponse()
            return answer.status, {k.lower(): v for k, v in answer.getheaders()}, answer.read()
        finally:
            connection.close()

    def log_text(self) -> str:
        return self.log.read_text(encoding="utf-8", errors="replace")


def start_server(arguments: list[str], log: Path, *, timeout: float = 300.0) -> Server:
    port = free_port()
    env = {**os.environ, "PYTHONPATH": os.pathsep.join([str(REPO), os.environ.get("PYTHONPATH", "")])}
    command = [sys.executable, "-m", "ptce_graph", "serve", *arguments, "--port", str(port), "--no-warm"]
    handle = open(log, "wb")  # noqa: SIM115 - closed with the process
    process = subprocess.Popen(command, cwd=REPO, stdout=handle, stderr=subprocess.STDOUT, env=env)
    handle.close()
    server = Server(f"http://127.0.0.1:{port}", process, log)
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise RuntimeError(f"the server stopped ({process.returncode}):\n{server.log_text()[-3000:]}")
        try:
            if requests.get(server.url + "/health", timeout=5).status_code == 200:
                return server
        except requests.ConnectionError:
            pass
        time.sleep(0.3)
    stop_server(server)
    raise RuntimeError(f"the server did not answer in {timeout} s:\n{server.log_text()[-3000:]}")


def stop_server(server: Server, *, timeout: float = 60.0) -> int | None:
    """SIGTERM, as a service manager stops it; the exit code (None if it had to be killed)."""
    if server.process.poll() is None:
        server.process.send_signal(signal.SIGTERM)
        try:
            return server.process.wait(timeout)
        except subprocess.TimeoutExpired:
            server.process.kill()
            server.process.wait(10)
            return None
    return server.process.returncode


@pytest.fixture(scope="session")
def server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Server]:
    log = tmp_path_factory.mktemp("serve") / "server.log"
    running = start_server([*SERVED, *OPTIONS], log)
    yield running
    code = stop_server(running)
    if code != 0:
        pytest.fail(f"the server did not stop cleanly on SIGTERM (exit {code}):\n{running.log_text()[-3000:]}")
