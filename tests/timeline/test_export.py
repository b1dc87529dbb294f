"""The exports: CSV, JSON and TimelineJS, streamed, the same rows as the page."""

import csv
import io
import json
from datetime import date

import psycopg
import pytest
from django.db import DatabaseError, connection
from django.http import StreamingHttpResponse
from django.test import Client
from django.utils import timezone
from django.utils.html import escape

from tests.factories import (
    default_story,
    make_actor,
    make_article,
    make_claim,
    make_proposition,
    make_story,
    make_user,
)
from tests.timeline.test_timeline_page import shown_ids, story
from timeline.export import (
    CSV_COLUMNS,
    EDITOR_COLUMNS,
    INCOMPLETE,
    TURNING_POINT_COLOUR,
    UNASSIGNED,
)
from timeline.models import Claim

pytestmark = pytest.mark.django_db

# The exports of the story the factories put claims in (tests.factories.default_story).
PAGE = "/stories/test-story/"
CSV = PAGE + "export.csv"
JSON = PAGE + "export.json"
TIMELINEJS = PAGE + "export/timelinejs.json"
EXPORTS = [CSV, JSON, TIMELINEJS]


def body(response) -> str:
    assert isinstance(response, StreamingHttpResponse)
    return b"".join(response.streaming_content).decode("utf-8")


def csv_rows(response) -> list[dict]:
    return list(csv.DictReader(io.StringIO(body(response), newline="")))


def test_csv_has_the_documented_columns_and_the_rows_of_the_page(client):
    story()
    page = client.get(PAGE + "?side=UA")
    response = client.get(CSV + "?side=UA")
    assert response.status_code == 200
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    rows = csv_rows(response)
    assert tuple(rows[0]) == CSV_COLUMNS
    assert [int(row["claim_id"]) for row in rows] == shown_ids(page.content.decode())
    everything = csv_rows(client.get(CSV))
    assert [int(row["claim_id"]) for row in everything] == shown_ids(
        client.get(PAGE).content.decode()
    )


def test_csv_values(client):
    _, c = story()
    rows = {int(r["claim_id"]): r for r in csv_rows(client.get(CSV))}
    austin = rows[c["us_10000"].pk]
    assert austin["stated_on"] == "2024-10-30"
    assert austin["stated_precision"] == "day"
    assert austin["actor"] == "Lloyd Austin"
    assert austin["actor_kind"] == "person"
    assert austin["actor_country"] == ""
    assert austin["affiliation"] == "US Department of Defense"
    assert austin["side"] == "US"
    assert austin["kind"] == "troop_count"
    assert (austin["number"], austin["number_max"]) == ("10000", "")
    assert austin["quote"] == "Sebanyak 10.000 tentara Korut"
    assert austin["outlet"] == "Kabar Test"
    assert austin["article_published_on"] == "2024-10-30"
    article = c["us_10000"].article
    assert austin["article_url"] == f"http://testserver/articles/{article.slug}/"
    assert austin["claim_url"] == f"http://testserver/claims/{c['us_10000'].pk}/"
    assert austin["status"] == "reviewed"
    assert austin["updated_at"].startswith(str(timezone.now().year))
    assert austin["updated_at"].endswith("+00:00")
    month = rows[c["nk_denial"].pk]
    assert (month["stated_on"], month["stated_precision"]) == ("2024-10-01", "month")
    assert rows[c["ua_14000"].pk]["number_max"] == "15000"
    assert rows[c["undated"].pk]["stated_on"] == ""


def test_csv_is_rfc_4180_with_crlf_and_a_dated_filename(client):
    story()
    response = client.get(CSV)
    text = body(client.get(CSV))
    assert text.startswith("claim_id,stated_on,")
    assert text.count("\r\n") == len(csv_rows(response)) + 1
    today = timezone.localdate().isoformat()
    assert response["Content-Disposition"] == (
        f'attachment; filename="test-story-{today}.csv"'  # named after the story
    )


