import hashlib
from datetime import date
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from articles.ingest import (
    BOILERPLATE,
    ArticleError,
    clean,
    decode,
    derive_title,
    find_outlet,
    parse_article,
)

SEEDS = Path(__file__).resolve().parents[2] / "seeds"
TODAY = date(2026, 11, 23)


def seed_text(prefix: str) -> str:
    (path,) = SEEDS.glob(f"{prefix}_*.txt")
    return path.read_text(encoding="utf-8")


def seed(prefix: str):
    (path,) = SEEDS.glob(f"{prefix}_*.txt")
    return parse_article(decode(path.read_bytes()), today=TODAY)


# --- the five seed articles ----------------------------------------------------------------

EXPECTED = {
    # prefix: (title, derived, outlet, published, precision, evidence, latest)
    # 001 and 003 report an event's day: they appeared on it or up to two days after.
    "000": (
        "Korut Siap Kirim Pasukan Bantu Rusia, Kecam AS Persenjatai Ukraina",
        False,
        "Resistensi.id",
        None,
        None,
        None,
        None,
    ),
    "001": (
        "AS-Korsel Minta Korut agar Tarik Pasukannya dari Rusia",
        False,
        "MedanPunya",
        date(2024, 10, 30),
        "day",
        "Rabu (30/10)",
        date(2024, 11, 1),
    ),
    "002": (
        "Korea Utara menanggapi klaim tentang penempatan pasukan di Rusia",
        False,
        None,
        None,
        None,
        None,
        None,
    ),
    "003": (
        "Korea Utara untuk pertama kalinya mengonfirmasi bahwa mereka telah mengirim pasukan …",
        True,
        None,
        date(2025, 4, 28),
        "day",
        "Senin (28/4)",
        date(2025, 4, 30),
    ),
    "004": (
        "Bentrokan Pertama Tentara Ukraina vs Tentara Korea Utara",
        False,
        "TIMES JABAR",
        date(2024, 11, 6),
        "day",
        "Selasa (5/11/2024) kemarin",
        None,
    ),
}

# What a reader would not call part of the article, line by line, per seed.
FURNITURE = {
    "000": [
        "Bagikan:",
        "Tinggalkan Balasan",
        "Alamat email Anda tidak akan dipublikasikan. Ruas yang wajib ditandai *",
    ],
    "001": ["Berikan Komentar:", "Exit mobile version"],
    "002": ["Anda dapat membagikan cerita ini di media sosial:", "Sumber"],
    "003": [],
    "004": [],
}


@pytest.mark.parametrize("prefix", sorted(EXPECTED))
def test_seed_title_outlet_and_date(prefix):
    title, derived, outlet, published, precision, evidence, latest = EXPECTED[prefix]
    article = seed(prefix)

    assert article.title == title
    assert article.title_derived is derived
    assert article.outlet == outlet
    if published is None:
        assert article.published is None or article.published.value is None
    else:
        assert article.published.value == published
        assert article.published.precision == precision
        assert article.published.evidence == evidence
        assert article.published.latest == latest
        # The evidence is a span of the stored body, like a claim.
        assert article.body[article.published.start : article.published.end] == evidence


@pytest.mark.parametrize("prefix", sorted(EXPECTED))
def test_seed_body_is_the_article_text_one_paragraph_per_line(prefix):
    article = seed(prefix)
    lines = [line.strip() for line in seed_text(prefix).splitlines()]
    lines = [line for line in lines if line and line not in FURNITURE[prefix]]
    if not article.title_derived and lines[0] == article.title:
        lines = lines[1:]  # the headline became the title

    assert article.body.split("\n\n") == lines
    for line in FURNITURE[prefix]:
        assert line not in article.body
    for paragraph in article.body.split("\n\n"):
        assert not any(b.pattern.fullmatch(paragraph) for b in BOILERPLATE)
    assert "\n\n\n" not in article.body
    assert article.body == article.body.strip()
    assert "\u00a0" not in article.body  # 001's NBSP-only line is gone


def test_seed_article_own_lines_are_kept():
    assert "Sumber : KCNA" in seed("000").body.split("\n\n")
    assert seed("001").body.endswith("mempertimbangkannya kembali.***kps/mpc/bs")
    assert seed("003").body.endswith("menyangkal pengerahan tersebut. (*/S-01)")
    body_004 = seed("004").body.split("\n\n")
    assert body_004[-3].endswith(
        "dengan judul: Bentrokan Pertama Tentara Ukraina vs Tentara Korea Utara"
    )
    assert body_004[-2:] == ["Pewarta | : Widodo Irianto |", "Editor | : Deasy Mayasari |"]


