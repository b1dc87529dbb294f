"""Claim pages and the editor's writes, through the views, as editors and readers use them."""

import re
from datetime import UTC, date, datetime

import pytest
from django.test import Client
from django.urls import reverse

from tests.factories import (
    PASSWORD,
    default_story,
    make_actor,
    make_article,
    make_claim,
    make_proposition,
    make_story,
    make_user,
)
from timeline.editing import actor_create, claim_delete, claim_update
from timeline.models import Actor, Claim, Proposition

pytestmark = pytest.mark.django_db

BODY = (
    "Korut membantah mengirim pasukan ke Rusia, kata juru bicara.\n\n"
    "AS pada Rabu (30/10) mengatakan 10.000 tentara Korut telah tiba di Rusia. "
    "Ukraina mengatakan pasukan Korut bertempur di Kursk.\n\n"
    "Ukraina mengatakan pasukan Korut bertempur lagi pekan lalu."
)
HX = {"HTTP_HX_REQUEST": "true"}


@pytest.fixture
def story():
    return default_story()


@pytest.fixture
def article(story):
    article = make_article(BODY, published_on=date(2024, 11, 4))
    story.articles.add(article)
    return article


@pytest.fixture
def usa():
    government = make_actor("United States", country="US", aliases=["AS", "Amerika Serikat"])
    pentagon = make_actor(
        "US Department of Defense", country="", affiliation=government, aliases=["Pentagon"]
    )
    return make_actor("Lloyd Austin", country="", kind="person", affiliation=pentagon)


def selection(article, text, **fields):
    start = article.body.index(text)
    return {
        "article": article.slug,
        "start": start,
        "end": start + len(text),
        "quote": text,
        "kind": "denial",
        "stated_precision": "day",
        "event_precision": "day",
        "status": "draft",
    } | fields


def edit_data(claim, **fields):
    return {
        "start": claim.start,
        "end": claim.end,
        "quote": claim.quote,
        "actor": claim.actor_id,
        "kind": claim.kind,
        "number": claim.number or "",
        "stated_on": claim.stated_on.isoformat() if claim.stated_on else "",
        "stated_precision": claim.stated_precision,
        "stated_evidence": claim.stated_evidence,
        "event_precision": claim.event_precision,
        "status": claim.status,
        "note": claim.note,
        "version": claim.version,
    } | fields


def logged_in(user):
    client = Client()
    client.force_login(user)
    return client


def form_value(html, name):
    match = re.search(rf'name="{name}"[^>]*value="([^"]*)"', html) or re.search(
        rf'value="([^"]*)"[^>]*name="{name}"', html
    )
    return match and match.group(1)


# --- Readers cannot write -----------------------------------------------------------------


@pytest.fixture
def write_requests(article, usa):
    claim = make_claim(article, quote="Korut membantah", actor=usa)
    deleted = make_claim(article, quote="juru bicara", actor=usa)
    deleted.deleted_at = deleted.created_at
    deleted.save()
    new_claim = selection(
        article, "10.000 tentara", kind="troop_count", number="10000", actor=usa.pk
    )
    return [
        ("timeline:claim-create", [], new_claim),
        ("timeline:claim-edit", [claim.pk], edit_data(claim, note="overwritten")),
        ("timeline:claim-delete", [claim.pk], {}),
        ("timeline:claim-restore", [deleted.pk], {}),
        (
            "timeline:actor-create",
            [],
            {
                "new-actor-name": "Kremlin",
                "new-actor-kind": "government",
                "new-actor-country": "RU",
            },
        ),
        (
            "timeline:proposition-create-inline",
            [claim.story.slug],
            new_claim | {"new-proposition-statement": "Pasukan Korut ada di Rusia"},
        ),
    ]


def snapshot():
    return (
        Claim.objects.count(),
        Actor.objects.count(),
        Proposition.objects.count(),
        sorted(Claim.objects.values_list("pk", "version", "note", "deleted_at")),
    )


@pytest.mark.parametrize("method", ["get", "post"])
def test_anonymous_users_are_sent_to_log_in_and_nothing_is_written(client, write_requests, method):
    before = snapshot()
    for name, args, data in write_requests:
        url = reverse(name, args=args)
        response = getattr(client, method)(url + "?article=x", data)
        assert response.status_code == 302, name
        assert response.url.startswith("/accounts/login/?next="), name
    assert snapshot() == before


@pytest.mark.parametrize("method", ["get", "post"])
def test_readers_get_403_and_nothing_is_written(reader_client, write_requests, method):
    before = snapshot()
    for name, args, data in write_requests:
        url = reverse(name, args=args)
        response = getattr(reader_client, method)(url, data)
        assert response.status_code == 403, name
        response = getattr(reader_client, method)(url, data, **HX)
        assert response.status_code == 403, name
    assert snapshot() == before


def test_anonymous_htmx_request_is_redirected_to_log_in_by_htmx(client, write_requests):
    name, args, data = write_requests[0]
    response = client.post(reverse(name, args=args), data, **HX)
    assert response.headers["HX-Redirect"].startswith("/accounts/login/")
    assert Claim.objects.count() == 2


def test_the_write_check_itself_works_for_editors(editor_client, write_requests):
    """The same requests from an editor do write: the readers' tests above can fail."""
    before = snapshot()
    for name, args, data in write_requests:
        response = editor_client.post(reverse(name, args=args), data)
        # A proposition added from the claim form comes back in the claim form, unsaved.
        expected = 200 if name == "timeline:proposition-create-inline" else 302
        assert response.status_code == expected, (name, response.content.decode()[:2000])
    assert snapshot() != before
    assert Claim.objects.count() == 3
    assert Actor.objects.filter(name="Kremlin").exists()
    assert Proposition.objects.filter(statement="Pasukan Korut ada di Rusia").exists()


# --- Creating ------------------------------------------------------------------------------


def test_selection_opens_a_prefilled_form_in_the_panel(editor_client, article):
    start = BODY.index("10.000 tentara")
    url = reverse("timeline:claim-create")
    response = editor_client.get(
        url,
        {"article": article.slug, "start": start, "end": start + 14, "quote": "10.000 tentara"},
        **HX,
    )
    html = response.content.decode()
    assert response.status_code == 200
    assert "<html" not in html  # a partial for the panel
    assert 'hx-post="/claims/new/"' in html
    assert '<blockquote class="quote-preview" lang="id">10.000 tentara</blockquote>' in html
    assert form_value(html, "start") == str(start)
    assert form_value(html, "stated_on") == "2024-10-30"
    assert form_value(html, "stated_evidence") == "Rabu (30/10)"


