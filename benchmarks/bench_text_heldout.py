"""The sensitive-text figures on photos nobody tuned on, next to ``text_pii``.

``benchmarks/gen_text_pii.py`` renders a fresh, seeded set of signs (names,
phones, emails, web addresses, NHS/NI/record numbers, dates of birth, plates,
medications and conditions, plus benign menus and timetables) onto WIDER FACE
photos in a temporary folder; this script scrubs it with the same in-process
pipeline and the same scoring as ``bench_text.py`` (read_text, check_legible,
text_findings, redact_findings; a word is hidden by the evaldata rule on the
bounding box of its quad; a photo with something to review counts as all
hidden and not published without review), and does the same on
``../shared/evaldata/text_pii`` in the same run for comparison. Then it lists
every must-hide word left visible and every benign word hidden, with what OCR
read there (or that it read nothing), and finally ``bench_text``'s own
``bench_pii`` table (even/odd halves, what each source of names adds) for both
sets, reusing the OCR results.

    .venv/bin/python benchmarks/bench_text_heldout.py --data /work/shared/evaldata [--images 48] [--seed 2026]

``--layouts scenes`` generates with ``benchmarks/gen_text_scenes.py`` instead:
menus, activity boards, banners, shop fronts and staff noticeboards, written
after the rules were tuned on ``gen_text_pii.py`` (default 60 photos, seed 7101).
``--layouts rotas`` generates with ``benchmarks/gen_text_rotas.py``: rotas,
sign-in sheets, hospital passports, contact notices, turned plates, room signs
(default 60 photos, seed 8101); written for error analysis, so always seen.

``--layouts blind`` generates with ``benchmarks/gen_text_blind.py``, written
without reading the rules: twenty care-home and street layouts (default 60
photos, seed 424242, kept for one run on the final code). Its ``address`` words
(house, flat and room numbers, streets and postcodes of private addresses) are
must-hide words too; they get their own line and a must-hide figure with them.

``--layouts blind2`` generates with ``benchmarks/gen_text_blind2.py``, a second
set also written without reading the rules (nor the other generators' words):
twenty-two new layouts of everyday paperwork and signs (a physio sheet, a
discharge summary, a pharmacy bag, a care plan, "This is me", a handover
whiteboard, a lunch menu with diets, minutes, a garden-centre board, a
charity-shop window, a faith notice, a cafe chalkboard ...) with their own
names and words (default 60 photos, seed 515151, kept for one run on the final
code); labelled as ``blind``, ``address`` words included.

``--layouts blind3`` generates with ``benchmarks/gen_text_blind3.py``, a third
set written without reading the rules: twenty-six layouts neither earlier blind
set draws (a hospital wristband, a meal-tray ticket, a fluid chart, a "Message
in a Bottle" form, an envelope, laundry name tapes, a blue badge and parking
ticket, a fire action notice, a wifi card, a minibus run, a certificate, a
leaving card, a wall calendar, tombola and raffle tickets, a memorial plaque, a
pub quiz board, a cinema listing, a hymn board, a newspaper, an allotment
sign, a polling notice ...) with its own names and words (default 60 photos,
seed 737373, kept for one run on the final code); labelled as ``blind``.

``--layouts blind4`` generates with ``benchmarks/gen_text_blind4.py``, a fourth
set written without reading the rules: twenty-six layouts none of the earlier
blind sets draws (a repeat prescription slip, a hospital appointment letter, a
food bank voucher, a postcard, a carers' note on a front door, an order of
service, a bingo board, sports-day results, "you said, we did", a flu-jab
list, a tea round, a Secret Santa list, a volunteers' thank-you board, a table
plan, a photo-booth frame, a word search, pharmacy shelf labels, a receipt, a
ward sign, a street name plate and bus stop, a memory cafe poster, newsagent
window cards, a missing-cat poster, a job poster, a bin calendar, a surgery
board) with its own names and words (default 60 photos, seed 848484, kept for
one run on the final code); labelled as ``blind``.

``--layouts blind5`` generates with ``benchmarks/gen_text_blind5.py``, a fifth
set written without reading the rules: twenty-five layouts none of the earlier
blind sets draws (a patient-transport booking slip, a bedside board, a
compliment card, sticky notes, a keyworker's diary page, a welcome board for
new residents, a "meet the team" poster, a weights chart, a kitchen allergen
board, a first aid box label, a key log, a lift notice, a memory tree, newsletter
photo captions, a talent-show running order, a pantomime cast list, a choir
programme, a garden open-day sign, a book club list, a dog-walking rota, a
sponsor form, a coach trip list, a lottery syndicate, a salon price list, a
sponsor-a-brick wall) with its own names and words (default 60 photos, seed
959595, kept for one run on the final code); labelled as ``blind``.

``--layouts blind6`` generates with ``benchmarks/gen_text_blind6.py``, a sixth
set written without reading the rules: twenty-six layouts none of the earlier
blind sets draws (a medicine box label, a fit note, a Gift Aid form, a home-care
communication book, a breakfast order sheet, a visiting-hours sign, a
safeguarding poster, an outing sign-up sheet, a tuck-shop tab list, an exercise
class register, a hearing-aid check log, equipment name tags, a home-care round
sheet, a family tree, a scrapbook page, a pen-pal letter, a party invitation, a
recipe card, a seed swap list, a quiz answer sheet, a village hall booking
board, a church flower rota, a cake sale price list, a football team sheet, a
whist drive score card, a tea dance poster) with its own names and words
(default 60 photos, seed 616161, kept for one run on the final code); labelled
as ``blind``.

``--layouts blind7`` generates with ``benchmarks/gen_text_blind7.py``, a seventh
set written without reading the rules: twenty layouts none of the earlier blind
sets draws (a carers' group poster, an allotment plot map, a fundraising
thermometer, a knitting pattern, a staff training record, a telephone message
slip, a coffee morning flyer, a "missing you" card, a school-run note, a charity
collection bag, a sheltered-housing notice, a carol-singing rota, a darts league
table, mobile-library requests, a pet-therapy visit notice, a swimming register,
bake-off results, an anniversary card, bowls fixtures, a newsletter corner)
(default 60 photos, seed 717171, kept for one run on the final code); labelled
as ``blind``.

``--layouts blind8`` generates with ``benchmarks/gen_text_blind8.py``, an eighth
set written without reading the rules: twenty layouts none of the earlier blind
sets draws (a housing repair "sorry we missed you" card, a blood-pressure record
card, a baby's red book page, a hospital radio request, a family contact
centre's session board, case-file spine labels, a social work in/out board, a
school reading record, a door-entry buzzer panel, a dementia orientation board,
a fridge temperature log, a house-rules poster, a walking group's route card, a
Neighbourhood Watch sign, a car park tariff board, sensory-garden plant labels, a
hand-hygiene poster, a defibrillator sign, estate agent window cards, a road
closure notice) (default 60 photos, seed 818181, kept for one run on the final
code); labelled as ``blind``.

``--layouts blind9`` generates with ``benchmarks/gen_text_blind9.py``, a ninth
set written without reading the rules: twenty layouts none of the earlier blind
sets draws (an "in case of emergency" wallet card, a payslip, a cheque, a CV's
first page, an energy meter-reading card, a magistrates' court daily list, a
petition sheet, a staff mileage log, a book of condolence, a child's star chart,
height marks on a door frame, a lunch club's subs ledger, shared-freezer tub
labels, fun run bibs, a sunflower competition chart, a Grand National
sweepstake, a child's spelling test, a CCTV sign, a swimming pool's rules board,
hand-written directions to a party) (default 60 photos, seed 919191, kept for
one run on the final code); labelled as ``blind``.

Nothing generated is kept unless ``--keep DIR`` is given (outside the repository).
"""

