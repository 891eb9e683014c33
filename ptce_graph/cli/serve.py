"""Serve a registry on the web: linked data that resolves, a read-only SPARQL endpoint, a DCAT catalogue,
and a check page where a coordinator drops a workbook or a bundle and reads the checklist.

The inputs are loaded into an Oxigraph store (a folder: --store, kept between
runs; else a temporary one), every pole is checked under the four legal
definitions and measured once, then uvicorn serves them on HOST:PORT
(127.0.0.1:8000 by default: put a reverse proxy in front to publish).  Every
IRI minted under --base answers at /id/…: 303 to /page/… (HTML) or
/data/….ttl|.jsonld|.nt by Accept.  Stop with Ctrl+C or SIGTERM: the
requests under way finish first.  Exit 0 after a normal stop, 2 on bad input
or options.
"""

from __future__ import annotations

import argparse
import json
import logging
import os
import shutil
import signal
import sys
import tempfile
import warnings
from collections.abc import Callable
from dataclasses import asdict
from pathlib import Path
from typing import Any

from ptce_graph.cli._common import add_inputs, open_registry, print_warnings
from ptce_graph.errors import InputError
from ptce_graph.iris import DEFAULT_BASE, check_iri
from ptce_graph.legal.pipeline import parse_as_of
from ptce_graph.publish.metadata import DatasetInfo
from ptce_graph.registry import Registry

NAME = "serve"
HELP = "serve a registry: linked data that resolves, a SPARQL endpoint, a DCAT catalogue, a check page"

#: Outputs that are folders (see cli._common.check_outputs).
OUTPUT_KINDS = {"store": "store"}


def _positive(kind: Callable[[str], float]) -> Callable[[str], Any]:
    def parse(text: str) -> Any:
        try:
            value = kind(text)
        except ValueError:
            raise argparse.ArgumentTypeError(f"{text!r} is not a number") from None
        if value <= 0:
            raise argparse.ArgumentTypeError("must be more than 0")
        return value

    return parse


def configure(parser: argparse.ArgumentParser) -> None:
    add_inputs(parser, required=False)  # --store alone serves what the store holds
    parser.add_argument("--store", metavar="PATH", default=None,
                        help="folder of the Oxigraph store (created, or its registry replaced by the inputs; "
                             "without inputs, served as it is); default: a temporary folder")
    parser.add_argument("--host", default="127.0.0.1", help="address to listen on (default 127.0.0.1, this machine)")
    parser.add_argument("--port", type=_positive(int), default=8000, help="port (default 8000)")
    parser.add_argument("--lang", choices=("fr", "en"), default="fr",
                        help="language of pages when the browser does not choose (default fr)")
    parser.add_argument("--as-of", metavar="DATE", default=None,
                        help="evaluation date of the legal checks YYYY-MM-DD (default: today)")
    parser.add_argument("--workers", type=_positive(int), default=1,
                        help="server processes (default 1); each reads the prepared store")
    parser.add_argument("--jobs", "-j", type=_positive(int), default=1,
                        help="threads and processes preparing the registry before serving (default 1)")
    parser.add_argument("--public-url", metavar="URL", default=None,
                        help="the server's public address behind a reverse proxy (absolute links of the catalogue)")
    parser.add_argument("--root-path", metavar="PATH", default="",
                        help="the path the reverse proxy serves the application under (e.g. /ptce)")
    parser.add_argument("--proxy-headers", action="store_true",
                        help="trust X-Forwarded-Proto/For from the proxies of --forwarded-allow-ips")
    parser.add_argument("--forwarded-allow-ips", metavar="IPS", default="127.0.0.1",
                        help="proxies whose X-Forwarded headers are trusted (default 127.0.0.1)")
    limits = parser.add_argument_group("limits")
    limits.add_argument("--query-timeout", type=_positive(float), default=10.0, metavar="SECONDS",
                        help="time a SPARQL query may take (default 10)")
    limits.add_argument("--query-limit", type=_positive(int), default=10_000, metavar="N",
                        help="rows or triples of a SPARQL answer at most (default 10000)")
    limits.add_argument("--upload-max", type=_positive(float), default=10.0, metavar="MB",
                        help="largest file of the check page, in megabytes (default 10)")
    limits.add_argument("--check-timeout", type=_positive(float), default=120.0, metavar="SECONDS",
                        help="time the check of an upload may take (default 120)")
    parser.add_argument("--catalog-page-size", type=_positive(int), default=100, metavar="N",
                        help="datasets per page of the DCAT catalogue (default 100)")
    parser.add_argument("--writable", action="store_true",
                        help="let the check page add a pole to the registry when the user asks (needs --store "
                             "and one worker; put it behind an authenticating proxy)")
    parser.add_argument("--no-warm", action="store_true",
                        help="do not render every pole's page in the background after start")
    meta = parser.add_argument_group("catalogue (DCAT)")
    meta.add_argument("--title", default=None, help="title of the registry dataset")
    meta.add_argument("--description", default=None, help="description of the registry dataset")
    meta.add_argument("--license", metavar="IRI", default=None,
                      help="licence IRI, e.g. https://www.etalab.gouv.fr/licence-ouverte-open-licence/")
    meta.add_argument("--publisher", metavar="IRI|NAME", default=None, help="publisher: an IRI or a name")
    parser.add_argument("--log-level", choices=("debug", "info", "warning", "error"), default="info",
                        help="what the server logs on standard error (default info: one JSON line per request)")


