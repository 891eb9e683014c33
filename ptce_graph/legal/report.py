"""The legal validation report: typed, deterministic, in French or English.

A :class:`LegalReport` holds, for one definition and one evaluation date,
a :class:`PoleVerdict` per pole: the verdict, the status of each clause with
the sentence that explains it (:class:`ClauseResult`, built from
:class:`Finding` groups of SHACL results), each actor's ESS status and why
(:class:`ActorESS`) and the data-quality warnings (:class:`QualityWarning`),
which stay beside the verdict.  The SHACL results are kept intact.

It renders to text (the coordinator's checklist), to JSON (ARCHITECTURE.md
contract 2, extended with the words of the law, the findings, the actors, the
warnings and the SHACL results) and to Turtle (an ``sh:ValidationReport`` plus
``ptce:Evaluation`` / ``ptce:ClauseEvaluation`` resources).  Like pySBOL3's
report, it has ``len``, iteration and a readable ``str``; like LinkML's,
:meth:`LegalReport.raise_for_results`.
"""

from __future__ import annotations

import datetime as _dt
import hashlib
import json
from collections.abc import Iterator
from dataclasses import dataclass, field
from enum import StrEnum
from typing import Any

from rdflib import Graph, Literal, URIRef
from rdflib.namespace import RDF, RDFS, SH, XSD

from ptce_graph.errors import PTCEError
from ptce_graph.ess import ESSStatus
from ptce_graph.legal.definitions import Clause, Definition
from ptce_graph.legal.engine import ShaclResult
from ptce_graph.namespaces import DATA, PREFIXES, PROV, PTCE
from ptce_graph.terminal import fold

__all__ = [
    "ClauseStatus",
    "Verdict",
    "Concerned",
    "Finding",
    "ClauseResult",
    "ActorESS",
    "QualityWarning",
    "PoleVerdict",
    "LegalReport",
    "LegalValidationError",
    "LANGUAGES",
    "check_lang",
]

LANGUAGES = ("fr", "en")


class LegalValidationError(PTCEError):
    """Raised by :meth:`LegalReport.raise_for_results` when a pole does not fit (or is undetermined)."""

    def __init__(self, message: str, report: LegalReport) -> None:
        super().__init__(message)
        self.report = report


def check_lang(lang: str) -> str:
    if lang not in LANGUAGES:
        raise ValueError(f"unknown language {lang!r}; expected one of {', '.join(LANGUAGES)}")
    return lang


class ClauseStatus(StrEnum):
    """Three-valued status of a clause."""

    MET = "met"
    NOT_MET = "not-met"
    UNKNOWN = "unknown"

    @property
    def iri(self) -> URIRef:
        return {"met": PTCE.Met, "not-met": PTCE.NotMet, "unknown": PTCE.Unknown}[self.value]

    @property
    def symbol(self) -> str:
        return {"met": "✓", "not-met": "✗", "unknown": "?"}[self.value]

    def label(self, lang: str = "fr") -> str:
        return _STATUS_WORDS[self.value][0 if lang == "fr" else 1]

    def __str__(self) -> str:
        return self.value


_STATUS_WORDS = {
    "met": ("remplie", "met"),
    "not-met": ("non remplie", "not met"),
    "unknown": ("inconnue", "unknown"),
}


class Verdict(StrEnum):
    """A pole's verdict under a definition."""

    FITS = "fits"
    DOES_NOT_FIT = "does-not-fit"
    UNDETERMINED = "undetermined"

    @classmethod
    def of(cls, statuses: list[ClauseStatus]) -> Verdict:
        """fits when every clause is met, does-not-fit when one is not met, undetermined otherwise."""
        if any(s is ClauseStatus.NOT_MET for s in statuses):
            return cls.DOES_NOT_FIT
        if any(s is ClauseStatus.UNKNOWN for s in statuses):
            return cls.UNDETERMINED
        return cls.FITS

    @property
    def iri(self) -> URIRef:
        return {"fits": PTCE.Fits, "does-not-fit": PTCE.DoesNotFit, "undetermined": PTCE.Undetermined}[
            self.value
        ]

    def label(self, lang: str = "fr") -> str:
        return _VERDICT_WORDS[self.value][0 if lang == "fr" else 1]

    @property
    def rank(self) -> int:
        """2 fits, 1 undetermined, 0 does not fit (for comparing definitions)."""
        return {"fits": 2, "undetermined": 1, "does-not-fit": 0}[self.value]

    def __str__(self) -> str:
        return self.value


