"""
Errors of the API, in one shape whatever refused the request:

    {"error": "<code>", "message": "<French sentence>", "fields": {...}}

`fields` maps a request field to its messages when the input is at fault.
A refusal translated from English (Wagtail's, a JSON parser's) keeps the
original sentence in `detail`. The search endpoint and the addresses that
name no endpoint answer in the same shape.
"""

import logging

from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from rest_framework import exceptions, status
from rest_framework.views import exception_handler

logger = logging.getLogger(__name__)


class Refused(exceptions.APIException):
    """A refused action, with the code and French message the services gave."""

    status_code = status.HTTP_400_BAD_REQUEST
    default_detail = gettext_lazy("Cette action est refusée.")
    default_code = "invalid"

    def __init__(
        self, message, code=None, status_code=None, fields=None, original=None
    ):
        super().__init__(message, code)
        if status_code is not None:
            self.status_code = status_code
        self.fields = fields or {}
        self.original = original


class RateLimited(exceptions.APIException):
    status_code = status.HTTP_429_TOO_MANY_REQUESTS
    default_code = "rate_limited"

    def __init__(self):
        from portal.ratelimits import RATE_LIMITED_MESSAGE

        super().__init__(str(RATE_LIMITED_MESSAGE), self.default_code)


class LoginLocked(exceptions.APIException):
    """Too many failed sign-ins, on this account or from this address."""

    status_code = status.HTTP_429_TOO_MANY_REQUESTS
    default_detail = gettext_lazy(
        "Trop de tentatives de connexion ont échoué : la connexion est bloquée "
        "pour quelques minutes. Patientez, ou réinitialisez votre mot de passe."
    )
    default_code = "too_many_login_attempts"


def form_errors(form):
    """Return a form's errors as the `fields` of an error, `__all__` for the form."""
    return {
        name: [str(message) for message in messages]
        for name, messages in form.errors.items()
    }


def invalid_form(form):
    return Refused(
        _("Certains champs sont à corriger."), "invalid", fields=form_errors(form)
    )


def flatten(detail):
    """Return a validation error's detail as lists of strings per field."""
    if isinstance(detail, dict):
        return {
            str(name): [str(item) for item in messages]
            if isinstance(messages, list)
            else [str(messages)]
            for name, messages in detail.items()
        }
    return {"__all__": [str(item) for item in detail]}


def api_exception_handler(exc, context):
    if isinstance(exc, Http404):
        exc = exceptions.NotFound(_("Ce contenu n'existe pas ou n'est pas public."))
    elif isinstance(exc, PermissionDenied):
        exc = exceptions.PermissionDenied()
    response = exception_handler(exc, context)
    if response is None:
        return None

    fields = getattr(exc, "fields", {})
    original = getattr(exc, "original", None)
    if isinstance(exc, exceptions.ValidationError):
        fields = flatten(exc.detail)
        code = "invalid"
        message = _("Certains champs sont à corriger.")
    elif isinstance(exc, exceptions.ParseError):
        # DRF's parsers explain in English, with the parser's own words.
        code = "parse_error"
        message = _("Le corps de la requête est illisible (JSON ou formulaire).")
        original = str(exc.detail)
    else:
        code = exc.get_codes() if isinstance(exc.detail, str) else "invalid"
        message = str(exc.detail)
    response.data = {"error": code, "message": message, "fields": fields}
    if original:
        response.data["detail"] = original
    return response
