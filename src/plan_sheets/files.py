"""Writing a file whole or not at all, under a name of its own, and who has a file open.

Every file plan-sheets writes (a new huvuddokument, the focus-area workbooks,
reports, reminders, the annual pack, the lossless writer's saves) goes through
`replacing`, so that a run that stops half-way never leaves half a file where a
whole one was: the content goes to a temporary file beside the target, is
flushed to disk, and takes the target's name with one rename. A target that is
read-only (the file's read-only attribute, as Excel sets it) is refused. New
files get the permissions the user's umask gives (not the 0600 of a private
temporary file), so that colleagues on a shared folder can open them.

The temporary files are hidden and name their target and the writer:
`.<name>.plan-sheets-XXXXXXXX.tmp`. One a killed run left is removed by the next
run that writes in that folder, once it is an hour old and no process holds it
(a writer keeps a lock on its own temporary file while it lives, where the
system has such locks).

`unique_names` gives the files made from names people typed (offices, goals) one
name each, as a case-insensitive file system sees them.

Who has a file open (Excel's and LibreOffice's owner files) is read here too,
for the refusals that name them.
"""

from __future__ import annotations

import contextlib
import os
import re
import secrets
import stat
import time
import unicodedata
from collections.abc import Iterable, Iterator
from pathlib import Path

from plan_sheets.errors import WorkbookLocked, detail

TEMP_TAG = "plan-sheets-"
TEMP_RANDOM = "[a-z0-9_]{8}"
"""What stands between a temporary file's prefix and its `.tmp`."""
_TEMP_ALPHABET = "abcdefghijklmnopqrstuvwxyz0123456789_"
_ANY_TEMP = re.compile(r"\..+\." + re.escape(TEMP_TAG) + TEMP_RANDOM + r"\.tmp")
STALE_AFTER = 3600.0
"""Seconds after which a temporary file no process holds counts as left over."""

try:  # POSIX: a lock on the temporary file tells a running writer's file from a leftover
    import fcntl
except ImportError:  # Windows: a file open in a process cannot be removed at all
    fcntl = None  # type: ignore[assignment]


def temp_prefix(path: Path) -> str:
    """How the names of `path`'s temporary files begin."""
    return f".{path.name}.{TEMP_TAG}"


def _create_temp(path: Path, folder: Path | None) -> tuple[Path, int]:
    """A new, empty temporary file for `path` and an open descriptor of it.

    Made with mode 0666, so that the umask decides (as for any new file) rather than
    mkstemp's private 0600.
    """
    for _ in range(100):
        random = "".join(secrets.choice(_TEMP_ALPHABET) for _ in range(8))
        name = (folder or path.parent) / f"{temp_prefix(path)}{random}.tmp"
        try:
            fd = os.open(name, os.O_RDWR | os.O_CREAT | os.O_EXCL | getattr(os, "O_BINARY", 0),
                         0o666)
        except FileExistsError:
            continue
        return name, fd
    raise FileExistsError(f"no free temporary name beside {path}")


def temp_beside(path: Path, *, folder: Path | None = None) -> Path:
    """A new, empty temporary file for `path`, in its folder (or in `folder`)."""
    name, fd = _create_temp(path, folder)
    os.close(fd)
    return name


def replace(temp: Path, path: Path) -> None:
    """Put `temp` in `path`'s place in one step, and make the rename itself durable."""
    os.replace(temp, path)
    _sync_folder(path.parent)


def flush(path: Path) -> None:
    """Make a written file's bytes durable before it is renamed into place."""
    with open(path, "rb+") as f:
        os.fsync(f.fileno())


def _sync_folder(folder: Path) -> None:
    # POSIX: the rename survives a power cut only once its folder is synced; a no-op
    # where folders cannot be opened.
    try:
        fd = os.open(folder, os.O_RDONLY)
    except OSError:
        return
    try:
        with contextlib.suppress(OSError):
            os.fsync(fd)
    finally:
        os.close(fd)


