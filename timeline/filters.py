"""The timeline's filters: one GET form, used by the page, the three exports and the
export_timeline command, so that all of them show the same rows for the same query string.

    claims = story.claims_visible_to(request.user)
    form, claims = filtered_claims(request.GET, claims, ActorDirectory.load(), story)
    # form.errors to show, or claims: claims.timeline(form.filters())

Every value is checked: an unknown proposition, actor, side, kind, stance, article or
outlet, a bad date or a range that ends before it starts is a form error, never a 500.
"""

from functools import partial

from django import forms
from django.db.models import Exists, F, OuterRef, QuerySet
from django.forms.utils import flatatt
from django.http import QueryDict
from django.utils.html import format_html, format_html_join
from django.utils.safestring import mark_safe
from django.utils.translation import get_language, gettext, pgettext_lazy
from django.utils.translation import gettext_lazy as _

from articles.formats import format_date, format_day_range
from articles.models import Article, Outlet
from articles.validators import validate_plausible_date
from timeline.models import Actor, Claim
from timeline.story import Scope, lane_of, side_name
from timeline.vocabulary import STANCES

# Articles listed in the filter (newest first); an older one still works from its link.
ARTICLE_CHOICES = 300

# The filters, by the names they have in a URL (`/?side=KP&kind=denial&from=2024-10-01`), in
# the order a shared URL lists them.
FILTER_FIELDS = (
    "proposition",
    "actor",
    "side",
    "kind",
    "stance",
    "from",
    "to",
    "article",
    "outlet",
    "status",
    "q",
)
# The names the date filters had before: links already shared with them keep working.
OLD_NAMES = {"date_from": "from", "date_to": "to"}


class ActorDirectory:
    """Every actor, read once (one query), each with its stored side and its affiliation
    linked in memory: names each claim's side and affiliation, and lists the actors, without
    a query per claim."""

    def __init__(self, actors):
        self.by_pk = {actor.pk: actor for actor in actors}
        for actor in actors:
            if actor.affiliation_id:
                actor.affiliation = self.by_pk.get(actor.affiliation_id)
        self.by_slug = {actor.slug: actor for actor in actors}

    @classmethod
    def load(cls) -> "ActorDirectory":
        fields = ("pk", "name", "slug", "kind", "side", "affiliation_id")
        return cls(list(Actor.objects.only(*fields).order_by("name", "pk")))

    def __iter__(self):
        return iter(self.by_pk.values())

    def side(self, actor_id) -> str:
        actor = self.by_pk.get(actor_id)
        return actor.side if actor else ""

    def lane(self, actor_id, codes) -> str:
        """The lane of the actor's claims, among a story's side `codes`."""
        return lane_of(self.side(actor_id), codes)

    def sides(self, first=()) -> list[str]:
        """The sides the actors speak for, as ISO codes: those of `first` (a story's side
        codes) in its order, then the others by name."""
        codes = {actor.side for actor in self} - {""}
        main = [code for code in first if code in codes]
        return main + sorted(codes - set(main), key=side_name)

    def story_actors(self) -> dict[int, tuple[str, str]]:
        """pk -> (name, side), as timeline.story.story_claims takes it."""
        return {pk: (actor.name, actor.side) for pk, actor in self.by_pk.items()}

    def affiliation_name(self, actor_id) -> str:
        actor = self.by_pk.get(actor_id)
        return actor.affiliation.name if actor and actor.affiliation else ""

    def affiliation_label(self, actor_id) -> str:
        """ "US Department of Defense, United States": who the actor speaks through, and for."""
        actor = self.by_pk.get(actor_id)
        if actor is None:
            return ""
        parts = []
        if actor.affiliation is not None:
            parts.append(actor.affiliation.name)
        side = side_name(actor.side) if actor.side else ""
        if side and side not in parts and side != actor.name:
            parts.append(side)
        return ", ".join(parts)


class QuickSelect(forms.Select):
    """A <select> written in one pass, not a template per option: a list of hundreds of
    articles or actors costs a millisecond, not a tenth of a second. `source`, a function
    giving the choices, is called only when the select is drawn (never for an export)."""

    def __init__(self, attrs=None, choices=(), source=None):
        super().__init__(attrs, choices)
        self.source = source

    def render(self, name, value, attrs=None, renderer=None):
        final = self.build_attrs(self.attrs, {**(attrs or {}), "name": name})
        chosen = "" if value is None else str(value)
        options = format_html_join(
            "",
            '<option value="{}"{}>{}</option>',
            (
                (option, mark_safe(" selected") if str(option) == chosen else "", label)
                for option, label in (self.source() if self.source else self.choices)
            ),
        )
        return format_html("<select{}>{}</select>", flatatt(final), options)


