"""Six weeks of Environmental Science 101's discussions, oldest topic first. The long
introductions thread is in ``intros``."""

from rapport.demo.seeders.discussions.words import DemoTopic, say

START_HERE = DemoTopic(
    title="Start here: how our discussions work",
    pinned=True,
    opening=say(
        "instructor",
        39.0,
        "Welcome to our discussion space! A few things that make it work:\n\n"
        "- **Use names.** Start a reply with the name of the person you're answering.\n"
        "- **Ask the question you think is too simple.** It never is.\n"
        "- **Mention someone** by typing @ and their name, so they hear about it.\n"
        "- Tomás and I read everything, usually within a day.\n\n"
        "If something here ever feels unkind or unsafe, use *Report* under the post — only "
        "the teaching team sees it.",
        say(
            "emily",
            10.6,
            "Is it okay to post late at night? My only quiet time is after the kids are asleep 😅",
            say(
                "instructor",
                10.4,
                "{@emily} absolutely — post whenever works for you. Nobody expects instant "
                "replies, and late-night questions are some of the best ones.",
            ),
        ),
    ),
)

TECH_CHECK = DemoTopic(
    title="Tech check before we start",
    locked=True,
    opening=say(
        "ta",
        36.0,
        "Before week 1: can you open the Week 1 video and see the captions? Reply here if "
        "anything doesn't work — phone, tablet or laptop.",
        say(
            "aroha",
            26.6,
            "Kia ora! Works fine on my phone from Rotorua, captions and all.",
            say(
                "ta",
                26.4,
                "Kia ora {@aroha}, thanks for being first! Phones are exactly what I hoped "
                "people would test on.",
            ),
        ),
        say(
            "lan",
            25.9,
            "The video plays, but slowly on my connection. Is there a way to download it?",
            say(
                "ta",
                25.7,
                "Good question, {@lan}. Every video has a transcript under it, and I've added "
                "download links today. Thank you for telling me!",
            ),
        ),
    ),
)

WATER = DemoTopic(
    title="Week 2 question: where does your tap water start?",
    opening=say(
        "instructor",
        20.5,
        "Follow the raindrop backwards: find your watershed on the map in the Week 2 module. "
        "What's its name, and what surprised you about where your tap water starts?",
        say(
            "lan",
            20.1,
            "The Mekong, of course! What surprised me: the river carries less sediment every "
            "year because of the dams upstream, so the delta is actually *sinking*. That's "
            "part of why the salt gets in.",
            say(
                "aroha",
                19.8,
                "{@lan} that's incredible and scary. Our lake has the opposite problem — too "
                "many nutrients washing in from the farms.",
                say(
                    "instructor",
                    19.6,
                    "{@lan} {@aroha} — too little sediment, too many nutrients. Two "
                    "watersheds, both shaped by what happens upstream. This is the whole "
                    "course in one exchange 💚",
                ),
            ),
        ),
        say(
            "learner",
            19.5,
            "Denver gets a lot of its water from the Colorado River — through tunnels under "
            "the Continental Divide! I had no idea my shower crosses a mountain range.",
            say(
                "mateus",
                19.2,
                "{@learner} through the mountains! In São Paulo we had a big water crisis in "
                "2014, the reservoirs almost empty. Now I check the levels every week.",
                say(
                    "ta",
                    19.0,
                    "{@mateus} the Cantareira crisis is a great case study — would you share "
                    "what it looked like from the ground? {@learner}, your tunnel is now my "
                    "favourite fact.",
                ),
            ),
        ),
        say(
            "seun",
            19.3,
            "Lagos Lagoon. Surprise: a lot of Lagos doesn't get piped water at all — people "
            "rely on boreholes.",
            say(
                "ta",
                19.1,
                "That's so important, {@seun} — “where does your water come from” has a "
                "different answer on every street. Boreholes bring their own groundwater "
                "story.",
            ),
        ),
        say(
            "wei",
            18.0,
            "Suzhou water comes from Taihu Lake. In 2007 an algae bloom made the tap water "
            "smell bad for weeks. My students still talk about it.",
            say(
                "instructor",
                17.7,
                "Thank you, {@wei} — the 2007 Taihu bloom is a powerful example. Your "
                "students might like to compare it with a lake in New Zealand: same story, "
                "different continent.",
            ),
        ),
        say(
            "ingrid",
            17.6,
            "Tromsø's water comes from a mountain lake fed by snowmelt. Surprise: it's so "
            "cold that the treatment plant has to warm it a little!",
            say(
                "ta",
                17.4,
                "Warming the water, {@ingrid}! I did not know that. Snowmelt towns will see "
                "big changes in timing.",
            ),
        ),
        say(
            "hana",
            11.5,
            "Prague: the Želivka reservoir. The surprise was how much of the city's rain goes "
            "straight into the sewers instead of back into the ground.",
            say(
                "soren",
                11.3,
                "{@hana} this is why you need green roofs 😉",
                say(
                    "instructor",
                    11.1,
                    "{@hana} {@soren} — rain as a resource rather than a waste. Keep going, "
                    "you two.",
                ),
            ),
        ),
    ),
)

