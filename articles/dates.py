"""Find the dates in a news article (Indonesian, English or French) and resolve them.

Most seed articles carry no date line: the dates hide in the prose. This module finds
each date expression, keeps the exact phrase and its offsets (the *evidence*, so an
editor can see and override it) and resolves it to a date with a precision
(DAY, WEEK, MONTH or YEAR). Anything ambiguous or impossible is still reported, with
``value=None``: a date is never guessed.

Every function takes a ``language`` ("id", the default, "en" or "fr"; any other code
reads as Indonesian). Month and day names, with the abbreviations newsrooms use, come
from a dateutil ``parserinfo`` per language (``IndonesianParserInfo``,
``EnglishParserInfo``, ``FrenchParserInfo``). What is recognised (Indonesian first; the
English and French forms resolve the same way):

* **dateline** -- a weekday with a day and month that the text uses for a recent event:
  ``Rabu (30/10)``, ``Selasa (5/11/2024) kemarin``, ``Kamis, (31/10/2024)``,
  ``hari ini, Senin (4/11/2024)``,
  ``Senin, 28 April``, ``Monday, April 28``, ``ce lundi 28 avril``. With a year it is
  that date, unless the weekday contradicts it. Without a year, the year is the one in
  which that day falls on that weekday, among anchor-7 .. anchor+7, never after
  ``today``; the nearest to the anchor wins, among the anchor's year and later ones if
  any fits (the years a text names are its background), a tie going to the later year.
  The anchor is the mean of the explicit years in the text, else the reference's year,
  else today's.
* **explicit** -- ``24 Februari 2022``, ``April 28, 2025``, ``28 avril 2025``,
  ``5/11/2024`` (day; in English d/m against m/d is resolved only when one of them is
  over 12); a bare year after ``tahun`` / ``in`` / ``en`` or a preposition (year); a day
  and month without a year, ``24 April``, ``Nov 5``, which takes the most recent such day
  on or before the reference.
* **month** -- a month with a year: ``Juni 2024``, ``bulan Juni 2024``, ``June 2024``.
* **relative** -- resolved against ``reference``, the article's own date: ``kemarin``,
  ``hari ini``, ``pekan lalu`` (a WEEK, valued at its Monday), ``Rabu lalu``,
  ``(pada) hari Senin`` / ``pada Senin``, ``bulan lalu``, ``Maret lalu``, ``tahun lalu``,
  ``dua hari lalu``; ``yesterday``, ``on Monday``, ``last week``, ``two days ago``;
  ``hier``, ``lundi``, ``lundi dernier``, ``la semaine dernière``, ``il y a deux jours``
  ... A relative phrase needs a reference at least as fine as itself (a day phrase needs
  a day), otherwise it is reported unresolved. Against a reference that is a range of
  days (an article dated "30 Oct – 1 Nov 2024") a phrase resolves only when it means the
  same whichever day of the range the article is from.

Values of coarse precisions are the first day of the period (a WEEK's Monday, a MONTH's
first day, a YEAR's 1 January). A leading ``pada`` is context, not part of the evidence:
in ``pada Rabu (30/10)`` the evidence is ``Rabu (30/10)``.

``publication_date`` then says when the article itself appeared: a publication line
stated in its opening lines (``Rabu, 30 Oktober 2024 14:05 WIB``, ``Updated 4:12 AM EDT,
April 28, 2025``, ``Publié le 28/04/2025 à 02:35``, ``KYIV, Nov 5 (Reuters) -``) is that
day; otherwise its first dateline outside captions and credits is an event it reports,
so the article is dated honestly as a range from that day to two days later. It reads
only where those can be, line by line: the opening lines that name a calendar day, the
lines from the top down to the first dateline, and (only when a day without a year needs
the anchor) the lines that hold a year. A date expression does not run across a line
break there, where find_dates, reading the whole text, would let one.
"""

import math
import re
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, replace
from datetime import date, timedelta
from functools import cached_property

from dateutil import parser
from dateutil.relativedelta import FR, MO, SA, SU, TH, TU, WE, relativedelta

from articles.formats import format_day_range
from articles.precision import DAY, MONTH, WEEK, YEAR, period_start

# FoundDate.kind of a publication line: the text states the day it appeared.
STATED = "stated"

# How far (in years) a dateline without a year may be from the anchor year.
YEAR_WINDOW = 7
# An article reporting an event appeared on the event's day or up to this many days after.
EVENT_SPAN = 2
# "Selasa (5/11) lalu", "last Tuesday": the article is within a week after that day.
LAST_WEEKDAY_SPAN = 7
# Publication lines open an article: these many non-empty lines are read for one, each no
# further than OPENING_HEAD characters (a line that runs on is prose).
OPENING_LINES = 8
OPENING_HEAD = 240

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


def _merge(full, short) -> list[tuple[str, ...]]:
    return [f + s for f, s in zip(full, short, strict=True)]


class IndonesianParserInfo(parser.parserinfo):
    """dateutil parser vocabulary for Indonesian month and day names."""

    MONTHS = _merge(_FULL_MONTHS, _ABBREVIATED_MONTHS)
    WEEKDAYS = [
        ("Senin",),
        ("Selasa",),
        ("Rabu",),
        ("Kamis",),
        ("Jumat", "Jum'at", "Jum’at"),
        ("Sabtu",),
        ("Minggu", "Ahad"),
    ]


_EN_FULL_MONTHS = tuple(
    (name,)
    for name in (
        "January", "February", "March", "April", "May", "June", "July", "August",
        "September", "October", "November", "December",
    )
)  # fmt: skip
_EN_ABBREVIATED_MONTHS = (
    ("Jan",), ("Feb",), ("Mar",), ("Apr",), (), ("Jun",), ("Jul",), ("Aug",),
    ("Sep", "Sept"), ("Oct",), ("Nov",), ("Dec",),
)  # fmt: skip
_EN_FULL_WEEKDAYS = tuple(
    (name,)
    for name in ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")
)
_EN_ABBREVIATED_WEEKDAYS = (
    ("Mon",), ("Tue", "Tues"), ("Wed",), ("Thu", "Thur", "Thurs"), ("Fri",), ("Sat",), ("Sun",),
)  # fmt: skip


