"""Generate a second blind test set of everyday paperwork and signs on real photos, in the format of ``text_pii``.

Written for issue #21 by someone who had not read the text rules, their word
lists, their notes, their tests nor the content of the other generators (only
``gen_text_blind.py``'s interface: its drawing helpers, placement and label
definitions, imported rather than copied, so that both blind sets are drawn and
scored alike). The layouts, the people, the medicines and the everyday words
are new. Meant to be run **once**, by the coordinator, on the final code, with
the reserved seed 515151 (``bench_text_heldout.py --layouts blind2 --seed
515151``); any other seed is for looking at the generator only, and a figure
from a second run of 515151 is no longer blind.

Twenty-two layouts, each drawn as a panel and stuck onto a WIDER FACE
validation photo (scaled back to its original size, away from its faces) with
perspective, a tilt, lighting, softening and sensor noise:

- paperwork about one person: a physiotherapy home-exercise sheet, a hospital
  discharge summary header, a pharmacy bag with its dispensing label, a pill
  organiser with a handwritten label, a care plan front page with the
  person's photo, a "This is me" page, a delivery note to a house, a library
  card, a resident's parking permit;
- on the walls of a home or a day centre: a lunch menu with the diners'
  diets, a residents' committee minutes excerpt, a night-shift handover
  whiteboard, a phone list taped by a phone, coat-peg name labels, a
  Christmas or New Year party banner, a birthday card standing on a table;
- out and about: a garden-centre price board, a charity-shop window, a
  church, mosque or gurdwara notice, a bus ticket, a leisure-centre class
  timetable, a cafe chalkboard of specials.

Words that are also given names (Rose, May, Bill, Grace, Hope, Joy, Summer,
Holly, Ivy, Sunny, Pat, Will, Mercy, Patience, Blessing, Precious, Frank) come
both in plain positions ("Rose 'Summer Wine'", "pay your bill", "Holly
Lounge", "sunny side up") and as people's names; people come from many
communities (Welsh, Scottish, Irish, Caribbean, Yoruba, Igbo, Hausa, Akan,
Somali, Eritrean, Shona, Congolese, Punjabi, Gujarati, Bengali, Tamil, Nepali,
Filipino, Vietnamese, Chinese, Polish, Romanian, Bulgarian, Lithuanian,
Portuguese, Turkish, Kurdish, Iranian, Arabic-speaking, Greek Cypriot,
Jewish), many of the names rare. Some lines are set in capitals.

Labels follow ``gen_text_blind.py``'s definitions (its docstring):
must-hide ``person_name``, ``phone``, ``email``, ``id_number``,
``date_of_birth``, ``plate``, ``health``, ``address``; ``benign`` should stay;
``dontcare`` either way (the other words on a card or sheet that exists to
carry one person's details, titles and initials, labels such as "Tel:",
a service's or business's own name, phone and web address, ages and
birthdays without a year, health words about nobody, religion-linked diets,
a pet's name). A room number next to a named resident is ``address``.

    python benchmarks/gen_text_blind2.py --out /tmp/blind2 --seed 7 [--images 60] [--png-dir /tmp/look]

The photos are research data: write them to a temporary folder, never into the repository.
"""

from __future__ import annotations

import json
import random
import sys
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

import cv2
from PIL import Image

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "benchmarks"))

# the drawing, placing and labelling machinery of the first blind set, so the two are rendered and scored alike
import gen_text_blind as blind  # noqa: E402
from gen_text_blind import (  # noqa: E402
    ADDR,
    BOLD,
    DOB,
    EITHER,
    EMAIL,
    HAND,
    HEALTH,
    ID,
    INK,
    MONO,
    NAME,
    OK,
    PAPER,
    PHONE,
    PLATE,
    PRINT,
    Finished,
    Gen,
    Panel,
    T,
    Tok,
    Type,
    _ascii,
    relabel,
    solid,
    textured,
)

RESERVED_SEED = 515151

# ----------------------------------------------------------------------------- people (written by hand for this set)

# (women, men) per community
PEOPLE: dict[str, tuple[tuple[str, ...], tuple[str, ...]]] = {
    "english": (
        (
            "Barbara",
            "Phyllis",
            "Audrey",
            "Sylvia",
            "Eileen",
            "Beryl",
            "Edna",
            "Janice",
            "Lesley",
            "Sandra",
            "Tracey",
            "Iris",
            "Muriel",
            "Winifred",
            "Dorothy",
            "Jacqueline",
        ),
        (
            "Raymond",
            "Norman",
            "Leonard",
            "Gordon",
            "Cyril",
            "Harold",
            "Ernest",
            "Graham",
            "Nigel",
            "Barry",
            "Terence",
            "Reginald",
            "Alan",
            "Wilfred",
        ),
    ),
    "welsh_scots_irish": (
        ("Bethan", "Ffion", "Morag", "Isla", "Siobhan", "Aoife", "Gráinne", "Eluned", "Catriona"),
        ("Gareth", "Dafydd", "Angus", "Fergus", "Padraig", "Declan", "Cathal", "Iwan", "Lachlan"),
    ),
    "caribbean": (
        ("Claudette", "Hyacinth", "Marcia", "Icilda", "Merline", "Gloria"),
        ("Winston", "Delroy", "Lloyd", "Errol", "Everton", "Lascelles", "Fitzroy"),
    ),
    "west_african": (
        ("Abimbola", "Funmilayo", "Chidinma", "Nkechi", "Hadiza", "Ugochi", "Ama", "Esi", "Yaa", "Adjoa", "Titilayo", "Ifunanya", "Halima"),
        ("Oluwaseun", "Adebayo", "Chinonso", "Emeka", "Musa", "Olusegun", "Ayodele", "Kelechi", "Kwame", "Kojo", "Kwesi", "Bello", "Ekow"),
    ),
    "east_central_african": (
        ("Hodan", "Faduma", "Ayaan", "Tsehay", "Meron", "Chipo", "Tafadzwa", "Mbali", "Nsimba"),
        ("Abdirahman", "Mulugeta", "Yonas", "Farai", "Kabongo", "Mwamba", "Tesfalem"),
    ),
    "south_asian": (
        (
            "Harjit",
            "Balwinder",
            "Manpreet",
            "Kamaljit",
            "Hansaben",
            "Bhavna",
            "Mumtaz",
            "Shahida",
            "Nazia",
            "Anwara",
            "Selvarani",
            "Tharshini",
            "Sushila",
            "Rajwinder",
        ),
        ("Surjit", "Pritam", "Jayesh", "Nilesh", "Tariq", "Rezaul", "Murugan", "Kanagaratnam", "Bishnu", "Pemba", "Jasvir", "Mahendra"),
    ),
    "east_asian": (
        ("Xiuying", "Huong", "Nguyet", "Maricel", "Jocelyn", "Rosalinda", "Lai Ping", "Thuy"),
        ("Wei", "Thanh", "Rodel", "Haruto", "Kwok Wai", "Duc"),
    ),
    "european": (
        (
            "Halina",
            "Jadwiga",
            "Dorota",
            "Mihaela",
            "Petya",
            "Rasa",
            "Fernanda",
            "Conceição",
            "Ayşe",
            "Hatice",
            "Rojda",
            "Parisa",
            "Leila",
            "Eleni",
            "Miriam",
            "Bronisława",
        ),
        (
            "Stanisław",
            "Zbigniew",
            "Florin",
            "Dimitar",
            "Algirdas",
            "Joaquim",
            "Mehmet",
            "Farhad",
            "Yusuf",
            "Andreas",
            "Chaim",
            "Dariusz",
            "Nikolai",
        ),
    ),
    # given names that are also everyday English words
    "word": (
        ("Rose", "May", "Grace", "Hope", "Joy", "Summer", "Holly", "Ivy", "Sunny", "Pat", "Mercy", "Patience", "Blessing", "Precious"),
        ("Bill", "Will", "Frank", "Pat", "Sunny", "Sonny"),
    ),
}
FAMILY: dict[str, tuple[str, ...]] = {
    "english": (
        "Ashworth",
        "Pilkington",
        "Thwaites",
        "Haworth",
        "Entwistle",
        "Greenhalgh",
        "Sutcliffe",
        "Baker",
        "Green",
        "Bell",
        "Mason",
        "Fisher",
        "Wood",
        "Threlfall",
        "Ackroyd",
        "Thompson-Brown",
    ),
    "welsh_scots_irish": (
        "Pugh",
        "Prosser",
        "MacLeod",
        "Gallacher",
        "O'Driscoll",
        "McGuinness",
        "Fitzgerald",
        "Ní Bhriain",
        "Llewellyn",
        "Urquhart",
    ),
    "caribbean": ("Campbell-Reid", "Forbes", "Clarke", "McKenzie", "Gayle", "Morrison", "Francis"),
    "west_african": (
        "Okonkwo",
        "Oyelaran",
        "Nwachukwu",
        "Balogun",
        "Danjuma",
        "Mensah",
        "Owusu-Ansah",
        "Boateng",
        "Adeleke",
        "Ezeh",
        "Abubakar",
        "Quaye",
        "Akinola",
    ),
    "east_central_african": ("Warsame", "Abdullahi", "Tesfaye", "Gebremedhin", "Mutasa", "Chikwanha", "Ilunga", "Nkosi", "Habte"),
    "south_asian": (
        "Sandhu",
        "Dhillon",
        "Grewal",
        "Sahota",
        "Mistry",
        "Chauhan",
        "Begum",
        "Uddin",
        "Chowdhury",
        "Siddiqui",
        "Sivakumar",
        "Thevarajah",
        "Gurung",
        "Tamang",
        "Parmar",
        "Bains",
    ),
    "east_asian": ("Nguyen", "Tran", "Pham", "Zhou", "Lau", "Bautista", "Dela Cruz", "Yamamoto", "Cheung"),
    "european": (
        "Nowakowski",
        "Wiśniewska",
        "Kaczmarek",
        "Popescu",
        "Dumitrescu",
        "Ivanova",
        "Petrauskas",
        "Ferreira",
        "Gonçalves",
        "Yilmaz",
        "Demir",
        "Karimi",
        "Haddad",
        "Levy",
        "Georgiou",
        "Papadopoulos",
    ),
}
COMMUNITIES = tuple(k for k in PEOPLE if k != "word")