def test_excel_gets_a_byte_order_mark(client):
    story()
    plain = client.get(CSV)
    excel = client.get(CSV + "?excel=1")
    assert not b"".join(plain.streaming_content).startswith(b"\xef\xbb\xbf")
    assert b"".join(excel.streaming_content).startswith(b"\xef\xbb\xbfclaim_id,")


@pytest.mark.parametrize(
    "value, cell",
    [
        ("=SUM(1)", "'=SUM(1)"),
        ("+1", "'+1"),
        ("-1", "'-1"),
        ("@x", "'@x"),
        ("\tx", "'\tx"),
        ("\rx", "'\rx"),
        ("a=b", "a=b"),
        ("Korut", "Korut"),
        ("'=1", "'=1"),  # already text: left as it is
        ("", ""),
    ],
)
def test_a_cell_a_spreadsheet_would_run_is_made_text(client, value, cell):
    make_claim(note=value)
    (row,) = csv_rows(client.get(CSV))
    assert row["note"] == cell


def test_number_columns_keep_numbers_text_columns_do_not(client):
    article = make_article("-1 kata mereka, lalu =1+1.")
    claim = make_claim(article, quote="-1", kind="troop_count", number=1000, note="=1+1")
    text = body(client.get(CSV))
    (row,) = csv.DictReader(io.StringIO(text, newline=""))
    assert (row["claim_id"], row["number"], row["number_max"]) == (str(claim.pk), "1000", "")
    assert (row["quote"], row["note"]) == ("'-1", "'=1+1")
    line = text.splitlines()[1]
    assert line.split(",")[0] == str(claim.pk)
    assert ",1000,,total,'-1,'=1+1," in line


@pytest.mark.parametrize("dangerous", ["=SUM(1)", "+1", "-1", "@x", "\tx", "\rx"])
def test_injection_through_the_csv_view(client, dangerous):
    article = make_article(f"{dangerous} adalah kutipan, kata mereka.", title=dangerous)
    actor = make_actor(dangerous, country="KP")
    claim = make_claim(article, quote=dangerous, actor=actor, kind="troop_count", number=1000)
    claim.note = dangerous
    claim.save()
    (row,) = csv_rows(client.get(CSV))
    for column in ("quote", "actor", "article_title", "note"):
        assert row[column] == "'" + dangerous
    assert row["number"] == "1000"
    assert row["claim_id"] == str(claim.pk)


def tagged_story():
    """story(), each of its claims put on a proposition as an editor would: the troops
    (denials dispute it, the rest support it) and the clash on the fighting; the G7's, the
    claim of "2024" and the undated one on none yet."""
    a, c = story()
    home = default_story()
    troops = home.propositions.filter(slug="troops").first() or make_proposition(
        home,
        "Pasukan Korut di Rusia",
        slug="troops",
        statement_en="North Korean troops are in Russia",
        is_quantity=True,
        is_lead=True,
    )
    fighting = make_proposition(home, "Pasukan Korut bertempur", slug="fighting")
    for name, claim in c.items():
        if name in ("g7", "year", "undated"):
            on, stance = None, ""
        else:
            on = fighting if name == "clash" else troops
            stance = "disputes" if claim.kind == "denial" else "supports"
        Claim.objects.filter(pk=claim.pk).update(proposition=on, stance=stance)
    return a, c, {"troops": troops, "fighting": fighting}


