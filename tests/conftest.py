from io import StringIO
from pathlib import Path

import pytest
from django.core.management import call_command
from django.utils import translation

SEEDS = Path(__file__).resolve().parent.parent / "seeds"


@pytest.fixture(autouse=True)
def _default_language():
    """Each test starts in the default language: a request in Indonesian leaves its language
    active in the thread (LocaleMiddleware does not reset it), and the next test, which
    formats a date with no request, would read it in Indonesian."""
    yield
    translation.deactivate()


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


@pytest.fixture(autouse=True)
def empty_cache():
    """Each test starts with nothing cached (timeline.cache: a page's shared parts), as a
    freshly started server does."""
    from django.core.cache import cache

    cache.clear()
