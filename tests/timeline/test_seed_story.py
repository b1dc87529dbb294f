"""The seed story (timeline/fixtures/seed_story.json) against the seed articles.

Pure: no database. Every claim must anchor in the cleaned body exactly as the loader stores
it, every reference must resolve, and the story's arc (denials in October 2024, the US and
Ukrainian troop counts, confirmations on 26 and 28 April 2025) must be there.
"""

import json
from calendar import monthrange
from collections import Counter
from datetime import date, timedelta
from functools import cache
from pathlib import Path

import pytest

from articles.ingest import decode, parse_article

ROOT = Path(__file__).resolve().parents[2]
SEEDS = ROOT / "seeds"
FIXTURE = ROOT / "timeline" / "fixtures" / "seed_story.json"
TODAY = date(2026, 11, 23)
CONTEXT = 32

ACTOR_KINDS = {
    "person", "government", "military", "state_media", "news_outlet", "international_body",
    "other",
}  # fmt: skip
CLAIM_KINDS = {
    "troop_count", "casualty_count", "denial", "confirmation", "allegation", "combat_report",
    "condemnation", "agreement", "other",
}  # fmt: skip
COUNT_KINDS = {"troop_count", "casualty_count"}
PRECISIONS = {"day", "week", "month", "year"}


@cache
def story() -> dict:
    return json.loads(FIXTURE.read_text(encoding="utf-8"))


@cache
def parsed(name: str):
    return parse_article(decode((SEEDS / name).read_bytes()), today=TODAY)


def actors() -> dict[str, dict]:
    return {a["slug"]: a for a in story()["actors"]}


def claims() -> list[dict]:
    return story()["claims"]


def claim_id(claim: dict) -> str:
    return f"{claim['article'][:3]}:{claim['start']}:{claim['actor']}:{claim['via'] or ''}"


def day(value: str | None) -> date | None:
    return date.fromisoformat(value) if value else None


def period_end(start: date, precision: str) -> date:
    """The last day of the period a (date, precision) pair stands for."""
    if precision == "week":
        return start + timedelta(days=6)
    if precision == "month":
        return start.replace(day=monthrange(start.year, start.month)[1])
    if precision == "year":
        return start.replace(month=12, day=31)
    return start


def root(slug: str) -> str:
    """The top of an actor's affiliation chain (Lloyd Austin -> united-states)."""
    by_slug, seen = actors(), set()
    while by_slug[slug]["affiliation"] and slug not in seen:
        seen.add(slug)
        slug = by_slug[slug]["affiliation"]
    return slug


def article_date(name: str) -> tuple[date, str]:
    """The date the loader finds in the text, else the one the editor set in the fixture."""
    found = parsed(name).published
    if found and found.value:
        return found.value, found.precision
    entry = next(a for a in story()["articles"] if a["source_name"] == name)
    return date.fromisoformat(entry["published_on"]), entry["precision"]


def seed_names() -> list[str]:
    return sorted(p.name for p in SEEDS.glob("*.txt"))


# --- anchoring -----------------------------------------------------------------------------


@pytest.mark.parametrize("claim", claims(), ids=claim_id)
def test_claim_anchors_in_the_cleaned_body(claim):
    body = parsed(claim["article"]).body
    start, end = claim["start"], claim["end"]
    assert 0 <= start < end <= len(body)
    assert body[start:end] == claim["quote"]
    assert claim["prefix"] == body[max(0, start - CONTEXT) : start]
    assert claim["suffix"] == body[end : end + CONTEXT]
    assert claim["quote"] == claim["quote"].strip()


def test_claims_name_seed_articles():
    assert {c["article"] for c in claims()} <= set(seed_names())


def test_every_seed_article_has_a_claim():
    counts = Counter(c["article"] for c in claims())
    assert seed_names() and all(counts[name] for name in seed_names()), counts