_VERDICT_WORDS = {
    "fits": ("répond à la définition", "fits the definition"),
    "does-not-fit": ("ne répond pas à la définition", "does not fit the definition"),
    "undetermined": ("indéterminé", "undetermined"),
}

_SEVERITY_KEYS = {SH.Violation: "violation", SH.Warning: "warning", SH.Info: "info"}
_SEVERITY_ORDER = {"violation": 0, "warning": 1, "info": 2}


@dataclass(frozen=True)
class Concerned:
    """A resource a message is about: an actor, a project, a link, a funding line, the pole."""

    id: str
    labels: dict[str, str]

    def label(self, lang: str = "fr") -> str:
        return self.labels.get(lang) or self.labels.get("fr") or self.id

    def to_dict(self, lang: str) -> dict[str, str]:
        return {"id": self.id, "label": self.label(lang)}


@dataclass(frozen=True)
class Finding:
    """The results of one SHACL constraint (or Core shape) for one pole and clause, with its message."""

    severity: str  # violation | warning | info
    source: str  # the SPARQL constraint, or the shape for SHACL Core
    shape: str
    messages: dict[str, str]
    concerned: tuple[Concerned, ...]
    results: tuple[ShaclResult, ...]

    def message(self, lang: str = "fr") -> str:
        return self.messages.get(lang) or self.messages.get("fr", "")

    def to_dict(self, lang: str) -> dict[str, Any]:
        return {
            "severity": self.severity,
            "message": self.message(lang),
            "concerned": [c.to_dict(lang) for c in self.concerned],
            "shape": self.shape,
            "constraint": self.source,
        }


@dataclass(frozen=True)
class ClauseResult:
    """The status of one clause for one pole, and why."""

    clause: Clause
    status: ClauseStatus
    pole: str
    findings: tuple[Finding, ...] = ()

    @property
    def id(self) -> str:
        return self.clause.id

    @property
    def words(self) -> str:
        """The words of the source the clause encodes (« … »)."""
        return self.clause.words

    def label(self, lang: str = "fr") -> str:
        return self.clause.label(lang)

    @property
    def deciding(self) -> tuple[Finding, ...]:
        """The findings that set the status (violations for not-met, warnings for unknown)."""
        wanted = {ClauseStatus.NOT_MET: "violation", ClauseStatus.UNKNOWN: "warning"}.get(self.status)
        return tuple(f for f in self.findings if f.severity == wanted)

    @property
    def notes(self) -> tuple[Finding, ...]:
        return tuple(f for f in self.findings if f.severity == "info")

    def sentences(self, lang: str = "fr") -> list[str]:
        """What explains the status: the findings' messages, or for a met clause what the data shows."""
        if self.status is ClauseStatus.MET:
            head = [self.clause.statement(lang)]
        else:
            head = [f.message(lang) for f in self.findings if f.severity != "info"]
        return head + [f.message(lang) for f in self.notes]

    def message(self, lang: str = "fr") -> str:
        return " ".join(self.sentences(lang))

    @property
    def focus(self) -> list[str]:
        ids = sorted({c.id for f in self.deciding for c in f.concerned})
        return ids or [self.pole]

    @property
    def results(self) -> tuple[ShaclResult, ...]:
        return tuple(r for f in self.findings for r in f.results)

    def to_dict(self, lang: str = "fr") -> dict[str, Any]:
        return {
            "status": self.status.value,
            "message": self.message(lang),
            "focus": self.focus,
            "label": self.label(lang),
            "words": self.words,
            "clause": str(self.clause.iri),
            "findings": [f.to_dict(lang) for f in self.findings],
            "shacl": [_result_dict(r) for r in self.results],
        }


@dataclass(frozen=True)
class ActorESS:
    """An actor of a pole, its ESS status (article 1) and why."""

    id: str
    labels: dict[str, str]
    relation: str | None  # member | partner | None (not recorded)
    kind: str | None
    legal_form: str | None
    legal_form_labels: dict[str, str]
    ess_mention: bool | None
    status: ESSStatus
    reasons: dict[str, str]

    def label(self, lang: str = "fr") -> str:
        return self.labels.get(lang) or self.id

    def reason(self, lang: str = "fr") -> str:
        return self.reasons.get(lang) or self.reasons.get("fr", "")

    def to_dict(self, lang: str = "fr") -> dict[str, Any]:
        return {
            "id": self.id,
            "label": self.label(lang),
            "relation": self.relation,
            "kind": self.kind,
            "legal_form": self.legal_form,
            "ess_mention": self.ess_mention,
            "ess_status": self.status.value,
            "why": self.reason(lang),
        }