def read_only(path: Path) -> bool:
    """Whether `path` is a file marked read-only (no write permission for its owner, which
    is what Windows' read-only attribute shows as), or one this user may not write."""
    try:
        mode = path.stat().st_mode
    except OSError:
        return False
    return stat.S_ISREG(mode) and (not mode & stat.S_IWUSR or not os.access(path, os.W_OK))


def check_writable(path: Path) -> None:
    """Raise WorkbookLocked when `path` is a read-only file (it is never replaced)."""
    if read_only(path):
        raise WorkbookLocked(
            f"{path} är skrivskyddad, så plan-sheets skriver inte över den.",
            hint="Ta bort skrivskyddet (i Utforskaren: Egenskaper, bocka ur Skrivskyddad) "
                 "eller ange en annan fil, och kör igen. Filen är orörd.")


def remove_leftover_temps(folder: Path, *, older_than: float = STALE_AFTER) -> list[Path]:
    """Remove the temporary files of plan-sheets' writers that killed runs left in `folder`:
    only names this module makes, only files older than `older_than` seconds, and only
    those no running process holds. Returns what was removed."""
    removed = []
    now = time.time()
    try:
        entries = list(os.scandir(folder))
    except OSError:
        return []
    for entry in entries:
        if not _ANY_TEMP.fullmatch(entry.name):
            continue
        try:
            if not entry.is_file(follow_symlinks=False) \
                    or now - entry.stat(follow_symlinks=False).st_mtime < older_than:
                continue
            if _held(Path(entry.path)):
                continue
            os.unlink(entry.path)
        except OSError:
            continue  # held (Windows), gone already, or not ours to remove: it does no harm
        removed.append(Path(entry.path))
    return removed


def _held(path: Path) -> bool:
    """Whether a running writer holds the lock on its temporary file (POSIX)."""
    if fcntl is None:
        return False  # Windows refuses to remove a file a process has open
    try:
        fd = os.open(path, os.O_RDONLY)
    except OSError:
        return True
    try:
        fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
    except OSError:
        return True
    finally:
        os.close(fd)  # closing lets go of the lock just taken
    return False


def _hold(fd: int) -> int | None:
    """Keep a lock on a new temporary file while it lives (POSIX); returns the descriptor
    to close at the end, or None where there is nothing to hold (Windows: an open file
    could not be renamed, and one being written cannot be removed anyway)."""
    if fcntl is None:
        os.close(fd)
        return None
    with contextlib.suppress(OSError):
        fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
    return fd


@contextlib.contextmanager
def replacing(path: Path) -> Iterator[Path]:
    """A temporary path to write `path`'s new content to; it replaces `path` when the block
    succeeds (flushed to disk first), and is removed whatever happens.

    Raises WorkbookLocked, naming `path` (not the temporary file), when `path` is
    read-only, or when the system will not let the temporary file be made or written or
    `path` be replaced (Windows: the file is open in Excel, or a sync holds it or its
    folder).
    """
    path = Path(path)
    check_writable(path)
    remove_leftover_temps(path.parent)
    try:
        temp, fd = _create_temp(path, None)
    except PermissionError:
        raise in_use(path) from None
    held = _hold(fd)
    try:
        yield temp
        flush(temp)
        if path.exists():
            with contextlib.suppress(OSError):
                os.chmod(temp, stat.S_IMODE(path.stat().st_mode))
        replace(temp, path)
    except Exception as error:
        if denied(error):
            raise in_use(path) from None
        raise
    finally:
        if held is not None:
            os.close(held)
        temp.unlink(missing_ok=True)


def denied(error: BaseException) -> bool:
    """Whether `error` is a PermissionError, or wraps one (xlsxwriter's FileCreateError)."""
    return isinstance(error, PermissionError) or isinstance(error.__context__, PermissionError)


# --- names of their own --------------------------------------------------------------------


def name_key(name: str) -> str:
    """What a file system may take for the same name: case and Unicode form ignored."""
    return unicodedata.normalize("NFC", name).casefold()


