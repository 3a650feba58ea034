"""Face detection: real faces found at many sizes and angles, non-faces ignored,
boxes clipped, decisions (anonymise / review) as the policy says.

Images are licence-clean and made in code: scikit-image's astronaut (a real
face, public domain) pasted onto generated canvases, its cat (no face), noise.
"""

from __future__ import annotations

import dataclasses

import numpy as np
import pytest
from _faces_util import astronaut, chelsea, paste

from mediascrub import models
from mediascrub.errors import ModelError, StageError
from mediascrub.findings import Action, Box, Finding, Kind
from mediascrub.policy import FacePolicy, Policy
from mediascrub.stages import StageContext, faces
from mediascrub.stages.faces import (
    DetectorPass,
    FaceDetection,
    detect_faces,
    detector_passes,
    face_stage,
    merge_detections,
    pyramid_scales,
    tiles,
)

# The astronaut's face in skimage.data.astronaut() (512x512), by eye: the
# detector box runs from the hairline to the chin, about 100 x 125 px.
FACE_CENTRE = (225.0, 117.0)
FACE_SIZE = 110.0


def _face_centre_on_canvas(scale: float, angle: float, at: tuple[int, int]) -> tuple[float, float]:
    """Where the astronaut's face centre lands after paste(scale, angle, at)."""
    import math

    cx, cy = FACE_CENTRE[0] * scale, FACE_CENTRE[1] * scale
    half = 256 * scale
    # cv2.getRotationMatrix2D rotates anticlockwise for positive angles (y down)
    a = math.radians(angle)
    dx, dy = cx - half, cy - half
    rx = dx * math.cos(a) + dy * math.sin(a)
    ry = -dx * math.sin(a) + dy * math.cos(a)
    return at[0] + half + rx, at[1] + half + ry


def _covering(dets: list[FaceDetection], x: float, y: float) -> list[FaceDetection]:
    return [d for d in dets if d.box.x0 <= x <= d.box.x1 and d.box.y0 <= y <= d.box.y1]


@pytest.fixture(scope="module")
def policy() -> FacePolicy:
    return FacePolicy()


def test_astronaut_face_found_with_landmarks(policy: FacePolicy) -> None:
    img = astronaut()
    dets = detect_faces(img, policy)
    assert len(dets) == 1, dets
    d = dets[0]
    assert d.score > 0.8
    assert abs(d.box.center[0] - FACE_CENTRE[0]) < 15 and abs(d.box.center[1] - FACE_CENTRE[1]) < 15
    assert 80 < d.box.size < 150
    assert d.landmarks is not None and len(d.landmarks) == 5
    for x, y in d.landmarks:
        assert d.box.x0 <= x <= d.box.x1 and d.box.y0 <= y <= d.box.y1
    # eyes above nose above mouth; the first eye is on the image's left
    (lex, ley), (rex, rey), (_, ny), (lmx, lmy), (rmx, rmy) = d.landmarks
    assert lex < rex and lmx < rmx
    assert max(ley, rey) < ny < min(lmy, rmy)


@pytest.mark.parametrize(
    ("scale", "angle"),
    [(1.0, 0.0), *(pytest.param(s, a, marks=pytest.mark.slow) for s, a in [(0.15, 0.0), (0.3, 0.0), (0.6, 20.0), (1.0, -30.0), (2.5, 0.0),
                                                                          (0.6, 45.0)])],
)
def test_face_found_at_scales_and_rotations(policy: FacePolicy, scale: float, angle: float) -> None:
    at = (137, 91)
    canvas, _ = paste((1000, 1500), astronaut(), scale, angle, at, seed=int(scale * 10 + abs(angle)))
    cx, cy = _face_centre_on_canvas(scale, angle, at)
    dets = detect_faces(canvas, policy)
    hits = _covering(dets, cx, cy)
    assert hits, f"face of ~{FACE_SIZE * scale:.0f} px at {angle} deg not found: {dets}"
    # one of them is about the face's size: not just a huge box over the whole picture
    assert min(h.box.size for h in hits) < FACE_SIZE * scale * 2.0 + 10


@pytest.mark.slow
def test_small_face_on_a_big_photo(policy: FacePolicy) -> None:
    """A ~14 px face on a 2400x1800 photo (12 px on 12 MP is the goal; this keeps the test fast)."""
    at = (1700, 1200)
    scale = 14.0 / FACE_SIZE
    canvas, _ = paste((1800, 2400), astronaut(), scale, 0.0, at, seed=3)
    cx, cy = _face_centre_on_canvas(scale, 0.0, at)
    assert _covering(detect_faces(canvas, policy), cx, cy)


