"""The editor's forms: a claim on a span of an article, a new actor, a new proposition.

A claim's span comes either from a selection (start and end, which the server checks
against the quote) or, without JavaScript, from a pasted quote that the server looks up in
the article (timeline.anchoring.locate), using a few words around it when it occurs more
than once. Its date, when the editor gives none, is its sentence's (timeline.span_dates).
A claim is tagged for one story: its proposition is one of that story's.
"""

import re

from django import forms
from django.conf import settings
from django.core.exceptions import NON_FIELD_ERRORS, ValidationError
from django.utils import translation
from django.utils.text import slugify
from django.utils.translation import get_language_info, gettext
from django.utils.translation import gettext_lazy as _
from django_countries import countries

from articles.formats import format_number
from articles.language import language_name
from articles.precision import period_start
from articles.sentences import sentence_around
from timeline.anchoring import locate
from timeline.models import ACTOR_NAME_TAKEN, Actor, Claim, Proposition
from timeline.span_dates import ARTICLE_DATE, ARTICLE_DATE_LABEL, claim_date
from timeline.story_forms import WordsField
from timeline.suggest.tagging import suggest_tags
from timeline.vocabulary import COUNT_KINDS, DISPUTES, KIND_STANCES, SUPPORTS, TOTAL, kind_label

# What the date fields' calendar (<input type="date">) asks for, and what happens to it.
DATE_HELP = _(
    "Pick the day in the calendar. For a week, month or year, pick any day in it and set "
    "the precision: the period's first day is kept."
)
DATE_ERRORS = {"invalid": _("Enter a real date, as year-month-day (for example 2024-10-30).")}


class ThousandsField(forms.IntegerField):
    """A whole number, written 10000, 10.000 (Indonesian style) or 10,000, whatever the
    language of the page: editors type numbers as the texts they quote write them."""

    default_error_messages = {"invalid": _("Enter a whole number, like 10000 or 10.000.")}

    def to_python(self, value):
        if isinstance(value, str) and re.fullmatch(r"\s*\d{1,3}([.,\s]\d{3})+\s*", value):
            value = re.sub(r"[.,\s]", "", value)
        return super().to_python(value)


def _article_date_labels() -> frozenset[str]:
    """ARTICLE_DATE_LABEL as each of the site's languages says it, casefolded."""
    labels = set()
    for code, _name in settings.LANGUAGES:
        with translation.override(code):
            labels.add(str(ARTICLE_DATE_LABEL).casefold())
    return frozenset(labels)


class EvidenceField(forms.CharField):
    """Where a date comes from. The stored token for the article's own date
    (span_dates.ARTICLE_DATE) is shown as people say it, and may be typed so in any of the
    site's languages ("the article's date", "tanggal artikel")."""

    def prepare_value(self, value):
        return str(ARTICLE_DATE_LABEL) if value == ARTICLE_DATE else value

    def to_python(self, value):
        value = super().to_python(value)
        return ARTICLE_DATE if value.strip().casefold() in _article_date_labels() else value


class ActorChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, actor):
        if actor.affiliation_id:
            return f"{actor.name} ({actor.affiliation.name})"
        return actor.name


def actor_choices():
    return Actor.objects.select_related("affiliation").order_by("name")


class PropositionChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, proposition):
        # In the story's language, and in English beside it for an editor who reads the
        # page in another language than the story's.
        english = proposition.statement_en
        in_story_language = translation.get_language() == proposition.story.language
        if english and english != proposition.statement and not in_story_language:
            return f"{proposition.statement} ({english})"
        return proposition.statement


# What a claim is about: the fields the rules may suggest (timeline.suggest.tagging).
TAG_FIELDS = ("proposition", "stance", "number_role")


def _whole(value) -> int | None:
    try:
        return int(value)
    except (TypeError, ValueError):
        return None


