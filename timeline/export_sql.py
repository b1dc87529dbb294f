"""The exports' rows as PostgreSQL makes them: every cell of the CSV, every JSON claim and
every TimelineJS event computed in SQL over the same filtered QuerySet the page shows, and
sent by `COPY (SELECT ...) TO STDOUT` in blocks of many rows. No Python runs per row but
the gathering of rows into blocks: an export goes at nearly the speed of the database.

The output is the one timeline.export documents, byte for byte (tests/timeline/
test_export_sql.py compares it with an encoder written in Python): each cell here is the SQL
of what that module's documentation says, and its pieces that are words (kinds' labels,
the formula guard's characters, URLs) come from the same Python definitions.
"""

import json
import re
from collections.abc import Callable, Iterable, Iterator
from contextlib import nullcontext

from django.db import connections, transaction
from django.db.models import F, Func, TextField, Value
from django.utils.html import escape

from articles.formats import MONTH_ABBR
from articles.precision import DAY, MONTH, WEEK, YEAR
from timeline.vocabulary import KIND_LABELS

# What a block sent to the client holds at least (the last one may be shorter): one write
# of the server per block, not one per row.
BLOCK_BYTES = 64 * 1024
# A COPY is one statement for the whole export, the sending included: a large export to a
# slow client lasts longer than the web requests' statement timeout (15 s), which would
# cut it. It runs under this one instead, as long as the management commands' own.
COPY_TIMEOUT = "600s"
# Dates and times as ISO 8601 writes them (2024-10-30, 2024-10-30 08:15:00), whatever the
# server's default: COPY writes a date column, and casts a time to text, in the DateStyle.
DATE_STYLE = "ISO, YMD"


class Sql(Func):
    """An expression written as SQL: `template`, whose {0}, {1}, ... are `expressions`
    (field names, or expressions: give literals as Value(...), so that they travel as
    parameters). A sub-expression the template names twice is compiled once and repeated."""

    def __init__(self, template: str, *expressions, output_field=None):
        super().__init__(*expressions, output_field=output_field or TextField())
        self.sql_template = template

    def as_sql(self, compiler, connection, **extra_context):
        compiled = [compiler.compile(e) for e in self.get_source_expressions()]
        params = []

        def fill(match):
            sql, its_params = compiled[int(match[1])]
            params.extend(its_params)
            return sql

        return "(" + re.sub(r"\{(\d+)\}", fill, self.sql_template) + ")", params


def _value(text: str) -> Value:
    return Value(text, output_field=TextField())


def concat(*parts) -> Sql:
    """The parts (expressions, or text as it is) one after the other, in one pass; a NULL
    part counts as empty."""
    parts = [_value(p) if isinstance(p, str) else p for p in parts]
    return Sql("concat(" + ", ".join(f"{{{i}}}" for i in range(len(parts))) + ")", *parts)


def or_none(field) -> Sql:
    """Python's `value or None`: an empty text is no value."""
    return Sql(_OR_NONE, field)


_OR_NONE = "NULLIF({0}, '')"


def _no_empty(value) -> Sql:
    """`value`, an empty text as NULL (once)."""
    return value if getattr(value, "sql_template", None) == _OR_NONE else or_none(value)


def iso_utc_seconds(field) -> Sql:
    """A time as datetime.isoformat(timespec="seconds") writes it in UTC (Django's time zone
    for stored times): 2024-10-30T08:15:00+00:00. A timestamp's text is ISO 8601 but for
    the T under the DateStyle the COPY runs with (copied_rows)."""
    return Sql(
        "replace(date_trunc('second', {0} AT TIME ZONE 'UTC')::text, ' ', 'T') || '+00:00'", field
    )


def guarded(value, starts: Iterable[str]) -> Sql:
    """timeline.export.neutralise in SQL: text starting with one of `starts` gets a
    leading apostrophe; anything else (NULL too) is unchanged. ascii() is the code of the
    first character, compared as a number: no text is made for the test."""
    codes = ", ".join(str(ord(start)) for start in starts)
    return Sql(f"CASE WHEN ascii({{0}}) IN ({codes}) THEN '''' || {{0}} ELSE {{0}} END", value)


