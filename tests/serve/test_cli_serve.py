"""``ptce serve`` as a command: options checked before anything starts, the access log, and (slow) the
multi-process, persistent and writable modes, each stopped with SIGTERM."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from ptce_graph.cli import main
from tests.conftest import DATA, EXAMPLES
from tests.serve.conftest import FICTIONAL, SERVED, Server, start_server, stop_server
from tests.serve.test_uploads import BUNDLE, zipped


@pytest.mark.parametrize(
    ("arguments", "said"),
    [
        ([], "nothing to serve"),
        (["--store", "/nonexistent/ptce-store"], "no such store"),
        ([str(BUNDLE), "--writable"], "--writable"),
        ([str(BUNDLE), "--writable", "--store", "x", "--workers", "2"], "--workers"),
        ([str(BUNDLE), "--root-path", "ptce"], "--root-path"),
        ([str(BUNDLE), "--public-url", "not a url"], "--public-url"),
        ([str(DATA / "bad" / "unterminated-string.ttl")], "line 4"),
        ([str(BUNDLE), "--port", "0"], "--port"),
        ([str(BUNDLE), "--as-of", "2026-13-45"], "2026-13-45"),
    ],
)
def test_bad_options_and_inputs_exit_2_before_serving(arguments: list[str], said: str,
                                                     capsys: pytest.CaptureFixture[str]) -> None:
    assert exit_code(["serve", *arguments]) == 2
    err = capsys.readouterr().err
    assert said in err
    assert "Traceback" not in err


def exit_code(arguments: list[str]) -> int:
    """What ``ptce`` returns, or the code argparse exits with on its own errors."""
    try:
        return main(arguments)
    except SystemExit as exc:
        return int(exc.code or 0)


def test_the_access_log_is_one_json_object_per_request(server: Server) -> None:
    secret = "SELECT ?secret WHERE { ?secret ?p ?o } LIMIT 1"
    server.get("/sparql", params={"query": secret})
    lines = [json.loads(line) for line in server.log_text().splitlines() if line.startswith("{")]
    assert lines
    entry = next(e for e in lines if e["path"] == "/sparql")
    assert set(entry) >= {"time", "id", "client", "method", "path", "query_bytes", "status", "bytes", "ms", "agent"}
    assert entry["query_bytes"] > 0
    assert "secret" not in server.log_text()  # the query itself is never logged


@pytest.mark.slow
def test_several_workers(tmp_path: Path) -> None:
    running = start_server([*SERVED, "--workers", "2"], tmp_path / "log")
    try:
        for _ in range(6):
            assert running.get("/page/" + FICTIONAL.split("/id/")[1]).status_code == 200
        pids = {running.get("/health").headers.get("x-request-id") for _ in range(4)}
        assert pids
        answer = running.get("/sparql", params={"query": "ASK { ?s ?p ?o }"})
        assert answer.json()["boolean"] is True
    finally:
        assert stop_server(running) == 0


@pytest.mark.slow
def test_a_persistent_store_is_served_again_without_inputs(tmp_path: Path) -> None:
    store = tmp_path / "store"
    first = start_server([str(EXAMPLES / "fictional-pole" / "bundle"), "--store", str(store)], tmp_path / "one")
    try:
        poles = first.get("/health").json()["poles"]
    finally:
        assert stop_server(first) == 0
    again = start_server(["--store", str(store)], tmp_path / "two")
    try:
        assert again.get("/health").json()["poles"] == poles == 1
        assert again.get("/page/" + FICTIONAL.split("/id/")[1]).status_code == 200
    finally:
        assert stop_server(again) == 0


@pytest.mark.slow
def test_a_writable_registry_keeps_what_the_user_asks_to_keep(tmp_path: Path) -> None:
    store = tmp_path / "store"
    running = start_server([str(EXAMPLES / "paper-2014" / "poles-temoins.ttl"), "--store", str(store), "--writable"],
                           tmp_path / "log")
    try:
        assert running.get("/page/" + FICTIONAL.split("/id/")[1]).status_code == 404
        form = running.get("/check").text
        assert 'name="store"' in form
        refused = running.post("/check", files={"file": ("p.zip", zipped(BUNDLE))}, data={"store": "yes"},
                               headers={"Origin": "https://elsewhere.example"})
        assert refused.status_code == 403
        kept = running.post("/check", files={"file": ("p.zip", zipped(BUNDLE))}, data={"store": "yes"},
                            headers={"Origin": running.url})
        assert kept.status_code == 200
        assert running.get("/page/" + FICTIONAL.split("/id/")[1]).status_code == 200
        assert running.get("/health").json()["poles"] == 13
        again = running.get("/sparql", params={"query": f"ASK {{ <{FICTIONAL}> a ptce:Pole }}"})
        assert again.json()["boolean"] is True  # the query workers see the new pole
        checked_only = running.post("/check", files={"file": ("p.zip", zipped(BUNDLE))})
        assert checked_only.status_code == 200 and running.get("/health").json()["poles"] == 13
    finally:
        assert stop_server(running) == 0
