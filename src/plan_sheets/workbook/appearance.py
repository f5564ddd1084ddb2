"""The contract's formatting rules, independent of the library that writes them.

Both the xlsxwriter builder (new workbooks) and the lossless writer (the
staff's huvuddokument) take their traffic lights and dropdowns from here, so
that a workbook looks and behaves the same whichever wrote it.
"""

from __future__ import annotations

from dataclasses import dataclass

from plan_sheets.excel.addresses import column_letter, quote_sheet
from plan_sheets.workbook.model import DecisionState, Phase, Priority, Status
from plan_sheets.workbook.schema import (
    FOCUS_AREAS,
    GENDERS,
    GOALS,
    INTERVENTION_AREAS,
    STATUS_SPELLINGS,
    Setting,
)

SPARE_ROWS = 1000
"""Formatting and dropdowns reach this many rows below the data, for rows staff add."""

LIST_ROWS = 200
"""Dropdowns that list another sheet's IDs read this many rows of it."""

MIN_PRINT_SCALE = 70
"""Per cent: no sheet prints smaller (body text about 7.7 pt); a wider sheet runs onto a
second page across instead (`fit_widths` narrows a report's text columns so it need not)."""
PRINT_MARGIN = 0.4
"""Inches left and right."""
PRINTED_WIDER = 1.07
"""How much wider a column prints than Excel's 7 pixels a character say: LibreOffice
measures a width by Carlito's digit (7.43 pixels at 11 pt) and fits a little less still
(seen on A4 landscape at 70, 85 and 100 %: 1.07 never predicted a column too many)."""


def column_pixels(widths) -> float:
    """The printed width of columns `widths` (characters, as Excel's column-width dialog
    shows them; Calibri 11) in pixels at 100 %, as the narrower-fitting program prints."""
    return sum(int(w * 7 + 5) for w in widths) * PRINTED_WIDER


def page_pixels(scale: int = 100) -> float:
    """How many pixels of columns an A4 landscape page holds at `scale` per cent."""
    return (297 / 25.4 - 2 * PRINT_MARGIN) * 96 * 100 / scale


def print_scale(widths, *, drawn: float = 0) -> int:
    """The scale (per cent) at which columns `widths` (and anything `drawn` that reaches
    further right, in pixels) fill an A4 landscape page's width: fit to width, never above
    100 nor below MIN_PRINT_SCALE."""
    pixels = max(column_pixels(widths), drawn * PRINTED_WIDER)
    return max(MIN_PRINT_SCALE, min(100, int(page_pixels() / pixels * 100))) if pixels else 100


def fit_widths(widths: dict[int, float], floors: dict[int, float]) -> dict[int, float]:
    """`widths` with the columns of `floors` (wrapped text) narrowed, the widest first but
    none below its floor, until all fit an A4 landscape page at MIN_PRINT_SCALE; unchanged
    when they fit already. Columns between those named count as Excel's default width."""
    every = range(max(widths, default=-1) + 1)

    def total(cap: float) -> float:
        return column_pixels(
            max(floors[c], min(widths.get(c, 8.43), cap)) if c in floors
            else widths.get(c, 8.43) for c in every)

    room = page_pixels(MIN_PRINT_SCALE)
    if total(float("inf")) <= room:
        return dict(widths)
    low, high = 0.0, max(widths.values())
    for _ in range(30):  # to a hundredth of a character
        middle = (low + high) / 2
        low, high = (middle, high) if total(middle) <= room else (low, middle)
    return {c: max(floors[c], int(min(w, low) * 10) / 10) if c in floors else w
            for c, w in widths.items()}


def status_spellings(status: Status) -> list[str]:
    """The spellings a traffic-light rule colours: the canonical one first.

    Excel compares text case-insensitively but not diacritic-insensitively, so
    the folded spellings (`Gron`) are listed besides the canonical (`Grön`).
    """
    words = [status.value] + [w for w, s in STATUS_SPELLINGS.items() if s is status]
    unique: list[str] = []
    for w in words:
        if w.casefold() not in {u.casefold() for u in unique}:
            unique.append(w)
    return unique


