"""Two loads of the same files at the same time: both finish and report, nothing twice.

The race is made certain rather than hoped for: each load waits, after it has looked for the
article and found none, until the other has looked too; only then do both write.
"""

import shutil
import threading
from io import StringIO
from pathlib import Path

import pytest
from django.core.management import CommandError, call_command
from django.db import connection

from articles import loader
from articles.models import Article, Outlet

SEEDS = Path(__file__).resolve().parents[2] / "seeds"
SEED = "001_19298bd37c9aef41.txt"


def both_at_once(monkeypatch, first, second):
    """Run `load_articles first` and `load_articles second` in two threads, both past their
    look-up before either stores; return each one's (exit code, report)."""
    looked = threading.Barrier(2, timeout=30)
    real_slug = loader._unique_slug
    waited = threading.local()

    def slug_after_both_looked(title):
        if not getattr(waited, "done", False):  # only the first time, not on a retry
            waited.done = True
            looked.wait()
        return real_slug(title)

    monkeypatch.setattr(loader, "_unique_slug", slug_after_both_looked)
    results = [None, None]

    def run(i):
        out = StringIO()
        try:
            call_command("load_articles", str((first, second)[i]), stdout=out, stderr=StringIO())
            results[i] = (0, out.getvalue())
        except CommandError as error:
            results[i] = (error.returncode, out.getvalue())
        except Exception as error:  # a traceback the user would have seen
            results[i] = ("crashed", f"{type(error).__name__}: {error}")
        finally:
            connection.close()

    threads = [threading.Thread(target=run, args=(i,)) for i in range(2)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)
    return results


@pytest.mark.django_db(transaction=True)
def test_two_loads_of_the_same_file_at_once_both_finish_and_store_it_once(monkeypatch):
    results = both_at_once(monkeypatch, SEEDS / SEED, SEEDS / SEED)

    assert [code for code, _ in results] == [0, 0], results
    reports = sorted(report for _, report in results)
    assert "1 created, 0 updated, 0 unchanged, 0 failed" in reports[0]
    assert "0 created, 0 updated, 1 unchanged, 0 failed" in reports[1]
    assert Article.objects.count() == 1
    assert Outlet.objects.filter(name="MedanPunya").count() == 1  # made once
    assert Article.objects.get().revisions.count() == 1


@pytest.mark.django_db(transaction=True)
def test_two_new_articles_of_the_same_title_at_once_get_two_slugs(monkeypatch, tmp_path):
    (tmp_path / "a").mkdir()
    (tmp_path / "b").mkdir()
    shutil.copy(SEEDS / SEED, tmp_path / "a" / SEED)
    changed = (SEEDS / SEED).read_text(encoding="utf-8") + "\nKoreksi: paragraf baru.\n"
    (tmp_path / "b" / SEED).write_text(changed, encoding="utf-8")

    results = both_at_once(monkeypatch, tmp_path / "a", tmp_path / "b")

    assert [code for code, _ in results] == [0, 0], results
    for _, report in results:
        assert "1 created, 0 updated, 0 unchanged, 0 failed" in report
    assert Outlet.objects.filter(name="MedanPunya").count() == 1  # made once
    assert sorted(Article.objects.values_list("slug", flat=True)) == [
        "as-korsel-minta-korut-agar-tarik-pasukannya-dari-rusia",
        "as-korsel-minta-korut-agar-tarik-pasukannya-dari-rusia-2",
    ]
