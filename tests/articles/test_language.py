"""An article's language: detected on loading, shown on its page, and the configuration its
text is searched in (indonesian, english, french, else simple). Texts are our own."""

from io import StringIO

import pytest
from django.core.management import call_command

from articles.language import detect_language
from articles.models import Article
from tests.factories import default_story, make_article

INDONESIAN = (
    "Ratusan nelayan di pesisir utara menggelar doa bersama sebelum musim melaut dimulai. "
    "Mereka berharap cuaca bersahabat dan hasil tangkapan membaik dibanding tahun lalu."
)
ENGLISH = (
    "Hundreds of fishermen on the northern coast held a prayer before the fishing season "
    "began. They hope for kind weather and a better catch than last year."
)
FRENCH = (
    "Des centaines de pêcheurs de la côte nord ont prié ensemble avant l'ouverture de la "
    "saison. Ils espèrent une météo clémente et de meilleures prises que l'an dernier."
)


@pytest.mark.parametrize(
    ("text", "language"), [(INDONESIAN, "id"), (ENGLISH, "en"), (FRENCH, "fr")]
)
def test_the_language_of_a_text(text, language):
    assert detect_language(text) == language


@pytest.mark.parametrize("text", ["", "12/10/2024 — 10.000", "…"])
def test_a_text_without_words_is_the_house_language(text):
    assert detect_language(text) == "id"


@pytest.mark.django_db
def test_a_loaded_article_keeps_its_language_and_its_page_says_it(client, tmp_path):
    for name, text in (("id.txt", INDONESIAN), ("en.txt", ENGLISH), ("fr.txt", FRENCH)):
        (tmp_path / name).write_text(text + "\n", encoding="utf-8")
    out = StringIO()
    call_command("load_articles", str(tmp_path), stdout=out)

    languages = dict(Article.objects.values_list("source_name", "language"))
    assert languages == {"id.txt": "id", "en.txt": "en", "fr.txt": "fr"}
    assert " · en · " in out.getvalue()
    english = Article.objects.get(source_name="en.txt")
    html = client.get(english.get_absolute_url()).content.decode()
    assert '<h1><span lang="en">' in html
    assert 'id="article-body" class="article-body" lang="en"' in html
    assert "English (en)" in html  # the provenance


@pytest.fixture
def three_languages(db):
    return {
        "id": make_article(INDONESIAN, title="Doa nelayan", language="id"),
        "en": make_article(ENGLISH, title="Fishermen pray", language="en"),
        "fr": make_article(FRENCH, title="Les pêcheurs prient", language="fr"),
        "de": make_article(
            "Hunderte Fischer beteten gemeinsam vor der Saison.", title="Fischer", language="de"
        ),
    }


def found(query):
    return sorted(Article.objects.search(query).values_list("language", flat=True))


def test_each_article_is_stemmed_in_its_own_language(three_languages):
    # English stems: "fishes" and "fishing" are both "fish" (the Indonesian stemmer, which
    # read every article before, leaves English words as they are).
    assert found("fishes") == ["en"]
    assert found("seasons") == ["en"]
    assert found("saisons") == ["fr"]  # French: saison (the German "Saison" is not stemmed)
    assert found("harapan") == ["id"]  # Indonesian: harap, as in "berharap"


def test_a_query_finds_articles_of_every_language_at_once(three_languages):
    assert found("nelayan OR fishermen OR pêcheurs") == ["en", "fr", "id"]


def test_other_languages_are_searched_word_for_word(three_languages):
    assert found("Fischer") == ["de"]  # simple: lower-cased, not stemmed
    assert found("Saison") == ["de", "fr"]


def test_a_search_snippet_marks_the_hit_in_the_articles_language(three_languages, client):
    html = client.get("/articles/", {"q": "seasons"}).content.decode()
    assert "<mark>season</mark>" in html
    assert 'class="snippet" lang="en"' in html


def test_suggestions_are_made_for_indonesian_articles_only(editor_client, db):
    indonesian = make_article("Korea Utara mengirim 10.000 tentara ke Rusia, kata pejabat AS.")
    english = make_article(
        "North Korea sent 10,000 troops to Russia, a US official said.", language="en"
    )
    default_story().articles.add(indonesian, english)  # claims are tagged for a story

    html = editor_client.get(indonesian.get_absolute_url()).content.decode()
    assert "Check and make a claim…" in html
    html = editor_client.get(english.get_absolute_url()).content.decode()
    assert "Check and make a claim…" not in html
    assert "The rules read Indonesian only: this article is in English (en)" in html
