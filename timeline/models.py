import re
from dataclasses import dataclass
from datetime import date, timedelta

from django.conf import settings
from django.contrib.postgres.fields import ArrayField
from django.core.exceptions import NON_FIELD_ERRORS, ValidationError
from django.db import models
from django.db.models import F, Q
from django.db.models.expressions import OrderBy, RawSQL
from django.db.models.functions import Coalesce, Concat, Lag, Lower, RowNumber
from django.urls import reverse
from django.utils.translation import gettext, pgettext_lazy
from django.utils.translation import gettext_lazy as _
from django_countries.fields import CountryField
from simple_history.models import HistoricalRecords

from articles.formats import format_number
from articles.models import Article, Precision, calendar_constraints
from articles.precision import PRECISION_ORDER
from articles.validators import validate_plausible_date
from timeline import story, vocabulary
from timeline import story as story_module  # where a parameter is called `story`
from timeline.roles import is_editor

NOTE_LENGTH = 5000  # a note explains a claim; a longer text belongs in a linked document

# Formatted by its callers with .format(name=...), in the language active then.
ACTOR_NAME_TAKEN = _("There is already an actor called “{name}”: pick it instead.")


# Between the names an actor is known by, in the text the search looks in: never typed in a
# name, and a word boundary for the trigrams, so "Korut" can be matched as a whole name.
NAME_SEPARATOR = "\x1f"
# How alike a misspelling must be to a name or a word of one (shared trigrams over all
# trigrams, 0 to 1): "Zelenskyi" is 0.73 like "Zelensky", "Choi Son Hui" 0.73 like "Choe Son
# Hui", "Peskof" 0.56 like "Peskov"; "Korut" is only 0.33 like "Korea".
SIMILARITY = 0.5
# The affiliation tree (Lloyd Austin → US Department of Defense → United States) is walked in
# SQL, one recursive query, never row by row in Python. `path`, the ids walked so far, ends a
# walk at a cycle (the forms refuse one; a write straight into the table could still make it)
# and TREE_DEPTH ends any walk that long. Migration 0007_actor_side's trigger walks it alike.
TREE_DEPTH = 50
_MEMBERS_SQL = f"""
    WITH RECURSIVE below (id, path) AS (
        SELECT id, ARRAY[id] FROM timeline_actor WHERE id = %s
        UNION ALL
        SELECT a.id, below.path || a.id
        FROM timeline_actor a JOIN below ON a.affiliation_id = below.id
        WHERE a.id <> ALL (below.path) AND cardinality(below.path) < {TREE_DEPTH}
    )
    SELECT id FROM below
"""
_CHAIN_SQL = f"""
    WITH RECURSIVE above (id, path) AS (
        SELECT id, ARRAY[id] FROM timeline_actor WHERE id = %s
        UNION ALL
        SELECT a.affiliation_id, above.path || a.affiliation_id
        FROM timeline_actor a JOIN above ON a.id = above.id
        WHERE a.affiliation_id <> ALL (above.path) AND cardinality(above.path) < {TREE_DEPTH}
    )
    SELECT timeline_actor.* FROM above JOIN timeline_actor USING (id)
    ORDER BY cardinality(above.path)
"""


SIDE_CODE = re.compile(r"^[A-Z]{2}$")


def validate_sides(value):
    """A story's sides: a list of [code, name] pairs, each code an ISO 3166 alpha-2 country
    code (what Actor.side holds), none twice."""
    if not isinstance(value, list):
        raise ValidationError(gettext("The sides are a list of [code, name] pairs."))
    seen = set()
    for item in value:
        if not (isinstance(item, list | tuple) and len(item) == 2):
            raise ValidationError(
                gettext("Each side is a code and a name, such as “KP North Korea”.")
            )
        code, name = item
        if not isinstance(code, str) or not SIDE_CODE.match(code):
            raise ValidationError(
                gettext(
                    "“%(code)s” is not a country code: use two capital letters, such as KP or RU."
                )
                % {"code": code}
            )
        if code in seen:
            raise ValidationError(gettext("The side %(code)s is there twice.") % {"code": code})
        if not isinstance(name, str) or not name.strip() or len(name) > 100:
            raise ValidationError(
                gettext("The side %(code)s needs a name of at most 100 characters.")
                % {"code": code}
            )
        seen.add(code)


class StoryQuerySet(models.QuerySet):
    def published(self):
        return self.filter(is_published=True)

    def visible_to(self, user):
        """Readers see published stories; editors also drafts."""
        return self if is_editor(user) else self.published()

    def with_summary(self):
        """Each with what the list of stories says of it: how many claims readers see
        (`claim_count`) and when it last changed (`last_change`: the story or a claim)."""
        reviewed = Q(claims__status=Claim.Status.REVIEWED, claims__deleted_at__isnull=True)
        return (
            self.annotate(
                claim_count=models.Count("claims", filter=reviewed),
                last_claim_change=models.Max("claims__updated_at", filter=reviewed),
            )
            .annotate(
                last_change=models.functions.Greatest("updated_at", "last_claim_change"),
            )
            .order_by(F("last_change").desc(nulls_last=True), "pk")
        )

    def first_story(self):
        """The story the first cut told, which its old addresses (/?kind=..., /export.csv)
        mean: the oldest. None while there is none."""
        return self.order_by("pk").first()


@dataclass(frozen=True)
class Wording:
    """Words of a story (its title, dek, a proposition's statement) as a reader reads them:
    the text, and the language it is in (for the lang attribute of what shows it)."""

    text: str
    language: str

    def __str__(self):
        return self.text


def wording(text: str, english: str, working: str, language: str | None) -> Wording:
    """The one rule of a story's words: in the reader's `language` where the story has them
    in it, else in its `working` language. A story is written in its working language, and
    also in English where an editor gave the English (title_en, dek_en, statement_en): an
    English reader reads the English, when there is some; any other reader reads the
    working language (an Indonesian reader of an Indonesian story reads it in Indonesian;
    everyone reads a story written in English, which has no Indonesian version, in
    English)."""
    reader = (language or "").split("-")[0].lower()
    if reader == "en" and working != "en" and english.strip():
        return Wording(english, "en")
    return Wording(text, working)


