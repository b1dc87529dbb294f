"""Loading article files into the database: in batches, one savepoint per file, idempotent.

A file (a .txt article or a saved .html/.htm page) is known by where it is (`source_of`):
the same file loaded again with the same text is unchanged, with a changed text it updates
its article in place (same id, same slug) and the earlier text is kept as a revision; a file
of the same name in another folder is another article. A text already stored, from whatever
file, is that article, unchanged, and the file is recorded as another of its sources. What
an editor corrected (title, outlet, wire, date, language) is kept across reloads.

A run reads what it looks up (texts, files, slugs, outlets: `Known`) once, then stores the
files BATCH_SIZE to a transaction, each file in a savepoint of its own: a file that fails
is rolled back alone and reported alone, and each file's line is reported once its batch
has committed. Many files are read and parsed in worker processes meanwhile (reading is
pure); they are stored, and reported, in order.
"""

import hashlib
import multiprocessing
import os
from collections import defaultdict, deque
from collections.abc import Callable
from concurrent.futures import ProcessPoolExecutor
from contextlib import contextmanager
from contextvars import ContextVar
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

import psycopg
from django.conf import settings
from django.db import DataError, IntegrityError, OperationalError, transaction
from django.db.models import Q
from django.utils.formats import number_format
from django.utils.text import slugify
from django.utils.translation import gettext as _
from django.utils.translation import pgettext, pgettext_lazy

from articles.dates import STATED, FoundDate
from articles.ingest import (
    ArticleError,
    OutletRegistry,
    ParsedArticle,
    decode,
    parse_article,
)
from articles.language import detect_language
from articles.models import (
    SOURCE_PATH_MAX,
    Article,
    ArticleRevision,
    ArticleSource,
    DateSource,
    Outlet,
    Precision,
)
from articles.signals import article_text_changed

# Addresses under /articles/ that are pages, not articles: no article may take them.
RESERVED_SLUGS = {"add", "upload"}
CREATED, UPDATED, UNCHANGED, FAILED = "created", "updated", "unchanged", "failed"
# What a report line calls each, in the reader's language.
STATUS_WORDS = {
    CREATED: pgettext_lazy("load result", "created"),
    UPDATED: pgettext_lazy("load result", "updated"),
    UNCHANGED: pgettext_lazy("load result", "unchanged"),
    FAILED: pgettext_lazy("load result", "failed"),
}
# Another load storing the same file at the same moment makes our insert fail; by then it
# has committed (PostgreSQL made the insert wait for it), so looking again finds its row.
# A few attempts are plenty: each one sees everything committed before it.
ATTEMPTS = 3
# Files stored in one transaction. Each costs only its writes (no look-ups, see Known); the
# commit, a round trip and a flush to disk, is shared by the batch.
BATCH_SIZE = 100


@dataclass
class FileResult:
    path: Path
    status: str
    article: Article | None = None
    reason: str = ""


@dataclass
class LoadReport:
    results: list[FileResult] = field(default_factory=list)

    @property
    def counts(self) -> dict[str, int]:
        counts = dict.fromkeys((CREATED, UPDATED, UNCHANGED, FAILED), 0)
        for result in self.results:
            counts[result.status] += 1
        return counts

    @property
    def failed(self) -> list[FileResult]:
        return [r for r in self.results if r.status == FAILED]


ARTICLE_SUFFIXES = (".txt", ".html", ".htm")
HTML_SUFFIXES = (".html", ".htm")


def article_files(paths) -> tuple[list[Path], list[FileResult]]:
    """The articles (.txt, .html, .htm: ARTICLE_SUFFIXES, any case) found recursively in
    folders, sorted, and the files named; missing paths fail."""
    files, missing = [], []
    for raw in paths:
        path = Path(raw)
        if path.is_dir():
            found = (p for p in path.rglob("*") if p.suffix.lower() in ARTICLE_SUFFIXES)
            files.extend(sorted(p for p in found if p.is_file()))
        elif path.is_file():
            files.append(path)
        else:
            missing.append(FileResult(path, FAILED, reason=_("no such file or folder")))
    return files, missing


