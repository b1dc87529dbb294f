"""Which PostgreSQL to use: DATABASE_URL when set, else an embedded server under .data/.

The embedded server (the `pgserver` package) makes a fresh clone work with no setup:
`runserver`, management commands and tests all share the same rule.

Every connection has a connect timeout and a statement timeout, so that a database that is
down or stuck fails a request in seconds (the visitor gets a 503) instead of holding a
worker for as long as the operating system's TCP timeout. Management commands (loading,
migrating, exporting everything) legitimately run long statements and get a longer limit.
"""

import os
import warnings
from pathlib import Path
from urllib.parse import quote

import dj_database_url
from django.core.exceptions import ImproperlyConfigured

_server = None  # keeps the embedded server referenced for the life of the process

# Seconds; each can be set by the environment variable of the same name (0: no limit).
TIMEOUT_DEFAULTS = {
    "DJANGO_DB_CONNECT_TIMEOUT": 5,
    "DJANGO_DB_STATEMENT_TIMEOUT": 15,  # web requests
    "DJANGO_DB_COMMAND_STATEMENT_TIMEOUT": 600,  # management commands
}
COMMANDS = {"manage.py", "django-admin"}


def running_command(argv: list[str]) -> bool:
    """Whether this process is a management command (rather than one serving web requests:
    gunicorn, `runserver`, the test suite's client), from its command line."""
    return Path(argv[0]).name in COMMANDS and argv[1:2] != ["runserver"]


def database_config(base_dir: Path, *, command: bool) -> dict:
    url = os.environ.get("DATABASE_URL")
    if not url:
        url = _embedded_url(base_dir / ".data" / "postgres")
    config = dj_database_url.parse(url, conn_max_age=60, conn_health_checks=True)
    statement = "DJANGO_DB_COMMAND_STATEMENT_TIMEOUT" if command else "DJANGO_DB_STATEMENT_TIMEOUT"
    config["OPTIONS"] = _with_timeouts(
        config.get("OPTIONS", {}),
        connect=_seconds("DJANGO_DB_CONNECT_TIMEOUT"),
        statement=_seconds(statement),
    )
    if test_name := os.environ.get("DJANGO_TEST_DATABASE"):
        config["TEST"] = {"NAME": test_name}  # lets several test runs share one server
    return config


def _seconds(name: str) -> int:
    value = os.environ.get(name, "").strip() or str(TIMEOUT_DEFAULTS[name])
    if not value.isdigit():
        raise ImproperlyConfigured(f"{name} must be a whole number of seconds, not {value!r}.")
    return int(value)


def _with_timeouts(options: dict, *, connect: int, statement: int) -> dict:
    """psycopg connection options with the timeouts added; a timeout the URL already sets
    (`?connect_timeout=`, `?options=-c statement_timeout=...`) is kept."""
    options = dict(options)
    if connect:
        options.setdefault("connect_timeout", connect)
    server = options.get("options", "")
    if statement and "statement_timeout" not in server:
        # libpq passes `options` to the server at connection time: no extra round trip.
        server = f"{server} -c statement_timeout={statement * 1000}".strip()
    if server:
        options["options"] = server
    return options


def _embedded_url(pgdata: Path) -> str:
    global _server
    # pgserver asks platformdirs for a runtime dir it does not need; keep the output quiet.
    warnings.filterwarnings("ignore", message=".*XDG_RUNTIME_DIR.*")
    import pgserver

    pgdata.mkdir(parents=True, exist_ok=True)
    _server = pgserver.get_server(pgdata)
    # The server listens on a Unix socket in pgdata; dj-database-url takes it as an encoded host.
    return f"postgres://postgres@{quote(str(pgdata), safe='')}/postgres"
