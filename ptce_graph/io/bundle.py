"""The spreadsheet bundle (ARCHITECTURE.md contract 3): a folder of CSV files.

A coordinator fills it in a spreadsheet; ptce_graph reads it into a
:class:`~ptce_graph.model.Pole` and back, without loss.  The contract's files
and columns are required; the columns and files below extend it (optional):

* every file: ``citation`` — source IRIs (``dcterms:source``) separated by ``;``
* ``pole.csv``: ``strategy_kind`` (charter or agreement), ``territory_kind, sector, origin, founding_date,
  fictional, description``
* ``actors.csv``: ``role, member_start, member_end, declares_ess``
* ``links.csv``: ``id, project, tool``
* ``tools.csv``: ``id, name, description`` (collective tools; a link names one in ``tool``)
* ``funding.csv``: ``purpose, supported_by``
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

import csv
import io
import re
import warnings
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation
from pathlib import Path
from typing import Any, TypeVar

from ptce_graph.dates import PartialDate
from ptce_graph.errors import BundleError, DataWarning, OutputError
from ptce_graph.ess import (
    NAMED_LEGAL_FORMS,
    commune_code_valid,
    is_legal_form,
    legal_form_info,
    siren_valid,
    siret_valid,
    territory_code_kind,
)
from ptce_graph.io.atomic import atomic_directory
from ptce_graph.model import (
    LINK_SUBTYPES,
    MEETING_KINDS,
    STRATEGY_KINDS,
    TYPOLOGY_SCHEMES,
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
    decimal_text,
)

__all__ = ["read_bundle", "write_bundle", "is_bundle", "BUNDLE_COLUMNS", "MAX_CSV_BYTES"]

MAX_CSV_BYTES = 64 * 1024 * 1024

#: file -> (contract columns, extension columns, required?)
BUNDLE_COLUMNS: dict[str, tuple[tuple[str, ...], tuple[str, ...], bool]] = {
    "pole.csv": (
        ("id", "name", "territory", "territory_codes", "legal_form", "strategy", "strategy_start", "strategy_end"),
        ("strategy_kind", "territory_kind", "sector", "origin", "founding_date", "fictional", "description",
         "citation"),
        True,
    ),
    "actors.csv": (
        ("id", "name", "relation", "kind", "legal_form", "ess_mention", "siret", "commune"),
        ("role", "member_start", "member_end", "declares_ess", "citation"),
        True,
    ),
    "links.csv": (("source", "target", "logic", "kind", "start", "end"), ("id", "project", "tool", "citation"),
                  True),
    "projects.csv": (
        ("id", "name", "innovation", "sustainable_local_development", "participants"),
        ("citation",),
        True,
    ),
    "funding.csv": (("funder", "kind", "program", "year", "amount"), ("purpose", "supported_by", "citation"), False),
    "places.csv": ((), ("id", "name", "commune", "showcase", "opening", "citation"), False),
    "meetings.csv": (
        (),
        ("id", "type", "name", "date", "start", "end", "sequence", "participants", "organisations", "meetings",
         "topic", "attendees", "citation"),
        False,
    ),
    "assessments.csv": ((), ("objective", "practice", "evidence", "citation"), False),
    "tools.csv": ((), ("id", "name", "description", "citation"), False),
}

#: Keys a row of an extension file must have.
_KEYS = {"places.csv": ("id",), "meetings.csv": ("id",), "assessments.csv": ("objective",),
         "tools.csv": ("id",)}

_TRUE = {"yes", "true", "1", "oui", "vrai", "y", "o"}
_FALSE = {"no", "false", "0", "non", "faux", "n"}
_RELATION_ALIASES = {"membre": "member", "partenaire": "partner"}
_FORMULA_START = ("=", "+", "-", "@", "\t", "\r", "'")
_T = TypeVar("_T")


def is_bundle(path: Path) -> bool:
    """True when ``path`` is a folder holding a ``pole.csv``."""
    return path.is_dir() and (path / "pole.csv").is_file()


# ---------------------------------------------------------------------------
#  Reading
# ---------------------------------------------------------------------------


@dataclass
class _Row:
    file: str
    number: int  # spreadsheet row number (header = 1)
    cells: dict[str, str | None]
    extra: dict[str, str]

    def error(self, column: str, problem: str, expected: str | None = None) -> BundleError:
        return BundleError(problem, source=self.file, line=self.number, field=column, expected=expected)

    def warn(self, column: str, message: str) -> None:
        warnings.warn(f"{self.file}:{self.number} (column {column!r}): {message}", DataWarning, stacklevel=3)

    def get(self, column: str) -> str | None:
        return self.cells.get(column)

    def require(self, column: str, what: str) -> str:
        value = self.get(column)
        if value is None:
            raise self.error(column, "empty cell", what)
        return value

    def parse(self, column: str, parser: Callable[[str], _T], expected: str) -> _T | None:
        value = self.get(column)
        if value is None:
            return None
        try:
            return parser(value)
        except (ValueError, InvalidOperation):
            raise self.error(column, f"{value!r} is not valid", expected) from None

    def boolean(self, column: str) -> bool | None:
        value = self.get(column)
        if value is None:
            return None
        lowered = value.lower()
        if lowered in _TRUE:
            return True
        if lowered in _FALSE:
            return False
        raise self.error(column, f"{value!r} is not yes or no", "yes or no (oui / non also accepted)")

    def coded(self, column: str, enum: Any, aliases: dict[str, str] | None = None) -> Any:
        value = self.get(column)
        if value is None:
            return None
        key = value.strip().lower().replace("_", "-").replace(" ", "-")
        key = (aliases or {}).get(key, key)
        try:
            return enum(key)
        except ValueError:
            raise self.error(column, f"unknown value {value!r}", "one of " + ", ".join(enum.values())) from None

    def date(self, column: str) -> PartialDate | None:
        value = self.get(column)
        if value is None:
            return None
        try:
            return PartialDate.parse(value)
        except ValueError:
            hint = ""
            if re.match(r"^\d{1,2}/\d{1,2}/\d{2,4}$", value):
                hint = " (a French date: write it YYYY-MM-DD, e.g. 2015-03-01)"
            raise self.error(
                column, f"{value!r} is not a date{hint}", "an ISO 8601 date: YYYY-MM-DD, YYYY-MM or YYYY"
            ) from None

    def ids(self, column: str) -> list[str]:
        value = self.get(column)
        if value is None:
            return []
        return [part.strip() for part in value.split(";") if part.strip()]

    def citations(self) -> list[str]:
        import pyoxigraph as ox


        out = []
        for item in self.ids("citation"):
            try:
                ox.NamedNode(item)
            except ValueError:
                raise self.error(
                    "citation", f"{item!r} is not an absolute IRI", "source IRIs separated by ';'"
                ) from None
            out.append(item)
        return out


def _decode(data: bytes, name: str) -> str:
    if data.startswith(b"\xef\xbb\xbf"):
        data = data[3:]
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        raise BundleError("the file is UTF-16", source=name, line=1,
                          expected="CSV saved as UTF-8 (in Excel: « CSV UTF-8 (délimité par des virgules) »)")
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        pass
    try:
        text = data.decode("cp1252")
    except UnicodeDecodeError as exc:
        line = data.count(b"\n", 0, exc.start) + 1
        raise BundleError(
            f"byte 0x{data[exc.start]:02x} is neither UTF-8 nor Windows-1252",
            source=name,
            line=line,
            expected="CSV saved as UTF-8 (in Excel: « CSV UTF-8 (délimité par des virgules) »; "
            "in LibreOffice: Enregistrer sous, CSV, jeu de caractères Unicode (UTF-8))",
        ) from None
    warnings.warn(
        f"{name}: read as Windows-1252 (not UTF-8); save the file as « CSV UTF-8 » to be sure accents are read right",
        DataWarning,
        stacklevel=3,
    )
    return text


def _separator(header: str) -> str:
    counts = {sep: 0 for sep in (",", ";", "\t")}
    quoted = False
    for ch in header:
        if ch == '"':
            quoted = not quoted
        elif not quoted and ch in counts:
            counts[ch] += 1
    best = max(counts, key=lambda s: (counts[s], s == ","))
    return best if counts[best] else ","


def _unprotect(value: str) -> str:
    # A leading apostrophe forces text in spreadsheets; ptce_graph writes one in
    # front of cells that would start a formula.
    return value[1:] if value.startswith("'") else value


def _read_rows(folder: Path, name: str, required: bool) -> tuple[list[str], Iterator[_Row]] | None:
    path = folder / name
    if not path.is_file():
        if required:
            raise BundleError(f"the bundle has no {name}", source=str(folder),
                              expected=f"{name} with a header row (it may have no data rows)")
        return None
    size = path.stat().st_size
    if size > MAX_CSV_BYTES:
        raise BundleError(f"the file is {size} bytes", source=str(path), expected=f"at most {MAX_CSV_BYTES} bytes")
    text = _decode(path.read_bytes(), str(path))
    if "\x00" in text:
        raise BundleError("the file contains NUL bytes (is it a spreadsheet saved as .xlsx?)", source=str(path),
                          line=text.count("\n", 0, text.index("\x00")) + 1, expected="a CSV text file")
    first_line = text.split("\n", 1)[0]
    if not first_line.strip():
        raise BundleError("the file has no header row", source=str(path), line=1,
                          expected="a header row naming the columns: " + ", ".join(_all_columns(name)))
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=_separator(first_line), strict=True)
    try:
        header_raw = next(reader)
    except csv.Error as exc:
        raise BundleError(f"CSV syntax error: {exc}", source=str(path), line=1, expected="a valid CSV header") from None
    header = [h.strip().lstrip("\ufeff").strip().lower() for h in header_raw]
    seen: set[str] = set()
    for i, h in enumerate(header):
        if not h:
            if any(row for row in [header_raw[i:]] if any(x.strip() for x in row)):
                raise BundleError(f"column {i + 1} of the header is empty", source=str(path), line=1,
                                  expected="a name for every column")
            continue
        if h in seen:
            raise BundleError(f"column {h!r} appears twice", source=str(path), line=1, field=h,
                              expected="each column once")
        seen.add(h)
    contract, extension, _ = BUNDLE_COLUMNS[name]
    missing = [c for c in contract + _KEYS.get(name, ()) if c not in seen]
    if missing:
        raise BundleError(
            f"missing column{'s' if len(missing) > 1 else ''} {', '.join(repr(m) for m in missing)} "
            f"(found: {', '.join(h for h in header if h) or 'none'})",
            source=str(path),
            line=1,
            expected="the columns " + ", ".join(contract or _KEYS.get(name, ())),
        )
    known = set(contract) | set(extension)

    def rows() -> Iterator[_Row]:
        number = 1
        try:
            for raw in reader:
                number += 1
                if not any(cell.strip() for cell in raw):
                    continue
                if len(raw) > len(header) and any(cell.strip() for cell in raw[len(header):]):
                    raise BundleError(
                        f"the row has {len(raw)} cells but the header names {len(header)} columns",
                        source=str(path), line=number,
                        expected="one cell per column (quote cells that contain the separator)",
                    )
                cells: dict[str, str | None] = {}
                extra: dict[str, str] = {}
                for i, column in enumerate(header):
                    if not column:
                        continue
                    value = raw[i].strip() if i < len(raw) else ""
                    value = _unprotect(value)
                    if column in known:
                        cells[column] = value or None
                    elif value:
                        extra[column] = value
                yield _Row(str(path), number, cells, extra)
        except csv.Error as exc:
            raise BundleError(f"CSV syntax error: {exc}", source=str(path), line=number + 1,
                              expected="valid CSV (check the quotes)") from None

    return header, rows()


def _all_columns(name: str) -> tuple[str, ...]:
    contract, extension, _ = BUNDLE_COLUMNS[name]
    return contract + extension


def _siret(row: _Row) -> str | None:
    value = row.get("siret")
    if value is None:
        return None
    compact = re.sub(r"[\s\u00a0\u202f.]", "", value)
    if re.fullmatch(r"\d[.,]\d+E\+?\d+", value.replace(" ", ""), re.IGNORECASE):
        raise row.error("siret", f"{value!r} looks like a number in scientific notation",
                        "14 digits: format the column as text in the spreadsheet before typing or pasting")
    if not compact.isdigit() or len(compact) not in (9, 14):
        hint = ""
        if compact.isdigit() and len(compact) in (8, 13):
            hint = " (a leading zero may have been dropped: format the column as text)"
        raise row.error("siret", f"{value!r} is not a SIRET or a SIREN{hint}", "a SIRET of 14 digits or a SIREN of 9")
    ok = siret_valid(compact) if len(compact) == 14 else siren_valid(compact)
    if not ok:
        row.warn("siret", f"{compact} fails the Luhn check (mistyped number?); kept as written")
    return compact


def _commune(row: _Row, column: str = "commune") -> str | None:
    value = row.get(column)
    if value is None:
        return None
    code = value.strip().upper()
    if commune_code_valid(code):
        return code
    if code.isdigit() and len(code) == 4:
        raise row.error(column, f"{value!r} has 4 digits: the leading zero was probably dropped by the spreadsheet",
                        f"the 5-character INSEE commune code (0{code}?): format the column as text")
    raise row.error(column, f"{value!r} is not an INSEE commune code",
                    "5 characters: département + commune number (e.g. 31555; 2A004 in Corsica)")


def _amount(text: str) -> Decimal:
    cleaned = re.sub(r"[\s\u00a0\u202f€]|EUR", "", text, flags=re.IGNORECASE)
    if "," in cleaned and "." in cleaned:
        if cleaned.rfind(",") > cleaned.rfind("."):
            cleaned = cleaned.replace(".", "").replace(",", ".")
        else:
            cleaned = cleaned.replace(",", "")
    elif "," in cleaned:
        cleaned = cleaned.replace(",", ".")
    if not re.fullmatch(r"[+-]?(\d+(\.\d*)?|\.\d+)", cleaned):
        raise ValueError(text)
    return Decimal(cleaned)


def _year(text: str) -> int:
    if not re.fullmatch(r"\d{4}", text.strip()):
        raise ValueError(text)
    return int(text)


def _count(text: str) -> int:
    cleaned = re.sub(r"[\s\u00a0\u202f]", "", text)
    if not cleaned.isdigit():
        raise ValueError(text)
    return int(cleaned)


def _typology(row: _Row, column: str) -> str | None:
    value = row.get(column)
    if value is None:
        return None
    key = value.strip().lower().replace("_", "-").replace(" ", "-")
    allowed = TYPOLOGY_SCHEMES[column]
    if key not in allowed:
        raise row.error(column, f"unknown value {value!r}", "one of " + ", ".join(allowed))
    return key


def _legal_form(row: _Row, column: str = "legal_form") -> str | None:
    value = row.get(column)
    if value is None:
        return None
    key = value.strip().lower().replace("_", "-").replace(" ", "-")
    if re.fullmatch(r"\d{4}(\.0)?", key):
        key = key[:4]
    if not is_legal_form(key):
        raise row.error(column, f"unknown legal form {value!r}",
                        "one of " + ", ".join(NAMED_LEGAL_FORMS) + ", or a 4-digit INSEE catégorie juridique code")
    return key


def read_bundle(folder: str | Path) -> Pole:
    """Read a spreadsheet bundle into a :class:`Pole` (errors are located)."""
    folder = Path(folder)
    if not folder.is_dir():
        raise BundleError("not a folder", source=str(folder), expected="a bundle folder holding pole.csv")

    # pole.csv ---------------------------------------------------------------
    _, pole_rows = _read_rows(folder, "pole.csv", True)  # type: ignore[misc]
    rows = list(pole_rows)
    if len(rows) != 1:
        raise BundleError(f"pole.csv has {len(rows)} data rows", source=str(folder / "pole.csv"),
                          line=rows[1].number if len(rows) > 1 else 2, expected="exactly one row describing the pole")
    pr = rows[0]
    pole_id = pr.require("id", "the pole's id")
    territory = None
    codes_text = pr.get("territory_codes")
    codes: list[str] = []
    if codes_text:
        for code in (c.strip() for c in codes_text.split(";")):
            if not code:
                continue
            if territory_code_kind(code) is None:
                raise pr.error(
                    "territory_codes", f"{code!r} is not an INSEE code",
                    "codes separated by ';': commune (5 characters), département (2-3), région (R + 2 digits, e.g. "
                    "R76) or EPCI (9-digit SIREN)",
                )
            kind, normal = territory_code_kind(code)  # type: ignore[misc]
            if kind == "epci" and not siren_valid(normal):
                pr.warn("territory_codes", f"EPCI SIREN {normal} fails the Luhn check")
            codes.append("R" + normal if kind == "region" else normal)
    if pr.get("territory") or codes or pr.get("territory_kind"):
        territory = Territory(name=pr.get("territory"), codes=codes, kind=_typology(pr, "territory_kind"))
    strategy = None
    if pr.get("strategy") or pr.get("strategy_start") or pr.get("strategy_end") or pr.get("strategy_kind"):
        strategy_kind = pr.get("strategy_kind")
        if strategy_kind is not None:
            strategy_kind = strategy_kind.strip().lower()
            if strategy_kind not in STRATEGY_KINDS:
                raise pr.error("strategy_kind", f"unknown value {pr.get('strategy_kind')!r}",
                               "one of " + ", ".join(STRATEGY_KINDS))
        strategy = Strategy(name=pr.get("strategy"), start=pr.date("strategy_start"),
                            end=pr.date("strategy_end"), kind=strategy_kind)
        if strategy.start and strategy.end and strategy.end.latest() < strategy.start.earliest():
            pr.warn("strategy_end", "the strategy ends before it starts")
    pole = Pole(
        id=pole_id,
        name=pr.get("name"),
        territory=territory,
        legal_form=_legal_form(pr),
        strategy=strategy,
        sector=_typology(pr, "sector"),
        origin=_typology(pr, "origin"),
        founding=pr.date("founding_date"),
        fictional=pr.boolean("fictional"),
        description=pr.get("description"),
        extra=pr.extra,
        sources=pr.citations(),
    )

    # actors.csv -------------------------------------------------------------
    _, actor_rows = _read_rows(folder, "actors.csv", True)  # type: ignore[misc]
    seen: dict[str, int] = {}
    for row in actor_rows:
        actor_id = row.require("id", "the actor's id")
        if actor_id in seen:
            raise row.error("id", f"id {actor_id!r} already used on row {seen[actor_id]}", "a unique id per actor")
        seen[actor_id] = row.number
        kind = row.coded("kind", ActorKind)
        legal_form = _legal_form(row)
        mention = row.boolean("ess_mention")
        if mention is not None and legal_form is not None:
            info = legal_form_info(legal_form)
            if info is not None and info.family != "commercial-company":
                row.warn("ess_mention", f"the ESS mention only applies to commercial companies, not to {legal_form}")
        actor = Actor(
            id=actor_id,
            name=row.get("name"),
            kind=kind,
            legal_form=legal_form,
            ess_mention=mention,
            declares_ess=row.boolean("declares_ess"),
            siret=_siret(row),
            commune=_commune(row),
            extra=row.extra,
            sources=row.citations(),
        )
        membership = Membership(
            actor=actor_id,
            relation=row.coded("relation", Relation, _RELATION_ALIASES),
            role=row.get("role"),
            start=row.date("member_start"),
            end=row.date("member_end"),
        )
        pole.actors.append(actor)
        pole.memberships.append(membership)
    actor_ids = set(seen)

    def actor_ref(row: _Row, column: str, value: str) -> str:
        if value not in actor_ids:
            raise row.error(column, f"{value!r} is not an actor id of actors.csv", "the id of an actor of actors.csv")
        return value

    # projects.csv -----------------------------------------------------------
    _, project_rows = _read_rows(folder, "projects.csv", True)  # type: ignore[misc]
    project_seen: dict[str, int] = {}
    for row in project_rows:
        project_id = row.require("id", "the project's id")
        if project_id in project_seen:
            raise row.error("id", f"id {project_id!r} already used on row {project_seen[project_id]}",
                            "a unique id per project")
        project_seen[project_id] = row.number
        pole.projects.append(
            Project(
                id=project_id,
                name=row.get("name"),
                innovation=row.coded("innovation", Innovation),
                sustainable_local_development=row.boolean("sustainable_local_development"),
                participants=[actor_ref(row, "participants", a) for a in row.ids("participants")],
                extra=row.extra,
                sources=row.citations(),
            )
        )

    # tools.csv --------------------------------------------------------------
    read = _read_rows(folder, "tools.csv", False)
    tool_ids: set[str] = set()
    if read is not None:
        for row in read[1]:
            tool_id = row.require("id", "the tool's id")
            if tool_id in tool_ids:
                raise row.error("id", f"id {tool_id!r} used twice", "a unique id per tool")
            tool_ids.add(tool_id)
            pole.tools.append(Tool(id=tool_id, name=row.get("name"), description=row.get("description"),
                                   sources=row.citations()))

    # links.csv --------------------------------------------------------------
    _, link_rows = _read_rows(folder, "links.csv", True)  # type: ignore[misc]
    link_keys: dict[str, int] = {}
    for row in link_rows:
        source = actor_ref(row, "source", row.require("source", "the id of the source actor"))
        target = actor_ref(row, "target", row.require("target", "the id of the target actor"))
        if source == target:
            raise row.error("target", f"the link joins {source!r} to itself", "two different actors")
        logic = row.coded("logic", Logic)
        if logic is None:
            raise row.error("logic", "empty cell", "one of " + ", ".join(Logic.values()))
        project = row.get("project")
        if project is not None and project not in project_seen:
            raise row.error("project", f"{project!r} is not a project id of projects.csv", "the id of a project")
        tool = row.get("tool")
        if tool is not None and tool not in tool_ids:
            raise row.error("tool", f"{tool!r} is not a tool id of tools.csv", "the id of a tool")
        link = Link(
            source=source,
            target=target,
            logic=logic,
            kind=row.get("kind"),
            start=row.date("start"),
            end=row.date("end"),
            project=project,
            tool=tool,
            id=row.get("id"),
            extra=row.extra,
            sources=row.citations(),
        )
        if link.start and link.end and link.end.latest() < link.start.earliest():
            row.warn("end", "the link ends before it starts")

        if link.kind in LINK_SUBTYPES and LINK_SUBTYPES[link.kind][1] is not link.logic:
            row.warn("kind", f"{link.kind!r} is a kind of {LINK_SUBTYPES[link.kind][1].value} link, not "
                             f"{link.logic.value}; kept as free text")
        key = link.minted_id()
        if key in link_keys:
            raise row.error("source", f"the same link is already on row {link_keys[key]}",
                            "each link once (give links an id column to tell them apart)")
        link_keys[key] = row.number
        pole.links.append(link)

    # funding.csv ------------------------------------------------------------
    read = _read_rows(folder, "funding.csv", False)
    if read is not None:
        funding_keys: dict[str, int] = {}
        for row in read[1]:
            funding = Funding(
                funder=row.get("funder"),
                kind=row.coded("kind", FundingKind),
                program=row.get("program"),
                year=row.parse("year", _year, "a year YYYY"),
                amount=row.parse("amount", _amount, "an amount in euros, e.g. 15000 or 15 000,50"),
                purpose=row.get("purpose"),
                supported_by=row.ids("supported_by"),
                extra=row.extra,
                sources=row.citations(),
            )
            key = funding.minted_id()
            if key in funding_keys:
                raise row.error("funder", f"the same funding line is already on row {funding_keys[key]}",
                                "each funding line once")
            funding_keys[key] = row.number
            pole.funding.append(funding)

    # places.csv -------------------------------------------------------------
    read = _read_rows(folder, "places.csv", False)
    if read is not None:
        place_seen: set[str] = set()
        for row in read[1]:
            place_id = row.require("id", "the place's id")
            if place_id in place_seen:
                raise row.error("id", f"id {place_id!r} used twice", "a unique id per place")
            place_seen.add(place_id)
            pole.places.append(Place(id=place_id, name=row.get("name"), commune=_commune(row),
                                     showcase=row.boolean("showcase"), opening=row.date("opening"),
                                     sources=row.citations()))

    # meetings.csv -----------------------------------------------------------
    read = _read_rows(folder, "meetings.csv", False)
    if read is not None:
        meeting_seen: set[str] = set()
        for row in read[1]:
            meeting_id = row.require("id", "the meeting's id")
            if meeting_id in meeting_seen:
                raise row.error("id", f"id {meeting_id!r} used twice", "a unique id per meeting")
            meeting_seen.add(meeting_id)
            kind = (row.get("type") or "meeting").lower()
            if kind not in MEETING_KINDS:
                raise row.error("type", f"unknown meeting type {kind!r}", "one of " + ", ".join(MEETING_KINDS))
            pole.meetings.append(
                Meeting(
                    id=meeting_id,
                    kind=kind,
                    name=row.get("name"),
                    date=row.date("date"),
                    start=row.date("start"),
                    end=row.date("end"),
                    sequence=row.parse("sequence", _count, "a whole number"),
                    participants=row.parse("participants", _count, "a whole number"),
                    organisations=row.parse("organisations", _count, "a whole number"),
                    meetings=row.parse("meetings", _count, "a whole number"),
                    topic=row.get("topic"),
                    attendees=[actor_ref(row, "attendees", a) for a in row.ids("attendees")],
                    sources=row.citations(),
                )
            )

    # assessments.csv --------------------------------------------------------
    read = _read_rows(folder, "assessments.csv", False)
    if read is not None:
        objective_seen: set[str] = set()
        for row in read[1]:
            objective = row.require("objective", "a référentiel objective (O1 to O9, G1 to G3)")
            if objective in objective_seen:
                raise row.error("objective", f"objective {objective!r} assessed twice", "one row per objective")
            objective_seen.add(objective)
            evidence = [line.strip() for line in (row.get("evidence") or "").splitlines() if line.strip()]
            pole.assessments.append(Assessment(objective=objective, practice=row.get("practice"),
                                               evidence=evidence, sources=row.citations()))
    return pole


# ---------------------------------------------------------------------------
#  Writing
# ---------------------------------------------------------------------------


def _cell(value: object) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "yes" if value else "no"
    text = str(value)
    if text.startswith(_FORMULA_START):
        # Neutralise formula injection; the reader removes the apostrophe.
        text = "'" + text
    return text


def _join(values: list[str]) -> str | None:
    return ";".join(values) if values else None


def _write_csv(folder: Path, name: str, rows: list[dict[str, object]], extra_columns: list[str]) -> None:
    contract, extension, _ = BUNDLE_COLUMNS[name]
    used_ext = [c for c in extension if any(r.get(c) not in (None, "", []) for r in rows)]
    columns = list(contract) + [c for c in _KEYS.get(name, ()) if c not in used_ext] + used_ext + extra_columns
    buffer = io.StringIO(newline="")
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow(columns)
    for r in rows:
        writer.writerow([_cell(r.get(c)) for c in columns])
    (folder / name).write_text(buffer.getvalue(), encoding="utf-8", newline="")


def _extras(items: list[dict[str, str]]) -> list[str]:
    return sorted({k for extra in items for k in extra})


def _with_extra(base: dict[str, object], extra: dict[str, str], reserved: tuple[str, ...]) -> dict[str, object]:
    for k, v in extra.items():
        if k in reserved:
            raise OutputError(f"annotation column {k!r} has the name of a bundle column; rename it")
        base[k] = v
    return base


def write_bundle(pole: Pole, folder: str | Path) -> None:
    """Write a pole as a spreadsheet bundle, atomically (all files or none)."""
    pole = pole.canonical()
    try:
        pole.check_references()
    except ValueError as exc:
        raise OutputError(f"{folder}: {exc}") from None
    target = Path(folder)
    with atomic_directory(target) as tmp:
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
                "citation": _join(pole.sources),
            },
            pole.extra,
            _all_columns("pole.csv"),
        )
        _write_csv(tmp, "pole.csv", [pole_row], sorted(pole.extra))

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
                        "citation": _join(a.sources),
                    },
                    a.extra,
                    _all_columns("actors.csv"),
                )
            )
        _write_csv(tmp, "actors.csv", actor_rows, _extras([a.extra for a in pole.actors]))

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
        _write_csv(tmp, "links.csv", link_rows, _extras([link.extra for link in pole.links]))

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
        _write_csv(tmp, "projects.csv", project_rows, _extras([p.extra for p in pole.projects]))

        if pole.funding:
            funding_rows = [
                _with_extra(
                    {
                        "funder": f.funder,
                        "kind": f.kind.value if f.kind else None,
                        "program": f.program,
                        "year": f.year,
                        "amount": _amount_text(f.amount),
                        "purpose": f.purpose,
                        "supported_by": _join(f.supported_by),
                        "citation": _join(f.sources),
                    },
                    f.extra,
                    _all_columns("funding.csv"),
                )
                for f in pole.funding
            ]
            _write_csv(tmp, "funding.csv", funding_rows, _extras([f.extra for f in pole.funding]))
        if pole.places:
            _write_csv(
                tmp,
                "places.csv",
                [
                    {"id": p.id, "name": p.name, "commune": p.commune, "showcase": p.showcase, "opening": p.opening,
                     "citation": _join(p.sources)}
                    for p in pole.places
                ],
                [],
            )
        if pole.meetings:
            _write_csv(
                tmp,
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
            _write_csv(
                tmp,
                "tools.csv",
                [{"id": tool.id, "name": tool.name, "description": tool.description,
                  "citation": _join(tool.sources)} for tool in pole.tools],
                [],
            )
        if pole.assessments:
            _write_csv(
                tmp,
                "assessments.csv",
                [
                    {"objective": a.objective, "practice": a.practice, "evidence": "\n".join(a.evidence) or None,
                     "citation": _join(a.sources)}
                    for a in pole.assessments
                ],
                [],
            )


def _amount_text(amount: Decimal | None) -> str | None:
    if amount is None:
        return None

    return decimal_text(amount)