from __future__ import annotations

import argparse
import json
import sys
import tempfile
import time
from collections import Counter
from pathlib import Path

import cv2
import numpy as np

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "src"))
sys.path.insert(0, str(ROOT / "benchmarks"))

from bench_text import MUST_HIDE, PiiTally, _quad_box, bench_pii, cached_legible, cached_read, load_rgb  # noqa: E402
from gen_text_blind import RESERVED_SEED  # noqa: E402
from gen_text_blind import generate as generate_blind  # noqa: E402
from gen_text_blind2 import RESERVED_SEED as RESERVED_SEED2  # noqa: E402
from gen_text_blind2 import generate as generate_blind2  # noqa: E402
from gen_text_blind3 import RESERVED_SEED as RESERVED_SEED3  # noqa: E402
from gen_text_blind3 import generate as generate_blind3  # noqa: E402
from gen_text_blind4 import RESERVED_SEED as RESERVED_SEED4  # noqa: E402
from gen_text_blind4 import generate as generate_blind4  # noqa: E402
from gen_text_blind5 import RESERVED_SEED as RESERVED_SEED5  # noqa: E402
from gen_text_blind5 import generate as generate_blind5  # noqa: E402
from gen_text_blind6 import RESERVED_SEED as RESERVED_SEED6  # noqa: E402
from gen_text_blind6 import generate as generate_blind6  # noqa: E402
from gen_text_blind7 import RESERVED_SEED as RESERVED_SEED7  # noqa: E402
from gen_text_blind7 import generate as generate_blind7  # noqa: E402
from gen_text_blind8 import RESERVED_SEED as RESERVED_SEED8  # noqa: E402
from gen_text_blind8 import generate as generate_blind8  # noqa: E402
from gen_text_blind9 import RESERVED_SEED as RESERVED_SEED9  # noqa: E402
from gen_text_blind9 import generate as generate_blind9  # noqa: E402
from gen_text_pii import generate  # noqa: E402
from gen_text_rotas import generate as generate_rotas  # noqa: E402
from gen_text_scenes import generate as generate_scenes  # noqa: E402
from protect import changed_mask, is_protected  # noqa: E402

