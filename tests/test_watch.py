"""The shared-drive watcher, as real subprocesses: bursts of files, slow writers, SIGKILL and restart."""

from __future__ import annotations

import io
import os
import shutil
import signal
import subprocess
import threading
import time
from pathlib import Path

import numpy as np
import pytest
from _batch_util import FAST_POLICY, cli, decode, env, jpeg_bytes, partials, run, visible
from PIL import Image

from mediascrub.run.watch import WatchState, _unique

SETTLE = 1.0  # seconds; slow writers below pause at most 0.1 s between chunks
N_FILES = 100


def _name(i: int) -> str:
    sub = "sub/" if i % 7 == 0 else ""
    return f"{sub}p{i:03d}.jpg"


def _content(i: int) -> bytes:
    if i % 10 == 9:
        return b"this is not a photo\n" * 40  # named .jpg: must end in quarantine
    return jpeg_bytes(160 + (i % 5) * 8, 120, seed=i)


def _is_bad(i: int) -> bool:
    return i % 10 == 9


def _decoded(data: bytes) -> np.ndarray:
    with Image.open(io.BytesIO(data)) as img:
        return np.asarray(img.convert("RGB"))


def _write_slowly(path: Path, data: bytes, chunks: int = 10, pause: float = 0.1) -> None:
    """Like a copy over a slow network: the file grows over about a second."""
    step = max(1, len(data) // chunks)
    with open(path, "wb") as fh:
        for k in range(0, len(data), step):
            fh.write(data[k : k + step])
            fh.flush()
            time.sleep(pause)


def _drop_all(inbox: Path, staging: Path, threads: list[threading.Thread]) -> None:
    """Drop the files in bursts of 20, four ways: written at once, slowly in chunks, moved in, copied in."""
    for burst in range(N_FILES // 20):
        for i in range(burst * 20, burst * 20 + 20):
            dest = inbox / _name(i)
            dest.parent.mkdir(exist_ok=True)
            data = _content(i)
            how = i % 4
            if how == 0:
                dest.write_bytes(data)
            elif how == 1:
                t = threading.Thread(target=_write_slowly, args=(dest, data))
                t.start()
                threads.append(t)
            elif how == 2:
                tmp = staging / f"m{i}.jpg"
                tmp.write_bytes(data)
                os.rename(tmp, dest)
            else:
                tmp = staging / f"c{i}.jpg"
                tmp.write_bytes(data)
                shutil.copyfile(tmp, dest)
        time.sleep(0.6)


def _handled(outbox: Path, quarantine: Path) -> int:
    return sum((outbox / _name(i)).exists() or (quarantine / (_name(i) + ".reason.txt")).exists() for i in range(N_FILES))


def _start(args: list[str | Path], log: Path) -> subprocess.Popen[bytes]:
    fh = open(log, "ab")  # noqa: SIM115 - closed with the process
    return subprocess.Popen(cli(*args), env=env(), stdout=fh, stderr=subprocess.STDOUT, start_new_session=True)


def _wait(cond: object, timeout: float, what: str, proc: subprocess.Popen[bytes] | None = None) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if cond():  # type: ignore[operator]
            return
        if proc is not None and proc.poll() is not None:
            pytest.fail(f"the watcher exited ({proc.returncode}) while waiting for {what}")
        time.sleep(0.05)
    pytest.fail(f"timed out waiting for {what}")


@pytest.mark.slow
@pytest.mark.parametrize("polling", [False, True], ids=["inotify", "polling"])
def test_hundred_files_kill_and_restart_each_ends_up_exactly_once(tmp_path: Path, polling: bool) -> None:
    inbox, outbox, quarantine, processed, staging = (tmp_path / n for n in ("inbox", "outbox", "quarantine", "processed", "staging"))
    for d in (inbox, staging):
        d.mkdir()
    policy = tmp_path / "fast.toml"
    policy.write_text(FAST_POLICY)
    log = tmp_path / "watch.log"
    # inotify: originals move to --processed; polling: originals stay (remembered in the journal)
    args: list[str | Path] = ["watch", inbox, "--out", outbox, "--quarantine", quarantine, "--settle", str(SETTLE), "--policy", policy]
    if polling:
        args += ["--polling", "--poll-interval", "0.2"]
    else:
        args += ["--processed", processed]

    # a backlog is already there before the watcher starts
    threads: list[threading.Thread] = []
    proc = _start(args, log)
    dropper = threading.Thread(target=_drop_all, args=(inbox, staging, threads))
    dropper.start()
    _wait(lambda: _handled(outbox, quarantine) >= 25, 60, "the first 25 files", proc)
    os.killpg(proc.pid, signal.SIGKILL)  # mid-way, without warning
    proc.wait()
    assert _handled(outbox, quarantine) < N_FILES
    time.sleep(0.5)
    proc = _start(args, log)
    dropper.join()
    for t in threads:
        t.join()
    _wait(lambda: _handled(outbox, quarantine) == N_FILES, 90, "all files", proc)
    if not polling:
        _wait(lambda: not [p for p in inbox.rglob("*") if p.is_file()], 20, "the inbox to empty", proc)
    time.sleep(SETTLE * 2)  # anything processed twice would show up now
    os.killpg(proc.pid, signal.SIGTERM)
    assert proc.wait(timeout=30) == 0
    text = log.read_text(errors="replace")

    good = {_name(i) for i in range(N_FILES) if not _is_bad(i)}
    bad = {_name(i) for i in range(N_FILES) if _is_bad(i)}
    assert set(visible([p for p in outbox.rglob("*") if p.is_file()], outbox)) == good, text[-3000:]
    q = visible([p for p in quarantine.rglob("*") if p.is_file()], quarantine)
    assert {n.removesuffix(".reason.txt") for n in q} == bad
    assert all(n.endswith(".reason.txt") or n in bad for n in q)
    for i in range(N_FILES):
        name = _name(i)
        if name in good:
            out = decode(outbox / name)  # complete, decodes
            src = _decoded(_content(i))
            assert out.shape == src.shape and float(np.abs(out.astype(int) - src).mean()) < 2.0, name
        else:
            assert "not a supported image" in (quarantine / (name + ".reason.txt")).read_text()
    assert partials(outbox, quarantine, processed) == []
    if polling:
        assert len([p for p in inbox.rglob("*") if p.is_file()]) == N_FILES  # originals left in place
    else:
        assert set(visible([p for p in processed.rglob("*") if p.is_file()], processed)) == good | bad
    assert "published" in text and "quarantined" in text


@pytest.mark.slow
def test_bad_inputs_are_quarantined_or_ignored_and_the_rest_still_published(tmp_path: Path) -> None:
    inbox, outbox, quarantine = tmp_path / "inbox", tmp_path / "outbox", tmp_path / "quarantine"
    inbox.mkdir()
    (inbox / "empty.jpg").write_bytes(b"")
    (inbox / "notes.jpg").write_bytes(b"Dear family, ...\n" * 10)
    with open(inbox / "huge.jpg", "wb") as fh:  # 1 GB, sparse: nothing may read it all
        fh.truncate(1 << 30)
    (inbox / "x.jpg").mkdir()
    (inbox / "x.jpg" / "inside.jpg").write_bytes(jpeg_bytes(120, 90, 1))
    (inbox / "passwd.jpg").symlink_to("/etc/passwd")
    (inbox / "~$draft.jpg").write_bytes(b"office lock file")
    (inbox / ".DS_Store").write_bytes(b"\0\0\0\1Bud1")
    (inbox / "Thumbs.db").write_bytes(b"thumbs")
    (inbox / "copying.jpg.part").write_bytes(b"half")
    (inbox / "good.jpg").write_bytes(jpeg_bytes(120, 90, 2))
    policy = tmp_path / "fast.toml"
    policy.write_text(FAST_POLICY)
    args: list[str | Path] = ["watch", inbox, "--out", outbox, "--quarantine", quarantine, "--once", "--settle", "0.2", "--policy", policy]
    t0 = time.monotonic()
    r = run(*args, timeout=60)
    assert time.monotonic() - t0 < 30
    assert r.returncode == 1, r.stdout + r.stderr  # something was quarantined
    assert visible([p for p in outbox.rglob("*.jpg") if p.is_file()], outbox) == ["good.jpg", "x.jpg/inside.jpg"]
    reasons = {p.name.removesuffix(".reason.txt"): p.read_text() for p in quarantine.glob("*.reason.txt")}
    assert set(reasons) == {"empty.jpg", "notes.jpg", "huge.jpg", "passwd.jpg"}
    assert "symbolic link" in reasons["passwd.jpg"]
    assert "empty" in reasons["empty.jpg"] and "MB" in reasons["huge.jpg"]
    assert not (quarantine / "huge.jpg").exists()  # never copied
    passwd = Path("/etc/passwd").read_bytes()[:40]
    for p in list(outbox.rglob("*")) + list(quarantine.rglob("*")):
        if p.is_file():
            assert passwd not in p.read_bytes()
    log = r.stdout + r.stderr
    assert "x.jpg: is a folder" in log
    for ignored in ("~$draft", "DS_Store", "Thumbs", "copying"):
        assert ignored not in log
    # every original is still there (no --processed), and a second run does nothing more
    again = run(*args, timeout=60)
    assert again.returncode == 0, again.stdout + again.stderr
    assert "published" not in again.stdout and "quarantined" not in again.stderr


@pytest.mark.slow
def test_processed_and_output_folders_must_be_outside_the_inbox(tmp_path: Path) -> None:
    (tmp_path / "inbox").mkdir()
    r = run("watch", tmp_path / "inbox", "--out", tmp_path / "inbox" / "out", "--once")
    assert r.returncode == 2 and "inside" in r.stderr
    r = run("watch", tmp_path / "inbox", "--out", tmp_path / "out", "--processed", tmp_path / "inbox" / "done", "--once")
    assert r.returncode == 2 and "inside" in r.stderr


def test_a_new_photo_with_an_old_name_never_overwrites_a_published_one(tmp_path: Path) -> None:
    inbox, outbox, processed = tmp_path / "inbox", tmp_path / "outbox", tmp_path / "done"
    inbox.mkdir()
    policy = tmp_path / "fast.toml"
    policy.write_text(FAST_POLICY)
    args: list[str | Path] = ["watch", inbox, "--out", outbox, "--processed", processed, "--once", "--settle", "0.1", "--policy", policy]
    (inbox / "a.jpg").write_bytes(jpeg_bytes(100, 80, 1))
    assert run(*args).returncode == 0
    (inbox / "a.jpg").write_bytes(jpeg_bytes(100, 80, 2))
    assert run(*args).returncode == 0
    assert visible(list(outbox.iterdir()), outbox) == ["a-2.jpg", "a.jpg"]
    assert visible(list(processed.iterdir()), processed) == ["a-2.jpg", "a.jpg"]
    first, second = decode(outbox / "a.jpg"), decode(outbox / "a-2.jpg")
    assert float(np.abs(first.astype(int) - _decoded(jpeg_bytes(100, 80, 1))).mean()) < 2
    assert float(np.abs(second.astype(int) - _decoded(jpeg_bytes(100, 80, 2))).mean()) < 2


def test_journal_survives_a_torn_line_and_compacts(tmp_path: Path) -> None:
    state = WatchState(tmp_path / "j.jsonl")
    state.start("a.jpg", "h1", "a.jpg")
    state.finish("a.jpg", "h1", "published", "a.jpg", (1, 2, 3, 4))
    state.start("b.jpg", "h2", "b.jpg")
    state.close()
    with open(tmp_path / "j.jsonl", "a") as fh:
        fh.write('{"e":"done","rel":"b.j')
    loaded = WatchState(tmp_path / "j.jsonl").load()
    assert loaded.latest["a.jpg"].sig == (1, 2, 3, 4)
    assert ("b.jpg", "h2") in loaded.starts and ("b.jpg", "h2") not in loaded.done
    loaded.compact({"b.jpg"})
    again = WatchState(tmp_path / "j.jsonl").load()
    assert "a.jpg" not in again.latest and ("b.jpg", "h2") in again.starts


def test_unique_names() -> None:
    taken = {"a.jpg", "a-2.jpg", "sub/b.png"}
    assert _unique("a.jpg", taken.__contains__) == "a-3.jpg"
    assert _unique("sub/b.png", taken.__contains__) == "sub/b-2.png"
    assert _unique("c.jpg", taken.__contains__) == "c.jpg"
