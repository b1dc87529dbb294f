"""Finding a claim's span again when its article's text changes.

A claim keeps both a position (start, end) and a quote with some context (prefix, suffix),
as the W3C Web Annotation model's TextPositionSelector and TextQuoteSelector do. When the
text changes, the quote is looked for again; the occurrence whose surroundings best match
the old context wins. A quote that is gone leaves the claim orphaned: kept, shown to
editors, never silently moved or deleted.
"""

from dataclasses import dataclass

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