def _check_options(args: argparse.Namespace) -> None:
    if args.writable and args.store is None:
        raise InputError("--writable keeps what users add: it needs --store PATH", source="--writable",
                         expected="--writable --store PATH")
    if args.writable and args.workers > 1:
        raise InputError("--writable works with one server process", source="--workers",
                         expected="--workers 1 with --writable")
    if not args.inputs and args.store is None:
        raise InputError("nothing to serve", source="INPUT", expected="INPUT... (files or bundles), or --store PATH "
                         "holding a registry")
    if args.root_path and not args.root_path.startswith("/"):
        raise InputError(f"--root-path {args.root_path!r}", source="--root-path", expected="a path such as /ptce")
    if args.public_url:
        check_iri(args.public_url, what="--public-url")


class _Stopping:
    """SIGTERM before serving stops the preparation (as Ctrl+C does); while serving, uvicorn stops gracefully,
    then sends the signal again to its caller: here, which only lets the command clean up and exit with 0."""

    def __init__(self) -> None:
        self.started = False

    def handle(self, signum: int, frame: object) -> None:
        if not self.started:
            raise KeyboardInterrupt


def run(args: argparse.Namespace) -> int:
    _check_options(args)
    # Deferred: the server (uvicorn, Starlette, jinja2, matplotlib) loads only for this command, not for
    # every `ptce` that builds the parser.
    import uvicorn

    from ptce_graph.serve import ServeSettings, create_app, prepare, save_state
    from ptce_graph.serve.app import SETTINGS_VARIABLE, STATE_VARIABLE

    as_of = parse_as_of(args.as_of)
    base = args.base or DEFAULT_BASE
    serving = _Stopping()
    previous = signal.signal(signal.SIGTERM, serving.handle)
    work = Path(tempfile.mkdtemp(prefix="ptce-serve-"))
    logging.basicConfig(level=getattr(logging, args.log_level.upper()), format="%(message)s", stream=sys.stderr)
    try:
        store = Path(args.store) if args.store else work / "store"
        if args.inputs:
            args.store = str(store)
            registry = open_registry(args)
        else:
            if not store.is_dir():
                raise InputError("no such store", source=str(store), expected="a folder written by ptce serve --store "
                                 "or ptce validate --store")
            registry = Registry(store)
        with registry, warnings.catch_warnings(record=True) as caught:
            warnings.simplefilter("always")
            info = DatasetInfo(title=args.title, description=args.description, license=args.license,
                               publisher=args.publisher)
            state = prepare(registry, work / "files", base=base, lang=args.lang, as_of=as_of, info=info,
                            jobs=args.jobs, writable=args.writable,
                            say=lambda line: print(f"ptce serve: {line}", file=sys.stderr))
        print_warnings(caught, args.lang)  # the data's warnings now, not when the server stops
        settings = ServeSettings(lang=args.lang, query_timeout=args.query_timeout, query_limit=args.query_limit,
                                 upload_max_bytes=int(args.upload_max * 1024 * 1024), check_timeout=args.check_timeout,
                                 public_url=args.public_url, warm=not args.no_warm,
                                 catalog_page_size=args.catalog_page_size)
        shown = args.public_url or f"http://{args.host}:{args.port}{args.root_path}/"
        print(f"ptce serve: {len(state.poles)} pole(s) at {shown} (Ctrl+C to stop)", file=sys.stderr)
        options = {"host": args.host, "port": args.port, "root_path": args.root_path, "access_log": False,
                   "proxy_headers": args.proxy_headers, "forwarded_allow_ips": args.forwarded_allow_ips,
                   "timeout_graceful_shutdown": 30, "log_level": args.log_level, "server_header": False}
        serving.started = True
        # While serving, warnings go to the log (once per place), not into a list that would grow for days.
        with warnings.catch_warnings():
            warnings.simplefilter("default")
            logging.captureWarnings(True)
            try:
                if args.workers > 1:
                    save_state(state)
                    os.environ[STATE_VARIABLE] = str(state.folder)
                    os.environ[SETTINGS_VARIABLE] = json.dumps(asdict(settings))
                    uvicorn.run("ptce_graph.serve.app:app_from_environment", factory=True, workers=args.workers,
                                **options)
                else:
                    uvicorn.run(create_app(state, settings), **options)
            finally:
                logging.captureWarnings(False)
        print("ptce serve: stopped", file=sys.stderr)
        return 0
    finally:
        shutil.rmtree(work, ignore_errors=True)
        signal.signal(signal.SIGTERM, previous)