@pytest.mark.slow
def test_face_filling_a_big_photo_gets_a_box_that_covers_it(policy: FacePolicy) -> None:
    """CenterFace's boxes stop growing at ~450 px at 1x; the coarse pyramid pass must find the big face."""
    import cv2

    k = 900 / FACE_SIZE  # a 900 px face
    img = astronaut()
    cx, cy = FACE_CENTRE
    crop = img[int(cy - 110) : int(cy + 110), int(cx - 110) : int(cx + 110)]
    big = cv2.resize(crop, None, fx=k, fy=k)
    canvas, _ = paste((2000, 2400), big, 1.0, 0.0, (100, 0), seed=5)
    dets = detect_faces(canvas, policy)
    assert dets
    best = max(dets, key=lambda d: d.box.area)
    assert best.box.size > 600, [d.box for d in dets]


def test_no_face_on_a_cat(policy: FacePolicy) -> None:
    assert detect_faces(chelsea(), policy) == []


@pytest.mark.slow
def test_no_face_on_generated_images(policy: FacePolicy) -> None:
    rng = np.random.default_rng(7)
    noise = rng.integers(0, 256, (600, 800, 3), dtype=np.uint8)
    flat = np.full((480, 640, 3), 200, np.uint8)
    ramp = np.broadcast_to(np.linspace(0, 255, 900, dtype=np.uint8)[None, :, None], (300, 900, 3)).copy()
    for img in (noise, flat, ramp):
        assert detect_faces(img, policy) == []


def test_boxes_clipped_at_image_edges(policy: FacePolicy) -> None:
    img = astronaut()
    # cut the picture through the middle of the face: left half and top part
    for crop in (img[:, :230], img[100:, :], img[:150, 180:]):
        h, w = crop.shape[:2]
        dets = detect_faces(np.ascontiguousarray(crop), policy)
        assert dets, "a face cut by the frame must still be found"
        for d in dets:
            assert 0 <= d.box.x0 < d.box.x1 <= w and 0 <= d.box.y0 < d.box.y1 <= h


@pytest.mark.slow
def test_min_size_drops_small_detections() -> None:
    canvas, _ = paste((600, 800), astronaut(), 0.25, 0.0, (100, 100), seed=1)
    assert detect_faces(canvas, FacePolicy())
    assert detect_faces(canvas, FacePolicy(min_size=60)) == []


def test_rejects_non_rgb_frames(policy: FacePolicy) -> None:
    with pytest.raises(StageError):
        detect_faces(np.zeros((10, 10), np.uint8), policy)
    with pytest.raises(StageError):
        detect_faces(np.zeros((10, 10, 3), np.float32), policy)


def test_pyramid_scales() -> None:
    assert pyramid_scales(416, 416) == [2.0, 1.0]
    big = pyramid_scales(4000, 3000)
    assert big[0] == 1.0 and 4000 * big[-1] == pytest.approx(640, abs=1)
    assert all(a > b for a, b in zip(big, big[1:], strict=False))
    assert pyramid_scales(640, 480) == [2.0, 1.0]
    for w, h in [(1137, 910), (1, 1), (641, 2), (1400, 1400), (9999, 50), (646, 646)]:
        sc = pyramid_scales(w, h)
        assert 1.0 in sc and len(sc) <= 5, (w, h, sc)
        assert max(w, h) * sc[-1] <= 641 or sc[-1] == 1.0


def test_tiles_cover_with_overlap() -> None:
    for length in (416, faces.TILE_SIDE, faces.TILE_SIDE + 1, 4000, 5472, 12000):
        starts, side = tiles(length)
        assert side <= faces.TILE_SIDE and starts[0] == 0 and starts[-1] + side == length
        assert all(a + side - b >= faces.TILE_OVERLAP for a, b in zip(starts, starts[1:], strict=False))


def test_face_on_a_tile_border_is_found(monkeypatch: pytest.MonkeyPatch, policy: FacePolicy) -> None:
    """Small tiles so a 1500 px picture is cut; the face straddles the first cut."""
    monkeypatch.setattr(faces, "TILE_SIDE", 640)
    monkeypatch.setattr(faces, "TILE_OVERLAP", 256)
    starts, side = tiles(1500)
    assert len(starts) >= 3
    scale = 0.6  # a ~66 px face
    at = (int(side - FACE_CENTRE[0] * scale), 150)  # face centre on the first tile's right edge
    canvas, _ = paste((600, 1500), astronaut(), scale, 0.0, at, seed=9)
    cx, cy = _face_centre_on_canvas(scale, 0.0, at)
    assert abs(cx - side) < 2
    assert _covering(detect_faces(canvas, policy), cx, cy)


