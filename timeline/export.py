"""A story's timeline as data: CSV, JSON and TimelineJS rows, streamed. Pure: functions of
a story, its claims (and their actors) and its arcs, no request; the views and the
export_timeline command feed them a QuerySet's .iterator(), so memory stays constant however
many claims there are.

CSV columns (`/stories/<slug>/export.csv`, `export_timeline --format csv`), one row per claim
of the story, oldest first (the timeline's order), a header row, RFC 4180 quoting with CRLF
line ends, UTF-8 (with a byte order mark when `?excel=1`/`--excel`):

    claim_id              the claim's number (its permalink is claim_url)
    stated_on             when the actor said it, ISO 8601 (YYYY-MM-DD); for a date known
                          only to the week, month or year, the first day of that period
    stated_precision      day, week, month or year: how much of stated_on to believe
    event_on              when what it describes happened, if known (ISO 8601)
    actor                 who made the claim
    actor_kind            person, government, military, state_media, news_outlet,
                          international_body or other
    actor_country         the actor's own country, ISO 3166 alpha-2 (may be empty)
    affiliation           the body the actor speaks for (Lloyd Austin: US Department of Defense)
    side                  the country the actor speaks for, own or through its affiliation
                          (ISO 3166 alpha-2; empty for international bodies)
    via                   the outlet or agency the claim was relayed through (KCNA)
    kind                  troop_count, casualty_count, denial, confirmation, allegation,
                          combat_report, condemnation, agreement or other
    proposition           the slug of the story's proposition the claim is about
                          (troops-in-russia); empty while no editor has put it on one
    stance                supports, disputes or neither: its stance on that proposition
                          (empty without a proposition)
    number                the figure of a count (a whole number), empty if none
    number_max            the upper end of a range, empty if not a range
    number_role           what a count counts: total (the whole), part (of a total: 3,000
                          reinforcements) or change; empty for a claim that is no count
    quote                 the exact words in the article
    note                  the editor's public note
    article_title         the article the quote is in
    outlet                its outlet
    article_published_on  its date, ISO 8601 (first day of the period when imprecise)
    article_precision     day, week, month or year
    article_published_latest  when the article is dated only within a range of days, the
                          range's last day (article_published_on is its first); else empty
    article_url           the article page (absolute URL)
    claim_url             the claim's permalink (absolute URL)
    status                reviewed (readers' exports hold nothing else) or draft
    updated_at            when the claim last changed, ISO 8601 with time zone (UTC)
    internal_note         editors' exports only: the note for editors, which readers never see

Spreadsheet safety (OWASP CSV injection): a text cell starting with =, +, -, @, a tab or a
carriage return gets a leading apostrophe, so a program opening the file shows it as text
and never runs it as a formula. Number columns (claim_id, number, number_max) are numbers
and are written unchanged.

JSON (`/stories/<slug>/export.json`), the story first and its claims last, so that a reader
of the stream knows what the claims are about before they come:

  {"story": {"slug", "title", "title_en", "dek", "dek_en", "language",
             "sides": [{"code", "name"}, ...], "published", "url"},
   "propositions": [Arc.as_dict() without its turning points: "proposition" (its slug),
                    "statement", "statement_en", "parties", "is_quantity", "is_lead",
                    "status", "status_history"],
   "turning_points": [TurningPoint.as_dict() and "claim_url", oldest first; each names its
                      "proposition"],
   "claims": [the CSV rows, with numbers as numbers and empty values as null, not
              apostrophe-prefixed]}

The propositions' statuses and the turning points are those of the claims exported (the
same filters; a reader's are of reviewed claims only).

TimelineJS (`/stories/<slug>/export/timelinejs.json`): the TimelineJS3 JSON format: a title
slide with the story's title and dek, and one event per dated claim (undated claims cannot be
placed on its time line) with start_date at the claim's precision, headline and text
(HTML-escaped: TimelineJS renders HTML), group (the statement of the claim's proposition: one
row of the time navigation per proposition) and unique_id ("claim-<id>"). A turning point
stands out: its headline starts "Turning point:", its text says how the story turned, and its
slide has a coloured background. A draft's headline ends with "(draft)".

An export cut short (the database went away mid-stream) ends with a line starting
"INCOMPLETE EXPORT" and then an aborted transfer (see ended_honestly); a complete one never
contains that line.
"""

import json
from collections.abc import Iterable, Iterator

