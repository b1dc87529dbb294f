"""timeline.story: each proposition's arc (first report, denials by the parties concerned,
estimates, confirmations, status history) on plain objects and on the seed story; and the
bounded candidates the page reads give the same arcs as every claim."""

from dataclasses import dataclass
from datetime import date

import pytest
from django.contrib.auth.models import AnonymousUser

from articles.precision import period
from timeline.filters import ActorDirectory
from timeline.models import Claim, ClaimQuerySet, Story
from timeline.story import (
    WHOLE_STORY,
    Scope,
    StoryClaim,
    arcs,
    chronological,
    date_phrase,
    flat_points,
    format_date,
    format_number,
    lane_stances,
    side_name,
    story_claims,
)

_pk = iter(range(1, 1_000_000))

SIDES = [["KP", "North Korea"], ["RU", "Russia"], ["UA", "Ukraine"], ["US", "United States"]]


@dataclass(frozen=True)
class Prop:
    """What an arc needs of a proposition."""

    pk: int
    slug: str = "troops"
    statement: str = "Pasukan Korea Utara berada di Rusia"
    statement_en: str = "North Korean troops are in Russia"
    parties: tuple = ("KP", "RU")
    is_quantity: bool = True
    is_lead: bool = True


TROOPS = Prop(1)
WEAPONS = Prop(2, "weapons", "Korea Utara memasok senjata", "North Korea sells weapons",
               is_quantity=False, is_lead=False)  # fmt: skip
KURSK = Prop(3, "kursk", "Ukraina diusir dari Kursk", "Ukraine is out of Kursk", ("UA",),
             is_quantity=False, is_lead=False)  # fmt: skip


def claim(kind, actor, side, when, precision="day", *, on=TROOPS, stance="supports",
          number=None, number_max=None, role="", via="", actor_id=None):  # fmt: skip
    if number is not None and not role:
        role = "total"
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
        proposition_id=on.pk if on else None,
        stance=stance,
        number_role=role,
        via=via,
    )


def plain_story():
    """The seed story's threads, as plain objects: the arms denials of June 2024 and
    Ukraine's denial that it lost Kursk are on their own propositions."""
    return {
        "report": claim(
            "allegation", "South Korea", "KR", date(2024, 6, 1), "month", via="TV Chosun"
        ),  # fmt: skip
        "arms_ru": claim(
            "denial", "Russia", "RU", date(2024, 6, 1), "month", on=WEAPONS, stance="disputes"
        ),  # fmt: skip
        "arms_kp": claim(
            "denial", "North Korea", "KP", date(2024, 6, 1), "month", on=WEAPONS, stance="disputes"
        ),  # fmt: skip
        "arms_report": claim(
            "allegation", "United States", "US", date(2024, 6, 1), "month", on=WEAPONS
        ),  # fmt: skip
        "kp_denial": claim(
            "denial", "North Korea", "KP", date(2024, 10, 1), "month", stance="disputes"
        ),  # fmt: skip
        "kp_denial_2": claim(
            "denial", "North Korea", "KP", date(2024, 10, 1), "month", stance="disputes"
        ),  # fmt: skip
        "peskov": claim("denial", "Dmitry Peskov", "RU", date(2024, 10, 24), stance="disputes"),
        "us": claim("troop_count", "United States", "US", date(2024, 10, 30), number=10_000),
        "austin": claim("allegation", "Lloyd Austin", "US", date(2024, 10, 30)),
        "condemnation": claim(
            "condemnation", "South Korea", "KR", date(2024, 11, 1), stance="neither"
        ),  # fmt: skip
        "ru": claim("confirmation", "Russia", "RU", date(2025, 4, 26)),
        "kp": claim("confirmation", "North Korea", "KP", date(2025, 4, 28), via="KCNA"),
        "ua": claim("troop_count", "Ukrainian officials", "UA", date(2025, 4, 28), number=14_000),
        "part": claim(
            "troop_count", "Ukrainian officials", "UA", date(2025, 4, 28), number=3_000, role="part"
        ),  # fmt: skip
        "ukraine_out": claim("combat_report", "Russia", "RU", date(2025, 4, 21), "week", on=KURSK),
        "ua_denial": claim(
            "denial", "Ukraine", "UA", date(2025, 4, 28), on=KURSK, stance="disputes"
        ),  # fmt: skip
        "undated": claim("denial", "Kremlin", "RU", None, stance="disputes"),
        "unassigned": claim("denial", "Russia", "RU", date(2024, 7, 1), on=None, stance=""),
    }


