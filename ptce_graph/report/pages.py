"""Build the HTML report of a set of poles: a page per pole, the registry page, the figures, a manifest.

:func:`write_report` is what ``ptce report INPUT... -o DIR`` calls.  It reads
each pole once and gathers what the other modules say about it — the legal
checklist under each definition (:func:`ptce_graph.legal.compare_definitions`,
run on the pole's shard, which gives the same results faster and lets a
progress bar move pole by pole), the cooperation measures and network
(:mod:`ptce_graph.metrics`), the density at each snapshot date
(:func:`ptce_graph.metrics.temporal.snapshots`), the référentiel gap and the
typology — then draws the figures and renders the pages.

The folder is built beside ``DIR`` and swapped in at the end
(:func:`ptce_graph.io.atomic.atomic_directory`): an interrupted run leaves the
previous report whole.  Because the swap replaces the folder, ``DIR`` must be
new, empty, or a previous report (it holds ``report.json``); any other folder
is refused rather than deleted.
"""

from __future__ import annotations

import datetime as _dt
import json
import os
import re
import unicodedata
import warnings
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import TYPE_CHECKING, Any

from rdflib import BNode, Graph, URIRef
from rdflib.namespace import DCTERMS, RDF, RDFS, SKOS

from ptce_graph.errors import DataWarning, InputError
from ptce_graph.ess import legal_form_info
from ptce_graph.io import as_graph
from ptce_graph.io.atomic import atomic_directory, output_path
from ptce_graph.labels import label
from ptce_graph.legal import compare_definitions
from ptce_graph.legal.pipeline import parse_as_of
from ptce_graph.legal.report.comparison import DefinitionComparison
from ptce_graph.legal.report.differences import VerdictDifference
from ptce_graph.legal.report.labels import Labeller
from ptce_graph.legal.shacl.working import pole_shard
from ptce_graph.legal.spec.definitions import DEFINITION_IDS, get_definition
from ptce_graph.maps import LEVELS, area_counts, choropleth
from ptce_graph.model import PROGRAMMES, STRATEGY_KINDS, ActorKind, Pole
from ptce_graph.namespaces import PTCE
from ptce_graph.progress import progress as progress_bar
from ptce_graph.referentiel import referentiel_gap
from ptce_graph.registry import Registry
from ptce_graph.report.html import ICON, icon, is_web_iri, render_page
from ptce_graph.report.i18n import (
    METRIC_MEANINGS,
    capitalise,
    check_lang,
    legal_word,
    metric_label,
    referentiel_word,
    short_verdict,
    text,
    typology_word,
)
from ptce_graph.report.style import VERDICT_SYMBOLS
from ptce_graph.resources import ontology_graph
from ptce_graph.typology import DIMENSIONS, UNKNOWN, typology
from ptce_graph.version import __version__
from ptce_graph.wording import counted

if TYPE_CHECKING:
    from ptce_graph.legal.report.verdicts import PoleVerdict
    from ptce_graph.legal.spec.definitions import Definition
    from ptce_graph.metrics.results import PoleMetrics
    from ptce_graph.model import Pole
    from ptce_graph.referentiel import PoleReferentiel, ReferentielGap
    from ptce_graph.report.figures import FigureFiles
    from ptce_graph.typology import Typology, TypologyRow

# ptce_graph.metrics and ptce_graph.report.figures import networkx (and draw with matplotlib): they are
# imported by the functions that measure and draw, so that importing ptce_graph stays light.
__all__ = [
    "MANIFEST",
    "GENERATOR",
    "MAIN_METRICS",
    "PAGE_METRICS",
    "FigureRef",
    "DensityPoint",
    "PoleReport",
    "PoleView",
    "Report",
    "slugify",
    "page_names",
    "definition_names",
    "write_report",
    "pole_view",
    "render_pole_page",
]

#: The machine-readable summary of a report folder; its presence marks a folder the report may replace.
MANIFEST = "report.json"
GENERATOR = "ptce_graph report"
FIGURES = "figures"

#: The measures of the registry table.
MAIN_METRICS: tuple[str, ...] = ("actors", "links", "density", "degree_centralization", "ei_index", "blau")

#: The measures of a pole's table, in order (betweenness_sample only when betweenness was sampled).
PAGE_METRICS: tuple[str, ...] = (
    "actors", "members", "partners", "links", "undated_links", "pairs", "density", "components", "isolates",
    "multiplex_pairs", "multiplexity", "mean_degree", "transitivity", "average_clustering",
    "degree_centralization", "betweenness_centralization", "betweenness_sample", "ei_index",
    "group_assortativity", "blau", "iqv", "communities", "modularity", "max_core", "main_core_size",
    "projects", "coparticipation_pairs", "coparticipation_density",
)

# Measures that count things: their statistics across poles are shown without needless decimals.
_COUNT_MEASURES = {"actors", "links", "pairs", "components", "isolates", "communities", "max_core"}

_LOGIC_FIELDS = ("links", "pairs", "density", "mean_degree", "degree_centralization", "ei_index")

# Names the report's own files use, and names Windows refuses: a pole page never takes them.
_RESERVED = {"index", "report", "favicon", FIGURES, "con", "prn", "aux", "nul",
             *(f"com{i}" for i in range(10)), *(f"lpt{i}" for i in range(10))}
