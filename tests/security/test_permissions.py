"""Who may write: only editors. Every URL that writes, for an anonymous visitor, a logged-in
reader (not in the editors group) and an editor, by GET and POST, plain and htmx: the others
get the login page or a 403 and not one row changes. CSRF is enforced on every write."""

import pytest
from django.contrib.auth.models import Permission
from django.test import Client
from django.urls import reverse

from articles.models import Article
from tests.factories import (
    make_actor,
    make_article,
    make_claim,
    make_proposition,
    make_story,
    make_user,
)
from timeline import story_editing
from timeline.models import Actor, Claim, Proposition, Story

pytestmark = pytest.mark.django_db

LOGIN = reverse("login")


@pytest.fixture
def world():
    """A story with an article in it that has one live claim, one deleted claim and a
    draft, a second article with no claim, a proposition; an article outside the story;
    an actor to tag with."""
    article = make_article(
        "Korut membantah mengirim pasukan ke Rusia, kata juru bicara. "
        "AS menyebut 10.000 tentara Korut berada di Rusia, kata Pentagon."
    )
    story = make_story("Pasukan Korut", slug="pasukan-korut", sides=[["KP", "North Korea"]])
    unquoted = make_article("Rusia diam saja, kata pengamat.", title="Rusia diam")
    outside = make_article("Pasukan Korut tiba di Kursk, kata pejabat.", title="Di Kursk")
    story.articles.add(article, unquoted)
    proposition = make_proposition(story, "Tentara Korut ada di Rusia", parties=["KP"])
    actor = make_actor("North Korea", aliases=["Korut"])
    claim = make_claim(article, quote="Korut membantah mengirim pasukan ke Rusia", actor=actor)
    draft = make_claim(article, quote="kata juru bicara", actor=actor, status="draft")
    deleted = make_claim(
        article, quote="AS menyebut 10.000 tentara Korut berada di Rusia", actor=actor,
        kind="troop_count", number=10000,
    )  # fmt: skip
    deleted.deleted_at = deleted.updated_at
    deleted.save()
    return {
        "article": article,
        "actor": actor,
        "claim": claim,
        "deleted": deleted,
        "draft": draft,
        "story": story,
        "proposition": proposition,
        "unquoted": unquoted,
        "outside": outside,
    }


def snapshot() -> dict:
    """Everything a write could change: rows, their values, and their history."""
    return {
        "claims": list(Claim.objects.order_by("pk").values()),
        "actors": list(Actor.objects.order_by("pk").values()),
        "articles": list(Article.objects.order_by("pk").values()),
        "claim history": Claim.history.count(),
        "actor history": Actor.history.count(),
        "stories": list(Story.objects.order_by("pk").values()),
        "story articles": list(Story.articles.through.objects.order_by("pk").values()),
        "propositions": list(Proposition.objects.order_by("pk").values()),
        "story history": Story.history.count(),
        "proposition history": Proposition.history.count(),
    }


def writes(world) -> dict[str, tuple[str, dict]]:
    """Each write URL with POST data that an editor's request would succeed with."""
    article, actor, claim, deleted = (world[k] for k in ("article", "actor", "claim", "deleted"))
    quote = "AS menyebut 10.000 tentara Korut"
    start = article.body.index(quote)
    return {
        "claim-create": (
            reverse("timeline:claim-create") + f"?article={article.slug}",
            {
                "article": article.slug,
                "start": start,
                "end": start + len(quote),
                "quote": quote,
                "actor": actor.pk,
                "kind": "troop_count",
                "number": "10.000",
                "number_role": "total",
                "stated_on": "2024-10-30",
                "stated_precision": "day",
                "event_precision": "day",
                "status": "draft",
                "note": "new",
            },
        ),
        "claim-edit": (
            reverse("timeline:claim-edit", args=[claim.pk]),
            {
                "start": claim.start,
                "end": claim.end,
                "quote": claim.quote,
                "actor": actor.pk,
                "kind": "denial",
                "stated_on": "2024-10-30",
                "stated_precision": "day",
                "event_precision": "day",
                "status": "reviewed",
                "note": "edited",
                "version": claim.version,
            },
        ),
        "claim-delete": (reverse("timeline:claim-delete", args=[claim.pk]), {}),
        "claim-restore": (reverse("timeline:claim-restore", args=[deleted.pk]), {}),
        "actor-create": (
            reverse("timeline:actor-create"),
            {
                "new-actor-name": "Kremlin",
                "new-actor-kind": "government",
                "new-actor-country": "RU",
                "new-actor-aliases": "Moskow",
            },
        ),
        **story_writes(world),
    }


