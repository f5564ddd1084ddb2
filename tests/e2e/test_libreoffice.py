"""A real spreadsheet program opens every kind of workbook plan-sheets writes.

LibreOffice Calc converts each one to PDF; a workbook it cannot open gives no
PDF. Marked `libreoffice`: skipped (and reported as skipped) where soffice is
absent, run in CI, which installs it.
"""

from __future__ import annotations

import subprocess
from pathlib import Path

import pytest
from click.testing import CliRunner

from builders import PlanBook, libreoffice_convert, soffice
from plan_sheets.cli import cli
from plan_sheets.rules.validate import validate
from plan_sheets.workbook.reader import read_workbook

pytestmark = [pytest.mark.e2e, pytest.mark.libreoffice]


def test_every_workbook_of_the_whole_cycle_opens(tmp_path):
    demo = tmp_path / "demo"
    result = CliRunner().invoke(cli, ["demo", "--out", str(demo), "--today", "2026-11-26"])
    assert result.exit_code == 0, result.output
    split = CliRunner().invoke(cli, ["split", str(demo / "huvuddokument.xlsx"), "--out",
                                     str(tmp_path / "split")])
    assert split.exit_code == 0, split.output
    written = sorted(p for p in [*demo.rglob("*.xlsx"), *(tmp_path / "split").glob("*.xlsx")]
                     if "inkommande" not in p.parts and "arkiv" not in p.parts)
    kinds = {p.name.split("-")[0].split(".")[0] for p in written}
    assert {"huvuddokument", "valideringsresultat", "styrgruppsrapport", "fokusomrade",
            "arsrapport"} <= kinds
    outdir = tmp_path / "pdf"
    profile = tmp_path / ".lo-profile"
    subprocess.run([soffice(), f"-env:UserInstallation=file://{profile}", "--headless",
                    "--convert-to", "pdf", "--outdir", str(outdir), *map(str, written)],
                   check=True, capture_output=True, timeout=600)
    missing = []
    for path in written:
        # Files of the same name in different folders overwrite each other's PDF; that's fine:
        # each name has to have been opened at least once.
        pdf = outdir / f"{path.stem}.pdf"
        if not pdf.exists() or pdf.stat().st_size < 1000:
            missing.append(path.name)
    assert missing == []


def test_an_ods_workbook_is_read(tmp_path):
    xlsx = PlanBook().write(tmp_path / "plan.xlsx")
    outdir = tmp_path / "ods"
    profile = tmp_path / ".lo-profile"
    subprocess.run([soffice(), f"-env:UserInstallation=file://{profile}", "--headless",
                    "--convert-to", "ods", "--outdir", str(outdir), str(xlsx)],
                   check=True, capture_output=True, timeout=180)
    ods = outdir / "plan.ods"
    loaded = read_workbook(ods)
    assert [a.id for a in loaded.plan.activities] == ["1.1.1", "1.2.1", "2.1.1"]
    assert validate(loaded) == []
    result = CliRunner().invoke(cli, ["validate", str(ods)])
    assert result.exit_code == 0, result.output
    # Read, yes; changed in place, no: the lossless writer knows only Excel's format.
    before = ods.read_bytes()
    refused = CliRunner().invoke(cli, ["format", str(ods)])
    assert refused.exit_code == 2
    assert "Spara huvuddokumentet som Excel-arbetsbok (.xlsx)" in refused.output
    assert ods.read_bytes() == before


def test_the_merged_huvuddokument_opens(tmp_path):
    demo = tmp_path / "demo"
    assert CliRunner().invoke(cli, ["demo", "--out", str(demo)]).exit_code == 0
    pdf = libreoffice_convert(demo / "huvuddokument.xlsx", "pdf", tmp_path / "pdf")
    text = subprocess.run(["pdftotext", str(pdf), "-"], capture_output=True, text=True).stdout \
        if Path("/usr/bin/pdftotext").exists() else ""
    if text:
        assert "Digital karta över ledig verksamhetsmark" in text  # the group's new activity
        assert "Ändringslogg" in text