def arc_of(claims, proposition=TROOPS, scope=WHOLE_STORY):
    (found,) = arcs([proposition], claims, SIDES, scope)
    return found


def entries(arc):
    return [(point.kind, point.claim.pk) for point in arc.points]


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
    assert period(date(2024, 11, 1), "quarter") == (date(2024, 11, 1), date(2025, 1, 31))
    assert period(date(2025, 4, 14), "week") == (date(2025, 4, 14), date(2025, 4, 20))
    assert period(date(2024, 1, 1), "year") == (date(2024, 1, 1), date(2024, 12, 31))
    assert period(date(2024, 10, 30), "day") == (date(2024, 10, 30), date(2024, 10, 30))


def test_periods_at_the_ends_of_the_calendar_end_with_it():
    assert period(date(9999, 1, 1), "year") == (date(9999, 1, 1), date.max)
    assert period(date(9999, 12, 1), "month") == (date(9999, 12, 1), date.max)
    assert period(date(9999, 11, 1), "quarter") == (date(9999, 11, 1), date.max)
    assert period(date(9999, 12, 27), "week") == (date(9999, 12, 27), date.max)
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


def test_the_arc_reads_first_report_denials_estimates_confirmations():
    c = plain_story()
    troops = arc_of(c.values())
    assert entries(troops) == [
        ("first_report", c["report"].pk),
        ("first_denial", c["kp_denial"].pk),  # North Korea's first, not its second
        ("first_denial", c["peskov"].pk),  # Russia's, through the Kremlin's spokesman
        ("estimate", c["us"].pk),
        ("estimate", c["ua"].pk),
        ("first_confirmation", c["ru"].pk),
        ("first_confirmation", c["kp"].pk),
    ]
    phrases = [point.phrase for point in troops.points]
    assert phrases[0] == "South Korea via TV Chosun"
    assert phrases[2] == "Russia (Dmitry Peskov)"
    assert phrases[3] == "United States: 10,000, the first"
    assert phrases[4] == "Ukraine (Ukrainian officials): 14,000, up from 10,000"
    assert phrases[6] == "North Korea via KCNA"
    # A confirmation reverses the side's denial: it says so.
    assert troops.points[6].earlier == c["kp_denial"]
    assert troops.points[6].text == (
        "First confirmation by North Korea via KCNA, after denying it in Oct 2024."
    )
    assert [g.label for g in troops.groups] == [
        "First reported",
        "Denied",
        "Estimates",
        "Confirmed",
    ]


def test_denials_of_other_propositions_stay_on_their_own_lines():
    c = plain_story()
    troops, weapons, kursk = arcs([TROOPS, WEAPONS, KURSK], c.values(), SIDES)
    on_troops = {point.claim.pk for point in troops.points}
    assert not on_troops & {c["arms_ru"].pk, c["arms_kp"].pk, c["ua_denial"].pk}
    assert entries(weapons) == [
        ("first_report", c["arms_report"].pk),
        ("first_denial", c["arms_ru"].pk),
        ("first_denial", c["arms_kp"].pk),
    ]
    assert entries(kursk) == [
        ("first_report", c["ukraine_out"].pk),
        ("first_denial", c["ua_denial"].pk),  # Ukraine is the party concerned here
    ]
    assert weapons.status == "disputed" and kursk.status == "disputed"


def test_the_status_moves_reported_disputed_confirmed_with_the_claim_that_moved_it():
    c = plain_story()
    troops = arc_of(c.values())
    assert [(s.status, s.claim.pk) for s in troops.history] == [
        ("reported", c["report"].pk),
        ("disputed", c["kp_denial"].pk),
        ("confirmed", c["ru"].pk),
    ]
    assert troops.status == "confirmed"
    assert troops.since.claim.stated_on == date(2025, 4, 26)


