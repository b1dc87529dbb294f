"""The article page: an article with its claims highlighted (and, for editors, the rules'
suggestions). It is the timeline's page, not the articles app's: articles/ knows nothing of
claims (see tests/test_layout.py); its address stays /articles/<slug>/ (timeline/urls.py)."""

from django.shortcuts import get_object_or_404, render
from django.views.decorators.http import require_GET
from django.views.decorators.vary import vary_on_headers

from articles.models import Article
from timeline.article_page import article_page


@require_GET
@vary_on_headers("HX-Request")
def article_detail(request, slug):
    article = get_object_or_404(Article.objects.with_outlet(), slug=slug)
    context = article_page(request.user, article, suggestions_page=request.GET.get("suggestions"))
    template = "timeline/article_detail.html"
    # An editor paging through the suggestions with htmx gets their list only.
    paging = "suggestions" in request.GET and "suggestions_page" in context
    if paging and request.htmx and not request.htmx.history_restore_request:
        template += "#suggestion-list"
    return render(request, template, context)
