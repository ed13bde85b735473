"""``manage.py radar SLUG --json``: the reach-out list for scripts and for checking the
ranking from outside."""

import json

from django.core.management.base import BaseCommand, CommandError
from django.utils import timezone

from rapport.courses.models import Course
from rapport.radar.ranking import reach_out_list


class Command(BaseCommand):
    help = "Print a course's reach-out list (who needs a human touch this week, and why)."

    def add_arguments(self, parser):
        parser.add_argument("slug", help="the course's slug, as in /c/<slug>/")
        parser.add_argument(
            "--json",
            action="store_true",
            dest="as_json",
            help="a JSON array of {email, rank, reasons}",
        )

    def handle(self, *args, slug: str, as_json: bool = False, **options):
        course = Course.objects.filter(slug=slug).first()
        if course is None:
            raise CommandError(f"No course with the slug {slug!r}.")
        items = reach_out_list(course=course, now=timezone.now())
        if as_json:
            self.stdout.write(_as_json(items))
            return
        for item in items:
            self.stdout.write(f"{item.rank}. {item.user.email}: {'; '.join(item.reasons)}")


def _as_json(items) -> str:
    return json.dumps(
        [{"email": i.user.email, "rank": i.rank, "reasons": i.reasons} for i in items],
        ensure_ascii=False,
        indent=2,
    )
