"""A reader, in Chromium: the timeline at a glance, filters that update the list in place,
a claim followed to its sentence, search, and the CSV export."""

import csv
import re

from playwright.sync_api import expect

from tests.e2e.conftest import STORY, assert_page_healthy
from timeline.models import Claim, Story


def reviewed_claims(*, side=None, kind=None) -> set[int]:
    """What a reader should see, worked out here from the rows (not with the app's query)."""
    claims = Claim.objects.filter(status="reviewed", deleted_at=None).select_related("actor")
    return {
        claim.pk
        for claim in claims
        if (side is None or claim.actor.side == side) and (kind is None or claim.kind == kind)
    }


def listed_claims(page) -> set[int]:
    ids = page.locator("li.tl-claim").evaluate_all("items => items.map(i => i.dataset.claimId)")
    return {int(pk) for pk in ids}


def test_reader_sees_the_story_at_a_glance(page, story):
    page.goto(STORY)

    summary = page.locator(".tl-story")
    expect(summary.get_by_role("heading", name="The story at a glance")).to_be_visible()
    # A line per proposition of the seed story, each with its arc.
    lines = summary.locator(".tl-arc")
    assert lines.count() == 5, lines.all_inner_texts()
    text = summary.inner_text()
    # The arc: the denials, the US figure, the confirmations.
    assert re.search(r"den(y|ie)", text, re.I), text
    assert "10,000" in text, text
    assert re.search(r"confirm", text, re.I), text

    chart = page.locator("svg.tl-chart-svg")
    expect(chart).to_be_visible()
    # The US figure of 10,000 (October 2024), then Ukraine's about 14,000 (April 2025).
    figures = " ".join(chart.locator(".tl-estimate title").all_text_contents())
    assert "10,000" in figures and "14,000" in figures, figures
    # The chart's figures as a table, for screen readers.
    expect(page.locator(".tl-chart-table table")).to_be_attached()

    lanes = page.locator("svg.tl-lanes-svg")
    expect(lanes).to_be_visible()
    lane_names = lanes.locator(".tl-lane-label").all_text_contents()
    for side in ["North Korea", "Russia", "Ukraine", "United States"]:
        assert side in lane_names, lane_names
    assert lanes.locator("a.tl-marker").count() >= 10
    assert listed_claims(page) == reviewed_claims()
    assert_page_healthy(page)


def test_reader_filters_in_place_and_goes_back(page, story):
    page.goto(STORY)
    everything = listed_claims(page)
    page.evaluate("window.sameDocument = 'yes'")  # gone if the browser loads a new page

    page.get_by_label("Side", exact=True).select_option("RU")
    page.get_by_role("button", name="Show claims").click()

    # The address holds the filter in use, not every empty field of the form.
    expect(page).to_have_url(re.compile(rf"{STORY}\?side=RU$"))
    expect(page.locator(".tl-result-count")).to_contain_text("match these filters")
    russia = reviewed_claims(side="RU")
    assert russia and russia != everything
    assert listed_claims(page) == russia
    assert page.evaluate("window.sameDocument") == "yes", "the filter reloaded the page"

    page.get_by_label("Kind", exact=True).select_option("denial")
    page.get_by_role("button", name="Show claims").click()

    expect(page).to_have_url(re.compile(rf"{STORY}\?side=RU&kind=denial$"))
    russian_denials = reviewed_claims(side="RU", kind="denial")
    assert russian_denials and russian_denials != russia
    expect(page.locator("li.tl-claim")).to_have_count(len(russian_denials))
    assert listed_claims(page) == russian_denials
    assert page.evaluate("window.sameDocument") == "yes"

    page.go_back()

    expect(page).not_to_have_url(re.compile(r"kind=denial"))
    expect(page).to_have_url(re.compile(r"[?&]side=RU(&|$)"))
    expect(page.locator("li.tl-claim")).to_have_count(len(russia))
    assert listed_claims(page) == russia
    form_after_first_back = form_values(page)

    page.go_back()
    expect(page.locator("li.tl-claim")).to_have_count(len(everything))
    assert listed_claims(page) == everything
    form_after_second_back = form_values(page)
    assert_page_healthy(page)

    # The form above the list shows the filters of that list (checked last, so that the
    # list's own restoring is checked whatever the form does).
    assert form_after_first_back == {"side": "RU", "kind": ""}
    assert form_after_second_back == {"side": "", "kind": ""}


def form_values(page) -> dict:
    return {
        "side": page.get_by_label("Side", exact=True).input_value(),
        "kind": page.get_by_label("Kind", exact=True).input_value(),
    }


def test_a_shared_filtered_url_shows_the_same_claims(page, story):
    page.goto(f"{STORY}?side=KP&kind=confirmation")
    expect(page.get_by_label("Side", exact=True)).to_have_value("KP")
    assert listed_claims(page) == reviewed_claims(side="KP", kind="confirmation") != set()


