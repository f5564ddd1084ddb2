"""The chart pack as a workbook: the figures as tables, with native Excel charts on them.

Every chart references the cells of its table, so the process leader can
restyle it, or change a figure and see the chart follow. The traffic lights
have their colours and, for printing in grey, patterns that match the PDF's
hatches. Numbers are numbers with a thousands separator (Excel shows them
the Swedish way, `1 234,5`, on a Swedish machine), rounded to what the data
holds; text is always text (xlsxbook.open_workbook), whole, in wrapped cells
whose rows are tall enough to print it. Every sheet prints on A4 landscape,
one page wide, and no chart is cut by a page break. The full lists the PDF
leaves out of a large plan are here (Aktiviteter, Avvikelser).
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path
from typing import Any

from plan_sheets import swedish
from plan_sheets.analysis.figures import STATUS_LABELS, focus_label, value_source
from plan_sheets.annual.charts import COMPLETED_COLOUR, NEW_COLOUR, hatch_ink
from plan_sheets.annual.figures import (
    COMPLETED,
    DATE,
    NEW,
    TOTAL,
    AnnualFigures,
    deviation_frame,
    goal_decimals,
    light,
    year_baseline,
    year_change,
)
from plan_sheets.excel.textwidth import row_height, text_lines
from plan_sheets.workbook import rowvalues
from plan_sheets.workbook.model import Direction
from plan_sheets.workbook.schema import (
    ACTIVITIES,
    GOALS,
    LIGHTS_BY_LABEL,
    MEASUREMENTS,
    NOTE_FONT,
    TITLE_FONT,
)
from plan_sheets.workbook.xlsxbook import (
    Formats,
    open_workbook,
    print_setup,
    write_value,
)

KEY_SHEET = "Nyckeltal"
STATUS_SHEET = "Status per fokusområde"
YEAR_SHEET = "Status under året"
COMPLETED_SHEET = "Genomförda och nya"
GOALS_SHEET = "Mål"
GOAL_CHARTS_SHEET = "Måldiagram"
COVERAGE_SHEET = "Måltäckning"
DEVIATIONS_SHEET = "Avvikelser"
ACTIVITIES_SHEET = "Aktiviteter"

TITLE_ROW, NOTE_ROW, HEADER_ROW = 0, 1, 3
"""0-based: a title, a note, a blank row, then each sheet's table."""

PATTERNS = {"//": "wide_upward_diagonal", "xx": "large_check", "..": "percent_20",
            "--": "light_horizontal"}
"""matplotlib hatch -> Excel pattern fill, so the workbook's charts print in grey as the PDF."""

PATH_YEAR = "Rak väg: år"
"""Header of the two points (baseline, target) that the dashed path of a goal chart joins."""

HIDE_ZERO = "0;-0;;@"
"""Number format that leaves a zero segment's data label empty."""
TOP_DOWN = {"reverse": True, "crossing": "max"}
"""Category axis of a bar chart read from the top, with the value axis kept at the bottom."""

ROWS_PER_PAGE = 30
"""Rows of default height on an A4 landscape page, with a margin for scaling."""
CHART_ROWS = 17
"""Rows (of 20 pixels) a chart of the default size covers."""
GOAL_CHART_ROWS = 12
GOALS_PER_PAGE = 2
COUNT_FORMAT = "#,##0"
DECIMAL_FORMAT = "#,##0.0"


def light_fill(label: str) -> dict[str, Any]:
    """The chart fill of a traffic light: its colour, with a pattern where the PDF hatches."""
    light = LIGHTS_BY_LABEL[label]
    if not light.hatch:
        return {"fill": {"color": light.chart}, "border": {"color": "#FFFFFF"}}
    return {"pattern": {"pattern": PATTERNS[light.hatch], "fg_color": hatch_ink(label),
                        "bg_color": light.chart},
            "border": {"color": light.font}}


