"""axe-core on every kind of page, for a reader and for an editor (claim form open): no
violation of impact serious or critical."""

import pytest
from axe_playwright_python.sync_playwright import Axe
from playwright.sync_api import expect

from articles.models import Article
from tests.e2e.conftest import STORY, select_text, sign_in
from tests.e2e.test_editor_flow import SENTENCE
from timeline.models import Claim

AXE = Axe()
BLOCKING = {"serious", "critical"}


def violations(page, where: str) -> list[str]:
    """The serious and critical violations on the page as it is now, one line per element."""
    results = AXE.run(page)
    assert results.response["passes"], f"axe checked nothing on {where}"
    found = []
    for violation in results.response["violations"]:
        if violation["impact"] not in BLOCKING:
            continue
        for node in violation["nodes"]:
            found.append(
                f"{where} ({page.url}): [{violation['impact']}] {violation['id']}: "
                f"{violation['help']}\n    at {' '.join(map(str, node['target']))}: "
                f"{node.get('failureSummary', '').replace(chr(10), ' ')}\n"
                f"    {node['html'][:200]}"
            )
    return found


def reader_pages(claim) -> dict[str, str]:
    return {
        "stories": "/",
        "timeline": STORY,
        "filtered timeline": "/?side=RU&kind=denial",
        "timeline with a filter error": "/?from=2024-13-45",
        "article list": "/articles/",
        "search results": "/articles/?q=pasukan",
        "article detail": claim.article.get_absolute_url(),
        "claim permalink": f"/claims/{claim.pk}/",
        "claim history": f"/claims/{claim.pk}/history/",
        "login": "/accounts/login/",
    }


def editor_pages(claim) -> dict[str, str]:
    return {
        "new claim form (full page)": f"/claims/new/?article={claim.article.slug}",
        "claim edit form (full page)": f"/claims/{claim.pk}/edit/",
        "delete confirmation": f"/claims/{claim.pk}/delete/",
        "actor search": "/actors/search/?q=Korut",
        "new actor form": "/actors/new/",
    }


@pytest.fixture
def claim(story):
    return Claim.objects.filter(status="reviewed", kind="denial").earliest("pk")


def report(found):
    assert not found, f"{len(found)} serious or critical accessibility violations:\n" + "\n".join(
        found
    )


def test_every_page_is_accessible_for_a_reader(page, claim):
    found = []
    for where, url in reader_pages(claim).items():
        page.goto(url)
        found += violations(page, where)
    # The claim details a highlight shows on focus.
    page.goto(claim.article.get_absolute_url())
    page.locator(f"mark#claim-{claim.pk}").focus()
    found += violations(page, "article detail, highlight focused")
    report(found)


def test_every_page_is_accessible_for_an_editor(page, claim, editor_user, live_server):
    sign_in(page, editor_user, live_server)
    found = []
    for where, url in {**reader_pages(claim), **editor_pages(claim)}.items():
        page.goto(url)
        found += violations(page, where)

    # The article page with the claim form open in the panel: editing a claim...
    page.goto(claim.article.get_absolute_url())
    page.locator(f"mark#claim-{claim.pk}").click()
    expect(page.locator("#claim-panel form.claim-form")).to_be_visible()
    found += violations(page, "article detail, claim form open")
    # ... with the actor search showing results and the new-actor form open ...
    page.locator("#claim-panel").get_by_label("Find who says it (name or alias)").fill("Korut")
    expect(page.locator("#actor-results li").first).to_be_visible()
    page.locator("#new-actor-box summary").click()
    found += violations(page, "article detail, actor search and new actor form")
    # ... a form with errors ...
    page.locator("#claim-panel form.claim-form select[name=kind]").select_option("troop_count")
    page.locator("#claim-panel form.claim-form input[name=number]").fill("")
    page.locator("#claim-panel form.claim-form").get_by_role("button", name="Save claim").click()
    expect(page.locator("#claim-panel .errorlist").first).to_be_visible()
    found += violations(page, "article detail, claim form with errors")
    # ... and a new claim from a selection.
    page.goto(Article.objects.get(body__contains=SENTENCE).get_absolute_url())
    select_text(page, SENTENCE)
    expect(page.locator("#claim-panel").get_by_role("heading", name="New claim")).to_be_visible()
    found += violations(page, "article detail, new claim form open")
    report(found)


def test_the_check_finds_a_violation_when_there_is_one(page, claim):
    """The harness itself: axe runs in this Chromium, under the site's CSP, and reports."""
    page.goto(STORY)
    page.evaluate(
        """() => { const img = document.createElement('img');
                   img.src = '/static/css/site.css';
                   document.querySelector('main').append(img); }"""
    )
    found = violations(page, "timeline with an image without alt text")
    assert any("image-alt" in line for line in found), found


def test_colour_is_never_the_only_signal(page, story):
    page.goto(STORY)
    # Each kind in the list has its name written in its badge.
    for badge in page.locator("li.tl-claim .badge[class*='kind-']").all():
        kind = next(c for c in badge.get_attribute("class").split() if c.startswith("kind-"))
        assert badge.inner_text().strip().lower() == kind[5:].replace("_", " "), kind
    # The lanes' kinds, and the chart's sides, each have their own shape.
    for legend in ["Kinds of claim", "Sides"]:
        shapes = (
            page.get_by_role("list", name=legend)
            .locator("svg path")
            .evaluate_all("paths => paths.map(p => p.getAttribute('d'))")
        )
        assert len(shapes) >= 2, legend
        assert len(set(shapes)) == len(shapes), f"two {legend.lower()} share a shape: {shapes}"
    # A highlight says what it is in words when focused, not only by its colour.
    claim = Claim.objects.filter(status="reviewed").earliest("pk")
    page.goto(claim.article.get_absolute_url())
    page.locator(f"mark#claim-{claim.pk}").focus()
    tip = page.locator(f"#claim-{claim.pk}-tip")
    expect(tip).to_be_visible()
    expect(tip).to_contain_text(claim.get_kind_display())
