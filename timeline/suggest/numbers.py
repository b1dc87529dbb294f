"""Numbers as Indonesian news writes them, and their values.

Figures with a full stop between thousands and a decimal comma ("10.000", "1,5"), with or
without a multiplier ("10 ribu", "1,5 juta"); number words ("sepuluh ribu", "dua puluh
lima"); ranges ("10.000-12.000", "10-12 ribu", "10.000 hingga 12.000", "antara 10.000 dan
12.000"). Pure.
"""

import re

from timeline.suggest.text import phrases

MULTIPLIERS = {"ribu": 1_000, "juta": 1_000_000}
# Number words: "sepuluh ribu tentara", "dua puluh lima orang".
_ONES = {
    "satu": 1, "dua": 2, "tiga": 3, "empat": 4, "lima": 5, "enam": 6, "tujuh": 7,
    "delapan": 8, "sembilan": 9,
}  # fmt: skip
_SE = {"sepuluh": 10, "sebelas": 11, "seratus": 100, "seribu": 1_000, "sejuta": 1_000_000}
_STEPS = ("belas", "puluh", "ratus", "ribu", "juta")

_NUMBER_WORD = phrases([*_ONES, *_SE, *_STEPS])
_DIGITS = r"\d{1,3}(?:\.\d{3})+(?:,\d+)?|\d+(?:,\d+)?"
_NUMBER = (
    rf"(?:(?:{_DIGITS})(?:\s+(?:{phrases(MULTIPLIERS)}))?(?!\w)"
    rf"|(?<!salah\s)(?:{_NUMBER_WORD})(?:\s+(?:{_NUMBER_WORD}))*(?!\w))"
)
# A number or a range of two, as a part of a larger pattern: `values` reads its groups.
NUMBER_OR_RANGE = (
    rf"(?:antara\s+(?P<between_low>{_NUMBER})\s+dan\s+(?P<between_high>{_NUMBER})"
    rf"|(?P<low>{_NUMBER})(?:\s*[-–—]\s*|\s+(?:hingga|sampai(?:\s+dengan)?)\s+)"
    rf"(?P<high>{_NUMBER})"
    rf"|(?P<single>{_NUMBER}))"
)


def _word_value(text: str) -> int | None:
    """ "dua puluh lima" -> 25, "sepuluh ribu" -> 10000; None when it is not a number."""
    total = group = ones = 0
    for word in text.lower().split():
        if word in _ONES:
            if ones:
                return None  # "dua tiga"
            ones = _ONES[word]
        elif word in ("ribu", "juta") or _SE.get(word, 0) >= 1_000:
            scale = MULTIPLIERS.get(word) or _SE[word]
            amount = (group + ones) or (1 if word in _SE else 0)
            if not amount:
                return None
            total, group, ones = total + amount * scale, 0, 0
        elif word in _SE:
            group, ones = group + _SE[word] + ones, 0
        elif word in _STEPS:  # belas, puluh, ratus
            if not ones:
                return None
            group += ones + 10 if word == "belas" else ones * (10 if word == "puluh" else 100)
            ones = 0
        else:
            return None
    return (total + group + ones) or None


def _value(text: str) -> tuple[int | None, bool]:
    """The number written in text, and whether it carries ribu/juta itself."""
    text = " ".join(text.split())
    match = re.fullmatch(rf"({_DIGITS})(?:\s+(\w+))?", text)
    if not match:
        return _word_value(text), True
    figure = float(match[1].replace(".", "").replace(",", "."))
    scale = MULTIPLIERS.get((match[2] or "").lower(), 1)
    value = figure * scale
    return (int(value) if value == int(value) else None), bool(match[2])


def values(match: re.Match[str]) -> tuple[int | None, int | None]:
    """(number, number_max) of a match of NUMBER_OR_RANGE: number_max is None for a single
    number (and for a range whose ends are equal); number is None when no whole number is
    written ("1,25 orang")."""
    low_text = match["between_low"] or match["low"] or match["single"]
    high_text = match["between_high"] or match["high"]
    low, low_scaled = _value(low_text)
    if high_text is None:
        return low, None
    high, high_scaled = _value(high_text)
    if low is not None and high is not None and not low_scaled and high_scaled:
        # "10-12 ribu": the multiplier of the upper end belongs to both.
        high_scale = next(v for k, v in MULTIPLIERS.items() if high_text.lower().endswith(k))
        low *= high_scale
    if low is None or high is None:
        return low, None
    low, high = min(low, high), max(low, high)
    return low, (high if high > low else None)
