"""Generate a third blind test set of care-setting paperwork, signs and keepsakes on real photos, in the format of ``text_pii``.

Written for issue #21 by someone who had not read the text rules (nothing
under ``src/mediascrub``), their tests, their word lists, the care-term lists
nor the README's section on them. Only the two earlier blind generators were
read, for their machinery (``gen_text_blind.py``'s panels, type, placement,
label definitions and command line; ``gen_text_blind2.py``'s line stacking and
handwriting helpers, imported, not copied) and for the layouts they already
draw, so that none is drawn again here. The people, the places, the medicines
and the everyday words are this file's own. Meant to be run **once**, by the
coordinator, on the final code, with the reserved seed 737373
(``bench_text_heldout.py --layouts blind3``); any other seed is for looking at
the generator only, and a figure from a second run of 737373 is no longer
blind.

Twenty-six layouts, each drawn as a panel and stuck onto a WIDER FACE
validation photo (scaled back to its original size, away from its faces) with
perspective, a tilt, lighting, softening and sensor noise
(``gen_text_blind.place``):

- about one person: a hospital wristband (with a red allergy band now and
  then), a ward meal-tray ticket, a food and fluid chart on a door, a
  "Message in a Bottle" form from the fridge, a letter envelope to a private
  address, sewn-in laundry name tapes, a blue badge and a pay-and-display
  ticket on a dashboard, a theatre ticket;
- on a home's or day centre's walls: a fire action notice (fire wardens, and
  now and then the residents who need help to get out), the guest wifi card,
  the minibus pick-up run, the hairdresser's list, a certificate "awarded to",
  a leaving card full of messages, a resident's wall calendar;
- fundraising and keepsakes: tombola prizes with their tickets, raffle ticket
  stubs filled in by hand, craft-stall price tags, a memorial bench plaque or
  a club trophy, a Christmas card list;
- out and about: a pub quiz chalkboard, a cinema listing, a church hymn
  board, a local newspaper's front page, an allotment site sign, a polling
  station notice.

Words that are also given names (Rose, Bill, Grace, May, Hope, Sunny, Dawn,
Victor, Frank, Pearl, Olive, Ruby, Hazel, Poppy, Robin, Penny, Jasmine, Earl,
Miles, Amber, Faith, June) come both as people's names and in plain positions
("rose hip syrup", "gas bill due", "May 2026", "Hope you enjoy your visit",
"sunny spells", "Dawn chorus walk", "Victoria sponge", "frank talk", "Earl
Grey", "Pearl earrings", "olive oil", "Ruby wedding mug", "Poppy Appeal");
surnames that are words too (Baker, Fox, Hall, Stone, Church, Love) come as
names, and some of them as words ("Town Hall car park", "Church", "love from").
People come from many communities, many of the names rare.

Labels follow ``gen_text_blind.py``'s definitions (its docstring): must-hide
``person_name``, ``phone``, ``email``, ``id_number``, ``date_of_birth``,
``plate``, ``health``, ``address``; ``benign`` should stay; ``dontcare``
either way (the other words on a card or sheet that exists to carry one
person's details, titles and initials, field labels, a service's or
business's own name and number, health words about nobody, years on a
memorial, a password). A room number next to a named resident is
``address``; staff, relatives and volunteers are people too.

    python benchmarks/gen_text_blind3.py --out /tmp/blind3 --seed 7 [--images 60] [--png-dir /tmp/look]

The photos are research data: write them to a temporary folder, never into the repository.
"""

from __future__ import annotations

import random
import sys
from dataclasses import dataclass
from pathlib import Path

from PIL import Image, ImageDraw

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "benchmarks"))

# the drawing, placing and labelling machinery of the first two blind sets, so all three are rendered and scored alike
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
    _ascii,
    solid,
    textured,
)
from gen_text_blind2 import Line, biro, dc, ink, marker, ok, ordinal, stack, up  # noqa: E402

RESERVED_SEED = 737373

# ----------------------------------------------------------------------------- people (written by hand for this set)

# (women, men) per community
GIVEN: dict[str, tuple[tuple[str, ...], tuple[str, ...]]] = {
    "british": (
        (
            "Enid",
            "Mavis",
            "Gwendoline",
            "Joan",
            "Valerie",
            "Rita",
            "Freda",
            "Vera",
            "Shirley",
            "Christine",
            "Denise",
            "Julie",
            "Nerys",
            "Sian",
            "Eilidh",
            "Kirsty",
            "Bridget",
            "Mairead",
            "Roisin",
            "Demelza",
        ),
        (
            "Herbert",
            "Albert",
            "Bernard",
            "Roy",
            "Geoffrey",
            "Desmond",
            "Clive",
            "Neville",
            "Kevin",
            "Stuart",
            "Emrys",
            "Rhodri",
            "Hamish",
            "Callum",
            "Seamus",
            "Eamon",
            "Ciaran",
            "Jago",
        ),
    ),
    "caribbean": (
        ("Gwendolyn", "Hortense", "Veronica", "Pamella", "Yvette", "Sonia"),
        ("Carlton", "Clement", "Linton", "Neville", "Wesley", "Ainsley"),
    ),
    "west_african": (
        ("Omolara", "Bukola", "Adaeze", "Chinyere", "Osaretin", "Abena", "Akua", "Mariatu", "Isatu", "Yewande"),
        ("Oluwadamilare", "Tunde", "Chidi", "Ifeanyi", "Osagie", "Kwadwo", "Kobina", "Alusine", "Foday", "Femi"),
    ),
    "east_southern_african": (
        ("Sahra", "Ubah", "Ikram", "Awadia", "Tigist", "Almaz", "Wambui", "Achieng", "Rumbidzai", "Nomvula"),
        ("Mahad", "Guled", "Abdikarim", "Osman", "Dawit", "Haile", "Kipchoge", "Mutua", "Tinashe", "Themba"),
    ),
    "south_asian": (
        (
            "Surinder",
            "Kulwant",
            "Jaspal",
            "Pushpa",
            "Kokila",
            "Rekha",
            "Shilpa",
            "Aleyamma",
            "Bincy",
            "Revathi",
            "Kamala",
            "Rahima",
            "Jahanara",
            "Samina",
            "Nasim",
            "Chathurika",
            "Sabitri",
            "Dolma",
        ),
        (
            "Balbir",
            "Gurdev",
            "Harbhajan",
            "Dinesh",
            "Pravin",
            "Yogesh",
            "Jomon",
            "Shibu",
            "Ganesan",
            "Thiru",
            "Abdul",
            "Shamsul",
            "Mujibur",
            "Zafar",
            "Imran",
            "Chaminda",
            "Dil",
            "Tenzing",
        ),
    ),
    "east_asian": (
        ("Meifeng", "Shuk Han", "Oi Lin", "Hoa", "Lan", "Marites", "Rowena", "Analyn", "Somchai", "Keiko", "Ji-woo"),
        ("Guoqiang", "Wing Kee", "Chi Keung", "Minh", "Quang", "Arnel", "Jomar", "Kenji", "Min-jun"),
    ),
    "european": (
        (
            "Genowefa",
            "Krystyna",
            "Elżbieta",
            "Florentina",
            "Viorica",
            "Daiva",
            "Inese",
            "Zuzana",
            "Erzsébet",
            "Graça",
            "Giuseppina",
            "Encarnación",
            "Despina",
            "Emine",
            "Zeynep",
            "Hêvî",
            "Oksana",
            "Esther",
            "Esmeralda",
        ),
        (
            "Czesław",
            "Mieczysław",
            "Gheorghe",
            "Vasile",
            "Darius",
            "Jānis",
            "Miroslav",
            "László",
            "Manuel",
            "Salvatore",
            "Giorgos",
            "Hüseyin",
            "Serwan",
            "Bohdan",
            "Mordechai",
            "Lazlo",
        ),
    ),
    "west_central_asian": (
        ("Shirin", "Farzaneh", "Marzia", "Fereshteh", "Rawan", "Noor", "Ghada"),
        ("Reza", "Ahmad Shah", "Mirwais", "Qasim", "Tareq", "Mazen", "Haider"),
    ),
    # given names that are also everyday English words
    "word": (
        (
            "Rose",
            "Grace",
            "May",
            "Hope",
            "Sunny",
            "Dawn",
            "Pearl",
            "Olive",
            "Ruby",
            "Hazel",
            "Poppy",
            "Penny",
            "Jasmine",
            "Amber",
            "Faith",
            "June",
            "Joy",
            "Crystal",
        ),
        ("Bill", "Victor", "Frank", "Sunny", "Robin", "Earl", "Miles", "Rocky", "Jack", "Mark", "Sandy"),
    ),
}
FAMILY: dict[str, tuple[str, ...]] = {
    "british": (
        "Higginbottom",
        "Ramsbottom",
        "Cartwright",
        "Pennington",
        "Ollerenshaw",
        "Trevithick",
        "Penhaligon",
        "Vaughan",
        "Bevan",
        "Cadwaladr",
        "Sinclair",
        "Buchanan",
        "McAllister",
        "Devlin",
        "Quinlan",
        "Brennan",
        "Baker",
        "Fox",
        "Hall",
        "Stone",
        "Church",
        "Love",
        "Cook",
        "Marsh",
    ),
    "caribbean": ("Blackwood", "Henry", "Barrett", "Grant-Lewis", "Ellis", "Samuels", "Hinds"),
    "west_african": (
        "Adeyemi-Coker",
        "Olatunji",
        "Eze",
        "Okeke",
        "Iheanacho",
        "Osagie",
        "Igbinedion",
        "Asante",
        "Appiah",
        "Darko",
        "Koroma",
        "Bangura",
        "Turay",
    ),
    "east_southern_african": ("Jama", "Farah", "Hersi", "Elmi", "Bekele", "Girma", "Wanjiku", "Otieno", "Chiweshe", "Mlambo", "Zulu"),
    "south_asian": (
        "Atwal",
        "Bhogal",
        "Kalsi",
        "Shah",
        "Solanki",
        "Varghese",
        "Kurian",
        "Subramaniam",
        "Ratnasingham",
        "Rahman",
        "Islam",
        "Malik",
        "Bukhari",
        "Jayasuriya",
        "Rai",
        "Sherpa",
    ),
    "east_asian": ("Ho", "Kwan", "Tang", "Vo", "Le", "Santos", "Reyes", "Mendoza", "Sato", "Kim", "Park"),
    "european": (
        "Grabowska",
        "Zieliński",
        "Lis",
        "Munteanu",
        "Rusu",
        "Jankauskas",
        "Bērziņš",
        "Horváthová",
        "Kovács",
        "Silva",
        "Esposito",
        "Romano",
        "García",
        "Christodoulou",
        "Öztürk",
        "Kaya",
        "Barzani",
        "Melnyk",
        "Cohen",
        "Goldberg",
    ),
    "west_central_asian": ("Hosseini", "Rezaei", "Ahmadzai", "Popal", "Al-Khatib", "Al-Jaburi", "Hashemi"),
}
COMMUNITIES = tuple(k for k in GIVEN if k != "word")


