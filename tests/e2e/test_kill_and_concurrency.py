"""Real processes: a merge killed at any moment loses nothing, and two merges never mix.

Each case runs `python -m plan_sheets merge` as a subprocess. The writer's
test-only pause points (`PLAN_SHEETS_TEST_PAUSE=<step>:<folder>`, see
`lossless.save.pause_point`) stop a run at a known step of saving, so that it
can be killed there with SIGKILL, or so that two runs that have both read the
huvuddokument can be let go at the same instant.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import os
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from builders import PlanBook, activity
from edits import edit
from plan_sheets.groups.split import split_workbook
from plan_sheets.rules.validate import check_plan
from plan_sheets.workbook.findings import Severity
from plan_sheets.workbook.model import WorkbookKind
from plan_sheets.workbook.reader import read_workbook

pytestmark = [pytest.mark.e2e,
              pytest.mark.skipif(not hasattr(signal, "SIGKILL"), reason="SIGKILL saknas")]

TODAY = "2026-11-26"
PERIOD = "2026-T3"
MAIN_NAME = "huvuddokument.xlsx"
LOCK_NAME = f".{MAIN_NAME}.plan-sheets.lock"
STEPS = ["locked", "writing", "written", "checked", "archiving", "archived", "replaced"]
"""The pause points of a save, in order; `replaced` comes after the new file took the name."""


# --- the folders -------------------------------------------------------------------------------


def make_folder(folder: Path, *, more: int = 0) -> Path:
    """A huvuddokument and its focus-area workbooks in `folder/inkommande`.

    Group 1 changes two fields of 1.1.1 and adds an activity; group 2 changes
    2.1.1, unless `more` activities are added to focus area 2 (to make the
    huvuddokument big), when group 2 is left as split wrote it.
    """
    book = PlanBook()
    book.activities.append(activity("1.1.2", Mål="M2"))
    book.activities += [activity(f"2.1.{n}", Mål="M1") for n in range(2, more + 2)]
    folder.mkdir(parents=True, exist_ok=True)
    main = book.write(folder / MAIN_NAME)
    result = split_workbook(read_workbook(main, kind=WorkbookKind.MAIN), folder / "inkommande",
                            now=dt.datetime(2026, 11, 1, 9, 0))
    one, two = sorted(result.files)
    edit(one, {"1.1.1": {"Statuskommentar": "Från grupp 1", "Ansvarig": "Kommunikation"}},
         new_rows=[{"Insatsområde": "1.1", "Aktivitet": "Mentorskap", "Ansvarig": "NLK",
                    "Mål": "M1", "Start": "2027", "Slut": "2027", "Läge": "Planerad"}])
    if not more:
        edit(two, {"2.1.1": {"Statuskommentar": "Från grupp 2"}})
    return folder


GROUP_1_LOG = [["fokusomrade-1.xlsx", "1.1.1", "Ansvarig", "Näringslivskontoret",
                "Kommunikation"],
               ["fokusomrade-1.xlsx", "1.1.1", "Statuskommentar", "", "Från grupp 1"],
               ["fokusomrade-1.xlsx", "1.1.1", "Senast uppdaterad", dt.date(2026, 9, 1),
                dt.date(2026, 11, 26)],
               ["fokusomrade-1.xlsx", "1.1.3", "(ny aktivitet)", "", "Mentorskap"]]
GROUP_2_LOG = [["fokusomrade-2.xlsx", "2.1.1", "Statuskommentar", "", "Från grupp 2"],
               ["fokusomrade-2.xlsx", "2.1.1", "Senast uppdaterad", dt.date(2026, 9, 1),
                dt.date(2026, 11, 26)]]


@pytest.fixture(scope="module")
def template(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return make_folder(tmp_path_factory.mktemp("mall") / "plan")


@pytest.fixture
def folder(template: Path, tmp_path: Path) -> Path:
    return Path(shutil.copytree(template, tmp_path / "plan"))


# --- running and watching merges ---------------------------------------------------------------


def start(folder: Path, *args: str, pause: str | None = None,
          signals: Path | None = None) -> subprocess.Popen[str]:
    """`python -m plan_sheets ARGS` in `folder`, stopping at `pause` when given."""
    env = {k: v for k, v in os.environ.items() if k != "PLAN_SHEETS_TEST_PAUSE"}
    if pause is not None:
        assert signals is not None
        env["PLAN_SHEETS_TEST_PAUSE"] = f"{pause}:{signals}"
    return subprocess.Popen([sys.executable, "-m", "plan_sheets", *args], cwd=folder, env=env,
                            stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)


def start_merge(folder: Path, group: int, *, pause: str | None = None,
                signals: Path | None = None) -> subprocess.Popen[str]:
    return start(folder, "merge", MAIN_NAME, f"inkommande/fokusomrade-{group}.xlsx",
                 "--today", TODAY, "--period", PERIOD, pause=pause, signals=signals)


def merge(folder: Path, group: int) -> subprocess.CompletedProcess[str]:
    proc = start_merge(folder, group)
    out, _ = proc.communicate(timeout=60)
    return subprocess.CompletedProcess(proc.args, proc.returncode, out)


def wait_for_pause(proc: subprocess.Popen[str], signals: Path, step: str) -> None:
    marker = signals / f"{step}.{proc.pid}"
    deadline = time.monotonic() + 30
    while not marker.exists():
        if proc.poll() is not None:
            pytest.fail(f"the merge ended (exit {proc.returncode}) before {step}:\n"
                        f"{proc.communicate()[0]}")
        if time.monotonic() > deadline:
            proc.kill()
            pytest.fail(f"the merge never reached {step}")
        time.sleep(0.005)


def kill(proc: subprocess.Popen[str]) -> None:
    proc.send_signal(signal.SIGKILL)
    proc.communicate(timeout=30)
    assert proc.returncode == -signal.SIGKILL


def temp_files(folder: Path) -> list[str]:
    return sorted(str(p.relative_to(folder)) for p in folder.rglob("*.tmp"))


def temp_bytes(folder: Path) -> int:
    """How much of a new version is written beside the huvuddokument."""
    total = 0
    for path in folder.glob(".*.tmp"):
        with contextlib.suppress(FileNotFoundError):  # renamed meanwhile
            total += path.stat().st_size
    return total


def leftovers(folder: Path) -> list[str]:
    """Temporary and lock files anywhere in the folder."""
    return temp_files(folder) + sorted(p.name for p in folder.rglob("*.lock"))


# --- what the huvuddokument holds --------------------------------------------------------------


def log_rows(main: Path) -> list[list]:
    import python_calamine

    book = python_calamine.CalamineWorkbook.from_path(str(main))
    if "Ändringslogg" not in book.sheet_names:
        return []
    # Källa, ID, Fält, Före, Efter: the time stamp before them differs from run to run, the
    # Period after them is the merge's own.
    return [row[1:6] for row in book.get_sheet_by_name("Ändringslogg").to_python()[1:]]


def assert_whole(main: Path, *, groups: set[int]) -> None:
    """The huvuddokument reads, validates, and holds exactly the change sets of `groups`."""
    loaded = read_workbook(main, kind=WorkbookKind.MAIN)
    errors = [f for f in (*loaded.findings,
                          *check_plan(loaded.plan, kind=WorkbookKind.MAIN,
                                      today=dt.date(2026, 11, 26)))
              if f.severity is Severity.ERROR]
    assert errors == []
    plan = loaded.plan
    one, two = plan.activity("1.1.1"), plan.activity("2.1.1")
    assert (one.status_comment or None, one.responsible) == (
        ("Från grupp 1", "Kommunikation") if 1 in groups else (None, "Näringslivskontoret"))
    assert (two.status_comment or None) == ("Från grupp 2" if 2 in groups else None)
    titles = [a.title for a in plan.activities]
    assert titles.count("Mentorskap") == (1 if 1 in groups else 0)
    # A second merge for the period replaces its snapshot and logs that (Källa Statushistorik);
    # the groups' own changes are what must all be there, once.
    rows = [row for row in log_rows(main) if row[0] != "Statushistorik"]
    expected = (GROUP_1_LOG if 1 in groups else []) + (GROUP_2_LOG if 2 in groups else [])
    assert sorted(rows) == sorted(expected)
    if groups:
        snapshot = sorted(s.activity_id for s in plan.history if s.period == PERIOD)
        assert snapshot == sorted(a.id for a in plan.activities)  # each activity once


# --- killed while saving -----------------------------------------------------------------------


@pytest.mark.parametrize("step", STEPS)
def test_a_merge_killed_while_saving_loses_nothing_and_the_next_run_cleans_up(
        folder: Path, tmp_path: Path, step: str) -> None:
    main = folder / MAIN_NAME
    original = main.read_bytes()
    signals = tmp_path / "signaler"
    signals.mkdir()
    proc = start_merge(folder, 1, pause=step, signals=signals)
    wait_for_pause(proc, signals, step)
    kill(proc)

    if step == "replaced":
        assert main.read_bytes() != original
        assert_whole(main, groups={1})  # the complete new version
    else:
        assert main.read_bytes() == original
    assert (folder / LOCK_NAME).exists()  # the killed run could not let go of its lock
    temps = temp_files(folder)
    if step in ("writing", "written", "checked", "archived"):
        assert [Path(t).name.startswith(f".{MAIN_NAME}.plan-sheets-") for t in temps] == [True]
        assert not temps[0].startswith("arkiv")
    elif step == "archiving":  # the new version beside, half the archive copy in arkiv/
        assert [t.startswith("arkiv/") for t in temps] == [False, True]
    else:
        assert temps == []

    again = merge(folder, 1)
    assert again.returncode == 0, again.stdout
    if step == "replaced":
        assert "Ingenting har ändrats" in again.stdout
    elif temps:
        assert "från en avbruten körning" in again.stdout
    assert leftovers(folder) == []
    assert_whole(main, groups={1})
    archived = sorted((folder / "arkiv").iterdir())
    assert archived, "the previous version is kept"
    for copy in archived:  # only complete copies of the original, never half of one
        assert copy.read_bytes() == original, copy.name


def test_a_merge_killed_the_moment_its_temporary_file_appears(tmp_path: Path) -> None:
    """No pause point: a plan big enough that writing takes a while, killed mid-write."""
    folder = make_folder(tmp_path / "stor", more=1500)
    main = folder / MAIN_NAME
    original = main.read_bytes()
    proc = start_merge(folder, 1)
    deadline = time.monotonic() + 60
    while not temp_bytes(folder):  # the new version is being written
        assert proc.poll() is None, proc.communicate()[0]
        assert time.monotonic() < deadline
        time.sleep(0.0005)
    kill(proc)
    assert main.read_bytes() == original
    again = merge(folder, 1)
    assert again.returncode == 0, again.stdout
    assert leftovers(folder) == []
    loaded = read_workbook(main, kind=WorkbookKind.MAIN)
    assert loaded.plan.activity("1.1.1").status_comment == "Från grupp 1"
    assert sorted(log_rows(main)) == sorted(GROUP_1_LOG)


def test_format_killed_while_writing_leaves_the_original(folder: Path, tmp_path: Path) -> None:
    main = folder / MAIN_NAME
    original = main.read_bytes()
    signals = tmp_path / "signaler"
    signals.mkdir()
    proc = start(folder, "format", MAIN_NAME, pause="writing", signals=signals)
    wait_for_pause(proc, signals, "writing")
    kill(proc)
    assert main.read_bytes() == original
    assert len(temp_files(folder)) == 1
    again = start(folder, "format", MAIN_NAME)
    out, _ = again.communicate(timeout=60)
    assert again.returncode == 0, out
    assert leftovers(folder) == []
    assert_whole(main, groups=set())
    assert [p.read_bytes() for p in (folder / "arkiv").iterdir()] == [original]


def test_leftovers_are_removed_only_while_no_run_holds_the_lock(folder: Path) -> None:
    from filelock import FileLock

    from plan_sheets.lossless import remove_leftovers

    main = folder / MAIN_NAME
    stale = folder / f".{MAIN_NAME}.plan-sheets-abc123_x.tmp"
    other = folder / ".huvuddokument.xlsm.plan-sheets-abc123_x.tmp"  # another workbook's
    staff = folder / ".huvuddokument.xlsx.anteckning.tmp"  # not a name the writer makes
    for path in (stale, other, staff):
        path.write_bytes(b"PK\x03\x04 halv")
    held = FileLock(str(folder / LOCK_NAME))
    held.acquire()
    try:
        assert remove_leftovers(main) == []  # a run is writing: its file is not left over
        assert stale.exists()
    finally:
        held.release()
    assert remove_leftovers(main) == [stale]
    assert not stale.exists() and other.exists() and staff.exists()
    assert not (folder / LOCK_NAME).exists()


# --- two merges at once ------------------------------------------------------------------------


def test_two_merges_let_go_together_one_writes_the_other_refuses(
        folder: Path, tmp_path: Path) -> None:
    main = folder / MAIN_NAME
    signals = tmp_path / "signaler"
    signals.mkdir()
    # Both read the huvuddokument and made their change sets, then wait at the lock.
    procs = {group: start_merge(folder, group, pause="before-lock", signals=signals)
             for group in (1, 2)}
    for proc in procs.values():
        wait_for_pause(proc, signals, "before-lock")
    (signals / "go").touch()
    outputs = {group: proc.communicate(timeout=60)[0] for group, proc in procs.items()}
    codes = {group: proc.returncode for group, proc in procs.items()}
    assert sorted(codes.values()) == [0, 2], outputs
    winner = next(g for g, code in codes.items() if code == 0)
    loser = 3 - winner
    message = outputs[loser]
    assert ("har ändrats sedan den lästes" in message
            or "En annan körning av plan-sheets skriver" in message), message
    assert "Traceback" not in message
    assert_whole(main, groups={winner})  # exactly one change set, never a mix
    assert leftovers(folder) == []

    # The refused one, run again, starts from the new version: both sets, each once.
    again = merge(folder, loser)
    assert again.returncode == 0, again.stdout
    assert_whole(main, groups={1, 2})


def test_two_merges_started_together_never_mix(folder: Path) -> None:
    """No pause points: whatever the timing, one refuses or they take turns."""
    main = folder / MAIN_NAME
    procs = {group: start_merge(folder, group) for group in (1, 2)}
    outputs = {group: proc.communicate(timeout=60)[0] for group, proc in procs.items()}
    codes = {group: proc.returncode for group, proc in procs.items()}
    written = {group for group, code in codes.items() if code == 0}
    assert written, outputs
    assert all(codes[g] == 2 for g in (1, 2) if g not in written), outputs
    assert_whole(main, groups=written)
    assert leftovers(folder) == []
