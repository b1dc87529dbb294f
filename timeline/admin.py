from django.contrib import admin

from config.admin import HistoryAdmin
from timeline.models import Actor, Claim


@admin.register(Actor)
class ActorAdmin(HistoryAdmin):
    list_display = ["name", "kind", "country", "affiliation"]
    list_filter = ["kind", "country"]
    search_fields = ["name", "slug"]
    prepopulated_fields = {"slug": ["name"]}
    autocomplete_fields = ["affiliation"]


@admin.register(Claim)
class ClaimAdmin(HistoryAdmin):
    list_display = ["__str__", "article", "kind", "status", "stated_on", "orphaned", "deleted_at"]
    list_filter = ["kind", "status", "orphaned", "stated_precision"]
    search_fields = ["quote", "note", "actor__name"]
    list_select_related = ["actor", "article"]
    autocomplete_fields = ["actor", "via"]
    readonly_fields = ["article", "start", "end", "quote", "prefix", "suffix", "version"]

    def save_model(self, request, obj, form, change):
        # A save here is a new version too: an editor's form opened before it is refused.
        if change:
            obj.version += 1
            obj.updated_by = request.user
        super().save_model(request, obj, form, change)
