"""``-o`` never destroys what is not ours (issue 16, item 2).

Every command that writes (``-o``, ``--graphml``, ``ptce init DIR``, ``--store DIR``), against every kind
of hostile target: a folder of
the user's, the current folder and its parent, an empty name, a FIFO, a
socket, a character device, a dangling link, an input, a folder holding an
input, another output.  Each gives exit 2 with one located sentence, and the
target is exactly as it was.  A link to a file is written through; a previous
output of the same command is replaced.
"""

from __future__ import annotations

import os
import shutil
import socket
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

from ptce_graph.cli import main
from ptce_graph.errors import OutputError
from ptce_graph.io.template import write_template
from ptce_graph.publish.embedded import EmbeddedStore
from ptce_graph.registry import Registry

EXAMPLE = Path(__file__).resolve().parents[2] / "examples" / "fictional-pole" / "fictional-pole.ttl"

#: (id, arguments with {IN} for the input and {OUT} for the target)
COMMANDS = [
    ("validate", ["validate", "{IN}", "-o", "{OUT}"]),
    ("metrics", ["metrics", "{IN}", "-o", "{OUT}"]),
    ("metrics-graphml", ["metrics", "{IN}", "--graphml", "{OUT}"]),
    ("info", ["info", "{IN}", "-o", "{OUT}"]),
    ("typology", ["typology", "{IN}", "-o", "{OUT}"]),
    ("referentiel", ["referentiel", "{IN}", "-o", "{OUT}"]),
    ("reason", ["reason", "{IN}", "--reasoner", "none", "-o", "{OUT}"]),
    ("export", ["export", "{IN}", "-o", "{OUT}"]),
    ("export-bundle", ["export", "{IN}", "-f", "bundle", "-o", "{OUT}"]),
    ("export-metadata", ["export", "{IN}", "-o", "{TMP}/data.ttl", "--with-metadata", "--metadata-output", "{OUT}"]),
    ("report", ["report", "{IN}", "-o", "{OUT}"]),
    ("docs", ["docs", "-o", "{OUT}"]),
    ("init", ["init", "{OUT}"]),
    ("init-csv", ["init", "--format", "csv", "{OUT}"]),
    ("map", ["map", "{IN}", "-o", "{OUT}"]),
    ("cases", ["cases", "{IN}", "-o", "{OUT}"]),
    ("validate-store", ["validate", "{IN}", "--store", "{OUT}"]),
    ("metrics-store", ["metrics", "{IN}", "--store", "{OUT}"]),
    ("export-store", ["export", "{IN}", "--store", "{OUT}", "-o", "{TMP}/data.ttl"]),
    ("serve-store", ["serve", "{IN}", "--store", "{OUT}"]),
]


@pytest.fixture
def place(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Path]:
    """A working folder (the current folder) with the input in a folder of its own."""
    work = tmp_path / "work"
    (work / "inputs").mkdir(parents=True)
    shutil.copy(EXAMPLE, work / "inputs" / "pole.ttl")
    (work / "keep.txt").write_text("the user's file\n")
    monkeypatch.chdir(work)
    yield work


def _snapshot(path: Path) -> object:
    """What a target is, to compare before and after: kind, link, content, folder entries."""
    if not os.path.lexists(path):  # (swallows a name too long for the file system)
        return None
    if path.is_symlink():
        return ("link", os.readlink(path), _snapshot(path.resolve()) if path.exists() else None)
    if not path.exists():
        return None
    if path.is_dir():
        return ("dir", sorted((p.relative_to(path).as_posix(), p.read_bytes() if p.is_file() else None)
                              for p in path.rglob("*")))
    if path.is_file():
        return ("file", path.read_bytes())
    return ("special", path.stat().st_mode)


def _user_folder(work: Path) -> str:
    (work / "mine").mkdir()
    (work / "mine" / "notes.txt").write_text("mes notes\n")
    return "mine"


def _fifo(work: Path) -> str:
    os.mkfifo(work / "fifo")
    return "fifo"


def _socket(work: Path) -> str:
    sock = socket.socket(socket.AF_UNIX)
    sock.bind(str(work / "sock"))
    _SOCKETS.append(sock)
    return "sock"


def _dangling(work: Path) -> str:
    (work / "dangling.out").symlink_to(work / "nowhere" / "x")
    return "dangling.out"


_SOCKETS: list[socket.socket] = []

