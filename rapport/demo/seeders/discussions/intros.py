"""The introductions thread: everyone says hello, the teaching team welcomes each person by
name, and classmates find their neighbours — except the three nobody answers."""

from rapport.demo.seeders.discussions.words import DemoTopic, say

INTRODUCTIONS = DemoTopic(
    title="Introductions: say hello! 👋",
    pinned=True,
    opening=say(
        "instructor",
        27.8,
        "Tell us the name you like to be called (and how to say it), where you are in the "
        "world, and one thing you hope to understand by the end of the course.\n\n"
        "I'll start: I'm Maya, in Chicago, and I hope to finally understand why my "
        "neighbour's rain garden never floods. 🌧️",
        say(
            "aroha",
            26.9,
            "Kia ora koutou! I'm Aroha, from Rotorua in Aotearoa New Zealand. Mum of two, "
            "lake care volunteer. I want to understand what our water testing numbers "
            "actually *mean*.",
            say(
                "instructor",
                26.7,
                "Kia ora {@aroha}! A lake care volunteer — you'll be teaching us things. "
                "Hold on to those numbers; week 2 is all about them.",
            ),
            say(
                "lan",
                25.8,
                "Hi {@aroha}! I test water too, but for salt. Maybe we can compare notes?",
                say(
                    "aroha",
                    25.5,
                    "Yes please {@lan}! Salt is something we never test for.",
                    say(
                        "ta",
                        25.3,
                        "Love this — {@lan} and {@aroha}, salt and nutrients, two ends of "
                        "the same river story. Post what you find in week 2!",
                    ),
                ),
            ),
        ),
        say(
            "lan",
            26.0,
            "Xin chào! I'm Lan, in Cần Thơ in the Mekong Delta. I work for a rice exporter. "
            "Salt water creeps further up the river every dry season and I want to know why.",
            say(
                "instructor",
                25.9,
                "Xin chào {@lan}, welcome! Saltwater intrusion is one of the clearest stories "
                "of this course — I'm so glad you're here to tell it from the ground.",
            ),
        ),
        say(
            "seun",
            25.8,
            "Hello everyone! Seun here (SHAY-oon), civil engineering student in Lagos. "
            "Flooding is my thing. Looking for people who like study groups that actually "
            "meet 😄",
            say(
                "instructor",
                25.6,
                "Welcome, {@seun}! Lagos and flooding — you'll have a lot to add in week 2.",
            ),
            say(
                "kwame",
                18.7,
                "{@seun} a neighbour! Kwame, in Kumasi. Let's talk drains *and* soil.",
                say(
                    "ta",
                    18.5,
                    "{@kwame} {@seun} — I see a West African study group forming 👀 "
                    "Thursday study hall is open to you both.",
                ),
            ),
        ),
        say(
            "wei",
            24.8,
            "Hello. I am Wei, a middle school science teacher in Suzhou. I hope to find good "
            "ideas for my own classroom.",
            say(
                "instructor",
                24.5,
                "Welcome, {@wei}! A fellow teacher — please borrow anything that works. I'd "
                "love to hear which activities your students enjoy.",
            ),
        ),
        say(
            "soren",
            24.6,
            "Hej! Søren from Copenhagen. Retired ferry engineer, now mostly compost. Ask me "
            "about worms.",
            say(
                "yuki",
                21.5,
                "{@soren} I draw insects for a living, so I will definitely be asking about "
                "worms 🐛",
                say(
                    "instructor",
                    21.3,
                    "{@yuki} and {@soren}, the soil week is going to be a delight with you two.",
                ),
            ),
        ),
        say(
            "mateus",
            23.8,
            "Oi gente! Mateus, birding guide in the Atlantic Forest. English is my second "
            "language, so be patient with my long sentences 😊",
            say(
                "ta",
                23.6,
                "Bem-vindo, {@mateus}! Long sentences are very welcome here. Bring your birds "
                "to the field trip thread later!",
            ),
        ),
        say(
            "priya",
            23.6,
            "Hi! Priya, data analyst in Bengaluru, moving into climate work. I love a good "
            "spreadsheet and a bad pun.",
            say(
                "ta",
                23.4,
                "Welcome, {@priya}! Spreadsheets *and* puns — you'll fit right in with the "
                "week 4 data.",
            ),
        ),
        say(
            "fatima",
            22.9,
            "Salam everyone, I'm Fatima Zahra, a pharmacy student in Rabat. Both names, "
            "please 🙂 I'm curious about how cities plan for drought.",
            say(
                "instructor",
                22.7,
                "Welcome, {@fatima}! Drought planning is a great thread to pull — Rabat and "
                "Mexico City have surprising things in common.",
            ),
        ),
        say(
            "learner",
            22.7,
            "Hi, I'm Sam (they/them), in Denver. I work nights at a hospital pharmacy, so "
            "I'll mostly be here in the mornings. I want to understand what the wildfire "
            "smoke every summer is actually doing to us.",
            say(
                "instructor",
                22.5,
                "So glad you're here, {@learner}. Wildfire smoke is on the syllabus — and I'm "
                "moving it earlier because of you. Post whenever your mornings allow.",
            ),
            say(
                "chidera",
                20.6,
                "{@learner} I'm a nurse in Enugu and I hear the same questions about smoke and "
                "lungs. Happy to compare notes.",
                say(
                    "learner",
                    20.2,
                    "{@chidera} yes please! Night-shift solidarity 🌙",
                    say(
                        "ta",
                        20.0,
                        "{@learner} {@chidera} — the air week has a reading by a respiratory "
                        "nurse. You two will like it.",
                    ),
                ),
            ),
        ),
        say(
            "yuki",
            21.8,
            "Konnichiwa from Osaka! I'm Yuki, I draw insects for work. Happy to sketch "
            "anything for our class.",
            say(
                "instructor",
                21.6,
                "Welcome, {@yuki}! I may take you up on that sketch offer in the soil week.",
            ),
        ),
        say(
            "chidera",
            20.8,
            "Good evening from Enugu! Chidera, nurse, studying part-time. I'm interested in "
            "how air pollution shows up in my patients.",
            say(
                "instructor",
                20.6,
                "Welcome, {@chidera}! Your view from the clinic will make the air week real "
                "for all of us.",
            ),
        ),
        say(
            "anamaria",
            19.8,
            "Bună! Ana from Bucharest — I work in a bookshop. Ask me for a novel about any "
            "ecosystem.",
            say(
                "yuki",
                19.5,
                "{@anamaria} a novel about insects, please! 📚",
                say(
                    "anamaria",
                    19.3,
                    "{@yuki} *Flight Behavior* by Barbara Kingsolver — monarch butterflies!",
                    say(
                        "instructor",
                        19.1,
                        "{@anamaria} *Flight Behavior* is one of my favourites. I think we "
                        "need a class reading list…",
                    ),
                ),
            ),
        ),
        say(
            "kwame",
            18.8,
            "Kwame, from Kumasi, Ghana. Agronomy graduate, helping farmers try shade-grown "
            "cocoa. Let's talk soil.",
            say(
                "instructor",
                18.6,
                "Welcome, {@kwame}! Shade-grown cocoa will be a perfect example in week 3.",
            ),
        ),
        say(
            "ingrid",
            17.9,
            "Hei from Tromsø! Geography teacher. Right now we have no sun at all — the polar "
            "night. Ask me anything about ecosystems that cope with that.",
            say(
                "leilani",
                15.7,
                "{@ingrid} from Oʻahu, where the sun never really leaves 😅 How do plants "
                "cope with months of dark?",
                say(
                    "ingrid",
                    15.5,
                    "{@leilani} many simply wait — and some lichens photosynthesise under the "
                    "snow! I'll describe them in the field trip thread.",
                    say(
                        "instructor",
                        15.3,
                        "Lichens under the snow, {@ingrid}! This is why I love this class.",
                    ),
                ),
            ),
        ),
        say(
            "joseluis",
            16.8,
            "¡Hola! José Luis from Mexico City — both names, please. Delivery driver by day, "
            "student by night. Mexico City's air is my motivation.",
            say(
                "ta",
                16.6,
                "¡Bienvenido, {@joseluis}! The air week is coming — your city's story will be "
                "part of it.",
            ),
        ),
        say(
            "leilani",
            15.9,
            "Aloha! Leilani from Oʻahu. I restore native plants with a community group. "
            "Coral and coastlines are close to my heart.",
            say(
                "instructor",
                15.6,
                "Aloha {@leilani}! We'd love to see your restoration work in the field trip "
                "thread.",
            ),
        ),
        say(
            "dmitri",
            14.6,
            "Dmitri. Berlin. Software developer. Mostly here to understand the numbers in "
            "climate reports.",
            say(
                "ta",
                14.3,
                "Welcome, {@dmitri}! If you like numbers, the week 4 air quality data set is "
                "yours — I'd love your take on it.",
            ),
        ),
        say(
            "amara",
            13.8,
            "Hello from Dakar! Amara, journalist covering fisheries. I want to get the "
            "science right before I write about it.",
            say(
                "instructor",
                13.6,
                "Welcome, {@amara}! Getting the science right is a gift to your readers. Ask "
                "us anything, any time.",
            ),
        ),
        say(
            "hana",
            12.9,
            "Ahoj! Hana, architecture student in Prague. Green roofs, rain gardens, very "
            "strong coffee ☕",
            say(
                "instructor",
                12.7,
                "Ahoj {@hana}! You and my neighbour's rain garden need to meet 😄",
            ),
            say(
                "soren",
                12.5,
                "{@hana} green roofs need good soil — I'm available for consultations.",
                say(
                    "hana",
                    12.2,
                    "{@soren} deal! I'll bring the coffee.",
                    say(
                        "ta",
                        12.0,
                        "{@hana} {@soren} this is the most wholesome partnership of the "
                        "course so far.",
                    ),
                ),
            ),
        ),
        say(
            "liam",
            11.8,
            "Liam, Dublin. Hi.",
            say(
                "instructor",
                11.5,
                "Hi {@liam}, welcome! Dublin has a great river story — the Liffey and the "
                "Dodder. Say more whenever you like.",
            ),
        ),
        say(
            "emily",
            10.9,
            "Hi! Emily, in Illinois. Stay-at-home parent getting back into learning after "
            "ten years. Nervous and excited! My kids think it's hilarious that I have "
            "homework.",
            say(
                "aroha",
                10.7,
                "{@emily} you've got this! Fellow parent here — homework at the kitchen table "
                "is a family sport in our house.",
                say(
                    "instructor",
                    10.5,
                    "{@emily}, welcome — and {@aroha}, thank you for that welcome. Emily, "
                    "your kids are going to learn a lot from watching you do this.",
                ),
            ),
        ),
        say(
            "jordan",
            8.8,
            "hey! Jordan (they/them), barista + musician in Brooklyn. trying to understand "
            "climate news instead of doom-scrolling it",
            say(
                "ta",
                8.6,
                "Welcome, {@jordan}! “Understanding instead of doom-scrolling” might be the "
                "best goal anyone has posted.",
            ),
        ),
        say(
            "rahul",
            5.7,
            "Hello, I am Rahul from Dubai. Just joined this week. Happy to be here.",
            say(
                "instructor",
                5.5,
                "Welcome, {@rahul}! It's never too late to join. The Week 1 video is a "
                "great place to start.",
            ),
        ),
        say(
            "grace",
            3.8,
            "Habari zenu! Grace, safari guide near Amboseli. I want to explain elephants "
            "*and* the drought to my guests.",
            say(
                "mateus",
                3.5,
                "{@grace} a fellow guide! Birds here, elephants there 🐘🐦",
                say(
                    "ta",
                    3.3,
                    "{@grace} {@mateus} — guides' corner! I'd love a thread of the questions "
                    "your guests ask most.",
                ),
            ),
        ),
        say(
            "mia",
            1.7,
            "G'day from Sydney! Mia, marine biology undergrad. Happy to be anyone's study "
            "buddy across the time zones 🌊",
            say(
                "instructor",
                1.5,
                "Welcome, {@mia}! Study buddies across time zones — have a look at the study "
                "group thread Seun started.",
            ),
        ),
    ),
)
