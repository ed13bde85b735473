"""What the demo class said in its rituals and shout-outs. People are named by the local
part of their demo email ("learner" is Sam, "instructor" Maya, "ta" Tomás)."""

from dataclasses import dataclass

WEEKS = 6
DRIFTING = frozenset({"dmitri", "liam", "wei"})
# The one time each drifting learner answered, early on: (ritual title, week index).
DRIFTING_ANSWERS = {("Win of the Week", 2): "wei", ("Fun Friday", 4): "liam"}

WINS = {
    "learner": [
        "Finished the week 2 reading on the bus home after a night shift. Tired but proud!",
        "I finally get what an AQI number means — checked ours at 6am and it was 41.",
        "Asked my first question in the live session. Nobody laughed. 🙂",
    ],
    "aroha": [
        "Our lake group tested nitrates on Saturday and I explained the results myself.",
        "My daughter helped me label a watershed map. She wants to be a hydrologist now.",
        "Planted 30 harakeke with the restoration crew.",
    ],
    "lan": [
        "Measured salinity at our warehouse canal: 4 g/L, up from last month. Now I know why.",
        "Explained saltwater intrusion to my manager with a drawing. He understood!",
        "Finished all the quizzes on time this week.",
    ],
    "seun": [
        "Our study group met twice this week — with an actual agenda.",
        "Mapped three blocked drains near campus and reported them to the council.",
        "Got 9/10 on the raindrop quiz.",
    ],
    "soren": [
        "My compost heap reached 60°C. Exactly as the soil lesson promised.",
        "Found a slow-worm under the rhubarb. Healthy soil, happy wildlife.",
        "Gave away 20 kg of surplus courgettes to neighbours.",
    ],
    "priya": [
        "Built a spreadsheet of Bengaluru lake levels since 2000. The trend is… a lot.",
        "Booked an informational call with a climate-data nonprofit!",
        "Walked to work three days instead of taking an auto.",
    ],
    "mateus": [
        "Saw a black-fronted piping guan on Saturday's tour — first in two years!",
        "Wrote my first forum post in English without a translator.",
        "Taught a group of tourists what an understory is.",
    ],
    "fatima": [
        "Read the whole city drought plan for Rabat. Wrote a one-page summary.",
        "Convinced my family to fix the dripping tap. 20 litres a day saved!",
        "Finished my pharmacy exam AND this week's module.",
    ],
    "yuki": [
        "Drew a soil food web for our class wall — 14 creatures and counting.",
        "Identified a rove beetle in my garden from my own sketch.",
        "Got a commission to illustrate a children's book about wetlands.",
    ],
    "chidera": [
        "Connected the haze days to asthma visits at our clinic. Going to tell my matron.",
        "Studied four evenings in a row after shifts.",
        "Bought a cheap air monitor for the ward.",
    ],
    "anamaria": [
        "Made a display of eco-novels at the bookshop. Sold six copies of The Overstory!",
        "Read the week 3 chapter in Spanish and in English.",
        "Started composting at home — my flatmates agreed.",
    ],
    "kwame": [
        "Our shade-grown plot had half the soil loss of the open one this rainy season.",
        "Ran a farmer field day for 40 people.",
        "Finally set up a rain gauge that works.",
    ],
    "ingrid": [
        "My geography students used our watershed activity. They loved it.",
        "First sunrise after the polar night is coming — counting down!",
        "Went skiing and spotted reindeer tracks.",
    ],
    "joseluis": [
        "Checked the air quality before my route each morning and changed my breaks.",
        "Finished the module at 2am but I finished it.",
        "Taught my nephew why the sky looks brown some mornings.",
    ],
    "leilani": [
        "Our group planted 200 native ʻākulikuli plants along the shore.",
        "Snorkelled our restored reef patch — new coral recruits!",
        "Wrote up our restoration data in a proper table for the first time.",
    ],
    "amara": [
        "Interviewed a fisheries scientist and actually understood her answers.",
        "My article on sardine stocks got published — science checked twice.",
        "Visited the mangroves at Joal for the first time.",
    ],
    "hana": [
        "Our studio picked my green-roof section for the final model.",
        "Built a tiny rain garden on my balcony.",
        "Read about Sponge Cities and can't stop thinking about them.",
    ],
    "emily": [
        "Submitted my first assignment in ten years. My kids made me a medal.",
        "Took the kids to the creek and we found caddisfly larvae!",
        "Actually spoke in the breakout room.",
    ],
    "jordan": [
        "Replaced one doom-scroll a day with one course reading. Feeling better.",
        "Wrote a song about the water cycle. It's… catchy.",
        "Talked to my landlord about the leaky roof gutter.",
    ],
    "rahul": [
        "Joined the course and finished the first module in two evenings!",
        "Learned what a wadi is — there's one 10 minutes from my flat.",
    ],
    "grace": [
        "Explained the drought to a family from Spain using our raindrop diagram.",
        "Saw the elephants dig for water in the dry riverbed — now I know why.",
    ],
    "mia": [
        "Joined this week and already found study buddies across three time zones!",
        "Snorkelled Cabbage Tree Bay and counted six kinds of fish.",
    ],
    "wei": ["My students built a water filter out of sand and charcoal."],
}

