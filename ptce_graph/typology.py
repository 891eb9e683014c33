"""The paper's typology of poles, tabulated from the data.

Section II.1 of the 2014 paper sorts its twelve pilot poles by sector of
activity (3 production, 4 services and development engineering, 5 creative
and cultural industries), kind of territory (4 deindustrialised, 1
peri-urban, 4 rural, 3 working-class urban districts), region and origin.
:func:`typology` does the same for any poles: one row per pole, then counts
per dimension in which ``unknown`` is a value of its own, never dropped.

The paper gives the poles' origins only as figures about the twelve taken
together (nine citizen and associative, two groups of social enterprises, one
employment area committee).  Such figures live in the data as statements
about a set of poles (``ptce:AggregateStatement``); they are reported beside
the per-pole counts, as what they are, and never spread over the poles.

>>> from ptce_graph.typology import typology
>>> table = typology("examples/paper-2014/poles-temoins.ttl")   # doctest: +SKIP
>>> table.counts["sector"]                                       # doctest: +SKIP
{'production': 3, 'services-development-engineering': 4, 'creative-cultural-industries': 5, 'unknown': 0}
"""

from __future__ import annotations

import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation
from typing import Any

import rdflib
from rdflib import Graph, URIRef
from rdflib.namespace import DCTERMS, RDF, RDFS, SKOS

from ptce_graph.geography import geography
from ptce_graph.io import Source, as_graph
from ptce_graph.io.csv_writer import csv_text
from ptce_graph.labels import label
from ptce_graph.labels import labels as labels_of
from ptce_graph.model import TYPOLOGY_SCHEMES, literal_bool
from ptce_graph.namespaces import PTCE, PTCETYP
from ptce_graph.resources import ontology_graph

__all__ = ["DIMENSIONS", "UNKNOWN", "TypologyRow", "SetFigure", "Typology", "typology", "TEXT"]

#: The dimensions of the typology: the paper's four, in its order of presentation, then the
#: département and the State call (programme and selection status) and its year, which the public
#: registry of poles gives (examples/registry-public).
DIMENSIONS: tuple[str, ...] = ("sector", "territory_kind", "region", "origin", "departement", "call", "year")

#: The value counted for a pole when the data does not say.
UNKNOWN = "unknown"

_SCHEMES: dict[str, URIRef] = {
    "sector": PTCETYP.sectors,
    "territory_kind": PTCETYP["territory-kinds"],
    "origin": PTCETYP.origins,
}


@dataclass(frozen=True)
class TypologyRow:
    """One pole and its values on each dimension (empty when the data does not say).

    ``sector``, ``territory_kind`` and ``origin`` hold concept notations
    (``production``, ``rural``…); ``region`` and ``departement`` hold the names
    of the areas the data places the pole's territory in, as the data writes
    them; ``call`` the State calls that selected the pole (``state-ptce-ami-2021:phase-2``)
    and ``year`` the years of those selections.
    """

    pole: str
    label: str | None
    fictional: bool | None
    sector: tuple[str, ...] = ()
    territory_kind: tuple[str, ...] = ()
    region: tuple[str, ...] = ()
    origin: tuple[str, ...] = ()
    departement: tuple[str, ...] = ()
    call: tuple[str, ...] = ()  # "programme" or "programme:status" notations of the State calls
    year: tuple[str, ...] = ()  # the years of those selections

    def values(self, dimension: str) -> tuple[str, ...]:
        values: tuple[str, ...] = getattr(self, dimension)
        return values

    def to_dict(self) -> dict[str, Any]:
        return {
            "pole": self.pole,
            "label": self.label,
            "fictional": self.fictional,
            **{d: list(self.values(d)) for d in DIMENSIONS},
        }


@dataclass(frozen=True)
class SetFigure:
    """A source's figure about a set of poles on one dimension of the typology.

    ``pole_count`` (or ``proportion``) is what the source says; the
    ``members_*`` fields say what the data holds for the set's poles, so that a
    reader sees the figure next to what is known pole by pole.
    """

    statement: str
    dimension: str
    value: str
    set: str
    set_label: str | None
    set_size: int | None
    pole_count: int | None
    proportion: Decimal | None
    quotation: str | None
    sources: tuple[str, ...]
    members_in_data: int
    members_with_value: int

    def to_dict(self) -> dict[str, Any]:
        return {
            "statement": self.statement,
            "dimension": self.dimension,
            "value": self.value,
            "set": self.set,
            "set_label": self.set_label,
            "set_size": self.set_size,
            "pole_count": self.pole_count,
            "proportion": None if self.proportion is None else float(self.proportion),
            "quotation": self.quotation,
            "sources": list(self.sources),
            "members_in_data": self.members_in_data,
            "members_with_value": self.members_with_value,
        }