_SLUG_LENGTH = 80


# ---------------------------------------------------------------------------
#  What the report holds
# ---------------------------------------------------------------------------


@dataclass(frozen=True)
class FigureRef:
    """A figure of the report: its PNG and SVG paths relative to the report folder, and its size in pixels."""

    png: str
    svg: str
    width: int
    height: int
    #: Whether the SVG is a file a page may open as a document of its own (an ``<object>``, where its
    #: tooltips show).  An SVG given inline as a ``data:`` address is shown as an image instead: as a
    #: document it would fall under the page's Content-Security-Policy, which refuses its styles.
    document: bool = True

    def to_dict(self) -> dict[str, Any]:
        return {"png": self.png, "svg": self.svg, "width": self.width, "height": self.height}


@dataclass(frozen=True)
class DensityPoint:
    """The network on one snapshot date: its actors, its links and its density (None below two actors)."""

    date: _dt.date
    density: float | None
    actors: int
    links: int


@dataclass
class PoleReport:
    """One pole as the report shows it."""

    iri: str
    label: str
    slug: str
    fictional: bool | None
    territory: str | None
    verdicts: dict[str, PoleVerdict]
    metrics: PoleMetrics
    density: list[DensityPoint] = field(default_factory=list)
    undated_links: int = 0
    figures: dict[str, FigureRef] = field(default_factory=dict)

    @property
    def page(self) -> str:
        return f"{self.slug}.html"

    def to_dict(self) -> dict[str, Any]:
        return {
            "pole": self.iri,
            "label": self.label,
            "page": self.page,
            "fictional": self.fictional,
            "verdicts": {d: v.verdict.value for d, v in self.verdicts.items()},
            "metrics": {m: _round(self.metrics.value(m)) for m in MAIN_METRICS},
            "figures": {name: f.to_dict() for name, f in sorted(self.figures.items())},
        }


@dataclass
class Report:
    """What :func:`write_report` wrote: the folder, and per pole its page, verdicts and figures."""

    folder: Path
    lang: str
    as_of: _dt.date
    definitions: tuple[str, ...]
    poles: list[PoleReport]

    @property
    def index(self) -> Path:
        return self.folder / "index.html"

    def page(self, pole: str) -> Path:
        """The page of a pole, by IRI or label."""
        for p in self.poles:
            if pole in (p.iri, p.label):
                return self.folder / p.page
        raise KeyError(pole)

    def to_dict(self) -> dict[str, Any]:
        return {
            "generator": GENERATOR,
            "version": __version__,
            "lang": self.lang,
            "as_of": self.as_of.isoformat(),
            "definitions": list(self.definitions),
            "index": "index.html",
            "poles": [p.to_dict() for p in self.poles],
        }


def _round(value: Any) -> Any:
    return round(value, 6) if isinstance(value, float) else value


# ---------------------------------------------------------------------------
#  Page names
# ---------------------------------------------------------------------------


def slugify(value: str) -> str:
    """A file-name-safe form of an identifier: ASCII letters, digits and hyphens, at most 80 characters."""
    ascii_text = unicodedata.normalize("NFKD", value).encode("ascii", "ignore").decode("ascii")
    slug = re.sub(r"[^a-z0-9]+", "-", ascii_text.lower()).strip("-")
    return slug[:_SLUG_LENGTH].rstrip("-") or "pole"


def page_names(poles: Iterable[tuple[str, str]]) -> dict[str, str]:
    """A page name (without ``.html``) per pole, from ``(iri, identifier)`` pairs.

    Names are slugs of the identifiers; the report's own names (``index``,
    ``figures``…) and the names Windows refuses get ``-pole`` added; when two
    poles give the same name, the pole whose IRI sorts first keeps it and the
    others get ``-2``, ``-3``… — the same input always gives the same names.
    """
    taken: set[str] = set()
    names: dict[str, str] = {}
    for iri, identifier in sorted(poles):
        base = slugify(identifier)
        if base in _RESERVED:
            base = f"{base}-pole"
        name, n = base, 2
        while name in taken or name in _RESERVED:
            name = f"{base}-{n}"
            n += 1
        taken.add(name)
        names[iri] = name
    return names


# ---------------------------------------------------------------------------
#  Reading labels
# ---------------------------------------------------------------------------


def _sort_key(text_value: str) -> str:
    decomposed = unicodedata.normalize("NFKD", text_value)
    return "".join(c for c in decomposed if not unicodedata.combining(c)).casefold()


class _Words:
    """Labels of ontology terms and data resources in one language (the data's own words first)."""

    def __init__(self, graph: Graph, lang: str) -> None:
        self.lang = lang
        self.graphs = (graph, ontology_graph())
        self.labeller = Labeller(graph, lang)

    def term(self, iri: URIRef | None) -> str | None:
        return self.labeller(iri) if iri is not None else None

    def source(self, iri: str) -> str | None:
        """A cited source's title or label when the data or the ontology give one."""
        return label(self.graphs, URIRef(iri), self.lang, (DCTERMS.title, RDFS.label, SKOS.prefLabel))


