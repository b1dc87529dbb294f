"""A story's page as readers share it (timeline.cache): served again with one query, and every
kind of write to the story visible to the next reader at once; editors never get readers'
copy, nor readers theirs."""

import io
import re
from datetime import date

import pytest
from django.core.cache import cache
from django.core.management import call_command
from django.test import Client
from django.utils import translation

from articles.models import Article, Outlet
from tests.factories import (
    default_story,
    make_actor,
    make_article,
    make_claim,
    make_outlet,
    make_proposition,
    make_story,
)
from tests.timeline.test_article_redating import admin_client, change_date  # noqa: F401
from tests.timeline.test_queries import count_queries, make_claims
from tests.timeline.test_reanchor import CORRECTED, ORIGINAL, load
from timeline import editing, story_editing
from timeline.cache import ReaderCache
from timeline.models import Actor, Claim, Proposition, Story

pytestmark = pytest.mark.django_db

BODY = "Korut membantah mengirim pasukan ke Rusia, kata juru bicara. AS menyebut 10.000 tentara."


@pytest.fixture
def world(editor):
    """A story with one article (of an outlet), one proposition, two actors (the spokesman
    speaking through North Korea) and a reviewed denial; nothing cached yet."""
    story = default_story()
    article = make_article(BODY, title="Kabar pertama", outlet=make_outlet("Kabar Test"))
    story.articles.add(article)
    korea = make_actor("North Korea", country="KP", slug="north-korea")
    spokesman = make_actor("Juru bicara Korut", country="", affiliation=korea, kind="person")
    troops = make_proposition(story, "Pasukan Korut di Rusia", slug="troops", is_lead=True)
    denial = make_claim(
        article,
        quote="Korut membantah",
        actor=spokesman,
        proposition=troops,
        stance="disputes",
        stated_on=date(2024, 10, 30),
    )
    cache.clear()
    return {"story": story, "article": article, "korea": korea, "spokesman": spokesman,
            "troops": troops, "denial": denial, "editor": editor}  # fmt: skip


URL = "/stories/test-story/"  # default_story's page


def page(query="", client=None) -> str:
    response = (client or Client()).get(URL + query)
    assert response.status_code == 200, response.content[:500]
    return response.content.decode()


def main(html: str) -> str:
    """The page's own content (the layout around it carries each reader's CSRF token)."""
    return html[html.index("<main") : html.index("</main>")]


def claim_ids(html: str) -> set[int]:
    return {int(pk) for pk in re.findall(r'data-claim-id="(\d+)"', html)}


def cached_page(django_assert_num_queries, query="") -> str:
    """The page a reader gets once another has drawn it: one query (the story, with its
    version), the rest from the cache."""
    page(query)
    with django_assert_num_queries(1):
        return page(query)


# --- served from the cache


@pytest.mark.parametrize("size", [1, 500])
@pytest.mark.parametrize(
    "query", ["", "?side=KP&kind=denial", "?proposition=troops&stance=supports&q=pasukan"]
)
def test_a_page_drawn_once_is_served_to_the_next_reader_with_one_query(
    size, query, django_assert_num_queries, django_assert_max_num_queries
):
    make_claims(size)
    drawn = count_queries(Client(), query, django_assert_max_num_queries, 12)
    assert drawn > 1
    first = page(query)
    with django_assert_num_queries(1):
        again = page(query)
    assert main(again) == main(first)


def test_five_stories_are_served_with_one_query_each(django_assert_num_queries):
    make_claims(100)
    others = [make_story(f"Story {i}") for i in range(4)]
    for other in others:
        make_claims(100, story=other)
    for story in [default_story(), *others]:
        Client().get(story.get_absolute_url())
        with django_assert_num_queries(1):
            html = Client().get(story.get_absolute_url()).content.decode()
        assert claim_ids(html) <= set(story.claims.values_list("pk", flat=True))


def test_the_htmx_partial_is_served_from_the_cache_too(world, django_assert_num_queries):
    full = page()
    headers = {"HX-Request": "true"}
    Client().get(URL, headers=headers)
    with django_assert_num_queries(1):
        partial = Client().get(URL, headers=headers)
    html = partial.content.decode()
    assert html.startswith('<div id="timeline-results"') or html.lstrip().startswith(
        '<div id="timeline-results"'
    )
    assert "<html" not in html and html.strip() in full


