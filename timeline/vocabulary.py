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
