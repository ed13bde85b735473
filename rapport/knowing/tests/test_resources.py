"""The resource library: staff add, change and delete resources (a link or a file, never
both); every member reads the library and filters it by tag; bad input gets a clear message
and saves nothing."""

import os
from html import unescape

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection
from django.test.utils import CaptureQueriesContext

from rapport.core import files
from rapport.core.refusals import Refused
from rapport.knowing.models.resources import Resource
from rapport.knowing.recommend import services
from rapport.knowing.recommend.services import ResourceInput, tags_normalise
from rapport.knowing.recommend.testing import resource_make

pytestmark = pytest.mark.django_db

LIBRARY = "/c/env-sci/resources/"
NEW = LIBRARY + "new/"


def form(**overrides) -> dict:
    return {
        "title": "Wetlands 101",
        "url": "https://example.org/wetlands",
        "description": "Why marshes matter.",
        "tags": "Wetlands, #Birds,  water   quality, wetlands",
        "level": "intro",
        **overrides,
    }


def test_staff_add_a_link_with_normalised_tags(cast, client_for):
    response = client_for("ta").post(NEW, form())
    assert response.status_code == 302 and response["Location"] == LIBRARY
    resource = Resource.objects.get()
    assert resource.course == cast.course and resource.created_by == cast.ta
    assert resource.url == "https://example.org/wetlands" and not resource.file
    assert resource.tag_list == ["wetlands", "birds", "water quality"]


def test_a_pasted_address_without_a_scheme_gets_https(client_for):
    client_for("instructor").post(NEW, form(url="example.org/page"))
    assert Resource.objects.get().url == "https://example.org/page"


@pytest.mark.parametrize(
    "url",
    [
        "javascript:alert(1)",
        "JavaScript:alert(document.cookie)",
        "data:text/html,hi",
        "ftp://x.org/a",
    ],
)
def test_links_must_be_http_or_https(url, client_for):
    response = client_for("instructor").post(NEW, form(url=url))
    assert response.status_code == 200
    page = response.content.decode()
    assert "Links must be web addresses starting with http:// or https://." in page
    assert not Resource.objects.exists()


def test_a_resource_needs_a_title_and_a_link_or_file_but_not_both(client_for):
    client = client_for("instructor")
    page = client.post(NEW, form(title="  ")).content.decode()
    assert "This field is required." in page or "Give the resource a title." in page
    page = client.post(NEW, form(url="")).content.decode()
    assert "Add a link or choose a file to upload." in page
    both = form(file=SimpleUploadedFile("notes.txt", b"hello"))
    assert "Add a link or a file, not both." in client.post(NEW, both).content.decode()
    assert not Resource.objects.exists()


def test_staff_upload_a_file_which_is_stored_privately(cast, client_for, settings):
    data = form(url="", file=SimpleUploadedFile("notes.txt", b"Marsh notes\n", "text/plain"))
    assert client_for("instructor").post(NEW, data).status_code == 302
    resource = Resource.objects.get()
    assert resource.file_name == "notes.txt" and resource.file_size == 12
    assert resource.file_type == "text/plain; charset=utf-8"
    assert resource.file.name.startswith(f"resources/{cast.course.pk}/")
    assert resource.href() == f"/c/env-sci/resources/{resource.pk}/file/"


def test_a_file_not_matching_its_type_is_refused_and_nothing_is_stored(client_for, settings):
    fake = SimpleUploadedFile("reading.pdf", b"MZ\x90\x00 not a pdf \x00", "application/pdf")
    page = unescape(client_for("instructor").post(NEW, form(url="", file=fake)).content.decode())
    assert "We can't tell what kind of file that is." in page
    assert not Resource.objects.exists()
    assert not (settings.MEDIA_ROOT / "resources").exists()


def test_a_file_over_the_limit_is_refused_before_it_is_stored(monkeypatch, client_for, settings):
    monkeypatch.setattr(files, "MAX_BYTES", 1000)
    big = SimpleUploadedFile("notes.txt", b"a" * 5000, "text/plain")
    response = client_for("instructor").post(NEW, form(url="", file=big))
    page = response.content.decode()
    assert response.status_code == 200
    assert "That file is over 1000\xa0bytes, the limit for a resource." in page
    # What was typed before the file is still there to fix and send again.
    assert 'value="Wetlands 101"' in page
    assert not Resource.objects.exists()
    assert not (settings.MEDIA_ROOT / "resources").exists()


def test_the_service_refuses_a_file_over_the_limit(monkeypatch, cast):
    monkeypatch.setattr(files, "MAX_BYTES", 10)
    data = ResourceInput(title="Big", upload=SimpleUploadedFile("a.txt", b"a" * 11))
    with pytest.raises(Refused) as refusal:
        services.resource_create(course=cast.course, creator=cast.instructor, data=data)
    assert refusal.value.field == "file" and "the limit is 10\xa0bytes" in refusal.value.message


def test_tags_are_limited_in_number_and_length():
    with pytest.raises(Refused):
        tags_normalise(",".join(f"t{i}" for i in range(13)))
    with pytest.raises(Refused):
        tags_normalise("x" * 41)
    assert tags_normalise(" , ,") == []


def test_learners_cannot_add_change_or_delete(cast, client_for):
    resource = resource_make(cast.course, url="https://example.org/a")
    client = client_for("learner")
    assert client.post(NEW, form()).status_code == 404
    assert client.post(f"{LIBRARY}{resource.pk}/edit/", form()).status_code == 404
    assert client.post(f"{LIBRARY}{resource.pk}/delete/").status_code == 404
    with pytest.raises(Refused):
        services.resource_delete(resource=resource, actor=cast.learner)
    assert Resource.objects.count() == 1