from django.core.exceptions import EmptyResultSet
from django.urls import reverse
from django.utils.html import escape, format_html_join

import timeline.story
from timeline import export_sql

CSV_COLUMNS = (
    "claim_id",
    "stated_on",
    "stated_precision",
    "event_on",
    "actor",
    "actor_kind",
    "actor_country",
    "affiliation",
    "side",
    "via",
    "kind",
    "proposition",
    "stance",
    "number",
    "number_max",
    "number_role",
    "quote",
    "note",
    "article_title",
    "outlet",
    "article_published_on",
    "article_precision",
    "article_published_latest",
    "article_url",
    "claim_url",
    "status",
    "updated_at",
)
# Editors' exports only (Claim.INTERNAL_FIELDS): never in what a reader downloads.
EDITOR_COLUMNS = ("internal_note",)
NUMBER_COLUMNS = frozenset({"claim_id", "number", "number_max"})
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
BOM = "\ufeff"
INCOMPLETE = "INCOMPLETE EXPORT"
# No comma: in a CSV file it is one cell, the first of the last line.
INCOMPLETE_LINE = (
    f"{INCOMPLETE}: the server stopped before the end of the export; download it again."
)


class Links:
    """Absolute URLs of claims and articles, made without a reverse() per row: `base` is the
    scheme and host ("https://example.org"), as request.build_absolute_uri("/") gives it."""

    _PK, _SLUG = 2147483647, "slug-placeholder"

    def __init__(self, base: str):
        self.base = base.rstrip("/")
        self._claim = reverse("timeline:claim", args=[self._PK])
        self._article = reverse("timeline:article", args=[self._SLUG])

    def claim(self, pk) -> str:
        return self.base + self._claim.replace(str(self._PK), str(pk))

    def article(self, slug) -> str:
        return self.base + self._article.replace(self._SLUG, slug)

    def story(self, slug) -> str:
        return self.base + reverse("timeline:story", args=[slug])


def _json(value) -> str:
    return json.dumps(value, ensure_ascii=False)


def _json_array(items: Iterable) -> str:
    """A JSON array's members as the exports write them: one a line, indented."""
    texts = [_json(item) for item in items]
    return "\n  " + ",\n  ".join(texts) + "\n" if texts else ""


def story_dict(story, links: Links) -> dict:
    """What the JSON export says of the story (a Story) its claims are in."""
    return {
        "slug": story.slug,
        "title": story.title,
        "title_en": story.title_en or None,
        "dek": story.dek or None,
        "dek_en": story.dek_en or None,
        "language": story.language,
        "sides": [{"code": code, "name": name} for code, name in story.sides],
        "published": story.is_published,
        "url": links.story(story.slug),
    }


def proposition_dict(arc) -> dict:
    """A proposition, its status and how it came to be: its arc's as_dict() (timeline.story
    .Arc) but for the turning points, which the JSON lists once, all together."""
    return {key: value for key, value in arc.as_dict().items() if key != "turning_points"}


def point_dict(point, links: Links) -> dict:
    """A turning point (its as_dict(), which names its proposition) and its claim's permalink."""
    data = point.as_dict()
    return {**data, "claim_url": links.claim(data["claim_id"])}


# The group (a row of TimelineJS's time navigation) of the claims no editor has put on one of
# the story's propositions yet.
UNASSIGNED = "Not on a proposition yet"
TURNING_POINT = "Turning point"
# The background of a turning point's slide: the site's accent colour, on which TimelineJS's
# white text reads at a contrast of 6.7 to 1 (WCAG AA).
TURNING_POINT_COLOUR = "#0b5cad"


def export_filename(slug: str, today, extension: str, *, with_drafts: bool = False) -> str:
    """north-korean-troops-in-russia-2026-11-23.csv: the story's slug, the day, the format;
    an editor's file that holds drafts (or is of a draft story) says so:
    north-korean-troops-in-russia-2026-11-23-with-drafts.csv."""
    return f"{slug}-{today.isoformat()}{'-with-drafts' if with_drafts else ''}.{extension}"


FORMATS = {
    # format: (file extension, content type, Content-Disposition)
    "csv": ("csv", "text/csv; charset=utf-8", "attachment"),
    "json": ("json", "application/json; charset=utf-8", "inline"),
    "timelinejs": ("timelinejs.json", "application/json; charset=utf-8", "inline"),
}


