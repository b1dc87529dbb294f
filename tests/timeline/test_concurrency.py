"""Twenty editors at once, through the real views on the real PostgreSQL: each in a thread
of its own with its own database connection, released together by a barrier. One save per
version wins, the others are told why; no duplicate row, no 5xx."""

import threading

import pytest
from django.db import connection
from django.test import Client
from django.urls import reverse

from tests.factories import make_actor, make_article, make_claim, make_user
from timeline.models import Actor, Claim

pytestmark = pytest.mark.django_db(transaction=True)

EDITORS = 20


def all_at_once(requests):
    """Run each `request(client)` in its own thread, each with its own logged-in editor, all
    released together. Returns the responses (or the exception a thread died of)."""
    clients = []
    for n in range(len(requests)):
        client = Client()
        # No password: hashing twenty would take longer than the test (they log in by session).
        client.force_login(make_user(f"editor{n:02}", editor=True, password=None))
        clients.append(client)
    barrier = threading.Barrier(len(requests))
    results = [None] * len(requests)

    def run(i):
        try:
            barrier.wait()
            results[i] = requests[i](clients[i])
        except Exception as error:  # reported by the test, not lost in the thread
            results[i] = error
        finally:
            connection.close()  # the thread's own connection

    threads = [threading.Thread(target=run, args=(i,)) for i in range(len(requests))]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return results


def statuses(results):
    errors = [r for r in results if isinstance(r, Exception)]
    assert not errors, errors
    return sorted(r.status_code for r in results)


def test_twenty_editors_saving_one_claim_version_one_wins_the_others_get_the_conflict():
    article = make_article("Korut membantah mengirim pasukan ke Rusia, kata juru bicara.")
    claim = make_claim(article, quote="Korut membantah", actor=make_actor(), status="draft")
    url = reverse("timeline:claim-edit", args=[claim.pk])

    def edit(n):
        data = {
            "start": claim.start,
            "end": claim.end,
            "quote": claim.quote,
            "actor": claim.actor_id,
            "kind": claim.kind,
            "stated_on": claim.stated_on.isoformat(),
            "stated_precision": "day",
            "event_precision": "day",
            "status": "draft",
            "note": f"edit {n}",
            "version": 1,
        }
        return lambda client: client.post(url, data)

    results = all_at_once([edit(n) for n in range(EDITORS)])

    assert statuses(results) == [302] + [409] * (EDITORS - 1)
    winner = next(r for r in results if r.status_code == 302)
    assert winner.url == claim.get_in_article_url()
    for refused in (r for r in results if r.status_code == 409):
        assert "changed this claim while you were editing it" in refused.content.decode()
    claim.refresh_from_db()
    assert claim.version == 2
    assert claim.history.count() == 2  # the first version and the one winning save
    saved = claim.history.latest()
    assert saved.note == claim.note and saved.history_user == claim.updated_by


def test_twenty_editors_adding_the_same_actor_make_one_and_are_told_to_pick_it():
    url = reverse("timeline:actor-create")
    names = ["Kim Yong-hyun", "kim yong-hyun", "KIM YONG-HYUN", " Kim  Yong-hyun "] * 5
    data = [
        {"new-actor-name": name, "new-actor-kind": "person", "new-actor-country": "KR"}
        for name in names
    ]

    results = all_at_once([lambda client, d=d: client.post(url, d) for d in data])

    assert statuses(results) == [200] * (EDITORS - 1) + [302]
    for told in (r for r in results if r.status_code == 200):
        assert "There is already an actor called" in told.content.decode()
    assert Actor.objects.count() == 1
    assert Actor.objects.get().slug == "kim-yong-hyun"


def test_twenty_names_with_one_slug_each_get_an_actor_of_their_own():
    url = reverse("timeline:actor-create")
    names = [f"Kim Yong-hyun{'!' * n}" for n in range(EDITORS)]  # one slug, twenty names
    data = [{"new-actor-name": name, "new-actor-kind": "person"} for name in names]

    results = all_at_once([lambda client, d=d: client.post(url, d) for d in data])

    assert statuses(results) == [302] * EDITORS
    assert sorted(Actor.objects.values_list("name", flat=True)) == sorted(names)
    slugs = list(Actor.objects.values_list("slug", flat=True))
    assert len(set(slugs)) == EDITORS
    assert all(slug.startswith("kim-yong-hyun") for slug in slugs)
    assert Claim.objects.count() == 0
