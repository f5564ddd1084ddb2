"""What the command line says and does when a file or folder cannot be used as asked."""

from __future__ import annotations

import re
import stat
import zipfile
from pathlib import Path

import pytest
from click.testing import CliRunner

from builders import PlanBook
from edits import edit
from plan_sheets.cli import cli
from plan_sheets.errors import WorkbookUnreadable
from plan_sheets.reports.report import STEERING_DIR

TODAY = "2026-11-26"
ENGLISH = ("Permission denied", "File exists", "Not a directory", "No such file",
           "Relationship not found", "Unrecognized")


def invoke(*args):
    return CliRunner().invoke(cli, [str(a) for a in args])


def read_only(path: Path) -> bytes:
    path.chmod(0o444)
    return path.read_bytes()


def said_in_swedish(output: str) -> None:
    """The system's own words only as a quoted detail after a Swedish sentence."""
    for words in ENGLISH:
        if words in output:
            assert f"”{words}" in output, output


@pytest.fixture
def main_and_group(tmp_path):
    main = PlanBook().write(tmp_path / "huvuddokument.xlsx")
    result = invoke("split", main, "--out", tmp_path / "inkommande")
    assert result.exit_code == 0, result.output
    group = tmp_path / "inkommande" / "fokusomrade-1.xlsx"
    edit(group, {"1.1.1": {"Statuskommentar": "Nytt läge"}})
    return main, group


def test_merge_refuses_a_read_only_huvuddokument(main_and_group):
    main, group = main_and_group
    before = read_only(main)
    result = invoke("merge", main, group, "--today", TODAY)
    assert result.exit_code == 2, result.output
    assert "skrivskyddad" in result.output and "öppen i" not in result.output
    assert main.read_bytes() == before
    assert stat.S_IMODE(main.stat().st_mode) == 0o444
    assert not (main.parent / "arkiv").exists()


def test_format_refuses_a_read_only_huvuddokument(tmp_path):
    book = PlanBook()
    book.activities[0]["Status"] = "grön"
    main = book.write(tmp_path / "plan.xlsx")
    before = read_only(main)
    result = invoke("format", main)
    assert result.exit_code == 2, result.output
    assert "skrivskyddad" in result.output
    assert main.read_bytes() == before


def test_report_refuses_to_replace_a_read_only_report(tmp_path):
    main = PlanBook().write(tmp_path / "huvuddokument.xlsx")
    out = tmp_path / "ut"
    assert invoke("report", main, "--out", out, "--period", "2026-T3",
                  "--today", TODAY).exit_code == 0
    steering = next(out.rglob("styrgruppsrapport-*.xlsx"))
    before = read_only(steering)
    result = invoke("report", main, "--out", out, "--period", "2026-T3", "--today", TODAY)
    assert result.exit_code == 2, result.output
    assert "skrivskyddad" in result.output
    assert steering.read_bytes() == before
    assert stat.S_IMODE(steering.stat().st_mode) == 0o444
    # One read-only report refuses them all before any is written.
    steering.chmod(0o644)
    focus = sorted(out.rglob("fokusomrade-*.xlsx"))
    read_only(focus[-1])
    written = {p: p.stat().st_mtime_ns for p in out.rglob("*.xlsx")}
    result = invoke("report", main, "--out", out, "--period", "2026-T3", "--today", TODAY)
    assert result.exit_code == 2, result.output
    assert {p: p.stat().st_mtime_ns for p in out.rglob("*.xlsx")} == written


def test_init_refuses_to_replace_a_read_only_huvuddokument_even_with_force(tmp_path):
    main = tmp_path / "huvuddokument.xlsx"
    assert invoke("init", main).exit_code == 0
    before = read_only(main)
    result = invoke("init", main, "--force")
    assert result.exit_code == 2, result.output
    assert "skrivskyddad" in result.output and "orörd" in result.output
    said_in_swedish(result.output)
    assert main.read_bytes() == before


def test_import_refuses_to_replace_a_read_only_new_file_and_leaves_both(tmp_path):
    import old_plans

    old = old_plans.issue_example(tmp_path / "gammal.xlsx")
    new = tmp_path / "ny.xlsx"
    new.write_bytes(b"staff's own file")
    old_bytes, new_bytes = old.read_bytes(), read_only(new)
    result = invoke("import", old, new, "--force")
    assert result.exit_code == 2, result.output
    assert "skrivskyddad" in result.output
    said_in_swedish(result.output)
    assert (old.read_bytes(), new.read_bytes()) == (old_bytes, new_bytes)


