"""What every ``ptce`` subcommand shares: inputs, outputs, errors, warnings."""

from __future__ import annotations

import argparse
import logging
import os
import sys
import traceback
import warnings
from collections.abc import Callable
from pathlib import Path
from typing import Any

from rdflib import Graph

from ptce_graph.errors import DataWarning, PTCEError

__all__ = ["add_inputs", "add_output", "add_store", "load_inputs", "open_registry", "emit", "run_guarded", "fail",
           "print_warnings"]


def add_inputs(parser: argparse.ArgumentParser, *, required: bool = True) -> None:
    """INPUT... plus the options that govern reading them (``required=False``: INPUT may be left out)."""
    parser.add_argument("inputs", nargs="+" if required else "*", metavar="INPUT",
                        help="RDF file (.ttl, .nt, .jsonld, .rdf) or spreadsheet bundle folder")
    parser.add_argument("--input-format", metavar="FMT", default=None,
                        help="format of the inputs when the extension does not say (turtle, nt, json-ld, xml)")
    parser.add_argument("--base", metavar="IRI", default=None,
                        help="namespace under which IRIs are minted from bundle ids (default https://w3id.org/ptce/id/)")
    parser.add_argument("--allow-network", action="store_true",
                        help="allow reading URLs and remote JSON-LD contexts (off by default)")


def add_output(parser: argparse.ArgumentParser, *, required: bool = False, help: str | None = None) -> None:
    parser.add_argument("-o", "--output", metavar="FILE", required=required,
                        help=help or "write to FILE (atomically) instead of standard output")


def load_inputs(args: argparse.Namespace) -> Graph:
    from ptce_graph.io import load, load_all
    from ptce_graph.model import DEFAULT_BASE

    options = {"format": args.input_format, "base": args.base or DEFAULT_BASE, "allow_network": args.allow_network}
    if len(args.inputs) == 1:
        return load(args.inputs[0], **options)
    return load_all(args.inputs, **options)


def add_store(parser: argparse.ArgumentParser, *, jobs_help: str) -> None:
    """--store PATH|:memory: and --jobs N: registries of hundreds of poles (:mod:`ptce_graph.registry`)."""
    parser.add_argument(
        "--store", metavar="PATH", default=None,
        help="hold the registry in an Oxigraph store instead of memory (rdflib): a folder for a "
        "persistent store (created, or its registry replaced by the inputs), or :memory:; for "
        "registries of hundreds of poles",
    )
    parser.add_argument("--jobs", "-j", type=int, default=1, metavar="N", help=jobs_help)


def check_jobs(args: argparse.Namespace) -> None:
    from ptce_graph.errors import InputError

    if args.jobs < 1:
        raise InputError(f"--jobs {args.jobs}", source="--jobs", expected="a number of threads, 1 or more")


def refuse_with_store(args: argparse.Namespace, **given: bool) -> None:
    """A located error for the options the store path does not offer (exit 2)."""
    from ptce_graph.errors import InputError

    for option, present in given.items():
        if present:
            name = "--" + option.replace("_", "-")
            raise InputError(f"{name} is not available with --store", source="--store",
                             expected=f"--store without {name}, or {name} without --store")


def open_registry(args: argparse.Namespace) -> Any:
    """The inputs in a :class:`~ptce_graph.registry.Registry` at ``--store`` (replacing what it held)."""
    from ptce_graph.errors import InputError
    from ptce_graph.io import load
    from ptce_graph.model import DEFAULT_BASE
    from ptce_graph.registry import Registry

    registry = Registry(None if args.store == ":memory:" else args.store)
    try:
        sources: list[Any] = []
        for name in args.inputs:
            if Path(name).is_dir() or args.input_format or args.base:
                sources.append(load(name, format=args.input_format, base=args.base or DEFAULT_BASE,
                                    allow_network=args.allow_network))
            else:
                sources.append(name)
        registry.load(*sources, replace=True)
        if not registry.poles():
            raise InputError("the input holds no pole (no resource of type ptce:Pole)",
                             source=", ".join(args.inputs),
                             expected="a spreadsheet bundle or RDF describing a ptce:Pole")
    except BaseException:
        registry.close()
        raise
    return registry


def emit(data: bytes | str, output: str | None) -> None:
    """Write a result to stdout or, atomically, to a file."""
    from ptce_graph.io.atomic import write_bytes_atomic

    payload = data.encode("utf-8") if isinstance(data, str) else data
    if output is None or output == "-":
        sys.stdout.buffer.write(payload)
        sys.stdout.flush()
    else:
        write_bytes_atomic(Path(output), payload)


def fail(message: str) -> int:
    print(f"ptce: error: {message}", file=sys.stderr)
    return 2


def print_warnings(caught: list[warnings.WarningMessage]) -> None:
    """Print the data's warnings of a run, each once, on standard error (all warnings with PTCE_DEBUG)."""
    seen: set[str] = set()
    debug = bool(os.environ.get("PTCE_DEBUG"))
    for w in caught:
        if not (issubclass(w.category, DataWarning) or debug):
            continue
        text = str(w.message)
        if text not in seen:
            seen.add(text)
            print(f"ptce: warning: {text}", file=sys.stderr)


def run_guarded(func: Callable[[argparse.Namespace], int], args: argparse.Namespace) -> int:
    """Run a subcommand: located messages and exit 2 on error, never a traceback.

    Set PTCE_DEBUG=1 to see the traceback of an unexpected error.
    """
    # The command line is an application: keep library loggers (rdflib logs
    # tracebacks at WARNING for ill-typed literals) out of the user's terminal.
    logging.getLogger("rdflib").setLevel(logging.ERROR)
    logging.getLogger("owlready2").setLevel(logging.ERROR)
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        try:
            code = func(args)
        except PTCEError as exc:
            print_warnings(caught)
            return fail(str(exc))
        except KeyboardInterrupt:
            print_warnings(caught)
            print("ptce: interrupted", file=sys.stderr)
            return 130
        except BrokenPipeError:
            return 0
        except MemoryError:
            print_warnings(caught)
            return fail("out of memory while processing the input")
        except Exception as exc:  # noqa: BLE001 - the last line of defence of the CLI
            print_warnings(caught)
            if os.environ.get("PTCE_DEBUG"):
                traceback.print_exc()
            return fail(f"internal error ({type(exc).__name__}): please report it with the input that caused it; "
                        "set PTCE_DEBUG=1 for details")
    print_warnings(caught)
    return code
