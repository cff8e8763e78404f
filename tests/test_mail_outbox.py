"""The outbox: mail is stored with what caused it and sent after the commit."""

import pytest
from django.core.mail.backends.base import BaseEmailBackend
from django.core.management import call_command
from wagtail.admin import mail as wagtail_mail

from portal.mail import queue_mail
from portal.models import OutgoingMail

pytestmark = pytest.mark.django_db

CONTEXT = {
    "pseudonym": "alice",
    "author": "bruno",
    "discussion_title": "L'école & la fatigue",
    "place_title": "Mucoviscidose",
    "message_url": "http://localhost:8000/discussions/1-x/#message-2",
    "unsubscribe_url": "http://localhost:8000/abonnements/abc/",
}


def test_a_queued_mail_is_sent_after_the_commit_and_leaves_no_row(
    django_capture_on_commit_callbacks, mailoutbox
):
    with django_capture_on_commit_callbacks(execute=True):
        queue_mail("alice@example.org", "new_reply", CONTEXT)

    [mail] = mailoutbox
    assert mail.subject == "Nouvelle réponse dans « L'école & la fatigue »"
    assert "L'école & la fatigue" in mail.body, "plain text is not HTML-escaped"
    assert not OutgoingMail.objects.exists()


def test_nothing_is_sent_before_the_transaction_commits(
    django_capture_on_commit_callbacks, mailoutbox
):
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        queue_mail("alice@example.org", "new_reply", CONTEXT)

    assert len(callbacks) == 1
    assert mailoutbox == []


def test_without_inline_sending_the_worker_sends_the_outbox(
    settings, django_capture_on_commit_callbacks, mailoutbox
):
    settings.PORTAL_MAIL_INLINE = False

    with django_capture_on_commit_callbacks(execute=True):
        queue_mail("alice@example.org", "new_reply", CONTEXT)

    assert mailoutbox == []
    assert OutgoingMail.objects.count() == 1
    call_command("mail_worker", "--once")
    assert len(mailoutbox) == 1
    assert not OutgoingMail.objects.exists()


class UnreachableMailServer(BaseEmailBackend):
    def send_messages(self, email_messages):
        raise ConnectionRefusedError("mail server down")


@pytest.fixture
def outbox_backend(settings):
    """Django's mail functions write to the outbox, as outside the tests."""
    settings.EMAIL_BACKEND = "portal.mail.OutboxBackend"
    settings.PORTAL_MAIL_TRANSPORT = "django.core.mail.backends.locmem.EmailBackend"
    return settings


def test_mail_sent_with_djangos_functions_goes_through_the_outbox(
    outbox_backend, django_capture_on_commit_callbacks, mailoutbox
):
    with django_capture_on_commit_callbacks(execute=False):
        wagtail_mail.send_mail(
            "Un témoignage attend votre relecture",
            "Bonjour,",
            ["editrice@example.org"],
            html_message="<p>Bonjour,</p>",
        )

    row = OutgoingMail.objects.get()
    assert (row.recipient, row.kind) == ("editrice@example.org", "django")
    assert row.body_html == "<p>Bonjour,</p>"
    assert row.headers["Auto-Submitted"] == "auto-generated"
    assert mailoutbox == []


def test_an_editors_notification_survives_a_mail_server_that_is_down(
    outbox_backend, django_capture_on_commit_callbacks, mailoutbox
):
    outbox_backend.PORTAL_MAIL_TRANSPORT = (
        "tests.test_mail_outbox.UnreachableMailServer"
    )

    with django_capture_on_commit_callbacks(execute=True):
        wagtail_mail.send_mail("Relecture", "Bonjour,", ["editrice@example.org"])

    assert OutgoingMail.objects.get().attempts == 1
    outbox_backend.PORTAL_MAIL_TRANSPORT = (
        "django.core.mail.backends.locmem.EmailBackend"
    )
    OutgoingMail.objects.update(retry_after=None)
    call_command("mail_worker", "--once")
    assert [mail.subject for mail in mailoutbox] == ["Relecture"]
    assert not OutgoingMail.objects.exists()
