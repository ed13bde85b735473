from django.apps import AppConfig


class WallsConfig(AppConfig):
    name = "rapport.walls"
    label = "walls"
    verbose_name = "Class walls"

    def ready(self):
        from rapport.walls import panels, streams

        streams.register()
        panels.register()
