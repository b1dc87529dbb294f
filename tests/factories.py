"""Small helpers that make test data. Plain functions: read the call to see the row."""

import hashlib
import itertools
from datetime import date

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.utils.text import slugify

from articles.models import Article, Outlet
from timeline.anchoring import span_at
from timeline.models import Actor, Claim
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
    quote = quote or article.body.split(",")[0]
    start = article.body.index(quote)
    span = span_at(article.body, start, start + len(quote))
    return Claim.objects.create(
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
