"""Exceptions for "cannot continue". Problems in the data are Findings, not exceptions.

Every message is Swedish and names the file; the CLI maps each class to an exit code.
"""

from __future__ import annotations


def detail(error: BaseException | None) -> str:
    """The system's or a library's own words, as a quoted detail to put after the Swedish
    sentence that says what happened and what to do: ` (Teknisk uppgift: ”File exists”.)`.
    Empty when there are none."""
    if error is None:
        return ""
    words = (error.strerror if isinstance(error, OSError) and error.strerror
             else error.args[0] if error.args else "")
    words = " ".join(str(words).split())
    return f" (Teknisk uppgift: ”{words}”.)" if words else ""


class PlanSheetsError(Exception):
    """Base class: a Swedish message for the user, and the exit code it means."""

    exit_code = 2

    def __init__(self, message: str, *, hint: str = "") -> None:
        super().__init__(message)
        self.message = message
        self.hint = hint


class WorkbookUnreadable(PlanSheetsError):
    """The file is missing, not a workbook, encrypted, corrupt or hostile."""


class WorkbookLocked(PlanSheetsError):
    """Someone has the workbook open, or another run is writing it."""


class WorkbookChanged(PlanSheetsError):
    """The workbook changed on disk after it was read."""


class WriteRefused(PlanSheetsError):
    """The lossless writer cannot keep the workbook consistent, so it writes nothing."""


class DataRejected(PlanSheetsError):
    """The data has errors or conflicts; nothing was written."""

    exit_code = 1


class UsageProblem(PlanSheetsError):
    """The command line asks for something that cannot be done."""


class SourceUnavailable(PlanSheetsError):
    """An open-data source (Kolada) could not be reached or gave an unusable answer."""
