"""What goes wrong inside the writer, before the file name is known.

The parts of the writer report a problem with the part (and cell) it concerns;
`apply_patch` turns it into the user-facing exception that names the file.
"""

from __future__ import annotations


class Refusal(Exception):
    """The patch cannot be applied and keep the workbook consistent (-> WriteRefused)."""

    def __init__(self, text: str, *, part: str | None = None) -> None:
        super().__init__(text)
        self.text = text
        self.part = part


class StructureLocked(Refusal):
    """The patch adds a sheet to a workbook whose structure is protected (-> DataRejected)."""


class Damage(Exception):
    """A part of the workbook is broken or hostile (-> WorkbookUnreadable)."""

    def __init__(self, text: str, *, part: str | None = None) -> None:
        super().__init__(text)
        self.text = text
        self.part = part
