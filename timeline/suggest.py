"""Candidate claims in an article, found by transparent rules an editor can read.

Nothing here decides anything: each suggestion is a sentence (or, when a sentence carries
several counts, the clause of each) with a kind, a suggested actor and date, and the rule
that fired (`rule`, shown to the editor). One click turns it into a draft claim; the
editor corrects the rest.

Every rule is data, in the tables below:

* COUNT_NOUNS / CASUALTY_WORDS -- a number is a head count only when a troop or person
  noun follows it ("10.000 tentara", "3.000 bala bantuan", "10 ribu pasukan"), never in
  "Rp10.000" or a date ("24 Februari 2022 tentara ..."); it is a casualty count when its
  sentence (its clause, when the sentence holds several counts) speaks of the dead or
  wounded.
* KEYWORD_RULES -- the words of denial, confirmation, accusation, fighting, condemnation
  and agreement, each with the context that cancels it: a negation before a verb
  ("tidak dapat mengkonfirmasi"), a purpose or future before fighting ("untuk
  bertempur", "akan bertempur"), "menolak untuk" (a refusal, not a denial).
* SAYING_VERBS -- who said it. A verb of stance names its speaker as its subject ("Kyiv
  membantah", "dikecam Korsel"); otherwise the actor named nearest the verb of saying, on
  the side Indonesian puts the speaker ("kata Pak", "Pejabat Ukraina mengatakan"); else
  the actor nearest before the keyword in its clause; else the subject the sentence opens
  with. Names are the actors' names and aliases, whole words, the longest first ("Korea
  Utara" before "Korea"), acronyms only in capitals; a name after "dilansir", "dikutip" or
  "kepada" is a relay or an addressee, not a speaker.
* NOT_CLAIMS -- page furniture that is never a claim (photo captions, bylines, a "sudah
  tayang di ... dengan judul" credit), and short headings without a full stop.

Work is bounded for long texts: every rule reads one sentence at a time, and a "sentence"
longer than MAX_SENTENCE_CHARS (a text that lost its full stops) is counted, not read.
Finding (`find_in_text`: where, which kind, which rule) is done for the whole text, so that
an article's suggestions can be counted and paged; the actor and the date
(`resolve_in_text`) cost more and are worked out only for the suggestions shown.

`suggest_in_text`, `find_in_text` and `resolve_in_text` are pure (no database); `suggest`,
`candidates` and `resolve` apply them to an Article.
"""

import re
from bisect import bisect_left
from collections import deque
from collections.abc import Iterable
from dataclasses import dataclass, replace
from datetime import date
from itertools import accumulate

from articles.dates import DAY, FoundDate, date_in, find_dates
from articles.ingest import dateline_end

TROOP_COUNT, CASUALTY_COUNT = "troop_count", "casualty_count"  # Claim.Kind values
ARTICLE_DATE = "article date"  # stated_evidence when the sentence has no date of its own


@dataclass(frozen=True)
class Suggestion:
    start: int  # body[start:end] == quote
    end: int
    quote: str  # the sentence, or the clause carrying the claim
    sentence: str  # the whole sentence
    kind: str  # a Claim.Kind value
    number: int | None
    number_max: int | None
    actor: object | None  # one of the actors passed in; None when no alias matched
    stated_on: date | None
    stated_precision: str
    stated_evidence: str
    rule: str  # which rule fired, for the editor: "troop count: '10.000 tentara'"


# --- Sentences -----------------------------------------------------------------------------

# A full stop after these does not end a sentence (titles and ranks, "dll.", "U.S.").
ABBREVIATIONS = frozenset({
    "dr", "drs", "prof", "ir", "jl", "jln", "no", "dll", "dsb", "dst", "dkk", "tn", "ny",
    "sdr", "bpk", "kol", "jend", "letjen", "mayjen", "brigjen", "laksda", "marsda", "kapt",
    "mr", "mrs", "ms", "st", "vs", "u.s", "a.s", "s.d", "a.n", "sept", "okt", "nov", "des",
})  # fmt: skip
_SENTENCE_END = re.compile(r"[.!?…]+[”\"’')\]]*")
_OPENERS = "“\"‘'("  # a sentence may open with a quote