def test_an_admission_on_record_stays_confirmed():
    admitted = claim("confirmation", "Russia", "RU", date(2025, 1, 1))
    later = claim("denial", "Russia", "RU", date(2025, 2, 1), stance="disputes")
    other = claim("denial", "North Korea", "KP", date(2025, 3, 1), stance="disputes")
    troops = arc_of([admitted, later, other])
    assert [s.status for s in troops.history] == ["confirmed"]
    assert troops.status == "confirmed"
    north_korea, russia = lane_stances(troops)  # in the order of the parties
    assert (russia.lane, russia.denial, russia.confirmation) == ("RU", None, admitted)
    assert (north_korea.lane, north_korea.denial, north_korea.confirmation) == ("KP", other, None)


def test_disputes_by_others_are_not_denials_by_a_party_concerned():
    report = claim("allegation", "United States", "US", date(2024, 10, 30))
    ukraine = claim("denial", "Ukraine", "UA", date(2024, 11, 1), stance="disputes")
    g7 = claim("denial", "G7", "", date(2024, 11, 2), stance="disputes")
    troops = arc_of([report, ukraine, g7])
    assert entries(troops) == [("first_report", report.pk)]
    assert troops.status == "reported"


def test_only_totals_make_estimates_never_a_part_or_a_change():
    total = claim("troop_count", "Ukrainian officials", "UA", date(2025, 4, 28), number=14_000)
    part = claim("troop_count", "Ukrainian officials", "UA", date(2025, 4, 29), number=3_000,
                 role="part")  # fmt: skip
    change = claim("troop_count", "Ukrainian officials", "UA", date(2025, 5, 1), number=2_000,
                   role="change")  # fmt: skip
    troops = arc_of([total, part, change])
    estimates = [p for p in troops.points if p.kind == "estimate"]
    assert [p.claim for p in estimates] == [total]
    assert "down from" not in " ".join(p.text for p in troops.points)
    # A proposition that is no quantity has no estimates, whatever its claims count.
    assert [p.kind for p in arc_of([total], WEAPONS).points] == []


def test_estimates_are_the_first_and_each_lanes_latest_against_the_one_before():
    a = claim("troop_count", "US", "US", date(2024, 10, 30), number=10_000)
    b = claim("troop_count", "KR", "KR", date(2024, 11, 1), number=10_000)  # an "others" lane
    c = claim("troop_count", "UA", "UA", date(2024, 12, 1), number=10_000, number_max=12_000)
    d = claim("troop_count", "UA", "UA", date(2025, 4, 28), number=14_000)
    e = claim("troop_count", "JP", "JP", date(2025, 5, 1), number=11_000)  # others too
    f = claim("troop_count", "US", "US", date(2025, 5, 2), number=11_000)
    undated = claim("troop_count", "UA", "UA", None, number=99_000)
    points = [p for p in arc_of([f, e, d, c, b, a, undated]).points if p.kind == "estimate"]
    assert [(p.claim, p.earlier) for p in points] == [(a, None), (d, c), (e, d), (f, e)]
    assert [p.trend for p in points] == [
        "the first", "up from 10,000–12,000", "down from 14,000", "unchanged from 11,000",
    ]  # fmt: skip
    revised = arc_of([a, c]).points
    assert revised[-1].trend == "revised from 10,000"


def test_undated_claims_are_never_turning_points():
    troops = arc_of([claim("allegation", "X", "US", None), claim("denial", "Y", "KP", None)])
    assert troops.points == [] and troops.history == [] and troops.status is None


def test_the_arc_keeps_its_size_however_many_claims_and_actors():
    """One entry per side per stance: 1,000 claims by 100 actors make the same box as 10."""

    def many(n):
        claims = []
        for i in range(n):
            side = SIDES[i % 4][0] if i % 5 else f"Z{i % 7}"
            stance = "disputes" if i % 3 == 0 else "supports"
            kind = "troop_count" if i % 4 == 0 else "other"
            claims.append(
                claim(
                    kind,
                    f"Actor {i % 100}",
                    side,
                    date(2024, 1, 1 + i % 28),
                    stance=stance,
                    number=1000 + i if kind == "troop_count" else None,
                    actor_id=i % 100 + 1,
                )  # fmt: skip
            )
        return claims

    small, large = arc_of(many(10)), arc_of(many(1_000))
    lanes = len(SIDES) + 1
    bound = 1 + 2 * len(TROOPS.parties) + lanes + 1  # report, denials, confirmations, estimates
    assert len(large.points) <= bound and len(large.history) <= 3
    kinds = [p.kind for p in large.points]
    assert kinds.count("first_denial") <= len(TROOPS.parties)
    assert kinds.count("first_confirmation") <= len(TROOPS.parties)
    assert kinds.count("estimate") <= lanes + 1
    assert len(small.points) <= bound


