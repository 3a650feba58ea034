"""Generate an eighth blind test set of care-agency sheets, notices and street signs on real photos, in the format of ``text_pii``.

Written for issue #21 by someone who had not read the text rules (nothing
under ``src/mediascrub``), their tests, the README, and who never ran the
classifier on this set. Only the earlier blind generators were read, for their
machinery and for the layouts they already draw (none is drawn again here, nor
a close relative); ``G8`` subclasses blind 7's ``G7`` (its people and blind
6's streets, medicines, number, e-mail, date-of-birth and plate makers) and
adds names of its own. Meant to be run **once**, by the coordinator, on the
final code, with the reserved seed 818181 (``bench_text_heldout.py --layouts
blind8``); any other seed is for looking at the generator only.

Twenty layouts: a housing repair "sorry we missed you" card, a family contact
centre's session board, a blood-pressure record card, case-file spine labels,
a social work office in/out board, a child's school reading record, a baby's
red book page, a hospital radio request slip, a door-entry buzzer panel, a
walking group's route card, a Neighbourhood Watch sign, a car park tariff
board, plant labels in a sensory garden, a dementia orientation board, a
hand-hygiene poster, a defibrillator cabinet sign, estate agent window cards,
a road closure notice, a kitchen fridge temperature log and a house-rules
poster on a supported-living fridge.

Labels follow ``gen_text_blind.py``'s definitions, ``dontcare`` as blinds 3-7
used it (titles and initials, field labels, a service's or charity's own name
and number, towns, public figures, a house's name in an advert, health words
about nobody, lone punctuation). A room, flat or bed number next to a named
person is ``address``; case, tenancy and staff numbers are ``id_number``.

    python benchmarks/gen_text_blind8.py --out /tmp/blind8 --seed 7 [--images 60] [--png-dir /tmp/look]

The photos are research data: write them to a temporary folder, never into the repository.
"""

from __future__ import annotations

import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "benchmarks"))

import gen_text_blind as blind  # noqa: E402
from gen_text_blind import ADDR, BOLD, EITHER, ID, MONO, NAME, PRINT, Finished, Panel, T, Tok, solid  # noqa: E402
from gen_text_blind2 import Line, biro, dc, ink, marker, ok  # noqa: E402
from gen_text_blind3 import Who, clear, hl, on_card, two_a_row  # noqa: E402
from gen_text_blind4 import DARK, possessive  # noqa: E402
from gen_text_blind5 import bracket, glue  # noqa: E402
from gen_text_blind6 import sheet  # noqa: E402
from gen_text_blind7 import G7, names_list  # noqa: E402

RESERVED_SEED = 818181

# names of this set's own, from communities no earlier set drew: Hungarian, Finnish, Estonian, Georgian,
# Armenian, Oromo, Ganda, Rwandan, Malagasy, Malay, Thai, Khmer, Mongolian, Goan, Parsi, Maltese, Basque,
# Icelandic, Guyanese, Brazilian
OWN_GIVEN = (
    (
        "Erzsebet",
        "Piroska",
        "Aino",
        "Kadri",
        "Ketevan",
        "Anahit",
        "Siranush",
        "Chaltu",
        "Nakato",
        "Uwase",
        "Voahangy",
        "Nurul",
        "Sunisa",
        "Sophea",
        "Bolormaa",
        "Dinaz",
        "Carmela",
        "Ainhoa",
        "Sigridur",
        "Thamires",
    ),
    (
        "Laszlo",
        "Zoltan",
        "Jukka",
        "Toomas",
        "Levan",
        "Hovhannes",
        "Gemechu",
        "Mukasa",
        "Rivo",
        "Azman",
        "Sokha",
        "Batbayar",
        "Agnelo",
        "Jamshed",
        "Carmelo",
        "Inaki",
        "Einar",
        "Deonarine",
        "Wanderley",
    ),
)
OWN_FAMILY = (
    "Horvath",
    "Szabo",
    "Virtanen",
    "Korhonen",
    "Tamm",
    "Beridze",
    "Kapanadze",
    "Grigoryan",
    "Hakobyan",
    "Gudina",
    "Ssemwogerere",
    "Habimana",
    "Uwimana",
    "Rakotomalala",
    "Wongsakul",
    "Chhim",
    "Batsaikhan",
    "D'Souza",
    "Wadia",
    "Daruwalla",
    "Camilleri",
    "Zammit",
    "Etxeberria",
    "Sigurdsson",
    "Persaud",
    "Ramotar",
    "Albuquerque",
)
# given names that are everyday words: some new to these sets, and the ones issue #21 names
WORD_NAMES = (
    (
        "Willow",
        "Fern",
        "Marigold",
        "Skye",
        "Melody",
        "Harmony",
        "Coral",
        "Opal",
        "Cherry",
        "Liberty",
        "Rose",
        "May",
        "Hope",
        "Grace",
        "Holly",
        "Dawn",
    ),
    ("Cliff", "Lance", "Drew", "Gene", "Wade", "Don", "Hunter", "Bill", "Will", "Frank"),
)
WORD_FAMILY = ("Price", "Lord", "Short", "Long", "Wall", "Ford", "Sale", "Rose", "Bell", "Hope")
# a few streets of this set's own, some named after words that are also names
OWN_STREETS = ("Marigold Close", "Willow Bank", "Fern Grove", "Harmony Way", "Coral Street", "Cherry Tree Walk", "Lance Road")


