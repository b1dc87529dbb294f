"""The editor's writes to stories: a story saved, a proposition saved, articles added to a
story or taken out of it, drafts marked reviewed from the review queue.

Every write is one transaction that first locks the story's row, so that two editors' writes
to one story take turns, and the checks that read other rows (no proposition names a side
being removed, the story's one lead, an article taken out quotes no claim) are made under
that lock. Each leaves a history record naming the editor and saying why (in English, the code's
words: the history is stored once, for editors of every language). A save based on a
story or a proposition that someone saved since the editor opened it is refused (Stale), and
says who and what: nothing is overwritten silently. What is said to the editor is in their
language.
"""

from dataclasses import dataclass, field
from datetime import datetime

from django.core.exceptions import ValidationError
from django.db import IntegrityError, models, transaction
from django.utils.translation import gettext, ngettext

from articles.formats import format_number
from timeline import editing
from timeline.models import Claim, Proposition, Story

REASON_LENGTH = 100  # simple_history's history_change_reason


class Stale(Exception):
    """The story or proposition was saved by someone else since the editor opened it."""

    def __init__(self, current, by: list[str], reasons: list[str]):
        self.current = current  # as it is now
        self.by = by
        self.reasons = reasons
        names = ", ".join(by) or "someone"
        super().__init__(f"{current} was changed by {names} since it was opened")

    def message(self) -> str:
        names = ", ".join(self.by) or gettext("another editor")
        params = {"names": names, "what": self.current, "reasons": "; ".join(self.reasons)}
        if self.reasons:
            return (
                gettext(
                    "Not saved: %(names)s changed “%(what)s” since you opened it (%(reasons)s). "
                    "What you typed is below: check it against the changes, then save again."
                )
                % params
            )
        return (
            gettext(
                "Not saved: %(names)s changed “%(what)s” since you opened it. "
                "What you typed is below: check it against the changes, then save again."
            )
            % params
        )


def opened_at(obj) -> str:
    """What an edit form carries to tell, on save, whether `obj` changed since it was drawn:
    its last save's time, to the microsecond."""
    return obj.updated_at.isoformat() if obj is not None and obj.pk else ""


def _refuse_if_changed(current, opened: str) -> None:
    """Raise Stale when `current` (locked) was saved since `opened` (opened_at)."""
    if current.updated_at.isoformat() == opened:
        return
    try:
        since = datetime.fromisoformat(opened)
        later = current.history.filter(updated_at__gt=since)
    except ValueError:  # the form lost it: say so, with the whole history's last word
        later = current.history.order_by("-history_id")[:1]
    records = list(later.select_related("history_user").order_by("history_id"))
    by = sorted({r.history_user.get_username() for r in records if r.history_user_id})
    reasons = [r.history_change_reason for r in records if r.history_change_reason]
    raise Stale(current, by, reasons)


def _reason(text: str) -> str:
    return text if len(text) <= REASON_LENGTH else text[: REASON_LENGTH - 1] + "…"


def _locked_story(story: Story) -> Story:
    return Story.objects.select_for_update().get(pk=story.pk)


def _save(obj, *, editor, reason: str, **kwargs) -> None:
    obj._history_user = editor
    obj._change_reason = _reason(reason)
    obj.save(**kwargs)


def propositions_naming_others(story: Story, codes: list[str]):
    """The story's propositions with a party concerned that is not among `codes`: what a
    story saved with only these sides would leave pointing at no side."""
    return story.propositions.exclude(parties__contained_by=list(codes))


def _sides_still_named(story: Story, codes: list[str]) -> ValidationError | None:
    named = list(propositions_naming_others(story, codes)[:5])
    if not named:
        return None
    lines = []
    for proposition in named:
        gone = ", ".join(code for code in proposition.parties if code not in codes)
        lines.append(
            gettext(
                "“%(proposition)s” names %(sides)s as a party concerned: take %(sides)s off "
                "the proposition first, or keep the side."
            )
            % {"proposition": proposition, "sides": gone}
        )
    return ValidationError({"sides": lines})


