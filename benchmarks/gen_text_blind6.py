"""Generate a sixth blind test set of care-agency sheets, posters and keepsakes on real photos, in the format of ``text_pii``.

Written for issue #21 by someone who had not read the text rules (nothing
under ``src/mediascrub``), their tests, their word lists, the care-term lists
nor the README, and who never ran the classifier on this set. Only the five
earlier blind generators were read, for their machinery (panels, type,
placement, label definitions and command line of ``gen_text_blind.py``; line
stacking and handwriting of ``gen_text_blind2.py``; ``Who`` and helpers of
``gen_text_blind3.py``; the number, e-mail, date-of-birth and plate makers of
``gen_text_blind4.py``; ``G5`` and its small helpers of ``gen_text_blind5.py``,
all imported, not copied) and for the layouts they already draw, so that none
is drawn again here. The people, streets, medicines and everyday words are
this file's own. Meant to be run **once**, by the coordinator, on the final
code, with the reserved seed 616161 (``bench_text_heldout.py --layouts
blind6``); any other seed is for looking at the generator only, and a figure
from a second run of 616161 is no longer blind.

Twenty-six layouts, each drawn as a panel and stuck onto a WIDER FACE
validation photo (``gen_text_blind.place``: perspective, tilt, lighting,
softening, sensor noise):

- about one person (other words ``dontcare``): a dispensed medicine box
  label, a fit note, a Gift Aid declaration, a home-care communication book
  page;
- a home's or day centre's walls and tables: a breakfast order sheet, a
  visiting-hours sign, a safeguarding-lead poster, an outing sign-up sheet, a
  tuck-shop tab list, a chair-exercise class register, a hearing-aid check
  log, labels on wheelchairs and frames, a home-care round run sheet;
- keepsakes and letters: a reminiscence family tree, a scrapbook page of
  captions, a school pen-pal letter, a party invitation, a family recipe card;
- community: a gardening-club seed swap list, a quiz answer sheet, a village
  hall booking board, a church flower rota, a cake sale price list, a
  football team sheet, a whist drive score card, a tea dance poster.

Words that are also given names (Rose, May, Grace, Hope, Bill, Frank, Joy,
Sandy, Will, Art, Pat, Chase, Honey, Charity, Mercy, Faith, Dawn, Ivy, Holly,
Robin, Jack ...) come both as people's names, in many sentence and list
positions, and in plain ones ("Honey flapjack", "Sweet William", "Holly
wreaths", "Robin Hood", "Jack Russell", "Victoria sponge", "Chelsea bun").

Labels follow ``gen_text_blind.py``'s definitions (its docstring): must-hide
``person_name``, ``phone``, ``email``, ``id_number`` (NHS, hospital, staff,
a donor number, a client's key-safe code), ``date_of_birth``,
``plate``, ``health``, ``address``; ``benign`` should stay; ``dontcare`` either
way (the other words on a paper that exists to carry one person's details,
titles and initials, field labels, a business's or service's own name and
number, towns, public figures, birthdays without a year, ages, years of birth
and death on a family tree, an equipment serial number, health words about
nobody). A room number next to a named resident is ``address``; staff,
relatives, volunteers, players and bakers are people too.

    python benchmarks/gen_text_blind6.py --out /tmp/blind6 --seed 7 [--images 60] [--png-dir /tmp/look]

The photos are research data: write them to a temporary folder, never into the repository.
"""

from __future__ import annotations

import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "benchmarks"))

# the drawing, placing and labelling machinery of the earlier blind sets, so all six are rendered and scored alike
import gen_text_blind as blind  # noqa: E402
from gen_text_blind import (  # noqa: E402
    ADDR,
    BOLD,
    EITHER,
    ID,
    MONO,
    NAME,
    PRINT,
    Finished,
    Panel,
    T,
    Tok,
    solid,
    textured,
)
from gen_text_blind2 import Line, biro, dc, ink, marker, ok, stack  # noqa: E402
from gen_text_blind3 import MONTHS, Who, clear, hl, on_card, two_a_row  # noqa: E402
from gen_text_blind4 import DARK, possessive  # noqa: E402
from gen_text_blind5 import G5, bracket, glue  # noqa: E402

RESERVED_SEED = 616161

# ----------------------------------------------------------------------------- people (written by hand for this set)

# (women, men) per community
GIVEN: dict[str, tuple[tuple[str, ...], tuple[str, ...]]] = {
    "british_irish": (
        ("Winifred", "Dorothy", "Elsie", "Marjorie", "Beryl", "Glenys", "Morag", "Siobhan", "Aoife", "Tegan", "Kerensa", "Shirley"),
        ("Cyril", "Dennis", "Clifford", "Bryn", "Iolo", "Fergus", "Padraig", "Declan", "Trystan", "Malcolm", "Stanley"),
    ),
    "caribbean": (("Hyacinth", "Cynthia", "Claudette", "Merline"), ("Winston", "Delroy", "Errol", "Lloyd")),
    "african": (
        ("Folasade", "Ngozi", "Akosua", "Ifeoma", "Fatmata", "Ayaan", "Hodan", "Selamawit", "Nyambura", "Tendai", "Thandiwe", "Nyibol"),
        ("Babajide", "Emeka", "Kwabena", "Osaro", "Abdirahman", "Yonas", "Mwangi", "Farai", "Sipho", "Deng", "Mamadou"),
    ),
    "south_asian": (
        ("Jaswinder", "Parminder", "Bhavna", "Lakshmi", "Thulasi", "Rukhsana", "Shamima", "Farzana", "Pemba", "Dilrukshi"),
        ("Jasbir", "Kuldip", "Hitesh", "Murugan", "Tariq", "Abdul Karim", "Mizanur", "Nawaz", "Pasang", "Ruwan"),
    ),
    "east_se_asian": (
        ("Siu Fong", "Yan", "Thuy", "Ligaya", "Maricel", "Nwe", "Keiko", "Seo-yeon"),
        ("Wing Hong", "Jianguo", "Quang", "Rogelio", "Thant", "Takeshi", "Dong-hyun"),
    ),
    "european": (
        ("Halina", "Teresa", "Ioana", "Rumyana", "Ilze", "Jurgita", "Mirela", "Conceição", "Assunta", "Despina", "Zeynep", "Rojda"),
        ("Zbigniew", "Tadeusz", "Vasile", "Stoyan", "Aivars", "Arben", "Joaquim", "Gennaro", "Stavros", "Mehmet", "Serhiy", "Shlomo"),
    ),
    "west_asian_arab": (("Farideh", "Marzieh", "Zarghona", "Huda", "Samira"), ("Bahram", "Hamid", "Wahidullah", "Walid", "Yousef")),
    "other": (("Kahurangi", "Losa", "Xochitl", "Ayelen"), ("Wiremu", "Tevita", "Joaquín", "Thiago")),
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
            "Honey",
            "Charity",
            "Mercy",
            "Faith",
            "Dawn",
            "Ivy",
            "Holly",
            "Robin",
            "Blossom",
            "Pearl",
            "Lily",
            "Clover",
            "Meadow",
            "Comfort",
            "Unity",
        ),
        (
            "Bill",
            "Frank",
            "Will",
            "Art",
            "Pat",
            "Chase",
            "Sandy",
            "Robin",
            "Jack",
            "Ray",
            "Glen",
            "Dale",
            "Rich",
            "Bob",
            "Sterling",
            "Clay",
            "Reed",
            "Forest",
            "Noble",
            "Godspower",
        ),
    ),
}
FAMILY: dict[str, tuple[str, ...]] = {
    "british_irish": (
        "Oakshott",
        "Tregenza",
        "Pugh",
        "Llewellyn",
        "Macaulay",
        "Docherty",
        "Fennelly",
        "Ramsbottom",
        "Entwistle",
        "Baker",
        "Shepherd",
        "Fields",
        "Sparrow",
        "Wood",
        "Lamb",
        "Marsh",
        "Church",
        "Dove",
        "Hill",
    ),
    "caribbean": ("Campbell", "McFarlane", "Thompson-Hyde", "Bailey"),
    "african": (
        "Adeyemi",
        "Nwosu",
        "Mensah-Boateng",
        "Igbinedion",
        "Kamara",
        "Abdi",
        "Gebremariam",
        "Njoroge",
        "Moyo",
        "Dlamini",
        "Garang",
        "Diallo",
    ),
    "south_asian": ("Sandhu", "Gill", "Mistry", "Pillai", "Subramanian", "Begum", "Chowdhury", "Qureshi", "Lama", "Jayawardena"),
    "east_se_asian": ("Leung", "Zhou", "Nguyen", "Dela Cruz", "Bautista", "Aung", "Nakamura", "Kim"),
    "european": (
        "Wiśniewska",
        "Kowalczyk",
        "Popescu",
        "Georgieva",
        "Ozoliņa",
        "Kazlauskas",
        "Hoxha",
        "Ferreira",
        "Russo",
        "Georgiou",
        "Yılmaz",
        "Demir",
        "Kovalenko",
        "Goldberg",
    ),
    "west_asian_arab": ("Karimi", "Tehrani", "Popal", "Haddad", "Nasser"),
    "other": ("Ngata", "Fifita", "Hernández", "Quispe"),
}
COMMUNITIES = tuple(k for k in GIVEN if k != "word")

