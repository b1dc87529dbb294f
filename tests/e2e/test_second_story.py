"""A second story, made in Chromium by an editor from nothing but the app's pages: the story
(title, dek, sides), two articles pasted in, added to it from its articles page, a claim
tagged on a proposition created inline and a denial by a party concerned, both reviewed in
the story's queue, the story published. Then a reader sees it beside the seed story, with
its own box, lanes and exports, and neither story shows any claim of the other.

The topic and the texts are made up for this test (no outlet published them)."""

import csv
import io
import re

import pytest
from playwright.sync_api import expect

from articles.models import Article
from tests.e2e.conftest import assert_page_healthy, select_text, sign_in
from timeline.models import Actor, Claim, Proposition, Story

SEED_SLUG = "north-korean-troops-in-russia"
TITLE = "Rel kereta ke Assab"
TITLE_EN = "A railway to Assab"
DEK = (
    "Cerita rekaan untuk pengujian: apakah Etiopia membangun rel kereta ke pelabuhan Assab "
    "di Eritrea?"
)
SIDES = "ET Ethiopia\nER Eritrea"

ALLEGATION_ARTICLE = (
    "Eritrea Tuding Etiopia Bangun Rel Kereta ke Assab\n\n"
    "Asmara (Kabar Uji) - Kementerian Informasi Eritrea menuding Etiopia diam-diam membangun "
    "rel kereta menuju pelabuhan Assab, Senin (3/3/2025).\n\n"
    "Menurut kementerian itu, insinyur Etiopia sudah memasang patok rel di dekat perbatasan.\n\n"
    "Kementerian tidak menunjukkan foto atau peta patok tersebut.\n"
)
ALLEGATION = (
    "Menurut kementerian itu, insinyur Etiopia sudah memasang patok rel di dekat perbatasan."
)
DENIAL_ARTICLE = (
    "Etiopia Bantah Membangun Rel Kereta ke Assab\n\n"
    "Addis Ababa (Kabar Uji) - Pemerintah Etiopia membantah tudingan Eritrea soal rel kereta "
    "ke Assab, Rabu (5/3/2025).\n\n"
    "Juru bicara pemerintah Etiopia menegaskan tidak ada satu pun insinyur Etiopia yang bekerja "
    "di wilayah itu.\n\n"
    "Ia menyebut tudingan itu sebagai kabar yang tidak berdasar.\n"
)
DENIAL = (
    "Juru bicara pemerintah Etiopia menegaskan tidak ada satu pun insinyur Etiopia yang bekerja "
    "di wilayah itu."
)
STATEMENT = "Etiopia membangun rel kereta ke Assab"
STATEMENT_EN = "Ethiopia is building a railway to Assab"


def labelled(scope, label):
    """The control in `scope` labelled `label` (Django may add a colon to the label)."""
    return scope.get_by_label(re.compile(rf"^{re.escape(label)}:?$"))


def field(scope, label):
    """The claim form's control labelled `label`."""
    return labelled(scope.locator("form.claim-form"), label)


def open_editor_page(page, name):
    """One of the story's editor pages, by its link on the story list (the story's own page
    has none yet; the site's menu has an "Articles" link of its own)."""
    page.goto("/")
    card = page.locator(".story-card").filter(has_text=TITLE_EN)
    card.locator(".story-editor-links").get_by_role("link", name=name, exact=True).click()


def paste_article(page, text) -> Article:
    page.goto("/articles/add/")
    page.get_by_label("Text", exact=False).first.fill(text)
    page.get_by_role("button", name="Preview", exact=True).click()
    expect(page.get_by_role("heading", name="What the loader reads")).to_be_visible()
    page.get_by_role("button", name="Save the article").click()
    title = text.split("\n", 1)[0]
    expect(page.get_by_role("heading", level=1)).to_have_text(title)
    return Article.objects.get(title=title)


