"""
Everything that changes a discussion goes through these functions: starting
one, replying, editing, deleting, reporting, following and moderating. The
HTML views and the API call them, so both apply the same rules.

Each function runs in one transaction: the message, the counters, the search
row and the queued e-mails are written together or not at all.
"""

import logging

from allauth.account.models import EmailAddress
from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.db import transaction
from django.db.models import Count, Max
from django.utils import timezone
from django.utils.translation import gettext as _
from django_comments_xtd.models import MaxThreadLevelExceededException

from . import notifications
from .models import (
    Discussion,
    Message,
    MessageStatus,
    ModerationAction,
    ModerationDecision,
    Report,
    Subscription,
)
from .moderation import hold_reason

logger = logging.getLogger(__name__)

DELETED_MEMBER_NAME = "membre supprimé"


class DiscussionError(Exception):
    """A refused action, with a message for the person who tried it."""

    def __init__(self, message, code="invalid"):
        super().__init__(message)
        self.message = message
        self.code = code


def check_can_post(user):
    if not user.is_authenticated:
        raise DiscussionError(
            _("Connectez-vous pour écrire dans les discussions."), "not_authenticated"
        )
    if not user.is_active:
        raise DiscussionError(_("Ce compte est désactivé."), "inactive")
    if (
        not user.is_staff
        and not EmailAddress.objects.filter(user=user, verified=True).exists()
    ):
        raise DiscussionError(
            _(
                "Confirmez d'abord votre adresse électronique avec le lien que "
                "nous vous avons envoyé."
            ),
            "unverified",
        )
    member = getattr(user, "member", None)
    if member is not None and member.is_blocked():
        raise DiscussionError(
            _(
                "Votre compte ne peut plus publier de message pour le moment. "
                "Écrivez à l'équipe de modération pour en savoir plus."
            ),
            "blocked",
        )


def max_level():
    return settings.COMMENTS_XTD_MAX_THREAD_LEVEL


def create_message(discussion, author, text, parent=None):
    """Save a new message; the caller holds the transaction."""
    reason = hold_reason(author, text)
    message = Message(
        discussion=discussion,
        content_type=ContentType.objects.get_for_model(Discussion),
        object_pk=str(discussion.pk),
        site_id=settings.SITE_ID,
        user=author,
        user_name=author.get_username(),
        user_email=author.email,
        comment=text,
        submit_date=timezone.now(),
        parent_id=parent.pk if parent else 0,
        status=MessageStatus.PENDING if reason else MessageStatus.PUBLISHED,
        held_because=reason,
    )
    try:
        with transaction.atomic():
            message.save()
    except MaxThreadLevelExceededException:
        raise DiscussionError(too_deep_message(), "too_deep") from None
    if message.status == MessageStatus.PENDING:
        logger.info(
            "Message held for moderation: message_id=%s discussion_id=%s",
            message.pk,
            discussion.pk,
        )
    return message


def too_deep_message():
    return _(
        "On ne peut pas répondre à ce message : la discussion s'imbrique sur "
        "%(levels)s niveaux au plus. Répondez au message au-dessus."
    ) % {"levels": max_level() + 1}


@transaction.atomic
def start_discussion(*, place, author, title, text, themes=(), follow=True):
    """Open a discussion in `place` with its first message."""
    check_can_post(author)
    discussion = Discussion.objects.create(page=place, title=title, author=author)
    if themes:
        discussion.themes.set(themes)
    message = create_message(discussion, author, text)
    if follow:
        follow_discussion(author, discussion)
    after_status_change(message)
    # Ids only: a title is the member's own words, and may tell of their health.
    logger.info(
        "Discussion started: discussion_id=%s page_id=%s message_id=%s",
        discussion.pk,
        place.pk,
        message.pk,
    )
    return discussion, message