class G8(G7):
    """Blind 7's (and 6's) makers, with a share of this set's own names and streets."""

    def who(self, word: float = 0.25, title: bool = True) -> Who:
        rng = self.rng
        c = rng.random()
        if c < 0.5:
            return super().who(word, title)
        female = rng.random() < 0.6
        if c < 0.5 + word * 0.8:
            given, is_word = rng.choice(WORD_NAMES[0 if female else 1]), True
        else:
            given, is_word = rng.choice(OWN_GIVEN[0 if female else 1]), False
        family = rng.choice(WORD_FAMILY) if rng.random() < 0.25 else rng.choice(OWN_FAMILY)
        t = rng.choice(("Mrs", "Ms", "Miss")) if female else "Mr"
        return Who(given, family, t, is_word)

    def street(self) -> list[Tok]:
        rng = self.rng
        if rng.random() < 0.6:
            return super().street()
        num = rng.choice((str(rng.randint(1, 120)), f"{rng.randint(2, 40)}{rng.choice('AB')}"))
        return T(f"{num} {rng.choice(OWN_STREETS)}", ADDR, "house number and street of a private address")


def flat(n: int | str, word: str = "Flat") -> list[Tok]:
    return [(word, EITHER, "flat word"), (str(n), ADDR, "flat or bed number of a named person")]


# ----------------------------------------------------------------------------- about one person


def missed_visit_card(g: G8) -> Finished:
    """A housing repair 'sorry we missed you' card pushed through a tenant's door."""
    rng, B = g.rng, g.bigger()
    t, h, col = g.type(PRINT, B), biro(g, B), ink(g)
    tenant, op = g.hand_who(0.3), g.hand_who(0.3)
    lines: list[Line | None] = [
        (ok("Sorry we missed you"), g.type(BOLD, int(B * 1.4)), (0, 90, 150), "left"),
        (
            dc(rng.choice(("Northern Homes Group", "Riverside Housing", "Pennine Living", "Two Valleys Homes")), "the landlord's own name"),
            t,
            DARK,
            "left",
        ),
        (ok("Our operative called at") + g.street() + ok("at") + ok(g.clock()), h, col, "left"),
        (
            ok("to repair your") + ok(rng.choice(("boiler", "kitchen tap", "extractor fan", "front door lock", "bathroom window"))),
            h,
            col,
            "left",
        ),
        (dc("Tenant:", "field label") + rng.choice((tenant.titled_full, tenant.full, tenant.titled))(), h, col, "left"),
        (
            dc("Tenancy ref", "field label") + T(f"T{rng.randint(100000, 999999)}", ID, "a tenancy reference")
            if rng.random() < 0.6
            else dc("Job no", "field label") + dc(str(rng.randint(40000, 99999)), "a repair job number"),
            h,
            col,
            "left",
        ),
        (ok("Operative:") + op.first(), h, col, "left"),
        (ok("Please call") + g.landline(EITHER) + ok("to rebook, 8am - 6pm"), t, DARK, "left"),
    ]
    card: list[Line | None] = [None if ln is None else (on_card(ln[0]), *ln[1:]) for ln in lines]
    return sheet(g, card, (0, 90, 150), "missed_visit_card", bg=(250, 252, 255))


def bp_record(g: G8) -> Finished:
    """A home blood-pressure record card."""
    rng, B = g.rng, g.bigger()
    t, h, col = g.type(PRINT, B), biro(g, B), ink(g)
    who = g.hand_who(0.3)
    lines: list[Line | None] = [
        (ok("My blood pressure record"), g.type(BOLD, int(B * 1.3)), (170, 20, 40), "left"),
        (dc("Name", "field label") + who.full(), h, col, "left"),
        (dc("Date of birth", "field label") + g.dob(), h, col, "left"),
        (g.nhs(label=True), h, col, "left") if rng.random() < 0.7 else None,
        (dc("Tablets:", "field label") + g.med(), h, col, "left"),
        (ok("Date Time Reading Pulse"), g.type(BOLD, B), DARK, "left"),
    ]
    for _ in range(rng.randint(3, 5)):
        s, d = rng.randint(118, 168), rng.randint(68, 98)
        lines.append((ok(f"{rng.randint(1, 28)}/{rng.randint(1, 12)} {g.clock()} {s}/{d} {rng.randint(56, 96)}"), h, col, "left"))
    lines.append((ok("Bring this card to your") + g.condition() + ok("review"), t, DARK, "left") if rng.random() < 0.6 else None)
    card: list[Line | None] = [None if ln is None else (on_card(ln[0]), *ln[1:]) for ln in lines]
    return sheet(g, card, (170, 20, 40), "bp_record", bg=(255, 250, 250))


