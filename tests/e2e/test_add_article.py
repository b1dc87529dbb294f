"""An editor, in Chromium, adds an article by pasting it: previews what the loader reads,
corrects the title, saves, and lands on the article's page."""

import re

from playwright.sync_api import expect

from articles.models import Article
from tests.e2e.conftest import assert_page_healthy, log_in

TEXT = (
    "Banjir Rob Rendam Tiga Desa di Pesisir Demak\n\n"
    "Demak (Kabar Pantura) - Banjir rob merendam tiga desa di pesisir Demak pada "
    "Rabu (30/10/2024) setelah tanggul laut jebol sepanjang 40 meter.\n\n"
    "Warga mengungsi ke balai desa. Petugas menambal tanggul dengan karung pasir.\n"
)
TITLE = "Tanggul Jebol, Tiga Desa di Demak Terendam Rob"


def test_editor_pastes_previews_corrects_the_title_and_saves(page, editor_user):
    log_in(page, "editor")
    page.goto("/articles/")
    page.get_by_role("link", name="Add articles").click()

    page.get_by_label("Text", exact=False).first.fill(TEXT)
    page.get_by_role("button", name="Preview", exact=True).click()

    # What the loader read, before anything is stored.
    expect(page.get_by_role("heading", name="What the loader reads")).to_be_visible()
    inferred = page.locator("dl.inferred")
    expect(inferred).to_contain_text("Banjir Rob Rendam Tiga Desa di Pesisir Demak")
    expect(inferred).to_contain_text("Kabar Pantura")
    expect(inferred).to_contain_text("30 Oct 2024")
    expect(inferred).to_contain_text("Rabu (30/10/2024)")
    assert not Article.objects.exists()

    title = page.get_by_label(re.compile(r"^Title"))
    expect(title).to_have_value("Banjir Rob Rendam Tiga Desa di Pesisir Demak")
    title.fill(TITLE)
    page.get_by_role("button", name="Save the article").click()

    expect(page.get_by_role("heading", level=1)).to_have_text(TITLE)
    expect(page.get_by_role("status")).to_contain_text(f"created    pasted text: “{TITLE}”")
    article = Article.objects.get()
    assert page.url.endswith(article.get_absolute_url())
    assert article.title == TITLE and article.outlet.name == "Kabar Pantura"
    assert_page_healthy(page)
