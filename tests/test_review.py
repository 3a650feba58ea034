"""The HTML review sheet: only outputs, boxes and names, escaped, self-contained, renders in Chromium."""

from __future__ import annotations

import base64
import io
import re
import shutil
import subprocess
from pathlib import Path

import numpy as np
import pytest
from _batch_util import FAST_POLICY, jpeg_bytes, run
from PIL import Image

from mediascrub.findings import Action, Box, Finding, Kind, Report, Status
from mediascrub.review.sheet import render_review_sheet, write_review_sheet

CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser") or shutil.which("google-chrome")


def _solid(path: Path, colour: tuple[int, int, int], size: tuple[int, int] = (1600, 1200)) -> Path:
    arr = np.zeros((size[1], size[0], 3), np.uint8)
    arr[:] = colour
    Image.fromarray(arr).save(path, "JPEG", quality=90)
    return path


def _reports(tmp_path: Path) -> list[Report]:
    original = _solid(tmp_path / "original.jpg", (255, 0, 0))  # the unredacted original: red
    output = _solid(tmp_path / "clean.jpg", (0, 0, 255))  # the cleaned copy: blue
    findings = [
        Finding(Kind.METADATA, "GPS position", Action.REMOVED),
        Finding(Kind.FACE, "face", Action.ANONYMISED, "no consent", box=Box(100, 100, 300, 340), score=0.93),
        Finding(Kind.FACE, "face", Action.VISIBLE, "consent on file", box=Box(800, 200, 1000, 450), score=0.88,
                detail={"person": "Ann <script>alert(1)</script> O'Neil"}),
        Finding(Kind.TEXT, "postcode", Action.REDACTED, "looks like a postcode", box=Box(1200, 1000, 1500, 1080),
                detail={"text": "JE2 3QB", "polygon": [[1200, 1000], [1500, 1000], [1500, 1080], [1200, 1080]]}),
        Finding(Kind.FACE, "face", Action.ANONYMISED, "consent does not cover this purpose", box=Box(400, 400, 500, 520),
                detail={"person": "Bob Secretname"}),
    ]
    return [
        Report(input=str(original), status=Status.PUBLISHED, output=str(output), findings=findings),
        Report(input=str(tmp_path / "unsafe<b>.jpg"), status=Status.QUARANTINED,
               reason="needs a person to review: <img src=x onerror=alert(1)>"),
        Report(input=str(original), status=Status.FAILED, reason="cannot decode the image"),
    ]


def _data_uris(html: str) -> list[str]:
    return re.findall(r'src="data:image/jpeg;base64,([A-Za-z0-9+/=]+)"', html)


def test_sheet_shows_only_outputs_with_labelled_boxes(tmp_path: Path) -> None:
    html = render_review_sheet(_reports(tmp_path))
    uris = _data_uris(html)
    assert len(uris) == 1  # the published output only; quarantined and failed files get no picture
    thumb = Image.open(io.BytesIO(base64.b64decode(uris[0])))
    assert max(thumb.size) == 800  # downscaled
    r, g, b = np.asarray(thumb.convert("RGB")).reshape(-1, 3).mean(axis=0)
    assert b > 200 and r < 30  # the blue cleaned copy, never the red original
    assert "face anonymised" in html
    assert "consented face visible: Ann &lt;script&gt;alert(1)&lt;/script&gt; O&#x27;Neil" in html
    assert "text hidden: postcode" in html
    assert "JE2 3QB" not in html  # the words read are never shown: they may be the address itself
    assert "Secretname" not in html  # an anonymised face is never named
    assert "<script>alert" not in html and "<img src=x" not in html
    assert "unsafe&lt;b&gt;.jpg" in html and "needs a person to review: &lt;img src=x" in html
    # boxes are placed in percent of the output: the face at x 100..300 of 1600
    assert "left:6.250%;top:8.333%;width:12.500%;height:20.000%" in html


def test_sheet_references_nothing_outside_itself(tmp_path: Path) -> None:
    html = render_review_sheet(_reports(tmp_path))
    without_data = re.sub(r"data:image/jpeg;base64,[A-Za-z0-9+/=]+", "", html)
    for needle in ("http:", "https:", "file:", "//", "url(", "@import", "src=\"/", "href="):
        assert needle not in without_data.replace("<!DOCTYPE html>", ""), needle
    assert "default-src 'none'" in html


def test_missing_output_is_reported_not_replaced_by_the_original(tmp_path: Path) -> None:
    reports = _reports(tmp_path)
    Path(reports[0].output or "").unlink()
    html = render_review_sheet(reports)
    assert _data_uris(html) == []
    assert "cannot be shown" in html


def _chromium(args: list[str], tmp_path: Path) -> subprocess.CompletedProcess[str]:
    assert CHROMIUM is not None
    profile = tmp_path / "chromium-profile"
    base = [
        CHROMIUM, "--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
        "--disable-sync", "--no-first-run", "--disable-dev-shm-usage", f"--user-data-dir={profile}", "--virtual-time-budget=10000",
    ]
    return subprocess.run(base + args, capture_output=True, text=True, timeout=120)


