"""The spreadsheet bundle (ARCHITECTURE.md contract 3): a folder of CSV files.

A coordinator fills it in a spreadsheet; ptce_graph reads it into a
:class:`~ptce_graph.model.Pole` and back, without loss.  The contract's files
and columns are required; the columns and files below extend it (optional):

* every file: ``citation`` — source IRIs (``dcterms:source``) separated by ``;``
* ``pole.csv``: ``strategy_kind`` (charter or agreement), ``territory_kind, sector, origin, founding_date,
  fictional, description, funding_history_complete``
* ``actors.csv``: ``role, member_start, member_end, declares_ess, cooperative, sirene_ess, esus, esus_date,
  member_of`` (the groupings of enterprises an actor belongs to; an actor that is only a grouping's member
  leaves ``relation`` empty and gets no membership of the pole)
* ``links.csv``: ``id, project, tool``
* ``tools.csv``: ``id, name, description`` (collective tools; a link names one in ``tool``)
* ``funding.csv``: ``purpose, supported_by, status`` (a State call's selection status: ``laureate``,
  ``phase-1``, ``phase-2``)
* ``places.csv``: ``id, name, commune, showcase, opening``
* ``meetings.csv``: ``id, type, name, date, start, end, sequence, participants, organisations, meetings,
  topic, attendees``
* ``assessments.csv``: ``objective, practice, evidence`` (the référentiel self-assessment;
  several pieces of evidence go on separate lines of the cell)

Any other column is kept as an annotation (``ptce:annotation``).  The realities
of French spreadsheets are handled: ``;`` or tab as separator, a BOM,
Windows-1252 text (read with a warning), decimal commas, spaces in numbers, and
cells protected with a leading apostrophe.  Every problem is reported with the
file, the row (the header is row 1) and the column.
"""

from __future__ import annotations

import datetime as _dt
import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation
from pathlib import Path
from typing import Any, TypeVar

from rdflib import Graph

from ptce_graph.dates import PartialDate, parse_year
from ptce_graph.errors import BundleError, Location, OutputError
from ptce_graph.ess import (
    commune_code_valid,
    is_legal_form,
    legal_form_info,
    siren_valid,
    siret_valid,
    territory_code_kind,
)
from ptce_graph.io.atomic import atomic_directory, folder_holding_only
from ptce_graph.io.contract import LEFTOVER, READ_TABLES, TABLES, Column, Table, table, table_of_sheet
from ptce_graph.io.csv_writer import PLAIN, CsvDialect, csv_bytes
from ptce_graph.io.csv_writer import cell_text as csv_cell
from ptce_graph.io.leftover import leftover_graph, merge_leftover
from ptce_graph.io.rules import CONTROL, iri_problem
from ptce_graph.io.tables import (
    MAX_CSV_BYTES,
    Problems,
    RawTable,
    match_header,
    read_csv_table,
    size_problem,
    unprotect,
    warn,
)
from ptce_graph.io.vocabularies import legal_form_code, vocabulary
from ptce_graph.io.workbook import is_workbook, read_workbook_tables
from ptce_graph.model import (
    DEFAULT_BASE,
    LINK_SUBTYPES,
    Actor,
    ActorKind,
    Assessment,
    Funding,
    FundingKind,
    Innovation,
    Link,
    Logic,
    Meeting,
    Membership,
    Place,
    Pole,
    Project,
    Relation,
    Strategy,
    Territory,
    Tool,
)

__all__ = [
    "read_bundle", "load_bundle", "carried_graph", "bundle_from_rows", "write_bundle", "write_bundle_sheets",
    "bundle_sheets", "SheetData", "localised_value", "is_bundle", "BUNDLE_COLUMNS", "MAX_CSV_BYTES", "check_sizes",
]

#: file -> (contract columns, extension columns, required?), from :data:`ptce_graph.io.contract.TABLES`.
BUNDLE_COLUMNS: dict[str, tuple[tuple[str, ...], tuple[str, ...], bool]] = {
    t.file: (t.contract_columns, t.extension_columns, t.required) for t in TABLES
}

#: A folder that a bundle may replace: a previous bundle (its files and nothing else).
_PREVIOUS_BUNDLE = folder_holding_only([t.file for t in READ_TABLES], required="pole.csv")

_T = TypeVar("_T")


def is_bundle(path: Path) -> bool:
    """True when ``path`` is a folder holding a ``pole.csv``, or a workbook (.xlsx, .ods)."""
    return (path.is_dir() and (path / "pole.csv").is_file()) or (path.is_file() and is_workbook(path))


# ---------------------------------------------------------------------------
#  Reading
# ---------------------------------------------------------------------------


