"""Generate a ninth blind test set of care-agency papers, boards and signs on real photos, in the format of ``text_pii``.

Written for issue #21 by someone who had not read the text rules (nothing
under ``src/mediascrub``), their tests, the README, and who never ran the
classifier on this set. Only the earlier blind generators were read, for their
machinery and for the layouts they already draw (none is drawn again here, nor
a close relative); ``G9`` subclasses blind 8's ``G8`` (its people, streets,
numbers, e-mails, dates of birth and plates, and blind 7's and 6's before it)
and adds names of its own. Meant to be run **once**, by the coordinator, on
the final code, with the reserved seed 919191 (``bench_text_heldout.py
--layouts blind9``); any other seed is for looking at the generator only.

Twenty layouts: a magistrates' court daily list, a petition sheet, an "in case
of emergency" wallet card, a payslip, a cheque, a CV's first page, a staff
mileage log, an energy meter-reading card, a book of condolence, a child's
star chart, height marks on a door frame, a lunch club's subs ledger, a
Grand National sweepstake, a child's spelling test, a CCTV warning sign, fun
run bibs, shared-freezer tub labels, a sunflower-growing competition chart,
hand-drawn directions to a party and a swimming pool's rules board.

Labels follow ``gen_text_blind.py``'s definitions, ``dontcare`` as blinds 3-8
used it (titles and initials, field labels, an employer's, bank's, court's or
supplier's own name and number, towns, a defendant's age and charge, tax
codes, lone punctuation). A room or house number next to a named person is
``address``; case, account, employee and National Insurance numbers are
``id_number``.

    python benchmarks/gen_text_blind9.py --out /tmp/blind9 --seed 7 [--images 60] [--png-dir /tmp/look]

The photos are research data: write them to a temporary folder, never into the repository.
"""

from __future__ import annotations

import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "benchmarks"))

import gen_text_blind as blind  # noqa: E402
from gen_text_blind import ADDR, BOLD, ID, MONO, NAME, PRINT, Finished, Panel, T, Tok, solid  # noqa: E402
from gen_text_blind2 import Line, biro, dc, ink, marker, ok  # noqa: E402
from gen_text_blind3 import Who, clear, hl, on_card, two_a_row  # noqa: E402
from gen_text_blind4 import DARK, possessive  # noqa: E402
from gen_text_blind5 import bracket, glue  # noqa: E402
from gen_text_blind6 import sheet  # noqa: E402
from gen_text_blind7 import names_list  # noqa: E402
from gen_text_blind8 import G8  # noqa: E402

RESERVED_SEED = 919191

# names of this set's own, from communities no earlier set drew (each checked against every gen_text_*.py):
# Latvian, Albanian, Kurdish, Tamil, Sinhalese, Maori, Cornish, Hmong, Quechua and Aymara, Zapotec, Mapuche,
# Samoan, Tongan, Fijian
OWN_GIVEN = (
    ("Liga", "Arjeta", "Dilan", "Rozhin", "Kalaivani", "Aroha", "Pania", "Morwenna", "Sina", "Losana", "Ofa", "Nayeli"),
    ("Janis", "Genti", "Lulzim", "Karwan", "Rezan", "Niroshan", "Hemi", "Jory", "Mataio"),
)
OWN_FAMILY = (
    "Berzins",
    "Ozols",
    "Shehu",
    "Murugesan",
    "Xiong",
    "Mamani",
    "Yupanqui",
    "Condori",
    "Huenchullan",
    "Faleolo",
    "Vaipulu",
    "Havili",
    "Pengelly",
    "Nancarrow",
)
# given names that are everyday words: some new to these sets, and the ones issue #21 names
WORD_NAMES = (
    ("Saffron", "Clementine", "Misty", "Storm", "Kit", "Amber", "Joy", "Sunny", "Rose", "May", "Hope", "Grace"),
    ("Jay", "Buck", "Forrest", "Kit", "Bill", "Will", "Frank", "Sunny"),
)
WORD_FAMILY = ("Berry", "Goodwill", "Frost", "Snow", "Hope", "May", "Sale", "Bill")
OWN_STREETS = ("Saffron Walk", "Clementine Road", "Storm Hill", "Jay Close", "Berry Lane", "Goodwill Street")


