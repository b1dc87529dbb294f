"""Who may write: members of the `editors` group (and superusers)."""

from django.contrib.auth.models import Group, Permission

EDITORS = "editors"
EDITOR_PERMISSIONS = [
    ("timeline", "add_claim"),
    ("timeline", "change_claim"),
    ("timeline", "delete_claim"),
    ("timeline", "view_claim"),
    ("timeline", "add_actor"),
    ("timeline", "change_actor"),
    ("timeline", "delete_actor"),
    ("timeline", "view_actor"),
    ("articles", "add_article"),  # in the browser (articles/add_views.py)
    ("articles", "change_article"),
    ("articles", "view_article"),
    ("articles", "view_articlesource"),  # the files an article was loaded from, in its admin
    ("articles", "add_outlet"),
    ("articles", "change_outlet"),  # the registry: names, aliases and domains to recognise
    ("articles", "view_outlet"),
]


def is_editor(user) -> bool:
    return user.is_active and user.has_perm("timeline.change_claim")


def ensure_editors_group(**kwargs):
    """Create the editors group with its permissions (runs after every migrate)."""
    group, _ = Group.objects.get_or_create(name=EDITORS)
    wanted = Permission.objects.none()
    for app_label, codename in EDITOR_PERMISSIONS:
        wanted |= Permission.objects.filter(content_type__app_label=app_label, codename=codename)
    group.permissions.add(*wanted)
