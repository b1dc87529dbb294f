"""A made-up story to measure, as a newsroom's would be: a published Story with its sides, a
lead proposition and four others (one about a quantity), hundreds of actors (governments,
ministries, armies, state media, their spokespeople, international bodies), articles in the
story, and claims on the propositions with stances, counts with number roles, drafts and
deleted claims among them. Nothing copied from anywhere; the same seed gives the same story.

Claims are written with COPY, in the columns Claim has, each one valid by Claim.clean's
rules (its quote is its article's text at its offsets, a stance with a proposition, a count
with a number and a role): 100,000 of them in seconds.
"""

import random
import zlib
from dataclasses import dataclass, field
from datetime import date, timedelta

from django.db import connection
from django.utils import timezone
from django.utils.text import slugify

from articles.ingest import parse_article
from articles.models import Article, Outlet
from timeline import vocabulary
from timeline.bench.texts import article_text
from timeline.models import Actor, Claim, Proposition, Story

SLUG = "bench-story"
SIDES = [
    ["KP", "Korea Utara"],
    ["RU", "Rusia"],
    ["UA", "Ukraina"],
    ["US", "Amerika Serikat"],
    ["KR", "Korea Selatan"],
]
PROPOSITIONS = (
    # (statement, English, parties, is_quantity)
    ("Pasukan Korut berada di Rusia", "North Korean troops are in Russia", ["KP", "RU"], False),
    ("Jumlah pasukan Korut di Rusia", "How many North Korean troops", ["KP", "RU"], True),
    ("Pasukan Korut ikut bertempur", "North Korean troops fight", ["KP", "RU"], False),
    ("Korut mengirim amunisi ke Rusia", "North Korea sends shells", ["KP", "RU"], False),
    ("Rusia memberi teknologi ke Korut", "Russia gives technology", ["RU", "KP"], False),
)
FIRST_DAY, LAST_DAY = date(2024, 6, 1), date(2025, 4, 30)
# How often each kind is claimed (a share of 100).
KIND_WEIGHTS = {
    vocabulary.TROOP_COUNT: 20,
    vocabulary.CASUALTY_COUNT: 5,
    vocabulary.DENIAL: 15,
    vocabulary.CONFIRMATION: 8,
    vocabulary.ALLEGATION: 15,
    vocabulary.COMBAT_REPORT: 15,
    vocabulary.CONDEMNATION: 12,
    vocabulary.AGREEMENT: 5,
    vocabulary.OTHER: 5,
}
DRAFT_SHARE, DELETED_SHARE, UNTAGGED_SHARE, UNDATED_SHARE = 0.08, 0.03, 0.15, 0.01
CLAIMS_PER_ARTICLE = 40
MAX_ARTICLES = 2500
_GIVEN = ("Arga", "Bima", "Citra", "Dewi", "Eka", "Fajar", "Gita", "Hadi", "Intan", "Joko")
_FAMILY = ("Wiratama", "Saputra", "Halim", "Maharani", "Pratama", "Anjani", "Susilo", "Rahman")
_BODIES = ("Kementerian Pertahanan", "Angkatan Darat", "Kantor Berita", "Kementerian Luar Negeri")
_INTERNATIONAL = ("Dewan Keamanan", "Badan Pengawas", "Misi Pemantau", "Komisi Kemanusiaan")
_CLAIM_COLUMNS = (
    "story_id", "proposition_id", "stance", "article_id", "start", "end", "quote", "prefix",
    "suffix", "orphaned", "actor_id", "kind", "number", "number_max", "number_role",
    "stated_on", "stated_precision", "stated_evidence", "event_precision", "status", "note",
    "internal_note", "created_at", "updated_at", "version", "deleted_at",
)  # fmt: skip


