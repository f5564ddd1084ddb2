"""Workbooks built in code for tests: a valid small plan, and ways to spoil it.

`PlanBook` describes a huvuddokument as rows; `write()` saves it with openpyxl
(which, like a hand-edited file, may hold formulas without cached values,
merged title cells and hidden rows).
"""

from __future__ import annotations

import datetime as dt
import shutil
import subprocess
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from plan_sheets.workbook.schema import (
    ACTIVITIES,
    ASSESSMENTS,
    DECISIONS,
    FOCUS_AREAS,
    GOALS,
    INTERVENTION_AREAS,
    MEASUREMENTS,
    VIEWS,
)

TODAY = dt.date(2026, 11, 26)

ACTIVITY_HEADERS = [f.header for f in ACTIVITIES.fields]


def activity(aid: str, **values: Any) -> dict[str, Any]:
    """A complete, valid activity row (by Swedish header) with `values` overriding; a
    column of the contract not named below is empty."""
    focus, area, _n = aid.split(".")
    row: dict[str, Any] = dict.fromkeys(ACTIVITY_HEADERS)
    row |= {
        "ID": aid,
        "Fokusområde": int(focus),
        "Insatsområde": f"{focus}.{area}",
        "Aktivitet": f"Aktivitet {aid}",
        "Beskrivning": "",
        "Ansvarig": "Näringslivskontoret",
        "Kontaktperson": "Anna Andersson",
        "Delaktiga": "",
        "Start": dt.date(2025, 1, 1),
        "Slut": dt.date(2027, 12, 31),
        "Läge": "Pågående",
        "Status": "Grön",
        "Statuskommentar": "",
        "Orsak till avvikelse": "",
        "Rekommenderad åtgärd": "",
        "Mål": "M1",
        "Beslutad": dt.date(2024, 12, 1),
        "Senast uppdaterad": dt.date(2026, 9, 1),
        "E-post": "",
    }
    row.update(values)
    return row


@dataclass
class PlanBook:
    """A small valid huvuddokument: 2 focus areas, 3 intervention areas, 3 activities, 2 goals."""

    activities: list[dict[str, Any]] = field(default_factory=lambda: [
        activity("1.1.1", Mål="M1"), activity("1.2.1", Mål="M2"), activity("2.1.1", Mål="M1, M2"),
    ])
    focus_areas: list[list[Any]] = field(default_factory=lambda: [
        [1, "Företagsklimat", "Lena Holm"], [2, "Kompetens", "Per Lundgren"],
    ])
    areas: list[list[Any]] = field(default_factory=lambda: [
        ["1.1", 1, "erbjuder mötesplatser", "Genom att träffas"],
        ["1.2", 1, "har partners", ""],
        ["2.1", 2, "verkar för utbildning", ""],
    ])
    goals: list[list[Any]] = field(default_factory=lambda: [
        ["M1", "Bättre företagsklimat", "Ranking", "placering", 200, 2016, 100, 2028, "Minska",
         "Test"],
        ["M2", "Fler jobb", "Sysselsättning", "procent", 70, 2016, 75, 2028, "Öka", "Test"],
    ])
    measurements: list[list[Any]] = field(default_factory=lambda: [
        ["M1", 2024, 150, ""], ["M2", 2024, 72.5, ""],
    ])
    decisions: list[list[Any]] | None = None
    """Rows of Beslut (None: no such sheet, as in workbooks older than the sheet)."""
    assessments: list[list[Any]] | None = None
    """Rows of Bedömningar (None: no such sheet)."""
    views: list[list[Any]] | None = None
    """Rows of Synpunkter (None: no such sheet)."""
    activity_headers: list[str] = field(default_factory=lambda: list(ACTIVITY_HEADERS))
    """Headers as written (may be shuffled, misspelt or extended with staff columns)."""
    title_rows: list[list[Any]] = field(default_factory=list)
    """Rows above the header of Aktiviteter (a title, blank rows)."""
    staff_sheets: dict[str, list[list[Any]]] = field(default_factory=dict)
    omit_sheets: tuple[str, ...] = ()
    hidden_rows: tuple[int, ...] = ()
    merge_title: bool = False
    header_aliases: dict[str, str] = field(default_factory=dict)
    """Contract header -> the header text to write instead."""
    formulas: bool = True
    """Text starting with `=` is a formula (as openpyxl writes it); False keeps it text."""

    def activity_rows(self) -> list[list[Any]]:
        rows = []
        for act in self.activities:
            rows.append([act.get(self._contract(h)) if self._contract(h) else act.get(h)
                         for h in self.activity_headers])
        return rows

    def _contract(self, header: str) -> str | None:
        for contract, written in self.header_aliases.items():
            if written == header:
                return contract
        return header if header in ACTIVITY_HEADERS else None

    def write(self, path: Path) -> Path:
        from openpyxl import Workbook

        wb = Workbook()
        wb.remove(wb.active)
        sheets = {
            ACTIVITIES.name: [*self.title_rows, self.activity_headers, *self.activity_rows()],
            # Kortnamn only when a row gives one, as in workbooks older than the column.
            FOCUS_AREAS.name: [FOCUS_AREAS.headers[:max(3, *map(len, self.focus_areas))],
                               *self.focus_areas],
            INTERVENTION_AREAS.name: [INTERVENTION_AREAS.headers, *self.areas],
            GOALS.name: [GOALS.headers, *self.goals],
            MEASUREMENTS.name: [MEASUREMENTS.headers, *self.measurements],
            **{sheet.name: [sheet.headers, *rows] for sheet, rows in (
                (DECISIONS, self.decisions), (ASSESSMENTS, self.assessments),
                (VIEWS, self.views)) if rows is not None},
            **self.staff_sheets,
        }
        for name, rows in sheets.items():
            if name in self.omit_sheets:
                continue
            ws = wb.create_sheet(name)
            for row in rows:
                ws.append([None if v == "" else v for v in row])
            if name == ACTIVITIES.name:
                for r in self.hidden_rows:
                    ws.row_dimensions[r].hidden = True
                if self.merge_title and self.title_rows:
                    ws.merge_cells(start_row=1, start_column=1, end_row=1, end_column=6)
        for ws in wb.worksheets:
            for row in ws.iter_rows():
                for cell in row:
                    if isinstance(cell.value, (dt.date, dt.datetime)):
                        cell.number_format = "yyyy-mm-dd"
                    elif not self.formulas and cell.data_type == "f":
                        cell.data_type = "s"
        wb.save(path)
        return path