class G9(G8):
    """Blind 8's makers, with a share of this set's own names and streets."""

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
        num = rng.choice((str(rng.randint(1, 140)), f"{rng.randint(2, 40)}{rng.choice('AB')}"))
        return T(f"{num} {rng.choice(OWN_STREETS)}", ADDR, "house number and street of a private address")

    def postcode_tok(self) -> list[Tok]:
        rng = self.rng
        L = "ABDEFGHJLNPQRSTUWXYZ"
        out = rng.choice(("LS7", "M14", "BS5", "NE6", "CF24", "B12", "L8", "SK4", "TR1", "PL4"))
        return T(f"{out} {rng.randint(1, 9)}{rng.choice(L)}{rng.choice(L)}", ADDR, "postcode of a private address")


def card(lines: list[Line | None]) -> list[Line | None]:
    """A paper about one person: everything but the must-hide words either way."""
    return [None if ln is None else (on_card(ln[0]), *ln[1:]) for ln in lines]


# ----------------------------------------------------------------------------- about one person


def ice_card(g: G9) -> Finished:
    """An 'in case of emergency' card from a wallet."""
    rng, B = g.rng, g.bigger()
    h, col = biro(g, B), ink(g)
    who, nok = g.hand_who(0.35), g.hand_who(0.35)
    lines: list[Line | None] = [
        (ok("IN CASE OF EMERGENCY"), g.type(BOLD, int(B * 1.3)), (200, 0, 0), "left"),
        (dc("Name", "field label") + rng.choice((who.full, who.formal, who.titled_full))(), h, col, "left"),
        (dc("Born", "field label") + g.dob(), h, col, "left"),
        (dc("I have", "field label") + g.condition(), h, col, "left"),
        (dc("I take", "field label") + g.med(), h, col, "left") if rng.random() < 0.7 else None,
        (dc("Blood group", "field label") + dc(rng.choice(("O+", "A+", "B-", "AB+", "O-"))), h, col, "left"),
        (
            dc("Contact", "field label")
            + nok.full()
            + bracket(ok(rng.choice(("daughter", "son", "husband", "wife", "neighbour"))))
            + g.mobile(),
            h,
            col,
            "left",
        ),
        (dc("Home", "field label") + g.street() + g.postcode_tok(), h, col, "left") if rng.random() < 0.5 else None,
    ]
    return sheet(g, card(lines), (200, 0, 0), "ice_card", bg=(255, 250, 235))


def payslip(g: G9) -> Finished:
    """A care worker's payslip."""
    rng, B = g.rng, g.bigger()
    t = g.type(rng.choice((MONO, PRINT)), B)
    who = g.who(0.3)
    emp = rng.choice(("Bluebell Homecare Ltd", "Caring Hands (North) Ltd", "Oakfield Care Services", "Helping Hearts CIC"))
    lines: list[Line | None] = [
        (dc(emp, "the employer's own name"), g.type(BOLD, int(B * 1.2)), DARK, "left"),
        (ok("PAYSLIP") + ok("Period 8") + ok(g.date()), g.type(BOLD, B), DARK, "left"),
        (dc("Employee", "field label") + rng.choice((who.formal, who.tape, who.full, who.initial))(), t, DARK, "left"),
        (dc("Emp No", "field label") + T(f"{rng.randint(10000, 99999)}", ID, "an employee number"), t, DARK, "left"),
        (
            dc("NI No", "field label") + g.ni_no() + dc("Tax code", "field label") + dc(rng.choice(("1257L", "BR", "1257L M1"))),
            t,
            DARK,
            "left",
        ),
        (ok(f"Basic {rng.randint(80, 160)} hrs @ £12.{rng.randint(10, 90)}"), t, DARK, "left"),
        (ok(f"Mileage {rng.randint(90, 400)} mi @ 45p"), t, DARK, "left"),
        (ok(f"Net pay £{rng.randint(900, 2100)}.{rng.randint(10, 99)}"), g.type(BOLD, B), DARK, "left"),
        (ok("Paid to") + T(f"**** {rng.randint(1000, 9999)}", ID, "the last digits of a bank account"), t, DARK, "left")
        if rng.random() < 0.5
        else None,
    ]
    return sheet(g, card(lines), (90, 90, 90), "payslip", bg=(250, 250, 245))


