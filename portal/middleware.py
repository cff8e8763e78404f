"""
The visitor's network address behind the reverse proxy.

Rate limits (django-ratelimit and allauth) and view counting read
`REMOTE_ADDR`. Behind nginx or Caddy it is the proxy's own address, so every
visitor would share one rate limit and count as one person. With
`TRUSTED_PROXY_COUNT` proxies of ours in front, the visitor's address is the
entry of `X-Forwarded-For` that the outermost of them appended; entries
before it are whatever the client sent and are not trusted.
"""

import ipaddress

from django.conf import settings


def forwarded_address(header, proxy_count):
    """Return the client address `proxy_count` proxies report, or None."""
    entries = [entry.strip() for entry in header.split(",")]
    if proxy_count <= 0 or len(entries) < proxy_count:
        return None
    try:
        return str(ipaddress.ip_address(entries[-proxy_count]))
    except ValueError:
        return None


class ClientAddressMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response
        self.proxy_count = settings.TRUSTED_PROXY_COUNT

    def __call__(self, request):
        if self.proxy_count:
            address = forwarded_address(
                request.META.get("HTTP_X_FORWARDED_FOR", ""), self.proxy_count
            )
            if address is not None:
                request.META["REMOTE_ADDR"] = address
        return self.get_response(request)
