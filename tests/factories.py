"""Small helpers that make test data. Plain functions: read the call to see the row."""

import hashlib
import itertools
from datetime import date

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.urls import reverse
from django.utils.text import slugify

from articles.models import Article, Outlet
from timeline.anchoring import span_at
from timeline.models import Actor, Claim, Proposition, Story
from timeline.roles import EDITORS

_seq = itertools.count(1)
PASSWORD = "correct horse battery staple"


def make_outlet(name="Kabar Test") -> Outlet:
    outlet, _ = Outlet.objects.get_or_create(slug=slugify(name), defaults={"name": name})
    return outlet


def make_article(
    body="Korut membantah mengirim pasukan ke Rusia, kata juru bicara.",
    *,
    title=None,
    outlet=None,
    published_on=date(2024, 10, 30),
    precision="day",
    **fields,
) -> Article:
    n = next(_seq)
    title = title or f"Article {n}"
    return Article.objects.create(
        slug=fields.pop("slug", f"{slugify(title)}-{n}"),
        title=title,
        body=body,
        raw=fields.pop("raw", body),
        source_name=fields.pop("source_name", f"test-{n}.txt"),
        content_hash=hashlib.sha256(f"{n}:{body}".encode()).hexdigest(),
        outlet=outlet,
        published_on=published_on,
        published_precision=precision,
        **fields,
    )


def make_actor(
    name="North Korea", *, country="KP", kind="government", affiliation=None, aliases=(), slug=None
) -> Actor:
    if Actor.objects.named(name).exists():
        # Names are unique (case-insensitive): a test that asks twice gets a second actor.
        name = f"{name} {next(_seq)}"
    return Actor.objects.create(
        name=name,
        slug=slug or f"{slugify(name)}-{next(_seq)}",
        country=country,
        kind=kind,
        affiliation=affiliation,
        aliases=list(aliases),
    )


# The sides of the story tests tag claims in unless they say otherwise.
TEST_SIDES = [
    ["KP", "North Korea"],
    ["RU", "Russia"],
    ["UA", "Ukraine"],
    ["US", "United States"],
    ["KR", "South Korea"],
]


def make_story(title=None, *, slug=None, sides=None, published=True, **fields) -> Story:
    n = next(_seq)
    title = title or f"Story {n}"
    return Story.objects.create(
        title=title,
        slug=slug or f"{slugify(title)}-{n}",
        sides=TEST_SIDES if sides is None else sides,
        is_published=published,
        **fields,
    )


def default_story() -> Story:
    """The story claims are in when a test does not say: one per test database."""
    story = Story.objects.filter(slug="test-story").first()
    return story or make_story("Test story", slug="test-story")


def story_url(name="timeline:story", story=None) -> str:
    """A story's page (or its export, `name`): by default the first story there is (the
    seed story, when the test loaded it), else the default test story."""
    story = story or Story.objects.first_story() or default_story()
    return reverse(name, args=[story.slug])


def make_proposition(
    story=None, statement=None, *, parties=("KP", "RU"), slug=None, **fields
) -> Proposition:
    n = next(_seq)
    story = story or default_story()
    statement = statement or f"Proposition {n}"
    return Proposition.objects.create(
        story=story,
        statement=statement,
        slug=slug or f"{slugify(statement)}-{n}",
        parties=list(parties),
        **fields,
    )


def make_claim(
    article=None,
    *,
    quote=None,
    actor=None,
    kind="denial",
    status="reviewed",
    stated_on=None,
    precision="day",
    **fields,
) -> Claim:
    article = article or make_article()
    story = fields.pop("story", None) or article.stories.first() or default_story()
    story.articles.add(article)
    if kind in Claim.COUNT_KINDS:
        fields.setdefault("number_role", "total")
    if fields.get("proposition") is not None:
        fields.setdefault("stance", "supports")
    quote = quote or article.body.split(",")[0]
    start = article.body.index(quote)
    span = span_at(article.body, start, start + len(quote))
    return Claim.objects.create(
        story=story,
        article=article,
        start=span.start,
        end=span.end,
        quote=span.quote,
        prefix=span.prefix,
        suffix=span.suffix,
        actor=actor or make_actor(),
        kind=kind,
        status=status,
        stated_on=stated_on if stated_on is not None else article.published_on,
        stated_precision=precision,
        **fields,
    )


def make_user(username=None, *, editor=False, password=PASSWORD):
    user = get_user_model().objects.create_user(
        username=username or f"user{next(_seq)}", password=password
    )
    if editor:
        user.groups.add(Group.objects.get(name=EDITORS))
    return user
