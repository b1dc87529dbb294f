"""From a text file or a saved web page to an article: decoding, cleaning, title, outlet
(and the wire agency it relayed), date and language.

Everything here is a pure function of the text and of the outlet registry handed in (no
database, no Django): the loader and the tests get the same answer for the same file, every
time. Claim offsets point into
`ParsedArticle.body`, so a change to `clean()` changes the body (and the offsets) that a
reloaded file would get; the loader, not this module, decides what happens to stored claims.
"""

import hashlib
import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from datetime import date
from typing import NamedTuple
from urllib.parse import urlsplit

from django.utils.translation import gettext as _

from articles.dates import DAY, FoundDate, is_plausible, is_publication_line, publication_date
from articles.html import Page, looks_like_html, read_page
from articles.language import DEFAULT_LANGUAGE, detect_language
from articles.sentences import first_sentence


class ArticleError(ValueError):
    """A file that cannot become an article; str() is the reason shown to the user."""


# --- decoding ----------------------------------------------------------------------------

_UTF8_BOM = b"\xef\xbb\xbf"
_UTF16_BOMS = (b"\xff\xfe", b"\xfe\xff")


def decode(data: bytes) -> str:
    """The text of a file: UTF-8 with or without a byte order mark (which is dropped).

    Raises ArticleError("empty file") for an empty or whitespace-only file,
    ArticleError("binary file (contains NUL bytes)"), and
    ArticleError("not valid UTF-8 (byte 0x.. at position N)") with the first bad byte and its
    offset in the file. Line endings are left as they are.
    """
    body = data.removeprefix(_UTF8_BOM)
    offset = len(data) - len(body)
    if not body.strip():
        raise ArticleError(_("empty file"))
    if body.startswith(_UTF16_BOMS):
        # UTF-16 is full of NUL bytes; "binary" would send the editor looking for the wrong fix.
        raise ArticleError(_("not valid UTF-8 (the file is UTF-16; save it as UTF-8)"))
    if b"\x00" in body:
        raise ArticleError(_("binary file (contains NUL bytes)"))
    try:
        text = body.decode("utf-8")
    except UnicodeDecodeError as error:
        bad = body[error.start]
        raise ArticleError(
            _("not valid UTF-8 (byte 0x%(byte)02x at position %(position)s)")
            % {"byte": bad, "position": error.start + offset}
        ) from None
    if not text.strip():
        raise ArticleError(_("empty file"))
    return text


# --- cleaning ----------------------------------------------------------------------------


class Boilerplate(NamedTuple):
    """Page furniture a scraper left in the text: `pattern` matches the whole line."""

    name: str
    pattern: re.Pattern[str]


def _line(pattern: str) -> re.Pattern[str]:
    return re.compile(rf"^\s*(?:{pattern})\s*$", re.IGNORECASE)


# Only whole lines, so "Sumber : KCNA" (a real credit) and any sentence that merely contains
# these words stay. Match with `.fullmatch(line)` or `.match(line)` on a single line.
BOILERPLATE: tuple[Boilerplate, ...] = (
    Boilerplate("share buttons", _line(r"bagikan\s*:?")),
    Boilerplate(
        "share prompt",
        _line(r"anda\s+dapat\s+membagikan\s+cerita\s+ini\s+di\s+media\s+sosial\s*:?"),
    ),
    Boilerplate("reply heading", _line(r"tinggalkan\s+balasan")),
    Boilerplate("comment prompt", _line(r"berikan\s+komentar\s*:?")),
    Boilerplate(
        "comment form notice",
        _line(
            r"alamat\s+email\s+anda\s+tidak\s+akan\s+dipublikasikan\s*\.?"
            r"(?:\s*ruas\s+yang\s+wajib\s+ditandai\s*\*?)?"
            r"|ruas\s+yang\s+wajib\s+ditandai\s*\*"
        ),
    ),
    Boilerplate("mobile version link", _line(r"exit\s+mobile\s+version")),
    Boilerplate("dangling source label", _line(r"sumber\s*:?")),
)