# ----------------------------------------------------------------------------- health, places (written by hand for this set)

MEDICINES = (
    "Donepezil",
    "Memantine",
    "Apixaban",
    "Warfarin",
    "Bisoprolol",
    "Ramipril",
    "Furosemide",
    "Metformin",
    "Levothyroxine",
    "Lansoprazole",
    "Senna",
    "Co-codamol",
    "Morphine sulfate",
    "Sertraline",
    "Mirtazapine",
    "Quetiapine",
    "Sodium valproate",
    "Levodopa",
    "Tamsulosin",
    "Salbutamol inhaler",
    "Latanoprost drops",
    "Ensure Plus",
    "Calcichew D3",
)
STRENGTHS = ("5mg", "10 mg", "20mg", "30/500", "2.5 mg", "50mg", "100mcg", "500 mg", "15mg", "40 mg", "125mg")
CONDITIONS = (
    "Alzheimer's",
    "vascular dementia",
    "a stroke",
    "diabetes",
    "COPD",
    "angina",
    "epilepsy",
    "Parkinson's",
    "osteoporosis",
    "glaucoma",
    "deafness",
    "bowel cancer",
    "anxiety",
    "bipolar disorder",
    "schizophrenia",
    "learning disability",
    "motor neurone disease",
    "a leg ulcer",
    "a UTI",
    "a fall",
    "cellulitis",
    "asthma",
)
AIDS = ("wheelchair", "walking frame", "rollator", "stick", "oxygen", "stand aid", "hoist")
DIETS = (
    "diabetic",
    "soft and bite-sized",
    "pureed",
    "thickened drinks",
    "coeliac",
    "low potassium",
    "lactose free",
    "nut allergy",
    "egg allergy",
    "fortified",
)
TOWNS = (
    ("Wigan", ("WN1", "WN5")),
    ("Barnsley", ("S70", "S71")),
    ("Ebbw Vale", ("NP23",)),
    ("Dundee", ("DD3", "DD4")),
    ("Luton", ("LU1", "LU4")),
    ("Wolverhampton", ("WV2", "WV10")),
    ("Sunderland", ("SR4", "SR5")),
    ("Leicester", ("LE2", "LE5")),
    ("Derry", ("BT47", "BT48")),
    ("Penzance", ("TR18",)),
    ("Lewisham", ("SE6", "SE13")),
    ("Bradford", ("BD3", "BD8")),
    ("Hastings", ("TN34",)),
    ("Rochdale", ("OL11", "OL12")),
)
STREETS = (
    "Honey Lane",
    "Rosebank Road",
    "Mayfield Avenue",
    "Graceland Close",
    "Hope Street",
    "Joy Lane",
    "Faith Terrace",
    "Ivy Grove",
    "Holly Walk",
    "Robin Crescent",
    "Victoria Road",
    "Florence Street",
    "Jordan Close",
    "Chelsea Gardens",
    "Mill Lane",
    "Cemetery Road",
    "Orchard Way",
    "Pit Row",
    "Tanyard Lane",
    "Brookside",
    "Jubilee Terrace",
    "Frankland Road",
    "Dawn Close",
    "Mercy Lane",
)


def name_word(text: str) -> list[Tok]:
    return [(w, NAME, "") for w in text.split()]


class G6(G5):
    """One seeded run: ``G5``'s (and ``G4``'s) makers of numbers and dates, and this set's own people, places and health words."""

    def who(self, word: float = 0.25, title: bool = True) -> Who:
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
            t = rng.choice(("Dr", "Cllr", "Rev", "Sr"))
        return Who(given, rng.choice(FAMILY[fam_from]), t, is_word)

    def street(self) -> list[Tok]:
        rng = self.rng
        num = rng.choice((str(rng.randint(1, 160)), str(rng.randint(1, 24)), f"{rng.randint(2, 70)}{rng.choice('AB')}"))
        return T(f"{num}{rng.choice(('', '', ','))} {rng.choice(STREETS)}", ADDR, "house number and street of a private address")

    def postcode(self) -> tuple[str, list[Tok]]:
        rng = self.rng
        town, outs = rng.choice(TOWNS)
        L = "ABDEFGHJLNPQRSTUWXYZ"
        pc = f"{rng.choice(outs)} {rng.randint(0, 9)}{rng.choice(L)}{rng.choice(L)}"
        return town, T(pc.replace(" ", "") if rng.random() < 0.12 else pc, ADDR, "postcode of a private address")

    def med(self) -> list[Tok]:
        rng = self.rng
        return hl(rng.choice(MEDICINES), "a named person's medicine") + [(rng.choice(STRENGTHS), "health", "strength")]

    def condition(self, why: str = "a named person's condition") -> list[Tok]:
        return hl(self.rng.choice(CONDITIONS), why)

    def aid(self) -> list[Tok]:
        return hl(self.rng.choice(AIDS), "a named person's mobility aid")

    def diet(self) -> list[Tok]:
        return hl(self.rng.choice(DIETS), "a named person's diet or allergy")

    def name(self, p: Who) -> list[Tok]:
        """A name in one of many shapes: full, first, Mrs X, initial and surname, SURNAME, Given."""
        return self.rng.choice((p.full, p.first, p.titled, p.titled_full, p.initial, p.full, p.formal, p.first))()


def sheet(
    g: G6,
    lines: list[Line | None],
    frame: tuple[int, int, int],
    kind: str,
    lead: float = 1.5,
    bg: tuple[int, int, int] = (255, 255, 255),
    size: tuple[float, float] = (15, 26),
) -> Finished:
    p = Panel(g.bigger())
    stack(p, lines, 32, 32, lead=lead)
    return p.finish(solid(bg, frame, 5), 34, kind, size)