@transaction.atomic
def story_save(story: Story, *, editor, opened: str = "", changed=()) -> Story:
    """Create `story` (no pk yet) or save the editor's changes to it (`changed`: the labels
    of the fields they changed, for the history). Refused with Stale when it was saved since
    `opened`, and with ValidationError when a side it loses is still a party concerned of one
    of its propositions, or when its slug was taken meanwhile. Nothing changed, nothing is
    written."""
    if story.pk and not changed:
        return story
    if story.pk:
        current = _locked_story(story)
        _refuse_if_changed(current, opened)
        if error := _sides_still_named(current, story.side_codes):
            raise error
        reason = "edited " + ", ".join(changed) if changed else "saved"
    else:
        reason = "created"
    taken = ValidationError({"slug": slug_taken(story.slug)})
    if Story.objects.filter(slug=story.slug).exclude(pk=story.pk).exists():
        raise taken  # by a story saved since the form checked
    story.full_clean()
    try:
        with transaction.atomic():
            _save(story, editor=editor, reason=reason)
    except IntegrityError:
        raise taken from None  # by a story saved at the same moment
    return story


def slug_taken(slug: str) -> str:
    return gettext("Another story has the address “%(slug)s”: give this one another slug.") % {
        "slug": slug
    }


def proposition_slug_taken(slug: str) -> str:
    return gettext("The story has another proposition “%(slug)s”: pick another.") % {"slug": slug}


@transaction.atomic
def proposition_save(
    proposition: Proposition, *, editor, opened: str = "", changed=()
) -> Proposition:
    """Create or save `proposition`, under its story's lock. A story has exactly one lead:
    making this one the lead takes the lead from the other in the same transaction; the
    first proposition of a story is its lead; the lead cannot stop being it but by another
    becoming it (ValidationError). Stale when it was saved since `opened`. Nothing
    changed, nothing is written."""
    if proposition.pk and not changed:
        return proposition
    story = _locked_story(proposition.story)
    proposition.story = story  # its sides as they are now, for the check of its parties
    was_lead = False
    if proposition.pk:
        current = Proposition.objects.select_for_update().get(pk=proposition.pk)
        _refuse_if_changed(current, opened)
        was_lead = current.is_lead
    other_lead = story.propositions.filter(is_lead=True).exclude(pk=proposition.pk).first()
    if not proposition.is_lead and other_lead is None:
        if was_lead:
            raise ValidationError(
                {
                    "is_lead": gettext(
                        "A story has one lead proposition: to change it, make another "
                        "proposition the lead."
                    )
                }
            )
        proposition.is_lead = True  # a story with propositions has a lead: the first one
    if proposition.is_lead and other_lead is not None:
        # First, so that the check of one lead per story sees it gone; a refusal below
        # rolls it back with the rest.
        other_lead.is_lead = False
        _save(other_lead, editor=editor, reason=f"lead passed to “{proposition.statement}”")
    proposition.full_clean()
    reason = ("edited " + ", ".join(changed) if changed else "saved") if proposition.pk else "added"
    try:
        with transaction.atomic():
            _save(proposition, editor=editor, reason=reason)
    except IntegrityError:  # its slug, taken by a save that did not wait for the lock
        raise ValidationError({"slug": proposition_slug_taken(proposition.slug)}) from None
    return proposition


@transaction.atomic
def articles_add(story: Story, articles, *, editor) -> list:
    """Add `articles` to `story`; returns those that were not in it already."""
    story = _locked_story(story)
    present = set(
        story.articles.filter(pk__in=[a.pk for a in articles]).values_list("pk", flat=True)
    )
    new = [article for article in articles if article.pk not in present]
    if new:
        story.articles.add(*new)
        titles = ", ".join(f"“{a.title}”" for a in new)
        _save(story, editor=editor, reason=f"added {titles}", update_fields=["updated_at"])
    return new


def claims_quoting(story: Story, article) -> dict:
    """How many of `story`'s claims quote `article`: `live` and `deleted` (a deleted claim
    can be restored, and then needs its article in the story)."""
    return Claim.objects.filter(story=story, article=article).aggregate(
        live=models.Count("pk", filter=models.Q(deleted_at__isnull=True)),
        deleted=models.Count("pk", filter=models.Q(deleted_at__isnull=False)),
    )


