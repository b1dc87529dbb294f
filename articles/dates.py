"""Find the dates in an Indonesian news article and resolve them.

Most seed articles carry no date line: the dates hide in the prose. This module finds
each date expression, keeps the exact phrase and its offsets (the *evidence*, so an
editor can see and override it) and resolves it to a date with a precision
(DAY, WEEK, MONTH or YEAR). Anything ambiguous or impossible is still reported, with
``value=None``: a date is never guessed.

What is recognised (names are case-insensitive; month and day names, with the
abbreviations newsrooms use, come from ``IndonesianParserInfo``):

* **dateline** -- a weekday with ``(d/m)`` or ``(d/m/yyyy)``: ``Rabu (30/10)``,
  ``Selasa (5/11/2024) kemarin``. With a year it is that date, unless the weekday
  contradicts it. Without a year, the year is the one in which that day falls on that
  weekday, among anchor-7 .. anchor+7, never after ``today``; the nearest to the anchor
  wins (a tie goes to the later year). The anchor is the mean of the explicit years in
  the text, else the reference's year, else today's year.
* **explicit** -- ``24 Februari 2022``, ``5/11/2024`` (day); a bare year after ``tahun``
  or a preposition, ``tahun 2024``, ``pada 2023`` (year); a day and month without a
  year, ``24 April``, which takes the most recent such day on or before the reference.
* **month** -- a month with a year: ``Juni 2024``, ``bulan Juni 2024``.
* **relative** -- resolved against ``reference``, the article's own date: ``kemarin``,
  ``hari ini``, ``pekan lalu`` (a WEEK, valued at its Monday), ``Rabu lalu``,
  ``(pada) hari Senin`` / ``pada Senin``, ``bulan lalu``, ``bulan Juni``, ``Maret lalu``,
  ``tahun lalu``, ``awal bulan depan``, ``dua hari lalu`` ... A relative phrase needs a
  reference at least as fine as itself (a day phrase needs a day), otherwise it is
  reported unresolved.

Values of coarse precisions are the first day of the period (a WEEK's Monday, a MONTH's
first day, a YEAR's 1 January). A leading ``pada`` is context, not part of the evidence:
in ``pada Rabu (30/10)`` the evidence is ``Rabu (30/10)``.
"""

import math
import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass, replace
from datetime import date, timedelta

from dateutil import parser
from dateutil.relativedelta import FR, MO, SA, SU, TH, TU, WE, relativedelta

DAY, WEEK, MONTH, YEAR = "day", "week", "month", "year"  # precisions, finest first

# How far (in years) a dateline without a year may be from the anchor year.
YEAR_WINDOW = 7

_FULL_MONTHS = (
    ("Januari",),
    ("Februari", "Pebruari"),
    ("Maret",),
    ("April",),
    ("Mei",),
    ("Juni",),
    ("Juli",),
    ("Agustus",),
    ("September",),
    ("Oktober",),
    ("November", "Nopember"),
    ("Desember",),
)
_ABBREVIATED_MONTHS = (
    ("Jan",),
    ("Feb", "Peb"),
    ("Mar",),
    ("Apr",),
    (),
    ("Jun",),
    ("Jul",),
    ("Agu", "Agt", "Ags"),
    ("Sep", "Sept"),
    ("Okt",),
    ("Nov", "Nop"),
    ("Des",),
)


class IndonesianParserInfo(parser.parserinfo):
    """dateutil parser vocabulary for Indonesian month and day names."""

    MONTHS = [full + short for full, short in zip(_FULL_MONTHS, _ABBREVIATED_MONTHS, strict=True)]
    WEEKDAYS = [
        ("Senin",),
        ("Selasa",),
        ("Rabu",),
        ("Kamis",),
        ("Jumat", "Jum'at", "Jum’at"),
        ("Sabtu",),
        ("Minggu", "Ahad"),
    ]