class _Book:
    def __init__(self, path: Path, figs: AnnualFigures, title: str) -> None:
        self.wb = open_workbook(path)
        self.fmts = Formats(self.wb)
        self.figs = figs
        self.title = title
        self.percent = self.wb.add_format({"num_format": "0 %", "align": "left",
                                           "valign": "top"})
        self.bold = self.wb.add_format({"bold": True, "valign": "top", "align": "left"})
        self.heading = self.wb.add_format({"bold": True, "font_size": 14,
                                           "font_color": TITLE_FONT})
        self.count = self.wb.add_format({"num_format": COUNT_FORMAT, "align": "right",
                                         "valign": "top"})
        self.decimal = self.wb.add_format({"num_format": DECIMAL_FORMAT, "align": "right",
                                           "valign": "top"})
        self.note = self.wb.add_format({"text_wrap": True, "valign": "top"})
        self.source = self.wb.add_format({"italic": True, "font_color": NOTE_FONT})
        self.widths: dict[str, Sequence[float]] = {}
        self.breaks: dict[str, list[int]] = {}
        self.reach: dict[str, float] = {}
        """How far right (pixels) a sheet's charts reach."""
        self.light_cells = self.fmts.light_labels
        self.wb.set_properties({
            "title": f"Årsrapport {figs.year} – {title}",
            "subject": "Handlingsplanens status till kommunstyrelsen",
            "author": "plan-sheets", "manager": "", "company": "",
            "comments": "Skapad av plan-sheets annual.",
        })

    def sheet(self, name: str, heading: str, note: str, widths: Sequence[float]):
        ws = self.wb.add_worksheet(name)
        ws.write_string(TITLE_ROW, 0, heading, self.heading)
        ws.set_row(TITLE_ROW, 24)
        if note:
            # The note spans the sheet's columns, wrapped: never a line running off the page.
            last = max(len(widths) - 1, 0)
            if last:
                ws.merge_range(NOTE_ROW, 0, NOTE_ROW, last, note, self.note)
            else:
                ws.write_string(NOTE_ROW, 0, note, self.note)
            ws.set_row(NOTE_ROW, row_height(text_lines(note, sum(widths))))
        for col, width in enumerate(widths):
            ws.set_column(col, col, width)
        self.widths[name] = widths
        print_setup(ws, widths)
        ws.set_footer("&L&A&RSida &P av &N")
        return ws

    def number_format(self, value: Any):
        """Whole numbers with a thousands separator, others with one decimal."""
        if isinstance(value, float) and not value.is_integer():
            return self.decimal
        return self.count

    def table(self, ws, row: int, headers: Sequence[str], rows: Sequence[Sequence[Any]], *,
              formats: dict[int, Any] | None = None, light_column: int | None = None) -> int:
        """Header and rows from `row` (0-based); returns the row after the table.

        A row whose text wraps is made tall enough for every line of it.
        """
        widths = self.widths.get(ws.name, ())
        if len(headers) > len(widths):
            raise ValueError(f"{ws.name}: {len(headers)} columns, {len(widths)} widths")
        self.fit_row(ws, row, headers, widths)
        for col, header in enumerate(headers):
            ws.write_string(row, col, header, self.fmts.header)
        for r, values in enumerate(rows, start=row + 1):
            for col, value in enumerate(values):
                fmt = (formats or {}).get(col)
                if fmt is None:
                    fmt = self.fmts.wrap if isinstance(value, str) else \
                        self.number_format(value) if isinstance(value, int | float) else \
                        self.fmts.number
                if col == light_column and value in self.light_cells:
                    fmt = self.light_cells[value]
                write_value(ws, r, col, value, fmt)
            self.fit_row(ws, r, values, widths)
        return row + 1 + len(rows)

    @staticmethod
    def fit_row(ws, row: int, values: Sequence[Any], widths: Sequence[float]) -> None:
        lines = max((text_lines(v, widths[col]) for col, v in enumerate(values)
                     if isinstance(v, str) and col < len(widths)), default=1)
        if lines > 1:
            ws.set_row(row, row_height(lines))

    def status_chart(self, sheet: str, kind: dict[str, str], first: int, last: int,
                     category_col: int, first_value_col: int, *, title: str):
        """A chart of Grön/Gul/Röd/Ej satt series from the columns after `first_value_col`."""
        chart = self.wb.add_chart(kind)
        for i, label in enumerate(STATUS_LABELS):
            col = first_value_col + i
            chart.add_series({
                "name": [sheet, HEADER_ROW, col],
                "categories": [sheet, first, category_col, last, category_col],
                "values": [sheet, first, col, last, col],
                "data_labels": {"value": True, "num_format": HIDE_ZERO,
                                "font": {"size": 9, "bold": True}},
                "gap": 60,
                **light_fill(label),
            })
        chart.set_title({"name": title, "name_font": {"size": 12}})
        chart.set_legend({"position": "bottom"})
        return chart

    def insert(self, ws, row: int, col: int, chart, *, after: int, width: int = 760,
               height: int = 20 * CHART_ROWS) -> None:
        """`chart` at (`row`, `col`); on a new page when the `after` rows above it and the
        chart would not fit on one, so that no page break cuts it."""
        chart.set_size({"width": width, "height": height})
        if after + height / 20 > ROWS_PER_PAGE:
            self.page_break(ws, row)
        ws.insert_chart(row, col, chart, {"object_position": 1})
        self.drawn(ws, col, width)

    def drawn(self, ws, col: int, width: int) -> None:
        """Something `width` pixels wide drawn from column `col`: the print scale fits it."""
        widths = self.widths[ws.name]
        left = sum(int(7 * w + 5) for w in widths[:col]) + 64 * max(0, col - len(widths))
        self.reach[ws.name] = max(self.reach.get(ws.name, 0), left + width)
        print_setup(ws, widths, drawn=self.reach[ws.name])

    def page_break(self, ws, row: int) -> None:
        """A page break above `row` (0-based), beside the sheet's others."""
        rows = self.breaks.setdefault(ws.name, [])
        rows.append(row)
        ws.set_h_pagebreaks(sorted(rows))

    def close(self) -> None:
        self.wb.close()