def test_a_selection_that_does_not_match_falls_back_to_finding_the_quote(editor_client, article):
    response = editor_client.get(
        reverse("timeline:claim-create"),
        {"article": article.slug, "start": 3, "end": 9, "quote": "10.000 tentara"},
        **HX,
    )
    html = response.content.decode()
    assert '<textarea name="quote"' in html
    assert "10.000 tentara</textarea>" in html


def test_create_without_htmx_redirects_to_the_claim_in_its_article(editor_client, article, usa):
    data = selection(
        article, "10.000 tentara Korut", kind="troop_count", number="10.000", actor=usa.pk
    )
    response = editor_client.post(reverse("timeline:claim-create"), data, follow=True)
    claim = Claim.objects.get()
    assert response.redirect_chain[-1][0] == f"/articles/{article.slug}/#claim-{claim.pk}"
    html = response.content.decode()
    assert "Claim saved as Draft" in html
    assert f'id="claim-{claim.pk}"' in html
    assert (claim.number, claim.stated_on, claim.created_by.username) == (
        10000,
        date(2024, 10, 30),
        "editor",
    )


def test_create_with_htmx_swaps_in_the_new_highlight(editor_client, article, usa):
    data = selection(
        article, "pasukan Korut bertempur di Kursk", kind="combat_report", actor=usa.pk
    )
    response = editor_client.post(reverse("timeline:claim-create"), data, **HX)
    claim = Claim.objects.get()
    html = response.content.decode()
    assert response.status_code == 200
    assert "Claim saved" in html  # the panel's message
    assert '<div id="article-body" hx-swap-oob="innerHTML">' in html
    assert f'id="claim-{claim.pk}"' in html
    assert "kind-combat_report" in html
    assert '<div id="claims-section" hx-swap-oob="innerHTML">' in html


def test_create_errors_come_back_next_to_their_fields(editor_client, article, usa):
    data = selection(
        article,
        "10.000 tentara",
        kind="troop_count",
        actor=usa.pk,
        stated_on="2024-02-30",
        quote="10.000 prajurit",
    )
    response = editor_client.post(reverse("timeline:claim-create"), data, **HX)
    html = response.content.decode()
    assert response.status_code == 200
    assert "A troop count needs a number." in html
    assert "Enter a real date" in html
    assert "The quote must be exactly the article&#x27;s text" in html
    assert Claim.objects.count() == 0


def test_create_needs_an_article(editor_client):
    assert editor_client.get(reverse("timeline:claim-create")).status_code == 400
    response = editor_client.get(reverse("timeline:claim-create"), {"article": "nope"})
    assert response.status_code == 404


# --- The no-JavaScript path -----------------------------------------------------------------


def test_paste_form_is_a_plain_page(editor_client, article):
    response = editor_client.get(reverse("timeline:claim-create"), {"article": article.slug})
    html = response.content.decode()
    assert "<html" in html
    assert "hx-post" not in html  # a plain form: works without JavaScript
    assert '<textarea name="quote"' in html
    assert 'name="context_before"' in html


def pasted(article, usa, text, **fields):
    data = selection(article, "Korut membantah", quote=text, actor=usa.pk, **fields)
    data["start"] = data["end"] = ""
    return data


def test_paste_found(editor_client, article, usa):
    response = editor_client.post(
        reverse("timeline:claim-create"), pasted(article, usa, "mengirim pasukan ke Rusia")
    )
    assert response.status_code == 302
    claim = Claim.objects.get()
    assert (claim.start, claim.end) == (16, 41)


def test_paste_not_in_the_article(editor_client, article, usa):
    response = editor_client.post(
        reverse("timeline:claim-create"), pasted(article, usa, "Korut mengakui")
    )
    assert response.status_code == 200
    assert "This text is not in the article." in response.content.decode()
    assert Claim.objects.count() == 0


def test_paste_ambiguous_then_disambiguated(editor_client, article, usa):
    quote = "Ukraina mengatakan pasukan Korut bertempur"
    response = editor_client.post(reverse("timeline:claim-create"), pasted(article, usa, quote))
    assert "This text occurs 2 times in the article: add some of the words around it" in (
        response.content.decode()
    )
    assert Claim.objects.count() == 0
    response = editor_client.post(
        reverse("timeline:claim-create"), pasted(article, usa, quote, context_after="lagi")
    )
    assert response.status_code == 302
    assert Claim.objects.get().start == BODY.rindex(quote)


# --- Editing, reviewing, deleting, restoring -----------------------------------------------


@pytest.fixture
def draft(article, usa, editor):
    return make_claim(
        article,
        quote="10.000 tentara Korut",
        actor=usa,
        kind="troop_count",
        number=10000,
        status="draft",
        created_by=editor,
    )


def test_edit_form_opens_in_the_panel(editor_client, draft):
    response = editor_client.get(reverse("timeline:claim-edit", args=[draft.pk]), **HX)
    html = response.content.decode()
    assert "Edit claim" in html
    assert form_value(html, "version") == "1"
    assert f'hx-post="/claims/{draft.pk}/edit/"' in html
    assert f'action="/claims/{draft.pk}/delete/"' in html
    assert f"/claims/{draft.pk}/history/" in html


def test_edit_and_mark_reviewed(editor_client, draft):
    url = reverse("timeline:claim-edit", args=[draft.pk])
    response = editor_client.post(url, edit_data(draft, number="12.000", status="reviewed"))
    assert response.status_code == 302
    draft.refresh_from_db()
    assert (draft.number, draft.status, draft.version) == (12000, "reviewed", 2)
    assert draft.history.latest().history_user.username == "editor"
    assert Client().get(draft.get_absolute_url()).status_code == 200  # readers see it now


def test_save_as_reviewed_button(editor_client, draft):
    url = reverse("timeline:claim-edit", args=[draft.pk])
    data = edit_data(draft)
    data["status"] = ["draft", "reviewed"]  # the select, then the button that was pressed
    response = editor_client.post(url, data, **HX)
    assert response.status_code == 200
    draft.refresh_from_db()
    assert draft.status == "reviewed"
    assert draft.history.latest().history_change_reason == "marked reviewed"


