from django.db import migrations

# Trigram similarity in plain SQL, as pg_trgm counts trigrams (each word lower-cased and
# padded with two spaces before and one after). The embedded PostgreSQL (pgserver) ships no
# contrib extensions, so pg_trgm cannot be assumed; these functions run on any PostgreSQL.
FUNCTIONS = r"""
CREATE FUNCTION timeline_trigrams(t text) RETURNS text[]
LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$
    SELECT coalesce(array_agg(DISTINCT substr(padded, i, 3)), '{}')
    FROM regexp_split_to_table(lower(t), '[^[:alnum:]]+') AS word,
         LATERAL (SELECT '  ' || word || ' ' AS padded) AS p,
         LATERAL generate_series(1, length(padded) - 2) AS i
    WHERE word <> ''
$$;

CREATE FUNCTION timeline_similarity(a text, b text) RETURNS real
LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$
    SELECT CASE WHEN cardinality(x) = 0 OR cardinality(y) = 0 THEN 0::real ELSE
        (SELECT count(*) FROM (SELECT unnest(x) INTERSECT SELECT unnest(y)) AS shared)::real
        / (SELECT count(*) FROM (SELECT unnest(x) UNION SELECT unnest(y)) AS every)::real
    END
    FROM (SELECT timeline_trigrams(a) AS x, timeline_trigrams(b) AS y) AS grams
$$;

CREATE FUNCTION timeline_name_similarity(q text, names text[]) RETURNS real
LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$
    SELECT coalesce(max(timeline_similarity(q, part)), 0)::real
    FROM unnest(names) AS name,
         LATERAL (
             SELECT name AS part
             UNION ALL
             SELECT word FROM regexp_split_to_table(name, '[^[:alnum:]]+') AS word
             WHERE word <> ''
         ) AS parts
$$;
"""

DROP = """
DROP FUNCTION IF EXISTS timeline_name_similarity(text, text[]);
DROP FUNCTION IF EXISTS timeline_similarity(text, text);
DROP FUNCTION IF EXISTS timeline_trigrams(text);
"""


class Migration(migrations.Migration):
    """Trigram similarity for the actor search's spelling variants ("Zelenskyi" finds
    Zelensky): the most alike of an actor's names and their words (ActorQuerySet.matching)."""

    dependencies = [
        ("timeline", "0005_note_limits"),
    ]

    operations = [migrations.RunSQL(FUNCTIONS, DROP)]
