"""Uploads read with the command line's guarantees: kinds, ZIP caps, no path from the upload, located errors.

The hostile corpus of the command line (``tests/data/bad``) is uploaded as it is
(RDF files) or zipped (bundles): every file the command refuses is refused, with
the same location in the user's terms, and no message names the server's
temporary folder.
"""

from __future__ import annotations

import io
import json
import stat
import zipfile
from pathlib import Path

import pytest

from ptce_graph.errors import InputError, InputErrors, Location
from ptce_graph.io import load
from ptce_graph.serve.uploads import (
    MAX_ENTRIES,
    MAX_ENTRY_BYTES,
    Upload,
    UploadError,
    detect_kind,
    read_upload,
)
from tests.conftest import DATA, EXAMPLES

BASE = "https://w3id.org/ptce/id/"
CAP = 10 * 1024 * 1024
BUNDLE = EXAMPLES / "fictional-pole" / "bundle"


def zipped(folder: Path, *, prefix: str = "") -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as archive:
        for path in sorted(folder.iterdir()):
            if path.is_file():
                archive.writestr(prefix + path.name, path.read_bytes())
    return out.getvalue()


def read(name: str, data: bytes):  # noqa: ANN201 - ReadUpload
    return read_upload(Upload(name, data), base=BASE, max_bytes=CAP)


def refused_in(name: str, data: bytes, lang: str) -> list[str]:
    with pytest.raises(UploadError) as caught:
        read_upload(Upload(name, data), base=BASE, max_bytes=CAP, lang=lang)
    for message in caught.value.messages:
        assert "ptce-upload-" not in message and "/tmp" not in message, message
    return caught.value.messages


def refused(name: str, data: bytes) -> list[str]:
    return refused_in(name, data, "en")


def cli_messages(path: Path, lang: str) -> list[str]:
    """What ``ptce`` says of a file, each error on its own line, the file named as the user named it."""
    with pytest.raises(InputError) as caught:
        load(path)
    errors = caught.value.errors if isinstance(caught.value, InputErrors) else [caught.value]
    return [e.message(lang).replace(str(path), path.name) for e in errors]


def test_a_zipped_bundle_reads_as_the_folder_does() -> None:
    expected = load(BUNDLE)
    for prefix in ("", "bundle/"):  # at the archive's root or in one folder
        got = read("pole.zip", zipped(BUNDLE, prefix=prefix))
        assert got.kind == "bundle"
        assert len(got.graph) == len(expected)


@pytest.mark.parametrize(
    ("name", "data", "kind"),
    [
        ("p.ttl", b"@prefix : <a:> .", "turtle"),
        ("p.jsonld", b"{}", "json-ld"),
        ("p.nt", b"<a:b> <a:c> <a:d> .", "nt"),
        ("p.rdf", b"<rdf:RDF/>", "xml"),
        ("sans-extension", b'  {"@id": "a:b"}', "json-ld"),
        ("sans-extension", b"@prefix : <a:> .", "turtle"),
    ],
)
def test_kinds(name: str, data: bytes, kind: str) -> None:
    assert detect_kind(Upload(name, data)) == kind


def _manifest(name: str) -> list[dict]:
    return json.loads((DATA / "bad" / name).read_text(encoding="utf-8"))


@pytest.mark.parametrize("case", [c for c in _manifest("bundle-manifest.json")
                                  if c["outcome"] == "ok" and c["path"].startswith("workbooks/")],
                         ids=lambda c: c["path"])
def test_a_workbook_reads_as_its_bundle(case: dict) -> None:
    path = DATA / "bad" / case["path"]
    got = read("classeur-du-pole.xlsx", path.read_bytes())
    assert got.kind == "xlsx"
    assert len(got.graph) > 0
    renamed = read("sans-extension", path.read_bytes())  # told by its content, whatever its name
    assert renamed.kind == "xlsx" and len(renamed.graph) == len(got.graph)


def test_workbooks_are_told_apart_from_bundles() -> None:
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as archive:
        archive.writestr("[Content_Types].xml", "<Types/>")
        archive.writestr("xl/workbook.xml", "<workbook/>")
    assert detect_kind(Upload("classeur.zip", out.getvalue())) == "xlsx"
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as archive:
        archive.writestr("mimetype", "application/vnd.oasis.opendocument.spreadsheet")
    assert detect_kind(Upload("classeur", out.getvalue())) == "ods"


@pytest.mark.parametrize("case", [c for c in _manifest("rdf-manifest.json") if c["outcome"] == "error"],
                         ids=lambda c: c["path"])
def test_hostile_rdf_is_refused_and_located(case: dict) -> None:
    path = DATA / "bad" / case["path"]
    messages = refused(path.name, path.read_bytes())
    text = " ".join(messages)
    assert path.name in text
    if "line" in case and not path.name.endswith(".xyz"):
        assert f"{path.name}:{case['line']}" in text


@pytest.mark.parametrize("case", [c for c in _manifest("bundle-manifest.json") if c["outcome"] == "error"],
                         ids=lambda c: c["path"])
