"""A saved web page as an article: its text, title, site and publication date.

trafilatura finds the article's text in the page and drops the rest (navigation, scripts,
related-article boxes, footers); the publication date is read here from the page's own
metadata, so that the evidence says exactly which tag gave it. Pure functions: no network
(trafilatura only fetches when asked to), no database.
"""

import json
import re
from dataclasses import dataclass
from datetime import date

import lxml.html
import trafilatura
from lxml import etree

# A .txt file that is really a saved page: it opens with a doctype or <html>, or has a
# <head> or <body> near the top.
_HTML_START = re.compile(r"^\s*(?:<!--.*?-->\s*)*<(?:!doctype\s+html|html)[\s>]", re.I | re.S)
_HTML_PARTS = re.compile(r"<(?:head|body)[\s>]", re.I)
_SNIFF_CHARS = 2000

# Lines the extractor keeps that are page furniture, not the article: the "read also" links
# set between paragraphs, advertising labels. Whole lines only (they start the line).
_FURNITURE = re.compile(
    r"^\s*(?:(?:baca|lihat|simak)\s+(?:juga|pula)|read\s+(?:also|more)\s*:|related\s*:"
    r"|(?:à\s+)?lire\s+aussi|artikel\s+terkait)\b"
    r"|^\s*(?:advertisement|iklan|scroll\s+to\s+continue\s+with\s+content|baca\s+selengkapnya)"
    r"\s*$",
    re.IGNORECASE,
)

# Where a page states when it was published, surest first: (how the evidence names it,
# XPath to the value).
_DATE_TAGS = (
    ("meta article:published_time", "//meta[@property='article:published_time']/@content"),
    ("meta og:published_time", "//meta[@property='og:published_time']/@content"),
    ("meta itemprop datePublished", "//*[@itemprop='datePublished']/@content"),
    ("time itemprop datePublished", "//*[@itemprop='datePublished']/@datetime"),
    (
        "meta pubdate",
        "//meta[@name='pubdate' or @name='publishdate' or @name='publish-date']/@content",
    ),
    (
        "meta dc.date.issued",
        "//meta[translate(@name,'DCATEISU','dcateisu')='dc.date.issued']/@content",
    ),
    ("time pubdate", "//time[@pubdate]/@datetime"),
)
_ISO_DAY = re.compile(r"^\s*(\d{4})-(\d{2})-(\d{2})(?!\d)")


@dataclass(frozen=True)
class StatedDate:
    """A publication day the page's metadata states: `evidence` names the tag and its value."""

    value: date
    evidence: str


@dataclass(frozen=True)
class Page:
    title: str | None
    text: str  # one paragraph per line
    site_name: str | None
    url: str | None
    published: StatedDate | None
    bylines: tuple[str, ...] = ()  # short lines of the article's markup: see _short_blocks


# The short blocks of an article's markup that the extractor leaves out of its text, where
# bylines and credits stand ("Par BFMTV avec AFP | Publié le ..."); never the page's
# navigation, asides, footers or captions.
_SHORT_BLOCKS = (
    ".//*[self::div or self::p or self::span or self::address or self::small or self::header]"
    "[not(ancestor-or-self::nav or ancestor-or-self::aside or ancestor-or-self::footer"
    " or ancestor-or-self::figure or ancestor::script)]"
)
_SHORT = 160


def _short_blocks(tree) -> tuple[str, ...]:
    roots = tree.xpath("//article") or tree.xpath("//main") or tree.xpath("//body")
    if not roots:
        return ()
    lines = (" ".join(block.text_content().split()) for block in roots[0].xpath(_SHORT_BLOCKS))
    return tuple(dict.fromkeys(line for line in lines if 0 < len(line) <= _SHORT))


def looks_like_html(text: str) -> bool:
    head = text[:_SNIFF_CHARS]
    return bool(_HTML_START.match(head) or len(set(_HTML_PARTS.findall(head.lower()))) > 1)


def _iso_day(value: str) -> date | None:
    # The day as the outlet wrote it, in its own time zone ("2024-11-01T06:15+07:00" is
    # 1 November for a reader in Jakarta, even though it was still 31 October in UTC).
    if not (match := _ISO_DAY.match(value)):
        return None
    try:
        return date(*(int(part) for part in match.groups()))
    except ValueError:
        return None


def _json_ld_dates(tree) -> list[str]:
    """datePublished of the articles the page's JSON-LD describes."""
    found = []

    def walk(node, depth=0):
        if depth > 20:
            return
        if isinstance(node, list):
            for item in node:
                walk(item, depth + 1)
        elif isinstance(node, dict):
            if isinstance(node.get("datePublished"), str):
                found.append(node["datePublished"])
            for key in ("@graph", "mainEntity", "mainEntityOfPage"):
                if key in node:
                    walk(node[key], depth + 1)

    for script in tree.xpath("//script[@type='application/ld+json']"):
        try:
            walk(json.loads(script.text or ""))
        except (ValueError, RecursionError):
            continue  # a broken block says nothing
    return found


def stated_date(tree) -> StatedDate | None:
    candidates = [(name, value) for name, path in _DATE_TAGS[:1] for value in tree.xpath(path)]
    candidates += [("JSON-LD datePublished", value) for value in _json_ld_dates(tree)]
    candidates += [(name, value) for name, path in _DATE_TAGS[1:] for value in tree.xpath(path)]
    for name, value in candidates:
        if day := _iso_day(str(value)):
            return StatedDate(day, f"{name} {' '.join(str(value).split())[:80]}")
    return None


def _paragraphs(text: str, title: str | None) -> str:
    lines = [line.strip() for line in text.splitlines()]
    lines = [line for line in lines if line and not _FURNITURE.match(line)]
    if lines and title and " ".join(lines[0].split()) == " ".join(title.split()):
        lines = lines[1:]  # the headline, repeated above the text
    return "\n".join(lines)


def read_page(html: str) -> Page:
    """The article in a saved web page; `text` is empty when the page holds none."""
    try:
        tree = lxml.html.fromstring(html)
    except (etree.ParserError, ValueError):
        tree = None
    document = trafilatura.bare_extraction(
        html,
        with_metadata=True,
        include_comments=False,
        include_tables=False,
        include_images=False,
        favor_precision=True,
        # Never the article: without this a page of links alone gives its menu as the text.
        prune_xpath=["//nav", "//footer", "//aside", "//*[@role='navigation']"],
    )
    if document is None:
        return Page(None, "", None, None, stated_date(tree) if tree is not None else None)
    title = " ".join((document.title or "").split()) or None
    return Page(
        title=title,
        text=_paragraphs(document.text or "", title),
        site_name=" ".join((document.sitename or "").split()) or None,
        url=document.url or None,
        published=stated_date(tree) if tree is not None else None,
        bylines=_short_blocks(tree) if tree is not None else (),
    )