# ---------------------------------------------------------------------------
#  One pole
# ---------------------------------------------------------------------------


def _collect_sources(pole: Pole) -> list[tuple[str, int]]:
    """Every source the pole's data cites, with how many items cite it."""
    counts: dict[str, int] = {}
    items: list[Any] = [pole, pole.territory, pole.strategy, *pole.actors, *pole.links, *pole.projects,
                        *pole.funding, *pole.places, *pole.meetings, *pole.assessments, *pole.tools]
    for item in items:
        if item is None:
            continue
        for source in sorted(set(getattr(item, "sources", ()) or ())):
            counts[source] = counts.get(source, 0) + 1
    return sorted(counts.items())


def _territory_text(pole: Pole) -> str | None:
    t = pole.territory
    if t is None:
        return None
    return t.name or (", ".join(t.codes) if t.codes else None)


def _density_points(pole: Pole) -> list[DensityPoint]:
    from ptce_graph.metrics.temporal import snapshot_density

    return [DensityPoint(date=day, density=value, actors=actors, links=links)
            for day, value, actors, links in snapshot_density(pole)]


def _write_figure(folder: Path, name: str, files: FigureFiles) -> FigureRef:
    (folder / FIGURES / f"{name}.png").write_bytes(files.png)
    (folder / FIGURES / f"{name}.svg").write_bytes(files.svg)
    return FigureRef(png=f"{FIGURES}/{name}.png", svg=f"{FIGURES}/{name}.svg", width=files.width,
                     height=files.height)


@dataclass(frozen=True)
class _Settings:
    """What every pole of one report shares; picklable, so that worker processes receive it once."""

    lang: str
    as_of: _dt.date
    definitions: tuple[str, ...]
    engine: str | None
    folder: Path
    typology: Typology
    referentiel: ReferentielGap

    def context(self, graph: Graph) -> _Context:
        return _Context(graph=graph, lang=self.lang, as_of=self.as_of,
                        definitions=tuple(get_definition(d) for d in self.definitions),
                        words=_Words(graph, self.lang), typology=self.typology, referentiel=self.referentiel,
                        engine=self.engine)


@dataclass
class _Context:
    """What the pages are made from: the settings, and the graph of one pole (its shard) or of all."""

    graph: Graph
    lang: str
    as_of: _dt.date
    definitions: tuple[Definition, ...]
    words: _Words
    typology: Typology
    referentiel: ReferentielGap
    engine: str | None


@dataclass
class PoleView:
    """One pole as its page shows it, before the figures are drawn (:func:`pole_view`).

    The static report draws and writes every figure at once; a web server
    renders the page first and draws a figure only when a browser asks for it
    (:meth:`draw`), so both read the same view.
    """

    entry: PoleReport
    model: Pole
    comparison: DefinitionComparison
    context: _Context

    def figure_names(self) -> tuple[str, ...]:
        """The figures the page shows: the network when the pole has actors, its thumbnail when they have
        links (actors without links would be dots in an empty box: the registry says so in words), the
        density over time when links are dated."""
        metrics = self.entry.metrics
        return (("network",) if metrics.actors else ()) + (("thumbnail",) if metrics.links else ()) + (
            ("density",) if self.entry.density else ())

    def figure_size(self, name: str) -> tuple[int, int]:
        """Width and height in pixels of a figure of :meth:`figure_names`, known before it is drawn."""
        from ptce_graph.report.figures import figure_pixels

        if name not in self.figure_names():
            raise KeyError(name)
        return figure_pixels(name, actors=self.entry.metrics.actors)

    def draw(self, name: str) -> FigureFiles:
        """Draw one figure of :meth:`figure_names` (PNG and SVG)."""
        from ptce_graph.metrics.graph import pole_graph
        from ptce_graph.report.figures import density_figure, network_figure

        if name not in self.figure_names():
            raise KeyError(name)
        lang = self.context.lang
        if name == "density":
            points = [(p.date, p.density) for p in self.entry.density]
            return density_figure(points, lang=lang, until=self.context.as_of)
        if name == "thumbnail":
            return network_figure(pole_graph(self.model), lang=lang, thumbnail=True)
        title = text("figure_title", lang, pole=self.entry.label)
        return network_figure(pole_graph(self.model), lang=lang, title=title)


def _view(ctx: _Context, iri: str, slug: str, comparison: DefinitionComparison | None = None,
          metrics: PoleMetrics | None = None) -> PoleView:
    from ptce_graph.metrics.compute import measure_pole
    from ptce_graph.metrics.temporal import undated_links

    node = URIRef(iri)
    # ctx.graph is the pole's shard: what the shapes and the model read of it, and nothing else.
    if comparison is None:
        comparison = compare_definitions(ctx.graph, definitions=[d.id for d in ctx.definitions],
                                         as_of=ctx.as_of, lang=ctx.lang, engine=ctx.engine)
    model = Pole.from_graph(ctx.graph, node)
    if metrics is None:
        metrics = measure_pole(model)
    entry = PoleReport(
        iri=iri,
        label=model.name or model.id,
        slug=slug,
        fictional=model.fictional,
        territory=_territory_text(model),
        verdicts={r.definition.id: r[iri] for r in comparison.reports},
        metrics=metrics,
        density=_density_points(model),
        undated_links=undated_links(model),
    )
    return PoleView(entry=entry, model=model, comparison=comparison, context=ctx)