def cheque(g: G9) -> Finished:
    """A cheque written out by a resident's relative."""
    rng, B = g.rng, g.bigger()
    h, col = biro(g, B), ink(g)
    payee, by = g.hand_who(0.35), g.hand_who(0.35)
    bank = rng.choice(("Lloyds Bank", "NatWest", "Nationwide", "Barclays", "Yorkshire Bank"))
    pounds = rng.choice((("Twenty-five", 25), ("Forty", 40), ("One hundred", 100), ("Sixty", 60)))
    lines: list[Line | None] = [
        (dc(bank, "the bank's own name") + dc("High Street branch", "the bank's own address"), g.type(BOLD, B), (20, 60, 120), "left"),
        (dc("Date", "field label") + ok(g.date()), h, col, "left"),
        (
            dc("Pay", "field label")
            + (
                rng.choice((payee.full, payee.titled_full, payee.initial))()
                if rng.random() < 0.6
                else ok(rng.choice(("Rose Court Amenity Fund", "Hope House Hospice", "May Day Fete")))
            ),
            h,
            col,
            "left",
        ),
        (ok(f"{pounds[0]} pounds only"), h, col, "left"),
        (ok(f"{pounds[1]}.00"), h, col, "left"),
        (ok("Signed") + by.full(), h, col, "left"),
        (
            dc(f"{rng.randint(100000, 999999)}", "a cheque's serial number")
            + T(f"{rng.randint(10, 99)}-{rng.randint(10, 99)}-{rng.randint(10, 99)}", ID, "a sort code")
            + T(f"{rng.randint(10000000, 99999999)}", ID, "an account number"),
            g.type(MONO, B),
            DARK,
            "left",
        ),
    ]
    return sheet(g, card(lines), (20, 60, 120), "cheque", bg=(235, 245, 255))


def cv_page(g: G9) -> Finished:
    """The first page of a young care leaver's CV, pinned up after a job club."""
    rng, B = g.rng, g.bigger()
    t = g.type(PRINT, B)
    who = g.who(0.35)
    ref = g.who(0.3)
    addr = g.address(one_line=True)[0]
    lines: list[Line | None] = [
        (who.full(), g.type(BOLD, int(B * 1.6)), (40, 40, 90), "left"),
        (addr, t, DARK, "left"),
        (g.mobile() + g.email(who), t, DARK, "left"),
        (dc("Date of birth", "field label") + g.dob(), t, DARK, "left") if rng.random() < 0.5 else None,
        (ok("About me"), g.type(BOLD, B), (40, 40, 90), "left"),
        (ok("Friendly, reliable and happy to learn. I love cooking and football."), t, DARK, "left"),
        (ok("Experience"), g.type(BOLD, B), (40, 40, 90), "left"),
        (ok(f"{rng.randint(2022, 2025)} - now Kitchen porter, The Rose and Crown"), t, DARK, "left"),
        (ok("Volunteer, Grace Street food bank (Saturdays)"), t, DARK, "left"),
        (ok("Referee:") + ref.titled_full() + g.landline(), t, DARK, "left"),
    ]
    return sheet(g, card(lines), (40, 40, 90), "cv_page", bg=(255, 255, 255), lead=1.4)


def meter_card(g: G9) -> Finished:
    """An energy supplier's meter-reading card by a tenant's meter cupboard."""
    rng, B = g.rng, g.bigger()
    t = g.type(PRINT, B)
    h, col = biro(g, B), ink(g)
    who = g.hand_who(0.3)
    sup = rng.choice(("Octopus Energy", "British Gas", "EDF", "OVO Energy", "E.ON Next"))
    lines: list[Line | None] = [
        (dc(sup, "the supplier's own name") + ok("meter readings"), g.type(BOLD, int(B * 1.2)), (120, 0, 120), "left"),
        (dc("Account holder", "field label") + rng.choice((who.titled_full, who.full, who.initial))(), h, col, "left"),
        (
            dc("Account no", "field label") + T(f"A-{rng.randint(10000000, 99999999):08X}"[:10], ID, "an energy account number"),
            h,
            col,
            "left",
        ),
        (dc("Supply address", "field label") + g.street() + g.postcode_tok(), h, col, "left"),
    ]
    for _ in range(rng.randint(3, 4)):
        lines.append((ok(f"{rng.randint(1, 28)}/{rng.randint(1, 12)}") + ok(f"{rng.randint(10000, 99999)} kWh"), h, col, "left"))
    lines.append((dc("Emergency gas leak 0800 111 999", "a public helpline"), t, DARK, "left"))
    return sheet(g, card(lines), (120, 0, 120), "meter_card", bg=(250, 245, 255))


