"""`plan-sheets validate` from the command line: text, JSON, the linked report, exit codes."""

from __future__ import annotations

import json

import openpyxl
from click.testing import CliRunner

from builders import PlanBook
from plan_sheets.cli import cli
from plan_sheets.example.followup import PLANTED
from plan_sheets.example.shipped import SHIPPED_DIR

WORKBOOKS = SHIPPED_DIR
FINDING_KEYS = ["code", "severity", "sheet", "cell", "row", "column", "activity_id", "value",
                "message"]


def run(*args: str):
    return CliRunner().invoke(cli, ["validate", *args, "--today", "2026-11-26"])


def test_the_shipped_example_reports_exactly_what_was_planted():
    result = run(str(WORKBOOKS / "huvuddokument.xlsx"), "--format", "json")
    assert result.exit_code == 0, result.output
    found = json.loads(result.output)["files"][0]["findings"]
    assert sorted((f["code"], f["activity_id"]) for f in found) == sorted(PLANTED)


def test_json_follows_the_contract(tmp_path):
    book = PlanBook()
    book.activities[0]["Status"] = "Blå"
    book.activities[1]["Ansvarig"] = None
    path = book.write(tmp_path / "plan.xlsx")
    result = run(str(path), "--format", "json")
    assert result.exit_code == 1
    data = json.loads(result.output)
    assert list(data) == ["files"]
    (entry,) = data["files"]
    assert list(entry) == ["file", "ok", "errors", "warnings", "findings"]
    assert (entry["file"], entry["ok"], entry["errors"], entry["warnings"]) == \
        (str(path), False, 1, 1)
    assert [list(f) for f in entry["findings"]] == [FINDING_KEYS, FINDING_KEYS]
    status = entry["findings"][0]
    assert (status["code"], status["severity"], status["sheet"], status["cell"], status["row"],
            status["column"], status["activity_id"], status["value"]) == \
        ("STATUS_INVALID", "error", "Aktiviteter", "L2", 2, 12, "1.1.1", "Blå")
    assert "Blå" in status["message"]


def test_text_output_names_cell_activity_value_and_what_to_do(tmp_path):
    book = PlanBook()
    book.activities[0]["Status"] = "Blå"
    path = book.write(tmp_path / "plan.xlsx")
    result = run(str(path))
    assert result.exit_code == 1
    out = result.output
    assert "1 fel, 0 varningar" in out
    assert "STATUS_INVALID" in out and "Fliken Aktiviteter:" in out
    line = next(ln for ln in out.splitlines() if "STATUS_INVALID" in ln and "L2" in ln)
    assert "1.1.1" in line
    assert "Status ”Blå” är inte Grön, Gul eller Röd." in out
    assert "Gör så här: Välj Grön, Gul eller Röd i listan." in out


def test_warnings_pass_unless_strict(tmp_path):
    book = PlanBook()
    book.activities[0]["Ansvarig"] = None
    path = book.write(tmp_path / "plan.xlsx")
    assert run(str(path)).exit_code == 0
    assert run(str(path), "--strict").exit_code == 1


def test_several_files_each_reported_on_its_own(tmp_path):
    good = PlanBook().write(tmp_path / "bra.xlsx")
    bad_book = PlanBook()
    bad_book.activities[0]["ID"] = "x"
    bad = bad_book.write(tmp_path / "dalig.xlsx")
    result = run(str(good), str(bad), "--format", "json")
    assert result.exit_code == 1
    files = json.loads(result.output)["files"]
    assert [(f["file"], f["ok"], f["errors"]) for f in files] == \
        [(str(good), True, 0), (str(bad), False, 1)]


def test_unreadable_file_exits_2_and_others_are_still_checked(tmp_path):
    good = PlanBook().write(tmp_path / "bra.xlsx")
    text = tmp_path / "text.xlsx"
    text.write_text("ID;Aktivitet\n1.1.1;x\n", encoding="utf-8")
    result = run(str(text), str(good))
    assert result.exit_code == 2
    assert "text.xlsx" in result.output and "inte en Excel-arbetsbok" in result.output
    assert "Traceback" not in result.output
    assert f"{good} (huvuddokument" in result.output


def test_report_links_every_row_to_its_cell(tmp_path):
    book = PlanBook()
    book.activities[0]["Status"] = "Blå"
    book.activities[2]["Mål"] = None
    path = book.write(tmp_path / "plan.xlsx")
    report = tmp_path / "rapport" / "anmarkningar.xlsx"
    result = run(str(path), "--report", str(report))
    assert result.exit_code == 1
    ws = openpyxl.load_workbook(report)["Anmärkningar"]
    headers = [c.value for c in ws[1]]
    assert headers[:3] == ["Fil", "Flik", "Cell"]
    rows = list(ws.iter_rows(min_row=2))
    assert [(r[5].value, r[2].value) for r in rows] == [("STATUS_INVALID", "L2"),
                                                       ("GOAL_LINK_MISSING", "P4")]
    links = [r[2].hyperlink for r in rows]
    # Relative, so the link survives moving both files; Excel stores it Windows-style.
    assert [link.target.replace("\\", "/") for link in links] == ["../plan.xlsx"] * 2
    assert [link.location for link in links] == ["Aktiviteter!L2", "Aktiviteter!P4"]
    assert ws.auto_filter.ref.startswith("A1:")
    severity = rows[0][4]
    assert severity.value == "fel" and severity.fill.fgColor.rgb.endswith("FFC7CE")


def test_report_must_be_xlsx(tmp_path):
    path = PlanBook().write(tmp_path / "plan.xlsx")
    result = run(str(path), "--report", str(tmp_path / "r.csv"))
    assert result.exit_code == 2
