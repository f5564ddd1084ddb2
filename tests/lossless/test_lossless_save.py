"""Saving safely: a failure at any step leaves the original and no stray file; locks refuse."""

from __future__ import annotations

import errno
import os
import re
import threading
import time
from pathlib import Path

import pytest
from filelock import FileLock

from lossless_fixtures import FIRST_ROW, STATUS_COL, a_patch, excel_owner_file, staff_workbook
from plan_sheets import files
from plan_sheets.errors import WorkbookChanged, WorkbookLocked, WriteRefused
from plan_sheets.lossless import Patch, apply_patch, fingerprint, save
from plan_sheets.lossless import apply as apply_module
from plan_sheets.lossless import package as package_module
from plan_sheets.lossless.problems import Refusal
from plan_sheets.lossless.sheetxml import Worksheet

pytestmark = pytest.mark.filterwarnings("ignore:.*extension is not supported:UserWarning")


@pytest.fixture
def book(tmp_path: Path) -> Path:
    return staff_workbook(tmp_path / "huvuddokument.xlsx")


def listing(folder: Path) -> list[str]:
    return sorted(str(p.relative_to(folder)) for p in folder.rglob("*"))


def fail(*_args, **_kwargs):
    raise OSError(errno.EIO, "Input/output error (injected)")


@pytest.mark.parametrize("step", ["write", "fsync", "verify", "archive", "archive_fsync",
                                  "replace"])
def test_a_failing_step_leaves_the_original_and_no_stray_file(
        book: Path, monkeypatch: pytest.MonkeyPatch, step: str) -> None:
    original = book.read_bytes()
    files = listing(book.parent)
    fsyncs = {"n": 0}

    def fsync_failing_second(fd: int) -> None:
        fsyncs["n"] += 1
        if fsyncs["n"] == 2:  # the first is the temp file's, the second the archive copy's
            fail()
        os.fsync(fd)

    if step == "write":
        monkeypatch.setattr(package_module, "write", fail)
    elif step == "fsync":
        monkeypatch.setattr(save, "fsync", fail)
    elif step == "verify":
        def refuse(*_args):
            raise Refusal("injected mismatch")
        monkeypatch.setattr(apply_module, "verify", refuse)
    elif step == "archive":
        monkeypatch.setattr(save, "archive_copy", fail)
    elif step == "archive_fsync":
        monkeypatch.setattr(save, "fsync", fsync_failing_second)
    else:
        monkeypatch.setattr(save.os, "replace", fail)
    with pytest.raises(WriteRefused) as caught:
        apply_patch(book, a_patch())
    assert book.read_bytes() == original
    assert listing(book.parent) == files
    assert "huvuddokument.xlsx" in caught.value.message
    assert caught.value.exit_code == 2


