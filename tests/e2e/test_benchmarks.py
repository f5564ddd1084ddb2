"""The benchmark script runs end to end at the smallest size (no timing is asserted)."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

pytestmark = pytest.mark.e2e

SCRIPT = Path(__file__).resolve().parents[2] / "benchmarks" / "run.py"
COMMANDS = ["validate", "format", "split", "merge", "report", "annual", "run"]
BASELINES = ["*calamine read*", "*pandas read (openpyxl)*", "*openpyxl load+save*",
             "*xlsxwriter rows once*"]


def test_the_benchmark_table_has_a_row_per_command_and_baseline(tmp_path: Path) -> None:
    results = tmp_path / "results.md"
    done = subprocess.run([sys.executable, str(SCRIPT), "--sizes", "60", "--repeat", "1",
                           "--work", str(tmp_path / "work"), "--results", str(results)],
                          capture_output=True, text=True, timeout=600)
    assert done.returncode == 0, done.stderr[-3000:]
    table = results.read_text(encoding="utf-8")
    assert done.stdout.strip() == table.strip()
    rows = [line.split("|")[2].strip() for line in table.splitlines()
            if line.startswith("| 60 |")]
    assert rows == COMMANDS + BASELINES
    assert "Machine: " in table
    assert "`plan-sheets --help`" in table and "`plan-sheets demo`" in table
