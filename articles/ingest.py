"""From a text file to an article: decoding, cleaning, title, outlet and date.

Everything here is a pure function of the text (no database, no Django): the loader and the
tests get the same answer for the same file, every time. Claim offsets point into
`ParsedArticle.body`, so a change to `clean()` changes the body (and the offsets) that a
reloaded file would get; the loader, not this module, decides what happens to stored claims.
"""

import hashlib
import re
from dataclasses import dataclass
from datetime import date
from typing import NamedTuple

from articles.dates import FoundDate, is_publication_line, publication_date
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
        raise ArticleError("empty file")
    if body.startswith(_UTF16_BOMS):
        # UTF-16 is full of NUL bytes; "binary" would send the editor looking for the wrong fix.
        raise ArticleError("not valid UTF-8 (the file is UTF-16; save it as UTF-8)")
    if b"\x00" in body:
        raise ArticleError("binary file (contains NUL bytes)")
    try:
        text = body.decode("utf-8")
    except UnicodeDecodeError as error:
        bad = body[error.start]
        raise ArticleError(
            f"not valid UTF-8 (byte 0x{bad:02x} at position {error.start + offset})"
        ) from None
    if not text.strip():
        raise ArticleError("empty file")
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

_DOMAIN = re.compile(r"[A-Za-z0-9][\w-]*(?:\.[A-Za-z]{2,}){1,3}")
# "Resistensi.id – ", "TIMES JABAR, JAKARTA – ", "JAKARTA, KOMPAS.com - ": a short lead, then a
# dash (en/em dash with or without spaces; a hyphen only with spaces, so "AS-Korsel" is safe).
_DASH_DATELINE = re.compile(
    r"^(?P<lead>[^\s–—()][^–—()\n]{0,59}?)(?:\s*[–—]{1,2}\s*|\s+-{1,2}\s+)(?=\S)"
)
# "Washington DC (MedanPunya) Amerika ...", "Jakarta (ANTARA) - Presiden ...".
_PAREN_DATELINE = re.compile(
    r"^(?P<place>[A-Z][\w.'-]*(?:\s+[A-Z][\w.'-]*){0,2}),?\s*"
    r"\((?P<outlet>[A-Za-z][^()\n]{1,40})\)"
    r"(?:\s*[–—-]{1,2})?\s+(?P<next>\S)"
)
_WEEKDAYS = {"senin", "selasa", "rabu", "kamis", "jumat", "jum'at", "sabtu", "minggu", "ahad"}
# "... sudah tayang di TIMES Indonesia dengan judul: ...", "telah tayang di Kompas.com".
_CREDIT = re.compile(
    r"\b(?:sudah|telah)\s+(?:tayang|terbit|dimuat|diterbitkan|dipublikasikan)\s+di\s+"
    r"(?:(?:laman|situs|portal|website)\s+)?"
    r"(?P<outlet>[^\n]{1,60}?)(?=\s+dengan\s+judul\b|\s*[,;:]|\.?\s*$|\.\s)",
    re.IGNORECASE,
)
_DATELINE_SCAN = 3  # datelines open the article; a caption or dek may come first


class _Dateline(NamedTuple):
    end: int  # where the article's own first sentence starts
    outlet: str | None  # None for a place-only dateline ("JAKARTA – ...")


def _is_caps(text: str) -> bool:
    return any(c.isalpha() for c in text) and text == text.upper()


def _abbreviates(short: str, phrase: str) -> bool:
    """Whether `short` is made of word starts of `phrase`, in order: AS for Amerika Serikat,
    Korut for Korea Utara, Jokowi for Joko Widodo. Such a bracket is a name, not an outlet."""
    letters = "".join(c for c in short.lower() if c.isalnum())
    words = [w for w in re.split(r"[\s-]+", phrase.lower()) if w]

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


def _dash_dateline(paragraph: str) -> _Dateline | None:
    match = _DASH_DATELINE.match(paragraph)
    if not match:
        return None
    parts = [p.strip() for p in match["lead"].split(",")]
    if len(parts) > 2 or any(not p or len(p.split()) > 4 for p in parts):
        return None
    if not all(_DOMAIN.fullmatch(p) or p[0].isupper() for p in parts):
        return None
    domains = [p for p in parts if _DOMAIN.fullmatch(p)]
    if len(parts) == 1:
        # A lone capitalised word could be a place ("JAKARTA –") or a headline fragment; only
        # a web address ("Resistensi.id –") names the outlet for sure.
        if domains:
            return _Dateline(match.end(), domains[0])
        return _Dateline(match.end(), None) if _is_caps(parts[0]) else None
    if domains:  # "JAKARTA, KOMPAS.com –" as well as "Liputan6.com, Jakarta –"
        return _Dateline(match.end(), domains[0])
    if _is_caps(parts[0]):  # "TIMES JABAR, JAKARTA –": outlet, then place
        return _Dateline(match.end(), parts[0])
    return None  # "Jakarta, CNN Indonesia –" or a sentence: not sure enough to name anyone


