"""The fuzzing harness of tests/test_hostile_input.py, extended to the commands that write or send:
``export`` (every format), ``publish`` (an in-process store), ``validate --store``, ``map``, ``report``;
spreadsheet bundles with random cells through ``validate``, ``map``, ``export`` to a workbook read back
and the check page's upload reader; legal cases (YAML) mutated at random through ``cases``; and random
file and folder names through every command that reads or writes one (``init``, ``-o``, ``--store``,
inputs).

Inputs are the fictional example pole mutated at random - literals replaced by random Unicode, IRIs by
random text, lines dropped, duplicated or cut, random tokens inserted - so that most of them still load
and reach the deep code; and token soups, which mostly do not.  Whatever the input, every command ends
with exit 0, 1 or 2 - never 3 (an internal error), never a traceback - and the store's other graphs
and the user's files are untouched (nothing written outside the sandbox of the names).  The default run
tries a few inputs on a few commands; ``-m slow`` sixty to eighty, on every command, ``report`` included.
"""

from __future__ import annotations

import csv
import io
import os
import re
import zipfile
from collections.abc import Iterator
from pathlib import Path

import pyoxigraph as ox
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from ptce_graph.cli import main
from ptce_graph.io import load, serialize
from ptce_graph.serve.uploads import Upload, UploadError, read_upload
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
        ["map", str(path), "-o", str(out / "carte.svg"), "--level", "departement"],
    ]
    if not every:
        return [commands[i] for i in (0, 3, 5, 6, 8)]
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
    assert path.read_bytes() == text.encode("utf-8")  # the input is never touched (bytes: \r stays \r)


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


# ---------------------------------------------------------------------------
#  Spreadsheet bundles with random cells, and the workbooks they are exported to
# ---------------------------------------------------------------------------

BUNDLE = EXAMPLE.parent / "bundle"
TABLES = {p.name: list(csv.reader(io.StringIO(p.read_text(encoding="utf-8"))))
          for p in sorted(BUNDLE.glob("*.csv"))}
CELL = st.one_of(TEXT, st.sampled_from(["", "=1+1", "@SUM(A1)", "-", "2014-13-45", "٢٠١٤", "1e400", "9" * 5000,
                                        "https://example.org/" + "x" * 5000, "oui", "#", "\u2028", ";"]))


@st.composite
def mutated_bundles(draw: st.DrawFn) -> dict[str, list[list[str]]]:
    """The fictional bundle, a few cells replaced by random text, rows dropped or duplicated."""
    tables = {name: [list(row) for row in rows] for name, rows in TABLES.items()}
    for _ in range(draw(st.integers(1, 6))):
        name = draw(st.sampled_from(sorted(tables)))
        rows = tables[name]
        if not rows:
            continue
        r = draw(st.integers(0, len(rows) - 1))
        action = draw(st.sampled_from(["cell", "cell", "cell", "drop", "duplicate"]))
        if action == "cell" and rows[r]:
            rows[r][draw(st.integers(0, len(rows[r]) - 1))] = draw(CELL)
        elif action == "drop":
            del rows[r]
        else:
            rows.insert(r, list(rows[r]))
    return tables


def _write_bundle(tables: dict[str, list[list[str]]], folder: Path) -> None:
    folder.mkdir()
    for name, rows in tables.items():
        with open(folder / name, "w", encoding="utf-8", newline="") as handle:
            csv.writer(handle, lineterminator="\n").writerows(rows)


def _zipped(folder: Path) -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as archive:
        for path in sorted(folder.iterdir()):
            archive.writestr(path.name, path.read_bytes())
    return out.getvalue()


def _upload(name: str, data: bytes) -> None:
    """The check page's reader: a graph or an UploadError, nothing else."""
    try:
        read_upload(Upload(name, data), base="https://w3id.org/ptce/id/", max_bytes=32 * 1024 * 1024, lang="fr")
    except UploadError as exc:
        assert exc.messages and not any("/tmp" in m or "Traceback" in m for m in exc.messages), exc.messages


