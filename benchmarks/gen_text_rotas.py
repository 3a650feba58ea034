"""Generate a tuning set of care-home paperwork and room signs on real photos, in the format of ``text_pii``.

Written during issue #21's second round, to find what the rules miss on layouts
that ``gen_text_pii.py`` and ``gen_text_scenes.py`` do not draw. The rules were
then tuned on it: its figures are **seen**, never a held-out result. Names and
words here are written by hand and are not the lists the package ships.

Layouts (each a panel warped onto a WIDER FACE photo away from its faces):

- **rotas**: "Staff on duty", a shift or role label then a name (``Nurse in
  charge: Mei Ling``, ``Key worker Abdi``, ``Early 7am-2pm Sita``);
- **activity boards** with a leader column: a time, an activity and a first
  name alone (``10:30  Bingo  Kofi``);
- **sign-in sheets**: columns of date, visitor, resident visited, times in and out;
- **visitor and contractor badges**: ``VISITOR``, a name, a date, a company;
- **contact notices**: phone numbers in unusual groupings, emails, "in an emergency call";
- **hospital passports / ID cards**: ``Born`` with a date, NHS numbers grouped oddly;
- **car park**: a number plate turned up to 25 degrees;
- **room and way-finding signs, opening hours, bus stops, event posters** (benign).

Categories as in ``text_pii``.

    .venv/bin/python benchmarks/gen_text_rotas.py --out /tmp/rotas [--images 60] [--seed 8101]

The photos are research data: write them to a temporary folder, never into the repository.
"""

from __future__ import annotations

import random
import sys
from collections.abc import Callable
from pathlib import Path

import cv2
import numpy as np
from PIL import Image

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "benchmarks"))

from gen_text_pii import generator_main, nhs_number, plate_text  # noqa: E402
from gen_text_scenes import BODY_FONTS, TITLE_FONTS, Panel, _font, generate_on_photos  # noqa: E402

P, B, D, H = "person_name", "benign", "dontcare", "health"
PH, EM, ID, DOB, PL = "phone", "email", "id_number", "date_of_birth", "plate"

# ----------------------------------------------------------------------------- people (written by hand, many communities)

GIVEN = ("Mei", "Wei", "Xiu", "Hana", "Yuki", "Kenji", "Lan", "Minh", "Thi", "Fatima", "Omar", "Yusuf", "Khadija", "Abdi",
         "Hodan", "Ayaan", "Mehmet", "Elif", "Zeynep", "Joao", "Ines", "Rui", "Dimitra", "Nikos", "Sita", "Bishnu", "Anjali",
         "Priya", "Lakshmi", "Murugan", "Deepa", "Oksana", "Olena", "Bogdan", "Marta", "Krzysztof", "Ewa", "Siobhan",
         "Padraig", "Eilidh", "Morven", "Delroy", "Marcia", "Winston", "Precious", "Tatenda", "Nomvula", "Thabo", "Amara",
         "Ifeoma", "Chinonso", "Kemi", "Babajide", "Aisling", "Rhiannon", "Dafydd", "Tegan", "Lowri", "Jasmine", "Ellie",
         "Kieran", "Jordan", "Summer", "Autumn", "Sky", "Faith", "Patience", "Charity", "Honor", "Sunny", "Dusty", "Mo")
FAMILY = ("Zhang", "Wong", "Tanaka", "Sato", "Nguyen", "Tran", "Al-Sayed", "Rahman", "Warsame", "Farah", "Yilmaz", "Demir",
          "Silva", "Ferreira", "Papadopoulos", "Gurung", "Thapa", "Subramaniam", "Pillai", "Iyer", "Kovalenko", "Shevchenko",
          "Wojcik", "Zielinska", "O'Sullivan", "MacLeod", "McAllister", "Campbell-Brown", "Thompson", "Clarke", "Ndlovu",
          "Dlamini", "Obi", "Nwachukwu", "Adebayo", "Ogunleye", "ap Rhys", "Pritchard", "Baker", "Cook", "Gardener", "Mason",
          "Bird", "Stone", "Lamb", "Wood", "Hill", "Marsh", "Moss", "Brooks", "Frost", "Winter", "Summers", "Day", "Knight")
