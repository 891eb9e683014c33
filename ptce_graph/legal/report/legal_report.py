"""The legal validation of every pole of the data under one definition, at one date.

A :class:`LegalReport` holds a
:class:`~ptce_graph.legal.report.verdicts.PoleVerdict` per pole, the
data-quality warnings attached to no pole, and every SHACL result.  It
renders to text (the coordinator's checklist, :mod:`.text`), to JSON
(ARCHITECTURE.md contract 2, extended with the words of the law, the
findings, the actors, the warnings and the SHACL results) and to Turtle (an
``sh:ValidationReport`` plus ``ptce:Evaluation`` / ``ptce:ClauseEvaluation``
resources, :mod:`.rdf`).  Like pySBOL3's report, it has ``len``, iteration
and a readable ``str``; like LinkML's, :meth:`LegalReport.raise_for_results`.
"""

from __future__ import annotations

import datetime as _dt
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Any

from rdflib import Graph

from ptce_graph.errors import PTCEError
from ptce_graph.io import json_text
from ptce_graph.legal.report.rdf import add_report_triples, reports_turtle
from ptce_graph.legal.report.text import render_report
from ptce_graph.legal.report.verdicts import ClauseStatus, PoleVerdict, QualityWarning, Verdict, check_lang
from ptce_graph.legal.shacl.results import ShaclResult
from ptce_graph.legal.spec.definitions import Definition

__all__ = ["LegalReport", "LegalValidationError"]


class LegalValidationError(PTCEError):
    """Raised by :meth:`LegalReport.raise_for_results` when a pole does not fit (or is undetermined)."""

    def __init__(self, message: str, report: LegalReport) -> None:
        super().__init__(message)
        self.report = report


@dataclass(frozen=True)
class LegalReport:
    """The legal validation of every pole of the data under one definition, at one date."""

    definition: Definition
    as_of: _dt.date
    poles: tuple[PoleVerdict, ...]
    lang: str = "fr"
    warnings: tuple[QualityWarning, ...] = ()  # not attached to any pole
    results: tuple[ShaclResult, ...] = ()  # every SHACL result of this definition and of data quality
    engine: str = ""
    result_messages: dict[ShaclResult, dict[str, str]] = field(
        default_factory=dict, compare=False, repr=False
    )

    # -- reading ---------------------------------------------------------------

    def __len__(self) -> int:
        return len(self.poles)

    def __iter__(self) -> Iterator[PoleVerdict]:
        return iter(self.poles)

    def __getitem__(self, key: int | str) -> PoleVerdict:
        if isinstance(key, int):
            return self.poles[key]
        for p in self.poles:
            if p.pole == key or p.label == key:
                return p
        raise KeyError(key)

    def __str__(self) -> str:
        return self.render_text()

    @property
    def fits(self) -> bool:
        """True when every pole fits (and there is at least one)."""
        return bool(self.poles) and all(p.fits for p in self.poles)

    @property
    def verdicts(self) -> dict[str, Verdict]:
        """Each pole's verdict, by pole id."""
        return {p.pole: p.verdict for p in self.poles}

    @property
    def all_warnings(self) -> tuple[QualityWarning, ...]:
        """The poles' warnings, then those attached to no pole."""
        return tuple(w for p in self.poles for w in p.warnings) + self.warnings

    def raise_for_results(self) -> None:
        """Raise :class:`LegalValidationError` unless every pole fits."""
        failing = [p for p in self.poles if not p.fits]
        if not failing and self.poles:
            return
        if not self.poles:
            raise LegalValidationError("the data holds no pole to validate", self)
        lines = []
        for p in failing:
            open_clauses = ", ".join(
                f"{c.id} {c.status.value}" for c in p.clauses if c.status is not ClauseStatus.MET
            )
            lines.append(
                f"{p.label or p.pole}: {p.verdict.value} under {self.definition.id} ({open_clauses})"
            )
        raise LegalValidationError("; ".join(lines), self)

    # -- JSON --------------------------------------------------------------------

    def to_dict(self, lang: str | None = None) -> dict[str, Any]:
        """The report as JSON data (ARCHITECTURE.md contract 2, extended), in ``lang``."""
        lang = check_lang(lang or self.lang)
        d = self.definition
        return {
            "definition": d.id,
            "as_of": self.as_of.isoformat(),
            "label": d.label(lang),
            "lang": lang,
            "validity": {
                "from": str(d.valid_from) if d.valid_from is not None else None,
                "until": str(d.valid_until) if d.valid_until is not None else None,
                "current": d.current_on(self.as_of),
                "eli": list(d.elis),
                "legifrance": list(d.legifrance_ids),
            },
            "poles": [p.to_dict(lang) for p in self.poles],
            "warnings": [w.to_dict(lang) for w in self.warnings],
        }

    def to_json(self, lang: str | None = None, *, indent: int | None = 2) -> str:
        """The report as JSON text (UTF-8, not escaped)."""
        return json_text.dumps(self.to_dict(lang), indent=indent) + "\n"

    # -- Turtle ------------------------------------------------------------------

    def to_graph(self) -> Graph:
        """The report as RDF: an sh:ValidationReport and a ptce:Evaluation per pole, bilingual."""
        graph = Graph()
        add_report_triples(graph, self)
        return graph

    def to_turtle(self) -> str:
        """:meth:`to_graph` as deterministic Turtle, with a header naming the definition and the date."""
        return reports_turtle((self,), as_of=self.as_of)

    # -- text --------------------------------------------------------------------

    def render_text(self, lang: str | None = None, *, warnings: bool = True, width: int = 100) -> str:
        """The checklist a coordinator reads (:mod:`ptce_graph.legal.report.text`)."""
        return render_report(self, check_lang(lang or self.lang), show_warnings=warnings, width=width)