def test_csv_says_which_proposition_each_claim_is_on_its_stance_and_what_it_counts(client):
    _, c, _ = tagged_story()
    c["ua_14000"].number_role = "part"
    c["ua_14000"].save()
    rows = {int(r["claim_id"]): r for r in csv_rows(client.get(CSV))}
    denial = rows[c["nk_denial"].pk]
    assert (denial["proposition"], denial["stance"], denial["number_role"]) == (
        "troops",
        "disputes",
        "",
    )
    count = rows[c["us_10000"].pk]
    assert (count["proposition"], count["stance"], count["number_role"]) == (
        "troops",
        "supports",
        "total",
    )
    assert rows[c["ua_14000"].pk]["number_role"] == "part"
    assert rows[c["clash"].pk]["proposition"] == "fighting"
    untagged = rows[c["g7"].pk]
    assert (untagged["proposition"], untagged["stance"]) == ("", "")
    claims = {r["claim_id"]: r for r in json.loads(body(client.get(JSON)))["claims"]}
    assert claims[c["us_10000"].pk]["proposition"] == "troops"
    assert claims[c["us_10000"].pk]["number_role"] == "total"
    assert (claims[c["g7"].pk]["proposition"], claims[c["g7"].pk]["stance"]) == (None, None)
    assert claims[c["g7"].pk]["number_role"] is None


def test_a_proposition_slug_is_neutralised_in_the_csv_too(client):
    # A slug may start with a hyphen: a spreadsheet would read "-2-..." as a formula.
    proposition = make_proposition(slug="-2-troops")
    make_claim(proposition=proposition, stance="disputes")
    (row,) = csv_rows(client.get(CSV))
    assert row["proposition"] == "'-2-troops"
    (claim,) = json.loads(body(client.get(JSON)))["claims"]
    assert claim["proposition"] == "-2-troops"  # JSON is data, not a spreadsheet


def test_json_has_the_same_rows_and_the_turning_points(client):
    _, c, _ = tagged_story()
    csv_ids = [int(r["claim_id"]) for r in csv_rows(client.get(CSV + "?kind=troop_count"))]
    response = client.get(JSON + "?kind=troop_count")
    assert response["Content-Type"] == "application/json; charset=utf-8"
    data = json.loads(body(response))
    assert list(data) == ["story", "propositions", "turning_points", "claims"]
    assert [row["claim_id"] for row in data["claims"]] == csv_ids
    assert set(data["claims"][0]) == set(CSV_COLUMNS)
    first = data["claims"][0]
    assert first["number"] == 10000 and first["number_max"] is None  # typed, not text
    points = data["turning_points"]
    assert {p["claim_id"] for p in points} <= set(csv_ids)  # of the claims exported
    assert {p["proposition"] for p in points} == {"troops"}
    dates = [p["stated_on"] for p in points]
    assert dates == sorted(dates)  # one time line, oldest first
    (austin,) = (p for p in points if p["claim_id"] == c["us_10000"].pk and p["type"] == "estimate")
    assert austin["claim_url"] == f"http://testserver/claims/{c['us_10000'].pk}/"
    (ukraine,) = (p for p in points if p["claim_id"] == c["ua_14000"].pk)
    assert ukraine["sentence"].startswith("28 Apr 2025: ")
    assert "14,000–15,000" in ukraine["sentence"]


def test_json_carries_the_story_and_its_propositions(client):
    _, c, _ = tagged_story()
    story_row = default_story()
    story_row.title_en, story_row.dek = "Test story in English", "Siapa bilang apa, kapan."
    story_row.save()
    data = json.loads(body(client.get(JSON)))
    assert data["story"] == {
        "slug": "test-story",
        "title": "Test story",
        "title_en": "Test story in English",
        "dek": "Siapa bilang apa, kapan.",
        "dek_en": None,
        "language": story_row.language,
        "sides": [{"code": code, "name": name} for code, name in story_row.sides],
        "published": True,
        "url": "http://testserver/stories/test-story/",
    }
    propositions = {p["proposition"]: p for p in data["propositions"]}
    troops = propositions["troops"]
    assert troops["statement"] == "Pasukan Korut di Rusia"
    assert troops["statement_en"] == "North Korean troops are in Russia"
    assert troops["parties"] == ["KP", "RU"]
    assert troops["is_quantity"] is True and troops["is_lead"] is True
    # Confirmed by Russia on 26 April 2025, which the history ends with.
    assert troops["status"] == "confirmed"
    assert troops["status_history"][-1]["status"] == "confirmed"
    assert troops["status_history"][-1]["claim_id"] == c["ru_confirm"].pk
    assert "turning_points" not in troops  # listed once, at the top, each naming its own
    named = {p["proposition"] for p in data["turning_points"]}
    assert named <= set(propositions) and "troops" in named


