"""The last fortnight of discussions: a field trip told in words, the air week, a question
a learner started, and a study group. Two learner posts here have waited more than a day
for anyone (Liam's and Rahul's); Grace's and Mia's are from today."""

from rapport.demo.seeders.discussions.words import DemoTopic, say

FIELD_TRIP = DemoTopic(
    title="Field trip: what did you find outside this week?",
    opening=say(
        "ta",
        8.9,
        "This week's field trip is wherever you are. Go outside for 20 minutes and tell us "
        "what you noticed — a bird, a puddle, a smell. Photos are welcome (location details "
        "are removed automatically), and words are just as good.",
        say(
            "mateus",
            8.6,
            "A pair of toucans in the fig tree by the trail — they eat the fruit and spread "
            "the seeds all over the forest. Seed gardeners with big beaks!",
            say(
                "yuki",
                8.3,
                "{@mateus} seed gardeners with big beaks — I need to draw this.",
                say(
                    "mateus",
                    8.1,
                    "{@yuki} I will send you a reference! The green-billed one, *Ramphastos "
                    "dicolorus*.",
                    say(
                        "ta",
                        7.9,
                        "{@mateus} {@yuki} — a toucan drawing for the class wall would make "
                        "my week.",
                    ),
                ),
            ),
        ),
        say(
            "ingrid",
            8.4,
            "Snow everywhere, but the lichen on the birch trees is bright green. Alive under "
            "all that cold!",
            say(
                "leilani",
                8.2,
                "{@ingrid} you promised lichens! They're beautiful even in words.",
                say(
                    "instructor",
                    8.0,
                    "{@ingrid}, {@leilani} — from polar night to Oʻahu sun, and both of you "
                    "noticing the small green things 💚",
                ),
            ),
        ),
        say(
            "hana",
            7.8,
            "A green roof on the bus shelter near my faculty! Sedum plants, and bees even in "
            "November.",
            say(
                "soren",
                7.5,
                "{@hana} a bus shelter roof! Civilisation is improving.",
                say(
                    "ta",
                    7.3,
                    "{@soren} {@hana} I'm starting a collection of your exchanges. This one's "
                    "a keeper.",
                ),
            ),
        ),
        say(
            "liam",
            7.6,
            "Walked along the Dodder. A heron standing very still. Also a lot of plastic "
            "caught in the branches after the flood.",
            say(
                "ta",
                7.2,
                "Thank you for this, {@liam} — the heron and the plastic in one picture says "
                "a lot. The plastic line in the branches shows how high the flood got: "
                "that's a real field observation.",
            ),
        ),
        say(
            "grace",
            2.8,
            "Elephants at the waterhole this morning, but the water is much lower than last "
            "year. The guests asked me why, and for the first time I could explain it "
            "properly!",
            say(
                "amara",
                2.5,
                "{@grace} this gives me chills. The same thing is happening to the fishermen "
                "here — less water, fewer fish.",
                say(
                    "instructor",
                    2.3,
                    "{@grace} {@amara} — a safari guide and a fisheries journalist finding "
                    "the same story on two sides of Africa. This is what this course is for.",
                ),
            ),
        ),
        say(
            "mia",
            0.4,
            "Rock pools at Bondi this morning: sea anemones, a tiny octopus hiding in a "
            "crack, and far too many bottle caps 🐙",
        ),
    ),
)

