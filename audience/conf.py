"""
Settings of the audience statistics, each with its default.

Override any of them in the Django settings under the same name.
"""

from django.conf import settings

DEFAULTS = {
    # Count page and discussion views at all (`make bench` compares both).
    "AUDIENCE_COUNTING": True,
    # The cache alias that holds the counters and the day's salt. A Redis
    # without eviction suits it best: an evicted counter is a lost count.
    "AUDIENCE_CACHE": "default",
    # A visitor who comes back to the same page or discussion within this many
    # seconds is not counted again.
    "AUDIENCE_RELOAD_WINDOW": 30 * 60,
    # How many days (today included) the worker looks back for counters, and
    # how long counters stay in the cache: a worker stopped for longer than
    # this loses the counts of the oldest day.
    "AUDIENCE_FLUSH_DAYS": 3,
}


def get(name):
    return getattr(settings, name, DEFAULTS[name])
