from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from timeline.seed import DEFAULT_STORY, load_story


class Command(BaseCommand):
    help = (
        "Load a story (its propositions, actors, editor-set article dates and claims) from "
        "JSON (default: the seed story). Adds only what is missing; load the articles first."
    )

    def add_arguments(self, parser):
        parser.add_argument("path", nargs="?", default=str(DEFAULT_STORY))

    def handle(self, path, **options):
        report = load_story(Path(path))
        for problem in report.problems:
            self.stdout.write(self.style.ERROR(f"failed: {problem}"))
        for what in ("stories", "propositions", "actors", "dates", "claims"):
            self.stdout.write(
                f"{what}: {report.created[what]} created, {report.unchanged[what]} unchanged"
            )
        if report.created["tagged"]:
            self.stdout.write(f"claims put on a proposition: {report.created['tagged']}")
        if report.problems:
            raise CommandError(f"{len(report.problems)} problem(s) loading {path}", returncode=1)
        self.stdout.write(self.style.SUCCESS("story loaded"))
