"""An uploaded file read with the command line's guarantees: one entry point, caps first, no path from the upload.

What a coordinator drops on the check page is untrusted bytes.  They become a
graph through the same function as a file given to ``ptce``
(:func:`ptce_graph.io.load`), with everything that can be checked before
parsing checked first:

* the kind comes from the content (a ZIP archive: a workbook — ``.xlsx``,
  ``.ods``, told by their parts, even damaged — or a zipped folder of CSV sheets; else Turtle, N-Triples,
  JSON-LD or RDF/XML by the name's extension, or by the first character);
* the bytes are written under a name *we* choose (``upload.ttl``,
  ``upload.xlsx``…) into a
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

import copy
import io
import os
import re
import shutil
import stat
import tempfile
import warnings
import zipfile
from dataclasses import dataclass, field, replace
from pathlib import Path, PurePosixPath

from rdflib import Graph

from ptce_graph.errors import DataWarning, InputError, InputErrors, PTCEError
from ptce_graph.io import load
from ptce_graph.io.bundle import BUNDLE_COLUMNS
from ptce_graph.io.formats import EXTENSIONS, WORKBOOK_EXTENSIONS
from ptce_graph.io.netguard import no_network
from ptce_graph.io.rdf import MAX_XML_BYTES

__all__ = ["Upload", "ReadUpload", "UploadError", "detect_kind", "read_upload", "KINDS",
           "MAX_ENTRIES", "MAX_ENTRY_BYTES", "MAX_TOTAL_BYTES", "MAX_RATIO"]

#: What can be uploaded: a kind, and the extension the file is written with before :func:`ptce_graph.io.load`.
KINDS: dict[str, str] = {"bundle": "", "xlsx": ".xlsx", "ods": ".ods", "turtle": ".ttl", "nt": ".nt",
                         "json-ld": ".jsonld", "xml": ".rdf"}

MAX_ENTRIES = 64
MAX_ENTRY_BYTES = 32 * 1024 * 1024
MAX_TOTAL_BYTES = 128 * 1024 * 1024
MAX_RATIO = 200

_ZIP_MAGIC = b"PK\x03\x04"
_SAFE_NAME = re.compile(r"[^\w .,()+-]", re.UNICODE)


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


def _say(lang: str, en: str, fr: str) -> str:
    return fr if lang == "fr" else en


def detect_kind(upload: Upload, lang: str = "en") -> str:
    """The kind of an upload (a key of :data:`KINDS`), from its content first, then its name."""
    data = upload.data
    lowered = upload.name.lower()
    if data.startswith(_ZIP_MAGIC):
        try:
            with zipfile.ZipFile(io.BytesIO(data)) as archive:
                names = set(archive.namelist())
                if "mimetype" in names:
                    info = archive.getinfo("mimetype")
                    if info.file_size < 200 and archive.read(info).startswith(
                            b"application/vnd.oasis.opendocument.spreadsheet"):
                        return "ods"
                if "content.xml" in names and "META-INF/manifest.xml" in names:
                    return "ods"
                # An Office Open XML part anywhere (a damaged or hostile workbook too: a bomb's only sheet):
                # the workbook reader, not the bundle's, says what is wrong with it.
                if "[Content_Types].xml" in names or any(n.startswith("xl/") for n in names):
                    return "xlsx"
        except (zipfile.BadZipFile, OSError, ValueError, KeyError):
            if not lowered.endswith(tuple(WORKBOOK_EXTENSIONS)):
                raise UploadError([_say(lang, f"{upload.shown}: the ZIP archive is damaged",
                                        f"{upload.shown} : l'archive ZIP est endommagée")]) from None
    if lowered.endswith(tuple(WORKBOOK_EXTENSIONS)):  # named a workbook: its reader says what is wrong with it
        return "ods" if lowered.endswith(".ods") else "xlsx"
    if data.startswith(_ZIP_MAGIC):
        return "bundle"
    fmt = next((f for ext, f in EXTENSIONS.items() if lowered.endswith(ext)), None)
    if fmt is not None:
        return fmt
    head = data.lstrip(b"\xef\xbb\xbf \t\r\n")[:1]
    return "json-ld" if head in (b"{", b"[") else "turtle"


def _located(error: InputError, folder: Path, upload: Upload, lang: str) -> str:
    """An error's message, in ``lang``, with the temporary folder replaced by the names the user knows."""
    source = error.location.source
    shown = upload.shown
    try:
        relative = Path(source).resolve().relative_to(folder.resolve())
        parts = relative.parts
        shown = "/".join(parts[1:]) if parts and parts[0] == "bundle" and len(parts) > 1 else upload.shown
    except (ValueError, OSError):
        if not source.startswith(("/", "\\")) and source not in ("<input>",):
            shown = source
    moved = copy.copy(error)
    moved.location = replace(error.location, source=shown)
    return InputError.message(moved, lang).replace(str(folder), "")


