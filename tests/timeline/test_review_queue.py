"""A story's review queue: its drafts and its claims on no proposition, each with a link to
edit it; drafts ticked are marked reviewed through timeline.editing, except those changed
since the queue was shown, which the page names with why."""

import html as html_lib
import re

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from tests.factories import make_actor, make_article, make_claim, make_proposition, make_story
from timeline import editing
from timeline.models import Claim

pytestmark = pytest.mark.django_db


@pytest.fixture
def story():
    return make_story("Pasukan", slug="pasukan")


@pytest.fixture
def claims(story):
    article = make_article(
        "Korut membantah mengirim pasukan, kata juru bicara. AS menyebut 10.000 tentara, "
        "kata Pentagon. Rusia diam, kata pengamat."
    )
    story.articles.add(article)
    troops = make_proposition(story, "Tentara Korut ada di Rusia", is_lead=True)
    actor = make_actor("North Korea")
    return {
        "tagged draft": make_claim(
            article, story=story, quote="Korut membantah mengirim pasukan", actor=actor,
            status="draft", proposition=troops, stance="disputes",
        ),
        "untagged draft": make_claim(
            article, story=story, quote="AS menyebut 10.000 tentara", actor=actor,
            kind="troop_count", number=10000, status="draft",
        ),
        "untagged reviewed": make_claim(
            article, story=story, quote="Rusia diam", actor=actor, kind="other",
        ),
        "done": make_claim(
            article, story=story, quote="kata juru bicara", actor=actor, kind="other",
            proposition=troops, stance="neither",
        ),
    }  # fmt: skip


def queue(story):
    return reverse("timeline:story-review", args=[story.slug])


def section(html: str, heading_id: str) -> str:
    start = html.index(f'id="{heading_id}"')
    end = html.find("</section>", start)
    return html[start:end]


def tick(claim) -> str:
    return f"{claim.pk}:{claim.version}"


def page_text(response) -> str:
    return re.sub(r"\s+", " ", html_lib.unescape(response.content.decode()))


def test_it_lists_drafts_and_claims_on_no_proposition_with_edit_links(editor_client, story, claims):
    other_story = make_story("Other")
    elsewhere = make_article("Korut diam saja, kata warga.")
    make_claim(elsewhere, story=other_story, quote="Korut diam saja", status="draft")
    gone = claims["untagged reviewed"]
    deleted = make_claim(gone.article, story=story, quote="kata Pentagon", status="draft")
    editing.claim_delete(deleted, editor=None)

    html = editor_client.get(queue(story)).content.decode()

    drafts, untagged = section(html, "drafts-heading"), section(html, "untagged-heading")
    assert "Drafts (2)" in drafts and "On no proposition (2)" in untagged
    assert "Korut membantah mengirim pasukan" in drafts and "AS menyebut 10.000" in drafts
    assert "AS menyebut 10.000" in untagged and "Rusia diam" in untagged
    assert "Korut membantah mengirim pasukan" not in untagged
    for text in ("kata juru bicara", "Korut diam saja", "kata Pentagon"):
        assert text not in html  # reviewed and tagged, another story's, deleted
    for name in ("tagged draft", "untagged draft", "untagged reviewed"):
        assert reverse("timeline:claim-edit", args=[claims[name].pk]) in html
    assert html.count('type="checkbox" name="claims"') == 2  # drafts only
    assert f'value="{tick(claims["tagged draft"])}"' in drafts


def test_ticked_drafts_are_marked_reviewed_through_editing(editor_client, story, claims, editor):
    tagged, untagged = claims["tagged draft"], claims["untagged draft"]

    response = editor_client.post(queue(story), {"claims": [tick(tagged), tick(untagged)]})

    assert response.status_code == 302 and response["Location"] == queue(story)
    for claim in (tagged, untagged):
        claim.refresh_from_db()
        assert (claim.status, claim.version, claim.updated_by) == ("reviewed", 2, editor)
        record = claim.history.latest()
        assert (record.history_change_reason, record.history_user) == ("marked reviewed", editor)
    page = editor_client.get(queue(story))
    assert "Marked 2 claims reviewed." in page_text(page)
    html = page.content.decode()
    # Reviewed on no proposition yet: still listed below, to be tagged.
    assert "No drafts" in section(html, "drafts-heading")
    assert "AS menyebut 10.000" in section(html, "untagged-heading")


