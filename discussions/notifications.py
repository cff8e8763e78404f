"""
E-mails about discussions: new messages for those who follow, moderation
decisions for authors. Every mail goes through the outbox (`portal.mail`),
carries no message text (health matters stay on the site), and a
subscription mail has a one-click unsubscribe link that needs no login.
"""

from portal.mail import absolute_url, queue_mail
from portal.models import ModerationCharterPage, PortalSettings

from .models import Subscription


def unsubscribe_headers(subscription):
    url = absolute_url(subscription.get_unsubscribe_url())
    return {
        "List-Unsubscribe": f"<{url}>",
        "List-Unsubscribe-Post": "List-Unsubscribe=One-Click",
    }


def announce(message):
    """Tell the followers of a discussion, or of its communities, about a message."""
    discussion = message.discussion
    first = discussion.messages.order_by("pk").values_list("pk", flat=True).first()
    if first == message.pk:
        places = [discussion.page_id, *discussion.themes.values_list("pk", flat=True)]
        subscriptions = Subscription.objects.filter(page_id__in=places)
        kind = "new_discussion"
    else:
        subscriptions = Subscription.objects.filter(discussion=discussion)
        kind = "new_reply"

    seen = set()
    for subscription in subscriptions.select_related("user", "page"):
        user = subscription.user
        if user.pk == message.user_id or user.pk in seen or not user.is_active:
            continue
        seen.add(user.pk)
        context = {
            "pseudonym": user.get_username(),
            "author": message.user_name,
            "discussion_title": discussion.title,
            "place_title": discussion.page.title,
            "message_url": absolute_url(message.get_absolute_url()),
            "unsubscribe_url": absolute_url(subscription.get_unsubscribe_url()),
        }
        queue_mail(user.email, kind, context, headers=unsubscribe_headers(subscription))


def contact_address():
    settings_row = PortalSettings.objects.first()
    return getattr(settings_row, "contact_email", "") or ""


def tell_author_of_decision(message, decision):
    """Tell the author why their message was refused or removed, and how to contest."""
    if not message.user_id or not message.user_email:
        return
    charter = ModerationCharterPage.objects.live().first()
    context = {
        "pseudonym": message.user_name,
        "discussion_title": message.discussion.title,
        "discussion_url": absolute_url(message.discussion.get_absolute_url()),
        "removed": decision.action == decision.Action.REMOVE,
        "reason_label": decision.reason_label,
        "reason_explanation": decision.reason.explanation if decision.reason else "",
        "charter_url": absolute_url(charter.url) if charter else "",
        "contact_email": contact_address(),
        "decision_ref": f"M-{decision.pk}",
    }
    queue_mail(message.user_email, "moderation_decision", context)