@dataclass
class Who:
    given: str
    family: str
    title: str
    plain_word: bool  # the given name is also an everyday word
    female: bool

    def kin(self, rng: random.Random, *words: tuple[str, str]) -> str:
        """A relationship word that fits this person (daughter or son ...), from (woman's word, man's word) pairs."""
        return rng.choice(words)[0 if self.female else 1]

    @property
    def why(self) -> str:
        return "common word used as a name" if self.plain_word else ""

    def first(self) -> list[Tok]:
        return T(self.given, NAME, self.why)

    def full(self) -> list[Tok]:
        return T(self.given, NAME, self.why) + T(self.family, NAME)

    def titled(self) -> list[Tok]:
        return [(self.title, EITHER, "title")] + T(self.family, NAME)

    def titled_full(self) -> list[Tok]:
        return [(self.title, EITHER, "title")] + self.full()

    def initial(self) -> list[Tok]:
        """Mrs K. Adeyemi."""
        return [(self.title, EITHER, "title"), (f"{self.given[0]}.", EITHER, "initial")] + T(self.family, NAME)

    def first_initial(self) -> list[Tok]:
        """Harjit S."""
        return self.first() + [(f"{self.family[0]}.", EITHER, "initial")]

    def formal(self) -> list[Tok]:
        """ADEYEMI, Kemi (hospital paperwork)."""
        fam = self.family.upper().split()
        return [(w, NAME, "") for w in fam[:-1]] + [(fam[-1] + ",", NAME, "")] + self.first()

    def possessive(self) -> list[Tok]:
        """Pat's (tablets)."""
        return [(self.given + "'s", NAME, self.why)]


MEDICINES = (
    "Metformin",
    "Amlodipine",
    "Atorvastatin",
    "Levothyroxine",
    "Omeprazole",
    "Apixaban",
    "Warfarin",
    "Furosemide",
    "Sertraline",
    "Mirtazapine",
    "Co-codamol",
    "Bisoprolol",
    "Ramipril",
    "Memantine",
    "Co-careldopa",
    "Alendronic acid",
    "Gabapentin",
    "Tamsulosin",
    "Lansoprazole",
    "Senna",
    "Donepezil",
    "Quetiapine",
    "Prednisolone",
    "Allopurinol",
    "Citalopram",
    "Clopidogrel",
    "Morphine sulfate",
    "Sodium valproate",
    "Carbamazepine",
    "Insulin glargine",
    "Salbutamol inhaler",
    "Latanoprost eye drops",
)
STRENGTHS = (
    "5mg",
    "10mg",
    "20mg",
    "40mg",
    "2.5mg",
    "500mg",
    "25mg",
    "50mg",
    "100mg",
    "75mcg",
    "100 micrograms",
    "30/500mg",
    "62.5/250mg",
    "1mg",
    "15mg",
)
CONDITIONS = (
    "Type 2 diabetes",
    "COPD",
    "Parkinson's disease",
    "Alzheimer's disease",
    "vascular dementia",
    "epilepsy",
    "atrial fibrillation",
    "left-sided stroke",
    "heart failure",
    "osteoarthritis",
    "macular degeneration",
    "fractured neck of femur",
    "dysphagia",
    "chronic kidney disease",
    "bipolar disorder",
    "Lewy body dementia",
    "angina",
    "glaucoma",
    "motor neurone disease",
    "schizophrenia",
    "hypertension",
    "asthma",
    "multiple sclerosis",
    "leg ulcer",
    "urinary tract infection",
    "pneumonia",
)
DIETS = (
    "Diabetic",
    "Soft and bite-sized",
    "Puréed (level 4)",
    "Minced and moist",
    "Thickened fluids",
    "Gluten free (coeliac)",
    "Low potassium",
    "Nut allergy",
    "Lactose intolerant",
    "Low salt",
    "Fortified diet",
    "No grapefruit (warfarin)",
    "Renal diet",
    "Shellfish allergy",
)
FAITH_DIETS = ("Halal", "Kosher", "No beef", "Vegetarian (no egg)", "No pork")
ALLERGIES = ("Penicillin", "Elastoplast", "Latex", "Aspirin", "Codeine", "Trimethoprim", "Peanuts", "Ibuprofen")

MONTHS = ("January", "February", "March", "April", "May", "June", "July", "August", "September", "October", "November", "December")
DAYS = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")
TOWNS = (
    ("Huddersfield", "HD"),
    ("Rochdale", "OL"),
    ("Swansea", "SA"),
    ("Dundee", "DD"),
    ("Luton", "LU"),
    ("Leicester", "LE"),
    ("Bradford", "BD"),
    ("Walsall", "WS"),
    ("Croydon", "CR"),
    ("Sunderland", "SR"),
    ("Ipswich", "IP"),
    ("Derry", "BT"),
    ("Exeter", "EX"),
    ("Wigan", "WN"),
)
STREETS = (
    "Mulberry Road",
    "Aspen Close",
    "Wharf Street",
    "Kestrel Way",
    "Tannery Lane",
    "Orchard Crescent",
    "Bramble Court",
    "Cromwell Terrace",
    "Jubilee Avenue",
    "Paddock Rise",
    "Chapel Fold",
    "Heron Drive",
    "Coronation Street",
    "Sycamore Grove",
    "Beacon View",
    "Mill Hey",
    "Quarry Bank",
    "Clover Gardens",
)


def ordinal(d: int) -> str:
    return f"{d}{'th' if 10 <= d % 100 <= 20 else {1: 'st', 2: 'nd', 3: 'rd'}.get(d % 10, 'th')}"


def ok(text: str, why: str = "") -> list[Tok]:
    return T(text, OK, why)


def dc(text: str, why: str = "") -> list[Tok]:
    return T(text, EITHER, why)


def hl(text: str, why: str = "") -> list[Tok]:
    return T(text, HEALTH, why)


def up(toks: list[Tok]) -> list[Tok]:
    return [(w.upper(), c, why) for w, c, why in toks]


def card(toks: list[Tok], why: str = "on a paper about one person") -> list[Tok]:
    return relabel(toks, EITHER, why)


def dose(text: str) -> list[Tok]:
    """A strength or amount of a named person's medicine: the numbers are health, the units alone either way."""
    return [(w, HEALTH if any(ch.isdigit() for ch in w) else EITHER, "dose") for w in text.split()]


