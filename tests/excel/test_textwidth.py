"""The one text-width estimator: lines of wrapped text and the row height they need."""

from __future__ import annotations

from plan_sheets.excel.textwidth import MAX_ROW_HEIGHT, row_height, text_lines


def test_a_row_is_fifteen_points_a_line_up_to_excels_tallest():
    assert [row_height(n) for n in (0, 1, 2, 3)] == [15.0, 15.0, 30.0, 45.0]
    assert row_height(1000) == MAX_ROW_HEIGHT == 409.0


def test_bold_text_is_counted_wider():
    # Fits a 12-character column in the regular face, not in bold (3 % wider).
    text = "Arbetsgrupp mmm"
    width = next(w / 10 for w in range(50, 400)
                 if text_lines(text, w / 10) == 1)
    assert text_lines(text, width) == 1
    assert text_lines(text, width, bold=True) == 2
