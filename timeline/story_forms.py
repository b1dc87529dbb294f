"""The forms editors make and change stories with: a story (title, dek, working language,
sides), a proposition, the articles a story is told by, and the review queue's bulk marking.
They read and check what was typed; timeline.story_editing writes it."""

import re

from django import forms
from django.conf.locale import LANG_INFO
from django.core.exceptions import ValidationError
from django.utils import translation
from django.utils.text import slugify
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _
from django_countries import countries

from articles.formats import format_number
from articles.language import SEARCH_CONFIGS
from articles.models import Article
from timeline.models import Proposition, Story
from timeline.story_editing import opened_at, proposition_slug_taken, slug_taken

# A story's working language is one the app reads articles in (articles.language).
WORKING_LANGUAGES = ["id", "en", "fr", *sorted(set(SEARCH_CONFIGS) - {"id", "en", "fr"})]
SIDE_NAME_LENGTH = 100  # as timeline.models.validate_sides allows
SIDES_TEXT_LENGTH = 5000  # dozens of sides; a story has a handful
# Addresses under /stories/ that are pages, not stories.
RESERVED_SLUGS = frozenset({"new"})
MARK_AT_ONCE = 200  # the review queue shows 50 drafts a page: room for a few pages' worth


def language_choices(current: str = "") -> list[tuple[str, str]]:
    codes = WORKING_LANGUAGES + ([current] if current and current not in WORKING_LANGUAGES else [])
    return [(code, LANG_INFO.get(code, {}).get("name_local", code)) for code in codes]


def _shown(text: str, limit: int = 20) -> str:
    return text if len(text) <= limit else text[:limit] + "…"


def parse_sides(text: str) -> list[list[str]]:
    """A story's sides from what an editor typed, one a line, a country code and a name:
    "KP North Korea\\nRU" -> [["KP", "North Korea"], ["RU", "Russia"]] (a line with only a
    code gets the country's name). Blank lines are skipped. Raises ValidationError with one
    message per bad line, each naming its line."""
    sides, errors, line_of = [], [], {}
    for number, line in enumerate(text.splitlines(), 1):
        code, _, name = " ".join(line.split()).partition(" ")
        if not code:
            continue
        code = code.upper()
        if not (len(code) == 2 and code.isascii() and code.isalpha() and countries.name(code)):
            errors.append(
                gettext(
                    "Line %(line)s: “%(code)s” is not a country code. Start the line with a "
                    "two-letter ISO 3166 code, then the side's name: “KP North Korea”."
                )
                % {"line": number, "code": _shown(code)}
            )
        elif code in line_of:
            errors.append(
                gettext("Line %(line)s: %(code)s is already a side, on line %(first)s.")
                % {"line": number, "code": code, "first": line_of[code]}
            )
        elif len(name) > SIDE_NAME_LENGTH:
            errors.append(
                gettext(
                    "Line %(line)s: the name of %(code)s has %(length)s characters; at most "
                    "%(limit)s."
                )
                % {"line": number, "code": code, "length": len(name), "limit": SIDE_NAME_LENGTH}
            )
        else:
            line_of[code] = number
            sides.append([code, name or str(countries.name(code))])
    if errors:
        raise ValidationError(errors)
    return sides


class SidesField(forms.Field):
    """A story's sides as a plain textarea, one side a line (parse_sides)."""

    widget = forms.Textarea(attrs={"rows": 6})

    def prepare_value(self, value):
        if isinstance(value, list):
            return "\n".join(f"{code} {name}" for code, name in value)
        return value

    def to_python(self, value):
        text = value or ""
        if len(text) > SIDES_TEXT_LENGTH:
            raise ValidationError(
                gettext(
                    "The sides are at most %(limit)s characters; these have %(length)s. One "
                    "side a line: a country code and a name."
                )
                % {"limit": format_number(SIDES_TEXT_LENGTH), "length": format_number(len(text))}
            )
        return parse_sides(text)


class WordsField(forms.Field):
    """Words or short phrases separated by commas, as a list; each at most `max_length`."""

    def __init__(self, *, max_length: int, max_words: int = 50, **kwargs):
        self.max_length, self.max_words = max_length, max_words
        super().__init__(**kwargs)

    def prepare_value(self, value):
        return ", ".join(value) if isinstance(value, list) else value

    def to_python(self, value):
        words = list(dict.fromkeys(w.strip() for w in re.split(r"[,\n]", value or "") if w.strip()))
        if len(words) > self.max_words:
            raise ValidationError(
                gettext("At most %(limit)s words; these are %(count)s.")
                % {"limit": self.max_words, "count": len(words)}
            )
        for word in words:
            if len(word) > self.max_length:
                raise ValidationError(
                    gettext(
                        "Each is at most %(limit)s characters: “%(word)s” has %(length)s. "
                        "Separate them with commas."
                    )
                    % {"limit": self.max_length, "word": _shown(word, 40), "length": len(word)}
                )
        return words


class OpenedAtForm(forms.ModelForm):
    """An edit form that remembers when its object was last saved (story_editing.opened_at),
    so that a save made on an older one is refused instead of overwriting it."""

    opened = forms.CharField(widget=forms.HiddenInput, required=False, max_length=40)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["opened"].initial = opened_at(self.instance)

    def changed_labels(self) -> list[str]:
        """The fields the editor changed, as the history's reason names them: in the code's
        words, whatever the editor's language (the history is stored once, for everyone)."""
        with translation.override(None):
            labels = [str(self[name].label) for name in self.changed_data if name != "opened"]
        return [label[:1].lower() + label[1:] for label in labels]


