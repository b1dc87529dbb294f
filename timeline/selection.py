"""What an editor's mouse selection in an article becomes: a span of whole words, with the
date its sentence gives.

A mouse picks up the spaces around words and easily stops inside one ("bertempu" for
"bertempur"); a claim quotes whole words, so the span is trimmed of spaces and widened to
the words it cuts. The server decides this from the offsets (annotate.js only counts them),
so a selection made with or without the script, or by hand-made offsets, ends up the same.
"""

from timeline.span_dates import claim_date

# Inside a word, between two letters or digits, these do not end it: "10.000", "1,5",
# "luka-luka", "Jum'at".
_JOINERS = frozenset(".,-'’")


def _in_word(text: str, before: int, after: int) -> bool:
    """Whether the gap between text[before] and text[after] (neighbours) is inside a word."""
    return text[before].isalnum() and text[after].isalnum()


def snap_to_words(text: str, start: int, end: int) -> tuple[int, int]:
    """text[start:end] trimmed of surrounding spaces and widened to whole words (a word
    cut at either end is taken whole). start == end when the span holds only spaces."""
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    if start == end:
        return start, end
    while start > 0 and (
        _in_word(text, start - 1, start)
        or (start > 1 and text[start - 1] in _JOINERS and _in_word(text, start - 2, start))
    ):
        start -= 1
    while end < len(text) and (
        _in_word(text, end - 1, end)
        or (end + 1 < len(text) and text[end] in _JOINERS and _in_word(text, end - 1, end + 1))
    ):
        end += 1
    return start, end


def _squeeze(text: str) -> str:
    return " ".join(text.split())


def selection_initial(article, start, end, quote=None) -> dict | None:
    """Initial values of a claim form for a selection of `article`'s text from `start` to
    `end` (as sent: strings): the quote snapped to whole words, and the date of its
    sentence with its evidence. None when the offsets do not make a span of the article, or
    when `quote` (the text the browser says it selected, if sent) is not what they cover:
    the form then looks the quote up instead."""
    try:
        start, end = int(start), int(end)
    except (TypeError, ValueError):
        return None
    body = article.body
    if not 0 <= start < end <= len(body):
        return None
    if quote and _squeeze(quote) != _squeeze(body[start:end]):
        return None
    start, end = snap_to_words(body, start, end)
    if start == end:
        return None
    stated_on, precision, evidence = claim_date(article, start, end)
    return {
        "start": start,
        "end": end,
        "quote": body[start:end],
        "stated_on": stated_on,
        "stated_precision": precision,
        "stated_evidence": evidence,
    }