def _key_sheet(book: _Book) -> None:
    figs, key = book.figs, book.figs.key
    ws = book.sheet(KEY_SHEET, f"Årsrapport {figs.year} – {book.title}",
                    " ".join(filter(None, (f"Läget den {swedish.long_date(figs.day)}.",
                                           figs.basis.sentence(),
                                           figs.population.sentence()))),
                    (46, 12, 12))
    rows: list[list[Any]] = [["Aktiviteter i rapporten", key.total, None]]
    words = (f"genomförda under {figs.year}", f"genomförda före {figs.year}", "pågående",
             "planerade", "utan läge")
    rows += [[f"– varav {word}", n, None] for i, (n, word) in
             enumerate(zip(key.parts, words, strict=True)) if n or i < 3]
    rows.append([f"Nya under {figs.year} (beslutade under året, utom avbrutna)", key.new, None])
    for label in STATUS_LABELS:
        n = key.by_status[label]
        rows.append([f"Status {label}", n, n / key.total if key.total else 0])
    rows.append(["Avbrutna (redovisas för sig)", key.cancelled, None])
    rows.append(["Förslag som väntar på beslut (redovisas för sig)", key.proposals, None])
    book.table(ws, HEADER_ROW, ["Nyckeltal", "Antal", "Andel"], rows,
               formats={0: book.fmts.text, 1: book.count, 2: book.percent})
    ws.activate()


