"""The client's address, as the trusted reverse proxies saw it.

Every proxy in front of the portal appends the address it received the request from to
X-Forwarded-For (nginx: ``$proxy_add_x_forwarded_for``); whatever stands to the left of those
entries came from the client and can say anything. With ``TRUSTED_PROXY_COUNT = n`` the client
is therefore the n-th entry from the right, and only that one; with ``0`` (no proxy) the header
is ignored and the client is ``REMOTE_ADDR``.

The header is split on commas and nothing else: no quoting, no dropping of malformed entries,
which would shift the positions and let a client choose the address it is counted under.
"""

from __future__ import annotations

import ipaddress

from django.conf import settings
from django.http import HttpRequest


def client_ip(request: HttpRequest) -> str | None:
    """The address login lockouts and throttles count under (``AXES_CLIENT_IP_CALLABLE``)."""
    remote = request.META.get("REMOTE_ADDR")
    proxies = settings.TRUSTED_PROXY_COUNT
    forwarded = request.META.get("HTTP_X_FORWARDED_FOR", "")
    if proxies <= 0 or not forwarded.strip():
        return normalized(remote) or remote
    entries = forwarded.split(",")
    # With fewer entries than proxies the request skipped the outer ones: every entry present
    # was still written by a trusted proxy, and the leftmost is the furthest hop known.
    trusted = entries[-min(proxies, len(entries))]
    return normalized(trusted) or normalized(remote) or remote


def normalized(value: str | None) -> str | None:
    """``value`` as a canonical address (a port dropped, IPv4-mapped IPv6 as IPv4), or None."""
    if not value:
        return None
    text = value.strip()
    if text.startswith("["):  # [IPv6]:port
        text = text[1:].partition("]")[0]
    elif text.count(":") == 1:  # IPv4:port
        text = text.partition(":")[0]
    try:
        address = ipaddress.ip_address(text)
    except ValueError:
        return None
    if isinstance(address, ipaddress.IPv6Address) and address.ipv4_mapped:
        address = address.ipv4_mapped
    return str(address)
