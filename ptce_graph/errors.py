"""Exception and warning types of ptce_graph.

Every error a user can cause is one of these, carrying where it happened (file,
line and column, or CSV row and column) and what was expected, so the command
line can print one located sentence and exit 2 instead of a traceback.  Messages
never echo raw parser text, which can leak the content of files.
"""

from __future__ import annotations

from dataclasses import dataclass

__all__ = [
    "PTCEError",
    "InputError",
    "BundleError",
    "NetworkDisallowedError",
    "OutputError",
    "DataWarning",
    "Location",
]


@dataclass(frozen=True, slots=True)
class Location:
    """Where a problem sits in an input.

    ``line`` and ``column`` are 1-based.  For spreadsheets, ``line`` is the CSV
    row as a spreadsheet numbers it (the header is row 1) and ``field`` names
    the column.
    """

    source: str
    line: int | None = None
    column: int | None = None
    field: str | None = None

    def __str__(self) -> str:
        text = self.source
        if self.line is not None:
            text += f":{self.line}"
            if self.column is not None:
                text += f":{self.column}"
        if self.field is not None:
            text += f" (column {self.field!r})"
        return text


class PTCEError(Exception):
    """Base class of every error ptce_graph raises on purpose."""


class InputError(PTCEError):
    """An input cannot be read: bad syntax, bad value, too large, unsafe.

    ``problem`` says what is wrong, ``expected`` what would be right.
    """

    def __init__(
        self,
        problem: str,
        *,
        source: str = "<input>",
        line: int | None = None,
        column: int | None = None,
        field: str | None = None,
        expected: str | None = None,
    ) -> None:
        self.location = Location(source, line, column, field)
        self.problem = problem
        self.expected = expected
        message = f"{self.location}: {problem}"
        if expected:
            message += f"; expected {expected}"
        super().__init__(message)

    @property
    def source(self) -> str:
        return self.location.source

    @property
    def line(self) -> int | None:
        return self.location.line

    @property
    def column(self) -> int | None:
        return self.location.column


class BundleError(InputError):
    """A spreadsheet bundle is malformed (missing file or column, bad cell)."""


class NetworkDisallowedError(InputError):
    """Reading the input would open a network connection the caller did not allow."""


class OutputError(PTCEError):
    """An output cannot be written (bad path, unsupported format, not representable)."""


class DataWarning(UserWarning):
    """A data-quality problem that does not prevent reading (an invalid SIRET...).

    Issued with :func:`warnings.warn`; the message starts with the location.
    """
