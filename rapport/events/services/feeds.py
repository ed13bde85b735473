"""Each person's private calendar link."""

from django.db import transaction

from rapport.events.models import CalendarFeed, new_feed_token


def calendar_feed_get(*, user) -> CalendarFeed:
    feed, _ = CalendarFeed.objects.get_or_create(user=user)
    return feed


@transaction.atomic
def calendar_feed_renew(*, user) -> CalendarFeed:
    """A new link; the old one stops working at once."""
    feed = calendar_feed_get(user=user)
    feed.token = new_feed_token()
    feed.save(update_fields=["token"])
    return feed
