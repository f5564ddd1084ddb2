"""`annual`: the December chart pack for the municipal board (action plan, sections 5 and 7).

Writes `OUT/arsrapport-<year>/`: the PDF (`annual.pdf`), each chart as a PNG
(the same plates the PDF shows, `annual.plates`) and a workbook with the same
figures and native charts (`annual.workbook`), all drawn from one
`annual.figures.AnnualFigures`.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from pathlib import Path

from plan_sheets import swedish
from plan_sheets.analysis.privacy import PUBLIC_NOTE
from plan_sheets.errors import DataRejected, UsageProblem
from plan_sheets.files import replacing
from plan_sheets.parallel import can_fork, start_beside
from plan_sheets.progress import Progress, quiet
from plan_sheets.workbook.findings import Severity
from plan_sheets.workbook.reader import Loaded
from plan_sheets.workbook.schema import ACTIVITIES, fold

DEFAULT_TITLE = "Handlingsplan för näringslivsstrategin"
"""The plan's name when the workbook's title row does not give one."""



@dataclass(frozen=True)
class AnnualResult:
    pdf: Path
    workbook: Path
    charts: list[Path]
    memo: Path | None = None
    """The draft tjänsteskrivelse for the board (`annual.memo`)."""
    pages: int = 0
    deviations: int = 0
    personal_data: bool = False
    based_on: str = ""
    """Which snapshot a report on a past year shows (`Basis.sentence`); empty for today's."""
    counts: str = ""
    """What the report counts (`Population.sentence`)."""

    @property
    def folder(self) -> Path:
        return self.pdf.parent

    def summary(self) -> list[str]:
        """What was written, in Swedish, for the terminal."""
        return [
            f"Skrev årsrapporten i {self.folder}:",
            f"  {self.pdf.name} ({swedish.plural(self.pages, 'sida', 'sidor')}, "
            f"{swedish.plural(self.deviations, 'avvikelse', 'avvikelser')})",
            f"  {self.workbook.name} (tabeller och diagram som går att ändra i Excel)",
            f"  diagram/ ({swedish.plural(len(self.charts), 'diagram', 'diagram')} som PNG, "
            "200 dpi)",
            *([f"  {self.memo.name} (utkast till tjänsteskrivelse att göra klar i Word)"]
              if self.memo else []),
            *([self.based_on] if self.based_on else []),
            *([self.counts] if self.counts else []),
            *([] if self.personal_data else [PUBLIC_NOTE]),
        ]


def folder_name(year: int) -> str:
    return f"arsrapport-{year}"


def plan_title(loaded: Loaded) -> str:
    """The plan's name from the title row above the Aktiviteter header, as `init` writes it.

    `Aktiviteter – Handlingsplan för …` gives `Handlingsplan för …`; without a
    title row (or a readable file) the name is DEFAULT_TITLE.
    """
    layout = loaded.plan.layouts.get(ACTIVITIES.key)
    if layout is None or layout.header_row <= 1:
        return DEFAULT_TITLE
    try:
        import python_calamine

        book = python_calamine.CalamineWorkbook.from_path(str(loaded.path))
        try:
            rows = book.get_sheet_by_name(layout.name).to_python(
                skip_empty_area=False, nrows=layout.header_row - 1)
        finally:
            book.close()
    except Exception:  # noqa: BLE001 - the name is a nicety; the report goes on without it
        return DEFAULT_TITLE
    for row in rows:
        for value in row:
            if isinstance(value, str) and value.strip():
                first = value.strip().splitlines()[0].strip()
                head, sep, rest = first.partition(" – ")
                if not sep:
                    head, sep, rest = first.partition(" - ")
                if sep and fold(head) == fold(ACTIVITIES.name):
                    first = rest.strip()
                if first and fold(first) != fold(ACTIVITIES.name):
                    return first
                return DEFAULT_TITLE
    return DEFAULT_TITLE