_INFO = IndonesianParserInfo()
_RELATIVE_WEEKDAYS = (MO, TU, WE, TH, FR, SA, SU)  # indexed like date.weekday()


@dataclass(frozen=True)
class FoundDate:
    value: date | None  # None when the phrase cannot be resolved (never guessed)
    precision: str  # DAY / WEEK / MONTH / YEAR (WEEK: value is the Monday of that week)
    evidence: str  # the exact phrase as it stands in the text
    start: int  # text[start:end] == evidence
    end: int
    kind: str  # "dateline" | "explicit" | "month" | "relative"


# --- Patterns -----------------------------------------------------------------------------


def _names(groups: Iterable[tuple[str, ...]]) -> str:
    """A regex alternation of names, longest first so that "Sept" wins over "Sep"."""
    names = sorted({name for group in groups for name in group}, key=len, reverse=True)
    return "|".join(re.escape(name) for name in names)


_START = r"(?<!\w)"  # do not start inside a word ("Seninnya" is no Monday)
_START_NUMBER = r"(?<![\w.,/])"  # nor inside a number ("10.000", "1/5/2024")
_WEEKDAY = rf"(?P<weekday>{_names(IndonesianParserInfo.WEEKDAYS)})(?!\w)"
# After a bare "pada", lower-case "minggu" is the noun "week" ("pada minggu ketiga"),
# so only a capitalised Minggu counts as Sunday there.
_WEEKDAY_AFTER_PADA = (
    rf"(?P<weekday>(?-i:Minggu|MINGGU)|"
    rf"{_names(IndonesianParserInfo.WEEKDAYS[:6])}|Ahad)(?!\w)"
)
_MONTH = rf"(?P<month>{_names(IndonesianParserInfo.MONTHS)})(?!\w)"
# Abbreviations ("Jan", "Mar") are also names and words; alone they must be spelled out.
_FULL_MONTH = rf"(?P<month>{_names(_FULL_MONTHS)})(?!\w)"
_DAY = rf"{_START_NUMBER}(?P<day>\d{{1,2}})"
_YEAR = r"(?P<year>\d{4})(?![\w/])(?![.,]\d)"
_PLAUSIBLE_YEAR = r"(?P<year>(?:19|20)\d{2})(?![\w/])(?![.,]\d)"  # for bare years only
_NUMBER_WORDS = ("satu", "dua", "tiga", "empat", "lima", "enam", "tujuh", "delapan", "sembilan")
_COUNTS = {word: number for number, word in enumerate(_NUMBER_WORDS + ("sepuluh",), start=1)}
_COUNT = rf"(?P<count>\d{{1,3}}|{'|'.join(_COUNTS)}|beberapa)"
_UNITS = {"hari": DAY, "pekan": WEEK, "minggu": WEEK, "bulan": MONTH, "tahun": YEAR}
_UNIT = r"(?P<unit>hari|pekan|minggu|bulan|tahun)"
_PERIOD = r"(?P<unit>pekan|minggu|bulan|tahun)"

# --- Resolving against the reference ------------------------------------------------------


@dataclass(frozen=True)
class _Context:
    reference: FoundDate | None
    today: date
    anchor: float  # the year a dateline without a year should be near


def _valid_date(year: int, month: int, day: int) -> date | None:
    try:
        return date(year, month, day)
    except ValueError:  # 31/2, 29/2 outside a leap year, year 0
        return None


def _monday(day: date) -> date:
    return day + relativedelta(weekday=MO(-1))


def period_start(value: date | None, precision: str) -> date | None:
    """A date as the first day of its period at `precision`, as this module stores coarse
    dates: a WEEK's Monday, a MONTH's first day, a YEAR's 1 January."""
    if value is None:
        return None
    if precision == YEAR:
        return value.replace(month=1, day=1)
    if precision == MONTH:
        return value.replace(day=1)
    if precision == WEEK:
        return _monday(value)
    return value


