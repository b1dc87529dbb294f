"""Two editors, two browsers, one claim: the second save is refused with what the first one
changed, and nothing is overwritten."""

import re

import pytest
from playwright.sync_api import expect

from tests.e2e.conftest import assert_page_healthy, sign_in
from tests.factories import make_user
from timeline.models import Claim


@pytest.fixture
def claim(story):
    return Claim.objects.filter(kind="troop_count", number=10000, status="reviewed").earliest("pk")


@pytest.fixture
def editors(new_page, live_server, story):
    pages = {}
    for name in ["alice", "bob"]:
        page = new_page()
        sign_in(page, make_user(name, editor=True), live_server)
        pages[name] = page
    return pages


def claim_form(page):
    return page.locator("form.claim-form")


def control(page, label):
    return claim_form(page).get_by_label(re.compile(rf"^{re.escape(label)}:?$"))


def open_in_panel(page, claim):
    page.goto(claim.article.get_absolute_url())
    page.locator(f"mark#claim-{claim.pk}").click()
    expect(page.locator("#claim-panel").get_by_role("heading", name="Edit claim")).to_be_visible()


def test_the_second_editor_gets_the_conflict_message(editors, claim):
    alice, bob = editors["alice"], editors["bob"]
    note = claim.note
    open_in_panel(alice, claim)
    open_in_panel(bob, claim)

    control(alice, "Number").fill("11.000")
    claim_form(alice).get_by_role("button", name="Save claim").click()
    expect(alice.locator("#claim-panel").get_by_role("status")).to_contain_text("Claim saved")

    control(bob, "Public note").fill("Bob's note")
    claim_form(bob).get_by_role("button", name="Save claim").click()

    conflict = bob.locator("#claim-panel .conflict")
    expect(conflict).to_be_visible()
    expect(conflict).to_have_attribute("role", "alert")
    expect(conflict).to_contain_text("Not saved: alice changed this claim")
    expect(conflict).to_contain_text("11,000")  # what alice changed
    expect(control(bob, "Public note")).to_have_value("Bob's note")  # bob's typing is kept
    claim.refresh_from_db()
    assert (claim.number, claim.note, claim.version) == (11000, note, 2)  # nothing overwritten

    # Knowing what changed, bob saves again: now his version goes in.
    claim_form(bob).get_by_role("button", name="Save claim").click()
    expect(bob.locator("#claim-panel").get_by_role("status")).to_contain_text("Claim saved")
    claim.refresh_from_db()
    assert (claim.note, claim.version) == ("Bob's note", 3)
    assert_page_healthy(alice)
    assert_page_healthy(bob)


def test_the_conflict_without_javascript(new_page, live_server, claim):
    alice, bob = new_page(), new_page(java_script_enabled=False)
    sign_in(alice, make_user("alice", editor=True), live_server)
    sign_in(bob, make_user("bob", editor=True), live_server)
    for page in (alice, bob):
        page.goto(f"/claims/{claim.pk}/edit/")

    control(alice, "Number").fill("12.000")
    claim_form(alice).get_by_role("button", name="Save claim").click()
    expect(alice).to_have_url(re.compile(rf"#claim-{claim.pk}$"))

    control(bob, "Number").fill("9.000")
    with bob.expect_response(re.compile(rf"/claims/{claim.pk}/edit/$")) as answer:
        claim_form(bob).get_by_role("button", name="Save claim").click()
    assert answer.value.status == 409
    conflict = bob.locator(".conflict")
    expect(conflict).to_contain_text("Not saved: alice changed this claim")
    expect(conflict).to_contain_text("12,000")
    expect(conflict).to_contain_text("9,000")  # and what bob tried to save
    claim.refresh_from_db()
    assert (claim.number, claim.version) == (12000, 2)
