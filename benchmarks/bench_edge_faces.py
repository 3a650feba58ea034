"""Faces the picture's edge cuts: crops of WIDER photos that cut an annotated face, protected or not.

The WIDER sample has too few faces cut by the edge to measure a change for them
(on the even half, 2 of 335 faces of 20 px or more, both unprotected). This
makes more: for faces of at least ``--min-face`` px lying whole inside a photo
(up to ``--per-photo`` of them per photo, drawn with a fixed seed), the photo is
cropped along the side nearest the face so that only ``--visible`` of the face
(a share of its width or height) is left in the picture. Each crop is run through
the face stage as ``bench_faces.py`` runs it (text off, JPEG at the output
quality) and the visible part of the face is scored with ``protect.py``. Only the
cut face is scored; the crop's other faces are context.

Each variant is a settings file (``--policy NAME=FILE``; ``main`` is the defaults);
all run on the same crops in one process, so the figures sit side by side.
Tune on ``--subset dev`` only.

    PYTHONPATH=src python benchmarks/bench_edge_faces.py --subset dev --policy pad=/tmp/pad.toml
"""

from __future__ import annotations

import argparse
import dataclasses
import io
import sys
import time
from pathlib import Path

import numpy as np
from PIL import Image

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "src"))
sys.path.insert(0, str(Path(__file__).resolve().parent))

import protect  # noqa: E402
from bench_faces import face_findings, load_rgb, wider_sample  # noqa: E402


def crops(ann: list[dict], wider: Path, min_face: int, per_photo: int, visible: list[float], seed: int):  # type: ignore[no-untyped-def]
    """(name, crop, visible box of the cut face, side, share left) for every cut made."""
    rng = np.random.default_rng(seed)
    for im in ann:
        rgb = load_rgb(wider / im["file"])
        h, w = rgb.shape[:2]
        whole = [f["bbox_xyxy_416"] for f in im["faces"]]
        whole = [g for g in whole
                 if max(g[2] - g[0], g[3] - g[1]) >= min_face and g[0] >= 2 and g[1] >= 2 and g[2] <= w - 2 and g[3] <= h - 2]
        if not whole:
            continue
        pick = rng.choice(len(whole), size=min(per_photo, len(whole)), replace=False)
        for i in sorted(int(k) for k in pick):
            x0, y0, x1, y1 = whole[i]
            fw, fh = x1 - x0, y1 - y0
            gaps = {"left": x0, "top": y0, "right": w - x1, "bottom": h - y1}
            side = min(gaps, key=gaps.__getitem__)
            for v in visible:
                if side == "left":
                    c = round(x0 + (1 - v) * fw)
                    crop, box = rgb[:, c:], [0, y0, x1 - c, y1]
                elif side == "right":
                    c = round(x1 - (1 - v) * fw)
                    crop, box = rgb[:, :c], [x0, y0, c, y1]
                elif side == "top":
                    c = round(y0 + (1 - v) * fh)
                    crop, box = rgb[c:, :], [x0, 0, x1, y1 - c]
                else:
                    c = round(y1 - (1 - v) * fh)
                    crop, box = rgb[:c, :], [x0, y0, x1, c]
                if min(crop.shape[:2]) < 64 or max(box[2] - box[0], box[3] - box[1]) < 8:
                    continue
                yield Path(im["file"]).stem, np.ascontiguousarray(crop), box, side, v


def scrub(rgb: np.ndarray, policy) -> np.ndarray:  # type: ignore[no-untyped-def]
    from mediascrub.stages.redact import redact_findings

    out, _ = redact_findings(rgb, face_findings(rgb, policy), policy)
    buf = io.BytesIO()
    Image.fromarray(out).save(buf, format="JPEG", quality=policy.output.jpeg_quality)
    return np.asarray(Image.open(io.BytesIO(buf.getvalue())).convert("RGB"))


def main() -> int:
    from mediascrub.policy import Policy, TextPolicy, load_policy

    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--data", type=Path, default=ROOT.parent / "shared" / "evaldata")
    ap.add_argument("--subset", choices=["all", "dev", "test"], default="dev")
    ap.add_argument("--policy", action="append", default=[], metavar="NAME=FILE", help="a settings file to measure beside the defaults")
    ap.add_argument("--min-face", type=int, default=24, help="cut faces of at least this many px (longer side)")
    ap.add_argument("--per-photo", type=int, default=2)
    ap.add_argument("--visible", type=float, nargs="+", default=[0.5, 0.7], help="shares of the face left in the picture")
    ap.add_argument("--seed", type=int, default=20)
    ap.add_argument("--limit", type=int, default=0, help="only the first N photos")
    ap.add_argument("--list", action="store_true", help="list the cut faces each variant leaves unprotected")
    args = ap.parse_args()

    wider, ann = wider_sample(args.data, args.subset, args.limit)
    variants = {"main": Policy()}
    for spec in args.policy:
        name, _, file = spec.partition("=")
        variants[name] = load_policy(Path(file), search=False)[0]
    variants = {k: dataclasses.replace(p, text=TextPolicy(enabled=False)) for k, p in variants.items()}
    hits: dict[str, dict[str, list[int]]] = {k: {} for k in variants}
    secs = dict.fromkeys(variants, 0.0)
    missed: dict[str, list[str]] = {k: [] for k in variants}
    for name, crop, box, side, v in crops(ann, wider, args.min_face, args.per_photo, args.visible, args.seed):
        for k, policy in variants.items():
            t = time.perf_counter()
            out = scrub(crop, policy)
            secs[k] += time.perf_counter() - t
            ok = protect.is_protected(crop, out, box)
            for key in (f"{v:g} visible", f"{side}", "all"):
                cell = hits[k].setdefault(key, [0, 0])
                cell[0] += ok
                cell[1] += 1
            if not ok:
                missed[k].append(f"{name} {side} {v:g} {[round(c) for c in box]}")
    keys = sorted({key for h in hits.values() for key in h}, key=lambda s: (s != "all", s))
    print("cut faces protected (visible part), per variant; seconds of scrubbing in brackets")
    for k in variants:
        cells = "  ".join(f"{key}: {hits[k][key][0]}/{hits[k][key][1]}" for key in keys if key in hits[k])
        print(f"  {k:>10} ({secs[k]:.0f} s)  {cells}")
    if args.list:
        for k in variants:
            print(f"{k} leaves unprotected: {len(missed[k])}")
            for m in missed[k]:
                print("   ", m)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