SHIFTS = ("Early", "Late", "Night", "Days", "Morning", "Afternoon", "Twilight")
ROTA_LABELS = (("Nurse", "in", "charge:"), ("Key", "worker:"), ("Keyworker:",), ("Senior", "on", "duty:"), ("Team", "leader:"),
               ("First", "aider:"), ("Fire", "marshal:"), ("Person", "in", "charge:"), ("On", "call:"), ("Duty", "manager"),
               ("Visitor:",), ("Escort:",), ("Buddy:",), ("Named", "nurse:"), ("Allocated", "to"))
COMPANIES = ("Acme Lifts Ltd", "City Plumbing", "Green Gardens Co", "Swift Electrical", "Bright Windows", "Pharmacy Delivery")

# ----------------------------------------------------------------------------- benign words (written by hand)

ROOMS = ("Dining Room", "Quiet Lounge", "Sun Lounge", "Hair Salon", "Sensory Room", "Laundry", "Staff Only", "Fire Exit",
         "Assisted Bathroom", "Activity Room", "Conservatory", "Library", "Garden Room", "Treatment Room", "Kitchenette",
         "Reception", "Toilets", "Lift", "Stairs", "Cinema Room", "Chapel", "Visitors Lounge", "Tea Bar", "Shop",
         "Wet Room", "Sluice", "Linen Store", "Office", "Family Room", "Oak Suite", "Willow Wing", "Rose Garden")
ACTIVITIES = ("Bingo", "Quiz", "Baking", "Singing", "Yoga", "Tai chi", "Crafts", "Movie", "Bowls", "Painting", "Poetry",
              "Music", "Cards", "Chess", "Walk", "Massage", "Nails", "Prayers", "Mass", "Gardening", "Reading group",
              "Jigsaws", "Darts", "Karaoke", "Dance", "Cookery", "Book club", "Pottery", "Knitting", "Storytime")
TIMES = ("10:00", "10:30", "11am", "2pm", "2.30pm", "3:15", "14:00", "9.45", "4pm", "1-3pm", "10-11am", "noon")
EVENTS = (("Summer", "Fair"), ("Coffee", "Morning"), ("Open", "Day"), ("Easter", "Bonnet", "Parade"), ("Carol", "Service"),
          ("Cream", "Tea"), ("Fun", "Day"), ("Remembrance", "Service"), ("Harvest", "Festival"), ("Bake", "Sale"))
MONTHS = ("January", "February", "March", "April", "May", "June", "July", "August", "September", "October", "November",
          "December")
NOTICES = (("Please", "sign", "in", "and", "out"), ("Visitors", "Book"), ("Hand", "gel", "station"), ("Keep", "this", "door", "shut"),
           ("No", "smoking"), ("Mind", "the", "step"), ("Wet", "floor"), ("Quiet", "please"), ("Thank", "you", "for", "visiting"))


def _words(tokens: tuple[str, ...] | list[str], cat: str) -> list[tuple[str, str]]:
    return [(t, cat) for t in tokens]


def _given(rng: random.Random) -> str:
    return rng.choice(GIVEN)


def _full(rng: random.Random, surname: float = 0.6) -> list[tuple[str, str]]:
    out = [(_given(rng), P)]
    if rng.random() < surname:
        fam = rng.choice(FAMILY)
        out += [(w, P) for w in fam.split()]
    if rng.random() < 0.15:
        out = [(t.upper(), c) for t, c in out]
    return out


