"""The 24 other learners in Environmental Science 101, from four continents and Oceania.

A few have not finished their profile (no photo, or no "about me") so the staff list of
people still to finish has names on it; a few keep their photo or local time from peers.
"""

from datetime import time

from rapport.core.enums import Channel
from rapport.demo.people import DEMO_DOMAIN, DemoPerson

EMAIL = Channel.EMAIL
EVENINGS_OFF = (time(21, 30), time(7, 0))
NIGHTS_OFF = (time(22, 0), time(6, 30))


def _email(local_part: str) -> str:
    return f"{local_part}@{DEMO_DOMAIN}"


CLASSMATES = [
    DemoPerson(
        email=_email("aroha"),
        full_name="Aroha Ngata",
        preferred_name="Aroha",
        pronouns="she/her",
        pronunciation_text="AH-roh-hah NGAH-tah",
        timezone="Pacific/Auckland",
        about="Kia ora! I'm a mum of two from Rotorua. I volunteer with our lake care group "
        "and want to understand the water testing we do, not just write the numbers down.",
        joined_days_ago=27,
    ),
    DemoPerson(
        email=_email("lan"),
        full_name="Nguyễn Thị Lan",
        preferred_name="Lan",
        pronouns="she/her",
        pronunciation_text="LAHN (Nguyễn is 'nwin')",
        timezone="Asia/Ho_Chi_Minh",
        about="I work for a rice exporter in the Mekong Delta. Salt water is creeping "
        "further up the river every dry season and I want to know why.",
        joined_days_ago=26,
    ),
    DemoPerson(
        email=_email("seun"),
        full_name="Oluwaseun Adeyemi",
        preferred_name="Seun",
        pronouns="he/him",
        pronunciation_text="SHAY-oon (oh-loo-WAH-shay-oon) ah-DEH-yeh-mee",
        timezone="Africa/Lagos",
        about="Civil engineering student in Lagos. Flooding is my thing — drains, "
        "mangroves, all of it. I like study groups that actually meet.",
        preferred_channel=EMAIL,
        joined_days_ago=26,
    ),
    DemoPerson(
        email=_email("wei"),
        full_name="Zhang Wei",
        preferred_name="Wei",
        pronouns="he/him",
        pronunciation_text="jahng WAY",
        timezone="Asia/Shanghai",
        about="I teach middle-school science in Suzhou and I'm here to steal good ideas "
        "for my own classroom (with credit!).",
        has_photo=False,
        joined_days_ago=25,
    ),
    DemoPerson(
        email=_email("soren"),
        full_name="Søren Kjær",
        preferred_name="Søren",
        pronouns="he/him",
        pronunciation_text="SUR-en KYAIR",
        timezone="Europe/Copenhagen",
        about="Retired ferry engineer, now a very serious allotment gardener. Compost "
        "questions welcome. Soil is more interesting than people think.",
        preferred_channel=EMAIL,
        joined_days_ago=25,
    ),
    DemoPerson(
        email=_email("priya"),
        full_name="Priya Raghunathan",
        preferred_name="Priya",
        pronouns="she/her",
        pronunciation_text="PREE-yah rah-goo-NAH-tun",
        timezone="Asia/Kolkata",
        about="Data analyst in Bengaluru, switching careers towards climate work. I love a "
        "good spreadsheet and a bad pun.",
        preferred_channel=EMAIL,
        quiet_hours=NIGHTS_OFF,
        joined_days_ago=24,
    ),
    DemoPerson(
        email=_email("mateus"),
        full_name="Mateus Oliveira",
        preferred_name="Mateus",
        pronouns="he/him",
        pronunciation_text="mah-TAY-oos oh-lee-VAY-rah",
        timezone="America/Sao_Paulo",
        about="Oi! I guide birdwatching trips in the Atlantic Forest on weekends. English "
        "is my second language, so be patient with my long sentences.",
        joined_days_ago=24,
    ),
    DemoPerson(
        email=_email("fatima"),
        full_name="Fatima Zahra El Idrissi",
        preferred_name="Fatima Zahra",
        pronouns="she/her",
        pronunciation_text="FAH-tee-mah ZAH-rah el ee-DREE-see",
        timezone="Africa/Casablanca",
        about="Pharmacy student in Rabat. I'm curious about water scarcity and how cities "
        "plan for drought. I prefer writing to video, for now.",
        show_photo_to_peers=False,
        joined_days_ago=23,
    ),
    DemoPerson(
        email=_email("yuki"),
        full_name="Yuki Tanaka",
        preferred_name="Yuki",
        pronunciation_text="YOO-kee tah-NAH-kah",
        timezone="Asia/Tokyo",
        about="Illustrator in Osaka. I draw insects for a living, which is a sentence I "
        "never expected to write. Happy to sketch anything for our class wall.",
        show_photo_to_peers=False,
        joined_days_ago=22,
    ),
    DemoPerson(
        email=_email("chidera"),
        full_name="Chidera Eze",
        preferred_name="Chidera",
        pronouns="she/her",
        pronunciation_text="chee-DEH-rah EH-zeh",
        timezone="Africa/Lagos",
        about="Nurse in Enugu, studying part-time. I'm interested in how air pollution "
        "shows up in the patients I see. Usually online after 8pm my time.",
        quiet_hours=EVENINGS_OFF,
        joined_days_ago=21,
    ),
    DemoPerson(
        email=_email("anamaria"),
        full_name="Ana-María Popescu",
        preferred_name="Ana",
        pronouns="she/her",
        pronunciation_text="AH-nah mah-REE-ah poh-PES-koo",
        timezone="Europe/Bucharest",
        about="Romanian, grew up in Spain, now back in Bucharest working in a bookshop. "
        "Ask me for a novel about any ecosystem.",
        joined_days_ago=20,
    ),
    DemoPerson(
        email=_email("kwame"),
        full_name="Kwame Mensah",
        preferred_name="Kwame",
        pronouns="he/him",
        pronunciation_text="KWAH-meh MEN-sah",
        timezone="Africa/Accra",
        about="Cocoa farmer's son, agronomy graduate, now helping farmers in the Ashanti "
        "region test shade-grown methods. Let's talk soil.",
        preferred_channel=EMAIL,
        joined_days_ago=19,
    ),
    DemoPerson(
        email=_email("ingrid"),
        full_name="Ingrid Halvorsen",
        preferred_name="Ingrid",
        pronouns="she/her",
        timezone="Europe/Oslo",
        about="High-school geography teacher in Tromsø. We have no sun in winter and "
        "midnight sun in summer, so ask me about ecosystems that cope with that.",
        preferred_channel=EMAIL,
        quiet_hours=EVENINGS_OFF,
        joined_days_ago=18,
    ),
    DemoPerson(
        email=_email("joseluis"),
        full_name="José Luis Hernández",
        preferred_name="José Luis",
        pronouns="he/him",
        pronunciation_text="ho-SEH loo-EES er-NAHN-des",
        timezone="America/Mexico_City",
        about="I drive a delivery truck by day and study by night. Mexico City's air is my "
        "motivation. Both names, please — José Luis.",
        joined_days_ago=17,
    ),
    DemoPerson(
        email=_email("leilani"),
        full_name="Leilani Kahale",
        preferred_name="Leilani",
        pronouns="she/her",
        pronunciation_text="lay-LAH-nee kah-HAH-leh",
        timezone="Pacific/Honolulu",
        about="Aloha! I restore native plants on Oʻahu with a community group. Coral and "
        "coastlines are close to my heart.",
        show_local_time_to_peers=False,
        joined_days_ago=16,
    ),
    DemoPerson(
        email=_email("dmitri"),
        full_name="Dmitri Volkov",
        preferred_name="Dmitri",
        timezone="Europe/Berlin",
        has_photo=False,
        preferred_channel=EMAIL,
        joined_days_ago=15,
    ),
    DemoPerson(
        email=_email("amara"),
        full_name="Amara Diallo",
        preferred_name="Amara",
        pronouns="she/her",
        pronunciation_text="ah-MAH-rah dee-AH-loh",
        timezone="Africa/Dakar",
        about="Journalist covering fisheries on the Senegalese coast. I'm here to get the "
        "science right before I write about it.",
        joined_days_ago=14,
    ),
    DemoPerson(
        email=_email("hana"),
        full_name="Hana Novák",
        preferred_name="Hana",
        pronouns="she/her",
        pronunciation_text="HAH-nah NO-vahk",
        timezone="Europe/Prague",
        about="Architecture student in Prague. Green roofs, rain gardens, anything that "
        "makes a city breathe. I also make very strong coffee.",
        joined_days_ago=13,
    ),
    DemoPerson(
        email=_email("liam"),
        full_name="Liam Walsh",
        preferred_name="Liam",
        pronouns="he/him",
        timezone="Europe/Dublin",
        joined_days_ago=12,
    ),
    DemoPerson(
        email=_email("emily"),
        full_name="Emily Carter",
        preferred_name="Emily",
        pronouns="she/her",
        timezone="America/Chicago",
        about="Stay-at-home parent in Illinois getting back into learning after ten "
        "years. Nervous and excited! My kids think it's hilarious that I have homework.",
        preferred_channel=EMAIL,
        joined_days_ago=11,
    ),
    DemoPerson(
        email=_email("jordan"),
        full_name="Jordan Lee",
        preferred_name="Jordan",
        pronouns="they/them",
        timezone="America/New_York",
        about="Barista and part-time musician in Brooklyn. I want to understand climate "
        "news instead of just doom-scrolling it.",
        joined_days_ago=9,
    ),
    DemoPerson(
        email=_email("rahul"),
        full_name="Rahul Menon",
        preferred_name="Rahul",
        timezone="Asia/Dubai",
        joined_days_ago=6,
    ),
    DemoPerson(
        email=_email("grace"),
        full_name="Grace Wanjiru",
        preferred_name="Grace",
        pronouns="she/her",
        pronunciation_text="GRACE wahn-JEE-roo",
        timezone="Africa/Nairobi",
        about="Safari guide near Amboseli, studying so I can explain elephants AND the "
        "drought to my guests. Habari zenu, everyone!",
        preferred_channel=EMAIL,
        joined_days_ago=4,
    ),
    DemoPerson(
        email=_email("mia"),
        full_name="Mia Thompson",
        preferred_name="Mia",
        pronouns="she/her",
        timezone="Australia/Sydney",
        about="Marine biology undergrad in Sydney taking this as an elective. I surf badly "
        "and snorkel well. Happy to be anyone's study buddy across the time zones.",
        quiet_hours=NIGHTS_OFF,
        joined_days_ago=2,
    ),
]