@dataclass
class Who:
    """A person as they might be written: given and family names, title, whether the given name is an everyday word."""

    given: str
    family: str
    title: str
    word: bool

    def _g(self) -> list[Tok]:
        why = "common word used as a name" if self.word else ""
        return [(w, NAME, why) for w in self.given.split()]

    def _f(self, upper: bool = False) -> list[Tok]:
        return [(w.upper() if upper else w, NAME, "") for w in self.family.split()]

    def first(self) -> list[Tok]:
        return self._g()

    def full(self) -> list[Tok]:
        return self._g() + self._f()

    def titled(self) -> list[Tok]:
        return [(self.title, EITHER, "title")] + self._f()

    def titled_full(self) -> list[Tok]:
        return [(self.title, EITHER, "title")] + self.full()

    def initial(self, title: bool = False) -> list[Tok]:
        """(Mrs) G. Okeke."""
        return ([(self.title, EITHER, "title")] if title else []) + [(f"{self.given[0]}.", EITHER, "initial")] + self._f()

    def formal(self) -> list[Tok]:
        """OKEKE, Grace (hospital paperwork)."""
        fam = self._f(upper=True)
        return fam[:-1] + [(fam[-1][0] + ",", NAME, "")] + self._g()

    def tape(self) -> list[Tok]:
        """G. OKEKE (a laundry tape)."""
        return [(f"{self.given[0]}.", EITHER, "initial")] + self._f(upper=True)

    def any(self, rng: random.Random) -> list[Tok]:
        return rng.choice((self.full, self.titled, self.titled_full, self.initial, self.first))()


# ----------------------------------------------------------------------------- health (written by hand for this set)

MEDICINES = (
    "Rivastigmine patch",
    "Venlafaxine",
    "Duloxetine",
    "Indapamide",
    "Candesartan",
    "Nifedipine",
    "Isosorbide mononitrate",
    "Ticagrelor",
    "Dabigatran",
    "Simvastatin",
    "Rosuvastatin",
    "Gliclazide",
    "Linagliptin",
    "Insulin aspart",
    "Pantoprazole",
    "Ranitidine",
    "Lactulose",
    "Movicol",
    "Docusate",
    "Paracetamol",
    "Oramorph",
    "Fentanyl patch",
    "Risperidone",
    "Olanzapine",
    "Lithium carbonate",
    "Phenytoin",
    "Topiramate",
    "Pramipexole",
    "Rasagiline",
    "Baclofen",
    "Tizanidine",
    "Alendronate",
    "Adcal-D3",
    "Ferrous sulfate",
    "Folic acid",
    "Vitamin B12 injection",
    "Cefalexin",
    "Clarithromycin",
    "Fluticasone inhaler",
    "Symbicort inhaler",
    "Timolol eye drops",
    "Betahistine",
    "Prochlorperazine",
)
DOSES = (
    "2.5mg",
    "5 mg",
    "10mg",
    "20 mg",
    "30mg",
    "40mg",
    "75mg",
    "150 mg",
    "250mg",
    "500mg",
    "1g",
    "4.6mg/24h",
    "12mcg/hr",
    "50 micrograms",
    "5ml",
    "10 mL",
    "2 puffs",
    "one drop",
    "1 sachet",
    "0.5mg",
)
TIMES = ("once daily", "twice daily", "at night", "in the morning", "every 4 hours when needed", "with food", "weekly")
# per word: health, or dontcare for a word that says nothing alone
CONDITIONS: tuple[list[Tok], ...] = (
    [("Alzheimer's", HEALTH, "")],
    [("mixed", EITHER, ""), ("dementia", HEALTH, "")],
    [("Parkinson's", HEALTH, "")],
    [("COPD", HEALTH, "")],
    [("Type", EITHER, ""), ("1", EITHER, ""), ("diabetes", HEALTH, "")],
    [("heart", EITHER, ""), ("failure", HEALTH, "")],
    [("epilepsy", HEALTH, "")],
    [("stroke", HEALTH, "")],
    [("hemiplegia", HEALTH, "")],
    [("Down's", HEALTH, ""), ("syndrome", HEALTH, "")],
    [("autism", HEALTH, "")],
    [("schizoaffective", HEALTH, ""), ("disorder", HEALTH, "")],
    [("depression", HEALTH, "")],
    [("osteoporosis", HEALTH, "")],
    [("renal", HEALTH, ""), ("failure", HEALTH, "")],
    [("HIV", HEALTH, "")],
    [("hepatitis", HEALTH, ""), ("C", EITHER, "")],
    [("cerebral", HEALTH, ""), ("palsy", HEALTH, "")],
    [("spina", HEALTH, ""), ("bifida", HEALTH, "")],
    [("sickle", HEALTH, ""), ("cell", EITHER, ""), ("anaemia", HEALTH, "")],
    [("cataracts", HEALTH, "")],
    [("hearing", EITHER, ""), ("loss", HEALTH, "")],
    [("incontinence", HEALTH, "")],
    [("MRSA", HEALTH, "")],
    [("pressure", HEALTH, ""), ("ulcer", HEALTH, "")],
)
DIETS: tuple[list[Tok], ...] = (
    [("Diabetic", HEALTH, "")],
    [("Gluten", HEALTH, ""), ("free", EITHER, "")],
    [("Puree", HEALTH, "")],
    [("IDDSI", HEALTH, ""), ("level", EITHER, ""), ("5", HEALTH, "")],
    [("Soft", HEALTH, ""), ("&", EITHER, ""), ("bite-sized", HEALTH, "")],
    [("Fork", HEALTH, ""), ("mashable", HEALTH, "")],
    [("Low", EITHER, ""), ("fat", HEALTH, "")],
    [("Renal", HEALTH, "")],
    [("High", EITHER, ""), ("calorie", HEALTH, "")],
    [("Nil", HEALTH, ""), ("by", EITHER, ""), ("mouth", HEALTH, "")],
    [("Thickened", HEALTH, ""), ("fluids", HEALTH, "")],
    [("Lactose", HEALTH, ""), ("free", EITHER, "")],
    [("PEG", HEALTH, ""), ("fed", HEALTH, "")],
    [("Reduced", EITHER, ""), ("sugar", HEALTH, "")],
)
FAITH_DIETS = ("Halal", "Kosher", "Vegetarian", "Jain - no onion or garlic", "No beef")
ALLERGENS = (
    "Penicillin",
    "Sulfonamides",
    "Latex",
    "Peanuts",
    "Tree nuts",
    "Shellfish",
    "Egg",
    "Sesame",
    "Chlorhexidine",
    "Morphine",
    "NSAIDs",
    "Plasters",
    "Co-amoxiclav",
    "Erythromycin",
)
MOBILITY: tuple[list[Tok], ...] = (
    [("wheelchair", HEALTH, "mobility aid")],
    [("walking", EITHER, ""), ("frame", HEALTH, "mobility aid")],
    [("Zimmer", HEALTH, "mobility aid")],
    [("rollator", HEALTH, "mobility aid")],
    [("stick", HEALTH, "mobility aid")],
    [("hoist", HEALTH, "mobility aid"), ("x2", EITHER, "")],
    [("needs", EITHER, ""), ("ramp", HEALTH, "mobility aid")],
    [("oxygen", HEALTH, "")],
    [("scooter", HEALTH, "mobility aid")],
    [("blind", HEALTH, "sight"), ("-", EITHER, ""), ("guide", EITHER, ""), ("dog", EITHER, "")],
)

MONTHS = ("January", "February", "March", "April", "May", "June", "July", "August", "September", "October", "November", "December")
DAYS = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")
# (town, postcode outward codes)
TOWNS = (
    ("Halifax", ("HX1", "HX3")),
    ("Oldham", ("OL4", "OL8")),
    ("Llanelli", ("SA14", "SA15")),
    ("Kirkcaldy", ("KY1", "KY2")),
    ("Slough", ("SL1", "SL2")),
    ("Coventry", ("CV2", "CV6")),
    ("Blackburn", ("BB1", "BB2")),
    ("Dudley", ("DY1", "DY2")),
    ("Tottenham", ("N17", "N15")),
    ("Manchester", ("M8", "M14")),
    ("Birmingham", ("B10", "B21")),
    ("Gateshead", ("NE8", "NE9")),
    ("Peterborough", ("PE1", "PE3")),
    ("Belfast", ("BT11", "BT14")),
    ("Truro", ("TR1", "TR4")),
    ("Leyton", ("E10", "E11")),
    ("Westminster", ("SW1A", "W1A")),
    ("Keighley", ("BD21", "BD22")),
)
STREETS = (
    "Laburnum Way",
    "Hope Street",
    "Sunnyside Road",
    "Dawn Close",
    "Rosebank Terrace",
    "Victoria Road",
    "Frankland Avenue",
    "Pearl Street",
    "Hazel Grove",
    "Holly Bank",
    "Cemetery Road",
    "Nab Lane",
    "Ings Crescent",
    "Gledhow Drive",
    "Tenterfields",
    "Water Lane",
    "Cotton Street",
    "Clough Head",
    "Brynmor Road",
    "Wynd Court",
    "Glebe Mews",
    "Shaw Heath",
    "Back Church Lane",
    "Station Approach",
)
DRAMA_AREAS = (
    ("0113", "496 0"),
    ("0114", "496 0"),
    ("0118", "496 0"),
    ("0117", "496 0"),
    ("0121", "496 0"),
    ("0131", "496 0"),
    ("0141", "496 0"),
    ("0151", "496 0"),
    ("0161", "496 0"),
    ("0191", "498 0"),
    ("020", "7946 0"),
    ("029", "2018 0"),
    ("028", "9018 0"),
    ("01632", "960 "),
)


SMALL = {"a", "an", "the", "to", "of", "and", "&", "-", "on", "in", "at", "for", "by", "with", "from"}


def hl(text: str, why: str = "") -> list[Tok]:
    """Health words: every word but the little ones (to, of, and ...), which are either way."""
    return [(w, EITHER if w.lower() in SMALL else HEALTH, why) for w in text.split()]


def on_card(toks: list[Tok], why: str = "on a paper about one person") -> list[Tok]:
    """Everything but the must-hide words becomes either way."""
    return [(w, EITHER if c == OK else c, why if c == OK else y) for w, c, y in toks]


def dose(text: str) -> list[Tok]:
    """A named person's dose: the words with a figure in them are health, the rest either way."""
    return [(w, HEALTH if any(ch.isdigit() for ch in w) or w in ("one", "two") else EITHER, "dose") for w in text.split()]


def plain_hand(text: str) -> str:
    """What a Hershey stroke font can write (no pound sign)."""
    return _ascii(text).replace("£", "")


