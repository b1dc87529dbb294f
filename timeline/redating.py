"""Claims that follow their article's date when an editor corrects it.

A claim's `stated_on` often comes from its article's date: the date itself (evidence
"article date", what the claim form and the suggestions use when the sentence has none), or
a phrase resolved against it ("Pada hari Senin", "pekan lalu"; an article dated only to a
month leaves such a phrase on the month). When the article's date changes, those claims
are dated again from the new one, each with a history record saying why. A claim whose
date is not what the old article date gave (an editor typed another one, or wrote their
own evidence, "editor: ...") is the editor's and stays put.
"""

from dataclasses import dataclass
from datetime import date

from articles.dates import FoundDate, find_dates
from articles.formats import format_date
from articles.models import Precision
from articles.precision import period_start
from timeline.models import Claim
from timeline.span_dates import ARTICLE_DATE

Dated = tuple[date | None, str, str]  # stated_on, stated_precision, stated_evidence


@dataclass(frozen=True)
class Redating:
    moved: list[Claim]  # saved with their new dates
    kept: list[Claim]  # dated by hand: left as they were


def reference(published_on, precision, evidence="") -> FoundDate | None:
    """An article's date as articles.dates resolves relative phrases against it."""
    if published_on is None:
        return None
    return FoundDate(published_on, precision, evidence, 0, 0, "dateline")


def _article_date(ref: FoundDate | None) -> Dated:
    if ref is None:
        return None, Precision.DAY, ""
    return period_start(ref.value, ref.precision), ref.precision, ARTICLE_DATE


def _phrase(evidence: str, ref: FoundDate | None) -> FoundDate | None:
    """The one date expression `evidence` is ("pada" before it is context), resolved against
    `ref`; None when the evidence is anything else (an editor's own words)."""
    found = find_dates(evidence, reference=ref)
    if len(found) != 1:
        return None
    phrase = found[0]
    before, after = evidence[: phrase.start].strip(), evidence[phrase.end :].strip()
    return phrase if before.lower() in ("", "pada") and not after else None


def redated(claim: Claim, old: FoundDate | None, new: FoundDate | None) -> Dated | None:
    """The claim's date from the article's `new` date, when its present date is what the
    `old` one gave; None when it is not (an editor dated it by hand)."""
    current = (claim.stated_on, claim.stated_precision)
    evidence = claim.stated_evidence.strip()
    if evidence in ("", ARTICLE_DATE):
        old_on, old_precision, _ = _article_date(old)
        if claim.stated_on != old_on or (old_on and claim.stated_precision != old_precision):
            return None
        return _article_date(new)
    before = _phrase(evidence, old)
    if before is None:
        return None
    # Unresolved against the old date ("Senin" needs a day), the phrase left the claim on it.
    gave = (before.value, before.precision) if before.value else _article_date(old)[:2]
    if current != gave:
        return None
    after = _phrase(evidence, new)
    if after is not None and after.value is not None:
        return after.value, after.precision, claim.stated_evidence
    on, precision, _ = _article_date(new)
    return on, precision, claim.stated_evidence if on else ""


def follow_article_date(article, old: FoundDate | None, *, user=None) -> Redating:
    """Date again every claim of `article` (deleted ones too, so that a restored claim is
    right) whose date came from its `old` date; raise their version so that a form opened
    before cannot overwrite them."""
    new = reference(article.published_on, article.published_precision)
    reason = (
        "moved with the article's date: "
        f"{format_date(old and old.value, old.precision if old else Precision.DAY)} → "
        f"{format_date(article.published_on, article.published_precision)}"
    )[:100]
    moved, kept = [], []
    for claim in article.claims.order_by("start", "pk"):
        dated = redated(claim, old, new)
        if dated is None:
            kept.append(claim)
            continue
        if dated == (claim.stated_on, claim.stated_precision, claim.stated_evidence):
            continue  # its phrase says the same against either date ("Rabu (30/10)")
        claim.stated_on, claim.stated_precision, claim.stated_evidence = dated
        claim.version += 1
        claim.updated_by = user
        claim._history_user = user
        claim._change_reason = reason
        claim.save()
        moved.append(claim)
    return Redating(moved, kept)


def _claims(n: int) -> str:
    return f"{n} claim" if n == 1 else f"{n} claims"


def on_article_date_changed(sender, article, previous, user=None, **kwargs) -> str | None:
    """Signal receiver (articles.signals.article_date_changed): the claims follow, and the
    editor reads how many did and how many kept a date set by hand."""
    old = reference(
        previous["published_on"],
        previous["published_precision"],
        previous.get("published_evidence", ""),
    )
    result = follow_article_date(article, old, user=user)
    parts = []
    if result.moved:
        parts.append(f"{_claims(len(result.moved))} moved with the article's date")
    if result.kept:
        n = len(result.kept)
        parts.append(f"{_claims(n)} dated by hand kept {'its date' if n == 1 else 'their dates'}")
    if not parts:
        return None
    return "; ".join(parts) + " (each claim's history says why)."
