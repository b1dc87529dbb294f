from datetime import date
from io import StringIO
from pathlib import Path

import pytest
from django.core.management import CommandError, call_command
from django.utils import timezone, translation

from articles.loader import source_of, too_large
from articles.models import Article, DateSource, Outlet

pytestmark = pytest.mark.django_db

SEEDS = Path(__file__).resolve().parents[2] / "seeds"
HEADLINE = "Korut Membantah Kirim Pasukan"
TEXT = f"{HEADLINE}\n\nKabar Test – Korea Utara pada Rabu (30/10) membantah mengirim pasukan.\n"


def load(*paths, dry_run=False):
    out = StringIO()
    args = [str(p) for p in paths] + (["--dry-run"] if dry_run else [])
    call_command("load_articles", *args, stdout=out)
    return out.getvalue()


def test_seeds_load_with_title_outlet_and_dated_provenance():
    output = load(SEEDS)

    assert "5 created, 0 updated, 0 unchanged, 0 failed" in output
    rows = {a.source_name: a for a in Article.objects.select_related("outlet")}
    us_korea = rows["001_19298bd37c9aef41.txt"]
    assert us_korea.title == "AS-Korsel Minta Korut agar Tarik Pasukannya dari Rusia"
    assert us_korea.outlet.name == "MedanPunya"
    assert (us_korea.published_on, us_korea.published_precision) == (date(2024, 10, 30), "day")
    # "pada Rabu (30/10) menyerukan" is the day of the call it reports: the article
    # appeared then or up to two days after.
    assert us_korea.published_latest == date(2024, 11, 1)
    assert us_korea.published_evidence == "Rabu (30/10)"
    assert us_korea.published_source == DateSource.INFERRED
    g7 = rows["004_94293ff1223a6253.txt"]
    assert (g7.published_on, g7.published_latest) == (date(2024, 11, 6), None)  # "kemarin"
    assert g7.published_evidence == "Selasa (5/11/2024) kemarin"
    # The text only mentions the start of the war: that is no publication date.
    assert rows["000_2f762fd43caf024c.txt"].published_on is None
    assert "Bagikan:" not in rows["000_2f762fd43caf024c.txt"].body


def test_loading_twice_creates_and_changes_nothing():
    load(SEEDS)
    before = list(Article.objects.order_by("pk").values("pk", "slug", "updated_at"))
    outlets = Outlet.objects.count()

    output = load(SEEDS)

    assert "0 created, 0 updated, 5 unchanged, 0 failed" in output
    assert output.count("unchanged  ") == 5
    assert list(Article.objects.order_by("pk").values("pk", "slug", "updated_at")) == before
    assert Outlet.objects.count() == outlets
    in_use = Outlet.objects.filter(articles__isnull=False).values_list("name", flat=True)
    assert sorted(in_use) == ["MedanPunya", "Resistensi.id", "TIMES JABAR"]


def test_changed_file_updates_its_article_in_place(tmp_path):
    path = tmp_path / "story.txt"
    path.write_text(TEXT, encoding="utf-8")
    load(path)
    article = Article.objects.get()

    path.write_text(TEXT.replace("membantah", "dengan tegas membantah"), encoding="utf-8")
    output = load(path)

    updated = Article.objects.get()
    assert "1 updated" in output
    assert (updated.pk, updated.slug) == (article.pk, article.slug)
    assert "dengan tegas membantah" in updated.body


def test_editor_corrections_survive_a_reload_of_changed_text(tmp_path):
    path = tmp_path / "story.txt"
    path.write_text(TEXT, encoding="utf-8")
    load(path)
    Article.objects.update(
        title="Korea Utara membantah",
        published_on=date(2024, 10, 31),
        published_source=DateSource.EDITOR,
    )

    path.write_text(TEXT + "\nParagraf baru.\n", encoding="utf-8")
    load(path)

    article = Article.objects.get()
    assert article.title == "Korea Utara membantah"
    assert article.published_on == date(2024, 10, 31)
    assert "Paragraf baru." in article.body


STATED = (
    "Korut Membantah Kirim Pasukan\n\nKamis, 31 Oktober 2024 | 09:12 WIB\n\n"
    "Kabar Test – Korea Utara pada Rabu (30/10) membantah mengirim pasukan.\n"
)


