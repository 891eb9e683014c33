"""The ``ptce`` command (ARCHITECTURE.md contract 1).

A thin layer over the API.  Each subcommand lives in its own module of this
package, exposing ``NAME``, ``HELP``, ``configure(parser)`` and ``run(args)``
(and ``OUTPUT_KINDS`` when an output option names a folder);
:data:`COMMANDS` lists them and :func:`main` composes them.  Results go to
stdout (or ``-o FILE``, written atomically), diagnostics to stderr.  Exit codes:
0 success (validate: every pole fits), 1 some pole does not fit or is
undetermined (or another negative answer), 2 bad input or usage, with a located
message and no traceback, 3 an internal error (a bug: the message asks to report
it, with the command).
"""

from __future__ import annotations

import argparse
import importlib
import sys
from collections.abc import Sequence

from ptce_graph.cli._common import EXIT_CODES, run_guarded
from ptce_graph.resources import ontology_graph
from ptce_graph.version import __version__

__all__ = ["main", "COMMANDS", "build_parser"]

#: Modules of ptce_graph.cli that provide a subcommand, in the order of --help.
COMMANDS: tuple[str, ...] = (
    "init", "validate", "cases", "metrics", "reason", "report", "info", "export", "publish", "docs", "typology",
    "referentiel", "map", "serve",
)


def _version() -> str:
    from rdflib import URIRef
    from rdflib.namespace import OWL

    version = ontology_graph().value(URIRef("https://w3id.org/ptce/ns"), OWL.versionInfo)
    return f"ptce {__version__} (ontology {version})"


class _Parser(argparse.ArgumentParser):
    def error(self, message: str) -> None:  # type: ignore[override]
        self.print_usage(sys.stderr)
        self.exit(2, f"{self.prog}: error: {message}\n")


def build_parser() -> argparse.ArgumentParser:
    parser = _Parser(
        prog="ptce",
        description="Describe, check, measure and publish pôles territoriaux de coopération économique (PTCE).",
        epilog=EXIT_CODES,
    )
    parser.add_argument("--version", action="version", version=_version())
    sub = parser.add_subparsers(dest="command", metavar="COMMAND", parser_class=_Parser)
    for name in COMMANDS:
        module = importlib.import_module(f"ptce_graph.cli.{name}")
        command = sub.add_parser(module.NAME, help=module.HELP, description=module.__doc__, epilog=EXIT_CODES)
        module.configure(command)
        command.set_defaults(_run=module.run, _output_kinds=getattr(module, "OUTPUT_KINDS", {}))
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    """Entry point of the ``ptce`` console script and of ``python -m ptce_graph``."""
    parser = build_parser()
    args = parser.parse_args(argv)
    if getattr(args, "_run", None) is None:
        parser.print_help(sys.stderr)
        return 2
    return run_guarded(args._run, args, argv)


if __name__ == "__main__":  # pragma: no cover
    raise SystemExit(main())
