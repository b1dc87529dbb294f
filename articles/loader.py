"""Loading article files into the database: one transaction per file, idempotent.

A file (a .txt article or a saved .html/.htm page) is known by where it is (`source_of`):
the same file loaded again with the same text is unchanged, with a changed text it updates
its article in place (same id, same slug) and the earlier text is kept as a revision; a file
of the same name in another folder is another article. A text already stored, from whatever
file, is that article, unchanged, and the file is recorded as another of its sources. What
an editor corrected (title, outlet, wire, date, language) is kept across reloads.
"""

import hashlib
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

from django.conf import settings
from django.db import IntegrityError, transaction
from django.db.models import Q
from django.utils.text import slugify

from articles.dates import STATED, FoundDate
from articles.ingest import (
    ArticleError,
    OutletRegistry,
    ParsedArticle,
    decode,
    parse_article,
)
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
# Another load storing the same file at the same moment makes our insert fail; by then it
# has committed (PostgreSQL made the insert wait for it), so looking again finds its row.
# A few attempts are plenty: each one sees everything committed before it.
ATTEMPTS = 3


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
            missing.append(FileResult(path, FAILED, reason="no such file or folder"))
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
) -> LoadReport:
    """Load every file of `paths`; `on_result(result, done, total)` hears of each file as
    soon as it is stored (committed), so that a run cut short has said what it stored."""
    files, missing = article_files(paths)
    registry = Outlet.objects.registry()
    report = LoadReport()
    total = len(missing) + len(files)
    for result in missing:
        report.results.append(result)
        if on_result:
            on_result(result, len(report.results), total)
    for path in files:
        result = load_file(path, dry_run=dry_run, today=today, registry=registry)
        report.results.append(result)
        if on_result:
            on_result(result, len(report.results), total)
    return report


def is_page(name: str) -> bool | None:
    """Whether a file of this name is a saved web page: yes for .html/.htm, else None (a
    .txt may be one too: parse_article looks)."""
    return True if Path(name).suffix.lower() in HTML_SUFFIXES else None


def load_file(
    path: Path,
    *,
    dry_run=False,
    today: date | None = None,
    registry: OutletRegistry | None = None,
) -> FileResult:
    if registry is None:
        registry = Outlet.objects.registry()
    try:
        data = read_article(path)
        source = source_of(path)
    except (ArticleError, OSError) as error:
        return FileResult(path, FAILED, reason=str(error))
    return load_data(
        data, path=path, source=source, dry_run=dry_run, today=today, registry=registry
    )


@dataclass(frozen=True)
class Corrections:
    """What an editor set by hand before the article was stored (the browser's form): each
    value given replaces the one the text gave, and later loads keep it as an editor's."""

    title: str = ""
    outlet: str = ""  # an outlet's name
    published_on: date | None = None  # a day; the text's date (or range) is then set aside
    url: str = ""


def load_data(
    data: bytes,
    *,
    path: Path,
    source: str,
    dry_run=False,
    today: date | None = None,
    corrections: Corrections | None = None,
    registry: OutletRegistry | None = None,
) -> FileResult:
    """Load one article from the bytes of its file: what load_file does once it has read
    the file, and what the browser does with a pasted text or an uploaded file. `path` is
    the name its report line shows, `source` which file it is (see source_of); `registry`
    the known outlets (read once per run; else here)."""
    if registry is None:
        registry = Outlet.objects.registry()
    try:
        parsed = parse_article(decode(data), today=today, outlets=registry, html=is_page(path.name))
    except ArticleError as error:
        return FileResult(path, FAILED, reason=str(error))
    if len(source) > SOURCE_PATH_MAX:
        return FileResult(path, FAILED, reason=f"path longer than {SOURCE_PATH_MAX} characters")
    for attempt in range(1, ATTEMPTS + 1):
        try:
            with transaction.atomic():
                result = _store(source, path.name, parsed, today=today, registry=registry)
                if corrections and result.status != UNCHANGED:
                    _correct(result.article, parsed, corrections, registry)
                if dry_run:
                    transaction.set_rollback(True)
            break
        except IntegrityError as error:
            if attempt == ATTEMPTS:
                reason = str(error).splitlines()[0]
                return FileResult(path, FAILED, reason=f"other loads kept colliding: {reason}")
    result.path = path
    return result


def report_line(result: FileResult) -> str:
    """One file's line in a load's report, the same in the command's output and on the
    browser's page: what happened, and the title, outlet and date the article got."""
    name = str(result.path)
    if result.status == FAILED:
        return f"failed     {name}: {result.reason}"
    article = result.article
    if article.published_is_range:
        date = (
            f"{article.published_on.isoformat()} to {article.published_latest.isoformat()} "
            f"({article.get_published_source_display()}, from “{article.published_evidence}”)"
        )
    elif article.published_on:
        date = (
            f"{article.published_on.isoformat()} ({article.published_precision}, "
            f"{article.get_published_source_display()}, from “{article.published_evidence}”)"
        )
    else:
        date = "no date found"
    outlet = article.outlet.name if article.outlet else "no outlet"
    if article.wire:
        outlet += f" (from {article.wire.name})"
    line = f"{result.status:<10} {name}: “{article.title}” · {outlet} · {article.language} · {date}"
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
    return (
        f"too large ({_megabytes(size)}; articles may be at most {_megabytes(limit)}, "
        "see DJANGO_ARTICLE_MAX_BYTES)"
    )


