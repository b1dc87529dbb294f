from django import template
from django.utils.html import escape
from django.utils.safestring import mark_safe

from articles.language import language_name
from articles.models import HIT_START, HIT_STOP

register = template.Library()


@register.filter
def snippet_html(snippet: str) -> str:
    """A search snippet, escaped, with its hits in <mark>."""
    escaped = escape(snippet or "")
    return mark_safe(escaped.replace(HIT_START, "<mark>").replace(HIT_STOP, "</mark>"))


@register.filter
def language_label(code: str) -> str:
    """ "en" -> "English (en)"; a code the app has no name for is shown as it is."""
    name = language_name(code)
    return f"{name} ({code})" if name else code