@dataclass
class Typology:
    """Per-pole rows, counts per dimension (``unknown`` included) and set figures."""

    rows: list[TypologyRow]
    counts: dict[str, dict[str, int]]
    set_figures: list[SetFigure] = field(default_factory=list)
    labels: dict[str, dict[str, dict[str, str]]] = field(default_factory=dict)

    def __len__(self) -> int:
        return len(self.rows)

    def label(self, dimension: str, value: str, lang: str = "fr") -> str:
        """The display name of a value in ``lang`` (its notation when none is known)."""
        if value == UNKNOWN:
            return TEXT[_lang(lang)]["unknown"]
        return self.labels.get(dimension, {}).get(value, {}).get(_lang(lang), value)

    def to_dict(self) -> dict[str, Any]:
        """The typology as JSON data."""
        return {
            "poles": [row.to_dict() for row in self.rows],
            "counts": {d: dict(c) for d, c in self.counts.items()},
            "set_figures": [f.to_dict() for f in self.set_figures],
            "labels": self.labels,
        }

    def to_csv(self) -> str:
        """One row per pole; several values in a cell are separated by ``;``."""
        rows = [
            [
                row.pole,
                row.label or "",
                "" if row.fictional is None else ("yes" if row.fictional else "no"),
                *(";".join(row.values(d)) for d in DIMENSIONS),
            ]
            for row in self.rows
        ]
        return csv_text(["pole", "label", "fictional", *DIMENSIONS], rows)

    def shown(self) -> tuple[str, ...]:
        """The dimensions the data says something about (a known value or a set figure)."""
        return tuple(d for d in DIMENSIONS if d in ("sector", "territory_kind", "region", "origin")
                     or any(v != UNKNOWN and n for v, n in self.counts[d].items())
                     or any(f.dimension == d for f in self.set_figures))

    def render(self, lang: str = "fr") -> str:
        """The typology as text: a table of poles, then the counts and set figures.

        The paper's four dimensions are always shown; the others only when the data gives them.
        """
        t = TEXT[_lang(lang)]
        shown = self.shown()
        lines = [t["title"].format(n=len(self.rows)), ""]
        header = [t["pole"], *(t["dimension"][d] for d in shown)]
        table = [
            [
                (row.label or row.pole) + (f" ({t['fictional']})" if row.fictional else ""),
                *(
                    ", ".join(self.label(d, v, lang) for v in row.values(d)) or t["unknown"]
                    for d in shown
                ),
            ]
            for row in self.rows
        ]
        widths = [max(len(r[i]) for r in [header, *table]) for i in range(len(header))]
        for r in [header, ["-" * w for w in widths], *table]:
            lines.append("  ".join(cell.ljust(w) for cell, w in zip(r, widths, strict=True)).rstrip())
        for d in shown:
            lines += ["", t["by"][d]]
            counts = self.counts[d]
            width = max((len(self.label(d, v, lang)) for v in counts), default=0)
            for value, n in counts.items():
                lines.append(f"  {self.label(d, value, lang).ljust(width)}  {n}")
            figures = [f for f in self.set_figures if f.dimension == d]
            if figures:
                lines.append("  " + t["set_figures"])
                for f in figures:
                    amount = str(f.pole_count) if f.pole_count is not None else (
                        f"{float(f.proportion) * 100:g} %" if f.proportion is not None else "?"
                    )
                    size = f" ({t['of_size'].format(n=f.set_size)})" if f.set_size is not None else ""
                    value = self.label(d, f.value, lang)
                    lines.append("    " + t["figure"].format(set=f.set_label or f.set, size=size, value=value,
                                                             amount=amount))
                    lines.append("      " + t["in_data"].format(k=f.members_with_value, n=f.members_in_data))
                    if f.sources:
                        lines.append("      " + t["source"] + " " + ", ".join(f.sources))
        return "\n".join(lines) + "\n"


