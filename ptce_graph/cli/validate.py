"""Check every pole against a legal definition of a PTCE, clause by clause.

The human format is a checklist, in French by default: per pole, each clause
with ✓ (met), ✗ (not met) or ? (unknown), the words of the source and the
sentence that says what is missing or wrong; then each actor's ESS status and
why; then data-quality warnings, which are not part of the verdict.  With
--definition all, a table of clauses × definitions and the differences
explained.  With --endpoint URL --graph IRI, the data is validated where it
lives: the queries run on that SPARQL store (ptce_graph.publish.remote_store).
Exit 0 when every pole fits (every definition, with all), 1 otherwise, 2 on
bad input.
"""

from __future__ import annotations

import argparse
from dataclasses import replace
from typing import Any

from ptce_graph import terminal
from ptce_graph.cli._common import (
    add_inputs,
    add_output,
    add_store,
    check_jobs,
    emit,
    emit_pieces,
    load_inputs,
    open_registry,
)
from ptce_graph.dates import parse_as_of
from ptce_graph.errors import InputError
from ptce_graph.legal import DefinitionComparison, LegalReport, compare_definitions, validate
from ptce_graph.legal.shacl.working import pole_iris
from ptce_graph.legal.spec.definitions import DEFINITION_IDS, existing, get_definition
from ptce_graph.legal.store_validation import StoreValidation, store_poles
from ptce_graph.publish.remote_store import RemoteStore
from ptce_graph.publish.store import STORE_KINDS

NAME = "validate"
HELP = "check poles against a legal definition of a PTCE (SHACL), clause by clause"

#: Outputs that are folders (see cli._common.check_outputs).
OUTPUT_KINDS = {"store": "store"}

_DEFINITIONS = ("labo-2010", "senate-2013", "law-2014", "decree-2015", "all")


def configure(parser: argparse.ArgumentParser) -> None:
    add_inputs(parser, required=False)
    parser.add_argument(
        "--definition",
        "-d",
        choices=_DEFINITIONS,
        default="law-2014",
        metavar="ID",
        help="labo-2010, senate-2013, law-2014 (in force, default), decree-2015, or all "
        "(every definition side by side)",
    )
    parser.add_argument(
        "--as-of",
        metavar="DATE",
        default=None,
        help="evaluation date YYYY-MM-DD (default: today); a strategy ended before it is "
        "no longer continuous",
    )
    parser.add_argument(
        "--lang", choices=("fr", "en"), default="fr", help="language of the messages (default fr)"
    )
    parser.add_argument(
        "-f",
        "--format",
        choices=("human", "json", "turtle"),
        default="human",
        help="human checklist (default), JSON report, or Turtle (sh:ValidationReport + ptce:Evaluation)",
    )
    add_output(parser)
    parser.add_argument(
        "--no-warnings",
        action="store_true",
        help="do not list data-quality warnings in the human output (they stay in JSON and Turtle)",
    )
    parser.add_argument(
        "--reason",
        action="store_true",
        help="add the facts OWL reasoning infers before validating (needs ptce_graph.reasoning)",
    )
    add_store(parser, jobs_help="run the SHACL queries on N threads (default: one per processor)")
    parser.add_argument(
        "--engine",
        choices=("batch", "oxigraph", "rdflib"),
        default=None,
        help="SHACL engine: batch (default: the data in an Oxigraph store, each query once for every pole), "
        "or pyshacl on an oxigraph or rdflib store (the reference, slow)",
    )
    remote = parser.add_argument_group("validation in a SPARQL store (instead of INPUT)")
    remote.add_argument("--endpoint", metavar="URL", default=None,
                        help="validate the registry held by this SPARQL 1.1 store (Oxigraph, Virtuoso...): the queries "
                        "run there; a temporary graph of working triples is written and dropped (credentials as for "
                        "ptce publish: PTCE_STORE_USER, PTCE_STORE_PASSWORD)")
    remote.add_argument("--graph", metavar="IRI", default=None,
                        help="with --endpoint: the named graph holding the registry")
    remote.add_argument("--endpoint-kind", choices=STORE_KINDS, default="auto",
                        help="with --endpoint: the kind of store (default: recognised from the server)")