class Story(models.Model):
    """A contested story the newsroom follows: its articles, its sides (the lanes), its
    propositions. Nothing about one story lives in code."""

    title = models.CharField(_("title"), max_length=200)
    title_en = models.CharField(
        _("title in English"),
        max_length=200,
        blank=True,
        help_text=_("When the story is not in English."),
    )
    slug = models.SlugField(_("slug"), max_length=100, unique=True)
    dek = models.TextField(
        _("dek"),
        blank=True,
        max_length=1000,
        help_text=_("A paragraph that tells readers what it is about."),
    )
    dek_en = models.TextField(_("dek in English"), blank=True, max_length=1000)
    language = models.CharField(
        _("working language"),
        max_length=8,
        default="id",
        help_text=_("The language its propositions are written in: an ISO 639-1 code (id, en)."),
    )
    # Ordered [code, name] pairs: the lanes, in this order, then "others".
    sides = models.JSONField(_("sides"), default=list, blank=True, validators=[validate_sides])
    articles = models.ManyToManyField(
        Article, related_name="stories", blank=True, verbose_name=_("articles")
    )
    is_published = models.BooleanField(
        _("published"), default=False, help_text=_("Readers see published stories only.")
    )
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)
    # Raised by the database (migration 0011_story_version's triggers), in the transaction of
    # any write to what the story's page shows: the story, its propositions, claims and
    # articles, and any actor or outlet (every page names them). What Django writes here is
    # never kept. The key of what the page's readers share in the cache (timeline.cache).
    version = models.PositiveBigIntegerField(default=1, editable=False)
    # The version is the database's count of changes, not a fact about the story.
    history = HistoricalRecords(excluded_fields=["version"])

    objects = StoryQuerySet.as_manager()

    class Meta:
        ordering = ["-updated_at", "pk"]
        verbose_name = _("story")
        verbose_name_plural = _("stories")

    def __str__(self):
        return self.title

    def get_absolute_url(self):
        return reverse("timeline:story", args=[self.slug])

    def title_for(self, language: str | None) -> Wording:
        """Its title as a reader of `language` reads it (`wording`)."""
        return wording(self.title, self.title_en, self.language, language)

    def dek_for(self, language: str | None) -> Wording:
        """Its dek as a reader of `language` reads it (`wording`)."""
        return wording(self.dek, self.dek_en, self.language, language)

    @property
    def side_codes(self) -> list[str]:
        return [code for code, _name in self.sides]

    def side_name(self, code: str) -> str:
        """The story's name for a side; a country's name for any other code."""
        return dict(self.sides).get(code) or story.side_name(code)

    def claims_visible_to(self, user):
        """Its claims that `user` sees (ClaimQuerySet.visible_to)."""
        return Claim.objects.visible_to(user).filter(story=self)

    def lead(self):
        """Its lead proposition (None while it has none)."""
        return self.propositions.filter(is_lead=True).first()


class Proposition(models.Model):
    """What is claimed: "North Korean troops are in Russia". Its claims support or dispute it;
    its status follows from them (timeline.story)."""

    story = models.ForeignKey(
        Story, on_delete=models.CASCADE, related_name="propositions", verbose_name=_("story")
    )
    statement = models.CharField(
        _("statement"),
        max_length=300,
        help_text=_("A short statement in the story's working language."),
    )
    statement_en = models.CharField(_("statement in English"), max_length=300, blank=True)
    slug = models.SlugField(_("slug"), max_length=100)
    order = models.PositiveIntegerField(_("order"), default=0)
    parties = ArrayField(
        models.CharField(max_length=2),
        default=list,
        blank=True,
        verbose_name=_("parties concerned"),
        help_text=_(
            "The sides whose own admission confirms it (KP and RU for “North Korean "
            "troops are in Russia”); their denials dispute it."
        ),
    )
    is_quantity = models.BooleanField(
        _("about a quantity"),
        default=False,
        help_text=_("How many: its total estimates make the chart's line."),
    )
    is_lead = models.BooleanField(
        _("lead"),
        default=False,
        help_text=_("The story's main proposition: its lanes by default."),
    )
    cues = ArrayField(
        models.CharField(max_length=60),
        default=list,
        blank=True,
        verbose_name=_("cues"),
        help_text=_(
            "Words that, in a claim's sentence, suggest it is about this proposition "
            "(senjata, amunisi)."
        ),
    )
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)
    history = HistoricalRecords()

    class Meta:
        ordering = ["story", "order", "pk"]
        verbose_name = _("proposition")
        verbose_name_plural = _("propositions")
        constraints = [
            models.UniqueConstraint(fields=["story", "slug"], name="proposition_slug_per_story"),
            models.UniqueConstraint(
                fields=["story"],
                condition=Q(is_lead=True),
                name="proposition_one_lead_per_story",
                violation_error_message=_("The story already has a lead proposition."),
            ),
        ]

    def __str__(self):
        return self.statement

    def statement_for(self, language: str | None, story: Story | None = None) -> Wording:
        """Its statement as a reader of `language` reads it (`wording`), in its story's
        working language else. `story`: its story, when the caller has it at hand (a
        claim's), saving the query of `self.story`."""
        working = (story or self.story).language
        return wording(self.statement, self.statement_en, working, language)

    def clean(self):
        super().clean()
        if self.story_id is None:
            return
        unknown = [code for code in self.parties if code not in self.story.side_codes]
        if unknown:
            raise ValidationError(
                {
                    "parties": gettext(
                        "%(codes)s: not a side of “%(story)s”. A party concerned is one of the "
                        "story's sides."
                    )
                    % {"codes": ", ".join(unknown), "story": self.story.title}
                }
            )


