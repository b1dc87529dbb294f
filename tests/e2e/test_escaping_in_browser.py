"""Hostile text (see tests/security/test_escaping.py) in a real browser: no script runs, no
element is injected, on any page or after any htmx swap, for a reader or an editor."""

import re
from datetime import date

import pytest
from playwright.sync_api import expect

from tests.e2e.conftest import assert_page_healthy, sign_in
from tests.factories import make_actor, make_article, make_claim, story_url
from tests.security.test_escaping import BODY, BRACES, FIRST, FORMULA, PAYLOAD

INJECTED = "img[src='x'], script:not([src])"


@pytest.fixture
def hostile(live_server):
    article = make_article(BODY, title=f"Pasukan {PAYLOAD}", published_on=date(2024, 10, 30))
    actor = make_actor(PAYLOAD, country="KP", aliases=[PAYLOAD, "Korut"])
    denial = make_claim(article, quote=FIRST, actor=actor, kind="denial", note=PAYLOAD)
    count = make_claim(article, quote=FORMULA, actor=actor, kind="troop_count", number=10000)
    return {"article": article, "actor": actor, "claims": [denial, count]}


def visit_all(page, hostile):
    article, actor = hostile["article"], hostile["actor"]
    denial = hostile["claims"][0]
    for url in [
        story_url(),
        f"{story_url()}?actor={actor.slug}",
        f"{story_url()}?q=pasukan",
        "/articles/",
        "/articles/?q=pasukan",
        article.get_absolute_url(),
        f"/claims/{denial.pk}/",
        f"/claims/{denial.pk}/history/",
    ]:
        response = page.goto(url)
        assert response.ok, f"{url}: {response.status}"
        assert page.locator(INJECTED).count() == 0, url
        # The braces are shown as typed: nothing (server or client) evaluated them to 49.
        expect(page.locator("main")).to_contain_text(BRACES)


def test_hostile_text_stays_text_for_a_reader(page, hostile):
    visit_all(page, hostile)
    assert_page_healthy(page)  # no alert() dialog, no script error


def test_hostile_text_stays_text_for_an_editor_through_htmx(
    page, hostile, editor_user, live_server
):
    sign_in(page, editor_user, live_server)
    visit_all(page, hostile)
    denial = hostile["claims"][0]
    page.goto(hostile["article"].get_absolute_url())
    page.locator(f"mark#claim-{denial.pk}").click()  # the claim form, swapped in by htmx
    panel = page.locator("#claim-panel")
    expect(panel.get_by_role("heading", name="Edit claim")).to_be_visible()
    panel.get_by_label("Find who says it (name or alias)").fill("Korut")
    results = page.locator("#actor-results li")
    expect(results.first).to_contain_text("<script>")  # shown as text
    results.first.get_by_role("button").click()  # picking it swaps the select in
    expect(page.locator("#actor-choice select")).to_be_visible()
    assert page.locator(INJECTED).count() == 0
    page.goto(story_url())
    page.get_by_label("Side", exact=True).select_option("KP")
    page.get_by_role("button", name="Show claims").click()  # the list, swapped in by htmx
    expect(page.locator(".tl-result-count")).to_contain_text(re.compile(r"match(es)? these"))
    assert page.locator(INJECTED).count() == 0
    assert_page_healthy(page)
