"""A page or an export makes the same number of queries with 1 claim as with 500."""

from datetime import date, timedelta

import pytest
from django.test import Client

from tests.factories import make_actor, make_article, make_outlet
from timeline.models import Actor, Claim

pytestmark = pytest.mark.django_db

KINDS = ["denial", "confirmation", "troop_count", "allegation", "combat_report", "other"]
# The most any of these may make: the same bound at 1 and at 500 claims.
MAX_QUERIES = {"reader": 12, "editor": 16}
URLS = [
    "/",
    "/?side=US&kind=troop_count&from=2024-01-01&outlet=kabar-test&q=a",
    "/?actor=united-states&side=US&kind=troop_count&from=2024-01-01&to=2026-01-01"
    "&article=artikel-0-0&outlet=kabar-test&status=reviewed&q=a",
    "/?actor=united-states&page=2",
    "/export.csv",
    "/export.csv?actor=united-states&side=US",
    "/export.json",
    "/export/timelinejs.json",
]


def make_claims(n: int, start: int = 0) -> None:
    """`n` claims by actors of every side (through affiliations too), of every kind, at
    every precision, over two years, a few drafts and undated ones among them."""
    outlet = make_outlet("Kabar Test")
    if not Claim.objects.exists():
        us = make_actor("United States", country="US", slug="united-states")
        make_actor("US Department of Defense", country="", affiliation=us)
        for name, code in [("North Korea", "KP"), ("Russia", "RU"), ("Ukraine", "UA"), ("G7", "")]:
            make_actor(name, country=code)
    actors = list(Actor.objects.order_by("pk"))
    articles = [
        make_article(
            f"Artikel {i}, kata pejabat itu.",
            outlet=outlet,
            title="Artikel",
            slug=f"artikel-{start}-{i}",
        )
        for i in range(1 + n // 50)
    ]
    precisions = ["day", "day", "week", "month", "year"]
    Claim.objects.bulk_create(
        Claim(
            article=articles[i % len(articles)],
            start=0,
            end=7,
            quote="Artikel",
            actor=actors[i % len(actors)],
            kind=KINDS[i % len(KINDS)],
            number=1000 + 37 * i if KINDS[i % len(KINDS)] == "troop_count" else None,
            stated_on=None if i % 41 == 40 else date(2024, 1, 1) + timedelta(days=(i * 7) % 700),
            stated_precision=precisions[i % len(precisions)],
            status="draft" if i % 13 == 12 else "reviewed",
        )
        for i in range(start, start + n)
    )


def count_queries(client, url, django_assert_max_num_queries, limit) -> int:
    with django_assert_max_num_queries(limit) as captured:
        response = client.get(url)
        assert response.status_code == 200
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
    """Not just under one bound: exactly as many queries for 100 claims as for 500 (with one
    claim, the story skips the reads for reversals no claim can make)."""
    make_claims(100)
    few = count_queries(Client(), url, django_assert_max_num_queries, MAX_QUERIES["reader"])
    make_claims(400, start=100)
    many = count_queries(Client(), url, django_assert_max_num_queries, MAX_QUERIES["reader"])
    assert few == many


def test_a_dense_story_aggregates_its_charts(client):
    make_claims(500)
    html = client.get("/").content.decode()
    assert "counted by period" in html  # the lanes: one marker per side and period
    assert "groups of estimates" in html  # the chart: one mark per side and period
    desk, phone = html.split('class="tl-lanes-svg-narrow"')
    assert desk.count('class="tl-marker"') < 6 * 24  # lanes × months at most
    assert phone.count('class="tl-marker"') <= 6 * 12  # lanes × (at most 12) periods
    few = Client().get("/?to=2024-03-31").content.decode()
    assert "counted by period" not in few and "groups of estimates" not in few