class G3(Gen):
    """One seeded run: the random source, the staff photos (``Gen``'s) and this set's own makers of details."""

    def who(self, word: float = 0.2, title: bool = True) -> Who:
        rng = self.rng
        female = rng.random() < 0.58
        fam_from = rng.choice(COMMUNITIES)
        if rng.random() < word:
            given, is_word = rng.choice(GIVEN["word"][0 if female else 1]), True
        else:
            given_from = fam_from if rng.random() < 0.85 else rng.choice(COMMUNITIES)
            given, is_word = rng.choice(GIVEN[given_from][0 if female else 1]), False
        t = rng.choice(("Mrs", "Mrs", "Miss", "Ms")) if female else "Mr"
        if rng.random() < 0.06:
            t = "Dr"
        return Who(given, rng.choice(FAMILY[fam_from]), t, is_word)

    def mobile(self) -> list[Tok]:
        rng = self.rng
        n = f"{rng.randint(0, 999):03d}"
        s = rng.choice(
            (
                f"07700 900 {n}",
                f"07700 900{n}",
                f"07700900{n}",
                f"07700-900-{n}",
                f"+44 (0)7700 900{n}",
                f"+447700900{n}",
                f"0770 0900 {n}",
                f"07700.900.{n}",
                f"(07700) 900 {n}",
            )
        )
        return T(s, PHONE, "a person's mobile")

    def landline(self, cat: str = PHONE) -> list[Tok]:
        rng = self.rng
        code, local = rng.choice(DRAMA_AREAS)
        a, b = local.split(" ")
        n = f"{rng.randint(0, 999):03d}"
        s = rng.choice(
            (f"{code} {a} {b}{n}", f"({code}) {a}{b}{n}", f"{code}{a}{b}{n}", f"{code}-{a}-{b}{n}", f"+44 {code[1:]} {a} {b}{n}")
        )
        return T(s, cat, "a person's landline" if cat == PHONE else "a service's own number")

    def phone(self) -> list[Tok]:
        return self.mobile() if self.rng.random() < 0.6 else self.landline()

    def email(self, p: Who) -> list[Tok]:
        rng = self.rng
        g = "".join(c for c in _ascii(p.given).lower() if c.isalnum())
        f = "".join(c for c in _ascii(p.family).lower() if c.isalnum())
        user = rng.choice((f"{g}.{f}", f"{g}{f[0]}{rng.randint(40, 99)}", f"{f}.{g[0]}", f"{g}_{f}", f"{g[0]}{f}"))
        dom = rng.choice(
            (
                "gmail.com",
                "hotmail.com",
                "btinternet.com",
                "aol.com",
                "ntlworld.com",
                "me.com",
                "yahoo.co.uk",
                "protonmail.com",
                "googlemail.com",
            )
        )
        return T(f"{user}@{dom}", EMAIL, "a person's email")

    def nhs(self, label: bool = False) -> list[Tok]:
        """An NHS number with a valid modulus-11 check digit, grouped as printed (or not)."""
        rng = self.rng
        while True:
            d = [rng.randint(1 if i == 0 else 0, 9) for i in range(9)]
            c = (11 - sum(v * (10 - i) for i, v in enumerate(d)) % 11) % 11
            if c != 10:
                break
        s = "".join(map(str, d)) + str(c)
        text = rng.choice((f"{s[:3]} {s[3:6]} {s[6:]}", s, f"{s[:3]} {s[3:6]} {s[6:]}", f"{s[:3]}-{s[3:6]}-{s[6:]}"))
        return (dc(rng.choice(("NHS No:", "NHS no.", "NHS", "NHS Number:")), "field label") if label else []) + T(text, ID, "NHS number")

    def chi(self, dob: tuple[int, int, int]) -> list[Tok]:
        """A Scottish CHI number (birth date and four digits)."""
        y, m, d = dob
        return T(f"{d:02d}{m:02d}{y % 100:02d}{self.rng.randint(1000, 9999)}", ID, "CHI number")

    def hosp(self) -> list[Tok]:
        rng = self.rng
        s = rng.choice(
            (
                f"RJ{rng.randint(100000, 999999)}",
                f"A{rng.randint(1000000, 9999999)}",
                f"{rng.randint(10, 99)}-{rng.randint(100000, 999999)}",
                f"MRN{rng.randint(1000000, 9999999)}",
                f"W{rng.randint(100, 999)} {rng.randint(1000, 9999)}",
            )
        )
        return T(s, ID, "hospital number")

    def ni_no(self) -> list[Tok]:
        rng = self.rng
        L = "ABCEGHJKLMNPRSTWXYZ"
        d = f"{rng.randint(0, 999999):06d}"
        s = rng.choice(
            (
                f"{rng.choice(L)}{rng.choice(L)} {d[:2]} {d[2:4]} {d[4:]} {rng.choice('ABCD')}",
                f"{rng.choice(L)}{rng.choice(L)}{d}{rng.choice('ABCD')}",
            )
        )
        return T(s, ID, "National Insurance number")

    def birth(self) -> tuple[int, int, int]:
        rng = self.rng
        return rng.randint(1926, 1968), rng.randint(1, 12), rng.randint(1, 28)

    def dob(self, when: tuple[int, int, int] | None = None) -> list[Tok]:
        y, m, d = when or self.birth()
        mon = MONTHS[m - 1]
        s = self.rng.choice(
            (
                f"{d:02d}/{m:02d}/{y}",
                f"{d}/{m}/{y % 100:02d}",
                f"{d:02d}.{m:02d}.{y}",
                f"{d}-{m}-{y}",
                f"{ordinal(d)} {mon} {y}",
                f"{d} {mon[:3]} {y}",
                f"{d:02d}-{mon[:3].upper()}-{y}",
                f"{mon} {d}, {y}",
                f"{y}-{m:02d}-{d:02d}",
                f"{d:02d}{mon[:3].upper()}{y}",
            )
        )
        return T(s, DOB)

    def plate(self) -> list[Tok]:
        rng = self.rng
        L = "ABCDEFGHJKLMNPRSTUVWXY"
        age = rng.choice(("02", "07", "12", "16", "19", "21", "24", "25", "55", "61", "66", "70", "73", "74"))
        cur = f"{rng.choice('ABCDEFGHKLMNOPRSVWY')}{rng.choice(L)}{age}"
        tail = "".join(rng.choice(L) for _ in range(3))
        s = rng.choice(
            (
                f"{cur} {tail}",
                f"{cur} {tail}",
                f"{cur}{tail}",
                f"{rng.choice('PRSTVWXY')}{rng.randint(1, 999)} {tail}",
                f"{tail} {rng.randint(1, 999)}{rng.choice('ABCDEFGHJKLMNPRSTVWXY')}",
                f"{rng.choice('ABCDFGHJKLMNOPRSTUVWY')}{rng.choice('ABCDEIJKLNOSUVWXYZ')}Z {rng.randint(1000, 9999)}",
            )
        )
        return T(s, PLATE, "a car's registration")

    def postcode(self, town: tuple[str, tuple[str, ...]]) -> str:
        rng = self.rng
        out = rng.choice(town[1])
        inward = f"{rng.randint(0, 9)}{rng.choice('ABDEFGHJLNPQRSTUWXYZ')}{rng.choice('ABDEFGHJLNPQRSTUWXYZ')}"
        return f"{out}{inward}" if rng.random() < 0.12 else f"{out} {inward}"

    def address(self, one_line: bool = False) -> list[list[Tok]]:
        """A private address as lines: house or flat number, street and postcode ``address``; the town either way."""
        rng = self.rng
        town = rng.choice(TOWNS)
        street = rng.choice(STREETS)
        num = rng.choice((str(rng.randint(1, 212)), f"{rng.randint(1, 90)}{rng.choice('ABC')}"))
        lines: list[list[Tok]] = []
        if rng.random() < 0.25:
            lines.append(
                [("Flat", EITHER, "flat word"), (str(rng.randint(1, 40)), ADDR, "flat number")]
                + (
                    T(rng.choice(("Beech House", "Marlowe Court", "Ty Gwyn")), ADDR, "name of a block of flats")
                    if rng.random() < 0.5
                    else []
                )
            )
        lines.append(T(f"{num}{',' if rng.random() < 0.3 else ''} {street}", ADDR, "house number and street of a private address"))
        pc = T(self.postcode(town), ADDR, "postcode of a private address")
        tn = [(town[0].upper() if rng.random() < 0.3 else town[0], EITHER, "town")]
        if one_line:
            return [[tok for ln in lines for tok in ln] + tn + pc]
        if rng.random() < 0.5:
            lines += [tn, pc]
        else:
            lines.append(tn + pc)
        return lines

    def street(self) -> list[Tok]:
        """A house number and street of a private address."""
        rng = self.rng
        num = rng.choice((str(rng.randint(1, 212)), f"{rng.randint(1, 90)}{rng.choice('ABC')}"))
        return T(f"{num} {rng.choice(STREETS)}", ADDR, "house number and street of a private address")

    def med(self) -> list[Tok]:
        rng = self.rng
        return (
            hl(rng.choice(MEDICINES), "a named person's medicine")
            + dose(rng.choice(DOSES))
            + (dc(rng.choice(TIMES), "when") if rng.random() < 0.5 else [])
        )

    def clock(self) -> str:
        rng = self.rng
        h, m = rng.randint(7, 20), rng.choice((0, 0, 15, 30, 45, 5, 50))
        return rng.choice((f"{h:02d}:{m:02d}", f"{h}.{m:02d}", f"{h % 12 or 12}{f':{m:02d}' if m else ''}{'am' if h < 12 else 'pm'}"))

    def clocks(self, n: int, start: tuple[int, int], step: tuple[int, int]) -> list[str]:
        """``n`` times of day in order, ``step`` minutes apart at least, in one writing style."""
        rng = self.rng
        style = rng.randrange(3)
        minutes, out = start[0] * 60 + rng.choice((0, 15, 30)), []
        for _ in range(n):
            h, m = divmod(minutes, 60)
            out.append((f"{h:02d}:{m:02d}", f"{h}.{m:02d}", f"{h % 12 or 12}{f':{m:02d}' if m else ''}{'am' if h < 12 else 'pm'}")[style])
            minutes += rng.randrange(step[0], step[1] + 1, 5)
        return out

    def money(self, lo: float, hi: float) -> str:
        v = self.rng.uniform(lo, hi)
        return f"{round(v * 100)}p" if v < 1 else f"£{v:.2f}"

    def date(self) -> str:
        """A date of an event (not a birth)."""
        rng = self.rng
        d, m = rng.randint(1, 28), rng.randint(1, 12)
        return rng.choice(
            (
                f"{rng.choice(DAYS)} {ordinal(d)} {MONTHS[m - 1]}",
                f"{d} {MONTHS[m - 1]} 2026",
                f"{rng.choice(DAYS)[:3]} {d} {MONTHS[m - 1][:3]}",
                f"{d}.{m}.26",
                f"{d:02d}/{m:02d}/2026",
            )
        )


def bar(p: Panel, rng: random.Random, x: float, y: float, h: float, n: int = 36, colour: tuple[int, int, int] = (20, 20, 20)) -> float:
    """A barcode; returns its right edge."""
    for _ in range(n):
        w = rng.choice((2, 3, 5, 7))
        p.rect((x, y, x + w, y + h), fill=colour)
        x += w + rng.choice((3, 4, 6))
    return x


