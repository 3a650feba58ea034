"""End-to-end CLI: CliRunner and real subprocesses; bad input; output-location rules; exit codes."""

from __future__ import annotations

import io
import json
import os
import struct
import subprocess
import sys
import zlib
from pathlib import Path

import pytest
from PIL import Image
from typer.testing import CliRunner

from conftest import dirty_jpeg, dirty_png, photo_like
from mediascrub.cli.app import app
from mediascrub.media import image as media

runner = CliRunner()
# Detection stages are off in these tests (their own tests cover them): MEDIASCRUB_POLICY points at this.
NO_DETECT = "[faces]\nenabled = false\n[text]\nenabled = false\n"


@pytest.fixture
def policy_file(tmp_path: Path) -> Path:
    p = tmp_path / "mediascrub.toml"
    p.write_text(NO_DETECT)
    return p


def invoke(*args: str):
    return runner.invoke(app, [str(a) for a in args], catch_exceptions=False)


def png_bomb() -> bytes:
    """A tiny PNG that claims to be 30000 x 30000 pixels."""

    def chunk(t: bytes, b: bytes) -> bytes:
        return struct.pack(">I", len(b)) + t + b + struct.pack(">I", zlib.crc32(t + b) & 0xFFFFFFFF)

    ihdr = struct.pack(">IIBBBBB", 30000, 30000, 8, 2, 0, 0, 0)
    return b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", ihdr) + chunk(b"IDAT", zlib.compress(b"\x00" * 1024)) + chunk(b"IEND", b"")


def make_tree(root: Path) -> Path:
    photos = root / "photos"
    (photos / "a").mkdir(parents=True)
    (photos / "a" / "b.jpg").write_bytes(dirty_jpeg())
    (photos / "c.png").write_bytes(dirty_png())
    (photos / ".DS_Store").write_bytes(b"\x00\x00\x00\x01Bud1")
    return photos


@pytest.mark.slow
def test_scrub_mirrors_tree_and_writes_report(tmp_path: Path, policy_file: Path) -> None:
    photos = make_tree(tmp_path)
    out = tmp_path / "clean"
    report = tmp_path / "report.json"
    result = invoke("scrub", photos, "--out", out, "--report", report, "--policy", policy_file)
    assert result.exit_code == 0, result.output
    assert (out / "a" / "b.jpg").is_file() and (out / "c.png").is_file()
    assert not (out / ".DS_Store").exists()
    doc = json.loads(report.read_text())
    assert doc["summary"]["published"] == 2
    rec = {Path(f["input"]).name: f for f in doc["files"]}
    assert rec["b.jpg"]["status"] == "published" and rec["b.jpg"]["output"].endswith("a/b.jpg")
    assert any(f["label"] == "gps" for f in rec["b.jpg"]["findings"])
    assert rec["b.jpg"]["reason"] is None
    # no temp files left behind
    assert not list(out.rglob("*.part"))


def test_single_file_lands_at_out_name(tmp_path: Path, policy_file: Path) -> None:
    src = tmp_path / "in" / "x.jpg"
    src.parent.mkdir()
    src.write_bytes(dirty_jpeg())
    before = src.read_bytes()
    result = invoke("scrub", src, "--out", tmp_path / "out", "--policy", policy_file)
    assert result.exit_code == 0, result.output
    assert (tmp_path / "out" / "x.jpg").is_file()
    assert src.read_bytes() == before  # never touch an original


@pytest.mark.parametrize("where", ["equal", "inside"])
def test_refuses_out_inside_input(tmp_path: Path, policy_file: Path, where: str) -> None:
    photos = make_tree(tmp_path)
    out = photos if where == "equal" else photos / "clean"
    result = invoke("scrub", photos, "--out", out, "--policy", policy_file)
    assert result.exit_code == 2
    assert "inside the input folder" in result.output
    assert not (photos / "clean").exists()


def test_refuses_out_that_is_the_file_folder(tmp_path: Path, policy_file: Path) -> None:
    src = tmp_path / "x.jpg"
    original = dirty_jpeg()
    src.write_bytes(original)
    result = invoke("scrub", src, "--out", tmp_path, "--policy", policy_file)
    assert result.exit_code == 2
    assert src.read_bytes() == original


