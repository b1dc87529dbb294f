"""The benchmark's made-up story is what it says it is, and `benchmark --quick` runs end to end,
printing a ratio for every measure. How fast things are is the benchmark's to say, never a
test's: nothing here is timed."""

import re
from io import StringIO

import pytest
from django.core.management import call_command
from django.db import connection

from articles.models import Article
from timeline import vocabulary
from timeline.bench.texts import article_text
from timeline.bench.world import PROPOSITIONS, SIDES, World
from timeline.models import Actor, Claim


@pytest.mark.django_db
def test_the_generated_story_has_what_it_claims():
    world = World.make()
    world.grow(600)

    story = world.story
    assert story.is_published and story.sides == SIDES
    propositions = list(story.propositions.all())
    assert len(propositions) == len(PROPOSITIONS)
    assert [p.is_lead for p in propositions].count(True) == 1
    assert any(p.is_quantity for p in propositions)

    actors = Actor.objects.filter(pk__in=world.actors)
    assert actors.count() >= 250
    assert actors.filter(affiliation__isnull=False).count() >= 200
    assert set(actors.exclude(side="").values_list("side", flat=True)) == {c for c, _ in SIDES}
    assert actors.filter(side="").exists()  # international bodies speak for no country

    claims = Claim.objects.filter(story=story)
    assert claims.count() == 600
    assert claims.filter(status="draft").exists()
    assert claims.filter(deleted_at__isnull=False).exists()
    assert claims.filter(proposition__isnull=True, stance="").exists()  # not yet tagged
    stances = set(claims.exclude(stance="").values_list("stance", flat=True))
    assert {vocabulary.SUPPORTS, vocabulary.DISPUTES, vocabulary.NEITHER} <= stances
    counts = claims.filter(kind__in=Claim.COUNT_KINDS)
    assert counts.exists() and not counts.filter(number__isnull=True).exists()
    assert set(counts.values_list("number_role", flat=True)) == {"total", "part", "change"}
    assert not claims.exclude(kind__in=Claim.COUNT_KINDS).exclude(number_role="").exists()
    assert claims.filter(number_max__isnull=False).exists()
    assert claims.filter(stated_on__isnull=True).exists()

    # Every quote is its article's text at its offsets, every article one of the story's.
    bodies = dict(Article.objects.filter(stories=story).values_list("pk", "body"))
    for article, start, end, quote in claims.values_list("article", "start", "end", "quote"):
        assert bodies[article][start:end] == quote


def test_the_made_up_articles_differ_and_read_as_indonesian_news():
    texts = [article_text(seed) for seed in range(50)]
    assert len(set(texts)) == 50
    assert all(1_000 < len(text) < 6_000 for text in texts)  # as long as the seeds
    assert any(" (ANTARA) - " in text for text in texts)
    assert any(
        re.search(r"\b(Senin|Selasa|Rabu|Kamis|Jumat|Sabtu|Minggu) \(\d+/\d+\)", t) for t in texts
    )
    assert article_text(7) == article_text(7)


def test_a_quick_benchmark_runs_end_to_end_and_prints_a_ratio_for_each_measure(
    django_db_blocker,
):
    out = StringIO()
    with django_db_blocker.unblock():
        name = f"{connection.settings_dict['NAME']}_quickbench"
        call_command("benchmark", "--sizes", "50", "--quick", "--database", name, stdout=out)
        with connection.cursor() as cursor:
            cursor.execute("SELECT count(*) FROM pg_database WHERE datname = %s", [name])
            (left,) = cursor.fetchone()

    report = out.getvalue()
    for what, anchor in (
        ("CSV export", "COPY of the same rows"),
        ("JSON export", "COPY of json_build_object rows"),
        ("TimelineJS export", "the same"),
        ("story page", "a bare Fortunes page, same server"),
        ("load_articles", "COPY, table with the same indexes"),
    ):
        assert re.search(rf"^\s+50\s+{what}\s+.+{anchor}: .+\d\.\d+× \(", report, re.M), report
    memory = re.findall(r"^\s+[\d,]+\s+CSV export memory\s+[\d.]+ MB .+× the first$", report, re.M)
    assert len(memory) == 2, report
    assert left == 0  # the run's database is dropped
