"""What every reader of a story's page sees alike, kept in Django's cache (settings.CACHES)
until the story changes.

A reader's page of a story is the same for every reader who asks for the same filters in
the same language: its filter form, the story at a glance, the chart and the lanes (the
`top` of the page, the same on each page of claims), and the first page of claims. They are
kept under keys that hold the story's version (Story.version, which the database raises in
the transaction of any write to what the page shows: migration 0011_story_version), the
interface's language and the filters. A write is visible to the next reader at once, in
every process: the page reads the version with the story, so its key after the write is one
no one has filled yet (what was kept under the old one is left to expire).

Editors, who see drafts, are never served these and never fill them (the view asks for a
ReaderCache only for readers).
"""

import hashlib
from urllib.parse import urlencode

from django.core.cache import cache
from django.utils.translation import get_language

from timeline.filters import FILTER_FIELDS


def filter_items(query) -> list[tuple[str, str]]:
    """The filters of a tidy query (filters.tidy_query's pairs) as the page reads them: the
    last value of each, in FILTER_FIELDS order (TimelineFilterForm.query_items). Anything
    else in the address (a tracking parameter) changes nothing shown, so no key."""
    last = dict(query)
    return [(name, last[name]) for name in FILTER_FIELDS if last.get(name, "")]


def is_first_page(page_number) -> bool:
    """Whether `page_number` (as sent) asks for the first page of claims."""
    return page_number in (None, "", "1")


class ReaderCache:
    """The cached parts of one story's page for one filter set, as readers see it."""

    def __init__(self, story, query):
        filters = urlencode(filter_items(query))
        # The filters hashed: a key stays short (memcached's limit is 250 characters), and a
        # reader's text search is no part of it.
        digest = hashlib.blake2b(filters.encode(), digest_size=16).hexdigest()
        self.key = f"story-page:{story.pk}:{story.version}:{get_language()}:{digest}"

    def get(self, page_number) -> tuple[dict | None, dict | None]:
        """(the top of the page, the first page of claims), each None when not kept yet:
        one round trip to the cache. A later page of claims is never kept: its reader gets
        None for it, and the top with the turning points its list marks (`marks`, kept
        apart: the first page, drawn already, needs none of them)."""
        self.first_page = is_first_page(page_number)
        top, claims, marks = f"{self.key}:top", f"{self.key}:claims", f"{self.key}:marks"
        found = cache.get_many([top, claims] if self.first_page else [top, marks])
        if self.first_page and (top not in found or claims in found):
            return found.get(top), found.get(claims)
        if top in found and marks not in found:
            # The first page's list not kept (a later page was read first, or it went):
            # drawing it needs the marks.
            found |= cache.get_many([marks])
        if top not in found or marks not in found:
            return None, None
        return found[top] | {"marks": found[marks]}, None

    def keep(self, top: dict | None, claims: dict | None) -> None:
        """Keep `top` and `claims` (of the page get() was asked for: only the first page's
        are kept) for the readers after this one; None: nothing new to keep."""
        entries = {}
        if top is not None:
            top = dict(top)
            entries[f"{self.key}:marks"] = top.pop("marks")
            entries[f"{self.key}:top"] = top
        if claims is not None and self.first_page:
            entries[f"{self.key}:claims"] = claims
        cache.set_many(entries)