def pole_view(
    graph: Graph,
    iri: str,
    *,
    lang: str = "fr",
    as_of: _dt.date | str | None = None,
    definitions: Sequence[str] | str | None = None,
    comparison: DefinitionComparison | None = None,
    metrics: PoleMetrics | None = None,
    engine: str | None = None,
) -> PoleView:
    """What the page of the pole ``iri`` shows, from ``graph`` (its shard, or data holding it).

    ``comparison`` and ``metrics`` may come from a run over a whole registry
    (:meth:`ptce_graph.registry.Registry.process`): they are then not computed
    again.  The typology row and the référentiel gap are read from ``graph``.
    """

    lang = check_lang(lang)
    settings = _Settings(lang=lang, as_of=parse_as_of(as_of), definitions=tuple(d.id for d in _definitions(
        definitions if comparison is None else comparison.definitions)), engine=engine, folder=Path(),
        typology=typology(graph, lang=lang), referentiel=referentiel_gap(graph))
    return _view(settings.context(graph), iri, slugify(_identifier(graph, iri)), comparison, metrics)


def render_pole_page(
    view: PoleView,
    figures: dict[str, FigureRef],
    *,
    root: str = "",
    link: Callable[[str], str | None] | None = None,
    preface: str | None = None,
    policy: Mapping[str, str] | None = None,
) -> str:
    """The HTML page of a :class:`PoleView` whose figures are at ``figures`` (name → where they are).

    ``root`` prefixes the report's own files (``index.html``, the icon);
    ``link`` gives the address of an actor's page from its IRI (None: no
    link); ``preface`` is trusted HTML shown under the pole's name; ``policy``
    changes directives of the page's Content-Security-Policy.
    """
    entry = replace(view.entry, figures=dict(figures))
    return _pole_page(view.context, entry, view.model, view.comparison, root=root, link=link, preface=preface,
                      policy=policy)


def _measure(ctx: _Context, iri: str, slug: str, folder: Path, comparison: DefinitionComparison | None = None
             ) -> tuple[PoleReport, Pole, DefinitionComparison]:
    view = _view(ctx, iri, slug, comparison)
    entry = view.entry
    for name in view.figure_names():
        stem = f"{slug}-network-thumbnail" if name == "thumbnail" else f"{slug}-{name}"
        entry.figures[name] = _write_figure(folder, stem, view.draw(name))
    return entry, view.model, view.comparison


def _report_pole(settings: _Settings, iri: str, slug: str, shard: Graph,
                 comparison: DefinitionComparison | None = None) -> tuple[PoleReport, list[Any]]:
    """Measure, draw and write one pole's page; the warnings raised, to repeat in the calling process.

    ``comparison``: the pole's checklist, when the shapes already ran over the whole data
    (:func:`_checklists`); None: they run on the pole's shard."""
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        ctx = settings.context(shard)
        entry, model, comparison = _measure(ctx, iri, slug, settings.folder, comparison)
        (settings.folder / entry.page).write_text(_pole_page(ctx, entry, model, comparison), encoding="utf-8")
    return entry, [(w.category, str(w.message)) for w in caught]


_WORKER_SETTINGS: _Settings | None = None


def _start_worker(settings: _Settings) -> None:
    global _WORKER_SETTINGS
    _WORKER_SETTINGS = settings


def _work(task: tuple[str, str, str, DefinitionComparison | None]) -> tuple[PoleReport, list[Any]]:
    """One pole in a worker process: its shard arrives as N-Triples (and its checklist, when already made)."""
    iri, slug, ntriples, comparison = task
    assert _WORKER_SETTINGS is not None, "worker not started"
    shard = Graph()
    shard.parse(data=ntriples, format="nt")
    return _report_pole(_WORKER_SETTINGS, iri, slug, shard, comparison)


def _poles_in_parallel(settings: _Settings, tasks: list[tuple[str, str, Graph, DefinitionComparison | None]],
                       jobs: int) -> Iterator[Any]:
    """Each pole in a worker process (spawned: no state inherited from this one), results in task order."""
    import multiprocessing
    from concurrent.futures import ProcessPoolExecutor

    payload = [(iri, slug, shard.serialize(format="nt"), comparison) for iri, slug, shard, comparison in tasks]
    with ProcessPoolExecutor(max_workers=jobs, mp_context=multiprocessing.get_context("spawn"),
                             initializer=_start_worker, initargs=(settings,)) as pool:
        yield from pool.map(_work, payload)


# ---------------------------------------------------------------------------
#  Page contexts
# ---------------------------------------------------------------------------


