from django.apps import AppConfig


class HomeConfig(AppConfig):
    name = "rapport.home"
    label = "home"
    verbose_name = "Course homes"
