"""Generate a fifth blind test set of care-setting boards, slips and community paperwork on real photos, in the format of ``text_pii``.

Written for issue #21 by someone who had not read the text rules (nothing
under ``src/mediascrub``), their tests, their word lists, the care-term lists
nor the README's section on them, and who never ran the classifier on this
set. Only the four earlier blind generators were read, for their machinery
(``gen_text_blind.py``'s panels, type, placement, label definitions and
command line; ``gen_text_blind2.py``'s line stacking and handwriting helpers;
``gen_text_blind3.py``'s ``Who`` and tag helpers; ``gen_text_blind4.py``'s
makers of phones, e-mails, NHS numbers, dates of birth and plates, all
imported, not copied) and for the layouts they already draw, so that none is
drawn again here. The people, streets, medicines and everyday words are this
file's own. Meant to be run **once**, by the coordinator, on the final code,
with the reserved seed 959595 (``bench_text_heldout.py --layouts blind5``); any
other seed is for looking at the generator only, and a figure from a second
run of 959595 is no longer blind.

Twenty-five layouts, each drawn as a panel and stuck onto a WIDER FACE
validation photo (``gen_text_blind.place``: perspective, tilt, lighting,
softening, sensor noise):

- about one person: a taxi or patient-transport booking slip, a hospital
  bedside board, a compliment card from a relative, sticky notes round the
  office monitor, a keyworker's diary page;
- on a home's or day centre's walls: a "welcome to our new residents" board,
  a "meet the team" poster, a weekly weights chart, a kitchen allergen board,
  a first aid box label, a key signing-out log, a lift-out-of-order notice, a
  memory tree of remembrance tags, a newsletter page of photo captions, a
  talent-show running order, a pantomime cast list, a choir concert programme;
- community: a garden open-day sign, a book club list, a dog-walking rota, a
  charity-run sponsor form, a coach trip itinerary with its passengers, a
  lottery syndicate list, a salon price list, a sponsor-a-brick wall.

Words that are also given names (Rose, May, Grace, Hope, Bill, Frank, Joy,
Sandy, Will, Art, Pat, Chase, Honey, Charity, Mercy, Dawn, Faith, Sunny ...)
come both as people's names (in many sentence and list positions) and in plain
positions ("Honey and ginger cake", "Chase the ace", "Charity run", "Lord have
mercy", "Art trail", "Will be served", "sandy soil", "saying grace"). People
come from many communities, some of their names in no common list.

Labels follow ``gen_text_blind.py``'s definitions (its docstring): must-hide
``person_name``, ``phone``, ``email``, ``id_number``, ``date_of_birth``,
``plate``, ``health``, ``address``; ``benign`` should stay; ``dontcare``
either way (the other words on a paper that exists to carry one person's
details, titles and initials, field labels, a service's or business's own
name, number and address, public street names, health words about nobody, a
pet's name, public figures such as authors and composers, memorial years, a
person's weight, an internal phone extension). A room number next to a named
resident is ``address``; staff, relatives, volunteers, sponsors and performers
are people too.

    python benchmarks/gen_text_blind5.py --out /tmp/blind5 --seed 7 [--images 60] [--png-dir /tmp/look]

The photos are research data: write them to a temporary folder, never into the repository.
"""

from __future__ import annotations

import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "benchmarks"))

# the drawing, placing and labelling machinery of the earlier blind sets, so all five are rendered and scored alike
import gen_text_blind as blind  # noqa: E402
from gen_text_blind import (  # noqa: E402
    ADDR,
    BOLD,
    EITHER,
    HEALTH,
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
from gen_text_blind3 import MONTHS, Who, clear, hl, on_card, plain_hand, two_a_row  # noqa: E402
from gen_text_blind4 import DARK, G4, possessive  # noqa: E402

RESERVED_SEED = 959595

# ----------------------------------------------------------------------------- people (written by hand for this set)

# (women, men) per community
GIVEN: dict[str, tuple[tuple[str, ...], tuple[str, ...]]] = {
    "british_irish": (
        (
            "Enid",
            "Vera",
            "Phyllis",
            "Mavis",
            "Audrey",
            "Joan",
            "Janice",
            "Lesley",
            "Ffion",
            "Eirlys",
            "Isla",
            "Kirsty",
            "Niamh",
            "Roisin",
            "Demelza",
            "Bethan",
        ),
        (
            "Ronald",
            "Harold",
            "Terence",
            "Raymond",
            "Neville",
            "Gordon",
            "Alun",
            "Emrys",
            "Hamish",
            "Callum",
            "Eamonn",
            "Ciaran",
            "Jago",
            "Lyndon",
        ),
    ),
    "caribbean": (("Gloria", "Myrtle", "Sonia", "Marcia", "Yvette-Marie"), ("Desmond", "Clinton", "Leroy", "Neville", "Carlton")),
    "west_african": (
        ("Oyindamola", "Titilayo", "Adaeze", "Chidinma", "Abena", "Efe", "Osaretin", "Ewurabena", "Mosunmola", "Isatu"),
        ("Oluwaseun", "Tunde", "Chijioke", "Obiora", "Kojo", "Osagie", "Fiifi", "Alhaji", "Sahr", "Femi"),
    ),
    "east_african": (
        ("Ubah", "Idil", "Hamdi", "Meron", "Tigist", "Wambui", "Atieno", "Rumbidzai", "Nomvula", "Achieng"),
        ("Guled", "Mahad", "Dawit", "Tsegaye", "Kiprono", "Onyango", "Tinashe", "Bongani", "Lual"),
    ),
    "south_asian": (
        ("Kamaljit", "Balbir", "Surinder", "Hetal", "Nirmala", "Krithika", "Yalini", "Sharmin", "Nazia", "Fouzia", "Dechen", "Chamari"),
        ("Gurdev", "Harbhajan", "Pritam", "Navin", "Pranav", "Senthil", "Shafiq", "Mahbub", "Zubair", "Imran", "Tenzin", "Lahiru"),
    ),
    "east_se_asian": (
        ("Mei Ling", "Xiaohong", "Wai Man", "Lan", "Hoa", "Rowena", "Marites", "Khin", "Yumiko", "Ji-woo"),
        ("Guoqiang", "Chi Keung", "Minh", "Tuan", "Arnel", "Jericho", "Hiroshi", "Min-jun", "Kyaw"),
    ),
    "european": (
        (
            "Bożena",
            "Grażyna",
            "Elżbieta",
            "Florentina",
            "Gabriela",
            "Snežana",
            "Dace",
            "Ausra",
            "Edlira",
            "Fátima",
            "Giuseppina",
            "Eleni",
            "Ayşe",
            "Hêvî",
            "Olena",
            "Rivka",
        ),
        (
            "Mirosław",
            "Jerzy",
            "Constantin",
            "Dorin",
            "Plamen",
            "Gintaras",
            "Besnik",
            "Rui",
            "Salvatore",
            "Christos",
            "Hüseyin",
            "Dilovan",
            "Mykola",
            "Yitzchak",
        ),
    ),
    "west_asian_arab": (
        ("Soraya", "Shirin", "Malalai", "Yasmin", "Rawan", "Sawsan", "Nadia"),
        ("Reza", "Dariush", "Hamidullah", "Samir", "Tarek", "Anas", "Khalid"),
    ),
    "pacific_latin": (("Ngaire", "Mele", "Valentina", "Ximena"), ("Tane", "Sione", "Matias", "Rodrigo")),
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
            "Dawn",
            "Faith",
            "Sunny",
            "Hazel",
            "Star",
            "Summer",
            "Autumn",
            "Destiny",
            "Precious",
            "Marvellous",
        ),
        (
            "Bill",
            "Frank",
            "Will",
            "Art",
            "Pat",
            "Chase",
            "Sandy",
            "Sunny",
            "Victor",
            "Earl",
            "Rocky",
            "Duke",
            "King",
            "Lucky",
            "Innocent",
            "Wisdom",
            "Justice",
        ),
    ),
}
FAMILY: dict[str, tuple[str, ...]] = {
    "british_irish": (
        "Shufflebottom",
        "Higginbottom",
        "Fothergill",
        "Pennington",
        "Hargreaves",
        "Prothero",
        "Bevan",
        "MacLeod",
        "Menzies",
        "Geraghty",
        "Mulcahy",
        "Trevithick",
        "Penrose",
        "Brook",
        "Meadows",
        "Snow",
        "Frost",
        "Winter",
        "Rainbow",
        "Gold",
        "Silver",
        "Swift",
        "Hunt",
        "Bishop",
        "Chase",
        "Law",
    ),
    "caribbean": ("Beckford", "Gordon-Reid", "Lindo", "Ebanks", "Morgan", "Grant"),
    "west_african": (
        "Olatunji",
        "Akinwumi",
        "Eze",
        "Okonkwo",
        "Osei-Bonsu",
        "Asante",
        "Idahosa",
        "Omoregie",
        "Koroma",
        "Conteh",
        "Bangura",
    ),
    "east_african": ("Farah", "Hirsi", "Yusuf", "Bekele", "Alemu", "Kipchoge", "Wanjala", "Chinyama", "Mahlangu", "Majok"),
    "south_asian": (
        "Kaur",
        "Bhogal",
        "Kalsi",
        "Patel",
        "Solanki",
        "Ramakrishnan",
        "Balasubramaniam",
        "Rahman",
        "Islam",
        "Malik",
        "Hussain",
        "Sherpa",
        "Wickramasinghe",
    ),
    "east_se_asian": ("Huang", "Chan", "Wong", "Tran", "Vo", "Reyes", "Villanueva", "Win", "Watanabe", "Park"),
    "european": (
        "Nowakowska",
        "Zieliński",
        "Ionescu",
        "Stoica",
        "Dimitrov",
        "Bērziņš",
        "Petrauskienė",
        "Krasniqi",
        "Santos",
        "Esposito",
        "Papadopoulos",
        "Öztürk",
        "Aydın",
        "Shevchenko",
        "Rosenberg",
    ),
    "west_asian_arab": ("Hosseini", "Rahimi", "Ahmadzai", "Safi", "Khoury", "Mansour", "Al-Saadi"),
    "pacific_latin": ("Te Rangi", "Tupou", "Gutiérrez", "Vargas"),
}
COMMUNITIES = tuple(k for k in GIVEN if k != "word")

