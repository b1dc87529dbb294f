"""The forms editors make and change stories with: a story (title, dek, working language,
sides), a proposition, the articles a story is told by, and the review queue's bulk marking.
They read and check what was typed; timeline.story_editing writes it."""

import re

from django import forms
from django.conf.locale import LANG_INFO
from django.core.exceptions import ValidationError
from django.utils.text import slugify
from django_countries import countries

from articles.language import SEARCH_CONFIGS
from articles.models import Article
from timeline.models import Proposition, Story
from timeline.story_editing import opened_at, slug_taken

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
                f"Line {number}: “{_shown(code)}” is not a country code. Start the line with "
                "a two-letter ISO 3166 code, then the side's name: “KP North Korea”."
            )
        elif code in line_of:
            errors.append(f"Line {number}: {code} is already a side, on line {line_of[code]}.")
        elif len(name) > SIDE_NAME_LENGTH:
            errors.append(
                f"Line {number}: the name of {code} has {len(name)} characters; at most "
                f"{SIDE_NAME_LENGTH}."
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
                f"The sides are at most {SIDES_TEXT_LENGTH:,} characters; these have "
                f"{len(text):,}. One side a line: a country code and a name."
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
            raise ValidationError(f"At most {self.max_words} words; these are {len(words)}.")
        for word in words:
            if len(word) > self.max_length:
                raise ValidationError(
                    f"Each is at most {self.max_length} characters: “{_shown(word, 40)}” has "
                    f"{len(word)}. Separate them with commas."
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
        """The fields the editor changed, as the history's reason names them."""
        labels = [str(self[name].label) for name in self.changed_data if name != "opened"]
        return [label[:1].lower() + label[1:] for label in labels]


class StoryForm(OpenedAtForm):
    sides = SidesField(
        required=False,
        help_text="One side a line, in the order of the lanes: a two-letter country code "
        "and its name, “KP North Korea”. A code alone gets the country's name.",
    )
    language = forms.ChoiceField(
        label="Working language",
        help_text="The language its propositions are written in.",
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
        help_texts = {
            # Help texts are drawn as HTML (Django marks them safe): no angle brackets.
            "slug": "The last part of its address, /stories/slug/. Left empty, it is made "
            "from the title.",
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
            self.add_error("slug", "The title has no letters an address can use: type a slug.")
        elif slug in RESERVED_SLUGS:
            self.add_error("slug", f"“{slug}” is the address of a page: pick another slug.")
        elif Story.objects.filter(slug=slug).exclude(pk=self.instance.pk).exists():
            self.add_error("slug", slug_taken(slug))
        else:
            cleaned["slug"] = slug
        return cleaned


class PropositionForm(OpenedAtForm):
    parties = forms.MultipleChoiceField(
        label="Parties concerned",
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text="The story's sides whose own admission confirms it; their denials dispute it.",
    )
    cues = WordsField(
        required=False,
        max_length=Proposition._meta.get_field("cues").base_field.max_length,
        help_text="Words that, in a claim's sentence, suggest it is about this proposition, "
        "separated by commas: senjata, amunisi, rudal.",
    )

    class Meta:
        model = Proposition
        fields = [
            "statement", "statement_en", "slug", "order", "parties", "is_quantity", "is_lead",
            "cues",
        ]  # fmt: skip
        help_texts = {"slug": "Left empty, it is made from the statement."}

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
            self.add_error("slug", "The statement has no letters an address can use: type a slug.")
        elif self.story.propositions.filter(slug=slug).exclude(pk=self.instance.pk).exists():
            self.add_error("slug", f"The story has another proposition “{slug}”: pick another.")
        else:
            cleaned["slug"] = slug
        return cleaned


class ArticlesToAddForm(forms.Form):
    articles = forms.ModelMultipleChoiceField(
        queryset=Article.objects.only("pk", "title"),
        error_messages={"required": "Tick the articles to add first."},
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
                raise ValidationError("The ticked claims came back unreadable: reload the queue.")
            pairs[int(match[1])] = int(match[2])
        if len(pairs) > MARK_AT_ONCE:
            raise ValidationError(f"Mark at most {MARK_AT_ONCE} claims at once.")
        return pairs

    def validate(self, value):
        if not value:
            raise ValidationError("Tick the drafts to mark reviewed first.")


class MarkReviewedForm(forms.Form):
    claims = ClaimVersionsField()
