"""Generate a fourth blind test set of care-setting paperwork, boards and street scenes on real photos, in the format of ``text_pii``.

Written for issue #21 by someone who had not read the text rules (nothing
under ``src/mediascrub``), their tests, their word lists, the care-term lists
nor the README's section on them, and who never ran the classifier on this
set. Only the three earlier blind generators were read, for their machinery
(``gen_text_blind.py``'s panels, type, placement, label definitions and
command line; ``gen_text_blind2.py``'s line stacking and handwriting helpers;
``gen_text_blind3.py``'s ``Who``, barcode and seeded date and time makers,
all imported, not copied) and for the layouts they already draw, so that none
is drawn again here. The people, places, medicines and everyday words are this
file's own. Meant to be run **once**, by the coordinator, on the final code,
with the reserved seed 848484 (``bench_text_heldout.py --layouts blind4``); any
other seed is for looking at the generator only, and a figure from a second
run of 848484 is no longer blind.

Twenty-six layouts, each drawn as a panel and stuck onto a WIDER FACE
validation photo (``gen_text_blind.place``: perspective, tilt, lighting,
softening, sensor noise):

- about one person: a repeat prescription slip, a hospital appointment
  letter, a food bank voucher, a holiday postcard to a client's home, a
  carers' note on a client's front door (key safe, hearing, the dog), a funeral
  order of service;
- on a home's or day centre's walls: a bingo board with the players and their
  wins, a sports-day results board, a "you said, we did" board, a flu-jab list
  on a clipboard, the tea round on the kitchen cupboard, the staff Secret
  Santa list, a volunteers' thank-you board, a party table plan with tables
  named after flowers, a photo-booth frame, a word-search activity sheet;
- out and about: a pharmacy's shelf-edge labels, a restaurant receipt, a ward
  entrance sign, a street corner (name plate and bus-stop flag), a memory cafe
  poster, cards in a newsagent's window, a missing-cat poster, a "we're
  hiring" poster, a bin collection calendar, a GP surgery's waiting-room board.

Words that are also given names (Rose, May, Grace, Hope, Joy, Pat, Sandy,
Will, Bill, Frank, Art, Ivy, Pearl, Daisy, Iris, Holly, Blessing, Precious,
Patience, Gift, Prosper, Godswill ...) come both as people's names and in
plain positions ("Happy May Day", "Art club", "Will you help?", "sandy beach",
"pearl barley", "free gift", "Patience", "Rose table", "Grace before lunch",
"Pat-a-cake"); surnames that are words (Street, Hill, Lane, Green, Wood, Day,
Moon, Rich, Sharp, Bright, Field) come as names and some as words. People
come from many communities, some of their names in no common list.

Labels follow ``gen_text_blind.py``'s definitions (its docstring): must-hide
``person_name``, ``phone``, ``email``, ``id_number``, ``date_of_birth``,
``plate``, ``health``, ``address``; ``benign`` should stay; ``dontcare``
either way (the other words on a paper that exists to carry one person's
details, titles and initials, field labels, a service's or business's own
name, number and address, public street names, health words about nobody, a
pet's name, a card's last digits). A room number next to a named resident is
``address``; staff, relatives and volunteers are people too.

    python benchmarks/gen_text_blind4.py --out /tmp/blind4 --seed 7 [--images 60] [--png-dir /tmp/look]

The photos are research data: write them to a temporary folder, never into the repository.
"""

from __future__ import annotations

import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "benchmarks"))

# the drawing, placing and labelling machinery of the earlier blind sets, so all four are rendered and scored alike
import gen_text_blind as blind  # noqa: E402
from gen_text_blind import (  # noqa: E402
    ADDR,
    BOLD,
    DOB,
    EITHER,
    EMAIL,
    HEALTH,
    ID,
    MONO,
    NAME,
    PHONE,
    PLATE,
    PRINT,
    Finished,
    Panel,
    T,
    Tok,
    _ascii,
    solid,
    textured,
)
from gen_text_blind2 import Line, biro, dc, ink, marker, ok, ordinal, stack  # noqa: E402
from gen_text_blind3 import G3, MONTHS, Who, bar, clear, hl, on_card, plain_hand, two_a_row  # noqa: E402

RESERVED_SEED = 848484

# ----------------------------------------------------------------------------- people (written by hand for this set)

# (women, men) per community
GIVEN: dict[str, tuple[tuple[str, ...], tuple[str, ...]]] = {
    "british_irish": (
        (
            "Winifred",
            "Edna",
            "Beryl",
            "Muriel",
            "Irene",
            "Gladys",
            "Sandra",
            "Tracey",
            "Gwyneth",
            "Morag",
            "Catriona",
            "Siobhan",
            "Aoife",
            "Bronagh",
            "Lowenna",
            "Kerensa",
        ),
        (
            "Cyril",
            "Leslie",
            "Norman",
            "Wilfred",
            "Graham",
            "Barry",
            "Gareth",
            "Iolo",
            "Lachlan",
            "Fergus",
            "Padraig",
            "Declan",
            "Cormac",
            "Tristan",
        ),
    ),
    "traveller_roma": (("Bridie", "Kathleen", "Nelly", "Esmeralda"), ("Paddy", "Johnny Joe", "Mikey", "Fenix")),
    "caribbean": (("Icilda", "Claudette", "Merline", "Hyacinth", "Beverley-Ann"), ("Delroy", "Errol", "Winston", "Lascelles", "Fitzroy")),
    "west_african": (
        ("Oluwatoyin", "Funmilayo", "Ronke", "Chinwe", "Nkechi", "Ifunanya", "Eyitayo", "Ama", "Esi", "Maame", "Adjoa"),
        ("Olumide", "Adewale", "Emeka", "Chibuzor", "Ikenna", "Ekow", "Kwame", "Nii", "Kwesi", "Abiodun"),
    ),
    "east_central_african": (
        ("Hodan", "Fadumo", "Saado", "Tsegereda", "Senait", "Mbali", "Chipo", "Grâce-Divine", "Nsimba", "Awut"),
        ("Abdirahman", "Liban", "Yonas", "Tesfay", "Mandla", "Farai", "Kasongo", "Deng", "Garang"),
    ),
    "south_asian": (
        (
            "Harjit",
            "Manjit",
            "Amrit",
            "Jasbir",
            "Hansa",
            "Bhavna",
            "Dipti",
            "Tharani",
            "Vasanthi",
            "Selvi",
            "Rokeya",
            "Momtaz",
            "Shahida",
            "Ruksana",
            "Anjali",
            "Pemba",
        ),
        (
            "Ranjit",
            "Kulbir",
            "Nirmal",
            "Jayesh",
            "Hitesh",
            "Mukesh",
            "Sivakumar",
            "Kumaran",
            "Anwar",
            "Mizanur",
            "Tariq",
            "Asif",
            "Bishnu",
            "Suresh",
        ),
    ),
    "east_se_asian": (
        ("Xiuying", "Yuk Ling", "Siu Fong", "Thuy", "Ngoc Anh", "Maricel", "Jocelyn", "Lorna", "Hnin", "Sakura", "Eun-ji"),
        ("Zhenhua", "Kwok Wah", "Hung", "Duc", "Rodel", "Romeo", "Takeshi", "Sung-ho", "Aung"),
    ),
    "european": (
        (
            "Jadwiga",
            "Stanisława",
            "Halina",
            "Mihaela",
            "Rodica",
            "Desislava",
            "Rasa",
            "Vilma",
            "Blerta",
            "Conceição",
            "Rosaria",
            "Androulla",
            "Gülşen",
            "Rojda",
            "Nataliya",
            "Miriam",
        ),
        (
            "Zbigniew",
            "Tadeusz",
            "Ionuț",
            "Florin",
            "Kaloyan",
            "Algirdas",
            "Arben",
            "Joaquim",
            "Vincenzo",
            "Andreas",
            "Mehmet",
            "Rêber",
            "Volodymyr",
            "Shmuel",
        ),
    ),
    "west_asian_arab": (
        ("Maryam", "Fatemeh", "Parwana", "Lina", "Hiba", "Ruqaya", "Amira"),
        ("Mehdi", "Farhad", "Najibullah", "Bashir", "Ayman", "Omar", "Mustafa"),
    ),
    "latin_american": (("Luciana", "Fernanda", "Marisol"), ("Thiago", "Joao Pedro", "Wellington")),
    # given names that are also everyday English words
    "word": (
        (
            "Rose",
            "May",
            "Grace",
            "Hope",
            "Joy",
            "Pat",
            "Sandy",
            "Ivy",
            "Pearl",
            "Daisy",
            "Iris",
            "Holly",
            "Blessing",
            "Precious",
            "Patience",
            "Gift",
            "Comfort",
            "Mercy",
            "Charity",
            "Honey",
            "Violet",
        ),
        (
            "Will",
            "Bill",
            "Frank",
            "Art",
            "Pat",
            "Sandy",
            "Gift",
            "Prosper",
            "Godswill",
            "Goodluck",
            "Rocky",
            "Dusty",
            "Sonny",
            "Chase",
            "Guy",
            "Rusty",
        ),
    ),
}
FAMILY: dict[str, tuple[str, ...]] = {
    "british_irish": (
        "Ackroyd",
        "Entwistle",
        "Greenhalgh",
        "Tetlow",
        "Nuttall",
        "Pugh",
        "Prosser",
        "Llewellyn",
        "Macrae",
        "Urquhart",
        "Gallagher",
        "Doherty",
        "Nankervis",
        "Street",
        "Hill",
        "Lane",
        "Green",
        "Wood",
        "Day",
        "Moon",
        "Rich",
        "Sharp",
        "Bright",
        "Field",
    ),
    "traveller_roma": ("McDonagh", "Ward", "Joyce", "Lee", "Boswell", "Lovell"),
    "caribbean": ("Campbell-Brown", "McKenzie", "Francis", "Gayle", "Stennett", "Clarke"),
    "west_african": (
        "Adegoke",
        "Ogundipe",
        "Onyekachi",
        "Nwankwo",
        "Ekwueme",
        "Mensah",
        "Ansah",
        "Quartey",
        "Acquah",
        "Lamptey",
        "Oyelaran",
    ),
    "east_central_african": ("Warsame", "Abdi", "Mohamud", "Gebremedhin", "Haile", "Nkomo", "Sibanda", "Mbuyi", "Kabila", "Akol"),
    "south_asian": (
        "Sandhu",
        "Cheema",
        "Virdee",
        "Parmar",
        "Mistry",
        "Thakrar",
        "Sivarajah",
        "Kanagaratnam",
        "Begum",
        "Ahmed",
        "Chaudhry",
        "Butt",
        "Gurung",
        "Tamang",
    ),
    "east_se_asian": ("Zhou", "Leung", "Cheung", "Nguyen", "Pham", "Dela Cruz", "Bautista", "Thant", "Tanaka", "Choi"),
    "european": (
        "Wiśniewska",
        "Kowalczyk",
        "Popescu",
        "Dumitrescu",
        "Petrova",
        "Kazlauskas",
        "Hoxha",
        "Pereira",
        "Ferraro",
        "Georgiou",
        "Yılmaz",
        "Doğan",
        "Kovalenko",
        "Friedman",
    ),
    "west_asian_arab": ("Moradi", "Karimi", "Stanekzai", "Noori", "Al-Hashimi", "Haddad", "Suleiman"),
    "latin_american": ("Oliveira", "Souza", "Restrepo"),
}
COMMUNITIES = tuple(k for k in GIVEN if k != "word")