class ClaimForm(forms.ModelForm):
    context_before = forms.CharField(
        label=_("Words just before it"),
        required=False,
        max_length=200,
        help_text=_("Only needed when the text occurs more than once in the article."),
    )
    context_after = forms.CharField(label=_("Words just after it"), required=False, max_length=200)
    version = forms.IntegerField(widget=forms.HiddenInput, required=False, min_value=1)

    class Meta:
        model = Claim
        fields = Claim.EDITABLE_FIELDS
        field_classes = {
            "actor": ActorChoiceField,
            "via": ActorChoiceField,
            "proposition": PropositionChoiceField,
            "number": ThousandsField,
            "number_max": ThousandsField,
            "stated_evidence": EvidenceField,
        }
        widgets = {
            "start": forms.HiddenInput,
            "end": forms.HiddenInput,
            "quote": forms.Textarea(attrs={"rows": 3}),
            "stated_on": forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
            "event_on": forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
            "note": forms.Textarea(attrs={"rows": 2}),
            "internal_note": forms.Textarea(attrs={"rows": 2}),
            "number": forms.TextInput(attrs={"inputmode": "numeric"}),
            "number_max": forms.TextInput(attrs={"inputmode": "numeric"}),
        }
        labels = {
            "quote": _("Quote"),
            "actor": _("Who says it"),
            "via": _("Relayed by"),
            "kind": _("Kind"),
            "proposition": _("Proposition"),
            "stance": _("Stance on it"),
            "number": _("Number"),
            "number_role": _("What the number counts"),
            "number_max": _("Up to"),
            "stated_on": _("Stated on"),
            "stated_precision": _("Precision"),
            "stated_evidence": _("Date evidence"),
            "event_on": _("Event date"),
            "event_precision": _("Event date precision"),
            "status": _("Status"),
            "note": _("Public note"),
            "internal_note": _("Internal note (editors only)"),
        }
        help_texts = {
            "quote": _("The exact words of the article."),
            "via": _("The outlet or agency it was relayed through (“seperti dilansir KCNA”)."),
            "proposition": _("What the claim is about, among the story's propositions."),
            "stance": _("Whether the claim supports or disputes the proposition."),
            "number_role": _(
                "Counts only: a total, a part of one (3.000 bala bantuan) or a change."
            ),
            "number": _("Required for troop and casualty counts."),
            "number_max": _("For a range (“10.000 hingga 12.000”); else leave empty."),
            "stated_on": _("Leave empty to use the date in the sentence, else the article's date."),
            "event_on": _("When what it describes happened, if the text says."),
            "note": _("Public: readers see it on the claim page, in its history and in exports."),
            "internal_note": _("Only editors see it: never readers, their history or exports."),
        }
        error_messages = {
            "actor": {"required": _("Pick who makes this claim (search by name or alias).")},
            "kind": {"required": _("Pick what kind of claim this is.")},
            "proposition": {
                "invalid_choice": _(
                    "That is not a proposition of this story: pick one from the list."
                )
            },
            "quote": {"required": _("Select or paste the words of the claim.")},
            "stated_on": DATE_ERRORS,
            "event_on": DATE_ERRORS,
            "note": {
                "max_length": _(
                    "Keep the note to %(limit_value)d characters (it has %(show_value)d): "
                    "link to a longer text instead."
                )
            },
        }

    def __init__(self, *args, article, story=None, suggest=False, **kwargs):
        """`story`: the story a new claim is tagged for (an edited claim keeps its own).
        `suggest`: an unbound form prefills, for the span in its initial values, what the
        rules can tell of its proposition, stance and role that the initial values leave
        empty (`suggested`), and says next to each that it is a suggestion."""
        super().__init__(*args, **kwargs)
        self.article = article
        self.instance.article = article
        if self.instance.story_id is None and story is not None:
            self.instance.story = story
        self.story = self.instance.story if self.instance.story_id else None
        self._span_error = False
        self.fields["quote"].strip = False  # offsets must match the text character for character
        self.fields["start"].required = self.fields["end"].required = False
        self.fields["actor"].queryset = self.fields["via"].queryset = actor_choices()
        self.fields["actor"].empty_label = gettext("Pick who says it")
        self.fields["via"].empty_label = gettext("Nobody (said directly)")
        self.fields["kind"].choices = [("", gettext("Pick a kind")), *Claim.Kind.choices]
        self.fields["proposition"].queryset = (
            self.story.propositions.all() if self.story else Proposition.objects.none()
        )
        self.fields["proposition"].empty_label = gettext("Not yet on a proposition")
        self.fields["stance"].choices = [
            ("", gettext("None (not on a proposition)")),
            *Claim.Stance.choices,
        ]
        self.fields["number_role"].choices = [
            ("", gettext("Not a count")),
            *Claim.NumberRole.choices,
        ]
        self.fields["stated_evidence"].help_text = gettext(
            "The phrase the date comes from, e.g. “Rabu (30/10)”, or “%(article_date)s”."
        ) % {"article_date": ARTICLE_DATE_LABEL}
        self.suggested = self._suggestions() if suggest and not self.is_bound else {}
        for name, suggestion in self.suggested.items():
            self.initial[name] = suggestion.value
            self.fields[name].help_text = suggestion.why
        self.fields["stated_on"].help_text = f"{self.fields['stated_on'].help_text} {DATE_HELP}"
        self.fields["event_on"].help_text = f"{self.fields['event_on'].help_text} {DATE_HELP}"
        if self.instance.pk:
            self.fields["version"].required = True
            self.fields["version"].initial = self.instance.version
            if self.instance.orphaned:  # the editor pastes the quote to anchor it again
                self.initial["start"] = self.initial["end"] = None

    def _suggestions(self) -> dict:
        """timeline.suggest.tagging.suggest_tags for the initial quote, kind and number: the
        proposition from the span's sentence (from the quote alone when it is pasted)."""
        quote = self.initial.get("quote") or ""
        start, end = _whole(self.initial.get("start")), _whole(self.initial.get("end"))
        if self.article is not None and self._is_span(start, end):
            quote = self.article.body[start:end]
            sentence = self.article.body[slice(*sentence_around(self.article.body, start, end))]
        else:
            sentence = quote
        try:
            number = ThousandsField(required=False).clean(self.initial.get("number"))
        except ValidationError:
            number = None
        return suggest_tags(
            sentence,
            quote,
            kind=self.initial.get("kind") or "",
            number=number,
            propositions=list(self.fields["proposition"].queryset),
            given={name for name in TAG_FIELDS if self.initial.get(name) not in (None, "")},
        )

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
            self._span_failed(gettext("Select the text again: the selection lost one of its ends."))
        elif quote and start is None:
            self._locate(cleaned, quote)
        elif quote and not 0 <= start < end <= len(self.article.body):
            self._span_failed(gettext("Select the text again: that span is not in the article."))
        start, end = cleaned.get("start"), cleaned.get("end")
        if cleaned.get("stated_on") is None and self._is_span(start, end):
            stated_on, precision, evidence = claim_date(self.article, start, end)
            cleaned["stated_on"] = stated_on
            if stated_on is not None:
                cleaned["stated_precision"] = precision
                cleaned["stated_evidence"] = cleaned.get("stated_evidence") or evidence
        for day, precision in (("stated_on", "stated_precision"), ("event_on", "event_precision")):
            if cleaned.get(day) and cleaned.get(precision):
                cleaned[day] = period_start(cleaned[day], cleaned[precision])
        self._clean_tags(cleaned)
        return cleaned

    def _clean_tags(self, cleaned):
        """A count left without a role is a total (the usual case); a proposition picked
        without a stance is asked for one, with the kind's usual stance as a hint."""
        kind = cleaned.get("kind")
        if kind in COUNT_KINDS and not cleaned.get("number_role"):
            cleaned["number_role"] = TOTAL
        if cleaned.get("proposition") and not cleaned.get("stance"):
            hint = KIND_STANCES.get(kind)
            if hint == SUPPORTS:
                message = gettext(
                    "Say whether the claim supports or disputes the proposition: a %(kind)s "
                    "usually supports it."
                )
            elif hint == DISPUTES:
                message = gettext(
                    "Say whether the claim supports or disputes the proposition: a %(kind)s "
                    "usually disputes it."
                )
            else:
                message = gettext("Say whether the claim supports or disputes the proposition.")
            self.add_error("stance", message % {"kind": kind_label(kind)})

    def _is_span(self, start, end) -> bool:
        """Whether start and end (either may be missing: a field error said why) make a span
        of the article that the form has not refused."""
        return (
            not self._span_error
            and start is not None
            and end is not None
            and 0 <= start < end <= len(self.article.body)
        )

    def duplicate_claim(self):
        """The claim this one would repeat, when that is why it was refused (the form then
        links to it)."""
        if self.is_bound and self.has_error(NON_FIELD_ERRORS, "duplicate"):
            return self.instance.duplicate()
        return None

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
        # version of the same rule would only repeat it. What the model says of a field the
        # form has not (the article is not in the story) is said for the whole form.
        if hasattr(errors, "error_dict"):
            for name in [n for n in errors.error_dict if n in self._errors]:
                del errors.error_dict[name]
            for name in [n for n in errors.error_dict if n not in self.fields]:
                if name != NON_FIELD_ERRORS:
                    errors.error_dict.setdefault(NON_FIELD_ERRORS, []).extend(
                        errors.error_dict.pop(name)
                    )
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
    # Typed, not picked from 249 countries: editors know the codes; clean_country checks them.
    country = forms.CharField(
        label=_("Country (two letters)"),
        required=False,
        max_length=20,  # room for a mistake that clean_country can explain
        help_text=_("ISO 3166 code of the side it speaks for: KP, RU, UA, US, KR."),
    )
    aliases = forms.CharField(
        label=_("Aliases"),
        required=False,
        max_length=1000,
        help_text=_("Other names in the texts, separated by commas: Korut, Korea Utara, DPRK."),
    )

    class Meta:
        model = Actor
        fields = ["name", "kind", "country", "affiliation"]
        field_classes = {"affiliation": ActorChoiceField}
        # Distinct from the claim form's labels, which share the page ("Kind").
        labels = {
            "name": _("Actor's name"),
            "kind": _("Kind of actor"),
            "affiliation": _("Speaks for"),
        }
        help_texts = {
            "affiliation": _("The body it speaks for: Lloyd Austin → US Department of Defense."),
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["affiliation"].queryset = actor_choices()
        self.fields["affiliation"].empty_label = gettext("Nobody (it speaks for itself)")

    def clean_name(self):
        name = " ".join(self.cleaned_data["name"].split())
        existing = Actor.objects.named(name).first()
        if existing is not None:  # checked again, under a lock, when it is saved
            raise ValidationError(ACTOR_NAME_TAKEN.format(name=existing.name), code="unique")
        return name

    def clean_country(self):
        country = self.cleaned_data["country"].strip().upper()
        if country and country not in countries:
            raise ValidationError(
                gettext(
                    "“%(code)s” is no country's code. "
                    "Use the two-letter country code, e.g. KP, RU, UA, US."
                )
                % {"code": country}
            )
        return country

    def clean_aliases(self):
        aliases = [a.strip() for a in self.cleaned_data["aliases"].split(",") if a.strip()]
        limit = Actor._meta.get_field("aliases").base_field.max_length
        too_long = [a for a in aliases if len(a) > limit]
        if too_long:
            alias = too_long[0]
            shown = alias if len(alias) <= 40 else alias[:40] + "…"
            raise ValidationError(
                gettext(
                    "An alias is at most %(limit)s characters: “%(alias)s” has %(length)s. "
                    "Separate aliases with commas."
                )
                % {
                    "limit": format_number(limit),
                    "alias": shown,
                    "length": format_number(len(alias)),
                }
            )
        return aliases

    def actor_fields(self) -> dict:
        return {name: self.cleaned_data[name] for name in [*self._meta.fields, "aliases"]}


def _language_name(code: str) -> str:
    """A language's name in the page's language ("Indonesian", "Indonesia"), else its
    English name, else its code."""
    try:
        return str(get_language_info(code)["name_translated"])
    except KeyError:
        return language_name(code) or code


PROPOSITION_TAKEN = _("“%(statement)s” is already a proposition of this story: pick it instead.")


class InlinePropositionForm(forms.ModelForm):
    """A new proposition of `story`, added while tagging a claim: what a tagger knows of it
    (its slug and order follow; the story's own page edits all of it, with
    story_forms.PropositionForm). It shares the claim form's page, and its <form> when the
    browser has no JavaScript: hence the prefix."""

    prefix = "new-proposition"
    parties = forms.MultipleChoiceField(
        label=_("Parties concerned"),
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text=_("The story's sides whose own admission confirms it; their denials dispute it."),
    )
    cues = WordsField(
        label=_("Words that suggest it"),
        required=False,
        max_length=Proposition._meta.get_field("cues").base_field.max_length,
        widget=forms.Textarea(attrs={"rows": 1}),
        help_text=_(
            "Words that, in a claim's sentence, suggest it is about this proposition, "
            "separated by commas: senjata, amunisi, rudal."
        ),
    )

    class Meta:
        model = Proposition
        fields = ["statement", "statement_en", "parties", "is_quantity", "cues"]
        labels = {"is_quantity": _("About a quantity (how many)")}
        help_texts = {
            "statement": _("A short statement in the story's working language."),
            "is_quantity": _("How many: its total estimates make the chart's line."),
        }
        # Text areas: Enter in them neither adds the proposition by mistake nor saves the
        # claim form they sit in (whose first button, "Save claim", Enter presses).
        widgets = {
            "statement": forms.Textarea(attrs={"rows": 2}),
            "statement_en": forms.Textarea(attrs={"rows": 2}),
        }
        error_messages = {
            "statement": {"required": _("Write what is claimed, in a short sentence.")}
        }

    def __init__(self, *args, story, **kwargs):
        super().__init__(*args, instance=Proposition(story=story), **kwargs)
        self.story = story
        self.fields["statement"].label = gettext("Statement in %(language)s") % {
            "language": _language_name(story.language)
        }
        self.fields["statement_en"].label = gettext("Statement in English")
        if story.language == "en":  # the statement is already in English
            del self.fields["statement_en"]
        self.fields["parties"].choices = [(code, f"{code} {name}") for code, name in story.sides]

    def clean_statement(self):
        statement = " ".join(self.cleaned_data["statement"].split())
        existing = self.story.propositions.filter(statement__iexact=statement).first()
        if existing is not None:
            raise ValidationError(PROPOSITION_TAKEN % {"statement": existing.statement})
        return statement

    def clean_statement_en(self):
        return " ".join(self.cleaned_data["statement_en"].split())

    def clean(self):
        cleaned = super().clean()
        # Its address in the story, from the English statement when there is one (the
        # seed story's are English), free among the story's; last in the story's order.
        statement = cleaned.get("statement_en") or cleaned.get("statement") or ""
        self.instance.slug = self._free_slug(slugify(statement)[:96].strip("-") or "proposition")
        self.instance.order = self.story.propositions.count()
        return cleaned

    def _free_slug(self, base: str) -> str:
        taken = set(
            self.story.propositions.filter(slug__startswith=base).values_list("slug", flat=True)
        )
        slug, n = base, 2
        while slug in taken:
            slug, n = f"{base}-{n}", n + 1
        return slug


# The selects of the claim form that take an actor: who made the claim, and who relayed it.
ACTOR_FIELDS = ("actor", "via")


class ActorSearchForm(forms.Form):
    """The actor search's query string: the words searched (`q`), or the actor picked
    (`pick`, an id), and which select of the claim form it fills (`field`; anything else is
    the actor's)."""

    field = forms.ChoiceField(choices=[(name, name) for name in ACTOR_FIELDS], required=False)
    pick = forms.RegexField(r"\A\d{1,18}\Z", required=False, strip=False)  # bigint ids only
    # A plain Field: a query is read as far as it can be, never refused.
    q = forms.Field(required=False)

    def clean_q(self):
        return (self.cleaned_data["q"] or "")[:100].replace("\x00", "")  # PostgreSQL refuses NUL

    @property
    def actor_field(self) -> str:
        """The select to fill, whatever else the query holds."""
        return self.cleaned_data.get("field") or "actor"