class G2(Gen):
    """One seeded run: the random source, the staff photos (``Gen``'s) and this set's own content makers."""

    def __init__(self, rng: random.Random, wider: Path, meta: list[dict]) -> None:  # noqa: D107 (no Content: ours)
        self.rng = rng
        self.wider = wider
        self.faces = [
            (m["file"], f["bbox_xyxy_416"])
            for m in meta
            for f in m["faces"]
            if f["bbox_xyxy_416"][3] - f["bbox_xyxy_416"][1] >= 28 and not f.get("invalid") and not f.get("occlusion") and not f.get("blur")
        ]
        self._cache: dict[str, Image.Image] = {}

    # people and their details
    def who(self, word: float = 0.18) -> Who:
        rng = self.rng
        female = rng.random() < 0.6
        if rng.random() < word:
            given, plain = rng.choice(PEOPLE["word"][0 if female else 1]), True
            fam_from = rng.choice(COMMUNITIES)
        else:
            fam_from = rng.choice(COMMUNITIES)
            given, plain = rng.choice(PEOPLE[fam_from][0 if female else 1]), False
        title = rng.choice(("Mrs", "Ms", "Miss", "Mrs")) if female else "Mr"
        return Who(given, rng.choice(FAMILY[fam_from]), title, plain, female)

    def mobile(self) -> list[Tok]:
        rng = self.rng
        n = rng.randint(0, 999)
        s = rng.choice(
            (
                f"07700 900{n:03d}",
                f"07700 900 {n:03d}",
                f"07700900{n:03d}",
                f"+44 7700 900{n:03d}",
                f"(+44) 07700 900{n:03d}",
                f"077009 00{n:03d}",
            )
        )
        return T(s, PHONE)

    def landline(self, cat: str = PHONE) -> list[Tok]:
        rng = self.rng
        n = rng.randint(0, 999)
        s = rng.choice(
            (
                f"0113 496 0{n:03d}",
                f"0161 496 0{n:03d}",
                f"(01632) 960{n:03d}",
                f"020 7946 0{n:03d}",
                f"01632 960 {n:03d}",
                f"0115 496 0{n:03d}",
                f"029 2018 0{n:03d}",
            )
        )
        return T(s, cat, "" if cat == PHONE else "a service's own number")

    def phone(self) -> list[Tok]:
        return self.mobile() if self.rng.random() < 0.65 else self.landline()

    def nhs(self) -> list[Tok]:
        rng = self.rng
        while True:
            d = [rng.randint(0, 9) for _ in range(9)]
            if d[0] == 0:
                continue
            c = 11 - sum(x * (10 - i) for i, x in enumerate(d)) % 11
            if c == 10:
                continue
            d.append(0 if c == 11 else c)
            break
        s = "".join(map(str, d))
        return T(rng.choice((f"{s[:3]} {s[3:6]} {s[6:]}", s, f"{s[:3]}-{s[3:6]}-{s[6:]}")), ID, "NHS number")

    def hospital_no(self) -> list[Tok]:
        rng = self.rng
        s = rng.choice(
            (
                f"RHQ{rng.randint(1000000, 9999999)}",
                f"K{rng.randint(100000, 999999)}",
                f"MRN {rng.randint(10000000, 99999999)}",
                f"H{rng.randint(10000, 99999)}/{rng.randint(10, 99)}",
            )
        )
        return T(s, ID, "hospital number")

    def dob(self) -> list[Tok]:
        rng = self.rng
        y, m, d = rng.randint(1928, 1962), rng.randint(1, 12), rng.randint(1, 28)
        mon = MONTHS[m - 1]
        s = rng.choice(
            (
                f"{d:02d}/{m:02d}/{y}",
                f"{d}.{m}.{y % 100:02d}",
                f"{ordinal(d)} {mon} {y}",
                f"{d} {mon[:3]} {y}",
                f"{y}-{m:02d}-{d:02d}",
                f"{d:02d}-{mon[:3].upper()}-{y}",
                f"{d}/{m}/{y}",
            )
        )
        return T(s, DOB)

    def plate(self) -> list[Tok]:
        rng = self.rng
        L = "ABCDEFGHJKLMNOPRSTUVWXYZ"
        area = rng.choice(("YK", "BD", "LD", "MA", "SN", "WR", "EY", "GN", "PO", "DE", "KS", "VU"))
        s = rng.choice(
            (
                f"{area}{rng.choice([19, 20, 68, 71, 22, 73, 15, 65])} {''.join(rng.choice(L) for _ in range(3))}",
                f"{rng.choice(L)}{rng.randint(100, 999)} {''.join(rng.choice(L) for _ in range(3))}",
            )
        )
        return T(s, PLATE)

    def address(self) -> tuple[list[list[Tok]], str]:
        """A private address as lines (house or flat number, street, postcode: ``address``; the town either way)."""
        rng = self.rng
        town, area = rng.choice(TOWNS)
        pc = f"{area}{rng.randint(1, 19)} {rng.randint(1, 9)}{rng.choice('ABDEFGHJLNPQRSTUWXYZ')}{rng.choice('ABDEFGHJLNPQRSTUWXYZ')}"
        num = str(rng.randint(1, 148))
        street = rng.choice(STREETS)
        lines: list[list[Tok]] = []
        if rng.random() < 0.3:
            lines.append([("Flat", EITHER, "flat word"), (f"{rng.randint(1, 24)},", ADDR, "flat number")])
        lines.append(T(f"{num} {street}", ADDR, "house number and street of a private address"))
        town_line = [(town, EITHER, "town")]
        if rng.random() < 0.5:
            lines.append(town_line + T(pc, ADDR, "postcode"))
        else:
            lines += [town_line, T(pc, ADDR, "postcode")]
        return lines, town

    def email(self, p: Who) -> list[Tok]:
        rng = self.rng
        local = rng.choice((f"{p.given}.{p.family}", f"{p.given[0]}{p.family}{rng.randint(1, 99)}", f"{p.family}{p.given[0]}"))
        local = "".join(c for c in local.lower() if c.isascii() and (c.isalnum() or c == "."))
        return T(f"{local}@{rng.choice(('gmail.com', 'outlook.com', 'btinternet.com', 'yahoo.co.uk', 'sky.com'))}", EMAIL)

    def med(self) -> list[Tok]:
        return hl(self.rng.choice(MEDICINES), "a named person's medicine") + dose(self.rng.choice(STRENGTHS))

    def when(self) -> str:
        rng = self.rng
        h, m = rng.choice((9, 10, 10, 11, 12, 13, 14, 14, 15, 18, 19)), rng.choice((0, 0, 30, 15, 45))
        return rng.choice(
            (f"{h}:{m:02d}", f"{h if h <= 12 else h - 12}{f'.{m:02d}' if m else ''}{'am' if h < 12 else 'pm'}", f"{h:02d}{m:02d}")
        )

    def day_date(self) -> str:
        rng = self.rng
        d, m = rng.randint(1, 28), rng.randint(1, 12)
        return rng.choice(
            (
                f"{rng.choice(DAYS)} {ordinal(d)} {MONTHS[m - 1]}",
                f"{rng.choice(DAYS)[:3]} {d}/{m}",
                f"{d} {MONTHS[m - 1]} 2026",
                f"{rng.choice(DAYS)} {d} {MONTHS[m - 1][:3]}",
            )
        )

    def money(self, lo: float, hi: float) -> str:
        v = round(self.rng.uniform(lo, hi) * 4) / 4 - self.rng.choice((0, 0.01, 0.05))
        return f"£{max(v, 0.5):.2f}"


# ----------------------------------------------------------------------------- drawing helpers

Line = tuple[list[Tok], Type, tuple[int, int, int], str]  # words, type, ink, align


def stack(p: Panel, lines: Sequence[Line | None], x: float, y: float, lead: float = 1.5) -> float:
    """Lines one under another (``None`` is a blank line); centred lines share the widest line's width."""
    width = max((p.measure(ln[0], ln[1]) for ln in lines if ln and ln[0]), default=0.0)
    for ln in lines:
        if ln is None:
            y += p.body * 0.8
            continue
        toks, t, ink, align = ln
        if t.hand and any(not c.isascii() for w, _, _ in toks for c in _ascii(w)):
            raise ValueError(f"no stroke letter for {[w for w, _, _ in toks]}")  # would be drawn as '?'
        if toks:
            p.line(toks, t, x, y, ink, align=align, width=width)
        y += t.h * lead
    return y


def marker(g: G2, size: int) -> Type:
    return g.type([h for h in HAND if h[0] != cv2.FONT_HERSHEY_SCRIPT_SIMPLEX], size, weight=1.3)


def biro(g: G2, size: int) -> Type:
    return g.type(HAND, size, weight=0.8)


def field_line(label: str, value: list[Tok]) -> list[Tok]:
    return dc(label, "field label") + value


def ink(g: G2) -> tuple[int, int, int]:
    return g.rng.choice(INK)


# ----------------------------------------------------------------------------- the layouts


def lunch_menu(g: G2) -> Finished:
    """A day centre's lunch menu on the hatch, with today's special diets listed under it by diner."""
    rng, B = g.rng, g.bigger()
    p = Panel(B)
    head, body = g.type(BOLD, int(B * 1.5)), g.type(PRINT, B)
    centre = rng.choice(("Brookside", "Meadowbank", "Hollins Lane", "Grace Street", "Millfield"))
    dishes = rng.sample(
        (
            "Chicken chasseur",
            "Chickpea and spinach curry",
            "Liver and onions",
            "Fish pie",
            "Pork casserole",
            "Cauliflower cheese",
            "Lamb hotpot",
            "Egg and cress sandwiches",
            "Beef lasagne",
            "Mushroom stroganoff",
            "Rice and peas",
            "Haddock in parsley sauce",
        ),
        3,
    )
    afters = rng.sample(
        (
            "Pineapple upside-down cake",
            "Spotted dick and custard",
            "Semolina with jam",
            "Arctic roll",
            "Summer fruits jelly",
            "Manchester tart",
            "Banana custard",
        ),
        2,
    )
    lines: list[Line | None] = [
        (
            (dc(centre, "the service's own name") + ok(rng.choice(("Day Centre", "Lunch Club", "Community Cafe")))),
            head,
            (30, 60, 120),
            "centre",
        ),
        (ok(f"Lunch Menu - {g.day_date()}"), body, (30, 30, 30), "centre"),
        None,
        (ok(f"Soup: {rng.choice(('Carrot and lentil', 'Scotch broth', 'Minestrone', 'Cream of mushroom'))}"), body, (20, 20, 20), "left"),
        *[(ok(f"Main: {d}"), body, (20, 20, 20), "left") for d in dishes[:2]],
        (ok(f"or {dishes[2]}"), body, (20, 20, 20), "left"),
        *[(ok(f"Pudding: {a}"), body, (20, 20, 20), "left") for a in afters[:1]],
        (ok(f"Two courses {g.money(3.5, 6)}  Tea or coffee 80p"), body, (20, 20, 20), "left"),
        None,
        (up(ok("Special diets today")), g.type(BOLD, B), (150, 20, 30), "left"),
    ]
    for _ in range(rng.randint(3, 5)):
        p_ = g.who(0.25)
        name = p_.first_initial() if rng.random() < 0.6 else p_.full()
        if rng.random() < 0.25:
            diet = dc(rng.choice(FAITH_DIETS), "a religion-linked diet")
        else:
            diet = hl(rng.choice(DIETS), "a named person's diet")
        lines.append((name + [("-", EITHER, "")] + diet, biro(g, B), ink(g), "left"))
    stack(p, lines, 40, 40)
    return p.finish(rng.choice(PAPER), 40, "lunch_menu", (16, 28))