def red_book(g: G8) -> Finished:
    """A page of a baby's red book (personal child health record)."""
    rng, B = g.rng, g.bigger()
    h, col = biro(g, B), ink(g)
    baby, hv = g.hand_who(0.35), g.hand_who(0.3)
    y = rng.choice((2025, 2026))
    lines: list[Line | None] = [
        (ok("Personal Child Health Record"), g.type(BOLD, int(B * 1.2)), (190, 30, 40), "left"),
        (dc("Baby's name", "field label") + baby.full(), h, col, "left"),
        (dc("Date of birth", "field label") + T(f"{rng.randint(1, 28)}/{rng.randint(1, 12)}/{y}", "date_of_birth"), h, col, "left"),
        (g.nhs(label=True), h, col, "left"),
        (ok(f"Birth weight {rng.randint(25, 42) / 10:.1f} kg, length {rng.randint(46, 55)} cm"), h, col, "left"),
        (ok("Health visitor:") + hv.full() + g.landline(EITHER), h, col, "left"),
        (ok("8 weeks: 6-in-1, MenB, rotavirus given"), h, col, "left"),
        (
            ok("Seen for") + hl(rng.choice(("tongue-tie", "jaundice", "reflux", "hip click", "eczema")), "a named baby's condition"),
            h,
            col,
            "left",
        )
        if rng.random() < 0.6
        else None,
    ]
    card: list[Line | None] = [None if ln is None else (on_card(ln[0]), *ln[1:]) for ln in lines]
    return sheet(g, card, (190, 30, 40), "red_book", bg=(255, 252, 245))


def radio_request(g: G8) -> Finished:
    """A hospital radio request slip."""
    rng, B = g.rng, g.bigger()
    t, h, col = g.type(PRINT, B), biro(g, B), ink(g)
    pt, by = g.hand_who(0.35), g.hand_who(0.35)
    song, singer = rng.choice(
        (
            ("Moon River", "Andy Williams"),
            ("Que Sera Sera", "Doris Day"),
            ("Take Me Home, Country Roads", "John Denver"),
            ("Dancing Queen", "ABBA"),
            ("You Are My Sunshine", "Johnny Cash"),
            ("Amazing Grace", "Aretha Franklin"),
        )
    )
    lines: list[Line | None] = [
        (ok("Hospital Radio - your requests"), g.type(BOLD, int(B * 1.2)), (20, 70, 140), "left"),
        (dc("For:", "field label") + rng.choice((pt.titled_full, pt.full, pt.titled))(), h, col, "left"),
        (dc("Ward", "ward word") + dc(str(rng.randint(1, 30)), "a ward's number") + flat(rng.randint(1, 28), "bed"), h, col, "left"),
        (ok("Song:") + ok(song) + ok("by") + dc(singer, "a singer"), h, col, "left"),
        (
            ok("Message: get well soon")
            + glue(pt.first(), ",")
            + (ok("hope the") + g.condition() + ok("is easing") if rng.random() < 0.4 else ok("we miss you at home")),
            h,
            col,
            "left",
        ),
        (ok("love from") + names_list(g, rng.randint(2, 3), hand=True), h, col, "left"),
        (ok("Requested by") + by.first() + ok("tel") + g.phone(), h, col, "left") if rng.random() < 0.5 else None,
        (ok("Tune in Sunday 7-9pm on channel 3 at your bedside"), t, DARK, "left"),
    ]
    return sheet(g, lines, (20, 70, 140), "radio_request", bg=(255, 255, 240))


# ----------------------------------------------------------------------------- an office's and a home's walls


def contact_sessions(g: G8) -> Finished:
    """A family contact centre's board of today's sessions."""
    rng, B = g.rng, g.bigger()
    h, col = marker(g, B), ink(g)
    lines: list[Line | None] = [
        (ok("Family time today - " + g.rng.choice(("Monday", "Tuesday", "Thursday", "Saturday"))), g.type(BOLD, B), DARK, "left")
    ]
    for tm in g.clocks(rng.randint(4, 5), (9, 30), (60, 90)):
        child, parent, worker = g.hand_who(0.35), g.hand_who(0.35), g.hand_who(0.3)
        row = ok(tm) + ok(rng.choice(("Sunflower", "Blue Room", "garden", "Rainbow")))
        row += child.first() + ok("with") + ok(rng.choice(("mum", "dad", "nan", "grandad", "auntie"))) + parent.first()
        row += ok("(SW") + glue(worker.first(), ")")
        if rng.random() < 0.35:
            row += dc("ref", "field label") + T(f"CF{rng.randint(1000, 9999)}", ID, "a family's case number")
        if rng.random() < 0.25:
            row += bracket(hl(rng.choice(("nut allergy", "epilepsy", "asthma")), "a named child's condition"))
        lines.append((row, h, col, "left"))
    lines.append((ok("Parents arrive 10 min before and leave 15 min after. Car park at the back."), h, col, "left"))
    return sheet(g, lines, (40, 40, 40), "contact_sessions", bg=(250, 250, 250), lead=1.45)


