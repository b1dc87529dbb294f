"""Keyboard only: an editor reaches a highlight with Tab, opens its claim with Enter, reaches
every control of the claim form, edits the claim and saves it, without the mouse."""

import re

import pytest
from playwright.sync_api import expect

from tests.e2e.conftest import STORY, assert_page_healthy, sign_in
from timeline.models import Claim

MAX_TABS = 300


@pytest.fixture
def claim(story):
    """The first claim in the text of an article: the fewest Tabs away."""
    first = Claim.objects.filter(status="reviewed", kind="denial").earliest("pk")
    return Claim.objects.filter(article=first.article, deleted_at=None).order_by("start").first()


def focused(page) -> dict:
    return page.evaluate(
        """() => { const e = document.activeElement;
                   return {tag: e.tagName.toLowerCase(), id: e.id, name: e.name || '',
                           text: (e.innerText || e.value || '').trim().slice(0, 40),
                           mark: e.dataset ? (e.dataset.kb || '') : ''}; }"""
    )


def tab_to(page, matches, *, backwards=False) -> dict:
    """Press Tab until the focused element matches; fail after MAX_TABS."""
    seen = []
    for _ in range(MAX_TABS):
        page.keyboard.press("Shift+Tab" if backwards else "Tab")
        now = focused(page)
        if matches(now):
            return now
        seen.append(now)
    pytest.fail(f"never reached it with Tab; focus went through {seen[:60]}")


def test_editor_opens_edits_and_saves_a_claim_with_the_keyboard(
    page, claim, editor_user, live_server
):
    sign_in(page, editor_user, live_server)
    page.goto(claim.article.get_absolute_url())
    version = claim.version

    tab_to(page, lambda e: e["id"] == f"claim-{claim.pk}")
    # Focusing a highlight shows who said what (not only a colour), with an Edit link.
    tip = page.locator(f"#claim-{claim.pk}-tip")
    expect(tip).to_be_visible()
    expect(tip).to_contain_text(claim.actor.name)
    tab_to(page, lambda e: e["tag"] == "a" and e["text"] == "Edit")
    page.keyboard.press("Enter")

    panel = page.locator("#claim-panel")
    expect(panel.get_by_role("heading", name="Edit claim")).to_be_visible()
    form = panel.locator("form.claim-form")

    # Every control of the form can be reached with Tab.
    controls = form.locator(
        "input:not([type=hidden]), select, textarea, button, a[href], summary"
    ).evaluate_all(
        # Shown ones: not those in a closed <details> (its summary opens it), which
        # Chromium lays out, unrendered, so that they keep an offsetParent.
        """els => els.filter(e => e.offsetParent !== null
                                 && (e.tagName === 'SUMMARY' || !e.closest('details:not([open])')))
                     .map((e, i) => { e.dataset.kb = String(i + 1); return e.dataset.kb; })"""
    )
    assert len(controls) >= 10, controls
    reached = set()
    for _ in range(len(controls) * 3):
        mark = focused(page)["mark"]
        if mark:
            reached.add(mark)
        if reached == set(controls):
            break
        page.keyboard.press("Tab")
    assert reached == set(controls), f"not reached by Tab: {sorted(set(controls) - reached)}"

    # Edit with the keyboard: the date's evidence, the note; then save. (Not the number:
    # only counts have one, and this claim may be of any kind.)
    tab_to(page, lambda e: e["name"] == "stated_evidence", backwards=True)
    page.keyboard.press("Control+A")
    page.keyboard.type("Rabu (30/10), by keyboard")
    tab_to(page, lambda e: e["name"] == "note")
    page.keyboard.press("Control+A")
    page.keyboard.type("Checked against the original, by keyboard.")
    tab_to(page, lambda e: e["tag"] == "button" and e["text"] == "Save claim")
    page.keyboard.press("Enter")

    expect(panel.get_by_role("status")).to_contain_text("Claim saved")
    claim.refresh_from_db()
    assert claim.stated_evidence == "Rabu (30/10), by keyboard"
    assert claim.note == "Checked against the original, by keyboard."
    assert claim.version == version + 1
    assert_page_healthy(page)


def test_enter_on_a_focused_highlight_opens_its_claim(page, claim, editor_user, live_server):
    """A highlight is focusable and opens its claim on click: Enter must do the same."""
    sign_in(page, editor_user, live_server)
    page.goto(claim.article.get_absolute_url())
    tab_to(page, lambda e: e["id"] == f"claim-{claim.pk}")
    page.keyboard.press("Enter")
    heading = page.locator("#claim-panel").get_by_role("heading", name="Edit claim")
    expect(heading).to_be_visible()


def test_a_reader_reaches_the_filters_and_the_claims_with_the_keyboard(page, story):
    page.goto(STORY)
    tab_to(page, lambda e: e["name"] == "side")
    page.keyboard.press("ArrowDown")  # the first side: North Korea
    tab_to(page, lambda e: e["tag"] == "button" and e["text"] == "Show claims")
    page.keyboard.press("Enter")
    expect(page).to_have_url(re.compile(r"side=KP"))
    expect(page.locator(".tl-result-count")).to_contain_text("match these filters")
    link = tab_to(page, lambda e: e["tag"] == "a" and e["text"] == "in the article")
    assert link
    page.keyboard.press("Enter")
    expect(page).to_have_url(re.compile(r"/articles/[-\w]+/#claim-\d+$"))
    target = page.evaluate("document.querySelector(':target')?.id")
    assert target and target.startswith("claim-")
