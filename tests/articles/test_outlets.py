"""Who published an article, and which wire agency's story it relayed: datelines and credits
in the forms outlets use, names looked up in the registry editors keep (the Outlet table,
seeded with the common Indonesian, English and French outlets and wire agencies).

The texts are our own, written in the outlets' formats."""

from io import StringIO

import pytest
from django.core.management import call_command

from articles.ingest import KnownOutlet, OutletRegistry, find_credit, parse_article
from articles.models import Article, Outlet
from tests.factories import make_user

pytestmark = pytest.mark.django_db


@pytest.fixture
def registry():
    """The registry as the migration seeded it."""
    return Outlet.objects.registry()


SENTENCE = "Warga kampung nelayan membersihkan pantai dari sampah plastik pada pagi hari."
ENGLISH = "A delivery robot crossed a busy street on its own for the first time."
FRENCH = "Le gouvernement a présenté un plan pour rénover les écoles rurales."


@pytest.mark.parametrize(
    ("body", "outlet", "wire"),
    [
        # a dateline in the 4th paragraph, under a title, a byline and a caption
        (
            "Uni Eropa Sepakati Aturan Baru\n\nReporter: Sari Wulandari | Editor: Dimas\n\n"
            "Foto: Gedung parlemen di pusat kota. (Foto: Dok. Humas)\n\n"
            f"KONTAN.CO.ID - BRUSSELS. {SENTENCE}",
            "Kontan",
            None,
        ),
        (f"Jakarta (ANTARA) - {SENTENCE}", "ANTARA", None),
        (f"TEMPO.CO, Jakarta - {SENTENCE}", "Tempo", None),
        (f"SEOUL, KOMPAS.com - {SENTENCE}", "Kompas.com", None),
        (f"Jakarta, CNN Indonesia -- {SENTENCE}", "CNN Indonesia", None),
        (f"detikNews\n\nJakarta - {SENTENCE}", "detikcom", None),
        (f"RMOL. {SENTENCE}", "RMOL", None),
        (f"Liputan6.com, Jakarta - {SENTENCE}", "Liputan6.com", None),
        (f"SEOUL, South Korea (AP) — {ENGLISH}", "Associated Press", None),
        (f"WASHINGTON (AP) — {ENGLISH} The AP counted three.", "Associated Press", None),
        (f"KYIV, Nov 5 (Reuters) - {ENGLISH}", "Reuters", None),
        (f"Par BFMTV avec AFP\n\n{FRENCH}", "BFMTV", "AFP"),
        (f"PARIS (AFP) - {FRENCH}", "AFP", None),
        # an outlet relaying a wire story says so at the end
        (f"JAKARTA, KOMPAS.com - {SENTENCE}\n\nSumber: Antara", "Kompas.com", "ANTARA"),
    ],
)
def test_datelines_and_credits_of_known_outlets(registry, body, outlet, wire):
    assert find_credit(body, registry) == (outlet, wire)


def test_a_page_of_one_outlet_carrying_a_wire_story_records_both(registry):
    credit = find_credit(f"Jakarta (ANTARA) - {SENTENCE}", registry, site="Republika")
    assert credit == ("Republika", "ANTARA")


@pytest.mark.parametrize(
    "body",
    [
        f"BANDUNG, Jawa Barat – {SENTENCE}",  # place and province
        f"JAKARTA – {SENTENCE}",
        f"SEOUL, South Korea — {ENGLISH}",
        f"Jakarta - {SENTENCE}",
    ],
)
def test_a_place_is_never_an_outlet(registry, body):
    assert find_credit(body, registry) == (None, None)


def test_a_photo_credit_of_a_wire_is_not_where_the_story_came_from(registry):
    body = f"Foto: Pelabuhan di pagi hari.\n\nReuters\n\nJAKARTA, KOMPAS.com - {SENTENCE}"
    assert find_credit(body, registry) == ("Kompas.com", None)


def test_an_agency_quoted_as_a_source_is_not_the_outlet(registry):
    body = f"{SENTENCE} Hal itu dilaporkan KCNA.\n\nSumber : KCNA"
    assert find_credit(body, registry) == (None, None)


