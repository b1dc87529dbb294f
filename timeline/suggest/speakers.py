"""Who makes a claim: the actor a sentence names as its speaker.

A verb of stance names its speaker as its subject ("Kyiv membantah", "dikecam Korsel");
otherwise the actor named nearest the verb of saying, on the side Indonesian puts the
speaker ("kata Pak", "Pejabat Ukraina mengatakan"); else the actor nearest before the
keyword in its clause; else the subject the sentence opens with. Names are the actors'
names and aliases, whole words, the longest first ("Korea Utara" before "Korea"), acronyms
only in capitals; a name after "dilansir", "dikutip" or "kepada" is a relay or an
addressee, not a speaker.

Pure: actors are any objects with `.name` and `.aliases`.
"""

import re
from collections.abc import Iterable
from dataclasses import dataclass

from timeline.suggest.text import phrases, same_clause

# Verbs of saying, and on which side of them Indonesian names the speaker.
SAYING_VERBS = {
    "kata": "after", "ujar": "after", "tutur": "after", "ucap": "after", "menurut": "after",
    "mengatakan": "before", "menyatakan": "before", "menambahkan": "before",
    "menyebutkan": "before", "menegaskan": "before", "melaporkan": "before",
    "memperkirakan": "before", "mengklaim": "before", "katanya": "before",
    "ujarnya": "before", "tambahnya": "before",
}  # fmt: skip
_SAYING = re.compile(rf"(?<![\w-])(?:{phrases(SAYING_VERBS)})(?![\w-])", re.IGNORECASE)
# A name right after these is the outlet relaying the words, or the one spoken to.
NOT_SPEAKER_AFTER = re.compile(
    r"(?:dilansir|dikutip|mengutip|melalui|kepada|dilaporkan)\s*(?:oleh\s+)?$", re.IGNORECASE
)


@dataclass(frozen=True)
class Mention:
    start: int
    end: int
    actor: object


def alias_patterns(actors: Iterable) -> list[tuple[re.Pattern[str], object]]:
    """One pattern per name or alias, longest first. An acronym (AS, DPRK, G7) matches only
    in capitals: "as" and "us" are words too."""
    patterns, seen = [], set()
    for actor in actors:
        for alias in (actor.name, *(actor.aliases or ())):
            alias = " ".join(alias.split())
            key = alias if alias.isupper() else alias.casefold()
            if len(alias) < 2 or key in seen:
                continue
            seen.add(key)
            flags = 0 if alias.isupper() else re.IGNORECASE
            pattern = re.compile(rf"(?<![\w-])(?:{phrases([alias])})(?![\w])", flags)
            patterns.append((pattern, actor, alias))
    patterns.sort(key=lambda item: len(item[2]), reverse=True)
    return [(pattern, actor) for pattern, actor, _ in patterns]


def _mentions(sentence: str, patterns) -> list[Mention]:
    """Actor names in sentence, leftmost-longest, never overlapping."""
    found = sorted(
        (match.start(), -(match.end() - match.start()), order, match.end(), actor)
        for order, (pattern, actor) in enumerate(patterns)
        for match in pattern.finditer(sentence)
    )
    mentions, taken_until = [], 0
    for start, _, _, end, actor in found:
        if start >= taken_until:
            mentions.append(Mention(start, end, actor))
            taken_until = end
    return mentions


def speakers(sentence: str, patterns) -> list[Mention]:
    """The actors sentence names (`patterns` from alias_patterns) that may be a speaker: not
    the outlet relaying, not the one spoken to."""
    mentions = _mentions(sentence, patterns)
    return [m for m in mentions if not NOT_SPEAKER_AFTER.search(sentence[: m.start])]


def _nearest(mentions: list[Mention], start: int, end: int, side: str) -> Mention | None:
    """The mention nearest the span [start, end) on `side` ("before" or "after") of it."""
    if side == "before":
        return max((m for m in mentions if m.end <= start), key=lambda m: m.end, default=None)
    return min((m for m in mentions if m.start >= end), key=lambda m: m.start, default=None)


def speaker(sentence: str, speakers: list[Mention], at: int, end: int, verb: str) -> object | None:
    """Who makes the claim whose keyword (or count) is sentence[at:end].

    `verb` is "before" when the keyword is an active verb of stance ("Kyiv membantah"),
    "after" when passive ("dikecam Korsel"), "" otherwise. In order: the subject of such a
    verb, in its clause; the name nearest the verb of saying nearest the keyword, on the
    side Indonesian names the speaker; the name nearest the keyword, before it, in its
    clause; the name the sentence opens with. None when no name fits. `speakers` are the
    sentence's `speakers`.
    """
    if verb:
        found = _nearest(speakers, at, end, verb)
        if found and same_clause(sentence, found.start, at):
            return found.actor
    saying = list(_SAYING.finditer(sentence))
    if saying:
        said = min(saying, key=lambda v: abs(v.start() - at))
        side = SAYING_VERBS[said.group().lower()]
        if found := _nearest(speakers, said.start(), said.end(), side):
            return found.actor
    found = _nearest(speakers, at, end, "before")
    if found and same_clause(sentence, found.start, at):
        return found.actor
    opening = min([at, *(v.start() for v in saying)])
    if speakers and speakers[0].start < opening:
        return speakers[0].actor
    return None
