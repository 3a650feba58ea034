"""Generate a blind test set of everyday care-setting scenes on real photos, in the format of ``text_pii``.

Written for issue #21 by someone who had not read the text rules, their word
lists, their tests or the other two generators' content (only their interface:
the annotation format, ``load_backdrop``), so that nothing here was shaped by
what the rules catch. Meant to be run **once**, by the coordinator, on the final
code, with the reserved seed 424242 (``bench_text_heldout.py --layouts blind
--seed 424242``); any other seed is for looking at the generator only, and a
figure from a second run of 424242 is no longer blind.

Twenty layouts nobody tuned on, each drawn as a panel and stuck onto a WIDER
FACE validation photo (scaled back to its original size, away from its faces)
with perspective, a tilt, lighting, softening, sensor noise and now and then a
little camera shake; body text 15-30 px high, as on a phone photo taken across
a room:

- care home walls: a weekly activity whiteboard (marker handwriting, staff
  first names), a residents' birthday board, a "who's on shift today" board
  with staff photos, a staff rota, a medication round chart, a visitors'
  sign-in sheet (handwritten names, phone numbers, car registrations), a
  fridge menu with allergens and residents' diets, a cork noticeboard of
  mixed notes, a lost-property notice, room door signs, key-worker cards,
  "Hello my name is" lanyard badges;
- everyday: a hospital appointment card, a parcel label, the back of a car
  with a UK plate, a handwritten shopping list, a bus-stop timetable, a shop
  front with opening hours and prices, community-centre posters, a
  fundraiser or raffle poster.

Common words that are also given names (Sale, Rose, May, Bill, Grace, Hope,
Victoria, Jack, Joy, Summer, Holly, Dawn, Faith, Ivy, Ruby, Hazel ...) appear
both in plain positions ("Rose garden", "May Fair", "Victoria sponge", "Bill of
Fare") and as people's names on badges, boards and lists; names come from
British, Irish, West and East African, South Asian, Eastern European, Chinese
and Arabic-speaking communities, many of them rare.

Labels, per word (``category``; ``why`` says more where it helps; ``sign`` is the layout):

- must be hidden: ``person_name`` (a person's given name or surname, alone on
  a staff board too), ``phone`` (a person's number), ``email`` (a person's
  address), ``id_number`` (NHS, hospital and staff numbers), ``date_of_birth``,
  ``plate``, ``health`` (a medicine, dose, condition, diet or allergy of a
  person; a clinic named for a condition), ``address`` (house or flat number,
  street and postcode of a private address);
- ``benign``, should stay: titles, days, event dates and times, opening hours,
  prices, dishes, activities, route numbers, places, shop names, and the
  common-word names in plain positions;
- ``dontcare``, either way: every other word on a card or sheet that exists to
  carry one person's details (badge, door sign, key-worker card, appointment
  card, parcel label, medication chart, sign-in sheet), titles (Mr, Mrs, Dr)
  and initials, a label glued to its value (Tel:, Email:), a word between two
  hidden words, birthdays without a year and ages, a business's or
  organisation's phone, email and web address, street and town names that
  are public places, a person's name used as a trading name, health words
  about nobody (a flu clinic poster), religion-linked diets.

    .venv/bin/python benchmarks/gen_text_blind.py --out /tmp/blind --seed 5 [--images 60] [--png-dir /tmp/look]

The photos are research data: write them to a temporary folder, never into the repository.
"""

from __future__ import annotations

import argparse
import json
import random
import sys
import unicodedata
from collections import Counter
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path

import cv2
import numpy as np
from PIL import Image, ImageDraw, ImageFont

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "benchmarks"))

from gen_text_pii import load_backdrop  # noqa: E402  (the same backdrops as the other generators)

RESERVED_SEED = 424242

NAME, PHONE, EMAIL, ID, DOB, PLATE, HEALTH, ADDR = (
    "person_name", "phone", "email", "id_number", "date_of_birth", "plate", "health", "address")
OK, EITHER = "benign", "dontcare"
CATEGORIES = (NAME, PHONE, EMAIL, ID, DOB, PLATE, HEALTH, ADDR, OK, EITHER)

Tok = tuple[str, str, str]  # text, category, why


def T(text: str, cat: str, why: str = "") -> list[Tok]:
    """Every space-separated word of ``text`` with one label."""
    return [(w, cat, why) for w in text.split()]


def relabel(toks: list[Tok], cat: str, why: str = "") -> list[Tok]:
    """The same words with another label (everything but the must-hide words on a personal card)."""
    return [(t, cat if c == OK else c, why or w) for t, c, w in toks]


# ----------------------------------------------------------------------------- people (written by hand for this set)

GIVEN: dict[str, tuple[str, ...]] = {
    "british": ("Margaret", "Doris", "Stanley", "Elsie", "Kenneth", "Maureen", "Derek", "Pauline", "Trevor", "Brenda",
                "Sheila", "Malcolm", "Glenys", "Vernon", "Hilda", "Clifford", "Marjorie", "Dennis", "Lorraine", "Gillian",
                "Keith", "Beverley", "Wendy", "Colin", "Yvonne", "Duncan", "Carys", "Rhiannon", "Euan", "Mhairi",
                "Ruaridh", "Tegwen", "Aneurin", "Nuala", "Orla", "Dermot", "Kayleigh", "Chantelle", "Stacey", "Connor"),
    "west_african": ("Yetunde", "Chiamaka", "Kofi", "Efua", "Nnamdi", "Folasade", "Ifeoluwa", "Adwoa", "Kwabena", "Obinna",
                     "Ngozi", "Babatunde", "Temitope", "Olamide", "Ebere", "Afua", "Yaw", "Mawuli", "Delali", "Senam",
                     "Ikechukwu", "Uchenna", "Oyinkansola", "Chukwuemeka", "Ebiere", "Tamunotonye", "Sodiq", "Akosua",
                     "Fatoumata", "Mamadou", "Aminata", "Ousmane"),
    "east_african": ("Kudzai", "Tendai", "Rutendo", "Tatenda", "Nyasha", "Wanjiru", "Njeri", "Akinyi", "Otieno",
                     "Thandiwe", "Sipho", "Lindiwe", "Abebe", "Selamawit"),
    "south_asian": ("Parminder", "Gurpreet", "Jaswinder", "Sukhdeep", "Lakshmi", "Meenakshi", "Venkatesh", "Raghav",
                    "Farzana", "Shamima", "Nasreen", "Rukhsana", "Habib", "Tahmina", "Thilini", "Nuwan", "Kavindya",
                    "Bhavesh", "Hemlata", "Manjula", "Dilip", "Arvind", "Sangeeta", "Rupinder", "Kuldip", "Shabnam"),
    "east_european": ("Agnieszka", "Małgorzata", "Grzegorz", "Wojciech", "Krzysztof", "Bogdan", "Mirela", "Ioana",
                      "Andrei", "Radu", "Violeta", "Jurgita", "Vytautas", "Ieva", "Zsófia", "Katarzyna", "Szymon",
                      "Tadeusz", "Ludmila", "Oksana", "Taras", "Bohdan", "Svitlana", "Milena", "Branislav", "Jelena",
                      "Zdeněk", "Lenka"),
    "chinese": ("Wei", "Xiaoling", "Jianhua", "Mingyu", "Yuqing", "Haoran", "Xinyi", "Zhiwei", "Meiling", "Ka-Wai",
                "Siu-Ming", "Chunhua", "Lihua", "Jun", "Hui", "Yan"),
    "arabic": ("Youssef", "Khadija", "Nour", "Rania", "Abdelrahman", "Samira", "Layla", "Hamza", "Bilal", "Amal",
               "Mariam", "Fadi", "Rashid", "Huda", "Walid", "Dalia", "Ibrahim", "Zahra", "Karim", "Salma"),
    # given names that are also everyday English words
    "word": ("Grace", "Rose", "May", "Bill", "Hope", "Victoria", "Jack", "Joy", "Summer", "Holly", "Dawn", "Faith",
             "Ivy", "Ruby", "Hazel", "Pearl", "Iris", "Robin", "Frank", "Will", "Daisy", "Amber", "Sunny", "Heather"),
}
SURNAME: dict[str, tuple[str, ...]] = {
    "british": ("Thornton", "Haworth", "Pickering", "Dobson", "Holroyd", "Ormerod", "Kettlewell", "Braithwaite",
                "Mottram", "Sugden", "Hebden", "Lumb", "Butterworth", "Pryce", "Gwilliam", "Lloyd-Jones", "Cairns",
                "Drummond", "Lennox", "McGettigan", "Ó Briain", "Rafferty", "Tierney", "Bird", "Baker", "Hill", "Rose",
                "Sale", "Summers", "Bell", "Shepherd"),
    "west_african": ("Okafor", "Adebayo", "Olawale", "Boateng", "Owusu", "Agyeman", "Nwosu", "Chukwu", "Nwachukwu",
                     "Ogunbiyi", "Adeyinka", "Ofori", "Quaye", "Amoako", "Diallo", "Traoré", "Sesay", "Kamara",
                     "Fashola", "Akintola", "Ibekwe", "Anyanwu"),
    "east_african": ("Mutasa", "Moyo", "Chikwanha", "Kamau", "Odhiambo", "Ndlovu", "Dlamini", "Tesfaye", "Mwangi"),
    "south_asian": ("Gill", "Dhillon", "Grewal", "Sidhu", "Iyer", "Menon", "Pillai", "Nair", "Ranasinghe", "Perera",
                    "Hossain", "Uddin", "Miah", "Akhtar", "Siddiqui", "Qureshi", "Mirza", "Chowdhury", "Bains", "Joshi"),
    "east_european": ("Kowalczyk", "Lewandowska", "Wójcik", "Nowicki", "Dąbrowski", "Stoica", "Ionescu", "Dumitru",
                      "Petrauskas", "Kazlauskienė", "Horváth", "Novák", "Shevchenko", "Bondarenko", "Kovalenko",
                      "Jankowski", "Mazur", "Popović", "Vasilescu"),
    "chinese": ("Wang", "Zhang", "Liu", "Chen", "Yang", "Huang", "Zhao", "Chan", "Leung", "Ng", "Tsang", "Lau", "Yip",
                "Cheung"),
    "arabic": ("Haddad", "Khoury", "Mansour", "Nasser", "Saleh", "Hamdan", "Abdullah", "El-Sayed", "Farouk",
               "Al-Masri", "Darwish", "Khalil", "Bakri"),
}
ORIGINS = tuple(k for k in GIVEN if k != "word")
TITLES = ("Mr", "Mrs", "Ms", "Miss", "Dr")


@dataclass
class Person:
    given: str
    surname: str
    title: str

    def first(self) -> list[Tok]:
        return [(self.given, NAME, "")]

    def full(self) -> list[Tok]:
        return [(self.given, NAME, ""), *[(w, NAME, "") for w in self.surname.split()]]

    def titled(self) -> list[Tok]:
        return [(self.title, EITHER, "title"), *[(w, NAME, "") for w in self.surname.split()]]

    def titled_full(self) -> list[Tok]:
        return [(self.title, EITHER, "title"), *self.full()]

    def initial(self) -> list[Tok]:
        return [(self.given[0] + ".", EITHER, "initial"), *[(w, NAME, "") for w in self.surname.split()]]

    def any(self, rng: random.Random, first: float = 0.0) -> list[Tok]:
        if rng.random() < first:
            return self.first()
        return rng.choice([self.full, self.full, self.titled, self.titled_full, self.initial])()


# ----------------------------------------------------------------------------- health (written by hand for this set)

MEDICINES = ("Galantamine", "Lisinopril", "Losartan", "Edoxaban", "Rivaroxaban", "Digoxin", "Bumetanide",
             "Spironolactone", "Pregabalin", "Gabapentin", "Amitriptyline", "Tramadol", "Codeine", "Buprenorphine",
             "Haloperidol", "Lorazepam", "Diazepam", "Zopiclone", "Trazodone", "Carbamazepine", "Lamotrigine",
             "Levetiracetam", "Ropinirole", "Madopar", "Sinemet", "Finasteride", "Oxybutynin", "Solifenacin",
             "Mebeverine", "Laxido", "Fortisip", "Calcichew", "Thiamine", "Sitagliptin", "Dapagliflozin",
             "Empagliflozin", "Tiotropium", "Doxycycline", "Amoxicillin", "Nitrofurantoin", "Trimethoprim",
             "Flucloxacillin", "Allopurinol", "Colchicine", "Latanoprost", "Methotrexate", "Hydroxychloroquine",
             "Amlodipine", "Metformin", "Warfarin")
