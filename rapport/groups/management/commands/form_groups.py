"""``manage.py form_groups SLUG``: form a course's groups in the terminal, with a progress
bar — a new group set (``--size``, ``--rounds``, criteria) or again an existing one
(``--set ID``) — and print each planned round's groups with their reasons."""

from django.core.management.base import BaseCommand, CommandError

from rapport.core.management.progress import ProgressBar
from rapport.core.refusals import Refused
from rapport.courses.models import STAFF_ROLES, Course, Membership, MembershipStatus
from rapport.groups import services
from rapport.groups.models import Formation, GroupSet, Mode, Pace


class Command(BaseCommand):
    help = "Form partners or small groups for a course, showing the engine's progress."

    def add_arguments(self, parser):
        parser.add_argument("slug", help="the course's slug, as in /c/<slug>/")
        parser.add_argument("--set", type=int, dest="set_id", help="form this group set again")
        parser.add_argument("--title", default="Weekly partners")
        parser.add_argument("--size", type=int, default=2, help="people in each group")
        parser.add_argument("--rounds", type=int, default=1)
        parser.add_argument("--pace", choices=Pace.values, default=Pace.WEEKLY)
        for name in ("interests", "availability"):
            parser.add_argument(f"--{name}", choices=Mode.values, default=Mode.SIMILAR)
        parser.add_argument("--min-shared-hours", type=int, default=None)

    def handle(self, *args, slug: str, set_id=None, **options):
        course = Course.objects.filter(slug=slug).first()
        if course is None:
            raise CommandError(f"No course with the slug {slug!r}.")
        if set_id is not None:
            group_set = GroupSet.objects.filter(course=course, pk=set_id).first()
            if group_set is None:
                raise CommandError(f"No group set {set_id} in {slug}.")
        else:
            group_set = self._new_set(course, options)
        group_set = services.group_set_form(
            group_set=group_set, on_progress=ProgressBar(self.stdout, "Forming")
        )
        self.stdout.write("")
        if group_set.status != Formation.READY:
            raise CommandError(f"The groups could not be formed: {group_set.problem}")
        self._print(group_set)

    def _new_set(self, course, options) -> GroupSet:
        staff = (
            Membership.objects.filter(
                course=course, role__in=STAFF_ROLES, status=MembershipStatus.ACTIVE
            )
            .select_related("user", "course")
            .first()
        )
        if staff is None:
            raise CommandError("The course has no teaching team to form groups in its name.")
        criteria = services.Criteria(
            title=options["title"],
            group_size=options["size"],
            rounds=options["rounds"],
            pace=options["pace"],
            interests=options["interests"],
            availability=options["availability"],
            min_shared_hours=options["min_shared_hours"],
        )
        try:
            return services.group_set_create(
                course=course, member=staff, criteria=criteria, form_later=False
            )
        except Refused as refusal:
            raise CommandError(refusal.message) from refusal

    def _print(self, group_set: GroupSet) -> None:
        for round_ in group_set.round_set.prefetch_related("groups__members__user"):
            state = "published" if round_.published_at else f"starts {round_.starts_at:%a %d %b}"
            self.stdout.write(
                f"Round {round_.number} ({state}): weakest {round_.worst_score:.2f}, "
                f"average {round_.mean_score:.2f}, {round_.repeated_pairs} repeated pair(s)"
            )
            for group in round_.groups.all():
                names = ", ".join(m.user.display_name for m in group.members.all())
                reasons = "; ".join(r["text"] for r in group.reasons)
                self.stdout.write(
                    f"  {group.number}. {names}" + (f" — {reasons}" if reasons else "")
                )
        self.stdout.write(f"Group set {group_set.pk}: {group_set.get_absolute_url()}")
