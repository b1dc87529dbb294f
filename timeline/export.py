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

import csv
import json
from collections import defaultdict
from collections.abc import Callable, Iterable, Iterator
from datetime import date

from django.urls import reverse
from django.utils.html import escape, format_html, format_html_join

import timeline.story
from articles.formats import format_date, format_number
from articles.precision import DAY, MONTH, WEEK, YEAR
from timeline.vocabulary import kind_label

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
CHUNK_SIZE = 2000  # rows per fetch from the database's cursor
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


def _iso(value) -> str | None:
    return value.isoformat() if value is not None else None


# What a row is made of, read as plain values: a model instance per row would cost three
# times as long for 100,000 claims.
CLAIM_FIELDS = (
    "pk",
    "stated_on",
    "stated_precision",
    "event_on",
    "actor_id",
    "actor__name",
    "actor__kind",
    "actor__country",
    "via__name",
    "kind",
    "proposition__slug",
    "stance",
    "number",
    "number_max",
    "number_role",
    "quote",
    "note",
    "article__title",
    "article__slug",
    "article__outlet__name",
    "article__published_on",
    "article__published_precision",
    "article__published_latest",
    "status",
    "updated_at",
)


def claim_row(claim: dict, *, side: str, affiliation: str, links: Links) -> dict:
    """One claim (its CLAIM_FIELDS values) as an export row: the CSV_COLUMNS, typed (numbers
    as int, no value as None). `side` and `affiliation` come from the ActorDirectory."""
    updated_at = claim["updated_at"]
    return {
        "claim_id": claim["pk"],
        "stated_on": _iso(claim["stated_on"]),
        "stated_precision": claim["stated_precision"],
        "event_on": _iso(claim["event_on"]),
        "actor": claim["actor__name"],
        "actor_kind": claim["actor__kind"],
        "actor_country": claim["actor__country"] or None,
        "affiliation": affiliation or None,
        "side": side or None,
        "via": claim["via__name"],
        "kind": claim["kind"],
        "proposition": claim["proposition__slug"],
        "stance": claim["stance"] or None,
        "number": claim["number"],
        "number_max": claim["number_max"],
        "number_role": claim["number_role"] or None,
        "quote": claim["quote"],
        "note": claim["note"] or None,
        "article_title": claim["article__title"],
        "outlet": claim["article__outlet__name"],
        "article_published_on": _iso(claim["article__published_on"]),
        "article_precision": claim["article__published_precision"],
        "article_published_latest": _iso(claim["article__published_latest"]),
        "article_url": links.article(claim["article__slug"]),
        "claim_url": links.claim(claim["pk"]),
        "status": claim["status"],
        "updated_at": updated_at.isoformat(timespec="seconds") if updated_at else None,
    } | ({"internal_note": claim["internal_note"] or None} if "internal_note" in claim else {})


def neutralise(value):
    """A cell a spreadsheet program will not run as a formula (OWASP CSV injection): text
    starting with =, +, -, @, tab or carriage return gets a leading apostrophe. Numbers are
    numbers, not formulas, and are returned unchanged (so is None)."""
    if isinstance(value, str) and value.startswith(FORMULA_STARTS):
        return "'" + value
    return value


def csv_cells(row: dict, columns=CSV_COLUMNS) -> list:
    return [row[name] if name in NUMBER_COLUMNS else neutralise(row[name]) for name in columns]


class _Echo:
    """A file-like object whose write returns what it was given: csv.writer then hands us
    each formatted line to yield, instead of collecting the file in memory."""

    def write(self, value):
        return value


def csv_lines(rows: Iterable[dict], *, bom: bool = False, columns=CSV_COLUMNS) -> Iterator[str]:
    """The CSV file, a line at a time: header, then one line per row (RFC 4180, CRLF)."""
    writer = csv.writer(_Echo(), lineterminator="\r\n")
    yield (BOM if bom else "") + writer.writerow(columns)
    for row in rows:
        yield writer.writerow(["" if cell is None else cell for cell in csv_cells(row, columns)])