def html_escaped(value) -> Sql:
    """django.utils.html.escape in SQL: & < > " ' as entities."""
    sql = "{0}"
    for char in "&<>\"'":
        sql = f"replace({sql}, {_sql_text(char)}, {_sql_text(escape(char))})"
    return Sql(sql, value)


def _sql_text(text: str) -> str:
    """A short fixed text as an SQL literal (only for the few known characters above)."""
    return "'" + text.replace("'", "''") + "'"


def json_value(value) -> Sql:
    """The JSON text of a value as json.dumps(value, ensure_ascii=False) writes it: a string
    with the same escapes (", \\, \\n, \\r, \\t, \\b, \\f, \\u00XX for the other control
    characters, any other character as it is), a number as digits, NULL as null."""
    return Sql("COALESCE(to_json({0})::text, 'null')", value)


def json_object(pairs: Iterable[tuple[str, object]]) -> Sql:
    """A JSON object with these keys in this order, written as json.dumps writes a dict
    (", " between members, ": " after a key). `pairs`: (key, JSON text expression)."""
    parts = []
    for i, (key, text) in enumerate(pairs):
        parts += [("{" if i == 0 else ", ") + json.dumps(key, ensure_ascii=False) + ": ", text]
    return concat(*parts, "}")


# --- the rows


def _around(make: Callable[[str], str]) -> tuple[str, str]:
    """The text before and after the value in the URL `make` (a timeline.export.Links
    method) gives for a value."""
    marker = "\x00"  # in no URL: PostgreSQL text cannot hold it
    before, after = make(marker).split(marker)
    return before, after


def url(make: Callable[[str], str], field, *, start_guard: Iterable[str] = ()) -> Sql:
    """The absolute URL `make` (a timeline.export.Links method) gives for the value of
    `field`, made in SQL around Python's text. `start_guard`: the formula guard's
    characters, applied to the URL's start (its base, known here) once, in Python."""
    before, after = _around(make)
    if before.startswith(tuple(start_guard)):
        before = "'" + before
    return concat(before, F(field), after)


def claim_values(links, *, internal: bool) -> dict:
    """Each export column (timeline.export.CSV_COLUMNS, and its EDITOR_COLUMNS when
    `internal`) of a claim, as an expression typed as the JSON export has it: a number as a
    number, NULL where a row has no value (None in the JSON, an empty cell in the CSV). A
    date is a date: JSON writes it as ISO 8601, and so does COPY under the DateStyle it runs
    with (copied_rows)."""
    values = {
        "claim_id": F("pk"),
        "stated_on": F("stated_on"),
        "stated_precision": F("stated_precision"),
        "event_on": F("event_on"),
        "actor": F("actor__name"),
        "actor_kind": F("actor__kind"),
        "actor_country": or_none("actor__country"),
        "affiliation": or_none("actor__affiliation__name"),
        "side": or_none("actor__side"),
        "via": F("via__name"),
        "kind": F("kind"),
        "proposition": F("proposition__slug"),
        "stance": or_none("stance"),
        "number": F("number"),
        "number_max": F("number_max"),
        "number_role": or_none("number_role"),
        "quote": F("quote"),
        "note": or_none("note"),
        "article_title": F("article__title"),
        "outlet": F("article__outlet__name"),
        "article_published_on": F("article__published_on"),
        "article_precision": F("article__published_precision"),
        "article_published_latest": F("article__published_latest"),
        "article_url": url(links.article, "article__slug"),
        "claim_url": url(links.claim, "pk"),
        "status": F("status"),
        "updated_at": iso_utc_seconds("updated_at"),
    }
    if internal:
        values["internal_note"] = or_none("internal_note")
    return values