class _Row:
    """One data row: its cells by contract column, its annotations, and where it sits."""

    def __init__(self, raw: RawTable, number: int, cells: list[str], problems: Problems) -> None:
        self.raw = raw
        self.number = number
        self.problems = problems
        self.cells: dict[str, str | None] = {}
        self.extra: dict[str, str] = {}
        self._index: dict[str, int] = {}
        known = raw.table.names
        for i, column in enumerate(raw.columns):
            if column is None:
                continue
            value = unprotect(cells[i].strip() if i < len(cells) else "")
            self._index[column] = i
            if CONTROL.search(value):  # the rule of every reader and writer (io.rules)
                self.fail(column, "the cell holds a control character", "la cellule contient un caractère de contrôle",
                          ("text without control characters", "du texte sans caractère de contrôle"))
                value = ""
            if column in known:
                self.cells[column] = value or None
            elif value:
                self.extra[column] = value

    def _where(self, column: str) -> dict[str, Any]:
        i = self._index.get(column)
        label = self.raw.header[i].strip() if i is not None else None
        return {"source": self.raw.source, "line": self.number, "field": column, "sheet": self.raw.sheet,
                "letter": self.raw.letter(i) if i is not None else None,
                "label": label if label and label.lower() != column else None}

    def fail(self, column: str, en: str, fr: str, expected: tuple[str, str] | None = None) -> None:
        """Record a problem of this row's cell; the reader goes on with the next cell."""
        self.problems.error(en, fr, expected=expected, **self._where(column))

    def warn(self, column: str, en: str, fr: str) -> None:
        where = self._where(column)
        warn(Location(where["source"], where["line"], None, where["field"], where["sheet"], where["letter"],
                      where["label"]), en, fr)

    def get(self, column: str) -> str | None:
        return self.cells.get(column)

    def require(self, column: str, what: tuple[str, str]) -> str | None:
        value = self.get(column)
        if value is None:
            self.fail(column, "empty cell", "cellule vide", what)
        return value

    def parse(self, column: str, parser: Callable[[str], _T], expected: tuple[str, str]) -> _T | None:
        value = self.get(column)
        if value is None:
            return None
        try:
            return parser(value)
        except (ValueError, InvalidOperation):
            self.fail(column, f"{value!r} is not valid", f"« {value} » n'est pas valide", expected)
            return None

    def coded(self, column: str, vocabulary_name: str) -> str | None:
        """The code of a closed value written as a code, a label or an alias, in French or English."""
        value = self.get(column)
        if value is None:
            return None
        vocab = vocabulary(vocabulary_name)
        code = vocab.lookup(value)
        if code is None:
            self.fail(column, f"unknown value {value!r}", f"valeur inconnue « {value} »",
                      ("one of " + ", ".join(vocab.codes), "l'une des valeurs " + ", ".join(vocab.choices("fr"))))
        return code

    def boolean(self, column: str) -> bool | None:
        code = self.coded(column, "boolean")
        return None if code is None else code == "yes"

    def date(self, column: str) -> PartialDate | None:
        value = self.get(column)
        if value is None:
            return None
        try:
            return PartialDate.parse(value)
        except ValueError:
            hint_en = hint_fr = ""
            if re.match(r"^[0-9]{1,2}/[0-9]{1,2}/[0-9]{2,4}$", value):
                hint_en = " (a French date: write it YYYY-MM-DD, e.g. 2015-03-01)"
                hint_fr = " (date à la française : écrivez-la AAAA-MM-JJ, p. ex. 2015-03-01)"
            elif re.fullmatch(r"[0-9]{5}(\.[0-9]+)?", value) and 10000 <= float(value) < 2958466:
                day = _dt.date(1899, 12, 30) + _dt.timedelta(days=int(float(value)))
                hint_en = f" (a date stored as a number: format the cell as a date; {day.isoformat()}?)"
                hint_fr = f" (une date enregistrée comme un nombre : mettez la cellule au format date ; " \
                          f"{day.isoformat()} ?)"
            self.fail(column, f"{value!r} is not a date{hint_en}", f"« {value} » n'est pas une date{hint_fr}",
                      ("an ISO 8601 date: YYYY-MM-DD, YYYY-MM or YYYY",
                       "une date ISO 8601 : AAAA-MM-JJ, AAAA-MM ou AAAA"))
            return None

    def ids(self, column: str) -> list[str]:
        value = self.get(column)
        if value is None:
            return []
        return [part.strip() for part in value.split(";") if part.strip()]

    def citations(self) -> list[str]:
        out = []
        for item in self.ids("citation"):
            if not _absolute_iri(item):
                self.fail("citation", f"{item!r} is not an absolute IRI", f"« {item} » n'est pas une IRI absolue",
                          ("source IRIs separated by ';'", "des IRI de sources séparées par « ; »"))
                continue
            out.append(item)
        return out


def _iri(row: _Row, column: str) -> str | None:
    value = row.get(column)
    if value is not None and not _absolute_iri(value):
        row.fail(column, f"{value!r} is not an absolute IRI", f"« {value} » n'est pas une IRI absolue",
                 ("an absolute IRI, e.g. https://example.org/funding/1", "une IRI absolue"))
        return None
    return value


def _absolute_iri(text: str) -> bool:
    return iri_problem(text) is None  # the IRI rules of every reader and writer (io.rules)


def _siret(row: _Row) -> str | None:
    value = row.get("siret")
    if value is None:
        return None
    compact = re.sub(r"[\s\u00a0\u202f.]", "", value)
    if re.fullmatch(r"[0-9][.,][0-9]+E\+?[0-9]+", value.replace(" ", ""), re.IGNORECASE):
        row.fail("siret", f"{value!r} looks like a number in scientific notation",
                 f"« {value} » ressemble à un nombre en notation scientifique",
                 ("14 digits: format the column as text in the spreadsheet before typing or pasting",
                  "14 chiffres : mettez la colonne au format texte avant de saisir ou de coller"))
        return None
    if not re.fullmatch(r"[0-9]{9}|[0-9]{14}", compact):
        hint_en = hint_fr = ""
        if re.fullmatch(r"[0-9]{8}|[0-9]{13}", compact):
            hint_en = " (a leading zero may have been dropped: format the column as text)"
            hint_fr = " (un zéro initial a pu disparaître : mettez la colonne au format texte)"
        row.fail("siret", f"{value!r} is not a SIRET or a SIREN{hint_en}",
                 f"« {value} » n'est ni un SIRET ni un SIREN{hint_fr}",
                 ("a SIRET of 14 digits or a SIREN of 9", "un SIRET de 14 chiffres ou un SIREN de 9"))
        return None
    ok = siret_valid(compact) if len(compact) == 14 else siren_valid(compact)
    if not ok:
        row.warn("siret", f"{compact} fails the Luhn check (mistyped number?); kept as written",
                 f"{compact} ne passe pas la clé de Luhn (numéro mal saisi ?) ; gardé tel quel")
    return compact


