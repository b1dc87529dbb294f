"""export_timeline: the same output as the exports of the page, from the command line."""

import io
import json

import pytest
from django.core.management import CommandError, call_command

from tests.timeline.test_timeline_page import story

pytestmark = pytest.mark.django_db


def body(response) -> str:
    return b"".join(response.streaming_content).decode("utf-8")


def run(*args) -> str:
    out = io.StringIO()
    call_command("export_timeline", "--base-url", "http://testserver", *args, stdout=out)
    return out.getvalue()


def test_command_writes_the_same_csv_as_the_view(client):
    story()
    assert run() == body(client.get("/export.csv"))
    assert run("--side", "UA", "--kind", "troop_count") == body(
        client.get("/export.csv?side=UA&kind=troop_count")
    )
    assert run("--from", "2024-10-30", "--to", "2024-11-05", "--q", "a") == body(
        client.get("/export.csv?from=2024-10-30&to=2024-11-05&q=a")
    )
    assert run("--actor", "united-states", "--outlet", "kabar-test", "--excel") == body(
        client.get("/export.csv?actor=united-states&outlet=kabar-test&excel=1")
    )


def test_command_writes_a_file(tmp_path, client):
    _, c = story()
    target = tmp_path / "claims.csv"
    err = io.StringIO()
    call_command(
        "export_timeline", "-o", str(target), "--base-url", "http://testserver", stderr=err
    )
    assert target.read_bytes().decode("utf-8") == body(client.get("/export.csv"))
    assert b"\r\n" in target.read_bytes()  # CRLF kept, not translated
    assert "Wrote csv to" in err.getvalue()


def test_command_json_and_timelinejs_match_the_views(client):
    _, c = story()
    article = c["clash"].article.slug
    assert json.loads(run("--format", "json", "--article", article)) == json.loads(
        body(client.get(f"/export.json?article={article}"))
    )
    assert json.loads(run("--format", "timelinejs")) == json.loads(
        body(client.get("/export/timelinejs.json"))
    )


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
