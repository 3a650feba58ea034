"""Where the WIDER over-redaction comes from: which patches change the pixels outside the faces.

Runs mediascrub's face stage on a half of ``faces_boxes/wider_val_416`` (as
``bench_faces.py`` does: text stage off, JPEG at the output quality), then
splits the changed non-face pixels (``protect.py``'s rule) by what drew them:

(a) patches on annotated faces (detector box with IoU >= 0.3 with an
    annotation), inside the mask but outside the annotation's box, split by the
    original pixel's brightness (dark < 64 <= mid < 200 <= bright);
(b) patches on boxes matching no annotation (false alarms, weak crowd boxes,
    unannotated faces), split the same way, and by detection strength and size;
(c) pixels outside every mask: the ring of one pixel around each patch that
    the metric's 3x3 blur counts as changed although nothing was drawn there,
    and anything else (text is off; JPEG re-encoding).

It also lists the half's faces of 20 px or more left unprotected, and whether a
hidden box lay on them. ``--cache`` keeps the detections (a pickle of this
code's own Findings), so drawing variants can be compared without detecting
again; ``--jitter N`` also scores N runs with every face box shifted at random
by 8% of its size (a check that a drawing change keeps faces whose box is a
little off, as small faces' boxes are). Tune on ``--subset dev`` only.

    PYTHONPATH=src python benchmarks/over_redaction_sources.py --subset dev --list
"""

from __future__ import annotations

import argparse
import dataclasses
import io
import json
import pickle
import sys
from pathlib import Path

import cv2
import numpy as np
from PIL import Image

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "src"))
sys.path.insert(0, str(Path(__file__).resolve().parent))

import bench_faces  # noqa: E402
import protect  # noqa: E402
from bench_faces import _policy, face_findings, load_rgb  # noqa: E402
from face_second_opinion import auc, iou  # noqa: E402

MATCH_IOU = 0.3
PARTS = ("a_dark", "a_mid", "a_bright", "b_dark", "b_mid", "b_bright", "b_weak", "b_strong", "c_ring", "c_other")


def _middle(lab: np.ndarray, b: object) -> np.ndarray:
    """Mean Lab colour of the middle half of box ``b``."""
    (cx, cy), rx, ry = b.center, b.width / 4, b.height / 4  # type: ignore[attr-defined]
    px = lab[max(0, int(cy - ry)):int(cy + ry) + 1, max(0, int(cx - rx)):int(cx + rx) + 1].reshape(-1, 3)
    return px.mean(axis=0)


def cues(ann: list[dict], images: list[Path], found: dict[str, list]) -> None:
    """Two more cues for the weak boxes hidden beside confident faces (photos with 3 or more): the box's
    size against the size the confident faces have at its height (a line fitted to their log size
    over their centre's y: a crowd seen from above, faces smaller further up), and its colour (the
    middle half of the box, a and b of CIE Lab) against the confident faces' median, in their
    spread. Prints each cue's AUC beside the score's, and what a rule on the colour would drop."""
    from mediascrub.findings import Kind
    from mediascrub.stages.redact import HIDDEN_ACTIONS

    on_face: list[bool] = []
    score: list[float] = []
    size_off: list[float] = []
    colour_off: list[float] = []
    for im, path in zip(ann, images, strict=True):
        lab = cv2.cvtColor(load_rgb(path), cv2.COLOR_RGB2LAB).astype(np.float32)
        gt = [f["bbox_xyxy_416"] for f in im["faces"]]
        faces = [f for f in found[path.name] if f.kind is Kind.FACE and f.box is not None and f.action in HIDDEN_ACTIONS]
        sure = [f for f in faces if f.score >= _policy().faces.confident]
        if len(sure) < 3:
            continue

        ys = np.array([f.box.center[1] for f in sure])
        fit = np.polyfit(ys, np.log([f.box.size for f in sure]), 1)
        ab = np.array([_middle(lab, f.box)[1:] for f in sure])
        centre, spread = np.median(ab, axis=0), np.maximum(ab.std(axis=0), 3.0)
        for f in faces:
            if f.score >= _policy().faces.confident:
                continue
            on_face.append(any(iou([f.box.x0, f.box.y0, f.box.x1, f.box.y1], g) >= MATCH_IOU for g in gt))
            score.append(f.score)
            size_off.append(abs(float(np.log(f.box.size) - np.polyval(fit, f.box.center[1]))))
            colour_off.append(float(np.hypot(*((_middle(lab, f.box)[1:] - centre) / spread))))
    lab_ = np.array(on_face)
    s, so, co = np.array(score), np.array(size_off), np.array(colour_off)

    def a(v: np.ndarray) -> float:
        return auc(list(v[lab_]), list(v[~lab_]))

    print(f"weak boxes hidden in photos with 3+ confident faces: {len(lab_)}, {int(lab_.sum())} on an annotated face")
    print(f"  AUC: score {a(s):.2f}; size against the confident faces' at its height {a(-so):.2f}; "
          f"colour against theirs {a(-co):.2f}; log score - 0.2 x colour distance {a(np.log(s) - 0.2 * co):.2f}")
    for top, far in ((0.12, 0.0), (0.3, 4.0), (0.5, 4.0)):
        drop = (s < top) & (co > far)
        print(f"  dropping those under {top} with colour distance over {far:g}: {int(drop[lab_].sum())} on faces, "
              f"{int(drop[~lab_].sum())} not")


