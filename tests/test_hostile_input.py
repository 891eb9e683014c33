"""Hostile and broken input (issue: located errors, nothing lost, no network).

Runs the corpus of ``tests/data/bad/`` through the API and the command line,
with a loopback server that records any request (none may arrive) and a secret
file whose content must never appear in any output.
"""

from __future__ import annotations

import http.server
import json
import os
import shutil
import signal
import subprocess
import sys
import textwrap
import threading
import time
import warnings
from collections.abc import Iterator
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from ptce_graph.cli import main
from ptce_graph.errors import BundleError, DataWarning, InputError, PTCEError
from ptce_graph.io import load, save, serialize
from ptce_graph.io.bundle import read_bundle
from ptce_graph.io.rdf import parse_rdf
from tests.console import run_ptce

BAD = Path(__file__).resolve().parent / "data" / "bad"
CASES = json.loads((BAD / "rdf-manifest.json").read_text()) + json.loads((BAD / "bundle-manifest.json").read_text())
SECRET_TEXT = "TOP-SECRET-PTCE-CONTENT"


class _Recorder(http.server.BaseHTTPRequestHandler):
    requests: list[str] = []

    def do_GET(self) -> None:  # noqa: N802 - http.server API
        _Recorder.requests.append(self.path)
        self.send_response(200)
        self.send_header("Content-Type", "application/ld+json")
        self.end_headers()
        self.wfile.write(b'{"@context": {"name": "http://example.org/name"}}')

    do_POST = do_GET  # noqa: N815

    def log_message(self, *args: object) -> None:
        pass


@pytest.fixture(scope="module")
def server() -> Iterator[str]:
    httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), _Recorder)
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    yield f"127.0.0.1:{httpd.server_address[1]}"
    httpd.shutdown()


@pytest.fixture(scope="module")
def corpus(tmp_path_factory: pytest.TempPathFactory, server: str) -> Path:
    root = tmp_path_factory.mktemp("corpus")
    secret = root / "secret.json"
    secret.write_text(json.dumps({"@context": {"secret": SECRET_TEXT}}))
    shutil.copytree(BAD, root / "bad")
    for case in CASES:
        if case.get("template"):
            path = root / "bad" / case["path"]
            path.write_text(path.read_text().replace("{HOST}", server).replace("{SECRET}", str(secret)))
    return root / "bad"


def _check_error(case: dict, error: PTCEError, path: Path) -> None:
    assert isinstance(error, InputError), type(error)
    text = str(error)
    if "file" in case:
        assert error.source.endswith(case["file"]), (error.source, case)
    else:
        assert error.source == str(path)
    if "line" in case:
        assert error.line == case["line"], (text, case)
    if "sheet" in case:  # a workbook: the sheet, and the cell as Excel shows it
        assert error.location.sheet == case["sheet"], (text, case)
    if "cell" in case:
        assert f"{error.location.letter}{error.line}" == case["cell"], (text, case)
    if "column" in case:
        assert error.location.field == case["column"], (text, case)
    if "contains" in case:
        assert case["contains"] in text, (text, case)
    assert SECRET_TEXT not in text


@pytest.mark.parametrize("case", CASES, ids=[c["path"] for c in CASES])
def test_api(case: dict, corpus: Path) -> None:
    path = corpus / case["path"]
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        if case["outcome"] == "error":
            with pytest.raises(PTCEError) as info:
                load(path)
            _check_error(case, info.value, path)
            return
        graph = load(path)
    data_warnings = [str(w.message) for w in caught if issubclass(w.category, DataWarning)]
    if case["outcome"] == "warning":
        assert any(case["contains"] in w for w in data_warnings), data_warnings
    else:
        assert not data_warnings, data_warnings
    assert SECRET_TEXT not in serialize(graph, "nt").decode()


