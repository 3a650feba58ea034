"""Recognise mediascrub's own anonymisation, so ``check`` can trust a scrubbed photo.

The face detector fires on many of the patches mediascrub draws: in a crowd,
an ellipse of noise where a head was still looks like a head to it (measured
on WIDER crowd photos: about as many detections on a scrubbed photo as on the
original, whatever the face mode). Such a detection is not a missed face; its
pixels are already noise.

Every pixel mediascrub anonymises has its brightness on one of a few fixed
levels (:data:`mediascrub.stages.redact.LUMA_LEVELS`, 32 grey levels apart;
JPEG at quality 95 moves it by 1 or 2). In a natural picture about 13 pixels in
32 fall within :data:`TOLERANCE` of a level by chance. A detection is taken as
mediascrub's own patch when at least :data:`MIN_SHARE` of the pixels in the
middle of its box (:data:`CORE` of each side) lie on the levels, spread over
them or flat (:func:`is_own_patch`). A real face pasted over a patch, or one
the detector finds beside it, is not. Faint detections where mediascrub has
drawn are not counted by ``check`` either (:func:`below_check_bar`).
"""

from __future__ import annotations

import dataclasses
from collections.abc import Callable

import cv2
import numpy as np

from ..findings import Action, Box, Finding, Kind
from .redact import LUMA_LEVELS, LUMA_STEP, luma

#: The middle of the detection box that is examined (share of each side).
CORE = 0.6
#: The examined middle is at least this many pixels each way.
MIN_SIDE = 3
#: A pixel is on a level when its luma is within this many grey levels of it.
TOLERANCE = 6.0
#: A pixel is in a patch when at least this many of its 3 x 3 neighbourhood are on a level.
DENSE = 7
#: Share of the core's pixels that must be in a patch.
MIN_SHARE = 0.5
#: Luma standard deviation of those pixels: a patch's is at least SPREAD
#: (noise across levels) or at most FLAT (one flat colour, roughened by JPEG).
SPREAD = 6.0
FLAT = 2.5
#: Patch texture (:func:`patch_texture`): window side (px), share of the window
#: in a patch, share each of two levels must hold.
TEXTURE_WINDOW = 9
TEXTURE_SHARE = 0.6
TEXTURE_LEVEL = 0.15
#: A detection is near mediascrub's patches when at least NEAR_SHARE of its box
#: enlarged NEAR_SCALE times is patch texture. Measured on the even half of the
#: WIDER sample: on the 57 originals no face detection under 0.3 (1,440 of
#: them) had more than 0.022 around it; on the scrubbed copies 222 of 376 had
#: at least 0.05.
NEAR_SCALE = 3.0
NEAR_SHARE = 0.06


def _core(rgb: np.ndarray, box: Box) -> np.ndarray | None:
    """The middle CORE of ``box``, at least MIN_SIDE px each way, or None when
    that lies outside the picture."""
    h, w = rgb.shape[:2]
    cx, cy = box.center
    hw = max(box.width * CORE, MIN_SIDE) / 2.0
    hh = max(box.height * CORE, MIN_SIDE) / 2.0
    x0, y0, x1, y1 = Box(cx - hw, cy - hh, cx + hw, cy + hh).clipped(w, h).int_bounds()
    x1, y1 = min(x1, w), min(y1, h)
    if x1 - x0 < MIN_SIDE or y1 - y0 < MIN_SIDE:
        return None
    return rgb[y0:y1, x0:x1]


