"""Clips at phone scale: where the detector looks (DetectionPlan), the threads that overlap decoding,
analysis and encoding (media/overlap.py), and the output check by what was drawn (publish.verify_drawn)."""

from __future__ import annotations

import threading
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import cv2
import numpy as np
import pytest

from mediascrub.errors import VerificationError
from mediascrub.findings import Action, Box, Finding, Kind
from mediascrub.media.overlap import Background, prefetched
from mediascrub.policy import Policy
from mediascrub.publish import as_rendered, verify_drawn
from mediascrub.stages.face_tracks import DetectionPlan
from mediascrub.stages.redact import redact_drawn

# ---------------------------------------------------------------- where the detector looks


def test_the_plan_looks_closely_only_where_faces_can_be() -> None:
    plan = DetectionPlan(1280, 720, "int8", full_every=8)
    first = plan.passes(0, False, [], None)
    assert {p.scale for p in first} == {1.0, 0.5} and all(p.region is None for p in first)  # the full pass
    between = plan.passes(1, False, [Box(600, 300, 624, 330)], None)
    whole = [p for p in between if p.region is None]
    assert [p.scale for p in whole] == [0.5]  # the low-resolution pass of the whole frame
    regions = [p for p in between if p.region is not None]
    assert all(p.scale == 1.0 and p.inner is not None for p in regions)
    inner = [p.inner for p in regions if p.inner is not None]
    # the four edges, and the small tracked face (with room around it)
    assert any(r[1] == 0 and r[3] <= 96 and r[2] == 1280 for r in inner) and any(r[3] == 720 and r[2] == 1280 for r in inner)
    assert any(r[0] <= 600 and r[2] >= 624 and r[1] <= 300 and r[3] >= 330 and r[2] - r[0] < 200 for r in inner)
    covered = sum((r[2] - r[0]) * (r[3] - r[1]) for r in inner)
    assert covered < 0.45 * 1280 * 720
    # a large face is left to the low-resolution pass
    big = plan.passes(2, False, [Box(400, 200, 600, 450)], None)
    assert not any(p.inner and p.inner[0] <= 400 and p.inner[2] >= 600 and p.inner[1] <= 200 and p.inner[3] >= 450 for p in big)
    # a scene cut, and the schedule, bring the full pass back
    assert all(p.region is None for p in plan.passes(3, True, [], None))
    assert all(p.region is None for p in plan.passes(3 + 8, False, [], None))
    # where something moved other than the camera, the finest scale looks there too
    moving = np.zeros((180, 320), bool)
    moving[90:110, 150:170] = True  # full size: about 600-680 x 360-440
    near = plan.passes(12, False, [], (moving, 0.25))
    assert any(p.inner and p.inner[0] <= 600 and p.inner[2] >= 680 and p.inner[1] <= 360 and p.inner[3] >= 440 for p in near)


def test_edge_bands_run_where_the_camera_brings_picture_in_and_on_a_cadence() -> None:
    """Between full passes a band runs where the camera brought new picture in at its edge (BAND_NEW_PX
    since it last ran) and at least every BAND_EVERY frames at the other edges; without a motion estimate,
    every band. Before, all four bands ran on every frame."""
    from mediascrub.stages.face_tracks import BAND_EVERY, BAND_NEW_PX

    w, h = 1280, 720

    def bands(passes: list) -> set[str]:
        out = set()
        for p in passes:
            if p.inner is None:
                continue
            x0, y0, x1, y1 = p.inner
            if x1 - x0 == w and y0 == 0:
                out.add("top")
            elif x1 - x0 == w and y1 == h:
                out.add("bottom")
            elif x0 == 0 and y1 - y0 > h / 2:
                out.add("left")
            elif x1 == w and y1 - y0 > h / 2:
                out.add("right")
        return out

    plan = DetectionPlan(w, h, "int8", full_every=100)
    plan.passes(0, False, [], None)  # the full pass
    pan = np.array([[1.0, 0.0, -10.0], [0.0, 1.0, 0.0], [0.0, 0.0, 1.0]])  # the picture moves left: new picture at the right
    seen = [bands(plan.passes(i, False, [], None, pan)) for i in range(1, 2 * BAND_EVERY + 1)]
    assert all("right" in b for b in seen)  # 10 px of new picture on every frame
    for i, b in enumerate(seen, start=1):
        assert ({"top", "bottom", "left"} <= b) == (i % BAND_EVERY == 0), (i, b)
    # every band ran at frame 2 * BAND_EVERY; on the next frame the top band runs only if BAND_NEW_PX came in there
    k = 2 * BAND_EVERY + 1
    for dy, top in ((BAND_NEW_PX / 2, False), (BAND_NEW_PX + 1, True)):
        again = DetectionPlan(w, h, "int8", full_every=100)
        again.passes(0, False, [], None)
        for i in range(1, k):
            again.passes(i, False, [], None, pan)
        got = bands(again.passes(k, False, [], None, np.array([[1.0, 0.0, 0.0], [0.0, 1.0, dy], [0.0, 0.0, 1.0]])))
        assert ("top" in got) == top and "left" not in got and "bottom" not in got
    zoom_out = np.array([[0.98, 0.0, 12.8], [0.0, 0.98, 7.2], [0.0, 0.0, 1.0]])
    assert bands(plan.passes(2 * BAND_EVERY + 3, False, [], None, zoom_out)) == {"top", "bottom", "left", "right"}
    assert bands(plan.passes(2 * BAND_EVERY + 4, False, [], None, None)) == {"top", "bottom", "left", "right"}


