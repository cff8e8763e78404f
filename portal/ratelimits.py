"""
Rate limits of the portal's forms, with django-ratelimit.

Each limited action is counted twice, per account (when signed in) and per
network address, so that neither many accounts on one address nor one
account on many addresses escape it. Counters live in the cache under a
hash of the key: no address is stored anywhere else.
"""

from django.shortcuts import render
from django.utils.translation import gettext as _
from django_ratelimit import ALL
from django_ratelimit.core import is_ratelimited

RATE_LIMITED_MESSAGE = _(
    "Vous avez fait cette action trop souvent en peu de temps. Merci de "
    "patienter un peu avant de recommencer."
)


def over_limit(request, group, rate):
    """Count one try of `group` and return whether a limit is passed."""
    # Behind a server REMOTE_ADDR is always set; a test client may omit it.
    keys = ["ip"] if request.META.get("REMOTE_ADDR") else []
    if request.user.is_authenticated:
        keys.append("user")
    limited = False
    for key in keys:
        limited |= is_ratelimited(
            request, group=group, key=key, rate=rate, method=ALL, increment=True
        )
    return limited


def rate_limited_response(request, template="429.html", context=None):
    """
    Refuse a request over its rate limit with a 429 page. A form refused
    this way comes back in its own `template`, `context` holding the bound
    form, so that waiting a moment and sending again loses nothing; the
    reason is the page's `error`.
    """
    context = {**(context or {}), "error": str(RATE_LIMITED_MESSAGE)}
    return render(request, template, context, status=429)
