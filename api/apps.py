from django.apps import AppConfig


class ApiConfig(AppConfig):
    name = "api"
    verbose_name = "API"

    def ready(self):
        # Registers the schema extension of the portal's session sign-in.
        from . import schema  # noqa: F401
