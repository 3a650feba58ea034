"""The text stage on generated photos: numbers, street names and postcodes drawn
on noisy gradient backgrounds at several sizes and angles are read, classified
and marked for redaction; ordinary words are kept.

The images are generated here (seeded); the font is Pillow's own scalable
default font, so no system font is needed.
"""

from __future__ import annotations

import math
from collections.abc import Sequence

import numpy as np
import pytest
from PIL import Image, ImageDraw, ImageFont

from mediascrub.errors import ModelError
from mediascrub.findings import Action, Box, Finding, Kind
from mediascrub.policy import Policy, TextPolicy
from mediascrub.stages import StageContext
from mediascrub.stages.text import (
    TextRegion,
    _load_engine,
    _no_downloads,
    ocr_engine,
    read_text,
    same_sign,
    text_findings,
    text_stage,
)


def _font(size: int) -> ImageFont.FreeTypeFont | ImageFont.ImageFont:
    try:
        return ImageFont.load_default(size=size)
    except (TypeError, ImportError, OSError):  # pragma: no cover - very old Pillow or no FreeType
        pytest.skip("Pillow has no scalable default font here")


def background(width: int, height: int, seed: int) -> np.ndarray:
    """A photo-like background: a colour gradient, soft blobs and sensor noise."""
    rng = np.random.default_rng(seed)
    y, x = np.mgrid[0:height, 0:width].astype(np.float32)
    c0, c1 = rng.uniform(60, 200, 3), rng.uniform(60, 200, 3)
    t = (x / width * 0.6 + y / height * 0.4)[..., None]
    img = c0 * (1 - t) + c1 * t
    for _ in range(6):
        cx, cy, r = rng.uniform(0, width), rng.uniform(0, height), rng.uniform(20, 120)
        blob = np.exp(-((x - cx) ** 2 + (y - cy) ** 2) / (2 * r * r))[..., None]
        img += blob * rng.uniform(-40, 40, 3)
    img += rng.normal(0, 6, img.shape)
    return np.clip(img, 0, 255).astype(np.uint8)


def draw_text(
    img: np.ndarray,
    lines: Sequence[str],
    size: int,
    centre: tuple[float, float],
    angle: float = 0.0,
    plate: bool = True,
) -> tuple[np.ndarray, Box]:
    """Draw ``lines`` (centred, one under another) on a light plate, rotated by
    ``angle`` degrees about ``centre``; returns the image and the text's box."""
    font = _font(size)
    probe = ImageDraw.Draw(Image.new("L", (1, 1)))
    boxes = [probe.textbbox((0, 0), line, font=font) for line in lines]
    tw = max(b[2] - b[0] for b in boxes)
    gap = size // 3
    th = sum(b[3] - b[1] for b in boxes) + gap * (len(lines) - 1)
    pad = size // 2
    layer = Image.new("RGBA", (tw + 2 * pad, th + 2 * pad), (0, 0, 0, 0))
    d = ImageDraw.Draw(layer)
    if plate:
        d.rectangle([0, 0, layer.width - 1, layer.height - 1], fill=(235, 232, 220, 255))
    yy = pad
    for line, b in zip(lines, boxes, strict=True):
        d.text((pad + (tw - (b[2] - b[0])) / 2 - b[0], yy - b[1]), line, font=font, fill=(25, 30, 40, 255))
        yy += b[3] - b[1] + gap
    rotated = layer.rotate(angle, resample=Image.Resampling.BICUBIC, expand=True)
    base = Image.fromarray(img).convert("RGBA")
    x0, y0 = int(centre[0] - rotated.width / 2), int(centre[1] - rotated.height / 2)
    base.alpha_composite(rotated, (x0, y0))
    # The text's own box, rotated: the corners of the text area inside the layer.
    cx, cy = layer.width / 2, layer.height / 2
    a = math.radians(-angle)
    pts = []
    for px, py in ((pad, pad), (pad + tw, pad), (pad + tw, pad + th), (pad, pad + th)):
        dx, dy = px - cx, py - cy
        pts.append((centre[0] + dx * math.cos(a) - dy * math.sin(a), centre[1] + dx * math.sin(a) + dy * math.cos(a)))
    xs, ys = [p[0] for p in pts], [p[1] for p in pts]
    return np.asarray(base.convert("RGB")), Box(min(xs), min(ys), max(xs), max(ys))


