"""
Counting views without cookies and without personal data.

What is counted
    A GET of a Wagtail page or of a public discussion answered with a 200
    HTML page. Robots (a User-Agent that names itself as one, or none at
    all), HEAD requests and prefetches (`Sec-Purpose`/`Purpose: prefetch`)
    are left out, and so is a visitor's return to the same page or discussion
    within `AUDIENCE_RELOAD_WINDOW` (30 minutes).

Who is a visitor
    An HMAC of the address and the User-Agent keyed with a random salt of the
    day. The salt is made by the first view of the day and lives only in the
    cache, expiring at midnight; it is never written to the database nor
    logged. Once it is gone, the day's hashes cannot be recomputed, nor
    linked to the next day's. Hashes themselves only appear in cache keys
    that expire the same day at the latest.

    So a visitor is known for one day only: "visitors" of a month or a year
    are the sum of the daily figures (someone who comes on three days counts
    three times), which is what the dashboard says beside them.

Where counts go
    Nothing is written to the database while serving a page. The middleware
    calls `count_view` once the response is handed to the server (Django runs
    a response's closers after sending it), and `count_view` only touches the
    cache (`AUDIENCE_CACHE`), with atomic operations:

    - `audience:seen:<hash>:<kind>:<id>`, added with the reload window as
      timeout: when it already exists, the view is a reload;
    - `audience:views:<day>:<kind>:<id>`, incremented per counted view;
    - `audience:visitor:<day>:<hash>`, added until midnight: when it is new,
      `audience:visitors:<day>` is incremented;
    - `audience:journal:<day>` and `audience:journal:<day>:<n>`, the list of
      the day's counters, since a cache cannot list its keys.

    `manage.py audience_worker` moves the counters into the database
    (`worker.py`). Any failure of the cache is logged as a warning and the
    view is not counted: counting never fails a page.

With the local-memory cache (`make run`) every process has its own
counters, which the worker, another process, cannot see; with DEBUG on, the
web process therefore flushes its own counters every few seconds. Any real
deployment counts in Redis (`REDIS_URL`).
"""

import datetime
import hashlib
import hmac
import logging
import re
import secrets

from django.core.cache import caches
from django.utils import timezone

from . import conf

logger = logging.getLogger(__name__)

ROBOT_AGENT = re.compile(
    r"bot|crawl|spider|slurp|curl|wget|python-requests|python-urllib|httpx|"
    r"aiohttp|go-http-client|okhttp|java/|libwww|scrapy|headless|lighthouse|"
    r"pingdom|uptime|monitor|facebookexternalhit|preview",
    re.IGNORECASE,
)
PREFETCH_HEADERS = ("HTTP_SEC_PURPOSE", "HTTP_PURPOSE", "HTTP_X_PURPOSE", "HTTP_X_MOZ")


def counting_cache():
    return caches[conf.get("AUDIENCE_CACHE")]


def record(request, kind, object_id):
    """
    Mark `request` as a view of the object; the middleware counts it once the
    response is known to be a page actually shown.
    """
    if conf.get("AUDIENCE_COUNTING"):
        request.audience_hit = (kind, int(object_id))


def is_robot(request):
    if request.method != "GET":
        return True
    agent = request.META.get("HTTP_USER_AGENT", "")
    if not agent or ROBOT_AGENT.search(agent):
        return True
    return any(
        "prefetch" in request.META.get(header, "").lower()
        or "preview" in request.META.get(header, "").lower()
        for header in PREFETCH_HEADERS
    )


def is_countable(request, response):
    """Whether `response` shows a page to a person (not a robot, not a redirect)."""
    return (
        response.status_code == 200
        and not response.streaming
        and response.get("Content-Type", "").startswith("text/html")
        and not is_robot(request)
    )


def seconds_until_midnight(now):
    local = timezone.localtime(now)
    midnight = datetime.datetime.combine(
        local.date() + datetime.timedelta(days=1), datetime.time.min, local.tzinfo
    )
    return max(1, int((midnight - local).total_seconds()))


def counter_timeout():
    return conf.get("AUDIENCE_FLUSH_DAYS") * 24 * 60 * 60


def salt_key(day):
    return f"audience:salt:{day.isoformat()}"


def views_key(day, kind, object_id):
    return f"audience:views:{day.isoformat()}:{kind}:{object_id}"


def visitors_key(day):
    return f"audience:visitors:{day.isoformat()}"


def journal_key(day):
    return f"audience:journal:{day.isoformat()}"


def slot_key(day, number):
    return f"audience:journal:{day.isoformat()}:{number}"


def day_salt(cache, day, until_midnight):
    salt = cache.get(salt_key(day))
    if salt is None:
        cache.add(salt_key(day), secrets.token_hex(32), until_midnight)
        salt = cache.get(salt_key(day))
    return salt


def visitor_hash(salt, request):
    """Return the visitor's identity for the day, which nothing can reverse."""
    address = request.META.get("REMOTE_ADDR", "")
    agent = request.META.get("HTTP_USER_AGENT", "")
    signature = f"{address}\n{agent}".encode()
    return hmac.new(salt.encode(), signature, hashlib.sha256).hexdigest()[:32]


def increment(cache, key, timeout):
    """Add one to the counter at `key`, creating it with `timeout` if need be."""
    try:
        return cache.incr(key)
    except ValueError:
        cache.add(key, 0, timeout)
        return cache.incr(key)


def increment_views(cache, day, kind, object_id):
    key = views_key(day, kind, object_id)
    try:
        cache.incr(key)
        return
    except ValueError:
        pass
    # The day's first view of this object: list its counter in the journal
    # before creating it, so that the worker finds every counter. Two first
    # views at once list it twice, which the worker ignores.
    timeout = counter_timeout()
    slot = increment(cache, journal_key(day), timeout)
    cache.set(slot_key(day, slot), f"{kind}:{object_id}", timeout)
    increment(cache, key, timeout)


def count_view(request, kind, object_id, now=None):
    """Count one view in the cache; return whether it was counted."""
    now = now or timezone.now()
    day = timezone.localdate(now)
    until_midnight = seconds_until_midnight(now)
    try:
        cache = counting_cache()
        salt = day_salt(cache, day, until_midnight)
        if salt is None:
            logger.warning("Audience: the cache keeps no salt, view not counted")
            return False
        visitor = visitor_hash(salt, request)
        seen = f"audience:seen:{visitor}:{kind}:{object_id}"
        if not cache.add(seen, 1, conf.get("AUDIENCE_RELOAD_WINDOW")):
            return False

        increment_views(cache, day, kind, object_id)
        first_today = f"audience:visitor:{day.isoformat()}:{visitor}"
        if cache.add(first_today, 1, until_midnight):
            increment(cache, visitors_key(day), counter_timeout())
    except Exception as error:
        # Whatever the cache raises (Redis down, a full locmem): the page has
        # been served, only this view goes uncounted. The error's text is left
        # out of the log, as it may quote a key, and keys hold visitor hashes.
        logger.warning(
            "Audience: cache unavailable, view not counted (%s)",
            type(error).__name__,
        )
        return False
    return True
