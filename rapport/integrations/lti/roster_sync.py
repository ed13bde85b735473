"""Bringing a course's members in line with its LMS course, through the platform's Names and
Role Provisioning Service (NRPS).

Rapport asks the platform's token endpoint for a token with a client-credentials JWT signed
by its own key (pylti1p3's ServiceConnector), reads every page of the membership list
(``Link: <...>; rel="next"``), finds each person by platform + ``sub`` (making the ones it
has not met, as a launch would), and hands the list to ``roster_apply`` as the LMS's source:
it adds, brings back, changes roles and removes only the places the LMS gave."""

import re
from datetime import timedelta

import requests
from django.db import transaction
from django.utils.timezone import now
from lti_tool.models import LtiUser
from pylti1p3.exception import LtiException, LtiServiceException
from pylti1p3.names_roles import NamesRolesProvisioningService
from pylti1p3.service_connector import ServiceConnector

from rapport.core.enums import JoinedVia
from rapport.core.progress import progress_forget, progress_report
from rapport.core.refusals import Refused
from rapport.courses.services.roster import RosterOutcome, RosterPerson, roster_apply
from rapport.integrations.lti.keys import signing_key_ensure
from rapport.integrations.lti.models import CourseLink, RosterSync, SyncStatus
from rapport.integrations.lti.people import PlatformPerson, person_resolve
from rapport.integrations.lti.roles import rapport_role

# A sync that has not finished this long after it was asked for is taken to have died
# with its worker: another may start.
STALE_AFTER = timedelta(minutes=30)
# An instructor's launch starts a sync unless one finished this recently.
LAUNCH_SYNC_EVERY = timedelta(minutes=15)
MAX_PAGES = 500  # a platform that links pages in a circle must not keep a worker forever
# Share of the progress bar: reading the LMS's pages, then applying the list.
FETCHED = 40
_NEXT_LINK = re.compile(r'<([^>]*)>\s*;\s*rel="?next"?', re.IGNORECASE)


def _running(link: CourseLink):
    return link.syncs.filter(
        status__in=[SyncStatus.QUEUED, SyncStatus.RUNNING], created_at__gte=now() - STALE_AFTER
    ).first()


@transaction.atomic
def roster_sync_request(*, link: CourseLink, user=None) -> RosterSync:
    """Start a sync of ``link``'s course, or return the one already under way (a second
    click or a second launch does not start another)."""
    CourseLink.objects.select_for_update().filter(pk=link.pk).first()
    running = _running(link)
    if running is not None:
        return running
    if not link.context.memberships_url:
        raise Refused(
            "Your LMS has not shared this course's class list with Rapport (Names and Role "
            "Provisioning). Ask your site administrator to allow it for Rapport."
        )
    sync = RosterSync.objects.create(link=link, requested_by=user)
    from rapport.integrations.lti.tasks import roster_sync_task

    transaction.on_commit(lambda: roster_sync_task(sync.pk))
    return sync


def roster_sync_after_launch(*, link: CourseLink, user) -> RosterSync | None:
    """The sync an instructor's launch starts, unless one ran a moment ago."""
    recent = link.syncs.filter(
        status=SyncStatus.DONE, finished_at__gte=now() - LAUNCH_SYNC_EVERY
    ).exists()
    if recent or not link.context.memberships_url:
        return None
    return roster_sync_request(link=link, user=user)


def _record(sync: RosterSync, **fields) -> None:
    for name, value in fields.items():
        setattr(sync, name, value)
    RosterSync.objects.filter(pk=sync.pk).update(**fields)
    if sync.is_finished:
        progress_forget(sync.progress_key)


