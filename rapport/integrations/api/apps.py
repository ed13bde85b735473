from django.apps import AppConfig


class ApiConfig(AppConfig):
    name = "rapport.integrations.api"
    label = "api"
    verbose_name = "REST API"