def _status_sheet(book: _Book) -> None:
    figs = book.figs
    table = figs.by_focus
    ws = book.sheet(STATUS_SHEET, "Status per fokusområde",
                    f"Beslutade och genomförda aktiviteter per fokusområde och trafikljus, "
                    f"{swedish.long_date(figs.day)}.", (8, 28, *(9 for _ in STATUS_LABELS), 9, 60))
    rows = [[n, figs.plan.focus_area_short_name(n),
             *(int(table.loc[n, s]) for s in STATUS_LABELS), int(table.loc[n, TOTAL]),
             focus_label(figs.plan, n)] for n in table.index]
    end = book.table(ws, HEADER_ROW, ["Nr", "Fokusområde", *STATUS_LABELS, TOTAL,
                                      "Fokusområdets namn"], rows)
    totals = [None, TOTAL, *(int(table[s].sum()) for s in STATUS_LABELS),
              int(table[TOTAL].sum()), None]
    for col, value in enumerate(totals):
        write_value(ws, end, col, value, book.bold)
    if rows:
        chart = book.status_chart(STATUS_SHEET, {"type": "bar", "subtype": "stacked"},
                                  HEADER_ROW + 1, end - 1, 1, 2, title="Status per fokusområde")
        chart.set_y_axis(TOP_DOWN)
        chart.set_x_axis({"name": "Antal aktiviteter", "major_gridlines": {"visible": True}})
        book.insert(ws, end + 2, 1, chart, after=end + 2)


def _year_sheet(book: _Book) -> None:
    figs = book.figs
    table = figs.over_year
    ws = book.sheet(YEAR_SHEET, f"Status under {figs.year}",
                    "Trafikljus vid varje uppföljning under året (ögonblicksbilderna i fliken "
                    "Statushistorik).", (12, 12, *(9 for _ in STATUS_LABELS), 9))
    if table.empty:
        ws.write_string(HEADER_ROW, 0, f"Det finns inga ögonblicksbilder från {figs.year} i "
                        "fliken Statushistorik, så hur statusen har utvecklats under året kan "
                        "inte visas.")
        return
    rows = [[period, table.loc[period, DATE], *(int(table.loc[period, s]) for s in
                                                STATUS_LABELS),
             int(sum(table.loc[period, s] for s in STATUS_LABELS))] for period in table.index]
    end = book.table(ws, HEADER_ROW, ["Period", DATE, *STATUS_LABELS, TOTAL], rows,
                     formats={0: book.fmts.text, 1: book.fmts.date})
    chart = book.status_chart(YEAR_SHEET, {"type": "column", "subtype": "stacked"},
                              HEADER_ROW + 1, end - 1, 0, 2, title=f"Status under {figs.year}")
    chart.set_y_axis({"name": "Antal aktiviteter"})
    book.insert(ws, end + 2, 0, chart, after=end + 2)


def _completed_sheet(book: _Book) -> None:
    figs = book.figs
    table = figs.completed_new
    ws = book.sheet(COMPLETED_SHEET, f"Genomförda och nya aktiviteter {figs.year}",
                    f"Genomförda: Läge Genomförd och klar under {figs.year}. Nya: beslutade av "
                    f"styrgruppen under {figs.year}.", (10, 50, 30, 12))
    rows = [[n, figs.plan.focus_area_short_name(n), int(table.loc[n, COMPLETED]),
             int(table.loc[n, NEW])] for n in table.index]
    end = book.table(ws, HEADER_ROW, ["Nr", "Fokusområde", COMPLETED, NEW], rows)
    if rows:
        chart = book.wb.add_chart({"type": "bar"})
        for col, colour, pattern in ((2, COMPLETED_COLOUR, None),
                                     (3, NEW_COLOUR, "wide_downward_diagonal")):
            fill = ({"pattern": {"pattern": pattern, "fg_color": COMPLETED_COLOUR,
                                 "bg_color": colour}} if pattern else
                    {"fill": {"color": colour}})
            chart.add_series({
                "name": [COMPLETED_SHEET, HEADER_ROW, col],
                "categories": [COMPLETED_SHEET, HEADER_ROW + 1, 1, end - 1, 1],
                "values": [COMPLETED_SHEET, HEADER_ROW + 1, col, end - 1, col],
                "data_labels": {"value": True, "num_format": HIDE_ZERO},
                "border": {"color": COMPLETED_COLOUR},
                **fill,
            })
        chart.set_title({"name": f"Genomförda och nya aktiviteter {figs.year}",
                         "name_font": {"size": 12}})
        chart.set_y_axis(TOP_DOWN)
        chart.set_x_axis({"name": "Antal aktiviteter"})
        chart.set_legend({"position": "bottom"})
        book.insert(ws, end + 2, 1, chart, after=end + 2)
    row = end + 2 + CHART_ROWS + 2 if rows else end + 2
    if rows:
        book.page_break(ws, row)  # the named lists start a page: a heading never ends one
    for heading, acts, day_header, day_of in (
            (f"Genomförda under {figs.year}", figs.completed, "Genomförd",
             lambda a: figs.completed_on.get(a.id)),
            (f"Nya under {figs.year}", figs.new, "Beslutad", lambda a: a.decided)):
        ws.write_string(row, 0, f"{heading} ({len(acts)})", book.fmts.heading)
        row = book.table(ws, row + 1, ["ID", "Aktivitet", "Ansvarig", day_header],
                         [[a.id, a.title, a.responsible, day_of(a)] for a in acts],
                         formats={0: book.fmts.id, 1: book.fmts.wrap, 2: book.fmts.wrap,
                                  3: book.fmts.date}) + 1


