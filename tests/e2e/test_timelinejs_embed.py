"""A TimelineJS page on another origin loads the export from its URL, as every embed does
(Knight Lab's own included): Knight Lab's TimelineJS (npm's @knight-lab/timelinejs, installed
by `make test` into tests/e2e/timelinejs/node_modules), served by a second little web server
on another port, draws the story's events from /stories/<slug>/export/timelinejs.json on the live
server: its title and dek first, its turning points on coloured slides."""

import functools
import re
import threading
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest
from playwright.sync_api import expect

from tests.e2e.conftest import assert_page_healthy
from timeline.models import Claim, Story

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
    seed = Story.objects.get()
    export_url = f"{live_server.url}{seed.get_absolute_url()}export/timelinejs.json"
    (folder / "embed.html").write_text(EMBED.format(url=export_url), encoding="utf-8")
    assert not export_url.startswith(origin)
    # Only the two origins: nothing else is reached for (fonts, analytics, media).
    page.route(re.compile(r"^https?://(?!127\.0\.0\.1|localhost)"), lambda route: route.abort())
    export_requests = []
    page.on("request", lambda r: export_requests.append(r) if r.url == export_url else None)

    page.goto(f"{origin}/embed.html")

    # The title slide, the story's title and dek, then its events on the time navigation.
    title = page.locator(".tl-slide-titleslide")
    expect(title.locator(".tl-headline")).to_have_text(seed.title)
    expect(title).to_contain_text(seed.dek)
    dated = seed.claims.filter(status="reviewed", deleted_at=None, stated_on__isnull=False)
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

    # A turning point, North Korea's confirmation of 28 April 2025, reached as an embedder
    # links to a slide: it stands out, on a coloured slide that says it is one.
    data = page.request.get(export_url).json()  # what TimelineJS read
    marked = {e["unique_id"] for e in data["events"] if "background" in e}
    confirmations = dated.filter(kind="confirmation", stated_on="2025-04-28", actor__side="KP")
    claim = next(c for c in confirmations.select_related("actor") if f"claim-{c.pk}" in marked)
    page.evaluate("id => window.timeline.goToId(id)", f"claim-{claim.pk}")
    slide = page.locator(f"#claim-{claim.pk}")
    expect(slide).not_to_have_attribute("inert", "true")
    expect(slide).to_be_in_viewport()
    expect(slide).to_have_class(re.compile(r"\btl-full-color-background\b"))
    expect(slide.locator(".tl-headline")).to_have_text(
        f"Turning point: {claim.actor.name}: confirmation"
    )
    expect(slide.locator("blockquote")).to_have_text(" ".join(claim.quote.split()))
    # An event that is no turning point keeps the plain slide.
    plain = next(c for c in dated.order_by("pk") if f"claim-{c.pk}" not in marked)
    page.evaluate("id => window.timeline.goToId(id)", f"claim-{plain.pk}")
    expect(page.locator(f"#claim-{plain.pk}")).not_to_have_class(
        re.compile(r"\btl-full-color-background\b")
    )
    assert_page_healthy(page)
