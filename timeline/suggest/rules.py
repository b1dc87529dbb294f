"""The rules, as data an editor can read, and what they find in one sentence.

* NOT_CLAIMS -- page furniture that is never a claim (photo captions, bylines, a "sudah
  tayang di ... dengan judul" credit), and short headings without a full stop.
* COUNT_NOUNS / CASUALTY_WORDS -- a number is a head count only when a troop or person
  noun follows it ("10.000 tentara", "3.000 bala bantuan", "10 ribu pasukan"), never in
  "Rp10.000" or a date ("24 Februari 2022 tentara ..."); it is a casualty count when its
  sentence (its clause, when the sentence holds several counts) speaks of the dead or
  wounded.
* KEYWORD_RULES -- the words of denial, confirmation, accusation, fighting, condemnation
  and agreement, each with the context that cancels it: a negation before a verb
  ("tidak dapat mengkonfirmasi"), a purpose or future before fighting ("untuk
  bertempur", "akan bertempur"), "menolak untuk" (a refusal, not a denial).

Pure: `finds(sentence)` is what the rules find in a sentence, with no actor and no date
(speakers and span_dates work those out).
"""

import re
from collections.abc import Iterable
from dataclasses import dataclass

from django.utils.translation import pgettext_lazy

from articles.dates import find_dates
from timeline.suggest.numbers import NUMBER_OR_RANGE, values
from timeline.suggest.text import clause, phrases, words_before
from timeline.vocabulary import (
    AGREEMENT,
    ALLEGATION,
    CASUALTY_COUNT,
    COMBAT_REPORT,
    CONDEMNATION,
    CONFIRMATION,
    DENIAL,
    TROOP_COUNT,
    kind_label,
)


@dataclass(frozen=True)
class Find:
    """A claim the rules found in a sentence; offsets are in the sentence."""

    kind: str
    span: tuple[int, int]  # of the quote
    at: tuple[int, int]  # of the words that fired
    rule: str  # for the editor: "troop count: '10.000 tentara'"
    verb: str = ""  # "before"/"after": a verb of stance naming its speaker (speakers.speaker)
    number: int | None = None
    number_max: int | None = None


# --- What is never a claim -----------------------------------------------------------------

NOT_CLAIMS = (
    re.compile(
        r"^\(?(?:foto|ilustrasi|baca\s+juga|sumber|pewarta|editor|penulis|reporter)\s*[:|]",
        re.IGNORECASE,
    ),
    # the gap is bounded so that a long line costs no more than its length
    re.compile(
        r"\b(?:sudah|telah)\s+(?:tayang|terbit|dimuat)\s+di\b.{0,200}?\bjudul\b", re.IGNORECASE
    ),
)
HEADING_MAX_WORDS = 12  # a line this short without a full stop is a subheading


def is_furniture(line: str) -> bool:
    return any(pattern.search(line) for pattern in NOT_CLAIMS)


def is_heading(sentence: str, line: str) -> bool:
    """Whether sentence is the whole of a line that reads as a subheading."""
    return (
        sentence == line
        and not line.rstrip("”\"’')]").endswith((".", "!", "?", "…"))
        and len(line.split()) <= HEADING_MAX_WORDS
    )


# --- Counts ----------------------------------------------------------------------------------

COUNT_NOUNS = (
    "tentara", "pasukan", "prajurit", "personel", "personil", "serdadu", "bala bantuan",
    "orang", "korban", "jiwa", "warga sipil",
)  # fmt: skip
CASUALTY_WORDS = (
    "tewas", "terbunuh", "membunuh", "dibunuh", "menewaskan", "korban", "luka", "terluka",
    "luka-luka", "gugur", "meninggal", "mati", "jiwa",
)  # fmt: skip
CURRENCY_BEFORE = re.compile(r"(?:Rp|US\$|USD|IDR|\$|€|£)\.?\s*$", re.IGNORECASE)
COUNT = re.compile(
    rf"(?<![\w.,/$€£-]){NUMBER_OR_RANGE}\s+(?P<noun>{phrases(COUNT_NOUNS)})(?!\w)",
    re.IGNORECASE,
)
_CASUALTY = re.compile(rf"(?<!\w)(?:{phrases(CASUALTY_WORDS)})(?!\w)", re.IGNORECASE)

# A date's figures run into a count's only through a year ("24 Februari 2022 tentara
# Rusia", "tahun 2022 tentara"): the other figures of a date are followed by a month, a
# slash or a unit of time, never by a troop noun. So the date rules, which cost more than
# all the other rules together, are run only for a count with four figures in a row.
_FOUR_FIGURES = re.compile(r"(?<!\d)\d{4}(?!\d)")


