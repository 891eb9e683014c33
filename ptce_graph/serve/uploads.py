"""An uploaded file read with the command line's guarantees: one entry point, caps first, no path from the upload.

What a coordinator drops on the check page is untrusted bytes.  They become a
graph through the same function as a file given to ``ptce``
(:func:`ptce_graph.io.load`), with everything that can be checked before
parsing checked first:

* the kind comes from the content (a ZIP archive: a workbook — ``.xlsx``,
  ``.ods`` — or a zipped folder of CSV sheets; else Turtle, N-Triples,
  JSON-LD or RDF/XML by the name's extension, or by the first character);
* the bytes are written under a name *we* choose (``upload.ttl``…) into a
  fresh private temporary folder, removed afterwards: no name, folder or
  link from the upload ever reaches the file system;
* a zipped bundle is opened in memory: at most :data:`MAX_ENTRIES` entries,
  each at most :data:`MAX_ENTRY_BYTES` once uncompressed and read with that
  cap (a header can lie), :data:`MAX_TOTAL_BYTES` in all, a compression
  ratio of at most :data:`MAX_RATIO`; encrypted entries and links are
  refused; only the bundle's own sheets (``pole.csv``, ``actors.csv``…, the
  names of :data:`ptce_graph.io.bundle.BUNDLE_COLUMNS`) are read, from the
  archive's root or one folder, under their canonical names;
* errors name the file as the user knows it (``actors.csv``, line, column),
  never the temporary folder.

This runs in a worker process with a memory cap and a deadline
(:mod:`ptce_graph.serve.check`), under :func:`ptce_graph.io.netguard.no_network`.
"""

from __future__ import annotations

import importlib.util
import io
import os
import re
import shutil
import stat
import tempfile
import warnings
import zipfile
from dataclasses import dataclass, field
from pathlib import Path, PurePosixPath

from rdflib import Graph

from ptce_graph.errors import DataWarning, InputError, Location, PTCEError
from ptce_graph.io import load
from ptce_graph.io.bundle import BUNDLE_COLUMNS
from ptce_graph.io.formats import EXTENSIONS
from ptce_graph.io.netguard import no_network
from ptce_graph.io.rdf import MAX_XML_BYTES

__all__ = ["Upload", "ReadUpload", "UploadError", "detect_kind", "read_upload", "KINDS",
           "MAX_ENTRIES", "MAX_ENTRY_BYTES", "MAX_TOTAL_BYTES", "MAX_RATIO", "workbooks_supported"]

#: What can be uploaded: a kind, and the extension the file is written with before :func:`ptce_graph.io.load`.
KINDS: dict[str, str] = {"bundle": "", "xlsx": ".xlsx", "ods": ".ods", "turtle": ".ttl", "nt": ".nt",
                         "json-ld": ".jsonld", "xml": ".rdf"}

MAX_ENTRIES = 64
MAX_ENTRY_BYTES = 32 * 1024 * 1024
MAX_TOTAL_BYTES = 128 * 1024 * 1024
MAX_RATIO = 200
#: Entries of a workbook archive (sheets, styles, relations) are many more than a bundle's.
MAX_WORKBOOK_ENTRIES = 4096

_ZIP_MAGIC = b"PK\x03\x04"
_SAFE_NAME = re.compile(r"[^\w .,()+-]", re.UNICODE)


def workbooks_supported() -> bool:
    """True when this ptce_graph reads workbooks (``.xlsx``, ``.ods``) through :func:`ptce_graph.io.load`."""
    return importlib.util.find_spec("ptce_graph.io.workbook") is not None


@dataclass(frozen=True)
class Upload:
    """An uploaded file: the name the browser gave (shown, never used as a path) and its bytes."""

    name: str
    data: bytes

    @property
    def shown(self) -> str:
        """The name as messages show it: its last part, without control or markup characters, short."""
        base = PurePosixPath(self.name.replace("\\", "/")).name or "upload"
        return _SAFE_NAME.sub("_", base)[:80] or "upload"


class UploadError(PTCEError):
    """The upload could not be read: every problem found, each located in the user's terms."""

    def __init__(self, messages: list[str]) -> None:
        super().__init__("; ".join(messages))
        self.messages = list(messages)

    def __reduce__(self) -> tuple[type[UploadError], tuple[list[str]]]:
        return (UploadError, (self.messages,))


@dataclass
class ReadUpload:
    """What an upload became: its kind, the graph, and the warnings reading it gave (located)."""

    kind: str
    graph: Graph
    warnings: list[str] = field(default_factory=list)


