"""`validate --report`: the findings as a workbook whose rows link to the offending cells."""

from __future__ import annotations

import os
from collections import Counter
from collections.abc import Sequence
from pathlib import Path

from plan_sheets.excel.addresses import quote_sheet
from plan_sheets.excel.textwidth import row_height, text_lines
from plan_sheets.files import replacing
from plan_sheets.rules.validate import FileResult
from plan_sheets.workbook.findings import RULES, Severity
from plan_sheets.workbook.schema import HEADER_FILL, HEADER_FONT, TITLE_FONT
from plan_sheets.workbook.xlsxbook import open_workbook

SEVERITY_FILL = {Severity.ERROR: "#FFC7CE", Severity.WARNING: "#FFEB9C"}
SEVERITY_FONT = {Severity.ERROR: "#9C0006", Severity.WARNING: "#7F6000"}

COLUMNS = (("Fil", 18), ("Flik", 13), ("Cell", 7), ("ID", 7), ("Allvarlighet", 11),
           ("Kod", 25), ("Regel", 22), ("Värde", 16), ("Meddelande", 48), ("Gör så här", 42))
WRAPPED = {6: 22, 7: 16, 8: 48, 9: 42}
"""Column -> width, for the columns whose text wraps (row heights follow them)."""


def _link_target(workbook: Path, report: Path, sheet: str, cell: str) -> str:
    """`external:` link from the report to a cell of the validated workbook."""
    try:
        rel = os.path.relpath(workbook.resolve(), report.resolve().parent)
    except ValueError:  # another drive on Windows
        rel = str(workbook.resolve())
    return f"external:{rel}#{quote_sheet(sheet)}!{cell}"


def write_findings_report(results: Sequence[FileResult], out: Path, *,
                          strict: bool = False) -> None:
    """Write the findings of `results` to `out` (.xlsx): a summary and one linked row each.

    Written beside `out` and then put in its place, so that a report open in Excel
    (which Windows will not let us replace: WorkbookLocked) keeps its last version whole.
    """
    out.parent.mkdir(parents=True, exist_ok=True)
    with replacing(out) as temp:
        _write(results, out, temp, strict=strict)


def _write(results: Sequence[FileResult], out: Path, temp: Path, *, strict: bool) -> None:
    """The report for `out` (its links are relative to it), written to `temp`."""
    wb = open_workbook(temp)
    wb.set_properties({"title": "Valideringsresultat", "author": "plan-sheets"})
    title = wb.add_format({"bold": True, "font_size": 14, "font_color": TITLE_FONT})
    header = wb.add_format({"bold": True, "font_color": HEADER_FONT, "bg_color": HEADER_FILL,
                            "text_wrap": True, "valign": "top"})
    wrap = wb.add_format({"text_wrap": True, "valign": "top"})
    top = wb.add_format({"valign": "top"})
    link = wb.add_format({"font_color": "#0563C1", "underline": 1, "valign": "top"})
    sev = {s: wb.add_format({"bg_color": SEVERITY_FILL[s], "font_color": SEVERITY_FONT[s],
                             "bold": True, "valign": "top"}) for s in Severity}

    summary = wb.add_worksheet("Sammanfattning")
    summary.write_string(0, 0, "Valideringsresultat", title)
    summary.set_column(0, 0, 40)
    summary.set_column(1, 1, 26)
    summary.set_column(2, 4, 14)
    summary.set_paper(9)
    summary.fit_to_pages(1, 0)
    row = 2
    for col, text in enumerate(("Fil", "Fel", "Varningar", "Resultat")):
        summary.write_string(row, col, text, header)
    for result in results:
        row += 1
        summary.write_string(row, 0, str(result.path), wrap)
        summary.write_number(row, 1, result.errors)
        summary.write_number(row, 2, result.warnings)
        verdict = ("kan inte läsas: " + result.unreadable if result.unreadable
                   else "godkänd" if result.ok(strict=strict) else "inte godkänd")
        summary.write_string(row, 3, verdict, wrap)
    row += 2
    summary.write_string(row, 0, "Per regel", title)
    row += 1
    for col, text in enumerate(("Regel", "Kod", "Allvarlighet", "Antal")):
        summary.write_string(row, col, text, header)
    counts = Counter(f.code for r in results for f in r.findings)
    for code in sorted(counts, key=lambda c: (RULES[c].severity is not Severity.ERROR, c)):
        row += 1
        rule = RULES[code]
        summary.write_string(row, 0, rule.title)
        summary.write_string(row, 1, code)
        summary.write_string(row, 2, rule.severity.label, sev[rule.severity])
        summary.write_number(row, 3, counts[code])

    ws = wb.add_worksheet("Anmärkningar")
    for col, (name, width) in enumerate(COLUMNS):
        ws.write_string(0, col, name, header)
        ws.set_column(col, col, width, wrap if col in WRAPPED else None)
    r = 0
    for result in results:
        for f in result.findings:
            r += 1
            ws.write_string(r, 0, result.path.name, top)
            ws.write_string(r, 1, f.sheet, top)
            target = f.cell or (f"A{f.row}" if f.row else "A1")
            ws.write_url(r, 2, _link_target(result.path, out, f.sheet, target), link,
                         string=f.cell or (f"rad {f.row}" if f.row else f.sheet),
                         tip=f"Öppna {f.sheet}!{target} i {result.path.name}")
            ws.write_string(r, 3, f.activity_id, top)
            ws.write_string(r, 4, f.severity.label, sev[f.severity])
            ws.write_string(r, 5, f.code, top)
            ws.write_string(r, 6, f.rule.title, wrap)
            ws.write_string(r, 7, f.value, wrap)
            ws.write_string(r, 8, f.message, wrap)
            ws.write_string(r, 9, f.hint, wrap)
            lines = max(text_lines(text, WRAPPED[col]) for col, text in
                        ((6, f.rule.title), (7, f.value), (8, f.message), (9, f.hint)))
            if lines > 1:
                ws.set_row(r, row_height(lines))
    ws.autofilter(0, 0, max(r, 1), len(COLUMNS) - 1)
    ws.freeze_panes(1, 0)
    ws.set_landscape()
    ws.set_paper(9)
    ws.fit_to_pages(1, 0)
    ws.repeat_rows(0)
    ws.activate()
    wb.close()
