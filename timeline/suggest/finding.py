"""The entry points: where the rules find claims in a text, and the suggestions they make.

Work is bounded for long texts: every rule reads one sentence at a time, and a "sentence"
longer than MAX_SENTENCE_CHARS (a text that lost its full stops) is counted, not read.
Finding (`find_in_text`: where, which kind, which rule) is done for the whole text, so that
an article's suggestions can be counted and paged; the actor and the date
(`resolve_in_text`) cost more and are worked out only for the suggestions shown.

Pure (no database): timeline.article_page applies them to an Article.
"""

import re
from collections import deque
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date

from articles.dates import FoundDate
from articles.ingest import dateline_end
from articles.sentences import sentences
from timeline.span_dates import span_date
from timeline.suggest.rules import Find, finds, is_furniture, is_heading
from timeline.suggest.speakers import alias_patterns, speaker, speakers
from timeline.suggest.tagging import number_role, proposition_for, stance_for
from timeline.vocabulary import COUNT_KINDS


@dataclass(frozen=True)
class Suggestion:
    start: int  # body[start:end] == quote
    end: int
    quote: str  # the sentence, or the clause carrying the claim
    sentence: str  # the whole sentence
    kind: str  # a Claim.Kind value
    number: int | None
    number_max: int | None
    actor: object | None  # one of the actors passed in; None when no alias matched
    stated_on: date | None
    stated_precision: str
    stated_evidence: str
    rule: str  # which rule fired, for the editor: "troop count: '10.000 tentara'"
    # What it is about, where the rules can tell (timeline.suggest.tagging): "" or None else.
    stance: str = ""
    number_role: str = ""  # a count's: total, part or change
    proposition: object | None = None  # one of the propositions passed in


@dataclass(frozen=True)
class Candidate:
    """A suggestion before its actor and date are worked out. Finding candidates is cheap
    and done for the whole text (so that they can be counted and paged); the actor and the
    date cost more and are worked out (`resolve_in_text`) only for those shown."""

    start: int  # of the quote in the body
    end: int
    kind: str
    sentence: tuple[int, int]  # of the whole sentence in the body
    find: Find


@dataclass(frozen=True)
class Found:
    candidates: list[Candidate]  # in order of position
    too_long: int = 0  # sentences over MAX_SENTENCE_CHARS, which the rules did not read


# A longer "sentence" is a text that lost its full stops (a scraped page, a table): the rules
# would only make one huge quote of it, and their cost grows with its length. It is skipped,
# and counted, so that the page can say so.
MAX_SENTENCE_CHARS = 2_000
# A sentence is compared with this many sentences before it for repeats inside one another
# (every earlier one for an exact repeat): the whole of any ordinary article, and a cost that
# stays linear in a huge one.
REPEAT_WINDOW = 50


class _Lines:
    """The line around each sentence, for sentences asked in order of position: each line is
    found, stripped and checked for page furniture once, however many sentences it holds."""

    def __init__(self, body: str):
        self.body, self.end, self.text, self.furniture = body, -1, "", False

    def around(self, start: int) -> tuple[str, bool]:
        if start > self.end:
            line_start = self.body.rfind("\n", 0, start) + 1
            self.end = self.body.find("\n", start)
            if self.end == -1:
                self.end = len(self.body)
            self.text = self.body[line_start : self.end].strip()
            self.furniture = is_furniture(self.text)
        return self.text, self.furniture


def _fingerprint(sentence: str) -> str:
    return " ".join(re.findall(r"\w+", sentence.lower()))


def _repeated(fingerprint: str, seen: set[str], recent: deque) -> bool:
    return fingerprint in seen or any(
        fingerprint in earlier or earlier in fingerprint for earlier in recent
    )


def find_in_text(body: str) -> Found:
    """Where the rules find claims in body, without their actors and dates (see Candidate).

    A sentence repeated later in the text (a scraping accident) is read once; a sentence
    longer than MAX_SENTENCE_CHARS is not read, only counted. Pure: no database.
    """
    spans = sentences(body)
    if spans:  # the opening dateline is not part of the first sentence
        start, end = spans[0]
        spans[0] = (start + dateline_end(body[start:end], body), end)
    lines = _Lines(body)
    candidates, too_long = [], 0
    seen, recent = set(), deque(maxlen=REPEAT_WINDOW)
    for start, end in spans:
        if end - start > MAX_SENTENCE_CHARS:
            too_long += 1
            continue
        sentence = body[start:end]
        line, furniture = lines.around(start)
        if furniture or is_heading(sentence, line):
            continue
        fingerprint = _fingerprint(sentence)
        # No word, no claim; and an empty fingerprint is "in" every later one.
        if not fingerprint or _repeated(fingerprint, seen, recent):
            continue
        seen.add(fingerprint)
        recent.append(fingerprint)
        for find in finds(sentence):
            quote_start, quote_end = find.span
            candidates.append(
                Candidate(start + quote_start, start + quote_end, find.kind, (start, end), find)
            )
    candidates.sort(key=lambda c: (c.start, c.end, c.kind))
    return Found(candidates, too_long)


def resolve_in_text(
    body: str,
    candidates: Iterable[Candidate],
    actors: Iterable,
    *,
    reference: FoundDate | None,
    propositions: Iterable = (),
) -> list[Suggestion]:
    """The candidates as suggestions, with their actors, dates and what they are about.

    `actors` is any iterable of objects with `.name` and `.aliases`; the suggested actor is
    one of them (or None). `reference` is the article's own date: relative dates in a
    sentence resolve against it, and a sentence without a date of its own gets it, with
    evidence span_dates.ARTICLE_DATE. `propositions` (objects with `.cues`) are those the
    suggested proposition is one of (timeline.suggest.tagging). Pure: no database.
    """
    patterns = alias_patterns(actors)
    propositions = list(propositions)
    sentences_read = {}  # (start, end) -> (sentence, speakers, stated, proposition), read once
    suggestions = []
    for candidate in candidates:
        if candidate.sentence not in sentences_read:
            sentence = body[slice(*candidate.sentence)]
            sentences_read[candidate.sentence] = (
                sentence,
                speakers(sentence, patterns),
                span_date(body, *candidate.sentence, reference=reference),
                proposition_for(sentence, propositions),
            )
        sentence, may_speak, stated, proposition = sentences_read[candidate.sentence]
        stated_on, precision, evidence = stated
        find = candidate.find
        suggestions.append(
            Suggestion(
                start=candidate.start,
                end=candidate.end,
                quote=body[candidate.start : candidate.end],
                sentence=sentence,
                kind=find.kind,
                number=find.number,
                number_max=find.number_max,
                actor=speaker(sentence, may_speak, *find.at, find.verb),
                stated_on=stated_on,
                stated_precision=precision,
                stated_evidence=evidence,
                rule=find.rule,
                stance=stance_for(find.kind),
                number_role=number_role(sentence, find.at[0]) if find.kind in COUNT_KINDS else "",
                proposition=proposition,
            )
        )
    return suggestions


def suggest_in_text(
    body: str, actors: Iterable, *, reference: FoundDate | None, propositions: Iterable = ()
) -> list[Suggestion]:
    """Candidate claims in body, in order of position: `find_in_text`, then
    `resolve_in_text` for all of them. Pure: no database."""
    candidates = find_in_text(body).candidates
    return resolve_in_text(body, candidates, actors, reference=reference, propositions=propositions)
