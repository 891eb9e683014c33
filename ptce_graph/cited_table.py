"""A table of cited facts about real poles, turned into RDF where every fact carries its source.

Facts about real poles come from public pages, one page often giving only a
few facts (a name and a région, a carrier and a département, a phase).  A
person reviews and extends them in three CSV files of one folder:

``sources.csv`` — one row per source
    ``id, url, title, publisher, published, consulted, gave``: ``published``
    and ``consulted`` are ISO dates (``published`` may be empty or a year),
    ``gave`` says in a few words which facts the source gave.
``calls.csv`` — one row per announced call result
    ``call, status, announced, applications, date, sources, note``: ``call``
    is a programme notation (``state-ptce-call-2014``…), ``status`` a
    selection status (``laureate``, ``phase-1``, ``phase-2``), ``announced``
    the number of poles the sources say were selected, ``sources`` source ids
    separated by ``;``.
``poles.csv`` — one row per (pole, source, fact-set)
    ``pole, name, source, call, status, year, region, region_code,
    departement, departement_code, territory, carrier, carrier_role,
    carrier_legal_form, description``: ``pole`` is the curator's id that
    merges rows about the same pole (on stated evidence only: same name and
    territory); ``name``, ``region``, ``departement``, ``territory`` and
    ``carrier`` are written as the source writes them; ``region_code`` and
    ``departement_code`` are INSEE codes, checked against the COG names;
    ``description`` is a short paraphrase.  An empty cell is a fact the
    source does not give; a selection's ``year`` may be empty only when no
    source dates its call's results (``calls.csv`` ``date`` empty).

The provenance pattern: each node holds the facts of one fact-set and cites
the sources of exactly those facts with ``dcterms:source``.  The pole cites
every source that names it (name, description); its territory cites the
sources that place it; each selection in a call is its own ``ptce:Funding``
line citing the source that reports it; a carrier is an actor citing the
source that names it.  Each source is described (title, publisher, date of
publication) and the date it was consulted is a ``prov:Activity`` that used
it.  What a call announced as a whole is a ``ptce:CallResult`` citing its
sources.  Every problem of the table is reported in one pass, located by
file, row and column.
"""

from __future__ import annotations

import csv
import io
import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

from rdflib import Graph, Literal, URIRef
from rdflib.namespace import DCTERMS, RDF, RDFS, SKOS, XSD

from ptce_graph.errors import InputError, Location
from ptce_graph.geography import Area, geography, normalise_name
from ptce_graph.iris import DEFAULT_BASE
from ptce_graph.model import PROGRAMMES, SELECTION_STATUSES, Actor, Funding, Pole, Territory, new_graph, segment
from ptce_graph.namespaces import PROV, PTCE, PTCESRC

__all__ = ["CITED_TABLE_FILES", "CitedTableError", "Source", "CallResult", "PoleRow", "CitedTable",
           "read_cited_table"]

#: The files of a cited table and their columns, in order.
CITED_TABLE_FILES: dict[str, tuple[str, ...]] = {
    "sources.csv": ("id", "url", "title", "publisher", "published", "consulted", "gave"),
    "calls.csv": ("call", "status", "announced", "applications", "date", "sources", "note"),
    "poles.csv": ("pole", "name", "source", "call", "status", "year", "region", "region_code", "departement",
                  "departement_code", "territory", "carrier", "carrier_role", "carrier_legal_form", "description"),
}

_ID = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")
_DATE = re.compile(r"^\d{4}(-\d{2}(-\d{2})?)?$", re.ASCII)  # ASCII digits only, as every date we read
_LEGAL_FORMS = ("association", "cooperative", "scop", "scic", "mutual", "foundation", "commercial-company")


class CitedTableError(InputError):
    """Every problem of a cited table, each located by file, row and column."""

    def __init__(self, problems: list[InputError]) -> None:
        self.problems = problems
        first = problems[0]
        super().__init__(
            "\n".join(str(p) for p in problems) if len(problems) > 1 else first.problem,
            source=first.source if len(problems) == 1 else f"{len(problems)} problems",
            line=first.line if len(problems) == 1 else None,
            field=first.location.field if len(problems) == 1 else None,
            expected=first.expected if len(problems) == 1 else None,
        )
        if len(problems) > 1:
            self.location = Location(f"{len(problems)} problems in the cited table")