def physio_sheet(g: G2) -> Finished:
    """A community physiotherapist's home-exercise sheet made out to one client."""
    rng, B = g.rng, g.bigger()
    p = Panel(B)
    head, body = g.type(BOLD, int(B * 1.3)), g.type(PRINT, B)
    who, phys = g.who(), g.who(0.3)
    ex = rng.sample(
        (
            "Sit to stand from a firm chair - 10 times",
            "Heel raises holding the kitchen worktop",
            "Marching on the spot for 1 minute",
            "Straight leg raise - hold for 5",
            "Ankle circles - 10 each way",
            "Side steps along the worktop",
            "Knee bends, hands on the back of a chair",
            "Walk to the gate and back twice a day",
        ),
        3,
    )
    lines: list[Line | None] = [
        (card(ok("Home Exercise Programme")), head, (20, 70, 110), "left"),
        (field_line("Name:", who.full()), body, (20, 20, 20), "left"),
        (field_line("NHS No:", g.nhs()), body, (20, 20, 20), "left"),
        (field_line(rng.choice(("DOB:", "Date of birth:", "D.O.B.")), g.dob()), body, (20, 20, 20), "left"),
        (field_line("Reason for referral:", hl(rng.choice(CONDITIONS), "a named person's condition")), body, (20, 20, 20), "left"),
        None,
        *[(card(ok(f"{i + 1}. {e}")), body, (20, 20, 20), "left") for i, e in enumerate(ex)],
        None,
        (field_line("Your physiotherapist:", phys.first() if rng.random() < 0.5 else phys.full()), body, (20, 20, 20), "left"),
        (dc("Community Therapy Team", "the service's own name") + g.landline(EITHER), body, (20, 20, 20), "left"),
    ]
    stack(p, lines, 40, 40)
    return p.finish((255, 255, 255), 45, "physio_sheet", (15, 24))


def discharge_summary(g: G2) -> Finished:
    """The header block of a hospital discharge summary."""
    rng, B = g.rng, g.bigger()
    p = Panel(B)
    head, body, bold = g.type(BOLD, int(B * 1.3)), g.type(rng.choice((PRINT, MONO)), B), g.type(BOLD, B)
    who, cons = g.who(0.12), g.who(0.1)
    addr, _ = g.address()
    left: list[Line | None] = [
        (
            dc(rng.choice(("St Luke's University Hospital", "Calder Valley General", "Royal Infirmary")), "the hospital"),
            head,
            (0, 60, 130),
            "left",
        ),
        (dc("DISCHARGE SUMMARY", "on a paper about one person"), bold, (20, 20, 20), "left"),
        None,
        (field_line("Patient:", who.formal()), body, (20, 20, 20), "left"),
        (field_line("DOB:", g.dob()), body, (20, 20, 20), "left"),
        (field_line("NHS No:", g.nhs()), body, (20, 20, 20), "left"),
        (field_line("Hosp No:", g.hospital_no()), body, (20, 20, 20), "left"),
        (field_line("Address:", addr[0]), body, (20, 20, 20), "left"),
        *[(ln, body, (20, 20, 20), "left") for ln in addr[1:]],
        (
            field_line("Ward:", dc(f"{rng.randint(3, 40)} ({rng.choice(('Elderly Care', 'Acute Medicine', 'Stroke Unit'))})")),
            body,
            (20, 20, 20),
            "left",
        ),
        (field_line("Admitted:", dc(f"{rng.randint(1, 28)}/{rng.randint(1, 12)}/2025", "an admission date")), body, (20, 20, 20), "left"),
        (field_line("Diagnosis:", hl(rng.choice(CONDITIONS), "a named person's condition")), body, (20, 20, 20), "left"),
        (field_line("Consultant:", [("Dr", EITHER, "title")] + cons.full()), body, (20, 20, 20), "left"),
    ]
    y = stack(p, left, 40, 40, lead=1.45)
    p.hline(30, 40 + B * 30, y, (0, 60, 130), 3)
    return p.finish((255, 255, 255), 35, "discharge_summary", (15, 24))


def pharmacy_bag(g: G2) -> Finished:
    """A white pharmacy paper bag (printed, benign) with the dispensing label stuck on it (about one person)."""
    rng, B = g.rng, g.bigger()
    p = Panel(B, w=2400, h=2400)
    shop = rng.choice(("Hillside Pharmacy", "Riverside Chemist", "Parkway Pharmacy", "Village Chemists"))
    big = g.type(BOLD, int(B * 1.8))
    bag: list[Line | None] = [
        (ok(shop), big, (0, 120, 80), "centre"),
        (
            ok(rng.choice(("Open 7 days 8am - 10pm", "Your local pharmacy", "Free prescription delivery"))),
            g.type(PRINT, B),
            (0, 120, 80),
            "centre",
        ),
    ]
    y = stack(p, bag, 60, 40)
    # the label: a separate panel stuck on the bag
    lab = Panel(B)
    small = g.type(rng.choice((MONO, PRINT)), int(B * 0.9))
    who = g.who()
    addr, _ = g.address()
    n = rng.choice((28, 56, 30, 84, 14))
    lines: list[Line | None] = [
        (
            (m := g.med()) + ([] if m[0][0].endswith(("inhaler", "drops")) else dc(rng.choice(("tablets", "capsules", "tablets")))),
            g.type(BOLD, int(B * 0.95)),
            (0, 0, 0),
            "left",
        ),
        (
            card(
                ok(
                    rng.choice(
                        (
                            "Take ONE tablet each MORNING",
                            "Take TWO tablets at night",
                            "Take ONE tablet twice a day",
                            "Take ONE three times a day with food",
                        )
                    )
                )
            ),
            small,
            (0, 0, 0),
            "left",
        ),
        (card(ok(f"{n} tabs  Keep out of the sight and reach of children")), small, (0, 0, 0), "left"),
        (who.titled_full() if rng.random() < 0.6 else who.initial(), g.type(BOLD, int(B * 0.9)), (0, 0, 0), "left"),
        *[(ln, small, (0, 0, 0), "left") for ln in addr[:2]],
        (
            dc(f"{rng.randint(1, 28):02d}/{rng.randint(1, 12):02d}/25", "dispensing date")
            + dc(shop, "the pharmacy's name on its label")
            + g.landline(EITHER),
            small,
            (0, 0, 0),
            "left",
        ),
    ]
    stack(lab, lines, 20, 20, lead=1.35)
    fin = lab.finish((255, 255, 255), 18, "label")
    p.stick(fin, 60, y + B * 0.5, rng.uniform(-3, 3))
    return p.finish(solid((246, 246, 240), (210, 210, 205), 3), 50, "pharmacy_bag", (15, 24))


def pill_organiser(g: G2) -> Finished:
    """A weekly pill organiser (printed day letters) with a handwritten sticky label on the lid."""
    rng, B = g.rng, g.bigger()
    p = Panel(B)
    t = g.type(BOLD, B)
    x = 30
    cols = rng.choice((DAYS, ("MON", "TUE", "WED", "THU", "FRI", "SAT", "SUN"), ("M", "T", "W", "T", "F", "S", "S")))
    colours = ((220, 60, 60), (240, 150, 40), (240, 210, 60), (70, 170, 80), (60, 130, 210), (120, 80, 180), (200, 80, 150))
    cw = B * 4.2
    for i, d in enumerate(cols):
        p.rect((x + i * cw, 30, x + (i + 1) * cw - 12, 30 + B * 5), fill=colours[i], radius=14)
        fg = (30, 30, 30) if sum(colours[i]) > 450 else (255, 255, 255)
        p.line(ok(d[:3] if len(d) > 3 and rng.random() < 0.5 else d, "printed on the organiser"), t, x + i * cw + 14, 40, fg)
    rows = rng.choice((("Morning", "Lunch", "Tea", "Bed"), ("AM", "PM"), ("Breakfast", "Dinner", "Bedtime")))
    for j, r in enumerate(rows):
        p.line(ok(r, "printed on the organiser"), g.type(PRINT, int(B * 0.8)), x + 10, 30 + B * 1.5 + j * B * 0.9, (255, 255, 255))
    # the label
    lab = Panel(B)
    hand = biro(g, B)
    who = g.who(0.35)
    lines: list[Line | None] = [
        (who.possessive() + dc(rng.choice(("tablets", "pills", "meds"))) if rng.random() < 0.6 else who.full(), hand, ink(g), "left"),
        (g.med(), hand, ink(g), "left"),
        (g.med(), hand, ink(g), "left"),
    ]
    if rng.random() < 0.5:
        lines.append((card(ok("refill Friday - chemist")), hand, ink(g), "left"))
    stack(lab, lines, 15, 15, lead=1.35)
    fin = lab.finish((255, 240, 120), 20, "sticky")
    p.stick(fin, x + rng.uniform(0, cw * 2), 30 + B * 5.6, rng.uniform(-5, 5))
    return p.finish(solid((235, 235, 240), (180, 180, 190), 4, 30), 25, "pill_organiser", (16, 28))


