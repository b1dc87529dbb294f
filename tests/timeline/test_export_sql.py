"""The exports PostgreSQL makes (timeline.export_sql, COPY) are, byte for byte, the ones the
Python encoder made a row at a time before (tests/timeline/export_oracle.py): on the seed
story and on made-up claims full of text that breaks naive CSV, JSON and HTML, for readers
and editors, filtered as the page filters."""

import json
import random
from datetime import UTC, date, datetime, timedelta

import pytest
from django.test import Client

from tests.factories import default_story, make_article, make_outlet, make_proposition, make_user
from tests.timeline import export_oracle
from timeline import export_sql
from timeline.export import Links, export_chunks
from timeline.filters import ActorDirectory, filtered_claims
from timeline.models import Actor, Claim, Story
from timeline.vocabulary import COUNT_KINDS, KINDS, NUMBER_ROLES

pytestmark = pytest.mark.django_db

FORMATS = ["csv", "json", "timelinejs"]


def exports(story, data, fmt, *, editor, bom=False, base="http://testserver"):
    """The export `fmt` of `story`'s claims filtered by `data`, as a reader (reviewed claims)
    or an editor (drafts too, and the internal note) gets it: (the SQL one, the oracle's)."""
    actors = ActorDirectory.load()
    visible = Claim.objects.visible(include_drafts=editor).filter(story=story)
    form, claims = filtered_claims(data, visible, actors, story)
    assert not form.errors, form.errors
    arcs = claims.story_arcs(story, actors.story_actors(), form.scope())
    links = Links(base)
    options = {"story": story, "arcs": arcs, "bom": bom, "internal": editor}
    new = b"".join(export_chunks(fmt, claims, links, **options))
    old = "".join(export_oracle.export_chunks(fmt, claims, actors, links, **options))
    return new.decode("utf-8"), old


SEED_FILTERS = [
    {},
    {"side": "KP"},
    {"proposition": "troops-in-russia", "stance": "disputes"},
    {"kind": "troop_count"},
    {"from": "2024-10-01", "to": "2024-11-30"},
    {"actor": "russia"},
    {"q": "pasukan"},
]


@pytest.mark.parametrize("fmt", FORMATS)
@pytest.mark.parametrize("editor", [False, True], ids=["reader", "editor"])
def test_the_seed_storys_exports_are_the_python_encoders_byte_for_byte(seeded, fmt, editor):
    story = Story.objects.get(slug="north-korean-troops-in-russia")
    Claim.objects.filter(story=story, kind="denial").update(internal_note="Cek lagi, “KCNA”.")
    Claim.objects.filter(story=story, kind="other").update(status="draft")
    for data in SEED_FILTERS:
        new, old = exports(story, data, fmt, editor=editor)
        assert new == old, data
        assert "/claims/" in new, data  # claims, not two empty files


def test_the_byte_order_mark_and_a_base_url_are_the_same_too(seeded):
    story = Story.objects.get(slug="north-korean-troops-in-russia")
    new, old = exports(story, {}, "csv", editor=False, bom=True, base="https://example.org/")
    assert new == old and new.startswith("\ufeffclaim_id,")
    assert "https://example.org/claims/" in new


# Made-up claims: every text a claim, its actor, article or proposition can hold that a
# naive CSV, JSON or HTML writer gets wrong (quotes, separators, line breaks, formulas,
# backslashes, COPY's own markers, control characters, characters from beyond the BMP).
HOSTILE = [
    "=SUM(A1)",
    "+62 21 555",
    "-1",
    "@here",
    "\tindented",
    "\rreturned",
    "a, b, c",
    'kata "resmi" Korut',
    "dua\nbaris",
    "windows\r\nbaris",
    "\\",
    "back\\slash \\N \\. \\\\ \\n",
    "\\.",
    "tab\tdi tengah",
    "“Pasukan Korut” — ünïcode 朝鮮 🚀",
    "<b>&amp;</b> 'kutip' \"ganda\" <script>x</script>",
    " spasi di depan",
    "spasi di belakang ",
    "kontrol \x01\x08\x0b\x0c\x1f\x7f",
    "pemisah \u2028\u2029 baris",
    "'",
    '"',
    ",",
    "Korut",
]
NUMBERS = [None, 0, 1, 999, 1000, 14000, 10**15, 9223372036854775807]
PRECISIONS = ["day", "week", "month", "year"]


