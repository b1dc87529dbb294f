"""Hostile text in an article, an actor's name and a claim's note stays text everywhere:
every page (for a reader and for an editor), the SVG chart, the JSON and TimelineJS exports
(not executable), and the CSV (formulas neutralised)."""

import csv
import io
import json
import re
from datetime import date
from html.parser import HTMLParser

import pytest
from django.urls import reverse
from django.utils.html import escape

from tests.factories import (
    make_actor,
    make_article,
    make_claim,
    make_proposition,
    make_story,
    story_url,
)

pytestmark = pytest.mark.django_db

SCRIPT = "<script>alert(1)</script>"
IMG = '"><img src=x onerror=alert(1)>'
BRACES = "{{ 7*7 }}"
PAYLOAD = f"{SCRIPT} {IMG} {BRACES}"

FIRST = f"Korut membantah mengirim pasukan {SCRIPT} ke Rusia. {IMG} {BRACES} kata juru bicara"
FORMULA = '=HYPERLINK("http://evil.example/","klik") sebanyak 10.000 pasukan dikirim'
PLUS = "+1 -1 pasukan bentrok di Kursk"
BODY = f"{FIRST}.\n\n{FORMULA}, kata Pentagon.\n\n{PLUS}, kata KCNA."
FORMULA_START = tuple("=+-@\t\r")
NUMBER = re.compile(r"[-+]?\d+(\.\d+)?")


@pytest.fixture
def hostile():
    story = make_story(
        f"Cerita {PAYLOAD}", dek=PAYLOAD, sides=[["KP", PAYLOAD], ["US", "United States"]]
    )
    proposition = make_proposition(
        story, f"Pasukan {PAYLOAD}", parties=["KP"], is_lead=True, is_quantity=True
    )
    on = {"story": story, "proposition": proposition}
    article = make_article(BODY, title=f"Pasukan {PAYLOAD}", published_on=date(2024, 10, 30))
    actor = make_actor(PAYLOAD, country="KP", aliases=[PAYLOAD])
    formula_actor = make_actor("@SUM(1+1) " + SCRIPT, country="US")
    denial = make_claim(
        article, quote=FIRST, actor=actor, kind="denial", note=PAYLOAD, stance="disputes", **on
    )
    count = make_claim(
        article,
        quote=FORMULA,
        actor=formula_actor,
        kind="troop_count",
        number=10000,
        note="=1+1",
        **on,
    )
    combat = make_claim(article, quote=PLUS, actor=actor, kind="combat_report", note=PAYLOAD, **on)
    return {"article": article, "actor": actor, "claims": [denial, count, combat]}