@pytest.mark.parametrize("case", CASES, ids=[c["path"] for c in CASES])
def test_cli(case: dict, corpus: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = corpus / case["path"]
    code = main(["info", str(path)])
    out, err = capsys.readouterr()
    assert "Traceback" not in out + err
    assert SECRET_TEXT not in out + err
    if case["outcome"] == "error":
        assert code == 2, err
        assert err.startswith("ptce: error: ")
        located = str(path / case["file"]) if "file" in case else str(path)
        assert located in err
        if "line" in case:
            assert f"{located}:{case['line']}" in err
        if "sheet" in case:
            assert f"feuille « {case['sheet']} »" in err
        if "cell" in case:
            assert f"cellule {case['cell']}" in err
    else:
        assert code == 0, err
        if case["outcome"] == "warning":
            assert "ptce: warning:" in err and case["contains"] in err


def test_no_request_ever_arrived(corpus: Path, capsys: pytest.CaptureFixture[str]) -> None:
    for case in CASES:
        if case.get("template"):
            main(["info", str(corpus / case["path"])])
            with pytest.raises(PTCEError) if case["outcome"] == "error" else _nullcontext():
                load(corpus / case["path"])
    capsys.readouterr()
    assert _Recorder.requests == []


class _nullcontext:
    def __enter__(self) -> None:
        return None

    def __exit__(self, *exc: object) -> bool:
        return False


def test_the_recorder_would_see_a_request(server: str) -> None:
    # The guard allows loopback: prove the recorder works, so that "no request" above means something.
    import urllib.request

    before = len(_Recorder.requests)
    urllib.request.urlopen(f"http://{server}/probe", timeout=5).read()
    assert len(_Recorder.requests) == before + 1
    _Recorder.requests.remove("/probe")


def test_cli_subprocess_never_shows_a_traceback(corpus: Path) -> None:
    # A few cases end to end, as a user runs them: the first in a process of its own, the others
    # through the same entry point in this process (a process costs a second of imports).
    first = subprocess.run([sys.executable, "-m", "ptce_graph", "info", str(corpus / "random-bytes.ttl")],
                           capture_output=True, text=True, timeout=120)
    for name in ("random-bytes.ttl", "xml-billion-laughs.rdf", "jsonld-deep.jsonld", "bundles/utf16"):
        result = first if name == "random-bytes.ttl" else run_ptce("info", str(corpus / name))
        assert result.returncode == 2, (name, result.stderr)
        assert "Traceback" not in result.stderr and result.stderr.startswith("ptce: error: ")


def test_huge_literal_is_read(tmp_path: Path) -> None:
    big = tmp_path / "huge-literal.ttl"
    big.write_text('<https://example.org/a> <https://example.org/p> "' + "é" * 3_000_000 + '" .\n')
    graph = load(big)
    assert len(next(iter(graph.objects()))) == 3_000_000


def test_very_deep_nesting_is_read(tmp_path: Path) -> None:
    depth = 20000
    deep = tmp_path / "deep.ttl"
    deep.write_text("<https://example.org/a> <https://example.org/p> " + "[ <https://example.org/p> " * depth + '"x"'
                    + " ]" * depth + " .\n")
    graph = load(deep)
    assert len(graph) == depth + 1
    # Writing it back does not recurse either.
    assert serialize(graph, "turtle").count(b"\n") > depth


def test_size_cap_is_an_error(tmp_path: Path) -> None:
    path = tmp_path / "big.ttl"
    path.write_text('<https://example.org/a> <https://example.org/p> "' + "x" * 5000 + '" .\n')
    with pytest.raises(InputError, match="bytes"):
        load(path, max_bytes=1000)


def test_the_callers_graph_is_never_mutated(corpus: Path, tmp_path: Path) -> None:
    from ptce_graph import compare_definitions, reason, referentiel_gap, typology, validate
    from ptce_graph.info import summarize
    from ptce_graph.metrics import metrics
    from ptce_graph.publish import export

    graph = load(corpus / "bundles" / "extra-columns")
    before = set(graph)
    summarize(graph)
    serialize(graph, "turtle")
    serialize(graph, "json-ld")
    save(graph, tmp_path / "x.ttl")
    save(graph, tmp_path / "bundle")
    validate(graph, definition="law-2014", as_of="2026-01-01")
    compare_definitions(graph, as_of="2026-01-01")
    metrics(graph)
    typology(graph)
    referentiel_gap(graph)
    export(graph, tmp_path / "y.ttl", with_metadata=True)
    reason(graph, reasoner=None)  # the structural reasoner: no JVM needed for this check
    assert set(graph) == before


def test_a_killed_write_leaves_the_old_file(tmp_path: Path) -> None:
    target = tmp_path / "out.ttl"
    target.write_text("previous content\n")
    script = textwrap.dedent(
        f"""
        import sys, time
        from ptce_graph.io.atomic import atomic_write
        with atomic_write({str(target)!r}) as handle:
            for i in range(10000):
                handle.write(b"<https://example.org/s> <https://example.org/p> %d .\\n" % i)
                handle.flush()
                if i == 100:
                    print("writing", flush=True)
                time.sleep(0.001)
        """
    )
    process = subprocess.Popen([sys.executable, "-c", script], stdout=subprocess.PIPE, text=True)
    assert process.stdout is not None
    assert process.stdout.readline().strip() == "writing"
    os.kill(process.pid, signal.SIGKILL)
    process.wait(timeout=30)
    assert target.read_text() == "previous content\n"
    # What the killed process left is a hidden temporary file, never the output.
    leftovers = [p.name for p in tmp_path.iterdir() if p.name != "out.ttl"]
    assert all(name.startswith(".out.ttl.") and name.endswith(".part") for name in leftovers)


# ---------------------------------------------------------------------------
#  Fuzzing: whatever the bytes, only our error types
# ---------------------------------------------------------------------------

FUZZ = settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])


