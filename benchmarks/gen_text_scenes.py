"""Generate an unseen set of real-world care-home layouts on real photos, in the format of ``text_pii``.

``gen_text_pii.py`` draws one small sign at a time (a badge, a door sign, a
card); the text rules were tuned while looking at it and at ``text_pii``. This
generator was written afterwards, from ordinary knowledge of what hangs on the
walls of a UK care home and the street outside, *before* the rules of issue
#21 were changed, and it was run once, on the final code, for the figures in
the README: treat any later run as tuned-on.

Layouts (each a panel of several lines, warped in perspective onto a WIDER FACE
photo away from its faces, softened):

- **menus**: a chalkboard or printed card, a title, three to six dishes (some
  with prices), now and then a "special diets" footer naming residents;
- **activity boards**: a week of activities with days and times, some "with"
  a named entertainer or carer;
- **birthday and celebration banners**: wide, big letters, with or without a
  name ("Happy 90th Birthday Rose!", "HAPPY NEW YEAR");
- **shop fronts**: a fascia whose name is often a common word that is also a
  given name ("Grace's Bakery", "Rose & Crown", "Hope Pharmacy"), a tagline,
  sometimes a window poster ("SALE", "50% OFF");
- **staff noticeboards**: "Meet the Team" with photo cards (a crop of another
  photo standing in for the portrait), a name and a role under each; names
  from many communities, several in no shipped list.

Categories, as in ``text_pii``: ``person_name`` and ``health`` must be hidden;
``benign`` should stay; ``dontcare`` either way: numbers standing alone (hidden
as possible house numbers by design), a shop's phone number, street and house
names, a role title on a person's card, dog names.

    .venv/bin/python benchmarks/gen_text_scenes.py --out /tmp/scenes [--images 60] [--seed 7101]

The photos are research data: write them to a temporary folder, never into the repository.
"""

from __future__ import annotations

import json
import random
import sys
from collections.abc import Callable
from pathlib import Path

import numpy as np
from PIL import Image, ImageDraw, ImageFont

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "benchmarks"))

from gen_text_pii import generator_main, load_backdrop, place, save_photo, write_annotations  # noqa: E402  (the same backdrops, warp, blur and face-free placement)

FONT_DIR = Path("/usr/share/fonts/truetype/dejavu")
BODY_FONTS = ("DejaVuSans.ttf", "DejaVuSerif.ttf", "DejaVuSansCondensed.ttf", "DejaVuSerifCondensed.ttf", "DejaVuSans-Oblique.ttf",
              "DejaVuSerif-Italic.ttf", "DejaVuSansMono.ttf", "default")
TITLE_FONTS = ("DejaVuSans-Bold.ttf", "DejaVuSerif-Bold.ttf", "DejaVuSansCondensed-Bold.ttf", "DejaVuSerifCondensed-BoldItalic.ttf",
               "DejaVuSans-BoldOblique.ttf", "default")

P, B, D, H = "person_name", "benign", "dontcare", "health"

# ----------------------------------------------------------------------------- people (written by hand)

# Given names that are also everyday English words: a person on a badge or banner, a shop on a fascia.
WORD_NAMES = ("Rose", "May", "Grace", "Hope", "Bill", "Joy", "Faith", "Holly", "Ivy", "Daisy", "Ruby", "Pearl", "Hazel",
              "Violet", "Dawn", "Heather", "Olive", "Penny", "Iris", "Amber", "Robin", "Frank", "Jack", "Will", "Sandy")
RESIDENTS = ("Doris", "Betty", "Margaret", "Joan", "Eileen", "Arthur", "Harold", "Ernest", "Stanley", "Dennis", "Albert",
             "Winifred", "Ethel", "Maureen", "Brenda", "Sheila", "Pauline", "Kathleen", "Agnes", "Enid", "Mabel", "Gwyneth",
             "Cyril", "Leonard", "Norah", "Bridget", "Lilian", "Hilda", "Wilfred", "Elsie")