def care_plan(g: G2) -> Finished:
    """The front page of a resident's care and support plan, with their photo."""
    rng, B = g.rng, g.bigger()
    p = Panel(B)
    head, body = g.type(BOLD, int(B * 1.4)), g.type(PRINT, B)
    who, kin, gp = g.who(0.2), g.who(0.35), g.who(0.1)
    p.photo(g.portrait(), 40, 40 + B * 2.4, int(B * 6))
    x = 40 + B * 7
    preferred = who.first() if rng.random() < 0.7 else [(rng.choice(("Nan", "Gran", "Grandad", "Uncle")), EITHER, "family word")]
    lines: list[Line | None] = [
        (card(ok(rng.choice(("Care and Support Plan", "Person-Centred Care Plan", "My Support Plan")))), head, (90, 40, 110), "left"),
        None,
        (field_line("Full name:", who.full()), body, (20, 20, 20), "left"),
        (field_line("Likes to be called:", preferred), body, (20, 20, 20), "left"),
        (field_line("Date of birth:", g.dob()), body, (20, 20, 20), "left"),
        (field_line("NHS number:", g.nhs()), body, (20, 20, 20), "left"),
        ([("Room", EITHER, "room word"), (str(rng.randint(1, 40)), ADDR, "room number of a named resident")], body, (20, 20, 20), "left"),
        (
            field_line("GP:", [("Dr", EITHER, "title")] + T(gp.family, NAME))
            + dc(rng.choice(("Moor Lane Surgery", "Park View Medical Centre")), "a practice"),
            body,
            (20, 20, 20),
            "left",
        ),
        (
            field_line("Next of kin:", kin.full())
            + dc(f"({kin.kin(rng, ('daughter', 'son'), ('niece', 'nephew'), ('wife', 'husband'), ('friend', 'friend'))})", "relationship"),
            body,
            (20, 20, 20),
            "left",
        ),
        (dc("Tel:", "field label") + g.mobile(), body, (20, 20, 20), "left"),
        (dc("Email:", "field label") + g.email(kin), body, (20, 20, 20), "left"),
        (
            field_line("Allergies:", hl(", ".join(rng.sample(ALLERGIES, rng.randint(1, 2))), "a named person's allergy")),
            body,
            (150, 20, 30),
            "left",
        ),
    ]
    if rng.random() < 0.5:
        lines.append(
            (
                hl(
                    rng.choice(("DNACPR in place", "Insulin dependent diabetic", "Registered blind")),
                    "about this person's care",
                ),
                g.type(BOLD, B),
                (150, 20, 30),
                "left",
            )
        )
    stack(p, lines[:1], 40, 40)
    stack(p, lines[1:], x, 40 + B * 1.2)
    return p.finish((255, 255, 255), 40, "care_plan", (15, 24))


def this_is_me(g: G2) -> Finished:
    """A 'This is me' page: a person's preferences, written in by their family."""
    rng, B = g.rng, g.bigger()
    p = Panel(B)
    head, lab = g.type(BOLD, int(B * 1.6)), g.type(BOLD, int(B * 0.85))
    hand = biro(g, B)
    who, fam = g.who(0.35), g.who(0.4)
    pet = rng.choice(("Hope", "Sunny", "Bill", "Pip", "Bramble", "Holly", "Joy"))
    answers = [
        ("Name I like to be called:", who.first()),
        (
            "The person who knows me best:",
            dc("my " + fam.kin(rng, ("daughter", "son"), ("wife", "husband"), ("niece", "nephew"), ("sister", "brother")), "relationship")
            + fam.first(),
        ),
        ("I'd like you to know:", dc("I have", "on a paper about one person") + hl(rng.choice(CONDITIONS), "a named person's condition")),
        (
            "Things that are important to me:",
            dc(rng.choice(("my garden,", "the cricket,", "my church,", "my records,")), "on a paper about one person")
            + dc("my dog", "on a paper about one person")
            + [(pet, EITHER, "a pet's name")],
        ),
        (
            "Things that may worry or upset me:",
            dc(rng.choice(("loud noises", "the dark", "being rushed", "men with beards")), "on a paper about one person"),
        ),
        (
            "My routines:",
            dc(
                rng.choice(("tea with two sugars at 7", "a bath on Sunday night", "the news at six", "Radio 4 at bedtime")),
                "on a paper about one person",
            ),
        ),
    ]
    lines: list[Line | None] = [(dc("This is me", "on a paper about one person"), head, (120, 30, 100), "left")]
    for q, a in answers:
        lines.append((dc(q, "printed question on a paper about one person"), lab, (90, 90, 90), "left"))
        lines.append((a, hand, ink(g), "left"))
    stack(p, lines, 40, 40, lead=1.4)
    return p.finish((255, 252, 245), 40, "this_is_me", (15, 26))


def minutes(g: G2) -> Finished:
    """An excerpt of a residents' committee's minutes pinned on the noticeboard (a public page: plain words stay)."""
    rng, B = g.rng, g.bigger()
    p = Panel(B)
    head, body = g.type(BOLD, int(B * 1.3)), g.type(PRINT, B)
    chair, sec, a, b = g.who(0.2), g.who(0.2), g.who(0.3), g.who(0.3)
    present = chair.titled() if rng.random() < 0.5 else chair.titled_full()
    lines: list[Line | None] = [
        (ok("Residents' Committee - Minutes"), head, (20, 20, 20), "left"),
        (ok(f"Meeting held {g.day_date()}, {rng.choice(('Lounge', 'Conservatory', 'Garden Room'))}"), body, (20, 20, 20), "left"),
        (ok("Present:") + present + ok("(chair),") + sec.full() + ok("and 9 residents"), body, (20, 20, 20), "left"),
        None,
        (
            ok(rng.choice(("1. Summer outing: most want Weston-super-Mare again", "1. Summer trip: vote between Whitby and Llandudno"))),
            body,
            (20, 20, 20),
            "left",
        ),
        (
            ok(
                rng.choice(
                    (
                        "2. Garden: new raised beds by the Rose arbour",
                        "2. Garden: the May tree needs cutting back",
                        "2. Garden: Holly bushes by the gate are too high",
                    )
                )
            ),
            body,
            (20, 20, 20),
            "left",
        ),
        (
            ok(
                rng.choice(
                    (
                        "3. Food: more curry nights, fewer sandwiches",
                        "3. Food: bring back the Sunday roast",
                        "3. Food: fresh fruit at tea time",
                    )
                )
            ),
            body,
            (20, 20, 20),
            "left",
        ),
        (
            ok(
                rng.choice(
                    ("4. Will the hairdresser come on Tuesdays too?", "4. Any other business: none", "4. We hope the lift is fixed soon")
                )
            ),
            body,
            (20, 20, 20),
            "left",
        ),
        (
            ok("Action:") + a.first() + ok(rng.choice(("to speak to the chef", "to ask about the minibus", "to order bird seed"))),
            body,
            (20, 20, 20),
            "left",
        ),
        (ok("Action:") + (b.titled() if rng.random() < 0.5 else b.first()) + ok("to write to the council"), body, (20, 20, 20), "left"),
        (
            ok(f"Next meeting: {rng.choice(DAYS)} {ordinal(rng.randint(1, 28))} {rng.choice(MONTHS)}, {g.when()}"),
            body,
            (20, 20, 20),
            "left",
        ),
    ]
    stack(p, lines, 40, 40, lead=1.45)
    return p.finish((255, 255, 255), 40, "minutes", (15, 24))