# ----------------------------------------------------------------------------- lists and boards with names


def court_list(g: G9) -> Finished:
    """A magistrates' court daily list on the board outside the courtroom."""
    rng, B = g.rng, g.bigger()
    t = g.type(MONO, int(B * 0.9))
    court = rng.choice(("Leeds Magistrates' Court", "Bristol Magistrates' Court", "Cardiff Magistrates' Court"))
    lines: list[Line | None] = [
        (dc(court, "the court's own name"), g.type(BOLD, B), DARK, "left"),
        (ok("Court 3 - Daily List -") + ok(g.date()), g.type(BOLD, B), DARK, "left"),
    ]
    for tm in g.clocks(rng.randint(4, 6), (10, 0), (15, 45)):
        who = g.who(0.3)
        row = ok(tm) + who.formal() + dc(f"({rng.randint(18, 67)})", "a defendant's age")
        if rng.random() < 0.5:
            row += glue(g.street(), ",")
        row += T(f"{rng.randint(10, 99)}{rng.randint(100000, 999999)}", ID, "a case number")
        row += dc(rng.choice(("Theft", "Breach of order", "Drink driving", "Assault", "TV licence")), "a charge")
        lines.append((row, t, DARK, "left"))
    lines.append((ok("Legal adviser:") + g.who(0.3).titled(), t, DARK, "left") if rng.random() < 0.5 else None)
    lines.append((ok("Please switch off mobile phones in court."), t, DARK, "left"))
    lines.append((ok("Ushers are on the first floor. No sittings in Courts 1 and 2 today."), t, DARK, "left"))
    return sheet(g, lines, (40, 40, 40), "court_list", bg=(255, 255, 255), lead=1.35)


def petition(g: G9) -> Finished:
    """A petition sheet on a clipboard in a community centre."""
    rng, B = g.rng, g.bigger()
    t = g.type(PRINT, B)
    cause = rng.choice(("Save the 42 bus!", "Keep Hope Street library open", "Crossing for May Lane school"))
    lines: list[Line | None] = [
        (ok(cause), g.type(BOLD, int(B * 1.3)), (180, 30, 30), "left"),
        (ok("We the undersigned ask the council to think again."), t, DARK, "left"),
        (ok("Name Address Postcode Signature"), g.type(BOLD, B), DARK, "left"),
    ]
    for _ in range(rng.randint(4, 6)):
        who = g.hand_who(0.35)
        h = biro(g, B)
        row = rng.choice((who.full, who.titled, who.initial, who.full))()
        row += g.street() + (g.postcode_tok() if rng.random() < 0.7 else [])
        c = rng.random()
        if c < 0.4:
            row += T(who.family[:1] + who.family[1:].lower(), NAME, "a signature")
        elif c < 0.6:
            row += g.email(who)
        lines.append((row, h, ink(g), "left"))
    return sheet(g, lines, (180, 30, 30), "petition", bg=(255, 255, 250), lead=1.4)


def mileage_log(g: G9) -> Finished:
    """A home-care worker's mileage claim."""
    rng, B = g.rng, g.bigger()
    h, col = biro(g, B), ink(g)
    staff = g.hand_who(0.3)
    lines: list[Line | None] = [
        (ok("Mileage claim -") + ok(rng.choice(("October", "November", "March", "June"))), g.type(BOLD, B), DARK, "left"),
        (dc("Name", "field label") + staff.full() + dc("Car", "field label") + g.plate(), h, col, "left"),
    ]
    for _ in range(rng.randint(4, 5)):
        client = g.hand_who(0.3)
        c = rng.random()
        where = g.street() if c < 0.45 else client.initial() if c < 0.7 else client.titled() if c < 0.85 else ok("office - training")
        lines.append((ok(f"{rng.randint(1, 28)}/{rng.randint(1, 12)}") + where + ok(f"{rng.randint(2, 19)} miles"), h, col, "left"))
    lines.append((ok("Total miles") + ok(str(rng.randint(30, 90))) + ok("Signed") + staff.initial(), h, col, "left"))
    return sheet(g, lines, (60, 60, 60), "mileage_log", bg=(255, 255, 245))


