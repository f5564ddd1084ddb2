"""Writing a file whole or not at all: into a temporary file beside it, then one rename.

Every file plan-sheets writes (a new huvuddokument, the focus-area workbooks,
reports, the annual pack, the lossless writer's saves) goes through here, so
that a run that stops half-way never leaves half a file where a whole one was.
The temporary files are hidden and name their target and the writer:
`.<name>.plan-sheets-XXXXXXXX.tmp`.
"""

from __future__ import annotations

import contextlib
import os
import tempfile
from collections.abc import Iterator
from pathlib import Path

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

    Raises WorkbookLocked when the system will not let `path` be replaced (Windows: the
    file is open in Excel, or a sync holds it).
    """
    from plan_sheets.lossless.save import in_use

    temp = temp_beside(path)
    try:
        yield temp
        try:
            replace(temp, path)
        except PermissionError:
            raise in_use(path) from None
    finally:
        temp.unlink(missing_ok=True)