def test_regions_come_in_a_few_shapes() -> None:
    """Regions around tracks and motion are grown to a few sizes (REGION_SIDES), so the detector
    (OpenVINO) is given the same input shapes again and again, not a new one per region."""
    from mediascrub.stages.face_tracks import REGION_SIDES

    plan = DetectionPlan(1280, 720, "int8", full_every=10**6)
    plan.passes(0, False, [], None)
    rng = np.random.default_rng(0)
    shapes = set()
    for i in range(1, 200):
        x, y, s = (float(v) for v in rng.uniform(0, 1, 3) * (1200, 680, 40))
        tracked = [Box(x, y, x + 8 + s, y + 8 + s)]
        for p in plan.passes(i, False, tracked, None):
            if p.region is not None and p.inner is not None and p.inner[2] - p.inner[0] < 1280 and p.inner[3] - p.inner[1] < 592:
                x0, y0, x1, y1 = p.region
                shapes.add((x1 - x0, y1 - y0))
                assert x0 <= p.inner[0] and y0 <= p.inner[1] and x1 >= p.inner[2] and y1 >= p.inner[3]
                assert 0 <= x0 and 0 <= y0 and x1 <= 1280 and y1 <= 720
                # the tracked face with room around it is inside the region's inner part
                assert p.inner[0] <= tracked[0].x0 and p.inner[2] >= tracked[0].x1
    assert shapes and all(w in (*REGION_SIDES, 1280) and h in (*REGION_SIDES, 720) for w, h in shapes)


def test_check_runs_the_full_pass_on_every_frame() -> None:
    plan = DetectionPlan(1280, 720, "int8", full_every=1)
    assert all(all(p.region is None for p in plan.passes(i, False, [Box(10, 10, 30, 30)], None)) for i in range(5))


# ---------------------------------------------------------------- threads, bounded


def test_prefetched_reads_ahead_a_bounded_number_and_passes_errors_on() -> None:
    made: list[int] = []

    def source() -> Iterator[int]:
        for i in range(100):
            made.append(i)
            yield i

    it = prefetched(source, depth=2)
    assert next(it) == 0
    time.sleep(0.2)
    assert len(made) <= 4  # one handed out, two waiting, one being put
    it.close()  # stops the reading thread
    assert not any(t.name == "mediascrub-prefetch" and t.is_alive() for t in threading.enumerate())

    def broken() -> Iterator[int]:
        yield 1
        raise ValueError("frame 1 does not decode")

    got = []
    with pytest.raises(ValueError, match="does not decode"):
        for x in prefetched(broken):
            got.append(x)
    assert got == [1]


def test_background_keeps_order_and_raises_the_sinks_error() -> None:
    seen: list[int] = []
    with Background(seen.append) as bg:
        for i in range(20):
            bg.put(i)
    assert seen == list(range(20))

    def sink(x: int) -> None:
        if x == 3:
            raise OSError("disk full")

    with pytest.raises(OSError, match="disk full"), Background(sink) as bg:
        for i in range(50):
            bg.put(i)
            time.sleep(0.001)