from mediascrub.findings import Action  # noqa: E402
from mediascrub.policy import Policy, load_policy  # noqa: E402
from mediascrub.stages.redact import redact_findings  # noqa: E402
from mediascrub.stages.text import text_findings  # noqa: E402


def what_was_read(regions: list, quad: list, findings: list | None = None) -> str:
    """The OCR line whose polygon holds the word's centre and what was decided for it (on a line hidden in parts,
    for the part that holds the word, or that it lies beside them), or that nothing was read there."""
    cx, cy = np.asarray(quad, np.float32).mean(axis=0)

    def inside(polygon: object) -> bool:
        return cv2.pointPolygonTest(np.asarray(polygon, np.float32).reshape(-1, 1, 2), (float(cx), float(cy)), False) >= 0

    for i, r in enumerate(regions):
        if inside(r.polygon):
            said = f"read as {r.text!r} ({r.confidence:.2f})"
            if findings is not None and i < len(findings):
                f = findings[i]
                if f.detail.get("part_of_line"):  # the line's first part is findings[i], its others come after all lines
                    parts = [g for g in [f, *findings[len(regions):]] if g.detail.get("part_of_line") and inside(g.detail["polygon"])]
                    f = parts[0] if parts else f
                    if not parts:
                        said += f": {f.action.value} in parts, this word beside them ({f.reason})"
                        return said
                said += f": {f.action.value}, {f.reason}"
            return said
    return "not read by OCR"


