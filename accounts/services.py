"""
What the portal holds about one member, to hand it over (`member_data`) or
to erase it (`delete_account`).
"""

import logging

from allauth.account.models import EmailAddress
from django.db import transaction

from discussions.models import Discussion, Message, Report, Subscription
from discussions.services import forget_member
from portal.models import OutgoingMail

logger = logging.getLogger(__name__)


def member_data(user):
    """
    Return everything stored about `user` as plain data, for the export a
    member downloads from "Mes données".
    """
    member = getattr(user, "member", None)
    return {
        "account": {
            "pseudonym": user.get_username(),
            "email": user.email,
            "date_joined": user.date_joined,
            "last_login": user.last_login,
            "health_data_consent_at": member.health_data_consent_at if member else None,
            "posting_blocked_until": member.posting_blocked_until if member else None,
        },
        "email_addresses": [
            {
                "email": address.email,
                "verified": address.verified,
                "primary": address.primary,
            }
            for address in EmailAddress.objects.filter(user=user).order_by("pk")
        ],
        "messages": [
            {
                "id": message.pk,
                "discussion_id": message.discussion_id,
                "discussion_title": message.discussion.title,
                "text": message.comment,
                "status": message.status,
                "submitted_at": message.submit_date,
                "edited_at": message.edited_at,
            }
            for message in Message.objects.filter(user=user)
            .select_related("discussion")
            .order_by("submit_date", "pk")
        ],
        "discussions_started": [
            {
                "id": discussion.pk,
                "title": discussion.title,
                "place": discussion.page.title,
                "created_at": discussion.created_at,
            }
            for discussion in Discussion.objects.filter(author=user)
            .select_related("page")
            .order_by("created_at", "pk")
        ],
        "subscriptions": [
            subscription_data(subscription)
            for subscription in Subscription.objects.filter(user=user)
            .select_related("page", "discussion")
            .order_by("created_at", "pk")
        ],
        "reports": [
            {
                "message_id": report.message_id,
                "reason": report.reason.code,
                "comment": report.comment,
                "created_at": report.created_at,
            }
            for report in Report.objects.filter(reporter=user)
            .select_related("reason")
            .order_by("created_at", "pk")
        ],
        "testimonies": testimonies_data(user),
    }


def subscription_data(subscription):
    if subscription.discussion_id:
        followed = {
            "discussion_id": subscription.discussion_id,
            "title": subscription.discussion.title,
        }
    else:
        followed = {"page_id": subscription.page_id, "title": subscription.page.title}
    return {**followed, "created_at": subscription.created_at}


def testimonies_data(user):
    """The testimonies `user` proposed with the public form, draft or published."""
    return [
        {
            "id": testimony.pk,
            "title": testimony.title,
            "author_pseudonym": testimony.author_pseudonym,
            "summary": testimony.summary,
            "body": list(testimony.body.raw_data),
            "published": testimony.live,
            "publication_consent_at": testimony.publication_consent_at,
        }
        for testimony in user.submitted_testimonies.order_by("pk")
    ]


@transaction.atomic
def delete_account(user, remove_messages):
    """
    Delete a member's account. Their messages are detached first (removed,
    or kept under "membre supprimé"), and mail still waiting for their
    addresses in the outbox goes with the account.
    """
    addresses = set(
        EmailAddress.objects.filter(user=user).values_list("email", flat=True)
    )
    addresses.add(user.email)
    user_id = user.pk

    forget_member(user, remove_messages=remove_messages)
    OutgoingMail.objects.filter(recipient__in=addresses - {""}).delete()
    user.delete()

    logger.info("Account deleted: user_id=%s", user_id)
