"""Loading a story (actors, editor-set article dates, claims) from a JSON file.

Seed data is a starting point that editors then own, so loading only ever adds what is
missing: an existing actor (by slug) or claim (same article, quote, kind, actor and via,
deleted ones included) is left as the editors made it, and loading twice changes nothing.
"""

import json
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import transaction

from articles.loader import source_of
from articles.models import Article, DateSource
from timeline.anchoring import reanchor
from timeline.models import Actor, Claim

DEFAULT_STORY = Path(__file__).resolve().parent / "fixtures" / "seed_story.json"


def _tally():
    return {"actors": 0, "dates": 0, "claims": 0}


@dataclass
class StoryReport:
    created: dict[str, int] = field(default_factory=_tally)
    unchanged: dict[str, int] = field(default_factory=_tally)
    problems: list[str] = field(default_factory=list)


def load_story(path: Path = DEFAULT_STORY) -> StoryReport:
    story = json.loads(Path(path).read_text(encoding="utf-8"))
    report = StoryReport()
    with transaction.atomic():
        actors = _load_actors(story.get("actors", []), report)
    for entry in story.get("articles", []):
        with transaction.atomic():
            _load_article_date(entry, report)
    for entry in story.get("claims", []):
        with transaction.atomic():
            _load_claim(entry, actors, report)
    return report


def _article(name: str) -> Article | None:
    """The article a story names by file name: the one loaded from the project's seeds/
    folder, else the only one of that name (a file of the same name elsewhere is another
    article, and not the story's)."""
    seed = source_of(Path(settings.BASE_DIR) / "seeds" / name)
    if article := Article.objects.filter(source_path=seed).first():
        return article
    named = list(Article.objects.filter(source_name=name)[:2])
    return named[0] if len(named) == 1 else None


def _load_actors(entries, report) -> dict[str, Actor]:
    actors = {a.slug: a for a in Actor.objects.all()}
    for entry in entries:
        # An editor may have added it before, under a slug of their own: names are unique.
        existing = actors.get(entry["slug"]) or Actor.objects.named(entry["name"]).first()
        if existing is not None:
            actors[entry["slug"]] = existing
            report.unchanged["actors"] += 1
            continue
        actor = Actor(
            slug=entry["slug"],
            name=entry["name"],
            kind=entry.get("kind", Actor.Kind.OTHER),
            country=entry.get("country", ""),
            aliases=entry.get("aliases", []),
            affiliation=actors.get(entry.get("affiliation") or ""),
        )
        actor._change_reason = "seed story"
        actor.full_clean()
        actor.save()
        actors[actor.slug] = actor
        report.created["actors"] += 1
    return actors


def _load_article_date(entry, report):
    """Dates an editor worked out for articles whose text gives none; never overrides one."""
    article = _article(entry["source_name"])
    if article is None:
        report.problems.append(
            f"article {entry['source_name']} is not loaded (or is not one article)"
        )
    elif article.published_on is not None:
        report.unchanged["dates"] += 1
    else:
        article.published_on = date.fromisoformat(entry["published_on"])
        article.published_precision = entry["precision"]
        article.published_evidence = entry["evidence"][:300]
        article.published_source = DateSource.EDITOR
        article.save()
        report.created["dates"] += 1


def _load_claim(entry, actors, report):
    label = f"claim “{entry['quote'][:40]}…” in {entry['article']}"
    article = _article(entry["article"])
    if article is None:
        report.problems.append(f"{label}: article is not loaded (or is not one article)")
        return
    actor, via = actors.get(entry["actor"]), actors.get(entry.get("via") or "")
    if actor is None:
        report.problems.append(f"{label}: unknown actor {entry['actor']!r}")
        return
    same = Claim.objects.filter(
        article=article, quote=entry["quote"], kind=entry["kind"], actor=actor, via=via
    )
    if same.exists():
        report.unchanged["claims"] += 1
        return
    span = reanchor(
        article.body,
        quote=entry["quote"],
        prefix=entry.get("prefix", ""),
        suffix=entry.get("suffix", ""),
        start=entry["start"],
    )
    if span is None:
        report.problems.append(f"{label}: quote not found in the article's text")
        return
    claim = Claim(
        article=article,
        start=span.start,
        end=span.end,
        quote=span.quote,
        prefix=span.prefix,
        suffix=span.suffix,
        actor=actor,
        via=via,
        kind=entry["kind"],
        number=entry.get("number"),
        number_max=entry.get("number_max"),
        stated_on=_date(entry.get("stated_on")),
        stated_precision=entry.get("stated_precision") or "day",
        stated_evidence=entry.get("stated_evidence", "")[:300],
        event_on=_date(entry.get("event_on")),
        event_precision=entry.get("event_precision") or "day",
        status=entry.get("status", Claim.Status.REVIEWED),
        note=entry.get("note", ""),
    )
    try:
        claim.full_clean()
    except ValidationError as error:
        report.problems.append(f"{label}: {'; '.join(error.messages)}")
        return
    claim._change_reason = "seed story"
    claim.save()
    report.created["claims"] += 1


def _date(value):
    return date.fromisoformat(value) if value else None
