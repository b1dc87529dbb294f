from django.urls import path

from timeline import article_views, claim_views, story_views, views

app_name = "timeline"
urlpatterns = [
    # Editors' story pages (issue 11). First: stories/new/ is a page, not a story's slug.
    path("stories/new/", story_views.story_create, name="story-create"),
    path("stories/<slug:slug>/edit/", story_views.story_edit, name="story-edit"),
    path(
        "stories/<slug:slug>/propositions/new/",
        story_views.proposition_create,
        name="story-proposition-create",
    ),
    path(
        "stories/<slug:slug>/propositions/<slug:proposition>/edit/",
        story_views.proposition_edit,
        name="story-proposition-edit",
    ),
    path("stories/<slug:slug>/articles/", story_views.story_articles, name="story-articles"),
    path(
        "stories/<slug:slug>/articles/<slug:article>/remove/",
        story_views.story_article_remove,
        name="story-article-remove",
    ),
    path("stories/<slug:slug>/review/", story_views.review_queue, name="story-review"),
    # Reading (everyone): the stories, each story's timeline and its exports
    path("", views.story_list, name="stories"),
    path("stories/<slug:slug>/", views.timeline, name="story"),
    path("stories/<slug:slug>/export.csv", views.export_csv, name="export-csv"),
    path("stories/<slug:slug>/export.json", views.export_json, name="export-json"),
    path(
        "stories/<slug:slug>/export/timelinejs.json",
        views.export_timelinejs,
        name="export-timelinejs",
    ),
    # The first cut's addresses, still in shared links: the first story's equivalents.
    path("export.csv", views.first_story_redirect("timeline:export-csv")),
    path("export.json", views.first_story_redirect("timeline:export-json")),
    path("export/timelinejs.json", views.first_story_redirect("timeline:export-timelinejs")),
    # An article with its claims; /articles/ itself, add/ and upload/ are articles.urls' (which
    # config/urls.py includes first).
    path("articles/<slug:slug>/", article_views.article_detail, name="article"),
    path("claims/<int:pk>/", claim_views.claim_detail, name="claim"),
    path("claims/<int:pk>/history/", claim_views.claim_history, name="claim-history"),
    path("actors/search/", claim_views.actor_search, name="actor-search"),
    # Writing (editors only)
    path("claims/new/", claim_views.claim_create, name="claim-create"),
    path("claims/deleted/", claim_views.claims_deleted, name="claims-deleted"),
    path("claims/<int:pk>/edit/", claim_views.claim_edit, name="claim-edit"),
    path("claims/<int:pk>/delete/", claim_views.claim_delete, name="claim-delete"),
    path("claims/<int:pk>/restore/", claim_views.claim_restore, name="claim-restore"),
    path("actors/new/", claim_views.actor_create, name="actor-create"),
    # A proposition added from the claim form, which comes back with it picked.
    path(
        "stories/<slug:slug>/propositions/new/inline/",
        claim_views.proposition_create_inline,
        name="proposition-create-inline",
    ),
]