def detect(images: list[Path]) -> dict[str, list]:
    policy = _policy()
    return {path.name: face_findings(load_rgb(path), policy) for path in images}


def _shifted(findings: list, rng: np.random.Generator) -> list:
    from mediascrub.findings import Box, Kind

    out = []
    for f in findings:
        if f.kind is Kind.FACE and f.box is not None:
            dx, dy = rng.normal(0.0, 0.08, 2) * f.box.size
            f = dataclasses.replace(f, box=Box(f.box.x0 + dx, f.box.y0 + dy, f.box.x1 + dx, f.box.y1 + dy))
        out.append(f)
    return out


def score(ann: list[dict], images: list[Path], found: dict[str, list], jitter: int | None = None) -> dict:
    from mediascrub.findings import Kind
    from mediascrub.stages.redact import (
        HIDDEN_ACTIONS,
        _beyond_edge,
        _int_bounds,
        face_mask_policy,
        luma,
        mask_box,
        redact_findings,
        region_mask,
    )

    policy = _policy()
    tot = dict.fromkeys(PARTS, 0) | {"changed": 0, "outside": 0, "protected": 0, "faces": 0, "boxes": 0, "on_faces": 0}
    unprotected: list[tuple] = []
    by_size: dict[str, list[int]] = {}
    for k, (im, path) in enumerate(zip(ann, images, strict=True)):
        rgb = load_rgb(path)
        findings = found[path.name]
        if jitter is not None:
            findings = _shifted(findings, np.random.default_rng(jitter * 100_000 + k))
        out, _ = redact_findings(rgb, findings, policy)
        buf = io.BytesIO()
        Image.fromarray(out).save(buf, format="JPEG", quality=policy.output.jpeg_quality)
        out = np.asarray(Image.open(io.BytesIO(buf.getvalue())).convert("RGB"))
        gt = [f["bbox_xyxy_416"] for f in im["faces"]]
        changed = protect.changed_mask(rgb, out)
        h, w = rgb.shape[:2]
        outside = np.ones((h, w), bool)
        for g in gt:
            x0, y0, x1, y1 = (int(round(v)) for v in g)
            outside[max(0, y0):min(h, y1), max(0, x0):min(w, x1)] = False
        on_face = np.zeros((h, w), bool)
        elsewhere = np.zeros((h, w), bool)
        weak = np.zeros((h, w), bool)
        faces = [f for f in findings if f.action in HIDDEN_ACTIONS and f.kind is Kind.FACE and f.box is not None]
        oc = changed & outside
        for f in faces:
            mpol = face_mask_policy(f.box, policy.faces)
            full = mask_box(_beyond_edge(f.box, w, h), mpol)
            b = _int_bounds(full.clipped(w, h), w, h)
            if b is None:
                continue
            m = region_mask(full, b, mpol.mask_shape)
            matched = any(iou([f.box.x0, f.box.y0, f.box.x1, f.box.y1], g) >= MATCH_IOU for g in gt)
            (on_face if matched else elsewhere)[b[1]:b[3], b[0]:b[2]] |= m
            tot["boxes"] += 1
            tot["on_faces"] += matched
            if not matched:
                if f.score < policy.faces.confident:
                    weak[b[1]:b[3], b[0]:b[2]] |= m
                size = "under 20 px" if f.box.size < 20 else "20-40 px" if f.box.size < 40 else "40 px+"
                cell = by_size.setdefault(size, [0, 0])
                cell[0] += 1
                cell[1] += int((oc[b[1]:b[3], b[0]:b[2]] & m).sum())
        elsewhere &= ~on_face
        y = luma(rgb)
        tot["outside"] += int(outside.sum())
        tot["changed"] += int(oc.sum())
        for name, region in (("a", on_face), ("b", elsewhere)):
            r = oc & region
            tot[name + "_dark"] += int((r & (y < 64)).sum())
            tot[name + "_mid"] += int((r & (y >= 64) & (y < 200)).sum())
            tot[name + "_bright"] += int((r & (y >= 200)).sum())
        tot["b_weak"] += int((oc & elsewhere & weak).sum())
        tot["b_strong"] += int((oc & elsewhere & ~weak).sum())
        drawn = on_face | elsewhere
        ring = cv2.dilate(drawn.astype(np.uint8), np.ones((3, 3), np.uint8)).astype(bool) & ~drawn
        tot["c_ring"] += int((oc & ring).sum())
        tot["c_other"] += int((oc & ~drawn & ~ring).sum())
        for g in gt:
            if max(g[2] - g[0], g[3] - g[1]) < 20:
                continue
            tot["faces"] += 1
            if protect.is_protected(rgb, out, g, changed):
                tot["protected"] += 1
                continue
            best = max([iou([f.box.x0, f.box.y0, f.box.x1, f.box.y1], g) for f in faces] + [0.0])
            x0, y0, x1, y1 = (max(0, int(round(v))) for v in g)
            unprotected.append((path.name, [round(v) for v in g], round(best, 2),
                                float(changed[y0:y1, x0:x1].mean()), float(y[y0:y1, x0:x1].mean())))
    tot["unprotected"] = unprotected
    tot["by_size"] = by_size
    return tot


