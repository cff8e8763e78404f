from django.apps import AppConfig


class ThemesTransversalConfig(AppConfig):
    name = "themes_transversal"
    verbose_name = "Thèmes transversaux"
