"""Loading article files into the database: one transaction per file, idempotent.

A file whose exact text is already stored is unchanged; a file already loaded under the same
name whose text changed updates its article in place (same id, same slug); anything else is
created. What an editor corrected (title, outlet, date) is kept across reloads.
"""

from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

from django.db import transaction
from django.utils.text import slugify

from articles.ingest import ArticleError, ParsedArticle, decode, parse_article
from articles.models import Article, DateSource, Outlet, Precision
from articles.signals import article_text_changed

CREATED, UPDATED, UNCHANGED, FAILED = "created", "updated", "unchanged", "failed"


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


def article_files(paths) -> tuple[list[Path], list[FileResult]]:
    """The .txt files named or found (recursively, sorted) in folders; missing paths fail."""
    files, missing = [], []
    for raw in paths:
        path = Path(raw)
        if path.is_dir():
            files.extend(sorted(p for p in path.rglob("*.txt") if p.is_file()))
        elif path.is_file():
            files.append(path)
        else:
            missing.append(FileResult(path, FAILED, reason="no such file or folder"))
    return files, missing


def load_paths(paths, *, dry_run=False, today: date | None = None, progress=None) -> LoadReport:
    files, missing = article_files(paths)
    report = LoadReport(results=list(missing))
    for i, path in enumerate(files, 1):
        report.results.append(load_file(path, dry_run=dry_run, today=today))
        if progress:
            progress(i, len(files))
    return report


def load_file(path: Path, *, dry_run=False, today: date | None = None) -> FileResult:
    try:
        parsed = parse_article(decode(path.read_bytes()), today=today)
    except (ArticleError, OSError) as error:
        return FileResult(path, FAILED, reason=str(error))
    with transaction.atomic():
        result = _store(path.name, parsed, today=today)
        if dry_run:
            transaction.set_rollback(True)
    result.path = path
    return result


def _store(source_name: str, parsed: ParsedArticle, *, today) -> FileResult:
    same = Article.objects.select_related("outlet").filter(content_hash=parsed.content_hash)
    if article := same.first():
        return FileResult(Path(source_name), UNCHANGED, article)

    article = (
        Article.objects.select_for_update().filter(source_name=source_name).first()
        if source_name
        else None
    )
    if article is None:
        article = Article(source_name=source_name, slug=_unique_slug(parsed.title))
        _apply_metadata(article, parsed)
        status = CREATED
    else:
        previous = parse_article(article.raw, today=today)
        body_changed = article.body != parsed.body
        _apply_metadata(article, parsed, previous=previous)
        status = UPDATED
    article.raw, article.body, article.content_hash = parsed.raw, parsed.body, parsed.content_hash
    article.save()
    if status == UPDATED and body_changed:
        article_text_changed.send(sender=Article, article=article)
    return FileResult(Path(source_name), status, article)


def _apply_metadata(article: Article, parsed: ParsedArticle, previous: ParsedArticle | None = None):
    """Take title, outlet and date from the text, except where an editor corrected them: a
    value that differs from what the previous text gave was set by hand and is kept."""
    if previous is None or article.title == previous.title:
        article.title, article.title_derived = parsed.title[:300], parsed.title_derived
    outlet_name = article.outlet.name if article.outlet_id else None
    if previous is None or outlet_name == previous.outlet:
        article.outlet = _outlet(parsed.outlet)
    if article.published_source != DateSource.EDITOR:
        found = parsed.published if parsed.published and parsed.published.value else None
        article.published_on = found.value if found else None
        article.published_precision = found.precision if found else Precision.DAY
        article.published_evidence = found.evidence[:300] if found else ""


def _outlet(name: str | None) -> Outlet | None:
    if not name:
        return None
    slug = slugify(name) or "outlet"
    outlet, _ = Outlet.objects.get_or_create(slug=slug, defaults={"name": name})
    return outlet


def _unique_slug(title: str) -> str:
    base = slugify(title)[:100].strip("-") or "article"
    taken = set(Article.objects.filter(slug__startswith=base).values_list("slug", flat=True))
    slug, n = base, 2
    while slug in taken:
        slug, n = f"{base}-{n}", n + 1
    return slug