def test_edit_with_htmx_rerenders_the_highlights(editor_client, draft):
    url = reverse("timeline:claim-edit", args=[draft.pk])
    response = editor_client.post(url, edit_data(draft, kind="allegation", number=""), **HX)
    html = response.content.decode()
    assert "kind-allegation" in html and f'id="claim-{draft.pk}"' in html


def test_edit_errors_keep_the_claim(editor_client, draft):
    url = reverse("timeline:claim-edit", args=[draft.pk])
    response = editor_client.post(url, edit_data(draft, number="5", number_max="4"))
    assert "The upper number (4) is below the lower one (5)." in response.content.decode()
    draft.refresh_from_db()
    assert (draft.number, draft.version) == (10000, 1)


def test_delete_and_restore_through_the_views(editor_client, draft):
    delete = reverse("timeline:claim-delete", args=[draft.pk])
    assert "Delete this claim?" in editor_client.get(delete).content.decode()
    response = editor_client.post(delete, **HX)
    html = response.content.decode()
    assert "Claim deleted." in html
    assert f'hx-post="/claims/{draft.pk}/restore/"' in html  # undo
    assert f'id="claim-{draft.pk}"' not in html  # gone from the text
    draft.refresh_from_db()
    assert draft.deleted_at is not None
    assert Claim.objects.count() == 1

    page = editor_client.get(draft.get_absolute_url()).content.decode()
    assert "This claim was deleted" in page

    response = editor_client.post(reverse("timeline:claim-restore", args=[draft.pk]))
    assert response.status_code == 302
    draft.refresh_from_db()
    assert draft.deleted_at is None
    assert draft.version == 3


def test_editing_a_deleted_claim_asks_to_restore_it_first(editor_client, draft, editor):
    claim_delete(draft, editor=editor)
    response = editor_client.get(reverse("timeline:claim-edit", args=[draft.pk]), follow=True)
    assert "restore it before editing it" in response.content.decode()


# --- Two editors, one claim ---------------------------------------------------------------


def test_conflict_second_save_refused_with_what_changed_and_input_kept(editor_client, draft):
    other = logged_in(make_user("first", editor=True))
    url = reverse("timeline:claim-edit", args=[draft.pk])
    # Both open the claim at version 1.
    assert form_value(other.get(url).content.decode(), "version") == "1"
    assert form_value(editor_client.get(url).content.decode(), "version") == "1"

    assert (
        other.post(url, edit_data(draft, number="14.000", note="angka Ukraina")).status_code == 302
    )

    response = editor_client.post(url, edit_data(draft, number="11000", stated_evidence="mine"))
    html = response.content.decode()
    assert response.status_code == 409
    assert "Not saved: first changed this claim while you were editing it" in html
    assert "(edited number, public note)" in html
    assert "Number: 14,000 (yours: 11,000)" in html
    assert "Public note: angka Ukraina" in html
    assert form_value(html, "number") == "11000"  # the second editor's input is kept
    assert form_value(html, "stated_evidence") == "mine"
    draft.refresh_from_db()
    assert (draft.number, draft.note, draft.version) == (14000, "angka Ukraina", 2)

    # Knowing what changed, saving again goes through.
    assert form_value(html, "version") == "2"
    again = edit_data(draft, number="11000", note="angka Ukraina", version=2)
    assert editor_client.post(url, again).status_code == 302
    draft.refresh_from_db()
    assert (draft.number, draft.version) == (11000, 3)


def test_conflict_with_htmx_stays_in_the_panel(editor_client, draft, editor):
    claim_update(draft, editor=editor, expected_version=1, kind="casualty_count")
    url = reverse("timeline:claim-edit", args=[draft.pk])
    response = editor_client.post(url, edit_data(draft, version=1, note="x"), **HX)
    assert response.status_code == 200  # htmx swaps only 2xx
    assert "Kind: Casualty count" in response.content.decode()


# --- Claim page and history ---------------------------------------------------------------


@pytest.fixture
def reviewed(article, usa):
    kcna = make_actor("KCNA", country="KP", kind="state_media")
    return make_claim(
        article,
        quote="10.000 tentara Korut telah tiba",
        actor=usa,
        via=kcna,
        kind="troop_count",
        number=10000,
        number_max=12000,
        stated_evidence="Rabu (30/10)",
        stated_on=date(2024, 10, 30),
    )


def test_claim_page_shows_the_claim_in_context(client, reviewed):
    html = client.get(reviewed.get_absolute_url()).content.decode()
    assert "10.000 tentara Korut telah tiba" in html
    assert "Lloyd Austin → US Department of Defense → United States" in html
    assert "(side: US)" in html
    assert "Troop count" in html
    assert "10,000–12,000" in html
    assert "30 Oct 2024" in html and "from “Rabu (30/10)”" in html
    assert "KCNA" in html
    assert "Reviewed" in html
    assert f'href="/articles/{reviewed.article.slug}/#claim-{reviewed.pk}"' in html
    assert "/edit/" not in html and "/delete/" not in html


def test_claim_page_for_editors_has_edit_links(editor_client, reviewed):
    html = editor_client.get(reviewed.get_absolute_url()).content.decode()
    assert f"/claims/{reviewed.pk}/edit/" in html
    assert f"/claims/{reviewed.pk}/delete/" in html


def test_readers_do_not_see_drafts_or_deleted_claims(draft, reviewed, editor, reader):
    claim_delete(reviewed, editor=editor)
    editor_client = logged_in(editor)
    for reader_client in (Client(), logged_in(reader)):
        for claim in (draft, reviewed):
            assert reader_client.get(claim.get_absolute_url()).status_code == 404
            history = reverse("timeline:claim-history", args=[claim.pk])
            assert reader_client.get(history).status_code == 404
    assert editor_client.get(draft.get_absolute_url()).status_code == 200
    assert editor_client.get(reviewed.get_absolute_url()).status_code == 200