def test_a_known_outlet_is_found_by_any_of_its_names_and_domains(registry):
    for spelling in ("kompas.COM", "KOMPAS.com", "Kompas", "https://www.kompas.com", "kompas.id"):
        assert registry.lookup(spelling.removeprefix("https://")).name == "Kompas.com", spelling
    assert registry.lookup("news.detik.com").name == "detikcom"  # a subdomain
    assert registry.lookup("Jakarta") is None
    assert registry.lookup("AP").is_wire and not registry.lookup("Tempo").is_wire


def test_without_a_registry_the_text_names_the_outlet_as_written():
    assert find_credit(f"TEMPO.CO, Jakarta - {SENTENCE}") == ("TEMPO.CO", None)
    # an unknown name in a place-first dateline could be a province: no outlet
    assert find_credit(f"Jakarta, CNN Indonesia -- {SENTENCE}") == (None, None)


def test_a_registry_is_plain_data():
    registry = OutletRegistry([KnownOutlet("Kabar Sore", ("KS",), ("kabarsore.id",), False)])
    assert find_credit(f"KABARSORE.ID - {SENTENCE}", registry) == ("Kabar Sore", None)
    assert find_credit(f"Kabar Sore. {SENTENCE}", registry) == ("Kabar Sore", None)


def test_the_title_is_not_taken_from_an_outlet_label(registry):
    article = parse_article(f"detikNews\n\nJakarta - {SENTENCE}", outlets=registry)
    assert article.title == SENTENCE.removesuffix(".")
    assert article.outlet == "detikcom"


# --- the registry in the database ------------------------------------------------------------


def load(path):
    out = StringIO()
    call_command("load_articles", str(path), stdout=out)
    return out.getvalue()


def test_the_seed_registry_holds_indonesian_english_french_outlets_and_wires():
    names = set(Outlet.objects.values_list("name", flat=True))
    assert {"Kompas.com", "Tempo", "detikcom", "CNN Indonesia", "Kontan", "RMOL"} <= names
    assert {"BBC", "The Guardian", "Le Monde", "BFMTV", "France 24"} <= names
    wires = set(Outlet.objects.filter(is_wire=True).values_list("name", flat=True))
    assert {"ANTARA", "Associated Press", "Reuters", "AFP"} <= wires


def test_a_loaded_article_is_attributed_to_the_registry_outlet_and_its_wire(tmp_path):
    (tmp_path / "tempo.txt").write_text(f"TEMPO.CO, Jakarta - {SENTENCE}\n", encoding="utf-8")
    (tmp_path / "bfm.txt").write_text(f"Par BFMTV avec AFP\n\n{FRENCH}\n", encoding="utf-8")
    before = Outlet.objects.count()

    output = load(tmp_path)

    tempo = Article.objects.get(source_name="tempo.txt")
    assert tempo.outlet == Outlet.objects.get(name="Tempo") and tempo.wire is None
    bfm = Article.objects.get(source_name="bfm.txt")
    assert (bfm.outlet.name, bfm.wire.name) == ("BFMTV", "AFP")
    assert Outlet.objects.count() == before  # no "TEMPO.CO" made beside Tempo
    assert "BFMTV (from AFP)" in output


def test_an_outlet_the_registry_does_not_know_is_added_to_it(tmp_path):
    (tmp_path / "a.txt").write_text(f"Kabarkita.id – {SENTENCE}\n", encoding="utf-8")
    load(tmp_path)
    assert Article.objects.get().outlet == Outlet.objects.get(name="Kabarkita.id")


def test_an_editor_extends_the_registry_in_the_admin_and_the_next_load_uses_it(client, tmp_path):
    editor = make_user(editor=True)
    editor.is_staff = True
    editor.save()
    client.force_login(editor)

    response = client.post(
        "/admin/articles/outlet/add/",
        {
            "name": "Warta Pesisir",
            "slug": "warta-pesisir",
            "aliases": "WARTA PESISIR ONLINE",
            "domains": "https://www.WartaPesisir.co.id/, wp.id",
            "is_wire": "",
        },
    )
    assert response.status_code == 302, response.content.decode()[:3000]
    outlet = Outlet.objects.get(name="Warta Pesisir")
    assert outlet.domains == ["wartapesisir.co.id", "wp.id"]  # as addresses are typed

    (tmp_path / "w.txt").write_text(f"WARTAPESISIR.CO.ID - {SENTENCE}\n", encoding="utf-8")
    load(tmp_path)
    assert Article.objects.get().outlet == outlet
