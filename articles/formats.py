"""How the site writes a date at its precision, a range of days and a number: the one
formatter of each, independent of the locale. Template filters (claim_tags, article_tags)
call these; so do the story, the charts and the exports."""

from datetime import date

from articles.precision import DAY, MONTH, QUARTER, WEEK, YEAR

MONTH_ABBR = ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec")
MONTH_NAMES = (
    "January", "February", "March", "April", "May", "June", "July", "August", "September",
    "October", "November", "December",
)  # fmt: skip


def format_date(when: date | None, precision: str = DAY) -> str:
    """A date at its precision, never a fake day: "2024", "Oct 2024", "week of 14 Apr 2025",
    "30 Oct 2024"."""
    if when is None:
        return "undated"
    month = MONTH_ABBR[when.month - 1]
    if precision == YEAR:
        return str(when.year)
    if precision == QUARTER:
        return f"Q{(when.month - 1) // 3 + 1} {when.year}"
    if precision == MONTH:
        return f"{month} {when.year}"
    if precision == WEEK:
        return f"week of {when.day} {month} {when.year}"
    return f"{when.day} {month} {when.year}"


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
        return "on an unknown date"
    text = format_date(when, precision)
    if precision == DAY:
        return f"on {text}"
    return f"in the {text}" if precision == WEEK else f"in {text}"


def day_range_parts(first: date, last: date | None) -> tuple[str, str, str]:
    """(first end, separator, last end) of a range of days as shown: ("30 Oct", " – ",
    "1 Nov 2024"), ("28", "–", "30 Apr 2025"), ("30 Dec 2024", " – ", "1 Jan 2025"); for one
    day ("", "", "30 Oct 2024")."""

    def day(when: date, *, year: bool = True) -> str:
        text = f"{when.day} {MONTH_ABBR[when.month - 1]}"
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
    """10,000; a range as 14,000–15,000; "" when there is no number."""
    if number is None:
        return ""
    if number_max is not None and number_max != number:
        return f"{number:,}–{number_max:,}"
    return f"{number:,}"
