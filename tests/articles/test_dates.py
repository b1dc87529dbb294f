"""Finding and resolving the dates in articles, Indonesian, English and French (no database,
no Django)."""

from datetime import date
from itertools import pairwise
from pathlib import Path

import pytest
from dateutil import parser
from hypothesis import given
from hypothesis import strategies as st

from articles.dates import (
    DAY,
    MONTH,
    WEEK,
    YEAR,
    FoundDate,
    IndonesianParserInfo,
    date_from_article,
    date_in,
    find_dates,
    is_plausible,
    plausible_range,
    publication_date,
)
from articles.formats import format_day_range

TODAY = date(2026, 11, 23)
SEEDS = Path(__file__).resolve().parents[2] / "seeds"


def seed(number: str) -> str:
    (path,) = SEEDS.glob(f"{number}_*.txt")
    return path.read_text(encoding="utf-8")


def on(year: int, month: int, day: int, precision: str = DAY) -> FoundDate:
    """A reference date, as publication_date would give it."""
    return FoundDate(date(year, month, day), precision, "", 0, 0, "dateline")


def only(text: str, **kwargs) -> FoundDate:
    (found,) = find_dates(text, today=TODAY, **kwargs)
    assert text[found.start : found.end] == found.evidence
    return found


# --- The seed articles ----------------------------------------------------------------------


def test_seed_001_is_dated_from_the_wednesday_its_dateline_reports_to_two_days_later():
    # "pada Rabu (30/10) menyerukan": the call was made that Wednesday (in the year in which
    # 30 October was one); the article says nothing of its own day, so it appeared then or
    # soon after. Its first day, the one stored as published_on, is the seed's date as before.
    found = publication_date(seed("001"), today=TODAY)

    assert (found.value, found.latest, found.precision, found.evidence, found.kind) == (
        date(2024, 10, 30),
        date(2024, 11, 1),
        DAY,
        "Rabu (30/10)",
        "dateline",
    )


def test_seed_003_is_dated_from_monday_28_april_2025_to_two_days_later():
    # "KCNA, Senin (28/4) mengutip ...": the day KCNA reported it.
    found = publication_date(seed("003"), today=TODAY)

    assert (found.value, found.latest, found.precision, found.evidence) == (
        date(2025, 4, 28),
        date(2025, 4, 30),
        DAY,
        "Senin (28/4)",
    )


def test_seed_003_relative_dates_resolve_against_the_article_date():
    text = seed("003")
    found = find_dates(text, reference=publication_date(text, today=TODAY), today=TODAY)

    assert [(d.evidence, d.value, d.precision) for d in found] == [
        ("Senin (28/4)", date(2025, 4, 28), DAY),
        # Russia announced Kursk retaken on Saturday 26 April: the week before the article's.
        ("pekan lalu", date(2025, 4, 21), WEEK),
        ("tahun lalu", date(2024, 1, 1), YEAR),
        ("hari Senin", date(2025, 4, 28), DAY),
        ("hari Senin", date(2025, 4, 28), DAY),
        ("24 April", date(2025, 4, 24), DAY),
        ("hari Sabtu", date(2025, 4, 26), DAY),
    ]
    assert all(text[d.start : d.end] == d.evidence for d in found)


def test_seed_004_was_published_the_day_after_selasa_kemarin():
    text = seed("004")
    found = publication_date(text, today=TODAY)

    # "kemarin": the text names its own day, one day, not a range.
    assert (found.value, found.latest, found.evidence) == (
        date(2024, 11, 6),
        None,
        "Selasa (5/11/2024) kemarin",
    )
    assert [(d.value, d.kind) for d in find_dates(text, reference=found, today=TODAY)] == [
        (date(2024, 11, 5), "dateline")  # the day the G7 statement was made
    ]


@pytest.mark.parametrize("number", ["000", "002"])
def test_seeds_without_a_dateline_have_no_publication_date(number):
    assert publication_date(seed(number), today=TODAY) is None


def test_seed_000_finds_the_invasion_date_but_leaves_relative_phrases_unresolved():
    found = find_dates(seed("000"), today=TODAY)

    assert [(d.evidence, d.value) for d in found] == [
        ("Maret lalu", None),
        ("pekan lalu", None),
        ("awal bulan depan", None),
        ("24 Februari 2022", date(2022, 2, 24)),
        ("Rabu lalu", None),
    ]


