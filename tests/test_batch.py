"""Batch scrub on folders: parallel workers, resume, interruption, locking; and `policy show`."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import numpy as np
import pytest
from _batch_util import FAST_POLICY, cli, decode, env, files_under, jpeg_bytes, partials, png_bytes, run, visible
from typer.testing import CliRunner

from mediascrub.cli.app import app
from mediascrub.errors import ModelError, UsageError
from mediascrub.findings import Report, Status
from mediascrub.pipeline import Pipeline
from mediascrub.policy import Policy, load_policy
from mediascrub.run.batch import STATE_NAME, OutputLock, StateFile, plan, run_batch, sweep_partials


def make_inputs(folder: Path, n: int, *, size: tuple[int, int] = (240, 180), seed: int = 0) -> list[Path]:
    """n photos in two folders, mixing clean JPEGs, JPEGs with EXIF (rotated) and PNGs with text chunks."""
    paths = []
    for i in range(n):
        sub = folder / ("trip" if i % 3 == 0 else "")
        sub.mkdir(parents=True, exist_ok=True)
        w, h = size
        if i % 3 == 1:
            p, data = sub / f"img{i:03d}.png", png_bytes(w, h, seed + i)
        else:
            p, data = sub / f"img{i:03d}.jpg", jpeg_bytes(w, h, seed + i, exif=i % 3 == 2)
        p.write_bytes(data)
        paths.append(p)
    return paths


@pytest.fixture()
def fast_policy(tmp_path: Path) -> Path:
    p = tmp_path / "fast.toml"
    p.write_text(FAST_POLICY)
    return p


def outputs(out: Path) -> list[str]:
    return visible(files_under(out), out)


@pytest.mark.slow
def test_resume_skips_unchanged_and_redoes_changed(tmp_path: Path, fast_policy: Path) -> None:
    src, out = tmp_path / "in", tmp_path / "out"
    inputs = make_inputs(src, 6)
    first = run("scrub", src, "--out", out, "--policy", fast_policy, "--jobs", "1")
    assert first.returncode == 0, first.stderr
    assert len(outputs(out)) == 6
    mtimes = {p: p.stat().st_mtime_ns for p in out.rglob("img*")}

    again = run("scrub", src, "--out", out, "--policy", fast_policy, "--jobs", "1", "--report", tmp_path / "r.json")
    assert again.returncode == 0, again.stderr
    assert "0 published" in again.stdout and "6 skipped" in again.stdout
    assert {p: p.stat().st_mtime_ns for p in out.rglob("img*")} == mtimes  # nothing rewritten
    doc = json.loads((tmp_path / "r.json").read_text())
    assert [f["status"] for f in doc["files"]] == ["skipped"] * 6

    # change one input's content, delete another's output: exactly those two are done again
    inputs[0].write_bytes(jpeg_bytes(240, 180, 999))
    out_of_1 = next(out.rglob(inputs[1].stem + ".*"))
    out_of_1.unlink()
    third = run("scrub", src, "--out", out, "--policy", fast_policy, "--jobs", "1")
    assert third.returncode == 0, third.stderr
    assert "2 published" in third.stdout and "4 skipped" in third.stdout
    assert out_of_1.exists()

    # other settings: everything is done again
    other = tmp_path / "other.toml"
    other.write_text(FAST_POLICY + "\n[output]\njpeg_quality = 80\n")
    fourth = run("scrub", src, "--out", out, "--policy", other, "--jobs", "1")
    assert "6 published" in fourth.stdout, fourth.stdout
    # --force ignores the record
    fifth = run("scrub", src, "--out", out, "--policy", other, "--jobs", "1", "--force")
    assert "6 published" in fifth.stdout
    assert len(outputs(out)) == 6


@pytest.mark.slow
def test_jobs_2_gives_identical_outputs_to_jobs_1(tmp_path: Path, fast_policy: Path) -> None:
    src = tmp_path / "in"
    make_inputs(src, 8, size=(320, 200))
    (src / "broken.jpg").write_bytes(b"\xff\xd8\xff\xe0 not really a jpeg")
    r1 = run("scrub", src, "--out", tmp_path / "o1", "--quarantine", tmp_path / "q1", "--policy", fast_policy, "-j", "1",
             "--report", tmp_path / "r1.json")
    r2 = run("scrub", src, "--out", tmp_path / "o2", "--quarantine", tmp_path / "q2", "--policy", fast_policy, "-j", "2",
             "--report", tmp_path / "r2.json")
    assert r1.returncode == r2.returncode == 1  # the broken file
    names = outputs(tmp_path / "o1")
    assert len(names) == 8 and names == outputs(tmp_path / "o2")
    for name in names:
        assert (tmp_path / "o1" / name).read_bytes() == (tmp_path / "o2" / name).read_bytes(), name
    assert outputs(tmp_path / "q1") == outputs(tmp_path / "q2")
    assert "broken.jpg.reason.txt" in outputs(tmp_path / "q1")
    # the audit record lists inputs in the same (input) order whatever the number of workers
    s1 = [(f["input"].split("/")[-1], f["status"]) for f in json.loads((tmp_path / "r1.json").read_text())["files"]]
    s2 = [(f["input"].split("/")[-1], f["status"]) for f in json.loads((tmp_path / "r2.json").read_text())["files"]]
    assert s1 == s2


#: Starts the command with Ctrl-C at its default action, as a shell started from a terminal would. A job put in the
#: background by a shell without job control (``pytest ... &`` in a script, ``nohup``) inherits SIGINT *ignored*,
#: and Python then keeps it ignored (no KeyboardInterrupt): the batch would rightly run to its end and the
#: interrupt tests would fail with "each batch was through before it could be interrupted" (seen in two CI runs
#: started that way; none from a terminal).
_INTERRUPTIBLE = "import os, signal, sys; signal.signal(signal.SIGINT, signal.SIG_DFL); os.execv(sys.argv[1], sys.argv[1:])"


def _start(args: list[str | Path]) -> subprocess.Popen[str]:
    command = cli(*args)
    return subprocess.Popen([sys.executable, "-c", _INTERRUPTIBLE, *command], env=env(), stdout=subprocess.PIPE,
                            stderr=subprocess.PIPE, text=True, start_new_session=True)


def _wait_for_outputs(out: Path, n: int, proc: subprocess.Popen[str], timeout: float = 60) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if len(list(out.rglob("img*"))) >= n:
            return
        if proc.poll() is not None:
            pytest.fail(f"the batch finished before it could be interrupted: {proc.stderr.read() if proc.stderr else ''}")
        time.sleep(0.02)
    pytest.fail("no progress")


def _live_pids_in_group(pgid: int) -> list[int]:
    pids = []
    for d in Path("/proc").iterdir():
        if d.name.isdigit():
            try:
                fields = (d / "stat").read_text().rsplit(")", 1)[1].split()
            except OSError:
                continue
            if int(fields[2]) == pgid and fields[0] != "Z":
                pids.append(int(d.name))
    return pids


def _wait_for_group_to_end(pgid: int, timeout: float = 20) -> None:
    if not Path("/proc/self/stat").exists():
        return
    deadline = time.monotonic() + timeout
    while _live_pids_in_group(pgid):
        if time.monotonic() > deadline:
            left = _live_pids_in_group(pgid)
            for pid in left:
                os.kill(pid, signal.SIGKILL)
            pytest.fail(f"worker processes outlived the batch: {left}")
        time.sleep(0.1)


def _interrupt_a_batch(tmp_path: Path, fast_policy: Path, how: int) -> tuple[Path, Path, int, list[str | Path], subprocess.Popen[str], str]:
    """Start a batch of photos and send it ``how`` once it has written 3 of them. On a busy machine the
    test may not look again before the batch is through (20 photos take about a second): then it is
    run again on twice as many photos, up to 3 times (a full-suite run saw one finish unharmed)."""
    n = 20
    for attempt in range(3):
        src, out = tmp_path / f"in{attempt}", tmp_path / f"out{attempt}"
        make_inputs(src, n, size=(800, 600))
        args: list[str | Path] = ["scrub", src, "--out", out, "--policy", fast_policy, "--jobs", "2"]
        proc = _start(args)
        _wait_for_outputs(out, 3, proc)
        if proc.poll() is None:
            if how == signal.SIGINT:
                os.killpg(proc.pid, how)  # like Ctrl-C in a terminal: the whole process group gets it
            else:
                os.kill(proc.pid, how)  # the batch process alone dies: its workers must not live on as orphans
        _, err = proc.communicate(timeout=60)
        _wait_for_group_to_end(proc.pid)
        if len(outputs(out)) < n:
            return src, out, n, args, proc, err
        n *= 2  # it was through before the signal: more photos
    pytest.fail("each batch was through before it could be interrupted")


@pytest.mark.slow
@pytest.mark.parametrize("how", [signal.SIGINT, signal.SIGTERM, signal.SIGKILL])
def test_interrupted_batch_finishes_on_rerun_without_duplicates_or_partials(tmp_path: Path, fast_policy: Path, how: int) -> None:
    src, out, n, args, proc, err = _interrupt_a_batch(tmp_path, fast_policy, how)
    done_before = len(outputs(out))
    assert 0 < done_before < n, (proc.returncode, err[-3000:])
    if how in (signal.SIGINT, signal.SIGTERM):
        assert proc.returncode == 130, err
        assert "interrupted" in err
        assert partials(out) == []  # Ctrl-C leaves no temp files
    for name in outputs(out):
        decode(out / name)  # whatever is there is complete
    rerun = run(*args)
    assert rerun.returncode == 0, rerun.stderr
    assert partials(out) == []
    names = outputs(out)
    assert len(names) == n, names  # every input exactly once: no duplicates, nothing missing
    assert {Path(x).stem for x in names} == {p.stem for p in src.rglob("img*")}
    skipped = int(rerun.stdout.split(" skipped")[0].rsplit(" ", 1)[-1]) if "skipped" in rerun.stdout else 0
    assert skipped >= done_before - 2  # at most the items in flight at the kill were done again
    for name in names:
        decode(out / name)


def test_partial_files_of_a_killed_run_are_removed(tmp_path: Path, fast_policy: Path) -> None:
    src, out = tmp_path / "in", tmp_path / "out"
    make_inputs(src, 2)
    (out / "trip").mkdir(parents=True)
    left = out / "trip" / ".mediascrub-abc123.part"
    left.write_bytes(b"half a photo")
    r = run("scrub", src, "--out", out, "--policy", fast_policy, "-j", "1")
    assert r.returncode == 0, r.stderr
    assert not left.exists()


def test_state_file_tolerates_a_torn_last_line(tmp_path: Path) -> None:
    (tmp_path / STATE_NAME).write_text(
        '{"v":1,"rel":"a.jpg","sha256":"x","settings":"s","status":"published","output":"a.jpg","size":3}\n{"v":1,"rel":"b.j'
    )
    state = StateFile(tmp_path / STATE_NAME).load()
    assert list(state.records) == ["a.jpg"]


def test_state_is_kept_outside_the_output_folder(tmp_path: Path, fast_policy: Path, _private_state_dir: Path) -> None:
    """The output folder is what gets uploaded: no lock, no resume record, no input names in it."""
    from mediascrub.run.statedir import state_dir_for

    src, out = tmp_path / "Client Jane Doe", tmp_path / "out"
    make_inputs(src, 2)
    (out).mkdir()
    (out / ".mediascrub-state.jsonl").write_text('{"v":1,"rel":"old.jpg","sha256":"x","settings":"s","status":"failed"}\n')
    assert run("scrub", src, "--out", out, "--policy", fast_policy, "-j", "1").returncode == 0
    assert sorted(p.name for p in out.rglob("*")) == sorted(p.name for p in src.rglob("*"))  # only the photos
    state = state_dir_for(out)
    assert state.parent.parent == _private_state_dir and not state.is_relative_to(out)
    record = (state / STATE_NAME).read_text()
    assert "Jane" not in record and "old.jpg" in record  # the legacy record was taken over, then removed
    assert {p.name: p.stat().st_mode & 0o777 for p in state.iterdir()}[STATE_NAME] == 0o600


def test_second_writer_into_the_same_folder_is_refused(tmp_path: Path) -> None:
    with OutputLock(tmp_path):
        with pytest.raises(UsageError, match="already writing"):
            with OutputLock(tmp_path):
                pass
    with OutputLock(tmp_path):  # released again
        pass


def test_sweep_partials_only_touches_our_temp_files(tmp_path: Path) -> None:
    (tmp_path / ".mediascrub-x.part").write_bytes(b"1")
    (tmp_path / "photo.part").write_bytes(b"2")
    (tmp_path / "photo.jpg").write_bytes(b"3")
    assert sweep_partials(tmp_path) == 1
    assert sorted(p.name for p in tmp_path.iterdir()) == ["photo.jpg", "photo.part"]


def test_quiet_prints_only_the_summary(tmp_path: Path, fast_policy: Path) -> None:
    src = tmp_path / "in"
    make_inputs(src, 3)
    r = run("scrub", src, "--out", tmp_path / "out", "--policy", fast_policy, "-j", "1", "--quiet")
    assert r.returncode == 0
    assert r.stdout.strip().splitlines() == ["3 published, 0 quarantined, 0 failed"]
    assert "published " not in r.stderr


# --- policy show ------------------------------------------------------------------------------------


def test_policy_show_says_where_each_value_came_from(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    monkeypatch.delenv("MEDIASCRUB_POLICY", raising=False)
    (tmp_path / "mediascrub.toml").write_text("[faces]\nthreshold = 0.3\n\n[watch]\nsettle_seconds = 5\n")
    result = CliRunner().invoke(app, ["policy", "show"])
    assert result.exit_code == 0, result.output
    assert "threshold = 0.3    # " in result.output and "mediascrub.toml" in result.output
    mask_line = next(line for line in result.output.splitlines() if line.startswith("mask_scale = "))
    assert mask_line.endswith("# default")
    assert "settle_seconds = 5.0    # " in result.output
    as_json = CliRunner().invoke(app, ["policy", "show", "--json"])
    doc = json.loads(as_json.output)
    assert doc["faces.threshold"]["value"] == 0.3 and doc["faces.threshold"]["source"].endswith("mediascrub.toml")
    assert doc["faces.mask_scale"]["source"] == "default"


def test_policy_show_names_an_unknown_key(tmp_path: Path) -> None:
    bad = tmp_path / "bad.toml"
    bad.write_text("[faces]\nthreshhold = 0.3\n")
    result = CliRunner().invoke(app, ["policy", "show", "--policy", str(bad)])
    assert result.exit_code == 3
    assert "faces.threshhold" in result.output


def test_policy_from_environment(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    p = tmp_path / "env.toml"
    p.write_text("[output]\njpeg_quality = 88\n")
    monkeypatch.setenv("MEDIASCRUB_POLICY", str(p))
    monkeypatch.chdir(tmp_path)
    result = CliRunner().invoke(app, ["policy", "show", "--json"])
    doc = json.loads(result.output)
    assert doc["output.jpeg_quality"] == {"value": 88, "source": str(p)}


@pytest.mark.slow
def test_batch_outputs_are_upright_and_clean(tmp_path: Path, fast_policy: Path) -> None:
    """The parallel path publishes the same safe files as the core: EXIF gone, orientation applied."""
    src, out = tmp_path / "in", tmp_path / "out"
    (src).mkdir()
    (src / "rot.jpg").write_bytes(jpeg_bytes(200, 100, 3, exif=True))
    (src / "b.jpg").write_bytes(jpeg_bytes(200, 100, 4))
    assert run("scrub", src, "--out", out, "--policy", fast_policy, "-j", "2").returncode == 0
    img = decode(out / "rot.jpg")
    assert img.shape[:2] == (200, 100)  # Orientation 6 applied to the pixels
    assert b"SN-123" not in (out / "rot.jpg").read_bytes() and b"CareCam" not in (out / "rot.jpg").read_bytes()
    assert np.asarray(img).dtype == np.uint8


# --- workers that fail ------------------------------------------------------------------------------


class _CrashingPipeline(Pipeline):
    """Dies like an out-of-memory kill on files named crash*."""

    def scrub(self, src: Path, dest: Path, *, quarantine: Path | None = None) -> Report:
        if src.name.startswith("crash"):
            os._exit(9)
        return super().scrub(src, dest, quarantine=quarantine)


def crashing_factory(policy: Policy) -> Pipeline:
    return _CrashingPipeline(policy)


def broken_factory(policy: Policy) -> Pipeline:
    raise ModelError("model file /nowhere/centerface.onnx is missing")


def _fast() -> Policy:
    return load_policy(None, {"faces.enabled": False, "text.enabled": False}, search=False)[0]


@pytest.mark.slow
def test_a_worker_that_dies_fails_its_file_and_the_batch_goes_on(tmp_path: Path) -> None:
    src, out = tmp_path / "in", tmp_path / "out"
    make_inputs(src, 6)
    (src / "crash.jpg").write_bytes(jpeg_bytes(100, 80, 5))
    items, _ = plan([src], out)
    result = run_batch(items, _fast(), out=out, jobs=2, factory=crashing_factory)
    by_name = {Path(r.input).name: r for r in result.reports}
    assert len(by_name) == 7
    assert by_name["crash.jpg"].status == Status.FAILED and "worker process stopped" in (by_name["crash.jpg"].reason or "")
    # the items in flight with it were run again one by one: only the file that kills a worker fails
    assert sorted(r.status for r in result.reports) == sorted([Status.PUBLISHED] * 6 + [Status.FAILED])
    assert not (out / "crash.jpg").exists()
    (src / "crash.jpg").unlink()
    items, _ = plan([src], out)
    again = run_batch(items, _fast(), out=out, jobs=2, factory=crashing_factory)
    assert [r.status for r in again.reports] == [Status.SKIPPED] * 6


@pytest.mark.slow
def test_a_pipeline_that_cannot_be_built_stops_the_batch_with_its_error(tmp_path: Path) -> None:
    src, out = tmp_path / "in", tmp_path / "out"
    make_inputs(src, 3)
    items, _ = plan([src], out)
    with pytest.raises(ModelError, match="centerface"):
        run_batch(items, _fast(), out=out, jobs=2, factory=broken_factory)
    with pytest.raises(ModelError, match="centerface"):
        run_batch(items, _fast(), out=out, jobs=1, factory=broken_factory)