def two_a_row(p: Panel, tags: list[Finished], y: float, rng: random.Random, tilt: float) -> None:
    """Tags stuck on two to a row from ``y`` down, each turned a little."""
    x, low = 20.0, y
    for i, f in enumerate(tags):
        b = p.stick(f, x, y, rng.uniform(-tilt, tilt))
        low = max(low, b[3])
        if i % 2:
            x, y = 20.0, low + 22
        else:
            x = b[2] + 30


def clear(_img: Image.Image, _inner: tuple[int, int, int, int]) -> None:
    """No background: what was stuck on is the whole panel."""


# ----------------------------------------------------------------------------- about one person


def wristband(g: G3) -> Finished:
    """A hospital wristband: name, date of birth, NHS (or CHI) and hospital numbers; sometimes a red allergy band."""
    rng, B = g.rng, g.bigger()
    p = Panel(B)
    t = g.type(rng.choice((MONO, PRINT)), B)
    who = g.who(0.25)
    born = g.birth()
    name = who.formal() if rng.random() < 0.6 else up(who.full())
    scot = rng.random() < 0.2
    ids = g.chi(born) if scot else g.nhs()
    lines: list[Line | None] = [
        (name, g.type(BOLD, B), (10, 10, 10), "left"),
        (
            dc(rng.choice(("DOB:", "D.O.B.", "Born")))
            + g.dob(born)
            + dc(rng.choice(("M", "Male") if who.title == "Mr" else ("F", "Female")), "sex"),
            t,
            (10, 10, 10),
            "left",
        ),
        (dc("CHI:" if scot else rng.choice(("NHS:", "NHS No", "NHS No.")), "field label") + ids, t, (10, 10, 10), "left"),
        (dc(rng.choice(("Hosp No:", "MRN:", "Unit No")), "field label") + g.hosp(), t, (10, 10, 10), "left"),
    ]
    if rng.random() < 0.5:
        lines.append(
            (
                dc(
                    f"Ward {rng.choice(('7', '12', '3B', 'Elm', 'Ash'))} Adm {rng.randint(1, 28):02d}/{rng.randint(1, 12):02d}/26",
                    "on a wristband",
                ),
                t,
                (10, 10, 10),
                "left",
            )
        )
    y = stack(p, lines, 150, 20, lead=1.3)
    bar(p, rng, 150, y + 4, B * 1.2, 30)
    allergy = rng.random() < 0.4
    band = (200, 30, 40) if allergy else (250, 250, 252)

    def paint(img: Image.Image, inner: tuple[int, int, int, int]) -> None:
        d = ImageDraw.Draw(img)
        W, H = img.size
        d.rounded_rectangle([0, 0, W - 1, H - 1], radius=int(H * 0.2), fill=(*band, 255))
        d.rectangle([inner[0] - 16, 8, inner[2] + 16, H - 9], fill=(255, 255, 255, 255))
        for k in range(3):  # the snap holes
            d.ellipse([20 + k * 34, H / 2 - 9, 38 + k * 34, H / 2 + 9], fill=(180, 180, 185, 255))

    fin = p.finish(paint, (170, 20, 150, 20), "wristband", (15, 24))
    if not allergy:
        return fin
    q = Panel(B)  # the allergy label on the red band, above the white one
    q.line(
        dc("ALLERGY:", "field label") + up(hl(rng.choice(ALLERGENS), "a named patient's allergy")), g.type(BOLD, B), 10, 10, (255, 255, 255)
    )
    tag = q.finish((200, 30, 40), 14, "wristband")
    outer = Panel(B)
    outer.stick(fin, 0, tag.img.size[1] + 6)
    outer.stick(tag, 150, 0)
    return outer.finish(clear, 4, "wristband", (15, 24))


def meal_ticket(g: G3) -> Finished:
    """A ward meal-tray ticket: bay and bed, patient, diet, allergies, today's choice."""
    rng, B = g.rng, g.bigger()
    p = Panel(B)
    t, tb = g.type(rng.choice((PRINT, MONO)), B), g.type(BOLD, B)
    who = g.who(0.25)
    colour = rng.choice(((30, 120, 60), (200, 120, 20), (40, 80, 170)))
    diet = g.pick(DIETS)
    lines: list[Line | None] = [
        (
            dc(f"{rng.choice(('Lunch', 'Supper', 'Breakfast'))} - Ward {rng.choice(('4', '9', '21', 'B2'))}", "on a patient's tray ticket"),
            tb,
            (255, 255, 255),
            "left",
        ),
        (dc(f"Bay {rng.randint(1, 6)} Bed {rng.randint(1, 30)}", "a hospital bed"), t, (20, 20, 20), "left"),
        (rng.choice((who.titled_full, who.initial, who.full))(), tb, (20, 20, 20), "left"),
        (dc("Diet:", "field label") + diet, t, (20, 20, 20), "left"),
        (
            dc("Allergies:", "field label")
            + (
                hl(rng.choice(ALLERGENS), "a named patient's allergy")
                if rng.random() < 0.6
                else dc("None known", "on a patient's tray ticket")
            ),
            t,
            (20, 20, 20),
            "left",
        ),
        (
            dc(rng.choice(("Main:", "Choice:")), "field label")
            + dc(
                rng.choice(("Fish pie", "Chicken casserole", "Vegetable korma", "Macaroni cheese", "Beef stew")),
                "on a patient's tray ticket",
            ),
            t,
            (20, 20, 20),
            "left",
        ),
    ]
    if rng.random() < 0.4:  # the patient label on the ticket
        lines.insert(3, (dc("DOB", "field label") + g.dob() + dc("Hosp no", "field label") + g.hosp(), t, (20, 20, 20), "left"))
    if rng.random() < 0.4:
        lines.append(
            (
                dc("Needs:", "field label")
                + hl(
                    rng.choice(("assistance to eat", "adapted cutlery", "red tray - help to eat", "plate guard")), "a named patient's care"
                ),
                t,
                (20, 20, 20),
                "left",
            )
        )
    stack(p, lines, 30, 30, lead=1.45)

    def paint(img: Image.Image, _inner: tuple[int, int, int, int]) -> None:
        d = ImageDraw.Draw(img)
        W, H = img.size
        d.rectangle([0, 0, W - 1, H - 1], fill=(255, 255, 255, 255), outline=(*colour, 255), width=4)
        d.rectangle([0, 0, W - 1, int(30 + B * 1.25)], fill=(*colour, 255))

    return p.finish(paint, (30, 20, 40, 30), "meal_ticket", (15, 24))


def fluid_chart(g: G3) -> Finished:
    """A food and fluid chart clipped to a bedroom door: who, room, target, thickener, the day's drinks."""
    rng, B = g.rng, g.bigger()
    p = Panel(B)
    t, tb, hand = g.type(PRINT, B), g.type(BOLD, int(B * 1.2)), biro(g, B)
    who = g.who(0.2)
    room = str(rng.randint(1, 48))
    head: list[Line | None] = [
        (
            dc(rng.choice(("Food & Fluid Chart", "FLUID INTAKE CHART", "Fluid balance record")), "on a chart about one person"),
            tb,
            (20, 20, 20),
            "left",
        ),
        (
            dc("Name:", "field label") + who.full() + dc("Room", "room word") + T(room, ADDR, "room number of a named resident"),
            t,
            (20, 20, 20),
            "left",
        ),
        *(
            [(dc(rng.choice(("DOB", "D.O.B.", "Born:")), "field label") + g.dob() + g.nhs(label=True), t, (20, 20, 20), "left")]
            if rng.random() < 0.5
            else []
        ),
        (
            dc("Daily target:", "field label")
            + hl(rng.choice(("1500ml", "1.6 litres", "2000 ml", "1200ml")), "a named person's treatment")
            + dc(rng.choice(("Date:", "Day:")), "field label")
            + dc(g.date(), "a date"),
            t,
            (20, 20, 20),
            "left",
        ),
    ]
    if rng.random() < 0.6:
        head.append(
            (
                dc("Fluids:", "field label")
                + hl(
                    rng.choice(("Level 2 mildly thick", "Level 1 slightly thick", "Level 3 moderately thick")), "a named person's thickener"
                ),
                t,
                (150, 20, 30),
                "left",
            )
        )
    y = stack(p, head, 30, 30, lead=1.45)
    col = ink(g)
    total = 0
    for when in g.clocks(rng.randint(3, 5), (7, 8), (60, 180)):
        ml = rng.choice((50, 100, 150, 180, 200, 250))
        total += ml
        drink = rng.choice(("tea", "water", "squash", "coffee", "milk", "soup", "jelly", "Fortisip"))
        row = (
            dc(when, "on a chart about one person")
            + dc(drink, "on a chart about one person")
            + dc(f"{ml}ml", "on a chart about one person")
            + [(rng.choice(("JB", "AK", "SM", "RO", "TT")), EITHER, "staff initials")]
        )
        if drink == "Fortisip":
            row[1] = (drink, HEALTH, "a named person's supplement")
        p.line(row, hand, 40, y, col)
        y += B * 1.5
    p.line(dc("Total", "on a chart about one person") + dc(f"{total}ml", "on a chart about one person"), hand, 40, y, col)
    return p.finish(rng.choice(PAPER), 40, "fluid_chart", (15, 26))


def message_in_bottle(g: G3) -> Finished:
    """The "Message in a Bottle" form kept in the fridge: name, birth date, medicines, allergies, next of kin, GP."""
    rng, B = g.rng, g.bigger()
    p = Panel(B)
    t, hand = g.type(PRINT, B), biro(g, B)
    col = ink(g)
    who, kin = g.who(0.25), g.who(0.3)
    p.line(dc("Message in a Bottle", "on a form about one person"), g.type(BOLD, int(B * 1.4)), 30, 20, (20, 120, 60))
    p.line(dc("Lions Club - keep in the fridge", "on a form about one person"), t, 30, 20 + B * 1.9, (60, 60, 60))
    y = 20 + B * 3.6
    rows: list[tuple[str, list[Tok]]] = [
        ("Name", who.full()),
        ("Date of birth", g.dob()),
        ("NHS number", g.nhs()),
        ("Medical conditions", g.pick(CONDITIONS)),
        ("Medication", g.med()),
        ("Allergies", hl(rng.choice(ALLERGENS), "a named person's allergy")),
        ("Next of kin", kin.first() + dc(f"({rng.choice(('son', 'daughter', 'niece', 'neighbour', 'friend'))})", "relationship")),
        ("Phone", g.phone()),
        *([("Email", g.email(kin))] if rng.random() < 0.4 else []),
        (
            "GP",
            dc(rng.choice(("Dr", "Drs")), "title")
            + T(g.who(0.0).family, NAME, "a doctor's name")
            + dc(rng.choice(("Ings Road Surgery", "Park Medical Practice", "The Health Centre")), "the surgery"),
        ),
    ]
    for label, value in rows:
        p.line(dc(label, "field label"), t, 30, y, (20, 20, 20))
        p.line(value, hand, 30 + B * 8.5, y - B * 0.15, col)
        p.hline(30 + B * 8.3, 30 + B * 22, y + B * 1.15, (160, 160, 160), 2)
        y += B * 1.7
    return p.finish(solid((255, 255, 255), (20, 120, 60), 6), 35, "message_in_bottle", (15, 24))


