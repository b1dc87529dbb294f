"""Template helpers for a story's pages: its words in the reader's language, and the story
box's sentences that hold links.

    {% with title=story|reader_title %}<h1 lang="{{ title.language }}">{{ title }}</h1>{% endwith %}

The rule of which language a reader reads a story's words in is the models' (Story.title_for,
Proposition.statement_for): these pass them the active language.
"""

from django import template
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils.html import conditional_escape, format_html
from django.utils.safestring import mark_safe
from django.utils.translation import get_language, gettext

register = template.Library()


@register.filter
def reader_title(story):
    """The story's title as this page's reader reads it: a Wording (text, language)."""
    return story.title_for(get_language())


@register.filter
def reader_dek(story):
    return story.dek_for(get_language())


@register.filter
def reader_statement(proposition, story=None):
    """A proposition's statement as this page's reader reads it; `story`, its story when the
    page has it (a claim's), saves a query."""
    return proposition.statement_for(get_language(), story)


@register.simple_tag
def status_since(arc):
    """ "confirmed since 26 Apr 2025": a proposition's status now, styled, and the date it
    has been so, linked to the claim that made it so (articles/_date.html writes the date)."""
    since = arc.since
    status = format_html(
        '<strong class="tl-status tl-status-{}">{}</strong>', since.status, since.label
    )
    when = date_html(since.claim.stated_on, since.claim.precision)
    link = format_html(
        '<a href="{}">{}</a>', reverse("timeline:claim", args=[since.claim.pk]), when
    )
    # Translators: a proposition's status since a date, "confirmed since 26 Apr 2025".
    sentence = conditional_escape(gettext("%(status)s since %(date)s"))
    return mark_safe(sentence % {"status": status, "date": link})


@register.filter
def lane_names(lanes) -> str:
    """The lanes' names as a sentence lists them: "North Korea, Russia and Others"."""
    names = [lane.name for lane in lanes]
    if len(names) < 2:
        return "".join(names)
    # Translators: the last two of a list, "North Korea, Russia and Others".
    return gettext("%(names)s and %(last)s") % {"names": ", ".join(names[:-1]), "last": names[-1]}


@register.simple_tag
def moment(when):
    """A moment (a change, a deletion) as timeline/_time.html writes it, to put in a
    sentence: {% moment story.last_change as changed %}."""
    return render_to_string("timeline/_time.html", {"when": when})


@register.simple_tag
def date_html(date, precision="day", latest=None):
    """A date at its precision as articles/_date.html writes it, to put in a sentence:
    {% date_html article.published_on article.published_precision article.published_latest
    as published %}."""
    context = {"date": date, "precision": precision, "latest": latest}
    return render_to_string("articles/_date.html", context)