def _identity(ctx: _Context, pole: Pole, row: TypologyRow | None) -> list[tuple[str, str | None]]:
    lang, colon = ctx.lang, text("colon", ctx.lang)
    rows: list[tuple[str, str | None]] = [(text("identifier", lang), pole.id)]
    territory = None
    if pole.territory is not None:
        parts = [pole.territory.name] if pole.territory.name else []
        if pole.territory.codes:
            parts.append(f"({text('codes', lang)}{colon}{', '.join(pole.territory.codes)})")
        territory = " ".join(parts) or None
    rows.append((text("territory", lang), territory))
    form = None
    if pole.legal_form:
        info = legal_form_info(pole.legal_form)
        form = info.label(lang) if info is not None else pole.legal_form
    rows.append((text("legal_form", lang), form))
    strategy = None
    if pole.strategy is not None:
        s = pole.strategy
        parts = [s.name] if s.name else []
        if s.kind:
            kind = ctx.words.term(STRATEGY_KINDS.get(s.kind)) if s.kind in STRATEGY_KINDS else s.kind
            parts.append(f"{text('strategy_kind', lang)}{colon}{kind}")
        if s.start is not None:
            parts.append(f"{text('since', lang)} {s.start}")
        if s.end is not None:
            parts.append(f"{text('until', lang)} {s.end}")
        strategy = " — ".join(parts) or None
    rows.append((text("strategy", lang), strategy))
    rows.append((text("founding", lang), str(pole.founding) if pole.founding is not None else None))
    names = typology_word("dimension", lang)
    for d in DIMENSIONS:
        values = row.values(d) if row is not None else ()
        rows.append((names[d], ", ".join(ctx.typology.label(d, v, lang) for v in values) or None))
    if pole.description:
        rows.append((text("description", lang), pole.description))
    return rows


def _funding(ctx: _Context, pole: Pole) -> list[dict[str, Any]]:
    names = {a.id: a.name or a.id for a in pole.actors}
    rows = []
    for f in sorted(pole.funding, key=lambda f: (f.year or 0, f.minted_id())):
        programme = f.program
        if programme in PROGRAMMES:
            programme = ctx.words.term(PROGRAMMES[programme])
        rows.append({
            "funder": names.get(f.funder, f.funder) if f.funder else None,
            "kind": ctx.words.term(f.kind.iri) if f.kind is not None else None,
            "programme": programme,
            "year": f.year,
            "amount": f.amount,
            "purpose": f.purpose,
        })
    return rows


def _actor_rows(ctx: _Context, pole: Pole, verdict: PoleVerdict, metrics: PoleMetrics,
                link: Callable[[str], str | None] | None = None) -> list[dict[str, Any]]:
    lang = ctx.lang
    groups = {a.actor: a.group for a in metrics.actor_measures}

    def relation_word(relation: str | None) -> str:
        return legal_word(relation, lang) if relation in ("member", "partner") else legal_word("relation?", lang)

    rows = []
    seen = set()
    for a in verdict.actors:
        seen.add(a.id)
        rows.append({
            "label": a.label(lang),
            "href": link(a.id) if link is not None else None,
            "relation": relation_word(a.relation),
            "kind": ctx.words.term(ActorKind(a.kind).iri) if a.kind else None,
            "legal_form": a.legal_form_labels.get(lang) or a.legal_form,
            "status": a.status.value,
            "status_word": legal_word(a.status.value, lang),
            "reason": a.reason(lang),
            "group": groups.get(a.id),
        })
    # Actors the cooperation graph holds without a membership (named only by a link or a project).
    for actor in sorted(pole.actors, key=lambda x: (_sort_key(x.name or x.id), x.id)):
        iri = actor.iri or actor.id
        if iri in seen:
            continue
        assessment = actor.ess()
        relation = pole.relation_of(actor.id)
        form = legal_form_info(actor.legal_form) if actor.legal_form else None
        rows.append({
            "label": actor.name or actor.id,
            "href": link(iri) if link is not None else None,
            "relation": relation_word(relation.value if relation is not None else None),
            "kind": ctx.words.term(actor.kind.iri) if actor.kind is not None else None,
            "legal_form": form.label(lang) if form is not None else actor.legal_form,
            "status": assessment.status.value,
            "status_word": legal_word(assessment.status.value, lang),
            "reason": assessment.reason(lang),
            "group": groups.get(iri),
        })
    for row in rows:
        row["group_label"] = capitalise(metric_label(row["group"], lang)) if row["group"] else None
    return rows


def _metric_rows(metrics: PoleMetrics, lang: str) -> list[dict[str, Any]]:
    index = 0 if lang == "fr" else 1
    rows = []
    for key in PAGE_METRICS:
        if key == "betweenness_sample" and metrics.betweenness_sample is None:
            continue
        missing = metrics.missing.get(key)
        rows.append({
            "key": key,
            "label": metric_label(key, lang),
            "value": metrics.value(key),
            "meaning": METRIC_MEANINGS[key][index],
            "missing": missing.reason(lang) if missing is not None else None,
        })
    return rows


def _differences(comparison: DefinitionComparison, iri: str, lang: str) -> list[tuple[str, list[str]]]:
    out: list[tuple[str, list[str]]] = []
    if len(comparison.reports) < 2:
        return out
    for d in comparison.differences(iri):
        if isinstance(d, VerdictDifference):
            out.append((capitalise(d.headline(lang)), d.reasons(lang)))
        else:
            out.append((d.explanation(lang), []))
    return out