# ----------------------------------------------------------------------------- health, places (written by hand for this set)

MEDICINES = (
    "Donepezil",
    "Memantine",
    "Amlodipine",
    "Ramipril",
    "Bisoprolol",
    "Furosemide",
    "Spironolactone",
    "Apixaban",
    "Warfarin",
    "Clopidogrel",
    "Atorvastatin",
    "Metformin",
    "Sitagliptin",
    "Levothyroxine",
    "Omeprazole",
    "Lansoprazole",
    "Senna",
    "Laxido",
    "Co-codamol",
    "Tramadol",
    "Gabapentin",
    "Pregabalin",
    "Sertraline",
    "Mirtazapine",
    "Citalopram",
    "Quetiapine",
    "Haloperidol",
    "Levetiracetam",
    "Sodium valproate",
    "Co-careldopa",
    "Tamsulosin",
    "Finasteride",
    "Allopurinol",
    "Colchicine",
    "Prednisolone",
    "Salbutamol inhaler",
    "Latanoprost eye drops",
    "Calcichew D3",
    "Thiamine",
    "Nitrofurantoin",
    "Trimethoprim",
    "Zopiclone",
)
STRENGTHS = (
    "1.25mg",
    "2.5 mg",
    "5mg",
    "10 mg",
    "25mg",
    "50mg",
    "100mg",
    "200 mg",
    "400mg",
    "500 mg",
    "850mg",
    "30/500",
    "8/500",
    "75mcg",
    "100 micrograms",
    "0.005%",
    "2 tablets",
    "1 capsule",
    "10ml",
)
CONDITIONS = (
    "dementia",
    "Alzheimer's disease",
    "vascular dementia",
    "Parkinson's",
    "diabetes",
    "COPD",
    "asthma",
    "epilepsy",
    "angina",
    "atrial fibrillation",
    "heart failure",
    "kidney disease",
    "osteoarthritis",
    "glaucoma",
    "macular degeneration",
    "bipolar disorder",
    "schizophrenia",
    "learning disability",
    "Huntington's",
    "motor neurone disease",
    "multiple sclerosis",
    "hypertension",
    "leg ulcer",
    "catheter",
    "stoma",
    "depression",
    "anxiety",
)
CLINICS = (
    "Memory Clinic",
    "Diabetes Clinic",
    "Falls Clinic",
    "Heart Failure Clinic",
    "Parkinson's Clinic",
    "Stroke Clinic",
    "Renal Clinic",
    "Respiratory Clinic",
    "Eye Clinic (Glaucoma)",
    "Continence Clinic",
    "Oncology Outpatients",
    "Tissue Viability",
)
TOWNS = (
    ("Rochdale", ("OL11", "OL16")),
    ("Wrexham", ("LL11", "LL13")),
    ("Dundee", ("DD3", "DD4")),
    ("Luton", ("LU1", "LU4")),
    ("Wolverhampton", ("WV2", "WV10")),
    ("Bradford", ("BD3", "BD8")),
    ("Sunderland", ("SR4", "SR5")),
    ("Leicester", ("LE2", "LE5")),
    ("Derry", ("BT47", "BT48")),
    ("Penzance", ("TR18", "TR20")),
    ("Walthamstow", ("E17", "E4")),
    ("Lewisham", ("SE13", "SE6")),
    ("Swindon", ("SN1", "SN25")),
    ("Hull", ("HU3", "HU9")),
    ("Stoke-on-Trent", ("ST4", "ST6")),
)
STREETS = (
    "Marigold Close",
    "Rosemary Lane",
    "May Street",
    "Grace Avenue",
    "Hope Terrace",
    "Joy Lane",
    "Primrose Walk",
    "Ivy Grove",
    "Pearl Close",
    "Daisy Bank",
    "Sandy Lane",
    "Willow Drive",
    "Orchard Rise",
    "Mill Brow",
    "Chapel Fold",
    "Tanpit Lane",
    "Bryn Derw",
    "Kirkgate",
    "Albion Street",
    "Coronation Road",
    "Jubilee Crescent",
    "Foundry Court",
    "Ropewalk",
    "Gorse Hill Road",
)
# (area code, local prefix) in Ofcom's ranges for drama
AREAS = (
    ("0113", "496 0"),
    ("0115", "496 0"),
    ("0116", "496 0"),
    ("0117", "496 0"),
    ("0118", "496 0"),
    ("0121", "496 0"),
    ("0131", "496 0"),
    ("0141", "496 0"),
    ("0151", "496 0"),
    ("0161", "496 0"),
    ("020", "7946 0"),
    ("01632", "960 "),
    ("028", "9018 0"),
    ("029", "2018 0"),
    ("0191", "498 0"),
)


def name_ok(text: str, why: str = "common word used as a name") -> list[Tok]:
    return [(w, NAME, why) for w in text.split()]


