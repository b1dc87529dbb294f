"""The article list and its search. The article page itself, with its claims, is the
timeline's (timeline/article_views.py): this app imports nothing of the apps built on it."""

from django.shortcuts import render
from django.views.decorators.http import require_GET

from articles.forms import ArticleSearchForm
from articles.models import Article


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