# ---------------------------------------------------------------- the output check: what was drawn is there


def _h264(rgb: np.ndarray, tmp: Path) -> np.ndarray:
    """``rgb`` through H.264 (CRF 18, as clips are written) and back."""
    import av

    path = tmp / "one.mp4"
    with av.open(str(path), "w") as c:
        s = c.add_stream("libx264", rate=25, options={"crf": "18", "preset": "veryfast"})
        s.width, s.height, s.pix_fmt = rgb.shape[1], rgb.shape[0], "yuv420p"
        for p in s.encode(av.VideoFrame.from_ndarray(rgb, format="rgb24")):
            c.mux(p)
        for p in s.encode():
            c.mux(p)
    with av.open(str(path)) as c:
        return next(iter(c.decode(video=0))).to_ndarray(format="rgb24")


def _white_sign() -> tuple[np.ndarray, list[Finding]]:
    """A white sign with dark words, and two overlapping text findings over them (a line and a word)."""
    rgb = np.full((240, 400, 3), 90, np.uint8)
    cv2.rectangle(rgb, (40, 60), (360, 180), (250, 250, 248), -1)
    cv2.putText(rgb, "42 Rue de la Mare", (52, 130), cv2.FONT_HERSHEY_SIMPLEX, 0.9, (30, 30, 30), 2, cv2.LINE_AA)
    line = Finding(Kind.TEXT, "street_name", Action.REDACTED, "address", box=Box(50, 105, 340, 138))
    word = Finding(Kind.TEXT, "house_number", Action.REDACTED, "address", box=Box(50, 105, 90, 138))
    return rgb, [line, word]


def test_a_text_fill_over_a_white_sign_is_never_white_and_is_verified(tmp_path: Path) -> None:
    """Two fills over one sign take their colour from the sign as it was (its median: white, so both
    black): the second is not drawn white over the first's black, and the output check sees them."""
    rgb, findings = _white_sign()
    out, drawn = redact_drawn(rgb, findings, Policy())
    assert [d.kind for d in drawn] == ["fill", "fill"] and all(d.colour < 20 for d in drawn)
    x0, y0, x1, y1 = drawn[1].box
    assert out[y0:y1, x0:x1].max() < 20
    verify_drawn(_h264(out, tmp_path), as_rendered(out, drawn), min_side=16)  # published


def test_the_output_check_holds_back_what_was_not_drawn(tmp_path: Path) -> None:
    rgb, findings = _white_sign()
    out, drawn = redact_drawn(rgb, findings, Policy())
    with pytest.raises(VerificationError, match="not changed enough"):
        verify_drawn(_h264(rgb, tmp_path), as_rendered(out, drawn), min_side=16)  # the words still there
    face = Finding(Kind.FACE, "face", Action.ANONYMISED, "test", box=Box(150, 70, 190, 120))
    from skimage import data

    photo = np.ascontiguousarray(cv2.resize(data.astronaut(), (400, 400))[80:320])
    out, drawn = redact_drawn(photo, [face], Policy(), in_place=False)
    rendered = as_rendered(out, drawn)
    verify_drawn(_h264(out, tmp_path), rendered, min_side=16)  # the patch is there
    with pytest.raises(VerificationError, match="differs from the patch drawn"):
        verify_drawn(_h264(photo, tmp_path), rendered, min_side=16)  # the face is there


def test_in_place_redaction_draws_the_same_and_copies_only_what_it_covers() -> None:
    from skimage import data

    photo = np.ascontiguousarray(data.astronaut())
    faces = [Finding(Kind.FACE, "face", Action.ANONYMISED, "t", box=Box(170, 40, 300, 200)),
             Finding(Kind.FACE, "face", Action.ANONYMISED, "t", box=Box(200, 60, 330, 220)),  # overlapping
             Finding(Kind.FACE, "face", Action.ANONYMISED, "t", box=Box(0, 300, 40, 360))]  # at the edge
    copy_out, copy_drawn = redact_drawn(photo, faces, Policy())
    frame = photo.copy()
    same, drawn = redact_drawn(frame, faces, Policy(), in_place=True)
    assert same is frame and np.array_equal(same, copy_out) and drawn == copy_drawn