class G4(G3):
    """One seeded run: the random source, the staff photos, ``G3``'s clocks, prices and dates, and this set's own people and details."""

    def who(self, word: float = 0.22, title: bool = True) -> Who:
        rng = self.rng
        female = rng.random() < 0.6
        fam_from = rng.choice(COMMUNITIES)
        if rng.random() < word:
            given, is_word = rng.choice(GIVEN["word"][0 if female else 1]), True
        else:
            from_ = fam_from if rng.random() < 0.8 else rng.choice(COMMUNITIES)
            given, is_word = rng.choice(GIVEN[from_][0 if female else 1]), False
        t = rng.choice(("Mrs", "Ms", "Miss", "Mrs")) if female else "Mr"
        if rng.random() < 0.05:
            t = rng.choice(("Dr", "Rev"))
        return Who(given, rng.choice(FAMILY[fam_from]), t, is_word)

    def hand_who(self, word: float = 0.22) -> Who:
        """Someone whose names a stroke font can write."""
        while True:
            w = self.who(word)
            if all(ord(c) < 128 for c in _ascii(w.given + w.family)):
                return w

    def mobile(self) -> list[Tok]:
        rng = self.rng
        n = f"{rng.randint(0, 999):03d}"
        s = rng.choice(
            (
                f"07700 900{n}",
                f"07700 900 {n}",
                f"077009 00{n}",
                f"07700900{n}",
                f"+44 7700 900{n}",
                f"+44(0)7700-900-{n}",
                f"07700/900{n}",
                f"0 7700 900 {n}",
            )
        )
        return T(s, PHONE, "a person's mobile")

    def landline(self, cat: str = PHONE) -> list[Tok]:
        rng = self.rng
        code, local = rng.choice(AREAS)
        a, b = local.split(" ")
        n = f"{rng.randint(0, 999):03d}"
        s = rng.choice(
            (f"{code} {a} {b}{n}", f"{code} {a}{b}{n}", f"({code}) {a} {b}{n}", f"{code}{a}{b}{n}", f"+44 {code[1:]} {a} {b}{n}")
        )
        return T(s, cat, "a person's landline" if cat == PHONE else "a service's own number")

    def phone(self) -> list[Tok]:
        return self.mobile() if self.rng.random() < 0.55 else self.landline()

    def email(self, p: Who) -> list[Tok]:
        rng = self.rng
        g = "".join(c for c in _ascii(p.given).lower() if c.isalnum())
        f = "".join(c for c in _ascii(p.family).lower() if c.isalnum())
        user = rng.choice((f"{g}.{f}", f"{g}{f}{rng.randint(1, 99)}", f"{f}{g[0]}", f"{g}-{f}", f"{g[0]}.{f}"))
        dom = rng.choice(
            (
                "outlook.com",
                "live.co.uk",
                "sky.com",
                "talktalk.net",
                "icloud.com",
                "virginmedia.com",
                "gmail.com",
                "yahoo.com",
                "tiscali.co.uk",
            )
        )
        return T(f"{user}@{dom}", EMAIL, "a person's email")

    def nhs(self, label: bool = False) -> list[Tok]:
        """An NHS number with a valid modulus-11 check digit."""
        rng = self.rng
        while True:
            d = [rng.randint(1 if i == 0 else 0, 9) for i in range(9)]
            c = 11 - sum(v * (10 - i) for i, v in enumerate(d)) % 11
            c = 0 if c == 11 else c
            if c != 10:
                break
        s = "".join(map(str, d)) + str(c)
        text = rng.choice((f"{s[:3]} {s[3:6]} {s[6:]}", f"{s[:3]} {s[3:6]} {s[6:]}", s, f"{s[:3]}-{s[3:6]}-{s[6:]}"))
        return (dc(rng.choice(("NHS No:", "NHS number", "NHS:")), "field label") if label else []) + T(text, ID, "NHS number")

    def dob(self, when: tuple[int, int, int] | None = None) -> list[Tok]:
        y, m, d = when or self.birth()
        mon = MONTHS[m - 1]
        s = self.rng.choice(
            (
                f"{d}/{m}/{y}",
                f"{d:02d}/{m:02d}/{y}",
                f"{d:02d}-{m:02d}-{y % 100:02d}",
                f"{d} {mon} {y}",
                f"{ordinal(d)} {mon[:3]} {y}",
                f"{mon[:3]} {d} {y}",
                f"{d:02d}.{m:02d}.{y % 100:02d}",
                f"{d:02d} {mon[:3].upper()} {y}",
                f"{y}/{m:02d}/{d:02d}",
                f"{d}-{mon[:3]}-{y % 100:02d}",
            )
        )
        return T(s, DOB)

    def plate(self) -> list[Tok]:
        rng = self.rng
        L = "ABCDEFGHJKLMNOPRSTUVWXYZ"
        age = rng.choice(("03", "09", "14", "17", "20", "23", "26", "53", "58", "63", "68", "72", "75"))
        tail = "".join(rng.choice(L) for _ in range(3))
        cur = f"{rng.choice('ABCDEFGHKLMNPRSVWY')}{rng.choice(L)}{age}"
        s = rng.choice(
            (
                f"{cur} {tail}",
                f"{cur} {tail}",
                f"{cur}{tail}",
                f"{rng.choice('MNPRSTVWXY')}{rng.randint(10, 899)} {tail}",
                f"{rng.choice('ABCDGKLMNOPRSUW')}{rng.choice('ABCDEIJKLNOSUXYZ')}Z {rng.randint(100, 9999)}",
            )
        )
        return T(s, PLATE, "a car's registration")

    def address(self, one_line: bool = False) -> list[list[Tok]]:
        """A private address as lines: house or flat number, street and postcode ``address``; the town either way."""
        rng = self.rng
        town = rng.choice(TOWNS)
        lines: list[list[Tok]] = []
        if rng.random() < 0.3:
            lines.append(
                [
                    ("Flat", EITHER, "flat word"),
                    (rng.choice((str(rng.randint(1, 60)), f"{rng.randint(1, 9)}{rng.choice('ABC')}")), ADDR, "flat number"),
                ]
                + (
                    T(rng.choice(("Hardy House", "Kestrel Court", "Plas Newydd", "Lime Tree Court")), ADDR, "name of a block of flats")
                    if rng.random() < 0.5
                    else []
                )
            )
        lines.append(self.street())
        out = rng.choice(town[1])
        pc = f"{out} {rng.randint(1, 9)}{rng.choice('ABDEFGHJLNPQRSTUWXYZ')}{rng.choice('ABDEFGHJLNPQRSTUWXYZ')}"
        if rng.random() < 0.1:
            pc = pc.replace(" ", "")
        tn = [(town[0].upper() if rng.random() < 0.35 else town[0], EITHER, "town")]
        pct = T(pc, ADDR, "postcode of a private address")
        if one_line:
            return [[tok for ln in lines for tok in ln] + tn + pct]
        return [*lines, tn, pct] if rng.random() < 0.5 else [*lines, tn + pct]

    def street(self) -> list[Tok]:
        rng = self.rng
        num = rng.choice((str(rng.randint(1, 180)), str(rng.randint(1, 40)), f"{rng.randint(2, 60)}{rng.choice('AB')}"))
        return T(f"{num}{rng.choice(('', '', ','))} {rng.choice(STREETS)}", ADDR, "house number and street of a private address")

    def med(self) -> list[Tok]:
        rng = self.rng
        return hl(rng.choice(MEDICINES), "a named person's medicine") + [
            (w, HEALTH if any(ch.isdigit() for ch in w) else EITHER, "strength") for w in rng.choice(STRENGTHS).split()
        ]

    def condition(self, why: str = "a named person's condition") -> list[Tok]:
        return hl(self.rng.choice(CONDITIONS), why)

    def room(self) -> list[Tok]:
        rng = self.rng
        return [
            (rng.choice(("Room", "Rm", "Rm.")), EITHER, "room word"),
            (str(rng.choice((rng.randint(1, 48), rng.randint(101, 124), rng.randint(201, 218)))), ADDR, "room number of a named resident"),
        ]


def possessive(p: Who) -> list[Tok]:
    """Winifred's."""
    return [(w + "'s" if i == len(p.given.split()) - 1 else w, NAME, "") for i, w in enumerate(p.given.split())]


def surname(p: Who) -> list[Tok]:
    return [(w, NAME, "") for w in p.family.split()]


# ----------------------------------------------------------------------------- about one person


DARK = (20, 20, 20)


def repeat_slip(g: G4) -> Finished:
    """The right-hand side of a repeat prescription: the patient's name, address, NHS number and medicines, ticked."""
    rng, B = g.rng, g.bigger()
    p = Panel(B)
    t, tb = g.type(rng.choice((MONO, PRINT)), B), g.type(BOLD, B)
    who = g.who(0.25)
    lines: list[Line | None] = [
        (dc("Repeat prescription request", "on one person's slip"), tb, (10, 70, 40), "left"),
        (on_card(rng.choice((who.formal, who.titled_full))()), tb, DARK, "left"),
        *[(ln, t, DARK, "left") for ln in g.address()],
        (dc("DOB:", "field label") + g.dob(), t, DARK, "left"),
        (dc("Email:", "field label") + g.email(who), t, DARK, "left") if rng.random() < 0.35 else None,
        (g.nhs(label=True), t, DARK, "left"),
        None,
    ]
    for _ in range(rng.randint(2, 4)):
        lines.append(
            (dc("[x]", "tick box") + g.med() + dc(rng.choice(("28 tabs", "56 tablets", "1 pack", "x 2")), "quantity"), t, DARK, "left")
        )
    lines += [
        None,
        (
            dc(f"Review due {rng.randint(1, 28):02d}/{rng.randint(1, 12):02d}/{rng.choice((26, 27))}", "on one person's slip"),
            t,
            DARK,
            "left",
        ),
        (dc(rng.choice(("Millbrook Surgery", "Canal Side Medical Practice", "The Orchard Health Centre")), "the surgery"), t, DARK, "left"),
    ]
    stack(p, lines, 30, 30, lead=1.35)
    return p.finish(solid((245, 250, 240), (120, 170, 120), 4), 34, "repeat_slip", (15, 24))


