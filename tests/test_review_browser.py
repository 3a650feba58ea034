"""The review station in a real headless Chromium (Debian's, through Playwright): a person opens the
address, draws a box over a region, dismisses a false-alarm face and publishes."""

from __future__ import annotations

import hashlib
import io
import json
from pathlib import Path

import numpy as np
import pytest
from _browser_util import chromium_page, chromium_path, page_problems
from _review_util import live_station
from PIL import Image

from conftest import dirty_jpeg
from exiftool_oracle import have_exiftool, leaks
from mediascrub.review.audit import AUDIT_NAME
from mediascrub.review.queue import file_id

pytest.importorskip("playwright")
pytestmark = [
    pytest.mark.slow,
    pytest.mark.skipif(chromium_path() is None, reason="Debian's chromium is not installed (.ci/run installs it)"),
]

ASTRONAUT = Path(__file__).resolve().parent.parent / "fixtures" / "examples" / "astronaut.png"
DRAWN = (30, 300, 130, 400)  # image pixels: a patch of the suit and flag, away from the face


def decode(data: bytes) -> np.ndarray:
    return np.asarray(Image.open(io.BytesIO(data)).convert("RGB")).astype(np.float32)


def check_screenshot(path: Path, min_bytes: int = 20_000) -> None:
    assert path.stat().st_size > min_bytes, f"{path.name} is suspiciously small"
    px = decode(path.read_bytes())
    assert px.shape[0] >= 600 and px.shape[1] >= 1000
    assert float(px.std()) > 20, f"{path.name} looks blank"


def drag(page: object, box: tuple[int, int, int, int], size: tuple[int, int]) -> None:
    bb = page.locator("#overlay").bounding_box()  # type: ignore[attr-defined]
    sx, sy = bb["width"] / size[0], bb["height"] / size[1]
    x0, y0, x1, y1 = box
    mouse = page.mouse  # type: ignore[attr-defined]
    mouse.move(bb["x"] + x0 * sx, bb["y"] + y0 * sy)
    mouse.down()
    mouse.move(bb["x"] + (x0 + x1) / 2 * sx, bb["y"] + (y0 + y1) / 2 * sy, steps=4)
    mouse.move(bb["x"] + x1 * sx, bb["y"] + y1 * sy, steps=4)
    mouse.up()


def test_draw_dismiss_publish_in_chromium(tmp_path: Path) -> None:
    held, out = tmp_path / "held", tmp_path / "out"
    held.mkdir()
    pixels = np.asarray(Image.open(ASTRONAUT).convert("RGB"))
    original = dirty_jpeg(pixels, trailer=True)  # GPS, serials, owner, XMP, IPTC, thumbnail, trailer...
    (held / "astronaut.jpg").write_bytes(original)
    (held / "astronaut.jpg.reason.txt").write_text("needs a person to review: uncertain face (score 0.45)\n")
    shots = tmp_path / "shots"
    shots.mkdir()
    with live_station(held, out, reviewer="Ann Tester") as station, chromium_page(tmp_path / "profile") as page:
        problems = page_problems(page)
        requested: list[str] = []
        page.on("request", lambda req: requested.append(req.url))
        page.goto(station.url())
        assert page.url.endswith("/")  # the token left the address bar
        page.wait_for_selector("body[data-thumbs-loaded='1']")
        assert "uncertain face" in page.inner_text("#queue")
        page.screenshot(path=str(shots / "queue.png"), full_page=True)
        # a watcher holds another file while the page is open: the page says so
        (held / "later.jpg").write_bytes(dirty_jpeg(pixels[:200, :300].copy()))
        page.wait_for_selector("body[data-queue-changed='1']", timeout=20_000)
        assert page.locator("#news").is_visible()
        page.click("#queue a.name")
        page.wait_for_selector("body[data-state='ready']", timeout=180_000)
        page.wait_for_function("document.getElementById('photo').complete")
        faces = page.locator("li[data-kind='face']")
        assert faces.count() >= 1
        page.screenshot(path=str(shots / "file.png"), full_page=True)
        face_index = faces.first.get_attribute("data-index")
        assert face_index is not None and face_index.isdigit()
        # the finding that number names, as the station serves it to the page (same origin, the page's session)
        shown = page.evaluate("fid => fetch('/api/file/' + fid).then(r => r.json())", file_id("astronaut.jpg"))
        (face_shown,) = [f for f in shown["findings"] if f["index"] == int(face_index)]
        assert face_shown["kind"] == "face"
        # draw a box over a region the machine did not hide, and dismiss the face as a false alarm
        drag(page, DRAWN, (512, 512))
        assert page.locator("#marks li.mark").count() == 1
        faces.first.locator("button[data-verdict='not-a-face']").click()
        assert "not a face" in faces.first.inner_text()
        # there is no way to make a face visible: only hide / not a face
        verdicts = faces.first.locator("button").evaluate_all("bs => bs.map(b => b.dataset.verdict)")
        assert sorted(verdicts) == ["hide", "not-a-face"]
        page.screenshot(path=str(shots / "decided.png"), full_page=True)
        page.click("#publish")
        page.wait_for_selector("body[data-state='published']", timeout=120_000)
        assert "Published as astronaut.jpg" in page.inner_text("#result")
        page.screenshot(path=str(shots / "published.png"), full_page=True)
        page.goto(station.url().split("?")[0])
        assert page.locator("#queue li").count() == 1 and "later.jpg" in page.inner_text("#queue")
    assert problems == []  # no script error, no Content-Security-Policy violation
    home = station.url().split("?")[0]
    assert requested and all(url.startswith(home) for url in requested)  # nothing from the network

    output = out / "astronaut.jpg"
    assert output.exists()
    before, after = decode(original), decode(output.read_bytes())
    assert before.shape == after.shape
    diff = np.abs(before - after).mean(axis=2)
    x0, y0, x1, y1 = DRAWN
    assert diff[y0 + 3 : y1 - 3, x0 + 3 : x1 - 3].mean() > 20, "the drawn region was not hidden"
    (rec,) = [json.loads(line) for line in (out / AUDIT_NAME).read_text().splitlines()]
    (decision,) = rec["decisions"]
    assert decision["verdict"] == "not-a-face" and decision["was"]["action"] in ("anonymised", "review")
    fx0, fy0, fx1, fy1 = (int(v) for v in decision["finding"]["box"])
    assert diff[fy0:fy1, fx0:fx1].mean() < 4, "the dismissed face was changed"
    assert decision["finding"]["box"] == face_shown["box"]  # the face dismissed on the page is the one the log names
    (mark,) = rec["marks"]
    assert all(abs(a - b) <= 3 for a, b in zip(mark["box"], DRAWN, strict=True)) and mark["shape"] == "rect"
    assert rec["outcome"] == "published" and rec["reviewer"] == "Ann Tester" and rec["file"] == "astronaut.jpg"
    assert rec["output_sha256"] == hashlib.sha256(output.read_bytes()).hexdigest()
    assert rec["held_sha256"] == hashlib.sha256(original).hexdigest()
    if have_exiftool():
        assert leaks([output]) == {}
    for name in ("queue.png", "file.png", "decided.png", "published.png"):
        check_screenshot(shots / name)
    # the drawn box shows on the page before publishing: the decided screen differs from the first one
    first, decided = (decode((shots / name).read_bytes())[:800, :1000] for name in ("file.png", "decided.png"))
    assert np.abs(first - decided).mean() > 0.1