def test_history_lists_versions_who_and_what_changed(editor_client, draft, editor):
    second = make_user("second", editor=True)
    claim_update(draft, editor=second, expected_version=1, number=12000)
    claim_delete(draft, editor=editor)
    html = editor_client.get(reverse("timeline:claim-history", args=[draft.pk])).content.decode()
    assert html.count('class="version"') == 3
    assert "Version 3" in html and "Version 2" in html and "Version 1" in html
    assert "by second" in html and "by editor" in html
    assert "edited number" in html
    assert "<td>Number</td><td>10,000</td><td>12,000</td>" in html
    assert "deleted" in html
    assert f'action="/claims/{draft.pk}/restore/"' in html  # a deleted claim can be restored


def test_history_is_readable_by_readers_without_restore(client, reviewed):
    html = client.get(reverse("timeline:claim-history", args=[reviewed.pk])).content.decode()
    assert "Version 1" in html
    assert "restore" not in html.lower()


@pytest.fixture
def worked_on(draft, editor):
    """A claim drafted, reviewed, edited, sent back to draft and reviewed again."""
    alice = make_user("alice", editor=True)
    steps = [
        (alice, {"number": 11000, "note": "ask the desk: is it 11,000?"}),  # v2, draft
        (editor, {"status": "reviewed"}),  # v3: the first version readers saw
        (editor, {"number": 12000, "note": "Pentagon figure"}),  # v4, reviewed
        (alice, {"status": "draft", "number": 99999, "note": "typo?"}),  # v5, draft
        (alice, {"status": "reviewed", "number": 13000, "note": "Pentagon figure"}),  # v6
    ]
    for version, (who, changes) in enumerate(steps, start=1):
        draft = claim_update(draft, editor=who, expected_version=version, **changes)
    return draft


def test_readers_see_the_reviewed_versions_only_and_no_login_names(worked_on):
    url = reverse("timeline:claim-history", args=[worked_on.pk])
    for reader_client in (Client(), logged_in(make_user("reader"))):
        html = reader_client.get(url).content.decode()
        assert html.count('class="version"') == 3
        assert "Version 6" in html and "Version 4" in html and "Version 3" in html
        assert "Version 5" not in html and "Version 2" not in html
        # Each reviewed version against the one readers saw before it, never a draft.
        assert "<td>Number</td><td>12,000</td><td>13,000</td>" in html
        assert "<td>Number</td><td>11,000</td><td>12,000</td>" in html
        assert (
            "<td>Public note</td><td>ask the desk: is it 11,000?</td><td>Pentagon figure</td>"
            in html
        )
        assert "99,999" not in html and "typo?" not in html and "10,000" not in html
        assert "alice" not in html and "by editor" not in html
        assert html.count("by an editor") == 3
        assert "First published version" in html


def test_editors_see_every_version_with_who_made_it(editor_client, worked_on):
    html = editor_client.get(
        reverse("timeline:claim-history", args=[worked_on.pk])
    ).content.decode()
    assert html.count('class="version"') == 6
    assert "by alice" in html and "by editor" in html
    assert "<td>Number</td><td>12,000</td><td>99,999</td>" in html
    assert "typo?" in html
    assert "by an editor" not in html


# --- Actors --------------------------------------------------------------------------------


def test_actor_search_matches_aliases(client, usa):
    response = client.get(
        reverse("timeline:actor-search"), {"q": "amerika", "field": "actor"}, **HX
    )
    html = response.content.decode()
    assert "United States" in html
    assert "Lloyd Austin" not in html
    assert f"pick={usa.affiliation.affiliation.pk}" in html
    html = client.get(reverse("timeline:actor-search"), {"q": "pentagon"}).content.decode()
    assert "US Department of Defense" in html and "<html" in html


def test_picking_an_actor_sets_the_select(editor_client, usa):
    response = editor_client.get(
        reverse("timeline:actor-search"), {"pick": usa.pk, "field": "via"}, **HX
    )
    html = response.content.decode()
    assert 'id="via-choice"' in html
    assert f'<option value="{usa.pk}" selected>' in html


@pytest.mark.parametrize("pick", ["", "abc", "-1", "1.0", "1" * 19, "1\x00"])
def test_picking_no_actor_id_is_not_found(editor_client, usa, pick):
    response = editor_client.get(reverse("timeline:actor-search"), {"pick": pick}, **HX)
    assert response.status_code == 404


def test_actor_search_reads_a_long_query_or_an_unknown_field_as_it_can(editor_client, usa):
    url = reverse("timeline:actor-search")
    html = editor_client.get(url, {"q": "qw\x00qw" + "x" * 200}, **HX).content.decode()
    # At most 100 characters are searched, without the NUL PostgreSQL refuses. (A name
    # before the x's would be found: a long query still matches a name it spells.)
    searched = re.search("No actor matches “([^”]*)”", html).group(1)
    assert searched.startswith("qwqwxxx") and len(searched) <= 100
    html = editor_client.get(url, {"q": "pentagon", "field": "?"}, **HX).content.decode()
    assert "field=actor" in html and 'hx-target="#actor-choice"' in html  # the actor's select


def test_new_actor_inline_returns_it_chosen(editor_client, usa):
    data = {
        "new-actor-name": "Kim Yong-hyun",
        "new-actor-kind": "person",
        "new-actor-country": "kr",
        "new-actor-aliases": "Menhan Korsel",
        "field": "actor",
    }
    response = editor_client.post(reverse("timeline:actor-create"), data, **HX)
    actor = Actor.objects.get(name="Kim Yong-hyun")
    html = response.content.decode()
    assert 'id="actor-choice"' in html
    assert f'<option value="{actor.pk}" selected>' in html
    assert (actor.country, actor.aliases) == ("KR", ["Menhan Korsel"])
    assert actor.history.get().history_user.username == "editor"


def test_new_actor_errors_go_back_to_its_own_form(editor_client, usa):
    data = {"new-actor-name": "", "new-actor-kind": "person", "new-actor-country": "Korea"}
    response = editor_client.post(reverse("timeline:actor-create"), data, **HX)
    assert response.headers["HX-Retarget"] == "#new-actor-box"
    assert "Use the two-letter country code" in response.content.decode()
    assert Actor.objects.count() == 3