def condolence_book(g: G9) -> Finished:
    """A page of a book of condolence in a home's entrance hall."""
    rng, B = g.rng, g.bigger()
    dead = g.hand_who(0.4)
    lines: list[Line | None] = [
        (ok("In loving memory of") + dead.full(), g.type(BOLD, int(B * 1.2)), DARK, "centre"),
        (ok("Please write a message or share a memory"), g.type(PRINT, B), DARK, "centre"),
    ]
    msgs = (
        ok("Rest easy") + glue(dead.first(), ",") + ok("you made every day brighter."),
        ok("Will miss our chats about the garden. Love") + g.hand_who(0.4).first(),
        ok("Thank you for the laughs. The night staff x"),
        ok("So brave after the") + g.condition() + ok("- love") + g.hand_who(0.4).first(),
        ok("Sleep tight") + glue(dead.first(), ".") + ok("Love from") + names_list(g, 2, 0.4, hand=True),
        ok("Such a kind soul. Thinking of the family.") + g.hand_who(0.4).full(),
        glue(dead.first(), ",") + ok("dancing with the angels now. xx") + g.hand_who(0.4).first(),
    )
    for m in rng.sample(range(len(msgs)), rng.randint(3, 4)):
        lines.append((msgs[m], marker(g, B) if rng.random() < 0.3 else biro(g, B), ink(g), "left"))
    return sheet(g, lines, (80, 60, 40), "condolence_book", bg=(252, 248, 238), lead=1.45)


def star_chart(g: G9) -> Finished:
    """A child's reward chart on a foster family's fridge."""
    rng, B = g.rng, g.bigger()
    h, col = marker(g, B), ink(g)
    kid = g.hand_who(0.5)
    lines: list[Line | None] = [
        (possessive(kid) + ok("star chart"), g.type(BOLD, int(B * 1.4)), (230, 120, 0), "left"),
        (ok("Mon Tue Wed Thu Fri Sat Sun"), g.type(BOLD, B), DARK, "left"),
        (ok("Teeth brushed * * * * *"), h, col, "left"),
        (ok("Homework done * * *"), h, col, "left"),
        (ok("Kind to my sister * * * * * *"), h, col, "left"),
        (ok("Took my") + hl(rng.choice(("inhaler", "ADHD tablets", "insulin")), "a named child's medicine") + ok("* * * *"), h, col, "left")
        if rng.random() < 0.4
        else (ok("Tidy room * *"), h, col, "left"),
        (ok("10 stars = trip to the park with") + ok(rng.choice(("Nan", "Auntie", "Uncle"))) + g.hand_who(0.4).first(), h, col, "left"),
        (ok("Super week") + glue(kid.first(), "!"), h, col, "left"),
    ]
    return sheet(g, lines, (230, 120, 0), "star_chart", bg=(255, 255, 235))


def height_marks(g: G9) -> Finished:
    """Children's height marks pencilled on a kitchen door frame."""
    rng, B = g.rng, g.bigger()
    p = Panel(B)
    y = 10.0
    kids = [g.hand_who(0.45) for _ in range(rng.randint(2, 3))]
    for _ in range(rng.randint(5, 7)):
        k = rng.choice(kids)
        h = biro(g, int(B * 0.9))
        c = rng.random()
        if c < 0.5:
            row = k.first() + ok(f"{rng.randint(2, 12)} yrs")
        elif c < 0.75:
            row = glue(k.first(), ",") + ok(f"{rng.randint(1, 28)}.{rng.randint(1, 12)}.{rng.randint(18, 26)}")
        elif c < 0.9:
            row = k.first() + ok("on his birthday!") + ok(f"{rng.randint(90, 150)}cm")
        else:
            row = k.first() + dc("b.", "field label") + g.dob()
        p.rect((10, y + B * 1.15, 10 + B * 3, y + B * 1.25), fill=(60, 60, 60))
        p.line(row, h, 10 + B * 3.4, y, (50, 50, 60))
        y += B * 1.9
    return p.finish(solid((236, 226, 205), (190, 170, 140), 6), 18, "height_marks", (15, 24))


