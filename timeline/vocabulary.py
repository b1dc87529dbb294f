"""The words of a claim: its kinds and their labels, the one definition.

A plain module, so that pure code (story, charts, suggest, export) imports the words
without the ORM; Claim.Kind builds its `choices` from KINDS.
"""

TROOP_COUNT, CASUALTY_COUNT = "troop_count", "casualty_count"
DENIAL, CONFIRMATION = "denial", "confirmation"
ALLEGATION, COMBAT_REPORT = "allegation", "combat_report"
CONDEMNATION, AGREEMENT, OTHER = "condemnation", "agreement", "other"

# (value, label) in the order the claim form offers them; labels in sentence case.
KINDS = (
    (TROOP_COUNT, "Troop count"),
    (CASUALTY_COUNT, "Casualty count"),
    (DENIAL, "Denial"),
    (CONFIRMATION, "Confirmation"),
    (ALLEGATION, "Allegation"),
    (COMBAT_REPORT, "Combat report"),
    (CONDEMNATION, "Condemnation"),
    (AGREEMENT, "Agreement"),
    (OTHER, "Other"),
)
# Kinds whose claim carries a number (a count or a range of counts).
COUNT_KINDS = frozenset({TROOP_COUNT, CASUALTY_COUNT})


KIND_LABELS = {value: label.lower() for value, label in KINDS}  # inside a sentence


def kind_name(kind: str) -> str:
    """A kind's label on its own, as the claim form shows it: "Troop count" (an unknown
    value as it is)."""
    return dict(KINDS).get(kind, kind)


def kind_label(kind: str) -> str:
    """A kind's label inside a sentence: "troop count" (an unknown value as it is)."""
    return KIND_LABELS.get(kind, kind)


# A claim's stance on the proposition it is about, beside its kind: a denial disputes, a
# confirmation or an allegation supports; a condemnation may do neither.
SUPPORTS, DISPUTES, NEITHER = "supports", "disputes", "neither"
STANCES = (
    (SUPPORTS, "Supports"),
    (DISPUTES, "Disputes"),
    (NEITHER, "Neither"),
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
    (TOTAL, "Total"),
    (PART, "Part of a total"),
    (CHANGE, "Change"),
)

# A proposition's status at a date, from its claims: only others say so (reported), a party
# concerned denies it (disputed), a party concerned admits it (confirmed).
REPORTED, DISPUTED, CONFIRMED = "reported", "disputed", "confirmed"
STATUSES = (
    (REPORTED, "Reported"),
    (DISPUTED, "Disputed"),
    (CONFIRMED, "Confirmed"),
)


def stance_name(stance: str) -> str:
    return dict(STANCES).get(stance, stance)


def role_name(role: str) -> str:
    return dict(NUMBER_ROLES).get(role, role)


def status_name(status: str) -> str:
    return dict(STATUSES).get(status, status)