_LINE_BREAK = re.compile(r"\r\n?|[\u2028\u2029\x85]")
# str.strip() already covers NBSP and the other Unicode spaces; add the invisible ones that
# word processors and CMSes leave at line ends.
_EDGE_SPACE = re.compile(r"^[\s\u200b-\u200d\u2060\ufeff]+|[\s\u200b-\u200d\u2060\ufeff]+$")


def is_boilerplate(line: str) -> bool:
    return any(b.pattern.fullmatch(line) for b in BOILERPLATE)


def clean(text: str) -> str:
    """The article's text as stored: one paragraph per non-empty line, "\\n\\n" between them.

    Line endings become LF, a leading BOM goes, boilerplate lines (BOILERPLATE) go, each line
    is trimmed, lines that are only whitespace (NBSP included) go. Nothing inside a line
    changes. No leading or trailing blank lines.
    """
    paragraphs = []
    for line in _LINE_BREAK.sub("\n", text.removeprefix("\ufeff")).split("\n"):
        line = _EDGE_SPACE.sub("", line)
        if line and not is_boilerplate(line):
            paragraphs.append(line)
    return "\n\n".join(paragraphs)


# --- outlet --------------------------------------------------------------------------------


@dataclass(frozen=True)
class KnownOutlet:
    """An outlet of the registry (the Outlet table), as the text reader needs it."""

    name: str
    aliases: tuple[str, ...] = ()
    domains: tuple[str, ...] = ()
    is_wire: bool = False  # a wire agency: other outlets relay its stories (AP, ANTARA)


def _key(name: str) -> str:
    key = " ".join(name.casefold().strip(" .,:;|\"'“”‘’").split())
    return key.removeprefix("www.")


class OutletRegistry:
    """The outlets editors know, to look up a name as a text writes it: "KOMPAS.com",
    "TEMPO.CO", "detikNews", "(AP)". A name, an alias or a domain (or a subdomain of one:
    news.detik.com) finds its outlet, whatever its case."""

    def __init__(self, outlets: Iterable[KnownOutlet] = ()):
        self._keys: dict[str, KnownOutlet] = {}
        for outlet in outlets:
            for name in (outlet.name, *outlet.aliases, *outlet.domains):
                if key := _key(name):
                    self._keys.setdefault(key, outlet)

    def lookup(self, name: str | None) -> KnownOutlet | None:
        if not name:
            return None
        key = _key(name)
        if found := self._keys.get(key):
            return found
        if _DOMAIN.fullmatch(key):
            parts = key.split(".")
            for i in range(1, len(parts) - 1):
                if found := self._keys.get(".".join(parts[i:])):
                    return found
        return None


NO_REGISTRY = OutletRegistry()

_DOMAIN = re.compile(r"[A-Za-z0-9][\w-]*(?:\.[A-Za-z]{2,}){1,3}")
_WEEKDAYS = {"senin", "selasa", "rabu", "kamis", "jumat", "jum'at", "sabtu", "minggu", "ahad"}
_DATELINE_SCAN = 3  # datelines open the article; a caption or dek may come first
# ... or a whole block of them (title, byline, timestamp, caption): a dateline that names a
# web address or a known outlet is believed this far down ("KONTAN.CO.ID - BRUSSELS." is
# often the 4th paragraph of a saved page).
_KNOWN_DATELINE_SCAN = 8


class _Dateline(NamedTuple):
    end: int  # where the article's own first sentence starts
    outlet: str | None  # None for a place-only dateline ("JAKARTA – ...")
    sure: bool = False  # the name is a web address or a known outlet


def _is_caps(text: str) -> bool:
    return any(c.isalpha() for c in text) and text == text.upper()


def _abbreviates(short: str, phrase: str) -> bool:
    """Whether `short` is made of word starts of `phrase`, in order: AS for Amerika Serikat,
    Korut for Korea Utara, Jokowi for Joko Widodo. Such a bracket is a name, not an outlet."""
    letters = "".join(c for c in short.lower() if c.isalnum())
    words = [w for w in re.split(r"[\s,-]+", phrase.lower()) if w]

    def fits(i: int, j: int) -> bool:
        if i == len(letters):
            return True
        if j == len(words):
            return False
        word = words[j]
        for k in range(min(len(word), len(letters) - i), 0, -1):
            if word[:k] == letters[i : i + k] and fits(i + k, j + 1):
                return True
        return fits(i, j + 1)

    return bool(letters) and fits(0, 0)


