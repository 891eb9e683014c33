"""``validate()``: does this grouping fit the legal definition of a PTCE, and if not, what is missing?

The pipeline, from the data to the reports: copy the data into a working
graph (with the legal forms' families and the evaluation date,
:mod:`ptce_graph.legal.shacl.working`), run the definitions' shapes and the
data-quality shapes once (:mod:`ptce_graph.legal.shacl.engine`), then turn the
SHACL results into reports (:class:`~ptce_graph.legal.report.evaluation.Evaluation`).
:func:`validate` gives the report of one definition, :func:`compare_definitions`
the reports of several side by side.  The caller's graph is never modified.
A registry held in a store takes another path to the same reports
(:mod:`ptce_graph.legal.store_validation`).
"""

from __future__ import annotations

import datetime as _dt
import os
from collections.abc import Sequence
from typing import Any

from rdflib import Graph

from ptce_graph.dates import parse_day
from ptce_graph.errors import InputError, PTCEError
from ptce_graph.io import as_graph
from ptce_graph.legal.report.comparison import DefinitionComparison
from ptce_graph.legal.report.evaluation import Evaluation
from ptce_graph.legal.report.legal_report import LegalReport
from ptce_graph.legal.report.verdicts import check_lang
from ptce_graph.legal.shacl.engine import default_engine, run_shacl
from ptce_graph.legal.shacl.shapes import QUALITY_FILE, shapes_file, shapes_graph
from ptce_graph.legal.shacl.working import pole_iris, support, working_graph
from ptce_graph.legal.spec.definitions import (
    DEFAULT_DEFINITION,
    DEFINITION_IDS,
    Definition,
    existing,
    get_definition,
    not_yet,
)
from ptce_graph.reasoning import enrich_for_validation

__all__ = [
    "validate",
    "compare_definitions",
    "evaluate",
    "parse_as_of",
    "ReasoningUnavailableError",
]


class ReasoningUnavailableError(PTCEError):
    """``reason=True`` was asked but OWL reasoning is not available.

    Kept for the callers that catch it: :mod:`ptce_graph.reasoning` now ships
    with the package, so validation no longer raises it.
    """


def parse_as_of(as_of: _dt.date | str | None) -> _dt.date:
    """The evaluation date: a date, an ISO ``YYYY-MM-DD`` string, or None for today."""
    if as_of is None:
        return _dt.date.today()
    if isinstance(as_of, _dt.datetime):
        return as_of.date()
    if isinstance(as_of, _dt.date):
        return as_of
    try:
        return parse_day(str(as_of))
    except ValueError:
        raise InputError(
            f"{as_of!r} is not a date", source="as_of",
            expected="an ISO date YYYY-MM-DD (years 0001-9999, ASCII digits)",
        ) from None


def _enrich(graph: Graph, as_of: _dt.date) -> Graph:
    inferred = enrich_for_validation(graph)
    if isinstance(inferred, Graph) and inferred is not graph:
        graph += inferred
    graph += support(graph, as_of)  # for the legal forms, areas and groupings the reasoner may have added
    return graph


def evaluate(
    data: Any,
    *,
    definitions: Sequence[str | Definition] = (DEFAULT_DEFINITION,),
    as_of: _dt.date | str | None = None,
    engine: str | None = None,
    reason: bool = False,
    jobs: int = 1,
) -> Evaluation:
    """Run the shapes of some definitions and the data-quality shapes over the data, once."""
    graph = as_graph(data)
    date = parse_as_of(as_of)
    defs = tuple(d if isinstance(d, Definition) else get_definition(d) for d in definitions)
    working = working_graph(graph, as_of=date)
    if reason:
        working = _enrich(working, date)
    files = tuple(shapes_file(d.id) for d in defs) + (QUALITY_FILE,)
    engine = engine or os.environ.get("PTCE_SHACL_ENGINE") or default_engine()
    results = run_shacl(working, shapes_graph(files), engine=engine, jobs=jobs)
    return Evaluation(
        working=working,
        as_of=date,
        definitions=defs,
        results=tuple(results),
        engine=engine,
        poles=tuple(pole_iris(working)),
    )


def validate(
    data: Any,
    *,
    definition: str = DEFAULT_DEFINITION,
    as_of: _dt.date | str | None = None,
    lang: str = "fr",
    reason: bool = False,
    engine: str | None = None,
    jobs: int = 1,
) -> LegalReport:
    """Check every pole of ``data`` against a legal definition of a PTCE, clause by clause.

    ``data`` is an rdflib graph (never modified), a file or bundle path, a model
    :class:`~ptce_graph.model.Pole`, or a list of them.  ``definition`` is one of
    ``labo-2010``, ``senate-2013``, ``law-2014`` (the law in force, default) and
    ``decree-2015``.  ``as_of`` is the evaluation date (default today): a strategy
    that ended before it is no longer "continuous".  ``lang`` (``fr`` or ``en``) is
    the language of the messages.  ``reason=True`` first adds the facts
    ``ptce_graph.reasoning`` infers.  ``engine`` is ``batch`` (the default:
    the shapes run once for all poles on Oxigraph) or pyshacl on an ``oxigraph``
    or ``rdflib`` store (the reference).  ``jobs``: threads of the batch engine.
    For registries of hundreds of poles, :class:`ptce_graph.registry.Registry`
    keeps the data in Oxigraph instead of rdflib.

    Returns a :class:`LegalReport`: per pole the verdict (fits / does-not-fit /
    undetermined), per clause its status (met / not-met / unknown) and the sentence
    saying what is missing or wrong, the actors' ESS status, data-quality warnings,
    and the SHACL results.
    """
    check_lang(lang)
    too_early = not_yet(get_definition(definition), parse_as_of(as_of))
    if too_early is not None:
        raise too_early
    run = evaluate(data, definitions=(definition,), as_of=as_of, engine=engine, reason=reason, jobs=jobs)
    return run.report(definition, lang)


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
    check_lang(lang)
    ordered = [d for d in DEFINITION_IDS if d in set(definitions)]
    unknown = [d for d in definitions if d not in DEFINITION_IDS]
    if unknown or not ordered:
        get_definition(unknown[0] if unknown else "")  # raises UnknownDefinitionError
    date = parse_as_of(as_of)
    chosen = tuple(get_definition(d) for d in ordered)
    kept = existing(chosen, date)  # the texts that did not exist yet are left out, and said so
    run = evaluate(data, definitions=kept, as_of=date, engine=engine, reason=reason, jobs=jobs)
    return DefinitionComparison(
        as_of=run.as_of, reports=tuple(run.report(d, lang) for d in kept), lang=lang,
        left_out=tuple(d for d in chosen if d not in kept),
    )
