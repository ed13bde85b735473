"""The staff page "This course in your LMS": the link, the last sync, starting one and its
progress."""

from django.urls import reverse

from rapport.core.progress import progress_forget, progress_report
from rapport.core.testing.queries import count_queries
from rapport.courses.models import Course
from rapport.integrations.lti.models import RosterSync, SyncStatus
from rapport.integrations.lti.testing import roster_sync_make

from .test_roster_sync import CLASS, WITH_NRPS


def page_url(course) -> str:
    return reverse("lti:course", args=[course.slug])


def test_staff_see_the_linked_lms_course_and_its_last_sync(client_for, cast):
    sync = roster_sync_make(cast.course)

    page = client_for("ta").get(page_url(cast.course)).content.decode()

    assert sync.link.context.title in page
    assert "3 added." in page
    assert "Sync roster now" not in page  # instructors start syncs


def test_an_unlinked_course_says_how_to_link_it(client_for, cast):
    page = client_for("instructor").get(page_url(cast.course)).content.decode()

    assert "This course is not linked to an LMS course" in page
    assert "import a class list" in page
    assert "Sync roster now" not in page


def test_an_unlinked_course_offers_a_ta_no_import(client_for, cast):
    page = client_for("ta").get(page_url(cast.course)).content.decode()

    assert "This course is not linked to an LMS course" in page
    assert "import a class list" not in page


def test_sync_roster_now_runs_a_sync(client, platform, mocked, django_capture_on_commit_callbacks):
    platform.launch_as(client, sub="teacher-1")  # linked; its LMS shares no class list yet
    course = Course.objects.get()
    page = client.get(page_url(course)).content.decode()
    assert "has not shared this course's class list" in page.replace("&#x27;", "'")
    platform.mock(mocked, members=CLASS)
    platform.launch_as(client, sub="teacher-1", **WITH_NRPS)  # no sync: not on commit here
    RosterSync.objects.all().delete()

    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(reverse("lti:sync_start", args=[course.slug]))

    assert response["Location"] == page_url(course)
    sync = RosterSync.objects.get()
    assert (sync.status, sync.requested_by.lti_users.get().sub) == (SyncStatus.DONE, "teacher-1")
    assert course.memberships.count() == 5


def test_a_course_without_a_shared_class_list_is_told_so(client, platform):
    platform.launch_as(client, sub="teacher-1")
    course = Course.objects.get()

    response = client.post(reverse("lti:sync_start", args=[course.slug]), follow=True)

    assert "has not shared this course" in response.content.decode().replace("&#x27;", "'")
    assert not RosterSync.objects.exists()


def test_a_running_sync_polls_itself_with_htmx(client_for, cast):
    sync = roster_sync_make(cast.course)
    RosterSync.objects.filter(pk=sync.pk).update(status=SyncStatus.RUNNING, progress=55)
    url = reverse("lti:sync_progress", args=[cast.course.slug, sync.pk])
    client = client_for("instructor")

    partial = client.get(url, headers={"HX-Request": "true"}).content.decode()
    page = client.get(url).content.decode()

    assert partial.lstrip().startswith('<div class="stack lti-sync"')
    assert f'hx-get="{url}"' in partial
    assert 'value="55"' in partial
    assert "<html" in page and "Check again" in page  # without htmx: the page, to reload


def test_a_finished_sync_stops_polling(client_for, cast):
    sync = roster_sync_make(cast.course)
    url = reverse("lti:sync_progress", args=[cast.course.slug, sync.pk])

    partial = client_for("instructor").get(url, headers={"HX-Request": "true"}).content.decode()

    assert "hx-get" not in partial
    assert "3 added." in partial


def test_another_courses_sync_is_not_found(client_for, cast):
    sync = roster_sync_make(cast.other_course)
    url = reverse("lti:sync_progress", args=[cast.course.slug, sync.pk])

    assert client_for("instructor").get(url).status_code == 404


def test_the_page_costs_the_same_queries_with_more_syncs(client_for, cast):
    roster_sync_make(cast.course)
    client = client_for("instructor")
    few = count_queries(client, page_url(cast.course))
    for _ in range(5):
        roster_sync_make(cast.course)
    roster_sync_make(cast.course, issuer="https://second-lms.example.org")

    assert count_queries(client, page_url(cast.course)) == few


def test_the_people_page_leads_staff_to_this_page(client_for, cast):
    people = reverse("knowing:roster", args=[cast.course.slug])

    page = client_for("ta").get(people).content.decode()

    assert f'href="{page_url(cast.course)}"' in page


def test_a_running_sync_shows_the_progress_its_task_reports(client_for, cast):
    """The class list is applied in one transaction, so the task's progress goes through
    the cache, and the page shows it while the row still says where the fetch ended."""
    sync = roster_sync_make(cast.course)
    RosterSync.objects.filter(pk=sync.pk).update(status=SyncStatus.RUNNING, progress=40)
    progress_report(sync.progress_key, 0.8)
    url = reverse("lti:sync_progress", args=[cast.course.slug, sync.pk])

    page = client_for("ta").get(url, headers={"HX-Request": "true"}).content.decode()

    assert 'value="80"' in page
    progress_forget(sync.progress_key)
    page = client_for("ta").get(url, headers={"HX-Request": "true"}).content.decode()
    assert 'value="40"' in page
