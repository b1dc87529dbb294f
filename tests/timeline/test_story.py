"""timeline.story: turning points, reversals and estimates, on plain objects and on the seed
story; and the bounded candidates the page reads give the same answer as every claim."""

from datetime import date

import pytest

from articles.precision import period
from timeline.filters import ActorDirectory
from timeline.models import Claim, ClaimQuerySet
from timeline.story import (
    Scope,
    StoryClaim,
    chronological,
    date_phrase,
    estimate_changes,
    format_date,
    format_number,
    lane_stances,
    reversals,
    side_name,
    story_claims,
    turning_points,
    turning_points_by_claim,
)

_pk = iter(range(1, 10_000))


def claim(kind, actor, side, when, precision="day", number=None, number_max=None, actor_id=None):
    return StoryClaim(
        pk=next(_pk),
        kind=kind,
        actor_id=actor_id or hash(actor) % 10_000,
        actor=actor,
        side=side,
        stated_on=when,
        precision=precision,
        number=number,
        number_max=number_max,
    )


def plain_story():
    """The seed story's arc, as plain objects."""
    return {
        "arms_denial": claim("denial", "North Korea", "KP", date(2024, 6, 1), "month"),
        "allegation": claim("allegation", "Zelensky", "UA", date(2024, 10, 14), "week"),
        "nk_denial": claim("denial", "North Korea", "KP", date(2024, 10, 1), "month"),
        "peskov": claim("denial", "Dmitry Peskov", "RU", date(2024, 10, 24)),
        "us": claim("troop_count", "United States", "US", date(2024, 10, 30), number=10_000),
        "kr": claim("troop_count", "South Korea", "KR", date(2024, 10, 31), number=10_000),
        "clash": claim("combat_report", "Ukrainian officials", "UA", date(2024, 11, 6)),
        "ru": claim("confirmation", "Russia", "RU", date(2025, 4, 26)),
        "nk": claim("confirmation", "North Korea", "KP", date(2025, 4, 28)),
        "ua": claim("troop_count", "Ukrainian officials", "UA", date(2025, 4, 28), number=14_000),
        "undated": claim("denial", "G7", "", None),
    }


def kinds_by_claim(points):
    return {pk: sorted(p.kind for p in ps) for pk, ps in turning_points_by_claim(points).items()}


def test_dates_are_written_at_their_precision_never_with_a_fake_day():
    assert format_date(date(2024, 10, 1), "month") == "Oct 2024"
    assert format_date(date(2025, 4, 14), "week") == "week of 14 Apr 2025"
    assert format_date(date(2024, 10, 30), "day") == "30 Oct 2024"
    assert format_date(date(2024, 1, 1), "year") == "2024"
    assert format_date(None) == "undated"
    assert date_phrase(date(2024, 10, 1), "month") == "in Oct 2024"
    assert date_phrase(date(2024, 10, 30)) == "on 30 Oct 2024"


def test_numbers_and_ranges_are_formatted_with_thousands():
    assert format_number(10_000) == "10,000"
    assert format_number(14_000, 15_000) == "14,000–15,000"
    assert format_number(14_000, 14_000) == "14,000"
    assert format_number(None) == ""


def test_periods_cover_the_days_a_precision_allows():
    # (first day, last day), both included
    assert period(date(2024, 10, 1), "month") == (date(2024, 10, 1), date(2024, 10, 31))
    assert period(date(2024, 2, 1), "month") == (date(2024, 2, 1), date(2024, 2, 29))
    assert period(date(2024, 12, 1), "month") == (date(2024, 12, 1), date(2024, 12, 31))
    assert period(date(2024, 11, 1), "quarter") == (date(2024, 11, 1), date(2025, 1, 31))
    assert period(date(2025, 4, 14), "week") == (date(2025, 4, 14), date(2025, 4, 20))
    assert period(date(2024, 1, 1), "year") == (date(2024, 1, 1), date(2024, 12, 31))
    assert period(date(2024, 10, 30), "day") == (date(2024, 10, 30), date(2024, 10, 30))