def amp(a: list[Tok], b: list[Tok], word: str = "and") -> list[Tok]:
    return a + ok(word) + b


# ----------------------------------------------------------------------------- about one person


def medicine_box(g: G6) -> Finished:
    """The dispensing label on a box of tablets."""
    rng, B = g.rng, g.bigger()
    t = g.type(rng.choice((MONO, PRINT)), B)
    who = g.who(0.25)
    shop = rng.choice(("Boots Pharmacy", "Well Pharmacy", "Rowlands Pharmacy", "Morrisons Pharmacy", "Jordan's Chemist"))
    lines: list[Line | None] = [
        (g.med() + dc(rng.choice(("tablets", "capsules", "x 28", "x 56"))), g.type(BOLD, B), DARK, "left"),
        (
            dc(rng.choice(("Take ONE", "Take TWO", "Take ONE or TWO", "Use")))
            + dc(rng.choice(("daily", "at night", "twice a day", "in the morning", "when required"))),
            t,
            DARK,
            "left",
        ),
        (
            dc(
                rng.choice(
                    (
                        "Warning: may cause drowsiness",
                        "Swallow whole",
                        "Do not take indigestion remedies at the same time",
                        "Take with or after food",
                    )
                )
            ),
            t,
            DARK,
            "left",
        ),
        (on_card(rng.choice((who.titled_full, who.initial, who.formal, who.full))()) + dc(g.date(), "dispensing date"), t, DARK, "left"),
        (dc("DOB", "field label") + g.dob(), t, DARK, "left") if rng.random() < 0.45 else None,
        (dc(f"{shop}, {rng.randint(1, 200)} High Street", "the pharmacy's own address") + g.landline(EITHER), t, DARK, "left"),
        (dc("Keep out of the reach and sight of children"), t, DARK, "left"),
    ]
    return sheet(g, lines, (200, 200, 200), "medicine_box", lead=1.3, size=(14, 22))


def fit_note(g: G6) -> Finished:
    """A fit note (Statement of Fitness for Work) from the GP."""
    rng, B = g.rng, g.bigger()
    t, h, col = g.type(PRINT, B), biro(g, B), ink(g)
    who, gp = g.hand_who(0.25), g.hand_who(0.15)
    lines: list[Line | None] = [
        (dc("Statement of Fitness for Work", "on one person's note"), g.type(BOLD, int(B * 1.2)), (0, 90, 60), "left"),
        (dc("Patient's name", "field label") + on_card(rng.choice((who.titled_full, who.full, who.formal))()), h, col, "left"),
        (dc("I assessed your case on:", "field label") + dc(g.date(), "on one person's note"), t, DARK, "left"),
        (dc("because of the following condition(s):", "field label"), t, DARK, "left"),
        (
            g.condition()
            + (
                hl("and " + rng.choice(("low mood", "back pain", "stress at work")), "a named person's condition")
                if rng.random() < 0.4
                else []
            ),
            h,
            col,
            "left",
        ),
        (
            dc(rng.choice(("you are not fit for work", "you may be fit for work taking into account:")), "on one person's note"),
            t,
            DARK,
            "left",
        ),
        (
            dc("This will be the case for", "on one person's note")
            + dc(rng.choice(("2 weeks", "1 month", "6 weeks")), "on one person's note"),
            h,
            col,
            "left",
        ),
        (dc("Doctor's signature", "field label") + [("Dr", EITHER, "title")] + name_word(gp.family), h, col, "left"),
        (dc("DOB", "field label") + g.dob(), h, col, "left"),
        (g.nhs(label=True), h, col, "left") if rng.random() < 0.6 else None,
    ]
    return sheet(g, lines, (0, 90, 60), "fit_note", lead=1.45, bg=(245, 252, 245))


def gift_aid_form(g: G6) -> Finished:
    """A Gift Aid declaration filled in at the charity shop counter."""
    rng, B = g.rng, g.bigger()
    t, h, col = g.type(PRINT, B), biro(g, int(B * 1.1)), ink(g)
    who = g.hand_who(0.3)
    charity = rng.choice(("St Luke's Hospice", "Age Concern Shop", "Mind Charity Shop", "Sue Ryder", "The Donkey Sanctuary"))
    addr = g.address()
    lines: list[Line | None] = [
        (
            dc(f"Boost your donation by 25p of Gift Aid for every 1 pound you donate - {charity}", "on one person's form"),
            g.type(BOLD, B),
            (20, 80, 150),
            "left",
        ),
        (dc("Title", "field label") + [(who.title, EITHER, "title")] + dc("First name", "field label") + who.first(), h, col, "left"),
        (dc("Surname", "field label") + name_word(who.family), h, col, "left"),
        (dc("Home address", "field label") + addr[0], h, col, "left"),
        *[(ln, h, col, "left") for ln in addr[1:]],
        (dc("Email", "field label") + g.email(who), h, col, "left") if rng.random() < 0.7 else None,
        (dc("Phone", "field label") + g.phone(), h, col, "left") if rng.random() < 0.5 else None,
        (dc("Donor ID", "field label") + T(f"GA{rng.randint(10000, 99999)}", ID, "a donor's number"), h, col, "left")
        if rng.random() < 0.5
        else None,
        (dc("I am a UK taxpayer. Date", "on one person's form") + dc(g.date(), "on one person's form"), t, DARK, "left"),
    ]
    return sheet(g, lines, (20, 80, 150), "gift_aid_form", lead=1.45)


def comms_book(g: G6) -> Finished:
    """A page of the communication book kept in a client's home by the home-care team."""
    rng, B = g.rng, g.bigger()
    h = biro(g, int(B * 1.05))
    client = g.hand_who(0.3)
    lines: list[Line | None] = [(ok(g.date()), h, ink(g), "left")]
    for _ in range(rng.randint(3, 4)):
        carer = g.hand_who(0.35)
        c = rng.choice((0, 1, 2, 3, 4, 5, 5))
        if c == 0:
            body = ok(rng.choice(("Mum", "Dad", "Nan"))) + ok("had a good night, ate porridge with honey and a cup of tea.")
        elif c == 1:
            body = client.first() + ok("was low today, said her") + g.condition() + ok("is playing up.")
        elif c == 2:
            body = (
                ok("District nurse")
                + g.hand_who(0.2).first()
                + ok("dressed the")
                + hl("leg ulcer", "a named client's wound")
                + ok("at 11.")
            )
        elif c == 3:
            body = ok("Gave") + g.med() + ok("at 8am as per MAR.")
        elif c == 4:
            body = ok("Daughter") + g.hand_who(0.3).first() + ok("rang - call her back on") + g.mobile()
        else:
            body = rng.choice(
                (
                    ok("Bins out Thursday. Milk low. Will pick up bread from Sainsbury's."),
                    ok("Filled in the surgery form for") + client.first() + ok("- DOB") + g.dob() + ok("NHS") + g.nhs(),
                    ok("Son") + g.hand_who(0.3).first() + ok("wants updates by email:") + g.email(g.hand_who(0.3)),
                )
            )
        lines.append((body, h, ink(g), "left"))
        lines.append((ok(rng.choice(("Signed", "-", "from"))) + rng.choice((carer.first, carer.full))() + ok(g.clock()), h, ink(g), "left"))
    return sheet(g, lines, (190, 190, 210), "comms_book", lead=1.45, bg=(250, 250, 242))


# ----------------------------------------------------------------------------- walls and tables of a home or day centre


