"""Loading in batches: what a run reads once, what each file costs, and a file that fails or
collides inside a batch failing or being tried again alone."""

from io import StringIO
from pathlib import Path

import pytest
from django.core.management import CommandError, call_command
from django.db import connection
from django.test.utils import CaptureQueriesContext

from articles import loader
from articles.ingest import parse_article
from articles.models import Article, Outlet

pytestmark = pytest.mark.django_db

SEEDS = Path(__file__).resolve().parents[2] / "seeds"


def text(n: int, *, words: str = "membantah mengirim pasukan") -> str:
    return (
        f"Korut Membantah Kabar Nomor {n}\n\n"
        f"JAKARTA, KOMPAS.com – Korea Utara pada Rabu (30/10) {words} ke-{n}.\n"
    )


def folder(tmp_path: Path, count: int, start: int = 0) -> Path:
    where = tmp_path / f"from-{start}"
    where.mkdir()
    for n in range(start, start + count):
        (where / f"{n:03}.txt").write_text(text(n), encoding="utf-8")
    return where


def load(path: Path, *args: str) -> str:
    out = StringIO()
    call_command("load_articles", str(path), *args, stdout=out)
    return out.getvalue()


def queries_to_load(path: Path) -> list[str]:
    with CaptureQueriesContext(connection) as captured:
        load(path)
    return [query["sql"] for query in captured]


def test_a_new_file_costs_its_writes_only(tmp_path):
    load(folder(tmp_path, 1, start=900))  # the outlet exists from here on
    five = queries_to_load(folder(tmp_path, 5))
    ten = queries_to_load(folder(tmp_path, 10, start=100))

    per_file = ten[len(five) :]
    assert len(ten) - len(five) == 5 * 5
    # No look-up per file: its savepoint, its article, its text's revision, its source file.
    verbs = sorted({sql.split()[0] for sql in per_file})
    assert verbs == ["INSERT", "RELEASE", "SAVEPOINT"], per_file
    assert Article.objects.count() == 16


def test_loading_again_reads_each_stored_article_once(tmp_path):
    where = folder(tmp_path, 5)
    load(where)

    again = queries_to_load(where)

    selects = [sql for sql in again if sql.startswith("SELECT")]
    reads = [sql for sql in selects if 'WHERE ("articles_article"."content_hash"' in sql]
    assert len(reads) == 5  # the article each unchanged file reports
    assert not [sql for sql in again if sql.split()[0] in ("INSERT", "UPDATE", "DELETE")]


REFUSE = """
CREATE FUNCTION test_refuse_article() RETURNS trigger AS $$
BEGIN
    IF NEW.body LIKE '%ditolak%' THEN
        RAISE EXCEPTION 'not this one' USING ERRCODE = '22023';
    END IF;
    RETURN NEW;
END $$ LANGUAGE plpgsql;
CREATE TRIGGER test_refuse_article BEFORE INSERT ON articles_article
    FOR EACH ROW EXECUTE FUNCTION test_refuse_article();
"""


def test_a_file_the_database_refuses_fails_alone_in_its_batch(tmp_path):
    where = folder(tmp_path, 3)
    (where / "001.txt").write_text(text(1, words="ditolak"), encoding="utf-8")
    with connection.cursor() as cursor:
        cursor.execute(REFUSE)
    out = StringIO()

    with pytest.raises(CommandError):
        call_command("load_articles", str(where), "--batch-size", "10", stdout=out)

    report = out.getvalue()
    assert "failed     " in report and "001.txt: the database refused it: not this one" in report
    assert "2 created, 0 updated, 0 unchanged, 1 failed" in report
    assert sorted(Article.objects.values_list("source_name", flat=True)) == ["000.txt", "002.txt"]
    assert Article.objects.get(source_name="002.txt").revisions.count() == 1