def _article_choices(claims):
    """The articles that have claims among `claims`, newest first (at most ARTICLE_CHOICES)."""
    with_claims = Exists(claims.order_by().filter(article=OuterRef("pk")))
    articles = (
        Article.objects.filter(with_claims)
        .order_by(F("published_on").desc(nulls_last=True), "title")
        .values_list("slug", "title", "published_on", "published_latest", "published_precision")[
            :ARTICLE_CHOICES
        ]
    )

    def dated(title, published, latest, precision):
        if published is None:
            return title
        when = format_day_range(published, latest) if latest else format_date(published, precision)
        return f"{title} ({when})"

    return [("", gettext("any article"))] + [(slug, dated(*row)) for slug, *row in articles]


class DateInput(forms.DateInput):
    input_type = "date"

    def __init__(self, attrs=None):
        super().__init__(attrs, format="%Y-%m-%d")


class TimelineFilterForm(forms.Form):
    # Labels, help texts and choices in the reader's language (lazy: looked up when drawn).
    proposition = forms.ChoiceField(
        label=_("Proposition"),
        required=False,
        help_text=_("What the claims are about: one thread of the story."),
    )
    actor = forms.ChoiceField(
        label=_("Actor"),
        required=False,
        help_text=_("Includes those who speak for it: the Pentagon for the US."),
        widget=QuickSelect,
    )
    side = forms.ChoiceField(
        label=_("Side"), required=False, help_text=_("The country an actor speaks for.")
    )
    kind = forms.ChoiceField(
        label=_("Kind"), choices=[("", _("any kind")), *Claim.Kind.choices], required=False
    )
    stance = forms.ChoiceField(
        label=_("Stance"),
        choices=[("", _("any stance")), *STANCES],
        required=False,
        help_text=_("Whether the claim supports or disputes its proposition."),
    )
    # Named `from` and `to` below, after the class: `from` is a Python keyword. No claim can
    # be dated outside the plausible range: a date beyond it is a slip.
    date_from = forms.DateField(
        required=False,
        label=pgettext_lazy("the first day of a range of dates", "From"),
        widget=DateInput,
        validators=[validate_plausible_date],
    )
    date_to = forms.DateField(
        required=False,
        label=pgettext_lazy("the last day of a range of dates", "To"),
        widget=DateInput,
        validators=[validate_plausible_date],
    )
    article = forms.CharField(
        label=_("Article"), required=False, max_length=120, widget=QuickSelect
    )
    outlet = forms.ModelChoiceField(
        label=_("Outlet"),
        queryset=Outlet.objects.all(),
        to_field_name="slug",
        required=False,
        empty_label=_("any outlet"),
    )
    status = forms.ChoiceField(
        label=_("Status"),
        choices=[("", _("any status")), *Claim.Status.choices],
        required=False,
        help_text=_("Readers only ever see reviewed claims."),
    )
    q = forms.CharField(
        required=False,
        max_length=200,
        label=_("Search"),
        help_text=_("Words in the quote or its public note."),
        widget=forms.TextInput(attrs={"type": "search"}),
    )

    def __init__(self, *args, actors: ActorDirectory, claims=None, story=None, **kwargs):
        """`claims`: those the user may see (Claim.objects.visible_to(user), by default a
        reader's): the article list offers only articles with some of them. `actors`: an
        ActorDirectory. `story`: the story filtered, whose propositions and sides the form
        offers (its propositions are read once: prefetch them to share the read)."""
        kwargs.setdefault("label_suffix", "")
        super().__init__(*args, **kwargs)
        self.actors, self.story = actors, story
        self.propositions = list(story.propositions.all()) if story is not None else []
        visible = claims if claims is not None else Claim.objects.visible()
        self.fields["article"].widget.source = partial(_article_choices, visible)
        language = get_language()
        self.fields["proposition"].choices = [("", gettext("any proposition"))] + [
            (p.slug, str(p.statement_for(language, story))) for p in self.propositions
        ]
        self.fields["actor"].choices = [("", gettext("any actor"))] + [
            (actor.slug, self._actor_label(actor)) for actor in actors
        ]
        codes = story.side_codes if story is not None else []
        names = dict(story.sides) if story is not None else {}
        self.fields["side"].choices = [("", gettext("any side"))] + [
            (code, f"{names.get(code) or side_name(code)} ({code})") for code in actors.sides(codes)
        ]

    def _actor_label(self, actor) -> str:
        through = self.actors.affiliation_label(actor.pk)
        return f"{actor.name} ({through})" if through else actor.name

    def clean_proposition(self):
        slug = self.cleaned_data["proposition"]
        return next((p for p in self.propositions if p.slug == slug), None)

    def clean_actor(self):
        slug = self.cleaned_data["actor"]
        return self.actors.by_slug[slug] if slug else None

    def clean_article(self):
        slug = self.cleaned_data["article"]
        if not slug:
            return None
        article = Article.objects.only("pk", "slug", "title").filter(slug=slug).first()
        if article is None:
            raise forms.ValidationError(
                gettext("There is no article at this address."), code="invalid"
            )
        return article

    def clean_q(self):
        return self.cleaned_data["q"].strip()

    def clean(self):
        cleaned = super().clean()
        start, end = cleaned.get("from"), cleaned.get("to")
        if start and end and end < start:
            self.add_error("to", gettext("The end of the range is before its start."))
        return cleaned

    def filters(self) -> dict:
        """The cleaned filters (empty for an unbound form), for ClaimQuerySet.timeline."""
        if not self.is_bound or not self.is_valid():
            return {}
        return {name: self.cleaned_data.get(name) for name in FILTER_FIELDS}

    def scope(self) -> Scope:
        """Which claims of the story these filters keep, as the arcs say it: an actor's or a
        side's ("Russia's first report"), and whether some of an actor's claims are left out
        (by kind, stance, date, article, outlet, text or status): a proposition's status and
        firsts among them are not the story's. The proposition leaves every claim of the
        proposition kept: its arc is the story's."""
        filters = self.filters()
        if filters.get("actor"):
            owner = filters["actor"].name
        elif filters.get("side"):
            names = dict(self.story.sides) if self.story is not None else {}
            owner = names.get(filters["side"]) or side_name(filters["side"])
        else:
            owner = ""
        cut = ("kind", "stance", "from", "to", "article", "outlet", "status", "q")
        return Scope(owner=owner, whole_actors=not any(filters.get(name) for name in cut))

    def query_items(self) -> list[tuple[str, str]]:
        """The filters in use, as query-string pairs: what the export links and the
        earlier/later links carry, so every filtered view is shareable."""
        if not self.is_bound:
            return []
        return [(name, self.data[name]) for name in FILTER_FIELDS if self.data.get(name, "")]


