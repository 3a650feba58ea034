"""How well the text stage hides addresses, and how much other text it leaves.

For each photo of ``scene_text_addresses`` the text stage reads and classifies
the text, the pipeline's own redaction (``stages.redact.redact_findings``)
fills what it decided to hide, and the output is compared with the original
from pixels alone (``benchmarks/protect.py``):

- an address word (house_number, street_name, house_name, building_number,
  building_name) with a box is protected when its box no longer resembles the
  original; a word without a box (the sign fills the image) is protected when
  OCR of the output can no longer read any 3+ character token of it;
- an ``other`` (or ``watermark``) word is intact when its box still resembles
  the original.

The same figures are printed for the ICDAR 2015 subset, where the words
containing digits stand in for numbers on signs and the rest for ordinary
text. Also: seconds per image (read + classify + fill).

    .venv/bin/python benchmarks/bench_text.py [--data ../shared/evaldata] [--limit N] [--policy mediascrub.toml]

Research data: nothing from it is copied anywhere; outputs stay in memory
unless ``--save DIR`` is given.
"""

from __future__ import annotations

import argparse
import json
import re
import sys
import time
from collections import defaultdict
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np
from PIL import Image, ImageOps

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "src"))
sys.path.insert(0, str(ROOT / "benchmarks"))

from protect import changed_mask, is_protected, over_redaction  # noqa: E402

from mediascrub.policy import Policy, load_policy  # noqa: E402
from mediascrub.stages.address import fold  # noqa: E402
from mediascrub.stages.redact import redact_findings  # noqa: E402
from mediascrub.stages.text import read_text, text_findings  # noqa: E402

ADDRESS = ("house_number", "street_name", "house_name", "building_number", "building_name")
KEEP = ("other", "watermark")


@dataclass
class Tally:
    protected: dict[str, list[int]] = field(default_factory=lambda: defaultdict(lambda: [0, 0]))
    intact: dict[str, list[int]] = field(default_factory=lambda: defaultdict(lambda: [0, 0]))
    seconds: list[float] = field(default_factory=list)
    over: list[int] = field(default_factory=lambda: [0, 0])
    images: int = 0

    def add(self, other: Tally) -> None:
        for src, dst in ((other.protected, self.protected), (other.intact, self.intact)):
            for k, (a, b) in src.items():
                dst[k][0] += a
                dst[k][1] += b
        self.seconds.extend(other.seconds)
        self.over[0] += other.over[0]
        self.over[1] += other.over[1]
        self.images += other.images


def load_rgb(path: Path) -> np.ndarray:
    with Image.open(path) as im:
        return np.asarray(ImageOps.exif_transpose(im).convert("RGB"))


def scrub(rgb: np.ndarray, policy: Policy) -> tuple[np.ndarray, float, list]:
    t = time.perf_counter()
    regions = read_text(rgb, detect_side=policy.text.detect_side, second_look=policy.text.second_look)
    findings = text_findings(regions, policy.text)
    out, _ = redact_findings(rgb, findings, policy)
    return out, time.perf_counter() - t, findings


def readable(word: str, output: np.ndarray, policy: Policy) -> bool:
    """Whether OCR of ``output`` still reads any 3+ character token of ``word``."""
    tokens = [t for t in re.findall(r"[^\W_]+", fold(word)) if len(t) >= 3]
    lines = [fold(r.text) for r in read_text(output, detect_side=policy.text.detect_side, second_look=policy.text.second_look, min_score=0.0)]
    return any(t in line for t in tokens for line in lines)


