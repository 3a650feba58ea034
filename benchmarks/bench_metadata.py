"""Metadata benchmark: leaks, failures, orientation, idempotency, JPEG pixels; speed against exiftool and the old path.

    .venv/bin/python benchmarks/bench_metadata.py [--data ../shared/evaldata] [--old-commit 3a152e6]

Scrubs every file in DATA/metadata with `mediascrub scrub`, then asks exiftool
(`exiftool -j -a -G1`, the independent oracle) what each output still carries.
Times `mediascrub scrub` (metadata only, and the full pipeline with face and
text detection) and `exiftool -all= -o` on the same folder in one run.

Always rebuilding against the old path: the code of ``--old-commit`` (3a152e6: files
with nothing to remove were published unchanged, JPEGs rewritten by copying their scan
data) is checked out into a temp folder (``git archive``) and run on the same inputs
in the same run; the time of both and, for every JPEG, the pixel difference of the new
output against the input's decoded pixels and against the old output are printed.

Leak measurement on several corpora (issue 22), instead of the run above:

    .venv/bin/python benchmarks/bench_metadata.py --corpus hostile1 --corpus hostile2 \
        --corpus exiftool=/path/to/exiftool/t/images --corpus evaldata

For each corpus: every file is scrubbed (metadata only) through the command line with a report,
exiftool is asked what each output still carries outside the allow-list, and what was refused is
listed by reason; internal errors are counted. ``hostile2`` (tests/hostile_corpus2.py) also counts
published outputs that still carry their planted marker and inputs ``check`` calls SAFE. ``evaldata``
also gives the cost of the JPEG rule (standard quantisation tables, cleared edge padding): how many
JPEG outputs are no longer pixel-identical to their input, and their PSNR. ExifTool's test images
are used by path from a clone of its repository (never copied into this one).
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

MEDIASCRUB = [sys.executable, "-m", "mediascrub"]


def old_code(work: Path, commit: str) -> Path | None:
    """``src/`` of ``commit`` extracted under ``work`` (None when git cannot give it)."""
    dest = work / f"code-{commit}"
    if (dest / "src").is_dir():
        return dest / "src"
    dest.mkdir(parents=True, exist_ok=True)
    archive = subprocess.run(["git", "-C", str(ROOT), "archive", commit, "src"], capture_output=True)
    if archive.returncode != 0:
        return None
    subprocess.run(["tar", "-x", "-C", str(dest)], input=archive.stdout, check=True)
    return dest / "src"


CPU_SNIPPET = """
import sys, tempfile, time
from pathlib import Path
from mediascrub.pipeline import Pipeline
from mediascrub.policy import load_policy
policy, _ = load_policy(None, {"faces.enabled": False, "text.enabled": False})
pipeline = Pipeline(policy)
inputs = Path(sys.argv[1])
files = sorted(f for f in inputs.rglob("*") if f.is_file())
out = Path(tempfile.mkdtemp())
pipeline.scrub(files[0], out / "warm-up" / files[0].name)
t = time.process_time()
for f in files:
    pipeline.scrub(f, out / f.relative_to(inputs))