def csv_cells(links, columns, *, numbers, starts) -> list:
    """The CSV cells of `columns`, in order: a number column as the number; any other as
    text, empty when there is no value (COPY writes NULL as an empty cell and an empty text
    as ""), behind the formula guard (`starts`). A date or a time starts with a digit, never
    a guarded character, and a URL's start is guarded once, in Python."""
    values = claim_values(links, internal="internal_note" in columns)
    urls = {
        "article_url": url(links.article, "article__slug", start_guard=starts),
        "claim_url": url(links.claim, "pk", start_guard=starts),
    }
    timed = {
        "stated_on",
        "event_on",
        "article_published_on",
        "article_published_latest",
        "updated_at",
    }
    cells = []
    for name in columns:
        if name in numbers or name in timed:
            cells.append(values[name])
        elif name in urls:
            cells.append(urls[name])
        else:
            cells.append(guarded(_no_empty(values[name]), starts))
    return cells


def json_claim(links, *, internal: bool) -> Sql:
    """A claim as the JSON export writes it: one object, its members in column order."""
    values = claim_values(links, internal=internal)
    return json_object((name, json_value(value)) for name, value in values.items())


# --- TimelineJS


def _kind_label(field) -> Sql:
    """timeline.vocabulary.kind_label, HTML-escaped: a label per known kind, an unknown
    kind as it is."""
    whens = " ".join(f"WHEN {{{2 * i + 1}}} THEN {{{2 * i + 2}}}" for i in range(len(KIND_LABELS)))
    pairs = [_value(text) for kind, label in KIND_LABELS.items() for text in (kind, escape(label))]
    unknown = html_escaped(field)
    return Sql(f"CASE {{0}} {whens} ELSE {{{len(pairs) + 1}}} END", field, *pairs, unknown)


def _figure() -> Sql:
    """articles.formats.format_number in SQL: 10,000; a range 14,000–15,000; NULL for none."""
    grouped = "to_char({0}, 'FM9,999,999,999,999,999,999')"
    return Sql(
        f"CASE WHEN {{1}} <> {{0}} "
        f"THEN {grouped} || '–' || {grouped.replace('{0}', '{1}')} ELSE {grouped} END",
        "number",
        "number_max",
    )


def _to_char_text(text: str) -> str:
    """`text` as to_char writes it as it is: in double quotes, a double quote or a
    backslash behind a backslash."""
    return '"' + text.replace("\\", "\\\\").replace('"', '\\"') + '"'


def _date_json(*members: tuple[str, str, str]) -> str:
    """A to_char pattern that writes a TimelineJS date as JSON: `members` are (key, text
    before, to_char pattern ...) as json.dumps writes them; e.g. ("year", "", "FMYYYY")."""
    pattern = ""
    for i, (key, quoted, fields) in enumerate(members):
        pattern += _to_char_text(("{" if i == 0 else ", ") + json.dumps(key) + ": " + quoted)
        pattern += fields
    return pattern + _to_char_text(members[-1][1][:1] + "}")


def _start_date() -> Sql:
    """timeline.export's TimelineJS date of a claim, its JSON written by one to_char: the
    year; the month but for a year; the day of a day or a week; a display_date for a week,
    a month or a year, as articles.formats.format_date writes it (its month abbreviations
    are English, as to_char's Mon without TM is)."""
    assert MONTH_ABBR[9] == "Oct"
    year, month, day = ("year", "", "FMYYYY"), ("month", "", "FMMM"), ("day", "", "FMDD")

    def shown(*fields: str) -> tuple[str, str, str]:
        return ("display_date", '"', _to_char_text(" ").join(fields))

    formats = {
        YEAR: _date_json(year, shown("FMYYYY")),
        MONTH: _date_json(year, month, shown("Mon", "FMYYYY")),
        WEEK: _date_json(
            year, month, day, shown(_to_char_text("week of ") + "FMDD", "Mon", "FMYYYY")
        ),
        DAY: _date_json(year, month, day),
    }
    whens = " ".join(f"WHEN {{{2 * i + 2}}} THEN {{{2 * i + 3}}}" for i in range(len(formats)))
    other = len(formats) * 2 + 2
    return Sql(
        f"to_char({{0}}, CASE {{1}} {whens} ELSE {{{other}}} END)",
        "stated_on",
        "stated_precision",
        *[_value(text) for item in formats.items() for text in item],
        _value(_date_json(year, month)),
    )