def test_filtered_arcs_say_whose_claims_they_are_among():
    c = plain_story()
    russia = [x for x in c.values() if x.side == "RU"]
    owned = arc_of(russia, scope=Scope(owner="Russia"))
    assert owned.points[0].label == "Russia's first report"
    assert owned.points[0].text == "Russia's first report, by Russia."
    cut = arc_of(c.values(), scope=Scope(whole_actors=False))
    assert cut.points[0].text == "First report among these claims, by South Korea via TV Chosun."
    denial = next(p for p in cut.points if p.kind == "first_denial")
    assert denial.label == "first denial among these claims"
    estimate = next(p for p in cut.points if p.kind == "estimate")
    assert estimate.text == "Estimate by United States: 10,000, the first among these claims."
    assert cut.points[0].sentence.startswith("Jun 2024: First report among these claims")


def test_flat_points_are_every_arcs_points_oldest_first():
    c = plain_story()
    story_arcs = arcs([TROOPS, WEAPONS, KURSK], c.values(), SIDES)
    flat = flat_points(story_arcs)
    assert len(flat) == sum(len(a.points) for a in story_arcs)
    keys = [(p.claim.stated_on, p.claim.precision != "month") for p in flat]
    assert [k[0] for k in keys] == sorted(k[0] for k in keys)
    assert {p.proposition.slug for p in flat} == {"troops", "weapons", "kursk"}


def test_lane_stances_run_from_a_partys_first_denial_to_its_confirmation():
    c = plain_story()
    stances = {s.lane: s for s in lane_stances(arc_of(c.values()))}
    assert set(stances) == {"KP", "RU"}  # the parties concerned only
    assert (stances["KP"].denial, stances["KP"].confirmation) == (c["kp_denial"], c["kp"])
    assert (stances["RU"].denial, stances["RU"].confirmation) == (c["peskov"], c["ru"])


def test_as_dict_has_the_fields_the_exports_read():
    c = plain_story()
    troops = arc_of(c.values())
    data = troops.as_dict()
    assert list(data) == [
        "proposition", "statement", "statement_en", "parties", "is_quantity", "is_lead",
        "status", "status_history", "turning_points",
    ]  # fmt: skip
    assert (data["proposition"], data["status"], data["parties"]) == ("troops", "confirmed",
                                                                      ["KP", "RU"])  # fmt: skip
    assert data["status_history"][0] == {
        "status": "reported",
        "stated_on": "2024-06-01",
        "stated_precision": "month",
        "claim_id": c["report"].pk,
        "actor": "South Korea",
        "side": "KR",
    }
    point = data["turning_points"][-1]
    assert list(point) == [
        "claim_id", "type", "proposition", "stated_on", "stated_precision", "actor", "side",
        "via", "text", "sentence", "earlier_claim_id",
    ]  # fmt: skip
    assert (point["claim_id"], point["via"]) == (c["kp"].pk, "KCNA")
    assert point["type"] == "first_confirmation"
    assert point["earlier_claim_id"] == c["kp_denial"].pk
    assert point["sentence"].startswith("28 Apr 2025: ")


# On the seed story, read from the database: the claims the issue names, found by their data.


def seed_arcs(**filters):
    story = Story.objects.get(slug="north-korean-troops-in-russia")
    actors = ActorDirectory.load()
    claims = story.claims_visible_to(AnonymousUser()).timeline(filters)
    return {arc.proposition.slug: arc for arc in claims.story_arcs(story, actors.story_actors())}


def seed_claim(actor, kind, **fields):
    """The first seed claim by `actor` (a slug) of `kind`, in the timeline's order."""
    return Claim.objects.filter(actor__slug=actor, kind=kind, **fields).chronological().first().pk