def _referentiel(ctx: _Context, iri: str) -> dict[str, Any]:
    lang = ctx.lang
    pole = next((p for p in ctx.referentiel.poles if p.pole == iri), None)
    out: dict[str, Any] = {"subtitle": referentiel_word("subtitle", lang), "pole": pole is not None}
    if pole is None:
        return out
    out["objectives"] = _objective_rows(pole, lang, is_web_iri)
    assessed = any(o.assessed for o in [*pole.objectives, *pole.general, *pole.other])
    out["none_recorded"] = None if assessed else referentiel_word("none_recorded", lang)
    missing, total = pole.without_evidence, len(pole.objectives)
    if missing:
        out["summary"] = referentiel_word("gap", lang).format(list=", ".join(missing), k=len(missing), n=total)
    else:
        out["summary"] = referentiel_word("no_gap", lang).format(n=total)
    return out


def _objective_rows(pole: PoleReferentiel, lang: str, is_web_iri: Any) -> list[dict[str, Any]]:
    rows = []
    for o in [*pole.objectives, *pole.general, *pole.other]:
        if not o.assessed:
            state, css, symbol = referentiel_word("not_assessed", lang), "unk", "?"
        elif o.has_evidence:
            state, css, symbol = referentiel_word("evidence", lang).format(
                evidence=counted(o.evidence_count, "evidence", lang)), "ok", "✓"
        else:
            state, css, symbol = referentiel_word("no_evidence", lang), "ko", "✗"
        items = [(referentiel_word("practice", lang), p, False) for p in o.practices]
        items += [(referentiel_word("evidence_item", lang), e, False) for e in o.evidence]
        items += [(referentiel_word("cited", lang), s, is_web_iri(s)) for s in o.sources]
        rows.append({
            "notation": o.notation,
            "label": o.label(lang),
            "scope": None if o.kind == "main" else referentiel_word("kind", lang)[o.kind],
            "state": state,
            "css": css,
            "symbol": symbol,
            "entries": items,
        })
    return rows


def definition_names(definitions: Iterable[Definition], lang: str) -> dict[str, str]:
    """The short name of each definition (« Loi 2014 »), its ``skos:altLabel`` in the ontology; its id if none."""
    return {d.id: d.name(lang) for d in definitions}


def _common(ctx: _Context) -> dict[str, Any]:
    return {
        "as_of": ctx.as_of,
        "definitions": ctx.definitions,
        "definition_name": definition_names(ctx.definitions, ctx.lang),
        "verdict_symbol": VERDICT_SYMBOLS,
        "short_verdict": lambda v: short_verdict(v, ctx.lang),
    }


def _pole_page(ctx: _Context, entry: PoleReport, pole: Pole, comparison: DefinitionComparison, *, root: str = "",
               link: Callable[[str], str | None] | None = None, preface: str | None = None,
               policy: Mapping[str, str] | None = None) -> str:
    from markupsafe import Markup

    from ptce_graph.metrics.graph import LOGICS

    lang = ctx.lang
    main = entry.verdicts.get("law-2014") or entry.verdicts[ctx.definitions[-1].id]
    row = next((r for r in ctx.typology.rows if r.pole == entry.iri), None)
    clause_ids = [c for c in comparison.clause_ids]
    clause_labels: dict[str, str] = {}
    for d in ctx.definitions:
        for c in d.clauses:
            clause_labels.setdefault(c.id, c.label(lang))
    sources = [{"iri": iri, "label": ctx.words.source(iri), "count": n} for iri, n in _collect_sources(pole)]
    warnings_seen: list[str] = []
    for w in main.warnings:
        if w.message(lang) not in warnings_seen:
            warnings_seen.append(w.message(lang))
    return render_page(
        "pole.html",
        lang=lang,
        root=root,
        policy=policy,
        preface=Markup(preface) if preface else None,  # the caller's own HTML, not data
        pole=entry,
        identity=_identity(ctx, pole, row),
        funding=_funding(ctx, pole),
        sources=sources,
        clause_rows=[(c, clause_labels[c]) for c in clause_ids],
        differences=_differences(comparison, entry.iri, lang),
        warnings=warnings_seen,
        warnings_title=legal_word("warnings", lang),
        actors=_actor_rows(ctx, pole, main, entry.metrics, link),
        actors_title=legal_word("actors", lang),
        all_logics=[(logic, capitalise(metric_label(logic, lang))) for logic in LOGICS],
        logic_fields=_LOGIC_FIELDS,
        metric_rows=_metric_rows(entry.metrics, lang),
        brokers=[(b.label, b.betweenness) for b in entry.metrics.top_brokers],
        referentiel=_referentiel(ctx, entry.iri),
        **_common(ctx),
    )


def _registry_rows(poles: Sequence[PoleReport], lang: str) -> tuple[list[tuple[str, Any]], list[Any]]:
    from ptce_graph.metrics.compare import registry_summary
    from ptce_graph.metrics.graph import GROUPS, LOGICS
    from ptce_graph.metrics.render import measure_label

    summary = registry_summary([p.metrics for p in poles])
    rows: list[tuple[str, Any]] = [
        (metric_label("poles", lang), summary.poles),
        (metric_label("actors", lang), summary.actors),
        (metric_label("distinct_actors", lang), summary.distinct_actors),
        (metric_label("actors_in_several_poles", lang), summary.actors_in_several_poles),
        (metric_label("links", lang), summary.links),
    ]
    rows += [(f"{metric_label('links', lang)} — {metric_label(logic, lang)}", summary.links_by_logic[logic])
             for logic in LOGICS]
    rows += [(f"{metric_label('groups', lang)} — {metric_label(g, lang)}", summary.groups.get(g, 0)) for g in GROUPS]
    measures: list[tuple[str, Any, bool]] = []
    for name, stats in summary.measures.items():
        if (stats["poles"] or 0) < 2:  # a mean, a median, a minimum and a maximum of one value say nothing more
            continue
        measures.append((measure_label(name, lang), stats, name in _COUNT_MEASURES))
    return rows, measures