def _commune(row: _Row, column: str = "commune") -> str | None:
    value = row.get(column)
    if value is None:
        return None
    code = value.strip().upper()
    if commune_code_valid(code):
        return code
    if re.fullmatch(r"[0-9]{4}", code):
        row.fail(column, f"{value!r} has 4 digits: the leading zero was probably dropped by the spreadsheet",
                 f"« {value} » a 4 chiffres : le tableur a sans doute supprimé le zéro initial",
                 (f"the 5-character INSEE commune code (0{code}?): format the column as text",
                  f"le code INSEE de commune à 5 caractères (0{code} ?) : mettez la colonne au format texte"))
        return None
    row.fail(column, f"{value!r} is not an INSEE commune code", f"« {value} » n'est pas un code INSEE de commune",
             ("5 characters: département + commune number (e.g. 31555; 2A004 in Corsica)",
              "5 caractères : département + numéro de commune (p. ex. 31555 ; 2A004 en Corse)"))
    return None


def _amount(text: str) -> Decimal:
    cleaned = re.sub(r"[\s\u00a0\u202f€]|EUR", "", text, flags=re.IGNORECASE)
    if "," in cleaned and "." in cleaned:
        if cleaned.rfind(",") > cleaned.rfind("."):
            cleaned = cleaned.replace(".", "").replace(",", ".")
        else:
            cleaned = cleaned.replace(",", "")
    elif "," in cleaned:
        cleaned = cleaned.replace(",", ".")
    if not re.fullmatch(r"[+-]?([0-9]+(\.[0-9]*)?|\.[0-9]+)", cleaned) or len(cleaned) > 40:
        raise ValueError(text)
    return Decimal(cleaned)


def _year(text: str) -> int:
    text = text.strip()
    if text.endswith(".0"):  # a year a spreadsheet stored as a number
        text = text[:-2]
    return parse_year(text)


def _count(text: str) -> int:
    cleaned = re.sub(r"[\s\u00a0\u202f]", "", text)
    if cleaned.endswith(".0"):
        cleaned = cleaned[:-2]
    if not re.fullmatch(r"[0-9]{1,9}", cleaned):
        raise ValueError(text)
    return int(cleaned)


def _legal_form(row: _Row, column: str = "legal_form") -> str | None:
    value = row.get(column)
    if value is None:
        return None
    key = legal_form_code(value)
    if key is None or not is_legal_form(key):
        named = [c for c in vocabulary("legal_form").codes if not c.isdigit()]
        row.fail(column, f"unknown legal form {value!r}", f"forme juridique inconnue « {value} »",
                 ("one of " + ", ".join(named) + ", or a 4-digit INSEE catégorie juridique code",
                  "l'une des formes " + ", ".join(vocabulary("legal_form").label(c, "fr") for c in named)
                  + ", ou un code INSEE de catégorie juridique à 4 chiffres"))
        return None
    return key


_EMPTY = ("", "")


def _rows(tables: dict[str, RawTable | None], file: str, problems: Problems) -> list[_Row]:
    raw = tables.get(file)
    if raw is None or not raw.usable:
        return []
    # A row whose first cell starts with "#" is a comment (the templates' example rows).
    return [_Row(raw, number, cells, problems) for number, cells in raw.rows
            if not (cells and cells[0].strip().startswith("#"))]


def _known(tables: dict[str, RawTable | None], file: str) -> bool:
    """True when a table could be read, so that references to its ids can be checked."""
    raw = tables.get(file)
    return raw is None and not table(file).required or (raw is not None and raw.usable)


def read_tables(folder: Path, problems: Problems) -> dict[str, RawTable | None]:
    """Every table of a bundle folder (None for the files it lacks or could not read)."""
    return {t.file: read_csv_table(folder, t, problems) for t in READ_TABLES}


def read_bundle(path: str | Path) -> Pole:
    """Read a spreadsheet bundle — a folder of CSV files or a workbook (.xlsx, .ods) — into a :class:`Pole`.

    Every problem is collected: one :class:`~ptce_graph.errors.BundleError`, or
    a :class:`~ptce_graph.errors.BundleErrors` holding them all, sorted by file,
    sheet and row, each located and with its fix in French and English.
    """
    return _read(Path(path))[0]


def load_bundle(path: str | Path, *, base: str = DEFAULT_BASE) -> Graph:
    """A bundle as RDF: its pole's graph and the triples of its ``non-repris`` table (see :mod:`.leftover`)."""
    pole, extra = _read(Path(path))
    return merge_leftover(pole.to_graph(base=base), extra)


def carried_graph(sheets: list[SheetData], *, base: str = DEFAULT_BASE) -> Graph:
    """The graph the tables of ``sheets`` give when read back (what a bundle carries), without files."""
    problems = Problems()
    tables: dict[str, RawTable | None] = {}
    for sheet in sheets:
        raw = RawTable(sheet.table, "<tables>", None, list(sheet.columns), list(sheet.columns))
        raw.rows = [(i, [csv_cell(v) for v in row]) for i, row in enumerate(sheet.localised("en")[1], start=2)]
        tables[sheet.table.file] = raw
    pole = _pole(tables, problems, Path("<tables>"))
    problems.raise_if_any()
    return pole.to_graph(base=base)


