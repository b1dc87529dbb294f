"""Browser fixtures: Debian's Chromium driven by Playwright against pytest-django's live_server.

Every test here fails (never skips) when no Chromium is installed, with a message saying how
to get one. When a test fails, a screenshot and the HTML of each page it opened are saved
under test-artifacts/ and their paths printed with the failure.
"""

import json
import os
import re
import shutil
from pathlib import Path

import pytest
from django.core.management import call_command
from django.test import Client
from playwright.sync_api import Error as PlaywrightError
from playwright.sync_api import expect, sync_playwright

from tests.conftest import SEEDS
from tests.factories import PASSWORD, make_user
from timeline.seed import DEFAULT_STORY

ROOT = Path(__file__).resolve().parents[2]
ARTIFACTS = ROOT / "test-artifacts"
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
NO_CHROMIUM = (
    "The browser tests need Chromium, and none was found on PATH (looked for `chromium` and "
    "`chromium-browser`). Install Debian's package: `sudo apt-get install chromium` (or run "
    "`make browser` as root), then run the tests again. `playwright install` is not used here."
)
expect.set_options(timeout=10_000)
# The seed story's timeline, where the first cut's "/" was.
STORY = "/stories/{}/".format(
    json.loads(DEFAULT_STORY.read_text(encoding="utf-8"))["story"]["slug"]
)


def chromium_path() -> str | None:
    return shutil.which("chromium") or shutil.which("chromium-browser")


def pytest_collection_modifyitems(items):
    here = Path(__file__).parent
    for item in items:
        if here in Path(item.fspath).parents:
            item.add_marker(pytest.mark.e2e)


@pytest.fixture(scope="module")
def browser():
    """Chromium, for one test module. While it runs, Playwright's sync API keeps an event loop
    running in this thread, and the tests' own database work (fixtures, assertions on rows)
    happens in it too: Django refuses that unless DJANGO_ALLOW_ASYNC_UNSAFE is set. It is set
    for the life of the browser only, so that the rest of the suite keeps Django's check."""
    path = chromium_path()
    if path is None:
        pytest.fail(NO_CHROMIUM, pytrace=False)
    previous = os.environ.get("DJANGO_ALLOW_ASYNC_UNSAFE")
    os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"
    try:
        with sync_playwright() as playwright:
            browser = playwright.chromium.launch(executable_path=path, args=CHROMIUM_ARGS)
            yield browser
            browser.close()
    finally:
        if previous is None:
            del os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"]
        else:
            os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = previous


class PageLog:
    """What a page complained about: uncaught errors and Content-Security-Policy refusals."""

    def __init__(self, page):
        self.errors: list[str] = []
        page.on("pageerror", lambda error: self.errors.append(f"uncaught: {error}"))
        page.on("console", self._console)
        page.on("dialog", self._dialog)

    def _console(self, message):
        if message.type == "error" and "Content Security Policy" in message.text:
            self.errors.append(f"CSP: {message.text}")

    def _dialog(self, dialog):
        # An alert() from the page means some text was executed: always a bug here.
        self.errors.append(f"dialog ({dialog.type}): {dialog.message}")
        dialog.dismiss()


@pytest.fixture
def new_page(browser, live_server, request):
    """Make a page in a fresh browser context (its own cookies): new_page(**context_options).
    Each page gets `page.log` (a PageLog)."""
    contexts, pages = [], []
    request.node.e2e_pages = pages

    def make(**options):
        context = browser.new_context(base_url=live_server.url, **options)
        context.set_default_timeout(10_000)
        contexts.append(context)
        page = context.new_page()
        page.log = PageLog(page)
        pages.append(page)
        return page

    yield make
    for context in contexts:
        context.close()


@pytest.fixture
def page(new_page):
    return new_page()


def assert_page_healthy(page):
    """No uncaught script error, no CSP refusal, no dialog on this page so far."""
    assert page.log.errors == [], "\n".join(page.log.errors)


