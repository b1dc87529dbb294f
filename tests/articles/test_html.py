"""A saved web page is an article: its text, title, site and publication date from its
markup and metadata; navigation, scripts, "Baca juga" boxes and footers dropped; the raw
page kept. The pages are our own, in the shape outlets' pages have."""

from contextlib import suppress
from datetime import date
from io import StringIO

import pytest
from django.core.management import CommandError, call_command

from articles.html import looks_like_html
from articles.ingest import ArticleError, parse_article
from articles.models import Article, Outlet

TODAY = date(2025, 6, 30)

PARAGRAPHS = [
    "DEMAK, KOMPAS.com - Ratusan warga Desa Sidomulyo menanam sepuluh ribu bibit bakau di "
    "pesisir utara untuk menahan abrasi yang terus menggerus tambak mereka.",
    "Kepala desa mengatakan penanaman itu dilakukan bersama pelajar dan nelayan setempat, dan "
    "akan dilanjutkan bulan depan di dua dusun lain.",
    "“Kalau bakau tumbuh, ombak tidak langsung menghantam tanggul,” kata seorang nelayan yang "
    "ikut menanam sejak pagi.",
]


def page(
    *,
    head_meta='<meta property="article:published_time" content="2024-11-01T06:15:00+07:00">',
    json_ld="",
    site='<meta property="og:site_name" content="Kompas.com">',
    paragraphs=PARAGRAPHS,
    doctype="<!DOCTYPE html>",
    title="Warga Menanam Bakau di Pesisir Demak - Kompas.com",
):
    body = "\n".join(f"<p>{p}</p>" for p in paragraphs[:2])
    rest = "\n".join(f"<p>{p}</p>" for p in paragraphs[2:])
    return f"""{doctype}
<html lang="id">
<head>
<meta charset="utf-8">
<title>{title}</title>
<meta property="og:title" content="Warga Menanam Bakau di Pesisir Demak">
{site}
{head_meta}
{json_ld}
<script>var tanggal = "Rabu (30/10)"; var iklan = "Baca juga: promo";</script>
<style>.nav {{ color: red }}</style>
</head>
<body>
<nav><ul><li><a href="/">Beranda</a></li><li><a href="/regional">Regional</a></li>
<li><a href="/tren">Tren Hari Ini</a></li></ul></nav>
<main><article>
<h1>Warga Menanam Bakau di Pesisir Demak</h1>
<div class="read__credit">Penulis: Siti Aminah | Editor: Budi Santoso</div>
<div class="read__content">
{body}
<div class="baca-juga"><strong>Baca juga:</strong>
<a href="/x">Abrasi Ancam Tambak di Pantura</a></div>
<p>Baca juga: Nelayan Demak Keluhkan Harga Solar</p>
{rest}
</div>
</article></main>
<aside><h3>Terpopuler</h3><ol><li><a href="/a">Harga cabai naik lagi</a></li>
<li><a href="/b">Jalan tol baru dibuka</a></li></ol></aside>
<footer><p>Copyright 2024 Kompas.com. All rights reserved.</p><p>Pedoman Media Siber</p></footer>
</body>
</html>
"""


def test_a_page_becomes_its_article():
    html = page()
    article = parse_article(html, today=TODAY)

    assert article.is_html
    assert article.title == "Warga Menanam Bakau di Pesisir Demak"
    assert article.title_derived is False
    assert article.body == "\n\n".join(PARAGRAPHS)  # the text only, one paragraph per line
    assert article.raw == html  # the page itself is kept
    assert article.outlet == "Kompas.com"  # og:site_name
    assert article.language == "id"
    published = article.published
    assert (published.value, published.precision) == (date(2024, 11, 1), "day")
    assert published.evidence == "meta article:published_time 2024-11-01T06:15:00+07:00"


@pytest.mark.parametrize(
    "furniture",
    [
        "Beranda",  # navigation
        "Terpopuler",
        "Harga cabai naik lagi",  # the sidebar
        "Baca juga",  # read-also boxes and lines
        "Abrasi Ancam Tambak",
        "Copyright",  # the footer
        "Pedoman Media Siber",
        "var tanggal",  # scripts and styles
        "color: red",
        "<",
    ],
)
def test_a_page_loses_its_furniture(furniture):
    assert furniture not in parse_article(page(), today=TODAY).body


def test_the_date_in_a_script_is_no_date():
    # No metadata date: the text gives none either (the script's "Rabu (30/10)" is no text).
    article = parse_article(page(head_meta=""), today=TODAY)
    assert article.published is None


