"""Check-in pages, split by topic: reflections and moods."""

from rapport.community.checkins.views.moods import (
    mood,
    mood_follow_up,
    mood_learner,
    mood_overview,
    wellbeing_audit,
)
from rapport.community.checkins.views.reflections import (
    reflection_answer,
    reflection_prompt,
    reflection_prompt_edit,
    reflection_prompt_new,
    reflections,
)

__all__ = [
    "mood",
    "mood_follow_up",
    "mood_learner",
    "mood_overview",
    "reflection_answer",
    "reflection_prompt",
    "reflection_prompt_edit",
    "reflection_prompt_new",
    "reflections",
    "wellbeing_audit",
]
