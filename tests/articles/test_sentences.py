"""The one sentence splitter: the title, a claim's date and the suggestions all cut the text
where it does. Pure (no database)."""

from datetime import date

import pytest

from articles.ingest import derive_title, parse_article
from articles.sentences import first_sentence, sentence_around, sentences


def test_sentences_keep_numbers_initials_and_abbreviations_whole():
    body = (
        "Menteri Lloyd J. Austin mengatakan 10.000 tentara Korut tiba Rabu (30/10). "
        "Dr. Kim dari Jl. Sudirman No. 5 membantahnya. “Itu cerita palsu.” Ia lalu pergi. "
        "Rusia kehilangan 1.5 persen, atau 2,5 juta orang. 2024 adalah tahun perang.\n\n"
        "Judul tanpa titik"
    )
    assert [body[a:b] for a, b in sentences(body)] == [
        "Menteri Lloyd J. Austin mengatakan 10.000 tentara Korut tiba Rabu (30/10).",
        "Dr. Kim dari Jl. Sudirman No. 5 membantahnya.",
        "“Itu cerita palsu.”",
        "Ia lalu pergi.",
        "Rusia kehilangan 1.5 persen, atau 2,5 juta orang.",
        "2024 adalah tahun perang.",
        "Judul tanpa titik",
    ]


BENTROKAN = (
    "Pejabat Ukraina itu menambahkan, bahwa pasukan Korea Utara bertempur bersama brigade "
    "Rusia.\n\n"
    "Para menteri luar negeri negara-negara Kelompok Tujuh (G7) dan tiga sekutu utamanya "
    "mengatakan Selasa (5/11/2024) kemarin, bahwa mereka sangat prihatin."
)


def test_a_span_ending_at_its_full_stop_belongs_to_its_own_sentence():
    sentence = BENTROKAN.split("\n\n")[0]
    assert sentence_around(BENTROKAN, 0, len(sentence)) == (0, len(sentence))
    # the same sentence in the middle of a paragraph, with the next one on the same line
    line = BENTROKAN.replace("\n\n", " ")
    assert sentence_around(line, 0, len(sentence)) == (0, len(sentence))


def test_a_span_is_in_every_sentence_it_touches():
    text = "Menteri Lloyd J. Austin tiba. Dia mengatakan 10.000 tentara ada di sana. Lalu pergi."
    at = text.index("Austin")
    left, right = sentence_around(text, at, at + 6)
    assert text[left:right] == "Menteri Lloyd J. Austin tiba."
    left, right = sentence_around(text, at, text.index("10.000") + 3)
    assert text[left:right] == (
        "Menteri Lloyd J. Austin tiba. Dia mengatakan 10.000 tentara ada di sana."
    )


@pytest.mark.parametrize(("start", "end"), [(-5, 3), (0, 10_000), (7, 7)])
def test_sentence_around_stays_inside_the_text(start, end):
    left, right = sentence_around(BENTROKAN, start, end)
    assert 0 <= left <= right <= len(BENTROKAN)


def test_a_title_made_from_the_first_sentence_is_not_cut_at_an_initial():
    assert first_sentence("Menteri Lloyd J. Austin tiba di Seoul. Ia bertemu Yoon.") == (
        "Menteri Lloyd J. Austin tiba di Seoul."
    )
    article = parse_article(
        "Menteri Lloyd J. Austin tiba di Seoul pada Rabu (30/10). Ia bertemu Yoon.\n",
        today=date(2026, 1, 1),
    )
    assert article.title == derive_title("Menteri Lloyd J. Austin tiba di Seoul pada Rabu (30/10).")
