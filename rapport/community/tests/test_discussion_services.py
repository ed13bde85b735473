"""Starting topics, replying, locking, reacting, editing and photos — through the services
and the pages people use."""

import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from PIL import Image

from rapport.community.discussions import moderation, services
from rapport.community.discussions.testing import opening, photo_upload, reply, start
from rapport.community.models.discussions import Post, PostReaction, PostRevision, Topic
from rapport.community.models.settings import community_settings_for
from rapport.core.kinds import NotificationKind, TouchpointKind
from rapport.core.models import Notification, Touchpoint
from rapport.core.refusals import Refused

pytestmark = pytest.mark.django_db

BASE = "/c/env-sci/discussions/"


def touchpoints(kind):
    return list(Touchpoint.objects.filter(kind=kind).values_list("actor_id", "subject_id"))


# --- topics -------------------------------------------------------------------------------


def test_starting_a_topic_records_it_in_the_ledger(cast):
    topic = start(cast.course, cast.learner, title="  Hello   from Denver ", body="Hi all")
    assert topic.title == "Hello from Denver"
    assert opening(topic).body == "Hi all"
    assert touchpoints(TouchpointKind.TOPIC_STARTED) == [(cast.learner.pk, None)]


def test_a_learner_starts_a_topic_from_the_page(cast, client_for):
    response = client_for("learner").post(
        BASE + "new/", {"title": "How do you take notes?", "body": "I use **index cards**."}
    )
    topic = Topic.objects.get()
    assert response.status_code == 302
    assert response["Location"] == f"{BASE}{topic.pk}/"
    assert topic.author == cast.learner


def test_a_topic_needs_a_title_and_words_and_nothing_is_saved_without_them(cast, client_for):
    response = client_for("learner").post(BASE + "new/", {"title": "", "body": "   "})
    assert response.status_code == 200
    assert "Give your topic a title." in response.content.decode()
    assert not Topic.objects.exists()
    with pytest.raises(Refused, match="Write something first"):
        start(cast.course, cast.learner, title="Hi", body="   ")
    assert not Topic.objects.exists() and not Post.objects.exists()


def test_learners_start_topics_only_while_the_course_allows_it(cast, client_for):
    settings = community_settings_for(cast.course)
    settings.learners_may_start_topics = False
    settings.save()
    with pytest.raises(Refused, match="Only the teaching team"):
        start(cast.course, cast.learner)
    response = client_for("learner").get(BASE + "new/")
    assert response.status_code == 403
    assert "Only the teaching team can start new topics" in response.content.decode()
    assert "Start a topic" not in client_for("learner").get(BASE).content.decode()
    assert start(cast.course, cast.ta).author == cast.ta


def test_staff_switch_whether_learners_may_start_topics(cast, client_for):
    client = client_for("ta")
    response = client.post(BASE + "settings/", {})
    assert response.status_code == 302
    assert not community_settings_for(cast.course).learners_may_start_topics
    client.post(BASE + "settings/", {"learners_may_start_topics": "on"})
    assert community_settings_for(cast.course).learners_may_start_topics


def test_people_outside_the_course_cannot_post(cast):
    with pytest.raises(Refused, match="not a member"):
        start(cast.course, cast.outsider)


# --- replies ------------------------------------------------------------------------------


def test_a_reply_records_who_answered_whom_and_tells_the_author(cast):
    first = opening(start(cast.course, cast.learner))
    answer = reply(first, cast.instructor, body="Welcome, Learner!")
    peer = reply(answer, cast.other_learner, body="Hi both")
    assert touchpoints(TouchpointKind.POST_REPLY) == [
        (cast.other_learner.pk, cast.instructor.pk),
        (cast.instructor.pk, cast.learner.pk),
    ]
    told = Notification.objects.get(recipient=cast.learner, kind=NotificationKind.POST_REPLY)
    assert told.url == f"{BASE}posts/{answer.pk}/"
    assert "Welcome, Learner!" in told.body
    assert Notification.objects.filter(
        recipient=cast.instructor, kind=NotificationKind.POST_REPLY, url=f"{BASE}posts/{peer.pk}/"
    ).exists()
    assert (answer.depth, peer.depth) == (1, 2)