def test_new_actor_without_javascript(editor_client):
    response = editor_client.get(reverse("timeline:actor-create"))
    assert "<html" in response.content.decode()
    data = {
        "new-actor-name": "Kremlin",
        "new-actor-kind": "government",
        "new-actor-country": "RU",
        "next": "/claims/new/?article=x",
    }
    response = editor_client.post(reverse("timeline:actor-create"), data)
    assert response.url == "/claims/new/?article=x"
    data["new-actor-name"], data["next"] = "Moskow", "https://evil.example/"
    response = editor_client.post(reverse("timeline:actor-create"), data)
    assert response.url.startswith("/actors/search/")


@pytest.mark.parametrize(
    "next_url",
    ["abc", "https://evil.example/", "//evil.example/", "/\\evil.example", "javascript:x"],
)
def test_a_next_that_is_no_path_on_this_site_goes_to_the_default(editor_client, next_url):
    data = {"new-actor-name": "Kremlin", "new-actor-kind": "government", "next": next_url}
    response = editor_client.post(reverse("timeline:actor-create"), data)
    assert response.status_code == 302
    assert response.url == "/actors/search/?q=Kremlin"
    assert Actor.objects.get().name == "Kremlin"
    page = editor_client.get(reverse("timeline:actor-create"), {"next": next_url})
    assert 'name="next"' not in page.content.decode()


def test_a_name_that_exists_in_another_case_is_refused_naming_the_one_to_pick(editor_client):
    data = {"new-actor-name": "kremlin", "new-actor-kind": "government"}
    actor_create(name="Kremlin", editor=make_user(editor=True))

    response = editor_client.post(reverse("timeline:actor-create"), data, **HX)

    assert response.headers["HX-Retarget"] == "#new-actor-box"
    assert "There is already an actor called “Kremlin”: pick it instead." in (
        response.content.decode()
    )
    assert Actor.objects.count() == 1


# --- Login, logout, lockout ---------------------------------------------------------------


def test_login_page_and_logout(client, editor):
    html = client.get("/accounts/login/?next=/claims/new/").content.decode()
    assert 'name="username"' in html and 'value="/claims/new/"' in html
    response = client.post("/accounts/login/", {"username": "editor", "password": "wrong"})
    assert "do not match" in response.content.decode()
    response = client.post(
        "/accounts/login/", {"username": "editor", "password": PASSWORD, "next": "/claims/1/"}
    )
    assert response.url == "/claims/1/"
    assert client.get("/accounts/logout/").status_code == 405  # logging out is a POST
    client.post("/accounts/logout/")
    assert client.get(reverse("timeline:claim-create")).status_code == 302


def test_repeated_failures_show_the_lockout_page(client, editor, settings):
    for _ in range(settings.AXES_FAILURE_LIMIT):
        response = client.post("/accounts/login/", {"username": "editor", "password": "wrong"})
    assert "Too many failed attempts" in response.content.decode()


# --- Editor defects: duplicates, suggestions, numbers, notes, deleted claims, labels -------


def test_saving_the_same_claim_twice_is_refused_with_a_link_to_the_first(
    editor_client, article, usa, story
):
    data = selection(article, "Korut membantah", actor=usa.pk)
    assert editor_client.post(reverse("timeline:claim-create"), data).status_code == 302
    first = Claim.objects.get()
    response = editor_client.post(reverse("timeline:claim-create"), data, **HX)
    html = response.content.decode()
    assert f"This claim already exists: claim {first.pk} has the same words" in html
    assert f'href="{first.get_absolute_url()}"' in html
    assert Claim.objects.count() == 1
    # The timeline counts it once.
    first.status = "reviewed"
    first.save()
    timeline = Client().get(story.get_absolute_url()).content.decode()
    assert "1 claim." in re.sub(r"\s+", " ", timeline)


def test_editing_a_claim_into_a_copy_of_another_is_refused(editor_client, article, usa):
    first = make_claim(article, quote="Korut membantah", actor=usa, kind="denial")
    second = make_claim(article, quote="Korut membantah", actor=usa, kind="allegation")
    url = reverse("timeline:claim-edit", args=[second.pk])
    response = editor_client.post(url, edit_data(second, kind="denial"))
    assert f"claim {first.pk} has the same words" in response.content.decode()
    second.refresh_from_db()
    assert (second.kind, second.version) == ("allegation", 1)


def test_restoring_a_claim_that_was_tagged_again_meanwhile_is_refused(editor_client, article, usa):
    old = make_claim(article, quote="Korut membantah", actor=usa)
    claim_delete(old, editor=None)
    again = make_claim(article, quote="Korut membantah", actor=usa)
    response = editor_client.post(reverse("timeline:claim-restore", args=[old.pk]), follow=True)
    assert f"claim {again.pk} has the same words" in response.content.decode()
    old.refresh_from_db()
    assert old.deleted_at is not None


def test_a_suggestion_opens_the_prefilled_form_and_saves_only_on_one_more_click(
    editor_client, article, usa
):
    page = editor_client.get(article.get_absolute_url()).content.decode()
    form = re.search(r'<form method="get" action="/claims/new/"[^>]*hx-get[^>]*>(.*?)</form>',
                     page, re.S)  # fmt: skip
    assert form, "the suggestion has no form that opens the claim form"
    fields = dict(re.findall(r'name="(\w+)" value="([^"]*)"', form.group(1)))
    assert "csrfmiddlewaretoken" not in fields
    response = editor_client.get(reverse("timeline:claim-create"), fields, **HX)
    html = response.content.decode()
    assert Claim.objects.count() == 0  # nothing saved yet: the guessed kind is to be checked
    assert "New claim" in html
    assert re.search(rf'<option value="{fields["kind"]}" selected>', html)
    assert form_value(html, "start") == fields["start"]
    saved = editor_client.post(
        reverse("timeline:claim-create"),
        fields | {"actor": usa.pk, "kind": "other", "number": ""},
    )
    assert saved.status_code == 302
    assert Claim.objects.get().kind == "other"


def test_a_number_on_a_kind_that_is_no_count_is_a_form_error(editor_client, article, usa):
    data = selection(article, "Korut membantah", actor=usa.pk, kind="other", number="1,500")
    response = editor_client.post(reverse("timeline:claim-create"), data)
    assert response.status_code == 200
    assert "A number goes with a troop count or a casualty count only" in (
        response.content.decode()
    )
    assert Claim.objects.count() == 0


