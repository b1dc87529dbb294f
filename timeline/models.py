from django.conf import settings
from django.contrib.postgres.fields import ArrayField
from django.db import models
from django.db.models import F, Q
from django.urls import reverse
from simple_history.models import HistoricalRecords

from articles.models import Article, Precision


class ActorQuerySet(models.QuerySet):
    def matching(self, text: str):
        """Actors whose name or any alias contains `text` (case-insensitive), names first."""
        text = text.strip()
        if not text:
            return self.none()
        alias_text = models.Func(
            F("aliases"),
            models.Value(" | "),
            function="array_to_string",
            output_field=models.TextField(),
        )
        return (
            self.annotate(alias_text=alias_text)
            .filter(Q(name__icontains=text) | Q(alias_text__icontains=text))
            .select_related("affiliation")
            .order_by("name")
        )


class Actor(models.Model):
    class Kind(models.TextChoices):
        PERSON = "person"
        GOVERNMENT = "government"
        MILITARY = "military"
        STATE_MEDIA = "state_media", "state media"
        NEWS_OUTLET = "news_outlet", "news outlet"
        INTERNATIONAL_BODY = "international_body", "international body"
        OTHER = "other"

    name = models.CharField(max_length=200)
    slug = models.SlugField(max_length=200, unique=True)
    kind = models.CharField(max_length=20, choices=Kind.choices, default=Kind.OTHER)
    country = models.CharField(
        max_length=2, blank=True, help_text="ISO 3166 alpha-2 code of the side it speaks for."
    )
    affiliation = models.ForeignKey(
        "self",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="members",
        help_text="The body it speaks for: Lloyd Austin → US Department of Defense.",
    )
    aliases = ArrayField(
        models.CharField(max_length=120),
        default=list,
        blank=True,
        help_text="Other names in the texts, Indonesian and English: Korut, DPRK, Pyongyang.",
    )
    history = HistoricalRecords()

    objects = ActorQuerySet.as_manager()

    class Meta:
        ordering = ["name"]

    def __str__(self):
        return self.name

    @property
    def side(self) -> str:
        """The country it speaks for: its own, else its affiliation's."""
        actor, seen = self, set()
        while actor is not None and actor.pk not in seen:
            if actor.country:
                return actor.country
            seen.add(actor.pk)
            actor = actor.affiliation
        return ""


class ClaimQuerySet(models.QuerySet):
    def alive(self):
        """Claims not deleted (deleting only marks them; history keeps everything)."""
        return self.filter(deleted_at__isnull=True)

    def visible_to(self, user):
        """Readers see reviewed claims; editors also see drafts."""
        from timeline.roles import is_editor

        qs = self.alive()
        return qs if is_editor(user) else qs.filter(status=Claim.Status.REVIEWED)

    def with_related(self):
        return self.select_related("article__outlet", "actor__affiliation__affiliation", "via")

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
        """Claims stated on or after `start` and on or before `end` (either may be None)."""
        qs = self
        if start:
            qs = qs.filter(stated_on__gte=start)
        if end:
            qs = qs.filter(stated_on__lte=end)
        return qs

    def by_actor(self, actor):
        """Claims by `actor` or by anyone affiliated with it, at any depth
        ("United States" includes the Pentagon and Lloyd Austin)."""
        return self.filter(actor_id__in=affiliated_ids(actor))


PRECISION_ORDER = [Precision.YEAR, Precision.MONTH, Precision.WEEK, Precision.DAY]


def affiliated_ids(actor) -> set[int]:
    """`actor` and every actor affiliated with it, directly or through others (one query)."""
    children: dict[int, list[int]] = {}
    for pk, parent in Actor.objects.values_list("pk", "affiliation_id"):
        children.setdefault(parent, []).append(pk)
    found, todo = set(), [actor.pk]
    while todo:
        pk = todo.pop()
        if pk not in found:
            found.add(pk)
            todo.extend(children.get(pk, []))
    return found


class Claim(models.Model):
    class Kind(models.TextChoices):
        TROOP_COUNT = "troop_count", "troop count"
        CASUALTY_COUNT = "casualty_count", "casualty count"
        DENIAL = "denial"
        CONFIRMATION = "confirmation"
        ALLEGATION = "allegation"
        COMBAT_REPORT = "combat_report", "combat report"
        CONDEMNATION = "condemnation"
        AGREEMENT = "agreement"
        OTHER = "other"

    COUNT_KINDS = frozenset({Kind.TROOP_COUNT, Kind.CASUALTY_COUNT})

    class Status(models.TextChoices):
        DRAFT = "draft"
        REVIEWED = "reviewed"

    article = models.ForeignKey(Article, on_delete=models.PROTECT, related_name="claims")
    # The span, anchored as the W3C Web Annotation model does: a TextPositionSelector
    # (start, end) and a TextQuoteSelector (quote, prefix, suffix) to re-anchor it by.
    start = models.PositiveIntegerField()
    end = models.PositiveIntegerField()
    quote = models.TextField()
    prefix = models.CharField(max_length=64, blank=True)
    suffix = models.CharField(max_length=64, blank=True)
    orphaned = models.BooleanField(
        default=False, help_text="The quote is no longer in the article's text."
    )
    actor = models.ForeignKey(Actor, on_delete=models.PROTECT, related_name="claims")
    via = models.ForeignKey(
        Actor,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="relayed_claims",
        help_text="The outlet or agency it was relayed through (“seperti dilansir KCNA”).",
    )
    kind = models.CharField(max_length=20, choices=Kind.choices)
    number = models.PositiveBigIntegerField(null=True, blank=True)
    number_max = models.PositiveBigIntegerField(
        null=True, blank=True, help_text="Upper end of a range (“10,000 to 12,000”)."
    )
    stated_on = models.DateField(null=True, blank=True, help_text="When the actor said it.")
    stated_precision = models.CharField(
        max_length=5, choices=Precision.choices, default=Precision.DAY
    )
    stated_evidence = models.CharField(max_length=300, blank=True)
    event_on = models.DateField(null=True, blank=True, help_text="When what it describes happened.")
    event_precision = models.CharField(
        max_length=5, choices=Precision.choices, default=Precision.DAY
    )
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.DRAFT)
    note = models.TextField(blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)
    version = models.PositiveIntegerField(
        default=1, help_text="Raised on every save; a save based on an older version is refused."
    )
    deleted_at = models.DateTimeField(null=True, blank=True)
    history = HistoricalRecords()

    objects = ClaimQuerySet.as_manager()

    class Meta:
        ordering = ["stated_on", "pk"]
        indexes = [
            models.Index(fields=["stated_on", "id"], name="claim_stated_idx"),
            models.Index(fields=["article", "start"], name="claim_article_start_idx"),
        ]
        constraints = [
            models.CheckConstraint(condition=Q(start__lt=F("end")), name="claim_span_not_empty"),
            models.CheckConstraint(
                condition=Q(number_max__isnull=True)
                | (Q(number__isnull=False) & Q(number_max__gte=F("number"))),
                name="claim_range_ordered",
            ),
        ]

    def __str__(self):
        return f"{self.actor}: {self.get_kind_display()} ({self.stated_on or 'undated'})"

    def get_absolute_url(self):
        return reverse("timeline:claim", args=[self.pk])

    def get_in_article_url(self):
        return f"{self.article.get_absolute_url()}#claim-{self.pk}"

    @property
    def is_count(self):
        return self.kind in self.COUNT_KINDS