def breakfast_orders(g: G6) -> Finished:
    """Tomorrow's breakfast orders, filled in on the night round."""
    rng, B = g.rng, g.bigger()
    h, col = marker(g, B) if rng.random() < 0.4 else biro(g, B), ink(g)
    lines: list[Line | None] = [(ok(rng.choice(("Breakfast orders for", "Brekkie list -"))) + ok(g.date()), g.type(BOLD, B), DARK, "left")]
    for _ in range(rng.randint(5, 7)):
        who = g.hand_who(0.35)
        food = rng.choice(
            (
                "Porridge with honey",
                "Full English",
                "Toast and marmalade",
                "Weetabix, warm milk",
                "Boiled egg and soldiers",
                "Kippers",
                "Croissant and jam",
                "Bacon sandwich",
                "Fruit and yoghurt",
            )
        )
        row = g.room() + rng.choice((who.first, who.titled, who.full))() + ok(food)
        if rng.random() < 0.45:
            row += bracket(g.diet())
        if rng.random() < 0.2:
            row += ok(rng.choice(("tea 2 sugars", "coffee no milk", "orange juice")))
        lines.append((row, h, col, "left"))
    lines.append((ok("Kitchen closes 10.30 - any extras ask") + g.hand_who(0.4).first(), h, col, "left"))
    return sheet(g, lines, (200, 150, 60), "breakfast_orders", lead=1.5)


def visiting_hours(g: G6) -> Finished:
    """The visiting-hours sign at the door, with the manager's name."""
    rng, B = g.rng, g.bigger()
    t = g.type(PRINT, B)
    mgr, dep = g.who(0.3), g.who(0.3)
    home = rng.choice(("Rose Court", "Hope House", "The Hollies", "Victoria Lodge", "Florence Gardens"))
    lines: list[Line | None] = [
        (dc(f"Welcome to {home}", "the home's own name"), g.type(BOLD, int(B * 1.5)), (60, 30, 110), "centre"),
        (ok("Visiting hours"), g.type(BOLD, B), DARK, "centre"),
        (ok(f"Every day {rng.choice(('10am', '10.00', '9.30am'))} - {rng.choice(('8pm', '8.00pm', '7.30pm'))}"), t, DARK, "centre"),
        (ok("Protected mealtimes 12.00 - 1.30 and 5.00 - 6.00"), t, DARK, "centre"),
        (ok("Please sign in and use the hand gel. Children and dogs on leads welcome."), t, DARK, "centre"),
        (ok("Registered manager:") + rng.choice((mgr.full, mgr.titled_full))(), t, DARK, "centre"),
        (
            ok("Deputy") + dep.full() + ok("is here weekends") if rng.random() < 0.6 else ok("May we ask you to stay home if unwell."),
            t,
            DARK,
            "centre",
        ),
        (ok("Concerns? Speak to") + mgr.first() + ok("or ring") + g.landline(EITHER), t, DARK, "centre"),
        (ok("Would the owner of") + g.plate() + ok("please not park in the ambulance bay"), t, (170, 20, 40), "centre")
        if rng.random() < 0.5
        else None,
        (ok("or email") + g.email(mgr), t, DARK, "centre") if rng.random() < 0.75 else None,
    ]
    return sheet(g, lines, (60, 30, 110), "visiting_hours", lead=1.5, size=(15, 26))


def safeguarding_poster(g: G6) -> Finished:
    """ "Worried about someone?" with the safeguarding lead's photo and numbers."""
    rng, B = g.rng, g.bigger()
    p = Panel(B)
    t = g.type(PRINT, B)
    lead, dep = g.who(0.3), g.who(0.3)
    y = 30.0
    p.line(
        ok(rng.choice(("Worried about someone?", "Safeguarding is everyone's business", "See it, hear it, report it"))),
        g.type(BOLD, int(B * 1.4)),
        30,
        y,
        (170, 20, 40),
    )
    y += B * 2.2
    p.photo(g.portrait(), 30, y, int(B * 5))
    x = 30 + B * 5.6
    lines: list[Line | None] = [
        (ok("Our safeguarding lead is"), t, DARK, "left"),
        (rng.choice((lead.full, lead.titled_full))(), g.type(BOLD, B), DARK, "left"),
        (ok("You can talk to") + lead.first() + ok("in confidence on"), t, DARK, "left"),
        (g.mobile() if rng.random() < 0.6 else g.landline(), t, DARK, "left"),
        (g.email(lead), t, DARK, "left") if rng.random() < 0.8 else None,
        (ok("If") + lead.first() + ok("is away, ask") + dep.full() + bracket(ok("deputy")), t, DARK, "left"),
        (ok("Out of hours: Council duty team") + g.landline(EITHER), t, DARK, "left"),
        (ok("In an emergency always dial 999"), g.type(BOLD, B), (170, 20, 40), "left"),
    ]
    stack(p, lines, x, y, lead=1.5)
    return p.finish(solid((255, 255, 255), (170, 20, 40), 8), 34, "safeguarding_poster", (15, 26))


def outing_signup(g: G6) -> Finished:
    """A sign-up sheet for a day out."""
    rng, B = g.rng, g.bigger()
    t, h = g.type(BOLD, B), biro(g, B)
    place = rng.choice(
        (
            "Chelsea Flower Show",
            "Florence Park",
            "Victoria Pier",
            "Jordan's Farm Shop",
            "the Sandy Bay garden centre",
            "Holly Hill Garden Centre",
        )
    )
    lines: list[Line | None] = [
        (ok(f"Day trip to {place}"), g.type(BOLD, int(B * 1.3)), (10, 90, 150), "left"),
        (ok(f"{g.date()} - minibus leaves {g.clock()}, back for tea. 12 seats, bring a coat!"), g.type(PRINT, B), DARK, "left"),
        (ok("Put your name below:"), t, DARK, "left"),
    ]
    for i in range(rng.randint(5, 8)):
        who = g.hand_who(0.35)
        row = ok(f"{i + 1}.") + rng.choice((who.full, who.first, who.titled, who.initial))()
        c = rng.random()
        if c < 0.3:
            row += bracket(g.aid())
        elif c < 0.5:
            row += g.room()
        elif c < 0.6:
            row += ok("+ daughter") + g.hand_who(0.3).first()
        lines.append((row, h, ink(g), "left"))
    lines.append((ok("Escort:") + g.hand_who(0.3).full() + ok("Any questions see Robin Hood room"), g.type(PRINT, B), DARK, "left"))
    if rng.random() < 0.6:
        lines.append((ok("Minibus") + g.plate() + ok("- driver") + g.hand_who(0.3).first() + g.mobile(), g.type(PRINT, B), DARK, "left"))
    return sheet(g, lines, (10, 90, 150), "outing_signup", lead=1.45)


def tuck_shop(g: G6) -> Finished:
    """The tuck-shop trolley's tab list."""
    rng, B = g.rng, g.bigger()
    h, col = biro(g, B), ink(g)
    lines: list[Line | None] = [(ok("Tuck shop trolley - tabs to pay at the office"), g.type(BOLD, B), DARK, "left")]
    for _ in range(rng.randint(5, 7)):
        who = g.hand_who(0.35)
        items = rng.sample(
            (
                "Quality Street",
                "Murray Mints",
                "Werther's",
                "Mars bar",
                "Jaffa Cakes",
                "Daily Mail",
                "Bella magazine",
                "Rose's lime cordial",
                "Lucozade",
                "Jelly Babies",
                "Twix",
                "shampoo",
            ),
            2,
        )
        pence = rng.randint(80, 900)
        lines.append(
            (
                rng.choice((who.titled, who.first, who.full))()
                + rng.choice((g.room, g.room_no))()
                + ok(", ".join(items))
                + ok(f"{pence // 100}.{pence % 100:02d}"),
                h,
                col,
                "left",
            )
        )
    lines.append((ok("Trolley comes round Tues & Fri with") + g.hand_who(0.4).first(), h, col, "left"))
    return sheet(g, lines, (120, 60, 20), "tuck_shop", lead=1.5, bg=(255, 252, 235))