_SPACES = re.compile(r"[ \t]*")
_LAST_WORD = 64  # characters before a full stop that are enough to tell an abbreviation


def _ends_sentence(text: str, match: re.Match[str]) -> bool:
    # Only the characters next to the match are read (never a slice of the rest of the
    # line): a long line with many full stops stays linear.
    end = match.end()
    if end < len(text) and not text[end].isspace():
        return False  # "10.000", "Resistensi.id", "U.S."
    next_at = _SPACES.match(text, end).end()
    if next_at == len(text) or text[next_at] == "\n":
        return True
    # Indonesian sentences open with a capital, a figure or a quote; "tambahnya. – kata
    # perwakilan itu" goes on.
    first = text[next_at]
    if not (first.isupper() or first.isdigit() or first in _OPENERS):
        return False
    if match.group() == ".":
        words = text[max(0, match.start() - _LAST_WORD) : match.start()].split()
        last = words[-1].lower().lstrip("“\"‘'(") if words else ""
        if last in ABBREVIATIONS or (len(last) == 1 and last.isalpha()):
            return False  # "Lloyd J. Austin", "Jl. Sudirman"
    return True


def sentences(body: str) -> list[tuple[int, int]]:
    """(start, end) of each sentence of body, without surrounding spaces.

    A line break always ends a sentence; inside a line a sentence ends at . ! ? or …
    (with any closing quote or bracket after it) followed by a space and a capital, a
    figure or an opening quote. Full stops inside numbers ("10.000"), web addresses, after
    initials and after the abbreviations in ABBREVIATIONS do not end one.
    """
    spans = []
    for line in re.finditer(r"[^\n]+", body):
        text, offset, start = line.group(), line.start(), 0
        for match in _SENTENCE_END.finditer(text):
            if _ends_sentence(text, match):
                spans.append((offset + start, offset + match.end()))
                start = match.end()
        spans.append((offset + start, offset + len(text)))
    stripped = []
    for start, end in spans:
        piece = body[start:end]
        left = len(piece) - len(piece.lstrip())
        right = len(piece.rstrip())
        if right > left:
            stripped.append((start + left, start + right))
    return stripped


# Clause boundaries inside a sentence: a comma or semicolon (not "1,5"), a spaced dash.
_CLAUSE_BREAK = re.compile(r"[,;](?!\d)\s+|\s[–—-]\s")


def _clause(sentence: str, at: int) -> tuple[int, int]:
    """The clause of sentence around position at, without its final full stop."""
    start, end = 0, len(sentence)
    for match in _CLAUSE_BREAK.finditer(sentence):
        if match.end() <= at:
            start = match.end()
        elif match.start() >= at:
            end = match.start()
            break
    clause = sentence[start:end].rstrip()
    if clause.endswith(".") and not clause.endswith(".."):
        clause = clause[:-1].rstrip()
    return start, start + len(clause)


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


def _is_furniture(line: str) -> bool:
    return any(pattern.search(line) for pattern in NOT_CLAIMS)


def _is_heading(sentence: str, line: str) -> bool:
    return (
        sentence == line
        and not line.rstrip("”\"’')]").endswith((".", "!", "?", "…"))
        and len(line.split()) <= HEADING_MAX_WORDS
    )


def _fingerprint(sentence: str) -> str:
    return " ".join(re.findall(r"\w+", sentence.lower()))


# --- Counts ----------------------------------------------------------------------------------

