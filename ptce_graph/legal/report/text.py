"""Text renderings: the checklist a coordinator can act on, and the definitions side by side.

French by default.  Per pole: the verdict, then each clause with ✓ (met),
✗ (not met) or ? (unknown), the words of the source in quotes and the
sentence that explains it; then the actors' ESS status and why; then the
data-quality warnings, apart from the verdict.  The words of the checklist
are here, once (:func:`word`, :func:`short_verdict`): the HTML report reads
them from this module.
"""

from __future__ import annotations

import datetime as _dt
import textwrap
from typing import TYPE_CHECKING

from ptce_graph.legal.report.differences import VerdictDifference
from ptce_graph.legal.report.verdicts import ClauseStatus, PoleVerdict
from ptce_graph.legal.spec.definitions import Definition

if TYPE_CHECKING:  # the reports call these renderers: annotations only
    from ptce_graph.legal.report.comparison import DefinitionComparison
    from ptce_graph.legal.report.legal_report import LegalReport

__all__ = [
    "render_report",
    "render_comparison",
    "render_actors",
    "render_warnings",
    "word",
    "short_verdict",
    "wrap",
]

_T = {
    "title": ("Validation PTCE", "PTCE validation"),
    "definition": ("définition", "definition"),
    "as_of": ("au", "as of"),
    "verdict": ("Verdict", "Verdict"),
    "words": ("Mots de la source", "Words of the source"),
    "actors": (
        "Statut ESS des acteurs (article 1er de la loi n° 2014-856)",
        "ESS status of the actors (article 1 of law no. 2014-856)",
    ),
    "warnings": (
        "Qualité des données — avertissements, hors verdict",
        "Data quality — warnings, not part of the verdict",
    ),
    "orphans": ("Avertissements hors de tout pôle", "Warnings outside any pole"),
    "no_pole": ("Aucun pôle (ptce:Pole) dans les données.", "No pole (ptce:Pole) in the data."),
    "member": ("membre", "member"),
    "partner": ("partenaire", "partner"),
    "relation?": ("relation ?", "relation ?"),
    "yes": ("oui", "yes"),
    "no": ("non", "no"),
    "unknown": ("inconnu", "unknown"),
    "summary": ("Bilan", "Summary"),
    "differences": ("Différences entre les définitions", "Differences between the definitions"),
    "no_difference": (
        "Aucune différence : le pôle a le même verdict sous chaque définition.",
        "No difference: the pole has the same verdict under every definition.",
    ),
    "to_fill": ("Ce qui manque ou ne va pas", "What is missing or wrong"),
    "clause": ("clause", "clause"),
    "absent": ("—", "—"),
    "legend": (
        "✓ remplie   ✗ non remplie   ? inconnue   — clause absente de cette définition",
        "✓ met   ✗ not met   ? unknown   — clause absent from this definition",
    ),
}


_SHORT_VERDICTS = {
    "fits": ("répond", "fits"),
    "does-not-fit": ("ne répond pas", "does not fit"),
    "undetermined": ("indéterminé", "undetermined"),
}


def short_verdict(verdict: str, lang: str) -> str:
    """« répond » / "fits": a verdict in the side-by-side table of the definitions."""
    return _SHORT_VERDICTS[verdict][0 if lang == "fr" else 1]


def word(key: str, lang: str) -> str:
    """A word of the checklist in ``lang``: a section title, a relation, an ESS status…"""
    return _T[key][0 if lang == "fr" else 1]



def wrap(text: str, indent: str, width: int) -> str:
    """Wrap a sentence for the terminal, every line indented."""
    return textwrap.fill(
        text,
        width=width,
        initial_indent=indent,
        subsequent_indent=indent,
        break_long_words=False,
        break_on_hyphens=False,
    )


def _pole_title(pole: PoleVerdict) -> str:
    return f"{pole.label} <{pole.pole}>" if pole.label and pole.label != pole.pole else f"<{pole.pole}>"


def _counts(pole: PoleVerdict, lang: str) -> str:
    counts = pole.counts()
    words = {
        ClauseStatus.MET: ("remplie", "remplies", "met", "met"),
        ClauseStatus.NOT_MET: ("non remplie", "non remplies", "not met", "not met"),
        ClauseStatus.UNKNOWN: ("inconnue", "inconnues", "unknown", "unknown"),
    }
    parts = []
    for status in (ClauseStatus.NOT_MET, ClauseStatus.UNKNOWN, ClauseStatus.MET):
        n = counts[status]
        if n:
            fr1, frn, en1, enn = words[status]
            status_word = (fr1 if n == 1 else frn) if lang == "fr" else (en1 if n == 1 else enn)
            clause_word = "clause" if n == 1 else "clauses"
            parts.append(f"{n} {clause_word} {status_word}")
    return ", ".join(parts)


