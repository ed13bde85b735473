"""Each person's storage for recordings is capped (settings.MEDIA_QUOTA_BYTES), counted
over every course: what they have stored is the sum of their recordings' sizes."""

from django.conf import settings
from django.db.models import Sum

from rapport.accounts.photos import human_size
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
        f"You have used {_size(used)} of your {_size(quota, whole=True)} for recordings; "
        "delete an old recording to record more."
    )


def _size(size: int, *, whole: bool = False) -> str:
    """``1.0 GB`` used of ``1 GB``; smaller sizes in MB or KB."""
    if size < 1024**3:
        return human_size(size)
    text = f"{size / 1024**3:.1f}"
    return (text.removesuffix(".0") if whole else text) + " GB"
