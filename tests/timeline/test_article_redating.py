"""Correcting an article's date in the admin: the claims dated from it follow it (issue
"Reader and editor defects", item 2); the claims an editor dated by hand stay put."""

from datetime import date

import pytest

from articles.models import Article
from tests.factories import make_article, make_claim, make_user
from timeline.models import Claim

pytestmark = pytest.mark.django_db

UN_ARTICLE = "002_3a2ed5cd9f139673.txt"  # "Oct 2024": the UN First Committee denial
KCNA_ARTICLE = "000_2f762fd43caf024c.txt"  # "Jun 2024": Pak Jong Chon's statement


@pytest.fixture
def admin_client(client):
    editor = make_user(editor=True)
    editor.is_staff = True
    editor.save()
    client.force_login(editor)
    return client


def change_date(client, article, published_on, precision="day", evidence=None):
    data = {
        "title": article.title,
        "title_derived": "on" if article.title_derived else "",
        "outlet": article.outlet_id or "",
        "published_on": published_on,
        "published_precision": precision,
        "published_evidence": article.published_evidence if evidence is None else evidence,
        "language": article.language,
        # the (read-only) inline of source files, as the browser sends it
        "sources-TOTAL_FORMS": str(article.sources.count()),
        "sources-INITIAL_FORMS": str(article.sources.count()),
    }
    return client.post(f"/admin/articles/article/{article.pk}/change/", data, follow=True)


def dates(article):
    return [
        (c.stated_on, c.stated_precision, c.stated_evidence)
        for c in Claim.objects.filter(article=article).order_by("start")
    ]


def test_the_claims_dated_from_the_article_follow_its_corrected_date(seeded, admin_client):
    article = Article.objects.get(source_name=UN_ARTICLE)
    assert {d[:2] for d in dates(article)} == {(date(2024, 10, 1), "month")}

    # Thursday 31 October 2024: the First Committee session was on Monday the 28th.
    response = change_date(
        admin_client, article, "2024-10-31", evidence="editor: First Committee, 28 Oct"
    )

    assert response.status_code == 200
    page = response.content.decode()
    assert "7 claims moved with the article&#x27;s date" in page
    assert dates(article) == [
        (date(2024, 10, 28), "day", "Pada hari Senin"),  # the summary of Monday's statement
        (date(2024, 10, 21), "week", "Pekan lalu"),  # Zelensky, the week before
        (date(2024, 10, 31), "day", "article date"),
        (date(2024, 10, 31), "day", "article date"),
        (date(2024, 10, 28), "day", "Pada hari Senin"),
        (date(2024, 10, 28), "day", "Pada hari Senin"),
        (date(2024, 10, 21), "week", "Pekan lalu"),  # Putin asks the Duma to ratify
    ]
    claim = Claim.objects.filter(article=article).order_by("start").first()
    latest = claim.history.first()
    assert latest.history_change_reason == "moved with the article's date: Oct 2024 → 31 Oct 2024"
    assert latest.history_user.is_staff
    assert claim.version == 2  # an editor's form opened on the old date cannot overwrite it


def test_claims_an_editor_dated_by_hand_stay_where_they_were(seeded, admin_client):
    article = Article.objects.get(source_name=KCNA_ARTICLE)
    by_hand = [d for d in dates(article) if d[2].startswith("editor:")]
    assert len(by_hand) == 2

    response = change_date(admin_client, article, "2024-06-24")

    page = response.content.decode()
    assert "6 claims moved with the article&#x27;s date" in page
    assert "2 claims dated by hand kept their dates" in page
    after = dates(article)
    assert [d for d in after if d[2].startswith("editor:")] == by_hand
    assert [d[:2] for d in after if d[2] == "article date"] == [(date(2024, 6, 24), "day")] * 6


def test_a_claim_given_another_date_by_hand_keeps_it_even_with_article_date_evidence(
    admin_client,
):
    article = make_article(published_on=date(2024, 10, 30))
    follows = make_claim(article, stated_evidence="article date")
    moved_by_hand = make_claim(article, stated_on=date(2024, 10, 2), stated_evidence="article date")

    response = change_date(admin_client, article, "2024-11-01")

    assert "1 claim moved with the article&#x27;s date" in response.content.decode()
    follows.refresh_from_db()
    moved_by_hand.refresh_from_db()
    assert follows.stated_on == date(2024, 11, 1)
    assert moved_by_hand.stated_on == date(2024, 10, 2)


def test_a_change_of_evidence_alone_moves_nothing_and_says_nothing(admin_client):
    article = make_article(published_on=date(2024, 10, 30))
    claim = make_claim(article, stated_evidence="article date")

    response = change_date(admin_client, article, "2024-10-30", evidence="editor: checked")

    assert "moved with the article" not in response.content.decode()
    claim.refresh_from_db()
    assert (claim.stated_on, claim.version) == (date(2024, 10, 30), 1)