def test_hostile_bundles_are_refused_and_located(case: dict) -> None:
    folder = DATA / "bad" / case["path"]
    if folder.is_file():  # a workbook, uploaded as it is: the command line's messages, located alike
        for lang in ("fr", "en"):
            messages = refused_in(folder.name, folder.read_bytes(), lang)
            assert messages == cli_messages(folder, lang)
            location = Location(folder.name, sheet=case.get("sheet"))
            assert all(m.startswith(location.render(lang)) for m in messages), messages
        text = " ".join(messages)  # in English
        assert case["contains"] in text
        if "cell" in case:
            assert f"cell {case['cell']}" in text
        return
    messages = refused(f"{folder.name}.zip", zipped(folder))
    text = " ".join(messages)
    if "file" in case:
        location = case["file"] + (f":{case['line']}" if "line" in case else "")
        assert location in text
    if "column" in case:
        assert f"(column {case['column']!r})" in text


@pytest.mark.parametrize("name", ["classeur.xlsx", "classeur.zip", "sans-extension"])
def test_a_workbook_bomb_is_a_workbook_whatever_its_name(name: str) -> None:
    """Told by its parts (``xl/…``), a bomb gets the workbook reader's caps, not the bundle's "no pole.csv"."""
    bomb = (DATA / "bad" / "workbooks" / "zip-bomb.xlsx").read_bytes()
    assert detect_kind(Upload(name, bomb)) == "xlsx"
    (message,) = refused_in(name, bomb, "fr")
    assert message.startswith(f"{name} : le classeur se décompresse en 4000000000 octets"), message


@pytest.mark.parametrize("case", [c for c in _manifest("bundle-manifest.json") if c["outcome"] == "warning"],
                         ids=lambda c: c["path"])
def test_bundle_warnings_are_kept(case: dict) -> None:
    got = read("b.zip", zipped(DATA / "bad" / case["path"]))
    assert any(case["contains"] in w for w in got.warnings)
    assert not any("ptce-upload-" in w for w in got.warnings)


def _archive(entries: list[tuple[zipfile.ZipInfo | str, bytes]]) -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as archive:
        for info, data in entries:
            archive.writestr(info, data)
    return out.getvalue()


def test_a_zip_bomb_is_refused_before_it_is_uncompressed() -> None:
    bomb = _archive([("pole.csv", b"0" * (MAX_ENTRY_BYTES + 10))])
    assert len(bomb) < 100_000
    assert "uncompressed" in " ".join(refused("bombe.zip", bomb))
    ratio = _archive([("actors.csv", b"\n" * (4 * 1024 * 1024)), ("pole.csv", b"id\n")])
    assert "compressed" in " ".join(refused("ratio.zip", ratio))


def test_a_lying_header_is_caught_while_reading() -> None:
    data = bytearray(_archive([("pole.csv", b"x" * 5000)]))
    # Shrink the uncompressed size written in the central directory: the entry is longer than it says.
    central = data.rfind(b"PK\x01\x02")
    data[central + 24:central + 28] = (10).to_bytes(4, "little")
    messages = refused("menteur.zip", bytes(data))
    assert messages


def test_too_many_entries() -> None:
    many = _archive([(f"f{i}.txt", b"") for i in range(MAX_ENTRIES + 1)])
    assert "entries" in " ".join(refused("many.zip", many))


def test_no_path_from_the_archive_reaches_the_file_system(tmp_path: Path) -> None:
    bundle = {p.name: p.read_bytes() for p in BUNDLE.iterdir()}
    evil = [(f"../../{tmp_path.name}/pwned.csv", b"x"), ("/etc/passwd", b"x"), ("a/b/c/pole.csv", b"x")]
    entries: list[tuple[zipfile.ZipInfo | str, bytes]] = list(evil) + list(bundle.items())
    got = read("evil.zip", _archive(entries))
    assert got.kind == "bundle"
    assert not (tmp_path / "pwned.csv").exists()
    assert not list(tmp_path.parent.glob("**/pwned.csv"))


def test_links_and_encrypted_entries_are_refused() -> None:
    link = zipfile.ZipInfo("pole.csv")
    link.external_attr = (stat.S_IFLNK | 0o777) << 16
    assert "link" in " ".join(refused("lien.zip", _archive([(link, b"/etc/passwd")])))
    locked = bytearray(_archive([("pole.csv", b"id\n")]))
    central = locked.rfind(b"PK\x01\x02")
    locked[central + 8] |= 0x1  # the "encrypted" flag of the central directory, which readers trust
    assert "encrypted" in " ".join(refused("chiffre.zip", bytes(locked)))


def test_two_poles_in_one_archive_are_refused() -> None:
    twice = _archive([("a/pole.csv", b"id\n"), ("b/pole.csv", b"id\n")])
    assert "two files named pole.csv" in " ".join(refused("deux.zip", twice))


def test_names_are_shown_safely() -> None:
    assert Upload('<img src=x onerror="alert(1)">.ttl', b"").shown == "_img src_x onerror__alert(1)__.ttl"
    assert Upload("C:\\Users\\me\\pôle.ttl", b"").shown == "pôle.ttl"
    assert Upload("../../etc/passwd", b"").shown == "passwd"


def test_size_cap() -> None:
    assert "at most" in " ".join(refused("gros.ttl", b"#" * (CAP + 1)))
