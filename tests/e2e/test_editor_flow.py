"""An editor, in Chromium: tags a sentence by selecting it, on a proposition created on the
spot, edits and reviews the claim (moving it to another proposition), finds it on the story's
timeline, deletes it and restores it from its history; and the same tagging with JavaScript
turned off, by pasting the quote and adding a proposition from the form."""

import re

import pytest
from playwright.sync_api import expect

from articles.models import Article
from tests.e2e.conftest import assert_page_healthy, log_in, select_text, sign_in
from tests.factories import make_story
from timeline.models import Actor, Claim, Proposition, Story

SENTENCE = "Keterlibatan Korut atas perintah pimpinan tertinggi Presiden Kim Jong Un."
SEED_STORY = "north-korean-troops-in-russia"


@pytest.fixture
def article(story):
    article = Article.objects.get(body__contains=SENTENCE)
    start = article.body.index(SENTENCE)
    assert not Claim.objects.filter(
        article=article, start__lt=start + len(SENTENCE), end__gt=start
    ).exists(), "the sentence this test tags is already tagged in the seed story"
    return article


def field(scope, label):
    """The claim form's control labelled `label` (Django may add a colon to the label)."""
    form = scope.locator("form.claim-form")
    return form.get_by_label(re.compile(rf"^{re.escape(label)}:?$"))


def new_claim() -> Claim:
    return Claim.objects.select_related("actor").latest("pk")


