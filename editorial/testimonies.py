"""
Testimonies proposed by members, from the form to the editors' decision.

A proposal becomes a draft `TestimonyPage` under its community, submitted to
the Wagtail workflow that applies there (on a fresh database, the
"Moderators approval" workflow that Wagtail's own migrations attach to the
root page). Editors approve or reject it in the admin like any other page;
the signal handlers in `editorial.signals` then tell the member, in French
and through the outbox, what became of their story.
"""

import logging
import re

from django.db import transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.html import escape
from django.utils.text import Truncator, slugify
from wagtail.coreutils import find_available_slug
from wagtail.users.models import UserProfile

from portal.mail import absolute_url, queue_mail
from portal.models import PortalSettings

from .models import TestimonyPage

logger = logging.getLogger(__name__)

SUMMARY_LENGTH = 300
BLANK_LINES = re.compile(r"\n\s*\n")


def story_paragraphs(story):
    """Return the story as rich text: one escaped `<p>` per paragraph."""
    paragraphs = []
    for chunk in BLANK_LINES.split(story.strip()):
        lines = [escape(line.strip()) for line in chunk.splitlines() if line.strip()]
        if lines:
            paragraphs.append("<p>" + "<br/>".join(lines) + "</p>")
    return "".join(paragraphs)


def story_summary(story):
    return Truncator(" ".join(story.split())).chars(SUMMARY_LENGTH)


def silence_admin_notifications(member):
    """
    Switch off Wagtail's own approval and rejection e-mails for a member.

    Wagtail writes to whoever started a workflow, in its admin's words and
    with a link to the editor the member cannot open; the portal sends its
    own mails instead. Staff who propose a testimony keep their settings.
    """
    if member.has_perm("wagtailadmin.access_admin"):
        return
    profile = UserProfile.get_for_user(member)
    if profile.approved_notifications or profile.rejected_notifications:
        profile.approved_notifications = False
        profile.rejected_notifications = False
        profile.save(update_fields=["approved_notifications", "rejected_notifications"])


@transaction.atomic
def submit_testimony(*, member, community, title, story):
    """
    Save a member's story as a draft under `community` and send it to review.

    Return the draft page. The member has given their consent; the caller
    has checked that they may write.
    """
    now = timezone.now()
    # Sign-up keeps pseudonyms short; a long staff username is cut.
    pseudonym_length = TestimonyPage._meta.get_field("author_pseudonym").max_length
    page = TestimonyPage(
        title=title,
        slug=find_available_slug(community, slugify(title) or "temoignage"),
        live=False,
        author_pseudonym=member.get_username()[:pseudonym_length],
        published_on=timezone.localdate(now),
        summary=story_summary(story),
        body=[("paragraph", story_paragraphs(story))],
        submitted_by=member,
        publication_consent_at=now,
    )
    community.add_child(instance=page)
    page.save_revision(user=member, log_action=True)

    silence_admin_notifications(member)
    workflow = page.get_workflow()
    if workflow is None:
        logger.warning(
            "Testimony submitted but no workflow applies, left as a draft: "
            "page_id=%s community_id=%s",
            page.pk,
            community.pk,
        )
    else:
        workflow.start(page, member)

    queue_mail(
        member.email,
        "testimony_received",
        {
            "pseudonym": member.get_username(),
            "testimony_title": page.title,
            "community_title": community.title,
        },
    )
    logger.info(
        "Testimony submitted: page_id=%s community_id=%s", page.pk, community.pk
    )
    return page


def contact_address():
    portal_settings = PortalSettings.objects.first()
    return getattr(portal_settings, "contact_email", "") or ""


def page_address(page):
    parts = page.get_url_parts()
    return absolute_url(parts[2] if parts else "/")


def tell_member_published(page):
    """Tell the member who proposed `page` that it is now online."""
    member = page.submitted_by
    if member is None or not member.is_active or not member.email:
        return
    queue_mail(
        member.email,
        "testimony_published",
        {
            "pseudonym": member.get_username(),
            "testimony_title": page.title,
            "testimony_url": page_address(page),
        },
    )
    logger.info("Testimony author told of publication: page_id=%s", page.pk)


def tell_member_rejected(page, comment=""):
    """Tell the member who proposed `page` that the editors did not keep it."""
    member = page.submitted_by
    if member is None or not member.is_active or not member.email:
        return
    queue_mail(
        member.email,
        "testimony_rejected",
        {
            "pseudonym": member.get_username(),
            "testimony_title": page.draft_title or page.title,
            "comment": comment.strip(),
            "contact_email": contact_address(),
            "submit_url": absolute_url(reverse("testimony_submit")),
        },
    )
    logger.info("Testimony author told of rejection: page_id=%s", page.pk)
