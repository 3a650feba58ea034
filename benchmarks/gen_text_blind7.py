"""Generate a seventh blind test set of care-agency notices, cards and community sheets on real photos, in the format of ``text_pii``.

Written for issue #21 by someone who had not read the text rules (nothing
under ``src/mediascrub``), their tests, the README, and who never ran the
classifier on this set. Only the earlier blind generators were read, for their
machinery and for the layouts they already draw (none is drawn again here);
``G7`` subclasses blind 6's ``G6`` (its people, streets, medicines, number,
e-mail, date-of-birth and plate makers) and adds a few names of its own.
Meant to be run **once**, by the coordinator, on the final code, with the
reserved seed 717171 (``bench_text_heldout.py --layouts blind7``); any other
seed is for looking at the generator only.

Twenty layouts: a carers' support group poster, an allotment plot map, a
fundraising thermometer with donors, a knitting pattern with the maker's note,
a staff training record board, a telephone message pad, a coffee morning
flyer, a "missing you" card, a school-run note, a charity collection bag, a
sheltered-housing notice, a carol-singing rota, a darts league table, a
mobile-library request list, a pet-therapy visit notice, a swimming session
register, a bake-off results card, a wedding anniversary card, a bowls
fixtures card and a residents' newsletter corner.

Labels follow ``gen_text_blind.py``'s definitions, ``dontcare`` as blinds 3-6
used it (titles, field labels, a service's own name and number, towns, public
figures, lone punctuation). A room or flat number next to a named resident is
``address``.

    python benchmarks/gen_text_blind7.py --out /tmp/blind7 --seed 7 [--images 60] [--png-dir /tmp/look]

The photos are research data: write them to a temporary folder, never into the repository.
"""

from __future__ import annotations

import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "benchmarks"))

import gen_text_blind as blind  # noqa: E402
from gen_text_blind import BOLD, EITHER, ID, PRINT, Finished, Panel, T, Tok, solid  # noqa: E402
from gen_text_blind2 import Line, biro, dc, ink, marker, ok, stack  # noqa: E402
from gen_text_blind3 import Who, hl, on_card  # noqa: E402
from gen_text_blind4 import DARK, possessive  # noqa: E402
from gen_text_blind5 import bracket, glue  # noqa: E402
from gen_text_blind6 import G6, sheet  # noqa: E402

RESERVED_SEED = 717171

# names of this set's own: rarer communities and made-up-looking spellings no common list holds
OWN_GIVEN = (
    (
        "Teuila",
        "Mereana",
        "Ilisapeci",
        "Nandini",
        "Zeynep",
        "Oksana",
        "Brighde",
        "Kezia",
        "Ebun",
        "Chiamaka",
        "Xochitl",
        "Lowenna",
        "Mhairi",
        "Yesenia",
    ),
    (
        "Sione",
        "Tevita",
        "Ruairidh",
        "Gwilym",
        "Oluwaseun",
        "Kobina",
        "Bartosz",
        "Andrius",
        "Dritan",
        "Taavi",
        "Ifeanyi",
        "Kaveh",
        "Wiremu",
        "Anselm",
    ),
)
OWN_FAMILY = (
    "Tuilagi",
    "Fonoti",
    "Ratuvou",
    "Wharepapa",
    "Penhaligon",
    "Trebilcock",
    "MacFhionnlaigh",
    "Ogunbanjo",
    "Anyanwu",
    "Kowalczyk",
    "Petrauskas",
    "Hoxha",
    "Yilmazer",
    "Rezaei",
    "Nwachukwu",
    "Tregenza",
    "Quashie",
    "Ramkissoon",
)
WORD_NAMES = (
    ("Rose", "Hope", "Joy", "Holly", "Ivy", "Dawn", "Pearl", "Faith", "Sunny", "Summer"),
    ("Bill", "Frank", "Will", "Jack", "Ray", "Robin", "Rich", "Sterling", "Grant", "Miles"),
)
WORD_FAMILY = ("Baker", "Fields", "Green", "Hall", "Mills", "Church", "Bishop", "Cook", "Rivers", "Young", "Bell", "Gardner")


