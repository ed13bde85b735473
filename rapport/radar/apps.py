from django.apps import AppConfig


class RadarConfig(AppConfig):
    name = "rapport.radar"
    label = "radar"
    verbose_name = "Relationship radar"
