"""``scrub --engine ray`` on a local Ray instance: the same bytes and report as ``--jobs 2``, resumable,
and a worker killed mid-run loses nothing (its files are retried or reported failed, never half-written).

Real subprocess runs; Ray starts its own local instance (2 CPUs) for each and stops it after.
"""

from __future__ import annotations

import json
import os
import signal
import subprocess
import time
from pathlib import Path

import pytest
from _batch_util import FAST_POLICY, cli, decode, env, jpeg_bytes, partials, png_bytes, run

pytest.importorskip("ray")
pytestmark = pytest.mark.slow


def _outputs(folder: Path) -> dict[str, bytes]:
    files = sorted(p for p in folder.rglob("*") if p.is_file() and not p.name.startswith("."))
    return {p.relative_to(folder).as_posix(): p.read_bytes() for p in files}


def _report(path: Path, name: str) -> dict:
    """The JSON report without what differs between any two runs (time, durations, the output folders' names)."""
    doc = json.loads(path.read_text().replace(f"out-{name}", "out-RUN").replace(f"q-{name}", "q-RUN"))
    doc.pop("created")
    for f in doc["files"]:
        f.pop("seconds", None)
    return doc


def _photos(folder: Path, n: int, size: tuple[int, int]) -> None:
    for i in range(n):
        sub = folder / f"day{i % 2}"
        sub.mkdir(parents=True, exist_ok=True)
        if i % 5 == 4:
            (sub / f"p{i:02d}.png").write_bytes(png_bytes(*size, seed=i))
        else:
            (sub / f"p{i:02d}.jpg").write_bytes(jpeg_bytes(*size, seed=i, exif=i % 3 == 0))


def test_ray_outputs_and_report_identical_to_local_jobs_2(tmp_path: Path) -> None:
    from PIL import Image
    from skimage import data

    src = tmp_path / "photos"
    _photos(src, 8, (480, 360))
    Image.fromarray(data.astronaut()).save(src / "astronaut.png")  # a face: the face stage runs on the workers too
    (src / "notes.jpg").write_bytes(b"not a photo\n")  # fails closed the same way
    outs = {}
    for name, extra in (("local", ["--jobs", "2"]), ("ray", ["--engine", "ray", "--jobs", "2"])):
        out = tmp_path / f"out-{name}"
        r = run("scrub", src, "--out", out, "--report", tmp_path / f"{name}.json", "--quarantine", tmp_path / f"q-{name}", *extra,
                timeout=300)
        assert r.returncode == 1, r.stderr  # notes.jpg is quarantined
        assert "9 published, 1 quarantined, 0 failed" in r.stdout + r.stderr
        outs[name] = out
    assert "ran on a local Ray instance with 2 worker(s)" in r.stderr
    assert _outputs(outs["ray"]) == _outputs(outs["local"]) and len(_outputs(outs["ray"])) == 9
    assert _outputs(tmp_path / "q-ray") == _outputs(tmp_path / "q-local")
    assert _report(tmp_path / "ray.json", "ray") == _report(tmp_path / "local.json", "local")
    # resumable: the same command again skips everything
    r = run("scrub", src, "--out", outs["ray"], "--engine", "ray", "--jobs", "2", timeout=300)
    assert "0 published" in r.stdout + r.stderr and "9 skipped" in r.stdout + r.stderr


def _scrubber_pids(root: int) -> list[int]:
    """The Ray worker processes of the run started as ``root`` (its descendants only: never another run's)."""
    parent: dict[int, int] = {}
    scrubbers = []
    for d in Path("/proc").iterdir():
        if d.name.isdigit():
            try:
                parent[int(d.name)] = int((d / "stat").read_bytes().rsplit(b")", 1)[1].split()[1])
                cmd = (d / "cmdline").read_bytes()
            except (OSError, IndexError, ValueError):
                continue
            if b"_Scrubber" in cmd:
                scrubbers.append(int(d.name))

    def descends(pid: int) -> bool:
        for _ in range(20):
            pid = parent.get(pid, 0)
            if pid == root:
                return True
            if pid <= 1:
                return False
        return False

    return [pid for pid in scrubbers if descends(pid)]


def test_a_worker_killed_mid_run_loses_nothing(tmp_path: Path) -> None:
    src, out = tmp_path / "photos", tmp_path / "out"
    n = 24
    _photos(src, n, (1280, 960))
    policy = tmp_path / "fast.toml"
    policy.write_text(FAST_POLICY)
    ref = run("scrub", src, "--out", tmp_path / "ref", "--jobs", "2", "--policy", policy, "-q", timeout=300)
    assert ref.returncode == 0, ref.stderr
    log = tmp_path / "ray.log"
    with open(log, "wb") as fh:
        proc = subprocess.Popen(
            cli("scrub", src, "--out", out, "--engine", "ray", "--jobs", "2", "--policy", policy, "--report", tmp_path / "r.json"),
            env=env(), stdout=fh, stderr=subprocess.STDOUT, start_new_session=True,
        )
    killed = None
    try:
        deadline = time.monotonic() + 180
        while time.monotonic() < deadline and proc.poll() is None:
            done = len(_outputs(out)) if out.exists() else 0
            pids = _scrubber_pids(proc.pid)
            if done >= 4 and pids:
                killed = pids[0]
                os.kill(killed, signal.SIGKILL)
                break
            time.sleep(0.05)
        proc.wait(timeout=300)
    finally:
        if proc.poll() is None:
            os.killpg(proc.pid, signal.SIGTERM)
            proc.wait(timeout=60)
    text = log.read_text(errors="replace")
    assert killed is not None, f"no worker to kill before the run ended: {text[-2000:]}"
    assert proc.returncode in (0, 1), text[-3000:]
    assert "worker(s) died" in text, text[-3000:]
    report = json.loads((tmp_path / "r.json").read_text())
    assert len(report["files"]) == n
    expected = _outputs(tmp_path / "ref")
    got = _outputs(out)
    for f in report["files"]:
        rel = Path(f["input"]).relative_to(src).as_posix()
        if f["status"] == "published":
            assert got[rel] == expected[rel]  # never half-written: the same bytes as the uninterrupted run
        else:
            assert f["status"] == "failed" and "worker process stopped" in f["reason"], f
            assert rel not in got
    assert not partials(out)  # the dead worker's temp file was removed
    for p in out.rglob("*"):
        if p.is_file() and not p.name.startswith("."):
            decode(p)
    # Whatever failed is published by the next run; the rest is skipped.
    r = run("scrub", src, "--out", out, "--engine", "ray", "--jobs", "2", "--policy", policy, timeout=300)
    assert r.returncode == 0, r.stderr
    assert _outputs(out) == expected