class ActorQuerySet(models.QuerySet):
    def members_of(self, actor):
        """`actor` and every actor that speaks through it, at any depth ("United States":
        the Pentagon, Lloyd Austin). A subquery: a filter on it stays one query."""
        return self.filter(pk__in=RawSQL(_MEMBERS_SQL, [actor.pk]))

    def chain(self, actor) -> list["Actor"]:
        """`actor` and those it speaks through, nearest first: Lloyd Austin, US Department of
        Defense, United States (one query)."""
        return list(self.raw(_CHAIN_SQL, [actor.pk]))

    def named(self, name: str):
        """The actor called `name`, compared as the database's unique constraint on names
        compares them (lower case): at most one."""
        return self.alias(lower_name=Lower("name")).filter(lower_name=Lower(models.Value(name)))

    def matching(self, text: str):
        """Actors known by `text`, best first: those whose name or an alias is `text`
        (case-insensitive), then those with a name or alias that starts with it, then those
        where it stands inside one, then spelling variants (trigram similarity to a name, an
        alias or one of their words, so "Zelenskyi" finds Zelensky: the SQL functions of
        migration 0006); in each group the most alike first, then by name. Each is annotated
        with `match_rank` (0 to 3) and `similarity`. One query; it reads every actor's
        names, which is cheap at the thousands of actors a newsroom has."""
        text = " ".join(text.split())
        if not text:
            return self.none()
        sep = NAME_SEPARATOR
        every_name = models.Func(
            F("name"),
            F("aliases"),
            function="array_prepend",
            output_field=ArrayField(models.TextField()),
        )
        names = models.functions.Concat(
            models.Value(sep),
            models.Func(
                every_name,
                models.Value(sep),
                function="array_to_string",
                output_field=models.TextField(),
            ),
            models.Value(sep),
            output_field=models.TextField(),
        )
        similarity = models.Func(
            models.Value(text),
            every_name,
            function="timeline_name_similarity",
            output_field=models.FloatField(),
        )
        return (
            self.annotate(
                names=names,
                similarity=similarity,
                match_rank=models.Case(
                    models.When(names__icontains=f"{sep}{text}{sep}", then=0),
                    models.When(names__icontains=f"{sep}{text}", then=1),
                    models.When(names__icontains=text, then=2),
                    default=3,
                ),
            )
            .filter(Q(match_rank__lt=3) | Q(similarity__gte=SIMILARITY))
            .select_related("affiliation")
            .order_by("match_rank", "-similarity", "name", "pk")
        )


class Actor(models.Model):
    class Kind(models.TextChoices):
        # Labels in sentence case, like every choice label (Claim.Kind, Claim.Status).
        PERSON = "person", _("Person")
        GOVERNMENT = "government", _("Government")
        MILITARY = "military", _("Military")
        STATE_MEDIA = "state_media", _("State media")
        NEWS_OUTLET = "news_outlet", _("News outlet")
        INTERNATIONAL_BODY = "international_body", _("International body")
        OTHER = "other", pgettext_lazy("kind of actor", "Other")

    name = models.CharField(_("name"), max_length=200)
    slug = models.SlugField(_("slug"), max_length=200, unique=True)
    kind = models.CharField(_("kind"), max_length=20, choices=Kind.choices, default=Kind.OTHER)
    country = CountryField(
        _("country"), blank=True, help_text=_("ISO 3166 alpha-2 code of the side it speaks for.")
    )
    affiliation = models.ForeignKey(
        "self",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="members",
        verbose_name=_("affiliation"),
        help_text=_("The body it speaks for: Lloyd Austin → US Department of Defense."),
    )
    aliases = ArrayField(
        models.CharField(max_length=120),
        default=list,
        blank=True,
        verbose_name=_("aliases"),
        help_text=_("Other names in the texts, Indonesian and English: Korut, DPRK, Pyongyang."),
    )
    # Stored, so that a filter or a list by side is a column, not a walk up the tree. The
    # database keeps it (migration 0007_actor_side's trigger), on every write of a country or an
    # affiliation, save() or QuerySet.update() alike, for the actor and all its members.
    side = models.CharField(
        _("side"),
        max_length=2,
        blank=True,
        editable=False,
        db_index=True,
        help_text=_(
            "The country it speaks for: its own, else that of the nearest body it "
            "speaks through that has one."
        ),
    )
    # The side follows from the country and the affiliation, which the history keeps.
    history = HistoricalRecords(excluded_fields=["side"])

    objects = ActorQuerySet.as_manager()

    class Meta:
        ordering = ["name"]
        verbose_name = _("actor")
        verbose_name_plural = _("actors")
        constraints = [
            # One actor per name, whatever its case: two "Korut" would split its claims.
            models.UniqueConstraint(
                Lower("name"),
                name="actor_name_unique_ci",
                violation_error_message=_(
                    "There is already an actor called that: pick it instead."
                ),
            ),
        ]

    def __str__(self):
        return self.name

    def save(self, *args, **kwargs):
        super().save(*args, **kwargs)
        # The database has just worked the side out; the object in hand says it too.
        self.refresh_from_db(fields=["side"])

    def clean(self):
        super().clean()
        if self.affiliation_id is None or self.pk is None:
            return
        if self.affiliation_id == self.pk:
            raise ValidationError(
                {"affiliation": gettext("An actor does not speak through itself.")}
            )
        if Actor.objects.members_of(self).filter(pk=self.affiliation_id).exists():
            raise ValidationError(
                {
                    "affiliation": gettext(
                        "%(body)s speaks through %(actor)s: %(actor)s cannot speak through it."
                    )
                    % {"body": self.affiliation.name, "actor": self.name}
                }
            )