def hostile_story(seed: int = 13, claims: int = 240) -> Story:
    """A story of `claims` claims whose every text is one of HOSTILE (with a number, so that
    names stay unique), of every kind, stance, role, precision and status, dated from the
    calendar's first year to its last, some undated, some deleted."""
    pick = random.Random(seed)

    def text(i, *, empty=True) -> str:
        value = pick.choice(HOSTILE)
        if empty and pick.random() < 0.15:
            return ""
        return f"{value} {i}" if pick.random() < 0.5 else f"{i} {value}"

    story = default_story()
    story.dek = HOSTILE[15]
    story.save()
    propositions = [
        make_proposition(story, f"{HOSTILE[i]} pernyataan", slug=slug, is_quantity=i == 0)
        for i, slug in [(0, "-2-troops"), (15, "=arms"), (9, "plain")]
    ]
    bodies = [
        Actor.objects.create(name=f"{text(i, empty=False)} body", slug=f"body-{i}", country=code)
        for i, code in enumerate(["KP", "RU", "", "US"])
    ]
    actors = bodies + [
        Actor.objects.create(
            name=f"{text(i, empty=False)} aktor",
            slug=f"aktor-{i}",
            country=pick.choice(["", "KP", "RU", "UA", "US", "KR"]),
            kind=pick.choice(["person", "government", "state_media", "other"]),
            affiliation=pick.choice([None, *bodies]),
        )
        for i in range(12)
    ]
    outlets = [None] + [make_outlet(f"{text(i, empty=False)} outlet") for i in range(4)]
    articles = []
    for i in range(8):
        published = pick.choice([None, date(2024, 10, 30), date(1, 1, 1)])
        ranged = published == date(2024, 10, 30) and i % 2  # a range of days
        articles.append(
            make_article(
                "Korut membantah, kata juru bicara.",
                title=text(i, empty=False),
                outlet=pick.choice(outlets),
                published_on=published,
                precision="day" if ranged else pick.choice(PRECISIONS),
                published_latest=date(2024, 11, 2) if ranged else None,
                slug=f"artikel-{i}" if i % 3 else f'artikel-&-"{i}"-<x>',
            )
        )
    story.articles.add(*articles)
    kinds = [kind for kind, _ in KINDS]
    rows = []
    for i in range(claims):
        kind = kinds[i % len(kinds)]
        proposition = pick.choice([None, *propositions])
        number = pick.choice(NUMBERS) if kind in COUNT_KINDS else None
        number_max = None
        if number is not None and number < 10**15 and pick.random() < 0.4:
            number_max = number + pick.choice([0, 1, 1000])
        precision = pick.choice(PRECISIONS)
        stated_on = pick.choice(
            [None, date(1, 1, 1), date(9999, 12, 27), date(2024, 10, 1) + timedelta(days=i)]
        )
        rows.append(
            Claim(
                story=story,
                article=pick.choice(articles),
                start=0,
                end=5,
                quote=text(i, empty=False) if i % 17 else "",
                actor=pick.choice(actors),
                via=pick.choice([None, None, *bodies]),
                kind=kind,
                proposition=proposition,
                stance=pick.choice(["supports", "disputes", "neither"]) if proposition else "",
                number=number,
                number_max=number_max,
                number_role=pick.choice([role for role, _ in NUMBER_ROLES])
                if kind in COUNT_KINDS
                else "",
                stated_on=stated_on,
                stated_precision=precision,
                event_on=pick.choice([None, date(2024, 10, 28)]),
                note=text(i),
                internal_note=text(i),
                status=pick.choice(["reviewed", "reviewed", "draft"]),
                deleted_at=datetime(2025, 1, 1, tzinfo=UTC) if i % 29 == 28 else None,
            )
        )
    Claim.objects.bulk_create(rows)
    # A time with microseconds, which ISO 8601 to the second cuts (never rounds).
    Claim.objects.filter(story=story).update(
        updated_at=datetime(2025, 4, 28, 23, 59, 59, 999999, tzinfo=UTC)
    )
    return story


HOSTILE_FILTERS = [
    {},
    {"side": "KP"},
    {"proposition": "-2-troops"},
    {"proposition": "=arms", "stance": "disputes"},
    {"kind": "troop_count"},
    {"from": "2024-10-05", "to": "2024-12-31"},
    {"actor": "body-0"},
    {"q": "Korut"},
    {"status": "draft"},
]


@pytest.mark.parametrize("fmt", FORMATS)
@pytest.mark.parametrize("editor", [False, True], ids=["reader", "editor"])
def test_hostile_text_is_exported_as_the_python_encoders_did_byte_for_byte(fmt, editor):
    story = hostile_story()
    for data in HOSTILE_FILTERS:
        if data.get("status") and not editor:
            continue  # readers see no drafts: nothing to compare
        new, old = exports(story, data, fmt, editor=editor)
        assert new == old, data
    everything, _ = exports(story, {}, fmt, editor=editor)
    assert everything.count("claim") > 100  # the made-up claims are in it


def test_many_blocks_join_as_one_file(monkeypatch):
    """Blocks of a few rows each, so that the rows of one export cross many blocks: the
    file is the same as in one block."""
    story = hostile_story(seed=7, claims=120)
    whole = {fmt: exports(story, {}, fmt, editor=True) for fmt in FORMATS}
    monkeypatch.setattr(export_sql, "BLOCK_BYTES", 300)
    for fmt in FORMATS:
        new, old = exports(story, {}, fmt, editor=True)
        assert new == old == whole[fmt][0], fmt


@pytest.mark.parametrize("fmt", FORMATS)
def test_the_view_sends_what_the_export_makes(client, fmt):
    story = hostile_story(seed=3, claims=60)
    client.force_login(make_user("editor", editor=True))
    address = {"csv": "export.csv", "json": "export.json", "timelinejs": "export/timelinejs.json"}
    response = client.get(f"/stories/{story.slug}/{address[fmt]}?side=KP")
    sent = b"".join(response.streaming_content).decode("utf-8")
    assert sent == exports(story, {"side": "KP"}, fmt, editor=True)[1]


def test_the_blocks_are_large(client):
    """Many rows per chunk sent: not one chunk per row."""
    hostile_story(seed=5, claims=400)
    response = client.get("/stories/test-story/export.csv")
    chunks = list(response.streaming_content)
    rows = sum(chunk.count(b"\r\n") for chunk in chunks)
    assert len(chunks) <= 4 and rows > 300  # header, one block, maybe a second


def test_a_filter_that_keeps_nothing_is_an_empty_export():
    story = hostile_story(seed=1, claims=20)
    for fmt in FORMATS:
        new, old = exports(story, {"q": "tidak ada kata ini"}, fmt, editor=True)
        assert new == old
    assert json.loads(exports(story, {"q": "tidak ada"}, "json", editor=False)[0])["claims"] == []
    assert Client().get("/stories/test-story/export.csv?q=tidak+ada").status_code == 200