def _usable(reference: FoundDate | None, *precisions: str) -> date | None:
    """The reference's value if it is known and precise enough, else None."""
    if reference is None or reference.value is None or reference.precision not in precisions:
        return None
    return reference.value


def _reference_day(ctx: _Context) -> date | None:
    return _usable(ctx.reference, DAY)


def _reference_week(ctx: _Context) -> date | None:
    value = _usable(ctx.reference, DAY, WEEK)
    return None if value is None else _monday(value)


def _reference_month(ctx: _Context) -> date | None:
    value = _usable(ctx.reference, DAY, WEEK, MONTH)
    if value is None:
        return None
    if ctx.reference.precision == WEEK and (value + timedelta(days=6)).month != value.month:
        return None  # a week across two months does not say which month "bulan lalu" follows
    return value.replace(day=1)


def _reference_year(ctx: _Context) -> int | None:
    value = _usable(ctx.reference, DAY, WEEK, MONTH, YEAR)
    return None if value is None else value.year


def _reference_end(ctx: _Context) -> date | None:
    """The last day the reference covers: "24 April" is taken on or before it."""
    value = _usable(ctx.reference, DAY, WEEK, MONTH)
    if value is None:
        return None
    if ctx.reference.precision == WEEK:
        return value + timedelta(days=6)
    if ctx.reference.precision == MONTH:
        return value + relativedelta(day=31)
    return value


def _most_recent(day: int, month: int, bound: date | None) -> date | None:
    """The latest day/month on or before bound (29/2 may need a few years back)."""
    if bound is None:
        return None
    for year in range(bound.year, bound.year - 8, -1):
        found = _valid_date(year, month, day)
        if found is not None and found <= bound:
            return found
    return None


def _year_for_weekday(day: int, month: int, weekday: int, ctx: _Context) -> date | None:
    """The date day/month on that weekday nearest the anchor year, never after today."""
    first = math.ceil(ctx.anchor - YEAR_WINDOW)
    last = min(math.floor(ctx.anchor + YEAR_WINDOW), ctx.today.year)
    fits = [
        found
        for year in range(first, last + 1)
        if (found := _valid_date(year, month, day)) is not None
        and found <= ctx.today
        and found.weekday() == weekday
    ]
    if not fits:
        return None
    return min(fits, key=lambda found: (abs(found.year - ctx.anchor), -found.year))


def _weekday_matches(value: date | None, match: re.Match[str]) -> date | None:
    """value, unless the weekday written next to it contradicts it."""
    if value is None or not match["weekday"]:
        return value
    return value if value.weekday() == _INFO.weekday(match["weekday"]) else None


# --- Resolvers: (match, context) -> (value, precision) ------------------------------------

Resolution = tuple[date | None, str]


def _dateline(match: re.Match[str], ctx: _Context) -> Resolution:
    day, month = int(match["day"]), int(match["month"])
    if match["year"]:
        return _weekday_matches(_valid_date(_full_year(match["year"]), month, day), match), DAY
    return _year_for_weekday(day, month, _INFO.weekday(match["weekday"]), ctx), DAY


def _numeric_date(match: re.Match[str], ctx: _Context) -> Resolution:
    return _valid_date(int(match["year"]), int(match["month"]), int(match["day"])), DAY


def _day_and_month(match: re.Match[str], ctx: _Context) -> Resolution:
    day, month = int(match["day"]), _INFO.month(match["month"])
    if match["year"]:
        value = _valid_date(int(match["year"]), month, day)
    else:
        value = _most_recent(day, month, _reference_end(ctx))
    return _weekday_matches(value, match), DAY


def _month_and_year(match: re.Match[str], ctx: _Context) -> Resolution:
    return _valid_date(int(match["year"]), _INFO.month(match["month"]), 1), MONTH


def _bare_year(match: re.Match[str], ctx: _Context) -> Resolution:
    return _valid_date(int(match["year"]), 1, 1), YEAR


