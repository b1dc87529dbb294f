"""The exports as timeline.export made them before PostgreSQL did (issue 13), a row at a
time in Python: kept here as the oracle that tests/timeline/test_export_sql.py holds the
SQL exports to, byte for byte. Not used by the project."""

import csv
import json
from collections import defaultdict
from collections.abc import Callable, Iterable, Iterator
from datetime import date

from django.utils.html import escape, format_html, format_html_join

import timeline.story
from articles.formats import format_date, format_number
from articles.precision import DAY, MONTH, WEEK, YEAR
from timeline.export import (
    BOM,
    CSV_COLUMNS,
    EDITOR_COLUMNS,
    FORMATS,
    FORMULA_STARTS,
    INCOMPLETE_LINE,
    NUMBER_COLUMNS,
    TURNING_POINT,
    TURNING_POINT_COLOUR,
    UNASSIGNED,
    Links,
    ended_honestly,
    point_dict,
    proposition_dict,
    story_dict,
)
from timeline.vocabulary import kind_label

CHUNK_SIZE = 2000  # rows per fetch from the database's cursor


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
