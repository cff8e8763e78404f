from django.apps import AppConfig


class EditorialConfig(AppConfig):
    name = "editorial"
    verbose_name = "Témoignages et actualités"

    def ready(self):
        from . import signals

        signals.connect()
