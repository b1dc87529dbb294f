"""How the story turned, computed from the claims, never written by hand.

Pure functions of plain data: a `StoryClaim` carries what the story needs of a claim (who,
which side, what kind, when, which figure). They work the same on every claim of a story
or on a bounded set of candidates read with aggregate queries (ClaimQuerySet.first_of_kinds
and .estimate_changes), which is how the timeline page stays fast with 100,000 claims.

Undated claims are never turning points: "later" needs a date.
"""

from collections import defaultdict
from dataclasses import dataclass
from datetime import date

from django_countries import countries

from articles.formats import date_phrase, format_date, format_number
from articles.precision import DAY, PRECISION_RANK
from timeline.vocabulary import ALLEGATION, COMBAT_REPORT, CONFIRMATION, DENIAL, TROOP_COUNT

OTHERS = "others"
# One swimlane per main side; everyone else (other countries, bodies with no country) shares one.
LANES = (
    ("KP", "North Korea"),
    ("RU", "Russia"),
    ("UA", "Ukraine"),
    ("US", "United States"),
    ("KR", "South Korea"),
    (OTHERS, "Others"),
)
MAIN_SIDES = frozenset(code for code, _ in LANES if code != OTHERS)

# The first of these in the whole story marks a turning point ("the first clashes").
MILESTONE_KINDS = (ALLEGATION, COMBAT_REPORT)
# Each actor's first of these marks a turning point; a denial then a confirmation is a reversal.
STANCE_KINDS = (DENIAL, CONFIRMATION)
CANDIDATE_KINDS = MILESTONE_KINDS + STANCE_KINDS


def side_name(code: str) -> str:
    """A country's name from its ISO code (the code itself when it names no country)."""
    if not code:
        return "no country"
    if code == OTHERS:
        return "Others"
    return countries.name(code.upper()) or code.upper()


def lane_of(side: str) -> str:
    return side if side in MAIN_SIDES else OTHERS


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
    def who(self) -> str:
        """The actor, with its side when the name does not already say it."""
        side = side_name(self.side) if self.side else ""
        return f"{self.actor} ({side})" if side and side != self.actor else self.actor


def story_claims(values, actors) -> list[StoryClaim]:
    """StoryClaims from ClaimQuerySet value dicts (STORY_FIELDS); `actors` maps an actor's
    pk to its (name, side)."""
    result = []
    for row in values:
        name, side = actors.get(row["actor_id"], ("", ""))
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


@dataclass(frozen=True)
class Reversal:
    """A side (or, for an actor with no side, the actor) that denied, then confirmed."""

    group: str  # the side's code, or "" when the actor has none
    denial: StoryClaim
    confirmation: StoryClaim

    @property
    def name(self) -> str:
        return side_name(self.group) if self.group else self.denial.actor


def group_of(claim: StoryClaim) -> str:
    """Who a stance belongs to: the side, or the actor itself when it speaks for no side."""
    return claim.side or f"actor:{claim.actor_id}"


def reversals(claims) -> list[Reversal]:
    """Each side (an actor with no side on its own) that denied and later confirmed: the
    first confirmation stated on a later date than one of its denials, and the last denial
    before it, the stance it reversed (North Korea: denials in October 2024, confirmed on
    28 April 2025). Claims on the same date are not ordered in time, so they never reverse
    each other."""
    stances: dict[str, list[StoryClaim]] = defaultdict(list)
    for claim in _dated(claims):
        if claim.kind in STANCE_KINDS:
            stances[group_of(claim)].append(claim)
    found = []
    for items in stances.values():
        denials = [c for c in items if c.kind == DENIAL]
        if not denials:
            continue
        confirmation = next(
            (c for c in items if c.kind == CONFIRMATION and c.stated_on > denials[0].stated_on),
            None,
        )
        if confirmation is None:
            continue
        denial = [d for d in denials if d.stated_on < confirmation.stated_on][-1]
        found.append(Reversal(confirmation.side, denial, confirmation))
    return sorted(found, key=lambda r: sort_key(r.confirmation))


def estimate_changes(claims) -> list[tuple[StoryClaim, StoryClaim | None]]:
    """Each dated troop estimate whose figure (or range) differs from the estimate before it,
    with that earlier estimate (None for the first)."""
    changes, before = [], None
    for claim in _dated(claims):
        if claim.kind != TROOP_COUNT or claim.number is None:
            continue
        if before is None or (claim.number, claim.high) != (before.number, before.high):
            changes.append((claim, before))
        before = claim
    return changes


def possessive(name: str) -> str:
    return f"{name}'" if name.endswith("s") else f"{name}'s"


@dataclass(frozen=True)
class Scope:
    """Which claims the turning points are found among, so that their sentences do not claim
    firsts that are not: the whole story (the default), or what a filter keeps. `owner`:
    the actor or side the filter keeps ("Russia's first report of combat"); `whole_actors`:
    whether each actor's claims are all there (no date, article, outlet, text or status
    filter), so that an actor's first denial among them is its first."""

    owner: str = ""
    whole_actors: bool = True

    @property
    def whole_story(self) -> bool:
        return not self.owner and self.whole_actors

    @property
    def among(self) -> str:
        return "" if self.whole_actors else " among these claims"

    def first(self, what: str) -> str:
        """ "first report of combat", said of these claims: "Russia's first report of
        combat", "first report of combat among these claims"."""
        if self.owner:
            return f"{possessive(self.owner)} first {what}{self.among}"
        return f"first {what}{self.among}"

    def actors_first(self, what: str) -> str:
        """An actor's first denial: its own first whatever actor or side is kept."""
        return f"first {what}{self.among}"


WHOLE_STORY = Scope()


