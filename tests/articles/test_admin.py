from datetime import date

import pytest
from django.contrib.auth import get_user_model

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