@pytest.mark.slow
@pytest.mark.skipif(CHROMIUM is None, reason="headless Chromium is not installed (Debian package: chromium)")
def test_sheet_from_a_real_batch_renders_every_picture_in_chromium(tmp_path: Path) -> None:
    src, out = tmp_path / "in", tmp_path / "out"
    src.mkdir()
    for i in range(4):
        (src / f"p{i}.jpg").write_bytes(jpeg_bytes(400 + 100 * i, 300, seed=i, exif=i % 2 == 1))
    (src / "bad.jpg").write_bytes(b"not an image at all")
    from _video_util import panning, write_clip

    write_clip(src / "party.mov", panning(12, 128, 96), fmt="mov")  # shown as a strip of 5 frames
    policy = tmp_path / "fast.toml"
    policy.write_text(FAST_POLICY)
    sheet = tmp_path / "sheet.html"
    r = run("scrub", src, "--out", out, "--quarantine", tmp_path / "q", "--review-sheet", sheet, "--policy", policy, "-j", "1")
    assert r.returncode == 1, r.stderr  # bad.jpg was quarantined
    html = sheet.read_text()
    assert len(_data_uris(html)) == 4 + 5 and "bad.jpg" in html and "party.mp4" in html
    dom = _chromium(["--dump-dom", sheet.as_uri()], tmp_path)
    assert dom.returncode == 0, dom.stderr[-2000:]
    body = re.search(r"<body[^>]*>", dom.stdout)
    assert body is not None, dom.stdout[:2000]
    assert 'data-images-expected="9"' in body.group(0)
    assert 'data-images-rendered="9"' in body.group(0), body.group(0)
    shot = tmp_path / "sheet.png"
    _chromium([f"--screenshot={shot}", "--window-size=1280,1600", sheet.as_uri()], tmp_path)
    with Image.open(shot) as img:
        assert img.size == (1280, 1600)
        assert np.asarray(img.convert("L")).std() > 5  # not a blank page


def test_write_review_sheet_is_atomic_and_utf8(tmp_path: Path) -> None:
    target = tmp_path / "sheet.html"
    write_review_sheet(target, _reports(tmp_path))
    assert target.read_bytes().startswith(b"<!DOCTYPE html>")
    assert not list(tmp_path.glob(".mediascrub-*.part"))


def _solid_clip(path: Path, colour: tuple[int, int, int], frames: int = 40) -> Path:
    from _video_util import write_clip

    arr = np.zeros((96, 128, 3), np.uint8)
    arr[:] = colour
    return write_clip(path, [arr] * frames)


def test_a_clip_is_shown_as_a_strip_of_output_frames_with_tracks_and_text(tmp_path: Path) -> None:
    original = _solid_clip(tmp_path / "original.mov", (255, 0, 0))  # the unredacted original: red
    output = _solid_clip(tmp_path / "clean.mp4", (0, 0, 255))  # the published clip: blue
    findings = [
        Finding(Kind.METADATA, "tag title", Action.REMOVED),
        Finding(Kind.FACE, "face track", Action.ANONYMISED, "track 1, frames 0-9: no consent", box=Box(10, 10, 40, 40), frame=0,
                detail={"track": 1, "first_frame": 0, "last_frame": 9, "frames_detected": 10, "frames_hidden": 10}),
        Finding(Kind.FACE, "face track", Action.VISIBLE, "track 2, frames 5-39: consent on file", box=Box(60, 10, 90, 40),
                frame=5, detail={"track": 2, "first_frame": 5, "last_frame": 39, "person": "Ann <b>O'Neil</b>"}),
        Finding(Kind.TEXT, "address", Action.REDACTED, "looks like an address", box=Box(0, 60, 60, 80), frame=30,
                detail={"category": "address"}),
        Finding(Kind.TEXT, "address", Action.REDACTED, "looks like an address", box=Box(0, 60, 60, 80), frame=36,
                detail={"category": "address"}),
    ]
    report = Report(input=str(original), status=Status.PUBLISHED, output=str(output), findings=findings)
    html = render_review_sheet([report])
    uris = _data_uris(html)
    assert len(uris) == 5 and 'data-images-expected="5"' in html
    for uri in uris:  # every frame shown is the published clip's (blue), never the original's (red)
        with Image.open(io.BytesIO(base64.b64decode(uri))) as img:
            r, g, b = np.asarray(img.convert("RGB")).reshape(-1, 3).mean(axis=0)
            assert b > 200 and r < 60, (r, g, b)
    # evenly spaced frames of 40, first and last included, with what is hidden in each
    assert [int(x) for x in re.findall(r"<figcaption>frame (\d+)", html)] == [0, 10, 20, 29, 39]
    assert "5 of its 40 frames" in html
    assert "<tr><td>1</td><td>0-9</td>" in html and "hidden in every frame of the track" in html and "no consent" in html
    assert "<tr><td>2</td><td>5-39</td>" in html and "Ann &lt;b&gt;O&#x27;Neil&lt;/b&gt;" in html and "<b>O'Neil" not in html
    from mediascrub.video_pipeline import TEXT_EVERY

    # read on frames 30 and 36, carried TEXT_EVERY frames either side (within the clip's 40 frames)
    assert TEXT_EVERY < 30 and f"<td>{30 - TEXT_EVERY}-39</td><td>30, 36</td>" in html
    captions = re.findall(r"<figcaption>(.*?)</figcaption>", html)
    assert "1 face track(s) hidden" in captions[0] and "text hidden" not in captions[0]
    assert "text hidden: address" in captions[2] and "consented face visible" in captions[2]
    assert "1 face track(s) hidden" not in captions[4]