KIDS_AT_HOME = DemoTopic(
    title="How do you study with kids at home?",
    opening=say(
        "emily",
        9.8,
        "I'm trying to do the readings with a 4-year-old and a 7-year-old around. Mornings "
        "are chaos, evenings I'm exhausted. How do other parents (or anyone with a busy "
        "house) actually fit this in?",
        say(
            "aroha",
            9.5,
            "{@emily} I do 20 minutes while they're in the bath (I sit on the floor with my "
            "phone 😂). And the videos with captions, on mute, while they watch cartoons!",
            say(
                "emily",
                9.3,
                "{@aroha} the bath trick! Trying it tonight.",
                say(
                    "aroha",
                    9.1,
                    "{@emily} report back! Keep a towel for your phone.",
                    say(
                        "instructor",
                        8.9,
                        "{@aroha} {@emily} — I'm adding “study in the bath” to the course "
                        "tips, with credit 😄",
                    ),
                ),
            ),
        ),
        say(
            "instructor",
            9.6,
            "{@emily}, thank you for asking this — so many of you are studying around "
            "families, jobs and night shifts. Nothing in this course is due at a particular "
            "hour. Fifteen minutes counts.",
        ),
        say(
            "ingrid",
            9.2,
            "Teacher tip: I give my own kids “homework” next to me — they draw what I'm "
            "reading about. My daughter has drawn a *lot* of glaciers.",
            say(
                "emily",
                9.0,
                "{@ingrid} oh I love that. My 7-year-old would love drawing rivers.",
                say(
                    "ta",
                    8.8,
                    "{@emily} {@ingrid} — and {@yuki} draws insects for a living. Yuki, do "
                    "you have a drawing prompt for kids? 🐞",
                    say(
                        "yuki",
                        8.5,
                        "Of course! {@emily}: draw the smallest creature you can find in the "
                        "garden, then give it a name and a job.",
                        say(
                            "emily",
                            8.2,
                            "{@yuki} they named a beetle “Gerald the Recycler”. I'm crying.",
                            say(
                                "instructor",
                                8.0,
                                "Gerald the Recycler deserves a place on our class wall, "
                                "{@emily}. Thank you all — this thread is the heart of this "
                                "course.",
                            ),
                        ),
                    ),
                ),
            ),
        ),
        say(
            "chidera",
            8.7,
            "Not a parent, but I study on night shifts in short bursts. Small pieces add up "
            "— don't wait for a perfect quiet hour.",
            say(
                "emily",
                8.4,
                "{@chidera} this takes so much pressure off. Thank you.",
                say(
                    "ta",
                    8.3,
                    "{@chidera} yes — and {@emily}, small pieces count fully here.",
                ),
            ),
        ),
    ),
)

SOIL = DemoTopic(
    title="Week 3 question: what's living in your soil?",
    opening=say(
        "instructor",
        12.9,
        "Dig a small hole — a spoon's depth is enough — and tell us what you find. Count "
        "the creatures, describe the smell and the colour. No garden? A park, a pot plant "
        "or a crack in the pavement all count.",
        say(
            "soren",
            12.6,
            "Allotment report: 11 worms in one spadeful, two centipedes, and that lovely "
            "earthy smell — that's geosmin, made by bacteria!",
            say(
                "kwame",
                12.3,
                "{@soren} 11 worms! Our cocoa plots under shade trees have far more life "
                "than the full-sun ones. The leaf litter makes the difference.",
                say(
                    "soren",
                    12.1,
                    "{@kwame} leaf litter is everything. Do you leave the pods to rot in the "
                    "field?",
                    say(
                        "kwame",
                        11.9,
                        "{@soren} yes, the husks go back to the soil. The farmers call it "
                        "“feeding the ground”.",
                        say(
                            "instructor",
                            11.7,
                            "“Feeding the ground” — what a phrase, {@kwame}. {@soren}, I "
                            "think you've found your soil twin.",
                        ),
                    ),
                ),
            ),
        ),
        say(
            "yuki",
            12.4,
            "Pot plant on my balcony in Osaka: one very surprised woodlouse. I drew him. His "
            "name is Kenji.",
            say(
                "leilani",
                12.0,
                "{@yuki} Kenji!! Please share the drawing 🥹",
                say(
                    "ta",
                    11.8,
                    "{@yuki} {@leilani} Kenji is now the unofficial mascot of week 3.",
                ),
            ),
        ),
        say(
            "dmitri",
            11.6,
            "Did the jar test from the module: 60% sand, 25% silt, 15% clay. Sandy loam, I "
            "think. Is that right?",
            say(
                "ta",
                11.2,
                "Exactly right, {@dmitri} — sandy loam, nicely measured. Keep the jar and you "
                "can watch the clay settle over the week.",
            ),
        ),
        say(
            "leilani",
            11.4,
            "Our native plant nursery soil is full of white, fuzzy threads. Those are the "
            "mycorrhizae helping the roots, right?",
            say(
                "instructor",
                11.0,
                "Yes, {@leilani}! Those threads are the underground network. Native plants "
                "often depend on them — that's why we keep some of the old soil when we "
                "replant.",
            ),
        ),
        say(
            "learner",
            10.8,
            "Apartment person here — I checked a planter outside the hospital. Dry, pale, "
            "two ants. Makes me wonder about all the soil under the parking lots.",
            say(
                "hana",
                10.5,
                "{@learner} parking lots are sealed soil — no air, no water. Cities are "
                "starting to “unseal” them. Prague has a programme!",
                say(
                    "learner",
                    10.3,
                    "{@hana} unsealing parking lots! I want that in Denver.",
                    say(
                        "ta",
                        10.1,
                        "{@learner} {@hana} — soil sealing would make a great final project, "
                        "if either of you wants it 🙂",
                    ),
                ),
            ),
        ),
    ),
)
