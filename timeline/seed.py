"""Loading a story (the story, its propositions, actors, editor-set article dates, claims)
from a JSON file.

Seed data is a starting point that editors then own, so loading only ever adds what is
missing: an existing story or proposition (by slug), actor (by slug or name) or claim (same
article, quote, kind, actor and via, deleted ones included) is left as the editors made it,
and loading twice changes nothing. One exception fills a gap, never an editor's choice: a
claim that has never been on a proposition (the first cut's claims, made before there were
any) is tagged as the file tags it.
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
from timeline.models import Actor, Claim, Proposition, Story

DEFAULT_STORY = Path(__file__).resolve().parent / "fixtures" / "seed_story.json"


def _tally():
    return {"stories": 0, "propositions": 0, "actors": 0, "dates": 0, "claims": 0, "tagged": 0}


@dataclass
class StoryReport:
    created: dict[str, int] = field(default_factory=_tally)
    unchanged: dict[str, int] = field(default_factory=_tally)
    problems: list[str] = field(default_factory=list)


def load_story(path: Path = DEFAULT_STORY) -> StoryReport:
    story = json.loads(Path(path).read_text(encoding="utf-8"))
    report = StoryReport()
    with transaction.atomic():
        the_story, propositions = _load_story(story["story"], report)
        actors = _load_actors(story.get("actors", []), report)
    for entry in story.get("articles", []):
        with transaction.atomic():
            _load_article_date(entry, report)
    for entry in story.get("claims", []):
        with transaction.atomic():
            _load_claim(entry, the_story, propositions, actors, report)
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


STORY_FIELDS = ("title", "title_en", "dek", "dek_en", "language", "sides", "is_published")
PROPOSITION_FIELDS = (
    "statement", "statement_en", "parties", "is_quantity", "is_lead", "cues",
)  # fmt: skip


def _load_story(entry, report) -> tuple[Story, dict[str, Proposition]]:
    """The story (by slug), its articles and propositions: what is missing is added."""
    story = Story.objects.filter(slug=entry["slug"]).first()
    if story is None:
        story = Story(slug=entry["slug"], **{f: entry[f] for f in STORY_FIELDS if f in entry})
        story._change_reason = "seed story"
        story.full_clean()
        story.save()
        report.created["stories"] += 1
    else:
        # Only what is blank is filled (the first cut's story, made by a migration).
        blank = {f: entry[f] for f in STORY_FIELDS if f in entry and getattr(story, f) in ("", [])}
        if blank:
            Story.objects.filter(pk=story.pk).update(**blank)
            story.refresh_from_db()
        report.unchanged["stories"] += 1
    for name in entry.get("articles", []):
        if (article := _article(name)) is not None:
            story.articles.add(article)
    propositions = {p.slug: p for p in story.propositions.all()}
    for order, item in enumerate(entry.get("propositions", [])):
        if item["slug"] in propositions:
            report.unchanged["propositions"] += 1
            continue
        proposition = Proposition(
            story=story,
            slug=item["slug"],
            order=order,
            **{f: item[f] for f in PROPOSITION_FIELDS if f in item},
        )
        if proposition.is_lead and story.propositions.filter(is_lead=True).exists():
            proposition.is_lead = False  # an editor has chosen another lead
        proposition._change_reason = "seed story"
        proposition.full_clean()
        proposition.save()
        propositions[proposition.slug] = proposition
        report.created["propositions"] += 1
    return story, propositions


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


def _load_claim(entry, story, propositions, actors, report):
    label = f"claim “{entry['quote'][:40]}…” in {entry['article']}"
    article = _article(entry["article"])
    if article is None:
        report.problems.append(f"{label}: article is not loaded (or is not one article)")
        return
    actor, via = actors.get(entry["actor"]), actors.get(entry.get("via") or "")
    if actor is None:
        report.problems.append(f"{label}: unknown actor {entry['actor']!r}")
        return
    proposition = propositions.get(entry.get("proposition") or "")
    tags = {
        "proposition": proposition,
        "stance": entry.get("stance", "") if proposition else "",
        "number_role": entry.get("number_role", ""),
    }
    same = Claim.objects.filter(
        article=article, quote=entry["quote"], kind=entry["kind"], actor=actor, via=via
    ).first()
    if same is not None:
        if same.proposition_id is None and not _ever_tagged(same) and proposition is not None:
            _tag(same, tags, label, report)
        else:
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
        story=story,
        **tags,
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


def _ever_tagged(claim) -> bool:
    """Whether an editor (or an earlier load) ever put the claim on a proposition."""
    return claim.history.filter(proposition__isnull=False).exists()


def _tag(claim, tags, label, report):
    for name, value in tags.items():
        setattr(claim, name, value)
    try:
        claim.full_clean()
    except ValidationError as error:
        report.problems.append(f"{label}: {'; '.join(error.messages)}")
        return
    claim.version += 1
    claim._change_reason = "seed story: on a proposition"
    claim.save()
    report.created["tagged"] += 1


def _date(value):
    return date.fromisoformat(value) if value else None