class ClaimQuerySet(models.QuerySet):
    def alive(self):
        """Claims not deleted (deleting only marks them; history keeps everything)."""
        return self.filter(deleted_at__isnull=True)

    def deleted(self):
        """Deleted claims, the most recently deleted first, with what their list shows
        (article, actor): where editors find them again to restore them."""
        return (
            self.filter(deleted_at__isnull=False)
            .select_related("article", "actor", "via")
            .defer(*self.TIMELINE_DEFERRED)
            .order_by("-deleted_at", "-pk")
        )

    def visible(self, *, include_drafts=False):
        """The claims that are shown: reviewed ones, and with `include_drafts` drafts too
        (what editors see). Never deleted ones."""
        qs = self.alive()
        return qs if include_drafts else qs.filter(status=Claim.Status.REVIEWED)

    def visible_to(self, user):
        """What `user` sees: readers reviewed claims, editors also drafts."""
        return self.visible(include_drafts=is_editor(user))

    def in_article(self, article):
        """An article's claims in reading order (outer spans before the spans nested in
        them), with what their highlights show: actor and via."""
        return (
            self.filter(article=article)
            .select_related("actor", "via")
            .order_by("start", "-end", "pk")
        )

    def with_related(self):
        return self.select_related("article__outlet", "actor", "via")

    def chronological(self):
        """Oldest first; undated claims last. Equal dates keep a stable order: coarser
        precision first (a month sorts at its start), then article position."""
        return self.order_by(
            F("stated_on").asc(nulls_last=True),
            models.Case(
                *(models.When(stated_precision=p, then=i) for i, p in enumerate(PRECISION_ORDER)),
                default=9,
            ),
            "article__published_on",
            "article_id",
            "start",
            "pk",
        )

    def between(self, start=None, end=None):
        """Claims whose date may fall on or after `start` and on or before `end` (either may
        be None), at its precision: "Oct 2024" is any day of October, so it is in a range
        from 15 October, and a claim of 20 June is not in one to 15 June. Each claim gets
        `possibly_outside`: its period reaches beyond the range (so it may be outside it)."""
        if not start and not end:
            return self.annotate(possibly_outside=models.Value(False))
        qs = self.alias(period_first=PERIOD_FIRST, period_last=PERIOD_LAST)
        beyond = Q(pk__in=[])
        if start:
            # The plain bound first, so that PostgreSQL can use the index on stated_on: no
            # period is longer than a year.
            qs = qs.filter(stated_on__gte=_shift(start, -366), period_last__gte=start)
            beyond |= Q(period_first__lt=start)
        if end:
            qs = qs.filter(stated_on__lte=_shift(end, 366), period_first__lte=end)
            beyond |= Q(period_last__gt=end)
        outside = models.Case(models.When(beyond, then=True), default=False)
        return qs.annotate(possibly_outside=outside)

    def matching_text(self, text: str):
        """Claims whose quote and note hold every word of `text`, in any order and any case;
        a number is matched as a whole number however its thousands are grouped ("10000"
        finds "10.000" and "10,000"). See search_terms."""
        words, numbers = search_terms(text)
        searched = models.Func(
            Concat("quote", models.Value("\n"), "note", output_field=models.TextField()),
            models.Value(THOUSANDS_SEPARATOR.pattern),
            models.Value(""),
            models.Value("g"),
            function="regexp_replace",
            output_field=models.TextField(),
        )
        qs = self.alias(searched_text=searched)
        for word in words:
            qs = qs.filter(searched_text__icontains=word)
        for number in numbers:
            qs = qs.filter(searched_text__regex=rf"(^|\D){number}(\D|$)")
        return qs

    def by_actor(self, actor):
        """Claims by `actor` or by anyone affiliated with it, at any depth
        ("United States" includes the Pentagon and Lloyd Austin)."""
        return self.filter(actor__in=Actor.objects.members_of(actor))

    # Reading the story (issue 4): the filtered timeline every view and export shows, and
    # the few bounded reads the story, the chart and the lanes are computed from.

    STORY_FIELDS = (
        "pk", "kind", "actor_id", "via_id", "stated_on", "stated_precision", "number",
        "number_max", "number_role", "proposition_id", "stance",
        "article_id", "start", "article__published_on",  # the rest of the chronological order
    )  # fmt: skip
    # The article text columns are large and the timeline never shows them.
    TIMELINE_DEFERRED = ("article__body", "article__raw", "article__search_vector")

    def on_side(self, code):
        """Claims by actors that speak for the country `code` (ISO 3166 alpha-2), their own or
        through their affiliation, as `Actor.side` has it: "US" includes Lloyd Austin through
        the Pentagon."""
        return self.filter(actor__side=code)

    def timeline(self, filters=None):
        """The timeline filtered as the reader asked: `filters` is the cleaned_data of
        `timeline.filters.TimelineFilterForm` (proposition, actor, side, kind, stance, from,
        to, article, outlet, status, q; any may be missing or empty). Related rows joined,
        the article's big text columns left out, chronological: the page, every export and
        the export command show the same rows in the same order. Chain it after
        `visible_to(user)`."""
        filters = filters or {}
        qs = self
        if filters.get("proposition"):
            qs = qs.filter(proposition=filters["proposition"])
        if filters.get("stance"):
            qs = qs.filter(stance=filters["stance"])
        if filters.get("actor"):
            qs = qs.by_actor(filters["actor"])
        if filters.get("side"):
            qs = qs.on_side(filters["side"])
        if filters.get("kind"):
            qs = qs.filter(kind=filters["kind"])
        qs = qs.between(filters.get("from"), filters.get("to"))
        if filters.get("article"):
            qs = qs.filter(article=filters["article"])
        if filters.get("outlet"):
            qs = qs.filter(article__outlet=filters["outlet"])
        if filters.get("status"):
            qs = qs.filter(status=filters["status"])
        if filters.get("q"):
            qs = qs.matching_text(filters["q"])
        return qs.with_related().defer(*self.TIMELINE_DEFERRED).chronological()

    def window(self, start, stop):
        """Claims `start` to `stop` of this QuerySet, in its order, as a list. The ids are
        sorted first and the rows read after: a deep page of 100,000 claims sorts narrow ids,
        not wide joined rows (four times faster), at the cost of one more query."""
        ids = list(self.values_list("pk", flat=True)[start:stop])
        rows = {claim.pk: claim for claim in self.order_by().filter(pk__in=ids)}
        return [rows[pk] for pk in ids]

    def story_counts(self, *, lanes_on=None, estimates_on=None):
        """One aggregate query: how many claims (`total`), how many drafts (`drafts`), how
        many dated (`dated`), the first and last `stated_on`, how many are on no proposition
        yet (`unassigned`), how many dated claims the lanes draw (`lane_dated`: those on the
        proposition `lanes_on`, or all when None) and how many estimates the chart draws
        (`estimates`: see estimate_line)."""
        lanes = Q(proposition=lanes_on) if lanes_on is not None else Q()
        return self.order_by().aggregate(
            total=models.Count("pk"),
            drafts=models.Count("pk", filter=Q(status=Claim.Status.DRAFT)),
            dated=models.Count("stated_on"),
            unassigned=models.Count("pk", filter=Q(proposition__isnull=True)),
            lane_dated=models.Count("stated_on", filter=lanes),
            estimates=models.Count("pk", filter=_estimates_q(estimates_on)),
            first=models.Min("stated_on"),
            last=models.Max("stated_on"),
        )

    def story_values(self, limit):
        """The first `limit` dated claims, chronological, as the plain values the story, the
        chart and the lanes need (STORY_FIELDS)."""
        return (
            self.filter(stated_on__isnull=False).chronological().values(*self.STORY_FIELDS)[:limit]
        )

    def estimate_line(self, proposition=None):
        """The estimates a chart's line is made of: dated totals with a number (never a part
        of a total, such as 3,000 reinforcements, nor a change) on the quantity
        `proposition`; when None (a story with no quantity proposition), troop counts."""
        return self.filter(_estimates_q(proposition))

    def estimates_by_period(self, period, codes):
        """These claims (an estimate_line) per lane (`codes`: the story's sides, everyone
        else "others") and `period` ("month", "quarter" or "year", its first day a date):
        the lowest figure, the highest (a range counts by its upper end), the mean and the
        count. At most lanes × periods rows: what the chart draws when estimates are many."""
        return (
            self.order_by()
            .annotate(lane=_lane(codes), period=_period_start(period))
            .values("lane", "period")
            .annotate(
                low=models.Min("number"),
                high=models.Max(Coalesce("number_max", "number")),
                mean=models.Avg("number"),
                count=models.Count("pk"),
            )
            .order_by("period", "lane")
        )

    def kinds_by_period(self, period, codes):
        """Dated claims counted per lane (`codes`: the story's sides, everyone else
        "others"), `period` ("month", "quarter" or "year", its first day a date) and kind.
        At most lanes × periods × kinds rows: what the swimlanes draw when claims are many."""
        return (
            self.filter(stated_on__isnull=False)
            .order_by()
            .annotate(lane=_lane(codes), period=_period_start(period))
            .values("lane", "period", "kind")
            .annotate(count=models.Count("pk"))
            .order_by("period", "lane", "kind")
        )

    def stance_firsts(self):
        """Each side's first dated claim of each stance (supports, disputes) on each
        proposition, as values (PostgreSQL DISTINCT ON (proposition, side, stance)): at most
        propositions × sides × 2 rows however many claims there are. Every first report,
        first denial and confirmation of an arc, and its status history, are among them.
        Sorted are only the claims stated on a day that is some group's first (a GROUP BY
        finds those days): a group's first claim is stated on its first day, and no claim of
        it earlier; sorting every claim with a stance took half a second at 100,000."""
        keys = self.chronological().query.order_by
        stances = self.filter(
            proposition__isnull=False,
            stance__in=[vocabulary.SUPPORTS, vocabulary.DISPUTES],
            stated_on__isnull=False,
        )
        first_days = (
            stances.order_by()
            .values("proposition_id", "actor__side", "stance")
            .annotate(first_day=models.Min("stated_on"))
            .values("first_day")
        )
        # = ANY(ARRAY(...)), not IN (...): PostgreSQL then reckons with a few days, not a
        # few hundred, and reads them from the index on (story, stated_on).
        on_a_first_day = models.Func(
            F("stated_on"),
            models.Subquery(first_days),
            arg_joiner=" = ANY(ARRAY",
            template="%(expressions)s)",
            output_field=models.BooleanField(),
        )
        return (
            stances.filter(on_a_first_day)
            .order_by("proposition_id", "actor__side", "stance", *keys)
            .distinct("proposition_id", "actor__side", "stance")
            .values(*self.STORY_FIELDS)
        )

    def estimate_picks(self, propositions, codes):
        """On each of the quantity `propositions` (ids), the first total estimate and each
        lane's latest (`codes`: the story's sides; everyone else is one lane, "others"),
        each with the fields of the total before it in the line (`before_pk`, `before_...`),
        as values: one query, window functions over the line (ROW_NUMBER for the picks, LAG
        for the one before), at most (lanes + 1) rows per proposition. What an arc's
        estimates are read from."""
        keys = self.chronological().query.order_by
        lane = _lane(codes)
        by_proposition = [F("proposition_id")]
        before = {
            f"before_{name}": models.Window(Lag(name), partition_by=by_proposition, order_by=keys)
            for name in self.STORY_FIELDS
        }
        return (
            self.filter(_estimates_q(None, kind=None), proposition_id__in=list(propositions))
            .annotate(
                line_rank=models.Window(RowNumber(), partition_by=by_proposition, order_by=keys),
                lane_rank=models.Window(
                    RowNumber(),
                    partition_by=[*by_proposition, lane],
                    order_by=[_reversed(key) for key in keys],
                ),
                **before,
            )
            .filter(Q(line_rank=1) | Q(lane_rank=1))
            .order_by()
            .values(*self.STORY_FIELDS, *before)
        )

    def arc_candidates(self, propositions, sides, actors) -> list[story.StoryClaim]:
        """The few claims the arcs of `propositions` can be made of, read with at most two
        bounded queries however many claims there are (stance_firsts; estimate_picks, with
        the totals before the picks, when one is a quantity); story.arcs gives the same
        answer on these as on every claim. `sides`: the story's [code, name] pairs;
        `actors`: pk -> (name, side), as ActorDirectory.story_actors gives it."""
        labels = dict(sides)
        claims = story.story_claims(self.stance_firsts(), actors, labels)
        quantities = [p.pk for p in propositions if p.is_quantity]
        if quantities:
            picks = list(self.estimate_picks(quantities, [code for code, _name in sides]))
            befores = [
                {name: row[f"before_{name}"] for name in self.STORY_FIELDS}
                for row in picks
                if row["before_pk"] is not None
            ]
            claims += story.story_claims(picks + befores, actors, labels)
        return list({claim.pk: claim for claim in claims}.values())

    def story_arcs(self, story, actors, scope=story.WHOLE_STORY) -> list["story.Arc"]:
        """The arc of each of `story`'s propositions (the lead first, then in their order)
        among these claims (the filtered claims of that story; `scope` says which:
        TimelineFilterForm.scope), read with arc_candidates: a fixed number of bounded
        queries, never every claim (and one for the propositions unless prefetched).
        `actors`: pk -> (name, side) (ActorDirectory.story_actors; an ActorDirectory will
        do). Claims on no proposition are in no arc."""
        if hasattr(actors, "story_actors"):
            actors = actors.story_actors()
        propositions = sorted(story.propositions.all(), key=lambda p: (not p.is_lead, p.order))
        candidates = self.arc_candidates(propositions, story.sides, actors)
        return story_module.arcs(propositions, candidates, story.sides, scope)