@pytest.mark.parametrize("end", ["", "x"])
def test_a_start_without_a_valid_end_and_no_quote_is_a_form_error(
    editor_client, article, usa, draft, end
):
    data = selection(article, "Korut membantah", actor=usa.pk, quote="", end=end)
    response = editor_client.post(reverse("timeline:claim-create"), data)
    assert response.status_code == 200
    assert "Select or paste the words of the claim." in response.content.decode()
    url = reverse("timeline:claim-edit", args=[draft.pk])
    response = editor_client.post(url, edit_data(draft, quote="", end=end))
    assert response.status_code == 200
    assert "Select or paste the words of the claim." in response.content.decode()
    draft.refresh_from_db()
    assert draft.version == 1


def test_the_internal_note_is_for_editors_only(editor_client, reviewed, editor):
    reader_client = logged_in(make_user("a-reader"))
    claim_update(
        reviewed, editor=editor, expected_version=1, note="Public words", internal_note="Ssst"
    )
    for url in (reviewed.get_absolute_url(), reverse("timeline:claim-history", args=[reviewed.pk])):
        reader_page = reader_client.get(url).content.decode()
        assert "Public words" in reader_page and "Ssst" not in reader_page
        assert "Ssst" not in Client().get(url).content.decode()
    page = editor_client.get(reviewed.get_absolute_url()).content.decode()
    assert re.search(r"Internal note.*editors only.*Ssst", page, re.S)
    history = editor_client.get(reverse("timeline:claim-history", args=[reviewed.pk]))
    assert "<td>Internal note</td><td>—</td><td>Ssst</td>" in history.content.decode()
    form = editor_client.get(reverse("timeline:claim-edit", args=[reviewed.pk])).content.decode()
    assert "Public note" in form and "Internal note (editors only)" in form


def test_deleted_claims_are_listed_for_editors_with_restore(editor_client, draft, reviewed, editor):
    reader_client, client = logged_in(make_user("a-reader")), Client()
    claim_delete(draft, editor=editor)
    url = reverse("timeline:claims-deleted")
    assert reader_client.get(url).status_code == 403
    assert client.get(url).status_code == 302
    html = editor_client.get(url).content.decode()
    assert draft.quote in html and reviewed.quote not in html
    assert f'action="/claims/{draft.pk}/restore/"' in html
    assert "Deleted claims" in editor_client.get(draft.article.get_absolute_url()).content.decode()
    response = editor_client.post(
        reverse("timeline:claim-restore", args=[draft.pk]), {"next": url}, follow=True
    )
    assert response.redirect_chain[-1][0] == url
    assert "Claim restored." in response.content.decode()
    draft.refresh_from_db()
    assert draft.deleted_at is None


def test_changes_typed_into_a_claim_deleted_meanwhile_survive_and_can_be_saved(
    editor_client, draft
):
    other = make_user("other", editor=True)
    url = reverse("timeline:claim-edit", args=[draft.pk])
    assert form_value(editor_client.get(url).content.decode(), "version") == "1"
    claim_delete(draft, editor=other)
    typed = edit_data(draft, number="12.345", note="my careful note")
    response = editor_client.post(url, typed)
    html = response.content.decode()
    assert response.status_code == 409
    assert "Not saved: other deleted this claim while you were editing it" in html
    assert "my careful note" in html and form_value(html, "number") == "12.345"
    assert "Restore and save my changes" in html
    again = typed | {"version": form_value(html, "version"), "restore": "1"}
    assert editor_client.post(url, again).status_code == 302
    draft.refresh_from_db()
    assert (draft.deleted_at, draft.number, draft.note) == (None, 12345, "my careful note")
    assert draft.history.first().history_change_reason == "restored; edited number, public note"


def test_history_times_are_in_the_newsroom_time_zone_and_say_so(editor_client, draft, settings):
    record = draft.history.first()
    record.history_date = datetime(2024, 11, 6, 23, 30, tzinfo=UTC)
    record.save()
    html = editor_client.get(reverse("timeline:claim-history", args=[draft.pk])).content.decode()
    assert "7 Nov 2024, 06:30 (Asia/Jakarta)" in html
    settings.TIME_ZONE = "Europe/London"
    html = editor_client.get(reverse("timeline:claim-history", args=[draft.pk])).content.decode()
    assert "6 Nov 2024, 23:30 (Europe/London)" in html


def test_labels_read_as_a_person_writes_them(client, article, usa, story):
    claim = make_claim(article, quote="Korut membantah", actor=usa, stated_evidence="article date",
                       stated_on=date(2024, 11, 4))  # fmt: skip
    page = client.get(claim.get_absolute_url()).content.decode()
    assert "from the article&#x27;s date" in page and "“article date”" not in page
    listing = client.get(story.get_absolute_url(), {"kind": "denial"}).content.decode()
    listing = re.sub(r"\s+", " ", listing)
    assert "1 claim matches these filters" in listing
    assert ">Denial<" in page


# --- A claim's story, proposition, stance and number role ----------------------------------


@pytest.fixture
def troops(story):
    return make_proposition(
        story,
        "Pasukan Korut berada di Rusia",
        statement_en="North Korean troops are in Russia",
        cues=["tentara"],
    )


def test_a_claim_is_created_on_a_proposition_with_a_stance_and_a_role(
    editor_client, article, usa, story, troops
):
    data = selection(
        article,
        "10.000 tentara Korut",
        kind="troop_count",
        number="10.000",
        actor=usa.pk,
        proposition=troops.pk,
        stance="supports",
        number_role="part",
    )
    assert editor_client.post(reverse("timeline:claim-create"), data).status_code == 302
    claim = Claim.objects.get()
    assert (claim.story, claim.proposition, claim.stance, claim.number_role) == (
        story,
        troops,
        "supports",
        "part",
    )


def test_a_claim_is_created_on_a_proposition_with_htmx(editor_client, article, usa, troops):
    data = selection(article, "Korut membantah", actor=usa.pk, proposition=troops.pk,
                     stance="disputes")  # fmt: skip
    response = editor_client.post(reverse("timeline:claim-create"), data, **HX)
    assert response.status_code == 200
    assert "Claim saved" in response.content.decode()
    claim = Claim.objects.get()
    assert (claim.proposition, claim.stance, claim.number_role) == (troops, "disputes", "")


