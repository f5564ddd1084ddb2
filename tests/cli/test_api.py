"""The library door: `plan_sheets.api`, one function per command, and the CLI through it."""

from __future__ import annotations

import ast
import inspect
from pathlib import Path

import pytest

import plan_sheets
from builders import TODAY, PlanBook
from plan_sheets import api
from plan_sheets.cli import cli
from plan_sheets.errors import UsageProblem

CLI = Path(plan_sheets.__file__).parent / "cli.py"


def test_the_package_offers_the_api():
    assert plan_sheets.api is api
    assert plan_sheets.merge is api.merge and plan_sheets.Result is api.Result


def test_every_command_has_one_api_function_with_keyword_only_options():
    commands = {"init": "init", "import": "import_plan", "validate": "validate",
                "format": "format_plan", "split": "split", "merge": "merge", "report": "report",
                "paminnelser": "reminders", "annual": "annual", "run": "run", "demo": "demo",
                "webb": "web", "matvarden": "goal_values",
                "arsskifte": "year_end"}
    assert set(commands) <= set(cli.commands)
    for function in commands.values():
        parameters = inspect.signature(getattr(api, function)).parameters.values()
        positional = [p.name for p in parameters if p.kind is p.POSITIONAL_OR_KEYWORD]
        assert positional and all(p in ("path", "paths", "old", "new", "files", "workbooks",
                                          "out") for p in positional), function


def test_the_cli_reaches_the_library_only_through_the_api():
    tree = ast.parse(CLI.read_text(encoding="utf-8"))
    imported = {node.module for node in ast.walk(tree)
                if isinstance(node, ast.ImportFrom) and node.module}
    imported |= {alias.name for node in ast.walk(tree) if isinstance(node, ast.Import)
                 for alias in node.names}
    ours = sorted(m for m in imported if m.startswith("plan_sheets"))
    # errors and files only to word an error; periods for the --period type.
    assert set(ours) <= {"plan_sheets", "plan_sheets.errors", "plan_sheets.files",
                         "plan_sheets.periods"}


def test_init_returns_the_summary_and_the_plan(tmp_path):
    result = api.init(tmp_path / "ny.xlsx", example=True)
    assert result.ok and result.exit_code == 0
    assert result.text.startswith(f"Skrev {tmp_path / 'ny.xlsx'} med exemplet: 5 fokusområden")
    assert len(result.details.activities) > 0
    with pytest.raises(UsageProblem):
        api.init(tmp_path / "ny.xlsx")


def test_validate_returns_findings_exit_code_and_data(tmp_path):
    book = PlanBook()
    book.activities[0]["Status"] = "Lila"
    result = api.validate([book.write(tmp_path / "plan.xlsx")], today=TODAY)
    assert result.exit_code == 1 and not result.ok
    assert [(f.code, f.sheet, f.cell) for f in result.findings] == [
        ("STATUS_INVALID", "Aktiviteter", "L2")]
    assert result.data["files"][0]["findings"][0]["code"] == "STATUS_INVALID"
    assert "Lila" in result.text


def test_validate_a_missing_file_is_exit_code_two(tmp_path):
    assert api.validate([tmp_path / "finns-inte.xlsx"], today=TODAY).exit_code == 2


def test_merge_through_the_api_is_the_command(tmp_path):
    main = tmp_path / "huvuddokument.xlsx"
    api.init(main, example=True)
    split = api.split(main, out=tmp_path / "ut", now=None)
    assert f"Skrev 5 arbetsböcker till {tmp_path / 'ut'}." in split.summary
    result = api.merge(main, sorted((tmp_path / "ut").glob("*.xlsx")), today=TODAY,
                       dry_run=True)
    assert result.exit_code == 0, result.text
    assert result.details.dry_run