def test_a_claim_changed_since_the_queue_was_shown_is_skipped_and_named(
    editor_client, story, claims, django_user_model
):
    tagged, untagged = claims["tagged draft"], claims["untagged draft"]
    shown = {"claims": [tick(tagged), tick(untagged)]}  # the page, as the editor loaded it
    rina = django_user_model.objects.create_user("rina")
    editing.claim_update(untagged, editor=rina, expected_version=1, note="angka dari Pentagon")

    response = editor_client.post(queue(story), shown, follow=True)

    tagged.refresh_from_db()
    untagged.refresh_from_db()
    assert tagged.status == "reviewed"
    assert (untagged.status, untagged.version) == ("draft", 2)
    text = page_text(response)
    assert "Marked 1 claim reviewed." in text
    assert (
        f"Not marked: claim {untagged.pk} ({untagged}): rina changed it since the queue was "
        "shown (version 1, now 2): edited public note. Check it, then mark it again." in text
    )


def test_a_claim_deleted_since_is_skipped(editor_client, story, claims, editor):
    draft = claims["tagged draft"]
    shown = {"claims": [tick(draft)]}
    editing.claim_delete(draft, editor=editor)
    response = editor_client.post(queue(story), shown, follow=True)
    assert "editor deleted it since" in page_text(response)
    draft.refresh_from_db()
    assert draft.status == "draft"


def test_a_claim_of_another_story_is_not_marked(editor_client, story, claims):
    elsewhere = make_claim(
        make_article("Korut diam, kata warga."), story=make_story("Other"), status="draft"
    )
    response = editor_client.post(queue(story), {"claims": [tick(elsewhere)]}, follow=True)
    assert f"Not marked: claim {elsewhere.pk}: it is not a claim of this story." in page_text(
        response
    )
    elsewhere.refresh_from_db()
    assert (elsewhere.status, elsewhere.version) == ("draft", 1)


@pytest.mark.parametrize(
    ("data", "message"),
    [
        ({}, "Tick the drafts to mark reviewed first."),
        ({"claims": ["abc"]}, "The ticked claims came back unreadable"),
        ({"claims": ["12"]}, "The ticked claims came back unreadable"),
        ({"claims": ["1:2\x00"]}, "The ticked claims came back unreadable"),
        ({"claims": [f"{n}:1" for n in range(1, 202)]}, "Mark at most 200 claims at once."),
    ],
)
def test_bad_input_is_a_400_and_marks_nothing(editor_client, story, claims, data, message):
    before = list(Claim.objects.order_by("pk").values())
    response = editor_client.post(queue(story), data)
    assert response.status_code == 400
    assert message in page_text(response)
    assert list(Claim.objects.order_by("pk").values()) == before


def test_the_queue_is_paged(editor_client, story, monkeypatch):
    from timeline import story_views

    monkeypatch.setattr(story_views, "QUEUE_PAGE_SIZE", 2)
    article = make_article("Satu, dua, tiga, empat, lima.")
    story.articles.add(article)
    for word in ("Satu", "dua", "tiga"):
        make_claim(article, story=story, quote=word, status="draft")

    first = editor_client.get(queue(story)).content.decode()
    second = editor_client.get(queue(story), {"drafts": 2}).content.decode()

    assert section(first, "drafts-heading").count('name="claims"') == 2
    assert "Page 1 of 2" in first and '?drafts=2"' in first
    assert section(second, "drafts-heading").count('name="claims"') == 1


def test_the_queue_makes_the_same_queries_at_1_and_30_claims(
    editor_client, story, django_assert_num_queries
):
    article = make_article(", ".join(f"Kalimat nomor {n}" for n in range(40)) + ".")
    story.articles.add(article)
    troops = make_proposition(story, "Tentara Korut ada di Rusia")

    def add(n):
        make_claim(
            article, story=story, quote=f"Kalimat nomor {n}", status="draft",
            actor=make_actor(f"Actor {n}"), via=make_actor(f"Via {n}"),
            **({"proposition": troops} if n % 2 else {}),
        )  # fmt: skip

    add(0)
    with CaptureQueriesContext(connection) as one:
        editor_client.get(queue(story))
    for n in range(1, 30):
        add(n)
    with django_assert_num_queries(len(one)):
        html = editor_client.get(queue(story)).content.decode()
    assert section(html, "drafts-heading").count('name="claims"') == 30