def exercise_register(g: G6) -> Finished:
    """A chair-exercise class register."""
    rng, B = g.rng, g.bigger()
    t, h = g.type(PRINT, B), biro(g, B)
    teacher = g.who(0.3)
    cls = rng.choice(("Joy of Movement", "Chair yoga", "Move It or Lose It", "Seated Zumba Gold", "Tai chi"))
    lines: list[Line | None] = [
        (ok(f"{cls} - register"), g.type(BOLD, int(B * 1.2)), (0, 110, 100), "left"),
        (ok("Instructor:") + teacher.full() + ok(f"Weeks 1-6, {rng.choice(('Mon', 'Wed', 'Fri'))} {g.clock()}"), t, DARK, "left"),
    ]
    for _ in range(rng.randint(5, 7)):
        who = g.hand_who(0.35)
        ticks = " ".join(rng.choice(("/", "/", "x", "A")) for _ in range(rng.randint(3, 6)))
        row = rng.choice((who.formal, who.full, who.initial, who.first))() + ok(ticks)
        if rng.random() < 0.3:
            row += hl(
                rng.choice(("no arm work - shoulder", "seated only, falls risk", "angina - go gently", "hip replacement Feb")),
                "about a named member",
            )
        lines.append((row, h, ink(g), "left"))
    lines.append((ok("x = away, A = apologies. Class capacity 15."), t, DARK, "left"))
    if rng.random() < 0.7:
        lines.append((ok("Can't come? Email") + g.email(teacher), t, DARK, "left"))
    return sheet(g, lines, (0, 110, 100), "exercise_register", lead=1.5)


def hearing_aid_log(g: G6) -> Finished:
    """The weekly hearing-aid battery check log."""
    rng, B = g.rng, g.bigger()
    t, h = g.type(PRINT, B), biro(g, B)
    lines: list[Line | None] = [
        (ok("Hearing aid checks - change batteries every Monday"), g.type(BOLD, B), (130, 40, 130), "left"),
        (ok("Resident / Room / Which ear / Done by"), t, DARK, "left"),
    ]
    for _ in range(rng.randint(4, 6)):
        who, staff = g.hand_who(0.35), g.hand_who(0.4)
        lines.append(
            (
                rng.choice((who.full, who.titled, who.first))()
                + g.room()
                + hl(rng.choice(("left aid", "right aid", "both aids", "L + R", "cochlear implant")), "a named resident's aid")
                + ok(rng.choice(("done", "new size 312", "whistling - see audiology", "done 9/3")))
                + staff.first()
                + (T(f"A{rng.randint(1000000, 9999999)}", ID, "a named resident's audiology number") if rng.random() < 0.25 else []),
                h,
                ink(g),
                "left",
            )
        )
    lines.append((ok("Spare batteries in the top drawer. Clinic number") + g.landline(EITHER), t, DARK, "left"))
    return sheet(g, lines, (130, 40, 130), "hearing_aid_log", lead=1.5)


def equipment_tags(g: G6) -> Finished:
    """Name labels on wheelchairs, frames and cushions."""
    rng, B = g.rng, g.bigger()
    p = Panel(B)
    tags = []
    for _ in range(rng.randint(3, 4)):
        q = Panel(B)
        who = g.hand_who(0.35)
        kind = rng.choice(("Wheelchair", "Walking frame", "Pressure cushion", "Rollator", "Commode", "Hoist sling"))
        hand = rng.random() < 0.5
        t = marker(g, B) if hand else g.type(BOLD, B)
        stack(
            q,
            [
                (ok(f"{kind} - property of") if rng.random() < 0.6 else ok("This belongs to"), g.type(PRINT, int(B * 0.9)), DARK, "left"),
                (rng.choice((who.full, who.titled_full, who.initial, who.first))(), t, DARK, "left"),
                (g.room(), t, DARK, "left") if rng.random() < 0.8 else None,
                (
                    dc("Client no", "field label") + T(f"WS{rng.randint(100000, 999999)}", ID, "a named user's wheelchair-service number"),
                    g.type(MONO, int(B * 0.8)),
                    DARK,
                    "left",
                )
                if rng.random() < 0.35
                else None,
                (dc("DOB", "field label") + g.dob(), g.type(MONO, int(B * 0.8)), DARK, "left") if rng.random() < 0.3 else None,
                (
                    dc("Serial", "field label")
                    + dc(f"{rng.choice(('SN', 'WC', 'RF'))}{rng.randint(100000, 999999)}", "an equipment serial number")
                    + ok(f"Service due {rng.choice(MONTHS)[:3]} 2027"),
                    g.type(MONO, int(B * 0.8)),
                    DARK,
                    "left",
                )
                if rng.random() < 0.6
                else None,
            ],
            20,
            20,
            lead=1.4,
        )
        tags.append(q.finish(solid(rng.choice(((255, 255, 255), (255, 250, 200), (220, 240, 255))), (60, 60, 60), 3), 18, "tag"))
    two_a_row(p, tags, 20, rng, 5)
    return p.finish(clear, 4, "equipment_tags", (15, 24))


def round_sheet(g: G6) -> Finished:
    """The run sheet of a home-care round (clients, addresses, key-safe notes)."""
    rng, B = g.rng, g.bigger()
    t = g.type(rng.choice((MONO, PRINT)), int(B * 0.95))
    carer = g.who(0.3)
    lines: list[Line | None] = [
        (ok("Round 4") + ok("- carer:") + carer.full() + ok(g.date()), g.type(BOLD, B), DARK, "left"),
    ]
    for clk in g.clocks(rng.randint(4, 6), (7, 0), (30, 75)):
        who = g.who(0.3)
        row = ok(clk) + rng.choice((who.first, who.titled, who.full))() + g.street()
        c = rng.random()
        if c < 0.35:
            row += ok("key safe") + T(f"{rng.randint(1000, 9999)}", ID, "a client's key-safe code")
        elif c < 0.6:
            row += ok(rng.choice(("meds", "double up", "shower", "lunch + meds"))) + bracket(g.aid())
        elif c < 0.7:
            row += ok("call ahead") + g.phone()
        elif c < 0.8:
            row += ok("new client, DOB") + g.dob()
        else:
            row += ok(rng.choice(("back door", "ring twice", "dog - shut in kitchen", "parking at Morrisons")))
        if rng.random() < 0.35:
            row += bracket(dc("ID", "field label") + T(str(rng.randint(10000, 99999)), ID, "a client's number"))
        lines.append((row, t, DARK, "left"))
    lines.append((ok("Office") + g.landline(EITHER) + ok("- travel time 10 mins between calls"), t, DARK, "left"))
    if rng.random() < 0.5:
        lines.append((ok("Pool car") + g.plate() + ok("- fuel card in the glovebox"), t, DARK, "left"))
    return sheet(g, lines, (150, 150, 150), "round_sheet", lead=1.45, size=(14, 24))


