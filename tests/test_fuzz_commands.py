"""The fuzzing harness of tests/test_hostile_input.py, extended to the commands that write or send:
``export`` (every format), ``publish`` (an in-process store), ``validate --store`` and ``report``.

Inputs are the fictional example pole mutated at random - literals replaced by random Unicode, IRIs by
random text, lines dropped, duplicated or cut, random tokens inserted - so that most of them still load
and reach the deep code; and token soups, which mostly do not.  Whatever the input, every command ends
with exit 0, 1 or 2 - never 3 (an internal error), never a traceback - and the store's other graphs
and the user's files are untouched.  The default run tries a few inputs on four commands; ``-m slow``
eighty, on every command, ``report`` included.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path

import pyoxigraph as ox
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from ptce_graph.cli import main
from ptce_graph.io import load, serialize
from tests.publish import servers

EXAMPLE = Path(__file__).resolve().parent.parent / "examples" / "fictional-pole" / "fictional-pole.ttl"
LINES = serialize(load(EXAMPLE), "nt").decode("utf-8").splitlines(keepends=True)
LITERAL = re.compile(r'"(?:[^"\\]|\\.)*"')
IRI = re.compile(r"<[^>]*>")
TOKENS = ["<https://e.org/a>", '"x"', "_:b", "[", "]", ".", ";", "@prefix e: <https://e.org/> .", "e:x", "<<",
          '"2014-13-45"^^<http://www.w3.org/2001/XMLSchema#date>', "\u2028", "\\u0000", "#", "{", "}"]
TEXT = st.text(alphabet=st.characters(exclude_categories=("Cs",)), max_size=20)


@st.composite
def mutated_poles(draw: st.DrawFn) -> str:
    lines = list(LINES)
    for _ in range(draw(st.integers(1, 6))):
        if not lines:
            break
        i = draw(st.integers(0, len(lines) - 1))
        action = draw(st.sampled_from(["literal", "iri", "drop", "duplicate", "cut", "token"]))
        line = lines[i]
        if action == "literal" and LITERAL.search(line):
            text = draw(TEXT).replace("\\", "\\\\").replace('"', '\\"').replace("\n", "\\n").replace("\r", "\\r")
            lines[i] = LITERAL.sub(lambda _m: f'"{text}"', line, count=1)  # noqa: B023 - used at once
        elif action == "iri":
            lines[i] = IRI.sub(lambda _m: "<" + draw(TEXT) + ">", line, count=1)
        elif action == "drop":
            del lines[i]
        elif action == "duplicate":
            lines.insert(i, line)
        elif action == "cut":
            lines[i] = line[: draw(st.integers(0, len(line)))]
        else:
            lines.insert(i, " ".join(draw(st.lists(st.sampled_from(TOKENS), min_size=1, max_size=5))) + "\n")
    return "".join(lines)


INPUTS = st.one_of(mutated_poles(), mutated_poles(), st.lists(st.sampled_from(TOKENS), max_size=30).map(" ".join))


@pytest.fixture(scope="module")
def store() -> Iterator[servers.InProcessStore]:
    with servers.in_process() as running:
        yield running


def _commands(path: Path, out: Path, store: servers.InProcessStore, *, every: bool) -> list[list[str]]:
    """The commands run on each input: a few in the default run, every one (and ``report``) with ``every``."""
    commands = [
        ["export", str(path), "-o", str(out / "x.ttl")],
        ["export", str(path), "-o", str(out / "x.jsonld")],
        ["export", str(path), "-o", str(out / "x.nt"), "--skolemize"],
        ["export", str(path), "-o", str(out / "bundle"), "-f", "bundle"],
        ["export", str(path), "-o", str(out / "meta.ttl"), "--with-metadata"],
        ["validate", str(path), "--store", ":memory:", "--as-of", "2026-01-01", "-f", "json"],
        ["publish", str(path), "--endpoint", store.endpoint, "--store", "oxigraph",
         "--graph", "https://example.org/fuzz", "--method", "update", "--chunk", "7"],
        ["publish", str(path), "--endpoint", store.endpoint, "--store", "oxigraph",
         "--graph", "https://example.org/fuzz"],
    ]
    if not every:
        return [commands[i] for i in (0, 3, 5, 6)]
    commands.append(["report", str(path), "-o", str(out / "report"), "--no-progress", "--as-of", "2026-01-01"])
    return commands


def _run_all(text: str, tmp: Path, store: servers.InProcessStore, capsys: pytest.CaptureFixture[str],
             *, every: bool) -> None:
    path = tmp / "input.nt"
    path.write_text(text, encoding="utf-8")
    out = tmp / "out"
    out.mkdir(exist_ok=True)
    sentinel = ox.Quad(ox.NamedNode("urn:keep"), ox.NamedNode("urn:p"), ox.Literal("stays"),
                       ox.NamedNode("urn:victim"))
    store.store.add(sentinel)
    for args in _commands(path, out, store, every=every):
        code = main(args)
        _, err = capsys.readouterr()
        assert code in (0, 1, 2), (args[0], code, err)
        assert "internal error" not in err and "Traceback" not in err, (args[0], err)
    assert sentinel in store.store and {g.value for g in store.store.named_graphs()} <= {
        "urn:victim", "https://example.org/fuzz"}
    assert path.read_text(encoding="utf-8") == text  # the input is never touched


@settings(max_examples=3, deadline=None, suppress_health_check=[HealthCheck.too_slow,
                                                                  HealthCheck.function_scoped_fixture])
@given(text=INPUTS)
def test_fuzz_export_publish_and_store(text: str, tmp_path_factory: pytest.TempPathFactory,
                                       store: servers.InProcessStore, capsys: pytest.CaptureFixture[str]) -> None:
    _run_all(text, tmp_path_factory.mktemp("fuzz"), store, capsys, every=False)


@pytest.mark.slow
@settings(max_examples=80, deadline=None, suppress_health_check=[HealthCheck.too_slow,
                                                                  HealthCheck.function_scoped_fixture])
@given(text=INPUTS)
def test_fuzz_every_writing_command(text: str, tmp_path_factory: pytest.TempPathFactory,
                                    store: servers.InProcessStore, capsys: pytest.CaptureFixture[str]) -> None:
    _run_all(text, tmp_path_factory.mktemp("fuzz"), store, capsys, every=True)