@dataclass(frozen=True)
class Source:
    """A public page or document the table cites."""

    id: str
    url: str
    title: str
    publisher: str
    published: str | None
    consulted: str
    gave: str | None


@dataclass(frozen=True)
class CallResult:
    """What a call announced for one selection status."""

    call: str
    status: str
    announced: int
    applications: int | None
    date: str | None
    sources: tuple[str, ...]
    note: str | None


@dataclass(frozen=True)
class PoleRow:
    """One row of ``poles.csv``: the facts one source gives about one pole."""

    line: int
    pole: str
    name: str | None
    source: str
    call: str | None
    status: str | None
    year: int | None
    region: str | None
    region_code: str | None
    departement: str | None
    departement_code: str | None
    territory: str | None
    carrier: str | None
    carrier_role: str | None
    carrier_legal_form: str | None
    description: str | None


@dataclass
class CitedTable:
    """The three files, read and checked."""

    folder: Path
    sources: dict[str, Source] = field(default_factory=dict)
    calls: list[CallResult] = field(default_factory=list)
    rows: list[PoleRow] = field(default_factory=list)

    # -- reading back ----------------------------------------------------------

    def pole_ids(self) -> list[str]:
        return sorted({r.pole for r in self.rows})

    def named(self, call: str, status: str) -> set[str]:
        """The poles the table names for a call and status."""
        return {r.pole for r in self.rows if r.call == call and r.status == status}

    # -- building --------------------------------------------------------------

    def poles(self) -> list[Pole]:
        """One model pole per pole id, every fact with the sources that give it."""
        poles: list[Pole] = []
        for pole_id in self.pole_ids():
            rows = [r for r in self.rows if r.pole == pole_id]
            names = [r for r in rows if r.name]
            pole = Pole(
                id=pole_id,
                name=names[0].name if names else None,
                fictional=False,
                description=" ".join(r.description for r in rows if r.description) or None,
                sources=sorted({self.sources[r.source].url for r in rows if r.name or r.description}),
            )
            placed = [r for r in rows if r.region_code or r.departement_code or r.territory]
            if placed:
                codes = sorted({"R" + r.region_code for r in placed if r.region_code}
                               | {r.departement_code for r in placed if r.departement_code})
                pole.territory = Territory(
                    name=_territory_label(placed),
                    codes=codes,
                    sources=sorted({self.sources[r.source].url for r in placed}),
                )
            # One selection (call, status, year) is one funding line, citing every source that reports it.
            selections: dict[tuple[str, str | None, int | None], set[str]] = {}
            for r in rows:
                if r.call:
                    selections.setdefault((r.call, r.status, r.year), set()).add(self.sources[r.source].url)
            for (call, status, year), urls in sorted(selections.items(),
                                                     key=lambda kv: (kv[0][0], kv[0][1] or "", kv[0][2] or 0)):
                pole.funding.append(Funding(  # the funder is the programme's: the State
                    program=call,
                    year=year,
                    status=status,
                    sources=sorted(urls),
                ))
            carriers: dict[str, list[PoleRow]] = {}
            for r in rows:
                if r.carrier:
                    carriers.setdefault(r.carrier, []).append(r)
            for i, (carrier, crow) in enumerate(sorted(carriers.items()), start=1):
                forms = sorted({r.carrier_legal_form for r in crow if r.carrier_legal_form})
                roles = sorted({r.carrier_role or "structure porteuse" for r in crow})
                pole.add_actor(
                    Actor(id=f"carrier-{i}", name=carrier, legal_form=forms[0] if forms else None,
                          sources=sorted({self.sources[r.source].url for r in crow})),
                    relation=None,
                    role="; ".join(roles),
                )
            poles.append(pole)
        return poles

    def to_graph(self, *, base: str = DEFAULT_BASE) -> Graph:
        """The poles, the call results, the sources and the areas, as one graph."""

        g = new_graph()
        for pole in self.poles():
            pole.to_graph(g, base=base)
        for src in sorted(self.sources.values(), key=lambda s: s.id):
            node = URIRef(src.url)
            g.add((node, RDF.type, DCTERMS.BibliographicResource))
            g.add((node, DCTERMS.title, Literal(src.title, lang="fr")))
            g.add((node, DCTERMS.publisher, Literal(src.publisher)))
            if src.published:
                g.add((node, DCTERMS.issued, _date_literal(src.published)))
            if src.gave:
                g.add((node, RDFS.comment, Literal(src.gave, lang="en")))
            consultation = URIRef(f"{base}registry/consultation/{segment(src.id)}")
            g.add((consultation, RDF.type, PROV.Activity))
            g.add((consultation, RDFS.label, Literal(f"Consultation de « {src.title} »", lang="fr")))
            g.add((consultation, PROV.used, node))
            g.add((consultation, PROV.endedAtTime, Literal(src.consulted + "T00:00:00Z", datatype=XSD.dateTime)))
        for result in self.calls:
            node = URIRef(f"{base}registry/call/{segment(result.call)}/{segment(result.status)}")
            g.add((node, RDF.type, PTCE.CallResult))
            g.add((node, PTCE.call, PROGRAMMES[result.call]))
            g.add((node, PTCE.selectionStatus, SELECTION_STATUSES[result.status]))
            g.add((node, PTCE.setSize, Literal(str(result.announced), datatype=XSD.nonNegativeInteger)))
            if result.applications is not None:
                g.add((node, PTCE.applicationCount,
                       Literal(str(result.applications), datatype=XSD.nonNegativeInteger)))
            if result.date:
                g.add((node, DCTERMS.date, _date_literal(result.date)))
            g.add((node, RDFS.label, Literal(f"{result.call} — {result.status} : {result.announced} pôles annoncés",
                                             lang="fr")))
            g.add((node, RDFS.label, Literal(f"{result.call} — {result.status}: {result.announced} poles announced",
                                             lang="en")))
            if result.note:
                g.add((node, SKOS.note, Literal(result.note, lang="fr")))
            for sid in result.sources:
                g.add((node, DCTERMS.source, URIRef(self.sources[sid].url)))
        # The areas the poles' territories comprise: their official names, from INSEE's COG.
        # The edition packaged here is a resource of this dataset (under ``base``), a version of
        # the ontology's source ptcesrc:insee-cog: data may not describe the ontology's own terms.
        geo = geography()
        cog = URIRef(f"{base}source/insee-cog-{geo.cog_year}")
        areas = [(a, k) for k, cls in (("region", PTCE.Region), ("departement", PTCE.Departement))
                 for a in g.subjects(RDF.type, cls)]
        for place, kind in areas:
            code = g.value(place, PTCE.inseeCode)
            found = _area(kind, str(code)) if code is not None else None
            if found is not None:
                g.add((place, RDFS.label, Literal(found.name, lang="fr")))
                g.add((place, DCTERMS.source, cog))
        g.add((cog, RDF.type, DCTERMS.BibliographicResource))
        g.add((cog, DCTERMS.isVersionOf, URIRef(f"{PTCESRC._NS}insee-cog")))
        g.add((cog, DCTERMS.title, Literal(geo.version("fr"), lang="fr")))
        g.add((cog, DCTERMS.title, Literal(geo.version("en"), lang="en")))
        g.add((cog, DCTERMS.publisher, Literal("INSEE")))
        return g