@FUZZ
@given(st.binary(max_size=400), st.sampled_from(["turtle", "nt", "json-ld", "xml"]))
def test_fuzz_rdf_bytes(data: bytes, fmt: str) -> None:
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", DataWarning)
        try:
            parse_rdf(data, format=fmt, source="fuzz")
        except InputError:
            pass


RDF_TOKENS = st.sampled_from(
    ["<https://e.org/a>", "<https://e.org/p>", '"x"', '"é"@fr', "_:b", "[", "]", "(", ")", ".", ";", ",", "a",
     "@prefix e: <https://e.org/> .", "e:x", '"1"^^<http://www.w3.org/2001/XMLSchema#integer>', "<<", ">>",
     '"2014-13-45"^^<http://www.w3.org/2001/XMLSchema#date>', "true", "12.5", "\n", " ", "{", "}", "@base <x> ."]
)


@FUZZ
@given(st.lists(RDF_TOKENS, max_size=40))
def test_fuzz_turtle_tokens(tokens: list[str]) -> None:
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", DataWarning)
        try:
            parse_rdf(" ".join(tokens).encode(), format="turtle", source="fuzz")
        except InputError:
            pass


JSON_VALUES = st.recursive(
    st.one_of(st.none(), st.booleans(), st.integers(), st.text(max_size=10),
              st.sampled_from(["@id", "@type", "@value", "@language", "https://e.org/x", "ptce:Pole", "_:b"])),
    lambda children: st.one_of(
        st.lists(children, max_size=4),
        st.dictionaries(st.sampled_from(["@id", "@type", "@value", "@context", "@graph", "@list", "@language",
                                         "https://e.org/p", "ptce:name", "x"]), children, max_size=4),
    ),
    max_leaves=20,
)


@FUZZ
@given(JSON_VALUES)
def test_fuzz_jsonld_structures(document: object) -> None:
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", DataWarning)
        try:
            parse_rdf(json.dumps(document).encode(), format="json-ld", source="fuzz")
        except InputError:
            pass


CELLS = st.one_of(st.text(max_size=12), st.sampled_from(["a1", "a2", "member", "enterprise", "association",
                                                          "2015", "2015-13", "yes", "31555", "R76", ";", '"', ""]))
COLUMNS = ["id", "name", "relation", "kind", "legal_form", "ess_mention", "siret", "commune", "source", "target",
           "logic", "start", "end", "innovation", "participants", "territory_codes", "x"]


@st.composite
def csv_files(draw: st.DrawFn) -> str:
    header = draw(st.lists(st.sampled_from(COLUMNS), min_size=0, max_size=9))
    separator = draw(st.sampled_from([",", ";", "\t"]))
    rows = draw(st.lists(st.lists(CELLS, min_size=0, max_size=len(header) + 2), max_size=5))
    return "\n".join(separator.join(row) for row in [header, *rows]) + draw(st.sampled_from(["", "\n", "\r\n"]))


@settings(max_examples=120, deadline=None, suppress_health_check=[HealthCheck.too_slow,
                                                                   HealthCheck.function_scoped_fixture])
@given(st.fixed_dictionaries({name: st.one_of(st.none(), csv_files(), st.binary(max_size=60))
                              for name in ("pole.csv", "actors.csv", "links.csv", "projects.csv", "funding.csv")}))
def test_fuzz_bundles(tmp_path_factory: pytest.TempPathFactory, files: dict[str, object]) -> None:
    folder = tmp_path_factory.mktemp("fuzz")
    for name, content in files.items():
        if content is None:
            continue
        data = content if isinstance(content, bytes) else content.encode("utf-8")
        (folder / name).write_bytes(data)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", DataWarning)
        try:
            pole = read_bundle(folder)
            pole.to_graph()
        except BundleError:
            pass