def story_writes(world) -> dict[str, tuple[str, dict]]:
    """The editors' story pages (timeline.story_views)."""
    story, proposition, draft = world["story"], world["proposition"], world["draft"]
    story_fields = {
        "title": "Pasukan Korut di Rusia",
        "slug": story.slug,
        "dek": "Siapa menuduh, siapa membantah.",
        "language": "id",
        "sides": "KP North Korea\nRU Russia",
        "is_published": "on",
        "opened": story_editing.opened_at(story),
    }
    proposition_fields = {
        "statement": "Tentara Korut bertempur di Kursk",
        "order": "1",
        "parties": ["KP"],
    }
    return {
        "story-create": (
            reverse("timeline:story-create"),
            {**story_fields, "title": "Banjir Sigi", "slug": "banjir-sigi", "opened": ""},
        ),
        "story-edit": (reverse("timeline:story-edit", args=[story.slug]), story_fields),
        "story-proposition-create": (
            reverse("timeline:story-proposition-create", args=[story.slug]),
            proposition_fields,
        ),
        "story-proposition-edit": (
            reverse("timeline:story-proposition-edit", args=[story.slug, proposition.slug]),
            {
                **proposition_fields,
                "statement": "Tentara Korut ada di Rusia (edited)",
                "slug": proposition.slug,
                "is_lead": "on",
                "opened": story_editing.opened_at(proposition),
            },
        ),
        "story-articles": (
            reverse("timeline:story-articles", args=[story.slug]),
            {"articles": [world["outside"].pk]},
        ),
        "story-article-remove": (
            reverse("timeline:story-article-remove", args=[story.slug, world["unquoted"].slug]),
            {},
        ),
        "story-review": (
            reverse("timeline:story-review", args=[story.slug]),
            {"claims": [f"{draft.pk}:{draft.version}"]},
        ),
    }


WRITES = [
    "claim-create", "claim-edit", "claim-delete", "claim-restore", "actor-create",
    "story-create", "story-edit", "story-proposition-create", "story-proposition-edit",
    "story-articles", "story-article-remove", "story-review",
]  # fmt: skip


def admin_writes(world) -> dict[str, tuple[str, dict]]:
    claim, actor, article = world["claim"], world["actor"], world["article"]
    return {
        "admin claim change": (
            reverse("admin:timeline_claim_change", args=[claim.pk]),
            {"actor": actor.pk, "kind": "other", "status": "reviewed", "note": "admin"},
        ),
        "admin claim delete": (
            reverse("admin:timeline_claim_delete", args=[claim.pk]),
            {"post": "yes"},
        ),
        "admin actor add": (
            reverse("admin:timeline_actor_add"),
            {"name": "Kremlin", "slug": "kremlin", "kind": "government", "country": "RU"},
        ),
        "admin actor change": (
            reverse("admin:timeline_actor_change", args=[actor.pk]),
            {"name": "Renamed", "slug": actor.slug, "kind": "government", "country": "KP"},
        ),
        "admin actor delete": (
            reverse("admin:timeline_actor_delete", args=[actor.pk]),
            {"post": "yes"},
        ),
        "admin article change": (
            reverse("admin:articles_article_change", args=[article.pk]),
            {"title": "Renamed", "published_on": "2024-01-01", "published_precision": "day"},
        ),
        "admin article delete": (
            reverse("admin:articles_article_delete", args=[article.pk]),
            {"post": "yes"},
        ),
    }


def refused(response, *, login=LOGIN) -> bool:
    """The login page (a redirect, or htmx's client-side redirect) or 403."""
    if response.status_code == 403:
        return True
    if response.status_code == 302:
        return response["Location"].startswith(login)
    return response.get("HX-Redirect", "").startswith(login)


