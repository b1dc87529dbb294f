"""The timeline on a phone (360 × 740 CSS px), in Chromium: the charts fit the width and show
the whole story, their labels are whole, every target can be tapped, and the results of a
filter come into view. A screenshot of the charts is kept in test-artifacts/."""

import re

import pytest
from playwright.sync_api import expect

from tests.e2e.conftest import ARTIFACTS, STORY, assert_page_healthy

PHONE = {
    "viewport": {"width": 360, "height": 740},
    "device_scale_factor": 2,
    "is_mobile": True,
    "has_touch": True,
}
TAP = 24  # px: WCAG 2.5.8, target size (minimum)


@pytest.fixture
def phone(new_page, story):
    page = new_page(**PHONE)
    page.goto(STORY)
    return page


def no_horizontal_overflow(page):
    return page.evaluate("document.documentElement.scrollWidth <= window.innerWidth")


def boxes(locator):
    return locator.evaluate_all(
        """els => els.map(el => {
            const r = el.getBoundingClientRect();
            return {text: el.textContent.trim(), left: r.left, right: r.right,
                    top: r.top, bottom: r.bottom, width: r.width, height: r.height};
        })"""
    )


def test_the_charts_fit_a_phone_and_show_the_story_to_its_end(phone):
    page = phone
    assert no_horizontal_overflow(page), page.evaluate("document.documentElement.scrollWidth")
    width = page.evaluate("window.innerWidth")
    chart = page.locator("svg.tl-chart-svg-narrow")
    lanes = page.locator("svg.tl-lanes-svg-narrow")
    expect(chart).to_be_visible()
    expect(lanes).to_be_visible()
    expect(page.locator("svg.tl-chart-svg")).to_be_hidden()  # the desk's chart
    expect(page.locator("svg.tl-lanes-svg")).to_be_hidden()

    for svg in (chart, lanes):
        box = svg.bounding_box()
        assert box["x"] >= 0 and box["x"] + box["width"] <= width, box
        # The story runs to April 2025 (the confirmations): that month is on the axis, whole.
        months = [
            t
            for t in boxes(svg.locator(".tl-tick-label"))
            if re.fullmatch(r"\w{3} \d{4}", t["text"])
        ]
        assert months[-1]["text"] in ("Apr 2025", "May 2025"), [t["text"] for t in months]
        april = next(t for t in months if t["text"] == "Apr 2025")
        assert april["left"] >= 0 and april["right"] <= width, april
        # No text of the chart is cut at its edges: names, ticks, labels, stances, counts.
        for text in boxes(svg.locator("text")):
            assert box["x"] - 0.5 <= text["left"], text
            assert text["right"] <= box["x"] + box["width"] + 0.5, text
            assert text["height"] >= 10, text  # drawn at a readable size, not scaled away

    labels = [label["text"] for label in boxes(chart.locator(".tl-mark-label"))]
    assert "United States: 10,000" in labels, labels  # whole, on two lines
    assert any(label.endswith(": 14,000") for label in labels), labels
    wrapped = chart.locator(".tl-mark-label", has_text="United States").locator("tspan")
    expect(wrapped).to_have_text("10,000")  # the figure on a line of its own

    ARTIFACTS.mkdir(exist_ok=True)
    page.locator("#estimates-heading").scroll_into_view_if_needed()
    page.screenshot(path=str(ARTIFACTS / "phone-360-charts.png"))
    page.locator(".tl-lanes").screenshot(path=str(ARTIFACTS / "phone-360-lanes.png"))
    assert_page_healthy(page)


def test_every_target_on_a_phone_is_at_least_24_px(phone):
    small = phone.evaluate(
        """tap => {
            const found = [];
            const targets = document.querySelectorAll(
                'a[href], button, input:not([type=hidden]), select, textarea, summary');
            for (const el of targets) {
                const r = el.getBoundingClientRect();
                const style = getComputedStyle(el);
                if (r.width === 0 || r.right < 0 || style.visibility === 'hidden') continue;
                // A link inside a sentence is exempt (WCAG 2.5.8, "inline").
                const inline = el.tagName === 'A' && style.display === 'inline'
                    && !el.closest('svg') && el.parentElement.closest('p, li, td')
                    && el.parentElement.textContent.trim() !== el.textContent.trim();
                if (inline && el.closest('.tl-lede, .snippet, .tl-claims-empty')) continue;
                if (r.width < tap || r.height < tap)
                    found.push(`${el.tagName} "${el.textContent.trim().slice(0, 40)}"`
                               + ` ${Math.round(r.width)}×${Math.round(r.height)}`);
            }
            return found;
        }""",
        TAP,
    )
    assert small == [], "\n".join(small)
    markers = phone.locator("svg.tl-lanes-svg-narrow a.tl-marker")
    assert markers.count() >= 10  # every side's months with claims, each a target


def test_a_marker_on_a_phone_lists_that_sides_claims_of_that_period(phone):
    page = phone
    marker = page.locator("svg.tl-lanes-svg-narrow a.tl-marker").first
    title = marker.locator("title").text_content()  # "Jun 2024, North Korea: 3 claims (...)"
    count = int(re.search(r": (\d+) claims? \(", title).group(1))
    marker.tap()
    expect(page).to_have_url(re.compile(r"[?&]from=\d{4}-\d\d-01"))
    expect(page.locator(".tl-result-count")).to_contain_text(
        re.compile(r"match(es)? these filters")
    )
    assert page.locator("li.tl-claim").count() == count, title


def test_after_show_claims_the_results_are_in_view(phone):
    page = phone
    page.get_by_label("Side", exact=True).select_option("RU")
    page.get_by_role("button", name="Show claims").tap()
    expect(page).to_have_url(re.compile(r"[?&]side=RU(&|$)"))
    status = page.locator(".tl-result-count")
    expect(status).to_contain_text(re.compile(r"match(es)? these filters"))
    expect(status).to_be_in_viewport()
    expect(page.locator("#timeline-results")).to_be_in_viewport()
    assert no_horizontal_overflow(page)
    page.screenshot(path=str(ARTIFACTS / "phone-360-after-show-claims.png"))
    assert_page_healthy(page)
