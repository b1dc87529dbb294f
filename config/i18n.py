"""The site's languages beyond Django's own machinery: what must not follow the reader's."""

from functools import wraps

from django.utils import translation


def language_neutral(view):
    """A view whose output is data, not interface (the exports): the same bytes whatever
    language the reader reads the site in, with the code's own words (no language active:
    dates as articles.formats writes them then, "week of 21 Apr 2025", numbers 10,000, kinds
    "troop count"). A streamed response writes its rows after the view has returned, so its
    content is made with no language active too."""

    @wraps(view)
    def wrapped(request, *args, **kwargs):
        with translation.override(None):
            response = view(request, *args, **kwargs)
        if response.streaming:
            response.streaming_content = _without_language(response.streaming_content)
        return response

    return wrapped


def _without_language(chunks):
    with translation.override(None):
        yield from chunks