def file_labels(g: G8) -> Finished:
    """Case-file spine labels on a shelf."""
    rng, B = g.rng, g.bigger()
    p = Panel(B)
    tags: list[Finished] = []
    for _ in range(rng.randint(3, 4)):
        who = g.who(0.3)
        q = Panel(B)
        t = g.type(rng.choice((MONO, PRINT)), B)
        y = 10.0
        for row in (
            who.formal(),
            dc("Case", "field label") + T(f"SC{rng.randint(100000, 999999)}", ID, "a client's case number"),
            (dc("DOB", "field label") + g.dob())
            if rng.random() < 0.5
            else ok(rng.choice(("Vol 2", "CLOSED", "Archive 2024", "Vol 1 of 3"))),
        ):
            q.line(row, t, 10, y, DARK)
            y += B * 1.5
        tags.append(q.finish(solid(rng.choice(((255, 255, 255), (255, 250, 210), (220, 235, 255))), DARK, 3), 16, "file_labels", (15, 24)))
    p.line(
        ok(rng.choice(("Open cases A - K", "Adults team - L to R", "CONFIDENTIAL - keep locked"))), g.type(BOLD, B), 20, 0, (150, 20, 20)
    )
    two_a_row(p, tags, B * 2, rng, 2.0)
    return p.finish(clear, 10, "file_labels", (15, 24))


def in_out_board(g: G8) -> Finished:
    """A social work office's 'where are we?' whiteboard."""
    rng, B = g.rng, g.bigger()
    h, col = marker(g, B), ink(g)
    lines: list[Line | None] = [(ok("Where are we? Adults Team"), g.type(BOLD, B), (20, 60, 140), "left")]
    for _ in range(rng.randint(5, 6)):
        sw = g.hand_who(0.3)
        c = rng.random()
        if c < 0.3:
            where = ok("home visit") + g.street() + ok("back") + ok(g.clock())
        elif c < 0.45:
            where = ok("review at") + ok(rng.choice(("Holly Lodge", "Rose Court", "St Luke's"))) + ok("with") + g.hand_who(0.3).titled()
        elif c < 0.6:
            where = ok("court all day")
        elif c < 0.75:
            where = ok("annual leave until") + ok(g.date())
        else:
            where = ok(rng.choice(("in office", "working from home", "training", "duty desk")))
        row = glue(sw.first(), ":") + where + (g.mobile() if rng.random() < 0.25 else g.email(sw) if rng.random() < 0.15 else [])
        lines.append((row, h, col, "left"))
    if rng.random() < 0.5:
        lines.append((ok("Pool car") + g.plate() + ok("booked by") + g.hand_who(0.3).first(), h, col, "left"))
    lines.append((ok("Sign the car key out at reception. Team meeting Weds 10am."), h, col, "left"))
    return sheet(g, lines, (120, 120, 120), "in_out_board", bg=(252, 252, 252), lead=1.45)


def reading_record(g: G8) -> Finished:
    """A school reading record book, filled in by a foster carer."""
    rng, B = g.rng, g.bigger()
    h, col = biro(g, B), ink(g)
    child, carer = g.hand_who(0.35), g.hand_who(0.3)
    lines: list[Line | None] = [
        (ok("Reading Record"), g.type(BOLD, int(B * 1.3)), (0, 110, 80), "left"),
        (
            dc("Name:", "field label") + child.full() + dc("Class:", "field label") + ok(rng.choice(("Owls", "Year 3 Hedgehogs", "Maple"))),
            h,
            col,
            "left",
        ),
    ]
    for _ in range(rng.randint(3, 4)):
        book = rng.choice(("The Gruffalo", "Room on the Broom", "Owl Babies", "The Tiger Who Came to Tea", "Biff, Chip and Kipper"))
        note = rng.choice(
            ("read 10 pages, lovely expression", "tired tonight, read 2 pages", "sounded out every word!", "loved it, read it twice")
        )
        lines.append((ok(g.date()) + ok(book) + ok("-") + ok(note) + rng.choice((carer.first, carer.initial))(), h, col, "left"))
    if rng.random() < 0.4:
        lines.append((child.first() + ok("has new glasses for his") + g.condition(), h, col, "left"))
    lines.append((ok("Teacher:") + g.hand_who(0.3).titled() + ok("- super reading, keep it up!"), h, col, "left"))
    return sheet(g, lines, (0, 110, 80), "reading_record", bg=(255, 255, 248))


