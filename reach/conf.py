"""
Settings of the reach app, each with its default beside it.

REACH_DEFAULT_DESCRIPTION
    The meta description of a page that has no summary or introduction of
    its own.
REACH_FEED_LENGTH
    How many items a feed lists.
"""

from django.conf import settings
from django.utils.translation import gettext_lazy as _

DEFAULTS = {
    "REACH_DEFAULT_DESCRIPTION": _(
        "Communautés de patients et de proches touchés par une maladie rare : "
        "discussions, témoignages et actualités."
    ),
    "REACH_FEED_LENGTH": 20,
}


def get(name):
    return getattr(settings, name, DEFAULTS[name])
