"""MTCNN's refinement networks (RNet, ONet) in numpy: is this crop a face?

MTCNN (Zhang et al., "Joint Face Detection and Alignment using Multi-task
Cascaded Convolutional Networks", 2016) is a cascade of three small networks;
the last two take a square crop (RNet 24x24, ONet 48x48) and say how likely it
is to be a face. They are a face model of another family than CenterFace
(trained on other data, with other features), so they can give a second
opinion on CenterFace's weak boxes. The weights are facenet-pytorch's (MIT),
converted once to models/mtcnn-{rnet,onet}.npz by tools/convert_mtcnn.py (see
models/README.md). Nothing here needs torch: the layers are a few convolutions,
max-pools, PReLUs and dense layers, done with numpy.

Not used by ``scrub`` or ``check``: measured as a second opinion on
CenterFace's weak boxes (benchmarks/face_second_opinion.py) it ranked them
worse than CenterFace's own score (README, Faces). It is kept, tested, for
that benchmark; the .npz files are not put into the wheel (setup.py ships
models/*.onnx), so an installed copy has this module without its weights and
says so (ModelError).

Input as MTCNN expects it: RGB, (x - 127.5) / 128, channels first, the crop
the square around the box (zero outside the picture), resized with area
averaging (facenet-pytorch's ``imresample``). Arrays here are channels last
(N, H, W, C); the flattening before the first dense layer runs over (width,
height, channel), as the Caffe original did (facenet-pytorch's
``permute(0, 3, 2, 1)`` of its channels-first tensor).
"""

from __future__ import annotations

import math
from collections.abc import Callable, Sequence

import cv2
import numpy as np

from .. import models
from ..errors import ModelError
from ..findings import Box

RNET_NAME = "mtcnn-rnet.npz"
ONET_NAME = "mtcnn-onet.npz"
RNET_SHA256 = "b21d7be0e177e9e5b29892660a4af992c18318f18913a3f5982fd731bf73447b"
ONET_SHA256 = "3ec77e8cf213bc694aaff7b3f17fd05993be6dfb883a6fc4823efb9b0cdb4304"

Weights = dict[str, np.ndarray]


def _load(name: str, sha256: str) -> Weights:
    path = models.model_path(name)

    def load() -> Weights:
        models.check_sha256(path, sha256)
        try:
            with np.load(path, allow_pickle=False) as z:
                return {k: np.asarray(z[k], dtype=np.float32) for k in z.files}
        except (OSError, ValueError) as exc:
            raise ModelError(f"cannot load model {path}: {exc}. Reinstall mediascrub.") from None

    return models.cached("npz", str(path), load)


def onet_weights() -> Weights:
    """ONet's weights (models/mtcnn-onet.npz, SHA-256 checked), loaded once per process."""
    return _load(ONET_NAME, ONET_SHA256)


def rnet_weights() -> Weights:
    """RNet's weights (models/mtcnn-rnet.npz, SHA-256 checked), loaded once per process."""
    return _load(RNET_NAME, RNET_SHA256)


def _conv(x: np.ndarray, w: np.ndarray, b: np.ndarray) -> np.ndarray:
    """Valid convolution, stride 1, channels last: x (N, H, W, C), w (O, C, k, k) -> (N, H-k+1, W-k+1, O)."""
    n, h, wd, c = x.shape
    o, _, k, _ = w.shape
    oh, ow = h - k + 1, wd - k + 1
    # im2col: windows (N, H', W', C, k, k), one matrix product.
    cols = np.lib.stride_tricks.sliding_window_view(x, (k, k), axis=(1, 2)).reshape(n * oh * ow, c * k * k)
    out = cols @ w.reshape(o, -1).T
    out += b
    return out.reshape(n, oh, ow, o)


def _prelu(x: np.ndarray, a: np.ndarray) -> np.ndarray:
    """PReLU over the last axis (channels), in place."""
    neg = np.minimum(x, 0.0)
    np.maximum(x, 0.0, out=x)
    neg *= a
    x += neg
    return x


def _pool(x: np.ndarray, k: int, s: int) -> np.ndarray:
    """Max-pool, channels last, with ceil mode (as Caffe and facenet-pytorch): windows may run past the edge."""
    n, h, w, c = x.shape
    oh = math.ceil((h - k) / s) + 1
    ow = math.ceil((w - k) / s) + 1
    ph = max(0, (oh - 1) * s + k - h)
    pw = max(0, (ow - 1) * s + k - w)
    if ph or pw:
        x = np.pad(x, ((0, 0), (0, ph), (0, pw), (0, 0)), constant_values=-np.inf)
    out = x[:, : s * oh : s, : s * ow : s].copy()
    for di in range(k):
        for dj in range(k):
            if di or dj:
                np.maximum(out, x[:, di : di + s * oh : s, dj : dj + s * ow : s], out=out)
    return out


