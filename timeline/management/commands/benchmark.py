"""`manage.py benchmark` (`make bench`): how fast the exports, the story page and loading are,
each as a ratio to what it is measured against, taken side by side in one run."""

import http.client
import os
import signal
import socket
import subprocess
import sys
import tempfile
import time
from contextlib import contextmanager
from pathlib import Path
from urllib.parse import quote

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.db import connection
from django.test.utils import override_settings

from articles.loader import load_paths
from articles.models import Article
from timeline.bench import anchors, fortunes
from timeline.bench.texts import article_text, large_article_text  # noqa: F401 (tests use it)
from timeline.bench.timing import Comparison, repeated, side_by_side, times_for
from timeline.bench.world import SLUG, World

SIZES = "50,5000,100000"
MEMORY_SIZES = "10000,100000,1000000"
MEMORY_SLUG = "bench-memory"
BASE = "http://127.0.0.1"


class Command(BaseCommand):
    help = (
        "Print how fast the CSV, JSON and TimelineJS exports, the story page and loading "
        "articles are, each as a ratio to its anchor (COPY of the same rows; a bare "
        "Fortunes page on the same server; COPY into a table with the same indexes), the two "
        "timed in turn (A B A B ..., medians), at 50, 5,000 and 100,000 claims; and the peak "
        "memory of the CSV export from 10,000 to 1,000,000 rows. Everything is made in a "
        "database of its own, created for the run and dropped after it: the dev and test "
        "data are never touched. Not a test: figures to read (make bench). Takes minutes."
    )

    def add_arguments(self, parser):
        parser.add_argument("--sizes", default=SIZES, help=f"Claim counts (default {SIZES}).")
        parser.add_argument(
            "--memory-sizes",
            default=MEMORY_SIZES,
            help=f"Claim counts whose CSV export's peak memory is read (default {MEMORY_SIZES}"
            "; 0: none).",
        )
        parser.add_argument("--rounds", type=int, default=5, help="Counted runs of each.")
        parser.add_argument(
            "--load-files", type=int, default=300, help="Articles loaded in each loading run."
        )
        parser.add_argument(
            "--quick",
            action="store_true",
            help="One round, 10 files, exports of 500 and 1,000 claims for the memory: to see "
            "that it all runs, not to quote.",
        )
        parser.add_argument(
            "--database",
            help="Name of the database the run creates and drops (default: the configured "
            "one's name followed by _bench).",
        )

    def handle(self, *args, sizes, memory_sizes, rounds, load_files, quick, database, **options):
        if quick:
            rounds, load_files, memory_sizes = 1, 10, "500,1000"
        try:
            targets = sorted(int(size) for size in sizes.split(","))
            memory = sorted(int(size) for size in memory_sizes.split(",") if int(size))
        except ValueError:
            raise CommandError("--sizes and --memory-sizes are comma-separated counts.") from None
        if rounds < 1 or load_files < 1 or not targets or min(targets) < 1:
            raise CommandError("Sizes, rounds and files are at least 1.")
        self.rounds, self.load_files = rounds, load_files
        name = database or f"{connection.settings_dict['NAME']}_bench"
        # Stopped (kill, a CI's time limit), it still stops its server and drops its database.
        signal.signal(signal.SIGTERM, lambda *_: sys.exit("benchmark stopped"))
        # As in production, no query log: what is measured in this process (loading, COPY)
        # runs as the server does.
        with override_settings(DEBUG=False), bench_database(name) as url, server(url) as port:
            self.port, self.url = port, url
            fortunes.create_table()
            world = World.make()
            self.stdout.write(
                f"Benchmark in the database {name} (made for this run, dropped after it): "
                f"each ratio is this one's speed over its anchor's, {rounds} round(s) side "
                "by side (A B A B), medians, min–max in brackets."
            )
            self.stdout.write(f"{'claims':>9}  {'what':<22}{'this':>16}   {'anchor':<48}ratio")
            for target in targets:
                world.grow(target)
                self.measure_exports(world)
                self.measure_page(world)
                self.measure_loading(world)
            if memory:
                self.measure_memory(World.make(slug=MEMORY_SLUG, actors=world.actors), memory)
        self.stdout.write(self.style.SUCCESS(f"Done; the database {name} is dropped."))

    # --- the figures

    def line(self, claims: int, what: str, this: str, anchor: str, comparison: Comparison):
        low, high = min(comparison.ratios), max(comparison.ratios)
        self.stdout.write(
            f"{claims:>9,}  {what:<22}{this:>16}   {anchor:<48}{comparison.ratio:.3f}× "
            f"({low:.3f}–{high:.3f})"
        )

    def measure_exports(self, world: World):
        story = world.story
        rows = anchors.export_rows(story)
        params = {"story": story.pk, "base": f"{BASE}:{self.port}"}
        exports = (
            ("CSV export", "export.csv", anchors.CSV, "COPY of the same rows"),
            ("JSON export", "export.json", anchors.JSON, "COPY of json_build_object rows"),
            ("TimelineJS export", "export/timelinejs.json", anchors.TIMELINEJS, "the same"),
        )
        for what, address, statement, anchor in exports:
            path = f"/stories/{story.slug}/{address}"
            comparison = side_by_side(
                lambda path=path: self.get(path),
                lambda statement=statement: anchors.copy_out(statement, params),
                rounds=self.rounds,
            )
            self.line(
                world.claims,
                what,
                f"{rows / comparison.a_median:,.0f} rows/s",
                f"{anchor}: {rows / comparison.b_median:,.0f} rows/s",
                comparison,
            )

    def measure_page(self, world: World):
        page, bare = world.story.get_absolute_url(), "/bench/fortunes/"
        self.get(page)  # the first request compiles templates, fills caches
        story_many = times_for(lambda: self.get(page), seconds=0.5)
        bare_many = times_for(lambda: self.get(bare), seconds=0.5)
        comparison = side_by_side(
            repeated(lambda: self.get(page), story_many),
            repeated(lambda: self.get(bare), bare_many),
            rounds=self.rounds,
        )
        per_request = Comparison(
            [t / story_many for t in comparison.a], [t / bare_many for t in comparison.b]
        )
        self.line(
            world.claims,
            "story page",
            f"{1 / per_request.a_median:,.1f} req/s",
            f"a bare Fortunes page, same server: {1 / per_request.b_median:,.0f} req/s",
            per_request,
        )

    def measure_loading(self, world: World):
        """`load_articles`' work (load_paths, in this process) on new files, against COPY of
        the very rows it stored into a table LIKE the articles' with all its indexes."""
        with tempfile.TemporaryDirectory(prefix="bench-articles-") as folder:
            for n in range(self.load_files):
                seed = 7_000_000 + world.claims * 10 + n
                Path(folder, f"{n:05}.txt").write_text(article_text(seed), encoding="utf-8")
            prefix = str(Path(folder).resolve())

            def load():
                report = load_paths([folder])
                if report.failed:
                    raise CommandError(f"loading failed: {report.failed[0].reason}")

            def unload():
                Article.objects.filter(source_path__startswith=prefix).delete()

            load()  # the rows COPY writes are the very ones the loader stored
            rows = anchors.article_rows("source_path LIKE %s", [f"{prefix}%"])
            hashes = [row[anchors.ARTICLE_COLUMNS.index("content_hash")] for row in rows]
            unload()
            anchors.make_article_copy_table()
            comparison = side_by_side(
                load,
                lambda: anchors.copy_articles(rows),
                rounds=self.rounds,
                warmup=0,
                after_a=unload,
                after_b=lambda: anchors.remove_copied_articles(hashes),
            )
        files = self.load_files
        self.line(
            world.claims,
            "load_articles",
            f"{files / comparison.a_median:,.0f} articles/s",
            f"COPY, table with the same indexes: {files / comparison.b_median:,.0f}/s",
            comparison,
        )

    def measure_memory(self, world: World, sizes: list[int]):
        """The CSV export, each time in a process of its own, read to its end."""
        peaks = []
        for size in sizes:
            world.grow(size)
            rows = anchors.export_rows(world.story)
            sent, peak = self.export_in_a_process(f"/stories/{world.story.slug}/export.csv")
            peaks.append(peak)
            self.stdout.write(
                f"{size:>9,}  {'CSV export memory':<22}{peak:>13.1f} MB   "
                f"{f'{rows:,} rows, {sent / 1e6:,.1f} MB sent':<48}"
                f"{peak / peaks[0]:.2f}× the first"
            )

    # --- talking to the server and the memory process

    def get(self, path: str) -> int:
        """GET `path` from the server and read the whole response; its size in bytes."""
        client = http.client.HTTPConnection("127.0.0.1", self.port, timeout=900)
        try:
            client.request("GET", path)
            response = client.getresponse()
            size = 0
            while block := response.read(1 << 16):
                size += len(block)
            if response.status != 200:
                raise CommandError(f"{path}: HTTP {response.status}")
            return size
        finally:
            client.close()

    def export_in_a_process(self, path: str) -> tuple[int, float]:
        done = subprocess.run(
            [sys.executable, "-m", "timeline.bench.memory", path],
            env=_server_environment(self.url),
            cwd=settings.BASE_DIR,
            capture_output=True,
            text=True,
            check=False,
        )
        if done.returncode:
            raise CommandError(f"the export in its own process failed: {done.stderr[-2000:]}")
        sent, peak = done.stdout.split()
        return int(sent), float(peak)


