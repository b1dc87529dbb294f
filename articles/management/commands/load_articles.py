from django.core.management.base import BaseCommand, CommandError

from articles.loader import FAILED, UNCHANGED, load_paths

PROGRESS_FROM = 20  # files; fewer load too quickly for a bar to help


class Command(BaseCommand):
    help = (
        "Load .txt articles (files or folders) into the database, one transaction per file. "
        "Loading the same text again changes nothing; a changed file updates its article."
    )

    def add_arguments(self, parser):
        parser.add_argument("paths", nargs="+", help="Files or folders of .txt articles")
        parser.add_argument(
            "--dry-run", action="store_true", help="Report what would happen; write nothing."
        )

    def handle(self, *args, paths, dry_run=False, **options):
        report = load_paths(paths, dry_run=dry_run, progress=self._progress_bar())
        for result in report.results:
            self.stdout.write(self._line(result))
        counts = report.counts
        summary = ", ".join(f"{n} {status}" for status, n in counts.items())
        if dry_run:
            summary += " (dry run: nothing written)"
        if report.failed:
            self.stdout.write(self.style.ERROR(summary))
            raise CommandError(f"{len(report.failed)} file(s) failed to load", returncode=1)
        self.stdout.write(self.style.SUCCESS(summary))

    def _line(self, result) -> str:
        name = result.path.name or str(result.path)
        if result.status == FAILED:
            return self.style.ERROR(f"failed     {name}: {result.reason}")
        article = result.article
        if article.published_on:
            date = (
                f"{article.published_on.isoformat()} ({article.published_precision}, "
                f"from “{article.published_evidence}”)"
            )
        else:
            date = "no date found"
        outlet = article.outlet.name if article.outlet else "no outlet"
        line = f"{result.status:<10} {name}: “{article.title}” · {outlet} · {date}"
        return line if result.status == UNCHANGED else self.style.SUCCESS(line)

    def _progress_bar(self):
        """A bar on stderr while the files load, when a person watches a terminal."""
        if not self.stdout.isatty():
            return None

        def show(done, total):
            if total >= PROGRESS_FROM:
                filled = int(30 * done / total)
                bar = f"\r[{'#' * filled}{'.' * (30 - filled)}] {done}/{total}"
                self.stderr.write(bar, ending="\n" if done == total else "")
                self.stderr.flush()

        return show