def _typology_dimensions(ctx: _Context) -> list[dict[str, Any]]:
    lang = ctx.lang
    out = []
    for d in DIMENSIONS:
        counts = ctx.typology.counts[d]
        if not any(n for v, n in counts.items() if v != UNKNOWN) and not any(
                f.dimension == d for f in ctx.typology.set_figures):
            continue
        figures = []
        for f in ctx.typology.set_figures:
            if f.dimension != d:
                continue
            amount = str(f.pole_count) if f.pole_count is not None else (
                f"{float(f.proportion) * 100:g} %" if f.proportion is not None else "?")
            size = f" ({typology_word('of_size', lang).format(n=f.set_size)})" if f.set_size is not None else ""
            sentence = typology_word("figure", lang).format(set=f.set_label or f.set, size=size,
                                                            value=ctx.typology.label(d, f.value, lang),
                                                            amount=amount)
            in_data = typology_word("in_data", lang).format(k=f.members_with_value, n=f.members_in_data)
            figures.append(f"{sentence} — {in_data}")
        out.append({
            "title": typology_word("by", lang)[d],
            "counts": [(ctx.typology.label(d, v, lang), n) for v, n in counts.items()],
            "figures": figures,
        })
    return out


def _maps(graph: Graph, folder: Path, lang: str) -> list[dict[str, Any]]:
    """The maps of poles per région and per département (ptce_graph.maps), for the levels the data places poles at."""

    out = []
    for level in LEVELS:
        counts = area_counts(graph, level)
        if not counts.counts:
            continue
        files = choropleth(counts, lang=lang)
        name = f"map-{level}"
        (folder / FIGURES / f"{name}.png").write_bytes(files.png)
        (folder / FIGURES / f"{name}.svg").write_bytes(files.svg)
        out.append({"level": level, "title": text(f"map_{level}", lang),
                    "figure": FigureRef(png=f"{FIGURES}/{name}.png", svg=f"{FIGURES}/{name}.svg",
                                        width=files.width, height=files.height),
                    "counts": [(counts.names.get(code, code), n) for code, n in counts.counts.items()],
                    "nowhere": counts.nowhere})
    return out


def _index_page(ctx: _Context, poles: Sequence[PoleReport], maps: Sequence[dict[str, Any]] = ()) -> str:
    registry_rows, registry_measures = _registry_rows(poles, ctx.lang)
    return render_page(
        "index.html",
        lang=ctx.lang,
        script=True,
        poles=poles,
        main_metrics=MAIN_METRICS,
        registry_rows=registry_rows,
        registry_measures=registry_measures,
        typology_dimensions=_typology_dimensions(ctx),
        fictional_word=typology_word("fictional", ctx.lang),
        maps=maps,
        **_common(ctx),
    )


# ---------------------------------------------------------------------------
#  The report folder
# ---------------------------------------------------------------------------


