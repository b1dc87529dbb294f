"""No template source on any page: a `{# ... #}` comment that spans lines, or a tag the
template language does not know as one, reaches the reader as text. Every page is rendered
as a reader and as an editor (full pages and their htmx partials) and its HTML is read."""

import re

import pytest
from django.test import Client

from tests.factories import make_user, story_url
from timeline.models import Claim

pytestmark = pytest.mark.django_db

TEMPLATE_SOURCE = re.compile(r"\{#|\{%|\{\{")


def reader_pages(claim) -> list[str]:
    article = claim.article
    story = claim.story.get_absolute_url()
    return [
        "/",
        story,
        f"{story}?side=KP&kind=denial&from=2024-10-01",
        f"{story}?actor=north-korea",
        f"{story}?q=pasukan&to=2024-12-31",
        f"{story}?proposition=troops-in-russia&stance=disputes",
        f"{story}?from=2030-01-01",  # no claim matches
        f"{story}?from=2024-13-45",  # a filter error
        f"{story}?page=2",
        "/articles/",
        "/articles/?q=Kursk",
        "/articles/?q=zzzzzz",
        article.get_absolute_url(),
        claim.get_absolute_url(),
        f"/claims/{claim.pk}/history/",
        "/accounts/login/",
        "/actors/search/?q=Korut",
    ]


def editor_pages(claim) -> list[str]:
    article = claim.article
    return reader_pages(claim) + [
        f"{claim.story.get_absolute_url()}?status=draft",
        f"/claims/new/?article={article.slug}",
        f"/claims/new/?article={article.slug}&start=0&end=5",
        f"/claims/{claim.pk}/edit/",
        f"/claims/{claim.pk}/delete/",
        f"/claims/{claim.pk}/restore/",
        "/actors/new/",
    ]


def assert_no_template_source(client, url, **headers):
    response = client.get(url, follow=True, headers=headers)
    assert response.status_code in (200, 400), (url, response.status_code)
    html = response.content.decode()
    found = TEMPLATE_SOURCE.search(html)
    assert found is None, (
        f"{url} shows template source: {html[found.start() - 80 : found.end() + 80]!r}"
    )


@pytest.mark.parametrize("htmx", [False, True], ids=["page", "htmx"])
def test_no_page_shows_template_source_to_a_reader(seeded, htmx):
    claim = Claim.objects.filter(status="reviewed").order_by("pk").first()
    client = Client()
    headers = {"HX-Request": "true"} if htmx else {}
    for url in reader_pages(claim):
        assert_no_template_source(client, url, **headers)


@pytest.mark.parametrize("htmx", [False, True], ids=["page", "htmx"])
def test_no_page_shows_template_source_to_an_editor(seeded, htmx):
    claim = Claim.objects.order_by("pk").first()
    client = Client()
    client.force_login(make_user("editor", editor=True))
    headers = {"HX-Request": "true"} if htmx else {}
    for url in editor_pages(claim):
        assert_no_template_source(client, url, **headers)


def test_the_filters_form_starts_with_the_form_itself(seeded):
    """What a reader saw: the comment above the filters, shown as text on every view."""
    html = Client().get(story_url()).content.decode()
    start = html.index("<main")
    form = html.index('class="tl-filters"')
    assert "The filters: a plain GET form" not in html[start:form]


def test_no_template_has_a_one_line_comment_spread_over_lines():
    """Django's {# #} ends with its line; a longer comment needs {% comment %}. Every template
    file, including those no test above happens to render."""
    from django.conf import settings

    root = settings.BASE_DIR / "templates"
    spread = [
        f"{path.relative_to(root)}:{number}"
        for path in sorted(root.rglob("*.html"))
        for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1)
        if line.count("{#") != line.count("#}")
    ]
    assert spread == []
