"""What every ``ptce`` subcommand shares: inputs, outputs, errors, warnings."""

from __future__ import annotations

import argparse
import contextlib
import logging
import os
import sys
import traceback
import warnings
from collections.abc import Callable, Iterator, Sequence
from pathlib import Path
from typing import Any

from rdflib import Graph

from ptce_graph.errors import BundleError, DataWarning, InputError, InputErrors, OutputError, PTCEError
from ptce_graph.io import load, load_all
from ptce_graph.io.atomic import atomic_write, output_path, write_bytes_atomic
from ptce_graph.io.display import json_text, printable
from ptce_graph.io.workbook import is_workbook
from ptce_graph.iris import DEFAULT_BASE
from ptce_graph.legal.store_validation import store_poles
from ptce_graph.publish.embedded import store_folder
from ptce_graph.registry import Registry

__all__ = [
    "add_inputs", "add_output", "add_store", "default_jobs", "load_inputs", "open_registry", "emit", "run_guarded",
    "fail", "check_outputs", "OUTPUT_OPTIONS", "EXIT_CODES", "EXIT_BAD_INPUT", "EXIT_INTERNAL", "print_warnings", "say",
]

#: Options of any subcommand that name a file or folder to write.
OUTPUT_OPTIONS = ("output", "graphml", "metadata_output")


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
    options = {"format": args.input_format, "base": args.base or DEFAULT_BASE, "allow_network": args.allow_network}
    if len(args.inputs) == 1:
        return load(args.inputs[0], **options)
    return load_all(args.inputs, **options)


def add_store(parser: argparse.ArgumentParser, *, jobs_help: str) -> None:
    """--store PATH|:memory: and --jobs N: where the registry is held (:mod:`ptce_graph.registry`)."""
    parser.add_argument(
        "--store", metavar="PATH", default=None,
        help="keep the registry in a persistent Oxigraph store in the folder PATH (created, or its registry "
        "replaced by the inputs), to validate or measure it again without loading; :memory: (the default) "
        "holds it in memory for this run",
    )
    parser.add_argument("--jobs", "-j", type=int, default=None, metavar="N", help=jobs_help)


def default_jobs() -> int:
    """The processors this process may use: the default of --jobs."""
    try:
        return max(1, len(os.sched_getaffinity(0)))
    except AttributeError:  # not Linux
        return max(1, os.cpu_count() or 1)


def check_jobs(args: argparse.Namespace) -> None:
    """--jobs N (N >= 1), or the processors available when it is not given."""

    if args.jobs is None:
        args.jobs = default_jobs()
    elif args.jobs < 1:
        raise InputError(f"--jobs {args.jobs}", source="--jobs", expected="a number of threads, 1 or more")


def refuse_with_store(args: argparse.Namespace, **given: bool) -> None:
    """A located error for the options the store path does not offer (exit 2)."""

    for option, present in given.items():
        if present:
            name = "--" + option.replace("_", "-")
            raise InputError(f"{name} is not available with --store", source="--store",
                             expected=f"--store without {name}, or {name} without --store")


def open_registry(
    args: argparse.Namespace,
    *,
    no_pole: str = "the input holds no pole (no resource of type ptce:Pole)",
    expected: str = "a spreadsheet bundle or RDF describing a ptce:Pole",
) -> Any:
    """The inputs in a :class:`~ptce_graph.registry.Registry`: in memory, or at ``--store`` (replacing what it held).

    Each input is read as :func:`load_inputs` reads it (same checks, errors and warnings); ``no_pole`` and
    ``expected``: the error when they hold no pole (each command's own words).
    """

    registry = Registry(None if args.store in (None, ":memory:") else args.store)
    try:
        sources: list[Any] = []
        for name in args.inputs:
            if os.path.isdir(name) or is_workbook(Path(name)) or args.input_format or args.base or "://" in name:
                sources.append(load(name, format=args.input_format, base=args.base or DEFAULT_BASE,
                                    allow_network=args.allow_network))
            else:
                sources.append(name)
        registry.load(*sources, replace=True)
        if not store_poles(registry.store.oxigraph, registry.graph):
            raise InputError(no_pole, source=", ".join(args.inputs), expected=expected)
    except BaseException:
        registry.close()
        raise
    return registry


