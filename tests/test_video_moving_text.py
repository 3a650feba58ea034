"""Text that moves by itself before a still camera (a sign carried into view, a passing car's plate).

Readings are carried to the frames around them along the camera's motion only, so text that moves on its
own is hidden where it is only on frames that were read: such a clip is read every TEXT_EVERY_MOVING
frames, not every TEXT_EVERY. These clips check the frames read only because something moved (neither the
first frame, nor a new scene, nor new picture from the camera, nor the TEXT_EVERY schedule): the moving
text must be read there, where it then is, and hidden in the new clip. They fail when that reading is
skipped, or reads only part of the frame and misses the moving region.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import cv2
import numpy as np
import pytest
from _video_util import decode_clip, textured, write_clip

from mediascrub.findings import Kind, Status
from mediascrub.pipeline import Pipeline
from mediascrub.policy import FacePolicy, Policy
from mediascrub.video_pipeline import TEXT_EVERY, TEXT_EVERY_MOVING

W, H = 640, 360
FRAMES = 40


def _card(lines: tuple[str, ...], colour: tuple[int, int, int], scale: float) -> tuple[np.ndarray, list[tuple[int, int, int, int]]]:
    """A card with dark words on it, and each line's box on the card."""
    sizes = [cv2.getTextSize(t, cv2.FONT_HERSHEY_SIMPLEX, scale, 2)[0] for t in lines]
    step = max(h for _, h in sizes) + 22
    card = np.full((step * len(lines) + 20, max(w for w, _ in sizes) + 24, 3), colour, np.uint8)
    boxes = []
    for k, (text, (tw, th)) in enumerate(zip(lines, sizes, strict=True)):
        base = 10 + step * k + th + 8
        cv2.putText(card, text, (12, base), cv2.FONT_HERSHEY_SIMPLEX, scale, (20, 20, 20), 2, cv2.LINE_AA)
        boxes.append((12, base - th, 12 + tw, base + 4))
    return card, boxes


def _moving(card: np.ndarray, boxes: list[tuple[int, int, int, int]], y: int, xs: list[int],
            body: tuple[int, int] | None = None) -> tuple[list[np.ndarray], list[list[tuple[int, int, int, int]]]]:
    """A still camera over a textured wall; ``card`` (on a grey car of ``body`` size when given) at x ``xs[i]``
    in frame i. Returns the frames and, per frame, the boxes of the card's lines wholly in view."""
    wall = textured(W, H, 5)
    frames, lines = [], []
    for x in xs:
        f = wall.copy()
        layers = []
        if body is not None:
            car = np.full((body[1], body[0], 3), 70, np.uint8)
            layers.append((car, x - (body[0] - card.shape[1]) // 2, y - body[1] + card.shape[0] + 10))
        layers.append((card, x, y))
        for pic, px, py in layers:
            a0, a1 = max(0, px), min(W, px + pic.shape[1])
            if a1 > a0:
                f[py : py + pic.shape[0], a0:a1] = pic[:, a0 - px : a1 - px]
        frames.append(f)
        lines.append([(x + b[0], y + b[1], x + b[2], y + b[3]) for b in boxes if x + b[0] >= 0 and x + b[2] <= W])
    return frames, lines


def _hidden_where_read_only_for_moving(tmp_path: Path, frames: list[np.ndarray], lines: list[list[tuple[int, int, int, int]]],
                                        labels: set[str], moving_only: list[int]) -> None:
    src = write_clip(tmp_path / "moving.mp4", frames)
    report = Pipeline(Policy(faces=FacePolicy(enabled=False)), today=dt.date(2026, 6, 1)).scrub(
        src, tmp_path / "out" / "moving.mp4", quarantine=tmp_path / "q" / "moving.mp4")
    assert report.status is Status.PUBLISHED, report.reason
    text = [f for f in report.findings if f.kind is Kind.TEXT]
    assert labels <= {f.label for f in text}
    assert moving_only and all(i % TEXT_EVERY for i in moving_only)
    assert {f.frame for f in text} >= set(moving_only)  # read there, and found the words
    got, _ = decode_clip(Path(report.output or ""))
    for i in moving_only:
        assert lines[i]
        for x0, y0, x1, y1 in lines[i]:
            crop = (slice(y0, y1), slice(x0, x1))
            before, after = frames[i][crop].astype(float).mean(axis=2), got[i][crop].astype(float).mean(axis=2)
            strokes = before < 100  # the words' dark strokes on the light card
            contrast = abs(float(after[strokes].mean() - after[~strokes].mean()))  # about 170 where they show
            change = float(np.abs(after - before).mean())
            assert contrast < 25 and change > 40, (i, (x0, y0, x1, y1), contrast, change)  # filled where the words then were


@pytest.mark.slow
def test_a_sign_carried_into_view_before_a_still_camera_is_read_where_it_is(tmp_path: Path) -> None:
    """A sign slides in from the left edge (20 px a frame) and stops: at the frame read because it moved
    (neither the first frame nor TEXT_EVERY's) it is 240 px from where the next scheduled reading finds it."""
    card, boxes = _card(("42 Rue de la Mare", "St Helier JE2 3QB"), (245, 245, 240), 0.9)
    xs = [min(-card.shape[1] + 100 + 20 * i, 260) for i in range(FRAMES)]
    frames, lines = _moving(card, boxes, 110, xs)
    assert not lines[0] and lines[TEXT_EVERY_MOVING]  # not legible on the first frame; wholly in view when read
    # it stops at frame 25: the frame read because it moved is TEXT_EVERY_MOVING, the next TEXT_EVERY's
    _hidden_where_read_only_for_moving(tmp_path, frames, lines, {"street_name", "postcode"}, [TEXT_EVERY_MOVING])


@pytest.mark.slow
def test_a_passing_cars_plate_is_read_where_it_is(tmp_path: Path) -> None:
    """A car crosses a still picture at 16 px a frame: its plate, read every TEXT_EVERY_MOVING frames, is
    hidden where it is on each frame read because it moved."""
    card, boxes = _card(("AB12 CDE",), (240, 200, 40), 1.1)
    xs = [-150 + 16 * i for i in range(FRAMES)]
    frames, lines = _moving(card, boxes, 220, xs, body=(card.shape[1] + 120, 110))
    _hidden_where_read_only_for_moving(tmp_path, frames, lines, {"plate"}, [TEXT_EVERY_MOVING, TEXT_EVERY + TEXT_EVERY_MOVING])
