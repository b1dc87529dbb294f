"""A story's page or export makes the same number of queries with 1 claim as with 500, and
with one story as with five, when it is drawn afresh (a reader's page served from the cache
makes one: test_page_cache); the story box is as long at 500 claims as at 50."""

import re
from datetime import date, timedelta

import pytest
from django.core.cache import cache
from django.test import Client

from tests.factories import default_story, make_actor, make_article, make_outlet, make_story
from timeline import timeline_page
from timeline.models import Actor, Claim, Proposition
from timeline.vocabulary import KIND_STANCES

pytestmark = pytest.mark.django_db

KINDS = ["denial", "confirmation", "troop_count", "allegation", "combat_report", "other"]
# The most any of these may make: the same bound at 1 and at 500 claims.
MAX_QUERIES = {"reader": 12, "editor": 16}
URLS = [
    "",
    "?side=US&kind=troop_count&from=2024-01-01&outlet=kabar-test&q=a",
    "?proposition=troops&actor=united-states&side=US&kind=troop_count&stance=supports"
    "&from=2024-01-01&to=2026-01-01&article=artikel-0-0&outlet=kabar-test&status=reviewed&q=a",
    "?proposition=arms",
    "?actor=united-states&page=2",
    "export.csv",
    "export.csv?actor=united-states&side=US",
    "export.json",
    "export/timelinejs.json",
]


def propositions(story):
    """The story's two propositions: troops (the lead, a quantity) and arms."""
    troops, _ = Proposition.objects.get_or_create(
        story=story,
        slug="troops",
        defaults={"statement": "Pasukan Korut di Rusia", "parties": ["KP", "RU"],
                  "is_quantity": True, "is_lead": True},
    )  # fmt: skip
    arms, _ = Proposition.objects.get_or_create(
        story=story,
        slug="arms",
        defaults={"statement": "Korut memasok senjata", "parties": ["KP", "RU"], "order": 1},
    )
    return troops, arms


