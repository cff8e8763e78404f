"""
Demo discussions for `seed_demo`: a few members (who cannot log in: their
passwords are unusable) talking in two communities. Idempotent: a discussion
that exists by title in its community is left alone.
"""

import json
from pathlib import Path

from allauth.account.models import EmailAddress
from django.contrib.auth import get_user_model
from django.utils import timezone

from accounts.models import Member
from pathologies.models import PathologyPage
from themes_transversal.models import ThemePage

from .. import services
from ..models import Discussion, MessageStatus

DATA = Path(__file__).with_name("discussions.json")


def demo_member(pseudonym):
    user, created = get_user_model().objects.get_or_create(
        username=pseudonym,
        defaults={"email": f"{pseudonym.lower()}@demo.invalid"},
    )
    if created:
        user.set_unusable_password()
        user.save()
        EmailAddress.objects.create(
            user=user, email=user.email, primary=True, verified=True
        )
        Member.objects.create(user=user, health_data_consent_at=timezone.now())
    return user


def publish(message):
    if message.status != MessageStatus.PUBLISHED:
        message.status = MessageStatus.PUBLISHED
        message.held_because = ""
        message.save()
    services.sync_discussion(message.discussion)


def seed_discussions():
    """Create the demo discussions; return how many were created."""
    data = json.loads(DATA.read_text(encoding="utf-8"))
    members = {name: demo_member(name) for name in data["members"]}
    created = 0
    for row in data["discussions"]:
        place = PathologyPage.objects.filter(orpha_code=row["orpha_code"]).first()
        if (
            place is None
            or Discussion.objects.filter(page=place, title=row["title"]).exists()
        ):
            continue
        opening, *replies = row["messages"]
        discussion, first = services.start_discussion(
            place=place,
            author=members[opening["author"]],
            title=row["title"],
            text=opening["text"],
            themes=ThemePage.objects.filter(slug__in=row["themes"]),
            follow=False,
        )
        publish(first)
        written = [first]
        for item in replies:
            parent = written[item["reply_to"]] if "reply_to" in item else None
            message = services.post_reply(
                discussion=discussion,
                author=members[item["author"]],
                text=item["text"],
                parent=parent,
                follow=False,
            )
            publish(message)
            written.append(message)
        created += 1
    return created