@dataclass(frozen=True)
class TurningPoint:
    claim: StoryClaim
    kind: str  # first_allegation, first_combat_report, first_denial, first_confirmation,
    # reversal, new_estimate
    text: str  # the sentence, without its date
    earlier: StoryClaim | None = None  # the denial of a reversal; the estimate before
    scope: Scope = WHOLE_STORY  # the claims it was found among

    LABELS = {
        "first_allegation": "first allegation",
        "first_combat_report": "first report of combat",
        "first_denial": "first denial",
        "first_confirmation": "first confirmation",
        "reversal": "reversal",
        "new_estimate": "new estimate",
    }

    @property
    def label(self) -> str:
        label = self.LABELS[self.kind]
        if self.kind in ("first_allegation", "first_combat_report"):
            return self.scope.first(label.removeprefix("first "))
        if self.kind in ("first_denial", "first_confirmation"):
            return self.scope.actors_first(label.removeprefix("first "))
        return label

    @property
    def sentence(self) -> str:
        return f"{self.claim.when}: {self.text}"

    def as_dict(self) -> dict:
        return {
            "claim_id": self.claim.pk,
            "type": self.kind,
            "stated_on": self.claim.stated_on.isoformat() if self.claim.stated_on else None,
            "stated_precision": self.claim.precision,
            "actor": self.claim.actor,
            "side": self.claim.side,
            "text": self.text,
            "sentence": self.sentence,
            "earlier_claim_id": self.earlier.pk if self.earlier else None,
        }


def _estimate_text(claim: StoryClaim, before: StoryClaim | None, scope=WHOLE_STORY) -> str:
    text = f"Troop estimate by {claim.who}: {claim.figure}"
    if before is None:
        whose = possessive(scope.owner) if scope.owner else "the"
        return f"{text}, {whose} first{scope.among}."
    if claim.number > before.high:
        trend = "up"
    elif claim.high < before.number:
        trend = "down"
    else:
        trend = "revised"
    return f"{text}, {trend} from {before.figure}."


def _reversal_text(reversal: Reversal) -> str:
    denial, confirmation = reversal.denial, reversal.confirmation
    if denial.actor_id == confirmation.actor_id:
        return f"{confirmation.who} confirms what it denied {denial.date_phrase}: a reversal."
    return (
        f"{reversal.name} reverses: {confirmation.actor} confirms what {denial.actor} "
        f"denied {denial.date_phrase}."
    )


def _capitalised(text: str) -> str:
    return text[:1].upper() + text[1:]


def turning_points(claims, scope: Scope = WHOLE_STORY) -> list[TurningPoint]:
    """The moments the story turned, oldest first: the first allegation and the first report
    of combat; each actor's first denial and first confirmation; each reversal (a side that
    denied, then confirmed: it replaces that confirmation's "first confirmation"); each troop
    estimate that differs from the one before. A claim may be more than one turning point.
    `scope`: which claims `claims` are, for the sentences to say whose firsts they are."""
    dated = _dated(claims)
    points: list[TurningPoint] = []
    seen_kinds, seen_actor_kinds = set(), set()
    for claim in dated:
        if claim.kind in MILESTONE_KINDS and claim.kind not in seen_kinds:
            seen_kinds.add(claim.kind)
            kind = f"first_{claim.kind}"
            what = scope.first("allegation" if claim.kind == ALLEGATION else "report of combat")
            text = f"{_capitalised(what)}, by {claim.who}."
            points.append(TurningPoint(claim, kind, text, scope=scope))
        if claim.kind in STANCE_KINDS and (claim.actor_id, claim.kind) not in seen_actor_kinds:
            seen_actor_kinds.add((claim.actor_id, claim.kind))
            text = f"First {claim.kind} by {claim.who}{scope.among}."
            points.append(TurningPoint(claim, f"first_{claim.kind}", text, scope=scope))
    reversed_ = reversals(dated)
    confirmed = {r.confirmation.pk for r in reversed_}
    points = [p for p in points if not (p.kind == "first_confirmation" and p.claim.pk in confirmed)]
    points += [
        TurningPoint(r.confirmation, "reversal", _reversal_text(r), r.denial, scope)
        for r in reversed_
    ]
    points += [
        TurningPoint(claim, "new_estimate", _estimate_text(claim, before, scope), before, scope)
        for claim, before in estimate_changes(dated)
    ]
    position = {claim.pk: i for i, claim in enumerate(dated)}
    order = list(TurningPoint.LABELS)
    return sorted(points, key=lambda p: (position[p.claim.pk], order.index(p.kind)))


def turning_points_by_claim(points) -> dict[int, list[TurningPoint]]:
    """The turning points of each claim, to mark them in the list."""
    marked = defaultdict(list)
    for point in points:
        marked[point.claim.pk].append(point)
    return dict(marked)


@dataclass(frozen=True)
class LaneStance:
    """Where a lane's stance changed: its first denial and, if it came, its reversal."""

    lane: str
    denial: StoryClaim
    confirmation: StoryClaim | None = None


def lane_stances(claims) -> list[LaneStance]:
    """For each main side's lane: its first denial and the confirmation that reversed it
    (None while it has not), so the swimlanes can draw the stance moving from one to the
    other. The shared "others" lane mixes countries and gets none."""
    first_denial: dict[str, StoryClaim] = {}
    for claim in _dated(claims):
        if claim.kind == DENIAL and claim.side in MAIN_SIDES:
            first_denial.setdefault(claim.side, claim)
    reversed_ = {r.group: r.confirmation for r in reversals(claims) if r.group in MAIN_SIDES}
    return [
        LaneStance(code, first_denial[code], reversed_.get(code))
        for code, _ in LANES
        if code in first_denial
    ]