def report(tot: dict, listing: bool) -> None:
    o = max(tot["outside"], 1)
    print(f"protected >=20px: {tot['protected'] / max(tot['faces'], 1):.3f} ({tot['protected']}/{tot['faces']})  "
          f"over-redaction: {100 * tot['changed'] / o:.2f}%  face boxes hidden: {tot['boxes']} "
          f"({tot['on_faces']} on an annotated face)")
    words = {
        "a_dark": "(a) on annotated faces, outside their box, dark (<64)", "a_mid": "(a) ... mid", "a_bright": "(a) ... bright (>=200)",
        "b_dark": "(b) boxes on no annotated face, dark", "b_mid": "(b) ... mid", "b_bright": "(b) ... bright",
        "b_weak": "(b) of which weak boxes (score < confident)", "b_strong": "(b) of which confident boxes",
        "c_ring": "(c) 1-px ring around patches (metric's blur)", "c_other": "(c) anything else",
    }
    for k in PARTS:
        print(f"  {words[k]:<55} {100 * tot[k] / o:5.2f} points")
    for k, (n, px) in sorted(tot["by_size"].items()):
        print(f"  (b) boxes {k}: {n}, {100 * px / o:.2f} points (each box's own changed pixels; overlaps counted twice)")
    if listing:
        for name, box, best, share, level in tot["unprotected"]:
            why = "no hidden box on it" if best < 0.1 else f"hidden box IoU {best}, not protected by the rule"
            print(f"  unprotected: {name} {box}: {why}; {share:.0%} of its pixels changed; mean luma {level:.0f}")


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--data", type=Path, default=ROOT.parent / "shared" / "evaldata")
    ap.add_argument("--subset", choices=["all", "dev", "test"], default="dev")
    ap.add_argument("--cache", type=Path, help="pickle of the detections: read if it exists, else written")
    ap.add_argument("--jitter", type=int, default=0, help="also score this many runs with the boxes shifted at random")
    ap.add_argument("--list", action="store_true", help="list the unprotected faces")
    ap.add_argument("--cues", action="store_true", help="also measure two more cues for the weak boxes")
    ap.add_argument("--policy", type=Path, help="a mediascrub settings file to measure instead of the defaults")
    args = ap.parse_args()
    bench_faces.POLICY_FILE = args.policy
    wider = args.data / "faces_boxes" / "wider_val_416"
    ann = json.loads((wider / "annotations.json").read_text())["images"]
    if args.subset != "all":
        ann = [im for k, im in enumerate(ann) if (k % 2 == 0) == (args.subset == "dev")]
    images = [wider / im["file"] for im in ann]
    if args.cache is not None and args.cache.exists():
        found = pickle.loads(args.cache.read_bytes())  # noqa: S301 - this script's own file
    else:
        found = detect(images)
        if args.cache is not None:
            args.cache.write_bytes(pickle.dumps(found))
    print(f"WIDER val sample, {args.subset}: {len(images)} images")
    report(score(ann, images, found), args.list)
    if args.cues:
        cues(ann, images, found)
    if args.jitter:
        runs = [score(ann, images, found, j) for j in range(args.jitter)]
        prot = [r["protected"] for r in runs]
        over = [100 * r["changed"] / max(r["outside"], 1) for r in runs]
        print(f"boxes shifted at random by 8% of their size, {args.jitter} runs: protected {np.mean(prot):.2f} "
              f"(min {min(prot)}, max {max(prot)}), over-redaction {np.mean(over):.2f}%")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
