"""Every page of a big course, as its instructor and as a learner: server time and HTML size.

Builds (``bench/busy_course``: bulk_create, seeded) a course of 500 learners with 100,000
touchpoints and a busy term's content on every list page, in a fresh migrated database;
then walks the course's URL patterns (as the role matrix does: every route under /c/<slug>/),
fills each id from the course (the busiest topic, the intro wall, the first learner's own
things...) and GETs it with Django's test client in this process (without Django's test
environment, which times every template and copies its context, work no real request does),
as the instructor and as that first learner. Pages answering 200 with HTML are measured: a
first request, then the median of ``--repeats`` more, with the queries one of them made
and the HTML's size. The table is sorted by time, each page also as a ratio to the baseline:
the course's smallest page (the fewest bytes, as the instructor), measured in the same run.

Then the same for the roster at 2,000 learners (another course, same ledger size): the
staff roster (knowing:roster) and the learners' People page (courses:people).

SQLite in a temporary folder by default; ``--database-url`` for PostgreSQL (that database
must exist and be empty: it is migrated and filled). ``--data DIR`` keeps the SQLite
database in DIR and reuses the courses already built there (to measure again after a
change without building again).

    .venv/bin/python bench/pages.py [--repeats 5] [--database-url URL] [--data DIR]
                                    [--only URL_NAME ...]

``--only`` measures the pages named (with the roster at 2,000 learners, always).

Ends with: summary: max_ms_500=<n> max_kb_500=<n> roster_ms_2000=<n>
Target: every page under 300 ms and 200 KB at 500 learners; the roster under 300 ms at 2,000.
"""

import argparse
import logging
import os
import re
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
LEARNERS = 500
ROSTER_LEARNERS = 2000
TOUCHPOINTS = 100_000
LIMIT_MS, LIMIT_KB = 300, 200
ROSTER_PAGES = ("knowing:roster", "courses:people")


def timed_ms(action) -> tuple[float, float]:
    """(wall, CPU) milliseconds. The client runs the page in this process, so its CPU time
    is the server's work without the time spent waiting for a busy machine's cores."""
    started, cpu = time.perf_counter(), time.process_time()
    action()
    return (time.perf_counter() - started) * 1000, (time.process_time() - cpu) * 1000


def course_routes() -> dict[str, str]:
    """url name → route of every pattern under /c/ (an unnamed one goes by its route)."""
    from django.urls import URLPattern, URLResolver, get_resolver

    def walk(patterns, prefix="", namespace=""):
        for pattern in patterns:
            route = prefix + str(pattern.pattern)
            if isinstance(pattern, URLResolver):
                inner = f"{namespace}{pattern.namespace}:" if pattern.namespace else namespace
                yield from walk(pattern.url_patterns, route, inner)
            elif isinstance(pattern, URLPattern):
                yield (namespace + pattern.name if pattern.name else route), route

    return {
        name: route for name, route in walk(get_resolver().url_patterns) if route.startswith("c/")
    }