def covering(findings: Sequence[Finding], box: Box, share: float = 0.5) -> list[Finding]:
    """Findings whose box covers at least ``share`` of ``box``."""
    out = []
    for f in findings:
        if f.box is None:
            continue
        ix = max(0.0, min(f.box.x1, box.x1) - max(f.box.x0, box.x0))
        iy = max(0.0, min(f.box.y1, box.y1) - max(f.box.y0, box.y0))
        if ix * iy >= share * box.area:
            out.append(f)
    return out


def run_stage(img: np.ndarray, **text: object) -> list[Finding]:
    policy = Policy(text=TextPolicy(**text))  # type: ignore[arg-type]
    before = [Finding(kind=Kind.METADATA, label="exif", action=Action.REMOVED)]
    out = text_stage(img, before, StageContext(policy=policy))
    assert out[0] is before[0]  # earlier findings are kept, in order
    return [f for f in out if f.kind is Kind.TEXT]


CASES = [
    # text lines, font size, angle, expected label, the part that must never appear in a reason
    (["42"], 48, 0.0, "house_number", "42"),
    (["17"], 22, 0.0, "house_number", "17"),  # small number
    (["No. 7"], 36, 12.0, "house_number", "7"),
    (["305"], 40, -25.0, "house_number", "305"),  # rotated
    (["Rue de la Mare"], 34, 0.0, "street_name", "mare"),
    (["Mill Lane"], 28, 8.0, "street_name", "mill"),
    (["JE2 3QB"], 30, -6.0, "postcode", "3qb"),
    (["BENSON HOUSE"], 30, 0.0, "house_name", "benson"),
]


@pytest.mark.parametrize(("lines", "size", "angle", "label", "secret"),
                         [pytest.param(*c, id=c[0][0], marks=() if c[3] == "postcode" else pytest.mark.slow) for c in CASES])
def test_address_text_is_found_and_redacted(lines: list[str], size: int, angle: float, label: str, secret: str) -> None:
    seed = sum(map(ord, "".join(lines))) + size
    img, box = draw_text(background(640, 480, seed), lines, size, (300 + seed % 60, 220 + seed % 40), angle)
    found = covering(run_stage(img), box)
    assert found, "the text was not found"
    assert any(f.label == label and f.action is Action.REDACTED for f in found), [(f.label, f.action) for f in found]
    for f in found:
        assert len(f.detail["polygon"]) == 4
        assert "text" not in f.detail  # show_text is off by default
        assert secret not in f.reason.lower()


@pytest.mark.slow
def test_small_number_in_a_large_photo() -> None:
    """A 24 px number straight on a 2400 x 1600 background: 10 px high at the first
    pass's scale. When written, the first pass alone missed it at sizes 14-30
    px (8 of 8 tries); the second look found 7 of 8."""
    img, box = draw_text(background(2400, 1600, 13), ["27"], 24, (1500, 700), plate=False)
    found = covering(run_stage(img), box)
    assert any(f.label == "house_number" and f.action is Action.REDACTED for f in found)


def test_plain_word_is_kept() -> None:
    img, box = draw_text(background(640, 480, 7), ["Welcome"], 40, (320, 240), 5.0)
    found = covering(run_stage(img), box)
    assert found and all(f.action is Action.KEPT and f.label == "other" for f in found)


@pytest.mark.slow
def test_redact_all_and_show_text() -> None:
    img, box = draw_text(background(640, 480, 8), ["Welcome"], 40, (320, 240))
    found = covering(run_stage(img, redact_all=True, show_text=True), box)
    assert found and all(f.action is Action.REDACTED for f in found)
    assert any(f.detail.get("text", "").lower() == "welcome" for f in found)


@pytest.mark.slow
def test_sign_lines_go_with_the_number() -> None:
    """A plaque: a big number over a name that is no address on its own."""
    img, _ = draw_text(background(640, 480, 9), ["23"], 64, (320, 200), plate=True)
    img, name_box = draw_text(img, ["Atelier Bleu"], 30, (320, 275), plate=False)
    found = covering(run_stage(img), name_box)
    assert found and all(f.action is Action.REDACTED for f in found)
    assert any(f.reason == "same card or sign as hidden text" for f in found)