# ----------------------------------------------------------------------------- health, places (written by hand for this set)

MEDICINES = (
    "Rivastigmine patch",
    "Edoxaban",
    "Lercanidipine",
    "Candesartan",
    "Indapamide",
    "Dapagliflozin",
    "Gliclazide",
    "Insulin glargine",
    "Carbimazole",
    "Esomeprazole",
    "Macrogol",
    "Oxycodone",
    "Buprenorphine patch",
    "Duloxetine",
    "Venlafaxine",
    "Lorazepam",
    "Risperidone",
    "Lamotrigine",
    "Ropinirole",
    "Oxybutynin",
    "Alendronic acid",
    "Tiotropium inhaler",
    "Timolol eye drops",
    "Fortisip",
    "Adcal D3",
)
STRENGTHS = ("2.5mg", "5 mg", "10mg", "15 mg", "40mg", "80 mg", "250mg", "1g", "4.6mg/24h", "18mcg", "20 units", "200ml")
CONDITIONS = (
    "dementia",
    "Lewy body dementia",
    "stroke",
    "type 2 diabetes",
    "COPD",
    "emphysema",
    "epilepsy",
    "heart failure",
    "Parkinson's",
    "arthritis",
    "macular degeneration",
    "hearing loss",
    "cataracts",
    "kidney failure",
    "cancer",
    "depression",
    "psychosis",
    "Down's syndrome",
    "autism",
    "MS",
    "sickle cell",
    "a broken hip",
    "pressure sore",
    "shingles",
    "pneumonia",
    "a chest infection",
)
AIDS = ("wheelchair", "walking frame", "Zimmer frame", "rollator", "oxygen", "hoist", "stick", "mobility scooter")
DIETS = (
    "diabetic",
    "soft diet",
    "pureed",
    "thickened fluids",
    "gluten free",
    "low salt",
    "no dairy",
    "fortified diet",
    "Level 5 minced",
    "peanut allergy",
    "penicillin allergy",
    "shellfish allergy",
)
TOWNS = (
    ("Oldham", ("OL1", "OL8")),
    ("Merthyr Tydfil", ("CF47", "CF48")),
    ("Inverness", ("IV2", "IV3")),
    ("Peterborough", ("PE1", "PE4")),
    ("Dudley", ("DY1", "DY2")),
    ("Halifax", ("HX1", "HX3")),
    ("Gateshead", ("NE8", "NE9")),
    ("Coventry", ("CV2", "CV6")),
    ("Newry", ("BT34", "BT35")),
    ("Truro", ("TR1", "TR4")),
    ("Tottenham", ("N15", "N17")),
    ("Croydon", ("CR0", "CR7")),
    ("Slough", ("SL1", "SL2")),
    ("Grimsby", ("DN31", "DN32")),
    ("Burnley", ("BB10", "BB11")),
)
STREETS = (
    "Honeysuckle Way",
    "Rose Mount",
    "May Bank",
    "Grace Street",
    "Hope Close",
    "Charity Lane",
    "Mercy Row",
    "Sandy Brow",
    "Frank Street",
    "Bill Quay Road",
    "Joy Gardens",
    "Art Street",
    "Chase Side",
    "Kingfisher Drive",
    "Tannery Yard",
    "Weavers Fold",
    "Heol y Nant",
    "Burnside Crescent",
    "Quarry Bank",
    "Station Terrace",
    "Gladstone Street",
    "Victoria Parade",
    "Cemetery Road",
    "Pit Lane",
    "Lime Kiln Close",
    "Nursery Gardens",
)
PUBLIC = (
    "the library",
    "the Civic Centre",
    "Marks and Spencer",
    "the Leisure Centre",
    "the bus station",
    "the Co-op",
    "the Market Hall",
    "St Mary's Church",
    "the Town Hall",
    "the park gates",
)


