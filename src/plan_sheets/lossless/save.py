"""Saving safely: owner files, one writer at a time, temp file, check, archive, replace.

The original is never opened for writing. The new file is written to a hidden
temporary file in the same folder (so that the final rename is atomic),
flushed to disk, checked, and only then does a copy of the previous version
go to `arkiv/` (itself written under a temporary name and then linked into
place, so that `arkiv/` never holds half a copy) and the new file take the
original's name with `os.replace`. Whatever fails on the way, the temporary
file (and an archive copy made for a replace that did not happen) is removed
and the original is left as it was.

A process that is killed (SIGKILL, a power cut) cannot clean up: it leaves its
temporary files and the lock file, never a half-written workbook. Temporary
files are named `.<workbook name>.plan-sheets-XXXXXXXX.tmp`, and only ever
exist while their writer holds the lock, so the next run that holds the lock
knows every such file it finds beside the workbook or in `arkiv/` is left over
and removes it (`remove_stale`, `remove_leftovers`); the lock file is removed
when that run lets go of the lock.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import errno
import os
import re
import stat
import time
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import BinaryIO

from filelock import FileLock, Timeout

from plan_sheets import files
from plan_sheets.errors import WorkbookLocked, WriteRefused, detail
from plan_sheets.progress import Progress, quiet
from plan_sheets.swedish import plural

ARCHIVE_DIR = "arkiv"
LOCK_TIMEOUT = 5.0
"""Seconds to wait for another plan-sheets run to finish writing."""
_TEMP_RANDOM = "[a-z0-9_]{8}"
"""What `tempfile.mkstemp` puts between prefix and suffix."""
PAUSE_ENV = "PLAN_SHEETS_TEST_PAUSE"
"""Tests only: `<step>:<folder>` makes a run stop at that step of a save (`pause_point`)."""


# --- one writer at a time -------------------------------------------------------------------


def lock_path(path: Path) -> Path:
    return path.with_name(f".{path.name}.plan-sheets.lock")


@contextlib.contextmanager
def write_lock(path: Path, *, timeout: float = LOCK_TIMEOUT,
               progress: Progress | None = None) -> Iterator[None]:
    """Hold plan-sheets' lock on the workbook; WorkbookLocked if another run keeps it."""
    target = lock_path(path)
    lock = FileLock(str(target), timeout=timeout)
    try:
        try:
            lock.acquire(timeout=0)
        except Timeout:
            if timeout <= 0:
                raise
            if progress is not None:
                progress(f"Väntar på att en annan körning av plan-sheets skriver klart "
                         f"{path.name} …")
            lock.acquire()
    except Timeout as exc:
        raise WorkbookLocked(
            f"En annan körning av plan-sheets skriver till {path.name} just nu. Vänta tills "
            f"den är klar och försök igen.") from exc
    except OSError as exc:
        raise WorkbookLocked(f"{path.name} kunde inte låsas för skrivning, så inget skrevs. "
                             f"Kontrollera behörigheten till mappen och kör igen."
                             f"{detail(exc)}") from exc
    try:
        yield
    finally:
        # Removed while still held: a waiter that locked the unlinked file notices it (no
        # links left) and locks the path anew, so no lock file stays behind.
        with contextlib.suppress(OSError):
            target.unlink()
        lock.release()


# --- what a killed run left behind -----------------------------------------------------------


def stale_files(path: Path) -> list[Path]:
    """The writer's temporary files for `path`, beside it and in `arkiv/`.

    Only names the writer itself makes match: `.<name>.plan-sheets-XXXXXXXX.tmp`
    for this workbook's full name (a `plan.xlsm` beside `plan.xlsx` has its own).
    """
    pattern = re.compile(re.escape(files.temp_prefix(path)) + _TEMP_RANDOM + r"\.tmp")
    found: list[Path] = []
    for folder in (path.parent, path.parent / ARCHIVE_DIR):
        try:
            entries = list(os.scandir(folder))
        except OSError:
            continue
        found += [Path(e.path) for e in entries
                  if pattern.fullmatch(e.name) and e.is_file(follow_symlinks=False)]
    return sorted(found)


def remove_stale(path: Path, progress: Progress) -> list[Path]:
    """Remove the temporary files a killed run left; only while holding the write lock."""
    removed = []
    for stale in stale_files(path):
        with contextlib.suppress(OSError):  # what cannot be removed does no harm where it is
            stale.unlink()
            removed.append(stale)
    if removed:
        removed_files = plural(len(removed), "halvfärdig fil", "halvfärdiga filer",
                               grouped=False)
        progress(f"Tog bort {removed_files} från en avbruten körning")
    return removed


def remove_leftovers(path: Path, *, progress: Progress | None = None) -> list[Path]:
    """Remove a killed run's temporary files and lock file, unless a run is writing now.

    For runs that end up writing nothing; a run that writes does this under its lock.
    """
    path = Path(path)
    if not lock_path(path).exists() and not stale_files(path):
        return []
    try:
        with write_lock(path, timeout=0):
            return remove_stale(path, progress or quiet)
    except WorkbookLocked:
        return []  # another run holds the lock: its files are not left over