class G7(G6):
    """Blind 6's makers, with a share of this set's own names."""

    def who(self, word: float = 0.25, title: bool = True) -> Who:
        rng = self.rng
        c = rng.random()
        if c < 0.55:
            return super().who(word, title)
        female = rng.random() < 0.6
        if c < 0.55 + word * 0.8:
            given, is_word = rng.choice(WORD_NAMES[0 if female else 1]), True
        else:
            given, is_word = rng.choice(OWN_GIVEN[0 if female else 1]), False
        family = rng.choice(WORD_FAMILY) if rng.random() < 0.3 else rng.choice(OWN_FAMILY)
        t = rng.choice(("Mrs", "Ms", "Miss")) if female else "Mr"
        return Who(given, family, t, is_word)


def names_list(g: G7, n: int, word: float = 0.3, hand: bool = False) -> list[Tok]:
    """A, B, C and D: names with commas glued on and 'and' before the last."""
    people = [(g.hand_who(word) if hand else g.who(word)) for _ in range(n)]
    out: list[Tok] = []
    for i, p in enumerate(people):
        toks = g.rng.choice((p.full, p.first, p.first, p.titled))()
        if i < n - 2:
            toks = glue(toks, ",")
        out += toks
        if i == n - 2:
            out += ok(g.rng.choice(("and", "&")))
    return out


# ----------------------------------------------------------------------------- the layouts


def carers_group(g: G7) -> Finished:
    """A carers' support group poster."""
    rng, B = g.rng, g.bigger()
    t = g.type(PRINT, B)
    lead = g.who(0.3)
    lines: list[Line | None] = [
        (
            ok(rng.choice(("Caring for someone?", "Carers' Cuppa & Chat", "You are not alone"))),
            g.type(BOLD, int(B * 1.5)),
            (0, 100, 120),
            "centre",
        ),
        (
            ok("Every " + rng.choice(("first Tuesday", "second Thursday", "Wednesday")))
            + ok("at " + rng.choice(("St Mark's", "Victoria Hall", "the Jubilee Library", "Church Street Community Centre")))
            + ok(g.clock()),
            t,
            DARK,
            "centre",
        ),
        (ok("Free tea, cake and a listening ear. Bus 14 or 27 stops outside."), t, DARK, "centre"),
        (
            ok("Run by") + lead.full() + ok("who cared for family for nine years")
            if rng.random() < 0.5
            else ok("Run by") + lead.titled_full(),
            t,
            DARK,
            "centre",
        ),
        (ok("Ring") + lead.first() + ok("on") + g.mobile(), t, DARK, "centre"),
        (ok("or email") + g.email(lead), t, DARK, "centre") if rng.random() < 0.7 else None,
        (dc("Carers Trust helpline") + g.landline(EITHER), t, DARK, "centre"),
    ]
    return sheet(g, lines, (0, 100, 120), "carers_group", lead=1.5)


def plot_map(g: G7) -> Finished:
    """A hand-drawn allotment plot map with holders' names."""
    rng, B = g.rng, g.bigger()
    p = Panel(B)
    h, col = marker(g, B), ink(g)
    p.line(ok("Plot holders 2026"), g.type(BOLD, int(B * 1.3)), 30, 30, DARK)
    y = 30 + B * 2.4
    for r in range(3):
        x = 30.0
        for c in range(2):
            n = r * 2 + c + 1
            who = g.hand_who(0.35)
            p.rect((x, y, x + B * 17, y + B * 3.4), outline=DARK, width=2)
            p.line(ok(f"Plot {n}{rng.choice('ab')}"), h, x + 8, y + 6, col)
            p.line(
                rng.choice((who.full, who.initial, who.titled, who.formal))()
                + (ok(rng.choice(("beans", "spuds", "leeks", "shared"))) if rng.random() < 0.4 else []),
                h,
                x + 8,
                y + B * 1.6,
                col,
            )
            x += B * 18
        y += B * 3.8
    p.line(ok("Water trough by the gate. Shed key with") + g.hand_who(0.3).first(), h, 30, y + 8, col)
    return p.finish(solid((240, 235, 215), (90, 120, 60), 6), 34, "plot_map", (15, 24))


