"""Every pole under several definitions side by side, each difference explained.

A :class:`DefinitionComparison` holds one
:class:`~ptce_graph.legal.report.legal_report.LegalReport` per definition
over the same data and date (built by
:func:`ptce_graph.legal.compare_definitions` or a registry) and finds, per
pole, the differences of verdict and of clause status
(:mod:`ptce_graph.legal.report.differences`).  It renders like a report: text
(a table clauses × definitions), JSON (the reports plus a ``comparison``
section) and Turtle (every report's triples).
"""

from __future__ import annotations

import datetime as _dt
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, replace
from typing import Any

from ptce_graph.io import json_text
from ptce_graph.legal.report.differences import STATUS_RANK, ClauseDifference, VerdictDifference
from ptce_graph.legal.report.legal_report import LegalReport
from ptce_graph.legal.report.rdf import reports_turtle
from ptce_graph.legal.report.text import render_comparison
from ptce_graph.legal.report.verdicts import ClauseStatus, PoleVerdict, Verdict, check_lang
from ptce_graph.legal.spec.definitions import Definition, clause_order

__all__ = ["DefinitionComparison"]


@dataclass(frozen=True)
class DefinitionComparison:
    """The reports of several definitions over the same data and date, with their differences."""

    as_of: _dt.date
    reports: tuple[LegalReport, ...]
    lang: str = "fr"
    #: The definitions asked for whose text did not exist yet at the date: not judged, and said so.
    left_out: tuple[Definition, ...] = ()

    def left_out_sentence(self, lang: str = "fr") -> str:
        """« Non comparées : law-2014 (s'applique à partir du 2014-08-02)… », or empty."""
        if not self.left_out:
            return ""
        items = ", ".join(f"{d.id} ({'à partir du' if lang == 'fr' else 'from'} {d.valid_from})"
                          for d in self.left_out)
        if lang == "fr":
            return f"Non jugées, leur texte n'existant pas encore au {self.as_of.isoformat()} : {items}."
        return f"Not judged, as their text did not exist yet on {self.as_of.isoformat()}: {items}."

    @property
    def definitions(self) -> tuple[str, ...]:
        """The compared definitions' ids, in chronological order."""
        return tuple(r.definition.id for r in self.reports)

    @property
    def poles(self) -> list[str]:
        """The poles' ids, in the reports' order."""
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
        """Every clause id some compared definition has, in the order of the clause kinds."""
        present = {c.id for r in self.reports for c in r.definition.clauses}
        return [c for c in clause_order() if c in present]

    def verdicts(self, pole: str) -> dict[str, Verdict]:
        """One pole's verdict under each definition."""
        return {r.definition.id: r[pole].verdict for r in self.reports}

    def clause_differences(self, pole: str) -> list[ClauseDifference]:
        """The clauses whose status differs between the definitions, for one pole."""
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
                        and STATUS_RANK[better.clause(k).status] <= STATUS_RANK[worse.clause(k).status]
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
        """The reports and, per pole, the verdicts, statuses and differences, as JSON data."""
        lang = check_lang(lang or self.lang)
        comparison = [self.pole_entry(pole, lang) for pole in self.poles]
        return {
            "as_of": self.as_of.isoformat(),
            "lang": lang,
            "definitions": [r.to_dict(lang) for r in self.reports],
            "comparison": comparison,
            "left_out": [{"definition": d.id, "valid_from": str(d.valid_from), "why": self.left_out_sentence(lang)}
                         for d in self.left_out],
        }

    def of_one_pole(self, verdicts: Sequence[PoleVerdict]) -> DefinitionComparison:
        """These definitions, date and texts left out, with one pole's ``verdicts`` (one per report) and
        nothing else (no warning of no pole, no result): what a page, or a worker process, needs of a pole."""
        return DefinitionComparison(
            as_of=self.as_of, lang=self.lang, left_out=self.left_out,
            reports=tuple(replace(r, poles=(v,), warnings=(), results=(), result_messages={})
                          for r, v in zip(self.reports, verdicts, strict=True)))

    def pole_entry(self, pole: str, lang: str) -> dict[str, Any]:
        """One pole's entry of :meth:`to_dict`'s ``comparison`` (its verdicts, statuses and differences)."""
        return {
            "pole": pole,
            "label": self.reports[0][pole].label,
            "verdicts": {d: v.value for d, v in self.verdicts(pole).items()},
            "clauses": {
                k: {
                    r.definition.id: (r[pole].clause(k).status.value if r.definition.has_clause(k) else None)
                    for r in self.reports
                }
                for k in self.clause_ids
            },
            "differences": [d.to_dict(lang) for d in self.differences(pole)],
        }

    def to_json(self, lang: str | None = None, *, indent: int | None = 2) -> str:
        """The comparison as JSON text."""
        return json_text.dumps(self.to_dict(lang), indent=indent) + "\n"

    def to_turtle(self) -> str:
        """Every report's ``sh:ValidationReport`` and ``ptce:Evaluation`` resources, in one Turtle file."""
        return reports_turtle(self.reports, as_of=self.as_of)

    def render_text(self, lang: str | None = None, *, warnings: bool = True, width: int = 100) -> str:
        """The definitions side by side, each difference explained."""
        return render_comparison(self, check_lang(lang or self.lang), show_warnings=warnings, width=width)
