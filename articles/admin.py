from django.contrib import admin

from articles.models import Article, ArticleRevision, ArticleSource, DateSource, Outlet


@admin.register(Outlet)
class OutletAdmin(admin.ModelAdmin):
    """The registry of outlets: the loader recognises an outlet by any of its names and
    domains, so adding the spelling a text uses ("KONTAN.CO.ID") attributes the next load."""

    list_display = ["name", "is_wire", "aliases", "domains"]
    list_filter = ["is_wire"]
    search_fields = ["name", "aliases", "domains"]
    fields = ["name", "slug", "is_wire", "aliases", "domains"]
    prepopulated_fields = {"slug": ["name"]}


class ArticleSourceInline(admin.TabularInline):
    """Every file the article was loaded from (a copy under another name included)."""

    model = ArticleSource
    fields = ["path", "first_loaded_at"]
    readonly_fields = fields
    extra = 0
    can_delete = False
    verbose_name = "source file"

    def has_add_permission(self, request, obj=None):
        return False

    def has_change_permission(self, request, obj=None):
        return False


class ArticleRevisionInline(admin.TabularInline):
    """Every text the article has had, newest last: the loader writes them, nobody edits."""

    model = ArticleRevision
    fields = ["loaded_at", "source_path", "content_hash"]
    readonly_fields = fields
    extra = 0
    can_delete = False

    def has_add_permission(self, request, obj=None):
        return False

    def has_change_permission(self, request, obj=None):
        return False


@admin.register(Article)
class ArticleAdmin(admin.ModelAdmin):
    list_display = [
        "title",
        "outlet",
        "wire",
        "language",
        "published_on",
        "published_precision",
        "published_source",
    ]
    list_filter = ["outlet", "wire", "published_precision", "published_source", "language"]
    search_fields = ["title", "body"]
    list_select_related = ["outlet", "wire"]
    autocomplete_fields = ["outlet", "wire"]
    fields = [
        "title",
        "title_derived",
        "outlet",
        "wire",
        ("published_on", "published_precision"),
        "published_evidence",
        "published_source",
        "language",
        "slug",
        "source_name",
        "source_path",
        "content_hash",
        "body",
    ]
    readonly_fields = [
        "slug",
        "source_name",
        "source_path",
        "content_hash",
        "body",
        "published_source",
    ]
    inlines = [ArticleSourceInline, ArticleRevisionInline]

    def save_model(self, request, obj, form, change):
        # A date touched by hand is the editor's from now on: reloading the file keeps it.
        if {"published_on", "published_precision", "published_evidence"} & set(form.changed_data):
            obj.published_source = DateSource.EDITOR
        super().save_model(request, obj, form, change)