def _named_month(match: re.Match[str], ctx: _Context) -> Resolution:
    """`bulan Juni`: on or before the reference's month; `Maret lalu`: strictly before."""
    reference = _reference_month(ctx)
    if reference is None:
        return None, MONTH
    month = _INFO.month(match["month"])
    strictly_before = bool(match["past"])
    same_year = month < reference.month or (month == reference.month and not strictly_before)
    return date(reference.year if same_year else reference.year - 1, month, 1), MONTH


def _unplaced_month(match: re.Match[str], ctx: _Context) -> Resolution:
    # "akan bertempur ... pada November": the same words point forward or back.
    return None, MONTH


def _single_day(offset: int) -> Callable[[re.Match[str], _Context], Resolution]:
    def resolve(match: re.Match[str], ctx: _Context) -> Resolution:
        reference = _reference_day(ctx)
        return (None if reference is None else reference + timedelta(days=offset)), DAY

    return resolve


def _weekday_on_or_before(match: re.Match[str], ctx: _Context) -> Resolution:
    """`pada hari Senin` in a Monday article is that same Monday."""
    reference = _reference_day(ctx)
    if reference is None:
        return None, DAY
    weekday = _RELATIVE_WEEKDAYS[_INFO.weekday(match["weekday"])]
    return reference + relativedelta(weekday=weekday(-1)), DAY


def _weekday_before_or_after(match: re.Match[str], ctx: _Context) -> Resolution:
    """`Rabu lalu` is strictly before the reference, `Rabu depan` strictly after."""
    reference = _reference_day(ctx)
    if reference is None:
        return None, DAY
    weekday = _RELATIVE_WEEKDAYS[_INFO.weekday(match["weekday"])]
    if match["direction"].lower() == "depan":
        return reference + relativedelta(days=+1, weekday=weekday(+1)), DAY
    return reference + relativedelta(days=-1, weekday=weekday(-1)), DAY


def _shift(unit: str, steps: int, ctx: _Context) -> Resolution:
    """The period `steps` units away from the reference's (negative: in the past)."""
    precision = _UNITS[unit.lower()]
    if precision == DAY:
        start = _reference_day(ctx)
        return (None if start is None else start + timedelta(days=steps)), DAY
    if precision == WEEK:
        start = _reference_week(ctx)
        return (None if start is None else start + timedelta(weeks=steps)), WEEK
    if precision == MONTH:
        start = _reference_month(ctx)
        return (None if start is None else start + relativedelta(months=steps)), MONTH
    year = _reference_year(ctx)
    return (None if year is None else date(year + steps, 1, 1)), YEAR


def _this_last_or_next(match: re.Match[str], ctx: _Context) -> Resolution:
    """`pekan lalu`, `bulan ini`, `awal bulan depan`, `tahun lalu` ..."""
    direction = match["direction"].lower()
    steps = -1 if direction.endswith("lalu") else 1 if direction == "depan" else 0
    return _shift(match["unit"], steps, ctx)


def _units_ago(match: re.Match[str], ctx: _Context) -> Resolution:
    """`dua hari lalu`, `sepekan lalu`; `beberapa hari lalu` stays unresolved."""
    count = (match["count"] or "satu").lower()  # no count: the "se-" of "sepekan"
    if count == "beberapa":  # "a few"
        return None, _UNITS[match["unit"].lower()]
    steps = int(count) if count.isdigit() else _COUNTS[count]
    return _shift(match["unit"], -steps, ctx)


def _full_year(text: str) -> int:
    # Datelines sometimes abbreviate the year: (5/11/24).
    return 2000 + int(text) if len(text) == 2 else int(text)


# --- Rules --------------------------------------------------------------------------------


@dataclass(frozen=True)
class _Rule:
    kind: str
    pattern: re.Pattern[str]  # a `phrase` group, if present, is the evidence
    resolve: Callable[[re.Match[str], _Context], Resolution]


