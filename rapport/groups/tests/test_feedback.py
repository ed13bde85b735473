"""Peer feedback: who may ask, answer and thank; the formats; one answer per reviewer; the
ledger both ways; who is told; refusals that leave nothing behind; and what each reader sees."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from rapport.core.kinds import NotificationKind, TouchpointKind
from rapport.core.models import Notification, Touchpoint
from rapport.core.refusals import Refused
from rapport.courses.models import Membership
from rapport.groups.feedback import selectors, services
from rapport.groups.feedback.testing import membership_of
from rapport.groups.models import FeedbackFormat, FeedbackReply, FeedbackRequest
from rapport.groups.testing import group_make, learner_make
from rapport.media.models import Audience, MediaItem, MediaKind
from rapport.media.testing import media_item_ready

pytestmark = pytest.mark.django_db


@pytest.fixture
def kai(cast):
    return learner_make(cast, "kai")


@pytest.fixture
def sam(cast):
    return learner_make(cast, "sam")


@pytest.fixture
def group(cast, kai, sam):
    """cast.learner, Kai and Sam; cast.other_learner is in the course but not the group."""
    return group_make(cast, users=[cast.learner, kai, sam])


def ask(cast, group, user=None, **fields):
    values = {"title": "My wetlands essay", "body": "A **first** draft."} | fields
    return services.feedback_request_create(
        group=group, member=membership_of(cast, user or cast.learner), **values
    )


def answer(cast, request, user, parts=None, **fields):
    parts = {"works": "Clear intro.", "question": "", "suggestion": ""} if parts is None else parts
    return services.feedback_reply(
        request=request, member=membership_of(cast, user), parts=parts, **fields
    )


def thank(cast, reply):
    return services.feedback_thank(reply=reply, member=membership_of(cast, cast.learner))


def stored_files(media_folder) -> list:
    return [path for path in media_folder.rglob("*") if path.is_file()]


# --- asking -------------------------------------------------------------------------------


def test_a_member_asks_the_group_and_each_groupmate_is_told(cast, group, kai, sam):
    request = ask(cast, group)

    assert request.format == FeedbackFormat.THREE
    assert request.body_html == "<p>A <strong>first</strong> draft.</p>\n"
    assert request.course == cast.course and request.author == cast.learner
    told = Notification.objects.filter(kind=NotificationKind.FEEDBACK_ASKED)
    assert {n.recipient for n in told} == {kai, sam}
    assert all(n.url == request.get_absolute_url() and n.actor == cast.learner for n in told)
    assert told.first().title == "Learner would love your feedback on “My wetlands essay”"


def test_markdown_in_the_work_is_rendered_safely(cast, group):
    request = ask(cast, group, body="<script>alert(1)</script> [x](javascript:alert(1))")
    assert "<script>" not in request.body_html
    assert "href" not in request.body_html


def test_a_groupmate_who_left_the_course_is_not_told(cast, group, kai, sam):
    Membership.objects.filter(course=cast.course, user=sam).update(status="left")
    ask(cast, group)
    told = Notification.objects.filter(kind=NotificationKind.FEEDBACK_ASKED)
    assert [n.recipient for n in told] == [kai]


@pytest.mark.parametrize("who", ["other_learner", "instructor", "ta"])
def test_only_the_groups_members_can_ask_it(cast, group, who):
    with pytest.raises(Refused, match="Only the members of this group"):
        ask(cast, group, user=getattr(cast, who))
    assert not FeedbackRequest.objects.exists()
    assert not Notification.objects.exists()


def test_no_one_asks_a_group_not_published_yet(cast):
    unpublished = group_make(cast, published=False)
    with pytest.raises(Refused):
        ask(cast, unpublished)


def test_a_member_who_left_the_course_cannot_ask(cast, group):
    Membership.objects.filter(course=cast.course, user=cast.learner).update(status="left")
    with pytest.raises(Refused):
        ask(cast, group)


def test_a_membership_of_another_course_does_not_reach_the_group(cast, group):
    outsider = Membership.objects.get(user=cast.outsider)
    with pytest.raises(Refused):
        services.feedback_request_create(group=group, member=outsider, title="Mine", body="Hi")


@pytest.mark.parametrize(
    "fields,field,message",
    [
        ({"title": "   "}, "title", "Give your work a title"),
        ({"title": "x" * 121}, "title", "under 120 characters"),
        ({"body": "x" * 4001}, "body", "under 4000 characters"),
        ({"link_url": "javascript:alert(1)"}, "link_url", "http:// or https://"),
        ({"format": "stars"}, "format", "Choose how your groupmates should answer"),
        ({"body": "", "link_url": ""}, None, "Share your work"),
    ],
    ids=["no title", "long title", "long text", "bad link", "bad format", "nothing shared"],
)
def test_bad_input_is_refused_clearly_and_nothing_is_saved(cast, group, fields, field, message):
    with pytest.raises(Refused, match=message) as refusal:
        ask(cast, group, **fields)
    assert refusal.value.field == field
    assert not FeedbackRequest.objects.exists()
    assert not Notification.objects.exists()


@pytest.mark.parametrize("format", FeedbackFormat.values)
def test_the_author_chooses_the_format(cast, group, format):
    assert ask(cast, group, format=format).format == format


def test_a_link_alone_is_enough(cast, group):
    request = ask(cast, group, body="", link_url=" https://example.org/essay ")
    assert request.link_url == "https://example.org/essay"


def test_a_file_is_checked_by_its_content_and_stored_under_a_name_of_its_own(
    cast, group, media_folder
):
    upload = SimpleUploadedFile("My essay.txt", b"Wetlands filter water.\n")
    request = ask(cast, group, body="", attachment=upload)

    assert request.attachment_name == "My essay.txt"
    assert "essay" not in request.attachment.name
    assert request.attachment.name.endswith(".txt")
    assert request.attachment.read() == b"Wetlands filter water.\n"


def test_a_file_that_is_not_what_it_claims_is_refused_and_not_stored(cast, group, media_folder):
    upload = SimpleUploadedFile("essay.pdf", b"MZ\x90\x00binary\x00")
    with pytest.raises(Refused) as refusal:
        ask(cast, group, attachment=upload)
    assert refusal.value.field == "attachment"
    assert not FeedbackRequest.objects.exists()
    assert stored_files(media_folder) == []


def test_a_failure_after_the_file_is_stored_removes_it_again(
    cast, group, media_folder, monkeypatch
):
    def broken(**kwargs):
        raise RuntimeError("mail is down")

    monkeypatch.setattr(services, "notify", broken)
    with pytest.raises(RuntimeError):
        ask(cast, group, attachment=SimpleUploadedFile("notes.txt", b"Notes\n"))
    assert not FeedbackRequest.objects.exists()
    assert stored_files(media_folder) == []


def test_a_clip_of_the_work_is_shared_for_the_group_to_play(cast, group):
    clip = media_item_ready(course=cast.course, owner=cast.learner)
    request = ask(cast, group, body="", clip_id=str(clip.public_id))

    assert request.clip == clip
    clip.refresh_from_db()
    assert clip.audience == Audience.COURSE


def test_someone_elses_clip_is_refused_and_stays_private(cast, group, kai):
    clip = media_item_ready(course=cast.course, owner=kai)
    with pytest.raises(Refused) as refusal:
        ask(cast, group, clip_id=str(clip.public_id))
    assert refusal.value.field == "media_id"
    clip.refresh_from_db()
    assert clip.audience == Audience.PRIVATE
    assert not FeedbackRequest.objects.exists()


def test_a_refusal_after_the_clip_is_checked_leaves_it_private(cast, group):
    clip = media_item_ready(course=cast.course, owner=cast.learner)
    with pytest.raises(Refused):
        ask(cast, group, clip_id=str(clip.public_id), title="")
    clip.refresh_from_db()
    assert clip.audience == Audience.PRIVATE


# --- answering ----------------------------------------------------------------------------


@pytest.fixture
def request_(cast, group):
    return ask(cast, group)


def test_a_groupmate_answers_and_the_ledger_and_the_author_hear_of_it(cast, request_, kai):
    Notification.objects.all().delete()
    reply = answer(
        cast,
        request_,
        kai,
        {"works": " Clear intro. ", "question": "Why wetlands?", "suggestion": ""},
    )

    assert reply.parts == {"works": "Clear intro.", "question": "Why wetlands?", "suggestion": ""}
    touchpoint = Touchpoint.objects.get(kind=TouchpointKind.PEER_FEEDBACK)
    assert (touchpoint.actor, touchpoint.subject) == (kai, cast.learner)
    assert touchpoint.course == cast.course and touchpoint.channel == "text"
    assert touchpoint.object_id == str(reply.pk)
    told = Notification.objects.get()
    assert (told.kind, told.recipient, told.actor) == (
        NotificationKind.PEER_FEEDBACK,
        cast.learner,
        kai,
    )
    assert told.url == request_.get_absolute_url()


def test_answering_again_changes_the_one_answer(cast, request_, kai):
    answer(cast, request_, kai, {"works": "Clear intro."})
    again = answer(cast, request_, kai, {"works": "Clear intro.", "suggestion": "Add a map."})

    assert FeedbackReply.objects.get() == again
    assert again.parts["suggestion"] == "Add a map."
    assert Touchpoint.objects.filter(kind=TouchpointKind.PEER_FEEDBACK).count() == 1
    assert Notification.objects.filter(kind=NotificationKind.PEER_FEEDBACK).count() == 1


def test_each_groupmate_answers_once(cast, request_, kai, sam):
    answer(cast, request_, kai)
    answer(cast, request_, sam)
    assert FeedbackReply.objects.filter(request=request_).count() == 2
    assert set(
        Touchpoint.objects.filter(kind=TouchpointKind.PEER_FEEDBACK).values_list("actor", "subject")
    ) == {(kai.pk, cast.learner.pk), (sam.pk, cast.learner.pk)}


@pytest.mark.parametrize(
    "format,parts",
    [
        (FeedbackFormat.THREE, {"works": "a", "question": "b", "suggestion": "c"}),
        (FeedbackFormat.GLOW_GROW, {"glow": "Lovely photos", "grow": "Shorter captions"}),
        (FeedbackFormat.OPEN, {"feedback": "Great start!"}),
    ],
)
def test_an_answer_has_the_parts_its_format_asks_for(cast, group, kai, format, parts):
    request = ask(cast, group, format=format)
    assert answer(cast, request, kai, parts).parts == parts


def test_parts_of_another_format_are_refused(cast, group, kai):
    request = ask(cast, group, format=FeedbackFormat.GLOW_GROW)
    with pytest.raises(Refused, match="doesn't fit"):
        answer(cast, request, kai, {"works": "Nice"})
    assert not FeedbackReply.objects.exists()


def test_a_part_over_the_limit_is_refused_by_name(cast, request_, kai):
    with pytest.raises(Refused, match="Keep “One question” under 2000 characters") as refusal:
        answer(cast, request_, kai, {"works": "ok", "question": "x" * 2001})
    assert refusal.value.field == "part_question"
    assert not FeedbackReply.objects.exists()
    assert not Touchpoint.objects.filter(kind=TouchpointKind.PEER_FEEDBACK).exists()


def test_an_empty_answer_is_refused(cast, request_, kai):
    with pytest.raises(Refused, match="at least one question, or record a voice clip"):
        answer(cast, request_, kai, {"works": "  ", "question": ""})
    assert not FeedbackReply.objects.exists()


def test_a_voice_clip_alone_is_an_answer_for_the_author_and_the_teachers(cast, request_, kai):
    clip = media_item_ready(course=cast.course, owner=kai, kind=MediaKind.AUDIO)
    reply = answer(cast, request_, kai, {}, clip_id=str(clip.public_id))

    assert reply.clip == clip
    clip.refresh_from_db()
    assert (clip.audience, clip.audience_user) == (Audience.STAFF, cast.learner)
    touchpoint = Touchpoint.objects.get(kind=TouchpointKind.PEER_FEEDBACK)
    assert touchpoint.channel == "voice"


def test_an_answer_keeps_its_clip_when_sent_back_and_drops_it_when_taken_away(cast, request_, kai):
    clip = media_item_ready(course=cast.course, owner=kai, kind=MediaKind.AUDIO)
    answer(cast, request_, kai, clip_id=str(clip.public_id))
    kept = answer(cast, request_, kai, {"works": "Still clear"}, clip_id=str(clip.public_id))
    assert kept.clip == clip

    newer = media_item_ready(course=cast.course, owner=kai, kind=MediaKind.AUDIO)
    replaced = answer(cast, request_, kai, clip_id=str(newer.public_id))
    assert replaced.clip == newer
    assert not MediaItem.objects.filter(pk=clip.pk).exists()

    removed = answer(cast, request_, kai, {"works": "Words only now"}, clip_id="")
    assert removed.clip is None
    assert not MediaItem.objects.filter(pk=newer.pk).exists()


def test_a_clip_already_in_other_feedback_is_refused(cast, group, kai):
    first, second = ask(cast, group), ask(cast, group, title="My poster")
    clip = media_item_ready(course=cast.course, owner=kai, kind=MediaKind.AUDIO)
    answer(cast, first, kai, clip_id=str(clip.public_id))
    with pytest.raises(Refused, match="already shared"):
        answer(cast, second, kai, clip_id=str(clip.public_id))


def test_the_author_does_not_answer_their_own_request(cast, request_):
    with pytest.raises(Refused, match="your own work"):
        answer(cast, request_, cast.learner)


@pytest.mark.parametrize("who", ["other_learner", "instructor"])
def test_only_groupmates_answer(cast, request_, who):
    with pytest.raises(Refused, match="Only the author's groupmates"):
        answer(cast, request_, getattr(cast, who))
    assert not FeedbackReply.objects.exists()


# --- thanks -------------------------------------------------------------------------------


def test_the_author_thanks_a_reviewer_once(cast, request_, kai):
    reply = answer(cast, request_, kai)
    thanked = services.feedback_thank(reply=reply, member=membership_of(cast, cast.learner))

    assert thanked.thanked_at is not None
    touchpoint = Touchpoint.objects.get(kind=TouchpointKind.FEEDBACK_THANKS)
    assert (touchpoint.actor, touchpoint.subject) == (cast.learner, kai)
    assert touchpoint.object_id == str(reply.pk)
    with pytest.raises(Refused, match="already thanked Kai"):
        services.feedback_thank(reply=reply, member=membership_of(cast, cast.learner))
    assert Touchpoint.objects.filter(kind=TouchpointKind.FEEDBACK_THANKS).count() == 1


@pytest.mark.parametrize("who", ["kai", "sam", "instructor"])
def test_only_the_author_thanks(cast, request_, kai, sam, who):
    reply = answer(cast, request_, kai)
    person = {"kai": kai, "sam": sam, "instructor": cast.instructor}[who]
    with pytest.raises(Refused, match="Only the person who asked"):
        services.feedback_thank(reply=reply, member=membership_of(cast, person))
    reply.refresh_from_db()
    assert reply.thanked_at is None
    assert not Touchpoint.objects.filter(kind=TouchpointKind.FEEDBACK_THANKS).exists()


# --- reading ------------------------------------------------------------------------------


def test_the_groups_requests_say_how_many_answers_and_whether_i_answered(cast, group, kai, sam):
    essay = ask(cast, group)
    poster = ask(cast, group, user=kai, title="My poster")
    thank(cast, answer(cast, essay, kai))
    answer(cast, essay, sam)

    rows = selectors.feedback_for_group(group=group, member=membership_of(cast, sam))

    assert [r.title for r in rows] == ["My poster", "My wetlands essay"]
    by_title = {r.title: r for r in rows}
    assert (by_title["My wetlands essay"].reply_count, by_title["My wetlands essay"].replied) == (
        2,
        True,
    )
    assert by_title["My wetlands essay"].to_thank == 1
    assert (by_title["My poster"].reply_count, by_title["My poster"].replied) == (0, False)
    assert poster.pk == by_title["My poster"].pk


def test_an_answer_is_seen_by_its_reviewer_the_author_and_staff_only(cast, request_, kai, sam):
    answer(cast, request_, kai, {"works": "Kai's"})
    answer(cast, request_, sam, {"works": "Sam's"})

    def seen_by(user):
        page = selectors.feedback_page(feedback=request_, member=membership_of(cast, user))
        return [a.reply.parts["works"] for a in page.answers]

    assert seen_by(cast.learner) == ["Kai's", "Sam's"]
    assert seen_by(cast.instructor) == ["Kai's", "Sam's"]
    assert seen_by(kai) == ["Kai's"]
    assert seen_by(sam) == ["Sam's"]


def test_the_page_says_who_may_answer_and_who_has(cast, request_, kai, sam):
    answer(cast, request_, kai)
    author = selectors.feedback_page(feedback=request_, member=membership_of(cast, cast.learner))
    mate = selectors.feedback_page(feedback=request_, member=membership_of(cast, sam))
    staff = selectors.feedback_page(feedback=request_, member=membership_of(cast, cast.ta))

    assert (author.is_author, author.may_answer, author.answer_count) == (True, False, 1)
    assert [(m.user, m.answered) for m in author.groupmates] == [(kai, True), (sam, False)]
    assert (mate.may_answer, mate.mine, mate.groupmates, mate.answer_count) == (True, None, [], 1)
    assert (staff.may_answer, len(staff.groupmates)) == (False, 2)
    kais = selectors.feedback_page(feedback=request_, member=membership_of(cast, kai))
    assert kais.mine is not None and kais.answers[0].parts[0][0].prompt == "One thing that works"


def test_a_request_is_found_for_its_group_and_staff_only(cast, request_, kai):
    def found(user, course=cast.course):
        member = Membership.objects.get(user=user)
        return selectors.feedback_request_for(course=course, request_id=request_.pk, member=member)

    assert found(kai) == request_
    assert found(cast.instructor) == request_
    assert found(cast.other_learner) is None
    assert found(cast.outsider, course=cast.other_course) is None


def test_the_staff_table_counts_what_each_learner_gave_and_received(cast, group, kai, sam):
    essay = ask(cast, group)
    poster = ask(cast, group, user=kai, title="My poster")
    thank(cast, answer(cast, essay, kai))
    answer(cast, essay, sam)
    answer(cast, poster, cast.learner)
    elsewhere = group_make(cast, users=[cast.other_learner, kai], title="Project teams")
    ask(cast, elsewhere, user=cast.other_learner, title="Not counted here")

    rows = selectors.feedback_report(group_set=group.round.group_set)

    assert [(r.learner.display_name, r.asked, r.given, r.received, r.thanked) for r in rows] == [
        ("Kai", 1, 1, 1, 1),
        ("Learner", 1, 1, 2, 0),
        ("Sam", 0, 1, 0, 0),
    ]