def test_a_later_page_reuses_the_top_and_reads_only_its_claims(
    monkeypatch, django_assert_max_num_queries
):
    from timeline import timeline_page

    monkeypatch.setattr(timeline_page, "PAGE_SIZE", 10)
    make_claims(100)
    drawn = count_queries(Client(), "?page=3", django_assert_max_num_queries, 12)
    with django_assert_max_num_queries(drawn - 1) as captured:
        html = page("?page=3")
    assert len(captured) < drawn
    assert "Page 3 of" in html
    # Its list is not kept (only the first page's is): the same page again reads its claims.
    with django_assert_max_num_queries(drawn - 1):
        assert main(page("?page=3")) == main(html)


def test_the_first_page_after_a_later_one_marks_its_turning_points(monkeypatch):
    """A later page keeps the top of the page (and the turning points) but not its list: the
    first page read after it draws its own list, its turning points marked."""
    from timeline import timeline_page

    monkeypatch.setattr(timeline_page, "PAGE_SIZE", 10)
    make_claims(100)
    fresh = page()
    cache.clear()
    page("?page=2")
    after = page()
    assert main(after) == main(fresh)
    assert "turning point:" in after


def test_a_bad_filter_is_never_kept(world):
    assert Client().get(URL + "?from=2024-13-01").status_code == 400
    assert Client().get(URL + "?from=2024-13-01").status_code == 400
    assert cache.get_many([]) == {}


def test_the_key_holds_the_version_the_language_and_the_filters_only(world):
    story = world["story"]

    def key(query, language="en"):
        with translation.override(language):
            return ReaderCache(story, query).key

    assert key([]) == key([("utm_source", "x")])  # a tracking parameter is no filter
    assert key([("side", "KP")]) != key([])
    assert key([("side", "KP"), ("kind", "denial")]) == key([("kind", "denial"), ("side", "KP")])
    assert key([("side", "KP"), ("side", "RU")]) == key([("side", "RU")])  # the last one counts
    assert key([]) != key([], language="id")
    before = key([])
    Claim.objects.filter(pk=world["denial"].pk).update(note="Dibantah lagi.")
    story.refresh_from_db()
    assert key([]) != before


def test_a_write_to_another_story_leaves_this_one_kept(world, django_assert_num_queries):
    other = make_story("Another story")
    page()
    make_claim(make_article("Rusia diam saja, kata Kremlin."), story=other, actor=world["korea"])
    with django_assert_num_queries(1):
        page()


def drawn_afresh(django_assert_max_num_queries) -> str:
    """The page, as the next reader gets it, and that it was drawn afresh (not served from
    what was kept before): more than the one query of a kept page."""
    with django_assert_max_num_queries(12) as captured:
        html = page()
    assert len(captured) > 1
    return html


# --- editors and readers


def test_editors_are_not_served_the_readers_copy_nor_readers_the_editors(world, editor_client):
    draft = make_claim(
        world["article"], quote="AS menyebut 10.000 tentara", kind="troop_count", number=10000,
        actor=world["korea"], status="draft", stated_on=date(2024, 10, 31),
    )  # fmt: skip
    reader_first = page()
    assert draft.pk not in claim_ids(reader_first)
    editors = page(client=editor_client)
    assert draft.pk in claim_ids(editors)  # not the readers' copy
    assert draft.pk not in claim_ids(page())  # and the editor's visit kept nothing for readers


# --- every kind of write is visible to the next reader


def test_a_claim_created_through_editing_is_shown_at_once(world):
    before = page()
    quote = "AS menyebut 10.000 tentara"
    start = BODY.index(quote)
    claim = editing.claim_create(
        article=world["article"], start=start, end=start + len(quote), quote=quote,
        actor=world["korea"], editor=world["editor"], kind="troop_count", number=10000,
        number_role="total", status="reviewed", stated_on=date(2024, 10, 31),
        story=world["story"],
    )  # fmt: skip
    assert claim.pk not in claim_ids(before)
    assert claim.pk in claim_ids(page())