def url_values(course, learner) -> dict:
    """Values for the URL parameters: the course's biggest things, and ``learner``'s own."""
    from django.db.models import Count

    from rapport.community.models.checkins import ReflectionPrompt
    from rapport.community.models.discussions import Topic
    from rapport.community.models.rituals import RitualPost
    from rapport.community.models.shoutouts import ShoutoutReceiver, ShoutoutTag
    from rapport.events.models import Event
    from rapport.groups.models import GroupMember
    from rapport.knowing.models.milestones import PersonalMilestone
    from rapport.knowing.models.notes import StaffNote
    from rapport.knowing.models.resources import Resource
    from rapport.live.models import LiveSession
    from rapport.officehours.models import Booking, OfficeHours
    from rapport.presence.models import Message, MessageKind
    from rapport.surveys.models import Survey
    from rapport.walls.models import Board, Card

    def first(queryset, attribute="pk"):
        found = queryset.first()
        return None if found is None else getattr(found, attribute)

    topic = Topic.objects.filter(course=course).annotate(n=Count("posts")).order_by("-n").first()
    ritual_post = RitualPost.objects.filter(round__ritual__course=course, author=learner).first()
    board = Board.objects.filter(course=course, is_intro=True).first()
    membership = GroupMember.objects.filter(group__course=course, user=learner).first()
    session = LiveSession.objects.filter(course=course).first()
    survey = Survey.objects.filter(course=course, kind="intro").first()
    hours = OfficeHours.objects.filter(course=course).first()
    values = {
        "course_slug": course.slug,
        "user_id": learner.pk,
        "membership_id": course.memberships.get(user=learner).pk,
        "message_id": first(
            Message.objects.filter(course=course, kind=MessageKind.CHECKIN).order_by("-pk")
        ),
        "topic_id": topic.pk,
        "post_id": topic.posts.order_by("pk").first().pk,
        "ritual_post_id": ritual_post.pk,
        "ritual_id": ritual_post.round.ritual_id,
        "ritual_round_id": ritual_post.round_id,
        "prompt_id": first(ReflectionPrompt.objects.filter(course=course).order_by("-opens_at")),
        "board_id": board.pk,
        "card_id": first(Card.objects.filter(board=board, author=learner)),
        "group_id": membership.group_id,
        "set_id": membership.group.round.group_set_id,
        "round_id": membership.round_id,
        "event_id": first(
            Event.objects.filter(course=course)
            .annotate(n=Count("rsvps"))
            .order_by("-n", "starts_at")
        ),
        "live_session_id": session.pk,
        "activity_id": session.current_activity_id,
        "office_hours_id": hours.pk,
        "booking_id": first(Booking.objects.filter(course=course, learner=learner)),
        "window_id": first(hours.weekly.all()),
        "survey_id": survey.pk,
        "question_id": survey.questions.get(key="goals").pk,
        "resource_id": first(Resource.objects.filter(course=course)),
        "note_id": first(StaffNote.objects.filter(course=course, learner=learner)),
        "milestone_id": first(PersonalMilestone.objects.filter(course=course, user=learner)),
        "shoutout_id": first(
            ShoutoutReceiver.objects.filter(shoutout__course=course, user=learner), "shoutout_id"
        ),
        "tag_id": first(ShoutoutTag.objects.filter(course=course)),
    }
    return {key: value for key, value in values.items() if value is not None}


def fill(name: str, route: str, values: dict) -> str | None:
    """The URL of ``route`` with ``values``, or None when one of its parameters has none.
    Ritual posts and rounds share their parameter names with discussions and groups."""
    own = dict(values)
    if name.startswith("community:ritual"):
        own["post_id"], own["round_id"] = values["ritual_post_id"], values["ritual_round_id"]
    needed = re.findall(r"<(?:\w+:)?(\w+)>", route)
    if any(key not in own for key in needed):
        return None
    return "/" + re.sub(r"<(?:\w+:)?(\w+)>", lambda m: str(own[m.group(1)]), route)


def measure(client, url: str, repeats: int) -> dict | None:
    """Median time, queries and size of a page answering 200 with HTML, else None."""
    from django.db import connection

    response = client.get(url)
    if response.status_code != 200 or "html" not in response.get("Content-Type", ""):
        return None
    queries = []
    # Counted as they run: each request ends by closing the connection, which empties
    # the list Django's query capture reads.
    with connection.execute_wrapper(lambda run, sql, *args: queries.append(sql) or run(sql, *args)):
        response = client.get(url)
    times = [timed_ms(lambda: client.get(url)) for _ in range(repeats)]
    return {
        "ms": statistics.median(wall for wall, _ in times),
        "cpu": statistics.median(cpu for _, cpu in times),
        "kb": len(response.content) / 1024,
        "queries": len(queries),
    }


def course_built(slug: str, learners: int, *, whole: bool = True):
    from rapport.courses.models import Course

    course = Course.objects.filter(slug=slug).first()
    if course is None:
        from busy_course import build

        started = time.perf_counter()
        course = build(learners=learners, touchpoints=TOUCHPOINTS, slug=slug, whole=whole)
        print(
            f"built {slug}: {learners} learners, {TOUCHPOINTS:,} touchpoints and "
            f"{'their content' if whole else 'intro answers'} "
            f"in {time.perf_counter() - started:.0f} s"
        )
    return course


def signed_in(email: str):
    from django.contrib.auth import get_user_model
    from django.test import Client

    client = Client()
    client.force_login(get_user_model().objects.get(email=email))
    return client


def table(rows: list[tuple[str, str, dict]], baseline_ms: float) -> None:
    print(f"  {'ms':>7} {'CPU ms':>7} {'×base':>6} {'KB':>7} {'queries':>7}  role        page")
    for role, name, figures in sorted(rows, key=lambda row: -row[2]["ms"]):
        flag = " !" if figures["ms"] > LIMIT_MS or figures["kb"] > LIMIT_KB else ""
        print(
            f"  {figures['ms']:7.1f} {figures['cpu']:7.1f} {figures['ms'] / baseline_ms:6.1f} "
            f"{figures['kb']:7.1f} {figures['queries']:7d}  {role:<11} {name}{flag}"
        )