def test_a_full_disk_says_so(book: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    original = book.read_bytes()
    real_write = package_module.write

    def write_half_then_full(target, *args, **kwargs):
        target.write(b"PK\x03\x04 partial")
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr(package_module, "write", write_half_then_full)
    with pytest.raises(WriteRefused, match="disken är full"):
        apply_patch(book, a_patch())
    assert book.read_bytes() == original
    assert listing(book.parent) == ["huvuddokument.xlsx"]
    assert real_write is not write_half_then_full


def test_an_interrupt_while_checking_leaves_no_temp_file(
        book: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    original = book.read_bytes()

    def interrupt(*_args):
        raise KeyboardInterrupt

    monkeypatch.setattr(apply_module, "verify", interrupt)
    with pytest.raises(KeyboardInterrupt):
        apply_patch(book, a_patch())
    assert book.read_bytes() == original
    assert listing(book.parent) == ["huvuddokument.xlsx"]


def _spoil(data: bytes) -> bytes:
    """Change an untouched cell (B5, a number) in a worksheet's bytes."""
    spoiled = re.sub(rb'(<c r="B5"[^>]*><v>)\d+(</v>)', rb"\g<1>99\g<2>", data)
    assert spoiled != data
    return spoiled


def test_a_part_written_wrong_is_caught(book: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    original = book.read_bytes()
    real_write = package_module.write

    def sabotaged(target, package, *, replaced, **kwargs):
        sheet = "xl/worksheets/sheet1.xml"
        real_write(target, package, replaced={**replaced, sheet: _spoil(replaced[sheet])},
                   **kwargs)

    monkeypatch.setattr(package_module, "write", sabotaged)
    with pytest.raises(WriteRefused, match="kontrollen .* lästes inte tillbaka som den skrevs"):
        apply_patch(book, a_patch())
    assert book.read_bytes() == original
    assert listing(book.parent) == ["huvuddokument.xlsx"]


def test_a_cell_changed_by_mistake_is_caught(book: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """A writer bug that changes a cell it was not asked to: the value check refuses."""
    original = book.read_bytes()
    real = Worksheet.to_bytes
    monkeypatch.setattr(Worksheet, "to_bytes", lambda self: _spoil(real(self)))
    with pytest.raises(WriteRefused, match=r"Aktiviteter!B5 läses tillbaka som 99\.0"):
        apply_patch(book, a_patch())
    assert book.read_bytes() == original
    assert listing(book.parent) == ["huvuddokument.xlsx"]


def test_the_file_keeps_its_permissions(book: Path) -> None:
    book.chmod(0o664)
    apply_patch(book, a_patch())
    assert book.stat().st_mode & 0o777 == 0o664


# --- owner files and locks -------------------------------------------------------------------


@pytest.mark.parametrize("name", ["Anna Andersson", "Åsa Öberg"])
def test_excel_owner_file_refuses_and_names_the_person(book: Path, name: str) -> None:
    original = book.read_bytes()
    (book.parent / f"~${book.name}").write_bytes(excel_owner_file(name))
    with pytest.raises(WorkbookLocked) as caught:
        apply_patch(book, a_patch())
    assert caught.value.message == (f"huvuddokument.xlsx är öppen i Excel hos {name}. "
                                    f"Stäng filen och försök igen.")
    assert caught.value.exit_code == 2
    assert book.read_bytes() == original


@pytest.mark.parametrize(("data", "name"), [
    (excel_owner_file("Anna Andersson"), "Anna Andersson"),
    (excel_owner_file("Erik Ek", word=True), "Erik Ek"),
    (excel_owner_file("Anna Andersson")[:40], "Anna Andersson"),  # cut short: the ANSI copy
    (b"\x05Bo Ek" + b"\x00" * 5, "Bo Ek"),
    (b"", None),
    (b"\xff\x00\x01garbage", None),
])
def test_excel_owner_names_are_read_robustly(data: bytes, name: str | None) -> None:
    assert files.excel_owner(data) == name


def test_an_unreadable_owner_file_still_refuses(book: Path) -> None:
    (book.parent / f"~${book.name}").write_bytes(b"\x00")
    with pytest.raises(WorkbookLocked, match=r"^huvuddokument.xlsx är öppen i Excel\. Stäng"):
        apply_patch(book, a_patch())


def test_libreoffice_lock_refuses_and_names_the_person(book: Path) -> None:
    (book.parent / f".~lock.{book.name}#").write_text(
        ",Anna Andersson,kommun-pc,26.11.2026 10:00,file:///home/anna/.config/libreoffice/4;",
        encoding="utf-8")
    with pytest.raises(WorkbookLocked, match="öppen i LibreOffice hos Anna Andersson"):
        apply_patch(book, a_patch())


def test_libreoffice_names_with_escaped_commas() -> None:
    assert files.libreoffice_owner(b"Andersson\\, Anna,anna,pc,date,url;") == "Andersson, Anna"


def test_another_writer_holding_the_lock_makes_us_wait_then_refuse(book: Path) -> None:
    original = book.read_bytes()
    held = FileLock(str(save.lock_path(book)))
    held.acquire()
    try:
        start = time.monotonic()
        with pytest.raises(WorkbookLocked, match="En annan körning av plan-sheets"):
            apply_patch(book, a_patch(), lock_timeout=0.3)
        assert time.monotonic() - start >= 0.3
    finally:
        held.release()
    assert book.read_bytes() == original


def test_a_writer_waits_for_a_short_lock(book: Path) -> None:
    held = FileLock(str(save.lock_path(book)), thread_local=False)  # released by the timer
    held.acquire()
    threading.Timer(0.3, held.release).start()
    result = apply_patch(book, a_patch(), lock_timeout=5)
    assert result.changed_parts
    assert not save.lock_path(book).exists()  # no lock file left behind


def test_changed_since_read_refuses(book: Path) -> None:
    seen = fingerprint(book)
    apply_patch(book, a_patch())  # someone else wrote in between
    changed = book.read_bytes()
    patch = Patch()
    patch.set_cell("Aktiviteter", FIRST_ROW, STATUS_COL, "Gul")
    with pytest.raises(WorkbookChanged, match="har ändrats sedan den lästes"):
        apply_patch(book, patch, expected_fingerprint=seen)
    assert book.read_bytes() == changed
    apply_patch(book, patch, expected_fingerprint=fingerprint(book))


def test_a_change_during_the_write_refuses(book: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    real_write = package_module.write

    def write_and_meddle(target, *args, **kwargs):
        real_write(target, *args, **kwargs)
        book.write_bytes(book.read_bytes() + b"")  # touched on disk meanwhile
        os.utime(book, ns=(1, 1))

    monkeypatch.setattr(package_module, "write", write_and_meddle)
    with pytest.raises(WorkbookChanged):
        apply_patch(book, a_patch())
    assert listing(book.parent) == ["huvuddokument.xlsx"]


def test_archive_names_are_unique(tmp_path: Path) -> None:
    import datetime as dt

    path = tmp_path / "huvuddokument.xlsm"
    when = dt.datetime(2026, 11, 26, 9, 5, 7)
    first = save.archive_name(path, when)
    assert first == tmp_path / "arkiv" / "huvuddokument-20261126-090507.xlsm"
    first.parent.mkdir()
    first.write_bytes(b"x")
    assert save.archive_name(path, when).name == "huvuddokument-20261126-090507-2.xlsm"