def timelinejs_event(
    links,
    *,
    turns: dict[int, str],
    groups: dict[int, str],
    unassigned: str,
    marker: str,
    colour: str,
):
    """A dated claim as timeline.export's TimelineJS event (the JSON of it). `turns`: the
    HTML that opens the text of each turning point's claim (by claim id): such a claim's
    headline starts with `marker` and its slide has the `colour` background; `groups`: the
    statement of each of the story's propositions (by id), its claims' group; `unassigned`:
    the group of claims on no proposition."""
    turn = Sql("(({0})::jsonb ->> ({1})::text)", _value(json.dumps(turns)), "pk")
    figure = _figure()
    headline = concat(
        Sql("CASE WHEN {0} IS NOT NULL THEN {1} ELSE '' END", turn, _value(f"{marker}: ")),
        html_escaped("actor__name"),
        ": ",
        _kind_label("kind"),
        Sql("', ' || {0}", figure),  # NULL, left out, when there is no figure
        Sql("CASE WHEN {0} = 'draft' THEN ' (draft)' ELSE '' END", "status"),
    )
    source = html_escaped(Sql("COALESCE(NULLIF({0}, ''), {1})", "article__outlet__name",
                              "article__title"))  # fmt: skip
    article_before, article_after = map(escape, _around(links.article))
    claim_before, claim_after = map(escape, _around(links.claim))
    text = concat(
        turn,
        "<blockquote>",
        html_escaped("quote"),
        "</blockquote><p>",
        source,
        ' · <a href="',
        article_before,
        html_escaped("article__slug"),
        article_after,
        "#claim-",
        F("pk"),
        '">in the article</a> · <a href="',
        claim_before,
        F("pk"),
        claim_after,
        '">claim ',
        F("pk"),
        "</a></p>",
    )
    # The group, each of the story's propositions' (`groups`) as it is; of another (there
    # is none) from its row.
    own = html_escaped(Sql("COALESCE(NULLIF({0}, ''), {1})", "proposition__statement",
                           _value(unassigned)))  # fmt: skip
    whens = " ".join(f"WHEN {{{2 * i + 1}}} THEN {{{2 * i + 2}}}" for i in range(len(groups)))
    # A story with no proposition has no WHEN: a CASE needs one, so its group is `own`.
    group_json = json_value(own)
    if groups:
        group_json = Sql(
            f"CASE {{0}} {whens} ELSE {{{2 * len(groups) + 1}}} END",
            "proposition_id",
            *[
                v
                for pk, statement in groups.items()
                for v in (
                    Value(pk),
                    _value(json.dumps(escape(statement or unassigned), ensure_ascii=False)),
                )
            ],
            json_value(own),
        )
    background = json.dumps({"color": colour})
    return concat(
        '{"start_date": ',
        _start_date(),
        ', "text": {"headline": ',
        json_value(headline),
        ', "text": ',
        json_value(text),
        '}, "group": ',
        group_json,
        ', "unique_id": "claim-',
        F("pk"),
        '"',
        Sql(
            "CASE WHEN {0} IS NOT NULL THEN {1} ELSE '' END",
            turn,
            _value(f', "background": {background}'),
        ),  # fmt: skip
        "}",
    )


# --- COPY


def copy_statement(queryset, expressions: list, *, options: str) -> str:
    """`COPY (SELECT <expressions> ...) TO STDOUT WITH (<options>)`: the SELECT is
    `queryset`'s (its joins, filters and order) with `expressions` as its columns, its
    parameters bound by the client (COPY takes none of its own) as psycopg quotes them."""
    names = {f"export_{i}": expression for i, expression in enumerate(expressions)}
    query = queryset.annotate(**names).values_list(*names).query
    connection = connections[queryset.db]
    sql, params = query.get_compiler(connection=connection).as_sql()
    select = connection.ops.compose_sql(sql, params)
    return f"COPY ({select}) TO STDOUT WITH ({options})"


