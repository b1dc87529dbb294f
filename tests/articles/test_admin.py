from datetime import date
from io import StringIO

import pytest
from django.contrib.auth import get_user_model
from django.core.management import call_command
from django.db import IntegrityError, transaction

from articles.dates import plausible_range
from articles.models import Article, DateSource
from tests.factories import make_article, make_outlet, make_user

pytestmark = pytest.mark.django_db


def change_form(article, **changes):
    data = {
        "title": article.title,
        "title_derived": "",
        "outlet": article.outlet_id or "",
        "published_on": article.published_on or "",
        "published_latest": article.published_latest or "",
        "published_precision": article.published_precision,
        "published_evidence": article.published_evidence,
        "language": article.language,
        # the (read-only) inline of source files, as the browser sends it
        "sources-TOTAL_FORMS": str(article.sources.count()),
        "sources-INITIAL_FORMS": str(article.sources.count()),
    }
    data.update(changes)
    return data


def test_editor_corrects_title_outlet_and_date_which_then_count_as_set_by_an_editor(client):
    editor = make_user(editor=True)
    editor.is_staff = True
    editor.save()
    client.force_login(editor)
    article = make_article(published_on=None)
    outlet = make_outlet("Antara")

    response = client.post(
        f"/admin/articles/article/{article.pk}/change/",
        change_form(
            article,
            title="Korea Utara membantah",
            outlet=outlet.pk,
            published_on="2024-10-21",
            published_evidence="editor: UN First Committee session",
        ),
    )

    assert response.status_code == 302, response.content.decode()[:2000]
    article.refresh_from_db()
    assert article.title == "Korea Utara membantah"
    assert article.outlet == outlet
    assert article.published_on == date(2024, 10, 21)
    assert article.published_source == DateSource.EDITOR


@pytest.fixture
def staff_editor(client):
    editor = make_user(editor=True)
    editor.is_staff = True
    editor.save()
    client.force_login(editor)
    return editor


def test_an_editor_sets_a_range_of_days_which_is_then_the_editors(client, staff_editor):
    article = make_article(published_on=date(2024, 10, 30))

    response = client.post(
        f"/admin/articles/article/{article.pk}/change/",
        change_form(
            article,
            published_on="2024-10-31",
            published_latest="2024-11-02",
            published_evidence="editor: the outlet's archive lists it that week",
        ),
    )

    assert response.status_code == 302, response.content.decode()[:2000]
    article.refresh_from_db()
    assert (article.published_on, article.published_latest, article.published_source) == (
        date(2024, 10, 31),
        date(2024, 11, 2),
        DateSource.EDITOR,
    )
    listing = client.get("/admin/articles/article/").content.decode()
    assert "31 Oct – 2 Nov 2024" in listing


def test_an_editor_makes_a_range_one_day_by_clearing_its_last_day(client, staff_editor):
    article = make_article(published_on=date(2024, 10, 30), published_latest=date(2024, 11, 1))

    response = client.post(
        f"/admin/articles/article/{article.pk}/change/",
        change_form(article, published_on="2024-10-31", published_latest=""),
    )

    assert response.status_code == 302
    article.refresh_from_db()
    assert (article.published_on, article.published_latest, article.published_source) == (
        date(2024, 10, 31),
        None,
        DateSource.EDITOR,
    )


@pytest.mark.parametrize(
    ("changes", "message"),
    [
        ({"published_latest": "2024-10-29"}, "The last day comes after the first."),
        ({"published_on": "", "published_latest": "2024-11-01"}, "needs its first day"),
        (
            {"published_latest": "2024-11-01", "published_precision": "month"},
            "A range runs from one day to another",
        ),
    ],
)
def test_a_range_that_is_no_range_of_days_is_refused(client, staff_editor, changes, message):
    article = make_article(published_on=date(2024, 10, 30))

    response = client.post(
        f"/admin/articles/article/{article.pk}/change/", change_form(article, **changes)
    )

    assert response.status_code == 200
    assert message in response.content.decode()
    article.refresh_from_db()
    assert (article.published_on, article.published_latest) == (date(2024, 10, 30), None)


def test_the_database_refuses_a_range_ending_before_it_starts():
    article = make_article(published_on=date(2024, 10, 30))

    with pytest.raises(IntegrityError), transaction.atomic():
        Article.objects.filter(pk=article.pk).update(published_latest=date(2024, 10, 29))


def test_a_reader_cannot_open_the_admin(client):
    client.force_login(make_user())
    response = client.get("/admin/articles/article/")
    assert response.status_code == 302 and "/admin/login/" in response["Location"]


@pytest.mark.parametrize("published_on", ["9999-12-31", "1899-12-31", "0001-01-01"])
def test_an_implausible_date_is_refused_with_the_range(client, published_on):
    editor = make_user(editor=True)
    editor.is_staff = True
    editor.save()
    client.force_login(editor)
    article = make_article(published_on=date(2024, 10, 30))

    response = client.post(
        f"/admin/articles/article/{article.pk}/change/",
        change_form(article, published_on=published_on),
    )

    assert response.status_code == 200
    first, last = plausible_range()
    assert (
        f"Enter a date from {first:%Y-%m-%d} to {last:%Y-%m-%d}: {published_on} cannot be right"
        in response.content.decode()
    )
    article.refresh_from_db()
    assert (article.published_on, article.published_source) == (
        date(2024, 10, 30),
        DateSource.INFERRED,
    )


def test_the_admin_lists_every_text_an_article_has_had(admin_client, tmp_path):
    path = tmp_path / "story.txt"
    path.write_text("Judul\n\nKorut membantah.\n", encoding="utf-8")
    call_command("load_articles", str(path), stdout=StringIO())
    path.write_text("Judul\n\nKorut dengan tegas membantah.\n", encoding="utf-8")
    call_command("load_articles", str(path), stdout=StringIO())
    article = Article.objects.get()

    html = admin_client.get(f"/admin/articles/article/{article.pk}/change/").content.decode()

    for revision in article.revisions.all():
        assert revision.content_hash in html
    assert str(path.resolve()) in html


def test_articles_are_not_added_in_the_admin_not_even_by_a_superuser(client):
    """An article comes from load_articles (its text, slug, source file and hash); the admin's
    add form has none of those, and what it saved had no slug: its page could not be linked
    (NoReverseMatch, a 500)."""
    admin = get_user_model().objects.create_superuser("root", password="x")
    client.force_login(admin)
    assert client.get("/admin/articles/article/add/").status_code == 403
    response = client.post("/admin/articles/article/add/", {"title": "New", "language": "id"})
    assert response.status_code == 403
    assert not Article.objects.exists()
    assert 'href="/admin/articles/article/add/"' not in client.get("/admin/").content.decode()


def test_the_admin_lists_every_source_file_of_an_article(client):
    from articles.models import ArticleSource

    editor = make_user(editor=True)
    editor.is_staff = True
    editor.save()
    client.force_login(editor)
    article = make_article()
    ArticleSource.objects.create(article=article, path="seeds/a.txt")
    ArticleSource.objects.create(article=article, path="more/a-copy.txt")

    html = client.get(f"/admin/articles/article/{article.pk}/change/").content.decode()

    assert "seeds/a.txt" in html and "more/a-copy.txt" in html
    assert 'name="wire"' in html  # the wire agency it relayed, for an editor to correct
