from django.apps import AppConfig


class LiveConfig(AppConfig):
    name = "rapport.live"
    label = "live"
    verbose_name = "Live class moments"
