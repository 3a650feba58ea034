"""Does ``mediascrub check`` trust mediascrub's own work, and still catch a real face?

On ``faces_boxes/wider_val_416`` (114 WIDER FACE crowd photos), with the real
CLI and the default policy (faces, consent, text and metadata stages all on):

1. ``mediascrub scrub IN --out OUT`` (photos held for review are not
   published and are left out of step 2: there is no output to check);
2. ``mediascrub check --json`` on every published output: the share that comes
   out SAFE (the target is at least 95%);
3. the largest ground-truth face of at least 20 px (``--min-face``) is copied
   from the original back into each output at its place (a face the scrub
   "missed"; the tight ground-truth box, or that box enlarged ``--paste-scale``
   times), the result saved as a JPEG, and checked again: the share that
   comes out NOT SAFE (the target is at least 95%), and how many of those only
   the second detector (faces.second_detector, dlib's HOG) caught. Photos
   without such a face are left out of this step.

A photo's verdict is the ``safe`` field of its report; the command's exit
status must agree (0 only when every photo is safe), and the script checks that.

    PYTHONPATH=src .venv/bin/python benchmarks/bench_check.py --data ../shared/evaldata [--subset dev|test]
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path
from typing import Any

import numpy as np
from PIL import Image

ROOT = Path(__file__).resolve().parent.parent


def run_cli(*args: str) -> subprocess.CompletedProcess[str]:
    env = dict(os.environ, PYTHONPATH=str(ROOT / "src") + os.pathsep + os.environ.get("PYTHONPATH", ""))
    return subprocess.run([sys.executable, "-m", "mediascrub", *args], env=env, capture_output=True, text=True, check=False)


def check_all(paths: list[Path], pol: list[str]) -> dict[str, dict[str, Any]]:
    """``mediascrub check --json`` on ``paths`` (one process); report per input path."""
    res = run_cli("check", "--json", *pol, *map(str, paths))
    reports = json.loads(res.stdout)
    all_safe = all(r["safe"] for r in reports)
    if res.returncode != (0 if all_safe else 1):
        raise SystemExit(f"check exited {res.returncode} but its reports say all safe = {all_safe}")
    return {r["input"]: r for r in reports}


def largest_face(faces: list[dict[str, Any]], min_face: int) -> list[float] | None:
    boxes = [f["bbox_xyxy_416"] for f in faces]
    boxes = [b for b in boxes if max(b[2] - b[0], b[3] - b[1]) >= min_face]
    return max(boxes, key=lambda b: (b[2] - b[0]) * (b[3] - b[1])) if boxes else None


def paste_face(original: Path, output: Path, box: list[float], dst: Path, scale: float = 1.0) -> None:
    """``output`` with the pixels of ``box`` (enlarged ``scale`` times about its
    centre) taken from ``original``, saved as JPEG at ``dst``."""
    a = np.asarray(Image.open(original).convert("RGB"))
    b = np.asarray(Image.open(output).convert("RGB")).copy()
    cx, cy, hw, hh = (box[0] + box[2]) / 2, (box[1] + box[3]) / 2, (box[2] - box[0]) * scale / 2, (box[3] - box[1]) * scale / 2
    box = [cx - hw, cy - hh, cx + hw, cy + hh]
    x0, y0 = max(0, int(np.floor(box[0]))), max(0, int(np.floor(box[1])))
    x1, y1 = min(a.shape[1], int(np.ceil(box[2]))), min(a.shape[0], int(np.ceil(box[3])))
    b[y0:y1, x0:x1] = a[y0:y1, x0:x1]
    Image.fromarray(b).save(dst, quality=95)


def counted(f: dict[str, Any]) -> bool:
    """Whether the finding made ``check`` say NOT SAFE (stages/own_patches.counts_in_check)."""
    d = f.get("detail", {})
    return f["action"] not in ("kept", "visible") and not d.get("own_patch") and not d.get("below_check_bar")


def summarise_unsafe(reports: list[dict[str, Any]]) -> str:
    """What made the unsafe ones unsafe: counts of finding kind/action."""
    from collections import Counter

    c: Counter[str] = Counter()
    for r in reports:
        for f in r.get("findings", []):
            if counted(f):
                c[f"{f['kind']}:{f['action']}"] += 1
    return ", ".join(f"{k} {v}" for k, v in c.most_common()) or "-"


def where_missed(reports: list[dict[str, Any]], sources: dict[str, Path]) -> str:
    """Where the face detections that made outputs NOT SAFE lie, compared with
    the scrub's input: on pixels the scrub left as they were (mean change under
    4 grey levels: a box the detector scored under the line on the original and
    over it once neighbours were anonymised), or on pixels it changed (a patch
    whose level signature did not survive JPEG, e.g. a tiny mosaic), or partly."""
    counts = {"unchanged": 0, "changed": 0, "partly": 0}
    files_unchanged = 0
    for r in reports:
        src = sources.get(Path(r["input"]).name)
        faces = [f for f in r.get("findings", []) if f["kind"] == "face" and counted(f) and f.get("box")]
        if src is None or not faces:
            continue
        a = np.asarray(Image.open(src).convert("RGB"), np.int16)
        b = np.asarray(Image.open(r["input"]).convert("RGB"), np.int16)
        if a.shape != b.shape:
            continue
        seen_unchanged = False
        for f in faces:
            x0, y0, x1, y1 = (max(0, int(round(v))) for v in f["box"])
            d = np.abs(a[y0:y1, x0:x1] - b[y0:y1, x0:x1])
            diff = float(d.mean()) if d.size else 0.0
            key = "unchanged" if diff < 4 else "changed" if diff > 10 else "partly"
            counts[key] += 1
            seen_unchanged |= key == "unchanged"
        files_unchanged += seen_unchanged
    return (f"{counts['unchanged']} on pixels scrub left unchanged, {counts['changed']} on pixels it changed, "
            f"{counts['partly']} partly; {files_unchanged} outputs have one on unchanged pixels")


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--data", type=Path, default=ROOT.parent / "shared" / "evaldata")
    ap.add_argument("--subset", choices=["all", "dev", "test"], default="all")
    ap.add_argument("--min-face", type=int, default=20)
    ap.add_argument("--keep", type=Path, help="keep the work folder here")
    ap.add_argument("--policy", type=Path, help="a policy file for scrub and check (default: the defaults)")
    ap.add_argument("--paste-scale", type=float, default=1.0,
                    help="paste back the ground-truth face box enlarged this many times (default 1: the tight box; "
                         "1.5 puts back about what the patch covered, hair and head outline)")
    args = ap.parse_args()

    wider = args.data / "faces_boxes" / "wider_val_416"
    ann = json.loads((wider / "annotations.json").read_text())["images"]
    if args.subset != "all":
        ann = [im for k, im in enumerate(ann) if (k % 2 == 0) == (args.subset == "dev")]
    work = Path(tempfile.mkdtemp(prefix="bench_check_")) if args.keep is None else args.keep
    try:
        src, out, pasted = work / "in", work / "out", work / "pasted"
        for d in (src, out, pasted):
            d.mkdir(parents=True, exist_ok=True)
        for im in ann:
            shutil.copy(wider / im["file"], src / Path(im["file"]).name)
        pol = ["--policy", str(args.policy)] if args.policy else []
        run_cli("scrub", str(src), "--out", str(out), "--quarantine", str(work / "quarantine"), "-q", *pol)
        published = {Path(im["file"]).name: out / Path(im["file"]).name for im in ann}
        published = {k: v for k, v in published.items() if v.exists()}
        print(f"WIDER val sample: {len(ann)} photos ({args.subset}); scrub published {len(published)}, "
              f"held {len(ann) - len(published)}")
        for why in sorted((work / "quarantine").rglob("*.reason.txt")):
            print(f"  held: {why.name.removesuffix('.reason.txt')}: {why.read_text(encoding='utf-8').strip()[:160]}")

        reports = check_all(sorted(published.values()), pol)
        safe = [r for r in reports.values() if r["safe"]]
        unsafe = [r for r in reports.values() if not r["safe"]]
        own = sum(bool(f.get("detail", {}).get("own_patch")) for r in reports.values() for f in r.get("findings", []))
        print(f"check on mediascrub's outputs: {len(safe)}/{len(reports)} SAFE = {len(safe) / max(len(reports), 1):.3f}"
              f"  ({own} detections recognised as mediascrub's own patches; NOT SAFE because of: {summarise_unsafe(unsafe)})")

        print(f"  the faces that made them NOT SAFE: {where_missed(unsafe, {p.name: p for p in src.iterdir()})}")

        pasted_paths = []
        for im in ann:
            name = Path(im["file"]).name
            box = largest_face(im["faces"], args.min_face)
            if name not in published or box is None:
                continue
            dst = pasted / (Path(name).stem + "_pasted.jpg")
            paste_face(wider / im["file"], published[name], box, dst, args.paste_scale)
            pasted_paths.append(dst)
        reports = check_all(pasted_paths, pol)
        caught = [r for r in reports.values() if not r["safe"]]
        # Only outputs check trusted say something: an output already NOT SAFE stays so.
        was_safe = {str(pasted / (Path(p).stem + "_pasted.jpg")) for p in (r["input"] for r in safe)}
        now = [r for r in reports.values() if r["input"] in was_safe]
        print(f"  of those check called SAFE before the paste: {sum(not r['safe'] for r in now)}/{len(now)} NOT SAFE after it")
        missed = sorted(Path(r["input"]).name for r in reports.values() if r["safe"])
        print(f"check with a real face pasted back: {len(caught)}/{len(reports)} NOT SAFE = "
              f"{len(caught) / max(len(reports), 1):.3f}" + (f"  (missed: {', '.join(missed)})" if missed else ""))
        hog_only = [r for r in caught if all(f.get("detail", {}).get("detector") == "hog" for f in r["findings"] if counted(f))]
        print(f"  of those, caught by the second detector (HOG) alone: {len(hog_only)}"
              + (f" ({', '.join(sorted(Path(r['input']).name for r in hog_only))})" if hog_only else ""))
    finally:
        if args.keep is None:
            shutil.rmtree(work, ignore_errors=True)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
