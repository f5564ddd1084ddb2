"""Random Unicode typed into a group's workbook, merged: kept byte for byte, or refused.

The property of issue 22: whatever a group types into the free-text and key cells of
its workbook (invisible characters, spaces around the text, line breaks, any script),
`merge` either keeps every typed text — free text byte for byte, a key as what it
means — or stops with exit 1 and writes nothing. Never exit 0 with a text lost.
Shared by the quick test (tests/groups) and the long one (tests/e2e).
"""

from __future__ import annotations

import io
import shutil
import tempfile
from dataclasses import dataclass, field
from pathlib import Path

import openpyxl
from click.testing import CliRunner
from hypothesis import strategies as st

from builders import PlanBook, activity
from plan_sheets.cli import cli
from plan_sheets.groups.decisions import comparable
from plan_sheets.workbook.schema import ACTIVITIES, ASSESSMENTS

PERIOD = "2026-T3"
TODAY = "2026-11-26"
STAFF = "Anteckning"
FREE_TEXT = ("title", "description", "responsible", "contact", "participants",
             "status_comment", "cause", "action")
KEYS = ("id", "status", "phase", "intervention_area", "goals")
ASSESSED = ("assessment", "events", "author")

HEADER = {f.key: f.header for f in ACTIVITIES.fields}
ASSESSMENT_HEADER = {f.key: f.header for f in ASSESSMENTS.fields}

# What a person can type into a cell: any character an xlsx file can hold (no control
# characters but line breaks and tabs), with the invisible ones and odd spaces often.
_CHARACTERS = st.characters(exclude_categories=("Cs", "Cc", "Cn"),
                            include_characters="\n\t")
_ODD = st.sampled_from(["\u200b", "\u200c", "\u200d", "\ufeff", "\u00a0", "\u2060", "\u00ad",
                        " ", "\n", "  ", "\u202f", "e\u0301"])
TEXT = st.lists(st.one_of(_CHARACTERS, _ODD), min_size=1, max_size=12).map("".join)


def _key_value(words: list[str]) -> st.SearchStrategy[str]:
    """A key as typed: a word it may hold, dressed in invisible characters, or anything."""
    dressed = st.tuples(st.sampled_from(["", "\u200b", " ", "\ufeff", "\u00a0"]),
                        st.sampled_from(words),
                        st.sampled_from(["", "\u200b", " ", "\u2060", "\u00a0\n"])).map(
        "".join)
    return st.one_of(dressed, TEXT)


KEY_TEXT = {
    "id": _key_value(["1.1.1"]),
    "status": _key_value(["Grön", "gul", "RÖD", "Gron"]),
    "phase": _key_value(["Pågående", "Genomförd", "planerad"]),
    "intervention_area": _key_value(["1.1", "1.2"]),
    "goals": _key_value(["M1", "M1, M2", "m2"]),
}


@dataclass
class Typed:
    """What a person typed: Aktiviteter's 1.1.1 by field key (and the staff column),
    Bedömningar's two rows by field key, and a note beside the table."""

    activity: dict[str, str] = field(default_factory=dict)
    assessment: dict[str, str] = field(default_factory=dict)
    below: dict[str, str] = field(default_factory=dict)
    """Bedömningar, the row below the one split filled in."""
    beside: str | None = None


@st.composite
def typed_edits(draw) -> Typed:
    keys = draw(st.lists(st.sampled_from([*FREE_TEXT, STAFF, *KEYS]), unique=True,
                         min_size=1, max_size=5))
    activity_cells = {k: draw(KEY_TEXT[k] if k in KEY_TEXT else TEXT) for k in keys}
    assessment = draw(st.dictionaries(st.sampled_from(ASSESSED), TEXT, max_size=2))
    below = draw(st.dictionaries(st.sampled_from(ASSESSED), TEXT, max_size=2))
    beside = draw(st.none() | TEXT)
    return Typed(activity_cells, assessment, below, beside)


def split_folder(root: Path) -> Path:
    """A huvuddokument with a staff column, split: `root/huvuddokument.xlsx`, `root/ut/`."""
    book = PlanBook(activity_headers=[*PlanBook().activity_headers, STAFF])
    book.activities.append(activity("1.1.2", Mål="M2"))
    main = book.write(root / "huvuddokument.xlsx")
    result = CliRunner().invoke(cli, ["split", str(main), "--out", str(root / "ut"),
                                      "--period", PERIOD])
    assert result.exit_code == 0, result.output
    return root