def add_actor(panel, name, country) -> Actor:
    """The claim panel's new actor, added inline; the form picks it."""
    panel.locator("summary", has_text="Add an actor").click()
    labelled(panel, "Actor's name").fill(name)
    labelled(panel, "Kind of actor").select_option("government")
    labelled(panel, "Country (two letters)").fill(country)
    panel.get_by_role("button", name="Add actor").click()
    expect(panel.locator("#actor-results")).to_contain_text(f"Added {name}")
    actor = Actor.objects.get(name=name)
    expect(field(panel, "Who says it")).to_have_value(str(actor.pk))
    return actor


def tag(page, article, story, quote):
    """Open `article` for `story`, select `quote`: the claim panel, with that quote."""
    page.goto(f"{article.get_absolute_url()}?story={story.slug}")
    assert select_text(page, quote).strip() == quote
    panel = page.locator("#claim-panel")
    expect(panel.locator(".quote-preview")).to_have_text(quote)
    expect(panel.locator(".tagging-story")).to_contain_text(TITLE)
    return panel


def save_claim(panel, quote) -> Claim:
    panel.get_by_role("button", name="Save claim").click()
    expect(panel.get_by_role("status")).to_contain_text("Claim saved")
    return Claim.objects.get(quote=quote)


def make_the_story(page) -> tuple[Story, Proposition, Claim, Claim]:
    """The editor's part, in the browser only; returns what it made, read from the database."""
    page.goto("/")
    page.get_by_role("link", name="New story").click()
    labelled(page, "Title").fill(TITLE)
    labelled(page, "Title in English").fill(TITLE_EN)
    labelled(page, "Dek").fill(DEK)
    labelled(page, "Sides").fill(SIDES)
    page.get_by_role("button", name="Create story").click()
    expect(page.get_by_role("heading", name="Articles of the story")).to_be_visible()
    story = Story.objects.get(title=TITLE)
    assert (story.sides, story.is_published) == ([["ET", "Ethiopia"], ["ER", "Eritrea"]], False)

    allegation_article = paste_article(page, ALLEGATION_ARTICLE)
    denial_article = paste_article(page, DENIAL_ARTICLE)

    # Found on the story's articles page, ticked, added.
    open_editor_page(page, "Articles")
    adding = page.get_by_role("region", name="Add articles")
    adding.get_by_role("searchbox", name="Search the articles").fill("Assab")
    adding.get_by_role("button", name="Search").click()
    for article in (allegation_article, denial_article):
        adding.get_by_label(article.title).check()
    adding.get_by_role("button", name="Add to story").click()
    expect(page.get_by_role("heading", name="In the story (2)")).to_be_visible()
    assert set(story.articles.all()) == {allegation_article, denial_article}

    # The allegation: a new actor (Eritrea's), a proposition of the story made on the spot,
    # Ethiopia the party concerned.
    panel = tag(page, allegation_article, story, ALLEGATION)
    eritrea = add_actor(panel, "Kementerian Informasi Eritrea", "ER")
    field(panel, "Kind").select_option("allegation")
    panel.locator("summary", has_text="New proposition").click()
    panel.get_by_label("Statement in Indonesian").fill(STATEMENT)
    panel.get_by_label("Statement in English").fill(STATEMENT_EN)
    panel.get_by_label("ET Ethiopia").check()
    panel.get_by_role("button", name="Add proposition").click()
    expect(panel.locator("#proposition-choice")).to_contain_text("Suggested")
    proposition = Proposition.objects.get(story=story, statement=STATEMENT)
    assert (proposition.statement_en, proposition.parties) == (STATEMENT_EN, ["ET"])
    expect(field(panel, "Proposition")).to_have_value(str(proposition.pk))
    expect(field(panel, "Stance on it")).to_have_value("supports")
    expect(field(panel, "Who says it")).to_have_value(str(eritrea.pk))
    allegation = save_claim(panel, ALLEGATION)

    # The denial, by the party concerned, on the same proposition.
    panel = tag(page, denial_article, story, DENIAL)
    ethiopia = add_actor(panel, "Pemerintah Etiopia", "ET")
    field(panel, "Kind").select_option("denial")
    field(panel, "Proposition").select_option(str(proposition.pk))
    field(panel, "Stance on it").select_option("disputes")
    denial = save_claim(panel, DENIAL)

    for claim, actor, kind, stance in (
        (allegation, eritrea, "allegation", "supports"),
        (denial, ethiopia, "denial", "disputes"),
    ):
        assert (claim.story, claim.proposition, claim.actor) == (story, proposition, actor)
        assert (claim.kind, claim.stance, claim.status) == (kind, stance, "draft")
        assert claim.stated_on is not None  # dated, so on the box's line and in the lanes

    # Both reviewed from the story's queue.
    open_editor_page(page, "Review queue")
    expect(page.get_by_role("heading", name="Drafts (2)")).to_be_visible()
    for claim in (allegation, denial):
        page.get_by_label(f"Mark claim {claim.pk} reviewed").check()
    page.get_by_role("button", name="Mark reviewed").click()
    expect(page.locator(".messages")).to_contain_text("Marked 2 claims reviewed.")
    expect(page.get_by_role("heading", name="Drafts (0)")).to_be_visible()

    # Published from its edit page.
    open_editor_page(page, "Edit story")
    labelled(page, "Published").check()
    page.get_by_role("button", name="Save story").click()
    expect(page.locator(".messages")).to_contain_text(f"Saved: {TITLE}.")
    story.refresh_from_db()
    assert story.is_published
    assert_page_healthy(page)
    for claim in (allegation, denial):
        claim.refresh_from_db()
        assert claim.status == "reviewed"
    return story, proposition, allegation, denial