def test_json_of_nothing_is_still_json(client):
    default_story()
    data = json.loads(body(client.get(JSON)))
    assert data["story"]["slug"] == "test-story"
    assert (data["propositions"], data["turning_points"], data["claims"]) == ([], [], [])
    timeline = json.loads(body(client.get(TIMELINEJS)))
    assert timeline["events"] == []


def test_timelinejs_shape(client):
    _, c, propositions = tagged_story()
    troops = propositions["troops"]
    story_row = default_story()
    story_row.dek = "Siapa bilang apa, kapan: <b>semua</b>."
    story_row.save()
    response = client.get(TIMELINEJS)
    assert response.status_code == 200
    data = json.loads(body(response))
    assert set(data) == {"title", "events"}
    assert data["title"]["text"] == {
        "headline": "Test story",
        "text": "<p>Siapa bilang apa, kapan: &lt;b&gt;semua&lt;/b&gt;.</p>",
    }
    events = {e["unique_id"]: e for e in data["events"]}
    assert f"claim-{c['undated'].pk}" not in events  # TimelineJS needs a date
    assert len(events) == len(c) - 2  # neither the draft nor the undated claim
    day = events[f"claim-{c['kr_10000'].pk}"]
    assert day["start_date"] == {"year": 2024, "month": 10, "day": 31}
    assert day["group"] == escape(troops.statement)  # one row per proposition
    assert day["text"]["headline"].endswith("South Korea: troop count, 10,000")
    assert "<blockquote>Sekitar 10.000 tentara</blockquote>" in day["text"]["text"]
    month = events[f"claim-{c['nk_denial'].pk}"]
    assert month["start_date"] == {"year": 2024, "month": 10, "display_date": "Oct 2024"}
    year = events[f"claim-{c['year'].pk}"]
    assert year["start_date"] == {"year": 2024, "display_date": "2024"}
    assert events[f"claim-{c['clash'].pk}"]["group"] == "Pasukan Korut bertempur"
    assert events[f"claim-{c['g7'].pk}"]["group"] == UNASSIGNED


def test_timelinejs_turning_points_stand_out(client):
    _, c, _ = tagged_story()
    points = json.loads(body(client.get(JSON)))["turning_points"]
    events = json.loads(body(client.get(TIMELINEJS)))["events"]
    marked = {p["claim_id"] for p in points}
    assert c["us_10000"].pk in marked and c["g7"].pk not in marked
    for event in events:
        pk = int(event["unique_id"].removeprefix("claim-"))
        turned = event["text"]["headline"].startswith("Turning point: ")
        assert turned == (pk in marked)
        assert (event.get("background") == {"color": TURNING_POINT_COLOUR}) == turned
    austin = next(e for e in events if e["unique_id"] == f"claim-{c['us_10000'].pk}")
    assert austin["text"]["headline"] == "Turning point: Lloyd Austin: troop count, 10,000"
    how = "".join(
        f"<p><strong>{escape(p['text'])}</strong></p>"
        for p in points
        if p["claim_id"] == c["us_10000"].pk
    )
    assert austin["text"]["text"].startswith(how + "<blockquote>")


def test_timelinejs_of_a_draft_story_says_so_on_its_title(editor_client):
    draft = make_story("Cerita baru", slug="cerita-baru", published=False)
    make_claim(story=draft)
    data = json.loads(body(editor_client.get("/stories/cerita-baru/export/timelinejs.json")))
    assert data["title"]["text"]["headline"] == "Cerita baru (draft)"


