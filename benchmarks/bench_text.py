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
text, with the *precision* of the redactions there: the share of hidden
regions that the union of the annotated words (``###`` included) covers by at
least 30% of the hidden region's area. Two more ICDAR figures: *plain words
hidden*, the words of letters only with no street or house word (what a shop
or street sign says: ``SALE``, ``Dining``; issue #21 asks for at most 10%), and
*number words hidden*, the words that are a number alone (``313``,
``6636-5830``, ``#B1-39``: house, unit and phone numbers, and years).
``--list`` prints each plain word hidden and each hidden region off the
annotated words, with what was read there. Also: seconds per image (read +
classify + fill).

On ``text_pii`` (generated badges, door signs, banners, boards, cards and
plates on real photos) it prints, per category, words hidden / total; benign
words kept; photos published without review; for the even-numbered images
(the ones the rules were tuned on), the odd-numbered ones (held out) and all.
Then what each source of names adds: context cues only, plus the general
name lists, plus the agency's list (here: every annotated name, standing in
for the consent gallery and the ``[text] names`` setting).

On the WIDER FACE photos of ``faces_boxes`` (crowds; no text annotated) and
``fixtures/examples/chelsea.png`` it counts the text redactions (``--save-wider
DIR`` writes those photos with the hidden regions outlined, to check by eye).

    .venv/bin/python benchmarks/bench_text.py [--data ../shared/evaldata] [--limit N] [--policy mediascrub.toml]

Research data: nothing from it is copied anywhere; outputs stay in memory
unless ``--save DIR`` is given.
"""

from __future__ import annotations

import argparse
import dataclasses
import json
import os
import re
import shutil
import subprocess
import sys
import tempfile
import time
from collections import defaultdict
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np
from PIL import Image, ImageOps

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "src"))
sys.path.insert(0, str(ROOT / "benchmarks"))

from protect import changed_mask, is_protected, over_redaction  # noqa: E402

from mediascrub.findings import Action  # noqa: E402
from mediascrub.policy import Policy, load_policy  # noqa: E402
from mediascrub.stages.redact import redact_findings  # noqa: E402
from mediascrub.stages.text import check_legible, read_text, text_findings  # noqa: E402
from mediascrub.textrules import NameSource  # noqa: E402
from mediascrub.textrules.line import fold  # noqa: E402

ADDRESS = ("house_number", "street_name", "house_name", "building_number", "building_name")
KEEP = ("other", "watermark")


@dataclass
class Tally:
    protected: dict[str, list[int]] = field(default_factory=lambda: defaultdict(lambda: [0, 0]))
    intact: dict[str, list[int]] = field(default_factory=lambda: defaultdict(lambda: [0, 0]))
    seconds: list[float] = field(default_factory=list)
    cpu: list[float] = field(default_factory=list)
    over: list[int] = field(default_factory=lambda: [0, 0])
    precision: list[int] = field(default_factory=lambda: [0, 0])
    plain: list[int] = field(default_factory=lambda: [0, 0])  # ICDAR: plain words hidden, plain words
    numbers: list[int] = field(default_factory=lambda: [0, 0])  # ICDAR: number words hidden, number words
    images: int = 0
    not_published: int = 0
    review: int = 0

    def add(self, other: Tally) -> None:
        for src, dst in ((other.protected, self.protected), (other.intact, self.intact)):
            for k, (a, b) in src.items():
                dst[k][0] += a
                dst[k][1] += b
        self.seconds.extend(other.seconds)
        self.cpu.extend(other.cpu)
        self.over[0] += other.over[0]
        self.over[1] += other.over[1]
        self.images += other.images
        self.not_published += other.not_published
        self.review += other.review


def load_rgb(path: Path) -> np.ndarray:
    with Image.open(path) as im:
        return np.asarray(ImageOps.exif_transpose(im).convert("RGB"))


def scrub(rgb: np.ndarray, policy: Policy) -> tuple[np.ndarray, tuple[float, float], list]:
    """Read, classify, fill; returns the output, (wall, CPU) seconds and the findings."""
    t, c = time.perf_counter(), time.process_time()
    regions = read_text(rgb, detect_side=policy.text.detect_side, second_look=policy.text.second_look)
    names = [(n, "settings") for n in policy.text.names]
    findings = text_findings(regions, policy.text, names=names, legible=check_legible(rgb, regions, policy.text))
    out, _ = redact_findings(rgb, findings, policy)
    return out, (time.perf_counter() - t, time.process_time() - c), findings


def readable(word: str, output: np.ndarray, policy: Policy) -> bool:
    """Whether OCR of ``output`` still reads any 3+ character token of ``word``."""
    tokens = [t for t in re.findall(r"[^\W_]+", fold(word)) if len(t) >= 3]
    lines = [
        fold(r.text) for r in read_text(output, detect_side=policy.text.detect_side, second_look=policy.text.second_look, min_score=0.0)
    ]
    return any(t in line for t in tokens for line in lines)


class InProcess:
    """Scrub one image at a time in this process: read, classify, fill."""

    name = "in process (read_text + text_findings + redact_findings)"

    def __init__(self, policy: Policy) -> None:
        self.policy = policy
        self.review = False  # whether the last image had a finding for review (the CLI would quarantine it)
        self.findings: list = []  # the last image's findings

    def outputs(self, folder: Path, files: list[str]) -> Iterator[tuple[str, np.ndarray, np.ndarray | None, float, float]]:
        """(file, original, output or None when not published, wall s, CPU s) per file."""
        for name in files:
            rgb = load_rgb(folder / name)
            out, (wall, cpu), findings = scrub(rgb, self.policy)
            self.review = any(f.action is Action.REVIEW for f in findings)
            self.findings = findings
            yield name, rgb, out, wall, cpu


class ViaCli:
    """Scrub the photos with ``mediascrub scrub`` (one worker) and read the outputs back.

    A photo the CLI quarantines is not published: its address words count as
    protected and its other words as not intact, and it is counted apart.
    """

    name = "through the CLI (mediascrub scrub --jobs 1)"

    def __init__(self, policy: Policy, policy_file: Path | None, with_faces: bool, work: Path) -> None:
        self.policy = policy
        self.show_text = policy.text.show_text
        self.work = work
        if policy_file is None:
            policy_file = work / "bench-policy.toml"
            policy_file.write_text("" if with_faces else "[faces]\nenabled = false\n", encoding="utf-8")
        self.policy_file = policy_file
        self.review = False
        self.findings: list = []

    def outputs(self, folder: Path, files: list[str]) -> Iterator[tuple[str, np.ndarray, np.ndarray | None, float, float]]:
        run = self.work / folder.name
        shutil.rmtree(run, ignore_errors=True)
        run.mkdir(parents=True)
        cmd = [
            sys.executable,
            "-m",
            "mediascrub",
            "scrub",
            *(str(folder / f) for f in files),
            "--out",
            str(run / "out"),
            "--quarantine",
            str(run / "quarantine"),
            "--report",
            str(run / "report.json"),
            "--policy",
            str(self.policy_file),
            "--jobs",
            "1",
            "--force",
            "--quiet",
            *(["--show-text"] if self.show_text else []),
        ]
        env = {**os.environ, "PYTHONPATH": str(ROOT / "src")}
        subprocess.run(cmd, env=env, check=False, stdout=subprocess.DEVNULL)
        report = json.loads((run / "report.json").read_text(encoding="utf-8"))
        by_name = {Path(f["input"]).name: f for f in report["files"]}
        for name in files:
            rec = by_name.get(name)
            rgb = load_rgb(folder / name)
            if rec is None:
                raise SystemExit(f"the CLI report has no record of {folder / name}")
            published = rec["status"] == "published" and rec.get("output")
            self.review = rec["status"] == "quarantined"
            self.findings = [_Hidden(f) for f in rec.get("findings", [])]
            out = load_rgb(Path(rec["output"])) if published else None
            yield name, rgb, out, float(rec.get("seconds") or 0.0), float("nan")


@dataclass
class _Hidden:
    """A finding as the CLI's JSON report gives it (kind, action, detail.polygon)."""

    raw: dict

    @property
    def kind(self) -> str:
        return str(self.raw.get("kind"))

    @property
    def action(self) -> Action:
        return Action(self.raw.get("action"))

    @property
    def label(self) -> str:
        return str(self.raw.get("label"))

    @property
    def reason(self) -> str:
        return str(self.raw.get("reason"))

    @property
    def detail(self) -> dict:
        return dict(self.raw.get("detail") or {})


def hidden_polygons(findings: list) -> list[np.ndarray]:
    """The polygons of the text findings that were hidden."""
    out = []
    for f in findings:
        kind = getattr(f.kind, "value", f.kind)
        if kind == "text" and f.action is Action.REDACTED and f.detail.get("polygon"):
            out.append(np.asarray(f.detail["polygon"], np.float32))
    return out


def precision_counts(shape: tuple[int, int], hidden: list[np.ndarray], words: list[np.ndarray], share: float = 0.3) -> tuple[int, int]:
    """(hidden regions overlapping the annotated words by at least ``share`` of their own area, hidden regions)."""
    import cv2

    h, w = shape
    truth = np.zeros((h, w), np.uint8)
    for q in words:
        cv2.fillPoly(truth, [np.round(q).astype(np.int32)], 1)
    good = 0
    for q in hidden:
        m = np.zeros((h, w), np.uint8)
        cv2.fillPoly(m, [np.round(q).astype(np.int32)], 1)
        area = int(m.sum())
        if area and (m & truth).sum() >= share * area:
            good += 1
    return good, len(hidden)


def bench_addresses(folder: Path, scrubber: InProcess | ViaCli, limit: int | None, save: Path | None) -> Tally:
    tally = Tally()
    policy = scrubber.policy
    entries = {e["image"]: e for e in json.loads((folder / "annotations.json").read_text(encoding="utf-8"))[:limit]}
    for name, rgb, out, wall, cpu in scrubber.outputs(folder, list(entries)):
        entry = entries[name]
        w, h = entry.get("size", [rgb.shape[1], rgb.shape[0]])
        if (rgb.shape[1], rgb.shape[0]) != (w, h):
            print(f"  ! {name}: size {rgb.shape[1]}x{rgb.shape[0]} differs from the annotation {w}x{h}", file=sys.stderr)
        tally.seconds.append(wall)
        tally.cpu.append(cpu)
        tally.images += 1
        tally.review += int(scrubber.review)
        if out is None:  # not published: nothing of it is visible
            tally.not_published += 1
            for wd in entry["words"]:
                if wd["category"] in ADDRESS:
                    tally.protected[wd["category"]][0] += 1
                    tally.protected[wd["category"]][1] += 1
                elif wd["category"] in KEEP and wd["box"]:
                    tally.intact[wd["category"]][1] += 1
            continue
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
            Image.fromarray(out).save(save / f"{folder.name}__{Path(name).stem}.png")
    return tally


#: An ICDAR word that is a number alone: a house, unit or phone number, or a year (``313``, ``#B1-39``, ``6636-5830``).
NUMBER_WORD = re.compile(r"[#@]?[A-Za-z]?\d+(?:-\d+)?")


def plain_word(text: str) -> bool:
    """Letters only (no digit), and no street or house word of ``data/address_words.toml``."""
    from mediascrub.textrules.words import load_word_lists

    tokens = re.findall(r"[^\W\d_]+", fold(text))
    return bool(tokens) and not any(c.isdigit() for c in text) and not any(t in load_word_lists().known_words for t in tokens)


def _read_at(findings: list, quad: np.ndarray) -> str:
    """What the finding whose polygon holds the word's centre says (text only with --show-text policies)."""
    import cv2

    cx, cy = quad.mean(axis=0)
    for f in findings:
        poly = f.detail.get("polygon")
        if poly and cv2.pointPolygonTest(np.asarray(poly, np.float32).reshape(-1, 1, 2), (float(cx), float(cy)), False) >= 0:
            return f"{f.detail.get('text', '')!r} {getattr(f, 'label', '')}: {getattr(f, 'reason', '')}"
    return "no finding there"


def bench_icdar(folder: Path, scrubber: InProcess | ViaCli, limit: int | None, listing: bool = False) -> Tally:
    tally = Tally()
    data = json.loads((folder / "annotations.json").read_text(encoding="utf-8"))
    entries = {e["file"]: e for e in data["images"][:limit]}
    files = {Path(k).name: k for k in entries}
    img_dir = folder / Path(next(iter(entries))).parent
    for name, rgb, out, wall, cpu in scrubber.outputs(img_dir, list(files)):
        entry = entries[files[name]]
        tally.seconds.append(wall)
        tally.cpu.append(cpu)
        tally.images += 1
        tally.review += int(scrubber.review)
        if out is None:
            tally.not_published += 1
        changed = changed_mask(rgb, out) if out is not None else None
        quads = [np.asarray(wd["points"], np.float32) for wd in entry["words"]]
        polygons = hidden_polygons(scrubber.findings)
        good, n = precision_counts(rgb.shape[:2], polygons, quads)
        tally.precision[0] += good
        tally.precision[1] += n
        if listing and good < n:
            for f in scrubber.findings:
                one = hidden_polygons([f])
                if one and precision_counts(rgb.shape[:2], one, quads)[0] == 0:
                    print(f"    off the annotated words: {name}: {f.detail.get('text', '')!r} {f.label}: {f.reason}")
        for wd in entry["words"]:
            if wd.get("ignore"):
                continue
            pts = np.asarray(wd["points"], dtype=np.float32)
            box = [float(pts[:, 0].min()), float(pts[:, 1].min()), float(pts[:, 0].max()), float(pts[:, 1].max())]
            hidden = True if out is None else is_protected(rgb, out, box, changed)
            if plain_word(wd["text"]):
                tally.plain[0] += int(hidden)
                tally.plain[1] += 1
                if listing and hidden:
                    print(f"    plain word hidden: {name}: {wd['text']!r} <- {_read_at(scrubber.findings, pts)}")
            if NUMBER_WORD.fullmatch(wd["text"]):
                tally.numbers[0] += int(hidden)
                tally.numbers[1] += 1
                if listing and not hidden:
                    print(f"    number word visible: {name}: {wd['text']!r} <- {_read_at(scrubber.findings, pts)}")
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
    cpu = np.asarray(t.cpu) if t.cpu else np.zeros(1)
    cpu_note = "" if np.isnan(cpu).any() else f", {cpu.mean():.2f} s/image CPU (all threads)"
    print(f"{name}: {t.images} images, {secs.mean():.2f} s/image wall (median {np.median(secs):.2f}, max {secs.max():.2f}){cpu_note}")
    print(f"  images with something for a person to review (quarantined by the CLI): {t.review}")
    if t.not_published:
        print(f"  not published (quarantined or failed): {t.not_published} images")
    print(f"  protected: {share(total_p)}   " + "  ".join(f"{k} {share(v)}" for k, v in sorted(t.protected.items())))
    print(f"  intact:    {share(total_i)}   " + "  ".join(f"{k} {share(v)}" for k, v in sorted(t.intact.items())))
    if t.over[1]:
        print(f"  changed outside the ground-truth boxes: {t.over[0] / t.over[1]:.3f} of pixels")
    if t.precision[1] or name.startswith("icdar"):
        print(f"  precision: hidden regions the annotated words cover by >= 30% of their area: {share(t.precision)}")
    if t.plain[1]:
        print(f"  plain words hidden (letters only, no street word): {share(t.plain)}")
        print(f"  number words hidden (a number alone: house, unit, phone numbers, years): {share(t.numbers)}")


# ----------------------------------------------------------------------------- text_pii

MUST_HIDE = ("person_name", "phone", "email", "id_number", "date_of_birth", "plate", "health")


@dataclass
class PiiTally:
    hidden: dict[str, list[int]] = field(default_factory=lambda: defaultdict(lambda: [0, 0]))
    benign: list[int] = field(default_factory=lambda: [0, 0])
    images: int = 0
    clean: int = 0  # published without review

    def add_image(self, review: bool) -> None:
        self.images += 1
        self.clean += int(not review)

    def add_word(self, category: str, hidden: bool, *, address: bool = False) -> bool:
        """Count one annotated word (``address``: address words too); True when it went wrong: a word that
        must be hidden left visible, or a benign word hidden."""
        if category in MUST_HIDE or (address and category == "address"):
            self.hidden[category][0] += int(hidden)
            self.hidden[category][1] += 1
            return not hidden
        if category == "benign":
            self.benign[0] += int(not hidden)
            self.benign[1] += 1
            return hidden
        return False

    def line(self, label: str) -> str:
        must = [sum(self.hidden[c][0] for c in MUST_HIDE), sum(self.hidden[c][1] for c in MUST_HIDE)]
        cats = "  ".join(f"{c} {share(self.hidden[c])}" for c in MUST_HIDE if self.hidden[c][1])
        return (
            f"{label}: must-hide {share(must)} | benign kept {share(self.benign)} | "
            f"published without review {share([self.clean, self.images])}\n      {cats}"
        )


def _quad_box(quad: list) -> list[float]:
    q = np.asarray(quad, np.float32)
    return [float(q[:, 0].min()), float(q[:, 1].min()), float(q[:, 0].max()), float(q[:, 1].max())]


def bench_pii(folder: Path, policy: Policy, limit: int | None, cache: Path | None) -> None:
    """Per category hidden/total, benign kept and photos published without review on text_pii,
    for the even (tuning) and odd (held-out) halves; then what each source of names adds."""
    data = json.loads((folder / "annotations.json").read_text(encoding="utf-8"))["images"][:limit]
    agency = sorted({w["text"] for e in data for w in e["words"] if w["category"] == "person_name"})
    variants = {
        "defaults": ({*NameSource}, ()),
        "names: context cues only": ({NameSource.CONTEXT}, ()),
        "names: context + general lists (the defaults)": ({NameSource.CONTEXT, NameSource.LISTS}, ()),
        "names: the agency's list only": ({NameSource.KNOWN}, tuple(agency)),
        "names: agency's list + context + general lists": ({*NameSource}, tuple(agency)),
    }
    tallies = {k: {"even": PiiTally(), "odd": PiiTally(), "all": PiiTally()} for k in variants}
    secs: list[float] = []
    for index, entry in enumerate(data):
        rgb = load_rgb(folder / entry["file"])
        t0 = time.perf_counter()
        regions = cached_read(rgb, folder / entry["file"], policy, cache)
        legible = check_legible(rgb, regions, policy.text)
        secs.append(time.perf_counter() - t0)
        for key, (sources, names) in variants.items():
            findings = text_findings(regions, policy.text, names=[(n, "the agency's list") for n in names],
                                     legible=legible, name_sources=frozenset(sources))
            out, _ = redact_findings(rgb, findings, policy)
            changed = changed_mask(rgb, out)
            review = any(f.action is Action.REVIEW for f in findings)
            for half in ("even" if index % 2 == 0 else "odd", "all"):
                t = tallies[key][half]
                t.add_image(review)
                for wd in entry["words"]:
                    t.add_word(wd["category"], review or is_protected(rgb, out, _quad_box(wd["quad"]), changed))
    s = np.asarray(secs) if secs else np.zeros(1)
    print(f"text_pii: {len(data)} images, {s.mean():.2f} s/image to read and check legibility (a review-bound photo counts as all hidden)")
    for key, halves in tallies.items():
        if key == "defaults":
            for half in ("even", "odd", "all"):
                label = {"even": "  even-numbered (tuned on)", "odd": "  odd-numbered (held out)", "all": "  all"}[half]
                print(halves[half].line(label))
        else:
            t = halves["all"]
            print(f"  {key}: person_name {share(t.hidden['person_name'])}, benign kept {share(t.benign)}")


def cached_read(rgb: np.ndarray, path: Path, policy: Policy, cache: Path | None) -> list:
    """read_text, or its result from an earlier run kept in ``cache`` (for quick iterations only)."""
    import hashlib
    import pickle

    if cache is None:
        return read_text(rgb, detect_side=policy.text.detect_side, second_look=policy.text.second_look)
    key = hashlib.sha256(f"{path}|{policy.text.detect_side}|{policy.text.second_look}".encode()).hexdigest()[:24]
    file = cache / f"{key}.pkl"
    if file.is_file():
        return pickle.loads(file.read_bytes())
    regions = read_text(rgb, detect_side=policy.text.detect_side, second_look=policy.text.second_look)
    cache.mkdir(parents=True, exist_ok=True)
    file.write_bytes(pickle.dumps(regions))
    return regions


def cached_legible(rgb: np.ndarray, path: Path, regions: list, policy: Policy, cache: Path | None) -> list[tuple[bool, str]]:
    """check_legible, with each region's second reading kept in ``cache`` (for quick iterations only)."""
    if cache is None:
        return check_legible(rgb, regions, policy.text)
    import hashlib
    import pickle

    from mediascrub.stages.text import is_legible, needs_reread, reread

    key = hashlib.sha256(f"{path}|{policy.text.detect_side}|{policy.text.second_look}|reread".encode()).hexdigest()[:24]
    file = cache / f"{key}.pkl"
    again: dict[int, tuple[str, float]] = pickle.loads(file.read_bytes()) if file.is_file() else {}
    out, added = [], False
    for i, r in enumerate(regions):
        second = None
        if needs_reread(r, policy.text.min_legible):
            if i not in again:
                again[i], added = reread(rgb, r), True
            second = again[i]
        out.append(is_legible(r, policy.text.min_legible, second))
    if added:
        cache.mkdir(parents=True, exist_ok=True)
        file.write_bytes(pickle.dumps(again))
    return out


def bench_no_text(files: list[Path], policy: Policy, cache: Path | None, save: Path | None, label: str) -> None:
    """Text redactions on photos that are not about text (WIDER crowds, the bundled cat)."""
    per: list[tuple[str, int, int]] = []
    for path in files:
        rgb = load_rgb(path)
        regions = cached_read(rgb, path, policy, cache)
        findings = text_findings(regions, policy.text, legible=check_legible(rgb, regions, policy.text))
        hidden = [f for f in findings if f.action is Action.REDACTED]
        review = sum(f.action is Action.REVIEW for f in findings)
        per.append((path.name, len(hidden), review))
        if save is not None and hidden:
            import cv2

            save.mkdir(parents=True, exist_ok=True)
            out, _ = redact_findings(rgb, findings, policy)
            out = np.ascontiguousarray(out)
            for f in hidden:
                cv2.polylines(out, [np.round(np.asarray(f.detail["polygon"])).astype(np.int32)], True, (255, 0, 0), 2)
            Image.fromarray(out).save(save / f"{path.stem}.png")
    with_text = [p for p in per if p[1]]
    print(f"{label}: {len(per)} images, {sum(p[1] for p in per)} text regions hidden in {len(with_text)} images, "
          f"{sum(1 for p in per if p[2])} images with something to review")
    for name, n, r in with_text:
        print(f"    {name}: {n} hidden" + (f", {r} to review" if r else ""))


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--data", type=Path, default=ROOT.parent / "shared" / "evaldata")
    ap.add_argument("--limit", type=int, default=None, help="at most this many images per sub-set (quick runs)")
    ap.add_argument("--policy", type=Path, default=None, help="a mediascrub.toml to use instead of the defaults")
    ap.add_argument("--save", type=Path, default=None, help="write the scrubbed images here (PNG) to look at")
    ap.add_argument("--skip-icdar", action="store_true")
    ap.add_argument("--via-cli", action="store_true", help="scrub through 'mediascrub scrub' (faces off unless --with-faces)")
    ap.add_argument("--with-faces", action="store_true", help="with --via-cli: keep the face stages on")
    ap.add_argument("--only", choices=("pii", "addresses", "icdar", "wider"), action="append",
                    help="run only these parts (repeatable); default: all")
    ap.add_argument("--cache", type=Path, default=None,
                    help="keep OCR results per image here between runs (quick iterations; final figures without it)")
    ap.add_argument("--save-wider", type=Path, default=None, help="write the WIDER photos with text hidden here, outlined")
    ap.add_argument("--list", action="store_true",
                    help="ICDAR: list each plain word hidden, number word visible and hidden region off the words (shows the text read)")
    args = ap.parse_args(argv)
    parts = set(args.only or ("pii", "addresses", "icdar", "wider"))

    policy, _ = load_policy(args.policy, search=False) if args.policy else (Policy(), {})
    if args.list:  # the listing shows what was read
        policy = dataclasses.replace(policy, text=dataclasses.replace(policy.text, show_text=True))
    addr = args.data / "scene_text_addresses"
    if not addr.is_dir():
        print(f"no evaluation data at {addr}", file=sys.stderr)
        return 2
    with tempfile.TemporaryDirectory(prefix="bench_text_") as tmp:
        scrubber: InProcess | ViaCli
        if args.via_cli:
            scrubber = ViaCli(policy, args.policy, args.with_faces, Path(tmp))
        else:
            from mediascrub.stages.text import ocr_engine

            ocr_engine()  # load once before timing
            scrubber = InProcess(policy)
        print(f"scrubbing {scrubber.name}")
        pii = args.data / "text_pii"
        if "pii" in parts and pii.is_dir():
            bench_pii(pii, policy, args.limit, args.cache)
        if "wider" in parts:
            wider = sorted((args.data / "faces_boxes" / "wider_val_416").rglob("*.jpg"))[: args.limit]
            bench_no_text(wider, policy, args.cache, args.save_wider, "faces_boxes/wider_val_416 (WIDER FACE crowds)")
            bench_no_text([ROOT / "fixtures" / "examples" / "chelsea.png"], policy, args.cache, None, "fixtures/examples/chelsea.png")
        if "addresses" in parts:
            overall = Tally()
            for sub in sorted(p for p in addr.iterdir() if (p / "annotations.json").is_file()):
                t = bench_addresses(sub, scrubber, args.limit, args.save)
                report(sub.name, t)
                overall.add(t)
            report("scene_text_addresses overall", overall)
        icdar = args.data / "scene_text" / "icdar2015_test_subset"
        if "icdar" in parts and not args.skip_icdar and icdar.is_dir():
            t = bench_icdar(icdar, scrubber, args.limit, args.list)
            report("icdar2015_test_subset (protected = words with digits; intact = words without)", t)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
