"""Every command that reads files, on every broken and hostile file of the corpus.

Each case: the exit code DESIGN.md gives, a Swedish message naming the file, no
traceback, and the input byte-identical afterwards.
"""

from __future__ import annotations

import os
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest
from click.testing import CliRunner

from builders import PlanBook, activity
from corpus import build_corpus, hostile_text, with_bad_crc
from plan_sheets.cli import cli

CORPUS_DIR = None


@pytest.fixture(scope="module")
def corpus(tmp_path_factory):
    folder = tmp_path_factory.mktemp("korpus")
    good = PlanBook().write(folder / "huvuddokument.xlsx")
    return folder, good, build_corpus(folder / "filer")


def commands(path: Path, good: Path, out: Path) -> dict[str, list[str]]:
    return {
        "validate": ["validate", str(path)],
        "format": ["format", str(path)],
        "split": ["split", str(path), "--out", str(out / "split")],
        "merge (huvuddokument)": ["merge", str(path), str(good), "--dry-run"],
        "merge (arbetsbok)": ["merge", str(good), str(path), "--dry-run"],
        "report": ["report", str(path), "--out", str(out / "rapport")],
        "annual": ["annual", str(path), "--year", "2026", "--out", str(out / "ars")],
        "arsskifte": ["arsskifte", str(path), "--year", "2026", "--dry-run"],
    }


def _snapshot(path: Path):
    if path.is_file():
        return path.read_bytes()
    return path.exists()


def test_every_command_answers_every_bad_file_clearly(corpus, tmp_path):
    folder, good, cases = corpus
    available = set(cli.commands)
    failures = []
    for case in cases:
        for name, args in commands(case.path, good, tmp_path).items():
            if args[0] not in available:
                continue
            before, good_before = _snapshot(case.path), good.read_bytes()
            result = CliRunner().invoke(cli, args)
            out = result.output
            expected = case.exit_code
            if case.exit_code == 1 and args[0] in ("split", "report", "annual", "format",
                                                   "arsskifte"):
                expected = None  # these may refuse (1) or work around what is missing (0)
            problems = []
            if expected is not None and result.exit_code != expected:
                problems.append(f"exit {result.exit_code} != {expected}")
            if result.exit_code != 0 and case.phrase not in out:
                problems.append(f"message lacks {case.phrase!r}")
            if result.exit_code == 2 and case.path.name not in out:
                problems.append("message does not name the file")
            if "Traceback" in out or (result.exception and not isinstance(
                    result.exception, SystemExit)):
                problems.append(f"crashed: {result.exception!r}")
            if _snapshot(case.path) != before or good.read_bytes() != good_before:
                problems.append("input changed")
            if problems:
                failures.append(f"{case.name} / {name}: {'; '.join(problems)}\n{out[-400:]}")
    assert failures == []


def test_owner_of_a_locked_main_is_named(corpus, tmp_path):
    _folder, good, _cases = corpus
    main = tmp_path / "huvuddokument.xlsx"
    main.write_bytes(good.read_bytes())
    (tmp_path / "~$huvuddokument.xlsx").write_bytes(b"\x0bKarin Berg " + b" " * 40)
    result = CliRunner().invoke(cli, ["format", str(main)])
    assert result.exit_code == 2
    assert "Karin Berg" in result.output


def test_a_damaged_part_is_named_with_what_to_do(tmp_path):
    good = PlanBook().write(tmp_path / "bra.xlsx")
    path = with_bad_crc(good, tmp_path / "Plan (1).xlsx", "xl/theme/theme1.xml")
    result = CliRunner().invoke(cli, ["validate", str(path)])
    assert result.exit_code == 2, result.output
    assert (f"{path}: filen är skadad: delen xl/theme/theme1.xml går inte att läsa "
            "(kontrollsumman stämmer inte).") in result.output
    assert "Öppna filen i Excel" in result.output and "spara den igen" in result.output


def _limited() -> None:
    import resource  # POSIX only; on Windows the commands run without the limit

    gigabyte = 1024**3
    resource.setrlimit(resource.RLIMIT_AS, (gigabyte, gigabyte))


LIMITED = {"preexec_fn": _limited} if os.name == "posix" else {}


@pytest.mark.e2e  # a real process under memory and time limits
@pytest.mark.parametrize("name", ["zipbomb.xlsx", "entiteter.xlsx"])
def test_hostile_files_are_refused_within_1_gb_and_15_seconds(corpus, name):
    folder, _good, _cases = corpus
    path = folder / "filer" / name
    # A limit, not a timing: the process is stopped if it needs more.
    result = subprocess.run([sys.executable, "-m", "plan_sheets", "validate", str(path)],
                            capture_output=True, text=True, timeout=15, **LIMITED,
                            env={**os.environ, "PYTHONWARNINGS": "ignore"})
    assert result.returncode == 2, result.stderr
    assert "Traceback" not in result.stdout + result.stderr


