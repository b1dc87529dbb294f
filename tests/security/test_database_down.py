"""When the database is away or stuck, pages answer 503 quickly instead of hanging or 500.

The shared PostgreSQL is never stopped: a test points Django's connection at a port where
nothing listens (the database is down), at a socket that accepts and never answers (the
database hangs), or holds a lock from a second connection (a statement is stuck).
"""

import copy
import logging
import socket
from pathlib import Path

import psycopg
import pytest
from django.db import connection

from config import middleware
from config.database import database_config, running_command

BASE_DIR = Path(__file__).resolve().parents[2]
URL = "postgres://claims@db.example.org:5432/claims"


@pytest.fixture
def point_database(django_db_blocker):
    """Point the default connection elsewhere for one test, then put it back as it was."""
    saved = copy.deepcopy(connection.settings_dict)

    def point(host, port, **options):
        connection.close()
        connection.settings_dict.update(HOST=host, PORT=port)
        connection.settings_dict["OPTIONS"].update(options)

    with django_db_blocker.unblock():
        yield point
        connection.close()
        connection.settings_dict.clear()
        connection.settings_dict.update(saved)


@pytest.fixture
def closed_port():
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]  # free again once closed: nothing listens there


@pytest.fixture
def silent_server():
    """A socket that accepts connections (the kernel does, from its backlog) and never says
    a word: what a hung database server looks like to a client."""
    with socket.socket() as server:
        server.bind(("127.0.0.1", 0))
        server.listen(16)
        yield server.getsockname()[1]


def assert_unavailable_page(response):
    assert response.status_code == 503
    assert response["Retry-After"].isdigit()
    text = response.content.decode()
    assert "<html" in text
    assert "briefly unavailable" in text
    assert "Traceback" not in text


def test_database_down_answers_503_with_retry_after(client, point_database, closed_port):
    point_database("127.0.0.1", closed_port)
    for url in ["/", "/articles/", "/claims/1/", "/export.csv"]:
        assert_unavailable_page(client.get(url))


