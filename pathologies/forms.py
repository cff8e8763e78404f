from django import forms
from django.utils.translation import gettext_lazy as _
from wagtail.admin.forms import WagtailAdminPageForm

from .validators import normalize_orpha_code, validate_orpha_code


class PathologyPageForm(WagtailAdminPageForm):
    # Wider than the stored code, so that "ORPHA:558" reaches the
    # normalisation instead of failing on its length.
    orpha_code = forms.CharField(
        label=_("Code ORPHA"),
        max_length=20,
        help_text=_("Numéro Orphanet de la maladie, par exemple 558 ou ORPHA:558."),
    )

    def clean_orpha_code(self):
        raw = self.cleaned_data.get("orpha_code", "")
        code = normalize_orpha_code(raw)
        validate_orpha_code(code or raw)
        return code
