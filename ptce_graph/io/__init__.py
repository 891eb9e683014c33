"""Reading and writing ptce_graph data, safe by default.

:func:`load` turns an RDF file (Turtle, N-Triples, JSON-LD, RDF/XML) or a
spreadsheet bundle folder into one RDF graph; :func:`save` writes a graph (or a
model :class:`~ptce_graph.model.Pole`) as deterministic Turtle, N-Triples,
JSON-LD or a bundle, atomically.  Nothing is fetched from the network unless
the caller passes ``allow_network=True``.
"""

from __future__ import annotations

import os
import urllib.request
import warnings
from collections.abc import Iterable
from pathlib import Path

from rdflib import Graph

from ptce_graph.errors import DataWarning, InputError, NetworkDisallowedError, OutputError
from ptce_graph.io.atomic import write_bytes_atomic
from ptce_graph.io.bundle import (
    SheetData,
    bundle_sheets,
    carried_graph,
    is_bundle,
    load_bundle,
    write_bundle_sheets,
)
from ptce_graph.io.contract import LEFTOVER
from ptce_graph.io.csv_writer import EXCEL_FR, PLAIN
from ptce_graph.io.formats import (
    EXTENSIONS,
    FORMATS,
    MEDIA_TYPES,
    OUTPUT_ALIASES,
    OUTPUT_FORMATS,
    TABLE_FORMATS,
    format_from_name,
    output_format,
)
from ptce_graph.io.leftover import describe_counts, left_out, leftover_counts, leftover_rows, merge_leftover
from ptce_graph.io.netguard import network_allowed, no_network
from ptce_graph.io.rdf import MAX_INPUT_BYTES, parse_rdf
from ptce_graph.io.rules import VOCABULARY_NAMESPACES
from ptce_graph.io.serialize import to_jsonld, to_ntriples, to_turtle
from ptce_graph.io.tables import inside_folder
from ptce_graph.io.workbook import is_workbook
from ptce_graph.io.workbook_writer import write_workbook
from ptce_graph.iris import DEFAULT_BASE
from ptce_graph.model import Pole, new_graph, poles_from_graph

__all__ = [
    "load",
    "load_all",
    "save",
    "serialize",
    "as_graph",
    "OUTPUT_FORMATS",
    "Source",
]

Source = str | os.PathLike | Graph | Pole

_URL_SCHEMES = ("http://", "https://", "ftp://", "file://")


def _fetch(url: str, *, max_bytes: int, timeout: float = 30.0) -> tuple[bytes, str | None]:
    request = urllib.request.Request(url, headers={"Accept": "text/turtle, application/n-triples;q=0.9, "
                                                   "application/ld+json;q=0.8, application/rdf+xml;q=0.7"})
    with network_allowed(), urllib.request.urlopen(request, timeout=timeout) as response:  # noqa: S310
        data = response.read(max_bytes + 1)
        content_type = response.headers.get_content_type()
    if len(data) > max_bytes:
        raise InputError(f"the document is larger than {max_bytes} bytes", source=url)
    fmt = MEDIA_TYPES.get(content_type)
    return data, fmt


def _minting_base(base: str) -> str:
    """``base`` if data may be minted under it: never in a vocabulary's namespace (``ptce:``, ``owl:``...),
    where every loader drops what data says about its terms - the data would not read back."""
    for namespace in VOCABULARY_NAMESPACES:
        if base.startswith(namespace):
            raise InputError(f"the base {base} lies in the namespace of a vocabulary ({namespace})", source="--base",
                             expected="the namespace of your data, e.g. https://example.org/ptce/ (the default is "
                             f"{DEFAULT_BASE})",
                             problem_fr=f"la base {base} est dans l'espace de noms d'un vocabulaire ({namespace})",
                             expected_fr="l'espace de noms de vos données, p. ex. https://example.org/ptce/ (par "
                             f"défaut {DEFAULT_BASE})")
    return base