DOSES = ("10mg", "2.5mg", "5mg", "20mg", "40mg", "500mg", "1g", "25mcg", "75mcg", "100mg", "150mg", "5ml", "10ml",
         "1 puff", "2 puffs", "1 drop", "200mg", "0.5mg")
# per word: health, or dontcare for a word that says nothing alone
CONDITIONS: tuple[list[Tok], ...] = (
    [("Lewy", HEALTH, ""), ("body", EITHER, ""), ("dementia", HEALTH, "")],
    [("Frontotemporal", HEALTH, ""), ("dementia", HEALTH, "")],
    [("Multiple", EITHER, ""), ("sclerosis", HEALTH, "")],
    [("Motor", EITHER, ""), ("neurone", HEALTH, ""), ("disease", HEALTH, "")],
    [("Huntington's", HEALTH, "")], [("Bipolar", HEALTH, ""), ("disorder", HEALTH, "")], [("Dysphagia", HEALTH, "")],
    [("Angina", HEALTH, "")], [("Glaucoma", HEALTH, "")], [("Macular", HEALTH, ""), ("degeneration", HEALTH, "")],
    [("Rheumatoid", HEALTH, ""), ("arthritis", HEALTH, "")], [("Cellulitis", HEALTH, "")], [("Asthma", HEALTH, "")],
    [("Sickle", HEALTH, ""), ("cell", EITHER, "")], [("Coeliac", HEALTH, "")], [("Crohn's", HEALTH, "")],
    [("Colostomy", HEALTH, "")], [("Korsakoff's", HEALTH, "")], [("Psoriasis", HEALTH, "")], [("Anaemia", HEALTH, "")],
)
DIETS: tuple[list[Tok], ...] = (
    [("pureed", HEALTH, "diet of a person")], [("diabetic", HEALTH, "")], [("soft", HEALTH, ""), ("diet", EITHER, "")],
    [("nut", HEALTH, "allergy"), ("allergy", HEALTH, "")], [("coeliac", HEALTH, "")],
    [("thickened", HEALTH, ""), ("fluids", HEALTH, "")], [("low", EITHER, ""), ("potassium", HEALTH, "")],
    [("penicillin", HEALTH, "allergy"), ("allergy", HEALTH, "")], [("dairy", HEALTH, "intolerance"), ("intolerant", HEALTH, "")],
    [("minced", HEALTH, ""), ("and", EITHER, ""), ("moist", HEALTH, "")],
    [("no", EITHER, "religion-linked diet"), ("pork", EITHER, "religion-linked diet")],
    [("halal", EITHER, "religion-linked diet")], [("vegetarian", EITHER, "a preference")],
)
CLINICS: tuple[list[Tok], ...] = (
    [("Memory", HEALTH, "clinic for a condition"), ("Clinic", EITHER, "")],
    [("Diabetes", HEALTH, "clinic for a condition"), ("Clinic", EITHER, "")],
    [("Falls", HEALTH, "clinic for a condition"), ("Clinic", EITHER, "")],
    [("Oncology", HEALTH, "clinic for a condition"), ("Outpatients", EITHER, "")],
    [("Cardiology", HEALTH, "clinic for a condition")], [("Dermatology", HEALTH, "clinic for a condition")],
    [("Stroke", HEALTH, "clinic for a condition"), ("Rehab", EITHER, "")],
    [("Parkinson's", HEALTH, "clinic for a condition"), ("Nurse", EITHER, ""), ("Clinic", EITHER, "")],
    [("Audiology", HEALTH, "clinic for a condition")], [("Fracture", HEALTH, "clinic for a condition"), ("Clinic", EITHER, "")],
)

MONTHS = ("January", "February", "March", "April", "May", "June", "July", "August", "September", "October",
          "November", "December")
DAYS = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")


def ordinal(d: int) -> str:
    return f"{d}{'th' if 10 <= d % 100 <= 20 else {1: 'st', 2: 'nd', 3: 'rd'}.get(d % 10, 'th')}"


# ----------------------------------------------------------------------------- numbers and identifiers


class Content:
    """Seeded makers of names, phone numbers, identifiers and places."""

    def __init__(self, rng: random.Random) -> None:
        self.rng = rng
        self.used_given: set[str] = set()

    def person(self, common_word: float = 0.15, origin: str | None = None) -> Person:
        rng = self.rng
        origin = origin or rng.choice(ORIGINS)
        pool = GIVEN["word"] if rng.random() < common_word else GIVEN[origin]
        given = rng.choice(pool)
        for _ in range(6):  # prefer a given name not used yet on this photo set
            if given not in self.used_given:
                break
            given = rng.choice(pool)
        self.used_given.add(given)
        sur_origin = origin if rng.random() < 0.8 else rng.choice(ORIGINS)
        surname = rng.choice(SURNAME[sur_origin])
        title = rng.choice(TITLES[:4]) if rng.random() < 0.92 else "Dr"
        return Person(given, surname, title)

    def mobile(self) -> list[str]:
        n = f"{self.rng.randint(0, 999):03d}"
        return self.rng.choice([["07700", "900", n], ["07700", "900" + n], ["07700900" + n], ["07700-900-" + n],
                                ["+44", "7700", "900", n], ["+44", "(0)7700", "900" + n], ["07700", "900-" + n]])

    def landline(self) -> list[str]:
        rng = self.rng
        n = f"{rng.randint(0, 999):03d}"
        code, local = rng.choice([("0113", "496 0"), ("0114", "496 0"), ("0115", "496 0"), ("0116", "496 0"),
                                  ("0117", "496 0"), ("0121", "496 0"), ("0131", "496 0"), ("0141", "496 0"),
                                  ("0151", "496 0"), ("0161", "496 0"), ("0191", "498 0"), ("020", "7946 0"),
                                  ("029", "2018 0"), ("028", "9649 6"), ("01632", "960 ")])
        a, b = local.split(" ")
        return rng.choice([[code, a, b + n], [f"({code})", a, b + n], [code, a + b + n], [f"{code}-{a}-{b}{n}"]])

    def phone(self) -> list[str]:
        return self.mobile() if self.rng.random() < 0.65 else self.landline()

    def email(self, p: Person) -> str:
        rng = self.rng
        g, s = _ascii(p.given).lower().replace("-", ""), _ascii(p.surname).lower().replace(" ", "").replace("'", "")
        user = rng.choice([f"{g}.{s}", f"{g[0]}{s}", f"{g}{rng.randint(2, 89)}", f"{s}.{g[0]}", f"{g}_{s}",
                           f"{g}{s}{rng.randint(1, 9)}"])
        return f"{user}@" + rng.choice(["btinternet.com", "hotmail.co.uk", "gmail.com", "outlook.com", "icloud.com",
                                       "yahoo.com", "live.co.uk", "talktalk.net", "virginmedia.com", "nhs.net"])

    def nhs(self) -> list[str]:
        """An NHS number with a valid modulus-11 check digit, in the printed 3-3-4 grouping (or not)."""
        rng = self.rng
        while True:
            d = [rng.randint(1 if i == 0 else 0, 9) for i in range(9)]
            check = (11 - sum(v * (10 - i) for i, v in enumerate(d)) % 11) % 11
            if check != 10:
                s = "".join(map(str, d)) + str(check)
                return rng.choice([[s[:3], s[3:6], s[6:]], [s], [f"{s[:3]}-{s[3:6]}-{s[6:]}"]])

    def hospital_no(self) -> str:
        rng = self.rng
        return rng.choice(["K", "RHQ", "M", "J", "RX"]) + "".join(str(rng.randint(0, 9)) for _ in range(7))

    def dob(self) -> list[str]:
        rng = self.rng
        y, m, d = rng.randint(1928, 1962), rng.randint(1, 12), rng.randint(1, 28)
        return rng.choice([[f"{d:02d}/{m:02d}/{y}"], [f"{d}/{m}/{y}"], [f"{d:02d}.{m:02d}.{y}"],
                           [str(d), MONTHS[m - 1][:3], str(y)], [str(d), MONTHS[m - 1], str(y)], [f"{d:02d}-{MONTHS[m - 1][:3]}-{y}"]])

    def plate(self) -> list[str]:
        rng = self.rng
        L = "ABCDEFGHJKLMNOPRSTUVWXYZ"
        mem = rng.choice("ABCDEFGHKLMNOPRSVWY") + rng.choice(L)
        age = rng.choice([f"{rng.randint(2, 25):02d}", str(rng.randint(51, 74))])
        tail = "".join(rng.choice(L.replace("Z", "")) for _ in range(3))
        kind = rng.random()
        if kind < 0.75:
            return [mem + age, tail]
        if kind < 0.88:
            return [rng.choice("LMNPRSTVWXY") + str(rng.randint(1, 999)), tail]
        if kind < 0.95:
            return [tail, str(rng.randint(1, 999)) + rng.choice("ABCDEFGHJKLMNPRSTVWXY")]
        return [rng.choice("ABCDFGHJKLMNOPRSTUVWY") + rng.choice("ABCDEFGHJKL") + "Z", str(rng.randint(1000, 9999))]

    def street(self) -> list[str]:
        rng = self.rng
        return [rng.choice(("Alder", "Rowan", "Juniper", "Bramble", "Kestrel", "Heron", "Wren", "Lapwing", "Quarry",
                            "Chapel", "Orchard", "Spinney", "Tanner", "Foundry", "Weaver", "Larkspur", "Sorrel",
                            "Beacon", "Furnace", "Coppice", "Pinfold", "Cobden")),
                rng.choice(("Close", "Grove", "Road", "Street", "Lane", "Avenue", "Crescent", "Drive", "Way",
                            "Terrace", "Gardens", "Rise", "Walk", "Mews"))]

    def town_postcode(self) -> tuple[str, str, list[str]]:
        rng = self.rng
        town, area, district = rng.choice((
            ("Sheffield", "S", "Heeley"), ("Bradford", "BD", "Manningham"), ("Wolverhampton", "WV", "Whitmore Reans"),
            ("Swansea", "SA", "Sketty"), ("Dundee", "DD", "Lochee"), ("Luton", "LU", "Bury Park"),
            ("Derby", "DE", "Normanton"), ("Stockport", "SK", "Edgeley"), ("Rochdale", "OL", "Wardleworth"),
            ("Paisley", "PA", "Ferguslie"), ("Newport", "NP", "Maindee"), ("Exeter", "EX", "Heavitree"),
            ("Norwich", "NR", "Lakenham"), ("Carlisle", "CA", "Denton Holme"), ("Leicester", "LE", "Belgrave")))
        inward = str(rng.randint(1, 9)) + "".join(rng.choice("ABDEFGHJLNPQRSTUWXYZ") for _ in range(2))
        return town, district, [f"{area}{rng.randint(1, 19)}", inward]


def _ascii(text: str) -> str:
    """The letters without accents (handwriting and e-mail addresses): Małgorzata -> Malgorzata."""
    text = text.replace("ł", "l").replace("Ł", "L").replace("ø", "o")
    return "".join(c for c in unicodedata.normalize("NFKD", text) if not unicodedata.combining(c))


# ----------------------------------------------------------------------------- type


DEJAVU = Path("/usr/share/fonts/truetype/dejavu")
PRINT = ("DejaVuSans.ttf", "DejaVuSansCondensed.ttf", "DejaVuSerif.ttf", "DejaVuSerifCondensed.ttf", "aileron")
BOLD = ("DejaVuSans-Bold.ttf", "DejaVuSansCondensed-Bold.ttf", "DejaVuSerif-Bold.ttf", "DejaVuSerifCondensed-Bold.ttf",
        "aileron")
MONO = ("DejaVuSansMono.ttf", "DejaVuSansMono-Bold.ttf")
# marker and biro handwriting: OpenCV's Hershey stroke fonts, drawn letter by letter with a wobble
HAND = ((cv2.FONT_HERSHEY_SIMPLEX, 0), (cv2.FONT_HERSHEY_DUPLEX, 0), (cv2.FONT_HERSHEY_SIMPLEX, cv2.FONT_ITALIC),
        (cv2.FONT_HERSHEY_SCRIPT_SIMPLEX, 0), (cv2.FONT_HERSHEY_COMPLEX, cv2.FONT_ITALIC))