def render_actors(pole: PoleVerdict, lang: str, width: int) -> list[str]:
    if not pole.actors:
        return []
    lines = ["", f"  {word('actors', lang)}"]
    name_w = min(max(len(a.label(lang)) for a in pole.actors), 32)
    for a in pole.actors:
        relation = word(a.relation, lang) if a.relation else word("relation?", lang)
        status = word(a.status.value, lang)
        head = f"    {a.label(lang)[:32]:<{name_w}}  {relation:<11} ESS {status:<8} "
        lines.append(wrap(a.reason(lang), " " * len(head), width).replace(" " * len(head), head, 1))
    return lines


def render_warnings(warnings: tuple, lang: str, width: int, title: str) -> list[str]:
    if not warnings:
        return []
    lines = ["", f"  {title} ({len(warnings)})"]
    for w in warnings:
        lines.append(wrap(w.message(lang), "      ", width).replace("      ", "    ! ", 1))
    return lines


def _render_pole(
    report: LegalReport, pole: PoleVerdict, lang: str, show_warnings: bool, width: int
) -> list[str]:
    lines = [
        _pole_title(pole),
        f"  {word('verdict', lang)} : {pole.verdict.label(lang).upper()} — {_counts(pole, lang)}"
        if lang == "fr"
        else f"  {word('verdict', lang)}: {pole.verdict.label(lang).upper()} — {_counts(pole, lang)}",
        "",
    ]
    for c in pole.clauses:
        lines.append(
            wrap(f"{c.status.symbol} {c.label(lang)} — {c.words}", "      ", width).replace("      ", "  ", 1)
        )
        for sentence in c.sentences(lang):
            lines.append(wrap(sentence, "      ", width))
        for sentence in c.evidence_sentences(lang):
            lines.append(wrap(sentence, "        ", width).replace("        ", "      → ", 1))
    lines += render_actors(pole, lang, width)
    if show_warnings:
        lines += render_warnings(pole.warnings, lang, width, word("warnings", lang))
    return lines


TEXT_FROM = ("s'applique depuis le", "applies from")
TEXT_UNTIL = ("texte courant jusqu'au", "current text until")


def _colon(lang: str) -> str:
    return " : " if lang == "fr" else ": "


def validity_sentence(definition: Definition, as_of: _dt.date, lang: str) -> str:
    """Where the text comes from and when it applies: « Texte : ELI … ; s'applique depuis le … »."""
    fr = lang == "fr"
    parts = []
    ids = definition.elis or definition.legifrance_ids
    if ids:
        parts.append(f"{'texte' if fr else 'text'}{_colon(lang)}{ids[0]}")
    if definition.valid_from is not None:
        parts.append(f"{TEXT_FROM[0] if fr else TEXT_FROM[1]} {definition.valid_from}")
    if definition.valid_until is not None:
        parts.append(f"{TEXT_UNTIL[0] if fr else TEXT_UNTIL[1]} {definition.valid_until}")
        if not definition.current_on(as_of):
            parts.append("remplacé à la date d'évaluation, jugé pour comparaison" if fr
                         else "replaced at the evaluation date, judged for comparison")
    return " ; ".join(parts) if fr else "; ".join(parts)


def _header(report: LegalReport, lang: str) -> list[str]:
    d = report.definition
    sep = " : " if lang == "fr" else ": "
    validity = validity_sentence(d, report.as_of, lang)
    return [
        f"{word('title', lang)} — {word('definition', lang)} {d.id}{sep}{d.label(lang)} — "
        f"{word('as_of', lang)} {report.as_of.isoformat()}",
        *([wrap(validity[0].upper() + validity[1:] + ".", "", 100)] if validity else []),
        "=" * 79,
    ]