# "Jakarta", "Kota Bekasi": a place as a dateline writes it, before " - ".
_PLACE = re.compile(r"[A-Z][a-z]+(?: [A-Z][a-z]+){0,2}")
# After "KONTAN.CO.ID - " some outlets set the place in capitals and a full stop:
# "BRUSSELS. Uni Eropa ..."; the sentence starts after it.
_PLACE_AFTER_DASH = re.compile(r"[A-Z][A-Z'-]{2,}(?: [A-Z][A-Z'-]+){0,2}[.,]\s+(?=[A-Z\"“])")


def _dash_dateline(match: re.Match[str], paragraph: str, body: str, registry) -> _Dateline | None:
    """ "Resistensi.id – ", "TEMPO.CO, Jakarta - ", "JAKARTA, KOMPAS.com - ", "TIMES JABAR,
    JAKARTA – ", "Jakarta, CNN Indonesia -- " (known outlets only), "JAKARTA – " (a place)."""
    parts = [p.strip() for p in match["lead"].split(",")]
    if len(parts) > 2 or any(not p or len(p.split()) > 4 for p in parts):
        return None
    if not all(_DOMAIN.fullmatch(p) or p[0].isupper() for p in parts):
        return None
    end = match.end()
    if place := _PLACE_AFTER_DASH.match(paragraph, end):
        end = place.end()
    if known := next((p for p in parts if registry.lookup(p)), None):
        return _Dateline(end, known, sure=True)
    if domain := next((p for p in parts if _DOMAIN.fullmatch(p)), None):
        return _Dateline(
            end, domain, sure=True
        )  # "JAKARTA, KOMPAS.com –", "Liputan6.com, Jakarta –"
    if len(parts) == 1:
        # A lone capitalised word could be a place ("JAKARTA –", "Jakarta -") or a headline
        # fragment; only a web address ("Resistensi.id –") or a known name says the outlet.
        return _Dateline(end, None) if _is_caps(parts[0]) or _PLACE.fullmatch(parts[0]) else None
    if all(_is_caps(p) for p in parts):  # "TIMES JABAR, JAKARTA –": outlet, then place
        return _Dateline(end, parts[0])
    # "Jakarta, CNN Indonesia –", "BANDUNG, Jawa Barat –" or a sentence: a place comes first
    # as often as an outlet, and a place is never an outlet.
    return None


def _paren_dateline(match: re.Match[str], paragraph: str, body: str, registry) -> _Dateline | None:
    """ "Jakarta (ANTARA) - ", "SEOUL, South Korea (AP) — ", "KYIV, Nov 5 (Reuters) - ",
    "Washington DC (MedanPunya) "."""
    place, outlet = match["place"], match["outlet"].strip()
    known = registry.lookup(outlet)
    if (
        place.split()[0].lower() in _WEEKDAYS  # "Senin (28/4)"
        or not match["next"][0].isupper()  # "Korea Utara (DPRK) menolak ...": a name, a verb
        or len(outlet.split()) > 4
        or (not known and _abbreviates(outlet, place))  # "Amerika Serikat (AS) ..."
        # An outlet names itself once; DPRK, KCNA, Korut recur. (A known one may recur: an
        # AP story says "AP" again.)
        or (not known and body.count(outlet) > 1)
    ):
        return None
    return _Dateline(match.start("next"), outlet, sure=bool(known))


def _name_lead(match: re.Match[str], paragraph: str, body: str, registry) -> _Dateline | None:
    """ "RMOL. Pemerintah ...", a line "detikNews": a known outlet's name opening the text.
    Not a wire agency's: "Reuters" or "AFP" alone on a line credits a photo."""
    known = registry.lookup(match["outlet"])
    if not known or known.is_wire:
        return None
    return _Dateline(match.end(), match["outlet"], sure=True)


class DatelineForm(NamedTuple):
    """One way an article's opening names where it was filed and by whom. `read` decides
    what a match says (the outlet, or only a place); None: it was no dateline after all."""

    name: str
    pattern: re.Pattern[str]
    read: Callable[[re.Match[str], str, str, OutletRegistry], _Dateline | None]


