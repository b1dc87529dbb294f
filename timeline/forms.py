"""The editor's forms: a claim on a span of an article, and a new actor.

A claim's span comes either from a selection (start and end, which the server checks
against the quote) or, without JavaScript, from a pasted quote that the server looks up in
the article, using a few words around it when it occurs more than once.
"""

import re
from datetime import timedelta

from django import forms
from django.core.exceptions import ValidationError

from articles.dates import ARTICLE_DATE, FoundDate, date_from_article, date_in
from articles.models import Precision
from timeline.anchoring import occurrences
from timeline.models import ACTOR_NAME_TAKEN, Actor, Claim

ARTICLE_DATE_EVIDENCE = ARTICLE_DATE
DATE_HELP = "Year-month-day. A week, month or year is kept as its first day."
DATE_ERRORS = {"invalid": "Enter a real date, as year-month-day (for example 2024-10-30)."}

# A sentence ends at . ! ? or … (perhaps followed by closing quotes or brackets) and a space,
# or at a line break. "10.000" has no space after its dot.
_SENTENCE_END = re.compile(r"[.!?…][\"”’')]*\s+|\n+")


def sentence_around(body: str, start: int, end: int) -> tuple[int, int]:
    """The offsets of the sentence (or sentences) that contain body[start:end]."""
    left, right = 0, len(body)
    for match in _SENTENCE_END.finditer(body):
        if match.end() <= start:
            left = match.end()
        elif match.start() >= end:
            right = match.start() + (1 if body[match.start()] in ".!?…" else 0)
            break
    return left, right


def article_reference(article) -> FoundDate | None:
    """The article's own date as articles.dates takes it: relative phrases resolve against it."""
    return article.date_reference()


def suggested_date(article, start: int, end: int) -> tuple:
    """(date, precision, evidence) for a claim on body[start:end]: the first date expression
    of its sentence, resolved against the article's date; else the article's date (for an
    article dated within a range of days, its first day, the range in the evidence)."""
    left, right = sentence_around(article.body, start, end)
    reference = article.date_reference()
    found = date_in(article.body[left:right], reference=reference, language=article.language)
    if found is not None:
        return found.value, found.precision, found.evidence
    return date_from_article(reference)


def selection_initial(article, start, end) -> dict | None:
    """Initial values of a claim form for a selection: the exact quote (trimmed of the
    spaces a mouse selection picks up), and the suggested date with its evidence. None when
    the offsets do not make a span of the article."""
    try:
        start, end = int(start), int(end)
    except (TypeError, ValueError):
        return None
    body = article.body
    if not 0 <= start < end <= len(body):
        return None
    while start < end and body[start].isspace():
        start += 1
    while end > start and body[end - 1].isspace():
        end -= 1
    if start == end:
        return None
    stated_on, precision, evidence = suggested_date(article, start, end)
    return {
        "start": start,
        "end": end,
        "quote": body[start:end],
        "stated_on": stated_on,
        "stated_precision": precision,
        "stated_evidence": evidence,
    }


def at_period_start(value, precision):
    """A coarse date as its period's first day, as articles.dates stores them."""
    if value is None:
        return None
    if precision == Precision.YEAR:
        return value.replace(month=1, day=1)
    if precision == Precision.MONTH:
        return value.replace(day=1)
    if precision == Precision.WEEK:
        return value - timedelta(days=value.weekday())
    return value


def _squeeze(text: str) -> str:
    return " ".join(text.split())


def locate(body: str, quote: str, *, before: str = "", after: str = "") -> tuple[int, int]:
    """Where a pasted quote stands in `body`, as (start, end). Raises ValidationError (for the
    quote field) when it is not there, or when it occurs more than once and the words pasted
    before or after it do not single one occurrence out."""
    quote = quote.strip()
    spans = [(at, at + len(quote)) for at in occurrences(body, quote)]
    if not spans and quote:
        # A paste may break lines or space words differently from the stored text.
        pattern = re.compile(r"\s+".join(re.escape(word) for word in quote.split()))
        spans = [match.span() for match in pattern.finditer(body)]
    if not spans:
        raise ValidationError(
            "This text is not in the article. Copy it exactly from the article text "
            "(same spelling and punctuation).",
            code="not_found",
        )
    if len(spans) == 1:
        return spans[0]
    before, after = _squeeze(before), _squeeze(after)
    if not (before or after):
        raise ValidationError(
            f"This text occurs {len(spans)} times in the article: add some of the words "
            "around it (before or after) so the right one can be found.",
            code="ambiguous",
        )
    fitting = [
        (start, end)
        for start, end in spans
        if _squeeze(body[max(0, start - len(before) - 40) : start]).endswith(before)
        and _squeeze(body[end : end + len(after) + 40]).startswith(after)
    ]
    if len(fitting) == 1:
        return fitting[0]
    if not fitting:
        raise ValidationError(
            f"This text occurs {len(spans)} times in the article, but none of them has "
            "those words around it. Copy the words around it exactly.",
            code="context_not_found",
        )
    raise ValidationError(
        f"This text still occurs {len(fitting)} times with those words around it: add more "
        "of them.",
        code="ambiguous",
    )