def envelope(g: G3) -> Finished:
    """A letter envelope: addressee and private address; a hospital or council return address and a reference."""
    rng, B = g.rng, g.bigger()
    p = Panel(B)
    handwritten = rng.random() < 0.35
    t = biro(g, int(B * 1.1)) if handwritten else g.type(rng.choice((PRINT, MONO)), B)
    col = ink(g) if handwritten else (20, 20, 20)
    who = g.who(0.22)
    lines: list[Line | None] = []
    if not handwritten and rng.random() < 0.7:
        lines.append(
            (
                up(
                    dc(
                        rng.choice(("Private and confidential", "Addressee only", "Urgent - appointment enclosed")),
                        "on an envelope to one person",
                    )
                ),
                g.type(BOLD, B),
                (20, 20, 20),
                "left",
            )
        )
        if rng.random() < 0.5:
            lines.append((dc("Our ref:", "field label") + g.hosp(), t, (20, 20, 20), "left"))
        if rng.random() < 0.4:  # a hospital letter's window shows the patient's numbers
            lines.append((dc("DOB:", "field label") + g.dob() + g.nhs(label=True), t, (20, 20, 20), "left"))
        lines.append(None)
    lines.append((rng.choice((lambda: who.initial(True), who.titled_full, who.full))(), t, col, "left"))
    for ln in g.address(one_line=False):
        lines.append((ln, t, col, "left"))
    stack(p, lines, 480, 260, lead=1.35)
    p.rect((30, 20, 250, 60), fill=(250, 250, 250))  # keep the top-left corner in the panel for the return address
    p.line(
        dc(rng.choice(("If undelivered return to:", "Return address:")), "on an envelope")
        + dc(rng.choice(("Calderdale Royal Hospital", "Oldham Council", "DWP", "Pennine Care NHS")), "the sender"),
        g.type(PRINT, int(B * 0.7)),
        30,
        25,
        (60, 60, 60),
    )
    stamp = rng.choice(("2nd", "1st", "Postage paid GB"))
    sx = p.extent[2] + 40
    p.rect(
        (sx, 30, sx + B * 3.2, 30 + B * 3.6),
        fill=(170, 30, 60) if stamp != "Postage paid GB" else (255, 255, 255),
        outline=(20, 20, 20),
        width=2,
    )
    p.line(
        dc(stamp, "a stamp"),
        g.type(BOLD, int(B * 0.8)),
        sx + 10,
        30 + B * 1.2,
        (255, 255, 255) if stamp != "Postage paid GB" else (20, 20, 20),
    )
    return p.finish(rng.choice(((250, 248, 240), (238, 220, 180), (255, 255, 255))), 30, "envelope", (15, 26))


def laundry_tags(g: G3) -> Finished:
    """Sewn-in name tapes on folded clothes from the laundry, and the laundry basket's label."""
    rng, B = g.rng, g.bigger()
    p = Panel(B)
    x = 20.0
    for _ in range(rng.randint(2, 4)):
        tag = Panel(B)
        who = g.who(0.2)
        toks = who.tape() if rng.random() < 0.6 else up(who.full())
        if rng.random() < 0.6:
            toks += [
                (rng.choice(("RM", "Rm", "ROOM")), EITHER, "room word"),
                (str(rng.randint(1, 60)), ADDR, "room number of a named resident"),
            ]
        tag.line(toks, g.type(rng.choice((BOLD, MONO)), B), 10, 8, rng.choice(((180, 20, 40), (20, 40, 140), (20, 20, 20))))
        fin = tag.finish((252, 252, 250), 10, "laundry_tag")
        cloth = Panel(B)
        cloth.stick(fin, 30, 30, rng.uniform(-6, 6))
        cf = cloth.finish(
            textured(rng.choice(((120, 140, 190), (200, 190, 170), (90, 90, 100), (190, 120, 150))), rng.randrange(1 << 30), 10),
            (30, 30, 80, 60),
            "laundry_tag",
        )
        box = p.stick(cf, x, 40 + rng.uniform(0, 60))
        x = box[2] + 20
    lab = Panel(B)
    lab.line(
        ok(rng.choice(("Laundry - Wednesday & Saturday", "Clean laundry - please put away", "Ironing done Monday"))),
        marker(g, B),
        10,
        10,
        ink(g),
    )
    p.stick(lab.finish((255, 255, 255), 14, "laundry_tag"), 30, p.extent[3] + 20)
    return p.finish(textured((175, 150, 110), rng.randrange(1 << 30), 12), 20, "laundry_tags", (15, 26))


def dashboard(g: G3) -> Finished:
    """A blue badge and a pay-and-display ticket behind a windscreen."""
    rng, B = g.rng, g.bigger()
    p = Panel(B)
    badge = Panel(B)
    bt = g.type(BOLD, B)
    badge.line(dc(rng.choice(("Disabled person's parking badge", "Blue Badge")), "on a card about one person"), bt, 20, 15, (255, 255, 255))
    badge.rect((20, 20 + B * 1.7, 20 + B * 2.4, 20 + B * 4.1), fill=(255, 255, 255), radius=6)  # the wheelchair sign's square
    serial = f"{rng.choice(('KC', 'BR', 'LS', 'MN', 'CF'))}{rng.randint(10, 99)} {rng.randint(1000, 9999)} {rng.randint(1000, 9999)}"
    badge.line(T(serial, ID, "blue badge number"), g.type(MONO, B), 30 + B * 2.6, 20 + B * 2.0, (255, 255, 255))
    badge.line(
        dc(f"Expiry {rng.randint(1, 12):02d}/{rng.randint(26, 29)}", "on a card about one person"),
        g.type(PRINT, B),
        30 + B * 2.6,
        20 + B * 3.4,
        (255, 255, 255),
    )
    badge.line(
        dc(rng.choice(("Calderdale Council", "Kirklees", "City of Edinburgh", "Cardiff Council")), "issuer"),
        g.type(PRINT, int(B * 0.8)),
        20,
        20 + B * 5.0,
        (220, 230, 255),
    )
    bf = badge.finish(solid((20, 70, 160), radius=14), 20, "blue_badge")
    tick = Panel(B)
    tm = g.type(MONO, B)
    rows: list[Line | None] = [
        (ok(rng.choice(("PAY & DISPLAY", "Pay and Display"))), g.type(BOLD, B), (20, 20, 20), "left"),
        (ok(rng.choice(("Hospital car park", "Town Hall car park", "Station Road car park", "Leisure centre"))), tm, (20, 20, 20), "left"),
        (ok(f"Paid {g.money(1, 6)}"), tm, (20, 20, 20), "left"),
        (ok(f"Expires {g.clock()} {rng.randint(1, 28)} {rng.choice(MONTHS)[:3].upper()}"), tm, (20, 20, 20), "left"),
    ]
    if rng.random() < 0.8:
        rows.append((dc(rng.choice(("Vehicle:", "VRM", "Reg")), "field label") + g.plate(), tm, (20, 20, 20), "left"))
    rows.append((ok("Display this side up"), g.type(PRINT, int(B * 0.8)), (20, 20, 20), "left"))
    stack(tick, rows, 15, 15, lead=1.35)
    tf = tick.finish((255, 250, 200), 18, "pay_display")
    a = p.stick(bf, 30, 30, rng.uniform(-5, 5))
    p.stick(tf, a[2] + 40, 30 + rng.uniform(0, 40), rng.uniform(-6, 6))
    return p.finish(textured((40, 40, 45), rng.randrange(1 << 30), 6), 30, "dashboard", (16, 26))


def theatre_ticket(g: G3) -> Finished:
    """A theatre ticket: the show, the seat, the price; sometimes who booked it."""
    rng, B = g.rng, g.bigger()
    p = Panel(B)
    t = g.type(rng.choice((PRINT, MONO)), B)
    show = rng.choice(
        (
            "Calendar Girls",
            "Blood Brothers",
            "The Mousetrap",
            "Joseph and the Amazing Technicolor Dreamcoat",
            "Cinderella - the panto",
            "Sister Act",
            "Brassed Off",
            "Summer Holiday",
            "An Inspector Calls",
        )
    )
    lines: list[Line | None] = [
        (
            ok(rng.choice(("Victoria Theatre", "The Grand", "Alhambra Theatre", "Theatre Royal", "Lyceum"))),
            g.type(BOLD, B),
            (120, 20, 40),
            "left",
        ),
        (ok(show), g.type(BOLD, int(B * 1.2)), (20, 20, 20), "left"),
        (ok(f"{g.date()} {rng.choice(('2.30pm', '7.30pm', '19:30', '14:30'))}"), t, (20, 20, 20), "left"),
        (
            ok(f"{rng.choice(('Stalls', 'Dress Circle', 'Upper Circle'))} Row {rng.choice('ABCDEFGHJK')} Seat {rng.randint(1, 40)}"),
            t,
            (20, 20, 20),
            "left",
        ),
        (ok(f"Adult {g.money(14, 45)}"), t, (20, 20, 20), "left"),
    ]
    if rng.random() < 0.5:
        who = g.who(0.3)
        lines.append((dc(rng.choice(("Booked by", "Customer:")), "field label") + who.initial(True), t, (20, 20, 20), "left"))
    if rng.random() < 0.3:
        lines.append(
            (dc(rng.choice(("Wheelchair space", "Hearing loop seat", "Essential companion")), "access note"), t, (20, 20, 20), "left")
        )
    y = stack(p, lines, 30, 25, lead=1.4)
    bar(p, rng, 30, y, B * 1.3, 32)
    return p.finish(solid((250, 245, 230), (120, 20, 40), 5, 10), (30, 25, 80, 25), "theatre_ticket", (15, 24))


# ----------------------------------------------------------------------------- on the walls of a home or a day centre