def bench_addresses(folder: Path, policy: Policy, limit: int | None, save: Path | None) -> Tally:
    tally = Tally()
    entries = json.loads((folder / "annotations.json").read_text(encoding="utf-8"))
    for entry in entries[:limit]:
        rgb = load_rgb(folder / entry["image"])
        w, h = entry.get("size", [rgb.shape[1], rgb.shape[0]])
        if (rgb.shape[1], rgb.shape[0]) != (w, h):
            print(f"  ! {entry['image']}: size {rgb.shape[1]}x{rgb.shape[0]} differs from the annotation {w}x{h}", file=sys.stderr)
        out, secs, _ = scrub(rgb, policy)
        tally.seconds.append(secs)
        tally.images += 1
        changed = changed_mask(rgb, out)
        boxes = [wd["box"] for wd in entry["words"] if wd["box"]]
        if boxes:
            a, b = over_redaction(rgb, out, boxes, changed)
            tally.over[0] += a
            tally.over[1] += b
        for wd in entry["words"]:
            cat = wd["category"]
            if cat in ADDRESS:
                ok = is_protected(rgb, out, wd["box"], changed) if wd["box"] else not readable(wd["text"], out, policy)
                tally.protected[cat][0] += int(ok)
                tally.protected[cat][1] += 1
            elif cat in KEEP and wd["box"]:
                tally.intact[cat][0] += int(not is_protected(rgb, out, wd["box"], changed))
                tally.intact[cat][1] += 1
        if save is not None:
            save.mkdir(parents=True, exist_ok=True)
            Image.fromarray(out).save(save / f"{folder.name}__{Path(entry['image']).stem}.png")
    return tally


def bench_icdar(folder: Path, policy: Policy, limit: int | None) -> Tally:
    tally = Tally()
    data = json.loads((folder / "annotations.json").read_text(encoding="utf-8"))
    for entry in data["images"][:limit]:
        rgb = load_rgb(folder / entry["file"])
        out, secs, _ = scrub(rgb, policy)
        tally.seconds.append(secs)
        tally.images += 1
        changed = changed_mask(rgb, out)
        for wd in entry["words"]:
            if wd.get("ignore"):
                continue
            pts = np.asarray(wd["points"], dtype=np.float32)
            box = [float(pts[:, 0].min()), float(pts[:, 1].min()), float(pts[:, 0].max()), float(pts[:, 1].max())]
            hidden = is_protected(rgb, out, box, changed)
            if any(c.isdigit() for c in wd["text"]):
                tally.protected["with digits"][0] += int(hidden)
                tally.protected["with digits"][1] += 1
            else:
                tally.intact["without digits"][0] += int(not hidden)
                tally.intact["without digits"][1] += 1
    return tally


def share(pair: list[int]) -> str:
    a, b = pair
    return f"{a}/{b} = {a / b:.3f}" if b else "-"


def report(name: str, t: Tally) -> None:
    secs = np.asarray(t.seconds) if t.seconds else np.zeros(1)
    total_p = [sum(v[0] for v in t.protected.values()), sum(v[1] for v in t.protected.values())]
    total_i = [sum(v[0] for v in t.intact.values()), sum(v[1] for v in t.intact.values())]
    print(f"{name}: {t.images} images, {secs.mean():.2f} s/image (median {np.median(secs):.2f}, max {secs.max():.2f})")
    print(f"  protected: {share(total_p)}   " + "  ".join(f"{k} {share(v)}" for k, v in sorted(t.protected.items())))
    print(f"  intact:    {share(total_i)}   " + "  ".join(f"{k} {share(v)}" for k, v in sorted(t.intact.items())))
    if t.over[1]:
        print(f"  changed outside the ground-truth boxes: {t.over[0] / t.over[1]:.3f} of pixels")


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--data", type=Path, default=ROOT.parent / "shared" / "evaldata")
    ap.add_argument("--limit", type=int, default=None, help="at most this many images per sub-set (quick runs)")
    ap.add_argument("--policy", type=Path, default=None, help="a mediascrub.toml to use instead of the defaults")
    ap.add_argument("--save", type=Path, default=None, help="write the scrubbed images here (PNG) to look at")
    ap.add_argument("--skip-icdar", action="store_true")
    args = ap.parse_args(argv)

    policy, _ = load_policy(args.policy, search=False) if args.policy else (Policy(), {})
    addr = args.data / "scene_text_addresses"
    if not addr.is_dir():
        print(f"no evaluation data at {addr}", file=sys.stderr)
        return 2
    from mediascrub.stages.text import ocr_engine

    ocr_engine()  # load once before timing
    overall = Tally()
    for sub in sorted(p for p in addr.iterdir() if (p / "annotations.json").is_file()):
        t = bench_addresses(sub, policy, args.limit, args.save)
        report(sub.name, t)
        overall.add(t)
    report("scene_text_addresses overall", overall)
    icdar = args.data / "scene_text" / "icdar2015_test_subset"
    if not args.skip_icdar and icdar.is_dir():
        report("icdar2015_test_subset (protected = words with digits; intact = words without)", bench_icdar(icdar, policy, args.limit))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