@pytest.fixture
def story(live_server):
    """The seed articles and the seed story, loaded into the live server's database."""
    with open(os.devnull, "w") as quiet:
        call_command("load_articles", str(SEEDS), verbosity=0, stdout=quiet)
        call_command("load_story", verbosity=0, stdout=quiet)


@pytest.fixture
def articles(live_server):
    """Only the seed articles (no claims)."""
    with open(os.devnull, "w") as quiet:
        call_command("load_articles", str(SEEDS), verbosity=0, stdout=quiet)


@pytest.fixture
def editor_user(live_server):
    return make_user("editor", editor=True)


@pytest.fixture
def reader_user(live_server):
    return make_user("reader")


def log_in(page, username, password=PASSWORD):
    """Log in through the login form, as a person would."""
    page.goto("/accounts/login/")
    page.get_by_label(re.compile(r"user ?name", re.I)).fill(username)
    page.get_by_label(re.compile(r"^password", re.I)).fill(password)
    page.get_by_role("button", name=re.compile("log ?in|sign ?in", re.I)).click()
    expect(page.get_by_role("button", name=re.compile("log ?out", re.I))).to_be_visible()


def sign_in(page, user, live_server):
    """Give the page's context a logged-in session without going through the form."""
    client = Client()
    client.force_login(user)
    page.context.add_cookies(
        [{"name": "sessionid", "value": client.cookies["sessionid"].value, "url": live_server.url}]
    )


def select_text(page, text, *, within="[data-annotate]"):
    """Select `text` in the article with the mouse, as an editor does: press at the start of
    its first character, drag to the end of its last, release."""
    box = page.evaluate(
        """([selector, text]) => {
            const root = document.querySelector(selector);
            const walker = document.createTreeWalker(root, NodeFilter.SHOW_TEXT);
            let node;
            while ((node = walker.nextNode())) {
                const at = node.data.indexOf(text);
                if (at === -1) continue;
                const first = document.createRange();
                first.setStart(node, at); first.setEnd(node, at + 1);
                const last = document.createRange();
                last.setStart(node, at + text.length - 1); last.setEnd(node, at + text.length);
                first.startContainer.parentElement.scrollIntoView({block: "center"});
                const a = first.getClientRects()[0], b = last.getClientRects()[0];
                return {x1: a.left + 1, y1: (a.top + a.bottom) / 2,
                        x2: b.right - 1, y2: (b.top + b.bottom) / 2};
            }
            return null;
        }""",
        [within, text],
    )
    assert box is not None, f"{text!r} is not one piece of text in {within}"
    page.mouse.move(box["x1"], box["y1"])
    page.mouse.down()
    page.mouse.move((box["x1"] + box["x2"]) / 2, (box["y1"] + box["y2"]) / 2, steps=5)
    page.mouse.move(box["x2"], box["y2"], steps=5)
    page.mouse.up()
    return page.evaluate("window.getSelection().toString()")


@pytest.hookimpl(wrapper=True, tryfirst=True)
def pytest_runtest_makereport(item, call):
    report = yield
    pages = getattr(item, "e2e_pages", None)
    if report.failed and report.when in ("setup", "call") and pages:
        ARTIFACTS.mkdir(exist_ok=True)
        stem = re.sub(r"[^\w.-]+", "_", item.nodeid).strip("_")
        lines = []
        for number, page in enumerate(pages, start=1):
            base = ARTIFACTS / f"{stem}-page{number}"
            try:
                if page.is_closed():
                    continue
                page.screenshot(path=f"{base}.png", full_page=True)
                Path(f"{base}.html").write_text(page.content(), encoding="utf-8")
                lines.append(f"page {number} ({page.url}): {base}.png {base}.html")
            except PlaywrightError as error:
                lines.append(f"page {number}: could not save it ({error})")
        if lines:
            report.sections.append(("e2e artifacts", "\n".join(lines)))
            reporter = item.config.pluginmanager.get_plugin("terminalreporter")
            if reporter is not None:
                reporter.write_line("")
                for line in lines:
                    reporter.write_line(f"e2e artifact: {line}")
    return report
