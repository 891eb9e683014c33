"""Every pole under the four definitions side by side, each difference explained.

The definition of a PTCE moved between 2010 and 2015: a grouping born of
citizen initiatives may fit the Labo de l'ESS definition and not the law; one
with only mutualisation fits the law and not the Senate's text; a
technological project satisfies the law and not the Senate.  :func:`compare_definitions`
runs the shapes of every definition in one pass and explains each difference
with the words of the two sources and the message of the clause that differs:
"fits law-2014 but not senate-2013: under senate-2013, …; here: the pole has
only mutualisation…".
"""

from __future__ import annotations

import datetime as _dt
import json
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from typing import Any

from ptce_graph.legal.definitions import CLAUSE_ORDER, DEFINITION_IDS
from ptce_graph.legal.report import ClauseResult, ClauseStatus, LegalReport, PoleVerdict, Verdict, check_lang

__all__ = ["compare_definitions", "DefinitionComparison", "VerdictDifference", "ClauseDifference"]

_RANK = {ClauseStatus.MET: 2, ClauseStatus.UNKNOWN: 1, ClauseStatus.NOT_MET: 0}


def _and(items: list[str], lang: str) -> str:
    if len(items) <= 1:
        return "".join(items)
    return ", ".join(items[:-1]) + (" et " if lang == "fr" else " and ") + items[-1]


def _verdict_phrase(better: Sequence[PoleVerdict], worse: PoleVerdict, lang: str) -> str:
    names = _and([b.definition.id for b in better], lang)
    va, vb, b = better[0].verdict, worse.verdict, worse.definition.id
    if lang == "fr":
        if va is Verdict.FITS and vb is Verdict.DOES_NOT_FIT:
            return f"répond à {names} mais pas à {b}"
        first = {"fits": f"répond à {names}", "undetermined": f"indéterminé sous {names}"}[va.value]
        second = {"does-not-fit": f"ne répond pas à {b}", "undetermined": f"indéterminé sous {b}"}[vb.value]
        return f"{first}, {second}"
    if va is Verdict.FITS and vb is Verdict.DOES_NOT_FIT:
        return f"fits {names} but not {b}"
    first = {"fits": f"fits {names}", "undetermined": f"undetermined under {names}"}[va.value]
    second = {"does-not-fit": f"does not fit {b}", "undetermined": f"undetermined under {b}"}[vb.value]
    return f"{first}, {second}"


def _reason(clause_id: str, better: Sequence[PoleVerdict], worse: PoleVerdict, lang: str) -> str:
    """Why ``clause_id`` is worse under ``worse``'s definition than under the ``better`` ones."""
    b_clause = worse.clause(clause_id)
    b_def = worse.definition.id
    here = " ".join(b_clause.sentences(lang))
    statement = b_clause.clause.statement(lang).rstrip(".")
    having = [b for b in better if b.definition.has_clause(clause_id)]
    if having:
        said = _and(
            [
                f"{b.definition.id} {'dit' if lang == 'fr' else 'says'} {b.clause(clause_id).words}"
                for b in having
            ],
            lang,
        )
        statement = statement[:1].lower() + statement[1:]
        if lang == "fr":
            text = f"selon {b_def}, {b_clause.words} : {statement}, là où {said}"
        else:
            text = f"under {b_def}, {b_clause.words}: {statement}, where {said}"
    else:
        others = _and([b.definition.id for b in better], lang)
        several = len(better) > 1  # the verb agrees with the definitions named
        if lang == "fr":
            verb = "n'ont pas" if several else "n'a pas"
            text = f"{b_def} exige {b_clause.words} : {statement} ; {others} {verb} cette clause"
        else:
            verb = "have" if several else "has"
            text = f"{b_def} requires {b_clause.words}: {statement}; {others} {verb} no such clause"
    return f"{text} ; ici : {here}" if lang == "fr" else f"{text}; here: {here}"


@dataclass(frozen=True)
class VerdictDifference:
    """A pole has a better verdict under some definitions than under another, because of some clauses."""

    pole: str
    better: tuple[PoleVerdict, ...]
    worse: PoleVerdict
    clauses: tuple[str, ...]  # the clause ids of ``worse`` that make the difference

    def reasons(self, lang: str = "fr") -> list[str]:
        return [_reason(c, self.better, self.worse, lang) for c in self.clauses]

    def headline(self, lang: str = "fr") -> str:
        return _verdict_phrase(self.better, self.worse, lang)

    def explanation(self, lang: str = "fr") -> str:
        reasons = self.reasons(lang)
        colon = " : " if lang == "fr" else ": "
        return self.headline(lang) + (colon + " — ".join(reasons) if reasons else "")

    def to_dict(self, lang: str = "fr") -> dict[str, Any]:
        return {
            "better": [b.definition.id for b in self.better],
            "worse": self.worse.definition.id,
            "verdicts": {
                **{b.definition.id: b.verdict.value for b in self.better},
                self.worse.definition.id: self.worse.verdict.value,
            },
            "clauses": list(self.clauses),
            "explanation": self.explanation(lang),
        }