def roster_sync_run(*, sync_id: int) -> RosterSync | None:
    """Run one requested sync; a sync already finished (a task delivered twice) is left
    alone."""
    sync = (
        RosterSync.objects.select_related("link__course", "link__context__deployment__registration")
        .filter(pk=sync_id)
        .first()
    )
    if sync is None or sync.is_finished:
        return sync
    _record(sync, status=SyncStatus.RUNNING, progress=1)
    try:
        members = fetch_members(sync)
        people = _roster_people(sync.link, members)
        outcome = roster_apply(
            course=sync.link.course,
            people=people,
            source=JoinedVia.LTI,
            remove_missing=True,
            on_progress=lambda done: progress_report(
                sync.progress_key, (FETCHED + (100 - FETCHED) * done) / 100
            ),
        )
    except (LtiException, requests.RequestException, ValueError, KeyError) as error:
        _record(sync, status=SyncStatus.FAILED, error=_why(error)[:500], finished_at=now())
        return sync
    except Refused as refusal:
        _record(sync, status=SyncStatus.FAILED, error=refusal.message[:500], finished_at=now())
        return sync
    _record(
        sync,
        status=SyncStatus.DONE,
        progress=100,
        outcome=outcome_summary(outcome)[:300],
        finished_at=now(),
    )
    return sync


def _why(error: Exception) -> str:
    if isinstance(error, LtiServiceException):
        return "Your LMS refused Rapport's request for the class list. " + str(error)[:300]
    if isinstance(error, requests.RequestException):
        return "Rapport could not reach your LMS for the class list. Try again later."
    return "Your LMS sent a class list Rapport could not read."


def fetch_members(sync: RosterSync) -> list[dict]:
    """Every member on every page of the context's membership list."""
    context = sync.link.context
    signing_key_ensure()
    service = NamesRolesProvisioningService(
        ServiceConnector(context.deployment.registration.to_registration()),
        {"context_memberships_url": context.memberships_url},
    )
    members: list[dict] = []
    url, seen = context.memberships_url, set()
    while url and url not in seen and len(seen) < MAX_PAGES:
        seen.add(url)
        page = service.get_nrps_data(members_url=url)
        members.extend((page.get("body") or {}).get("members", []))
        url = _next_page(page.get("headers") or {})
        # Pages are counted, not known ahead: each one moves the bar half-way to FETCHED.
        _record(sync, progress=max(sync.progress, FETCHED - FETCHED // (len(seen) + 1)))
    return members


def _next_page(headers: dict) -> str | None:
    """The next page's URL, as written (pylti1p3 lowercases it, which breaks URLs with
    capitals in their path or query)."""
    link = next((value for name, value in headers.items() if name.lower() == "link"), "")
    match = _NEXT_LINK.search(link.replace("\n", " "))
    return match.group(1) if match else None


def _roster_people(link: CourseLink, members: list[dict]) -> list[RosterPerson]:
    """Active members with a Rapport role, each resolved to a Rapport user by platform +
    sub (found in bulk; the ones not met yet made one by one, as a launch would)."""
    registration = link.context.deployment.registration
    wanted = {}
    for member in members:
        role = rapport_role(member.get("roles"))
        if member.get("user_id") and role and member.get("status", "Active") == "Active":
            wanted.setdefault(str(member["user_id"]), (member, role))
    known = dict(
        LtiUser.objects.filter(
            registration=registration, sub__in=list(wanted), auth_user__isnull=False
        ).values_list("sub", "auth_user_id")
    )
    people = []
    for sub, (member, role) in wanted.items():
        person = PlatformPerson.from_claims(member, sub_key="user_id")
        user_id = known.get(sub)
        if user_id is None:
            user_id = person_resolve(registration=registration, person=person).pk
        people.append(RosterPerson(user_id=user_id, full_name=person.full_name, role=role))
    return people


def outcome_summary(outcome: RosterOutcome) -> str:
    parts = [
        (outcome.added, "added"),
        (outcome.reactivated, "back"),
        (outcome.role_changed, "with a new role"),
        (outcome.removed, "removed"),
        (outcome.unchanged, "unchanged"),
    ]
    text = ", ".join(f"{count} {what}" for count, what in parts if count) or "Nobody to sync"
    if outcome.errors:
        text += f"; {len(outcome.errors)} skipped ({outcome.errors[0]})"
    return text + "."