class EnglishParserInfo(parser.parserinfo):
    """dateutil's English vocabulary, with the abbreviations wire copy uses (Sept, Thurs)."""

    MONTHS = _merge(_EN_FULL_MONTHS, _EN_ABBREVIATED_MONTHS)
    WEEKDAYS = _merge(_EN_FULL_WEEKDAYS, _EN_ABBREVIATED_WEEKDAYS)


_FR_FULL_MONTHS = (
    ("janvier",),
    ("février", "fevrier"),
    ("mars",),
    ("avril",),
    ("mai",),
    ("juin",),
    ("juillet",),
    ("août", "aout"),
    ("septembre",),
    ("octobre",),
    ("novembre",),
    ("décembre", "decembre"),
)
_FR_ABBREVIATED_MONTHS = (
    ("janv",), ("févr", "fevr", "fév", "fev"), (), ("avr",), (), (), ("juil",), (),
    ("sept",), ("oct",), ("nov",), ("déc", "dec"),
)  # fmt: skip


class FrenchParserInfo(parser.parserinfo):
    """dateutil parser vocabulary for French month and day names."""

    MONTHS = _merge(_FR_FULL_MONTHS, _FR_ABBREVIATED_MONTHS)
    WEEKDAYS = [
        ("lundi",),
        ("mardi",),
        ("mercredi",),
        ("jeudi",),
        ("vendredi",),
        ("samedi",),
        ("dimanche",),
    ]


_RELATIVE_WEEKDAYS = (MO, TU, WE, TH, FR, SA, SU)  # indexed like date.weekday()


@dataclass(frozen=True)
class FoundDate:
    value: date | None  # None when the phrase cannot be resolved (never guessed)
    precision: str  # DAY / WEEK / MONTH / YEAR (WEEK: value is the Monday of that week)
    evidence: str  # the exact phrase as it stands in the text
    start: int  # text[start:end] == evidence
    end: int
    kind: str  # "dateline" | "explicit" | "month" | "relative" | STATED
    # A publication date known only as a range of days: value is its first day, latest
    # its last. None for a date known as one day (or one week, month, year).
    latest: date | None = None


# --- Patterns -----------------------------------------------------------------------------


def _names(groups: Iterable[tuple[str, ...]], *, cased: bool = False) -> str:
    """A regex alternation of names, longest first so that "Sept" wins over "Sep".

    `cased`: only as written or in capitals (English "May", "March", "Sun" are words too
    when written in lower case)."""
    names = {name for group in groups for name in group}
    if cased:
        names |= {name.upper() for name in names}
    alternation = "|".join(re.escape(name) for name in sorted(names, key=len, reverse=True))
    return f"(?-i:{alternation})" if cased else alternation


_START = r"(?<!\w)"  # do not start inside a word ("Seninnya" is no Monday)
_START_NUMBER = r"(?<![\w.,/])"  # nor inside a number ("10.000", "1/5/2024")
_YEAR = r"(?P<year>\d{4})(?![\w/])(?![.,]\d)"
_PLAUSIBLE_YEAR = r"(?P<year>(?:19|20)\d{2})(?![\w/])(?![.,]\d)"  # for bare years only
_NUMERIC_DATE = rf"{_START_NUMBER}(?P<day>\d{{1,2}})/(?P<month>\d{{1,2}})/{_YEAR}"

# Words of every language in one table each: no word means two things across them.
_COUNTS = {
    word: number
    for words in (
        ("satu", "dua", "tiga", "empat", "lima", "enam", "tujuh", "delapan", "sembilan",
         "sepuluh"),
        ("one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten"),
        ("un", "deux", "trois", "quatre", "cinq", "six", "sept", "huit", "neuf", "dix"),
    )
    for number, word in enumerate(words, start=1)
} | {"a": 1, "an": 1, "une": 1}  # fmt: skip
_FEW = {"beberapa", "a few", "few", "several", "quelques"}  # never a number of days
_UNITS = {
    "hari": DAY, "pekan": WEEK, "minggu": WEEK, "bulan": MONTH, "tahun": YEAR,
    "day": DAY, "days": DAY, "week": WEEK, "weeks": WEEK, "month": MONTH, "months": MONTH,
    "year": YEAR, "years": YEAR,
    "jour": DAY, "jours": DAY, "semaine": WEEK, "semaines": WEEK, "mois": MONTH,
    "an": YEAR, "ans": YEAR, "année": YEAR, "années": YEAR, "annee": YEAR, "annees": YEAR,
}  # fmt: skip
# How many periods away a direction word points: "lalu", "last", "dernière" one back.
_STEPS = {
    "lalu": -1, "yang lalu": -1, "kemarin": -1, "ini": 0, "depan": 1,
    "last": -1, "this past": -1, "this": 0, "earlier this": 0, "later this": 0, "next": 1,
    "this coming": 1,
    "dernier": -1, "dernière": -1, "derniere": -1, "passé": -1, "passée": -1, "passe": -1,
    "passee": -1, "ce": 0, "cette": 0, "prochain": 1, "prochaine": 1,
}  # fmt: skip


def _steps(direction: str) -> int:
    return _STEPS[" ".join(direction.lower().split())]


def _unit(name: str) -> str:
    return _UNITS[name.lower()]


# --- Resolving against the reference ------------------------------------------------------


class _Anchor:
    """The year a dateline without a year should be near: the mean of the explicit `years`
    of the text (a function, called only when a date needs the anchor: a text whose
    publication line names its year never has its other years read), else the reference's
    year, else today's."""

    def __init__(self, years: Callable[[], list[int]], reference: FoundDate | None, today):
        self._years, self._reference, self._today = years, reference, today

    @cached_property
    def year(self) -> float:
        return _anchor(self._years(), self._reference, self._today)


