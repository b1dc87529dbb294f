from django.db import migrations, models

# Story.version, kept by the database: raised in the transaction of any write to what a
# story's page shows, however it is made (the editing functions, the review queue, the admin,
# load_story, QuerySet.update(), bulk_create(), COPY, raw SQL). The page's readers share what
# it shows through the cache under that version (timeline.cache): the next reader after a
# write asks for a key no one has filled yet.
#
# - The story's own row: any UPDATE raises it by one, whatever the row written says (a copy
#   of the story read before a claim was saved, saved again, never takes the version back).
# - Its claims, propositions and articles (the m2m rows): once per statement, however many
#   rows it wrote (a COPY of 100,000 claims raises it once), for every story of a row before
#   or after the write. PostgreSQL takes transition tables for one event per trigger: three
#   triggers per table, one function.
# - An article's title, address, date or outlet: the stories it is in (row by row: articles
#   change one at a time, and most of their writes change none of these).
# - Actors and outlets, and deleting an article: every story (each page names actors and
#   outlets, and the filters list every actor, outlet and article). Rare writes; a newsroom
#   has tens of stories, not millions.
#
# A write holds its stories' rows until it commits: two writes to one story take turns (as
# two saves of one claim already do).
STORY_ROW = """
CREATE FUNCTION timeline_story_next_version() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    NEW.version := OLD.version + 1;
    RETURN NEW;
END
$$;
CREATE TRIGGER timeline_story_next_version BEFORE UPDATE ON timeline_story
    FOR EACH ROW EXECUTE FUNCTION timeline_story_next_version();
"""
TOUCH_STORIES = """
CREATE FUNCTION timeline_touch_stories() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF TG_OP = 'INSERT' THEN
        UPDATE timeline_story SET version = version + 1
        WHERE id IN (SELECT story_id FROM new_rows);
    ELSIF TG_OP = 'DELETE' THEN
        UPDATE timeline_story SET version = version + 1
        WHERE id IN (SELECT story_id FROM old_rows);
    ELSE
        UPDATE timeline_story SET version = version + 1
        WHERE id IN (SELECT story_id FROM old_rows UNION SELECT story_id FROM new_rows);
    END IF;
    RETURN NULL;
END
$$;
CREATE FUNCTION timeline_touch_every_story() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    UPDATE timeline_story SET version = version + 1;
    RETURN NULL;
END
$$;
CREATE FUNCTION timeline_article_touches_stories() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    UPDATE timeline_story SET version = version + 1
    WHERE id IN (SELECT story_id FROM timeline_story_articles WHERE article_id = NEW.id);
    RETURN NULL;
END
$$;
CREATE TRIGGER timeline_article_touches_stories
    AFTER UPDATE ON articles_article FOR EACH ROW
    WHEN (OLD.title IS DISTINCT FROM NEW.title OR OLD.slug IS DISTINCT FROM NEW.slug
          OR OLD.published_on IS DISTINCT FROM NEW.published_on
          OR OLD.published_latest IS DISTINCT FROM NEW.published_latest
          OR OLD.published_precision IS DISTINCT FROM NEW.published_precision
          OR OLD.outlet_id IS DISTINCT FROM NEW.outlet_id)
    EXECUTE FUNCTION timeline_article_touches_stories();
CREATE TRIGGER timeline_article_delete_touches_stories
    AFTER DELETE ON articles_article
    FOR EACH STATEMENT EXECUTE FUNCTION timeline_touch_every_story();
CREATE TRIGGER timeline_actor_touches_stories
    AFTER INSERT OR UPDATE OR DELETE ON timeline_actor
    FOR EACH STATEMENT EXECUTE FUNCTION timeline_touch_every_story();
CREATE TRIGGER timeline_outlet_touches_stories
    AFTER INSERT OR UPDATE OR DELETE ON articles_outlet
    FOR EACH STATEMENT EXECUTE FUNCTION timeline_touch_every_story();
"""
TABLES = ("timeline_claim", "timeline_proposition", "timeline_story_articles")
EVENTS = (
    ("insert", "INSERT", "NEW TABLE AS new_rows"),
    ("update", "UPDATE", "OLD TABLE AS old_rows NEW TABLE AS new_rows"),
    ("delete", "DELETE", "OLD TABLE AS old_rows"),
)
TOUCH_BY_ROWS = "".join(
    f"CREATE TRIGGER {table}_{name}_touches_story AFTER {event} ON {table} "
    f"REFERENCING {tables} FOR EACH STATEMENT EXECUTE FUNCTION timeline_touch_stories();\n"
    for table in TABLES
    for name, event, tables in EVENTS
)
DROP = (
    "".join(
        f"DROP TRIGGER {table}_{name}_touches_story ON {table};\n"
        for table in TABLES
        for name, _, _ in EVENTS
    )
    + """
DROP TRIGGER timeline_article_touches_stories ON articles_article;
DROP TRIGGER timeline_article_delete_touches_stories ON articles_article;
DROP TRIGGER timeline_actor_touches_stories ON timeline_actor;
DROP TRIGGER timeline_outlet_touches_stories ON articles_outlet;
DROP TRIGGER timeline_story_next_version ON timeline_story;
DROP FUNCTION timeline_touch_stories();
DROP FUNCTION timeline_touch_every_story();
DROP FUNCTION timeline_article_touches_stories();
DROP FUNCTION timeline_story_next_version();
"""
)


class Migration(migrations.Migration):
    dependencies = [
        ("articles", "0006_outlets_languages"),
        ("timeline", "0010_claims_belong_to_a_story"),
    ]

    operations = [
        migrations.AddField(
            model_name="story",
            name="version",
            field=models.PositiveBigIntegerField(default=1, editable=False),
        ),
        migrations.RunSQL(STORY_ROW + TOUCH_STORIES + TOUCH_BY_ROWS, DROP),
    ]