def timelinejs_events(client) -> dict:
    data = json.loads(body(client.get(TIMELINEJS)))
    return {int(e["unique_id"].removeprefix("claim-")): e for e in data["events"]}


def test_timelinejs_marks_turning_points_and_groups_by_proposition_escaped(client):
    pasukan = make_proposition(default_story(), "Pasukan <ada>", slug="p", parties=["RU"])
    peskov = make_actor("Dmitry <Peskov>", country="RU")
    article = make_article("Cerita palsu, kata Peskov. Cerita lain, kata dia.", outlet=None)
    denial = make_claim(article, quote="Cerita palsu", actor=peskov, proposition=pasukan,
                        stance="disputes")  # fmt: skip
    plain = make_claim(article, quote="Cerita lain", actor=peskov)
    (point,) = json.loads(body(client.get(JSON)))["turning_points"]
    assert point["claim_id"] == denial.pk and "<Peskov>" in point["text"]
    events = timelinejs_events(client)
    turned, other = events[denial.pk], events[plain.pk]
    assert turned["text"]["headline"] == "Turning point: Dmitry &lt;Peskov&gt;: denial"
    assert turned["text"]["text"].startswith(f"<p><strong>{escape(point['text'])}</strong></p>")
    assert "&lt;Peskov&gt;" in turned["text"]["text"]
    assert turned["background"] == {"color": TURNING_POINT_COLOUR}
    assert turned["group"] == "Pasukan &lt;ada&gt;"  # TimelineJS shows a group as HTML
    assert other["text"]["headline"] == "Dmitry &lt;Peskov&gt;: denial"
    assert "background" not in other and "<strong>" not in other["text"]["text"]
    assert other["group"] == UNASSIGNED


def test_timelinejs_dates_at_each_precision(client):
    week = make_claim(stated_on=date(2025, 4, 14), precision="week")
    day = make_claim(stated_on=date(2025, 4, 28), precision="day")
    events = timelinejs_events(client)
    assert events[week.pk]["start_date"] == {
        "year": 2025,
        "month": 4,
        "day": 14,
        "display_date": "week of 14 Apr 2025",
    }
    assert events[day.pk]["start_date"] == {"year": 2025, "month": 4, "day": 28}


def test_timelinejs_escapes_html_in_quotes_and_names(client):
    article = make_article('<script>alert("x")</script> & co, kata mereka.', slug="a")
    kim = make_actor("<b>Kim</b>")
    claim = make_claim(article, quote='<script>alert("x")</script> & co', actor=kim,
                       kind="confirmation")  # fmt: skip
    event = timelinejs_events(client)[claim.pk]
    assert "<script>" not in event["text"]["text"]
    assert "&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp; co" in event["text"]["text"]
    assert event["text"]["headline"] == "&lt;b&gt;Kim&lt;/b&gt;: confirmation"
    assert f'href="http://testserver/articles/a/#claim-{claim.pk}"' in event["text"]["text"]


@pytest.mark.parametrize("url", [CSV, JSON, TIMELINEJS])
def test_anonymous_exports_hold_no_drafts_or_deleted_claims(client, url):
    _, c = story()
    deleted = c["clash"]
    deleted.deleted_at = timezone.now()
    deleted.save()
    text = body(client.get(url))
    assert "Draf rahasia" not in text  # the draft's quote
    assert "Bentrok pertama" not in text  # the deleted claim's quote
    assert "Sebanyak 10.000" in text
    text = body(client.get(url + "?status=draft"))
    assert "Draf rahasia" not in text


def test_editors_export_drafts_marked_as_drafts(editor_client):
    _, c = story()
    rows = {int(r["claim_id"]): r for r in csv_rows(editor_client.get(CSV))}
    assert rows[c["draft"].pk]["status"] == "draft"
    assert rows[c["us_10000"].pk]["status"] == "reviewed"