@contextmanager
def bench_database(name: str):
    """A database of its own for the run, migrated, dropped at the end (Django's test
    database machinery, under another name): yields its URL for the server."""
    creation = connection.creation
    connection.settings_dict["TEST"] = {**connection.settings_dict.get("TEST", {}), "NAME": name}
    old_name = connection.settings_dict["NAME"]
    creation.create_test_db(verbosity=0, autoclobber=True, serialize=False)
    try:
        yield _database_url(connection.settings_dict)
    finally:
        connection.close()
        creation.destroy_test_db(old_name, verbosity=0)


def _database_url(database: dict) -> str:
    user = quote(database.get("USER") or "", safe="")
    password = quote(database.get("PASSWORD") or "", safe="")
    credentials = f"{user}:{password}@" if password else (f"{user}@" if user else "")
    host = quote(database.get("HOST") or "", safe="")
    port = f":{database['PORT']}" if database.get("PORT") else ""
    return f"postgres://{credentials}{host}{port}/{quote(database['NAME'], safe='')}"


def _server_environment(url: str) -> dict:
    return {
        **os.environ,
        "DATABASE_URL": url,
        "DJANGO_SETTINGS_MODULE": "timeline.bench.settings",
        # The settings are read as in development (no secret key or host list needed) and
        # then run as in production (timeline.bench.settings: DEBUG off).
        "DJANGO_DEBUG": "true",
        # A benchmark measures how long things take: no statement is cut short.
        "DJANGO_DB_STATEMENT_TIMEOUT": "0",
    }


@contextmanager
def server(url: str):
    """gunicorn serving the project (and the bare page) from the run's database, one
    worker, on a free port of 127.0.0.1; stopped at the end. Yields the port."""
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    process = subprocess.Popen(
        [
            sys.executable, "-m", "gunicorn", "config.wsgi:application",
            "--bind", f"127.0.0.1:{port}", "--workers", "1", "--timeout", "900",
            "--log-level", "warning",
        ],
        env=_server_environment(url),
        cwd=settings.BASE_DIR,
    )  # fmt: skip
    try:
        _wait_for(port, process)
        yield port
    finally:
        process.terminate()
        try:
            process.wait(timeout=20)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()


def _wait_for(port: int, process: subprocess.Popen, seconds: float = 60):
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise CommandError(f"the benchmark's server stopped (exit {process.returncode})")
        try:
            with socket.create_connection(("127.0.0.1", port), timeout=1):
                return
        except OSError:
            time.sleep(0.2)
    raise CommandError("the benchmark's server did not start within a minute")


__all__ = ["Command", "SLUG", "large_article_text"]
