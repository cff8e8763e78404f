import re

from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

ORPHA_CODE_PATTERN = re.compile(r"^[1-9][0-9]{0,6}$")
ORPHA_PREFIX_PATTERN = re.compile(r"^\s*orpha\s*[:#]?\s*", re.IGNORECASE)


def normalize_orpha_code(value):
    """Return the bare number of an ORPHA code typed as `ORPHA:558` or `558`."""
    return ORPHA_PREFIX_PATTERN.sub("", str(value or "")).strip()


def validate_orpha_code(value):
    if not ORPHA_CODE_PATTERN.match(str(value)):
        raise ValidationError(
            _(
                "« %(value)s » n'est pas un code ORPHA valide : saisissez le "
                "numéro Orphanet de la maladie, de 1 à 7 chiffres sans zéro "
                "initial (par exemple 558 ou ORPHA:558)."
            ),
            code="invalid_orpha_code",
            params={"value": value},
        )
