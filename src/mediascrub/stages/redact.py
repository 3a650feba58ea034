"""Pure pixel functions that hide faces and text. None of them mutates its input.

Anonymisation must not be undoable: a plain mosaic or a moderate blur of a
face keeps its structure (block means are a tiny portrait; a measured 6x6
mosaic left about 1 face in 6 recognisable), and a blur can be partly inverted.
So every face mode throws the face away before it draws anything: PIXELATE
is a mosaic of the region's mean colour plus random noise per cell, BLUR is
coarse noise around the mean colour blurred into smooth blobs, FILL is one flat
colour (the mean, moved clearly away from it so the change is measurable). What
survives is the region's average colour. The noise is seeded from the box, so
the same input gives the same output (batch resume, tests). Its brightness
never lands near the mean (:data:`NOISE_FLOOR`): a cell close to the mean left
the skin under it within a few grey levels of what it was, so a patch of
plain noise changed as little as half of a small face's pixels.

Every replaced pixel's brightness (luma, ITU-R BT.601 weights, what JPEG
keeps best) is moved to one of a few fixed levels (:data:`LUMA_LEVELS`, 32
apart). That is mediascrub's signature: it survives JPEG at the output
quality, no natural picture has it, and ``check`` uses it
(:mod:`mediascrub.stages.own_patches`) to tell its own patches from a face
that was missed. The levels start at 48 and stop at 240 so that shadows and
blown highlights (a real face in the dark) are not mistaken for a patch.
"""

from __future__ import annotations

import dataclasses
import math
import zlib
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

import cv2
import numpy as np

from ..findings import Action, Box, Finding, Kind
from ..policy import FaceMode, FacePolicy, MaskShape, Policy

IntBox = tuple[int, int, int, int]

#: Mosaic cells across the longer side of the (enlarged) face region...
MOSAIC_CELLS = 8
#: ...each at least this many px across: H.264 (4:2:0, 4x4 and 8x8 transforms) smears smaller
#: cells together and their pixels off mediascrub's luma levels, so a small patch in a clip would
#: no longer be recognisable as mediascrub's (check, the output check).
MIN_CELL = 4
#: Noise amplitude (grey levels, standard deviation) added to the mean colour.
NOISE_SIGMA = 40.0
#: Each cell's brightness noise is at least this far from the mean (grey
#: levels; a draw nearer is pushed out to it, keeping its sign): the face's
#: skin, near the mean, changes under every cell. Measured on the even (tuning)
#: half of the WIDER sample (benchmarks/bench_faces.py's rule: at least 60% of
#: a face's pixels changed by more than 12 grey levels, or SSIM under 0.6):
#: faces of 20 px or more hidden but within reach of that line (under 60%
#: changed, SSIM under 0.7) went from 54 to 33, and a mask the size of the
#: detector box protected as many faces as the 1.2x ellipse did without it
#: (330 of 335, under three noise seeds; without the floor 328-329).
NOISE_FLOOR = 48.0
#: BLUR: noise cells across the region before blurring (fewer: larger, softer blobs).
BLUR_CELLS = 5
#: FILL: how far (grey levels) the flat colour is moved from the region's mean.
FILL_SHIFT = 80.0
#: Smallest mean brightness change (grey levels) an anonymised region must show;
#: the output check (publish.MIN_REDACTION_CHANGE) wants 10 after JPEG.
MIN_CHANGE = 24.0
#: The brightness levels every anonymised pixel is moved to (see the module docstring).
LUMA_STEP = 32
LUMA_LEVELS = tuple(range(48, 241, LUMA_STEP))
_LUMA = np.array([0.299, 0.587, 0.114], np.float32)


def luma(rgb: np.ndarray) -> np.ndarray:
    """Brightness (BT.601 luma) of each pixel, float32."""
    return np.asarray(rgb[..., :3], np.float32) @ _LUMA


def snap_luma(pixels: np.ndarray) -> np.ndarray:
    """``pixels`` (float or uint8 RGB) as uint8 with each pixel's luma moved to
    the nearest of LUMA_LEVELS by adding the same amount to R, G and B (the
    colour's hue is kept; near-black and near-white colours get greyer)."""
    px = np.asarray(pixels, np.float32)
    y = luma(px)
    lo, hi = LUMA_LEVELS[0], LUMA_LEVELS[-1]
    target = np.clip(np.round((y - lo) / LUMA_STEP) * LUMA_STEP + lo, lo, hi)
    out = px + (target - y)[..., None]
    # Clipping a channel at 0 or 255 moves the luma again: pull the colour towards grey until it fits.
    for _ in range(4):
        clipped = np.clip(out, 0, 255)
        err = target - luma(np.round(clipped))
        if float(np.abs(err).max(initial=0.0)) <= 1.0:
            break
        grey = target[..., None]
        out = np.where((np.abs(err) > 1.0)[..., None], (clipped + grey) / 2.0, clipped)
        out = out + (target - luma(out))[..., None]
    return np.clip(np.round(out), 0, 255).astype(np.uint8)


#: A detector box smaller than this (longer side, px) is enlarged at least
#: SMALL_MASK_SCALE times: the detector's boxes miss a small face by more of its
#: size (its width over the annotated face's: 0.81-1.23 for 10 in 12 faces under
#: 20 px, 0.90-1.15 from 40 px), and a pixel more each way is much of a small face.
#: On the even (tuning) half of the WIDER sample, boxes shifted at random by 8% of
#: their size: 330.3 of 335 faces protected on average against 329.5 with 1.0x
#: everywhere, at 3.1% of non-face pixels changed instead of 2.8% (1.05x
#: everywhere: 330.3 at 3.2%).
SMALL_FACE = 24
SMALL_MASK_SCALE = 1.1