def _goals_sheet(book: _Book) -> None:
    figs = book.figs
    ws = book.sheet(GOALS_SHEET, "Mätbara mål",
                    f"Senaste värde till och med {figs.year} ur fliken Mätvärden, jämfört med "
                    "den raka vägen från utgångsvärdet till målvärdet.",
                    (7, 23, 23, 10, 12, 10, 11, 8, 10, 11, 13, 14, 20, 14))
    headers = [GOALS.field(k).header for k in ("id", "name", "indicator", "unit", "baseline",
                                               "baseline_year", "target", "target_year",
                                               "direction")]
    headers += ["Senaste år", "Senaste värde", "Enligt rak väg", "Bedömning", "Källa"]
    with_values = {item.goal.id: item for item in figs.goals}
    rows = []
    for goal in figs.plan.goals:
        item = with_values.get(goal.id)
        latest = item.progress.values[-1] if item else (None, None)
        expected = item.progress.expected if item else None
        rows.append([goal.id, goal.name, goal.indicator, goal.unit, goal.baseline,
                     goal.baseline_year, goal.target, goal.target_year,
                     goal.direction.value if goal.direction else None, latest[0], latest[1],
                     None if expected is None else round(expected, goal_decimals(item)),
                     item.verdict if item else "Inga mätvärden",
                     item.source if item else value_source(figs.plan, goal)])
    year = book.wb.add_format({"num_format": "0", "align": "right", "valign": "top"})
    book.table(ws, HEADER_ROW, headers, rows,
               formats={0: book.fmts.id, 5: year, 7: year, 9: year})


