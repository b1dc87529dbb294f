from datetime import date

from django.contrib.postgres.fields import ArrayField
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
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from articles import precision
from articles.dates import FoundDate
from articles.formats import format_day_range
from articles.ingest import KnownOutlet, OutletRegistry
from articles.language import DEFAULT_LANGUAGE, FALLBACK_CONFIG, SEARCH_CONFIGS
from articles.search import expansions
from articles.validators import validate_plausible_date

SEARCH_CONFIG = SEARCH_CONFIGS["id"]  # the one whose stemmer's misses articles.search mends
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
            violation_error_message=_("A date must be in the years 1 to 9999."),
        )
        for name in fields
    ]


class Precision(models.TextChoices):
    # The words are articles.precision's.
    DAY = precision.DAY, _("Day")
    WEEK = precision.WEEK, _("Week")
    MONTH = precision.MONTH, _("Month")
    YEAR = precision.YEAR, _("Year")


class DateSource(models.TextChoices):
    STATED = "stated", _("stated in the text")
    INFERRED = "inferred", _("inferred from the text")
    EDITOR = "editor", _("set by an editor")


SOURCE_PATH_MAX = 1000


class OutletQuerySet(models.QuerySet):
    def registry(self) -> OutletRegistry:
        """These outlets as the text reader looks names up in them (articles.ingest)."""
        return OutletRegistry(
            KnownOutlet(o.name, tuple(o.aliases), tuple(o.domains), o.is_wire)
            for o in self.order_by("name")
        )

    def named(self, name: str) -> "Outlet | None":
        """The outlet a text's `name` is (its name, an alias or a domain, any case)."""
        known = self.registry().lookup(name)
        return self.filter(name=known.name).first() if known else None


class Outlet(models.Model):
    """A publisher, or a wire agency (is_wire) whose stories publishers relay. The loader
    recognises an outlet by its name, its aliases and its domains: add the ones the texts
    use, and an article loaded after is attributed to it."""

    name = models.CharField(_("name"), max_length=200, unique=True)
    slug = models.SlugField(_("slug"), max_length=200, unique=True)
    aliases = ArrayField(
        models.CharField(max_length=200),
        default=list,
        blank=True,
        verbose_name=_("aliases"),
        help_text=_("Other names the texts give it, comma-separated: KOMPAS.com, Kompas."),
    )
    domains = ArrayField(
        models.CharField(max_length=253),
        default=list,
        blank=True,
        verbose_name=_("domains"),
        help_text=_("Its web addresses, comma-separated: kompas.com (subdomains included)."),
    )
    is_wire = models.BooleanField(
        _("wire agency"),
        default=False,
        help_text=_("A news agency whose stories other outlets relay (AP, Reuters, AFP, ANTARA)."),
    )

    objects = OutletQuerySet.as_manager()

    class Meta:
        ordering = ["name"]
        verbose_name = _("outlet")
        verbose_name_plural = _("outlets")

    def __str__(self):
        return self.name

    def clean(self):
        # "https://www.Kompas.com/" and "kompas.com" are one domain.
        self.domains = list(
            dict.fromkeys(
                d.strip()
                .lower()
                .removeprefix("https://")
                .removeprefix("http://")
                .removeprefix("www.")
                .split("/")[0]
                for d in self.domains
                if d.strip()
            )
        )
        self.aliases = list(dict.fromkeys(a.strip() for a in self.aliases if a.strip()))


class RegConfig(models.Func):
    """A text search configuration named by a constant: 'english'::regconfig is resolved
    once, when the statement is read, so an expression choosing among such constants stays
    immutable (a generated column may use it; a cast of a text column would not)."""

    template = "%(expressions)s::regconfig"
    output_field = models.TextField()


def language_search_config():
    """The search configuration of each row's language (SEARCH_CONFIGS, else `simple`)."""
    return models.Case(
        *(
            models.When(language=code, then=RegConfig(models.Value(config)))
            for code, config in SEARCH_CONFIGS.items()
        ),
        default=RegConfig(models.Value(FALLBACK_CONFIG)),
    )


def _configs_and_languages() -> list[tuple[str, models.Q]]:
    """(configuration, the rows it reads) for every configuration an article may have."""
    languages: dict[str, list[str]] = {}
    for code, config in SEARCH_CONFIGS.items():
        languages.setdefault(config, []).append(code)
    return [
        *((config, models.Q(language__in=codes)) for config, codes in languages.items()),
        (FALLBACK_CONFIG, ~models.Q(language__in=list(SEARCH_CONFIGS))),
    ]