STAFF = ("Abena", "Chidi", "Oluwaseun", "Ngozi", "Kwame", "Adwoa", "Kofi", "Chipo", "Tendai", "Rutendo", "Blessing", "Precious",
         "Maricel", "Jomar", "Rhea", "Arnel", "Anil", "Sunita", "Pooja", "Harpreet", "Gurpreet", "Bilal", "Ayesha", "Zainab",
         "Agnieszka", "Katarzyna", "Tomasz", "Pawel", "Ioana", "Andrei", "Kayleigh", "Chelsea", "Shannon", "Liam", "Connor",
         "Bethany", "Sian", "Gemma", "Leanne", "Nkechi", "Emeka", "Yetunde", "Folasade", "Tinashe", "Farai")
SURNAMES = ("Pemberton", "Whitaker", "Okafor", "Mensah", "Boateng", "Asante", "Nwosu", "Eze", "Adeyemi", "Bello", "Moyo", "Dube",
            "Santos", "Reyes", "Bautista", "Sharma", "Patel", "Kaur", "Gill", "Hussain", "Akhtar", "Nowak", "Kowalczyk",
            "Lewandowska", "Popa", "Ionescu", "Hughes", "Griffiths", "Roberts", "Evans", "Morgan", "Walsh", "Byrne", "Murphy",
            "Fraser", "Campbell", "Hartley", "Greenwood", "Sutcliffe", "Barraclough", "Holroyd", "Oyelowo", "Chikwanha", "Mutasa")
ROLES = ("Home Manager", "Deputy Manager", "Senior Carer", "Care Assistant", "Registered Nurse", "Activities Coordinator", "Chef",
         "Kitchen Assistant", "Housekeeper", "Laundry", "Maintenance", "Administrator", "Wellbeing Lead", "Night Carer",
         "Team Leader", "Hairdresser", "Volunteer", "Clinical Lead", "Receptionist")
TITLES = ("Mrs", "Mr", "Miss", "Ms")

# ----------------------------------------------------------------------------- benign words (written by hand)

MENU_TITLES = ("Today's Menu", "Lunch Menu", "Menu", "Sunday Lunch", "Tea Time", "Dinner Menu", "Today's Specials", "Breakfast")
COURSES = ("Starter", "Main", "Dessert", "Pudding", "Soup")
DISHES = ("Tomato soup", "Leek and potato soup", "Cottage pie", "Fish and chips", "Roast beef", "Yorkshire pudding",
          "Jam sponge and custard", "Rice pudding", "Cheese and biscuits", "Shepherd's pie", "Victoria sponge", "Eton mess",
          "Bakewell tart", "Lancashire hotpot", "Bread and butter pudding", "Chicken curry", "Jollof rice", "Macaroni cheese",
          "Beef stew and dumplings", "Sausage and mash", "Apple crumble", "Scrambled eggs", "Porridge", "Toad in the hole",
          "Fruit salad", "Jacket potato", "Egg sandwiches", "Scones with jam", "Trifle", "Vegetable lasagne", "Steak pie")
DIETS = (("Soft", D), ("Pureed", H), ("Diabetic", H), ("Gluten free", D), ("Thickened fluids", H), ("No nuts", D),
         ("Vegetarian", D), ("Low sugar", D))
ACTIVITY_TITLES = ("This Week's Activities", "Activities", "What's On", "Activity Programme", "Weekly Activities", "Join us")
DAYS = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday", "Mon", "Tue", "Wed", "Thu", "Fri")
TIMES = ("10:30", "2pm", "11am", "14:00", "10am", "3pm", "2.30pm", "11:00", "All day", "Morning", "Afternoon")
ACTIVITIES = ("Chair exercises", "Bingo", "Arts and crafts", "Quiz", "Film afternoon", "Coffee morning", "Gardening club",
              "Baking", "Reminiscence", "Sing-along", "Pet therapy", "Hand massage", "Church service", "Movement to music",
              "Flower arranging", "Pamper session", "Skittles", "Dominoes", "Knit and natter", "Afternoon tea", "Bowls",
              "Word games", "Armchair travel", "Musical memories", "Trip to the seaside", "Cinema club", "Board games")
