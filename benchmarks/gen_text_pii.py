"""Generate a held-out set of care-home signs on real photos, in the format of ``text_pii``.

The sensitive-text rules were tuned while looking at every photo of
``../shared/evaldata/text_pii``; this generator makes *new* photos for an
honest figure. It was written from the issue's description and ordinary
knowledge of UK care homes, not from the classifier's rules or term lists:
the names (British given names and surnames), medications and conditions
below are written by hand here and are not the lists the package ships.

Each photo is a WIDER FACE validation photo from ``faces_boxes/wider_val_416``
scaled back to its original size, with 3-5 signs rendered in DejaVu fonts
(several weights and sizes), warped in perspective, softened and composited
away from the annotated faces: name badges, door signs, birthday banners,
care whiteboards, contact noticeboards (phones in UK and international
formats, emails, personal web addresses), ID cards (NHS numbers with valid
check digits, NI numbers, record numbers, dates of birth), UK number plates
(current, prefix, suffix, dateless) and benign signs (menus, timetables,
shop words, prices, days) that should stay visible.

Ground truth is written as ``annotations.json`` exactly as ``text_pii`` has it:
per image ``file``, ``faces_xywh`` and ``words`` (``text``, ``category``,
``quad``, ``sign``). Personal web addresses are labelled ``email`` (contact
details) with ``sign`` = ``web``. The photos are research data: write them to
a temporary folder, never into the repository.

    .venv/bin/python benchmarks/gen_text_pii.py --out /tmp/heldout [--images 48] [--seed 2026]
"""

from __future__ import annotations

import argparse
import json
import random
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import cv2
import numpy as np
from PIL import Image, ImageDraw, ImageFont

ROOT = Path(__file__).resolve().parent.parent
FONT_DIR = Path("/usr/share/fonts/truetype/dejavu")
FONTS = (
    "DejaVuSans.ttf",
    "DejaVuSans-Bold.ttf",
    "DejaVuSansCondensed.ttf",
    "DejaVuSansCondensed-Bold.ttf",
    "DejaVuSerif.ttf",
    "DejaVuSerif-Bold.ttf",
    "DejaVuSans-Oblique.ttf",
    "DejaVuSansMono.ttf",
)
PLATE_FONTS = ("DejaVuSans-Bold.ttf", "DejaVuSansCondensed-Bold.ttf", "DejaVuSansMono-Bold.ttf")

