"""Video: mediascrub against deface on ../shared/evaldata/video_faces, in one run.

For each tool and clip (the tools run alternately, clip by clip, so both see the
same load on a shared machine): face-frames protected (faces of at least 20 px,
the pixel rule of benchmarks/protect.py), tracks exposed (a face unprotected 3 or
more frames in a row), frames per CPU-second (frames / user+system CPU seconds of the
process and its children: on a shared, loaded machine CPU time moves much less than
wall time), peak memory (RSS of the process), whether the output container still
carries location / title / comment (exiftool), and whether the output has the input's
frame count and size.

``--one-process``: each tool runs once over all the clips (mediascrub's pipeline made
once and given every clip, as a batch does; deface given every clip on one command line),
so loading the models and the OCR (several CPU-seconds, as long as a 3 s clip takes)
is paid once, as it is for any real batch or longer clip.

``--check``: ``mediascrub check`` on each of mediascrub's outputs (how many it calls
SAFE), then on copies of those outputs with one face track's original face pasted back
for ``--paste-run`` frames in a row (up to ``--paste-per-clip`` tracks per clip; how
many it calls NOT SAFE).

``--sizes 1280x720,1920x1080,3840x2160``: generated panning clips with faces at each
size (``--size-frames`` frames; the last size also at 3 times the length): frames per
CPU-second and peak RSS of one process per clip.

With ``--memory`` it also scrubs one generated clip at 3 s and at 60 s (the same
content looped, 640x360) and prints mediascrub's peak RSS for both.

Each mediascrub output is also checked for what a clean clip must not hold (the README's Video
section): mediascrub's own byte accounting of the MP4 (boxes, fields, unused media data, SEI and
other non-picture NAL units), the kept sound (``--keep-audio``: AAC frames with data or fill
elements), an encoder's name anywhere in the file (x264, Lavc, Lavf, LAME), and exiftool
(``-ee``) against the video allow-list of tests/exiftool_oracle.py.

With ``--hostile`` (no evaluation data needed) it builds the seeded hostile clip corpus of
tests/hostile_clips.py (a marker in each place an MP4 can hide data) and prints, per item and in
total: check's verdict on the marked clip (sound kept), whether scrub published it, whether the
output still carries the marker, exiftool tags outside the allow-list, internal errors, and
check's verdict on the output.

With ``--watch-memory`` (no evaluation data needed) it runs a real ``mediascrub watch --once``
on a small and on a large clip of high-bitrate noise frames (1280x720, lossless H.264,
about 1.7 MB a frame) and prints the clip sizes and the watcher's peak RSS: it must not
follow the clip's size (the watcher copies and hashes a clip a chunk at a time).

deface runs from its own virtual environment (see bench_faces.py):

    python3 -m venv /tmp/venv-deface
    /tmp/venv-deface/bin/pip install deface==1.5.0 onnx onnxruntime
    nice -n 10 .venv/bin/python benchmarks/bench_video.py [--one-process] [--check] [--sizes ...] [--text]
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
from fractions import Fraction
from pathlib import Path

import av
import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parent))
sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "tests"))
from protect import changed_mask, is_protected  # noqa: E402

ROOT = Path(__file__).resolve().parents[1]
DATA = next((p / "shared" / "evaldata" / "video_faces" for p in (ROOT.parent, ROOT.parent.parent) if (p / "shared").is_dir()),
            ROOT.parent / "shared" / "evaldata" / "video_faces")
MIN_FACE = 20
EXPOSED_RUN = 3
LEAK_TAGS = ("GPS", "Location", "Title", "Comment", "Make", "Model", "Artist", "Encoder")

MEDIASCRUB_RUN = """
import json, os, resource, sys
from pathlib import Path
from mediascrub.pipeline import Pipeline
from mediascrub.policy import Policy, VideoPolicy
def cpu():
    r = resource.getrusage(resource.RUSAGE_SELF)
    return r.ru_utime + r.ru_stime
pipe, ok = Pipeline(Policy(video=VideoPolicy(keep_audio=os.environ.get("BENCH_KEEP_AUDIO") == "1"))), True
for src, out in zip(sys.argv[1::2], sys.argv[2::2]):
    before = cpu()
    r = pipe.scrub(Path(src), Path(out))
    ok &= r.status.value == "published"
    print(json.dumps({"clip": src, "status": r.status.value, "reason": r.reason, "cpu": cpu() - before}), file=sys.stderr)