def test_replying_to_yourself_is_not_a_relational_moment(cast):
    first = opening(start(cast.course, cast.learner))
    reply(first, cast.learner, body="PS: I forgot to say hi")
    assert touchpoints(TouchpointKind.POST_REPLY) == []
    assert not Notification.objects.filter(kind=NotificationKind.POST_REPLY).exists()


def test_a_locked_topic_refuses_replies_with_a_message(cast, client_for):
    topic = start(cast.course, cast.learner)
    moderation.topic_lock(topic=topic, staff=cast.instructor, locked=True)
    first = opening(topic)
    with pytest.raises(Refused, match="This topic is locked"):
        reply(first, cast.instructor)
    response = client_for("other_learner").post(f"{BASE}posts/{first.pk}/reply/", {"body": "Hi"})
    assert response.status_code == 200
    assert "This topic is locked, so no new replies can be added." in response.content.decode()
    page = client_for("other_learner").get(f"{BASE}{topic.pk}/").content.decode()
    assert "Replies are closed" in page
    assert Post.objects.count() == 1


def test_staff_lock_and_unlock_a_topic_from_its_page(cast, client_for):
    topic = start(cast.course, cast.learner)
    client = client_for("ta")
    client.post(f"{BASE}{topic.pk}/lock/", {"locked": "1"})
    topic.refresh_from_db()
    assert topic.is_locked
    client.post(f"{BASE}{topic.pk}/lock/", {"locked": "0"})
    topic.refresh_from_db()
    assert not topic.is_locked
    reply(opening(topic), cast.other_learner)


def test_an_empty_reply_is_refused_and_nothing_is_saved(cast, client_for):
    first = opening(start(cast.course, cast.learner))
    response = client_for("other_learner").post(f"{BASE}posts/{first.pk}/reply/", {"body": " "})
    assert "Write something first" in response.content.decode()
    assert Post.objects.count() == 1
    assert not Touchpoint.objects.filter(kind=TouchpointKind.POST_REPLY).exists()


def test_replying_from_the_page_lands_on_the_new_reply(cast, client_for):
    first = opening(start(cast.course, cast.learner))
    response = client_for("other_learner").post(
        f"{BASE}posts/{first.pk}/reply/", {"body": "Lovely to meet you"}
    )
    new = Post.objects.latest("pk")
    assert response["Location"] == f"{BASE}posts/{new.pk}/"
    assert new.parent == first


# --- reactions ----------------------------------------------------------------------------


def test_reactions_toggle_and_the_ledger_hears_of_them_once(cast):
    post = opening(start(cast.course, cast.learner))
    assert services.reaction_toggle(post=post, user=cast.other_learner, emoji="🎉") is True
    assert services.reaction_toggle(post=post, user=cast.other_learner, emoji="🎉") is False
    assert services.reaction_toggle(post=post, user=cast.other_learner, emoji="🎉") is True
    assert services.reaction_toggle(post=post, user=cast.other_learner, emoji="❤️") is True
    services.reaction_toggle(post=post, user=cast.learner, emoji="👍")  # one's own post
    assert PostReaction.objects.count() == 3
    assert touchpoints(TouchpointKind.POST_REACTION) == [(cast.other_learner.pk, cast.learner.pk)]


def test_only_the_offered_reactions_are_accepted(cast):
    post = opening(start(cast.course, cast.learner))
    with pytest.raises(Refused, match="Choose one of the reactions"):
        services.reaction_toggle(post=post, user=cast.other_learner, emoji="💩")


def test_reacting_with_htmx_swaps_just_the_reactions(cast, client_for):
    post = opening(start(cast.course, cast.learner))
    client = client_for("other_learner")
    response = client.post(
        f"{BASE}posts/{post.pk}/react/", {"emoji": "🎉"}, headers={"HX-Request": "true"}
    )
    html = response.content.decode()
    assert html.lstrip().startswith('<form class="reactions"')
    assert "Celebrate: 1" in html and 'aria-pressed="true"' in html
    plain = client.post(f"{BASE}posts/{post.pk}/react/", {"emoji": "🎉"})
    assert plain.status_code == 302
    assert not PostReaction.objects.exists()


# --- editing ------------------------------------------------------------------------------