def unique_names(stems: Iterable[str], *, suffix: str = "", taken: Iterable[str] = ()
                 ) -> list[str]:
    """File names `<stem><suffix>` for `stems`, in order, none the same as another (or as
    one in `taken`) as a case-insensitive file system compares them: a stem met again
    gets `-2`, `-3` … Each stem must already be a safe name (no folder in it)."""
    seen = {name_key(t) for t in taken}
    out = []
    for stem in stems:
        if not stem or stem in (".", "..") or "/" in stem or "\\" in stem:
            raise ValueError(f"not a file name: {stem!r}")
        name, n = f"{stem}{suffix}", 2
        while name_key(name) in seen:
            name, n = f"{stem}-{n}{suffix}", n + 1
        seen.add(name_key(name))
        out.append(name)
    return out


# --- who has a file open ------------------------------------------------------------------


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


_OWNER_FILES = (("~${}", "Excel", "ägarfilen", excel_owner),
                (".~lock.{}#", "LibreOffice", "låsfilen", libreoffice_owner))
"""The files Excel and LibreOffice put beside a file they have open, and how to read them."""


def _open_by(path: Path) -> tuple[Path, str, str, str | None] | None:
    """(owner file, program, what Swedish calls that file, who) for the first owner file
    beside `path`, or None."""
    for pattern, program, what, read_owner in _OWNER_FILES:
        owner = path.with_name(pattern.format(path.name))
        if owner.exists():
            return owner, program, what, read_owner(_read_small(owner))
    return None


def check_not_open(path: Path) -> None:
    """Raise WorkbookLocked while Excel or LibreOffice has the workbook open."""
    found = _open_by(path)
    if found is not None:
        owner, program, what, name = found
        who = f" hos {name}" if name else ""
        raise WorkbookLocked(
            f"{path.name} är öppen i {program}{who}. Stäng filen och försök igen.",
            hint=f"Har ingen filen öppen kan {what} {owner.name} ha blivit kvar efter en "
                 f"krasch; ta då bort den.")


def owner_of(path: Path) -> str | None:
    """Who has `path` open, as Excel's or LibreOffice's owner file beside it says (or None)."""
    found = _open_by(path)
    return found[3] if found is not None else None


def in_use(path: Path, error: BaseException | None = None) -> WorkbookLocked:
    """The refusal for a file the system would not let us read or replace (PermissionError).

    Says what is known to be true: open in Excel or LibreOffice only when an owner file
    says so, read-only when the file is marked so, a folder that cannot be written when
    the file is not there; otherwise that access was denied and what commonly causes it.
    The system's own words, when given, follow as a quoted detail.
    """
    path = Path(path)
    said = detail(error)
    found = _open_by(path)
    if found is not None:
        _owner, program, _what, name = found
        who = f" (av {name})" if name else ""
        return WorkbookLocked(
            f"{path}: filen är öppen i {program}{who} — stäng den och kör igen.",
            hint="Ingenting är halvskrivet; filen som fanns är orörd." + said)
    if read_only(path):
        return WorkbookLocked(
            f"{path} är skrivskyddad och kan inte skrivas över.",
            hint="Ta bort skrivskyddet (i Utforskaren: Egenskaper, bocka ur Skrivskyddad) "
                 "eller ange en annan fil, och kör igen. Filen är orörd." + said)
    if not path.exists():
        return WorkbookLocked(
            f"{path} kunde inte skapas: systemet nekade plan-sheets att skriva i mappen "
            f"{path.parent}.",
            hint="Mappen kan vara skrivskyddad, du kan sakna behörighet till den, eller så "
                 "synkar OneDrive eller SharePoint den just nu: välj en annan mapp, eller "
                 "vänta en stund och kör igen." + said)
    return WorkbookLocked(
        f"{path}: systemet nekade plan-sheets att läsa eller skriva filen.",
        hint="På Windows händer det när filen är öppen i ett annat program eller när OneDrive "
             "eller SharePoint synkar den: stäng den, eller vänta en stund, och kör igen. "
             "Annars saknas behörighet till filen eller mappen. Ingenting är halvskrivet; "
             "filen som fanns är orörd." + said)


def _read_small(path: Path) -> bytes:
    try:
        with path.open("rb") as f:
            return f.read(1024)
    except OSError:
        return b""
