"""The check of a write refuses the same when big parts are parsed in a forked process.

From `parallel.FORK_FROM_BYTES` bytes of workbook the parts'
well-formedness is checked in another process while the file is written; these
tests take that path on a small workbook and hold it to the same refusals.
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from lossless_fixtures import FIRST_ROW, STATUS_COL, a_patch, staff_workbook
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


@pytest.fixture(params=["beside", "here"])
def where(request, monkeypatch) -> list[bool]:
    """Both ways of checking; the list fills when a forked process was started."""
    started: list[bool] = []
    if request.param == "beside":
        monkeypatch.setattr(parallel, "FORK_FROM_BYTES", 0)
        real = parallel.start_beside

        def spy(there):
            started.append(True)
            return real(there)

        monkeypatch.setattr(parallel, "start_beside", spy)
    else:
        monkeypatch.setattr(parallel, "FORK_FROM_BYTES", 10 ** 15)
    return started


@needs_fork
def test_a_good_write_passes_either_way(book: Path, where: list[bool]) -> None:
    result = apply_patch(book, a_patch())
    assert result.changed_parts
    assert bool(where) == (parallel.FORK_FROM_BYTES == 0)
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
    assert bool(where) == (parallel.FORK_FROM_BYTES == 0)
    assert book.read_bytes() == original
    assert sorted(p.name for p in book.parent.iterdir()) == ["huvuddokument.xlsx"]


@needs_fork
def test_a_check_process_that_dies_refuses_the_write(book: Path,
                                                     monkeypatch: pytest.MonkeyPatch) -> None:
    original = book.read_bytes()
    monkeypatch.setattr(parallel, "FORK_FROM_BYTES", 0)
    parent = os.getpid()

    def dies(data: bytes, name: str) -> None:
        if os.getpid() != parent:
            os._exit(3)

    monkeypatch.setattr(verify_module, "_well_formed", dies)
    with pytest.raises(WriteRefused, match="kunde inte kontrolleras"):
        apply_patch(book, a_patch())
    assert book.read_bytes() == original
    assert sorted(p.name for p in book.parent.iterdir()) == ["huvuddokument.xlsx"]


@pytest.fixture(params=["early", "after"])
def originals(request, monkeypatch) -> str:
    """Both ways of parsing the original's sheets for the check."""
    from plan_sheets.lossless import apply as apply_module

    monkeypatch.setattr(apply_module, "EARLY_FROM", 0 if request.param == "early" else 10 ** 15)
    return request.param


def test_a_cell_changed_by_mistake_is_caught_either_way(book: Path, originals: str,
                                                        monkeypatch: pytest.MonkeyPatch) -> None:
    import re

    original = book.read_bytes()
    real = Worksheet.to_bytes

    def spoiled(self: Worksheet) -> bytes:
        data = real(self)
        changed = re.sub(rb'(<c r="B5"[^>]*><v>)\d+(</v>)', rb"\g<1>99\g<2>", data)
        assert changed != data
        return changed

    monkeypatch.setattr(Worksheet, "to_bytes", spoiled)
    with pytest.raises(WriteRefused, match=r"Aktiviteter!B5 läses tillbaka som 99\.0"):
        apply_patch(book, a_patch())
    assert book.read_bytes() == original
    assert sorted(p.name for p in book.parent.iterdir()) == ["huvuddokument.xlsx"]


def test_new_sheets_and_names_in_another_case_are_checked_either_way(
        book: Path, originals: str) -> None:
    import python_calamine

    patch = Patch()
    patch.set_cell("aktiviteter", FIRST_ROW, STATUS_COL, "Röd")  # Excel's names ignore case
    patch.ensure_sheet("Ändringslogg", ["Tid", "Ändring"], widths=[20, 40])
    patch.append_rows("Ändringslogg", [{1: "nu", 2: "Status"}], header_row=1)
    result = apply_patch(book, patch)
    assert result.changed_parts
    sheets = python_calamine.CalamineWorkbook.from_path(str(book))
    assert sheets.get_sheet_by_name("Ändringslogg").to_python()[1] == ["nu", "Status"]


def test_an_original_the_check_cannot_parse_refuses_either_way(
        book: Path, originals: str, monkeypatch: pytest.MonkeyPatch) -> None:
    original = book.read_bytes()
    calls = {"n": 0}
    real = verify_module._load

    def first_fails(data: bytes):
        calls["n"] += 1
        raise ValueError("kan inte läsas (injected)")

    monkeypatch.setattr(verify_module, "_load", first_fails)
    with pytest.raises(WriteRefused, match="originalet gick inte att läsa för kontrollen"):
        apply_patch(book, a_patch())
    assert calls["n"] >= 1 and real is not first_fails
    assert book.read_bytes() == original
    assert sorted(p.name for p in book.parent.iterdir()) == ["huvuddokument.xlsx"]


