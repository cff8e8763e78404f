"""How django-allauth sends mail and validates pseudonyms on this portal."""

from allauth.account.adapter import DefaultAccountAdapter
from django.template.loader import render_to_string

from portal.mail import queue_rendered_mail


class MemberAccountAdapter(DefaultAccountAdapter):
    def send_mail(self, template_prefix, email, context):
        """Queue allauth's mails in the outbox instead of sending them inline."""
        message = self.render_mail(template_prefix, email, context)
        html = ""
        for content, mimetype in getattr(message, "alternatives", []):
            if mimetype == "text/html":
                html = content
        queue_rendered_mail(
            email,
            template_prefix.rsplit("/", 1)[-1],
            message.subject,
            message.body,
            html,
        )
