"""What an article's page shows of its claims, shared by the article view and the editor
views that re-render the page after a save."""

from django.core.paginator import Paginator

from timeline import highlight
from timeline.models import Actor, Claim
from timeline.roles import is_editor
from timeline.suggest import MAX_SENTENCE_CHARS, candidates, resolve, suggests_for

# Suggestions shown at a time. A long article has thousands; an editor pages through them,
# and only the page shown has its actors and dates worked out (see timeline.suggest).
SUGGESTIONS_PER_PAGE = 50


def article_page(user, article, *, suggestions_page=None) -> dict:
    """The text with its claims highlighted, the list of claims and, for editors, drafts,
    orphaned claims and one page of suggestions (`suggestions_page`, a page number as sent:
    anything else is the first page, past the end the last). A fixed number of queries
    however many claims."""
    editor = is_editor(user)
    claims = list(Claim.objects.visible_to(user).in_article(article))
    context = {
        "article": article,
        "claims": claims,
        "paragraphs": highlight.paragraphs(article.body, claims),
        "unplaced": highlight.unplaced(article.body, claims) if editor else [],
    }
    if editor:  # candidates() leaves out what is already tagged
        found = candidates(article)
        page = Paginator(found.candidates, SUGGESTIONS_PER_PAGE).get_page(suggestions_page)
        context["suggestions"] = resolve(article, page.object_list, list(Actor.objects.all()))
        context["suggestions_page"] = page
        context["suggestions_after"] = page.paginator.count - page.end_index()
        context["sentences_too_long"] = found.too_long
        context["sentence_limit"] = MAX_SENTENCE_CHARS
        context["suggests"] = suggests_for(article)
    return context