def test_a_file_another_load_stored_meanwhile_is_tried_again_alone(tmp_path, monkeypatch):
    # What this run knows was read before another load stored 001.txt's text from elsewhere.
    before = loader.Known.read()
    elsewhere = tmp_path / "elsewhere.txt"
    elsewhere.write_text(text(1), encoding="utf-8")
    load(elsewhere)
    monkeypatch.setattr(loader.Known, "read", classmethod(lambda cls: before))
    where = folder(tmp_path, 3)

    report = load(where)

    assert "2 created, 0 updated, 1 unchanged, 0 failed" in report
    assert "001.txt: “Korut Membantah Kabar Nomor 1”" in report
    assert "same text as" in report and "recorded as another source of it" in report
    assert Article.objects.count() == 3
    assert Article.objects.get(source_name="elsewhere.txt").sources.count() == 2
    # Reported in order, each once.
    names = [line.split(": ")[0].split("/")[-1] for line in report.splitlines()[:3]]
    assert names == ["000.txt", "001.txt", "002.txt"]


def test_two_new_files_of_one_title_in_one_batch_get_two_slugs(tmp_path):
    where = tmp_path / "same"
    where.mkdir()
    (where / "a.txt").write_text(text(7), encoding="utf-8")
    (where / "b.txt").write_text(text(7, words="kembali membantah"), encoding="utf-8")

    load(where)

    assert sorted(Article.objects.values_list("slug", flat=True)) == [
        "korut-membantah-kabar-nomor-7",
        "korut-membantah-kabar-nomor-7-2",
    ]


def test_an_outlet_made_by_one_file_serves_the_next_in_its_batch(tmp_path):
    where = tmp_path / "new-outlet"
    where.mkdir()
    for n in range(3):
        body = (
            f"Judul Nomor {n}\n\nKABAR BARU, JAKARTA – Korea Utara pada Rabu (30/10) diam ke-{n}."
        )
        (where / f"{n}.txt").write_text(body, encoding="utf-8")

    load(where)

    outlet = Outlet.objects.get(name="KABAR BARU")
    assert outlet.articles.count() == 3


def test_a_dry_run_in_batches_stores_nothing_and_reports_every_file(tmp_path):
    where = folder(tmp_path, 5)

    report = load(where, "--dry-run", "--batch-size", "2")

    assert "5 created, 0 updated, 0 unchanged, 0 failed (dry run" in report
    assert not Article.objects.exists()


def test_the_batch_size_is_at_least_one(tmp_path):
    with pytest.raises(CommandError, match="at least 1"):
        load(folder(tmp_path, 1), "--batch-size", "0")


def test_many_files_are_read_in_worker_processes_and_reported_in_order(tmp_path, monkeypatch):
    pools = []

    class Watched(loader.ProcessPoolExecutor):
        def __init__(self, *args, **kwargs):
            super().__init__(*args, **kwargs)
            pools.append(self)

    monkeypatch.setattr(loader, "ProcessPoolExecutor", Watched)
    monkeypatch.setattr(loader.os, "cpu_count", lambda: 2)
    count = loader.PARALLEL_FROM + 10
    where = folder(tmp_path, count)
    (where / "017.txt").write_bytes(b"")
    out = StringIO()

    with pytest.raises(CommandError):
        call_command("load_articles", str(where), "--batch-size", "25", stdout=out)

    assert len(pools) == 1
    lines = out.getvalue().splitlines()[:count]
    assert [line.split(": ")[0].rsplit("/", 1)[-1] for line in lines] == [
        f"{n:03}.txt" for n in range(count)
    ]
    assert lines[17].startswith("failed") and "017.txt: empty file" in lines[17]
    assert f"{count - 1} created, 0 updated, 0 unchanged, 1 failed" in out.getvalue()
    # What the workers read is what this process reads.
    for article in Article.objects.all():
        parsed = parse_article(
            text(int(article.source_name[:3])), outlets=Outlet.objects.registry()
        )
        assert (article.title, article.body, article.published_on) == (
            parsed.title,
            parsed.body,
            parsed.published.value,
        )