def test_a_claim_edited_deleted_and_restored_is_shown_as_it_is_at_once(world):
    denial, editor = world["denial"], world["editor"]
    assert "Korut membantah" in page()
    editing.claim_update(denial, editor=editor, expected_version=denial.version, note="Dicek.")
    assert "Dicek." not in page()  # a public note is on the claim's page, not the list...
    edited = editing.claim_update(
        denial, editor=editor, expected_version=denial.version + 1, stated_on=date(2024, 11, 5)
    )
    assert "Nov 2024" in page() or "5 Nov 2024" in page()
    editing.claim_delete(edited, editor=editor)
    assert denial.pk not in claim_ids(page())
    editing.claim_restore(edited, editor=editor)
    assert denial.pk in claim_ids(page())


def test_a_draft_marked_reviewed_in_the_review_queue_is_shown_at_once(world, editor_client):
    draft = make_claim(
        world["article"], quote="AS menyebut 10.000 tentara", kind="troop_count", number=10000,
        actor=world["korea"], status="draft", stated_on=date(2024, 10, 31),
    )  # fmt: skip
    assert draft.pk not in claim_ids(page())
    queue = f"/stories/{world['story'].slug}/review/"
    response = editor_client.post(queue, {"claims": [f"{draft.pk}:{draft.version}"]})
    assert response.status_code == 302
    assert Claim.objects.get(pk=draft.pk).status == "reviewed"
    assert draft.pk in claim_ids(page())


def test_the_story_and_its_propositions_edited_are_shown_at_once(world):
    story, editor = world["story"], world["editor"]
    assert "Korea Utara di garis depan" not in page()
    story.title = "Korea Utara di garis depan"
    story_editing.story_save(story, editor=editor, opened=story.updated_at.isoformat(),
                             changed=["title"])  # fmt: skip
    assert "Korea Utara di garis depan" in page()
    troops = Proposition.objects.get(pk=world["troops"].pk)
    troops.statement = "Tentara Korut berada di Rusia"
    story_editing.proposition_save(
        troops, editor=editor, opened=world["troops"].updated_at.isoformat(), changed=["statement"]
    )
    assert "Tentara Korut berada di Rusia" in page()
    added = make_proposition(story, "Korut memasok amunisi", slug="shells")
    assert "Korut memasok amunisi" in page()
    added.delete()
    assert "Korut memasok amunisi" not in page()


def test_an_article_added_to_the_story_and_removed_is_drawn_afresh(
    world, django_assert_max_num_queries
):
    story, editor = world["story"], world["editor"]
    other = make_article("Rusia diam saja, kata Kremlin.", title="Kabar kedua")
    page()
    story_editing.articles_add(story, [other], editor=editor)
    drawn_afresh(django_assert_max_num_queries)
    story_editing.article_remove(story, other, editor=editor)
    drawn_afresh(django_assert_max_num_queries)
    # The filter lists the articles with claims: the article shows with its first one.
    assert "Kabar kedua" not in page()
    make_claim(other, story=story, quote="Rusia diam saja", actor=world["korea"], kind="other")
    assert "Kabar kedua" in page()


def test_an_articles_date_changed_in_the_admin_reaches_the_page_at_once(
    world,
    admin_client,  # noqa: F811
):
    article = world["article"]
    make_claim(article, quote="kata juru bicara", actor=world["korea"], kind="other")
    # The other claim has no date of its own: it is dated by its article's.
    first = page()
    assert "Oct 2024" in first or "30 Oct 2024" in first
    response = change_date(admin_client, article, "2024-12-02")
    assert response.status_code == 200
    assert Article.objects.get(pk=article.pk).published_on == date(2024, 12, 2)
    assert page() != first


def test_an_articles_title_and_outlet_changed_reach_the_page_at_once(world):
    article = world["article"]
    assert "Kabar Test" in page()
    Outlet.objects.filter(pk=article.outlet_id).update(name="Kabar Baru")
    assert "Kabar Baru" in page()
    article.title = "Judul yang dikoreksi"
    article.save()
    make_claim(article, quote="kata juru bicara", actor=world["korea"], kind="other")
    assert "Judul yang dikoreksi" in page()


