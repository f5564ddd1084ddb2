"""Tables on PDF pages that continue over as many pages as they need, never cut off.

Cell text is wrapped by measuring it (textfit), so row heights and page
breaks are known before anything is drawn. The header row repeats on each
page; a row taller than a page is split between pages rather than cut.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from plan_sheets.annual.charts import INK, LIGHTS, text_features
from plan_sheets.annual.textfit import LINE_SPACING, first_line_height, line_height, wrap
from plan_sheets.workbook.schema import HEADER_FILL, HEADER_FONT

PAD = 0.045
"""Inches between a cell's text and its edges."""
ZEBRA = "#F2F2F2"
RULE = "#BFBFBF"


@dataclass(frozen=True)
class Column:
    header: str
    width: float
    """Inches."""


@dataclass(frozen=True)
class Row:
    cells: tuple[str, ...]
    light: str | None = None
    """A traffic-light label (`Gul`): the light column is filled and hatched by it."""
    muted: frozenset[int] = frozenset()
    """Columns whose text is a placeholder (`saknas`), shown in italics."""


@dataclass(frozen=True)
class Part:
    """The lines `start:end` of one row, drawn on one page."""

    row: int
    start: int
    end: int
    continued: bool = False
    """The row began on an earlier page."""


@dataclass
class Table:
    columns: tuple[Column, ...]
    rows: tuple[Row, ...]
    size: float = 8.0
    light_column: int | None = None
    lines: list[list[list[str]]] = field(default_factory=list)
    header_lines: list[list[str]] = field(default_factory=list)

    def __post_init__(self) -> None:
        inner = [c.width - 2 * PAD for c in self.columns]
        self.header_lines = [wrap(c.header, w, self.size, bold=True)
                             for c, w in zip(self.columns, inner, strict=True)]
        self.lines = [[wrap(text, w, self.size) for text, w in
                       zip(row.cells, inner, strict=True)] for row in self.rows]

    @property
    def step(self) -> float:
        return line_height(self.size)

    def height(self, n_lines: int) -> float:
        """Inches a cell of `n_lines` lines needs."""
        return first_line_height(self.size) + (n_lines - 1) * self.step + 2 * PAD

    @property
    def header_height(self) -> float:
        return self.height(max(len(h) for h in self.header_lines))

    def row_lines(self, index: int) -> int:
        return max(len(cell) for cell in self.lines[index])

    def paginate(self, first_space: float, space: float) -> list[list[Part]]:
        """Rows per page: `first_space` inches below the title on the first page, then `space`.

        A row that does not fit goes to the next page; one taller than a whole
        page is split between pages (the rest says "forts." beside its ID).
        """
        pages: list[list[Part]] = [[]]
        left = first_space - self.header_height
        full = space - self.header_height
        for index in range(len(self.rows)):
            total = self.row_lines(index)
            start = 0
            while start < total:
                # A continued part repeats the ID over "(forts.)": at least two lines.
                need = self.height(max(total - start, 2 if start else 1))
                if need <= left + 1e-9:
                    pages[-1].append(Part(index, start, total, continued=start > 0))
                    left -= need
                    break
                fits = int((left - self.height(1)) / self.step + 1e-9) + 1 \
                    if left >= self.height(1) else 0
                if start:
                    fits = min(fits, max(0, int((left - self.height(2)) / self.step) + 2))
                if pages[-1] and (need <= full + 1e-9 or fits < 3):
                    pages.append([])
                    left = full
                    continue
                fits = max(fits, 1)
                pages[-1].append(Part(index, start, start + fits, continued=start > 0))
                start += fits
                pages.append([])
                left = full
        return pages

    def draw(self, fig, parts: list[Part], *, top: float, left: float) -> float:
        """Draw the header and `parts` with the top-left corner at (`left`, `top`) inches.

        Returns the y (inches) where the table ends.
        """
        from matplotlib.patches import Rectangle

        width_in, height_in = fig.get_size_inches()
        fx, fy = 1 / width_in, 1 / height_in
        total_width = sum(c.width for c in self.columns)

        def rect(x: float, y: float, w: float, h: float, **style) -> None:
            fig.patches.append(Rectangle((x * fx, (y - h) * fy), w * fx, h * fy,
                                         transform=fig.transFigure, figure=fig, **style))

        def cell_text(x: float, y: float, lines: list[str], **style) -> None:
            if any(lines):
                fig.text((x + PAD) * fx, (y - PAD) * fy, "\n".join(lines), va="top",
                         ha="left", fontsize=self.size, linespacing=LINE_SPACING,
                         **text_features(), **style)

        h = self.header_height
        rect(left, top, total_width, h, facecolor=HEADER_FILL, edgecolor="none")
        x = left
        for column, lines in zip(self.columns, self.header_lines, strict=True):
            cell_text(x, top, lines, color=HEADER_FONT, fontweight="bold")
            x += column.width
        y = top - h
        for n, part in enumerate(parts):
            row = self.rows[part.row]
            cells = [lines[part.start:part.end] for lines in self.lines[part.row]]
            rh = self.height(max(2 if part.continued else 1, *(len(c) for c in cells)))
            if n % 2:
                rect(left, y, total_width, rh, facecolor=ZEBRA, edgecolor="none")
            x = left
            for col, (column, lines) in enumerate(zip(self.columns, cells, strict=True)):
                if col == self.light_column and row.light in LIGHTS:
                    self._light_cell(rect, fig, x, y, column.width, rh, row.light, fx, fy)
                else:
                    if part.continued and col == 0:
                        lines = [self.lines[part.row][0][0], "(forts.)"]
                    style = {"fontstyle": "italic", "color": "#7F7F7F"} \
                        if col in row.muted else {"color": INK}
                    cell_text(x, y, lines, **style)
                x += column.width
            y -= rh
            fig.add_artist(_hline(fig, left * fx, (left + total_width) * fx, y * fy))
        return y

    def _light_cell(self, rect, fig, x, y, w, h, label, fx, fy) -> None:
        light = LIGHTS[label]
        # On the light cell fill the hatch is drawn in the light's dark text colour.
        rect(x + 0.02, y - 0.02, w - 0.04, h - 0.04, facecolor=light.fill,
             edgecolor=light.font, hatch=light.hatch or None, linewidth=0.5)
        fig.text((x + w / 2) * fx, (y - PAD) * fy, label,
                 va="top", ha="center", fontsize=self.size, fontweight="bold",
                 color=light.font,
                 bbox={"boxstyle": "round,pad=0.15", "facecolor": "#FFFFFF",
                       "edgecolor": "none"})


def _hline(fig, x0: float, x1: float, y: float):
    from matplotlib.lines import Line2D

    return Line2D([x0, x1], [y, y], transform=fig.transFigure, color=RULE, linewidth=0.5)