def _date(rng: random.Random, year: tuple[int, int]) -> list[str]:
    y, m, d = rng.randint(*year), rng.randint(1, 12), rng.randint(1, 28)
    suffix = "th" if d not in (1, 2, 3, 21, 22, 23) else {1: "st", 2: "nd", 3: "rd", 21: "st", 22: "nd", 23: "rd"}[d]
    return rng.choice([[f"{d}/{m}/{y}"], [f"{d:02d}.{m:02d}.{y % 100:02d}"], [f"{d}{suffix}", MONTHS[m - 1], str(y)],
                       [str(d), MONTHS[m - 1][:3], str(y)], [f"{d:02d}-{MONTHS[m - 1][:3]}-{y}"], [MONTHS[m - 1], f"{d},", str(y)]])


def _phone(rng: random.Random) -> list[str]:
    a, b = f"{rng.randint(0, 999):03d}", f"{rng.randint(0, 9999):04d}"
    return rng.choice([["07700", "900", a], ["0", "7700", "900" + a], ["+44(0)7700-900-" + a], ["01632", "96", a[:2], b[:2]],
                       ["01632.960" + a], ["(0113)", "496-" + b], ["0113", "4960", a], ["+44", "113", "496", "0" + a],
                       ["0800", "123", b], ["020-7946-0" + a], ["07700", "9", "00", a], ["00", "44", "7700", "900" + a]])


def _email(rng: random.Random) -> str:
    g, f = _given(rng).lower(), rng.choice(FAMILY).lower().replace(" ", "").replace("'", "")
    return rng.choice([f"{g}.{f}@gmail.com", f"{g[0]}{f}@carehome.org.uk", f"{g}{rng.randint(1, 99)}@icloud.com",
                       f"{f}.family@btinternet.com", f"{g}_{f}@yahoo.com"])


# ----------------------------------------------------------------------------- layouts

Layout = tuple[Panel, float]


def _panel(rows: list[tuple[list[tuple[str, str]], str]], body: int, rng: random.Random,
           bg: tuple[int, int, int] = (255, 255, 255), fg: tuple[int, int, int] = (30, 30, 30)) -> Layout:
    """One left-aligned column of rows ("title" rows bold and bigger)."""
    fonts = {"title": _font(rng.choice(TITLE_FONTS), int(body * 1.4)), "row": _font(rng.choice(BODY_FONTS), body)}
    width = int(max(Panel.width_of(t, fonts[k]) for t, k in rows) + body * 2)
    height = int(sum(body * (2.0 if k == "title" else 1.55) for _, k in rows) + body)
    panel = Panel(width, height, bg, border=fg if rng.random() < 0.5 else None)
    y = body * 0.6
    for tokens, kind in rows:
        panel.line(tokens, fonts[kind], body, y, fg, "centre" if kind == "title" else "left", width - 2 * body)
        y += body * (2.0 if kind == "title" else 1.55)
    return panel, body


def _table(head: list[str], rows: list[list[list[tuple[str, str]]]], body: int, rng: random.Random, title: list[str] | None = None
           ) -> Layout:
    """A table: a header row and cells in columns."""
    f = _font(rng.choice(BODY_FONTS), body)
    hf = _font(rng.choice(TITLE_FONTS), body)
    cols = len(head)
    col_w = [max([Panel.width_of([(head[c], B)], hf)] + [Panel.width_of(r[c], f) for r in rows if r[c]]) + body for c in range(cols)]
    tf = _font(rng.choice(TITLE_FONTS), int(body * 1.4))
    width = int(sum(col_w) + body * 2)
    if title:
        width = max(width, int(Panel.width_of(_words(title, B), tf) + body * 2))
    height = int((2.0 if title else 0.6) * body + (len(rows) + 1) * body * 1.6 + body)
    panel = Panel(width, height, (255, 255, 250) if rng.random() < 0.5 else (245, 250, 255), border=(60, 60, 60))
    y = body * 0.6
    if title:
        panel.line(_words(title, B), tf, body, y, (20, 20, 80), "centre", width - 2 * body)
        y += body * 2.0
    x = body
    for c in range(cols):
        panel.line([(head[c], B)], hf, x, y, (20, 20, 20))
        x += col_w[c]
    y += body * 1.6
    for r in rows:
        x = body
        for c in range(cols):
            if r[c]:
                panel.line(r[c], f, x, y, (40, 40, 40))
            x += col_w[c]
        panel.draw.line([(body * 0.5, y - body * 0.3), (width - body * 0.5, y - body * 0.3)], fill=(180, 180, 180, 255), width=2)
        y += body * 1.6
    return panel, body