def bundle_from_rows(rows: dict[str, list[dict[str, str]]], *, source: str) -> tuple[Pole, Graph]:
    """A pole, and the triples of its ``non-repris`` table, from tables given as rows of cells.

    ``rows`` is ``{"actors.csv": [{"id": "a", "nom": "…"}, …], …}``: tables named by file (``actors.csv``)
    or sheet (``acteurs``, ``actors``, ``non-repris``), cells by column in French or English, as in a
    bundle; every cell is text, read by the bundle's rules.  What is wrong is collected in one pass and
    raised located: ``source`` (``cas.yaml (actors)``) and the item number, 1 for the first row.  The legal
    case corpus (:mod:`ptce_graph.legal.cases`) reads its poles so.
    """
    problems = Problems()
    tables: dict[str, RawTable | None] = {}
    for name, items in rows.items():
        found = _table_named(name)
        if found is None:
            problems.error(f"{name!r} is not a table of the bundle", f"« {name} » n'est pas une table du bundle",
                           source=source, expected=("one of " + ", ".join(t.en for t in READ_TABLES),
                                                    "l'une de " + ", ".join(t.fr for t in READ_TABLES)))
            continue
        header: list[str] = []
        for item in items:
            header += [k for k in item if k not in header]
        named = {found.match(h) for h in header}
        header += [c for c in found.contract_columns if c not in named]  # a column left out is empty
        raw = RawTable(found, f"{source} ({found.en})", None, header, [])
        match_header(raw, problems)
        raw.rows = [(number, [item.get(h, "") for h in header]) for number, item in enumerate(items, start=1)]
        tables[found.file] = raw
    pole = _pole(tables, problems, Path(source))
    extra = leftover_graph(tables.get(LEFTOVER.file), problems)
    problems.raise_if_any()
    return pole, extra


def _table_named(name: str) -> Table | None:
    if name in (t.file for t in READ_TABLES):
        return table(name)
    return table_of_sheet(name)


def _read(path: Path) -> tuple[Pole, Graph]:
    problems = Problems()
    if path.is_file() and is_workbook(path):
        tables = read_workbook_tables(path, problems)
    elif path.is_dir():
        tables = read_tables(path, problems)
    else:
        raise BundleError("not a folder nor a workbook", problem_fr="ni un dossier ni un classeur", source=str(path),
                          expected="a bundle folder holding pole.csv, or a workbook (.xlsx, .ods)",
                          expected_fr="un dossier de bundle avec pole.csv, ou un classeur (.xlsx, .ods)")
    pole = _pole(tables, problems, path)
    extra = leftover_graph(tables.get(LEFTOVER.file), problems)
    problems.raise_if_any()
    return pole, extra