class ThousandsField(forms.IntegerField):
    """A whole number, written 10000, 10.000 (Indonesian style) or 10,000."""

    default_error_messages = {"invalid": "Enter a whole number, like 10000 or 10.000."}

    def to_python(self, value):
        if isinstance(value, str) and re.fullmatch(r"\s*\d{1,3}([.,\s]\d{3})+\s*", value):
            value = re.sub(r"[.,\s]", "", value)
        return super().to_python(value)


class ActorChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, actor):
        if actor.affiliation_id:
            return f"{actor.name} ({actor.affiliation.name})"
        return actor.name


def actor_choices():
    return Actor.objects.select_related("affiliation").order_by("name")


class ClaimForm(forms.ModelForm):
    context_before = forms.CharField(
        label="Words just before it",
        required=False,
        max_length=200,
        help_text="Only needed when the text occurs more than once in the article.",
    )
    context_after = forms.CharField(label="Words just after it", required=False, max_length=200)
    version = forms.IntegerField(widget=forms.HiddenInput, required=False, min_value=1)

    class Meta:
        model = Claim
        fields = Claim.EDITABLE_FIELDS
        field_classes = {
            "actor": ActorChoiceField,
            "via": ActorChoiceField,
            "number": ThousandsField,
            "number_max": ThousandsField,
        }
        widgets = {
            "start": forms.HiddenInput,
            "end": forms.HiddenInput,
            "quote": forms.Textarea(attrs={"rows": 3}),
            "stated_on": forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
            "event_on": forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
            "note": forms.Textarea(attrs={"rows": 2}),
            "number": forms.TextInput(attrs={"inputmode": "numeric"}),
            "number_max": forms.TextInput(attrs={"inputmode": "numeric"}),
        }
        labels = {
            "quote": "Quote",
            "actor": "Who says it",
            "via": "Relayed by",
            "number": "Number",
            "number_max": "Up to",
            "stated_on": "Stated on",
            "stated_precision": "Precision",
            "stated_evidence": "Date evidence",
            "event_on": "Event date",
            "event_precision": "Event date precision",
        }
        help_texts = {
            "quote": "The exact words of the article.",
            "number": "Required for troop and casualty counts.",
            "number_max": "For a range (“10.000 hingga 12.000”); else leave empty.",
            "stated_on": "Leave empty to use the date in the sentence, else the article's date.",
            "stated_evidence": "The phrase the date comes from, e.g. “Rabu (30/10)”.",
            "event_on": "When what it describes happened, if the text says.",
        }
        error_messages = {
            "actor": {"required": "Pick who makes this claim (search by name or alias)."},
            "kind": {"required": "Pick what kind of claim this is."},
            "quote": {"required": "Select or paste the words of the claim."},
            "stated_on": DATE_ERRORS,
            "event_on": DATE_ERRORS,
            "note": {
                "max_length": "Keep the note to %(limit_value)d characters (it has "
                "%(show_value)d): link to a longer text instead."
            },
        }

    def __init__(self, *args, article, **kwargs):
        super().__init__(*args, **kwargs)
        self.article = article
        self.instance.article = article
        self.fields["quote"].strip = False  # offsets must match the text character for character
        self.fields["start"].required = self.fields["end"].required = False
        self.fields["actor"].queryset = self.fields["via"].queryset = actor_choices()
        self.fields["stated_on"].help_text += " " + DATE_HELP
        self.fields["event_on"].help_text += " " + DATE_HELP
        self._span_error = False
        if self.instance.pk:
            self.fields["version"].required = True
            self.fields["version"].initial = self.instance.version
            if self.instance.orphaned:  # the editor pastes the quote to anchor it again
                self.initial["start"] = self.initial["end"] = None

    @property
    def is_selection(self) -> bool:
        """The span comes with offsets (a selection, a suggestion, an anchored claim): the
        quote is shown, not typed."""
        source = self.data if self.is_bound else self.initial
        return source.get("start") not in (None, "") and source.get("end") not in (None, "")

    def clean(self):
        cleaned = super().clean()
        quote = cleaned.get("quote")
        start, end = cleaned.get("start"), cleaned.get("end")
        if quote and (start is None) != (end is None):
            self._span_failed("Select the text again: the selection lost one of its ends.")
        elif quote and start is None:
            self._locate(cleaned, quote)
        elif quote and not 0 <= start < end <= len(self.article.body):
            self._span_failed("Select the text again: that span is not in the article.")
        start, end = cleaned.get("start"), cleaned.get("end")
        if cleaned.get("stated_on") is None and start is not None and not self._span_error:
            stated_on, precision, evidence = suggested_date(self.article, start, end)
            cleaned["stated_on"] = stated_on
            if stated_on is not None:
                cleaned["stated_precision"] = precision
                cleaned["stated_evidence"] = cleaned.get("stated_evidence") or evidence
        for day, precision in (("stated_on", "stated_precision"), ("event_on", "event_precision")):
            if cleaned.get(day) and cleaned.get(precision):
                cleaned[day] = at_period_start(cleaned[day], cleaned[precision])
        return cleaned

    def _locate(self, cleaned, quote):
        try:
            start, end = locate(
                self.article.body,
                quote,
                before=cleaned.get("context_before", ""),
                after=cleaned.get("context_after", ""),
            )
        except ValidationError as error:
            claim = self.instance
            if claim.pk and claim.orphaned and quote.strip() == claim.quote.strip():
                # Still orphaned: the other fields may be edited all the same.
                cleaned["start"], cleaned["end"], cleaned["quote"] = (
                    claim.start,
                    claim.end,
                    claim.quote,
                )
                return
            self._span_failed(error)
            return
        cleaned["start"], cleaned["end"] = start, end
        cleaned["quote"] = self.article.body[start:end]

    def _span_failed(self, error):
        self._span_error = True
        self.add_error("quote", error)

    def _update_errors(self, errors):
        # One message per field: where the form's own check already spoke, the model's
        # version of the same rule would only repeat it.
        if hasattr(errors, "error_dict"):
            for name in [n for n in errors.error_dict if n in self._errors]:
                del errors.error_dict[name]
            if not errors.error_dict:
                return
        super()._update_errors(errors)

    def _get_validation_exclusions(self):
        exclude = super()._get_validation_exclusions()
        if self._span_error:  # said once, on the quote; the span's own checks would repeat it
            exclude.update({"start", "end"})
        return exclude

    def claim_fields(self) -> dict:
        """The cleaned values that make the claim, for timeline.editing."""
        return {name: self.cleaned_data[name] for name in self._meta.fields}