def test_claim_on_saturday_is_dated_the_saturday_before_the_monday_article():
    sentence = "Rusia untuk pertama kalinya mengonfirmasi pada hari Sabtu bahwa tentara Korut ..."

    found = date_in(sentence, reference=on(2025, 4, 28), today=TODAY)

    assert (found.value, found.evidence) == (date(2025, 4, 26), "hari Sabtu")


# --- Datelines ------------------------------------------------------------------------------


def test_dateline_with_year_is_that_date():
    found = only("Selasa (5/11/2024)")

    assert (found.value, found.precision, found.kind) == (date(2024, 11, 5), DAY, "dateline")


def test_dateline_whose_weekday_contradicts_its_year_is_unresolved():
    found = only("Rabu (5/11/2024)")  # 5 November 2024 was a Tuesday

    assert (found.value, found.evidence) == (None, "Rabu (5/11/2024)")


def test_dateline_without_year_takes_the_fitting_year_nearest_the_other_years_in_the_text():
    found = find_dates("Pada Rabu (30/10) ... seperti pada tahun 2019.", today=TODAY)

    # 30 October fell on a Wednesday in 2013, 2019 and 2024; 2019 is what the text is about.
    assert found[0].value == date(2019, 10, 30)


def test_dateline_year_tie_goes_to_the_later_year():
    found = find_dates("Rabu (30/10) ... tahun 2016.", today=TODAY)

    assert found[0].value == date(2019, 10, 30)  # 2013 and 2019 are both 3 years from 2016


def test_dateline_without_year_is_never_after_today():
    # 30 December 2026 is a Wednesday, but still to come on 23 November 2026.
    assert only("Rabu (30/12)").value == date(2020, 12, 30)


def test_dateline_without_other_years_in_the_text_is_placed_near_the_reference():
    # A claim sentence alone has no years in it: the article's date anchors it instead.
    found = only("pada Senin (15/10)", reference=on(2020, 3, 1))

    assert found.value == date(2018, 10, 15)


def test_dateline_with_no_fitting_year_within_seven_years_is_unresolved():
    # 15 October was a Monday in 2018 (too far back) and will be in 2029 (future).
    found = only("Senin (15/10)")

    assert (found.value, found.evidence) == (None, "Senin (15/10)")


@pytest.mark.parametrize("text", ["Rabu (31/2)", "Kamis (30/2/2024)", "Senin (29/2)"])
def test_impossible_dateline_is_unresolved_but_reported(text):
    found = only(text)

    assert (found.value, found.evidence, found.kind) == (None, text, "dateline")


def test_day_names_are_case_insensitive_and_accept_spelling_variants():
    assert only("KAMIS (7/11)").value == date(2024, 11, 7)
    assert only("Jum'at (1/11/2024)").value == date(2024, 11, 1)
    assert only("Ahad (3/11/2024)").value == date(2024, 11, 3)


# --- publication_date -----------------------------------------------------------------------


def test_publication_date_is_the_first_dateline():
    text = "Jakarta - Pada Kamis (7/11/2024), menteri mengulang ucapan Selasa (5/11/2024)."

    assert publication_date(text, today=TODAY).value == date(2024, 11, 7)


def test_dateline_with_lalu_dates_the_article_within_the_week_after_that_day():
    found = publication_date("Menteri mengatakan Selasa (5/11/2024) lalu.", today=TODAY)

    # "last Tuesday": not the article's own day, some day of the week after it
    assert (found.value, found.latest, found.evidence) == (
        date(2024, 11, 6),
        date(2024, 11, 12),
        "Selasa (5/11/2024) lalu",
    )


def test_explicit_and_relative_dates_are_never_the_publication_date():
    text = "Rusia menyerang pada 24 Februari 2022. Pekan lalu, pada 24 April, hari Senin ..."

    assert publication_date(text, today=TODAY) is None


def test_unresolvable_first_dateline_is_returned_so_an_editor_sees_it():
    found = publication_date("Rabu (5/11/2024) menteri ...", today=TODAY)

    assert (found.value, found.evidence) == (None, "Rabu (5/11/2024)")