@dataclass(frozen=True)
class _Context:
    reference: FoundDate | None
    today: date
    anchoring: _Anchor
    info: parser.parserinfo  # the language's month and day names

    @property
    def anchor(self) -> float:
        """The year a dateline without a year should be near (see _Anchor)."""
        return self.anchoring.year


def _valid_date(year: int, month: int, day: int) -> date | None:
    try:
        return date(year, month, day)
    except ValueError:  # 31/2, 29/2 outside a leap year, year 0
        return None


def _usable(reference: FoundDate | None, *precisions: str) -> date | None:
    """The reference's value if it is known and precise enough, else None."""
    if reference is None or reference.value is None or reference.precision not in precisions:
        return None
    return reference.value


def _reference_day(ctx: _Context) -> date | None:
    return _usable(ctx.reference, DAY)


def _reference_week(ctx: _Context) -> date | None:
    value = _usable(ctx.reference, DAY, WEEK)
    return None if value is None else period_start(value, WEEK)


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


def _year_for_weekday(day: int, month: int, weekday: int | None, ctx: _Context) -> date | None:
    """The date day/month (on that weekday, if given) nearest the anchor year, never after
    today."""
    first = math.ceil(ctx.anchor - YEAR_WINDOW)
    last = min(math.floor(ctx.anchor + YEAR_WINDOW), ctx.today.year)
    fits = [
        found
        for year in range(first, last + 1)
        if (found := _valid_date(year, month, day)) is not None
        and found <= ctx.today
        and (weekday is None or found.weekday() == weekday)
    ]
    # The years a news text names are mostly its background ("sejak 2020", "since 2020"):
    # a recent day it reports is in the anchor's year or later, where it can be.
    later = [found for found in fits if found.year >= math.floor(ctx.anchor)]
    if not (fits := later or fits):
        return None
    return min(fits, key=lambda found: (abs(found.year - ctx.anchor), -found.year))


def _group(match: re.Match[str], name: str) -> str | None:
    return match[name] if name in match.re.groupindex else None


def _weekday_of(match: re.Match[str], ctx: _Context) -> int | None:
    weekday = _group(match, "weekday")
    return ctx.info.weekday(weekday) if weekday else None


def _month_of(match: re.Match[str], ctx: _Context) -> int:
    return ctx.info.month(match["month"].rstrip("."))


def _weekday_matches(value: date | None, match: re.Match[str], ctx: _Context) -> date | None:
    """value, unless the weekday written next to it contradicts it."""
    weekday = _weekday_of(match, ctx)
    if value is None or weekday is None:
        return value
    return value if value.weekday() == weekday else None


# --- Resolvers: (match, context) -> (value, precision) ------------------------------------

Resolution = tuple[date | None, str]


def _dateline(match: re.Match[str], ctx: _Context) -> Resolution:
    day, month = int(match["day"]), int(match["month"])
    if match["year"]:
        value = _valid_date(_full_year(match["year"]), month, day)
        return _weekday_matches(value, match, ctx), DAY
    return _year_for_weekday(day, month, _weekday_of(match, ctx), ctx), DAY


def _numeric_date(match: re.Match[str], ctx: _Context) -> Resolution:
    return _valid_date(int(match["year"]), int(match["month"]), int(match["day"])), DAY


def _numeric_date_either_way(match: re.Match[str], ctx: _Context) -> Resolution:
    """English 4/5/2025 is 5 April in the US and 4 May elsewhere: only 28/4 or 4/28 say."""
    first, second, year = int(match["day"]), int(match["month"]), int(match["year"])
    if first > 12:
        return _valid_date(year, second, first), DAY
    if second > 12 or first == second:
        return _valid_date(year, first, second), DAY
    return None, DAY


def _day_and_month(match: re.Match[str], ctx: _Context) -> Resolution:
    """`24 Februari 2022`; `Senin, 28 April` (the year in which it is a Monday, as for a
    dateline); `24 April` (the most recent one on or before the reference)."""
    day, month = int(match["day"]), _month_of(match, ctx)
    if _group(match, "year"):
        value = _valid_date(int(match["year"]), month, day)
    elif (weekday := _weekday_of(match, ctx)) is not None:
        return _year_for_weekday(day, month, weekday, ctx), DAY
    else:
        value = _most_recent(day, month, _reference_end(ctx))
    return _weekday_matches(value, match, ctx), DAY


def _month_and_year(match: re.Match[str], ctx: _Context) -> Resolution:
    return _valid_date(int(match["year"]), _month_of(match, ctx), 1), MONTH


def _bare_year(match: re.Match[str], ctx: _Context) -> Resolution:
    return _valid_date(int(match["year"]), 1, 1), YEAR


def _named_month(match: re.Match[str], ctx: _Context) -> Resolution:
    """`bulan Juni`: on or before the reference's month; `Maret lalu`: strictly before."""
    reference = _reference_month(ctx)
    if reference is None:
        return None, MONTH
    month = _month_of(match, ctx)
    strictly_before = bool(_group(match, "past"))
    same_year = month < reference.month or (month == reference.month and not strictly_before)
    return date(reference.year if same_year else reference.year - 1, month, 1), MONTH


def _unplaced_month(match: re.Match[str], ctx: _Context) -> Resolution:
    # "akan bertempur ... pada November", "in November": the same words point forward or back.
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
    weekday = _RELATIVE_WEEKDAYS[_weekday_of(match, ctx)]
    return reference + relativedelta(weekday=weekday(-1)), DAY


def _weekday_before_or_after(match: re.Match[str], ctx: _Context) -> Resolution:
    """`Rabu lalu` is strictly before the reference, `Rabu depan` strictly after."""
    reference = _reference_day(ctx)
    if reference is None:
        return None, DAY
    weekday = _RELATIVE_WEEKDAYS[_weekday_of(match, ctx)]
    if _steps(match["direction"]) > 0:
        return reference + relativedelta(days=+1, weekday=weekday(+1)), DAY
    return reference + relativedelta(days=-1, weekday=weekday(-1)), DAY