@pytest.mark.e2e  # a real process under memory and time limits
def test_a_sheet_claiming_a_million_rows_reads_within_the_limits(tmp_path):
    path = PlanBook().write(tmp_path / "stor.xlsx")
    with zipfile.ZipFile(path) as z:
        parts = {n: z.read(n) for n in z.namelist()}
    name = next(n for n in parts if n.startswith("xl/worksheets/") and b"Aktivitet" in parts[n]
                or n == "xl/worksheets/sheet1.xml")
    xml = parts[name].decode()
    xml = xml.replace("<dimension ref=", '<dimension ref="A1:XFD1048576" old=', 1)
    rows = "".join(f'<row r="{r}" customFormat="1" s="0"/>' for r in range(100_000, 1_048_577,
                                                                          4096))
    xml = xml.replace("</sheetData>", rows + "</sheetData>")
    parts[name] = xml.encode()
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as z:
        for n, data in parts.items():
            z.writestr(n, data)
    result = subprocess.run([sys.executable, "-m", "plan_sheets", "validate", str(path),
                             "--today", "2026-11-26"],
                            capture_output=True, text=True, timeout=15, **LIMITED)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "3 aktiviteter" in result.stdout


@pytest.mark.e2e
def test_formula_like_staff_text_stays_text_in_everything_written(tmp_path):
    texts = hostile_text()
    book = PlanBook(activity_headers=[*PlanBook().activity_headers, "Egen"], formulas=False)
    for i, (key, text) in enumerate(texts.items()):
        book.activities.append(activity(f"2.1.{i + 2}", Aktivitet=text, Statuskommentar=text,
                                        Egen=text, Status="Gul",
                                        **{"Orsak till avvikelse": text,
                                           "Rekommenderad åtgärd": key}))
    main = book.write(tmp_path / "huvuddokument.xlsx")
    runner = CliRunner()
    written = []
    split = runner.invoke(cli, ["split", str(main), "--out", str(tmp_path / "split")])
    assert split.exit_code == 0, split.output
    written += sorted((tmp_path / "split").glob("*.xlsx"))
    check = runner.invoke(cli, ["validate", str(main), "--report", str(tmp_path / "v.xlsx")])
    assert check.exit_code in (0, 1), check.output
    written.append(tmp_path / "v.xlsx")
    if "report" in cli.commands:
        rep = runner.invoke(cli, ["report", str(main), "--out", str(tmp_path / "rapport")])
        assert rep.exit_code == 0, rep.output
        written += sorted((tmp_path / "rapport").rglob("*.xlsx"))
    if "annual" in cli.commands:
        ann = runner.invoke(cli, ["annual", str(main), "--year", "2026", "--out",
                                  str(tmp_path / "ars")])
        assert ann.exit_code == 0, ann.output
        written += sorted((tmp_path / "ars").rglob("*.xlsx"))
    import openpyxl

    fragments = [t.strip().lstrip("=+-@")[:10] for t in texts.values()]
    bad, seen = [], 0
    for path in written:
        wb = openpyxl.load_workbook(path)
        for ws in wb.worksheets:
            for row in ws.iter_rows():
                for cell in row:
                    value = cell.value
                    if not isinstance(value, str):
                        continue
                    hostile = any(f in value for f in fragments)
                    seen += hostile
                    if hostile and cell.data_type == "f":
                        bad.append(f"{path.name} {ws.title}!{cell.coordinate}: formula {value!r}")
                    if cell.hyperlink is not None and "example.invalid" in str(
                            cell.hyperlink.target):
                        bad.append(f"{path.name} {ws.title}!{cell.coordinate}: link")
    assert bad == []
    assert seen >= len(texts) * len(written) // 2  # the texts are really in what was written
    # And they read back as the same text, exactly as typed (a tab in front too).
    from plan_sheets.workbook.reader import read_workbook

    group = read_workbook(tmp_path / "split" / "fokusomrade-2.xlsx")
    titles = {a.title for a in group.plan.activities}
    assert set(texts.values()) <= titles


def test_defusedxml_is_active_once_a_command_runs(tmp_path):
    code = ("import xml.etree.ElementTree as ET, sys\n"
            "from click.testing import CliRunner\n"
            "from plan_sheets.cli import cli\n"
            f"CliRunner().invoke(cli, ['validate', r'{tmp_path / 'x.xlsx'}'])\n"
            "try:\n"
            "    ET.fromstring('<!DOCTYPE x [<!ENTITY a \"b\">]><x>&a;</x>')\n"
            "    print('expanded')\n"
            "except Exception as e:\n"
            "    print(type(e).__name__)\n")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "EntitiesForbidden"
