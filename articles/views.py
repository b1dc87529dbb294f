from django.shortcuts import get_object_or_404, render
from django.views.decorators.http import require_GET
from django.views.decorators.vary import vary_on_headers

from articles.forms import ArticleSearchForm
from articles.models import Article
from timeline.article_page import article_page


@require_GET
def article_list(request):
    form = ArticleSearchForm(request.GET)
    articles = Article.objects.with_outlet().defer("raw", "body")
    query = form.cleaned_data["q"] if form.is_valid() else ""
    if query:
        articles = articles.search(query)
    return render(
        request,
        "articles/article_list.html",
        {"form": form, "query": query, "articles": articles[:200]},
    )


@require_GET
@vary_on_headers("HX-Request")
def article_detail(request, slug):
    article = get_object_or_404(Article.objects.with_outlet(), slug=slug)
    context = article_page(request.user, article, suggestions_page=request.GET.get("suggestions"))
    template = "articles/article_detail.html"
    # An editor paging through the suggestions with htmx gets their list only.
    paging = "suggestions" in request.GET and "suggestions_page" in context
    if paging and request.htmx and not request.htmx.history_restore_request:
        template += "#suggestion-list"
    return render(request, template, context)
