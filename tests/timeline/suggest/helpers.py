"""What the tests of timeline.suggest share: the seed story, its actors as plain objects,
and short ways to run the rules on a sentence."""

import json
from datetime import date
from functools import cache
from pathlib import Path
from types import SimpleNamespace

from articles.dates import DAY, FoundDate
from articles.ingest import decode, parse_article
from timeline.suggest import suggest_in_text

ROOT = Path(__file__).resolve().parents[3]
SEEDS = ROOT / "seeds"
FIXTURE = ROOT / "timeline" / "fixtures" / "seed_story.json"
TODAY = date(2026, 11, 23)
REFERENCE = FoundDate(date(2024, 10, 30), DAY, "Rabu (30/10)", 0, 0, "dateline")


@cache
def story() -> dict:
    return json.loads(FIXTURE.read_text(encoding="utf-8"))


@cache
def seed_actors() -> dict[str, SimpleNamespace]:
    """The seed story's actors as plain objects: all `suggest_in_text` needs is name, aliases."""
    return {
        a["slug"]: SimpleNamespace(slug=a["slug"], name=a["name"], aliases=a["aliases"])
        for a in story()["actors"]
    }


@cache
def parsed(name: str):
    return parse_article(decode((SEEDS / name).read_bytes()), today=TODAY)


def find(text: str, reference: FoundDate | None = REFERENCE):
    return suggest_in_text(text, seed_actors().values(), reference=reference)


def kinds(text: str) -> list[str]:
    return [s.kind for s in find(text)]


def only(text: str, kind: str):
    found = [s for s in find(text) if s.kind == kind]
    assert len(found) == 1, (text, found)
    return found[0]


def slug(suggestion) -> str | None:
    return suggestion.actor.slug if suggestion.actor else None