# --- Explicit dates -------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("24 Februari 2022", date(2022, 2, 24)),
        ("5 November 2024", date(2024, 11, 5)),
        ("5/11/2024", date(2024, 11, 5)),
        ("1 Juni 2024", date(2024, 6, 1)),
        ("3 Nop 2023", date(2023, 11, 3)),
        ("12 Peb 2023", date(2023, 2, 12)),
        ("9 AGT 2023", date(2023, 8, 9)),
    ],
)
def test_explicit_day_month_year(text, expected):
    found = only(text)

    assert (found.value, found.precision, found.kind, found.evidence) == (
        expected,
        DAY,
        "explicit",
        text,
    )


@pytest.mark.parametrize("text", ["Juni 2024", "bulan Juni 2024", "Jun 2024"])
def test_month_and_year_has_month_precision(text):
    found = only(f"Perjanjian itu ditandatangani {text} di Pyongyang.")

    assert (found.value, found.precision, found.kind, found.evidence) == (
        date(2024, 6, 1),
        MONTH,
        "month",
        text,
    )


def test_bare_year_has_year_precision():
    first, second = find_dates("Perjanjian tahun 2024 menggantikan kesepakatan pada 2023.")

    assert (first.evidence, first.value, first.precision) == ("tahun 2024", date(2024, 1, 1), YEAR)
    assert (second.evidence, second.value, second.precision) == ("2023", date(2023, 1, 1), YEAR)


def test_impossible_explicit_date_is_unresolved():
    assert only("31/2/2024").value is None
    assert only("30 Februari 2024").value is None


def test_day_and_month_take_the_most_recent_such_day_on_or_before_the_reference():
    assert only("pada 24 April", reference=on(2025, 4, 28)).value == date(2025, 4, 24)
    assert only("pada 30 April", reference=on(2025, 4, 28)).value == date(2024, 4, 30)


def test_day_and_month_within_a_month_reference_use_that_month():
    assert only("30 Juni", reference=on(2024, 6, 1, MONTH)).value == date(2024, 6, 30)


@pytest.mark.parametrize("reference", [None, on(2025, 1, 1, YEAR)])
def test_day_and_month_without_a_precise_reference_are_unresolved(reference):
    found = only("pada 24 April", reference=reference)

    assert (found.value, found.evidence, found.kind) == (None, "24 April", "explicit")


# --- Relative phrases -----------------------------------------------------------------------

WEDNESDAY = on(2024, 10, 30)


@pytest.mark.parametrize(
    ("text", "expected", "precision"),
    [
        ("kemarin", date(2024, 10, 29), DAY),
        ("hari ini", date(2024, 10, 30), DAY),
        ("pekan lalu", date(2024, 10, 21), WEEK),
        ("minggu lalu", date(2024, 10, 21), WEEK),
        ("Rabu lalu", date(2024, 10, 23), DAY),  # strictly before: not the article's Wednesday
        ("Senin lalu", date(2024, 10, 28), DAY),
        ("hari Minggu lalu", date(2024, 10, 27), DAY),
        ("hari Rabu", date(2024, 10, 30), DAY),  # the same day counts
        ("hari Senin", date(2024, 10, 28), DAY),
        ("bulan lalu", date(2024, 9, 1), MONTH),
        ("bulan Oktober", date(2024, 10, 1), MONTH),
        ("bulan Juni", date(2024, 6, 1), MONTH),
        ("bulan Desember", date(2023, 12, 1), MONTH),
        ("Oktober lalu", date(2023, 10, 1), MONTH),  # strictly before the reference month
        ("Maret lalu", date(2024, 3, 1), MONTH),
        ("tahun lalu", date(2023, 1, 1), YEAR),
        ("bulan depan", date(2024, 11, 1), MONTH),
        ("awal bulan depan", date(2024, 11, 1), MONTH),
        ("dua hari lalu", date(2024, 10, 28), DAY),
        ("sepekan lalu", date(2024, 10, 21), WEEK),
    ],
)
def test_relative_phrase_resolves_against_the_reference(text, expected, precision):
    found = only(text, reference=WEDNESDAY)

    assert (found.value, found.precision, found.kind, found.evidence) == (
        expected,
        precision,
        "relative",
        text,
    )


def test_weekday_after_pada_is_the_most_recent_such_day():
    found = only("Mereka bertemu pada Senin di Seoul.", reference=WEDNESDAY)

    assert (found.value, found.evidence) == (date(2024, 10, 28), "Senin")


