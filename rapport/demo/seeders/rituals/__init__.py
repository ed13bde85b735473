"""The demo's class rituals and shout-outs in Environmental Science 101.

Two rituals run every Friday: "Win of the Week" (Maya and Tomás feature answers) and
"Fun Friday" (the class votes). Six weekly rounds — this week's still open — answered by
most learners, two of them by voice, with reactions, replies and featured posts; and six
weeks of shout-outs. The drifting learners (Dmitri, Liam, Wei) barely take part and no
classmate has shouted them out, reacted to or replied to them, so the radar's peer
network tells a true story.

Everything goes through the community services, dated in the past, and is looked up by a
key first, so a second run adds nothing.
"""

from rapport.demo.seeders.rituals.seeder import seed_rituals

__all__ = ["seed_rituals"]
