from django.core.management.base import BaseCommand, CommandError

from articles.loader import BATCH_SIZE, FAILED, UNCHANGED, load_paths, report_line

PROGRESS_FROM = 20  # files; fewer load too quickly for a bar to help


class Command(BaseCommand):
    help = (
        "Load articles (.txt files and saved .html/.htm pages; files or folders) into the "
        "database, in batches of files, each file stored or failing on its own. "
        "Loading the same text again changes nothing; a changed file updates its article and "
        "keeps its earlier text. Each file's line is printed as soon as its batch is stored."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "paths", nargs="+", help="Files or folders of .txt, .html or .htm articles"
        )
        parser.add_argument(
            "--dry-run", action="store_true", help="Report what would happen; write nothing."
        )
        parser.add_argument(
            "--batch-size",
            type=int,
            default=BATCH_SIZE,
            help=f"Files stored in one transaction (default {BATCH_SIZE}).",
        )

    def handle(self, *args, paths, dry_run=False, batch_size=BATCH_SIZE, **options):
        if batch_size < 1:
            raise CommandError("--batch-size must be at least 1.")
        bar = ProgressBar(self.stderr) if self.stdout.isatty() else None

        def done(result, n, total):
            if bar:
                bar.clear()
            self.stdout.write(self._line(result))
            self.stdout.flush()  # a run cut short has said what it stored
            if bar:
                bar.show(n, total)

        report = load_paths(paths, dry_run=dry_run, on_result=done, batch_size=batch_size)
        counts = report.counts
        summary = ", ".join(f"{n} {status}" for status, n in counts.items())
        if dry_run:
            summary += " (dry run: nothing written)"
        if report.failed:
            self.stdout.write(self.style.ERROR(summary))
            raise CommandError(f"{len(report.failed)} file(s) failed to load", returncode=1)
        self.stdout.write(self.style.SUCCESS(summary))

    def _line(self, result) -> str:
        line = report_line(result)
        if result.status == FAILED:
            return self.style.ERROR(line)
        return line if result.status == UNCHANGED else self.style.SUCCESS(line)


class ProgressBar:
    """A bar on stderr while the files load, when a person watches a terminal. The report
    lines go to stdout in between: the bar steps aside for each and is drawn again under it."""

    def __init__(self, stream):
        self.stream, self.drawn = stream, False

    def show(self, done, total):
        if total < PROGRESS_FROM:
            return
        filled = int(30 * done / total)
        self.stream.write(f"\r[{'#' * filled}{'.' * (30 - filled)}] {done}/{total}", ending="")
        self.drawn = done < total
        if not self.drawn:
            self.stream.write("")  # the finished bar stays, on its own line
        self.stream.flush()

    def clear(self):
        if self.drawn:
            self.stream.write("\r\x1b[K", ending="")
            self.stream.flush()
            self.drawn = False
