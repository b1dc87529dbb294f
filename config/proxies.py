"""The client's address, for the login lockout, when the site runs behind proxies.

Behind a TLS proxy every request arrives from the proxy's address (REMOTE_ADDR), so a
lockout keyed on it would let anyone lock an editor out of every address at once. Each
proxy appends the address it was reached from to X-Forwarded-For; with N proxies of ours
in front, the client's address is therefore the N-th entry from the right. Entries further
left were written by the client and are never trusted.
"""

import ipaddress

from django.conf import settings


def client_address(request) -> str | None:
    """The address the outermost of settings.TRUSTED_PROXY_COUNT proxies was reached from,
    or REMOTE_ADDR when there are no proxies (0) or the header is missing or not an
    address (a request that did not come through them)."""
    remote = request.META.get("REMOTE_ADDR")
    count = settings.TRUSTED_PROXY_COUNT
    if not count:
        return remote
    forwarded = [part.strip() for part in request.META.get("HTTP_X_FORWARDED_FOR", "").split(",")]
    if len(forwarded) < count:
        return remote
    candidate = forwarded[-count]
    try:
        return str(ipaddress.ip_address(candidate))
    except ValueError:
        return remote
