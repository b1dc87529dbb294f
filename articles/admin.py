from django.contrib import admin

from articles.models import Article, DateSource, Outlet
from config.admin import ModelAdmin


@admin.register(Outlet)
class OutletAdmin(ModelAdmin):
    list_display = ["name", "slug"]
    search_fields = ["name"]
    prepopulated_fields = {"slug": ["name"]}


@admin.register(Article)
class ArticleAdmin(ModelAdmin):
    list_display = ["title", "outlet", "published_on", "published_precision", "published_source"]
    list_filter = ["outlet", "published_precision", "published_source", "language"]
    search_fields = ["title", "body"]
    list_select_related = ["outlet"]
    autocomplete_fields = ["outlet"]
    fields = [
        "title",
        "title_derived",
        "outlet",
        ("published_on", "published_precision"),
        "published_evidence",
        "published_source",
        "language",
        "slug",
        "source_name",
        "content_hash",
        "body",
    ]
    readonly_fields = ["slug", "source_name", "content_hash", "body", "published_source"]

    def has_add_permission(self, request):
        # An article is its text, from a file: load_articles makes it (slug, source, hash).
        # The admin only corrects what the loader derived; its add form made articles
        # without a slug, whose page cannot be linked.
        return False

    def save_model(self, request, obj, form, change):
        # A date touched by hand is the editor's from now on: reloading the file keeps it.
        if {"published_on", "published_precision", "published_evidence"} & set(form.changed_data):
            obj.published_source = DateSource.EDITOR
        super().save_model(request, obj, form, change)
