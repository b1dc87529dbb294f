"""Numbers as Indonesian news writes them (timeline.suggest.numbers)."""

import re

import pytest

from tests.timeline.suggest.helpers import only
from timeline.suggest.numbers import NUMBER_OR_RANGE, values


@pytest.mark.parametrize(
    ("text", "number", "number_max", "words"),
    [
        ("AS mengatakan sebanyak 10.000 tentara Korut telah dikerahkan ke Rusia.", 10000, None,
         "10.000 tentara"),
        ("Korut telah mengirim sekitar 12.000 pasukan ke Kursk.", 12000, None, "12.000 pasukan"),
        ("Rusia menerima 3.000 bala bantuan dari Pyongyang.", 3000, None, "3.000 bala bantuan"),
        ("Satu unit yang terdiri dari 25 tentara dikirim ke garis depan.", 25, None,
         "25 tentara"),
        ("Korut disebut menyiapkan 10 ribu prajurit lagi.", 10000, None, "10 ribu prajurit"),
        ("Sebanyak sepuluh ribu personel dikirim ke Rusia.", 10000, None,
         "sepuluh ribu personel"),
        ("Pentagon memperkirakan 10.000-12.000 tentara Korut berada di Rusia.", 10000, 12000,
         "10.000-12.000 tentara"),
        ("Jumlahnya antara 10.000 dan 12.000 tentara, kata pejabat itu.", 10000, 12000,
         "antara 10.000 dan 12.000 tentara"),
        ("Seoul menyebut 10-12 ribu tentara telah tiba.", 10000, 12000, "10-12 ribu tentara"),
        ("Sebanyak 1,5 juta orang mengungsi.", 1500000, None, "1,5 juta orang"),
    ],
)  # fmt: skip
def test_troop_counts_in_indonesian_number_style(text, number, number_max, words):
    found = only(text, "troop_count")
    assert (found.number, found.number_max) == (number, number_max)
    assert found.rule == f"troop count: '{words}'"
    assert found.quote == text


@pytest.mark.parametrize(
    ("text", "number", "number_max"),
    [
        ("dua puluh lima", 25, None),
        ("sebelas", 11, None),
        ("sepuluh ribu", 10000, None),
        ("seribu", 1000, None),
        ("1,5 juta", 1500000, None),
        ("10-12 ribu", 10000, 12000),
        ("12.000 hingga 10.000", 10000, 12000),  # the ends in order
        ("antara 10.000 dan 12.000", 10000, 12000),
        ("10.000-10.000", 10000, None),  # one number
        ("1,25", None, None),  # no whole number
    ],
)
def test_values_of_numbers_and_ranges(text, number, number_max):
    match = re.fullmatch(NUMBER_OR_RANGE, text, re.IGNORECASE)
    assert match and values(match) == (number, number_max)
