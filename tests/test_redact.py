"""Redaction: every face mode destroys identity (dlib's encoder no longer
matches), masks stay inside the enlarged box, edges are clipped, text fills
cover polygons with their margin, and no function mutates its input."""

from __future__ import annotations

import dataclasses
import math

import cv2
import numpy as np
import pytest
from _faces_util import TOLERANCE, astronaut, dlib_faces, identity_survives

from mediascrub.findings import Action, Box, Finding, Kind
from mediascrub.policy import FaceMode, FacePolicy, MaskShape, Policy, TextPolicy
from mediascrub.stages.redact import SHAPE_EXPONENT, anonymise_face, fill_region, redact_drawn, redact_findings, region_mask

# CenterFace's box for the astronaut (tests/test_faces.py checks the detector finds about this).
ASTRO_BOX = Box(175.1, 54.0, 274.9, 179.9)


def _changed(a: np.ndarray, b: np.ndarray) -> np.ndarray:
    return np.any(a != b, axis=2)


def _grey(a: np.ndarray) -> np.ndarray:
    return a.astype(np.float32) @ np.array([0.299, 0.587, 0.114], np.float32)


@pytest.fixture(scope="module")
def astro() -> np.ndarray:
    img = astronaut()
    img.setflags(write=False)  # any attempt to write into the input fails loudly
    return img


@pytest.fixture(scope="module")
def astro_rect(astro: np.ndarray):  # type: ignore[no-untyped-def]
    faces = [r for r in dlib_faces(astro) if r.left() < ASTRO_BOX.center[0] < r.right() and r.top() < ASTRO_BOX.center[1] < r.bottom()]
    assert faces, "dlib must find the astronaut's face in the original"
    return faces[0]


@pytest.mark.parametrize("mode", list(FaceMode))
@pytest.mark.parametrize("shape", list(MaskShape))
@pytest.mark.parametrize("large", [40, 0], ids=["photo-large-face-mask", "shape-as-set"])
def test_each_mode_destroys_identity(astro: np.ndarray, astro_rect, mode: FaceMode, shape: MaskShape, large: int) -> None:  # type: ignore[no-untyped-def]
    out = anonymise_face(astro, ASTRO_BOX, FacePolicy(mode=mode, mask_shape=shape, large_face_size=large))
    survives, dist, forced = identity_survives(astro, out, astro_rect)
    assert not survives, f"{mode.value}: dlib still matches the face (distance {dist})"
    # stronger: even forcing the encoder onto the original face rectangle gives another person
    assert forced > TOLERANCE, f"{mode.value}/{shape.value}: forced distance {forced:.3f}"


def test_plain_mosaic_would_keep_structure(astro: np.ndarray) -> None:
    """Why pixelate noises the region first: our mosaic's blocks do not follow the face."""
    import cv2

    pol = FacePolicy(mode=FaceMode.PIXELATE, mask_shape=MaskShape.RECT)
    out = anonymise_face(astro, ASTRO_BOX, pol)
    x0, y0, x1, y1 = ASTRO_BOX.scaled(pol.mask_scale).int_bounds()
    orig = _grey(astro[y0:y1, x0:x1])
    ours = _grey(out[y0:y1, x0:x1])
    plain = cv2.resize(cv2.resize(orig, (8, 8), interpolation=cv2.INTER_AREA), orig.shape[::-1], interpolation=cv2.INTER_NEAREST)
    corr_plain = np.corrcoef(orig.ravel(), plain.ravel())[0, 1]
    corr_ours = np.corrcoef(orig.ravel(), ours.ravel())[0, 1]
    assert corr_plain > 0.6 and abs(corr_ours) < 0.3


