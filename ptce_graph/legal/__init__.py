"""Legal validation: does a grouping fit the legal definition of a PTCE, and if not, what is missing?

The four definitions (``labo-2010``, ``senate-2013``, ``law-2014`` — in force,
the default — and ``decree-2015``) are SHACL shapes in ``shapes/``, clause by
clause, in three-valued logic: a clause is met, not met, or unknown when the
data needed is absent.  :func:`validate` checks every pole of the data against
one definition and returns a :class:`LegalReport`; :func:`compare_definitions`
checks them against all four and explains each difference.  See
``docs/validation.md``.

The package has three rooms, in the order the data flows: :mod:`.spec` (what
the law says, as data, and the shapes written from it), :mod:`.shacl` (the
working graph, the engines, typed SHACL results) and :mod:`.report` (verdicts,
reports, renderings).  :mod:`.pipeline` runs them for data in memory;
:mod:`.store_validation` for a registry held in an Oxigraph store; :mod:`.cases` runs a corpus of legal
cases (``ptce cases``).

>>> from ptce_graph.legal import validate                       # doctest: +SKIP
>>> report = validate("bundle/", definition="law-2014", as_of="2026-01-01")
>>> print(report)                                               # the checklist, in French
"""

from __future__ import annotations

from ptce_graph.legal.cases import CaseRun, LegalCase, load_cases, run_cases
from ptce_graph.legal.pipeline import (
    ReasoningUnavailableError,
    compare_definitions,
    evaluate,
    validate,
)
from ptce_graph.legal.report.comparison import DefinitionComparison
from ptce_graph.legal.report.differences import ClauseDifference, VerdictDifference
from ptce_graph.legal.report.evaluation import clause_status
from ptce_graph.legal.report.legal_report import LegalReport, LegalValidationError
from ptce_graph.legal.report.verdicts import (
    ActorESS,
    ClauseResult,
    ClauseStatus,
    Concerned,
    Finding,
    PoleVerdict,
    QualityWarning,
    Verdict,
)
from ptce_graph.legal.shacl.results import EngineError, ShaclResult
from ptce_graph.legal.spec.definitions import (
    DEFAULT_DEFINITION,
    DEFINITION_IDS,
    Clause,
    Definition,
    DefinitionNotYetError,
    UnknownDefinitionError,
    definitions,
    get_definition,
)

__all__ = [
    "validate",
    "compare_definitions",
    "evaluate",
    "clause_status",
    "LegalReport",
    "PoleVerdict",
    "ClauseResult",
    "ClauseStatus",
    "Verdict",
    "Finding",
    "Concerned",
    "ActorESS",
    "QualityWarning",
    "ShaclResult",
    "DefinitionComparison",
    "VerdictDifference",
    "ClauseDifference",
    "Definition",
    "Clause",
    "definitions",
    "get_definition",
    "DEFINITION_IDS",
    "DEFAULT_DEFINITION",
    "LegalValidationError",
    "UnknownDefinitionError",
    "DefinitionNotYetError",
    "ReasoningUnavailableError",
    "LegalCase",
    "CaseRun",
    "load_cases",
    "run_cases",
    "EngineError",
]