class ArticleInUse(Exception):
    def __init__(self, article, live: int, deleted: int):
        self.article, self.live, self.deleted = article, live, deleted
        total = live + deleted
        params = {"title": article.title, "count": format_number(total)}
        if deleted:
            params["deleted"] = format_number(deleted)
            said = ngettext(
                "“%(title)s” stays in the story: %(count)s of its claims quotes it, "
                "%(deleted)s of them deleted.",
                "“%(title)s” stays in the story: %(count)s of its claims quote it, "
                "%(deleted)s of them deleted.",
                total,
            )
        else:
            said = ngettext(
                "“%(title)s” stays in the story: %(count)s of its claims quotes it.",
                "“%(title)s” stays in the story: %(count)s of its claims quote it.",
                total,
            )
        then = gettext("Move or delete them first; a deleted claim still needs its article.")
        super().__init__(f"{said % params} {then}")


@transaction.atomic
def article_remove(story: Story, article, *, editor) -> None:
    """Take `article` out of `story`, unless one of the story's claims (live or deleted)
    quotes it: ArticleInUse, and nothing changes."""
    story = _locked_story(story)
    counts = claims_quoting(story, article)
    if counts["live"] or counts["deleted"]:
        raise ArticleInUse(article, counts["live"], counts["deleted"])
    if story.articles.filter(pk=article.pk).exists():
        story.articles.remove(article)
        _save(
            story, editor=editor, reason=f"removed “{article.title}”", update_fields=["updated_at"]
        )


@dataclass(frozen=True)
class Skipped:
    pk: int
    claim: Claim | None  # None: no claim of this story has that number
    why: str


@dataclass
class Review:
    marked: list[Claim] = field(default_factory=list)
    skipped: list[Skipped] = field(default_factory=list)


def mark_reviewed(story: Story, versions: dict[int, int], *, editor) -> Review:
    """Mark the story's draft claims `versions` (pk -> the version the queue showed)
    reviewed, each through editing.claim_update in a transaction of its own: one that
    changed since the queue was shown (another version), was deleted, or cannot be saved as
    it is, is skipped and the others still marked. A claim not yet on a proposition may be
    marked reviewed: the review is of its words, actor and date, which readers may then read;
    the tagging can follow, and the queue lists it until then."""
    claims = Claim.objects.filter(story=story, pk__in=list(versions)).select_related("actor")
    found = {claim.pk: claim for claim in claims}
    review = Review()
    for pk, version in sorted(versions.items()):
        claim = found.get(pk)
        if claim is None:
            review.skipped.append(Skipped(pk, None, gettext("it is not a claim of this story")))
            continue
        try:
            saved = editing.claim_update(
                claim, editor=editor, expected_version=version, status=Claim.Status.REVIEWED
            )
        except editing.ClaimConflict as conflict:
            params = {
                "names": ", ".join(conflict.by) or gettext("the article loader"),
                "version": version,
                "now": conflict.claim.version,
                "reasons": "; ".join(conflict.reasons),
            }
            if conflict.reasons:
                why = gettext(
                    "%(names)s changed it since the queue was shown (version %(version)s, now "
                    "%(now)s): %(reasons)s. Check it, then mark it again"
                )
            else:
                why = gettext(
                    "%(names)s changed it since the queue was shown (version %(version)s, now "
                    "%(now)s). Check it, then mark it again"
                )
            review.skipped.append(Skipped(pk, claim, why % params))
        except editing.ClaimDeleted as deleted:
            names = ", ".join(deleted.by) or gettext("another editor")
            why = gettext("%(names)s deleted it since") % {"names": names}
            review.skipped.append(Skipped(pk, claim, why))
        except ValidationError as error:
            why = gettext("it cannot be saved as it is: %(errors)s") % {
                "errors": " ".join(error.messages)
            }
            review.skipped.append(Skipped(pk, claim, why))
        else:
            if saved.version == version:
                review.skipped.append(Skipped(pk, claim, gettext("it was reviewed already")))
            else:
                review.marked.append(saved)
    return review
