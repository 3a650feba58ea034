"""The watcher and clips: a clip is streamed (copied and hashed a chunk at a time, then scrubbed by the
video pipeline from a private copy), never held in memory, never capped at the photos' size limit, and
its output name is the .mp4 that will be written."""

from __future__ import annotations

import os
import struct
import subprocess
from pathlib import Path

import av
import pytest
from _batch_util import FAST_POLICY, cli, env
from _video_util import panning, write_clip

from mediascrub.policy import FacePolicy, OutputPolicy, Policy, TextPolicy
from mediascrub.run.watch import Outcome, WatchConfig, Watcher, WatchEvent

PADDING = 256 * 1024 * 1024  # bytes of a top-level 'free' box appended to make a clip large at no decoding cost


def pad_clip(path: Path, padding: int) -> Path:
    """Append a top-level MP4 ``free`` box of ``padding`` bytes (a sparse hole: cheap to make, real bytes to read).
    The clip's frames are unchanged; its file is now ``padding`` bytes larger."""
    with open(path, "r+b") as fh:
        end = fh.seek(0, os.SEEK_END)
        fh.write(struct.pack(">I4sQ", 1, b"free", padding))  # 64-bit box size
        fh.truncate(end + padding)
    return path


def watch_once_peak_rss(tmp: Path, clip: Path) -> tuple[float, subprocess.CompletedProcess[str] | str]:
    """Run a real ``mediascrub watch --once`` on an inbox holding ``clip``; (peak RSS in MB of that process, log)."""
    inbox, out = tmp / "inbox", tmp / "out"
    inbox.mkdir()
    os.replace(clip, inbox / clip.name)
    policy = tmp / "fast.toml"
    policy.write_text(FAST_POLICY)
    log = tmp / "watch.log"
    with open(log, "wb") as fh:
        proc = subprocess.Popen(cli("watch", inbox, "--out", out, "--quarantine", tmp / "q", "--once", "--settle", "0.2",
                                    "--policy", policy), env=env(), stdout=fh, stderr=subprocess.STDOUT)
        _, status, usage = os.wait4(proc.pid, 0)
        proc.returncode = os.waitstatus_to_exitcode(status)
    text = log.read_text(errors="replace")
    assert proc.returncode == 0, text
    assert (out / (clip.stem + ".mp4")).exists(), text
    return usage.ru_maxrss / 1024.0, text


@pytest.mark.slow
def test_watcher_memory_does_not_grow_with_the_clips_size(tmp_path: Path) -> None:
    """The same clip, 256 MB larger: the watcher's peak RSS must not follow (it used to read the whole file)."""
    small, big = tmp_path / "small", tmp_path / "big"
    small.mkdir()
    big.mkdir()
    write_clip(small / "party.mp4", panning(8, 128, 96))
    write_clip(big / "party.mp4", panning(8, 128, 96))
    pad_clip(big / "party.mp4", PADDING)
    rss_small, _ = watch_once_peak_rss(small, small / "party.mp4")
    rss_big, log = watch_once_peak_rss(big, big / "party.mp4")
    assert "published" in str(log)
    # reading the file whole would add at least PADDING (256 MB); a chunked copy adds about nothing
    print(f"watch --once peak RSS: {rss_small:.0f} MB (clip of {os.path.getsize(small / 'out' / 'party.mp4') / 1e3:.0f} kB out), "
          f"{rss_big:.0f} MB with the clip {PADDING >> 20} MB larger")
    assert rss_big - rss_small < 48, (rss_small, rss_big)


def _watch(tmp: Path, policy: Policy) -> tuple[list[WatchEvent], Path, Path]:
    out, q = tmp / "out", tmp / "q"
    events: list[WatchEvent] = []
    Watcher(WatchConfig(tmp / "inbox", out, quarantine=q, settle=0.05), policy, on_event=events.append).run(once=True)
    return events, out, q


def _fast(max_file_bytes: int | None = None) -> Policy:
    output = OutputPolicy(max_file_bytes=max_file_bytes) if max_file_bytes else OutputPolicy()
    return Policy(faces=FacePolicy(enabled=False), text=TextPolicy(enabled=False), output=output)


def test_a_clip_is_never_read_whole_and_not_capped_by_the_photo_limit(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    inbox = tmp_path / "inbox"
    inbox.mkdir()
    clip = pad_clip(write_clip(inbox / "garden.mov", panning(6, 128, 96), fmt="mov", tags={"title": "secret"}), 3 << 20)
    (inbox / "big.jpg").write_bytes(b"\xff\xd8\xff" + bytes(3 << 20))  # a "photo" over the limit: refused unread
    whole_reads: list[str] = []
    real_read_bytes = Path.read_bytes

    def read_bytes(self: Path) -> bytes:
        whole_reads.append(self.name)
        return real_read_bytes(self)

    monkeypatch.setattr(Path, "read_bytes", read_bytes)
    events, out, q = _watch(tmp_path, _fast(max_file_bytes=1 << 20))  # 1 MB: both inputs are larger
    by_name = {e.rel: e for e in events}
    assert by_name["garden.mov"].outcome is Outcome.PUBLISHED, by_name["garden.mov"]
    assert by_name["big.jpg"].outcome is Outcome.QUARANTINED and "max_file_bytes" in (by_name["big.jpg"].reason or "")
    assert not [n for n in whole_reads if n.endswith((".mov", ".mp4")) or n.startswith("staged")], whole_reads
    assert clip.exists()  # the original is never touched
    with av.open(str(out / "garden.mp4")) as c:
        assert sum(1 for _ in c.decode(video=0)) == 6 and "title" not in c.metadata
    assert not any(p.name.startswith(".mediascrub") for p in out.iterdir())


@pytest.mark.slow
def test_a_mov_gets_a_fresh_name_when_its_mp4_is_taken(tmp_path: Path) -> None:
    """``a.mov`` is published as ``a.mp4``: when ``a.mp4`` is already in the outbox (another clip), the new
    clip gets ``a-2.mp4`` and the published clip is never overwritten."""
    inbox = tmp_path / "inbox"
    inbox.mkdir()
    write_clip(inbox / "party.mp4", panning(5, 128, 96))
    events, out, _ = _watch(tmp_path, _fast())
    assert [e.outcome for e in events] == [Outcome.PUBLISHED]
    first = (out / "party.mp4").read_bytes()
    (inbox / "party.mp4").unlink()
    write_clip(inbox / "party.mov", panning(7, 128, 96, step=3), fmt="mov")
    events, out, _ = _watch(tmp_path, _fast())
    assert [(e.rel, e.outcome) for e in events] == [("party.mov", Outcome.PUBLISHED)]
    assert Path(events[0].output or "").name == "party-2.mp4"
    assert (out / "party.mp4").read_bytes() == first
    with av.open(str(out / "party-2.mp4")) as c:
        assert sum(1 for _ in c.decode(video=0)) == 7