class G5(G4):
    """One seeded run: the random source, the staff photos, ``G4``'s makers of numbers and dates, and this set's own people and places."""

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
            t = rng.choice(("Dr", "Cllr", "Rev"))
        return Who(given, rng.choice(FAMILY[fam_from]), t, is_word)

    def street(self) -> list[Tok]:
        rng = self.rng
        num = rng.choice((str(rng.randint(1, 140)), str(rng.randint(1, 30)), f"{rng.randint(2, 90)}{rng.choice('ABC')}"))
        return T(f"{num} {rng.choice(STREETS)}", ADDR, "house number and street of a private address")

    def postcode(self) -> tuple[str, list[Tok]]:
        rng = self.rng
        town, outs = rng.choice(TOWNS)
        L = "ABDEFGHJLNPQRSTUWXYZ"
        pc = f"{rng.choice(outs)} {rng.randint(0, 9)}{rng.choice(L)}{rng.choice(L)}"
        return town, T(pc.replace(" ", "") if rng.random() < 0.12 else pc, ADDR, "postcode of a private address")

    def address(self, one_line: bool = False) -> list[list[Tok]]:
        """A private address: house or flat number, street and postcode ``address``; the town either way."""
        rng = self.rng
        lines: list[list[Tok]] = []
        if rng.random() < 0.25:
            lines.append([(rng.choice(("Flat", "Apt", "Bungalow")), EITHER, "flat word"), (str(rng.randint(1, 40)), ADDR, "flat number")])
        lines.append(self.street())
        town, pc = self.postcode()
        tn = [(town, EITHER, "town")]
        if one_line:
            return [[tok for ln in lines for tok in ln] + tn + pc]
        return [*lines, tn + pc] if rng.random() < 0.5 else [*lines, tn, pc]

    def med(self) -> list[Tok]:
        rng = self.rng
        return hl(rng.choice(MEDICINES), "a named person's medicine") + [(rng.choice(STRENGTHS), HEALTH, "strength")]

    def condition(self, why: str = "a named person's condition") -> list[Tok]:
        return hl(self.rng.choice(CONDITIONS), why)

    def aid(self) -> list[Tok]:
        return hl(self.rng.choice(AIDS), "a named person's mobility aid")

    def diet(self) -> list[Tok]:
        return hl(self.rng.choice(DIETS), "a named person's diet or allergy")

    def room(self, word: str | None = None) -> list[Tok]:
        rng = self.rng
        n = rng.choice((rng.randint(1, 40), rng.randint(101, 130), rng.randint(201, 215)))
        w = word or rng.choice(("Room", "Rm", "Room", "Flat"))
        return [(w, EITHER, "room word"), (str(n), ADDR, "room number of a named resident")]

    def room_no(self) -> list[Tok]:
        """A bare room number in brackets or after a dash."""
        rng = self.rng
        n = rng.choice((rng.randint(1, 40), rng.randint(101, 130)))
        return [(rng.choice((f"({n})", f"Rm{n}", f"#{n}")), ADDR, "room number of a named resident")]

    def any_name(self, p: Who) -> list[Tok]:
        return self.rng.choice((p.full, p.first, p.titled, p.titled_full, p.initial, p.full))()


def caps(toks: list[Tok]) -> list[Tok]:
    return [(w.upper(), c, y) for w, c, y in toks]


def glue(toks: list[Tok], tail: str) -> list[Tok]:
    """The same words with ``tail`` stuck to the last one."""
    return toks[:-1] + [(toks[-1][0] + tail, *toks[-1][1:])]


def bracket(toks: list[Tok]) -> list[Tok]:
    """(Mrs Okafor): the brackets glued to the first and last words."""
    out = list(toks)
    out[0] = ("(" + out[0][0], *out[0][1:])
    out[-1] = (out[-1][0] + ")", *out[-1][1:])
    return out


def paper(g: G5) -> tuple[int, int, int]:
    return g.rng.choice(((255, 255, 255), (250, 248, 240), (255, 253, 230), (240, 246, 255)))


# ----------------------------------------------------------------------------- about one person


def taxi_booking(g: G5) -> Finished:
    """A patient-transport or taxi booking slip filled in by the office."""
    rng, B = g.rng, g.bigger()
    p = Panel(B)
    t, h, col = g.type(PRINT, B), biro(g, int(B * 1.1)), ink(g)
    who = g.hand_who(0.25)
    firm = rng.choice(("Patient Transport Service", "A1 Cars - account booking", "Kwik Cabs", "Community Transport Dial-a-Ride"))
    lines: list[Line | None] = [
        (dc(firm, "the transport service on one person's slip"), g.type(BOLD, B), (0, 60, 130), "left"),
        (
            dc("Booking ref", "field label") + dc(f"{rng.choice(('PTS', 'BK', 'DR'))}{rng.randint(100000, 999999)}", "a booking number"),
            t,
            DARK,
            "left",
        ),
        (dc("Passenger:", "field label") + rng.choice((who.full, who.titled_full, who.formal))(), h, col, "left"),
        (dc("Pick up:", "field label") + g.address(one_line=True)[0], h, col, "left"),
        (dc(f"Date {g.date()} Time {g.clock()}", "on one person's slip"), h, col, "left"),
        (
            dc("To:", "field label")
            + dc(rng.choice(("Royal Infirmary", "General Hospital", "Eye Hospital")), "a public place")
            + hl(
                rng.choice(("Dialysis Unit", "Fracture Clinic", "Chemo Day Unit", "Memory Clinic", "Cardiology")),
                "where a named patient is treated",
            ),
            h,
            col,
            "left",
        ),
        (dc("Needs:", "field label") + g.aid() + (dc("+ escort", "on one person's slip") if rng.random() < 0.5 else []), h, col, "left"),
    ]
    if rng.random() < 0.65:
        lines.append((dc("DOB", "field label") + g.dob(), h, col, "left"))
    if rng.random() < 0.8:
        lines.append((g.nhs(label=True), h, col, "left"))
    lines.append((dc("Contact", "field label") + g.phone(), h, col, "left"))
    if rng.random() < 0.35:
        lines.append((dc("Confirm by email to", "on one person's slip") + g.email(who), h, col, "left"))
    if rng.random() < 0.4:
        lines.append((dc("Vehicle", "field label") + g.plate() + dc("driver", "field label") + g.hand_who(0.3).first(), h, col, "left"))
    stack(p, lines, 28, 28, lead=1.45)
    return p.finish(solid((255, 255, 255), (0, 60, 130), 5), 30, "taxi_booking", (15, 24))


def bedside_board(g: G5) -> Finished:
    """The whiteboard above a hospital or nursing bed."""
    rng, B = g.rng, g.bigger()
    p = Panel(B)
    t, m, col = g.type(BOLD, B), marker(g, B), rng.choice(((20, 20, 140), (20, 20, 20), (10, 100, 40)))
    who, nurse, doc = g.hand_who(0.3), g.hand_who(0.3), g.hand_who(0.2)
    lines: list[Line | None] = [
        (dc("My name is", "on one person's board"), t, DARK, "left"),
        (on_card(rng.choice((who.first, who.full, who.first))()), m, col, "left"),
        (dc("I like to be called", "on one person's board") + on_card(who.first()) if rng.random() < 0.4 else [], t, DARK, "left"),
        (dc("My nurse today is", "on one person's board") + nurse.first(), m, col, "left"),
        (dc("DOB", "field label") + g.dob(), m, col, "left") if rng.random() < 0.4 else None,
        (dc("Hosp no", "field label") + T(f"RX{rng.randint(100000, 999999)}", ID, "hospital number"), m, col, "left")
        if rng.random() < 0.5
        else None,
        (dc("Consultant:", "field label") + T("Dr", EITHER, "title") + [(w, NAME, "") for w in doc.family.split()], m, col, "left"),
        (dc("Diet:", "field label") + g.diet(), m, col, "left"),
        (dc("Mobility:", "field label") + g.aid(), m, col, "left"),
        (
            hl(
                rng.choice(("Falls risk", "Nil by mouth", "Hard of hearing", "Pressure area care 2 hourly", "Diabetic")),
                "about the named patient",
            ),
            m,
            (200, 20, 20),
            "left",
        ),
        (dc(f"Expected home: {g.date()}", "on one person's board"), m, col, "left"),
    ]
    stack(p, lines, 34, 34, lead=1.45)
    return p.finish(solid((250, 250, 250), (120, 120, 130), 12), 36, "bedside_board", (16, 28))