def _counts(sentence: str) -> list[re.Match[str]]:
    dates, found = None, []
    for match in COUNT.finditer(sentence):
        if CURRENCY_BEFORE.search(sentence[: match.start()]):
            continue  # "Rp10.000 orang" is not a head count
        if _FOUR_FIGURES.search(match.group()):
            if dates is None:
                dates = [(d.start, d.end) for d in find_dates(sentence)]
            if any(start < match.end() and match.start() < end for start, end in dates):
                continue  # the year is no count
        found.append(match)
    return found


# --- Keywords --------------------------------------------------------------------------------


# A keyword rule's name, shown to the editor ("Rule: denial: 'membantah'") in their language.
RULE_NAMES = {
    "denial": pgettext_lazy("suggestion rule", "denial"),
    "confirmation": pgettext_lazy("suggestion rule", "confirmation"),
    "allegation": pgettext_lazy("suggestion rule", "allegation"),
    "combat": pgettext_lazy("suggestion rule", "combat"),
    "condemnation": pgettext_lazy("suggestion rule", "condemnation"),
    "demand": pgettext_lazy("suggestion rule", "demand"),
    "agreement": pgettext_lazy("suggestion rule", "agreement"),
}


@dataclass(frozen=True)
class KeywordRule:
    kind: str  # the Claim.Kind it suggests
    name: str  # shown to the editor (in their language: RULE_NAMES)
    words: tuple[str, ...]  # whole words or phrases, case-insensitive
    not_after: str = ""  # regex: cancels the word when found in the few words before it
    not_right_after: str = ""  # regex: cancels the word when it is the word just before it
    not_before: str = ""  # regex: cancels the word when it comes right after it
    needs: tuple[str, ...] = ()  # the sentence must also hold one of these words
    verb: bool = True  # a verb names its speaker as its subject ("Kyiv membantah")


# "tidak hanya membantah" (not only denies) still denies.
NEGATION = r"(?:tidak|tak|belum|bukan|enggan|tanpa)(?!\s+hanya)"
NEGATION_WINDOW = 4  # words before a keyword in which a negation cancels it
DENIAL_VERBS = r"membantah|menyangkal|menampik|menolak"
# "untuk bertempur", "akan bertempur", "siap bertempur": purpose, future, readiness; "mereka
# yang bertempur" describes fighters, it does not report a fight.
NOT_YET = r"untuk|akan|siap|kemungkinan|bisa|dapat|ingin|mau|berencana|rencana|hendak|yang"

KEYWORD_RULES = (
    KeywordRule(
        DENIAL, "denial",
        ("membantah", "menyangkal", "menampik", "menolak"),
        not_after=NEGATION,
        not_before=r"untuk|berkomentar|memberikan|menjawab|hadir",  # a refusal, not a denial
    ),
    KeywordRule(
        DENIAL, "denial",
        ("bantahan", "cerita palsu", "berita palsu", "rumor yang tidak berdasar",
         "tidak berdasar", "tidak benar", "hoaks"),
        verb=False,
    ),
    KeywordRule(
        CONFIRMATION, "confirmation",
        ("mengonfirmasi", "mengkonfirmasi", "mengakui", "membenarkan"),
        not_after=NEGATION,
    ),
    KeywordRule(CONFIRMATION, "confirmation", ("pengakuan",), not_after=NEGATION, verb=False),
    KeywordRule(
        ALLEGATION, "allegation",
        ("menuduh", "menuding", "menduga"),
        not_after=NEGATION,
    ),
    KeywordRule(
        ALLEGATION, "allegation",
        ("tuduhan", "tudingan", "melanggar"),
        # "menolak tuduhan" is a denial; "tidak melanggar" a defence.
        not_after=rf"{NEGATION}|{DENIAL_VERBS}",
        verb=False,  # "X telah melanggar": X is accused, not the accuser
    ),
    KeywordRule(
        COMBAT_REPORT, "combat",
        ("bentrok", "bentrokan", "bertempur", "pertempuran", "berperang", "baku tembak",
         "diusir", "mengusir", "merebut kembali"),
        not_after=NEGATION,
        not_right_after=NOT_YET,
        verb=False,  # who fights is not who reports it
    ),
    KeywordRule(
        CONDEMNATION, "condemnation",
        ("mengecam", "mengutuk", "dikecam", "dikutuk"),
        not_after=NEGATION,
    ),
    KeywordRule(
        CONDEMNATION, "condemnation",  # calling an act criminal or inhuman condemns it
        ("kecaman", "tindakan kriminal", "kejahatan perang", "tidak manusiawi",
         "tidak bermoral", "biadab"),
        verb=False,
    ),
    KeywordRule(
        CONDEMNATION, "demand",  # "menuntut agar ... dihentikan", "menyerukan agar ... menarik"
        ("menuntut agar", "menuntut supaya", "menyerukan agar", "menyerukan kepada",
         "mendesak agar", "mendesak supaya"),
        not_after=NEGATION,
    ),
    KeywordRule(
        AGREEMENT, "agreement",
        ("meratifikasi", "menyepakati", "sepakat", "mencapai kesepakatan"),
        not_after=NEGATION,
    ),
    KeywordRule(AGREEMENT, "agreement", ("ratifikasi",), not_after=NEGATION, verb=False),
    KeywordRule(
        AGREEMENT, "agreement",
        ("menandatangani", "ditandatangani", "meneken", "diteken"),
        not_after=NEGATION,
        needs=("perjanjian", "pakta", "kesepakatan", "traktat", "nota kesepahaman"),
    ),
)  # fmt: skip
# A sentence that denies, confirms or alleges fighting reports that stance, not the fight.
STANCE_KINDS = frozenset({DENIAL, CONFIRMATION, ALLEGATION})