def check_outputs(args: argparse.Namespace) -> None:
    """Before any work, the outputs of a command: none may be an input (or a folder holding one) or
    another output, and each must pass :func:`ptce_graph.io.atomic.output_path` (no device, FIFO or
    socket, no folder where a file goes and the reverse, no dangling link, not the current folder).
    A subcommand module says which of its options are folders in ``OUTPUT_KINDS`` (``"folder"``, or
    ``"auto"``: a folder when ``--format bundle``, or without ``--format`` when the name has no extension
    or is a folder; ``"store"``: an Oxigraph store's folder, :func:`ptce_graph.publish.embedded.store_folder`,
    unless ``:memory:``); a positional argument named there is shown by its upper-case name.  The
    writer then checks that a folder it replaces is a previous output of the same command."""

    kinds: dict[str, str] = getattr(args, "_output_kinds", None) or {}
    inputs = [Path(os.path.realpath(i)) for i in getattr(args, "inputs", None) or () if "://" not in i]
    seen: dict[Path, str] = {}
    for option in dict.fromkeys((*OUTPUT_OPTIONS, *kinds)):
        value = getattr(args, option, None)
        kind = kinds.get(option, "file")
        if value is None or (value == "-" and option == "output" and option not in kinds):
            continue
        if kind == "store" and (value == ":memory:" or not (inputs or os.path.lexists(value))):
            continue  # in memory; or a store only read (ptce serve --store alone), said missing by the command
        flag = "--" + option.replace("_", "-") if option in OUTPUT_OPTIONS or kind == "store" else option.upper()
        if not value.strip():
            raise OutputError(f"{flag} is empty; give a file or folder name")
        fmt = getattr(args, "format", None)
        folder = kind == "folder" or (
            kind == "auto" and (fmt == "bundle" or (fmt is None and (os.path.isdir(value) or not Path(value).suffix)))
        )
        try:
            if kind == "store":
                target = store_folder(value)
            else:
                target = output_path(value, folder=folder, replaces=lambda _: True)  # the writer knows its own
        except OutputError as exc:
            raise OutputError(f"{flag} {exc}") from None
        for source in inputs:
            if source == target or target in source.parents:
                raise OutputError(
                    f"{flag} {value} would overwrite the input {source}; write the output somewhere else"
                )
        if target in seen:
            raise OutputError(f"{flag} {value} is also {seen[target]}; give each output its own name")
        seen[target] = flag


def emit(data: bytes | str, output: str | None, *, kind: str = "text") -> None:
    """Write a result to stdout or, atomically, to a file.

    ``kind`` says what the result is, so that no value of the data reaches a
    terminal raw (:mod:`ptce_graph.io.display`): ``text`` for people (control
    and bidi characters shown as escapes), ``json`` (the same characters as
    ``\\u`` escapes: the same JSON), ``data`` (Turtle, N-Triples: their writers
    escape them already; CSV: cells for a spreadsheet, as they are).
    """

    if isinstance(data, str):
        with emit_pieces(output, kind=kind) as write:
            write(data)
        return
    if kind not in ("text", "json", "data"):
        raise ValueError(f"unknown output kind {kind!r}")
    if output is None or output == "-":
        sys.stdout.buffer.write(data)
        sys.stdout.flush()
    else:
        write_bytes_atomic(Path(output), data)


@contextlib.contextmanager
def emit_pieces(output: str | None, *, kind: str = "text") -> Iterator[Callable[[str], None]]:
    """:func:`emit`, piece by piece: the block gives each piece of the result to the function it receives
    (a registry's report is tens of megabytes: never joined).  A file is replaced only when the block ends
    without an error; on standard output the pieces are written as they come."""

    if kind not in ("text", "json", "data"):
        raise ValueError(f"unknown output kind {kind!r}")
    # The display rules replace single characters: a piece at a time gives what the whole text gives.
    shown: Callable[[str], str] = printable if kind == "text" else json_text if kind == "json" else str
    if output is None or output == "-":
        stdout = sys.stdout.buffer

        def to_stdout(piece: str) -> None:
            stdout.write(shown(piece).encode("utf-8"))

        yield to_stdout
        sys.stdout.flush()
        return
    in_block = False  # an OSError of the caller's own work is not ours to call a writing error
    try:
        with atomic_write(Path(output), "wb") as handle:

            def to_file(piece: str) -> None:
                try:
                    handle.write(shown(piece).encode("utf-8"))
                except OSError as exc:
                    raise OutputError(f"{output}: cannot write ({exc.strerror or exc})") from None

            in_block = True
            yield to_file
            in_block = False
    except OSError as exc:
        if in_block:
            raise
        raise OutputError(f"{output}: cannot write ({exc.strerror or exc})") from None


