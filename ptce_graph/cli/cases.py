"""Run a legal case corpus: poles in bundle terms with the statuses a jurist expects, clause by clause.

Each case is a YAML file (docs/validation.md, « Legal cases »): the pole's tables as in a spreadsheet
bundle (pôle, acteurs, liens, projets, financements…), the evaluation date, the expected status of
clauses or verdict per definition, and the legal reasoning in one sentence.  A folder is read with
every *.yaml under it (files starting with _ are bases other cases build on).  Each failing
expectation is printed with the clause, the expected and obtained status, the clause's message and
its evidence.  Exit 0 when every case holds, 1 when one fails, 2 when a case cannot be read.
"""

from __future__ import annotations

import argparse
import json

from ptce_graph.cli._common import add_output, emit
from ptce_graph.errors import InputError, InputErrors
from ptce_graph.legal.cases import load_cases, run_cases

NAME = "cases"
HELP = "run a corpus of legal cases (YAML): expected clause statuses per definition, checked"


def configure(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("inputs", nargs="+", metavar="DIR",
                        help="folders of cases (every *.yaml under them) or case files")
    parser.add_argument("-f", "--format", choices=("text", "json"), default="text",
                        help="output format (default: text)")
    parser.add_argument("--lang", choices=("fr", "en"), default="fr", help="language of the output (default: fr)")
    parser.add_argument("-v", "--verbose", action="store_true", help="list the cases that hold too")
    add_output(parser)


def run(args: argparse.Namespace) -> int:
    cases, errors = [], []
    for source in args.inputs:
        try:
            cases += load_cases(source)
        except InputErrors as exc:
            errors += exc.errors
        except InputError as exc:
            errors.append(exc)
    seen: dict[str, str] = {}
    for case in cases:
        if case.id in seen:
            errors.append(InputError(f"the id {case.id!r} is already the id of {seen[case.id]}",
                                     problem_fr=f"l'identifiant « {case.id} » est déjà celui de {seen[case.id]}",
                                     source=str(case.path), field="id"))
        seen.setdefault(case.id, str(case.path))
    if len(errors) == 1:
        raise errors[0]
    if errors:
        raise InputErrors(errors)
    result = run_cases(cases)
    if args.format == "json":
        emit(json.dumps(result.to_dict(args.lang), ensure_ascii=False, indent=2) + "\n", args.output, kind="json")
    else:
        emit(result.render(args.lang, verbose=args.verbose), args.output)
    return 0 if result.ok else 1
