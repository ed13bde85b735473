from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from rapport.demo.build import seed_demo
from rapport.demo.people import sign_in_lines


class Command(BaseCommand):
    help = (
        'Build the "Environmental Science 101" demo: staff, 25 learners, photos, a second '
        "course. Safe to run again: it only adds what is missing."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--force",
            action="store_true",
            help="Seed even though DEBUG is off. The demo accounts share a public password.",
        )

    def handle(self, *args, force: bool = False, **options):
        if not (settings.DEBUG or force):
            raise CommandError(
                "seed_demo adds accounts whose password is public (rapport-demo), so it only "
                "runs with DEBUG on. Use --force if you really want them on this server."
            )
        result = seed_demo()
        if result.changed_anything:
            self.stdout.write(
                f"Added {result.people_created} people, {result.photos_made} photos, "
                f"{result.courses_created} courses, {result.memberships_created} memberships, "
                f"{result.touchpoints_recorded} touchpoints, "
                f"{result.notifications_sent} notifications, "
                f"{result.presence_rows} check-ins, notes and replies, "
                f"{result.feature_rows} rows of class activity."
            )
        else:
            self.stdout.write("The demo is already in place; nothing to add.")
        self.stdout.write(self.style.SUCCESS(f"Demo ready: {settings.SITE_URL}"))
        self.stdout.write("\n".join(sign_in_lines()))