@pytest.mark.parametrize(
    ("fields", "field", "message"),
    [
        (
            {"stance": "disputes"},
            "proposition",
            "A stance is on a proposition: pick the proposition.",
        ),
        ({"number_role": "total"}, "number_role", "Only a count has a number to say this of."),
        ({"proposition": "other-story"}, "proposition", "That is not a proposition of this story"),
    ],
)
def test_tags_that_do_not_go_together_are_form_errors_and_write_nothing(
    editor_client, article, usa, troops, fields, field, message
):
    if fields.get("proposition") == "other-story":
        theirs = make_proposition(make_story("Senjata"), "Korut memasok senjata")
        fields = {"proposition": theirs.pk, "stance": "disputes"}
    data = selection(article, "Korut membantah", actor=usa.pk, **fields)
    for headers in ({}, HX):
        response = editor_client.post(reverse("timeline:claim-create"), data, **headers)
        assert response.status_code == 200
        html = response.content.decode()
        assert message in html.replace("&#x27;", "'")
        assert re.search(rf'id="id_{field}_error"', html), f"no error next to {field}"
    assert Claim.objects.count() == 0


def test_the_claim_form_tags_for_the_story_asked_else_the_article_s_first(
    editor_client, article, usa, story
):
    later = make_story("Senjata untuk Rusia")
    later.articles.add(article)
    url = reverse("timeline:claim-create")
    first = editor_client.get(url, {"article": article.slug}).content.decode()
    assert form_value(first, "story") == story.slug
    asked = editor_client.get(url, {"article": article.slug, "story": later.slug})
    assert form_value(asked.content.decode(), "story") == later.slug
    data = selection(article, "Korut membantah", actor=usa.pk, story=later.slug)
    assert editor_client.post(url, data).status_code == 302
    assert Claim.objects.get().story == later


def test_a_story_the_article_is_not_in_is_not_found_and_nothing_is_written(
    editor_client, article, usa
):
    elsewhere = make_story("Lain")
    url = reverse("timeline:claim-create")
    assert (
        editor_client.get(url, {"article": article.slug, "story": elsewhere.slug}).status_code
        == 404
    )
    data = selection(article, "Korut membantah", actor=usa.pk, story=elsewhere.slug)
    assert editor_client.post(url, data).status_code == 404
    assert editor_client.post(url, data | {"story": "no such/story"}).status_code == 404
    assert Claim.objects.count() == 0


def test_an_article_in_no_story_says_to_add_it_to_one_and_writes_nothing(editor_client, usa):
    loose = make_article("Korut membantah mengirim pasukan ke Rusia, kata juru bicara.")
    url = reverse("timeline:claim-create")
    for headers in ({}, HX):
        html = editor_client.get(url, {"article": loose.slug}, **headers).content.decode()
        assert "This article is in no story yet" in html
        assert f'href="{reverse("timeline:stories")}">add it to a story first</a>' in html
        assert 'name="quote"' not in html
    response = editor_client.post(url, selection(loose, "Korut membantah", actor=usa.pk))
    assert response.status_code == 400
    assert Claim.objects.count() == 0


def test_editing_a_claim_keeps_its_story(editor_client, article, draft, story):
    other = make_story("Senjata untuk Rusia")
    other.articles.add(article)
    url = reverse("timeline:claim-edit", args=[draft.pk])
    response = editor_client.post(url, edit_data(draft, note="checked", story=other.slug))
    assert response.status_code == 302
    draft.refresh_from_db()
    assert (draft.story, draft.note) == (story, "checked")


def test_a_suggested_claim_s_form_prefills_its_proposition_stance_and_role_as_suggestions(
    editor_client, article, troops
):
    start = BODY.index("10.000 tentara")
    response = editor_client.get(
        reverse("timeline:claim-create"),
        {"article": article.slug, "start": start, "end": start + 20, "kind": "troop_count",
         "number": "10000"},
        **HX,
    )  # fmt: skip
    html = response.content.decode()
    assert f'<option value="{troops.pk}" selected>' in html
    assert '<option value="supports" selected>' in html
    assert '<option value="total" selected>' in html
    assert "Suggested from “tentara” in its sentence: check it." in html
    assert "Suggested: a troop count usually supports it." in html


def test_claim_page_and_history_show_the_proposition_and_stance_to_readers(
    client, reviewed, troops, editor
):
    claim_update(reviewed, editor=editor, expected_version=1, proposition=troops,
                 stance="supports", internal_note="Ssst")  # fmt: skip
    page = re.sub(r"\s+", " ", client.get(reviewed.get_absolute_url()).content.decode())
    # In the reader's language (English, which the proposition has), the story's own after it.
    assert "North Korean troops are in Russia</span>" in page
    assert '<span class="meta" lang="id">(Pasukan Korut berada di Rusia)</span>' in page
    assert '<dd class="claim-stance">Supports</dd>' in page
    assert "10,000–12,000 (a range) · total" in page
    assert "Ssst" not in page
    history = client.get(reverse("timeline:claim-history", args=[reviewed.pk])).content.decode()
    assert "<td>Proposition</td><td>—</td><td>Pasukan Korut berada di Rusia</td>" in history
    assert "<td>Stance</td><td>—</td><td>Supports</td>" in history
    assert "Supports: <span" in history and "Ssst" not in history


def test_a_claim_on_no_proposition_says_so(client, reviewed):
    page = client.get(reviewed.get_absolute_url()).content.decode()
    assert '<dd class="claim-proposition">Not yet on a proposition</dd>' in page
    assert "claim-stance" not in page


# --- New propositions, created while tagging ----------------------------------------------


def new_proposition(**fields):
    values = {
        "statement": "Pasukan Korut bertempur di Kursk",
        "statement_en": "North Korean troops fight in Kursk",
        "parties": ["KP", "RU"],
        "cues": "bertempur",
    }
    return {f"new-proposition-{key}": value for key, value in (values | fields).items()}


def typed_claim(article, usa):
    """A claim form half filled in: what the editor had typed before adding a proposition."""
    return selection(article, "pasukan Korut bertempur di Kursk", kind="combat_report",
                     actor=usa.pk, note="Dari Kyiv", stated_on="2024-11-05")  # fmt: skip


