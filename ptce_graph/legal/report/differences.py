"""How one pole's verdicts differ between definitions, explained with the words of the sources.

The definition of a PTCE moved between 2010 and 2015: a grouping born of
citizen initiatives may fit the Labo de l'ESS definition and not the law; one
with only mutualisation fits the law and not the Senate's text.  A
:class:`VerdictDifference` says that a pole fares better under some
definitions than under another and which clauses make it so, with the words
of the two sources and the message of each clause: "fits Law 2014 but not
Senate 2013: under Senate 2013, …; here: the pole has only mutualisation…".
A :class:`ClauseDifference` is a clause whose status differs without
changing the verdict.  Sentences name each definition by its short name
(:meth:`Definition.name`); the JSON keeps the ids.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from ptce_graph.legal.report.verdicts import ClauseResult, ClauseStatus, PoleVerdict, Verdict
from ptce_graph.legal.spec.definitions import definitions
from ptce_graph.wording import listing

__all__ = ["VerdictDifference", "ClauseDifference", "STATUS_RANK"]

#: Clause statuses from worst to best, for comparing definitions.
STATUS_RANK = {ClauseStatus.MET: 2, ClauseStatus.UNKNOWN: 1, ClauseStatus.NOT_MET: 0}


def _name(definition_id: str, lang: str) -> str:
    """A definition as a sentence names it: « Loi 2014 » for law-2014 (its id if it is not a packaged one)."""
    known = definitions().get(definition_id)
    return known.name(lang) if known is not None else definition_id


def _verdict_phrase(better: Sequence[PoleVerdict], worse: PoleVerdict, lang: str) -> str:
    names = listing([b.definition.name(lang) for b in better], lang)
    va, vb, b = better[0].verdict, worse.verdict, worse.definition.name(lang)
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
    b_def = worse.definition.name(lang)
    here = " ".join(b_clause.sentences(lang))
    statement = b_clause.clause.statement(lang).rstrip(".")
    statement = statement[:1].lower() + statement[1:]  # after a colon
    having = [b for b in better if b.definition.has_clause(clause_id)]
    if having:
        said = listing(
            [
                f"{b.definition.name(lang)} {'dit' if lang == 'fr' else 'says'} {b.clause(clause_id).words}"
                for b in having
            ],
            lang,
        )
        if lang == "fr":
            text = f"selon {b_def}, {b_clause.words} : {statement}, là où {said}"
        else:
            text = f"under {b_def}, {b_clause.words}: {statement}, where {said}"
    else:
        others = listing([b.definition.name(lang) for b in better], lang)
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
        """One sentence per clause that makes the difference, citing both sources."""
        return [_reason(c, self.better, self.worse, lang) for c in self.clauses]

    def headline(self, lang: str = "fr") -> str:
        """« répond à Loi 2014 mais pas à Sénat 2013 » (or in English)."""
        return _verdict_phrase(self.better, self.worse, lang)

    def explanation(self, lang: str = "fr") -> str:
        """The headline and the reasons in one sentence."""
        reasons = self.reasons(lang)
        colon = " : " if lang == "fr" else ": "
        return self.headline(lang) + (colon + " — ".join(reasons) if reasons else "")

    def to_dict(self, lang: str = "fr") -> dict[str, Any]:
        """The difference in the JSON comparison."""
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
        """The clause's status under each definition (None where it has no such clause)."""
        return {d: (r.status if r else None) for d, r in self.results.items()}

    def explanation(self, lang: str = "fr") -> str:
        """The statuses, the words of each source and what the data shows."""
        present = {d: r for d, r in self.results.items() if r is not None}
        label = next(iter(present.values())).label(lang)
        groups: dict[ClauseStatus, list[str]] = {}
        for d, r in present.items():
            groups.setdefault(r.status, []).append(d)
        under = "sous" if lang == "fr" else "under"
        parts = [
            f"{s.label(lang)} {under} {listing([_name(d, lang) for d in ds], lang)}"
            for s, ds in sorted(groups.items(), key=lambda kv: -STATUS_RANK[kv[0]])
        ]
        words = "; ".join(f"{_name(d, lang)} {r.words}" for d, r in present.items())
        worst = min(present.values(), key=lambda r: STATUS_RANK[r.status])
        here = " ".join(worst.sentences(lang))
        if lang == "fr":
            return f"{label} : {', '.join(parts)} — {words}. Ici : {here}"
        return f"{label}: {', '.join(parts)} — {words}. Here: {here}"

    def to_dict(self, lang: str = "fr") -> dict[str, Any]:
        """The difference in the JSON comparison."""
        return {
            "clause": self.clause,
            "statuses": {d: (s.value if s else None) for d, s in self.statuses.items()},
            "explanation": self.explanation(lang),
        }