# ----------------------------------------------------------------------------- keepsakes and letters


def family_tree(g: G6) -> Finished:
    """A family tree drawn for reminiscence work."""
    rng, B = g.rng, g.bigger()
    p = Panel(B)
    h, col = marker(g, B), ink(g)
    fam = g.hand_who(0.3)
    p.line(ok("My family tree -") + possessive(fam) + ok("story"), g.type(BOLD, int(B * 1.2)), 40, 30, DARK)

    def box(who: Who, x: float, y: float, years: bool, role: str) -> float:
        """A name in a box (with years and who they were); returns the box's right edge."""
        right = p.line(who.full() if rng.random() < 0.7 else who.first(), h, x, y, col)
        if years:
            b = rng.randint(1900, 1940)
            right = max(
                right,
                p.line(
                    dc(f"{b}-{b + rng.randint(50, 95)}", "years of birth and death on a family tree") + ok(role), h, x, y + h.h * 1.3, col
                ),
            )
        p.rect((x - 12, y - 10, right + 12, y + h.h * (2.6 if years else 1.4)), outline=(120, 120, 120), width=2)
        return right + 12

    y = 30 + B * 2.4
    gp1, gp2 = g.hand_who(0.35), g.hand_who(0.35)
    box(gp2, box(gp1, 40, y, True, "Grandad") + B * 2, y, True, "Nan")
    y += B * 4
    p.line(ok("married") + ok(f"{rng.randint(1945, 1965)} at St Mary's"), h, 40 + B * 5, y, col)
    if rng.random() < 0.7:
        y += B * 1.8
        p.line(ok("Me:") + fam.full() + ok("born") + g.dob(), h, 40, y, col)
    y += B * 2.2
    x = 40.0
    for _ in range(rng.randint(2, 3)):
        x = box(g.hand_who(0.35), x, y, False, "") + B * 1.5
    y += B * 2.4
    if rng.random() < 0.7:
        p.line(
            ok("and the grandchildren:")
            + rng.choice((g.hand_who(0.4).first, g.hand_who(0.4).full))()
            + ok(",")
            + g.hand_who(0.4).first()
            + ok("and")
            + g.hand_who(0.4).first(),
            h,
            40,
            y,
            col,
        )
    return p.finish(textured((250, 246, 235), rng.randrange(1 << 30)), 34, "family_tree", (15, 26))


def scrapbook_page(g: G6) -> Finished:
    """A scrapbook page: old photos with handwritten captions."""
    rng, B = g.rng, g.bigger()
    p = Panel(B)
    h = biro(g, B)
    x, y = 30.0, 30.0
    used: set[int] = set()
    for _ in range(rng.randint(2, 3)):
        a, b = g.hand_who(0.4), g.hand_who(0.4)
        p.photo(g.portrait(), x, y, int(B * 4))
        c = rng.choice([k for k in range(5) if k not in used])
        used.add(c)
        place = rng.choice(("Blackpool", "Skegness", "Margate", "Barry Island", "Rhyl", "Whitby"))
        yr = rng.randint(1950, 1979)
        if c == 0:
            cap = a.first() + ok("and") + b.first() + ok(f"at {place}, {yr}")
        elif c == 1:
            cap = ok("Me with") + possessive(a) + ok(f"sister on the pier ({yr})")
        elif c == 2:
            cap = ok("Our May Day fete -") + name_word("Art") + ok("and") + name_word("Holly") + ok("ran the tombola!")
        elif c == 3:
            cap = ok("Left to right:") + a.first() + ok(",") + b.full() + ok(", Uncle") + g.hand_who(0.4).first()
        else:
            cap = ok(f"Wedding day {yr} -") + a.full() + ok("&") + b.full()
        p.line(cap, h, x, y + B * 5.4, ink(g))
        y += B * 7.2
    return p.finish(textured((235, 225, 205), rng.randrange(1 << 30)), 34, "scrapbook_page", (15, 26))


def pen_pal_letter(g: G6) -> Finished:
    """A letter from a school pen pal to a resident."""
    rng, B = g.rng, g.bigger()
    h, col = biro(g, int(B * 1.1)), ink(g)
    res, kid, teacher = g.hand_who(0.35), g.hand_who(0.35), g.hand_who(0.3)
    lines: list[Line | None] = [
        (ok("Dear") + rng.choice((res.first, res.titled))() + ok(","), h, col, "left"),
        (
            ok("Thank you for your letter. I liked hearing about your dog") + dc("Sandy", "a pet's name") + ok("and the war."),
            h,
            col,
            "left",
        ),
        (ok("My favourite thing is art and my best friend is") + g.hand_who(0.4).first() + ok("."), h, col, "left"),
        (teacher.titled() + ok("says we can visit you on") + ok(g.date()) + ok("."), h, col, "left"),
        (
            ok("I hope your") + g.condition("a named resident's condition") + ok("is better.")
            if rng.random() < 0.5
            else ok("Will you teach me to knit?"),
            h,
            col,
            "left",
        ),
        (ok("From your pen pal"), h, col, "left"),
        (kid.first() + ok(f"(Year {rng.randint(3, 6)}, Holly Bank Primary)"), h, col, "left"),
    ]
    return sheet(g, lines, (150, 190, 230), "pen_pal_letter", lead=1.55, bg=(255, 255, 250))


def invitation(g: G6) -> Finished:
    """An invitation to a party at the home."""
    rng, B = g.rng, g.bigger()
    t = g.type(rng.choice((PRINT, BOLD)), B)
    res, org = g.who(0.35), g.who(0.3)
    occasion = rng.choice(("Christmas party", "Summer garden party", "Diwali lunch", "Eid celebration", "Jubilee tea", ""))
    lines: list[Line | None] = [
        (ok("You are invited!"), g.type(BOLD, int(B * 1.6)), (180, 20, 60), "centre"),
        (ok("Dear") + rng.choice((res.titled_full, res.first, res.full))() + ok("and family,"), t, DARK, "centre"),
        (ok(f"please join us for our {occasion}"), t, DARK, "centre")
        if occasion
        else (
            ok("please join us to celebrate") + possessive(g.who(0.35)) + ok("100th birthday (born") + glue(g.dob(), ")"),
            t,
            DARK,
            "centre",
        ),
        (ok(f"on {g.date()} from {g.clock()} in the Victoria Hall"), t, DARK, "centre"),
        (ok("Music by") + dc("Frank and the Jukebox,", "a band's name") + ok("raffle and buffet"), t, DARK, "centre"),
        (ok("RSVP to") + org.full() + ok("on") + g.phone(), t, DARK, "centre"),
        (ok("or") + g.email(org), t, DARK, "centre") if rng.random() < 0.7 else None,
    ]
    return sheet(g, lines, (180, 20, 60), "invitation", lead=1.55, bg=(255, 250, 240))