def _pole(tables: dict[str, RawTable | None], problems: Problems, path: Path) -> Pole:
    # pole.csv ---------------------------------------------------------------
    rows = _rows(tables, "pole.csv", problems)
    raw = tables.get("pole.csv")
    if raw is not None and raw.usable and len(rows) != 1:
        problems.error(f"{len(rows)} data rows describe the pole", f"{len(rows)} lignes de données décrivent le pôle",
                       source=raw.source, sheet=raw.sheet, line=rows[1].number if len(rows) > 1 else 2,
                       expected=("exactly one row describing the pole", "une seule ligne qui décrit le pôle"))
    pole = Pole(id="?")
    if rows:
        _pole_row(pole, rows[0])

    # actors.csv -------------------------------------------------------------
    seen: dict[str, int] = {}
    groupings: list[tuple[_Row, str, list[str]]] = []  # (row, actor, groupings it is a member of)
    for row in _rows(tables, "actors.csv", problems):
        actor_id = row.require("id", ("the actor's id", "l'identifiant de l'acteur"))
        if actor_id is None:
            continue
        if actor_id in seen:
            row.fail("id", f"id {actor_id!r} already used on row {seen[actor_id]}",
                     f"l'identifiant « {actor_id} » est déjà pris ligne {seen[actor_id]}",
                     ("a unique id per actor", "un identifiant différent par acteur"))
            continue
        seen[actor_id] = row.number
        kind = row.coded("kind", "actor_kind")
        legal_form = _legal_form(row)
        mention = row.boolean("ess_mention")
        if mention is not None and legal_form is not None:
            info = legal_form_info(legal_form)
            if info is not None and info.family != "commercial-company":
                row.warn("ess_mention", f"the ESS mention only applies to commercial companies, not to {legal_form}",
                         f"la mention ESS ne vaut que pour les sociétés commerciales, pas pour {info.label('fr')}")
        relation = row.coded("relation", "relation")
        member_of = row.ids("member_of")
        if member_of:
            groupings.append((row, actor_id, member_of))
        pole.actors.append(Actor(
            id=actor_id, name=row.get("name"), kind=ActorKind(kind) if kind else None, legal_form=legal_form,
            ess_mention=mention, declares_ess=row.boolean("declares_ess"), siret=_siret(row),
            commune=_commune(row), extra=row.extra, sources=row.citations(), cooperative=row.boolean("cooperative"),
            sirene_ess=row.boolean("sirene_ess"), esus=row.boolean("esus"), esus_date=row.date("esus_date"),
        ))
        if relation is None and member_of and not row.get("role"):
            continue  # only a member of a grouping of enterprises, not of the pole
        pole.memberships.append(Membership(
            actor=actor_id, relation=Relation(relation) if relation else None, role=row.get("role"),
            start=row.date("member_start"), end=row.date("member_end"),
        ))
    by_id = {a.id: a for a in pole.actors}
    for row, actor_id, member_of in groupings:
        for grouping in member_of:
            if grouping not in by_id or grouping == actor_id:
                row.fail("member_of", f"{grouping!r} is not the id of another actor of actors.csv",
                         f"« {grouping} » n'est pas l'identifiant d'un autre acteur de la feuille acteurs",
                         ("the id of the grouping of enterprises, itself a row of actors.csv",
                          "l'identifiant du groupement d'entreprises, lui-même une ligne de la feuille acteurs"))
            elif actor_id not in by_id[grouping].grouping_members:
                by_id[grouping].grouping_members.append(actor_id)
    actors_known = _known(tables, "actors.csv")

    def actor_ref(row: _Row, column: str, value: str) -> str | None:
        if actors_known and value not in seen:
            row.fail(column, f"{value!r} is not an actor id of actors.csv",
                     f"« {value} » n'est pas l'identifiant d'un acteur de la feuille acteurs",
                     ("the id of an actor of actors.csv", "l'identifiant d'un acteur de la feuille acteurs"))
            return None
        return value

    def actor_refs(row: _Row, column: str) -> list[str]:
        return [a for a in (actor_ref(row, column, v) for v in row.ids(column)) if a is not None]

    # projects.csv -----------------------------------------------------------
    project_seen: dict[str, int] = {}
    for row in _rows(tables, "projects.csv", problems):
        project_id = row.require("id", ("the project's id", "l'identifiant du projet"))
        if project_id is None:
            continue
        if project_id in project_seen:
            row.fail("id", f"id {project_id!r} already used on row {project_seen[project_id]}",
                     f"l'identifiant « {project_id} » est déjà pris ligne {project_seen[project_id]}",
                     ("a unique id per project", "un identifiant différent par projet"))
            continue
        project_seen[project_id] = row.number
        innovation = row.coded("innovation", "innovation")
        pole.projects.append(Project(
            id=project_id, name=row.get("name"), innovation=Innovation(innovation) if innovation else None,
            sustainable_local_development=row.boolean("sustainable_local_development"),
            participants=actor_refs(row, "participants"), extra=row.extra, sources=row.citations(),
        ))

    # tools.csv --------------------------------------------------------------
    tool_ids: set[str] = set()
    for row in _rows(tables, "tools.csv", problems):
        tool_id = row.require("id", ("the tool's id", "l'identifiant de l'outil"))
        if tool_id is None:
            continue
        if tool_id in tool_ids:
            row.fail("id", f"id {tool_id!r} used twice", f"l'identifiant « {tool_id} » est pris deux fois",
                     ("a unique id per tool", "un identifiant différent par outil"))
            continue
        tool_ids.add(tool_id)
        pole.tools.append(Tool(id=tool_id, name=row.get("name"), description=row.get("description"),
                               sources=row.citations()))

    # links.csv --------------------------------------------------------------
    link_keys: dict[str, int] = {}
    projects_known, tools_known = _known(tables, "projects.csv"), _known(tables, "tools.csv")
    for row in _rows(tables, "links.csv", problems):
        ends = []
        for column, what in (("source", ("the id of the source actor", "l'identifiant du premier acteur")),
                             ("target", ("the id of the target actor", "l'identifiant du second acteur"))):
            value = row.require(column, what)
            ends.append(actor_ref(row, column, value) if value is not None else None)
        source, target = ends
        logic = row.coded("logic", "logic")
        if row.get("logic") is None:
            row.fail("logic", "empty cell", "cellule vide",
                     ("one of " + ", ".join(Logic.values()), "l'une des logiques "
                      + ", ".join(vocabulary("logic").choices("fr"))))
        if source is not None and source == target:
            row.fail("target", f"the link joins {source!r} to itself", f"le lien relie « {source} » à lui-même",
                     ("two different actors", "deux acteurs différents"))
            continue
        project = row.get("project")
        if project is not None and projects_known and project not in project_seen:
            row.fail("project", f"{project!r} is not a project id of projects.csv",
                     f"« {project} » n'est pas l'identifiant d'un projet de la feuille projets",
                     ("the id of a project", "l'identifiant d'un projet"))
        tool = row.get("tool")
        if tool is not None and tools_known and tool not in tool_ids:
            row.fail("tool", f"{tool!r} is not a tool id of tools.csv",
                     f"« {tool} » n'est pas l'identifiant d'un outil de la feuille outils",
                     ("the id of a tool", "l'identifiant d'un outil"))
        kind = row.get("kind")
        if kind is not None:
            kind = vocabulary("link_kind").lookup(kind) or kind  # a kind the ontology names, or free text
        start, end, sources = row.date("start"), row.date("end"), row.citations()
        if source is None or target is None or logic is None:
            continue
        link = Link(source=source, target=target, logic=Logic(logic), kind=kind, start=start, end=end,
                    project=project, tool=tool, id=row.get("id"), extra=row.extra, sources=sources)
        if link.start and link.end and link.end.latest() < link.start.earliest():
            row.warn("end", "the link ends before it starts", "le lien finit avant de commencer")
        if link.kind in LINK_SUBTYPES and LINK_SUBTYPES[link.kind][1] is not link.logic:
            row.warn("kind", f"{link.kind!r} is a kind of {LINK_SUBTYPES[link.kind][1].value} link, not "
                             f"{link.logic.value}; kept as free text",
                     f"« {link.kind} » est un lien de {LINK_SUBTYPES[link.kind][1].value}, pas de "
                     f"{link.logic.value} ; gardé comme texte libre")
        key = link.minted_id()
        if key in link_keys:
            row.fail("source", f"the same link is already on row {link_keys[key]}",
                     f"le même lien est déjà ligne {link_keys[key]}",
                     ("each link once (give links an id column to tell them apart)",
                      "chaque lien une fois (une colonne identifiant distingue deux liens des mêmes acteurs)"))
            continue
        link_keys[key] = row.number
        pole.links.append(link)

    # funding.csv ------------------------------------------------------------
    funding_keys: dict[str, int] = {}
    for row in _rows(tables, "funding.csv", problems):
        kind = row.coded("kind", "funding_kind")
        program = row.get("program")
        if program is not None:
            program = vocabulary("programme").lookup(program) or program
        funding = Funding(
            funder=row.get("funder"), kind=FundingKind(kind) if kind else None, program=program,
            year=row.parse("year", _year, ("a year YYYY", "une année AAAA")),
            amount=row.parse("amount", _amount, ("an amount in euros, e.g. 15000 or 15 000,50",
                                                 "un montant en euros, p. ex. 15000 ou 15 000,50")),
            purpose=row.get("purpose"), supported_by=actor_refs(row, "supported_by"),
            status=row.coded("status", "selection_status"), extra=row.extra, sources=row.citations(),
            iri=_iri(row, "iri"),
        )
        key = funding.minted_id()
        if key in funding_keys:
            row.fail("funder", f"the same funding line is already on row {funding_keys[key]}",
                     f"le même financement est déjà ligne {funding_keys[key]}",
                     ("each funding line once", "chaque financement une fois"))
            continue
        funding_keys[key] = row.number
        pole.funding.append(funding)

    # places.csv -------------------------------------------------------------
    place_seen: set[str] = set()
    for row in _rows(tables, "places.csv", problems):
        place_id = row.require("id", ("the place's id", "l'identifiant du lieu"))
        if place_id is None:
            continue
        if place_id in place_seen:
            row.fail("id", f"id {place_id!r} used twice", f"l'identifiant « {place_id} » est pris deux fois",
                     ("a unique id per place", "un identifiant différent par lieu"))
            continue
        place_seen.add(place_id)
        pole.places.append(Place(id=place_id, name=row.get("name"), commune=_commune(row),
                                 showcase=row.boolean("showcase"), opening=row.date("opening"),
                                 sources=row.citations()))

    # meetings.csv -----------------------------------------------------------
    meeting_seen: set[str] = set()
    whole = ("a whole number", "un nombre entier")
    for row in _rows(tables, "meetings.csv", problems):
        meeting_id = row.require("id", ("the meeting's id", "l'identifiant de la réunion"))
        if meeting_id is None:
            continue
        if meeting_id in meeting_seen:
            row.fail("id", f"id {meeting_id!r} used twice", f"l'identifiant « {meeting_id} » est pris deux fois",
                     ("a unique id per meeting", "un identifiant différent par réunion"))
            continue
        meeting_seen.add(meeting_id)
        kind = row.coded("type", "meeting_kind") if row.get("type") else "meeting"
        if kind is None:
            continue
        pole.meetings.append(Meeting(
            id=meeting_id, kind=kind, name=row.get("name"), date=row.date("date"), start=row.date("start"),
            end=row.date("end"), sequence=row.parse("sequence", _count, whole),
            participants=row.parse("participants", _count, whole),
            organisations=row.parse("organisations", _count, whole), meetings=row.parse("meetings", _count, whole),
            topic=row.get("topic"), attendees=actor_refs(row, "attendees"), sources=row.citations(),
        ))

    # assessments.csv --------------------------------------------------------
    objective_seen: set[str] = set()
    for row in _rows(tables, "assessments.csv", problems):
        objective = row.require("objective", ("a référentiel objective (O1 to O9, G1 to G3)",
                                              "un objectif du référentiel (O1 à O9, G1 à G3)"))
        if objective is None:
            continue
        if objective in objective_seen:
            row.fail("objective", f"objective {objective!r} assessed twice",
                     f"l'objectif « {objective} » est évalué deux fois",
                     ("one row per objective", "une ligne par objectif"))
            continue
        objective_seen.add(objective)
        evidence = [line.strip() for line in (row.get("evidence") or "").splitlines() if line.strip()]
        pole.assessments.append(Assessment(objective=objective, practice=row.get("practice"), evidence=evidence,
                                           sources=row.citations()))
    return pole


