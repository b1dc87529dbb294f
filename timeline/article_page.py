"""What an article's page shows of its claims, shared by the article view and the editor
views that re-render the page after a save."""

from timeline import highlight
from timeline.models import Actor, Claim
from timeline.roles import is_editor
from timeline.suggest import suggest


def article_page(user, article) -> dict:
    """The text with its claims highlighted, the list of claims and, for editors, drafts,
    orphaned claims and suggestions. A fixed number of queries however many claims."""
    editor = is_editor(user)
    claims = list(Claim.objects.visible_to(user).in_article(article))
    context = {
        "article": article,
        "claims": claims,
        "paragraphs": highlight.paragraphs(article.body, claims),
        "unplaced": highlight.unplaced(article.body, claims) if editor else [],
    }
    if editor:  # suggest() leaves out what is already tagged
        context["suggestions"] = suggest(article, list(Actor.objects.all()))
    return context