def mask_box(box: Box, policy: FacePolicy) -> Box:
    """The box whose inscribed ``policy.mask_shape`` is replaced for a face
    detected at ``box``: ``box`` enlarged ``policy.mask_scale`` times around its
    centre (at least SMALL_MASK_SCALE times when smaller than SMALL_FACE px),
    not clipped to the image."""
    scale = policy.mask_scale if box.size >= SMALL_FACE else max(policy.mask_scale, SMALL_MASK_SCALE)
    return box.scaled(scale)


def _int_bounds(box: Box, width: int, height: int) -> IntBox | None:
    x0, y0, x1, y1 = box.int_bounds()
    x0, y0 = max(0, x0), max(0, y0)
    x1, y1 = min(width, x1), min(height, y1)
    if x1 <= x0 or y1 <= y0:
        return None
    return x0, y0, x1, y1


#: Exponent of each mask shape's curve |x|^n + |y|^n <= 1 inside its box
#: (RECT: the whole box). ROUNDED covers 93% of its box, cutting only the very
#: corners (where a face's box holds background); the ellipse covers 79%.
SHAPE_EXPONENT = {MaskShape.ROUNDED: 4.0, MaskShape.ELLIPSE: 2.0}


def region_mask(full: Box, bounds: IntBox, shape: MaskShape) -> np.ndarray:
    """Boolean mask over the pixels of ``bounds`` (x0, y0, x1, y1).

    ``full`` is the enlarged box before clipping: the shape inscribed in it is
    cut off at the image edge rather than shrunk to fit. A pixel is inside when
    its centre is. An ellipse hides about 21% less than a rectangle and,
    inscribed in a box enlarged 1.42x or more, still covers the corners of the
    detector's box; the rounded rectangle (the default) covers the detector's
    box but for its corners at 1.0x.
    """
    x0, y0, x1, y1 = bounds
    if shape is MaskShape.RECT:
        return np.ones((y1 - y0, x1 - x0), dtype=bool)
    n = SHAPE_EXPONENT[shape]
    cx, cy = full.center
    rx, ry = max(full.width / 2.0, 0.5), max(full.height / 2.0, 0.5)
    ys = np.abs((np.arange(y0, y1, dtype=np.float32) + 0.5 - cy) / ry)
    xs = np.abs((np.arange(x0, x1, dtype=np.float32) + 0.5 - cx) / rx)
    inside: np.ndarray = xs[None, :] ** n + ys[:, None] ** n <= 1.0
    if not inside.any():  # a sliver at the edge: hide it all
        inside[:] = True
    return inside


def _rng(bounds: IntBox) -> np.random.Generator:
    return np.random.default_rng(zlib.crc32(repr(bounds).encode()))


def _noise_blocks(crop: np.ndarray, rng: np.random.Generator, cell: int) -> np.ndarray:
    """One colour per ``cell`` x ``cell`` block of the crop: its mean colour plus random noise (float).
    The brightness noise of each block is at least NOISE_FLOOR away from the mean, on the other side
    of it where the levels end first (see _away_from_the_ends)."""
    h, w = crop.shape[:2]
    mean = crop.reshape(-1, 3).mean(axis=0)
    gh, gw = math.ceil(h / cell), math.ceil(w / cell)
    bright = rng.normal(0.0, NOISE_SIGMA, size=(gh, gw, 1))
    bright = _away_from_the_ends(np.where(bright < 0, -1.0, 1.0) * np.maximum(np.abs(bright), NOISE_FLOOR),
                                 float(luma(mean)))
    noise = bright + rng.normal(0.0, NOISE_SIGMA / 4, size=(gh, gw, 3))
    return np.clip(mean[None, None, :] + noise, 0, 255)


def _away_from_the_ends(bright: np.ndarray, mean: float) -> np.ndarray:
    """Brightness noise around a crop's mean luma ``mean``, each draw that would fall below the lowest
    of LUMA_LEVELS (or above the highest) put on the other side of the mean instead, one NOISE_FLOOR
    further out than it was (the cells keep two brightnesses at least: a mosaic, not a flat patch,
    and still mediascrub's texture for ``check``). Snapping stops at the ends: in a dark crop (mean
    40, a face in a dim room) every darker draw landed on the lowest level, 48, a few grey levels
    from the face, so half of a mosaic's cells left the face under them unchanged (measured: 46-80%
    of a smooth face's pixels changed by more than 12 grey levels at a mean of 40-60, 40-60% at 240,
    all of them at 80-225). Only the crop's mean decides, never the pixels under a cell, so the
    cells still say nothing about the face."""
    lo, hi = LUMA_LEVELS[0], LUMA_LEVELS[-1]
    beyond = (mean + bright < lo) | (mean + bright > hi)
    return np.where(beyond, -bright - np.sign(bright) * NOISE_FLOOR, bright)


def _blown_up(blocks: np.ndarray, cell: int, h: int, w: int) -> np.ndarray:
    return np.repeat(np.repeat(blocks, cell, axis=0), cell, axis=1)[:h, :w]