def score(folder: Path, policy: Policy, cache: Path) -> tuple[PiiTally, list[tuple[str, str, str, str, str]], list[str]]:
    """The defaults' tally on one set, the misses (category, sign, text, what was read, file) and review reasons."""
    data = json.loads((folder / "annotations.json").read_text(encoding="utf-8"))["images"]
    tally = PiiTally()
    misses: list[tuple[str, str, str, str, str]] = []
    reviews: list[str] = []
    for entry in data:
        rgb = load_rgb(folder / entry["file"])
        regions = cached_read(rgb, folder / entry["file"], policy, cache)
        findings = text_findings(regions, policy.text, legible=cached_legible(rgb, folder / entry["file"], regions, policy, cache))
        out, _ = redact_findings(rgb, findings, policy)
        changed = changed_mask(rgb, out)
        review = [f for f in findings if f.action is Action.REVIEW]
        reviews += [f"{Path(entry['file']).name}: {f.label}: {f.reason}" for f in review]
        tally.add_image(bool(review))
        for wd in entry["words"]:
            cat = wd["category"]
            hidden = bool(review) or is_protected(rgb, out, _quad_box(wd["quad"]), changed)
            if tally.add_word(cat, hidden, address=True):
                said = what_was_read(regions, wd["quad"], findings)
                misses.append(("benign hidden" if cat == "benign" else cat, wd.get("sign", ""), wd["text"], said, entry["file"]))
    return tally, misses, reviews