@dataclass
class World:
    story: Story
    propositions: list[Proposition]
    actors: list[int]
    # (article id, [(start, end, quote, prefix, suffix), ...]) for each article
    articles: list[tuple[int, list[tuple]]] = field(default_factory=list)
    claims: int = 0

    @classmethod
    def make(cls, *, slug: str = SLUG, seed: int = 1, actors: list[int] | None = None) -> "World":
        """A new story (`slug`) with its propositions, and its actors (or `actors`, another
        world's: actors speak in many stories)."""
        rng = random.Random(seed)
        story = Story.objects.create(
            title=f"Pasukan Korea Utara di Rusia ({slug})",
            title_en=f"North Korean troops in Russia ({slug})",
            slug=slug,
            dek="Cerita buatan untuk mengukur kecepatan.",
            language="id",
            sides=SIDES,
            is_published=True,
        )
        propositions = [
            Proposition.objects.create(
                story=story,
                statement=statement,
                statement_en=english,
                slug=slugify(english),
                order=i,
                parties=parties,
                is_quantity=quantity,
                is_lead=i == 0,
            )
            for i, (statement, english, parties, quantity) in enumerate(PROPOSITIONS)
        ]
        return cls(story, propositions, actors or _make_actors(rng))

    def grow(self, claims: int, *, seed: int = 1):
        """Add claims until the story has `claims` of them (and articles to hold them)."""
        if claims <= self.claims:
            return
        rng = random.Random(seed * 1_000_003 + self.claims)
        wanted = min(MAX_ARTICLES, max(5, -(-claims // CLAIMS_PER_ARTICLE)))
        if wanted > len(self.articles):
            first = len(self.articles)
            self.articles += _make_articles(self.story, first, wanted, rng)
        rows = (self._claim(rng) for _ in range(claims - self.claims))
        columns = ", ".join(f'"{name}"' for name in _CLAIM_COLUMNS)
        with connection.cursor() as cursor:
            with cursor.copy(f"COPY timeline_claim ({columns}) FROM STDIN") as copy:
                for row in rows:
                    copy.write_row(row)
            cursor.execute("ANALYZE timeline_claim")
            cursor.execute("ANALYZE articles_article")
        self.claims = claims

    def _claim(self, rng: random.Random) -> tuple:
        article, spans = rng.choice(self.articles)
        start, end, quote, prefix, suffix = rng.choice(spans)
        kind = rng.choices(list(KIND_WEIGHTS), weights=list(KIND_WEIGHTS.values()))[0]
        proposition = stance = None
        if rng.random() >= UNTAGGED_SHARE:
            quantity = kind in Claim.COUNT_KINDS and rng.random() < 0.8
            proposition = self.propositions[1] if quantity else rng.choice(self.propositions)
            stance = vocabulary.KIND_STANCES.get(kind, vocabulary.NEITHER)
            if rng.random() < 0.05:
                stance = rng.choice([value for value, _ in vocabulary.STANCES])
        number = number_max = None
        role = ""
        if kind in Claim.COUNT_KINDS:
            number = rng.randint(4, 60) * 250
            if rng.random() < 0.2:
                number_max = number + rng.randint(1, 8) * 250
            role = rng.choices(("total", "part", "change"), weights=(75, 15, 10))[0]
        stated_on = None
        if rng.random() >= UNDATED_SHARE:
            stated_on = FIRST_DAY + timedelta(days=rng.randint(0, (LAST_DAY - FIRST_DAY).days))
        precision = rng.choices(("day", "week", "month", "year"), weights=(85, 5, 8, 2))[0]
        now = timezone.now()
        deleted = now if rng.random() < DELETED_SHARE else None
        return (
            self.story.pk,
            proposition.pk if proposition else None,
            stance or "",
            article,
            start,
            end,
            quote,
            prefix,
            suffix,
            False,
            rng.choice(self.actors),
            kind,
            number,
            number_max,
            role,
            stated_on,
            precision,
            "",
            "day",
            "draft" if rng.random() < DRAFT_SHARE else "reviewed",
            "Catatan redaksi: angka belum diverifikasi." if rng.random() < 0.1 else "",
            "",
            now,
            now,
            1,
            deleted,
        )


def _make_actors(rng: random.Random) -> list[int]:
    """About three hundred actors: per side a government, its ministries and army and state
    media, and spokespeople of each; international bodies with members; a few on their own."""
    made: list[int] = []
    names: set[str] = set()

    def person(affiliation: Actor, role: str) -> Actor:
        while True:
            name = f"{role} {rng.choice(_GIVEN)} {rng.choice(_FAMILY)}"
            if name.lower() not in names:
                break
            role = f"{role} {len(names)}"
        return actor(name, "person", affiliation=affiliation)

    def actor(name: str, kind: str, *, country: str = "", affiliation=None) -> Actor:
        names.add(name.lower())
        created = Actor.objects.create(
            name=name,
            slug=slugify(name)[:190] + f"-{len(made)}",
            kind=kind,
            country=country,
            affiliation=affiliation,
        )
        made.append(created.pk)
        return created

    for code, name in SIDES:
        government = actor(f"Pemerintah {name}", "government", country=code)
        for body in _BODIES:
            kind = "state_media" if body == "Kantor Berita" else "military"
            unit = actor(f"{body} {name}", kind, affiliation=government)
            for _ in range(10):
                person(unit, "Juru bicara")
    for body in _INTERNATIONAL:
        unit = actor(f"{body} Internasional", "international_body")
        for _ in range(12):
            person(unit, "Utusan")
    for i in range(20):
        actor(f"Pengamat Independen {i + 1}", "other")
    return made


def _sentences(body: str) -> list[tuple]:
    """(start, end, quote, prefix, suffix) of each sentence of `body` long enough to quote."""
    spans, start = [], 0
    while start < len(body):
        end = body.find(". ", start)
        end = len(body) if end == -1 else end + 1
        quote = body[start:end].strip()
        if len(quote) > 20:
            first = body.index(quote, start)
            last = first + len(quote)
            spans.append((first, last, quote, body[max(0, first - 32) : first], body[last:][:32]))
        start = end + 1
    return spans


def _make_articles(story: Story, first: int, last: int, rng: random.Random) -> list[tuple]:
    """Articles `first` to `last` of the story, their texts made up, each with an outlet."""
    outlets = list(Outlet.objects.filter(is_wire=False).order_by("name")[:12])
    registry = Outlet.objects.registry()
    articles = []
    for n in range(first, last):
        # Each story its own texts: the hash of a text is unique among articles.
        seed = zlib.crc32(f"{story.slug}/{n}".encode())
        parsed = parse_article(article_text(seed), outlets=registry)
        published = parsed.published
        articles.append(
            Article(
                slug=f"{story.slug}-{n}",
                title=parsed.title,
                body=parsed.body,
                raw=parsed.raw,
                source_name=f"{n}.txt",
                source_path=f"{story.slug}/{n}.txt",
                content_hash=parsed.content_hash,
                language=parsed.language,
                outlet=rng.choice(outlets) if outlets else None,
                published_on=published.value if published else None,
                published_latest=published.latest if published else None,
                published_evidence=published.evidence[:300] if published else "",
            )
        )
    stored = Article.objects.bulk_create(articles, batch_size=500)
    story.articles.add(*stored)
    return [(article.pk, _sentences(article.body)) for article in stored]