def _run_bundle(tables: dict[str, list[list[str]]], tmp: Path, capsys: pytest.CaptureFixture[str]) -> None:
    bundle = tmp / "bundle"
    _write_bundle(tables, bundle)
    before = {p.name: p.read_bytes() for p in bundle.iterdir()}
    workbook = tmp / "pole.xlsx"
    for args in (["validate", str(bundle), "--as-of", "2026-01-01"], ["map", str(bundle), "-o", str(tmp / "c.json")],
                 ["export", str(bundle), "-o", str(workbook)], ["validate", str(workbook), "--as-of", "2026-01-01"]):
        if args[1] == str(workbook) and not workbook.exists():
            continue
        code = main(args)
        _, err = capsys.readouterr()
        assert code in (0, 1, 2), (args[0], code, err)
        assert "internal error" not in err and "Traceback" not in err, (args[0], err)
    _upload("pole.zip", _zipped(bundle))
    if workbook.exists():
        _upload("pole.xlsx", workbook.read_bytes())
    assert {p.name: p.read_bytes() for p in bundle.iterdir()} == before


@settings(max_examples=2, deadline=None, suppress_health_check=[HealthCheck.too_slow,
                                                                  HealthCheck.function_scoped_fixture])
@given(tables=mutated_bundles())
def test_fuzz_bundles_and_workbooks(tables: dict[str, list[list[str]]], tmp_path_factory: pytest.TempPathFactory,
                                    capsys: pytest.CaptureFixture[str]) -> None:
    _run_bundle(tables, tmp_path_factory.mktemp("fuzz-bundle"), capsys)


@pytest.mark.slow
@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow,
                                                                   HealthCheck.function_scoped_fixture])
@given(tables=mutated_bundles())
def test_fuzz_bundles_and_workbooks_at_length(tables: dict[str, list[list[str]]],
                                              tmp_path_factory: pytest.TempPathFactory,
                                              capsys: pytest.CaptureFixture[str]) -> None:
    _run_bundle(tables, tmp_path_factory.mktemp("fuzz-bundle"), capsys)


# ---------------------------------------------------------------------------
#  Random file and folder names, as inputs and outputs
# ---------------------------------------------------------------------------

SEGMENT = st.one_of(
    st.text(alphabet=st.characters(exclude_categories=("Cs",), exclude_characters="/\x00"), min_size=1,
            max_size=12).filter(lambda t: t != ".."),
    st.integers(200, 300).map(lambda n: "n" * n),  # names too long for the file system
    st.sampled_from([".", " ", "-", "--", "-o", "~", "$HOME", "*", "pole.ttl", "nul\u202e.ttl"]),
)
#: Relative names inside the sandbox (never absolute, never climbing out of it).
NAMES = st.lists(SEGMENT, min_size=1, max_size=3).map(lambda parts: "./" + "/".join(parts))


def _run_names(name: str, tmp: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch, *,
               every: bool) -> None:
    sandbox = tmp / "sandbox"
    (sandbox / "inputs").mkdir(parents=True)
    source = sandbox / "inputs" / "pole.ttl"
    source.write_bytes(EXAMPLE.read_bytes())
    monkeypatch.chdir(sandbox)
    commands = [["init", name], ["export", "inputs/pole.ttl", "-o", name],
                ["export", "inputs/pole.ttl", "-f", "bundle", "-o", name], ["info", name],
                ["validate", "inputs/pole.ttl", "--store", name], ["map", "inputs/pole.ttl", "-o", name + ".json"]]
    if not every:  # the default run: the paths of init, -o (a file, a folder) and an input
        commands = commands[:4]
    outside = sorted(p.name for p in tmp.iterdir())
    for args in commands:
        code = main(args)
        _, err = capsys.readouterr()
        assert code in (0, 1, 2), (args, code, err)
        assert "internal error" not in err and "Traceback" not in err, (args, err)
    assert source.read_bytes() == EXAMPLE.read_bytes()
    assert sorted(p.name for p in tmp.iterdir()) == outside
    assert not os.path.lexists(tmp.parent / "inputs")


