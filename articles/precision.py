"""How precisely a date is known, and the days such a date means: the one definition.

A date is stored as the first day of its period (a WEEK's Monday, a MONTH's first day, a
YEAR's 1 January) with its precision beside it. Pure code (dates, story, charts, export)
imports the words from here, and the models build their `choices` from them.
"""

import calendar
from datetime import date

DAY, WEEK, MONTH, YEAR = "day", "week", "month", "year"
# Precisions a date is stored at, finest first.
PRECISIONS = (DAY, WEEK, MONTH, YEAR)
# Coarser first: at equal dates a month sorts before a day in it (ClaimQuerySet.chronological,
# story.chronological).
PRECISION_ORDER = (YEAR, MONTH, WEEK, DAY)
PRECISION_RANK = {precision: rank for rank, precision in enumerate(PRECISION_ORDER)}
# A period the charts count claims by when they are too many to draw; never a stored precision.
QUARTER = "quarter"


def period_start(value: date | None, precision: str) -> date | None:
    """A date as the first day of its period at `precision` (as SQL's date_trunc, a week
    starting on Monday): a WEEK's Monday, a MONTH's or QUARTER's first day, a YEAR's 1
    January."""
    if value is None:
        return None
    if precision == YEAR:
        return date(value.year, 1, 1)
    if precision == QUARTER:
        return date(value.year, (value.month - 1) // 3 * 3 + 1, 1)
    if precision == MONTH:
        return date(value.year, value.month, 1)
    if precision == WEEK:
        return date.fromordinal(max(value.toordinal() - value.weekday(), 1))
    return value


def period(when: date, precision: str) -> tuple[date, date]:
    """The days a date at `precision` may mean: (first, last), both included. The last day is
    given rather than the day after, which 31 December 9999 does not have: a claim at the end
    of the calendar is a date like any other (a week there ends with the calendar)."""
    if precision == YEAR:
        return date(when.year, 1, 1), date(when.year, 12, 31)
    if precision in (MONTH, QUARTER):
        months = 3 if precision == QUARTER else 1
        first = date(when.year, when.month, 1)
        last_month = when.year * 12 + when.month - 1 + months - 1
        year, month = divmod(last_month, 12)
        if year > date.max.year:
            return first, date.max
        return first, date(year, month + 1, calendar.monthrange(year, month + 1)[1])
    if precision == WEEK:
        return when, _days_after(when, 6)
    return when, when


def _days_after(when: date, days: int) -> date:
    """`when` plus `days`, stopping at the calendar's last day."""
    return date.fromordinal(min(when.toordinal() + days, date.max.toordinal()))
