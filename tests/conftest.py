from io import StringIO
from pathlib import Path

import pytest
from django.core.management import call_command

SEEDS = Path(__file__).resolve().parent.parent / "seeds"


@pytest.fixture
def editor(db):
    from tests.factories import make_user

    return make_user("editor", editor=True)


@pytest.fixture
def reader(db):
    """Logged in, but not in the editors group: may read, may not write."""
    from tests.factories import make_user

    return make_user("reader")


@pytest.fixture
def editor_client(client, editor):
    client.force_login(editor)
    return client


@pytest.fixture
def reader_client(client, reader):
    client.force_login(reader)
    return client


@pytest.fixture
def seeded(db):
    """The five seed articles and the seed story (actors, claims), as `make run` loads them."""
    call_command("load_articles", str(SEEDS), verbosity=0, stdout=StringIO())
    call_command("load_story", verbosity=0, stdout=StringIO())
