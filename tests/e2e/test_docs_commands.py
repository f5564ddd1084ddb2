"""Every command block marked `<!-- kör -->` in README.md and docs/handbok.md works as written.

The blocks of one document run in order in one empty folder, as a reader would type
them: `plan-sheets …` through click's runner (a `*` expanded as the shell or click on
Windows expands it), and the few folder commands that read the same in a Unix shell
and in PowerShell (`mkdir`, `cp`, `cd`). A line the test cannot run fails it, so that
a marked block never holds a command nobody has tried.
"""

from __future__ import annotations

import glob
import re
import shlex
import shutil
from pathlib import Path

import pytest
from click.testing import CliRunner

from plan_sheets.cli import cli

pytestmark = pytest.mark.e2e

ROOT = Path(__file__).resolve().parents[2]
DOCUMENTS = ["README.md", "docs/handbok.md"]
MARKED = re.compile(r"<!-- kör -->\s*\n```[^\n]*\n(.*?)\n```", re.S)


def marked_blocks(document: str) -> list[list[str]]:
    text = (ROOT / document).read_text(encoding="utf-8")
    return [[line.strip() for line in block.splitlines() if line.strip()]
            for block in MARKED.findall(text)]


def expand(args: list[str]) -> list[str]:
    out: list[str] = []
    for arg in args:
        found = sorted(glob.glob(arg)) if "*" in arg else []
        out += found or [arg]
    return out


def run_line(line: str) -> None:
    words = shlex.split(line)
    if words[0] == "plan-sheets":
        result = CliRunner().invoke(cli, expand(words[1:]))
        assert result.exit_code == 0, f"{line}\n{result.output}"
        assert "Traceback" not in result.output
    elif words[0] == "mkdir" and len(words) == 2:
        Path(words[1]).mkdir(parents=True)
    elif words[0] == "cp" and len(words) >= 3:
        for source in expand(words[1:-1]):
            shutil.copy(source, words[-1])
    elif words[0] == "cd" and len(words) == 2:
        import os

        os.chdir(words[1])
    else:
        pytest.fail(f"a marked block holds a line this test cannot run: {line}")


@pytest.mark.parametrize("document", DOCUMENTS)
def test_every_marked_block_runs_as_written(document, tmp_path, monkeypatch):
    blocks = marked_blocks(document)
    assert blocks, f"{document} has no block marked <!-- kör -->"
    monkeypatch.chdir(tmp_path)
    for block in blocks:
        for line in block:
            run_line(line)


@pytest.mark.parametrize("document", DOCUMENTS)
def test_every_picture_a_document_shows_is_there(document):
    text = (ROOT / document).read_text(encoding="utf-8")
    pictures = re.findall(r"!\[[^\]]*\]\(([^)]+)\)", text)
    assert pictures, f"{document} shows no picture"
    folder = (ROOT / document).parent
    assert [p for p in pictures if not (folder / p).is_file()] == []