def _territory_label(rows: Iterable[PoleRow]) -> str:
    """The places as the sources write them, most precise first, each spelling once."""
    parts: list[str] = []
    for r in rows:
        for text in (r.territory, r.departement, r.region):
            if text and normalise_name(text) not in {normalise_name(p) for p in parts}:
                parts.append(text)
    rows = list(rows)
    precise = [p for p in parts if any(p == r.territory for r in rows)]
    middle = [p for p in parts if p not in precise and any(p == r.departement for r in rows)]
    rest = [p for p in parts if p not in precise and p not in middle]
    return ", ".join(precise + middle + rest)


def _date_literal(text: str) -> Literal:
    if len(text) == 4:
        return Literal(text, datatype=XSD.gYear)
    if len(text) == 7:
        return Literal(text, datatype=XSD.gYearMonth)
    return Literal(text, datatype=XSD.date)


# ---------------------------------------------------------------------------
#  Reading and checking
# ---------------------------------------------------------------------------


class _Reader:
    def __init__(self, folder: Path) -> None:
        self.folder = folder
        self.problems: list[InputError] = []

    def problem(self, file: str, line: int | None, column: str | None, what: str, expected: str | None) -> None:
        self.problems.append(InputError(what, source=str(self.folder / file), line=line, field=column,
                                        expected=expected))

    def rows(self, name: str) -> list[tuple[int, dict[str, str | None]]]:
        path = self.folder / name
        if not path.is_file():
            self.problem(name, None, None, f"the cited table has no {name}", ", ".join(CITED_TABLE_FILES[name]))
            return []
        text = path.read_text(encoding="utf-8")
        reader = csv.reader(io.StringIO(text))
        header = next(reader, [])
        wanted = CITED_TABLE_FILES[name]
        if tuple(header) != wanted:
            self.problem(name, 1, None, f"the header is {', '.join(header) or 'empty'}",
                         "the columns " + ", ".join(wanted))
            return []
        out = []
        for number, cells in enumerate(reader, start=2):
            if not any(c.strip() for c in cells):
                continue
            if len(cells) != len(wanted):
                self.problem(name, number, None, f"the row has {len(cells)} cells", f"{len(wanted)} cells")
                continue
            out.append((number, {k: (v.strip() or None) for k, v in zip(wanted, cells, strict=True)}))
        return out