def _named(form_class, names: dict):
    """Rename fields of `form_class` (old name -> new), keeping their order."""
    for attribute in ("base_fields", "declared_fields"):
        fields = getattr(form_class, attribute)
        setattr(form_class, attribute, {names.get(k, k): f for k, f in fields.items()})


_named(TimelineFilterForm, OLD_NAMES)


def tidy_query(data) -> tuple[list[tuple[str, str]], bool]:
    """`data` (a QueryDict, or a dict of single values) as a shareable query: the old names
    of the date filters renamed (a new name given too wins), empty values left out (a form
    sends every field, used or not), the filters first, in FILTER_FIELDS order. And whether
    that differs from `data`: the page then redirects to it."""
    lists = data.lists() if hasattr(data, "lists") else ((k, [v]) for k, v in data.items())
    pairs, changed = [], False
    for key, values in lists:
        name = OLD_NAMES.get(key, key)
        changed = changed or name != key or any(not str(v).strip() for v in values)
        if name != key and name in data:
            continue
        pairs += [(name, str(v)) for v in values if str(v).strip()]
    order = {name: i for i, name in enumerate(FILTER_FIELDS)}
    return sorted(pairs, key=lambda pair: order.get(pair[0], len(order))), changed


def filtered_claims(
    data, claims, actors: ActorDirectory, story=None
) -> tuple[TimelineFilterForm, QuerySet]:
    """The filter form for `data` (a query, tidied by tidy_query) and those of `claims` (the
    claims the user may see: story.claims_visible_to(user), or Claim.objects.visible(...))
    that match it (no claims when the form is invalid). `story`: the story they are of, for
    its propositions and sides (without it, no proposition can be filtered on)."""
    query = QueryDict(mutable=True)
    for name, value in tidy_query(data or {})[0]:
        query.appendlist(name, value)
    form = TimelineFilterForm(query or None, actors=actors, claims=claims, story=story)
    if form.is_bound and not form.is_valid():
        return form, claims.none()
    return form, claims.timeline(form.filters())