def _shift(unit: str, steps: int, ctx: _Context) -> Resolution:
    """The period `steps` units away from the reference's (negative: in the past)."""
    precision = _unit(unit)
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
    """`pekan lalu`, `bulan ini`, `awal bulan depan`, `last week`, `le mois dernier` ..."""
    return _shift(match["unit"], _steps(match["direction"]), ctx)


def _units_ago(match: re.Match[str], ctx: _Context) -> Resolution:
    """`dua hari lalu`, `sepekan lalu`, `two days ago`, `il y a deux jours`; `beberapa hari
    lalu` ("a few days ago") stays unresolved."""
    count = " ".join((match["count"] or "satu").lower().split())  # none: "se-" of "sepekan"
    if count in _FEW:
        return None, _unit(match["unit"])
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
    # Names a calendar day in so many words ("30 Oktober 2024", "28/04/2025"): what a
    # publication line is made of. The "Rabu (30/10)" of the prose is not.
    calendar: bool = False


def _rule(kind, pattern, resolve, *, calendar=False) -> _Rule:
    return _Rule(kind, re.compile(pattern, re.IGNORECASE), resolve, calendar)


@dataclass(frozen=True)
class _Language:
    info: parser.parserinfo
    rules: tuple[_Rule, ...]

    @cached_property
    def calendar(self) -> tuple[_Rule, ...]:
        return tuple(rule for rule in self.rules if rule.calendar)


def _indonesian() -> _Language:
    weekday = rf"(?P<weekday>{_names(IndonesianParserInfo.WEEKDAYS)})(?!\w)"
    # After a bare "pada", lower-case "minggu" is the noun "week" ("pada minggu ketiga"),
    # so only a capitalised Minggu counts as Sunday there.
    weekday_after_pada = (
        rf"(?P<weekday>(?-i:Minggu|MINGGU)|"
        rf"{_names(IndonesianParserInfo.WEEKDAYS[:6])}|Ahad)(?!\w)"
    )
    month = rf"(?P<month>{_names(IndonesianParserInfo.MONTHS)})(?!\w)"
    # Abbreviations ("Jan", "Mar") are also names and words; alone they must be spelled out.
    full_month = rf"(?P<month>{_names(_FULL_MONTHS)})(?!\w)"
    day = rf"{_START_NUMBER}(?P<day>\d{{1,2}})"
    count = rf"(?P<count>\d{{1,3}}|{'|'.join(w for w in _COUNTS if w.isalpha())}|beberapa)"
    unit = r"(?P<unit>hari|pekan|minggu|bulan|tahun)"
    period = r"(?P<unit>pekan|minggu|bulan|tahun)"
    # Where two rules match the same span, the earlier rule wins: "minggu lalu" is last week
    # (not last Sunday) unless it says "hari Minggu lalu".
    rules = (
        _rule(
            "dateline",
            rf"{_START}(?:(?P<lead>hari\s+ini|kemarin)\s*,?\s*)?(?:hari\s+)?{weekday}\s*,?\s*"
            rf"\(\s*(?P<day>\d{{1,2}})\s*/\s*"
            rf"(?P<month>\d{{1,2}})(?:\s*/\s*(?P<year>\d{{4}}|\d{{2}}))?\s*\)"
            rf"(?:\s+(?P<tail>kemarin|lalu|hari\s+ini|ini)(?!\w))?",
            _dateline,
        ),
        _rule("explicit", _NUMERIC_DATE, _numeric_date, calendar=True),
        # "Senin, 28 April": a recent day, named as a dateline names it (with a year, the
        # next rule's longer match wins).
        _rule("dateline", rf"{_START}{weekday},?\s+{day}\s+{month}", _day_and_month),
        _rule(
            "explicit",
            rf"(?:{_START}{weekday},?\s+)?{day}\s+{month}(?:\s+{_YEAR}|\s+lalu(?!\w))?",
            _day_and_month,
            calendar=True,
        ),
        _rule("month", rf"{_START}(?:bulan\s+)?{month}\s+{_YEAR}", _month_and_year),
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
            rf"{_START_NUMBER}(?:{count}\s+|se){unit}\s+(?:yang\s+)?lalu(?!\w)",
            _units_ago,
        ),
        _rule(
            "relative",
            rf"{_START}(?:(?:awal|akhir|pertengahan)\s+)?{period}\s+"
            rf"(?P<direction>(?:yang\s+)?lalu|ini|depan)(?!\w)",
            _this_last_or_next,
        ),
        _rule(
            "relative",
            rf"{_START}(?:hari\s+)?{weekday}\s+(?P<direction>lalu|kemarin|depan)(?!\w)",
            _weekday_before_or_after,
        ),
        _rule("relative", rf"{_START}hari\s+{weekday}", _weekday_on_or_before),
        _rule(
            "relative", rf"{_START}pada\s+(?P<phrase>{weekday_after_pada})", _weekday_on_or_before
        ),
        _rule("relative", rf"{_START}kemarin(?!\w)", _single_day(-1)),
        _rule("relative", rf"{_START}hari\s+ini(?!\w)", _single_day(0)),
        _rule("relative", rf"{_START}besok(?!\w)", _single_day(+1)),
        _rule("relative", rf"{_START}bulan\s+{month}(?:\s+(?P<past>lalu)(?!\w))?", _named_month),
        _rule("relative", rf"{_START}{full_month}\s+(?P<past>lalu)(?!\w)", _named_month),
        _rule("relative", rf"{_START}pada\s+(?P<phrase>{full_month})", _unplaced_month),
    )
    return _Language(IndonesianParserInfo(), rules)