@pytest.mark.django_db
def test_seed_storys_troops_line(seeded):
    troops = seed_arcs()["troops-in-russia"]
    assert troops.proposition.is_lead
    assert entries(troops) == [
        ("first_report", seed_claim("south-korea", "allegation", via__slug="tv-chosun")),
        ("first_denial", seed_claim("north-korea", "denial", proposition__slug="troops-in-russia")),
        ("first_denial", seed_claim("dmitry-peskov", "denial")),
        ("estimate", seed_claim("united-states", "troop_count", number=10_000)),
        ("estimate", seed_claim("ukrainian-officials", "troop_count", number=14_000)),
        ("first_confirmation", seed_claim("russia", "confirmation")),
        ("first_confirmation", seed_claim("north-korea", "confirmation")),
    ]
    when = [(p.claim.stated_on, p.claim.precision) for p in troops.points]
    assert when[0] == (date(2024, 6, 1), "month")
    assert when[1] == when[2] == (date(2024, 10, 1), "month")
    assert when[3] == (date(2024, 10, 30), "day")
    assert when[5:] == [(date(2025, 4, 26), "day"), (date(2025, 4, 28), "day")]
    assert troops.points[0].claim.via == "TV Chosun"
    assert troops.points[4].earlier.number == 10_000  # 14,000, up from 10,000
    assert troops.status == "confirmed"
    assert troops.since.claim.stated_on == date(2025, 4, 26)
    assert [s.status for s in troops.history] == ["reported", "disputed", "confirmed"]
    # 3,000 reinforcements are a part of the 14,000: never an estimate.
    assert 3_000 not in [p.claim.number for p in troops.points]


@pytest.mark.django_db
def test_seed_storys_arms_denials_are_on_the_weapons_line(seeded):
    by_slug = seed_arcs()
    weapons = by_slug["weapons-for-russia"]
    denials = [p.claim for p in weapons.points if p.kind == "first_denial"]
    assert {(d.side, d.stated_on) for d in denials} == {
        ("RU", date(2024, 6, 1)),
        ("KP", date(2024, 6, 1)),
    }
    troop_points = {p.claim.pk for p in by_slug["troops-in-russia"].points}
    assert not troop_points & {d.pk for d in denials}
    # Ukraine denying it lost Kursk is on that proposition, never on the troops line.
    assert "UA" not in {p.claim.side for p in by_slug["troops-in-russia"].points
                        if p.kind == "first_denial"}  # fmt: skip
    ukraine = by_slug["ukraine-out-of-kursk"]
    assert [(p.kind, p.claim.side, p.claim.stated_on) for p in ukraine.points][-1] == (
        "first_denial", "UA", date(2025, 4, 28),
    )  # fmt: skip
    # The first report of combat, in November 2024, is the Kursk fighting's.
    fighting = by_slug["fighting-in-kursk"].points[0]
    assert (fighting.kind, fighting.claim.stated_on) == ("first_report", date(2024, 11, 6))


def every_story_claim(claims, actors, story):
    values = claims.values(*ClaimQuerySet.STORY_FIELDS)
    return story_claims(values, actors.story_actors(), dict(story.sides))


def arc_summary(found):
    return [
        (a.proposition.slug, [(p.kind, p.claim.pk, p.earlier and p.earlier.pk) for p in a.points],
         [(s.status, s.claim.pk) for s in a.history])
        for a in found
    ]  # fmt: skip


@pytest.mark.django_db
@pytest.mark.parametrize(
    "filters",
    [
        {},
        {"kind": "denial"},
        {"stance": "supports"},
        {"from": date(2024, 10, 1)},
        {"side": "KP"},
        {"to": date(2024, 12, 31)},
    ],
)
def test_bounded_candidates_give_the_same_arcs_as_every_claim(seeded, filters):
    story = Story.objects.get(slug="north-korean-troops-in-russia")
    actors = ActorDirectory.load()
    claims = story.claims_visible_to(AnonymousUser()).timeline(filters)
    bounded = claims.story_arcs(story, actors.story_actors())
    propositions = [a.proposition for a in bounded]
    everything = arcs(propositions, every_story_claim(claims, actors, story), story.sides)
    assert arc_summary(bounded) == arc_summary(everything)
    assert any(a.points for a in bounded)


@pytest.mark.django_db
def test_story_arcs_read_a_fixed_number_of_queries(seeded, django_assert_num_queries):
    story = Story.objects.prefetch_related("propositions").get(slug="north-korean-troops-in-russia")
    actors = ActorDirectory.load().story_actors()
    claims = story.claims_visible_to(AnonymousUser()).timeline()
    with django_assert_num_queries(2):  # the firsts of each stance; the estimates
        claims.story_arcs(story, actors)