@pytest.mark.parametrize("mode", list(FaceMode))
def test_mask_stays_inside_enlarged_box(astro: np.ndarray, mode: FaceMode) -> None:
    for shape in MaskShape:
        pol = FacePolicy(mode=mode, mask_shape=shape, mask_scale=1.4, large_face_size=0)
        out = anonymise_face(astro, ASTRO_BOX, pol)
        ch = _changed(astro, out)
        x0, y0, x1, y1 = ASTRO_BOX.scaled(1.4).int_bounds()
        outside = ch.copy()
        outside[y0:y1, x0:x1] = False
        assert not outside.any()
        inside = ch[y0:y1, x0:x1]
        if shape is MaskShape.ELLIPSE:
            for cy, cx in ((0, 0), (0, -1), (-1, 0), (-1, -1)):  # the corners are not in the ellipse
                assert not inside[cy, cx]
            # the detector box's corners are (just) covered by an ellipse of a 1.4x box
            assert inside.mean() > 0.7
        else:
            assert inside.mean() > 0.9


def test_a_large_face_gets_the_rounded_mask_the_size_of_its_box_and_a_small_one_the_ellipse(astro: np.ndarray) -> None:
    """From large_face_size px (40) a face's mask is the rounded rectangle of its detector box (1.0x): nothing
    changes outside the box and nearly all of it changes. Below, the 1.2x ellipse: pixels change outside the box."""
    pol = FacePolicy()
    assert pol.large_face_size == 40 and pol.mask_shape is MaskShape.ELLIPSE and pol.mask_scale == 1.2
    ch = _changed(astro, anonymise_face(astro, ASTRO_BOX, pol))
    x0, y0, x1, y1 = ASTRO_BOX.int_bounds()
    inside = ch[y0:y1, x0:x1]
    assert inside.mean() > 0.9 and not inside[0, 0] and not inside[-1, -1]  # the very corners stay
    outside = ch.copy()
    outside[y0:y1, x0:x1] = False
    assert not outside.any()
    small = Box(100, 300, 130, 338)  # 38 px: below large_face_size
    ch = _changed(astro, anonymise_face(astro, small, pol))
    sx0, sy0, sx1, sy1 = small.int_bounds()
    beyond = ch.copy()
    beyond[sy0:sy1, sx0:sx1] = False
    assert beyond.any() and not ch[sy0, sx0]  # the ellipse reaches past the box's sides, not into its corners
    # a clip keeps the ellipse at every size (large_face_size = 0): pixels change beyond the box
    ch = _changed(astro, anonymise_face(astro, ASTRO_BOX, dataclasses.replace(pol, large_face_size=0)))
    outside = ch.copy()
    outside[y0:y1, x0:x1] = False
    assert outside.any()


def test_ellipse_covers_detector_box_from_sqrt2() -> None:
    """From a mask scale of about 1.42 the ellipse covers the whole detector box
    (the default, 1.2, hides less background and leaves the box's corners)."""
    box = Box(100, 100, 160, 180)
    full = box.scaled(1.42)
    bounds = tuple(int(v) for v in full.int_bounds())
    mask = region_mask(full, bounds, MaskShape.ELLIPSE)  # type: ignore[arg-type]
    x0, y0 = bounds[0], bounds[1]
    inner = mask[100 + 2 - y0 : 180 - 2 - y0, 100 + 2 - x0 : 160 - 2 - x0]
    assert inner.all()


def test_rounded_mask_covers_the_detector_box_but_its_corners() -> None:
    """The rounded mask (a rounded rectangle) the size of the detector box hides
    at least 90% of the box, nothing outside it, and leaves the very corners."""
    pol = FacePolicy(mask_shape=MaskShape.ROUNDED, mask_scale=1.0)
    img = np.random.default_rng(3).integers(0, 256, (240, 320, 3), dtype=np.uint8)
    box = Box(100, 60, 180, 160)
    ch = _changed(img, anonymise_face(img, box, pol))
    inside = ch[60:160, 100:180]
    assert inside.mean() > 0.9
    assert not ch[:60].any() and not ch[160:].any() and not ch[:, :100].any() and not ch[:, 180:].any()
    assert not inside[0, 0] and not inside[-1, -1] and inside[0, 40] and inside[50, 0]


