from django.apps import AppConfig


class RosterConfig(AppConfig):
    name = "rapport.integrations.roster"
    label = "roster"
    verbose_name = "Roster import"