@dataclass(frozen=True)
class ClauseDifference:
    """A clause kind whose status differs between definitions (None: the definition has no such clause)."""

    pole: str
    clause: str
    results: dict[str, ClauseResult | None]

    @property
    def statuses(self) -> dict[str, ClauseStatus | None]:
        return {d: (r.status if r else None) for d, r in self.results.items()}

    def explanation(self, lang: str = "fr") -> str:
        present = {d: r for d, r in self.results.items() if r is not None}
        label = next(iter(present.values())).label(lang)
        groups: dict[ClauseStatus, list[str]] = {}
        for d, r in present.items():
            groups.setdefault(r.status, []).append(d)
        under = "sous" if lang == "fr" else "under"
        parts = [
            f"{s.label(lang)} {under} {', '.join(ds)}"
            for s, ds in sorted(groups.items(), key=lambda kv: -_RANK[kv[0]])
        ]
        words = "; ".join(f"{d} {r.words}" for d, r in present.items())
        worst = min(present.values(), key=lambda r: _RANK[r.status])
        here = " ".join(worst.sentences(lang))
        if lang == "fr":
            return f"{label} : {', '.join(parts)} — {words}. Ici : {here}"
        return f"{label}: {', '.join(parts)} — {words}. Here: {here}"

    def to_dict(self, lang: str = "fr") -> dict[str, Any]:
        return {
            "clause": self.clause,
            "statuses": {d: (s.value if s else None) for d, s in self.statuses.items()},
            "explanation": self.explanation(lang),
        }