# Written by hand: common British given names (several Welsh, Irish, Scottish, South Asian, West African)
GIVEN = (
    "Siobhan", "Niamh", "Gareth", "Rhys", "Ffion", "Priya", "Oluwaseun", "Eileen", "Dilys", "Gwen",
    "Aled", "Cerys", "Bronwen", "Iwan", "Seren", "Aoife", "Ciaran", "Declan", "Roisin", "Eamon",
    "Fergus", "Morag", "Hamish", "Isla", "Callum", "Kirsty", "Alasdair", "Ailsa", "Rajesh", "Anjali",
    "Harpreet", "Sunita", "Imran", "Nadia", "Tariq", "Chidi", "Adaeze", "Kwame", "Abena", "Tunde",
    "Winifred", "Mavis", "Doreen", "Ethel", "Gladys", "Cyril", "Reginald", "Norman", "Wilfred", "Bernard",
    "Lottie", "Poppy", "Freya", "Alfie", "Archie", "Ollie", "Harriet", "Imogen", "Rosalind", "Tobias",
    "Jolene", "Bethan", "Lowri", "Dafydd", "Gethin", "Teleri", "Mairead", "Padraig", "Grainne", "Shona",
)
SURNAMES = (
    "Hargreaves", "Featherstone", "Okonkwo", "Nowak", "Llewellyn", "Pritchard", "Bevan", "Vaughan",
    "Thwaite", "Ackroyd", "Heseltine", "Ramsbottom", "Entwistle", "Sowerby", "Crabtree", "Postlethwaite",
    "MacLeod", "Urquhart", "Farquhar", "Buchanan", "McAllister", "Gallagher", "Doherty", "Quinlan",
    "Brennan", "Nolan", "Patel", "Chaudhry", "Bhattacharya", "Sandhu", "Rahman", "Begum", "Adeyemi",
    "Oyelaran", "Mensah", "Asante", "Kowalski", "Wisniewska", "Zielinski", "Popescu", "Goldsmith",
    "Whitlock", "Pennington", "Tattersall", "Greenhalgh", "Cartwright", "Blenkinsop", "Winterbottom",
    "Ashworth", "Fairclough", "Trelawney", "Penhaligon", "Trevithick", "Ogunleye", "Eze", "Kaur",
)
# Written by hand: medicines commonly prescribed in UK care homes, conditions, care words
MEDICINES = (
    "Donepezil", "Memantine", "Rivastigmine", "Metformin", "Gliclazide", "Amlodipine", "Ramipril",
    "Bisoprolol", "Atorvastatin", "Simvastatin", "Warfarin", "Apixaban", "Levothyroxine", "Omeprazole",
    "Lansoprazole", "Furosemide", "Paracetamol", "Co-codamol", "Morphine", "Oxycodone", "Sertraline",
    "Citalopram", "Mirtazapine", "Quetiapine", "Risperidone", "Levodopa", "Co-careldopa", "Salbutamol",
    "Prednisolone", "Alendronate", "Adcal-D3", "Lactulose", "Senna", "Clopidogrel", "Tamsulosin",
)
CONDITIONS = (
    ("Vascular", "dementia"), ("Alzheimer's",), ("Parkinson's",), ("Type", "2", "diabetes"), ("COPD",),
    ("Heart", "failure"), ("Stroke",), ("Osteoporosis",), ("Epilepsy",), ("Schizophrenia",),
    ("Depression",), ("Hypertension",), ("Atrial", "fibrillation"), ("Kidney", "disease"), ("MRSA",),
    ("Pressure", "sore"), ("Incontinence",), ("Cancer",),
)
# which of a condition's words are themselves health words (the rest are dontcare)
CONDITION_WORDS = {"dementia", "alzheimer's", "parkinson's", "diabetes", "copd", "failure", "stroke", "osteoporosis",
                   "epilepsy", "schizophrenia", "depression", "hypertension", "fibrillation", "disease", "mrsa",
                   "sore", "incontinence", "cancer"}
CARE_WORDS = ("Insulin", "Catheter", "Palliative", "PEG", "Stoma", "Oxygen", "Hoist", "DNACPR", "End-of-life",
              "Thickened", "Dialysis", "Nebuliser")
ROLES = ("Carer", "Senior Carer", "Nurse", "Volunteer", "Team Leader", "Activities", "Manager", "Chef", "Housekeeper")

BENIGN_SIGNS = (
    (("Welcome",), ("Visitors", "please", "sign", "in")),
    (("Garden",), ("Open", "9am", "-", "5pm")),
    (("Menu",), ("Soup", "of", "the", "day"), ("Roast", "chicken", "£7.50"), ("Apple", "crumble", "£3.20")),
    (("Activities",), ("Monday", "Bingo", "10:30"), ("Tuesday", "Quiz", "2pm"), ("Friday", "Music")),
    (("This", "week"), ("Wednesday", "Baking"), ("Thursday", "Film", "club"), ("Sunday", "Church")),
    (("Tea", "Room"), ("Scones", "£2.50"), ("Coffee", "£1.80"), ("Cake", "£2.00")),
    (("Bakery",), ("Fresh", "bread", "daily")),
    (("Reception",), ("Please", "ring", "the", "bell")),
    (("Lounge",),),
    (("Dining", "Room"),),
    (("SALE",), ("Everything", "half", "price")),
    (("Library",), ("Quiet", "please")),
    (("Hairdresser",), ("Saturday", "mornings")),
    (("Exit",),),
    (("Lunch", "12:30"), ("Supper", "5:30")),
    (("Flowers",), ("Tulips", "£4.99"), ("Roses", "£6.50")),
)
MONTHS = ("January", "February", "March", "April", "May", "June", "July", "August", "September", "October",
          "November", "December")
MONTHS3 = tuple(m[:3] for m in MONTHS)

