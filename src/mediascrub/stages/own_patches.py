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
middle of its box (:data:`CORE` of each side) lie on the levels. A real face
pasted over a patch, or one the detector finds beside it, is not.
"""

from __future__ import annotations

import cv2
import numpy as np

from ..findings import Box
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


def on_levels(rgb: np.ndarray) -> np.ndarray:
    """Per pixel: whether its luma is within TOLERANCE of one of LUMA_LEVELS."""
    y = luma(rgb)
    lo, hi = LUMA_LEVELS[0], LUMA_LEVELS[-1]
    nearest = np.clip(np.round((y - lo) / LUMA_STEP) * LUMA_STEP + lo, lo, hi)
    ok: np.ndarray = np.abs(y - nearest) <= TOLERANCE
    return ok


def patch_share(rgb: np.ndarray, box: Box) -> float:
    """Share of the pixels in the middle of ``box`` that lie in a patch: a pixel
    whose 3 x 3 neighbourhood has at least DENSE of its 9 pixels on mediascrub's
    levels (0 when the middle is too small to tell)."""
    core = _core(rgb, box)
    if core is None:
        return 0.0
    ok = on_levels(core).astype(np.float32)
    dense = cv2.boxFilter(ok, -1, (3, 3), normalize=False, borderType=cv2.BORDER_REPLICATE) >= DENSE
    return float(dense.mean())


def is_own_patch(rgb: np.ndarray, box: Box) -> bool:
    """Whether the detection ``box`` lies on a patch mediascrub drew (any face mode).

    Higher MIN_SHARE is stricter: fewer real faces taken for a patch (the
    worse mistake: such a face is reported safe), more of mediascrub's own
    patches reported as faces.
    """
    return patch_share(rgb, box) >= MIN_SHARE


__all__ = ["is_own_patch", "patch_share", "on_levels", "CORE", "MIN_SHARE", "TOLERANCE"]