def test_a_new_proposition_with_htmx_is_picked_in_the_claim_form(
    editor_client, article, usa, story
):
    url = reverse("timeline:proposition-create-inline", args=[story.slug])
    response = editor_client.post(url, typed_claim(article, usa) | new_proposition(), **HX)
    html = response.content.decode()
    proposition = Proposition.objects.get()
    assert (proposition.story, proposition.statement, proposition.parties) == (
        story,
        "Pasukan Korut bertempur di Kursk",
        ["KP", "RU"],
    )
    assert proposition.history.get().history_user.username == "editor"
    assert "<html" not in html
    assert '<div class="proposition-choice" id="proposition-choice">' in html
    assert f'<option value="{proposition.pk}" selected>' in html
    # The kind typed (a combat report) suggests the stance; the box comes back empty.
    assert '<option value="supports" selected>' in html
    assert 'id="new-proposition-box" class="new-proposition-box" hx-swap-oob="true"' in html
    assert "Pasukan Korut bertempur di Kursk</textarea>" not in html
    assert Claim.objects.count() == 0  # the claim is saved by its own button


def test_a_new_proposition_without_javascript_comes_back_in_the_claim_form_as_typed(
    editor_client, article, usa, story
):
    url = reverse("timeline:proposition-create-inline", args=[story.slug])
    response = editor_client.post(url, typed_claim(article, usa) | new_proposition())
    html = response.content.decode()
    proposition = Proposition.objects.get()
    assert response.status_code == 200
    assert "<html" in html and 'action="/claims/new/"' in html
    assert "Proposition added: Pasukan Korut bertempur di Kursk" in html
    assert f'<option value="{proposition.pk}" selected>' in html
    assert f'<option value="{usa.pk}" selected>' in html
    assert '<option value="combat_report" selected>' in html
    assert form_value(html, "stated_on") == "2024-11-05"
    assert "Dari Kyiv</textarea>" in html
    assert form_value(html, "start") == str(BODY.index("pasukan Korut bertempur di Kursk"))
    # A new actor, added next, comes back to the claim form (not to this POST's address).
    assert form_value(html, "next") == f"/claims/new/?article={article.slug}&amp;story={story.slug}"
    assert Claim.objects.count() == 0
    # Saving the form as it came back saves the claim on the new proposition.
    saved = typed_claim(article, usa) | {"proposition": proposition.pk, "stance": "supports"}
    assert editor_client.post(reverse("timeline:claim-create"), saved).status_code == 302
    assert Claim.objects.get().proposition == proposition


def test_a_new_proposition_from_an_edited_claim_keeps_its_version(editor_client, draft, story):
    url = reverse("timeline:proposition-create-inline", args=[story.slug])
    data = edit_data(draft, note="dicek", article=draft.article.slug) | {"claim": draft.pk}
    response = editor_client.post(url, data | new_proposition())
    html = response.content.decode()
    assert f'action="/claims/{draft.pk}/edit/"' in html
    assert form_value(html, "version") == "1"
    assert "dicek</textarea>" in html
    draft.refresh_from_db()
    assert (draft.version, draft.note, draft.proposition) == (1, "", None)


def test_new_proposition_errors_go_back_to_its_own_box_and_write_nothing(
    editor_client, article, usa, story
):
    url = reverse("timeline:proposition-create-inline", args=[story.slug])
    bad = typed_claim(article, usa) | new_proposition(statement="", parties=["KP", "FR"])
    response = editor_client.post(url, bad, **HX)
    assert response.headers["HX-Retarget"] == "#new-proposition-box"
    html = response.content.decode()
    assert "Write what is claimed, in a short sentence." in html
    assert "FR is not one of the available choices" in html
    assert 'id="new-proposition-box" class="new-proposition-box" open' in html
    response = editor_client.post(url, bad)
    html = response.content.decode()
    assert "Write what is claimed, in a short sentence." in html
    assert "Dari Kyiv</textarea>" in html  # the claim as typed, around the errors
    assert not Proposition.objects.exists()


def test_a_statement_the_story_has_is_refused_naming_it(editor_client, article, usa, story, troops):
    url = reverse("timeline:proposition-create-inline", args=[story.slug])
    data = typed_claim(article, usa) | new_proposition(statement="PASUKAN KORUT berada di Rusia")
    html = editor_client.post(url, data, **HX).content.decode()
    assert "“Pasukan Korut berada di Rusia” is already a proposition of this story" in html
    assert Proposition.objects.count() == 1


def test_a_proposition_is_added_only_to_a_story_of_the_article(editor_client, article, usa, draft):
    elsewhere = make_story("Lain")
    url = reverse("timeline:proposition-create-inline", args=[elsewhere.slug])
    assert editor_client.post(url, typed_claim(article, usa) | new_proposition()).status_code == 404
    # Nor through a claim of another story.
    elsewhere.articles.add(article)
    data = edit_data(draft, article=article.slug) | {"claim": draft.pk} | new_proposition()
    assert editor_client.post(url, data).status_code == 404
    assert editor_client.post(url, data | {"claim": "x"}).status_code == 404
    assert editor_client.get(url).status_code == 405
    assert not Proposition.objects.exists()


def test_the_claim_form_offers_a_new_proposition_box_that_posts_the_whole_form(
    editor_client, article, story
):
    html = editor_client.get(reverse("timeline:claim-create"), {"article": article.slug},
                             **HX).content.decode()  # fmt: skip
    form = re.search(r'<form method="post" class="claim-form".*?</form>', html, re.S).group()
    url = reverse("timeline:proposition-create-inline", args=[story.slug])
    assert f'formaction="{url}"' in form and f'hx-post="{url}"' in form
    assert 'name="new-proposition-statement"' in form
    assert 'name="new-proposition-parties" value="KP"' in form


def test_the_first_proposition_added_leads_its_story_and_the_next_comes_after(
    editor_client, article, usa, story
):
    url = reverse("timeline:proposition-create-inline", args=[story.slug])
    editor_client.post(url, typed_claim(article, usa) | new_proposition(), **HX)
    second = new_proposition(statement="Korut memasok senjata", statement_en="", parties=[])
    editor_client.post(url, typed_claim(article, usa) | second, **HX)
    assert list(story.propositions.values_list("slug", "order", "is_lead")) == [
        ("north-korean-troops-fight-in-kursk", 0, True),
        ("korut-memasok-senjata", 1, False),
    ]
