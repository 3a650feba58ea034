"""The "protected" metric used by every accuracy benchmark, from pixels alone.

A ground-truth region (face or word) counts as protected when, comparing the
original with the output, its crop no longer resembles the original:
SSIM of the grey crop below 0.6, or at least 60% of its pixels changed by more
than 12 grey levels after a 3x3 Gaussian blur of both images.
Over-redaction is the share of pixels outside every ground-truth box that
changed by the same per-pixel rule. Works for any tool's output.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence

import cv2
import numpy as np
from skimage.metrics import structural_similarity

SSIM_LIMIT = 0.6
CHANGED_SHARE = 0.6
GREY_LEVELS = 12


def grey(rgb: np.ndarray) -> np.ndarray:
    if rgb.ndim == 2:
        return rgb.astype(np.float32)
    return cv2.cvtColor(np.ascontiguousarray(rgb[..., :3]), cv2.COLOR_RGB2GRAY).astype(np.float32)


def changed_mask(original: np.ndarray, output: np.ndarray) -> np.ndarray:
    """Per pixel: changed by more than GREY_LEVELS after a 3x3 Gaussian blur of both."""
    a = cv2.GaussianBlur(grey(original), (3, 3), 0)
    b = cv2.GaussianBlur(grey(output), (3, 3), 0)
    return np.abs(a - b) > GREY_LEVELS


def _ssim(a: np.ndarray, b: np.ndarray) -> float:
    h, w = a.shape
    win = min(7, h, w)
    if win < 3:
        return 1.0 if np.allclose(a, b, atol=GREY_LEVELS) else 0.0
    if win % 2 == 0:
        win -= 1
    return float(structural_similarity(a, b, win_size=win, data_range=255.0))


def is_protected(original: np.ndarray, output: np.ndarray, box: Sequence[float], changed: np.ndarray | None = None) -> bool:
    """Whether the region ``box`` = (x0, y0, x1, y1) of ``output`` no longer resembles ``original``."""
    h, w = original.shape[:2]
    x0, y0, x1, y1 = (int(round(v)) for v in box)
    x0, y0 = max(0, x0), max(0, y0)
    x1, y1 = min(w, x1), min(h, y1)
    if x1 <= x0 or y1 <= y0:
        return False
    if changed is None:
        changed = changed_mask(original, output)
    if changed[y0:y1, x0:x1].mean() >= CHANGED_SHARE:
        return True
    ga = grey(original)[y0:y1, x0:x1]
    gb = grey(output)[y0:y1, x0:x1]
    return _ssim(ga, gb) < SSIM_LIMIT


def over_redaction(
    original: np.ndarray, output: np.ndarray, boxes: Iterable[Sequence[float]], changed: np.ndarray | None = None
) -> tuple[int, int]:
    """(changed pixels outside every box, pixels outside every box)."""
    h, w = original.shape[:2]
    if changed is None:
        changed = changed_mask(original, output)
    outside = np.ones((h, w), dtype=bool)
    for box in boxes:
        x0, y0, x1, y1 = (int(round(v)) for v in box)
        outside[max(0, y0):min(h, y1), max(0, x0):min(w, x1)] = False
    return int((changed & outside).sum()), int(outside.sum())
