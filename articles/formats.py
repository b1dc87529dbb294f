"""How the site writes a date at its precision, a range of days and a number: the one
formatter of each. Template filters (claim_tags, article_tags) call these; so do the story,
the charts and the exports.

Each follows the active language (Django's translation, which LocaleMiddleware sets for a
request): "30 Oct 2024", "week of 21 Apr 2025", "10,000" in English; "30 Okt 2024", "pekan
21 Apr 2025", "10.000" in Indonesian. The month names are Django's own catalogue's, the digit
grouping its locale formats'. With no language active (translation.override(None), as the
exports run: config.i18n.language_neutral) they write the English of the code.
"""

from datetime import date

from django.utils.dates import MONTHS, MONTHS_3
from django.utils.formats import get_format
from django.utils.functional import lazy
from django.utils.translation import gettext, pgettext

from articles.precision import DAY, MONTH, QUARTER, WEEK, YEAR


def month_abbr(month: int) -> str:
    """A month's short name, 1 -> "Jan": "Oct" in English, "Okt" in Indonesian."""
    return MONTHS_3[month].title()


# The months' short and full names, looked up in the active language when used (lazily), for
# code that indexes them (charts' axis ticks, the timeline's month headings).
MONTH_ABBR = tuple(lazy(month_abbr, str)(month) for month in range(1, 13))
MONTH_NAMES = tuple(MONTHS[month] for month in range(1, 13))


def format_date(when: date | None, precision: str = DAY) -> str:
    """A date at its precision, never a fake day: "2024", "Oct 2024", "week of 14 Apr 2025",
    "30 Oct 2024"."""
    if when is None:
        return gettext("undated")
    if precision == YEAR:
        return str(when.year)
    if precision == QUARTER:
        # Translators: a quarter of a year, "Q4 2024".
        return gettext("Q%(quarter)s %(year)s") % {
            "quarter": (when.month - 1) // 3 + 1,
            "year": when.year,
        }
    month = month_abbr(when.month)
    if precision == MONTH:
        return f"{month} {when.year}"
    day = f"{when.day} {month} {when.year}"
    if precision == WEEK:
        # Translators: a date known only to its week, given by the week's Monday.
        return gettext("week of %(monday)s") % {"monday": day}
    return day


def machine_date(when: date, precision: str = DAY) -> str:
    """A date at its precision as HTML's <time datetime> reads it: "2024", "2024-10",
    "2024-10-30" (a week is given by its first day)."""
    if precision == YEAR:
        return f"{when.year:04d}"
    if precision == MONTH:
        return f"{when.year:04d}-{when.month:02d}"
    return when.isoformat()


def date_phrase(when: date | None, precision: str = DAY) -> str:
    """A date to follow a verb: "on 30 Oct 2024", "in the week of 14 Apr 2025", "in Oct 2024"."""
    if when is None:
        return gettext("on an unknown date")
    text = {"date": format_date(when, precision)}
    if precision == DAY:
        return pgettext("a day", "on %(date)s") % text
    if precision == WEEK:
        return pgettext("a week", "in the %(date)s") % text
    return pgettext("a month or a year", "in %(date)s") % text


def day_range_parts(first: date, last: date | None) -> tuple[str, str, str]:
    """(first end, separator, last end) of a range of days as shown: ("30 Oct", " – ",
    "1 Nov 2024"), ("28", "–", "30 Apr 2025"), ("30 Dec 2024", " – ", "1 Jan 2025"); for one
    day ("", "", "30 Oct 2024")."""

    def day(when: date, *, year: bool = True) -> str:
        text = f"{when.day} {month_abbr(when.month)}"
        return f"{text} {when.year}" if year else text

    if last is None or last == first:
        return "", "", day(first)
    if (first.year, first.month) == (last.year, last.month):
        return str(first.day), "–", day(last)
    if first.year == last.year:
        return day(first, year=False), " – ", day(last)
    return day(first), " – ", day(last)


def format_day_range(first: date, last: date | None) -> str:
    """ "30 Oct 2024"; a range "28–30 Apr 2025", "30 Oct – 1 Nov 2024", "30 Dec 2024 – 1 Jan
    2025"."""
    return "".join(day_range_parts(first, last))


def format_number(number: int | None, number_max: int | None = None) -> str:
    """10,000; a range as 14,000–15,000; "" when there is no number. Grouped as the active
    language groups digits: 10.000 in Indonesian."""
    if number is None:
        return ""
    separator = get_format("THOUSAND_SEPARATOR")
    if number_max is not None and number_max != number:
        return f"{number:,}–{number_max:,}".replace(",", separator)
    return f"{number:,}".replace(",", separator)