def test_editor_tags_edits_reviews_deletes_and_restores_a_claim(page, article, editor_user):
    claims_before = Claim.objects.count()
    log_in(page, "editor")
    page.goto(article.get_absolute_url())
    page.evaluate("window.sameDocument = 'yes'")

    # Select the sentence with the mouse: the claim form opens next to it, with that quote.
    assert select_text(page, SENTENCE).strip() == SENTENCE
    panel = page.locator("#claim-panel")
    expect(panel.get_by_role("heading", name="New claim")).to_be_visible()
    expect(panel.locator(".quote-preview")).to_have_text(SENTENCE)

    # Find the actor by an alias.
    panel.get_by_label("Find who says it (name or alias)").fill("Korut")
    panel.locator("#actor-results").get_by_role("button", name="North Korea", exact=True).click()
    north_korea = Actor.objects.get(name="North Korea")
    expect(field(panel, "Who says it")).to_have_value(str(north_korea.pk))

    field(panel, "Kind").select_option("troop_count")
    field(panel, "Number").fill("15.000")

    # What it is about is not among the story's propositions yet: add one on the spot. The
    # form keeps what was typed, and picks the new proposition.
    panel.locator("summary", has_text="New proposition").click()
    panel.get_by_label("Statement in Indonesian").fill("Kim Jong Un memerintahkan pengiriman")
    panel.get_by_label("Statement in English").fill("Kim Jong Un ordered the deployment")
    panel.get_by_label("KP North Korea").check()
    panel.get_by_role("button", name="Add proposition").click()
    ordered = Proposition.objects.filter(statement="Kim Jong Un memerintahkan pengiriman")
    expect(field(panel, "Proposition")).to_have_value(re.compile(r"^\d+$"))
    proposition = ordered.get()
    expect(field(panel, "Proposition")).to_have_value(str(proposition.pk))
    assert (proposition.story.slug, proposition.parties) == (SEED_STORY, ["KP"])
    expect(field(panel, "Number")).to_have_value("15.000")
    expect(field(panel, "Who says it")).to_have_value(str(north_korea.pk))
    # The kind typed (a troop count) suggests the stance, and says so.
    expect(field(panel, "Stance on it")).to_have_value("supports")
    expect(panel.locator("#proposition-choice")).to_contain_text("Suggested")
    expect(field(panel, "What the number counts")).to_have_value("")  # a count: a total
    panel.get_by_role("button", name="Save claim").click()

    expect(panel.get_by_role("status")).to_contain_text("Claim saved")
    assert Claim.objects.count() == claims_before + 1
    claim = new_claim()
    assert (claim.quote, claim.actor, claim.kind, claim.number, claim.status) == (
        SENTENCE, north_korea, "troop_count", 15000, "draft"
    )  # fmt: skip
    assert (claim.story.slug, claim.proposition, claim.stance, claim.number_role) == (
        SEED_STORY, proposition, "supports", "total"
    )  # fmt: skip
    assert claim.created_by.username == "editor"
    highlight = page.locator(f"mark#claim-{claim.pk}")
    expect(highlight).to_be_visible()
    expect(highlight).to_have_class(re.compile(r"\bdraft\b"))
    assert page.evaluate("window.sameDocument") == "yes", "saving reloaded the page"

    # Open it again from its highlight; change the number, put it on the story's troops
    # proposition as a part of the total, and mark it reviewed.
    troops = Proposition.objects.get(story__slug=SEED_STORY, slug="troops-in-russia")
    highlight.click()
    expect(panel.get_by_role("heading", name=re.compile("Edit claim"))).to_be_visible()
    expect(field(panel, "Number")).to_have_value("15000")
    expect(field(panel, "Proposition")).to_have_value(str(proposition.pk))
    field(panel, "Number").fill("16.000")
    field(panel, "Proposition").select_option(str(troops.pk))
    field(panel, "What the number counts").select_option("part")
    field(panel, "Status").select_option("reviewed")
    panel.get_by_role("button", name="Save claim").click()

    expect(panel.get_by_role("status")).to_contain_text("Claim saved")
    claim.refresh_from_db()
    assert (claim.number, claim.status, claim.version) == (16000, "reviewed", 2)
    assert (claim.proposition, claim.stance, claim.number_role) == (troops, "supports", "part")
    expect(page.locator(f"mark#claim-{claim.pk}")).not_to_have_class(re.compile(r"\bdraft\b"))
    assert page.evaluate("window.sameDocument") == "yes"
    assert_page_healthy(page)

    # Its page says what it is about, to readers too.
    page.goto(claim.get_absolute_url())
    expect(page.locator(".claim-proposition")).to_contain_text(troops.statement)
    expect(page.locator(".claim-stance")).to_have_text("Supports")

    # On the story's timeline.
    page.goto(Story.objects.get(slug=SEED_STORY).get_absolute_url())
    item = page.locator(f"#timeline-claim-{claim.pk}")
    expect(item).to_be_visible()
    expect(item).to_contain_text("16,000")
    expect(item).to_contain_text("North Korea")

    # Delete it from the article page; it leaves the text.
    page.goto(article.get_absolute_url())
    page.locator(f"mark#claim-{claim.pk}").click()
    panel.get_by_role("button", name="Delete claim").click()
    expect(panel.get_by_role("status")).to_contain_text("Claim deleted")
    expect(page.locator(f"mark#claim-{claim.pk}")).to_have_count(0)
    claim.refresh_from_db()
    assert claim.deleted_at is not None

    # Restore it from its history.
    page.goto(f"/claims/{claim.pk}/history/")
    versions = page.locator("li.version")
    expect(versions).to_have_count(3)  # tagged, edited and reviewed, deleted
    expect(page.locator(".versions")).to_contain_text("deleted")
    expect(page.locator(".versions")).to_contain_text(troops.statement)  # what it moved to
    page.get_by_role("button", name="Restore it").click()

    expect(page).to_have_url(re.compile(rf"{article.get_absolute_url()}#claim-{claim.pk}$"))
    expect(page.locator(f"mark#claim-{claim.pk}")).to_be_visible()
    claim.refresh_from_db()
    assert claim.deleted_at is None
    assert claim.number == 16000 and claim.status == "reviewed"  # as it was
    page.goto(f"/claims/{claim.pk}/history/")
    expect(page.locator(".versions")).to_contain_text("restored")
    assert_page_healthy(page)


@pytest.fixture
def no_js_page(new_page, editor_user, live_server):
    page = new_page(java_script_enabled=False)
    sign_in(page, editor_user, live_server)
    return page


