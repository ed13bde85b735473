"""The demo's notes, birthdays, shared news and finished module, on top of ``seed_demo``."""

import pytest

from rapport.core.testing.shared_data import module_data
from rapport.demo.seeders.knowing_people import (
    MILESTONES,
    NOTES,
    seed_knowing_people,
)
from rapport.demo.testing import one_feature_seeded
from rapport.knowing.models.milestones import (
    Birthday,
    ModuleMarker,
    ModuleMilestone,
    PersonalMilestone,
)
from rapport.knowing.models.notes import StaffNote
from rapport.knowing.selectors import milestones as m

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("saturday_clock")]


def build():
    return one_feature_seeded(seed_knowing_people)


demo = module_data(build, name="demo")


def test_the_seed_adds_notes_birthdays_news_and_a_module(demo):
    course, users, now, added = demo
    assert StaffNote.objects.filter(course=course).count() == len(NOTES)
    assert PersonalMilestone.objects.filter(course=course).count() == len(MILESTONES)
    assert Birthday.objects.count() == 4
    assert ModuleMarker.objects.filter(course=course).count() == 1
    assert ModuleMilestone.objects.count() == course.memberships.filter(role="learner").count()
    assert added == len(NOTES) + len(MILESTONES) + 4 + 1
    sam_note = StaffNote.objects.get(course=course, learner=users["learner@rapport.test"])
    assert sam_note.author == users["instructor@rapport.test"]
    assert sam_note.body.startswith("Works night shifts")
    # This week: two birthdays, three pieces of news and the class's finished module.
    week = m.celebrate_week(course=course, now=now)
    assert sorted(o.learner.display_name for o in week.birthdays) == ["Aroha", "José Luis"]
    assert {o.title for o in week.shared} == {
        "Started a new job at the clinic",
        "Ran my first 10K",
        "Got an interview for a climate data role",
    }
    assert any(group.title.startswith("Finished “Weeks 1–2") for group in week.groups)


def test_a_second_run_adds_nothing(demo):
    course, users, now, _ = demo
    assert seed_knowing_people(course=course, users=users, now=now) == 0
    assert StaffNote.objects.count() == len(NOTES)


def test_the_demo_pages_render(demo, client):
    course, users, _, _ = demo
    client.force_login(users["instructor@rapport.test"])
    sam = users["learner@rapport.test"]
    for url in (
        f"/c/{course.slug}/learners/",
        f"/c/{course.slug}/learners/{sam.pk}/",
        f"/c/{course.slug}/celebrate/",
    ):
        assert client.get(url).status_code == 200, url
    client.force_login(sam)
    assert client.get(f"/c/{course.slug}/milestones/").status_code == 200
