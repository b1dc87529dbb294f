import hashlib
import random
import statistics
import time
from datetime import date, timedelta

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.core.management.base import BaseCommand
from django.db import connection, transaction
from django.test import Client
from django.test.utils import CaptureQueriesContext, override_settings

from articles.models import Article, Outlet
from timeline.models import Actor, Claim
from timeline.roles import EDITORS

URLS = [
    ("page", "/"),
    ("page, last", "/?page=999999"),
    ("page, filtered", "/?side=US&kind=troop_count"),
    ("page, htmx", "/?side=KP"),
    ("csv", "/export.csv"),
    ("json", "/export.json"),
    ("timelinejs", "/export/timelinejs.json"),
]
KINDS = [k for k, _ in Claim.Kind.choices]
PRECISIONS = ["day", "day", "day", "week", "month", "year"]


class _Rollback(Exception):
    pass


class Command(BaseCommand):
    help = (
        "Print how long the timeline page and each export take, and how many queries they make, "
        "with 50, 5,000 and 100,000 claims, and the page of a 1 MB article. What it makes is made "
        "inside one transaction that is rolled back at the end: nothing is kept. Not a test: "
        "figures to read (make bench)."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--sizes", default="50,5000,100000", help="Claim counts, comma-separated, ascending."
        )
        parser.add_argument("--repeat", type=int, default=3, help="Runs per URL; the best counts.")
        parser.add_argument(
            "--article-chars",
            type=int,
            default=1_000_000,
            help="Size of the large article whose page is timed (0: skip the article pages).",
        )

    def handle(self, *args, sizes, repeat, article_chars, **options):
        targets = sorted(int(size) for size in sizes.split(","))
        existing = Claim.objects.count()
        self.stdout.write(
            f"Timeline benchmark: best of {repeat} runs; {existing:,} claims already in the "
            "database come on top (they are not changed)."
        )
        self.stdout.write(f"{'claims':>8}  {'what':<16}{'ms':>9}{'queries':>9}{'KB':>10}")
        try:
            with transaction.atomic(), override_settings(ALLOWED_HOSTS=["testserver"]):
                world = _World.make()
                made = 0
                for target in targets:
                    world.add_claims(made, target - made)
                    made = target
                    with connection.cursor() as cursor:
                        cursor.execute("ANALYZE timeline_claim")
                        cursor.execute("ANALYZE articles_article")
                    self.measure(target, repeat)
                if article_chars:
                    self.measure_article_pages(article_chars, repeat)
                raise _Rollback
        except _Rollback:
            pass
        self.stdout.write(
            self.style.SUCCESS("Done; everything made for the benchmark rolled back.")
        )

    def measure(self, claims: int, repeat: int):
        client = Client()
        for label, url in URLS:
            headers = {"HX-Request": "true"} if "htmx" in label else {}
            times, queries, size = [], 0, 0
            for _ in range(repeat):
                with CaptureQueriesContext(connection) as captured:
                    started = time.perf_counter()
                    response = client.get(url, headers=headers)
                    if response.streaming:
                        size = sum(len(chunk) for chunk in response.streaming_content)
                    else:
                        size = len(response.content)
                    times.append(time.perf_counter() - started)
                queries = len(captured)
                if response.status_code != 200:
                    self.stdout.write(self.style.ERROR(f"{url}: HTTP {response.status_code}"))
            best = min(times) * 1000
            self.stdout.write(
                f"{claims:>8,}  {label:<16}{best:>9.1f}{queries:>9}{size / 1024:>10,.0f}"
                + (f"   (median {statistics.median(times) * 1000:.0f} ms)" if repeat > 2 else "")
            )

    def measure_article_pages(self, chars: int, repeat: int):
        """The page of a large article, as a reader and as an editor (text, highlights and
        suggestions), and of one whose text is one line with no sentence break."""
        self.stdout.write(f"{'chars':>8}  {'what':<34}{'ms':>9}{'queries':>9}{'KB':>10}")
        # Actors the text names, so that the editor's suggestions have speakers to find.
        for name, country, aliases in _TEXT_ACTORS:
            Actor.objects.create(
                name=name, slug=f"benchmark-text-{country}", country=country, aliases=aliases
            )
        editor = get_user_model().objects.create_user("benchmark-editor")
        editor.groups.add(Group.objects.get_or_create(name=EDITORS)[0])
        pages = [
            ("article page, reader", large_article_text(chars), None),
            ("article page, editor", large_article_text(chars), editor),
            (
                "one-line article page, editor",
                large_article_text(chars // 5, one_line=True),
                editor,
            ),
        ]
        for i, (label, body, user) in enumerate(pages):
            article = Article.objects.create(
                slug=f"benchmark-large-{i}",
                title=f"Benchmark large article {i}",
                body=body,
                raw=body,
                source_name=f"benchmark-large-{i}.txt",
                content_hash=hashlib.sha256(f"benchmark large {i}".encode()).hexdigest(),
                published_on=date(2024, 10, 30),
            )
            client = Client()
            if user:
                client.force_login(user)
            times = []
            for _ in range(repeat):
                with CaptureQueriesContext(connection) as captured:
                    started = time.perf_counter()
                    response = client.get(article.get_absolute_url())
                    times.append(time.perf_counter() - started)
                if response.status_code != 200:
                    self.stdout.write(self.style.ERROR(f"{label}: HTTP {response.status_code}"))
            self.stdout.write(
                f"{len(body):>8,}  {label:<34}{min(times) * 1000:>9.1f}{len(captured):>9}"
                f"{len(response.content) / 1024:>10,.0f}"
            )


_SUBJECTS = (
    "Korut", "Pyongyang", "Kyiv", "Pentagon", "Kremlin", "Seoul", "Juru bicara militer",
    "Pejabat intelijen", "Menteri pertahanan", "Kantor berita negara",
)  # fmt: skip
_TEXT_ACTORS = (
    ("Benchmark North Korea", "KP", ["Korut", "Pyongyang"]),
    ("Benchmark Ukraine", "UA", ["Kyiv"]),
    ("Benchmark United States", "US", ["Pentagon"]),
    ("Benchmark Russia", "RU", ["Kremlin"]),
    ("Benchmark South Korea", "KR", ["Seoul"]),
)
_VERBS = ("membantah", "mengonfirmasi", "mengatakan", "menuduh", "mengecam", "melaporkan")
_DAYS = ("Senin", "Selasa", "Rabu", "Kamis", "Jumat", "Sabtu", "Minggu")
_NOUNS = ("pasukan", "tentara", "prajurit", "personel")
_PLACES = ("perbatasan", "wilayah Kursk", "garis depan", "pelabuhan timur", "kamp latihan")
_ASIDES = (
    "menurut sumber yang enggan disebut namanya", "dalam jumpa pers singkat",
    "setelah rapat tertutup", "tanpa memberikan rincian lebih lanjut", "di hadapan wartawan",
)  # fmt: skip


def large_article_text(chars: int, *, one_line: bool = False, seed: int = 1) -> str:
    """`chars` characters of made-up Indonesian-like news text: sentences with a count, a
    stance verb and a dated day ("Rabu (30/10)"), five to a paragraph, no two alike. With
    `one_line`, the clauses are joined by "dan" on a single line: no full stop, no line
    break (a scraped page that lost its punctuation). For benchmarks and tests."""
    rng = random.Random(seed)
    parts, total, i = [], 0, 0
    while total < chars:
        i += 1
        count = f"{rng.randint(1, 40) * 250 + i % 250:,}".replace(",", ".")
        clause = (
            f"{rng.choice(_SUBJECTS)} {rng.choice(_VERBS)} pada {rng.choice(_DAYS)} "
            f"({rng.randint(1, 28)}/{rng.randint(1, 12)}) bahwa {count} {rng.choice(_NOUNS)} "
            f"tiba di {rng.choice(_PLACES)} {rng.choice(_ASIDES)}"
        )
        piece = f"{clause} dan " if one_line else clause + (".\n\n" if i % 5 == 0 else ". ")
        parts.append(piece)
        total += len(piece)
    return "".join(parts)[:chars].rstrip()


class _World:
    """Actors of every side (some through an affiliation), outlets and articles to hang the
    benchmark's claims on."""

    def __init__(self, actors, articles):
        self.actors, self.articles = actors, articles

    @classmethod
    def make(cls):
        outlets = [
            Outlet.objects.create(name=f"Benchmark outlet {i}", slug=f"benchmark-outlet-{i}")
            for i in range(5)
        ]
        actors = []
        for code in ("KP", "RU", "UA", "US", "KR", ""):
            government = Actor.objects.create(
                name=f"Benchmark {code or 'body'}", slug=f"benchmark-{code or 'body'}", country=code
            )
            member = Actor.objects.create(
                name=f"Benchmark {code or 'body'} spokesperson",
                slug=f"benchmark-{code or 'body'}-spokesperson",
                kind="person",
                affiliation=government,
            )
            actors += [government, member]
        body = "Pejabat itu mengatakan sekitar 10.000 pasukan telah dikirim, kata sumber itu."
        articles = Article.objects.bulk_create(
            Article(
                slug=f"benchmark-article-{i}",
                title=f"Benchmark article {i}",
                body=body,
                raw=body,
                source_name=f"benchmark-{i}.txt",
                content_hash=hashlib.sha256(f"benchmark {i}".encode()).hexdigest(),
                outlet=outlets[i % len(outlets)],
                published_on=date(2020, 1, 1) + timedelta(days=i % 2000),
            )
            for i in range(1000)
        )
        return cls(actors, articles)

    def add_claims(self, start: int, count: int):
        """`count` claims over five years, of every kind and precision, a few drafts and
        undated ones among them."""
        batch = []
        for i in range(start, start + count):
            kind = KINDS[i % len(KINDS)]
            counted = kind in Claim.COUNT_KINDS
            batch.append(
                Claim(
                    article=self.articles[i % len(self.articles)],
                    start=0,
                    end=8,
                    quote="Pejabat ",
                    actor=self.actors[(i * 7) % len(self.actors)],
                    kind=kind,
                    number=1000 + (i * 37) % 20000 if counted else None,
                    number_max=(1000 + (i * 37) % 20000 + 500) if counted and i % 5 == 0 else None,
                    stated_on=None
                    if i % 97 == 96
                    else date(2020, 1, 1) + timedelta(days=(i * 13) % 1826),
                    stated_precision=PRECISIONS[i % len(PRECISIONS)],
                    status="draft" if i % 11 == 10 else "reviewed",
                )
            )
            if len(batch) == 5000:
                Claim.objects.bulk_create(batch)
                batch = []
        Claim.objects.bulk_create(batch)
