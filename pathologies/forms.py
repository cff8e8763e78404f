from wagtail.admin.forms import WagtailAdminPageForm

from .validators import normalize_orpha_code


class PathologyPageForm(WagtailAdminPageForm):
    def clean_orpha_code(self):
        return normalize_orpha_code(self.cleaned_data.get("orpha_code"))
