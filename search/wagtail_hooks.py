from django.utils.translation import gettext_lazy as _
from wagtail_modeladmin.options import ModelAdmin, modeladmin_register

from .models import SearchSynonym


@modeladmin_register
class SearchSynonymAdmin(ModelAdmin):
    model = SearchSynonym
    menu_label = _("Synonymes de recherche")
    menu_icon = "search"
    menu_order = 310
    list_display = ("terms",)
    search_fields = ("terms",)
