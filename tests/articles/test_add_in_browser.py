"""Editors add articles in the browser: paste one or upload files, see what the loader
reads before anything is stored, correct it, save; readers cannot; CSRF on every write."""

import html
import re
from datetime import date
from io import StringIO

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command
from django.test import Client
from django.urls import reverse

from articles.models import Article, ArticleRevision, DateSource, Outlet

pytestmark = pytest.mark.django_db

ADD, UPLOAD = reverse("articles:add"), reverse("articles:upload")
HEADLINE = "Banjir Rob Rendam Tiga Desa di Pesisir Demak"
TEXT = (
    f"{HEADLINE}\n\n"
    "Demak (Kabar Pantura) - Banjir rob merendam tiga desa di pesisir Demak pada "
    "Rabu (30/10/2024) setelah tanggul laut jebol sepanjang 40 meter.\n\n"
    "Warga mengungsi ke balai desa. Petugas menambal tanggul dengan karung pasir.\n"
)
OTHER = (
    "Pasar Malam Kota Lama Dibuka Kembali\n\n"
    "Semarang (Warta Kota Lama) - Pasar malam di kawasan Kota Lama dibuka kembali pada "
    "Jumat (1/11/2024) dengan 120 lapak pedagang.\n"
)


def page_text(response) -> str:
    return html.unescape(response.content.decode())


def preview(client, text=TEXT, **fields):
    return client.post(ADD, {"text": text, "step": "preview", **fields})


def command_line(tmp_path, text) -> str:
    """The line `load_articles --dry-run` prints for a file holding `text`."""
    path = tmp_path / "article.txt"
    path.write_text(text, encoding="utf-8")
    out = StringIO()
    call_command("load_articles", str(path), "--dry-run", stdout=out)
    return out.getvalue().splitlines()[0].replace(str(path), "pasted text")


def formset_data(response, **changes) -> dict:
    """What the upload preview's form sends back as it stands, with `changes`
    ({"0-title": ...}) made by the editor."""
    formset = response.context["formset"]
    data = {"step": "save"}
    management = formset.management_form
    for name in ("TOTAL_FORMS", "INITIAL_FORMS", "MIN_NUM_FORMS", "MAX_NUM_FORMS"):
        data[management[name].html_name] = management[name].value()
    for form in formset.forms:
        for field in form:
            value = field.value()
            if value not in (None, False):
                data[field.html_name] = value
    for key, value in changes.items():
        data[f"{formset.prefix}-{key}"] = value
    return data


def test_a_pasted_article_is_previewed_with_what_the_loader_read_and_nothing_stored(
    editor_client, tmp_path
):
    outlets = Outlet.objects.count()  # the registry's
    response = preview(editor_client)

    assert response.status_code == 200
    text = page_text(response)
    assert HEADLINE in text
    assert "Kabar Pantura" in text
    assert "30 Oct 2024" in text and "from “Rabu (30/10/2024)”" in text
    assert '<dt>Language</dt><dd lang="en">id</dd>' in response.content.decode()
    # The command's own report line, word for word.
    assert command_line(tmp_path, TEXT) in text
    assert "created    pasted text: “Banjir Rob" in text
    # The form the editor corrects starts from what the loader read.
    form = response.context["form"]
    assert (form["title"].value(), form["outlet"].value()) == (HEADLINE, "Kabar Pantura")
    assert not Article.objects.exists() and Outlet.objects.count() == outlets


def test_the_editor_corrects_the_preview_and_saves_the_article_with_its_address(editor_client):
    response = editor_client.post(
        ADD,
        {
            "text": TEXT,
            "title": "Tanggul Jebol, Tiga Desa di Demak Terendam Rob",
            "outlet": "Kabar Pantura",
            "url": "https://kabarpantura.example/2024/10/rob-demak",
            "published_on": "2024-10-31",
            "step": "save",
        },
        follow=True,
    )

    article = Article.objects.select_related("outlet").get()
    assert response.redirect_chain[-1][0] == article.get_absolute_url()
    assert article.title == "Tanggul Jebol, Tiga Desa di Demak Terendam Rob"
    assert article.outlet.name == "Kabar Pantura"
    assert article.url == "https://kabarpantura.example/2024/10/rob-demak"
    assert (article.published_on, article.published_source) == (
        date(2024, 10, 31),
        DateSource.EDITOR,
    )
    assert article.body.startswith("Demak (Kabar Pantura) - Banjir rob")
    assert ArticleRevision.objects.filter(article=article).count() == 1
    text = page_text(response)
    assert "created    pasted text: “Tanggul Jebol, Tiga Desa di Demak Terendam Rob”" in text
    assert 'href="https://kabarpantura.example/2024/10/rob-demak"' in response.content.decode()


