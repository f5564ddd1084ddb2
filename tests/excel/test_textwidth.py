"""The one text-width estimator: lines of wrapped text and the row height they need."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

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


# Lines LibreOffice laid these texts out in (Carlito 11, December 2026), each in a column as
# wide as set_column's width: printed (its PDF, words placed by pdftotext -bbox) and on screen
# (its optimal row height). Rows must hold the text on screen, where a column holds less.
MEASURED_IN_LIBREOFFICE = [
    # text, width, printed, on screen
    ("Genomföra och följa upp handlingsplanen (del 9)", 40, 1, 2),
    ("Genomföra och följa upp handlingsplanen (del 9)", 22.29, 2, 2),
    ("Genomföra och följa upp handlingsplanen (del 9)", 15, 4, 4),
    ("Regional samverkan inom besöksnäringen (del 8)", 20.86, 2, 3),
    ("Regional samverkan inom besöksnäringen (del 8)", 10.29, 5, 5),
    ("Dagar sedan slut", 15, 1, 1),
    ("Utbildningssamordning (del 3)", 26, 1, 1),
    # After a hyphen a line may end.
    ("Arrangera högre utbildnings- och rekryteringsmässa", 20.86, 3, 3),
    ("Arrangera högre utbildnings- och rekryteringsmässa", 8.29, 6, 6),
    ("Nöjd-kund-index (NKI) för företagens myndighetskontakter", 8.29, 9, 9),
    ("Nöjd-kund-index (NKI) för företagens myndighetskontakter", 10.29, 6, 6),
    # A word wider than the column is broken between letters.
    ("Kommundelutvecklingsprojekt", 8.29, 3, 4),
    ("Kommundelutvecklingsprojekt", 10.29, 3, 3),
]


@pytest.mark.parametrize(("text", "width", "printed", "on_screen"), MEASURED_IN_LIBREOFFICE)
def test_text_wraps_to_the_lines_libreoffice_shows_it_in(text, width, printed, on_screen):
    assert text_lines(text, width) == on_screen >= printed


@given(st.lists(st.sampled_from(["Processledaren", "och", "fokusområdes-", "ansvarig",
                                 "tar", "fram", "en", "ny", "tidplan.", "(del 7)"]),
                min_size=1, max_size=30),
       st.floats(min_value=5, max_value=60))
def test_a_wider_column_never_needs_more_lines(words, width):
    text = " ".join(words)
    assert text_lines(text, width + 1) <= text_lines(text, width)
