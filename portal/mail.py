"""
The outbox: every e-mail the portal sends goes through `queue_mail`.

`queue_mail` renders the message and stores it in the caller's transaction;
once that transaction commits, a task tries to send it (unless
`PORTAL_MAIL_INLINE` is off, in production, where `manage.py mail_worker`
sends everything). A failure is logged and leaves the row for the worker,
which retries with a growing delay. Nothing here logs an address or a text:
only the template name and the row's id.

Mail that other code sends with Django's own functions (Wagtail's workflow
notifications to editors, for one) reaches the same outbox: Django's
`EMAIL_BACKEND` is `OutboxBackend`, and the backend that really talks to the
mail server is `PORTAL_MAIL_TRANSPORT`.
"""

import logging
from datetime import timedelta

from django.conf import settings
from django.core.mail import EmailMultiAlternatives, get_connection
from django.core.mail.backends.base import BaseEmailBackend
from django.db import transaction
from django.db.models import Q
from django.template import TemplateDoesNotExist
from django.template.loader import render_to_string
from django.utils import timezone
from django_tasks import task

from .models import OutgoingMail

logger = logging.getLogger(__name__)

MAX_RETRY_DELAY = timedelta(hours=1)
OUTBOX_BACKEND = "portal.mail.OutboxBackend"


def queue_mail(recipient, kind, context, headers=None):
    """
    Render `mail/<kind>_subject.txt`, `mail/<kind>.txt` and, when it exists,
    `mail/<kind>.html`, and queue the result for `recipient`.
    """
    subject = render_to_string(f"mail/{kind}_subject.txt", context)
    subject = " ".join(subject.split())
    body_text = render_to_string(f"mail/{kind}.txt", context)
    try:
        body_html = render_to_string(f"mail/{kind}.html", context)
    except TemplateDoesNotExist:
        body_html = ""
    return queue_rendered_mail(
        recipient, kind, subject, body_text, body_html, headers=headers
    )


def queue_rendered_mail(
    recipient, kind, subject, body_text, body_html="", headers=None
):
    mail = OutgoingMail.objects.create(
        recipient=recipient,
        kind=kind,
        subject=subject[:255],
        body_text=body_text,
        body_html=body_html,
        headers=headers or {},
    )
    if settings.PORTAL_MAIL_INLINE:
        transaction.on_commit(lambda: deliver_mail.enqueue(mail.pk))
    return mail


class OutboxBackend(BaseEmailBackend):
    """
    Django's mail backend for the portal: queue each recipient's copy of a
    message in the outbox instead of sending it now.
    """

    def send_messages(self, email_messages):
        queued = 0
        for message in email_messages:
            html = next(
                (
                    content
                    for content, mimetype in getattr(message, "alternatives", [])
                    if mimetype == "text/html"
                ),
                "",
            )
            for recipient in message.recipients():
                queue_rendered_mail(
                    recipient,
                    "django",
                    message.subject,
                    message.body,
                    html,
                    headers=dict(message.extra_headers),
                )
            queued += 1
        return queued


def transport():
    """Return a connection to the mail server (or what stands for it)."""
    backend = settings.EMAIL_BACKEND
    if backend == OUTBOX_BACKEND:
        backend = settings.PORTAL_MAIL_TRANSPORT
    return get_connection(backend, fail_silently=False)


def send_outgoing_mail(mail):
    """Send one outbox row; delete it when sent, note the failure otherwise."""
    message = EmailMultiAlternatives(
        subject=mail.subject,
        body=mail.body_text,
        from_email=settings.DEFAULT_FROM_EMAIL,
        to=[mail.recipient],
        headers=mail.headers,
        connection=transport(),
    )
    if mail.body_html:
        message.attach_alternative(mail.body_html, "text/html")
    try:
        message.send(fail_silently=False)
    except Exception as error:
        mail.attempts += 1
        delay = min(timedelta(minutes=2**mail.attempts), MAX_RETRY_DELAY)
        mail.retry_after = timezone.now() + delay
        mail.last_error = type(error).__name__[:200]
        mail.save(update_fields=["attempts", "retry_after", "last_error"])
        logger.warning(
            "Mail not sent: kind=%s id=%s attempt=%s error=%s",
            mail.kind,
            mail.pk,
            mail.attempts,
            mail.last_error,
        )
        return False
    logger.info("Mail sent: kind=%s id=%s", mail.kind, mail.pk)
    mail.delete()
    return True


@task()
def deliver_mail(mail_id):
    mail = OutgoingMail.objects.filter(pk=mail_id).first()
    if mail is not None:
        send_outgoing_mail(mail)


def due_mail(now=None):
    now = now or timezone.now()
    return OutgoingMail.objects.filter(
        Q(retry_after__isnull=True) | Q(retry_after__lte=now)
    )


def deliver_due_mail(limit=100):
    """Try every mail that is due; return (sent, failed)."""
    sent = failed = 0
    for mail in due_mail()[:limit]:
        if send_outgoing_mail(mail):
            sent += 1
        else:
            failed += 1
    return sent, failed


def absolute_url(path):
    """Return the address of `path` on the public site, for e-mails."""
    return settings.WAGTAILADMIN_BASE_URL.rstrip("/") + path
