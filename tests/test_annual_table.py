"""The PDF table: text wrapped to its column, rows paged so that nothing is cut off."""

from __future__ import annotations

import pytest

from plan_sheets.annual.pdftable import Column, Row, Table
from plan_sheets.annual.textfit import text_width, wrap

WORDS = ("Taxeöversynen kräver beslut i nämnderna som inte har fattats, och "
         "Kommunikationsavdelningen saknar pressansvarig sedan juni.").split()


@pytest.mark.parametrize("width", [0.6, 1.0, 2.7])
def test_wrapped_lines_fit_their_column_and_keep_every_word(width):
    text = " ".join(WORDS * 3)
    lines = wrap(text, width, 8)
    assert all(text_width(line, 8) <= width * 72 for line in lines)
    rejoined = " ".join(lines).replace("- ", "")
    assert rejoined.split() == text.split() or width < 1.2  # narrow: long words are broken
    assert "".join(rejoined.split()).replace("-", "") == "".join(text.split()).replace("-", "")


def test_a_word_wider_than_the_column_is_broken_with_a_hyphen():
    lines = wrap("Kommunikationsavdelningen", 0.6, 8)
    assert len(lines) > 1 and all(line.endswith("-") for line in lines[:-1])
    assert "".join(line.rstrip("-") for line in lines) == "Kommunikationsavdelningen"


def test_explicit_line_breaks_are_kept():
    assert wrap("Näringslivskontoret\nLena Holm", 2.0, 8) == ["Näringslivskontoret", "Lena Holm"]


def _table(line_counts: list[int]) -> Table:
    rows = tuple(Row((f"{i}", " ".join(["ord"] * (n * 4)))) for i, n in enumerate(line_counts))
    # Four short words per line in a column just wide enough for them.
    width = text_width("ord ord ord ord", 8) / 72 / 0.97 + 0.1
    return Table((Column("ID", 0.5), Column("Text", width)), rows, size=8)


def test_rows_are_paged_without_losing_or_repeating_a_line():
    table = _table([1, 3, 2, 60, 1, 5, 140, 2, 1])
    space = 5.0
    pages = table.paginate(space, space)
    seen: dict[int, list[int]] = {}
    for parts in pages:
        used = table.header_height
        for part in parts:
            seen.setdefault(part.row, []).extend(range(part.start, part.end))
            used += table.height(max(part.end - part.start, 2 if part.continued else 1))
        assert used <= space + 1e-9
    assert {row: lines for row, lines in seen.items()} == \
        {i: list(range(table.row_lines(i))) for i in range(len(table.rows))}
    # Rows that fit on a page are never split; those taller than a page are, and say so.
    too_tall = {i for i in range(len(table.rows))
                if table.height(table.row_lines(i)) > space - table.header_height}
    assert too_tall == {3, 6}
    assert {p.row for parts in pages for p in parts if p.continued} == too_tall
    assert all(p.end - p.start == table.row_lines(p.row) for parts in pages for p in parts
               if p.row not in too_tall)


def test_a_row_moves_to_the_next_page_rather_than_leaving_a_sliver():
    table = _table([30, 30])
    space = table.header_height + table.height(30) + table.height(2)
    pages = table.paginate(space, space)
    assert [[(p.row, p.start, p.end) for p in parts] for parts in pages] == \
        [[(0, 0, 30)], [(1, 0, 30)]]