def _json(value) -> str:
    return json.dumps(value, ensure_ascii=False)


def _json_array(items: Iterable, to_json: Callable = _json) -> Iterator[str]:
    first = True
    for item in items:
        yield ("\n  " if first else ",\n  ") + to_json(item)
        first = False
    if not first:
        yield "\n"


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


def json_chunks(
    rows: Iterable[dict], *, story: dict, propositions: list[dict], turning_points: list[dict]
) -> Iterator[str]:
    """{"story": {...}, "propositions": [...], "turning_points": [...], "claims": [...rows...]},
    streamed a row at a time."""
    yield '{"story": ' + _json(story) + ', "propositions": ['
    yield from _json_array(propositions)
    yield '], "turning_points": ['
    yield from _json_array(turning_points)
    yield '], "claims": ['
    yield from _json_array(rows)
    yield "]}\n"


def timelinejs_date(when, precision: str) -> dict:
    """A TimelineJS date at the claim's precision: a year alone, a year and month, or a
    full date; a week keeps its first day, and says "week of" in display_date."""
    start = {"year": when.year}
    if precision != YEAR:
        start["month"] = when.month
    if precision in (DAY, WEEK):
        start["day"] = when.day
    if precision in (WEEK, MONTH, YEAR):
        start["display_date"] = format_date(when, precision)
    return start


# The group (a row of TimelineJS's time navigation) of the claims no editor has put on one of
# the story's propositions yet.
UNASSIGNED = "Not on a proposition yet"
TURNING_POINT = "Turning point"
# The background of a turning point's slide: the site's accent colour, on which TimelineJS's
# white text reads at a contrast of 6.7 to 1 (WCAG AA).
TURNING_POINT_COLOUR = "#0b5cad"


def timelinejs_event(row: dict, *, group: str = UNASSIGNED, points=()) -> dict | None:
    """A claim (an export row) as a TimelineJS event; None for an undated claim. `group`: the
    statement of its proposition; `points`: its turning points (TurningPoint.as_dict()s), which
    make it stand out: "Turning point:" before its headline, how the story turned at the top
    of its text, a coloured slide."""
    if not row["stated_on"]:
        return None
    when = date.fromisoformat(row["stated_on"])
    kind = kind_label(row["kind"])
    figure = format_number(row["number"], row["number_max"])
    headline = f"{row['actor']}: {kind}" + (f", {figure}" if figure else "")
    if points:
        headline = f"{TURNING_POINT}: {headline}"
    if row.get("status") == "draft":
        headline += " (draft)"  # an editor's export: a draft is not to be published as fact
    source = row["outlet"] or row["article_title"]
    turns = format_html_join("", "<p><strong>{}</strong></p>", ((p["text"],) for p in points))
    text = turns + format_html(
        '<blockquote>{}</blockquote><p>{} · <a href="{}">in the article</a> · '
        '<a href="{}">claim {}</a></p>',
        row["quote"],
        source,
        row["article_url"] + f"#claim-{row['claim_id']}",
        row["claim_url"],
        row["claim_id"],
    )
    event = {
        "start_date": timelinejs_date(when, row["stated_precision"]),
        "text": {"headline": escape(headline), "text": str(text)},
        "group": escape(group),  # TimelineJS shows it as HTML too
        "unique_id": f"claim-{row['claim_id']}",
    }
    if points:
        event["background"] = {"color": TURNING_POINT_COLOUR}
    return event


