from io import StringIO
from pathlib import Path

import pytest
from django.core.management import call_command

from articles.models import Article, DateSource
from timeline.models import Actor, Claim

pytestmark = pytest.mark.django_db

SEEDS = Path(__file__).resolve().parents[2] / "seeds"


def test_seed_story_loads_once_and_every_claim_sits_on_its_quote(seeded):
    assert Actor.objects.count() > 10
    claims = Claim.objects.select_related("article")
    assert claims.count() >= 25
    for claim in claims:
        assert claim.article.body[claim.start : claim.end] == claim.quote
        assert claim.status == Claim.Status.REVIEWED

    out = StringIO()
    call_command("load_story", stdout=out)

    assert "claims: 0 created" in out.getvalue()
    assert Claim.objects.count() == claims.count()


def test_story_dates_only_articles_the_text_leaves_undated(seeded):
    undated = Article.objects.get(source_name="000_2f762fd43caf024c.txt")
    inferred = Article.objects.get(source_name="001_19298bd37c9aef41.txt")

    assert undated.published_source == DateSource.EDITOR
    assert undated.published_evidence.startswith("editor:")
    assert inferred.published_source == DateSource.INFERRED


def test_story_keeps_what_editors_changed(seeded):
    claim = Claim.objects.filter(kind="troop_count").first()
    Claim.objects.filter(pk=claim.pk).update(number=12345, note="checked")

    call_command("load_story", stdout=StringIO())

    claim.refresh_from_db()
    assert (claim.number, claim.note) == (12345, "checked")


def test_a_file_named_like_a_seed_elsewhere_does_not_take_the_storys_claims(tmp_path):
    name = "001_19298bd37c9aef41.txt"
    (tmp_path / name).write_text("Judul Lain\n\nTeks yang lain sama sekali.\n", encoding="utf-8")
    call_command("load_articles", str(tmp_path), stdout=StringIO())
    call_command("load_articles", str(SEEDS), stdout=StringIO())

    out = StringIO()
    call_command("load_story", stdout=out)

    look_alike, seed = Article.objects.filter(source_name=name).order_by("pk")
    assert not look_alike.claims.exists()
    assert seed.claims.count() == 7
    assert "not loaded" not in out.getvalue()


@pytest.mark.django_db
def test_story_takes_an_actor_an_editor_added_under_another_slug():
    from tests.conftest import SEEDS
    from tests.factories import make_user
    from timeline.editing import actor_create

    call_command("load_articles", str(SEEDS), verbosity=0, stdout=StringIO())
    added = actor_create(name="kim yong-hyun", editor=make_user(editor=True), kind="person")
    Actor.objects.filter(pk=added.pk).update(slug="menhan-korsel")

    call_command("load_story", stdout=StringIO())

    assert Actor.objects.filter(name__iexact="kim yong-hyun").count() == 1
    assert Claim.objects.filter(actor__slug="menhan-korsel").exists()


def test_the_seed_story_is_loaded_with_its_propositions_and_every_claim_on_one(seeded):
    from timeline.models import Story

    story = Story.objects.get()
    assert story.is_published and story.side_codes == ["KP", "RU", "UA", "US", "KR"]
    assert story.articles.count() == 5
    assert story.lead().slug == "troops-in-russia"
    assert not story.claims.filter(proposition__isnull=True).exists()
    assert Claim.objects.filter(story=story).count() == Claim.objects.count()
    roles = dict(story.claims.filter(kind="troop_count").values_list("number", "number_role"))
    assert roles == {10000: "total", 14000: "total", 3000: "part"}


def test_a_claim_never_on_a_proposition_is_tagged_but_an_editors_choice_stays(seeded):
    """The first cut's claims had no proposition: loading tags them. A claim an editor took
    off its proposition (the history says it had one) is left as the editor left it."""
    from timeline import editing

    never = Claim.objects.get(kind="troop_count", number=10000)
    Claim.objects.filter(pk=never.pk).update(proposition=None, stance="")
    never.history.update(proposition=None, stance="")
    chosen = Claim.objects.get(kind="troop_count", number=14000)
    editing.claim_update(
        chosen, editor=None, expected_version=chosen.version, proposition=None, stance=""
    )

    out = StringIO()
    call_command("load_story", stdout=out)

    never.refresh_from_db()
    chosen.refresh_from_db()
    assert (never.proposition.slug, never.stance) == ("troops-in-russia", "supports")
    assert chosen.proposition is None
    assert "claims put on a proposition: 1" in out.getvalue()