def appointment_letter(g: G4) -> Finished:
    """The top half of a hospital outpatient letter: trust, patient's address block, numbers, clinic, date and time."""
    rng, B = g.rng, g.bigger()
    p = Panel(B)
    t, tb = g.type(PRINT, B), g.type(BOLD, B)
    who = g.who(0.25)
    trust = rng.choice(("Northgate Hospitals NHS Foundation Trust", "Severnside University Hospitals NHS Trust", "Royal Tamar Infirmary"))
    lines: list[Line | None] = [
        (dc(trust, "the sender of one person's letter"), tb, (0, 70, 150), "left"),
        None,
        (on_card(who.initial(title=True) if rng.random() < 0.5 else who.titled_full()), t, DARK, "left"),
        *[(ln, t, DARK, "left") for ln in g.address()],
        None,
        (
            dc("Hospital No:", "field label")
            + T(
                rng.choice(
                    (
                        f"K{rng.randint(100000, 999999)}",
                        f"{rng.randint(1000000, 9999999)}X",
                        f"H{rng.randint(10, 99)} {rng.randint(10000, 99999)}",
                    )
                ),
                ID,
                "hospital number",
            ),
            t,
            DARK,
            "left",
        ),
        (g.nhs(label=True), t, DARK, "left"),
        (dc("Date of birth:", "field label") + g.dob(), t, DARK, "left"),
        None,
        (dc("Dear", "on one person's letter") + on_card(who.titled()), t, DARK, "left"),
        (
            dc("An appointment has been made for you in the", "on one person's letter")
            + hl(rng.choice(CLINICS), "the clinic a named patient goes to"),
            t,
            DARK,
            "left",
        ),
        (
            dc(
                f"on {g.date()} at {g.clock()}",
                "on one person's letter",
            ),
            t,
            DARK,
            "left",
        ),
        (dc("Please bring a list of your current medicines.", "on one person's letter"), t, DARK, "left"),
    ]
    stack(p, lines, 40, 40, lead=1.4)
    return p.finish((255, 255, 255), 44, "appointment_letter", (15, 24))


def foodbank_voucher(g: G4) -> Finished:
    """A food bank referral voucher filled in by a support worker."""
    rng, B = g.rng, g.bigger()
    p = Panel(B)
    t, h = g.type(PRINT, B), biro(g, int(B * 1.1))
    col = ink(g)
    who = g.hand_who(0.25)
    worker = g.hand_who(0.25)
    adults, kids = rng.randint(1, 2), rng.randint(0, 4)
    lines: list[Line | None] = [
        (
            dc(
                rng.choice(("Eastside Food Bank - Referral Voucher", "Trussell Food Bank voucher", "Community Pantry referral")),
                "on one person's voucher",
            ),
            g.type(BOLD, B),
            (200, 90, 20),
            "left",
        ),
        (
            dc("Voucher no.", "field label")
            + T(f"{rng.choice(('FB', 'EFB', 'V'))}{rng.randint(10000, 99999)}", ID, "voucher number of one client"),
            t,
            DARK,
            "left",
        ),
        (dc("Name:", "field label") + who.full(), h, col, "left"),
        (dc("Address:", "field label") + g.address(one_line=True)[0], h, col, "left"),
        (dc(f"Adults {adults} Children {kids}", "on one person's voucher"), h, col, "left"),
        (
            dc("Dietary needs:", "field label")
            + (
                hl(rng.choice(("diabetic", "coeliac", "gluten free", "no nuts - allergy", "soft food only")), "a named client's diet")
                if rng.random() < 0.6
                else dc("halal", "religion-linked diet")
            ),
            h,
            col,
            "left",
        ),
        (
            dc("Referred by:", "field label")
            + worker.full()
            + dc(rng.choice(("Citizens Advice", "Housing Support", "Social Services")), "the referring service"),
            h,
            col,
            "left",
        ),
        (dc("Tel:", "field label") + g.mobile() if rng.random() < 0.5 else dc("Tel:", "field label") + g.landline(EITHER), h, col, "left"),
    ]
    if rng.random() < 0.5:
        lines.append((dc("Email:", "field label") + g.email(worker), h, col, "left"))
    stack(p, lines, 30, 30, lead=1.5)
    return p.finish(solid((255, 250, 235), (200, 90, 20), 6), 36, "foodbank_voucher", (15, 26))


def postcard(g: G4) -> Finished:
    """The back of a holiday postcard to someone at home: a chatty message and the address."""
    rng, B = g.rng, g.bigger()
    p = Panel(B)
    col = ink(g)
    h = biro(g, int(B * 1.1))
    to, frm = g.hand_who(0.3), g.hand_who(0.35)
    place = rng.choice(("Whitby", "Llandudno", "Skegness", "Tenby", "Bridlington", "Largs", "Weymouth"))
    msg = [
        ok(f"Dear {rng.choice(('Mum', 'Nan', 'Auntie', 'Grandad', 'Dad'))},"),
        ok(rng.choice(("Weather sunny all week,", "Rain on Monday but", "Lovely and warm here,"))),
        ok(rng.choice(("sandy beach right by the hotel.", "we went on the pier in May", "fish and chips every night!"))),
        ok(f"{place} is {rng.choice(('lovely', 'busy', 'just as you said'))}."),
        ok(
            rng.choice(
                ("Will ring you Sunday.", "Hope you are keeping well.", "Bill for the hotel was a shock!", "Joy of joys, no rain today.")
            )
        ),
        ok("Hope your")
        + hl(
            rng.choice(("hip replacement", "knee operation", "chemotherapy", "cataract surgery", "chest infection")),
            "the addressee's health",
        )
        + ok("is going well")
        if rng.random() < 0.4
        else ok("Thinking of you"),
        ok("Love") + frm.first() + ok(rng.choice(("xx", "and the kids xxx", "& family"))),
    ]
    y = stack(p, [(m, h, col, "left") for m in msg], 20, 20, lead=1.45)
    x = 20 + max(p.measure(m, h) for m in msg) + 60
    p.vline(x - 30, 20, y, (120, 120, 120), 3)
    to_lines = [rng.choice((to.titled_full, to.full, lambda: to.initial(True)))()] + g.address()
    stack(p, [(ln, h, col, "left") for ln in to_lines], x, 20 + B * 3, lead=1.6)
    p.rect((x + 300, 10, x + 300 + B * 2.4, 10 + B * 2.8), fill=(200, 40, 40))
    return p.finish(solid((250, 246, 236)), 30, "postcard", (15, 26))


def door_note(g: G4) -> Finished:
    """A laminated note on a client's front door for the visiting carers."""
    rng, B = g.rng, g.bigger()
    p = Panel(B)
    t = g.type(rng.choice((PRINT, BOLD)), B)
    who = g.who(0.3)
    agency = rng.choice(("Bluebell Home Care", "Caring Hands Ltd", "Kinder Care at Home"))
    lines: list[Line | None] = [
        (ok("CARERS PLEASE NOTE"), g.type(BOLD, int(B * 1.3)), (170, 20, 20), "left"),
        (ok("Key safe is to the left of the door."), t, DARK, "left"),
        (ok("Code from the office only, never written down."), t, DARK, "left"),
        (
            ok("Please knock loudly and call out -")
            + rng.choice((who.titled, who.first))()
            + ok("is")
            + hl(rng.choice(("hard of hearing", "registered blind", "living with dementia", "on oxygen")), "about the named client"),
            t,
            DARK,
            "left",
        ),
        (
            ok(rng.choice(("Dog is friendly but shut kitchen door.", "Shut the gate, the cat gets out.", "Bins go out on Tuesday."))),
            t,
            DARK,
            "left",
        ),
        (ok("Office:") + dc(agency, "the agency's own name") + g.landline(EITHER), t, (40, 40, 120), "left"),
    ]
    if rng.random() < 0.5:
        kin = g.who(0.3)
        lines.append((ok("Daughter") + kin.first() + g.mobile(), t, (40, 40, 120), "left"))
    if rng.random() < 0.7:
        lines.append((ok("Please don't block the drive -") + possessive(who) + ok("car") + g.plate(), t, DARK, "left"))
    stack(p, lines, 30, 30, lead=1.45)
    return p.finish(solid((255, 255, 210), (170, 20, 20), 8), 34, "door_note", (15, 26))


def order_of_service(g: G4) -> Finished:
    """The cover of a funeral order of service."""
    rng, B = g.rng, g.bigger()
    p = Panel(B)
    who = g.who(0.3)
    y, m, d = g.birth()
    church = rng.choice(
        (
            "St Aidan's Church",
            "Holy Trinity, Eastfield",
            "Bethel Pentecostal Church",
            "Golders Green Crematorium",
            "Emmanuel Methodist Church",
        )
    )
    serif = g.type(("DejaVuSerif.ttf", "DejaVuSerifCondensed.ttf"), B)
    lines: list[Line | None] = [
        (
            ok(rng.choice(("A Celebration of the Life of", "In Loving Memory of", "Thanksgiving Service for"))),
            serif,
            (60, 60, 60),
            "centre",
        ),
        (who.full(), g.type(("DejaVuSerif-Bold.ttf",), int(B * 1.7)), (40, 30, 60), "centre"),
        (
            g.dob((y, m, d)) + dc("-", "between the dates") + dc(f"{rng.randint(1, 28)} {rng.choice(MONTHS)} 2026", "date of death"),
            serif,
            (60, 60, 60),
            "centre",
        ),
        None,
        (dc(church, "a public place"), serif, (60, 60, 60), "centre"),
        (
            ok(f"{g.date()} at {rng.choice(('11am', '1.30pm', '10.45am'))}"),
            serif,
            (60, 60, 60),
            "centre",
        ),
        (ok(rng.choice(("Hymn: The Lord's my Shepherd", "Hymn: Abide with Me", "Reading: Ecclesiastes 3"))), serif, (60, 60, 60), "centre"),
        (
            ok("Donations, if desired, to") + dc(rng.choice(("St Luke's Hospice", "Age UK", "the Stroke Association")), "a charity"),
            serif,
            (60, 60, 60),
            "centre",
        ),
    ]
    stack(p, lines, 50, 50, lead=1.6)
    return p.finish(solid((250, 250, 252), (150, 140, 170), 6), 50, "order_of_service", (15, 28))


