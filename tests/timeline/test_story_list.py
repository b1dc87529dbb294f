"""/ lists the stories: readers the published ones, each with its dek, the claims they see
and when it last changed; editors also the drafts, marked, with their editor pages."""

import re

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from tests.factories import make_article, make_claim, make_story

pytestmark = pytest.mark.django_db

HOME = reverse("timeline:stories")


def cards(html: str) -> list[str]:
    return re.findall(
        r'<li class="story-card">(.*?)</li>\s*(?=<li class="story-card">|</ul>)', html, re.S
    )


def test_readers_see_published_stories_with_dek_and_the_claims_they_see(client):
    story = make_story("Banjir di Sigi", dek="Siapa memperingatkan, siapa membantah.")
    make_story("Rapat rahasia", published=False)
    article = make_article("Bupati membantah banjir akan datang, kata warga.")
    story.articles.add(article)
    make_claim(article, story=story, quote="Bupati membantah banjir akan datang")
    make_claim(article, story=story, quote="kata warga", status="draft")

    html = client.get(HOME).content.decode()

    assert [c.count("Banjir di Sigi") for c in cards(html)] == [1]
    assert "Siapa memperingatkan, siapa membantah." in html
    assert "1 claim ·" in re.sub(r"\s+", " ", html)  # the draft is not counted for readers
    assert "Rapat rahasia" not in html
    assert 'lang="id"' in html
    assert reverse("timeline:story-edit", args=[story.slug]) not in html
    assert reverse("timeline:story-create") not in html


def test_editors_also_see_drafts_marked_and_links_to_their_pages(editor_client):
    published = make_story("Banjir di Sigi")
    draft = make_story("Rapat rahasia", published=False)

    html = editor_client.get(HOME).content.decode()

    by_title = {("Rapat" in c): c for c in cards(html)}
    assert "draft" in by_title[True] and "draft" not in by_title[False]
    for story in (published, draft):
        for name in ("story-edit", "story-articles", "story-review"):
            assert reverse(f"timeline:{name}", args=[story.slug]) in html
    assert reverse("timeline:story-create") in html


def test_the_story_last_changed_comes_first():
    older = make_story("Older story")
    newer = make_story("Newer story")
    html = Client().get(HOME).content.decode()
    assert html.index(newer.title) < html.index(older.title)
    older.title = "Older story, edited"
    older.save()
    html = Client().get(HOME).content.decode()
    assert html.index(older.title) < html.index(newer.title)


def test_titles_and_deks_are_escaped(client):
    make_story("<script>alert(1)</script>", dek="<b>bold</b>")
    html = client.get(HOME).content.decode()
    assert "<script>alert(1)" not in html and "&lt;script&gt;alert(1)" in html
    assert "<b>bold</b>" not in html


@pytest.mark.parametrize("who", ["reader", "editor"])
def test_one_query_lists_them_however_many_stories(who, request):
    client = Client()
    if who == "editor":
        client = request.getfixturevalue("editor_client")

    def queries_for_the_list() -> int:
        with CaptureQueriesContext(connection) as captured:
            response = client.get(HOME)
        assert response.status_code == 200
        return len([q for q in captured.captured_queries if "timeline_story" in q["sql"]])

    article = make_article()
    first = make_story("Story 1")
    first.articles.add(article)
    make_claim(article, story=first)
    one = queries_for_the_list()
    for n in range(2, 6):
        story = make_story(f"Story {n}", published=n % 2 == 0)
        story.articles.add(article)
        make_claim(article, story=story, quote=article.body.split(",")[1].strip())
    five = queries_for_the_list()

    assert one == five == 1


@pytest.mark.parametrize("who", ["reader", "editor"])
def test_the_whole_page_makes_the_same_queries_at_1_and_5_stories(
    who, request, django_assert_num_queries
):
    client = Client() if who == "reader" else request.getfixturevalue("editor_client")
    make_story("Story 1")
    with CaptureQueriesContext(connection) as one:
        client.get(HOME)
    for n in range(2, 6):
        make_story(f"Story {n}", published=n % 2 == 0)
    with django_assert_num_queries(len(one)):
        html = client.get(HOME).content.decode()
    assert len(cards(html)) == (5 if who == "editor" else 3)


def test_each_reader_reads_the_stories_in_their_language_where_the_story_has_it():
    make_story("Banjir di Sigi", title_en="Floods in Sigi", dek="Siapa memperingatkan.",
               dek_en="Who warned whom.", language="id")  # fmt: skip
    make_story("Harbour strike", language="en", dek="Who called it off.")

    english = Client().get(HOME).content.decode()
    indonesian = Client(headers={"Accept-Language": "id"}).get(HOME).content.decode()

    assert 'lang="en">Floods in Sigi</a>' in english and "Banjir di Sigi" not in english
    assert '<p lang="en">Who warned whom.</p>' in english
    assert 'lang="id">Banjir di Sigi</a>' in indonesian and "Floods in Sigi" not in indonesian
    assert '<p lang="id">Siapa memperingatkan.</p>' in indonesian
    # A story written in English, with no Indonesian version: English, and marked so.
    for html in (english, indonesian):
        assert 'lang="en">Harbour strike</a>' in html
        assert '<p lang="en">Who called it off.</p>' in html