def _pole_row(pole: Pole, pr: _Row) -> None:
    pole_id = pr.require("id", ("the pole's id", "l'identifiant du pôle"))
    pole.id = pole_id or "?"
    codes: list[str] = []
    for code in (c.strip() for c in (pr.get("territory_codes") or "").split(";")):
        if not code:
            continue
        found = territory_code_kind(code)
        if found is None:
            pr.fail("territory_codes", f"{code!r} is not an INSEE code", f"« {code} » n'est pas un code INSEE", (
                "codes separated by ';': commune (5 characters), département (2-3), région (R + 2 digits, e.g. "
                "R76) or EPCI (9-digit SIREN)",
                "des codes séparés par « ; » : commune (5 caractères), département (2 ou 3), région (R + 2 "
                "chiffres, p. ex. R76) ou EPCI (SIREN à 9 chiffres)"))
            continue
        kind, normal = found
        if kind == "epci" and not siren_valid(normal):
            pr.warn("territory_codes", f"EPCI SIREN {normal} fails the Luhn check",
                    f"le SIREN d'EPCI {normal} ne passe pas la clé de Luhn")
        codes.append("R" + normal if kind == "region" else normal)
    territory_kind = pr.coded("territory_kind", "territory_kind")
    if pr.get("territory") or codes or territory_kind:
        pole.territory = Territory(name=pr.get("territory"), codes=codes, kind=territory_kind)
    strategy_kind = pr.coded("strategy_kind", "strategy_kind")
    if pr.get("strategy") or pr.get("strategy_start") or pr.get("strategy_end") or strategy_kind:
        pole.strategy = Strategy(name=pr.get("strategy"), start=pr.date("strategy_start"),
                                 end=pr.date("strategy_end"), kind=strategy_kind)
        s = pole.strategy
        if s.start and s.end and s.end.latest() < s.start.earliest():
            pr.warn("strategy_end", "the strategy ends before it starts", "la stratégie finit avant de commencer")
    pole.name = pr.get("name")
    pole.legal_form = _legal_form(pr)
    pole.sector = pr.coded("sector", "sector")
    pole.origin = pr.coded("origin", "origin")
    pole.founding = pr.date("founding_date")
    pole.fictional = pr.boolean("fictional")
    pole.funding_history_complete = pr.boolean("funding_history_complete")
    pole.description = pr.get("description")
    pole.extra = pr.extra
    pole.sources = pr.citations()


