"""Dates at the ends of the calendar, stored directly in the database (as a bad import or an
old row could hold them): every reader page and export still answers. The forms refuse such
dates (tests/timeline/test_forms.py); this is the second wall, so that one row can never take
the timeline down for every reader."""

import json
from datetime import date

import pytest
from django.db import IntegrityError, connection, transaction
from django.urls import reverse

from tests.factories import make_actor, make_article, make_claim, story_url
from timeline import timeline_page
from timeline.models import Claim

pytestmark = pytest.mark.django_db

FAR = [
    (date.max, "day"),
    (date(9999, 12, 27), "week"),  # its week ends after the calendar does
    (date(9999, 12, 1), "month"),
    (date(9999, 1, 1), "year"),
    (date.min, "day"),
    (date.min, "year"),
]
READER_PAGES = ["timeline:story", "timeline:export-csv", "timeline:export-json"]
READER_PAGES += ["timeline:export-timelinejs"]


def far_claims(when, precision, *, editor=False):
    """A reviewed denial and a troop estimate at `when`, beside an ordinary claim, on an
    article of that date too. Stored with Claim.objects.create: no form sees them."""
    article = make_article(
        "Korut membantah mengirim pasukan ke Rusia, kata juru bicara. "
        "AS mengatakan 10.000 tentara Korut tiba kemarin, pekan lalu.",
        published_on=when,
        precision=precision,
    )
    north_korea = make_actor("North Korea", country="KP")
    us = make_actor("United States", country="US")
    claims = [
        make_claim(article, actor=north_korea, stated_on=when, precision=precision),
        make_claim(
            article,
            quote="AS mengatakan 10.000 tentara Korut tiba kemarin",
            actor=us,
            kind="troop_count",
            number=10_000,
            stated_on=when,
            precision=precision,
        ),
        make_claim(actor=us, kind="confirmation", stated_on=date(2024, 10, 30)),
    ]
    return article, claims


@pytest.mark.parametrize(("when", "precision"), FAR)
def test_a_claim_at_the_end_of_the_calendar_never_takes_the_reader_pages_down(
    client, when, precision
):
    article, claims = far_claims(when, precision)
    urls = [story_url(name) for name in READER_PAGES] + ["/"]
    for url in [*urls, claims[0].get_absolute_url(), article.get_absolute_url()]:
        response = client.get(url)
        body = b"".join(response.streaming_content) if response.streaming else response.content
        assert response.status_code == 200, (url, body[:2000])
    assert str(when.year).encode() in client.get(story_url()).content


@pytest.mark.parametrize(("when", "precision"), FAR)
def test_an_editor_can_still_open_and_correct_such_a_claim(editor_client, when, precision):
    article, claims = far_claims(when, precision)
    claim = claims[0]
    for url in [
        article.get_absolute_url(),  # with the suggestions, resolved against that date
        reverse("timeline:claim-history", args=[claim.pk]),
        reverse("timeline:claim-edit", args=[claim.pk]),
        reverse("timeline:claim-create") + f"?article={article.slug}&start=0&end=15",
    ]:
        assert editor_client.get(url).status_code == 200, url
    data = {
        "start": claim.start,
        "end": claim.end,
        "quote": claim.quote,
        "actor": claim.actor_id,
        "kind": claim.kind,
        "stated_on": claim.stated_on.isoformat(),
        "stated_precision": claim.stated_precision,
        "event_precision": "day",
        "status": "reviewed",
        "version": claim.version,
    }
    edit = reverse("timeline:claim-edit", args=[claim.pk])
    refused = editor_client.post(edit, data)
    assert refused.status_code == 200
    assert "cannot be right for a claim or an article" in refused.content.decode()
    corrected = data | {"stated_on": "2024-10-30", "stated_precision": "day"}
    assert editor_client.post(edit, corrected).status_code == 302
    claim.refresh_from_db()
    assert claim.stated_on == date(2024, 10, 30)


@pytest.mark.parametrize(("when", "precision"), FAR)
def test_the_aggregated_charts_cope_with_the_ends_of_the_calendar_too(
    client, monkeypatch, when, precision
):
    # Past these limits the chart and the lanes count claims per period (and link to each
    # period's filtered timeline) instead of drawing one mark per claim.
    monkeypatch.setattr(timeline_page, "CHART_DETAIL_LIMIT", 0)
    monkeypatch.setattr(timeline_page, "LANES_DETAIL_LIMIT", 0)
    far_claims(when, precision)
    response = client.get(story_url())
    assert response.status_code == 200, response.content[:2000]
    assert b"<svg" in response.content


def test_both_ends_of_the_calendar_at_once_give_a_readable_axis(client):
    far_claims(date.max, "day")
    make_claim(kind="denial", stated_on=date.min, precision="year")
    response = client.get(story_url())
    assert response.status_code == 200
    assert b"9999" in response.content
    # A 10,000-year axis is labelled every few thousand years, not once a month.
    page = response.content.decode()
    # Both charts, the estimates and the lanes, for a desk (12 ticks at most each) and for a
    # phone (6 at most each).
    ticks = page.count('class="tl-x-tick"')
    assert 2 <= ticks <= 36
    assert ">5000</text>" in page


def test_a_period_link_of_the_last_days_of_the_calendar_says_what_is_wrong(client, monkeypatch):
    # The chart links each period to its filtered timeline. The filter refuses a date no claim
    # may have, with the form's message: a row stored before the rule gets a 400, not a 500.
    monkeypatch.setattr(timeline_page, "LANES_DETAIL_LIMIT", 0)
    far_claims(date.max, "day")
    filters = timeline_page._period_filters("KP", date(9999, 1, 1), "year")
    assert (filters["from"], filters["to"]) == ("9999-01-01", "9999-12-31")
    response = client.get(story_url(), filters)
    assert response.status_code == 400
    assert "9999-01-01 cannot be right for a claim or an article" in response.content.decode()


def test_the_export_carries_the_far_date_as_it_is(client):
    far_claims(date.max, "day")
    rows = json.loads(b"".join(client.get(story_url("timeline:export-json")).streaming_content))[
        "claims"
    ]
    assert "9999-12-31" in {row["stated_on"] for row in rows}


def test_the_database_holds_no_date_python_cannot_read():
    # PostgreSQL keeps dates up to the year 5874897 and before Christ; Python's stop at
    # 0001-01-01 and 9999-12-31. A row beyond them could not even be read back.
    claim = make_claim(stated_on=date(2024, 10, 30))
    for column in ("stated_on", "event_on"):
        with pytest.raises(IntegrityError), transaction.atomic(), connection.cursor() as cursor:
            cursor.execute(
                f"UPDATE timeline_claim SET {column} = '10000-01-01' WHERE id = %s", [claim.pk]
            )
    with pytest.raises(IntegrityError), transaction.atomic(), connection.cursor() as cursor:
        cursor.execute(
            "UPDATE articles_article SET published_on = '0001-12-31 BC' WHERE id = %s",
            [claim.article_id],
        )
    assert Claim.objects.get(pk=claim.pk).stated_on == date(2024, 10, 30)