def source_of(path: Path) -> str:
    """Which file `path` is, as an article remembers it: its path inside the project folder
    (`seeds/001.txt`), so that a checkout moved elsewhere, embedded database and all, still
    knows its files; else its absolute path. Links and `..` are resolved: one file has one
    name however the command line reaches it."""
    resolved = path.resolve()
    try:
        return resolved.relative_to(Path(settings.BASE_DIR).resolve()).as_posix()
    except ValueError:
        return resolved.as_posix()


def load_paths(
    paths,
    *,
    dry_run=False,
    today: date | None = None,
    on_result: Callable[[FileResult, int, int], None] | None = None,
    batch_size: int = BATCH_SIZE,
) -> LoadReport:
    """Load every file of `paths`, `batch_size` files to a transaction; `on_result(result,
    done, total)` hears of each file as soon as its batch is stored (committed), so that a
    run cut short has said what it stored.

    A file that collides with another load storing the same thing at the same moment ends
    its batch: what the batch stored commits (so that the other load, which may be waiting
    for it, can finish), and the file is tried again on its own, looking everything up
    afresh."""
    files, missing = article_files(paths)
    report = LoadReport()
    total = len(missing) + len(files)

    def tell(results):
        for result in results:
            report.results.append(result)
            if on_result:
                on_result(result, len(report.results), total)

    tell(missing)
    known = Known.read()

    def store(prepared, *, known, attempts):
        path, source, parsed = prepared
        if isinstance(parsed, FileResult):
            return parsed
        return _store_parsed(
            parsed,
            path=path,
            source=source,
            dry_run=dry_run,
            today=today,
            corrections=None,
            known=known,
            attempts=attempts,
        )

    prepared = _prepared_files(files, today=today, registry=known.registry, ahead=batch_size)
    left = len(files)
    while left:
        results, collided = [], None
        with transaction.atomic():
            while left and len(results) < batch_size:
                file, left = next(prepared), left - 1
                result = store(file, known=known, attempts=1)
                if result is COLLIDED:
                    collided = file
                    break
                results.append(result)
        tell(results)
        if collided:
            tell([store(collided, known=known.afresh(), attempts=ATTEMPTS)])
    return report


# Files read and parsed in worker processes, one per processor, while this one stores: the
# reading is pure and costs as much as the storing. Fewer files than this parse here, faster
# than the workers would start.
PARALLEL_FROM = 50
_worker_context: dict = {}


def _prepare(path: Path, *, today, registry: OutletRegistry):
    """(path, source, what its text says or why it failed) for one file: no database."""
    try:
        data = read_article(path)
        source = source_of(path)
    except (ArticleError, OSError) as error:
        return path, "", FileResult(path, FAILED, reason=str(error))
    return path, source, _parsed(data, path=path, source=source, today=today, registry=registry)


def _prepare_in_worker(paths: list[Path]) -> list:
    return [_prepare(path, **_worker_context) for path in paths]


def _start_worker(today, registry):
    _worker_context.update(today=today, registry=registry)


def _prepared_files(files: list[Path], *, today, registry, ahead: int):
    """_prepare of each file, in order; in worker processes when there are many files, at
    most `ahead` files parsed ahead of the one being stored (memory stays bounded)."""
    workers = os.cpu_count() or 1
    if len(files) < PARALLEL_FROM or workers < 2:
        for path in files:
            yield _prepare(path, today=today, registry=registry)
        return
    detect_language("Bahasa Indonesia.")  # loaded once here, shared by the forked workers
    chunk = 10
    chunks = [files[i : i + chunk] for i in range(0, len(files), chunk)]
    context = multiprocessing.get_context("fork")
    with ProcessPoolExecutor(workers, context, _start_worker, (today, registry)) as pool:
        pending = deque()
        for part in chunks:
            pending.append(pool.submit(_prepare_in_worker, part))
            while len(pending) * chunk > ahead + chunk:
                yield from pending.popleft().result()
        while pending:
            yield from pending.popleft().result()