#: The exit codes of every ptce command (ARCHITECTURE.md contract 1), for --help and the README.
EXIT_CODES = (
    "Exit codes: 0 success; 1 a pole does not fit or is undetermined (or another negative answer); "
    "2 bad input or usage, with a message saying where and what was expected; 3 an internal error, "
    "a bug of ptce_graph: please report it with the command."
)
EXIT_BAD_INPUT = 2
EXIT_INTERNAL = 3


def say(prefix: str, message: str) -> None:
    """One line on stderr for people: ``ptce: <prefix>: <message>``, never a raw control character."""

    print(f"ptce: {prefix}: {printable(message, one_line=True)}", file=sys.stderr)


def fail(message: str) -> int:
    say("error", message)
    return EXIT_BAD_INPUT


def _internal_error(exc: BaseException, argv: Sequence[str] | None) -> int:
    import shlex

    command = shlex.join(["ptce", *(sys.argv[1:] if argv is None else argv)])
    if len(command) > 300:
        command = command[:300] + "…"
    say(
        "internal error",
        f"({type(exc).__name__}) this is a bug of ptce_graph, not a problem with your input. Please report it "
        f"with the command ({command}) and, if you can, the input that caused it; set PTCE_DEBUG=1 to see "
        "the details.",
    )
    return EXIT_INTERNAL


def print_warnings(caught: list[warnings.WarningMessage], lang: str = "en") -> int:
    """Print the data warnings once each, in ``lang``; return how many were printed."""
    seen: set[str] = set()
    debug = bool(os.environ.get("PTCE_DEBUG"))
    for w in caught:
        if not (issubclass(w.category, DataWarning) or debug):
            continue
        message = w.message
        text = message.message(lang) if isinstance(message, DataWarning) else str(message)
        if text not in seen:
            seen.add(text)
            say("warning", text)
    return len(seen)


def _summary(errors: int, warnings_count: int, lang: str) -> str:
    if lang == "fr":
        return (f"ptce : {errors} erreur{'s' if errors > 1 else ''}, "
                f"{warnings_count} avertissement{'s' if warnings_count > 1 else ''}")
    return (f"ptce: {errors} error{'s' if errors != 1 else ''}, "
            f"{warnings_count} warning{'s' if warnings_count != 1 else ''}")


def _report_input_error(exc: InputError, caught: list[warnings.WarningMessage], lang: str) -> int:
    """Every located error of a bad input with its fix, then a count of errors and warnings (exit 2)."""
    count = print_warnings(caught, lang)
    errors = exc.errors if isinstance(exc, InputErrors) else [exc]
    for error in errors:
        fail(error.message(lang))
    if isinstance(exc, BundleError):
        print(_summary(len(errors), count, lang), file=sys.stderr)
    return EXIT_BAD_INPUT


def run_guarded(
    func: Callable[[argparse.Namespace], int], args: argparse.Namespace, argv: Sequence[str] | None = None
) -> int:
    """Run a subcommand: located messages and exit 2 on bad input, exit 3 (asking for a report,
    with the command) on a bug; never a traceback.

    Errors of a bad input are all printed, each located with its fix, in the
    command's ``--lang`` (French by default), then a line counting errors and
    warnings.  Set PTCE_DEBUG=1 to see the traceback of an unexpected error.
    """
    # The command line is an application: keep library loggers (rdflib logs
    # tracebacks at WARNING for ill-typed literals) out of the user's terminal.
    logging.getLogger("rdflib").setLevel(logging.ERROR)
    logging.getLogger("owlready2").setLevel(logging.ERROR)
    lang = getattr(args, "lang", None) or "fr"
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        try:
            check_outputs(args)
            code = func(args)
        except InputError as exc:
            return _report_input_error(exc, caught, lang)
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
            return _internal_error(exc, argv)
    print_warnings(caught, lang)
    return code