def traffic_light_formula(status: Status, first_row: int, column: int) -> str:
    """The conditional-format formula for the top-left cell of a Status range (no `=`)."""
    ref = f"${column_letter(column)}{first_row}"
    tests = [f'TRIM({ref})="{w}"' for w in status_spellings(status)]
    return "OR(" + ",".join(tests) + ")"


@dataclass(frozen=True)
class ListRule:
    """A dropdown: either fixed choices or a range on another sheet."""

    choices: tuple[str, ...] = ()
    source: str = ""
    """A formula range such as `'Mål'!$A$3:$A$200` (no `=`)."""
    strict: bool = True
    """Refuse other values (Status, Läge); otherwise only offer the list."""
    title: str = ""
    message: str = ""

    @property
    def formula(self) -> str:
        """The `formula1` text: `"Grön,Gul,Röd"` or a range."""
        if self.choices:
            return '"' + ",".join(self.choices) + '"'
        return self.source


def sheet_range(sheet: str, column: int, first_row: int, last_row: int) -> str:
    col = column_letter(column)
    return f"{quote_sheet(sheet)}!${col}${first_row}:${col}${last_row}"


STATUS_LIST = ListRule(
    choices=tuple(s.value for s in Status), strict=True, title="Status",
    message="Välj Grön, Gul eller Röd. Se fliken Instruktioner.",
)
PHASE_LIST = ListRule(
    choices=tuple(p.value for p in Phase), strict=True, title="Läge",
    message="Välj Planerad, Pågående, Genomförd eller Avbruten.",
)

PRIORITY_LIST = ListRule(
    choices=tuple(p.value for p in Priority), strict=True, title="Prioritet",
    message="Välj Hög, Medel eller Låg.",
)
GENDER_LIST = ListRule(
    choices=GENDERS, strict=True, title="Kön",
    message="T (totalt), K (kvinnor) eller M (män); tomt betyder T.",
)
DECISION_STATE_LIST = ListRule(
    choices=tuple(s.value for s in DecisionState), strict=True, title="Status för beslutet",
    message="Välj Öppet, Pågår, Verkställt eller Avskrivet.",
)


def focus_area_list(first_row: int, column: int = 1, *, sheet: str = FOCUS_AREAS.name) -> ListRule:
    return ListRule(source=sheet_range(sheet, column, first_row, first_row + LIST_ROWS),
                    strict=False, title="Fokusområde",
                    message="Fokusområdets nummer, se fliken Fokusområden.")


def goal_list(first_row: int, column: int = 1, *, sheet: str = GOALS.name) -> ListRule:
    return ListRule(source=sheet_range(sheet, column, first_row, first_row + LIST_ROWS),
                    strict=False, title="Mål",
                    message="Välj ett mål, eller skriv flera: M1, M4.")


def area_list(first_row: int, column: int = 1, *, choices: tuple[str, ...] = (),
              sheet: str = INTERVENTION_AREAS.name) -> ListRule:
    if choices:
        return ListRule(choices=choices, strict=False, title="Insatsområde",
                        message="Insatsområdets nummer, se fliken Insatsområden.")
    return ListRule(
        source=sheet_range(sheet, column, first_row, first_row + LIST_ROWS),
        strict=False, title="Insatsområde",
        message="Insatsområdets nummer, se fliken Insatsområden.")


def setting_list(setting: Setting) -> ListRule | None:
    """The dropdown on a setting's Värde cell, for a setting with fixed choices."""
    if not setting.choices:
        return None
    return ListRule(choices=setting.choices, strict=True, title=setting.name,
                    message=f"Välj {', '.join(setting.choices[:-1])} eller "
                            f"{setting.choices[-1]}.")
