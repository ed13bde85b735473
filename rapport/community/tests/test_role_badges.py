"""A role badge follows a staff member's name wherever people post or message — discussion
posts, replies, permalinks, edit history, ritual answers and replies, shout-outs, message
heads and conversation replies — and never a learner's, even one who took a teacher's name."""

import re

import pytest
from django.urls import reverse

from rapport.community.discussions import services as discussions
from rapport.community.discussions.testing import opening, reply, start
from rapport.community.models.shoutouts import ShoutoutTag
from rapport.community.rituals import services as rituals
from rapport.community.rituals.testing import ritual_make, round_open
from rapport.community.shoutouts import services as shoutouts
from rapport.courses.models import Role
from rapport.factories import MembershipFactory, UserFactory
from rapport.presence import services as presence
from rapport.presence.models import Tone

pytestmark = pytest.mark.django_db

BADGE = re.compile(r'<span class="role-badge" title="([^"]+)">([^<]+)</span>')


@pytest.fixture
def twin(cast):
    """A learner who calls themselves exactly what the instructor is called."""
    user = UserFactory(
        preferred_name=cast.instructor.preferred_name, full_name=cast.instructor.full_name
    )
    MembershipFactory(course=cast.course, user=user, role=Role.LEARNER)
    return user


def badges(html: str, start_marker: str, end_marker: str) -> list[str]:
    """The badge words between ``start_marker`` and the next ``end_marker``."""
    begin = html.index(start_marker)
    piece = html[begin : html.index(end_marker, begin)]
    return [word for _, word in BADGE.findall(piece)]


def page(client, url: str) -> str:
    response = client.get(url, follow=True)
    assert response.status_code == 200, url
    return response.content.decode()


def test_the_badge_tag_marks_staff_memberships_only(cast, twin):
    from django.template import Context, Template

    from rapport.courses.models import Membership

    template = Template("{% role_badge who %}")

    def draw(who):
        return template.render(Context({"who": who}))

    instructor = Membership.objects.get(course=cast.course, user=cast.instructor)
    ta = Membership.objects.get(course=cast.course, user=cast.ta)
    learner = Membership.objects.get(course=cast.course, user=twin)
    assert BADGE.findall(draw(instructor)) == [("Instructor", "Instructor")]
    assert BADGE.findall(draw(ta)) == [("Teaching assistant", "TA")]
    assert draw(learner) == draw(twin) == draw(cast.instructor) == ""


def test_discussion_posts_replies_permalink_and_history(cast, client_for, twin):
    topic = start(cast.course, cast.instructor, title="Water", body="Where from?")
    first = opening(topic)
    by_twin = reply(first, twin, body="From the river")
    by_ta = reply(first, cast.ta, body="Good question")
    by_learner = reply(by_ta, cast.learner, body="A well")
    discussions.post_edit(post=first, editor=cast.instructor, body="Where does it come from?")
    base = f"/c/{cast.course.slug}/discussions/"
    thread = page(client_for("learner"), f"{base}{topic.pk}/")
    expected = {first: ["Instructor"], by_twin: [], by_ta: ["TA"], by_learner: []}
    for post, words in expected.items():
        assert badges(thread, f'id="post-{post.pk}"', "</header>") == words, post.body
    permalink = page(client_for("other_learner"), f"{base}posts/{by_ta.pk}/")
    assert badges(permalink, f'id="post-{by_ta.pk}"', "</header>") == ["TA"]
    history = page(client_for("ta"), f"{base}posts/{first.pk}/history/")
    assert badges(history, "<h1>Edit history</h1>", "</p>") == ["Instructor"]
    discussions.post_edit(post=by_twin, editor=twin, body="From the lake")
    history = page(client_for("instructor"), f"{base}posts/{by_twin.pk}/history/")
    assert badges(history, "<h1>Edit history</h1>", "</p>") == []


def test_ritual_answers_and_replies(cast, client_for, twin):
    round_ = round_open(ritual_make(course=cast.course, author=cast.instructor), actor=cast.ta)
    staff_answer = rituals.ritual_answer_post(
        round=round_, author=cast.instructor, body="Finished a book"
    )
    twin_answer = rituals.ritual_answer_post(round=round_, author=twin, body="Ran 5k")
    by_ta = rituals.post_reply(post=twin_answer, author=cast.ta, body="Wow!")
    by_learner = rituals.post_reply(post=staff_answer, author=cast.learner, body="Which?")
    html = page(client_for("learner"), round_.get_absolute_url())
    assert badges(html, f'id="post-{staff_answer.pk}"', "</header>") == ["Instructor"]
    assert badges(html, f'id="post-{twin_answer.pk}"', "</header>") == []
    assert badges(html, f'id="reply-{by_ta.pk}"', "</li>") == ["TA"]
    assert badges(html, f'id="reply-{by_learner.pk}"', "</li>") == []


def test_shoutouts_mark_staff_givers_and_receivers(cast, client_for, twin):
    shoutouts.shoutout_tags_ensure(course=cast.course)
    tag = ShoutoutTag.objects.filter(course=cast.course).first()

    def give(giver, to):
        return shoutouts.shoutout_give(
            course=cast.course,
            giver=giver,
            receiver_ids=[person.pk for person in to],
            tag_id=tag.pk,
            message="Thank you!",
            visibility="class",
        )

    from_staff = give(cast.instructor, [cast.learner])
    from_twin = give(twin, [cast.ta, cast.other_learner])
    html = page(client_for("learner"), reverse("community:shoutouts", args=[cast.course.slug]))
    assert badges(html, f'id="shoutout-{from_staff.pk}"', "</h2>") == ["Instructor"]
    assert badges(html, f'id="shoutout-{from_twin.pk}"', "</h2>") == ["TA"]


def test_message_heads_and_conversation_replies(cast, client_for):
    note = presence.note_send(
        course=cast.course,
        author=cast.instructor,
        recipient=cast.learner,
        tone=Tone.THINKING_OF_YOU,
        body="Thinking of you",
    )
    mine = presence.reply_post(
        message=note, thread_learner=cast.learner, author=cast.learner, body="Thanks!"
    )
    theirs = presence.reply_post(
        message=note, thread_learner=cast.learner, author=cast.instructor, body="Any time"
    )
    slug = cast.course.slug
    html = page(client_for("learner"), reverse("presence:message", args=[slug, note.pk]))
    assert badges(html, 'class="message__head"', "</header>") == ["Instructor"]
    thread = page(
        client_for("learner"),
        reverse("presence:thread", args=[slug, note.pk, cast.learner.pk]),
    )
    assert badges(thread, f'id="reply-{theirs.pk}"', "</li>") == ["Instructor"]
    assert badges(thread, f'id="reply-{mine.pk}"', "</li>") == []
