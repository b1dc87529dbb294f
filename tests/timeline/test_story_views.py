"""Editors make and change stories in the app: title, dek, working language, sides, published
or draft; their propositions; the articles they are told by. Bad input is a form error and
writes nothing; a save based on a story someone saved since is refused, naming who."""

import html as html_lib
import re

import pytest
from django.core.exceptions import ValidationError
from django.template.loader import render_to_string
from django.test import Client
from django.urls import reverse

from tests.factories import make_article, make_claim, make_proposition, make_story, make_user
from timeline import story_editing
from timeline.models import Claim, Proposition, Story

pytestmark = pytest.mark.django_db

CREATE = reverse("timeline:story-create")


def edit_url(story):
    return reverse("timeline:story-edit", args=[story.slug])


def story_data(**changes) -> dict:
    data = {
        "title": "Banjir bandang di Sigi",
        "title_en": "Flash floods in Sigi",
        "slug": "",
        "dek": "Siapa memperingatkan, siapa membantah, berapa korban.",
        "dek_en": "Who warned, who denied, how many died.",
        "language": "id",
        "sides": "ID Indonesia\nMY",
        "is_published": "on",
    }
    return {**data, **changes}


def form_data(story) -> dict:
    """What the edit form of `story` submits unchanged."""
    return story_data(
        title=story.title,
        title_en=story.title_en,
        slug=story.slug,
        dek=story.dek,
        dek_en=story.dek_en,
        language=story.language,
        sides="\n".join(f"{code} {name}" for code, name in story.sides),
        is_published="on" if story.is_published else "",
        opened=story_editing.opened_at(story),
    )


def opened_in(html: str) -> str:
    return html_lib.unescape(re.search(r'name="opened" value="([^"]*)"', html)[1])


def text(response) -> str:
    return re.sub(r"\s+", " ", html_lib.unescape(response.content.decode()))


def written() -> dict:
    return {
        "stories": list(Story.objects.order_by("pk").values()),
        "propositions": list(Proposition.objects.order_by("pk").values()),
        "story articles": list(Story.articles.through.objects.order_by("pk").values()),
        "story history": Story.history.count(),
        "proposition history": Proposition.history.count(),
    }


# A story made and changed


def test_an_editor_creates_a_story_and_is_sent_to_add_its_articles(editor_client, editor):
    response = editor_client.post(CREATE, story_data())

    story = Story.objects.get()
    assert response.status_code == 302
    assert response["Location"] == reverse("timeline:story-articles", args=[story.slug])
    assert story.slug == "banjir-bandang-di-sigi"
    assert story.sides == [["ID", "Indonesia"], ["MY", "Malaysia"]]  # a code alone: its name
    assert (story.title_en, story.language, story.is_published) == (
        "Flash floods in Sigi",
        "id",
        True,
    )
    record = story.history.get()
    assert (record.history_user, record.history_change_reason) == (editor, "created")
    page = editor_client.get(story.get_absolute_url())
    assert page.status_code == 200


def test_the_form_offers_the_working_languages_and_explains_the_sides(editor_client):
    html = editor_client.get(CREATE).content.decode()
    for code, name in [("id", "Bahasa Indonesia"), ("en", "English"), ("fr", "français")]:
        assert f'<option value="{code}"' in html and name in html
    assert "KP North Korea" in html
    assert 'name="sides"' in html and "<textarea" in html


def test_sides_keep_their_order_and_their_names(editor_client):
    editor_client.post(CREATE, story_data(sides="kr  Korea Selatan\n\nKP Korea Utara\nRU"))
    assert Story.objects.get().sides == [
        ["KR", "Korea Selatan"],
        ["KP", "Korea Utara"],
        ["RU", "Russia"],
    ]