def subs_ledger(g: G9) -> Finished:
    """A lunch club's subs ledger."""
    rng, B = g.rng, g.bigger()
    h, col = biro(g, B), ink(g)
    lines: list[Line | None] = [
        (ok(rng.choice(("Tuesday Lunch Club", "Friendship Club", "Over 60s Lunch"))) + ok("- subs £4"), g.type(BOLD, B), DARK, "left"),
        (ok("Name Wk1 Wk2 Wk3 Wk4 Owes"), g.type(BOLD, B), DARK, "left"),
    ]
    for _ in range(rng.randint(5, 6)):
        who = g.hand_who(0.35)
        row = rng.choice((who.titled, who.full, who.initial, who.first))()
        if rng.random() < 0.35:
            row += g.room_no()
        if rng.random() < 0.2:
            row += bracket(g.diet())
        paid = [rng.choice(("4", "4", "4", "-", "paid")) for _ in range(4)]
        owes = rng.choice(("0", "4.00", "8.00", "0"))
        row += ok(" ".join(paid)) + ok(owes)
        lines.append((row, h, col, "left"))
    lines.append((ok("Treasurer:") + g.hand_who(0.35).first(), h, col, "left"))
    return sheet(g, lines, (0, 90, 60), "subs_ledger", bg=(250, 255, 248), lead=1.4)


def freezer_labels(g: G9) -> Finished:
    """Labels on tubs in a supported-living shared freezer."""
    rng, B = g.rng, g.bigger()
    p = Panel(B)
    tags: list[Finished] = []
    foods = ("Chilli", "Shepherd's pie", "Bolognese", "Soup - leek", "Curry (mild)", "Apple crumble", "Stew")
    for _ in range(rng.randint(3, 4)):
        q = Panel(B)
        h = marker(g, B)
        who = g.hand_who(0.4)
        q.line(ok(rng.choice(foods)), h, 10, 10, DARK)
        q.line(ok(f"{rng.randint(1, 28)}/{rng.randint(1, 12)}"), h, 10, 10 + B * 1.5, DARK)
        c = rng.random()
        if c < 0.4:
            row = possessive(who) + ok("- hands off!")
        elif c < 0.65:
            row = ok("for") + who.full() + (g.room() if rng.random() < 0.5 else [])
        elif c < 0.8:
            row = who.first() + bracket(g.diet())
        else:
            row = ok(rng.choice(("use first", "not spicy", "2 portions")))
        q.line(row, h, 10, 10 + B * 3, DARK)
        tags.append(q.finish(solid(rng.choice(((255, 255, 255), (255, 250, 200), (220, 240, 255)))), 12, "freezer_labels", (15, 24)))
    p.line(ok("Freezer 2 - label and date everything"), g.type(BOLD, B), 20, 0, (20, 60, 120))
    two_a_row(p, tags, B * 2, rng, 3.0)
    return p.finish(clear, 10, "freezer_labels", (15, 24))


def race_bibs(g: G9) -> Finished:
    """Fun run bibs pinned on a board after the race."""
    rng, B = g.rng, g.bigger()
    p = Panel(B)
    tags: list[Finished] = []
    for _ in range(rng.randint(2, 4)):
        q = Panel(B)
        who = g.who(0.45)
        q.line(ok(rng.choice(("Hope House 5k", "Santa Dash 2026", "Sunny Park Fun Run"))), g.type(PRINT, int(B * 0.8)), 10, 8, (200, 0, 0))
        q.line(ok(str(rng.randint(1, 999))), g.type(BOLD, int(B * 2.2)), 10, 8 + B * 1.2, DARK)
        name = who.first()
        if rng.random() < 0.4:
            name = [(w.upper(), c, y) for w, c, y in name]
        q.line(name, g.type(BOLD, B), 10, 8 + B * 3.8, DARK)
        if rng.random() < 0.5:
            q.line(
                ok("I run for") + ok(rng.choice(("my nan", "Grace Ward", "the hospice", "my dad"))),
                marker(g, int(B * 0.8)),
                10,
                8 + B * 5.2,
                DARK,
            )
        tags.append(q.finish(solid((255, 255, 255), (200, 0, 0), 3), 12, "race_bibs", (15, 24)))
    p.line(ok("Well done runners! £" + str(rng.randint(300, 2400)) + " raised"), g.type(BOLD, B), 20, 0, (20, 20, 20))
    two_a_row(p, tags, B * 2, rng, 2.0)
    return p.finish(solid((200, 225, 245)), 14, "race_bibs", (15, 24))