def test_saving_what_the_preview_showed_keeps_the_loaders_values(editor_client):
    response = preview(editor_client)
    form = response.context["form"]
    data = {field.html_name: field.value() or "" for field in form}

    editor_client.post(ADD, {**data, "step": "save"})

    article = Article.objects.get()
    assert (article.title, article.title_derived) == (HEADLINE, False)
    assert article.published_on == date(2024, 10, 30)
    assert article.published_source == DateSource.INFERRED
    assert article.published_evidence == "Rabu (30/10/2024)"


def test_a_pasted_text_already_stored_is_that_article_unchanged(editor_client):
    editor_client.post(ADD, {"text": TEXT, "step": "save"})
    stored = Article.objects.get()

    response = preview(editor_client)

    assert "This text is already stored" in page_text(response)
    assert stored.get_absolute_url() in response.content.decode()
    assert "Save the article" not in page_text(response)
    assert Article.objects.count() == 1


def test_an_empty_or_oversized_paste_is_refused_on_the_form(editor_client, settings):
    response = preview(editor_client, text="   ")
    assert response.status_code == 400
    assert "This field is required." in page_text(response)

    settings.ARTICLE_MAX_BYTES = 100
    response = preview(editor_client, text="kata " * 50)
    assert response.status_code == 400
    assert "too large (0.0 MB; articles may be at most 0.0 MB" in page_text(response)
    assert not Article.objects.exists()


def test_a_paste_of_only_boilerplate_gets_the_loaders_reason(editor_client):
    response = preview(editor_client, text="Bagikan:\n\nTinggalkan Balasan\n")

    assert response.status_code == 400
    assert "failed     pasted text: no article text (only boilerplate)" in page_text(response)
    assert not Article.objects.exists()


@pytest.mark.parametrize(
    "name, content, reason",
    [
        ("bad.txt", b"Judul\n\nIsi\x00berita", "binary file (contains NUL bytes)"),
        (
            "latin.txt",
            "Berita café".encode("latin-1"),
            "not valid UTF-8 (byte 0xe9 at position 10)",
        ),
        ("empty.txt", b"  \n", "empty file"),
        ("report.pdf", b"%PDF-1.4", "not a .txt or .html file"),
        ("huge.txt", b"kata " * 100, "too large (0.0 MB; articles may be at most 0.0 MB"),
    ],
)
def test_upload_a_good_and_a_bad_file_the_bad_ones_reason_shown_the_good_one_saved(
    editor_client, settings, name, content, reason
):
    settings.ARTICLE_MAX_BYTES = 400
    files = [
        SimpleUploadedFile("good.txt", OTHER.encode(), content_type="text/plain"),
        SimpleUploadedFile(name, content, content_type="application/octet-stream"),
    ]

    response = editor_client.post(UPLOAD, {"files": files, "step": "preview"})

    assert response.status_code == 200
    text = page_text(response)
    assert f"failed     {name}: {reason}" in text
    assert "created    good.txt: “Pasar Malam Kota Lama Dibuka Kembali” · Warta Kota Lama" in text
    assert not Article.objects.exists()

    response = editor_client.post(UPLOAD, formset_data(response), follow=True)

    article = Article.objects.get()  # the good one, and nothing of the bad one
    assert article.title == "Pasar Malam Kota Lama Dibuka Kembali"
    assert response.redirect_chain[-1][0] == article.get_absolute_url()
    assert ArticleRevision.objects.count() == 1
    assert article.outlet.name == "Warta Kota Lama"
    assert Outlet.objects.filter(articles__isnull=False).distinct().count() == 1
    assert "created    good.txt" in page_text(response)