def run(repeats: int, only: list[str] | None = None) -> None:
    import django

    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "rapport.settings")
    django.setup()
    from django.conf import settings
    from django.contrib.auth import get_user_model
    from django.core.management import call_command
    from django.db import connection

    from rapport.core.lifespan import freeze_what_startup_made

    settings.ALLOWED_HOSTS = [*settings.ALLOWED_HOSTS, "testserver"]
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    # Refused methods and pages not for this role (405, 404) are expected on the walk.
    logging.getLogger("django.request").setLevel(logging.ERROR)
    call_command("migrate", "--no-input", verbosity=0)
    print(f"database: {connection.vendor}; load average {os.getloadavg()[0]:.2f}")
    course = course_built("pages-500", LEARNERS)
    big = course_built("pages-2000", ROSTER_LEARNERS, whole=False)
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("VACUUM ANALYZE")
    freeze_what_startup_made()  # as the server does once started

    learner = get_user_model().objects.get(email="pages-500-learner-0@example.test")
    clients = {
        "instructor": signed_in("pages-500-staff-0@example.test"),
        "learner": signed_in(learner.email),
    }
    values = url_values(course, learner)
    rows, skipped = [], []
    for name, route in sorted(course_routes().items()):
        if only and name not in only:
            continue
        url = fill(name, route, values)
        if url is None:
            skipped.append(name)
            continue
        for role, client in clients.items():
            if (figures := measure(client, url, repeats)) is not None:
                rows.append((role, name, figures))
    base_role, base_name, base = min(
        (row for row in rows if row[0] == "instructor"), key=lambda row: row[2]["kb"]
    )
    print(
        f"\n{LEARNERS} learners: {len(rows)} pages measured (median of {repeats}); baseline, "
        f"the smallest page: {base_name} as {base_role}, {base['ms']:.1f} ms, "
        f"{base['kb']:.1f} KB (CPU {base['cpu']:.1f} ms)"
    )
    table(rows, base["ms"])
    if skipped:
        print(f"  not measured (no value for an id in their address): {', '.join(skipped)}")
    over = [row for row in rows if row[2]["ms"] > LIMIT_MS or row[2]["kb"] > LIMIT_KB]
    print(f"  over {LIMIT_MS} ms or {LIMIT_KB} KB: {len(over)}")

    from django.urls import reverse

    big_rows = []
    big_clients = {
        "knowing:roster": signed_in("pages-2000-staff-0@example.test"),
        "courses:people": signed_in("pages-2000-learner-0@example.test"),
    }
    for name in ROSTER_PAGES:
        figures = measure(big_clients[name], reverse(name, args=[big.slug]), repeats)
        big_rows.append(("instructor" if name == "knowing:roster" else "learner", name, figures))
    print(f"\n{ROSTER_LEARNERS} learners:")
    table(big_rows, base["ms"])
    print(
        f"summary: max_ms_500={max(row[2]['ms'] for row in rows):.0f} "
        f"max_kb_500={max(row[2]['kb'] for row in rows):.0f} "
        f"roster_ms_2000={big_rows[0][2]['ms']:.0f}"
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--repeats", type=int, default=5)
    parser.add_argument("--database-url", help="an empty PostgreSQL database to fill")
    parser.add_argument("--data", help="keep the SQLite database here and reuse it")
    parser.add_argument("--only", nargs="*", help="measure only these url names")
    args = parser.parse_args()
    os.environ.update({"DEBUG": "1", "LOG_LEVEL": "WARNING", "PYTHONUTF8": "1"})
    os.environ.pop("REDIS_URL", None)
    os.environ.pop("DATABASE_URL", None)
    if args.database_url:
        os.environ["DATABASE_URL"] = args.database_url
    sys.path.insert(0, str(ROOT))
    os.chdir(ROOT)
    if args.data:
        Path(args.data).mkdir(parents=True, exist_ok=True)
        os.environ["RAPPORT_VAR_DIR"] = str(Path(args.data).resolve())
        run(args.repeats, args.only)
        return
    with tempfile.TemporaryDirectory(prefix="rapport-bench-pages-") as var_dir:
        os.environ["RAPPORT_VAR_DIR"] = var_dir
        run(args.repeats, args.only)


if __name__ == "__main__":
    main()
