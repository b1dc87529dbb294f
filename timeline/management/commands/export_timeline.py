from django.core.management.base import BaseCommand, CommandError, no_translations

from timeline.export import FORMATS, Links, export_chunks
from timeline.filters import FILTER_FIELDS, ActorDirectory, filtered_claims
from timeline.models import Claim, Story

FILTER_HELP = {
    "actor": "Actor slug; includes the actors affiliated with it.",
    "side": "Country code of the side (KP, RU, UA, US, KR, ...).",
    "kind": "Kind of claim (troop_count, denial, ...).",
    "proposition": "Slug of one of the story's propositions (troops-in-russia).",
    "stance": "supports, disputes or neither.",
    "from": "Stated on or after (YYYY-MM-DD).",
    "to": "Stated on or before (YYYY-MM-DD).",
    "article": "Article slug.",
    "outlet": "Outlet slug.",
    "status": "draft or reviewed (drafts need --include-drafts).",
    "q": "Words in the quote or the note.",
}


class Command(BaseCommand):
    help = (
        "Write a story's timeline as CSV, JSON or TimelineJS JSON, with the same filters and "
        "the same rows as its page's exports (/stories/<slug>/export.csv, .../export.json, "
        ".../export/timelinejs.json). The story is --story's, else the first story. Reviewed "
        "claims of a published story only, as readers see them, unless --include-drafts, "
        "which exports as editors see: drafts too, and draft stories. Streams: memory stays "
        "constant however many claims."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--story",
            metavar="SLUG",
            help="The story to export (default: the first story). A draft story needs "
            "--include-drafts.",
        )
        parser.add_argument("--format", choices=sorted(FORMATS), default="csv")
        parser.add_argument("-o", "--output", help="File to write (default: standard output).")
        # One option per filter of the page, by its name there: whatever the page can
        # filter by, the command can.
        for name in FILTER_FIELDS:
            parser.add_argument(f"--{name}", dest=name, help=FILTER_HELP.get(name))
        parser.add_argument(
            "--include-drafts",
            action="store_true",
            help="Export as editors see: draft claims too, and a draft story.",
        )
        parser.add_argument(
            "--base-url",
            default="http://127.0.0.1:8000",
            help="Scheme and host for the absolute links (default: %(default)s).",
        )
        parser.add_argument(
            "--excel", action="store_true", help="CSV: start with a byte order mark for Excel."
        )

    @no_translations  # the same file as the site's export, whatever DJANGO_LANGUAGE_CODE says
    def handle(self, *args, **options):
        # The options are the filters of the page's URLs, by the same names.
        data = {name: options[name] for name in FILTER_FIELDS if options.get(name)}
        story = self.story(options["story"], include_drafts=options["include_drafts"])
        actors = ActorDirectory.load()
        visible = Claim.objects.visible(include_drafts=options["include_drafts"])
        form, claims = filtered_claims(data, visible.filter(story=story), actors, story)
        if form.errors:
            problems = "; ".join(
                f"--{field}: {' '.join(errors)}" for field, errors in form.errors.items()
            )
            raise CommandError(f"Invalid filters: {problems}")
        fmt = options["format"]
        chunks = export_chunks(
            fmt,
            claims,
            Links(options["base_url"]),
            story=story,
            arcs=(
                claims.story_arcs(story, actors.story_actors(), form.scope())
                if fmt != "csv"
                else ()
            ),
            bom=options["excel"],
        )
        if options["output"]:
            with open(options["output"], "wb") as out:
                for chunk in chunks:
                    out.write(chunk)
            self.stderr.write(self.style.SUCCESS(f"Wrote {fmt} to {options['output']}"))
        else:
            for chunk in chunks:
                # Each block is whole rows, whole characters: it decodes by itself.
                self.stdout.write(chunk.decode("utf-8"), ending="")

    def story(self, slug, *, include_drafts) -> Story:
        """The story `slug` names (the first story without one); a draft story only with
        `include_drafts`, as only editors see it."""
        if slug is None:
            story = Story.objects.first_story()
            if story is None:
                raise CommandError("There is no story yet: load one first (load_story).")
        else:
            story = Story.objects.filter(slug=slug).first()
            if story is None:
                known = ", ".join(Story.objects.order_by("slug").values_list("slug", flat=True))
                raise CommandError(f"There is no story “{slug}”. The stories: {known or 'none'}.")
        if not story.is_published and not include_drafts:
            raise CommandError(
                f"The story “{story.slug}” is a draft, which readers do not see: add "
                "--include-drafts to export it as editors see it."
            )
        return story