def export_chunks(
    fmt: str,
    claims,
    links: Links,
    *,
    story,
    arcs=(),
    bom=False,
    internal=False,
) -> Iterator[bytes]:
    """The export of `claims` (a ClaimQuerySet of `story`'s, filtered and in the timeline's
    order) in `fmt` ("csv", "json" or "timelinejs"), in blocks of many rows: what comes
    before the rows (the CSV header; the story, its propositions and turning points) from
    here, at once, the rows from PostgreSQL (timeline.export_sql) as it sends them. `arcs`:
    the story's propositions as these claims tell them (ClaimQuerySet.story_arcs), for JSON
    and the TimelineJS turning points. `internal` (an editor's export) adds the
    EDITOR_COLUMNS to CSV and JSON rows."""
    if fmt not in FORMATS:
        raise ValueError(f"Unknown export format: {fmt}")
    if fmt == "csv":
        columns = (*CSV_COLUMNS, *EDITOR_COLUMNS) if internal else CSV_COLUMNS
        cells = export_sql.csv_cells(links, columns, numbers=NUMBER_COLUMNS, starts=FORMULA_STARTS)
        head = (BOM if bom else "") + ",".join(columns) + "\r\n"  # names need no quotes
        return _streamed(
            head, claims, cells, "FORMAT csv", export_sql.csv_blocks, INCOMPLETE_LINE + "\r\n"
        )
    points = [point_dict(point, links) for point in timeline.story.flat_points(arcs)]
    if fmt == "json":
        head = (
            '{"story": ' + _json(story_dict(story, links))
            + ', "propositions": [' + _json_array(proposition_dict(arc) for arc in arcs)
            + '], "turning_points": [' + _json_array(points)
            + '], "claims": ['
        )  # fmt: skip
        rows, row = claims, export_sql.json_claim(links, internal=internal)
    else:
        title = story.title if story.is_published else f"{story.title} (draft)"
        slide = {"headline": escape(title)} | (
            {"text": f"<p>{escape(story.dek)}</p>"} if story.dek else {}
        )
        head = _json({"title": {"text": slide}})[:-1] + ', "events": ['
        # Undated claims cannot be placed on TimelineJS's time line.
        rows = claims.filter(stated_on__isnull=False)
        row = export_sql.timelinejs_event(
            links,
            turns=_turns(points),
            groups={arc.proposition.pk: arc.proposition.statement for arc in arcs},
            unassigned=UNASSIGNED,
            marker=TURNING_POINT,
            colour=TURNING_POINT_COLOUR,
        )
    blocks = export_sql.json_array_blocks
    return _streamed(head, rows, [row], "FORMAT binary", blocks, f"\n{INCOMPLETE_LINE}\n", "]}\n")


def _turns(points: list[dict]) -> dict[int, str]:
    """How the story turned at each turning point's claim, by claim id: the HTML that opens
    its TimelineJS text (a claim may be the turning point of several propositions)."""
    marked = {}
    for point in points:
        marked.setdefault(point["claim_id"], []).append(point["text"])
    return {
        pk: format_html_join("", "<p><strong>{}</strong></p>", ((text,) for text in texts))
        for pk, texts in marked.items()
    }


def _streamed(head: str, claims, columns: list, options: str, blocks, marker: str, tail=""):
    """`head`, then the rows COPY writes of `columns` of `claims` (with `options`), as
    `blocks` gathers them, then `tail`; an export cut short ends with `marker` (see
    ended_honestly). The statement is made now: a fault in it is the view's error, never a
    cut export."""
    try:
        statement = export_sql.copy_statement(claims, columns, options=options)
    except EmptyResultSet:  # filters that keep nothing (Django knows without asking)
        statement = None

    def chunks():
        yield head.encode()
        if statement is not None:
            yield from blocks(export_sql.copied_rows(statement, claims.db))
        if tail:
            yield tail.encode()

    return ended_honestly(chunks(), marker.encode())


def ended_honestly(chunks: Iterator, marker):
    """`chunks`, unchanged when they run to their end. When they fail part way (the
    database went away mid-export), a last line that says the file is incomplete, and then
    the error itself: raised out of the response, it makes the WSGI server abort the
    transfer (gunicorn closes the connection without the chunked encoding's final empty
    chunk), which browsers and curl report as a failed download. The marker is for a copy
    that was saved anyway: a cut CSV would otherwise look like a shorter, complete one."""
    try:
        yield from chunks
    except Exception:
        yield marker
        raise