def make_claims(n: int, start: int = 0, story=None, actors: int = 0) -> None:
    """`n` claims of `story` (the default test story) by actors of every side (through
    affiliations too; `actors` more of them, if asked), of every kind, at every precision,
    over two years, on its two propositions and on none, with a stance, a few drafts and
    undated ones among them, totals and parts among the troop counts."""
    story = story or default_story()
    outlet = make_outlet("Kabar Test")
    if not Actor.objects.filter(slug="united-states").exists():
        us = make_actor("United States", country="US", slug="united-states")
        make_actor("US Department of Defense", country="", affiliation=us)
        for name, code in [("North Korea", "KP"), ("Russia", "RU"), ("Ukraine", "UA"), ("G7", "")]:
            make_actor(name, country=code)
    for i in range(actors):
        make_actor(f"Actor {start}-{i}", country=["KP", "RU", "UA", "US", "KR", "JP", ""][i % 7])
    everyone = list(Actor.objects.order_by("pk"))
    on = [*propositions(story), None]
    articles = [
        make_article(
            f"Artikel {i}, kata pejabat itu.",
            outlet=outlet,
            title="Artikel",
            slug=f"artikel-{story.pk}-{start}-{i}" if i or start or story.slug != "test-story"
            else "artikel-0-0",
        )
        for i in range(1 + n // 50)
    ]  # fmt: skip
    story.articles.add(*articles)
    precisions = ["day", "day", "week", "month", "year"]

    def claim(i):
        kind = KINDS[i % len(KINDS)]
        proposition = on[(i // len(KINDS)) % len(on)]  # every kind on each
        count = kind == "troop_count"
        return Claim(
            story=story,
            article=articles[i % len(articles)],
            start=0,
            end=7,
            quote="Artikel",
            actor=everyone[i % len(everyone)],
            kind=kind,
            proposition=proposition,
            stance=KIND_STANCES.get(kind, "neither") if proposition else "",
            number=1000 + 37 * i if count else None,
            number_role=("part" if i % 4 == 0 else "total") if count else "",
            stated_on=None if i % 41 == 40 else date(2024, 1, 1) + timedelta(days=(i * 7) % 700),
            stated_precision=precisions[i % len(precisions)],
            status="draft" if i % 13 == 12 else "reviewed",
        )

    Claim.objects.bulk_create(claim(i) for i in range(start, start + n))


def count_queries(client, url, django_assert_max_num_queries, limit, story=None) -> int:
    """The queries of the page at `url` drawn afresh: nothing is kept from before
    (timeline.cache; test_page_cache counts the pages served from it)."""
    story = story or default_story()
    cache.clear()
    with django_assert_max_num_queries(limit) as captured:
        response = client.get(f"{story.get_absolute_url()}{url}")
        assert response.status_code == 200, response.content[:500]
        if response.streaming:
            content = b"".join(response.streaming_content)
            assert content
    return len(captured)


@pytest.mark.parametrize("size", [1, 500])
@pytest.mark.parametrize("url", URLS)
def test_reader_queries_do_not_grow_with_the_claims(
    client, url, size, django_assert_max_num_queries
):
    make_claims(size)
    count_queries(client, url, django_assert_max_num_queries, MAX_QUERIES["reader"])


@pytest.mark.parametrize("size", [1, 500])
@pytest.mark.parametrize("url", URLS)
def test_editor_queries_do_not_grow_with_the_claims(
    editor_client, url, size, django_assert_max_num_queries
):
    make_claims(size)
    count_queries(editor_client, url, django_assert_max_num_queries, MAX_QUERIES["editor"])


@pytest.mark.parametrize("url", URLS)
def test_five_times_the_claims_make_exactly_as_many_queries(url, django_assert_max_num_queries):
    """Not just under one bound: exactly as many queries for 100 claims as for 500."""
    make_claims(100)
    few = count_queries(Client(), url, django_assert_max_num_queries, MAX_QUERIES["reader"])
    make_claims(400, start=100)
    many = count_queries(Client(), url, django_assert_max_num_queries, MAX_QUERIES["reader"])
    assert few == many


@pytest.mark.parametrize("url", ["", "?proposition=troops&stance=disputes", "export.json"])
def test_five_stories_make_as_many_queries_as_one(url, django_assert_max_num_queries):
    make_claims(100)
    one = count_queries(Client(), url, django_assert_max_num_queries, MAX_QUERIES["reader"])
    others = [make_story(f"Story {i}") for i in range(4)]
    for other in others:
        make_claims(100, story=other)
    five = count_queries(Client(), url, django_assert_max_num_queries, MAX_QUERIES["reader"])
    assert one == five
    # And each story's page is its own: none of another story's claims.
    html = Client().get(others[0].get_absolute_url()).content.decode()
    shown = {int(pk) for pk in re.findall(r'data-claim-id="(\d+)"', html)}
    assert shown and not shown & set(
        Claim.objects.exclude(story=others[0]).values_list("pk", flat=True)
    )


def box_entries(html: str) -> list[tuple[str, str, str]]:
    """(proposition, kind of turning point, claim) of each entry of the story box."""
    start = html.index('<section class="tl-story"')
    box = html[start : html.index("</section>", start)]
    entries = []
    for line in box.split('data-proposition="')[1:]:
        slug = line[: line.index('"')]
        for pk, kind in re.findall(r'href="/claims/(\d+)/"[^>]*data-point="(\w+)"', line):
            entries.append((slug, kind, pk))
    return entries


def test_the_box_does_not_grow_with_the_claims_or_the_actors(client):
    """At most one entry per side per stance (the issue: 839 lines at 100,000 claims): with
    1,000 claims by 100 actors the box is at its bound, and 500 more by 100 more actors
    leave it there."""
    story = default_story()
    lanes = len(story.sides) + 1
    parties = 2  # KP and RU, of both propositions
    # A first report, a denial and a confirmation per party; troops' estimates: the first
    # and each lane's latest.
    bound = {"troops": 1 + 2 * parties + lanes + 1, "arms": 1 + 2 * parties}
    make_claims(1000, actors=100)
    before = box_entries(client.get(story.get_absolute_url()).content.decode())
    make_claims(500, start=1000, actors=100)
    after = box_entries(client.get(story.get_absolute_url()).content.decode())
    for entries in (before, after):
        for slug, most in bound.items():
            kinds = [kind for s, kind, _ in entries if s == slug]
            assert len(kinds) == most, (slug, kinds)
            assert kinds.count("first_report") == 1
            assert kinds.count("first_denial") == kinds.count("first_confirmation") == parties
    assert before != after  # the latest estimates moved on; the box did not grow


def test_a_dense_story_aggregates_its_charts(client, monkeypatch):
    # Lower limits, for fewer claims to make: the page counts by period past them.
    monkeypatch.setattr(timeline_page, "LANES_DETAIL_LIMIT", 100)
    monkeypatch.setattr(timeline_page, "CHART_DETAIL_LIMIT", 5)
    make_claims(500)
    url = default_story().get_absolute_url()
    html = client.get(url).content.decode()
    assert "counted by period" in html  # the lanes: one marker per side and period
    assert "groups of estimates" in html  # the chart: one mark per side and period
    desk, phone = html.split('class="tl-lanes-svg-narrow"')
    assert desk.count('class="tl-marker"') < 6 * 24  # lanes × months at most
    assert phone.count('class="tl-marker"') <= 6 * 12  # lanes × (at most 12) periods
    few = Client().get(f"{url}?to=2024-03-31").content.decode()
    assert "counted by period" not in few and "groups of estimates" not in few