def test_symmetric_blank_node_cycles_are_written_quickly_and_deterministically(tmp_path: Path) -> None:
    # A ring of identical blank nodes defeats colour refinement; rdflib's exact
    # canonicalisation took 4.5 s on 50 of them and does not finish on 300.
    n = 3000
    ring = tmp_path / "ring.nt"
    ring.write_text("".join(f"_:b{i} <https://example.org/p> _:b{(i + 1) % n} .\n" for i in range(n)))
    first, second = load(ring), load(ring)
    start = time.perf_counter()
    written = serialize(first, "nt")
    assert time.perf_counter() - start < 30
    assert written == serialize(second, "nt")
    assert len(parse_rdf(written, format="nt")) == n


# ---------------------------------------------------------------------------
#  JSON-LD relative IRIs with no base (issue 16, item 10): refused, never resolved against the cwd
# ---------------------------------------------------------------------------

RELATIVE_REFERENCES = ["pole/a", "./a", "../a", "../../../etc/passwd", "a#frag", "#frag", "?q=1", "",
                       "//evil.example/x", "/absolute/path", "été", "a b"[:1]]
_CTX = {"p": "https://example.org/p", "ref": {"@id": "https://example.org/ref", "@type": "@id"}}


def _relative_documents(reference: str) -> list[dict]:
    return [
        {"@context": _CTX, "@id": reference, "p": "x"},  # subject
        {"@context": _CTX, "@id": "https://example.org/s", "ref": reference},  # object, coerced to @id
        {"@context": _CTX, "@id": "https://example.org/s", "p": {"@id": reference}},  # object node
        {"@context": _CTX, "@id": "https://example.org/s", "@type": reference or "T"},  # class
        {"@context": {**_CTX, "@base": "rel/"}, "@id": reference or "x", "p": "x"},  # a relative @base
        {"@context": _CTX, "@graph": [{"@id": "https://example.org/s", "p": {"@list": [{"@id": reference}]}}]},
    ]