def test_small_faces_get_a_wider_mask() -> None:
    """Under SMALL_FACE px a box is enlarged at least SMALL_MASK_SCALE times (the
    detector misses a small face by more of its size); bigger ones by mask_scale."""
    from mediascrub.stages.redact import SMALL_FACE, SMALL_MASK_SCALE, mask_box

    pol = FacePolicy(mask_shape=MaskShape.ROUNDED, mask_scale=1.0)
    small, big = Box(10, 10, 10 + SMALL_FACE - 4, 10 + SMALL_FACE - 2), Box(10, 10, 50, 60)
    assert mask_box(small, pol) == small.scaled(SMALL_MASK_SCALE)
    assert mask_box(big, pol) == big.scaled(pol.mask_scale)
    wide = dataclasses.replace(pol, mask_scale=1.4)
    assert mask_box(small, wide) == small.scaled(1.4)
    img = np.random.default_rng(4).integers(0, 256, (60, 60, 3), dtype=np.uint8)
    ch = _changed(img, anonymise_face(img, small, pol))
    assert ch[10:32, 9].any() and ch[9, 10:30].any()  # beyond the detector's box


@pytest.mark.parametrize("shape", [MaskShape.ROUNDED, MaskShape.ELLIPSE])
def test_fully_changed_box_lies_inside_the_shape(astro: np.ndarray, shape: MaskShape) -> None:
    """The box redact_findings reports (checked after encoding) is wholly replaced."""
    f = Finding(kind=Kind.FACE, label="face", action=Action.ANONYMISED, box=ASTRO_BOX)
    out, boxes = redact_findings(astro, [f], Policy(faces=FacePolicy(mask_shape=shape)))
    x0, y0, x1, y1 = boxes[0]
    inscribed = 0.5 ** (2 / SHAPE_EXPONENT[shape]) * ASTRO_BOX.area  # 71% of the box rounded, 50% for the ellipse
    assert (x1 - x0) * (y1 - y0) > 0.9 * inscribed
    assert _changed(astro, out)[y0:y1, x0:x1].mean() > 0.97


def test_mosaic_cells_keep_away_from_the_faces_brightness() -> None:
    """A smooth face (skin near its mean) changes under every cell of the mosaic:
    no cell lands within reach of the mean (redact.NOISE_FLOOR), so nearly all of
    its pixels move by more than 12 grey levels."""
    from mediascrub.stages.redact import LUMA_STEP, NOISE_FLOOR

    yy, xx = np.mgrid[0:200, 0:200].astype(np.float32)
    skin = np.stack([150 + 10 * np.sin(xx / 9), 120 + 8 * np.cos(yy / 7), 100 + 0 * xx], axis=2).astype(np.uint8)
    box = Box(20, 20, 180, 180)
    for seed_box in (box, Box(21, 20, 181, 180), Box(20, 22, 180, 182)):  # other boxes, other noise
        out = anonymise_face(skin, seed_box, FacePolicy(mode=FaceMode.PIXELATE, mask_shape=MaskShape.RECT))
        x0, y0, x1, y1 = seed_box.int_bounds()
        mean = float(_grey(skin[y0:y1, x0:x1]).mean())
        away = np.abs(_grey(out[y0:y1, x0:x1]) - mean)
        # the floor, less half a level step (snapping) and the colour noise's share of brightness
        assert away.min() > 12 and np.median(away) >= NOISE_FLOOR - LUMA_STEP / 2
        moved = np.abs(_grey(out[y0:y1, x0:x1]) - _grey(skin[y0:y1, x0:x1])) > 12
        assert moved.mean() > 0.95


@pytest.mark.parametrize("level", [40, 52, 60, 240])
def test_a_dark_or_bright_face_changes_under_every_cell(level: int) -> None:
    """Near the ends of the brightness levels (a face in a dim room, a blown-out one) the mosaic's cells
    do not pile up on the last level beside the face: a cell that would go beyond it goes to the other
    side of the mean, so the face's pixels still move by more than 12 grey levels nearly everywhere
    (before: about half of them at 52-60, where every darker cell landed on level 48)."""
    yy, xx = np.mgrid[0:200, 0:200].astype(np.float32)
    skin = np.clip(np.stack([level + 6 * np.sin(xx / 9), level - 4 + 5 * np.cos(yy / 7), level - 8 + 0 * xx], axis=2), 0, 255)
    skin = skin.astype(np.uint8)
    for seed_box in (Box(20, 20, 180, 180), Box(21, 20, 181, 180), Box(20, 22, 180, 182), Box(24, 20, 184, 180)):
        out = anonymise_face(skin, seed_box, FacePolicy(mode=FaceMode.PIXELATE, mask_shape=MaskShape.RECT))
        x0, y0, x1, y1 = seed_box.int_bounds()
        moved = np.abs(_grey(out[y0:y1, x0:x1]) - _grey(skin[y0:y1, x0:x1])) > 12
        assert moved.mean() > 0.95, f"level {level}, box {seed_box}: {moved.mean():.2f} of the pixels moved"


