"""File names: names that are not UTF-8 never break a run or its report."""

from __future__ import annotations

import io
import json
import os
import subprocess
import sys
from pathlib import Path

from PIL import Image

from conftest import dirty_jpeg, photo_like


def _run(*args: str, cwd: Path) -> subprocess.CompletedProcess[bytes]:
    return subprocess.run([sys.executable, "-m", "mediascrub", *args], cwd=cwd, capture_output=True, timeout=300)


def _metadata_only(tmp_path: Path) -> Path:
    policy = tmp_path / "policy.toml"
    policy.write_text("[faces]\nenabled = false\n[text]\nenabled = false\n")
    return policy


def test_names_that_are_not_utf8(tmp_path: Path) -> None:
    """A name with a Latin-1 byte used to end the batch after publishing with "internal error:
    UnicodeEncodeError" and no report. Now: published, named in the report (read back as the same
    bytes), shown escaped on the console, and a second run finds it done."""
    inbox = tmp_path / "in"
    inbox.mkdir()
    odd = os.fsencode(inbox) + b"/caf\xe9 \xff.jpg"
    with open(odd, "wb") as fh:
        fh.write(dirty_jpeg(photo_like(64, 48)))
    buf = io.BytesIO()
    Image.fromarray(photo_like(40, 30)).save(buf, "PNG")
    (inbox / "plain.png").write_bytes(buf.getvalue())
    with open(os.fsencode(inbox) + b"/text \xfe.jpg", "wb") as fh:
        fh.write(b"not an image at all\n")
    report = tmp_path / "report.json"
    args = ["scrub", "in", "--out", "out", "--report", str(report), "--quarantine", "held", "--policy", str(_metadata_only(tmp_path))]
    first = _run(*args, cwd=tmp_path)
    out = first.stdout.decode("utf-8", "replace") + first.stderr.decode("utf-8", "replace")
    assert first.returncode == 1, out  # the text file is held
    assert "internal error" not in out and "Traceback" not in out
    assert "caf\\xe9 \\xff.jpg" in out  # the odd bytes shown, escaped
    doc = json.loads(report.read_bytes())
    by_input = {os.fsencode(r["input"]): r for r in doc["files"]}
    assert by_input[b"in/caf\xe9 \xff.jpg"]["status"] == "published"
    assert os.path.exists(os.fsencode(tmp_path) + b"/" + os.fsencode(by_input[b"in/caf\xe9 \xff.jpg"]["output"]))
    assert by_input[b"in/text \xfe.jpg"]["status"] == "quarantined"
    assert os.path.exists(os.fsencode(tmp_path / "held") + b"/text \xfe.jpg.reason.txt")
    second = _run(*args, cwd=tmp_path)
    assert second.returncode == 1 and b"internal error" not in second.stdout + second.stderr
    assert b"2 skipped" in second.stdout + second.stderr
    check = _run("check", "--json", "--show-values", os.fsdecode(odd), cwd=tmp_path)
    assert check.returncode == 1 and b"Traceback" not in check.stderr


def test_sidecars_are_never_published_nor_quarantined(tmp_path: Path) -> None:
    """.xmp, .aae and .thm files beside photos (metadata, Apple's edit record, a thumbnail that is a JPEG)
    are skipped with a line each: scrub and watch leave them alone."""
    inbox = tmp_path / "in"
    inbox.mkdir()
    (inbox / "IMG_0001.jpg").write_bytes(dirty_jpeg(photo_like(64, 48)))
    (inbox / "IMG_0001.xmp").write_text("<x:xmpmeta>Doris Smith, Room 14</x:xmpmeta>")
    (inbox / "IMG_0001.AAE").write_text("<plist>adjustments</plist>")
    (inbox / "MVI_0002.THM").write_bytes(dirty_jpeg(photo_like(32, 24)))
    policy = _metadata_only(tmp_path)
    report = tmp_path / "report.json"
    result = _run("scrub", "in", "--out", "out", "--quarantine", "held", "--report", str(report), "--policy", str(policy), cwd=tmp_path)
    text = (result.stdout + result.stderr).decode()
    assert result.returncode == 0, text
    assert sorted(p.name for p in (tmp_path / "out").iterdir()) == ["IMG_0001.jpg"]
    assert not (tmp_path / "held").exists() or not any((tmp_path / "held").iterdir())
    assert "3 sidecar file(s) skipped (never published)" in text and "symbolic link" not in text
    statuses = {Path(r["input"]).name: r["status"] for r in json.loads(report.read_text())["files"]}
    assert statuses == {"IMG_0001.jpg": "published", "IMG_0001.xmp": "skipped", "IMG_0001.AAE": "skipped", "MVI_0002.THM": "skipped"}
    watched = _run("watch", "in", "--out", "wout", "--quarantine", "wheld", "--once", "--settle", "0.2", "--policy", str(policy),
                   cwd=tmp_path)
    wtext = (watched.stdout + watched.stderr).decode()
    assert sorted(p.name for p in (tmp_path / "wout").iterdir()) == ["IMG_0001.jpg"], wtext
    assert not (tmp_path / "wheld").exists() or not any((tmp_path / "wheld").iterdir()), wtext
    assert (inbox / "IMG_0001.xmp").exists() and (inbox / "MVI_0002.THM").exists()
    assert "sidecar" in wtext