def test_redacted_text_can_no_longer_be_read() -> None:
    from mediascrub.stages.redact import redact_findings

    img, _ = draw_text(background(640, 480, 10), ["42 Rue de la Mare"], 36, (320, 240), 10.0)
    policy = Policy()
    findings = text_stage(img, [], StageContext(policy=policy))
    out, changed = redact_findings(img, findings, policy)
    assert changed
    again = " ".join(r.text for r in read_text(out)).lower()
    assert "42" not in again and "mare" not in again


def test_blank_and_tiny_images() -> None:
    assert read_text(background(320, 240, 11)) == [] or all(r.confidence < 0.9 for r in read_text(background(320, 240, 11)))
    assert read_text(np.zeros((3, 3, 3), np.uint8)) == []
    with pytest.raises(ValueError):
        read_text(np.zeros((10, 10), np.uint8))


def test_findings_carry_the_frame_index() -> None:
    img, _ = draw_text(background(320, 240, 14), ["42"], 40, (160, 120))
    out = text_stage(img, [], StageContext(policy=Policy(), frame_index=3))
    assert out and all(f.frame == 3 for f in out)


def test_disabled_stage_reads_nothing() -> None:
    img, _ = draw_text(background(320, 240, 12), ["42"], 40, (160, 120))
    assert run_stage(img, enabled=False) == []


# ----------------------------------------------------------------- decisions without OCR


def region(text: str, x0: float, y0: float, x1: float, y1: float, confidence: float = 0.99) -> TextRegion:
    poly = np.array([[x0, y0], [x1, y0], [x1, y1], [x0, y1]], np.float32)
    return TextRegion(polygon=poly, box=Box(x0, y0, x1, y1), text=text, confidence=confidence)


def test_uncertain_number_goes_to_review() -> None:
    regs = [region("10:30", 10, 10, 80, 40, confidence=0.35), region("Welcome", 300, 300, 420, 340, confidence=0.35)]
    review = text_findings(regs, TextPolicy())
    assert [f.action for f in review] == [Action.REVIEW, Action.KEPT]
    hide = text_findings(regs, TextPolicy(review_uncertain=False))
    assert [f.action for f in hide] == [Action.REDACTED, Action.KEPT]
    sure = text_findings([region("10:30", 10, 10, 80, 40, confidence=0.95)], TextPolicy())
    assert sure[0].action is Action.KEPT


def test_same_sign_geometry() -> None:
    regs = [
        region("12", 100, 100, 160, 160),  # the number, 60 px high
        region("Atelier Bleu", 80, 170, 200, 200),  # under it: same sign
        region("Maison des Arts", 85, 205, 195, 232),  # the next line of that sign
        region("SALE", 400, 100, 460, 130),  # far away
        region("tiny print", 90, 240, 150, 246),  # far smaller, not part of it
    ]
    joined = same_sign(regs, [True, False, False, False, False])
    assert joined == {1, 2}
    f = text_findings(regs, TextPolicy())
    assert [x.action for x in f] == [Action.REDACTED, Action.REDACTED, Action.REDACTED, Action.KEPT, Action.KEPT]
    assert f[1].reason == "same card or sign as hidden text" and f[1].label == "other"


def test_repeated_words_of_an_address_are_hidden_everywhere() -> None:
    regs = [region("RUE", 10, 10, 60, 30), region("LAVOISIER", 5, 32, 70, 60), region("LAVOISlÉR", 400, 300, 470, 330)]
    f = text_findings(regs, TextPolicy())
    assert all(x.action is Action.REDACTED for x in f)
    assert f[2].reason == "same words as hidden text elsewhere in the image"


def test_sensitive_terms_from_policy() -> None:
    f = text_findings([region("Windsar Manor", 10, 10, 200, 40)], TextPolicy(sensitive_terms=("Windsor Manor",)))
    assert f[0].label == "sensitive_term" and f[0].action is Action.REDACTED
    assert "Windsor" not in f[0].reason and "text" not in f[0].detail