def test_reader_follows_a_claim_to_its_sentence(page, story):
    page.goto(f"{STORY}?kind=confirmation")
    item = page.locator("li.tl-claim").last
    pk = int(item.get_attribute("data-claim-id"))
    quote = item.locator(".tl-claim-quote").inner_text()

    item.get_by_role("link", name="in the article").click()

    expect(page).to_have_url(re.compile(rf"/articles/[-\w]+/#claim-{pk}$"))
    highlight = page.locator(f"#claim-{pk}")
    expect(highlight).to_be_visible()
    expect(highlight).to_be_in_viewport()
    assert page.evaluate("document.querySelector(':target')?.id") == f"claim-{pk}"
    # The highlight is the sentence (its tooltip details are not article text).
    text = highlight.evaluate(
        """mark => { const copy = mark.cloneNode(true);
                     copy.querySelectorAll('[data-skip]').forEach(n => n.remove());
                     return copy.textContent; }"""
    )
    assert " ".join(text.split()) == " ".join(quote.split())
    assert_page_healthy(page)


def test_reader_searches_the_articles(page, articles):
    page.goto("/articles/")
    expect(page.get_by_role("heading", level=1)).to_have_text("Articles")
    expect(page.locator(".article-list > li")).to_have_count(5)

    page.get_by_role("searchbox").fill("Kursk")
    page.get_by_role("button", name="Search").click()

    expect(page).to_have_url(re.compile(r"/articles/\?q=Kursk$"))
    expect(page.get_by_role("status")).to_contain_text("match “Kursk”")
    hits = page.locator(".article-list > li")
    assert 0 < hits.count() < 5
    expect(hits.first.locator(".snippet mark").first).to_have_text(re.compile("Kursk", re.I))

    hits.first.get_by_role("link").first.click()
    expect(page).to_have_url(re.compile(r"/articles/[-\w]+/$"))
    expect(page.locator(".article-body")).to_contain_text("Kursk")
    assert_page_healthy(page)


def test_reader_downloads_the_csv_of_what_the_page_shows(page, story, tmp_path):
    seed = Story.objects.get()
    page.goto(f"{seed.get_absolute_url()}?side=US")
    shown = listed_claims(page)
    assert shown
    quotes = {
        int(item.get_attribute("data-claim-id")): item.locator(".tl-claim-quote").inner_text()
        for item in page.locator("li.tl-claim").all()
    }

    with page.expect_download() as download_info:
        page.get_by_role("link", name="CSV", exact=True).click()
    download = download_info.value
    assert download.suggested_filename.startswith(f"{seed.slug}-")  # named after the story
    assert download.suggested_filename.endswith(".csv")
    path = tmp_path / download.suggested_filename
    download.save_as(path)

    with open(path, newline="", encoding="utf-8") as file:
        rows = list(csv.DictReader(file))
    assert [int(row["claim_id"]) for row in rows] == [
        int(pk)
        for pk in page.locator("li.tl-claim").evaluate_all(
            "items => items.map(i => i.dataset.claimId)"
        )
    ]  # same claims, same order
    for row in rows:
        assert " ".join(row["quote"].split()) == " ".join(quotes[int(row["claim_id"])].split())
        assert row["side"] == "US"
    assert_page_healthy(page)


def test_no_view_shows_template_source(page, story):
    """A reader never sees the templates' own text: a comment or a tag left as words."""
    claim = Claim.objects.filter(status="reviewed").order_by("pk").first()
    views = [
        "/",
        f"{STORY}?side=KP&kind=denial&from=2024-10-01",
        f"{STORY}?from=2030-01-01",
        f"{STORY}?from=2024-13-45",
        "/articles/",
        "/articles/?q=Kursk",
        claim.article.get_absolute_url(),
        claim.get_absolute_url(),
        f"/claims/{claim.pk}/history/",
        "/accounts/login/",
    ]
    for view in views:
        page.goto(view)
        text = page.locator("body").inner_text()
        for source in ("{#", "#}", "{%", "%}", "{{", "}}"):
            assert source not in text, f"{view} shows {source!r}: {text[:300]}"
    assert_page_healthy(page)


def test_the_readmes_filtered_url_works(page, story):
    page.goto(f"{STORY}?side=KP&kind=denial&from=2024-10-01")
    expect(page.get_by_label("From", exact=True)).to_have_value("2024-10-01")
    expect(page.get_by_label("Side", exact=True)).to_have_value("KP")
    everything_kp = reviewed_claims(side="KP", kind="denial")
    shown = listed_claims(page)
    assert shown and shown <= everything_kp
    early = {
        c.pk
        for c in Claim.objects.filter(pk__in=everything_kp)
        if c.stated_on and c.stated_on.year == 2024 and c.stated_on.month < 10
    }
    assert early and not (shown & early)  # the denials before October are left out