# ----------------------------------------------------------------------------- on a home's or day centre's walls


def bingo_board(g: G4) -> Finished:
    """A whiteboard after the afternoon's bingo: who won lines and houses, the calls people liked."""
    rng, B = g.rng, g.bigger()
    p = Panel(B)
    t = marker(g, B)
    col = rng.choice(((20, 20, 140), (20, 110, 40), (20, 20, 20)))
    lines: list[Line | None] = [
        (ok(rng.choice(("BINGO RESULTS", "Bingo today - winners", "EYES DOWN 2.30"))), marker(g, int(B * 1.4)), (180, 20, 20), "left")
    ]
    for game in rng.sample(("Game 1 line", "Game 1 house", "Game 2 line", "Game 2 house", "Snowball", "Full house"), 4):
        who = g.hand_who(0.35)
        lines.append(
            (
                ok(game) + rng.choice((who.first, who.full, who.first))() + ok(plain_hand(f"{rng.choice((2, 3, 5, 10))} pounds")),
                t,
                col,
                "left",
            )
        )
    last = rng.choice(
        (
            ok("Next bingo Friday - bring a friend!"),
            ok("Prizes kindly given by") + dc("Grace and Co", "a business named for a person") + ok("bakery"),
            ok("Thank you") + name_ok("Will") + ok("for calling!"),  # the caller
            ok("Will you call the numbers next week?"),
        )
    )
    lines += [
        (
            ok(rng.choice(("Two fat ladies 88", "Legs eleven 11", "Kelly's eye 1", "Top of the shop 90", "Clickety click 66"))),
            t,
            col,
            "left",
        ),
        (last, t, col, "left"),
    ]
    stack(p, lines, 40, 35, lead=1.5)
    return p.finish(solid((248, 248, 248), (170, 170, 175), 14), 40, "bingo_board", (16, 30))


def sports_day(g: G4) -> Finished:
    """The results board from a day centre's sports afternoon."""
    rng, B = g.rng, g.bigger()
    p = Panel(B)
    t, tb = g.type(rng.choice((PRINT, BOLD)), B), g.type(BOLD, int(B * 1.4))
    lines: list[Line | None] = [
        (ok(rng.choice(("Sports Day Results", "Summer Games - Results", "Olympics Afternoon"))), tb, (0, 90, 160), "left")
    ]
    for ev in rng.sample(
        ("Egg and spoon", "Welly wanging", "Bean bag throw", "Indoor curling", "Skittles", "Hoopla", "Target golf", "Balloon volleyball"), 4
    ):
        a, b = g.who(0.35), g.who(0.35)
        lines.append((ok(f"{ev}: 1st") + rng.choice((a.full, a.first))() + ok("2nd") + rng.choice((b.full, b.first))(), t, DARK, "left"))
    lines += [
        (ok(f"Tug of war: Red team {rng.randint(2, 3)} Blue team {rng.randint(0, 1)}"), t, DARK, "left"),
        (ok(f"Fastest lap {rng.randint(1, 3)}m {rng.randint(10, 59)}s - a new record!"), t, DARK, "left"),
        (
            ok(rng.choice(("Medals presented by the Mayor", "Well done everyone, May we do it again soon!", "Art club made the medals"))),
            t,
            (0, 90, 160),
            "left",
        ),
    ]
    stack(p, lines, 40, 40, lead=1.5)
    return p.finish(solid((255, 255, 255), (0, 90, 160), 12), 40, "sports_day", (15, 26))


def you_said(g: G4) -> Finished:
    """A "You said, we did" board by the front door."""
    rng, B = g.rng, g.bigger()
    p = Panel(B)
    t, tb = g.type(PRINT, B), g.type(BOLD, B)
    pairs = rng.sample(
        (
            ("The garden path is slippery when wet.", "New handrail and non-slip paint, done in May."),
            ("More trips out to the park and the sea.", "Monthly outings: Sandy Bay on 14th June."),
            ("The road crossing outside is too busy.", "We asked the council for a crossing on Station Road."),
            ("We'd like more music.", "A singer visits every other Friday at 3pm."),
            ("The lounge is cold in the morning.", "Heating now comes on at 6am."),
            ("Too many biscuits, not enough fruit!", "Fruit bowl on every table from Monday."),
            ("Can we have an art group?", "Art club every Wednesday, 10.30 in the conservatory."),
            ("Visiting on Sundays is hard to book.", "No booking needed any more - just come."),
        ),
        3,
    )
    lines: list[Line | None] = [(ok("You said ... We did"), g.type(BOLD, int(B * 1.5)), (120, 40, 130), "left")]
    for said, did in pairs:
        lines += [(ok("You said:") + ok(said), t, DARK, "left"), (ok("We did:") + ok(did), tb, (120, 40, 130), "left")]
    boss = g.who(0.25)
    lines.append(
        (ok("Any ideas? Speak to") + boss.full() + ok(rng.choice(("(Manager)", "(Deputy)", "or any of the team"))), t, DARK, "left")
    )
    if rng.random() < 0.5:
        lines.append((ok("or email") + g.email(boss), t, DARK, "left"))
    if rng.random() < 0.4:
        r = g.who(0.3)
        lines.append((ok("Suggestion of the month:") + r.titled() + g.room(), t, DARK, "left"))
    stack(p, lines, 40, 40, lead=1.45)
    return p.finish(textured((222, 200, 160), rng.randrange(1 << 30), 14, (120, 90, 50), 12), 36, "you_said", (15, 24))


def flu_list(g: G4) -> Finished:
    """A clipboard list for the visiting nurse: residents, rooms, dates of birth, consent and jabs given."""
    rng, B = g.rng, g.bigger()
    p = Panel(B)
    t = g.type(rng.choice((PRINT, MONO)), B)
    h = biro(g, B)
    col = ink(g)
    lines: list[Line | None] = [
        (
            dc(rng.choice(("Flu vaccinations", "Autumn booster clinic", "Covid and flu jabs")) + " " + g.date(), "on a list of people"),
            g.type(BOLD, B),
            DARK,
            "left",
        ),
        (dc("Nurse:", "field label") + g.who(0.2).full(), t, DARK, "left"),
    ]
    for _ in range(rng.randint(4, 6)):
        who = g.who(0.3)
        row = g.room() + who.initial() + g.dob() + (g.nhs() if rng.random() < 0.35 else [])
        if rng.random() < 0.2:
            row += hl(rng.choice(("egg allergy", "on warfarin", "fainted last year")), "about a named resident")
        lines.append((row, t, DARK, "left"))
        lines.append(
            (
                dc(
                    rng.choice(("consent Y given", "consent Y given", "declined", "LPA consent - given", "away - hospital")),
                    "on a list of people",
                ),
                h,
                col,
                "left",
            )
        )
    stack(p, lines, 30, 30, lead=1.35)
    return p.finish(solid((255, 255, 255)), 30, "flu_list", (15, 24))


def tea_round(g: G4) -> Finished:
    """The tea round taped inside a kitchen cupboard door: who has what."""
    rng, B = g.rng, g.bigger()
    p = Panel(B)
    t = marker(g, B) if rng.random() < 0.5 else g.type(PRINT, B)
    col = (20, 20, 20) if not t.hand else ink(g)
    lines: list[Line | None] = [(ok(rng.choice(("TEA ROUND", "Drinks - how we like them"))), g.type(BOLD, int(B * 1.3)), DARK, "left")]
    for _ in range(rng.randint(4, 6)):
        who = g.hand_who(0.35)
        drink = rng.choice(
            (
                "tea, milk, 2 sugars",
                "coffee, black",
                "tea, weak, no sugar",
                "hot chocolate",
                "Horlicks at night",
                "Earl Grey, lemon",
                "coffee, milky, 1 sugar",
            )
        )
        row = g.room()[1:] + who.first() + ok(drink)
        if rng.random() < 0.45:
            row += hl(rng.choice(("thickened", "sweetener - diabetic", "decaf - heart", "lidded cup")), "about a named resident")
        lines.append((row, t, col, "left"))
    lines.append((ok("Biscuits in the blue tin. Please wash up!"), t, col, "left"))
    stack(p, lines, 30, 30, lead=1.45)
    return p.finish(solid((236, 236, 226)), 30, "tea_round", (15, 26))


def secret_santa(g: G4) -> Finished:
    """The staff Secret Santa draw on the staff-room board."""
    rng, B = g.rng, g.bigger()
    p = Panel(B)
    t = marker(g, B)
    col = rng.choice(((170, 20, 20), (20, 110, 40)))
    lines: list[Line | None] = [
        (ok("SECRET SANTA"), marker(g, int(B * 1.5)), (170, 20, 20), "left"),
        (ok(rng.choice(("Spend limit 10 pounds", "Max 5 pounds - be creative!"))), t, col, "left"),
    ]
    people = [g.hand_who(0.35) for _ in range(rng.randint(4, 6))]
    for a, b in zip(people, people[1:] + people[:1], strict=True):
        lines.append((a.first() + ok("buys for") + rng.choice((b.first, b.full))(), t, col, "left"))
    lines.append(
        (
            ok(rng.choice(("Party Friday 18th, Red Lion, 7pm", "Swap at the staff lunch, 23rd", "Wrap it well - no peeking!"))),
            t,
            col,
            "left",
        )
    )
    stack(p, lines, 40, 35, lead=1.45)
    return p.finish(solid((250, 250, 250), (150, 150, 155), 12), 40, "secret_santa", (15, 28))