def birthday_card(g: G2) -> Finished:
    """An open birthday card standing on a table: printed greeting and a handwritten message."""
    rng, B = g.rng, g.bigger()
    p = Panel(B)
    greet = g.type(rng.choice((BOLD, HAND)), int(B * 1.8)) if rng.random() < 0.5 else g.type(BOLD, int(B * 1.8))
    hand = biro(g, int(B * 1.1))
    kids = [g.who(0.5) for _ in range(rng.randint(1, 3))]
    to = rng.choice(("Nan", "Grandad", "Mum", "Dad", "Auntie", "Gran"))
    front: list[Line | None] = [
        (ok("Happy Birthday"), greet, (180, 30, 90), "centre"),
        (
            ok(rng.choice(("to a wonderful", "to a very special", "for a lovely"))) + [(to, EITHER, "family word")],
            g.type(PRINT, B),
            (180, 30, 90),
            "centre",
        ),
    ]
    y = stack(p, front, 40, 40)
    names: list[Tok] = []
    for i, k in enumerate(kids):
        names += k.first()
        if i < len(kids) - 2:
            names[-1] = (names[-1][0] + ",", NAME, names[-1][2])
        elif i == len(kids) - 2:
            names.append(("&", EITHER, ""))
    if rng.random() < 0.5:
        wish = ok("Happy") + [(f"{rng.choice((80, 85, 90, 92, 95, 100))}th!", EITHER, "an age")]
    else:
        wish = ok(rng.choice(("Have a lovely day", "Hope you have a wonderful day", "Happy birthday!", "Enjoy your cake!")))
    msg: list[Line | None] = [
        (ok("To") + [(to + ",", EITHER, "family word")], hand, ink(g), "left"),
        (wish, hand, ink(g), "left"),
        (ok(rng.choice(("Lots of love", "All our love", "Love from"))), hand, ink(g), "left"),
        (names + [("xxx", EITHER, "")], hand, ink(g), "left"),
    ]
    stack(p, msg, 40, y + B)
    return p.finish(
        solid(rng.choice(((255, 250, 240), (250, 240, 245), (240, 248, 255))), (200, 170, 60), 6), 50, "birthday_card", (16, 30)
    )


def party_banner(g: G2) -> Finished:
    """A Christmas or New Year party banner (no person on it)."""
    rng, B = g.rng, g.bigger()
    p = Panel(B)
    big = g.type(BOLD, int(B * 2.2))
    body = g.type(BOLD, B)
    if rng.random() < 0.6:
        lines: list[Line | None] = [
            (up(ok("Merry Christmas")) if rng.random() < 0.5 else ok("Merry Christmas"), big, (190, 20, 30), "centre"),
            (ok(f"Christmas Party - {rng.choice(DAYS)} {ordinal(rng.randint(12, 23))} December {g.when()}"), body, (20, 90, 40), "centre"),
            (
                ok(rng.choice(("in the Holly Lounge", "in the Ivy Room", "in the main hall", "in the Joy Suite"))),
                body,
                (20, 90, 40),
                "centre",
            ),
            (
                ok(
                    rng.choice(
                        (
                            "Buffet, raffle and carols",
                            "Mince pies and mulled wine",
                            "Carols with the Sunny Side Singers",
                            "Father Christmas is coming!",
                        )
                    )
                ),
                body,
                (190, 20, 30),
                "centre",
            ),
            (ok("All welcome - families too!"), body, (20, 90, 40), "centre"),
        ]
    else:
        lines = [
            (up(ok("Happy New Year")), big, (200, 150, 20), "centre"),
            (
                ok(
                    f"New Year's Eve party {rng.choice(('7pm till late', 'from 6pm', '8pm'))} - "
                    + rng.choice(("fizz and nibbles", "bring a plate", "live music"))
                ),
                body,
                (30, 30, 80),
                "centre",
            ),
            (
                ok(rng.choice(("Wishing you joy and hope in 2026", "Here's to a happy and healthy 2026", "Cheers to 2026!"))),
                body,
                (30, 30, 80),
                "centre",
            ),
        ]
    if rng.random() < 0.5:  # light letters on a dark banner
        lines = [(toks, t, (250, 220, 90), a) for toks, t, _, a in (ln for ln in lines if ln)]
        stack(p, lines, 40, 30, lead=1.35)
        return p.finish(solid((20, 40, 90)), 35, "party_banner", (20, 40))
    stack(p, lines, 40, 30, lead=1.35)
    return p.finish(solid((250, 245, 235), (190, 20, 30), 8), 35, "party_banner", (20, 40))


def garden_centre(g: G2) -> Finished:
    """A garden-centre price board of plants, some named like people."""
    rng, B = g.rng, g.bigger()
    p = Panel(B)
    head, body = g.type(BOLD, int(B * 1.4)), g.type(rng.choice((PRINT, BOLD)), B)
    plants = rng.sample(
        (
            "Rose 'Summer Wine'",
            "Rose 'Hope for Humanity'",
            "Climbing rose 'Grace'",
            "English Ivy",
            "Holly (Ilex) 3L pot",
            "Sweet William 6-pack",
            "Lily of the valley",
            "Hawthorn (May blossom)",
            "Winter heather",
            "Clematis 'Pat Coleman'",
            "Sunny border mix",
            "Joy of the garden geraniums",
            "Primula 'Bill's Blue'",
            "Lavender Hidcote",
            "Hebe 'Frank Gold'",
            "Busy Lizzie trays",
            "Japanese maple",
            "Fuchsia 'Mercy'",
        ),
        6,
    )
    lines: list[Line | None] = [
        (up(ok(rng.choice(("This week's offers", "Hardy plants", "Patio favourites")))), head, (255, 255, 255), "left"),
    ]
    for pl in plants:
        lines.append((ok(pl) + ok(g.money(2, 25)), body, (255, 255, 255), "left"))
    lines.append(
        (
            ok(rng.choice(("3 for £10 on all bedding", "Pay at the tills by the cafe", "Compost 3 bags for £12"))),
            body,
            (255, 230, 120),
            "left",
        )
    )
    stack(p, lines, 40, 40, lead=1.45)
    return p.finish(textured((30, 90, 50), rng.randrange(1 << 30), 10), 45, "garden_centre", (16, 30))


def charity_shop(g: G2) -> Finished:
    """A charity-shop window poster."""
    rng, B = g.rng, g.bigger()
    p = Panel(B)
    big, body = g.type(BOLD, int(B * 1.8)), g.type(BOLD, B)
    name = rng.choice(("St Columba's Hospice", "Air Ambulance", "Heart Foundation", "Cats Protection", "Age Concern"))
    word = "Hospice" if "Hospice" in name else ""
    toks = [(w, EITHER if w == word else OK, "a health word about nobody" if w == word else "") for w in name.split()] + ok("Shop")
    lines: list[Line | None] = [
        (toks, g.type(BOLD, int(B * 1.3)), (120, 20, 90), "centre"),
        (up(ok(rng.choice(("Summer sale 50% off", "Half price Summer stock", "Everything £1 this week")))), big, (200, 20, 20), "centre"),
        (ok(f"Ladies' coats {g.money(4, 9)}  Books 3 for £1"), body, (20, 20, 20), "centre"),
        (
            ok(rng.choice(("Donations welcome - please bring them inside", "Volunteers wanted - ask inside", "We can collect furniture"))),
            body,
            (20, 20, 20),
            "centre",
        ),
        (ok("Open Mon - Sat 9.30 - 4.30"), body, (20, 20, 20), "centre"),
        (ok(rng.choice(("Gift Aid it!", "Thank you for your support", "Free Will writing month - ask us"))), body, (120, 20, 90), "centre"),
    ]
    stack(p, lines, 40, 40, lead=1.4)
    return p.finish(solid((255, 255, 255), (120, 20, 90), 8), 45, "charity_shop", (18, 34))


def faith_notice(g: G2) -> Finished:
    """A church, mosque or gurdwara notice in a glass case outside, with names in its prayer or news lines."""
    rng, B = g.rng, g.bigger()
    p = Panel(B)
    head, body = g.type(rng.choice((BOLD, ("DejaVuSerif-Bold.ttf",))), int(B * 1.4)), g.type(rng.choice((PRINT, ("DejaVuSerif.ttf",))), B)
    kind = rng.choice(("church", "mosque", "gurdwara"))
    a, b = g.who(0.3), g.who(0.2)
    if kind == "church":
        lines: list[Line | None] = [
            (ok(rng.choice(("St Aidan's Parish Church", "Zion Methodist Chapel", "St Bride's Church"))), head, (20, 20, 80), "centre"),
            (ok("Sunday 8am Holy Communion  10.30am Family Worship"), body, (20, 20, 20), "left"),
            (ok(f"Wednesday {g.when()} Said Eucharist and coffee"), body, (20, 20, 20), "left"),
            (
                ok("Please pray for") + a.full() + [("(in", EITHER, ""), ("hospital)", HEALTH, "a named person is in hospital")],
                body,
                (20, 20, 20),
                "left",
            ),
            (ok("and for") + b.full() + dc("and all who are sick", "about nobody"), body, (20, 20, 20), "left"),
            (
                ok(rng.choice(("Grace and peace to all who visit", "Harvest supper - all welcome", "Toddler group Thursdays"))),
                body,
                (20, 20, 80),
                "left",
            ),
        ]
    elif kind == "mosque":
        lines = [
            (ok(rng.choice(("Masjid al-Noor", "Central Jamia Mosque", "Madina Masjid"))), head, (0, 90, 60), "centre"),
            (ok(f"Jumu'ah prayer {rng.choice(('1.15pm', '1.30pm', '12.45pm'))}"), body, (20, 20, 20), "left"),
            (ok("Sisters' circle Tuesday after Asr"), body, (20, 20, 20), "left"),
            (
                ok("Janazah:") + dc(rng.choice(("Haji", "Hajiya", "Brother", "Sister")), "title") + b.full() + ok("after Zuhr"),
                body,
                (20, 20, 20),
                "left",
            ),
            (ok("Eid Mubarak to all our community"), body, (0, 90, 60), "left"),
        ]
    else:
        lines = [
            (ok(rng.choice(("Guru Nanak Gurdwara", "Sri Guru Singh Sabha", "Gurdwara Sahib"))), head, (200, 110, 0), "centre"),
            (ok("Langar served every day 12 - 2pm"), body, (20, 20, 20), "left"),
            (ok("Sukhmani Sahib path Sunday 7am"), body, (20, 20, 20), "left"),
            (ok("Congratulations to") + a.first() + ok("and") + b.first() + ok("on their wedding"), body, (20, 20, 20), "left"),
            (ok("Please cover your head and remove your shoes"), body, (200, 110, 0), "left"),
        ]
    stack(p, lines, 40, 40, lead=1.45)
    return p.finish(solid((250, 250, 245), (60, 40, 20), 14), 45, "faith_notice", (15, 26))