def is_page(name: str) -> bool | None:
    """Whether a file of this name is a saved web page: yes for .html/.htm, else None (a
    .txt may be one too: parse_article looks)."""
    return True if Path(name).suffix.lower() in HTML_SUFFIXES else None


def load_file(
    path: Path,
    *,
    dry_run=False,
    today: date | None = None,
    known: "Known | None" = None,
    attempts: int = ATTEMPTS,
) -> FileResult:
    try:
        data = read_article(path)
        source = source_of(path)
    except (ArticleError, OSError) as error:
        return FileResult(path, FAILED, reason=str(error))
    return load_data(
        data,
        path=path,
        source=source,
        dry_run=dry_run,
        today=today,
        known=known,
        attempts=attempts,
    )


@dataclass(frozen=True)
class Corrections:
    """What an editor set by hand before the article was stored (the browser's form): each
    value given replaces the one the text gave, and later loads keep it as an editor's."""

    title: str = ""
    outlet: str = ""  # an outlet's name
    published_on: date | None = None  # a day; the text's date (or range) is then set aside
    url: str = ""


# What load_data returns, with `attempts=1`, for a file that collided with another load.
COLLIDED = FileResult(Path(), FAILED, reason="collided with another load")


def load_data(
    data: bytes,
    *,
    path: Path,
    source: str,
    dry_run=False,
    today: date | None = None,
    corrections: Corrections | None = None,
    known: "Known | None" = None,
    attempts: int = ATTEMPTS,
) -> FileResult:
    """Load one article from the bytes of its file: what load_file does once it has read
    the file, and what the browser does with a pasted text or an uploaded file. `path` is
    the name its report line shows, `source` which file it is (see source_of); `known`
    what the run knows of the database (read once per run; else looked up here). Stored in
    a transaction of its own, or a savepoint in the caller's: on failure nothing of it is
    left. A collision with another load storing the same thing at the same moment is tried
    again, `attempts` times in all, looking everything up afresh; with `attempts=1` it
    returns COLLIDED."""
    known = known or Known.asking()
    parsed = _parsed(data, path=path, source=source, today=today, registry=known.registry)
    if isinstance(parsed, FileResult):
        return parsed
    return _store_parsed(
        parsed,
        path=path,
        source=source,
        dry_run=dry_run,
        today=today,
        corrections=corrections,
        known=known,
        attempts=attempts,
    )


def _parsed(
    data: bytes, *, path: Path, source: str, today, registry: OutletRegistry
) -> ParsedArticle | FileResult:
    """What the text of a file says (pure: no database), or why it cannot be an article."""
    try:
        parsed = parse_article(decode(data), today=today, outlets=registry, html=is_page(path.name))
    except ArticleError as error:
        return FileResult(path, FAILED, reason=str(error))
    if len(source) > SOURCE_PATH_MAX:
        return FileResult(
            path,
            FAILED,
            reason=_("path longer than %(most)s characters") % {"most": SOURCE_PATH_MAX},
        )
    return parsed


def _store_parsed(
    parsed: ParsedArticle,
    *,
    path: Path,
    source: str,
    dry_run: bool,
    today,
    corrections: Corrections | None,
    known: "Known",
    attempts: int,
) -> FileResult:
    """Store what a file's text says (see load_data)."""
    for attempt in range(1, attempts + 1):
        try:
            with transaction.atomic(), known.storing() as stored:
                result = _store(source, path.name, parsed, today=today, known=known)
                if corrections and result.status != UNCHANGED:
                    _correct(result.article, parsed, corrections, known)
                if dry_run:
                    transaction.set_rollback(True)
            if not dry_run:
                known.remember(stored)
            break
        except (IntegrityError, OperationalError) as error:
            if not _collided(error):
                raise
            if attempts == 1:
                return COLLIDED
            if attempt == attempts:
                reason = str(error).splitlines()[0]
                return FileResult(
                    path,
                    FAILED,
                    reason=_("other loads kept colliding: %(error)s") % {"error": reason},
                )
            known = known.afresh()
        except DataError as error:
            # A value the database cannot hold: this file fails, the others load.
            reason = str(error).splitlines()[0]
            return FileResult(
                path, FAILED, reason=_("the database refused it: %(error)s") % {"error": reason}
            )
    result.path = path
    return result


