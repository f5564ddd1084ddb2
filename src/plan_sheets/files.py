"""Writing a file whole or not at all: into a temporary file beside it, then one rename.

Every file plan-sheets writes (a new huvuddokument, the focus-area workbooks,
reports, the annual pack, the lossless writer's saves) goes through here, so
that a run that stops half-way never leaves half a file where a whole one was.
The temporary files are hidden and name their target and the writer:
`.<name>.plan-sheets-XXXXXXXX.tmp`. Who has a file open (Excel's and LibreOffice's owner
files) is read here too, for the refusals that name them.
"""

from __future__ import annotations

import contextlib
import os
import tempfile
from collections.abc import Iterator
from pathlib import Path

from plan_sheets.errors import WorkbookLocked

TEMP_TAG = "plan-sheets-"


def temp_prefix(path: Path) -> str:
    """How the names of `path`'s temporary files begin."""
    return f".{path.name}.{TEMP_TAG}"


def temp_beside(path: Path, *, folder: Path | None = None) -> Path:
    """A new, empty temporary file for `path`, in its folder (or in `folder`)."""
    fd, name = tempfile.mkstemp(dir=folder or path.parent, prefix=temp_prefix(path),
                                suffix=".tmp")
    os.close(fd)
    return Path(name)


def replace(temp: Path, path: Path) -> None:
    """Put `temp` in `path`'s place in one step, and make the rename itself durable."""
    os.replace(temp, path)
    _sync_folder(path.parent)


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


@contextlib.contextmanager
def replacing(path: Path) -> Iterator[Path]:
    """A temporary path to write `path`'s new content to; it replaces `path` when the block
    succeeds, and is removed whatever happens.

    Raises WorkbookLocked, naming `path` (not the temporary file), when the system will
    not let the temporary file be made or written or `path` be replaced (Windows: the file
    is open in Excel, or a sync holds it or its folder).
    """
    try:
        temp = temp_beside(path)
    except PermissionError:
        raise in_use(path) from None
    try:
        yield temp
        replace(temp, path)
    except Exception as error:
        if denied(error):
            raise in_use(path) from None
        raise
    finally:
        temp.unlink(missing_ok=True)


def denied(error: BaseException) -> bool:
    """Whether `error` is a PermissionError, or wraps one (xlsxwriter's FileCreateError)."""
    return isinstance(error, PermissionError) or isinstance(error.__context__, PermissionError)


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


def in_use(path: Path) -> WorkbookLocked:
    """The refusal for a file the system would not let us read or replace (PermissionError).

    On Windows that is a file open in Excel (or held by a OneDrive/SharePoint sync); the
    owner file, when there is one, names who has it open.
    """
    owner = owner_of(path)
    who = f" (av {owner})" if owner else ""
    return WorkbookLocked(
        f"{path}: filen är öppen i Excel{who} — stäng den och kör igen.",
        hint="Windows låter inte ett program läsa eller skriva över en fil som är öppen i Excel. "
             "Är den inte öppen kan OneDrive eller SharePoint hålla den medan den synkas: vänta "
             "en stund och kör igen. Annars saknas behörighet att skriva i mappen. Ingenting "
             "är halvskrivet; filen som fanns är orörd.")


def _read_small(path: Path) -> bytes:
    try:
        with path.open("rb") as f:
            return f.read(1024)
    except OSError:
        return b""