def test_no_claim_is_tagged_twice():
    keys = Counter(
        (c["article"], c["start"], c["end"], c["actor"], c["via"], c["kind"]) for c in claims()
    )
    assert [k for k, n in keys.items() if n > 1] == []


# --- actors --------------------------------------------------------------------------------


def test_actor_slugs_are_unique_and_well_formed():
    slugs = [a["slug"] for a in story()["actors"]]
    assert len(slugs) == len(set(slugs))
    for actor in story()["actors"]:
        assert actor["slug"] == actor["slug"].lower() and " " not in actor["slug"]
        assert actor["name"].strip()
        assert actor["kind"] in ACTOR_KINDS, actor
        country = actor["country"]
        assert country == "" or (len(country) == 2 and country.isupper()), actor
        if actor["kind"] == "international_body":
            assert country == "", actor
        assert all(alias.strip() for alias in actor["aliases"]), actor


def test_an_alias_names_one_actor():
    owners: dict[str, set[str]] = {}
    for actor in story()["actors"]:
        folded = [alias.casefold() for alias in actor["aliases"]]
        assert len(folded) == len(set(folded)), actor["slug"]
        for alias in folded:
            owners.setdefault(alias, set()).add(actor["slug"])
    assert {a: s for a, s in owners.items() if len(s) > 1} == {}


def test_affiliations_exist_come_first_and_are_acyclic():
    position = {a["slug"]: i for i, a in enumerate(story()["actors"])}
    by_slug = actors()
    for actor in story()["actors"]:
        parent = actor["affiliation"]
        if parent is None:
            continue
        assert parent in by_slug, actor
        assert position[parent] < position[actor["slug"]], actor["slug"]
        seen, slug = {actor["slug"]}, parent
        while slug is not None:
            assert slug not in seen, f"affiliation cycle through {slug}"
            seen.add(slug)
            slug = by_slug[slug]["affiliation"]


def test_known_affiliations():
    by_slug = actors()
    assert root("lloyd-austin") == "united-states"
    assert by_slug["lloyd-austin"]["affiliation"] == "us-department-of-defense"
    assert root("dmitry-peskov") == "russia"
    assert root("pak-jong-chon") == "north-korea"
    assert by_slug["kcna"]["kind"] == "state_media" and root("kcna") == "north-korea"
    assert root("choe-son-hui") == "north-korea"
    assert root("kim-yong-hyun") == "south-korea"
    assert root("sergiy-kyslytsya") == "ukraine"
    assert by_slug["north-korea"]["country"] == "KP"
    assert {"Korut", "Korea Utara", "DPRK", "Pyongyang"} <= set(by_slug["north-korea"]["aliases"])
    assert {"AS", "Amerika Serikat", "Washington"} <= set(by_slug["united-states"]["aliases"])
    assert {"Korsel", "Korea Selatan", "Seoul"} <= set(by_slug["south-korea"]["aliases"])
    assert {"Moskow", "Rusia"} <= set(by_slug["russia"]["aliases"])
    assert {"Kyiv", "Ukraina"} <= set(by_slug["ukraine"]["aliases"])


def test_every_claim_actor_and_via_exists_and_every_actor_is_used():
    by_slug = actors()
    used = set()
    for claim in claims():
        assert claim["actor"] in by_slug, claim_id(claim)
        used.add(claim["actor"])
        if claim["via"] is not None:
            assert claim["via"] in by_slug, claim_id(claim)
            assert claim["via"] != claim["actor"]
            assert by_slug[claim["via"]]["kind"] in {"state_media", "news_outlet"}
            used.add(claim["via"])
    referenced = used | {by_slug[s]["affiliation"] for s in by_slug} - {None}
    closure = set(referenced)
    for slug in referenced:
        while by_slug[slug]["affiliation"]:
            slug = by_slug[slug]["affiliation"]
            closure.add(slug)
    assert set(by_slug) - closure == set()


# --- kinds, numbers, dates -----------------------------------------------------------------