def read_cited_table(folder: str | Path) -> CitedTable:
    """Read and check the three files of ``folder``; raise :class:`CitedTableError` listing every problem."""
    root = Path(folder)
    r = _Reader(root)
    table = CitedTable(folder=root)

    for line, row in r.rows("sources.csv"):
        sid = row["id"] or ""
        if not _ID.match(sid):
            r.problem("sources.csv", line, "id", f"{sid!r} is not an id", "lower-case words joined by '-'")
            continue
        if sid in table.sources:
            r.problem("sources.csv", line, "id", f"source {sid!r} appears twice", "each source once")
        url = row["url"] or ""
        if not url.startswith(("http://", "https://")):
            r.problem("sources.csv", line, "url", f"{url!r} is not a web address", "an http(s) URL")
        for col in ("title", "publisher", "consulted"):
            if not row[col]:
                r.problem("sources.csv", line, col, f"no {col}", f"the source's {col}")
        for col in ("published", "consulted"):
            if row[col] and not _DATE.match(row[col] or ""):
                r.problem("sources.csv", line, col, f"{row[col]!r} is not a date", "YYYY-MM-DD, YYYY-MM or YYYY")
        table.sources[sid] = Source(id=sid, url=url, title=row["title"] or "", publisher=row["publisher"] or "",
                                    published=row["published"], consulted=row["consulted"] or "", gave=row["gave"])

    def source_ids(file: str, line: int, column: str, text: str | None) -> tuple[str, ...]:
        ids = tuple(s.strip() for s in (text or "").split(";") if s.strip())
        if not ids:
            r.problem(file, line, column, "no source", "the id of a source of sources.csv")
        for sid in ids:
            if sid not in table.sources:
                r.problem(file, line, column, f"unknown source {sid!r}", "an id of sources.csv")
        return ids

    def call_status(file: str, line: int, row: dict[str, str | None],
                    required: bool) -> tuple[str | None, str | None]:
        call, status = row["call"], row["status"]
        if call is None and status is None and not required:
            return None, None
        if call not in PROGRAMMES:
            r.problem(file, line, "call", f"unknown call {call!r}", "one of " + ", ".join(PROGRAMMES))
        if status not in SELECTION_STATUSES:
            r.problem(file, line, "status", f"unknown status {status!r}", "one of " + ", ".join(SELECTION_STATUSES))
        return call, status

    def integer(file: str, line: int, column: str, text: str | None) -> int | None:
        if text is None:
            return None
        if not text.isdigit():
            r.problem(file, line, column, f"{text!r} is not a whole number", "a whole number, e.g. 15")
            return None
        return int(text)

    for line, row in r.rows("calls.csv"):
        call, status = call_status("calls.csv", line, row, True)
        announced = integer("calls.csv", line, "announced", row["announced"])
        if row["announced"] is None:
            r.problem("calls.csv", line, "announced", "no number of poles", "the number the sources announce")
        if row["date"] and not _DATE.match(row["date"] or ""):
            r.problem("calls.csv", line, "date", f"{row['date']!r} is not a date", "YYYY-MM-DD, YYYY-MM or YYYY")
        ids = source_ids("calls.csv", line, "sources", row["sources"])
        if call in PROGRAMMES and status in SELECTION_STATUSES and announced is not None:
            table.calls.append(CallResult(call=call, status=status, announced=announced,
                                          applications=integer("calls.csv", line, "applications",
                                                               row["applications"]),
                                          date=row["date"], sources=ids, note=row["note"]))

    for line, row in r.rows("poles.csv"):
        pid = row["pole"] or ""
        if not _ID.match(pid):
            r.problem("poles.csv", line, "pole", f"{pid!r} is not an id", "lower-case words joined by '-'")
        source_ids("poles.csv", line, "source", row["source"])
        call, status = call_status("poles.csv", line, row, False)
        year = integer("poles.csv", line, "year", row["year"])
        if call and year is None and not any(not c.date for c in table.calls if (c.call, c.status) == (call, status)):
            # Undated only where no source dates the call's results (then the year is not known, not forgotten).
            r.problem("poles.csv", line, "year", "a selection without its year", "the year of the selection")
        for level, name_col, code_col in (("region", "region", "region_code"),
                                          ("departement", "departement", "departement_code")):
            code, name = row[code_col], row[name_col]
            if code is None and name is None:
                continue
            if code is None or name is None:
                r.problem("poles.csv", line, code_col if code is None else name_col,
                          f"a {level} needs both its name as published and its INSEE code", f"both {name_col} "
                          f"and {code_col}")
                continue
            found = _area(level, code)
            if found is None:
                r.problem("poles.csv", line, code_col, f"{code!r} is not a {level} of the COG", f"an INSEE {level}"
                          " code")
            elif not _same_place(name, found.name):
                r.problem("poles.csv", line, code_col, f"{code} is {found.name}, not {name!r}",
                          f"the code of {name!r}")
        if row["carrier_legal_form"] and row["carrier_legal_form"] not in _LEGAL_FORMS:
            r.problem("poles.csv", line, "carrier_legal_form", f"unknown legal form {row['carrier_legal_form']!r}",
                      "one of " + ", ".join(_LEGAL_FORMS))
        if row["carrier_legal_form"] and not row["carrier"]:
            r.problem("poles.csv", line, "carrier", "a legal form without its carrier", "the carrier's name")
        if not any(row[c] for c in ("name", "call", "region", "departement", "territory", "carrier", "description")):
            r.problem("poles.csv", line, None, "the row gives no fact", "at least one fact from its source")
        if row["source"] and row["source"] in table.sources:
            table.rows.append(PoleRow(
                line=line, pole=pid, name=row["name"], source=row["source"], call=call, status=status, year=year,
                region=row["region"], region_code=row["region_code"], departement=row["departement"],
                departement_code=row["departement_code"], territory=row["territory"], carrier=row["carrier"],
                carrier_role=row["carrier_role"], carrier_legal_form=row["carrier_legal_form"],
                description=row["description"]))

    for pid in table.pole_ids():
        if not any(row.name for row in table.rows if row.pole == pid):
            first = min(row.line for row in table.rows if row.pole == pid)
            r.problem("poles.csv", first, "name", f"no row names pole {pid!r}", "its name as a source writes it")
    if r.problems:
        raise CitedTableError(r.problems)
    return table


def _area(level: str, code: str) -> Area | None:
    """The current région or département of that INSEE code (``R76`` or ``76``; ``31``), or None."""
    geo = geography()
    code = code.strip().upper()
    if level == "region":
        return geo.regions().get(code[1:] if code.startswith("R") else code)
    return geo.departements().get(code)


#: Short forms the sources use for région names, with the official name they stand for.
_SHORT_FORMS = {"paca": "provence alpes cote d azur"}


def _same_place(published: str, official: str) -> bool:
    a, b = normalise_name(published), normalise_name(official)
    return a == b or _SHORT_FORMS.get(a) == b
