"""What a validation says about each pole: verdicts, clause statuses and why, in French and English.

The typed values of a report, from the smallest: a :class:`Finding` groups
the SHACL results of one constraint for one pole and clause, with its message
naming the :class:`Concerned` actors, projects or links; a
:class:`ClauseResult` is a clause's :class:`ClauseStatus` (three-valued: met,
not met, unknown) with its findings; a :class:`PoleVerdict` is one pole
under one definition — its :class:`Verdict`, its clauses, each actor's ESS
status (:class:`ActorESS`) and the data-quality warnings
(:class:`QualityWarning`), which stay beside the verdict.  Each renders to
the JSON of ARCHITECTURE.md contract 2 (``to_dict``).  The SHACL results are
kept intact.  Whole reports are :mod:`ptce_graph.legal.report.legal_report`.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field
from enum import StrEnum
from typing import Any

from rdflib import URIRef

from ptce_graph.ess import ESSStatus
from ptce_graph.legal.shacl.results import ShaclResult
from ptce_graph.legal.spec.definitions import Clause, Definition
from ptce_graph.namespaces import PTCE

__all__ = [
    "ClauseStatus",
    "Verdict",
    "Concerned",
    "Finding",
    "ClauseResult",
    "ActorESS",
    "QualityWarning",
    "PoleVerdict",
    "CONCERNED_KINDS",
    "LANGUAGES",
    "check_lang",
]

#: The languages of messages and reports.
LANGUAGES = ("fr", "en")


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
        """The ontology's individual for this status (``ptce:Met``, ``ptce:NotMet``, ``ptce:Unknown``)."""
        return {"met": PTCE.Met, "not-met": PTCE.NotMet, "unknown": PTCE.Unknown}[self.value]

    @property
    def symbol(self) -> str:
        """✓, ✗ or ?, as the checklist shows it."""
        return {"met": "✓", "not-met": "✗", "unknown": "?"}[self.value]

    def label(self, lang: str = "fr") -> str:
        """« remplie », « non remplie », « inconnue » (or in English)."""
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
        """The ontology's individual for this verdict (``ptce:Fits``…)."""
        return {"fits": PTCE.Fits, "does-not-fit": PTCE.DoesNotFit, "undetermined": PTCE.Undetermined}[
            self.value
        ]

    def label(self, lang: str = "fr") -> str:
        """« répond à la définition »… (or in English)."""
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

@dataclass(frozen=True)
class Concerned:
    """A resource a message is about: an actor, a project, a link, a funding line, the pole.

    ``kind`` says which (:data:`CONCERNED_KINDS`); ``ref`` is its id in the
    spreadsheet bundle (the ``id`` column of its row) when it has one.
    """

    id: str
    labels: dict[str, str]
    kind: str = ""
    ref: str | None = None

    def label(self, lang: str = "fr") -> str:
        """Its name in ``lang``, else in French, else its id."""
        return self.labels.get(lang) or self.labels.get("fr") or self.id

    def to_dict(self, lang: str) -> dict[str, Any]:
        """Its id, its name in ``lang``, its kind and IRI, for the JSON report."""
        return {"id": self.id, "label": self.label(lang), "kind": self.kind or None, "ref": self.ref}


