"""Site-wide response rules: a 503 while the database is away, and no shared caching of
what a signed-in user sees."""

import logging
import sys
import threading
import time

from django.db import InterfaceError, OperationalError
from django.http import HttpResponse
from django.template import loader
from django.utils.cache import patch_cache_control, patch_vary_headers
from django.views import defaults

logger = logging.getLogger("config.database")

# The errors of a database that is down, restarting, unreachable or stuck past the
# statement timeout (psycopg's QueryCanceled is an OperationalError). A programming error
# (a bad query) is not among them: that stays a 500.
UNAVAILABLE = (OperationalError, InterfaceError)
RETRY_AFTER = 30  # seconds: about as long as a database restart or failover takes
LOG_EVERY = 60  # seconds: while the outage lasts, one line a minute per process


class _OutageLog:
    """One log line when the database goes away, then at most one a minute with how many
    requests were answered 503 since: an outage at 100 requests a second is a few lines,
    not thousands of tracebacks."""

    def __init__(self, clock=time.monotonic):
        self._clock = clock
        self._lock = threading.Lock()
        self._last = None  # the clock's time of the last line
        self._unlogged = 0

    def failed(self, error: Exception) -> None:
        with self._lock:
            now = self._clock()
            if self._last is not None and now - self._last < LOG_EVERY:
                self._unlogged += 1
                return
            since, self._unlogged, self._last = self._unlogged, 0, now
        more = f" ({since} more requests answered 503 in the last minute)" if since else ""
        logger.error(
            "Database unavailable, answering 503: %s: %s%s",
            type(error).__name__,
            str(error).strip().splitlines()[0] if str(error).strip() else "",
            more,
        )


outage_log = _OutageLog()


def unavailable_response(error: Exception) -> HttpResponse:
    """The 503 page: a static template rendered without the request, so that no context
    processor (who is signed in, their role) reaches for the database that just failed."""
    outage_log.failed(error)
    response = HttpResponse(
        loader.get_template("503.html").render({"retry_after": RETRY_AFTER}),
        status=503,
    )
    response["Retry-After"] = str(RETRY_AFTER)
    patch_cache_control(response, no_store=True)
    response._has_been_logged = True  # logged above, once: not again per request by Django
    return response


class DatabaseUnavailableMiddleware:
    """A database error in a view (or in rendering its template) becomes the 503 page.

    Errors raised inside other middleware (a session read or save) never reach a
    middleware: Django turns them into a 500 first, and `server_error` below, the 500
    handler, answers those with the same page."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return self.get_response(request)

    def process_exception(self, request, exception):
        if isinstance(exception, UNAVAILABLE):
            return unavailable_response(exception)
        return None


def server_error(request, template_name=defaults.ERROR_500_TEMPLATE_NAME):
    """handler500: the 503 page when the error being handled is the database's."""
    error = sys.exc_info()[1]
    if isinstance(error, UNAVAILABLE):
        return unavailable_response(error)
    return defaults.server_error(request, template_name)


class PrivateWhenSignedInMiddleware:
    """A page for a signed-in user shows their name, and an editor's pages and exports show
    drafts: `Cache-Control: private` keeps them out of shared caches (a proxy, a CDN), and
    `Vary: Cookie` out of a cache that serves one user's page to another. Readers' pages
    (no one signed in) carry no Cache-Control: the same for everyone."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        user = getattr(request, "user", None)
        if response.status_code < 500 and user is not None and user.is_authenticated:
            patch_cache_control(response, private=True)
            patch_vary_headers(response, ["Cookie"])
        return response