def rota(rng: random.Random) -> Layout:
    body = rng.choice([40, 46, 52])
    rows: list[tuple[list[tuple[str, str]], str]] = [(_words(rng.choice(["Staff on duty today", "Today's team", "On duty",
                                                                          "Rota"]).split(), B), "title")]
    for _ in range(rng.randint(2, 5)):
        r = rng.random()
        if r < 0.5:
            rows.append((_words(rng.choice(ROTA_LABELS), D) + _full(rng, 0.4), "row"))
        elif r < 0.8:
            t = rng.choice(["7am-2pm", "2pm-9pm", "8-8", "9pm-7am", "07:00-14:00"])
            rows.append(([(rng.choice(SHIFTS), B), (t, D)] + _full(rng, 0.3), "row"))
        else:
            rows.append((_full(rng, 0.5) + [("-", D)] + _words(rng.choice(["Carer", "Nurse", "Senior", "Cook", "Domestic"]).split(), D),
                         "row"))
    return _panel(rows, body, rng)


def leader_board(rng: random.Random) -> Layout:
    body = rng.choice([38, 44, 50])
    rows = []
    for _ in range(rng.randint(3, 6)):
        t = rng.choice(TIMES)
        lead = [(_given(rng), P)] if rng.random() < 0.6 else []
        rows.append([[(t, B if not t.isdigit() else D)], _words(rng.choice(ACTIVITIES).split(), B), lead])
    return _table(["Time", "Activity", rng.choice(["With", "Led by", "Host"])], rows, body, rng,
                  title=rng.choice(["Today", "What's on today", "Activities"]).split())


def signin(rng: random.Random) -> Layout:
    body = rng.choice([34, 40])
    rows = []
    for _ in range(rng.randint(3, 5)):
        d = rng.randint(1, 28)
        rows.append([[(f"{d}/{rng.randint(1, 12)}", D)], _full(rng, 0.8), [(_given(rng), P)] if rng.random() < 0.7 else _full(rng, 1.0),
                     [(rng.choice(TIMES[:9]), D)]])
    return _table(["Date", "Name", "Visiting", "Time in"], rows, body, rng,
                  title=rng.choice([["Visitors", "please", "sign", "in"], ["Visitor", "Log"], ["Signing", "in", "book"]]))


def visitor_badge(rng: random.Random) -> Layout:
    body = rng.choice([50, 60])
    kind = rng.choice(["VISITOR", "CONTRACTOR", "Visitor", "Student", "Agency Staff"])
    rows = [(_words(kind.split(), D), "title"), (_full(rng, 0.8), "row")]
    if rng.random() < 0.5:
        rows.append((_words(rng.choice(COMPANIES).split(), D), "row"))
    if rng.random() < 0.6:
        rows.append(([(w, D) for w in _date(rng, (2024, 2026))], "row"))
    return _panel(rows, body, rng, bg=(255, 235, 60) if rng.random() < 0.5 else (255, 255, 255))