def load(
    source: Source,
    format: str | None = None,
    *,
    base: str = DEFAULT_BASE,
    allow_network: bool = False,
    max_bytes: int = MAX_INPUT_BYTES,
) -> Graph:
    """Read one input into a new RDF graph.

    ``source`` is a file path (format from the extension unless ``format`` is
    given), a spreadsheet bundle folder, an ``http(s)`` URL (only with
    ``allow_network=True``), an :class:`rdflib.Graph` (copied) or a model
    :class:`Pole`.  ``base`` is the namespace under which IRIs are minted from
    bundle ids.  Raises :class:`~ptce_graph.errors.InputError` with the file,
    line and column on bad input.
    """
    if isinstance(source, Pole):
        return source.to_graph(base=_minting_base(base))
    if isinstance(source, Graph):
        copy = new_graph()
        for triple in source:
            copy.add(triple)
        return copy
    text = os.fspath(source)
    if text.lower().startswith(_URL_SCHEMES):
        if not allow_network:
            raise NetworkDisallowedError(
                "reading a URL opens a network connection",
                source=text,
                expected="a local file or folder (or allow_network=True / --allow-network, knowingly)",
            )
        if text.lower().startswith("file://"):
            raise InputError("file:// URLs are not read; give the path instead", source=text)
        data, served = _fetch(text, max_bytes=max_bytes)
        fmt = format or served or format_from_name(text) or "turtle"
        return _merge_into(new_graph(), parse_rdf(data, format=fmt, source=text, allow_network=True,
                                                  base=text, max_bytes=max_bytes))
    path = Path(text)
    try:
        path.stat()
    except (FileNotFoundError, NotADirectoryError):
        pass  # said below: no such file or folder
    except OSError as exc:  # a name too long, a folder that cannot be entered...: said, never a traceback
        raise InputError(f"cannot be examined ({exc.strerror or exc})", source=str(path),
                         expected="an RDF file, a workbook or a bundle folder that can be read") from None
    if path.is_dir():
        if format not in (None, "bundle", "csv"):
            raise InputError(f"{path} is a folder, read as a spreadsheet bundle, not {format}", source=str(path))
        with no_network():
            return load_bundle(_bundle_in_folder(path), base=_minting_base(base))
    if path.is_file() and is_workbook(path):
        if format not in (None, *TABLE_FORMATS):
            raise InputError(f"{path} is a workbook, read as a spreadsheet bundle, not {format}", source=str(path))
        with no_network():
            return load_bundle(path, base=_minting_base(base))
    if not path.exists():
        raise InputError("no such file or folder", source=str(path), expected="an existing RDF file or bundle folder",
                         problem_fr="ce fichier ou ce dossier n'existe pas",
                         expected_fr="un fichier RDF, un classeur ou un dossier de tableaux existant")
    if not path.is_file():
        raise InputError("not a regular file", source=str(path), expected="an RDF file or a bundle folder",
                         problem_fr="ce n'est pas un fichier ordinaire",
                         expected_fr="un fichier RDF, un classeur ou un dossier de tableaux")
    guessed = format or format_from_name(path.name)
    if guessed is None:
        raise InputError(
            f"cannot tell the format from the extension {path.suffix or '(none)'!r}",
            source=str(path),
            expected="one of " + ", ".join(sorted(EXTENSIONS)) + " (or say the format)",
        )
    fmt = guessed
    if fmt.lower() not in FORMATS:
        raise InputError(f"unknown format {fmt!r}", source=str(path), expected="turtle, nt, json-ld or xml")
    size = path.stat().st_size
    if size > max_bytes:
        raise InputError(f"the file is {size} bytes", source=str(path),
                         expected=f"at most {max_bytes} bytes (raise max_bytes knowingly)")
    try:
        data = path.read_bytes()
    except OSError as exc:
        raise InputError(f"cannot read the file ({exc.strerror})", source=str(path)) from None
    if allow_network:
        graph = parse_rdf(data, format=fmt, source=str(path), allow_network=True, max_bytes=max_bytes)
    else:
        with no_network():
            graph = parse_rdf(data, format=fmt, source=str(path), allow_network=False, max_bytes=max_bytes)
    return _merge_into(new_graph(), graph)


def _bundle_in_folder(path: Path) -> Path:
    """The bundle a folder holds: its ``pole.csv`` tables, or the one workbook in it.

    ``ptce init DIR`` writes ``DIR/pole.xlsx``: a coordinator then names the
    folder, as for CSV tables.  Two workbooks and no ``pole.csv`` is ambiguous:
    refused, naming them.
    """
    if is_bundle(path):
        return path
    workbooks = sorted(p for p in path.iterdir() if p.is_file() and is_workbook(p) and not p.name.startswith("~$"))
    if len(workbooks) == 1:
        if not inside_folder(path, workbooks[0]):  # the user named the folder: it reads only its own files
            raise InputError("the workbook is a symbolic link leading out of the folder; it was not read",
                             source=str(workbooks[0]), expected="the workbook itself in the folder (copy it there)",
                             problem_fr="le classeur est un lien symbolique qui sort du dossier ; il n'a pas été lu",
                             expected_fr="le classeur lui-même dans le dossier (copiez-le)")
        return workbooks[0]
    if workbooks:
        names = ", ".join(p.name for p in workbooks)
        raise InputError(
            f"the folder holds several workbooks ({names}) and no pole.csv", source=str(path),
            expected="one pole per folder: name the workbook to read",
            problem_fr=f"le dossier contient plusieurs classeurs ({names}) et pas de pole.csv",
            expected_fr="un pôle par dossier : indiquez le classeur à lire",
        )
    raise InputError(
        "the folder has no pole.csv and no workbook", source=str(path),
        expected="a spreadsheet bundle (pole.csv, actors.csv, links.csv, projects.csv) or one workbook "
                 "(.xlsx, .ods; `ptce init DIR` writes a template)",
        problem_fr="le dossier n'a ni pole.csv ni classeur",
        expected_fr="un dossier de tableaux (pole.csv, actors.csv, links.csv, projects.csv) ou un classeur "
                    "(.xlsx, .ods ; `ptce init DOSSIER` en écrit un modèle)",
    )


