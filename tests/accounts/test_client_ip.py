"""The address a login is counted under: the client's, as the trusted proxies saw it."""

from __future__ import annotations

import pytest
from django.test import RequestFactory, override_settings

from accounts.client_ip import client_ip

NGINX = "127.0.0.1"
ALICE = "203.0.113.10"  # a commune office
VICTIM = "198.51.100.99"  # an address an attacker would like to have locked out

CASES = [
    # (trusted proxies, REMOTE_ADDR, X-Forwarded-For as it reaches the portal, counted address)
    pytest.param(0, ALICE, None, ALICE, id="no proxy: the connection's address"),
    pytest.param(0, NGINX, ALICE, NGINX, id="no trusted proxy: the header is ignored"),
    pytest.param(1, NGINX, ALICE, ALICE, id="behind nginx: the entry nginx appended"),
    pytest.param(
        1, NGINX, f"{VICTIM}, {ALICE}", ALICE, id="behind nginx: a client-sent entry is ignored"
    ),
    pytest.param(
        1, NGINX, f'{VICTIM}, ", {ALICE}', ALICE, id="an unclosed quote cannot swallow the real one"
    ),
    pytest.param(1, NGINX, f"garbage,, {ALICE}", ALICE, id="junk to the left shifts nothing"),
    pytest.param(1, NGINX, None, NGINX, id="not through the proxy: the connection's address"),
    pytest.param(1, NGINX, "unknown", NGINX, id="a proxy entry that is no address"),
    pytest.param(
        2, "10.0.0.2", f"{VICTIM}, {ALICE}, 10.0.0.1", ALICE, id="two proxies: second from right"
    ),
    pytest.param(2, "10.0.0.2", ALICE, ALICE, id="two proxies, outer one skipped"),
    pytest.param(1, NGINX, f"::ffff:{ALICE}", ALICE, id="IPv4-mapped IPv6 counts as the IPv4"),
    pytest.param(1, NGINX, "2001:DB8::1", "2001:db8::1", id="IPv6, canonical form"),
    pytest.param(1, NGINX, "[2001:db8::1]:4711", "2001:db8::1", id="IPv6 with a port"),
    pytest.param(1, NGINX, f"{ALICE}:4711", ALICE, id="IPv4 with a port"),
]


@pytest.mark.parametrize(("proxies", "remote", "forwarded", "expected"), CASES)
def test_the_counted_address_is_the_one_the_trusted_proxies_saw(
    proxies, remote, forwarded, expected
):
    meta = {"REMOTE_ADDR": remote}
    if forwarded is not None:
        meta["HTTP_X_FORWARDED_FOR"] = forwarded
    request = RequestFactory().post("/accounts/login/", **meta)
    with override_settings(TRUSTED_PROXY_COUNT=proxies):
        assert client_ip(request) == expected