# THE dateline matcher: every reader of an opening dateline (the outlet, the title, the
# suggestions' first sentence) goes through `dateline` and this table.
DATELINES: tuple[DatelineForm, ...] = (
    # A short lead, then a dash (en/em dash with or without spaces; a hyphen only with
    # spaces, so "AS-Korsel" is safe).
    DatelineForm(
        "lead – ",
        re.compile(r"^(?P<lead>[^\s–—()][^–—()\n]{0,59}?)(?:\s*[–—]{1,2}\s*|\s+-{1,2}\s+)(?=\S)"),
        _dash_dateline,
    ),
    # A place (up to two parts), maybe a date, then the outlet in brackets.
    DatelineForm(
        "place (outlet) ",
        re.compile(
            r"^(?P<place>[A-Z][\w.'-]*(?:\s+[A-Z][\w.'-]*){0,2}"
            r"(?:,\s*[A-Z][\w.'-]*(?:\s+[A-Z][\w.'-]*){0,2})?)"
            # "KYIV, Nov 5 (Reuters)", "PARIS, 5 novembre (Reuters)"
            r"(?:,\s*(?:[A-Z][a-z]{2,8}\.?\s+\d{1,2}|\d{1,2}\s+[^\W\d_]{3,9}\.?))?,?\s*"
            r"\((?P<outlet>[A-Za-z][^()\n]{1,40})\)"
            r"(?:\s*[–—-]{1,2})?\s+(?P<next>\S)"
        ),
        _paren_dateline,
    ),
    # A known outlet's name alone on its line, or with a full stop before the text.
    DatelineForm(
        "known name. ",
        re.compile(r"^(?P<outlet>[A-Za-z][\w.&'-]*(?: [\w.&'-]+){0,3}?)(?:\.\s+(?=[A-Z\"“])|$)"),
        _name_lead,
    ),
)


def dateline(paragraph: str, body: str = "", registry: OutletRegistry = NO_REGISTRY):
    """The dateline opening `paragraph` (`body` is the whole text), or None."""
    for form in DATELINES:
        if (match := form.pattern.match(paragraph)) and (
            found := form.read(match, paragraph, body or paragraph, registry)
        ):
            return found
    return None


def dateline_end(paragraph: str, body: str = "") -> int:
    """Where the text after the opening dateline of `paragraph` starts (0 when none)."""
    found = dateline(paragraph, body)
    return found.end if found and found.end < len(paragraph) else 0


# Credits, anywhere in the text.
# "... sudah tayang di TIMES Indonesia dengan judul: ...", "telah tayang di Kompas.com".
_SYNDICATED = re.compile(
    r"\b(?:sudah|telah)\s+(?:tayang|terbit|dimuat|diterbitkan|dipublikasikan)\s+di\s+"
    r"(?:(?:laman|situs|portal|website)\s+)?"
    r"(?P<outlet>[^\n]{1,60}?)(?=\s+dengan\s+judul\b|\s*[,;:]|\.?\s*$|\.\s)",
    re.IGNORECASE,
)
# A French byline: "Par BFMTV avec AFP", "Par Jean Dupont avec AFP" (a writer: no outlet).
_BYLINE_WITH = re.compile(
    r"^par\s+(?P<outlet>[^\n,]{1,60}?)\s+avec\s+(?P<wire>[A-Za-z][\w.-]*(?:\s[A-Z][\w.-]*)?)"
    r"\s*(?:$|[,.|·-])",
    re.IGNORECASE | re.MULTILINE,
)
# "Sumber: ANTARA": the agency an Indonesian outlet took the story from (a known wire only:
# "Sumber : KCNA" is the source of the quotes).
_SOURCE_WIRE = re.compile(r"^(?:sumber|source)\s*:\s*(?P<wire>[^\n]{1,40}?)\s*$", re.I | re.M)


class Credit(NamedTuple):
    outlet: str | None  # who published the text
    wire: str | None  # the wire agency whose story it relayed, if it says so


