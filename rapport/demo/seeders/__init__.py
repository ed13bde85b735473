"""One seeder a feature, each going through that feature's own services so the demo shows
the real thing: ``people`` (people and courses), ``presence``, ``surveys``, ``resources``,
``discussions``, ``rituals`` (rituals and shout-outs), ``walls``, ``groups`` (peer
partners), ``wellbeing`` (check-ins), ``events``, ``live``, ``office_hours`` (hours, a pool
and meetings) and ``knowing_people`` (notes, cards and milestones). ``rapport.demo.build``
runs them in order."""