def _refuse_errors(loaded: Loaded, today: date) -> None:
    from plan_sheets.rules.validate import validate

    errors = [f for f in validate(loaded, today=today) if f.severity is Severity.ERROR]
    if not errors:
        return
    shown = "\n".join(f"  {f.location}: {f.message}" for f in errors[:5])
    more = f"\n  … och {len(errors) - 5} till" if len(errors) > 5 else ""
    raise DataRejected(
        f"{loaded.path}: huvuddokumentet har {swedish.plural(len(errors), 'fel', 'fel')}, så "
        f"ingen årsrapport skrevs.\n{shown}{more}",
        hint=f"Rätta felen (se plan-sheets validate {loaded.path}) och försök igen.")


def write_annual(loaded: Loaded, out: Path, *, year: int, today: date,
                 personal_data: bool = False, template: Path | None = None,
                 progress: Progress | None = None) -> AnnualResult:
    """Write the chart pack for `year` into `out/arsrapport-<year>/`.

    The pack is a public record: without personal data unless `personal_data`.
    Beside it, the draft tjänsteskrivelse (`annual.memo`), filled into `template` (the
    municipality's own Word template) when given.

    Raises DataRejected when the workbook has errors (nothing is written),
    WorkbookUnreadable when `template` cannot be filled (nothing is written),
    UsageProblem for a year that has not begun, WorkbookLocked when an output
    file is open in a program that keeps it from being replaced.
    """
    from plan_sheets.analysis.privacy import public_plan
    from plan_sheets.annual import charts, memo, plates
    from plan_sheets.annual import pdf as annualpdf
    from plan_sheets.annual import workbook as annualbook
    from plan_sheets.annual.figures import annual_figures

    say = progress or quiet
    if year > today.year:
        raise UsageProblem(f"Året {year} har inte börjat (i dag är det "
                           f"{swedish.long_date(today)}).", hint="Ange ett år med --year.")
    _refuse_errors(loaded, today)
    plan = loaded.plan if personal_data else public_plan(loaded.plan)
    title = plan_title(loaded)
    say(f"Räknar fram siffrorna för {year} …")
    figs = annual_figures(plan, year=year, today=today)

    folder = Path(out) / folder_name(year)
    pdf = folder / f"{folder_name(year)}.pdf"
    book = folder / f"{folder_name(year)}.xlsx"
    # The municipality's template is filled first, in memory: a template that cannot be
    # filled stops the command before anything is written.
    memo_path = folder / memo.file_name(year)
    memo_bytes = memo.render(figs, title=title, today=today, report_name=pdf.name,
                             personal_data=personal_data, template=template)
    folder.mkdir(parents=True, exist_ok=True)

    diagram = folder / "diagram"
    chosen = plates.all_plates(figs)
    # Drawing the charts takes longest: each process draws every other one (as SVG for the
    # PDF and PNG for diagram/, from one figure); the second also writes the workbook.
    mine, theirs = chosen[::2], chosen[1::2]

    def charts_and_book() -> dict[str, str]:
        with charts.style():
            svgs = plates.render_all(theirs, diagram)
        say(f"Skriver {book} …")
        with replacing(book) as tmp:
            annualbook.write_workbook(figs, tmp, title=title, personal_data=personal_data)
        return svgs

    say(f"Ritar diagrammen i {diagram} …")
    beside = start_beside(charts_and_book) if can_fork() else None
    try:
        with charts.style():
            svgs = plates.render_all(mine, diagram)
        svgs.update(beside.result() if beside else charts_and_book())
    except BaseException:
        if beside:
            beside.cancel()
        raise
    say(f"Skriver {pdf} …")
    with replacing(pdf) as tmp:
        pages = annualpdf.write_pdf(figs, tmp, svgs=svgs, title=title, source=loaded.path.name,
                                    personal_data=personal_data)
    with replacing(memo_path) as tmp:
        Path(tmp).write_bytes(memo_bytes)
    pngs = plates.remove_stale(diagram, chosen)
    return AnnualResult(pdf=pdf, workbook=book, charts=pngs, memo=memo_path, pages=pages,
                        deviations=len(figs.deviations), personal_data=personal_data,
                        based_on=figs.basis.sentence(), counts=figs.population.sentence())