def fire_notice(g: G3) -> Finished:
    """A fire action notice: what to do, the assembly point, this week's fire wardens; sometimes who needs help to get out."""
    rng, B = g.rng, g.bigger()
    p = Panel(B)
    t, tb = g.type(PRINT, B), g.type(BOLD, int(B * 1.5))
    lines: list[Line | None] = [
        (ok("FIRE ACTION"), tb, (255, 255, 255), "left"),
        None,
        (ok("If you discover a fire"), g.type(BOLD, B), (20, 20, 20), "left"),
        *[
            (ok(s), t, (20, 20, 20), "left")
            for s in rng.sample(
                (
                    "Raise the alarm at the nearest call point",
                    "Do not use the lift",
                    "Close doors behind you",
                    "Do not stop to collect belongings",
                    "Call 999 and ask for the fire service",
                    "Do not re-enter the building",
                ),
                3,
            )
        ],
        (
            ok("Assembly point:")
            + ok(rng.choice(("front car park", "by the rose bed", "the bottom of the drive", "the bowling green", "the front gate"))),
            g.type(BOLD, B),
            (0, 110, 60),
            "left",
        ),
        (ok(f"Fire alarm tested every {rng.choice(DAYS[:5])} at {rng.choice(('10am', '11am', '2pm', '11:30'))}"), t, (20, 20, 20), "left"),
    ]
    wardens = [g.who(0.3) for _ in range(rng.randint(1, 3))]
    row: list[Tok] = ok(rng.choice(("Fire wardens this week:", "Fire marshal on duty:")))
    for i, w in enumerate(wardens):
        row += (w.first() if rng.random() < 0.6 else w.full()) + ([("&", EITHER, "")] if i < len(wardens) - 1 else [])
    lines.append((row, t, (20, 20, 20), "left"))
    if rng.random() < 0.35:  # a car in the way of the fire exit
        lines.append((ok("Car") + g.plate() + ok("please do not park by the fire exit"), t, (150, 20, 30), "left"))
    if rng.random() < 0.45:
        lines.append((ok("Residents who need help to leave:"), g.type(BOLD, B), (150, 20, 30), "left"))
        for _ in range(rng.randint(1, 3)):
            r = g.who(0.25)
            lines.append(
                (
                    [("Room", EITHER, "room word"), (str(rng.randint(1, 40)), ADDR, "room number of a named resident")]
                    + rng.choice((r.titled, r.full, r.first))()
                    + [("-", EITHER, "")]
                    + g.pick(MOBILITY),
                    t,
                    (20, 20, 20),
                    "left",
                )
            )
    stack(p, lines, 30, 25, lead=1.45)
    head_h = int(25 + B * 2.0)

    def paint(img: Image.Image, _inner: tuple[int, int, int, int]) -> None:
        d = ImageDraw.Draw(img)
        W, H = img.size
        d.rectangle([0, 0, W - 1, H - 1], fill=(255, 255, 255, 255), outline=(200, 20, 30, 255), width=6)
        d.rectangle([0, 0, W - 1, head_h], fill=(200, 20, 30, 255))

    return p.finish(paint, (30, 25, 40, 30), "fire_notice", (15, 26))


def wifi_card(g: G3) -> Finished:
    """The guest wifi card at reception."""
    rng, B = g.rng, g.bigger()
    p = Panel(B)
    t = g.type(PRINT, B)
    home = rng.choice(("Meadowview", "Rosehill", "Sunnybank", "Greenacres", "Hollybush", "Cedar Lodge"))
    pw = rng.choice(("bluebell", "sunflower", "teatime", "dandelion", "robin")) + str(rng.randint(10, 2026))
    lines: list[Line | None] = [
        (ok(rng.choice(("Free Guest WiFi", "WiFi for visitors", "Guest Wi-Fi"))), g.type(BOLD, int(B * 1.4)), (20, 80, 160), "centre"),
        (ok("Network:") + dc(f"{home}-Guest", "the home's own name"), t, (20, 20, 20), "centre"),
        (ok("Password:") + dc(pw, "a password"), g.type(MONO, B), (20, 20, 20), "centre"),
        (
            ok(
                rng.choice(
                    (
                        "Hope you enjoy your visit!",
                        "Please ask a member of staff if you need help",
                        "Sunny days: why not sit in the garden?",
                        "Tea and coffee in the lounge from 10am",
                    )
                )
            ),
            t,
            (80, 80, 80),
            "centre",
        ),
    ]
    stack(p, lines, 30, 30, lead=1.6)
    return p.finish(solid((255, 255, 255), (20, 80, 160), 4, 18), 35, "wifi_card", (15, 28))


def minibus_run(g: G3) -> Finished:
    """The day centre's minibus pick-up list: driver, vehicle, and who is collected where, with their mobility aids."""
    rng, B = g.rng, g.bigger()
    p = Panel(B)
    t = g.type(rng.choice((PRINT, MONO)), B)
    driver = g.who(0.25)
    lines: list[Line | None] = [
        (ok(f"Minibus pick-ups - {rng.choice(DAYS[:5])}"), g.type(BOLD, int(B * 1.3)), (20, 20, 20), "left"),
        (ok("Driver:") + driver.first() + ok("Vehicle:") + g.plate(), t, (20, 20, 20), "left"),
    ]
    for when in g.clocks(rng.randint(2, 4), (8, 9), (10, 25)):
        who = g.who(0.22)
        row = ok(when) + rng.choice((who.titled, who.titled_full, who.full))() + [("-", EITHER, "")] + g.street()
        if rng.random() < 0.6:
            row += [("-", EITHER, "")] + g.pick(MOBILITY)
        lines.append((row, t, (20, 20, 20), "left"))
    lines.append(
        (
            ok(rng.choice(("If nobody answers ring the office", "Back at the centre by 10.15", "Return trip leaves at 3pm"))),
            t,
            (20, 20, 20),
            "left",
        )
    )
    if rng.random() < 0.5:
        lines.append((ok("Driver's mobile") + g.mobile(), t, (20, 20, 20), "left"))
    stack(p, lines, 30, 30, lead=1.45)
    return p.finish(rng.choice(PAPER), 35, "minibus_run", (15, 24))


def hairdresser_list(g: G3) -> Finished:
    """The visiting hairdresser's list: times, residents and their rooms, what each is having, prices."""
    rng, B = g.rng, g.bigger()
    p = Panel(B)
    hand, col = biro(g, B), ink(g)
    lines: list[Line | None] = [
        (ok(f"Hairdresser {rng.choice(DAYS)}"), marker(g, int(B * 1.3)), col, "left"),
    ]
    for when in g.clocks(rng.randint(3, 5), (9, 10), (30, 45)):
        who = g.who(0.3)
        row = ok(when) + rng.choice((who.first, who.titled, who.full))()
        if rng.random() < 0.6:
            row += [(rng.choice(("Rm", "rm")), EITHER, "room word"), (str(rng.randint(1, 50)), ADDR, "room number of a named resident")]
        row += ok(rng.choice(("wash and set", "trim", "cut and blow dry", "perm", "shampoo", "colour", "beard trim")))
        lines.append((row, hand, col, "left"))
    lines.append(
        (ok(rng.choice(("Wash and set 12 pounds", "Please have ladies ready in the lounge", "Next visit in two weeks"))), hand, col, "left")
    )
    stack(p, lines, 30, 30, lead=1.5)
    return p.finish(rng.choice(PAPER), 35, "hairdresser_list", (15, 26))


def certificate(g: G3) -> Finished:
    """A certificate "awarded to" a resident or member of staff, signed by the manager."""
    rng, B = g.rng, g.bigger()
    p = Panel(B)
    who, boss = g.who(0.35), g.who(0.2)
    lines: list[Line | None] = [
        (
            ok(rng.choice(("Certificate of Achievement", "Certificate of Appreciation", "Star of the Month"))),
            g.type(BOLD, int(B * 1.6)),
            (120, 90, 20),
            "centre",
        ),
        (ok(rng.choice(("This certificate is awarded to", "Presented to", "Awarded to"))), g.type(PRINT, B), (40, 40, 40), "centre"),
        (rng.choice((who.full, who.first))(), g.type(rng.choice((HAND, BOLD)), int(B * 1.8)), (20, 30, 90), "centre"),
        (
            ok(
                rng.choice(
                    (
                        "for walking 100 miles in the garden",
                        "for the best hanging basket",
                        "for the Dawn Chorus walk",
                        "for kindness and a lovely smile",
                        "for winning the Victoria sponge bake-off",
                        "for ten years' service",
                        "for the best Christmas jumper",
                    )
                )
            ),
            g.type(PRINT, B),
            (40, 40, 40),
            "centre",
        ),
        (ok(f"Presented on {g.date()}"), g.type(PRINT, B), (40, 40, 40), "centre"),
        None,
        (
            ok("Signed") + boss.full() + ok(rng.choice(("Manager", "Activities Coordinator", "Chair of Trustees"))),
            g.type(PRINT, int(B * 0.9)),
            (40, 40, 40),
            "centre",
        ),
    ]
    stack(p, lines, 60, 60, lead=1.55)
    return p.finish(solid((252, 248, 232), (160, 120, 30), 10), 60, "certificate", (16, 30))


def leaving_card(g: G3) -> Finished:
    """The inside of a leaving (or retirement) card full of handwritten messages."""
    rng, B = g.rng, g.bigger()
    p = Panel(B)
    leaver = g.who(0.4)
    col = ink(g)
    p.line(
        ok(rng.choice(("Good luck", "Sorry you're leaving", "Happy retirement"))) + leaver.first() + ok("!"),
        marker(g, int(B * 1.4)),
        30,
        20,
        col,
    )
    y = 20 + B * 2.4
    msgs = (
        "Good luck in your new job",
        "We will miss you",
        "Enjoy the sunny beaches",
        "Thanks for all the laughs",
        "Don't be a stranger",
        "Best wishes for the future",
        "Keep in touch",
        "Enjoy every minute",
        "All the best",
        "Hope to see you at the May fair",
    )
    for _ in range(rng.randint(3, 5)):
        w = g.who(0.4)
        hand = biro(g, B)
        c = ink(g)
        x = p.line(ok(rng.choice(msgs)), hand, 40 + rng.uniform(0, 120), y, c)
        sign = rng.choice(
            (
                ok("love") + w.first() + ok("x"),
                ok("from") + w.first(),
                [("-", EITHER, "")] + w.first() + ok("xx"),
                ok("Cheers,") + w.first(),
            )
        )
        if rng.random() < 0.5:  # signed at the end of the message, or on the line under it
            p.line(sign, hand, x + B * 0.8, y, c)
        else:
            p.line(sign, hand, 60 + rng.uniform(0, 200), y + B * 1.4, c)
        y += B * rng.uniform(3.0, 3.6)
        if rng.random() < 0.3:  # a leaver's colleague leaves their own address
            p.line(ok("Keep in touch:") + g.email(w), hand, 40 + rng.uniform(0, 80), y, c)
            y += B * 1.7
    return p.finish(rng.choice(((255, 255, 255), (250, 245, 235), (235, 245, 255))), 40, "leaving_card", (15, 26))