CELEBRATIONS = ("Happy New Year", "Merry Christmas", "Happy Birthday", "Congratulations", "Summer Fete", "Happy Easter",
                "Many Happy Returns", "Welcome", "Best Wishes", "Thank You", "Happy Halloween", "Party Time",
                "Happy Mother's Day", "Happy Valentine's Day", "Welcome Home", "Garden Party", "Afternoon Tea Party")
SHOP_KINDS = ("Bakery", "Florist", "Pharmacy", "Tea Rooms", "Café", "Hair & Beauty", "Hardware", "Butchers", "Newsagent",
              "Dry Cleaners", "Jewellers", "Greengrocer", "Books", "Nails", "Gift Shop", "Barbers", "Sweet Shop", "Deli")
PLAIN_SHOPS = (("Fish", "&", "Chips"), ("Post", "Office"), ("Launderette",), ("Charity", "Shop"), ("Barbers",),
               ("Corner", "Shop"), ("Pound", "Store"), ("Garden", "Centre"), ("Pet", "Shop"), ("Opticians",), ("Takeaway",),
               ("Rose", "&", "Crown"), ("The", "Red", "Lion"), ("Holly", "Tree", "Café"), ("Daisy", "Chain", "Florist"),
               ("Jade", "Garden"), ("Sunny", "Side", "Café"), ("Golden", "Dragon"), ("Royal", "Oak"))
TAGLINES = ("Fresh bread daily", "Family butchers", "Open 7 days", "Takeaway and delivery", "Keys cut while you wait",
            "Flowers for every occasion", "Quality and value", "Tea coffee and cake", "Walk-ins welcome", "Home made",
            "Free local delivery", "Cards and gifts", "Prescriptions collected", "Eat in or take away")
POSTERS = (("SALE",), ("Everything", "must", "go"), ("Deals",), ("New", "In"), ("Now", "Open"), ("Open",),
           ("Half", "price"), ("Buy", "one", "get", "one", "free"), ("Closing", "Down"), ("Special", "Offers"), ("Big", "Sale"))
BOARD_TITLES = ("Meet the Team", "Our Care Team", "Who's Who", "Staff on Duty Today", "Our Staff", "Your Team Today")
NOTICES = ("Visiting times 10am - 8pm", "Please wash your hands", "Fire assembly point", "Please sign in", "Residents' meeting",
           "Hairdresser every Tuesday", "Feedback welcome", "Please close the door")

# ----------------------------------------------------------------------------- drawing

Word = tuple[str, str, np.ndarray]  # text, category, corners on the panel


def _font(name: str, size: int) -> ImageFont.FreeTypeFont | ImageFont.ImageFont:
    if name == "default":
        return ImageFont.load_default(size=size)
    return ImageFont.truetype(str(FONT_DIR / name), size)