COUNT_NOUNS = (
    "tentara", "pasukan", "prajurit", "personel", "personil", "serdadu", "bala bantuan",
    "orang", "korban", "jiwa", "warga sipil",
)  # fmt: skip
CASUALTY_WORDS = (
    "tewas", "terbunuh", "membunuh", "dibunuh", "menewaskan", "korban", "luka", "terluka",
    "luka-luka", "gugur", "meninggal", "mati", "jiwa",
)  # fmt: skip
MULTIPLIERS = {"ribu": 1_000, "juta": 1_000_000}
CURRENCY_BEFORE = re.compile(r"(?:Rp|US\$|USD|IDR|\$|€|£)\.?\s*$", re.IGNORECASE)
# Number words: "sepuluh ribu tentara", "dua puluh lima orang".
_ONES = {
    "satu": 1, "dua": 2, "tiga": 3, "empat": 4, "lima": 5, "enam": 6, "tujuh": 7,
    "delapan": 8, "sembilan": 9,
}  # fmt: skip
_SE = {"sepuluh": 10, "sebelas": 11, "seratus": 100, "seribu": 1_000, "sejuta": 1_000_000}
_STEPS = ("belas", "puluh", "ratus", "ribu", "juta")


def _words(names: Iterable[str]) -> str:
    names = sorted(names, key=len, reverse=True)
    return "|".join(re.escape(name).replace(r"\ ", r"\s+") for name in names)


_NUMBER_WORD = _words([*_ONES, *_SE, *_STEPS])
_DIGITS = r"\d{1,3}(?:\.\d{3})+(?:,\d+)?|\d+(?:,\d+)?"
_NUMBER = (
    rf"(?:(?:{_DIGITS})(?:\s+(?:{_words(MULTIPLIERS)}))?(?!\w)"
    rf"|(?<!salah\s)(?:{_NUMBER_WORD})(?:\s+(?:{_NUMBER_WORD}))*(?!\w))"
)
COUNT = re.compile(
    rf"(?<![\w.,/$€£-])"
    rf"(?:antara\s+(?P<between_low>{_NUMBER})\s+dan\s+(?P<between_high>{_NUMBER})"
    rf"|(?P<low>{_NUMBER})(?:\s*[-–—]\s*|\s+(?:hingga|sampai(?:\s+dengan)?)\s+)"
    rf"(?P<high>{_NUMBER})"
    rf"|(?P<single>{_NUMBER}))"
    rf"\s+(?P<noun>{_words(COUNT_NOUNS)})(?!\w)",
    re.IGNORECASE,
)
_CASUALTY = re.compile(rf"(?<!\w)(?:{_words(CASUALTY_WORDS)})(?!\w)", re.IGNORECASE)


def _word_value(text: str) -> int | None:
    """ "dua puluh lima" -> 25, "sepuluh ribu" -> 10000; None when it is not a number."""
    total = group = ones = 0
    for word in text.lower().split():
        if word in _ONES:
            if ones:
                return None  # "dua tiga"
            ones = _ONES[word]
        elif word in ("ribu", "juta") or _SE.get(word, 0) >= 1_000:
            scale = MULTIPLIERS.get(word) or _SE[word]
            amount = (group + ones) or (1 if word in _SE else 0)
            if not amount:
                return None
            total, group, ones = total + amount * scale, 0, 0
        elif word in _SE:
            group, ones = group + _SE[word] + ones, 0
        elif word in _STEPS:  # belas, puluh, ratus
            if not ones:
                return None
            group += ones + 10 if word == "belas" else ones * (10 if word == "puluh" else 100)
            ones = 0
        else:
            return None
    return (total + group + ones) or None


def _value(text: str) -> tuple[int | None, bool]:
    """The number written in text, and whether it carries ribu/juta itself."""
    text = " ".join(text.split())
    match = re.fullmatch(rf"({_DIGITS})(?:\s+(\w+))?", text)
    if not match:
        return _word_value(text), True
    figure = float(match[1].replace(".", "").replace(",", "."))
    scale = MULTIPLIERS.get((match[2] or "").lower(), 1)
    value = figure * scale
    return (int(value) if value == int(value) else None), bool(match[2])


def _numbers(match: re.Match[str]) -> tuple[int | None, int | None]:
    low_text = match["between_low"] or match["low"] or match["single"]
    high_text = match["between_high"] or match["high"]
    low, low_scaled = _value(low_text)
    if high_text is None:
        return low, None
    high, high_scaled = _value(high_text)
    if low is not None and high is not None and not low_scaled and high_scaled:
        # "10-12 ribu": the multiplier of the upper end belongs to both.
        high_scale = next(v for k, v in MULTIPLIERS.items() if high_text.lower().endswith(k))
        low *= high_scale
    if low is None or high is None:
        return low, None
    low, high = min(low, high), max(low, high)
    return low, (high if high > low else None)


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


