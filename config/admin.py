"""The admin site and the base of every ModelAdmin of ours. Each piece closes a way the
admin answered a hostile request with a 500; each answers a 400, a 404 or a form error now.
(All three are the admin's own: Django 5.2, django-simple-history 3.13.)"""

from functools import wraps

from django.contrib import admin
from django.contrib.admin.exceptions import DisallowedModelAdminToField
from django.contrib.admin.options import TO_FIELD_VAR
from django.contrib.admin.utils import unquote
from django.contrib.admin.widgets import AutocompleteSelect
from django.core.exceptions import ValidationError
from django.http import Http404
from simple_history.admin import SimpleHistoryAdmin

from config.forms import AdminLoginForm


def can_look_up(field, value) -> bool:
    """Whether `value` (from a URL or a form) is a value of the model field `field` at all:
    "abc" or a NUL is no id, and looking it up raises ValueError."""
    try:
        field.get_prep_value(field.to_python(value))
    except (ValidationError, ValueError, TypeError):
        return False
    return True


class AdminSite(admin.AdminSite):
    login_form = AdminLoginForm

    def admin_view(self, view, cacheable=False):
        guarded = super().admin_view(view, cacheable)

        @wraps(guarded)  # keeps what the middleware reads off a view (csrf_exempt, ...)
        def inner(request, *args, **kwargs):
            # "?_to_field=" (empty) skipped the admin's check of the field and reached
            # get_field(""). A field the admin does not allow is a 400 already: so is this.
            if request.GET.get(TO_FIELD_VAR) == "" or request.POST.get(TO_FIELD_VAR) == "":
                raise DisallowedModelAdminToField("An empty _to_field names no field.")
            return guarded(request, *args, **kwargs)

        return inner


class ValidIdAutocompleteSelect(AutocompleteSelect):
    """The admin's autocomplete select. Drawing a form with errors again, it looks the
    posted value up to show its name; a value that is no id is left out of that look-up
    (the field's own error says what is wrong with it)."""

    def optgroups(self, name, value, attr=None):
        target = self.field.target_field
        value = [v for v in value if v in (None, "") or can_look_up(target, v)]
        return super().optgroups(name, value, attr)


class ModelAdmin(admin.ModelAdmin):
    def formfield_for_foreignkey(self, db_field, request, **kwargs):
        if "widget" not in kwargs and db_field.name in self.get_autocomplete_fields(request):
            kwargs["widget"] = ValidIdAutocompleteSelect(
                db_field, self.admin_site, using=kwargs.get("using")
            )
        return super().formfield_for_foreignkey(db_field, request, **kwargs)


class HistoryAdmin(ModelAdmin, SimpleHistoryAdmin):
    """SimpleHistoryAdmin, whose history pages looked the ids of their URL up as they came."""

    def history_view(self, request, object_id, extra_context=None):
        if not can_look_up(self.model._meta.pk, unquote(object_id)):
            raise Http404("No such object.")
        return super().history_view(request, object_id, extra_context)

    def history_form_view(self, request, object_id, version_id, extra_context=None):
        history_id = self.model.history.model._meta.pk
        if not (
            can_look_up(self.model._meta.pk, object_id) and can_look_up(history_id, version_id)
        ):
            raise Http404("No such version.")
        return super().history_form_view(request, object_id, version_id, extra_context)
