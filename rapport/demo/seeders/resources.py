"""The demo's resource library for Environmental Science 101 — eight tagged links (on
example.org: shown, never fetched) — and a few resources staff already picked for learners,
each with a personal line.

Written through knowing's services, dated in the past. Each item is looked up first, so a
second run adds nothing and never undoes what someone changed while exploring."""

from dataclasses import dataclass
from datetime import datetime, timedelta

from django.utils import timezone

from rapport.core.enums import Channel
from rapport.core.kinds import NotificationKind
from rapport.core.models import Notification
from rapport.core.refusals import Refused
from rapport.courses.models import Course
from rapport.demo.people import DEMO_DOMAIN
from rapport.knowing.models.resources import Level, Recommendation, Resource
from rapport.knowing.recommend import services

# Notifications older than this were read long ago.
READ_AFTER = timedelta(days=4)


def _email(local_part: str) -> str:
    return f"{local_part}@{DEMO_DOMAIN}"


INSTRUCTOR = _email("instructor")
TA = _email("ta")


@dataclass(frozen=True)
class DemoResource:
    title: str
    url: str
    description: str
    tags: str
    level: str
    added_by: str
    days_ago: int


RESOURCES = (
    DemoResource(
        "Wildfire smoke and your lungs",
        "https://example.org/env-sci/wildfire-smoke-health",
        "What the fine particles in wildfire smoke (PM2.5) do in the body, who is most at "
        "risk, and how to read the air quality index on a smoky day.",
        "air quality, wildfire, health",
        Level.INTRO,
        INSTRUCTOR,
        30,
    ),
    DemoResource(
        "Saltwater intrusion in river deltas",
        "https://example.org/env-sci/saltwater-intrusion",
        "Why sea water creeps upstream in the dry season, from the Mekong to the Nile, and "
        "what it means for rice farms and drinking water.",
        "rivers, salinity, agriculture, sea level",
        Level.INTERMEDIATE,
        INSTRUCTOR,
        30,
    ),
    DemoResource(
        "Mangroves as flood defence",
        "https://example.org/env-sci/mangroves-flooding",
        "How mangrove forests slow storm surges and protect coastal cities, with a case "
        "study from the Lagos lagoon.",
        "flooding, coasts, cities, mangroves",
        Level.INTERMEDIATE,
        TA,
        28,
    ),
    DemoResource(
        "Testing lake water at home",
        "https://example.org/env-sci/lake-water-testing",
        "A step-by-step guide to measuring nitrate, phosphate and clarity with a simple "
        "kit — and what the numbers actually mean for the lake.",
        "water quality, lakes, citizen science",
        Level.INTRO,
        INSTRUCTOR,
        27,
    ),
    DemoResource(
        "Counting migrating birds",
        "https://example.org/env-sci/bird-migration-counts",
        "How volunteers track migration along wetlands and flyways, and how to join a count "
        "near you.",
        "birds, wetlands, citizen science, biodiversity",
        Level.INTRO,
        TA,
        25,
    ),
    DemoResource(
        "Urban heat islands, mapped",
        "https://example.org/env-sci/urban-heat-islands",
        "Why some neighbourhoods are hotter than others — asphalt, trees and shade — with "
        "satellite maps of three cities.",
        "cities, heat, maps, climate change",
        Level.INTERMEDIATE,
        TA,
        21,
    ),
    DemoResource(
        "Coral bleaching explained",
        "https://example.org/env-sci/coral-bleaching",
        "Warming oceans stress corals until they expel their algae. What reefs need to "
        "recover, and what the latest surveys show.",
        "oceans, coral reefs, climate change",
        Level.ADVANCED,
        INSTRUCTOR,
        18,
    ),
    DemoResource(
        "Composting: soil from scraps",
        "https://example.org/env-sci/composting-basics",
        "Turning food waste into rich soil on a balcony or an allotment, and why compost "
        "keeps methane out of landfills.",
        "soil, waste, gardening",
        Level.INTRO,
        INSTRUCTOR,
        14,
    ),
)


@dataclass(frozen=True)
class DemoPick:
    resource: str
    learner: str
    sender: str
    days_ago: float
    note: str


PICKS = (
    DemoPick(
        "Wildfire smoke and your lungs",
        _email("learner"),
        INSTRUCTOR,
        6,
        "Thought of you because you mentioned the smoke every summer — this explains the "
        "air quality index better than anything I've found.",
    ),
    DemoPick(
        "Testing lake water at home",
        _email("aroha"),
        INSTRUCTOR,
        9,
        "Thought of you because you mentioned your lake care group. Section 3 says what the "
        "nitrate numbers mean — I'd love to hear if it matches what you see in Rotorua.",
    ),
    DemoPick(
        "Mangroves as flood defence",
        _email("seun"),
        TA,
        4,
        "Thought of you because you mentioned mangroves and drains — the Lagos case study "
        "is right at the end!",
    ),
    DemoPick(
        "Saltwater intrusion in river deltas",
        _email("lan"),
        INSTRUCTOR,
        2,
        "Thought of you because you mentioned the salt water creeping up the river. The "
        "Mekong section is written with rice farmers in mind.",
    ),
    DemoPick(
        "Counting migrating birds",
        _email("mateus"),
        TA,
        11,
        "Thought of you because you mentioned your birdwatching trips — maybe your groups "
        "could join a count?",
    ),
)


def seed_resources(*, course: Course, users: dict, now: datetime) -> int:
    """Fill in what is missing of the library and the picks in ``course``; returns how many
    things were added."""
    started = timezone.now()
    added = 0
    library = {resource.title: resource for resource in Resource.objects.filter(course=course)}
    for demo in RESOURCES:
        creator = users.get(demo.added_by)
        if demo.title in library or creator is None:
            continue
        resource = services.resource_create(
            course=course,
            creator=creator,
            data=services.ResourceInput(
                title=demo.title,
                url=demo.url,
                description=demo.description,
                tags=demo.tags,
                level=demo.level,
            ),
        )
        at = now - timedelta(days=demo.days_ago)
        Resource.objects.filter(pk=resource.pk).update(created_at=at, updated_at=at)
        library[demo.title] = resource
        added += 1
    for pick in PICKS:
        resource, learner = library.get(pick.resource), users.get(pick.learner)
        sender = users.get(pick.sender)
        if resource is None or learner is None or sender is None:
            continue
        if Recommendation.objects.filter(resource=resource, learner=learner).exists():
            continue
        at = now - timedelta(days=pick.days_ago)
        try:
            services.recommendation_send(
                course=course,
                resource=resource,
                learner=learner,
                sender=sender,
                note=pick.note,
                now=at,
            )
        except Refused:
            continue  # someone changed the demo (a learner left, a role changed): skip it
        _settle_notification(learner=learner, now=now, at=at, since=started)
        added += 1
    return added


def _settle_notification(*, learner, now: datetime, at: datetime, since: datetime) -> None:
    """Date the notification just sent as if sent then: emailed then to people who prefer
    email (so the demo sends no stale email), and read by now unless recent."""
    fresh = Notification.objects.filter(
        recipient=learner, kind=NotificationKind.RESOURCE_RECOMMENDED, created_at__gte=since
    )
    if learner.preferred_channel == Channel.EMAIL:
        fresh.update(emailed_at=at)
    fresh.update(created_at=at, read_at=at if at < now - READ_AFTER else None)
