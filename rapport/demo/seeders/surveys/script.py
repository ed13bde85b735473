"""What each demo learner said in "Getting to know you", in their own voice, and the
handful of anonymous answers to the mid-term "How's the pace?".

Best times are hours in the person's own time zone — (days, from hour, to hour) — turned
into UTC slots by the seeder, the way the answer page does it."""

from dataclasses import dataclass

WEEKDAYS = (0, 1, 2, 3, 4)
SATURDAY, SUNDAY = (5,), (6,)
WEEKEND = (5, 6)
EVERY_DAY = tuple(range(7))


@dataclass(frozen=True)
class IntroAnswer:
    goals: str
    interests: tuple[str, ...]
    feedback: tuple[str, ...]
    times: tuple[tuple[tuple[int, ...], int, int], ...]
    helps: str
    in_the_way: str
    proud_of: str
    name_say: str = ""


# Keyed by the local part of each demo email address.
INTRO = {
    "learner": IntroAnswer(
        goals="Understand what the wildfire smoke every summer is actually doing to us — and "
        "to the forests.\nBe able to explain it to my patients' families without scaring them.",
        interests=("hiking", "photography", "climate policy", "cooking"),
        feedback=("Gentle", "Written"),
        times=((WEEKDAYS, 9, 12),),
        helps="Recordings I can pause, with captions. I take notes by hand and then type them "
        "up — that's when it sticks.",
        in_the_way="I work night shifts at a hospital pharmacy, so I'm asleep most afternoons "
        "and I'll miss the live sessions. I'll always watch the recordings, I promise.",
        proud_of="I started a little herb garden on our hospital roof with two nurses. The "
        "basil survived a Denver hailstorm.",
        name_say="Sam is perfect! (Samira is sah-MEE-rah.)",
    ),
    "aroha": IntroAnswer(
        goals="Understand the water testing we do for our lake properly — what the numbers "
        "mean and when we should actually worry.",
        interests=("volunteering", "gardening", "hiking", "photography"),
        feedback=("Gentle", "Spoken"),
        times=((WEEKDAYS, 20, 22), (SATURDAY, 9, 11)),
        helps="Real examples. Show me a graph from an actual lake and I'll remember it forever.",
        in_the_way="My two kids (6 and 9). The school holidays land in the middle of term, so "
        "those two weeks will be chaos.",
        proud_of="Our lake care group got the council to fix a stormwater drain after two "
        "years of letters and one very muddy site visit.",
        name_say="AH-roh-hah — the r is a soft tap, almost a d.",
    ),
    "lan": IntroAnswer(
        goals="Understand why salt water creeps further up the Mekong every dry season, well "
        "enough to explain it to the farmers we buy rice from.",
        interests=("cooking", "gardening", "climate policy", "photography"),
        feedback=("Direct", "Written"),
        times=((WEEKDAYS, 20, 22), (SATURDAY, 8, 10)),
        helps="Diagrams, and time to read slowly in English. Transcripts of the videos help "
        "me a lot.",
        in_the_way="March is harvest and export season at work. I may be slow to reply then.",
        proud_of="I translated our company's sustainability report into Vietnamese so the "
        "farmers could read it too.",
        name_say="Lan is easy — “LAHN”. Nguyễn is closer to “nwin” than “en-GOO-yen”.",
    ),
    "seun": IntroAnswer(
        goals="Learn how drainage design and mangroves work together against flooding in "
        "Lagos. I want to use it in my final-year project.",
        interests=("soccer", "coding", "music", "cycling"),
        feedback=("Direct", "Spoken"),
        times=((WEEKDAYS, 18, 21), (SUNDAY, 15, 18)),
        helps="Worked examples with real numbers, and study groups that actually meet.",
        in_the_way="Power cuts. If I drop out of a live session, the light went off — I'll "
        "catch up on the recording.",
        proud_of="I designed a soakaway pit for my uncle's compound and it didn't flood once "
        "this rainy season.",
        name_say="SHAY-oon. In full, Oluwaseun: oh-loo-WAH-shay-oon.",
    ),
    "wei": IntroAnswer(
        goals="Collect good hands-on activities about water and air for my own middle-school "
        "classes.",
        interests=("birds", "photography", "reading"),
        feedback=("Direct", "Written"),
        times=(((0, 2, 3), 20, 22),),
        helps="Seeing how other teachers explain things. I borrow good ideas (with credit!).",
        in_the_way="Exam season and marking at my school in January.",
        proud_of="My students built a rain-gauge network across our school's three campuses.",
        name_say="Wei is “WAY”. Zhang is “jahng”.",
    ),
    "soren": IntroAnswer(
        goals="Finally understand the chemistry of my compost, and what soil people mean when "
        "they say “carbon”.",
        interests=("gardening", "cycling", "cooking", "birds"),
        feedback=("Direct", "Written"),
        times=((WEEKDAYS, 9, 12),),
        helps="Plain explanations, and being allowed to ask the “silly” question.",
        in_the_way="Nothing much — I'm retired! Perhaps the allotment in spring.",
        proud_of="I kept the old ferry's diesel engines running for 31 years without a single "
        "cancelled crossing.",
        name_say="SUR-en. The ø sounds like the u in “fur”.",
    ),
    "priya": IntroAnswer(
        goals="Build a portfolio project with real climate data so I can move into climate "
        "work.\nGet comfortable reading the science, not just the headlines.",
        interests=("coding", "climate policy", "music", "cooking"),
        feedback=("Direct", "Written"),
        times=((WEEKDAYS, 19, 21), (SATURDAY, 10, 13)),
        helps="Data I can download and poke at myself. Spreadsheets over slides, always.",
        in_the_way="Quarter-end at work in late March means long days for about a week.",
        proud_of="I automated a 40-hour monthly report at work down to 20 minutes.",
        name_say="PREE-yah rah-goo-NAH-tun.",
    ),
    "mateus": IntroAnswer(
        goals="Learn to explain forest fragmentation to the tourists on my birdwatching "
        "trips — in good English.",
        interests=("birds", "hiking", "photography", "soccer"),
        feedback=("Gentle", "Spoken"),
        times=((WEEKDAYS, 19, 22),),
        helps="Pictures and maps. And patience with my long sentences!",
        in_the_way="At weekends I'm in the forest with groups, usually with no signal.",
        proud_of="I've recorded 412 bird species in the Atlantic Forest. My guests spotted "
        "number 400 — a very shy antwren.",
        name_say="mah-TAY-oos.",
    ),
    "fatima": IntroAnswer(
        goals="Understand water scarcity and how cities plan for drought. Morocco needs "
        "people who get this.",
        interests=("sustainable fashion", "cooking", "volunteering", "reading"),
        feedback=("Gentle", "Written"),
        times=((WEEKDAYS, 21, 23), (WEEKEND, 14, 17)),
        helps="Writing things down. I understand a topic once I've written my own summary.",
        in_the_way="Ramadan falls during the term, so my evenings will look different for a month.",
        proud_of="I organised a clothes swap at my faculty that kept 300 pieces out of the bin.",
        name_say="FAH-tee-mah ZAH-rah — both names together, please.",
    ),
    "yuki": IntroAnswer(
        goals="Draw insects more truthfully by understanding where and how they live.",
        interests=("photography", "birds", "hiking", "music"),
        feedback=("Gentle", "Written"),
        times=((WEEKDAYS, 8, 10), (WEEKDAYS, 21, 23)),
        helps="Seeing things: diagrams, specimens, close-up video.",
        in_the_way="A picture-book deadline in February. I might go quiet for a week or two.",
        proud_of="My first picture book, about beetles, came out last year. Children write to "
        "me about their beetles now.",
        name_say="YOO-kee.",
    ),
    "chidera": IntroAnswer(
        goals="Understand how air pollution shows up in the patients I nurse, and what we "
        "could do about it.",
        interests=("volunteering", "music", "cooking"),
        feedback=("Direct", "Written"),
        times=((WEEKDAYS, 20, 22),),
        helps="Short videos I can watch on my break, and clear checklists.",
        in_the_way="Night shifts — I rotate, so some weeks I sleep through the day and some "
        "weeks I'm on the ward all night.",
        proud_of="I started an asthma clinic day at our hospital. Thirty families came to the "
        "first one.",
        name_say="chee-DEH-rah EH-zeh.",
    ),
    "anamaria": IntroAnswer(
        goals="Understand ecosystems well enough to recommend the right nature writing to "
        "the people in my bookshop.",
        interests=("reading", "music", "cycling", "sustainable fashion"),
        feedback=("Gentle", "Spoken"),
        times=(((1, 3), 19, 22), (SUNDAY, 10, 12)),
        helps="Stories. Give me the story of a river and I'll remember the science.",
        in_the_way="December is madness at the bookshop.",
        proud_of="I started our shop's climate-fiction book club. Two years on, it's still "
        "full every month.",
        name_say="AH-nah — Ana is perfect.",
    ),
    "kwame": IntroAnswer(
        goals="Measure whether shade-grown cocoa really stores more carbon in the soil, with "
        "methods farmers can use themselves.",
        interests=("soccer", "gardening", "climate policy"),
        feedback=("Direct", "Spoken"),
        times=((WEEKDAYS, 19, 21), (SATURDAY, 8, 10)),
        helps="Field examples, and comparing data from different farms side by side.",
        in_the_way="Field visits in the Ashanti region — some weeks I'm out of network for days.",
        proud_of="Twelve farmers in our pilot switched to shade-grown, and their yields held.",
        name_say="KWAH-meh.",
    ),
    "ingrid": IntroAnswer(
        goals="Bring Arctic ecology into my own geography lessons, with real data from "
        "around Tromsø.",
        interests=("hiking", "photography", "birds", "cycling"),
        feedback=("Direct", "Written"),
        times=((WEEKDAYS, 16, 19), (SATURDAY, 9, 11)),
        helps="Clear structure: what we're doing this week and why it matters.",
        in_the_way="Parent evenings, and exam marking towards the end of term.",
        proud_of="I took my class out to see the northern lights and explained them — not one "
        "of them looked at a phone.",
    ),
    "joseluis": IntroAnswer(
        goals="Understand Mexico City's air — why some days are so bad and what actually helps.",
        interests=("soccer", "music", "cycling", "cooking"),
        feedback=("Direct", "Spoken"),
        times=((WEEKDAYS, 21, 23), (SUNDAY, 14, 17)),
        helps="Audio I can listen to, and examples from my own city.",
        in_the_way="A long commute — two hours a day in traffic. I listen to the recordings in "
        "the truck (parked!).",
        proud_of="I taught myself English with podcasts in my truck.",
        name_say="ho-SEH loo-EES — both names, please.",
    ),
    "leilani": IntroAnswer(
        goals="Learn how what happens on land reaches the reef, so our planting makes the "
        "biggest difference.",
        interests=("gardening", "volunteering", "hiking", "surfing"),
        feedback=("Gentle", "Spoken"),
        times=((WEEKDAYS, 18, 20), (SATURDAY, 7, 9)),
        helps="Hands-on first, reading after. I learn by doing.",
        in_the_way="I have a second job waiting tables on weekends, and restoration workdays "
        "some Saturdays.",
        proud_of="Our group planted 2,000 native plants along the stream behind my old school.",
        name_say="lay-LAH-nee.",
    ),
    "dmitri": IntroAnswer(
        goals="Pass. I need the credits for my degree.",
        interests=("coding", "cycling"),
        feedback=("Direct", "Written"),
        times=((WEEKDAYS, 22, 24),),
        helps="Short readings.",
        in_the_way="I have a second job in a warehouse, evening shifts.",
        proud_of="Finished a half marathon last spring.",
    ),
    "amara": IntroAnswer(
        goals="Get the fisheries science right before I write about it — no more guessing "
        "at what the scientists mean.",
        interests=("climate policy", "photography", "music", "cooking"),
        feedback=("Direct", "Spoken"),
        times=((WEEKDAYS, 7, 9), ((1, 3), 20, 22)),
        helps="Talking to people who know. Questions and answers, like an interview.",
        in_the_way="Reporting trips along the coast, sometimes at very short notice.",
        proud_of="My series on the sardinella fishery was read out on national radio.",
        name_say="ah-MAH-rah dee-AH-loh.",
    ),
    "hana": IntroAnswer(
        goals="Design with water instead of against it: green roofs, rain gardens, "
        "streets that soak up storms.",
        interests=("cycling", "photography", "gardening", "music", "sustainable fashion"),
        feedback=("Direct", "Spoken"),
        times=((WEEKDAYS, 20, 23), (SUNDAY, 15, 18)),
        helps="Drawing it out — sections, diagrams, quick sketches.",
        in_the_way="Studio deadlines. The week before a crit, I basically live in the studio.",
        proud_of="Our studio's rain-garden design is being built in a Prague schoolyard this "
        "spring.",
        name_say="HAH-nah NO-vahk.",
    ),
    "liam": IntroAnswer(
        goals="Get through it, honestly — it's a requirement. Hoping it's more interesting "
        "than I expect.",
        interests=("soccer", "music"),
        feedback=("Direct",),
        times=((WEEKDAYS, 20, 22),),
        helps="Short videos, and knowing exactly what's due when.",
        in_the_way="I work full time and train with my club twice a week.",
        proud_of="Scored in the county final last year.",
    ),
    "emily": IntroAnswer(
        goals="Prove to myself I can still learn — and understand what's in our well water.",
        interests=("cooking", "gardening", "reading", "volunteering"),
        feedback=("Gentle", "Written"),
        times=((WEEKDAYS, 9, 11), ((1,), 19, 21)),
        helps="Encouragement, honestly. And clear deadlines I can plan the week around.",
        in_the_way="Three kids, two of them under five. Sick days happen without warning!",
        proud_of="I ran our school's fundraiser and we raised $8,000 for a new playground.",
    ),
    "jordan": IntroAnswer(
        goals="Understand climate news instead of doom-scrolling it.",
        interests=("music", "climate policy", "sustainable fashion", "cycling"),
        feedback=("Direct", "Spoken"),
        times=((WEEKDAYS, 14, 17), ((0,), 9, 11)),
        helps="Podcasts and conversations — being able to ask “wait, why?”.",
        in_the_way="Gigs on weekends and a second job at the café. My hours change every week.",
        proud_of="My band played a benefit show that paid for a community garden's new beds.",
    ),
    "rahul": IntroAnswer(
        goals="Understand heat and cooling — Dubai summers are brutal and our energy use is wild.",
        interests=("coding", "soccer", "cooking", "photography"),
        feedback=("Direct", "Written"),
        times=((WEEKDAYS, 20, 22),),
        helps="Numbers. Show me the kilowatt-hours.",
        in_the_way="A long Metro commute, and work travel now and then.",
        proud_of="I built a small app that tracks our building's air-conditioning use.",
        name_say="RAH-hool MEH-non.",
    ),
    "grace": IntroAnswer(
        goals="Explain elephants AND the drought to my guests — how the two are tied together.",
        interests=("birds", "photography", "hiking", "volunteering"),
        feedback=("Gentle", "Spoken"),
        times=((EVERY_DAY, 20, 22),),
        helps="Stories from the field, and short videos I can download when I have signal.",
        in_the_way="Peak safari season in July and August, and patchy signal in the park.",
        proud_of="I helped a Maasai community school start a wildlife club. They meet every "
        "Friday.",
        name_say="GRACE wahn-JEE-roo.",
    ),
    "mia": IntroAnswer(
        goals="See how what happens on land ends up on the reef — runoff, sediment, all of it.",
        interests=("surfing", "hiking", "photography", "climate policy", "birds"),
        feedback=("Direct", "Spoken"),
        times=((WEEKDAYS, 18, 21), (SATURDAY, 13, 16)),
        helps="Study buddies! Talking it through out loud.",
        in_the_way="Field trips for my marine course, and a part-time job at the aquarium café.",
        proud_of="I got my rescue-diver certification last summer.",
    ),
}


