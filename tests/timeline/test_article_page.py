"""The suggestions an Article gets (timeline.article_page): the rules' finds less what its
editors have tagged."""

import random
from datetime import date

import pytest
from django.utils import timezone

from tests.factories import make_actor, make_article, make_claim, make_proposition, make_story
from timeline.article_page import suggest, tagging_story, untagged_candidates
from timeline.management.commands.benchmark import large_article_text
from timeline.suggest import find_in_text

pytestmark = pytest.mark.django_db


def test_suggest_for_an_article_skips_what_editors_tagged():
    north = make_actor("North Korea", aliases=["Korut", "Korea Utara"])
    us = make_actor("United States", country="US", aliases=["AS", "Amerika Serikat"])
    body = (
        "Korut membantah mengirim pasukan ke Rusia. "
        "Pejabat AS mengatakan 10.000 tentara Korut sudah tiba pekan lalu."
    )
    article = make_article(body, published_on=date(2024, 10, 30), precision="day")

    found = suggest(article)
    assert [(s.kind, s.actor, s.number) for s in found] == [
        ("denial", north, None),
        ("troop_count", us, 10000),
    ]
    assert found[1].stated_on == date(2024, 10, 21) and found[1].stated_evidence == "pekan lalu"

    claim = make_claim(
        article, quote="Korut membantah mengirim pasukan ke Rusia.", actor=north, kind="denial"
    )
    assert [s.kind for s in suggest(article)] == ["troop_count"]

    claim.deleted_at = timezone.now()
    claim.save()
    assert [s.kind for s in suggest(article)] == ["denial", "troop_count"]


def test_many_tagged_claims_leave_out_exactly_what_they_cover():
    """Left out: a candidate a claim overlaps with the same kind, or covers exactly whatever
    its kind; checked against every claim, as the rule reads, with many claims."""
    rng = random.Random(3)
    actor = make_actor("North Korea", aliases=["Korut"])
    article = make_article(large_article_text(20_000))
    found = find_in_text(article.body).candidates
    kinds = ["denial", "confirmation", "troop_count", "allegation", "other"]
    for _ in range(80):
        start = rng.randrange(len(article.body) - 200)
        end = start + rng.randint(1, 200)
        if rng.random() < 0.3:  # some exactly on a candidate
            chosen = rng.choice(found)
            start, end = chosen.start, chosen.end
        quote = article.body[start:end]
        if not quote.strip():
            continue
        kind = rng.choice(kinds)
        make_claim(
            article, quote=quote, actor=actor, kind=kind, number=1 if "count" in kind else None
        )
    tagged = list(article.claims.alive().values_list("start", "end", "kind"))
    expected = [
        c
        for c in found
        if not any(
            (s, e) == (c.start, c.end) or (k == c.kind and s < c.end and c.start < e)
            for s, e, k in tagged
        )
    ]
    assert 0 < len(expected) < len(found)
    assert untagged_candidates(article).candidates == expected


def test_the_story_tagged_for_is_the_one_asked_else_the_article_s_first():
    article = make_article("Korut membantah mengirim pasukan ke Rusia.")
    assert tagging_story(article) == (None, [])
    first, second = make_story("Pasukan"), make_story("Senjata")
    second.articles.add(article)
    first.articles.add(article)
    assert tagging_story(article) == (first, [first, second])  # oldest first
    assert tagging_story(article, second.slug) == (second, [first, second])
    assert tagging_story(article, make_story("Lain").slug) == (None, [first, second])


def test_suggestions_name_a_proposition_of_the_story_tagged_for():
    make_actor("North Korea", aliases=["Korut"])
    article = make_article(
        "Korut membantah mengirim senjata ke Rusia.", published_on=date(2024, 10, 30)
    )
    story = make_story("Senjata")
    weapons = make_proposition(story, "Korut memasok senjata", cues=["senjata", "amunisi"])
    make_proposition(make_story("Lain"), "Korut memasok senjata lagi", cues=["senjata"])
    (denial,) = suggest(article, propositions=list(story.propositions.all()))
    assert (denial.kind, denial.proposition, denial.stance) == ("denial", weapons, "disputes")
    (alone,) = suggest(article)
    assert alone.proposition is None
