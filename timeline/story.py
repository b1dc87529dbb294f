"""How a story turned, computed from its claims, never written by hand.

A story's claims support or dispute its propositions ("North Korean troops are in Russia").
Each proposition has an **arc**, what the story box reads on one line: its first report
(the first dated claim that supports it, by anyone), each party concerned's first denial
(its first dispute), the estimates of a quantity proposition (totals only: the first one,
and each lane's latest compared with the estimate before it), each party concerned's first
confirmation (its first support), and its status, with the date and claim of each change:
reported (only others say so), disputed (a party concerned denies it), confirmed (a party
concerned admits it).

An arc holds at most one point per side and stance (and one estimate per lane, plus the
first), so the box is the same size at 50 claims or a million.

Pure functions of plain data: a StoryClaim carries what an arc needs of a claim (who, which
side, which proposition, what stance, when, which figure). `arcs` gives the same answer on
every claim of a story as on the few candidates ClaimQuerySet.story_arcs reads with bounded
queries (each side's first claim of each stance on each proposition; each lane's latest
total and the total before it): that is how the page stays fast with a million claims.
Nothing here knows one story: its sides (the lanes) and propositions come in as data.

Undated claims are never turning points: "first" and "later" need a date.
"""

from collections import defaultdict
from dataclasses import dataclass, field
from datetime import date

from django.utils.translation import gettext, pgettext, pgettext_lazy
from django_countries import countries

from articles.formats import date_phrase, format_date, format_number
from articles.precision import DAY, PRECISION_RANK
from timeline.vocabulary import (
    CONFIRMED,
    DISPUTED,
    DISPUTES,
    REPORTED,
    SUPPORTS,
    TOTAL,
    status_name,
)

# The lane of everyone who speaks for none of the story's sides (other countries, bodies
# with no country).
OTHERS = "others"


def side_name(code: str) -> str:
    """A country's name from its ISO code (the code itself when it names no country)."""
    if not code:
        return gettext("no country")
    if code == OTHERS:
        return others_name()
    return countries.name(code.upper()) or code.upper()


def others_name() -> str:
    """The name of the lane of everyone else, in the reader's language."""
    return pgettext("the lane of those who speak for none of the story's sides", "Others")


def lanes_of(sides) -> list[tuple[str, str]]:
    """The lanes of a story with these `sides` (its ordered [code, name] pairs): one per
    side, in its order, then "others"."""
    return [(code, name) for code, name in sides] + [(OTHERS, others_name())]


def lane_of(side: str, codes) -> str:
    """The lane of an actor speaking for `side`, among a story's side `codes`."""
    return side if side and side in codes else OTHERS


@dataclass(frozen=True)
class StoryClaim:
    """What the story needs to know of a claim."""

    pk: int
    kind: str
    actor_id: int
    actor: str = ""
    side: str = ""  # ISO code of the side the actor speaks for, "" for none
    stated_on: date | None = None
    precision: str = DAY
    number: int | None = None
    number_max: int | None = None
    # Where the claim is among claims of the same date: (article published_on, article,
    # offset, pk), as ClaimQuerySet.chronological orders them; () keeps the order given.
    position: tuple = ()
    proposition_id: int | None = None
    stance: str = ""
    number_role: str = ""
    via: str = ""  # the name of the outlet or agency it was relayed through
    side_label: str = ""  # the story's name for the side ("" : the country's name)

    @property
    def high(self) -> int | None:
        return self.number_max if self.number_max is not None else self.number

    @property
    def when(self) -> str:
        return format_date(self.stated_on, self.precision)

    @property
    def date_phrase(self) -> str:
        return date_phrase(self.stated_on, self.precision)

    @property
    def figure(self) -> str:
        return format_number(self.number, self.number_max)

    @property
    def side_title(self) -> str:
        return self.side_label or (side_name(self.side) if self.side else "")

    @property
    def who(self) -> str:
        """The actor, with its side when the name does not already say it: "Lloyd Austin
        (United States)"."""
        side = self.side_title
        return f"{self.actor} ({side})" if side and side != self.actor else self.actor

    @property
    def speaker(self) -> str:
        """The side first, then the actor when it is not the side itself, and the relay:
        "Russia (Dmitry Peskov)", "South Korea via TV Chosun", "G7"."""
        side = self.side_title
        name = f"{side} ({self.actor})" if side and side != self.actor else self.actor
        if not self.via:
            return name
        # Translators: who said it, and the outlet or agency that relayed it.
        return gettext("%(speaker)s via %(relay)s") % {"speaker": name, "relay": self.via}

    @property
    def is_total(self) -> bool:
        """A dated total estimate: what an estimate line is made of (parts and changes are
        not)."""
        return self.number_role == TOTAL and self.number is not None and self.stated_on is not None


