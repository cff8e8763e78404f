"""How django-allauth sends mail and validates pseudonyms on this portal."""

from allauth.account.adapter import DefaultAccountAdapter
from allauth.core import context as allauth_context
from django.contrib.sites.shortcuts import get_current_site
from django.utils.translation import gettext_lazy as _

from portal.mail import queue_rendered_mail


class MemberAccountAdapter(DefaultAccountAdapter):
    # allauth speaks of a "username"; members know it as their pseudonym.
    error_messages = {
        **DefaultAccountAdapter.error_messages,
        "username_blacklisted": _(
            "Ce pseudonyme est réservé à l'équipe du portail. Choisissez-en un autre."
        ),
        "username_taken": _(
            "Ce pseudonyme est déjà pris (les majuscules ne comptent pas). "
            "Choisissez-en un autre."
        ),
    }

    def send_mail(self, template_prefix, email, context):
        """Queue allauth's mails in the outbox instead of sending them inline."""
        # The context allauth's own send_mail gives its templates.
        request = allauth_context.request
        context = {
            "request": request,
            "email": email,
            "current_site": get_current_site(request),
            **context,
        }
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
