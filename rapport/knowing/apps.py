from django.apps import AppConfig


class KnowingConfig(AppConfig):
    name = "rapport.knowing"
    label = "knowing"

    def ready(self) -> None:
        from rapport.courses.staff_roster import register_staff_roster

        # The roster of learner cards is where staff see and manage everyone in a course.
        register_staff_roster("knowing:roster")