#: (id, make the target in the working folder and return its name)
TARGETS: list[tuple[str, Callable[[Path], str]]] = [
    ("user-folder", _user_folder),
    ("current-folder", lambda work: "."),
    ("parent-folder", lambda work: ".."),
    ("empty-name", lambda work: ""),
    ("blank-name", lambda work: "  "),
    ("fifo", _fifo),
    ("socket", _socket),
    ("char-device", lambda work: "/dev/null"),
    ("dangling-link", _dangling),
    ("the-input", lambda work: "inputs/pole.ttl"),
    ("folder-holding-the-input", lambda work: "inputs"),
    ("name-too-long", lambda work: "n" * 300),  # the file system refuses it
]


@pytest.mark.parametrize("target", [t for _, t in TARGETS], ids=[i for i, _ in TARGETS])
@pytest.mark.parametrize("command", [c for _, c in COMMANDS], ids=[i for i, _ in COMMANDS])
def test_outputs_that_are_not_ours_are_refused(
    command: list[str], target: Callable[[Path], str], place: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    name = target(place)
    if command[0] in ("docs", "init") and name.startswith("inputs"):
        pytest.skip(f"ptce {command[0]} reads no input")
    watched = [place / "keep.txt", place / "inputs"] + ([Path(name)] if name.strip() else [])
    before = [_snapshot(p) for p in watched]
    args = [a.replace("{IN}", "inputs/pole.ttl").replace("{OUT}", name).replace("{TMP}", str(place))
            for a in command]
    try:
        code = main(args)
    finally:
        for sock in _SOCKETS:
            sock.close()
        _SOCKETS.clear()
    out, err = capsys.readouterr()
    assert code == 2, (args, out, err)
    assert err.startswith("ptce: error: ") and err.count("\n") == 1, err
    assert "Traceback" not in err and "internal error" not in err
    assert [_snapshot(p) for p in watched] == before
    assert sorted(p.name for p in place.iterdir() if p.name.startswith(".")) == []  # no temporary left


def test_a_link_is_written_through_and_stays_a_link(place: Path) -> None:
    (place / "real.txt").write_text("old\n")
    (place / "link.txt").symlink_to("real.txt")
    assert main(["info", "inputs/pole.ttl", "-o", "link.txt"]) == 0
    assert (place / "link.txt").is_symlink() and os.readlink(place / "link.txt") == "real.txt"
    assert (place / "real.txt").read_text() != "old\n"


def test_previous_outputs_are_replaced_and_nothing_else(place: Path, capsys: pytest.CaptureFixture[str]) -> None:
    from ptce_graph.io.atomic import output_path
    from ptce_graph.publish.docs import _is_docs_folder

    assert main(["export", "inputs/pole.ttl", "-o", "bundle"]) == 0
    assert main(["export", "inputs/pole.ttl", "-o", "bundle"]) == 0  # its own previous output
    assert main(["docs", "-o", "docs"]) == 0
    output_path("docs", folder=True, replaces=_is_docs_folder)  # a second run would replace it
    folder = place / "bundle"
    (folder / "notes.txt").write_text("mes notes\n")  # now the folder holds something of the user's
    assert main(["export", "inputs/pole.ttl", "-o", "bundle"]) == 2
    assert (folder / "notes.txt").read_text() == "mes notes\n"
    (place / "docs" / "notes.txt").write_text("mes notes\n")
    assert main(["docs", "-o", "docs"]) == 2
    assert (place / "docs" / "notes.txt").read_text() == "mes notes\n"
    capsys.readouterr()


def test_a_store_folder_is_new_empty_or_a_store(place: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """--store (and the API's stores) write into a folder: only a new or empty one, or a store already."""
    assert main(["validate", "inputs/pole.ttl", "--store", "registre"]) == 0
    assert main(["metrics", "inputs/pole.ttl", "--store", "registre"]) == 0  # its own store, opened again
    with EmbeddedStore(place / "registre") as store:
        assert len(store) > 0
    mine = _user_folder(place)
    before = _snapshot(place / mine)
    with pytest.raises(OutputError, match="not a previous Oxigraph store"):
        EmbeddedStore(place / mine)
    with pytest.raises(OutputError, match="not a previous Oxigraph store"):
        Registry(place / mine)
    assert _snapshot(place / mine) == before
    (place / "registre" / "notes.txt").write_text("mes notes\n")  # a store holding a file of the user's
    assert main(["validate", "inputs/pole.ttl", "--store", "registre"]) == 2
    assert (place / "registre" / "notes.txt").read_text() == "mes notes\n"
    capsys.readouterr()


def test_a_template_folder_is_new_or_empty_and_shared_like_any_folder(place: Path) -> None:
    umask = os.umask(0o022)
    try:
        assert main(["init", "--format", "csv", "--lang", "en", "modele"]) == 0
    finally:
        os.umask(umask)
    assert (place / "modele").stat().st_mode & 0o777 == 0o755  # not mkdtemp's private 0o700
    (place / "modele" / "acteurs.csv").write_text("ce que le coordinateur a saisi\n")
    before = _snapshot(place / "modele")
    for fmt in ("xlsx", "csv"):
        with pytest.raises(OutputError, match="not empty"):
            write_template(place / "modele", format=fmt)
    assert _snapshot(place / "modele") == before


def test_the_longest_names_are_written(place: Path) -> None:
    """A name the file system takes is written, file or folder (the temporary beside it is named shorter)."""
    name = "é" * 127  # 254 bytes
    for args, target in ((["export", "inputs/pole.ttl", "-f", "nt", "-o", name], name),
                         (["export", "inputs/pole.ttl", "-f", "bundle", "-o", "b" * 255], "b" * 255),
                         (["init", "i" * 255], "i" * 255)):
        assert main(args) == 0, args
        assert (place / target).exists()
    assert not [p.name for p in place.iterdir() if p.name.startswith(".")]


def test_an_input_the_file_system_cannot_examine_is_said(place: Path, capsys: pytest.CaptureFixture[str]) -> None:
    long = "n" * 300
    for args in (["info", long], ["validate", long, "--store", ":memory:"], ["map", long, "-o", "c.json"]):
        assert main(args) == 2
        err = capsys.readouterr().err
        assert "cannot be examined (File name too long)" in err and "internal error" not in err


def test_two_outputs_may_not_share_a_name(place: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["metrics", "inputs/pole.ttl", "-o", "m.txt", "--graphml", "m.txt"]) == 2
    assert "give each output its own name" in capsys.readouterr().err
    assert not (place / "m.txt").exists()


def test_the_api_writers_refuse_too(place: Path) -> None:
    from ptce_graph.io import load, save
    from ptce_graph.report import write_report

    graph = load("inputs/pole.ttl")
    mine = _user_folder(place)
    before = _snapshot(place / mine)
    for write in (lambda: save(graph, mine), lambda: save(graph, "."), lambda: write_report(graph, mine),
                  lambda: save(graph, "/dev/null", format="turtle")):
        with pytest.raises(OutputError):
            write()
    assert _snapshot(place / mine) == before


def test_an_output_written_in_pieces_is_shown_and_replaced_as_a_whole(tmp_path: Path,
                                                                     capfdbinary: pytest.CaptureFixture[bytes]
                                                                     ) -> None:
    """emit_pieces: each piece passes the display rules (a control character shown as an escape, as emit
    shows it); a file is replaced only when every piece is written, and kept whole on an error."""
    from ptce_graph.cli._common import emit, emit_pieces

    pieces = ["Pôle \x1b[31m", "rouge\u202e", "\n"]
    with emit_pieces(None, kind="text") as sink:
        for piece in pieces:
            sink(piece)
    streamed = capfdbinary.readouterr().out
    emit("".join(pieces), None, kind="text")
    assert streamed == capfdbinary.readouterr().out and b"\\x1b" in streamed
    target = tmp_path / "out.json"
    target.write_text("ancien\n", encoding="utf-8")
    with pytest.raises(RuntimeError), emit_pieces(str(target), kind="json") as sink:
        sink('{"a": "\u2028"')
        raise RuntimeError("interrupted")
    assert target.read_text(encoding="utf-8") == "ancien\n"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["out.json"]  # no temporary file left
    with pytest.raises(FileNotFoundError), emit_pieces(str(target), kind="text") as sink:
        sink("début")
        (tmp_path / "absent").read_text()  # the caller's own error, not a writing error: raised as it is
    assert target.read_text(encoding="utf-8") == "ancien\n"
    with emit_pieces(str(target), kind="json") as sink:
        sink('{"a": "\u2028"')
        sink("}\n")
    assert target.read_text(encoding="utf-8") == '{"a": "\\u2028"}\n'