class ActorForm(forms.ModelForm):
    prefix = "new-actor"  # it shares a page with the claim form, which has a `kind` too
    country = forms.CharField(
        label="Country (two letters)",
        required=False,
        max_length=20,  # room for a mistake that clean_country can explain
        help_text="ISO 3166 code of the side it speaks for: KP, RU, UA, US, KR.",
    )
    aliases = forms.CharField(
        required=False,
        max_length=1000,
        help_text="Other names in the texts, separated by commas: Korut, Korea Utara, DPRK.",
    )

    class Meta:
        model = Actor
        fields = ["name", "kind", "country", "affiliation"]
        field_classes = {"affiliation": ActorChoiceField}
        # Distinct from the claim form's labels, which share the page ("Kind").
        labels = {"name": "Actor's name", "kind": "Kind of actor", "affiliation": "Speaks for"}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["affiliation"].queryset = actor_choices()

    def clean_name(self):
        name = " ".join(self.cleaned_data["name"].split())
        existing = Actor.objects.named(name).first()
        if existing is not None:  # checked again, under a lock, when it is saved
            raise ValidationError(ACTOR_NAME_TAKEN.format(name=existing.name), code="unique")
        return name

    def clean_country(self):
        country = self.cleaned_data["country"].strip().upper()
        if country and not re.fullmatch(r"[A-Z]{2}", country):
            raise ValidationError("Use the two-letter country code, e.g. KP, RU, UA, US.")
        return country

    def clean_aliases(self):
        aliases = [a.strip() for a in self.cleaned_data["aliases"].split(",") if a.strip()]
        limit = Actor._meta.get_field("aliases").base_field.max_length
        too_long = [a for a in aliases if len(a) > limit]
        if too_long:
            alias = too_long[0]
            shown = alias if len(alias) <= 40 else alias[:40] + "…"
            raise ValidationError(
                f"An alias is at most {limit} characters: “{shown}” has {len(alias)}. "
                "Separate aliases with commas."
            )
        return aliases

    def actor_fields(self) -> dict:
        return {name: self.cleaned_data[name] for name in [*self._meta.fields, "aliases"]}