def _english() -> _Language:
    weekday = rf"(?P<weekday>{_names(EnglishParserInfo.WEEKDAYS, cased=True)})\.?(?!\w)"
    full_weekday = rf"(?P<weekday>{_names(_EN_FULL_WEEKDAYS, cased=True)})(?!\w)"
    month = rf"(?P<month>{_names(EnglishParserInfo.MONTHS, cased=True)})(?!\w)\.?"
    full_month = rf"(?P<month>{_names(_EN_FULL_MONTHS, cased=True)})(?!\w)"
    day = rf"{_START_NUMBER}(?P<day>\d{{1,2}})(?:st|nd|rd|th)?(?![\w:.]\d|\d)"
    count = (
        rf"(?P<count>\d{{1,3}}|a\s+few|several|"
        rf"{'|'.join(w for w in _COUNTS if w.isascii() and w.isalpha())})"
    )
    unit = r"(?P<unit>days?|weeks?|months?|years?)"
    # Python's re wants each group name once per pattern: "April 28" and "28 April" are
    # two rules of each kind.
    month_day, day_month = rf"{month}\s+{day}", rf"{day}\s+(?:of\s+)?{month}"
    rules = (
        # "Monday, April 28", "Mon 28 April": a recent day, as a dateline names it.
        _rule("dateline", rf"{_START}{weekday},?\s+{month_day}", _day_and_month),
        _rule("dateline", rf"{_START}{weekday},?\s+{day_month}", _day_and_month),
        *(
            _rule(
                "explicit",
                rf"(?:{_START}{weekday},?\s+)?{form},?\s+{_YEAR}",
                _day_and_month,
                calendar=True,
            )
            for form in (month_day, day_month)
        ),
        _rule("explicit", _NUMERIC_DATE, _numeric_date_either_way, calendar=True),
        _rule("explicit", rf"{_START}{month_day}", _day_and_month, calendar=True),
        _rule("explicit", rf"{_START}{day_month}", _day_and_month, calendar=True),
        _rule("month", rf"{_START}{month}\s+(?:of\s+)?{_YEAR}", _month_and_year),
        _rule(
            "explicit",
            rf"{_START}(?:(?:in|since|during|early|late)\s+|mid-)(?P<phrase>{_PLAUSIBLE_YEAR})",
            _bare_year,
        ),
        _rule("relative", rf"{_START_NUMBER}{count}\s+{unit}\s+ago(?!\w)", _units_ago),
        _rule(
            "relative",
            rf"{_START}(?P<direction>last|next|this(?:\s+past|\s+coming)?|earlier\s+this|"
            rf"later\s+this)\s+(?P<unit>week|month|year)(?!\w)",
            _this_last_or_next,
        ),
        _rule(
            "relative",
            rf"{_START}(?P<direction>last|next|this\s+past|this\s+coming)\s+{full_weekday}",
            _weekday_before_or_after,
        ),
        # "said Monday", "on Monday": the most recent Monday, as "pada Senin".
        _rule("relative", rf"{_START}{full_weekday}", _weekday_on_or_before),
        _rule("relative", rf"{_START}yesterday(?!\w)", _single_day(-1)),
        _rule("relative", rf"{_START}today(?!\w)", _single_day(0)),
        _rule("relative", rf"{_START}tomorrow(?!\w)", _single_day(+1)),
        _rule("relative", rf"{_START}(?P<past>last)\s+{full_month}", _named_month),
        _rule("relative", rf"{_START}in\s+(?P<phrase>{full_month})", _unplaced_month),
    )
    return _Language(EnglishParserInfo(), rules)


def _french() -> _Language:
    weekday = rf"(?P<weekday>{_names(FrenchParserInfo.WEEKDAYS)})(?!\w)"
    month = rf"(?P<month>{_names(FrenchParserInfo.MONTHS)})(?!\w)\.?"
    full_month = rf"(?P<month>{_names(_FR_FULL_MONTHS)})(?!\w)"
    day = rf"{_START_NUMBER}(?P<day>\d{{1,2}})(?:er|e)?(?![\w:.]\d|\d)"
    french_counts = ("un", "une", "deux", "trois", "quatre", "cinq", "six", "sept", "huit")
    count = rf"(?P<count>\d{{1,3}}|quelques|{'|'.join(french_counts + ('neuf', 'dix'))})"
    unit = r"(?P<unit>jours?|semaines?|mois|ans|années?|annees?)"
    apostrophe = "['’]"
    rules = (
        # "ce lundi 28 avril", "lundi 28 avril": a recent day, as a dateline names it.
        _rule("dateline", rf"{_START}(?:ce\s+)?{weekday}\s+{day}\s+{month}", _day_and_month),
        _rule(
            "explicit",
            rf"(?:{_START}{weekday}\s+)?{day}\s+{month}\s+{_YEAR}",
            _day_and_month,
            calendar=True,
        ),
        _rule("explicit", _NUMERIC_DATE, _numeric_date, calendar=True),
        _rule("explicit", rf"{_START}{day}\s+{month}", _day_and_month, calendar=True),
        _rule("month", rf"{_START}{month}\s+{_YEAR}", _month_and_year),
        _rule(
            "explicit",
            rf"{_START}(?:(?:en|depuis|début|debut|fin|courant)\s+|mi-)"
            rf"(?P<phrase>{_PLAUSIBLE_YEAR})",
            _bare_year,
        ),
        _rule("relative", rf"{_START}il\s+y\s+a\s+{count}\s+{unit}(?!\w)", _units_ago),
        _rule(
            "relative",
            rf"{_START}(?:la\s+)?(?P<unit>semaine)\s+"
            rf"(?P<direction>dernière|derniere|passée|passee|prochaine)(?!\w)",
            _this_last_or_next,
        ),
        _rule(
            "relative",
            rf"{_START}(?:le\s+)?(?P<unit>mois)\s+(?P<direction>dernier|passé|passe|prochain)"
            rf"(?!\w)",
            _this_last_or_next,
        ),
        _rule(
            "relative",
            rf"{_START}l{apostrophe}(?P<unit>an|année|annee)\s+"
            rf"(?P<direction>dernier|dernière|derniere|passé|passée|passe|passee|prochain|"
            rf"prochaine)(?!\w)",
            _this_last_or_next,
        ),
        _rule(
            "relative",
            rf"{_START}(?P<direction>cette)\s+(?P<unit>semaine|année|annee)(?!\w)",
            _this_last_or_next,
        ),
        _rule(
            "relative",
            rf"{_START}(?P<direction>ce)\s+(?P<unit>mois)(?:-ci)?(?!\w)",
            _this_last_or_next,
        ),
        _rule(
            "relative",
            rf"{_START}{weekday}\s+(?P<direction>dernier|prochain)(?!\w)",
            _weekday_before_or_after,
        ),
        # "a déclaré lundi", "ce lundi": the most recent Monday, as "pada Senin".
        _rule("relative", rf"{_START}(?:ce\s+)?{weekday}", _weekday_on_or_before),
        _rule("relative", rf"{_START}avant-hier(?!\w)", _single_day(-2)),
        _rule("relative", rf"{_START}hier(?!\w)", _single_day(-1)),
        _rule("relative", rf"{_START}aujourd{apostrophe}hui(?!\w)", _single_day(0)),
        _rule("relative", rf"{_START}après-demain(?!\w)", _single_day(+2)),
        _rule("relative", rf"{_START}demain(?!\w)", _single_day(+1)),
        _rule("relative", rf"{_START}{full_month}\s+(?P<past>dernier)(?!\w)", _named_month),
        _rule("relative", rf"{_START}en\s+(?P<phrase>{full_month})", _unplaced_month),
    )
    return _Language(FrenchParserInfo(), rules)