def thermometer(g: G7) -> Finished:
    """A fundraising thermometer with the donors written beside it."""
    rng, B = g.rng, g.bigger()
    p = Panel(B)
    h, col = marker(g, B), ink(g)
    goal = rng.choice((500, 1000, 1500, 2000))
    p.line(ok(f"Minibus appeal - target £{goal:,}"), g.type(BOLD, int(B * 1.3)), 30, 30, (180, 20, 30))
    top = 30 + B * 2.5
    p.rect((40, top, 40 + B * 1.6, top + B * 13), fill=(255, 255, 255), outline=DARK, width=2)
    p.rect((40, top + B * rng.uniform(4, 9), 40 + B * 1.6, top + B * 13), fill=(200, 30, 30))
    lines: list[Line | None] = [(ok(f"£{goal * rng.randint(3, 8) // 10} so far!"), g.type(BOLD, B), DARK, "left")]
    for _ in range(rng.randint(5, 7)):
        who = g.hand_who(0.35)
        row = rng.choice((who.full, who.first, who.titled, who.initial))() + ok(f"{g.rng.randint(5, 150)}.00")
        if rng.random() < 0.3:
            row += ok(rng.choice(("sponsored silence", "cake stall", "car boot", "in memory of")))
            if row[-1][0] == "of":
                row += g.hand_who(0.3).full()
        lines.append((row, h, col, "left"))
    lines.append((ok("Thank you all! Next: quiz night at the Red Lion"), h, col, "left"))
    stack(p, lines, 40 + B * 3, top, lead=1.5)
    return p.finish(solid((255, 250, 240), (180, 20, 30), 6), 34, "thermometer", (15, 24))


def knitting_pattern(g: G7) -> Finished:
    """A knitting pattern card with the maker's handwritten note."""
    rng, B = g.rng, g.bigger()
    t, h, col = g.type(PRINT, B), biro(g, B), ink(g)
    maker, friend = g.hand_who(0.4), g.hand_who(0.4)
    lines: list[Line | None] = [
        (
            ok(rng.choice(("Twiddle muff", "Baby cardigan, 0-3 months", "Cabled tea cosy", "Fisherman's rib scarf"))),
            g.type(BOLD, int(B * 1.3)),
            DARK,
            "left",
        ),
        (ok("Cast on 48 stitches, 4mm needles. Rows 1-6: K2, P2 rib."), t, DARK, "left"),
        (ok("Row 7: knit to end. Repeat rows 7-20 twice. Cast off loosely."), t, DARK, "left"),
        (ok("Yarn: 2 balls Robin DK, shade Rose or Holly Green"), t, DARK, "left"),
        (
            ok("Made by") + rng.choice((maker.full, maker.titled, maker.first))() + g.room()
            if rng.random() < 0.5
            else ok("Made by") + maker.full(),
            h,
            col,
            "left",
        ),
        (ok("for") + possessive(friend) + ok(rng.choice(("new grandson", "hands - they get so cold", "birthday"))), h, col, "left"),
        (ok("because of her") + g.condition() if rng.random() < 0.4 else ok("Knit and Natter, Fridays 2pm, all welcome"), h, col, "left"),
    ]
    return sheet(g, lines, (160, 120, 170), "knitting_pattern", bg=(250, 248, 255))


def training_record(g: G7) -> Finished:
    """A staff training record board: who is due what."""
    rng, B = g.rng, g.bigger()
    t = g.type(PRINT, B)
    lines: list[Line | None] = [(ok("Mandatory training - due this quarter"), g.type(BOLD, B), DARK, "left")]
    for _ in range(rng.randint(5, 7)):
        who = g.who(0.3)
        course = rng.choice(
            (
                "Moving & Handling",
                "Fire Safety",
                "Safeguarding L2",
                "Food Hygiene",
                "First Aid at Work",
                "Dementia Friends",
                "Infection Control",
            )
        )
        row = rng.choice((who.formal, who.full, who.initial))() + ok(course) + ok(rng.choice(("due", "expired", "booked")) + " " + g.date())
        if rng.random() < 0.45:
            row += dc("Staff no", "field label") + T(str(rng.randint(10000, 99999)), ID, "staff number")
        lines.append((row, t, DARK, "left"))
    lead = g.who(0.3)
    lines.append((ok("Book with") + lead.full() + ok("in the office or") + g.email(lead), t, DARK, "left"))
    return sheet(g, lines, (30, 60, 140), "training_record", lead=1.45)


