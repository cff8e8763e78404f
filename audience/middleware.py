"""Count the views that `recorder.record` marked, once the page is delivered."""

import logging
import time
from functools import partial

from django.conf import settings
from django.core.cache.backends.locmem import LocMemCache

from . import conf, recorder

logger = logging.getLogger(__name__)

# With DEBUG and the local-memory cache, how often the web process flushes
# its own counters (see `recorder`).
DEV_FLUSH_SECONDS = 10


class AudienceMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response
        self.last_dev_flush = 0.0

    def __call__(self, request):
        response = self.get_response(request)
        hit = getattr(request, "audience_hit", None)
        if hit is None or not conf.get("AUDIENCE_COUNTING"):
            return response
        try:
            countable = recorder.is_countable(request, response)
        except Exception:
            logger.exception("Audience: could not tell whether to count a view")
            return response
        if countable:
            self.count_after_delivery(request, response, hit)
        return response

    def count_after_delivery(self, request, response, hit):
        count = partial(self.count, request, *hit)
        # Django closes a response, running these closers, once the server has
        # sent it; without them (an unusual response class) count right away.
        closers = getattr(response, "_resource_closers", None)
        if closers is None:
            count()
        else:
            closers.append(count)

    def count(self, request, kind, object_id):
        # Django silences errors raised by closers: log them here.
        try:
            recorder.count_view(request, kind, object_id)
            if settings.DEBUG and isinstance(recorder.counting_cache(), LocMemCache):
                self.flush_in_process()
        except Exception:
            logger.exception("Audience: a view could not be counted")

    def flush_in_process(self):
        if time.monotonic() - self.last_dev_flush < DEV_FLUSH_SECONDS:
            return
        self.last_dev_flush = time.monotonic()
        from .worker import flush

        flush()