def detect_kind(upload: Upload) -> str:
    """The kind of an upload (a key of :data:`KINDS`), from its content first, then its name."""
    data = upload.data
    if data.startswith(_ZIP_MAGIC):
        try:
            with zipfile.ZipFile(io.BytesIO(data)) as archive:
                names = set(archive.namelist())
                if "mimetype" in names:
                    info = archive.getinfo("mimetype")
                    if info.file_size < 200 and archive.read(info).startswith(
                            b"application/vnd.oasis.opendocument.spreadsheet"):
                        return "ods"
                if "[Content_Types].xml" in names and any(n.startswith("xl/") for n in names):
                    return "xlsx"
        except (zipfile.BadZipFile, OSError, ValueError, KeyError):
            raise UploadError([f"{upload.shown}: the ZIP archive is damaged"]) from None
        return "bundle"
    fmt = next((f for ext, f in EXTENSIONS.items() if upload.name.lower().endswith(ext)), None)
    if fmt is not None:
        return fmt
    head = data.lstrip(b"\xef\xbb\xbf \t\r\n")[:1]
    return "json-ld" if head in (b"{", b"[") else "turtle"


def _located(error: InputError, folder: Path, upload: Upload) -> str:
    """An error's message with the temporary folder replaced by the names the user knows."""
    source = error.location.source
    shown = upload.shown
    try:
        relative = Path(source).resolve().relative_to(folder.resolve())
        parts = relative.parts
        shown = "/".join(parts[1:]) if parts and parts[0] == "bundle" and len(parts) > 1 else upload.shown
    except (ValueError, OSError):
        if not source.startswith(("/", "\\")) and source not in ("<input>",):
            shown = source
    where = Location(shown, error.location.line, error.location.column, error.location.field)
    text = f"{where}: {error.problem}"
    if error.expected:
        text += f"; expected {error.expected}"
    return text.replace(str(folder), "")


def _errors(exc: InputError, folder: Path, upload: Upload) -> list[str]:
    many = getattr(exc, "errors", None)  # an error that gathers every problem of one pass
    if isinstance(many, (list, tuple)) and many and all(isinstance(e, InputError) for e in many):
        return [_located(e, folder, upload) for e in many]
    return [_located(exc, folder, upload)]


def _extract_bundle(upload: Upload, target: Path) -> list[str]:
    """The bundle's sheets of a ZIP archive written into ``target``; the archive's other entries, ignored."""
    problems: list[str] = []
    ignored: list[str] = []
    wanted = {name.lower(): name for name in BUNDLE_COLUMNS}
    found: dict[str, bytes] = {}
    try:
        archive = zipfile.ZipFile(io.BytesIO(upload.data))
    except (zipfile.BadZipFile, OSError, ValueError):
        raise UploadError([f"{upload.shown}: the ZIP archive is damaged"]) from None
    with archive:
        entries = archive.infolist()
        if len(entries) > MAX_ENTRIES:
            raise UploadError([f"{upload.shown}: the archive holds {len(entries)} entries; a bundle holds at most "
                               f"{MAX_ENTRIES} (pole.csv, actors.csv, links.csv, projects.csv…)"])
        total = 0
        for info in entries:
            if info.is_dir():
                continue
            name = info.filename.replace("\\", "/")
            shown = _SAFE_NAME.sub("_", name)[:120]
            parts = [p for p in PurePosixPath(name).parts if p not in ("", "/")]
            mode = (info.external_attr >> 16) & 0o170000
            if info.flag_bits & 0x1:
                problems.append(f"{upload.shown}: {shown} is encrypted; send the sheets without a password")
                continue
            if mode == stat.S_IFLNK:
                problems.append(f"{upload.shown}: {shown} is a link; send the sheets themselves")
                continue
            base = parts[-1].lower() if parts else ""
            if base not in wanted or len(parts) > 2 or ".." in parts or name.startswith("/"):
                ignored.append(shown)
                continue
            if info.file_size > MAX_ENTRY_BYTES:
                problems.append(f"{upload.shown}: {shown} is {info.file_size} bytes once uncompressed; at most "
                                f"{MAX_ENTRY_BYTES}")
                continue
            if info.compress_size and info.file_size > 1024 * 1024 and info.file_size / info.compress_size > MAX_RATIO:
                problems.append(f"{upload.shown}: {shown} is compressed {info.file_size // info.compress_size} "
                                f"times; at most {MAX_RATIO} (a « ZIP bomb »?)")
                continue
            total += info.file_size
            if total > MAX_TOTAL_BYTES:
                raise UploadError([f"{upload.shown}: the sheets are more than {MAX_TOTAL_BYTES} bytes once "
                                   "uncompressed"])
            canonical = wanted[base]
            if canonical in found:
                problems.append(f"{upload.shown}: two files named {canonical}; the archive must hold one pole")
                continue
            try:
                with archive.open(info) as handle:
                    data = handle.read(MAX_ENTRY_BYTES + 1)
            except (zipfile.BadZipFile, OSError, ValueError, RuntimeError, EOFError, NotImplementedError):
                problems.append(f"{upload.shown}: {shown} cannot be uncompressed")
                continue
            if len(data) > MAX_ENTRY_BYTES:
                problems.append(f"{upload.shown}: {shown} is larger than its header says")
                continue
            found[canonical] = data
    if problems:
        raise UploadError(problems)
    if "pole.csv" not in found:
        expected = ", ".join(sorted(n for n, (_, _, required) in BUNDLE_COLUMNS.items() if required))
        raise UploadError([f"{upload.shown}: no pole.csv in the archive; a bundle holds {expected} (at the "
                           "archive's root or in one folder), or send the workbook or a Turtle file"])
    target.mkdir(mode=0o700)
    for canonical, data in found.items():
        path = target / canonical
        fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
    return ignored