def _lane(codes):
    """A claim's lane, in SQL: its actor's side when that is one of the story's side
    `codes`, else "others" (story.lane_of)."""
    return models.Case(
        models.When(actor__side__in=list(codes), then=F("actor__side")),
        default=models.Value(story.OTHERS),
        output_field=models.CharField(),
    )


PERIODS = ("month", "quarter", "year")


def _period_start(period: str):
    """The first day of stated_on's `period` ("month", "quarter" or "year"), as a date: the
    date truncated as a date (a timestamp without a zone), never through a time zone."""
    if period not in PERIODS:
        raise ValueError(f"{period!r} is not one of {PERIODS}")
    return _on_stated(f"date_trunc('{period}', %(expressions)s::timestamp)::date")


def _estimates_q(proposition, kind=vocabulary.TROOP_COUNT) -> Q:
    """What ClaimQuerySet.estimate_line keeps, as a Q (also a filter of an aggregate)."""
    q = Q(number_role=vocabulary.TOTAL, number__isnull=False, stated_on__isnull=False)
    if proposition is not None:
        return q & Q(proposition=proposition)
    return q & Q(kind=kind) if kind else q


def _reversed(key):
    """An ordering of ClaimQuerySet.chronological, the other way round."""
    if isinstance(key, str):
        return F(key.removeprefix("-")).asc() if key.startswith("-") else F(key).desc()
    if isinstance(key, OrderBy):
        return OrderBy(
            key.expression,
            descending=not key.descending,
            nulls_first=key.nulls_last or None,
            nulls_last=key.nulls_first or None,
        )
    return key.desc()


