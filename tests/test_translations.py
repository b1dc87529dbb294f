"""The interface in Bahasa Indonesia: a reader whose browser asks for Indonesian reads every
page in it, anyone can switch with the form every page has, and the catalogue is complete.

"Complete" is checked twice over, on every page of PAGES read in Indonesian:
- no string of the catalogue that Indonesian writes differently appears in English (a string
  marked for translation whose translation is missing, or a page that skips the catalogue);
- no English sentence appears that nobody marked at all: no English word that Indonesian never
  uses ("the", "and", "of", ...) outside code samples and text in another language.

To check a new page, add a function under @page below (and what it needs to the `site`
fixture). What the pages show as it is stored (names of actors, titles, notes: `site_data`) is
not the interface's words, whatever its language: the checks read around it.
"""

import gettext
import io
import os
import re
import subprocess
import sys
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import parse_qs, urlsplit

import pytest
from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command
from django.db import OperationalError
from django.test import Client
from django.urls import reverse
from django.utils import timezone, translation

from articles.models import Article, ArticleQuerySet, Outlet
from tests.factories import (
    PASSWORD,
    make_actor,
    make_article,
    make_claim,
    make_outlet,
    make_proposition,
    make_story,
    make_user,
)
from timeline import timeline_page
from timeline.models import Actor, Claim, Proposition, Story

pytestmark = pytest.mark.django_db

CATALOGUE = Path(settings.BASE_DIR) / "locale" / "id" / "LC_MESSAGES" / "django.po"
COMPILED = CATALOGUE.with_suffix(".mo")


# The catalogue ------------------------------------------------------------------------------


@dataclass
class Entry:
    msgid: str
    context: str = ""
    plural: str = ""
    strings: list[str] = field(default_factory=list)
    flags: set[str] = field(default_factory=set)


def _string(line: str) -> str:
    """A .po string's text: "a \\"b\\"" -> a "b"."""
    text = line[line.index('"') + 1 : line.rindex('"')]
    return re.sub(r'\\(["\\nt])', lambda m: {"n": "\n", "t": "\t"}.get(m[1], m[1]), text)


def read_catalogue(path: Path = CATALOGUE) -> list[Entry]:
    """The entries of a .po file, the header left out."""
    entries = []
    for block in path.read_text(encoding="utf-8").split("\n\n"):
        entry, target = Entry(msgid=""), None
        for line in block.splitlines():
            if line.startswith("#,"):
                entry.flags |= {flag.strip() for flag in line[2:].split(",")}
            elif line.startswith("#"):
                continue
            elif line.startswith("msgctxt "):
                entry.context, target = _string(line), "context"
            elif line.startswith("msgid_plural "):
                entry.plural, target = _string(line), "plural"
            elif line.startswith("msgid "):
                entry.msgid, target = _string(line), "msgid"
            elif line.startswith("msgstr"):
                entry.strings.append(_string(line))
                target = "strings"
            elif line.startswith('"') and target == "strings":
                entry.strings[-1] += _string(line)
            elif line.startswith('"') and target:
                setattr(entry, target, getattr(entry, target) + _string(line))
        if entry.msgid:
            entries.append(entry)
    return entries


def test_every_string_of_the_catalogue_is_translated_and_none_is_fuzzy():
    entries = read_catalogue()
    assert len(entries) > 100  # the file read is the catalogue, not an empty one
    untranslated = [e.msgid for e in entries if not all(s.strip() for s in e.strings)]
    fuzzy = [e.msgid for e in entries if "fuzzy" in e.flags]
    assert not untranslated, f"no Indonesian for: {untranslated}"
    assert not fuzzy, f"marked fuzzy (check the translation, remove the flag): {fuzzy}"


def test_the_compiled_catalogue_says_what_the_catalogue_says():
    assert COMPILED.exists(), "the catalogue is not compiled: run `make messages`"
    with COMPILED.open("rb") as file:
        compiled = gettext.GNUTranslations(file)
    for entry in read_catalogue():
        if entry.plural and entry.context:
            got = compiled.npgettext(entry.context, entry.msgid, entry.plural, 1)
        elif entry.plural:
            got = compiled.ngettext(entry.msgid, entry.plural, 1)
        elif entry.context:
            got = compiled.pgettext(entry.context, entry.msgid)
        else:
            got = compiled.gettext(entry.msgid)
        assert got == entry.strings[0], f"{entry.msgid!r}: run `make messages`"


# Reading a page as a reader sees it ----------------------------------------------------------