def test_a_stated_publication_line_loads_as_that_day_stated_in_the_text(tmp_path):
    path = tmp_path / "stated.txt"
    path.write_text(STATED, encoding="utf-8")

    output = load(path)

    article = Article.objects.get()
    assert (article.published_on, article.published_latest, article.published_precision) == (
        date(2024, 10, 31),
        None,
        "day",
    )
    assert article.published_source == DateSource.STATED
    assert article.published_evidence == "Kamis, 31 Oktober 2024 | 09:12 WIB"
    assert "2024-10-31 (day, stated in the text, from “Kamis, 31 Oktober 2024 | 09:12 WIB”)" in (
        output
    )


def test_an_event_dateline_loads_as_a_range_inferred_from_the_text(tmp_path):
    path = tmp_path / "story.txt"
    path.write_text(TEXT, encoding="utf-8")

    output = load(path)

    article = Article.objects.get()
    assert (article.published_on, article.published_latest) == (
        date(2024, 10, 30),
        date(2024, 11, 1),
    )
    assert article.published_source == DateSource.INFERRED
    assert "2024-10-30 to 2024-11-01 (inferred from the text, from “Rabu (30/10)”)" in output


def test_a_text_that_now_states_its_day_replaces_the_inferred_range(tmp_path):
    path = tmp_path / "story.txt"
    path.write_text(TEXT, encoding="utf-8")
    load(path)

    path.write_text(STATED, encoding="utf-8")
    load(path)

    article = Article.objects.get()
    assert (article.published_on, article.published_latest, article.published_source) == (
        date(2024, 10, 31),
        None,
        DateSource.STATED,
    )


def test_an_editors_range_survives_a_reload_of_changed_text(tmp_path):
    path = tmp_path / "story.txt"
    path.write_text(STATED, encoding="utf-8")
    load(path)
    Article.objects.update(
        published_on=date(2024, 10, 30),
        published_latest=date(2024, 10, 31),
        published_source=DateSource.EDITOR,
    )

    path.write_text(STATED + "\nParagraf baru.\n", encoding="utf-8")
    load(path)

    article = Article.objects.get()
    assert (article.published_on, article.published_latest, article.published_source) == (
        date(2024, 10, 30),
        date(2024, 10, 31),
        DateSource.EDITOR,
    )


@pytest.mark.parametrize(
    ("content", "reason"),
    [
        (b"", "empty file"),
        (b"  \n\r\n ", "empty file"),
        (b"Judul\x00\x01binary", "NUL"),
        (b"Judul\n\nKorea Utara \xff\xfe membantah", "not valid UTF-8"),
    ],
)
def test_bad_files_are_reported_while_the_good_ones_load(tmp_path, content, reason):
    (tmp_path / "a_good.txt").write_text(TEXT, encoding="utf-8")
    (tmp_path / "b_bad.txt").write_bytes(content)
    out = StringIO()

    with pytest.raises(CommandError) as failure:
        call_command("load_articles", str(tmp_path), stdout=out)

    assert failure.value.returncode == 1
    report = out.getvalue()
    assert "b_bad.txt" in report and reason in report
    assert "1 created, 0 updated, 0 unchanged, 1 failed" in report
    assert Article.objects.get().source_name == "a_good.txt"


def test_bom_and_crlf_load_as_plain_text(tmp_path):
    path = tmp_path / "windows.txt"
    path.write_bytes(b"\xef\xbb\xbf" + TEXT.replace("\n", "\r\n").encode())

    load(path)

    article = Article.objects.get()
    assert article.title == HEADLINE
    assert "\r" not in article.body and "\ufeff" not in article.body


def test_missing_path_fails_with_its_reason(tmp_path):
    out = StringIO()
    with pytest.raises(CommandError):
        call_command("load_articles", str(tmp_path / "nope.txt"), stdout=out)
    assert "no such file or folder" in out.getvalue()


def test_dry_run_writes_nothing():
    output = load(SEEDS, dry_run=True)

    assert "5 created" in output and "dry run" in output
    assert Article.objects.count() == 0


class Terminal(StringIO):
    def isatty(self):
        return True