def _paren_dateline(paragraph: str, body: str) -> _Dateline | None:
    match = _PAREN_DATELINE.match(paragraph)
    if not match:
        return None
    place, outlet = match["place"], match["outlet"].strip()
    if (
        place.split()[0].lower() in _WEEKDAYS  # "Senin (28/4)"
        or not match["next"][0].isupper()  # "Korea Utara (DPRK) menolak ...": a name, a verb
        or len(outlet.split()) > 4
        or _abbreviates(outlet, place)  # "Amerika Serikat (AS) ..."
        or body.count(outlet) > 1  # an outlet names itself once; DPRK, KCNA, Korut recur
    ):
        return None
    return _Dateline(match.start("next"), outlet)


def _dateline(paragraph: str, body: str) -> _Dateline | None:
    return _dash_dateline(paragraph) or _paren_dateline(paragraph, body)


def dateline_end(paragraph: str, body: str) -> int:
    """Where the text of `paragraph` (a paragraph or sentence of `body`) starts after its
    opening dateline ("TIMES JABAR, JAKARTA – ", "Washington DC (MedanPunya) "); 0 when it
    has none. The one dateline matcher: the outlet, the derived title and the suggested
    claims all read a dateline this way."""
    dateline = _dateline(paragraph, body)
    return dateline.end if dateline else 0


def _credited_outlet(paragraphs: list[str]) -> str | None:
    for paragraph in paragraphs:
        if match := _CREDIT.search(paragraph):
            outlet = match["outlet"].strip(" \"'“”")
            if outlet and len(outlet) <= 60 and len(outlet.split()) <= 6:
                return outlet
    return None


def find_outlet(body: str) -> str | None:
    """The outlet that published `body`, from its dateline, else from a "sudah tayang di X"
    credit; None when the text does not say. Agencies it quotes (KCNA) are not the outlet."""
    paragraphs = body.split("\n\n")
    for paragraph in paragraphs[:_DATELINE_SCAN]:
        dateline = _dateline(paragraph, body)
        if dateline and dateline.outlet:
            return dateline.outlet
    return _credited_outlet(paragraphs)


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


def _is_headline(line: str, body: str) -> bool:
    """A first line that reads as a headline: short, no full stop, not the article's opening
    dateline ("TIMES JABAR, JAKARTA – ..."), not a photo caption."""
    return (
        len(line) <= HEADLINE_MAX_CHARS
        and len(line.split()) <= HEADLINE_MAX_WORDS
        and not line.rstrip(_CLOSERS).endswith((".", "!", "?"))
        and not _CAPTION.match(line)
        and _dateline(line, body) is None
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


def _derived_title(paragraphs: list[str], body: str) -> str:
    opening = next((p for p in paragraphs if not _CAPTION.match(p)), paragraphs[0])
    if dateline := _dateline(opening, body):
        opening = opening[dateline.end :]
    title = derive_title(first_sentence(opening)) or derive_title(opening)
    return _unshout(title, body) if title else opening[:DERIVED_TITLE_MAX_CHARS]


# --- the article ---------------------------------------------------------------------------


@dataclass(frozen=True)
class ParsedArticle:
    """What a text says about itself. Offsets (claims, `published.start/end`) index `body`."""

    raw: str  # the decoded file as read (BOM stripped, line endings untouched)
    body: str  # cleaned text, without the headline line when the title came from it
    title: str
    title_derived: bool  # True when made up from the first sentence
    outlet: str | None
    published: FoundDate | None
    content_hash: str  # sha256 hex of raw (UTF-8)


def _same_title(a: str, b: str) -> bool:
    return " ".join(a.split()).casefold() == " ".join(b.split()).casefold()


def parse_article(text: str, *, today: date | None = None) -> ParsedArticle:
    """Read one article's text (as returned by `decode`).

    Title, in order: the title the text names ("... dengan judul: X"; that line stays in the
    body); the first line when it is a headline (it is then removed from the body); else a
    short title from the first sentence (`title_derived=True`). The outlet comes from the
    dateline or a "sudah tayang di X" credit; the date from `dates.publication_date(body)`.
    Raises ArticleError when no text is left once boilerplate is removed.
    """
    raw = text.removeprefix("\ufeff")
    cleaned = clean(raw)
    if not cleaned:
        raise ArticleError(
            "empty file" if not raw.strip() else "no article text (only boilerplate)"
        )
    paragraphs = cleaned.split("\n\n")
    # A publication line above the headline ("MINGGU, 8 DESEMBER 2024 | 17:18 WIB") is the
    # article's date, not its title: it stays in the body and the headline follows it.
    lead = int(len(paragraphs) > 2 and is_publication_line(paragraphs[0], today=today))
    first = paragraphs[lead]
    has_headline = len(paragraphs) > lead + 1 and _is_headline(first, cleaned)

    title = _named_title(paragraphs)
    title_derived = False
    if title is None and has_headline:
        title = first
    drop_headline = has_headline and _same_title(title or "", first)
    body = "\n\n".join(paragraphs[:lead] + paragraphs[lead + 1 :]) if drop_headline else cleaned
    if title is None:
        title, title_derived = _derived_title(paragraphs, cleaned), True

    return ParsedArticle(
        raw=raw,
        body=body,
        title=title,
        title_derived=title_derived,
        outlet=find_outlet(body),
        published=publication_date(body, today=today),
        content_hash=hashlib.sha256(raw.encode("utf-8")).hexdigest(),
    )
