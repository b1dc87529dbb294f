"""Reloading a changed article file keeps every claim anchored (or orphaned, never lost)."""

import io

import pytest
from django.core.management import call_command

from articles.models import Article
from tests.factories import default_story, make_actor
from timeline import editing
from timeline.models import Claim

pytestmark = pytest.mark.django_db

ORIGINAL = """Korut Kirim Pasukan ke Rusia

Jakarta (Kabar) Korea Utara membantah mengirim pasukan ke Rusia pada Rabu (30/10).

AS mengatakan 10.000 tentara Korut telah tiba di Rusia. Ukraina mengatakan hal yang sama.
"""

# A correction adds a paragraph before the claims, rewords the text around them and drops
# the Ukrainian sentence altogether.
CORRECTED = """Korut Kirim Pasukan ke Rusia

Jakarta (Kabar) Koreksi: berita ini diperbarui pada Kamis (31/10).

Pemerintah Korea Utara membantah mengirim pasukan ke Rusia pada Rabu (30/10), kata KCNA.

Kemudian AS mengatakan 10.000 tentara Korut telah tiba di Rusia.
"""


def load(path):
    call_command("load_articles", str(path), stdout=io.StringIO())


def tag(article, quote, editor, **fields):
    story = default_story()  # a claim is tagged for a story, which holds its article
    story.articles.add(article)
    start = article.body.index(quote)
    return editing.claim_create(
        story=story,
        article=article,
        start=start,
        end=start + len(quote),
        quote=quote,
        actor=fields.pop("actor"),
        editor=editor,
        kind=fields.pop("kind", "denial"),
        status="reviewed",
        **fields,
    )


@pytest.fixture
def loaded(tmp_path, editor):
    path = tmp_path / "korut.txt"
    path.write_text(ORIGINAL, encoding="utf-8")
    load(path)
    article = Article.objects.get()
    korut = make_actor("North Korea", aliases=["Korut", "Korea Utara"])
    usa = make_actor("United States", country="US")
    ukraine = make_actor("Ukraine", country="UA")
    claims = {
        "denial": tag(article, "membantah mengirim pasukan ke Rusia", editor, actor=korut),
        "count": tag(
            article,
            "10.000 tentara Korut",
            editor,
            actor=usa,
            kind="troop_count",
            number=10000,
            number_role="total",
        ),
        "gone": tag(
            article, "Ukraina mengatakan hal yang sama", editor, actor=ukraine, kind="other"
        ),
    }
    return path, article, claims


def test_claims_follow_their_quote_when_the_text_changes(loaded):
    path, article, claims = loaded
    path.write_text(CORRECTED, encoding="utf-8")
    load(path)

    article.refresh_from_db()
    assert Article.objects.count() == 1  # updated in place
    for key in ("denial", "count"):
        before = claims[key]
        claim = Claim.objects.get(pk=before.pk)
        assert claim.start != before.start  # it moved
        assert claim.quote == before.quote
        assert article.body[claim.start : claim.end] == claim.quote
        assert not claim.orphaned
        assert claim.version == before.version + 1
        assert claim.history.latest().history_change_reason.startswith("re-anchored")
    assert Claim.objects.get(pk=claims["count"].pk).prefix.endswith("Kemudian AS mengatakan ")


def test_a_claim_whose_quote_is_gone_is_kept_orphaned_and_shown_to_editors(loaded, editor_client):
    path, article, claims = loaded
    path.write_text(CORRECTED, encoding="utf-8")
    load(path)

    gone = Claim.objects.get(pk=claims["gone"].pk)
    assert gone.orphaned
    assert gone.deleted_at is None
    assert gone.quote == "Ukraina mengatakan hal yang sama"
    assert Claim.objects.count() == 3

    html = editor_client.get(article.get_absolute_url()).content.decode()
    assert "Claims whose text is gone" in html
    assert "Ukraina mengatakan hal yang sama" in html
    assert f'id="claim-{gone.pk}"' not in html  # not drawn at a wrong place
    for key in ("denial", "count"):
        assert f'id="claim-{claims[key].pk}"' in html

    # The editor can anchor it again by pasting its new wording.
    claim_page = editor_client.get(f"/claims/{gone.pk}/edit/").content.decode()
    assert "no longer in the article" in claim_page


def test_readers_do_not_see_orphaned_claims_in_the_text(loaded, client):
    path, article, claims = loaded
    path.write_text(CORRECTED, encoding="utf-8")
    load(path)
    html = client.get(article.get_absolute_url()).content.decode()
    assert "Claims whose text is gone" not in html
    assert f'id="claim-{claims["denial"].pk}"' in html


def test_reloading_the_same_file_moves_nothing(loaded):
    path, article, claims = loaded
    load(path)
    for claim in claims.values():
        stored = Claim.objects.get(pk=claim.pk)
        assert (stored.start, stored.end, stored.version) == (claim.start, claim.end, 1)


def test_an_editor_anchors_an_orphaned_claim_again_by_pasting_its_new_wording(
    loaded, editor_client
):
    path, article, claims = loaded
    path.write_text(CORRECTED, encoding="utf-8")
    load(path)
    gone = Claim.objects.get(pk=claims["gone"].pk)
    article.refresh_from_db()
    data = {
        "start": "",
        "end": "",
        "quote": "Pemerintah Korea Utara membantah",
        "actor": gone.actor_id,
        "kind": gone.kind,
        "stated_precision": "day",
        "event_precision": "day",
        "status": "reviewed",
        "version": gone.version,
    }
    response = editor_client.post(f"/claims/{gone.pk}/edit/", data)
    assert response.status_code == 302
    gone.refresh_from_db()
    assert not gone.orphaned
    assert article.body[gone.start : gone.end] == "Pemerintah Korea Utara membantah"
    assert gone.prefix.endswith("(31/10).\n\n")


def test_an_orphaned_claim_can_be_read_against_the_text_it_was_made_on(loaded):
    path, article, claims = loaded
    path.write_text(CORRECTED, encoding="utf-8")
    load(path)

    gone = Claim.objects.get(pk=claims["gone"].pk)
    assert gone.orphaned
    article.refresh_from_db()
    assert gone.quote not in article.body
    made_on = article.text_at(gone.created_at)
    assert made_on.body[gone.start : gone.end] == gone.quote
    assert made_on != article.revisions.last()  # the old text, not the current one
