from django.apps import AppConfig


class DemoConfig(AppConfig):
    name = "rapport.demo"
    label = "demo"

    def ready(self) -> None:
        from rapport.core.startup import register_banner
        from rapport.demo.banner import sign_in_banner

        register_banner(sign_in_banner)
