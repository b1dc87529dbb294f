"""The editor's writes: claims created, edited, deleted and restored; actors added.

Each write is one transaction, validates with `full_clean()`, raises the claim's `version`,
and leaves a history record (django-simple-history) naming the editor and saying why (in
English, the code's words, whatever the editor's language: the history is stored once).
A save based on an older version of a claim is refused with `ClaimConflict`, which says
what the other editor changed: nothing is overwritten silently.
"""

import hashlib
from dataclasses import dataclass

from django.core.exceptions import ValidationError
from django.db import IntegrityError, connection, models, transaction
from django.utils import timezone, translation
from django.utils.text import slugify
from django.utils.translation import gettext

from articles.formats import format_number
from articles.models import Article, Precision
from timeline import vocabulary
from timeline.anchoring import span_at
from timeline.models import ACTOR_NAME_TAKEN, Actor, Claim

EDITABLE = frozenset(Claim.EDITABLE_FIELDS)
# Bookkeeping that changes on every save: not worth showing in a conflict or a diff.
BOOKKEEPING = ["updated_at", "updated_by", "version", "prefix", "suffix", "created_at"]


@dataclass(frozen=True)
class Change:
    field: str
    label: str
    theirs: str  # what is stored now, as a person reads it
    yours: str  # what the refused save would have stored ("" when it left the field alone)


class ClaimConflict(Exception):
    """The claim changed since the editor loaded it (their version is older)."""

    def __init__(self, claim: Claim, changes: list[Change], by: list[str], reasons=()):
        self.claim = claim  # as it is now
        self.changes = changes
        self.by = by  # who saved it since (empty: the loader re-anchored it)
        self.reasons = list(reasons)  # the history's change reasons since
        names = ", ".join(by) or "another editor"
        super().__init__(f"Claim {claim.pk} was changed by {names} since version {claim.version}")


def display(field_name: str, value, known: dict | None = None) -> str:
    """A field's value as an editor reads it: names for actors, statements for
    propositions, labels for choices. `known` (model -> {pk: instance}) saves a query per
    related id."""
    if value is None or value == "":
        return "—"
    field = Claim._meta.get_field(field_name)
    if field.is_relation:
        model = field.related_model
        if isinstance(value, model):
            return str(value)
        if known is not None:
            related = known.get(model, {}).get(value)
        else:
            related = model.objects.filter(pk=value).first()
        return str(related) if related else f"{model._meta.verbose_name} #{value}"
    if field.choices:
        return str(dict(field.flatchoices).get(value, value))
    if hasattr(value, "isoformat"):
        return value.isoformat()
    if isinstance(value, int) and not isinstance(value, bool):
        return format_number(value)
    return str(value)


def label(field_name: str) -> str:
    return str(Claim._meta.get_field(field_name).verbose_name)


def _save(claim: Claim, *, editor, reason: str) -> Claim:
    claim.updated_by = editor
    claim.full_clean()
    claim._history_user = editor
    claim._change_reason = reason[:100]
    claim.save()
    return claim


@transaction.atomic
def claim_create(
    *,
    article,
    start: int,
    end: int,
    quote: str,
    actor: Actor,
    editor,
    kind: str,
    via: Actor | None = None,
    number: int | None = None,
    number_max: int | None = None,
    stated_on=None,
    stated_precision: str = Precision.DAY,
    stated_evidence: str = "",
    event_on=None,
    event_precision: str = Precision.DAY,
    status: str = Claim.Status.DRAFT,
    note: str = "",
    internal_note: str = "",
    story=None,
    proposition=None,
    stance: str = "",
    number_role: str = "",
) -> Claim:
    """A new claim on `article`'s text between `start` and `end` (which must read `quote`).
    Refused (ValidationError, code "duplicate") when a live claim already says the same."""
    # Two editors saving the same claim at once: the second waits here, then sees the first.
    Article.objects.select_for_update().filter(pk=article.pk).exists()
    span = span_at(article.body, start, end)
    claim = Claim(
        story=story,
        proposition=proposition,
        stance=stance,
        number_role=number_role,
        article=article,
        start=start,
        end=end,
        quote=quote,
        prefix=span.prefix,
        suffix=span.suffix,
        actor=actor,
        via=via,
        kind=kind,
        number=number,
        number_max=number_max,
        stated_on=stated_on,
        stated_precision=stated_precision,
        stated_evidence=stated_evidence,
        event_on=event_on,
        event_precision=event_precision,
        status=status,
        note=note,
        internal_note=internal_note,
        created_by=editor,
        version=1,
    )
    # Stored in the history: in the code's words, not the editor's language of the moment.
    with translation.override(None):
        reason = f"tagged as {vocabulary.kind_label(claim.kind)}"
    return _save(claim, editor=editor, reason=reason)