def copied_rows(statement: str, using: str) -> Iterator[memoryview]:
    """The rows COPY sends, one message each (PostgreSQL sends one CopyData message per
    row), as they come: the client's memory holds a few of them, never the export. Errors
    are Django's (DatabaseError and its kind); a COPY left early is cancelled."""
    connection = connections[using]
    with transaction.atomic(using=using), connection.cursor() as cursor:
        # As SET LOCAL: the connection's own settings are back when the transaction ends.
        cursor.execute(
            "SELECT set_config('statement_timeout', %s, true), set_config('DateStyle', %s, true)",
            [COPY_TIMEOUT, DATE_STYLE],
        )
        with (
            connection.wrap_database_errors,
            _logged(cursor, statement),
            cursor.cursor.copy(statement) as copy,
        ):
            yield from copy


def _logged(cursor, statement: str):
    """Where Django logs queries (DEBUG, or a test counting them), the COPY is logged as
    one query, as cursor.execute would be."""
    debug_sql = getattr(cursor, "debug_sql", None)
    return debug_sql(statement) if debug_sql is not None else nullcontext()


def csv_blocks(rows: Iterable[memoryview]) -> Iterator[bytes]:
    """COPY's CSV rows (each ends with \\n) as RFC 4180 lines (ending with \\r\\n, as
    Python's csv module writes them), BLOCK_BYTES or more at a time. A row's own line
    breaks are inside its quotes and stay as they are: only the last byte of each is COPY's
    end of row."""
    lines, size = [], 0
    for row in rows:
        lines.append(row[:-1])
        size += len(row)
        if size >= BLOCK_BYTES:
            lines.append(b"")
            yield b"\r\n".join(lines)
            lines, size = [], 0
    if lines:
        lines.append(b"")
        yield b"\r\n".join(lines)


# COPY's binary format: this header (its signature, flags, the length of an extension that
# follows) before the first row; then each row as its number of fields (2 bytes) and each
# field's length (4 bytes) and bytes; then -1 (2 bytes) for the end.
BINARY_SIGNATURE = b"PGCOPY\n\xff\r\n\x00"
BINARY_HEADER = len(BINARY_SIGNATURE) + 8
ONE_FIELD = 2 + 4  # a row's field count and its field's length, before the text


def json_array_blocks(rows: Iterable[memoryview]) -> Iterator[bytes]:
    """COPY's rows of one JSON text each, in COPY's binary format (the text's bytes as they
    are, nothing escaped), as the members of a JSON array, written as timeline.export writes
    an array: "\\n  " before the first, ",\\n  " between two, "\\n" after the last;
    BLOCK_BYTES or more at a time."""
    rows = iter(rows)
    texts = _first_texts(next(rows, b""))
    size = sum(len(text) for text in texts)
    sent = False
    for row in rows:
        if len(row) < ONE_FIELD:
            break  # the end (-1)
        texts.append(row[ONE_FIELD:])
        size += len(row)
        if size >= BLOCK_BYTES:
            yield (b",\n  " if sent else b"\n  ") + b",\n  ".join(texts)
            sent, texts, size = True, [], 0
    if texts:
        yield (b",\n  " if sent else b"\n  ") + b",\n  ".join(texts) + b"\n"
    elif sent:
        yield b"\n"


def _first_texts(message) -> list:
    """The text of the first row in COPY's first binary message, after the header (none
    when there are no rows: the header and the end came together)."""
    if not message:
        return []
    if bytes(message[: len(BINARY_SIGNATURE)]) != BINARY_SIGNATURE:
        raise ValueError("Not COPY's binary format.")
    extension = int.from_bytes(message[BINARY_HEADER - 4 : BINARY_HEADER], "big")
    row = message[BINARY_HEADER + extension :]
    return [row[ONE_FIELD:]] if len(row) >= ONE_FIELD else []