Token = tuple[str, str]  # (text, category)
Line = list[Token]


@dataclass
class Sign:
    kind: str
    lines: list[Line]
    plate: bool = False


# ----------------------------------------------------------------------------- content


def name(rng: random.Random) -> tuple[str, str]:
    return rng.choice(GIVEN), rng.choice(SURNAMES)


def nhs_number(rng: random.Random) -> str:
    """Ten digits with a valid modulus-11 check digit."""
    while True:
        digits = [rng.randint(0, 9) for _ in range(9)]
        if digits[0] == 0:
            continue
        check = 11 - sum(d * (10 - i) for i, d in enumerate(digits)) % 11
        if check == 11:
            check = 0
        if check == 10:
            continue
        return "".join(map(str, digits)) + str(check)


def ni_number(rng: random.Random) -> list[str]:
    first = rng.choice("ABCEGHJKLMNOPRSTWXYZ")
    second = rng.choice("ABCEGHJKLMNPRSTWXYZ")
    while first + second in ("BG", "GB", "NK", "KN", "TN", "NT", "ZZ"):
        second = rng.choice("ABCEGHJKLMNPRSTWXYZ")
    pairs = [f"{rng.randint(0, 99):02d}" for _ in range(3)]
    suffix = rng.choice("ABCD")
    if rng.random() < 0.5:
        return [first + second, *pairs, suffix]
    return [first + second + "".join(pairs) + suffix]


def phone(rng: random.Random) -> tuple[str, list[str]]:
    """(label, words) in a UK or international format; numbers from Ofcom's drama ranges where UK."""
    n3, n4 = f"{rng.randint(0, 999):03d}", f"{rng.randint(0, 9999):04d}"
    forms = [
        ("Tel:", ["01632", "960" + n3[:1] + "", n3[1:] + n4[:2]]),
        ("Tel:", ["(01632)", "960" + n4[:3]]),
        ("Tel", ["020", "7946", "0" + n3]),
        ("Phone:", ["(020)", "7946-0" + n3]),
        ("Mob:", ["07700", "900", n3]),
        ("Mobile", ["07700-900-" + n3]),
        ("Call", ["0113", "496", "0" + n3]),
        ("Tel:", ["0161-496-0" + n3]),
        ("Tel:", ["+44", "7700", "900" + n3]),
        ("Tel:", ["+44", "(0)20", "7946", "0" + n3]),
        ("Ring", ["+353", "87", n3, n4]),
        ("Tel:", ["+33", "1", n4[:2], n4[2:], n3[:2], n3[1:]]),
        ("Tel:", ["+1", "(212)", "555-01" + n3[:2]]),
        ("Call:", ["+91", "98" + n3 + n4[:1], n4[1:] + n3[:2]]),
        ("", ["07700900" + n3]),
    ]
    return rng.choice(forms)


def email(rng: random.Random, given: str, surname: str) -> str:
    user = rng.choice([f"{given}.{surname}", f"{given[0]}{surname}", f"{given}{rng.randint(1, 99)}", f"{surname}.{given[0]}"])
    domain = rng.choice(["gmail.com", "hotmail.co.uk", "btinternet.com", "yahoo.co.uk", "outlook.com", "nhs.net", "sky.com"])
    return f"{user}@{domain}".lower().replace("'", "")


def web(rng: random.Random, given: str, surname: str) -> str:
    return rng.choice([f"www.{given}{surname}.co.uk", f"{given}-{surname}.me.uk", f"www.{surname}family.com",
                       f"{given}{surname}.wordpress.com", f"facebook.com/{given}.{surname}"]).lower()


def date_of_birth(rng: random.Random) -> list[str]:
    y, m, d = rng.randint(1925, 1960), rng.randint(1, 12), rng.randint(1, 28)
    return rng.choice([
        [f"{d:02d}/{m:02d}/{y}"], [f"{d}/{m}/{y}"], [f"{d:02d}.{m:02d}.{y}"], [f"{d:02d}-{m:02d}-{y}"],
        [str(d), MONTHS[m - 1], str(y)], [f"{d}", MONTHS3[m - 1], str(y)], [f"{y}-{m:02d}-{d:02d}"],
    ])


