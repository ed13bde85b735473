"""On the demo, the drifting learners the seed planted (Dmitri, Liam, Wei) come out on top
of the reach-out list, for the reasons the seed gave them."""

import json
from io import StringIO

import pytest
import time_machine
from django.core.management import call_command

from rapport.core.testing.shared_data import module_data
from rapport.demo.testing import a_saturday_noon, demo_course_at
from rapport.radar.ranking import reach_out_list

pytestmark = pytest.mark.django_db

NOW = a_saturday_noon()

env_sci = module_data(lambda: demo_course_at(NOW), name="env_sci")


def test_the_drifting_learners_come_out_on_top_for_the_planted_reasons(env_sci):
    top = reach_out_list(course=env_sci, now=NOW)[:3]
    assert [item.user.preferred_name for item in top] == ["Liam", "Wei", "Dmitri"]
    liam, wei, dmitri = (item.reasons for item in top)
    # The wellbeing seed: a falling mood and a help request nobody has followed up. Liam
    # joined 12 days ago, so the ledger holds two weeks of his moods: one fall between them.
    assert "mood down since last week" in liam
    assert any(reason.startswith("asked for help on") for reason in liam)
    # The discussions seed: they post, no classmate answers. The presence seed: they watch
    # nothing.
    for reasons in (liam, wei, dmitri):
        assert "no classmate has replied to them yet" in reasons
        assert any(reason.startswith("has not opened the last") for reason in reasons)
    assert "no mood check-in in two weeks" in dmitri and "no mood check-in in two weeks" in wei


def test_the_command_prints_the_list_as_json_in_rank_order(env_sci):
    out = StringIO()
    with time_machine.travel(NOW, tick=False):
        call_command("radar", "env-sci-101", "--json", stdout=out)
    items = json.loads(out.getvalue())
    assert [item["email"] for item in items[:3]] == [
        "liam@rapport.test",
        "wei@rapport.test",
        "dmitri@rapport.test",
    ]
    assert [item["rank"] for item in items] == list(range(1, len(items) + 1))
    assert set(items[0]) == {"email", "rank", "reasons"}
    assert "mood down since last week" in items[0]["reasons"]
