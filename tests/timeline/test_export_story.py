"""The seed story's exports, end to end: what a researcher downloading them finds, checked
against the database (the seed story as `load_story` tags it), never against hand-written
sentences."""

import csv
import io
import json
from datetime import date, timedelta

import pytest
from django.core.management import call_command
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.utils.html import escape

from timeline.export import TURNING_POINT_COLOUR
from timeline.models import Claim, Story

pytestmark = pytest.mark.django_db

SLUG = "north-korean-troops-in-russia"
CSV = f"/stories/{SLUG}/export.csv"
JSON = f"/stories/{SLUG}/export.json"
TIMELINEJS = f"/stories/{SLUG}/export/timelinejs.json"


def body(response) -> str:
    assert response.status_code == 200
    return b"".join(response.streaming_content).decode("utf-8")


def seed_claims():
    """The seed story's claims a reader sees."""
    return Claim.objects.visible().filter(story__slug=SLUG)


def test_every_seed_claim_is_exported_with_its_proposition_stance_and_role(client, seeded):
    rows = list(csv.DictReader(io.StringIO(body(client.get(CSV)), newline="")))
    exported = {
        int(row["claim_id"]): (row["proposition"], row["stance"], row["number_role"])
        for row in rows
    }
    assert exported == {
        claim.pk: (claim.proposition.slug, claim.stance, claim.number_role)
        for claim in seed_claims().select_related("proposition")
    }
    counts = {row["number"]: row["number_role"] for row in rows if row["number"]}
    # Ukraine's 14,000 is a total; the 3,000 reinforcements a part of it.
    assert (counts["14000"], counts["3000"]) == ("total", "part")


def test_the_json_tells_the_story_and_how_each_proposition_went(client, seeded):
    story = Story.objects.get(slug=SLUG)
    data = json.loads(body(client.get(JSON)))
    assert data["story"]["title"] == story.title
    assert data["story"]["title_en"] == story.title_en
    assert data["story"]["dek_en"] == story.dek_en
    assert data["story"]["language"] == "id"
    assert data["story"]["sides"] == [{"code": code, "name": name} for code, name in story.sides]

    slugs = list(story.propositions.values_list("slug", flat=True))
    propositions = {p["proposition"]: p for p in data["propositions"]}
    assert list(propositions) == slugs  # in the story's order
    troops = propositions["troops-in-russia"]
    assert troops["is_lead"] is True and troops["is_quantity"] is True
    assert troops["statement_en"] == "North Korean troops are in Russia"
    # Alleged by South Korea (June 2024), denied by a party concerned (October 2024),
    # confirmed by Russia on 26 April 2025.
    history = troops["status_history"]
    assert [change["status"] for change in history] == ["reported", "disputed", "confirmed"]
    reported, disputed, confirmed = (
        Claim.objects.select_related("actor").get(pk=change["claim_id"]) for change in history
    )
    assert (reported.actor.slug, reported.kind) == ("south-korea", "allegation")
    assert (reported.stated_on.year, reported.stated_on.month) == (2024, 6)
    assert disputed.kind == "denial" and disputed.actor.side in troops["parties"]
    assert (disputed.stated_on.year, disputed.stated_on.month) == (2024, 10)
    assert (confirmed.actor.slug, confirmed.stated_on) == ("russia", date(2025, 4, 26))
    assert troops["status"] == "confirmed"


def test_each_turning_point_names_its_proposition(client, seeded):
    data = json.loads(body(client.get(JSON)))
    slugs = {p["proposition"] for p in data["propositions"]}
    points = data["turning_points"]
    assert points and {p["proposition"] for p in points} <= slugs
    claims = {claim.pk: claim for claim in seed_claims().select_related("proposition")}
    for point in points:  # the proposition its claim is on
        assert point["proposition"] == claims[point["claim_id"]].proposition.slug
    ten_thousand = seed_claims().get(number=10000)
    estimate = [p for p in points if p["claim_id"] == ten_thousand.pk]
    assert [(p["type"], p["proposition"]) for p in estimate] == [("estimate", "troops-in-russia")]
    # A part of a total is no estimate of the whole: the 3,000 is no turning point.
    three_thousand = seed_claims().get(number=3000)
    assert three_thousand.pk not in {p["claim_id"] for p in points}
    dates = [p["stated_on"] for p in points]
    assert dates == sorted(dates)  # oldest first