def test_periods_at_the_ends_of_the_calendar_end_with_it():
    assert period(date(9999, 1, 1), "year") == (date(9999, 1, 1), date.max)
    assert period(date(9999, 12, 1), "month") == (date(9999, 12, 1), date.max)
    assert period(date(9999, 10, 1), "quarter") == (date(9999, 10, 1), date.max)
    assert period(date(9999, 11, 1), "quarter") == (date(9999, 11, 1), date.max)
    assert period(date(9999, 12, 27), "week") == (date(9999, 12, 27), date.max)
    assert period(date.max, "day") == (date.max, date.max)
    assert period(date.min, "year") == (date.min, date(1, 12, 31))


def test_side_names_come_from_the_country_code_with_the_code_as_fallback():
    assert side_name("KP") == "North Korea"
    assert side_name("US") == "United States"  # the newsroom's name (COUNTRIES_OVERRIDE)
    assert side_name("pl") == "Poland"  # any country, from django-countries
    assert side_name("ZZ") == "ZZ"


def test_chronological_puts_coarser_dates_first_and_undated_last():
    day = claim("other", "A", "", date(2024, 10, 1))
    month = claim("other", "B", "", date(2024, 10, 1), "month")
    year = claim("other", "C", "", date(2024, 1, 1), "year")
    undated = claim("other", "D", "", None)
    assert chronological([undated, day, month, year]) == [year, month, day, undated]


def test_turning_points_of_the_arc_on_plain_objects():
    c = plain_story()
    points = turning_points(c.values())
    marked = kinds_by_claim(points)
    assert marked[c["allegation"].pk] == ["first_allegation"]
    assert marked[c["arms_denial"].pk] == ["first_denial"]
    assert marked[c["peskov"].pk] == ["first_denial"]
    assert marked[c["us"].pk] == ["new_estimate"]
    assert c["kr"].pk not in marked  # the same 10,000 again: not a new estimate
    assert marked[c["clash"].pk] == ["first_combat_report"]
    # A reversal replaces the same claim's "first confirmation".
    assert marked[c["ru"].pk] == ["reversal"]
    assert marked[c["nk"].pk] == ["reversal"]
    assert marked[c["ua"].pk] == ["new_estimate"]
    assert c["undated"].pk not in marked  # "first" and "later" need a date
    dates = [p.claim.stated_on for p in points]
    assert dates == sorted(dates)


def test_reversal_pairs_the_confirmation_with_the_last_denial_before_it():
    c = plain_story()
    found = {r.group: r for r in reversals(c.values())}
    assert set(found) == {"KP", "RU"}
    assert found["KP"].denial == c["nk_denial"]  # October, not the June denial
    assert found["KP"].confirmation == c["nk"]
    assert found["RU"].denial == c["peskov"]  # another actor of the same side
    assert found["RU"].confirmation == c["ru"]


def test_reversal_sentences_say_who_and_when():
    c = plain_story()
    sentences = [p.sentence for p in turning_points(c.values()) if p.kind == "reversal"]
    assert sentences == [
        "26 Apr 2025: Russia reverses: Russia confirms what Dmitry Peskov denied on 24 Oct 2024.",
        "28 Apr 2025: North Korea confirms what it denied in Oct 2024: a reversal.",
    ]


def test_no_reversal_without_a_later_confirmation_or_on_the_same_day():
    same_day = [
        claim("denial", "X", "RU", date(2025, 1, 1)),
        claim("confirmation", "X", "RU", date(2025, 1, 1)),
    ]
    assert reversals(same_day) == []
    confirmed_first = [
        claim("confirmation", "X", "RU", date(2025, 1, 1)),
        claim("denial", "X", "RU", date(2025, 2, 1)),
    ]
    assert reversals(confirmed_first) == []