def report_line(result: FileResult) -> str:
    """One file's line in a load's report, the same in the command's output and on the
    browser's page: what happened, and the title, outlet and date the article got."""
    name, status = str(result.path), f"{STATUS_WORDS[result.status]:<10}"
    if result.status == FAILED:
        return f"{status} {name}: {result.reason}"
    article = result.article
    found = {
        "source": article.get_published_source_display(),
        "evidence": article.published_evidence,
        "precision": article.get_published_precision_display().lower(),
    }
    if article.published_is_range:
        date = _("%(first)s to %(last)s (%(source)s, from “%(evidence)s”)") % {
            "first": article.published_on.isoformat(),
            "last": article.published_latest.isoformat(),
            **found,
        }
    elif article.published_on:
        date = _("%(day)s (%(precision)s, %(source)s, from “%(evidence)s”)") % {
            "day": article.published_on.isoformat(),
            **found,
        }
    else:
        date = _("no date found")
    outlet = article.outlet.name if article.outlet else _("no outlet")
    if article.wire:
        outlet += " " + pgettext("relayed", "(from %(wire)s)") % {"wire": article.wire.name}
    line = f"{status} {name}: “{article.title}” · {outlet} · {article.language} · {date}"
    if result.reason:
        line += f" ({result.reason})"
    return line


def read_article(path: Path) -> bytes:
    """The file's bytes, refused when it is larger than settings.ARTICLE_MAX_BYTES (read no
    further than that: a huge file is never held in memory)."""
    with path.open("rb") as file:
        return read_at_most(file, size=lambda: path.stat().st_size)


def read_at_most(stream, *, size: Callable[[], int] | None = None) -> bytes:
    """A file's bytes (a file on disk, an upload), at most settings.ARTICLE_MAX_BYTES of
    them: a larger one raises ArticleError saying how large it is (`size()`, when known)."""
    limit = settings.ARTICLE_MAX_BYTES
    data = stream.read(limit + 1)
    if len(data) > limit:
        raise ArticleError(too_large(max(size() if size else 0, len(data))))
    return data


def too_large(size: int) -> str:
    limit = settings.ARTICLE_MAX_BYTES
    return _(
        "too large (%(size)s; articles may be at most %(most)s, see DJANGO_ARTICLE_MAX_BYTES)"
    ) % {
        "size": _megabytes(size),
        "most": _megabytes(limit),
    }


def _megabytes(size: int) -> str:
    # 1.2 MB; 1,2 MB in Indonesian. Rounded first: number_format cuts the digits it drops.
    return f"{number_format(round(size / 1_000_000, 1), 1)} MB"


def _collided(error: Exception) -> bool:
    """Whether `error` says that another load stored the same thing at the same moment: a
    unique row it inserted first, or a deadlock of two batches each waiting for the other's
    row (PostgreSQL ends one of them)."""
    return isinstance(error, IntegrityError) or isinstance(
        error.__cause__, psycopg.errors.DeadlockDetected
    )


def _store(source: str, name: str, parsed: ParsedArticle, *, today, known: "Known") -> FileResult:
    if article := known.article_with_text(parsed.content_hash):
        return _unchanged(article, source, name, known)

    article = known.article_of_file(source, name)
    if article is None:
        token = _loading.set(known)
        try:
            article = Article(slug=_unique_slug(parsed.title))
        finally:
            _loading.reset(token)
        _apply_metadata(article, parsed, known=known)
        status = CREATED
    else:
        previous = parse_article(
            article.raw, today=today, outlets=known.registry, html=is_page(article.source_name)
        )
        body_changed = article.body != parsed.body
        _apply_metadata(article, parsed, previous=previous, known=known)
        status = UPDATED
    article.source_path, article.source_name = source, name
    article.raw, article.body, article.content_hash = parsed.raw, parsed.body, parsed.content_hash
    article.save()
    ArticleRevision.objects.create(
        article=article,
        body=article.body,
        raw=article.raw,
        content_hash=article.content_hash,
        source_path=source,
    )
    _record_source(article, source, known)
    known.stored_article(article)
    if status == UPDATED and body_changed:
        article_text_changed.send(sender=Article, article=article)
    return FileResult(Path(source), status, article)