def message_pad(g: G7) -> Finished:
    """A 'While you were out' telephone message slip."""
    rng, B = g.rng, g.bigger()
    t, h, col = g.type(BOLD, B), biro(g, B), ink(g)
    to, caller, about = g.hand_who(0.3), g.hand_who(0.3), g.hand_who(0.3)
    lines: list[Line | None] = [
        (ok("WHILE YOU WERE OUT"), g.type(BOLD, int(B * 1.3)), (200, 40, 40), "left"),
        (dc("To:", "field label") + rng.choice((to.first, to.full))(), h, col, "left"),
        (
            dc("From:", "field label")
            + rng.choice((caller.full, caller.titled_full))()
            + bracket(ok(rng.choice(("daughter", "son", "neighbour", "GP surgery")))),
            h,
            col,
            "left",
        ),
        (dc("Tel:", "field label") + g.phone(), h, col, "left"),
        (
            ok("Re:") + possessive(about) + ok(rng.choice(("hospital appt", "fall last night", "new tablets", "birthday visit"))),
            h,
            col,
            "left",
        ),
        (ok("Please call back after") + ok(g.clock()), h, col, "left"),
        (ok("NHS no") + g.nhs() if rng.random() < 0.5 else ok("her DOB") + g.dob(), h, col, "left") if rng.random() < 0.85 else None,
        (dc("Taken by", "field label") + g.hand_who(0.3).initial() + ok(g.date()), t, DARK, "left"),
    ]
    return sheet(g, lines, (230, 200, 80), "message_pad", bg=(255, 250, 205))


def coffee_morning(g: G7) -> Finished:
    """A coffee morning flyer."""
    rng, B = g.rng, g.bigger()
    t = g.type(PRINT, B)
    host = g.who(0.35)
    lines: list[Line | None] = [
        (ok("Coffee Morning"), g.type(BOLD, int(B * 1.8)), (120, 70, 30), "centre"),
        (ok(f"Saturday {g.date()}, 10am - 12 noon"), t, DARK, "centre"),
        (ok(rng.choice(("Victoria Hall, Park Road", "The Baptist Church, Mill Lane", "Hope Street Community Rooms"))), t, DARK, "centre"),
        (ok("Tea or coffee and cake £2.50. Bric-a-brac, tombola, book stall."), t, DARK, "centre"),
        (ok("Cakes kindly baked by") + names_list(g, rng.randint(2, 4)), t, DARK, "centre"),
        (ok("Hosted by") + host.titled_full() + ok("in aid of") + dc("Macmillan", "a charity's name"), t, DARK, "centre"),
        (ok("Lifts: ring") + host.first() + g.mobile(), t, DARK, "centre") if rng.random() < 0.6 else None,
        (ok("Offers of cakes to") + g.email(host), t, DARK, "centre") if rng.random() < 0.5 else None,
    ]
    return sheet(g, lines, (120, 70, 30), "coffee_morning", bg=(255, 248, 230))


def missing_you_card(g: G7) -> Finished:
    """A 'missing you' card to a resident in hospital."""
    rng, B = g.rng, g.bigger()
    h, col = biro(g, B), ink(g)
    to = g.hand_who(0.35)
    lines: list[Line | None] = [
        (ok("Missing you!"), g.type(BOLD, int(B * 1.6)), (200, 60, 120), "centre"),
        (ok("Dear") + glue(rng.choice((to.first, to.titled))(), ","), h, col, "left"),
        (ok("We hope the") + g.condition() + ok("is on the mend and they let you home soon."), h, col, "left"),
        (ok("Ward 7 sounds busy! Your chair by the window is waiting."), h, col, "left"),
        (ok("Love from") + names_list(g, rng.randint(3, 5), hand=True), h, col, "left"),
        (ok("and all at") + dc(rng.choice(("Rose Court", "Hope House", "Meadowbank")), "the home's own name"), h, col, "left"),
    ]
    return sheet(g, lines, (200, 60, 120), "missing_you_card", bg=(255, 245, 250))