def claims_on_page(page) -> set[int]:
    ids = page.locator("#timeline-results [data-claim-id]")
    return {int(i) for i in ids.evaluate_all("items => items.map(i => i.dataset.claimId)")}


def box_claims(page) -> set[int]:
    links = page.locator(".tl-story a").evaluate_all("links => links.map(a => a.pathname)")
    return {int(m[1]) for href in links if (m := re.fullmatch(r"/claims/(\d+)/", href))}


def exports(page) -> tuple[list[dict], dict]:
    """The CSV's rows and the JSON, fetched from the page's own export links."""
    links = page.locator(".tl-exports")
    csv_url = links.get_by_role("link", name=re.compile(r"^CSV")).evaluate("a => a.href")
    json_url = links.get_by_role("link", name=re.compile(r"^JSON")).evaluate("a => a.href")
    csv_response, json_response = page.request.get(csv_url), page.request.get(json_url)
    assert csv_response.ok and json_response.ok
    rows = list(csv.DictReader(io.StringIO(csv_response.text().lstrip("\ufeff"))))
    return rows, json_response.json()


def exported_ids(rows, data) -> tuple[set[int], set[int]]:
    return {int(row["claim_id"]) for row in rows}, {c["claim_id"] for c in data["claims"]}


@pytest.fixture
def editor_page(new_page, editor_user, live_server, story):
    page = new_page()
    sign_in(page, editor_user, live_server)
    return page


