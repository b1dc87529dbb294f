from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from timeline.export import FORMATS, Links, export_chunks
from timeline.filters import FILTER_FIELDS, ActorDirectory, filtered_claims
from timeline.models import Claim


class Command(BaseCommand):
    help = (
        "Write the timeline as CSV, JSON or TimelineJS JSON, with the same filters and the "
        "same rows as the page's exports (/export.csv, /export.json, /export/timelinejs.json). "
        "Reviewed claims only, as readers see them, unless --include-drafts. Streams: memory "
        "stays constant however many claims."
    )

    def add_arguments(self, parser):
        parser.add_argument("--format", choices=sorted(FORMATS), default="csv")
        parser.add_argument("-o", "--output", help="File to write (default: standard output).")
        parser.add_argument("--actor", help="Actor slug; includes the actors affiliated with it.")
        parser.add_argument("--side", help="Country code of the side (KP, RU, UA, US, KR, ...).")
        parser.add_argument("--kind", help="Kind of claim (troop_count, denial, ...).")
        parser.add_argument("--from", dest="from", help="Stated on or after (YYYY-MM-DD).")
        parser.add_argument("--to", dest="to", help="Stated on or before (YYYY-MM-DD).")
        parser.add_argument("--article", help="Article slug.")
        parser.add_argument("--outlet", help="Outlet slug.")
        parser.add_argument("--status", help="draft or reviewed (drafts need --include-drafts).")
        parser.add_argument("--q", help="Words in the quote or the note.")
        parser.add_argument(
            "--include-drafts", action="store_true", help="Export drafts too, as editors see them."
        )
        parser.add_argument(
            "--base-url",
            default="http://127.0.0.1:8000",
            help="Scheme and host for the absolute links (default: %(default)s).",
        )
        parser.add_argument(
            "--excel", action="store_true", help="CSV: start with a byte order mark for Excel."
        )

    def handle(self, *args, **options):
        # The options are the filters of the page's URLs, by the same names.
        data = {name: options[name] for name in FILTER_FIELDS if options.get(name)}
        actors = ActorDirectory.load()
        visible = Claim.objects.visible(include_drafts=options["include_drafts"])
        form, claims = filtered_claims(data, visible, actors)
        if form.errors:
            problems = "; ".join(
                f"--{field}: {' '.join(errors)}" for field, errors in form.errors.items()
            )
            raise CommandError(f"Invalid filters: {problems}")
        fmt = options["format"]
        chunks = export_chunks(
            fmt,
            claims,
            actors,
            Links(options["base_url"]),
            turning_points=(
                claims.turning_points(actors.story_actors(), form.scope()) if fmt != "csv" else ()
            ),
            bom=options["excel"],
            title=settings.TIMELINE_STORY_TITLE,
        )
        if options["output"]:
            with open(options["output"], "w", encoding="utf-8", newline="") as out:
                for chunk in chunks:
                    out.write(chunk)
            self.stderr.write(self.style.SUCCESS(f"Wrote {fmt} to {options['output']}"))
        else:
            for chunk in chunks:
                self.stdout.write(chunk, ending="")