def sunflower_heights(g: G9) -> Finished:
    """A sunflower-growing competition chart in a care home."""
    rng, B = g.rng, g.bigger()
    h, col = marker(g, B), ink(g)
    lines: list[Line | None] = [(ok("Sunflower Competition - tallest wins!"), g.type(BOLD, int(B * 1.2)), (200, 140, 0), "left")]
    varieties = ("Russian Giant", "Teddy Bear", "Velvet Queen", "Sunny Smile", "Lemon Queen", "Giant Single")
    for _ in range(rng.randint(4, 6)):
        who = g.hand_who(0.45)
        row = rng.choice((who.first, who.titled, who.full))()
        if rng.random() < 0.3:
            row += g.room_no()
        row += ok(rng.choice(varieties)) + ok(f"{rng.randint(40, 290)}cm")
        lines.append((row, h, col, "left"))
    lines.append((ok("Measured every Friday by") + g.hand_who(0.4).first(), h, col, "left"))
    return sheet(g, lines, (200, 140, 0), "sunflower_heights", bg=(255, 252, 230))


def sweepstake(g: G9) -> Finished:
    """A Grand National sweepstake sheet in a staff room."""
    rng, B = g.rng, g.bigger()
    h, col = biro(g, B), ink(g)
    horses = (
        "Sunny Bill",
        "Hope Springs",
        "Grace Under Fire",
        "Frank Talk",
        "May Queen",
        "Amber Light",
        "Joy Rider",
        "Will Power",
        "Rose Tinted",
        "Storm Warning",
        "Kit And Kaboodle",
        "Misty Morning",
    )
    lines: list[Line | None] = [
        (ok("Grand National Sweep - £2 a horse"), g.type(BOLD, int(B * 1.2)), (0, 100, 60), "left"),
    ]
    for horse in rng.sample(horses, rng.randint(5, 7)):
        row = ok(horse) + ok("-")
        row += g.hand_who(0.4).first() if rng.random() < 0.75 else ok("(free)")
        lines.append((row, h, col, "left"))
    lines.append((ok("Pick a horse from the tin, money in the envelope please"), g.type(PRINT, B), DARK, "left"))
    lines.append((ok("Winner gets £30, 2nd £10. Race Saturday 5.15pm"), g.type(PRINT, B), DARK, "left"))
    return sheet(g, lines, (0, 100, 60), "sweepstake", bg=(255, 255, 255), lead=1.4)


# ----------------------------------------------------------------------------- benign-heavy


def spelling_test(g: G9) -> Finished:
    """A child's spelling test sheet, marked."""
    rng, B = g.rng, g.bigger()
    h, col = biro(g, B), ink(g)
    words = ("rose", "may", "hope", "grace", "bill", "will", "frank", "joy", "amber", "sunny", "storm", "berry", "frost", "snow", "kit")
    lines: list[Line | None] = [(ok("Spellings - week " + str(rng.randint(2, 12))), g.type(BOLD, B), DARK, "left")]
    if rng.random() < 0.6:
        lines.append((dc("Name:", "field label") + g.hand_who(0.45).first(), h, col, "left"))
    for i, w in enumerate(rng.sample(words, rng.randint(8, 10))):
        lines.append((ok(f"{i + 1}. {w}"), h, col, "left"))
    lines.append((ok(f"{rng.randint(5, 8)}/8 - great effort! Practise the last two"), h, (200, 0, 0), "left"))
    lines.append((ok("Test on Friday. Put each word in a sentence."), g.type(PRINT, B), DARK, "left"))
    return sheet(g, lines, (120, 120, 120), "spelling_test", bg=(255, 255, 255), lead=1.3)


def cctv_sign(g: G9) -> Finished:
    """A CCTV warning sign in a car park."""
    rng, B = g.rng, g.bigger()
    t = g.type(PRINT, B)
    org = rng.choice(("Hope Street Housing", "Rose Hill Community Centre", "Grace Park Medical Centre"))
    lines: list[Line | None] = [
        (ok("CCTV in operation"), g.type(BOLD, int(B * 1.6)), DARK, "centre"),
        (ok("Images are recorded for crime prevention and public safety."), t, DARK, "centre"),
        (ok(rng.choice(("May Street car park", "Sale Lane entrance", "Frank Street gates"))), t, DARK, "centre"),
        (ok("Please do not leave valuables on show in your car."), t, DARK, "centre"),
        (ok("Recordings are kept for 31 days, then deleted."), t, DARK, "centre"),
        (ok("This scheme is operated by") + dc(org, "the operator's own name"), t, DARK, "centre"),
        (
            ok("For more information call") + dc(f"0300 {rng.randint(100, 999)} {rng.randint(1000, 9999)}", "the operator's own number"),
            t,
            DARK,
            "centre",
        ),
    ]
    return sheet(g, lines, (20, 20, 20), "cctv_sign", bg=(255, 220, 0))


