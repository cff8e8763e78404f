"""How API clients sign in: the site's session (with its CSRF token) or a token."""

from django.utils.translation import gettext_lazy as _
from rest_framework import authentication, exceptions


class CsrfFailed(exceptions.PermissionDenied):
    default_detail = _(
        "Le jeton CSRF manque ou n'est plus valable : rechargez la page et recommencez."
    )
    default_code = "csrf_failed"


class SessionAuthentication(authentication.SessionAuthentication):
    """DRF's session sign-in, with its CSRF refusal explained in French."""

    def enforce_csrf(self, request):
        try:
            super().enforce_csrf(request)
        except exceptions.PermissionDenied:
            raise CsrfFailed() from None


class TokenAuthentication(authentication.TokenAuthentication):
    """`Authorization: Token <key>`, from `POST /api/v2/token/`."""
