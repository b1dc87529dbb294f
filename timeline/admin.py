from django import forms
from django.contrib import admin
from django.core.exceptions import ValidationError
from django.utils.text import capfirst
from django.utils.translation import gettext

from config.admin import HistoryAdmin
from timeline import editing
from timeline.models import Actor, Claim, Proposition, Story


@admin.register(Actor)
class ActorAdmin(HistoryAdmin):
    list_display = ["name", "kind", "country", "affiliation", "side"]
    list_filter = ["kind", "country"]
    search_fields = ["name", "slug"]
    prepopulated_fields = {"slug": ["name"]}
    autocomplete_fields = ["affiliation"]

    def get_search_results(self, request, queryset, search_term):
        # The claim form's search: by name or any alias, the exact one first. The change list
        # sorts by its columns after this; the claims' actor autocomplete keeps this order.
        if not search_term.strip():
            return super().get_search_results(request, queryset, search_term)
        return queryset.matching(search_term), False


class ClaimAdminForm(forms.ModelForm):
    """The admin's claim form checks the version it was opened at, as the app's form does:
    a save based on an older version is refused, naming who saved since."""

    loaded_version = forms.IntegerField(widget=forms.HiddenInput, min_value=1)

    class Meta:
        model = Claim
        # Who created and updated it is bookkeeping the saves keep, not a choice.
        fields = [*Claim.EDITABLE_FIELDS, "orphaned", "deleted_at"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        # The stored version, not the instance's: reverting to an old version in the
        # admin's history is a change of the current one.
        stored = Claim.objects.filter(pk=self.instance.pk).values_list("version", flat=True)
        self.fields["loaded_version"].initial = stored.first()

    def clean(self):
        cleaned = super().clean()
        loaded = cleaned.get("loaded_version")
        if loaded is None:
            raise ValidationError(
                gettext("This form lost the version it was opened at: open the claim again.")
            )
        # Locked until the admin's transaction ends, so no app save slips in between this
        # check and the admin's own save.
        current = Claim.objects.select_for_update().get(pk=self.instance.pk)
        if current.version != loaded:
            conflict = editing.conflict_since(current, loaded)
            params = {
                "names": ", ".join(conflict.by) or gettext("the article loader"),
                "loaded": loaded,
                "now": current.version,
                "what": "; ".join(f"{capfirst(c.label)}: {c.theirs}" for c in conflict.changes),
            }
            if params["what"]:
                message = gettext(
                    "Not saved: %(names)s changed this claim since you opened it (version "
                    "%(loaded)s, now %(now)s): %(what)s. Open it again to see their changes."
                )
            else:
                message = gettext(
                    "Not saved: %(names)s changed this claim since you opened it (version "
                    "%(loaded)s, now %(now)s). Open it again to see their changes."
                )
            raise ValidationError(message % params)
        return cleaned


@admin.register(Claim)
class ClaimAdmin(HistoryAdmin):
    form = ClaimAdminForm
    list_display = ["__str__", "article", "kind", "status", "stated_on", "orphaned", "deleted_at"]
    list_filter = ["kind", "status", "orphaned", "stated_precision"]
    search_fields = ["quote", "note", "actor__name"]
    list_select_related = ["actor", "article"]
    autocomplete_fields = ["actor", "via"]
    readonly_fields = [
        "article", "start", "end", "quote", "prefix", "suffix", "version",
        "created_by", "updated_by",
    ]  # fmt: skip

    def has_add_permission(self, request):
        # A claim is a span of an article's text: it is tagged on the article page, where
        # the text is selected and checked. The admin form has no way to pick a span.
        return False

    def save_model(self, request, obj, form, change):
        # A save here is a new version too: an editor's form opened before it is refused.
        if change:
            obj.version = form.cleaned_data["loaded_version"] + 1  # checked and locked in clean
            obj.updated_by = request.user
        super().save_model(request, obj, form, change)


class PropositionInline(admin.TabularInline):
    model = Proposition
    extra = 0
    fields = ["statement", "statement_en", "slug", "order", "parties", "is_quantity", "is_lead"]
    prepopulated_fields = {"slug": ["statement"]}


@admin.register(Story)
class StoryAdmin(HistoryAdmin):
    """Editors make and change stories in the app (timeline.story_views); here, admins."""

    list_display = ["title", "slug", "language", "is_published", "updated_at"]
    list_filter = ["is_published", "language"]
    search_fields = ["title", "title_en", "slug"]
    prepopulated_fields = {"slug": ["title"]}
    # Ids, not an autocomplete: the admin's multiple autocomplete looks posted values up as
    # they come, and "abc" there is a 500 (config.admin guards the single one only).
    raw_id_fields = ["articles"]
    inlines = [PropositionInline]


@admin.register(Proposition)
class PropositionAdmin(HistoryAdmin):
    list_display = ["statement", "story", "order", "is_lead", "is_quantity"]
    list_filter = ["story", "is_lead", "is_quantity"]
    search_fields = ["statement", "statement_en", "slug"]
    list_select_related = ["story"]
