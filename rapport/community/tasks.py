"""The task worker loads each app's ``tasks`` module: this one registers the community
features' periodic tasks (ritual rounds, reflection prompts)."""

from rapport.community.checkins.tasks import (  # noqa: F401
    announce_due_reflection_prompts,
    reflection_prompt_notify_learners,
)
from rapport.community.rituals.tasks import ritual_round_notify, rituals_hourly  # noqa: F401