class StoryForm(OpenedAtForm):
    sides = SidesField(
        label=_("Sides"),
        required=False,
        help_text=_(
            "One side a line, in the order of the lanes: a two-letter country code and its "
            "name, “KP North Korea”. A code alone gets the country's name."
        ),
    )
    language = forms.ChoiceField(
        label=_("Working language"),
        help_text=_("The language its propositions are written in."),
    )

    class Meta:
        model = Story
        fields = [
            "title", "title_en", "slug", "dek", "dek_en", "language", "sides", "is_published",
        ]  # fmt: skip
        widgets = {
            "dek": forms.Textarea(attrs={"rows": 4}),
            "dek_en": forms.Textarea(attrs={"rows": 4}),
        }
        # The editor's words for the model's fields (the history's reasons name the fields
        # changed by these labels, in English).
        labels = {
            "title": _("Title"),
            "title_en": _("Title in English"),
            "slug": _("Slug"),
            "dek": _("Dek"),
            "dek_en": _("Dek in English"),
            "is_published": _("Published"),
        }
        help_texts = {
            "title_en": _("When the story is not in English."),
            # Help texts are drawn as HTML (Django marks them safe): no angle brackets.
            "slug": _(
                "The last part of its address, /stories/slug/. Left empty, it is made from "
                "the title."
            ),
            "dek": _("A paragraph that tells readers what it is about."),
            "is_published": _("Readers see published stories only."),
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["slug"].required = False
        self.fields["language"].choices = language_choices(self.instance.language)

    def clean(self):
        cleaned = super().clean()
        slug = cleaned.get("slug") or slugify(cleaned.get("title", ""))[:100].strip("-")
        if "slug" in self.errors or "title" in self.errors:
            return cleaned
        if not slug:
            self.add_error(
                "slug", gettext("The title has no letters an address can use: type a slug.")
            )
        elif slug in RESERVED_SLUGS:
            self.add_error(
                "slug",
                gettext("“%(slug)s” is the address of a page: pick another slug.") % {"slug": slug},
            )
        elif Story.objects.filter(slug=slug).exclude(pk=self.instance.pk).exists():
            self.add_error("slug", slug_taken(slug))
        else:
            cleaned["slug"] = slug
        return cleaned


class PropositionForm(OpenedAtForm):
    parties = forms.MultipleChoiceField(
        label=_("Parties concerned"),
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text=_("The story's sides whose own admission confirms it; their denials dispute it."),
    )
    cues = WordsField(
        label=_("Cues"),
        required=False,
        max_length=Proposition._meta.get_field("cues").base_field.max_length,
        help_text=_(
            "Words that, in a claim's sentence, suggest it is about this proposition, "
            "separated by commas: senjata, amunisi, rudal."
        ),
    )

    class Meta:
        model = Proposition
        fields = [
            "statement", "statement_en", "slug", "order", "parties", "is_quantity", "is_lead",
            "cues",
        ]  # fmt: skip
        # The editor's words for the model's fields (the history's reasons name the fields
        # changed by these labels, in English).
        labels = {
            "statement": _("Statement"),
            "statement_en": _("Statement in English"),
            "slug": _("Slug"),
            "order": _("Order"),
            "is_quantity": _("About a quantity"),
            "is_lead": _("Lead"),
        }
        help_texts = {
            "statement": _("A short statement in the story's working language."),
            "slug": _("Left empty, it is made from the statement."),
            "is_quantity": _("How many: its total estimates make the chart's line."),
            "is_lead": _("The story's main proposition: its lanes by default."),
        }

    def __init__(self, *args, story: Story, **kwargs):
        kwargs["instance"] = kwargs.get("instance") or Proposition(story=story)
        super().__init__(*args, **kwargs)
        self.story = story
        self.fields["slug"].required = False
        self.fields["parties"].choices = [(code, f"{code} {name}") for code, name in story.sides]
        if self.instance.pk is None:  # after the last; the lead when the story has none
            self.initial["order"] = story.propositions.count()
            self.initial["is_lead"] = not story.propositions.filter(is_lead=True).exists()

    def clean(self):
        cleaned = super().clean()
        if "slug" in self.errors or "statement" in self.errors:
            return cleaned
        slug = cleaned.get("slug") or slugify(cleaned.get("statement", ""))[:100].strip("-")
        if not slug:
            self.add_error(
                "slug", gettext("The statement has no letters an address can use: type a slug.")
            )
        elif self.story.propositions.filter(slug=slug).exclude(pk=self.instance.pk).exists():
            self.add_error("slug", proposition_slug_taken(slug))
        else:
            cleaned["slug"] = slug
        return cleaned


class ArticlesToAddForm(forms.Form):
    articles = forms.ModelMultipleChoiceField(
        queryset=Article.objects.only("pk", "title"),
        error_messages={"required": _("Tick the articles to add first.")},
    )
    q = forms.CharField(required=False, max_length=200)  # the search to go back to


class ClaimVersionsField(forms.Field):
    """The review queue's ticked claims, each "pk:version" (the version the queue showed),
    as {pk: version}."""

    widget = forms.MultipleHiddenInput  # the template draws the checkboxes
    PAIR = re.compile(r"(\d{1,18}):(\d{1,9})")

    def to_python(self, value):
        pairs = {}
        for item in value or []:
            match = self.PAIR.fullmatch(item)
            if not match:
                raise ValidationError(
                    gettext("The ticked claims came back unreadable: reload the queue.")
                )
            pairs[int(match[1])] = int(match[2])
        if len(pairs) > MARK_AT_ONCE:
            raise ValidationError(
                gettext("Mark at most %(limit)s claims at once.") % {"limit": MARK_AT_ONCE}
            )
        return pairs

    def validate(self, value):
        if not value:
            raise ValidationError(gettext("Tick the drafts to mark reviewed first."))


class MarkReviewedForm(forms.Form):
    claims = ClaimVersionsField()
