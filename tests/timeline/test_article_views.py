"""The article page (timeline.article_views): the article with its claims highlighted, the
editors' suggestions, where its date came from."""

import re
from datetime import date
from html import unescape
from html.parser import HTMLParser

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext

from tests.factories import (
    default_story,
    make_actor,
    make_article,
    make_claim,
    make_proposition,
    make_story,
)

pytestmark = pytest.mark.django_db


# --- The article page -----------------------------------------------------------------------

BODY = (
    "Korut membantah mengirim pasukan ke Rusia, kata juru bicara.\n\n"
    "AS mengatakan 10.000 tentara Korut telah tiba di Rusia pada Rabu (30/10)."
)


@pytest.fixture
def page():
    article = make_article(BODY, published_on=date(2024, 11, 4), title="Korut dan Rusia")
    korut = make_actor("North Korea", aliases=["Korut"])
    outer = make_claim(article, quote="Korut membantah mengirim pasukan ke Rusia", actor=korut)
    inner = make_claim(article, quote="mengirim pasukan", actor=korut, kind="other")
    overlapping = make_claim(
        article, quote="ke Rusia, kata juru bicara", actor=korut, kind="allegation"
    )
    draft = make_claim(
        article,
        quote="10.000 tentara Korut",
        actor=make_actor("USA", country="US"),
        kind="troop_count",
        number=10000,
        status="draft",
    )
    return article, {"outer": outer, "inner": inner, "overlapping": overlapping, "draft": draft}


def test_article_page_for_readers(client, page):
    article, claims = page
    response = client.get(article.get_absolute_url())
    html = response.content.decode()
    assert response.status_code == 200
    assert '<h1><span lang="id">Korut dan Rusia' in html  # the title, in its language
    assert 'class="provenance"' in html  # where the date came from
    assert '<p data-offset="0">' in html and f'<p data-offset="{BODY.index("AS")}">' in html
    for key in ("outer", "inner", "overlapping"):
        assert f'id="claim-{claims[key].pk}"' in html
    # No drafts, no edit controls, no selection script for readers.
    assert f'id="claim-{claims["draft"].pk}"' not in html
    assert "10.000 tentara Korut</mark>" not in html
    for editor_only in ("claim-panel", "/edit/", "annotate.js", "data-annotate", "Suggested"):
        assert editor_only not in html


class _BodyText(HTMLParser):
    """The text of some HTML, leaving out elements marked data-skip (as annotate.js does)."""

    def __init__(self):
        super().__init__()
        self.parts, self.skipping = [], 0

    def handle_starttag(self, tag, attrs):
        if self.skipping or "data-skip" in dict(attrs):
            self.skipping += 1

    def handle_endtag(self, tag):
        if self.skipping:
            self.skipping -= 1

    def handle_data(self, data):
        if not self.skipping:
            self.parts.append(data)


def body_text(html):
    parser = _BodyText()
    parser.feed(html)
    return "".join(parser.parts)


def test_overlapping_and_nested_claims_render_as_well_formed_nested_marks(client, page):
    article, claims = page
    html = client.get(article.get_absolute_url()).content.decode()
    first = re.search(r'<p data-offset="0">(.*?)</p>', html, re.S).group(1)
    assert first.count("<mark") == first.count("</mark>")
    # Without the details shown on focus, the text is exactly the paragraph's (as annotate.js
    # counts it).
    assert body_text(first) == BODY.split("\n\n")[0]
    # "mengirim pasukan" sits inside the outer claim's mark; "ke Rusia" in two claims.
    assert re.search(
        rf'<mark class="claim kind-denial depth-1" data-claim="{claims["outer"].pk}"[^>]*>'
        rf'<mark class="claim kind-other depth-2" data-claim="{claims["inner"].pk}"[^>]*'
        rf'id="claim-{claims["inner"].pk}"',
        first,
    )
    assert re.search(
        rf'data-claim="{claims["outer"].pk}"[^>]*><mark class="claim kind-allegation depth-2" '
        rf'data-claim="{claims["overlapping"].pk}"[^>]*id="claim-{claims["overlapping"].pk}"'
        rf"[^>]*>.*?ke Rusia</mark></mark>",
        first,
    )