def _rule(kind: str, pattern: str, resolve: Callable[[re.Match[str], _Context], Resolution]):
    return _Rule(kind, re.compile(pattern, re.IGNORECASE), resolve)


# Where two rules match the same span, the earlier rule wins: "minggu lalu" is last week
# (not last Sunday) unless it says "hari Minggu lalu".
_RULES = (
    _rule(
        "dateline",
        rf"{_START}(?:hari\s+)?{_WEEKDAY}\s*,?\s*\(\s*(?P<day>\d{{1,2}})\s*/\s*(?P<month>\d{{1,2}})"
        rf"(?:\s*/\s*(?P<year>\d{{4}}|\d{{2}}))?\s*\)(?:\s+(?P<tail>kemarin|lalu)(?!\w))?",
        _dateline,
    ),
    _rule(
        "explicit",
        rf"{_START_NUMBER}(?P<day>\d{{1,2}})/(?P<month>\d{{1,2}})/{_YEAR}",
        _numeric_date,
    ),
    _rule(
        "explicit",
        rf"(?:{_START}{_WEEKDAY},?\s+)?{_DAY}\s+{_MONTH}(?:\s+{_YEAR}|\s+lalu(?!\w))?",
        _day_and_month,
    ),
    _rule("month", rf"{_START}(?:bulan\s+)?{_MONTH}\s+{_YEAR}", _month_and_year),
    _rule("explicit", rf"{_START}tahun\s+{_PLAUSIBLE_YEAR}", _bare_year),
    _rule(
        "explicit",
        # not "hingga"/"sampai": "hingga 2000 tentara" is a head count
        rf"{_START}(?:pada|sejak|awal|akhir|pertengahan)\s+"
        rf"(?P<phrase>{_PLAUSIBLE_YEAR})",
        _bare_year,
    ),
    _rule(
        "relative",
        rf"{_START_NUMBER}(?:{_COUNT}\s+|se){_UNIT}\s+(?:yang\s+)?lalu(?!\w)",
        _units_ago,
    ),
    _rule(
        "relative",
        rf"{_START}(?:(?:awal|akhir|pertengahan)\s+)?{_PERIOD}\s+"
        rf"(?P<direction>(?:yang\s+)?lalu|ini|depan)(?!\w)",
        _this_last_or_next,
    ),
    _rule(
        "relative",
        rf"{_START}(?:hari\s+)?{_WEEKDAY}\s+(?P<direction>lalu|kemarin|depan)(?!\w)",
        _weekday_before_or_after,
    ),
    _rule("relative", rf"{_START}hari\s+{_WEEKDAY}", _weekday_on_or_before),
    _rule("relative", rf"{_START}pada\s+(?P<phrase>{_WEEKDAY_AFTER_PADA})", _weekday_on_or_before),
    _rule("relative", rf"{_START}kemarin(?!\w)", _single_day(-1)),
    _rule("relative", rf"{_START}hari\s+ini(?!\w)", _single_day(0)),
    _rule("relative", rf"{_START}besok(?!\w)", _single_day(+1)),
    _rule("relative", rf"{_START}bulan\s+{_MONTH}(?:\s+(?P<past>lalu)(?!\w))?", _named_month),
    _rule("relative", rf"{_START}{_FULL_MONTH}\s+(?P<past>lalu)(?!\w)", _named_month),
    _rule("relative", rf"{_START}pada\s+(?P<phrase>{_FULL_MONTH})", _unplaced_month),
)


def _span(match: re.Match[str]) -> tuple[int, int]:
    return match.span("phrase") if "phrase" in match.re.groupindex else match.span()


def _scan(text: str) -> list[tuple[_Rule, re.Match[str]]]:
    """Every rule's matches, keeping the leftmost-longest where they overlap."""
    candidates = []
    for priority, rule in enumerate(_RULES):
        for match in rule.pattern.finditer(text):
            start, end = _span(match)
            candidates.append((start, start - end, priority, rule, match))
    candidates.sort(key=lambda candidate: candidate[:3])
    kept, taken_until = [], 0
    for start, negative_length, _, rule, match in candidates:
        if start >= taken_until:
            kept.append((rule, match))
            taken_until = start - negative_length
    return kept