def volunteer_thanks(g: G4) -> Finished:
    """A Volunteers' Week thank-you board: each volunteer and their hours."""
    rng, B = g.rng, g.bigger()
    p = Panel(B)
    t = g.type(rng.choice((PRINT, BOLD)), B)
    lines: list[Line | None] = [
        (
            ok(rng.choice(("Thank you to our volunteers!", "Volunteers' Week - THANK YOU"))),
            g.type(BOLD, int(B * 1.4)),
            (0, 110, 90),
            "centre",
        ),
        (ok(f"Together you gave {rng.randint(900, 4200):,} hours this year"), t, DARK, "centre"),
    ]
    for _ in range(rng.randint(4, 6)):
        v = g.who(0.4)
        lines.append(
            (
                v.full()
                + ok(
                    f"- {rng.randint(40, 600)} hours, {rng.choice(('garden', 'tea bar', 'driving', 'reading', 'art club', 'befriending'))}"
                ),
                t,
                DARK,
                "centre",
            )
        )
    lines.append((ok(rng.choice(("Will you join them? Ask at reception.", "Could you give two hours a week?"))), t, (0, 110, 90), "centre"))
    stack(p, lines, 40, 40, lead=1.45)
    return p.finish(solid((235, 248, 244), (0, 110, 90), 10), 40, "volunteer_thanks", (15, 26))


FLOWER_TABLES = ("Rose", "Daisy", "Poppy", "Iris", "Violet", "Holly", "Ivy", "Bluebell", "Primrose", "Sweet Pea", "Hazel", "Heather")


def table_plan(g: G4) -> Finished:
    """The table plan for a party or anniversary lunch, the tables named after flowers."""
    rng, B = g.rng, g.bigger()
    p = Panel(B)
    t = g.type(rng.choice((PRINT, ("DejaVuSerif.ttf",))), B)
    tb = g.type(BOLD, B)
    x = 40.0
    top = stack(
        p,
        [
            (
                ok(rng.choice(("Table Plan", "Please find your seat", "Summer Lunch - seating"))),
                g.type(BOLD, int(B * 1.5)),
                (90, 40, 90),
                "left",
            )
        ],
        40,
        30,
    )
    for tname in rng.sample(FLOWER_TABLES, 3):
        lines: list[Line | None] = [(ok(f"{tname} Table" if rng.random() < 0.5 else tname), tb, (90, 40, 90), "left")]
        for _ in range(rng.randint(3, 5)):
            guest = g.who(0.35)
            lines.append((guest.full() if rng.random() < 0.6 else guest.titled_full(), t, DARK, "left"))
        col_w = max(p.measure(ln[0], ln[1]) for ln in lines if ln)
        stack(p, lines, x, top + 20, lead=1.45)
        x += col_w + 70
    return p.finish(solid((252, 250, 246), (200, 180, 120), 8), 40, "table_plan", (15, 26))


def photo_frame(g: G4) -> Finished:
    """A cardboard photo-booth frame held up at a party."""
    rng, B = g.rng, g.bigger()
    p = Panel(B)
    a, b = g.who(0.4), g.who(0.4)
    big = g.type(BOLD, int(B * 1.7))
    top = rng.choice(
        (
            ok("Happy") + ok(f"{ordinal(rng.choice((80, 90, 95, 100, 101)))}") + ok("Birthday") + a.first() + ok("!"),
            a.first() + ok("&") + b.first() + ok(f"- {rng.choice(('Golden', 'Diamond', 'Ruby', 'Pearl'))} Wedding"),
            ok("Summer Party 2026"),
            ok("Happy Retirement") + a.first() + ok("!"),
        )
    )
    bottom = rng.choice((ok("#Sunnyside Summer Fete"), ok("Say cheese!"), ok("May Day Party"), ok("With love from all at Ivy House")))
    y = stack(p, [(top, big, (255, 255, 255), "centre")], 40, 30)
    p.rect((60, y + 10, 60 + B * 16, y + 10 + B * 9), fill=(0, 0, 0, 0), outline=(255, 255, 255), width=4)
    stack(p, [(bottom, g.type(BOLD, int(B * 1.2)), (255, 255, 255), "centre")], 40, y + 30 + B * 9)
    colour = rng.choice(((220, 40, 120), (30, 130, 200), (230, 170, 20), (120, 60, 160)))

    return p.finish(solid(colour, (255, 255, 255), 10, 20), 40, "photo_frame", (18, 36))


def word_search(g: G4) -> Finished:
    """A word-search activity sheet: a letter grid and the words to find, many of them flowers and names."""
    rng, B = g.rng, g.bigger()
    p = Panel(B)
    words = rng.sample(
        (
            "ROSE",
            "DAISY",
            "POPPY",
            "IVY",
            "HOLLY",
            "HAZEL",
            "IRIS",
            "VIOLET",
            "HEATHER",
            "LILY",
            "MAY",
            "PANSY",
            "SWEET PEA",
            "TULIP",
            "JASMINE",
            "FERN",
        ),
        8,
    )
    letters = "ABCDEFGHIJKLMNOPRSTUVWY"
    grid = []
    for i in range(9):
        row = [rng.choice(letters) for _ in range(11)]
        if i < len(words):
            w = words[i].replace(" ", "")[:11]
            s = rng.randint(0, 11 - len(w))
            row[s : s + len(w)] = list(w)
        grid.append("".join(row))
    rng.shuffle(grid)
    mono = g.type(("DejaVuSansMono-Bold.ttf",), int(B * 1.1))
    lines: list[Line | None] = [
        (ok(rng.choice(("Spring Flowers Word Search", "Garden Word Search"))), g.type(BOLD, int(B * 1.3)), DARK, "left")
    ]
    lines += [(ok(r), mono, DARK, "left") for r in grid]
    lines += [
        None,
        (ok("Find:") + ok(" ".join(words[:4])), g.type(PRINT, B), DARK, "left"),
        (ok(" ".join(words[4:])), g.type(PRINT, B), DARK, "left"),
    ]
    stack(p, lines, 30, 30, lead=1.3)
    return p.finish((255, 255, 255), 30, "word_search", (15, 24))


# ----------------------------------------------------------------------------- out and about


def shelf_labels(g: G4) -> Finished:
    """A chemist's shelf-edge labels: products, prices, offers."""
    rng, B = g.rng, g.bigger()
    p = Panel(B)
    items = rng.sample(
        (
            (ok("Rose & Almond hand cream 75ml"), 2, 6),
            (ok("Pearl Drops toothpaste"), 2, 5),
            (ok("Sandy Beach suncream SPF30"), 4, 9),
            (ok("Grace Cole bath soak"), 3, 8),
            (ok("Baby wipes x 64"), 1, 3),
            (ok("Cotton buds 200"), 1, 2),
            (dc("Paracetamol 500mg 16 tablets", "a medicine on a shelf, nobody's"), 0.4, 1.5),
            (dc("Hayfever relief 30 tablets", "a medicine on a shelf, nobody's"), 2, 6),
            (ok("Joy reading glasses +2.0"), 6, 12),
            (ok("Will & Bill's Beard Oil"), 7, 12),
            (ok("Ivy Leaf cough syrup"), 4, 8),
            (ok("Multivitamins 60"), 3, 7),
            (ok("Travel sickness bands"), 4, 8),
            (ok("Lip balm Honey"), 1, 3),
        ),
        4,
    )
    tags = []
    for name, lo, hi in items:
        q = Panel(B)
        price = g.money(lo, hi)
        lines: list[Line | None] = [(name, g.type(BOLD, int(B * 0.9)), DARK, "left"), (ok(price), g.type(BOLD, int(B * 1.6)), DARK, "left")]
        if rng.random() < 0.35:
            lines.append(
                (ok(rng.choice(("3 for 2", "Half price", "Was 4.99", "Buy 1 get 1 free"))), g.type(BOLD, int(B * 0.9)), (200, 0, 0), "left")
            )
        else:
            lines.append(
                (ok(f"{rng.randint(1, 99)}p per {rng.choice(('100ml', '10', 'each', '100g'))}"), g.type(PRINT, int(B * 0.85)), DARK, "left")
            )
        y = stack(q, lines, 10, 10, lead=1.25)
        bar(q, rng, 12, y + 2, B * 0.9, 22)
        tags.append(q.finish(rng.choice(((255, 255, 255), (255, 240, 60))), 12, "shelf_labels"))
    x = 0.0
    for f in tags:
        b = p.stick(f, x, 0)
        x = b[2] + 10
    return p.finish(clear, 4, "shelf_labels", (17, 28))