class SearchMatch(models.Func):
    """vector @@ query, to filter by: a rewritten query is no SearchQuery, so the field's own
    lookup would wrap it in plainto_tsquery."""

    template = "%(expressions)s"
    arg_joiner = " @@ "
    output_field = models.BooleanField()


def search_query(text: str, config: str = SEARCH_CONFIG):
    """`text` as a web search (words, "a phrase", -word, or) in `config`. In the Indonesian
    configuration each word that the stemmer cuts differently in its other forms stands
    for all of them ("kirim" also finds "mengirim", see articles.search): PostgreSQL's
    ts_rewrite swaps the word's lexeme for the alternatives wherever it stands in the
    query, in a phrase or after a minus too."""
    query = SearchQuery(text, config=config, search_type="websearch")
    if config != SEARCH_CONFIG:
        return query
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
        """Articles matching `text` (PostgreSQL full-text search), best first, each annotated
        with `rank` and a `snippet` whose hits are wrapped in HIT_START and HIT_STOP (render
        it with the `snippet_html` filter). Each article is searched in its own language's
        configuration (its vector was stemmed in it): `text` is read once per configuration
        and each reading is matched against the articles of that configuration, so "troops"
        finds an English article and "pasukan" an Indonesian one; in Indonesian, with the
        word forms the stemmer misses (search_query)."""
        matches, ranks, snippets = models.Q(), [], []
        for config, rows in _configs_and_languages():
            query = search_query(text, config)
            matches |= rows & models.Q(SearchMatch("search_vector", query))
            ranks.append(models.When(rows, then=SearchRank("search_vector", query)))
            snippet = SearchHeadline(
                "body",
                query,
                config=config,
                start_sel=HIT_START,
                stop_sel=HIT_STOP,
                max_words=30,
                min_words=12,
            )
            snippets.append(models.When(rows, then=snippet))
        return (
            self.filter(matches)
            .annotate(
                rank=models.Case(*ranks, output_field=models.FloatField()),
                snippet=models.Case(*snippets, output_field=models.TextField()),
            )
            .order_by("-rank", "-published_on", "pk")
        )

    def with_outlet(self):
        return self.select_related("outlet", "wire")