def parking_permit(g: G2) -> Finished:
    """A resident's parking permit hanging from a mirror."""
    rng, B = g.rng, g.bigger()
    p = Panel(B)
    head, body = g.type(BOLD, int(B * 1.2)), g.type(PRINT, B)
    plate = g.plate()
    lines: list[Line | None] = [
        (dc(rng.choice(("Kirkgate Council", "City Council", "Borough of Westhaven")), "the issuer"), body, (255, 255, 255), "centre"),
        (dc("RESIDENT PERMIT", "on a card about one person"), head, (255, 255, 255), "centre"),
        (dc(f"Zone {rng.choice('ABCDEFGHK')}", "a public zone"), head, (255, 255, 255), "centre"),
        (plate, g.type(BOLD, int(B * 1.6)), (255, 255, 255), "centre"),
        (dc("Permit no.", "field label") + T(f"{rng.randint(100000, 999999)}", ID, "a permit number"), body, (255, 255, 255), "centre"),
        (
            dc(f"Expires {rng.randint(1, 28)} {rng.choice(MONTHS)[:3].upper()} 2026", "on a card about one person"),
            body,
            (255, 255, 255),
            "centre",
        ),
    ]
    stack(p, lines, 30, 30, lead=1.4)
    return p.finish(solid(rng.choice(((20, 100, 60), (30, 60, 150), (150, 40, 40))), radius=20), 40, "parking_permit", (15, 26))


def bus_ticket(g: G2) -> Finished:
    """A bus day ticket (no person on it)."""
    rng, B = g.rng, g.bigger()
    p = Panel(B)
    t = g.type(MONO, B)
    lines: list[Line | None] = [
        (
            ok(rng.choice(("First West Yorkshire", "Arriva Midlands", "Stagecoach South Wales", "Go North East"))),
            g.type(BOLD, B),
            (20, 20, 20),
            "left",
        ),
        (up(ok(rng.choice(("Day Rider", "Adult Single", "Day Saver", "Return")))), t, (20, 20, 20), "left"),
        (ok(f"Adult {g.money(1.5, 6.5)}  Route {rng.randint(1, 99)}{rng.choice(['', 'A', 'X'])}"), t, (20, 20, 20), "left"),
        (
            ok(f"{rng.randint(1, 28):02d}/{rng.randint(1, 12):02d}/25 {rng.randint(6, 22):02d}:{rng.randint(0, 59):02d}"),
            t,
            (20, 20, 20),
            "left",
        ),
        (
            ok(
                rng.choice(
                    ("Valid on all our buses until end of service", "Keep this ticket for inspection", "Thank you for travelling with us")
                )
            ),
            t,
            (20, 20, 20),
            "left",
        ),
    ]
    stack(p, lines, 20, 20, lead=1.35)
    return p.finish((252, 250, 240), 25, "bus_ticket", (15, 22))


def handover_board(g: G2) -> Finished:
    """A night-shift handover whiteboard: residents by room with what to watch for, and house jobs."""
    rng, B = g.rng, g.bigger()
    p = Panel(B)
    t = marker(g, B)
    lines: list[Line | None] = [
        (
            up(ok(f"Handover - {rng.choice(DAYS)} {rng.choice(('nights', 'lates', 'earlies'))}")),
            marker(g, int(B * 1.3)),
            (20, 20, 20),
            "left",
        )
    ]
    notes = (
        "falls risk, sensor mat on",
        "nil by mouth from midnight (bloods)",
        "new catheter, check output",
        "on antibiotics for UTI",
        "pressure sore heel - turn 2 hourly",
        "low mood, ate nothing",
        "chest infection - fluids",
        "seizure at 3am, GP told",
        "diabetic - check sugars 7am",
        "end of life care, family visiting",
        "swallow assessment Thursday",
        "insulin at 8",
    )
    rooms = rng.sample(range(1, 40), 4)
    for r in rooms[: rng.randint(2, 4)]:
        who = g.who(0.35)
        name = rng.choice((who.initial(), who.first(), who.full(), who.titled()))
        note = rng.choice(notes)
        row = (
            [(rng.choice(("Rm", "Room", "Rm.")), EITHER, "room word"), (str(r), ADDR, "room number of a named resident")]
            + name
            + [("-", EITHER, "")]
            + hl(note, "a named resident's care")
        )
        lines.append((up(row) if rng.random() < 0.3 else row, t, ink(g), "left"))  # some write in capitals
    for j in rng.sample(
        (
            "Fire alarm test Weds 11am",
            "Hairdresser Thurs",
            "Order more gloves (M)",
            "Summer fete meeting 3pm",
            "Bins out tonight",
            "Podiatrist coming Friday",
            "May Day dance practice 2pm",
        ),
        2,
    ):
        lines.append((ok(j), t, ink(g), "left"))
    if rng.random() < 0.5:  # a visitor's car in the way
        lines.append(
            (
                ok("Car") + g.plate() + ok(rng.choice(("in the ambulance bay - whose?", "blocking the bins", "left lights on"))),
                t,
                ink(g),
                "left",
            )
        )
    stack(p, lines, 40, 40, lead=1.55)
    return p.finish(solid((250, 250, 250), (160, 160, 170), 12), 40, "handover_board", (16, 28))


def phone_list(g: G2) -> Finished:
    """A list of useful numbers in biro, taped to the wall by a phone."""
    rng, B = g.rng, g.bigger()
    p = Panel(B)
    hand = biro(g, B)
    colour = ink(g)
    kin = [g.who(0.45) for _ in range(2)]
    gp = g.who(0.1)
    lines: list[Line | None] = [
        (ok("Useful numbers"), biro(g, int(B * 1.3)), colour, "left"),
        (
            kin[0].first()
            + dc(f"({kin[0].kin(rng, ('daughter', 'son'), ('granddaughter', 'grandson'), ('niece', 'nephew'))})", "relationship")
            + g.mobile(),
            hand,
            colour,
            "left",
        ),
        (kin[1].first() + dc(rng.choice(("next door", "(friend)", "church")), "who they are") + g.phone(), hand, colour, "left"),
        ([("Dr", EITHER, "title")] + T(gp.family, NAME, "the person's GP") + ok("surgery") + g.landline(EITHER), hand, colour, "left"),
        (ok(rng.choice(("Chemist", "Taxi", "Gas board"))) + g.landline(EITHER), hand, colour, "left"),
        (ok("NHS 111  Emergency 999"), hand, colour, "left"),
    ]
    if rng.random() < 0.4:
        lines.append((kin[0].first() + dc("email", "field label") + g.email(kin[0]), hand, colour, "left"))
    rng.shuffle(lines)  # type: ignore[arg-type]
    first = next(i for i, ln in enumerate(lines) if ln and ln[0][0][0] == "Useful")
    lines.insert(0, lines.pop(first))
    stack(p, lines, 30, 30, lead=1.55)
    return p.finish(solid((255, 255, 255)), 35, "phone_list", (15, 26))


def delivery_note(g: G2) -> Finished:
    """A delivery note for mobility and continence supplies, to a private house."""
    rng, B = g.rng, g.bigger()
    p = Panel(B)
    head, body = g.type(BOLD, int(B * 1.3)), g.type(rng.choice((PRINT, MONO)), B)
    who = g.who(0.2)
    addr, _ = g.address()
    items = rng.sample(
        (
            hl("Incontinence pads x 4 packs", "supplies that say a named person's condition"),
            dc("Electric riser recliner chair", "equipment"),
            dc("Pressure relieving cushion", "equipment"),
            hl("Stoma bags x 30", "supplies that say a named person's condition"),
            dc("Perching stool", "equipment"),
            dc("Bed lever and mattress protector", "equipment"),
        ),
        2,
    )
    lines: list[Line | None] = [
        (
            dc(rng.choice(("Northern Mobility Supplies", "CareDirect Ltd", "Homecare Deliveries")), "the company")
            + dc("- DELIVERY NOTE", "on a paper about one person"),
            head,
            (20, 20, 20),
            "left",
        ),
        (dc("Deliver to:", "field label") + who.titled_full(), body, (20, 20, 20), "left"),
        *[(ln, body, (20, 20, 20), "left") for ln in addr],
        (dc("Tel:", "field label") + g.phone(), body, (20, 20, 20), "left"),
        *([(dc("Email:", "field label") + g.email(who), body, (20, 20, 20), "left")] if rng.random() < 0.5 else []),
        (dc(f"Order {rng.randint(400000, 499999)}", "an order number"), body, (20, 20, 20), "left"),
        *[(dc(f"{i + 1}.") + it, body, (20, 20, 20), "left") for i, it in enumerate(items)],
        (dc("Received by:", "field label") + [(f"{who.given[0]}.", EITHER, "initial")] + T(who.family, NAME), biro(g, B), ink(g), "left"),
    ]
    stack(p, lines, 40, 40, lead=1.45)
    return p.finish((255, 255, 255), 40, "delivery_note", (15, 24))


