"""files: names of their own, read-only targets, permissions, flushing and leftovers."""

from __future__ import annotations

import os
import stat
import time
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from plan_sheets import files
from plan_sheets.errors import WorkbookLocked, detail


def test_unique_names_ignore_case_and_unicode_form():
    nfc, nfd = "paminnelse-\u00e5r", "paminnelse-a\u030ar"
    assert files.unique_names(["a", "A", "a", nfc, nfd], suffix=".txt") == [
        "a.txt", "A-2.txt", "a-3.txt", f"{nfc}.txt", f"{nfd}-2.txt"]


def test_unique_names_do_not_take_a_name_already_taken():
    assert files.unique_names(["x", "x-2"], taken=["X"]) == ["x-2", "x-2-2"]


@pytest.mark.parametrize("stem", ["", ".", "..", "../ut", "a/b", "a\\b"])
def test_unique_names_refuse_what_is_not_a_file_name(stem):
    with pytest.raises(ValueError):
        files.unique_names([stem])


@given(st.lists(st.text(st.sampled_from("aAåÅ\u030a-2"), min_size=1, max_size=4), max_size=12))
def test_unique_names_are_unique_as_a_case_insensitive_file_system_sees_them(stems):
    names = files.unique_names(stems, suffix=".txt")
    assert len(names) == len(stems)
    assert len({files.name_key(n) for n in names}) == len(names)


def test_a_read_only_target_is_refused_and_unchanged(tmp_path):
    target = tmp_path / "rapport.xlsx"
    target.write_bytes(b"old")
    target.chmod(0o444)
    with pytest.raises(WorkbookLocked) as caught, files.replacing(target) as tmp:
        tmp.write_bytes(b"new")
    assert "skrivskyddad" in caught.value.message
    assert target.read_bytes() == b"old"
    assert stat.S_IMODE(target.stat().st_mode) == 0o444
    assert [p.name for p in tmp_path.iterdir()] == ["rapport.xlsx"]


def test_new_files_respect_the_umask(tmp_path):
    old = os.umask(0o022)
    try:
        with files.replacing(tmp_path / "ny.txt") as tmp:
            tmp.write_text("x")
    finally:
        os.umask(old)
    assert stat.S_IMODE((tmp_path / "ny.txt").stat().st_mode) == 0o644


def test_a_replaced_file_keeps_its_mode(tmp_path):
    target = tmp_path / "gammal.txt"
    target.write_text("old")
    target.chmod(0o664)
    with files.replacing(target) as tmp:
        tmp.write_text("new")
    assert target.read_text() == "new"
    assert stat.S_IMODE(target.stat().st_mode) == 0o664


def test_the_temporary_file_is_flushed_before_the_rename(tmp_path, monkeypatch):
    synced: list[str] = []
    real = os.fsync

    def fsync(fd):
        synced.append(os.readlink(f"/proc/self/fd/{fd}") if Path("/proc/self/fd").exists()
                      else "?")
        return real(fd)

    monkeypatch.setattr(os, "fsync", fsync)
    with files.replacing(tmp_path / "ut.txt") as tmp:
        tmp.write_text("x")
        name = tmp.name
    assert any(s.endswith(name) or s == "?" for s in synced)


def _leftover(folder: Path, name: str, age: float) -> Path:
    path = folder / name
    path.write_bytes(b"half")
    then = time.time() - age
    os.utime(path, (then, then))
    return path


def test_old_leftovers_of_a_killed_run_are_removed_by_the_next(tmp_path):
    old = _leftover(tmp_path, ".fokusomrade-1.xlsx.plan-sheets-abcd1234.tmp", 2 * 3600)
    other_target = _leftover(tmp_path, ".rapport.xlsx.plan-sheets-zz99zz99.tmp", 2 * 3600)
    fresh = _leftover(tmp_path, ".fokusomrade-2.xlsx.plan-sheets-abcd1234.tmp", 60)
    not_ours = _leftover(tmp_path, ".fokusomrade-1.xlsx.other-abcd1234.tmp", 2 * 3600)
    staff = _leftover(tmp_path, "plan-sheets-abcd1234.tmp", 2 * 3600)
    with files.replacing(tmp_path / "fokusomrade-1.xlsx") as tmp:
        tmp.write_bytes(b"x")
    assert not old.exists() and not other_target.exists()
    assert fresh.exists() and not_ours.exists() and staff.exists()


@pytest.mark.skipif(files.fcntl is None, reason="POSIX locks")
def test_a_temporary_file_a_running_writer_holds_is_not_removed(tmp_path):
    with files.replacing(tmp_path / "a.xlsx") as held:
        held.write_bytes(b"being written")
        then = time.time() - 2 * 3600
        os.utime(held, (then, then))
        assert files.remove_leftover_temps(tmp_path) == []
        assert held.exists()
    assert (tmp_path / "a.xlsx").read_bytes() == b"being written"


def test_in_use_says_open_in_excel_only_when_an_owner_file_says_so(tmp_path):
    missing = tmp_path / "finns-inte.xlsx"
    assert "öppen" not in files.in_use(missing).message
    assert "mappen" in files.in_use(missing).message
    there = tmp_path / "plan.xlsx"
    there.write_bytes(b"x")
    assert "öppen i Excel" not in files.in_use(there).message
    there.chmod(0o444)
    assert "skrivskyddad" in files.in_use(there).message
    (tmp_path / "~$plan.xlsx").write_bytes(b"")
    assert "öppen i Excel" in files.in_use(there).message


def test_the_systems_words_are_a_quoted_detail():
    assert detail(PermissionError(13, "Permission denied")) == \
        " (Teknisk uppgift: ”Permission denied”.)"
    assert detail(KeyError("Relationship not found")) == \
        " (Teknisk uppgift: ”Relationship not found”.)"
    assert detail(None) == ""