def _noised(crop: np.ndarray, rng: np.random.Generator, cell: int) -> np.ndarray:
    """The crop's mean colour plus random noise in ``cell`` x ``cell`` blocks: no trace of the face."""
    return _blown_up(_noise_blocks(crop, rng, cell), cell, crop.shape[0], crop.shape[1])


def _anonymised_pixels(crop: np.ndarray, mode: FaceMode, rng: np.random.Generator) -> np.ndarray:
    """Replacement pixels for the crop (same shape, uint8), identity destroyed in every mode."""
    h, w = crop.shape[:2]
    side = max(h, w)
    if mode is FaceMode.FILL:
        # The mean colour pushed FILL_SHIFT levels away from the region's brightness:
        # a flat patch in the picture's tones that always differs clearly from the face.
        mean = crop.reshape(-1, 3).mean(axis=0)
        shift = -FILL_SHIFT if float(mean.mean()) >= 128 else FILL_SHIFT
        colour = snap_luma(np.clip(mean + shift, 0, 255)[None, :])[0]
        return np.broadcast_to(colour, crop.shape).copy()
    if mode is FaceMode.PIXELATE:
        cell = max(MIN_CELL, math.ceil(side / MOSAIC_CELLS))
        # Each block's colour moved to the levels, then blown up: the same pixels as moving each pixel
        # (snap_luma works pixel by pixel, and every block keeps at least one pixel), for 1/cell^2 of the work.
        return _blown_up(snap_luma(_noise_blocks(crop, rng, cell)), cell, h, w)
    # BLUR: coarse noise over the mean colour, blurred until it is smooth blobs
    # (moved to the luma levels, the blobs show bands of brightness).
    noisy = _noised(crop, rng, max(1, math.ceil(side / BLUR_CELLS)))
    sigma = max(1.0, side / (2.0 * BLUR_CELLS))
    return snap_luma(np.clip(cv2.GaussianBlur(noisy.astype(np.float32), (0, 0), sigma), 0, 255))


def face_mask_policy(box: Box, policy: FacePolicy) -> FacePolicy:
    """The mask settings for a face detected at ``box``: ``policy`` itself, or for a face of at least
    ``policy.large_face_size`` px the rounded mask at ``policy.large_mask_scale`` (see FacePolicy;
    a RECT mask, which covers more, is kept as it is)."""
    if policy.large_face_size and box.size >= policy.large_face_size and policy.mask_shape is not MaskShape.RECT:
        return dataclasses.replace(policy, mask_shape=MaskShape.ROUNDED, mask_scale=policy.large_mask_scale)
    return policy


def anonymise_face(rgb: np.ndarray, box: Box, policy: FacePolicy) -> np.ndarray:
    """A copy of ``rgb`` with the face in ``box`` made unrecognisable, as a photo's face is.

    The detector ``box`` is enlarged by ``policy.mask_scale`` (more hair, jaw and
    background hidden as it grows; see :func:`mask_box`) and clipped to the
    image; the ``policy.mask_shape`` mask inside it gets ``policy.mode``'s pixels
    (a large face: :func:`face_mask_policy`).
    """
    out, _ = _anonymise(rgb.copy(), box, face_mask_policy(box, policy))
    return out


def _anonymise(
    out: np.ndarray, box: Box, policy: FacePolicy, source: np.ndarray | _Before | None = None,
) -> tuple[np.ndarray, IntBox | None]:
    """In-place worker over a private copy; returns the int bounds it changed.

    ``source``: the picture before anything was hidden (default ``out``). The
    new pixels are made from it, and must differ from it, so that a box
    overlapping one already hidden (two detections of a crowd's neighbours, a
    second look's box beside a patch) does not take its colour from that patch:
    FILL's colour moved away from a fill's colour can land back on the face's.
    """
    h, w = out.shape[:2]
    full = mask_box(box, policy)
    bounds = _int_bounds(full.clipped(w, h), w, h)
    if bounds is None:
        return out, None
    x0, y0, x1, y1 = bounds
    before = out[y0:y1, x0:x1] if source is None else source[y0:y1, x0:x1]
    return out, _put(out, _Patch(full, bounds, policy, before), _anonymised_pixels(before, policy.mode, _rng(bounds)))


@dataclass
class _Patch:
    """A face patch about to be drawn: the enlarged box, its int bounds in the picture, the mask
    settings, and the picture's pixels there before anything was hidden."""

    full: Box
    bounds: IntBox
    policy: FacePolicy
    before: np.ndarray


def _put(out: np.ndarray, p: _Patch, new: np.ndarray) -> IntBox:
    """Draws ``new`` (the mode's pixels over ``p.bounds``) into ``out`` inside the mask, made to
    differ enough from what was there (_ensure_change); returns the part whose every pixel changed."""
    x0, y0, x1, y1 = p.bounds
    mask = region_mask(p.full, p.bounds, p.policy.mask_shape)
    inner = _fully_changed(p.full, p.bounds, p.policy.mask_shape, mask)
    new = _ensure_change(p.before, new, (inner[0] - x0, inner[1] - y0, inner[2] - x0, inner[3] - y0))
    np.copyto(out[y0:y1, x0:x1], new, where=mask[:, :, None])
    return inner