PACE_TITLE = "How's the pace?"
PACE_INTRO = (
    "Five weeks in — a quick, **anonymous** check on how the course feels. Honest answers "
    "help me adjust the next few weeks. — Maya"
)
PACE_HOURS = ["Under 2", "2–4", "4–6", "More than 6"]
PACE_HELPS = [
    "Weekly check-in videos",
    "The readings",
    "Live sessions",
    "Discussions",
    "Study partners",
]
# (who answered — only their participation is recorded —, scale, hours, helps, words)
PACE_ANSWERS = [
    ("aroha", 3, "2–4", ("Weekly check-in videos", "Discussions"), "More lake examples, please!"),
    (
        "lan",
        4,
        "4–6",
        ("The readings",),
        "A little fast in week 3 — the nitrogen cycle needed another day for me.",
    ),
    ("seun", 2, "2–4", ("Study partners", "Live sessions"), "Could go a bit faster for me."),
    (
        "priya",
        3,
        "2–4",
        ("The readings", "Discussions"),
        "Could we have one dataset to play with each week?",
    ),
    (
        "mateus",
        4,
        "2–4",
        ("Weekly check-in videos",),
        "Slower around the assignments, or one extra day for the map.",
    ),
    (
        "chidera",
        3,
        "Under 2",
        ("Weekly check-in videos",),
        "Honestly it's going well. A short "
        "recap at the start of each week would help on my night-shift weeks.",
    ),
    (
        "emily",
        3,
        "2–4",
        ("Weekly check-in videos", "Study partners"),
        "I love it. Please keep the videos short!",
    ),
    (
        "hana",
        4,
        "More than 6",
        ("Discussions",),
        "A live session at a time that works for Europe, even once, would be lovely.",
    ),
]

# The belonging pulse, every two weeks: rounds opened this many weeks ago (the last one is
# still open). Scores are (teachers, classmates, learning), 1–5, one per round; None: not
# answered. The drifting learners feel less and less connected, and two of them have not
# answered the round that is open; everyone else is drawn from PULSE_USUAL, seeded by name.
PULSE_EVERY_WEEKS = 2
PULSE_ROUNDS_WEEKS_AGO = (5, 3, 1)
PULSE_DRIFTING = {
    "dmitri": [(3, 3, 4), (2, 2, 3), None],
    "liam": [(4, 3, 4), (3, 2, 3), (2, 2, 3)],
    "wei": [(3, 2, 4), (3, 2, 3), None],
    # The demo learner answers when they sign in: the open round waits on their home page.
    "learner": [(4, 4, 4), (4, 5, 4), None],
}
PULSE_USUAL = ((3, 4, 4), (4, 4, 5), (4, 3, 4), (5, 4, 4), (4, 5, 5), (3, 3, 4))
# One usual learner in this many misses a round.
PULSE_SKIPS_ONE_IN = 8