def test_headline_is_removed_from_body_but_a_derived_title_keeps_its_sentence():
    assert not seed("000").body.startswith("Korut Siap Kirim")
    assert seed("001").body.startswith("Washington DC (MedanPunya) Amerika Serikat")
    assert seed("003").body.startswith("KOREA Utara untuk pertama kalinya")
    assert seed("004").body.startswith("TIMES JABAR, JAKARTA – Pejabat Ukraina")


@pytest.mark.parametrize("prefix", sorted(EXPECTED))
def test_seed_raw_and_hash(prefix):
    article = seed(prefix)
    assert article.raw == seed_text(prefix)
    assert article.content_hash == hashlib.sha256(article.raw.encode()).hexdigest()


def test_bom_and_crlf_copies_give_the_same_article():
    text = seed_text("001")
    plain = parse_article(text, today=TODAY)
    with_bom = parse_article(decode(b"\xef\xbb\xbf" + text.encode()), today=TODAY)
    windows = parse_article(decode(text.replace("\n", "\r\n").encode()), today=TODAY)

    assert with_bom == plain  # same hash too: loading it again creates nothing
    assert windows.raw == text.replace("\n", "\r\n")  # raw keeps its line endings
    assert (windows.body, windows.title, windows.outlet) == (plain.body, plain.title, plain.outlet)
    assert windows.published == plain.published


# --- decode ----------------------------------------------------------------------------------


def test_decode_utf8_with_and_without_bom():
    assert decode("Korut – “pasukan”".encode()) == "Korut – “pasukan”"
    assert decode(b"\xef\xbb\xbfKorut\n") == "Korut\n"


def test_decode_keeps_line_endings():
    assert decode(b"a\r\nb\rc\n") == "a\r\nb\rc\n"


@pytest.mark.parametrize(
    "data", [b"", b"\xef\xbb\xbf", b"   \n\r\n\t", "\u00a0\n\u00a0".encode()], ids=repr
)
def test_decode_empty_or_whitespace_only(data):
    with pytest.raises(ArticleError, match="^empty file$"):
        decode(data)