def test_highlights_are_focusable_and_say_who_what_and_when(client, page):
    article, claims = page
    html = client.get(article.get_absolute_url()).content.decode()
    pk = claims["outer"].pk
    mark = re.search(rf'<mark [^>]*id="claim-{pk}"[^>]*>', html).group(0)
    assert 'tabindex="0"' in mark
    assert f'aria-describedby="claim-{pk}-tip"' in mark
    assert 'title="North Korea · Denial · 4 Nov 2024"' in mark
    tip = re.search(
        rf'<span class="claim-tip" id="claim-{pk}-tip" role="tooltip".*?</a></span>', html
    ).group(0)
    assert "North Korea" in tip and "Denial" in tip and "4 Nov 2024" in tip


def test_article_page_for_editors(editor_client, page):
    article, claims = page
    html = editor_client.get(article.get_absolute_url()).content.decode()
    draft = claims["draft"].pk
    assert re.search(
        rf'<mark class="claim kind-troop_count depth-1 draft"[^>]*id="claim-{draft}"', html
    )
    assert f'hx-get="/claims/{draft}/edit/"' in html  # a click opens the claim
    assert f'href="/claims/{draft}/edit/"' in html  # and the same without JavaScript
    assert 'id="claim-panel"' in html
    assert "data-annotate" in html and "js/annotate.js" in html
    story = article.stories.get()
    assert "Tagging claims for the story" in html and f'href="/stories/{story.slug}/"' in html
    # the paste form, for the same story
    assert f'href="/claims/new/?article={article.slug}&amp;story={story.slug}"' in html
    assert f'<input type="hidden" name="story" value="{story.slug}">' in html  # a selection


def test_no_inline_scripts_styles_or_handlers(editor_client, page):
    article, _ = page
    html = editor_client.get(article.get_absolute_url()).content.decode()
    assert "style=" not in html
    assert re.search(r"<script(?![^>]*\bsrc=)", html) is None
    assert re.search(r"\son[a-z]+=", html) is None


def many_claims(n):
    """An article with `n` claims by actors two affiliations deep; each call makes its own
    actors (actor names are unique)."""
    words = " ".join(f"kata{i} pejabat{i} membantah{i}." for i in range(20))
    article = make_article(words, published_on=date(2024, 11, 4))
    government = make_actor(f"United States {n}", country="US")
    pentagon = make_actor(f"Pentagon {n}", country="", affiliation=government)
    via = make_actor(f"KCNA {n}", country="KP")
    for i in range(n):
        actor = make_actor(f"Pejabat {n}.{i}", country="", affiliation=pentagon)
        make_claim(
            article,
            quote=f"pejabat{i} membantah{i}",
            actor=actor,
            via=via,
            status="draft" if i % 2 else "reviewed",
        )
    return article


def queries(client, url):
    with CaptureQueriesContext(connection) as context:
        assert client.get(url).status_code == 200
    return len(context)


@pytest.mark.parametrize("who", ["anonymous", "editor"])
def test_article_page_queries_do_not_grow_with_claims(
    client, editor, who, django_assert_max_num_queries
):
    if who == "editor":
        client.force_login(editor)
    one = many_claims(1).get_absolute_url()
    twenty = many_claims(20).get_absolute_url()
    budget = queries(client, one)
    with django_assert_max_num_queries(budget):
        html = client.get(twenty).content.decode()
    assert html.count('tabindex="0"') == (20 if who == "editor" else 10)


def test_suggestions_open_a_prefilled_form_and_save_on_one_more_click(editor_client):
    article = make_article(BODY, published_on=date(2024, 11, 4))
    default_story().articles.add(article)
    korut = make_actor("North Korea", aliases=["Korut"])
    html = editor_client.get(article.get_absolute_url()).content.decode()
    assert "Suggested claims" in html
    suggestions = re.findall(r'<li class="suggestion">.*?</li>', html, re.S)
    assert suggestions  # "membantah" and "10.000 tentara" are there to be found
    made = 0
    for suggestion in suggestions:
        fields = dict(re.findall(r'name="([a-z_]+)" value="([^"]*)"', suggestion))
        assert "csrfmiddlewaretoken" not in fields  # opening the form writes nothing
        assert fields["status"] == "draft"
        assert BODY[int(fields["start"]) : int(fields["end"])] == unescape(fields["quote"])
        fields["quote"] = unescape(fields["quote"])
        opened = editor_client.get("/claims/new/", fields)
        assert opened.status_code == 200 and "New claim" in opened.content.decode()
        assert f'<option value="{fields["kind"]}" selected>' in opened.content.decode()
        assert len(article.claims.all()) == made  # the guess is shown, not saved
        response = editor_client.post("/claims/new/", fields)
        if fields["actor"]:
            assert response.status_code == 302
            made += 1
        else:  # no actor found: the form comes back asking for one, the rest filled in
            assert "Pick who makes this claim" in response.content.decode()
    claims = list(article.claims.all())
    assert len(claims) == made >= 1
    assert all(c.status == "draft" for c in claims)
    assert any(c.actor == korut and c.kind == "denial" for c in claims)
    html = editor_client.get(article.get_absolute_url()).content.decode()
    assert len(re.findall(r'<li class="suggestion">', html)) == len(suggestions) - made