def _errors(exc: InputError, folder: Path, upload: Upload, lang: str) -> list[str]:
    errors = exc.errors if isinstance(exc, InputErrors) else [exc]
    return [_located(e, folder, upload, lang) for e in errors]


def _extract_bundle(upload: Upload, target: Path, lang: str) -> list[str]:
    """The bundle's sheets of a ZIP archive written into ``target``; the archive's other entries, ignored."""
    name = upload.shown
    problems: list[str] = []
    ignored: list[str] = []
    wanted = {sheet.lower(): sheet for sheet in BUNDLE_COLUMNS}
    found: dict[str, bytes] = {}
    try:
        archive = zipfile.ZipFile(io.BytesIO(upload.data))
    except (zipfile.BadZipFile, OSError, ValueError):
        raise UploadError([_say(lang, f"{name}: the ZIP archive is damaged",
                                f"{name} : l'archive ZIP est endommagée")]) from None
    with archive:
        entries = archive.infolist()
        if len(entries) > MAX_ENTRIES:
            raise UploadError([_say(
                lang, f"{name}: the archive holds {len(entries)} entries; a bundle holds at most {MAX_ENTRIES} "
                "(pole.csv, actors.csv, links.csv, projects.csv…)",
                f"{name} : l'archive contient {len(entries)} fichiers ; un dossier de tableaux en contient au plus "
                f"{MAX_ENTRIES} (pole.csv, actors.csv, links.csv, projects.csv…)")])
        total = 0
        for info in entries:
            if info.is_dir():
                continue
            path = info.filename.replace("\\", "/")
            shown = _SAFE_NAME.sub("_", path)[:120]
            parts = [part for part in PurePosixPath(path).parts if part not in ("", "/")]
            mode = (info.external_attr >> 16) & 0o170000
            if info.flag_bits & 0x1:
                problems.append(_say(lang, f"{name}: {shown} is encrypted; send the sheets without a password",
                                     f"{name} : {shown} est chiffré ; envoyez les tableaux sans mot de passe"))
                continue
            if mode == stat.S_IFLNK:
                problems.append(_say(lang, f"{name}: {shown} is a link; send the sheets themselves",
                                     f"{name} : {shown} est un lien ; envoyez les tableaux eux-mêmes"))
                continue
            base = parts[-1].lower() if parts else ""
            if base not in wanted or len(parts) > 2 or ".." in parts or path.startswith("/"):
                ignored.append(shown)
                continue
            if info.file_size > MAX_ENTRY_BYTES:
                problems.append(_say(
                    lang, f"{name}: {shown} is {info.file_size} bytes once uncompressed; at most {MAX_ENTRY_BYTES}",
                    f"{name} : {shown} fait {info.file_size} octets une fois décompressé ; au plus {MAX_ENTRY_BYTES}"))
                continue
            if info.compress_size and info.file_size > 1024 * 1024 and info.file_size / info.compress_size > MAX_RATIO:
                ratio = info.file_size // info.compress_size
                problems.append(_say(
                    lang, f"{name}: {shown} is compressed {ratio} times; at most {MAX_RATIO} (a « ZIP bomb »?)",
                    f"{name} : {shown} est compressé {ratio} fois ; au plus {MAX_RATIO} (une « bombe ZIP » ?)"))
                continue
            total += info.file_size
            if total > MAX_TOTAL_BYTES:
                raise UploadError([_say(
                    lang, f"{name}: the sheets are more than {MAX_TOTAL_BYTES} bytes once uncompressed",
                    f"{name} : les tableaux font plus de {MAX_TOTAL_BYTES} octets une fois décompressés")])
            canonical = wanted[base]
            if canonical in found:
                problems.append(_say(lang, f"{name}: two files named {canonical}; the archive must hold one pole",
                                     f"{name} : deux fichiers {canonical} ; l'archive doit décrire un seul pôle"))
                continue
            try:
                with archive.open(info) as handle:
                    data = handle.read(MAX_ENTRY_BYTES + 1)
            except (zipfile.BadZipFile, OSError, ValueError, RuntimeError, EOFError, NotImplementedError):
                problems.append(_say(lang, f"{name}: {shown} cannot be uncompressed",
                                     f"{name} : {shown} ne peut pas être décompressé"))
                continue
            if len(data) > MAX_ENTRY_BYTES:
                problems.append(_say(lang, f"{name}: {shown} is larger than its header says",
                                     f"{name} : {shown} est plus grand que ne le dit l'archive"))
                continue
            found[canonical] = data
    if problems:
        raise UploadError(problems)
    if "pole.csv" not in found:
        expected = ", ".join(sorted(sheet for sheet, (_, _, required) in BUNDLE_COLUMNS.items() if required))
        raise UploadError([_say(
            lang, f"{name}: no pole.csv in the archive; a bundle holds {expected} (at the archive's root or in one "
            "folder), or send the workbook or a Turtle file",
            f"{name} : pas de pole.csv dans l'archive ; un dossier de tableaux contient {expected} (à la racine de "
            "l'archive ou dans un dossier), ou envoyez le classeur ou un fichier Turtle")])
    target.mkdir(mode=0o700)
    for canonical, data in found.items():
        fd = os.open(target / canonical, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
    return ignored


def read_upload(upload: Upload, *, base: str, max_bytes: int, lang: str = "en") -> ReadUpload:
    """The graph an upload describes (raises :class:`UploadError` with every problem found, in ``lang``)."""
    name = upload.shown
    if len(upload.data) > max_bytes:
        raise UploadError([_say(lang, f"{name}: {len(upload.data)} bytes; at most {max_bytes}",
                                f"{name} : {len(upload.data)} octets ; au plus {max_bytes}")])
    kind = detect_kind(upload, lang)
    if kind == "xml" and len(upload.data) > MAX_XML_BYTES:
        raise UploadError([_say(lang, f"{name}: RDF/XML of {len(upload.data)} bytes; at most {MAX_XML_BYTES}",
                                f"{name} : RDF/XML de {len(upload.data)} octets ; au plus {MAX_XML_BYTES}")])
    folder = Path(tempfile.mkdtemp(prefix="ptce-upload-"))
    notes: list[str] = []
    try:
        if kind == "bundle":
            path = folder / "bundle"
            ignored = _extract_bundle(upload, path, lang)
            if ignored:
                notes.append(_say(lang, f"{name}: ignored (not a sheet of the bundle): {', '.join(sorted(ignored))}",
                                  f"{name} : ignorés (pas des tableaux du pôle) : {', '.join(sorted(ignored))}"))
        else:
            path = folder / f"upload{KINDS[kind]}"
            fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
            with os.fdopen(fd, "wb") as handle:
                handle.write(upload.data)
        with warnings.catch_warnings(record=True) as caught, no_network():
            warnings.simplefilter("always")
            try:
                graph = load(path, base=base, max_bytes=max_bytes)
            except InputError as exc:
                raise UploadError(_errors(exc, folder, upload, lang)) from None
            except RecursionError:
                raise UploadError([_say(lang, f"{name}: the data is nested too deeply",
                                        f"{name} : les données sont imbriquées trop profondément")]) from None
            except PermissionError:
                raise UploadError([_say(lang, f"{name}: reading the file would open a network connection",
                                        f"{name} : lire le fichier ouvrirait une connexion réseau")]) from None
        for w in caught:
            if issubclass(w.category, DataWarning):
                message = w.message
                text = message.message(lang) if isinstance(message, DataWarning) else str(message)
                text = text.replace(str(folder / "bundle") + os.sep, "").replace(str(path), name)
                text = text.replace(str(folder), "")
                if text not in notes:
                    notes.append(text)
        return ReadUpload(kind=kind, graph=graph, warnings=notes)
    finally:
        shutil.rmtree(folder, ignore_errors=True)