def client_for(who):
    client = Client()
    if who == "reader":
        client.force_login(make_user())
    elif who == "reader with view permissions":
        # May view claims (as in the admin) but not change them: still a reader.
        user = make_user()
        user.user_permissions.add(Permission.objects.get(codename="view_claim"))
        client.force_login(user)
    elif who == "editor":
        client.force_login(make_user(editor=True))
    return client


HTMX = {"HTTP_HX_REQUEST": "true"}


@pytest.mark.parametrize("who", ["anonymous", "reader", "reader with view permissions"])
@pytest.mark.parametrize("method", ["get", "post"])
@pytest.mark.parametrize("htmx", [False, True], ids=["plain", "htmx"])
@pytest.mark.parametrize("name", WRITES)
def test_non_editors_cannot_write(world, who, method, htmx, name):
    client = client_for(who)
    url, data = writes(world)[name]
    before = snapshot()

    response = getattr(client, method)(
        url, data if method == "post" else {}, **(HTMX if htmx else {})
    )

    assert refused(response), (response.status_code, response.headers)
    if who == "anonymous" and not htmx:
        assert response.status_code == 302  # sent to log in, and back afterwards
        assert "next=" in response["Location"]
    if who != "anonymous":
        assert response.status_code == 403
    assert snapshot() == before


@pytest.mark.parametrize("who", ["anonymous", "reader", "editor"])
@pytest.mark.parametrize("method", ["get", "post"])
def test_only_admins_reach_the_admin(world, who, method):
    client = client_for(who)
    for name, (url, data) in admin_writes(world).items():
        before = snapshot()
        response = getattr(client, method)(url, data if method == "post" else {})
        assert refused(response, login=reverse("admin:login")), (name, response.status_code)
        assert snapshot() == before, name


@pytest.mark.parametrize("htmx", [False, True], ids=["plain", "htmx"])
def test_editors_can_write_through_every_write_url(world, htmx):
    """The other side of the matrix: the same requests, from an editor, do write (so the
    refusals above are about who asks, not about the data)."""
    client = client_for("editor")
    extra = HTMX if htmx else {}
    claim, deleted = world["claim"], world["deleted"]

    for name, (url, _) in writes(world).items():
        before = snapshot()
        response = client.get(url, **extra)
        assert response.status_code == 200, name  # the form or the confirmation
        assert snapshot() == before, f"GET {name} wrote"

    urls = writes(world)
    claims, actors = Claim.objects.count(), Actor.objects.count()
    response = client.post(*urls["claim-create"], **extra)
    assert response.status_code in (200, 302), response.content[:2000]
    assert Claim.objects.count() == claims + 1
    assert Claim.objects.latest("pk").number == 10000

    response = client.post(*urls["claim-edit"], **extra)
    assert response.status_code in (200, 302)
    claim.refresh_from_db()
    assert (claim.note, claim.status, claim.version) == ("edited", "reviewed", 2)

    response = client.post(*writes(world)["claim-delete"], **extra)
    assert response.status_code in (200, 302)
    claim.refresh_from_db()
    assert claim.deleted_at is not None

    response = client.post(*urls["claim-restore"], **extra)
    assert response.status_code in (200, 302)
    deleted.refresh_from_db()
    assert deleted.deleted_at is None

    response = client.post(*urls["actor-create"], **extra)
    assert response.status_code in (200, 302)
    assert Actor.objects.count() == actors + 1
    assert Claim.history.count() >= 5  # every write left a history record

    story, proposition, draft = world["story"], world["proposition"], world["draft"]
    stories, propositions = Story.history.count(), Proposition.history.count()
    for name in ("story-create", "story-edit"):
        response = client.post(*urls[name], **extra)
        assert response.status_code == 302, (name, response.content[:2000])
    assert Story.objects.get(slug="banjir-sigi").sides == [["KP", "North Korea"], ["RU", "Russia"]]
    story.refresh_from_db()
    assert story.title == "Pasukan Korut di Rusia"

    for name in ("story-proposition-create", "story-proposition-edit"):
        response = client.post(*urls[name], **extra)
        assert response.status_code == 302, (name, response.content[:2000])
    proposition.refresh_from_db()
    assert proposition.statement == "Tentara Korut ada di Rusia (edited)"
    assert story.propositions.count() == 2

    assert client.post(*urls["story-articles"], **extra).status_code == 302
    assert client.post(*urls["story-article-remove"], **extra).status_code == 302
    assert set(story.articles.all()) == {world["article"], world["outside"]}

    assert client.post(*urls["story-review"], **extra).status_code == 302
    draft.refresh_from_db()
    assert draft.status == "reviewed"
    assert Story.history.count() > stories and Proposition.history.count() > propositions


