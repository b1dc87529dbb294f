"""django-axes locks an account out (per username and address) after repeated failures."""

import pytest
from django.conf import settings
from django.contrib.auth import SESSION_KEY
from django.test import Client, override_settings
from django.urls import reverse, reverse_lazy

from tests.factories import PASSWORD, make_user
from tests.security.test_headers import production_settings

pytestmark = pytest.mark.django_db

LIMIT = settings.AXES_FAILURE_LIMIT


def log_in(client, username, password):
    return client.post(reverse("login"), {"username": username, "password": password})


def test_a_few_failures_do_not_lock_the_editor_out(client):
    user = make_user()
    for _ in range(LIMIT - 1):
        response = log_in(client, user.username, "wrong password")
        assert response.status_code == 200  # the form again, with an error
        assert SESSION_KEY not in client.session
    response = log_in(client, user.username, PASSWORD)
    assert response.status_code == 302
    assert client.session[SESSION_KEY] == str(user.pk)


def test_repeated_failures_lock_the_account_out_even_with_the_right_password(client):
    user = make_user()
    for _ in range(LIMIT):
        log_in(client, user.username, "wrong password")

    response = log_in(client, user.username, PASSWORD)

    assert response.status_code in (403, 429)
    assert SESSION_KEY not in client.session
    text = response.content.decode().lower()
    assert "locked" in text  # the page tells the editor what happened
    assert "<html" in text  # a page of the site, not a bare string


def test_the_lockout_page_is_shown_on_the_next_attempts_too(client):
    user = make_user()
    for _ in range(LIMIT + 2):
        response = log_in(client, user.username, "wrong password")
    assert response.status_code in (403, 429)
    assert "locked" in response.content.decode().lower()


def test_the_lockout_is_per_account_not_for_everyone_at_that_address(client):
    victim, colleague = make_user(), make_user()
    for _ in range(LIMIT):
        log_in(client, victim.username, "wrong password")

    response = log_in(client, colleague.username, PASSWORD)

    assert response.status_code == 302
    assert client.session[SESSION_KEY] == str(colleague.pk)


def test_failures_for_an_unknown_username_lock_it_out_too(client):
    for _ in range(LIMIT):
        log_in(client, "nobody-here", "guess")
    response = log_in(client, "nobody-here", "guess")
    assert response.status_code in (403, 429)


# Behind a TLS proxy every request arrives from the proxy's address (REMOTE_ADDR); the
# client's own address is the one the proxy appended to X-Forwarded-For.
PROXY = "10.0.0.2"
CLIENT_A, CLIENT_B = "198.51.100.7", "203.0.113.9"


def through_proxy(client, username, password, *, forwarded_for):
    return client.post(
        reverse("login"),
        {"username": username, "password": password},
        REMOTE_ADDR=PROXY,
        HTTP_X_FORWARDED_FOR=forwarded_for,
    )


@override_settings(TRUSTED_PROXY_COUNT=1)
def test_behind_a_proxy_an_attacker_locks_out_only_their_own_address(client):
    editor = make_user()
    for _ in range(LIMIT):
        through_proxy(client, editor.username, "wrong password", forwarded_for=CLIENT_A)
    attacker = through_proxy(client, editor.username, PASSWORD, forwarded_for=CLIENT_A)
    assert attacker.status_code in (403, 429)

    editor_browser = Client()
    response = through_proxy(editor_browser, editor.username, PASSWORD, forwarded_for=CLIENT_B)

    assert response.status_code == 302
    assert editor_browser.session[SESSION_KEY] == str(editor.pk)


@override_settings(TRUSTED_PROXY_COUNT=1)
def test_behind_a_proxy_a_forged_header_does_not_dodge_the_lockout(client):
    # The client sends its own X-Forwarded-For; the proxy appends the real address.
    user = make_user()
    for n in range(LIMIT):
        forged = f"192.0.2.{n}, {CLIENT_A}"
        through_proxy(client, user.username, "wrong password", forwarded_for=forged)
    response = through_proxy(
        client, user.username, PASSWORD, forwarded_for=f"192.0.2.99, {CLIENT_A}"
    )
    assert response.status_code in (403, 429)


@override_settings(TRUSTED_PROXY_COUNT=2)
def test_behind_two_proxies_the_client_is_second_from_the_right(client):
    user = make_user()
    for _ in range(LIMIT):
        through_proxy(client, user.username, "wrong", forwarded_for=f"{CLIENT_A}, 10.0.0.1")
    locked = through_proxy(client, user.username, PASSWORD, forwarded_for=f"{CLIENT_A}, 10.0.0.1")
    assert locked.status_code in (403, 429)
    other = through_proxy(Client(), user.username, PASSWORD, forwarded_for=f"{CLIENT_B}, 10.0.0.1")
    assert other.status_code == 302


@override_settings(TRUSTED_PROXY_COUNT=0)
def test_not_behind_a_proxy_the_header_is_ignored(client):
    # Spoofing X-Forwarded-For to a new address on every try does not dodge the lockout.
    user = make_user()
    for n in range(LIMIT):
        through_proxy(client, user.username, "wrong password", forwarded_for=f"192.0.2.{n}")
    response = through_proxy(client, user.username, PASSWORD, forwarded_for="192.0.2.200")
    assert response.status_code in (403, 429)


@override_settings(TRUSTED_PROXY_COUNT=1)
def test_a_header_that_is_not_an_address_falls_back_to_the_connection(client):
    user = make_user()
    response = through_proxy(client, user.username, "wrong", forwarded_for="not-an-address")
    assert response.status_code == 200  # the form again, not a 500
    response = through_proxy(client, user.username, PASSWORD, forwarded_for="")
    assert response.status_code == 302


def test_the_proxy_count_comes_from_the_environment():
    values = production_settings(DJANGO_TRUSTED_PROXY_COUNT="1")
    assert values["TRUSTED_PROXY_COUNT"] == 1
    assert production_settings()["TRUSTED_PROXY_COUNT"] == 0


@pytest.mark.parametrize(
    ("url", "error"),
    [(reverse_lazy("login"), 'role="alert"'), (reverse_lazy("admin:login"), "errorlist")],
)
def test_a_username_longer_than_any_is_a_form_error(client, url, error):
    """The login form says a username is at most 150 characters but did not check it: a
    longer one went on to the failure log, whose column holds 255 (DataError, a 500)."""
    response = client.post(url, {"username": "x" * 70_000, "password": "wrong password"})
    assert response.status_code == 200
    assert error in response.content.decode()
    assert SESSION_KEY not in client.session