# Fun Friday answers, one list per prompt in the preset's order.
# Fun Friday answers, one list per prompt in the preset's order. "name: words" is that
# person's own answer; the others go round everyone else.
FUN = [
    [
        "yuki: A dung beetle — they navigate by the Milky Way!",
        "grace: An elephant, obviously. I see them every day but want to know what they think.",
        "soren: An earthworm. Hear me out: soil VIP.",
        "mia: A sea otter holding hands with its friend so it doesn't drift away.",
        "mateus: A toucan, for the colours. And the attitude.",
        "An axolotl — regenerate anything and always smiling.",
        "A frigatebird, so I can sleep while flying. Sounds efficient.",
        "A capybara. Everyone likes you and you sit in warm water.",
    ],
    [
        "seun: My grandma's jollof. Nothing else comes close.",
        "soren: Smørrebrød with my own radishes.",
        "lan: Bánh xèo from the market near my office.",
        "mateus: Pão de queijo straight from the oven.",
        "priya: Masala dosa at 7am before work.",
        "joseluis: Tacos al pastor from the stand at the end of my route.",
        "leilani: Poke from the shop by the beach.",
        "A very large bowl of ramen after a deadline.",
        "Leftover birthday cake for breakfast. No regrets.",
    ],
    [
        "learner: The hospital car park, honestly. But there's a tree!",
        "lan: Rice fields out of my office window, shining after the rain.",
        "soren: My allotment shed. Tea, a chair and a robin.",
        "anamaria: A wall of books. I work in a bookshop.",
        "ingrid: Snow. Just snow. And a tiny bit of sky.",
        "emily: The kitchen table, surrounded by crayons.",
        "aroha: Lake Rotorua, steaming a bit in the morning.",
        "A balcony with a very loud rooster next door.",
        "A window, a plant I keep forgetting to water, and a cat.",
    ],
    [
        "ingrid: 'Here Comes the Sun' — counting down to the end of polar night.",
        "chidera: An Afrobeats track my cousin keeps playing.",
        "mateus: Bossa nova from my neighbour's radio.",
        "jordan: My own water-cycle song. Sorry, everyone.",
        "Jordan's water-cycle song. Thanks a lot, Jordan.",
        "The ice-cream van tune. Every. Single. Day.",
        "A K-pop song my niece sings all day.",
    ],
    [
        "chidera: A stranger held the lift for me after a twelve-hour shift.",
        "emily: My kids drew me graduating. The course is 14 weeks long.",
        "soren: A bee fell asleep in a squash flower.",
        "lan: My boss asked me about salinity — he read my summary!",
        "ingrid: The first light on the mountains after weeks of dark.",
        "mateus: A tourist cried happy tears seeing a jaguar track.",
        "Someone on this course remembered how to say my name.",
        "Finding a note from past me that said 'you've got this'.",
    ],
    [
        "kwame: Make it rain exactly where farmers need it, exactly when.",
        "leilani: Breathe underwater to check on the coral every day.",
        "joseluis: Clean the air over Mexico City with one big sneeze.",
        "hana: Turn every grey roof green overnight.",
        "Turn plastic into plankton food.",
        "Talk to trees so they could tell us what they need.",
        "Teleport every car commuter onto a bike, gently.",
    ],
]


def fun_answer(prompt_index: int, name: str, index: int) -> str:
    """``name``'s answer to Fun Friday prompt ``prompt_index`` (``index`` picks a shared
    one when they have none of their own)."""
    lines = FUN[prompt_index % len(FUN)]
    for line in lines:
        owner, _, words = line.partition(": ")
        if words and owner == name:
            return words
    shared = [line for line in lines if not line.partition(": ")[2] or " " in line.split(": ")[0]]
    return shared[index % len(shared)]