def test_decode_binary():
    with pytest.raises(ArticleError) as error:
        decode(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR")
    assert str(error.value) == "binary file (contains NUL bytes)"


@pytest.mark.parametrize(
    ("data", "reason"),
    [
        (b"Korut \xff pasukan", "not valid UTF-8 (byte 0xff at position 6)"),
        ("Rusia".encode("cp1252") + b" \xe9t\xe9", "not valid UTF-8 (byte 0xe9 at position 6)"),
        # positions count from the start of the file, byte order mark included
        (b"\xef\xbb\xbfab\xc3(", "not valid UTF-8 (byte 0xc3 at position 5)"),
    ],
)
def test_decode_invalid_utf8_names_the_byte(data, reason):
    with pytest.raises(ArticleError) as error:
        decode(data)
    assert str(error.value) == reason


def test_decode_utf16_says_so_instead_of_binary():
    with pytest.raises(ArticleError) as error:
        decode("Korut kirim pasukan".encode("utf-16"))
    assert str(error.value).startswith("not valid UTF-8")
    assert "UTF-16" in str(error.value)


def test_article_errors_are_value_errors():
    assert issubclass(ArticleError, ValueError)


# --- clean and boilerplate --------------------------------------------------------------------

BOILERPLATE_LINES = [
    ("Bagikan:", "share buttons"),
    ("  BAGIKAN :  ", "share buttons"),
    ("Bagikan", "share buttons"),
    ("Anda dapat membagikan cerita ini di media sosial:", "share prompt"),
    ("anda dapat membagikan cerita ini di media sosial", "share prompt"),
    ("Tinggalkan Balasan", "reply heading"),
    ("\u00a0tinggalkan balasan\u00a0", "reply heading"),
    ("Berikan Komentar:", "comment prompt"),
    ("Berikan komentar", "comment prompt"),
    (
        "Alamat email Anda tidak akan dipublikasikan. Ruas yang wajib ditandai *",
        "comment form notice",
    ),
    ("Alamat email Anda tidak akan dipublikasikan.", "comment form notice"),
    ("Ruas yang wajib ditandai *", "comment form notice"),
    ("Exit mobile version", "mobile version link"),
    ("EXIT MOBILE VERSION ", "mobile version link"),
    ("Sumber", "dangling source label"),
    (" sumber: ", "dangling source label"),
]


@pytest.mark.parametrize(("line", "name"), BOILERPLATE_LINES)
def test_boilerplate_line_matches_its_pattern(line, name):
    matching = [b.name for b in BOILERPLATE if b.pattern.fullmatch(line)]
    assert matching == [name]
    assert clean(f"Paragraf satu.\n{line}\nParagraf dua.") == "Paragraf satu.\n\nParagraf dua."


def test_every_boilerplate_pattern_has_an_example():
    assert {b.name for b in BOILERPLATE} == {name for _, name in BOILERPLATE_LINES}


@pytest.mark.parametrize(
    "line",
    [
        "Sumber : KCNA",
        "Sumber: Reuters, AFP",
        "Sumber mengatakan pasukan telah tiba.",
        "Bagikan: artikel ini kepada teman Anda",
        "Ia meminta pembaca untuk tinggalkan balasan di kolom komentar.",
        "Foto: KCNA",
        "***kps/mpc/bs",
        "(*/S-01)",
        "Pewarta | : Widodo Irianto |",
    ],
)
def test_article_lines_are_not_boilerplate(line):
    assert not any(b.pattern.fullmatch(line) for b in BOILERPLATE)
    assert clean(line) == line


def test_clean_line_endings_blank_lines_and_trimming():
    text = "\ufeff\r\n  Satu.  \r\n\r\n\r\n\u00a0\r\nDua.\rTiga.\n \t \n\u00a0 Empat.\u00a0\n\n"
    assert clean(text) == "Satu.\n\nDua.\n\nTiga.\n\nEmpat."


def test_clean_leaves_the_inside_of_a_line_alone():
    line = "Kata “Korut”  –  10.000 tentara  (*)"
    assert clean(line) == line


def test_clean_of_only_boilerplate_is_empty_and_parse_refuses_it():
    text = "Bagikan:\n\nTinggalkan Balasan\nSumber\n"
    assert clean(text) == ""
    with pytest.raises(ArticleError, match="boilerplate"):
        parse_article(text)
    with pytest.raises(ArticleError, match="^empty file$"):
        parse_article(" \n\u00a0\n")


# --- titles -------------------------------------------------------------------------------------


def test_named_title_wins_and_its_line_stays_in_body():
    text = (
        "JAKARTA – Pasukan Korea Utara tiba di Kursk.\n"
        "Artikel ini telah tayang di Kompas.com dengan judul “Pasukan Korut Tiba di Kursk”, "
        "Klik untuk baca: https://example.com/x\n"
    )
    article = parse_article(text)
    assert article.title == "Pasukan Korut Tiba di Kursk"
    assert article.title_derived is False
    assert article.body == clean(text)


@pytest.mark.parametrize(
    "credit",
    [
        "Artikel ini sudah tayang di TIMES Indonesia dengan judul: Korut Kirim Pasukan",
        "Artikel ini telah tayang di Kompas.com dengan judul: Korut Kirim Pasukan. "
        "Klik untuk baca: https://example.com/x",
        "Berita ini telah dimuat di Suara.com dengan judul 'Korut Kirim Pasukan'",
        "Artikel ini telah tayang di Kompas.com dengan judul “Korut Kirim Pasukan”, "
        "Klik untuk baca: https://example.com/x",
    ],
)
def test_named_title_forms(credit):
    assert parse_article(f"Isi berita.\n\n{credit}").title == "Korut Kirim Pasukan"


def test_named_title_keeps_quotes_inside_it():
    credit = "Artikel ini telah tayang di Kompas.com dengan judul “‘Perang Proksi’ Kata Korut”."
    assert parse_article(f"Isi berita.\n\n{credit}").title == "‘Perang Proksi’ Kata Korut"
    credit = "Artikel ini sudah tayang di TIMES Indonesia dengan judul: 'Perang Proksi' Kata Korut"
    assert parse_article(f"Isi berita.\n\n{credit}").title == "'Perang Proksi' Kata Korut"


def test_a_film_dengan_judul_is_not_the_article_title():
    article = parse_article("Korut memutar film dengan judul: Pahlawan Kursk. Penonton hadir.")
    assert article.title == "Korut memutar film dengan judul: Pahlawan Kursk"
    assert article.title_derived is True


def test_headline_same_as_named_title_is_not_repeated_in_body():
    text = (
        "Pasukan Korut Tiba di Kursk\n\nPasukan Korea Utara tiba di Kursk.\n\n"
        "Artikel ini sudah tayang di TIMES Indonesia dengan judul: Pasukan Korut Tiba di Kursk\n"
    )
    article = parse_article(text)
    assert article.title == "Pasukan Korut Tiba di Kursk"
    assert article.body.startswith("Pasukan Korea Utara tiba di Kursk.")


@pytest.mark.parametrize(
    "first_line",
    [
        "Pasukan Korea Utara tiba di Kursk pada Senin (28/4) pagi waktu setempat.",
        "Benarkah pasukan Korea Utara sudah tiba di Kursk?",
        "“Kami tidak mengirim pasukan,” kata diplomat Korea Utara itu kepada wartawan.”",
        "JAKARTA – Pasukan Korea Utara tiba di Kursk",  # a dateline, even without a full stop
        " ".join(["kata"] * 21),  # too long for a headline
    ],
)
def test_first_line_that_is_not_a_headline_stays_in_body(first_line):
    article = parse_article(f"{first_line}\n\nParagraf kedua.")
    assert article.title_derived is True
    assert article.body.startswith(first_line)


def test_derived_title_skips_caption_and_dateline():
    text = (
        "Foto: Kim Jong Un menginspeksi pasukan. (Foto: KCNA)\n\n"
        "TIMES JABAR, JAKARTA – Pejabat Ukraina mengatakan terjadi bentrokan. Hal itu terjadi.\n"
    )
    article = parse_article(text)
    assert article.title == "Pejabat Ukraina mengatakan terjadi bentrokan"
    assert article.title_derived is True


def test_derived_title_does_not_break_at_abbreviations_or_thousands():
    text = "Sebanyak 10.000 tentara tiba di Jl. Sudirman kemarin. Lalu pergi.\n"
    assert parse_article(text).title == "Sebanyak 10.000 tentara tiba di Jl. Sudirman kemarin"


def test_derived_title_fixes_news_style_capitals_but_not_acronyms():
    shouted = "KOREA Utara mengirim pasukan. Korea Utara mengonfirmasi.\n"
    assert parse_article(shouted).title == "Korea Utara mengirim pasukan"
    acronym = "AS dan Korsel meminta Korut menarik pasukan. AS mengulanginya.\n"
    assert parse_article(acronym).title == "AS dan Korsel meminta Korut menarik pasukan"


def test_derive_title_keeps_a_short_sentence_whole():
    assert derive_title("Korut mengirim pasukan ke Rusia.") == "Korut mengirim pasukan ke Rusia"
    assert derive_title("Benarkah Korut mengirim pasukan?") == "Benarkah Korut mengirim pasukan?"


def test_derive_title_cuts_at_a_word_boundary_with_an_ellipsis():
    sentence = (
        "Pejabat Ukraina memperkirakan Korea Utara telah mengirim sekitar 14.000 pasukan, "
        "termasuk 3.000 bala bantuan untuk menggantikan kerugian mereka."
    )
    title = derive_title(sentence)
    assert len(title) <= 90
    assert title.endswith(" …")
    assert sentence.startswith(title.removesuffix(" …"))
    # "..., termasuk …" would be 91 characters; the comma left at the cut goes.
    assert (
        title == "Pejabat Ukraina memperkirakan Korea Utara telah mengirim sekitar 14.000 pasukan …"
    )


def test_derive_title_does_not_end_on_a_dangling_word():
    sentence = "Korea Utara untuk pertama kalinya mengonfirmasi bahwa mereka telah mengirim pasukan"
    # "... pasukan untuk …" fits in 91 characters, but a title does not end on "untuk".
    assert derive_title(sentence + " untuk bertempur.", limit=91) == sentence + " …"
    assert derive_title("Pasukan Korea Utara bertempur dan menang.", limit=36) == (
        "Pasukan Korea Utara bertempur …"
    )


def test_derive_title_cuts_a_single_long_word():
    title = derive_title("x" * 200)
    assert title == "x" * 88 + " …"


# --- outlets ------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("body", "outlet"),
    [
        ("Resistensi.id – Korea Utara mengkritik AS.", "Resistensi.id"),
        ("Resistensi.id - Korea Utara mengkritik AS.", "Resistensi.id"),
        ("Resistensi.id — Korea Utara mengkritik AS.", "Resistensi.id"),
        ("TIMES JABAR, JAKARTA – Pejabat Ukraina mengatakan.", "TIMES JABAR"),
        ("JAKARTA, KOMPAS.com - Pejabat Ukraina mengatakan.", "KOMPAS.com"),
        ("Liputan6.com, Jakarta - Pejabat Ukraina mengatakan.", "Liputan6.com"),
        ("Washington DC (MedanPunya) Amerika Serikat (AS) menyerukan.", "MedanPunya"),
        ("Jakarta (ANTARA) - Presiden mengatakan.", "ANTARA"),
        ("Foto: KCNA\n\nResistensi.id – Korea Utara mengkritik AS.", "Resistensi.id"),
        ("Isi.\n\nArtikel ini sudah tayang di TIMES Indonesia dengan judul: X", "TIMES Indonesia"),
        ("Isi.\n\nArtikel ini telah tayang di Kompas.com dengan judul “X”.", "Kompas.com"),
        # a dateline outlet wins over the syndication credit
        ("TIMES JABAR, JAKARTA – Isi.\n\nSudah tayang di TIMES Indonesia", "TIMES JABAR"),
    ],
)
def test_outlet_from_dateline_or_credit(body, outlet):
    assert find_outlet(body) == outlet


