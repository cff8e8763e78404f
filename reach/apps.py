from django.apps import AppConfig


class ReachConfig(AppConfig):
    name = "reach"
    verbose_name = "Flux, partage et moteurs de recherche"
