"""Claims laid over an article's paragraphs as highlight segments.

Claims may overlap or nest, and HTML elements may only nest. So each paragraph is cut at
every claim boundary into segments; a segment lists the claims covering it, outermost
first (earlier start, then longer span), and is drawn as marks nested in that order. Every
segment is well-formed on its own, whatever the claims do. Each claim's first segment is
where its anchor (`id="claim-<pk>"`), its details and its keyboard stop go.

Pure: works on anything with `pk`, `start`, `end` (and `orphaned`), no database.
"""

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field


@dataclass(frozen=True)
class Segment:
    start: int  # offsets into the whole body
    end: int
    text: str
    claims: tuple = ()  # the claims covering it, outermost first
    first_of: tuple = ()  # those among them that begin here (their first segment)

    @property
    def depth(self) -> int:
        return len(self.claims)


@dataclass(frozen=True)
class Paragraph:
    offset: int  # where its text starts in the body
    text: str
    segments: list[Segment] = field(default_factory=list)


def _outermost_first(claim) -> tuple:
    return (claim.start, -claim.end, claim.pk)


def segments(text: str, claims: Iterable, *, offset: int = 0, seen: set | None = None) -> list:
    """`text` (which starts at body offset `offset`) cut at every boundary of `claims` that
    falls inside it. `seen` collects the claims already begun in earlier paragraphs, so that
    a claim across paragraphs has one first segment only.

    One sweep from left to right keeping the claims open at each point: the work grows with
    the segments times the depth of nesting, never with every claim for every segment."""
    seen = set() if seen is None else seen
    end_of_text = offset + len(text)
    inside = sorted(
        (c for c in claims if c.start < end_of_text and c.end > offset and c.start < c.end),
        key=_outermost_first,
    )
    opening: dict[int, list] = {}  # point -> the claims that open there, outermost first
    for claim in inside:
        opening.setdefault(max(claim.start, offset), []).append(claim)
    cuts = {offset, end_of_text}
    for claim in inside:
        cuts.update(p for p in (claim.start, claim.end) if offset < p < end_of_text)
    points = sorted(cuts)
    result, open_claims = [], []
    for left, right in zip(points, points[1:], strict=False):
        # Those still open began earlier, so they stay outside those opening here. Every
        # boundary is a cut: a claim open at `left` covers the whole segment.
        open_claims = [c for c in open_claims if c.end > left] + opening.get(left, [])
        covering = tuple(open_claims)
        first = tuple(c for c in covering if c.pk not in seen)
        seen.update(c.pk for c in first)
        result.append(Segment(left, right, text[left - offset : right - offset], covering, first))
    return result


def paragraphs(body: str, claims: Sequence) -> list[Paragraph]:
    """The body's paragraphs (split on blank lines, as Article.paragraphs does) with the
    highlight segments of `claims`. Orphaned claims are left out: their offsets no longer
    point at their quote (see `unplaced`). Each paragraph is given only the claims that
    reach into it (the claims are swept once, in order of start)."""
    placed = sorted(
        (c for c in claims if not getattr(c, "orphaned", False) and c.end <= len(body)),
        key=_outermost_first,
    )
    seen: set = set()
    result, offset, taken, reaching = [], 0, 0, []
    for text in body.split("\n\n"):
        end_of_text = offset + len(text)
        while taken < len(placed) and placed[taken].start < end_of_text:
            reaching.append(placed[taken])
            taken += 1
        reaching = [c for c in reaching if c.end > offset]
        result.append(Paragraph(offset, text, segments(text, reaching, offset=offset, seen=seen)))
        offset = end_of_text + 2
    return result


def unplaced(body: str, claims: Iterable) -> list:
    """Claims not drawn in the text: orphaned, or pointing past its end."""
    return [c for c in claims if getattr(c, "orphaned", False) or c.end > len(body)]