def plate_text(rng: random.Random) -> list[str]:
    letters = "ABCDEFGHJKLMNOPRSTUVWXY"  # no I, Q, Z in most positions
    L = lambda k: "".join(rng.choice(letters) for _ in range(k))  # noqa: E731
    kind = rng.choice(["current", "current", "prefix", "suffix", "dateless"])
    if kind == "current":
        age = rng.choice([f"{y:02d}" for y in range(2, 26)] + [f"{y}" for y in range(51, 75)])
        return [L(2) + age, L(3)]
    if kind == "prefix":
        return [rng.choice("ABCDEFGHJKLMNPRSTVWXY") + str(rng.randint(1, 999)), L(3)]
    if kind == "suffix":
        return [L(3), str(rng.randint(1, 999)) + rng.choice("ABCDEFGHJKLMNPRSTVWXY")]
    return rng.choice([[L(3), str(rng.randint(1, 999))], [str(rng.randint(1, 9999)), L(2)]])


def make_sign(kind: str, rng: random.Random) -> Sign:
    g, s = name(rng)
    P, D, H = "person_name", "dontcare", "health"
    if kind == "badge":
        lines: list[Line] = []
        if rng.random() < 0.3:
            lines.append([("Hello", D), ("my", D), ("name", D), ("is", D)])
        lines.append([(g, P)] + ([(s, P)] if rng.random() < 0.7 else []))
        lines.append([(w, D) for w in rng.choice(ROLES).split()])
        return Sign(kind, lines)
    if kind == "door":
        room = str(rng.randint(1, 48))
        title = rng.choice(["", "", "Mr", "Mrs", "Miss", "Ms", "Dr"])
        person: Line = ([(title, D)] if title else []) + [(g, P), (s, P)]
        if rng.random() < 0.5:
            return Sign(kind, [[("Room", D), (room, D), ("–", D)] + person])
        return Sign(kind, [[("Room", D), (room, D)], person])
    if kind == "birthday":
        age = rng.choice(["80th", "85th", "90th", "95th", "100th", ""])
        head: Line = [("Happy", D)] + ([(age, D)] if age else []) + [("Birthday", D)]
        if rng.random() < 0.5:
            return Sign(kind, [head, [(g + rng.choice(["!", "", ""]), P)]])
        return Sign(kind, [head + [(g, P)], [("love", D), ("from", D), ("all", D), ("of", D), ("us", D)]])
    if kind == "board":
        lines = [[("Care", D), ("plan", D)] if rng.random() < 0.5 else [("Today", D)]]
        lines.append([("Name:", D), (g, P), (s, P)] if rng.random() < 0.6 else [(g, P), (s, P)])
        for _ in range(rng.randint(2, 3)):
            r = rng.random()
            if r < 0.5:
                lines.append([(rng.choice(MEDICINES), H), (f"{rng.choice([2.5, 5, 10, 20, 40, 100, 500])}mg".replace(".0", ""), D),
                              (rng.choice(["8am", "08:00", "bd", "nocte", "daily", "12:00"]), D)])
            elif r < 0.8:
                cond = rng.choice(CONDITIONS)
                lines.append([("Diagnosis:", D)] * (rng.random() < 0.5)
                             + [(w, H if w.lower() in CONDITION_WORDS else D) for w in cond])
            else:
                care = rng.choice(CARE_WORDS)
                lines.append([(care, H), (rng.choice(["check", "care", "due", "4pm", "team"]), D)])
        return Sign(kind, lines)
    if kind == "contact":
        label, words = phone(rng)
        lines = [[(rng.choice(["Key", "Contact:", "Family", "Next", "Manager"]), D)] + [(g, P), (s, P)]]
        lines.append(([(label, D)] if label else []) + [(w, "phone") for w in words])
        if rng.random() < 0.6:
            lines.append([(email(rng, g, s), "email")])
        return Sign(kind, lines)
    if kind == "web":
        return Sign(kind, [[(g, P), (s, P)], [("Blog:", D) if rng.random() < 0.5 else ("Visit", D), (web(rng, g, s), "email")]])
    if kind == "idcard":
        lines = [[("Name:", D), (g, P), (s, P)]]
        extras = rng.sample(["nhs", "ni", "record", "dob"], k=rng.randint(2, 3))
        for e in extras:
            if e == "nhs":
                num = nhs_number(rng)
                form = rng.choice([[num[:3], num[3:6], num[6:]], [num], [f"{num[:3]}-{num[3:6]}-{num[6:]}"]])
                lines.append([("NHS", D), ("No:", D)] + [(w, "id_number") for w in form])
            elif e == "ni":
                lines.append([("NI", D), ("No:", D)] + [(w, "id_number") for w in ni_number(rng)])
            elif e == "record":
                rec = rng.choice([f"{rng.randint(10**7, 10**8 - 1)}", f"RX{rng.randint(10**6, 10**7 - 1)}",
                                  f"M{rng.randint(10**5, 10**6 - 1)}"])
                lines.append([(rng.choice(["Hospital", "Record", "Patient", "MRN"]), D), ("No:", D), (rec, "id_number")])
            else:
                lines.append([(rng.choice(["DOB:", "D.O.B.", "Born", "Date of birth:"]), D)]
                             + [(w, "date_of_birth") for w in date_of_birth(rng)])
        return Sign(kind, lines)
    if kind == "plate":
        return Sign(kind, [[(w, "plate") for w in plate_text(rng)]], plate=True)
    if kind == "benign":
        return Sign(kind, [[(w, "benign") for w in ln] for ln in rng.choice(BENIGN_SIGNS)])
    raise ValueError(kind)


