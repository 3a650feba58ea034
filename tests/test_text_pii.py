"""End to end on generated photos: a staff badge, a door sign, a birthday banner, a care
board, a number plate, and a photo with no text, drawn with DejaVu fonts on noisy
photo-like backgrounds and scrubbed through the CLI. Each must come out with its text
hidden (pixels changed where the words were), published without review, and the
report must never carry the text unless --show-text is given."""

from __future__ import annotations

import json
from pathlib import Path

import numpy as np
import pytest
from PIL import Image, ImageDraw, ImageFont
from typer.testing import CliRunner

from mediascrub.cli.app import app

DEJAVU = Path("/usr/share/fonts/truetype/dejavu")
runner = CliRunner()
pytestmark = pytest.mark.slow  # one CLI run with OCR over every photo serves all four tests; the rules: test_sensitive.py


def font(size: int, bold: bool = False) -> ImageFont.FreeTypeFont:
    path = DEJAVU / ("DejaVuSans-Bold.ttf" if bold else "DejaVuSans.ttf")
    if not path.is_file():
        pytest.skip("DejaVu fonts are not installed (Debian package fonts-dejavu-core)")
    return ImageFont.truetype(str(path), size)


def backdrop(seed: int, width: int = 800, height: int = 600) -> Image.Image:
    """A soft gradient with blobs and sensor noise: a room, roughly."""
    rng = np.random.default_rng(seed)
    y, x = np.mgrid[0:height, 0:width].astype(np.float32)
    c0, c1 = rng.uniform(70, 190, 3), rng.uniform(70, 190, 3)
    t = (x / width * 0.5 + y / height * 0.5)[..., None]
    img = c0 * (1 - t) + c1 * t
    for _ in range(8):
        cx, cy, r = rng.uniform(0, width), rng.uniform(0, height), rng.uniform(30, 150)
        img += np.exp(-((x - cx) ** 2 + (y - cy) ** 2) / (2 * r * r))[..., None] * rng.uniform(-40, 40, 3)
    img += rng.normal(0, 5, img.shape)
    return Image.fromarray(np.clip(img, 0, 255).astype(np.uint8))


def card(img: Image.Image, lines: list[tuple[str, int, bool]], at: tuple[int, int], fill=(245, 243, 235), ink=(20, 25, 35),
         angle: float = 0.0) -> list[tuple[int, int, int, int]]:
    """Draw a card with ``lines`` (text, size, bold) at ``at``; returns each line's box in the image."""
    probe = ImageDraw.Draw(Image.new("L", (1, 1)))
    sizes = [probe.textbbox((0, 0), t, font=font(s, b)) for t, s, b in lines]
    pad, gap = 24, 12
    w = max(b[2] - b[0] for b in sizes) + 2 * pad
    h = sum(b[3] - b[1] for b in sizes) + gap * (len(lines) - 1) + 2 * pad
    layer = Image.new("RGBA", (w, h), (*fill, 255))
    d = ImageDraw.Draw(layer)
    y = pad
    boxes = []
    for (text, size, bold), b in zip(lines, sizes, strict=True):
        x = (w - (b[2] - b[0])) // 2
        d.text((x - b[0], y - b[1]), text, font=font(size, bold), fill=(*ink, 255))
        boxes.append((at[0] + x, at[1] + y, at[0] + x + b[2] - b[0], at[1] + y + b[3] - b[1]))
        y += b[3] - b[1] + gap
    if angle:
        layer = layer.rotate(angle, expand=True, resample=Image.BICUBIC)
    img.paste(layer, at, layer)
    return boxes


