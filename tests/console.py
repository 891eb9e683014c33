"""Run the ``ptce`` command in this process and get what a subprocess would give.

A new Python process costs about a second of processor time in imports alone,
so most tests of the command call :func:`ptce_graph.cli.main` through
:func:`run_ptce`, which returns the exit code, standard output and standard
error as :func:`subprocess.run` does.  A few tests still start the real console
script or ``python -m ptce_graph`` (tests/cli/test_cli.py, test_cli_report.py,
test_cli_reason.py, test_hostile_input.py): what only a process shows — the
entry point, the exit status, a traceback at interpreter exit — stays tested.
"""

from __future__ import annotations

import contextlib
import io
import logging
import os
import subprocess
from pathlib import Path

from ptce_graph.cli import main

#: Loggers the command quietens for the whole process (run_guarded): restored after each run.
_QUIETENED = ("rdflib", "owlready2")


def run_ptce(*args: str, cwd: Path | str | None = None) -> subprocess.CompletedProcess[str]:
    """``ptce ARGS...`` in this process (from ``cwd``): exit code, stdout and stderr as text."""
    out, err = io.BytesIO(), io.BytesIO()
    stdout = io.TextIOWrapper(out, encoding="utf-8", newline="", write_through=True)
    stderr = io.TextIOWrapper(err, encoding="utf-8", newline="", write_through=True)
    levels = {name: logging.getLogger(name).level for name in _QUIETENED}
    try:
        with contextlib.chdir(cwd or os.getcwd()), contextlib.redirect_stdout(stdout), \
                contextlib.redirect_stderr(stderr):
            try:
                code = main(list(args))
            except SystemExit as exc:  # argparse: usage errors (2), --help and --version (0)
                code = exc.code if isinstance(exc.code, int) else (0 if exc.code is None else 2)
            stdout.flush()
            stderr.flush()
    finally:
        for name, level in levels.items():
            logging.getLogger(name).setLevel(level)
    return subprocess.CompletedProcess(["ptce", *args], code, out.getvalue().decode("utf-8"),
                                       err.getvalue().decode("utf-8"))