def _patch_of(out: np.ndarray, box: Box, policy: FacePolicy, source: np.ndarray | _Before) -> _Patch | None:
    h, w = out.shape[:2]
    full = mask_box(box, policy)
    bounds = _int_bounds(full.clipped(w, h), w, h)
    if bounds is None:
        return None
    x0, y0, x1, y1 = bounds
    return _Patch(full, bounds, policy, source[y0:y1, x0:x1])


def _snap_luma_each(blocks: np.ndarray) -> np.ndarray:
    """snap_luma over a stack of same-shape block grids (k, gh, gw, 3), each grid exactly as
    snap_luma alone would give it: the same element-wise steps, luma over the same (gw, 3) rows,
    and each grid's own stop (its largest error, not the stack's)."""
    px = np.asarray(blocks, np.float32)
    y = luma(px)
    lo, hi = LUMA_LEVELS[0], LUMA_LEVELS[-1]
    target = np.clip(np.round((y - lo) / LUMA_STEP) * LUMA_STEP + lo, lo, hi)
    out = px + (target - y)[..., None]
    going = np.ones(len(px), bool)
    for _ in range(4):
        clipped = np.clip(out, 0, 255)
        err = target - luma(np.round(clipped))
        going &= np.abs(err).reshape(len(px), -1).max(axis=1) > 1.0
        if not going.any():
            break
        grey = target[..., None]
        step = np.where((np.abs(err) > 1.0)[..., None], (clipped + grey) / 2.0, clipped)
        step = step + (target - luma(step))[..., None]
        out = np.where(going[:, None, None, None], step, out)
    return np.clip(np.round(out), 0, 255).astype(np.uint8)


def _mosaics(patches: list[_Patch]) -> list[np.ndarray]:
    """PIXELATE's pixels for each of ``patches``, the same as _anonymised_pixels gives patch by
    patch (each its own noise, from its bounds), with the work on the cells done once for all the
    patches whose cell grids have the same shape (a crowd: hundreds of patches, a few shapes)."""
    cells: list[int] = []
    groups: dict[tuple[int, int], list[int]] = {}
    draws: list[tuple[np.ndarray, float, np.ndarray, np.ndarray]] = []
    for i, p in enumerate(patches):
        h, w = p.before.shape[:2]
        cell = max(MIN_CELL, math.ceil(max(h, w) / MOSAIC_CELLS))
        gh, gw = math.ceil(h / cell), math.ceil(w / cell)
        # The crop's mean colour as np.mean gives it: the sum of its integers (exact in OpenCV's
        # double; numpy's sum over a view's two axes copies and casts, 30 times slower) over the count.
        mean = np.array(cv2.sumElems(p.before)[:3]) / (h * w)
        rng = _rng(p.bounds)
        bright = rng.normal(0.0, NOISE_SIGMA, size=(gh, gw, 1))
        draws.append((mean, float(luma(mean)), bright, rng.normal(0.0, NOISE_SIGMA / 4, size=(gh, gw, 3))))
        cells.append(cell)
        groups.setdefault((gh, gw), []).append(i)
    snapped: list[np.ndarray] = [np.empty(0)] * len(patches)
    lo, hi = LUMA_LEVELS[0], LUMA_LEVELS[-1]
    for idx in groups.values():
        mean = np.stack([draws[i][0] for i in idx])[:, None, None, :]
        level = np.array([draws[i][1] for i in idx])[:, None, None, None]
        bright = np.stack([draws[i][2] for i in idx])
        bright = np.where(bright < 0, -1.0, 1.0) * np.maximum(np.abs(bright), NOISE_FLOOR)
        beyond = (level + bright < lo) | (level + bright > hi)  # _away_from_the_ends, per patch
        bright = np.where(beyond, -bright - np.sign(bright) * NOISE_FLOOR, bright)
        blocks = _snap_luma_each(np.clip(mean + (bright + np.stack([draws[i][3] for i in idx])), 0, 255))
        for j, i in enumerate(idx):
            snapped[i] = blocks[j]
    return [_blown_up(snapped[i], cells[i], *p.before.shape[:2]) for i, p in enumerate(patches)]


def _ensure_change(crop: np.ndarray, new: np.ndarray, inner: IntBox) -> np.ndarray:
    """``new``, made brighter or darker as a whole when, by chance (a few noise
    cells close to the face's own tones), it differs from ``crop`` by less than
    MIN_CHANGE grey levels on average inside ``inner``: the output check would
    then fail closed, and a person would see the photo for nothing."""
    x0, y0, x1, y1 = inner
    before, after = luma(crop[y0:y1, x0:x1]), luma(new[y0:y1, x0:x1])
    if before.size == 0 or float(np.abs(after - before).mean()) >= MIN_CHANGE:
        return new
    shift = 2 * LUMA_STEP if float(before.mean()) < 128 else -2 * LUMA_STEP
    return snap_luma(np.clip(new.astype(np.float32) + shift, 0, 255))


def _fully_changed(full: Box, bounds: IntBox, shape: MaskShape, mask: np.ndarray) -> IntBox:
    """The part of ``bounds`` whose every pixel was replaced (``mask``, over ``bounds``): for a rounded
    shape, the rectangle inscribed in it (clipped), so a check of "did this region change" is not
    diluted by the untouched corners. Where the frame's edge cuts that rectangle away (a face mostly
    beyond the edge leaves a strip of its mask in view), the largest rectangle the mask covers
    in that strip."""
    if shape is MaskShape.RECT:
        return bounds
    inner = full.scaled(0.5 ** (1.0 / SHAPE_EXPONENT[shape]))  # the corner on the diagonal: 2 x^n = 1
    x0, y0 = max(bounds[0], math.ceil(inner.x0)), max(bounds[1], math.ceil(inner.y0))
    x1, y1 = min(bounds[2], math.floor(inner.x1)), min(bounds[3], math.floor(inner.y1))
    if x1 > x0 and y1 > y0:
        return x0, y0, x1, y1
    return _largest_covered(mask, bounds)