# (person, ritual, week) -> recorded by voice rather than written: the tone standing for it,
# or READING for a real voice reading a line aloud.
READING = "reading"
VOICE = {
    ("mateus", "Win of the Week", 3): READING,
    ("aroha", "Fun Friday", 4): 330,
}

REPLIES = [
    "This made my day!",
    "So proud of you!",
    "Love this — tell us more next week.",
    "Same here 😄",
    "Wow, I had no idea.",
    "That's brilliant.",
]

# Each after everyone named had joined: "days ago | giver | receivers | tag |", then the
# words indented on the next line, ending "(private)" for "just them and the teaching team".
_SHOUTOUTS = """
25 | instructor | aroha lan | Brave |
    Thank you for being the first two to post an intro. You set the tone for everyone.
24 | seun | lan | Helpful |
    Your Mekong delta explanation in the forum helped me see my own city's flooding differently.
22 | ta | learner | Persistent |
    Studying after night shifts and still asking sharp questions — I see you, Sam. (private)
21 | aroha | soren | Helpful |
    Your compost tips worked! Our lake group's garden bed is finally warming up.
20 | priya | learner seun | Creative |
    Your air-quality spreadsheet idea was genius. Can we keep building it together?
19 | instructor | yuki | Creative |
    Your soil food web drawing is now the cover of our Week 3 page. Thank you!
18 | lan | priya | Kind |
    You stayed late in the study room to help me with the quiz. Cảm ơn!
17 | learner | ta | Helpful |
    Tomás, your Thursday study hall map saved my week. Thank you!
16 | fatima | chidera | Kind |
    Your message when I was stressed about exams meant a lot. (private)
13 | mateus | leilani amara | Creative |
    Your coast stories make me want to visit both your shores.
12.5 | ta | kwame | Persistent |
    Three tries at the rain gauge and you got it working. That's real fieldwork.
12 | chidera | learner | Brave |
    Thank you for sharing your night-shift routine — it made me feel less alone.
11 | soren | hana | Creative |
    That balcony rain garden! I'm stealing the idea for the allotment.
10 | instructor | joseluis emily | Persistent |
    Studying late after long days and never missing a deadline. I'm so proud of you both.
9 | anamaria | yuki | Kind |
    Your sketches of beetles got my nephew reading about insects.
8 | kwame | seun | Helpful |
    Your drain map template helped our farmer group map our channels.
7.5 | ingrid | mateus | Kind |
    Your long sentences are my favourite part of the forum. Never change.
7 | learner | chidera fatima | Helpful |
    You two explained the health side of air pollution better than any article.
6 | hana | jordan | Creative |
    The water-cycle song is stuck in my head and I'm not even mad.
5 | ta | emily | Brave |
    Speaking up in the breakout room this week took courage. Well done! (private)
4.5 | amara | priya | Helpful |
    Your lake-levels chart fact-checked my article. Thank you!
4 | jordan | learner | Kind |
    You always reply to people who get no replies. Noticed, and appreciated.
3 | instructor | grace | Brave |
    Welcome, Grace! Your first post about the drought was so vivid.
2.5 | yuki | anamaria | Creative |
    The eco-novel display looks amazing — I added two to my list.
2 | emily | aroha | Kind |
    Thank you for the parent-to-parent study tips. My evenings are calmer.
1 | leilani | mia | Kind |
    Welcome, Mia! A fellow ocean person — let's compare reefs.
0.8 | priya | rahul | Helpful |
    Nice job catching up so fast! The module 1 notes are in our shared doc.
0.3 | seun | kwame learner | Helpful |
    Best study group this week. Same time next Thursday?
"""


@dataclass(frozen=True)
class DemoShoutout:
    days_ago: float
    giver: str
    receivers: tuple[str, ...]
    tag: str
    words: str
    private: bool


def _shoutouts() -> list[DemoShoutout]:
    rows = []
    lines = _SHOUTOUTS.strip().splitlines()
    for head, words in zip(lines[::2], lines[1::2], strict=True):
        days, giver, receivers, tag, _ = (part.strip() for part in head.split("|"))
        words = words.strip()
        private = words.endswith("(private)")
        words = words.removesuffix("(private)").strip()
        rows.append(DemoShoutout(float(days), giver, tuple(receivers.split()), tag, words, private))
    return rows


SHOUTOUTS = _shoutouts()
