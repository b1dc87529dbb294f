"""The seed story at a glance, in Chromium: one line per proposition, the troops line in the
order the issue tells it, the arms denials on their own line; picking a proposition redraws
the box and the lanes for it."""

from playwright.sync_api import expect

from tests.e2e.conftest import assert_page_healthy
from timeline.models import Claim, Proposition

SEED = "/stories/north-korean-troops-in-russia/"


def line(page, slug):
    return page.locator(f'.tl-arc[data-proposition="{slug}"]')


def linked_claims(locator) -> list[int]:
    hrefs = locator.locator("a.tl-arc-point").evaluate_all("links => links.map(a => a.pathname)")
    return [int(href.strip("/").split("/")[-1]) for href in hrefs]


def test_the_seed_storys_box_reads_each_propositions_arc(page, story):
    page.goto(SEED)
    box = page.locator(".tl-story")
    expect(box.get_by_role("heading", name="The story at a glance")).to_be_visible()
    slugs = box.locator(".tl-arc").evaluate_all("items => items.map(i => i.dataset.proposition)")
    assert slugs == list(
        Proposition.objects.filter(story__slug="north-korean-troops-in-russia")
        .order_by("-is_lead", "order", "pk")
        .values_list("slug", flat=True)
    )
    troops = Proposition.objects.get(slug="troops-in-russia")
    expected = [
        troops.claims.get(actor__slug="south-korea", via__slug="tv-chosun"),
        troops.claims.filter(actor__slug="north-korea", kind="denial").chronological().first(),
        troops.claims.get(actor__slug="dmitry-peskov"),
        troops.claims.get(number=10_000),
        troops.claims.get(number=14_000),
        troops.claims.get(actor__slug="russia", kind="confirmation"),
        troops.claims.get(actor__slug="north-korea", kind="confirmation"),
    ]
    troops_line = line(page, "troops-in-russia")
    expect(troops_line).to_be_visible()
    assert linked_claims(troops_line) == [claim.pk for claim in expected]
    text = troops_line.inner_text()
    for words in ("South Korea via TV Chosun", "Russia (Dmitry Peskov)", "10,000, the first",
                  "14,000, up from 10,000"):  # fmt: skip
        assert words in text, text
    assert "status: confirmed since 26 apr 2025" in text.lower()  # the status, styled
    assert "3,000" not in text
    weapons = line(page, "weapons-for-russia")
    arms_denials = Claim.objects.filter(proposition__slug="weapons-for-russia", kind="denial",
                                        stated_on__month=6)  # fmt: skip
    assert set(arms_denials.values_list("pk", flat=True)) <= set(linked_claims(weapons))
    ukraine_denial = Claim.objects.get(actor__slug="ukraine", kind="denial")
    assert ukraine_denial.pk not in linked_claims(troops_line)
    assert ukraine_denial.pk in linked_claims(line(page, "ukraine-out-of-kursk"))
    assert_page_healthy(page)


def test_picking_a_proposition_redraws_the_box_and_the_lanes(page, story):
    page.goto(SEED)
    lanes = page.locator("svg.tl-lanes-svg")
    # In the reader's language: English, which the seed story's propositions have too.
    expect(page.locator(".tl-lanes-about")).to_contain_text("North Korean troops are in Russia")
    page.get_by_label("Proposition", exact=True).select_option("weapons-for-russia")
    page.get_by_role("button", name="Show claims").click()
    expect(page).to_have_url(f"{page.url.split('?')[0]}?proposition=weapons-for-russia")
    expect(page.locator(".tl-arc")).to_have_count(1)
    expect(line(page, "weapons-for-russia")).to_contain_text("Denied:")
    expect(page.locator(".tl-lanes-about")).to_contain_text("North Korea supplies Russia")
    weapons = Claim.objects.filter(
        proposition__slug="weapons-for-russia", status="reviewed", stated_on__isnull=False
    ).count()
    expect(lanes.locator("a.tl-marker")).to_have_count(weapons)
    assert_page_healthy(page)
