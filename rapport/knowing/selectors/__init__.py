"""Reads for learner cards, the roster and milestones, by topic. Every list here costs the
same number of queries however many learners the course has.

Privacy: everything here is for the course's staff, except ``milestones.my_milestones``
(the learner's own) — staff notes, birthdays and staff-only milestones never reach a page a
learner can open."""
