"""The page of a large article stays bounded: a 1 MB text, or one line of 200,000 characters
without a sentence break, answers with the whole text, one page of suggestions and how many
more there are, in a page not much bigger than the text and a fixed number of queries.

How fast it is, is a figure to read (`manage.py benchmark`), not a test."""

import re
from datetime import date

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from tests.factories import make_actor, make_article
from timeline.article_page import SUGGESTIONS_PER_PAGE
from timeline.management.commands.benchmark import large_article_text
from timeline.suggest import MAX_SENTENCE_CHARS

pytestmark = pytest.mark.django_db

MB = 1_000_000


@pytest.fixture(scope="module")
def one_mb_text():
    return large_article_text(MB)


@pytest.fixture
def actors():
    north = make_actor("North Korea", aliases=["Korut", "Pyongyang"])
    make_actor("Ukraine", country="UA", aliases=["Kyiv"])
    make_actor("Pentagon", country="US")
    return north


def queries(client, url) -> int:
    with CaptureQueriesContext(connection) as context:
        assert client.get(url).status_code == 200
    return len(context)


def suggestions_in(html: str) -> list[str]:
    return re.findall(r'<li class="suggestion">.*?</li>', html, re.S)


def test_the_generated_text_is_what_the_test_means(one_mb_text):
    assert len(one_mb_text) == MB
    assert "membantah" in one_mb_text and "mengonfirmasi" in one_mb_text
    assert re.search(r"\((\d{1,2})/(\d{1,2})\)", one_mb_text)  # "Rabu (30/10)"
    line = large_article_text(200_000, one_line=True)
    assert len(line) == 200_000 and "\n" not in line and ". " not in line


def test_editor_page_of_a_1_mb_article(
    editor_client, actors, one_mb_text, django_assert_max_num_queries
):
    small = make_article("Korut membantah mengirim pasukan ke Rusia.")
    budget = queries(editor_client, small.get_absolute_url())
    article = make_article(one_mb_text, published_on=date(2024, 10, 30))
    with django_assert_max_num_queries(budget):
        response = editor_client.get(article.get_absolute_url())
    assert response.status_code == 200
    html = response.content.decode()
    # One page of suggestions, and the page says how many there are in all.
    shown = suggestions_in(html)
    assert len(shown) == SUGGESTIONS_PER_PAGE
    total = int(re.search(r"Showing 1–50 of ([\d,]+)\.", html)[1].replace(",", ""))
    assert total > 10_000  # every sentence of the text has a count and a stance
    assert f"({total - SUGGESTIONS_PER_PAGE:,} more)" in html
    assert f'href="{article.get_absolute_url()}?suggestions=2#suggestions"' in html
    assert any("North Korea" in s for s in shown)  # actors and dates are worked out
    # The whole text is there, and little else: the page is not much bigger than the text.
    assert one_mb_text[-60:].rsplit(" ", 1)[0] in html
    assert len(response.content) < 1.5 * len(one_mb_text.encode())


def test_reader_page_of_a_1_mb_article(client, one_mb_text, django_assert_max_num_queries):
    small = make_article("Korut membantah mengirim pasukan ke Rusia.")
    budget = queries(client, small.get_absolute_url())
    article = make_article(one_mb_text)
    with django_assert_max_num_queries(budget):
        response = client.get(article.get_absolute_url())
    html = response.content.decode()
    assert response.status_code == 200
    assert "Suggested claims" not in html
    assert one_mb_text[:80] in html
    assert len(response.content) < 1.2 * len(one_mb_text.encode())


def test_editor_page_of_one_line_of_200_000_characters(editor_client, actors):
    line = large_article_text(200_000, one_line=True)
    article = make_article(line)
    response = editor_client.get(article.get_absolute_url())
    assert response.status_code == 200
    html = response.content.decode()
    # The rules do not read a "sentence" that long; the page says so instead of quoting
    # all of it in every suggestion.
    assert suggestions_in(html) == []
    note = " ".join(re.search(r'<p class="meta" role="note">(.*?)</p>', html, re.S)[1].split())
    assert note.startswith(f"1 sentence longer than {MAX_SENTENCE_CHARS:,} characters is not read")
    assert line[:100] in html and line[-40:] in html
    assert len(response.content) < 1.5 * len(line.encode())


def test_a_claim_in_a_1_mb_article_is_highlighted_and_its_suggestions_left_out(
    editor_client, actors, one_mb_text
):
    from tests.factories import make_claim

    article = make_article(one_mb_text, published_on=date(2024, 10, 30))
    html = editor_client.get(article.get_absolute_url()).content.decode()
    total = int(re.search(r"Showing 1–50 of ([\d,]+)\.", html)[1].replace(",", ""))
    # The last sentence of the text, tagged: it is drawn, and not suggested any more.
    last = one_mb_text[one_mb_text.rindex(". ") + 2 :]
    claim = make_claim(article, quote=last, actor=actors, kind="troop_count", number=1)
    html = editor_client.get(article.get_absolute_url()).content.decode()
    assert f'id="claim-{claim.pk}"' in html
    after = int(re.search(r"Showing 1–50 of ([\d,]+)\.", html)[1].replace(",", ""))
    assert 1 <= total - after <= 2  # its count and its stance (both quote the sentence)