def _unchanged(article: Article, source: str, name: str, known: "Known") -> FileResult:
    # Loaded before paths were kept: from now on it is this file's article. (Unless the file
    # already has another one: then this text is only a copy of that article's.)
    legacy = not article.source_path and article.source_name == name
    if legacy and not known.file_has_article(source):
        Article.objects.filter(pk=article.pk).update(source_path=source)
        article.source_path = source
        known.stored_article(article)
    recorded = _record_source(article, source, known)
    reason = ""
    if article.source_path != source:
        other = article.source_path or article.source_name
        if recorded:
            reason = _("same text as %(other)s, recorded as another source of it")
        else:
            reason = _("same text as %(other)s")
        reason %= {"other": other}
    return FileResult(Path(source), UNCHANGED, article, reason=reason)


def _record_source(article: Article, source: str, known: "Known") -> bool:
    """Note that `article` was read from the file `source`; True when it is new. (Another
    load recording the same file at this moment is no conflict: one row either way.)"""
    if known.source_recorded(article, source):
        return False
    ArticleSource.objects.bulk_create(
        [ArticleSource(article=article, path=source)], ignore_conflicts=True
    )
    known.stored_source(article, source)
    return True


def _apply_metadata(
    article: Article,
    parsed: ParsedArticle,
    previous: ParsedArticle | None = None,
    *,
    known: "Known",
):
    """Take title, outlet, wire, language and date from the text, except where an editor
    corrected them: a value that differs from what the previous text gave was set by hand
    and is kept."""
    registry = known.registry
    if previous is None or article.title == previous.title:
        article.title, article.title_derived = parsed.title[:300], parsed.title_derived
    outlet_name = article.outlet.name if article.outlet_id else None
    if previous is None or outlet_name == _canonical(previous.outlet, registry):
        article.outlet = _outlet(parsed.outlet, known)
    wire_name = article.wire.name if article.wire_id else None
    if previous is None or wire_name == _canonical(previous.wire, registry):
        article.wire = _outlet(parsed.wire, known, wire=True)
    if previous is None or article.language == previous.language:
        article.language = parsed.language
    if article.published_source != DateSource.EDITOR:
        found = parsed.published if parsed.published and parsed.published.value else None
        article.published_on = found.value if found else None
        # A date inferred from an event is a range of days: never one made-up day.
        article.published_latest = found.latest if found else None
        article.published_precision = found.precision if found else Precision.DAY
        article.published_evidence = found.evidence[:300] if found else ""
        article.published_source = date_source(found)


def date_source(found: FoundDate | None) -> str:
    """Where a date the text gives came from: a publication line states it, anything else
    (an event's dateline) is inferred."""
    return DateSource.STATED if found is not None and found.kind == STATED else DateSource.INFERRED


def _correct(article: Article, parsed: ParsedArticle, corrections: Corrections, known: "Known"):
    """An editor's values over the text's (only those that differ: a title or outlet the
    editor left as the loader found it stays the text's, and follows the text)."""
    if corrections.title and corrections.title != parsed.title:
        article.title, article.title_derived = corrections.title[:300], False
    if corrections.outlet and corrections.outlet != parsed.outlet:
        article.outlet = _outlet(corrections.outlet, known)
    if corrections.published_on:
        article.set_date_by_editor(corrections.published_on)
    if corrections.url:
        article.url = corrections.url
    article.save()


def _canonical(name: str | None, registry: OutletRegistry) -> str | None:
    known = registry.lookup(name)
    return known.name if known else name