def test_exports_carry_unicode_unchanged(client):
    article = make_article("“Pasukan Korut” — kata Kim, sekitar 14.000.", title="Ünïcode “title”")
    make_claim(article, quote="“Pasukan Korut” — kata Kim")
    (row,) = csv_rows(client.get(CSV))
    assert row["quote"] == "“Pasukan Korut” — kata Kim"
    assert row["article_title"] == "Ünïcode “title”"
    data = json.loads(body(client.get(JSON)))
    assert data["claims"][0]["quote"] == "“Pasukan Korut” — kata Kim"


def test_every_csv_column_is_documented_in_order():
    from timeline import export

    documented = [
        line.split()[0]
        for line in export.__doc__.splitlines()
        if line.startswith("    ") and not line.startswith("     ")
    ]
    assert documented == [*CSV_COLUMNS, *export.EDITOR_COLUMNS]


def test_the_internal_note_is_in_editors_exports_only(client):
    claim = make_claim(note="seen by all", internal_note="only editors")
    for url in (CSV, JSON, TIMELINEJS):
        text = body(client.get(url))
        assert "seen by all" in text or url.endswith("timelinejs.json")
        assert "only editors" not in text and "internal_note" not in text
    client.force_login(make_user("editor", editor=True))
    rows = csv_rows(client.get(CSV))
    assert tuple(rows[0]) == (*CSV_COLUMNS, *EDITOR_COLUMNS)
    assert (int(rows[0]["claim_id"]), rows[0]["internal_note"]) == (claim.pk, "only editors")
    claims = json.loads(body(client.get(JSON)))["claims"]
    assert claims[0]["internal_note"] == "only editors"


def terminate_backend(pid):
    """End one PostgreSQL backend from a second connection, as a database restart or
    failover ends every connection (the server itself keeps running)."""
    params = connection.get_connection_params()
    params.pop("cursor_factory", None)
    with psycopg.connect(**params, autocommit=True) as other:
        other.execute("SELECT pg_terminate_backend(%s)", [pid])


@pytest.mark.parametrize("url", [CSV, JSON, TIMELINEJS])
def test_an_export_cut_by_the_database_ends_in_an_error_not_a_short_file(client, url):
    story()
    response = client.get(url)
    assert response.status_code == 200  # sent before the first claim is read
    with connection.cursor() as cursor:
        cursor.execute("SELECT pg_backend_pid()")
        (pid,) = cursor.fetchone()
    chunks = iter(response.streaming_content)
    received = [next(chunks)]  # the CSV header, the JSON opening
    terminate_backend(pid)
    with pytest.raises(DatabaseError):  # the server aborts the transfer: the client sees it
        received.extend(chunks)
    connection.close()  # the test's own transaction went with the backend
    text = b"".join(received).decode()
    assert text.splitlines()[-1].startswith(INCOMPLETE)  # a saved partial file says so
    if "json" in url:
        with pytest.raises(json.JSONDecodeError):
            json.loads(text)


@pytest.mark.parametrize("url", [CSV, JSON, TIMELINEJS])
def test_a_complete_export_has_no_marker(client, url):
    story()
    text = body(client.get(url))
    assert INCOMPLETE not in text
    assert text.endswith("\r\n" if url.endswith(".csv") else "]}\n")


# Editors' downloads say that they hold drafts: in the link, the file name and a column.


def exports_paragraph(html: str) -> str:
    start = html.index('class="tl-exports"')
    return " ".join(html[start : html.index("</p>", start)].split())


def test_an_editors_export_links_say_they_include_drafts(editor_client):
    story()
    editor = exports_paragraph(editor_client.get(PAGE).content.decode())
    assert "Download all 13 claims, 1 of them a draft:" in editor
    assert ">CSV with drafts</a>" in editor
    assert ">JSON with drafts</a>" in editor and ">TimelineJS with drafts</a>" in editor
    reviewed = exports_paragraph(editor_client.get(PAGE + "?status=reviewed").content.decode())
    assert "draft" not in reviewed
    reader = exports_paragraph(Client().get(PAGE).content.decode())
    assert "draft" not in reader and "Download all 12 claims:" in reader