print(time.process_time() - t)
"""


def cpu_seconds(code: Path, inputs: Path) -> float | None:
    """CPU seconds one process spends scrubbing ``inputs`` (metadata only) with the code in ``code``; robust to a
    busy machine, unlike wall time."""
    import os

    proc = subprocess.run([sys.executable, "-c", CPU_SNIPPET, str(inputs)], capture_output=True, text=True,
                          env=dict(os.environ, PYTHONPATH=str(code)))
    try:
        return float(proc.stdout.strip().splitlines()[-1])
    except (ValueError, IndexError):
        return None


def pixels(path: Path) -> np.ndarray | None:
    try:
        with Image.open(path) as im:
            from PIL import ImageOps

            return np.asarray(ImageOps.exif_transpose(im).convert("RGB"), dtype=np.int16)
    except Exception:
        return None


def run(cmd: list[str], **kw) -> tuple[float, subprocess.CompletedProcess[str]]:
    t0 = time.perf_counter()
    proc = subprocess.run(cmd, capture_output=True, text=True, **kw)
    return time.perf_counter() - t0, proc


def _write_corpus(name: str, folder: Path, data: Path) -> dict[str, object]:
    """Put the files of corpus ``name`` (hostile1, hostile2, exiftool=PATH, evaldata) in ``folder``;
    returns {file name: Hiding} for hostile2 (its probes), else {}."""
    folder.mkdir(parents=True, exist_ok=True)
    if name == "hostile1":
        from hostile_corpus import mutants, sources

        base = sources()
        for sample in base + mutants(base, count=300):
            (folder / sample.name).write_bytes(sample.data)
        return {}
    if name == "hostile2":
        from hostile_corpus2 import hidings

        found = {}
        for h in hidings():
            (folder / h.name).write_bytes(h.data)
            found[h.name] = h
        return found
    if name.startswith("exiftool="):
        source = Path(name.split("=", 1)[1])
    elif name == "evaldata":
        source = data / "metadata"
    else:
        raise SystemExit(f"unknown corpus {name!r} (hostile1, hostile2, exiftool=PATH, evaldata)")
    notes = {".json", ".csv", ".txt", ".md"} if name == "evaldata" else set()  # provenance notes, manifest, dump
    for f in sorted(source.rglob("*")):
        if f.is_file() and "_provenance" not in f.parts and f.suffix.lower() not in notes:
            dest = folder / f.relative_to(source)
            dest.parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(f, dest)
    return {}


def _psnr(a: np.ndarray, b: np.ndarray) -> float:
    mse = float(np.mean((a.astype(np.float64) - b.astype(np.float64)) ** 2))
    return float("inf") if mse == 0 else 10 * float(np.log10(255.0**2 / mse))


def measure_corpus(name: str, work: Path, data: Path, policy: Path) -> bool:
    """Scrub one corpus and print its figures; True when nothing leaked and nothing ended in an internal error."""
    label = name.split("=", 1)[0]
    inputs, out, report = work / f"in-{label}", work / f"out-{label}", work / f"report-{label}.json"
    for d in (inputs, out):
        shutil.rmtree(d, ignore_errors=True)
    probes = _write_corpus(name, inputs, data)
    files = sorted(p for p in inputs.rglob("*") if p.is_file())
    t, proc = run([*MEDIASCRUB, "scrub", str(inputs), "--out", str(out), "--report", str(report), "--policy", str(policy),
                   "--jobs", "1"])
    records = json.loads(report.read_text())["files"]
    published = [r for r in records if r["status"] == "published"]
    refused = [r for r in records if r["status"] != "published"]
    internal = [r for r in records if "internal error" in (r.get("reason") or "")]
    outputs = [Path(r["output"]) for r in published]
    leaking = {r["SourceFile"]: found for r in exiftool_json(outputs) if (found := leaks_in(r))}
    print(f"## corpus {label}: {len(files)} files, {len(published)} published, {len(refused)} refused, "
          f"{len(internal)} internal errors, {t:.1f} s (exit {proc.returncode})")
    print(f"outputs with a tag outside the allow-list (exiftool -j -a -G1): {len(leaking)} of {len(outputs)}")
    for f, found in leaking.items():
        print(f"  leak: {f}: {', '.join(found[:8])}")
    for r in internal:
        print(f"  INTERNAL ERROR: {Path(r['input']).name}: {r['reason']}")
    reasons: dict[str, list[str]] = {}
    for r in refused:
        reason = r.get("reason") or "?"
        reasons.setdefault(reason, []).append(Path(r["input"]).name)
    print("refused, by reason:")
    for reason, names in sorted(reasons.items(), key=lambda kv: -len(kv[1])):
        shown = ", ".join(names[:6]) + (f" (+{len(names) - 6})" if len(names) > 6 else "")
        print(f"  {len(names):4d}  {reason[:150]}  [{shown}]")
    ok = not leaking and not internal
    if probes:
        from mediascrub.pipeline import Pipeline
        from mediascrub.policy import load_policy

        pol, _ = load_policy(policy, search=False)
        checker = Pipeline(pol)
        carried = [Path(r["input"]).name for r in published if probes[Path(r["input"]).name].leaked(Path(r["output"]).read_bytes())]  # type: ignore[attr-defined]
        called_safe = [f.name for f in files if checker.check(f).safe]
        print(f"published outputs still carrying their marker: {len(carried)} of {len(published)} {carried}")
        print(f"marked inputs check calls SAFE: {len(called_safe)} of {len(files)} {called_safe}")
        ok = ok and not carried and not called_safe
    if label == "evaldata":
        jpegs = [r for r in published if Path(r["output"]).suffix.lower() in (".jpg", ".jpeg")
                 and Path(r["input"]).suffix.lower() in (".jpg", ".jpeg")]
        coeff = [r for r in jpegs if any("DCT coefficients" in n for n in r["notes"])]
        changed = [r for r in coeff if not any("pixels unchanged" in n for n in r["notes"])]
        scores = []
        for r in changed:
            a, b = pixels(Path(r["input"])), pixels(Path(r["output"]))
            if a is not None and b is not None and a.shape == b.shape:
                scores.append((_psnr(a, b), Path(r["input"]).name))
        identical = [s for s in scores if s[0] == float("inf")]
        lossy = sorted(s for s in scores if s[0] != float("inf"))
        print(f"JPEG rule (standard tables, cleared padding): {len(jpegs)} JPEG inputs published as JPEG, {len(coeff)} "
              f"rebuilt from coefficients; {len(changed)} had tables or padding rewritten, of which {len(identical)} still "
              f"pixel-identical and {len(lossy)} not")
        if lossy:
            values = [p for p, _ in lossy]
            print(f"  PSNR of those {len(lossy)}: min {min(values):.1f} dB, median {float(np.median(values)):.1f} dB, "
                  f"max {max(values):.1f} dB; lowest: " + ", ".join(f"{n} {p:.1f}" for p, n in lossy[:4]))
        reenc = [r for r in jpegs if r not in coeff]
        print(f"  re-encoded from pixels (orientation, profile, CMYK...; never pixel-identical): {len(reenc)}")
    print()
    return ok


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--data", type=Path, default=ROOT.parent / "shared" / "evaldata")
    ap.add_argument("--keep", type=Path, help="keep outputs in this folder")
    ap.add_argument("--old-commit", default="3a152e6", help="the code to compare with (the lossless / unchanged path)")
    ap.add_argument("--corpus", action="append", default=[],
                    help="measure leaks on a corpus instead: hostile1, hostile2, exiftool=PATH (ExifTool's t/images), evaldata")
    args = ap.parse_args()
    src = args.data / "metadata"
    if not src.is_dir() and (not args.corpus or "evaldata" in args.corpus):
        print(f"no data at {src}", file=sys.stderr)
        return 2
    if shutil.which("exiftool") is None:
        print("exiftool is needed (apt-get install libimage-exiftool-perl)", file=sys.stderr)
        return 2
    work = Path(tempfile.mkdtemp(prefix="bench-metadata-")) if args.keep is None else args.keep
    work.mkdir(parents=True, exist_ok=True)
    policy = work / "metadata-only.toml"
    policy.write_text("[faces]\nenabled = false\n[text]\nenabled = false\n")
    if args.corpus:
        results = [measure_corpus(name, work, args.data, policy) for name in args.corpus]
        return 0 if all(results) else 1

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
    old_src = old_code(work, args.old_commit)
    out_old = work / "out-old"
    shutil.rmtree(out_old, ignore_errors=True)
    old_report = work / "report-old.json"
    t_old = None
    if old_src is not None:
        import os

        env = dict(os.environ, PYTHONPATH=str(old_src))
        t_old, p_old = run([*MEDIASCRUB, "scrub", str(inputs), "--out", str(out_old), "--report", str(old_report),
                            "--policy", str(policy), "--jobs", "1"], env=env)
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

    # Idempotency: scrubbing the outputs again gives the same picture (the file itself is rebuilt each time).
    again = work / "out-again"
    shutil.rmtree(again, ignore_errors=True)
    run([*MEDIASCRUB, "scrub", str(out_meta), "--out", str(again), "--policy", str(policy)])
    same_bytes = same_pixels = 0
    for p in outputs:
        q = again / p.relative_to(out_meta)
        if q.is_file():
            same_bytes += q.read_bytes() == p.read_bytes()
            a, b = pixels(p), pixels(q)
            same_pixels += a is not None and b is not None and a.shape == b.shape and bool(np.array_equal(a, b))
    print(f"second scrub of the outputs: {same_pixels}/{len(outputs)} same pixels, {same_bytes}/{len(outputs)} same bytes")

    # No file is published unchanged any more.
    unchanged = sum(1 for r in published if Path(r["input"]).read_bytes() == Path(r["output"]).read_bytes())
    print(f"outputs byte-identical to their input (published unchanged): {unchanged}/{len(published)}")

    # JPEG pixels: rebuilt from DCT coefficients must be pixel-identical to the input; and against the old path.
    jpeg_out = [r for r in published if Path(r["output"]).suffix.lower() in (".jpg", ".jpeg")]
    coeff = [r for r in jpeg_out if any("DCT coefficients" in n for n in r["notes"])]
    reenc = [r for r in jpeg_out if r not in coeff]

    def diff(a: np.ndarray | None, b: np.ndarray | None) -> tuple[float, float] | None:
        if a is None or b is None or a.shape != b.shape:
            return None
        d = np.abs(a - b)
        return float(d.max()), float(d.mean())

    def summary(label: str, pairs: list[tuple[float, float] | None]) -> None:
        got = [p for p in pairs if p is not None]
        if not got:
            print(f"  {label}: none")
            return
        identical = sum(1 for mx, _ in got if mx == 0)
        print(f"  {label}: {len(got)} files, {identical} pixel-identical, max abs {max(mx for mx, _ in got):.0f}, "
              f"mean abs (average over files) {sum(m for _, m in got) / len(got):.4f}")

    print(f"JPEG outputs: {len(jpeg_out)} ({len(coeff)} rebuilt from DCT coefficients, {len(reenc)} re-encoded from pixels)")
    summary("rebuilt from coefficients vs the input's pixels", [diff(pixels(Path(r["input"])), pixels(Path(r["output"]))) for r in coeff])
    if t_old is not None and old_report.is_file():
        old_records = {r["input"]: r for r in json.loads(old_report.read_text())["files"]}
        old_unchanged = sum(1 for r in old_records.values() if any("published unchanged" in n for n in r["notes"]))
        old_lossless = sum(1 for r in old_records.values() if any("losslessly" in n for n in r["notes"]))
        print(f"old path ({args.old_commit}): {old_unchanged} published unchanged, {old_lossless} JPEGs rewritten losslessly")
        pairs = []
        for r in jpeg_out:
            o = old_records.get(r["input"])
            if o and o.get("output"):
                pairs.append(diff(pixels(Path(o["output"])), pixels(Path(r["output"]))))
        summary("new JPEG outputs vs the old path's outputs", pairs)
        pairs = []
        for r in published:
            o = old_records.get(r["input"])
            if o and o.get("output") and any("published unchanged" in n for n in o["notes"]):
                pairs.append(diff(pixels(Path(o["output"])), pixels(Path(r["output"]))))
        summary("files the old path published unchanged: new output vs the old (original) pixels", pairs)

    print()
    print("speed (same folder, one run, 1 worker):")
    print(f"  mediascrub metadata only : {t_meta:7.2f} s  {n / t_meta:7.2f} files/s")
    if t_old is not None:
        print(f"  old path ({args.old_commit}), metadata only: {t_old:7.2f} s  {n / t_old:7.2f} files/s; always rebuilding costs "
              f"{t_meta - t_old:+.2f} s ({(t_meta / t_old - 1) * 100:+.0f}%)")
    print(f"  mediascrub full pipeline : {t_full:7.2f} s  {n / t_full:7.2f} files/s (faces + text detection too)")
    print(f"  exiftool -all= -o        : {t_ex:7.2f} s  {n / t_ex:7.2f} files/s (exit {p_ex.returncode})")
    print(f"  ratio exiftool/mediascrub time: metadata only {t_ex / t_meta:.3f}x, full {t_ex / t_full:.4f}x "
          "(>1 means mediascrub is faster)")
    if old_src is not None:
        new_cpu, old_cpu = [], []
        for _ in range(3):  # alternated, so a busy machine hits both alike
            old_cpu.append(cpu_seconds(old_src, inputs))
            new_cpu.append(cpu_seconds(ROOT / "src", inputs))
        o = sorted(v for v in old_cpu if v is not None)
        w = sorted(v for v in new_cpu if v is not None)
        if o and w:
            mo, mw = o[len(o) // 2], w[len(w) // 2]
            print(f"  CPU time in one process, metadata only (median of 3, alternated): old path {mo:.2f} s, always rebuilding "
                  f"{mw:.2f} s: {mw - mo:+.2f} s ({(mw / mo - 1) * 100:+.0f}%, {(mw - mo) / n * 1000:+.1f} ms per file)")
    ex_out = [p for p in out_ex.rglob("*") if p.is_file()]
    ex_leaks = {r["SourceFile"]: found for r in exiftool_json(ex_out) if (found := leaks_in(r))}
    print(f"  for comparison, exiftool -all= outputs that still leak by the same oracle: {len(ex_leaks)}/{len(ex_out)}")
    return 0 if not leaking else 1


if __name__ == "__main__":
    sys.exit(main())