LANGUAGES = {"id": _indonesian(), "en": _english(), "fr": _french()}
DEFAULT_LANGUAGE = "id"


def _language(code: str | None) -> _Language:
    return LANGUAGES.get((code or DEFAULT_LANGUAGE).lower()[:2], LANGUAGES[DEFAULT_LANGUAGE])


def _span(match: re.Match[str]) -> tuple[int, int]:
    return match.span("phrase") if "phrase" in match.re.groupindex else match.span()


def _scan(text: str, rules: tuple[_Rule, ...]) -> list[tuple[_Rule, re.Match[str]]]:
    """Every rule's matches, keeping the leftmost-longest where they overlap."""
    candidates = []
    for priority, rule in enumerate(rules):
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
    year = _group(match, "year")
    return _full_year(year) if year else None


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
        unit = _group(match, "unit")
        return None, _unit(unit) if unit else DAY


def _resolve_against(rule: _Rule, match: re.Match[str], contexts) -> Resolution:
    """Against a range of reference days (first and last), what both ends agree on: each
    resolver is monotone in the reference, so both agreeing means every day agrees."""
    value, precision = _resolve(rule, match, contexts[0])
    for ctx in contexts[1:]:
        if _resolve(rule, match, ctx)[0] != value:
            return None, precision
    return value, precision


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


def _contexts(reference: FoundDate | None, today: date, anchor: _Anchor, info) -> list[_Context]:
    ctx = _Context(reference, today, anchor, info)
    if reference is None or reference.latest is None or reference.latest == reference.value:
        return [ctx]
    last = replace(reference, value=reference.latest, latest=None)
    return [ctx, replace(ctx, reference=last)]


def _find(text: str, reference, today: date, language: _Language):
    found = _scan(text, language.rules)
    years = [year for _, match in found if (year := _explicit_year(match)) is not None]
    contexts = _contexts(reference, today, _Anchor(lambda: years, reference, today), language.info)
    dates = []
    for rule, match in found:
        value, precision = _resolve_against(rule, match, contexts)
        if value is not None and not is_plausible(value, today):
            value = None  # "31/12/9999" is reported, as an impossible date is, never used
        start, end = _span(match)
        dates.append(
            (FoundDate(value, precision, text[start:end], start, end, rule.kind), rule, match)
        )
    return dates, contexts[0]


def find_dates(
    text: str,
    *,
    reference: FoundDate | None = None,
    today: date | None = None,
    language: str = DEFAULT_LANGUAGE,
) -> list[FoundDate]:
    """Every date expression in text, in order of position, each resolved.

    `reference` is the article's own date, against which relative phrases ("pekan lalu",
    "24 April") resolve; without it they are returned with value None. `today` (default
    date.today()) bounds the years guessed for datelines: an article is never dated after
    today. Expressions never overlap; where two could, the one that starts first, then the
    longer, is kept ("Selasa (5/11/2024) kemarin" is one dateline, not a dateline and a
    "kemarin"). `language`: "id", "en" or "fr".
    """
    dates, _ = _find(text, reference, today or date.today(), _language(language))
    return [found for found, _, _ in dates]


def date_in(
    sentence: str,
    *,
    reference: FoundDate | None,
    today: date | None = None,
    language: str = DEFAULT_LANGUAGE,
) -> FoundDate | None:
    """For a claim: the first resolved date expression in the sentence, else None.

    Unresolved expressions are skipped; the caller then defaults to the article's date.
    """
    return next(
        (
            d
            for d in find_dates(sentence, reference=reference, today=today, language=language)
            if d.value is not None
        ),
        None,
    )


# --- Where an article's own date is -------------------------------------------------------