def buzzer_panel(g: G8) -> Finished:
    """A block of flats' door-entry buzzer panel."""
    rng, B = g.rng, g.bigger()
    p = Panel(B)
    t = g.type(rng.choice((PRINT, BOLD, MONO)), B)
    h = biro(g, B)
    p.line(
        dc(rng.choice(("Juniper Court", "Ashworth House", "Kingfisher Mews")), "the block's own name"),
        g.type(BOLD, int(B * 1.3)),
        20,
        20,
        (230, 230, 230),
    )
    y = 20 + B * 2.2
    for n in rng.sample(range(1, 24), rng.randint(5, 7)):
        who = g.hand_who(0.3)
        p.rect((20, y, 20 + B * 16, y + B * 1.6), fill=(240, 240, 225), outline=(60, 60, 60), width=2)
        if rng.random() < 0.15:
            row = dc(rng.choice(("Flat", "No.")), "flat word") + dc(str(n), "an empty flat's number") + ok("Vacant")
        else:
            name = T(who.family.upper(), NAME) if rng.random() < 0.3 else rng.choice((who.titled, who.full, who.initial))()
            row = flat(n, rng.choice(("Flat", "No."))) + name
        hand = rng.random() < 0.4
        p.line(row, h if hand else t, 30, y + B * 0.25, DARK)
        p.rect((20 + B * 17, y + B * 0.2, 20 + B * 18.2, y + B * 1.4), fill=(180, 180, 180), outline=(40, 40, 40), width=2, radius=6)
        y += B * 1.9
    p.line(ok("Trades 8am - 11am. Press the bell and speak clearly."), g.type(PRINT, int(B * 0.8)), 20, y + 6, (230, 230, 230))
    return p.finish(solid((70, 72, 78), (40, 40, 40), 6), 30, "buzzer_panel", (15, 24))


def orientation_board(g: G8) -> Finished:
    """A dementia orientation board in a lounge."""
    rng, B = g.rng, g.bigger()
    t = g.type(BOLD, int(B * 1.2))
    lines: list[Line | None] = [
        (
            ok("Today is " + rng.choice(("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"))),
            t,
            (20, 20, 120),
            "left",
        ),
        (ok("The date is") + ok(g.date()), t, DARK, "left"),
        (ok("The season is " + rng.choice(("Spring", "Summer", "Autumn", "Winter"))), t, DARK, "left"),
        (ok("The weather is " + rng.choice(("sunny", "rainy", "cloudy", "windy", "frosty"))), t, DARK, "left"),
        (ok("Next meal: " + rng.choice(("lunch at 12.30", "tea at 4pm", "supper at 6pm"))), t, DARK, "left"),
        (
            ok("Thought for the day:")
            + ok(rng.choice(('"Hope is a good breakfast"', '"May your day be full of grace"', '"Every day is a fresh start"'))),
            t,
            DARK,
            "left",
        ),
        (ok("Your carer today is") + g.who(0.35).first() if rng.random() < 0.6 else ok("Hairdresser comes on Friday"), t, DARK, "left"),
    ]
    return sheet(g, lines, (20, 20, 120), "orientation_board", bg=(255, 255, 235), lead=1.4)


def fridge_log(g: G8) -> Finished:
    """A kitchen fridge temperature log."""
    rng, B = g.rng, g.bigger()
    h, col = biro(g, B), ink(g)
    lines: list[Line | None] = [
        (ok("Fridge temperatures - kitchen " + rng.choice(("1", "2", "A"))), g.type(BOLD, B), DARK, "left"),
        (ok("Date AM PM Checked"), g.type(BOLD, B), DARK, "left"),
    ]
    for _ in range(rng.randint(4, 6)):
        who = g.hand_who(0.3)
        sig = who.initial() if rng.random() < 0.6 else who.first()
        lines.append(
            (
                ok(f"{rng.randint(1, 28)}/{rng.randint(1, 12)} {rng.randint(1, 5)}C {rng.randint(2, 5)}.{rng.choice((0, 5))}C") + sig,
                h,
                col,
                "left",
            )
        )
    lines.append((ok("Above 5C? Move food to fridge 2 and tell the cook."), g.type(PRINT, B), DARK, "left"))
    return sheet(g, lines, (0, 120, 160), "fridge_log", bg=(245, 250, 255))


