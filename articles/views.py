from django.shortcuts import get_object_or_404, render
from django.views.decorators.http import require_GET

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
def article_detail(request, slug):
    article = get_object_or_404(Article.objects.with_outlet(), slug=slug)
    return render(request, "articles/article_detail.html", article_page(request.user, article))