@dataclass(frozen=True)
class KeywordRule:
    kind: str  # the Claim.Kind it suggests
    name: str  # shown to the editor
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
        "denial", "denial",
        ("membantah", "menyangkal", "menampik", "menolak"),
        not_after=NEGATION,
        not_before=r"untuk|berkomentar|memberikan|menjawab|hadir",  # a refusal, not a denial
    ),
    KeywordRule(
        "denial", "denial",
        ("bantahan", "cerita palsu", "berita palsu", "rumor yang tidak berdasar",
         "tidak berdasar", "tidak benar", "hoaks"),
        verb=False,
    ),
    KeywordRule(
        "confirmation", "confirmation",
        ("mengonfirmasi", "mengkonfirmasi", "mengakui", "membenarkan"),
        not_after=NEGATION,
    ),
    KeywordRule("confirmation", "confirmation", ("pengakuan",), not_after=NEGATION, verb=False),
    KeywordRule(
        "allegation", "allegation",
        ("menuduh", "menuding", "menduga"),
        not_after=NEGATION,
    ),
    KeywordRule(
        "allegation", "allegation",
        ("tuduhan", "tudingan", "melanggar"),
        # "menolak tuduhan" is a denial; "tidak melanggar" a defence.
        not_after=rf"{NEGATION}|{DENIAL_VERBS}",
        verb=False,  # "X telah melanggar": X is accused, not the accuser
    ),
    KeywordRule(
        "combat_report", "combat",
        ("bentrok", "bentrokan", "bertempur", "pertempuran", "berperang", "baku tembak",
         "diusir", "mengusir", "merebut kembali"),
        not_after=NEGATION,
        not_right_after=NOT_YET,
        verb=False,  # who fights is not who reports it
    ),
    KeywordRule(
        "condemnation", "condemnation",
        ("mengecam", "mengutuk", "dikecam", "dikutuk"),
        not_after=NEGATION,
    ),
    KeywordRule(
        "condemnation", "condemnation",  # calling an act criminal or inhuman condemns it
        ("kecaman", "tindakan kriminal", "kejahatan perang", "tidak manusiawi",
         "tidak bermoral", "biadab"),
        verb=False,
    ),
    KeywordRule(
        "condemnation", "demand",  # "menuntut agar ... dihentikan", "menyerukan agar ... menarik"
        ("menuntut agar", "menuntut supaya", "menyerukan agar", "menyerukan kepada",
         "mendesak agar", "mendesak supaya"),
        not_after=NEGATION,
    ),
    KeywordRule(
        "agreement", "agreement",
        ("meratifikasi", "menyepakati", "sepakat", "mencapai kesepakatan"),
        not_after=NEGATION,
    ),
    KeywordRule("agreement", "agreement", ("ratifikasi",), not_after=NEGATION, verb=False),
    KeywordRule(
        "agreement", "agreement",
        ("menandatangani", "ditandatangani", "meneken", "diteken"),
        not_after=NEGATION,
        needs=("perjanjian", "pakta", "kesepakatan", "traktat", "nota kesepahaman"),
    ),
)  # fmt: skip
# A sentence that denies, confirms or alleges fighting reports that stance, not the fight.
STANCE_KINDS = frozenset({"denial", "confirmation", "allegation"})


def _compile(words: Iterable[str]) -> re.Pattern[str]:
    return re.compile(rf"(?<![\w-])(?:{_words(words)})(?![\w-])", re.IGNORECASE)


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
_CLAUSE_EDGE = re.compile(r"[,;:.“”\"()]")


def _words_before(sentence: str, at: int, count: int) -> str:
    """Up to `count` words before position at, within the same clause."""
    before = sentence[:at]
    edges = list(_CLAUSE_EDGE.finditer(before))
    if edges:
        before = before[edges[-1].end() :]
    return " ".join(before.split()[-count:])