@pytest.mark.parametrize(
    ("changes", "field", "message"),
    [
        ({"sides": "ID Indonesia\nXX Nowhere"}, "sides", "Line 2: “XX” is not a country code"),
        ({"sides": "PRK North Korea"}, "sides", "Line 1: “PRK” is not a country code"),
        (
            {"sides": "KP North Korea\nRU\nkp DPRK"},
            "sides",
            "Line 3: KP is already a side, on line 1",
        ),
        ({"sides": "KP " + "x" * 101}, "sides", "Line 1: the name of KP has 101 characters"),
        ({"sides": "KP\n" * 3000}, "sides", "The sides are at most 5,000 characters"),
        ({"dek": "x" * 70_000}, "dek", "at most 1000 characters"),
        ({"dek_en": "x" * 70_000}, "dek_en", "at most 1000 characters"),
        ({"title": ""}, "title", "This field is required"),
        ({"title": "x" * 201}, "title", "at most 200 characters"),
        ({"title": "!!!"}, "slug", "The title has no letters an address can use"),
        ({"slug": "new"}, "slug", "“new” is the address of a page"),
        ({"slug": "Bad slug!"}, "slug", "Enter a valid “slug”"),
        ({"slug": "taken"}, "slug", "Another story has the address “taken”"),
        ({"title": "Taken"}, "slug", "Another story has the address “taken”"),
        ({"language": "xx"}, "language", "Select a valid choice"),
    ],
)
def test_bad_input_is_a_form_error_and_writes_nothing(editor_client, changes, field, message):
    make_story("The taken one", slug="taken")
    before = written()

    response = editor_client.post(CREATE, story_data(**changes))

    assert response.status_code == 200
    assert response.context["form"].errors[field]
    assert message in text(response)
    assert written() == before


def test_a_taken_slug_on_edit_is_a_form_error(editor_client):
    make_story("The taken one", slug="taken")
    story = make_story("Mine", slug="mine")
    before = written()
    response = editor_client.post(edit_url(story), {**form_data(story), "slug": "taken"})
    assert "Another story has the address “taken”" in text(response)
    assert written() == before
    # The page still points at the story's real address.
    assert f'action="{edit_url(story)}"' in response.content.decode()


def test_an_edit_is_saved_with_its_history(editor_client, editor):
    story = make_story("Banjir", slug="banjir", sides=[["ID", "Indonesia"]], published=False)

    response = editor_client.post(
        edit_url(story),
        {**form_data(story), "title": "Banjir Sigi", "sides": "ID Indonesia\nMY Malaysia"},
    )

    assert response.status_code == 302 and response["Location"] == edit_url(story)
    story.refresh_from_db()
    assert story.title == "Banjir Sigi" and story.side_codes == ["ID", "MY"]
    record = story.history.latest()
    assert record.history_user == editor
    assert record.history_change_reason == "edited title, sides"


def test_saving_an_unchanged_story_writes_nothing(editor_client):
    story = make_story("Banjir", slug="banjir")
    before = written()
    response = editor_client.post(edit_url(story), form_data(story), follow=True)
    assert "Nothing changed." in text(response)
    assert written() == before


def test_a_stale_edit_is_refused_naming_who_changed_it(editor_client):
    story = make_story("Banjir", slug="banjir")
    opened = opened_in(editor_client.get(edit_url(story)).content.decode())
    other = Client()
    other.force_login(make_user("rina", editor=True))
    assert (
        other.post(edit_url(story), {**form_data(story), "title": "Banjir (Rina)"}).status_code
        == 302
    )
    before = written()

    mine = {**form_data(story), "opened": opened, "title": "Banjir (mine)"}
    response = editor_client.post(edit_url(story), mine)

    assert response.status_code == 200
    page = text(response)
    assert "Not saved: rina changed “Banjir (Rina)” since you opened it (edited title)" in page
    assert written() == before
    assert 'value="Banjir (mine)"' in response.content.decode()  # what was typed is kept
    # Saved again, knowing: it goes through.
    again = {**mine, "opened": opened_in(response.content.decode())}
    assert editor_client.post(edit_url(story), again).status_code == 302
    story.refresh_from_db()
    assert story.title == "Banjir (mine)"


def test_a_side_a_proposition_names_cannot_be_removed(editor_client):
    story = make_story("Pasukan", slug="pasukan", sides=[["KP", "North Korea"], ["RU", "Russia"]])
    make_proposition(story, "Tentara Korut ada di Rusia", parties=["KP", "RU"])
    make_proposition(story, "Rusia mengirim minyak", parties=["RU"])
    before = written()

    response = editor_client.post(edit_url(story), {**form_data(story), "sides": "KP North Korea"})

    assert response.status_code == 200
    page = text(response)
    assert "“Tentara Korut ada di Rusia” names RU as a party concerned" in page
    assert "“Rusia mengirim minyak” names RU as a party concerned" in page
    assert written() == before


