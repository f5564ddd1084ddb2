"""The example shipped in workbooks/ is what the tool itself makes."""

from __future__ import annotations

from pathlib import Path

from builders import content
from plan_sheets.example.shipped import MAIN_NAME, write_shipped_example

WORKBOOKS = Path(__file__).resolve().parents[1] / "workbooks"


def test_committed_example_is_what_the_command_makes(tmp_path):
    written = write_shipped_example(tmp_path)
    names = sorted(p.relative_to(tmp_path).as_posix() for p in written)
    shipped = sorted(p.relative_to(WORKBOOKS).as_posix() for p in WORKBOOKS.rglob("*.xlsx"))
    assert shipped == names
    for name in names:
        assert content(WORKBOOKS / name) == content(tmp_path / name), name


def test_main_workbook_is_shipped():
    assert (WORKBOOKS / MAIN_NAME).is_file()