class Type:
    """A typeface at a size (the height of capitals and descenders, panel pixels)."""

    def __init__(self, spec: str | tuple[int, int], size: int, rng: random.Random, weight: float = 1.0) -> None:
        self.size, self.rng, self.spec = size, rng, spec
        self.hand = isinstance(spec, tuple)
        if isinstance(spec, tuple):
            self.face = spec[0] | spec[1]
            (_, asc), desc = cv2.getTextSize("Hg", self.face, 1.0, 1)
            self.scale = size / (asc + desc)
            self.ascent = asc * self.scale
            self.thick = max(2, round(size / 14 * weight))
            if spec[0] == cv2.FONT_HERSHEY_SCRIPT_SIMPLEX:  # joined-up biro: small letters are smaller, so write bigger
                self.scale *= 1.2
                self.ascent *= 1.2
                self.size = round(size * 1.2)
                self.thick = max(2, round(size / 15 * weight))
        else:
            font = ImageFont.load_default(size=size) if spec == "aileron" else ImageFont.truetype(str(DEJAVU / spec), size)
            self.font = font
            # Pillow's built-in face has no £ nor accents: such words are set in DejaVu Sans
            self.fallback = ImageFont.truetype(str(DEJAVU / "DejaVuSans.ttf"), size) if spec == "aileron" else font
            self.probe = ImageDraw.Draw(Image.new("RGB", (4, 4)))

    @property
    def h(self) -> float:
        return float(self.size)

    def width(self, text: str) -> float:
        if self.hand:
            return sum(cv2.getTextSize(c, self.face, self.scale, self.thick)[0][0] for c in _ascii(text)) * 1.04
        return float(self.probe.textlength(text, font=self._font(text)))

    def _font(self, text: str) -> ImageFont.FreeTypeFont | ImageFont.ImageFont:
        return self.fallback if any(ord(c) > 127 for c in text) else self.font

    def space(self) -> float:
        return self.width("n") * (0.9 if self.hand else 0.8)

    def draw(self, img: Image.Image, x: float, y: float, text: str, fill: tuple[int, int, int]) -> tuple[float, float, float, float]:
        """Draw ``text`` with its line box's top-left at (x, y); the ink's bounds."""
        if not self.hand:
            draw = ImageDraw.Draw(img)
            font = self._font(text)
            draw.text((x, y), text, font=font, fill=(*fill, 255), anchor="la")
            return draw.textbbox((x, y), text, font=font, anchor="la")
        text = _ascii(text)
        rng = self.rng
        pad = int(self.size)
        wmax = int(self.width(text) * 1.15) + 2 * pad
        mask = np.zeros((int(self.size * 1.6) + 2 * pad, wmax), np.uint8)
        cx = float(pad)
        base = pad + self.ascent
        slope = rng.uniform(-0.03, 0.03)
        for c in text:
            sc = self.scale * rng.uniform(0.94, 1.06)
            dy = rng.gauss(0, self.size * 0.025) + slope * (cx - pad)
            cv2.putText(mask, c, (int(round(cx)), int(round(base + dy))), self.face, sc, 255, self.thick, cv2.LINE_AA)
            cx += cv2.getTextSize(c, self.face, sc, self.thick)[0][0] * rng.uniform(0.98, 1.1)
        ys, xs = np.nonzero(mask)
        if not len(xs):
            return (x, y, x, y)
        ox, oy = int(round(x - pad)), int(round(y - pad))
        ink = Image.fromarray(mask)
        img.paste(Image.new("RGBA", ink.size, (*fill, 255)), (ox, oy), ink)
        return (ox + xs.min(), oy + ys.min(), ox + xs.max() + 1, oy + ys.max() + 1)


# ----------------------------------------------------------------------------- panels


@dataclass
class Panel:
    """Ink (text, lines, photos) on a transparent sheet; ``finish`` crops it and puts a background under it."""

    body: float  # the body text's height in panel pixels (sets the size on the photo)
    w: int = 2600
    h: int = 2200
    words: list[tuple[str, str, str, np.ndarray]] = field(default_factory=list)
    faces: list[np.ndarray] = field(default_factory=list)
    extent: list[float] = field(default_factory=lambda: [1e9, 1e9, -1e9, -1e9])

    def __post_init__(self) -> None:
        self.img = Image.new("RGBA", (self.w, self.h), (0, 0, 0, 0))
        self.draw = ImageDraw.Draw(self.img)

    def grow(self, x0: float, y0: float, x1: float, y1: float) -> None:
        e = self.extent
        e[0], e[1], e[2], e[3] = min(e[0], x0), min(e[1], y0), max(e[2], x1), max(e[3], y1)

    def measure(self, toks: Sequence[Tok], t: Type, spacing: float = 1.0) -> float:
        return sum(t.width(w) for w, _, _ in toks) + t.space() * spacing * (len(toks) - 1)

    def line(self, toks: Sequence[Tok], t: Type, x: float, y: float, fill: tuple[int, int, int], align: str = "left",
             width: float = 0.0, spacing: float = 1.0) -> float:
        """Draw the words from (x, y) (or centred / right-aligned in ``width``); returns where the line ends."""
        if align == "centre":
            x += (width - self.measure(toks, t, spacing)) / 2
        elif align == "right":
            x += width - self.measure(toks, t, spacing)
        for text, cat, why in toks:
            x0, y0, x1, y1 = t.draw(self.img, x, y, text, fill)
            quad = np.array([[x0 - 3, y0 - 3], [x1 + 3, y0 - 3], [x1 + 3, y1 + 3], [x0 - 3, y1 + 3]], np.float32)
            self.words.append((_ascii(text) if t.hand else text, cat, why, quad))  # handwriting has no accents
            self.grow(x0, y0, x1, y1)
            x = (x1 if t.hand else max(x + t.width(text), x1)) + t.space() * spacing
        return x

    def rect(self, box: Sequence[float], fill: tuple[int, ...] | None = None, outline: tuple[int, ...] | None = None,
             width: int = 1, radius: int = 0) -> None:
        f = (*fill, 255) if fill is not None and len(fill) == 3 else fill
        o = (*outline, 255) if outline is not None and len(outline) == 3 else outline
        if radius:
            self.draw.rounded_rectangle(list(box), radius=radius, fill=f, outline=o, width=width)
        else:
            self.draw.rectangle(list(box), fill=f, outline=o, width=width)
        self.grow(*box)

    def hline(self, x0: float, x1: float, y: float, colour: tuple[int, int, int], width: int = 2) -> None:
        self.draw.line([(x0, y), (x1, y)], fill=(*colour, 255), width=width)
        self.grow(x0, y - width, x1, y + width)

    def vline(self, x: float, y0: float, y1: float, colour: tuple[int, int, int], width: int = 2) -> None:
        self.draw.line([(x, y0), (x, y1)], fill=(*colour, 255), width=width)
        self.grow(x - width, y0, x + width, y1)

    def photo(self, portrait: tuple[Image.Image, tuple[float, float, float, float]] | None, x: float, y: float, size: int) -> None:
        """A staff photo (a face cropped from another WIDER photo), its face recorded for ``faces_xywh``."""
        if portrait is None:
            self.rect((x, y, x + size, y + size * 1.2), fill=(200, 200, 205))
            return
        im, (fx0, fy0, fx1, fy1) = portrait
        s = size / im.size[0]
        pic = im.resize((size, int(im.size[1] * s)), Image.Resampling.BICUBIC).convert("RGBA")
        pic = pic.crop((0, 0, size, min(pic.size[1], int(size * 1.25))))
        fy1 = min(fy1, pic.size[1] / s)
        self.img.paste(pic, (int(x), int(y)))
        self.draw.rectangle([x - 4, y - 4, x + pic.size[0] + 3, y + pic.size[1] + 3], outline=(250, 250, 250, 255), width=4)
        self.grow(x - 4, y - 4, x + pic.size[0] + 4, y + pic.size[1] + 4)
        self.faces.append(np.array([[x + fx0 * s, y + fy0 * s], [x + fx1 * s, y + fy0 * s], [x + fx1 * s, y + fy1 * s],
                                    [x + fx0 * s, y + fy1 * s]], np.float32))

    def stick(self, other: Finished, x: float, y: float, angle: float = 0.0) -> tuple[float, float, float, float]:
        """Put a finished panel (a note, a card) onto this one, turned by ``angle`` degrees; its bounds."""
        src = np.asarray(other.img)
        h, w = src.shape[:2]
        M = cv2.getRotationMatrix2D((w / 2, h / 2), angle, 1.0)
        corners = cv2.transform(np.array([[[0, 0], [w, 0], [w, h], [0, h]]], np.float32), M)[0]
        lo = corners.min(axis=0)
        M[:, 2] -= lo
        size = corners.max(axis=0) - lo
        out = cv2.warpAffine(src, M, (int(np.ceil(size[0])) + 2, int(np.ceil(size[1])) + 2), flags=cv2.INTER_LINEAR,
                             borderMode=cv2.BORDER_CONSTANT, borderValue=(0, 0, 0, 0))
        layer = Image.fromarray(out)
        self.img.alpha_composite(layer, (int(x), int(y)))
        for text, cat, why, q in other.words:
            self.words.append((text, cat, why, cv2.transform(q.reshape(1, -1, 2), M)[0] + np.array([int(x), int(y)], np.float32)))
        for q in other.faces:
            self.faces.append(cv2.transform(q.reshape(1, -1, 2), M)[0] + np.array([int(x), int(y)], np.float32))
        box = (int(x), int(y), int(x) + out.shape[1], int(y) + out.shape[0])
        self.grow(*box)
        return box

    def finish(self, bg: tuple[int, int, int] | Callable[[Image.Image, tuple[int, int, int, int]], None],
               margin: float | tuple[float, float, float, float], kind: str, size: tuple[float, float] = (15, 30)) -> Finished:
        """Crop to what was drawn, add ``margin`` (left, top, right, bottom) and paint the background under it."""
        x0, y0, x1, y1 = (int(np.floor(self.extent[0])), int(np.floor(self.extent[1])), int(np.ceil(self.extent[2])),
                          int(np.ceil(self.extent[3])))
        ml, mt, mr, mb = (margin,) * 4 if isinstance(margin, (int, float)) else margin
        ml, mt, mr, mb = int(ml), int(mt), int(mr), int(mb)
        W, H = x1 - x0 + ml + mr, y1 - y0 + mt + mb
        out = Image.new("RGBA", (W, H), (0, 0, 0, 0))
        if callable(bg):
            bg(out, (ml, mt, ml + x1 - x0, mt + y1 - y0))
        else:
            out.paste(Image.new("RGBA", (W, H), (*bg, 255)))
        out.alpha_composite(self.img.crop((x0, y0, x1, y1)), (ml, mt))
        shift = np.array([ml - x0, mt - y0], np.float32)
        return Finished(out, [(t, c, why, q + shift) for t, c, why, q in self.words], [q + shift for q in self.faces],
                        self.body, kind, size)


@dataclass
class Finished:
    img: Image.Image
    words: list[tuple[str, str, str, np.ndarray]]
    faces: list[np.ndarray]
    body: float
    kind: str
    size: tuple[float, float]  # body text height on the photo, px (low, high)


INK = ((20, 20, 20), (25, 45, 140), (150, 20, 30), (20, 100, 50))
PAPER = ((250, 250, 246), (255, 255, 255), (246, 242, 230))


class Gen:
    """One seeded run: the random source, the content makers and the staff photos."""

    def __init__(self, rng: random.Random, wider: Path, meta: list[dict]) -> None:
        self.rng = rng
        self.c = Content(rng)
        self.wider = wider
        self.faces = [(m["file"], f["bbox_xyxy_416"]) for m in meta for f in m["faces"]
                      if f["bbox_xyxy_416"][3] - f["bbox_xyxy_416"][1] >= 28 and not f.get("invalid")
                      and not f.get("occlusion") and not f.get("blur")]
        self._cache: dict[str, Image.Image] = {}

    def type(self, pool: Sequence[str | tuple[int, int]], size: int, weight: float = 1.0) -> Type:
        return Type(self.rng.choice(pool), size, self.rng, weight)

    def portrait(self) -> tuple[Image.Image, tuple[float, float, float, float]] | None:
        if not self.faces:
            return None
        file, (x0, y0, x1, y1) = self.rng.choice(self.faces)
        if file not in self._cache:
            with Image.open(self.wider / file) as src:
                self._cache[file] = src.convert("RGB")
        im = self._cache[file]
        cx, cy, side = (x0 + x1) / 2, (y0 + y1) / 2 + (y1 - y0) * 0.15, max(x1 - x0, y1 - y0) * 1.9
        bx0, by0 = max(0.0, cx - side / 2), max(0.0, cy - side * 0.6)
        bx1, by1 = min(float(im.size[0]), bx0 + side), min(float(im.size[1]), by0 + side * 1.2)
        crop = im.crop((int(bx0), int(by0), int(bx1), int(by1)))
        return crop, (x0 - int(bx0), y0 - int(by0), x1 - int(bx0), y1 - int(by0))

    def pick(self, options: Sequence[list[Tok]]) -> list[Tok]:
        return list(self.rng.choice(options))

    def time(self) -> str:
        rng = self.rng
        h, m = rng.choice([9, 10, 10, 11, 13, 14, 14, 15, 16, 18, 19]), rng.choice([0, 0, 15, 30, 30, 45])
        twelve = f"{h if h <= 12 else h - 12}{'' if not m else f'.{m:02d}'}{'am' if h < 12 else 'pm'}"
        return rng.choice([f"{h}:{m:02d}", f"{h:02d}.{m:02d}", twelve])

    def event_date(self) -> list[Tok]:
        rng = self.rng
        d, m = rng.randint(1, 28), rng.randint(4, 12)
        return T(rng.choice([f"{DAYS[rng.randint(0, 6)]} {ordinal(d)} {MONTHS[m - 1]}",
                             f"{DAYS[rng.randint(0, 6)][:3]} {d} {MONTHS[m - 1][:3]}",
                             f"{d}/{m}/2025", f"{d:02d}.{m:02d}.25", f"{ordinal(d)} {MONTHS[m - 1]} 2025",
                             f"{DAYS[rng.randint(0, 6)]} {d} {MONTHS[m - 1]}"]), OK, "event date")

    def weekday(self) -> str:
        return self.rng.choice(DAYS)

    def price(self, lo: float = 0.5, hi: float = 9.0) -> str:
        v = self.rng.uniform(lo, hi)
        return f"£{v:.2f}" if v >= 1 or self.rng.random() < 0.5 else f"{round(v * 100)}p"

    def bigger(self) -> int:
        """A body size in panel pixels (the panel is scaled to the photo later)."""
        return self.rng.randint(34, 44)