def bad_inputs(folder: Path) -> dict[str, str]:
    """name -> words the error must contain."""
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "empty.jpg").write_bytes(b"")
    whole = dirty_jpeg(trailer=False)
    (folder / "truncated.jpg").write_bytes(whole[: len(whole) // 2])
    (folder / "notes.jpg").write_text("this is a text file, not a photo\n")
    (folder / "bomb.png").write_bytes(png_bomb())
    buf = io.BytesIO()
    Image.fromarray(photo_like(40, 30)).save(buf, "PNG")
    (folder / "really_png.jpg").write_bytes(buf.getvalue())
    buf = io.BytesIO()
    Image.fromarray(photo_like(40, 30)).save(buf, "BMP")
    (folder / "old.bmp").write_bytes(buf.getvalue())
    os.symlink(folder / "does-not-exist.jpg", folder / "broken.jpg")
    return {
        "empty.jpg": "empty file",
        "truncated.jpg": "truncated",
        "notes.jpg": "looks like text",
        "bomb.png": "megapixels",
        "really_png.jpg": "content is PNG",
        "old.bmp": "BMP",
        "broken.jpg": "symbolic link: not followed",  # links inside a folder are never followed (README)
    }


def test_bad_inputs_each_get_one_clear_line_and_batch_carries_on(tmp_path: Path, policy_file: Path) -> None:
    folder = tmp_path / "in"
    expected = bad_inputs(folder)
    (folder / "good.jpg").write_bytes(dirty_jpeg())
    out, quarantine, report = tmp_path / "out", tmp_path / "q", tmp_path / "r.json"
    result = invoke("scrub", folder, "--out", out, "--quarantine", quarantine, "--report", report, "--policy", policy_file)
    assert result.exit_code == 1
    assert "Traceback" not in result.output
    assert [p.name for p in out.iterdir() if not p.name.startswith(".")] == ["good.jpg"]  # nothing else published
    lines = result.output.splitlines()
    for name, words in expected.items():
        mine = [ln for ln in lines if name in ln]
        assert len(mine) == 1, (name, mine)
        assert words in mine[0], (name, mine[0])
    doc = json.loads(report.read_text())
    statuses = {Path(f["input"]).name: f["status"] for f in doc["files"]}
    assert statuses["good.jpg"] == "published"
    for name in expected:
        if name == "broken.jpg":
            assert statuses[name] == "skipped" and not (quarantine / (name + ".reason.txt")).exists()
            continue
        assert statuses[name] == "quarantined"
        assert (quarantine / (name + ".reason.txt")).is_file()
    assert (quarantine / "notes.jpg").read_bytes() == (folder / "notes.jpg").read_bytes()


def test_unreadable_file(tmp_path: Path, policy_file: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    src = tmp_path / "in" / "locked.jpg"
    src.parent.mkdir()
    src.write_bytes(dirty_jpeg())
    if os.geteuid() != 0:
        src.chmod(0)
    else:  # root reads everything: simulate the permission error the OS would give
        def deny(*a, **k):
            raise PermissionError(13, "Permission denied")

        monkeypatch.setattr(media, "open", deny, raising=False)
    result = invoke("scrub", src, "--out", tmp_path / "out", "--policy", policy_file)
    assert result.exit_code == 1
    assert "permission denied" in result.output
    assert not (tmp_path / "out" / "locked.jpg").exists()


def test_folder_with_no_images(tmp_path: Path, policy_file: Path) -> None:
    (tmp_path / "empty").mkdir()
    result = invoke("scrub", tmp_path / "empty", "--out", tmp_path / "out", "--policy", policy_file)
    assert result.exit_code == 1
    assert "no images" in result.output


def test_missing_input(tmp_path: Path, policy_file: Path) -> None:
    result = invoke("scrub", tmp_path / "nope.jpg", "--out", tmp_path / "out", "--policy", policy_file)
    assert result.exit_code == 1
    assert "no such file" in result.output


def test_check_exit_codes_and_json(tmp_path: Path, policy_file: Path) -> None:
    dirty = tmp_path / "dirty.jpg"
    original = dirty_jpeg()
    dirty.write_bytes(original)
    result = invoke("check", dirty, "--policy", policy_file)
    assert result.exit_code == 1
    assert "NOT SAFE" in result.output and "GPS position" in result.output
    invoke("scrub", dirty, "--out", tmp_path / "out", "--policy", policy_file)
    clean = tmp_path / "out" / "dirty.jpg"
    result = invoke("check", clean, "--policy", policy_file)
    assert result.exit_code == 0, result.output
    assert result.output.startswith("SAFE")
    result = invoke("check", clean, dirty, "--json", "--policy", policy_file)
    assert result.exit_code == 1
    doc = json.loads(result.output)
    assert [d["safe"] for d in doc] == [True, False]
    assert dirty.read_bytes() == original  # check never writes


def test_check_bad_input_and_usage(tmp_path: Path, policy_file: Path) -> None:
    (tmp_path / "e.jpg").write_bytes(b"")
    result = invoke("check", tmp_path / "e.jpg", "--policy", policy_file)
    assert result.exit_code == 1 and "empty file" in result.output
    assert runner.invoke(app, ["check"]).exit_code == 2
    assert runner.invoke(app, ["scrub", str(tmp_path / "e.jpg")]).exit_code == 2  # --out missing


def test_bad_policy_file_exit_3(tmp_path: Path) -> None:
    bad = tmp_path / "p.toml"
    bad.write_text("[faces]\nthreshhold = 0.3\n")
    src = tmp_path / "x.jpg"
    src.write_bytes(dirty_jpeg())
    result = invoke("scrub", src, "--out", tmp_path / "out", "--policy", bad)
    assert result.exit_code == 3
    assert "faces.threshhold" in result.output
    assert not (tmp_path / "out").exists()


def test_policy_show_names_sources(tmp_path: Path, policy_file: Path) -> None:
    result = invoke("policy", "show", "--policy", policy_file)
    assert result.exit_code == 0
    assert f"enabled = false    # {policy_file}" in result.output
    assert "jpeg_quality = 95    # default" in result.output


@pytest.mark.slow
def test_real_subprocess_run(tmp_path: Path, policy_file: Path) -> None:
    photos = make_tree(tmp_path)
    (photos / "bad.jpg").write_bytes(b"")
    env = dict(os.environ, MEDIASCRUB_POLICY=str(policy_file))
    proc = subprocess.run([sys.executable, "-m", "mediascrub", "scrub", str(photos), "--out", str(tmp_path / "clean")],
                          capture_output=True, text=True, env=env, timeout=120)
    assert proc.returncode == 1
    assert "Traceback" not in proc.stderr + proc.stdout
    assert "bad.jpg: " in proc.stderr and "empty file" in proc.stderr
    assert "2 published, 0 quarantined, 1 failed" in proc.stderr
    assert (tmp_path / "clean" / "a" / "b.jpg").is_file()
    proc = subprocess.run([sys.executable, "-m", "mediascrub", "--help"], capture_output=True, text=True, timeout=60)
    assert proc.returncode == 0 and "scrub" in proc.stdout
