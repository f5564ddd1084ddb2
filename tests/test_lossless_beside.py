"""The check of a write refuses the same when big parts are parsed in a forked process.

From `verify.WELL_FORMED_BESIDE_FROM` bytes of changed XML the parts'
well-formedness is checked in another process while the file is written; these
tests take that path on a small workbook and hold it to the same refusals.
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from lossless_fixtures import FIRST_ROW, STATUS_COL, staff_workbook
from plan_sheets import parallel
from plan_sheets.errors import WriteRefused
from plan_sheets.lossless import Patch, apply_patch
from plan_sheets.lossless import verify as verify_module
from plan_sheets.lossless.sheetxml import Worksheet

pytestmark = pytest.mark.filterwarnings("ignore:.*extension is not supported:UserWarning")
needs_fork = pytest.mark.skipif(not parallel.can_fork(), reason="kan inte starta en egen process")


@pytest.fixture
def book(tmp_path: Path) -> Path:
    return staff_workbook(tmp_path / "huvuddokument.xlsx")


def a_patch() -> Patch:
    patch = Patch()
    patch.set_cell("Aktiviteter", FIRST_ROW, STATUS_COL, "Röd")
    return patch


@pytest.fixture(params=["beside", "here"])
def where(request, monkeypatch) -> list[bool]:
    """Both ways of checking; the list fills when a forked process was started."""
    started: list[bool] = []
    if request.param == "beside":
        monkeypatch.setattr(verify_module, "WELL_FORMED_BESIDE_FROM", 0)
        real = parallel.start_beside

        def spy(there):
            started.append(True)
            return real(there)

        monkeypatch.setattr(parallel, "start_beside", spy)
    else:
        monkeypatch.setattr(verify_module, "WELL_FORMED_BESIDE_FROM", 10 ** 15)
    return started


@needs_fork
def test_a_good_write_passes_either_way(book: Path, where: list[bool]) -> None:
    result = apply_patch(book, a_patch())
    assert result.changed_parts
    assert bool(where) == (verify_module.WELL_FORMED_BESIDE_FROM == 0)
    assert sorted(p.name for p in book.parent.iterdir()) == ["arkiv", "huvuddokument.xlsx"]


@needs_fork
def test_a_part_that_is_not_xml_is_refused_either_way(book: Path, where: list[bool],
                                                      monkeypatch: pytest.MonkeyPatch) -> None:
    original = book.read_bytes()
    real = Worksheet.to_bytes

    def broken(self: Worksheet) -> bytes:
        data = real(self)
        spoiled = data.replace(b"</row>", b"</rox>", 1)
        assert spoiled != data
        return spoiled

    monkeypatch.setattr(Worksheet, "to_bytes", broken)
    with pytest.raises(WriteRefused, match="kontrollen .* inte giltig XML"):
        apply_patch(book, a_patch())
    assert bool(where) == (verify_module.WELL_FORMED_BESIDE_FROM == 0)
    assert book.read_bytes() == original
    assert sorted(p.name for p in book.parent.iterdir()) == ["huvuddokument.xlsx"]


@needs_fork
def test_a_check_process_that_dies_refuses_the_write(book: Path,
                                                     monkeypatch: pytest.MonkeyPatch) -> None:
    original = book.read_bytes()
    monkeypatch.setattr(verify_module, "WELL_FORMED_BESIDE_FROM", 0)
    parent = os.getpid()

    def dies(data: bytes, name: str) -> None:
        if os.getpid() != parent:
            os._exit(3)

    monkeypatch.setattr(verify_module, "_well_formed", dies)
    with pytest.raises(WriteRefused, match="kunde inte kontrolleras"):
        apply_patch(book, a_patch())
    assert book.read_bytes() == original
    assert sorted(p.name for p in book.parent.iterdir()) == ["huvuddokument.xlsx"]