def _credit_candidates(
    body: str, registry: OutletRegistry, bylines: Iterable[str] = ()
) -> tuple[list[str], list[str]]:
    """Outlet names (most trusted first) and wire names the text (and a page's `bylines`)
    give."""
    names: list[str] = []
    wires: list[str] = []
    for i, paragraph in enumerate(body.split("\n\n")[:_KNOWN_DATELINE_SCAN]):
        found = dateline(paragraph, body, registry)
        if found and found.outlet and (i < _DATELINE_SCAN or found.sure):
            names.append(found.outlet)
    for match in _BYLINE_WITH.finditer("\n".join([body, *bylines])):
        outlet = match["outlet"].strip()
        if registry.lookup(outlet) or _DOMAIN.fullmatch(outlet) or _is_caps(outlet):
            names.append(outlet)
        wires.append(match["wire"])
    for match in _SOURCE_WIRE.finditer(body):
        if (known := registry.lookup(match["wire"])) and known.is_wire:
            wires.append(match["wire"])
    for match in _SYNDICATED.finditer(body):
        outlet = match["outlet"].strip(" \"'“”")
        if outlet and len(outlet) <= 60 and len(outlet.split()) <= 6:
            names.append(outlet)
    return names, wires


def find_credit(
    body: str,
    registry: OutletRegistry = NO_REGISTRY,
    *,
    site: str | None = None,
    bylines: Iterable[str] = (),
) -> Credit:
    """Who published `body` and which wire agency's story it relays, from (in this order)
    the page's site name (`site`, a saved page's metadata), the dateline ("Jakarta (ANTARA)
    -", "SEOUL, KOMPAS.com -"), a byline ("Par BFMTV avec AFP"), a "sudah tayang di X"
    credit. Names the registry knows come out as the registry's name. A wire agency is the
    outlet only when nobody else is named (an AP story as AP sent it). Agencies the text
    quotes (KCNA) are not the outlet."""

    def canonical(name: str) -> tuple[str, bool]:
        known = registry.lookup(name)
        return (known.name, known.is_wire) if known else (name, False)

    names, wires = _credit_candidates(body, registry, bylines)
    if site:
        names.insert(0, site)
    outlet = wire = None
    for name, is_wire in map(canonical, names + wires):
        if is_wire:
            wire = wire or name
        else:
            outlet = outlet or name
    if outlet is None:
        outlet, wire = wire, None
    return Credit(outlet, None if wire == outlet else wire)


def find_outlet(body: str, registry: OutletRegistry = NO_REGISTRY) -> str | None:
    """The outlet that published `body` (see find_credit); None when the text does not say."""
    return find_credit(body, registry).outlet


# --- title ---------------------------------------------------------------------------------

HEADLINE_MAX_WORDS = 20
HEADLINE_MAX_CHARS = 200
DERIVED_TITLE_MAX_CHARS = 90
ELLIPSIS = " …"

_NAMED_TITLE = re.compile(
    r"\b(?:tayang|terbit|dimuat|diterbitkan|dipublikasikan)\b[^\n]{0,120}?"
    r"\bdengan\s+judul\b\s*:?\s*(?P<title>.+)$",
    re.IGNORECASE,
)
# A quoted title ends at the quote that closes the line or comes before "Klik untuk baca".
_QUOTED = re.compile(
    r"[\"“'‘«](?P<title>.+?)[\"”'’»](?=\s*(?:[,.;]|$)|\s+(?:klik|baca|selengkapnya)\b)",
    re.IGNORECASE,
)
_TITLE_TAIL = re.compile(
    r",?\s*(?:klik\s+untuk\s+baca|(?:baca\s+)?selengkapnya)\b.*$|\s+https?://\S.*$", re.IGNORECASE
)
_CLOSERS = "\"'”’)]»"
_CAPTION = re.compile(r"^(?:foto|ilustrasi|baca\s+juga)\s*:", re.IGNORECASE)
# A byline line: "Par BFMTV avec AFP", "By Jane Doe", "Oleh: Sari". Neither headline nor text.
_BYLINE = re.compile(r"^(?:par|by|oleh)\s*:?\s+[A-Z][^\n]{0,80}$", re.IGNORECASE)