def wall_calendar(g: G3) -> Finished:
    """A resident's wall calendar for the month with appointments, birthdays and bills written in."""
    rng, B = g.rng, g.bigger()
    p = Panel(int(B * 0.9))
    m = rng.randint(0, 11)
    p.line(ok(f"{MONTHS[m]} 2026"), g.type(BOLD, int(B * 1.5)), 20, 10, (20, 20, 20))
    cw, ch = B * 5.2, B * 3.0
    y0 = 10 + B * 2.4
    head = g.type(BOLD, int(B * 0.7))
    for i, d in enumerate(("Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun")):
        p.line(ok(d), head, 20 + i * cw + 6, y0, (120, 20, 30))
    y0 += B * 1.1
    start = rng.randint(0, 6)
    num = g.type(PRINT, int(B * 0.6))
    hand = biro(g, int(B * 0.75))
    notes: list[list[Tok]] = [
        ok("Gas bill due"),
        ok("Bill due"),
        ok("Bins"),
        ok("Church"),
        ok("Hair 10am"),
        ok("Bingo"),
        ok("Pension"),
        ok("Library"),
        ok("Poppy Appeal"),
    ]
    cells = rng.sample(range(28), 6)
    used = 0
    for k in range(35):
        r, c = divmod(k, 7)
        x, y = 20 + c * cw, y0 + r * ch
        p.rect((x, y, x + cw, y + ch), outline=(150, 150, 150), width=2)
        day = k - start + 1
        if 1 <= day <= 28 + (m % 3):
            p.line(ok(str(day)), num, x + 6, y + 4, (90, 90, 90))
        if day - 1 in cells and used < 6:
            used += 1
            roll = rng.random()
            if roll < 0.3:
                who = g.who(0.4)
                doctor = [("Dr", EITHER, "title")] + T(who.family, NAME, "a doctor's name") + ok(rng.choice(("10.30", "2pm")))
                note = rng.choice((who.first() + ok("b'day"), who.first() + ok("for tea"), doctor, who.first() + ok("visiting")))
            elif roll < 0.55:
                note = rng.choice(
                    (
                        hl("Eye clinic", "a named person's care"),
                        hl("Bloods", "a named person's care"),
                        hl("Insulin review", "a named person's care"),
                        hl("Memory clinic", "a named person's care"),
                        hl("Chiropodist", "a named person's care"),
                        hl("Flu jab", "a named person's care"),
                        hl("Dentures fitted", "a named person's care"),
                    )
                )
            else:
                note = rng.choice(notes)
            # two words a line at most in a calendar box
            p.line(note[:2], hand, x + 6, y + B * 0.9, ink(g))
            if len(note) > 2:
                p.line(note[2:], hand, x + 6, y + B * 1.9, ink(g))
    return p.finish((255, 255, 255), (20, 20, 20, 20), "wall_calendar", (14, 22))


# ----------------------------------------------------------------------------- fundraising and keepsakes


def tombola(g: G3) -> Finished:
    """A tombola table's sign and prize tickets, some prizes with who gave them."""
    rng, B = g.rng, g.bigger()
    p = Panel(B)
    head = Panel(B)
    stack(
        head,
        [
            (ok("TOMBOLA"), g.type(BOLD, int(B * 1.6)), (200, 30, 60), "centre"),
            (ok(f"{rng.choice(('3', '5'))} tickets for {rng.choice(('£1', '£2'))}"), g.type(PRINT, B), (20, 20, 20), "centre"),
            (ok("Every ticket ending in 0 or 5 wins!"), g.type(PRINT, B), (20, 20, 20), "centre"),
        ],
        20,
        20,
    )
    hb = p.stick(head.finish((255, 255, 255), 20, "tombola"), 20, 20, rng.uniform(-3, 3))
    prizes = rng.sample(
        (
            "Bottle of rose wine",
            "Bath set",
            "Tin of Quality Street",
            "Box of Earl Grey",
            "Olive oil",
            "Pearl earrings",
            "Teddy bear",
            "Jar of honey",
            "Ruby wedding mug",
            "Hazelnut chocolates",
            "Bubble bath",
            "Shortbread tin",
            "Scented candle",
        ),
        4,
    )
    tags = []
    for prize in prizes:
        tag = Panel(B)
        toks = ok(prize) + ok(str(rng.randint(1, 60) * 5))
        tag.line(toks, biro(g, B), 10, 10, ink(g))
        if rng.random() < 0.35:
            w = g.who(0.35)
            tag.line(ok("given by") + w.full(), biro(g, int(B * 0.8)), 10, 10 + B * 1.4, ink(g))
        tags.append(tag.finish(rng.choice(((255, 240, 120), (255, 200, 220), (200, 240, 200))), 12, "tombola"))
    two_a_row(p, tags, hb[3] + 30, rng, 8)
    return p.finish(textured((40, 70, 150), rng.randrange(1 << 30), 10), 25, "tombola", (15, 26))


def raffle_stubs(g: G3) -> Finished:
    """Raffle ticket stubs filled in by hand with a name and phone number."""
    rng, B = g.rng, g.bigger()
    p = Panel(B)
    x = 20.0
    event = rng.choice(("Summer Fair Grand Draw", "Christmas Raffle", "Friends of the Day Centre Draw", "Spring Fayre Raffle"))
    for _ in range(rng.randint(2, 3)):
        s = Panel(B)
        t = g.type(PRINT, int(B * 0.8))
        n = rng.randint(1, 999)
        s.line(dc(f"No. {n:04d}", "on a stub with one person's details"), g.type(BOLD, B), 10, 10, (20, 20, 20))
        who = g.who(0.3)
        s.line(dc("Name", "field label"), t, 10, 10 + B * 1.6, (20, 20, 20))
        s.line(rng.choice((who.full, who.titled, who.first))(), biro(g, B), 10 + B * 3, 10 + B * 1.4, ink(g))
        mail = rng.random() < 0.3
        s.line(dc("Email" if mail else "Tel", "field label"), t, 10, 10 + B * 3.1, (20, 20, 20))
        s.line(g.email(who) if mail else g.phone(), biro(g, B), 10 + B * 3, 10 + B * 2.9, ink(g))
        s.line(dc(event, "on a stub with one person's details"), t, 10, 10 + B * 4.6, (20, 20, 20))
        s.line(
            dc(f"Tickets {rng.choice(('£1', '50p', '£2'))} each", "on a stub with one person's details"), t, 10, 10 + B * 5.8, (20, 20, 20)
        )
        col = rng.choice(((255, 230, 120), (150, 220, 255), (255, 170, 190), (190, 240, 170)))
        b = p.stick(s.finish(col, 14, "raffle_stub"), x, 20 + rng.uniform(0, 30), rng.uniform(-5, 5))
        x = b[2] + 25
    return p.finish(textured((200, 200, 195), rng.randrange(1 << 30), 6), 20, "raffle_stubs", (15, 26))


def craft_tags(g: G3) -> Finished:
    """Kraft-paper price tags on a craft stall; some say who made the thing."""
    rng, B = g.rng, g.bigger()
    p = Panel(B)
    items = rng.sample(
        (
            "Knitted tea cosy",
            "Lavender bags",
            "Rose hip syrup",
            "Crocheted coasters",
            "Damson jam",
            "Holly wreath",
            "Painted pebbles",
            "Olive wood spoon",
            "Knitted poppies",
            "Sunny lemon curd",
            "Bird box",
            "Felt robins",
            "Pearl bracelet",
            "Amber beads",
            "Patchwork cushion",
        ),
        rng.randint(3, 4),
    )
    tags = []
    for it in items:
        tag = Panel(B)
        hand = biro(g, B)
        tag.line(ok(it), hand, 30, 10, (30, 30, 30))
        tag.line(
            ok(plain_hand(g.money(1, 12)) if rng.random() < 0.3 else f"{rng.randint(1, 15)}.{rng.choice(('00', '50'))}"),
            hand,
            30,
            10 + B * 1.4,
            (30, 30, 30),
        )
        if rng.random() < 0.5:
            w = g.who(0.45)
            tag.line(ok("made by") + w.first(), biro(g, int(B * 0.85)), 30, 10 + B * 2.8, (30, 30, 30))
        tags.append(tag.finish(solid((205, 170, 120), radius=10), 12, "craft_tag"))
    two_a_row(p, tags, 20, rng, 10)
    return p.finish(textured((230, 225, 215), rng.randrange(1 << 30), 5), 20, "craft_tags", (15, 26))


def plaque(g: G3) -> Finished:
    """A brass plaque on a memorial bench, or the engraving on a club trophy."""
    rng, B = g.rng, g.bigger()
    p = Panel(B)
    t = g.type(rng.choice((BOLD, ("DejaVuSerif.ttf", "DejaVuSerif-Bold.ttf"))), B)
    who = g.who(0.35)
    if rng.random() < 0.5:
        born = rng.randint(1925, 1950)
        lines: list[Line | None] = [
            (ok(rng.choice(("In loving memory of", "In memory of", "Remembering"))), t, (60, 40, 10), "centre"),
            (up(who.full()) if rng.random() < 0.5 else who.full(), g.type(BOLD, int(B * 1.3)), (60, 40, 10), "centre"),
            (dc(f"{born} - {born + rng.randint(60, 95)}", "years on a memorial"), t, (60, 40, 10), "centre"),
            (
                ok(
                    rng.choice(
                        (
                            "who loved this garden",
                            "Sit awhile and enjoy the view",
                            "Forever in our hearts",
                            "who sat here every sunny afternoon",
                        )
                    )
                ),
                t,
                (60, 40, 10),
                "centre",
            ),
        ]
    else:
        lines = [
            (ok(rng.choice(("Moorside Bowls Club", "Crown Green League", "Darts League", "Allotment Society"))), t, (60, 40, 10), "centre"),
            (ok(rng.choice(("Ladies' Singles Champion", "Best in Show", "Players' Player", "Best Kept Plot"))), t, (60, 40, 10), "centre"),
            (ok(str(rng.randint(2015, 2026))) + who.full(), g.type(BOLD, B), (60, 40, 10), "centre"),
        ]
    stack(p, lines, 40, 30, lead=1.45)
    return p.finish(solid((200, 165, 80), (120, 90, 30), 6, 8), (50, 35, 50, 35), "plaque", (15, 26))


def card_list(g: G3) -> Finished:
    """A handwritten Christmas card list: names, addresses, and whether the card went."""
    rng, B = g.rng, g.bigger()
    p = Panel(B)
    col = ink(g)
    hand = biro(g, B)
    lines: list[Line | None] = [
        (ok(rng.choice(("Christmas cards 2026", "Xmas card list", "Cards to send"))), marker(g, int(B * 1.3)), col, "left")
    ]
    for _ in range(rng.randint(2, 4)):
        w = g.who(0.35)
        kin, partner = ok(rng.choice(("Auntie", "Uncle", "Cousin"))), g.who(0.3)
        name = rng.choice((kin + w.first(), w.full(), w.first() + ok("&") + partner.first(), w.titled()))
        # the kinship words are everyday words, but on this list they point at one person: either way
        name = on_card(name, "on a list of one household's contacts")
        roll = rng.random()
        if roll < 0.2:
            name += ok(rng.choice(("- sent", "- with photo", "- hand deliver")))
        elif roll < 0.4:
            name += ok("- ring instead") + g.phone()
        elif roll < 0.55:
            name += ok("- e-card") + g.email(w)
        lines.append((name, hand, col, "left"))
        for ln in g.address(one_line=rng.random() < 0.5)[:2]:
            lines.append((ln, hand, col, "left"))
    stack(p, lines, 30, 30, lead=1.4)
    return p.finish(rng.choice(PAPER), 35, "card_list", (15, 26))


# ----------------------------------------------------------------------------- out and about


