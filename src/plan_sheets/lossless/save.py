"""Saving safely: owner files, one writer at a time, temp file, check, archive, replace.

The original is never opened for writing. The new file is written to a hidden
temporary file in the same folder (so that the final rename is atomic),
flushed to disk, checked, and only then does a copy of the previous version
go to `arkiv/` and the new file take the original's name with `os.replace`.
Whatever fails on the way, the temporary file (and an archive copy made for a
replace that did not happen) is removed and the original is left as it was.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import errno
import os
import stat
import tempfile
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import BinaryIO

from filelock import FileLock, Timeout

from plan_sheets.errors import WorkbookLocked, WriteRefused

ARCHIVE_DIR = "arkiv"
LOCK_TIMEOUT = 5.0
"""Seconds to wait for another plan-sheets run to finish writing."""


# --- who has the file open ----------------------------------------------------------------


def excel_owner(data: bytes) -> str | None:
    """The user name in an Excel owner file (`~$name.xlsx`), or None if unreadable.

    Excel writes a length byte and the name in the Windows code page, padded
    with spaces, then at byte 55 (byte 54 in Word's files) the length again as
    two bytes and the name in UTF-16-LE.
    """
    if not data:
        return None
    length = data[0]
    if 1 <= length <= 52 and len(data) >= 57:
        for pos in (55, 54):
            size = int.from_bytes(data[pos:pos + 2], "little")
            if size == length or (1 <= size <= 52 and pos + 2 + 2 * size <= len(data)):
                raw = data[pos + 2:pos + 2 + 2 * size]
                try:
                    name = raw.decode("utf-16-le").strip(" \x00")
                except UnicodeDecodeError:
                    continue
                if name and name.isprintable():
                    return name
    if 1 <= length < len(data):
        name = data[1:1 + length].decode("cp1252", errors="replace").strip(" \x00")
        if name and name.isprintable() and "\ufffd" not in name:
            return name
    return None


def libreoffice_owner(data: bytes) -> str | None:
    """The user name in a LibreOffice lock file (`.~lock.name#`, CSV with `\\` escapes)."""
    text = data.decode("utf-8", errors="replace")
    fields: list[str] = []
    current: list[str] = []
    escaped = False
    for ch in text:
        if escaped:
            current.append(ch)
            escaped = False
        elif ch == "\\":
            escaped = True
        elif ch in ",;":
            fields.append("".join(current))
            current = []
            if ch == ";":
                break
        else:
            current.append(ch)
    fields.append("".join(current))
    for name in fields[:2]:
        if name.strip() and name.strip().isprintable():
            return name.strip()
    return None


def check_not_open(path: Path) -> None:
    """Raise WorkbookLocked while Excel or LibreOffice has the workbook open."""
    owner = path.with_name("~$" + path.name)
    if owner.exists():
        name = excel_owner(_read_small(owner))
        who = f" hos {name}" if name else ""
        raise WorkbookLocked(
            f"{path.name} är öppen i Excel{who}. Stäng filen och försök igen.",
            hint=f"Har ingen filen öppen kan ägarfilen {owner.name} ha blivit kvar efter en "
                 f"krasch; ta då bort den.")
    lock = path.with_name(f".~lock.{path.name}#")
    if lock.exists():
        name = libreoffice_owner(_read_small(lock))
        who = f" hos {name}" if name else ""
        raise WorkbookLocked(
            f"{path.name} är öppen i LibreOffice{who}. Stäng filen och försök igen.",
            hint=f"Har ingen filen öppen kan låsfilen {lock.name} ha blivit kvar efter en "
                 f"krasch; ta då bort den.")


def _read_small(path: Path) -> bytes:
    try:
        with path.open("rb") as f:
            return f.read(1024)
    except OSError:
        return b""


# --- one writer at a time -------------------------------------------------------------------


def lock_path(path: Path) -> Path:
    return path.with_name(f".{path.name}.plan-sheets.lock")


@contextlib.contextmanager
def write_lock(path: Path, *, timeout: float = LOCK_TIMEOUT) -> Iterator[None]:
    """Hold plan-sheets' lock on the workbook; WorkbookLocked if another run keeps it."""
    target = lock_path(path)
    lock = FileLock(str(target), timeout=timeout)
    try:
        lock.acquire()
    except Timeout as exc:
        raise WorkbookLocked(
            f"En annan körning av plan-sheets skriver till {path.name} just nu. Vänta tills "
            f"den är klar och försök igen.") from exc
    except OSError as exc:
        raise WorkbookLocked(f"Kunde inte låsa {path.name} för skrivning: {exc.strerror}.") \
            from exc
    try:
        yield
    finally:
        # Removed while still held: a waiter that locked the unlinked file notices it (no
        # links left) and locks the path anew, so no lock file stays behind.
        with contextlib.suppress(OSError):
            target.unlink()
        lock.release()


# --- the steps of a save (each its own function, so that tests can make each one fail) -------


def write_temp(path: Path, write: Callable[[BinaryIO], None]) -> Path:
    """Write the new file to a hidden temporary file beside `path`, flushed to disk."""
    fd, name = tempfile.mkstemp(dir=path.parent, prefix=f".{path.stem}.", suffix=".tmp")
    temp = Path(name)
    try:
        with os.fdopen(fd, "wb") as f:
            write(f)
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


def archive_copy(path: Path, data: bytes) -> Path:
    """Keep `data` (the previous version, as read) in `arkiv/`; returns the copy's path."""
    (path.parent / ARCHIVE_DIR).mkdir(exist_ok=True)
    while True:
        target = archive_name(path, dt.datetime.now())
        try:
            f = target.open("xb")
        except FileExistsError:
            continue  # taken between the look and the create
        break
    try:
        with f:
            f.write(data)
            f.flush()
            fsync(f.fileno())
        with contextlib.suppress(OSError):
            os.chmod(target, stat.S_IMODE(path.stat().st_mode))
    except BaseException:
        with contextlib.suppress(OSError):
            target.unlink()
        raise
    return target


def replace(temp: Path, path: Path) -> None:
    os.replace(temp, path)
    _sync_folder(path.parent)


def _sync_folder(folder: Path) -> None:
    """Make the rename itself durable (POSIX); a no-op where folders cannot be opened."""
    try:
        fd = os.open(folder, os.O_RDONLY)
    except OSError:
        return
    try:
        with contextlib.suppress(OSError):
            os.fsync(fd)
    finally:
        os.close(fd)


def save(path: Path, *, original: bytes, unchanged_since: Callable[[], None],
         write: Callable[[BinaryIO], None], check: Callable[[Path], None], archive: bool,
         progress: Callable[[str], None]) -> Path | None:
    """Write, check, archive and replace; returns the archive copy's path (or None)."""
    temp: Path | None = None
    kept: Path | None = None
    folder_was_there = (path.parent / ARCHIVE_DIR).exists()
    try:
        progress(f"Skriver den nya versionen av {path.name}")
        temp = write_temp(path, write)
        progress(f"Kontrollerar den nya versionen av {path.name}")
        check(temp)
        unchanged_since()
        if archive:
            kept = archive_copy(path, original)
            progress(f"Sparade förra versionen som {ARCHIVE_DIR}/{kept.name}")
        replace(temp, path)
        temp = None
        progress(f"Sparade {path.name}")
        return kept
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
    if exc.errno in (errno.EACCES, errno.EPERM):
        return (f"{path.name} sparades inte: plan-sheets får inte skriva i mappen "
                f"{path.parent} ({exc.strerror}). Originalet är orört.")
    return f"{path.name} sparades inte: {exc.strerror or exc}. Originalet är orört."