def test_webb_refuses_to_replace_a_read_only_page_and_writes_no_page(tmp_path):
    main = PlanBook().write(tmp_path / "huvuddokument.xlsx")
    site = tmp_path / "webb"
    assert invoke("webb", main, "--out", site, "--today", TODAY).exit_code == 0
    index = site / "index.html"
    read_only(index)
    written = {p: p.read_bytes() for p in site.rglob("*") if p.is_file()}
    result = invoke("webb", main, "--out", site, "--period", "2026-T2", "--today", TODAY)
    assert result.exit_code == 2, result.output
    assert "skrivskyddad" in result.output and "index.html" in result.output
    said_in_swedish(result.output)
    assert {p: p.read_bytes() for p in site.rglob("*") if p.is_file()} == written


def test_new_reports_respect_the_umask(tmp_path):
    import os

    main = PlanBook().write(tmp_path / "huvuddokument.xlsx")
    old = os.umask(0o022)
    try:
        result = invoke("report", main, "--out", tmp_path / "ut", "--period", "2026-T3",
                        "--today", TODAY)
    finally:
        os.umask(old)
    assert result.exit_code == 0, result.output
    modes = {stat.S_IMODE(p.stat().st_mode) for p in (tmp_path / "ut").rglob("*.xlsx")}
    assert modes == {0o644}


def test_an_out_folder_that_is_a_file_is_said_in_swedish(tmp_path):
    main = PlanBook().write(tmp_path / "huvuddokument.xlsx")
    (tmp_path / "ut").write_text("en fil")
    result = invoke("paminnelser", main, "--out", tmp_path / "ut" / "under", "--today", TODAY)
    assert result.exit_code == 2
    assert "inte en mapp" in result.output
    said_in_swedish(result.output)
    (tmp_path / "rapporter").mkdir()
    (tmp_path / "rapporter" / STEERING_DIR).write_text("en fil där mappen ska vara")
    result = invoke("report", main, "--out", tmp_path / "rapporter", "--today", TODAY)
    assert result.exit_code == 2
    assert "finns redan en fil" in result.output
    said_in_swedish(result.output)


def test_a_missing_file_is_not_said_to_be_open_in_excel(tmp_path):
    result = invoke("validate", tmp_path / "finns-inte.xlsx")
    assert result.exit_code == 2
    assert "öppen" not in result.output and "finns inte" in result.output


def _bad_crc(path: Path, member: str) -> None:
    """Store `member` uncompressed, then change one byte of it: its CRC no longer matches."""
    with zipfile.ZipFile(path) as source:
        items = [(info, source.read(info)) for info in source.infolist()]
    with zipfile.ZipFile(path, "w") as out:
        for info, data in items:
            info.compress_type = zipfile.ZIP_STORED if info.filename == member \
                else zipfile.ZIP_DEFLATED
            out.writestr(info, data)
    raw = bytearray(path.read_bytes())
    with zipfile.ZipFile(path) as archive:
        info = archive.getinfo(member)
    start = info.header_offset + 30 + len(info.filename.encode()) + len(info.extra)
    raw[start + info.file_size // 2] ^= 0x01
    path.write_bytes(bytes(raw))


def test_a_damaged_part_is_an_error_of_the_library_not_its_internal_one(tmp_path):
    from plan_sheets.lossless import Patch, apply_patch

    path = PlanBook().write(tmp_path / "plan.xlsx")
    _bad_crc(path, "docProps/app.xml")
    before = path.read_bytes()
    patch = Patch()
    patch.set_cell("Aktiviteter", 2, 13, "Ny kommentar")
    with pytest.raises(WorkbookUnreadable) as caught:
        apply_patch(path, patch)
    assert "docProps/app.xml" in caught.value.message
    assert path.read_bytes() == before


@pytest.mark.parametrize(("change", "words"), [
    (lambda rels: rels.replace(b'Id="rId1"', b'Id="rIdX"', 1), "Relationship not found"),
    (lambda rels: re.sub(rb'worksheet"( Target="[^"]*sheet1.xml")', rb'weird"\1', rels,
                         count=1), "Unrecognized sheet:type"),
])
def test_a_library_error_is_a_quoted_detail_after_what_to_do(tmp_path, change, words):
    path = PlanBook().write(tmp_path / "plan.xlsx")
    with zipfile.ZipFile(path) as source:
        items = [(info, source.read(info)) for info in source.infolist()]
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as out:
        for info, data in items:
            out.writestr(info, change(data) if info.filename == "xl/_rels/workbook.xml.rels"
                         else data)
    result = invoke("validate", path)
    assert result.exit_code == 2
    assert "arbetsboken går inte att läsa." in result.output
    said = result.output.index("spara den igen")
    assert result.output.index(f"”{words}") > said
    said_in_swedish(result.output)
