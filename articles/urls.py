from django.urls import path

from articles import add_views, views

app_name = "articles"
urlpatterns = [
    path("", views.article_list, name="list"),
    # Before the articles' own addresses (no article takes these slugs: loader.RESERVED_SLUGS).
    path("add/", add_views.add_article, name="add"),
    path("upload/", add_views.upload_articles, name="upload"),
    path("<slug:slug>/", views.article_detail, name="detail"),
]