def test_month_phrases_cross_the_year_end():
    assert only("bulan depan", reference=on(2024, 12, 15)).value == date(2025, 1, 1)
    assert only("bulan lalu", reference=on(2025, 1, 15)).value == date(2024, 12, 1)


def test_pekan_lalu_accepts_a_week_reference():
    found = only("pekan lalu", reference=on(2024, 10, 28, WEEK))

    assert (found.value, found.precision) == (date(2024, 10, 21), WEEK)


def test_tahun_lalu_accepts_a_year_reference():
    assert only("tahun lalu", reference=on(2024, 1, 1, YEAR)).value == date(2023, 1, 1)


@pytest.mark.parametrize(
    ("text", "reference"),
    [
        ("kemarin", on(2024, 10, 1, MONTH)),
        ("hari Senin", on(2024, 10, 21, WEEK)),
        ("pekan lalu", on(2024, 10, 1, MONTH)),
        ("bulan lalu", on(2024, 1, 1, YEAR)),
        ("bulan Juni", on(2024, 1, 1, YEAR)),
    ],
)
def test_relative_phrase_with_too_coarse_a_reference_is_unresolved(text, reference):
    found = only(text, reference=reference)

    assert (found.value, found.evidence) == (None, text)


@pytest.mark.parametrize(
    "text", ["kemarin", "pekan lalu", "Rabu lalu", "hari Senin", "bulan Juni", "tahun lalu"]
)
def test_relative_phrase_without_reference_is_unresolved_but_reported(text):
    found = only(f"Dia mengatakan {text} bahwa ...")

    assert (found.value, found.evidence, found.kind) == (None, text, "relative")


def test_a_few_days_ago_is_never_guessed():
    assert only("beberapa hari lalu", reference=WEDNESDAY).value is None


def test_month_after_bare_pada_is_reported_but_not_placed():
    # "akan bertempur ... pada November" looks forward; the words alone do not say which way.
    found = only("diperkirakan akan bertempur pada November,", reference=WEDNESDAY)

    assert (found.value, found.precision, found.evidence) == (None, MONTH, "November")


# --- What is not a date ---------------------------------------------------------------------


@pytest.mark.parametrize(
    "text",
    [
        "sebanyak 10.000 tentara Korut",
        "pengerahan tersebut. (*/S-01)",
        "dan lalu pasukan itu mundur",
        "pada Seninnya pasukan bergerak",
        "pada minggu ketiga operasi",  # lower-case "minggu" after "pada" is a week, not Sunday
        "sekitar 14.000 pasukan, termasuk 3.000 bala bantuan",
        "hingga 2000 tentara",
        "Jan Egeland mengatakan",
    ],
)
def test_not_a_date(text):
    assert find_dates(text, reference=WEDNESDAY, today=TODAY) == []


# --- Several dates in one text --------------------------------------------------------------


def test_several_dates_come_back_in_order_with_exact_offsets():
    text = (
        "Pada Rabu (30/10), menteri mengatakan pekan lalu bahwa perjanjian bulan Juni 2024 "
        "berlaku sejak 1 Juni 2024 dan kemarin diratifikasi."
    )

    found = find_dates(text, reference=WEDNESDAY, today=TODAY)

    assert [(d.evidence, d.kind, d.value) for d in found] == [
        ("Rabu (30/10)", "dateline", date(2024, 10, 30)),
        ("pekan lalu", "relative", date(2024, 10, 21)),
        ("bulan Juni 2024", "month", date(2024, 6, 1)),
        ("1 Juni 2024", "explicit", date(2024, 6, 1)),
        ("kemarin", "relative", date(2024, 10, 29)),
    ]
    assert all(text[d.start : d.end] == d.evidence for d in found)


def test_date_in_skips_unresolved_phrases_and_takes_the_first_resolved_one():
    sentence = "Pada Rabu (5/11/2024), seperti tahun lalu, dan pada 24 April ..."

    found = date_in(sentence, reference=WEDNESDAY, today=TODAY)

    assert (found.evidence, found.value) == ("tahun lalu", date(2023, 1, 1))


def test_date_in_without_any_date_is_none():
    assert date_in("Korea Utara membantah tuduhan itu.", reference=WEDNESDAY) is None