OUTLET_NAME_MAX = Outlet._meta.get_field("name").max_length


def _outlet(name: str | None, known: "Known", *, wire=False) -> Outlet | None:
    """The outlet `name` is: the registry's (by name, alias or domain), else one of that
    name, else a new one (a new wire agency is marked as one)."""
    if not name:
        return None
    name = _canonical(name, known.registry)[:OUTLET_NAME_MAX].strip()
    slug = slugify(name)[:OUTLET_NAME_MAX] or "outlet"
    # Name and slug are each unique; an admin may have changed one of them. (Another load
    # creating the same outlet at this moment makes the insert fail: load_data retries.)
    if found := known.outlet(name, slug):
        return found
    outlet = Outlet.objects.create(name=name, slug=slug, is_wire=wire)
    known.stored_outlet(outlet)
    return outlet


# The look-ups of the file being stored in this thread, for _unique_slug.
_loading: ContextVar["Known"] = ContextVar("loading")


def _unique_slug(title: str) -> str:
    """A slug for a new article of this title that no article has (nor a page under
    /articles/: RESERVED_SLUGS): the title's, else with -2, -3 ... after it."""
    known = _loading.get(None) or Known.asking()
    base = slugify(title)[:100].strip("-") or "article"
    slug, n = base, 2
    while slug in RESERVED_SLUGS or known.slug_taken(slug, base):
        slug, n = f"{base}-{n}", n + 1
    return slug


