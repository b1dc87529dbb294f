"""One actor per name, whatever its case (a unique constraint on lower(name)).

A database made before it may hold two actors of one name: twenty editors adding one actor
at once made them. Those that agree on kind, country and affiliation are one actor added
twice: they are merged into the oldest (its claims, relayed claims, members and aliases
follow it). Those that differ may be two actors that happen to share a name: the migration
then stops and names them, so that someone renames or merges them in the admin first.
Going back removes the constraint; merged actors stay merged.
"""

from collections import defaultdict

from django.db import migrations, models
from django.db.models.functions import Lower


class DuplicateActorNames(Exception):
    pass


def merge_duplicate_names(apps, schema_editor):
    Actor = apps.get_model("timeline", "Actor")
    Claim = apps.get_model("timeline", "Claim")
    groups = defaultdict(list)
    # lower() in the database, as the constraint compares names.
    for actor in Actor.objects.annotate(key=Lower("name")).order_by("pk"):
        groups[actor.key].append(actor)
    different, merged = [], False
    for actors in groups.values():
        if len(actors) < 2:
            continue
        keep, *extra = actors
        if any(
            (a.kind, a.country, a.affiliation_id) != (keep.kind, keep.country, keep.affiliation_id)
            for a in extra
        ):
            different.append(", ".join(f"“{a.name}” (id {a.pk}, slug {a.slug})" for a in actors))
            continue
        Claim.objects.filter(actor__in=extra).update(actor=keep)
        Claim.objects.filter(via__in=extra).update(via=keep)
        Actor.objects.filter(affiliation__in=extra).update(affiliation=keep)
        aliases = list(keep.aliases)
        for actor in extra:
            aliases += [alias for alias in actor.aliases if alias not in aliases]
        keep.aliases = aliases
        keep.save(update_fields=["aliases"])
        Actor.objects.filter(pk__in=[a.pk for a in extra]).delete()
        merged = True
    if merged and schema_editor is not None:
        # Check the foreign keys now, not at commit: PostgreSQL builds no index on a table
        # with checks pending.
        schema_editor.execute("SET CONSTRAINTS ALL IMMEDIATE")
    if different:
        raise DuplicateActorNames(
            "Actor names must be unique (whatever their case), but these actors share a name "
            "and differ in kind, country or affiliation, so they were not merged: "
            + "; ".join(different)
            + ". Rename or merge them in the admin (/admin/timeline/actor/), then migrate again."
        )


class Migration(migrations.Migration):
    dependencies = [
        ("timeline", "0002_plausible_dates_and_limits"),
    ]

    operations = [
        migrations.RunPython(merge_duplicate_names, migrations.RunPython.noop),
        migrations.AddConstraint(
            model_name="actor",
            constraint=models.UniqueConstraint(
                Lower("name"),
                name="actor_name_unique_ci",
                violation_error_message="There is already an actor of that name.",
            ),
        ),
    ]