def print_misses(label: str, misses: list[tuple[str, str, str, str, str]], reviews: list[str]) -> None:
    print(f"\n{label}: {len(misses)} words wrong")
    for cat in sorted({m[0] for m in misses}):
        rows = [m for m in misses if m[0] == cat]
        kinds = Counter(m[1] for m in rows)
        print(f"  {cat} ({len(rows)}; by sign: {dict(kinds)}):")
        for _, sign, text, read, file in rows:
            print(f"    {text!r:28} on {sign:9} {read}  [{Path(file).name}]")
    if reviews:
        print(f"  sent to review ({len(reviews)} findings):")
        for r in reviews:
            print(f"    {r}")


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--data", type=Path, default=ROOT.parent / "shared" / "evaldata")
    ap.add_argument("--layouts", choices=("signs", "scenes", "rotas", "blind", "blind2", "blind3", "blind4", "blind5", "blind6",
                                          "blind7", "blind8", "blind9"),
                    default="signs",
                    help="signs: gen_text_pii.py (badges, doors, cards); scenes: gen_text_scenes.py (menus, boards, shop fronts); "
                         "rotas: gen_text_rotas.py (rotas, sign-in sheets, passports, room signs; a tuning set); "
                         "blind: gen_text_blind.py (twenty layouts written without reading the rules); "
                         "blind2: gen_text_blind2.py (twenty-two more, also written blind); "
                         "blind3: gen_text_blind3.py (twenty-six more, also written blind); "
                         "blind4: gen_text_blind4.py (twenty-six more, also written blind); "
                         "blind5: gen_text_blind5.py (twenty-five more, also written blind); "
                         "blind6: gen_text_blind6.py (twenty-six more, also written blind); "
                         "blind7: gen_text_blind7.py (twenty more, also written blind); "
                         "blind8: gen_text_blind8.py (twenty more, also written blind); "
                         "blind9: gen_text_blind9.py (twenty more, also written blind)")
    ap.add_argument("--images", type=int, default=None, help="held-out photos to generate (signs 48, scenes, rotas and the blind sets 60)")
    ap.add_argument("--seed", type=int, default=None,
                    help=f"generator seed (signs 2026, scenes 7101, rotas 8101, blind {RESERVED_SEED}, blind2 {RESERVED_SEED2}, "
                         f"blind3 {RESERVED_SEED3}, blind4 {RESERVED_SEED4}, blind5 {RESERVED_SEED5}, "
                         f"blind6 {RESERVED_SEED6}, blind7 {RESERVED_SEED7}, blind8 {RESERVED_SEED8}, "
                         f"blind9 {RESERVED_SEED9})")
    ap.add_argument("--sign-gap", type=float, default=6, help="least distance in pixels between two generated signs")
    ap.add_argument("--policy", type=Path, default=None, help="a mediascrub.toml to use instead of the defaults")
    ap.add_argument("--keep", type=Path, default=None, help="generate here (outside the repository) and keep it")
    ap.add_argument("--no-text-pii", action="store_true", help="skip the text_pii comparison")
    ap.add_argument("--no-tables", action="store_true", help="skip bench_text's even/odd and name-source tables")
    ap.add_argument("--cache", type=Path, default=None,
                    help="keep OCR results here between runs (with --keep, for quick iterations on the rules only)")
    args = ap.parse_args(argv)
    if not (args.data / "faces_boxes" / "wider_val_416").is_dir():
        print(f"no WIDER photos under {args.data}/faces_boxes/wider_val_416", file=sys.stderr)
        return 2
    policy, _ = load_policy(args.policy, search=False) if args.policy else (Policy(), {})
    from mediascrub.stages.text import ocr_engine

    ocr_engine()
    with tempfile.TemporaryDirectory(prefix="heldout_") as tmp:
        cache = args.cache or Path(tmp) / "ocr"
        folder = args.keep or Path(tmp) / "heldout"
        blind_sets = {"blind": (generate_blind, RESERVED_SEED), "blind2": (generate_blind2, RESERVED_SEED2),
                      "blind3": (generate_blind3, RESERVED_SEED3), "blind4": (generate_blind4, RESERVED_SEED4),
                      "blind5": (generate_blind5, RESERVED_SEED5), "blind6": (generate_blind6, RESERVED_SEED6),
                      "blind7": (generate_blind7, RESERVED_SEED7), "blind8": (generate_blind8, RESERVED_SEED8),
                      "blind9": (generate_blind9, RESERVED_SEED9)}
        if args.layouts in blind_sets:
            make, reserved = blind_sets[args.layouts]
            seed = reserved if args.seed is None else args.seed
            held = make(args.data, folder, args.images or 60, seed, args.sign_gap)
            sets = [(f"{args.layouts} (gen_text_{args.layouts}.py, seed {seed})", held)]
        elif args.layouts == "rotas":
            seed = 8101 if args.seed is None else args.seed
            held = generate_rotas(args.data, folder, args.images or 60, seed, args.sign_gap)
            sets = [(f"rotas and paperwork (gen_text_rotas.py, seed {seed}; seen)", held)]
        elif args.layouts == "scenes":
            seed = 7101 if args.seed is None else args.seed
            held = generate_scenes(args.data, folder, args.images or 60, seed, args.sign_gap)
            sets = [(f"unseen scenes (gen_text_scenes.py, seed {seed})", held)]
        else:
            seed = 2026 if args.seed is None else args.seed
            held = generate(args.data, folder, args.images or 48, seed, args.sign_gap)
            sets = [(f"held-out (gen_text_pii.py, seed {seed}, sign gap {args.sign_gap:g} px)", held)]
        if (args.data / "text_pii" / "annotations.json").is_file() and not args.no_text_pii:
            sets.append(("text_pii (tuned on)", args.data / "text_pii"))
        results = []
        for label, folder in sets:
            t0 = time.perf_counter()
            tally, misses, reviews = score(folder, policy, cache)
            results.append((label, folder, tally, misses, reviews))
            print(f"{tally.line(label)}\n      ({tally.images} images, {time.perf_counter() - t0:.0f} s)", flush=True)
            if tally.hidden["address"][1]:
                addr = tally.hidden["address"]
                both = [sum(tally.hidden[c][i] for c in (*MUST_HIDE, "address")) for i in (0, 1)]
                print(f"      address {addr[0]}/{addr[1]} = {addr[0] / addr[1]:.3f}; must-hide with addresses "
                      f"{both[0]}/{both[1]} = {both[0] / both[1]:.3f}", flush=True)
        for label, _, _, misses, reviews in results:
            print_misses(label, misses, reviews)
        if not args.no_tables:
            for label, folder, *_ in results:
                print(f"\nbench_text.bench_pii on {label}:")
                bench_pii(folder, policy, None, cache)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