# ----------------------------------------------------------------------------- words used in plain positions

ACTIVITIES: tuple[str, ...] = (
    "Chair yoga", "Bingo", "Armchair exercises", "Baking scones", "Sing-along", "Church service", "Hairdresser",
    "Film afternoon", "Pub quiz", "Dominoes", "Flower arranging", "Pamper session", "Reminiscence", "Music for all",
    "Gardening club", "Knitting circle", "Pet therapy visit", "Skittles", "Arts and crafts", "Tea dance",
    "Rose garden walk", "Holly wreath making", "Summer fete planning", "May Day dancing", "Amazing Grace sing-along",
    "Daisy chain crafts", "Dawn chorus walk", "Victoria sponge baking", "Scrabble", "Newspaper chat", "Nail painting",
    "Bowls on the lawn", "Bird watching", "Jigsaw club", "Library trolley", "Ruby Wedding film", "Sunny day picnic",
)
DISHES: tuple[str, ...] = (
    "Cottage pie", "Fish and chips", "Roast chicken", "Beef stew and dumplings", "Vegetable lasagne", "Shepherd's pie",
    "Jacket potato with beans", "Tomato soup", "Leek and potato soup", "Cheese omelette", "Macaroni cheese",
    "Chicken curry and rice", "Toad in the hole", "Corned beef hash", "Pearl barley broth", "Gammon and pineapple",
    "Quiche and salad", "Sausage and mash", "Poached salmon", "Jollof rice", "Dal and chapati", "Sweet and sour chicken",
)
PUDDINGS: tuple[str, ...] = (
    "Victoria sponge", "Rice pudding", "Jam roly-poly", "Apple crumble and custard", "Bread and butter pudding",
    "Trifle", "Eton mess", "Jelly and ice cream", "Bakewell tart", "Summer pudding", "Sticky toffee pudding",
    "Lemon drizzle cake", "Fruit salad", "Peaches and cream",
)
SHOPPING: tuple[str, ...] = (
    "milk", "bread", "teabags", "eggs", "butter", "bananas", "digestives", "cheddar", "tin of peaches", "Rose wine",
    "custard creams", "toilet roll", "washing up liquid", "birthday card", "stamps", "Holly wreath", "ham", "tomatoes",
    "Heather honey", "porridge oats", "Victoria plums", "kitchen roll", "batteries", "tissues", "orange squash",
    "Iris bulbs", "Union Jack bunting", "Amber ale",
)
ROLES: tuple[str, ...] = ("Nurse in charge", "Senior carer", "Care assistant", "Carer", "Activities", "Kitchen",
                          "Housekeeping", "Maintenance", "Manager", "Deputy manager", "Night carer", "Laundry")


def plain(text: str, why: str = "") -> list[Tok]:
    return T(text, OK, why)


def either(text: str, why: str = "") -> list[Tok]:
    return T(text, EITHER, why)


def room_of(number: int | str, word: str = "Room") -> list[Tok]:
    """A room number beside a resident's name: where that person lives."""
    return [(word, EITHER, "room word"), (str(number), ADDR, "room number of a named resident")]


def dose_tokens(dose: str) -> list[Tok]:
    return [(w, HEALTH if any(ch.isdigit() for ch in w) and len(w) > 1 else EITHER, "dose") for w in dose.split()]


# ----------------------------------------------------------------------------- backgrounds


def solid(colour: tuple[int, int, int], frame: tuple[int, int, int] | None = None, frame_w: int = 0,
          radius: int = 0) -> Callable[[Image.Image, tuple[int, int, int, int]], None]:
    def paint(img: Image.Image, _inner: tuple[int, int, int, int]) -> None:
        d = ImageDraw.Draw(img)
        W, H = img.size
        d.rounded_rectangle([0, 0, W - 1, H - 1], radius=radius, fill=(*colour, 255),
                            outline=(*frame, 255) if frame else None, width=frame_w)
    return paint


