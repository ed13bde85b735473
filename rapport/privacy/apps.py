from django.apps import AppConfig


class PrivacyConfig(AppConfig):
    name = "rapport.privacy"
    label = "privacy"
    verbose_name = "Privacy: export, erasure, retention"
    default_auto_field = "django.db.models.BigAutoField"
