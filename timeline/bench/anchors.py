"""What each figure of the benchmark is compared with: PostgreSQL's own COPY of the same rows
an export sends (the speed of the database, which no export can beat), and COPY of the same
article rows into a table with the articles' indexes (what loading cannot beat)."""

from django.db import connection

from timeline.models import Claim

# The rows a reader's export holds (reviewed, not deleted, of the story), in the timeline's
# order (ClaimQuerySet.chronological), with what each row names joined in.
_FROM = """
    FROM timeline_claim c
    JOIN timeline_actor a ON a.id = c.actor_id
    LEFT JOIN timeline_actor aff ON aff.id = a.affiliation_id
    LEFT JOIN timeline_actor v ON v.id = c.via_id
    JOIN articles_article ar ON ar.id = c.article_id
    LEFT JOIN articles_outlet o ON o.id = ar.outlet_id
    LEFT JOIN timeline_proposition p ON p.id = c.proposition_id
    WHERE c.story_id = %(story)s AND c.status = 'reviewed' AND c.deleted_at IS NULL
    ORDER BY c.stated_on NULLS LAST,
        CASE c.stated_precision WHEN 'year' THEN 0 WHEN 'month' THEN 1 WHEN 'week' THEN 2
            WHEN 'day' THEN 3 ELSE 9 END,
        ar.published_on, c.article_id, c.start, c.id
"""
_ARTICLE_URL = "%(base)s || '/articles/' || ar.slug || '/'"
_CLAIM_URL = "%(base)s || '/claims/' || c.id || '/'"

# The CSV export's columns (timeline.export.CSV_COLUMNS), as COPY writes CSV.
CSV = f"""
    COPY (SELECT c.id, c.stated_on, c.stated_precision, c.event_on, a.name, a.kind, a.country,
        aff.name, a.side, v.name, c.kind, c.number, c.number_max, c.quote, c.note, ar.title,
        o.name, ar.published_on, ar.published_precision, ar.published_latest,
        {_ARTICLE_URL}, {_CLAIM_URL}, c.status, c.updated_at
    {_FROM}) TO STDOUT WITH (FORMAT csv, HEADER)
"""
# The JSON export's claims, one object per row, built by PostgreSQL.
JSON = f"""
    COPY (SELECT json_build_object('claim_id', c.id, 'stated_on', c.stated_on,
        'stated_precision', c.stated_precision, 'event_on', c.event_on, 'actor', a.name,
        'actor_kind', a.kind, 'actor_country', a.country, 'affiliation', aff.name,
        'side', a.side, 'via', v.name, 'kind', c.kind, 'number', c.number,
        'number_max', c.number_max, 'quote', c.quote, 'note', c.note,
        'article_title', ar.title, 'outlet', o.name, 'article_published_on', ar.published_on,
        'article_precision', ar.published_precision,
        'article_published_latest', ar.published_latest, 'article_url', {_ARTICLE_URL},
        'claim_url', {_CLAIM_URL}, 'status', c.status, 'updated_at', c.updated_at,
        'proposition', p.statement, 'stance', c.stance)
    {_FROM}) TO STDOUT
"""
# TimelineJS events (dated claims only), one object per row, built by PostgreSQL.
TIMELINEJS = f"""
    COPY (SELECT json_build_object(
        'start_date', json_build_object('year', extract(year FROM c.stated_on)::int,
            'month', extract(month FROM c.stated_on)::int,
            'day', extract(day FROM c.stated_on)::int),
        'text', json_build_object('headline', a.name || ': ' || c.kind,
            'text', c.quote || ' — ' || ar.title),
        'group', a.side, 'unique_id', 'claim-' || c.id)
    {_FROM.replace("WHERE", "WHERE c.stated_on IS NOT NULL AND")}) TO STDOUT
"""


def copy_out(statement: str, params: dict) -> int:
    """Run a COPY ... TO STDOUT and read it to its end, as a client would; its bytes."""
    size = 0
    # psycopg's own cursor: Django's wrapper passes COPY no parameters.
    with connection.cursor() as cursor, cursor.cursor.copy(statement, params) as copy:
        for block in copy:
            size += len(block)
    return size


def export_rows(story) -> int:
    """How many rows a reader's export of `story` holds."""
    return Claim.objects.visible().filter(story=story).count()


# Loading: the article columns the loader writes, COPY'd into a table made LIKE the articles'
# with all its indexes (the search vector computed, its GIN index, the unique ones).
ARTICLE_COLUMNS = (
    "slug", "title", "title_derived", "body", "raw", "source_name", "source_path",
    "content_hash", "url", "language", "outlet_id", "wire_id", "published_on",
    "published_precision", "published_latest", "published_evidence", "published_source",
    "created_at", "updated_at",
)  # fmt: skip
ARTICLE_COPY_TABLE = "bench_article_copy"


def make_article_copy_table():
    """The articles' table again, its indexes and its rows (so that its indexes are as large)."""
    columns = ", ".join(ARTICLE_COLUMNS)
    with connection.cursor() as cursor:
        cursor.execute(f"DROP TABLE IF EXISTS {ARTICLE_COPY_TABLE}")
        cursor.execute(f"CREATE TABLE {ARTICLE_COPY_TABLE} (LIKE articles_article INCLUDING ALL)")
        cursor.execute(
            f"INSERT INTO {ARTICLE_COPY_TABLE} ({columns}) SELECT {columns} FROM articles_article"
        )


def article_rows(where: str, params: list) -> list[tuple]:
    with connection.cursor() as cursor:
        cursor.execute(
            f"SELECT {', '.join(ARTICLE_COLUMNS)} FROM articles_article WHERE {where}", params
        )
        return cursor.fetchall()


def copy_articles(rows: list[tuple]):
    """COPY `rows` into the copy of the articles' table (remove_copied_articles takes them
    out again)."""
    columns = ", ".join(ARTICLE_COLUMNS)
    statement = f"COPY {ARTICLE_COPY_TABLE} ({columns}) FROM STDIN"
    with connection.cursor() as cursor, cursor.copy(statement) as copy:
        for row in rows:
            copy.write_row(row)


def remove_copied_articles(hashes: list[str]):
    with connection.cursor() as cursor:
        cursor.execute(f"DELETE FROM {ARTICLE_COPY_TABLE} WHERE content_hash = ANY(%s)", [hashes])