def _largest_covered(mask: np.ndarray, bounds: IntBox) -> IntBox:
    """The largest rectangle of whole rows (or columns) of ``mask`` (over ``bounds``) that it covers
    entirely: the mask is convex, so each line is covered along one run; lines are taken across the
    strip's thin side (a strip along an edge is a few px thin there)."""
    bx0, by0 = bounds[0], bounds[1]
    m = mask if mask.shape[0] <= mask.shape[1] else mask.T
    n = m.shape[0]
    idx = np.arange(m.shape[1])
    starts = np.where(m.any(axis=1), np.where(m, idx, m.shape[1]).min(axis=1), m.shape[1])
    ends = np.where(m.any(axis=1), np.where(m, idx + 1, 0).max(axis=1), 0)
    best, best_area = (0, 0, 0, 0), 0
    for a in range(n):
        lo, hi = starts[a], ends[a]
        for b in range(a, n):
            lo, hi = max(lo, starts[b]), min(hi, ends[b])
            if hi <= lo:
                break
            if (b + 1 - a) * (hi - lo) > best_area:
                best, best_area = (int(lo), a, int(hi), b + 1), (b + 1 - a) * (hi - lo)
    if best_area == 0:
        return bounds
    c0, r0, c1, r1 = best if m is mask else (best[1], best[0], best[3], best[2])
    return bx0 + c0, by0 + r0, bx0 + c1, by0 + r1


def _hide_marked(out: np.ndarray, box: Box, shape: object, policy: FacePolicy,
                 source: np.ndarray | _Before | None = None) -> tuple[np.ndarray, IntBox | None]:
    """A REGION a person drew: exactly its box (or the ellipse in it), not enlarged, with the face mode."""
    mask_shape = MaskShape.ELLIPSE if shape == "ellipse" else MaskShape.RECT
    return _anonymise(out, box, dataclasses.replace(policy, mask_scale=1.0, mask_shape=mask_shape), source)


def _contrast_colour(region: np.ndarray) -> np.ndarray:
    """Black or white, whichever is further from the region's typical brightness (its median
    luma: a sign's background, not its letters): the fill is plainly a redaction and never
    the colour of the sign it covers, so the output check can see it (verify_drawn)."""
    level = float(np.median(luma(region.reshape(-1, 3)))) if region.size else 0.0
    return np.array([0, 0, 0] if level >= 128 else [255, 255, 255], dtype=np.uint8)


@dataclass(frozen=True)
class Drawn:
    """A region whose pixels were replaced, and what was drawn there, for the output check
    (``publish.verify_drawn``): ``"patch"``, a face patch (any face mode; its pixels on
    LUMA_LEVELS), or ``"fill"``, a solid text fill of luma ``colour`` covering ``cover`` of ``box``.
    ``fingerprint``: a small patch's brightness on a coarse grid (``publish.fingerprint``), when kept."""

    box: IntBox
    kind: str = "patch"
    colour: float = 0.0
    cover: float = 1.0
    fingerprint: bytes = b""


#: A kept line whose polygon shares more than this share of the smaller of the two polygons with a
#: hidden one is the same words read twice (two scales, a second look), not a neighbouring line:
#: the hidden line's fill does not give way to it.
SAME_WORDS_OVERLAP = 0.35


def _axis(pts: np.ndarray) -> tuple[np.ndarray, np.ndarray, float]:
    """A line polygon's middle line, as a segment (its two ends), and half its height: the polygon's
    least-area rectangle less half its height at each end, so that the distance from the segment
    grows the same way across the line and beyond its ends."""
    (cx, cy), (w, h), angle = cv2.minAreaRect(pts.astype(np.float32))
    if w < h:
        w, h, angle = h, w, angle + 90.0
    a = math.radians(angle)
    half = max(0.0, (w - h) / 2)
    d = np.array([math.cos(a), math.sin(a)]) * half
    c = np.array([cx, cy])
    return c - d, c + d, max(h / 2, 0.5)


def _from_axis(xs: np.ndarray, ys: np.ndarray, axis: tuple[np.ndarray, np.ndarray, float]) -> np.ndarray:
    """Distance of the points (xs, ys) from ``axis``'s segment, in half-heights of its line."""
    a, b, half = axis
    ab = b - a
    length2 = float(ab @ ab)
    t = np.zeros_like(xs) if length2 == 0 else np.clip(((xs - a[0]) * ab[0] + (ys - a[1]) * ab[1]) / length2, 0.0, 1.0)
    return np.hypot(xs - (a[0] + t * ab[0]), ys - (a[1] + t * ab[1])) / half


