"""What the host does to the activity on screen: lock and open it for answers, show and
hide its results, and clear its answers to run it again."""

from django.db import transaction

from rapport.live import broadcast
from rapport.live.models import Activity, LiveSession
from rapport.live.services.sessions import require_host, require_open


def locked_activity(activity: Activity, member) -> tuple[Activity, LiveSession]:
    """``activity`` locked for this transaction, with its session, if ``member`` hosts it
    and the session is open."""
    activity = Activity.objects.select_for_update().select_related("session").get(pk=activity.pk)
    require_host(activity.session, member)
    require_open(activity.session)
    return activity, activity.session


@transaction.atomic
def activity_lock(*, activity: Activity, member, locked: bool) -> Activity:
    activity, session = locked_activity(activity, member)
    activity.locked = locked
    activity.save(update_fields=["locked"])
    broadcast.activity_changed(session)
    return activity


@transaction.atomic
def activity_reveal(*, activity: Activity, member, visible: bool) -> Activity:
    activity, session = locked_activity(activity, member)
    activity.results_visible = visible
    activity.save(update_fields=["results_visible"])
    broadcast.activity_changed(session)
    return activity


@transaction.atomic
def activity_reset(*, activity: Activity, member) -> Activity:
    """Delete the activity's answers (and their upvotes) and hide its results again; the
    ledger keeps who took part, as that happened."""
    activity, session = locked_activity(activity, member)
    activity.answers.all().delete()
    activity.results_visible = False
    activity.save(update_fields=["results_visible"])
    broadcast.activity_changed(session, reset=True)
    return activity
