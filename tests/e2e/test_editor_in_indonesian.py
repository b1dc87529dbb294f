"""The editor's main path in Bahasa Indonesia, in a Chromium that asks for Indonesian: signs in
through the login form, opens an article of the seed story, selects a sentence and tags it as
a claim (who says it, its kind, proposition and stance), saves it, and marks it reviewed in the
story's review queue; every page in Indonesian, and axe finds nothing serious on them.
(tests/e2e/test_editor_flow.py walks the same path in English.)"""

import re

import pytest
from playwright.sync_api import expect

from articles.models import Article
from tests.e2e.conftest import assert_page_healthy, select_text
from tests.e2e.test_accessibility import report, violations
from tests.e2e.test_editor_flow import SEED_STORY, SENTENCE, field, new_claim
from tests.factories import PASSWORD
from timeline.models import Actor, Claim, Proposition


@pytest.fixture
def page(new_page):
    """A browser whose language is Indonesian: it asks for id-ID first."""
    return new_page(locale="id-ID")


@pytest.fixture
def article(story):
    """The seed article with the sentence both flows tag (test_editor_flow checks that the
    seed story leaves it untagged)."""
    return Article.objects.get(body__contains=SENTENCE)


def sign_in_as_an_editor(page, user):
    page.goto("/accounts/login/")
    expect(page.locator("html")).to_have_attribute("lang", "id")
    page.get_by_label("Nama pengguna").fill(user.username)
    page.get_by_label("Kata sandi").fill(PASSWORD)
    page.locator("form.login-form").get_by_role("button", name="Masuk").click()
    expect(page.get_by_role("button", name=f"Keluar ({user.username})")).to_be_visible()


def test_an_editor_tags_a_claim_and_reviews_it_in_indonesian(page, article, editor_user):
    sign_in_as_an_editor(page, editor_user)
    found = []
    page.goto(article.get_absolute_url())
    expect(page.locator("html")).to_have_attribute("lang", "id")
    expect(page.locator(".tagging-story")).to_contain_text("Menandai klaim untuk topik")
    expect(page.get_by_role("heading", name=re.compile(r"^Saran klaim"))).to_be_visible()

    # Select the sentence: the claim form opens beside it, in Indonesian.
    assert select_text(page, SENTENCE).strip() == SENTENCE
    panel = page.locator("#claim-panel")
    expect(panel.get_by_role("heading", name="Klaim baru")).to_be_visible()
    expect(panel.locator(".quote-preview")).to_have_text(SENTENCE)

    panel.get_by_label("Cari siapa yang mengatakannya (nama atau nama lain)").fill("Korut")
    panel.locator("#actor-results").get_by_role("button", name="North Korea", exact=True).click()
    north_korea = Actor.objects.get(name="North Korea")
    expect(field(panel, "Siapa yang mengatakannya")).to_have_value(str(north_korea.pk))
    field(panel, "Jenis").select_option(label="Tuduhan")
    troops = Proposition.objects.get(story__slug=SEED_STORY, slug="troops-in-russia")
    field(panel, "Proposisi").select_option(str(troops.pk))
    field(panel, "Sikap terhadapnya").select_option(label="Mendukung")
    found += violations(page, "article page, the claim form filled in")
    panel.get_by_role("button", name="Simpan klaim").click()

    expect(panel.get_by_role("status")).to_contain_text("Klaim disimpan sebagai draf")
    claim = new_claim()
    assert (claim.quote, claim.actor, claim.kind, claim.status) == (
        SENTENCE, north_korea, "allegation", "draft"
    )  # fmt: skip
    assert (claim.story.slug, claim.proposition, claim.stance) == (SEED_STORY, troops, "supports")
    expect(page.locator(f"mark#claim-{claim.pk}")).to_be_visible()
    expect(page.locator("#claims-section")).to_contain_text("draf")
    found += violations(page, "article page, the claim saved")
    assert_page_healthy(page)

    # The review queue lists the draft; ticked and marked, it is reviewed.
    page.goto(f"/stories/{SEED_STORY}/review/")
    expect(page.get_by_role("heading", name="Antrean tinjauan")).to_be_visible()
    page.get_by_label(f"Tandai klaim {claim.pk} sudah ditinjau").check()
    found += violations(page, "review queue")
    page.get_by_role("button", name="Tandai sudah ditinjau").click()

    expect(page.locator(".messages")).to_contain_text("1 klaim ditandai sudah ditinjau.")
    claim.refresh_from_db()
    assert claim.status == Claim.Status.REVIEWED
    expect(page.get_by_label(f"Tandai klaim {claim.pk} sudah ditinjau")).to_have_count(0)
    found += violations(page, "review queue, after marking")
    assert claim.history.latest().history_change_reason == "marked reviewed"  # stored in English
    assert_page_healthy(page)
    report(found)


def test_the_editors_other_pages_are_accessible_in_indonesian(page, article, editor_user):
    sign_in_as_an_editor(page, editor_user)
    claim = Claim.objects.filter(story__slug=SEED_STORY).earliest("pk")
    found = []
    for where, url in {
        "new claim form (full page)": f"/claims/new/?article={article.slug}",
        "claim edit form (full page)": f"/claims/{claim.pk}/edit/",
        "new actor form": "/actors/new/",
        "story form": f"/stories/{SEED_STORY}/edit/",
        "story's articles": f"/stories/{SEED_STORY}/articles/?q=pasukan",
        "deleted claims": "/claims/deleted/",
    }.items():
        page.goto(url)
        expect(page.locator("html")).to_have_attribute("lang", "id")
        found += violations(page, where)
    # A form with errors, as the editor sees it.
    page.goto(f"/claims/{claim.pk}/edit/")
    page.locator("form.claim-form input[name=number]").fill("sepuluh ribu")
    page.locator("form.claim-form").get_by_role("button", name="Simpan klaim").click()
    expect(page.locator(".errorlist").first).to_contain_text("Masukkan bilangan bulat")
    found += violations(page, "claim edit form with errors")
    report(found)
