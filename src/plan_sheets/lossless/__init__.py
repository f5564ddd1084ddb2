"""The lossless writer: change cells of a staff-owned workbook and keep every other byte.

    from plan_sheets.lossless import Patch, apply_patch
    patch = Patch()
    patch.set_cell("Aktiviteter", 14, 12, "Gul")
    result = apply_patch(path, patch, expected_fingerprint=fingerprint_when_read)

The workbook is patched at the level of its zip parts: only the worksheet XML
that changes is touched (and there only the rows that change), plus the
bookkeeping parts a change needs (styles.xml for a date format or a traffic
light colour; workbook.xml, its relationships, [Content_Types].xml and
docProps/app.xml for an added sheet; workbook.xml's calcPr so that Excel
recalculates formulas after values changed; calcChain.xml is dropped when a
formula cell is overwritten). Every other part is copied byte for byte, so
threaded comments, shapes, x14 dropdowns, sparklines, images and macros stay.
The new file is re-read and checked before it replaces the original; see
`save` for how the original is kept safe, and for how the next run removes
what a killed one left (`remove_leftovers` does it for a run that writes
nothing).
"""

from __future__ import annotations

from plan_sheets.lossless.apply import WriteResult, apply_patch, fingerprint
from plan_sheets.lossless.patch import Patch
from plan_sheets.lossless.save import remove_leftovers
from plan_sheets.lossless.values import CellValue

__all__ = ["CellValue", "Patch", "WriteResult", "apply_patch", "fingerprint",
           "remove_leftovers"]