class ReadsTheSession:
    """A middleware that reads the session before any view runs, as one that checks who is
    signed in would."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        request.session.get("anything")
        return self.get_response(request)


def test_a_database_error_in_a_middleware_answers_503_too(point_database, closed_port):
    from django.conf import settings
    from django.test import Client, override_settings

    at = settings.MIDDLEWARE.index("django.contrib.sessions.middleware.SessionMiddleware") + 1
    middleware = [*settings.MIDDLEWARE]
    middleware.insert(at, f"{__name__}.ReadsTheSession")
    browser = Client(raise_request_exception=False)
    browser.cookies["sessionid"] = "a" * 32  # a signed-in editor's browser
    point_database("127.0.0.1", closed_port)
    with override_settings(MIDDLEWARE=middleware):
        assert_unavailable_page(browser.get("/"))


@pytest.fixture
def fresh_process(monkeypatch):
    """The outage log as a freshly started worker has it, with a clock the test moves."""
    clock = [1000.0]
    monkeypatch.setattr(middleware, "outage_log", middleware._OutageLog(clock=lambda: clock[0]))
    return clock


def logged_lines(caplog):
    return [r for r in caplog.records if r.levelno >= logging.WARNING]


def test_an_outage_is_logged_once_not_a_traceback_per_request(
    client, point_database, closed_port, caplog, fresh_process
):
    point_database("127.0.0.1", closed_port)
    with caplog.at_level(logging.INFO):
        for _ in range(5):
            assert client.get("/").status_code == 503
    (line,) = logged_lines(caplog)
    assert line.getMessage().startswith("Database unavailable, answering 503: OperationalError")
    assert line.exc_info is None  # one line, no traceback


def test_a_long_outage_adds_a_line_a_minute_with_the_count(
    client, point_database, closed_port, caplog, fresh_process
):
    point_database("127.0.0.1", closed_port)
    with caplog.at_level(logging.INFO):
        for _ in range(5):
            client.get("/")
        fresh_process[0] += middleware.LOG_EVERY + 1
        client.get("/")
    first, second = logged_lines(caplog)
    assert "more requests" not in first.getMessage()
    assert "(4 more requests answered 503 in the last minute)" in second.getMessage()


def test_a_hung_database_fails_within_the_connect_timeout(client, point_database, silent_server):
    # Without connect_timeout this request would wait for the silent server forever.
    assert "connect_timeout" in connection.settings_dict["OPTIONS"]
    point_database("127.0.0.1", silent_server, connect_timeout=2)  # libpq's minimum
    assert_unavailable_page(client.get("/"))


@pytest.mark.django_db
def test_web_requests_run_under_the_statement_timeout():
    with connection.cursor() as cursor:
        cursor.execute("SHOW statement_timeout")
        assert cursor.fetchone()[0] == "15s"


@pytest.mark.django_db
def test_a_stuck_statement_answers_503(client):
    with connection.cursor() as cursor:
        cursor.execute("SET statement_timeout = '1s'")  # the configured 15 s, shortened
    params = {
        "host": connection.settings_dict["HOST"],
        "port": connection.settings_dict["PORT"] or None,
        "user": connection.settings_dict["USER"],
        "password": connection.settings_dict["PASSWORD"] or None,
        "dbname": connection.settings_dict["NAME"],
    }
    with psycopg.connect(**params) as other:
        other.execute("SET lock_timeout = '10s'")
        other.execute("LOCK TABLE timeline_actor, timeline_claim IN ACCESS EXCLUSIVE MODE")
        response = client.get("/")
    assert_unavailable_page(response)


def test_web_requests_get_short_timeouts_and_commands_longer_ones(monkeypatch):
    monkeypatch.setenv("DATABASE_URL", URL)
    for name in ["DJANGO_DB_CONNECT_TIMEOUT", "DJANGO_DB_STATEMENT_TIMEOUT"]:
        monkeypatch.delenv(name, raising=False)
    monkeypatch.delenv("DJANGO_DB_COMMAND_STATEMENT_TIMEOUT", raising=False)
    web = database_config(BASE_DIR, command=False)["OPTIONS"]
    command = database_config(BASE_DIR, command=True)["OPTIONS"]
    assert web["connect_timeout"] == command["connect_timeout"] == 5
    assert web["options"] == "-c statement_timeout=15000"
    assert command["options"] == "-c statement_timeout=600000"


def test_the_timeouts_come_from_the_environment(monkeypatch):
    monkeypatch.setenv("DATABASE_URL", URL + "?options=-c%20search_path%3Dclaims")
    monkeypatch.setenv("DJANGO_DB_CONNECT_TIMEOUT", "3")
    monkeypatch.setenv("DJANGO_DB_STATEMENT_TIMEOUT", "30")
    monkeypatch.setenv("DJANGO_DB_COMMAND_STATEMENT_TIMEOUT", "0")
    web = database_config(BASE_DIR, command=False)["OPTIONS"]
    assert web["connect_timeout"] == 3
    assert web["options"] == "-c search_path=claims -c statement_timeout=30000"
    command = database_config(BASE_DIR, command=True)["OPTIONS"]
    assert command["options"] == "-c search_path=claims"  # 0: no limit


def test_a_timeout_that_is_not_a_number_is_refused(monkeypatch):
    from django.core.exceptions import ImproperlyConfigured

    monkeypatch.setenv("DATABASE_URL", URL)
    monkeypatch.setenv("DJANGO_DB_STATEMENT_TIMEOUT", "15s")
    with pytest.raises(ImproperlyConfigured, match="DJANGO_DB_STATEMENT_TIMEOUT"):
        database_config(BASE_DIR, command=False)


@pytest.mark.parametrize(
    ("argv", "command"),
    [
        (["manage.py", "load_articles", "seeds/"], True),
        (["./manage.py", "migrate"], True),
        (["/usr/bin/django-admin", "export_timeline"], True),
        (["manage.py", "runserver"], False),
        (["/srv/.venv/bin/gunicorn", "config.wsgi"], False),
        (["pytest"], False),
    ],
)
def test_which_processes_count_as_commands(argv, command):
    assert running_command(argv) is command