def test_in_place_redaction_copies_small_faces_whole_at_any_mask_scale() -> None:
    """Review: the in-place copy of the picture sized faces with the mask scale alone, but faces under
    24 px are masked at least 1.1x (mask_box), so with mask_scale 1.0 a small face's patch reached past
    the copy (IndexError in a clip's render). Now the copy is sized by the same functions as the mask."""
    import dataclasses

    from skimage import data

    photo = np.ascontiguousarray(data.astronaut())
    policy = Policy()
    policy = dataclasses.replace(policy, faces=dataclasses.replace(policy.faces, mask_scale=1.0))
    rng = np.random.default_rng(5)
    for _ in range(60):
        x, y, s = (float(v) for v in rng.uniform((0, 0, 8), (480, 480, 24)))
        faces = [Finding(Kind.FACE, "face", Action.ANONYMISED, "t", box=Box(x, y, x + s, y + s * 1.2))]
        copy_out, copy_drawn = redact_drawn(photo, faces, policy)
        frame = photo.copy()
        same, drawn = redact_drawn(frame, faces, policy, in_place=True)
        assert np.array_equal(same, copy_out) and drawn == copy_drawn


def test_every_region_drawn_is_drawn_over_even_a_strip_at_the_edge() -> None:
    """check_drawn (before encoding) accepts whatever redact_drawn reports, for faces the frame's edge
    cuts down to a strip of a few rows or columns (the ellipse's inscribed rectangle is then outside the
    frame: the strip's fully covered columns are reported), and refuses a region left as it was."""
    from skimage import data

    from mediascrub.publish import check_drawn

    photo = np.ascontiguousarray(cv2.resize(data.astronaut(), (320, 240)))
    h, w = photo.shape[:2]
    for k, cut in enumerate((-58.0, -55.0, -52.0, -45.0, -30.0)):  # how far beyond the edge the face's far side is
        faces = [Finding(Kind.FACE, "face", Action.ANONYMISED, "t", box=Box(100 + k, cut, 150 + k, 0.5 + 0.25 * k)),  # top: 1-2 rows
                 Finding(Kind.FACE, "face", Action.ANONYMISED, "t", box=Box(w - 0.5 - 0.25 * k, 90, w - cut, 140)),  # right
                 Finding(Kind.FACE, "face", Action.ANONYMISED, "t", box=Box(40, h - 0.7, 80, h - cut))]  # bottom
        frame = photo.copy()
        out, drawn = redact_drawn(frame, faces, Policy(), in_place=True)
        assert drawn and all(d.box[2] > d.box[0] and d.box[3] > d.box[1] for d in drawn)
        check_drawn(out, drawn, frame=k)
    with pytest.raises(VerificationError, match="was not drawn over"):
        check_drawn(photo, drawn, frame=0)


# ---------------------------------------------------------------- when text is read


def test_text_is_read_once_a_second_and_sooner_where_new_picture_came_into_view() -> None:
    from mediascrub.stages.tracking import Motion
    from mediascrub.video_pipeline import TEXT_EVERY, TEXT_NEW_SHARE, text_due

    def reads(steps: list[np.ndarray | None]) -> list[int]:
        motion, last, out = Motion(), None, []
        for i, step in enumerate(steps):
            if step is None:
                motion._start_scene()
            else:
                motion.to_scene.append(motion.to_scene[-1] @ np.linalg.inv(step))
                motion.scene.append(motion.scene[-1])
                motion.reliable.append(True)
            if text_due(i, last, motion, 640, 360):
                last = i
                out.append(i)
        return out

    still = [None] + [np.eye(3)] * 60
    assert reads(still) == [0, TEXT_EVERY, 2 * TEXT_EVERY]
    v = 640 * TEXT_NEW_SHARE / 4  # a pan that brings TEXT_NEW_SHARE of the picture in every 4 frames
    pan = [None] + [np.array([[1, 0, -v], [0, 1, 0], [0, 0, 1]], np.float64)] * 20
    assert reads(pan) == [0, 4, 8, 12, 16, 20]
    cut = [None] + [np.eye(3)] * 9 + [None] + [np.eye(3)] * 5  # a new scene at frame 10
    assert reads(cut) == [0, 10]