_TIME = (
    r"(?<!\d)\d{1,2}(?:[:.]\d{2}|h\d{2}?)(?::\d{2})?(?!\d)(?:\s*[AaPp]\.?[Mm]\.?)?"
    r"(?:\s*(?:WIB|WITA|WIT|GMT|UTC|BST|CET|CEST|EDT|EST|CDT|CST|MDT|MST|PDT|PST|ET|PT))?"
    r"(?:\s*[+-]\d{2}:?\d{2})?"
)
_SEPARATOR = r"(?:\s*[,|/•·–—-]\s*|\s+)"
_TIME_AFTER = re.compile(rf"{_SEPARATOR}(?:(?:pukul|jam|à|a|at|um)\s+)?{_TIME}", re.IGNORECASE)
_TIME_BEFORE = re.compile(rf"{_TIME}{_SEPARATOR}(?:on\s+)?$", re.IGNORECASE)
_UPDATED = r"(?:last\s+)?(?:updated|modified)|mis\s+à\s+jour|modifié|modifie|diperbarui"
_PUBLISHED = r"published|posted|publié|publie|diterbitkan|dipublikasikan|diunggah|tayang|terbit"
_LABEL = re.compile(
    rf"(?:(?P<updated>{_UPDATED})|{_PUBLISHED})(?:\s+(?:on|at|le|pada))?\s*:?\s*$",
    re.IGNORECASE,
)
_UPDATE_LABEL = re.compile(_UPDATED, re.IGNORECASE)
# "KYIV, Nov 5 (Reuters) -", "PARIS, 28 avr 2025 (AFP) -": a wire agency's dateline.
_AGENCY_AFTER = re.compile(r"\s*\([^()\n]{2,30}\)\s*[-–—]")
_PLACE_BEFORE = re.compile(r"^[A-Z][^,()\n]{1,40},\s*$")
# Words just before a date in a sentence, not a publication line: "pada Rabu, 30 ...".
_PREPOSITION_BEFORE = re.compile(
    r"(?<!\w)(?:pada|sejak|hingga|sampai|tanggal|on|since|until|by|from|to|depuis|du|au|"
    r"jusqu['’]au)\s*$",
    re.IGNORECASE,
)
# Lines that only describe a picture, credit someone or point elsewhere: no date of the
# article's is there.
_CAPTION = re.compile(
    r"^\W{0,3}(?:foto|ilustrasi|photo|image|video|caption|credit|crédit|kredit|"
    r"baca\s+juga|lihat\s+juga|simak\s+juga|read\s+more|read\s+also|see\s+also|"
    r"(?:à\s+)?lire\s+aussi|sumber|source|copyright)\b"
    r"|\((?:[^()\n]*\s)?(?:foto|photo|ilustrasi|image)\b[^()\n]*\)"
    r"|©|\b(?:sudah|telah)\s+(?:tayang|terbit|dimuat)\b"
    r"|\b(?:reporting|editing|writing)\s+by\b",
    re.IGNORECASE,
)
# A byline: who wrote it. Its timestamp is a publication line; an event phrase is not.
_BYLINE = re.compile(
    r"^\W{0,3}(?:penulis|reporter|pewarta|editor|redaktur|oleh|by|par)\b\s*:?", re.IGNORECASE
)


def _lines(text: str) -> Iterator[tuple[int, str]]:
    """(offset, line) for each non-empty line, read as asked (a 1 MB text is not split to
    read its first lines)."""
    offset = 0
    while offset <= len(text):
        end = text.find("\n", offset)
        end = len(text) if end == -1 else end
        if text[offset:end].strip():
            yield offset, text[offset:end]
        offset = end + 1


def _words(text: str) -> int:
    return sum(1 for word in text.split() if any(c.isalnum() for c in word))


def _publication_line(line: str, offset: int, rule: _Rule, match, ctx) -> FoundDate | None:
    """The stated publication date of this match in an opening line, if it is one: a
    calendar day with a time next to it ("30 Oktober 2024 14:05 WIB", "4:12 AM EDT, April
    28, 2025"), after a label ("Publié le", "Diperbarui"), in an agency's dateline, or alone
    on its line; on a line of its own or at the start of one (never inside a sentence).
    Its evidence runs from the label or time before the day to the time after it."""
    start, end = match.span()
    before, after = line[:start], line[end:]
    if _PREPOSITION_BEFORE.search(before):
        return None
    evidence_start, evidence_end, signal = start, end, False
    if time := _TIME_AFTER.match(after):
        evidence_end, signal = end + time.end(), True
    elif (agency := _AGENCY_AFTER.match(after)) and _PLACE_BEFORE.match(before):
        # "KYIV, Nov 5 (Reuters)": the whole dateline but its dash
        evidence_start, signal = 0, True
        evidence_end = end + len(agency.group().rstrip(" -–—"))
    if time := _TIME_BEFORE.search(before):
        evidence_start, signal = time.start(), True
    if label := _LABEL.search(line[:evidence_start]):
        evidence_start, signal = label.start(), True
    outside = _words(line[:evidence_start]) + _words(line[evidence_end:])
    at_start = evidence_start <= 40 and _words(line[:evidence_start]) <= 4
    if not ((signal and (outside <= 8 or at_start)) or outside <= 3):
        return None
    if _group(match, "year") or _weekday_of(match, ctx) is not None:
        value, _ = _resolve(rule, match, ctx)
    else:  # "Nov 5 (Reuters)": the year nearest the text's other years, never ahead
        value = _year_for_weekday(int(match["day"]), _month_of(match, ctx), None, ctx)
    if value is None or not is_plausible(value, ctx.today):
        return None
    return FoundDate(
        value,
        DAY,
        line[evidence_start:evidence_end],
        offset + evidence_start,
        offset + evidence_end,
        STATED,
    )


def _is_update(found: FoundDate) -> bool:
    return bool(_UPDATE_LABEL.match(found.evidence))


def _stated(text: str, ctx: _Context, language: _Language) -> FoundDate | None:
    """The publication line in the opening lines: the first that is not an "updated" line,
    else the first "updated" one (the only day the page gives)."""
    updated = None
    for seen, (offset, line) in enumerate(_lines(text)):
        if seen >= OPENING_LINES:
            break
        head = line[:OPENING_HEAD]
        if not _may_name_a_day(head, language) or _CAPTION.search(line):
            continue
        for rule, match in _scan(head, language.rules):
            if not rule.calendar:
                continue
            found = _publication_line(head, offset, rule, match, ctx)
            if found is None:
                continue
            if not _is_update(found):
                return found
            updated = updated or found
    return updated


