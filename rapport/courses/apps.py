from django.apps import AppConfig


class CoursesConfig(AppConfig):
    name = "rapport.courses"
    label = "courses"