@pytest.mark.parametrize(
    "body",
    [
        "Korea Utara mengkritik AS, seperti dilansir KCNA.\n\nSumber : KCNA",
        "Foto: Kim Jong Un. (Foto: KCNA)\n\nKorea Utara mengkritik AS.",
        "JAKARTA – Pejabat Ukraina mengatakan.",  # a place, not an outlet
        "Amerika Serikat (AS) dan Korea Selatan menyerukan.",
        "Korea Utara (DPRK) Senin (28/4) menolak. DPRK mengatakan.",
        "Rabu (30/10) Amerika Serikat menyerukan.",
        "Namun, ada kemungkinan besar – kata menteri – bahwa Rusia melakukannya.",
        "Hal itu dibantah. – kata perwakilan itu.",
    ],
)
def test_no_outlet_from_sources_places_or_names(body):
    assert find_outlet(body) is None


# --- any text at all ------------------------------------------------------------------------

# Fragments that exercise the rules (datelines, boilerplate, capitals), mixed with any text.
FRAGMENTS = [
    " ", "\n", "\r\n", "\r", "\n\n", "\u00a0", "\ufeff", ".", "?", "–", " - ", "(", ")", ",",
    "KOREA", "Korea", "AS", "Bagikan:", "Sumber", "Resistensi.id – ", "JAKARTA, KOMPAS.com - ",
    "Washington DC (MedanPunya) ", "Rabu (30/10)", " dengan judul: ", "sudah tayang di ",
]  # fmt: skip
LINE_TEXT = st.lists(
    st.sampled_from(FRAGMENTS) | st.text(st.characters(codec="utf-8"), max_size=30), max_size=40
).map("".join)