@dataclass(frozen=True)
class DefinitionComparison:
    """The reports of several definitions over the same data and date, with their differences."""

    as_of: _dt.date
    reports: tuple[LegalReport, ...]
    lang: str = "fr"

    @property
    def definitions(self) -> tuple[str, ...]:
        return tuple(r.definition.id for r in self.reports)

    @property
    def poles(self) -> list[str]:
        return [p.pole for p in self.reports[0].poles] if self.reports else []

    def __len__(self) -> int:
        return len(self.poles)

    def __iter__(self) -> Iterator[LegalReport]:
        return iter(self.reports)

    def __getitem__(self, definition: str) -> LegalReport:
        for r in self.reports:
            if r.definition.id == definition:
                return r
        raise KeyError(definition)

    def __str__(self) -> str:
        return self.render_text()

    @property
    def fits(self) -> bool:
        """True when every pole fits every compared definition."""
        return bool(self.reports) and all(r.fits for r in self.reports)

    @property
    def clause_ids(self) -> list[str]:
        present = {c.id for r in self.reports for c in r.definition.clauses}
        return [c for c in CLAUSE_ORDER if c in present]

    def verdicts(self, pole: str) -> dict[str, Verdict]:
        return {r.definition.id: r[pole].verdict for r in self.reports}

    def clause_differences(self, pole: str) -> list[ClauseDifference]:
        out = []
        for k in self.clause_ids:
            results = {
                r.definition.id: (r[pole].clause(k) if r.definition.has_clause(k) else None)
                for r in self.reports
            }
            statuses = {res.status for res in results.values() if res is not None}
            if len(statuses) > 1:
                out.append(ClauseDifference(pole, k, results))
        return out

    def verdict_differences(self, pole: str) -> list[VerdictDifference]:
        """For each definition, the definitions under which the pole fares better, and why.

        Definitions that fare better for the same reasons are grouped: "fits law-2014 and
        decree-2015 but not senate-2013: …".
        """
        verdicts = [r[pole] for r in self.reports]
        grouped: dict[tuple, list[PoleVerdict]] = {}
        for worse in verdicts:
            for better in verdicts:
                if better.verdict.rank <= worse.verdict.rank:
                    continue
                clauses = []
                for k in self.clause_ids:
                    if not worse.definition.has_clause(k) or worse.clause(k).status is ClauseStatus.MET:
                        continue
                    if (
                        better.definition.has_clause(k)
                        and _RANK[better.clause(k).status] <= _RANK[worse.clause(k).status]
                    ):
                        continue
                    clauses.append(k)
                shape = tuple((k, better.definition.has_clause(k)) for k in clauses)
                key = (worse.definition.id, better.verdict, shape)
                grouped.setdefault(key, []).append(better)
        order = {d: i for i, d in enumerate(self.definitions)}
        out = [
            VerdictDifference(
                pole,
                tuple(better),
                next(v for v in verdicts if v.definition.id == key[0]),
                tuple(k for k, _ in key[2]),
            )
            for key, better in grouped.items()
        ]
        return sorted(
            out,
            key=lambda d: (
                order[d.worse.definition.id],
                -d.better[0].verdict.rank,
                [order[b.definition.id] for b in d.better],
            ),
        )

    def differences(self, pole: str) -> list[VerdictDifference | ClauseDifference]:
        """Verdict differences (with the clauses that cause them), then other clause differences."""
        verdict_diffs = self.verdict_differences(pole)
        explained = {k for d in verdict_diffs for k in d.clauses}
        others = [d for d in self.clause_differences(pole) if d.clause not in explained]
        return [*verdict_diffs, *others]

    def to_fill(self, pole: str, lang: str) -> list[tuple[str, str, str]]:
        """(clause, "✗ law-2014, decree-2015", sentence) for every clause not met somewhere."""
        out = []
        for k in self.clause_ids:
            by_sentence: dict[str, list[str]] = {}
            for r in self.reports:
                if not r.definition.has_clause(k):
                    continue
                c = r[pole].clause(k)
                if c.status is ClauseStatus.MET:
                    continue
                key = " ".join(f.message(lang) for f in c.deciding)
                by_sentence.setdefault(key, []).append(f"{c.status.symbol} {r.definition.id}")
            for sentence, where in by_sentence.items():
                out.append((k, ", ".join(where), sentence))
        return out

    def to_dict(self, lang: str | None = None) -> dict[str, Any]:
        lang = check_lang(lang or self.lang)
        comparison = []
        for pole in self.poles:
            first = self.reports[0][pole]
            comparison.append(
                {
                    "pole": pole,
                    "label": first.label,
                    "verdicts": {d: v.value for d, v in self.verdicts(pole).items()},
                    "clauses": {
                        k: {
                            r.definition.id: (
                                r[pole].clause(k).status.value if r.definition.has_clause(k) else None
                            )
                            for r in self.reports
                        }
                        for k in self.clause_ids
                    },
                    "differences": [d.to_dict(lang) for d in self.differences(pole)],
                }
            )
        return {
            "as_of": self.as_of.isoformat(),
            "lang": lang,
            "definitions": [r.to_dict(lang) for r in self.reports],
            "comparison": comparison,
        }

    def to_json(self, lang: str | None = None, *, indent: int | None = 2) -> str:
        return json.dumps(self.to_dict(lang), ensure_ascii=False, indent=indent) + "\n"

    def to_turtle(self) -> str:
        from rdflib import Graph
        from rdflib.namespace import SH

        from ptce_graph.io.serialize import to_turtle
        from ptce_graph.legal.report import add_report_triples
        from ptce_graph.namespaces import PREFIXES

        graph = Graph()
        for r in self.reports:
            add_report_triples(graph, r)
        header = [
            f"PTCE legal validation — {', '.join(self.definitions)} — as of {self.as_of.isoformat()}",
            "Generated by ptce_graph; messages in French and English.",
        ]
        return to_turtle(graph, prefixes={"sh": str(SH), **PREFIXES}, header=header).decode("utf-8")

    def render_text(self, lang: str | None = None, *, warnings: bool = True, width: int = 100) -> str:
        from ptce_graph.legal.render import render_comparison

        return render_comparison(self, check_lang(lang or self.lang), show_warnings=warnings, width=width)


def compare_definitions(
    data: Any,
    *,
    definitions: Sequence[str] = DEFINITION_IDS,
    as_of: _dt.date | str | None = None,
    lang: str = "fr",
    reason: bool = False,
    engine: str | None = None,
    jobs: int = 1,
) -> DefinitionComparison:
    """Validate every pole under several definitions (all four by default) in one pass, and compare.

    Takes the same ``data`` as :func:`ptce_graph.legal.validate`.  The result holds one
    :class:`LegalReport` per definition (chronological order) and explains, per pole,
    each difference of verdict with the words of the sources and the clause messages.
    """
    from ptce_graph.legal.api import evaluate

    check_lang(lang)
    ordered = [d for d in DEFINITION_IDS if d in set(definitions)]
    unknown = [d for d in definitions if d not in DEFINITION_IDS]
    if unknown or not ordered:
        from ptce_graph.legal.definitions import get_definition

        get_definition(unknown[0] if unknown else "")  # raises UnknownDefinitionError
    run = evaluate(data, definitions=ordered, as_of=as_of, engine=engine, reason=reason, jobs=jobs)
    return DefinitionComparison(
        as_of=run.as_of, reports=tuple(run.report(d, lang) for d in ordered), lang=lang
    )