@pytest.mark.parametrize(
    "url, extension",
    [
        (CSV, "csv"),
        (JSON, "json"),
        (TIMELINEJS, "timelinejs.json"),
    ],
)
def test_an_editors_file_with_drafts_is_named_so(editor_client, url, extension):
    story()
    today = timezone.localdate().isoformat()
    with_drafts = editor_client.get(url)["Content-Disposition"]
    assert with_drafts.endswith(f'filename="test-story-{today}-with-drafts.{extension}"')
    reviewed = editor_client.get(url + "?status=reviewed")["Content-Disposition"]
    assert reviewed.endswith(f'filename="test-story-{today}.{extension}"')
    reader = Client().get(url)["Content-Disposition"]
    assert reader.endswith(f'filename="test-story-{today}.{extension}"')


def test_a_draft_says_so_in_every_export(editor_client):
    _, c = story()
    rows = {int(r["claim_id"]): r for r in csv_rows(editor_client.get(CSV))}
    assert rows[c["draft"].pk]["status"] == "draft"
    claims = json.loads(body(editor_client.get(JSON)))["claims"]
    assert {r["claim_id"]: r["status"] for r in claims}[c["draft"].pk] == "draft"
    events = json.loads(body(editor_client.get(TIMELINEJS)))["events"]
    headlines = {e["unique_id"]: e["text"]["headline"] for e in events}
    assert headlines[f"claim-{c['draft'].pk}"] == "North Korea: denial (draft)"
    assert "draft" not in headlines[f"claim-{c['nk_denial'].pk}"]


# Cross-origin reading (issue: TimelineJS could not load the export from its URL, so no embed
# worked): the exports allow any origin to GET and HEAD them, as a reader; pages and writes
# do not.

ELSEWHERE = {"Origin": "https://cdn.knightlab.com"}


@pytest.mark.parametrize("url", EXPORTS)
def test_exports_may_be_read_from_another_origin(client, url):
    story()
    response = client.get(url, headers=ELSEWHERE)
    assert response.status_code == 200
    assert response["Access-Control-Allow-Origin"] == "*"
    assert "Access-Control-Allow-Credentials" not in response
    assert "Origin" in response["Vary"]
    assert "Sebanyak 10.000" in body(response)
    assert client.get(url)["Access-Control-Allow-Origin"] == "*"  # no Origin: the same


@pytest.mark.parametrize("url", EXPORTS)
def test_head_on_an_export_answers_200_with_the_headers_of_get(client, url):
    story()
    get, head = client.get(url, headers=ELSEWHERE), client.head(url, headers=ELSEWHERE)
    assert head.status_code == 200
    for header in ("Content-Type", "Content-Disposition", "Access-Control-Allow-Origin"):
        assert head[header] == get[header], header
    assert b"".join(head.streaming_content) == b""


@pytest.mark.parametrize("url", EXPORTS)
def test_another_origin_reads_a_readers_export_even_with_an_editors_cookie(editor_client, url):
    """Cross-origin credentials are never honoured: the page of another site that an editor
    visits gets reviewed claims only, and the editor's own response (drafts) is not open."""
    _, c = story()
    own = editor_client.get(url)
    assert "Draf rahasia" in body(own)
    assert "Access-Control-Allow-Origin" not in own
    elsewhere = editor_client.get(url, headers={"Origin": "http://127.0.0.1:9999"})
    assert elsewhere["Access-Control-Allow-Origin"] == "*"
    assert "Draf rahasia" not in body(elsewhere)
    assert "with-drafts" not in elsewhere["Content-Disposition"]
    same_origin = editor_client.get(url, headers={"Origin": "http://testserver"})
    assert "Draf rahasia" in body(same_origin)