# --- dateutil vocabulary --------------------------------------------------------------------


def test_indonesian_parserinfo_lets_dateutil_read_indonesian_dates():
    parsed = parser.parse("Selasa, 5 Nopember 2024", parserinfo=IndonesianParserInfo())

    assert parsed.date() == date(2024, 11, 5)


# --- Whatever the text ----------------------------------------------------------------------

WORDS = [
    "Senin", "Rabu", "(30/10)", "(5/11/2024)", "(31/2)", "kemarin", "lalu", "pada", "hari",
    "ini", "pekan", "minggu", "bulan", "tahun", "depan", "Juni", "24", "2024", "Februari",
    "dua", "10.000", "(*/S-01)", "Maret", "awal", ",", "Seninnya", "Minggu", "5/11/2024",
]  # fmt: skip


@given(words=st.lists(st.sampled_from(WORDS), max_size=12), noise=st.text(max_size=20))
def test_any_text_gives_ordered_non_overlapping_phrases_with_exact_offsets(words, noise):
    text = " ".join(words) + noise

    found = find_dates(text, reference=WEDNESDAY, today=TODAY)

    assert all(text[d.start : d.end] == d.evidence for d in found)
    assert all(a.end <= b.start for a, b in pairwise(found))


@pytest.mark.parametrize(
    "text",
    ["Jumat (31/12/9999) kemarin", "Senin (1/1/0001)", "pada 24 Februari 1066", "Juni 2035"],
)
def test_a_date_no_news_can_have_is_reported_but_never_used(text):
    # 31/12/9999 "kemarin" would be a day after the end of the calendar.
    (found,) = find_dates(text, today=TODAY)
    assert found.evidence and found.value is None
    found = publication_date(f"Jakarta - {text}, Korut membantah.", today=TODAY)
    assert found is None or found.value is None


def test_the_plausible_range_runs_from_1900_to_a_year_after_today():
    assert plausible_range(TODAY) == (date(1900, 1, 1), date(2027, 11, 23))
    assert plausible_range(date(2024, 2, 29)) == (date(1900, 1, 1), date(2025, 2, 28))
    assert is_plausible(date(2027, 11, 23), TODAY) and not is_plausible(date(2027, 11, 24), TODAY)
    assert is_plausible(date(1900, 1, 1), TODAY) and not is_plausible(date(1899, 12, 31), TODAY)


# --- Publication lines: a stated day -------------------------------------------------------

BODY_AFTER = "JAKARTA - Juru bicara itu mengulang bantahannya pada Senin (2/12)."


@pytest.mark.parametrize(
    ("line", "language", "expected", "evidence"),
    [
        # a timestamp line in capitals, with a bar before the time
        ("SABTU, 14 DESEMBER 2024 | 08:02 WIB", "id", date(2024, 12, 14), None),
        # weekday, day month year / time
        ("Kamis, 12 Desember 2024 / 21:40 WIB", "id", date(2024, 12, 12), None),
        # weekday, day month year time
        ("Jumat, 13 Desember 2024 09:15 WIB", "id", date(2024, 12, 13), None),
        # an outlet, a numeric day and a time
        ("Kabarkita.id - 03/12/2024, 16:47 WIB", "id", date(2024, 12, 3), "03/12/2024, 16:47 WIB"),
        # an outlet, a bar, an abbreviated month
        (
            "Warta Nusantara | Senin, 02 Des 2024 07:05 WIB",
            "id",
            date(2024, 12, 2),
            "Senin, 02 Des 2024 07:05 WIB",
        ),
        # a label, a time before the date
        ("Updated 9:48 PM EST, December 2, 2024", "en", date(2024, 12, 2), None),
        ("Published 2 December 2024, 11:20 GMT", "en", date(2024, 12, 2), None),
        # French: "Publié le" and "à"
        ("Publié le 02/12/2024 à 18:05", "fr", date(2024, 12, 2), None),
        ("Mis à jour le 3 décembre 2024 à 07h12", "fr", date(2024, 12, 3), None),
        # a date on a line of its own
        ("Senin, 2 Desember 2024", "id", date(2024, 12, 2), None),
    ],
)
def test_a_stated_publication_line_is_the_publication_day(line, language, expected, evidence):
    text = f"Judul berita yang pendek\n{line}\n{BODY_AFTER}"

    found = publication_date(text, today=TODAY, language=language)

    assert (found.value, found.latest, found.precision, found.kind) == (
        expected,
        None,
        DAY,
        "stated",
    )
    assert found.evidence == (evidence or line)
    assert text[found.start : found.end] == found.evidence


