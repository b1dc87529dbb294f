"""The words of a claim: its kinds and their labels, the one definition.

A plain module, so that pure code (story, charts, suggest, export) imports the words
without the ORM; Claim.Kind builds its `choices` from KINDS.

The labels are translated when they are shown (gettext_lazy), in the reader's language: a
label is a lazy string until it is formatted; the *_name and kind_label functions return it
as a str, for code that joins or compares.
"""

from django.utils.functional import lazy
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

TROOP_COUNT, CASUALTY_COUNT = "troop_count", "casualty_count"
DENIAL, CONFIRMATION = "denial", "confirmation"
ALLEGATION, COMBAT_REPORT = "allegation", "combat_report"
CONDEMNATION, AGREEMENT, OTHER = "condemnation", "agreement", "other"

# (value, label) in the order the claim form offers them; labels in sentence case.
KINDS = (
    (TROOP_COUNT, _("Troop count")),
    (CASUALTY_COUNT, _("Casualty count")),
    (DENIAL, _("Denial")),
    (CONFIRMATION, _("Confirmation")),
    (ALLEGATION, _("Allegation")),
    (COMBAT_REPORT, _("Combat report")),
    (CONDEMNATION, _("Condemnation")),
    (AGREEMENT, _("Agreement")),
    (OTHER, pgettext_lazy("kind of claim", "Other")),
)
# Kinds whose claim carries a number (a count or a range of counts).
COUNT_KINDS = frozenset({TROOP_COUNT, CASUALTY_COUNT})


def _lower(label) -> str:
    return str(label).lower()


# Inside a sentence ("troop count"): lazy too, lower-cased once translated.
KIND_LABELS = {value: lazy(_lower, str)(label) for value, label in KINDS}


def kind_name(kind: str) -> str:
    """A kind's label on its own, as the claim form shows it: "Troop count" (an unknown
    value as it is)."""
    return str(dict(KINDS).get(kind, kind))


def kind_label(kind: str) -> str:
    """A kind's label inside a sentence: "troop count" (an unknown value as it is)."""
    return str(KIND_LABELS.get(kind, kind))


# A claim's stance on the proposition it is about, beside its kind: a denial disputes, a
# confirmation or an allegation supports; a condemnation may do neither.
SUPPORTS, DISPUTES, NEITHER = "supports", "disputes", "neither"
STANCES = (
    (SUPPORTS, _("Supports")),
    (DISPUTES, _("Disputes")),
    (NEITHER, pgettext_lazy("stance", "Neither")),
)
# The stance a kind usually takes: what the claim form suggests (an editor may change it).
KIND_STANCES = {
    ALLEGATION: SUPPORTS,
    CONFIRMATION: SUPPORTS,
    COMBAT_REPORT: SUPPORTS,
    TROOP_COUNT: SUPPORTS,
    CASUALTY_COUNT: SUPPORTS,
    DENIAL: DISPUTES,
}

# What a count counts: the whole (an estimate of all the troops), a part of a total (3,000
# reinforcements, one unit of 25), or a change (2,000 more). Only totals make the estimate
# line and its turning points.
TOTAL, PART, CHANGE = "total", "part", "change"
NUMBER_ROLES = (
    (TOTAL, pgettext_lazy("number role", "Total")),
    (PART, _("Part of a total")),
    (CHANGE, pgettext_lazy("number role", "Change")),
)

# A proposition's status at a date, from its claims: only others say so (reported), a party
# concerned denies it (disputed), a party concerned admits it (confirmed).
REPORTED, DISPUTED, CONFIRMED = "reported", "disputed", "confirmed"
STATUSES = (
    (REPORTED, pgettext_lazy("proposition status", "Reported")),
    (DISPUTED, pgettext_lazy("proposition status", "Disputed")),
    (CONFIRMED, pgettext_lazy("proposition status", "Confirmed")),
)


def stance_name(stance: str) -> str:
    return str(dict(STANCES).get(stance, stance))


def role_name(role: str) -> str:
    return str(dict(NUMBER_ROLES).get(role, role))


def status_name(status: str) -> str:
    return str(dict(STATUSES).get(status, status))