def timelinejs_chunks(
    rows: Iterable[dict], *, title: str, dek: str = "", groups=None, points=()
) -> Iterator[str]:
    """The TimelineJS3 JSON document, streamed an event at a time: `title` and `dek` on the
    title slide; `groups`: each proposition's statement by its slug, the events' groups;
    `points`: the turning points (TurningPoint.as_dict()s), marked on their claims' events."""
    groups = groups or {}
    marked = defaultdict(list)
    for point in points:
        marked[point["claim_id"]].append(point)
    slide = {"headline": escape(title)} | ({"text": f"<p>{escape(dek)}</p>"} if dek else {})
    yield _json({"title": {"text": slide}})[:-1] + ', "events": ['
    events = (
        timelinejs_event(
            row,
            group=groups.get(row["proposition"], row["proposition"]) or UNASSIGNED,
            points=marked.get(row["claim_id"], ()),
        )
        for row in rows
    )
    yield from _json_array(event for event in events if event is not None)
    yield "]}\n"


def export_filename(slug: str, today, extension: str, *, with_drafts: bool = False) -> str:
    """north-korean-troops-in-russia-2026-11-23.csv: the story's slug, the day, the format;
    an editor's file that holds drafts (or is of a draft story) says so:
    north-korean-troops-in-russia-2026-11-23-with-drafts.csv."""
    return f"{slug}-{today.isoformat()}{'-with-drafts' if with_drafts else ''}.{extension}"


def rows(claims: Iterable[dict], actors, links: Links) -> Iterator[dict]:
    """Export rows of `claims`, dicts of CLAIM_FIELDS (read them with .iterator(chunk_size=
    CHUNK_SIZE) to keep memory constant); `actors` is a timeline.filters.ActorDirectory, which
    names sides and affiliations without a query per row."""
    for claim in claims:
        yield claim_row(
            claim,
            side=actors.side(claim["actor_id"]),
            affiliation=actors.affiliation_name(claim["actor_id"]),
            links=links,
        )


FORMATS = {
    # format: (file extension, content type, Content-Disposition)
    "csv": ("csv", "text/csv; charset=utf-8", "attachment"),
    "json": ("json", "application/json; charset=utf-8", "inline"),
    "timelinejs": ("timelinejs.json", "application/json; charset=utf-8", "inline"),
}


def export_chunks(
    fmt: str,
    claims,
    actors,
    links: Links,
    *,
    story,
    arcs=(),
    bom=False,
    internal=False,
) -> Iterator[str]:
    """The export of `claims` (a ClaimQuerySet of `story`'s, read once, lazily, in chunks) in
    `fmt` ("csv", "json" or "timelinejs"), a piece at a time. `arcs`: the story's
    propositions as these claims tell them (ClaimQuerySet.story_arcs), for JSON and the
    TimelineJS turning points. `internal` (an editor's export) adds the EDITOR_COLUMNS to CSV
    and JSON rows."""
    fields = (*CLAIM_FIELDS, *EDITOR_COLUMNS) if internal else CLAIM_FIELDS
    claim_rows = rows(claims.values(*fields).iterator(chunk_size=CHUNK_SIZE), actors, links)
    if fmt == "csv":
        columns = (*CSV_COLUMNS, *EDITOR_COLUMNS) if internal else CSV_COLUMNS
        lines = csv_lines(claim_rows, bom=bom, columns=columns)
        return ended_honestly(lines, INCOMPLETE_LINE + "\r\n")
    if fmt not in FORMATS:
        raise ValueError(f"Unknown export format: {fmt}")
    points = [point_dict(point, links) for point in timeline.story.flat_points(arcs)]
    if fmt == "json":
        chunks = json_chunks(
            claim_rows,
            story=story_dict(story, links),
            propositions=[proposition_dict(arc) for arc in arcs],
            turning_points=points,
        )
    else:
        # One query, of the few propositions a story has: each claim's group is its statement.
        statements = dict(story.propositions.values_list("slug", "statement"))
        title = story.title if story.is_published else f"{story.title} (draft)"
        chunks = timelinejs_chunks(
            claim_rows, title=title, dek=story.dek, groups=statements, points=points
        )
    return ended_honestly(chunks, f"\n{INCOMPLETE_LINE}\n")


def ended_honestly(chunks: Iterator[str], marker: str) -> Iterator[str]:
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