def test_timelinejs_opens_on_the_story_and_marks_its_turning_points(client, seeded):
    story = Story.objects.get(slug=SLUG)
    data = json.loads(body(client.get(TIMELINEJS)))
    assert data["title"]["text"] == {
        "headline": escape(story.title),
        "text": f"<p>{escape(story.dek)}</p>",
    }
    statements = {escape(p.statement) for p in story.propositions.all()}
    assert {event["group"] for event in data["events"]} <= statements  # every claim is on one
    marked = {p["claim_id"] for p in json.loads(body(client.get(JSON)))["turning_points"]}
    events = {int(e["unique_id"].removeprefix("claim-")): e for e in data["events"]}
    assert marked <= set(events)
    for pk, event in events.items():
        turned = event.get("background") == {"color": TURNING_POINT_COLOUR}
        assert turned == (pk in marked)
        assert event["text"]["headline"].startswith("Turning point: ") == turned
    ten_thousand = seed_claims().select_related("actor", "proposition").get(number=10000)
    event = events[ten_thousand.pk]
    assert event["group"] == escape(ten_thousand.proposition.statement)
    assert event["text"]["headline"] == (
        f"Turning point: {escape(ten_thousand.actor.name)}: troop count, 10,000"
    )


def more_troop_claims(n: int) -> None:
    """`n` more reviewed claims on the seed story's troops proposition, of several kinds,
    by its actors, over the months of the story."""
    story = Story.objects.get(slug=SLUG)
    troops = story.propositions.get(slug="troops-in-russia")
    model = seed_claims().filter(proposition=troops).order_by("pk")
    actors = list({claim.actor_id for claim in model})
    article = model.first().article
    kinds = [("denial", "disputes"), ("allegation", "supports"), ("troop_count", "supports")]
    claims = []
    for i in range(n):
        kind, stance = kinds[i % len(kinds)]
        claims.append(
            Claim(
                story=story,
                article=article,
                start=0,
                end=5,
                quote=article.body[:5],
                actor_id=actors[i % len(actors)],
                kind=kind,
                proposition=troops,
                stance=stance,
                number=5000 + 10 * i if kind == "troop_count" else None,
                number_role="total" if kind == "troop_count" else "",
                stated_on=date(2024, 7, 1) + timedelta(days=i % 300),
                status="reviewed",
            )
        )
    Claim.objects.bulk_create(claims)


def queries(url: str) -> int:
    with CaptureQueriesContext(connection) as captured:
        body(Client().get(url))
    return len(captured)


@pytest.mark.parametrize("url", [CSV, JSON, TIMELINEJS])
def test_an_export_makes_as_many_queries_with_ten_times_the_claims(seeded, url):
    few = queries(url)
    more_troop_claims(10 * seed_claims().count())
    assert queries(url) == few


def test_the_exports_and_the_command_filter_by_proposition_and_stance(client, seeded):
    query = "?proposition=troops-in-russia&stance=disputes"
    rows = list(csv.DictReader(io.StringIO(body(client.get(CSV + query)), newline="")))
    expected = seed_claims().filter(proposition__slug="troops-in-russia", stance="disputes")
    assert {int(row["claim_id"]) for row in rows} == set(expected.values_list("pk", flat=True))
    assert rows and {(row["proposition"], row["stance"]) for row in rows} == {
        ("troops-in-russia", "disputes")
    }
    out = io.StringIO()
    call_command(
        "export_timeline",
        "--base-url",
        "http://testserver",
        "--proposition",
        "troops-in-russia",
        "--stance",
        "disputes",
        stdout=out,
    )
    assert out.getvalue() == body(client.get(CSV + query))
