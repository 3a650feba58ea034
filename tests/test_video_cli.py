"""Video through the command line, as real subprocesses: scrub (batch, --jobs, review sheet, report),
check, and the watcher picking up a clip that is written slowly."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import threading
import time
from pathlib import Path

import av
import pytest
from _batch_util import FAST_POLICY, cli, env, jpeg_bytes, partials, run
from _video_util import panning, write_clip

FACES_ONLY = """
[text]
enabled = false
"""


@pytest.mark.slow
def test_scrub_a_folder_of_clips_and_photos(tmp_path: Path) -> None:
    inbox, out, q = tmp_path / "in", tmp_path / "out", tmp_path / "q"
    inbox.mkdir()
    write_clip(inbox / "party.mov", panning(6, 128, 96), fmt="mov", tags={"title": "Party at Maple House"}, audio=True)
    write_clip(inbox / "garden.mp4", panning(5, 128, 96), tags={"location": "+49.1868-002.1066/"})
    (inbox / "cut.mp4").write_bytes((inbox / "garden.mp4").read_bytes()[:300])
    (inbox / "photo.jpg").write_bytes(jpeg_bytes(120, 90, 1))
    policy = tmp_path / "p.toml"
    policy.write_text(FACES_ONLY)
    report, sheet = tmp_path / "report.json", tmp_path / "sheet.html"
    r = run("scrub", inbox, "--out", out, "--quarantine", q, "--jobs", "2", "--policy", policy, "--report", report,
            "--review-sheet", sheet, timeout=240)
    assert r.returncode == 1, r.stdout + r.stderr  # the truncated clip
    assert sorted(p.name for p in out.iterdir() if not p.name.startswith(".")) == ["garden.mp4", "party.mp4", "photo.jpg"]
    assert sorted(p.name for p in q.iterdir()) == ["cut.mp4", "cut.mp4.reason.txt"]
    assert "truncated" in (q / "cut.mp4.reason.txt").read_text()
    assert "Traceback" not in r.stdout + r.stderr
    with av.open(str(out / "party.mp4")) as c:
        assert [s.type for s in c.streams] == ["video"] and "title" not in c.metadata
    records = json.loads(report.read_text())
    records = records if isinstance(records, list) else records.get("files", records.get("reports", []))
    party = next(x for x in records if x["input"].endswith("party.mov"))
    assert any("audio dropped" in n for n in party["notes"])
    html = sheet.read_text()
    assert "party.mp4" in html and "data:image/jpeg;base64," in html
    assert partials(out, q) == []


@pytest.mark.slow
def test_keep_audio_flag(tmp_path: Path) -> None:
    src = write_clip(tmp_path / "song.mp4", panning(5, 128, 96), audio=True)
    policy = tmp_path / "p.toml"
    policy.write_text(FAST_POLICY)
    r = run("scrub", src, "--out", tmp_path / "out", "--keep-audio", "--policy", policy, timeout=120)
    assert r.returncode == 0, r.stdout + r.stderr
    with av.open(str(tmp_path / "out" / "song.mp4")) as c:
        assert sorted(s.type for s in c.streams) == ["audio", "video"]


def test_check_a_clip(tmp_path: Path) -> None:
    src = write_clip(tmp_path / "tagged.mp4", panning(4, 128, 96), tags={"title": "Doris", "comment": "Maple House"})
    policy = tmp_path / "p.toml"
    policy.write_text(FACES_ONLY)
    r = run("check", src, "--json", "--policy", policy, timeout=120)
    assert r.returncode == 1, r.stdout + r.stderr
    data = json.loads(r.stdout)
    data = data[0] if isinstance(data, list) else data
    labels = {f["label"] for f in data["findings"]}
    assert {"tag title", "tag comment"} <= labels
    assert data["safe"] is False


@pytest.mark.slow
def test_watcher_picks_up_a_clip_written_slowly(tmp_path: Path) -> None:
    inbox, outbox, quarantine = tmp_path / "inbox", tmp_path / "outbox", tmp_path / "quarantine"
    inbox.mkdir()
    data = write_clip(tmp_path / "clip.mp4", panning(8, 128, 96), tags={"title": "secret"}).read_bytes()
    policy = tmp_path / "fast.toml"
    policy.write_text(FAST_POLICY)
    log = tmp_path / "watch.log"
    with open(log, "wb") as fh:
        proc = subprocess.Popen(cli("watch", inbox, "--out", outbox, "--quarantine", quarantine, "--settle", "1.0", "--policy", policy),
                                env=env(), stdout=fh, stderr=subprocess.STDOUT, start_new_session=True)
    try:
        def write_slowly() -> None:  # like a copy over a slow network: about 1.5 s, with pauses
            with open(inbox / "clip.mp4", "wb") as out:
                step = max(1, len(data) // 10)
                for k in range(0, len(data), step):
                    out.write(data[k : k + step])
                    out.flush()
                    time.sleep(0.15)

        writer = threading.Thread(target=write_slowly)
        writer.start()
        writer.join()
        deadline = time.monotonic() + 60
        while not (outbox / "clip.mp4").exists() and time.monotonic() < deadline:
            assert proc.poll() is None, log.read_text(errors="replace")
            time.sleep(0.2)
        assert (outbox / "clip.mp4").exists(), log.read_text(errors="replace")
    finally:
        os.killpg(proc.pid, signal.SIGTERM)
        proc.wait(timeout=30)
    assert not quarantine.exists() or not any(quarantine.iterdir()), log.read_text(errors="replace")
    with av.open(str(outbox / "clip.mp4")) as c:
        assert sum(1 for _ in c.decode(video=0)) == 8 and "title" not in c.metadata


def _no_detection_policy():  # type: ignore[no-untyped-def]
    from mediascrub.policy import FacePolicy, Policy, TextPolicy

    return Policy(faces=FacePolicy(enabled=False), text=TextPolicy(enabled=False))


@pytest.mark.slow
def test_batch_reports_each_clips_frames_across_workers(tmp_path: Path) -> None:
    from mediascrub.run.batch import plan, run_batch

    inbox = tmp_path / "in"
    inbox.mkdir()
    write_clip(inbox / "a.mp4", panning(6, 96, 64))
    write_clip(inbox / "b.mov", panning(4, 96, 64), fmt="mov")
    for jobs in (1, 2):
        out = tmp_path / f"out{jobs}"
        items, _ = plan([inbox], out)
        seen: list[tuple[str, int, int]] = []
        result = run_batch(items, _no_detection_policy(), out=out, jobs=jobs, on_frames=lambda *m, seen=seen: seen.append(m))
        assert [r.status.value for r in result.reports] == ["published", "published"]
        # three passes (analyse, render, verify), each frame once per pass, ending at 3 x frames
        assert ("a.mp4", 18, 18) in seen and ("b.mov", 12, 12) in seen, seen
        assert [d for n, d, _ in seen if n == "a.mp4"] == list(range(1, 19))


def test_progress_bar_shows_a_bar_per_clip() -> None:
    import io

    from mediascrub.run.progress import BatchProgress

    class Tty(io.StringIO):
        def isatty(self) -> bool:
            return True

    stream = Tty()
    with BatchProgress(2, stream=stream) as bar:
        bar.frames("garden.mp4", 10, 30)
        assert "garden.mp4" in [t.description.strip() for t in bar._progress.tasks]
        bar.frames("garden.mp4", 30, 30)
        assert "garden.mp4" not in [t.description.strip() for t in bar._progress.tasks]


def _cr3_bytes() -> bytes:
    """The boxes a Canon CR3 raw photo starts with: ftyp 'crx ', a Canon uuid box, a CRAW track."""
    import struct

    def box(kind: bytes, body: bytes) -> bytes:
        return struct.pack(">I4s", 8 + len(body), kind) + body

    def full(kind: bytes, flags: int, body: bytes) -> bytes:
        return box(kind, b"\0" + flags.to_bytes(3, "big") + body)

    matrix = struct.pack(">9i", 0x10000, 0, 0, 0, 0x10000, 0, 0, 0, 0x40000000)
    mvhd = full(b"mvhd", 0, b"\0" * 8 + struct.pack(">II", 1000, 1000) + b"\0\x01\0\0\x01\0" + b"\0" * 10 + matrix
                + b"\0" * 24 + b"\0\0\0\x02")
    tkhd = full(b"tkhd", 3, b"\0" * 8 + b"\0\0\0\x01" + b"\0" * 4 + b"\0\0\x03\xe8" + b"\0" * 16 + matrix
                + struct.pack(">II", 6000 << 16, 4000 << 16))
    craw = box(b"CRAW", b"\0" * 6 + b"\0\x01" + b"\0" * 16 + struct.pack(">HH", 6000, 4000) + b"\0" * 50)
    stbl = box(b"stbl", full(b"stsd", 0, b"\0\0\0\x01" + craw))
    trak = box(b"trak", tkhd + box(b"mdia", full(b"hdlr", 0, b"\0" * 4 + b"vide" + b"\0" * 13) + box(b"minf", stbl)))
    canon = box(b"uuid", bytes.fromhex("85c0b687820f11e08111f4ce462b6a48") + box(b"CNCV", b"CanonCR3_001/00.09.00/00.00.00"))
    return box(b"ftyp", b"crx \0\0\0\x01crx isom") + box(b"moov", canon + mvhd + trak) + box(b"mdat", b"\xab" * 64)


def test_a_raw_camera_file_named_mp4_is_one_line_and_the_check_run_carries_on(tmp_path: Path) -> None:
    # A CR3 renamed .mp4 ended a whole check run with "internal error: AttributeError".
    (tmp_path / "a_IMG_0001.mp4").write_bytes(_cr3_bytes())
    write_clip(tmp_path / "b_wall.mp4", panning(4, 128, 96), tags={"title": "Doris"})
    policy = tmp_path / "p.toml"
    policy.write_text(FACES_ONLY)
    r = run("check", tmp_path / "a_IMG_0001.mp4", tmp_path / "b_wall.mp4", "--json", "--policy", policy, timeout=120)
    assert r.returncode == 1, r.stdout + r.stderr
    assert "internal error" not in r.stdout + r.stderr and "Traceback" not in r.stdout + r.stderr
    data = json.loads(r.stdout)
    raw = next(x for x in data if x["input"].endswith("a_IMG_0001.mp4"))
    assert raw["reason"].startswith("a raw camera file (Canon CR3): export a JPEG from the camera or phone"), raw["reason"]
    wall = next(x for x in data if x["input"].endswith("b_wall.mp4"))
    assert wall["status"] == "checked" and wall["safe"] is False
    r = run("scrub", tmp_path / "a_IMG_0001.mp4", "--out", tmp_path / "out", "--policy", policy, timeout=120)
    assert r.returncode == 1 and "export a JPEG from the camera or phone" in r.stdout + r.stderr
    assert not (tmp_path / "out").exists() or not any((tmp_path / "out").iterdir())


def test_check_keep_audio_can_say_safe(tmp_path: Path) -> None:
    # --keep-audio: check called every clip with sound NOT SAFE, even mediascrub's own output.
    src = write_clip(tmp_path / "song.mp4", panning(6, 128, 96), audio=True)
    policy = tmp_path / "p.toml"
    policy.write_text(FAST_POLICY)
    r = run("scrub", src, "--out", tmp_path / "out", "--keep-audio", "--policy", policy, timeout=120)
    assert r.returncode == 0, r.stdout + r.stderr
    out = tmp_path / "out" / "song.mp4"
    r = run("check", out, "--keep-audio", "--json", "--policy", policy, timeout=120)
    assert r.returncode == 0, r.stdout + r.stderr
    data = json.loads(r.stdout)
    assert (data[0] if isinstance(data, list) else data)["safe"] is True
    # the input (FFmpeg's AAC with its encoder's name in a fill element, x264's SEI) is not
    r = run("check", src, "--keep-audio", "--json", "--policy", policy, timeout=120)
    assert r.returncode == 1
    text = r.stdout
    assert "AAC sound frames" in text and "SEI user data" in text
