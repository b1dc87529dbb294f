from django.contrib import admin
from django.utils.translation import gettext_lazy as _

from articles.models import Article, ArticleRevision, ArticleSource, DateSource, Outlet
from articles.signals import article_date_changed
from config.admin import ModelAdmin

DATE_FIELDS = {"published_on", "published_latest", "published_precision", "published_evidence"}


@admin.register(Outlet)
class OutletAdmin(ModelAdmin):
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
    verbose_name = _("source file")

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
class ArticleAdmin(ModelAdmin):
    list_display = ["title", "outlet", "wire", "language", "published", "published_source"]
    list_filter = ["outlet", "wire", "published_precision", "published_source", "language"]
    search_fields = ["title", "body"]
    list_select_related = ["outlet", "wire"]
    autocomplete_fields = ["outlet", "wire"]
    fields = [
        "title",
        "title_derived",
        "outlet",
        "wire",
        ("published_on", "published_latest", "published_precision"),
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

    def has_add_permission(self, request):
        # An article is its text, from a file: load_articles makes it (slug, source, hash).
        # The admin only corrects what the loader derived; its add form made articles
        # without a slug, whose page cannot be linked.
        return False

    @admin.display(description=_("published"), ordering="published_on")
    def published(self, obj):
        """The date as the site shows it: a range of days, or one day at its precision."""
        if obj.published_is_range:
            return obj.published_range_text
        return obj.published_on or "—"

    def save_model(self, request, obj, form, change):
        previous = None
        # A date touched by hand is the editor's from now on: reloading the file keeps it.
        # (A day: "published on" alone; a range: its first and last day.)
        if DATE_FIELDS & set(form.changed_data):
            obj.published_source = DateSource.EDITOR
            if change:
                previous = Article.objects.values(*DATE_FIELDS).get(pk=obj.pk)
        super().save_model(request, obj, form, change)
        if previous and (previous["published_on"], previous["published_precision"]) != (
            obj.published_on,
            obj.published_precision,
        ):
            # What was dated from the old date (the timeline's claims) follows the new one,
            # inside the admin's transaction; each receiver says what it did.
            replies = article_date_changed.send(
                sender=Article, article=obj, previous=previous, user=request.user
            )
            for _receiver, message in replies:
                if message:
                    self.message_user(request, message)