def _keyword_hits(sentence: str) -> list[tuple[KeywordRule, re.Match[str]]]:
    hits = []
    for rule, words, not_after, not_right_after, not_before, needs in _KEYWORDS:
        if needs and not needs.search(sentence):
            continue
        for match in words.finditer(sentence):
            window = _words_before(sentence, match.start(), NEGATION_WINDOW)
            if not_after and not_after.search(window):
                continue
            if not_right_after and not_right_after.search(
                _words_before(sentence, match.start(), 1)
            ):
                continue
            if not_before and not_before.match(sentence, match.end()):
                continue
            hits.append((rule, match))
    return hits


# --- Actors ----------------------------------------------------------------------------------

# Verbs of saying, and on which side of them Indonesian names the speaker.
SAYING_VERBS = {
    "kata": "after", "ujar": "after", "tutur": "after", "ucap": "after", "menurut": "after",
    "mengatakan": "before", "menyatakan": "before", "menambahkan": "before",
    "menyebutkan": "before", "menegaskan": "before", "melaporkan": "before",
    "memperkirakan": "before", "mengklaim": "before", "katanya": "before",
    "ujarnya": "before", "tambahnya": "before",
}  # fmt: skip
_SAYING = re.compile(rf"(?<![\w-])(?:{_words(SAYING_VERBS)})(?![\w-])", re.IGNORECASE)
# A name right after these is the outlet relaying the words, or the one spoken to.
NOT_SPEAKER_AFTER = re.compile(
    r"(?:dilansir|dikutip|mengutip|melalui|kepada|dilaporkan)\s*(?:oleh\s+)?$", re.IGNORECASE
)


@dataclass(frozen=True)
class _Mention:
    start: int
    end: int
    actor: object


def _alias_patterns(actors: Iterable) -> list[tuple[re.Pattern[str], object]]:
    """One pattern per name or alias, longest first. An acronym (AS, DPRK, G7) matches only
    in capitals: "as" and "us" are words too."""
    patterns, seen = [], set()
    for actor in actors:
        for alias in (actor.name, *(actor.aliases or ())):
            alias = " ".join(alias.split())
            key = alias if alias.isupper() else alias.casefold()
            if len(alias) < 2 or key in seen:
                continue
            seen.add(key)
            body = re.escape(alias).replace(r"\ ", r"\s+")
            flags = 0 if alias.isupper() else re.IGNORECASE
            patterns.append((re.compile(rf"(?<![\w-])(?:{body})(?![\w])", flags), actor, alias))
    patterns.sort(key=lambda item: len(item[2]), reverse=True)
    return [(pattern, actor) for pattern, actor, _ in patterns]


def _mentions(sentence: str, patterns) -> list[_Mention]:
    """Actor names in sentence, leftmost-longest, never overlapping."""
    found = sorted(
        (match.start(), -(match.end() - match.start()), order, match.end(), actor)
        for order, (pattern, actor) in enumerate(patterns)
        for match in pattern.finditer(sentence)
    )
    mentions, taken_until = [], 0
    for start, _, _, end, actor in found:
        if start >= taken_until:
            mentions.append(_Mention(start, end, actor))
            taken_until = end
    return mentions


def _nearest(mentions: list[_Mention], start: int, end: int, side: str) -> _Mention | None:
    """The mention nearest the span [start, end) on `side` ("before" or "after") of it."""
    if side == "before":
        return max((m for m in mentions if m.end <= start), key=lambda m: m.end, default=None)
    return min((m for m in mentions if m.start >= end), key=lambda m: m.start, default=None)


def _same_clause(sentence: str, a: int, b: int) -> bool:
    low, high = min(a, b), max(a, b)
    return not _CLAUSE_EDGE.search(sentence, low, high)


def _speakers(sentence: str, mentions: list[_Mention]) -> list[_Mention]:
    """The mentions that may be a speaker: not the outlet relaying, not the one spoken to."""
    return [m for m in mentions if not NOT_SPEAKER_AFTER.search(sentence[: m.start])]