class Tags(HTMLParser):
    """Every start tag with its attributes, and the text inside <script> elements."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.tags: list[tuple[str, dict]] = []
        self.scripts: list[str] = []
        self._in_script = False

    def handle_starttag(self, tag, attrs):
        self.tags.append((tag, dict(attrs)))
        self._in_script = tag == "script"

    def handle_endtag(self, tag):
        if tag == "script":
            self._in_script = False

    def handle_data(self, data):
        if self._in_script:
            self.scripts.append(data)


def assert_inert(html: str, where: str):
    assert SCRIPT not in html, f"raw <script> on {where}"
    assert "<img src=x" not in html, f"raw <img onerror> on {where}"
    tags = Tags()
    tags.feed(html)
    for tag, attrs in tags.tags:
        handlers = [name for name in attrs if name.startswith("on")]
        assert not handlers, f"<{tag} {handlers}> on {where}"
        assert not (tag == "img" and attrs.get("src") == "x"), f"injected <img> on {where}"
    for script in tags.scripts:
        assert "alert(" not in script, f"injected script on {where}"
    # The hostile text is there, shown as text (so the checks above looked at something).
    assert escape(SCRIPT) in html, f"the escaped <script> text is missing from {where}"
    # The braces reach the page as text: nothing evaluated them into 49.
    assert BRACES in html, f"the text with {BRACES} is missing from {where}"


def pages(hostile):
    article, actor = hostile["article"], hostile["actor"]
    denial, count, _ = hostile["claims"]
    timeline = story_url()
    return {
        "stories": reverse("timeline:stories"),
        "article list": reverse("articles:list"),
        "search results": reverse("articles:list") + "?q=pasukan",
        "article detail": article.get_absolute_url(),
        "timeline": timeline,
        "timeline filtered by actor": f"{timeline}?actor={actor.slug}",
        "timeline searched": f"{timeline}?q=pasukan",
        "claim permalink": reverse("timeline:claim", args=[denial.pk]),
        "claim permalink (count)": reverse("timeline:claim", args=[count.pk]),
        "claim history": reverse("timeline:claim-history", args=[denial.pk]),
    }


@pytest.mark.parametrize("who", ["reader", "editor"])
def test_every_page_renders_the_hostile_text_inert(client, editor, hostile, who):
    if who == "editor":
        client.force_login(editor)
    for where, url in pages(hostile).items():
        response = client.get(url)
        assert response.status_code == 200, f"{where}: {url}"
        assert_inert(response.content.decode(), f"{where} ({who})")


def test_the_editor_forms_render_the_hostile_text_inert(editor_client, hostile):
    denial = hostile["claims"][0]
    for where, url in {
        "claim form": reverse("timeline:claim-edit", args=[denial.pk]),
        "actor search": reverse("timeline:actor-search") + "?q=script",
    }.items():
        response = editor_client.get(url)
        assert response.status_code == 200, where
        html = response.content.decode()
        assert SCRIPT not in html, where
        assert "<img src=x" not in html, where


def test_the_svg_chart_labels_are_escaped(client, hostile):
    html = client.get(story_url()).content.decode()
    start = html.find("<svg")
    assert start != -1, "the timeline has no SVG chart"
    svg = html[start : html.rfind("</svg>") + len("</svg>")]
    assert SCRIPT not in svg
    assert "<img" not in svg
    assert "@SUM(1+1) &lt;script&gt;" in svg  # the actor's label is there, escaped


def content(response) -> bytes:
    return b"".join(response.streaming_content) if response.streaming else response.content


def all_strings(value):
    if isinstance(value, str):
        yield value
    elif isinstance(value, dict):
        for item in value.values():
            yield from all_strings(item)
    elif isinstance(value, list):
        for item in value:
            yield from all_strings(item)


def test_the_json_export_is_data_that_is_not_executed(client, hostile):
    response = client.get(story_url("timeline:export-json"))
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/json")
    assert response["X-Content-Type-Options"] == "nosniff"
    strings = list(all_strings(json.loads(content(response))))
    # Data stays data: the exact text, neither lost nor escaped twice.
    assert PAYLOAD in strings
    assert FIRST in strings


def test_the_timelinejs_export_carries_no_markup_from_the_text(client, hostile):
    response = client.get(story_url("timeline:export-timelinejs"))
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/json")
    data = json.loads(content(response))
    assert len(data["events"]) == 3
    # TimelineJS renders headline and text as HTML: the hostile text must arrive escaped.
    for text in all_strings(data):
        lowered = text.lower()
        assert "<script" not in lowered, text
        assert "<img" not in lowered, text
    shown = " ".join(all_strings(data))
    assert "&lt;script&gt;" in shown  # escaped, not dropped


def test_the_csv_export_neutralises_formulas(client, hostile):
    response = client.get(story_url("timeline:export-csv"))
    assert response.status_code == 200
    rows = list(csv.DictReader(io.StringIO(content(response).decode("utf-8-sig"))))
    assert len(rows) == 3
    for row in rows:
        for column, cell in row.items():
            if cell.startswith(FORMULA_START):
                # Only a plain number may start with - or +; anything else is a formula.
                assert NUMBER.fullmatch(cell), f"{column}: {cell!r} would run as a formula"
    cells = {cell for row in rows for cell in row.values()}
    assert any(cell.endswith(FORMULA) and cell != FORMULA for cell in cells)  # kept, defused
    assert any(cell.endswith("@SUM(1+1) " + SCRIPT) for cell in cells)
    assert any(cell.endswith(PLUS) and cell != PLUS for cell in cells)