class Panel:
    """An RGBA panel on which lines of (text, category) tokens are drawn; keeps each word's corners."""

    def __init__(self, width: int, height: int, bg: tuple[int, int, int], border: tuple[int, int, int] | None = None) -> None:
        self.img = Image.new("RGBA", (width, height), (*bg, 255))
        self.draw = ImageDraw.Draw(self.img)
        self.words: list[Word] = []
        if border is not None:
            self.draw.rectangle([5, 5, width - 6, height - 6], outline=(*border, 255), width=6)

    def line(self, tokens: list[tuple[str, str]], font: ImageFont.FreeTypeFont | ImageFont.ImageFont, x: float, y: float,
             fill: tuple[int, int, int], align: str = "left", width: float = 0.0, spacing: float = 1.0) -> float:
        """Draw ``tokens`` on one line starting at ``x`` (or centred/right in ``width``); returns the line's height."""
        space = self.draw.textlength(" ", font=font) * spacing
        total = sum(self.draw.textlength(t, font=font) for t, _ in tokens) + space * (len(tokens) - 1)
        if align == "centre":
            x += (width - total) / 2
        elif align == "right":
            x += width - total
        top = bottom = y
        for text, cat in tokens:
            x0, y0, x1, y1 = self.draw.textbbox((x, y), text, font=font, anchor="la")
            self.draw.text((x, y), text, font=font, fill=(*fill, 255), anchor="la")
            self.words.append((text, cat, np.array([[x0 - 3, y0 - 3], [x1 + 3, y0 - 3], [x1 + 3, y1 + 3], [x0 - 3, y1 + 3]], np.float32)))
            top, bottom = min(top, y0), max(bottom, y1)
            x += self.draw.textlength(text, font=font) + space
        return float(font.getbbox("Hg")[3] - font.getbbox("Hg")[1])

    @staticmethod
    def width_of(tokens: list[tuple[str, str]], font: ImageFont.FreeTypeFont | ImageFont.ImageFont) -> float:
        probe = ImageDraw.Draw(Image.new("RGB", (4, 4)))
        return sum(probe.textlength(t, font=font) for t, _ in tokens) + probe.textlength(" ", font=font) * (len(tokens) - 1)


def _split(text: str, cat: str) -> list[tuple[str, str]]:
    return [(w, cat) for w in text.split()]


def _person(rng: random.Random, pool: tuple[str, ...], surname: float = 0.6) -> list[tuple[str, str]]:
    given = rng.choice(WORD_NAMES) if rng.random() < 0.3 else rng.choice(pool)
    out = [(given, P)]
    if rng.random() < surname:
        s = rng.choice(SURNAMES)
        out.append((s if rng.random() < 0.85 else s[0] + ".", P))
    return out


def _numbered(text: str) -> str:
    """Words with a digit are dontcare (a number alone is hidden as a possible house number by design)."""
    return D if any(c.isdigit() for c in text) else B


# ----------------------------------------------------------------------------- layouts

Layout = tuple[Panel, float]  # the panel and its body text height in panel pixels


def menu(rng: random.Random, photos: list[Path]) -> Layout:
    body = rng.choice([46, 52, 60])
    title_f, body_f = _font(rng.choice(TITLE_FONTS), int(body * 1.6)), _font(rng.choice(BODY_FONTS), body)
    chalk = rng.random() < 0.5
    bg, fg, accent = (((28, 40, 34), (240, 240, 230), (250, 220, 120)) if chalk else
                      ((252, 250, 242), (40, 40, 40), (150, 30, 30)))
    rows: list[tuple[list[tuple[str, str]], str]] = [(_split(rng.choice(MENU_TITLES), B), "title")]
    priced = rng.random() < 0.5
    for course in rng.sample(COURSES, k=rng.randint(0, 2)):
        rows.append(([(course, B)], "head"))
        for dish in rng.sample(DISHES, k=rng.randint(1, 2)):
            rows.append((_split(dish, B) + ([(f"£{rng.randint(2, 12)}.{rng.choice(['00', '50', '95'])}", B)] if priced else []), "item"))
    while len(rows) < 4:
        rows.append((_split(rng.choice(DISHES), B), "item"))
    if rng.random() < 0.35:
        rows.append(([("Special", B), ("diets", B)], "head"))
        for _ in range(rng.randint(1, 2)):
            who = ([(rng.choice(TITLES), D), (rng.choice(SURNAMES), P)] if rng.random() < 0.5
                   else [("Room", D), (str(rng.randint(1, 40)), D)] if rng.random() < 0.3 else _person(rng, RESIDENTS, 0.8))
            diet, cat = rng.choice(DIETS)
            rows.append((who + [(w, cat) for w in diet.split()], "item"))
    fonts = {"title": title_f, "head": _font(rng.choice(TITLE_FONTS), int(body * 1.1)), "item": body_f}
    width = int(max(Panel.width_of(t, fonts[k]) for t, k in rows) + body * 2)
    height = int(sum(body * (2.1 if k == "title" else 1.5) for _, k in rows) + body * 1.5)
    panel = Panel(width, height, bg, border=accent if rng.random() < 0.5 else None)
    y = body * 0.8
    for tokens, kind in rows:
        align = "centre" if kind == "title" or rng.random() < 0.3 else "left"
        panel.line(tokens, fonts[kind], body, y, accent if kind != "item" else fg, align, width - 2 * body)
        y += body * (2.1 if kind == "title" else 1.5)
    return panel, body