def typology(data: Source | Iterable[Source], *, lang: str = "fr") -> Typology:
    """Tabulate the poles of ``data`` by sector, kind of territory, region and origin.

    ``data`` is a graph (read, never modified), a file or bundle path, a model
    :class:`~ptce_graph.model.Pole` or a list of them.  ``lang`` chooses the
    language of the names read from the data (region and set labels).
    """
    graph = as_graph(data)
    onto = ontology_graph()
    lang = _lang(lang)
    poles = sorted({p for p in graph.subjects(RDF.type, PTCE.Pole) if isinstance(p, URIRef)}, key=str)
    notation = _Notations(graph, onto)

    rows: list[TypologyRow] = []
    for pole in poles:
        territories = [t for t in graph.objects(pole, PTCE.territory)]
        areas: list[rdflib.term.Node] = list(graph.objects(pole, PTCE.locatedIn))
        departements: list[rdflib.term.Node] = []
        for t in territories:
            areas += list(graph.objects(t, PTCE.locatedIn))
            areas += [a for a in graph.objects(t, PTCE.comprises) if (a, RDF.type, PTCE.Region) in graph]
            departements += [a for a in graph.objects(t, PTCE.comprises) if (a, RDF.type, PTCE.Departement) in graph]
        if not any((a, RDF.type, PTCE.Region) in graph for a in areas):
            # The data names no région: the official geography says where the territory's areas lie.
            areas += _regions_of_areas(graph, [a for t in territories for a in graph.objects(t, PTCE.comprises)])
        selections = _selections(graph, onto, pole)
        rows.append(
            TypologyRow(
                pole=str(pole),
                label=_text(graph, pole, RDFS.label, lang),
                fictional=literal_bool(graph.value(pole, PTCE.fictional)),
                sector=_unique(notation.of("sector", c) for c in graph.objects(pole, PTCE.sector)),
                territory_kind=_unique(
                    notation.of("territory_kind", k)
                    for t in territories for k in graph.objects(t, PTCE.territoryKind)
                ),
                region=_unique(_area_name(graph, a, lang) for a in areas),
                origin=_unique(notation.of("origin", o) for o in graph.objects(pole, PTCE.origin)),
                departement=_unique(_area_name(graph, a, lang) for a in departements),
                call=_unique(value for value, _ in selections),
                year=_unique(year for _, year in selections if year),
            )
        )
    rows.sort(key=lambda r: (_sort_key(r.label or ""), r.pole))

    counts: dict[str, dict[str, int]] = {}
    for d in DIMENSIONS:
        found = sorted({v for r in rows for v in r.values(d)}, key=_sort_key)
        scheme = TYPOLOGY_SCHEMES.get(d, ())
        order = [*scheme, *(v for v in found if v not in scheme)]
        tally = {v: 0 for v in order}
        for r in rows:
            for v in r.values(d):
                tally[v] += 1
        tally[UNKNOWN] = sum(1 for r in rows if not r.values(d))
        counts[d] = tally

    figures = _set_figures(graph, notation, rows, lang)
    labels = {d: {v: notation.labels(d, v) for v in counts[d] if v != UNKNOWN} for d in _SCHEMES}
    labels["call"] = {v: _call_labels(graph, onto, v) for v in counts["call"] if v != UNKNOWN}
    for f in figures:
        labels.setdefault(f.dimension, {}).setdefault(f.value, notation.labels(f.dimension, f.value))
    return Typology(rows=rows, counts=counts, set_figures=figures, labels=labels)


# ---------------------------------------------------------------------------
#  Reading the graph
# ---------------------------------------------------------------------------


class _Notations:
    """Concept IRIs to notations and labels, from the ontology and the data."""

    def __init__(self, graph: Graph, onto: Graph) -> None:
        self.graphs = (onto, graph)
        self.by_notation: dict[tuple[str, str], rdflib.term.Node] = {}

    def of(self, dimension: str, concept: rdflib.term.Node) -> str:
        value: str | None = None
        for g in self.graphs:
            n = g.value(concept, SKOS.notation)
            if n is not None:
                value = str(n)
                break
        if value is None:
            text = str(concept)
            value = text[len(str(PTCETYP)):] if text.startswith(str(PTCETYP)) else text
        self.by_notation[(dimension, value)] = concept
        return value

    def dimension_of(self, concept: rdflib.term.Node) -> str | None:
        for dimension, scheme in _SCHEMES.items():
            if any((concept, SKOS.inScheme, scheme) in g for g in self.graphs):
                return dimension
        return None

    def labels(self, dimension: str, value: str) -> dict[str, str]:
        concept = self.by_notation.get((dimension, value))
        out: dict[str, str] = {}
        if concept is None:
            return out
        return labels_of(self.graphs, concept)


