"""export_timeline: the same output as the exports of the page, from the command line."""

import io
import json

import pytest
from django.core.management import CommandError, call_command

from tests.factories import default_story, make_article, make_claim, make_story
from tests.timeline.test_timeline_page import story

pytestmark = pytest.mark.django_db

# The exports of the story the factories put claims in (tests.factories.default_story).
CSV = "/stories/test-story/export.csv"
JSON = "/stories/test-story/export.json"
TIMELINEJS = "/stories/test-story/export/timelinejs.json"


def body(response) -> str:
    return b"".join(response.streaming_content).decode("utf-8")


def run(*args) -> str:
    out = io.StringIO()
    call_command("export_timeline", "--base-url", "http://testserver", *args, stdout=out)
    return out.getvalue()


def test_command_writes_the_same_csv_as_the_view(client):
    story()
    assert run() == body(client.get(CSV))
    assert run("--side", "UA", "--kind", "troop_count") == body(
        client.get(CSV + "?side=UA&kind=troop_count")
    )
    assert run("--from", "2024-10-30", "--to", "2024-11-05", "--q", "a") == body(
        client.get(CSV + "?from=2024-10-30&to=2024-11-05&q=a")
    )
    assert run("--actor", "united-states", "--outlet", "kabar-test", "--excel") == body(
        client.get(CSV + "?actor=united-states&outlet=kabar-test&excel=1")
    )


def test_command_writes_a_file(tmp_path, client):
    _, c = story()
    target = tmp_path / "claims.csv"
    err = io.StringIO()
    call_command(
        "export_timeline", "-o", str(target), "--base-url", "http://testserver", stderr=err
    )
    assert target.read_bytes().decode("utf-8") == body(client.get(CSV))
    assert b"\r\n" in target.read_bytes()  # CRLF kept, not translated
    assert "Wrote csv to" in err.getvalue()


def test_command_json_and_timelinejs_match_the_views(client):
    _, c = story()
    article = c["clash"].article.slug
    assert json.loads(run("--format", "json", "--article", article)) == json.loads(
        body(client.get(f"{JSON}?article={article}"))
    )
    assert json.loads(run("--format", "timelinejs")) == json.loads(body(client.get(TIMELINEJS)))


def test_command_default_links_point_at_the_development_server():
    story()
    out = io.StringIO()
    call_command("export_timeline", "--format", "json", stdout=out)
    assert json.loads(out.getvalue())["claims"][0]["claim_url"].startswith(
        "http://127.0.0.1:8000/claims/"
    )


def test_command_exports_drafts_only_when_asked():
    _, c = story()
    assert "Draf rahasia" not in run()
    assert "Draf rahasia" not in run("--status", "draft")
    assert "Draf rahasia" in run("--include-drafts")


@pytest.mark.parametrize(
    "args", [("--actor", "nobody"), ("--from", "2024-02-30"), ("--kind", "rumour")]
)
def test_command_rejects_invalid_filters(args):
    story()
    with pytest.raises(CommandError, match="Invalid filters"):
        run(*args)


# Which story: --story, else the first; a draft story only as editors see it.


def test_command_exports_the_first_story_unless_told_which(client):
    story()
    later = make_story("Gencatan senjata", slug="gencatan")
    make_claim(make_article("Hamas menerima, kata mereka."), quote="Hamas menerima", story=later)
    first = run()
    assert first == body(client.get(CSV))
    assert "Hamas menerima" not in first
    other = run("--story", "gencatan")
    assert other == body(client.get("/stories/gencatan/export.csv"))
    assert "Hamas menerima" in other and "Sebanyak 10.000" not in other
    data = json.loads(run("--story", "gencatan", "--format", "json"))
    assert data["story"]["slug"] == "gencatan"
    assert [row["quote"] for row in data["claims"]] == ["Hamas menerima"]


def test_a_draft_story_is_exported_only_with_include_drafts():
    default_story()
    draft = make_story("Cerita baru", slug="cerita-baru", published=False)
    make_claim(make_article("Kutipan rahasia, kata mereka."), quote="Kutipan rahasia", story=draft)
    with pytest.raises(CommandError, match="draft.*--include-drafts"):
        run("--story", "cerita-baru")
    assert "Kutipan rahasia" in run("--story", "cerita-baru", "--include-drafts")


def test_command_names_the_stories_when_asked_for_one_there_is_not():
    default_story()
    with pytest.raises(CommandError, match="no story “nope”.*test-story"):
        run("--story", "nope")


def test_command_says_there_is_no_story_yet():
    with pytest.raises(CommandError, match="no story yet"):
        run()