def _compile(words: Iterable[str]) -> re.Pattern[str]:
    return re.compile(rf"(?<![\w-])(?:{phrases(words)})(?![\w-])", re.IGNORECASE)


_KEYWORDS = [
    (
        rule,
        _compile(rule.words),
        re.compile(rf"(?<!\w)(?:{rule.not_after})(?!\w)", re.IGNORECASE)
        if rule.not_after
        else None,
        re.compile(rf"(?:^|\s)(?:{rule.not_right_after})$", re.IGNORECASE)
        if rule.not_right_after
        else None,
        re.compile(rf"\s+(?:{rule.not_before})(?!\w)", re.IGNORECASE) if rule.not_before else None,
        _compile(rule.needs) if rule.needs else None,
    )
    for rule in KEYWORD_RULES
]


def _keyword_hits(sentence: str) -> list[tuple[KeywordRule, re.Match[str]]]:
    hits = []
    for rule, words, not_after, not_right_after, not_before, needs in _KEYWORDS:
        if needs and not needs.search(sentence):
            continue
        for match in words.finditer(sentence):
            window = words_before(sentence, match.start(), NEGATION_WINDOW)
            if not_after and not_after.search(window):
                continue
            if not_right_after and not_right_after.search(words_before(sentence, match.start(), 1)):
                continue
            if not_before and not_before.match(sentence, match.end()):
                continue
            hits.append((rule, match))
    return hits


# --- What the rules find in a sentence -------------------------------------------------------


def _rule_label(name: str, text: str) -> str:
    return f"{RULE_NAMES.get(name, name)}: '{' '.join(text.split())}'"


def _count_finds(sentence: str) -> list[Find]:
    counts = _counts(sentence)
    finds = []
    for match in counts:
        number, number_max = values(match)
        if number is None:
            continue
        # Several counts in one sentence: each is its own claim, quoted by its clause.
        span = clause(sentence, match.start()) if len(counts) > 1 else (0, len(sentence))
        casualty = _CASUALTY.search(sentence, *span)
        kind = CASUALTY_COUNT if casualty else TROOP_COUNT
        label = kind_label(kind)
        finds.append(
            Find(
                kind, span, match.span(), _rule_label(label, match.group()), "", number, number_max
            )
        )
    return finds


def _keyword_finds(sentence: str) -> list[Find]:
    """The first hit of each kind in the sentence (one suggestion per kind)."""
    hits = sorted(_keyword_hits(sentence), key=lambda hit: hit[1].start())
    first_stance = min((m.start() for rule, m in hits if rule.kind in STANCE_KINDS), default=None)
    finds, kinds = [], set()
    for rule, match in hits:
        if rule.kind in kinds:
            continue
        stance_first = first_stance is not None and first_stance < match.start()
        if rule.kind == COMBAT_REPORT and stance_first:
            continue  # "mengonfirmasi bahwa tentara Korea Utara telah bertempur"
        kinds.add(rule.kind)
        verb = ""
        if rule.verb:
            verb = "after" if match.group().lower().startswith("di") else "before"
        finds.append(
            Find(rule.kind, (0, len(sentence)), match.span(),
                 _rule_label(rule.name, match.group()), verb)
        )  # fmt: skip
    return finds


def finds(sentence: str) -> list[Find]:
    """What the rules find in one sentence: its counts, then its keywords."""
    return _count_finds(sentence) + _keyword_finds(sentence)