def test_text_is_read_every_twelfth_frame_once_something_moves_by_itself() -> None:
    """Readings are carried along the camera only: a plate on a passing car or a sign held up before a still
    camera is read at the old cadence once something moved by itself, not once a second."""
    from mediascrub.stages.tracking import Motion
    from mediascrub.video_pipeline import TEXT_EVERY, TEXT_EVERY_MOVING, TEXT_MOVING_SHARE, text_due

    assert TEXT_EVERY_MOVING < TEXT_EVERY
    motion = Motion()
    rng = np.random.default_rng(3)
    background = rng.integers(0, 255, (360, 640, 3), dtype=np.uint8)
    shares, last, reads, moved = [], None, [], False
    for i in range(40):
        frame = background.copy()
        x = 20 + 12 * i  # a 60x40 px "car" crossing a still picture
        frame[200:240, x:x + 60] = 255
        motion.add(frame)
        if motion.moving is not None:
            shares.append(float(motion.moving.mean()))
            moved = moved or shares[-1] >= TEXT_MOVING_SHARE
        if text_due(i, last, motion, 640, 360, moved):
            last, moved = i, False
            reads.append(i)
    assert shares and min(shares) >= TEXT_MOVING_SHARE  # the moving block is seen in every frame
    assert reads == [0, TEXT_EVERY_MOVING, 2 * TEXT_EVERY_MOVING, 3 * TEXT_EVERY_MOVING]

    # a still picture with nothing moving keeps the once-a-second cadence
    motion, last, reads = Motion(), None, []
    for i in range(40):
        motion.add(background)
        assert motion.moving is None or float(motion.moving.mean()) < TEXT_MOVING_SHARE
        if text_due(i, last, motion, 640, 360, False):
            last = i
            reads.append(i)
    assert reads == [0, TEXT_EVERY]


# ---------------------------------------------------------------- carrying boxes along the motion


def test_carrying_takes_each_frames_inverse_once_and_gives_the_same_boxes(monkeypatch: pytest.MonkeyPatch) -> None:
    from mediascrub.stages.tracking import Motion, warp_box

    motion = Motion()
    motion._start_scene()
    rng = np.random.default_rng(4)
    for _ in range(30):
        a, tx, ty = rng.uniform(-0.02, 0.02), rng.uniform(-9, 9), rng.uniform(-9, 9)
        step = np.array([[np.cos(a), -np.sin(a), tx], [np.sin(a), np.cos(a), ty], [0, 0, 1]]) * [[1.01], [1.01], [1]]
        motion.to_scene.append(motion.to_scene[-1] @ np.linalg.inv(step))
        motion.scene.append(0)
        motion.reliable.append(True)
    box = Box(100.5, 80.25, 163.0, 150.75)
    # what carrying computed before: the inverse taken on every call
    expected = {(s, d): warp_box(box, np.linalg.inv(motion.to_scene[d]) @ motion.to_scene[s])
                for s in range(31) for d in range(31) if s != d}
    calls = []
    real_inv = np.linalg.inv
    monkeypatch.setattr(np.linalg, "inv", lambda m: calls.append(1) or real_inv(m))
    for (s, d), want in expected.items():
        assert motion.carry(box, s, d) == want  # the same numbers, bit for bit
    assert len(calls) == 31  # once per frame carried to, not once per box
    motion.to_scene[5] = np.eye(3)  # a frame's transform replaced: its inverse follows
    assert motion.carry(box, 5, 6) == warp_box(box, real_inv(motion.to_scene[6]) @ motion.to_scene[5])
    assert motion.carry(box, 6, 5) == warp_box(box, motion.to_scene[6])


def _joined_pairwise(faces: list[tuple[Box, str]]) -> list[tuple[Box, str]]:
    """The rule of video_pipeline._joined_duplicates as it was written first: each box against every kept box."""
    if len(faces) < 2:
        return faces
    arr = np.array([[b.x0, b.y0, b.x1, b.y1] for b, _ in faces], np.float64)
    order = np.argsort(-(arr[:, 2] - arr[:, 0]) * (arr[:, 3] - arr[:, 1]), kind="stable")
    kept = np.zeros((0, 4), np.float64)
    sources: list[str] = []
    for i in order:
        b = arr[i]
        if len(kept):
            iw = np.clip(np.minimum(kept[:, 2], b[2]) - np.maximum(kept[:, 0], b[0]), 0, None)
            ih = np.clip(np.minimum(kept[:, 3], b[3]) - np.maximum(kept[:, 1], b[1]), 0, None)
            inter = iw * ih
            union = (kept[:, 2] - kept[:, 0]) * (kept[:, 3] - kept[:, 1]) + (b[2] - b[0]) * (b[3] - b[1]) - inter
            iou = inter / np.maximum(union, 1e-9)
            j = int(np.argmax(iou))
            if iou[j] >= 0.5:
                kept[j] = [min(kept[j, 0], b[0]), min(kept[j, 1], b[1]), max(kept[j, 2], b[2]), max(kept[j, 3], b[3])]
                continue
        kept = np.vstack([kept, b])
        sources.append(faces[i][1])
    return [(Box(*(float(v) for v in k)), s) for k, s in zip(kept, sources, strict=True)]