@settings(max_examples=2, deadline=None, suppress_health_check=[HealthCheck.too_slow,
                                                                  HealthCheck.function_scoped_fixture])
@given(name=NAMES)
def test_fuzz_file_and_folder_names(name: str, tmp_path_factory: pytest.TempPathFactory,
                                    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch) -> None:
    _run_names(name, tmp_path_factory.mktemp("fuzz-names"), capsys, monkeypatch, every=False)


@pytest.mark.slow
@settings(max_examples=80, deadline=None, suppress_health_check=[HealthCheck.too_slow,
                                                                   HealthCheck.function_scoped_fixture])
@given(name=NAMES)
def test_fuzz_file_and_folder_names_at_length(name: str, tmp_path_factory: pytest.TempPathFactory,
                                              capsys: pytest.CaptureFixture[str],
                                              monkeypatch: pytest.MonkeyPatch) -> None:
    _run_names(name, tmp_path_factory.mktemp("fuzz-names"), capsys, monkeypatch, every=True)


# ---------------------------------------------------------------------------
#  Legal cases (YAML) mutated at random, through ptce cases
# ---------------------------------------------------------------------------

CASES = EXAMPLE.parent.parent / "fictional-legal-cases"
CASE_LINES = (CASES / "ess-societe-avec-mention.yaml").read_text(encoding="utf-8").splitlines(keepends=True)
YAML_TOKENS = ["&a x", "*a", "!!python/object:os.system x", "[", "]", "{", "}", "- ", ": ", "\t", "'", '"', "#",
               "? ", "|", ">", "---", "...", "%YAML 1.1", "base: ../x.yaml", "base: /etc/passwd", "~"]


@st.composite
def mutated_cases(draw: st.DrawFn) -> str:
    lines = list(CASE_LINES)
    for _ in range(draw(st.integers(1, 5))):
        if not lines:
            break
        i = draw(st.integers(0, len(lines) - 1))
        action = draw(st.sampled_from(["value", "drop", "duplicate", "cut", "token"]))
        line = lines[i]
        if action == "value" and ":" in line:
            lines[i] = line.split(":", 1)[0] + ": " + draw(TEXT).replace("\n", " ") + "\n"
        elif action == "drop":
            del lines[i]
        elif action == "duplicate":
            lines.insert(i, line)
        elif action == "cut":
            lines[i] = line[: draw(st.integers(0, len(line)))]
        else:
            lines.insert(i, " ".join(draw(st.lists(st.sampled_from(YAML_TOKENS), min_size=1, max_size=4))) + "\n")
    return "".join(lines)


def _run_case(text: str, tmp: Path, capsys: pytest.CaptureFixture[str]) -> None:
    for base in CASES.glob("_*.yaml"):
        (tmp / base.name).write_bytes(base.read_bytes())
    path = tmp / "cas.yaml"
    path.write_text(text, encoding="utf-8")
    for args in (["cases", str(path)], ["cases", str(tmp), "-f", "json"]):
        code = main(args)
        _, err = capsys.readouterr()
        assert code in (0, 1, 2), (args, code, err)
        assert "internal error" not in err and "Traceback" not in err and "root:" not in err, (args, err)


@settings(max_examples=2, deadline=None, suppress_health_check=[HealthCheck.too_slow,
                                                                  HealthCheck.function_scoped_fixture])
@given(text=mutated_cases())
def test_fuzz_legal_cases(text: str, tmp_path_factory: pytest.TempPathFactory,
                          capsys: pytest.CaptureFixture[str]) -> None:
    _run_case(text, tmp_path_factory.mktemp("fuzz-case"), capsys)


@pytest.mark.slow
@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow,
                                                                   HealthCheck.function_scoped_fixture])
@given(text=mutated_cases())
def test_fuzz_legal_cases_at_length(text: str, tmp_path_factory: pytest.TempPathFactory,
                                    capsys: pytest.CaptureFixture[str]) -> None:
    _run_case(text, tmp_path_factory.mktemp("fuzz-case"), capsys)