def _speaker(
    sentence: str, speakers: list[_Mention], at: int, end: int, verb: str
) -> object | None:
    """Who makes the claim whose keyword (or count) is sentence[at:end].

    `verb` is "before" when the keyword is an active verb of stance ("Kyiv membantah"),
    "after" when passive ("dikecam Korsel"), "" otherwise. In order: the subject of such a
    verb, in its clause; the name nearest the verb of saying nearest the keyword, on the
    side Indonesian names the speaker; the name nearest the keyword, before it, in its
    clause; the name the sentence opens with. None when no name fits. `speakers` are the
    sentence's `_speakers`.
    """
    if verb:
        found = _nearest(speakers, at, end, verb)
        if found and _same_clause(sentence, found.start, at):
            return found.actor
    saying = list(_SAYING.finditer(sentence))
    if saying:
        said = min(saying, key=lambda v: abs(v.start() - at))
        side = SAYING_VERBS[said.group().lower()]
        if found := _nearest(speakers, said.start(), said.end(), side):
            return found.actor
    found = _nearest(speakers, at, end, "before")
    if found and _same_clause(sentence, found.start, at):
        return found.actor
    opening = min([at, *(v.start() for v in saying)])
    if speakers and speakers[0].start < opening:
        return speakers[0].actor
    return None


# --- Suggesting ------------------------------------------------------------------------------


def _stated(sentence: str, reference: FoundDate | None) -> tuple[date | None, str, str]:
    found = date_in(sentence, reference=reference)
    if found is not None:
        return found.value, found.precision, found.evidence
    if reference is not None and reference.value is not None:
        return reference.value, reference.precision, ARTICLE_DATE
    return None, DAY, ""


def _strip_dateline(body: str, start: int, end: int) -> int:
    """Where the first sentence starts after its opening dateline ("TIMES JABAR, JAKARTA – ",
    "Resistensi.id – ", "Washington DC (MedanPunya) "): the loader's own dateline reader."""
    return start + dateline_end(body[start:end], body)


def _rule_label(name: str, text: str) -> str:
    return f"{name}: '{' '.join(text.split())}'"


@dataclass(frozen=True)
class _Find:
    kind: str
    span: tuple[int, int]  # of the quote, in the sentence
    at: tuple[int, int]  # of the words that fired, in the sentence
    rule: str
    verb: str = ""  # see _speaker
    number: int | None = None
    number_max: int | None = None


def _count_finds(sentence: str) -> list[_Find]:
    counts = _counts(sentence)
    finds = []
    for match in counts:
        number, number_max = _numbers(match)
        if number is None:
            continue
        # Several counts in one sentence: each is its own claim, quoted by its clause.
        span = _clause(sentence, match.start()) if len(counts) > 1 else (0, len(sentence))
        casualty = _CASUALTY.search(sentence, *span)
        kind, label = (
            (CASUALTY_COUNT, "casualty count") if casualty else (TROOP_COUNT, "troop count")
        )
        finds.append(
            _Find(
                kind, span, match.span(), _rule_label(label, match.group()), "", number, number_max
            )
        )
    return finds


def _keyword_finds(sentence: str) -> list[_Find]:
    """The first hit of each kind in the sentence (one suggestion per kind)."""
    hits = sorted(_keyword_hits(sentence), key=lambda hit: hit[1].start())
    first_stance = min((m.start() for rule, m in hits if rule.kind in STANCE_KINDS), default=None)
    finds, kinds = [], set()
    for rule, match in hits:
        if rule.kind in kinds:
            continue
        stance_first = first_stance is not None and first_stance < match.start()
        if rule.kind == "combat_report" and stance_first:
            continue  # "mengonfirmasi bahwa tentara Korea Utara telah bertempur"
        kinds.add(rule.kind)
        verb = ""
        if rule.verb:
            verb = "after" if match.group().lower().startswith("di") else "before"
        finds.append(
            _Find(rule.kind, (0, len(sentence)), match.span(),
                  _rule_label(rule.name, match.group()), verb)
        )  # fmt: skip
    return finds