def test_a_terminal_sees_a_progress_bar_when_there_are_many_files(tmp_path):
    for n in range(25):
        (tmp_path / f"{n:02}.txt").write_text(TEXT.replace("Rabu", f"Rabu {n} kali"))
    progress = StringIO()

    call_command("load_articles", str(tmp_path), stdout=Terminal(), stderr=progress)

    assert progress.getvalue().rstrip().endswith("[##############################] 25/25")
    assert Article.objects.count() == 25


def test_a_pipe_gets_no_progress_bar(tmp_path):
    for n in range(25):
        (tmp_path / f"{n:02}.txt").write_text(TEXT.replace("Rabu", f"Rabu {n} kali"))
    progress = StringIO()

    call_command("load_articles", str(tmp_path), stdout=StringIO(), stderr=progress)

    assert progress.getvalue() == ""


# --- Which file is which article -------------------------------------------------------


def test_a_file_of_the_same_name_in_another_folder_is_another_article(tmp_path):
    (tmp_path / "a").mkdir()
    (tmp_path / "b").mkdir()
    (tmp_path / "a" / "story.txt").write_text(TEXT, encoding="utf-8")
    other = TEXT.replace("Korut Membantah", "Rusia Membantah").replace("Korea Utara", "Rusia")
    (tmp_path / "b" / "story.txt").write_text(other, encoding="utf-8")

    first = load(tmp_path / "a")
    second = load(tmp_path / "b" / "story.txt")

    assert "1 created, 0 updated" in first
    assert "1 created, 0 updated" in second
    bodies = set(Article.objects.values_list("body", flat=True))
    assert len(bodies) == 2
    assert any("Korea Utara pada Rabu" in body for body in bodies)  # the first is intact


def test_a_file_is_the_same_article_however_it_is_named_on_the_command_line(tmp_path):
    (tmp_path / "a").mkdir()
    path = tmp_path / "a" / "story.txt"
    path.write_text(TEXT, encoding="utf-8")
    load(tmp_path)  # found in a folder
    path.write_text(TEXT.replace("membantah", "dengan tegas membantah"), encoding="utf-8")

    output = load(tmp_path / "a" / ".." / "a" / "story.txt")  # named directly

    assert "0 created, 1 updated" in output
    assert "dengan tegas membantah" in Article.objects.get().body


def test_a_file_named_like_a_seed_elsewhere_leaves_the_seed_article_and_its_claims(
    seeded, tmp_path
):
    seed = Article.objects.get(source_name="001_19298bd37c9aef41.txt")
    claims = list(seed.claims.values_list("pk", "start", "end"))
    assert claims
    (tmp_path / "001_19298bd37c9aef41.txt").write_text(TEXT, encoding="utf-8")

    output = load(tmp_path)

    assert "1 created, 0 updated" in output
    seed.refresh_from_db()
    assert "AS-Korsel" in seed.title
    assert list(seed.claims.values_list("pk", "start", "end")) == claims
    assert not seed.claims.filter(orphaned=True).exists()


def test_the_same_text_in_a_second_file_is_reported_as_the_article_it_already_is(tmp_path):
    (tmp_path / "a.txt").write_text(TEXT, encoding="utf-8")
    (tmp_path / "copy.txt").write_text(TEXT, encoding="utf-8")

    output = load(tmp_path)

    assert "1 created, 0 updated, 1 unchanged" in output
    assert "same text as" in output
    assert Article.objects.count() == 1


def test_the_article_keeps_every_file_it_was_loaded_from(client, tmp_path):
    (tmp_path / "a.txt").write_text(TEXT, encoding="utf-8")
    (tmp_path / "copy.txt").write_text(TEXT, encoding="utf-8")
    first = tmp_path / "a.txt"

    load(first)
    output = load(tmp_path / "copy.txt")

    article = Article.objects.get()
    a, copy = source_of(first), source_of(tmp_path / "copy.txt")
    assert f"(same text as {a}, recorded as another source of it)" in output
    assert list(article.sources.values_list("path", flat=True)) == [a, copy]
    assert article.source_path == a  # still the first file's article
    # Loading either again records nothing more.
    again = load(tmp_path)
    assert "recorded as another source" not in again
    assert article.sources.count() == 2
    # The article page's provenance lists both.
    html = client.get(article.get_absolute_url()).content.decode()
    assert "Source files" in html and a in html and copy in html


