"""What a claim is about, where the rules can tell: its stance from its kind, what its number
counts from the words around the number, and its proposition from the proposition's cues.

Each answer is a suggestion for the editor to check (the claim form says "suggested", in the
editor's language); each function answers "" or None when the rules cannot tell, rather than
guess. Pure (no database): a proposition is anything with `.cues`.
"""

import re
from collections.abc import Iterable
from dataclasses import dataclass
from functools import lru_cache

from django.utils.translation import gettext

from timeline.suggest.numbers import values
from timeline.suggest.rules import COUNT
from timeline.suggest.text import clause, phrases
from timeline.vocabulary import (
    CHANGE,
    COUNT_KINDS,
    DISPUTES,
    KIND_STANCES,
    PART,
    SUPPORTS,
    TOTAL,
    kind_label,
)


def stance_for(kind: str) -> str:
    """The stance a kind usually takes (vocabulary.KIND_STANCES): a denial disputes, an
    allegation or a confirmation supports; "" for a kind that may take any (a condemnation)."""
    return KIND_STANCES.get(kind, "")


# Words that, in a count's clause, say it is a part of a total ("termasuk 3.000 bala bantuan",
# "including 3,000 reinforcements", "of whom 3,000") or a change ("3.000 tentara tambahan",
# "2.000 lagi", "2,000 more"). Indonesian and English, as the articles are.
PART_CUES = (
    "termasuk", "di antaranya", "diantaranya", "antara lain", "sebagian di antaranya",
    "including", "among them", "of whom", "of which",
)  # fmt: skip
CHANGE_CUES = (
    "tambahan", "lagi", "menambah", "bertambah",
    "more", "additional", "another", "further", "extra",
)  # fmt: skip
# "more than 10,000" is a total, said loosely; so is "lebih dari 10.000", which has no cue.
_ROLE_CUES = re.compile(
    rf"(?<!\w)(?:(?P<part>{phrases(PART_CUES)})|(?P<change>{phrases(CHANGE_CUES)}))"
    rf"(?!\w)(?!\s+than\b)",
    re.IGNORECASE,
)


# A figure as any language groups it: "3.000", "3,000", "3 000", "3000".
_FIGURE = re.compile(r"(?<![\d.,])\d{1,3}(?:[.,\u00a0\u202f ]\d{3})+(?!\d)|(?<![\d.,])\d+(?!\d)")


def count_at(text: str, number: int | None = None) -> int | None:
    """Where in `text` the count of `number` is: the head count the rules read ("3.000
    bala bantuan"), else the figure of that value however it is grouped ("3,000 troops");
    without `number` (or when it is not there) the first head count. None when there is
    none."""
    counts = list(COUNT.finditer(text))
    if number is not None:
        for match in counts:
            if number in values(match):
                return match.start()
        for match in _FIGURE.finditer(text):
            if int(re.sub(r"\D", "", match.group())) == number:
                return match.start()
    return counts[0].start() if counts else None


def role_and_cue(text: str, at: int | None = None) -> tuple[str, str]:
    """What the count at position `at` of `text` counts, and the cue word that says so: PART
    ("termasuk 3.000 bala bantuan"), CHANGE ("3.000 tentara tambahan"), else TOTAL with no
    cue. Only the count's clause is read (timeline.suggest.text.clause); of several cues, the
    one nearest the count wins. `at` None: the whole text is the clause."""
    start, end = clause(text, at) if at is not None else (0, len(text))
    at = start if at is None else at
    cues = list(_ROLE_CUES.finditer(text, start, end))
    if not cues:
        return TOTAL, ""
    nearest = min(cues, key=lambda m: min(abs(m.start() - at), abs(m.end() - at)))
    return (PART if nearest.group("part") else CHANGE), nearest.group()


def number_role(text: str, at: int | None = None) -> str:
    """The role of role_and_cue."""
    return role_and_cue(text, at)[0]


@lru_cache(maxsize=1024)  # a story's cues are read for every sentence of its articles
def _cue_pattern(cue: str) -> re.Pattern[str]:
    return re.compile(rf"(?<!\w)(?:{phrases([cue])})(?!\w)", re.IGNORECASE)


def proposition_and_cues(sentence: str, propositions: Iterable) -> tuple[object | None, list]:
    """The proposition whose cues (whole words or phrases, any case) appear most in
    `sentence`, each cue counted once, with the cues found; (None, []) when no cue appears,
    or when two propositions match as many cues: then the editor picks."""
    best, best_cues, tied = None, [], False
    for proposition in propositions:
        cues = sorted({" ".join(cue.split()).casefold() for cue in proposition.cues} - {""})
        found = [cue for cue in cues if _cue_pattern(cue).search(sentence)]
        if len(found) > len(best_cues):
            best, best_cues, tied = proposition, found, False
        elif found and len(found) == len(best_cues):
            tied = True
    return (None, []) if tied else (best, best_cues)


def proposition_for(sentence: str, propositions: Iterable):
    """The proposition of proposition_and_cues."""
    return proposition_and_cues(sentence, propositions)[0]


@dataclass(frozen=True)
class Suggested:
    value: object  # a field's value: a stance, a role, a proposition
    why: str  # what the claim form says next to it


def _quoted(words: Iterable[str]) -> str:
    return ", ".join(f"“{word}”" for word in words)


def suggest_tags(
    sentence: str, quote: str, *, kind: str, number=None, propositions=(), given=()
) -> dict[str, Suggested]:
    """What a new claim quoting `quote` (of `sentence`) of this `kind` (and `number`) is
    suggested to be about, for the fields not already `given` (the names of the fields the
    editor or a link filled): its `proposition` from the sentence's cues (of
    `propositions`), its `stance` from its kind when it is on a proposition (a stance is on
    something), and a count's `number_role` from the words around its number."""
    suggested = {}
    if "proposition" not in given:
        proposition, cues = proposition_and_cues(sentence, propositions)
        if proposition is not None:
            why = gettext("Suggested from %(cues)s in its sentence: check it.")
            suggested["proposition"] = Suggested(proposition, why % {"cues": _quoted(cues)})
    on_proposition = "proposition" in given or "proposition" in suggested
    if "stance" not in given and on_proposition and (stance := stance_for(kind)):
        why = {
            SUPPORTS: gettext("Suggested: a %(kind)s usually supports it."),
            DISPUTES: gettext("Suggested: a %(kind)s usually disputes it."),
        }[stance]
        suggested["stance"] = Suggested(stance, why % {"kind": kind_label(kind)})
    if "number_role" not in given and kind in COUNT_KINDS:
        role, cue = role_and_cue(quote, count_at(quote, number))
        why = (
            gettext("Suggested from “%(cue)s”: check it.") % {"cue": cue}
            if cue
            else gettext(
                "Suggested: a count is a total unless its words say it is a part or a change."
            )
        )
        suggested["number_role"] = Suggested(role, why)
    return suggested