def _levels(y: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """For luma ``y``: the index of each pixel's nearest level in LUMA_LEVELS, and
    whether it is within TOLERANCE of it."""
    lo = LUMA_LEVELS[0]
    level = np.clip(np.round((y - lo) / LUMA_STEP), 0, len(LUMA_LEVELS) - 1)
    ok: np.ndarray = np.abs(y - (level * LUMA_STEP + lo)) <= TOLERANCE
    return level, ok


def on_levels(rgb: np.ndarray) -> np.ndarray:
    """Per pixel: whether its luma is within TOLERANCE of one of LUMA_LEVELS."""
    return _levels(luma(rgb))[1]


def _dense(ok: np.ndarray) -> np.ndarray:
    """Per pixel: whether at least DENSE of its 3 x 3 neighbourhood is ``ok`` (on a level)."""
    dense: np.ndarray = cv2.boxFilter(ok.astype(np.float32), -1, (3, 3), normalize=False, borderType=cv2.BORDER_REPLICATE) >= DENSE
    return dense


def patch_share(rgb: np.ndarray, box: Box) -> float:
    """Share of the pixels in the middle of ``box`` that lie in a patch: a pixel
    whose 3 x 3 neighbourhood has at least DENSE of its 9 pixels on mediascrub's
    levels (0 when the middle is too small to tell)."""
    core = _core(rgb, box)
    if core is None:
        return 0.0
    return float(_dense(on_levels(core)).mean())


def is_own_patch(rgb: np.ndarray, box: Box) -> bool:
    """Whether the detection ``box`` lies on a patch mediascrub drew (any face mode).

    At least MIN_SHARE of the middle of the box lies on the levels, and those
    pixels are either spread over the levels (luma standard deviation at least
    SPREAD: a mosaic or blur, whose noise crosses levels) or flat (at most
    FLAT: a FILL, whose flat colour JPEG roughens to a spread of 1.6 to 2.3). A
    smooth natural area that sits on one level (dark hair near the lowest
    level, a face in shadow) is neither: on the even half of the WIDER sample,
    of the 15 detections on the originals that the share alone took for
    patches, 10 are no longer taken; of the 1,434 on the scrubbed copies, 1,432
    still are (FILL mode: 1,497 of 1,529).

    Higher MIN_SHARE is stricter: fewer real faces taken for a patch (the
    worse mistake: such a face is reported safe), more of mediascrub's own
    patches reported as faces.
    """
    core = _core(rgb, box)
    if core is None:
        return False
    y = luma(core)
    dense = _dense(_levels(y)[1])
    if float(dense.mean()) < MIN_SHARE:
        return False
    spread = float(y[dense].std())
    return spread >= SPREAD or spread <= FLAT


def patch_texture(rgb: np.ndarray) -> np.ndarray:
    """Per pixel: whether it lies in mosaic-like texture on mediascrub's levels:
    in the TEXTURE_WINDOW square around it, at least TEXTURE_SHARE of the pixels
    are in a patch (see :func:`patch_share`) and at least two levels each hold
    TEXTURE_LEVEL of them. A flat area that happens to sit on a level (a wall, a
    sky) has one level; a smooth gradient across two has the grey values
    between them, which are not on a level."""
    level, ok = _levels(luma(rgb))
    dense = _dense(ok)
    total = np.zeros(ok.shape, np.float32)
    levels = np.zeros(ok.shape, np.int32)
    win = (TEXTURE_WINDOW, TEXTURE_WINDOW)
    for i in range(len(LUMA_LEVELS)):
        share = cv2.boxFilter((dense & (level == i)).astype(np.float32), -1, win, borderType=cv2.BORDER_REPLICATE)
        total += share
        levels += share >= TEXTURE_LEVEL
    found: np.ndarray = (total >= TEXTURE_SHARE) & (levels >= 2)
    return found


def near_patches(texture: np.ndarray, box: Box) -> bool:
    """Whether at least NEAR_SHARE of the area around ``box`` (enlarged NEAR_SCALE
    times) is mediascrub's patch texture (``texture`` from :func:`patch_texture`)."""
    h, w = texture.shape[:2]
    x0, y0, x1, y1 = box.scaled(NEAR_SCALE).clipped(w, h).int_bounds()
    x1, y1 = min(x1, w), min(y1, h)
    if x1 <= x0 or y1 <= y0:
        return False
    return float(texture[y0:y1, x0:x1].mean()) >= NEAR_SHARE


def drawn_near(findings: list[Finding], rgb: np.ndarray) -> Callable[[Box], bool]:
    """Whether mediascrub has drawn around a box of the frame ``rgb``, for
    ``check``: always, when ``findings`` (the frame's) hold a detection
    recognised as one of its patches; else when the area around the box is
    patch texture (:func:`near_patches`; the detector does not fire on every
    patch). The texture is computed once, when first needed."""
    if any(f.kind is Kind.FACE and f.own_patch for f in findings):
        return lambda box: True
    texture: np.ndarray | None = None

    def near(box: Box) -> bool:
        nonlocal texture
        if texture is None:
            texture = patch_texture(rgb)
        return near_patches(texture, box)

    return near


def below_check_bar(findings: list[Finding], threshold: float, rgb: np.ndarray) -> list[Finding]:
    """``findings`` of the frame ``rgb``, each face detection scoring under
    ``threshold`` marked ``below_check_bar`` when mediascrub has drawn
    around it (:func:`drawn_near`). ``check`` does not count those.

    Anonymising faces, and re-encoding, move the detector's scores of what was
    left: a box scrub saw under its line on the original may score over it on
    the cleaned copy (see FacePolicy.check_threshold). Where mediascrub has
    drawn, only a face the detector is surer of than that is a miss. A
    frame without mediascrub's patches is judged as scrub would judge it.
    """
    faint = [i for i, f in enumerate(findings) if f.kind is Kind.FACE and f.action is Action.ANONYMISED
             and not f.own_patch and f.score is not None and f.score < threshold and f.box is not None]
    if not faint:
        return findings
    drawn = drawn_near(findings, rgb)
    out = list(findings)
    for i in faint:
        f = findings[i]
        assert f.box is not None
        if drawn(f.box):
            out[i] = dataclasses.replace(f, below_check_bar=True)
    return out


def counts_in_check(f: Finding) -> bool:
    """Whether ``f`` makes ``check`` say NOT SAFE."""
    return f.action not in (Action.KEPT, Action.VISIBLE) and not f.own_patch and not f.below_check_bar


def own_work_note(findings: list[Finding], threshold: float) -> str | None:
    """``check``'s note on a photo with mediascrub's patches (None without)."""
    own = sum(1 for f in findings if f.own_patch)
    if not own:
        return None
    faint = sum(1 for f in findings if f.below_check_bar)
    note = f"{own} face patch(es) drawn by mediascrub recognised"
    if faint:
        note += f"; {faint} faint face detection(s) under score {threshold:.2f} not counted (faces.check_threshold)"
    return note


__all__ = [
    "below_check_bar", "drawn_near", "own_work_note", "counts_in_check", "is_own_patch", "near_patches",
    "patch_share", "patch_texture", "on_levels", "CORE", "MIN_SHARE", "TOLERANCE",
]