@pytest.mark.parametrize("claim", claims(), ids=claim_id)
def test_claim_fields_are_valid(claim):
    assert claim["kind"] in CLAIM_KINDS
    if claim["kind"] in COUNT_KINDS:
        assert isinstance(claim["number"], int) and claim["number"] > 0
        if claim["number_max"] is not None:
            assert claim["number_max"] >= claim["number"]
    else:
        assert claim["number"] is None and claim["number_max"] is None

    stated, precision = day(claim["stated_on"]), claim["stated_precision"]
    assert stated is not None and precision in PRECISIONS
    if precision == "week":
        assert stated.weekday() == 0  # a week is stored as its Monday
    if precision in ("month", "year"):
        assert stated.day == 1
    if precision == "year":
        assert stated.month == 1
    if claim["event_on"] is None:
        assert claim["event_precision"] == ""
    else:
        assert claim["event_precision"] in PRECISIONS

    published, published_precision = article_date(claim["article"])
    assert stated <= period_end(published, published_precision), "stated after publication"

    evidence = claim["stated_evidence"]
    assert evidence
    if evidence == "article date":
        assert (stated, precision) == (published, published_precision)
    elif not evidence.startswith("editor:"):
        assert evidence in parsed(claim["article"]).body


def test_editor_dates_only_for_undated_articles():
    entries = story()["articles"]
    assert {a["source_name"] for a in entries} == {
        "000_2f762fd43caf024c.txt",
        "002_3a2ed5cd9f139673.txt",
    }
    for entry in entries:
        found = parsed(entry["source_name"]).published
        assert found is None or found.value is None, entry["source_name"]
        assert entry["precision"] in PRECISIONS
        assert entry["evidence"].startswith("editor:")
        published = date.fromisoformat(entry["published_on"])
        if entry["precision"] == "month":
            assert published.day == 1
    for name in set(seed_names()) - {e["source_name"] for e in entries}:
        assert parsed(name).published.value is not None, name


def test_loaded_dates_stand():
    assert article_date("001_19298bd37c9aef41.txt") == (date(2024, 10, 30), "day")
    assert article_date("003_1860cfd6ad2b4c5c.txt") == (date(2025, 4, 28), "day")
    assert article_date("004_94293ff1223a6253.txt") == (date(2024, 11, 6), "day")
    assert article_date("000_2f762fd43caf024c.txt") == (date(2024, 6, 1), "month")
    assert article_date("002_3a2ed5cd9f139673.txt") == (date(2024, 10, 1), "month")


# --- the story's arc -----------------------------------------------------------------------


def of(kind: str, *, side: str | None = None, actor: str | None = None) -> list[dict]:
    return [
        c
        for c in claims()
        if c["kind"] == kind
        and (actor is None or c["actor"] == actor)
        and (side is None or root(c["actor"]) == side)
    ]


def all_before(earlier: list[dict], later: list[dict]) -> bool:
    """Every claim of `earlier` was stated before every claim of `later`."""
    return max(day(c["stated_on"]) for c in earlier) < min(day(c["stated_on"]) for c in later)


def test_north_korea_denies_in_october_2024_and_confirms_on_28_april_2025():
    denials = of("denial", actor="north-korea")
    assert any(c["stated_on"].startswith("2024-10") for c in denials)
    confirmations = of("confirmation", actor="north-korea")
    assert any(
        c["stated_on"] == "2025-04-28" and c["stated_precision"] == "day" for c in confirmations
    )
    assert all_before(denials, confirmations)


def test_russia_denies_before_it_confirms_on_26_april_2025():
    denials = of("denial", side="russia")
    confirmations = of("confirmation", side="russia")
    assert any(
        c["actor"] == "dmitry-peskov" and c["stated_on"].startswith("2024-10") for c in denials
    )
    assert any(
        c["stated_on"] == "2025-04-26" and c["stated_precision"] == "day" for c in confirmations
    )
    assert all_before(denials, confirmations)