def _set_figures(graph: Graph, notation: _Notations, rows: list[TypologyRow], lang: str) -> list[SetFigure]:
    by_pole = {r.pole: r for r in rows}
    figures: list[SetFigure] = []
    for statement in sorted(set(graph.subjects(RDF.type, PTCE.AggregateStatement)), key=str):
        for concept in sorted(set(graph.objects(statement, PTCE.characteristic)), key=str):
            dimension = notation.dimension_of(concept)
            if dimension is None:
                continue
            value = notation.of(dimension, concept)
            the_set = graph.value(statement, PTCE.aboutSet)
            members = ([str(p) for p in graph.objects(the_set, PTCE.includesPole)]
                       if the_set is not None else [])
            known = [by_pole[m] for m in members if m in by_pole]
            figures.append(
                SetFigure(
                    statement=str(statement),
                    dimension=dimension,
                    value=value,
                    set=str(the_set) if the_set is not None else "",
                    set_label=_text(graph, the_set, RDFS.label, lang) if the_set is not None else None,
                    set_size=_integer(graph.value(the_set, PTCE.setSize)) if the_set is not None else None,
                    pole_count=_integer(graph.value(statement, PTCE.poleCount)),
                    proportion=_decimal(graph.value(statement, PTCE.proportion)),
                    quotation=_text(graph, statement, PTCE.quotation, "fr"),
                    sources=tuple(sorted(str(s) for s in graph.objects(statement, DCTERMS.source))),
                    members_in_data=len(known),
                    members_with_value=sum(1 for r in known if value in r.values(dimension)),
                )
            )
    order = {d: i for i, d in enumerate(DIMENSIONS)}
    scheme_order = {d: {v: i for i, v in enumerate(vs)} for d, vs in TYPOLOGY_SCHEMES.items()}
    figures.sort(key=lambda f: (order[f.dimension], f.set, scheme_order.get(f.dimension, {}).get(f.value, 99),
                                f.value, f.statement))
    return figures


def _selections(graph: Graph, onto: Graph, pole: URIRef) -> list[tuple[str, str | None]]:
    """The pole's selections by the State's calls: (``programme[:status]`` notation, year) per funding line."""
    found = []
    for funding in graph.subjects(PTCE.pole, pole):
        if (funding, RDF.type, PTCE.Funding) not in graph:
            continue
        programme = graph.value(funding, PTCE.programme)
        code = _notation(graph, onto, programme)
        if code is None:
            continue
        status = _notation(graph, onto, graph.value(funding, PTCE.selectionStatus))
        year = graph.value(funding, PTCE.year)
        found.append((code + (":" + status if status else ""), str(year)[:4] if year is not None else None))
    return found


def _notation(graph: Graph, onto: Graph, concept: rdflib.term.Node | None) -> str | None:
    if concept is None:
        return None
    for g in (onto, graph):
        value = g.value(concept, SKOS.notation)
        if value is not None:
            return str(value)
    return None


def _call_labels(graph: Graph, onto: Graph, value: str) -> dict[str, str]:
    """``state-ptce-ami-2021:phase-2`` -> {"fr": "AMI PTCE depuis 2021 — phase 2", "en": ...}."""
    by_notation = {str(n): c for g in (onto, graph) for c, n in g.subject_objects(SKOS.notation)}
    out: dict[str, str] = {}
    for lang in ("fr", "en"):
        words = []
        for part in value.split(":"):
            concept = by_notation.get(part)
            words.append(_text(onto, concept, SKOS.prefLabel, lang) or part if concept is not None else part)
        out[lang] = " — ".join(words)
    return out


_AREA_KINDS = {PTCE.Commune: "commune", PTCE.EPCI: "epci", PTCE.Departement: "departement", PTCE.Region: "region"}