def compliment_card(g: G5) -> Finished:
    """A compliments card a relative filled in at the front desk."""
    rng, B = g.rng, g.bigger()
    p = Panel(B)
    h, col = biro(g, int(B * 1.1)), ink(g)
    writer, resident, s1, s2 = g.hand_who(0.3), g.hand_who(0.3), g.hand_who(0.4), g.hand_who(0.4)
    kin = rng.choice(("Mum", "Dad", "my husband", "my wife", "Nan", "my brother"))
    lines: list[Line | None] = [
        (
            ok(rng.choice(("Compliments and comments", "We love to hear from you!", "Tell us how we did"))),
            g.type(BOLD, B),
            (150, 40, 90),
            "left",
        ),
        (ok("Your name:") + writer.full(), h, col, "left"),
        (ok("Relative of:") + resident.full() + g.room(), h, col, "left"),
        (ok("Email (optional):") + g.email(writer), h, col, "left") if rng.random() < 0.5 else None,
        (ok("I want to say thank you to") + s1.first() + ok("and") + s2.first() + ok(f"for looking after {kin}"), h, col, "left"),
        (ok("since the") + g.condition("a named resident's condition"), h, col, "left"),
        (
            ok(
                rng.choice(
                    (
                        "The Art afternoon was lovely.",
                        "Will pop in Sunday with cake.",
                        "Nothing is too much trouble.",
                        "You have been a real joy.",
                    )
                )
            ),
            h,
            col,
            "left",
        ),
        (ok("May I leave my number:") + g.mobile() if rng.random() < 0.6 else ok("Signed") + writer.first(), h, col, "left"),
    ]
    stack(p, lines, 28, 28, lead=1.5)
    return p.finish(solid((255, 248, 252), (150, 40, 90), 4), 30, "compliment_card", (15, 26))


def sticky_notes(g: G5) -> Finished:
    """Sticky notes round the office monitor."""
    rng, B = g.rng, g.bigger()
    p = Panel(B)
    notes = []
    kinds = rng.sample(("ring", "gp", "order", "bill", "visit", "car", "email", "dob"), 4)
    for kind in kinds:
        q = Panel(B)
        h, col = biro(g, B), ink(g)
        who = g.hand_who(0.35)
        body: list[list[Tok]] = {
            "ring": [ok("Ring") + rng.choice((who.titled, who.full))() + ok("back"), ok("re") + g.condition() + ok("review"), g.phone()],
            "gp": [ok("GP rang about") + possessive(who), g.med(), ok("stop from Monday")],
            "order": [ok("Order more gloves"), ok("and aprons (size M)"), ok(f"{rng.randint(2, 9)} boxes by Friday")],
            "bill": [ok("Gas bill paid"), ok(f"ref {rng.randint(1000, 9999)}"), ok("Frank chat with owner Tues")],
            "visit": [ok("New client") + who.full(), g.street(), ok(f"visit {g.clock()}")],
            "car": [ok("Whose car is"), g.plate(), ok("blocking the bins?")],
            "dob": [ok("GP form for") + who.full(), ok("DOB") + g.dob(), g.nhs(label=True)],
            "email": [ok("Email") + who.first(), g.email(who), ok("the menu")],
        }[kind]
        stack(q, [(ln, h, col, "left") for ln in body], 12, 12, lead=1.4)
        notes.append(q.finish(rng.choice(((255, 240, 120), (255, 190, 210), (170, 230, 255), (190, 255, 170))), 16, "sticky_notes"))
    two_a_row(p, notes, 0, rng, 5)
    return p.finish(clear, 4, "sticky_notes", (15, 24))


def diary_entry(g: G5, c: str, who: Who, kind: int) -> list[Tok]:
    """One line of the diary at time ``c``."""
    rng = g.rng
    if kind == 0:
        return ok(f"{c} home visit") + rng.choice((who.titled, who.full, who.first))() + g.street()
    if kind == 1:
        clinic = rng.choice(("memory clinic", "diabetes clinic", "stroke review", "chiropody"))
        return ok(c) + who.first() + ok("to") + hl(clinic, "a named client's clinic")
    if kind == 2:
        return ok(f"{c} supervision with") + who.first()
    if kind == 3:
        return ok(f"{c} team meeting") if rng.random() < 0.5 else ok(f"{c} pool car") + g.plate() + ok("to garage")
    if kind == 4:
        return ok(f"{c} ring") + possessive(who) + ok(rng.choice(("daughter", "son", "niece"))) + g.mobile()
    if kind == 5:
        return ok(f"{c} pick up") + possessive(who) + g.med()
    return ok(f"{c} lunch - bring Art club paints")


def diary_page(g: G5) -> Finished:
    """A keyworker's diary page for one day."""
    rng, B = g.rng, g.bigger()
    p = Panel(B)
    t, h, col = g.type(("DejaVuSerif.ttf",), B), biro(g, B), ink(g)
    d = rng.randint(1, 28)
    lines: list[Line | None] = [
        (ok(f"{rng.choice(('Monday', 'Wednesday', 'Thursday', 'Friday'))} {d} {rng.choice(MONTHS)}"), t, DARK, "left")
    ]
    for c in g.clocks(rng.randint(4, 6), (9, 0), (45, 120)):
        who = g.hand_who(0.3)
        what = diary_entry(g, c, who, rng.randrange(7))
        lines.append((what, h, col, "left"))
    stack(p, lines, 30, 30, lead=1.6)
    return p.finish(textured((252, 250, 240), rng.randrange(1 << 20), 8), 32, "diary_page", (15, 24))


# ----------------------------------------------------------------------------- on a home's or day centre's walls


def welcome_board(g: G5) -> Finished:
    """A "welcome to our new residents" board with photos."""
    rng, B = g.rng, g.bigger()
    p = Panel(B)
    t, tb = g.type(rng.choice((PRINT, BOLD)), B), g.type(BOLD, int(B * 1.5))
    p.line(ok(rng.choice(("A warm welcome to", "Please say hello to", "Welcome to our new friends"))), tb, 30, 30, (140, 30, 60))
    x = 30
    for _ in range(rng.randint(2, 3)):
        who = g.who(0.3)
        p.photo(g.portrait(), x, 30 + B * 2.2, 200)
        y = 30 + B * 2.2 + 270
        stack(
            p,
            [
                (rng.choice((who.full, who.titled_full, who.first))(), g.type(BOLD, B), DARK, "left"),
                (g.room() if rng.random() < 0.7 else ok("on the ground floor"), t, DARK, "left"),
                (ok("moved here from") + dc(rng.choice(TOWNS)[0], "a town"), t, DARK, "left"),
                (ok("born") + g.dob(), t, DARK, "left") if rng.random() < 0.35 else None,
                (
                    rng.choice(
                        (
                            ok("Loves bingo and") + dc("Frank Sinatra", "a public figure"),
                            ok("Ask about the Navy days!"),
                            ok("Keen on art and honey cake"),
                            ok("Grew prize roses"),
                            ok("Enjoys a bet on the horses"),
                        )
                    ),
                    t,
                    DARK,
                    "left",
                ),
            ],
            x,
            y,
            lead=1.4,
        )
        x += 900
    return p.finish(solid((255, 250, 235), (140, 30, 60), 10), 36, "welcome_board", (15, 26))