def house_rules(g: G8) -> Finished:
    """A house-rules poster on a supported-living or foster home's fridge."""
    rng, B = g.rng, g.bigger()
    h, col = marker(g, B), ink(g)
    a, b, c = g.hand_who(0.35), g.hand_who(0.35), g.hand_who(0.35)
    lines: list[Line | None] = [
        (ok("Our House Rules"), g.type(BOLD, int(B * 1.5)), (200, 60, 20), "left"),
        (ok("1. Knock before you go in someone's room"), h, col, "left"),
        (ok("2. Phones away at tea time"), h, col, "left"),
        (ok("3. Bedtime 10pm on school nights"), h, col, "left"),
        (ok("4. Kind words only"), h, col, "left"),
        (ok("5. Friday is takeaway night!"), h, col, "left"),
        (ok("Bins -") + glue(a.first(), ",") + ok("hoover -") + glue(b.first(), ",") + ok("dishwasher -") + c.first(), h, col, "left"),
        (
            possessive(c)
            + ok("EpiPen is in the blue bag")
            + bracket(hl(rng.choice(("peanut allergy", "bee sting allergy")), "a named person's allergy")),
            h,
            col,
            "left",
        )
        if rng.random() < 0.5
        else None,
        (ok("Signed") + names_list(g, 3, 0.35, hand=True), h, col, "left"),
    ]
    return sheet(g, lines, (200, 60, 20), "house_rules", bg=(255, 255, 250))


# ----------------------------------------------------------------------------- public places


def walking_route(g: G8) -> Finished:
    """A walking group's route card."""
    rng, B = g.rng, g.bigger()
    t = g.type(PRINT, B)
    lead, back = g.who(0.3), g.who(0.3)
    steps = [
        "Follow Holly Lane to the stile",
        "Cross May Meadow, keeping the hedge on your left",
        "At Hope Farm turn right onto the bridleway",
        "Keep on past the Rose and Crown to the canal",
        "Turn left along the towpath to Grace Bridge",
    ]
    lines: list[Line | None] = [
        (
            ok(rng.choice(("Wednesday Wanderers", "Health Walk", "Strollers Group")) + " - route " + str(rng.randint(2, 9))),
            g.type(BOLD, int(B * 1.3)),
            (20, 100, 40),
            "left",
        ),
        (ok("Meet at the Mill Lane car park, 10am"), t, DARK, "left"),
    ]
    for i, s in enumerate(rng.sample(steps, 4)):
        lines.append((ok(f"{i + 1}. {s}"), t, DARK, "left"))
    lines.append(
        (ok("Tea stop at") + dc(rng.choice(("Dawn's Kitchen", "Bill's Cafe")), "a trading name") + ok("(toilets)"), t, DARK, "left")
    )
    lines.append((ok(f"{rng.choice(('2.5', '3', '3.5'))} miles, mostly flat, one stile. Dogs on leads please."), t, DARK, "left"))
    lines.append((ok("Leader:") + lead.full() + (g.mobile() if rng.random() < 0.6 else g.email(lead)), t, DARK, "left"))
    lines.append((ok("Back marker:") + back.first(), t, DARK, "left") if rng.random() < 0.6 else None)
    return sheet(g, lines, (20, 100, 40), "walking_route", bg=(245, 255, 240), lead=1.4)


def neighbourhood_watch(g: G8) -> Finished:
    """A Neighbourhood Watch sign with an alert stuck on it."""
    rng, B = g.rng, g.bigger()
    t = g.type(PRINT, B)
    co = g.who(0.3)
    lines: list[Line | None] = [
        (ok("Neighbourhood Watch"), g.type(BOLD, int(B * 1.6)), (20, 40, 130), "centre"),
        (ok("You are entering a Neighbourhood Watch area"), t, DARK, "centre"),
        (
            ok("Please be aware: a white van")
            + (g.plate() if rng.random() < 0.6 else ok("with no number plate"))
            + ok("was seen trying car doors"),
            t,
            DARK,
            "centre",
        ),
        (ok("on Willow Bank and May Street late at night."), t, DARK, "centre"),
        (ok("Report crime to the police on 101, or 999 in an emergency."), t, DARK, "centre"),
        (ok("Coordinator:") + co.full() + (g.phone() if rng.random() < 0.5 else g.email(co)), t, DARK, "centre"),
        (ok("Next meeting Thursday 7pm, Church Hall. All welcome."), t, DARK, "centre"),
    ]
    return sheet(g, lines, (20, 40, 130), "neighbourhood_watch", bg=(255, 245, 120))