# A longer "sentence" is a text that lost its full stops (a scraped page, a table): the rules
# would only make one huge quote of it, and their cost grows with its length. It is skipped,
# and counted, so that the page can say so.
MAX_SENTENCE_CHARS = 2_000
# A sentence is compared with this many sentences before it for repeats inside one another
# (every earlier one for an exact repeat): the whole of any ordinary article, and a cost that
# stays linear in a huge one.
REPEAT_WINDOW = 50


@dataclass(frozen=True)
class Candidate:
    """A suggestion before its actor and date are worked out. Finding candidates is cheap
    and done for the whole text (so that they can be counted and paged); the actor and the
    date cost more and are worked out (`resolve_in_text`) only for those shown."""

    start: int  # of the quote in the body
    end: int
    kind: str
    sentence: tuple[int, int]  # of the whole sentence in the body
    find: _Find


@dataclass(frozen=True)
class Found:
    candidates: list[Candidate]  # in order of position
    too_long: int = 0  # sentences over MAX_SENTENCE_CHARS, which the rules did not read


class _Lines:
    """The line around each sentence, for sentences asked in order of position: each line is
    found, stripped and checked for page furniture once, however many sentences it holds."""

    def __init__(self, body: str):
        self.body, self.end, self.text, self.furniture = body, -1, "", False

    def around(self, start: int) -> tuple[str, bool]:
        if start > self.end:
            line_start = self.body.rfind("\n", 0, start) + 1
            self.end = self.body.find("\n", start)
            if self.end == -1:
                self.end = len(self.body)
            self.text = self.body[line_start : self.end].strip()
            self.furniture = _is_furniture(self.text)
        return self.text, self.furniture


def _repeated(fingerprint: str, seen: set[str], recent: deque) -> bool:
    return fingerprint in seen or any(
        fingerprint in earlier or earlier in fingerprint for earlier in recent
    )


def find_in_text(body: str) -> Found:
    """Where the rules find claims in body, without their actors and dates (see Candidate).

    A sentence repeated later in the text (a scraping accident) is read once; a sentence
    longer than MAX_SENTENCE_CHARS is not read, only counted. Pure: no database.
    """
    spans = sentences(body)
    if spans:  # the opening dateline is not part of the first sentence
        spans[0] = (_strip_dateline(body, *spans[0]), spans[0][1])
    lines = _Lines(body)
    candidates, too_long = [], 0
    seen, recent = set(), deque(maxlen=REPEAT_WINDOW)
    for start, end in spans:
        if end - start > MAX_SENTENCE_CHARS:
            too_long += 1
            continue
        sentence = body[start:end]
        line, furniture = lines.around(start)
        if furniture or _is_heading(sentence, line):
            continue
        fingerprint = _fingerprint(sentence)
        # No word, no claim; and an empty fingerprint is "in" every later one.
        if not fingerprint or _repeated(fingerprint, seen, recent):
            continue
        seen.add(fingerprint)
        recent.append(fingerprint)
        for find in _count_finds(sentence) + _keyword_finds(sentence):
            quote_start, quote_end = find.span
            candidates.append(
                Candidate(start + quote_start, start + quote_end, find.kind, (start, end), find)
            )
    candidates.sort(key=lambda c: (c.start, c.end, c.kind))
    return Found(candidates, too_long)


