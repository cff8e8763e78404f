"""
A discussion's messages, ready to render in one pass.

xtd stores each message's place in the thread (`thread_id`, `order`,
`level`), so one query in that order gives the reading order; this module
adds what the page needs (whom a message answers, which actions the reader
may take) with plain Python, without building a tree or asking the database
again per message.
"""

from dataclasses import dataclass
from urllib.parse import quote

from django.conf import settings
from django.db.models import Q
from django.utils import timezone
from django.utils.dates import MONTHS
from django.utils.translation import gettext as _

from .models import Message, MessageStatus, within_edit_window

# The address of a member's public profile (accounts' `member_profile`),
# written out rather than reversed once per message.
PROFILE_PREFIX = "/membres/"


@dataclass
class ThreadMessage:
    pk: int
    level: int
    author: str
    author_url: str
    submitted_at: object
    submitted_iso: str
    submitted_label: str
    edited_at: object
    body_html: str
    status: str
    own: bool
    was_published: bool
    answers: "ThreadMessage | None"
    can_reply: bool
    can_change: bool
    can_report: bool

    @property
    def is_pending(self):
        return self.status == MessageStatus.PENDING

    @property
    def is_under_review(self):
        """Someone else's message back in review after an edit: text withheld."""
        return self.is_pending and not self.own

    @property
    def is_removed(self):
        return self.status == MessageStatus.REMOVED

    @property
    def is_deleted(self):
        return self.status == MessageStatus.DELETED


def visible_messages(discussion, user):
    """
    Return the messages of the thread `user` reads: every message that has
    been published, whatever became of it since (a placeholder keeps its
    place), and the reader's own messages waiting for review.
    """
    shown = Q(status=MessageStatus.PUBLISHED) | Q(published_at__isnull=False)
    if user.is_authenticated:
        shown |= Q(user_id=user.pk, status=MessageStatus.PENDING)
    return Message.objects.filter(shown, discussion=discussion)


def build_thread(discussion, user):
    """Return the discussion's visible messages in reading order."""
    rows = (
        visible_messages(discussion, user)
        .order_by("thread_id", "order")
        .values_list(
            "pk",
            "parent_id",
            "level",
            "user_id",
            "user_name",
            "submit_date",
            "edited_at",
            "body_html",
            "status",
            "published_at",
        )
    )
    max_level = settings.COMMENTS_XTD_MAX_THREAD_LEVEL
    open_for_replies = discussion.is_public and user.is_authenticated
    month_names = {number: str(name) for number, name in MONTHS.items()}
    at = str(_("à"))
    by_pk = {}
    thread = []
    for (
        pk,
        parent_id,
        level,
        user_id,
        name,
        submitted,
        edited,
        html,
        status,
        published_at,
    ) in rows:
        published = status == MessageStatus.PUBLISHED
        own = user.is_authenticated and user_id == user.pk
        # Only its author reads a message waiting for review.
        readable = published or (own and status == MessageStatus.PENDING)
        message = ThreadMessage(
            pk=pk,
            level=level,
            author=name,
            author_url=f"{PROFILE_PREFIX}{quote(name)}/" if user_id else "",
            submitted_at=submitted,
            submitted_iso=submitted.isoformat(),
            submitted_label=date_label(submitted, month_names, at),
            edited_at=edited,
            body_html=html if readable else "",
            status=status,
            own=own,
            was_published=published_at is not None,
            answers=by_pk.get(parent_id) if parent_id != pk else None,
            can_reply=open_for_replies and published and level < max_level,
            can_change=False,
            can_report=published,
        )
        if own and readable:
            message.can_change = within_edit_window(submitted)
        by_pk[pk] = message
        thread.append(message)
    return thread


def date_label(moment, month_names, at):
    """Return "3 décembre 2026 à 19:53" in the site's time zone."""
    local = timezone.localtime(moment)
    return f"{local.day} {month_names[local.month]} {local.year} {at} {local:%H:%M}"