def test_uploads_are_corrected_each_on_its_own_and_one_can_be_left_out(editor_client):
    files = [
        SimpleUploadedFile("rob.txt", TEXT.encode()),
        SimpleUploadedFile("pasar.txt", OTHER.encode()),
    ]
    response = editor_client.post(UPLOAD, {"files": files, "step": "preview"})

    data = formset_data(response, **{"0-title": "Rob di Demak", "1-DELETE": "on"})
    response = editor_client.post(UPLOAD, data, follow=True)

    assert list(Article.objects.values_list("title", flat=True)) == ["Rob di Demak"]
    assert response.redirect_chain[-1][0] == Article.objects.get().get_absolute_url()


def test_an_uploaded_file_is_stored_byte_for_byte_so_the_command_finds_it_unchanged(
    editor_client, tmp_path
):
    crlf = TEXT.replace("\n", "\r\n").encode()
    response = editor_client.post(
        UPLOAD, {"files": [SimpleUploadedFile("rob.txt", crlf)], "step": "preview"}
    )
    editor_client.post(UPLOAD, formset_data(response))

    path = tmp_path / "rob.txt"
    path.write_bytes(crlf)
    out = StringIO()
    call_command("load_articles", str(path), stdout=out)
    assert "0 created, 0 updated, 1 unchanged, 0 failed" in out.getvalue()
    assert Article.objects.get().raw == crlf.decode()


def test_a_tampered_upload_is_refused_with_its_reason_and_nothing_stored(editor_client):
    response = editor_client.post(
        UPLOAD, {"files": [SimpleUploadedFile("rob.txt", TEXT.encode())], "step": "preview"}
    )
    response = editor_client.post(UPLOAD, formset_data(response, **{"0-content": "%%%"}))

    assert response.status_code == 400
    assert "The file's content was damaged on the way; upload it again." in page_text(response)
    assert not Article.objects.exists()


def test_too_many_files_at_once_are_refused_on_the_form(editor_client, settings):
    files = [SimpleUploadedFile(f"{n}.txt", OTHER.encode()) for n in range(11)]

    response = editor_client.post(UPLOAD, {"files": files, "step": "preview"})

    assert response.status_code == 400
    assert "Upload at most 10 files at a time." in page_text(response)


def test_readers_may_not_add_articles_and_anonymous_users_are_sent_to_log_in(reader_client, client):
    for url in (ADD, UPLOAD):
        assert reader_client.post(url, {"text": TEXT, "step": "save"}).status_code == 403
    assert reader_client.get(ADD).status_code == 403
    assert "Add articles" not in page_text(reader_client.get(reverse("articles:list")))
    client.logout()
    response = client.post(ADD, {"text": TEXT, "step": "save"})
    assert response.status_code == 302 and response.url.startswith(reverse("login"))
    assert not Article.objects.exists()


def test_editors_find_the_way_from_the_article_list(editor_client):
    response = editor_client.get(reverse("articles:list"))
    assert f'href="{ADD}"' in response.content.decode()
    assert editor_client.get(ADD).status_code == 200


def test_every_write_needs_the_csrf_token(editor):
    client = Client(enforce_csrf_checks=True)
    client.force_login(editor)

    assert client.post(ADD, {"text": TEXT, "step": "save"}).status_code == 403
    files = [SimpleUploadedFile("rob.txt", TEXT.encode())]
    assert client.post(UPLOAD, {"files": files, "step": "preview"}).status_code == 403
    assert not Article.objects.exists()

    page = client.get(ADD)
    token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', page.content.decode())[1]
    response = client.post(ADD, {"text": TEXT, "step": "save", "csrfmiddlewaretoken": token})
    assert response.status_code == 302
    assert Article.objects.count() == 1


def test_no_article_takes_the_address_of_the_add_page(editor_client):
    editor_client.post(
        ADD, {"text": "Add\n\nTeks singkat tentang sesuatu di Jakarta.", "step": "save"}
    )
    article = Article.objects.get()
    assert article.slug not in ("add", "upload")
    assert editor_client.get(article.get_absolute_url()).status_code == 200
    assert editor_client.get(ADD).context["paste"] is not None  # the page is still the page


def test_what_the_loader_read_is_shown_escaped(editor_client):
    hostile = "<script>alert(1)</script>"
    response = preview(editor_client, text=f"{hostile} Judul\n\nIsi berita {hostile}.\n")

    content = response.content.decode()
    assert hostile not in content
    assert "&lt;script&gt;alert(1)&lt;/script&gt; Judul" in content