@dataclass(frozen=True)
class QualityWarning:
    """A data-quality result: reported beside the verdict, never part of it."""

    focus: str
    focus_labels: dict[str, str]
    shape: str
    names: dict[str, str]
    messages: dict[str, str]
    result: ShaclResult

    def message(self, lang: str = "fr") -> str:
        return self.messages.get(lang) or self.messages.get("fr", "")

    def name(self, lang: str = "fr") -> str:
        return self.names.get(lang) or self.names.get("fr", self.shape)

    def to_dict(self, lang: str = "fr") -> dict[str, Any]:
        return {
            "focus": self.focus,
            "label": self.focus_labels.get(lang) or self.focus,
            "check": self.shape.rsplit("/", 1)[-1],
            "message": self.message(lang),
            "shape": self.shape,
            "shacl": _result_dict(self.result),
        }


@dataclass(frozen=True)
class PoleVerdict:
    """One pole under one definition: verdict, clauses, actors' ESS status, warnings."""

    pole: str
    label: str
    definition: Definition
    verdict: Verdict
    clauses: tuple[ClauseResult, ...]
    actors: tuple[ActorESS, ...] = ()
    warnings: tuple[QualityWarning, ...] = ()

    def __iter__(self) -> Iterator[ClauseResult]:
        return iter(self.clauses)

    def __len__(self) -> int:
        return len(self.clauses)

    def clause(self, clause_id: str) -> ClauseResult:
        for c in self.clauses:
            if c.id == clause_id:
                return c
        raise KeyError(f"{clause_id!r} is not a clause of {self.definition.id}")

    def status(self, clause_id: str) -> ClauseStatus:
        return self.clause(clause_id).status

    @property
    def statuses(self) -> dict[str, ClauseStatus]:
        return {c.id: c.status for c in self.clauses}

    @property
    def fits(self) -> bool:
        return self.verdict is Verdict.FITS

    def counts(self) -> dict[ClauseStatus, int]:
        return {s: sum(1 for c in self.clauses if c.status is s) for s in ClauseStatus}

    def to_dict(self, lang: str = "fr") -> dict[str, Any]:
        return {
            "pole": self.pole,
            "label": self.label,
            "verdict": self.verdict.value,
            "clauses": {c.id: c.to_dict(lang) for c in self.clauses},
            "actors": [a.to_dict(lang) for a in self.actors],
            "warnings": [w.to_dict(lang) for w in self.warnings],
        }


def _term(node: Any) -> Any:
    if node is None:
        return None
    return str(node)


def _result_dict(r: ShaclResult) -> dict[str, Any]:
    return {
        "severity": r.severity_name,
        "focus": _term(r.focus),
        "path": _term(r.path),
        "value": _term(r.value),
        "source_shape": _term(r.source_shape),
        "source_constraint": _term(r.source_constraint),
        "constraint_component": _term(r.constraint_component),
        "messages": list(r.messages),
    }


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
        return {p.pole: p.verdict for p in self.poles}

    @property
    def all_warnings(self) -> tuple[QualityWarning, ...]:
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
        lang = check_lang(lang or self.lang)
        return {
            "definition": self.definition.id,
            "as_of": self.as_of.isoformat(),
            "label": self.definition.label(lang),
            "lang": lang,
            "poles": [p.to_dict(lang) for p in self.poles],
            "warnings": [w.to_dict(lang) for w in self.warnings],
        }

    def to_json(self, lang: str | None = None, *, indent: int | None = 2) -> str:
        return json.dumps(self.to_dict(lang), ensure_ascii=False, indent=indent) + "\n"

    # -- Turtle ------------------------------------------------------------------

    def to_graph(self) -> Graph:
        """The report as RDF: an sh:ValidationReport and a ptce:Evaluation per pole, bilingual."""
        graph = Graph()
        add_report_triples(graph, self)
        return graph

    def to_turtle(self) -> str:
        from ptce_graph.io.serialize import to_turtle

        prefixes = {"sh": str(SH), **PREFIXES}
        header = [
            f"PTCE legal validation — {self.definition.id} — as of {self.as_of.isoformat()}",
            "Generated by ptce_graph; messages in French and English.",
        ]
        return to_turtle(self.to_graph(), prefixes=prefixes, header=header).decode("utf-8")

    # -- text --------------------------------------------------------------------

    def render_text(self, lang: str | None = None, *, warnings: bool = True, width: int = 100) -> str:
        from ptce_graph.legal.render import render_report

        return render_report(self, check_lang(lang or self.lang), show_warnings=warnings, width=width)