def _is_furniture(paragraph: str) -> bool:
    return bool(_CAPTION.match(paragraph) or _BYLINE.match(paragraph))


# A cut title does not end on these ("... mengirim pasukan untuk …").
_DANGLING = {
    "dan", "atau", "yang", "di", "ke", "dari", "untuk", "dengan", "bahwa", "pada", "dalam",
    "oleh", "serta", "sebagai", "akan", "telah", "sudah", "tidak", "para", "sang", "si", "the",
    "of", "a", "an", "and", "to", "in",
}  # fmt: skip


def _named_title(paragraphs: list[str]) -> str | None:
    """The title the text gives itself: "... sudah tayang di X dengan judul: <title>"."""
    for paragraph in paragraphs:
        match = _NAMED_TITLE.search(paragraph)
        if not match:
            continue
        title = match["title"].strip()
        quoted = _QUOTED.match(title)
        title = quoted["title"] if quoted else _TITLE_TAIL.sub("", title)
        title = title.strip()
        if title.endswith(".") and not title.endswith(".."):
            title = title[:-1].rstrip()
        if title and len(title) <= HEADLINE_MAX_CHARS and any(c.isalpha() for c in title):
            return title
    return None


def _is_headline(line: str, body: str, registry: OutletRegistry) -> bool:
    """A first line that reads as a headline: short, no full stop, not the article's opening
    dateline ("TIMES JABAR, JAKARTA – ..."), not a photo caption."""
    return (
        len(line) <= HEADLINE_MAX_CHARS
        and len(line.split()) <= HEADLINE_MAX_WORDS
        and not line.rstrip(_CLOSERS).endswith((".", "!", "?"))
        and not _is_furniture(line)
        and dateline(line, body, registry) is None
    )


def _unshout(title: str, body: str) -> str:
    """'KOREA Utara ...' -> 'Korea Utara ...': news style sets the article's first word in
    capitals. Only words the text itself writes in normal case elsewhere are changed, so an
    acronym (AS, PBB, NATO) keeps its capitals."""
    words = title.split(" ")
    for i, word in enumerate(words):
        core = word.strip(_CLOSERS + ',:;"“‘(')
        if not (len(core) > 1 and core.isalpha() and core.isupper()):
            break
        normal = core.capitalize()
        if re.search(rf"\b{re.escape(normal)}\b", body) and body.count(core) <= 1:
            words[i] = word.replace(core, normal)
    return " ".join(words)


def derive_title(sentence: str, *, limit: int = DERIVED_TITLE_MAX_CHARS) -> str:
    """A short title from a sentence: no final full stop; cut at a word boundary to at most
    `limit` characters, ending in " …" when cut (and not on a word like "untuk")."""
    title = " ".join(sentence.split())
    if title.endswith(".") and not title.endswith(".."):
        title = title[:-1]
    if len(title) <= limit:
        return title
    room = limit - len(ELLIPSIS)
    kept: list[str] = []
    for word in title.split(" "):
        if len(" ".join([*kept, word])) > room:
            break
        kept.append(word)
    while len(kept) > 1 and kept[-1].lower().strip(",;:") in _DANGLING:
        kept.pop()
    cut = " ".join(kept).rstrip(",;:–—-") if kept else title[:room]
    return cut + ELLIPSIS


def _derived_title(paragraphs: list[str], body: str, registry: OutletRegistry) -> str:
    openings = [p for p in paragraphs if not _is_furniture(p)] or paragraphs[:1]
    opening = openings[0]
    for candidate in openings:
        found = dateline(candidate, body, registry)
        if found and found.end >= len(candidate):
            continue  # a line that is only the outlet's name ("detikNews")
        opening = candidate[found.end :] if found else candidate
        break
    title = derive_title(first_sentence(opening)) or derive_title(opening)
    return _unshout(title, body) if title else opening[:DERIVED_TITLE_MAX_CHARS]


# --- the article ---------------------------------------------------------------------------