def school_run_note(g: G7) -> Finished:
    """A note on the fridge about who collects the children."""
    rng, B = g.rng, g.bigger()
    h, col = marker(g, B), ink(g)
    kid1, kid2 = g.hand_who(0.35), g.hand_who(0.35)
    lines: list[Line | None] = [(ok("School run this week"), g.type(BOLD, B), DARK, "left")]
    for day in ("Mon", "Tue", "Wed", "Thu", "Fri"):
        who = g.hand_who(0.35)
        row = (
            ok(day)
            + rng.choice((who.first, who.titled, who.full))()
            + ok(rng.choice(("3.15", "3.20pm", "after club 4.30", "walks", "bus 42")))
        )
        lines.append((row, h, col, "left"))
    lines.append(
        (
            kid1.first() + ok("has") + g.condition() + ok("- inhaler in bag")
            if rng.random() < 0.5
            else kid1.first() + ok("has PE Tuesday"),
            h,
            col,
            "left",
        )
    )
    lines.append(
        (
            ok("Pick up") + kid2.first() + ok("from") + g.street()
            if rng.random() < 0.5
            else ok("Gate code at Church Lane Primary is on the office door"),
            h,
            col,
            "left",
        )
    )
    if rng.random() < 0.6:
        lines.append((ok("The childminder's car is the blue Fiesta") + g.plate(), h, col, "left"))
    return sheet(g, lines, (90, 90, 90), "school_run_note", bg=(255, 255, 240))


def charity_bag(g: G7) -> Finished:
    """A charity collection bag left on the doorstep, filled in."""
    rng, B = g.rng, g.bigger()
    t, h, col = g.type(PRINT, B), biro(g, B), ink(g)
    who = g.hand_who(0.3)
    town, pc = g.postcode()
    lines: list[Line | None] = [
        (
            dc(rng.choice(("British Heart Foundation", "Age UK", "Sue Ryder", "Air Ambulance")), "the charity's own name"),
            g.type(BOLD, int(B * 1.4)),
            (200, 20, 30),
            "left",
        ),
        (ok("Please fill this bag with clothes, shoes and linen and leave it out by 8am on"), t, DARK, "left"),
        (ok(g.date()), t, DARK, "left"),
        (dc("Name", "field label") + who.full(), h, col, "left"),
        (dc("Address", "field label") + g.street(), h, col, "left"),
        (dc(town, "town") + pc, h, col, "left"),
        (
            ok("Gift Aid? Yes. Donor ref") + T(f"{rng.randint(100000, 999999)}", ID, "donor number")
            if rng.random() < 0.6
            else ok("No electricals please. Thank you!"),
            h,
            col,
            "left",
        ),
    ]
    # a bag that carries one person's name and address: its other words are either way, as on blind 6's Gift Aid form
    card: list[Line | None] = [None if ln is None else (on_card(ln[0]), *ln[1:]) for ln in lines]
    return sheet(g, card, (200, 20, 30), "charity_bag", bg=(245, 245, 245))


def sheltered_notice(g: G7) -> Finished:
    """A notice in a sheltered-housing lounge."""
    rng, B = g.rng, g.bigger()
    t = g.type(PRINT, B)
    warden, new, gone = g.who(0.3), g.who(0.3), g.who(0.3)
    lines: list[Line | None] = [
        (ok("Residents' News"), g.type(BOLD, int(B * 1.5)), (20, 80, 60), "centre"),
        (ok("Scheme manager") + warden.full() + ok("is on leave until") + ok(g.date()), t, DARK, "left"),
        (ok("Cover from") + g.who(0.3).titled_full() + ok("- ring") + g.landline(), t, DARK, "left"),
        (ok("A warm welcome to") + new.titled_full() + ok("who has moved into") + g.room("Flat"), t, DARK, "left"),
        (
            ok("Get well soon to") + gone.first() + ok("- home after her") + g.condition()
            if rng.random() < 0.5
            else ok("Lift service Tuesday 9-12, please use the stairs by the laundry."),
            t,
            DARK,
            "left",
        ),
        (ok("Bins go out Wednesday night. Scooters must not be charged in the corridor."), t, DARK, "left"),
        (ok("Visitor bay 3 is kept for") + g.plate() + ok("(district nurse)"), t, DARK, "left") if rng.random() < 0.5 else None,
        (ok("Email the scheme manager:") + g.email(warden), t, DARK, "left") if rng.random() < 0.6 else None,
        (ok("Fish and chip supper Friday £6.50 - names to") + g.who(0.3).first(), t, DARK, "left"),
    ]
    return sheet(g, lines, (20, 80, 60), "sheltered_notice", lead=1.45)