def receipt(g: G4) -> Finished:
    """A restaurant receipt after a residents' lunch out."""
    rng, B = g.rng, g.bigger()
    p = Panel(B)
    t = g.type(MONO, B)
    place = rng.choice(("The Grace Darling Inn", "Rose & Crown", "Bill's Kitchen", "The Jolly Sailor", "Frankie's Diner"))
    lines: list[Line | None] = [
        (dc(place, "a business's own name"), g.type(("DejaVuSansMono-Bold.ttf",), B), DARK, "centre"),
        (
            dc(f"{rng.randint(1, 120)} {rng.choice(('High Street', 'Harbour Road', 'Market Place'))}", "a business's address"),
            t,
            DARK,
            "centre",
        ),
        (ok(f"Table {rng.randint(1, 30)} Covers {rng.randint(4, 12)}"), t, DARK, "left"),
        (ok(f"{g.date()} {g.clock()}"), t, DARK, "left"),
    ]
    total = 0.0
    for dish in rng.sample(
        (
            "Fish & Chips",
            "Cottage pie",
            "Ploughman's",
            "Roast of the day",
            "Jacket potato",
            "Pot of tea",
            "Lemonade",
            "Sticky toffee pud",
            "Soup of the day",
            "Pearl barley risotto",
            "Crab sandwich",
        ),
        5,
    ):
        n = rng.randint(1, 4)
        v = round(n * rng.uniform(2.5, 14.0), 2)
        total += v
        lines.append((ok(f"{n} {dish} {v:.2f}"), t, DARK, "left"))
    lines += [
        (ok(f"TOTAL {total:.2f}"), g.type(("DejaVuSansMono-Bold.ttf",), B), DARK, "left"),
        (ok("Card") + dc(f"************{rng.randint(1000, 9999)}", "a card's last digits"), t, DARK, "left"),
        (
            dc(f"VAT No. GB {rng.randint(100, 999)} {rng.randint(1000, 9999)} {rng.randint(10, 99)}", "a business's tax number"),
            t,
            DARK,
            "left",
        ),
    ]
    if rng.random() < 0.6:
        lines.append((ok("Served by:") + g.who(0.4).first(), t, DARK, "left"))
    lines.append((ok(rng.choice(("Thank you! Hope to see you again", "Thank you for dining with us"))), t, DARK, "centre"))
    stack(p, lines, 20, 20, lead=1.3)
    return p.finish(solid((252, 252, 248)), 24, "receipt", (15, 24))


def ward_sign(g: G4) -> Finished:
    """The sign at a hospital ward's entrance: ward name (often a flower or a local worthy), visiting, who is in charge."""
    rng, B = g.rng, g.bigger()
    p = Panel(B)
    t = g.type(PRINT, B)
    ward = rng.choice(("Rose Ward", "Ivy Ward", "Hazel Ward", "Primrose Unit", "Bluebell Ward", "Holly Ward", "Willow Ward"))
    lines: list[Line | None] = [
        (ok(ward), g.type(BOLD, int(B * 1.8)), (255, 255, 255), "left"),
        (ok(rng.choice(("Care of the Elderly", "Acute Medical Unit", "Orthopaedics"))), g.type(BOLD, B), (255, 255, 255), "left"),
        (ok(f"Visiting {rng.choice(('2pm - 8pm', '11am - 8pm', '2.30 - 7.30pm'))} daily"), t, (255, 255, 255), "left"),
        (ok(f"No more than {rng.randint(2, 3)} visitors per bed"), t, (255, 255, 255), "left"),
        (ok("Ward Manager:") + g.who(0.25).titled_full(), t, (255, 255, 255), "left"),
        (ok("Matron:") + g.who(0.25).full(), t, (255, 255, 255), "left"),
        (ok("Ward phone") + g.landline(EITHER), t, (255, 255, 255), "left"),
        (ok("Please use the hand gel as you come in"), t, (255, 255, 255), "left"),
    ]
    stack(p, lines, 40, 40, lead=1.45)
    return p.finish(solid(rng.choice(((0, 94, 184), (0, 48, 135), (65, 182, 230)))), 40, "ward_sign", (15, 28))


def street_corner(g: G4) -> Finished:
    """A street name plate over a bus-stop flag: a public place, route numbers, the stop's letter."""
    rng, B = g.rng, g.bigger()
    p = Panel(B)
    plate_t = g.type(("DejaVuSans-Bold.ttf", "DejaVuSansCondensed-Bold.ttf"), int(B * 1.6))
    q = Panel(B)
    here, there = rng.sample(STREETS, 2)
    y = stack(q, [(dc(here.upper(), "a public street"), plate_t, DARK, "centre")], 20, 16)
    if rng.random() < 0.5:
        stack(
            q,
            [
                (
                    dc(f"{rng.choice(('LEADING TO', 'FOR'))} {there.upper()}", "a public street"),
                    g.type(BOLD, int(B * 0.9)),
                    DARK,
                    "centre",
                )
            ],
            20,
            y,
        )
    name_plate = q.finish(solid((255, 255, 255), DARK, 8), 20, "street_corner")
    s = Panel(B)
    routes = sorted(rng.sample(("1", "7", "12", "14A", "23", "36", "47", "52", "59", "X4", "X12", "100", "N5"), rng.randint(2, 4)))
    towards = rng.choice(("Town Centre", "Royal Infirmary", "Bus Station", "Retail Park", "Sandy Lane Estate"))
    stack(
        s,
        [
            (ok(f"Stop {rng.choice('ABCDEFHKLMP')}"), g.type(BOLD, B), (255, 255, 255), "left"),
            (ok(" ".join(routes)), g.type(BOLD, int(B * 1.4)), (255, 255, 255), "left"),
            (ok("towards") + ok(towards), g.type(PRINT, B), (255, 255, 255), "left"),
            (ok(f"Every {rng.choice((10, 12, 15, 20, 30))} mins Mon-Sat"), g.type(PRINT, int(B * 0.9)), (255, 255, 255), "left"),
        ],
        16,
        16,
        lead=1.4,
    )
    flag = s.finish(solid(rng.choice(((200, 20, 30), (0, 80, 150), (20, 110, 60)))), 20, "street_corner")
    p.stick(name_plate, 0, 0)
    fb = p.stick(flag, rng.uniform(40, 200), name_plate.img.size[1] + rng.uniform(40, 200))
    if rng.random() < 0.75:  # a disabled bay kept for one resident's car, marked with its plate
        r = Panel(B)
        stack(
            r,
            [
                (ok("DISABLED BADGE HOLDER ONLY"), g.type(BOLD, B), (255, 255, 255), "left"),
                (ok("Reserved for vehicle"), g.type(PRINT, B), (255, 255, 255), "left"),
                (g.plate(), g.type(BOLD, int(B * 1.3)), (255, 255, 255), "left"),
            ],
            14,
            14,
            lead=1.35,
        )
        p.stick(r.finish(solid((0, 70, 160), (255, 255, 255), 6), 18, "street_corner"), fb[2] + rng.uniform(30, 90), fb[1])
    return p.finish(clear, 4, "street_corner", (16, 30))


def memory_cafe(g: G4) -> Finished:
    """A poster for a memory cafe in a church hall."""
    rng, B = g.rng, g.bigger()
    p = Panel(B)
    t = g.type(PRINT, B)
    host = g.who(0.4)
    hall = rng.choice(("St Hilda's Church Hall", "Quaker Meeting House", "Trinity Methodist Hall", "Hope Community Centre"))
    lines: list[Line | None] = [
        (
            ok(rng.choice(("Forget-Me-Not Memory Cafe", "The Thursday Memory Cafe", "Memory Lane Cafe"))),
            g.type(BOLD, int(B * 1.6)),
            (60, 40, 140),
            "centre",
        ),
        (dc("for people living with dementia", "a health word about nobody") + ok("and those who care for them"), t, DARK, "centre"),
        (
            ok(f"Every {rng.choice(('2nd Tuesday', 'Thursday', 'last Friday'))} {rng.choice(('2 - 4pm', '10.30 - 12', '1.30 - 3.30pm'))}"),
            t,
            DARK,
            "centre",
        ),
        (dc(hall, "a public place") + dc(f", {rng.choice(STREETS)}", "a public street"), t, DARK, "centre"),
        (ok("Tea, cake, music and a warm welcome. Free - donations welcome."), t, DARK, "centre"),
        (ok("Just come along, or ring") + host.first() + ok("on") + g.mobile(), t, DARK, "centre"),
    ]
    if rng.random() < 0.4:
        lines.append((ok("or email") + g.email(host), t, DARK, "centre"))
    stack(p, lines, 40, 40, lead=1.5)
    return p.finish(solid((240, 236, 252), (60, 40, 140), 10), 40, "memory_cafe", (15, 26))