def pool_rules(g: G9) -> Finished:
    """A swimming pool's rules and session board."""
    rng, B = g.rng, g.bigger()
    t = g.type(PRINT, B)
    lines: list[Line | None] = [
        (ok("Pool Rules"), g.type(BOLD, int(B * 1.5)), (255, 255, 255), "left"),
        (ok("No running, diving or bombing"), t, (255, 255, 255), "left"),
        (ok("Shower before you swim"), t, (255, 255, 255), "left"),
        (ok("No food or drink on the poolside"), t, (255, 255, 255), "left"),
        (ok("Lockers take a £1 coin, which comes back"), t, (255, 255, 255), "left"),
        (ok("Tell a lifeguard if you feel unwell"), t, (255, 255, 255), "left"),
        (ok("Under 8s with an adult in the water"), t, (255, 255, 255), "left"),
        (ok("Family swim Sat 10 - 12, adults £4.50, children £2.80"), t, (255, 255, 255), "left"),
        (ok("Aqua fit Mon and Thu 7pm. Lanes: slow, medium, fast"), t, (255, 255, 255), "left"),
        (ok("Quiet swim with dimmed lights Sunday 8 - 9am"), t, (255, 255, 255), "left") if rng.random() < 0.6 else None,
        (ok("Lifeguard on duty") + g.who(0.4).first(), t, (255, 240, 120), "left") if rng.random() < 0.4 else None,
    ]
    return sheet(g, lines, (255, 255, 255), "pool_rules", bg=(0, 100, 170))


def directions_sketch(g: G9) -> Finished:
    """Hand-written directions to a party, stuck by the office phone."""
    rng, B = g.rng, g.bigger()
    h, col = marker(g, B), ink(g)
    host = g.hand_who(0.45)
    lines: list[Line | None] = [
        (ok("Party at ours - Sat 7pm!"), g.type(BOLD, B), (150, 0, 100), "left"),
        (ok("Off the bus at Hope Street, walk past the Rose and Crown"), h, col, "left"),
        (ok("Left onto May Lane, over the bridge, past the church"), h, col, "left"),
        (ok("We're at") + g.street() + ok("- blue door"), h, col, "left"),
        (ok("Ring") + host.first() + (g.mobile() if rng.random() < 0.7 else ok("or e-mail") + g.email(host)), h, col, "left"),
        (ok("Parking on Sale Road, bring a bottle!"), h, col, "left"),
        (ok("Buses 42 and 43 every 20 min, last one back 11.10pm"), h, col, "left"),
    ]
    if rng.random() < 0.5:
        lines.append((ok("Park behind our van") + g.plate() + ok("on the drive"), h, col, "left"))
    if rng.random() < 0.4:
        lines.append((glue(g.hand_who(0.45).first(), ":") + ok("can you drive") + g.hand_who(0.45).first() + ok("home?"), h, col, "left"))
    return sheet(g, lines, (150, 0, 100), "directions_sketch", bg=(255, 255, 210))


LAYOUTS = {
    "ice_card": ice_card,
    "payslip": payslip,
    "cheque": cheque,
    "cv_page": cv_page,
    "meter_card": meter_card,
    "court_list": court_list,
    "petition": petition,
    "mileage_log": mileage_log,
    "condolence_book": condolence_book,
    "star_chart": star_chart,
    "height_marks": height_marks,
    "subs_ledger": subs_ledger,
    "freezer_labels": freezer_labels,
    "race_bibs": race_bibs,
    "sunflower_heights": sunflower_heights,
    "sweepstake": sweepstake,
    "spelling_test": spelling_test,
    "cctv_sign": cctv_sign,
    "pool_rules": pool_rules,
    "directions_sketch": directions_sketch,
}


# ----------------------------------------------------------------------------- the set


generate = blind.set_generator(
    LAYOUTS,
    G9,
    "_blindi",
    "Ninth blind set of care-agency papers, boards and signs (benchmarks/gen_text_blind9.py, seed {seed})",
    RESERVED_SEED,
)


def main(argv: list[str] | None = None) -> int:
    return blind.main(argv, make=generate, reserved=RESERVED_SEED, doc=__doc__)


if __name__ == "__main__":
    raise SystemExit(main())