def test_editing_keeps_what_the_post_said_before(cast, client_for):
    topic = start(cast.course, cast.learner, title="Wetlands", body="First words")
    first = opening(topic)
    client = client_for("learner")
    response = client.post(
        f"{BASE}posts/{first.pk}/edit/", {"title": "Wetlands at dawn", "body": "Better words"}
    )
    assert response.status_code == 302
    first.refresh_from_db()
    topic.refresh_from_db()
    assert (topic.title, first.body, first.is_edited) == ("Wetlands at dawn", "Better words", True)
    revision = PostRevision.objects.get()
    assert (revision.title, revision.body, revision.edited_by) == (
        "Wetlands",
        "First words",
        cast.learner,
    )
    thread = client_for("other_learner").get(f"{BASE}{topic.pk}/").content.decode()
    assert "edited" in thread and f"posts/{first.pk}/history/" not in thread
    for role in ("learner", "ta"):
        history = client_for(role).get(f"{BASE}posts/{first.pk}/history/").content.decode()
        assert "First words" in history and "Better words" in history


def test_saving_unchanged_words_adds_no_revision(cast):
    first = opening(start(cast.course, cast.learner, body="Same"))
    services.post_edit(post=first, editor=cast.learner, body="Same")
    assert not PostRevision.objects.exists()
    first.refresh_from_db()
    assert not first.is_edited


def test_only_the_author_edits_a_post(cast, client_for):
    first = opening(start(cast.course, cast.learner))
    with pytest.raises(Refused, match="Only the person who wrote"):
        services.post_edit(post=first, editor=cast.instructor, body="Changed")
    assert client_for("instructor").get(f"{BASE}posts/{first.pk}/edit/").status_code == 404


# --- photos -------------------------------------------------------------------------------


def _jpeg_with_gps(size=(3000, 1200)) -> SimpleUploadedFile:
    image = Image.new("RGB", size, (200, 120, 40))
    exif = Image.Exif()
    exif[0x010F] = "PhoneMaker"  # camera make
    exif[0x8825] = {1: "N", 2: (51.0, 30.0, 0.0)}  # GPS
    out = io.BytesIO()
    image.save(out, format="JPEG", exif=exif)
    return SimpleUploadedFile("IMG_0001.jpg", out.getvalue(), content_type="image/jpeg")


def test_a_photo_is_re_encoded_smaller_and_without_its_location(cast, client_for):
    post = opening(start(cast.course, cast.learner, image_upload=_jpeg_with_gps()))
    assert (post.image_width, post.image_height) == (2048, 819)
    response = client_for("other_learner").get(f"{BASE}posts/{post.pk}/image/")
    assert response["Content-Type"] == "image/jpeg"
    stored = Image.open(io.BytesIO(b"".join(response.streaming_content)))
    assert stored.format == "JPEG" and stored.size == (2048, 819)
    assert not stored.getexif()


def test_a_reply_may_be_just_a_photo(cast):
    first = opening(start(cast.course, cast.ta))
    answer = reply(first, cast.learner, body="", image_upload=photo_upload(fmt="PNG"))
    assert answer.image and answer.body == ""


def test_a_photo_over_five_megabytes_is_refused_and_nothing_is_saved(cast, client_for):
    big = SimpleUploadedFile("huge.jpg", b"\xff" * (5 * 1024 * 1024 + 1), "image/jpeg")
    response = client_for("learner").post(
        BASE + "new/", {"title": "Trip", "body": "Look!", "image": big}
    )
    assert response.status_code == 200
    assert "the limit is 5.0\xa0MB" in response.content.decode()
    assert not Topic.objects.exists()


def test_a_file_that_is_not_an_image_is_refused_by_its_content(cast):
    fake = SimpleUploadedFile("photo.jpg", b"<svg onload=alert(1)></svg>", "image/jpeg")
    with pytest.raises(Refused, match="isn't an image we can read"):
        start(cast.course, cast.learner, image_upload=fake)
    assert not Topic.objects.exists()


def test_photos_are_served_only_to_the_course(cast, client_for):
    post = opening(start(cast.course, cast.learner, image_upload=photo_upload()))
    assert client_for("outsider").get(f"{BASE}posts/{post.pk}/image/").status_code == 404
    assert client_for("ta").get(f"{BASE}posts/{post.pk}/image/").status_code == 200
