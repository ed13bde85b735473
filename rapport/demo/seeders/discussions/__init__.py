"""The demo's discussions: six weeks of Environmental Science 101's forum — the teaching
team's welcome and norms, a long introductions thread, weekly questions, a thread about
studying with kids at home, a field trip told in words, and topics learners started.

Staff answer warmly and by name; classmates answer each other and @mention each other.
Three learners (Dmitri, Liam, Wei) post but no classmate ever answers them, and exactly two
learner posts (Liam's and Rahul's) have waited more than a day — so the radar and the
"waiting" queue tell a true story.

``script`` and ``intros`` hold the words; ``seeder`` posts them through the discussion
services, dated in the past. Each topic is looked up by its title first, so a second run
adds nothing.
"""

from rapport.demo.seeders.discussions.seeder import seed_discussions

__all__ = ["seed_discussions"]