def _goal_charts_sheet(book: _Book) -> None:
    """Per goal: its values by year and the straight path, and a scatter chart on them."""
    figs = book.figs
    ws = book.sheet(GOAL_CHARTS_SHEET, "Mätbara mål – diagram",
                    "Utfall per år och den raka vägen från utgångsvärde till målvärde. Ändra "
                    "ett värde i tabellen så följer diagrammet med.", (10, 14, 3, 10, 14))
    year_h, value_h = MEASUREMENTS.field("year").header, MEASUREMENTS.field("value").header
    row = HEADER_ROW
    if not figs.goals:
        ws.write_string(row, 0, f"Inga mål har mätvärden till och med {figs.year}.")
        return
    year = book.wb.add_format({"num_format": "0", "align": "right"})
    breaks = []
    for i, item in enumerate(figs.goals):
        goal = item.goal
        if i and i % GOALS_PER_PAGE == 0:
            breaks.append(row)  # two goals a page: a page break never cuts a chart
        ws.write_string(row, 0, f"{goal.id} {goal.name}", book.fmts.heading)
        head = row + 1
        end = book.table(ws, head, [year_h, value_h], [list(v) for v in item.progress.values],
                         formats={0: year})
        chart = book.wb.add_chart({"type": "scatter", "subtype": "straight_with_markers"})
        chart.add_series({
            "name": "Utfall",
            "categories": [GOAL_CHARTS_SHEET, head + 1, 0, end - 1, 0],
            "values": [GOAL_CHARTS_SHEET, head + 1, 1, end - 1, 1],
            "line": {"color": COMPLETED_COLOUR, "width": 2},
            "marker": {"type": "circle", "size": 5, "fill": {"color": COMPLETED_COLOUR},
                       "border": {"color": COMPLETED_COLOUR}},
        })
        path = [[goal.baseline_year, goal.baseline], [goal.target_year, goal.target]]
        if None not in (*path[0], *path[1]):
            ws.write_string(head, 3, PATH_YEAR, book.fmts.header)
            ws.write_string(head, 4, value_h, book.fmts.header)
            for r, (path_year, value) in enumerate(path, start=head + 1):
                write_value(ws, r, 3, path_year, year)
                write_value(ws, r, 4, value, book.number_format(value))
            chart.add_series({
                "name": "Rak väg till målvärdet",
                "categories": [GOAL_CHARTS_SHEET, head + 1, 3, head + 2, 3],
                "values": [GOAL_CHARTS_SHEET, head + 1, 4, head + 2, 4],
                "line": {"color": "#7F7F7F", "dash_type": "dash", "width": 1.25},
                "marker": {"type": "diamond", "size": 7, "fill": {"color": "#404040"},
                           "border": {"color": "#404040"}},
            })
        arrow = "lägre är bättre" if goal.direction is Direction.DOWN else "högre är bättre"
        chart.set_title({"name": f"{goal.id} {swedish.shorten(goal.name, 50)}\n{item.verdict}",
                         "name_font": {"size": 11}})
        years = [y for y, _ in item.progress.values] + [y for y, _ in path if y is not None]
        chart.set_x_axis({"name": year_h, "num_format": "0", "min": min(years),
                          "max": max(years), "major_unit": max(1, (max(years) - min(years)) // 6)})
        chart.set_y_axis({"name": f"{goal.unit or value_h} ({arrow})",
                          "major_gridlines": {"visible": True}})
        chart.set_legend({"position": "bottom"})
        chart.set_size({"width": 560, "height": 20 * GOAL_CHART_ROWS})
        ws.insert_chart(head, 6, chart, {"object_position": 1})
        book.drawn(ws, 6, 560)
        if item.source:
            ws.write_string(end, 0, f"Källa: {item.source}", book.source)
        row = max(end + 1, head + GOAL_CHART_ROWS) + 2
    ws.set_h_pagebreaks(breaks)


def _coverage_sheet(book: _Book) -> None:
    figs = book.figs
    table = figs.coverage
    ws = book.sheet(COVERAGE_SHEET, "Måltäckning",
                    "Aktiviteter i rapporten som bidrar till varje mål, efter trafikljus. En "
                    "aktivitet kan bidra till flera mål.", (8, 40, *(9 for _ in STATUS_LABELS), 9))
    names = {g.id: g.name for g in figs.plan.goals}
    rows = [[gid, names.get(gid, ""), *(int(table.loc[gid, s]) for s in STATUS_LABELS),
             int(table.loc[gid, TOTAL])] for gid in table.index]
    end = book.table(ws, HEADER_ROW, ["Mål", "Namn", *STATUS_LABELS, TOTAL], rows,
                     formats={0: book.fmts.id})
    row = end + 1
    if figs.uncovered:
        text = "Mål som ingen aktivitet i rapporten bidrar till: " + \
            "; ".join(f"{g.id} {g.name}" for g in figs.uncovered)
        bold_wrap = book.wb.add_format({"bold": True, "text_wrap": True, "valign": "top"})
        ws.merge_range(row, 0, row, 6, text, bold_wrap)
        ws.set_row(row, row_height(text_lines(text, sum(book.widths[COVERAGE_SHEET]))))
    if rows:
        chart = book.status_chart(COVERAGE_SHEET, {"type": "bar", "subtype": "stacked"},
                                  HEADER_ROW + 1, end - 1, 0, 2, title="Måltäckning")
        chart.set_y_axis(TOP_DOWN)
        chart.set_x_axis({"name": "Antal aktiviteter"})
        book.insert(ws, row + 2, 1, chart, after=row + 2)


def _deviations_sheet(book: _Book, personal_data: bool) -> None:
    figs = book.figs
    frame = deviation_frame(figs.deviations, personal_data=personal_data)
    widths = {"ID": 8, "Status": 9, "Fokusområde": 12, "Aktivitet": 36, "Ansvarig": 24,
              "Kontaktperson": 20}
    ws = book.sheet(DEVIATIONS_SHEET, "Avvikelser",
                    "Gula och röda aktiviteter med orsak och rekommenderad åtgärd, röda först.",
                    [widths.get(c, 44) for c in frame.columns])
    rows = [[None if v is None or v != v else v for v in record]
            for record in frame.itertuples(index=False)]
    status_col = list(frame.columns).index("Status")
    end = book.table(ws, HEADER_ROW, list(frame.columns), rows,
                     formats={0: book.fmts.id}, light_column=status_col)
    if rows:
        ws.autofilter(HEADER_ROW, 0, end - 1, len(frame.columns) - 1)
    ws.freeze_panes(HEADER_ROW + 1, 1)
    ws.repeat_rows(HEADER_ROW)


def _activities_sheet(book: _Book, personal_data: bool) -> None:
    """Every activity of the report with its Läge, Status and comment, then the contract's
    fields kept in `values` (`rowvalues.value_fields`: a column added to the schema, never a
    personal one): the list the PDF of a large plan counts instead of showing."""
    figs = book.figs
    baseline, snaps = year_baseline(figs.plan, figs.year)
    keys = ["id", "focus_area", "intervention_area", "title", "responsible",
            *(["contact"] if personal_data else []), "phase", "status"]
    headers = [ACTIVITIES.field(k).header for k in keys]
    more = rowvalues.value_fields(figs.plan)
    headers += [f"Under {figs.year}",
                ACTIVITIES.field("status_comment").header, *(f.header for f in more)]
    widths = {"id": 8, "focus_area": 12, "intervention_area": 12, "title": 40,
              "responsible": 24, "contact": 20, "phase": 11, "status": 9}
    ws = book.sheet(ACTIVITIES_SHEET, f"Aktiviteter i rapporten {figs.year}",
                    f"Alla beslutade aktiviteter med läge och trafikljus den "
                    f"{swedish.long_date(figs.day)} (avbrutna har inget trafikljus), och vad "
                    f"som hänt under {figs.year}: Avbruten, Ny (beslutad under året), "
                    "Genomförd (under året), annars Sämre eller Bättre trafikljus mot "
                    f"uppföljningen {baseline or '–'} i Statushistorik — samma regler som "
                    "Nyckeltal och PDF:en räknar med.",
                    [*(widths[k] for k in keys), 16, 50, *(f.width for f in more)])
    rows = []
    cells = [rowvalues.cell_getter(f) for f in more]
    for a in figs.population.decided:
        values = {"id": a.id, "focus_area": a.focus_area, "intervention_area": a.intervention_area,
                  "title": a.title, "responsible": a.responsible, "contact": a.contact,
                  "phase": a.phase.value if a.phase else None, "status": light(a)}
        rows.append([*(values[k] for k in keys), year_change(figs, a, snaps.get(a.id)),
                     a.status_comment, *(cell(a) for cell in cells)])
    status_col = keys.index("status")
    end = book.table(ws, HEADER_ROW, headers, rows, formats={0: book.fmts.id},
                     light_column=status_col)
    if rows:
        ws.autofilter(HEADER_ROW, 0, end - 1, len(headers) - 1)
    ws.freeze_panes(HEADER_ROW + 1, 1)
    ws.repeat_rows(HEADER_ROW)


def write_workbook(figs: AnnualFigures, path: Path, *, title: str, personal_data: bool) -> Path:
    """Write the chart pack's workbook to `path`."""
    book = _Book(path, figs, title)
    _key_sheet(book)
    _status_sheet(book)
    _year_sheet(book)
    _completed_sheet(book)
    _goals_sheet(book)
    _goal_charts_sheet(book)
    _coverage_sheet(book)
    _deviations_sheet(book, personal_data)
    _activities_sheet(book, personal_data)
    book.close()
    return path