def test_a_story_made_by_an_editor_has_its_own_page_and_none_of_the_seed_storys(
    seeded, editor_client
):
    seed = Story.objects.get()
    seed_articles = set(seed.articles.values_list("pk", flat=True))
    article = make_article("Bupati Sigi membantah banjir akan datang, kata warga desa.")

    editor_client.post(CREATE, story_data())
    story = Story.objects.exclude(pk=seed.pk).get()
    articles = reverse("timeline:story-articles", args=[story.slug])
    editor_client.post(articles, {"articles": [article.pk]})
    make_claim(article, story=story, quote="Bupati Sigi membantah banjir akan datang")

    assert story.get_absolute_url() == "/stories/banjir-bandang-di-sigi/"
    assert set(story.articles.values_list("pk", flat=True)) == {article.pk}
    assert not seed_articles & {article.pk}
    page = editor_client.get(story.get_absolute_url()).content.decode()
    assert "Bupati Sigi membantah banjir" in page
    for quote in Claim.objects.filter(story=seed).values_list("quote", flat=True)[:10]:
        assert html_lib.escape(quote) not in page
    assert (
        "Bupati Sigi membantah" not in editor_client.get(seed.get_absolute_url()).content.decode()
    )


# Propositions


def proposition_data(**changes) -> dict:
    data = {
        "statement": "Tentara Korut ada di Rusia",
        "statement_en": "North Korean troops are in Russia",
        "slug": "",
        "order": "0",
        "parties": ["KP", "RU"],
        "cues": "pasukan, tentara",
    }
    return {**data, **changes}


@pytest.fixture
def story():
    return make_story("Pasukan", slug="pasukan", sides=[["KP", "North Korea"], ["RU", "Russia"]])


def new_proposition(story):
    return reverse("timeline:story-proposition-create", args=[story.slug])


def edit_proposition(proposition):
    return reverse(
        "timeline:story-proposition-edit", args=[proposition.story.slug, proposition.slug]
    )


def test_the_first_proposition_is_the_lead(editor_client, story, editor):
    response = editor_client.post(new_proposition(story), proposition_data())

    assert response.status_code == 302 and response["Location"] == edit_url(story)
    proposition = story.propositions.get()
    assert proposition.slug == "tentara-korut-ada-di-rusia"
    assert proposition.parties == ["KP", "RU"]
    assert proposition.cues == ["pasukan", "tentara"]
    assert proposition.is_lead
    assert proposition.history.get().history_change_reason == "added"
    html = editor_client.get(edit_url(story)).content.decode()
    assert "Tentara Korut ada di Rusia" in html and edit_proposition(proposition) in html


def test_a_new_proposition_comes_last_and_is_the_lead_only_of_a_story_without_one(
    editor_client, story
):
    form = editor_client.get(new_proposition(story)).context["form"]
    assert (form["order"].value(), form["is_lead"].value()) == (0, True)
    make_proposition(story, "Tentara Korut ada di Rusia", is_lead=True)
    make_proposition(story, "Korut menjual senjata")
    form = editor_client.get(new_proposition(story)).context["form"]
    assert (form["order"].value(), form["is_lead"].value()) == (2, False)


def test_making_a_proposition_the_lead_takes_the_lead_from_the_other(editor_client, story):
    first = make_proposition(story, "Tentara Korut ada di Rusia", is_lead=True)

    editor_client.post(
        new_proposition(story),
        proposition_data(statement="Korut menjual senjata", parties=["KP"], is_lead="on"),
    )

    first.refresh_from_db()
    second = story.propositions.get(slug="korut-menjual-senjata")
    assert second.is_lead and not first.is_lead
    assert first.history.latest().history_change_reason == "lead passed to “Korut menjual senjata”"