VOID = {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source"}
READ_ATTRIBUTES = ("title", "placeholder", "aria-label", "alt")


class VisibleText(HTMLParser):
    """The text a reader reads on a page in `language`, as pieces (text between tags, and
    attributes a browser shows or reads aloud). Left out: scripts and styles, and whatever is
    in another language (lang="en" on an English article's title). `keyboard` (kbd: what the
    reader types, such as the search's `or`) is kept apart."""

    def __init__(self, language: str):
        super().__init__(convert_charrefs=True)
        self.language = language
        self.pieces: list[str] = []
        self.keyboard: list[str] = []
        self._open: list[tuple[str, str]] = []  # (tag, "skip" | "kbd" | "")

    def _state(self) -> str:
        return self._open[-1][1] if self._open else ""

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        state = self._state()
        if tag in ("script", "style") or attrs.get("lang", self.language) != self.language:
            state = "skip"
        elif tag == "kbd" and not state:
            state = "kbd"
        if not state:
            self.pieces.extend(attrs[name] for name in READ_ATTRIBUTES if attrs.get(name))
        if tag not in VOID:
            self._open.append((tag, state))

    def handle_endtag(self, tag):
        for index in range(len(self._open) - 1, -1, -1):
            if self._open[index][0] == tag:
                del self._open[index:]
                break

    def handle_data(self, data):
        state = self._state()
        if state == "kbd":
            self.keyboard.append(data)
        elif not state and data.strip():
            self.pieces.append(" ".join(data.split()))


def visible_text(html: str, language: str) -> list[str]:
    parser = VisibleText(language)
    parser.feed(html)
    return parser.pieces


PLACEHOLDER = re.compile(r"%\([a-z_]+\)[0-9]*[sdx]|%s|%d")


def english_of(entry: Entry) -> list[re.Pattern]:
    """Patterns that find the English of an entry on a page: each run of text between its
    tags, placeholders matching anything. Runs of three words or more are found inside longer
    text; shorter ones ("Title", "Search") only as a whole piece of text (with its
    punctuation), so that "text" in a file name "pasted text" is not taken for the label."""
    patterns = []
    translation = " ".join(" ".join(entry.strings).split())
    for english in (entry.msgid, entry.plural):
        for run in re.split(r"<[^>]+>", english):
            run = " ".join(run.split()).strip(" .,:;()")
            if not re.search(r"[A-Za-z]{2}", PLACEHOLDER.sub("", run)):
                continue  # only placeholders and punctuation: nothing to read
            if run in translation:
                continue  # the translation keeps it too (an example: "mengirim")
            parts = PLACEHOLDER.split(run)
            body = ".+?".join(re.escape(part) for part in parts)
            if len(run.split()) >= 3:
                patterns.append(re.compile(rf"(?<![\w]){body}(?![\w])"))
            else:
                patterns.append(re.compile(rf"^[\W\d]*{body}[\W\d]*$"))
    return patterns


def untranslated_strings(pieces: list[str], entries: list[Entry]) -> list[str]:
    """The catalogue's strings, among those Indonesian writes differently, found in
    English in `pieces`."""
    found = []
    for entry in entries:
        if entry.strings and entry.strings[0] == entry.msgid:
            continue  # the same word in both languages ("Admin", "slug")
        for pattern in english_of(entry):
            hits = [piece for piece in pieces if pattern.search(piece)]
            if hits:
                found.append(f"{entry.msgid!r} in {hits[0]!r}")
                break
    return found


# Words of English that Indonesian never writes: one on an Indonesian page is English that
# nobody marked for translation.
ENGLISH_ONLY = re.compile(
    r"(?<![\w-])(the|and|of|to|is|are|was|were|be|been|with|for|from|by|on|in|or|not|it|its|"
    r"this|that|these|your|you|at|can|cannot|what|who|when|only|will|has|have|yet)(?![\w-])",
    re.IGNORECASE,
)


def english_words(pieces: list[str]) -> list[str]:
    return [piece for piece in pieces if ENGLISH_ONLY.search(piece)]


def site_data() -> list[str]:
    """What the pages show as it is stored, in whatever language it was written: the names of
    actors (and their aliases), outlets, users and sides; titles, deks, statements, notes. An
    actor called "US Department of Defense" is no English the catalogue misses. (Article
    texts and quotes carry their language in a lang attribute.)"""
    values = [
        *Actor.objects.values_list("name", flat=True),
        *(
            alias
            for aliases in Actor.objects.values_list("aliases", flat=True)
            for alias in aliases
        ),
        *Outlet.objects.values_list("name", flat=True),
        *get_user_model().objects.values_list("username", flat=True),
        *Article.objects.values_list("title", flat=True),
        *Proposition.objects.values_list("statement", flat=True),
        *Proposition.objects.values_list("statement_en", flat=True),
        *Claim.objects.values_list("note", flat=True),
        *Claim.objects.values_list("internal_note", flat=True),
    ]
    for story in Story.objects.all():
        values += [story.title, story.title_en, story.dek, story.dek_en]
        values += [name for _code, name in story.sides]
    return [value for value in values if value and value.strip()]


def without_data(pieces: list[str], data: list[str]) -> list[str]:
    """The pieces with each of `data` cut out where it stands as whole words (longest first,
    so that "Korea Utara" goes before "Korea"): what is left are the interface's own words
    around it ("Dilansir oleh: " of "Dilansir oleh: US Department of Defense")."""
    if not data:
        return pieces
    ordered = sorted(set(data), key=len, reverse=True)
    pattern = re.compile(
        "|".join(rf"(?<!\w){re.escape(' '.join(value.split()))}(?!\w)" for value in ordered)
    )
    return [pattern.sub(" ", piece) for piece in pieces]


# The pages ------------------------------------------------------------------------------------


@dataclass
class Site:
    """What the pages show: Indonesian articles with an outlet, a wire, a date range; the
    pages of a story read them from `story()`."""

    editor: object
    reader: object
    desk: object = None  # the editor's pages' story (newsroom_desk), made when first asked
    _story: object = None

    def story(self) -> "ReaderStory":
        """The story its pages show, made when a page first asks (the other pages need none)."""
        if self._story is None:
            self._story = reader_story(self.editor)
        return self._story


@dataclass
class ReaderStory:
    story: object
    claims: dict
    in_english: object  # a story written in English, with no Indonesian version
    troops: object  # its lead proposition, about a quantity
    arms: object


def reader_story(editor) -> ReaderStory:
    """A story told in Indonesian, with everything its pages can show: propositions (the
    lead about a quantity, with English statements), a report, each party's denial and then
    its confirmation, estimates that rise, one relayed, one known only to its week, one
    undated, a draft, a claim on no proposition, and an edit in a claim's history. Data in
    Indonesian, as a newsroom's is (actor names without English words: data, not interface);
    and a story written in English, shown in English (lang="en") to every reader."""
    from timeline.editing import claim_update

    story = make_story(
        "Pasukan Korut di Rusia",
        slug="pasukan-korut",
        title_en="North Korean troops in Russia",
        dek="Siapa menuduh, siapa membantah, dan berapa jumlah pasukannya.",
        dek_en="Who alleged it, who denied it, and how many troops.",
        language="id",
        sides=[
            ["KP", "Korea Utara"],
            ["RU", "Rusia"],
            ["UA", "Ukraina"],
            ["US", "Amerika Serikat"],
        ],
    )
    troops = make_proposition(story, "Pasukan Korut berada di Rusia", slug="pasukan",
                              statement_en="North Korean troops are in Russia", is_lead=True,
                              is_quantity=True)  # fmt: skip
    arms = make_proposition(story, "Korut memasok senjata untuk Rusia", slug="senjata",
                            statement_en="North Korea supplies Russia with weapons")  # fmt: skip
    kp = make_actor("Pyongyang", country="KP", slug="pyongyang")
    kcna = make_actor("KCNA", country="KP", kind="state_media", slug="kcna")
    ru = make_actor("Kremlin", country="RU", slug="kremlin")
    peskov = make_actor("Dmitry Peskov", country="", kind="person", affiliation=ru, slug="peskov")
    ua = make_actor("Kyiv", country="UA", slug="kyiv")
    us = make_actor("Pentagon", country="US", slug="pentagon")
    kr = make_actor("Seoul", country="KR", slug="seoul")  # a side the story does not name

    kabar = make_outlet("Kabar Pantura")
    texts = {
        "laporan": ("Pasukan Korut sudah tiba di Rusia, kata Seoul.", date(2024, 10, 18), "week"),
        "bantah_ru": ("Kremlin membantah kabar itu, kata Peskov.", date(2024, 10, 24), "day"),
        "bantah_kp": ("Pyongyang menyebut kabar itu bohong, kata diplomat.", date(2024, 10, 1),
                      "month"),
        "us": ("Sekitar 10.000 tentara Korut ada di Rusia, kata Pentagon.", date(2024, 10, 30),
               "day"),
        "ua": ("Sekitar 12.000 hingga 14.000 tentara Korut bertempur, kata Kyiv.",
               date(2025, 1, 10), "day"),
        "akui_ru": ("Kremlin akhirnya mengakui kehadiran pasukan itu.", date(2025, 4, 26), "day"),
        "akui_kp": ("KCNA mengakui pasukan dikirim ke Kursk.", date(2025, 4, 28), "day"),
        "senjata": ("Peluru artileri Korut dikirim ke Rusia, kata Kyiv.", date(2024, 9, 1),
                    "month"),
        "lain": ("Warga berkumpul di alun-alun, kata saksi.", None, "day"),
        "draf": ("Pyongyang diam saja, kata pengamat.", date(2024, 11, 2), "day"),
    }  # fmt: skip
    articles = {
        key: make_article(body, title=body.split(",")[0], outlet=kabar, published_on=day)
        for key, (body, day, _) in texts.items()
    }
    for article in articles.values():
        story.articles.add(article)

    def claim(key, actor, kind, proposition, stance, **fields):
        body, day, precision = texts[key]
        return make_claim(articles[key], story=story, actor=actor, kind=kind, stated_on=day,
                          precision=precision, proposition=proposition, stance=stance,
                          stated_evidence=fields.pop("evidence", ""), **fields)  # fmt: skip

    c = {
        "laporan": claim("laporan", kr, "allegation", troops, "supports", via=kcna,
                         evidence="pekan lalu"),
        "bantah_ru": claim("bantah_ru", peskov, "denial", troops, "disputes",
                           evidence="Kamis (24/10)"),
        "bantah_kp": claim("bantah_kp", kp, "denial", troops, "disputes"),
        "us": claim("us", us, "troop_count", troops, "supports", number=10_000),
        "ua": claim("ua", ua, "troop_count", troops, "supports", number=12_000,
                    number_max=14_000),
        "akui_ru": claim("akui_ru", ru, "confirmation", troops, "supports"),
        "akui_kp": claim("akui_kp", kcna, "confirmation", troops, "supports",
                         note="Pengakuan resmi pertama Pyongyang."),
        "senjata": claim("senjata", ua, "allegation", arms, "supports"),
        "lain": claim("lain", kr, "other", None, ""),
        "draf": claim("draf", kp, "denial", troops, "disputes", status="draft"),
    }  # fmt: skip
    Claim.objects.filter(pk=c["lain"].pk).update(stated_on=None)
    claim_update(c["us"], editor=editor, expected_version=1,
                 note="Angka dari pejabat pertahanan.")  # fmt: skip

    # Its title is also the page's <title>, which cannot say its language: no English
    # function word there. Its dek has one (lang="en" tells the check).
    in_english = make_story("Tanjung Priok harbour strike", slug="harbour-strike", language="en",
                            dek="Who called the strike, who called it off.")  # fmt: skip
    return ReaderStory(story=story, claims=c, in_english=in_english, troops=troops, arms=arms)


@pytest.fixture
def site():
    kabar = make_outlet("Kabar Pantura")
    antara, _ = Outlet.objects.update_or_create(name="ANTARA", defaults={"is_wire": True})
    make_article(
        "Pasukan Korea Utara dikabarkan tiba di Kursk, kata pejabat Ukraina.",
        title="Pasukan Korut Tiba di Kursk",
        outlet=kabar,
        wire=antara,
        published_evidence="Rabu (30/10)",
    )
    make_article(
        "Kementerian membantah laporan pengiriman pasukan ke Rusia.",
        title="Kementerian Membantah Laporan Pengiriman Pasukan",
        published_on=date(2024, 10, 1),
        precision="month",
    )
    make_article(
        "Warga mengungsi setelah banjir rob merendam desa.",
        title="Banjir Rob Rendam Desa",
        outlet=kabar,
        published_latest=date(2024, 11, 1),  # 30 Oct – 1 Nov 2024
    )
    return Site(editor=make_user("redaktur", editor=True), reader=make_user("pembaca"))


PAGES: dict[str, tuple[Callable, str | None]] = {}


def page(name: str, *, user: str | None = None):
    """Register a page read in Indonesian: a function of (client, site) returning the
    response; `user` ("editor", "reader") is who is signed in, else no one."""

    def register(function):
        PAGES[name] = (function, user)
        return function

    return register


PASTED = (
    "Banjir Rob Rendam Tiga Desa di Pesisir Demak\n\n"
    "Demak (Kabar Pantura) - Banjir rob merendam tiga desa di pesisir Demak pada "
    "Rabu (30/10/2024) setelah tanggul laut jebol sepanjang 40 meter.\n\n"
    "Warga mengungsi ke balai desa. Petugas menambal tanggul dengan karung pasir.\n"
)


@page("the article list")
def _article_list(client, site):
    return client.get(reverse("articles:list"))


@page("a search that finds articles")
def _search(client, site):
    return client.get(reverse("articles:list"), {"q": "pasukan"})


@page("a search that finds nothing")
def _search_nothing(client, site):
    return client.get(reverse("articles:list"), {"q": "kapal selam"})


@page("a search too long")
def _search_too_long(client, site):
    return client.get(reverse("articles:list"), {"q": "kata " * 50})


@page("the article list, to an editor", user="editor")
def _article_list_for_an_editor(client, site):
    return client.get(reverse("articles:list"))


@page("the add page", user="editor")
def _add(client, site):
    return client.get(reverse("articles:add"))


@page("the add page with errors", user="editor")
def _add_with_errors(client, site):
    return client.post(reverse("articles:add"), {"text": " ", "url": "bukan alamat"})


@page("a pasted article's preview", user="editor")
def _paste_preview(client, site):
    return client.post(reverse("articles:add"), {"text": PASTED, "step": "preview"})


@page("a pasted text that cannot be stored", user="editor")
def _paste_refused(client, site):
    return client.post(
        reverse("articles:add"), {"text": "Bagikan:\n\nTinggalkan Balasan\n", "step": "preview"}
    )


@page("the upload preview", user="editor")
def _upload_preview(client, site):
    files = [
        SimpleUploadedFile("banjir.txt", PASTED.encode()),
        SimpleUploadedFile("catatan.pdf", b"%PDF-1.4"),
        SimpleUploadedFile("kosong.txt", b"  \n"),
    ]
    return client.post(reverse("articles:upload"), {"files": files, "step": "preview"})


@page("the login page")
def _login(client, site):
    return client.get(reverse("login"))


@page("a failed login")
def _login_failed(client, site):
    return client.post(reverse("login"), {"username": "pembaca", "password": "salah"})


@page("the login page to a reader sent from an editor's page", user="reader")
def _login_for_a_reader(client, site):
    return client.get(reverse("login"), {"next": reverse("articles:add")})


@page("the lockout page")
def _locked_out(client, site):
    for _ in range(settings.AXES_FAILURE_LIMIT):
        client.post(reverse("login"), {"username": "pembaca", "password": "salah"})
    return client.post(reverse("login"), {"username": "pembaca", "password": PASSWORD})


@page("the page while the database is away")
def _database_away(client, site):
    def away(self):
        raise OperationalError("connection refused")

    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(ArticleQuerySet, "with_outlet", away)
        return client.get(reverse("articles:list"))


@page("a page that does not exist")
def _not_found(client, site):
    return client.get("/halaman-yang-tidak-ada/")


@page("an editor's page, to a reader", user="reader")
def _forbidden(client, site):
    return client.get(reverse("articles:add"))


@page("a request the site cannot read")
def _bad_request(client, site):
    return client.get(reverse("articles:list"), headers={"Host": "bukan host"})


# The editor's pages -------------------------------------------------------------------------

DESK_TEXT = (
    "Pentagon memperkirakan sekitar 10.000 tentara Korea Utara telah tiba di Rusia, kata juru "
    "bicara Departemen Pertahanan AS pada Rabu (30/10/2024).\n\n"
    "Kementerian Luar Negeri Rusia membantah laporan pengiriman pasukan itu dan menyebutnya "
    "berita palsu.\n\n"
    "Menurut intelijen Korea Selatan, sebanyak 3.000 tentara tambahan akan menyusul bulan "
    "depan.\n\n"
    "Pyongyang juga dituduh memasok senjata dan amunisi ke Moskwa.\n\n"
    "Warga di perbatasan mengaku mendengar ledakan sepanjang malam.\n"
)
REINFORCEMENTS = "sebanyak 3.000 tentara tambahan akan menyusul bulan depan"


@dataclass
class Desk:
    """A story at work: its propositions, an article in it with claims (a draft count on a
    proposition, a reviewed denial relayed by an agency, one on no proposition, a deleted
    one) and sentences the rules suggest claims in."""

    story: object
    troops: object
    article: object
    draft: object
    denial: object
    untagged: object
    deleted: object
    pentagon: object


def newsroom_desk(site) -> Desk:
    if site.desk is not None:
        return site.desk
    story = make_story(
        "Pasukan Korut di Rusia",
        sides=[
            ["KP", "Korea Utara"],
            ["RU", "Rusia"],
            ["UA", "Ukraina"],
            ["US", "Amerika Serikat"],
        ],
        dek="Siapa menuduh, siapa membantah, berapa banyak pasukan.",
        published=False,
    )
    troops = make_proposition(
        story,
        "Pasukan Korea Utara berada di Rusia",
        statement_en="North Korean troops are in Russia",
        is_lead=True,
        is_quantity=True,
        cues=["pasukan", "tentara"],
    )
    make_proposition(story, "Korea Utara memasok senjata ke Rusia", cues=["senjata"])
    article = make_article(DESK_TEXT, title="Pentagon: 10.000 Tentara Korut Tiba di Rusia")
    story.articles.add(article)
    # An actor's name in English is data, like an article's text.
    pentagon = make_actor(
        "US Department of Defense", country="US", aliases=["Pentagon", "Departemen Pertahanan AS"]
    )
    russia = make_actor("Kementerian Luar Negeri Rusia", country="RU")
    kcna = make_actor("KCNA", country="KP", kind="state_media")
    korea = make_actor("Korea Utara", country="KP", aliases=["Pyongyang", "Korut"])
    draft = make_claim(
        article,
        quote="Pentagon memperkirakan sekitar 10.000 tentara Korea Utara telah tiba di Rusia",
        actor=pentagon,
        kind="troop_count",
        number=10000,
        proposition=troops,
        status="draft",
        note="Perkiraan pertama dari Amerika Serikat.",
    )
    denial = make_claim(
        article,
        quote="Kementerian Luar Negeri Rusia membantah laporan pengiriman pasukan itu",
        actor=russia,
        via=kcna,
        kind="denial",
        proposition=troops,
        stance="disputes",
    )
    untagged = make_claim(
        article,
        quote="Pyongyang juga dituduh memasok senjata dan amunisi ke Moskwa",
        actor=pentagon,
        kind="allegation",
        status="draft",
    )
    deleted = make_claim(
        article,
        quote="Warga di perbatasan mengaku mendengar ledakan sepanjang malam",
        actor=korea,
        kind="combat_report",
        deleted_at=timezone.now(),
    )
    site.desk = Desk(story, troops, article, draft, denial, untagged, deleted, pentagon)
    return site.desk


def claim_post(desk, **fields) -> dict:
    """A claim form's fields as an editor sends them (the quote pasted, no JavaScript)."""
    return {
        "article": desk.article.slug,
        "story": desk.story.slug,
        "quote": REINFORCEMENTS,
        "actor": desk.pentagon.pk,
        "kind": "troop_count",
        "number": "3.000",
        "stated_precision": "day",
        "event_precision": "day",
        "status": "draft",
        **fields,
    }


def edit_post(claim, **fields) -> dict:
    return {
        "article": claim.article.slug,
        "claim": claim.pk,
        "start": claim.start,
        "end": claim.end,
        "quote": claim.quote,
        "actor": claim.actor_id,
        "kind": claim.kind,
        "number": claim.number or "",
        "proposition": claim.proposition_id or "",
        "stance": claim.stance,
        "number_role": claim.number_role,
        "stated_on": claim.stated_on.isoformat(),
        "stated_precision": claim.stated_precision,
        "event_precision": claim.event_precision,
        "status": claim.status,
        "note": claim.note,
        "version": claim.version,
        **fields,
    }


@page("an article with its claims and the rules' suggestions, to an editor", user="editor")
def _article_to_an_editor(client, site):
    return client.get(newsroom_desk(site).article.get_absolute_url())


@page("a new claim from a selection, its tags suggested", user="editor")
def _claim_from_a_selection(client, site):
    desk = newsroom_desk(site)
    start = desk.article.body.index(REINFORCEMENTS)
    query = {
        "article": desk.article.slug,
        "story": desk.story.slug,
        "start": start,
        "end": start + len(REINFORCEMENTS),
        "quote": REINFORCEMENTS,
        "kind": "troop_count",
        "number": "3000",
    }
    return client.get(reverse("timeline:claim-create"), query)


@page("a new claim with errors", user="editor")
def _claim_with_errors(client, site):
    desk = newsroom_desk(site)
    data = claim_post(
        desk, proposition=desk.troops.pk, number="tiga ribu", event_on="2024-13-45", note="x" * 5001
    )
    return client.post(reverse("timeline:claim-create"), data)


@page("a claim's form", user="editor")
def _claim_edit(client, site):
    return client.get(reverse("timeline:claim-edit", args=[newsroom_desk(site).draft.pk]))


@page("a claim's form with errors", user="editor")
def _claim_edit_with_errors(client, site):
    claim = newsroom_desk(site).draft
    data = edit_post(claim, stance="", quote="", start="", end="", actor="")
    return client.post(reverse("timeline:claim-edit", args=[claim.pk]), data)


@page("the article page after a claim is saved", user="editor")
def _claim_saved(client, site):
    data = claim_post(newsroom_desk(site))
    return client.post(reverse("timeline:claim-create"), data, follow=True)


@page("a new proposition from the claim form, with an error", user="editor")
def _inline_proposition_with_errors(client, site):
    desk = newsroom_desk(site)
    url = reverse("timeline:proposition-create-inline", args=[desk.story.slug])
    data = claim_post(desk, **{"new-proposition-statement": " ", "new-proposition-cues": ""})
    return client.post(url, data)


@page("a claim's deletion asked", user="editor")
def _claim_delete(client, site):
    return client.get(reverse("timeline:claim-delete", args=[newsroom_desk(site).denial.pk]))


@page("a claim's restoring asked", user="editor")
def _claim_restore(client, site):
    return client.get(reverse("timeline:claim-restore", args=[newsroom_desk(site).deleted.pk]))


@page("the deleted claims", user="editor")
def _claims_deleted(client, site):
    newsroom_desk(site)
    return client.get(reverse("timeline:claims-deleted"))


@page("the new actor's form", user="editor")
def _actor_new(client, site):
    return client.get(reverse("timeline:actor-create"))


@page("the new actor's form with errors", user="editor")
def _actor_with_errors(client, site):
    data = {"new-actor-name": "Dewan Keamanan", "new-actor-kind": "international_body",
            "new-actor-country": "XX", "new-actor-aliases": "DK, " + "a" * 121}  # fmt: skip
    return client.post(reverse("timeline:actor-create"), data)


@page("an actor search", user="editor")
def _actor_search(client, site):
    newsroom_desk(site)
    return client.get(reverse("timeline:actor-search"), {"q": "Pentagon"})


@page("an actor search that finds nobody", user="editor")
def _actor_search_nothing(client, site):
    return client.get(reverse("timeline:actor-search"), {"q": "Dewan Keamanan"})


@page("a new story", user="editor")
def _story_new(client, site):
    return client.get(reverse("timeline:story-create"))


@page("a new story with errors", user="editor")
def _story_with_errors(client, site):
    data = {"title": "!!!", "language": "id", "sides": "KP Korea Utara\nXX Negeri Antah\nKP Korut"}
    return client.post(reverse("timeline:story-create"), data)


@page("a story's form and propositions", user="editor")
def _story_edit(client, site):
    return client.get(reverse("timeline:story-edit", args=[newsroom_desk(site).story.slug]))


@page("a new proposition of a story", user="editor")
def _proposition_new(client, site):
    slug = newsroom_desk(site).story.slug
    return client.get(reverse("timeline:story-proposition-create", args=[slug]))


@page("a proposition's form with errors", user="editor")
def _proposition_with_errors(client, site):
    desk = newsroom_desk(site)
    url = reverse("timeline:story-proposition-edit", args=[desk.story.slug, desk.troops.slug])
    data = {"statement": "Pasukan Korea Utara berada di Rusia", "slug": "", "order": "0",
            "is_lead": "", "cues": "a" * 61, "opened": "2024-01-01T00:00:00+00:00"}  # fmt: skip
    return client.post(url, data)


@page("a story's articles, and a search for more", user="editor")
def _story_articles(client, site):
    slug = newsroom_desk(site).story.slug
    return client.get(reverse("timeline:story-articles", args=[slug]), {"q": "pasukan"})


@page("an article that cannot leave its story", user="editor")
def _story_article_remove(client, site):
    desk = newsroom_desk(site)
    url = reverse("timeline:story-article-remove", args=[desk.story.slug, desk.article.slug])
    return client.get(url)


@page("the review queue", user="editor")
def _review_queue(client, site):
    return client.get(reverse("timeline:story-review", args=[newsroom_desk(site).story.slug]))


@page("the review queue after marking", user="editor")
def _review_queue_marked(client, site):
    desk = newsroom_desk(site)
    url = reverse("timeline:story-review", args=[desk.story.slug])
    ticked = [f"{desk.draft.pk}:{desk.draft.version}", f"{desk.untagged.pk}:9"]
    return client.post(url, {"claims": ticked}, follow=True)


def _story_page(client, site, **query):
    return client.get(site.story().story.get_absolute_url(), query)


@page("the list of stories")
def _stories(client, site):
    site.story()
    return client.get(reverse("timeline:stories"))


@page("the list of stories, to an editor", user="editor")
def _stories_for_an_editor(client, site):
    site.story()
    return client.get(reverse("timeline:stories"))


@page("a story's page: the story at a glance, the charts, the claims, the exports")
def _story(client, site):
    return _story_page(client, site)


@page("a story's page, to an editor (drafts, claims on no proposition)", user="editor")
def _story_for_an_editor(client, site):
    return _story_page(client, site)


@page("a story filtered by proposition")
def _story_by_proposition(client, site):
    return _story_page(client, site, proposition="senjata")


@page("a story filtered by side (its firsts are the side's)")
def _story_by_side(client, site):
    return _story_page(client, site, side="RU")


@page("a story filtered by kind and dates (firsts among these claims)")
def _story_by_kind_and_dates(client, site):
    return _story_page(
        client, site, kind="troop_count", **{"from": "2024-10-15", "to": "2025-12-31"}
    )


@page("a story filtered to nothing")
def _story_filtered_to_nothing(client, site):
    return _story_page(client, site, q="kapal selam")


@page("a story whose filters cannot be used")
def _story_with_filter_errors(client, site):
    return _story_page(client, site, **{"from": "2025-02-30", "to": "1800-01-01", "side": "ZZ"})


@page("a story whose dates are in the wrong order")
def _story_with_dates_reversed(client, site):
    return _story_page(client, site, **{"from": "2025-01-01", "to": "2024-01-01"})


@page("a story's page with many claims: counted by period, a page at a time")
def _story_with_many_claims(client, site):
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(timeline_page, "PAGE_SIZE", 3)
        patch.setattr(timeline_page, "CHART_DETAIL_LIMIT", 1)
        patch.setattr(timeline_page, "LANES_DETAIL_LIMIT", 1)
        return _story_page(client, site, page="2")


@page("a story written in English, with no propositions yet")
def _story_in_english(client, site):
    return client.get(site.story().in_english.get_absolute_url())


@page("a claim's page")
def _claim(client, site):
    return client.get(site.story().claims["ua"].get_absolute_url())


@page("a claim's page: relayed, known to its week, with its date's evidence")
def _claim_relayed(client, site):
    return client.get(site.story().claims["laporan"].get_absolute_url())


@page("a claim's page, to an editor", user="editor")
def _claim_for_an_editor(client, site):
    return client.get(site.story().claims["draf"].get_absolute_url())


@page("a claim's history")
def _claim_history(client, site):
    return client.get(reverse("timeline:claim-history", args=[site.story().claims["us"].pk]))


def indonesian_client(site, user: str | None) -> Client:
    client = Client(headers={"Accept-Language": "id-ID,id;q=0.9,en;q=0.5"})
    if user:
        client.force_login(getattr(site, user))
    return client


@pytest.mark.parametrize("name", PAGES)
def test_every_page_reads_in_indonesian(site, name):
    show, user = PAGES[name]
    response = show(indonesian_client(site, user), site)

    assert response.status_code < 500 or response.status_code == 503, name
    html = response.content.decode()
    assert '<html lang="id">' in html
    assert response["Content-Language"] == "id"
    pieces = without_data(visible_text(html, "id"), site_data())
    assert pieces, "the page shows nothing to read"
    assert untranslated_strings(pieces, read_catalogue()) == []
    assert english_words(pieces) == []


def test_the_checks_find_english_on_a_page_read_in_english(site):
    """The two checks above can fail: the same pages in English are full of both."""
    for name, (show, user) in PAGES.items():
        client = Client()
        if user:
            client.force_login(getattr(site, user))
        pieces = visible_text(show(client, site).content.decode(), "en")
        assert untranslated_strings(pieces, read_catalogue()), name
    assert english_words(["Log in to tag the claims"]) == ["Log in to tag the claims"]
    assert english_words(["Masuk untuk menandai klaim AS di 2000-an"]) == []


def test_the_loaders_report_line_is_in_the_editors_language(site):
    client = indonesian_client(site, "editor")
    response = _paste_preview(client, site)
    text = " ".join(visible_text(response.content.decode(), "id"))
    assert "dibuat     pasted text: “Banjir Rob Rendam Tiga Desa di Pesisir Demak”" in (
        response.content.decode()
    )
    assert "2024-10-30 hingga 2024-11-01 (disimpulkan dari teks, dari “Rabu (30/10/2024)”)" in text

    response = _upload_preview(client, site)
    text = " ".join(visible_text(response.content.decode(), "id"))
    assert "gagal      catatan.pdf: bukan berkas .txt atau .html" in response.content.decode()
    assert "gagal      kosong.txt: berkas kosong" in response.content.decode()
    assert "catatan.pdf tidak dapat disimpan: bukan berkas .txt atau .html" in text


def test_data_neither_blocks_the_checks_nor_hides_the_words_around_it():
    data = ["US Department of Defense", "AS"]
    assert english_words(["US Department of Defense"]) != []  # what the data would block
    assert english_words(without_data(["US Department of Defense (Pentagon)"], data)) == []
    # The interface's words beside a name are still read, and found when left in English.
    relayed = without_data(["Relayed by: US Department of Defense"], data)
    assert untranslated_strings(relayed, read_catalogue()) != []
    # A name is cut only where it stands as whole words: "AS" is not cut out of "PASUKAN".
    assert without_data(["PASUKAN AS"], data) == ["PASUKAN  "]


def test_the_editors_htmx_answers_read_in_indonesian_too(site):
    """What htmx swaps into an Indonesian page (the claim panel, the actor picked or added,
    the proposition added, the panel after a save) is in Indonesian: no page around it to
    check, so each fragment is read on its own."""
    desk = newsroom_desk(site)
    client = indonesian_client(site, "editor")
    htmx = {"HX-Request": "true"}
    start = desk.article.body.index(REINFORCEMENTS)
    panel = {"article": desk.article.slug, "story": desk.story.slug, "start": start,
             "end": start + len(REINFORCEMENTS), "quote": REINFORCEMENTS}  # fmt: skip
    inline = reverse("timeline:proposition-create-inline", args=[desk.story.slug])
    new_proposition = {"new-proposition-statement": "Korea Utara mengirim rudal ke Rusia"}
    new_actor = {"new-actor-name": "Dewan Keamanan", "new-actor-kind": "international_body"}
    fragments = {
        "the claim panel": client.get(reverse("timeline:claim-create"), panel, headers=htmx),
        "a claim's panel": client.get(
            reverse("timeline:claim-edit", args=[desk.draft.pk]), headers=htmx
        ),
        "the actors found": client.get(
            reverse("timeline:actor-search"), {"q": "Pentagon"}, headers=htmx
        ),
        "the actor added": client.post(reverse("timeline:actor-create"), new_actor, headers=htmx),
        "the proposition added": client.post(
            inline, claim_post(desk, **new_proposition), headers=htmx
        ),
        "the panel after a save": client.post(
            reverse("timeline:claim-create"), claim_post(desk), headers=htmx
        ),
        "the panel after a deletion": client.post(
            reverse("timeline:claim-delete", args=[desk.denial.pk]), headers=htmx
        ),
    }
    for name, response in fragments.items():
        assert response.status_code == 200, name
        assert "<html" not in response.content.decode(), name  # a fragment, not a page
        pieces = without_data(visible_text(response.content.decode(), "id"), site_data())
        assert pieces, name
        assert untranslated_strings(pieces, read_catalogue()) == [], name
        assert english_words(pieces) == [], name


def editor_text(response) -> str:
    return " ".join(visible_text(response.content.decode(), "id"))


def test_the_claim_forms_refusals_are_in_the_editors_language(site):
    client = indonesian_client(site, "editor")
    desk = newsroom_desk(site)
    count = Claim.objects.count()
    text = editor_text(_claim_with_errors(client, site))
    assert "Masukkan bilangan bulat, misalnya 10000 atau 10.000." in text
    assert "Masukkan tanggal yang benar, dengan urutan tahun-bulan-hari (misalnya 2024-10-30)." in (
        text
    )
    assert "Catatan paling banyak 5000 karakter (ini 5001)" in text
    assert Claim.objects.count() == count

    # The stance of a claim on a proposition, with the kind's usual one as a hint.
    response = client.post(
        reverse("timeline:claim-create"), claim_post(desk, proposition=desk.troops.pk)
    )
    assert (
        "Nyatakan apakah klaim ini mendukung atau membantah proposisinya: jumlah pasukan "
        "biasanya mendukung."
    ) in editor_text(response)
    assert Claim.objects.count() == count


def test_the_suggested_tags_say_so_in_the_editors_language(site):
    text = editor_text(_claim_from_a_selection(indonesian_client(site, "editor"), site))
    assert "Disarankan dari “tentara” di kalimatnya: periksa." in text
    assert "Disarankan: jumlah pasukan biasanya mendukung." in text
    text = editor_text(_article_to_an_editor(indonesian_client(site, "editor"), site))
    assert "Aturan: jumlah pasukan: '3.000 tentara'" in text
    assert "Disarankan: mendukung “Pasukan Korea Utara berada di Rusia”" in text


def test_an_indonesian_editor_types_numbers_and_the_articles_date_either_way(site):
    """The numbers the texts quote, 10.000 or 10,000, and the article's date as either
    language says it: an editor reading the page in Indonesian may paste an English text."""
    from articles.dates import ARTICLE_DATE

    desk = newsroom_desk(site)
    client = indonesian_client(site, "editor")
    for number, number_max, evidence in [
        ("10.000", "12,000", "tanggal artikel"),
        ("10,000", "12.000", "the article's date"),
    ]:
        Claim.objects.filter(quote=REINFORCEMENTS).delete()
        data = claim_post(
            desk, number=number, number_max=number_max, stated_on="2024-10-30",
            stated_evidence=evidence,
        )  # fmt: skip
        response = client.post(reverse("timeline:claim-create"), data, follow=True)
        claim = Claim.objects.get(quote=REINFORCEMENTS)
        assert (claim.number, claim.number_max, claim.stated_evidence) == (
            10000, 12000, ARTICLE_DATE
        )  # fmt: skip
        assert claim.stated_on == date(2024, 10, 30)
        assert "Klaim disimpan sebagai draf: US Department of Defense: Jumlah pasukan" in (
            editor_text(response)
        )
    # Shown again in the editor's language, the way it was stored.
    edit = client.get(reverse("timeline:claim-edit", args=[claim.pk])).content.decode()
    assert 'value="tanggal artikel"' in edit


def test_numbers_in_the_editors_messages_are_grouped_as_the_language_groups_them(site):
    data = {"title": "Banjir", "language": "id", "sides": "KP Korea Utara\n" * 334}
    url = reverse("timeline:story-create")
    indonesian = editor_text(indonesian_client(site, "editor").post(url, data))
    assert "Daftar pihak paling banyak 5.000 karakter; ini 5.010." in indonesian
    english = Client()
    english.force_login(site.editor)
    response = english.post(url, data)
    assert "The sides are at most 5,000 characters; these have 5,010." in response.content.decode()

    text = editor_text(_review_queue_marked(indonesian_client(site, "editor"), site))
    assert "1 klaim ditandai sudah ditinjau." in text
    untagged = newsroom_desk(site).untagged
    assert f"Tidak ditandai: klaim {untagged.pk}" in text
    assert "sistem mengubahnya sejak antrean ditampilkan (versi 9, sekarang 1)" in text


def test_the_history_keeps_its_reasons_in_english_whatever_the_editors_language(site):
    """A claim's and a story's history is stored once, for editors of every language."""
    desk = newsroom_desk(site)
    client = indonesian_client(site, "editor")
    client.post(reverse("timeline:claim-create"), claim_post(desk))
    claim = Claim.objects.get(quote=REINFORCEMENTS)
    assert claim.history.latest().history_change_reason == "tagged as troop count"
    url = reverse("timeline:claim-edit", args=[desk.draft.pk])
    client.post(url, edit_post(desk.draft, note="Dikoreksi."))
    assert desk.draft.history.latest().history_change_reason == "edited public note"

    story = desk.story
    data = {"title": "Pasukan Korea Utara di Rusia", "slug": story.slug, "language": "id",
            "sides": "KP Korea Utara\nRU Rusia\nUA Ukraina\nUS Amerika Serikat", "dek": story.dek,
            "opened": story.updated_at.isoformat()}  # fmt: skip
    response = client.post(reverse("timeline:story-edit", args=[story.slug]), data)
    assert response.status_code == 302
    assert story.history.latest().history_change_reason == "edited title"


# Choosing the language ------------------------------------------------------------------------


class Forms(HTMLParser):
    """The forms of a page as a browser without JavaScript submits them: each form's action,
    method and hidden fields, and its submit buttons' names and values."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.forms: list[dict] = []

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "form":
            form = {"action": attrs.get("action"), "method": attrs.get("method")}
            self.forms.append({**form, "fields": {}, "buttons": []})
        elif tag == "input" and self.forms and attrs.get("type") == "hidden":
            self.forms[-1]["fields"][attrs["name"]] = attrs.get("value", "")
        elif tag == "button" and self.forms and attrs.get("name"):
            self.forms[-1]["buttons"].append((attrs["name"], attrs.get("value", ""), attrs))


def language_switch(html: str) -> dict:
    """The switcher's form, with `next`: the page it goes back to (in its address)."""
    parser = Forms()
    parser.feed(html)
    (form,) = [f for f in parser.forms if urlsplit(f["action"]).path == reverse("set_language")]
    (form["next"],) = parse_qs(urlsplit(form["action"]).query)["next"]
    return form


def test_the_switcher_works_without_javascript_and_the_choice_is_remembered(site):
    client = Client(enforce_csrf_checks=True)  # a browser: the form's token, nothing else
    page = client.get(reverse("articles:list"), {"q": "pasukan"})
    assert '<html lang="en">' in page.content.decode()

    form = language_switch(page.content.decode())
    assert form["method"] == "post"
    assert form["next"] == reverse("articles:list") + "?q=pasukan"
    assert list(form["fields"]) == ["csrfmiddlewaretoken"]  # no second "next" on the page
    (button,) = form["buttons"]  # the one other language, named in its own language
    name, value, attrs = button
    assert (name, value, attrs.get("lang")) == ("language", "id", "id")
    assert page.content.decode().count(">Bahasa Indonesia</button>") == 1

    response = client.post(form["action"], {**form["fields"], name: value})

    assert response.status_code == 302
    assert response["Location"] == reverse("articles:list") + "?q=pasukan"
    page = client.get(response["Location"])
    html = page.content.decode()
    assert '<html lang="id">' in html
    assert "<h1>Artikel</h1>" in html
    # The choice outlasts the browser's own preference, on every page after.
    page = client.get(reverse("login"), headers={"Accept-Language": "en"})
    assert '<html lang="id">' in page.content.decode()

    (button,) = language_switch(page.content.decode())["buttons"]
    assert button[:2] == ("language", "en")
    back = language_switch(page.content.decode())
    client.post(back["action"], {**back["fields"], "language": "en"})
    assert '<html lang="en">' in client.get(reverse("login")).content.decode()


def test_the_switcher_refuses_a_post_without_its_csrf_token(site):
    client = Client(enforce_csrf_checks=True)
    response = client.post(reverse("set_language"), {"language": "id", "next": "/"})
    assert response.status_code == 403
    assert settings.LANGUAGE_COOKIE_NAME not in response.cookies


def test_the_switcher_on_a_page_that_answers_a_post_only_goes_back_to_one_a_get_opens(site):
    client = indonesian_client(site, "editor")
    form = language_switch(_upload_preview(client, site).content.decode())
    assert form["next"] == reverse("articles:add")
    assert client.get(form["next"]).status_code == 200


@pytest.mark.parametrize(
    "accept, lang",
    [
        ("", "en"),  # no preference: LANGUAGE_CODE
        ("id", "id"),
        ("id-ID,id;q=0.9,en-US;q=0.8", "id"),
        ("en-US,en;q=0.9,id;q=0.8", "en"),
        ("jv,id;q=0.8", "id"),  # Javanese first, then Indonesian: the first the site has
        ("fr-FR", "en"),
    ],
)
def test_the_language_is_the_first_the_browser_asks_for_that_the_site_has(site, accept, lang):
    response = Client(headers={"Accept-Language": accept}).get(reverse("login"))
    assert f'<html lang="{lang}">' in response.content.decode()
    assert response["Content-Language"] == lang


def settings_language(value: str) -> subprocess.CompletedProcess:
    env = {k: v for k, v in os.environ.items() if k != "DJANGO_LANGUAGE_CODE"}
    return subprocess.run(
        [sys.executable, "-c", "import django; django.setup(); from django.conf import "
         "settings; print(settings.LANGUAGE_CODE)"],
        cwd=settings.BASE_DIR,
        env={**env, "DJANGO_SETTINGS_MODULE": "config.settings", "DJANGO_LANGUAGE_CODE": value},
        capture_output=True,
        text=True,
        timeout=120,
    )  # fmt: skip


def test_a_newsroom_may_make_indonesian_the_default_and_nothing_else():
    result = settings_language("id")
    assert result.returncode == 0, result.stderr
    assert result.stdout.split()[-1] == "id"
    result = settings_language("ms")
    assert result.returncode != 0
    assert "DJANGO_LANGUAGE_CODE='ms' is not one of the site's languages: id, en." in result.stderr


def test_a_cache_keeps_each_language_apart(site):
    """The address of a page is the same in both languages: a shared cache must key it by
    the browser's language and by the switcher's cookie."""
    response = Client().get(reverse("articles:list"))
    vary = {header.strip().lower() for header in response["Vary"].split(",")}
    assert {"accept-language", "cookie"} <= vary


# The exports: data, the same for every reader -------------------------------------------------


@pytest.fixture
def story_claims():
    from tests.factories import make_actor, make_claim

    article = make_article(
        "Sekitar 10.000 tentara Korea Utara dikirim ke Rusia, kata Pentagon.",
        title="Pentagon: 10.000 Tentara Korut di Rusia",
        published_on=date(2025, 4, 21),
    )
    us = make_actor("United States", country="US")
    make_claim(
        article,
        quote="Sekitar 10.000 tentara Korea Utara dikirim ke Rusia",
        actor=us,
        kind="troop_count",
        number=10000,
        number_max=12000,
        precision="week",
    )
    make_claim(article, quote="kata Pentagon", actor=us, kind="allegation", precision="month")
    return article.stories.get()


@pytest.mark.parametrize(
    "export", ["timeline:export-csv", "timeline:export-json", "timeline:export-timelinejs"]
)
def test_an_export_is_the_same_bytes_in_every_language(story_claims, export):
    url = reverse(export, args=[story_claims.slug])
    english = Client().get(url)
    by_browser = Client(headers={"Accept-Language": "id"}).get(url)
    switched = Client()
    switched.cookies[settings.LANGUAGE_COOKIE_NAME] = "id"
    by_switch = switched.get(url)

    body = b"".join(english.streaming_content)
    assert english.status_code == by_browser.status_code == by_switch.status_code == 200
    assert b"".join(by_browser.streaming_content) == body
    assert b"".join(by_switch.streaming_content) == body
    if export.endswith("timelinejs"):
        # What would differ: "pekan 21 Apr 2025", "jumlah pasukan, 10.000–12.000".
        assert b"week of 21 Apr 2025" in body
        assert "troop count, 10,000–12,000".encode() in body
    if export.endswith("csv"):
        assert body.startswith(b"claim_id,stated_on,stated_precision,")
        assert b",2025-04-21,week," in body


def test_after_an_indonesian_export_the_page_is_indonesian_again(story_claims):
    """The export's neutral language ends with it: the reader's next page is in theirs."""
    client = Client(headers={"Accept-Language": "id"})
    response = client.get(reverse("timeline:export-timelinejs", args=[story_claims.slug]))
    b"".join(response.streaming_content)
    assert '<html lang="id">' in client.get(reverse("articles:list")).content.decode()


def test_the_switchers_way_back_is_escaped_and_stays_on_this_site(site):
    client = Client()
    page = client.get(reverse("articles:list"), {"q": '"><script>alert(1)</script>'})
    assert "<script>alert(1)" not in page.content.decode()
    form = language_switch(page.content.decode())
    assert (
        form["next"]
        == reverse("articles:list") + "?q=%22%3E%3Cscript%3Ealert%281%29%3C%2Fscript%3E"
    )

    token = client.cookies["csrftoken"].value
    response = client.post(
        reverse("set_language") + "?next=https://evil.example/",
        {"language": "id", "csrfmiddlewaretoken": token},
    )
    assert response.status_code == 302
    assert response["Location"] == "/"  # set_language goes nowhere but this site


def test_the_export_command_writes_the_same_whatever_the_default_language(story_claims):
    """`export_timeline` runs in LANGUAGE_CODE, which a newsroom may make Indonesian."""

    def run():
        out = io.StringIO()
        call_command(
            "export_timeline", "--story", story_claims.slug, "--format", "timelinejs",
            "--base-url", "http://testserver", stdout=out,
        )  # fmt: skip
        return out.getvalue()

    english = run()
    with translation.override("id"):
        assert run() == english
    assert "week of 21 Apr 2025" in english
    url = reverse("timeline:export-timelinejs", args=[story_claims.slug])
    page = Client(headers={"Accept-Language": "id"}).get(url)
    assert b"".join(page.streaming_content).decode() == english