def _put(ws, row: int, column: int, value: str) -> None:
    cell = ws.cell(row, column)
    cell.value = value
    cell.data_type = "s"  # what a person types is text (openpyxl takes `=…` for a formula)


def _type_into(group: Path, typed: Typed) -> None:
    wb = openpyxl.load_workbook(group)
    ws = wb[ACTIVITIES.name]
    headers = [c.value for c in ws[2]]
    row = next(r for r in range(3, ws.max_row + 1) if ws.cell(r, 1).value == "1.1.1")
    for key, value in typed.activity.items():
        _put(ws, row, headers.index(HEADER.get(key, key)) + 1, value)
    if typed.beside is not None:
        _put(ws, row, len(headers) + 2, typed.beside)
    judged = wb[ASSESSMENTS.name]
    columns = [c.value for c in judged[2]]
    for offset, values in ((0, typed.assessment), (1, typed.below)):
        for key, value in values.items():
            _put(judged, 3 + offset, columns.index(ASSESSMENT_HEADER[key]) + 1, value)
    wb.save(group)


def _blank(text: str | None) -> bool:
    return text is None or not text.strip()


def check_merge_keeps_or_refuses(template: Path, typed: Typed) -> None:
    """Type `typed` into a copy of `template`'s focus area 1 workbook, merge, and hold the
    property: exit 0 with every typed text kept, or exit 1 with nothing written."""
    with tempfile.TemporaryDirectory() as tmp:
        root = Path(tmp)
        shutil.copytree(template, root, dirs_exist_ok=True)
        main, group = root / "huvuddokument.xlsx", root / "ut" / "fokusomrade-1.xlsx"
        before = main.read_bytes()
        _type_into(group, typed)
        result = CliRunner().invoke(cli, ["merge", str(main), str(group), "--period", PERIOD,
                                          "--today", TODAY])
        assert result.exit_code in (0, 1), result.output
        if result.exit_code == 1:
            assert main.read_bytes() == before, "exit 1, but the huvuddokument was written"
            return
        assert _blank(typed.beside), f"a note beside the table was dropped:\n{result.output}"
        wb = openpyxl.load_workbook(main)
        ws = wb[ACTIVITIES.name]
        headers = [c.value for c in ws[1]]
        ids = [comparable("id", ws.cell(r, 1).value) for r in range(2, ws.max_row + 1)]
        assert "1.1.1" in ids, "1.1.1 was dropped from the huvuddokument"
        # An ID typed blank makes the row a new activity (DESIGN.md: leave ID empty for a
        # new one): its texts are kept under the ID merge gives it, and 1.1.1 stays.
        blank_id = "id" in typed.activity and not comparable("id", typed.activity["id"])
        before_ids = {comparable("id", r[0]) for r in openpyxl.load_workbook(
            io.BytesIO(before))[ACTIVITIES.name].iter_rows(min_row=2, values_only=True)}
        row = 2 + (ids.index(next(i for i in ids if i not in before_ids))
                   if blank_id else ids.index("1.1.1"))
        for key, value in typed.activity.items():
            kept = ws.cell(row, headers.index(HEADER.get(key, key)) + 1).value
            if key == "id" and blank_id:
                assert comparable("id", kept) not in ("", *before_ids), kept
            elif key in KEYS:
                assert comparable(key, kept) == comparable(key, value), (key, value, kept)
            else:
                assert kept == (None if _blank(value) else value), (key, value, kept)
        _check_assessment(wb, typed, result.output)


def _check_assessment(wb, typed: Typed, output: str) -> None:
    wanted = {}
    for key in ASSESSED:
        given = [v for v in (typed.assessment.get(key), typed.below.get(key)) if not _blank(v)]
        if given:
            assert len(set(given)) == 1, f"two different texts merged for {key}:\n{output}"
            wanted[key] = given[0]
    if not wanted:
        return
    ws = wb[ASSESSMENTS.name]
    columns = [c.value for c in ws[1]]
    rows = [r for r in range(2, ws.max_row + 1)
            if ws.cell(r, columns.index("Period") + 1).value == PERIOD
            and ws.cell(r, columns.index("Fokusområde") + 1).value == 1]
    assert len(rows) == 1, output
    for key, value in wanted.items():
        kept = ws.cell(rows[0], columns.index(ASSESSMENT_HEADER[key]) + 1).value
        assert kept == value, (key, value, kept)