def test_polygon_corners_are_ordered_for_any_angle() -> None:
    from mediascrub.stages.text import _order

    rng = np.random.default_rng(0)
    for angle in range(0, 360, 15):
        a = math.radians(angle)
        rect = np.array([[-40, -10], [40, -10], [40, 10], [-40, 10]], np.float32)
        rot = rect @ np.array([[math.cos(a), math.sin(a)], [-math.sin(a), math.cos(a)]], np.float32) + 100
        q = _order(rot[rng.permutation(4)])
        # a simple polygon: its area equals the rectangle's (a bow-tie's would not)
        area = 0.5 * abs(sum(q[i, 0] * q[(i + 1) % 4, 1] - q[(i + 1) % 4, 0] * q[i, 1] for i in range(4)))
        assert abs(area - 1600) < 1
        assert np.argmin(q.sum(axis=1)) == 0


def test_threads_setting(monkeypatch: pytest.MonkeyPatch) -> None:
    from mediascrub.models import model_threads

    monkeypatch.setenv("MEDIASCRUB_THREADS", "1")
    assert model_threads() == 1
    monkeypatch.setenv("MEDIASCRUB_THREADS", "lots")
    assert model_threads() == 0
    monkeypatch.delenv("MEDIASCRUB_THREADS")
    assert model_threads() == 0


# ----------------------------------------------------------------- models


def test_engine_uses_the_wheel_models_and_never_downloads(tmp_path: object) -> None:
    engine = ocr_engine()
    assert engine is ocr_engine()  # one per process
    for path in engine.paths.values():
        assert path.is_file() and "rapidocr" in str(path)
    assert engine.rec.session.have_key()  # the character list is inside the model: no dictionary download
    from rapidocr.utils.download_file import DownloadFile, DownloadFileInput

    with _no_downloads(), pytest.raises(ModelError, match="never downloads"):
        DownloadFile.run(DownloadFileInput(file_url="https://example.invalid/x.onnx", save_path=f"{tmp_path}/x.onnx", logger=None))  # type: ignore[arg-type]


def test_the_detector_input_is_rapidocrs_own_bit_for_bit_at_a_tenth_of_its_cost() -> None:
    """The OCR detector's input is made by a table of the 256 bytes (``OcrEngine.detector_input``), not by
    RapidOCR's float64 preprocessing over the whole image: the same values bit for bit (every byte in every
    channel, a picture with text on it, and sides that are not multiples of 32, which RapidOCR resizes), so
    the same probability map, for well under half of its CPU time."""
    import time

    import cv2

    engine = ocr_engine()
    pre = engine.det.get_preprocess()
    every = np.ascontiguousarray(np.tile(np.arange(256, dtype=np.uint8).reshape(8, 32, 1), (4, 1, 3)))
    every[..., 1] = every[..., 1][::-1]  # each channel its own order
    rng = np.random.default_rng(7)
    picture = cv2.resize(rng.integers(0, 256, (36, 64, 3), dtype=np.uint8), (1024, 576), interpolation=cv2.INTER_CUBIC)
    cv2.putText(picture, "42 Rue de la Mare", (60, 300), cv2.FONT_HERSHEY_SIMPLEX, 2.0, (250, 250, 250), 4, cv2.LINE_AA)
    for rgb in (every, picture, picture[:100, :150], picture[::-1, ::-1]):
        mine, theirs = engine.detector_input(rgb), np.asarray(pre(rgb), np.float32)
        assert mine.dtype == np.float32 and mine.shape == theirs.shape and np.array_equal(mine, theirs)
    assert np.array_equal(engine.probability_map(picture), np.asarray(engine.det.session(pre(picture)))[0, 0])

    def cpu(make: object) -> float:
        best = math.inf
        for _ in range(3):
            t = time.thread_time()
            for _ in range(5):
                make(picture)  # type: ignore[operator]
            best = min(best, time.thread_time() - t)
        return best

    assert cpu(engine.detector_input) < 0.5 * cpu(pre)


def test_missing_model_is_a_clear_error(tmp_path: object, monkeypatch: pytest.MonkeyPatch) -> None:
    import mediascrub.stages.text as text_mod

    monkeypatch.setattr(text_mod, "rapidocr_model_dir", lambda: tmp_path)
    with pytest.raises(ModelError, match="PP-OCRv6_det_small.onnx"):
        _load_engine()