def carol_rota(g: G7) -> Finished:
    """Who sings carols where."""
    rng, B = g.rng, g.bigger()
    h, col = marker(g, B), ink(g)
    lines: list[Line | None] = [(ok("Carol singing rota - December"), g.type(BOLD, int(B * 1.2)), (150, 20, 20), "left")]
    for place in rng.sample(
        ("Tesco foyer", "Victoria Station", "the Market Cross", "Holly Lodge", "the Co-op", "Church Street", "the Royal Oak"), 4
    ):
        lines.append((ok(f"{g.date()} {place}:") + names_list(g, rng.randint(2, 4), 0.35, hand=True), h, col, "left"))
    lines.append(
        (ok("Songsheets from") + glue(g.hand_who(0.3).titled(), ".") + ok("Meet 6.30 by bus stop 12. Mince pies after!"), h, col, "left")
    )
    return sheet(g, lines, (150, 20, 20), "carol_rota", bg=(250, 255, 250))


def darts_league(g: G7) -> Finished:
    """A darts league table in the day centre."""
    rng, B = g.rng, g.bigger()
    t = g.type(PRINT, B)
    lines: list[Line | None] = [
        (ok("Darts league - week 9"), g.type(BOLD, B), DARK, "left"),
        (ok("Pos Player P W L Pts"), g.type(BOLD, B), DARK, "left"),
    ]
    for i in range(rng.randint(5, 7)):
        who = g.who(0.35)
        w = rng.randint(2, 9)
        lines.append((ok(f"{i + 1}") + rng.choice((who.full, who.formal, who.initial))() + ok(f"9 {w} {9 - w} {w * 2}"), t, DARK, "left"))
    lines.append(
        (ok("Highest checkout: 121 by") + glue(g.who(0.35).first(), ".") + ok("Next match Thurs 2pm v Rose & Crown"), t, DARK, "left")
    )
    return sheet(g, lines, (20, 20, 20), "darts_league", bg=(240, 240, 230))


def library_requests(g: G7) -> Finished:
    """Requests for the mobile library van."""
    rng, B = g.rng, g.bigger()
    h, col = biro(g, B), ink(g)
    lines: list[Line | None] = [(ok("Mobile library - requests for next visit"), g.type(BOLD, B), DARK, "left")]
    for _ in range(rng.randint(5, 6)):
        who = g.hand_who(0.35)
        pre, author, post = rng.choice(
            (
                ("large print", "Catherine Cookson", ""),
                ("any", "Maeve Binchy", ""),
                ("the new", "Lee Child", "audiobook"),
                ("", "Grace Kelly", "biography"),
                ("", "Jack Reacher", "books"),
                ("The Secret Garden", "", ""),
                ("gardening magazines", "", ""),
            )
        )
        row = rng.choice((who.titled, who.full, who.first))() + (g.room_no() if rng.random() < 0.5 else [])
        row += (
            (ok(pre) if pre else [])
            + (dc(author, "an author, a public figure or a character") if author else [])
            + (ok(post) if post else [])
        )
        lines.append((row, h, col, "left"))
    lines.append((ok("Van parks on Orchard Way, Thursdays 10.40 - 11.10"), h, col, "left"))
    return sheet(g, lines, (40, 90, 160), "library_requests")


def pet_visit(g: G7) -> Finished:
    """A pet-therapy visit notice."""
    rng, B = g.rng, g.bigger()
    t = g.type(PRINT, B)
    owner = g.who(0.3)
    dog = rng.choice(("Biscuit", "Honey", "Bramble", "Rosie", "Murphy"))
    lines: list[Line | None] = [
        (dc("Pets As Therapy", "a charity's name") + ok("visit!"), g.type(BOLD, int(B * 1.4)), (150, 80, 0), "centre"),
        (
            dc(dog, "a pet's name")
            + ok(f"the {rng.choice(('golden retriever', 'Jack Russell', 'King Charles spaniel'))} is coming on {g.date()} at {g.clock()}"),
            t,
            DARK,
            "centre",
        ),
        (ok("with her owner") + owner.full(), t, DARK, "centre"),
        (
            ok("Lounge first, then upstairs. Not")
            + g.who(0.3).titled()
            + g.room_no()
            + bracket(hl("dog allergy", "a named person's allergy"))
            if rng.random() < 0.6
            else ok("Please wash hands after stroking. Treats from the office only."),
            t,
            DARK,
            "centre",
        ),
        (ok("Questions to") + g.who(0.3).first() + ok("on extension 204"), t, DARK, "centre"),
        (ok("Please leave the drop-off bay free for") + possessive(owner) + ok("van") + g.plate(), t, DARK, "centre")
        if rng.random() < 0.5
        else None,
    ]
    return sheet(g, lines, (150, 80, 0), "pet_visit", bg=(255, 250, 235))


