"""What the rules share for reading a sentence: a pattern of whole words and phrases, the
clause around a position, the words just before it. Pure."""

import re
from collections.abc import Iterable


def phrases(names: Iterable[str]) -> str:
    """A regular expression alternative of `names`, longest first (so "bala bantuan" wins
    over "bala"); a space inside a name matches any run of spaces."""
    names = sorted(names, key=len, reverse=True)
    return "|".join(re.escape(name).replace(r"\ ", r"\s+") for name in names)


# Where a claim's quote is cut when a sentence holds several counts: a comma or semicolon
# (not "1,5"), a spaced dash.
_CLAUSE_BREAK = re.compile(r"[,;](?!\d)\s+|\s[–—-]\s")
# Where the reach of a negation or of a verb's subject stops: any punctuation or quote.
_CLAUSE_EDGE = re.compile(r"[,;:.“”\"()]")


def clause(sentence: str, at: int) -> tuple[int, int]:
    """The clause of sentence around position at, without its final full stop."""
    start, end = 0, len(sentence)
    for match in _CLAUSE_BREAK.finditer(sentence):
        if match.end() <= at:
            start = match.end()
        elif match.start() >= at:
            end = match.start()
            break
    clause = sentence[start:end].rstrip()
    if clause.endswith(".") and not clause.endswith(".."):
        clause = clause[:-1].rstrip()
    return start, start + len(clause)


def words_before(sentence: str, at: int, count: int) -> str:
    """Up to `count` words before position at, within the same clause."""
    before = sentence[:at]
    edges = list(_CLAUSE_EDGE.finditer(before))
    if edges:
        before = before[edges[-1].end() :]
    return " ".join(before.split()[-count:])


def same_clause(sentence: str, a: int, b: int) -> bool:
    """Whether positions a and b of sentence have no punctuation between them."""
    low, high = min(a, b), max(a, b)
    return not _CLAUSE_EDGE.search(sentence, low, high)