def parking_tariff(g: G8) -> Finished:
    """A car park's tariff board."""
    rng, B = g.rng, g.bigger()
    t = g.type(PRINT, B)
    lines: list[Line | None] = [
        (ok("Pay & Display"), g.type(BOLD, int(B * 1.6)), (255, 255, 255), "left"),
        (ok("Charges apply 8am - 6pm, Monday - Saturday"), t, (255, 255, 255), "left"),
    ]
    for hrs, price in (("Up to 1 hour", "£1.20"), ("Up to 2 hours", "£2.40"), ("Up to 4 hours", "£4.00"), ("All day", "£6.50")):
        lines.append((ok(f"{hrs} {price}"), t, (255, 255, 255), "left"))
    lines += [
        (ok("Blue Badge holders free in marked bays"), t, (255, 255, 255), "left"),
        (ok(f"Pay by phone: location {rng.randint(1000, 9999)}"), t, (255, 255, 255), "left"),
        (ok("Penalty charge £70, reduced to £35 if paid within 14 days"), t, (255, 255, 255), "left"),
        (ok("Bay 3 reserved:") + g.plate(), t, (255, 240, 120), "left") if rng.random() < 0.5 else None,
    ]
    return sheet(g, lines, (255, 255, 255), "parking_tariff", bg=(20, 60, 140))


def plant_labels(g: G8) -> Finished:
    """Plant labels in a sensory garden, some of them written by the residents."""
    rng, B = g.rng, g.bigger()
    p = Panel(B)
    plants = (
        "Rose 'Grace'",
        "Sweet William",
        "Holly 'Golden King'",
        "Rose 'Peace'",
        "Lavender 'Hidcote'",
        "Ivy",
        "Sweet Pea 'Cupani'",
        "Rosemary",
        "Forget-me-not",
        "Daisy 'May Queen'",
    )
    tags: list[Finished] = []
    for plant in rng.sample(plants, rng.randint(3, 4)):
        q = Panel(B)
        h = marker(g, B)
        q.line(ok(plant), h, 10, 10, DARK)
        c = rng.random()
        if c < 0.35:
            who = g.hand_who(0.35)
            q.line(ok("planted by") + who.first() + (g.room_no() if rng.random() < 0.5 else []), h, 10, 10 + B * 1.5, DARK)
        elif c < 0.5:
            q.line(ok("in memory of") + g.hand_who(0.35).full(), h, 10, 10 + B * 1.5, DARK)
        else:
            q.line(ok(rng.choice(("smell me!", "flowers June", "evergreen", "bees love it"))), h, 10, 10 + B * 1.5, DARK)
        tags.append(q.finish(solid(rng.choice(((255, 255, 255), (240, 240, 200), (250, 230, 200)))), 14, "plant_labels", (15, 24)))
    p.line(ok("Sensory Garden"), g.type(BOLD, int(B * 1.2)), 20, 0, (30, 100, 30))
    two_a_row(p, tags, B * 2, rng, 4.0)
    return p.finish(solid((120, 90, 60)), 16, "plant_labels", (15, 24))


def hygiene_poster(g: G8) -> Finished:
    """A hand-hygiene poster by a front door."""
    rng, B = g.rng, g.bigger()
    t = g.type(PRINT, B)
    lead = g.who(0.3)
    lines: list[Line | None] = [
        (ok("Catch it. Bin it. Kill it."), g.type(BOLD, int(B * 1.5)), (0, 120, 120), "centre"),
        (ok("Please wash your hands for 20 seconds, or use the gel by every door."), t, DARK, "centre"),
        (
            ok("Please do not visit if you have had")
            + dc("sickness or diarrhoea", "health words about nobody")
            + ok("in the last 48 hours."),
            t,
            DARK,
            "centre",
        ),
        (ok("Masks are in the box on the left. Thank you for keeping everyone safe."), t, DARK, "centre"),
        (ok("Infection control lead:") + lead.full() + ok("(ext 214)"), t, DARK, "centre") if rng.random() < 0.7 else None,
    ]
    return sheet(g, lines, (0, 120, 120), "hygiene_poster", bg=(240, 255, 255))


def defib_sign(g: G8) -> Finished:
    """A public defibrillator cabinet sign."""
    rng, B = g.rng, g.bigger()
    t = g.type(PRINT, B)
    gd, mem = g.who(0.3), g.who(0.3)
    lines: list[Line | None] = [
        (ok("Public Access Defibrillator"), g.type(BOLD, int(B * 1.4)), (255, 255, 255), "centre"),
        (ok("In an emergency call 999. The operator will give you the code."), t, (255, 255, 255), "centre"),
        (
            ok("Funded in memory of") + mem.full() + ok("who loved this village")
            if rng.random() < 0.5
            else ok("Funded by")
            + dc(rng.choice(("Holly Bank Rotary Club", "the Hope and Anchor", "May Day Fete committee")), "a club's own name"),
            t,
            (255, 255, 255),
            "centre",
        ),
        (ok("Checked every week. Pads expire") + ok(g.date()), t, (255, 255, 255), "centre"),
        (ok("Guardian:") + gd.first() + (g.mobile() if rng.random() < 0.5 else g.email(gd)), t, (255, 255, 255), "centre"),
    ]
    return sheet(g, lines, (255, 255, 255), "defib_sign", bg=(0, 130, 70))