@pytest.mark.parametrize("mode", list(FaceMode))
def test_box_at_edges_is_clipped(mode: FaceMode) -> None:
    rng = np.random.default_rng(1)
    img = rng.integers(0, 256, (120, 160, 3), dtype=np.uint8)
    for box in (Box(-30, -20, 40, 50), Box(130, 90, 200, 160), Box(-500, -500, -400, -400)):
        out = anonymise_face(img, box, FacePolicy(mode=mode))
        assert out.shape == img.shape and out.dtype == np.uint8
        ch = _changed(img, out)
        if box.x1 < 0:
            assert not ch.any()
            continue
        x0, y0, x1, y1 = box.scaled(1.4).clipped(160, 120).int_bounds()
        outside = ch.copy()
        outside[y0:y1, x0:x1] = False
        assert not outside.any() and ch.any()


@pytest.mark.parametrize("mode", list(FaceMode))
def test_deterministic_and_input_untouched(astro: np.ndarray, mode: FaceMode) -> None:
    before = astro.copy()
    a = anonymise_face(astro, ASTRO_BOX, FacePolicy(mode=mode))
    b = anonymise_face(astro, ASTRO_BOX, FacePolicy(mode=mode))
    assert np.array_equal(a, b)
    assert np.array_equal(astro, before)
    assert a is not astro


@pytest.mark.parametrize("mode", list(FaceMode))
def test_changed_boxes_really_differ_even_on_a_dull_face(astro: np.ndarray, mode: FaceMode) -> None:
    """The pipeline re-checks every returned box (mean grey change >= 10); a low-contrast face must pass."""
    dull = (astro.astype(np.float32) * 0.25 + 90).astype(np.uint8)
    f = Finding(kind=Kind.FACE, label="face", action=Action.ANONYMISED, box=ASTRO_BOX)
    out, boxes = redact_findings(dull, [f], Policy(faces=FacePolicy(mode=mode)))
    assert len(boxes) == 1
    x0, y0, x1, y1 = boxes[0]
    diff = np.abs(_grey(dull[y0:y1, x0:x1]) - _grey(out[y0:y1, x0:x1]))
    assert diff.mean() >= 10, f"{mode.value}: mean change {diff.mean():.1f}"
    assert _changed(dull, out)[y0:y1, x0:x1].mean() > 0.8


def test_fill_region_box_with_margin() -> None:
    img = np.full((100, 100, 3), 30, np.uint8)
    out = fill_region(img, Box(40, 40, 60, 50), margin=5)
    ch = _changed(img, out)
    ys, xs = np.nonzero(ch)
    assert (xs.min(), ys.min(), xs.max(), ys.max()) == (35, 35, 64, 54)
    assert (out[ch] == 255).all()  # dark background: filled white
    assert (img == 30).all()
    bright = np.full((50, 50, 3), 220, np.uint8)
    assert (fill_region(bright, Box(0, 0, 10, 10))[:10, :10] == 0).all()


def test_fill_region_rotated_polygon() -> None:
    img = np.full((200, 200, 3), 200, np.uint8)
    c, a = (100.0, 100.0), math.radians(30)
    half_w, half_h = 60.0, 10.0
    pts = []
    for sx, sy in ((-1, -1), (1, -1), (1, 1), (-1, 1)):
        dx, dy = sx * half_w, sy * half_h
        pts.append([c[0] + dx * math.cos(a) - dy * math.sin(a), c[1] + dx * math.sin(a) + dy * math.cos(a)])
    out = fill_region(img, pts, margin=3)
    ch = _changed(img, out)
    assert ch[100, 100] and ch[int(100 + 50 * math.sin(a)), int(100 + 50 * math.cos(a))]
    # a point 13 px off the long side's middle: outside the polygon + margin
    assert not ch[int(100 + 13 * math.cos(a)) + 2, int(100 - 13 * math.sin(a)) - 2]
    assert not ch[0, 0] and not ch[199, 0]
    # filled area is about the polygon area grown by the margin
    expected = (2 * half_w + 6) * (2 * half_h + 6)
    assert 0.85 * expected < ch.sum() < 1.15 * expected
    with pytest.raises(ValueError):
        fill_region(img, [[0, 0], [1, 1]])


