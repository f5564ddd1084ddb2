"""Issue 21, finding 6: `import` of a file that is already a huvuddokument is refused, since
making it anew would lose Beslut, Bedömningar, Synpunkter, Statushistorik and Ändringslogg."""

from __future__ import annotations

from click.testing import CliRunner

import old_plans
from builders import PlanBook
from plan_sheets.cli import cli


def test_a_huvuddokument_made_by_init_is_refused_with_a_pointer_to_arsskifte(tmp_path):
    main = tmp_path / "huvuddokument.xlsx"
    runner = CliRunner()
    assert runner.invoke(cli, ["init", "--example", str(main)]).exit_code == 0
    result = runner.invoke(cli, ["import", str(main), str(tmp_path / "ny-2027.xlsx")])
    assert result.exit_code == 2, result.output
    assert "är redan ett huvuddokument" in result.output
    assert "plan-sheets arsskifte huvuddokument.xlsx" in result.output
    assert not (tmp_path / "ny-2027.xlsx").exists()


def test_a_hand_kept_huvuddokument_with_a_decision_log_is_refused(tmp_path):
    main = PlanBook(decisions=[["2026-03-01", "2026-T1", "1.1.1", "Prioritera", "Hög", "", "",
                                ""]]).write(tmp_path / "plan.xlsx")
    result = CliRunner().invoke(cli, ["import", str(main), str(tmp_path / "ny.xlsx")])
    assert result.exit_code == 2, result.output
    assert "Beslut" in result.output and "arsskifte" in result.output


def test_an_old_plan_is_still_imported(tmp_path):
    old = old_plans.issue_example(tmp_path / "gammal.xlsx")
    result = CliRunner().invoke(cli, ["import", str(old), str(tmp_path / "ny.xlsx")])
    assert result.exit_code == 0, result.output