def meet_the_team(g: G5) -> Finished:
    """A "meet the team" poster: photo, name, job and a fact."""
    rng, B = g.rng, g.bigger()
    p = Panel(B)
    t = g.type(PRINT, B)
    p.line(ok(rng.choice(("Meet the Team", "Who's who", "Your Day Centre Team"))), g.type(BOLD, int(B * 1.6)), 30, 30, (0, 90, 110))
    for i in range(4):
        who = g.who(0.35)
        x, y = 30 + (i % 2) * 1000, 30 + B * 2.4 + (i // 2) * 520
        p.photo(g.portrait(), x, y, 170)
        stack(
            p,
            [
                (rng.choice((who.first, who.full, who.full))(), g.type(BOLD, B), DARK, "left"),
                (
                    ok(rng.choice(("Team Leader", "Senior Carer", "Activities Lead", "Cook", "Night Carer", "Administrator"))),
                    t,
                    DARK,
                    "left",
                ),
                (
                    ok(
                        rng.choice(
                            (
                                "Likes: gardening",
                                "Likes: Joy Division",
                                "Fact: can juggle",
                                "Likes: honey on toast",
                                "Fact: ran the Great North Run",
                                "Likes: Chase the ace",
                            )
                        )
                    ),
                    t,
                    DARK,
                    "left",
                ),
            ],
            x + 200,
            y,
            lead=1.4,
        )
    return p.finish(solid((235, 248, 250), (0, 90, 110), 8), 34, "meet_the_team", (15, 26))


def weights_chart(g: G5) -> Finished:
    """The monthly weights clipboard: resident, room, weights, risk."""
    rng, B = g.rng, g.bigger()
    p = Panel(B)
    t, h, col = g.type(PRINT, B), biro(g, B), ink(g)
    p.line(dc("Monthly Weights", "on a chart of residents' details") + ok(rng.choice(MONTHS)), g.type(BOLD, B), 20, 20, DARK)
    y = 20 + B * 1.8
    p.line(dc("Resident Room Last This MUST Action", "column headings"), t, 20, y, DARK)
    for _ in range(rng.randint(4, 6)):
        y += B * 1.6
        who = g.hand_who(0.3)
        a = rng.uniform(42, 95)
        row = (who.initial() if rng.random() < 0.5 else who.full()) + [g.room()[1]]
        if rng.random() < 0.35:
            row += g.nhs()
        row += dc(f"{a:.1f} {a + rng.uniform(-3, 1.5):.1f}", "a named resident's weight")
        r = rng.random()
        row += (
            dc("2", "risk score") + hl("high risk", "a named resident's risk") + g.diet()
            if r < 0.35
            else dc("0", "risk score") + ok("none")
        )
        p.line(row, h, 20, y, col)
    return p.finish(solid((255, 255, 255), (160, 160, 160), 3), 26, "weights_chart", (15, 24))


def allergen_board(g: G5) -> Finished:
    """The kitchen's allergen board: today's dishes and what they contain, and the residents' allergies."""
    rng, B = g.rng, g.bigger()
    p = Panel(B)
    t, m = g.type(PRINT, B), marker(g, B)
    dishes = rng.sample(
        (
            "Honey roast ham",
            "Cod in parsley sauce",
            "Chicken chasseur",
            "Rose harissa lamb",
            "Cheese and onion pie",
            "Lentil cottage pie",
            "Bakewell tart",
            "Bread and butter pudding",
            "Summer fruit jelly",
        ),
        4,
    )
    lines: list[Line | None] = [(ok("Kitchen - allergens today"), g.type(BOLD, B), (180, 0, 0), "left")]
    for d in dishes:
        lines.append(
            (
                ok(d)
                + ok("-")
                + dc(
                    ", ".join(rng.sample(("milk", "egg", "gluten", "fish", "celery", "mustard", "nuts", "sulphites"), 2)),
                    "allergens of a dish, about nobody",
                ),
                t,
                DARK,
                "left",
            )
        )
    lines.append(None)
    lines.append((ok("RESIDENTS:"), g.type(BOLD, B), (180, 0, 0), "left"))
    for _ in range(rng.randint(2, 3)):
        who = g.hand_who(0.3)
        lines.append(
            (
                rng.choice((who.full, who.first, who.titled))() + (g.room_no() if rng.random() < 0.5 else []) + ok("-") + g.diet(),
                m,
                (20, 20, 140),
                "left",
            )
        )
    stack(p, lines, 30, 30, lead=1.45)
    return p.finish(solid((255, 255, 255), (180, 0, 0), 6), 34, "allergen_board", (15, 24))


def first_aid_box(g: G5) -> Finished:
    """The label on a first aid box: first aiders, their extensions, the last check."""
    rng, B = g.rng, g.bigger()
    p = Panel(B)
    t = g.type(BOLD, B)
    lines: list[Line | None] = [
        (ok("FIRST AID"), g.type(BOLD, int(B * 1.8)), (255, 255, 255), "centre"),
        (ok("Your first aiders are:"), t, (255, 255, 255), "centre"),
    ]
    for _ in range(rng.randint(2, 3)):
        who = g.who(0.35)
        lines.append((who.full() + dc(f"ext {rng.randint(200, 299)}", "an internal extension"), t, (255, 255, 255), "centre"))
    lines += [
        (ok("Eye wash station by the sluice"), t, (255, 255, 255), "centre"),
        (
            ok(f"Checked {rng.randint(1, 28)}/{rng.randint(1, 12)}/26 by")
            + dc(f"{rng.choice('ABDJKMRS')}{rng.choice('ABDJKMRS')}", "initials"),
            t,
            (255, 255, 255),
            "centre",
        ),
    ]
    stack(p, lines, 40, 40, lead=1.5)
    return p.finish(solid((0, 130, 70), (255, 255, 255), 6), 40, "first_aid_box", (15, 26))


def key_log(g: G5) -> Finished:
    """A key signing-out sheet on a clipboard."""
    rng, B = g.rng, g.bigger()
    p = Panel(B)
    t, h = g.type(PRINT, B), biro(g, B)
    p.line(ok("KEYS SIGNED OUT - please return to the office"), g.type(BOLD, B), 20, 20, DARK)
    y = 20 + B * 1.7
    p.line(ok("Key Taken by Out In"), t, 20, y, DARK)
    for a, b in zip(*(iter(g.clocks(8, (7, 0), (20, 90))),) * 2, strict=False):
        y += B * 1.55
        staff, res = g.hand_who(0.35), g.hand_who(0.3)
        kind = rng.randrange(3)
        if kind == 0:
            key = ok(rng.choice(("Minibus", "Drugs trolley", "Shed", "Laundry", "Front door spare", "Art room")))
            if key[0][0] == "Minibus" and rng.random() < 0.6:
                key += g.plate()
        elif kind == 1:
            key = ok("Room") + [(str(rng.randint(1, 40)), ADDR, "room number of a named resident")] + bracket(res.titled())
        else:
            key = ok(f"Cupboard {rng.randint(1, 12)}")
        p.line(key + rng.choice((staff.first, staff.full, staff.initial))() + ok(f"{a} {b}"), h, 20, y, ink(g))
    return p.finish(solid((255, 255, 255), (150, 150, 150), 2), 24, "key_log", (15, 24))


def lift_notice(g: G5) -> Finished:
    """A lift-out-of-order notice taped to the lift door."""
    rng, B = g.rng, g.bigger()
    p = Panel(B)
    t = g.type(BOLD, B)
    who = g.who(0.35)
    lines: list[Line | None] = [
        (ok("LIFT OUT OF ORDER"), g.type(BOLD, int(B * 1.9)), (200, 0, 0), "centre"),
        (ok(f"Engineer booked for {g.date()}"), t, DARK, "centre"),
        (ok(f"Max load {rng.choice((8, 10, 13))} persons / {rng.choice((630, 800, 1000))} kg"), t, DARK, "centre"),
        (ok("Residents on floors 1 and 2: please ask a carer to help"), t, DARK, "centre"),
        (ok("Please ask") + who.first() + ok("at reception, or ring"), t, DARK, "centre"),
        (dc(rng.choice(("Stannah", "Otis", "Lift Care Ltd")), "the lift firm") + g.landline(EITHER), t, DARK, "centre"),
        (ok("Sorry! Will be fixed ASAP"), t, DARK, "centre"),
    ]
    stack(p, lines, 40, 40, lead=1.5)
    return p.finish(solid((255, 255, 255), (200, 0, 0), 10), 40, "lift_notice", (15, 26))


def memory_tree(g: G5) -> Finished:
    """Handwritten tags on a remembrance tree."""
    rng, B = g.rng, g.bigger()
    p = Panel(B)
    tags = []
    for _ in range(4):
        q = Panel(B)
        h, col = biro(g, B), ink(g)
        who, frm = g.hand_who(0.35), g.hand_who(0.35)
        msg = rng.choice(
            (
                [ok("In memory of") + who.full(), dc(f"{rng.randint(1930, 1960)} - {rng.randint(2015, 2025)}", "memorial years")],
                [ok(rng.choice(("Grandad", "Nanna", "Uncle", "Auntie"))) + who.first(), ok("missed every day"), ok("love") + frm.first()],
                [ok("For") + who.first(), ok(rng.choice(("Hope you are dancing", "Forever in our hearts", "Sandy beaches now x")))],
                [who.full() + ok("x"), ok("Joy to have known you"), ok("from all at") + dc("Larkfield Court", "the home's own name")],
            )
        )
        stack(q, [(ln, h, col, "left") for ln in msg], 12, 12, lead=1.4)
        tags.append(q.finish(rng.choice(((255, 255, 255), (255, 240, 200), (220, 235, 255))), 14, "memory_tree"))
    two_a_row(p, tags, 0, rng, 8)
    return p.finish(clear, 4, "memory_tree", (15, 24))


def photo_captions(g: G5) -> Finished:
    """A newsletter page: photos and their captions."""
    rng, B = g.rng, g.bigger()
    p = Panel(B)
    t = g.type(("DejaVuSerif.ttf", "DejaVuSans.ttf"), B)
    p.line(
        ok(rng.choice(("What we've been up to", "Newsletter - Summer", "Our month in pictures"))),
        g.type(BOLD, int(B * 1.4)),
        30,
        30,
        (30, 60, 120),
    )
    y = 30 + B * 2.3
    for _ in range(2):
        a, b = g.who(0.35), g.who(0.35)
        p.photo(g.portrait(), 30, y, 190)
        cap = rng.choice(
            (
                a.full() + ok("and") + b.first() + ok("enjoying the cream tea"),
                ok("Well done to") + a.full() + ok("on 2nd place in the Art show"),
                ok("Here's") + a.first() + ok(f"celebrating {rng.randint(90, 104)} with daughter") + b.first(),
                ok("Happy birthday") + a.full() + ok("(born") + glue(g.dob(), ")"),
                ok("Our volunteer") + a.full() + ok("planting roses by the May pole"),
                ok("Our pony") + dc("Bill", "an animal's name") + ok("came to visit, with") + a.first(),
            )
        )
        p.line(cap, t, 260, y + 60, DARK)
        y += 290
    return p.finish(solid((255, 255, 255)), 34, "photo_captions", (15, 24))


def talent_show(g: G5) -> Finished:
    """A talent-show running order."""
    rng, B = g.rng, g.bigger()
    p = Panel(B)
    t = marker(g, B)
    col = rng.choice(((20, 20, 120), (120, 20, 100), (20, 20, 20)))
    songs = [
        "Amazing Grace",
        "Que Sera Sera",
        "Moon River",
        "Blue Suede Shoes",
        "Ode to Joy",
        "Honey Pie",
        "Danny Boy",
        "Sweet Caroline",
        "I Will Survive",
        "Mercy Mercy Me",
    ]
    lines: list[Line | None] = [(ok("GOT TALENT! running order"), marker(g, int(B * 1.4)), (200, 0, 0), "left")]
    for i, c in enumerate(g.clocks(rng.randint(4, 6), (14, 0), (5, 15))):
        who = g.hand_who(0.4)
        lines.append(
            (
                ok(f"{i + 1}. {c}")
                + rng.choice((who.first, who.full))()
                + ok("-")
                + ok(plain_hand(rng.choice(songs + ["poem", "magic tricks", "tap dance"]))),
                t,
                col,
                "left",
            )
        )
    lines.append((ok("Compere:") + g.hand_who(0.4).first() + ok("Interval raffle 50p"), t, col, "left"))
    stack(p, lines, 40, 36, lead=1.5)
    return p.finish(solid((248, 248, 248), (170, 170, 175), 14), 40, "talent_show", (16, 30))


def panto_cast(g: G5) -> Finished:
    """A pantomime cast list."""
    rng, B = g.rng, g.bigger()
    p = Panel(B)
    t = g.type(("DejaVuSerif.ttf", "DejaVuSerif-Bold.ttf"), B)
    show = rng.choice(
        (
            ("Cinderella", ("Cinderella", "Buttons", "Prince Charming", "Ugly Sister", "Fairy Godmother", "Baron Hardup")),
            ("Aladdin", ("Aladdin", "Widow Twankey", "Wishee Washee", "Abanazar", "The Genie", "Princess Jasmine")),
            ("Jack and the Beanstalk", ("Jack", "Dame Trott", "Daisy the Cow", "The Giant", "Jill", "Fleshcreep")),
        )
    )
    lines: list[Line | None] = [
        (ok(show[0]), g.type(("DejaVuSerif-Bold.ttf",), int(B * 2)), (130, 0, 0), "centre"),
        (ok(f"{g.date()} at {g.clock()} - the Lounge"), t, DARK, "centre"),
        None,
    ]
    for role in rng.sample(show[1], 5):
        who = g.who(0.4)
        lines.append((ok(role) + ok("....") + rng.choice((who.full, who.full, who.first))(), t, DARK, "centre"))
    lines.append((ok("Costumes by") + g.who(0.3).full() + ok("and the Art club"), t, DARK, "centre"))
    stack(p, lines, 40, 40, lead=1.5)
    return p.finish(solid((255, 250, 230), (200, 160, 0), 8), 40, "panto_cast", (15, 26))


def choir_programme(g: G5) -> Finished:
    """A choir concert programme."""
    rng, B = g.rng, g.bigger()
    p = Panel(B)
    t = g.type(("DejaVuSerif.ttf", "DejaVuSerifCondensed.ttf"), B)
    pieces = (
        ("Jerusalem", "Parry"),
        ("Lord Have Mercy", "Trad."),
        ("Joy to the World", "Handel"),
        ("Ave Maria", "Schubert"),
        ("Hope of the Ages", "Rutter"),
        ("Amazing Grace", "Newton"),
        ("Calon Lân", "Hughes"),
        ("The Rose", "McBroom"),
        ("Swing Low", "Spiritual"),
        ("Will Ye No Come Back Again", "Nairne"),
    )
    conductor, piano = g.who(0.3), g.who(0.3)
    lines: list[Line | None] = [
        (
            ok(rng.choice(("Spring Concert", "Songs of Praise and Joy", "Summer Serenade"))),
            g.type(("DejaVuSerif-Bold.ttf",), int(B * 1.6)),
            (60, 30, 90),
            "centre",
        ),
        (dc(rng.choice(("Hollins Community Choir", "Larkfield Singers", "Cor Meibion Bryn")), "the choir's own name"), t, DARK, "centre"),
        (ok("Conductor") + conductor.full() + ok("Piano") + piano.full(), t, DARK, "centre"),
        None,
    ]
    for title, by in rng.sample(pieces, 5):
        solo = g.who(0.35) if rng.random() < 0.35 else None
        lines.append((ok(title) + dc(by, "a composer") + (ok("solo:") + solo.full() if solo else []), t, DARK, "centre"))
    lines.append((ok(f"Retiring collection for {rng.choice(('Marie Curie', 'the Air Ambulance', 'Mind'))}, thank you"), t, DARK, "centre"))
    stack(p, lines, 40, 40, lead=1.5)
    return p.finish(solid((248, 245, 255), (60, 30, 90), 4), 40, "choir_programme", (15, 26))


# ----------------------------------------------------------------------------- community


def garden_open_day(g: G5) -> Finished:
    """A garden open-day sign at a private house."""
    rng, B = g.rng, g.bigger()
    p = Panel(B)
    t = g.type(BOLD, B)
    host = g.who(0.3)
    lines: list[Line | None] = [
        (ok("OPEN GARDEN"), g.type(BOLD, int(B * 2)), (20, 100, 30), "centre"),
        (ok(f"{g.date()} {g.clock()} - {rng.choice(('4pm', '5pm', '5.30pm'))}"), t, DARK, "centre"),
        (
            ok("by kind permission of") + host.titled_full() + (ok("and") + g.who(0.3).first() if rng.random() < 0.5 else []),
            t,
            DARK,
            "centre",
        ),
        (g.street(), t, DARK, "centre"),
        (ok(f"Teas, plant stall, honey for sale. Entry {g.money(2, 6)}"), t, DARK, "centre"),
        (
            ok(rng.choice(("Rose walk, sandy soil borders, wildlife pond", "Art trail for children", "May blossom and bluebells"))),
            t,
            DARK,
            "centre",
        ),
        (
            ok("All proceeds to") + dc(rng.choice(("the National Garden Scheme", "St Ann's Hospice", "Macmillan")), "a charity"),
            t,
            DARK,
            "centre",
        ),
    ]
    if rng.random() < 0.5:
        lines.append((ok("Groups welcome, email") + g.email(host), t, DARK, "centre"))
    stack(p, lines, 40, 40, lead=1.5)
    return p.finish(solid((240, 252, 235), (20, 100, 30), 10), 40, "garden_open_day", (15, 26))


def book_club(g: G5) -> Finished:
    """A book club's list for the year."""
    rng, B = g.rng, g.bigger()
    p = Panel(B)
    h, col = biro(g, B), ink(g)
    books = (
        ("Rebecca", "du Maurier"),
        ("Cider with Rosie", "Lee"),
        ("Small Island", "Levy"),
        ("The Kite Runner", "Hosseini"),
        ("Brick Lane", "Ali"),
        ("Great Expectations", "Dickens"),
        ("Things Fall Apart", "Achebe"),
        ("Anne of Green Gables", "Montgomery"),
        ("Wild Swans", "Jung Chang"),
        ("The Secret Garden", "Burnett"),
        ("Frankenstein", "Shelley"),
        ("Sense and Sensibility", "Austen"),
    )
    host = g.hand_who(0.35)
    lines: list[Line | None] = [
        (ok(rng.choice(("Book Club 2026", "Tuesday Readers", "Library Book Group"))), g.type(BOLD, int(B * 1.3)), DARK, "left")
    ]
    for (title, author), mon in zip(rng.sample(books, 4), rng.sample(MONTHS, 4), strict=True):
        pick = g.hand_who(0.35)
        lines.append(
            (
                ok(f"{mon[:3]}:") + ok(plain_hand(title)) + dc(plain_hand(author), "an author") + ok("- chosen by") + pick.first(),
                h,
                col,
                "left",
            )
        )
    lines.append(
        (
            ok("We meet at") + possessive(host) + ok("house,") + g.street() if rng.random() < 0.6 else ok("We meet at the library, 2pm"),
            h,
            col,
            "left",
        )
    )
    lines.append((ok("Questions? ring") + host.first() + g.phone(), h, col, "left"))
    if rng.random() < 0.6:
        lines.append((ok("or email") + g.email(host), h, col, "left"))
    stack(p, lines, 30, 30, lead=1.5)
    return p.finish(solid((255, 255, 255), (90, 60, 30), 3), 30, "book_club", (15, 24))


def dog_walk_rota(g: G5) -> Finished:
    """A volunteers' dog-walking rota for housebound neighbours' dogs."""
    rng, B = g.rng, g.bigger()
    p = Panel(B)
    t, m = g.type(PRINT, B), marker(g, B)
    lines: list[Line | None] = [(ok("Dog walking rota"), g.type(BOLD, int(B * 1.3)), (120, 60, 0), "left")]
    for day in rng.sample(("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday"), 4):
        walker, owner = g.hand_who(0.4), g.hand_who(0.3)
        dog = rng.choice(("Bella", "Buster", "Honey", "Frank", "Pepper", "Chase", "Biscuit", "Rolo"))
        lines.append(
            (
                ok(f"{day[:3]} {g.clock()}")
                + walker.first()
                + ok("walks")
                + dc(dog, "a pet's name")
                + (ok("- collect from") + g.street() if rng.random() < 0.5 else bracket(possessive(owner) + ok("dog"))),
                m,
                (20, 20, 20),
                "left",
            )
        )
    lead = g.hand_who(0.3)
    lines.append((ok("Lead holder:") + lead.full() + g.mobile(), t, DARK, "left"))
    if rng.random() < 0.5:
        lines.append((ok("Swaps by email:") + g.email(lead), t, DARK, "left"))
    lines.append((ok("Bags and treats in the porch. Will pay for vet if needed."), t, DARK, "left"))
    stack(p, lines, 30, 30, lead=1.5)
    return p.finish(solid((255, 252, 240), (120, 60, 0), 5), 30, "dog_walk_rota", (15, 26))


def sponsor_form(g: G5) -> Finished:
    """A charity-run sponsor form with sponsors' names, addresses and amounts."""
    rng, B = g.rng, g.bigger()
    p = Panel(B)
    t, h = g.type(PRINT, B), biro(g, B)
    runner = g.hand_who(0.35)
    p.line(ok("Charity run sponsor form"), g.type(BOLD, B), 20, 20, DARK)
    p.line(runner.full() + ok(f"is running {rng.choice(('5k', '10k', 'the half marathon'))} for Charity"), t, 20, 20 + B * 1.5, DARK)
    y = 20 + B * 3.2
    p.line(ok("Name Home address Postcode Amount Gift Aid"), t, 20, y, DARK)
    for _ in range(rng.randint(4, 6)):
        y += B * 1.55
        s = g.hand_who(0.35)
        _, pc = g.postcode()
        row = rng.choice((s.full, s.initial, s.full))() + g.street() + pc + ok(plain_hand(g.money(2, 25)))
        row += ok(rng.choice(("yes", "Y", "no", "x")))
        if rng.random() < 0.35:
            row += g.email(s)
        p.line(row, h, 20, y, ink(g))
    return p.finish(solid((255, 255, 255), (200, 60, 0), 3), 24, "sponsor_form", (15, 24))


def coach_trip(g: G5) -> Finished:
    """A coach trip itinerary with the passenger list."""
    rng, B = g.rng, g.bigger()
    p = Panel(B)
    t = g.type(rng.choice((PRINT, MONO)), B)
    dest = rng.choice(("Blackpool Illuminations", "Chatsworth House", "Bath Christmas market", "Llandudno pier", "Edinburgh Zoo"))
    times = g.clocks(3, (8, 30), (60, 180))
    lines: list[Line | None] = [
        (ok(f"Trip to {dest} - {g.date()}"), g.type(BOLD, B), (0, 80, 150), "left"),
        (ok(f"Depart {times[0]}, comfort stop {times[1]}, home by {rng.choice(('6pm', '7.30pm', '9pm'))}"), t, DARK, "left"),
        (
            ok("Coach") + dc(rng.choice(("Shearings", "Hollinshead Travel", "Silver Star")), "the coach firm") + ok("reg") + g.plate(),
            t,
            DARK,
            "left",
        ),
        (ok("Passengers:"), g.type(BOLD, B), DARK, "left"),
    ]
    for _ in range(rng.randint(4, 6)):
        who = g.who(0.3)
        row = rng.choice((who.full, who.titled, who.initial))() + (g.room() if rng.random() < 0.6 else [])
        if rng.random() < 0.4:
            row += g.aid()
        lines.append((row, t, DARK, "left"))
    esc = g.who(0.35)
    lines.append((ok("Escort") + esc.first() + ok("mobile") + g.mobile(), t, DARK, "left"))
    if rng.random() < 0.5:
        lines.append((ok("Seats to") + esc.full() + ok("at") + g.email(esc), t, DARK, "left"))
    stack(p, lines, 30, 30, lead=1.4)
    return p.finish(solid((255, 255, 255), (0, 80, 150), 4), 30, "coach_trip", (15, 24))


def lottery_syndicate(g: G5) -> Finished:
    """A staff lottery syndicate list."""
    rng, B = g.rng, g.bigger()
    p = Panel(B)
    h, col = biro(g, B), ink(g)
    lines: list[Line | None] = [(ok("LOTTERY SYNDICATE - 2 pounds a week, Wednesday and Saturday"), g.type(BOLD, B), DARK, "left")]
    for _ in range(rng.randint(5, 7)):
        who = g.hand_who(0.4)
        nums = " ".join(str(n) for n in sorted(rng.sample(range(1, 60), 6)))
        lines.append(
            (
                rng.choice((who.first, who.full, who.full))() + ok(nums) + ok(rng.choice(("paid", "owes 4", "paid", "paid to June"))),
                h,
                col,
                "left",
            )
        )
    org = g.hand_who(0.4)
    lines.append((ok("Money to") + org.first() + ok("by Friday, any problems text") + g.mobile(), h, col, "left"))
    if rng.random() < 0.6:
        lines.append((ok("Results emailed from") + g.email(org), h, col, "left"))
    stack(p, lines, 30, 30, lead=1.5)
    return p.finish(solid((255, 255, 255), (30, 120, 200), 3), 30, "lottery_syndicate", (15, 24))


def salon_prices(g: G5) -> Finished:
    """A salon's price list on the wall of the home's hair room."""
    rng, B = g.rng, g.bigger()
    p = Panel(B)
    t = g.type(rng.choice((PRINT, BOLD)), B)
    stylist = g.who(0.4)
    lines: list[Line | None] = [
        (
            ok(rng.choice(("Salon Price List", "Hair and Beauty Room", "The Pamper Parlour"))),
            g.type(BOLD, int(B * 1.5)),
            (150, 0, 90),
            "centre",
        )
    ]
    for item in rng.sample(
        (
            "Wash and set",
            "Cut and blow dry",
            "Shampoo and trim",
            "Perm",
            "Colour",
            "Beard trim",
            "Manicure",
            "Honey and oat hand massage",
            "Rose nail polish",
        ),
        5,
    ):
        lines.append((ok(f"{item} {g.money(4, 38)}"), t, DARK, "centre"))
    lines += [
        (ok("Every Thursday with") + stylist.full(), t, DARK, "centre"),
        (ok("To book text") + stylist.first() + g.mobile(), t, DARK, "centre"),
        (ok("or email") + g.email(stylist), t, DARK, "centre") if rng.random() < 0.5 else None,
        (ok("Charges go on the resident's monthly bill"), t, DARK, "centre"),
    ]
    stack(p, lines, 40, 40, lead=1.5)
    return p.finish(solid((255, 245, 250), (150, 0, 90), 6), 40, "salon_prices", (15, 26))


def brick_wall(g: G5) -> Finished:
    """Engraved bricks on a sponsor-a-brick wall."""
    rng, B = g.rng, g.bigger()
    p = Panel(B)
    bricks = []
    for _ in range(4):
        q = Panel(B)
        t = g.type(("DejaVuSerif-Bold.ttf", "DejaVuSans-Bold.ttf"), B)
        who = g.who(0.35)
        text = rng.choice(
            (
                [ok("In memory of"), caps(who.full())],
                [caps(who.full()), dc(f"{rng.randint(1928, 1955)}-{rng.randint(2010, 2025)}", "memorial years")],
                [ok("THE") + caps([(w, NAME, "") for w in who.family.split()]) + ok("FAMILY")],
                [ok(rng.choice(("With love from", "Donated by"))), who.full()],
                [ok(rng.choice(("HOPE HOUSE 2026", "FRIENDS OF MAY PARK", "BUILT WITH CHARITY")))],
            )
        )
        stack(q, [(ln, t, (60, 40, 30), "centre") for ln in text], 10, 10, lead=1.3)
        bricks.append(q.finish(solid((180, 90, 60), (120, 60, 40), 4), 18, "brick_wall"))
    two_a_row(p, bricks, 0, rng, 1)
    return p.finish(clear, 4, "brick_wall", (15, 24))


LAYOUTS = {
    "taxi_booking": taxi_booking,
    "bedside_board": bedside_board,
    "compliment_card": compliment_card,
    "sticky_notes": sticky_notes,
    "diary_page": diary_page,
    "welcome_board": welcome_board,
    "meet_the_team": meet_the_team,
    "weights_chart": weights_chart,
    "allergen_board": allergen_board,
    "first_aid_box": first_aid_box,
    "key_log": key_log,
    "lift_notice": lift_notice,
    "memory_tree": memory_tree,
    "photo_captions": photo_captions,
    "talent_show": talent_show,
    "panto_cast": panto_cast,
    "choir_programme": choir_programme,
    "garden_open_day": garden_open_day,
    "book_club": book_club,
    "dog_walk_rota": dog_walk_rota,
    "sponsor_form": sponsor_form,
    "coach_trip": coach_trip,
    "lottery_syndicate": lottery_syndicate,
    "salon_prices": salon_prices,
    "brick_wall": brick_wall,
}


# ----------------------------------------------------------------------------- the set


generate = blind.set_generator(
    LAYOUTS,
    G5,
    "_blinde",
    "Fifth blind set of care boards, slips and community paperwork (benchmarks/gen_text_blind5.py, seed {seed})",
    RESERVED_SEED,
)


def main(argv: list[str] | None = None) -> int:
    return blind.main(argv, make=generate, reserved=RESERVED_SEED, doc=__doc__)


if __name__ == "__main__":
    raise SystemExit(main())