AIR = DemoTopic(
    title="Week 4 question: what's the air like where you are?",
    opening=say(
        "instructor",
        5.9,
        "Check the air quality index where you are today (the module has links) and post "
        "the number. No judgement, just curiosity — and tell us what you think is behind "
        "it. {@learner} asked about wildfire smoke, so that's where we'll start.",
        say(
            "learner",
            5.6,
            "AQI 48 today in Denver — but last August it hit 180 during the fires. I "
            "remember the whole hospital smelling like a campfire on my night shifts.",
            say(
                "chidera",
                5.3,
                "{@learner} we see more asthma attacks in the harmattan season, when the dust "
                "blows in from the Sahara. Different source, same lungs.",
                say(
                    "instructor",
                    5.1,
                    "{@chidera} {@learner} — smoke and dust, very different particles with a "
                    "lot in common once they're inside us. You two are writing this week's "
                    "lesson for me 😊",
                ),
            ),
        ),
        say(
            "joseluis",
            5.4,
            "CDMX: 92 today. The mountains trap the air, so on calm days it just sits there. "
            "I see it from the truck every morning — a brown line over the city.",
            say(
                "priya",
                5.0,
                "{@joseluis} Bengaluru was 110 this morning — mostly traffic. That brown line "
                "is an inversion layer, right?",
                say(
                    "joseluis",
                    4.7,
                    "{@priya} yes! Warm air on top, like a lid.",
                    say(
                        "ta",
                        4.5,
                        "{@joseluis} {@priya} — a perfect explanation of a temperature "
                        "inversion. I'm borrowing “warm air like a lid” for study hall.",
                    ),
                ),
            ),
        ),
        say(
            "jordan",
            4.9,
            "Brooklyn: 35. Honestly lower than I expected. Feels weird to be grateful for "
            "the wind off the ocean.",
            say(
                "ta",
                4.6,
                "{@jordan} wind is an underrated hero of air quality! Be grateful away.",
            ),
        ),
        say(
            "fatima",
            3.9,
            "Rabat: 58. But in summer, when the wind comes from the desert, it goes much "
            "higher. Dust and drought go together here.",
            say(
                "instructor",
                3.7,
                "{@fatima}, dust and drought going together is such an important link — and "
                "it connects right back to your question about cities planning for drought.",
            ),
        ),
        # Nobody has answered Liam yet.
        say(
            "liam",
            2.6,
            "Dublin is 22. But my bus stop is on a road full of diesel buses. Does the index "
            "even measure that? Where would I find it for one street?",
        ),
    ),
)

CARBON = DemoTopic(
    title="Is anyone else confused by the carbon cycle diagram?",
    opening=say(
        "jordan",
        3.9,
        "The one in the week 4 reading with all the arrows. I get that carbon moves "
        "around, but what do the numbers on the arrows mean? Gigatons of what, per what?",
        say(
            "priya",
            3.6,
            "{@jordan} I made a spreadsheet of the arrows 🙈 The numbers are gigatons of "
            "carbon per year. The big ones — oceans and plants breathing in and out — almost "
            "balance. The small red arrow is us, and that's the one that doesn't.",
            say(
                "jordan",
                3.4,
                "{@priya} oh wow, that makes SO much more sense. The small arrow is the "
                "problem because it's the extra?",
                say(
                    "ta",
                    3.2,
                    "{@jordan} exactly — and {@priya}, what a clear explanation. The natural "
                    "arrows are huge but roughly balanced; ours is small but one-way, so it "
                    "piles up. I'll bring a map of where it piles up to study hall 🗺️",
                ),
            ),
        ),
        # Nobody has answered Rahul yet.
        say(
            "rahul",
            2.2,
            "Sorry if this is a basic question — where is the week 4 reading? I joined late "
            "and I can only find weeks 1 to 3 in the module list.",
        ),
    ),
)

STUDY_GROUP = DemoTopic(
    title="Study group for the midterm?",
    opening=say(
        "seun",
        2.9,
        "Anyone want to meet on video on Thursdays before the midterm? I'm in Lagos (GMT+1).",
        say(
            "kwame",
            2.7,
            "{@seun} count me in! Kumasi is just one hour behind you.",
            say(
                "fatima",
                2.4,
                "{@seun} {@kwame} me too — Rabat is on the same time as Lagos most of the year.",
                say(
                    "ta",
                    2.2,
                    "{@seun} {@kwame} {@fatima} — love this. I can set up a video room for "
                    "you in the course. Wednesday it is!",
                ),
            ),
        ),
        say(
            "mia",
            0.3,
            "{@seun} is there room for someone in Sydney? I think 9pm my time is your midday!",
        ),
        edited_to="Anyone want to meet on video on **Wednesdays** before the midterm? I'm in "
        "Lagos (GMT+1). (Changed from Thursday — that's Tomás's study hall!)",
        edited_days_ago=2.6,
    ),
)
