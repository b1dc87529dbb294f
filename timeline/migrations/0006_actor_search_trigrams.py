from django.contrib.postgres.operations import TrigramExtension
from django.db import migrations


class Migration(migrations.Migration):
    """pg_trgm, for the actor search's spelling variants ("Zelenskyi" finds Zelensky).
    A trusted extension since PostgreSQL 13: the database owner may create it."""

    dependencies = [
        ("timeline", "0005_note_limits"),
    ]

    operations = [TrigramExtension()]