# ---------------------------------------------------------------------------
#  RDF
# ---------------------------------------------------------------------------


def _mint(kind: str, *parts: object) -> URIRef:
    digest = hashlib.sha1("\x1f".join(str(p) for p in parts).encode("utf-8")).hexdigest()[:16]
    return URIRef(f"{DATA}{kind}/{digest}")


def _node(text: str) -> Any:
    from rdflib import BNode

    return BNode(text[2:]) if text.startswith("_:") else URIRef(text)


def add_report_triples(graph: Graph, report: LegalReport) -> None:
    """Add the sh:ValidationReport and the ptce:Evaluation resources of a report to ``graph``."""
    as_of = Literal(report.as_of.isoformat(), datatype=XSD.date)
    vr = _mint("validation-report", report.definition.id, report.as_of)
    graph.add((vr, RDF.type, SH.ValidationReport))
    graph.add((vr, SH.conforms, Literal(not report.results)))
    graph.add((vr, PTCE.underDefinition, report.definition.iri))
    graph.add((vr, PTCE.asOf, as_of))
    result_iris: dict[ShaclResult, URIRef] = {}
    for r in report.results:
        iri = _mint("shacl-result", report.definition.id, report.as_of, *r.sort_key())
        result_iris[r] = iri
        graph.add((vr, SH.result, iri))
        graph.add((iri, RDF.type, SH.ValidationResult))
        graph.add((iri, SH.focusNode, r.focus))
        graph.add((iri, SH.resultSeverity, r.severity))
        graph.add((iri, SH.sourceShape, r.source_shape))
        for prop, value in (
            (SH.sourceConstraintComponent, r.constraint_component),
            (SH.sourceConstraint, r.source_constraint),
            (SH.resultPath, r.path),
            (SH.value, r.value),
        ):
            if value is not None:
                graph.add((iri, prop, value))
        messages = report.result_messages.get(r)
        if messages:
            for lang, text in sorted(messages.items()):
                graph.add((iri, SH.resultMessage, Literal(text, lang=lang)))
        else:
            for text in r.messages:
                graph.add((iri, SH.resultMessage, Literal(text)))
    for pole in report.poles:
        ev = _mint("evaluation", pole.pole, report.definition.id, report.as_of)
        pole_node = _node(pole.pole)
        graph.add((ev, RDF.type, PTCE.Evaluation))
        graph.add(
            (
                ev,
                RDFS.label,
                Literal(f"{pole.label or pole.pole} — {report.definition.id} — {report.as_of.isoformat()}"),
            )
        )
        graph.add((ev, PTCE.evaluatedPole, pole_node))
        graph.add((ev, PTCE.underDefinition, report.definition.iri))
        graph.add((ev, PTCE.asOf, as_of))
        graph.add((ev, PTCE.verdict, pole.verdict.iri))
        graph.add((ev, PROV.wasDerivedFrom, vr))
        for clause in pole.clauses:
            ce = URIRef(f"{ev}/{clause.id}")
            graph.add((ev, PTCE.hasClauseEvaluation, ce))
            graph.add((ce, RDF.type, PTCE.ClauseEvaluation))
            graph.add((ce, PTCE.clause, clause.clause.iri))
            graph.add((ce, PTCE.status, clause.status.iri))
            for lang in ("fr", "en"):
                graph.add((ce, RDFS.comment, Literal(clause.message(lang), lang=lang)))
            for concerned in clause.focus:
                graph.add((ce, PTCE.concerns, _node(concerned)))
            for r in clause.results:
                graph.add((ce, PROV.wasDerivedFrom, result_iris[r]))
        for actor in pole.actors:
            graph.add((_node(actor.id), PTCE.essStatus, actor.status.iri))


def wrap(text: str, indent: str, width: int) -> str:
    """Wrap a sentence for the terminal, every line indented (never a line that starts with « : »)."""
    return fold(text, width, indent)