def test_the_lead_stays_the_lead_until_another_takes_it(editor_client, story):
    lead = make_proposition(story, "Tentara Korut ada di Rusia", slug="troops", is_lead=True)
    make_proposition(story, "Korut menjual senjata", slug="arms")
    before = written()

    data = proposition_data(slug="troops", opened=story_editing.opened_at(lead))
    response = editor_client.post(edit_proposition(lead), data)  # no is_lead: un-ticked

    assert response.status_code == 200
    assert "A story has one lead proposition: to change it, make another" in text(response)
    assert written() == before


@pytest.mark.parametrize(
    ("changes", "message"),
    [
        ({"parties": ["UA"]}, "Select a valid choice. UA is not one of the available choices."),
        ({"slug": "arms"}, "The story has another proposition “arms”"),
        ({"statement": "x" * 301}, "at most 300 characters"),
        ({"statement": "?!"}, "The statement has no letters an address can use"),
        ({"order": "-1"}, "greater than or equal to 0"),
        ({"cues": "senjata, " + "x" * 61}, "Each is at most 60 characters"),
    ],
)
def test_bad_propositions_are_form_errors(editor_client, story, changes, message):
    make_proposition(story, "Korut menjual senjata", slug="arms", is_lead=True)
    before = written()
    response = editor_client.post(new_proposition(story), proposition_data(**changes))
    assert response.status_code == 200
    assert message in text(response)
    assert written() == before


def test_the_same_proposition_slug_may_be_in_another_story(editor_client, story):
    make_proposition(make_story("Other"), "Korut menjual senjata", slug="arms")
    editor_client.post(new_proposition(story), proposition_data(slug="arms"))
    assert story.propositions.get().slug == "arms"


def test_a_stale_proposition_edit_is_refused(editor_client, story):
    proposition = make_proposition(story, "Tentara Korut ada di Rusia", slug="troops", is_lead=True)
    opened = story_editing.opened_at(proposition)
    proposition.statement_en = "Troops in Russia"
    proposition.save()
    before = written()

    data = proposition_data(slug="troops", is_lead="on", opened=opened)
    response = editor_client.post(edit_proposition(proposition), data)

    assert response.status_code == 200
    assert "changed “Tentara Korut ada di Rusia” since you opened it" in text(response)
    assert written() == before


# Articles of a story


def articles_url(story):
    return reverse("timeline:story-articles", args=[story.slug])


def test_search_finds_articles_outside_the_story_and_adds_the_ticked_ones(editor_client, editor):
    story = make_story("Pasukan", slug="pasukan")
    inside = make_article("Pasukan Korut tiba di Kursk, kata pejabat.", title="Sudah di dalam")
    story.articles.add(inside)
    one = make_article("Pasukan Korut berlatih di Rusia, kata intelijen.", title="Berlatih")
    two = make_article("Pasukan Korut bertempur, kata Kyiv.", title="Bertempur")
    make_article("Harga beras naik di pasar, kata pedagang.", title="Beras")

    page = editor_client.get(articles_url(story), {"q": "pasukan"}).content.decode()

    results = page[page.index('id="add-heading"') :]
    assert "Berlatih" in results and "Bertempur" in results
    assert "Sudah di dalam" not in results and "Beras" not in results
    assert 'type="checkbox" name="articles"' in results and "Add to story" in results

    response = editor_client.post(
        articles_url(story), {"articles": [one.pk, two.pk], "q": "pasukan"}
    )

    assert response.status_code == 302
    assert response["Location"] == articles_url(story) + "?q=pasukan"
    assert set(story.articles.all()) == {inside, one, two}
    record = story.history.latest()
    assert record.history_user == editor
    assert record.history_change_reason == "added “Berlatih”, “Bertempur”"
    messages = text(editor_client.get(response["Location"]))
    assert "Added to the story: “Berlatih”, “Bertempur”." in messages


@pytest.mark.parametrize(
    "data", [{}, {"articles": ["abc"]}, {"articles": ["999999"]}, {"articles": ["1\x00"]}]
)
def test_adding_nothing_or_no_article_is_a_form_error(editor_client, data):
    story = make_story("Pasukan")
    before = written()
    response = editor_client.post(articles_url(story), data)
    assert response.status_code == 400
    assert 'class="form-errors"' in response.content.decode()
    assert written() == before