# ----------------------------------------------------------------------------- rendering


def render(sign: Sign, rng: random.Random) -> tuple[Image.Image, list[tuple[str, str, np.ndarray]], float]:
    """The sign as an RGBA image (drawn large, for crisp warping), each word's corners on it, its line height."""
    if sign.plate:
        bg, fg = rng.choice([((250, 210, 20), (10, 10, 10)), ((245, 245, 240), (10, 10, 10))])
        font = ImageFont.truetype(str(FONT_DIR / rng.choice(PLATE_FONTS)), 110)
    else:
        bg, fg = rng.choice([
            ((250, 250, 245), (20, 20, 20)), ((255, 255, 255), (30, 60, 150)), ((30, 90, 60), (250, 250, 250)),
            ((20, 40, 110), (255, 230, 90)), ((250, 230, 200), (120, 30, 30)), ((235, 235, 235), (90, 90, 90)),
            ((200, 225, 250), (10, 10, 60)), ((255, 200, 220), (140, 0, 70)), ((60, 60, 60), (230, 230, 230)),
        ])
        font = ImageFont.truetype(str(FONT_DIR / rng.choice(FONTS)), rng.choice([64, 72, 84]))
    probe = ImageDraw.Draw(Image.new("RGB", (8, 8)))
    space = probe.textlength(" ", font=font)
    line_h = font.getbbox("Hg")[3] - font.getbbox("Hg")[1]
    widths = [sum(probe.textlength(t, font=font) for t, _ in ln) + space * (len(ln) - 1) for ln in sign.lines]
    pad = int(line_h * 0.6)
    W = int(max(widths) + 2 * pad)
    gap = int(line_h * rng.uniform(0.35, 0.6))
    Hh = int(len(sign.lines) * line_h + (len(sign.lines) - 1) * gap + 2 * pad)
    img = Image.new("RGBA", (W, Hh), (*bg, 255))
    draw = ImageDraw.Draw(img)
    if sign.plate:
        draw.rectangle([4, 4, W - 5, Hh - 5], outline=(0, 0, 0, 255), width=3)
    elif rng.random() < 0.5:
        draw.rectangle([6, 6, W - 7, Hh - 7], outline=(*fg, 255), width=4)
    words = []
    y = pad
    for ln, w in zip(sign.lines, widths, strict=True):
        x = pad + (max(widths) - w) / 2 if sign.kind in ("birthday", "door", "badge", "plate", "benign") else pad
        for text, cat in ln:
            x0, y0, x1, y1 = draw.textbbox((x, y), text, font=font, anchor="la")
            draw.text((x, y), text, font=font, fill=(*fg, 255), anchor="la")
            corners = np.array([[x0 - 3, y0 - 3], [x1 + 3, y0 - 3], [x1 + 3, y1 + 3], [x0 - 3, y1 + 3]], np.float32)
            words.append((text, cat, corners))
            x += probe.textlength(text, font=font) + space
        y += line_h + gap
    return img, words, float(line_h)


