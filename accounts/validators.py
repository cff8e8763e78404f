"""
What a pseudonym may look like.

The username is shown beside every message a member writes, so it has to
read as a nickname: short, made of letters, digits and a few separators,
and never an e-mail address. allauth runs `pseudonym_validators` in turn at
sign-up (`ACCOUNT_USERNAME_VALIDATORS`) and reports the first failure.
"""

from django.core.exceptions import ValidationError
from django.core.validators import (
    MaxLengthValidator,
    MinLengthValidator,
    RegexValidator,
)
from django.utils.translation import gettext_lazy as _

PSEUDONYM_MIN_LENGTH = 3
PSEUDONYM_MAX_LENGTH = 30


def reject_email_address(value):
    if "@" in value:
        raise ValidationError(
            _(
                "Un pseudonyme ne peut pas contenir « @ » : n'y mettez jamais "
                "votre adresse électronique."
            ),
            code="pseudonym_email",
        )


pseudonym_validators = [
    MinLengthValidator(
        PSEUDONYM_MIN_LENGTH,
        message=_("Votre pseudonyme doit compter au moins %(limit_value)d caractères."),
    ),
    MaxLengthValidator(
        PSEUDONYM_MAX_LENGTH,
        message=_("Votre pseudonyme doit compter au plus %(limit_value)d caractères."),
    ),
    reject_email_address,
    # Python's \w is Unicode-aware: accented letters pass, as do digits and
    # "_"; spaces, markup and punctuation other than "-" and "." do not.
    RegexValidator(
        r"^[\w.-]+\Z",
        message=_(
            "Votre pseudonyme ne peut contenir que des lettres (accentuées ou "
            "non), des chiffres et les signes « - », « _ » et « . », sans "
            "espace."
        ),
        code="pseudonym_characters",
    ),
]