def test_an_article_with_claims_in_the_story_is_not_removed(editor_client):
    story = make_story("Pasukan")
    article = make_article("Korut membantah, kata juru bicara, kata pejabat.", title="Bantahan")
    story.articles.add(article)
    make_claim(article, story=story, quote="Korut membantah")
    gone = make_claim(article, story=story, quote="kata juru bicara")
    gone.deleted_at = gone.updated_at
    gone.save()
    remove = reverse("timeline:story-article-remove", args=[story.slug, article.slug])
    before = written()

    response = editor_client.post(remove, follow=True)

    assert (
        "Not removed: “Bantahan” stays in the story: 2 of its claims quote it, 1 of them deleted"
        in text(response)
    )
    assert written() == before
    assert "2 of the story's claims quote it" in text(editor_client.get(remove))


def test_an_article_without_claims_in_the_story_is_removed(editor_client, editor):
    story = make_story("Pasukan")
    other = make_story("Other")
    article = make_article("Korut membantah, kata juru bicara.", title="Bantahan")
    story.articles.add(article)
    make_claim(article, story=other, quote="Korut membantah")  # another story's claim
    remove = reverse("timeline:story-article-remove", args=[story.slug, article.slug])

    assert "Remove from the story" in editor_client.get(remove).content.decode()
    response = editor_client.post(remove)

    assert response.status_code == 302
    assert not story.articles.exists() and other.articles.get() == article
    assert story.history.latest().history_change_reason == "removed “Bantahan”"


def test_the_articles_page_makes_the_same_queries_for_1_and_5_articles(
    editor_client, django_assert_num_queries
):
    story = make_story("Pasukan")

    def add_article(n):
        article = make_article(f"Pasukan Korut nomor {n} tiba, kata pejabat.", title=f"Artikel {n}")
        story.articles.add(article)
        make_claim(article, story=story, quote=f"Pasukan Korut nomor {n} tiba")
        make_article(f"Pasukan lain {n}, kata saksi.", title=f"Di luar {n}")

    add_article(1)
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    with CaptureQueriesContext(connection) as one:
        editor_client.get(articles_url(story), {"q": "pasukan"})
    for n in range(2, 6):
        add_article(n)
    with django_assert_num_queries(len(one)):
        page = editor_client.get(articles_url(story), {"q": "pasukan"}).content.decode()
    assert page.count("claim in this story") == 5
    assert page.count('name="articles"') == 5


# The story page's editor links, and the admin


def test_the_editor_links_are_for_editors_only():
    story = make_story("Pasukan", slug="pasukan")
    for_editor = render_to_string(
        "timeline/_story_editor_links.html", {"story": story, "is_editor": True}
    )
    for name in ("story-edit", "story-articles", "story-review"):
        assert reverse(f"timeline:{name}", args=[story.slug]) in for_editor
    assert "Edit story" in for_editor and "Review queue" in for_editor
    for_reader = render_to_string(
        "timeline/_story_editor_links.html", {"story": story, "is_editor": False}
    )
    assert "href" not in for_reader


def test_the_admin_edits_stories_with_their_propositions_and_keeps_history(admin_client, story):
    make_proposition(story, "Tentara Korut ada di Rusia", is_lead=True)
    change = admin_client.get(reverse("admin:timeline_story_change", args=[story.pk]))
    assert change.status_code == 200
    assert "Tentara Korut ada di Rusia" in change.content.decode()  # the inline
    history = admin_client.get(reverse("admin:timeline_story_history", args=[story.pk]))
    assert history.status_code == 200
    listing = admin_client.get(reverse("admin:timeline_proposition_changelist"))
    assert "Tentara Korut ada di Rusia" in listing.content.decode()


def test_a_slug_taken_after_the_form_checked_it_is_refused_on_save(editor):
    """Two editors creating stories of one title at once: the second save is a slug error."""
    make_story("Banjir", slug="banjir")
    before = written()
    with pytest.raises(ValidationError) as refused:
        story_editing.story_save(Story(title="Banjir", slug="banjir"), editor=editor)
    assert refused.value.message_dict == {"slug": [story_editing.slug_taken("banjir")]}
    assert written() == before