def _crowd(n: int, jitter: float, seed: int, width: int = 1280, height: int = 720) -> list[tuple[Box, str]]:
    """A crowd's carried track boxes: ``n`` faces of 4-120 px, each boxed 1-3 times, shifted by ``jitter`` px."""
    rng = np.random.default_rng(seed)
    faces = []
    for _ in range(n):
        x, y, s = rng.uniform(-20, width), rng.uniform(-20, height), rng.uniform(4, 120)
        for _ in range(int(rng.integers(1, 4))):
            d = rng.normal(0, jitter, 4) if jitter else np.zeros(4)
            faces.append((Box(float(x + d[0]), float(y + d[1]), float(x + s + d[2]), float(y + s + d[3])), str(rng.integers(0, 3))))
    order = rng.permutation(len(faces))
    return [faces[i] for i in order]


def test_duplicate_boxes_are_joined_as_before_comparing_only_neighbours() -> None:
    from mediascrub.video_pipeline import _joined_duplicates

    for seed in range(200):  # exact duplicates, near ones, far ones, faces over the frame's edge
        faces = _crowd(int(np.random.default_rng(seed).integers(1, 300)), (0.0, 1.0, 3.0, 8.0)[seed % 4], seed)
        assert _joined_duplicates(faces) == _joined_pairwise(faces), seed
    crowd = _crowd(1500, 2.0, 7, 3840, 2160)  # a 4K crowd: 3,000 boxes

    def cpu(fn: Any) -> float:
        best = float("inf")
        for _ in range(3):
            t = time.thread_time()
            fn(crowd)
            best = min(best, time.thread_time() - t)
        return best

    assert cpu(_joined_duplicates) < 0.6 * cpu(_joined_pairwise)


def test_the_writer_encodes_each_frame_as_it_was_when_written(tmp_path: Path) -> None:
    """The writer hands the encoder the frame's own memory (no copy): what it encodes must still be the
    picture as it was when written, however the array is changed afterwards (one buffer used for every
    frame here, each overwritten at once with a different picture), and the same picture a copy gives."""
    from _video_util import textured, write_clip

    from mediascrub.media.video import VideoWriter, iter_output_frames, plan_timeline, probe_video

    pictures = [np.roll(textured(320, 240, seed=i), 40 * i, axis=1) for i in range(12)]
    src = write_clip(tmp_path / "in.mp4", pictures)
    info = probe_video(src, Policy().output)
    timeline = plan_timeline([i * 512 for i in range(12)], info.time_base, info.rate)

    def encoded(name: str, reuse: bool) -> list[np.ndarray]:
        buffer = np.empty_like(pictures[0])
        with VideoWriter(tmp_path / name, info, timeline) as writer:
            for i, picture in enumerate(pictures):
                if reuse:
                    buffer[:] = picture
                    writer.write(buffer, i)
                    buffer[:] = 255 - picture  # changed before the encoder has seen the next frame
                else:
                    writer.write(picture.copy(), i)
        return [rgb for _, rgb, _ in iter_output_frames(tmp_path / name)]

    reused, copied = encoded("reused.mp4", True), encoded("copied.mp4", False)
    assert len(reused) == len(copied) == 12
    for picture, a, b in zip(pictures, reused, copied, strict=True):
        assert np.array_equal(a, b)
        off = float(np.abs(a.astype(np.float32) - picture).mean())  # H.264 and its halved colour: a few levels
        assert off < 8.0 and float(np.abs(a.astype(np.float32) - (255 - picture)).mean()) > 8 * off  # not the negative
    assert (tmp_path / "reused.mp4").read_bytes() == (tmp_path / "copied.mp4").read_bytes()
