"""Times in words, short: "3 days ago" rather than humanize's "3 days, 17 hours ago"."""

from datetime import datetime

from django.utils.timesince import timesince


def ago(moment: datetime | None, now: datetime) -> str:
    if moment is None:
        return ""
    if (now - moment).total_seconds() < 60:
        return "just now"
    return f"{timesince(moment, now, depth=1)} ago"