def test_pentagon_not_confirming_is_not_a_confirmation():
    for claim in of("confirmation"):
        assert "tidak dapat mengkonfirmasi" not in claim["quote"]
        assert root(claim["actor"]) in {"north-korea", "russia"}


def test_troop_counts():
    counts = {(c["actor"], c["number"]): c for c in of("troop_count")}
    us = counts[("united-states", 10000)]
    assert us["stated_on"] <= "2024-10-30" and "10.000" in us["quote"]
    ukraine = counts[("ukrainian-officials", 14000)]
    assert root(ukraine["actor"]) == "ukraine" and "14.000" in ukraine["quote"]
    assert us["number_role"] == ukraine["number_role"] == "total"
    # The 3,000 reinforcements are part of the 14,000, not an estimate of their own.
    part = counts[("ukrainian-officials", 3000)]
    assert part["number_role"] == "part" and part["quote"] in ukraine["quote"]


def test_casualty_count_by_ukrainian_special_forces():
    (claim,) = of("casualty_count")
    assert claim["number"] == 25 and root(claim["actor"]) == "ukraine"
    assert claim["stated_on"] == "2025-04-24"


def test_key_agreement_and_condemnations():
    assert any("perjanjian aliansi militer" in c["quote"] for c in of("agreement"))
    g7 = [c for c in of("condemnation", actor="g7") if "mengutuk sekeras-kerasnya" in c["quote"]]
    assert g7 and g7[0]["stated_on"] == "2024-11-05"
    assert any("tindakan kriminal" in c["quote"] for c in of("condemnation", actor="south-korea"))
    assert of("condemnation", actor="us-department-of-state")


def test_timeline_order_tells_the_arc():
    """Sorted by stated date, the first claim is from June 2024, the last from April 2025."""
    ordered = sorted(claims(), key=lambda c: c["stated_on"])
    assert ordered[0]["stated_on"].startswith("2024-06")
    assert ordered[-1]["stated_on"].startswith("2025-04")
    assert 25 <= len(claims()) <= 50


def propositions() -> dict[str, dict]:
    return {p["slug"]: p for p in story()["story"]["propositions"]}


def test_the_story_has_its_sides_and_one_lead_proposition():
    sides = [code for code, _ in story()["story"]["sides"]]
    assert sides == ["KP", "RU", "UA", "US", "KR"]
    leads = [p for p in propositions().values() if p.get("is_lead")]
    assert [p["slug"] for p in leads] == ["troops-in-russia"] and leads[0]["is_quantity"]
    for proposition in propositions().values():
        assert proposition["parties"] and set(proposition["parties"]) <= set(sides)
        assert proposition["statement"] and proposition["statement_en"]


def test_every_seed_claim_is_on_a_proposition_with_a_stance():
    for claim in claims():
        assert claim["proposition"] in propositions(), claim_id(claim)
        assert claim["stance"] in {"supports", "disputes", "neither"}, claim_id(claim)
        assert bool(claim.get("number_role")) == (claim["kind"] in COUNT_KINDS), claim_id(claim)


def test_denials_dispute_and_confirmations_support():
    for claim in claims():
        if claim["kind"] == "denial":
            assert claim["stance"] == "disputes", claim_id(claim)
        if claim["kind"] in {"confirmation", "allegation", "troop_count"}:
            assert claim["stance"] == "supports", claim_id(claim)


def test_the_arms_denials_are_not_about_troops_and_kyiv_denies_losing_kursk():
    arms = [c for c in of("denial") if "transfer senjata" in c["quote"]]
    assert len(arms) == 3 and {c["proposition"] for c in arms} == {"weapons-for-russia"}
    troops = [c for c in of("denial") if c["proposition"] == "troops-in-russia"]
    assert {root(c["actor"]) for c in troops} == {"north-korea", "russia"}
    (kyiv,) = of("denial", actor="ukraine")
    assert kyiv["proposition"] == "ukraine-out-of-kursk"
    assert propositions()["ukraine-out-of-kursk"]["parties"] == ["UA"]
