from django.apps import AppConfig


class GroupsConfig(AppConfig):
    name = "rapport.groups"
    label = "groups"
    verbose_name = "Peer partners and groups"
