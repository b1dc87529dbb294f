"""django-axes locks an account out (per username and address) after repeated failures."""

import pytest
from django.conf import settings
from django.contrib.auth import SESSION_KEY
from django.urls import reverse, reverse_lazy

from tests.factories import PASSWORD, make_user

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