def run(args: argparse.Namespace) -> int:
    as_of = parse_as_of(args.as_of)
    check_jobs(args)
    result: DefinitionComparison | LegalReport
    if args.endpoint is not None or args.graph is not None:
        result = _on_endpoint(args, as_of)
    elif not args.inputs:
        raise InputError("nothing to validate", source="INPUT",
                         expected="INPUT... (files or bundles), or --endpoint URL --graph IRI")
    elif args.reason or args.engine not in (None, "batch"):  # rdflib holds the data: the reasoner and pyshacl read it
        if args.store is not None:
            raise InputError("--store runs the batch engine without reasoning", source="--store",
                             expected="--store without --reason and --engine")
        result = _in_rdflib(args, as_of)
    else:
        with open_registry(args) as registry:
            if args.format in ("human", "json"):  # made pole by pole in worker processes, written as it comes
                with emit_pieces(args.output, kind="text" if args.format == "human" else "json") as sink:
                    fits = registry.write_validation(
                        sink, definitions=DEFINITION_IDS if args.definition == "all" else (args.definition,),
                        compare=args.definition == "all", as_of=as_of, lang=args.lang,
                        warnings=not args.no_warnings, width=terminal.width(args.output), jobs=args.jobs,
                        format=args.format)
                return 0 if fits else 1
            if args.definition == "all":
                result = registry.compare(as_of=as_of, lang=args.lang, jobs=args.jobs)
            else:
                result = registry.validate(definition=args.definition, as_of=as_of, lang=args.lang, jobs=args.jobs)
    _emit(result, args)
    return 0 if result.fits else 1


def _on_endpoint(args: argparse.Namespace, as_of: Any) -> DefinitionComparison | LegalReport:
    """The batch engine's queries on a SPARQL store (:class:`~ptce_graph.publish.remote_store.RemoteStore`)."""
    if args.inputs or args.endpoint is None or args.graph is None or args.store is not None or args.reason \
            or args.engine not in (None, "batch"):
        raise InputError("--endpoint validates the graph a SPARQL store holds", source="--endpoint",
                         expected="--endpoint URL --graph IRI, without INPUT, --store, --reason or --engine")
    ids = DEFINITION_IDS if args.definition == "all" else (args.definition,)
    with RemoteStore(args.endpoint, graph=args.graph, kind=args.endpoint_kind) as store:
        store.check_data()
        if not store_poles(store, store.graph):  # type: ignore[arg-type]
            raise InputError(f"the graph <{args.graph}> holds no pole (no resource of type ptce:Pole)",
                             source="--graph", expected="the named graph holding the registry")
        wanted = tuple(get_definition(d) for d in ids)
        defs = existing(wanted, as_of)  # as the registry: a text that did not exist yet is left out, and said so
        validation = StoreValidation(store, data_graph=store.graph,  # type: ignore[arg-type]
                                     definitions=defs, as_of=as_of, lang=args.lang, jobs=args.jobs)
        comparison = validation.comparison()
        if len(defs) < len(wanted):
            comparison = replace(comparison, left_out=tuple(d for d in wanted if d not in defs))
    return comparison if args.definition == "all" else comparison.reports[0]


def _in_rdflib(args: argparse.Namespace, as_of: Any) -> DefinitionComparison | LegalReport:
    """Validate an rdflib graph of the inputs: :func:`ptce_graph.legal.validate` (with reasoning, or pyshacl)."""
    graph = load_inputs(args)
    if not pole_iris(graph):
        raise InputError(
            "the input holds no pole (no resource of type ptce:Pole)",
            source=", ".join(args.inputs),
            expected="a spreadsheet bundle or RDF describing a ptce:Pole",
        )
    options = {"as_of": as_of, "lang": args.lang, "reason": args.reason, "engine": args.engine, "jobs": args.jobs}
    if args.definition == "all":
        return compare_definitions(graph, **options)
    return validate(graph, definition=args.definition, **options)


def _emit(result: Any, args: argparse.Namespace) -> None:
    if args.format == "json":
        text = result.to_json(args.lang)
    elif args.format == "turtle":
        text = result.to_turtle()
    else:
        text = result.render_text(args.lang, warnings=not args.no_warnings, width=terminal.width(args.output))
    emit(text, args.output, kind={"json": "json", "turtle": "data"}.get(args.format, "text"))
