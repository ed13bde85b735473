"""The demo's surveys: "Getting to know you", answered by every learner in their own words,
and an anonymous mid-term "How's the pace?" with a handful of answers."""

from rapport.demo.seeders.surveys.seeder import seed_surveys

__all__ = ["seed_surveys"]
