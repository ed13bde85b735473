"""Make a personal access token from the command line (scripts, CI): prints its secret."""

from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError

from rapport.core.refusals import Refused
from rapport.courses.models import Course
from rapport.integrations.api.services import api_token_create


class Command(BaseCommand):
    help = "Create an API token for a person and print its secret (shown only this once)."

    def add_arguments(self, parser):
        parser.add_argument("email")
        parser.add_argument(
            "--course", action="append", required=True, help="A course slug (repeatable)."
        )
        parser.add_argument("--write", action="store_true", help="Read and write access.")
        parser.add_argument("--name", default="Command line")

    def handle(self, *args, email, course, write, name, **options):
        user = get_user_model().objects.filter(email__iexact=email).first()
        if user is None:
            raise CommandError(f"Nobody has the email address {email}.")
        courses = dict(Course.objects.filter(slug__in=course).values_list("slug", "pk"))
        missing = sorted(set(course) - set(courses))
        if missing:
            raise CommandError(f"No course with the slug {', '.join(missing)}.")
        try:
            _, secret = api_token_create(
                user=user, name=name, course_ids=list(courses.values()), can_write=write
            )
        except Refused as refusal:
            raise CommandError(refusal.message) from None
        self.stdout.write(secret)