def test_suggestions_come_a_page_at_a_time(editor_client):
    from timeline.management.commands.benchmark import large_article_text

    make_actor("North Korea", aliases=["Korut"])
    article = make_article(large_article_text(8_000), published_on=date(2024, 10, 30))
    story = default_story()
    story.articles.add(article)
    url = article.get_absolute_url()

    def shown(html):  # (start, end, kind) of each suggestion listed
        return re.findall(
            r'<li class="suggestion">.*?name="start" value="(\d+)">\s*'
            r'<input type="hidden" name="end" value="(\d+)">.*?name="kind" value="(\w+)"',
            html,
            re.S,
        )

    first = editor_client.get(url).content.decode()
    total = int(re.search(r"Showing 1–50 of (\d+)\.", first)[1])
    assert 100 < total <= 150 and f"({total - 50} more)" in first
    assert 'rel="prev"' not in first
    assert f'href="{url}?story={story.slug}&amp;suggestions=2#suggestions" rel="next"' in first
    second = editor_client.get(url, {"suggestions": 2}).content.decode()
    assert f"Showing 51–100 of {total}." in second and 'rel="prev"' in second
    third = editor_client.get(url, {"suggestions": 3}).content.decode()
    assert f"Showing 101–{total} of {total}." in third and 'rel="next"' not in third
    pages = [shown(html) for html in (first, second, third)]
    assert [len(p) for p in pages] == [50, 50, total - 100]
    listed = [(int(start), int(end), kind) for p in pages for start, end, kind in p]
    assert listed == sorted(listed) and len(set(listed)) == total  # in text order, each once
    assert "North Korea" in second  # each page has its actors worked out
    # Paging with htmx swaps the list only; a page number that is no page shows one.
    partial = editor_client.get(url, {"suggestions": 2}, headers={"HX-Request": "true"})
    assert partial.status_code == 200
    html = partial.content.decode()
    assert shown(html) == pages[1] and "<html" not in html and 'id="article-body"' not in html
    assert partial["Vary"] and "HX-Request" in partial["Vary"]
    assert shown(editor_client.get(url, {"suggestions": "x"}).content.decode()) == pages[0]
    assert shown(editor_client.get(url, {"suggestions": 999}).content.decode()) == pages[2]


def test_readers_get_no_suggestions_whatever_they_ask(client):
    article = make_article(BODY)
    response = client.get(article.get_absolute_url(), {"suggestions": 2}, HTTP_HX_REQUEST="true")
    assert response.status_code == 200
    html = response.content.decode()
    assert "Suggested claims" not in html and 'id="article-body"' in html


# --- The story an editor tags for ----------------------------------------------------------


def test_an_article_in_several_stories_is_tagged_for_the_one_asked_else_the_first(editor_client):
    article = make_article(BODY, published_on=date(2024, 11, 4))
    first, second = make_story("Pasukan di Rusia"), make_story("Senjata untuk Rusia")
    for story in (second, first):
        story.articles.add(article)
    url = article.get_absolute_url()
    html = re.sub(r"\s+", " ", editor_client.get(url).content.decode())
    assert f'Tagging claims for the story <a href="/stories/{first.slug}/"' in html
    assert f'<input type="hidden" name="story" value="{first.slug}">' in html
    assert f'<a href="{url}?story={second.slug}">Senjata untuk Rusia</a>' in html
    assert '<strong aria-current="true">Pasukan di Rusia</strong>' in html
    html = editor_client.get(url, {"story": second.slug}).content.decode()
    assert f'<input type="hidden" name="story" value="{second.slug}">' in html
    assert editor_client.get(url, {"story": make_story("Lain").slug}).status_code == 404