def _summary(report: LegalReport, lang: str) -> str:
    counts = {
        v: sum(1 for p in report.poles if p.verdict is v) for v in ("fits", "does-not-fit", "undetermined")
    }
    counts = {k: sum(1 for p in report.poles if p.verdict.value == k) for k in counts}
    n = len(report.poles)
    if lang == "fr":
        return (
            f"{word('summary', lang)} : {n} pôle{'s' if n > 1 else ''} — {counts['fits']} répond, "
            f"{counts['does-not-fit']} ne répond pas, {counts['undetermined']} indéterminé."
        )
    return (
        f"{word('summary', lang)}: {n} pole{'s' if n > 1 else ''} — {counts['fits']} fit, "
        f"{counts['does-not-fit']} do not fit, {counts['undetermined']} undetermined."
    )


def render_report(report: LegalReport, lang: str, *, show_warnings: bool = True, width: int = 100) -> str:
    lines = _header(report, lang)
    if not report.poles:
        lines += ["", word("no_pole", lang)]
    for pole in report.poles:
        lines.append("")
        lines += _render_pole(report, pole, lang, show_warnings, width)
    if show_warnings:
        lines += render_warnings(report.warnings, lang, width, word("orphans", lang))
    if report.poles:
        lines += ["", _summary(report, lang)]
    return "\n".join(lines) + "\n"


def render_comparison(
    comparison: DefinitionComparison, lang: str, *, show_warnings: bool = True, width: int = 100
) -> str:
    """Per pole: a table clauses × definitions, the differences explained, then what to fill in."""
    reports = comparison.reports
    ids = [r.definition.id for r in reports]
    lines = [
        f"{word('title', lang)} — {', '.join(ids)} — {word('as_of', lang)} {comparison.as_of.isoformat()}",
        "=" * 79,
    ]
    left_out = comparison.left_out_sentence(lang)
    if left_out:
        lines += [wrap(left_out, "", width)]
    if not comparison.poles:
        lines += ["", word("no_pole", lang)]
    for pole_id in comparison.poles:
        verdicts = [r[pole_id] for r in reports]
        lines += ["", _pole_title(verdicts[0]), ""]
        kinds = comparison.clause_ids
        label_of: dict[str, str] = {}
        for v in verdicts:
            for c in v.clauses:
                label_of.setdefault(c.id, c.label(lang))
        name_w = max(len(label_of[k]) for k in kinds)
        col_w = max(max(len(i) for i in ids), 12)
        col_w = max(col_w, *(len(short_verdict(v.verdict.value, lang)) for v in verdicts))
        lines.append("  " + f"{word('clause', lang):<{name_w}}  " + "  ".join(f"{i:^{col_w}}" for i in ids))
        for k in kinds:
            cells = []
            for v in verdicts:
                cell = v.clause(k).status.symbol if v.definition.has_clause(k) else word("absent", lang)
                cells.append(f"{cell:^{col_w}}")
            lines.append("  " + f"{label_of[k]:<{name_w}}  " + "  ".join(cells))
        col_w = max(col_w, *(len(short_verdict(v.verdict.value, lang)) for v in verdicts))
        verdict_cells = [f"{short_verdict(v.verdict.value, lang):^{col_w}}" for v in verdicts]
        lines.append("  " + f"{word('verdict', lang):<{name_w}}  " + "  ".join(verdict_cells))
        lines.append("  " + word("legend", lang))
        diffs = comparison.differences(pole_id)
        lines += ["", f"  {word('differences', lang)}"]
        if not diffs:
            lines.append(wrap(word("no_difference", lang), "    ", width))
        for d in diffs:
            if isinstance(d, VerdictDifference):
                colon = " :" if lang == "fr" else ":"
                lines.append(wrap(d.headline(lang) + colon, "      ", width).replace("      ", "    • ", 1))
                for reason in d.reasons(lang):
                    lines.append(wrap(reason, "        ", width).replace("        ", "      – ", 1))
            else:
                lines.append(wrap(d.explanation(lang), "      ", width).replace("      ", "    • ", 1))
        todo = comparison.to_fill(pole_id, lang)
        if todo:
            lines += ["", f"  {word('to_fill', lang)}"]
            for k, status_by_def, sentence in todo:
                lines.append(f"    • {label_of[k]} ({status_by_def})")
                lines.append(wrap(sentence, "      ", width))
        lines += render_actors(verdicts[-1], lang, width)
        if show_warnings:
            lines += render_warnings(verdicts[-1].warnings, lang, width, word("warnings", lang))
    if show_warnings and reports:
        lines += render_warnings(reports[-1].warnings, lang, width, word("orphans", lang))
    return "\n".join(lines) + "\n"