@pytest.fixture
def csrf_editor():
    client = Client(enforce_csrf_checks=True)
    client.force_login(make_user(editor=True))
    return client


@pytest.mark.parametrize("htmx", [False, True], ids=["plain", "htmx"])
@pytest.mark.parametrize("name", WRITES)
def test_every_write_needs_the_csrf_token(world, csrf_editor, name, htmx):
    url, data = writes(world)[name]
    csrf_editor.get(world["article"].get_absolute_url())  # sets the CSRF cookie, as a visit would
    before = snapshot()

    response = csrf_editor.post(url, data, **(HTMX if htmx else {}))

    assert response.status_code == 403
    assert snapshot() == before


@pytest.mark.parametrize("htmx", [False, True], ids=["plain", "htmx"])
def test_a_write_with_the_token_goes_through(world, csrf_editor, htmx):
    """The token the page gives is enough: in the form for plain posts, in the X-CSRFToken
    header that <body hx-headers> adds for htmx."""
    page = csrf_editor.get(world["article"].get_absolute_url())
    token = page.cookies["csrftoken"].value
    url, data = writes(world)["actor-create"]
    before = Actor.objects.count()
    if htmx:
        response = csrf_editor.post(url, data, HTTP_X_CSRFTOKEN=token, **HTMX)
    else:
        response = csrf_editor.post(url, {**data, "csrfmiddlewaretoken": token})
    assert response.status_code in (200, 302)
    assert Actor.objects.count() == before + 1


def test_the_page_puts_the_csrf_token_in_the_htmx_headers(world, client):
    html = client.get(world["article"].get_absolute_url()).content.decode()
    assert 'hx-headers=\'{"X-CSRFToken": "' in html


def test_logging_out_needs_a_post_with_the_token(world):
    client = Client(enforce_csrf_checks=True)
    client.force_login(make_user(editor=True))
    assert client.post(reverse("logout")).status_code == 403
    assert client.get(reverse("logout")).status_code == 405  # Django 5: never by a link
    assert "_auth_user_id" in client.session


def test_the_reader_sees_no_edit_controls(world):
    reader = client_for("reader")
    article_page = reader.get(world["article"].get_absolute_url()).content.decode()
    claim_page = reader.get(reverse("timeline:claim", args=[world["claim"].pk])).content.decode()
    for url, _ in writes(world).values():
        path = url.split("?")[0]
        assert f'action="{path}' not in article_page + claim_page
        assert f'hx-post="{path}' not in article_page + claim_page


@pytest.mark.parametrize("who", ["anonymous", "reader", "reader with view permissions"])
def test_a_claims_history_shows_readers_no_login_names_and_no_drafts(world, who):
    from timeline.editing import claim_update

    claim = world["claim"]  # reviewed
    morgan = make_user("morgan.lee", editor=True)
    claim = claim_update(claim, editor=morgan, expected_version=1, status="draft", note="wip 7")
    claim_update(claim, editor=morgan, expected_version=2, status="reviewed", note="checked")
    url = reverse("timeline:claim-history", args=[claim.pk])

    html = client_for(who).get(url).content.decode()

    assert "morgan.lee" not in html and "wip 7" not in html
    assert "by an editor" in html and "checked" in html
    editor_html = client_for("editor").get(url).content.decode()
    assert "by morgan.lee" in editor_html and "wip 7" in editor_html


@pytest.mark.parametrize("who", ["anonymous", "reader", "reader with view permissions"])
@pytest.mark.parametrize("htmx", [False, True], ids=["plain", "htmx"])
def test_non_editors_cannot_list_the_deleted_claims(world, who, htmx):
    response = client_for(who).get(reverse("timeline:claims-deleted"), **(HTMX if htmx else {}))
    assert refused(response)
    assert world["deleted"].quote not in response.content.decode()