def resolve_in_text(
    body: str, candidates: Iterable[Candidate], actors: Iterable, *, reference: FoundDate | None
) -> list[Suggestion]:
    """The candidates as suggestions, with their actors and dates.

    `actors` is any iterable of objects with `.name` and `.aliases`; the suggested actor is
    one of them (or None). `reference` is the article's own date: relative dates in a
    sentence resolve against it, and a sentence without a date of its own gets it, with
    evidence "article date". Pure: no database.
    """
    patterns = _alias_patterns(actors)
    sentences_read = {}  # (start, end) -> (sentence, speakers, stated), each read once
    suggestions = []
    for candidate in candidates:
        if candidate.sentence not in sentences_read:
            sentence = body[slice(*candidate.sentence)]
            speakers = _speakers(sentence, _mentions(sentence, patterns))
            sentences_read[candidate.sentence] = (sentence, speakers, _stated(sentence, reference))
        sentence, speakers, (stated_on, precision, evidence) = sentences_read[candidate.sentence]
        find = candidate.find
        suggestions.append(
            Suggestion(
                start=candidate.start,
                end=candidate.end,
                quote=body[candidate.start : candidate.end],
                sentence=sentence,
                kind=find.kind,
                number=find.number,
                number_max=find.number_max,
                actor=_speaker(sentence, speakers, *find.at, find.verb),
                stated_on=stated_on,
                stated_precision=precision,
                stated_evidence=evidence,
                rule=find.rule,
            )
        )
    return suggestions


def suggest_in_text(
    body: str, actors: Iterable, *, reference: FoundDate | None
) -> list[Suggestion]:
    """Candidate claims in body, in order of position: `find_in_text`, then
    `resolve_in_text` for all of them. Pure: no database."""
    return resolve_in_text(body, find_in_text(body).candidates, actors, reference=reference)


def _article_reference(article) -> FoundDate | None:
    if not article.published_on:
        return None
    evidence = article.published_evidence or ARTICLE_DATE
    return FoundDate(
        article.published_on, article.published_precision or DAY, evidence, 0, 0, "dateline"
    )


class _Tagged:
    """The spans an article's claims already cover, by kind, for asking about thousands of
    candidates at a logarithmic cost each."""

    def __init__(self, claims: Iterable[tuple[int, int, str]]):
        self.spans, by_kind = set(), {}
        for start, end, kind in claims:
            self.spans.add((start, end))
            by_kind.setdefault(kind, []).append((start, end))
        self.by_kind = {}
        for kind, spans in by_kind.items():
            spans.sort()
            # reach[i]: the furthest end among the first i + 1 spans (in order of start)
            reach = list(accumulate((end for _, end in spans), max))
            self.by_kind[kind] = ([start for start, _ in spans], reach)

    def covers(self, candidate: Candidate) -> bool:
        """A claim covers exactly its span (whatever its kind), or overlaps it with its kind."""
        if (candidate.start, candidate.end) in self.spans:
            return True
        starts, reach = self.by_kind.get(candidate.kind, ((), ()))
        before_end = bisect_left(starts, candidate.end)  # the spans that start before its end
        return before_end > 0 and reach[before_end - 1] > candidate.start


# The languages the rules are written for (their verbs, nouns and numbers are Indonesian; a
# Malay text reads the same). Other articles get no suggestions rather than noise.
RULE_LANGUAGES = ("id", "ms")


def suggests_for(article) -> bool:
    return article.language in RULE_LANGUAGES


def candidates(article) -> Found:
    """What the rules find in an Article that its editors have not tagged yet: a candidate is
    left out when a claim of the article (not deleted) overlaps it with the same kind, or
    covers exactly the same span whatever its kind: the editor has been there. Nothing for
    an article in a language the rules do not read (RULE_LANGUAGES)."""
    if not suggests_for(article):
        return Found([])
    tagged = _Tagged(article.claims.alive().values_list("start", "end", "kind"))
    found = find_in_text(article.body)
    return replace(found, candidates=[c for c in found.candidates if not tagged.covers(c)])


def resolve(article, candidates: Iterable[Candidate], actors=None) -> list[Suggestion]:
    """Candidates of an Article as suggestions; dates resolve against its published date.
    `actors` defaults to every Actor."""
    # Imported here so that the pure part of this module needs no configured Django.
    from timeline.models import Actor

    if actors is None:
        actors = list(Actor.objects.all())
    return resolve_in_text(article.body, candidates, actors, reference=_article_reference(article))


def suggest(article, actors=None) -> list[Suggestion]:
    """Every suggestion for an Article that its editors have not tagged yet (see
    `candidates`)."""
    return resolve(article, candidates(article).candidates, actors)