def story_claims(values, actors, side_labels=None) -> list[StoryClaim]:
    """StoryClaims from ClaimQuerySet value dicts (STORY_FIELDS); `actors` maps an actor's
    pk to its (name, side); `side_labels` a side's code to the story's name for it."""
    labels = side_labels or {}
    result = []
    for row in values:
        name, side = actors.get(row["actor_id"], ("", ""))
        via = actors.get(row.get("via_id"), ("", ""))[0] if row.get("via_id") else ""
        result.append(
            StoryClaim(
                pk=row["pk"],
                kind=row["kind"],
                actor_id=row["actor_id"],
                actor=name,
                side=side,
                stated_on=row["stated_on"],
                precision=row["stated_precision"],
                number=row["number"],
                number_max=row["number_max"],
                position=(
                    row.get("article__published_on") or date.max,
                    row.get("article_id") or 0,
                    row.get("start") or 0,
                    row["pk"],
                ),
                proposition_id=row.get("proposition_id"),
                stance=row.get("stance") or "",
                number_role=row.get("number_role") or "",
                via=via,
                side_label=labels.get(side, ""),
            )
        )
    return result


def sort_key(claim: StoryClaim):
    return (
        claim.stated_on is None,
        claim.stated_on or date.max,
        PRECISION_RANK.get(claim.precision, 9),
        claim.position,
    )


def chronological(claims) -> list[StoryClaim]:
    """Oldest first, undated last, coarser precision first at equal dates, then by position
    (as the database orders them); a stable sort, so claims with no position keep the order
    they came in."""
    return sorted(claims, key=sort_key)


def _dated(claims) -> list[StoryClaim]:
    return chronological(c for c in claims if c.stated_on is not None)


def possessive(name: str) -> str:
    """An owner's name before what it owns: "Russia's", "United States'" (in Indonesian the
    name as it is: what it owns comes first, "laporan pertama Rusia")."""
    if name.endswith("s"):
        # Translators: the owner of a first report or estimate, a name ending in s ("United
        # States' first report"). Where the language puts the owner after, just the name.
        return pgettext("possessive of a name ending in s", "%(name)s'") % {"name": name}
    # Translators: the owner of a first report or estimate ("Russia's first report").
    return pgettext("possessive", "%(name)s's") % {"name": name}


@dataclass(frozen=True)
class Scope:
    """Which claims the arcs are found among, so that their sentences do not claim firsts
    that are not: the whole story (the default), or what a filter keeps. `owner`: the actor
    or side the filter keeps ("Russia's first report"); `whole_actors`: whether each actor's
    claims are all there (no kind, stance, date, article, outlet, text or status filter), so
    that an actor's first denial among them is its first."""

    owner: str = ""
    whole_actors: bool = True

    @property
    def whole_story(self) -> bool:
        return not self.owner and self.whole_actors

    @property
    def key(self) -> tuple[bool, bool]:
        """(whether an owner is named, whether only some of each actor's claims are there):
        which of a turning point's sentences says it."""
        return bool(self.owner), not self.whole_actors

    @property
    def words(self) -> dict:
        """What a sentence names the scope by: its owner, as an owner ("Russia's")."""
        return {"owner": possessive(self.owner)} if self.owner else {}