def test_reread_hides_what_a_second_reading_of_the_drawn_picture_would(monkeypatch: pytest.MonkeyPatch) -> None:
    """After faces and text are drawn, the picture is read again (as ``check``
    will read the file): what that reading hides or is unsure of is hidden too,
    unless it lies inside text already hidden; turning it off reads nothing."""
    from mediascrub.stages import text as text_mod
    from mediascrub.stages.text import reread_drawn

    def t(box: Box, action: Action, reason: str) -> Finding:
        return Finding(kind=Kind.TEXT, label="house_number", action=action, reason=reason, box=box, score=0.9)

    hidden = t(Box(10, 10, 60, 30), Action.REDACTED, "number on its own")
    reads: list[np.ndarray] = []

    def fake(frame: np.ndarray, findings: list[Finding], ctx: StageContext) -> list[Finding]:
        reads.append(frame)
        return [t(Box(12, 12, 58, 28), Action.REDACTED, "again"), t(Box(100, 10, 140, 30), Action.REDACTED, "number on its own"),
                t(Box(100, 50, 140, 70), Action.REVIEW, "unsure"), t(Box(100, 90, 140, 110), Action.KEPT, "nothing sensitive")]

    monkeypatch.setattr(text_mod, "text_stage", fake)
    preview = np.zeros((120, 160, 3), np.uint8)
    out = reread_drawn(preview, [hidden], StageContext(policy=Policy()))
    assert [(f.box, f.action, f.reason) for f in out] == [
        (Box(100, 10, 140, 30), Action.REDACTED, "number on its own (second reading)"),
        (Box(100, 50, 140, 70), Action.REDACTED, "unsure (second reading)"),
    ]
    assert all(f.detail["second_look"] for f in out) and reads[0] is preview
    off = Policy(text=TextPolicy(reread=False))
    assert reread_drawn(preview, [hidden], StageContext(policy=off)) == []


@pytest.mark.parametrize(
    ("line", "name", "kept", "angle"),
    [("Bingo with Abena Mensah", ["abena", "mensah"], "bingo", 5.0), ("Happy 90th Birthday Rose", ["rose"], "happy", -8.0),
     ("Hello my name is Oluwaseun", ["oluwaseun"], "hello", 12.0)],
)
def test_a_name_after_a_cue_is_hidden_alone(line: str, name: list[str], kept: str, angle: float) -> None:
    """The reader says where each character is: only the name after the cue is filled, and
    OCR of the output reads the cue words but no letter run of the name."""
    from mediascrub.stages.redact import redact_findings

    img, _ = draw_text(background(900, 400, len(line)), [line], 40, (450, 200), angle)
    policy = Policy()
    findings = run_stage(img)
    assert [f.action for f in findings] == [Action.REDACTED] and findings[0].detail.get("part_of_line")
    assert findings[0].label == "person_name"
    out, _ = redact_findings(img, findings, policy)
    again = " ".join(r.text for r in read_text(out, min_score=0.0)).lower()
    assert kept in again
    assert not any(n[:3] in again for n in name)


def test_a_name_and_a_street_on_one_line_are_hidden_apart_and_the_sentence_stays() -> None:
    """Two parts of one line, each its own finding: OCR of the output reads the sentence's words but
    neither the name nor the street."""
    from mediascrub.stages.redact import redact_findings

    line = "Welcome to Art Pugh, who joins us from 17 Honey Lane."
    img, _ = draw_text(background(1500, 300, 3), [line], 40, (750, 150), 0.0)
    findings = [f for f in run_stage(img) if f.action is Action.REDACTED]
    assert sorted(f.label for f in findings) == ["person_name", "street_name"]
    assert all(f.detail.get("part_of_line") for f in findings)
    out, _ = redact_findings(img, findings, Policy())
    again = " ".join(r.text for r in read_text(out, min_score=0.0)).lower()
    assert "welcome" in again and "joins" in again
    assert not any(w in again for w in ("pugh", "honey", "lane"))


def test_a_line_read_at_a_steep_angle_is_hidden_whole() -> None:
    img, _ = draw_text(background(700, 700, 21), ["Bingo with Abena Mensah"], 40, (350, 350), 40.0)
    findings = [f for f in run_stage(img) if f.action is Action.REDACTED]
    assert findings and not any(f.detail.get("part_of_line") for f in findings)