def _dense(x: np.ndarray, w: np.ndarray, b: np.ndarray) -> np.ndarray:
    out = x @ w.T
    out += b
    return np.asarray(out)


def _softmax_face(logits: np.ndarray) -> np.ndarray:
    z = logits - logits.max(axis=1, keepdims=True)
    e = np.exp(z)
    return np.asarray(e[:, 1] / e.sum(axis=1))


def _net(x: np.ndarray, p: Weights, pools: Sequence[tuple[int, int] | None], dense: int) -> np.ndarray:
    """Convolutions ``conv1..`` (each PReLU, then max-pool (size, stride) where given),
    flatten, dense ``dense`` + PReLU, then the face head ``dense{dense+1}_1``."""
    for i, pool in enumerate(pools, start=1):
        x = _prelu(_conv(x, p[f"conv{i}.weight"], p[f"conv{i}.bias"]), p[f"prelu{i}.weight"])
        if pool is not None:
            x = _pool(x, *pool)
    x = x.transpose(0, 2, 1, 3).reshape(x.shape[0], -1)
    x = _prelu(_dense(x, p[f"dense{dense}.weight"], p[f"dense{dense}.bias"]), p[f"prelu{dense}.weight"])
    return _softmax_face(_dense(x, p[f"dense{dense + 1}_1.weight"], p[f"dense{dense + 1}_1.bias"]))


def rnet_forward(x: np.ndarray, p: Weights | None = None) -> np.ndarray:
    """Face probability for crops ``x`` (N, 24, 24, 3), already normalised."""
    return _net(x, p if p is not None else rnet_weights(), [(3, 2), (3, 2), None], 4)


def onet_forward(x: np.ndarray, p: Weights | None = None) -> np.ndarray:
    """Face probability for crops ``x`` (N, 48, 48, 3), already normalised."""
    return _net(x, p if p is not None else onet_weights(), [(3, 2), (3, 2), (2, 2), None], 5)


def square_crop(rgb: np.ndarray, box: Box, side: int, scale: float = 1.0) -> np.ndarray:
    """The square around ``box`` (its longer side times ``scale``, same centre), zero
    outside the picture, resized to ``side`` x ``side`` with area averaging; uint8 RGB."""
    h, w = rgb.shape[:2]
    cx, cy = box.center
    s = max(box.width, box.height, 1.0) * scale
    x0, y0 = round(cx - s / 2), round(cy - s / 2)
    n = max(1, round(s))
    out = np.zeros((n, n, 3), dtype=np.uint8)
    sx0, sy0 = max(0, x0), max(0, y0)
    sx1, sy1 = min(w, x0 + n), min(h, y0 + n)
    if sx1 > sx0 and sy1 > sy0:
        out[sy0 - y0 : sy1 - y0, sx0 - x0 : sx1 - x0] = rgb[sy0:sy1, sx0:sx1, :3]
    interp = cv2.INTER_AREA if n > side else cv2.INTER_LINEAR
    return np.asarray(cv2.resize(out, (side, side), interpolation=interp))


def normalise(crops: Sequence[np.ndarray]) -> np.ndarray:
    """uint8 RGB crops (H, W, 3) -> float32 (N, H, W, 3), (x - 127.5) / 128."""
    a = np.stack([np.asarray(c, dtype=np.float32) for c in crops])
    a -= 127.5
    a *= 0.0078125
    return a


def _scores(rgb: np.ndarray, boxes: Sequence[Box], scale: float, side: int, forward: Callable[[np.ndarray], np.ndarray]) -> list[float]:
    if not boxes:
        return []
    return [float(v) for v in forward(normalise([square_crop(rgb, b, side, scale) for b in boxes]))]


def onet_scores(rgb: np.ndarray, boxes: Sequence[Box], scale: float = 1.0) -> list[float]:
    """ONet's face probability for the square crop around each of ``boxes`` in ``rgb``."""
    return _scores(rgb, boxes, scale, 48, onet_forward)


def rnet_scores(rgb: np.ndarray, boxes: Sequence[Box], scale: float = 1.0) -> list[float]:
    """RNet's face probability for the square crop around each of ``boxes`` in ``rgb``."""
    return _scores(rgb, boxes, scale, 24, rnet_forward)


__all__ = ["onet_forward", "onet_scores", "onet_weights", "rnet_forward", "rnet_scores", "rnet_weights", "square_crop"]