def _give_way(sel: np.ndarray, pts: np.ndarray, origin: tuple[int, int], kept: Sequence[tuple[np.ndarray, bool]]) -> None:
    """Clear from ``sel`` (the fill of the line ``pts``, a crop at ``origin``) the pixels inside a kept
    line's polygon that lie nearer that line's middle than this one's (each measured in its own line's
    half-heights): on a tight or tilted sign the polygons of neighbouring lines overlap, and the fill
    of a hidden line (and its margin) covered the next line's kept words. The hidden line's own letters
    lie nearer its own middle, so they stay covered."""
    x0, y0 = origin
    h, w = sel.shape
    own_mask: np.ndarray | None = None
    own_axis = None
    for k, twice in kept:
        lo, hi = k.min(axis=0), k.max(axis=0)
        if hi[0] < x0 or hi[1] < y0 or lo[0] >= x0 + w or lo[1] >= y0 + h:
            continue
        theirs = np.zeros((h, w), np.uint8)
        cv2.fillPoly(theirs, [np.round((k - [x0, y0]) * 16).astype(np.int32)], 1, lineType=cv2.LINE_8, shift=4)
        inside = sel & theirs.astype(bool)
        if not inside.any():
            continue
        if own_mask is None:
            own = np.zeros((h, w), np.uint8)
            cv2.fillPoly(own, [np.round((pts - [x0, y0]) * 16).astype(np.int32)], 1, lineType=cv2.LINE_8, shift=4)
            own_mask = own.astype(bool)
            own_axis = _axis(pts)
        both = float((own_mask & theirs.astype(bool)).sum())
        if twice and both > SAME_WORDS_OVERLAP * max(1.0, min(float(own_mask.sum()), float(cv2.contourArea(k.astype(np.float32))))):
            continue
        ys, xs = np.nonzero(inside)
        fx, fy = xs.astype(np.float64) + x0 + 0.5, ys.astype(np.float64) + y0 + 0.5
        assert own_axis is not None
        theirs_nearer = _from_axis(fx, fy, _axis(k)) < _from_axis(fx, fy, own_axis)
        sel[ys[theirs_nearer], xs[theirs_nearer]] = False


def _fill(out: np.ndarray, shape: Box | Sequence[Sequence[float]], margin: float,
          source: np.ndarray | _Before | None = None, kept: Sequence[tuple[np.ndarray, bool]] = ()) -> Drawn | None:
    """In-place solid fill of a box or polygon grown by ``margin`` px; returns what it drew.
    ``source``: the picture before anything was hidden (default ``out``): the fill's colour
    is chosen from it, so overlapping fills (a word and its line) agree. ``kept``: the polygons
    of the lines read and kept nearby; a polygon's fill gives way to them (:func:`_give_way`)."""
    h, w = out.shape[:2]
    src = out if source is None else source
    m = max(0.0, float(margin))
    if isinstance(shape, Box):
        bounds = _int_bounds(Box(shape.x0 - m, shape.y0 - m, shape.x1 + m, shape.y1 + m), w, h)
        if bounds is None:
            return None
        x0, y0, x1, y1 = bounds
        colour = _contrast_colour(src[y0:y1, x0:x1])
        out[y0:y1, x0:x1] = colour
        return Drawn(bounds, "fill", float(luma(colour)), 1.0)
    pts = np.asarray(shape, dtype=np.float64).reshape(-1, 2)
    if len(pts) < 3:
        raise ValueError("a polygon needs at least 3 points")
    lo, hi = pts.min(axis=0) - m - 1, pts.max(axis=0) + m + 1
    bounds = _int_bounds(Box(lo[0], lo[1], hi[0], hi[1]), w, h)
    if bounds is None:
        return None
    x0, y0, x1, y1 = bounds
    poly_mask = np.zeros((y1 - y0, x1 - x0), np.uint8)
    local = np.round((pts - [x0, y0]) * 16).astype(np.int32)  # 4 bits of sub-pixel precision
    cv2.fillPoly(poly_mask, [local], 1, lineType=cv2.LINE_8, shift=4)
    r = math.ceil(m)
    if r > 0:
        poly_mask = np.asarray(cv2.dilate(poly_mask, cv2.getStructuringElement(cv2.MORPH_ELLIPSE, (2 * r + 1, 2 * r + 1))), np.uint8)
    sel = poly_mask.astype(bool)
    if kept:
        _give_way(sel, pts, (x0, y0), kept)
    if not sel.any():
        return None
    crop = out[y0:y1, x0:x1]
    colour = _contrast_colour(src[y0:y1, x0:x1][sel])
    crop[sel] = colour
    ys, xs = np.nonzero(sel)
    bx0, by0, bx1, by1 = int(xs.min()), int(ys.min()), int(xs.max()) + 1, int(ys.max()) + 1
    cover = float(sel[by0:by1, bx0:bx1].mean())
    return Drawn((x0 + bx0, y0 + by0, x0 + bx1, y0 + by1), "fill", float(luma(colour)), cover)


def fill_region(rgb: np.ndarray, region: Box | Sequence[Sequence[float]], margin: float = 0.0) -> np.ndarray:
    """A copy of ``rgb`` with ``region`` filled solid black or white (whichever
    differs more from what was there).

    ``region``: a Box, or a polygon ``[[x, y], ...]`` (e.g. OCR's rotated
    quadrilateral). ``margin``: pixels added on every side; larger hides the
    edges of letters an OCR box cut through, and more of the background.
    Parts outside the image are ignored.
    """
    out = rgb.copy()
    _fill(out, region, margin)
    return out