def swim_register(g: G7) -> Finished:
    """A register for a gentle swimming session."""
    rng, B = g.rng, g.bigger()
    h, col = biro(g, B), ink(g)
    lines: list[Line | None] = [(ok(f"Aqua aerobics, Leisure Centre pool 2 - {g.date()}"), g.type(BOLD, B), DARK, "left")]
    for _ in range(rng.randint(5, 7)):
        who = g.hand_who(0.35)
        row = rng.choice((who.formal, who.full, who.initial))() + ok(rng.choice(("yes", "yes", "no", "late")))
        if rng.random() < 0.35:
            row += ok("-") + g.condition() + (hl("(uses hoist)", "a named person's aid") if rng.random() < 0.3 else [])
        lines.append((row, h, col, "left"))
    if rng.random() < 0.5:
        new = g.hand_who(0.3)
        lines.append(
            (
                ok("New:") + new.full() + ok("DOB") + g.dob() + (ok("NHS") + g.nhs() if rng.random() < 0.5 else ok("- needs form")),
                h,
                col,
                "left",
            )
        )
    lines.append((ok("Lifeguard:") + g.hand_who(0.3).full() + ok("Lane 3 reserved 11-12"), h, col, "left"))
    return sheet(g, lines, (0, 120, 190), "swim_register", bg=(235, 248, 255))


def bake_off(g: G7) -> Finished:
    """Results of the home's bake-off."""
    rng, B = g.rng, g.bigger()
    t = g.type(PRINT, B)
    w1, w2, w3, judge = g.who(0.35), g.who(0.35), g.who(0.35), g.who(0.3)
    lines: list[Line | None] = [
        (
            ok("Great") + dc("Rose Court", "the home's own name") + ok("Bake Off - results"),
            g.type(BOLD, int(B * 1.3)),
            (200, 80, 140),
            "centre",
        ),
        (ok("1st") + possessive(w1) + ok(rng.choice(("Victoria sponge", "Eccles cakes", "Bakewell tart"))) + ok("(9/10)"), t, DARK, "left"),
        (ok("2nd") + rng.choice((w2.full, w2.titled_full))() + ok("- lemon drizzle, 8 points"), t, DARK, "left"),
        (ok("3rd") + w3.formal() + ok("- Chelsea buns"), t, DARK, "left"),
        (ok("Judged by") + judge.full() + ok("from the Honey Pot bakery on Market Street"), t, DARK, "left"),
        (ok("Star baker:") + glue(w1.first(), "!") + ok("Recipes in the folder by the piano."), t, DARK, "left"),
    ]
    return sheet(g, lines, (200, 80, 140), "bake_off")


def anniversary_card(g: G7) -> Finished:
    """A wedding anniversary card from the home."""
    rng, B = g.rng, g.bigger()
    h, col = biro(g, B), ink(g)
    a, b = g.hand_who(0.4), g.hand_who(0.4)
    lines: list[Line | None] = [
        (
            ok(rng.choice(("Happy 60th Anniversary", "Happy Diamond Wedding", "Happy Ruby Anniversary"))),
            g.type(BOLD, int(B * 1.4)),
            (160, 120, 20),
            "centre",
        ),
        (ok("To") + a.first() + ok("and") + glue(b.first(), ","), h, col, "left"),
        (
            ok("Married at")
            + dc(rng.choice(("St Mary's, Bolton", "Hope Chapel", "Leeds Register Office")), "a public place")
            + ok(g.date()),
            h,
            col,
            "left",
        ),
        (
            ok("With love from everyone at") + dc("Meadowbank", "the home's own name") + ok("and from") + names_list(g, 3, hand=True),
            h,
            col,
            "left",
        ),
        (ok("Party in the lounge 3pm, bring your dancing shoes"), h, col, "left"),
    ]
    return sheet(g, lines, (160, 120, 20), "anniversary_card", bg=(255, 252, 240))