def two_sheets() -> Patch:
    patch = a_patch()
    patch.set_cell("Mål", 2, 2, "Ett nytt mål")
    return patch


def _spoil_sheets(monkeypatch: pytest.MonkeyPatch, *sheets: str) -> None:
    """Make the writer change an untouched cell of each of `sheets` by mistake."""
    import re

    real = Worksheet.to_bytes
    spoils = {"Aktiviteter": rb'(<c r="B5"[^>]*><v>)\d+(</v>)',
              "Mål": rb'(<c r="A8"[^>]*>(?:(?!</c>).)*?<v>)\d+(</v>)'}

    def spoiled(self: Worksheet) -> bytes:
        data = real(self)
        if self.sheet in sheets:
            changed = re.sub(spoils[self.sheet], rb"\g<1>99\g<2>", data, flags=re.DOTALL)
            assert changed != data
            return changed
        return data

    monkeypatch.setattr(Worksheet, "to_bytes", spoiled)


@needs_fork
def test_the_sheets_after_the_first_are_checked_beside(book: Path, where: list[bool],
                                                       monkeypatch: pytest.MonkeyPatch) -> None:
    made: list[verify_module.WellFormed] = []
    real = verify_module.WellFormed

    class Spy(real):  # type: ignore[misc, valid-type]
        def __init__(self, *args, **kwargs):
            super().__init__(*args, **kwargs)
            made.append(self)

    from plan_sheets.lossless import apply as apply_module

    monkeypatch.setattr(apply_module, "WellFormed", Spy)
    assert apply_patch(book, two_sheets()).changed_parts
    beside = parallel.FORK_FROM_BYTES == 0
    assert [s.name for s in made[0].sheets_here] == (["Aktiviteter"] if beside
                                                     else ["Aktiviteter", "Mål"])


@needs_fork
@pytest.mark.parametrize(("spoiled", "message"), [
    (("Mål",), r"Mål!A8 läses tillbaka som 99\.0"),
    (("Aktiviteter", "Mål"), r"Aktiviteter!B5 läses tillbaka som 99\.0"),
])
def test_a_later_sheet_changed_by_mistake_is_caught_in_order_either_way(
        book: Path, where: list[bool], originals: str, monkeypatch: pytest.MonkeyPatch,
        spoiled: tuple[str, ...], message: str) -> None:
    original = book.read_bytes()
    _spoil_sheets(monkeypatch, *spoiled)
    with pytest.raises(WriteRefused, match=message):
        apply_patch(book, two_sheets())
    assert bool(where) == (parallel.FORK_FROM_BYTES == 0)
    assert book.read_bytes() == original
    assert sorted(p.name for p in book.parent.iterdir()) == ["huvuddokument.xlsx"]


@needs_fork
def test_a_part_that_is_not_xml_is_refused_before_a_value_either_way(
        book: Path, where: list[bool], monkeypatch: pytest.MonkeyPatch) -> None:
    real = Worksheet.to_bytes

    def broken(self: Worksheet) -> bytes:
        data = real(self)
        return data.replace(b"</row>", b"</rox>", 1) if self.sheet == "Mål" else data

    monkeypatch.setattr(Worksheet, "to_bytes", broken)
    _spoil = Worksheet.to_bytes

    def both(self: Worksheet) -> bytes:
        import re

        data = _spoil(self)
        if self.sheet == "Aktiviteter":
            data = re.sub(rb'(<c r="B5"[^>]*><v>)\d+(</v>)', rb"\g<1>99\g<2>", data)
        return data

    monkeypatch.setattr(Worksheet, "to_bytes", both)
    with pytest.raises(WriteRefused, match="kontrollen .* inte giltig XML"):
        apply_patch(book, two_sheets())


@needs_fork
def test_the_check_beside_takes_the_sheets_parsed_early_instead_of_parsing_them_again(
        book: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from plan_sheets.lossless import apply as apply_module

    monkeypatch.setattr(parallel, "FORK_FROM_BYTES", 0)
    monkeypatch.setattr(apply_module, "EARLY_FROM", 0)
    parent = os.getpid()
    real = verify_module._load

    def here_only(data: bytes):
        if os.getpid() != parent:
            raise AssertionError("the original was parsed again beside")
        return real(data)

    monkeypatch.setattr(verify_module, "_load", here_only)
    result = apply_patch(book, two_sheets())
    assert result.changed_parts