def test_a_wire_agency_dateline_is_the_publication_day_in_the_year_of_the_other_dates():
    text = "GENEVA, Dec 2 (Reuters) - Envoys met on Monday, the talks begun in 2024 went on."

    found = publication_date(text, today=TODAY, language="en")

    assert (found.value, found.kind, found.evidence) == (
        date(2024, 12, 2),
        "stated",
        "GENEVA, Dec 2 (Reuters)",
    )


def test_a_stated_line_wins_over_the_events_the_article_reports():
    text = "Rabu, 4 Desember 2024 10:30 WIB\nJAKARTA - Menteri itu berbicara Senin (2/12)."

    assert publication_date(text, today=TODAY).value == date(2024, 12, 4)


def test_the_published_line_wins_over_an_updated_line():
    text = "Updated 8:00 AM EST, December 5, 2024\nPublished 6:30 PM EST, December 3, 2024\n..."

    assert publication_date(text, today=TODAY, language="en").value == date(2024, 12, 3)


def test_an_updated_line_alone_is_the_day_the_page_gives():
    text = "Updated 8:00 AM EST, December 5, 2024\nOfficials said on Tuesday that ..."

    assert publication_date(text, today=TODAY, language="en").value == date(2024, 12, 5)


@pytest.mark.parametrize(
    "text",
    [
        # a time in a sentence: when something happened
        "Serangan itu dimulai pada Rabu, 4 Desember 2024 pukul 03.00 WIB, kata seorang pejabat.",
        "Sejak Rabu, 4 Desember 2024 14:05 WIB warga mengungsi ke utara kota dan ke desa-desa.",
        # a caption's timestamp
        "Foto: Warga mengungsi, Rabu, 4 Desember 2024 14:05 WIB. (Foto: Arsip)",
        # a date in the middle of a long opening paragraph
        "Pemerintah mengumumkan kebijakan baru yang akan berlaku mulai 4 Desember 2024 di "
        "seluruh provinsi, termasuk wilayah perbatasan, menurut keterangan resmi.",
    ],
)
def test_a_date_in_a_sentence_or_a_caption_is_no_publication_line(text):
    assert publication_date(text, today=TODAY) is None


# --- Datelines of events: a range ------------------------------------------------------------


def test_an_event_dateline_dates_the_article_from_that_day_to_two_days_later():
    text = "JAKARTA - Dewan itu bersidang pada Kamis, (5/12/2024) dan menolak usulan."

    found = publication_date(text, today=TODAY)

    assert (found.value, found.latest, found.kind, found.evidence) == (
        date(2024, 12, 5),
        date(2024, 12, 7),
        "dateline",
        "Kamis, (5/12/2024)",
    )


@pytest.mark.parametrize("tail", ["ini", "hari ini"])
def test_ini_says_the_dateline_is_the_articles_own_day(tail):
    found = publication_date(f"Menteri itu berbicara Kamis (5/12) {tail} di Seoul.", today=TODAY)

    assert (found.value, found.latest, found.evidence) == (
        date(2024, 12, 5),
        None,
        f"Kamis (5/12) {tail}",
    )


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Sekolah itu dibuka hari ini, Senin (2/12/2024), kata kepala desa.", date(2024, 12, 2)),
        ("Sekolah itu dibuka kemarin, Senin (2/12/2024), kata kepala desa.", date(2024, 12, 3)),
    ],
)
def test_hari_ini_or_kemarin_before_the_dateline_say_the_same_as_after_it(text, expected):
    found = publication_date(text, today=TODAY)

    assert (found.value, found.latest) == (expected, None)


def test_a_recent_day_without_a_year_is_not_placed_before_the_years_the_text_names():
    # 5 November was a Tuesday in 2019 (a year from 2020) and in 2024: the board's cap counts
    # from 2020, so the vote it reports is later.
    text = "The board voted on Tuesday, Nov 5, to cap pumping at its lowest since 2020."

    found = publication_date(text, today=TODAY, language="en")

    assert (found.value, found.latest) == (date(2024, 11, 5), date(2024, 11, 7))


