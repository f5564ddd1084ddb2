"""Where the users are: Windows, a OneDrive folder, Excel holding files open.

Run here on any system: forking is made unavailable as on Windows (and the size
thresholds lowered, so that the paths a large plan takes on one core are the ones
tested), folders and files get the names a synced municipal folder has, and Excel's
lock is simulated by making the read or the final replace raise PermissionError.
"""

from __future__ import annotations

import multiprocessing
import os
import pathlib
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner

from builders import TODAY, PlanBook, activity
from edits import edit
from plan_sheets import parallel
from plan_sheets.cli import cli
from plan_sheets.lossless import verify
from plan_sheets.workbook.reader import read_workbook

pytestmark = pytest.mark.e2e

DAY = TODAY.isoformat()
OWNER = b"\x0aKarin Berg" + b" " * 50


@pytest.fixture
def no_fork(monkeypatch):
    """Forking unavailable, as on Windows; every threshold that would fork is crossed."""
    monkeypatch.setattr(multiprocessing, "get_all_start_methods", lambda: ["spawn"])

    def forked(*_args, **_kwargs):
        raise AssertionError("a process was forked where forking is unavailable")

    monkeypatch.setattr(parallel.Beside, "__init__", forked)
    monkeypatch.setattr(parallel, "FORK_FROM_BYTES", 0)
    monkeypatch.setattr(verify, "EARLY_FROM", 0)
    assert not parallel.can_fork()


@pytest.fixture
def synced(tmp_path):
    """A OneDrive folder with spaces, parentheses and å/ä/ö, its path over 260 characters."""
    folder = tmp_path / "OneDrive - Södertälje kommun" / "Näringsliv (delad)" / "Handlingsplan"
    while len(str(folder)) <= 270:
        folder = folder / "Uppföljning år 2026 (tertial 3)"
    folder.mkdir(parents=True)
    return folder


def invoke(*args: object):
    result = CliRunner().invoke(cli, [str(a) for a in args])
    assert "Traceback" not in result.output
    return result


def ok(*args: object):
    result = invoke(*args)
    assert result.exit_code == 0, result.output
    return result


def test_every_command_without_forking_in_a_synced_folder(no_fork, synced):
    main = synced / "Huvuddokument – Näringsliv (kopia).xlsx"
    ok("init", "--example", main)
    ok("validate", main, "--today", DAY, "--report", synced / "Anmärkningar å ä ö.xlsx")
    ok("format", main)
    out = synced / "Utskick till grupper"
    ok("split", main, "--out", out)
    incoming = synced / "inkommande"
    incoming.mkdir()
    # As it comes back by e-mail: renamed by Outlook, with an upper-case suffix.
    back = incoming / "fokusomrade-2 (1).XLSX"
    shutil.copy(out / "fokusomrade-2.xlsx", back)
    edit(back, {"2.1.1": {"Statuskommentar": "Ny kontakt med Almi (å ä ö)"}})
    merged = ok("merge", main, back, "--today", DAY)
    assert "1 fält" in merged.output
    assert read_workbook(main).plan.activity("2.1.1").status_comment \
        == "Ny kontakt med Almi (å ä ö)"
    reports = synced / "Rapporter (styrgrupp)"
    ok("report", main, "--out", reports, "--period", "2026-T3", "--today", DAY)
    ok("annual", main, "--year", "2026", "--out", reports, "--today", DAY)
    assert (reports / "styrgrupp" / "styrgruppsrapport-2026-T3.xlsx").is_file()
    assert (reports / "arsrapport-2026" / "arsrapport-2026.pdf").is_file()

    demo = synced / "Demo (prov) åäö"
    ok("demo", "--out", demo, "--today", DAY)
    (demo / "inkommande" / "fokusomrade-1.xlsx").rename(demo / "inkommande" / "Fokusomrade-1.XLSX")
    result = ok("run", "--workbooks", demo, "--out", demo / "Rapporter igen", "--today", DAY)
    assert "För in 5 arbetsböcker" in result.output or "0 fält" in result.output
    assert (demo / "Rapporter igen" / "valideringsresultat.xlsx").is_file()


