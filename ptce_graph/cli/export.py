"""Convert inputs to deterministic Turtle, JSON-LD, N-Triples, a spreadsheet bundle or a workbook.

The same input always gives the same bytes.  The format comes from -f or from
the extension of -o (.ttl, .jsonld, .nt, .xlsx, .ods; a folder for a bundle).
A bundle or a workbook holds exactly one pole; what its tables cannot carry is
kept in a « non-repris » table (counted on stderr; --strict refuses it).
--lang fr writes French headers and values (and CSV for French Excel);
--excel writes CSV for French Excel (';', UTF-8 with BOM, decimal comma).
With --with-metadata, a DCAT and VoID description of the file (title, licence,
publisher, dates, sources, ontology and shapes versions, triple and entity
counts, size and checksum) is written beside it: pole.ttl -> pole.metadata.ttl.
"""

from __future__ import annotations

import argparse

from ptce_graph.cli._common import (
    add_inputs,
    add_store,
    check_jobs,
    fail,
    load_inputs,
    open_registry,
    refuse_with_store,
)
from ptce_graph.errors import InputError
from ptce_graph.io.formats import format_from_name
from ptce_graph.iris import DEFAULT_BASE
from ptce_graph.publish.files import export
from ptce_graph.publish.metadata import DatasetInfo

NAME = "export"
HELP = "convert inputs to Turtle, JSON-LD, N-Triples or a spreadsheet bundle (with DCAT/VoID metadata)"
#: Outputs that are folders (see cli._common.check_outputs).
OUTPUT_KINDS = {"output": "auto", "store": "store"}


def configure(parser: argparse.ArgumentParser) -> None:
    add_inputs(parser)
    parser.add_argument(
        "-o",
        "--output",
        metavar="FILE",
        required=True,
        help="output file (.ttl, .jsonld, .nt) or folder (bundle); written atomically",
    )
    parser.add_argument(
        "-f",
        "--format",
        choices=("turtle", "json-ld", "nt", "bundle", "xlsx", "ods"),
        default=None,
        help="output format (default: from the extension of -o)",
    )
    parser.add_argument("--lang", choices=("fr", "en"), default=None,
                        help="bundles and workbooks: language of headers and values (bundle: en, the contract's; "
                             "workbook: fr); messages in that language (default fr)")
    parser.add_argument("--excel", action="store_true",
                        help="bundle CSV that French Excel opens: ';', UTF-8 with BOM, decimal comma (also with "
                             "--lang fr)")
    parser.add_argument("--strict", action="store_true",
                        help="bundles and workbooks: exit 2 if some triples cannot go into the tables")
    parser.add_argument(
        "--skolemize",
        action="store_true",
        help="replace blank nodes by stable IRIs ({base}genid/{hash}) before writing",
    )
    add_store(parser, jobs_help="with --store, write the poles' Turtle in N worker processes (Linux; default 1)")
    meta = parser.add_argument_group("dataset metadata (DCAT and VoID)")
    meta.add_argument(
        "--with-metadata",
        action="store_true",
        help="also write a DCAT/VoID description beside the output (pole.ttl -> pole.metadata.ttl)",
    )
    meta.add_argument(
        "--metadata-output",
        metavar="FILE",
        default=None,
        help="where to write the metadata (default: beside the output)",
    )
    meta.add_argument(
        "--title", default=None, help="dataset title (default: names the poles, in French and English)"
    )
    meta.add_argument("--title-en", default=None, help="English title, when --title is in French")
    meta.add_argument("--description", default=None, help="dataset description")
    meta.add_argument("--description-en", default=None, help="English description")
    meta.add_argument(
        "--license",
        metavar="IRI",
        default=None,
        help="licence IRI, e.g. https://www.etalab.gouv.fr/licence-ouverte-open-licence/",
    )
    meta.add_argument("--publisher", metavar="IRI|NAME", default=None, help="publisher: an IRI or a name")
    meta.add_argument(
        "--issued", metavar="DATE", default=None, help="date of first publication (default: today)"
    )
    meta.add_argument(
        "--modified", metavar="DATE", default=None, help="date of last change (default: --issued)"
    )
    meta.add_argument(
        "--source",
        metavar="IRI",
        action="append",
        default=[],
        help="a source of the data (repeatable); sources cited in the data are added",
    )
    meta.add_argument("--keyword", action="append", default=[], help="a keyword (repeatable)")
    meta.add_argument(
        "--language",
        action="append",
        default=None,
        help="language of the data, e.g. fr (repeatable; default fr)",
    )
    meta.add_argument(
        "--dataset-iri",
        metavar="IRI",
        default=None,
        help="IRI of the dataset (default: {pole}/dataset, or {base}dataset/{hash} for several poles)",
    )
    meta.add_argument("--landing-page", metavar="URL", default=None, help="web page presenting the dataset")
    meta.add_argument(
        "--download-url",
        metavar="URL",
        default=None,
        help="URL of the folder where the file is published (gives dcat:downloadURL)",
    )
    meta.add_argument(
        "--sparql-endpoint", metavar="URL", default=None, help="public SPARQL endpoint serving the data"
    )


_META_OPTIONS = (
    "metadata_output",
    "title",
    "title_en",
    "description",
    "description_en",
    "license",
    "publisher",
    "issued",
    "modified",
    "dataset_iri",
    "landing_page",
    "download_url",
    "sparql_endpoint",
)


def run(args: argparse.Namespace) -> int:
    given = [name for name in _META_OPTIONS if getattr(args, name) is not None]
    given += [name for name in ("source", "keyword") if getattr(args, name)]
    if args.language:
        given.append("language")
    if given and not args.with_metadata:
        return fail(f"--{given[0].replace('_', '-')} describes the metadata: add --with-metadata")
    check_jobs(args)
    if args.store is not None:  # a registry: Turtle pole by pole from an Oxigraph store
        refuse_with_store(args, with_metadata=args.with_metadata, skolemize=args.skolemize)
        fmt = args.format or format_from_name(args.output)
        if fmt != "turtle":
            raise InputError(f"--store writes Turtle, not {fmt or 'this format'}", source=args.output,
                             expected="an output ending in .ttl, or -f turtle")
        with open_registry(args) as registry:
            registry.export(args.output, jobs=args.jobs)
        return 0
    graph = load_inputs(args)
    info = DatasetInfo(
        title=args.title,
        title_en=args.title_en,
        description=args.description,
        description_en=args.description_en,
        license=args.license,
        publisher=args.publisher,
        issued=args.issued,
        modified=args.modified,
        sources=list(args.source),
        keywords=list(args.keyword),
        languages=args.language or ["fr"],
        iri=args.dataset_iri,
        landing_page=args.landing_page,
        download_url=args.download_url,
        sparql_endpoint=args.sparql_endpoint,
    )
    export(
        graph,
        args.output,
        format=args.format,
        with_metadata=args.with_metadata,
        info=info,
        metadata_destination=args.metadata_output,
        skolemize=args.skolemize,
        base=args.base or DEFAULT_BASE,
        lang=args.lang,
        excel=args.excel,
        strict=args.strict,
    )
    return 0