def test_actors_with_no_side_reverse_on_their_own():
    g7 = claim("denial", "G7", "", date(2025, 1, 1), actor_id=7)
    other = claim("confirmation", "UN", "", date(2025, 2, 1), actor_id=8)
    assert reversals([g7, other]) == []
    again = claim("confirmation", "G7", "", date(2025, 3, 1), actor_id=7)
    assert [r.confirmation for r in reversals([g7, other, again])] == [again]


def test_each_estimate_that_differs_from_the_one_before_is_a_change():
    a = claim("troop_count", "US", "US", date(2024, 10, 30), number=10_000)
    b = claim("troop_count", "KR", "KR", date(2024, 11, 1), number=10_000)
    c = claim("troop_count", "UA", "UA", date(2024, 12, 1), number=10_000, number_max=12_000)
    d = claim("troop_count", "UA", "UA", date(2025, 4, 28), number=14_000)
    e = claim("troop_count", "UA", "UA", date(2025, 5, 1), number=11_000)
    undated = claim("troop_count", "UA", "UA", None, number=99_000)
    changes = estimate_changes([e, d, c, b, a, undated])
    assert [(x, before) for x, before in changes] == [(a, None), (c, b), (d, c), (e, d)]
    texts = {p.claim.pk: p.text for p in turning_points([a, b, c, d, e])}
    assert texts[a.pk] == "Troop estimate by US (United States): 10,000, the first."
    assert texts[c.pk].endswith("10,000–12,000, revised from 10,000.")
    assert texts[d.pk].endswith("14,000, up from 10,000–12,000.")
    assert texts[e.pk].endswith("11,000, down from 14,000.")


def test_lane_stances_run_from_the_first_denial_to_the_reversal():
    c = plain_story()
    stances = {s.lane: s for s in lane_stances(c.values())}
    assert stances["KP"].denial == c["arms_denial"]
    assert stances["KP"].confirmation == c["nk"]
    assert stances["RU"].denial == c["peskov"]
    assert stances["RU"].confirmation == c["ru"]
    assert "UA" not in stances


def test_turning_point_as_dict_for_the_json_export():
    c = plain_story()
    point = next(p for p in turning_points(c.values()) if p.kind == "reversal")
    data = point.as_dict()
    assert data["claim_id"] == c["ru"].pk
    assert data["type"] == "reversal"
    assert data["stated_on"] == "2025-04-26"
    assert data["earlier_claim_id"] == c["peskov"].pk
    assert data["sentence"].startswith("26 Apr 2025: ")


# On the seed story, read from the database.


def all_story_claims(claims, actors):
    return story_claims(claims.values(*ClaimQuerySet.STORY_FIELDS), actors.story_actors())


@pytest.mark.django_db
def test_seed_story_reversals_north_korea_and_russia(seeded):
    actors = ActorDirectory.load()
    points = Claim.objects.alive().timeline().turning_points(actors.story_actors())
    by_side = {p.claim.side: p for p in points if p.kind == "reversal"}
    assert set(by_side) == {"KP", "RU"}
    north_korea, russia = by_side["KP"], by_side["RU"]
    assert north_korea.claim.stated_on == date(2025, 4, 28)
    assert north_korea.claim.precision == "day"
    assert north_korea.earlier.kind == "denial"
    assert (north_korea.earlier.stated_on.year, north_korea.earlier.stated_on.month) == (2024, 10)
    assert russia.claim.stated_on == date(2025, 4, 26)
    assert russia.earlier.kind == "denial"
    assert russia.earlier.stated_on < russia.claim.stated_on


