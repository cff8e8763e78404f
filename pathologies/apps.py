from django.apps import AppConfig


class PathologiesConfig(AppConfig):
    name = "pathologies"
    verbose_name = "Pathologies"