def _text_margin(f: Finding, policy: Policy) -> float:
    """``text.margin`` as a fraction of the word's height (the shorter side of its polygon)."""
    poly = f.detail.get("polygon") if f.detail else None
    if poly is not None:
        pts = np.asarray(poly, dtype=np.float32).reshape(-1, 2)
        (_, (rw, rh), _) = cv2.minAreaRect(pts)
        height = min(rw, rh)
    elif f.box is not None:
        height = min(f.box.width, f.box.height)
    else:
        height = 0.0
    return policy.text.margin * float(height)


#: Actions whose region is hidden. REVIEW is hidden too: a file that goes to a
#: person for a decision is never written with the doubtful region visible.
HIDDEN_ACTIONS = frozenset({Action.ANONYMISED, Action.REDACTED, Action.REVIEW})


def redact_findings(rgb: np.ndarray, findings: Iterable[Finding], policy: Policy) -> tuple[np.ndarray, list[IntBox]]:
    """Apply every finding that hides pixels; return the new image and the
    integer boxes (x0, y0, x1, y1, clipped) whose pixels were replaced (for an
    elliptical face mask, the rectangle inscribed in the ellipse; for text, the
    bounds of the fill). The input is not changed; see :func:`redact_drawn`."""
    out, drawn = redact_drawn(rgb, findings, policy)
    return out, [d.box for d in drawn]


def redact_drawn(
    rgb: np.ndarray, findings: Iterable[Finding], policy: Policy, *, in_place: bool = False, batched: bool = True,
) -> tuple[np.ndarray, list[Drawn]]:
    """Apply every finding that hides pixels; return the new image and what was drawn where
    (:class:`Drawn`: the integer box whose pixels were all replaced, and how).

    Faces (ANONYMISED, or REVIEW) are anonymised with ``policy.faces``; text
    (REDACTED, or REVIEW) is filled using ``detail["polygon"]`` when present,
    else the box, grown by ``policy.text.margin`` times the word height.
    REGION findings (areas a person drew) are hidden exactly, box or ``detail["shape"]
    == "ellipse"``, with the face mode. Findings without a box (metadata) are skipped.
    ``in_place``: draw into ``rgb`` itself (a clip's frame, which nothing else holds: no copy of
    the whole frame), keeping copies of only the regions drawn over, so that each new patch is
    still made from the picture as it was; otherwise ``rgb`` is not changed.
    ``batched``: the face patches' pixels are all made first, the mosaics' cells together
    (:func:`_mosaics`), then drawn in order; the same pixels as drawing patch by patch (``False``,
    kept for the test that says so), for a fraction of the time in a crowd.
    """
    findings = list(findings)
    todo = [f for f in findings if f.action in HIDDEN_ACTIONS]
    kept = _kept_lines(findings)
    source: np.ndarray | _Before
    if in_place:
        out = rgb
        source = _Before(rgb, todo, policy)
    else:
        out = rgb.copy()
        source = rgb
    drawn: list[Drawn] = []
    patches = _patches(out, todo, policy.faces, source) if batched else {}
    for i, f in enumerate(todo):
        if i in patches:
            p, new = patches[i]
            drawn.append(Drawn(_put(out, p, new)))
        elif batched and f.kind in (Kind.FACE, Kind.REGION):
            continue  # nothing of its box in the picture
        elif f.kind is Kind.FACE and f.box is not None:
            out, bounds = _anonymise(out, _beyond_edge(f.box, out.shape[1], out.shape[0]), face_mask_policy(f.box, policy.faces), source)
            if bounds is not None:
                drawn.append(Drawn(bounds))
        elif f.kind is Kind.REGION and f.box is not None:
            out, bounds = _hide_marked(out, f.box, f.detail.get("shape") if f.detail else None, policy.faces, source)
            if bounds is not None:
                drawn.append(Drawn(bounds))
        elif f.kind is Kind.TEXT:
            poly = f.detail.get("polygon") if f.detail else None
            region: Box | Sequence[Sequence[float]] | None = poly if poly is not None else f.box
            if region is not None:
                d = _fill(out, region, _text_margin(f, policy), source, kept)
                if d is not None:
                    drawn.append(d)
    return out, drawn


def _kept_lines(findings: Sequence[Finding]) -> list[tuple[np.ndarray, bool]]:
    """The polygons of the text lines read and kept with nothing in them that could be someone's
    (``detail["plain_words"]``, set by the text stage), and of such words between the hidden parts of a
    line (``detail["plain_beside"]``): a hidden line's fill gives way to them. A kept line with a word
    that could be a name (one no rule found) is not given way to: a neighbour's fill over it is no loss.
    Each with whether to check that it is not the hidden words read twice (a line's own words between
    its parts are not)."""
    out = []
    for f in findings:
        if f.kind is not Kind.TEXT or not f.detail:
            continue
        poly = f.detail.get("polygon")
        if f.action is Action.KEPT and poly is not None and f.detail.get("plain_words"):
            out.append((np.asarray(poly, np.float64).reshape(-1, 2), True))
        for q in f.detail.get("plain_beside", ()):  # the plain words between a line's hidden parts
            out.append((np.asarray(q, np.float64).reshape(-1, 2), False))
    return [(pts, check) for pts, check in out if len(pts) >= 3]