def test_an_articles_text_corrected_by_the_loader_reaches_the_page_at_once(
    tmp_path, editor, django_assert_max_num_queries
):
    path = tmp_path / "korut.txt"
    path.write_text(ORIGINAL, encoding="utf-8")
    load(path)
    article = Article.objects.get()
    default_story().articles.add(article)
    quote = "Ukraina mengatakan hal yang sama"
    start = article.body.index(quote)
    claim = editing.claim_create(
        article=article, start=start, end=start + len(quote), quote=quote,
        actor=make_actor("Ukraine", country="UA"), editor=editor, kind="other",
        status="reviewed", story=default_story(),
    )  # fmt: skip
    assert claim.pk in claim_ids(page())
    path.write_text(CORRECTED, encoding="utf-8")
    load(path)  # the sentence is gone: the claim is orphaned, its quote kept
    assert Claim.objects.get(pk=claim.pk).orphaned
    html = drawn_afresh(django_assert_max_num_queries)
    assert claim.pk in claim_ids(html)


def test_an_actor_renamed_or_put_on_another_side_reaches_every_story_at_once(world):
    korea, spokesman = world["korea"], world["spokesman"]
    other = make_story("Another story")
    other.articles.add(world["article"])
    make_claim(world["article"], quote="kata juru bicara", actor=spokesman, story=other,
               kind="other", stated_on=date(2024, 10, 30))  # fmt: skip
    other_page = other.get_absolute_url()
    assert (
        "Juru bicara Korut" in page()
        and "Juru bicara Korut" in Client().get(other_page).content.decode()
    )
    spokesman.name = "Juru bicara Pyongyang"
    spokesman.save()
    assert "Juru bicara Pyongyang" in page()
    assert "Juru bicara Pyongyang" in Client().get(other_page).content.decode()
    # The spokesman speaks through North Korea: moving North Korea's country moves its lane.
    make_actor("Kantor berita Korut", country="KP")  # KP stays a side to filter on
    lanes = page("?side=KP")
    assert world["denial"].pk in claim_ids(lanes)
    Actor.objects.filter(pk=korea.pk).update(country="RU")
    assert Actor.objects.get(pk=spokesman.pk).side == "RU"
    assert world["denial"].pk not in claim_ids(page("?side=KP"))
    assert world["denial"].pk in claim_ids(page("?side=RU"))


def test_a_new_actor_appears_in_the_filter_at_once(world):
    assert "Kementerian Pertahanan" not in page()
    make_actor("Kementerian Pertahanan", country="RU")
    assert "Kementerian Pertahanan" in page()


def test_load_story_is_shown_at_once(seeded):
    story = Story.objects.first_story()
    url = story.get_absolute_url()
    claim = story.claims.filter(status="reviewed").order_by("pk").first()
    Claim.objects.filter(pk=claim.pk).delete()
    Claim.history.filter(id=claim.pk).delete()  # as if it had never been loaded
    assert claim.pk not in claim_ids(Client().get(url).content.decode())
    call_command("load_story", verbosity=0, stdout=io.StringIO())
    again = story.claims.get(article=claim.article, start=claim.start, end=claim.end,
                             actor=claim.actor, kind=claim.kind)  # fmt: skip
    assert again.pk in claim_ids(Client().get(url).content.decode())


def test_the_version_is_the_databases_whatever_a_stale_copy_saves(world):
    story = Story.objects.get(pk=world["story"].pk)  # read before the claim below
    make_claim(world["article"], quote="kata juru bicara", actor=world["korea"], kind="other")
    raised = Story.objects.get(pk=story.pk).version
    assert raised > story.version
    story.dek = "Ringkasan baru."
    story.save()  # carries the version it was read with
    assert Story.objects.get(pk=story.pk).version == raised + 1
    assert "Ringkasan baru." in page()


def test_each_language_gets_its_own_copy(world):
    """An English reader's page kept is not an Indonesian reader's: the dates in the box and
    the list are in each one's language."""
    english = main(page())
    assert "Oct 2024" in english
    indonesian = Client(headers={"accept-language": "id"}).get(URL).content.decode()
    assert "Okt 2024" in main(indonesian) and "Oct 2024" not in main(indonesian)
    assert main(page()) == english  # and the English copy is still the English one
