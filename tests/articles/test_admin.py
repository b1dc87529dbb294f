from datetime import date
from io import StringIO

import pytest
from django.core.management import call_command

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
