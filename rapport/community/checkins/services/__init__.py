"""Writes for reflections and mood check-ins, by topic. Views import from here."""

from rapport.community.checkins.services.moods import help_requests_follow_up, mood_record
from rapport.community.checkins.services.reflections import (
    reflection_answer_save,
    reflection_prompt_announce,
    reflection_prompt_create,
    reflection_prompt_fan_out,
    reflection_prompt_update,
    reflection_prompts_announce_due,
    reflection_reply_add,
)

__all__ = [
    "help_requests_follow_up",
    "mood_record",
    "reflection_answer_save",
    "reflection_prompt_announce",
    "reflection_prompt_create",
    "reflection_prompt_fan_out",
    "reflection_prompt_update",
    "reflection_prompts_announce_due",
    "reflection_reply_add",
]