def test_clip_tracks_in_chromium(tmp_path: Path) -> None:
    """A held clip: its face track shows as a crop with its frames; dismissing acts on the whole track,
    a box drawn on the shown frame is hidden over the frames given."""
    from _video_util import astronaut_face, decode_clip, panning, write_clip

    held, out = tmp_path / "held", tmp_path / "out"
    held.mkdir()
    frames = panning(10, 320, 240, face=astronaut_face(130), step=3)
    write_clip(held / "visit.mp4", frames)
    shots = tmp_path / "shots"
    shots.mkdir()
    with live_station(held, out, reviewer="Ann Tester") as station, chromium_page(tmp_path / "profile") as page:
        problems = page_problems(page)
        page.goto(station.url())
        page.wait_for_selector("body[data-thumbs-loaded='1']")
        page.click("#queue a.name")
        page.wait_for_selector("body[data-state='ready']", timeout=180_000)
        page.wait_for_function("Array.from(document.querySelectorAll('img')).every(i => i.complete && i.naturalWidth > 0)")
        track = page.locator("li[data-kind='face']")
        assert track.count() == 1 and "frames 0-9" in track.first.inner_text()
        assert page.locator("#clip-range").is_visible()
        page.fill("#mark-last", "4")
        drag(page, (8, 8, 72, 56), (320, 240))
        assert "in frames 0-4" in page.inner_text("#marks")
        track.first.locator("button[data-verdict='not-a-face']").click()
        page.screenshot(path=str(shots / "clip.png"), full_page=True)
        page.click("#publish")
        page.wait_for_selector("body[data-state='published']", timeout=180_000)
        assert "Published as visit.mp4" in page.inner_text("#result")
    assert problems == []
    check_screenshot(shots / "clip.png")
    (rec,) = [json.loads(line) for line in (out / AUDIT_NAME).read_text().splitlines()]
    (decision,) = rec["decisions"]
    assert decision["verdict"] == "not-a-face" and decision["frames"] == [0, 9] and "track" in decision["finding"]
    (mark,) = rec["marks"]
    assert (mark["frame"], mark["last_frame"]) == (0, 4)
    got, _ = decode_clip(out / "visit.mp4")
    changes = [float(np.abs(a[10:54, 10:70].astype(float) - b[10:54, 10:70].astype(float)).mean())
               for a, b in zip(frames, got, strict=True)]
    assert min(changes[:5]) > 20 and max(changes[5:]) < 8, changes