def _explicit_year(match: re.Match[str]) -> int | None:
    if "year" not in match.re.groupindex or not match["year"]:
        return None
    return _full_year(match["year"])


def _anchor(years: list[int], reference: FoundDate | None, today: date) -> float:
    if years:
        return sum(years) / len(years)
    if reference is not None and reference.value is not None:
        return reference.value.year
    return today.year


def _resolve(rule: _Rule, match: re.Match[str], ctx: _Context) -> Resolution:
    try:
        return rule.resolve(match, ctx)
    except (ValueError, OverflowError):
        # Only a reference at the edge of the calendar (year 1, year 9999) gets here.
        unit = match.groupdict().get("unit")
        return None, _UNITS[unit.lower()] if unit else DAY


# --- Public API ---------------------------------------------------------------------------

# The news this tool follows happened after this, and nothing is stated more than a year
# ahead: a date outside is a typing slip (9999-12-31) and would only break what draws it.
EARLIEST = date(1900, 1, 1)


def plausible_range(today: date | None = None) -> tuple[date, date]:
    """(first, last) day a claim or an article may be dated, both included: from 1900 to a
    year after `today` (default date.today())."""
    return EARLIEST, (today or date.today()) + relativedelta(years=1)


def is_plausible(value: date, today: date | None = None) -> bool:
    first, last = plausible_range(today)
    return first <= value <= last


def find_dates(
    text: str, *, reference: FoundDate | None = None, today: date | None = None
) -> list[FoundDate]:
    """Every date expression in text, in order of position, each resolved.

    `reference` is the article's own date, against which relative phrases ("pekan lalu",
    "24 April") resolve; without it they are returned with value None. `today` (default
    date.today()) bounds the years guessed for datelines: an article is never dated after
    today. Expressions never overlap; where two could, the one that starts first, then the
    longer, is kept ("Selasa (5/11/2024) kemarin" is one dateline, not a dateline and a
    "kemarin").
    """
    today = today or date.today()
    found = _scan(text)
    years = [year for _, match in found if (year := _explicit_year(match)) is not None]
    ctx = _Context(reference, today, _anchor(years, reference, today))
    dates = []
    for rule, match in found:
        value, precision = _resolve(rule, match, ctx)
        if value is not None and not is_plausible(value, today):
            value = None  # "31/12/9999" is reported, as an impossible date is, never used
        start, end = _span(match)
        dates.append(FoundDate(value, precision, text[start:end], start, end, rule.kind))
    return dates


def publication_date(text: str, *, today: date | None = None) -> FoundDate | None:
    """The article's own date, from its first dateline expression, else None.

    "Selasa (5/11/2024) kemarin" says the article appeared the day after, 2024-11-06.
    Explicit dates ("pada 24 Februari 2022") and relative phrases describe events and are
    never taken as the publication date. The first dateline is returned even when it does
    not resolve (value None), so that an editor sees why the article has no date.
    """
    dateline = next((d for d in find_dates(text, today=today) if d.kind == "dateline"), None)
    if dateline is None or dateline.value is None:
        return dateline
    if dateline.evidence.lower().endswith("kemarin"):
        return replace(dateline, value=dateline.value + timedelta(days=1))
    # "Selasa (5/11) lalu" says only that the article is later; that Tuesday is the best
    # date it gives.
    return dateline


def date_in(
    sentence: str, *, reference: FoundDate | None, today: date | None = None
) -> FoundDate | None:
    """For a claim: the first resolved date expression in the sentence, else None.

    Unresolved expressions are skipped; the caller then defaults to the article's date.
    """
    return next(
        (d for d in find_dates(sentence, reference=reference, today=today) if d.value is not None),
        None,
    )
