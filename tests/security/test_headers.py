"""Security headers and cookies under the settings production runs with.

The production values are read from config/settings.py in a subprocess started with
DJANGO_DEBUG=false (so the test checks what production really gets, not a copy), then
applied to this process to request real pages.
"""

import json
import subprocess
import sys

import pytest
from django.test import Client, override_settings
from django.urls import reverse

from tests.factories import PASSWORD, make_article, make_claim, make_user, story_url
from tests.security.test_deploy_check import ROOT, production_env

pytestmark = pytest.mark.django_db

SECURITY_SETTINGS = [
    "SESSION_COOKIE_SECURE",
    "SESSION_COOKIE_HTTPONLY",
    "CSRF_COOKIE_SECURE",
    "SECURE_SSL_REDIRECT",
    "SECURE_PROXY_SSL_HEADER",
    "SECURE_HSTS_SECONDS",
    "SECURE_HSTS_INCLUDE_SUBDOMAINS",
    "SECURE_HSTS_PRELOAD",
    "SECURE_CONTENT_TYPE_NOSNIFF",
    "SECURE_REFERRER_POLICY",
    "X_FRAME_OPTIONS",
    "CONTENT_SECURITY_POLICY",
    "TRUSTED_PROXY_COUNT",
]

DUMP = (
    "import json, django; django.setup(); from django.conf import settings; "
    f"print(json.dumps({{name: getattr(settings, name, None) for name in {SECURITY_SETTINGS!r}}}))"
)


def production_settings(**env) -> dict:
    result = subprocess.run(
        [sys.executable, "-c", DUMP],
        cwd=ROOT,
        env={**production_env(**env), "DJANGO_SETTINGS_MODULE": "config.settings"},
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode == 0, result.stderr
    values = json.loads(result.stdout.strip().splitlines()[-1])
    if values["SECURE_PROXY_SSL_HEADER"]:
        values["SECURE_PROXY_SSL_HEADER"] = tuple(values["SECURE_PROXY_SSL_HEADER"])
    return values


@pytest.fixture(scope="module")
def prod():
    return production_settings()


@pytest.fixture
def https(prod):
    """A client speaking HTTPS, through a TLS-terminating proxy, to the app configured as in
    production (SECURE_PROXY_SSL_HEADER makes the proxy's header the only sign of HTTPS)."""
    with override_settings(**prod):
        yield Client(secure=True, headers={"X-Forwarded-Proto": "https"})


@pytest.fixture
def story():
    claim = make_claim()
    return claim


def html_pages(claim):
    return [
        story_url(),
        reverse("articles:list"),
        reverse("articles:list") + "?q=pasukan",
        claim.article.get_absolute_url(),
        reverse("timeline:claim", args=[claim.pk]),
        reverse("timeline:claim-history", args=[claim.pk]),
        reverse("login"),
    ]


def csp_directives(header: str) -> dict[str, list[str]]:
    directives = {}
    for part in header.split(";"):
        words = part.split()
        if words:
            directives[words[0]] = words[1:]
    return directives


def test_production_turns_on_secure_cookies_and_hsts(prod):
    assert prod["SESSION_COOKIE_SECURE"] is True
    assert prod["CSRF_COOKIE_SECURE"] is True
    assert prod["SESSION_COOKIE_HTTPONLY"] is True
    assert prod["SECURE_SSL_REDIRECT"] is True
    assert prod["SECURE_HSTS_SECONDS"] >= 31536000
    assert prod["SECURE_HSTS_INCLUDE_SUBDOMAINS"] is True


def test_hsts_is_configurable_from_the_environment():
    values = production_settings(
        DJANGO_HSTS_SECONDS="3600",
        DJANGO_HSTS_INCLUDE_SUBDOMAINS="false",
        DJANGO_HSTS_PRELOAD="true",
    )
    assert values["SECURE_HSTS_SECONDS"] == 3600
    assert values["SECURE_HSTS_INCLUDE_SUBDOMAINS"] is False
    assert values["SECURE_HSTS_PRELOAD"] is True


def test_plain_http_is_redirected_to_https(prod, story):
    with override_settings(**prod):
        response = Client().get(reverse("articles:list"))
    assert response.status_code == 301
    assert response["Location"].startswith("https://")


def test_every_page_sends_the_security_headers(https, story):
    for url in html_pages(story):
        response = https.get(url)
        assert response.status_code == 200, url
        assert response["Strict-Transport-Security"] == "max-age=31536000; includeSubDomains", url
        assert response["X-Content-Type-Options"] == "nosniff", url
        assert response["Referrer-Policy"] == "same-origin", url
        assert response["X-Frame-Options"] == "DENY", url
        assert "Content-Security-Policy" in response, url


def test_the_content_security_policy_allows_only_our_own_scripts(https, story):
    response = https.get(story_url())
    policy = csp_directives(response["Content-Security-Policy"])
    assert policy["default-src"] == ["'self'"]
    assert policy["script-src"] == ["'self'"]  # no inline script, no eval
    assert "'unsafe-inline'" not in policy.get("style-src", [])
    assert policy["object-src"] == ["'none'"]
    assert policy["frame-ancestors"] == ["'none'"]
    assert policy["base-uri"] == ["'self'"]
    assert policy["form-action"] == ["'self'"]


def test_exports_are_not_sniffed(https, story):
    for name in ["timeline:export-csv", "timeline:export-json", "timeline:export-timelinejs"]:
        response = https.get(story_url(name))
        assert response.status_code == 200, name
        assert response["X-Content-Type-Options"] == "nosniff", name


def test_csrf_cookie_is_secure(https, story):
    response = https.get(reverse("articles:list"))
    cookie = response.cookies["csrftoken"]
    assert cookie["secure"] is True
    assert cookie["samesite"] == "Lax"


def test_session_cookie_is_secure_and_http_only(https):
    user = make_user()
    response = https.post(reverse("login"), {"username": user.username, "password": PASSWORD})
    assert response.status_code == 302, response.content[:500]
    cookie = response.cookies["sessionid"]
    assert cookie["secure"] is True
    assert cookie["httponly"] is True
    assert cookie["samesite"] == "Lax"


def test_development_settings_also_send_the_policy(client):
    make_article()
    response = client.get(reverse("articles:list"))
    assert "Content-Security-Policy" in response
    assert response["X-Content-Type-Options"] == "nosniff"


def editor_pages(claim):
    return [
        *html_pages(claim)[:-1],  # the login page: a signed-in editor is not sent there
        reverse("timeline:claim-edit", args=[claim.pk]),
        story_url("timeline:export-csv"),
        story_url("timeline:export-json"),
        story_url("timeline:export-timelinejs"),
    ]


def test_pages_that_show_drafts_to_an_editor_are_private(editor_client):
    draft = make_claim(status="draft")
    for url in editor_pages(draft):
        response = editor_client.get(url)
        assert response.status_code == 200, url
        cache_control = {d.strip() for d in response.get("Cache-Control", "").split(",")}
        assert "private" in cache_control, url
        assert "public" not in cache_control, url
        assert "Cookie" in response["Vary"], url


def test_readers_pages_are_not_marked_private(client, story):
    for url in html_pages(story)[:-1]:  # the login page is never cached (Django's never_cache)
        response = client.get(url)
        assert "private" not in response.get("Cache-Control", ""), url