def test_run_finds_incoming_workbooks_whatever_the_suffix_case(tmp_path):
    ok("demo", "--out", tmp_path / "demo", "--today", DAY)
    incoming = tmp_path / "demo" / "inkommande"
    for path in incoming.glob("*.xlsx"):
        path.rename(path.with_suffix(".XLSX"))
    edit(incoming / "fokusomrade-4.XLSX", {"4.1.1": {"Statuskommentar": "Stor bokstav"}})
    ok("run", "--workbooks", tmp_path / "demo", "--today", DAY)
    main = read_workbook(tmp_path / "demo" / "huvuddokument.xlsx")
    assert main.plan.activity("4.1.1").status_comment == "Stor bokstav"


# --- Excel holds the file: the replace (or the read) fails with PermissionError ----------------


def _refuse_replace(monkeypatch, target_name: str) -> None:
    real = os.replace

    def replace(src, dst, *args, **kwargs):
        if Path(dst).name == target_name:
            raise PermissionError(13, "Åtkomst nekad", str(dst))
        return real(src, dst, *args, **kwargs)

    monkeypatch.setattr(os, "replace", replace)


def denied(output: str, name: str) -> None:
    """The refusal names the file and says the system denied access; that Excel has it open
    is said only when an owner file says so (issue 22), and the system's words are a
    quoted detail."""
    assert f"{name}: systemet nekade plan-sheets att läsa eller skriva filen." in output \
        or (f"{name} kunde inte skapas: systemet nekade plan-sheets" in output), output
    assert "öppen i Excel" not in output
    assert "”Åtkomst nekad”" in output or "Åtkomst nekad" not in output


def _files(folder: Path) -> dict[str, bytes]:
    return {p.relative_to(folder).as_posix(): p.read_bytes()
            for p in sorted(folder.rglob("*")) if p.is_file()}


@pytest.fixture
def round_folder(tmp_path):
    """A process leader's folder after one round: huvuddokument, a group's edit, reports."""
    folder = tmp_path / "Handlingsplan (delad)"
    folder.mkdir()
    book = PlanBook()
    book.activities.append(activity("1.1.2", Mål="M2"))
    main = book.write(folder / "huvuddokument.xlsx")
    ok("split", main, "--out", folder / "inkommande")
    edit(folder / "inkommande" / "fokusomrade-1.xlsx", {"1.1.1": {"Status": "Gul"},
                                                         "1.1.2": {"Läge": "Genomförd"}})
    ok("report", main, "--out", folder / "rapporter", "--period", "2026-T3", "--today", DAY)
    ok("validate", main, "--report", folder / "rapporter" / "anmarkningar.xlsx", "--today", DAY)
    return folder


CASES = {
    "merge": (["merge", "{main}", "{folder}/inkommande/fokusomrade-1.xlsx", "--today", DAY],
              "huvuddokument.xlsx"),
    "format": (["format", "{main}"], "huvuddokument.xlsx"),
    "split": (["split", "{main}", "--out", "{folder}/inkommande", "--force"],
              "fokusomrade-2.xlsx"),
    "init --force": (["init", "--example", "--force", "{main}"], "huvuddokument.xlsx"),
    "report": (["report", "{main}", "--out", "{folder}/rapporter", "--period", "2026-T3",
                "--today", DAY], "fokusomrade-1-2026-T3.xlsx"),
    "annual": (["annual", "{main}", "--year", "2026", "--out", "{folder}/rapporter",
                "--today", DAY], "arsrapport-2026.pdf"),
    "validate --report": (["validate", "{main}", "--report",
                           "{folder}/rapporter/anmarkningar.xlsx", "--today", DAY],
                          "anmarkningar.xlsx"),
    "run": (["run", "--workbooks", "{folder}", "--today", DAY], "huvuddokument.xlsx"),
}


@pytest.mark.parametrize("case", sorted(CASES))
def test_a_file_open_in_excel_is_named_and_nothing_is_half_written(round_folder, monkeypatch,
                                                                    case):
    args, locked = CASES[case]
    folder = round_folder
    before = _files(folder)
    _refuse_replace(monkeypatch, locked)
    result = invoke(*[a.format(main=folder / "huvuddokument.xlsx", folder=folder) for a in args])
    assert result.exit_code == 2, result.output
    denied(result.output, locked)
    after = _files(folder)
    # The locked file and the huvuddokument are as they were; no temporary file and no
    # archive copy is left behind. (Reports written before the locked one may be new.)
    assert {k: v for k, v in after.items() if Path(k).name in (locked, "huvuddokument.xlsx")} \
        == {k: v for k, v in before.items() if Path(k).name in (locked, "huvuddokument.xlsx")}
    assert not [k for k in after if Path(k).name.startswith(".") or k.endswith(".tmp")]
    assert not [k for k in after if k.startswith("arkiv/") and k not in before]