def _is_report(folder: Path) -> bool:
    try:
        manifest = json.loads((folder / MANIFEST).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return False
    return isinstance(manifest, dict) and manifest.get("generator") == GENERATOR


def _definitions(ids: Sequence[str] | str | None) -> tuple[Definition, ...]:
    if ids is None or ids == "all":
        wanted: Sequence[str] = DEFINITION_IDS
    elif isinstance(ids, str):
        wanted = [ids]
    else:
        wanted = list(ids)
        if "all" in wanted:
            wanted = DEFINITION_IDS
    found = {d: get_definition(d) for d in wanted}  # raises UnknownDefinitionError for a bad id
    if not found:
        raise InputError("no definition to check", source="definitions",
                         expected=f"one or more of {', '.join(DEFINITION_IDS)}")
    return tuple(found[d] for d in DEFINITION_IDS if d in found)


def write_report(
    data: Any,
    output: str | os.PathLike[str],
    *,
    lang: str = "fr",
    as_of: _dt.date | str | None = None,
    definitions: Sequence[str] | str | None = None,
    engine: str | None = None,
    progress: bool | None = None,
    jobs: int | None = 1,
) -> Report:
    """Write the HTML report of every pole of ``data`` into the folder ``output``.

    ``data`` is what :func:`ptce_graph.load` gives or accepts (a graph, never
    modified; a file or bundle path; a model pole; a list of them).  The folder
    receives ``index.html`` (the registry: one row per pole, its verdict under
    each definition, main measures, a thumbnail of its network; sortable),
    one ``<pole>.html`` per pole, the figures in ``figures/`` (PNG and SVG) and
    ``report.json`` (what was written).  ``lang`` is ``fr`` (default) or ``en``;
    ``as_of`` the evaluation date (default today); ``definitions`` the
    definitions to check (default all four); ``engine`` pyshacl's store;
    ``progress`` shows a progress bar on standard error (default: when it is a
    terminal).  ``jobs`` is the number of processes working on the poles
    (default 1; ``None`` or 0: one per processor, for large registries).  The
    same data, date and language give the same bytes, whatever ``jobs``.

    Raises :class:`~ptce_graph.errors.InputError` when the data holds no pole
    and :class:`~ptce_graph.errors.OutputError` when the folder cannot be
    written or is a folder that is not a previous report.
    """

    lang = check_lang(lang)
    date = parse_as_of(as_of)
    defs = _definitions(definitions)
    # Before any work: a new or empty folder, or a previous report (it is replaced as a whole).
    target = output_path(output, folder=True, replaces=_is_report, previous=f"ptce report (no {MANIFEST})")
    graph = as_graph(data)
    nodes = set(graph.subjects(RDF.type, _pole_class()))
    if any(isinstance(n, BNode) for n in nodes):
        warnings.warn("a pole without an IRI (a blank node) is left out of the report; give it an IRI",
                      DataWarning, stacklevel=2)
    iris = sorted(str(n) for n in nodes if isinstance(n, URIRef))
    if not iris:
        raise InputError("the input holds no pole (no resource of type ptce:Pole)", source="report",
                         expected="a spreadsheet bundle or RDF describing a ptce:Pole")
    identifiers = {iri: _identifier(graph, iri) for iri in iris}
    slugs = page_names(identifiers.items())
    settings = _Settings(lang=lang, as_of=date, definitions=tuple(d.id for d in defs), engine=engine,
                         folder=Path(), typology=typology(graph, lang=lang), referentiel=referentiel_gap(graph))
    workers = _jobs(jobs, len(iris))
    poles: list[PoleReport] = []
    with atomic_directory(target, replaces=_is_report, previous="ptce report") as folder:
        (folder / FIGURES).mkdir()
        (folder / ICON).write_bytes(icon())
        settings = replace(settings, folder=folder)
        results: Iterable[tuple[PoleReport, list[Any]]]
        checklists = _checklists(graph, defs, date, lang) if engine is None else {}
        if workers > 1:
            tasks = [(iri, slugs[iri], pole_shard(graph, URIRef(iri)), checklists.get(iri)) for iri in iris]
            results = _poles_in_parallel(settings, tasks, workers)
        else:
            results = (_report_pole(settings, iri, slugs[iri], pole_shard(graph, URIRef(iri)), checklists.get(iri))
                       for iri in iris)
        for entry, caught in progress_bar(results, text("progress", lang), total=len(iris), enabled=progress):
            for category, message in caught:
                warnings.warn(message, category, stacklevel=2)
            poles.append(entry)
        poles.sort(key=lambda p: (_sort_key(p.label), p.iri))
        report = Report(folder=Path(output), lang=lang, as_of=date, definitions=tuple(d.id for d in defs), poles=poles)
        maps = _maps(graph, folder, lang)
        (folder / "index.html").write_text(_index_page(settings.context(graph), poles, maps), encoding="utf-8")
        (folder / MANIFEST).write_text(json.dumps(report.to_dict(), ensure_ascii=False, indent=2) + "\n",
                                       encoding="utf-8")
        _open_permissions(folder)
    return report


def _checklists(graph: Graph, defs: tuple[Definition, ...], as_of: _dt.date, lang: str
                ) -> dict[str, DefinitionComparison]:
    """Every pole's checklist from one run of the shapes over the whole data, not one run per pole.

    The batch engine on an Oxigraph store (:class:`ptce_graph.registry.Registry`, as ``ptce validate``):
    each query runs once for all the poles, and each page says what ``ptce validate`` says of its pole (a
    test compares them).  Each pole keeps only its own verdicts, so that a worker receives little.
    """
    registry = Registry()
    try:
        registry.load(graph)
        whole = registry.compare(definitions=[d.id for d in defs], as_of=as_of, lang=lang)
    finally:
        registry.close()
    return {pole: whole.of_one_pole([r[pole] for r in whole.reports]) for pole in whole.poles}


def _jobs(jobs: int | None, poles: int) -> int:
    if jobs is not None and jobs < 0:
        raise ValueError(f"jobs must be a whole number ≥ 0, not {jobs}")
    wanted = jobs or os.cpu_count() or 1
    return max(1, min(wanted, poles))


def _pole_class() -> URIRef:
    return PTCE.Pole


def _identifier(graph: Graph, iri: str) -> str:
    node = URIRef(iri)
    ident = graph.value(node, DCTERMS.identifier)
    if ident is not None and str(ident).strip():
        return str(ident)
    local = iri.rstrip("/").rsplit("/", 1)[-1].rsplit("#", 1)[-1]
    return local or iri


def _open_permissions(folder: Path) -> None:
    """The temporary folder is private (mode 0700); a report is meant to be read: use the umask."""
    umask = os.umask(0)
    os.umask(umask)
    os.chmod(folder, 0o777 & ~umask)
    os.chmod(folder / FIGURES, 0o777 & ~umask)