def test_switching_a_file_to_a_link_removes_the_stored_file(
    cast, client_for, django_capture_on_commit_callbacks
):
    resource = resource_make(cast.course)
    stored = resource.file.path
    with django_capture_on_commit_callbacks(execute=True):
        response = client_for("instructor").post(
            f"{LIBRARY}{resource.pk}/edit/", form(url="https://example.org/new")
        )
    assert response.status_code == 302
    resource.refresh_from_db()
    assert resource.url == "https://example.org/new" and not resource.file
    assert resource.file_name == "" and resource.file_size == 0
    assert not os.path.exists(stored)


def test_choosing_a_file_for_a_link_resource_replaces_the_link(cast, client_for):
    resource = resource_make(cast.course, url="https://example.org/old")
    notes = SimpleUploadedFile("notes.txt", b"Now a file\n")
    data = form(url="https://example.org/old", file=notes)
    assert client_for("ta").post(f"{LIBRARY}{resource.pk}/edit/", data).status_code == 302
    resource.refresh_from_db()
    assert resource.url == "" and resource.file_name == "notes.txt"


def test_editing_without_a_new_file_keeps_the_file(cast, client_for):
    resource = resource_make(cast.course)
    name = resource.file.name
    client_for("ta").post(f"{LIBRARY}{resource.pk}/edit/", form(url="", title="Renamed"))
    resource.refresh_from_db()
    assert resource.title == "Renamed" and resource.file.name == name


def test_deleting_a_resource_removes_its_file(cast, client_for, django_capture_on_commit_callbacks):
    resource = resource_make(cast.course)
    stored = resource.file.path
    with django_capture_on_commit_callbacks(execute=True):
        response = client_for("ta").post(f"{LIBRARY}{resource.pk}/delete/")
    assert response.status_code == 302
    assert not Resource.objects.exists()
    assert not os.path.exists(stored)


def test_resources_of_another_course_are_not_reachable(cast, client_for):
    theirs = resource_make(cast.other_course, url="https://example.org/poem")
    client = client_for("instructor")
    assert client.get(f"{LIBRARY}{theirs.pk}/edit/").status_code == 404
    assert client.post(f"{LIBRARY}{theirs.pk}/delete/").status_code == 404
    assert Resource.objects.filter(pk=theirs.pk).exists()


def test_learners_see_the_library_and_filter_it_by_tag(cast, client_for):
    resource_make(
        cast.course, title="Marsh birds", url="https://example.org/b", tags="birds,wetlands"
    )
    resource_make(cast.course, title="Smoke", url="https://example.org/s", tags="air quality")
    resource_make(cast.course, title="Bird songs", url="https://example.org/c", tags="songbirds")
    client = client_for("learner")
    page = client.get(LIBRARY).content.decode()
    assert "Marsh birds" in page and "Smoke" in page
    assert "Add a resource" not in page and "/edit/" not in page
    filtered = client.get(LIBRARY + "?tag=birds").content.decode()
    assert "Marsh birds" in filtered
    assert "Smoke" not in filtered and "Bird songs" not in filtered
    spaced = client.get(LIBRARY + "?tag=Air%20Quality").content.decode()
    assert "Smoke" in spaced and "Marsh birds" not in spaced


def test_staff_see_how_to_pick_for_each_learner(cast, client_for):
    page = client_for("instructor").get(LIBRARY).content.decode()
    assert "Add a resource" in page
    assert f"/c/env-sci/learners/{cast.learner.pk}/recommend/" in page


def test_the_library_costs_the_same_queries_with_3_or_60_resources(cast, client_for):
    client = client_for("instructor")

    def grow(count, start):
        for index in range(start, start + count):
            resource_make(
                cast.course,
                title=f"R{index}",
                url=f"https://example.org/{index}",
                tags=f"t{index % 5}",
            )

    def queries():
        client.get(LIBRARY)
        with CaptureQueriesContext(connection) as context:
            assert client.get(LIBRARY).status_code == 200
        return len(context.captured_queries)

    grow(3, 0)
    small = queries()
    grow(57, 3)
    assert queries() == small


def test_a_big_class_is_picked_for_by_name_without_a_face_each(cast, client_for):
    from rapport.knowing.tests.test_cards_helpers import add_learners
    from rapport.knowing.views.resources import FACES_UP_TO

    def pick_for(page: str) -> str:
        return page.split('class="card pick-for"')[1].split("</details>")[0]

    small = pick_for(client_for("instructor").get(LIBRARY).content.decode())
    assert "face face--" in small
    add_learners(cast.course, FACES_UP_TO, preferred_name="Uma")
    big = pick_for(client_for("instructor").get(LIBRARY).content.decode())
    assert big.count("<li>") == FACES_UP_TO + 2 and "face face--" not in big


def test_a_big_library_is_read_a_page_at_a_time_keeping_its_tag(cast, client_for):
    from rapport.knowing.recommend.testing import resource_make
    from rapport.knowing.views.resources import RESOURCES_PER_PAGE

    for n in range(RESOURCES_PER_PAGE + 1):
        resource = resource_make(cast.course, creator=cast.instructor)
        resource.title, resource.tags = f"Reading {n:02d}", "rivers"
        resource.save()
    client = client_for("learner")
    first = client.get(LIBRARY, {"tag": "rivers"}).content.decode()
    assert first.count('class="resource"') == RESOURCES_PER_PAGE
    assert 'href="?page=2&amp;tag=rivers"' in first
    second = client.get(LIBRARY, {"tag": "rivers", "page": 2}).content.decode()
    assert second.count('class="resource"') == 1