def activities(rng: random.Random, photos: list[Path]) -> Layout:
    body = rng.choice([44, 50, 58])
    title_f, body_f = _font(rng.choice(TITLE_FONTS), int(body * 1.5)), _font(rng.choice(BODY_FONTS), body)
    bg, fg = rng.choice([((255, 255, 255), (20, 50, 120)), ((250, 240, 200), (60, 30, 10)), ((215, 235, 215), (20, 60, 20)),
                         ((240, 240, 250), (70, 20, 90))])
    days = DAYS[:7] if rng.random() < 0.6 else DAYS[7:]
    start = rng.randint(0, len(days) - 1)
    rows = []
    for i in range(rng.randint(3, 6)):
        day = days[(start + i) % len(days)]
        act = _split(rng.choice(ACTIVITIES), B)
        if rng.random() < 0.3:
            act += [("with", B)] + _person(rng, STAFF + RESIDENTS, 0.2)
        time_ = rng.choice(TIMES)
        rows.append(([(day, B)], _split(time_, B if ":" in time_ or "m" in time_ else _numbered(time_)), act))
    col = [max(Panel.width_of(r[k], body_f) for r in rows) + body for k in range(2)]
    width = int(col[0] + col[1] + max(Panel.width_of(r[2], body_f) for r in rows) + body * 2)
    title = _split(rng.choice(ACTIVITY_TITLES), B)
    width = max(width, int(Panel.width_of(title, title_f) + body * 2))
    height = int(body * 2.6 + len(rows) * body * 1.55 + body)
    panel = Panel(width, height, bg, border=fg if rng.random() < 0.6 else None)
    panel.line(title, title_f, body, body * 0.6, fg, "centre", width - 2 * body)
    y = body * 2.8
    for day, time_, act in rows:
        panel.line(day, body_f, body, y, fg)
        panel.line(time_, body_f, body + col[0], y, fg)
        panel.line(act, body_f, body + col[0] + col[1], y, fg)
        y += body * 1.55
    return panel, body


def banner(rng: random.Random, photos: list[Path]) -> Layout:
    body = rng.choice([70, 84, 96])
    f = _font(rng.choice(TITLE_FONTS), body)
    bg, fg = rng.choice([((250, 220, 230), (160, 20, 70)), ((40, 60, 160), (255, 230, 80)), ((255, 250, 200), (200, 60, 20)),
                         ((20, 20, 20), (240, 200, 60)), ((230, 245, 255), (20, 90, 170))])
    lines: list[list[tuple[str, str]]]
    r = rng.random()
    if r < 0.45:
        head = [("Happy", B)] + ([(rng.choice(["80th", "85th", "90th", "95th", "100th", "101st"]), D)] if rng.random() < 0.6 else [])
        head += [("Birthday", B)]
        who = ([(rng.choice(["Nan", "Grandma", "Grandad", "Auntie"]), D)] if rng.random() < 0.2 else []) + _person(rng, RESIDENTS, 0.15)
        if rng.random() < 0.3:
            who[-1] = (who[-1][0] + "!", who[-1][1])
        lines = [head + who] if rng.random() < 0.4 else [head, who]
    elif r < 0.6:
        phrase = rng.choice(["Happy Retirement", "Welcome", "Get Well Soon", "Congratulations", "Welcome to your new home"])
        lines = [_split(phrase, B), _person(rng, STAFF + RESIDENTS, 0.3)]
    else:
        text = rng.choice(CELEBRATIONS)
        text = text.upper() if rng.random() < 0.4 else text
        lines = [_split(text, B)]
        if rng.random() < 0.3:
            lines.append(_split(rng.choice(["from all of us", "Everyone welcome", "Love from all the staff", "Refreshments served"]), B))
    width = int(max(Panel.width_of(ln, f) for ln in lines) + body * 2)
    height = int(len(lines) * body * 1.45 + body * 0.8)
    panel = Panel(width, height, bg)
    for i, ln in enumerate(lines):
        panel.line(ln, f, body, body * 0.4 + i * body * 1.45, fg, "centre", width - 2 * body)
    return panel, body