@settings(max_examples=300, deadline=None)
@given(LINE_TEXT)
def test_any_text_becomes_an_article_or_a_clear_error(text):
    try:
        article = parse_article(text, today=TODAY)
    except ArticleError as error:
        assert str(error)
        return
    assert article.title.strip()
    assert len(article.title) <= 300  # Article.title's max_length
    assert article.body == clean(article.body)  # stored bodies are already clean
    assert all(p.strip() for p in article.body.split("\n\n")) or article.body == ""
    if article.published:
        published = article.published
        assert article.body[published.start : published.end] == published.evidence


@settings(max_examples=200, deadline=None)
@given(LINE_TEXT)
def test_clean_is_idempotent(text):
    assert clean(clean(text)) == clean(text)


# --- the published date --------------------------------------------------------------------


def test_a_publication_line_above_the_headline_is_the_date_not_the_title():
    text = (
        "SENIN, 9 DESEMBER 2024 | 06:40 WIB\n\nKorut Uji Rudal Baru di Laut Timur\n\n"
        "JAKARTA - Korea Utara menguji rudal baru, Minggu (8/12), kata militer Korsel.\n"
    )

    article = parse_article(text, today=TODAY)

    assert (article.title, article.title_derived) == ("Korut Uji Rudal Baru di Laut Timur", False)
    assert (article.published.value, article.published.kind, article.published.latest) == (
        date(2024, 12, 9),
        "stated",
        None,
    )
    # The line stays in the body: the evidence is a span of it, as a claim's quote is.
    assert article.body.startswith("SENIN, 9 DESEMBER 2024 | 06:40 WIB\n\nJAKARTA")
    assert article.body[article.published.start : article.published.end] == (
        "SENIN, 9 DESEMBER 2024 | 06:40 WIB"
    )


def test_a_publication_line_under_the_headline_dates_the_article():
    text = (
        "Korut Uji Rudal Baru di Laut Timur\n\nSelasa, 10 Des 2024 07:15 WIB\n\n"
        "JAKARTA - Korea Utara menguji rudal baru, Minggu (8/12), kata militer Korsel.\n"
    )

    article = parse_article(text, today=TODAY)

    assert article.title == "Korut Uji Rudal Baru di Laut Timur"
    assert (article.published.value, article.published.evidence) == (
        date(2024, 12, 10),
        "Selasa, 10 Des 2024 07:15 WIB",
    )