def test_an_article_in_no_story_tells_editors_to_add_it_to_one(editor_client):
    article = make_article(BODY, published_on=date(2024, 11, 4))
    html = editor_client.get(article.get_absolute_url()).content.decode()
    assert "This article is in no story yet" in html
    assert '<a href="/">add it to a story first</a>' in html
    # Nothing to tag with: no selection, no panel, no form from a suggestion.
    for tagging in ("data-annotate", 'id="claim-panel"', "Check and make a claim"):
        assert tagging not in html
    assert "Suggested claims" in html  # what the rules found is still listed
    assert "no story" not in Client().get(article.get_absolute_url()).content.decode()


def test_readers_read_every_claim_whatever_story_is_asked(client, page):
    article, claims = page
    response = client.get(article.get_absolute_url(), {"story": "no-such-story"})
    assert response.status_code == 200
    assert f'id="claim-{claims["outer"].pk}"' in response.content.decode()
    assert "Tagging claims" not in response.content.decode()


def test_suggestions_say_what_they_are_about_when_the_rules_can_tell(editor_client):
    article = make_article(BODY, published_on=date(2024, 11, 4))
    story = make_story("Pasukan di Rusia")
    story.articles.add(article)
    make_proposition(story, "Pasukan Korut ada di Rusia", cues=["pasukan", "tentara"])
    html = re.sub(r"\s+", " ", editor_client.get(article.get_absolute_url()).content.decode())
    assert "Suggested: disputes “Pasukan Korut ada di Rusia”</p>" in html  # the denial
    assert "Suggested: supports “Pasukan Korut ada di Rusia” · total</p>" in html  # the count


# --- Where the date came from ---------------------------------------------------------------


def provenance(html: str) -> str:
    """The page's date line in the provenance list, as a reader reads it."""
    (text,) = re.findall(r'<dd class="date-provenance">(.*?)</dd>', html, re.S)
    return " ".join(unescape(re.sub(r"<[^>]+>", "", text)).split())


def test_an_article_dated_by_an_event_shows_the_range_and_where_it_came_from(client):
    article = make_article(
        published_on=date(2024, 10, 30),
        published_latest=date(2024, 11, 1),
        published_evidence="Rabu (30/10)",
        published_source="inferred",
    )

    html = client.get(article.get_absolute_url()).content.decode()

    assert provenance(html) == (
        "30 Oct – 1 Nov 2024, inferred from an event the article reports, “Rabu (30/10)”: "
        "it appeared on 30 Oct 2024 at the earliest and 1 Nov 2024 at the latest; the text "
        "does not say which day"
    )
    assert '<time datetime="2024-10-30">30 Oct</time> – <time datetime="2024-11-01">1 Nov 2024' in (
        html
    )
    assert "The text gives no date of its own" not in html
    listing = client.get("/articles/").content.decode()
    assert "30 Oct</time> – <time" in listing and "1 Nov 2024</time>" in listing


def test_an_article_with_a_stated_date_shows_the_line_it_was_stated_in(client):
    article = make_article(
        published_on=date(2024, 10, 31),
        published_evidence="Kamis, 31 Oktober 2024 | 09:12 WIB",
        published_source="stated",
    )

    html = client.get(article.get_absolute_url()).content.decode()

    assert provenance(html) == (
        "31 Oct 2024, stated in the text: “Kamis, 31 Oktober 2024 | 09:12 WIB”"
    )


def test_an_article_dated_by_kemarin_is_one_day_inferred_from_its_phrase(client):
    article = make_article(
        published_on=date(2024, 11, 6),
        published_evidence="Selasa (5/11/2024) kemarin",
        published_source="inferred",
    )

    html = client.get(article.get_absolute_url()).content.decode()

    assert (
        provenance(html) == "6 Nov 2024, inferred from the text, from “Selasa (5/11/2024) kemarin”"
    )


def test_a_claims_page_shows_its_articles_range(client):
    article = make_article(
        "Korut membantah mengirim pasukan ke Rusia, kata juru bicara.",
        published_on=date(2024, 12, 30),
        published_latest=date(2025, 1, 1),
    )
    claim = make_claim(article, quote="Korut membantah mengirim pasukan")

    html = client.get(claim.get_absolute_url()).content.decode()

    assert "30 Dec 2024</time> – <time" in html and "1 Jan 2025</time>" in html