def test_a_dry_run_records_no_source(tmp_path):
    (tmp_path / "a.txt").write_text(TEXT, encoding="utf-8")
    (tmp_path / "copy.txt").write_text(TEXT, encoding="utf-8")
    load(tmp_path / "a.txt")

    output = load(tmp_path / "copy.txt", dry_run=True)

    assert "recorded as another source" in output  # what the real load would do
    assert Article.objects.get().sources.count() == 1


def test_an_article_loaded_before_paths_were_kept_is_found_again_by_its_name(tmp_path):
    path = tmp_path / "story.txt"
    path.write_text(TEXT, encoding="utf-8")
    load(path)
    Article.objects.update(source_path="")  # as the migration leaves older rows
    article = Article.objects.get()

    path.write_text(TEXT + "\nParagraf baru.\n", encoding="utf-8")
    output = load(path)

    assert "0 created, 1 updated" in output
    updated = Article.objects.get()
    assert updated.pk == article.pk
    assert updated.source_path == str(path.resolve())


# --- Article history -------------------------------------------------------------------


def test_a_changed_text_keeps_the_earlier_one(tmp_path):
    path = tmp_path / "story.txt"
    path.write_text(TEXT, encoding="utf-8")
    load(path)
    article = Article.objects.get()
    before_correction = timezone.now()

    path.write_text(TEXT.replace("membantah", "dengan tegas membantah"), encoding="utf-8")
    load(path)
    load(path)  # the same text again adds no revision

    article.refresh_from_db()
    first, second = article.revisions.all()
    assert "Korea Utara pada Rabu (30/10) membantah" in first.body
    assert first.raw == TEXT
    assert second.body == article.body
    assert article.text_at(before_correction) == first
    assert article.text_at(timezone.now()) == second


# --- Size ------------------------------------------------------------------------------


def test_the_size_of_a_file_too_large_is_rounded_and_written_in_the_readers_language(settings):
    settings.ARTICLE_MAX_BYTES = 1_000_000
    assert too_large(10_580_000).startswith("too large (10.6 MB; articles may be at most 1.0 MB")
    with translation.override("id"):
        assert too_large(10_580_000).startswith(
            "terlalu besar (10,6 MB; artikel paling besar 1,0 MB"
        )


def test_an_article_over_the_size_limit_is_refused_with_its_reason(tmp_path):
    big = tmp_path / "big.txt"
    big.write_text(HEADLINE + "\n\n" + "Korea Utara membantah. " * 460_000, encoding="utf-8")
    (tmp_path / "small.txt").write_text(TEXT, encoding="utf-8")
    out = StringIO()

    with pytest.raises(CommandError):
        call_command("load_articles", str(tmp_path), stdout=out)

    report = out.getvalue()
    assert "failed" in report and "big.txt: too large (10.6 MB" in report
    assert "DJANGO_ARTICLE_MAX_BYTES" in report
    assert "1 created, 0 updated, 0 unchanged, 1 failed" in report
    assert Article.objects.get().source_name == "small.txt"


def test_the_size_limit_is_a_setting(tmp_path, settings):
    settings.ARTICLE_MAX_BYTES = len(TEXT.encode()) - 1
    (tmp_path / "story.txt").write_text(TEXT, encoding="utf-8")

    with pytest.raises(CommandError):
        load(tmp_path)

    assert not Article.objects.exists()
    settings.ARTICLE_MAX_BYTES = len(TEXT.encode())
    assert "1 created" in load(tmp_path)


# --- Reporting as it goes --------------------------------------------------------------


class Watching(StringIO):
    """Notes how many articles were stored when each report line was written."""

    def __init__(self):
        super().__init__()
        self.stored_at_line = []

    def write(self, text):
        if text.startswith("created"):
            self.stored_at_line.append(Article.objects.count())
        return super().write(text)


def test_each_file_is_reported_as_soon_as_its_batch_is_stored():
    out = Watching()

    call_command("load_articles", str(SEEDS), "--batch-size", "2", stdout=out)

    assert out.stored_at_line == [2, 2, 4, 4, 5]