# Its own peak (VmHWM: this program's memory only; the kernel's ru_maxrss of a child also counts the
# benchmark's own RSS at the fork, which grows as it decodes clips to score them).
hwm = next(int(line.split()[1]) for line in open("/proc/self/status") if line.startswith("VmHWM:"))
print(json.dumps({"vmhwm_kb": hwm}), file=sys.stderr)
sys.exit(0 if ok else 1)
"""


#: CPU seconds (user + system) of the last :func:`run_measured` process and its children.
LAST_CPU = [0.0]


def run_measured(cmd: list[str], env: dict[str, str] | None = None) -> tuple[float, float, int]:
    """Run ``cmd``; (wall seconds, peak RSS in MB of the process, exit status). Its CPU seconds
    (user + system, what the shared machine's load changes least) are left in LAST_CPU[0]."""
    t0 = time.perf_counter()
    p = subprocess.Popen(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, env=env)
    _, status, usage = os.wait4(p.pid, 0)
    wall = time.perf_counter() - t0
    LAST_CPU[0] = usage.ru_utime + usage.ru_stime
    err = p.stderr.read().decode(errors="replace") if p.stderr else ""
    code = os.waitstatus_to_exitcode(status)
    if code:
        print(f"  ({Path(cmd[-2]).name}: exit {code}: {err.strip()[-300:]})")
    # mediascrub's runs report their own peak (see MEDIASCRUB_RUN); ru_maxrss counts this process's RSS at the fork too.
    own = [json.loads(line)["vmhwm_kb"] for line in err.splitlines() if line.startswith('{"vmhwm_kb"')]
    return wall, (own[-1] if own else usage.ru_maxrss) / 1024.0, code


def run_mediascrub(src: Path, out: Path) -> tuple[float, float, int]:
    env = dict(os.environ, PYTHONPATH=str(ROOT / "src"))
    return run_measured([sys.executable, "-c", MEDIASCRUB_RUN, str(src), str(out)], env)


def run_mediascrub_all(pairs: list[tuple[Path, Path]]) -> tuple[float, float, int]:
    """Every (clip, output) in one mediascrub process (models and OCR loaded once, as in a batch)."""
    env = dict(os.environ, PYTHONPATH=str(ROOT / "src"))
    return run_measured([sys.executable, "-c", MEDIASCRUB_RUN, *[str(p) for pair in pairs for p in pair]], env)


def run_deface(deface: str, src: Path, out: Path) -> tuple[float, float, int]:
    return run_measured([deface, str(src), "-o", str(out)])


def run_deface_all(deface: str, sources: list[Path], work: Path) -> tuple[float, float, int, list[Path]]:
    """Every clip in one deface process (it writes ``NAME_anonymized.EXT`` beside each input:
    the inputs are linked into ``work`` first)."""
    work.mkdir(parents=True, exist_ok=True)
    links = []
    for src in sources:
        link = work / src.name
        if not link.exists():
            link.symlink_to(src)
        links.append(link)
    wall, rss, code = run_measured([deface, *map(str, links)])
    return wall, rss, code, [link.with_name(link.stem + "_anonymized" + link.suffix) for link in links]


def frames_of(path: Path) -> list[np.ndarray]:
    with av.open(str(path)) as c:
        return [f.to_ndarray(format="rgb24") for f in c.decode(video=0)]


def score_clip(src: Path, out: Path, clip: dict) -> dict:
    """Face-frames protected / counted, tracks exposed / counted, frame count and size equal, and the
    short exposures: runs of 1 and of 2 unprotected frames of a track ("flash frames"); for the 1-frame
    runs, the largest face in view (its shorter side in px: the annotation's box is cut at the frame's
    edge, so a face leaving the frame can be 200 px long and 1 px wide) and how many are MIN_FACE px or
    more on both sides."""
    originals = frames_of(src)
    outputs = frames_of(out) if out.exists() else []
    same = len(originals) == len(outputs) and all(a.shape == b.shape for a, b in zip(originals, outputs, strict=False))
    protected = counted = 0
    runs: dict[int, tuple[int, float]] = {}  # track -> (unprotected frames in a row so far, largest side in them)
    exposed: set[int] = set()
    tracks: set[int] = set()
    ended: list[tuple[int, float]] = []

    def end(t: int) -> None:
        if runs.get(t, (0, 0.0))[0]:
            ended.append(runs[t])
        runs[t] = (0, 0.0)

    for fr in clip["frames"]:
        i = fr["index"]
        seen = set()
        changed = changed_mask(originals[i], outputs[i]) if i < len(outputs) and outputs[i].shape == originals[i].shape else None
        for face in fr["faces"]:
            x0, y0, x1, y1 = face["box"]
            side = max(x1 - x0, y1 - y0)
            if side < MIN_FACE:
                continue
            t = face["track"]
            tracks.add(t)
            seen.add(t)
            counted += 1
            ok = changed is not None and is_protected(originals[i], outputs[i], face["box"], changed)
            protected += ok
            if ok:
                end(t)
            else:
                n, big = runs.get(t, (0, 0.0))
                runs[t] = (n + 1, max(big, min(x1 - x0, y1 - y0)))
            if runs[t][0] >= EXPOSED_RUN:
                exposed.add(t)
        for t in list(runs):
            if t not in seen:
                end(t)
    for t in list(runs):
        end(t)
    ones = [side for n, side in ended if n == 1]
    return {"protected": protected, "counted": counted, "exposed": len(exposed), "tracks": len(tracks),
            "frames": len(originals), "same_frames_and_size": same, "flash1": len(ones),
            "flash1_px": max(ones, default=0.0), "flash1_20": sum(side >= MIN_FACE for side in ones),
            "flash2": sum(n == 2 for n, _ in ended)}


def leaks(path: Path) -> list[str]:
    if not path.exists():
        return ["(no output)"]
    res = subprocess.run(["exiftool", "-j", "-a", "-G1", "-ee", str(path)], capture_output=True, text=True, check=False)
    tags = json.loads(res.stdout)[0] if res.stdout.strip() else {}
    return sorted({k for k in tags if any(w.lower() in k.lower() for w in LEAK_TAGS) and "Handler" not in k})


ENCODER_NAMES = (b"x264", b"Lavc", b"Lavf", b"LAME")


def unclean(path: Path, keep_audio: bool) -> list[str]:
    """What a published clip holds beyond the allow-list: mediascrub's MP4 accounting, the kept sound,
    encoder names, exiftool tags outside the video allow-list (tests/exiftool_oracle.py)."""
    from exiftool_oracle import video_exiftool_json, video_leaks_in
    from mediascrub.media.containers import mp4_leftovers
    from mediascrub.media.video import audio_problems

    if not path.exists():
        return ["(no output)"]
    with open(path, "rb") as fh:
        found = mp4_leftovers(fh, path.stat().st_size, max_tracks=2 if keep_audio else 1)
    found += audio_problems(path) if keep_audio else []
    data = path.read_bytes()
    found += [f"encoder name {n.decode()}" for n in ENCODER_NAMES if n in data]
    found += [f"exiftool {k}" for k in video_leaks_in(video_exiftool_json(path))]
    return found


def measure_hostile(work: Path) -> None:
    """The seeded hostile clip corpus through check and scrub (sound kept); one line per item, then totals."""
    from hostile_clips import KEEP_AUDIO, build_corpus, carries, timestamps

    from mediascrub.findings import Status
    from mediascrub.pipeline import Pipeline

    t0 = time.perf_counter()
    base, made = build_corpus(work / "hostile")
    pipeline = Pipeline(KEEP_AUDIO)
    base_safe = pipeline.check(base).safe
    not_safe = published = carried = leaked = errors = safe_again = 0
    for item, src, mark in made:
        checked = pipeline.check(src)
        report = pipeline.scrub(src, work / "hostile-out" / src.name)
        reasons = " ".join([checked.reason or "", report.reason or ""])
        errors += "internal error" in reasons
        not_safe += checked.safe is False
        out = Path(report.output or "")
        ok = report.status is Status.PUBLISHED and out.is_file()
        published += ok
        kept = bad = again = None
        if ok:
            kept = (timestamps(out) != [Fraction(i, 25) for i in range(len(timestamps(out)))] if item.timing
                    else carries(out.read_bytes(), mark))
            bad = unclean(out, keep_audio=True)
            again = pipeline.check(out).safe
            carried += bool(kept)
            leaked += bool(bad)
            safe_again += again is True
        print(f"  {item.name:<22} check: {'NOT SAFE' if checked.safe is False else 'SAFE'}  "
              f"published: {'yes' if ok else 'no (' + (report.reason or '') + ')'}  marker in output: {kept}  "
              f"outside the allow-list: {bad or 'none'}  check on output: {'SAFE' if again else again}", flush=True)
    n = len(made)
    print(f"hostile clips: {n} marked clips (seed 22) and a clean base (check on the base: {'SAFE' if base_safe else 'NOT SAFE'}); "
          f"check NOT SAFE on {not_safe}/{n}; published {published}/{n}; outputs carrying their marker {carried}/{published}; "
          f"outputs with anything outside the allow-list {leaked}/{published}; internal errors {errors}; "
          f"check SAFE on {safe_again}/{published} outputs ({time.perf_counter() - t0:.0f} s)")


def make_long_clip(src: Path, out: Path, seconds: float, size: tuple[int, int] = (640, 360)) -> None:
    """The frames of ``src`` looped (forwards, then backwards, so no cut) for ``seconds``, scaled to ``size``."""
    frames = [f for f in frames_of(src)]
    import cv2

    frames = [cv2.resize(f, size, interpolation=cv2.INTER_AREA) for f in frames]
    seq = frames + frames[::-1]
    with av.open(str(out), "w") as c:
        s = c.add_stream("libx264", rate=25, options={"crf": "20", "preset": "veryfast"})
        s.width, s.height, s.pix_fmt = size[0], size[1], "yuv420p"
        s.time_base = Fraction(1, 12800)
        for i in range(int(seconds * 25)):
            f = av.VideoFrame.from_ndarray(seq[i % len(seq)], format="rgb24")
            f.pts = i * 512
            f.time_base = Fraction(1, 12800)
            for p in s.encode(f):
                c.mux(p)
        for p in s.encode():
            c.mux(p)


SIGN_LINES = ("42 Rue de la Mare", "St Helier JE2 3QB")


def make_sign_clip(out: Path, frames: int = 50, size: tuple[int, int] = (640, 360), step: int = 4) -> list[list[list[float]]]:
    """A camera panning ``step`` px a frame past an address sign; returns each frame's line boxes."""
    import cv2

    w, h = size
    rng = np.random.default_rng(3)
    small = rng.integers(30, 220, size=(h // 8 + 1, (w + step * frames) // 8 + 2, 3)).astype(np.uint8)
    bg = np.ascontiguousarray(cv2.resize(small, (w + step * frames + 16, h + 8), interpolation=cv2.INTER_CUBIC)[:h])
    x0, y0 = 330, 120
    cv2.rectangle(bg, (x0, y0), (x0 + 330, y0 + 110), (245, 245, 240), -1)
    lines = []
    for k, text in enumerate(SIGN_LINES):
        base = y0 + 45 + 45 * k
        cv2.putText(bg, text, (x0 + 10, base), cv2.FONT_HERSHEY_SIMPLEX, 0.9, (20, 20, 20), 2, cv2.LINE_AA)
        (tw, th), _ = cv2.getTextSize(text, cv2.FONT_HERSHEY_SIMPLEX, 0.9, 2)
        lines.append([x0 + 10, base - th, x0 + 10 + tw, base + 4])
    with av.open(str(out), "w") as c:
        s = c.add_stream("libx264", rate=25, options={"crf": "18", "preset": "veryfast"})
        s.width, s.height, s.pix_fmt = w, h, "yuv420p"
        boxes = []
        for i in range(frames):
            f = av.VideoFrame.from_ndarray(np.ascontiguousarray(bg[:, i * step : i * step + w]), format="rgb24")
            for p in s.encode(f):
                c.mux(p)
            boxes.append([[b[0] - i * step, b[1], b[2] - i * step, b[3]] for b in lines])
        for p in s.encode():
            c.mux(p)
    return boxes


def measure_text(work: Path) -> None:
    """Address lines on a generated panning clip: in how many (line, frame) pairs is the line hidden."""
    src = work / "sign.mp4"
    boxes = make_sign_clip(src)
    out = work / "sign-out.mp4"
    wall, _, code = run_mediascrub(src, out)
    originals, outputs = frames_of(src), frames_of(out) if out.exists() else []
    hidden = total = 0
    for i, frame_boxes in enumerate(boxes):
        for b in frame_boxes:
            if b[0] < 0 or b[2] > originals[i].shape[1]:
                continue  # the line is cut by the frame edge
            total += 1
            hidden += i < len(outputs) and is_protected(originals[i], outputs[i], b)
    print(f"text: address lines hidden in {hidden}/{total} line-frames of a generated 50-frame panning clip "
          f"({len(boxes) / wall:.1f} fps, exit {code})")


WATCH_POLICY = "[faces]\nenabled = false\n[text]\nenabled = false\n"


def make_noise_clip(out: Path, frames: int, size: tuple[int, int] = (1280, 720)) -> None:
    """A clip of fresh random noise in every frame, encoded losslessly: large for its length, cheap to make."""
    rng = np.random.default_rng(0)
    w, h = size
    with av.open(str(out), "w", format="mp4") as c:
        vs = c.add_stream("libx264", rate=25, options={"preset": "ultrafast", "qp": "0"})
        vs.width, vs.height, vs.pix_fmt = w, h, "yuv420p"
        for i in range(frames):
            f = av.VideoFrame.from_ndarray(rng.integers(0, 256, (h, w, 3), dtype=np.uint8), format="rgb24")
            f.pts = i
            for p in vs.encode(f):
                c.mux(p)
        for p in vs.encode():
            c.mux(p)


def measure_watch_memory(work: Path, frame_counts: tuple[int, ...] = (10, 100)) -> None:
    """Peak RSS of ``mediascrub watch --once`` (faces and text off: the watcher and the streaming pipeline only)."""
    env = dict(os.environ, PYTHONPATH=str(ROOT / "src"))
    policy = work / "watch.toml"
    policy.write_text(WATCH_POLICY)
    for n in frame_counts:
        base = work / f"watch{n}"
        inbox = base / "inbox"
        inbox.mkdir(parents=True)
        make_noise_clip(inbox / "noise.mp4", n)
        size = (inbox / "noise.mp4").stat().st_size / 1e6
        wall, rss, code = run_measured([sys.executable, "-m", "mediascrub", "watch", str(inbox), "--out", str(base / "out"),
                                        "--quarantine", str(base / "q"), "--once", "--settle", "0.2", "--policy", str(policy)], env)
        published = (base / "out" / "noise.mp4").exists()
        print(f"watch memory: {n:>3} frames of 1280x720 noise, clip {size:.0f} MB: peak RSS {rss:.0f} MB, "
              f"{wall:.1f} s, exit {code}, published {published}", flush=True)
        shutil.rmtree(base)


def make_sized_clip(out: Path, size: tuple[int, int], frames: int, seed: int = 5) -> None:
    """A generated phone-like clip: a camera panning over a textured scene with the astronaut's head
    (scikit-image, public domain) pasted at several sizes (from 1/40 to 1/5 of the frame's height)."""
    import cv2
    from skimage import data

    w, h = size
    step = max(1, w // 320)
    rng = np.random.default_rng(seed)
    small = rng.integers(30, 220, size=(h // 16 + 2, (w + step * frames) // 16 + 2, 3)).astype(np.uint8)
    bg = np.ascontiguousarray(cv2.resize(small, (w + step * frames + 32, h + 32), interpolation=cv2.INTER_CUBIC)[:h])
    head = np.ascontiguousarray(data.astronaut()[0:300, 100:300])
    x = 20
    for k, share in enumerate((0.025, 0.05, 0.1, 0.2, 0.035, 0.07, 0.14)):
        side = max(12, round(h * share))
        fw = round(side * head.shape[1] / head.shape[0])
        face = cv2.resize(head, (fw, side), interpolation=cv2.INTER_AREA)
        y = int(rng.integers(0, h - side))
        if x + fw < bg.shape[1]:
            bg[y : y + side, x : x + fw] = face
        x += fw + w // 8 + k * 7
    with av.open(str(out), "w") as c:
        s = c.add_stream("libx264", rate=30, options={"crf": "20", "preset": "ultrafast"})
        s.width, s.height, s.pix_fmt = w, h, "yuv420p"
        for i in range(frames):
            f = av.VideoFrame.from_ndarray(np.ascontiguousarray(bg[:, i * step : i * step + w]), format="rgb24")
            for p in s.encode(f):
                c.mux(p)
        for p in s.encode():
            c.mux(p)


def measure_sizes(work: Path, frames: int, sizes: list[str]) -> None:
    """mediascrub (default settings, text on) on generated clips at each size: frames per CPU-second
    and peak RSS, one process per clip; the largest size also at three times the length (memory must not follow)."""
    for k, name in enumerate(sizes):
        w, h = (int(v) for v in name.split("x"))
        lengths = (frames, 3 * frames) if k == len(sizes) - 1 else (frames,)
        for n in lengths:
            src = work / f"gen-{name}-{n}.mp4"
            make_sized_clip(src, (w, h), n)
            wall, rss, code = run_mediascrub(src, work / f"gen-{name}-{n}-out.mp4")
            print(f"generated {name}, {n} frames: {n / max(LAST_CPU[0], 1e-6):.2f} frames per CPU-second ({LAST_CPU[0]:.1f} CPU s, "
                  f"{n / wall:.2f} frames/s wall), peak RSS {rss:.0f} MB, exit {code}", flush=True)
            src.unlink()


def paste_clips(outputs: dict[str, Path], clips: list[dict], data: Path, work: Path, run: int, per_clip: int) -> list[tuple[Path, str]]:
    """Clips where one face track of mediascrub's output gets its original face back for ``run`` frames in a
    row: for up to ``per_clip`` tracks per clip (those with ``run`` consecutive frames of at least MIN_FACE px),
    the ground-truth box of each of those frames (enlarged 1.2 times) is copied from the original into the
    output, and the result encoded again (H.264, CRF 18). Returns (clip, description)."""
    out: list[tuple[Path, str]] = []
    for clip in clips:
        scrubbed = outputs.get(clip["file"])
        if scrubbed is None or not scrubbed.exists():
            continue
        boxes: dict[int, dict[int, list[float]]] = {}
        for fr in clip["frames"]:
            for face in fr["faces"]:
                x0, y0, x1, y1 = face["box"]
                if max(x1 - x0, y1 - y0) >= MIN_FACE:
                    boxes.setdefault(face["track"], {})[fr["index"]] = face["box"]
        chosen = []
        for track, frames in sorted(boxes.items(), key=lambda kv: (-len(kv[1]), kv[0])):
            idx = sorted(frames)
            starts = [f for f in idx if all(f + d in frames for d in range(run))]
            if starts:
                chosen.append((track, starts[len(starts) // 2]))
            if len(chosen) >= per_clip:
                break
        if not chosen:
            continue
        originals, scrubbed_frames = frames_of(data / clip["file"]), frames_of(scrubbed)
        for track, start in chosen:
            frames = [f.copy() for f in scrubbed_frames]
            for i in range(start, start + run):
                x0, y0, x1, y1 = boxes[track][i]
                cx, cy, hw, hh = (x0 + x1) / 2, (y0 + y1) / 2, (x1 - x0) * 0.6, (y1 - y0) * 0.6
                h, w = frames[i].shape[:2]
                a, b = max(0, int(cx - hw)), max(0, int(cy - hh))
                c, d = min(w, int(np.ceil(cx + hw))), min(h, int(np.ceil(cy + hh)))
                frames[i][b:d, a:c] = originals[i][b:d, a:c]
            dst = work / f"pasted-{Path(clip['file']).stem}-t{track}.mp4"
            with av.open(str(dst), "w") as cont:
                st = cont.add_stream("libx264", rate=25, options={"crf": "18", "preset": "veryfast"})
                st.width, st.height, st.pix_fmt = frames[0].shape[1], frames[0].shape[0], "yuv420p"
                for f in frames:
                    for p in st.encode(av.VideoFrame.from_ndarray(f, format="rgb24")):
                        cont.mux(p)
                for p in st.encode():
                    cont.mux(p)
            side = max(boxes[track][start][2] - boxes[track][start][0], boxes[track][start][3] - boxes[track][start][1])
            out.append((dst, f"{clip['file']} track {track}, frames {start}-{start + run - 1}, {side:.0f} px"))
    return out


def check_many(paths: list[Path]) -> dict[str, dict]:
    """``mediascrub check --json`` on ``paths`` in one process: report per input path."""
    env = dict(os.environ, PYTHONPATH=str(ROOT / "src") + os.pathsep + os.environ.get("PYTHONPATH", ""))
    keep = ["--keep-audio"] if os.environ.get("BENCH_KEEP_AUDIO") == "1" else []
    res = subprocess.run([sys.executable, "-m", "mediascrub", "check", "--json", *keep, *map(str, paths)], env=env, capture_output=True,
                         text=True, check=False)
    return {r["input"]: r for r in json.loads(res.stdout)}


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--data", type=Path, default=DATA)
    ap.add_argument("--deface", default=None, help="deface executable (default: PATH or /tmp/venv-deface/bin/deface)")
    ap.add_argument("--clips", type=int, default=0, help="only the first N clips (0: all)")
    ap.add_argument("--one-process", action="store_true",
                    help="each tool runs once over all the clips (models loaded once, as in a batch) instead of once per clip")
    ap.add_argument("--memory", action="store_true", help="also compare peak RSS on a 3 s and a 60 s generated clip")
    ap.add_argument("--sizes", default="", help="also generated clips at these sizes, e.g. 1280x720,1920x1080,3840x2160: "
                    "frames per CPU-second and peak RSS (the last also at 3x the length)")
    ap.add_argument("--size-frames", type=int, default=60)
    ap.add_argument("--no-deface", action="store_true")
    ap.add_argument("--watch-memory", action="store_true",
                    help="only compare the watcher's peak RSS on a small and a large generated clip (no evaluation data)")
    ap.add_argument("--text", action="store_true", help="also measure address text hidden per frame on a generated clip")
    ap.add_argument("--hostile", action="store_true",
                    help="only run the seeded hostile clip corpus (tests/hostile_clips.py) through check and scrub")
    ap.add_argument("--keep-audio", action="store_true", help="scrub with the sound kept (and check it in the outputs)")
    ap.add_argument("--check", action="store_true",
                    help="also run `mediascrub check` on each of mediascrub's outputs (how many it calls SAFE), and on clips "
                    "where one track's original face is pasted back for --paste-run frames (how many it calls NOT SAFE)")
    ap.add_argument("--paste-run", type=int, default=10)
    ap.add_argument("--paste-per-clip", type=int, default=5)
    ap.add_argument("--keep", type=Path, default=None,
                    help="keep the outputs (and the pasted clips) in this new folder instead of a temporary one, to look at them")
    args = ap.parse_args()
    if args.keep_audio:
        os.environ["BENCH_KEEP_AUDIO"] = "1"
    if args.hostile:
        with tempfile.TemporaryDirectory(prefix="bench-video-hostile-") as tmp:
            measure_hostile(Path(tmp))
        return 0
    if args.watch_memory:
        with tempfile.TemporaryDirectory(prefix="bench-video-watch-") as tmp:
            measure_watch_memory(Path(tmp))
        return 0
    deface = None if args.no_deface else next(
        (c for c in [args.deface, shutil.which("deface"), "/tmp/venv-deface/bin/deface"] if c and Path(c).exists()), None)
    if deface is None and not args.no_deface:
        print("deface not found: only mediascrub is measured (see this script's docstring)")
    ann = json.loads((args.data / "annotations.json").read_text())
    clips = ann["clips"][: args.clips or None]
    tools = ["mediascrub"] + (["deface"] if deface else [])
    totals = {t: {"protected": 0, "counted": 0, "exposed": 0, "tracks": 0, "frames": 0, "seconds": 0.0, "cpu": 0.0, "rss": 0.0,
                  "flash1": 0, "flash1_px": 0.0, "flash1_20": 0, "flash2": 0, "leaks": set(), "same": True} for t in tools}
    unclean_outputs: list[bool] = []
    with tempfile.TemporaryDirectory(prefix="bench-video-") as tmp:
        work = Path(tmp)
        if args.keep is not None:
            args.keep.mkdir(parents=True)
            work = args.keep
        outputs: dict[str, dict[str, Path]] = {t: {} for t in tools}
        timing: dict[str, dict[str, tuple[float, float, float]]] = {t: {} for t in tools}  # clip -> wall, cpu, rss
        if args.one_process:
            pairs = [(args.data / c["file"], work / "mediascrub" / c["file"]) for c in clips]
            (work / "mediascrub").mkdir()
            wall, rss, _ = run_mediascrub_all(pairs)
            totals["mediascrub"].update(seconds=wall, cpu=LAST_CPU[0], rss=rss)
            outputs["mediascrub"] = {c["file"]: out for c, (_, out) in zip(clips, pairs, strict=True)}
            if deface:
                wall, rss, _, outs = run_deface_all(deface, [args.data / c["file"] for c in clips], work / "deface")
                totals["deface"].update(seconds=wall, cpu=LAST_CPU[0], rss=rss)
                outputs["deface"] = {c["file"]: out for c, out in zip(clips, outs, strict=True)}
        else:
            for clip in clips:  # the tools alternate clip by clip: both see the same load on a shared machine
                src = args.data / clip["file"]
                for tool in tools:
                    out = work / tool / clip["file"]
                    out.parent.mkdir(parents=True, exist_ok=True)
                    wall, rss, _ = run_mediascrub(src, out) if tool == "mediascrub" else run_deface(deface or "", src, out)
                    timing[tool][clip["file"]] = (wall, LAST_CPU[0], rss)
                    outputs[tool][clip["file"]] = out
                    tt = totals[tool]
                    tt["seconds"] += wall
                    tt["cpu"] += LAST_CPU[0]
                    tt["rss"] = max(tt["rss"], rss)
        for clip in clips:
            src = args.data / clip["file"]
            line = [clip["file"]]
            for tool in tools:
                out = outputs[tool][clip["file"]]
                s = score_clip(src, out, clip)
                tt = totals[tool]
                for k in ("protected", "counted", "exposed", "tracks", "frames", "flash1", "flash1_20", "flash2"):
                    tt[k] += s[k]
                tt["flash1_px"] = max(tt["flash1_px"], s["flash1_px"])
                tt["same"] &= s["same_frames_and_size"]
                leaked = leaks(out)
                tt["leaks"] |= set(leaked)
                speed = ""
                if clip["file"] in timing[tool]:
                    wall, cpu, rss = timing[tool][clip["file"]]
                    speed = f", {s['frames'] / max(cpu, 1e-6):.2f} frames/CPU-s, {rss:.0f} MB"
                line.append(f"{tool}: {s['protected']}/{s['counted']} face-frames, {s['exposed']}/{s['tracks']} tracks exposed, "
                            f"{s['flash1']} 1-frame"
                            f"{speed}{', LEAK ' + ','.join(leaked) if leaked else ''}")
                if tool == "mediascrub":
                    bad = unclean(out, keep_audio=args.keep_audio)
                    unclean_outputs.append(bool(bad))
                    line.append(f"container: {'; '.join(bad) or 'clean'}")
            print("  ".join(line), flush=True)
        print()
        how = "one process per tool for all clips" if args.one_process else "one process per clip"
        print(f"{'tool':<11} {'face-frames':>12} {'tracks exposed':>15} {'frames/CPU-s':>13} {'CPU s':>7} {'fps wall':>8} {'peak MB':>8}  "
              f"same frames+size  container leak   ({how})")
        for tool in tools:
            tt = totals[tool]
            print(f"{tool:<11} {tt['protected'] / max(1, tt['counted']):>12.3f} "
                  f"{tt['exposed'] / max(1, tt['tracks']):>9.3f} ({tt['exposed']}/{tt['tracks']}) "
                  f"{tt['frames'] / max(tt['cpu'], 1e-6):>13.2f} {tt['cpu']:>7.1f} {tt['frames'] / max(tt['seconds'], 1e-6):>8.2f} "
                  f"{tt['rss']:>8.0f}  {str(tt['same']):<16}  {', '.join(sorted(tt['leaks'])) or 'none'}")
        for tool in tools:
            tt = totals[tool]
            largest = (f" ({tt['flash1_20']} of them {MIN_FACE} px or more on both sides; the largest {tt['flash1_px']:.0f} px)"
                       if tt["flash1"] else "")
            print(f"{tool}: single-frame exposures (a track unprotected for exactly 1 frame in a row) {tt['flash1']}{largest}; "
                  f"2-frame exposures {tt['flash2']}")
        held = [c for c, out in outputs["mediascrub"].items() if not out.exists()]
        print(f"mediascrub published {len(clips) - len(held)}/{len(clips)} clips{' (held: ' + ', '.join(held) + ')' if held else ''}")
        print(f"mediascrub outputs with anything outside the allow-list (MP4 accounting, sound, encoder names, exiftool): "
              f"{sum(unclean_outputs)}/{len(unclean_outputs)}")
        if deface:
            ours, theirs = totals["mediascrub"], totals["deface"]
            print(f"CPU time mediascrub/deface: {ours['cpu'] / max(theirs['cpu'], 1e-6):.2f}; wall time: "
                  f"{ours['seconds'] / max(theirs['seconds'], 1e-6):.2f} (frames per CPU-second: CPU seconds are user + system of the "
                  "process and its children; the machine is shared, so wall time depends on the load)")
        if args.check:
            ours_out = outputs["mediascrub"]
            reports = check_many([p for p in ours_out.values() if p.exists()])
            safe = [Path(k).name for k, r in reports.items() if r["safe"]]
            for k, r in reports.items():
                print(f"check {Path(k).name}: {'SAFE' if r['safe'] else 'NOT SAFE (' + str(r['reason']) + ')'}")
            print(f"check on mediascrub's outputs: {len(safe)}/{len(reports)} SAFE")
            pasted = paste_clips(ours_out, clips, args.data, work, args.paste_run, args.paste_per_clip)
            caught = check_many([p for p, _ in pasted])
            missed = [what for p, what in pasted if caught[str(p)]["safe"]]
            for what in missed:
                print(f"  pasted face not caught: {what}")
            print(f"check on outputs with an original face pasted back into one track for {args.paste_run} frames: "
                  f"{len(pasted) - len(missed)}/{len(pasted)} NOT SAFE")
        if args.text:
            measure_text(work)
        if args.memory:
            base = args.data / clips[0]["file"]
            for secs in (3, 60):
                clip_path = work / f"long{secs}.mp4"
                make_long_clip(base, clip_path, secs)
                wall, rss, code = run_mediascrub(clip_path, work / f"long{secs}-out.mp4")
                print(f"memory: {secs:>2} s generated clip (640x360, {secs * 25} frames): peak RSS {rss:.0f} MB, "
                      f"{secs * 25 / wall:.1f} fps, exit {code}")
        if args.sizes:
            measure_sizes(work, args.size_frames, args.sizes.split(","))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
