"""The course's resource library, and the resources staff picked for one learner.

A resource is a link or a stored file — never both. Files live in private storage and are
served only through a permission-checked view (``knowing:resource_file``).
"""

import uuid

from django.conf import settings
from django.db import models
from django.urls import reverse
from django.utils.timezone import now


def _resource_path(resource: "Resource", filename: str) -> str:
    # A fresh folder per upload: names never collide and a replaced file gets a new URL.
    return f"resources/{resource.course_id}/{uuid.uuid4().hex}/{filename}"


class Level(models.TextChoices):
    INTRO = "intro", "Introductory"
    INTERMEDIATE = "intermediate", "Intermediate"
    ADVANCED = "advanced", "Advanced"


class Resource(models.Model):
    course = models.ForeignKey("courses.Course", on_delete=models.CASCADE, related_name="+")
    title = models.CharField(max_length=160)
    url = models.URLField("link", max_length=500, blank=True)
    file = models.FileField(upload_to=_resource_path, max_length=300, blank=True)
    # What the file's content turned out to be, and the name the learner downloads it as.
    file_type = models.CharField(max_length=100, blank=True)
    file_name = models.CharField(max_length=200, blank=True)
    file_size = models.PositiveBigIntegerField(default=0)
    description = models.TextField(blank=True, max_length=2000)
    # Normalised, comma-separated, no spaces around commas: "air quality,wildfire".
    tags = models.CharField(max_length=600, blank=True)
    level = models.CharField(max_length=20, choices=Level.choices, default=Level.INTRO)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(default=now)
    updated_at = models.DateTimeField(default=now)

    class Meta:
        ordering = ["title", "pk"]
        indexes = [models.Index(fields=["course", "title"])]
        constraints = [
            models.CheckConstraint(
                condition=(models.Q(url="") & ~models.Q(file=""))
                | (~models.Q(url="") & models.Q(file="")),
                name="resource_link_or_file",
            )
        ]

    def __str__(self) -> str:
        return self.title

    @property
    def tag_list(self) -> list[str]:
        return [tag for tag in self.tags.split(",") if tag]

    @property
    def is_file(self) -> bool:
        return bool(self.file)

    @property
    def is_image(self) -> bool:
        return self.file_type.startswith("image/")

    @property
    def link_host(self) -> str:
        return self.url.split("//", 1)[-1].split("/", 1)[0] if self.url else ""

    def file_url(self) -> str:
        return reverse(
            "knowing:resource_file",
            kwargs={"course_slug": self.course.slug, "resource_id": self.pk},
        )

    def href(self) -> str:
        """Where a learner goes to open it: the link, or the file through Rapport."""
        return self.url or self.file_url()


class Recommendation(models.Model):
    """A resource one of the teaching team picked for one learner, with a personal line.
    Seen only by that learner and the course's staff."""

    course = models.ForeignKey("courses.Course", on_delete=models.CASCADE, related_name="+")
    resource = models.ForeignKey(Resource, on_delete=models.CASCADE, related_name="recommendations")
    learner = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+"
    )
    sender = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    note = models.TextField(blank=True, max_length=500)
    sent_at = models.DateTimeField(default=now)

    class Meta:
        ordering = ["-sent_at", "-pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["resource", "learner"], name="one_recommendation_per_learner"
            )
        ]
        indexes = [models.Index(fields=["course", "learner", "-sent_at"])]

    def __str__(self) -> str:
        return f"{self.resource_id} for {self.learner_id}"