def bowls_fixtures(g: G7) -> Finished:
    """A bowls club fixtures card with team and captain."""
    rng, B = g.rng, g.bigger()
    t = g.type(PRINT, B)
    cap = g.who(0.3)
    lines: list[Line | None] = [(ok("Short mat bowls - fixtures"), g.type(BOLD, B), (20, 100, 40), "left")]
    for _ in range(4):
        lines.append(
            (
                ok(f"{g.date()} v")
                + ok(rng.choice(("Hope Street WMC", "Jubilee Park", "Victoria BC", "Holly Bank")))
                + ok(f"{rng.choice(('home', 'away'))} {g.clock()}"),
                t,
                DARK,
                "left",
            )
        )
    lines.append((ok("Team:") + names_list(g, rng.randint(4, 6)), t, DARK, "left"))
    lines.append((ok("Captain") + cap.full() + g.mobile(), t, DARK, "left"))
    if rng.random() < 0.4:
        lines.append((ok("Lifts in") + possessive(cap) + ok("car") + g.plate() + ok("from the Market Place 12.45"), t, DARK, "left"))
    lines.append((ok("Reserve:") + g.who(0.3).titled() + (bracket(g.aid()) if rng.random() < 0.4 else []), t, DARK, "left"))
    return sheet(g, lines, (20, 100, 40), "bowls_fixtures", bg=(245, 255, 245))


def newsletter_corner(g: G7) -> Finished:
    """The births, welcomes and farewells corner of a residents' newsletter."""
    rng, B = g.rng, g.bigger()
    t = g.type(PRINT, B)
    new, leaver, bday = g.who(0.35), g.who(0.35), g.who(0.35)
    lines: list[Line | None] = [
        (ok("Comings and goings"), g.type(BOLD, int(B * 1.3)), DARK, "left"),
        (ok("Welcome to") + glue(new.full(), ",") + ok("who joins us from") + glue(g.street(), "."), t, DARK, "left"),
        (ok("Farewell to carer") + leaver.first() + ok("who leaves for university in") + dc("Durham.", "town"), t, DARK, "left"),
        (
            ok("Happy 90th to") + bday.titled() + ok("- born") + g.dob()
            if rng.random() < 0.5
            else ok("Happy 90th to") + bday.titled() + ok("on Friday!"),
            t,
            DARK,
            "left",
        ),
        (ok("Thanks to") + names_list(g, 3) + ok("for the garden benches."), t, DARK, "left"),
        (ok("Trip to Chester Zoo, 14 seats, £12 each. Bus 8 from the Market Place."), t, DARK, "left"),
    ]
    return sheet(g, lines, (60, 60, 120), "newsletter_corner", lead=1.45)


LAYOUTS = {
    "carers_group": carers_group,
    "plot_map": plot_map,
    "thermometer": thermometer,
    "knitting_pattern": knitting_pattern,
    "training_record": training_record,
    "message_pad": message_pad,
    "coffee_morning": coffee_morning,
    "missing_you_card": missing_you_card,
    "school_run_note": school_run_note,
    "charity_bag": charity_bag,
    "sheltered_notice": sheltered_notice,
    "carol_rota": carol_rota,
    "darts_league": darts_league,
    "library_requests": library_requests,
    "pet_visit": pet_visit,
    "swim_register": swim_register,
    "bake_off": bake_off,
    "anniversary_card": anniversary_card,
    "bowls_fixtures": bowls_fixtures,
    "newsletter_corner": newsletter_corner,
}


# ----------------------------------------------------------------------------- the set


generate = blind.set_generator(
    LAYOUTS,
    G7,
    "_blindg",
    "Seventh blind set of care notices, cards and community sheets (benchmarks/gen_text_blind7.py, seed {seed})",
    RESERVED_SEED,
)


def main(argv: list[str] | None = None) -> int:
    return blind.main(argv, make=generate, reserved=RESERVED_SEED, doc=__doc__)


if __name__ == "__main__":
    raise SystemExit(main())
