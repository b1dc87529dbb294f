"""Which PostgreSQL to use: DATABASE_URL when set, else an embedded server under .data/.

The embedded server (the `pgserver` package) makes a fresh clone work with no setup:
`runserver`, management commands and tests all share the same rule.
"""

import os
import warnings
from pathlib import Path
from urllib.parse import quote

import dj_database_url

_server = None  # keeps the embedded server referenced for the life of the process


def database_config(base_dir: Path) -> dict:
    url = os.environ.get("DATABASE_URL")
    if not url:
        url = _embedded_url(base_dir / ".data" / "postgres")
    config = dj_database_url.parse(url, conn_max_age=60, conn_health_checks=True)
    if test_name := os.environ.get("DJANGO_TEST_DATABASE"):
        config["TEST"] = {"NAME": test_name}  # lets several test runs share one server
    return config


def _embedded_url(pgdata: Path) -> str:
    global _server
    # pgserver asks platformdirs for a runtime dir it does not need; keep the output quiet.
    warnings.filterwarnings("ignore", message=".*XDG_RUNTIME_DIR.*")
    import pgserver

    pgdata.mkdir(parents=True, exist_ok=True)
    _server = pgserver.get_server(pgdata)
    # The server listens on a Unix socket in pgdata; dj-database-url takes it as an encoded host.
    return f"postgres://postgres@{quote(str(pgdata), safe='')}/postgres"
