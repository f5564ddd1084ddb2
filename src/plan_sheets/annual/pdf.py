"""The chart pack as a PDF: A4 landscape pages for the municipal board.

Pages are planned before any is drawn (the goal grid and the deviation table
are split into pages by measuring their text), so that every page can say
"Sida N av M" and the cover can list where each section starts. Everything is
placed in inches on the page, without matplotlib's layout engines: that is
both predictable and fast.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from plan_sheets import swedish
from plan_sheets.annual import charts
from plan_sheets.annual.charts import ACCENT, INK, MUTED, focus_names, goal_names, period_labels
from plan_sheets.annual.figures import AnnualFigures
from plan_sheets.annual.pdftable import Column, Row, Table
from plan_sheets.annual.textfit import wrap
from plan_sheets.reports.figures import status_label
from plan_sheets.workbook.model import Activity, Goal, Status
from plan_sheets.workbook.schema import ACTIVITIES

WIDTH, HEIGHT = 11.69, 8.27
"""A4 landscape, inches."""
MARGIN = 0.55
HEADING_Y = HEIGHT - 0.5
SUBTITLE_Y = HEIGHT - 0.93
CONTENT_TOP = HEIGHT - 1.35
CONTENT_BOTTOM = 0.7
FOOTER_Y = 0.32

GOALS_PER_PAGE = 8
GOAL_COLUMNS = 4
MISSING = "– saknas –"

HEADINGS = {
    "status": "Status per fokusområde",
    "year": "Status under året",
    "completed": "Genomförda och nya aktiviteter",
    "goals": "Mätbara mål",
    "coverage": "Måltäckning",
    "deviations": "Avvikelser",
}


@dataclass
class Page:
    section: str
    heading: str
    subtitle: str
    draw: Callable[[object], None]


_axes = charts.axes_at
_text = charts.text_at


# --- the pages ----------------------------------------------------------------------------------


def _cover(figs: AnnualFigures, title: str, source: str, personal_data: bool,
           pages: list[Page]) -> Page:
    key = figs.key

    def draw(fig) -> None:
        _text(fig, MARGIN, HEIGHT - 0.6, f"Årsrapport {figs.year}", fontsize=30,
              fontweight="bold", color=ACCENT)
        y = HEIGHT - 1.35
        for line in wrap(swedish.shorten(title, 200), WIDTH - 2 * MARGIN, 16)[:3]:
            _text(fig, MARGIN, y, line, fontsize=16)
            y -= 0.3
        _text(fig, MARGIN, y - 0.08, "Status för handlingsplanens beslutade och genomförda "
              "aktiviteter – till kommunstyrelsen", fontsize=12)
        made = f"Läget den {swedish.long_date(figs.day)} · sammanställd " \
               f"{swedish.long_date(figs.today)} ur {source}"
        if not personal_data:
            made += " · utan personuppgifter"
        _text(fig, MARGIN, y - 0.42, made, fontsize=9.5, color=MUTED)

        boxes = (
            (key.decided, "beslutade aktiviteter", f"t.o.m. {swedish.long_date(figs.day)}"),
            (key.completed, f"genomförda under {figs.year}", ""),
            (key.ongoing, "pågående", "av aktiviteterna i rapporten"),
            (key.new, f"nya under {figs.year}", "beslutade av styrgruppen"),
        )
        gap = 0.25
        box_w = (WIDTH - 2 * MARGIN - 3 * gap) / 4
        top = 5.35
        from matplotlib.patches import FancyBboxPatch

        for i, (value, label, note) in enumerate(boxes):
            x = MARGIN + i * (box_w + gap)
            fig.patches.append(FancyBboxPatch(
                (x / WIDTH, (top - 1.05) / HEIGHT), box_w / WIDTH, 1.05 / HEIGHT,
                boxstyle="round,pad=0,rounding_size=0.01", transform=fig.transFigure,
                facecolor="#EEF3F8", edgecolor="#BDD7EE", linewidth=0.8, figure=fig))
            _text(fig, x + 0.18, top - 0.1, swedish.number(value), fontsize=26,
                  fontweight="bold", color=ACCENT)
            _text(fig, x + 0.18, top - 0.6, label, fontsize=10.5)
            if note:
                _text(fig, x + 0.18, top - 0.8, note, fontsize=8.5, color=MUTED)

        _text(fig, MARGIN, 4.0, f"Trafikljus för de {swedish.number(key.total)} aktiviteterna "
              "i rapporten", fontsize=10.5, fontweight="bold")
        ax = _axes(fig, MARGIN, 3.2, WIDTH - 2 * MARGIN, 0.5)
        charts.status_share_bar(ax, key.by_status)
        charts.status_legend(ax, anchor=(0.5, -0.08))

        _text(fig, MARGIN, 2.35, "Innehåll", fontsize=10.5, fontweight="bold")
        first: dict[str, int] = {}
        for number, page in enumerate(pages, start=1):
            first.setdefault(page.section, number)
        y = 2.08
        for section, heading in HEADINGS.items():
            if section in first:
                _text(fig, MARGIN, y, f"{first[section]}", fontsize=9.5, ha="left")
                _text(fig, MARGIN + 0.35, y, heading, fontsize=9.5)
                y -= 0.2
        scope = (f"Rapporten omfattar de aktiviteter som styrgruppen har beslutat till och med "
                 f"{swedish.long_date(figs.day)} och de som genomförts under {figs.year}, "
                 f"sammanlagt {swedish.plural(key.total, 'aktivitet', 'aktiviteter')}. "
                 "Status är aktiviteternas trafikljus i huvuddokumentet: Grön – enligt plan, "
                 "Gul – en avvikelse från planen, Röd – avviker avsevärt, Ej satt – ingen "
                 "status angiven (t.ex. planerade eller avbrutna aktiviteter).")
        y = 2.35
        for line in wrap(scope, 5.4, 9):
            _text(fig, 5.7, y, line, fontsize=9, color=INK)
            y -= 0.18

    return Page("cover", f"Årsrapport {figs.year}", "", draw)


def _status_page(figs: AnnualFigures) -> Page:
    table = figs.by_focus
    numbers = list(table.index)

    def draw(fig) -> None:
        if not numbers:
            _text(fig, MARGIN, CONTENT_TOP, "Inga aktiviteter har ett fokusområde.", fontsize=12)
            return
        full_names = focus_names(figs, numbers)
        keyed = len(numbers) <= 8
        key_top = CONTENT_BOTTOM + 0.05 + 0.16 * (len(numbers) + 1) if keyed else \
            CONTENT_BOTTOM
        bottom = key_top + 0.95
        cats = charts.categories(full_names, CONTENT_TOP - bottom)
        shortened = keyed and any(f != label.replace("\n", " ") for f, label in
                                  zip(full_names, cats.labels, strict=True))
        if not shortened:
            bottom = CONTENT_BOTTOM + 0.95
        left = MARGIN + cats.width
        ax = _axes(fig, left, bottom, WIDTH - MARGIN - left - 0.3, CONTENT_TOP - bottom)
        charts.status_bars(ax, table, cats.labels, label_size=cats.fontsize)
        charts.status_legend(ax, anchor=(0.5, -0.5 / (CONTENT_TOP - bottom)))
        if shortened:
            _text(fig, MARGIN, key_top, "Fokusområdena", fontsize=8.5, fontweight="bold")
            for i, name in enumerate(full_names, start=1):
                _text(fig, MARGIN, key_top - 0.16 * i, swedish.shorten(name, 170), fontsize=8.5,
                      color=MUTED)

    return Page("status", HEADINGS["status"],
                f"Beslutade och genomförda aktiviteter per fokusområde och trafikljus, "
                f"{swedish.long_date(figs.day)}. Siffrorna är antal aktiviteter; längst till "
                "höger summan.", draw)


def _year_page(figs: AnnualFigures) -> Page:
    table = figs.over_year

    def draw(fig) -> None:
        if table.empty:
            _text(fig, MARGIN, CONTENT_TOP - 1.0,
                  f"Det finns inga ögonblicksbilder från {figs.year} i fliken Statushistorik,",
                  fontsize=15)
            _text(fig, MARGIN, CONTENT_TOP - 1.35,
                  "så hur statusen har utvecklats under året kan inte visas.", fontsize=15)
            for i, line in enumerate(wrap(
                    "plan-sheets sparar en ögonblicksbild av varje aktivitets läge och status "
                    "varje gång fokusområdenas arbetsböcker förs in i huvuddokumentet "
                    "(plan-sheets merge). Dagens status per fokusområde finns på sidan 2.",
                    WIDTH - 2 * MARGIN, 10.5)):
                _text(fig, MARGIN, CONTENT_TOP - 2.0 - i * 0.22, line, fontsize=10.5,
                      color=MUTED)
            return
        many = len(table) > 6
        ax = _axes(fig, MARGIN + 0.7, 1.75, WIDTH - 2 * MARGIN - 0.9, CONTENT_TOP - 1.75)
        charts.status_columns(ax, table, period_labels(table, long=not many),
                              named=len(table) <= 5)
        if len(table) > 10:
            ax.tick_params(axis="x", labelrotation=30)
        charts.status_legend(ax, anchor=(0.5, -0.75 / (CONTENT_TOP - 1.75) - 0.04))

    return Page("year", HEADINGS["year"],
                f"Status vid varje uppföljning under {figs.year} (ögonblicksbilderna i fliken "
                "Statushistorik). Siffrorna är antal aktiviteter.", draw)


def _completed_page(figs: AnnualFigures) -> Page:
    table = figs.completed_new
    numbers = list(table.index)

    def draw(fig) -> None:
        if not numbers:
            _text(fig, MARGIN, CONTENT_TOP, "Inga aktiviteter har ett fokusområde.", fontsize=12)
            return
        cats = charts.categories(focus_names(figs, numbers), CONTENT_TOP - 2.0)
        left = MARGIN + cats.width
        ax = _axes(fig, left, 2.0, WIDTH - MARGIN - left - 0.3, CONTENT_TOP - 2.0)
        charts.completed_new_bars(ax, table, cats.labels, figs.year, label_size=cats.fontsize)
        charts.status_legend(ax, ncol=2, anchor=(0.5, -0.55 / (CONTENT_TOP - 2.0) - 0.02))
        note = (f"Genomförd under {figs.year}: Läge Genomförd och klar under året enligt "
                "Statushistorik (annars enligt Slut). Ny: beslutad av styrgruppen under "
                f"{figs.year} (Beslutad). Aktiviteterna finns listade i arbetsboken "
                f"arsrapport-{figs.year}.xlsx.")
        for i, line in enumerate(wrap(note, WIDTH - 2 * MARGIN, 9)):
            _text(fig, MARGIN, 1.05 - i * 0.18, line, fontsize=9, color=MUTED)

    return Page("completed", f"{HEADINGS['completed']} {figs.year}",
                f"Per fokusområde: aktiviteter som genomförts och aktiviteter som styrgruppen "
                f"beslutat under {figs.year}.", draw)


def _goal_pages(figs: AnnualFigures) -> list[Page]:
    items = list(figs.goals)
    subtitle = ("Utfall per år ur fliken Mätvärden mot den raka vägen från utgångsvärde till "
                "målvärde. I fas = minst lika bra som vägen.")
    without = _without_values_lines(figs.goals_without_values)
    strip_lines = 4
    chunks = [items[i:i + GOALS_PER_PAGE] for i in range(0, len(items), GOALS_PER_PAGE)] or [[]]
    pages = []
    for n, chunk in enumerate(chunks):
        last = n == len(chunks) - 1
        lines = without[:strip_lines] if last else []
        pages.append(Page("goals", HEADINGS["goals"] + (" (forts.)" if n else ""), subtitle,
                          _goal_grid(figs, chunk, lines)))
    rest = without[strip_lines:]
    per_page = int((CONTENT_TOP - CONTENT_BOTTOM) / 0.2)
    for i in range(0, len(rest), per_page):
        pages.append(Page("goals", HEADINGS["goals"] + " (forts.)", "Mål utan mätvärden.",
                          _lines_drawer(rest[i:i + per_page])))
    return pages


def _without_values_lines(goals: tuple[Goal, ...]) -> list[str]:
    if not goals:
        return []
    text = "; ".join(f"{g.id} {g.name}" for g in goals)
    return wrap(f"Mål utan mätvärden ({len(goals)}): {text}.", WIDTH - 2 * MARGIN, 9)


def _lines_drawer(lines: list[str]) -> Callable[[object], None]:
    def draw(fig) -> None:
        for i, line in enumerate(lines):
            _text(fig, MARGIN, CONTENT_TOP - i * 0.2, line, fontsize=9)
    return draw


def _goal_grid(figs: AnnualFigures, chunk, lines: list[str]) -> Callable[[object], None]:
    def draw(fig) -> None:
        if not chunk:
            _text(fig, MARGIN, CONTENT_TOP, f"Inga mål har mätvärden till och med {figs.year} "
                  "i fliken Mätvärden.", fontsize=12)
            for i, line in enumerate(lines):
                _text(fig, MARGIN, CONTENT_TOP - 0.5 - i * 0.2, line, fontsize=9)
            return
        charts.goal_legend(fig, anchor=(MARGIN / WIDTH, (CONTENT_TOP + 0.18) / HEIGHT),
                           loc="upper left")
        strip = 0.25 + 0.17 * len(lines) if lines else 0.0
        top = CONTENT_TOP - 0.15
        bottom = CONTENT_BOTTOM - 0.1 + strip
        rows = 2
        cell_h = (top - bottom) / rows
        cell_w = (WIDTH - 2 * MARGIN) / GOAL_COLUMNS
        for i, item in enumerate(chunk):
            r, c = divmod(i, GOAL_COLUMNS)
            x = MARGIN + c * cell_w
            y_top = top - r * cell_h
            title, indicator = charts.goal_title(item, 34, 44)
            _text(fig, x, y_top, title, fontsize=8.5, fontweight="bold", linespacing=1.15)
            _text(fig, x, y_top - 0.34, indicator, fontsize=7.5, color=MUTED)
            ax = _axes(fig, x + 0.52, y_top - cell_h + 0.8, cell_w - 0.72, cell_h - 1.35)
            charts.goal_chart(ax, item, fontsize=7.5, indent=-0.52 * 72)
        for i, line in enumerate(lines):
            _text(fig, MARGIN, CONTENT_BOTTOM - 0.05 + strip - 0.2 - i * 0.17, line,
                  fontsize=9)
    return draw


def uncovered_lines(figs: AnnualFigures, width: float, most: int = 3) -> list[str]:
    """The goals no activity serves, in at most `most` lines: named, else by ID, else counted."""
    goals = figs.uncovered
    if not goals:
        return ["Alla mål har minst en aktivitet som bidrar till dem."]
    head = "Mål som ingen aktivitet i rapporten bidrar till"
    for text in (f"{head}: " + "; ".join(f"{g.id} {g.name}" for g in goals) + ".",
                 f"{head} ({len(goals)}): " + ", ".join(g.id for g in goals) + "."):
        lines = wrap(text, width, 9.5, bold=True)
        if len(lines) <= most:
            return lines
    return wrap(f"{head}: {len(goals)} av {len(figs.coverage)} mål (se fliken Måltäckning i "
                "arbetsboken).", width, 9.5, bold=True)


def _coverage_page(figs: AnnualFigures) -> Page:
    table = figs.coverage
    ids = list(table.index)

    def draw(fig) -> None:
        if not ids:
            _text(fig, MARGIN, CONTENT_TOP, "Fliken Mål har inga mål.", fontsize=12)
            return
        bottom = 2.0
        cats = charts.categories(goal_names(figs, ids), CONTENT_TOP - bottom, size=8.5,
                                 chars=34)
        left = MARGIN + cats.width
        ax = _axes(fig, left, bottom, WIDTH - MARGIN - left - 0.3, CONTENT_TOP - bottom)
        charts.coverage_bars(ax, table, cats.labels, label_size=cats.fontsize)
        charts.status_legend(ax, anchor=(0.5, -0.55 / (CONTENT_TOP - bottom) - 0.02))
        for i, line in enumerate(uncovered_lines(figs, WIDTH - 2 * MARGIN)):
            _text(fig, MARGIN, 1.05 - i * 0.18, line, fontsize=9.5,
                  fontweight="bold" if figs.uncovered else "normal")

    return Page("coverage", HEADINGS["coverage"],
                "Antal aktiviteter i rapporten som bidrar till varje mål, efter trafikljus. "
                "En aktivitet kan bidra till flera mål.", draw)


DEVIATION_COLUMNS = (
    Column(ACTIVITIES.field("id").header, 0.6),
    Column(ACTIVITIES.field("status").header, 0.72),
    Column(ACTIVITIES.field("title").header, 2.0),
    Column(ACTIVITIES.field("responsible").header, 1.9),
    Column(ACTIVITIES.field("cause").header, 2.7),
    Column(ACTIVITIES.field("action").header, 2.66),
)


def deviation_table(deviations: tuple[Activity, ...], *, personal_data: bool) -> Table:
    rows = []
    for a in deviations:
        who = a.responsible or MISSING
        if personal_data and a.contact:
            who = f"{who}\n{a.contact}"
        cells = (a.id, status_label(a.status), a.title, who, a.cause or MISSING,
                 a.action or MISSING)
        muted = frozenset(i for i, text in enumerate(cells) if text == MISSING)
        rows.append(Row(cells, light=status_label(a.status), muted=muted))
    return Table(DEVIATION_COLUMNS, tuple(rows), size=8.0, light_column=1)


def _deviation_pages(figs: AnnualFigures, personal_data: bool) -> list[Page]:
    devs = figs.deviations
    red = sum(1 for a in devs if a.status is Status.RED)
    subtitle = (f"Gula och röda aktiviteter med orsak och rekommenderad åtgärd, röda först: "
                f"{swedish.number(red)} röda och {swedish.number(len(devs) - red)} gula.")
    if not devs:
        return [Page("deviations", HEADINGS["deviations"], "Gula och röda aktiviteter.",
                     _lines_drawer(["Inga aktiviteter i rapporten är gula eller röda."]))]
    table = deviation_table(devs, personal_data=personal_data)
    space = CONTENT_TOP + 0.15 - CONTENT_BOTTOM
    parts = table.paginate(space, space)
    pages = []
    for n, page_parts in enumerate(parts):
        def draw(fig, page_parts=page_parts) -> None:
            table.draw(fig, page_parts, top=CONTENT_TOP + 0.15, left=MARGIN)
        pages.append(Page("deviations", HEADINGS["deviations"] + (" (forts.)" if n else ""),
                          subtitle if not n else subtitle.split(":")[0] + " (fortsättning).",
                          draw))
    return pages


def plan_pages(figs: AnnualFigures, *, title: str, source: str,
               personal_data: bool) -> list[Page]:
    """Every page of the report, in order, not yet drawn."""
    pages: list[Page] = []
    pages.append(_cover(figs, title, source, personal_data, pages))
    pages.append(_status_page(figs))
    pages.append(_year_page(figs))
    pages.append(_completed_page(figs))
    pages.extend(_goal_pages(figs))
    pages.append(_coverage_page(figs))
    pages.extend(_deviation_pages(figs, personal_data))
    return pages


def _frame(fig, page: Page, number: int, count: int, footer: str) -> None:
    from matplotlib.lines import Line2D

    if page.section != "cover":
        _text(fig, MARGIN, HEADING_Y, page.heading, fontsize=18, fontweight="bold",
              color=ACCENT)
        if page.subtitle:
            for i, line in enumerate(wrap(page.subtitle, WIDTH - 2 * MARGIN, 10)[:2]):
                _text(fig, MARGIN, SUBTITLE_Y - i * 0.19, line, fontsize=10, color=MUTED)
    fig.add_artist(Line2D([MARGIN / WIDTH, 1 - MARGIN / WIDTH], [0.5 / HEIGHT] * 2,
                          transform=fig.transFigure, color="#BFBFBF", linewidth=0.6))
    _text(fig, MARGIN, FOOTER_Y + 0.1, footer, fontsize=8, color=MUTED)
    _text(fig, WIDTH - MARGIN, FOOTER_Y + 0.1, f"Sida {number} av {count}", fontsize=8,
          color=MUTED, ha="right")


def write_pdf(figs: AnnualFigures, path: Path, *, title: str, source: str,
              personal_data: bool) -> int:
    """Write the report to `path`; returns the number of pages."""
    from matplotlib.backends.backend_pdf import PdfPages

    pages = plan_pages(figs, title=title, source=source, personal_data=personal_data)
    footer = f"Årsrapport {figs.year} · {swedish.shorten(title, 110)}"
    metadata = {"Title": f"Årsrapport {figs.year} – {title}",
                "Subject": "Handlingsplanens status till kommunstyrelsen",
                "Author": "plan-sheets", "Creator": "plan-sheets", "Producer": "plan-sheets",
                "Keywords": f"årsrapport {figs.year}"}
    with PdfPages(path, metadata=metadata) as pdf:
        for number, page in enumerate(pages, start=1):
            fig = charts.figure(WIDTH, HEIGHT)
            page.draw(fig)
            _frame(fig, page, number, len(pages), footer)
            pdf.savefig(fig)
    return len(pages)
