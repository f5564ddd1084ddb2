"""The example shipped as package data is what the tool itself makes."""

from __future__ import annotations

import pytest

from builders import content
from plan_sheets.example.shipped import MAIN_NAME, SHIPPED_DIR, write_shipped_example

WORKBOOKS = SHIPPED_DIR


@pytest.mark.e2e
def test_committed_example_is_what_the_command_makes(tmp_path):
    written = write_shipped_example(tmp_path)
    names = sorted(p.relative_to(tmp_path).as_posix() for p in written)
    shipped = sorted(p.relative_to(WORKBOOKS).as_posix() for p in WORKBOOKS.rglob("*.xlsx"))
    assert shipped == names, "regenerate: python -m plan_sheets.example.shipped"
    for name in names:
        assert content(WORKBOOKS / name) == content(tmp_path / name), name


def test_main_workbook_is_shipped():
    assert (WORKBOOKS / MAIN_NAME).is_file()