@transaction.atomic
def post_reply(*, discussion, author, text, parent=None, follow=True):
    """Add a message to a discussion, under `parent` when it answers one."""
    check_can_post(author)
    discussion = Discussion.objects.select_for_update().get(pk=discussion.pk)
    if not discussion.is_public:
        raise DiscussionError(
            _("Cette discussion n'accepte pas de réponse pour le moment."),
            "discussion_closed",
        )
    if parent is not None:
        if parent.discussion_id != discussion.pk:
            raise DiscussionError(
                _("Ce message n'appartient pas à cette discussion."), "bad_parent"
            )
        if parent.status != MessageStatus.PUBLISHED:
            raise DiscussionError(
                _("Ce message n'est plus visible : on ne peut pas y répondre."),
                "parent_unavailable",
            )
        if parent.level >= max_level():
            raise DiscussionError(too_deep_message(), "too_deep")
    message = create_message(discussion, author, text, parent)
    if follow:
        follow_discussion(author, discussion)
    after_status_change(message)
    return message


@transaction.atomic
def edit_message(message, user, text):
    """
    Change a message's text. An edit that needs a moderator sends a published
    message back to review: it keeps its place in the thread, where others
    see a notice instead of its text until a moderator decides.
    """
    if not message.can_be_changed_by(user):
        raise DiscussionError(
            _("Ce message ne peut plus être modifié."), "edit_window_closed"
        )
    message.comment = text
    message.edited_at = timezone.now()
    reason = hold_reason(user, text, new_message=False)
    if reason and message.status == MessageStatus.PUBLISHED:
        message.status = MessageStatus.PENDING
        message.held_because = reason
    message.save()
    after_status_change(message, notify=False)
    if reason and message.status == MessageStatus.PENDING:
        logger.info(
            "Edited message held for moderation: message_id=%s discussion_id=%s",
            message.pk,
            message.discussion_id,
        )
    return message


@transaction.atomic
def delete_own_message(message, user):
    if not message.can_be_changed_by(user):
        raise DiscussionError(
            _("Ce message ne peut plus être supprimé."), "edit_window_closed"
        )
    message.status = MessageStatus.DELETED
    message.comment = ""
    message.save()
    after_status_change(message, notify=False)
    logger.info("Message deleted by its author: message_id=%s", message.pk)
    return message


@transaction.atomic
def report_message(message, reporter, reason, comment=""):
    if message.status != MessageStatus.PUBLISHED:
        raise DiscussionError(
            _("Ce message n'est plus visible : il n'est pas utile de le signaler."),
            "not_visible",
        )
    report = Report.objects.create(
        message=message,
        reporter=reporter if reporter and reporter.is_authenticated else None,
        reason=reason,
        comment=comment,
    )
    Message.objects.filter(pk=message.pk, reported_at__isnull=True).update(
        reported_at=report.created_at
    )
    logger.info("Message reported: message_id=%s reason=%s", message.pk, reason.code)
    return report


def follow_discussion(user, discussion):
    return Subscription.objects.get_or_create(user=user, discussion=discussion)[0]


def follow_page(user, page):
    return Subscription.objects.get_or_create(user=user, page=page)[0]


# Which moderation action applies to which status, and what it leads to.
TRANSITIONS = {
    ModerationAction.APPROVE: (
        {MessageStatus.PENDING},
        MessageStatus.PUBLISHED,
    ),
    ModerationAction.REJECT: ({MessageStatus.PENDING}, MessageStatus.REJECTED),
    ModerationAction.REMOVE: ({MessageStatus.PUBLISHED}, MessageStatus.REMOVED),
    ModerationAction.RESTORE: (
        {MessageStatus.REMOVED, MessageStatus.REJECTED},
        MessageStatus.PUBLISHED,
    ),
    ModerationAction.DISMISS: ({MessageStatus.PUBLISHED}, MessageStatus.PUBLISHED),
}


def allowed_actions(message):
    return [
        action
        for action, (sources, _target) in TRANSITIONS.items()
        if message.status in sources
        and (action != ModerationAction.DISMISS or message.reported_at)
    ]