def test_json_ld_date_published_is_a_stated_day():
    json_ld = """<script type="application/ld+json">{"@context": "https://schema.org",
      "@graph": [{"@type": "WebPage"}, {"@type": "NewsArticle",
      "datePublished": "2024-10-31T21:40:00+07:00", "headline": "Bakau"}]}</script>"""
    article = parse_article(page(head_meta="", json_ld=json_ld), today=TODAY)
    assert (article.published.value, article.published.precision) == (date(2024, 10, 31), "day")
    assert article.published.evidence.startswith("JSON-LD datePublished")


def test_a_broken_json_ld_block_or_an_impossible_date_says_nothing():
    article = parse_article(
        page(
            head_meta='<meta property="article:published_time" content="2024-13-45">',
            json_ld='<script type="application/ld+json">{"datePublished": </script>',
        ),
        today=TODAY,
    )
    assert article.published is None


def test_a_page_far_in_the_future_is_no_stated_date():
    future = '<meta property="article:published_time" content="9999-12-31T00:00:00Z">'
    assert parse_article(page(head_meta=future), today=TODAY).published is None


def test_without_a_site_name_the_pages_title_or_dateline_names_the_outlet():
    assert parse_article(page(site=""), today=TODAY).outlet == "Kompas.com"  # "... - Kompas.com"
    bare = page(site="", title="Warga Menanam Bakau")
    assert parse_article(bare, today=TODAY).outlet == "KOMPAS.com"  # "DEMAK, KOMPAS.com - "


@pytest.mark.parametrize(
    ("text", "is_html"),
    [
        (page(), True),
        (page(doctype=""), True),  # <html ...> first
        ("\ufeff  <!-- saved -->\n<!doctype html><html><body><p>x</p></body></html>", True),
        ("<head><title>x</title></head><body><p>x</p></body>", True),
        ("Judul\n\nTeks <b>tebal</b> dan <html> disebut di kalimat.", False),
        ("Korut <3 Rusia", False),
    ],
)
def test_a_text_that_is_really_html_is_known(text, is_html):
    assert looks_like_html(text.removeprefix("\ufeff")) is is_html


def test_a_page_without_an_article_is_a_clear_error():
    with pytest.raises(ArticleError, match="no article text in the page"):
        parse_article("<!DOCTYPE html><html><head><title>x</title></head><body></body></html>")


# --- loading pages ----------------------------------------------------------------------------


def load(*paths):
    out = StringIO()
    with suppress(CommandError):  # a failed file: the report says why
        call_command("load_articles", *map(str, paths), stdout=out)
    return out.getvalue()


@pytest.mark.django_db
def test_a_folder_loads_its_pages_and_a_txt_that_is_html(tmp_path):
    (tmp_path / "bakau.html").write_text(page(), encoding="utf-8")
    (tmp_path / "bakau2.HTM").write_text(page().replace("sepuluh", "dua puluh"), encoding="utf-8")
    (tmp_path / "saved.txt").write_text(page().replace("sepuluh", "lima"), encoding="utf-8")
    (tmp_path / "notes.md").write_text("not an article", encoding="utf-8")

    output = load(tmp_path)

    assert "3 created, 0 updated, 0 unchanged, 0 failed" in output
    for article in Article.objects.select_related("outlet"):
        assert article.title == "Warga Menanam Bakau di Pesisir Demak"
        assert article.outlet == Outlet.objects.get(name="Kompas.com")  # the registry's
        assert (article.published_on, article.published_precision) == (date(2024, 11, 1), "day")
        assert article.published_evidence.startswith("meta article:published_time")
        assert article.raw.startswith("<!DOCTYPE html>")
        assert "<" not in article.body and "Beranda" not in article.body


@pytest.mark.django_db
def test_a_page_without_an_article_fails_with_its_reason(tmp_path):
    (tmp_path / "empty.html").write_text("<html><body><nav>Beranda</nav></body></html>")
    output = load(tmp_path)
    assert "failed     " in output and "no article text in the page" in output
    assert not Article.objects.exists()


@pytest.mark.django_db
def test_a_reloaded_page_keeps_an_editors_corrections(tmp_path):
    path = tmp_path / "bakau.html"
    path.write_text(page(), encoding="utf-8")
    load(path)
    Article.objects.update(title="Bakau untuk Demak")
    path.write_text(page().replace("sepuluh", "dua belas"), encoding="utf-8")

    assert "1 updated" in load(path)
    article = Article.objects.get()
    assert article.title == "Bakau untuk Demak"
    assert "dua belas ribu" in article.body
