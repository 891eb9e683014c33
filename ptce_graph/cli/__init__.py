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


#: The subcommands' names (a module's NAME is its module name).
_NAMES = frozenset(COMMANDS)


def _version() -> str:
    from rdflib import URIRef
    from rdflib.namespace import OWL

    version = ontology_graph().value(URIRef("https://w3id.org/ptce/ns"), OWL.versionInfo)
    return f"ptce {__version__} (ontology {version})"


class _VersionAction(argparse.Action):
    """``--version``: the ontology is parsed only when asked for (not on every command's start-up)."""

    def __init__(self, option_strings: list[str], dest: str = argparse.SUPPRESS, **kwargs: object) -> None:
        super().__init__(option_strings, dest, nargs=0, default=argparse.SUPPRESS,
                         help="show program's version number and exit")

    def __call__(self, parser: argparse.ArgumentParser, namespace: object, values: object,
                 option_string: str | None = None) -> None:
        sys.stdout.write(_version() + "\n")  # on standard output, as argparse's own version action
        parser.exit()


class _Parser(argparse.ArgumentParser):
    def error(self, message: str) -> None:  # type: ignore[override]
        self.print_usage(sys.stderr)
        self.exit(2, f"{self.prog}: error: {message}\n")


def build_parser(command: str | None = None) -> argparse.ArgumentParser:
    """The ``ptce`` parser; ``command``: configure only that subcommand (the others are listed, with their help).

    Configuring a subcommand may import what its options need to name (the
    stores ``publish`` knows, for instance): ``ptce validate`` should not pay for
    them at start-up.
    """
    parser = _Parser(
        prog="ptce",
        description="Describe, check, measure and publish pôles territoriaux de coopération économique (PTCE).",
        epilog=EXIT_CODES,
    )
    parser.add_argument("--version", action=_VersionAction)
    sub = parser.add_subparsers(dest="command", metavar="COMMAND", parser_class=_Parser)
    for name in COMMANDS:
        module = importlib.import_module(f"ptce_graph.cli.{name}")
        sub_parser = sub.add_parser(module.NAME, help=module.HELP, description=module.__doc__, epilog=EXIT_CODES)
        if command is None or command == module.NAME:
            module.configure(sub_parser)
            sub_parser.set_defaults(_run=module.run, _output_kinds=getattr(module, "OUTPUT_KINDS", {}))
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    """Entry point of the ``ptce`` console script and of ``python -m ptce_graph``."""
    words = list(sys.argv[1:] if argv is None else argv)
    chosen = next((w for w in words if not w.startswith("-")), None)  # the subcommand, if any comes first
    parser = build_parser(chosen if chosen in _NAMES else None)
    args = parser.parse_args(argv)
    if getattr(args, "_run", None) is None:
        parser.print_help(sys.stderr)
        return 2
    return run_guarded(args._run, args, argv)


if __name__ == "__main__":  # pragma: no cover
    raise SystemExit(main())