def quiz_board(g: G3) -> Finished:
    """A pub chalkboard: the quiz night's team scores, the Sunday roast, opening hours."""
    rng, B = g.rng, g.bigger()
    p = Panel(B)
    t = marker(g, B)
    chalk = (235, 235, 228)
    teams = rng.sample(
        (
            "Les Quizerables",
            "The Pub Scouts",
            "Quiz Team Aguilera",
            "Universally Challenged",
            "The Know-It-Ales",
            "Bill and Ted",
            "Sunny Delights",
            "Rose and Crown B",
            "Dawn of the Dead Heads",
            "The Old Codgers",
        ),
        4,
    )
    lines: list[Line | None] = [
        (ok(rng.choice(("QUIZ NIGHT SCORES", "PUB QUIZ RESULTS"))), marker(g, int(B * 1.4)), (255, 220, 120), "left")
    ]
    for tm in teams:
        lines.append((ok(f"{tm} {rng.randint(18, 50)}"), t, chalk, "left"))
    lines += [
        (ok(f"Jackpot now {rng.randint(40, 300)} pounds"), t, (180, 230, 255), "left"),
        (
            ok(rng.choice(("Sunday roast from 12 till 4", "Curry night Thursday", "Fish Friday two for 18", "Quiz every Tuesday 8.30"))),
            t,
            chalk,
            "left",
        ),
    ]
    if rng.random() < 0.4:
        q = g.who(0.5)
        lines.append((ok("Quizmaster:") + q.first(), t, chalk, "left"))
    stack(p, lines, 40, 35, lead=1.5)
    return p.finish(textured((30, 34, 32), rng.randrange(1 << 30), 8, (90, 60, 30), 16), 40, "quiz_board", (16, 30))


def cinema_listing(g: G3) -> Finished:
    """A small cinema's listing board: films, times, prices, special screenings."""
    rng, B = g.rng, g.bigger()
    p = Panel(B)
    t = g.type(rng.choice((BOLD, PRINT)), B)
    films = rng.sample(
        (
            "The Railway Children",
            "Singin' in the Rain",
            "Brief Encounter",
            "Summer Holiday",
            "Hope and Glory",
            "Local Hero",
            "Whisky Galore!",
            "Chariots of Fire",
            "Amazing Grace",
            "Some Like It Hot",
            "The Full Monty",
            "Brassed Off",
            "A Night to Remember",
            "Dawn Patrol",
        ),
        4,
    )
    lines: list[Line | None] = [
        (
            ok(rng.choice(("NOW SHOWING", "This week at the Picture House", "Plaza Cinema"))),
            g.type(BOLD, int(B * 1.4)),
            (255, 210, 60),
            "centre",
        )
    ]
    for f in films:
        lines.append((ok(f"{f} {rng.choice(DAYS)[:3]} {rng.choice(('2.00', '5.30', '7.45', '11am'))}"), t, (250, 250, 250), "centre"))
    lines.append(
        (
            dc(rng.choice(("Dementia friendly screening", "Autism friendly screening")), "health words about nobody")
            + ok(f"{rng.choice(DAYS)} 11am"),
            t,
            (150, 230, 255),
            "centre",
        )
    )
    lines.append((ok(f"Adults {g.money(5, 9)} Concessions {g.money(3, 5)}"), t, (250, 250, 250), "centre"))
    stack(p, lines, 40, 35, lead=1.5)
    return p.finish(solid((20, 20, 30), (200, 160, 40), 8), 40, "cinema_listing", (16, 30))


def hymn_board(g: G3) -> Finished:
    """A church hymn board: hymn and psalm numbers, this week's flowers and sidesperson."""
    rng, B = g.rng, g.bigger()
    p = Panel(B)
    t = g.type(("DejaVuSerif-Bold.ttf", "DejaVuSans-Bold.ttf"), int(B * 1.5))
    y = 30.0
    p.line(ok(rng.choice(("HYMNS", "Hymns today"))), g.type(BOLD, B), 40, y, (240, 230, 200))
    y += B * 1.8
    for _ in range(rng.randint(3, 5)):
        p.rect((40, y - 6, 40 + B * 4.5, y + B * 1.6), fill=(20, 20, 20))
        p.line(ok(str(rng.randint(1, 700))), t, 50, y, (250, 250, 250))
        y += B * 2.2
    p.line(ok(f"Psalm {rng.randint(1, 150)}"), g.type(BOLD, B), 40, y, (240, 230, 200))
    y += B * 1.7
    small = g.type(PRINT, int(B * 0.8))
    if rng.random() < 0.7:
        a, b = g.who(0.4), g.who(0.4)
        p.line(ok("Flowers given by") + a.full(), small, 40, y, (240, 230, 200))
        p.line(ok("in memory of") + rng.choice((b.full, b.first))(), small, 40, y + B * 1.2, (240, 230, 200))
        y += B * 2.6
    if rng.random() < 0.6:
        s = g.who(0.4)
        p.line(ok("Sidesperson:") + s.full(), small, 40, y, (240, 230, 200))
    return p.finish(textured((90, 55, 30), rng.randrange(1 << 30), 14), 30, "hymn_board", (15, 28))


def newspaper(g: G3) -> Finished:
    """A local paper's front page: masthead, date, price, a headline about a resident, other stories."""
    rng, B = g.rng, g.bigger()
    p = Panel(B)
    who = g.who(0.35)
    age = rng.randint(95, 106)
    lines: list[Line | None] = [
        (
            ok(rng.choice(("Evening Courier", "Oldham Chronicle", "Llanelli Star", "Fife Free Press", "The Gazette"))),
            g.type(("DejaVuSerif-Bold.ttf",), int(B * 1.8)),
            (20, 20, 20),
            "left",
        ),
        (ok(f"{g.date()}  {rng.choice(('85p', '90p', '£1.20'))}"), g.type(PRINT, int(B * 0.8)), (60, 60, 60), "left"),
        (
            ok(
                rng.choice(
                    (f"Care home party as resident turns {age}", "Village celebrates its oldest resident", f"{age} and still dancing!")
                )
            ),
            g.type(BOLD, int(B * 1.5)),
            (20, 20, 20),
            "left",
        ),
        (
            rng.choice((who.full, who.first))()
            + ok(
                rng.choice(
                    (
                        "cut the cake with the family",
                        "was joined by the Mayor",
                        "says the secret is a daily walk",
                        "received a card from the King",
                    )
                )
            ),
            g.type(PRINT, B),
            (20, 20, 20),
            "left",
        ),
        *(
            [
                (
                    ok("who was born on") + g.dob() + ok("in") + ok(rng.choice(("Kingston", "Lagos", "Mirpur", "Gdansk", "Swansea"))),
                    g.type(PRINT, B),
                    (20, 20, 20),
                    "left",
                )
            ]
            if rng.random() < 0.5
            else []
        ),
        *(
            [(ok("Police appeal: silver car") + g.plate() + ok("seen on the ring road"), g.type(PRINT, B), (20, 20, 20), "left")]
            if rng.random() < 0.3
            else []
        ),
        (
            ok(
                rng.choice(
                    (
                        "Bin collections change in May",
                        "Sunny spells forecast all week",
                        "Bus fares frozen until June",
                        "Roadworks on the A629 until April",
                        "Frank talk on hospital parking",
                    )
                )
            ),
            g.type(BOLD, B),
            (20, 20, 20),
            "left",
        ),
    ]
    stack(p, lines, 30, 25, lead=1.4)
    return p.finish((238, 236, 228), 30, "newspaper", (15, 26))


def allotment_sign(g: G3) -> Finished:
    """An allotment site sign: a plot's holders, the site rules, the secretary's number."""
    rng, B = g.rng, g.bigger()
    p = Panel(B)
    t = g.type(PRINT, B)
    a = g.who(0.4)
    holders = a.full() if rng.random() < 0.5 else a.first() + [("&", EITHER, "")] + g.who(0.4).first() + T(a.family, NAME)
    lines: list[Line | None] = [
        (
            ok(rng.choice(("Riverside Allotments", "Moorside Allotment Society", "Hope Park Allotments"))),
            g.type(BOLD, int(B * 1.3)),
            (250, 250, 250),
            "left",
        ),
        (dc(f"Plot {rng.randint(1, 60)}", "a plot number") + holders, t, (250, 250, 250), "left"),
        *[
            (ok(s), t, (250, 250, 250), "left")
            for s in rng.sample(
                (
                    "Please close the gate",
                    "Rose garden this way",
                    "Bonfires only after 6pm",
                    "No dogs on the plots",
                    "Trading hut open Sundays 10 till 12",
                    "Water butts - please share",
                    "Seed swap in May",
                ),
                3,
            )
        ],
    ]
    if rng.random() < 0.6:
        s = g.who(0.3)
        lines.append((ok("Secretary:") + s.full() + (g.phone() if rng.random() < 0.6 else g.email(s)), t, (250, 250, 250), "left"))
    stack(p, lines, 30, 30, lead=1.45)
    return p.finish(solid((30, 90, 50), (240, 240, 240), 5, 6), 35, "allotment_sign", (15, 28))


def polling_notice(g: G3) -> Finished:
    """A polling station notice on the church hall door (nobody on it)."""
    rng, B = g.rng, g.bigger()
    p = Panel(B)
    t = g.type(PRINT, B)
    lines: list[Line | None] = [
        (ok("POLLING STATION"), g.type(BOLD, int(B * 1.6)), (255, 255, 255), "centre"),
        (
            ok(rng.choice(("Local elections", "Police and Crime Commissioner election", "Parish council by-election"))),
            t,
            (255, 255, 255),
            "centre",
        ),
        (ok(rng.choice(("Thursday 7 May 2026", "Thursday 6 May", "Thu 1 May 2026"))), g.type(BOLD, B), (255, 255, 255), "centre"),
        (ok("Open 7am to 10pm"), t, (255, 255, 255), "centre"),
        (ok(rng.choice(("Bring photo ID", "You need photo ID to vote", "Polling district EA2"))), t, (255, 255, 255), "centre"),
        (
            ok(rng.choice(("Entrance at the side by the car park", "Step-free access at the rear", "No dogs except assistance dogs"))),
            t,
            (255, 255, 255),
            "centre",
        ),
    ]
    stack(p, lines, 40, 40, lead=1.5)
    return p.finish(solid((100, 40, 130)), 40, "polling_notice", (15, 28))


LAYOUTS = {
    "wristband": wristband,
    "meal_ticket": meal_ticket,
    "fluid_chart": fluid_chart,
    "message_in_bottle": message_in_bottle,
    "envelope": envelope,
    "laundry_tags": laundry_tags,
    "dashboard": dashboard,
    "theatre_ticket": theatre_ticket,
    "fire_notice": fire_notice,
    "wifi_card": wifi_card,
    "minibus_run": minibus_run,
    "hairdresser_list": hairdresser_list,
    "certificate": certificate,
    "leaving_card": leaving_card,
    "wall_calendar": wall_calendar,
    "tombola": tombola,
    "raffle_stubs": raffle_stubs,
    "craft_tags": craft_tags,
    "plaque": plaque,
    "card_list": card_list,
    "quiz_board": quiz_board,
    "cinema_listing": cinema_listing,
    "hymn_board": hymn_board,
    "newspaper": newspaper,
    "allotment_sign": allotment_sign,
    "polling_notice": polling_notice,
}


# ----------------------------------------------------------------------------- the set


generate = blind.set_generator(
    LAYOUTS,
    G3,
    "_blindc",
    "Third blind set of care paperwork, signs and keepsakes (benchmarks/gen_text_blind3.py, seed {seed})",
    RESERVED_SEED,
)


def main(argv: list[str] | None = None) -> int:
    return blind.main(argv, make=generate, reserved=RESERVED_SEED, doc=__doc__)


if __name__ == "__main__":
    raise SystemExit(main())
