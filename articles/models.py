from datetime import date

from django.contrib.postgres.indexes import GinIndex
from django.contrib.postgres.search import (
    SearchHeadline,
    SearchQuery,
    SearchQueryField,
    SearchRank,
    SearchVector,
    SearchVectorField,
)
from django.core.exceptions import ValidationError
from django.db import models
from django.urls import reverse
from django.utils import timezone

from articles import precision
from articles.dates import FoundDate
from articles.formats import format_day_range
from articles.search import expansions
from articles.validators import validate_plausible_date

SEARCH_CONFIG = "indonesian"
# ts_headline returns the text unescaped; these private-use characters mark the hits so
# the text can be escaped first and the marks turned into <mark> after (see snippet_html).
HIT_START, HIT_STOP = "\ue000", "\ue001"


def calendar_constraints(prefix: str, *fields: str) -> list[models.CheckConstraint]:
    """Each date field within Python's calendar (years 1 to 9999). PostgreSQL keeps dates to
    the year 5874897 and before Christ, and a row beyond Python's calendar could not even be
    read: the one row would break every page that lists it. The validators refuse far less
    than this (validate_plausible_date); this is the wall nothing gets past."""
    return [
        models.CheckConstraint(
            condition=models.Q(**{f"{name}__range": (date.min, date.max)}),
            name=f"{prefix}_{name}_in_calendar",
            violation_error_message="A date must be in the years 1 to 9999.",
        )
        for name in fields
    ]


class Precision(models.TextChoices):
    # The words are articles.precision's; the labels Django makes of them ("Day").
    DAY = precision.DAY
    WEEK = precision.WEEK
    MONTH = precision.MONTH
    YEAR = precision.YEAR


class DateSource(models.TextChoices):
    STATED = "stated", "stated in the text"
    INFERRED = "inferred", "inferred from the text"
    EDITOR = "editor", "set by an editor"


SOURCE_PATH_MAX = 1000


class Outlet(models.Model):
    name = models.CharField(max_length=200, unique=True)
    slug = models.SlugField(max_length=200, unique=True)

    class Meta:
        ordering = ["name"]

    def __str__(self):
        return self.name


class SearchMatch(models.Func):
    """vector @@ query, to filter by: a rewritten query is no SearchQuery, so the field's own
    lookup would wrap it in plainto_tsquery."""

    template = "%(expressions)s"
    arg_joiner = " @@ "
    output_field = models.BooleanField()


def search_query(text: str):
    """`text` as a web search (words, "a phrase", -word, or) in the Indonesian
    configuration, each word that the stemmer cuts differently in its other forms standing
    for all of them ("kirim" also finds "mengirim", see articles.search): PostgreSQL's
    ts_rewrite swaps the word's lexeme for the alternatives wherever it stands in the
    query, in a phrase or after a minus too."""
    query = SearchQuery(text, config=SEARCH_CONFIG, search_type="websearch")
    for word, forms in expansions(text):
        target = SearchQuery(word, config=SEARCH_CONFIG)
        alternatives = target
        for form in forms:
            alternatives = alternatives | SearchQuery(form, config=SEARCH_CONFIG)
        query = models.Func(
            query, target, alternatives, function="ts_rewrite", output_field=SearchQueryField()
        )
    return query


class ArticleQuerySet(models.QuerySet):
    def search(self, text: str):
        """Articles matching `text` (PostgreSQL full-text search, Indonesian stemming, with
        the word forms the stemmer misses: search_query), best first (a title hit weighs
        more), each annotated with `rank` and a `snippet` whose hits are wrapped in
        HIT_START and HIT_STOP (render it with the `snippet_html` filter)."""
        query = search_query(text)
        return (
            self.filter(SearchMatch("search_vector", query))
            .annotate(
                rank=SearchRank("search_vector", query),
                snippet=SearchHeadline(
                    "body",
                    query,
                    config=SEARCH_CONFIG,
                    start_sel=HIT_START,
                    stop_sel=HIT_STOP,
                    max_words=30,
                    min_words=12,
                ),
            )
            .order_by("-rank", "-published_on", "pk")
        )

    def with_outlet(self):
        return self.select_related("outlet")


