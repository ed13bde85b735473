"""What the radar reads from the touchpoint ledger, for every learner of a course at once
(never a loop over learners × events): the page-sized reading (``reading``: one grouped
pass), the questions one at a time (``questions``), and the words they share (``common``).

Which moments count as what is decided here, by kind, and explained in docs/radar.md:

- A *personal staff contact* is a touchpoint whose actor is active staff of the course and
  whose subject is the learner, of a kind in ``PERSONAL_STAFF_KINDS``. Broadcasts do not
  count: a course-wide check-in (``CHECKIN_POSTED``) has no subject, so it names nobody.
  Emoji reactions do not count either: a tap is not a human touch.
- A *peer interaction* is a touchpoint between two different active learners, of a kind in
  ``PEER_KINDS``; the actor gave it and the subject received it.
- *Participation* is anything a learner did themselves (they are the actor), but joining.
"""

from rapport.core.ledger_pass import WEEK, term_start
from rapport.radar.ledger.common import (
    BASELINE_WEEKS,
    CHECKIN_SEEN_KINDS,
    MOOD_WEEKS,
    OWN_POST_KINDS,
    PEER_KINDS,
    PERSONAL_STAFF_KINDS,
    RECENT_CHECKINS,
    REPLY_KINDS,
    Members,
    RecentCheckins,
    StaffContact,
    learner_ids,
    members,
    staff_ids,
)
from rapport.radar.ledger.questions import (
    classmates_of,
    peer_pairs,
    personal_contacts,
    shoutouts_received,
    weekly_activity,
)
from rapport.radar.ledger.reading import (
    Reading,
    latest_checkins,
    ledger_groups,
    open_help_requests,
    read,
)

__all__ = [
    "BASELINE_WEEKS",
    "CHECKIN_SEEN_KINDS",
    "MOOD_WEEKS",
    "OWN_POST_KINDS",
    "PEER_KINDS",
    "PERSONAL_STAFF_KINDS",
    "RECENT_CHECKINS",
    "REPLY_KINDS",
    "WEEK",
    "Members",
    "Reading",
    "RecentCheckins",
    "StaffContact",
    "classmates_of",
    "latest_checkins",
    "learner_ids",
    "ledger_groups",
    "members",
    "open_help_requests",
    "peer_pairs",
    "personal_contacts",
    "read",
    "shoutouts_received",
    "staff_ids",
    "term_start",
    "weekly_activity",
]