def is_publication_line(
    line: str, *, today: date | None = None, language: str = DEFAULT_LANGUAGE
) -> bool:
    """Whether `line` is a stated publication line ("MINGGU, 8 DESEMBER 2024 | 17:18 WIB"):
    a line above an article's headline that is its date, not its title."""
    if len(line) > OPENING_HEAD or "\n" in line:
        return False  # a paragraph, not a line of metadata
    today = today or date.today()
    lang = _language(language)
    return _stated(line, _lazy_context(line, today, lang), lang) is not None


def _event_range(dateline: FoundDate, match: re.Match[str], today: date) -> FoundDate:
    """The article's date from the first event dateline: "kemarin" the day after it, "ini"
    that day (both days); "lalu" within the week after it; else that day to EVENT_SPAN days
    after (a range), never after today."""
    # "Senin (4/11) kemarin" and "kemarin, Senin (4/11)" say the same.
    tail = " ".join((_group(match, "tail") or _group(match, "lead") or "").lower().split())
    if tail == "kemarin":
        return replace(dateline, value=dateline.value + timedelta(days=1))
    if tail in ("ini", "hari ini"):
        return dateline
    if tail == "lalu":
        first = dateline.value + timedelta(days=1)
        last = dateline.value + timedelta(days=LAST_WEEKDAY_SPAN)
    else:
        first, last = dateline.value, dateline.value + timedelta(days=EVENT_SPAN)
    last = min(last, max(first, today))
    return replace(dateline, value=first, latest=last if last != first else None)


def _may_name_a_day(line: str, language: _Language) -> bool:
    """Whether a calendar rule matches somewhere in `line`: only then is it read with every
    rule (which decides where they overlap), as a publication line might be."""
    return bool(_DIGIT.search(line)) and any(r.pattern.search(line) for r in language.calendar)


def _is_credit(line: str) -> bool:
    return bool(_CAPTION.search(line) or _BYLINE.match(line))


_DIGIT = re.compile(r"\d")
# Where an explicit year can be: four digits, or a dateline's two-digit year ("(5/11/24)").
_MAY_HOLD_YEAR = re.compile(r"\d{4}|/\s*\d{1,2}\s*/\s*\d{2}(?!\d)")


def _years(text: str, language: _Language) -> list[int]:
    """The explicit years of `text` ("24 Februari 2022", "tahun 2020", "(5/11/24)"), read
    only in the lines that can hold one; each line is read as find_dates reads it."""
    return [
        year
        for _, line in _lines(text)
        if _MAY_HOLD_YEAR.search(line)
        for _, match in _scan(line, language.rules)
        if (year := _explicit_year(match)) is not None
    ]


def _lazy_context(text: str, today: date, language: _Language) -> _Context:
    """The context of a text read for its own date: no reference, and its years read only
    if a date without a year needs the anchor."""
    anchor = _Anchor(lambda: _years(text, language), None, today)
    return _Context(None, today, anchor, language.info)


def _first_event_dateline(text: str, ctx: _Context, language: _Language):
    """The first dateline outside captions, credits and bylines ("Rabu (30/10)"), as
    (FoundDate, match), else None. Read line by line from the top, stopping there."""
    for offset, line in _lines(text):
        if not _DIGIT.search(line) or _is_credit(line):
            continue  # a dateline's day is a number
        for rule, match in _scan(line, language.rules):
            if rule.kind != "dateline":
                continue
            value, precision = _resolve(rule, match, ctx)
            if value is not None and not is_plausible(value, ctx.today):
                value = None
            start, end = _span(match)
            evidence = line[start:end]
            return FoundDate(
                value, precision, evidence, offset + start, offset + end, rule.kind
            ), match
    return None


def publication_date(
    text: str, *, today: date | None = None, language: str = DEFAULT_LANGUAGE
) -> FoundDate | None:
    """The article's own date, else None.

    1. A publication line stated in its first OPENING_LINES lines (not a caption or a
       credit) is that day (kind STATED): "Rabu, 30 Oktober 2024 14:05 WIB", "Kompas.com -
       14/11/2024, 10:31 WIB", "Updated 4:12 AM EDT, April 28, 2025", "Publié le
       28/04/2025 à 02:35", "KYIV, Nov 5 (Reuters) -".
    2. Else its first dateline outside captions, credits and bylines: an event the article
       reports. "Selasa (5/11/2024) kemarin" says the article appeared the day after,
       2024-11-06, "Rabu (30/10) ini" that it appeared that Wednesday; a plain "Rabu (30/10)"
       only that it appeared on or after it: a range, value 30 Oct and latest 1 Nov
       (EVENT_SPAN). The first such dateline is returned even when it does not resolve
       (value None), so that an editor sees why the article has no date.
    Explicit dates ("pada 24 Februari 2022") and relative phrases describe events and are
    never taken as the publication date.
    """
    today = today or date.today()
    lang = _language(language)
    ctx = _lazy_context(text, today, lang)
    if stated := _stated(text, ctx, lang):
        return stated
    if event := _first_event_dateline(text, ctx, lang):
        found, match = event
        return found if found.value is None else _event_range(found, match, today)
    return None


ARTICLE_DATE = "article date"  # a claim's evidence when its date is its article's


def date_from_article(reference: FoundDate | None) -> tuple[date | None, str, str]:
    """(date, precision, evidence) for a claim whose sentence gives no date: its article's
    date when that is one day (or week, month, year); for an article dated only within a
    range, the range's first day with the range in the evidence, for the editor to check;
    (None, DAY, "") for an undated article."""
    if reference is None or reference.value is None:
        return None, DAY, ""
    if reference.latest is None or reference.latest == reference.value:
        return reference.value, reference.precision, ARTICLE_DATE
    span = format_day_range(reference.value, reference.latest)
    return reference.value, DAY, f"{ARTICLE_DATE}, {span}: its first day"