# ---------------------------------------------------------------------------
#  Writing
# ---------------------------------------------------------------------------


def _join(values: list[str]) -> str | None:
    return ";".join(values) if values else None


def _all_columns(name: str) -> tuple[str, ...]:
    contract, extension, _ = BUNDLE_COLUMNS[name]
    return contract + extension


def _extras(items: list[dict[str, str]]) -> list[str]:
    return sorted({k for extra in items for k in extra})


def _with_extra(base: dict[str, object], extra: dict[str, str], reserved: tuple[str, ...]) -> dict[str, object]:
    for k, v in extra.items():
        if k in reserved:
            raise OutputError(f"annotation column {k!r} has the name of a bundle column; rename it")
        base[k] = v
    return base


def write_bundle(pole: Pole, folder: str | Path, *, dialect: CsvDialect = PLAIN, lang: str = "en") -> None:
    """Write a pole as a spreadsheet bundle, atomically (all files or none).

    ``dialect`` is the contract's CSV (:data:`~ptce_graph.io.csv_writer.PLAIN`) or
    :data:`~ptce_graph.io.csv_writer.EXCEL_FR` for French Excel; ``lang="fr"`` writes French
    headers and values (``nom``, ``membre``, ``oui``).  Every form reads back identically.
    """
    write_bundle_sheets(bundle_sheets(pole), folder, dialect=dialect, lang=lang)


def check_sizes(tables: Iterable[tuple[str, int, int]]) -> None:
    """OutputError for a table (name, columns, rows) the readers would refuse as too large: what
    ptce_graph writes, it reads back (:func:`ptce_graph.io.tables.size_problem`)."""
    for name, columns, rows in tables:
        problem = size_problem(columns, rows)
        if problem is not None:
            raise OutputError(f"{name}: cannot write {problem}: ptce_graph could not read it back")


def write_bundle_sheets(sheets: list[SheetData], folder: str | Path, *, dialect: CsvDialect = PLAIN,
                        lang: str = "en") -> None:
    """Write tables as the CSV files of a bundle folder, atomically (all files or none)."""
    check_sizes((sheet.table.file, len(sheet.columns), len(sheet.rows)) for sheet in sheets)
    with atomic_directory(Path(folder), replaces=_PREVIOUS_BUNDLE, previous="spreadsheet bundle") as tmp:
        for sheet in sheets:
            header, rows = sheet.localised(lang)
            (tmp / sheet.table.file).write_bytes(csv_bytes(header, rows, dialect))


@dataclass
class SheetData:
    """One table of a pole, ready to write: its columns (contract names, then annotations) and rows."""

    table: Table
    columns: list[str]
    rows: list[list[object]]
    example: bool = False  # a template's sheet: its row is an example, styled as such

    def column(self, name: str) -> Column | None:
        """The contract's column of that name, or None for an annotation column."""
        return next((c for c in self.table.columns if c.name == name), None)

    def localised(self, lang: str) -> tuple[list[str], list[list[object]]]:
        """Header and cells in ``lang``: French headers, labels of closed values and oui/non in French."""
        known = {c.name: c for c in self.table.columns}
        header = [known[c].header(lang) if c in known else c for c in self.columns]
        kinds = [known[c].kind if c in known else "text" for c in self.columns]
        return header, [[localised_value(v, k, lang) for v, k in zip(row, kinds, strict=True)] for row in self.rows]


def localised_value(value: object, kind: str, lang: str) -> object:
    """A cell value in ``lang``: booleans as yes/no or oui/non, closed values as their French label."""
    if isinstance(value, bool):
        return vocabulary("boolean").label("yes" if value else "no", lang)
    if lang == "fr" and isinstance(value, str) and kind.startswith("vocab:") and not value.isdigit():
        vocab = vocabulary(kind[6:])
        if value in vocab.labels:
            return vocab.label(value, "fr")
    return value