def test_editor_tags_a_claim_without_javascript_by_pasting_the_quote(no_js_page, article):
    page = no_js_page
    north_korea = Actor.objects.get(name="North Korea")
    page.goto(article.get_absolute_url())
    page.get_by_role("link", name="paste a quote into a form").click()
    expect(page).to_have_url(
        re.compile(rf"/claims/new/\?article={article.slug}&story={SEED_STORY}$")
    )

    # A quote that is not in the article: a clear error, nothing saved.
    count = Claim.objects.count()
    field(page, "Quote").fill("Korut mengirim sejuta tentara ke Bulan.")
    field(page, "Who says it").select_option(str(north_korea.pk))
    field(page, "Kind").select_option("troop_count")
    field(page, "Number").fill("1000000")
    page.get_by_role("button", name="Save claim").click()
    expect(page.locator(".quote-field, .claim-form")).to_contain_text("not in the article")
    assert Claim.objects.count() == count

    # The real sentence, pasted with the line breaks and spaces a copy may bring.
    field(page, "Quote").fill(SENTENCE.replace(" atas ", "\n atas  "))
    field(page, "Who says it").select_option(str(north_korea.pk))
    field(page, "Kind").select_option("allegation")
    field(page, "Number").fill("")
    field(page, "Status").select_option("reviewed")

    # A new proposition, without JavaScript: the whole form goes, and comes back as typed.
    page.locator("summary", has_text="New proposition").click()
    page.get_by_label("Statement in Indonesian").fill("Kim Jong Un memerintahkan pengiriman")
    page.get_by_label("RU Russia").check()
    page.get_by_role("button", name="Add proposition").click()
    expect(page.locator(".messages")).to_contain_text("Proposition added")
    proposition = Proposition.objects.get(statement="Kim Jong Un memerintahkan pengiriman")
    expect(field(page, "Proposition")).to_have_value(str(proposition.pk))
    expect(field(page, "Stance on it")).to_have_value("supports")  # an allegation supports
    expect(field(page, "Kind")).to_have_value("allegation")
    expect(field(page, "Status")).to_have_value("reviewed")
    assert Claim.objects.count() == count
    field(page, "Stance on it").select_option("neither")
    page.get_by_role("button", name="Save claim").click()

    claim = new_claim()
    assert Claim.objects.count() == count + 1
    assert (claim.quote, claim.kind, claim.status) == (SENTENCE, "allegation", "reviewed")
    assert (claim.proposition, claim.stance) == (proposition, "neither")
    expect(page).to_have_url(re.compile(rf"{article.get_absolute_url()}#claim-{claim.pk}$"))
    expect(page.locator(f"mark#claim-{claim.pk}")).to_be_visible()
    expect(page.locator(".messages")).to_contain_text("Claim saved")


# Seed 004 ("Bentrokan Pertama..."): a sentence with no date of its own, then one with
# "Selasa (5/11/2024) kemarin", from which the article's own date (6 Nov 2024) is inferred.
UNDATED = (
    "Pejabat Ukraina itu menambahkan, bahwa pasukan Korea Utara bertempur bersama brigade Rusia."
)


@pytest.fixture
def bentrokan(articles, new_page, editor_user, live_server):
    """Seed 004 without the seed story's claims (the sentence is not highlighted yet), and
    an editor's page."""
    article = Article.objects.get(body__contains=UNDATED)
    assert article.published_on.isoformat() == "2024-11-06"
    make_story("Bentrokan di Kursk").articles.add(article)  # claims are tagged for a story
    page = new_page()
    sign_in(page, editor_user, live_server)
    page.goto(article.get_absolute_url())
    return page, article


def test_a_sentence_selected_with_its_full_stop_is_dated_from_itself(bentrokan):
    page, article = bentrokan
    assert select_text(page, UNDATED) == UNDATED
    panel = page.locator("#claim-panel")
    expect(panel.locator(".quote-preview")).to_have_text(UNDATED)
    # Not 5 Nov from "Selasa (5/11/2024) kemarin" in the next paragraph: the article's date.
    expect(field(panel, "Stated on")).to_have_value("2024-11-06")
    expect(field(panel, "Date evidence")).to_have_value("the article's date")
    assert_page_healthy(page)


def test_a_selection_ending_mid_word_is_saved_as_whole_words(bentrokan):
    page, article = bentrokan
    ukraine = Actor.objects.create(name="Ukrainian officials", slug="ukrainian-officials")
    fragment = "bahwa pasukan Korea Utara bertempur bersama briga"
    assert select_text(page, fragment) == fragment
    panel = page.locator("#claim-panel")
    whole = "bahwa pasukan Korea Utara bertempur bersama brigade"
    expect(panel.locator(".quote-preview")).to_have_text(whole)

    field(panel, "Who says it").select_option(str(ukraine.pk))
    field(panel, "Kind").select_option("combat_report")
    panel.get_by_role("button", name="Save claim").click()
    expect(panel.get_by_role("status")).to_contain_text("Claim saved")
    claim = new_claim()
    assert (claim.quote, article.body[claim.start : claim.end]) == (whole, whole)
    expect(page.locator(f"mark#claim-{claim.pk}")).to_contain_text(whole)
    assert_page_healthy(page)