class Article(models.Model):
    slug = models.SlugField(_("slug"), max_length=120, unique=True)
    title = models.CharField(_("title"), max_length=300)
    title_derived = models.BooleanField(
        _("title made from the text"),
        default=False,
        help_text=_("The text has no headline; the title was made from its first sentence."),
    )
    body = models.TextField(
        _("text"), help_text=_("Cleaned text. Every claim's offsets point into it.")
    )
    raw = models.TextField(_("file as read"), help_text=_("The file as it was read."))
    source_name = models.CharField(
        _("source name"),
        max_length=255,
        blank=True,
        help_text=_("Name of the file the article was loaded from."),
    )
    source_path = models.CharField(
        _("source path"),
        max_length=SOURCE_PATH_MAX,
        blank=True,
        help_text=_(
            "Which file the article is: its path inside the project folder (seeds/…), "
            "else its absolute path. Empty for articles loaded before paths were kept."
        ),
    )
    content_hash = models.CharField(
        _("content hash"), max_length=64, unique=True, help_text=_("SHA-256 of raw.")
    )
    url = models.URLField(
        _("original address"),
        max_length=1000,
        blank=True,
        help_text=_("Where the outlet published it, when the editor who added it said so."),
    )
    language = models.CharField(
        _("language"),
        max_length=8,
        default=DEFAULT_LANGUAGE,
        help_text=_("ISO 639-1 code of the text's language (detected on loading): id, en, fr, …"),
    )
    outlet = models.ForeignKey(
        Outlet,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="articles",
        verbose_name=_("outlet"),
    )
    wire = models.ForeignKey(
        Outlet,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="relayed_articles",
        limit_choices_to={"is_wire": True},
        verbose_name=_("relayed from"),
        help_text=_(
            "The wire agency whose story the outlet relayed (“Jakarta (ANTARA) -”, “avec AFP”)."
        ),
    )
    published_on = models.DateField(
        _("published on"), null=True, blank=True, validators=[validate_plausible_date]
    )
    published_precision = models.CharField(
        _("precision of the date"),
        max_length=5,
        choices=Precision.choices,
        default=Precision.DAY,
    )
    published_latest = models.DateField(
        _("published at the latest on"),
        null=True,
        blank=True,
        validators=[validate_plausible_date],
        help_text=_(
            "When only a range of days is known (the text reports an event, the article came "
            "out on its day or soon after): the range's last day; “published on” is its first. "
            "Empty for a date known as one day."
        ),
    )
    published_evidence = models.CharField(
        _("evidence of the date"),
        max_length=300,
        blank=True,
        help_text=_("The phrase the date came from, e.g. “Rabu (30/10)”."),
    )
    published_source = models.CharField(
        _("source of the date"),
        max_length=8,
        choices=DateSource.choices,
        default=DateSource.INFERRED,
    )
    search_vector = models.GeneratedField(
        # Stemmed in the article's own language (language_search_config).
        expression=SearchVector("title", weight="A", config=language_search_config())
        + SearchVector("body", weight="B", config=language_search_config()),
        output_field=SearchVectorField(),
        db_persist=True,
    )
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)

    objects = ArticleQuerySet.as_manager()

    class Meta:
        ordering = ["-published_on", "title"]
        verbose_name = _("article")
        verbose_name_plural = _("articles")
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
                violation_error_message=_("A range of days ends after its first day."),
            ),
        ]

    def __str__(self):
        return self.title

    # get_absolute_url is the project's to say (settings.ABSOLUTE_URL_OVERRIDES): an article's page
    # is the timeline's, and this app names nothing of the apps built on it.

    def clean(self):
        super().clean()
        if self.published_latest is not None and self.published_latest == self.published_on:
            self.published_latest = None  # a range of one day is that day
        if self.published_latest is None:
            return
        if self.published_on is None:
            raise ValidationError(
                {"published_on": _("A range of days needs its first day as well as its last.")}
            )
        if self.published_latest < self.published_on:
            raise ValidationError({"published_latest": _("The last day comes after the first.")})
        if self.published_precision != Precision.DAY:
            raise ValidationError(
                {"published_precision": _("A range runs from one day to another: precision day.")}
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


class ArticleSource(models.Model):
    """A file an article was loaded from. The same text under another name (a copy, a
    second download) is the same article: the loader records the file here, so the article
    keeps every source it came from."""

    article = models.ForeignKey(
        Article, on_delete=models.CASCADE, related_name="sources", verbose_name=_("article")
    )
    path = models.CharField(
        _("path"),
        max_length=SOURCE_PATH_MAX,
        help_text=_("The file: its path inside the project, else absolute."),
    )
    first_loaded_at = models.DateTimeField(_("first loaded at"), default=timezone.now)

    class Meta:
        ordering = ["article", "first_loaded_at", "pk"]
        verbose_name = _("source file")
        verbose_name_plural = _("source files")
        constraints = [
            models.UniqueConstraint(fields=["article", "path"], name="article_source_unique_path")
        ]

    def __str__(self):
        return self.path


class ArticleRevision(models.Model):
    """One text an article has had. The loader adds one each time a file brings the article
    a new text, so a correction loses nothing; the newest is the article's current text.
    Metadata an editor corrects (title, outlet, date) is not text and makes no revision."""

    article = models.ForeignKey(
        Article, on_delete=models.CASCADE, related_name="revisions", verbose_name=_("article")
    )
    body = models.TextField(
        _("text"), help_text=_("Cleaned text, as Article.body was while it was current.")
    )
    raw = models.TextField(_("file as read"), help_text=_("The file as it was read."))
    content_hash = models.CharField(
        _("content hash"), max_length=64, help_text=_("SHA-256 of raw.")
    )
    source_path = models.CharField(
        _("source path"),
        max_length=SOURCE_PATH_MAX,
        blank=True,
        help_text=_("The file this text was read from."),
    )
    loaded_at = models.DateTimeField(
        _("loaded at"), default=timezone.now, help_text=_("Since when this was the article's text.")
    )

    class Meta:
        ordering = ["article", "loaded_at", "pk"]
        verbose_name = _("revision")
        verbose_name_plural = _("revisions")

    def __str__(self):
        return f"{self.article} as loaded {self.loaded_at:%Y-%m-%d %H:%M}"