WHOLE_STORY = Scope()

# The turning points of an arc, in the order the box reads them (each kind oldest first).
FIRST_REPORT, FIRST_DENIAL, ESTIMATE, FIRST_CONFIRMATION = (
    "first_report",
    "first_denial",
    "estimate",
    "first_confirmation",
)
POINT_KINDS = (FIRST_REPORT, FIRST_DENIAL, ESTIMATE, FIRST_CONFIRMATION)

# What the box and the exports say of a turning point, whole, one wording for each kind and
# scope (Scope.key: an owner named, only some of the actors' claims), so that a language
# may order its words as it needs to. Looked up in the active language when used: with none
# (the exports), the English written here. A denial and a confirmation are a side's own,
# whoever the filter keeps: no owner.
LABELS = {
    (FIRST_REPORT, False, False): pgettext_lazy("turning point", "first report"),
    (FIRST_REPORT, False, True): pgettext_lazy("turning point", "first report among these claims"),
    (FIRST_REPORT, True, False): pgettext_lazy("turning point", "%(owner)s first report"),
    (FIRST_REPORT, True, True): pgettext_lazy(
        "turning point", "%(owner)s first report among these claims"
    ),
    (FIRST_DENIAL, False): pgettext_lazy("turning point", "first denial"),
    (FIRST_DENIAL, True): pgettext_lazy("turning point", "first denial among these claims"),
    (FIRST_CONFIRMATION, False): pgettext_lazy("turning point", "first confirmation"),
    (FIRST_CONFIRMATION, True): pgettext_lazy(
        "turning point", "first confirmation among these claims"
    ),
    ESTIMATE: pgettext_lazy("turning point", "estimate"),
}
SENTENCES = {
    (FIRST_REPORT, False, False): pgettext_lazy("turning point", "First report, by %(speaker)s."),
    (FIRST_REPORT, False, True): pgettext_lazy(
        "turning point", "First report among these claims, by %(speaker)s."
    ),
    (FIRST_REPORT, True, False): pgettext_lazy(
        "turning point", "%(owner)s first report, by %(speaker)s."
    ),
    (FIRST_REPORT, True, True): pgettext_lazy(
        "turning point", "%(owner)s first report among these claims, by %(speaker)s."
    ),
    (FIRST_DENIAL, False): pgettext_lazy("turning point", "First denial by %(speaker)s."),
    (FIRST_DENIAL, True): pgettext_lazy(
        "turning point", "First denial among these claims by %(speaker)s."
    ),
    (FIRST_CONFIRMATION, False): pgettext_lazy(
        "turning point", "First confirmation by %(speaker)s."
    ),
    (FIRST_CONFIRMATION, True): pgettext_lazy(
        "turning point", "First confirmation among these claims by %(speaker)s."
    ),
    # A confirmation that reverses the side's own denial ("after denying it in Oct 2024").
    (FIRST_CONFIRMATION, False, "reverses"): pgettext_lazy(
        "turning point", "First confirmation by %(speaker)s, after denying it %(when)s."
    ),
    (FIRST_CONFIRMATION, True, "reverses"): pgettext_lazy(
        "turning point",
        "First confirmation among these claims by %(speaker)s, after denying it %(when)s.",
    ),
    ESTIMATE: pgettext_lazy("turning point", "Estimate by %(speaker)s: %(figure)s, %(trend)s."),
}
# An estimate against the one before it in the line.
TRENDS = {
    (False, False): pgettext_lazy("the first estimate", "the first"),
    (False, True): pgettext_lazy("the first estimate", "the first among these claims"),
    (True, False): pgettext_lazy("the first estimate", "%(owner)s first"),
    (True, True): pgettext_lazy("the first estimate", "%(owner)s first among these claims"),
    "up": pgettext_lazy("an estimate", "up from %(figure)s"),
    "down": pgettext_lazy("an estimate", "down from %(figure)s"),
    "revised": pgettext_lazy("an estimate", "revised from %(figure)s"),
    "unchanged": pgettext_lazy("an estimate", "unchanged from %(figure)s"),
}