def test_merge_keeps_one_box_per_face() -> None:
    boxes = np.array(
        [
            [10, 10, 50, 50, 0.9],  # face A
            [12, 11, 52, 49, 0.5],  # A again (another scale)
            [20, 20, 40, 40, 0.3],  # inside A
            [100, 10, 140, 50, 0.4],  # face B, next to A
        ],
        np.float32,
    )
    assert sorted(merge_detections(boxes)) == [0, 3]
    assert merge_detections(np.zeros((0, 5), np.float32)) == []


def _ctx(**face_kw: object) -> StageContext:
    return StageContext(policy=Policy(faces=FacePolicy(**face_kw)))  # type: ignore[arg-type]


def test_face_stage_appends_findings_with_unenlarged_boxes() -> None:
    img = astronaut()
    before = [Finding(kind=Kind.METADATA, label="GPS", action=Action.REMOVED)]
    ctx = _ctx()
    out = face_stage(img, before, ctx)
    assert out[0] is before[0] and len(before) == 1  # input list untouched
    face = [f for f in out if f.kind is Kind.FACE and not f.reason.endswith("(second look)")]
    assert len(face) == 1
    f = face[0]
    assert f.action is Action.ANONYMISED and f.reason == "no consent gallery" and f.label == "face"
    det = detect_faces(img, ctx.policy.faces)[0]
    assert f.box == det.box  # not enlarged: redaction applies mask_scale
    assert f.score == pytest.approx(det.score, abs=1e-4)
    assert len(f.detail["landmarks"]) == 5
    assert "face" in str(f.to_dict())


def test_face_stage_disabled_does_nothing() -> None:
    assert face_stage(astronaut(), [], _ctx(enabled=False)) == []


def _fake(monkeypatch: pytest.MonkeyPatch, dets: list[FaceDetection]) -> None:
    monkeypatch.setattr(faces, "detect_faces", lambda rgb, policy, passes=None: list(dets))


def test_grey_zone_is_hidden_without_review(monkeypatch: pytest.MonkeyPatch) -> None:
    """A maybe-face is hidden like any face; it needs no person (the consent
    stage sends it to review only when it may be a consented person)."""
    big, small = Box(0, 0, 60, 60), Box(100, 100, 120, 120)  # small: at a scale consistent with big's
    _fake(
        monkeypatch,
        [FaceDetection(big, 0.5), FaceDetection(big, 0.11), FaceDetection(small, 0.11)],
    )
    img = np.zeros((200, 200, 3), np.uint8)
    out = face_stage(img, [], _ctx(threshold=0.12, review_band=0.02, review_min_size=40))
    assert [f.action for f in out] == [Action.ANONYMISED] * 3
    assert out[0].reason == "no consent gallery" and "uncertain" not in out[0].detail
    assert out[1].reason == "uncertain face (score 0.11)" and out[1].detail["uncertain"] is True
    assert out[2].detail["uncertain"] is True


@pytest.mark.slow
def test_detect_returns_grey_zone_detections() -> None:
    """detect_faces reports down to threshold - review_band, so face_stage can route them."""
    img = astronaut()
    score = detect_faces(img, FacePolicy())[0].score
    pol = FacePolicy(threshold=min(0.99, score + 0.01), review_band=0.05)
    dets = detect_faces(img, pol)
    assert dets and dets[0].score < pol.threshold
    out = face_stage(img, [], StageContext(policy=Policy(faces=pol)))
    assert out[0].action is Action.ANONYMISED and out[0].detail["uncertain"] is True


def test_small_photos_get_mirrored_and_stretched_passes() -> None:
    small = detector_passes(416, 416)
    assert small[0] == DetectorPass(2.0)
    assert DetectorPass(2.0, flip=True) in small
    assert any(p.stretch == faces.STRETCH and p.scale < 2.0 for p in small)
    assert DetectorPass(1.0) in small
    big = detector_passes(4000, 3000)
    assert not any(p.flip or p.stretch != 1.0 for p in big)
    assert [p.scale for p in big] == pyramid_scales(4000, 3000)


def test_mirrored_and_stretched_passes_map_back_to_the_picture() -> None:
    """The same face from a mirrored or a stretched pass lands in the same place,
    with the landmarks in the usual order (the eye on the image's left first)."""
    img = astronaut()
    plain, _ = faces.run_centerface(img, 1.0, 0.5)
    for kwargs in ({"flip": True}, {"stretch": 2.0}):
        boxes, marks = faces.run_centerface(img, 1.0 / (2.0 if "stretch" in kwargs else 1.0) ** 0.5, 0.5, **kwargs)
        assert len(boxes) >= 1, kwargs
        best = int(np.argmax(boxes[:, 4]))
        a, b = Box(*map(float, plain[int(np.argmax(plain[:, 4])), :4])), Box(*map(float, boxes[best, :4]))
        assert a.iou(b) > 0.6, (kwargs, a, b)
        assert marks[best, 0] < marks[best, 2]  # left eye before right eye
        assert marks[best, 6] < marks[best, 8]  # left mouth corner before right


