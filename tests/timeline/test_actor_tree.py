"""The affiliation tree (Lloyd Austin → US Department of Defense → United States): each actor's
side is stored and kept right whichever way an actor or one it speaks through changes, and the
tree is walked in SQL, at any depth, in one query."""

import re

import pytest
from django.core.exceptions import ValidationError
from django.db import connection
from django.test.utils import CaptureQueriesContext

from tests.factories import make_actor, make_article, make_claim, story_url
from timeline.models import Actor, Claim

pytestmark = pytest.mark.django_db


def side_of(actor) -> str:
    return Actor.objects.values_list("side", flat=True).get(pk=actor.pk)


@pytest.fixture
def us_tree():
    us = make_actor("United States", country="US")
    dod = make_actor("US Department of Defense", country="", affiliation=us)
    austin = make_actor("Lloyd Austin", country="", kind="person", affiliation=dod)
    return us, dod, austin


def test_an_actor_speaks_for_its_own_country_else_its_affiliations(us_tree):
    us, dod, austin = us_tree
    assert [side_of(a) for a in us_tree] == ["US", "US", "US"]
    assert austin.side == "US"  # the saved object says it too, not only the table
    own = make_actor("Austin's own voice", country="CA", affiliation=dod)
    assert own.side == "CA"


def test_an_ancestors_new_country_changes_every_side_below_it(us_tree):
    us, dod, austin = us_tree
    us.country = "CA"
    us.save()
    assert [side_of(a) for a in us_tree] == ["CA", "CA", "CA"]

    us.country = ""
    us.save()
    assert [side_of(a) for a in us_tree] == ["", "", ""]


def test_a_new_affiliation_moves_the_whole_branch_to_its_side(us_tree):
    us, dod, austin = us_tree
    ukraine = make_actor("Ukraine", country="UA")
    dod.affiliation = ukraine
    dod.save()
    assert (side_of(us), side_of(dod), side_of(austin)) == ("US", "UA", "UA")

    dod.affiliation = None
    dod.save()
    assert (side_of(dod), side_of(austin)) == ("", "")


def test_a_bulk_update_keeps_the_sides_right_too(us_tree):
    """QuerySet.update() and bulk_create() skip save(): the database keeps the sides itself."""
    us, dod, austin = us_tree
    Actor.objects.filter(pk=us.pk).update(country="KP")
    assert side_of(austin) == "KP"
    Actor.objects.filter(pk=dod.pk).update(affiliation=None)
    assert side_of(austin) == ""
    [new] = Actor.objects.bulk_create([Actor(name="Aide", slug="aide", affiliation=us)])
    assert side_of(new) == "KP"


def test_an_old_copy_saved_again_does_not_bring_an_old_side_back(us_tree):
    us, dod, austin = us_tree
    stale = Actor.objects.get(pk=austin.pk)  # side "US" in memory
    us.country = "GB"
    us.save()
    stale.aliases = ["Austin"]
    stale.save()
    assert side_of(austin) == "GB"


def deep_chain(length: int, country="KP") -> list[Actor]:
    chain = [make_actor("Top", country=country)]
    for i in range(length - 1):
        chain.append(make_actor(f"Level {i + 1}", country="", affiliation=chain[-1]))
    return chain


def test_a_deep_chain_is_one_side_and_one_query(django_assert_num_queries):
    chain = deep_chain(40)
    article = make_article("Kata pejabat itu.")
    for actor in (chain[0], chain[20], chain[-1]):
        make_claim(article, quote="Kata", actor=actor)
    assert side_of(chain[-1]) == "KP"

    Actor.objects.filter(pk=chain[0].pk).update(country="RU")
    assert set(Actor.objects.values_list("side", flat=True)) == {"RU"}

    with django_assert_num_queries(1):
        assert len(list(Claim.objects.by_actor(chain[0]))) == 3
    with django_assert_num_queries(1):
        assert len(list(Claim.objects.by_actor(chain[20]))) == 2
    with django_assert_num_queries(1):
        assert len(list(Claim.objects.on_side("RU"))) == 3


def test_the_chain_of_an_actor_is_read_in_one_query(us_tree, django_assert_num_queries):
    us, dod, austin = us_tree
    with django_assert_num_queries(1):
        assert Actor.objects.chain(austin) == [austin, dod, us]
    assert Actor.objects.chain(us) == [us]


def test_a_cycle_written_behind_the_forms_back_ends_every_walk(us_tree):
    """The forms refuse a cycle; one written straight into the table must not hang a page."""
    us, dod, austin = us_tree
    Actor.objects.filter(pk=us.pk).update(country="", affiliation=austin)
    assert [side_of(a) for a in us_tree] == ["", "", ""]
    Actor.objects.filter(pk=dod.pk).update(country="UA")
    assert [side_of(a) for a in us_tree] == ["UA", "UA", "UA"]

    article = make_article("Kata pejabat itu.")
    make_claim(article, quote="Kata", actor=us)
    assert Claim.objects.by_actor(austin).count() == 1
    assert [a.name for a in Actor.objects.chain(dod)] == [
        "US Department of Defense",
        "United States",
        "Lloyd Austin",
    ]


def test_an_actor_cannot_speak_through_itself_or_those_that_speak_through_it(us_tree):
    us, dod, austin = us_tree
    for actor, through in [(us, austin), (us, dod), (dod, dod)]:
        actor.affiliation = through
        with pytest.raises(ValidationError) as refused:
            actor.full_clean()
        assert "speak" in str(refused.value.message_dict["affiliation"])


def test_a_country_changed_in_the_admin_moves_everyone_below(admin_client, us_tree):
    us, dod, austin = us_tree
    data = {"name": us.name, "slug": us.slug, "kind": us.kind, "country": "CA"}
    response = admin_client.post(f"/admin/timeline/actor/{us.pk}/change/", data)
    assert response.status_code == 302
    assert side_of(austin) == "CA"
    listed = admin_client.get("/admin/timeline/actor/?q=Lloyd").content.decode()
    assert '<td class="field-side">CA</td>' in listed


def test_the_admin_refuses_a_cycle(admin_client, us_tree):
    us, dod, austin = us_tree
    data = {"name": us.name, "slug": us.slug, "kind": us.kind, "country": "US"}
    response = admin_client.post(
        f"/admin/timeline/actor/{us.pk}/change/", data | {"affiliation": austin.pk}
    )
    assert response.status_code == 200
    assert "speaks through" in response.content.decode()
    us.refresh_from_db()
    assert us.affiliation is None


FIRST_TABLE = re.compile(r'SELECT .*? FROM "(\w+)"')  # what a query reads (not its joins)


@pytest.mark.parametrize("page", ["timeline:story", "timeline:export-csv"])
def test_a_filtered_page_reads_the_actor_table_once(client, page):
    us = make_actor("United States", country="US", slug="united-states")
    dod = make_actor("US Department of Defense", country="", affiliation=us)
    make_actor("Lloyd Austin", country="", kind="person", affiliation=dod)
    make_claim(make_article("Kata pejabat itu."), quote="Kata", actor=dod, status="reviewed")
    url = story_url(page) + "?actor=united-states&side=US"
    with CaptureQueriesContext(connection) as captured:
        response = client.get(url)
        b"".join(response.streaming_content if response.streaming else [response.content])
    assert response.status_code == 200
    tables = [FIRST_TABLE.match(q["sql"]) for q in captured.captured_queries]
    reads = [m.string for m in tables if m and m.group(1) == "timeline_actor"]
    assert len(reads) == 1, reads