@pytest.mark.django_db
def test_seed_story_arc_denial_10000_clashes_14000_confirmation(seeded):
    actors = ActorDirectory.load()
    points = Claim.objects.alive().timeline().turning_points(actors.story_actors())
    estimates = [p.claim.number for p in points if p.kind == "new_estimate"]
    assert estimates[:2] == [10_000, 14_000]
    first_clash = next(p for p in points if p.kind == "first_combat_report")
    assert first_clash.claim.stated_on.year == 2024 and first_clash.claim.stated_on.month == 11
    kinds = [p.kind for p in points]
    assert kinds.index("first_denial") < kinds.index("new_estimate") < kinds.index("reversal")


@pytest.mark.django_db
@pytest.mark.parametrize(
    "filters", [{}, {"kind": "denial"}, {"from": date(2024, 10, 1)}, {"side": "KP"}]
)
def test_bounded_candidates_give_the_same_story_as_every_claim(seeded, filters):
    actors = ActorDirectory.load()
    claims = Claim.objects.alive().timeline(filters)
    from_candidates = [
        (p.claim.pk, p.kind) for p in turning_points(claims.story_candidates(actors.story_actors()))
    ]
    from_all = [(p.claim.pk, p.kind) for p in turning_points(all_story_claims(claims, actors))]
    assert from_candidates == from_all
    assert from_all or filters


# Turning points inside a filter say so (issue: under actor = Russia, "First report of
# combat, by Russia" in Apr 2025, when Ukraine reported combat in Nov 2024).


def texts(points) -> dict[str, str]:
    return {p.kind: p.text for p in points}


def russian_claims():
    return [
        claim("denial", "Dmitry Peskov", "RU", date(2024, 10, 24)),
        claim("combat_report", "Russia", "RU", date(2025, 4, 26)),
        claim("troop_count", "Russia", "RU", date(2025, 4, 27), number=12_000),
    ]


def test_the_whole_storys_firsts_are_plain_firsts():
    points = texts(turning_points(plain_story().values()))
    assert (
        points["first_combat_report"] == "First report of combat, by Ukrainian officials (Ukraine)."
    )
    assert points["first_allegation"] == "First allegation, by Zelensky (Ukraine)."


def test_firsts_among_one_actors_or_sides_claims_are_theirs():
    points = turning_points(russian_claims(), Scope(owner="Russia"))
    by_kind = texts(points)
    assert by_kind["first_combat_report"] == "Russia's first report of combat, by Russia."
    assert by_kind["new_estimate"] == "Troop estimate by Russia: 12,000, Russia's first."
    # An actor's own first denial is its first whatever actor or side is filtered.
    assert by_kind["first_denial"] == "First denial by Dmitry Peskov (Russia)."
    labels = {p.kind: p.label for p in points}
    assert labels["first_combat_report"] == "Russia's first report of combat"
    assert labels["first_denial"] == "first denial"
    us = turning_points([claim("allegation", "Lloyd Austin", "US", date(2024, 10, 23))],
                        Scope(owner="United States"))  # fmt: skip
    assert us[0].text == "United States' first allegation, by Lloyd Austin (United States)."


def test_firsts_among_claims_cut_by_date_text_or_source_say_among_these_claims():
    scope = Scope(whole_actors=False)
    points = turning_points(russian_claims(), scope)
    by_kind = texts(points)
    assert by_kind["first_combat_report"] == (
        "First report of combat among these claims, by Russia."
    )
    assert by_kind["first_denial"] == "First denial by Dmitry Peskov (Russia) among these claims."
    assert (
        by_kind["new_estimate"] == "Troop estimate by Russia: 12,000, the first among these claims."
    )
    assert {p.kind: p.label for p in points}["first_denial"] == "first denial among these claims"
    both = texts(turning_points(russian_claims(), Scope(owner="Russia", whole_actors=False)))
    assert both["first_combat_report"] == (
        "Russia's first report of combat among these claims, by Russia."
    )
    # The sentence, as the JSON export and TimelineJS show it, says it too.
    assert turning_points(russian_claims(), scope)[0].sentence.startswith(
        "24 Oct 2024: First denial by Dmitry Peskov (Russia) among these claims"
    )
