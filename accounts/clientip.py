"""The client's IP address, as far as the proxies we trust can vouch for it.

Each trusted proxy appends the address it received the request from to
X-Forwarded-For. With N trusted proxies, the N-th address from the right is the one
the outermost trusted proxy saw: the client. Anything further left was written by the
client itself and proves nothing.
"""

from django.conf import settings
from django.http import HttpRequest


def client_ip(request: HttpRequest) -> str:
    """The address failed logins are counted against (see AXES_CLIENT_IP_CALLABLE)."""
    peer = request.META.get("REMOTE_ADDR", "")
    count = settings.TRUSTED_PROXY_COUNT
    if count <= 0:
        return peer
    forwarded = [
        part.strip()
        for part in request.META.get("HTTP_X_FORWARDED_FOR", "").split(",")
        if part.strip()
    ]
    if len(forwarded) < count:
        # The request did not come through all our proxies; only the peer is known.
        return peer
    return forwarded[-count]
