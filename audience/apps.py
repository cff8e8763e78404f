from django.apps import AppConfig


class AudienceConfig(AppConfig):
    name = "audience"
    verbose_name = "Audience et satisfaction"