def test_the_owner_file_names_who_has_the_report_open(round_folder, monkeypatch):
    folder = round_folder / "rapporter" / "styrgrupp"
    (folder / "~$styrgruppsrapport-2026-T3.xlsx").write_bytes(OWNER)
    _refuse_replace(monkeypatch, "styrgruppsrapport-2026-T3.xlsx")
    result = invoke("report", round_folder / "huvuddokument.xlsx", "--out",
                    round_folder / "rapporter", "--period", "2026-T3", "--today", DAY)
    assert result.exit_code == 2, result.output
    assert ("styrgruppsrapport-2026-T3.xlsx: filen är öppen i Excel (av Karin Berg) — stäng den "
            "och kör igen.") in result.output


def test_a_file_excel_will_not_let_us_read_is_named(round_folder, monkeypatch):
    main = round_folder / "huvuddokument.xlsx"
    real = pathlib.Path.open

    def open_(self, *args, **kwargs):
        if self.name == main.name:
            raise PermissionError(13, "Åtkomst nekad", str(self))
        return real(self, *args, **kwargs)

    monkeypatch.setattr(pathlib.Path, "open", open_)
    for args in (["validate", main], ["format", main], ["report", main, "--out",
                                                         round_folder / "r2"]):
        result = invoke(*args)
        assert result.exit_code == 2, result.output
        denied(result.output, "huvuddokument.xlsx")


def test_a_permission_error_elsewhere_gets_the_same_sentence(tmp_path, monkeypatch):
    def refuse(*_args, **_kwargs):
        raise PermissionError(13, "Åtkomst nekad", str(tmp_path / "demo" / "låst.xlsx"))

    monkeypatch.setattr("plan_sheets.cycle.prepare_demo_folder", refuse)
    result = invoke("demo", "--out", tmp_path / "demo")
    assert result.exit_code == 2, result.output
    denied(result.output, "låst.xlsx")


def test_output_redirected_in_a_windows_code_page_never_fails(tmp_path):
    # `plan-sheets format plan.xlsx > ut.txt` in a cp1252 console: "→" is not in cp1252.
    book = PlanBook()
    book.activities[0]["Status"] = "grön"
    path = book.write(tmp_path / "plan.xlsx")
    result = subprocess.run([sys.executable, "-m", "plan_sheets", "format", str(path)],
                            capture_output=True, env={**os.environ, "PYTHONIOENCODING": "cp1252"})
    assert result.returncode == 0, result.stderr.decode("cp1252")
    assert "1.1.1 Status: ”grön” ? ”Grön”" in result.stdout.decode("cp1252")


@pytest.mark.parametrize(("case", "named"), [
    ("merge", "huvuddokument.xlsx"), ("format", "huvuddokument.xlsx"),
    ("report", "styrgruppsrapport-2026-T3.xlsx"), ("validate --report", "anmarkningar.xlsx")])
def test_a_temporary_file_that_cannot_be_written_is_reported_the_same_way(round_folder,
                                                                          monkeypatch, case,
                                                                          named):
    args, _locked = CASES[case]
    folder = round_folder
    before = _files(folder)
    real_os_open = os.open

    def refuse(path, flags, *a, **k):
        if str(path).endswith(".tmp") and flags & os.O_CREAT:
            raise PermissionError(13, "Åtkomst nekad", str(path))
        return real_os_open(path, flags, *a, **k)

    monkeypatch.setattr(os, "open", refuse)
    real_open = pathlib.Path.open

    def open_(self, mode="r", *a, **k):
        if "w" in mode and self.name.endswith(".tmp"):
            raise PermissionError(13, "Åtkomst nekad", str(self))
        return real_open(self, mode, *a, **k)

    monkeypatch.setattr(pathlib.Path, "open", open_)
    result = invoke(*[a.format(main=folder / "huvuddokument.xlsx", folder=folder) for a in args])
    assert result.exit_code == 2, result.output
    denied(result.output, named)
    assert _files(folder) == before