class Article(models.Model):
    slug = models.SlugField(max_length=120, unique=True)
    title = models.CharField(max_length=300)
    title_derived = models.BooleanField(
        default=False,
        help_text="The text has no headline; the title was made from its first sentence.",
    )
    body = models.TextField(help_text="Cleaned text. Every claim's offsets point into it.")
    raw = models.TextField(help_text="The file as it was read.")
    source_name = models.CharField(
        max_length=255, blank=True, help_text="Name of the file the article was loaded from."
    )
    source_path = models.CharField(
        max_length=SOURCE_PATH_MAX,
        blank=True,
        help_text="Which file the article is: its path inside the project folder (seeds/…), "
        "else its absolute path. Empty for articles loaded before paths were kept.",
    )
    content_hash = models.CharField(max_length=64, unique=True, help_text="SHA-256 of raw.")
    url = models.URLField(
        "original address",
        max_length=1000,
        blank=True,
        help_text="Where the outlet published it, when the editor who added it said so.",
    )
    language = models.CharField(max_length=8, default="id")
    outlet = models.ForeignKey(
        Outlet, null=True, blank=True, on_delete=models.SET_NULL, related_name="articles"
    )
    published_on = models.DateField(null=True, blank=True, validators=[validate_plausible_date])
    published_precision = models.CharField(
        max_length=5, choices=Precision.choices, default=Precision.DAY
    )
    published_latest = models.DateField(
        null=True,
        blank=True,
        validators=[validate_plausible_date],
        help_text="When only a range of days is known (the text reports an event, the article "
        "came out on its day or soon after): the range's last day; “published on” is its first. "
        "Empty for a date known as one day.",
    )
    published_evidence = models.CharField(
        max_length=300, blank=True, help_text="The phrase the date came from, e.g. “Rabu (30/10)”."
    )
    published_source = models.CharField(
        max_length=8, choices=DateSource.choices, default=DateSource.INFERRED
    )
    search_vector = models.GeneratedField(
        expression=SearchVector("title", weight="A", config=SEARCH_CONFIG)
        + SearchVector("body", weight="B", config=SEARCH_CONFIG),
        output_field=SearchVectorField(),
        db_persist=True,
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    objects = ArticleQuerySet.as_manager()

    class Meta:
        ordering = ["-published_on", "title"]
        indexes = [GinIndex(fields=["search_vector"], name="article_search_gin")]
        constraints = [
            # One file, one article (a file's name alone says nothing: story.txt is in many
            # folders).
            models.UniqueConstraint(
                fields=["source_path"],
                condition=~models.Q(source_path=""),
                name="article_unique_source_path",
            ),
            *calendar_constraints("article", "published_on", "published_latest"),
            # A range runs forward from a known first day, in days.
            models.CheckConstraint(
                condition=models.Q(published_latest__isnull=True)
                | models.Q(
                    published_on__isnull=False,
                    published_precision=Precision.DAY,
                    published_latest__gt=models.F("published_on"),
                ),
                name="article_published_range_in_order",
                violation_error_message="A range of days ends after its first day.",
            ),
        ]

    def __str__(self):
        return self.title

    def get_absolute_url(self):
        return reverse("articles:detail", args=[self.slug])

    def clean(self):
        super().clean()
        if self.published_latest is not None and self.published_latest == self.published_on:
            self.published_latest = None  # a range of one day is that day
        if self.published_latest is None:
            return
        if self.published_on is None:
            raise ValidationError(
                {"published_on": "A range of days needs its first day as well as its last."}
            )
        if self.published_latest < self.published_on:
            raise ValidationError({"published_latest": "The last day comes after the first."})
        if self.published_precision != Precision.DAY:
            raise ValidationError(
                {"published_precision": "A range runs from one day to another: precision day."}
            )

    @property
    def published_is_range(self) -> bool:
        return self.published_on is not None and self.published_latest is not None

    @property
    def published_range_text(self) -> str:
        """ "30 Oct – 1 Nov 2024" for a range; empty for a date known as one day."""
        if not self.published_is_range:
            return ""
        return format_day_range(self.published_on, self.published_latest)

    def date_reference(self) -> FoundDate | None:
        """The article's own date as articles.dates takes it: relative phrases ("pekan
        lalu") resolve against it, a range only where all its days agree."""
        if self.published_on is None:
            return None
        return FoundDate(
            self.published_on,
            self.published_precision,
            self.published_evidence,
            0,
            0,
            "dateline",
            latest=self.published_latest,
        )

    def set_date_by_editor(self, day: date):
        """The publication day an editor gives: a day, not a range, and kept over reloads."""
        self.published_on, self.published_precision = day, Precision.DAY
        self.published_evidence, self.published_source = "", DateSource.EDITOR
        self.published_latest = None

    def paragraphs(self):
        """(offset, text) for each paragraph of body, so claims can be placed inside them."""
        offset = 0
        for part in self.body.split("\n\n"):
            yield offset, part
            offset += len(part) + 2

    def text_at(self, moment) -> "ArticleRevision | None":
        """The text this article had at `moment` (its first text for a moment before it was
        loaded). A claim made before a correction reads against `text_at(claim.created_at)`:
        its quote and, until it is re-anchored, its offsets point into that text."""
        revisions = self.revisions.order_by("loaded_at", "pk")
        return revisions.filter(loaded_at__lte=moment).last() or revisions.first()


class ArticleRevision(models.Model):
    """One text an article has had. The loader adds one each time a file brings the article
    a new text, so a correction loses nothing; the newest is the article's current text.
    Metadata an editor corrects (title, outlet, date) is not text and makes no revision."""

    article = models.ForeignKey(Article, on_delete=models.CASCADE, related_name="revisions")
    body = models.TextField(help_text="Cleaned text, as Article.body was while it was current.")
    raw = models.TextField(help_text="The file as it was read.")
    content_hash = models.CharField(max_length=64, help_text="SHA-256 of raw.")
    source_path = models.CharField(
        max_length=SOURCE_PATH_MAX, blank=True, help_text="The file this text was read from."
    )
    loaded_at = models.DateTimeField(
        default=timezone.now, help_text="Since when this was the article's text."
    )

    class Meta:
        ordering = ["article", "loaded_at", "pk"]

    def __str__(self):
        return f"{self.article} as loaded {self.loaded_at:%Y-%m-%d %H:%M}"