PHOTOS = {
    # name: (lines, card colour, ink, the words that must not be in the report, which lines must be hidden)
    "badge.png": ([("CARER", 22, True), ("Margaret Fletcher", 34, True)], (250, 250, 250), (10, 60, 120),
                  ["Margaret", "Fletcher"], [1]),
    "door.png": ([("Room 14", 40, True), ("Arthur Jenkins", 36, False)], (235, 225, 200), (30, 30, 30),
                 ["Jenkins", "Arthur"], [0, 1]),
    "banner.png": ([("Happy 90th Birthday", 40, True), ("Niamh", 48, True)], (250, 220, 230), (150, 20, 60),
                   ["Niamh"], [1]),
    "board.png": ([("Joan: Donepezil 10mg", 30, False), ("Tel 07700 900 461", 30, False)], (255, 255, 255), (0, 0, 120),
                  ["Donepezil", "07700"], [0, 1]),
    "plate.png": ([("FV11 FOF", 56, True)], (250, 205, 20), (10, 10, 10), ["FV11"], [0]),
}


@pytest.fixture(scope="module")
def scrubbed(tmp_path_factory: pytest.TempPathFactory) -> dict[str, object]:
    root = tmp_path_factory.mktemp("pii")
    photos = root / "photos"
    photos.mkdir()
    boxes: dict[str, list[tuple[int, int, int, int]]] = {}
    for i, (name, (lines, fill, ink, _, _)) in enumerate(PHOTOS.items()):
        img = backdrop(i)
        boxes[name] = card(img, lines, (180, 200), fill, ink)
        img.save(photos / name)
    backdrop(99).save(photos / "no_text.png")
    policy = root / "mediascrub.toml"
    policy.write_text("[faces]\nenabled = false\n", encoding="utf-8")
    out = {}
    for show in (False, True):
        report = root / f"report{int(show)}.json"
        inputs = [str(photos)] if not show else [str(photos / "badge.png"), str(photos / "plate.png")]
        args = ["scrub", *inputs, "--out", str(root / f"out{int(show)}"), "--report", str(report), "--policy", str(policy),
                "--jobs", "1", "--quiet"]
        result = runner.invoke(app, args + (["--show-text"] if show else []), catch_exceptions=False)
        out[f"exit{int(show)}"] = result.exit_code
        out[f"report{int(show)}"] = report.read_text(encoding="utf-8")
    out["root"] = root
    out["boxes"] = boxes
    return out


def test_every_photo_is_published_without_review(scrubbed: dict) -> None:
    assert scrubbed["exit0"] == 0, scrubbed["report0"]
    doc = json.loads(scrubbed["report0"])
    assert {Path(f["input"]).name: f["status"] for f in doc["files"]} == {n: "published" for n in [*PHOTOS, "no_text.png"]}


def test_the_words_are_hidden_in_the_pixels(scrubbed: dict) -> None:
    root: Path = scrubbed["root"]
    for name, (_, _, _, _, must) in PHOTOS.items():
        before = np.asarray(Image.open(root / "photos" / name).convert("L"), np.float32)
        after = np.asarray(Image.open(root / "out0" / name).convert("L"), np.float32)
        for i in must:
            x0, y0, x1, y1 = scrubbed["boxes"][name][i]
            changed = np.abs(before[y0:y1, x0:x1] - after[y0:y1, x0:x1]) > 12
            assert changed.mean() > 0.5, (name, i)


def test_categories_and_reasons(scrubbed: dict) -> None:
    doc = json.loads(scrubbed["report0"])
    labels = {Path(f["input"]).name: {x["label"] for x in f["findings"] if x["kind"] == "text" and x["action"] == "redacted"}
              for f in doc["files"]}
    assert "person_name" in labels["badge.png"]
    assert "person_name" in labels["door.png"]
    assert "person_name" in labels["banner.png"]
    assert {"health", "phone"} <= labels["board.png"]
    assert "plate" in labels["plate.png"]
    assert labels["no_text.png"] == set()


def test_report_never_carries_the_text_without_show_text(scrubbed: dict) -> None:
    plain, shown = scrubbed["report0"], scrubbed["report1"]
    for _, _, _, words, _ in PHOTOS.values():
        for word in words:
            assert word.lower() not in plain.lower()
    assert scrubbed["exit1"] == 0
    assert "Fletcher" in shown and "FV11" in shown
