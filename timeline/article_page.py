"""What an article's page shows of its claims, shared by the article view and the editor
views that re-render the page after a save; the story an editor tags its claims for; and
the suggestions an Article gets (the rules of timeline.suggest, less what its editors have
tagged)."""

from bisect import bisect_left
from collections.abc import Iterable
from dataclasses import replace
from itertools import accumulate

from django.core.paginator import Paginator

from timeline import highlight
from timeline.models import Actor, Claim
from timeline.roles import is_editor
from timeline.suggest import (
    MAX_SENTENCE_CHARS,
    Candidate,
    Found,
    Suggestion,
    find_in_text,
    resolve_in_text,
)

# Suggestions shown at a time. A long article has thousands; an editor pages through them,
# and only the page shown has its actors and dates worked out (see timeline.suggest).
SUGGESTIONS_PER_PAGE = 50


class _Tagged:
    """The spans an article's claims already cover, by kind, for asking about thousands of
    candidates at a logarithmic cost each."""

    def __init__(self, claims: Iterable[tuple[int, int, str]]):
        self.spans, by_kind = set(), {}
        for start, end, kind in claims:
            self.spans.add((start, end))
            by_kind.setdefault(kind, []).append((start, end))
        self.by_kind = {}
        for kind, spans in by_kind.items():
            spans.sort()
            # reach[i]: the furthest end among the first i + 1 spans (in order of start)
            reach = list(accumulate((end for _, end in spans), max))
            self.by_kind[kind] = ([start for start, _ in spans], reach)

    def covers(self, candidate: Candidate) -> bool:
        """A claim covers exactly its span (whatever its kind), or overlaps it with its kind."""
        if (candidate.start, candidate.end) in self.spans:
            return True
        starts, reach = self.by_kind.get(candidate.kind, ((), ()))
        before_end = bisect_left(starts, candidate.end)  # the spans that start before its end
        return before_end > 0 and reach[before_end - 1] > candidate.start


# The languages the rules are written for (their verbs, nouns and numbers are Indonesian; a
# Malay text reads the same). Other articles get no suggestions rather than noise.
RULE_LANGUAGES = ("id", "ms")


def tagging_story(article, slug: str | None = None):
    """(story, stories): of the article's stories (`stories`, oldest first), the one its
    new claims are tagged for: the one `slug` names, else the first (an article is usually
    in one). story is None when the article is in no story, or in none named `slug`."""
    stories = list(article.stories.order_by("pk"))
    if slug:
        return next((s for s in stories if s.slug == slug), None), stories
    return (stories[0] if stories else None), stories


def suggests_for(article) -> bool:
    return article.language in RULE_LANGUAGES


def untagged_candidates(article) -> Found:
    """What the rules find in an Article that its editors have not tagged yet: a candidate is
    left out when a claim of the article (not deleted) overlaps it with the same kind, or
    covers exactly the same span whatever its kind: the editor has been there. Nothing for
    an article in a language the rules do not read (RULE_LANGUAGES)."""
    if not suggests_for(article):
        return Found([])
    tagged = _Tagged(article.claims.alive().values_list("start", "end", "kind"))
    found = find_in_text(article.body)
    return replace(found, candidates=[c for c in found.candidates if not tagged.covers(c)])


def resolve(
    article, candidates: Iterable[Candidate], actors=None, propositions=()
) -> list[Suggestion]:
    """Candidates of an Article as suggestions; dates resolve against its published date.
    `actors` defaults to every Actor; the suggested propositions are among `propositions`
    (those of the story the claims are tagged for)."""
    if actors is None:
        actors = list(Actor.objects.all())
    return resolve_in_text(
        article.body,
        candidates,
        actors,
        reference=article.date_reference(),
        propositions=propositions,
    )


def suggest(article, actors=None, propositions=()) -> list[Suggestion]:
    """Every suggestion for an Article that its editors have not tagged yet (see
    `untagged_candidates`)."""
    return resolve(article, untagged_candidates(article).candidates, actors, propositions)


def article_page(user, article, *, story=None, stories=(), suggestions_page=None) -> dict:
    """The text with its claims highlighted, the list of claims and, for editors, the story
    they tag for (`story`, one of the article's `stories`: tagging_story), drafts, orphaned
    claims and one page of suggestions (`suggestions_page`, a page number as sent: anything
    else is the first page, past the end the last), their propositions among the story's. A
    fixed number of queries however many claims."""
    editor = is_editor(user)
    claims = list(Claim.objects.visible_to(user).in_article(article))
    context = {
        "article": article,
        "claims": claims,
        "paragraphs": highlight.paragraphs(article.body, claims),
        "unplaced": highlight.unplaced(article.body, claims) if editor else [],
    }
    if editor:  # untagged_candidates() leaves out what is already tagged
        context["story"], context["stories"] = story, list(stories)
        propositions = list(story.propositions.all()) if story else []
        found = untagged_candidates(article)
        page = Paginator(found.candidates, SUGGESTIONS_PER_PAGE).get_page(suggestions_page)
        actors = list(Actor.objects.all())
        context["suggestions"] = resolve(article, page.object_list, actors, propositions)
        context["suggestions_page"] = page
        context["suggestions_after"] = page.paginator.count - page.end_index()
        context["sentences_too_long"] = found.too_long
        context["sentence_limit"] = MAX_SENTENCE_CHARS
        context["suggests"] = suggests_for(article)
    return context
