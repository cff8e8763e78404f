"""
What the portal keeps about a member beyond Django's user.

The user's `username` is the member's public pseudonym and their e-mail
address is never shown. `Member` records the consent to the processing of
health-related data given at sign-up and whether the member may post.
"""

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class Member(models.Model):
    user = models.OneToOneField(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="member",
        verbose_name=_("utilisateur"),
    )
    health_data_consent_at = models.DateTimeField(
        _("consentement aux données de santé"), null=True, blank=True
    )
    posting_blocked_until = models.DateTimeField(
        _("publication bloquée jusqu'au"),
        null=True,
        blank=True,
        help_text=_("Un membre bloqué lit tout mais ne peut plus écrire."),
    )

    class Meta:
        verbose_name = _("membre")
        verbose_name_plural = _("membres")

    def __str__(self):
        return self.user.get_username()

    def is_blocked(self, now=None):
        now = now or timezone.now()
        return bool(self.posting_blocked_until and self.posting_blocked_until > now)
