from django.utils.translation import gettext_lazy as _
from wagtail_modeladmin.options import ModelAdmin, modeladmin_register

from .models import ThemeCategory


@modeladmin_register
class ThemeCategoryAdmin(ModelAdmin):
    model = ThemeCategory
    menu_label = _("Catégories de thèmes")
    menu_icon = "folder-open-inverse"
    menu_order = 300
    list_display = ("name", "slug", "sort_order")
    ordering = ("sort_order", "name")
    search_fields = ("name",)