def test_redact_findings_applies_only_hiding_actions(astro: np.ndarray) -> None:
    before = astro.copy()
    findings = [
        Finding(kind=Kind.METADATA, label="GPS", action=Action.REMOVED),
        Finding(kind=Kind.FACE, label="face", action=Action.ANONYMISED, box=ASTRO_BOX),
        Finding(kind=Kind.FACE, label="face", action=Action.VISIBLE, box=Box(10, 300, 60, 360)),
        Finding(kind=Kind.FACE, label="face", action=Action.REVIEW, box=Box(400, 400, 440, 440)),
        Finding(kind=Kind.TEXT, label="address", action=Action.REDACTED, box=Box(300, 20, 400, 40)),
        Finding(
            kind=Kind.TEXT,
            label="address",
            action=Action.REDACTED,
            box=Box(0, 0, 1, 1),
            detail={"polygon": [[20, 460], [120, 450], [122, 470], [22, 480]]},
        ),
        Finding(kind=Kind.TEXT, label="text", action=Action.KEPT, box=Box(300, 200, 400, 220)),
    ]
    pol = Policy(text=TextPolicy(margin=0.5))
    out, boxes = redact_findings(astro, findings, pol)
    assert np.array_equal(astro, before)
    ch = _changed(astro, out)
    assert len(boxes) == 4
    assert ch[117, 225] and ch[420, 420]  # anonymised and review faces
    assert not ch[300:360, 10:60].any() and not ch[200:220, 300:400].any()  # visible face, kept text
    assert ch[30, 350] and ch[15, 350]  # text box + half-height margin (10 px)
    assert ch[465, 70] and not ch[1, 1]  # polygon used rather than the box
    for x0, y0, x1, y1 in boxes:
        assert 0 <= x0 < x1 <= 512 and 0 <= y0 < y1 <= 512
        assert ch[y0:y1, x0:x1].mean() > 0.5


def test_no_findings_leaves_the_image_alone(astro: np.ndarray) -> None:
    out, boxes = redact_findings(astro, [], Policy())
    assert boxes == [] and np.array_equal(out, astro) and out is not astro


@pytest.mark.parametrize("mode", list(FaceMode))
def test_small_patches_always_change_enough_for_the_output_check(mode: FaceMode) -> None:
    """Tiny patches have few noise cells; by chance they can land on the face's own
    tones. The region whose every pixel is replaced must still change by
    MIN_CHANGE grey levels on average (the output check fails closed below 10)."""
    from mediascrub.stages.redact import MIN_CHANGE, luma

    rng = np.random.default_rng(5)
    img = cv2.GaussianBlur(rng.integers(40, 220, (240, 320, 3), dtype=np.uint8), (0, 0), 3)
    policy = dataclasses.replace(FacePolicy(), mode=mode)
    for _ in range(300):
        x, y, s = rng.uniform(0, 300), rng.uniform(0, 220), rng.uniform(3, 14)
        out, changed = redact_findings(img, [Finding(kind=Kind.FACE, label="face", action=Action.ANONYMISED, box=Box(x, y, x + s, y + s))],
                                       Policy(faces=policy))
        for x0, y0, x1, y1 in changed:
            diff = np.abs(luma(out[y0:y1, x0:x1]) - luma(img[y0:y1, x0:x1])).mean()
            assert diff >= MIN_CHANGE - 1.0, (x0, y0, x1, y1, diff)


