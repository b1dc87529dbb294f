"""Finding an actor by name or alias: the one the editor typed comes first (issue "Reader and
editor defects", item 12), in the claim form's search and in the admin."""

import re

import pytest
from django.urls import reverse

from tests.factories import make_actor, make_user

pytestmark = pytest.mark.django_db


def listed(client, text) -> list[str]:
    """The actors the search page lists for `text`, in the order it lists them."""
    html = client.get(reverse("timeline:actor-search"), {"q": text}).content.decode()
    return re.findall(r"<strong>(.*?)</strong>", html)


@pytest.mark.parametrize(
    "text, first",
    [
        ("AS", "United States"),  # an alias, among eight actors with "as" inside a word
        ("as", "United States"),
        ("Korut", "North Korea"),
        ("korea utara", "North Korea"),
        ("Kremlin", "Kremlin"),  # the name, before "Juru bicara Kremlin" (Peskov)
        ("Pentagon", "US Department of Defense"),
    ],
)
def test_an_exact_name_or_alias_comes_first(seeded, client, text, first):
    names = listed(client, text)
    assert names[0] == first, names


def test_a_prefix_comes_before_a_match_inside_a_name():
    make_actor("Tentara Korut", aliases=["pasukan Korut"])  # contains "Korut"
    make_actor("Korut Watch", country="")  # starts with it
    make_actor("North Korea", aliases=["Korut", "DPRK"])  # is it
    from django.test import Client

    assert listed(Client(), "korut") == ["North Korea", "Korut Watch", "Tentara Korut"]


@pytest.mark.parametrize(
    "text, found",
    [
        ("Zelenskyi", "Volodymyr Zelensky"),
        ("Zelenski", "Volodymyr Zelensky"),
        ("Peskof", "Dmitry Peskov"),
        ("Choi Son Hui", "Choe Son Hui"),
    ],
)
def test_a_spelling_variant_finds_the_actor(seeded, client, text, found):
    names = listed(client, text)
    assert names and names[0] == found, names


def test_a_spelling_variant_does_not_drag_in_unrelated_actors(seeded, client):
    assert listed(client, "Zelenskyi") == ["Volodymyr Zelensky"]


def test_nothing_similar_says_so(seeded, client):
    html = client.get(reverse("timeline:actor-search"), {"q": "Xqzv"}).content.decode()
    assert "No actor matches “Xqzv”" in html


@pytest.fixture
def staff_client(client):
    user = make_user(editor=True)
    user.is_staff = user.is_superuser = True
    user.save()
    client.force_login(user)
    return client


def test_the_admins_actor_list_finds_aliases(seeded, staff_client):
    html = staff_client.get("/admin/timeline/actor/", {"q": "Korut"}).content.decode()
    assert ">North Korea</a>" in html
    html = staff_client.get("/admin/timeline/actor/", {"q": "Pyongyang"}).content.decode()
    assert ">North Korea</a>" in html


def test_the_admins_actor_autocomplete_puts_the_exact_alias_first(seeded, staff_client):
    response = staff_client.get(
        "/admin/autocomplete/",
        {"term": "AS", "app_label": "timeline", "model_name": "claim", "field_name": "actor"},
    )
    assert response.status_code == 200
    names = [result["text"] for result in response.json()["results"]]
    assert names[0] == "United States", names
