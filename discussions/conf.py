"""
Settings of the discussions, each with its default.

Override any of them in the Django settings under the same name.
"""

from django.conf import settings

DEFAULTS = {
    # Discussions per page on a community page.
    "DISCUSSIONS_PER_PAGE": 20,
    # Longest title and message, in characters.
    "DISCUSSIONS_TITLE_MAX_LENGTH": 150,
    "DISCUSSIONS_MESSAGE_MAX_LENGTH": 5000,
    # How many of a new member's messages wait for a moderator before the
    # member's messages are published straight away.
    "DISCUSSIONS_HELD_FIRST_MESSAGES": 2,
    # A message with at least this many links waits for a moderator.
    "DISCUSSIONS_LINKS_BEFORE_REVIEW": 3,
    # Words that send a message to the moderators (besides the watched words
    # staff keep in the admin). Matched without case or accents.
    "DISCUSSIONS_WATCHED_WORDS": [],
    # How long an author may edit or delete their message, in minutes.
    "DISCUSSIONS_EDIT_WINDOW_MINUTES": 30,
    # Rate limits (django-ratelimit syntax), per account and per address.
    "DISCUSSIONS_POST_RATE": "20/h",
    "DISCUSSIONS_REPORT_RATE": "10/h",
    "DISCUSSIONS_FOLLOW_RATE": "60/h",
    "DISCUSSIONS_TESTIMONY_RATE": "5/d",
}


def get(name):
    return getattr(settings, name, DEFAULTS[name])