def recipe_card(g: G6) -> Finished:
    """A family recipe card written out for the reminiscence cookbook."""
    rng, B = g.rng, g.bigger()
    h, col = biro(g, B), ink(g)
    cook = g.hand_who(0.35)
    dish = rng.choice(
        ("bread pudding", "Welsh cakes", "jollof rice", "dal with spinach", "pierogi", "honey cake", "Eccles cakes", "rice and peas")
    )
    ingredients = rng.sample(
        (
            "8oz self raising flour",
            "2 eggs",
            "4 tbsp honey",
            "pinch of sage",
            "rose water",
            "1 pint milk",
            "handful of sultanas",
            "4oz sugar",
            "1 tin tomatoes",
            "a knob of butter",
        ),
        5,
    )
    lines: list[Line | None] = [
        (possessive(cook) + ok(dish), marker(g, int(B * 1.3)), col, "left"),
        *[(ok("-") + ok(i), h, col, "left") for i in ingredients],
        (ok(f"Bake at gas mark {rng.randint(3, 6)} for {rng.choice((20, 40, 45, 60))} mins."), h, col, "left"),
        (
            ok("Written down by") + rng.choice((cook.full, cook.titled))() + g.room()
            if rng.random() < 0.6
            else ok("Passed down from") + possessive(g.hand_who(0.3)) + ok("mother"),
            h,
            col,
            "left",
        ),
    ]
    return sheet(g, lines, (210, 170, 120), "recipe_card", lead=1.45, bg=(255, 253, 240))


# ----------------------------------------------------------------------------- community


def seed_swap(g: G6) -> Finished:
    """The gardening club's seed swap list."""
    rng, B = g.rng, g.bigger()
    h = biro(g, B)
    lines: list[Line | None] = [(ok("Gardening club seed swap - take some, leave some"), g.type(BOLD, B), (30, 110, 40), "left")]
    seeds = rng.sample(
        (
            "Sweet William",
            "Busy Lizzie",
            "Sweet peas",
            "Runner beans Scarlet Emperor",
            "Tomato Gardener's Delight",
            "Sunflower Russian Giant",
            "Forget-me-not",
            "Honesty",
            "Rose campion",
            "Love-in-a-mist",
            "Pot marigold",
            "Nasturtium Empress of India",
            "Hollyhock",
        ),
        rng.randint(5, 7),
    )
    for s in seeds:
        who = g.hand_who(0.4)
        row = ok(s) + ok(rng.choice(("from", "-", "brought by", "saved by")))
        row += rng.choice((who.first, who.full, who.titled, who.initial))()
        if rng.random() < 0.25:
            row += bracket(g.room())
        lines.append((row, h, ink(g), "left"))
    lines.append(
        (ok("Next meeting") + ok(g.date()) + ok("in the conservatory. Ask") + g.hand_who(0.4).first() + ok("for pots"), h, ink(g), "left")
    )
    if rng.random() < 0.7:
        sec = g.hand_who(0.4)
        lines.append((ok("Club news from") + sec.first() + ok("-") + g.email(sec), h, ink(g), "left"))
    return sheet(g, lines, (30, 110, 40), "seed_swap", lead=1.5)


def quiz_answers(g: G6) -> Finished:
    """A quiz answer sheet with the team and its members."""
    rng, B = g.rng, g.bigger()
    h, col = biro(g, B), ink(g)
    team = rng.choice(("The Quizzly Bears", "Les Quizerables", "Holly and the Ivy", "Rose Lounge Rebels", "Frank's Angels"))
    members = [g.hand_who(0.35) for _ in range(rng.randint(3, 4))]
    mem: list[Tok] = []
    for i, m in enumerate(members):
        nm = rng.choice((m.first, m.full))()
        mem += (ok("and") if i == len(members) - 1 else []) + (glue(nm, ",") if i < len(members) - 2 else nm)
    answers = rng.sample(
        [
            ok("Florence"),
            ok("Victoria Station"),
            ok("Jack Russell"),
            ok("1966"),
            ok("Robin Hood"),
            ok("Chelsea"),
            ok("Holly"),
            dc("Florence Nightingale", "a public figure"),
            dc("Frank Sinatra", "a public figure"),
            ok("Jordan"),
            ok("Boots"),
            dc("Grace Kelly", "a public figure"),
            ok("Bill of Rights"),
            ok("Mercury"),
            ok("Ivy League"),
            ok("Morrisons"),
        ],
        6,
    )
    lines: list[Line | None] = [
        (
            ok(f"Round {rng.randint(1, 6)} - {rng.choice(('General knowledge', 'Music', 'Sport', 'Famous faces'))}"),
            g.type(BOLD, B),
            DARK,
            "left",
        ),
        (ok("Team:") + ok(team), h, col, "left"),
        (ok("Members:") + mem, h, col, "left"),
    ]
    lines += [(ok(f"{i + 1}.") + a, h, col, "left") for i, a in enumerate(answers)]
    lines.append((ok(f"Score {rng.randint(2, 10)}/10"), marker(g, B), (200, 20, 20), "left"))
    return sheet(g, lines, (120, 120, 120), "quiz_answers", lead=1.45)


def hall_bookings(g: G6) -> Finished:
    """The village hall's booking board."""
    rng, B = g.rng, g.bigger()
    t, h = g.type(PRINT, B), marker(g, B)
    lines: list[Line | None] = [
        (
            ok(rng.choice(("Village Hall bookings this week", "Victoria Hall - who's in", "St Anne's Hall diary"))),
            g.type(BOLD, B),
            DARK,
            "left",
        ),
        (ok("Main hall capacity 120, small room 30"), t, DARK, "left"),
    ]
    for day in ("Mon", "Tue", "Wed", "Thu", "Fri", "Sat")[: rng.randint(4, 6)]:
        c = rng.randrange(6)
        who = g.hand_who(0.4)
        if c == 0:
            body = ok("Zumba with") + who.first()
        elif c == 1:
            body = ok("Private party") + bracket(who.titled()) + ok("- contact") + g.phone()
        elif c == 2:
            body = ok("Brownies and Rainbows")
        elif c == 3:
            body = ok("Parish council,") + dc("Cllr", "title") + name_word(who.family) + ok("chairing")
        elif c == 4:
            body = possessive(who) + ok(f"{rng.randint(18, 90)}th birthday")
        else:
            body = ok("Art club then bingo - eyes down 7.30")
        lines.append((ok(day) + ok(g.clock()) + body, h, ink(g), "left"))
    sec = g.hand_who(0.3)
    lines.append((ok("Bookings: hall secretary") + sec.full() + g.landline(), t, DARK, "left"))
    if rng.random() < 0.8:
        lines.append((ok("or email") + g.email(sec), t, DARK, "left"))
    if rng.random() < 0.4:
        lines.append((ok("Disabled bay reserved Sat for") + g.plate(), t, DARK, "left"))
    return sheet(g, lines, (80, 80, 80), "hall_bookings", lead=1.5, bg=(250, 250, 250))


def flower_rota(g: G6) -> Finished:
    """The church flower rota on the porch noticeboard."""
    rng, B = g.rng, g.bigger()
    t, h = g.type(rng.choice((PRINT, BOLD)), B), biro(g, B)
    lines: list[Line | None] = [
        (ok(f"Flower rota {rng.choice(MONTHS[:6])} - {rng.choice(MONTHS[6:])}"), g.type(BOLD, int(B * 1.2)), (110, 30, 90), "left")
    ]
    for _ in range(rng.randint(5, 7)):
        a = g.hand_who(0.4)
        d = rng.randint(1, 28)
        row = ok(f"Sun {d} {rng.choice(MONTHS)[:3]}")
        c = rng.random()
        if c < 0.35:
            row += amp(a.titled(), g.hand_who(0.4).titled(), "&")
        elif c < 0.6:
            row += a.full()
        elif c < 0.8:
            row += a.first() + bracket(ok("in memory of") + g.hand_who(0.4).full())
        else:
            row += ok(rng.choice(("Easter - all hands!", "Harvest - everyone", "Lilies from Morrisons, Dawn service")))
        lines.append((row, h, ink(g), "left"))
    org = g.hand_who(0.35)
    lines.append((ok("Swaps to") + org.full() + ok("please, tel") + g.phone(), t, DARK, "left"))
    if rng.random() < 0.7:
        lines.append((ok("or email") + g.email(org), t, DARK, "left"))
    return sheet(g, lines, (110, 30, 90), "flower_rota", lead=1.5)