def textured(colour: tuple[int, int, int], seed: int, grain: float = 18.0,
             frame: tuple[int, int, int] | None = None, frame_w: int = 0) -> Callable[[Image.Image, tuple[int, int, int, int]], None]:
    """Cork, card or painted wood: a colour with blotchy grain."""
    def paint(img: Image.Image, _inner: tuple[int, int, int, int]) -> None:
        W, H = img.size
        r = np.random.default_rng(seed)
        small = r.normal(0, 1, (max(2, H // 6), max(2, W // 6), 1)).astype(np.float32)
        noise = cv2.resize(small, (W, H), interpolation=cv2.INTER_LINEAR)[..., None] * grain
        noise += r.normal(0, grain / 3, (H, W, 1))
        rgb = np.clip(np.array(colour, np.float32)[None, None, :] + noise, 0, 255).astype(np.uint8)
        layer = Image.fromarray(np.dstack([rgb, np.full((H, W), 255, np.uint8)]), "RGBA")
        img.paste(layer)
        if frame:
            ImageDraw.Draw(img).rectangle([0, 0, W - 1, H - 1], outline=(*frame, 255), width=frame_w)
    return paint


# ----------------------------------------------------------------------------- the twenty layouts


def _marker(g: Gen, size: int) -> Type:
    """Marker pen on a whiteboard: print handwriting, never joined-up."""
    return g.type([h for h in HAND if h[0] != cv2.FONT_HERSHEY_SCRIPT_SIMPLEX], size, weight=1.3)


def activity_board(g: Gen) -> Finished:
    """A whiteboard of the week's activities in marker, with the staff who run them."""
    rng, B = g.rng, g.bigger()
    p = Panel(B)
    head = _marker(g, int(B * 1.6))
    ink = rng.choice(INK[:3])
    y = 40.0
    p.line(plain(rng.choice(["This week's activities", "Activities this week", "What's on this week", "Weekly activities"])),
           head, 40, y, rng.choice(INK))
    y += head.h * 1.7
    t = _marker(g, B)
    days = DAYS[:rng.randint(4, 7)]
    for day in days:
        x = p.line(plain(day + ":" if rng.random() < 0.5 else day), t, 40, y, rng.choice(INK))
        x = max(x, 40 + t.width("Wednesday:") + t.space())
        acts = plain(rng.choice(ACTIVITIES), "activity")
        toks = [*plain(g.time(), "time"), *acts]
        if rng.random() < 0.55:
            staff = g.c.person(0.25)
            toks += [*plain("with"), *staff.first()]
        p.line(toks, t, x, y, ink)
        y += t.h * 1.55
    if rng.random() < 0.6:
        p.line(plain(rng.choice(["All welcome!", "Ask staff for details", "Tea and cake in the lounge at 3pm",
                                 "Hairdresser Thursday - book with the office"])), t, 40, y + t.h * 0.3, rng.choice(INK))
    return p.finish(solid((250, 250, 250), (170, 170, 175), 14), (50, 40, 60, 50), "activity", (16, 30))


def birthday_board(g: Gen) -> Finished:
    """Residents' birthdays of the month, on coloured card with bunting."""
    rng, B = g.rng, g.bigger()
    p = Panel(B)
    month = rng.choice(MONTHS)
    head = g.type(BOLD, int(B * 1.7))
    p.line(rng.choice([plain(f"{month} Birthdays"), plain("Happy Birthday!"), plain(f"Birthdays in {month}"),
                       plain("Many Happy Returns")]), head, 40, 30, (180, 30, 60))
    y = 30 + head.h * 1.9
    t = g.type(PRINT + ("aileron",), B)
    for _ in range(rng.randint(3, 6)):
        res = g.c.person(0.2)
        d = rng.randint(1, 28)
        if rng.random() < 0.2:  # the year too: a date of birth
            when = [(w, DOB, "birthday with the year") for w in [ordinal(d), month, str(rng.randint(1925, 1960))]]
        else:
            when = [(w, EITHER, "birthday without a year") for w in
                    rng.choice([[ordinal(d)], [ordinal(d), month], [f"{d}/{MONTHS.index(month) + 1}"]])]
        toks = [*res.any(rng, first=0.3), *when]
        if rng.random() < 0.3:
            toks += [(str(rng.randint(80, 101)), EITHER, "age"), ("today!", EITHER, "")]
        if rng.random() < 0.25:
            toks = [*toks, ("-", EITHER, ""), *room_of(rng.randint(1, 40), rng.choice(["Room", "Rm"]))]
        p.line(toks, t, 60, y, rng.choice(((20, 20, 20), (30, 40, 120))))
        y += t.h * 1.6
    if rng.random() < 0.7:
        p.line(plain(rng.choice(["Cake in the lounge at 3pm", "Join us for a sing-song", "From all the staff x",
                                 "Summer party on the 28th"])), t, 60, y + t.h * 0.4, (90, 30, 90))
    return p.finish(textured(rng.choice(((250, 225, 120), (180, 215, 240), (240, 190, 210))), rng.randrange(1 << 30), 6),
                    (50, 40, 50, 50), "birthday", (15, 28))


def on_shift_board(g: Gen) -> Finished:
    """"Who's on today": staff photos with their first names and roles."""
    rng, B = g.rng, g.bigger()
    p = Panel(B)
    head = g.type(BOLD, int(B * 1.5))
    p.line(plain(rng.choice(["Who's on today", "Today's team", "Staff on duty today", "Meet today's team"])), head, 30, 20,
           (20, 60, 120))
    x0, y0 = 30, 20 + head.h * 1.8
    t = g.type(PRINT, B)
    n = rng.randint(3, 6)
    cols = 3 if n > 4 else n
    tn = g.type(BOLD, B)
    staff = [(w.first() if rng.random() < 0.7 else w.full(), plain(rng.choice(ROLES), "role"))
             for w in (g.c.person(0.2) for _ in range(n))]
    cell = max(B * 7.5, *(max(p.measure(nm, tn), p.measure(rl, t)) + B * 1.2 for nm, rl in staff))
    for i, (name, role) in enumerate(staff):
        cx, cy = x0 + (i % cols) * cell, y0 + (i // cols) * (cell * 0.84 + B * 4)
        p.photo(g.portrait(), cx + 10, cy, int(cell * 0.6))
        p.line(name, tn, cx + 10, cy + cell * 0.6 * 1.25 + B * 0.6, (20, 20, 20))
        p.line(role, t, cx + 10, cy + cell * 0.6 * 1.25 + B * 2.0, (70, 70, 70))
    if rng.random() < 0.5:
        p.line(plain(rng.choice(["Morning shift 7am - 2pm", "Afternoon 2pm - 9pm", "Nights 9pm - 7am"])), t, 30,
               y0 + ((n - 1) // cols + 1) * (cell * 0.84 + B * 4), (20, 60, 120))
    return p.finish(textured((235, 238, 245), rng.randrange(1 << 30), 5, (120, 90, 60), 12), 30, "on_shift", (15, 26))


def staff_rota(g: Gen) -> Finished:
    """A printed weekly rota: staff names down the side, shift codes across the week."""
    rng, B = g.rng, g.bigger()
    p = Panel(B)
    t = g.type(("DejaVuSans.ttf", "DejaVuSansCondensed.ttf", "aileron"), B)
    tb = g.type(("DejaVuSans-Bold.ttf", "DejaVuSansCondensed-Bold.ttf"), B)
    d = rng.randint(1, 28)
    p.line([*plain("Staff rota"), *plain("w/c"), *plain(f"{d} {rng.choice(MONTHS)}", "week date")], tb, 20, 10, (0, 0, 0))
    names = [g.c.person(0.2) for _ in range(rng.randint(4, 7))]
    namew = max(max(p.measure(n.full(), t) for n in names), t.width("Name")) + 30
    colw = t.width("Wed") * 1.9
    y = 10 + B * 1.8
    p.line(plain("Name"), tb, 20, y, (0, 0, 0))
    for j, day in enumerate(("Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun")):
        p.line(plain(day), tb, 20 + namew + j * colw, y, (0, 0, 0))
    p.hline(15, 20 + namew + 7 * colw, y + B * 1.3, (0, 0, 0), 3)
    for n in names:
        y += B * 1.6
        p.line(n.full() if rng.random() < 0.6 else n.first(), t, 20, y, (0, 0, 0))
        for j in range(7):
            code = rng.choice(["E", "L", "N", "LD", "off", "E", "L", "-", "AL"])
            if code != "-":
                p.line(plain(code, "shift code"), t, 20 + namew + j * colw, y, (0, 0, 0))
        p.hline(15, 20 + namew + 7 * colw, y + B * 1.3, (150, 150, 150), 2)
    for j in range(8):
        p.vline(20 + namew + j * colw - 12, 10 + B * 1.7, y + B * 1.3, (150, 150, 150), 2)
    p.line(plain("E = 7-2  L = 2-9  N = nights  AL = annual leave", "key"), t, 20, y + B * 2, (60, 60, 60))
    return p.finish((255, 255, 255), 30, "rota", (15, 24))


Cell = tuple[list[Tok], Type, tuple[int, int, int]]


def table(p: Panel, header: list[Cell], rows: list[list[Cell]], x: float, y: float, rowh: float,
          rule: tuple[int, int, int] | None = (140, 140, 140)) -> float:
    """Columns as wide as their widest cell; returns the y under the last row."""
    gap = p.body * 0.9
    widths = [max(p.measure(c[0], c[1]) if c[0] else 0.0 for c in col) for col in zip(header, *rows, strict=True)]
    xs = [x]
    for w in widths[:-1]:
        xs.append(xs[-1] + w + gap)
    right = xs[-1] + widths[-1]
    for cx, (toks, t, ink) in zip(xs, header, strict=True):
        p.line(toks, t, cx, y, ink)
    for r in rows:
        y += rowh
        if rule:
            p.hline(x - 6, right + 6, y - rowh * 0.18, rule, 2)
        for cx, (toks, t, ink) in zip(xs, r, strict=True):
            if toks:
                p.line(toks, t, cx, y, ink)
    return y + rowh


def medication_chart(g: Gen) -> Finished:
    """A medication round chart: room, resident, medicine, dose, and the initials of who gave it."""
    rng, B = g.rng, g.bigger()
    p = Panel(B)
    t = g.type(("DejaVuSans.ttf", "DejaVuSansCondensed.ttf", "DejaVuSerif.ttf"), B)
    hand = g.type(HAND, B)
    p.line(either(rng.choice(["Medication round", "Morning medication round", "MAR - lunchtime round",
                              "Medicines - 8am round"]), "header of a personal sheet"), g.type(BOLD, int(B * 1.3)), 20, 10,
           (0, 0, 0))
    black = (0, 0, 0)
    dob = rng.random() < 0.5  # some charts carry each resident's date of birth or NHS number
    ident = rng.choice(["DOB", "NHS No"]) if dob else ""
    header: list[Cell] = [(either(h, "column header"), t, black)
                          for h in ("Rm", "Resident", *([ident] if dob else []), "Medicine", "Dose", "Given")]
    rows: list[list[Cell]] = []
    for _ in range(rng.randint(3, 6)):
        res = g.c.person(0.15)
        extra: list[Cell] = []
        if dob:
            extra = [([(w, DOB, "") for w in g.c.dob()] if ident == "DOB" else [(w, ID, "NHS number") for w in g.c.nhs()],
                      t, black)]
        rows.append([([(str(rng.randint(1, 40)), ADDR, "room number of a named resident")], t, black),
                     (rng.choice([res.full, res.initial, res.titled])(), t, black), *extra,
                     ([(rng.choice(MEDICINES), HEALTH, "medicine of a person")], t, black),
                     (dose_tokens(rng.choice(DOSES)), t, black),
                     ([("".join(rng.choice("ABCDEFGHJKLMNPRSTW") for _ in range(2)), EITHER, "initials of a carer")], hand,
                      rng.choice(INK[:2]))])
    y = table(p, header, rows, 20, 10 + B * 2.2, B * 1.7)
    if rng.random() < 0.6:
        res = g.c.person(0.1)
        p.line([*either("Allergy alert:"), *res.any(rng), ("-", EITHER, ""), *g.pick(DIETS[7:8] + DIETS[3:4])], t, 20,
               y + B * 0.4, (170, 0, 0))
    return p.finish((255, 255, 255), 30, "med_chart", (15, 24))


def sign_in_sheet(g: Gen) -> Finished:
    """Visitors' sign-in sheet on a clipboard: handwritten names, who they visit, times, car registrations, phones."""
    rng, B = g.rng, g.bigger()
    p = Panel(B)
    tb = g.type(("DejaVuSans-Bold.ttf", "DejaVuSansCondensed-Bold.ttf"), int(B * 0.9))
    p.line(either(rng.choice(["Visitors - please sign in", "Visitor signing-in book", "Please sign in and out"]),
                  "header of a sheet of personal details"), g.type(BOLD, int(B * 1.3)), 20, 10, (0, 0, 0))
    header: list[Cell] = [(either(h, "column header"), tb, (0, 0, 0))
                          for h in ("Date", "Name", "Visiting", "In", "Car reg", "Phone/email")]
    rows: list[list[Cell]] = []
    for _ in range(rng.randint(3, 6)):
        hand = g.type(HAND, B)
        ink = rng.choice(INK[:2])
        vis, res = g.c.person(0.15), g.c.person(0.15)
        rows.append([([(f"{rng.randint(1, 28)}/{rng.randint(1, 12)}", EITHER, "visit date")], hand, ink),
                     (rng.choice([vis.full, vis.full, vis.initial])(), hand, ink),
                     (rng.choice([res.first, res.full, res.titled])(), hand, ink),
                     ([(g.time(), EITHER, "time of a visit")], hand, ink),
                     ([(w, PLATE, "") for w in g.c.plate()] if rng.random() < 0.75 else [], hand, ink),
                     ([(w, PHONE, "") for w in g.c.mobile()] if rng.random() < 0.6 else
                      [(g.c.email(vis), EMAIL, "")] if rng.random() < 0.6 else [], hand, ink)])
    table(p, header, rows, 20, 10 + B * 2.2, B * 1.8, (140, 160, 200))
    return p.finish(solid((252, 252, 248), (90, 70, 50), 10), 30, "sign_in", (16, 26))


def fridge_menu(g: Gen) -> Finished:
    """The kitchen's menu on the fridge with allergens, and residents' special diets beside it."""
    rng, B = g.rng, g.bigger()
    p = Panel(B)
    t = g.type(PRINT, B)
    tb = g.type(BOLD, int(B * 1.4))
    p.line(rng.choice([plain("Bill of Fare"), plain("Menu - Week 2"), plain("This week's menu"), plain("Summer menu")]),
           tb, 20, 10, (30, 80, 30))
    y = 10 + B * 2.2
    for day in DAYS[:rng.randint(3, 5)]:
        p.line([*plain(day + ":"), *plain(rng.choice(DISHES), "dish"), *plain("or"), *plain(rng.choice(DISHES), "dish")],
               t, 20, y, (0, 0, 0))
        y += B * 1.5
        p.line([*plain(rng.choice(PUDDINGS), "pudding"),
                *either(f"(contains {rng.choice(['gluten, milk', 'egg, milk', 'nuts', 'gluten, egg', 'sulphites'])})",
                        "allergen label about no one")], t, 60, y, (60, 60, 60))
        y += B * 1.7
    y += B * 0.5
    p.line(either(rng.choice(["Special diets", "Residents' diets - kitchen only", "Diet notes"]), "header of a list of residents' diets"),
           g.type(BOLD, B), 20, y, (170, 0, 0))
    hand = g.type(HAND, B)
    for _ in range(rng.randint(2, 4)):
        y += B * 1.6
        res = g.c.person(0.15)
        who = rng.choice([res.full, res.titled, res.first])()
        if rng.random() < 0.3:
            who = [*who, *room_of(rng.randint(1, 40), "Rm")]
        p.line([*who, ("-", EITHER, ""), *g.pick(DIETS)], hand, 40, y, rng.choice(INK[:3]))
    return p.finish(solid((255, 255, 255), (200, 200, 200), 4), 35, "fridge_menu", (15, 26))


def _note(g: Gen, lines: list[list[Tok]], paper: tuple[int, int, int], hand: bool, B: int) -> Finished:
    p = Panel(B)
    t = g.type(HAND, B) if hand else g.type(PRINT, B)
    ink = g.rng.choice(INK[:2]) if hand else (20, 20, 20)
    y = 10.0
    for i, toks in enumerate(lines):
        tt = g.type(BOLD, int(B * 1.2)) if i == 0 and not hand else t
        p.line(toks, tt, 10, y, ink)
        y += tt.h * 1.5
    return p.finish(paper, (30, 30, 30, 30), "note")


def noticeboard(g: Gen) -> Finished:
    """A cork board with four or five pinned notes, some public, some about one resident."""
    rng, B = g.rng, g.bigger()
    c = g.c
    res, fam, staff = c.person(0.15), c.person(0.15), c.person(0.3)
    offers: list[list[list[Tok]]] = [
        [plain("Hairdresser"), plain(f"every {rng.choice(DAYS)}"), plain("10am - 1pm"), plain("Book at reception")],
        [plain("Residents' meeting"), [*plain(rng.choice(DAYS)), *plain(g.time())], plain("in the Rose Lounge"), plain("All welcome")],
        [either("Flu jabs"), [*either("GP clinic here"), *either(rng.choice(DAYS))], either("Please tell the nurse if you")]
        + [either("do not want the vaccine")],
        [plain("Summer fete"), plain("Volunteers needed!"), [*plain("Please see"), *staff.first(), *plain("in the office")]],
        [[*either("Family contact")], [*res.any(rng), *room_of(rng.randint(1, 40), "Rm")],
         [*either(rng.choice(["daughter", "son", "niece", "husband"])), *fam.first(), *[(w, PHONE, "") for w in c.phone()]],
         [(c.email(fam), EMAIL, "")]],
        [[*either(rng.choice(["Podiatry", "Chiropody", "Optician"]) + " list")], res.titled(), c.person(0.15).titled(),
         c.person(0.15).full()],
        [plain("Lost: reading glasses"), plain("brown case, found in the"), plain("Hope Garden. Ask staff")],
        [plain("Thank you"), plain("for the lovely care you"), plain("gave our Mum"), [*plain("Love"), *fam.first(), ("x", EITHER, "")]],
        [plain("Fire drill"), [*plain(rng.choice(DAYS)), *plain("11am")], plain("Do not be alarmed!")],
    ]
    rng.shuffle(offers)
    notes = []
    for lines in offers[:rng.randint(4, 5)]:
        paper = rng.choice(((255, 250, 160), (255, 255, 255), (200, 235, 255), (255, 210, 225), (210, 250, 200)))
        notes.append(_note(g, lines, paper, rng.random() < 0.5, B))
    # pinned in rows, a little apart and askew
    row_w = max(max(n.img.size[0] for n in notes), sum(n.img.size[0] * n.img.size[1] for n in notes) ** 0.5 * 2.2)
    board = Panel(B, w=int(row_w + 2 * B * 6) + 400, h=sum(n.img.size[1] for n in notes) + 600)
    board.grow(0, 0, 1, 1)
    x = y = 20.0
    row_h = 0.0
    for n in notes:
        if x > 20 and x + n.img.size[0] > row_w:
            x, y, row_h = 20.0, y + row_h + B * 1.2, 0.0
        box = board.stick(n, x + rng.uniform(0, B), y + rng.uniform(0, B), rng.uniform(-5, 5))
        x = box[2] + B * 1.2
        row_h = max(row_h, box[3] - y)
    return board.finish(textured((176, 130, 80), rng.randrange(1 << 30), 22, (110, 80, 50), 30), 40, "noticeboard", (17, 30))


def lost_property(g: Gen) -> Finished:
    """A printed lost-property notice; now and then an item with a name label."""
    rng, B = g.rng, g.bigger()
    p = Panel(B)
    p.line(plain("LOST PROPERTY"), g.type(BOLD, int(B * 1.8)), 20, 10, (160, 0, 0))
    t = g.type(PRINT, B)
    y = 10 + B * 2.6
    items = ["Reading glasses (brown case)", "Navy cardigan, size 14", "Gold wristwatch", "Umbrella with ducks",
             "Grey flat cap", "Set of keys on a Rose keyring", "Purple scarf", "Walking stick", "Jigsaw - 500 pieces",
             "Holly-pattern handbag"]
    rng.shuffle(items)
    for it in items[:rng.randint(3, 5)]:
        p.line([("-", EITHER, "bullet"), *plain(it, "item")], t, 30, y, (0, 0, 0))
        y += B * 1.5
    if rng.random() < 0.5:
        owner = g.c.person(0.15)
        p.line([*plain("- Slippers, name label:"), *owner.initial()], t, 30, y, (0, 0, 0))
        y += B * 1.5
    p.line(plain(rng.choice(["Found in the lounge. Please ask at reception.", "Please claim from the office by Friday",
                             "Unclaimed items go to the charity shop"])), t, 20, y + B * 0.5, (40, 40, 40))
    return p.finish(solid((255, 255, 255)), 30, "lost_property", (15, 26))


def door_sign(g: Gen) -> Finished:
    """A resident's door: room number, name, and now and then a line about them."""
    rng, B = g.rng, g.bigger()
    p = Panel(B)
    res = g.c.person(0.2)
    big = g.type(BOLD, int(B * 1.4))
    p.line(room_of(rng.randint(1, 60), rng.choice(["Room", "Room", "Flat", "Suite"])), big, 20, 10, (255, 255, 255))
    y = 10 + big.h * 1.7
    p.line(rng.choice([res.full, res.first, res.titled_full])(), g.type(PRINT, int(B * 1.2)), 20, y, (255, 255, 255))
    y += B * 1.8
    if rng.random() < 0.5:
        p.line(either(rng.choice(["Please knock and wait", "I like a cup of tea with two sugars", "Loves gardening and Elvis",
                                  "Please keep the door closed"]), "on one person's door card"),
               g.type(PRINT, int(B * 0.8)), 20, y, (230, 230, 230))
    bg = rng.choice(((30, 70, 140), (20, 110, 90), (120, 40, 90), (60, 60, 60)))
    return p.finish(solid(bg, (220, 220, 220), 6, radius=16), 30, "door", (15, 28))


def keyworker_card(g: Gen) -> Finished:
    """"My keyworker is ..." card by a bed or door, with a staff photo."""
    rng, B = g.rng, g.bigger()
    p = Panel(B)
    staff, dep, res = g.c.person(0.25), g.c.person(0.25), g.c.person(0.15)
    t = g.type(PRINT, B)
    p.line(either("My keyworker is", "on one person's card"), g.type(BOLD, int(B * 1.2)), 20, 10, (20, 20, 120))
    p.photo(g.portrait(), 20, 10 + B * 2, int(B * 4))
    x = 20 + B * 5
    p.line(staff.first() if rng.random() < 0.6 else staff.full(), g.type(BOLD, int(B * 1.3)), x, 10 + B * 2.5, (0, 0, 0))
    p.line([*either("Deputy:"), *dep.first()], t, x, 10 + B * 4.5, (0, 0, 0))
    if rng.random() < 0.7:
        p.line([*either("Resident:"), *res.any(rng)], t, x, 10 + B * 6, (0, 0, 0))
    return p.finish(solid((250, 250, 255), (20, 20, 120), 5, radius=10), 25, "keyworker", (15, 26))


def lanyard_badge(g: Gen) -> Finished:
    """"Hello my name is" badge: a given name in large letters (a common word sometimes), a role."""
    rng, B = g.rng, g.bigger()
    p = Panel(B)
    who = g.c.person(0.4)
    top = g.type(BOLD, int(B * 0.9))
    p.line(either(rng.choice(["Hello my name is", "Hello, my name is", "hello my name is..."]), "on a name badge"),
           top, 20, 10, (255, 255, 255))
    y = 10 + B * 1.8
    name = who.first() if rng.random() < 0.7 else who.full()
    tn = g.type(HAND, int(B * 1.6)) if rng.random() < 0.4 else g.type(BOLD, int(B * 1.6))
    p.line(name, tn, 20, y, (20, 20, 20))
    y += B * 2.4
    p.line(either(rng.choice(ROLES), "role on a name badge"), g.type(PRINT, int(B * 0.9)), 20, y, (60, 60, 60))
    band = rng.choice(((200, 30, 40), (20, 90, 170), (120, 40, 140)))

    def paint(img: Image.Image, _inner: tuple[int, int, int, int]) -> None:
        d = ImageDraw.Draw(img)
        W, H = img.size
        d.rounded_rectangle([0, 0, W - 1, H - 1], radius=14, fill=(255, 255, 255, 255), outline=(*band, 255), width=5)
        d.rectangle([0, 0, W - 1, int(25 + B * 1.45)], fill=(*band, 255))
    return p.finish(paint, (30, 15, 30, 25), "badge", (16, 30))


def appointment_card(g: Gen) -> Finished:
    """A hospital appointment card: patient, NHS and hospital numbers, date of birth, clinic, when."""
    rng, B = g.rng, g.bigger()
    p = Panel(B)
    c = g.c
    t = g.type(("DejaVuSans.ttf", "DejaVuSansCondensed.ttf", "aileron"), int(B * 0.9))
    hand = g.type(HAND, B)
    ink = rng.choice(INK[:2])
    trust = rng.choice(["Northern General Hospital", "Royal Infirmary", "St Luke's Hospital", "County Hospital NHS Trust"])
    p.line(either(trust, "organisation"), g.type(BOLD, B), 20, 10, (0, 94, 184))
    p.line(either("Outpatient appointment card", "on a personal card"), t, 20, 10 + B * 1.5, (0, 0, 0))
    y = 10 + B * 3.2
    pat = c.person(0.15)
    rows: list[tuple[str, list[Tok]]] = [
        ("Name:", rng.choice([pat.titled_full, pat.full, pat.initial])()),
        ("NHS No:", [(w, ID, "NHS number") for w in c.nhs()]),
        ("DOB:", [(w, DOB, "") for w in c.dob()]),
        ("Clinic:", g.pick(CLINICS)),
        ("Date:", [(w, EITHER, "appointment date") for w, _, _ in g.event_date()]),
        ("Time:", [(g.time(), EITHER, "appointment time")]),
    ]
    if rng.random() < 0.5:
        rows.insert(2, ("Hosp No:", [(c.hospital_no(), ID, "hospital number")]))
    for label, toks in rows:
        x = p.line(either(label, "label on a personal card"), t, 20, y, (0, 0, 0))
        p.line(toks, hand, max(x, 20 + B * 4.6), y - B * 0.1, ink)
        y += B * 1.55
    p.line(either("Please bring a list of your medicines", "on a personal card"), t, 20, y + B * 0.3, (80, 80, 80))
    return p.finish(solid((255, 255, 255), (0, 94, 184), 5), 25, "appointment", (15, 24))


def parcel_label(g: Gen) -> Finished:
    """A parcel label: recipient, private address, postcode, phone; the sender a business."""
    rng, B = g.rng, g.bigger()
    p = Panel(B)
    c = g.c
    t = g.type(("DejaVuSans.ttf", "DejaVuSansMono.ttf", "DejaVuSansCondensed.ttf"), B)
    p.line(either(rng.choice(["Royal Mail Tracked 48", "DPD Next Day", "Evri Standard", "Parcelforce 24"]), "carrier"),
           g.type(BOLD, B), 20, 10, (0, 0, 0))
    p.hline(10, 20 + B * 16, 10 + B * 1.6, (0, 0, 0), 4)
    y = 10 + B * 2.2
    p.line(either("Deliver to:", "on a personal label"), t, 20, y, (0, 0, 0))
    y += B * 1.4
    who = c.person(0.15)
    p.line(rng.choice([who.full, who.titled_full, who.initial])(), t, 20, y, (0, 0, 0))
    y += B * 1.4
    num = str(rng.randint(1, 180)) + rng.choice(["", "", "", "a", "b"])
    line1 = [(num, ADDR, "house number"), *[(w, ADDR, "street of a private address") for w in c.street()]]
    if rng.random() < 0.25:
        line1 = [("Flat", EITHER, ""), (str(rng.randint(1, 40)), ADDR, "flat number"), *line1]
    p.line(line1, t, 20, y, (0, 0, 0))
    town, district, pc = c.town_postcode()
    y += B * 1.4
    p.line(either(district, "district, a public place"), t, 20, y, (0, 0, 0))
    y += B * 1.4
    p.line(either(town.upper() if rng.random() < 0.5 else town, "town"), t, 20, y, (0, 0, 0))
    y += B * 1.4
    p.line([(w, ADDR, "postcode of a private address") for w in pc], g.type(BOLD, int(B * 1.2)), 20, y, (0, 0, 0))
    y += B * 1.9
    if rng.random() < 0.6:
        p.line([*either("Tel:"), *[(w, PHONE, "") for w in c.phone()]], t, 20, y, (0, 0, 0))
        y += B * 1.4
    if rng.random() < 0.4:
        p.line([(c.email(who), EMAIL, "")], g.type(PRINT, int(B * 0.85)), 20, y, (0, 0, 0))
        y += B * 1.4
    p.line(either(f"From: {rng.choice(['Amazon EU', 'Boots Online', 'Lakeland Ltd', 'Argos Returns'])}", "sender, a business"),
           g.type(PRINT, int(B * 0.8)), 20, y + B * 0.3, (80, 80, 80))
    return p.finish(solid((255, 255, 255), (30, 30, 30), 3), 25, "parcel", (15, 26))


def car_back(g: Gen) -> Finished:
    """The back of a car: a yellow UK plate, a dealer's name, a bumper sticker."""
    rng, B = g.rng, g.bigger()
    p = Panel(B)
    plate = g.c.plate()
    body = rng.choice(((150, 20, 25), (30, 50, 90), (200, 200, 205), (40, 40, 40), (230, 230, 230), (60, 90, 60)))
    pt = g.type(("DejaVuSans-Bold.ttf", "DejaVuSansCondensed-Bold.ttf"), int(B * 1.6))
    pw = p.measure([(w, "", "") for w in plate], pt, 1.3) + B * 2.2
    x0, y0 = 40 + B * 4, 40 + B * 5
    p.rect((x0, y0, x0 + pw, y0 + B * 2.6), fill=(250, 205, 30), outline=(20, 20, 20), width=4, radius=8)
    p.rect((x0 + 6, y0 + 6, x0 + B * 1.1, y0 + B * 2.6 - 6), fill=(20, 60, 160))
    p.line([(w, PLATE, "") for w in plate], pt, x0 + B * 1.6, y0 + B * 0.45, (10, 10, 10), spacing=1.3)
    small = g.type(PRINT, int(B * 0.6))
    p.line(either(rng.choice(["Arnold Motors Derby", "Pendle Car Sales", "Evans Halshaw", "Jacksons of Leeds"]),
                  "dealer, a business"), small, x0 + B * 1.6, y0 + B * 2.7, (30, 30, 30) if sum(body) > 400 else (225, 225, 225))
    if rng.random() < 0.7:
        st = g.type(BOLD, B)
        text = rng.choice(["Baby on board", "Keep your distance", "Caution: learner driver", "Proud to be a carer",
                           "I love Skegness", "Sunny Hunstanton"])
        sw = p.measure(plain(text), st)
        sx, sy = x0 + pw + B * 2, y0 - B * 3
        p.rect((sx - 10, sy - 10, sx + sw + 10, sy + B * 1.5), fill=(255, 255, 255), radius=6)
        p.line(plain(text, "bumper sticker"), st, sx, sy, (200, 30, 40))

    def paint(img: Image.Image, _inner: tuple[int, int, int, int]) -> None:
        d = ImageDraw.Draw(img)
        W, H = img.size
        d.rounded_rectangle([0, 0, W - 1, H - 1], radius=60, fill=(*body, 255))
        d.rectangle([30, 30, W // 4, int(B * 2.5)], fill=(200, 40, 30, 255))
        d.rectangle([W - W // 4, 30, W - 30, int(B * 2.5)], fill=(200, 40, 30, 255))
        d.rectangle([0, H - int(B * 1.4), W - 1, H - 1], fill=(25, 25, 25, 255))
    return p.finish(paint, (50, 60, 50, 80), "car", (17, 32))


def shopping_list(g: Gen) -> Finished:
    """A handwritten shopping list on lined paper; now and then an errand for a resident."""
    rng, B = g.rng, g.bigger()
    p = Panel(B)
    hand = g.type(HAND, B)
    ink = rng.choice(INK[:2])
    p.line(plain(rng.choice(["Shopping", "Shopping list", "To get", "Tesco"])), g.type(HAND, int(B * 1.3)), 30, 10, ink)
    y = 10 + B * 2.2
    items = list(SHOPPING)
    rng.shuffle(items)
    for it in items[:rng.randint(5, 8)]:
        p.line(plain(it, "shopping item"), hand, 30, y, ink)
        y += B * 1.55
    if rng.random() < 0.6:
        res = g.c.person(0.2)
        p.line(rng.choice([[*plain("for"), *res.first(), ("-", EITHER, ""), (rng.choice(["Fortisip", "Calcichew", "Laxido"]), HEALTH, "")],
                           [*plain("pick up"), (res.given + "'s", NAME, ""), *either("prescription")],
                           [*plain("birthday card for"), *res.first()]]), hand, 30, y, ink)
        y += B * 1.55

    def paint(img: Image.Image, _inner: tuple[int, int, int, int]) -> None:
        d = ImageDraw.Draw(img)
        W, H = img.size
        d.rectangle([0, 0, W - 1, H - 1], fill=(252, 250, 240, 255))
        for ly in range(int(30 + B * 2.2 + B * 1.2), H, int(B * 1.55)):
            d.line([(0, ly), (W, ly)], fill=(170, 190, 230, 255), width=2)
        d.line([(int(B * 1.1), 0), (int(B * 1.1), H)], fill=(230, 120, 120, 255), width=2)
    return p.finish(paint, (40, 20, 40, 40), "shopping", (17, 30))


def bus_timetable(g: Gen) -> Finished:
    """A bus-stop timetable: stop name, route numbers, destinations, departure times."""
    rng, B = g.rng, g.bigger()
    p = Panel(B)
    t = g.type(("DejaVuSansCondensed.ttf", "DejaVuSans.ttf", "aileron"), B)
    tb = g.type(("DejaVuSansCondensed-Bold.ttf", "DejaVuSans-Bold.ttf"), int(B * 1.3))
    stop = rng.choice(["Victoria Road", "Hope Street", "Summer Lane", "Holly Park", "Rose Hill", "Market Place"])
    p.line([*either(stop, "stop name, a public street"), *plain("(Stop B)")], tb, 20, 10, (255, 255, 255))
    y = 10 + B * 2.4
    for _ in range(rng.randint(2, 3)):
        route = str(rng.choice([1, 7, 20, 24, 52, 88, 120, 286])) + rng.choice(["", "", "a", "X"])
        dest = rng.choice(["City Centre", "Bus Station", "Retail Park", "General Hospital", "University", "Interchange",
                           "Crystal Peaks", "Meadowhall"])
        p.line([*plain(route, "route number"), *plain("to"), *plain(dest, "destination")], g.type(BOLD, B), 20, y, (255, 220, 0))
        y += B * 1.5
        for days in ("Mon-Fri", "Sat", "Sun"):
            times = sorted(rng.sample(range(6 * 60, 23 * 60), rng.randint(5, 7)))
            p.line([*plain(days), *[(f"{m // 60:02d}{m % 60:02d}", OK, "departure") for m in times]], t, 40, y,
                   (255, 255, 255))
            y += B * 1.35
        y += B * 0.6
    p.line(plain("No service on bank holidays"), g.type(PRINT, int(B * 0.8)), 20, y, (220, 220, 220))
    return p.finish(solid((0, 50, 110), (200, 200, 200), 6), 25, "bus", (15, 24))


def shop_front(g: Gen) -> Finished:
    """A shop front: the name on the fascia, a sale in the window, opening hours, prices."""
    rng, B = g.rng, g.bigger()
    p = Panel(B)
    trading = rng.random() < 0.3
    name = rng.choice(["Joy's Hair Studio", "Bill's Cafe", "Rose & Co Florist", "Frank Price Butchers"]) if trading else \
        rng.choice(["The Village Bakery", "Corner Stores", "Hope Street Pharmacy", "Summer Blooms", "Oxfam Books",
                    "Card Factory", "Heritage Hardware", "Kingfisher Fish Bar", "Age UK Charity Shop"])
    fas = g.type(BOLD + ("DejaVuSerif-BoldItalic.ttf",), int(B * 2.0))
    fill = rng.choice(((255, 255, 255), (240, 220, 120)))
    p.line(either(name, "a person's name as a trading name") if trading else plain(name, "shop name"), fas, 30, 20, fill)
    y = 20 + B * 3.6
    t = g.type(PRINT, B)
    sale = rng.choice([plain("SALE"), plain("Summer Sale"), plain("SALE now on"), plain("Holly wreaths"), plain("Half price SALE")])
    p.line(sale, g.type(BOLD, int(B * 1.6)), 40, y, (210, 20, 20))
    y += B * 2.4
    for _ in range(rng.randint(2, 4)):
        item = rng.choice(["Bloomer loaf", "Sausage rolls", "Holly wreaths", "Greetings cards", "Roses, a dozen", "Fish & chips",
                           "Tea & cake", "Paperbacks 3 for", "Doorstep pies", "Victoria sponge slice", "Pearl earrings"])
        p.line([*plain(item, "item"), *plain(g.price(), "price")], t, 40, y, (30, 30, 30))
        y += B * 1.45
    y += B * 0.4
    p.line(plain("Opening hours"), g.type(BOLD, B), 40, y, (30, 30, 30))
    y += B * 1.45
    for days, hrs in (("Mon-Fri", "9am - 5.30pm"), ("Sat", "9am - 4pm"), ("Sun", rng.choice(["Closed", "10am - 2pm"]))):
        p.line([*plain(days), *plain(hrs, "opening hours")], t, 40, y, (30, 30, 30))
        y += B * 1.4
    fascia = rng.choice(((20, 60, 40), (90, 20, 30), (20, 30, 80), (40, 40, 40)))

    def paint(img: Image.Image, _inner: tuple[int, int, int, int]) -> None:
        d = ImageDraw.Draw(img)
        W, H = img.size
        d.rectangle([0, 0, W - 1, H - 1], fill=(225, 235, 240, 255))
        d.rectangle([0, 0, W - 1, int(20 + B * 3.0)], fill=(*fascia, 255))
        d.rectangle([0, 0, W - 1, H - 1], outline=(*fascia, 255), width=12)
    return p.finish(paint, (30, 20, 40, 30), "shop", (15, 28))


def community_poster(g: Gen) -> Finished:
    """A community-centre poster: a club, when and where, the price, who to call."""
    rng, B = g.rng, g.bigger()
    p = Panel(B)
    what = rng.choice([plain("Knit & Natter"), plain("Men's Shed"), plain("Tea Dance"), plain("Carers' Coffee Morning"),
                       either("Memory Cafe", "health word about nobody"), plain("Chair Zumba"), plain("Joy of Singing choir"),
                       plain("Walking Football"), either("Dementia-friendly Cinema", "health word about nobody")])
    p.line(what, g.type(BOLD, int(B * 1.8)), 30, 20, rng.choice(((200, 40, 120), (20, 100, 160), (30, 120, 50))))
    y = 20 + B * 3.0
    t = g.type(PRINT, int(B * 1.1))
    p.line([*plain("Every"), *plain(rng.choice(DAYS)), *plain(rng.choice(["10am - 12 noon", "2 - 4pm", "1.30 - 3pm"]))], t, 30, y,
           (20, 20, 20))
    y += B * 1.7
    p.line(either(rng.choice(["St Mary's Church Hall", "Grace Community Centre", "Hillsborough Library", "The Old Co-op"]),
                  "venue, a public place"), t, 30, y, (20, 20, 20))
    y += B * 1.7
    p.line(plain(rng.choice(["£2 including tea and cake", "Free - all welcome", "£3 per session", "Donations welcome"])), t, 30, y,
           (20, 20, 20))
    y += B * 1.9
    if rng.random() < 0.6:
        org = g.c.person(0.3)
        p.line([*plain("Call"), *org.first(), *plain("on"), *[(w, PHONE, "") for w in g.c.mobile()]], t, 30, y, (20, 20, 20))
        if rng.random() < 0.7:
            y += B * 1.7
            p.line([*plain("or email"), (g.c.email(org), EMAIL, "")], t, 30, y, (20, 20, 20))
    else:
        p.line([*plain("Info:"), *[(w, EITHER, "a centre's phone") for w in g.c.landline()]], t, 30, y, (20, 20, 20))
        if rng.random() < 0.5:
            y += B * 1.7
            p.line([(rng.choice(["hello@", "info@", "bookings@"]) + rng.choice(["hillsidecentre.org.uk", "stmaryshall.org",
                                                                               "oldcoop.community"]), EITHER, "an organisation's email")],
                   t, 30, y, (20, 20, 20))
    y += B * 1.7
    p.line(plain(rng.choice(["Hope to see you there!", "Bring a friend", "No need to book"])), g.type(PRINT, B), 30, y, (90, 90, 90))
    return p.finish(solid(rng.choice(((255, 255, 255), (255, 248, 220), (235, 245, 255)))), 40, "community", (15, 28))


def raffle_poster(g: Gen) -> Finished:
    """A fete or raffle poster: the prizes, ticket price, the draw; a local business donating."""
    rng, B = g.rng, g.bigger()
    p = Panel(B)
    p.line(rng.choice([plain("Summer Fete"), plain("Grand Raffle"), plain("Christmas Fair"), plain("May Fair")]),
           g.type(BOLD + ("DejaVuSerif-BoldItalic.ttf",), int(B * 2.0)), 30, 20, (180, 20, 40))
    y = 20 + B * 3.0
    t = g.type(PRINT, B)
    p.line([*plain("Tickets"), *plain(rng.choice(["£1 a strip", "50p each", "£1 each or 6 for £5"]))], t, 30, y, (20, 20, 20))
    y += B * 1.7
    p.line(plain("Prizes include:"), g.type(BOLD, B), 30, y, (20, 20, 20))
    prizes = ["Hamper", "Holly wreaths", "Bottle of Rose", "Box of chocolates", "Afternoon tea for two", "Garden centre voucher",
              "Hand-knitted blanket", "Cuddly toy", "Ruby red jam set", "Bottle of Baileys", "Daisy print umbrella"]
    rng.shuffle(prizes)
    for pr in prizes[:rng.randint(3, 5)]:
        y += B * 1.45
        p.line([("*", EITHER, "bullet"), *plain(pr, "prize")], t, 50, y, (20, 20, 20))
    y += B * 1.9
    p.line([*plain("Draw at 3pm on"), *g.event_date()], t, 30, y, (20, 20, 20))
    y += B * 1.6
    p.line(plain(rng.choice(["All proceeds to the Residents' Fund", "Spreading Joy this Christmas", "Bring Hope, bring a friend",
                             "Raising money for the minibus"])), t, 30, y, (20, 80, 20))
    if rng.random() < 0.5:
        y += B * 1.6
        p.line([*plain("Prizes kindly donated by"), *either(rng.choice(["Grace's Florist", "Dawn's Bakery", "Hazel's Hair"]),
                                                            "a person's name as a trading name")],
               g.type(PRINT, int(B * 0.8)), 30, y, (80, 80, 80))
    return p.finish(solid(rng.choice(((255, 255, 240), (255, 240, 245)))), 40, "raffle", (15, 28))


LAYOUTS: dict[str, Callable[[Gen], Finished]] = {
    "activity": activity_board, "birthday": birthday_board, "on_shift": on_shift_board, "rota": staff_rota,
    "med_chart": medication_chart, "sign_in": sign_in_sheet, "fridge_menu": fridge_menu, "noticeboard": noticeboard,
    "lost_property": lost_property, "door": door_sign, "keyworker": keyworker_card, "badge": lanyard_badge,
    "appointment": appointment_card, "parcel": parcel_label, "car": car_back, "shopping": shopping_list,
    "bus": bus_timetable, "shop": shop_front, "community": community_poster, "raffle": raffle_poster,
}


# ----------------------------------------------------------------------------- onto a photo


def _overlaps(a: Sequence[float], b: Sequence[float], gap: float) -> bool:
    return not (a[2] + gap <= b[0] or b[2] + gap <= a[0] or a[3] + gap <= b[1] or b[3] + gap <= a[1])


def place(fin: Finished, canvas: np.ndarray, taken: list[list[float]], faces: list[list[float]], rng: random.Random,
          gap: float) -> tuple[list[dict], list[list[int]]] | None:
    """Scale, tilt and warp the panel onto ``canvas`` away from faces and other panels; its words and staff-photo faces."""
    H, W = canvas.shape[:2]
    pw, ph = fin.img.size
    body = rng.uniform(*fin.size)
    a = np.radians(rng.uniform(-8, 8))
    k = rng.uniform(0.0, 0.12)
    far = rng.choice(((0, 3, 1), (1, 2, 1), (0, 1, 0), (2, 3, 0)))  # one edge further from the camera
    jitter = np.array([[rng.uniform(-0.02, 0.02), rng.uniform(-0.02, 0.02)] for _ in range(4)], np.float32)
    found = None
    while found is None:  # smaller if it does not fit between the faces, down to 15 px text
        s = min(body / fin.body, 0.9 * W / pw, 0.9 * H / ph)
        if s * fin.body < 15:
            return None
        sw, sh = max(2, round(pw * s)), max(2, round(ph * s))
        src = np.array([[0, 0], [sw, 0], [sw, sh], [0, sh]], np.float32)
        rot = np.array([[np.cos(a), -np.sin(a)], [np.sin(a), np.cos(a)]], np.float32)
        dst = (src - src.mean(axis=0)) @ rot.T
        for i in far[:2]:
            dst[i, far[2]] *= 1 - k
        dst += jitter * np.array([sw, sh], np.float32)
        lo, hi = dst.min(axis=0), dst.max(axis=0)
        if hi[0] - lo[0] < W - 4 and hi[1] - lo[1] < H - 4:
            for _ in range(60):
                ox, oy = rng.uniform(2, W - 2 - (hi[0] - lo[0])), rng.uniform(2, H - 2 - (hi[1] - lo[1]))
                box = [ox, oy, ox + hi[0] - lo[0], oy + hi[1] - lo[1]]
                if not any(_overlaps(box, f, 4) for f in faces) and not any(_overlaps(box, t, gap) for t in taken):
                    found = (ox, oy, box)
                    break
        body *= 0.85
    ox, oy, box = found
    small = cv2.resize(np.asarray(fin.img), (sw, sh), interpolation=cv2.INTER_AREA)
    quad = (dst - lo + np.array([ox, oy], np.float32)).astype(np.float32)
    M = cv2.getPerspectiveTransform(src, quad)
    x0, y0 = int(np.floor(box[0])), int(np.floor(box[1]))
    x1, y1 = min(W, int(np.ceil(box[2])) + 2), min(H, int(np.ceil(box[3])) + 2)
    T0 = np.array([[1, 0, -x0], [0, 1, -y0], [0, 0, 1]], np.float64)
    warped = cv2.warpPerspective(small, T0 @ M, (x1 - x0, y1 - y0), flags=cv2.INTER_LINEAR,
                                 borderMode=cv2.BORDER_CONSTANT, borderValue=(0, 0, 0, 0)).astype(np.float32)
    rgb, alpha = warped[..., :3], warped[..., 3:] / 255.0
    # lighting: a gradient across the panel and a colour cast; then softening and now and then camera shake
    gy, gx = np.mgrid[0:y1 - y0, 0:x1 - x0].astype(np.float32)
    gdir = rng.uniform(0, 2 * np.pi)
    ramp = (np.cos(gdir) * gx + np.sin(gdir) * gy) / max(1.0, float(max(x1 - x0, y1 - y0)))
    light = rng.uniform(0.72, 1.05) + rng.uniform(0.0, 0.25) * ramp
    cast = np.array([rng.uniform(0.92, 1.05), rng.uniform(0.95, 1.03), rng.uniform(0.88, 1.04)], np.float32)
    rgb = rgb * light[..., None] * cast[None, None, :]
    sigma = rng.uniform(0.35, 0.9)
    rgb = np.asarray(cv2.GaussianBlur(rgb * alpha, (0, 0), sigma), np.float32)
    alpha = np.asarray(cv2.GaussianBlur(alpha[..., 0], (0, 0), sigma), np.float32)[..., None]
    if rng.random() < 0.15:
        n = rng.choice([3, 4])
        kern = np.zeros((n, n), np.float32)
        if rng.random() < 0.5:
            kern[n // 2, :] = 1.0 / n
        else:
            np.fill_diagonal(kern, 1.0 / n)
        rgb = np.asarray(cv2.filter2D(rgb, -1, kern), np.float32)
        alpha = np.asarray(cv2.filter2D(alpha[..., 0], -1, kern), np.float32)[..., None]
    region = canvas[y0:y1, x0:x1].astype(np.float32)
    canvas[y0:y1, x0:x1] = np.clip(rgb + region * (1 - alpha), 0, 255).astype(np.uint8)
    taken.append(box)
    words = []
    for text, cat, why, q in fin.words:
        pts = cv2.perspectiveTransform((q * s).reshape(1, -1, 2).astype(np.float32), M)[0]
        wd = {"text": text, "category": cat, "quad": [[round(float(x), 1), round(float(y), 1)] for x, y in pts], "sign": fin.kind}
        if why:
            wd["why"] = why
        words.append(wd)
    drawn_faces = []
    for q in fin.faces:
        pts = cv2.perspectiveTransform((q * s).reshape(1, -1, 2).astype(np.float32), M)[0]
        fx0, fy0 = pts.min(axis=0)
        fx1, fy1 = pts.max(axis=0)
        drawn_faces.append([int(fx0), int(fy0), int(np.ceil(fx1 - fx0)), int(np.ceil(fy1 - fy0))])
    return words, drawn_faces


def generate(data: Path, out: Path, images: int = 60, seed: int = RESERVED_SEED, sign_gap: float = 6, *,
             layouts: dict[str, Callable[..., Finished]] | None = None,
             make_gen: Callable[[random.Random, Path, list[dict]], Gen] = Gen, stem: str = "_blind",
             description: str = "", punctuation_either: bool = False) -> Path:
    """Write ``images`` photos and ``annotations.json`` under ``out``; returns ``out``.

    Every layout comes round in turn (a shuffled order), one to three panels to a photo;
    a photo may carry only benign words (false alarms count there too). ``layouts``,
    ``make_gen``, ``stem`` and ``description`` let another set (``gen_text_blind2.py``)
    draw its own layouts the same way; with ``punctuation_either`` a word with no letter or
    digit (a lone dash, bracket, ampersand or dots) is nobody's anything (blind sets 3 on)."""
    layouts = LAYOUTS if layouts is None else layouts
    rng = random.Random(seed)
    wider = data / "faces_boxes" / "wider_val_416"
    meta = json.loads((wider / "annotations.json").read_text(encoding="utf-8"))["images"]
    rng.shuffle(meta)
    (out / "images").mkdir(parents=True, exist_ok=True)
    g = make_gen(rng, wider, meta)
    order = list(layouts)
    rng.shuffle(order)
    k = 0
    entries: list[dict] = []
    rounds = 0
    while len(entries) < images and rounds < 20:
        for m in meta:
            if len(entries) >= images:
                break
            canvas, faces_xywh, faces = load_backdrop(wider, m)
            faces_xywh = [list(f) for f in faces_xywh]
            taken: list[list[float]] = []
            words: list[dict] = []
            want = rng.choice([1, 2, 2, 3])
            for _ in range(want + 2):
                if want == 0:
                    break
                fin = layouts[order[k % len(order)]](g)
                placed = place(fin, canvas, taken, faces, rng, sign_gap)
                if placed is None:
                    continue
                k += 1
                want -= 1
                words += placed[0]
                faces_xywh += placed[1]
            if not words:
                continue
            noise = np.random.default_rng(rng.randrange(1 << 30)).normal(0, rng.uniform(1.5, 4.0), canvas.shape)
            canvas = np.clip(canvas.astype(np.float32) + noise, 0, 255).astype(np.uint8)
            name = Path(m["file"]).stem + (f"{stem}{rounds}" if rounds else stem)
            Image.fromarray(canvas).save(out / "images" / f"{name}.jpg", quality=rng.randint(86, 93))
            entries.append({"file": f"images/{name}.jpg", "faces_xywh": faces_xywh, "words": words})
        rounds += 1
    if punctuation_either:
        for e in entries:
            for wd in e["words"]:
                if not any(ch.isalnum() for ch in wd["text"]):
                    wd["category"], wd["why"] = EITHER, "punctuation"
    doc = {
        "description": (description or "Blind care-setting scenes (benchmarks/gen_text_blind.py, seed {seed})")
        .format(seed=seed) + " on WIDER FACE photos; same format as text_pii, plus 'address' (house, flat and room "
        "numbers, streets and postcodes of private addresses, must be hidden) and 'why' on some words.",
        "images": entries,
    }
    (out / "annotations.json").write_text(json.dumps(doc, indent=1, ensure_ascii=False), encoding="utf-8")
    return out


def set_generator(layouts: dict[str, Callable[..., Finished]], make_gen: Callable[[random.Random, Path, list[dict]], Gen],
                  stem: str, description: str, reserved: int) -> Callable[..., Path]:
    """A later blind set's ``generate(data, out, images=60, seed=reserved, sign_gap=6)``: its own layouts and
    content, drawn and placed by :func:`generate` (every layout in turn, in a shuffled order, one to three panels
    to a photo), punctuation nobody's anything."""

    def make(data: Path, out: Path, images: int = 60, seed: int = reserved, sign_gap: float = 6) -> Path:
        return generate(data, out, images, seed, sign_gap, layouts=layouts, make_gen=make_gen, stem=stem,
                        description=description, punctuation_either=True)

    return make


COLOURS = {NAME: (255, 0, 0), PHONE: (255, 0, 255), EMAIL: (255, 0, 255), ID: (255, 128, 0), DOB: (255, 128, 0),
           PLATE: (255, 255, 0), HEALTH: (0, 200, 255), ADDR: (160, 0, 255), OK: (0, 220, 0), EITHER: (150, 150, 150)}


def draw_boxes(folder: Path, dest: Path) -> None:
    """Copies of the photos with every word's quad drawn in its category's colour (for looking only)."""
    dest.mkdir(parents=True, exist_ok=True)
    for e in json.loads((folder / "annotations.json").read_text(encoding="utf-8"))["images"]:
        with Image.open(folder / e["file"]) as src:
            im = src.convert("RGB")
        d = ImageDraw.Draw(im)
        for wd in e["words"]:
            d.polygon([tuple(p) for p in wd["quad"]], outline=COLOURS[wd["category"]], width=1)
        for x, y, w, h in e["faces_xywh"]:
            d.rectangle([x, y, x + w, y + h], outline=(255, 255, 255))
        im.save(dest / (Path(e["file"]).stem + ".png"))


def main(argv: list[str] | None = None, make: Callable[[Path, Path, int, int, float], Path] | None = None,
         reserved: int = RESERVED_SEED, doc: str | None = None) -> int:
    """The command line; ``make``, ``reserved`` and ``doc`` are another set's (``gen_text_blind2.py``)."""
    make = make or generate
    ap = argparse.ArgumentParser(description=(doc or __doc__ or "").split("\n\n")[0])
    ap.add_argument("--data", type=Path, default=ROOT.parent / "shared" / "evaldata")
    ap.add_argument("--out", type=Path, required=True, help="an empty folder outside the repository")
    ap.add_argument("--images", type=int, default=60)
    ap.add_argument("--seed", type=int, required=True, help=f"{reserved} is kept for the one blind run")
    ap.add_argument("--sign-gap", type=float, default=6, help="least distance in pixels between two panels")
    ap.add_argument("--png-dir", type=Path, default=None, help="also write copies with the word boxes drawn (to look at)")
    args = ap.parse_args(argv)
    if args.out.resolve().is_relative_to(ROOT) or (args.png_dir and args.png_dir.resolve().is_relative_to(ROOT)):
        print("write the photos outside the repository", file=sys.stderr)
        return 2
    make(args.data, args.out, args.images, args.seed, args.sign_gap)
    if args.png_dir:
        draw_boxes(args.out, args.png_dir)
    ann = json.loads((args.out / "annotations.json").read_text(encoding="utf-8"))
    cats = Counter(w["category"] for e in ann["images"] for w in e["words"])
    signs = Counter(w["sign"] for e in ann["images"] for w in e["words"])
    print(f"wrote {len(ann['images'])} photos and annotations.json to {args.out}")
    print("words by category:", dict(sorted(cats.items())))
    print("words by layout:", dict(sorted(signs.items())))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
