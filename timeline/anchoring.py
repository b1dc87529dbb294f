"""Finding a claim's span: a pasted quote in an article, and a claim's span again when its
article's text changes.

A claim keeps both a position (start, end) and a quote with some context (prefix, suffix),
as the W3C Web Annotation model's TextPositionSelector and TextQuoteSelector do. When the
text changes, the quote is looked for again; the occurrence whose surroundings best match
the old context wins. A quote that is gone leaves the claim orphaned: kept, shown to
editors, never silently moved or deleted.
"""

import re
from dataclasses import dataclass

from django.core.exceptions import ValidationError

CONTEXT = 32  # characters of prefix and suffix kept with each claim


@dataclass(frozen=True)
class Span:
    start: int
    end: int
    quote: str
    prefix: str
    suffix: str


def span_at(body: str, start: int, end: int) -> Span:
    return Span(
        start,
        end,
        body[start:end],
        body[max(0, start - CONTEXT) : start],
        body[end : end + CONTEXT],
    )


def occurrences(body: str, quote: str) -> list[int]:
    found, at = [], body.find(quote)
    while at != -1 and quote:
        found.append(at)
        at = body.find(quote, at + 1)
    return found


def _squeeze(text: str) -> str:
    return " ".join(text.split())


def locate(body: str, quote: str, *, before: str = "", after: str = "") -> tuple[int, int]:
    """Where a pasted quote stands in `body`, as (start, end). Raises ValidationError (for the
    quote field) when it is not there, or when it occurs more than once and the words pasted
    before or after it do not single one occurrence out."""
    quote = quote.strip()
    spans = [(at, at + len(quote)) for at in occurrences(body, quote)]
    if not spans and quote:
        # A paste may break lines or space words differently from the stored text.
        pattern = re.compile(r"\s+".join(re.escape(word) for word in quote.split()))
        spans = [match.span() for match in pattern.finditer(body)]
    if not spans:
        raise ValidationError(
            "This text is not in the article. Copy it exactly from the article text "
            "(same spelling and punctuation).",
            code="not_found",
        )
    if len(spans) == 1:
        return spans[0]
    before, after = _squeeze(before), _squeeze(after)
    if not (before or after):
        raise ValidationError(
            f"This text occurs {len(spans)} times in the article: add some of the words "
            "around it (before or after) so the right one can be found.",
            code="ambiguous",
        )
    fitting = [
        (start, end)
        for start, end in spans
        if _squeeze(body[max(0, start - len(before) - 40) : start]).endswith(before)
        and _squeeze(body[end : end + len(after) + 40]).startswith(after)
    ]
    if len(fitting) == 1:
        return fitting[0]
    if not fitting:
        raise ValidationError(
            f"This text occurs {len(spans)} times in the article, but none of them has "
            "those words around it. Copy the words around it exactly.",
            code="context_not_found",
        )
    raise ValidationError(
        f"This text still occurs {len(fitting)} times with those words around it: add more "
        "of them.",
        code="ambiguous",
    )


def _common_suffix(a: str, b: str) -> int:
    n = 0
    while n < min(len(a), len(b)) and a[-1 - n] == b[-1 - n]:
        n += 1
    return n


def _common_prefix(a: str, b: str) -> int:
    n = 0
    while n < min(len(a), len(b)) and a[n] == b[n]:
        n += 1
    return n


def reanchor(body: str, *, quote: str, prefix: str, suffix: str, start: int) -> Span | None:
    """Where `quote` now stands in `body`, or None when it is gone."""
    if body[start : start + len(quote)] == quote and quote:
        return span_at(body, start, start + len(quote))
    candidates = occurrences(body, quote)
    if not candidates:
        return None

    def fit(at: int):
        before = body[max(0, at - CONTEXT) : at]
        after = body[at + len(quote) : at + len(quote) + CONTEXT]
        context = _common_suffix(before, prefix) + _common_prefix(after, suffix)
        return (-context, abs(at - start))

    best = min(candidates, key=fit)
    return span_at(body, best, best + len(quote))


def reanchor_article_claims(sender, article, **kwargs):
    """Signal receiver: re-anchor every claim (deleted ones too) of an article whose text
    changed."""
    for claim in article.claims.all():
        span = reanchor(
            article.body,
            quote=claim.quote,
            prefix=claim.prefix,
            suffix=claim.suffix,
            start=claim.start,
        )
        if span is None:
            claim.orphaned = True
        else:
            claim.orphaned = False
            claim.start, claim.end = span.start, span.end
            claim.prefix, claim.suffix = span.prefix, span.suffix
        claim.version += 1  # an editor's form opened on the old text must not overwrite this
        claim._change_reason = "re-anchored after the article's text changed"
        claim.save()
