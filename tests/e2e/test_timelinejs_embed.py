"""A TimelineJS page on another origin loads the export from its URL, as every embed does
(Knight Lab's own included): Knight Lab's TimelineJS (npm's @knight-lab/timelinejs, installed
by `make test` into tests/e2e/timelinejs/node_modules), served by a second little web server
on another port, draws the story's events from /export/timelinejs.json on the live server."""

import functools
import re
import threading
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest
from playwright.sync_api import expect

from tests.e2e.conftest import assert_page_healthy
from timeline.models import Claim

TIMELINEJS = Path(__file__).parent / "timelinejs" / "node_modules" / "@knight-lab" / "timelinejs"
NO_TIMELINEJS = (
    "This test needs Knight Lab's TimelineJS from npm: run "
    "`npm ci --prefix tests/e2e/timelinejs` (make test does it)."
)
EMBED = """<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>An embed elsewhere</title>
<link rel="stylesheet" href="/timelinejs/css/timeline.css">
<script src="/timelinejs/js/timeline.js"></script></head>
<body><div id="timeline-embed" style="width: 100%; height: 600px"></div>
<script>window.timeline = new TL.Timeline("timeline-embed", "{url}");</script>
</body></html>
"""


class Quiet(SimpleHTTPRequestHandler):
    def log_message(self, format, *args):
        pass


@pytest.fixture
def other_origin(tmp_path):
    """A web server on another port of 127.0.0.1 (the live server is on localhost): another
    origin. It serves TimelineJS's built files and `embed.html` (written by the test)."""
    if not (TIMELINEJS / "dist" / "js" / "timeline.js").exists():
        pytest.fail(NO_TIMELINEJS, pytrace=False)
    (tmp_path / "timelinejs").symlink_to(TIMELINEJS / "dist")
    server = ThreadingHTTPServer(
        ("127.0.0.1", 0), functools.partial(Quiet, directory=str(tmp_path))
    )
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield tmp_path, f"http://127.0.0.1:{server.server_address[1]}"
    server.shutdown()
    server.server_close()


def test_a_timelinejs_page_on_another_origin_loads_the_export(
    page, story, live_server, other_origin
):
    folder, origin = other_origin
    export_url = f"{live_server.url}/export/timelinejs.json"
    (folder / "embed.html").write_text(EMBED.format(url=export_url), encoding="utf-8")
    assert not export_url.startswith(origin)
    # Only the two origins: nothing else is reached for (fonts, analytics, media).
    page.route(re.compile(r"^https?://(?!127\.0\.0\.1|localhost)"), lambda route: route.abort())
    export_requests = []
    page.on("request", lambda r: export_requests.append(r) if r.url == export_url else None)

    page.goto(f"{origin}/embed.html")

    # The title slide, then the story's events on the time navigation.
    slider = page.locator(".tl-storyslider")
    expect(slider).to_contain_text("Claims timeline")
    dated = Claim.objects.filter(status="reviewed", deleted_at=None, stated_on__isnull=False)
    expect(page.locator(".tl-timemarker")).to_have_count(dated.count())
    assert export_requests and export_requests[0].headers.get("origin") == origin

    # A reader of the embed moves on from the title: the first event's slide, with the
    # actor's claim and its quote, as the database has them.
    page.locator(".tl-slidenav-next").first.click()
    current = page.locator(".tl-slide:not([inert]):not(.tl-slide-titleslide)")
    expect(current).to_have_count(1)
    expect(current).to_be_in_viewport()
    first = Claim.objects.select_related("actor").get(
        pk=int(current.get_attribute("id").removeprefix("claim-"))
    )
    assert first in dated
    expect(current.locator(".tl-headline")).to_contain_text(first.actor.name)
    expect(current.locator("blockquote")).to_have_text(" ".join(first.quote.split()))

    # A confirmation of 28 April 2025 (North Korea's), reached as an embedder links to a slide.
    confirmations = dated.filter(kind="confirmation", stated_on="2025-04-28")
    claim = confirmations.select_related("actor").order_by("pk").first()
    assert claim is not None
    page.evaluate("id => window.timeline.goToId(id)", f"claim-{claim.pk}")
    slide = page.locator(f"#claim-{claim.pk}")
    expect(slide).not_to_have_attribute("inert", "true")
    expect(slide).to_be_in_viewport()
    expect(slide.locator(".tl-headline")).to_have_text(f"{claim.actor.name}: confirmation")
    expect(slide.locator("blockquote")).to_have_text(" ".join(claim.quote.split()))
    assert_page_healthy(page)