def _merge_into(target: Graph, graph: Graph) -> Graph:
    for triple in graph:
        target.add(triple)
    for prefix, ns in graph.namespaces():
        if prefix and prefix not in {p for p, _ in target.namespaces()}:
            target.bind(prefix, ns, override=False)
    return target


def load_all(sources: Iterable[Source], **options: object) -> Graph:
    """Read several inputs into one graph (blank nodes kept apart)."""
    merged = new_graph()
    for source in sources:
        _merge_into(merged, load(source, **options))  # type: ignore[arg-type]
    return merged


def as_graph(data: Source | Iterable[Source]) -> Graph:
    """Coerce what the API functions accept (a graph, a path, a pole, a list of them) to a graph.

    A graph is returned as is (callers must not modify it); anything else is loaded.
    """
    if isinstance(data, Graph):
        return data
    if isinstance(data, (str, os.PathLike, Pole)):
        return load(data)
    return load_all(data)


def serialize(data: Graph | Pole, format: str = "turtle") -> bytes:
    """Deterministic bytes of a graph or a pole in turtle, nt or json-ld."""
    graph = data.to_graph() if isinstance(data, Pole) else data
    fmt = OUTPUT_ALIASES.get(format.lower())
    if fmt == "turtle":
        return to_turtle(graph)
    if fmt == "nt":
        return to_ntriples(graph)
    if fmt == "json-ld":
        return to_jsonld(graph)
    raise OutputError(f"cannot serialise to {format!r}; expected turtle, nt or json-ld")


def save(data: Graph | Pole, destination: str | os.PathLike, format: str | None = None, *,
         lang: str | None = None, excel: bool = False, strict: bool = False) -> None:
    """Write a graph or a pole, atomically: the old file stays if anything fails.

    The format comes from the extension (``.ttl``, ``.nt``, ``.jsonld``, ``.xlsx``,
    ``.ods``) or is ``bundle`` for a folder.  A bundle or a workbook holds exactly
    one pole; ``lang`` chooses its headers and values (a bundle: ``en``, the
    contract's, by default; a workbook: ``fr``), ``excel`` (or ``lang="fr"``)
    writes CSV that French Excel opens.  Triples of a graph that the tables cannot
    carry go into a ``non-repris`` table (read back with the bundle), with a
    warning counting them by kind; ``strict=True`` refuses to write them.
    """
    path = Path(destination)
    fmt = output_format(path, format)
    if fmt not in TABLE_FORMATS:
        write_bytes_atomic(path, serialize(data, fmt))
        return
    if isinstance(data, Pole):
        pole, graph = data, None
    else:
        poles = poles_from_graph(data)
        if len(poles) != 1:
            raise OutputError(f"a spreadsheet bundle holds one pole; the data holds {len(poles)}")
        pole, graph = poles[0], data
    sheets = bundle_sheets(pole)
    if graph is not None:
        carried = carried_graph(sheets)
        missing, _ = left_out(graph, carried)
        _, changed = left_out(graph, merge_leftover(carried, missing))
        _say_what_is_not_carried(path, graph, missing, changed, strict)
        if missing:
            sheets.append(SheetData(LEFTOVER, [c.name for c in LEFTOVER.columns], leftover_rows(missing)))
    if fmt == "bundle":
        write_bundle_sheets(sheets, path, dialect=EXCEL_FR if excel or lang == "fr" else PLAIN, lang=lang or "en")
    else:
        write_workbook(path, sheets, lang=lang or "fr")


def _say_what_is_not_carried(path: Path, graph: Graph, missing: list, changed: list, strict: bool) -> None:
    """A warning counting, by kind, the triples kept in the non-repris table and those written differently."""
    if not missing and not changed:
        return
    parts_en, parts_fr = [], []
    if missing:
        counts = describe_counts(leftover_counts(missing, graph))
        parts_en.append(f"{len(missing)} triples the tables cannot carry are kept in the table non-repris ({counts})")
        parts_fr.append(f"{len(missing)} triplets que les tables ne peuvent pas porter sont gardés dans la table "
                        f"non-repris ({counts})")
    if changed:
        counts = describe_counts(leftover_counts(changed, graph))
        parts_en.append(f"{len(changed)} triples come back in another form ({counts}: e.g. a label without its "
                        "language tag)")
        parts_fr.append(f"{len(changed)} triplets reviennent sous une autre forme ({counts} : p. ex. un libellé "
                        "sans sa langue)")
    if strict:
        raise OutputError(f"{path}: " + "; ".join(parts_en) + " (--strict)")
    warnings.warn(DataWarning(f"{path}: " + "; ".join(parts_en), fr=f"{path} : " + " ; ".join(parts_fr)),
                  stacklevel=3)