def coat_pegs(g: G2) -> Finished:
    """A row of coat pegs, each with a laminated name label (some labels are rooms' or uses')."""
    rng, B = g.rng, g.bigger()
    p = Panel(B)
    x = 20.0
    for _ in range(rng.randint(3, 5)):
        lab = Panel(B)
        t = g.type(rng.choice((BOLD, PRINT)), int(B * 1.3))
        if rng.random() < 0.25:
            toks = ok(rng.choice(("Visitors", "Staff", "Aprons", "Spare", "Wet coats")))
        else:
            who = g.who(0.5)
            toks = who.first() if rng.random() < 0.7 else who.first_initial()
        lab.line(toks, t, 10, 10, rng.choice(((20, 20, 20), (20, 40, 120))))
        fin = lab.finish(rng.choice(((255, 255, 255), (255, 240, 200), (220, 240, 255))), 18, "peg")
        box = p.stick(fin, x, 30, rng.uniform(-4, 4))
        p.rect((x + (box[2] - box[0]) / 2 - 10, box[3] + 20, x + (box[2] - box[0]) / 2 + 10, box[3] + 70), fill=(70, 70, 80), radius=6)
        x = box[2] + B * 1.2
    return p.finish(textured((175, 130, 85), rng.randrange(1 << 30), 14), 30, "coat_pegs", (18, 32))


def library_card(g: G2) -> Finished:
    """A library card with the borrower's name and number."""
    rng, B = g.rng, g.bigger()
    p = Panel(B)
    body = g.type(PRINT, B)
    who = g.who(0.2)
    n = "".join(str(rng.randint(0, 9)) for _ in range(14))
    lines: list[Line | None] = [
        (
            dc(rng.choice(("Calderdale Libraries", "Kent Libraries", "Swansea Libraries", "City Library")), "the issuer"),
            g.type(BOLD, int(B * 1.3)),
            (255, 255, 255),
            "left",
        ),
        (dc("Borrower", "on a card about one person"), body, (255, 255, 255), "left"),
        (who.full() if rng.random() < 0.6 else who.titled_full(), g.type(BOLD, B), (255, 255, 255), "left"),
        (T(rng.choice((n, f"{n[:5]} {n[5:10]} {n[10:]}")), ID, "library card number"), g.type(MONO, B), (255, 255, 255), "left"),
        (dc(f"Valid until {rng.randint(1, 12):02d}/20{rng.randint(26, 30)}", "on a card about one person"), body, (255, 255, 255), "left"),
    ]
    y = stack(p, lines, 30, 30, lead=1.4)
    for i in range(40):  # a barcode
        w = rng.choice((3, 5, 8))
        p.rect((30 + i * 14, y, 30 + i * 14 + w, y + B * 1.6), fill=(255, 255, 255))
    return p.finish(solid(rng.choice(((120, 30, 100), (20, 90, 130), (40, 40, 40))), radius=22), 30, "library_card", (15, 24))


def gym_timetable(g: G2) -> Finished:
    """A leisure centre's weekly class timetable, with instructors' first names."""
    rng, B = g.rng, g.bigger()
    p = Panel(B)
    head, body = g.type(BOLD, int(B * 1.3)), g.type(PRINT, B)
    classes = (
        "Aqua aerobics",
        "Walking netball",
        "Chair Pilates",
        "Over-60s swim",
        "Zumba Gold",
        "Tai chi",
        "Walking football",
        "Spin",
        "Gentle yoga",
        "Badminton",
        "Bowls",
        "Circuits",
        "Boxercise",
    )
    lines: list[Line | None] = [
        (
            ok(f"{rng.choice(('Riverside', 'Moorside', 'Summerhill', 'Hope Park'))} Leisure Centre - Class Timetable"),
            head,
            (0, 80, 150),
            "left",
        ),
    ]
    for d in rng.sample(DAYS[:6], 4):
        row = ok(f"{d[:3].upper()} {g.when()} {rng.choice(classes)}")
        if rng.random() < 0.6:
            who = g.who(0.45)
            row += ok("with") + who.first()
        lines.append((row, body, (20, 20, 20), "left"))
    lines.append(
        (
            ok(rng.choice(("Summer timetable from 1st June", "Pool closed Friday for maintenance", "Book at reception or online"))),
            body,
            (150, 20, 30),
            "left",
        )
    )
    stack(p, lines, 40, 40, lead=1.5)
    return p.finish((255, 255, 255), 40, "gym_timetable", (15, 26))


def cafe_board(g: G2) -> Finished:
    """A cafe chalkboard of the day's specials (no person on it)."""
    rng, B = g.rng, g.bigger()
    p = Panel(B)
    t = marker(g, B)
    chalk = (235, 235, 225)
    items = rng.sample(
        (
            "Soup of the day: roasted red pepper",
            "Full English",
            "Sunny side up eggs on toast",
            "Summer berry pavlova",
            "Cream tea for two",
            "Welsh rarebit",
            "Bacon bap",
            "Cheese and onion toastie",
            "Jacket spud with tuna",
            "Victoria plum crumble",
            "Hot chocolate with marshmallows",
            "Cheese scone with butter",
        ),
        4,
    )
    lines: list[Line | None] = [(up(ok("Today's specials")), marker(g, int(B * 1.4)), (250, 220, 120), "left")]
    for it in items:
        lines.append((ok(it) + ok(g.money(2, 9).lstrip("£")), t, chalk, "left"))  # chalk prices have no £ (no such stroke letter)
    lines.append(
        (
            ok(
                rng.choice(
                    (
                        "Hope you enjoy your visit!",
                        "Please pay your bill at the counter",
                        "Ask about our gluten free cakes",
                        "Grab a seat, we'll bring it over",
                    )
                )
            ),
            t,
            (180, 230, 255),
            "left",
        )
    )
    stack(p, lines, 40, 40, lead=1.5)
    return p.finish(textured((35, 40, 38), rng.randrange(1 << 30), 8, (120, 80, 40), 16), 45, "cafe_board", (16, 30))


LAYOUTS = {
    "lunch_menu": lunch_menu,
    "physio_sheet": physio_sheet,
    "discharge_summary": discharge_summary,
    "pharmacy_bag": pharmacy_bag,
    "pill_organiser": pill_organiser,
    "care_plan": care_plan,
    "this_is_me": this_is_me,
    "minutes": minutes,
    "birthday_card": birthday_card,
    "party_banner": party_banner,
    "garden_centre": garden_centre,
    "charity_shop": charity_shop,
    "faith_notice": faith_notice,
    "parking_permit": parking_permit,
    "bus_ticket": bus_ticket,
    "handover_board": handover_board,
    "phone_list": phone_list,
    "delivery_note": delivery_note,
    "coat_pegs": coat_pegs,
    "library_card": library_card,
    "gym_timetable": gym_timetable,
    "cafe_board": cafe_board,
}


# ----------------------------------------------------------------------------- the set


def generate(data: Path, out: Path, images: int = 60, seed: int = RESERVED_SEED, sign_gap: float = 6) -> Path:
    """Write ``images`` photos and ``annotations.json`` under ``out``; returns ``out``.

    Drawn and placed by ``gen_text_blind.generate`` (every layout in turn, in a shuffled
    order, one to three panels to a photo) with this set's layouts and content."""
    blind.generate(
        data,
        out,
        images,
        seed,
        sign_gap,
        layouts=LAYOUTS,
        make_gen=G2,
        stem="_blindb",
        description="Second blind set of everyday paperwork and signs (benchmarks/gen_text_blind2.py, seed {seed})",
    )
    path = out / "annotations.json"
    doc = json.loads(path.read_text(encoding="utf-8"))
    for e in doc["images"]:
        for wd in e["words"]:  # a lone dash or ampersand is nobody's anything
            if not any(ch.isalnum() for ch in wd["text"]):
                wd["category"], wd["why"] = EITHER, "punctuation"
    path.write_text(json.dumps(doc, indent=1, ensure_ascii=False), encoding="utf-8")
    return out


def main(argv: list[str] | None = None) -> int:
    return blind.main(argv, make=generate, reserved=RESERVED_SEED, doc=__doc__)


if __name__ == "__main__":
    raise SystemExit(main())