def pause_point(step: str) -> None:
    """Tests only: stop at `step` while the environment's PLAN_SHEETS_TEST_PAUSE names it.

    `PLAN_SHEETS_TEST_PAUSE=<step>:<folder>` makes the run create
    `<folder>/<step>.<pid>` and wait (a minute at most) until `<folder>/go`
    exists, so that a test can kill it at a known moment, or hold two runs at
    the same point and let them go on together.
    """
    wanted = os.environ.get(PAUSE_ENV)
    if not wanted:
        return
    name, _, folder = wanted.partition(":")
    if name != step or not folder:
        return
    (Path(folder) / f"{step}.{os.getpid()}").touch()
    deadline = time.monotonic() + 60
    while not (Path(folder) / "go").exists() and time.monotonic() < deadline:
        time.sleep(0.01)


# --- the steps of a save (each its own function, so that tests can make each one fail) -------


def write_temp(path: Path, write: Callable[[BinaryIO], None], *,
               folder: Path | None = None) -> Path:
    """Write the new file to a hidden temporary file beside `path`, flushed to disk."""
    temp = files.temp_beside(path, folder=folder)
    try:
        with open(temp, "wb") as f:
            write(f)
            pause_point("writing" if folder is None else "archiving")
            f.flush()
            fsync(f.fileno())
        with contextlib.suppress(OSError):
            os.chmod(temp, stat.S_IMODE(path.stat().st_mode))
    except BaseException:
        with contextlib.suppress(OSError):
            temp.unlink()
        raise
    return temp


def fsync(fd: int) -> None:
    os.fsync(fd)


def archive_name(path: Path, when: dt.datetime) -> Path:
    """`arkiv/<stem>-<YYYYMMDD-HHMMSS><suffix>` beside the workbook, not yet taken."""
    folder = path.parent / ARCHIVE_DIR
    base = f"{path.stem}-{when:%Y%m%d-%H%M%S}"
    candidate = folder / f"{base}{path.suffix}"
    n = 2
    while candidate.exists():
        candidate = folder / f"{base}-{n}{path.suffix}"
        n += 1
    return candidate


def archive_copy(path: Path, data: bytes, when: dt.datetime | None = None) -> Path:
    """Keep `data` (the previous version, as read) in `arkiv/`; returns the copy's path.

    The copy is written under a temporary name and linked to its own only when
    complete, so that a killed run never leaves half a copy that looks whole.
    """
    folder = path.parent / ARCHIVE_DIR
    folder.mkdir(exist_ok=True)
    temp = write_temp(path, lambda f: f.write(data), folder=folder)
    try:
        while True:
            target = archive_name(path, when or dt.datetime.now())
            try:
                os.link(temp, target)  # never replaces a copy that is there
            except FileExistsError:
                continue  # taken between the look and the link
            except OSError:
                if target.exists():
                    continue
                os.rename(temp, target)  # a file system without hard links
            return target
    finally:
        with contextlib.suppress(OSError):
            temp.unlink()


def save(path: Path, *, original: bytes, unchanged_since: Callable[[], None],
         write: Callable[[BinaryIO], None], check: Callable[[Path], None], archive: bool,
         progress: Progress, now: dt.datetime | None = None) -> Path | None:
    """Write, check, archive and replace; returns the archive copy's path (or None).

    `now` names the archive copy (default: the clock)."""
    temp: Path | None = None
    kept: Path | None = None
    folder_was_there = (path.parent / ARCHIVE_DIR).exists()
    try:
        progress(f"Skriver den nya versionen av {path.name}")
        temp = write_temp(path, write)
        pause_point("written")
        progress(f"Kontrollerar den nya versionen av {path.name}")
        check(temp)
        unchanged_since()
        pause_point("checked")
        if archive:
            kept = archive_copy(path, original, now)
            progress(f"Sparade förra versionen som {ARCHIVE_DIR}/{kept.name}")
        pause_point("archived")
        files.replace(temp, path)
        temp = None
        pause_point("replaced")
        progress(f"Sparade {path.name}")
        return kept
    except PermissionError as exc:  # Windows: the file is open in Excel, or a sync holds it
        raise files.in_use(path, exc) from exc
    except OSError as exc:
        raise WriteRefused(_disk_message(path, exc),
                           hint="Ingenting har ändrats; originalet är orört.") from exc
    finally:
        if temp is not None:
            with contextlib.suppress(OSError):
                temp.unlink()
            if kept is not None:
                with contextlib.suppress(OSError):
                    kept.unlink()
            if not folder_was_there:
                with contextlib.suppress(OSError):
                    (path.parent / ARCHIVE_DIR).rmdir()  # only if we made it and it is empty


def _disk_message(path: Path, exc: OSError) -> str:
    if exc.errno == errno.ENOSPC:
        return (f"{path.name} sparades inte: disken är full. Frigör utrymme och försök igen; "
                f"originalet är orört.")
    return (f"{path.name} sparades inte: den nya versionen gick inte att skriva. Kontrollera "
            f"mappen och disken och kör igen; originalet är orört.{detail(exc)}")
