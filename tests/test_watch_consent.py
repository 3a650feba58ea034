"""A long-running watcher sees consent change in the gallery while it runs (SQLite file and PostgreSQL).

A real ``mediascrub watch`` subprocess keeps the gallery open; ``mediascrub gallery``
commands in other processes enrol and withdraw meanwhile; the next photo follows the
change. The photo is scikit-image's astronaut (NASA, public domain).
"""

from __future__ import annotations

import os
import signal
import subprocess
import time
from pathlib import Path

import numpy as np
import pytest
from _batch_util import cli, env, run
from PIL import Image

POLICY = "[text]\nenabled = false\n\n[watch]\nsettle_seconds = 0.3\npoll_interval = 0.2\n"


def _wait_line(log: Path, needle: str, proc: subprocess.Popen[bytes], timeout: float = 90) -> str:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        text = log.read_text(errors="replace") if log.exists() else ""
        for line in text.splitlines():
            if needle in line:
                return line
        if proc.poll() is not None:
            pytest.fail(f"the watcher exited ({proc.returncode}): {text[-2000:]}")
        time.sleep(0.1)
    pytest.fail(f"timed out waiting for {needle!r}: {log.read_text(errors='replace')[-2000:] if log.exists() else ''}")


@pytest.mark.slow
def test_running_watcher_follows_enrolment_and_withdrawal(gallery_location: str, tmp_path: Path) -> None:
    from skimage import data

    photo = tmp_path / "astronaut.png"
    Image.fromarray(data.astronaut()).save(photo)
    inbox, out = tmp_path / "inbox", tmp_path / "out"
    inbox.mkdir()
    policy = tmp_path / "mediascrub.toml"
    policy.write_text(POLICY)
    gal = ["--gallery", gallery_location, "--policy", str(policy)]
    r = run("gallery", "add", "Eileen", "--photo", photo, "--evidence", "form-1.pdf", "--purpose", "social-media", *gal)
    assert r.returncode == 0, r.stderr
    log = tmp_path / "watch.log"
    with open(log, "ab") as fh:
        proc = subprocess.Popen(cli("watch", inbox, "--out", out, "--polling", *gal), env=env(), stdout=fh, stderr=subprocess.STDOUT,
                                start_new_session=True)
    try:
        (inbox / "a1.png").write_bytes(photo.read_bytes())
        line = _wait_line(log, "a1.png", proc)
        assert "1 consented face left visible" in line, line
        r = run("gallery", "withdraw", "Eileen", *gal)  # another process, while the watcher runs
        assert r.returncode == 0, r.stderr
        (inbox / "a2.png").write_bytes(photo.read_bytes())
        line = _wait_line(log, "a2.png", proc)
        assert "1 face anonymised" in line and "visible" not in line, line
        original = np.asarray(Image.open(photo).convert("RGB"), dtype=np.int16)
        face = (slice(40, 200), slice(150, 320))  # the astronaut's face
        kept = np.abs(np.asarray(Image.open(out / "a1.png").convert("RGB"), dtype=np.int16)[face] - original[face]).mean()
        hidden = np.abs(np.asarray(Image.open(out / "a2.png").convert("RGB"), dtype=np.int16)[face] - original[face]).mean()
        assert kept < 2 and hidden > 10, (kept, hidden)
    finally:
        os.killpg(proc.pid, signal.SIGTERM)
        proc.wait(timeout=30)