def test_pages_and_writes_are_not_open_to_other_origins(editor_client):
    _, c = story()
    claim = c["us_10000"]
    pages = ["/", PAGE, "/articles/", claim.article.get_absolute_url(), claim.get_absolute_url()]
    for url in pages:
        assert "Access-Control-Allow-Origin" not in Client().get(url, headers=ELSEWHERE), url
    write = editor_client.post(f"/claims/{claim.pk}/delete/", headers=ELSEWHERE)
    assert "Access-Control-Allow-Origin" not in write
    for url in EXPORTS:
        refused = Client().post(url, headers=ELSEWHERE)
        assert refused.status_code in (403, 405)  # CSRF or the method: never a write
        assert "Access-Control-Allow-Origin" not in refused


# Stories: each has its exports, of its own claims; a draft story's are its editors' only.


@pytest.mark.parametrize("url", EXPORTS)
def test_a_storys_exports_hold_its_claims_only(client, url):
    make_claim(make_article("Korut membantah, kata mereka."), quote="Korut membantah")
    other = make_story("Gencatan senjata", slug="gencatan")
    make_claim(make_article("Hamas menerima, kata mereka."), quote="Hamas menerima", story=other)
    ours = body(client.get(url))
    assert "Korut membantah" in ours and "Hamas menerima" not in ours
    theirs = body(client.get(url.replace("test-story", "gencatan")))
    assert "Hamas menerima" in theirs and "Korut membantah" not in theirs
    assert client.get(url.replace("test-story", "no-such-story")).status_code == 404


@pytest.mark.parametrize("url", EXPORTS)
def test_a_draft_storys_exports_are_for_its_editors_only(client, url):
    draft = make_story("Cerita baru", slug="cerita-baru", published=False)
    make_claim(make_article("Kutipan rahasia, kata mereka."), quote="Kutipan rahasia", story=draft)
    url = url.replace("test-story", "cerita-baru")
    assert client.get(url).status_code == 404
    client.force_login(make_user("editor", editor=True))
    own = client.get(url)
    assert own.status_code == 200 and "Kutipan rahasia" in body(own)
    today = timezone.localdate().isoformat()
    assert f'filename="cerita-baru-{today}-with-drafts.' in own["Content-Disposition"]
    assert "Access-Control-Allow-Origin" not in own
    # Another site's page the editor visits reads as a reader: nothing there.
    elsewhere = client.get(url, headers=ELSEWHERE)
    assert elsewhere.status_code == 404
    assert "Kutipan rahasia" not in elsewhere.content.decode()


@pytest.mark.parametrize(
    "old, new",
    [("/export.csv", CSV), ("/export.json", JSON), ("/export/timelinejs.json", TIMELINEJS)],
)
def test_the_first_cuts_export_addresses_go_to_the_first_storys_for_good(client, old, new):
    default_story()
    make_story("A later story", slug="later")
    response = client.get(old + "?side=UA&kind=denial&excel=1")
    assert response.status_code == 301  # permanent: shared links and feeds follow it
    assert response["Location"] == new + "?side=UA&kind=denial&excel=1"


def test_a_claim_in_an_article_dated_by_a_range_exports_both_ends_of_it(client):
    korut = make_actor("North Korea")
    ranged = make_article(published_on=date(2024, 10, 30), published_latest=date(2024, 11, 1))
    make_claim(ranged, quote="Korut membantah", actor=korut)
    one_day = make_article(published_on=date(2024, 11, 6))
    make_claim(one_day, quote="Korut membantah", actor=korut)

    rows = csv_rows(client.get(CSV))

    assert sorted((r["article_published_on"], r["article_published_latest"]) for r in rows) == [
        ("2024-10-30", "2024-11-01"),
        ("2024-11-06", ""),
    ]