def test_a_box_over_one_already_hidden_still_differs_from_the_original() -> None:
    """FILL moves the colour 80 levels away from what is under the box. Taken from
    a patch already drawn there (a second look's box beside a patch), that lands
    back near the face's own colour; so each box is made from the original."""
    from mediascrub.stages.redact import luma

    rgb = np.full((120, 120, 3), 100, np.uint8)
    policy = Policy()
    policy = dataclasses.replace(policy, faces=dataclasses.replace(policy.faces, mode=FaceMode.FILL))
    first = Finding(kind=Kind.FACE, label="face", action=Action.ANONYMISED, reason="r", box=Box(40, 40, 80, 80), score=0.9)
    second = dataclasses.replace(first, box=Box(44, 44, 76, 84))
    out, _ = redact_findings(rgb, [first, second], policy)
    assert abs(float(luma(out[60:70, 55:65]).mean()) - 100) >= 24


def _random_findings(rng: np.random.Generator, w: int, h: int, n: int) -> list[Finding]:
    """Faces of 3-150 px anywhere (many overlapping, many over the picture's edges, some wholly
    outside it), a crowd of same-size faces (the batched mosaic's groups), a few REGIONs a person
    drew, and text fills in between (drawn in order with the patches)."""
    out = []
    for _ in range(n):
        s = float(rng.uniform(3, 150))
        x, y = float(rng.uniform(-60, w + 10)), float(rng.uniform(-60, h + 10))
        box = Box(x, y, x + s, y + s * float(rng.uniform(0.6, 1.5)))
        r = rng.random()
        if r < 0.06:
            out.append(Finding(kind=Kind.REGION, label="region", action=Action.ANONYMISED, box=box,
                               detail={"shape": "ellipse"} if rng.random() < 0.5 else {}))
        elif r < 0.12:
            out.append(Finding(kind=Kind.TEXT, label="text", action=Action.REDACTED, box=box))
        else:
            out.append(Finding(kind=Kind.FACE, label="face", action=Action.ANONYMISED if r < 0.9 else Action.REVIEW, box=box))
    for _ in range(n // 2):  # a crowd: same-size faces, overlapping in rows
        x, y = float(rng.uniform(0, w - 20)), float(rng.uniform(0, h - 24))
        out.append(Finding(kind=Kind.FACE, label="face", action=Action.ANONYMISED, box=Box(x, y, x + 18.3, y + 22.7)))
    return out


@pytest.mark.parametrize("mode", list(FaceMode))
@pytest.mark.parametrize("clip", [False, True], ids=["photo", "clip"])
def test_the_batched_patches_are_the_patch_by_patch_ones_pixel_for_pixel(mode: FaceMode, clip: bool,
                                                                         astro: np.ndarray) -> None:
    """redact_drawn makes every mosaic's cells in one pass per grid shape; the picture and what it
    reports drawn must be exactly those of drawing the patches one by one (the old path), on dark,
    bright, flat and busy pictures, photos (large faces' rounded mask, a copy) and clip frames
    (the ellipse at every size, drawn in place)."""
    rng = np.random.default_rng(2312 + 7 * list(FaceMode).index(mode) + clip)
    faces = dataclasses.replace(FacePolicy(), mode=mode, large_face_size=0 if clip else FacePolicy().large_face_size)
    policy = dataclasses.replace(Policy(), faces=faces)
    h, w = 240, 320
    noise = rng.integers(0, 256, (h, w, 3), dtype=np.uint8)
    pictures = {
        "busy": noise, "dark": noise // 6, "bright": 255 - noise // 8,
        "flat": np.broadcast_to(rng.integers(0, 256, 3, dtype=np.uint8), (h, w, 3)).copy(),
        "photo": np.ascontiguousarray(astro[:h, 100:100 + w]),
        "black": np.zeros((h, w, 3), np.uint8), "white": np.full((h, w, 3), 255, np.uint8),
    }
    for name, picture in pictures.items():
        findings = _random_findings(rng, w, h, 40)
        old, old_drawn = redact_drawn(picture.copy(), findings, policy, in_place=clip, batched=False)
        new, new_drawn = redact_drawn(picture.copy(), findings, policy, in_place=clip)
        assert new_drawn == old_drawn, name
        assert np.array_equal(new, old), (name, int(np.count_nonzero(np.any(new != old, axis=2))))
        assert np.count_nonzero(np.any(new != picture, axis=2)) > 0.2 * h * w, name  # the patches were drawn


def test_the_batched_snap_stops_each_grid_on_its_own() -> None:
    """snap_luma stops when its own grid's colours are all on the levels; in a stack, one grid that
    needs more rounds must not give the others more rounds than alone (that moves their pixels)."""
    from mediascrub.stages.redact import _snap_luma_each, snap_luma

    rng = np.random.default_rng(7)
    grids = np.concatenate([rng.uniform(0, 255, (40, 5, 6, 3)),  # most stop at once
                            rng.choice([0.0, 4.0, 250.0, 255.0], (40, 5, 6, 3))])  # near black and white: more rounds
    together = _snap_luma_each(grids)
    for g, t in zip(grids, together, strict=True):
        assert np.array_equal(t, snap_luma(g))


def _text_line(action: Action, polygon: list[list[float]], plain: bool = False) -> Finding:
    detail: dict[str, object] = {"polygon": polygon}
    if plain:
        detail["plain_words"] = True
    xs, ys = [p[0] for p in polygon], [p[1] for p in polygon]
    return Finding(kind=Kind.TEXT, label="text", action=action, box=Box(min(xs), min(ys), max(xs), max(ys)), detail=detail)


@pytest.mark.parametrize("kept_line, plain, gives_way", [
    ("below", True, True),  # a plain kept line (Parents arrive 10 min before) under the hidden one: its words stay
    ("below", False, False),  # a kept line that could name someone (Robin: duty desk): the fill goes over it as before
    ("same", True, False),  # the same words read twice (two scales): the hidden reading is hidden whole
])
def test_a_hidden_lines_fill_gives_way_to_a_plain_kept_line_it_overlaps(kept_line: str, plain: bool, gives_way: bool) -> None:
    """On a tight or tilted sign the reader's polygons of neighbouring lines overlap: the hidden line's fill
    (and its margin) covered the top of the kept line under it. It now stops where the kept line's middle is
    nearer than its own; its own letters stay covered."""
    img = np.full((160, 400, 3), 200, np.uint8)
    hidden = [[20.0, 40.0], [380.0, 40.0], [380.0, 70.0], [20.0, 70.0]]  # middle at y=55, 15 px half-height
    other = [[20.0, 62.0], [380.0, 62.0], [380.0, 92.0], [20.0, 92.0]] if kept_line == "below" else hidden  # middle at y=77
    out, _ = redact_findings(img, [_text_line(Action.REDACTED, hidden), _text_line(Action.KEPT, other, plain)], Policy())
    ch = _changed(img, out)
    assert ch[42:64, 30:370].all()  # the hidden line's own letters, and the overlap nearer its middle
    assert ch[68:73, 30:370].any() != gives_way  # the overlap nearer the kept line's middle
    assert not ch[80:92, 30:370].any()  # the kept line's own middle and below: never the hidden line's polygon


def test_a_parts_fill_gives_way_to_the_plain_words_beside_it_on_its_line() -> None:
    """A part of a line (``Dr Cheung``) is widened by half a character on its cut side and grown by the margin:
    it covered much of a short word beside it (``is``, ``on``, ``3``). It now stops halfway to the plain words the
    text stage lists beside it (``detail["plain_beside"]``); without them it is drawn as before."""
    img = np.full((120, 420, 3), 200, np.uint8)
    part = [[20.0, 40.0], [200.0, 40.0], [200.0, 70.0], [20.0, 70.0]]  # its middle ends at x=185
    beside = [[190.0, 40.0], [380.0, 40.0], [380.0, 70.0], [190.0, 70.0]]  # ... the words beside start at x=205
    for listed in (True, False):
        f = _text_line(Action.REDACTED, part)
        if listed:
            f.detail["plain_beside"] = [beside]
        ch = _changed(img, redact_findings(img, [f], Policy())[0])
        assert ch[45:66, 25:193].all()  # the part's words, and the gap up to halfway
        assert ch[45:66, 198:203].any() != listed
