"""Dates at their precision and numbers, in the reader's language: the English the site has
always written, and Indonesian as an Indonesian newsroom writes it."""

from datetime import date

import pytest
from django.utils import translation

from articles.formats import (
    MONTH_ABBR,
    MONTH_NAMES,
    date_phrase,
    format_date,
    format_day_range,
    format_number,
)

CASES = [
    # (what, English, Indonesian)
    (lambda: format_date(date(2024, 10, 30)), "30 Oct 2024", "30 Okt 2024"),
    (lambda: format_date(date(2024, 10, 1), "month"), "Oct 2024", "Okt 2024"),
    (lambda: format_date(date(2024, 5, 1), "month"), "May 2024", "Mei 2024"),
    (lambda: format_date(date(2025, 4, 21), "week"), "week of 21 Apr 2025", "pekan 21 Apr 2025"),
    (lambda: format_date(date(2024, 1, 1), "year"), "2024", "2024"),
    (lambda: format_date(date(2024, 11, 1), "quarter"), "Q4 2024", "Kuartal 4 2024"),
    (lambda: format_date(None), "undated", "tanpa tanggal"),
    (lambda: format_day_range(date(2024, 10, 30), date(2024, 11, 1)), "30 Oct – 1 Nov 2024",
     "30 Okt – 1 Nov 2024"),
    (lambda: format_day_range(date(2025, 4, 28), date(2025, 4, 30)), "28–30 Apr 2025",
     "28–30 Apr 2025"),
    (lambda: format_day_range(date(2024, 12, 30), date(2025, 1, 1)), "30 Dec 2024 – 1 Jan 2025",
     "30 Des 2024 – 1 Jan 2025"),
    (lambda: format_day_range(date(2024, 8, 17), None), "17 Aug 2024", "17 Agu 2024"),
    (lambda: format_number(10000), "10,000", "10.000"),
    (lambda: format_number(14000, 15000), "14,000–15,000", "14.000–15.000"),
    (lambda: format_number(1234567), "1,234,567", "1.234.567"),
    (lambda: format_number(25), "25", "25"),
    (lambda: date_phrase(date(2024, 10, 30)), "on 30 Oct 2024", "pada 30 Okt 2024"),
    (lambda: date_phrase(date(2025, 4, 21), "week"), "in the week of 21 Apr 2025",
     "pada pekan 21 Apr 2025"),
    (lambda: date_phrase(date(2024, 10, 1), "month"), "in Oct 2024", "pada Okt 2024"),
    (lambda: date_phrase(None), "on an unknown date", "pada tanggal yang tidak diketahui"),
    (lambda: f"{MONTH_ABBR[9]} / {MONTH_NAMES[7]}", "Oct / August", "Okt / Agustus"),
]  # fmt: skip


@pytest.mark.parametrize("written, english, indonesian", CASES)
def test_each_is_written_in_the_active_language(written, english, indonesian):
    assert written() == english  # no language asked for: the default, English
    with translation.override("en"):
        assert written() == english
    with translation.override("id"):
        assert written() == indonesian
    with translation.override(None):  # what the exports run in: the code's own words
        assert written() == english


def test_no_number_is_no_text_in_any_language():
    with translation.override("id"):
        assert format_number(None) == ""