def _check_workbook_archive(upload: Upload) -> None:
    """A workbook is a ZIP archive too: the same caps before its reader opens it."""
    try:
        with zipfile.ZipFile(io.BytesIO(upload.data)) as archive:
            entries = archive.infolist()
            if len(entries) > MAX_WORKBOOK_ENTRIES:
                raise UploadError([f"{upload.shown}: the workbook holds {len(entries)} parts"])
            total = sum(info.file_size for info in entries)
            packed = sum(info.compress_size for info in entries) or 1
            if total > MAX_TOTAL_BYTES or (total > 8 * 1024 * 1024 and total / packed > MAX_RATIO):
                raise UploadError([f"{upload.shown}: the workbook is {total} bytes once uncompressed; at most "
                                   f"{MAX_TOTAL_BYTES}, compressed at most {MAX_RATIO} times"])
    except (zipfile.BadZipFile, OSError, ValueError):
        raise UploadError([f"{upload.shown}: the workbook is damaged"]) from None


def read_upload(upload: Upload, *, base: str, max_bytes: int) -> ReadUpload:
    """The graph an upload describes (raises :class:`UploadError` with every problem found)."""
    if len(upload.data) > max_bytes:
        raise UploadError([f"{upload.shown}: {len(upload.data)} bytes; at most {max_bytes}"])
    kind = detect_kind(upload)
    if kind in ("xlsx", "ods") and not workbooks_supported():
        raise UploadError([f"{upload.shown}: this server does not read workbooks yet; send the sheets as a zipped "
                           "folder of CSV files (pole.csv, actors.csv, links.csv, projects.csv) or a Turtle file"])
    if kind == "xml" and len(upload.data) > MAX_XML_BYTES:
        raise UploadError([f"{upload.shown}: RDF/XML of {len(upload.data)} bytes; at most {MAX_XML_BYTES}"])
    folder = Path(tempfile.mkdtemp(prefix="ptce-upload-"))
    notes: list[str] = []
    try:
        if kind == "bundle":
            path = folder / "bundle"
            ignored = _extract_bundle(upload, path)
            if ignored:
                notes.append(f"{upload.shown}: ignored (not a sheet of the bundle): {', '.join(sorted(ignored))}")
        else:
            if kind in ("xlsx", "ods"):
                _check_workbook_archive(upload)
            path = folder / f"upload{KINDS[kind]}"
            fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
            with os.fdopen(fd, "wb") as handle:
                handle.write(upload.data)
        with warnings.catch_warnings(record=True) as caught, no_network():
            warnings.simplefilter("always")
            try:
                graph = load(path, base=base, max_bytes=max_bytes)
            except InputError as exc:
                raise UploadError(_errors(exc, folder, upload)) from None
            except RecursionError:
                raise UploadError([f"{upload.shown}: the data is nested too deeply"]) from None
            except PermissionError:
                raise UploadError([f"{upload.shown}: reading the file would open a network connection"]) from None
        for w in caught:
            if issubclass(w.category, DataWarning):
                text = str(w.message).replace(str(folder / "bundle") + os.sep, "").replace(str(path), upload.shown)
                if text not in notes:
                    notes.append(text.replace(str(folder), ""))
        return ReadUpload(kind=kind, graph=graph, warnings=notes)
    finally:
        shutil.rmtree(folder, ignore_errors=True)