def window_cards(g: G4) -> Finished:
    """Handwritten postcards in a newsagent's window."""
    rng, B = g.rng, g.bigger()
    p = Panel(B)
    cards = []
    kinds = rng.sample(("ironing", "sale", "lost", "room", "lessons", "gardener", "car"), 3)
    for kind in kinds:
        q = Panel(B)
        h, col = biro(g, B), ink(g)
        who = g.hand_who(0.45)
        head = {
            "ironing": "IRONING DONE",
            "sale": "FOR SALE",
            "lost": "LOST",
            "room": "ROOM TO LET",
            "lessons": "PIANO LESSONS",
            "gardener": "GARDENER AVAILABLE",
            "car": "CAR FOR SALE",
        }[kind]
        body = {
            "ironing": "Reasonable rates, collect and deliver",
            "sale": f"Single bed, good as new, {rng.randint(20, 80)} pounds ono",
            "lost": "Gold ring near the Co-op, great sentimental value, reward",
            "room": "Suit working person, bills included",
            "lessons": "All ages, grades 1 to 8, first lesson free",
            "gardener": "Hedges, lawns, patios. No job too small",
            "car": f"{rng.choice(('Ford Fiesta', 'Honda Jazz', 'Skoda Fabia'))} {rng.randint(2009, 2019)}, {rng.randint(30, 99)},000 miles",
        }[kind]
        lines: list[Line | None] = [(ok(head), marker(g, int(B * 1.2)), col, "left"), (ok(body), h, col, "left")]
        if kind == "car":
            lines.append((ok("Reg") + g.plate() + ok(f"MOT till {rng.choice(MONTHS)}"), h, col, "left"))
        lines.append((ok("Ring") + who.first() + g.phone(), h, col, "left"))
        if kind == "lessons" or rng.random() < 0.2:
            lines.append((ok("or email") + g.email(who), h, col, "left"))
        stack(
            q,
            lines,
            14,
            14,
            lead=1.5,
        )
        cards.append(q.finish((255, 255, 255), 20, "window_cards"))
    two_a_row(p, cards, 0, rng, 3)
    return p.finish(clear, 4, "window_cards", (15, 24))


def missing_pet(g: G4) -> Finished:
    """A missing-cat poster on a lamp post."""
    rng, B = g.rng, g.bigger()
    p = Panel(B)
    t = g.type(BOLD, B)
    owner = g.who(0.35)
    pet = rng.choice(("Biscuit", "Tigger", "Smudge", "Pepper", "Sandy", "Bill", "Mr Whiskers", "Rosie"))
    lines: list[Line | None] = [
        (ok("MISSING CAT"), g.type(BOLD, int(B * 2)), (200, 0, 0), "centre"),
        (
            dc(pet, "a pet's name")
            + ok(rng.choice(("- ginger tom, very friendly", "- black and white, shy", "- tabby, wears a blue collar"))),
            t,
            DARK,
            "centre",
        ),
        (
            ok(f"Last seen {rng.choice(('Monday', 'Saturday night', '3rd June'))} near") + dc(rng.choice(STREETS), "a public street"),
            t,
            DARK,
            "centre",
        ),
        (ok("Please check sheds and garages"), t, DARK, "centre"),
        (ok("Call") + owner.first() + g.mobile(), g.type(BOLD, int(B * 1.2)), DARK, "centre"),
    ]
    stack(p, lines, 40, 40, lead=1.5)
    return p.finish(solid((255, 255, 255)), 40, "missing_pet", (15, 26))


def job_poster(g: G4) -> Finished:
    """A "We're hiring" poster in a care home's window."""
    rng, B = g.rng, g.bigger()
    p = Panel(B)
    t = g.type(PRINT, B)
    home = rng.choice(("Sunnyside Lodge", "Rose Court Care Home", "The Willows", "Grace House Nursing Home"))
    lines: list[Line | None] = [
        (ok("WE'RE HIRING!"), g.type(BOLD, int(B * 1.9)), (230, 100, 0), "centre"),
        (
            ok(rng.choice(("Care Assistants - days and nights", "Senior Carer (nights)", "Cook, 30 hours", "Activities Coordinator"))),
            g.type(BOLD, B),
            DARK,
            "centre",
        ),
        (
            ok(f"£{rng.choice(('12.60', '12.85', '13.40', '14.10'))} an hour, {rng.choice(('37.5', '30', '22.5'))} hours a week"),
            t,
            DARK,
            "centre",
        ),
        (ok("Paid training, free meals on shift, 28 days holiday"), t, DARK, "centre"),
        (ok("Will you make a difference? Pop in for a chat"), t, DARK, "centre"),
        (ok("Call") + dc(home, "the home's own name") + dc("on", "") + g.landline(EITHER), t, DARK, "centre"),
        (
            ok("or email") + dc(f"jobs@{home.lower().replace(' ', '').replace('the', '')}.co.uk", "a business's own address"),
            t,
            DARK,
            "centre",
        ),
    ]
    if rng.random() < 0.5:
        boss = g.who(0.3)
        lines.append((ok("Ask for") + boss.full() + ok("- Home Manager"), t, DARK, "centre"))
        if rng.random() < 0.6:
            lines.append((ok("or write to") + g.email(boss), t, DARK, "centre"))
    stack(p, lines, 40, 40, lead=1.5)
    return p.finish(solid((255, 250, 240), (230, 100, 0), 10), 40, "job_poster", (15, 26))


def bin_calendar(g: G4) -> Finished:
    """A council bin collection calendar on a fridge, with the address label it was printed for."""
    rng, B = g.rng, g.bigger()
    p = Panel(B)
    t = g.type(PRINT, B)
    lines: list[Line | None] = [
        (
            ok(rng.choice(("Your bin collection dates", "Waste and recycling calendar 2026"))),
            g.type(BOLD, int(B * 1.3)),
            (0, 100, 60),
            "left",
        ),
        (dc("Collections for:", "field label") + g.street(), t, DARK, "left"),
    ]
    months = rng.sample(MONTHS[:6], 3) if rng.random() < 0.5 else rng.sample(MONTHS[6:], 3)
    for mon in [m for m in MONTHS if m in months]:
        days = sorted(rng.sample(range(1, 29), 3))
        lines.append((ok(f"{mon}: grey {days[0]}, blue {days[1]}, garden {days[2]}"), t, DARK, "left"))
    lines += [
        (ok("Put bins out by 7am. No side waste."), t, DARK, "left"),
        (ok("Bank holiday? Collections move to Saturday."), t, DARK, "left"),
    ]
    stack(p, lines, 30, 30, lead=1.45)
    return p.finish(solid((245, 252, 246), (0, 100, 60), 8), 34, "bin_calendar", (15, 24))


def surgery_board(g: G4) -> Finished:
    """A GP surgery's waiting-room whiteboard: today's doctors, delays, the flu clinic, missed appointments."""
    rng, B = g.rng, g.bigger()
    p = Panel(B)
    t = marker(g, B)
    col = rng.choice(((20, 20, 140), (20, 20, 20)))
    docs = [g.hand_who(0.25) for _ in range(rng.randint(2, 3))]
    lines: list[Line | None] = [(ok("TODAY'S CLINICIANS"), marker(g, int(B * 1.3)), (0, 94, 184), "left")]
    for d in docs:
        lines.append(
            (dc("Dr", "title") + (d.full() if rng.random() < 0.5 else surname(d)) + ok(f"room {rng.randint(1, 9)}"), t, col, "left")
        )
    lines.append((ok("Nurse") + g.hand_who(0.4).first() + ok("- bloods until 11.30"), t, col, "left"))
    late = docs[0]
    lines += [
        (dc("Dr", "title") + surname(late) + ok(f"is running {rng.choice((15, 20, 30, 40))} mins late - sorry!"), t, (180, 20, 20), "left"),
        (dc("Flu clinic", "a health word about nobody") + ok(f"Saturday {ordinal(rng.randint(1, 28))} 9 - 12"), t, col, "left"),
        (ok(f"{rng.randint(90, 260)} appointments missed last month"), t, col, "left"),
    ]
    if rng.random() < 0.75:
        lines.append((ok("Would the owner of") + g.plate() + ok("please move it from the ambulance bay"), t, (180, 20, 20), "left"))
    stack(p, lines, 40, 35, lead=1.5)
    return p.finish(solid((248, 248, 248), (170, 170, 175), 14), 40, "surgery_board", (15, 28))


LAYOUTS = {
    "repeat_slip": repeat_slip,
    "appointment_letter": appointment_letter,
    "foodbank_voucher": foodbank_voucher,
    "postcard": postcard,
    "door_note": door_note,
    "order_of_service": order_of_service,
    "bingo_board": bingo_board,
    "sports_day": sports_day,
    "you_said": you_said,
    "flu_list": flu_list,
    "tea_round": tea_round,
    "secret_santa": secret_santa,
    "volunteer_thanks": volunteer_thanks,
    "table_plan": table_plan,
    "photo_frame": photo_frame,
    "word_search": word_search,
    "shelf_labels": shelf_labels,
    "receipt": receipt,
    "ward_sign": ward_sign,
    "street_corner": street_corner,
    "memory_cafe": memory_cafe,
    "window_cards": window_cards,
    "missing_pet": missing_pet,
    "job_poster": job_poster,
    "bin_calendar": bin_calendar,
    "surgery_board": surgery_board,
}


# ----------------------------------------------------------------------------- the set


generate = blind.set_generator(
    LAYOUTS,
    G4,
    "_blindd",
    "Fourth blind set of care paperwork, boards and street scenes (benchmarks/gen_text_blind4.py, seed {seed})",
    RESERVED_SEED,
)


def main(argv: list[str] | None = None) -> int:
    return blind.main(argv, make=generate, reserved=RESERVED_SEED, doc=__doc__)


if __name__ == "__main__":
    raise SystemExit(main())
