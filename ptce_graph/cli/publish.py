"""Publish inputs into a named graph of a SPARQL store, replacing it safely.

The named graph is replaced as a whole: the data goes to a staging graph
first (or in one atomic PUT), and a failure says what state the named graph
is in (not written to, not changed, or what the store holds).  Every update
sent is read back first: no value of the data can run as SPARQL.  Oxigraph, Virtuoso and Fuseki are recognised from
the endpoint; any SPARQL 1.1 store works with --store generic and its
--update-endpoint / --gsp-endpoint.  Credentials come from the environment,
never the command line: PTCE_STORE_USER and PTCE_STORE_PASSWORD (or
PTCE_STORE_PASSWORD_FILE), PTCE_STORE_AUTH=basic|digest|auto,
PTCE_STORE_CA_BUNDLE for a private certificate authority.  Blank nodes are
published as stable skolem IRIs unless --keep-blank-nodes.
"""

from __future__ import annotations

import argparse
import json

from ptce_graph.cli._common import add_inputs, emit, fail, load_inputs
from ptce_graph.iris import DEFAULT_BASE
from ptce_graph.publish.metadata import default_dataset_iri
from ptce_graph.publish.store import DEFAULT_TIMEOUT, STORE_KINDS, publish

NAME = "publish"
HELP = "replace a named graph of a SPARQL store (Oxigraph, Virtuoso, Fuseki...) by the inputs"


def configure(parser: argparse.ArgumentParser) -> None:
    add_inputs(parser)
    parser.add_argument(
        "--endpoint",
        metavar="URL",
        required=True,
        help="the store's SPARQL endpoint (e.g. http://localhost:7878/query, http://localhost:8890/sparql)",
    )
    parser.add_argument(
        "--graph",
        metavar="IRI",
        default=None,
        help="named graph to replace (default: the dataset IRI, {pole}/dataset for one pole)",
    )
    parser.add_argument(
        "--store",
        choices=STORE_KINDS,
        default="auto",
        help="kind of store (default: recognised from the server)",
    )
    parser.add_argument(
        "--method",
        choices=("auto", "gsp", "update"),
        default="auto",
        help="Graph Store Protocol or SPARQL Update (default: GSP when the store has it)",
    )
    parser.add_argument("--update-endpoint", metavar="URL", default=None, help="SPARQL Update endpoint")
    parser.add_argument("--gsp-endpoint", metavar="URL", default=None, help="Graph Store Protocol endpoint")
    parser.add_argument(
        "--timeout",
        metavar="SECONDS",
        type=float,
        default=DEFAULT_TIMEOUT,
        help=f"seconds to wait for each answer (default {DEFAULT_TIMEOUT:g})",
    )
    parser.add_argument(
        "--chunk",
        metavar="TRIPLES",
        type=int,
        default=None,
        help="triples per request (larger data goes through a staging graph)",
    )
    parser.add_argument(
        "--keep-blank-nodes",
        action="store_true",
        help="send blank nodes as they are instead of stable skolem IRIs",
    )
    parser.add_argument("--no-verify", action="store_true", help="do not count the triples stored afterwards")
    parser.add_argument("-f", "--format", choices=("human", "json"), default="human", help="report format")
    parser.add_argument("--lang", choices=("fr", "en"), default="fr", help="language of the report")


def run(args: argparse.Namespace) -> int:
    if args.timeout <= 0:
        return fail("--timeout must be positive")
    graph = load_inputs(args)
    base = args.base or DEFAULT_BASE
    target = args.graph or str(default_dataset_iri(graph, base))
    report = publish(
        graph,
        endpoint=args.endpoint,
        graph=target,
        kind=args.store,
        method=args.method,
        update_endpoint=args.update_endpoint,
        gsp_endpoint=args.gsp_endpoint,
        timeout=args.timeout,
        chunk_triples=args.chunk,
        skolemize=not args.keep_blank_nodes,
        base=base,
        verify=not args.no_verify,
    )
    if args.format == "json":
        payload = {
            "endpoint": report.endpoint,
            "graph": report.graph,
            "store": report.kind,
            "method": report.method,
            "triples_sent": report.triples_sent,
            "triples_in_store": report.triples_in_store,
            "requests": report.requests,
            "seconds": round(report.seconds, 3),
            "notes": report.notes,
        }
        emit(json.dumps(payload, ensure_ascii=False, indent=2) + "\n", None, kind="json")
    else:
        emit(report.render(args.lang) + "\n", None)
    return 0