def _locked(claim: Claim) -> Claim:
    # FOR UPDATE locks the joined article row too: claim_create's duplicate check waits.
    return Claim.objects.select_for_update().select_related("article").get(pk=claim.pk)


def conflict_since(current: Claim, expected_version: int, changes=None) -> ClaimConflict:
    """What happened since `expected_version`, read from the history; `changes` are what the
    refused save would have set (the app's form and the admin's both ask)."""
    changes = changes or {}
    records = list(current.history.select_related("history_user").order_by("history_id"))
    base = next((r for r in reversed(records) if r.version == expected_version), None)
    later = [r for r in records if r.version > expected_version]
    by = sorted({r.history_user.get_username() for r in later if r.history_user_id})
    if base is not None and records:
        delta = records[-1].diff_against(base, excluded_fields=BOOKKEEPING)
        fields = [change.field for change in delta.changes]
    else:  # no record of that version (history trimmed): compare with what was submitted
        fields = [f for f, value in changes.items() if getattr(current, _attname(f)) != _raw(value)]
    listed = []
    for field in fields:
        theirs = getattr(current, field)
        yours = display(field, changes[field]) if field in changes else ""
        listed.append(Change(field, label(field), display(field, theirs), yours))
    reasons = [r.history_change_reason for r in later if r.history_change_reason]
    return ClaimConflict(current, listed, by, reasons)


def _attname(field_name: str) -> str:
    return Claim._meta.get_field(field_name).attname


def _raw(value):
    return value.pk if isinstance(value, models.Model) else value


@transaction.atomic
def claim_update(
    claim: Claim, *, editor, expected_version: int, restore: bool = False, **changes
) -> Claim:
    """Apply `changes` to `claim`, unless someone saved it since `expected_version` (the
    version the editor's form was loaded with): then raise ClaimConflict and write nothing.
    A deleted claim raises ClaimDeleted, unless `restore`: then it is restored with the
    changes, in one version.

    Returns the saved claim (a fresh instance), unchanged and unsaved when nothing differs.
    """
    unknown = set(changes) - EDITABLE
    if unknown:
        raise TypeError(f"claim_update cannot change {', '.join(sorted(unknown))}")
    current = _locked(claim)
    if current.deleted_at is not None and not restore:
        raise _deleted(current, expected_version)
    if current.version != expected_version:
        raise conflict_since(current, expected_version, changes)
    changed = [f for f, value in changes.items() if getattr(current, _attname(f)) != _raw(value)]
    restoring = current.deleted_at is not None
    if not changed and not restoring:
        return current
    for field, value in changes.items():
        setattr(current, field, value)
    if {"start", "end"} & set(changed):
        span = span_at(current.article.body, current.start, current.end)
        current.prefix, current.suffix, current.orphaned = span.prefix, span.suffix, False
    current.deleted_at = None
    current.version += 1
    return _save(current, editor=editor, reason=_update_reason(current, changed, restoring))


def _update_reason(claim: Claim, changed: list[str], restoring: bool) -> str:
    """Why claim_update saved: stored in the history in the code's words."""
    with translation.override(None):
        if changed == ["status"] and claim.status == Claim.Status.REVIEWED:
            reason = "marked reviewed"
        elif changed:
            reason = "edited " + ", ".join(label(f) for f in changed)
        else:
            reason = ""
    if restoring:
        reason = "restored" + (f"; {reason}" if reason else "")
    return reason


class ClaimDeleted(Exception):
    """The claim was deleted since the editor loaded it: nothing is saved."""

    def __init__(self, claim: Claim, by: list[str], version: int):
        self.claim = claim
        self.by = by  # who deleted it
        # The version a save that restores it may be based on: the one the deletion was
        # made to, when the deletion is all that happened since the editor's version;
        # else the editor's own (their save then shows what else changed, as a conflict).
        self.version = version
        super().__init__(f"Claim {claim.pk} was deleted by {', '.join(by) or 'another editor'}")


def _deleted(current: Claim, expected_version: int) -> ClaimDeleted:
    records = list(
        current.history.filter(version__gt=expected_version)
        .select_related("history_user")
        .order_by("history_id")
    )
    by = sorted({r.history_user.get_username() for r in records if r.history_user_id})
    only_deleted = [r.history_change_reason for r in records] == ["deleted"]
    return ClaimDeleted(current, by, current.version if only_deleted else expected_version)


@transaction.atomic
def claim_delete(claim: Claim, *, editor) -> Claim:
    """Mark `claim` deleted: it leaves every page but stays in the database and its history."""
    current = _locked(claim)
    if current.deleted_at is None:
        current.deleted_at = timezone.now()
        current.version += 1
        _save(current, editor=editor, reason="deleted")
    return current


@transaction.atomic
def claim_restore(claim: Claim, *, editor) -> Claim:
    """Bring a deleted claim back as it was."""
    current = _locked(claim)
    if current.deleted_at is not None:
        current.deleted_at = None
        current.version += 1
        _save(current, editor=editor, reason="restored")
    return current