@dataclass(frozen=True)
class ParsedArticle:
    """What a text says about itself. Offsets (claims, `published.start/end`) index `body`;
    a date a saved page's metadata states is no span of the body (kind "metadata", start ==
    end == 0, evidence naming the tag)."""

    raw: str  # the decoded file as read (BOM stripped, line endings untouched)
    body: str  # cleaned text, without the headline line when the title came from it
    title: str
    title_derived: bool  # True when made up from the first sentence
    outlet: str | None
    published: FoundDate | None
    content_hash: str  # sha256 hex of raw (UTF-8)
    wire: str | None = None  # the wire agency whose story the outlet relayed
    language: str = DEFAULT_LANGUAGE  # ISO 639-1
    is_html: bool = False  # read from a saved web page (raw is its markup)


def _same_title(a: str, b: str) -> bool:
    return " ".join(a.split()).casefold() == " ".join(b.split()).casefold()


def _title_and_body(
    cleaned: str, registry: OutletRegistry, today: date | None
) -> tuple[str, bool, str]:
    """Title, whether it was derived, and the body: see parse_article."""
    paragraphs = cleaned.split("\n\n")
    # A publication line above the headline ("MINGGU, 8 DESEMBER 2024 | 17:18 WIB") is the
    # article's date, not its title: it stays in the body and the headline follows it.
    lead = int(len(paragraphs) > 2 and is_publication_line(paragraphs[0], today=today))
    first = paragraphs[lead]
    has_headline = len(paragraphs) > lead + 1 and _is_headline(first, cleaned, registry)

    title = _named_title(paragraphs)
    title_derived = False
    if title is None and has_headline:
        title = first
    drop_headline = has_headline and _same_title(title or "", first)
    body = "\n\n".join(paragraphs[:lead] + paragraphs[lead + 1 :]) if drop_headline else cleaned
    if title is None:
        title, title_derived = _derived_title(paragraphs, cleaned, registry), True
    return title, title_derived, body


def _stated_in_metadata(page: Page, today: date | None) -> FoundDate | None:
    if page.published is None or not is_plausible(page.published.value, today):
        return None
    return FoundDate(page.published.value, DAY, page.published.evidence, 0, 0, "metadata")


def _site(page: Page, registry: OutletRegistry) -> str | None:
    """The publisher a saved page names: og:site_name, else its address's (known) domain."""
    if page.site_name:
        return page.site_name
    host = urlsplit(page.url or "").hostname
    known = registry.lookup(host)
    return known.name if known else None


def parse_article(
    text: str,
    *,
    today: date | None = None,
    outlets: OutletRegistry = NO_REGISTRY,
    html: bool | None = None,
) -> ParsedArticle:
    """Read one article's text (as returned by `decode`); `html`: whether it is a saved web
    page (None: when it looks like one, `html.looks_like_html`).

    Title, in order: the title the text names ("... dengan judul: X"; that line stays in the
    body); the first line when it is a headline (it is then removed from the body); else a
    short title from the first sentence (`title_derived=True`). A page's title is its own
    (og:title, <title>, its <h1>). The outlet and the wire it relayed come from `find_credit`
    (names `outlets` knows in the registry's spelling); the date from a page's metadata, else
    from `dates.publication_date(body)`; the language from `language.detect_language`.
    Raises ArticleError when no text is left once boilerplate is removed.
    """
    raw = text.removeprefix("\ufeff")
    if html is None:
        html = looks_like_html(raw)
    page = read_page(raw) if html else None
    cleaned = clean(page.text if page else raw)
    if not cleaned:
        if page:
            raise ArticleError(_("no article text in the page"))
        raise ArticleError(
            _("empty file") if not raw.strip() else _("no article text (only boilerplate)")
        )
    if page and page.title:
        title, title_derived, body = page.title, False, cleaned
    else:
        title, title_derived, body = _title_and_body(cleaned, outlets, today)
    credit = find_credit(
        body,
        outlets,
        site=_site(page, outlets) if page else None,
        bylines=page.bylines if page else (),
    )
    published = page and _stated_in_metadata(page, today)
    language = detect_language(body)
    return ParsedArticle(
        raw=raw,
        body=body,
        title=title,
        title_derived=title_derived,
        outlet=credit.outlet,
        published=published or publication_date(body, today=today, language=language),
        content_hash=hashlib.sha256(raw.encode("utf-8")).hexdigest(),
        wire=credit.wire,
        language=language,
        is_html=html,
    )
