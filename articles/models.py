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
from django.db import models
from django.urls import reverse

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
    DAY = "day"
    WEEK = "week"
    MONTH = "month"
    YEAR = "year"


class DateSource(models.TextChoices):
    INFERRED = "inferred", "inferred from the text"
    EDITOR = "editor", "set by an editor"


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
        max_length=255, blank=True, help_text="File name the article was loaded from."
    )
    content_hash = models.CharField(max_length=64, unique=True, help_text="SHA-256 of raw.")
    language = models.CharField(max_length=8, default="id")
    outlet = models.ForeignKey(
        Outlet, null=True, blank=True, on_delete=models.SET_NULL, related_name="articles"
    )
    published_on = models.DateField(null=True, blank=True, validators=[validate_plausible_date])
    published_precision = models.CharField(
        max_length=5, choices=Precision.choices, default=Precision.DAY
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
            models.UniqueConstraint(
                fields=["source_name"],
                condition=~models.Q(source_name=""),
                name="article_unique_source_name",
            ),
            *calendar_constraints("article", "published_on"),
        ]

    def __str__(self):
        return self.title

    def get_absolute_url(self):
        return reverse("articles:detail", args=[self.slug])

    def paragraphs(self):
        """(offset, text) for each paragraph of body, so claims can be placed inside them."""
        offset = 0
        for part in self.body.split("\n\n"):
            yield offset, part
            offset += len(part) + 2
