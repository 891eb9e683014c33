"""Cooperation metrics as JSON, CSV or a human-readable table (French by default).

* JSON: ``{"poles": [<PoleMetrics.to_dict()>...], "registry": <RegistrySummary>}``;
  keys in a fixed order, floats rounded to 6 decimal places, missing values
  ``null`` with their reason in ``missing``.
* CSV: one row per pole (with ``--over-time``, followed by one row per
  snapshot date), flattened column names (``by_logic.mutualisation.density``),
  a fixed column order, written by :mod:`ptce_graph.io.csv_writer` (text cells
  that a spreadsheet would run as a formula get a leading apostrophe; with
  ``excel=True``, the French-Excel dialect: ``;``, BOM, decimal comma).
* Table: one block per pole, then a comparison table and the registry summary
  when there are several poles.
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from typing import Any

from ptce_graph.io.csv_writer import EXCEL_FR, PLAIN, csv_text
from ptce_graph.metrics.brokerage import ROLES
from ptce_graph.metrics.compare import COMPARISON_COLUMNS, comparison, registry_summary
from ptce_graph.metrics.graph import GROUPS, LOGICS
from ptce_graph.metrics.results import LOGIC_FIELDS, SCALAR_FIELDS, PoleMetrics, round_value
from ptce_graph.terminal import DEFAULT_WIDTH, fold, grid
from ptce_graph.wording import colon

__all__ = ["to_json", "to_csv", "actors_to_csv", "to_table", "csv_columns", "measure_label", "LABELS",
           "ACTOR_COLUMNS"]

_BROKERAGE_KEYS = (*ROLES, "total")


# ---------------------------------------------------------------------------
#  JSON
# ---------------------------------------------------------------------------


def to_json(results: Sequence[PoleMetrics], *, lang: str = "fr", actors: bool = False) -> str:
    """The JSON document of ``ptce metrics -f json`` (deterministic)."""
    document = {
        "poles": [r.to_dict(lang=lang, actors=actors) for r in results],
        "registry": registry_summary(results).to_dict(),
    }
    return json.dumps(document, ensure_ascii=False, indent=2, allow_nan=False) + "\n"


# ---------------------------------------------------------------------------
#  CSV
# ---------------------------------------------------------------------------


def _group_names(results: Sequence[PoleMetrics]) -> list[str]:
    extra = sorted({g for r in results for g in r.groups} - set(GROUPS))
    return [*GROUPS, *extra]


def csv_columns(results: Sequence[PoleMetrics], *, over_time: bool = False) -> list[str]:
    """The CSV header, in its fixed order."""
    groups = _group_names(results)
    columns = ["pole", "label"]
    if over_time:
        columns.append("date")
    columns += [*SCALAR_FIELDS, "community_sizes"]
    columns += [f"groups.{g}" for g in groups]
    columns += [f"ei_by_group.{g}" for g in groups]
    columns += ["brokerage.reading", "brokerage.arc_density"]
    for part in ("counts", "expected", "z"):
        columns += [f"brokerage.{part}.{k}" for k in _BROKERAGE_KEYS]
    columns += [f"by_logic.{logic}.{name}" for logic in LOGICS for name in LOGIC_FIELDS]
    columns += ["top_brokers", "missing"]
    return columns


def _cell(value: Any) -> Any:
    # Booleans as words, floats rounded; the CSV writer formats and neutralises the rest.
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, float):
        return round_value(value)
    return value


def _row(r: PoleMetrics, columns: list[str], lang: str, date: str | None) -> list[Any]:
    cells = []
    for column in columns:
        if column == "date":
            cells.append(date or "")
        elif column == "community_sizes":
            cells.append(";".join(str(n) for n in r.community_sizes))
        elif column == "top_brokers":
            cells.append(";".join(b.id for b in r.top_brokers))
        elif column == "missing":
            cells.append(" | ".join(f"{k}: {r.missing[k].reason(lang)}" for k in sorted(r.missing)))
        elif column.startswith("groups."):
            cells.append(_cell(r.groups.get(column[7:], 0)))
        else:
            cells.append(_cell(r.value(column)))
    return cells


#: Columns of the per-actor CSV (``ptce metrics -f csv --actors``).
ACTOR_COLUMNS: tuple[str, ...] = (
    "pole", "actor", "id", "label", "kind", "ess", "relation", "group", "partners", "links", "logics",
    "betweenness", "core", "community", *(f"brokerage.{k}" for k in _BROKERAGE_KEYS),
)


def _dialect(excel: bool) -> Any:
    return (EXCEL_FR if excel else PLAIN).with_lines("\r\n")


def actors_to_csv(results: Sequence[PoleMetrics], *, excel: bool = False) -> str:
    """One row per actor of each pole: its position in the cooperation network.

    ``excel=True`` writes the French-Excel dialect (``;``, decimal comma; the caller adds the BOM).
    """
    rows = []
    for r in results:
        for a in r.actor_measures:
            values: dict[str, Any] = {
                "pole": r.pole, "actor": a.actor, "id": a.id, "label": a.label, "kind": a.kind, "ess": a.ess,
                "relation": a.relation, "group": a.group, "partners": a.partners, "links": a.links,
                "logics": ";".join(a.logics), "betweenness": a.betweenness, "core": a.core,
                "community": a.community, **{f"brokerage.{k}": a.brokerage.get(k) for k in _BROKERAGE_KEYS},
            }
            rows.append([_cell(values[c]) for c in ACTOR_COLUMNS])
    return csv_text(ACTOR_COLUMNS, rows, _dialect(excel))


def to_csv(results: Sequence[PoleMetrics], *, lang: str = "fr", excel: bool = False) -> str:
    """One row per pole, flattened columns; with timelines, one more row per pole and date.

    ``excel=True`` writes the French-Excel dialect (``;``, decimal comma; the caller adds the BOM).
    """
    over_time = any(r.timeline is not None for r in results)
    columns = csv_columns(results, over_time=over_time)
    rows = []
    for r in results:
        rows.append(_row(r, columns, lang, None))
        if r.timeline is not None:
            for point in r.timeline.points:
                rows.append(_row(point.metrics, columns, lang, point.date.isoformat()))
    return csv_text(columns, rows, _dialect(excel))


# ---------------------------------------------------------------------------
#  Table
# ---------------------------------------------------------------------------

LABELS: dict[str, dict[str, str]] = {
    "fr": {
        "actors": "acteurs",
        "members": "membres",
        "partners": "partenaires",
        "links": "liens de coopération",
        "undated_links": "liens sans date",
        "pairs": "paires liées",
        "density": "densité",
        "components": "composantes",
        "isolates": "acteurs isolés",
        "multiplex_pairs": "paires multiplexes",
        "multiplexity": "multiplexité",
        "mean_degree": "degré moyen",
        "transitivity": "transitivité",
        "average_clustering": "clustering local moyen",
        "degree_centralization": "centralisation (degré)",
        "betweenness_centralization": "centralisation (intermédiarité)",
        "betweenness_sample": "intermédiarité estimée sur k acteurs",
        "ei_index": "indice E-I",
        "group_assortativity": "assortativité des groupes",
        "blau": "hétérogénéité de Blau",
        "iqv": "IQV (Blau normalisé)",
        "communities": "communautés (Louvain)",
        "modularity": "modularité",
        "max_core": "k-cœur maximal",
        "main_core_size": "acteurs du k-cœur maximal",
        "projects": "projets",
        "coparticipation_pairs": "paires co-participant à un projet",
        "coparticipation_density": "densité de co-participation",
        "pole": "pôle",
        "date": "date",
        "by_logic": "par logique",
        "groups": "groupes",
        "ei_by_group": "indice E-I par groupe",
        "brokerage": "courtage (Gould-Fernandez, lecture {reading})",
        "top_brokers": "principaux intermédiaires",
        "missing": "non calculé",
        "comparison": "comparaison des pôles",
        "registry": "ensemble des pôles",
        "distinct_actors": "acteurs distincts",
        "actors_in_several_poles": "acteurs de plusieurs pôles",
        "poles": "pôles",
        "timeline": "évolution",
        "no_timeline": "aucun lien daté : pas d'évolution à montrer",
        "count": "nombre",
        "expected": "attendu",
        "z": "z",
        "mean": "moyenne",
        "median": "médiane",
        "min": "min",
        "max": "max",
        "measure": "mesure",
        "symmetric": "symétrique",
        "directed": "orientée",
        "none": "aucun",
        "mutualisation": "mutualisation",
        "interaction": "interaction",
        "animation": "animation",
        "partnership": "partenariat",
        "ess": "ESS",
        "enterprise": "entreprises hors ESS",
        "public": "collectivités",
        "knowledge": "recherche et formation",
        "other": "autres",
        "coordinator": "coordinateur",
        "itinerant": "itinérant",
        "representative": "représentant",
        "gatekeeper": "gardien",
        "liaison": "agent de liaison",
        "total": "total",
        "actor_table": "position des acteurs (par intermédiarité)",
        "actor": "acteur",
        "group": "groupe",
        "partners_of": "partenaires",
        "links_of": "liens",
        "betweenness": "intermédiarité",
        "core": "k-cœur",
        "community": "communauté",
        "brokerage_total": "courtage",
        "arc_density": "densité des arcs",
        "reading": "lecture",
    },
    "en": {
        "actors": "actors",
        "members": "members",
        "partners": "partners",
        "links": "cooperation links",
        "undated_links": "undated links",
        "pairs": "linked pairs",
        "density": "density",
        "components": "components",
        "isolates": "isolated actors",
        "multiplex_pairs": "multiplex pairs",
        "multiplexity": "multiplexity",
        "mean_degree": "mean degree",
        "transitivity": "transitivity",
        "average_clustering": "average local clustering",
        "degree_centralization": "degree centralisation",
        "betweenness_centralization": "betweenness centralisation",
        "betweenness_sample": "betweenness estimated from k actors",
        "ei_index": "E-I index",
        "group_assortativity": "group assortativity",
        "blau": "Blau heterogeneity",
        "iqv": "IQV (normalised Blau)",
        "communities": "communities (Louvain)",
        "modularity": "modularity",
        "max_core": "maximum k-core",
        "main_core_size": "actors in the maximum k-core",
        "projects": "projects",
        "coparticipation_pairs": "pairs co-participating in a project",
        "coparticipation_density": "co-participation density",
        "pole": "pole",
        "date": "date",
        "by_logic": "by logic",
        "groups": "groups",
        "ei_by_group": "E-I index by group",
        "brokerage": "brokerage (Gould-Fernandez, {reading} reading)",
        "top_brokers": "top brokers",
        "missing": "not computed",
        "comparison": "comparison of the poles",
        "registry": "all poles",
        "distinct_actors": "distinct actors",
        "actors_in_several_poles": "actors in several poles",
        "poles": "poles",
        "timeline": "over time",
        "no_timeline": "no dated link: nothing to show over time",
        "count": "count",
        "expected": "expected",
        "z": "z",
        "mean": "mean",
        "median": "median",
        "min": "min",
        "max": "max",
        "measure": "measure",
        "symmetric": "symmetric",
        "directed": "directed",
        "none": "none",
        "mutualisation": "mutualisation",
        "interaction": "interaction",
        "animation": "animation",
        "partnership": "partnership",
        "ess": "ESS",
        "enterprise": "non-ESS enterprises",
        "public": "local authorities",
        "knowledge": "research and training",
        "other": "other",
        "coordinator": "coordinator",
        "itinerant": "itinerant",
        "representative": "representative",
        "gatekeeper": "gatekeeper",
        "liaison": "liaison",
        "total": "total",
        "actor_table": "actors' positions (by betweenness)",
        "actor": "actor",
        "group": "group",
        "partners_of": "partners",
        "links_of": "links",
        "betweenness": "betweenness",
        "core": "k-core",
        "community": "community",
        "brokerage_total": "brokerage",
        "arc_density": "arc density",
        "reading": "reading",
    },
}

_POLE_ROWS = (
    "actors", "members", "partners", "links", "undated_links", "pairs", "density", "components", "isolates",
    "multiplex_pairs", "multiplexity", "mean_degree", "transitivity", "average_clustering",
    "degree_centralization", "betweenness_centralization", "betweenness_sample", "ei_index",
    "group_assortativity", "blau", "iqv", "communities", "modularity", "max_core", "main_core_size",
    "projects", "coparticipation_pairs", "coparticipation_density",
)
_TIMELINE_COLUMNS = ("actors", "links", "pairs", "density", "components", "isolates", "multiplexity",
                     "degree_centralization", "ei_index", "blau")


def _fmt(value: Any, lang: str) -> str:
    if value is None:
        return "—"
    if isinstance(value, float):
        text = f"{value:.3f}"
        if text == "-0.000":
            text = "0.000"
        return text.replace(".", ",") if lang == "fr" else text
    return str(value)


def _grid(headers: Sequence[str] | None, rows: Sequence[Sequence[str]], indent: str = "  ",
          width: int | None = None, left: int = 1) -> list[str]:
    """Aligned columns: the first ``left`` left-aligned (cut with « … » to fit ``width``), the others (numbers)
    right."""
    return grid(headers, rows, width=width, indent=indent, left=left)


def measure_label(name: str, lang: str) -> str:
    """The words for a measure, flattened name included: ``by_logic.animation.density`` is
    « densité — animation », ``brokerage.z.coordinator`` « courtage z — coordinateur »."""
    t = LABELS[lang if lang in LABELS else "fr"]
    parts = name.split(".")
    if len(parts) == 3 and parts[0] == "by_logic":
        return f"{t.get(parts[2], parts[2])} — {t.get(parts[1], parts[1])}"
    if len(parts) == 3 and parts[0] == "brokerage":
        part = {"counts": "count"}.get(parts[1], parts[1])
        return f"{t['brokerage_total']} {t.get(part, part)} — {t.get(parts[2], parts[2])}"
    if len(parts) == 2 and parts[0] in ("ei_by_group", "groups", "brokerage"):
        head = t["brokerage_total"] if parts[0] == "brokerage" else t[parts[0]]
        return f"{head} — {t.get(parts[1], parts[1])}"
    return t.get(name, name)


def _missing_lines(r: PoleMetrics, lang: str, width: int | None) -> list[str]:
    """Measures without a value, grouped by reason: each reason once, with the measures it concerns."""
    by_reason: dict[str, list[str]] = {}
    for name in sorted(r.missing):
        by_reason.setdefault(r.missing[name].reason(lang), []).append(measure_label(name, lang))
    c = colon(lang)
    return [fold(f"{reason}{c}{', '.join(labels)}", width or DEFAULT_WIDTH, "      ", "    ")
            for reason, labels in by_reason.items()]


def _pole_block(r: PoleMetrics, t: dict[str, str], lang: str, width: int | None = None) -> list[str]:
    c = colon(lang)
    folded = width or DEFAULT_WIDTH
    lines = [f"■ {r.label or r.pole}", f"  {r.pole}"]
    rows = [[t[name], _fmt(r.value(name), lang)] for name in _POLE_ROWS]
    lines += _grid(None, rows, width=width)
    lines.append("")
    lines.append(f"  {t['by_logic']}")
    headers = ["", *(t[logic] for logic in LOGICS)]
    rows = [[t[name], *(_fmt(getattr(r.by_logic[logic], name), lang) for logic in LOGICS)]
            for name in LOGIC_FIELDS if all(logic in r.by_logic for logic in LOGICS)]
    lines += _grid(headers, rows, width=width)
    lines.append("")
    groups = " · ".join(f"{t.get(g, g)} {n}" for g, n in r.groups.items())
    lines.append(fold(f"{t['groups']}{c}{groups}", folded, "    ", "  "))
    ei = " · ".join(f"{t.get(g, g)} {_fmt(v, lang)}" for g, v in r.ei_by_group.items())
    lines.append(fold(f"{t['ei_by_group']}{c}{ei}", folded, "    ", "  "))
    if r.brokerage is not None:
        b = r.brokerage
        lines.append("")
        lines.append("  " + t["brokerage"].format(reading=t[b.reading]))
        rows = [[t[k], _fmt(b.counts.get(k), lang), _fmt(b.expected.get(k), lang), _fmt(b.z.get(k), lang)]
                for k in _BROKERAGE_KEYS]
        lines += _grid(["", t["count"], t["expected"], t["z"]], rows, width=width)
    brokers = ", ".join(f"{b.label} ({_fmt(b.betweenness, lang)})" for b in r.top_brokers) or t["none"]
    lines.append("")
    lines.append(fold(f"{t['top_brokers']}{c}{brokers}", folded, "    ", "  "))
    if r.missing:
        lines.append(f"  {t['missing']}{c.rstrip()}")
        lines += _missing_lines(r, lang, width)
    if r.timeline is not None:
        lines.append("")
        lines.append(f"  {t['timeline']} ({t['undated_links']} : {r.timeline.undated_links})" if lang == "fr"
                     else f"  {t['timeline']} ({t['undated_links']}: {r.timeline.undated_links})")
        if r.timeline.points:
            rows = [[p.date.isoformat(), *(_fmt(p.metrics.value(c), lang) for c in _TIMELINE_COLUMNS)]
                    for p in r.timeline.points]
            lines += _grid([t["date"], *(t[c] for c in _TIMELINE_COLUMNS)], rows, width=width)
        else:
            lines.append(f"  {t['no_timeline']}")
    return lines


def _actor_block(r: PoleMetrics, t: dict[str, str], lang: str, width: int | None = None) -> list[str]:
    ranked = sorted(r.actor_measures, key=lambda a: (-(a.betweenness or 0.0), -a.partners, a.label, a.actor))
    rows = [[a.label, t.get(a.group, a.group), str(a.partners), str(a.links), _fmt(a.betweenness, lang),
             _fmt(a.core, lang), _fmt(a.community, lang), str(a.brokerage.get("total", 0))] for a in ranked]
    headers = [t["actor"], t["group"], t["partners_of"], t["links_of"], t["betweenness"], t["core"],
               t["community"], t["brokerage_total"]]
    return ["", f"  {t['actor_table']}", *_grid(headers, rows, width=width, left=2)] if rows else []


def to_table(results: Sequence[PoleMetrics], *, lang: str = "fr", actors: bool = False,
             width: int | None = None) -> str:
    """Human-readable text: a block per pole, then the comparison and the registry summary.

    With ``actors``, each pole's block ends with a table of its actors, by betweenness.  ``width`` (default
    :data:`ptce_graph.terminal.DEFAULT_WIDTH`) is the line length tables are cut to, with « … ».
    """
    t = LABELS[lang if lang in LABELS else "fr"]
    width = width or DEFAULT_WIDTH
    lines: list[str] = []
    for r in results:
        if lines:
            lines.append("")
        lines += _pole_block(r, t, lang, width)
        if actors:
            lines += _actor_block(r, t, lang, width)
    if len(results) > 1:
        lines += ["", f"■ {t['comparison']}"]
        rows = [[str(row["label"] or row["pole"]), *(_fmt(row[c], lang) for c in COMPARISON_COLUMNS)]
                for row in comparison(results)]
        lines += _grid([t["pole"], *(t[c] for c in COMPARISON_COLUMNS)], rows, width=width)
        summary = registry_summary(results)
        lines += ["", f"■ {t['registry']}"]
        lines.append(f"  {t['poles']} {summary.poles} · {t['actors']} {summary.actors} · "
                     f"{t['distinct_actors']} {summary.distinct_actors} · "
                     f"{t['actors_in_several_poles']} {summary.actors_in_several_poles} · "
                     f"{t['links']} {summary.links}")
        rows = []
        for name, stats in summary.measures.items():
            values = (_fmt(stats[k], lang) for k in ("mean", "median", "min", "max"))
            rows.append([measure_label(name, lang), str(stats["poles"]), *values])
        lines += _grid([t["measure"], t["poles"], t["mean"], t["median"], t["min"], t["max"]], rows, width=width)
    return "\n".join(lines) + "\n"

