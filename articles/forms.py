import binascii
from base64 import b64decode

from django import forms
from django.conf import settings
from django.utils.translation import gettext_lazy as _

from articles.loader import Corrections, too_large
from articles.validators import validate_plausible_date


class ArticleSearchForm(forms.Form):
    q = forms.CharField(label=_("Search the articles"), required=False, max_length=200, strip=True)


class ArticleFieldsForm(forms.Form):
    """What an editor may set by hand on an article being added. Each is optional: left
    empty, the value the loader read in the text stands."""

    title = forms.CharField(label=_("Title"), max_length=300, required=False)
    outlet = forms.CharField(
        label=_("Outlet"),
        max_length=200,
        required=False,
        help_text=_("Its name, e.g. Kompas.com or ANTARA."),
    )
    url = forms.URLField(
        label=_("Original address"),
        max_length=1000,
        required=False,
        assume_scheme="https",
        help_text=_("Where the outlet published it."),
    )
    published_on = forms.DateField(
        label=_("Publication day"),
        required=False,
        validators=[validate_plausible_date],
        widget=forms.DateInput(attrs={"type": "date"}),
        help_text=_("Leave empty to keep the date the loader found in the text."),
    )

    def corrections(self) -> Corrections:
        data = self.cleaned_data
        return Corrections(
            title=data["title"],
            outlet=data["outlet"],
            published_on=data["published_on"],
            url=data["url"],
        )


class PasteForm(ArticleFieldsForm):
    text = forms.CharField(
        label=_("Text"),
        widget=forms.Textarea(attrs={"rows": 16}),
        help_text=_("The article as the outlet published it: headline, dateline, paragraphs."),
    )
    field_order = ["title", "text", "outlet", "url", "published_on"]

    def clean_text(self):
        text = self.cleaned_data["text"]
        size = len(text.encode("utf-8"))
        if size > settings.ARTICLE_MAX_BYTES:
            raise forms.ValidationError(
                _("The text is %(size)s."), params={"size": too_large(size)}
            )
        return text

    def data_bytes(self) -> bytes:
        return self.cleaned_data["text"].encode("utf-8")


class MultipleFileInput(forms.ClearableFileInput):
    allow_multiple_selected = True


class MultipleFileField(forms.FileField):
    widget = MultipleFileInput

    def clean(self, data, initial=None):
        files = data if isinstance(data, list | tuple) else [data] if data else []
        if not files and self.required:
            raise forms.ValidationError(self.error_messages["required"], code="required")
        # Each file's content is judged by the loader, each with its own report line.
        return [super(MultipleFileField, self).clean(file, initial) for file in files]


class UploadForm(forms.Form):
    files = MultipleFileField(
        label=_("Article files"),
        widget=MultipleFileInput(attrs={"accept": ".txt,.html,.htm"}),
        help_text=_("One article per file: .txt or a saved web page (.html)."),
    )

    def clean_files(self):
        files = self.cleaned_data["files"]
        most = settings.ARTICLE_UPLOAD_MAX_FILES
        if len(files) > most:
            raise forms.ValidationError(
                _("Upload at most %(most)s files at a time."), params={"most": most}
            )
        return files


class UploadedArticleForm(ArticleFieldsForm):
    """One uploaded file between its preview and its save: its bytes ride along (base64,
    so that not one byte changes on the way), with the editor's corrections."""

    name = forms.CharField(max_length=255, widget=forms.HiddenInput)
    content = forms.CharField(widget=forms.HiddenInput, strip=False)

    def clean_content(self):
        try:
            data = b64decode(self.cleaned_data["content"], validate=True)
        except (binascii.Error, ValueError):
            raise forms.ValidationError(
                _("The file's content was damaged on the way; upload it again.")
            ) from None
        if len(data) > settings.ARTICLE_MAX_BYTES:
            raise forms.ValidationError(
                _("The file is %(size)s."), params={"size": too_large(len(data))}
            )
        return data


class BaseUploadedArticleFormSet(forms.BaseFormSet):
    def add_fields(self, form, index):
        super().add_fields(form, index)
        form.fields["DELETE"].label = _("Leave this file out")


UploadedArticleFormSet = forms.formset_factory(
    UploadedArticleForm,
    formset=BaseUploadedArticleFormSet,
    extra=0,
    can_delete=True,  # "leave this one out"
    max_num=settings.ARTICLE_UPLOAD_MAX_FILES,
    validate_max=True,
    absolute_max=settings.ARTICLE_UPLOAD_MAX_FILES,
)