def shopfront(rng: random.Random, photos: list[Path]) -> Layout:
    body = rng.choice([80, 96, 110])
    f = _font(rng.choice(TITLE_FONTS), body)
    small = _font(rng.choice(BODY_FONTS), int(body * 0.42))
    bg, fg = rng.choice([((20, 50, 40), (235, 215, 150)), ((120, 20, 30), (255, 255, 255)), ((15, 30, 70), (250, 250, 250)),
                         ((245, 245, 240), (30, 30, 30)), ((60, 60, 60), (255, 210, 0))])
    r = rng.random()
    if r < 0.45:
        given = rng.choice(WORD_NAMES)
        name = [(given + "'s", B)] if rng.random() < 0.5 else [(given, B)]
        name += _split(rng.choice(SHOP_KINDS), B)
    elif r < 0.6:
        name = [(rng.choice(SURNAMES) + "'s", B)] + _split(rng.choice(SHOP_KINDS), B)
    else:
        name = [(w, B) for w in rng.choice(PLAIN_SHOPS)]
    if rng.random() < 0.3:
        name = [(t.upper(), c) for t, c in name]
    lines = [name]
    if rng.random() < 0.6:
        lines.append(_split(rng.choice(TAGLINES), B))
    if rng.random() < 0.3:
        year = str(rng.randint(1920, 2015))
        lines.append([("Est.", B), (year, D)])
    if rng.random() < 0.35:
        lines.append([("Tel", D), (f"01632 {rng.randint(960000, 960999)}", D)])
    fonts = [f] + [small] * (len(lines) - 1)
    width = int(max(Panel.width_of(ln, ft) for ln, ft in zip(lines, fonts, strict=True)) + body * 1.5)
    height = int(body * 1.5 + (len(lines) - 1) * body * 0.65 + body * 0.3)
    panel = Panel(width, height, bg, border=fg if rng.random() < 0.4 else None)
    panel.line(lines[0], f, body * 0.75, body * 0.25, fg, "centre", width - body * 1.5)
    y = body * 1.45
    for ln in lines[1:]:
        panel.line(ln, small, body * 0.75, y, fg, "centre", width - body * 1.5)
        y += body * 0.65
    return panel, body * 0.6  # sized on the photo by a line between the name and the tagline


def poster(rng: random.Random, photos: list[Path]) -> Layout:
    body = rng.choice([70, 90])
    f = _font(rng.choice(TITLE_FONTS), body)
    small = _font(rng.choice(TITLE_FONTS), int(body * 0.6))
    bg, fg = rng.choice([((230, 20, 30), (255, 255, 255)), ((255, 230, 0), (20, 20, 20)), ((255, 255, 255), (220, 0, 0))])
    lines = [[(w, B) for w in rng.choice(POSTERS)]]
    if rng.random() < 0.5:
        lines.append([(rng.choice(["50%", "30%", "70%", "20%"]), B), ("OFF", B)] if rng.random() < 0.6
                     else _split(rng.choice(["Today only", "Ends Sunday", "Selected lines", "In store now"]), B))
    fonts = [f] + [small] * (len(lines) - 1)
    width = int(max(Panel.width_of(ln, ft) for ln, ft in zip(lines, fonts, strict=True)) + body)
    height = int(body * 1.4 + (len(lines) - 1) * body * 0.9)
    panel = Panel(width, height, bg)
    y = body * 0.2
    for ln, ft in zip(lines, fonts, strict=True):
        panel.line(ln, ft, body * 0.5, y, fg, "centre", width - body)
        y += body * 1.2 if ft is f else body * 0.9
    return panel, body * 0.6


