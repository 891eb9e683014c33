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
import functools
from collections.abc import Iterable, Iterator, Sequence
from typing import TYPE_CHECKING

from ptce_graph.legal.report.differences import VerdictDifference
from ptce_graph.legal.report.verdicts import ClauseStatus, PoleVerdict, Verdict
from ptce_graph.legal.spec.definitions import Definition
from ptce_graph.terminal import fold, shorten
from ptce_graph.wording import counted

if TYPE_CHECKING:  # the reports call these renderers: annotations only
    from ptce_graph.legal.report.comparison import DefinitionComparison
    from ptce_graph.legal.report.legal_report import LegalReport

__all__ = [
    "render_report",
    "render_comparison",
    "report_pieces",
    "comparison_pieces",
    "pole_text",
    "comparison_pole_text",
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



@functools.lru_cache(maxsize=8192)
def wrap(text: str, indent: str, width: int) -> str:
    """Wrap a sentence for the terminal, every line indented (never a line that starts with « : »).

    Remembered: the same few sentences (each actor's ESS reason, recurring
    messages) come back thousands of times in a registry's checklist.
    """
    return fold(text, width, indent)


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
    """One line per actor: its name (cut with « … » to leave the reason a third of the width at least),
    relation, ESS status, and the reason folded under it."""
    if not pole.actors:
        return []
    lines = ["", f"  {word('actors', lang)}"]
    rest = 4 + 2 + 11 + 4 + 8 + 1  # indent, gap, relation, "ESS ", status, gap
    name_w = max(min(max(len(a.label(lang)) for a in pole.actors), width - rest - max(width // 3, 24)), 12)
    for a in pole.actors:
        relation = word(a.relation, lang) if a.relation else word("relation?", lang)
        status = word(a.status.value, lang)
        head = f"    {shorten(a.label(lang), name_w):<{name_w}}  {relation:<11} ESS {status:<8} "
        lines.append(wrap(a.reason(lang), " " * len(head), width).replace(" " * len(head), head, 1))
    return lines


def render_warnings(warnings: tuple, lang: str, width: int, title: str) -> list[str]:
    if not warnings:
        return []
    lines = ["", f"  {title} ({len(warnings)})"]
    for w in warnings:
        lines.append(wrap(w.message(lang), "      ", width).replace("      ", "    ! ", 1))
    return lines


def _render_pole(pole: PoleVerdict, lang: str, show_warnings: bool, width: int) -> list[str]:
    sep = " : " if lang == "fr" else ": "
    verdict = f"{word('verdict', lang)}{sep}{pole.verdict.label(lang).upper()} — {_counts(pole, lang)}"
    lines = [wrap(_pole_title(pole), "  ", width).lstrip(), wrap(verdict, "    ", width).replace("    ", "  ", 1), ""]
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


def _header(report: LegalReport, lang: str, width: int) -> list[str]:
    d = report.definition
    sep = " : " if lang == "fr" else ": "
    validity = validity_sentence(d, report.as_of, lang)
    return [
        wrap(f"{word('title', lang)} — {word('definition', lang)} {d.id}{sep}{d.label(lang)} — "
             f"{word('as_of', lang)} {report.as_of.isoformat()}", "", width),
        *([wrap(validity[0].upper() + validity[1:] + ".", "", width)] if validity else []),
        "=" * min(79, width),
    ]


def _summary(verdicts: Sequence[Verdict], lang: str) -> str:
    counts = {k: sum(1 for v in verdicts if v.value == k) for k in ("fits", "does-not-fit", "undetermined")}
    n = len(verdicts)
    if lang == "fr":  # the verb and the adjective agree with the number of poles (plural from 2)
        fits, misses, open_ = (counts[k] for k in ("fits", "does-not-fit", "undetermined"))
        return (
            f"{word('summary', lang)} : {counted(n, 'pole', lang)} — {fits} {'répondent' if fits > 1 else 'répond'}, "
            f"{misses} {'ne répondent pas' if misses > 1 else 'ne répond pas'}, "
            f"{open_} {'indéterminés' if open_ > 1 else 'indéterminé'}."
        )
    return (
        f"{word('summary', lang)}: {counted(n, 'pole', lang)} — {counts['fits']} "
        f"{'fits' if counts['fits'] == 1 else 'fit'}, {counts['does-not-fit']} "
        f"{'does' if counts['does-not-fit'] == 1 else 'do'} not fit, {counts['undetermined']} undetermined."
    )


def render_report(report: LegalReport, lang: str, *, show_warnings: bool = True, width: int = 100) -> str:
    poles = ((pole_text(pole, lang, show_warnings=show_warnings, width=width), pole.verdict) for pole in report.poles)
    return "".join(report_pieces(report, poles, lang, any_pole=bool(report.poles), show_warnings=show_warnings,
                                 width=width))


def pole_text(pole: PoleVerdict, lang: str, *, show_warnings: bool = True, width: int = 100) -> str:
    """One pole's part of :func:`render_report` (poles can be rendered apart, in worker processes)."""
    return "\n".join(_render_pole(pole, lang, show_warnings, width))


def report_pieces(report: LegalReport, poles: Iterable[tuple[str, Verdict]], lang: str, *, any_pole: bool,
                  show_warnings: bool = True, width: int = 100) -> Iterator[str]:
    """The text of ``report`` in pieces (joined, :func:`render_report`'s text), to write as they come.

    ``poles``: each pole's block (:func:`pole_text`) and verdict, in the report's order, made anywhere (in
    worker processes); ``any_pole``: whether there are any (the head says so when not).  Only the
    definition, the date and the warnings of no pole are read from ``report``.
    """
    head = _header(report, lang, width)
    if not any_pole:
        head += ["", word("no_pole", lang)]
    # The pieces of "\n".join(head + ["", block, "", block…] + tail + [""]) (the head is never empty).
    yield "\n".join(head)
    verdicts: list[Verdict] = []
    for block, verdict in poles:
        verdicts.append(verdict)
        yield "\n\n" + block
    tail = render_warnings(report.warnings, lang, width, word("orphans", lang)) if show_warnings else []
    if verdicts:
        tail += ["", _summary(verdicts, lang)]
    yield from _tail(tail)


def _tail(tail: list[str]) -> Iterator[str]:
    """The pieces after the poles' blocks: ``tail``'s lines, then the final newline."""
    for line in tail:
        yield "\n" + line
    yield "\n"


def render_comparison(
    comparison: DefinitionComparison, lang: str, *, show_warnings: bool = True, width: int = 100
) -> str:
    """Per pole: a table clauses × definitions, the differences explained, then what to fill in."""
    blocks = (comparison_pole_text(comparison, pole_id, lang, show_warnings=show_warnings, width=width)
              for pole_id in comparison.poles)
    return "".join(comparison_pieces(comparison, blocks, lang, any_pole=bool(comparison.poles),
                                     show_warnings=show_warnings, width=width))


def comparison_pieces(comparison: DefinitionComparison, blocks: Iterable[str], lang: str, *, any_pole: bool,
                      show_warnings: bool = True, width: int = 100) -> Iterator[str]:
    """The text of ``comparison`` in pieces around its poles' ``blocks`` (:func:`comparison_pole_text`, in
    order, as they come); only the definitions, the date, what is left out and the warnings of no pole are
    read from ``comparison`` (see :func:`report_pieces`)."""
    reports = comparison.reports
    ids = [r.definition.id for r in reports]
    head = [
        wrap(f"{word('title', lang)} — {', '.join(ids)} — {word('as_of', lang)} {comparison.as_of.isoformat()}", "",
             width),
        "=" * min(79, width),
    ]
    left_out = comparison.left_out_sentence(lang)
    if left_out:
        head += [wrap(left_out, "", width)]
    if not any_pole:
        head += ["", word("no_pole", lang)]
    yield "\n".join(head)
    for block in blocks:
        yield "\n\n" + block
    tail = render_warnings(reports[-1].warnings, lang, width, word("orphans", lang)) if show_warnings and reports \
        else []
    yield from _tail(tail)


def comparison_pole_text(comparison: DefinitionComparison, pole_id: str, lang: str, *, show_warnings: bool = True,
                         width: int = 100) -> str:
    """One pole's part of :func:`render_comparison` (``comparison`` may hold that pole alone)."""
    reports = comparison.reports
    ids = [r.definition.id for r in reports]
    verdicts = [r[pole_id] for r in reports]
    lines = [wrap(_pole_title(verdicts[0]), "  ", width).lstrip(), ""]
    kinds = comparison.clause_ids
    label_of: dict[str, str] = {}
    for v in verdicts:
        for c in v.clauses:
            label_of.setdefault(c.id, c.label(lang))
    col_w = max(max(len(i) for i in ids), 12)
    col_w = max(col_w, *(len(short_verdict(v.verdict.value, lang)) for v in verdicts))
    # The clause names give way (cut with « … ») for the table to fit the width, then the verdicts.
    col_w = max(min(col_w, (width - 16) // len(ids) - 2), max(len(i) for i in ids))
    name_w = max(min(max(len(label_of[k]) for k in kinds), width - 4 - len(ids) * (col_w + 2)), 12)
    lines.append(("  " + f"{word('clause', lang):<{name_w}}  " + "  ".join(f"{i:^{col_w}}" for i in ids)).rstrip())
    for k in kinds:
        cells = []
        for v in verdicts:
            cell = v.clause(k).status.symbol if v.definition.has_clause(k) else word("absent", lang)
            cells.append(f"{cell:^{col_w}}")
        lines.append(("  " + f"{shorten(label_of[k], name_w):<{name_w}}  " + "  ".join(cells)).rstrip())
    verdict_cells = [f"{shorten(short_verdict(v.verdict.value, lang), col_w):^{col_w}}" for v in verdicts]
    lines.append(("  " + f"{word('verdict', lang):<{name_w}}  " + "  ".join(verdict_cells)).rstrip())
    lines.append(wrap(word("legend", lang), "  ", width))
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
    return "\n".join(lines)
