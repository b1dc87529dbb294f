"""Where sentences start and end in an article's text: the one splitter that the title,
the claim form's dates and the suggestions all use, so that a span is dated from the same
sentence however an editor reached it.

Pure functions of the text (no database, no Django).
"""

import re

# A full stop after these does not end a sentence (titles and ranks, "dll.", "U.S.").
# Compared in lower case, without the full stop.
ABBREVIATIONS = frozenset({
    "dr", "drs", "prof", "ir", "jl", "jln", "no", "dll", "dsb", "dst", "dkk", "tn", "ny",
    "sdr", "bpk", "kol", "jend", "letjen", "mayjen", "brigjen", "laksda", "marsda", "kapt",
    "mr", "mrs", "ms", "st", "vs", "u.s", "a.s", "s.d", "a.n", "sept", "okt", "nov", "des",
})  # fmt: skip
_SENTENCE_END = re.compile(r"[.!?…]+[”\"’')\]]*")
_OPENERS = "“\"‘'("  # a sentence may open with a quote


_SPACES = re.compile(r"[ \t]*")
_LAST_WORD = 64  # characters before a full stop that are enough to tell an abbreviation


def _ends_sentence(text: str, match: re.Match[str]) -> bool:
    # Only the characters next to the match are read (never a slice of the rest of the
    # line): a long line with many full stops stays linear.
    end = match.end()
    if end < len(text) and not text[end].isspace():
        return False  # "10.000", "1.5", "Resistensi.id", "U.S."
    next_at = _SPACES.match(text, end).end()
    if next_at == len(text) or text[next_at] == "\n":
        return True
    # Indonesian sentences open with a capital, a figure or a quote; "tambahnya. – kata
    # perwakilan itu" goes on.
    first = text[next_at]
    if not (first.isupper() or first.isdigit() or first in _OPENERS):
        return False
    if match.group() == ".":
        words = text[max(0, match.start() - _LAST_WORD) : match.start()].split()
        last = words[-1].lower().lstrip("“\"‘'(") if words else ""
        if last in ABBREVIATIONS or (len(last) == 1 and last.isalpha()):
            return False  # "Lloyd J. Austin", "Jl. Sudirman", "No. 5"
    return True


def sentences(text: str) -> list[tuple[int, int]]:
    """(start, end) of each sentence of `text`, without surrounding spaces.

    A line break always ends a sentence; inside a line a sentence ends at . ! ? or …
    (with any closing quote or bracket after it) followed by a space and a capital, a
    figure or an opening quote. Full stops inside numbers ("10.000", "1.5"), web
    addresses, after initials and after the abbreviations in ABBREVIATIONS do not end one.
    """
    spans = []
    for line in re.finditer(r"[^\n]+", text):
        part, offset, start = line.group(), line.start(), 0
        for match in _SENTENCE_END.finditer(part):
            if _ends_sentence(part, match):
                spans.append((offset + start, offset + match.end()))
                start = match.end()
        spans.append((offset + start, offset + len(part)))
    stripped = []
    for start, end in spans:
        piece = text[start:end]
        left = len(piece) - len(piece.lstrip())
        right = len(piece.rstrip())
        if right > left:
            stripped.append((start + left, start + right))
    return stripped


def sentence_around(text: str, start: int, end: int) -> tuple[int, int]:
    """The offsets of the sentence (or sentences) that text[start:end] is part of.

    A span that ends with its sentence's full stop belongs to that sentence only, never to
    the next one. Only the lines the span touches are split (a line break ends every
    sentence), so the cost does not grow with the article.
    """
    start = max(0, min(start, len(text)))
    end = max(start, min(end, len(text)))
    line_start = text.rfind("\n", 0, start) + 1
    line_end = text.find("\n", end)
    line_end = len(text) if line_end == -1 else line_end
    touched = [
        (line_start + a, line_start + b)
        for a, b in sentences(text[line_start:line_end])
        if line_start + a < max(end, start + 1) and start < line_start + b
    ]
    if not touched:  # only spaces between sentences
        return start, end
    return touched[0][0], touched[-1][1]


def first_sentence(text: str) -> str:
    """`text` up to the end of its first sentence (all of it when it has one sentence)."""
    spans = sentences(text)
    return text[: spans[0][1]] if spans else text
