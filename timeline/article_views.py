"""The article page: an article with its claims highlighted (and, for editors, the story they
tag it for and the rules' suggestions). It is the timeline's page, not the articles app's:
articles/ knows nothing of claims (see tests/test_layout.py); its address stays
/articles/<slug>/ (timeline/urls.py)."""

from django.http import Http404
from django.shortcuts import get_object_or_404, render
from django.views.decorators.http import require_GET
from django.views.decorators.vary import vary_on_headers

from articles.models import Article
from timeline.article_page import article_page, tagging_story
from timeline.roles import is_editor


@require_GET
@vary_on_headers("HX-Request")
def article_detail(request, slug):
    article = get_object_or_404(Article.objects.with_outlet(), slug=slug)
    story, stories = None, []
    if is_editor(request.user):  # readers read every claim; only tagging is for a story
        story, stories = tagging_story(article, request.GET.get("story"))
        if story is None and request.GET.get("story"):
            raise Http404("This article is not in that story.")
    context = article_page(
        request.user,
        article,
        story=story,
        stories=stories,
        suggestions_page=request.GET.get("suggestions"),
    )
    template = "timeline/article_detail.html"
    # An editor paging through the suggestions with htmx gets their list only.
    paging = "suggestions" in request.GET and "suggestions_page" in context
    if paging and request.htmx and not request.htmx.history_restore_request:
        template += "#suggestion-list"
    return render(request, template, context)
