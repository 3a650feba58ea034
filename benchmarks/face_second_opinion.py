"""Does MTCNN's ONet (or RNet) tell CenterFace's weak boxes on faces from those on
other things better than CenterFace's own score? (issue 20)

For every photo, CenterFace runs as ``scrub`` runs it (all passes, everything
from the floor); each detection scoring under ``faces.confident`` is a weak
candidate. On the WIDER sample a candidate is a face when its box overlaps an
annotated face (any size) with an IoU of at least ``--iou``; on the face-free
photos (face_free.py) every candidate is a false box. For each candidate it
records CenterFace's score, ONet's and RNet's face probability on the square
crop around the box (stages/mtcnn.py) and what main's rule decides
(stages/face_evidence.py), then prints the AUC of each score and of simple
combinations, per set and for the candidates main's rule hides ("people in the
photo"), and what gating those with ONet would keep and drop.

The WIDER sample's photos were resized to 416 x 416 whatever their shape, so
faces in them are squeezed; ``onet_true`` is ONet on a crop that undoes that
(a measurement aid only: scrub cannot know a photo was squeezed).

Usage (tune on the even half only; never --subset test on WIDER):
    nice -n 10 PYTHONPATH=$PWD/src python benchmarks/face_second_opinion.py --subset dev
    ... --cache /tmp/so.json   # keep the per-candidate table; --from-cache to re-analyse it
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

import cv2
import numpy as np
from PIL import Image, ImageOps

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "src"))
sys.path.insert(0, str(Path(__file__).resolve().parent))


class Evidence:
    BELOW_FLOOR = "below scrub's floor"


def iou(a: list[float], b: list[float]) -> float:
    ix = max(0.0, min(a[2], b[2]) - max(a[0], b[0]))
    iy = max(0.0, min(a[3], b[3]) - max(a[1], b[1]))
    inter = ix * iy
    union = (a[2] - a[0]) * (a[3] - a[1]) + (b[2] - b[0]) * (b[3] - b[1]) - inter
    return inter / union if union > 0 else 0.0


def auc(pos: list[float], neg: list[float]) -> float:
    """Probability that a random positive outranks a random negative (ties count half)."""
    if not pos or not neg:
        return float("nan")
    p, n = np.asarray(pos), np.asarray(neg)
    allv = np.concatenate([p, n])
    order = allv.argsort(kind="mergesort")
    ranks = np.empty(len(allv))
    sv = allv[order]
    i = 0
    while i < len(sv):  # average ranks of ties
        j = i
        while j + 1 < len(sv) and sv[j + 1] == sv[i]:
            j += 1
        ranks[order[i : j + 1]] = (i + j) / 2.0 + 1
        i = j + 1
    return float((ranks[: len(p)].sum() - len(p) * (len(p) + 1) / 2) / (len(p) * len(n)))


def squeezed_crop(rgb: np.ndarray, box: list[float], sx: float, sy: float) -> np.ndarray:
    """A 48x48 crop of the square (in the original photo) around ``box`` of a photo squeezed by sx, sy."""
    from mediascrub.findings import Box
    from mediascrub.stages.mtcnn import square_crop

    # Back to the original photo's proportions (uniform scale), crop there.
    h, w = rgb.shape[:2]
    f = max(sx, sy)
    nw, nh = round(w * f / sx), round(h * f / sy)
    big = cv2.resize(rgb, (nw, nh), interpolation=cv2.INTER_LINEAR)
    b = Box(box[0] * f / sx, box[1] * f / sy, box[2] * f / sx, box[3] * f / sy)
    return square_crop(big, b, 48)


#: Also looked at: the boxes between this score and scrub's floor (would lowering it, with ONet as the gate, find more faces?).
LOW_FLOOR = 0.04


def candidates(rgb: np.ndarray) -> list[dict]:
    import dataclasses

    from mediascrub.policy import Policy
    from mediascrub.stages.face_evidence import Candidate, judge_faces
    from mediascrub.stages.faces import detect_faces
    from mediascrub.stages.mtcnn import onet_scores, rnet_scores

    policy = Policy().faces
    floor = max(1e-3, policy.threshold - policy.review_band)
    every = detect_faces(rgb, dataclasses.replace(policy, threshold=LOW_FLOOR, review_band=0.0))
    dets = [d for d in every if d.score >= floor]
    ev = judge_faces(rgb, [Candidate(d.box, d.score) for d in dets], policy)
    ev += [Evidence.BELOW_FLOOR] * (len(every) - len(dets))  # type: ignore[list-item]
    dets += [d for d in every if d.score < floor]
    weak = [(d, e) for d, e in zip(dets, ev, strict=True) if d.score < policy.confident]
    boxes = [d.box for d, _ in weak]
    on = onet_scores(rgb, boxes)
    on12 = onet_scores(rgb, boxes, 1.2)
    rn = rnet_scores(rgb, boxes)
    n_conf = sum(d.score >= policy.confident for d in dets)
    return [
        {
            "box": [d.box.x0, d.box.y0, d.box.x1, d.box.y1], "score": d.score, "evidence": getattr(e, "value", e),
            "onet": o, "onet12": o12, "rnet": r, "size": d.box.size, "confident_in_photo": n_conf,
        }
        for (d, e), o, o12, r in zip(weak, on, on12, rn, strict=True)
    ]


def collect(data: Path, subset: str, iou_min: float) -> list[dict]:
    from face_free import face_free_photos

    from mediascrub.stages.mtcnn import normalise, onet_forward

    rows: list[dict] = []
    wider = data / "faces_boxes" / "wider_val_416"
    ann = json.loads((wider / "annotations.json").read_text())["images"]
    ann = [im for k, im in enumerate(ann) if (k % 2 == 0) == (subset == "dev")]
    for im in ann:
        with Image.open(wider / im["file"]) as pil:
            rgb = np.asarray(ImageOps.exif_transpose(pil).convert("RGB"))
        gts = [f["bbox_xyxy_416"] for f in im["faces"]]
        cands = candidates(rgb)
        if cands:
            true = onet_forward(normalise([squeezed_crop(rgb, c["box"], im["scale_x"], im["scale_y"]) for c in cands]))
        for c, t in zip(cands, true if cands else [], strict=True):
            best, gt = max(((iou(c["box"], g), g) for g in gts), default=(0.0, None), key=lambda t: t[0])
            gsize = max(gt[2] - gt[0], gt[3] - gt[1]) if gt is not None else 0.0
            # Is that face already under a box scrub hides at its floor (any score, evidence aside)?
            covered = gt is not None and any(
                iou(o["box"], gt) >= 0.3 for o in cands if o is not c and o["evidence"] != Evidence.BELOW_FLOOR)
            c.update(set="wider", half=subset, photo=im["file"], face=best >= iou_min, iou=best, onet_true=float(t),
                     face_size=gsize, covered=covered)
            rows.append(c)
        print(f"{im['file']}: {len(cands)} weak", file=sys.stderr)
    for ph in face_free_photos(data):
        for c in candidates(ph.load()):
            c.update(set="face_free", half=ph.half, photo=ph.name, face=False, iou=0.0, onet_true=c["onet"])
            rows.append(c)
    return rows


COMBOS = {
    "CenterFace score": lambda c: c["score"],
    "ONet": lambda c: c["onet"],
    "ONet (1.2x crop)": lambda c: c["onet12"],
    "RNet": lambda c: c["rnet"],
    "ONet x RNet": lambda c: c["onet"] * c["rnet"],
    "mean(score/0.5, ONet)": lambda c: (c["score"] / 0.5 + c["onet"]) / 2,
    "max(score/0.5, ONet)": lambda c: max(c["score"] / 0.5, c["onet"]),
    "score x ONet": lambda c: c["score"] * c["onet"],
    "ONet, unsqueezed (aid)": lambda c: c["onet_true"],
}


def report(rows: list[dict], subset: str) -> None:
    low = [r for r in rows if r["evidence"] == Evidence.BELOW_FLOOR and r["set"] == "wider"]
    rows = [r for r in rows if r["evidence"] != Evidence.BELOW_FLOOR]
    wider = [r for r in rows if r["set"] == "wider"]
    ff_dev = [r for r in rows if r["set"] == "face_free" and r["half"] == "dev"]
    groups = {
        f"WIDER {subset}, all weak": wider,
        f"WIDER {subset}, hidden by main's rule": [r for r in wider if r["evidence"] != "no sign of a person"],
        f"WIDER {subset}, >= 20 px": [r for r in wider if r["size"] >= 20],
        f"WIDER {subset} weak + face-free dev": wider + ff_dev,
    }
    for name, rs in groups.items():
        pos = [r for r in rs if r["face"]]
        neg = [r for r in rs if not r["face"]]
        print(f"{name}: {len(pos)} on a face, {len(neg)} not")
        for cname, f in COMBOS.items():
            print(f"  AUC {cname:<26} {auc([f(r) for r in pos], [f(r) for r in neg]):.3f}")
    for half in ("dev", "test"):
        ff = [r for r in rows if r["set"] == "face_free" and r["half"] == half]
        photos = {r["photo"] for r in ff}
        hidden = [r for r in ff if r["evidence"] != "no sign of a person"]
        print(f"face-free {half}: {len(ff)} weak boxes on {len(photos)} photos; main's rule hides {len(hidden)} "
              f"(ONet of those: {', '.join(format(r['onet'], '.2f') for r in hidden) or '-'}); "
              f"ONet >= 0.5 on {sum(r['onet'] >= 0.5 for r in ff)}, >= 0.9 on {sum(r['onet'] >= 0.9 for r in ff)}")
    hid = [r for r in wider if r["evidence"] != "no sign of a person"]
    n_on, n_off = sum(r["face"] for r in hid), sum(not r["face"] for r in hid)
    print(f"Gate on WIDER {subset} (boxes main's rule hides: {n_on} on faces, {n_off} not):")
    for t in (0.01, 0.02, 0.05, 0.1, 0.2, 0.3, 0.5):
        drop = [r for r in hid if r["onet"] < t]
        print(f"  ONet < {t:<4}: drops {sum(not r['face'] for r in drop)} false boxes and {sum(r['face'] for r in drop)} on faces "
              f"({sum(r['face'] and r['size'] >= 20 for r in drop)} of them >= 20 px)")
    left = [r for r in wider if r["evidence"] == "no sign of a person"]
    print(f"Boxes main's rule leaves on WIDER {subset}: {sum(r['face'] for r in left)} on faces, {sum(not r['face'] for r in left)} not")
    for t in (0.5, 0.8, 0.9, 0.95, 0.99):
        add = [r for r in left if r["onet"] >= t]
        print(f"  ONet >= {t:<4}: would add {sum(r['face'] for r in add)} on faces and {sum(not r['face'] for r in add)} false")
    new = [r for r in low if r["face"] and r["face_size"] >= 20 and not r["covered"]]
    false = [r for r in low if not r["face"]]
    print(f"Boxes from {LOW_FLOOR} to scrub's floor on WIDER {subset}: {sum(r['face'] for r in low)} on faces, {len(false)} not; "
          f"on a face of >= 20 px no hidden box covers: {len(new)} (ONet {', '.join(format(r['onet'], '.3f') for r in new) or '-'})")
    for t in (0.5, 0.9, 0.99):
        print(f"  kept where ONet >= {t:<4}: {sum(r['onet'] >= t for r in false)} false, {sum(r['onet'] >= t for r in new)} of those faces")


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--data", type=Path, default=ROOT.parent / "shared" / "evaldata")
    ap.add_argument("--subset", choices=["dev"], default="dev", help="WIDER half (only the tuning half)")
    ap.add_argument("--iou", type=float, default=0.4)
    ap.add_argument("--cache", type=Path, help="write the per-candidate table here (JSON)")
    ap.add_argument("--from-cache", action="store_true", help="read the table from --cache instead of detecting")
    args = ap.parse_args()
    if args.from_cache and args.cache:
        rows = json.loads(args.cache.read_text())
    else:
        rows = collect(args.data, args.subset, args.iou)
        if args.cache:
            args.cache.write_text(json.dumps(rows))
    report(rows, args.subset)
    return 0


if __name__ == "__main__":
    sys.exit(main())