def test_face_stage_alone_does_not_look_twice(monkeypatch: pytest.MonkeyPatch) -> None:
    calls: list[int] = []

    def fake(rgb: np.ndarray, policy: FacePolicy, passes: object = None) -> list[FaceDetection]:
        calls.append(1)
        return [FaceDetection(Box(60, 60, 110, 110), 0.9)]

    monkeypatch.setattr(faces, "detect_faces", fake)
    img = np.zeros((200, 200, 3), np.uint8)
    assert len(face_stage(img, [], _ctx())) == 1 and calls == [1]


def test_missing_model_is_a_clear_error(monkeypatch: pytest.MonkeyPatch, tmp_path) -> None:  # type: ignore[no-untyped-def]
    monkeypatch.setenv(models.MODELS_ENV, str(tmp_path))
    models.clear_cache()
    try:
        with pytest.raises(ModelError, match=str(tmp_path / "centerface.onnx")):
            detect_faces(astronaut(), FacePolicy())
        (tmp_path / "centerface.onnx").write_bytes(b"not a model")
        with pytest.raises(ModelError, match="damaged"):
            detect_faces(astronaut(), FacePolicy())
    finally:
        monkeypatch.delenv(models.MODELS_ENV)
        models.clear_cache()
    assert models.models_dir().joinpath("centerface.onnx").is_file()


def test_policy_rejects_bad_face_settings() -> None:
    from mediascrub.errors import ConfigError

    with pytest.raises(ConfigError, match="faces.review_min_size"):
        Policy(faces=dataclasses.replace(FacePolicy(), review_min_size=0))
    with pytest.raises(ConfigError, match="faces.review_band"):
        Policy(faces=FacePolicy(threshold=0.1, review_band=1.5))
    with pytest.raises(ConfigError, match="faces.check_threshold"):
        Policy(faces=FacePolicy(check_threshold=1.0))
    with pytest.raises(ConfigError, match="faces.edge_pad"):
        Policy(faces=FacePolicy(edge_pad=0.6))
    with pytest.raises(ConfigError, match="faces.edge_pad_fill"):
        Policy(faces=FacePolicy(edge_pad_fill="blue"))
    # a low --face-threshold must not trip over the default review band
    assert Policy(faces=FacePolicy(threshold=0.01)).faces.review_band == 0.02


def _hidden_share(img: np.ndarray, policy: Policy, box: tuple[int, int, int, int]) -> float:
    """Share of ``box``'s pixels that scrubbing ``img`` (every per-frame stage, text off) changes."""
    from mediascrub.pipeline import build_stages
    from mediascrub.policy import TextPolicy
    from mediascrub.stages.redact import redact_findings

    policy = dataclasses.replace(policy, text=TextPolicy(enabled=False))
    ctx = StageContext(policy=policy)
    findings: list[Finding] = []
    for stage in build_stages(policy).per_frame:
        findings = stage.run(img, findings, ctx)
    out, _ = redact_findings(img, findings, policy)
    x0, y0, x1, y1 = box
    diff = np.abs(out[y0:y1, x0:x1].astype(int) - img[y0:y1, x0:x1].astype(int)).max(axis=2)
    return float((diff > 12).mean())


@pytest.mark.slow
def test_face_cut_by_the_side_edge_is_hidden_with_edge_pad() -> None:
    """The astronaut cut by the right edge a quarter into her face (her eye and cheek left). On its
    own the detector scores what is left too low to hide it in a photo with no other face; run with
    the picture mirrored beyond its sides (``faces.edge_pad``), it sees a whole face there."""
    img = np.ascontiguousarray(astronaut()[:, :200])
    visible = (175, 54, 200, 180)  # the part of the face box (175-275 across) left in the picture
    base = Policy()
    padded = Policy(faces=dataclasses.replace(FacePolicy(), edge_pad=0.1, edge_pad_fill="mirror-sides"))
    before, after = _hidden_share(img, base, visible), _hidden_share(img, padded, visible)
    assert before < 0.3, before
    assert after > 0.6, after
    # boxes found beyond the edge are clipped to the picture
    for d in detect_faces(img, padded.faces):
        assert 0 <= d.box.x0 < d.box.x1 <= 200 and 0 <= d.box.y0 < d.box.y1 <= 512