@dataclass(frozen=True)
class TurningPoint:
    """A moment a proposition turned: `claim` is it; `earlier` the estimate before (of an
    estimate) or the denial it reverses (of a confirmation)."""

    claim: StoryClaim
    kind: str  # one of POINT_KINDS
    proposition: object = None  # the Proposition (slug, statement, ...)
    earlier: StoryClaim | None = None
    scope: Scope = WHOLE_STORY  # the claims it was found among

    def _wording(self, table) -> str:
        """This point's entry of `table` (LABELS, SENTENCES), filled in."""
        owned, among = self.scope.key
        if self.kind == ESTIMATE:
            key = ESTIMATE
        elif self.kind == FIRST_REPORT:
            key = (FIRST_REPORT, owned, among)
        elif table is SENTENCES and self.kind == FIRST_CONFIRMATION and self.earlier:
            key = (FIRST_CONFIRMATION, among, "reverses")
        else:
            key = (self.kind, among)
        return str(table[key]) % {
            **self.scope.words,
            "speaker": self.claim.speaker,
            "figure": self.claim.figure,
            "trend": self.trend if self.kind == ESTIMATE else "",
            "when": self.earlier.date_phrase if self.earlier else "",
        }

    @property
    def label(self) -> str:
        """What kind of turning point, among the claims it was found among: "first report",
        "Russia's first report", "first denial among these claims", "estimate"."""
        return self._wording(LABELS)

    @property
    def trend(self) -> str:
        """An estimate against the one before it in the line: "the first", "up from
        10,000", "down from 14,000", "revised from 10,000", "unchanged from 10,000"."""
        before = self.earlier
        if before is None:
            return str(TRENDS[self.scope.key]) % self.scope.words
        if (self.claim.number, self.claim.high) == (before.number, before.high):
            trend = "unchanged"
        elif self.claim.number > before.high:
            trend = "up"
        elif self.claim.high < before.number:
            trend = "down"
        else:
            trend = "revised"
        return str(TRENDS[trend]) % {"figure": before.figure}

    @property
    def phrase(self) -> str:
        """What the box says of it after its kind and date: "South Korea via TV Chosun",
        "United States: 10,000, the first"."""
        if self.kind == ESTIMATE:
            return f"{self.claim.speaker}: {self.claim.figure}, {self.trend}"
        return self.claim.speaker

    @property
    def text(self) -> str:
        """The sentence, without its date: what the exports and the list's marks say."""
        return self._wording(SENTENCES)

    @property
    def sentence(self) -> str:
        return f"{self.claim.when}: {self.text}"

    def as_dict(self) -> dict:
        return {
            "claim_id": self.claim.pk,
            "type": self.kind,
            "proposition": getattr(self.proposition, "slug", None),
            "stated_on": self.claim.stated_on.isoformat() if self.claim.stated_on else None,
            "stated_precision": self.claim.precision,
            "actor": self.claim.actor,
            "side": self.claim.side,
            "via": self.claim.via,
            "text": self.text,
            "sentence": self.sentence,
            "earlier_claim_id": self.earlier.pk if self.earlier else None,
        }


@dataclass(frozen=True)
class StatusChange:
    """The proposition's status from `claim` on."""

    status: str  # vocabulary.REPORTED, DISPUTED or CONFIRMED
    claim: StoryClaim

    @property
    def label(self) -> str:
        """The status inside a sentence, in the reader's language: "confirmed"."""
        return status_name(self.status).lower()

    def as_dict(self) -> dict:
        return {
            "status": self.status,
            "stated_on": self.claim.stated_on.isoformat() if self.claim.stated_on else None,
            "stated_precision": self.claim.precision,
            "claim_id": self.claim.pk,
            "actor": self.claim.actor,
            "side": self.claim.side,
        }


