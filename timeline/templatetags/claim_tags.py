"""Template helpers for claims: highlights in the article text, numbers, dates, actors."""

from django import template
from django.urls import reverse
from django.utils.html import conditional_escape, format_html
from django.utils.safestring import mark_safe
from django.utils.translation import gettext, pgettext

from articles.formats import format_number
from articles.templatetags.article_tags import at_precision
from timeline.span_dates import ARTICLE_DATE, ARTICLE_DATE_LABEL
from timeline.vocabulary import kind_name, role_name, stance_name

register = template.Library()


# The one date filter, article_tags', registered here too for the templates that load only
# claim_tags.
register.filter("at_precision", at_precision)


@register.filter
def date_evidence(evidence) -> str:
    """Where a claim's date comes from, as a reader reads it after "from": “Rabu (30/10)”,
    or the article's date (span_dates.ARTICLE_DATE)."""
    if evidence == ARTICLE_DATE:
        return str(ARTICLE_DATE_LABEL)
    return f"“{evidence}”"


@register.filter
def kind_label(value) -> str:
    """A claim kind's label from its value: "troop_count" -> "Troop count"."""
    return kind_name(value)


@register.filter
def stance_label(value) -> str:
    """A stance's label from its value: "disputes" -> "Disputes"."""
    return stance_name(value)


@register.filter
def role_label(value) -> str:
    """A number role's label from its value: "part" -> "Part of a total"."""
    return role_name(value)


@register.filter
def claim_numbers(claim) -> str:
    """ "10,000" or "10,000–12,000"; empty when the claim has no number."""
    return format_number(claim.number, claim.number_max)


@register.filter
def claim_summary(claim) -> str:
    """Actor, kind, number and date in one line (a highlight's title)."""
    parts = [str(claim.actor)]
    if claim.via_id:
        parts[0] += " (%s)" % (gettext("via %(relay)s") % {"relay": claim.via})
    parts.append(claim.get_kind_display())
    if numbers := claim_numbers(claim):
        parts.append(numbers)
    parts.append(at_precision(claim.stated_on, claim.stated_precision))
    if claim.status == claim.Status.DRAFT:
        parts.append(_draft())
    return " · ".join(parts)


def _draft() -> str:
    """The word a draft claim is marked with, as its badge says it."""
    return pgettext("a claim's status, as a badge", "draft")


def _tip(claim, editor: bool) -> str:
    links = [format_html('<a href="{}">{}</a>', claim.get_absolute_url(), gettext("Claim page"))]
    if editor:
        edit = reverse("timeline:claim-edit", args=[claim.pk])
        links.append(
            format_html(
                '<a href="{}" hx-get="{}" hx-target="#claim-panel" '
                'hx-trigger="click consume">{}</a>',
                edit,
                edit,
                gettext("Edit"),
            )
        )
    return format_html(
        '<span class="claim-tip" id="claim-{}-tip" role="tooltip" data-skip>'
        '<span class="badge kind-{}">{}</span> <strong>{}</strong>{}{} · {}{} {}</span>',
        claim.pk,
        claim.kind,
        claim.get_kind_display(),
        claim.actor,
        format_html(" {}", gettext("via %(relay)s") % {"relay": claim.via}) if claim.via_id else "",
        format_html(" · {}", claim_numbers(claim)) if claim.number is not None else "",
        at_precision(claim.stated_on, claim.stated_precision),
        f" · {_draft()}" if claim.status == claim.Status.DRAFT else "",
        mark_safe(" ".join(links)),
    )


def _open_mark(claim, depth: int, first: bool, editor: bool) -> str:
    classes = f"claim kind-{claim.kind} depth-{depth}"
    if claim.status == claim.Status.DRAFT:
        classes += " draft"
    attrs = format_html(
        ' class="{}" data-claim="{}" title="{}"', classes, claim.pk, claim_summary(claim)
    )
    if editor:
        attrs += format_html(
            ' hx-get="{}" hx-target="#claim-panel" hx-trigger="click consume"',
            reverse("timeline:claim-edit", args=[claim.pk]),
        )
    if first:
        attrs += format_html(
            ' id="claim-{}" tabindex="0" aria-describedby="claim-{}-tip"', claim.pk, claim.pk
        )
    return format_html("<mark{}>{}", attrs, _tip(claim, editor) if first else "")


@register.simple_tag(takes_context=True)
def highlighted(context, paragraph) -> str:
    """A paragraph's text with its claims as nested <mark>s, one nesting per segment.

    No whitespace is added between the pieces: the text nodes must add up to the body
    exactly, because annotate.js turns a selection into offsets by counting them (it skips
    the `data-skip` details)."""
    editor = bool(context.get("is_editor"))
    out = []
    for segment in paragraph.segments:
        if not segment.claims:
            out.append(conditional_escape(segment.text))
            continue
        first = {c.pk for c in segment.first_of}
        for depth, claim in enumerate(segment.claims, 1):
            out.append(_open_mark(claim, depth, claim.pk in first, editor))
        out.append(conditional_escape(segment.text))
        out.append("</mark>" * len(segment.claims))
    return mark_safe("".join(out))