def _megabytes(size: int) -> str:
    return f"{size / 1_000_000:.1f} MB"


def _store(source: str, name: str, parsed: ParsedArticle, *, today, registry) -> FileResult:
    same = Article.objects.select_related("outlet", "wire")
    if article := same.filter(content_hash=parsed.content_hash).first():
        return _unchanged(article, source, name)

    article = _article_of(source, name)
    if article is None:
        article = Article(slug=_unique_slug(parsed.title))
        _apply_metadata(article, parsed, registry=registry)
        status = CREATED
    else:
        previous = parse_article(
            article.raw, today=today, outlets=registry, html=is_page(article.source_name)
        )
        body_changed = article.body != parsed.body
        _apply_metadata(article, parsed, previous=previous, registry=registry)
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
    _record_source(article, source)
    if status == UPDATED and body_changed:
        article_text_changed.send(sender=Article, article=article)
    return FileResult(Path(source), status, article)


def _article_of(source: str, name: str) -> Article | None:
    """The article this file is, locked for the update: the one loaded from it, else one
    loaded under its name before paths were kept (if that name is unambiguous)."""
    locked = Article.objects.select_for_update(of=("self",)).select_related("outlet", "wire")
    if article := locked.filter(source_path=source).first():
        return article
    older = list(locked.filter(source_path="", source_name=name)[:2])
    return older[0] if len(older) == 1 else None


def _unchanged(article: Article, source: str, name: str) -> FileResult:
    # Loaded before paths were kept: from now on it is this file's article. (Unless the file
    # already has another one: then this text is only a copy of that article's.)
    legacy = not article.source_path and article.source_name == name
    if legacy and not Article.objects.filter(source_path=source).exists():
        Article.objects.filter(pk=article.pk).update(source_path=source)
        article.source_path = source
    recorded = _record_source(article, source)
    reason = ""
    if article.source_path != source:
        reason = f"same text as {article.source_path or article.source_name}"
        if recorded:
            reason += ", recorded as another source of it"
    return FileResult(Path(source), UNCHANGED, article, reason=reason)


def _record_source(article: Article, source: str) -> bool:
    """Note that `article` was read from the file `source`; True when it is new. (Another
    load recording the same file at this moment is no conflict: one row either way.)"""
    if ArticleSource.objects.filter(article=article, path=source).exists():
        return False
    ArticleSource.objects.bulk_create(
        [ArticleSource(article=article, path=source)], ignore_conflicts=True
    )
    return True


def _apply_metadata(
    article: Article,
    parsed: ParsedArticle,
    previous: ParsedArticle | None = None,
    *,
    registry: OutletRegistry,
):
    """Take title, outlet, wire, language and date from the text, except where an editor
    corrected them: a value that differs from what the previous text gave was set by hand
    and is kept."""
    if previous is None or article.title == previous.title:
        article.title, article.title_derived = parsed.title[:300], parsed.title_derived
    outlet_name = article.outlet.name if article.outlet_id else None
    if previous is None or outlet_name == _canonical(previous.outlet, registry):
        article.outlet = _outlet(parsed.outlet, registry)
    wire_name = article.wire.name if article.wire_id else None
    if previous is None or wire_name == _canonical(previous.wire, registry):
        article.wire = _outlet(parsed.wire, registry, wire=True)
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


def _correct(
    article: Article, parsed: ParsedArticle, corrections: Corrections, registry: OutletRegistry
):
    """An editor's values over the text's (only those that differ: a title or outlet the
    editor left as the loader found it stays the text's, and follows the text)."""
    if corrections.title and corrections.title != parsed.title:
        article.title, article.title_derived = corrections.title[:300], False
    if corrections.outlet and corrections.outlet != parsed.outlet:
        article.outlet = _outlet(corrections.outlet, registry)
    if corrections.published_on:
        article.set_date_by_editor(corrections.published_on)
    if corrections.url:
        article.url = corrections.url
    article.save()


def _canonical(name: str | None, registry: OutletRegistry) -> str | None:
    known = registry.lookup(name)
    return known.name if known else name


def _outlet(name: str | None, registry: OutletRegistry, *, wire=False) -> Outlet | None:
    """The outlet `name` is: the registry's (by name, alias or domain), else one of that
    name, else a new one (a new wire agency is marked as one)."""
    if not name:
        return None
    name = _canonical(name, registry)
    slug = slugify(name) or "outlet"
    # Name and slug are each unique; an admin may have changed one of them. (Another load
    # creating the same outlet at this moment makes the insert fail: load_file retries.)
    found = sorted(Outlet.objects.filter(Q(name=name) | Q(slug=slug)), key=lambda o: o.name != name)
    return found[0] if found else Outlet.objects.create(name=name, slug=slug, is_wire=wire)


def _unique_slug(title: str) -> str:
    base = slugify(title)[:100].strip("-") or "article"
    taken = set(Article.objects.filter(slug__startswith=base).values_list("slug", flat=True))
    taken |= RESERVED_SLUGS
    slug, n = base, 2
    while slug in taken:
        slug, n = f"{base}-{n}", n + 1
    return slug


def browser_source(data: bytes, name: str, url: str = "") -> str:
    """Which "file" an article added in the browser is: its original address when the
    editor gives one (the page at that address again, changed, updates its article), else
    its own text (a text already stored is that article, unchanged, whatever its name)."""
    if url:
        return url
    return f"browser:{hashlib.sha256(data).hexdigest()[:16]}/{name}"