@dataclass(frozen=True)
class PointGroup:
    """The points of one kind on an arc's line, as the box shows them: "Denied: ..."."""

    kind: str
    label: str
    points: list


GROUP_LABELS = {
    FIRST_REPORT: pgettext_lazy("story box", "First reported"),
    FIRST_DENIAL: pgettext_lazy("story box", "Denied"),
    ESTIMATE: pgettext_lazy("story box", "Estimates"),
    FIRST_CONFIRMATION: pgettext_lazy("story box", "Confirmed"),
}


@dataclass(frozen=True)
class Arc:
    """A proposition's turning points (`points`, in the order the box reads them: its first
    report, the denials, the estimates, the confirmations, each kind oldest first) and its
    status history (`history`, oldest first), among the claims of `scope`."""

    proposition: object
    points: list = field(default_factory=list)
    history: list = field(default_factory=list)
    scope: Scope = WHOLE_STORY

    @property
    def status(self) -> str | None:
        """Its status now (None while no dated claim supports or disputes it)."""
        return self.history[-1].status if self.history else None

    @property
    def since(self) -> StatusChange | None:
        return self.history[-1] if self.history else None

    @property
    def groups(self) -> list[PointGroup]:
        """Its points by kind, in POINT_KINDS order, the kinds it has only."""
        return [
            PointGroup(kind, str(GROUP_LABELS[kind]), points)
            for kind in POINT_KINDS
            if (points := [p for p in self.points if p.kind == kind])
        ]

    def as_dict(self) -> dict:
        p = self.proposition
        return {
            "proposition": p.slug,
            "statement": p.statement,
            "statement_en": p.statement_en,
            "parties": list(p.parties),
            "is_quantity": p.is_quantity,
            "is_lead": p.is_lead,
            "status": self.status,
            "status_history": [change.as_dict() for change in self.history],
            "turning_points": [point.as_dict() for point in self.points],
        }


def _firsts(claims, stance) -> dict[str, StoryClaim]:
    """Each side's first claim of `stance` among chronological `claims` (by side code; ""
    for the actors of no side)."""
    found: dict[str, StoryClaim] = {}
    for claim in claims:
        if claim.stance == stance:
            found.setdefault(claim.side, claim)
    return found


def estimate_picks(claims, codes) -> list[tuple[StoryClaim, StoryClaim | None]]:
    """The estimates an arc shows, with the estimate before each in the line (None for the
    first): the line is the dated totals among `claims` (parts and changes never make it),
    oldest first; the picks are its first and each lane's latest (`codes`: the story's
    sides), oldest first. At most one per lane, and the first."""
    line = [claim for claim in _dated(claims) if claim.is_total]
    latest = {lane_of(claim.side, codes): i for i, claim in enumerate(line)}
    chosen = sorted({0, *latest.values()}) if line else []
    return [(line[i], line[i - 1] if i else None) for i in chosen]


def status_history(parties, supports: dict, disputes: dict) -> list[StatusChange]:
    """How the status moved, from each side's first support and first dispute: reported
    from the first support by anyone not concerned, disputed from the first denial by a
    party concerned, confirmed from a party concerned's first admission. An admission on
    record stays confirmed: a later denial (by it or by the other party) does not undo it."""
    events = []
    others = [c for side, c in supports.items() if side not in parties]
    if others:
        events.append((REPORTED, min(others, key=sort_key)))
    denials = [c for side, c in disputes.items() if side in parties]
    if denials:
        events.append((DISPUTED, min(denials, key=sort_key)))
    admissions = [c for side, c in supports.items() if side in parties]
    if admissions:
        events.append((CONFIRMED, min(admissions, key=sort_key)))
    rank = {REPORTED: 0, DISPUTED: 1, CONFIRMED: 2}
    history: list[StatusChange] = []
    for status, claim in sorted(events, key=lambda e: (sort_key(e[1]), rank[e[0]])):
        if not history or rank[status] > rank[history[-1].status]:
            history.append(StatusChange(status, claim))
    return history


