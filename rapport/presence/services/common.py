"""What every presence service shares: the links that notifications carry and what
counts as words."""

from django.urls import reverse


def message_url(message) -> str:
    return reverse(
        "presence:message",
        kwargs={"course_slug": message.course.slug, "message_id": message.pk},
    )


def thread_url(message, learner) -> str:
    return reverse(
        "presence:thread",
        kwargs={
            "course_slug": message.course.slug,
            "message_id": message.pk,
            "user_id": learner.pk,
        },
    )


def has_words(text: str | None) -> bool:
    return bool(text and text.strip())
