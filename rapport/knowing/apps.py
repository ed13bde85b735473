from django.apps import AppConfig


class KnowingConfig(AppConfig):
    name = "rapport.knowing"
    label = "knowing"