def estate_agent(g: G8) -> Finished:
    """Property cards in an estate agent's window."""
    rng, B = g.rng, g.bigger()
    p = Panel(B)
    agent = rng.choice(("Harrison & Lord", "Castle Estates", "Meadows Property"))
    tags: list[Finished] = []
    for _ in range(rng.randint(2, 3)):
        q = Panel(B)
        t = g.type(PRINT, B)
        house = rng.choice(("Rose Cottage", "The Old Bakery", "Holly House", "Hope Villa", "Grace Lodge"))
        road = rng.choice(("Church Lane", "Willow Bank", "May Street", "Station Road", "Grace Avenue"))
        y = 10.0
        for row in (
            ok(rng.choice(("FOR SALE", "SOLD STC", "TO LET", "NEW PRICE"))),
            dc(house, "a house's name in an advert") + ok(road),
            ok(f"{rng.randint(2, 4)} bed {rng.choice(('semi', 'terrace', 'bungalow', 'cottage'))}, garden, parking"),
            ok(f"£{rng.randint(120, 390)},{rng.choice(('000', '500', '950'))}" if rng.random() < 0.7 else f"£{rng.randint(650, 1200)} pcm"),
        ):
            q.line(row, g.type(BOLD, B) if y == 10.0 else t, 10, y, DARK)
            y += B * 1.5
        tags.append(q.finish(solid((255, 255, 255), (120, 20, 60), 4), 14, "estate_agent", (15, 24)))
    p.line(dc(agent, "the agent's own name"), g.type(BOLD, int(B * 1.3)), 20, 0, (120, 20, 60))
    two_a_row(p, tags, B * 2, rng, 1.5)
    staff = g.who(0.35)
    y = p.extent[3] + 16
    p.line(ok("Viewings: ask for") + staff.first() + ok("on") + g.landline(EITHER), g.type(PRINT, B), 20, y, DARK)
    return p.finish(solid((235, 230, 225)), 16, "estate_agent", (15, 24))


def road_closure(g: G8) -> Finished:
    """A council road closure notice on a lamp post."""
    rng, B = g.rng, g.bigger()
    t = g.type(PRINT, int(B * 0.9))
    road = rng.choice(("Holly Road", "May Street", "Rose Hill", "Hope Street", "Dawn Avenue"))
    via = rng.choice(("Grace Avenue and Station Road", "Church Lane and the High Street", "Sale Lane and Mill Road"))
    lines: list[Line | None] = [
        (ok("ROAD CLOSED"), g.type(BOLD, int(B * 1.8)), (200, 0, 0), "left"),
        (ok("Temporary Traffic Regulation Order 2026"), g.type(BOLD, B), DARK, "left"),
        (
            ok(f"{road} will be closed from")
            + ok(g.date())
            + ok("for")
            + ok(rng.choice(("resurfacing", "gas main works", "a street party"))),
            t,
            DARK,
            "left",
        ),
        (ok(f"Diversion via {via}."), t, DARK, "left"),
        (ok("Access for residents and emergency vehicles kept at all times."), t, DARK, "left"),
        (ok("Enquiries: Highways") + g.landline(EITHER) + dc("highways@council.gov.uk", "a council's own address"), t, DARK, "left"),
        (
            dc("Signed", "field label")
            + dc(" ".join(w for w, _, _ in g.who(0.3).full()), "an officer signing a public notice")
            + ok("Head of Highways"),
            t,
            DARK,
            "left",
        ),
    ]
    return sheet(g, lines, (200, 0, 0), "road_closure", bg=(255, 255, 255), lead=1.4)


LAYOUTS = {
    "missed_visit_card": missed_visit_card,
    "bp_record": bp_record,
    "red_book": red_book,
    "radio_request": radio_request,
    "contact_sessions": contact_sessions,
    "file_labels": file_labels,
    "in_out_board": in_out_board,
    "reading_record": reading_record,
    "buzzer_panel": buzzer_panel,
    "orientation_board": orientation_board,
    "fridge_log": fridge_log,
    "house_rules": house_rules,
    "walking_route": walking_route,
    "neighbourhood_watch": neighbourhood_watch,
    "parking_tariff": parking_tariff,
    "plant_labels": plant_labels,
    "hygiene_poster": hygiene_poster,
    "defib_sign": defib_sign,
    "estate_agent": estate_agent,
    "road_closure": road_closure,
}


# ----------------------------------------------------------------------------- the set


generate = blind.set_generator(
    LAYOUTS,
    G8,
    "_blindh",
    "Eighth blind set of care-agency sheets, notices and street signs (benchmarks/gen_text_blind8.py, seed {seed})",
    RESERVED_SEED,
)


def main(argv: list[str] | None = None) -> int:
    return blind.main(argv, make=generate, reserved=RESERVED_SEED, doc=__doc__)


if __name__ == "__main__":
    raise SystemExit(main())