def _patches(out: np.ndarray, todo: list[Finding], faces: FacePolicy,
             source: np.ndarray | _Before) -> dict[int, tuple[_Patch, np.ndarray]]:
    """The face and REGION findings of ``todo`` (by position) as patches with their new pixels,
    made as _anonymise and _hide_marked make them one by one."""
    found: dict[int, _Patch] = {}
    for i, f in enumerate(todo):
        if f.box is None:
            continue
        if f.kind is Kind.FACE:
            p = _patch_of(out, _beyond_edge(f.box, out.shape[1], out.shape[0]), face_mask_policy(f.box, faces), source)
        elif f.kind is Kind.REGION:
            shape = MaskShape.ELLIPSE if (f.detail.get("shape") if f.detail else None) == "ellipse" else MaskShape.RECT
            p = _patch_of(out, f.box, dataclasses.replace(faces, mask_scale=1.0, mask_shape=shape), source)
        else:
            continue
        if p is not None:
            found[i] = p
    mosaic = [i for i, p in found.items() if p.policy.mode is FaceMode.PIXELATE]
    new = dict(zip(mosaic, _mosaics([found[i] for i in mosaic]), strict=True))
    return {i: (p, new[i] if i in new else _anonymised_pixels(p.before, p.policy.mode, _rng(p.bounds)))
            for i, p in found.items()}


#: A face box this close (px) to the picture's edge is taken for a face the edge cuts (see _beyond_edge).
EDGE_TOUCH = 2.0
#: ...and grown this much along the edge.
EDGE_GROWTH = 1.3


def _beyond_edge(box: Box, width: int, height: int) -> Box:
    """A face box at the picture's edge is a face the edge cuts: the detector boxes only the part in
    view. The box is mirrored across that edge, so the mask (an ellipse in the box) is centred on
    the edge and covers the cut face into the corners (a chin or a cheek at the edge), instead of
    an ellipse inside the visible part that leaves slivers of it along the edge."""
    x0, y0, x1, y1 = box.x0, box.y0, box.x1, box.y1
    left, right = x0 <= EDGE_TOUCH, x1 >= width - EDGE_TOUCH
    top, bottom = y0 <= EDGE_TOUCH, y1 >= height - EDGE_TOUCH
    across = left != right
    along = top != bottom
    if left and not right:
        x0 = -x1
    elif right and not left:
        x1 = 2 * width - x0
    if top and not bottom:
        y0 = -y1
    elif bottom and not top:
        y1 = 2 * height - y0
    # The detector also boxes a cut face shorter along the edge than it is (measured: 36 of 50 px high
    # for a face half in view): grown by EDGE_GROWTH that way.
    if across and not along:
        grow = (y1 - y0) * (EDGE_GROWTH - 1) / 2
        y0, y1 = y0 - grow, y1 + grow
    elif along and not across:
        grow = (x1 - x0) * (EDGE_GROWTH - 1) / 2
        x0, x1 = x0 - grow, x1 + grow
    return box if (x0, y0, x1, y1) == (box.x0, box.y0, box.x1, box.y1) else Box(x0, y0, x1, y1)


class _Before:
    """The picture as it was, for in-place redaction: only the regions about to be drawn over are
    copied (indexing it with the slices of one of them gives the copy)."""

    def __init__(self, rgb: np.ndarray, findings: list[Finding], policy: Policy) -> None:
        h, w = rgb.shape[:2]
        x0s, y0s, x1s, y1s = [], [], [], []
        for f in findings:
            if f.box is None and f.kind is not Kind.TEXT:
                continue
            if f.kind is Kind.TEXT:
                poly = f.detail.get("polygon") if f.detail else None
                pts = np.asarray(poly if poly is not None else (f.box.to_list() if f.box is not None else []), np.float64).reshape(-1, 2)
                if len(pts) == 0:
                    continue
                m = _text_margin(f, policy) + 2
                x0s.append(pts[:, 0].min() - m)
                y0s.append(pts[:, 1].min() - m)
                x1s.append(pts[:, 0].max() + m)
                y1s.append(pts[:, 1].max() + m)
                continue
            assert f.box is not None
            if f.kind is Kind.FACE:  # the box _anonymise will draw in, from the same functions
                b = mask_box(_beyond_edge(f.box, w, h), face_mask_policy(f.box, policy.faces))
            else:  # a REGION a person drew (_hide_marked: its box at 1.0x)
                b = mask_box(f.box, dataclasses.replace(policy.faces, mask_scale=1.0))
            x0s.append(b.x0 - 1)
            y0s.append(b.y0 - 1)
            x1s.append(b.x1 + 1)
            y1s.append(b.y1 + 1)
        if x0s:
            self.x0, self.y0 = max(0, int(min(x0s))), max(0, int(min(y0s)))
            self.x1, self.y1 = min(w, int(math.ceil(max(x1s))) + 1), min(h, int(math.ceil(max(y1s))) + 1)
        else:
            self.x0 = self.y0 = self.x1 = self.y1 = 0
        self.copy = rgb[self.y0 : self.y1, self.x0 : self.x1].copy()

    def __getitem__(self, key: tuple[slice, slice]) -> np.ndarray:
        ys, xs = key
        return self.copy[ys.start - self.y0 : ys.stop - self.y0, xs.start - self.x0 : xs.stop - self.x0]


__all__ = [
    "HIDDEN_ACTIONS", "LUMA_LEVELS", "LUMA_STEP", "NOISE_FLOOR", "SHAPE_EXPONENT", "Drawn", "luma", "snap_luma",
    "anonymise_face", "fill_region", "redact_findings", "redact_drawn",
    "SMALL_FACE", "SMALL_MASK_SCALE", "mask_box", "face_mask_policy", "region_mask",
]