def arc(proposition, claims, codes, scope: Scope = WHOLE_STORY) -> Arc:
    """The arc of `proposition` (anything with pk, slug, parties, is_quantity) from
    `claims` (StoryClaims of it: all of them, or the bounded candidates), `codes` the
    story's side codes."""
    dated = _dated(c for c in claims if c.proposition_id == proposition.pk)
    parties = list(proposition.parties)
    supports, disputes = _firsts(dated, SUPPORTS), _firsts(dated, DISPUTES)

    def point(claim, kind, earlier=None):
        return TurningPoint(claim, kind, proposition, earlier, scope)

    points = []
    if supports:
        points.append(point(min(supports.values(), key=sort_key), FIRST_REPORT))
    denials = chronological(c for side, c in disputes.items() if side in parties)
    points += [point(claim, FIRST_DENIAL) for claim in denials]
    if proposition.is_quantity:
        points += [point(claim, ESTIMATE, before) for claim, before in estimate_picks(dated, codes)]
    for claim in chronological(c for side, c in supports.items() if side in parties):
        denial = disputes.get(claim.side)
        reverses = denial is not None and sort_key(denial) < sort_key(claim)
        points.append(point(claim, FIRST_CONFIRMATION, denial if reverses else None))
    return Arc(proposition, points, status_history(parties, supports, disputes), scope)


def arcs(propositions, claims, sides, scope: Scope = WHOLE_STORY) -> list[Arc]:
    """The arc of each of `propositions` (in their order), from `claims` (StoryClaims);
    `sides`: the story's [code, name] pairs."""
    codes = [code for code, _ in sides]
    by_proposition = defaultdict(list)
    for claim in claims:
        if claim.proposition_id is not None:
            by_proposition[claim.proposition_id].append(claim)
    return [arc(p, by_proposition[p.pk], codes, scope) for p in propositions]


def flat_points(arcs) -> list[TurningPoint]:
    """Every arc's turning points, oldest first (at one moment, in POINT_KINDS order, then
    in the order of the arcs): the story as one time line, as TimelineJS shows it."""
    points = [(i, point) for i, arc_ in enumerate(arcs) for point in arc_.points]
    order = {kind: i for i, kind in enumerate(POINT_KINDS)}
    points.sort(key=lambda ip: (sort_key(ip[1].claim), order[ip[1].kind], ip[0]))
    return [point for _, point in points]


def turning_points_by_claim(points) -> dict[int, list[TurningPoint]]:
    """The turning points of each claim, to mark them in the list."""
    marked = defaultdict(list)
    for point in points:
        marked[point.claim.pk].append(point)
    return dict(marked)


@dataclass(frozen=True)
class LaneStance:
    """A party's stance on a proposition, as its lane draws it: "denies" from its first
    denial, "confirms" from its first confirmation (either may be None)."""

    lane: str
    denial: StoryClaim | None = None
    confirmation: StoryClaim | None = None


def lane_stances(arc_: Arc) -> list[LaneStance]:
    """For each party concerned with `arc_`'s proposition that took a stance: its first
    denial and its first confirmation, from the arc. A denial after the admission is not
    drawn: an admission on record stays confirmed."""
    denials = {p.claim.side: p.claim for p in arc_.points if p.kind == FIRST_DENIAL}
    confirmations = {p.claim.side: p.claim for p in arc_.points if p.kind == FIRST_CONFIRMATION}
    stances = []
    for party in arc_.proposition.parties:
        denial, confirmation = denials.get(party), confirmations.get(party)
        if denial and confirmation and sort_key(confirmation) < sort_key(denial):
            denial = None
        if denial or confirmation:
            stances.append(LaneStance(party, denial, confirmation))
    return stances