def staffboard(rng: random.Random, photos: list[Path]) -> Layout:
    body = rng.choice([40, 46, 52])
    name_f, role_f = _font(rng.choice(TITLE_FONTS), body), _font(rng.choice(BODY_FONTS), int(body * 0.8))
    title_f = _font(rng.choice(TITLE_FONTS), int(body * 1.6))
    board, card_bg, ink = rng.choice([((170, 120, 80), (255, 255, 255), (30, 30, 30)), ((40, 70, 140), (250, 250, 240), (20, 40, 90)),
                                      ((90, 140, 90), (255, 252, 235), (40, 40, 40))])
    people = []
    for _ in range(rng.randint(2, 6)):
        who = _person(rng, STAFF if rng.random() < 0.7 else RESIDENTS, 0.5)
        if rng.random() < 0.25:
            who = [(t.upper(), c) for t, c in who]
        people.append((who, _split(rng.choice(ROLES), D)))
    cols = min(len(people), rng.choice([2, 3]))
    card_w = int(max(max(Panel.width_of(n, name_f), Panel.width_of(r, role_f)) for n, r in people) + body)
    photo_h = int(card_w * 0.8)
    card_h = photo_h + int(body * 3.2)
    rows = (len(people) + cols - 1) // cols
    gap = body
    title = _split(rng.choice(BOARD_TITLES), B)
    width = max(cols * card_w + (cols + 1) * gap, int(Panel.width_of(title, title_f) + 2 * gap))
    footer = rng.random() < 0.4
    height = int(body * 2.6 + rows * (card_h + gap) + gap + (body * 1.6 if footer else 0))
    panel = Panel(width, height, board)
    panel.line(title, title_f, gap, body * 0.5, (255, 255, 255) if board[0] < 150 else ink, "centre", width - 2 * gap)
    for i, (who, role) in enumerate(people):
        cx = gap + (i % cols) * (card_w + gap)
        cy = int(body * 2.6 + (i // cols) * (card_h + gap))
        panel.draw.rectangle([cx, cy, cx + card_w, cy + card_h], fill=(*card_bg, 255))
        with Image.open(rng.choice(photos)) as im:
            src = im.convert("RGB")
            s = min(src.size)
            x0, y0 = rng.randint(0, src.size[0] - s), rng.randint(0, src.size[1] - s)
            portrait = src.crop((x0, y0, x0 + s, y0 + s)).resize((card_w - body // 2, photo_h - body // 4))
        panel.img.paste(portrait, (cx + body // 4, cy + body // 4))
        panel.line(who, name_f, cx + body // 4, cy + photo_h + body * 0.35, ink, "centre", card_w - body // 2)
        panel.line(role, role_f, cx + body // 4, cy + photo_h + body * 1.75, ink, "centre", card_w - body // 2)
    if footer:
        label = rng.choice([["Manager:"], ["Nurse", "in", "charge", "today:"], ["Duty", "manager:"], ["Dignity", "champion:"]])
        tokens = [(w, B) for w in label] + _person(rng, STAFF, 0.5)
        panel.line(tokens, name_f, gap, height - body * 1.5, (255, 255, 255) if board[0] < 150 else ink)
    return panel, body


def notices(rng: random.Random, photos: list[Path]) -> Layout:
    body = rng.choice([42, 50])
    f = _font(rng.choice(BODY_FONTS), body)
    lines = [_split(n, B) for n in rng.sample(NOTICES, k=rng.randint(1, 3))]
    lines = [[(t, _numbered(t) if c == B else c) for t, c in ln] for ln in lines]
    width = int(max(Panel.width_of(ln, f) for ln in lines) + body * 2)
    height = int(len(lines) * body * 1.6 + body)
    panel = Panel(width, height, (255, 255, 255), border=(30, 100, 60))
    for i, ln in enumerate(lines):
        panel.line(ln, f, body, body * 0.6 + i * body * 1.6, (30, 30, 30))
    return panel, body


LAYOUTS: dict[str, Callable[[random.Random, list[Path]], Layout]] = {
    "menu": menu, "activities": activities, "banner": banner, "shopfront": shopfront, "poster": poster,
    "staffboard": staffboard, "notices": notices,
}
WEIGHTS = {"menu": 3, "activities": 3, "banner": 3, "shopfront": 3, "poster": 1, "staffboard": 3, "notices": 1}


#: Draws one panel of a kind: (picture, its words' corners, body text height in the panel, body text height wanted on the photo).
Draw = Callable[[str, random.Random, list[Path]], tuple[Image.Image, list, float, float]]


def generate_on_photos(data: Path, out: Path, images: int, seed: int, sign_gap: float, weights: dict[str, int], draw: Draw,
                       suffix: str, description: str) -> Path:
    """Two or three panels of the kinds in ``weights`` (drawn by ``draw``) on each of ``images`` WIDER FACE photos, away
    from the faces; the photos and ``annotations.json`` under ``out``, as ``text_pii``; returns ``out``."""
    rng = random.Random(seed)
    wider = data / "faces_boxes" / "wider_val_416"
    meta = json.loads((wider / "annotations.json").read_text(encoding="utf-8"))["images"]
    rng.shuffle(meta)
    photos = [wider / m["file"] for m in meta]
    (out / "images").mkdir(parents=True, exist_ok=True)
    kinds, chances = list(weights), list(weights.values())
    entries: list[dict] = []
    for m in meta:
        if len(entries) >= images:
            break
        canvas, faces_xywh, faces = load_backdrop(wider, m)
        W = canvas.shape[1]
        taken: list[list[float]] = []
        words: list[dict] = []
        for kind in rng.choices(kinds, chances, k=rng.randint(2, 3)):
            img, corners, body, target = draw(kind, rng, photos)
            width_px = min(img.size[0] * target / body, W * 0.85)
            placed = place(img, corners, canvas, taken, faces, width_px, rng, sign_gap)
            if placed is None:
                continue
            for wd in placed:
                wd["sign"] = kind
            words.extend(placed)
        if not words:
            continue
        save_photo(out, Path(m["file"]).stem + suffix, canvas, faces_xywh, words, entries)
    return write_annotations(out, description, entries)


def _draw(kind: str, rng: random.Random, photos: list[Path]) -> tuple[Image.Image, list, float, float]:
    panel, body = LAYOUTS[kind](rng, photos)
    return panel.img, panel.words, body, rng.uniform(15, 30)  # body text 15-30 px high on the photo


def generate(data: Path, out: Path, images: int = 60, seed: int = 7101, sign_gap: float = 8) -> Path:
    """Write ``images`` photos and ``annotations.json`` under ``out``; returns ``out``."""
    return generate_on_photos(data, out, images, seed, sign_gap, WEIGHTS, _draw, "_scenes",
                              f"Unseen generated care-home layouts (benchmarks/gen_text_scenes.py, seed {seed}) on WIDER FACE "
                              "photos; same format as text_pii.")


def main(argv: list[str] | None = None) -> int:
    return generator_main(__doc__ or "", generate, 60, 7101, argv)


if __name__ == "__main__":
    raise SystemExit(main())
