"""
Which new messages wait for a moderator before they are published.

A message waits when its author is new (their first
`DISCUSSIONS_HELD_FIRST_MESSAGES` messages), when it has many links, or when
it contains a watched word. Staff and moderators are never held.
"""

import re
import unicodedata

from django.utils.translation import gettext as _

from . import conf
from .markup import count_links
from .models import Message, MessageStatus, WatchedWord


def fold(text):
    decomposed = unicodedata.normalize("NFKD", text.casefold())
    return "".join(char for char in decomposed if not unicodedata.combining(char))


def watched_words():
    words = list(WatchedWord.objects.values_list("word", flat=True))
    words += conf.get("DISCUSSIONS_WATCHED_WORDS")
    return {fold(word) for word in words if word.strip()}


def contains_watched_word(text):
    folded = fold(text)
    return any(
        re.search(rf"(?<!\w){re.escape(word)}(?!\w)", folded)
        for word in watched_words()
    )


def hold_reason(user, text, new_message=True):
    """
    Return why a message by `user` must wait, or "" to publish it now. An
    edited message (`new_message=False`) is checked for links and words only.
    """
    if user.is_staff:
        return ""

    held_first = conf.get("DISCUSSIONS_HELD_FIRST_MESSAGES")
    if new_message and held_first:
        published = Message.objects.filter(
            user=user, status=MessageStatus.PUBLISHED
        ).count()
        if published < held_first:
            return _("premiers messages d'un nouveau membre")

    if count_links(text) >= conf.get("DISCUSSIONS_LINKS_BEFORE_REVIEW"):
        return _("nombreux liens")

    if contains_watched_word(text):
        return _("mot surveillé")
    return ""