def contact(rng: random.Random) -> Layout:
    body = rng.choice([40, 46])
    rows: list[tuple[list[tuple[str, str]], str]] = [(_words(rng.choice(["In an emergency", "Contacts", "Out of hours",
                                                                          "Useful numbers"]).split(), B), "title")]
    for _ in range(rng.randint(1, 3)):
        r = rng.random()
        if r < 0.4:
            rows.append((_words(rng.choice(["Call", "Ring", "Phone", "Tel.", "Mobile:", "Text"]).split(), D) + _full(rng, 0.5)
                         + [("on", D)] + [(w, PH) for w in _phone(rng)], "row"))
        elif r < 0.7:
            rows.append(([(rng.choice(["Tel", "T:", "Phone", "Mob", "Office"]), D)] + [(w, PH) for w in _phone(rng)], "row"))
        else:
            rows.append(([(rng.choice(["Email", "E:", "email:"]), D), (_email(rng), EM)], "row"))
    return _panel(rows, body, rng)


def passport(rng: random.Random) -> Layout:
    body = rng.choice([40, 46])
    rows: list[tuple[list[tuple[str, str]], str]] = [(_words(rng.choice(["Hospital Passport", "About me", "Resident profile",
                                                                          "This is me"]).split(), B), "title")]
    rows.append((_words(rng.choice([["Name:"], ["My", "name", "is"], ["I", "like", "to", "be", "called"]]), D) + _full(rng, 0.7), "row"))
    for e in rng.sample(["born", "nhs", "gp", "likes"], k=rng.randint(2, 3)):
        if e == "born":
            label = rng.choice(["Born", "Born:", "Born on", "Birthday:"])
            rows.append(([(label, D)] + [(w, DOB) for w in _date(rng, (1926, 1958))], "row"))
        elif e == "nhs":
            n = nhs_number(rng)
            form = rng.choice([[n[:4], n[4:7], n[7:]], [n[:3], n[3:7], n[7:]], [n[:2], n[2:5], n[5:8], n[8:]], [" ".join(n[:5]), n[5:]],
                               [n[:3] + "." + n[3:6] + "." + n[6:]]])
            rows.append((_words(rng.choice([["NHS"], ["NHS", "number:"], ["NHS", "no."]]), D) + [(w, ID) for w in " ".join(form).split()],
                         "row"))
        elif e == "gp":
            rows.append(([("GP:", D), ("Dr", D), (rng.choice(FAMILY).split()[0], P)], "row"))
        else:
            rows.append((_words(rng.choice([["I", "like", "tea", "with", "two", "sugars"], ["I", "enjoy", "music"],
                                            ["Please", "speak", "slowly"]]), B), "row"))
    return _panel(rows, body, rng, bg=(240, 250, 255))


def carpark(rng: random.Random) -> Layout:
    body = 110
    f = _font(rng.choice(("DejaVuSans-Bold.ttf", "DejaVuSansCondensed-Bold.ttf")), body)
    words = plate_text(rng)
    w = int(Panel.width_of([(t, PL) for t in words], f) + body)
    panel = Panel(w, int(body * 1.5), (250, 210, 20) if rng.random() < 0.5 else (245, 245, 240), border=(0, 0, 0))
    panel.line([(t, PL) for t in words], f, body * 0.5, body * 0.2, (10, 10, 10))
    return panel, body


def roomsign(rng: random.Random) -> Layout:
    body = rng.choice([50, 60, 70])
    rows = [(_words(rng.choice(ROOMS).split(), B), "title")]
    if rng.random() < 0.4:
        rows.append(([("Open", B)] + _words(rng.choice(["9am-5pm", "Mon-Fri 10-4", "24 hours", "8:00 - 20:00"]).split(), B), "row"))
    return _panel(rows, body, rng, bg=rng.choice([(20, 60, 120), (250, 250, 250), (40, 110, 60)]),
                  fg=(255, 255, 255) if rng.random() < 0.6 else (20, 20, 20))


