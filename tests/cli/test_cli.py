"""The command line: Swedish help with an example everywhere, fast start, no tracebacks."""

from __future__ import annotations

import subprocess
import sys

import pytest
from click.testing import CliRunner

from plan_sheets.cli import cli

COMMANDS = sorted(cli.commands)


def test_group_help_is_swedish():
    result = CliRunner().invoke(cli, ["--help"])
    assert result.exit_code == 0
    assert "Användning: plan-sheets [FLAGGOR] KOMMANDO" in result.output
    assert "Kommandon:" in result.output and "Flaggor:" in result.output
    assert "Visa den här hjälpen och avsluta." in result.output
    for english in ("Usage:", "Options:", "Commands:", "Show this message"):
        assert english not in result.output


@pytest.mark.parametrize("command", COMMANDS)
def test_every_command_has_swedish_help_with_an_example(command):
    result = CliRunner().invoke(cli, [command, "--help"])
    assert result.exit_code == 0, result.output
    assert "Användning:" in result.output
    assert "Exempel:" in result.output
    assert f"plan-sheets {command}" in result.output.split("Exempel:")[1]
    assert "Usage:" not in result.output and "Options:" not in result.output
    assert "required" not in result.output and "default:" not in result.output


def test_unknown_option_is_answered_in_swedish_with_exit_2():
    result = CliRunner().invoke(cli, ["init", "--nope", "x.xlsx"])
    assert result.exit_code == 2
    assert "Okänd flagga" in result.output


def test_missing_argument_is_answered_in_swedish():
    result = CliRunner().invoke(cli, ["init"])
    assert result.exit_code == 2
    assert "saknas" in result.output


def test_start_up_imports_no_pandas_or_matplotlib():
    code = ("import sys; from plan_sheets.cli import cli; "
            "print(sorted(m for m in ('pandas', 'matplotlib', 'openpyxl', 'numpy') "
            "if m in sys.modules))")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "[]"


def test_every_command_is_in_the_readme():
    from pathlib import Path

    readme = (Path(__file__).resolve().parents[2] / "README.md").read_text(encoding="utf-8")
    for command in COMMANDS:
        assert f"plan-sheets {command}" in readme, command
