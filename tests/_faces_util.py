"""Helpers for the face tests: licence-clean images and a dlib identity oracle.

scikit-image's ``astronaut`` (NASA, public domain) is a real face; its
``chelsea`` (a cat, CC0) is not. The identity oracle is face_recognition's
pipeline run with dlib directly: HOG detector, 5-point landmarks, ResNet
128-d encoding; two encodings of one person are usually < 0.6 apart.
"""

from __future__ import annotations

import importlib.resources
from functools import lru_cache
from typing import Any

import cv2
import numpy as np

TOLERANCE = 0.6


def astronaut() -> np.ndarray:
    import skimage.data

    return np.ascontiguousarray(skimage.data.astronaut()[..., :3])


def chelsea() -> np.ndarray:
    import skimage.data

    return np.ascontiguousarray(skimage.data.chelsea()[..., :3])


def paste(
    canvas_hw: tuple[int, int], img: np.ndarray, scale: float, angle: float, at: tuple[int, int], seed: int = 0
) -> tuple[np.ndarray, tuple[float, float]]:
    """``img`` scaled and rotated (degrees, around its centre) on a seeded noisy grey canvas;
    returns the canvas and where ``img``'s centre landed."""
    rng = np.random.default_rng(seed)
    h, w = canvas_hw
    canvas = np.clip(rng.normal(128, 20, (h, w, 3)), 0, 255).astype(np.uint8)
    canvas = cv2.GaussianBlur(canvas, (0, 0), 3)
    small = cv2.resize(img, None, fx=scale, fy=scale, interpolation=cv2.INTER_AREA if scale < 1 else cv2.INTER_LINEAR)
    sh, sw = small.shape[:2]
    m = cv2.getRotationMatrix2D((sw / 2, sh / 2), angle, 1.0)
    rot = cv2.warpAffine(small, m, (sw, sh), borderMode=cv2.BORDER_REFLECT)
    x, y = at
    x1, y1 = min(w, x + sw), min(h, y + sh)
    canvas[y:y1, x:x1] = rot[: y1 - y, : x1 - x]
    return canvas, (x + sw / 2, y + sh / 2)


@lru_cache(maxsize=1)
def _dlib() -> tuple[Any, Any, Any]:
    import dlib

    root = importlib.resources.files("face_recognition_models") / "models"
    sp = dlib.shape_predictor(str(root / "shape_predictor_5_face_landmarks.dat"))
    enc = dlib.face_recognition_model_v1(str(root / "dlib_face_recognition_resnet_model_v1.dat"))
    return dlib.get_frontal_face_detector(), sp, enc


def dlib_faces(rgb: np.ndarray, upsample: int = 1) -> list[Any]:
    det, _, _ = _dlib()
    return list(det(np.ascontiguousarray(rgb), upsample))


def encode_at(rgb: np.ndarray, rect: Any) -> np.ndarray:
    """The 128-d encoding of the face in dlib rectangle ``rect`` (forced: even if no face is there)."""
    _, sp, enc = _dlib()
    img = np.ascontiguousarray(rgb)
    shape = sp(img, rect)
    return np.array(enc.compute_face_descriptor(img, shape, 1))


def rect_iou(a: Any, b: Any) -> float:
    ix = max(0, min(a.right(), b.right()) - max(a.left(), b.left()))
    iy = max(0, min(a.bottom(), b.bottom()) - max(a.top(), b.top()))
    inter = ix * iy
    union = a.area() + b.area() - inter
    return inter / union if union else 0.0


def identity_survives(original: np.ndarray, anonymised: np.ndarray, rect: Any) -> tuple[bool, float | None, float]:
    """Whether the face in ``rect`` of ``original`` is still recognisable in ``anonymised``.

    Returns (survives, distance of a face dlib still finds there or None, forced
    distance at the original rectangle). It survives when dlib finds a face
    overlapping ``rect`` whose encoding is within TOLERANCE of the original's.
    """
    ref = encode_at(original, rect)
    forced = float(np.linalg.norm(encode_at(anonymised, rect) - ref))
    found = [r for r in dlib_faces(anonymised) if rect_iou(r, rect) > 0.3]
    dist = min((float(np.linalg.norm(encode_at(anonymised, r) - ref)) for r in found), default=None)
    return (dist is not None and dist <= TOLERANCE), dist, forced