def _on_stated(template: str):
    return models.Func(F("stated_on"), template=template, output_field=models.DateField())


# The first and the last day a claim's stated_on may mean at its precision, in SQL (as
# articles.precision.period has them in Python): a month is all of it, a week its seven days.
PERIOD_FIRST = models.Case(
    models.When(
        stated_precision=Precision.YEAR,
        then=_on_stated("date_trunc('year', %(expressions)s::timestamp)::date"),
    ),
    models.When(
        stated_precision=Precision.MONTH,
        then=_on_stated("date_trunc('month', %(expressions)s::timestamp)::date"),
    ),
    default=F("stated_on"),
    output_field=models.DateField(),
)
PERIOD_LAST = models.Case(
    models.When(
        stated_precision=Precision.YEAR,
        then=_on_stated(
            "(date_trunc('year', %(expressions)s::timestamp) + interval '1 year - 1 day')::date"
        ),
    ),
    models.When(
        stated_precision=Precision.MONTH,
        then=_on_stated(
            "(date_trunc('month', %(expressions)s::timestamp) + interval '1 month - 1 day')::date"
        ),
    ),
    models.When(stated_precision=Precision.WEEK, then=_on_stated("(%(expressions)s + 6)")),
    default=F("stated_on"),
    output_field=models.DateField(),
)


def _shift(day, days: int):
    """`day` moved by `days`, held at the first or last date Python has."""
    try:
        return day + timedelta(days=days)
    except OverflowError:
        return date.max if days > 0 else date.min


# A thousands separator between digits ("10.000", "10,000", "10 000" with a no-break or thin
# space): dropped from the text and from the words searched, so that numbers match however
# they are grouped. The same pattern works in Python and in PostgreSQL's regular expressions.
THOUSANDS_SEPARATOR = re.compile(r"(?<=\d)[.,\u00a0\u202f](?=\d{3}(?!\d))")
# Around a searched word, what is not part of it: quotes, brackets, punctuation.
WORD_EDGES = "\"'“”‘’«»()[]{}.,;:!?"


def search_terms(text: str) -> tuple[list[str], list[str]]:
    """The words and the numbers of a search: "tentara Korut 10.000" -> (["tentara",
    "Korut"], ["10000"]). Words are matched anywhere in the text; numbers as whole numbers."""
    words, numbers = [], []
    for token in THOUSANDS_SEPARATOR.sub("", text).split():
        token = token.strip(WORD_EDGES)
        if token.isascii() and token.isdigit():
            numbers.append(token)
        elif token:
            words.append(token)
    if not words and not numbers and text.strip():
        words.append(text.strip())  # only punctuation: search for it as it is
    return words, numbers