def cake_sale(g: G6) -> Finished:
    """A cake sale price list with the bakers' names."""
    rng, B = g.rng, g.bigger()
    t = g.type(rng.choice((PRINT, BOLD)), B)
    lines: list[Line | None] = [
        (
            ok(rng.choice(("Cake sale for Charity!", "Bake sale - all money to the residents' fund", "Cakes for Hope"))),
            g.type(BOLD, int(B * 1.4)),
            (200, 60, 120),
            "centre",
        )
    ]
    cakes = rng.sample(
        (
            "Victoria sponge",
            "Lemon drizzle",
            "Chelsea buns",
            "Honey flapjacks",
            "Bakewell slices",
            "Coffee and walnut",
            "Rock cakes",
            "Banana bread",
            "Jam tarts",
            "Chocolate crispies",
            "Carrot cake",
        ),
        rng.randint(5, 6),
    )
    for c in cakes:
        row = ok(f"{c} {g.money(0.4, 6)}")
        if rng.random() < 0.65:
            who = g.who(0.4)
            row += rng.choice(
                (
                    bracket(ok("made by") + who.first()),
                    ok("by") + who.full(),
                    ok("-") + possessive(who) + ok("recipe"),
                    bracket(who.titled()),
                )
            )
        lines.append((row, t, DARK, "centre"))
    lines.append((ok(f"Raised so far: {g.money(40, 300)} - thank you!"), t, (200, 60, 120), "centre"))
    return sheet(g, lines, (200, 60, 120), "cake_sale", lead=1.45, bg=(255, 245, 250))


def team_sheet(g: G6) -> Finished:
    """A walking-football team sheet."""
    rng, B = g.rng, g.bigger()
    t, h = g.type(PRINT, B), marker(g, B)
    us = rng.choice(("Chelsea Road Rovers", "Jordan Park Walkers", "Hope Street Vets", "Victoria Wanderers"))
    them = rng.choice(("Morrisons Mavericks", "Sandy Lane Strollers", "Florence Athletic"))
    lines: list[Line | None] = [
        (ok(f"{us} v {them}"), g.type(BOLD, int(B * 1.2)), DARK, "left"),
        (ok(f"Kick-off {g.clock()}, pitch {rng.randint(1, 4)}, {g.date()}"), t, DARK, "left"),
    ]
    for n in rng.sample(range(1, 16), rng.randint(5, 7)):
        who = g.hand_who(0.35)
        row = ok(str(n)) + rng.choice((who.full, who.first, who.formal, who.initial))()
        row += ok(rng.choice(("GK", "DEF", "MID", "FWD", "(c)", "sub", ""))) if rng.random() < 0.7 else []
        if rng.random() < 0.15:
            row += bracket(hl(rng.choice(("knee - 20 mins only", "inhaler on bench", "pacemaker")), "about a named player"))
        lines.append((row, h, ink(g), "left"))
    if rng.random() < 0.5:
        lines.append((ok("Lifts: meet at Morrisons, in") + possessive(g.hand_who(0.35)) + ok("car") + g.plate(), h, ink(g), "left"))
    lines.append(
        (
            ok(f"Final score {rng.randint(0, 5)} - {rng.randint(0, 5)}. Man of the match:") + g.hand_who(0.4).first(),
            h,
            (200, 20, 20),
            "left",
        )
    )
    return sheet(g, lines, (20, 20, 120), "team_sheet", lead=1.45)


def whist_scores(g: G6) -> Finished:
    """A whist drive score card."""
    rng, B = g.rng, g.bigger()
    h = biro(g, B)
    lines: list[Line | None] = [(ok(f"Whist drive {g.date()} - 50p a card, 12 hands"), g.type(BOLD, B), DARK, "left")]
    rows = []
    for _ in range(rng.randint(5, 7)):
        who = g.hand_who(0.4)
        rows.append((rng.randint(60, 140), rng.choice((who.first, who.full, who.titled, who.initial))()))
    rows.sort(key=lambda r: -r[0])
    for score, name in rows:
        lines.append((name + ok(str(score)), h, ink(g), "left"))
    lines.append((ok("Winner gets the Honey jar hamper, booby prize a Jack of Hearts mug"), g.type(PRINT, B), DARK, "left"))
    return sheet(g, lines, (30, 30, 30), "whist_scores", lead=1.45, bg=(250, 250, 240))


def tea_dance(g: G6) -> Finished:
    """A tea dance poster."""
    rng, B = g.rng, g.bigger()
    t = g.type(rng.choice((PRINT, BOLD)), B)
    dj = g.who(0.35)
    lines: list[Line | None] = [
        (ok("TEA DANCE"), g.type(BOLD, int(B * 2)), (160, 20, 60), "centre"),
        (ok(f"{g.date()}, 2pm - 4.30pm, Florence Ballroom"), t, DARK, "centre"),
        (ok("Music from the 40s, 50s and 60s with DJ") + rng.choice((dj.first, dj.full))(), t, DARK, "centre"),
        (ok(f"Tickets {g.money(2, 6)} incl. tea and a slice of Victoria sponge"), t, DARK, "centre"),
        (ok(f"Buses {rng.randint(1, 99)} and {rng.randint(100, 400)} stop outside. Wheelchair access."), t, DARK, "centre"),
        (ok("Tickets from") + g.who(0.35).full() + ok("at reception or call") + g.phone(), t, DARK, "centre")
        if rng.random() < 0.7
        else (ok("Grace and style - dancing shoes optional!"), t, DARK, "centre"),
    ]
    return sheet(g, lines, (160, 20, 60), "tea_dance", lead=1.5, bg=(255, 240, 220))


LAYOUTS = {
    "medicine_box": medicine_box,
    "fit_note": fit_note,
    "gift_aid_form": gift_aid_form,
    "comms_book": comms_book,
    "breakfast_orders": breakfast_orders,
    "visiting_hours": visiting_hours,
    "safeguarding_poster": safeguarding_poster,
    "outing_signup": outing_signup,
    "tuck_shop": tuck_shop,
    "exercise_register": exercise_register,
    "hearing_aid_log": hearing_aid_log,
    "equipment_tags": equipment_tags,
    "round_sheet": round_sheet,
    "family_tree": family_tree,
    "scrapbook_page": scrapbook_page,
    "pen_pal_letter": pen_pal_letter,
    "invitation": invitation,
    "recipe_card": recipe_card,
    "seed_swap": seed_swap,
    "quiz_answers": quiz_answers,
    "hall_bookings": hall_bookings,
    "flower_rota": flower_rota,
    "cake_sale": cake_sale,
    "team_sheet": team_sheet,
    "whist_scores": whist_scores,
    "tea_dance": tea_dance,
}


# ----------------------------------------------------------------------------- the set


generate = blind.set_generator(
    LAYOUTS,
    G6,
    "_blindf",
    "Sixth blind set of care-agency sheets, posters and keepsakes (benchmarks/gen_text_blind6.py, seed {seed})",
    RESERVED_SEED,
)


def main(argv: list[str] | None = None) -> int:
    return blind.main(argv, make=generate, reserved=RESERVED_SEED, doc=__doc__)


if __name__ == "__main__":
    raise SystemExit(main())