def split_plan(folder: Path, out: str, *options: str) -> Path:
    """The builder's plan with 1.1.2 (linked to M2) as `folder/huvuddokument.xlsx`, split by
    the command line into `folder/out` with `options`; the huvuddokument's path."""
    from click.testing import CliRunner

    from plan_sheets.cli import cli

    book = PlanBook()
    book.activities.append(activity("1.1.2", Mål="M2"))
    main = book.write(folder / "huvuddokument.xlsx")
    result = CliRunner().invoke(cli, ["split", str(main), "--out", str(folder / out), *options])
    assert result.exit_code == 0, result.output
    return main


def write_rows(path: Path, sheets: dict[str, list[list[Any]]]) -> Path:
    """Any workbook from rows per sheet."""
    from openpyxl import Workbook

    wb = Workbook()
    wb.remove(wb.active)
    for name, rows in sheets.items():
        ws = wb.create_sheet(name)
        for row in rows:
            ws.append(row)
    wb.save(path)
    return path


def soffice() -> str | None:
    return shutil.which("soffice") or shutil.which("libreoffice")


def libreoffice_convert(path: Path, fmt: str, outdir: Path) -> Path:
    """Convert with LibreOffice (`xlsx` re-saves as a person's spreadsheet program would)."""
    outdir.mkdir(parents=True, exist_ok=True)
    profile = outdir / ".lo-profile"
    target = {"xlsx": "xlsx:Calc MS Excel 2007 XML", "pdf": "pdf"}[fmt]
    cmd = [soffice(), f"-env:UserInstallation=file://{profile}", "--headless",
           "--convert-to", target, "--outdir", str(outdir), str(path)]
    subprocess.run(cmd, check=True, capture_output=True, timeout=180)
    out = outdir / f"{path.stem}.{fmt}"
    if not out.exists():
        raise AssertionError(f"LibreOffice wrote no {out}")
    return out


def content(path: Path) -> dict[str, Any]:
    """What a workbook holds, for comparing two by content: values, rules, dropdowns, comments."""
    import openpyxl
    import python_calamine

    book = python_calamine.CalamineWorkbook.from_path(str(path))
    values = {name: book.get_sheet_by_name(name).to_python(skip_empty_area=False)
              for name in book.sheet_names}
    wb = openpyxl.load_workbook(path)
    rules = {}
    for ws in wb.worksheets:
        rules[ws.title] = {
            "cf": sorted((str(r.sqref), rule.formula[0] if rule.formula else "", rule.type)
                         for r in ws.conditional_formatting for rule in r.rules),
            "dv": sorted((str(dv.sqref), dv.formula1 or "") for dv in
                         ws.data_validations.dataValidation),
            "comments": sorted((c.coordinate, c.comment.text) for row in ws.iter_rows()
                               for c in row if c.comment),
            "freeze": ws.freeze_panes,
            "hidden": ws.sheet_state,
        }
    return {"values": values, "rules": rules}


def replace_in_zip(path: Path, member: str | None, old: bytes, new: bytes) -> None:
    """Edit a part of a workbook's zip in place (`member=None`: the parts holding `old`)."""
    import zipfile

    with zipfile.ZipFile(path) as archive:
        parts = [(info, archive.read(info.filename)) for info in archive.infolist()]
    found = False
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as archive:
        for info, data in parts:
            if info.filename == member or (member is None and old in data):
                assert old in data, f"{old!r} not in {member}"
                data = data.replace(old, new)
                found = True
            archive.writestr(info, data)
    assert found, member