@dataclass(frozen=True)
class Edit:
    field: str
    label: str
    old: str
    new: str


@dataclass(frozen=True)
class Version:
    record: object  # a HistoricalClaim: history_date, version
    changes: list[Edit]
    by: str  # who saved it, as the page shows it
    reason: str  # why, as the history has it


# What a reader's history leaves out: besides bookkeeping, what only editors see.
PUBLIC_HIDDEN = [*BOOKKEEPING, "created_by", "deleted_at", "status"]


def is_public(record) -> bool:
    """A version readers saw: reviewed and not deleted."""
    return record.status == Claim.Status.REVIEWED and record.deleted_at is None


def versions(claim: Claim, *, public: bool = False) -> list[Version]:
    """The claim's history, newest first, each version with what it changed (two queries,
    and one for each kind of related row it names: actors, propositions).

    `public`: the history a reader may read. Only the versions readers saw (reviewed), each
    compared with the one they saw before it, so that no draft value shows; "an editor" in
    place of login names; no change reasons (they speak of drafts); nothing of
    Claim.INTERNAL_FIELDS."""
    records = list(claim.history.select_related("history_user").order_by("-history_id"))
    if public:
        records = [record for record in records if is_public(record)]
    hidden = [*PUBLIC_HIDDEN, *Claim.INTERNAL_FIELDS] if public else BOOKKEEPING
    pairs = list(zip(records, [*records[1:], None], strict=True))
    deltas = [
        newer.diff_against(older, excluded_fields=hidden).changes if older else []
        for newer, older in pairs
    ]
    related = {}  # model -> the ids its fields changed from and to
    for delta in deltas:
        for change in delta:
            field = Claim._meta.get_field(change.field)
            if field.is_relation:
                ids = related.setdefault(field.related_model, set())
                ids.update(v for v in (change.old, change.new) if v is not None)
    known = {model: model.objects.in_bulk(ids) for model, ids in related.items() if ids}
    return [
        Version(
            newer,
            [
                Edit(
                    c.field,
                    label(c.field),
                    display(c.field, c.old, known),
                    display(c.field, c.new, known),
                )
                for c in delta
            ],
            by=_by(newer, public=public),
            reason="" if public else (newer.history_change_reason or ""),
        )
        for (newer, _), delta in zip(pairs, deltas, strict=True)
    ]


def _by(record, *, public: bool) -> str:
    if not record.history_user_id:
        return gettext("the system")  # the loader, re-anchoring a claim
    return gettext("an editor") if public else record.history_user.get_username()


def _slug_base(name: str) -> str:
    return slugify(name)[:180].strip("-") or "actor"


def _unique_slug(base: str) -> str:
    taken = set(Actor.objects.filter(slug__startswith=base).values_list("slug", flat=True))
    slug, n = base, 2
    while slug in taken:
        slug, n = f"{base}-{n}", n + 1
    return slug


def _take_turns(base: str) -> None:
    """Editors adding actors of one slug (one name, whatever its case, or names that differ
    only in punctuation) take turns until each one's transaction ends: the next one then sees
    the actor just added, and picks it or the next free slug. A PostgreSQL advisory lock,
    keyed by the slug: the others are not held up."""
    digest = hashlib.blake2b(f"timeline.actor:{base}".encode(), digest_size=8).digest()
    with connection.cursor() as cursor:
        cursor.execute("SELECT pg_advisory_xact_lock(%s)", [int.from_bytes(digest, signed=True)])


def _name_taken(name: str) -> ValidationError | None:
    existing = Actor.objects.named(name).first()
    if existing is None:
        return None
    return ValidationError({"name": ACTOR_NAME_TAKEN.format(name=existing.name)}, code="unique")


@transaction.atomic
def actor_create(
    *,
    name: str,
    editor,
    kind: str = Actor.Kind.OTHER,
    country: str = "",
    affiliation: Actor | None = None,
    aliases: list[str] | None = None,
) -> Actor:
    """A new actor, its slug made from its name. Raises ValidationError (on `name`) when an
    actor of that name exists, however many editors add it at once."""
    name = " ".join(name.split())
    base = _slug_base(name)
    _take_turns(base)
    if taken := _name_taken(name):
        raise taken
    actor = Actor(
        name=name,
        slug=_unique_slug(base),
        kind=kind,
        country=country.upper(),
        affiliation=affiliation,
        aliases=list(aliases or []),
    )
    actor.full_clean()
    actor._history_user = editor
    actor._change_reason = "added"
    try:
        with transaction.atomic():
            actor.save()
    except IntegrityError:
        # A write that does not take turns (the admin, the seed loader) got there first.
        if taken := _name_taken(name):
            raise taken from None
        raise ValidationError(
            {"name": gettext("Another actor was given the same short name just now: save again.")}
        ) from None
    return actor