@transaction.atomic
def moderate(message, moderator, action, reason, note=""):
    """
    Apply a moderator's decision to a message and keep its trace. The author
    of a rejected or removed message is told why by e-mail.
    """
    # xtd's manager joins the (nullable) user, which PostgreSQL cannot lock.
    message = (
        Message.objects.select_related(None).select_for_update().get(pk=message.pk)
    )
    if action not in ModerationAction.values:
        raise DiscussionError(_("Cette décision n'existe pas."), "bad_action")
    if not reason.charter.live:
        raise DiscussionError(
            _("Ce motif ne fait pas partie de la charte publiée."), "bad_reason"
        )
    action = ModerationAction(action)
    if action not in allowed_actions(message):
        raise DiscussionError(
            _("Cette décision ne s'applique pas à un message « %(status)s ».")
            % {"status": message.get_status_display()},
            "bad_transition",
        )

    previous = message.status
    target = TRANSITIONS[action][1]
    # Followers hear of a message once: when it is first published, not when
    # an edit held for review is approved.
    first_publication = not message.was_published
    if action == ModerationAction.REJECT and message.was_published:
        # A refused edit of a message readers have seen leaves a placeholder,
        # as a removal does: the replies to it keep their context.
        target = MessageStatus.REMOVED
    message.status = target
    if action in {ModerationAction.APPROVE, ModerationAction.RESTORE}:
        message.held_because = ""
    message.reported_at = None
    message.save()
    message.reports.filter(resolved_at__isnull=True).update(resolved_at=timezone.now())

    decision = ModerationDecision.objects.create(
        message=message,
        message_ref=message.pk,
        discussion_title=message.discussion.title[:200],
        moderator=moderator,
        moderator_name=moderator.get_username(),
        action=action,
        reason=reason,
        reason_code=reason.code,
        reason_label=reason.label,
        note=note,
        previous_status=previous,
        new_status=target,
    )
    after_status_change(message, notify=first_publication)
    if action in {ModerationAction.REJECT, ModerationAction.REMOVE}:
        notifications.tell_author_of_decision(message, decision)
    logger.info(
        "Moderation decision: action=%s message_id=%s reason=%s moderator_id=%s",
        action.value,
        message.pk,
        reason.code,
        moderator.pk,
    )
    return decision


def refresh_discussion(discussion):
    """
    Recount a discussion's replies and activity from its public messages. A
    discussion is public once its opening message has been published, and
    stays so when that message is removed, deleted or back in review: the
    replies of the others must stay readable. It is listed while its opening
    message is published or deleted by its author, whose title stays.
    """
    opening = discussion.messages.order_by("pk").values("status", "published_at")
    opening = opening.first() or {"status": None, "published_at": None}
    opening_published = opening["status"] == MessageStatus.PUBLISHED
    listed = opening["status"] in {MessageStatus.PUBLISHED, MessageStatus.DELETED}
    figures = discussion.messages.filter(status=MessageStatus.PUBLISHED).aggregate(
        published=Count("pk"), last=Max("submit_date")
    )
    Discussion.objects.filter(pk=discussion.pk).update(
        is_public=opening_published or opening["published_at"] is not None,
        is_listed=listed,
        reply_count=max(figures["published"] - opening_published, 0),
        last_activity_at=figures["last"] or discussion.created_at,
    )
    discussion.refresh_from_db(
        fields=["is_public", "is_listed", "reply_count", "last_activity_at"]
    )


def sync_discussion(discussion):
    """Bring a discussion's counters and search row in line with its messages."""
    from search.documents import record_discussion

    refresh_discussion(discussion)
    record_discussion(discussion)


def after_status_change(message, notify=True):
    sync_discussion(message.discussion)
    if notify and message.status == MessageStatus.PUBLISHED:
        notifications.announce(message)


@transaction.atomic
def forget_member(user, remove_messages):
    """
    Detach a member who deletes their account from what they wrote. Their
    messages are either removed (placeholders keep the threads readable) or
    kept under "membre supprimé"; either way no name or address remains.
    """
    messages = Message.objects.filter(user=user)
    discussion_ids = set(messages.values_list("discussion_id", flat=True))
    if remove_messages:
        for message in messages.exclude(status=MessageStatus.DELETED):
            message.status = MessageStatus.DELETED
            message.comment = ""
            message.save()
    messages.update(user=None, user_name=DELETED_MEMBER_NAME, user_email="")
    Discussion.objects.filter(author=user).update(author=None)
    Report.objects.filter(reporter=user).update(reporter=None)
    Subscription.objects.filter(user=user).delete()
    for discussion in Discussion.objects.filter(pk__in=discussion_ids):
        sync_discussion(discussion)
    return len(discussion_ids)
