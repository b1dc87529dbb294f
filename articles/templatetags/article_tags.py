from django import template
from django.utils.html import escape, format_html
from django.utils.safestring import mark_safe
from django.utils.translation import get_language_info

from articles.formats import day_range_parts, format_date, machine_date
from articles.language import language_name
from articles.models import HIT_START, HIT_STOP

register = template.Library()


@register.filter
def snippet_html(snippet: str) -> str:
    """A search snippet, escaped, with its hits in <mark>."""
    escaped = escape(snippet or "")
    return mark_safe(escaped.replace(HIT_START, "<mark>").replace(HIT_STOP, "</mark>"))


@register.filter
def day_range(first, last) -> str:
    """A range of days, "30 Oct – 1 Nov 2024", each end a <time> (the one way the site
    writes an article known to have appeared within a few days, never as one made-up day)."""
    head, separator, tail = day_range_parts(first, last)
    if not head:
        return format_html('<time datetime="{}">{}</time>', first.isoformat(), tail)
    return format_html(
        '<time datetime="{}">{}</time>{}<time datetime="{}">{}</time>',
        first.isoformat(),
        head,
        separator,
        last.isoformat(),
        tail,
    )


@register.filter
def language_label(code: str) -> str:
    """ "en" -> "English (en)", in the reader's language ("Inggris (en)": Django's names of
    languages), else the detector's English name; a code no one has a name for as it is."""
    try:
        name = get_language_info(code)["name_translated"]
    except KeyError:
        name = language_name(code)
    return f"{name} ({code})" if name else code


@register.filter
def at_precision(value, precision="day") -> str:
    """A date as precise as it is known: "2024", "Oct 2024", "week of 28 Oct 2024"."""
    return format_date(value or None, precision)


@register.filter(name="machine_date")
def machine_date_filter(value, precision="day") -> str:
    """A date at its precision for <time datetime>: "2024", "2024-10", "2024-10-28"."""
    return machine_date(value, precision)
