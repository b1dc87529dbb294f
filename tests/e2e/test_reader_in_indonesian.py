"""The reader's main path in Bahasa Indonesia, in a Chromium that asks for Indonesian: the
stories, the seed story's page with its box, a filter by proposition (in place, with htmx),
a claim and its history, and the CSV export of what the page shows, the same file as in
English; axe finds nothing serious on any page. A reader of the English site switches with the
switcher and keeps the page they were on. (test_reader_flow.py, test_story_box.py and
test_accessibility.py walk the same in English.)"""

import csv
import re

import pytest
from playwright.sync_api import expect

from tests.e2e.conftest import STORY, assert_page_healthy
from tests.e2e.test_accessibility import reader_pages, report, violations
from tests.e2e.test_reader_flow import listed_claims
from timeline.models import Claim, Story

SEED = "north-korean-troops-in-russia"


@pytest.fixture
def page(new_page):
    """A browser whose language is Indonesian: it asks for id-ID first."""
    return new_page(locale="id-ID")


def line(page, slug):
    return page.locator(f'.tl-arc[data-proposition="{slug}"]')


def test_a_reader_follows_the_story_in_indonesian(page, story, tmp_path):
    found = []
    page.goto("/")
    expect(page.locator("html")).to_have_attribute("lang", "id")
    expect(page.get_by_role("heading", level=1)).to_have_text("Topik")
    link = page.get_by_role("link", name="Pasukan Korea Utara di Rusia")  # its own title
    expect(link).to_have_attribute("lang", "id")
    expect(page.locator(".story-card")).to_contain_text("klaim · terakhir diubah")
    found += violations(page, "stories")
    link.click()

    # The story at a glance, in the story's words and Indonesian's.
    expect(page).to_have_url(re.compile(rf"/stories/{SEED}/$"))
    expect(page.get_by_role("heading", level=1)).to_have_text("Pasukan Korea Utara di Rusia")
    box = page.locator(".tl-story")
    expect(box.get_by_role("heading", name="Sekilas", exact=True)).to_be_visible()
    troops = line(page, "troops-in-russia")
    expect(troops.get_by_role("heading")).to_have_text("Pasukan Korea Utara berada di Rusia")
    text = troops.inner_text()
    for words in ("Pertama dilaporkan:", "South Korea via TV Chosun", "Dibantah:",
                  "Perkiraan:", "10.000, yang pertama", "14.000, naik dari 10.000",
                  "Dikonfirmasi:"):  # fmt: skip
        assert words in text, text
    assert "status: dikonfirmasi sejak 26 apr 2025" in text.lower(), text
    assert "3.000" not in text  # a part of a total is no estimate
    figures = " ".join(page.locator("svg.tl-chart-svg .tl-estimate title").all_text_contents())
    assert "10.000" in figures and "14.000" in figures, figures
    expect(page.locator(".tl-result-count")).to_have_text(re.compile(r"^\s*\d+ klaim\.\s*$"))
    found += violations(page, "the story's page")
    assert_page_healthy(page)

    # Filtered by a proposition: the box and the lanes redrawn in place.
    page.evaluate("window.sameDocument = 'yes'")
    page.get_by_label("Proposisi", exact=True).select_option("weapons-for-russia")
    page.get_by_role("button", name="Tampilkan klaim").click()
    expect(page).to_have_url(re.compile(rf"/stories/{SEED}/\?proposition=weapons-for-russia$"))
    expect(page.locator(".tl-arc")).to_have_count(1)
    expect(line(page, "weapons-for-russia")).to_contain_text("Dibantah:")
    expect(page.locator(".tl-lanes-about")).to_contain_text("Korea Utara memasok senjata")
    expect(page.locator(".tl-result-count")).to_contain_text("cocok dengan filter ini")
    assert page.evaluate("window.sameDocument") == "yes", "the filter reloaded the page"
    shown = listed_claims(page)
    on_weapons = set(
        Claim.objects.filter(proposition__slug="weapons-for-russia", status="reviewed",
                             deleted_at=None).values_list("pk", flat=True)
    )  # fmt: skip
    assert shown == on_weapons != set()
    found += violations(page, "the story filtered by proposition")

    # The export of what the page shows: the same file as the English page's.
    with page.expect_download() as download_info:
        page.get_by_role("link", name="CSV", exact=True).click()
    path = tmp_path / download_info.value.suggested_filename
    download_info.value.save_as(path)
    with open(path, newline="", encoding="utf-8") as file:
        rows = list(csv.DictReader(file))
    assert list(rows[0])[:3] == ["claim_id", "stated_on", "stated_precision"]
    assert {int(row["claim_id"]) for row in rows} == shown
    assert all(re.fullmatch(r"\d{4}-\d{2}-\d{2}|", row["stated_on"]) for row in rows)

    # A claim, then its history.
    denial = page.locator("li.tl-claim").filter(has_text="Bantahan").first
    pk = int(denial.get_attribute("data-claim-id"))
    denial.get_by_role("link", name=f"Tautan tetap ke klaim {pk}").click()
    expect(page).to_have_url(re.compile(rf"/claims/{pk}/$"))
    facts = page.locator(".claim-facts")
    expect(facts).to_contain_text("Proposisi")
    expect(page.locator(".claim-proposition")).to_contain_text("Korea Utara memasok senjata untuk")
    expect(page.locator(".claim-stance")).to_have_text("Membantah")
    found += violations(page, "a claim")
    page.get_by_role("link", name="Riwayat").click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("Riwayat:")
    expect(page.locator(".versions")).to_contain_text("Versi 1")
    found += violations(page, "a claim's history")
    assert_page_healthy(page)
    report(found)


def test_a_reader_switches_a_story_page_to_indonesian_and_back(new_page, story):
    page = new_page(locale="en-US")
    page.goto(f"{STORY}?side=RU")
    seed = Story.objects.get(slug=SEED)
    expect(page.get_by_role("heading", level=1)).to_have_text(seed.title_en)  # in English
    expect(line(page, "troops-in-russia").get_by_role("heading")).to_have_text(
        "North Korean troops are in Russia"
    )

    page.get_by_role("button", name="Bahasa Indonesia").click()

    expect(page).to_have_url(re.compile(rf"{STORY}\?side=RU$"))  # the same page, filter and all
    expect(page.locator("html")).to_have_attribute("lang", "id")
    expect(page.get_by_role("heading", level=1)).to_have_text(seed.title)
    expect(line(page, "troops-in-russia").get_by_role("heading")).to_have_text(
        "Pasukan Korea Utara berada di Rusia"
    )
    # Russia's claims only: the firsts are Russia's own, said so.
    expect(page.locator(".tl-story h2")).to_have_text("Sekilas, di antara klaim ini")
    expect(page.get_by_label("Pihak", exact=True)).to_have_value("RU")

    page.get_by_role("button", name="English").click()
    expect(page.locator("html")).to_have_attribute("lang", "en")
    expect(page.get_by_role("heading", level=1)).to_have_text(seed.title_en)
    assert_page_healthy(page)


def test_every_readers_page_is_accessible_in_indonesian(page, story):
    claim = Claim.objects.filter(status="reviewed", kind="denial").earliest("pk")
    found = []
    for where, url in reader_pages(claim).items():
        page.goto(url)
        expect(page.locator("html")).to_have_attribute("lang", "id")
        found += violations(page, where)
    report(found)
