"""Each person's storage for recordings is capped (settings.MEDIA_QUOTA_BYTES), counted
over every course: what they have stored is the sum of their recordings' sizes."""

from django.conf import settings
from django.db.models import Sum
from django.template.defaultfilters import filesizeformat

from rapport.media.models import MediaItem


def storage_used(*, owner) -> int:
    return MediaItem.objects.filter(owner=owner).aggregate(used=Sum("size_bytes"))["used"] or 0


def over_quota_message(*, owner, adding: int) -> str | None:
    """What to tell ``owner`` when ``adding`` more bytes would pass their quota; None when
    it fits."""
    quota = settings.MEDIA_QUOTA_BYTES
    used = storage_used(owner=owner)
    if used + adding <= quota:
        return None
    return (
        f"You have used {filesizeformat(used)} of your {filesizeformat(quota)} for recordings; "
        "delete an old recording to record more."
    )
