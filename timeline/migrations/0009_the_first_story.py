"""The first cut's claims belong to the story it told: the seed story of
timeline/fixtures/seed_story.json (its title, slug and sides, as that file had them when this
migration was written). `load_story` then gives it its dek and propositions and tags the seed
claims; editors tag the rest. Counts, which had no role, were all totals."""

from django.db import migrations

FIRST_STORY = {
    "slug": "north-korean-troops-in-russia",
    "title": "Pasukan Korea Utara di Rusia",
    "title_en": "North Korean troops in Russia",
    "language": "id",
    "sides": [
        ["KP", "North Korea"],
        ["RU", "Russia"],
        ["UA", "Ukraine"],
        ["US", "United States"],
        ["KR", "South Korea"],
    ],
    "is_published": True,
}


def forwards(apps, schema_editor):
    Claim = apps.get_model("timeline", "Claim")
    Story = apps.get_model("timeline", "Story")
    Claim.objects.filter(kind__in=["troop_count", "casualty_count"]).update(number_role="total")
    if not Claim.objects.exists():
        return  # a new database: load_story makes the seed story
    story = Story.objects.create(**FIRST_STORY)
    Claim.objects.update(story=story)
    article_ids = Claim.objects.values_list("article_id", flat=True).distinct()
    story.articles.add(*article_ids)


class Migration(migrations.Migration):
    dependencies = [("timeline", "0008_stories_and_propositions")]
    operations = [migrations.RunPython(forwards, migrations.RunPython.noop)]
