"""What a hand-kept sheet says besides its values: notes below the data, hidden rows,
struck-through text and cell notes (comments).

openpyxl (full mode) keeps each of these on the worksheet and its cells; calamine,
which reads the values, does not. Pure: each function looks, `convert` decides.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from plan_sheets.importer.layout import Heading

_NOTE = re.compile(
    r"^(?:teckenf[oö]rklaring|f[aä]rgf[oö]rklaring|f[oö]rklaring(?:ar)?|anm(?:[aä]rkning)?"
    r"|not(?:er)?|fotnot|obs|k[aä]lla|k[aä]llor)\b\s*[:.]?"
    r"|^(?:gr[oö]n|gul|r[oö]d|gr[aå]|bl[aå]|vit|svart|orange|ljusgr[oö]n)\s*(?:=|:|–|-)\s*\S",
    re.IGNORECASE)
"""A legend or a note, as a row below the activities begins: `Teckenförklaring`,
`Grön = enligt plan`, `Anm: …`, `Källa: …`."""

_COMMENT_AUTHOR = re.compile(r"^[^\n:]{1,60}:\s*\n")


def is_note(text: str) -> bool:
    """Whether a row's first text reads as a legend or a note, not a plan's row."""
    return bool(_NOTE.match(" ".join(text.split())))


def first_text(kind: str, payload: Any) -> str:
    """The first text of a row `convert` classified (a heading's, or an activity row's)."""
    if kind == "heading":
        return payload[1].text
    for cell in payload:
        if cell.value is not None and str(cell.value).strip():
            return str(cell.value).strip()
    return ""


def _structured(heading: Heading) -> bool:
    return bool(heading.focus or heading.area or heading.number or heading.intervention
                or heading.focus_word)


@dataclass(frozen=True)
class Skipped:
    row: int
    column: int | None
    text: str


def split_off_notes(kinds: Sequence[tuple[str, int, Any]]
                    ) -> tuple[list[tuple[str, int, Any]], list[Skipped]]:
    """The rows that belong to the plan, and the notes below its activities.

    Below the first activity, a row that reads as a legend or a note
    (`Teckenförklaring`, `Grön = enligt plan`) ends the data: it and every row
    under it are notes. Heading rows after the last activity that name no number
    or area (nothing is placed under them) are notes too.
    """
    first = next((i for i, k in enumerate(kinds) if k[0] == "activity"), None)
    if first is None:
        return list(kinds), []
    cut = next((i for i in range(first + 1, len(kinds))
                if is_note(first_text(kinds[i][0], kinds[i][2]))), len(kinds))
    body, tail = list(kinds[:cut]), list(kinds[cut:])
    while body and body[-1][0] == "heading" and not _structured(body[-1][2][1]):
        tail.insert(0, body.pop())
    return body, [_skipped(k) for k in tail]


def _skipped(kind: tuple[str, int, Any]) -> Skipped:
    name, row, payload = kind
    if name == "heading":
        return Skipped(row, payload[0], payload[1].text)
    filled = [c for c in payload if c.value is not None and str(c.value).strip()]
    text = " | ".join(str(c.value).strip() for c in filled)
    return Skipped(row, filled[0].column if filled else None, text)


def hidden(ws: Any, row: int) -> bool:
    """Whether the row is hidden in the old sheet (or its height is zero)."""
    dim = ws.row_dimensions.get(row) if hasattr(ws.row_dimensions, "get") else None
    return bool(dim is not None and (dim.hidden or dim.ht == 0))


def struck(cell: Any) -> bool:
    """Whether a cell's text is struck through."""
    return bool(cell is not None and cell.value is not None and cell.font is not None
                and cell.font.strike)


def note_text(cell: Any) -> str:
    """A cell's note (comment) without the author line Excel puts first, or ``""``."""
    comment = getattr(cell, "comment", None)
    if comment is None or not comment.text:
        return ""
    text = comment.text
    author = (comment.author or "").strip()
    if author and text.startswith(f"{author}:"):
        text = text[len(author) + 1:]
    elif _COMMENT_AUTHOR.match(text) and not is_label(text.split(":", 1)[0]):
        text = _COMMENT_AUTHOR.sub("", text, count=1)
    return text.strip()


def is_label(text: str) -> bool:
    from plan_sheets.importer.values import label_key

    return label_key(text) is not None
