from django.urls import path

from articles import add_views, views

app_name = "articles"
urlpatterns = [
    path("", views.article_list, name="list"),
    # An article's own address, /articles/<slug>/, is the timeline's article page (timeline/urls.py,
    # included after this one in config/urls.py; no article takes these slugs: RESERVED_SLUGS).
    path("add/", add_views.add_article, name="add"),
    path("upload/", add_views.upload_articles, name="upload"),
]
