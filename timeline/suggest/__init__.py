"""Candidate claims in an article, found by transparent rules an editor can read.

Nothing here decides anything: each suggestion is a sentence (or, when a sentence carries
several counts, the clause of each) with a kind, a suggested actor and date, and the rule
that fired (`rule`, shown to the editor). One click turns it into a draft claim; the
editor corrects the rest.

Every rule is data, in plain modules:

* `rules` -- what is never a claim, which numbers are head counts, the words of denial,
  confirmation, accusation, fighting, condemnation and agreement and what cancels them;
* `numbers` -- numbers as Indonesian news writes them ("10.000", "10 ribu", ranges);
* `speakers` -- who says it: actors' names and aliases, the name nearest the verb of saying;
* `tagging` -- what a claim is about: its stance from its kind, what its number counts
  (a total, a part, a change) from the words around it, its proposition from the cues;
* `text` -- what those share: phrases of whole words, clauses;
* `finding` -- the entry points below: sentences (articles.sentences), the opening dateline
  (articles.ingest), repeats, long texts, and the date of each suggestion
  (timeline.span_dates).

All of it is pure (no database); timeline.article_page applies it to an Article.
"""

from timeline.suggest.finding import (
    MAX_SENTENCE_CHARS,
    REPEAT_WINDOW,
    Candidate,
    Found,
    Suggestion,
    find_in_text,
    resolve_in_text,
    suggest_in_text,
)

__all__ = [
    "MAX_SENTENCE_CHARS",
    "REPEAT_WINDOW",
    "Candidate",
    "Found",
    "Suggestion",
    "find_in_text",
    "resolve_in_text",
    "suggest_in_text",
]