def test_kemarin_says_the_article_appeared_the_day_after_the_dateline():
    found = publication_date("Menteri itu berbicara Rabu (4/12/2024) kemarin.", today=TODAY)

    assert (found.value, found.latest) == (date(2024, 12, 5), None)


def test_a_range_never_reaches_past_today():
    found = publication_date("Menteri itu berbicara Sabtu (21/11).", today=date(2026, 11, 22))

    assert (found.value, found.latest) == (date(2026, 11, 21), date(2026, 11, 22))


@pytest.mark.parametrize(
    "first",
    [
        "Foto: Tentara berbaris di alun-alun, Rabu (4/12). (Foto: Arsip)",
        "Pasukan berbaris di alun-alun, Rabu (4/12). (Foto: ANTARA/Arsip)",
        "Penulis: Sari Dewi, Rabu (4/12)",
        "Baca juga: Tentara berbaris lagi, Rabu (4/12)",
        "Artikel ini telah tayang di Kabarkita.id pada Rabu (4/12) dengan judul lain.",
    ],
)
def test_captions_bylines_and_credits_are_not_where_the_date_comes_from(first):
    text = f"{first}\nJAKARTA - Menteri itu berbicara Jumat (6/12) di Seoul."

    found = publication_date(text, today=TODAY)

    assert (found.value, found.evidence) == (date(2024, 12, 6), "Jumat (6/12)")


# --- A reference that is a range ------------------------------------------------------------

WEDNESDAY_TO_FRIDAY = FoundDate(
    date(2024, 10, 30), DAY, "Rabu (30/10)", 0, 0, "dateline", latest=date(2024, 11, 1)
)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("pekan lalu", date(2024, 10, 21)),  # the same week whichever day it is
        ("hari Senin", date(2024, 10, 28)),
        ("tahun lalu", date(2023, 1, 1)),
        ("kemarin", None),  # 29, 30 or 31 October: not said
        ("bulan lalu", None),  # September or October
    ],
)
def test_against_a_range_a_phrase_resolves_only_where_every_day_agrees(text, expected):
    assert only(text, reference=WEDNESDAY_TO_FRIDAY).value == expected


# --- English --------------------------------------------------------------------------------

MONDAY = on(2024, 12, 2)


@pytest.mark.parametrize(
    ("text", "expected", "precision", "kind"),
    [
        ("April 28, 2025", date(2025, 4, 28), DAY, "explicit"),
        ("Sept. 3, 2024", date(2024, 9, 3), DAY, "explicit"),
        ("28 April 2025", date(2025, 4, 28), DAY, "explicit"),
        ("Nov 5", date(2024, 11, 5), DAY, "explicit"),  # the latest on or before the article
        ("June 2024", date(2024, 6, 1), MONTH, "month"),
        ("Monday", date(2024, 12, 2), DAY, "relative"),
        ("Friday", date(2024, 11, 29), DAY, "relative"),
        ("last Monday", date(2024, 11, 25), DAY, "relative"),
        ("yesterday", date(2024, 12, 1), DAY, "relative"),
        ("today", date(2024, 12, 2), DAY, "relative"),
        ("last week", date(2024, 11, 25), WEEK, "relative"),
        ("last month", date(2024, 11, 1), MONTH, "relative"),
        ("last year", date(2023, 1, 1), YEAR, "relative"),
        ("two days ago", date(2024, 11, 30), DAY, "relative"),
        ("last June", date(2024, 6, 1), MONTH, "relative"),
    ],
)
def test_english_dates_resolve_as_the_indonesian_ones(text, expected, precision, kind):
    found = only(f"The envoy said {text} that talks had failed.", reference=MONDAY, language="en")

    assert (found.value, found.precision, found.kind, found.evidence) == (
        expected,
        precision,
        kind,
        text,
    )


def test_english_on_monday_is_the_weekday_not_on():
    found = only("Officials said on Monday that ...", reference=MONDAY, language="en")

    assert (found.evidence, found.value) == ("Monday", date(2024, 12, 2))


def test_english_weekday_with_day_and_month_takes_the_year_it_fits_near_the_other_dates():
    found = find_dates("On Monday, April 28, the army said its 2025 campaign ...", language="en")

    assert (found[0].evidence, found[0].value, found[0].kind) == (
        "Monday, April 28",
        date(2025, 4, 28),
        "dateline",
    )


