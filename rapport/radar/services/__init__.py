"""The radar's writes: the teaching team setting someone on the reach-out list aside
(``set_aside``) and the weekly care plans and learner digests (``weekly_emails``)."""

from rapport.radar.services.set_aside import reach_out_decision_undo, reach_out_set_aside
from rapport.radar.services.weekly_emails import (
    care_plan_send,
    learner_digest_send,
    weekly_emails_send,
    weekly_emails_send_for,
)

__all__ = [
    "care_plan_send",
    "learner_digest_send",
    "reach_out_decision_undo",
    "reach_out_set_aside",
    "weekly_emails_send",
    "weekly_emails_send_for",
]
