"""The example shipped in `workbooks/`, made by the tool itself.

Regenerate it with `python -m plan_sheets.shipped workbooks` from the
repository root; a test checks that the committed files are what this makes.
"""

from __future__ import annotations

import sys
from pathlib import Path

from plan_sheets.create import init_workbook

MAIN_NAME = "huvuddokument.xlsx"
INCOMING_DIR = "inkommande"


def repository_workbooks() -> Path | None:
    """`workbooks/` of the source checkout this package runs from, when there is one."""
    folder = Path(__file__).resolve().parents[2] / "workbooks"
    return folder if (folder / MAIN_NAME).is_file() else None


def write_shipped_example(directory: Path) -> list[Path]:
    """Write the example huvuddokument (and the groups' workbooks) into `directory`."""
    directory.mkdir(parents=True, exist_ok=True)
    main = directory / MAIN_NAME
    init_workbook(main, example=True, force=True)
    return [main]


if __name__ == "__main__":  # pragma: no cover - a maintainer's command
    target = Path(sys.argv[1] if len(sys.argv) > 1 else "workbooks")
    for written in write_shipped_example(target):
        print(written)
