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
    "InputErrors",
    "BundleError",
    "BundleErrors",
    "NetworkDisallowedError",
    "OutputError",
    "DataWarning",
    "Location",
]


@dataclass(frozen=True, slots=True)
class Location:
    """Where a problem sits in an input.

    ``line`` and ``column`` are 1-based.  For spreadsheets, ``line`` is the
    row as a spreadsheet numbers it (the header is row 1) and ``field`` names
    the column (its contract name); ``label`` is the header as the file
    writes it (``nom`` for ``name``).  In a workbook, ``sheet`` names the sheet
    and ``letter`` the column as Excel shows it (``C``).
    """

    source: str
    line: int | None = None
    column: int | None = None
    field: str | None = None
    sheet: str | None = None
    letter: str | None = None
    label: str | None = None

    def __str__(self) -> str:
        return self.render("en")

    def render(self, lang: str = "en") -> str:
        """The location in words, in French (``fr``) or English."""
        fr = lang == "fr"
        shown = self.label or self.field
        column = "" if shown is None else f" (colonne « {shown} »)" if fr else f" (column {shown!r})"
        if self.sheet is not None:  # a workbook: sheet, then the cell (or row) as Excel shows it
            text = f"{self.source}, feuille « {self.sheet} »" if fr else f"{self.source}, sheet '{self.sheet}'"
            if self.line is not None:
                if self.letter:
                    text += f", {'cellule' if fr else 'cell'} {self.letter}{self.line}"
                else:
                    text += f", {'ligne' if fr else 'row'} {self.line}"
            return text + column
        text = self.source
        if self.line is not None:
            text += f":{self.line}"
            if self.column is not None:
                text += f":{self.column}"
        return text + column

    def sort_key(self) -> tuple[str, str, int, str, str]:
        """Order of a report: by file, sheet, row, then column."""
        return (self.source, self.sheet or "", self.line or 0, f"{len(self.letter or ''):02d}{self.letter or ''}",
                self.field or "")


class PTCEError(Exception):
    """Base class of every error ptce_graph raises on purpose."""


class InputError(PTCEError):
    """An input cannot be read: bad syntax, bad value, too large, unsafe.

    ``problem`` says what is wrong, ``expected`` what would be right (the fix).
    ``problem_fr`` and ``expected_fr`` say it in French where the reader knows
    how; :meth:`message` renders either language (``str()`` is English).
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
        problem_fr: str | None = None,
        expected_fr: str | None = None,
        sheet: str | None = None,
        letter: str | None = None,
        label: str | None = None,
    ) -> None:
        self.location = Location(source, line, column, field, sheet, letter, label)
        self.problem = problem
        self.expected = expected
        self.problem_fr = problem_fr
        self.expected_fr = expected_fr
        super().__init__(self.message("en"))

    def message(self, lang: str = "en") -> str:
        """One located sentence with its fix, in French (``fr``) or English."""
        if lang == "fr" and self.problem_fr is not None:
            text = f"{self.location.render('fr')} : {self.problem_fr}"
            expected = self.expected_fr or self.expected
            return text + (f" ; attendu : {expected}" if expected else "")
        text = f"{self.location}: {self.problem}"
        return text + (f"; expected {self.expected}" if self.expected else "")

    @property
    def source(self) -> str:
        return self.location.source

    @property
    def line(self) -> int | None:
        return self.location.line

    @property
    def column(self) -> int | None:
        return self.location.column


class InputErrors(InputError):
    """Every problem of an input at once, sorted by file, sheet and row.

    The first problem fills the single-error attributes (``source``, ``line``,
    ``column``, ``problem``...), so code written for one :class:`InputError`
    keeps working; ``errors`` holds them all.
    """

    def __init__(self, errors: list[InputError]) -> None:
        if not errors:
            raise ValueError("InputErrors needs at least one error")
        self.errors = sorted(errors, key=lambda e: e.location.sort_key())
        first = self.errors[0]
        super().__init__(first.problem, expected=first.expected, problem_fr=first.problem_fr,
                         expected_fr=first.expected_fr)
        self.location = first.location
        self.args = (self.message("en"),)

    def message(self, lang: str = "en") -> str:
        if not hasattr(self, "errors"):  # during InputError.__init__
            return super().message(lang)
        return "\n".join(e.message(lang) for e in self.errors)

    def __len__(self) -> int:
        return len(self.errors)


class BundleError(InputError):
    """A spreadsheet bundle is malformed (missing file or column, bad cell)."""


class BundleErrors(InputErrors, BundleError):
    """Every problem of a spreadsheet bundle or workbook at once (an :class:`InputErrors`)."""


class NetworkDisallowedError(InputError):
    """Reading the input would open a network connection the caller did not allow."""


class OutputError(PTCEError):
    """An output cannot be written (bad path, unsupported format, not representable)."""


class DataWarning(UserWarning):
    """A data-quality problem that does not prevent reading (an invalid SIRET...).

    Issued with :func:`warnings.warn`; the message starts with the location.
    ``fr`` carries the French sentence where the reader knows it.
    """

    def __init__(self, message: str = "", fr: str | None = None) -> None:
        super().__init__(message)
        self.fr = fr

    def message(self, lang: str = "en") -> str:
        return self.fr if lang == "fr" and self.fr else str(self)
