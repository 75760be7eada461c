"""The client's IP address, as far as the proxies we trust can vouch for it.

Each trusted proxy appends the address it received the request from to
X-Forwarded-For. With N trusted proxies, the N-th address from the right is the one
the outermost trusted proxy saw: the client. Anything further left was written by the
client itself and proves nothing.

The entry is parsed strictly: an IPv4 or IPv6 address, optionally with the port some
proxies append (`1.2.3.4:5678`, `[2001:db8::1]:443`). Anything else (`unknown`,
garbage) vouches for nothing, and the connection's peer is used instead, as when the
request did not come through every proxy; it never reaches the database as an address.
"""

from __future__ import annotations

import ipaddress

from django.conf import settings
from django.http import HttpRequest


def parse_address(text: str) -> str | None:
    """The IP address in a forwarded entry, without any port, or None if there is none."""
    text = text.strip()
    if text.startswith("["):  # [IPv6]:port
        text, closed, _port = text[1:].partition("]")
        if not closed:
            return None
    elif text.count(":") == 1:  # IPv4:port (a bare IPv6 address has several colons)
        text = text.partition(":")[0]
    try:
        return str(ipaddress.ip_address(text))
    except ValueError:
        return None


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
    return parse_address(forwarded[-count]) or peer


def client_key(address: str) -> str:
    """What a client is counted by: its IPv4 address, or the /64 network of its IPv6 one.

    One IPv6 subscriber usually holds a whole /64 and may write any address in it, so
    counting single IPv6 addresses would count nothing. The network is given by its first
    address ("2001:db8:1:2::"); an IPv4 address mapped into IPv6 counts as itself.
    """
    try:
        ip = ipaddress.ip_address(address)
    except ValueError:
        return address[:45]
    if isinstance(ip, ipaddress.IPv6Address):
        if ip.ipv4_mapped is not None:
            return str(ip.ipv4_mapped)
        return str(ipaddress.IPv6Network((ip, 64), strict=False).network_address)
    return str(ip)