def place(sign_img: Image.Image, words: list, canvas: np.ndarray, taken: list[list[float]], faces: list[list[float]],
          width_px: float, rng: random.Random, gap: float = 6) -> list[dict] | None:
    """Warp the sign onto ``canvas`` (in place) where it overlaps no face and no other sign; its words' quads."""
    H, W = canvas.shape[:2]
    sw, sh = sign_img.size
    w = width_px
    h = w * sh / sw
    if w > W * 0.9 or h > H * 0.8:
        return None
    for _ in range(80):
        x, y = rng.uniform(5, W - w - 5), rng.uniform(5, H - h - 5)
        j = 0.07
        dst = np.array([[x, y], [x + w, y], [x + w, y + h], [x, y + h]], np.float32)
        dst += np.array([[rng.uniform(-j, j) * w, rng.uniform(-j, j) * h] for _ in range(4)], np.float32)
        angle = np.deg2rad(rng.uniform(-8, 8))
        c = dst.mean(axis=0)
        rot = np.array([[np.cos(angle), -np.sin(angle)], [np.sin(angle), np.cos(angle)]], np.float32)
        dst = (dst - c) @ rot.T + c
        box = [float(dst[:, 0].min()), float(dst[:, 1].min()), float(dst[:, 0].max()), float(dst[:, 1].max())]
        if box[0] < 0 or box[1] < 0 or box[2] >= W or box[3] >= H:
            continue
        if any(_overlap(box, f, 12) for f in faces) or any(_overlap(box, t, gap) for t in taken):
            continue
        src = np.array([[0, 0], [sw, 0], [sw, sh], [0, sh]], np.float32)
        M = cv2.getPerspectiveTransform(src, dst)
        rgba = np.asarray(sign_img)
        warped = cv2.warpPerspective(rgba, M, (W, H), flags=cv2.INTER_AREA, borderMode=cv2.BORDER_CONSTANT, borderValue=0)
        sigma = rng.uniform(0.3, 1.1)
        warped = cv2.GaussianBlur(warped, (0, 0), sigma)
        alpha = warped[..., 3:4].astype(np.float32) / 255.0
        shade = rng.uniform(0.75, 1.05)  # lighting: a sign in shade or in sun
        colour = np.clip(warped[..., :3].astype(np.float32) * shade, 0, 255)
        canvas[:] = np.clip(canvas * (1 - alpha) + colour * alpha, 0, 255).astype(np.uint8)
        taken.append(box)
        out = []
        for text, cat, corners in words:
            q = cv2.perspectiveTransform(corners.reshape(-1, 1, 2), M).reshape(-1, 2)
            out.append({"text": text, "category": cat, "quad": [[round(float(a), 1), round(float(b), 1)] for a, b in q]})
        return out
    return None


def _overlap(a: list[float], b: list[float], margin: float) -> bool:
    return not (a[2] + margin < b[0] or b[2] + margin < a[0] or a[3] + margin < b[1] or b[3] + margin < a[1])


SENSITIVE = ("badge", "door", "birthday", "board", "contact", "web", "idcard", "plate")


def load_backdrop(wider: Path, m: dict) -> tuple[np.ndarray, list[list[int]], list[list[float]]]:
    """A WIDER photo (an entry ``m`` of its annotations) scaled back to its original size,
    its faces as (x, y, w, h) and as bounds (x0, y0, x1, y1)."""
    W, H = m["original_size"]
    with Image.open(wider / m["file"]) as im:
        canvas = np.asarray(im.convert("RGB").resize((W, H), Image.Resampling.BICUBIC)).copy()
    faces_xywh = [f["bbox_xywh_original"] for f in m["faces"]]
    return canvas, faces_xywh, [[x, y, x + w, y + h] for x, y, w, h in faces_xywh]