def test_an_editor_makes_a_second_story_that_keeps_to_its_own_claims(editor_page, new_page):
    story, proposition, allegation, denial = make_the_story(editor_page)
    ours = {allegation.pk, denial.pk}
    seed = Story.objects.get(slug=SEED_SLUG)
    seed_claims = Claim.objects.alive().filter(story=seed)
    seed_ids = set(seed_claims.values_list("pk", flat=True))
    seed_reviewed = set(seed_claims.filter(status="reviewed").values_list("pk", flat=True))
    seed_quotes = set(seed_claims.values_list("quote", flat=True))
    assert seed_reviewed and not seed_ids & ours

    # A reader, not signed in: both stories are listed.
    page = new_page()
    page.goto("/")
    cards = page.locator(".story-card")
    expect(cards).to_have_count(2)
    expect(page.get_by_role("link", name=TITLE_EN, exact=True)).to_be_visible()
    expect(page.get_by_role("link", name=seed.title_en, exact=True)).to_be_visible()
    expect(cards.filter(has_text=TITLE_EN)).to_contain_text(DEK)
    expect(page.get_by_role("link", name="New story")).to_have_count(0)
    expect(page.locator(".story-editor-links")).to_have_count(0)

    # The new story's page: its box, its proposition's status as its claims make it, its
    # sides for lanes, its two claims and none of the seed story's.
    page.get_by_role("link", name=TITLE_EN, exact=True).click()
    expect(page).to_have_url(re.compile(rf"/stories/{story.slug}/$"))
    expect(page.get_by_role("heading", level=1)).to_have_text(TITLE_EN)
    expect(page.locator(".tl-result-count")).to_have_text("2 claims.")
    arcs = page.locator(".tl-story .tl-arc")
    expect(arcs).to_have_count(1)
    arc = page.locator(f'.tl-arc[data-proposition="{proposition.slug}"]')
    expect(arc.locator(".tl-arc-statement")).to_contain_text(STATEMENT_EN)
    expect(arc.locator(".tl-arc-status .tl-status")).to_have_text("disputed")
    expect(arc.locator(".tl-arc-first_denial")).to_contain_text("Pemerintah Etiopia")
    lane_names = page.locator("svg.tl-lanes-svg .tl-lane-label")
    expect(lane_names).to_have_text(["Ethiopia", "Eritrea", "Others"])
    markers = page.locator("svg.tl-lanes-svg a.tl-marker")
    expect(markers).to_have_count(2)
    assert claims_on_page(page) == ours
    assert box_claims(page) <= ours and denial.pk in box_claims(page)
    text = page.locator("main").inner_text()
    assert ALLEGATION in text and DENIAL in text
    assert not [quote for quote in seed_quotes if quote in text]
    assert_page_healthy(page)

    # Its exports hold its two claims only, on its proposition; the JSON's status is the box's.
    rows, data = exports(page)
    assert exported_ids(rows, data) == (ours, ours)
    assert {row["proposition"] for row in rows} == {proposition.slug}
    assert not [row for row in rows if row["quote"] in seed_quotes]
    assert data["story"]["slug"] == story.slug
    assert data["story"]["sides"] == [
        {"code": "ET", "name": "Ethiopia"},
        {"code": "ER", "name": "Eritrea"},
    ]
    [exported] = data["propositions"]
    assert (exported["proposition"], exported["status"]) == (proposition.slug, "disputed")
    assert exported["status_history"][-1]["claim_id"] == denial.pk

    # The seed story's page, box and exports hold none of the new story's claims, not even
    # when filtered on the new story's actors.
    page.goto(seed.get_absolute_url())
    expect(page.get_by_role("heading", level=1)).to_have_text(seed.title_en)
    expect(page.locator(".tl-story .tl-arc").first).to_be_visible()
    assert claims_on_page(page) and claims_on_page(page) <= seed_reviewed
    assert box_claims(page) and box_claims(page) <= seed_ids
    seed_text = page.locator("main").inner_text()
    assert ALLEGATION not in seed_text and DENIAL not in seed_text
    assert STATEMENT not in seed_text and STATEMENT_EN not in seed_text
    rows, data = exports(page)
    assert exported_ids(rows, data) == (seed_reviewed, seed_reviewed)
    assert proposition.slug not in {row["proposition"] for row in rows}
    assert not {ALLEGATION, DENIAL} & {row["quote"] for row in rows}
    assert proposition.slug not in {p["proposition"] for p in data["propositions"]}
    for actor in (allegation.actor, denial.actor):
        page.goto(f"{seed.get_absolute_url()}?actor={actor.slug}")
        expect(page.locator(".tl-result-count")).to_have_text("No claims match these filters.")
    assert_page_healthy(page)