class Known:
    """What storing a file looks up in the database: the article that has its text, the
    article the file already is, the slugs taken, the outlets (and the registry that reads
    outlet names). Asked each time (`Known.asking()`), each question is a query: one file
    from the browser. Read at once (`Known.read()`), for a run of many files, a new file
    costs no look-up at all, only its writes, and the answers follow what the run stores
    (`remember`). What another load stores meanwhile is not seen, but the database's unique
    constraints see it: the file collides, and is stored again asking (`afresh()`)."""

    def __init__(self, registry: OutletRegistry, snapshot: "_Snapshot | None", *, ask: bool):
        self.registry, self._snapshot, self._ask = registry, snapshot, ask
        self._pending: list | None = None
        self._taken: tuple[str, set[str]] | None = None  # asking: a base slug's variants

    @classmethod
    def asking(cls) -> "Known":
        return cls(Outlet.objects.registry(), None, ask=True)

    @classmethod
    def read(cls) -> "Known":
        """Everything at once, in four queries: the articles' texts, files and slugs, the
        files they were read from, the outlets and their registry."""
        snapshot = _Snapshot()
        rows = Article.objects.values_list(
            "pk", "content_hash", "source_path", "source_name", "slug"
        )
        for pk, content_hash, source_path, source_name, slug in rows:
            snapshot.by_hash[content_hash] = pk
            if source_path:
                snapshot.by_path[source_path] = pk
            else:
                snapshot.unpathed[source_name].append(pk)
            snapshot.slugs.add(slug)
        snapshot.sources = set(ArticleSource.objects.values_list("article_id", "path"))
        for outlet in Outlet.objects.all():
            snapshot.add_outlet(outlet)
        return cls(Outlet.objects.registry(), snapshot, ask=False)

    def afresh(self) -> "Known":
        """The same, asking the database each time (what it stores still remembered)."""
        return Known(self.registry, self._snapshot, ask=True)

    # --- questions

    def article_with_text(self, content_hash: str) -> Article | None:
        same = Article.objects.select_related("outlet", "wire").filter(content_hash=content_hash)
        if not self._ask:
            if (pk := self._snapshot.by_hash.get(content_hash)) is None:
                return None
            same = same.filter(pk=pk)
        return same.first()

    def article_of_file(self, source: str, name: str) -> Article | None:
        """The article this file is, locked for the update: the one loaded from it, else one
        loaded under its name before paths were kept (if that name is unambiguous)."""
        locked = Article.objects.select_for_update(of=("self",)).select_related("outlet", "wire")
        if self._ask:
            if article := locked.filter(source_path=source).first():
                return article
            older = list(locked.filter(source_path="", source_name=name)[:2])
            return older[0] if len(older) == 1 else None
        if (pk := self._snapshot.by_path.get(source)) is not None:
            return locked.filter(pk=pk, source_path=source).first()
        older = self._snapshot.unpathed.get(name, [])
        if len(older) != 1:
            return None
        return locked.filter(pk=older[0], source_path="", source_name=name).first()

    def file_has_article(self, source: str) -> bool:
        if self._ask:
            return Article.objects.filter(source_path=source).exists()
        return source in self._snapshot.by_path

    def source_recorded(self, article: Article, source: str) -> bool:
        if self._ask:
            return ArticleSource.objects.filter(article=article, path=source).exists()
        return (article.pk, source) in self._snapshot.sources

    def slug_taken(self, slug: str, base: str) -> bool:
        """Whether an article has `slug`, one of the slugs made from `base`."""
        if not self._ask:
            return slug in self._snapshot.slugs
        if self._taken is None or self._taken[0] != base:
            taken = Article.objects.filter(slug__startswith=base).values_list("slug", flat=True)
            self._taken = (base, set(taken))
        return slug in self._taken[1]

    def outlet(self, name: str, slug: str) -> Outlet | None:
        """The outlet of this name, else of this slug."""
        if not self._ask:
            by_name, by_slug = self._snapshot.outlets_by_name, self._snapshot.outlets_by_slug
            return by_name.get(name) or by_slug.get(slug)
        found = Outlet.objects.filter(Q(name=name) | Q(slug=slug))
        return min(found, key=lambda outlet: outlet.name != name, default=None)

    # --- what the file being stored adds

    @contextmanager
    def storing(self):
        """Note what the file stores inside this block (the list it yields), to `remember`
        once its savepoint is released; forgotten with it when it is rolled back."""
        self._pending = []
        try:
            yield self._pending
        finally:
            self._pending = None

    def stored_article(self, article: Article):
        self._note(("article", article.pk, article.content_hash, article.source_path, article.slug))

    def stored_source(self, article: Article, source: str):
        self._note(("source", article.pk, source))

    def stored_outlet(self, outlet: Outlet):
        self._note(("outlet", outlet))

    def _note(self, change: tuple):
        if self._pending is not None:
            self._pending.append(change)

    def remember(self, changes: list[tuple]):
        """Take in what a stored file added (see storing)."""
        if self._snapshot is None:
            return
        for kind, *values in changes:
            if kind == "article":
                pk, content_hash, source_path, slug = values
                self._snapshot.by_hash[content_hash] = pk
                if source_path:
                    self._snapshot.by_path[source_path] = pk
                self._snapshot.slugs.add(slug)
            elif kind == "source":
                self._snapshot.sources.add(tuple(values))
            else:
                self._snapshot.add_outlet(values[0])


@dataclass
class _Snapshot:
    by_hash: dict[str, int] = field(default_factory=dict)  # content hash -> article
    by_path: dict[str, int] = field(default_factory=dict)  # source path -> article
    # source name -> articles loaded before paths were kept (source_path empty)
    unpathed: defaultdict[str, list[int]] = field(default_factory=lambda: defaultdict(list))
    slugs: set[str] = field(default_factory=set)
    sources: set[tuple[int, str]] = field(default_factory=set)  # (article, path)
    outlets_by_name: dict[str, Outlet] = field(default_factory=dict)
    outlets_by_slug: dict[str, Outlet] = field(default_factory=dict)

    def add_outlet(self, outlet: Outlet):
        self.outlets_by_name[outlet.name] = outlet
        self.outlets_by_slug[outlet.slug] = outlet


def browser_source(data: bytes, name: str, url: str = "") -> str:
    """Which "file" an article added in the browser is: its original address when the
    editor gives one (the page at that address again, changed, updates its article), else
    its own text (a text already stored is that article, unchanged, whatever its name)."""
    if url:
        return url
    return f"browser:{hashlib.sha256(data).hexdigest()[:16]}/{name}"