def _add(sheets: list[SheetData], name: str, rows: list[dict[str, object]], extra_columns: list[str]) -> None:
    contract, extension, _ = BUNDLE_COLUMNS[name]
    keys = table(name).keys
    used_ext = [c for c in extension if any(r.get(c) not in (None, "", []) for r in rows)]
    columns = list(contract) + [c for c in keys if c not in used_ext] + used_ext + extra_columns
    sheets.append(SheetData(table(name), columns, [[r.get(c) for c in columns] for r in rows]))


def bundle_sheets(pole: Pole) -> list[SheetData]:
    """The tables of a pole as a bundle holds them (the files it has, in the contract's order)."""
    pole = pole.canonical()
    try:
        pole.check_references()
    except ValueError as exc:
        raise OutputError(f"{exc}") from None
    sheets: list[SheetData] = []
    t, s = pole.territory, pole.strategy
    pole_row = _with_extra(
        {
            "id": pole.id,
            "name": pole.name,
            "territory": t.name if t else None,
            "territory_codes": _join(t.codes) if t else None,
            "legal_form": pole.legal_form,
            "strategy": s.name if s else None,
            "strategy_start": s.start if s else None,
            "strategy_end": s.end if s else None,
            "strategy_kind": s.kind if s else None,
            "territory_kind": t.kind if t else None,
            "sector": pole.sector,
            "origin": pole.origin,
            "founding_date": pole.founding,
            "fictional": pole.fictional,
            "description": pole.description,
            "funding_history_complete": pole.funding_history_complete,
            "citation": _join(pole.sources),
        },
        pole.extra,
        _all_columns("pole.csv"),
    )
    _add(sheets, "pole.csv", [pole_row], sorted(pole.extra))

    actor_rows = []
    for a in pole.actors:
        m = pole.membership(a.id)
        actor_rows.append(
            _with_extra(
                {
                    "id": a.id,
                    "name": a.name,
                    "relation": m.relation.value if m and m.relation else None,
                    "kind": a.kind.value if a.kind else None,
                    "legal_form": a.legal_form,
                    "ess_mention": a.ess_mention,
                    "siret": a.siret,
                    "commune": a.commune,
                    "role": m.role if m else None,
                    "member_start": m.start if m else None,
                    "member_end": m.end if m else None,
                    "declares_ess": a.declares_ess,
                    "cooperative": a.cooperative,
                    "sirene_ess": a.sirene_ess,
                    "esus": a.esus,
                    "esus_date": a.esus_date,
                    "member_of": _join(sorted(g.id for g in pole.actors if a.id in g.grouping_members)),
                    "citation": _join(a.sources),
                },
                a.extra,
                _all_columns("actors.csv"),
            )
        )
    _add(sheets, "actors.csv", actor_rows, _extras([a.extra for a in pole.actors]))

    link_rows = [
        _with_extra(
            {
                "source": link.source,
                "target": link.target,
                "logic": link.logic.value,
                "kind": link.kind,
                "start": link.start,
                "end": link.end,
                "id": link.id,
                "project": link.project,
                "tool": link.tool,
                "citation": _join(link.sources),
            },
            link.extra,
            _all_columns("links.csv"),
        )
        for link in pole.links
    ]
    _add(sheets, "links.csv", link_rows, _extras([link.extra for link in pole.links]))

    project_rows = [
        _with_extra(
            {
                "id": p.id,
                "name": p.name,
                "innovation": p.innovation.value if p.innovation else None,
                "sustainable_local_development": p.sustainable_local_development,
                "participants": _join(p.participants),
                "citation": _join(p.sources),
            },
            p.extra,
            _all_columns("projects.csv"),
        )
        for p in pole.projects
    ]
    _add(sheets, "projects.csv", project_rows, _extras([p.extra for p in pole.projects]))

    if pole.funding:
        funding_rows = [
            _with_extra(
                {
                    "funder": f.funder,
                    "kind": f.kind.value if f.kind else None,
                    "program": f.program,
                    "year": f.year,
                    "amount": f.amount,
                    "purpose": f.purpose,
                    "supported_by": _join(f.supported_by),
                    "status": f.status,
                    "citation": _join(f.sources),
                    "iri": f.iri,
                },
                f.extra,
                _all_columns("funding.csv"),
            )
            for f in pole.funding
        ]
        _add(sheets, "funding.csv", funding_rows, _extras([f.extra for f in pole.funding]))
    if pole.places:
        _add(
            sheets,
            "places.csv",
            [
                {"id": p.id, "name": p.name, "commune": p.commune, "showcase": p.showcase, "opening": p.opening,
                 "citation": _join(p.sources)}
                for p in pole.places
            ],
            [],
        )
    if pole.meetings:
        _add(
            sheets,
            "meetings.csv",
            [
                {
                    "id": m.id, "type": m.kind, "name": m.name, "date": m.date, "start": m.start, "end": m.end,
                    "sequence": m.sequence, "participants": m.participants, "organisations": m.organisations,
                    "meetings": m.meetings, "topic": m.topic, "attendees": _join(m.attendees),
                    "citation": _join(m.sources),
                }
                for m in pole.meetings
            ],
            [],
        )
    if pole.tools:
        _add(
            sheets,
            "tools.csv",
            [{"id": tool.id, "name": tool.name, "description": tool.description,
              "citation": _join(tool.sources)} for tool in pole.tools],
            [],
        )
    if pole.assessments:
        _add(
            sheets,
            "assessments.csv",
            [
                {"objective": a.objective, "practice": a.practice, "evidence": "\n".join(a.evidence) or None,
                 "citation": _join(a.sources)}
                for a in pole.assessments
            ],
            [],
        )
    return sheets