#: What a :class:`Concerned` resource can be.
CONCERNED_KINDS = ("pole", "actor", "membership", "link", "project", "funding", "strategy", "territory", "area",
                   "legal-form", "other")


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
        """The sentence, in ``lang`` (French if missing)."""
        return self.messages.get(lang) or self.messages.get("fr", "")

    def to_dict(self, lang: str) -> dict[str, Any]:
        """The finding in the JSON report: severity, message, what it concerns, shape and constraint."""
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
    #: The results of the clause's evidence shapes: what in the data meets it (whatever its status).
    shown: tuple[Finding, ...] = ()

    @property
    def id(self) -> str:
        """The clause id (``territory``, ``ess-enterprises``…)."""
        return self.clause.id

    @property
    def words(self) -> str:
        """The words of the source the clause encodes (« … »)."""
        return self.clause.words

    def label(self, lang: str = "fr") -> str:
        """The clause kind's short label in ``lang``."""
        return self.clause.label(lang)

    @property
    def deciding(self) -> tuple[Finding, ...]:
        """The findings that set the status (violations for not-met, warnings for unknown)."""
        wanted = {ClauseStatus.NOT_MET: "violation", ClauseStatus.UNKNOWN: "warning"}.get(self.status)
        return tuple(f for f in self.findings if f.severity == wanted)

    @property
    def notes(self) -> tuple[Finding, ...]:
        """The findings that explain without deciding (``sh:Info``)."""
        return tuple(f for f in self.findings if f.severity == "info")

    def sentences(self, lang: str = "fr") -> list[str]:
        """What explains the status: the findings' messages, or for a met clause what the data shows."""
        if self.status is ClauseStatus.MET:
            head = [self.clause.statement(lang)]
        else:
            head = [f.message(lang) for f in self.findings if f.severity != "info"]
        return head + [f.message(lang) for f in self.notes]

    @property
    def evidence(self) -> tuple[Concerned, ...]:
        """What decided the status: for a met clause, what meets it (the evidence shapes' values); otherwise
        what is missing or wrong (the resources the deciding findings name)."""
        findings = self.shown if self.status is ClauseStatus.MET else self.deciding
        seen: dict[str, Concerned] = {}
        for f in findings:
            for c in f.concerned:
                seen.setdefault(c.id, c)
        return tuple(seen.values())

    def evidence_sentences(self, lang: str = "fr") -> list[str]:
        """The evidence in words: for a met clause, what meets it; otherwise nothing more than the messages."""
        if self.status is not ClauseStatus.MET:
            return []
        return [f.message(lang) for f in self.shown]

    def message(self, lang: str = "fr") -> str:
        """The sentences of :meth:`sentences`, joined."""
        return " ".join(self.sentences(lang))

    @property
    def focus(self) -> list[str]:
        """The ids of what the deciding findings concern, or the pole's."""
        ids = sorted({c.id for f in self.deciding for c in f.concerned})
        return ids or [self.pole]

    @property
    def results(self) -> tuple[ShaclResult, ...]:
        """The SHACL results behind the findings."""
        return tuple(r for f in self.findings for r in f.results)

    def to_dict(self, lang: str = "fr") -> dict[str, Any]:
        """The clause in the JSON report (contract 2: status, message, focus; and more)."""
        return {
            "status": self.status.value,
            "message": self.message(lang),
            "focus": self.focus,
            "label": self.label(lang),
            "words": self.words,
            "clause": str(self.clause.iri),
            "findings": [f.to_dict(lang) for f in self.findings],
            "shacl": [_result_dict(r) for r in self.results],
            "evidence": [c.to_dict(lang) for c in self.evidence],
            "evidence_message": " ".join(self.evidence_sentences(lang)),
            "sources": self.clause.citations(),
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
    cooperative: bool | None = None
    #: Sirene's ESS flag and the ESUS approval: evidence beside the legal reading, never part of it.
    sirene_ess: bool | None = None
    esus: bool | None = None
    esus_date: str | None = None
    #: The recorded facts the ESS status was decided by (ptce_graph.ess.EVIDENCE).
    evidence: tuple[str, ...] = ()
    #: The actor's commune, as the official geography names it, by language.
    commune: dict[str, str] = field(default_factory=dict)

    def label(self, lang: str = "fr") -> str:
        """The actor's name in ``lang``, else its id."""
        return self.labels.get(lang) or self.id

    def reason(self, lang: str = "fr") -> str:
        """Why the ESS status, then what Sirene and the ESUS approval say beside it."""
        text = self.reasons.get(lang) or self.reasons.get("fr", "")
        beside = self.beside(lang)
        return f"{text} ({beside})" if beside else text

    def beside(self, lang: str = "fr") -> str:
        """Sirene's ESS flag and the ESUS approval, in words (empty when neither is recorded)."""
        fr = lang == "fr"
        parts = []
        if self.sirene_ess is not None:
            value = ("oui" if self.sirene_ess else "non") if fr else ("yes" if self.sirene_ess else "no")
            parts.append(f"indicateur ESS de Sirene : {value}" if fr else f"Sirene ESS flag: {value}")
        if self.esus is True:
            since = f" {'depuis' if fr else 'since'} {self.esus_date}" if self.esus_date else ""
            parts.append(("agrément ESUS" if fr else "ESUS approval") + since)
        elif self.esus is False:
            parts.append("pas d'agrément ESUS" if fr else "no ESUS approval")
        return " ; ".join(parts) if fr else "; ".join(parts)

    def to_dict(self, lang: str = "fr") -> dict[str, Any]:
        """The actor in the JSON report."""
        return {
            "id": self.id,
            "label": self.label(lang),
            "relation": self.relation,
            "kind": self.kind,
            "legal_form": self.legal_form,
            "ess_mention": self.ess_mention,
            "cooperative": self.cooperative,
            "ess_status": self.status.value,
            "why": self.reason(lang),
            "evidence": list(self.evidence),
            "sirene_ess": self.sirene_ess,
            "esus": self.esus,
            "esus_date": self.esus_date,
            "commune": self.commune.get(lang) or None,
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
        """The warning, in ``lang``."""
        return self.messages.get(lang) or self.messages.get("fr", "")

    def name(self, lang: str = "fr") -> str:
        """The name of the check, in ``lang``."""
        return self.names.get(lang) or self.names.get("fr", self.shape)

    def to_dict(self, lang: str = "fr") -> dict[str, Any]:
        """The warning in the JSON report, with its SHACL result."""
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
        """The result of one clause (KeyError when the definition has no such clause)."""
        for c in self.clauses:
            if c.id == clause_id:
                return c
        raise KeyError(f"{clause_id!r} is not a clause of {self.definition.id}")

    def status(self, clause_id: str) -> ClauseStatus:
        """The status of one clause."""
        return self.clause(clause_id).status

    @property
    def statuses(self) -> dict[str, ClauseStatus]:
        """Every clause's status, by clause id."""
        return {c.id: c.status for c in self.clauses}

    @property
    def fits(self) -> bool:
        """True when the verdict is *fits*."""
        return self.verdict is Verdict.FITS

    def counts(self) -> dict[ClauseStatus, int]:
        """How many clauses have each status."""
        return {s: sum(1 for c in self.clauses if c.status is s) for s in ClauseStatus}

    def to_dict(self, lang: str = "fr") -> dict[str, Any]:
        """The pole in the JSON report (contract 2)."""
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
