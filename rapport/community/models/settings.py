from django.db import models


class CommunitySettings(models.Model):
    """A course's community rules. One row per course, made on first use by
    ``community_settings_for``."""

    course = models.OneToOneField(
        "courses.Course", on_delete=models.CASCADE, related_name="community_settings"
    )
    learners_may_start_topics = models.BooleanField(
        "learners may start discussion topics", default=True
    )
    waiting_reply_hours = models.PositiveSmallIntegerField(
        default=24, help_text="A learner's post counts as waiting after this many hours."
    )
    shoutout_daily_limit = models.PositiveSmallIntegerField(
        default=5, help_text="How many shout-outs one person may give in a day."
    )
    mood_daily_limit = models.PositiveSmallIntegerField(
        default=10, help_text="How many mood check-ins one person may make in a day."
    )

    def __str__(self) -> str:
        return f"Community settings for {self.course_id}"


def community_settings_for(course) -> CommunitySettings:
    settings, _ = CommunitySettings.objects.get_or_create(course=course)
    return settings