def test_english_numeric_dates_are_resolved_only_when_day_and_month_cannot_be_confused():
    assert only("28/4/2025", language="en").value == date(2025, 4, 28)
    assert only("4/28/2025", language="en").value == date(2025, 4, 28)
    assert only("4/5/2025", language="en").value is None  # 4 May or April 5


@pytest.mark.parametrize(
    "text", ["troops may march south", "the sun set", "a march to the border", "mid-sentence"]
)
def test_english_words_that_are_month_or_day_names_in_capitals_are_no_dates(text):
    assert find_dates(text, reference=MONDAY, today=TODAY, language="en") == []


def test_an_english_event_dateline_dates_the_article_as_a_range():
    text = "SEOUL (AP) — North Korea said Monday, Dec 2, that its troops had returned."

    found = publication_date(text, today=TODAY, language="en")

    assert (found.value, found.latest, found.evidence) == (
        date(2024, 12, 2),
        date(2024, 12, 4),
        "Monday, Dec 2",
    )


# --- French ---------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "expected", "precision", "kind"),
    [
        ("28 avril 2025", date(2025, 4, 28), DAY, "explicit"),
        ("1er mai 2024", date(2024, 5, 1), DAY, "explicit"),
        ("3 déc. 2024", date(2024, 12, 3), DAY, "explicit"),
        ("5 novembre", date(2024, 11, 5), DAY, "explicit"),
        ("juin 2024", date(2024, 6, 1), MONTH, "month"),
        ("lundi", date(2024, 12, 2), DAY, "relative"),
        ("vendredi dernier", date(2024, 11, 29), DAY, "relative"),
        ("hier", date(2024, 12, 1), DAY, "relative"),
        ("avant-hier", date(2024, 11, 30), DAY, "relative"),
        ("aujourd'hui", date(2024, 12, 2), DAY, "relative"),
        ("la semaine dernière", date(2024, 11, 25), WEEK, "relative"),
        ("le mois dernier", date(2024, 11, 1), MONTH, "relative"),
        ("l'an dernier", date(2023, 1, 1), YEAR, "relative"),
        ("il y a deux jours", date(2024, 11, 30), DAY, "relative"),
        ("juin dernier", date(2024, 6, 1), MONTH, "relative"),
    ],
)
def test_french_dates_resolve_as_the_indonesian_ones(text, expected, precision, kind):
    found = only(f"Le ministre a déclaré {text} que ...", reference=MONDAY, language="fr")

    assert (found.value, found.precision, found.kind, found.evidence) == (
        expected,
        precision,
        kind,
        text,
    )


def test_french_ce_lundi_with_day_and_month_is_an_event_dateline_in_the_year_it_fits():
    text = "Pyongyang a confirmé ce lundi 28 avril l'envoi de soldats, selon un bilan de 2025."

    found = publication_date(text, today=TODAY, language="fr")

    assert (found.value, found.latest, found.evidence, found.kind) == (
        date(2025, 4, 28),
        date(2025, 4, 30),
        "ce lundi 28 avril",
        "dateline",
    )


def test_an_unknown_language_reads_as_indonesian():
    assert only("Rabu (30/10)", language="de").value == date(2024, 10, 30)


# --- Showing a range ------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("first", "last", "text"),
    [
        (date(2024, 10, 30), None, "30 Oct 2024"),
        (date(2025, 4, 28), date(2025, 4, 30), "28–30 Apr 2025"),
        (date(2024, 10, 30), date(2024, 11, 1), "30 Oct – 1 Nov 2024"),
        (date(2024, 12, 30), date(2025, 1, 1), "30 Dec 2024 – 1 Jan 2025"),
    ],
)
def test_a_range_of_days_reads_from_its_first_to_its_last_day(first, last, text):
    assert format_day_range(first, last) == text


def test_a_claim_takes_its_articles_date_only_when_that_is_one_day():
    assert date_from_article(WEDNESDAY) == (date(2024, 10, 30), DAY, "article date")
    assert date_from_article(WEDNESDAY_TO_FRIDAY) == (
        date(2024, 10, 30),
        DAY,
        "article date, 30 Oct – 1 Nov 2024: its first day",
    )
    assert date_from_article(None) == (None, DAY, "")