def generate(data: Path, out: Path, images: int = 48, seed: int = 2026, sign_gap: float = 6) -> Path:
    """Write ``images`` photos and ``annotations.json`` under ``out``; returns ``out``.

    ``sign_gap``: the least distance in pixels between two signs' bounds (signs
    close together may be read as one card by the classifier)."""
    rng = random.Random(seed)
    wider = data / "faces_boxes" / "wider_val_416"
    meta = json.loads((wider / "annotations.json").read_text(encoding="utf-8"))["images"]
    rng.shuffle(meta)
    (out / "images").mkdir(parents=True, exist_ok=True)
    entries = []
    kinds = list(SENSITIVE)
    k = 0
    for m in meta:
        if len(entries) >= images:
            break
        canvas, faces_xywh, faces = load_backdrop(wider, m)
        W = canvas.shape[1]
        taken: list[list[float]] = []
        words: list[dict] = []
        wanted = [kinds[(k + i) % len(kinds)] for i in range(rng.randint(2, 4))] + ["benign"] * rng.randint(1, 2)
        k += len(wanted)
        for kind in wanted:
            sign = make_sign(kind, rng)
            # word height on the photo: 16-40 px (plates 20-45); the sign's width follows from its text
            target_h = rng.uniform(20, 45) if sign.plate else rng.uniform(16, 40)
            img, corners, line_h = render(sign, rng)
            width_px = min(img.size[0] * target_h / line_h, W * 0.6)
            placed = place(img, corners, canvas, taken, faces, width_px, rng, sign_gap)
            if placed is None:
                continue
            for wd in placed:
                wd["sign"] = kind
            words.extend(placed)
        if not any(w["category"] not in ("benign", "dontcare") for w in words):
            continue
        save_photo(out, Path(m["file"]).stem + "_heldout", canvas, faces_xywh, words, entries)
    return write_annotations(out, f"Held-out generated signs (benchmarks/gen_text_pii.py, seed {seed}) on WIDER FACE photos; "
                             "same format as text_pii. Personal web addresses are 'email' with sign 'web'.", entries)


def save_photo(out: Path, stem: str, canvas: np.ndarray, faces_xywh: list, words: list[dict], entries: list[dict]) -> None:
    """Write one generated photo under ``out/images`` and add its entry (``text_pii``'s format) to ``entries``."""
    Image.fromarray(canvas).save(out / "images" / f"{stem}.jpg", quality=92)
    entries.append({"file": f"images/{stem}.jpg", "faces_xywh": faces_xywh, "words": words})


def write_annotations(out: Path, description: str, entries: list[dict]) -> Path:
    (out / "annotations.json").write_text(json.dumps({"description": description, "images": entries}, indent=1), encoding="utf-8")
    return out


def generator_main(doc: str, generate_set: Callable[..., Path], images: int, seed: int, argv: list[str] | None,
                   sign_gap: float | None = None) -> int:
    """The command line every sign generator shares: ``--out`` (required), ``--images``, ``--seed``."""
    ap = argparse.ArgumentParser(description=doc.split("\n\n")[0])
    ap.add_argument("--data", type=Path, default=Path(__file__).resolve().parent.parent.parent / "shared" / "evaldata")
    ap.add_argument("--out", type=Path, required=True, help="an empty folder outside the repository")
    ap.add_argument("--images", type=int, default=images)
    ap.add_argument("--seed", type=int, default=seed)
    if sign_gap is not None:
        ap.add_argument("--sign-gap", type=float, default=sign_gap, help="least distance in pixels between two signs")
    args = ap.parse_args(argv)
    extra = (args.sign_gap,) if sign_gap is not None else ()
    generate_set(args.data, args.out, args.images, args.seed, *extra)
    print(f"wrote {args.images} photos and annotations.json to {args.out}")
    return 0


def main(argv: list[str] | None = None) -> int:
    return generator_main(__doc__ or "", generate, 48, 2026, argv, sign_gap=6)


if __name__ == "__main__":
    raise SystemExit(main())