# The columns the story's reads take beside the reading index's keys (Claim.Meta.indexes).
READ_COLUMNS = (
    "stance", "kind", "number_role", "number", "number_max", "actor", "via",
    "stated_precision", "article", "start", "id",
)  # fmt: skip


class Claim(models.Model):
    # The kinds are timeline.vocabulary's: one member per (value, label) there.
    Kind = models.TextChoices("Kind", [(v.upper(), (v, label)) for v, label in vocabulary.KINDS])

    COUNT_KINDS = vocabulary.COUNT_KINDS
    # What an editor sets, in the order the claim form shows it. The span (start, end, quote)
    # only changes when an orphaned claim is anchored again; prefix and suffix follow from it.
    EDITABLE_FIELDS = (
        "start",
        "end",
        "quote",
        "actor",
        "via",
        "kind",
        "proposition",
        "stance",
        "number",
        "number_max",
        "number_role",
        "stated_on",
        "stated_precision",
        "stated_evidence",
        "event_on",
        "event_precision",
        "status",
        "note",
        "internal_note",
    )
    # Only editors ever see these: never on readers' pages, in readers' history or exports.
    INTERNAL_FIELDS = frozenset({"internal_note"})

    class Status(models.TextChoices):
        DRAFT = "draft", _("Draft")
        REVIEWED = "reviewed", _("Reviewed")

    Stance = models.TextChoices(
        "Stance", [(v.upper(), (v, label)) for v, label in vocabulary.STANCES]
    )
    NumberRole = models.TextChoices(
        "NumberRole", [(v.upper(), (v, label)) for v, label in vocabulary.NUMBER_ROLES]
    )

    # The verbose names are what a claim's history calls its fields ("stated on": "30 Oct").
    story = models.ForeignKey(
        Story, on_delete=models.PROTECT, related_name="claims", verbose_name=_("story")
    )
    # What it is about, once an editor says so, and whether it supports or disputes that.
    proposition = models.ForeignKey(
        Proposition,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="claims",
        verbose_name=_("proposition"),
    )
    stance = models.CharField(_("stance"), max_length=10, choices=Stance.choices, blank=True)
    article = models.ForeignKey(
        Article, on_delete=models.PROTECT, related_name="claims", verbose_name=_("article")
    )
    # The span, anchored as the W3C Web Annotation model does: a TextPositionSelector
    # (start, end) and a TextQuoteSelector (quote, prefix, suffix) to re-anchor it by.
    start = models.PositiveIntegerField(_("start"))
    end = models.PositiveIntegerField(_("end"))
    quote = models.TextField(_("quote"))
    prefix = models.CharField(_("prefix"), max_length=64, blank=True)
    suffix = models.CharField(_("suffix"), max_length=64, blank=True)
    orphaned = models.BooleanField(
        _("orphaned"), default=False, help_text=_("The quote is no longer in the article's text.")
    )
    actor = models.ForeignKey(
        Actor, on_delete=models.PROTECT, related_name="claims", verbose_name=_("actor")
    )
    via = models.ForeignKey(
        Actor,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="relayed_claims",
        verbose_name=_("via"),
        help_text=_("The outlet or agency it was relayed through (“seperti dilansir KCNA”)."),
    )
    kind = models.CharField(_("kind"), max_length=20, choices=Kind.choices)
    number = models.PositiveBigIntegerField(_("number"), null=True, blank=True)
    number_max = models.PositiveBigIntegerField(
        _("number max"),
        null=True,
        blank=True,
        help_text=_("Upper end of a range (“10,000 to 12,000”)."),
    )
    number_role = models.CharField(
        _("what the number counts"),
        max_length=10,
        choices=NumberRole.choices,
        blank=True,
        help_text=_("A total estimate, a part of a total (3,000 reinforcements), or a change."),
    )
    stated_on = models.DateField(
        _("stated on"),
        null=True,
        blank=True,
        validators=[validate_plausible_date],
        help_text=_("When the actor said it."),
    )
    stated_precision = models.CharField(
        _("stated precision"), max_length=5, choices=Precision.choices, default=Precision.DAY
    )
    stated_evidence = models.CharField(_("stated evidence"), max_length=300, blank=True)
    event_on = models.DateField(
        _("event on"),
        null=True,
        blank=True,
        validators=[validate_plausible_date],
        help_text=_("When what it describes happened."),
    )
    event_precision = models.CharField(
        _("event precision"), max_length=5, choices=Precision.choices, default=Precision.DAY
    )
    status = models.CharField(
        _("status"), max_length=10, choices=Status.choices, default=Status.DRAFT
    )
    note = models.TextField(
        _("public note"),
        blank=True,
        max_length=NOTE_LENGTH,
        help_text=_("Public: shown to readers on the claim page, in its history and exports."),
    )
    internal_note = models.TextField(
        _("internal note"),
        blank=True,
        max_length=NOTE_LENGTH,
        help_text=_("For editors only: never shown to readers, in their history or exports."),
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("created by"),
    )
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("updated by"),
    )
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)
    version = models.PositiveIntegerField(
        _("version"),
        default=1,
        help_text=_("Raised on every save; a save based on an older version is refused."),
    )
    deleted_at = models.DateTimeField(_("deleted at"), null=True, blank=True)
    history = HistoricalRecords()

    objects = ClaimQuerySet.as_manager()

    class Meta:
        ordering = ["stated_on", "pk"]
        verbose_name = _("claim")
        verbose_name_plural = _("claims")
        indexes = [
            models.Index(fields=["stated_on", "id"], name="claim_stated_idx"),
            models.Index(fields=["article", "start"], name="claim_article_start_idx"),
            models.Index(fields=["story", "stated_on", "id"], name="claim_story_stated_idx"),
            models.Index(fields=["proposition", "stance"], name="claim_proposition_idx"),
            # What a story's page reads of its live claims (ClaimQuerySet's story reads: the
            # counts by lane and period, the estimates, each side's firsts), keyed as readers
            # filter them, the rest carried along: index-only scans, never the wide rows with
            # their quotes and notes.
            models.Index(
                fields=["story", "status", "proposition", "stated_on"],
                include=READ_COLUMNS,
                condition=Q(deleted_at__isnull=True),
                name="claim_story_reading_idx",
            ),
        ]
        constraints = [
            models.CheckConstraint(condition=Q(start__lt=F("end")), name="claim_span_not_empty"),
            models.CheckConstraint(
                condition=Q(number_max__isnull=True)
                | (Q(number__isnull=False) & Q(number_max__gte=F("number"))),
                name="claim_range_ordered",
            ),
            *calendar_constraints("claim", "stated_on", "event_on"),
            # A stance is a stance on something: both or neither.
            models.CheckConstraint(
                condition=Q(proposition__isnull=True, stance="")
                | (Q(proposition__isnull=False) & ~Q(stance="")),
                name="claim_stance_with_proposition",
            ),
            # Only counts have a role; every count has one.
            models.CheckConstraint(
                condition=Q(
                    kind__in=sorted(vocabulary.COUNT_KINDS),
                    number_role__in=[v for v, _label in vocabulary.NUMBER_ROLES],
                )
                | (~Q(kind__in=sorted(vocabulary.COUNT_KINDS)) & Q(number_role="")),
                name="claim_role_with_count",
            ),
        ]

    def __str__(self):
        return f"{self.actor}: {self.get_kind_display()} ({self.stated_on or gettext('undated')})"

    def get_absolute_url(self):
        return reverse("timeline:claim", args=[self.pk])

    def get_in_article_url(self):
        return f"{self.article.get_absolute_url()}#claim-{self.pk}"

    @property
    def is_count(self):
        return self.kind in self.COUNT_KINDS

    def duplicate(self):
        """The live claim, other than this one, on the same words by the same actor (relayed
        by the same `via`) with the same kind: saving this one would count it twice. None
        when there is none. (Two relays of one statement are two claims.)"""
        if None in (self.article_id, self.start, self.end, self.actor_id) or not self.kind:
            return None
        return (
            Claim.objects.alive()
            .filter(
                article_id=self.article_id,
                start=self.start,
                end=self.end,
                actor_id=self.actor_id,
                via_id=self.via_id,
                kind=self.kind,
            )
            .exclude(pk=self.pk)
            .order_by("pk")
            .first()
        )

    def clean(self):
        """The rules every write obeys (forms show them next to their fields): the quote is
        the article's text at its offsets (unless orphaned), counts have a number and only
        counts have one, a range's upper end is not below its lower end, and no live claim
        says the same (duplicate())."""
        errors = {}
        if (
            not self.orphaned
            and self.article_id is not None
            and self.start is not None
            and self.end is not None
        ):
            text = self.article.body[self.start : self.end]
            if self.end <= self.start or not self.quote:
                errors["quote"] = gettext(
                    "Select or paste the words of the claim: the quote is empty."
                )
            elif text != self.quote:
                errors["quote"] = gettext(
                    "The quote must be exactly the article's text at %(start)s–%(end)s, "
                    "which reads “%(text)s”."
                ) % {"start": self.start, "end": self.end, "text": text}
        has_number = self.number is not None or self.number_max is not None
        if self.kind and self.kind not in self.COUNT_KINDS and has_number:
            errors["number" if self.number is not None else "number_max"] = gettext(
                "A number goes with a troop count or a casualty count only, and this claim's "
                "kind is “%(kind)s”: clear the number, or change the kind."
            ) % {"kind": self.get_kind_display()}
        elif self.kind in self.COUNT_KINDS and self.number is None:
            errors["number"] = gettext("A %(kind)s needs a number.") % {
                "kind": vocabulary.kind_label(self.kind)
            }
        elif self.number_max is not None:
            if self.number is None:
                errors["number"] = gettext("A range needs its lower number too.")
            elif self.number_max < self.number:
                errors["number_max"] = gettext(
                    "The upper number (%(upper)s) is below the lower one (%(lower)s)."
                ) % {"upper": format_number(self.number_max), "lower": format_number(self.number)}
        errors.update(self._story_errors())
        if not errors and self.deleted_at is None and (same := self.duplicate()) is not None:
            errors[NON_FIELD_ERRORS] = ValidationError(
                _(
                    "This claim already exists: claim %(pk)s has the same words, the same "
                    "actor and the same kind. Open it to change it instead."
                ),
                code="duplicate",
                params={"pk": same.pk},
            )
        if errors:
            raise ValidationError(errors)

    def _story_errors(self) -> dict:
        """What ties a claim to its story: its article is one of the story's, its proposition
        is the story's, a stance goes with a proposition, a count says what it counts."""
        errors = {}
        both = self.story_id is not None and self.article_id is not None
        if both and not self.story.articles.filter(pk=self.article_id).exists():
            errors["article"] = gettext(
                "This article is not in the story “%(story)s”: add it to the story first."
            ) % {"story": self.story.title}
        if self.proposition_id is not None:
            if self.story_id is not None and self.proposition.story_id != self.story_id:
                errors["proposition"] = gettext(
                    "“%(proposition)s” is a proposition of another story, not of “%(story)s”."
                ) % {"proposition": self.proposition, "story": self.story.title}
            elif not self.stance:
                errors["stance"] = gettext(
                    "Say whether the claim supports or disputes the proposition."
                )
        elif self.stance:
            errors["proposition"] = gettext("A stance is on a proposition: pick the proposition.")
        if self.kind in self.COUNT_KINDS and not self.number_role:
            errors["number_role"] = gettext(
                "Say what the number counts: a total, a part or a change."
            )
        elif self.kind and self.kind not in self.COUNT_KINDS and self.number_role:
            errors["number_role"] = gettext("Only a count has a number to say this of.")
        return errors
