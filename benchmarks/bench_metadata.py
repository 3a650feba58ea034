"""Metadata benchmark: leaks, failures, orientation, idempotency, lossless JPEG; speed against exiftool.

    .venv/bin/python benchmarks/bench_metadata.py [--data ../shared/evaldata]

Scrubs every file in DATA/metadata with `mediascrub scrub`, then asks exiftool
(`exiftool -j -a -G1`, the independent oracle) what each output still carries.
Times `mediascrub scrub` (metadata only, and the full pipeline with face and
text detection) and `exiftool -all= -o` on the same folder in one run.
"""

from __future__ import annotations

import argparse
import json
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import numpy as np
from PIL import Image

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "tests"))
from exiftool_oracle import exiftool_json, leaks_in  # noqa: E402
from mediascrub.media.containers import jpeg_scan_data  # noqa: E402

MEDIASCRUB = [sys.executable, "-m", "mediascrub"]


def run(cmd: list[str], **kw) -> tuple[float, subprocess.CompletedProcess[str]]:
    t0 = time.perf_counter()
    proc = subprocess.run(cmd, capture_output=True, text=True, **kw)
    return time.perf_counter() - t0, proc


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--data", type=Path, default=ROOT.parent / "shared" / "evaldata")
    ap.add_argument("--keep", type=Path, help="keep outputs in this folder")
    args = ap.parse_args()
    src = args.data / "metadata"
    if not src.is_dir():
        print(f"no data at {src}", file=sys.stderr)
        return 2
    if shutil.which("exiftool") is None:
        print("exiftool is needed (apt-get install libimage-exiftool-perl)", file=sys.stderr)
        return 2
    work = Path(tempfile.mkdtemp(prefix="bench-metadata-")) if args.keep is None else args.keep
    work.mkdir(parents=True, exist_ok=True)
    policy = work / "metadata-only.toml"
    policy.write_text("[faces]\nenabled = false\n[text]\nenabled = false\n")

    # Only image files: the folder also holds provenance notes, a manifest and a JSON dump.
    inputs = work / "inputs"
    if inputs.exists():
        shutil.rmtree(inputs)
    for f in sorted(src.rglob("*")):
        if f.is_file() and "_provenance" not in f.parts and f.suffix.lower() not in {".json", ".csv", ".txt", ".md"}:
            dest = inputs / f.relative_to(src)
            dest.parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(f, dest)
    files = sorted(p for p in inputs.rglob("*") if p.is_file())
    n = len(files)

    out_meta, out_full, out_ex = work / "out-metadata-only", work / "out-full", work / "out-exiftool"
    for d in (out_meta, out_full, out_ex):
        shutil.rmtree(d, ignore_errors=True)
    report = work / "report.json"
    t_meta, p_meta = run([*MEDIASCRUB, "scrub", str(inputs), "--out", str(out_meta), "--report", str(report),
                          "--policy", str(policy), "--jobs", "1"])
    if "No such option: --jobs" in p_meta.stderr:  # older CLI without parallel workers
        t_meta, p_meta = run([*MEDIASCRUB, "scrub", str(inputs), "--out", str(out_meta), "--report", str(report), "--policy", str(policy)])
    t_full, _ = run([*MEDIASCRUB, "scrub", str(inputs), "--out", str(out_full), "--jobs", "1"])
    out_ex.mkdir()
    t_ex, p_ex = run(["exiftool", "-q", "-q", "-all=", "-r", "-o", f"{out_ex}/%d%f.%e", str(inputs)], cwd=str(work))

    doc = json.loads(report.read_text())
    records = doc["files"]
    published = [r for r in records if r["status"] == "published"]
    not_published = [r for r in records if r["status"] != "published"]
    outputs = [Path(r["output"]) for r in published]
    leaking = {r["SourceFile"]: found for r in exiftool_json(outputs) if (found := leaks_in(r))}

    decodable = 0
    for f in files:
        try:
            with Image.open(f) as im:
                im.load()
            decodable += 1
        except Exception:
            pass

    print(f"# Metadata benchmark on {src} ({n} image files, {decodable} decodable by Pillow)")
    print(f"published: {len(published)}   not published: {len(not_published)}")
    print(f"LEAKING OUTPUTS (exiftool sees anything outside the allow-list): {len(leaking)}")
    for f, found in leaking.items():
        print(f"  leak: {f}: {', '.join(found[:8])}")
    print("failures with reasons:")
    for r in not_published:
        print(f"  {Path(r['input']).relative_to(inputs)}: {r['reason']}")

    # Orientation: the eight landscape_N files come out upright and identical in size.
    orient = [Path(r["output"]) for r in published if "/orientation/landscape_" in r["input"]]
    sizes = {Image.open(p).size for p in orient}
    ref = next((p for p in orient if p.stem == "landscape_1"), None)
    diffs = []
    if ref is not None:
        a = np.asarray(Image.open(ref).convert("L"), dtype=np.float32)
        for p in sorted(orient):
            b = np.asarray(Image.open(p).convert("L"), dtype=np.float32)
            diffs.append((p.stem, float(np.abs(a - b).mean()) if a.shape == b.shape else float("inf")))
    upright = sum(1 for _, d in diffs if d < 8.0)
    print(f"orientation: {len(orient)} landscape_N outputs, sizes {sorted(sizes)}, "
          f"{upright}/{len(diffs)} match landscape_1 (mean grey difference < 8: {', '.join(f'{s}={d:.1f}' for s, d in diffs)})")

    # Idempotency: scrubbing the outputs again changes nothing.
    again = work / "out-again"
    shutil.rmtree(again, ignore_errors=True)
    run([*MEDIASCRUB, "scrub", str(out_meta), "--out", str(again), "--policy", str(policy)])
    same = sum(1 for p in outputs if (again / p.relative_to(out_meta)).is_file()
               and (again / p.relative_to(out_meta)).read_bytes() == p.read_bytes())
    print(f"idempotent: {same}/{len(outputs)} outputs unchanged by a second scrub")

    # Lossless JPEG: scan data byte-identical where no pixel change was needed.
    lossless = [r for r in published if any("losslessly" in n for n in r["notes"])]
    identical = sum(1 for r in lossless if jpeg_scan_data(Path(r["input"]).read_bytes()) == jpeg_scan_data(Path(r["output"]).read_bytes()))
    print(f"lossless JPEG rewrites: {len(lossless)}, scan data byte-identical: {identical}")

    print()
    print("speed (same folder, one run, 1 worker):")
    print(f"  mediascrub metadata only : {t_meta:7.2f} s  {n / t_meta:7.2f} files/s")
    print(f"  mediascrub full pipeline : {t_full:7.2f} s  {n / t_full:7.2f} files/s (faces + text detection too)")
    print(f"  exiftool -all= -o        : {t_ex:7.2f} s  {n / t_ex:7.2f} files/s (exit {p_ex.returncode})")
    print(f"  ratio exiftool/mediascrub time: metadata only {t_ex / t_meta:.3f}x, full {t_ex / t_full:.4f}x "
          "(>1 means mediascrub is faster)")
    ex_out = [p for p in out_ex.rglob("*") if p.is_file()]
    ex_leaks = {r["SourceFile"]: found for r in exiftool_json(ex_out) if (found := leaks_in(r))}
    print(f"  for comparison, exiftool -all= outputs that still leak by the same oracle: {len(ex_leaks)}/{len(ex_out)}")
    return 0 if not leaking else 1


if __name__ == "__main__":
    sys.exit(main())