@pytest.mark.parametrize("reference", RELATIVE_REFERENCES)
def test_jsonld_relative_iris_without_a_base_are_refused(reference: str, tmp_path: Path,
                                                         monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    for i, document in enumerate(_relative_documents(reference)):
        path = tmp_path / f"doc{i}.jsonld"
        path.write_text(json.dumps(document, ensure_ascii=False))
        with pytest.raises(InputError) as caught:
            load(path)
        assert "relative IRI" in str(caught.value) or "not an IRI" in str(caught.value), (document, caught.value)
        assert str(tmp_path) not in caught.value.problem and "file:" not in caught.value.problem


def test_jsonld_with_an_absolute_base_resolves_against_it(tmp_path: Path) -> None:
    path = tmp_path / "based.jsonld"
    path.write_text(json.dumps({"@context": {**_CTX, "@base": "https://example.org/base/"}, "@id": "pole/a",
                                "ref": "../b", "p": "x"}))
    subjects = {str(s) for s in load(path).subjects()}
    objects = {str(o) for o in load(path).objects()}
    assert subjects == {"https://example.org/base/pole/a"} and "https://example.org/b" in objects


# ---------------------------------------------------------------------------
#  Bounded cost (issue 16, item 3): IRI caps after resolution and an expansion budget, in every syntax
# ---------------------------------------------------------------------------

_LONG = "https://example.org/" + "x" * 4000 + "/"


def _long_after_resolution() -> dict[str, tuple[str, str]]:
    """Inputs whose every written IRI is short enough, but one resolves to more than 4,096 characters."""
    tail = "y" * 200
    return {
        "turtle-prefix": ("turtle", f"@prefix p: <{_LONG}> .\np:{tail} <https://example.org/q> \"v\" .\n"),
        "turtle-base": ("turtle", f"@base <{_LONG}> .\n<{tail}> <https://example.org/q> \"v\" .\n"),
        "turtle-base-chain": ("turtle", f"@base <{_LONG}> .\n@base <a/> .\n<{tail}> <https://example.org/q> 1 .\n"),
        "turtle-datatype": ("turtle", f"@prefix p: <{_LONG}> .\n<https://example.org/s> <https://example.org/q> "
                                      f"\"v\"^^p:{tail} .\n"),
        "jsonld-vocab": ("json-ld", json.dumps({"@context": {"@vocab": _LONG}, "@id": "https://example.org/s",
                                                tail: "v"})),
        "jsonld-base": ("json-ld", json.dumps({"@context": {"@base": _LONG}, "@id": tail,
                                               "https://example.org/q": "v"})),
        "jsonld-prefix": ("json-ld", json.dumps({"@context": {"p": _LONG}, "@id": f"p:{tail}",
                                                 "https://example.org/q": "v"})),
        "xml-base": ("xml", f'<rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#" '
                            f'xmlns:e="https://example.org/" xml:base="{_LONG}">'
                            f'<rdf:Description rdf:about="{tail}"><e:q>v</e:q></rdf:Description></rdf:RDF>'),
    }


@pytest.mark.parametrize("case", sorted(_long_after_resolution()))
def test_iri_caps_apply_after_resolution(case: str) -> None:
    fmt, text = _long_after_resolution()[case]
    with pytest.raises(InputError) as caught:
        parse_rdf(text.encode(), format=fmt, source=case)
    assert "characters" in caught.value.problem, caught.value


def _amplified(uses: int) -> dict[str, tuple[str, str]]:
    """A long namespace used many times, each use a new IRI: memory would grow as length x uses."""
    return {
        "turtle-prefix": ("turtle", f"@prefix p: <{_LONG}> .\n" + "".join(f"p:s{i} p:q p:o .\n" for i in range(uses))),
        "turtle-base": ("turtle", f"@base <{_LONG}> .\n" + "".join(f"<s{i}> <q> <o> .\n" for i in range(uses))),
        "turtle-datatypes": ("turtle", f"@prefix p: <{_LONG}> .\n"
                             + "".join(f'<https://example.org/s> <https://example.org/q> "v"^^p:d{i} .\n'
                                       for i in range(uses))),
        "jsonld-prefix": ("json-ld", json.dumps({"@context": {"p": _LONG}, "@graph": [
            {"@id": f"p:s{i}", "p:q": {"@id": "p:o"}} for i in range(uses)]})),
        "jsonld-vocab": ("json-ld", json.dumps({"@context": {"@vocab": _LONG}, "@graph": [
            {"@id": f"https://example.org/s{i}", f"k{i}": "v"} for i in range(uses)]})),
        "xml-base": ("xml", f'<rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#" '
                            f'xmlns:e="https://example.org/" xml:base="{_LONG}">'
                            + "".join(f'<rdf:Description rdf:about="s{i}"><e:q>v</e:q></rdf:Description>'
                                      for i in range(uses)) + "</rdf:RDF>"),
    }


@pytest.mark.parametrize("case", sorted(_amplified(1)))
def test_expansion_is_refused_before_memory_grows(case: str) -> None:
    import resource

    fmt, text = _amplified(3000)[case]
    before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    with pytest.raises(InputError) as caught:
        parse_rdf(text.encode(), format=fmt, source=case)
    assert "times its size" in caught.value.problem or "add up to" in caught.value.problem, caught.value
    grown_mb = (resource.getrusage(resource.RUSAGE_SELF).ru_maxrss - before) / 1024
    assert grown_mb < 200  # 3,000 IRIs of 4 KB would be 12 MB of IRIs, and far more in rdflib
    # A few uses stay within the budget (small inputs may expand to 1 MB): real data is read.
    fmt, text = _amplified(20)[case]
    parse_rdf(text.encode(), format=fmt, source=case)


_SP = "<https://example.org/s> <https://example.org/p> "
_XSD = "http://www.w3.org/2001/XMLSchema#"


@pytest.mark.parametrize("text", [
    f'{_SP}"{"9" * 5000}"^^<{_XSD}integer> .',
    f'{_SP}"{"9" * 5000}.5"^^<{_XSD}decimal> .',
    f'{_SP}"1e{"9" * 5000}"^^<{_XSD}double> .',
    f'{_SP}{"9" * 5000} .',
], ids=["integer", "decimal", "double", "bare-integer"])
def test_big_numbers_are_located_errors(text: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = tmp_path / "big.ttl"
    path.write_text(text + "\n")
    with pytest.raises(InputError) as caught:
        load(path)
    assert caught.value.line == 1 and "100 characters" in str(caught.value)
    assert main(["info", str(path)]) == 2
    assert "internal error" not in capsys.readouterr().err


def test_a_marked_ring_of_blank_nodes_is_labelled_the_same_every_time(tmp_path: Path) -> None:
    # Colour refinement would need a round per hop (quadratic); it stops after a few rounds and
    # orders the rest by a walk from the mark: the same bytes for the same input.
    n = 2000
    ring = tmp_path / "ring.nt"
    ring.write_text("".join(f"_:r{i} <https://example.org/p> _:r{(i + 1) % n} .\n" for i in range(n))
                    + '_:r0 <https://example.org/mark> "start" .\n')
    first, second = serialize(load(ring), "nt"), serialize(load(ring), "nt")
    assert first == second and len(parse_rdf(first, format="nt")) == n + 1