def busstop(rng: random.Random) -> Layout:
    body = rng.choice([50, 60])
    route = str(rng.choice([7, 12, 42, 100, 36, 5, 19]))
    rows = [(([("Bus", B)] if rng.random() < 0.5 else [("Route", B)]) + [(route, D)], "title"),
            (_words(rng.choice(["Town Centre", "Hospital", "Railway Station", "Park and Ride", "City Circle"]).split(), B), "row")]
    if rng.random() < 0.5:
        rows.append((_words(["Every", rng.choice(["10", "15", "20", "30"]), "minutes"], B), "row"))
    return _panel(rows, body, rng, bg=(250, 200, 20), fg=(10, 10, 10))


def event(rng: random.Random) -> Layout:
    body = rng.choice([50, 60])
    d = rng.randint(1, 28)
    rows = [(_words(rng.choice(EVENTS), B), "title"),
            (_words([rng.choice(["Saturday", "Sunday", "Friday"]), f"{d}", rng.choice(MONTHS)], B), "row")]
    if rng.random() < 0.5:
        extra = rng.choice([["2pm", "-", "4pm"], ["Tickets", "£2"], ["All", "welcome"], ["Raffle", "and", "cakes"]])
        rows.append((_words(extra, B), "row"))
    if rng.random() < 0.5:
        rows.append((_words(rng.choice(NOTICES), B), "row"))
    return _panel([([(w, D if w.isdigit() else c) for w, c in t], k) for t, k in rows], body, rng, bg=(255, 245, 230), fg=(120, 20, 60))


LAYOUTS: dict[str, Callable[[random.Random], Layout]] = {
    "rota": rota, "leaders": leader_board, "signin": signin, "visitor": visitor_badge, "contact": contact,
    "passport": passport, "carpark": carpark, "room": roomsign, "bus": busstop, "event": event,
}
WEIGHTS = {"rota": 3, "leaders": 3, "signin": 2, "visitor": 2, "contact": 2, "passport": 2, "carpark": 2, "room": 3, "bus": 1,
           "event": 2}


def _turn(panel: Panel, degrees: float) -> tuple[Image.Image, list[tuple[str, str, np.ndarray]]]:
    """The panel turned by ``degrees`` on a transparent canvas, and its words' corners turned with it."""
    w, h = panel.img.size
    m = cv2.getRotationMatrix2D((w / 2, h / 2), degrees, 1.0)
    cos, sin = abs(m[0, 0]), abs(m[0, 1])
    nw, nh = int(h * sin + w * cos), int(h * cos + w * sin)
    m[0, 2] += nw / 2 - w / 2
    m[1, 2] += nh / 2 - h / 2
    img = cv2.warpAffine(np.asarray(panel.img), m, (nw, nh), flags=cv2.INTER_CUBIC, borderMode=cv2.BORDER_CONSTANT, borderValue=0)
    words = [(t, c, (np.hstack([q, np.ones((4, 1), np.float32)]) @ m.T).astype(np.float32)) for t, c, q in panel.words]
    return Image.fromarray(img), words


def _draw(kind: str, rng: random.Random, photos: list[Path]) -> tuple[Image.Image, list, float, float]:
    panel, body = LAYOUTS[kind](rng)
    if kind == "carpark":
        img, corners = _turn(panel, rng.choice([-1, 1]) * rng.uniform(10, 25))
        return img, corners, body, rng.uniform(18, 34)
    return panel.img, panel.words, body, rng.uniform(15, 30)


def generate(data: Path, out: Path, images: int = 60, seed: int = 8101, sign_gap: float = 8) -> Path:
    """Write ``images`` photos and ``annotations.json`` under ``out``; returns ``out``."""
    return generate_on_photos(data, out, images, seed, sign_gap, WEIGHTS, _draw, "_rotas",
                              f"Care-home paperwork and room signs (benchmarks/gen_text_rotas.py, seed {seed}) on WIDER FACE "
                              "photos; same format as text_pii; a tuning set (seen).")


def main(argv: list[str] | None = None) -> int:
    return generator_main(__doc__ or "", generate, 60, 8101, argv)


if __name__ == "__main__":
    raise SystemExit(main())