def _regions_of_areas(graph: Graph, areas: list[rdflib.term.Node]) -> list[rdflib.term.Node]:
    """The régions (as nodes whose official name :func:`_area_name` gives) the areas lie in."""
    out: list[rdflib.term.Node] = []
    for area in areas:
        for cls, kind in _AREA_KINDS.items():
            code = graph.value(area, PTCE.siren if kind == "epci" else PTCE.inseeCode)
            if (area, RDF.type, cls) in graph and code is not None:
                out += [URIRef(f"urn:x-ptce-region:{r.code}") for r in geography().regions_of(kind, str(code))]
    return out


def _area_name(graph: Graph, area: rdflib.term.Node, lang: str) -> str:
    """The name the data gives an area, else its official name (INSEE's COG), else its code."""
    label = _text(graph, area, RDFS.label, lang)
    if label:
        return label
    if str(area).startswith("urn:x-ptce-region:"):
        return geography().name("region", str(area).rsplit(":", 1)[1]) or str(area)
    code = graph.value(area, PTCE.inseeCode)
    if code is not None:
        kind = "region" if (area, RDF.type, PTCE.Region) in graph else "departement" \
            if (area, RDF.type, PTCE.Departement) in graph else None
        official = geography().name(kind, str(code)) if kind is not None else None
        if official:
            return official
        return ("R" + str(code)) if kind == "region" else str(code)
    return str(area)


def _text(graph: Graph, subject: rdflib.term.Node, prop: URIRef, lang: str) -> str | None:
    """A literal value in ``lang`` (:func:`ptce_graph.labels.pick`)."""
    return label([graph], subject, lang, (prop,))


def _unique(values: Iterable[str]) -> tuple[str, ...]:
    return tuple(sorted(set(values), key=_sort_key))


def _integer(node: rdflib.term.Node | None) -> int | None:
    if node is None:
        return None
    try:
        return int(str(node))
    except ValueError:
        return None


def _decimal(node: rdflib.term.Node | None) -> Decimal | None:
    if node is None:
        return None
    try:
        return Decimal(str(node))
    except InvalidOperation:
        return None


def _sort_key(text: str) -> str:
    decomposed = unicodedata.normalize("NFKD", text)
    return "".join(c for c in decomposed if not unicodedata.combining(c)).casefold()


def _lang(lang: str) -> str:
    return "en" if lang == "en" else "fr"


#: The words of the tables, by language (the HTML report reads them here).
TEXT: dict[str, dict[str, Any]] = {
    "fr": {
        "title": "Typologie des pôles ({n} pôle(s))",
        "pole": "Pôle",
        "fictional": "fictif",
        "unknown": "inconnu",
        "dimension": {"sector": "Secteur", "territory_kind": "Type de territoire", "region": "Région",
                      "origin": "Origine", "departement": "Département", "call": "Appel de l'État",
                      "year": "Année de sélection"},
        "by": {"sector": "Par secteur d'activité", "territory_kind": "Par type de territoire",
               "region": "Par région (telle que les données la nomment)", "origin": "Par origine",
               "departement": "Par département", "call": "Par appel de l'État et statut",
               "year": "Par année de sélection"},
        "set_figures": "Énoncés sur des ensembles de pôles (non reportés sur les pôles) :",
        "of_size": "{n} pôles",
        "figure": "« {set} »{size} : {value} {amount}",
        "in_data": "dans les données : {k} des {n} pôles de l'ensemble ont cette valeur",
        "source": "source :",
    },
    "en": {
        "title": "Typology of the poles ({n} pole(s))",
        "pole": "Pole",
        "fictional": "fictional",
        "unknown": "unknown",
        "dimension": {"sector": "Sector", "territory_kind": "Kind of territory", "region": "Region",
                      "origin": "Origin", "departement": "Département", "call": "State call",
                      "year": "Year of selection"},
        "by": {"sector": "By sector of activity", "territory_kind": "By kind of territory",
               "region": "By region (as the data names it)", "origin": "By origin",
               "departement": "By département", "call": "By State call and status",
               "year": "By year of selection"},
        "set_figures": "Statements about sets of poles (not carried over to the poles):",
        "of_size": "{n} poles",
        "figure": "\"{set}\"{size}: {value} {amount}",
        "in_data": "in the data: {k} of the set's {n} poles have this value",
        "source": "source:",
    },
}
