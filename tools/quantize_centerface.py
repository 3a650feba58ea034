"""Make ``models/centerface-int8.onnx`` from the shipped ``models/centerface.onnx``: 8-bit, static, QDQ.

The clip pipeline runs CenterFace on every frame, so its cost is the clip's cost. Quantised to
8-bit integers it runs in about 0.6 of the float model's CPU time under OpenVINO, on CPUs with
8-bit dot-product instructions (AVX-512 VNNI, AVX-VNNI); see README, Video, for the figures.

How: NNCF's post-training quantisation (``nncf.quantize`` on the ONNX model: weights per output
channel, activations per tensor, ranges from calibration pictures run through the float model,
then its fast bias correction). onnxruntime's own ``quantize_static`` (MinMax, per channel) was
tried first and lost too much: on every 5th frame of the 8 evaluation clips, faces of 20 px and
more found at full resolution fell from 0.752 to 0.627; with NNCF, 0.743. The four heads' last
convolutions and the heatmap's sigmoid stay in float: their outputs are the boxes and the scores.

Calibration uses only licence-clean pictures that ship with scikit-image (the astronaut, NASA,
public domain, and the other photos of ``skimage.data``), with the astronaut's head pasted at
sizes from 12 to 300 px, at the input sizes the clip pipeline uses. No evaluation data is used:
recall measured on ``../shared/evaldata`` is on data the model was not tuned on.

Needs ``onnx`` and ``nncf`` (tools only, not dependencies of mediascrub:
``.venv/bin/pip install onnx nncf``). From the repository root:

    .venv/bin/python tools/quantize_centerface.py [--out models/centerface-int8.onnx]

It prints the SHA-256 to put in models/README.md and ``stages/faces.py`` (INT8_MODEL_SHA256).
"""

from __future__ import annotations

import argparse
import hashlib
import sys
from pathlib import Path

import cv2
import numpy as np

ROOT = Path(__file__).resolve().parents[1]
SRC = ROOT / "models" / "centerface.onnx"
#: Model input sizes (width, height) calibrated at: the clip pipeline's low-resolution pass, a 720p frame, a tile.
SIZES = ((640, 384), (1280, 736), (512, 512))
#: The model's outputs: the nodes producing them (and the sigmoid's input) stay in float.
FLOAT_OUTPUTS = ("537", "538", "539", "540")


def calibration_pictures(seed: int = 0) -> list[np.ndarray]:
    """RGB pictures: scikit-image's photos at each of SIZES, each also with the astronaut's head pasted at a few sizes."""
    from skimage import data

    rng = np.random.default_rng(seed)
    photos = [data.astronaut(), data.coffee(), data.chelsea(), data.rocket(), data.cat()]
    photos.append(cv2.cvtColor(data.camera(), cv2.COLOR_GRAY2RGB))
    head = np.ascontiguousarray(data.astronaut()[0:300, 100:300])
    out: list[np.ndarray] = []
    for k, photo in enumerate(photos):
        for w, h in SIZES:
            base = cv2.resize(photo, (w, h), interpolation=cv2.INTER_AREA)
            out.append(base)
            pasted = base.copy()
            for _ in range(6 + 2 * k):
                side = int(rng.integers(12, min(300, h - 1)))
                fw = max(1, round(side * head.shape[1] / head.shape[0]))
                face = cv2.resize(head, (fw, side), interpolation=cv2.INTER_AREA)
                face = np.clip(face.astype(np.float32) * rng.uniform(0.6, 1.3), 0, 255).astype(np.uint8)
                x = int(rng.integers(0, max(1, w - fw)))
                y = int(rng.integers(0, max(1, h - side)))
                pasted[y : y + side, x : x + fw] = face[: h - y, : w - x]
            out.append(pasted)
    return out


def to_blob(rgb: np.ndarray) -> np.ndarray:
    """NCHW float32, padded right and bottom to a multiple of 32 (as ``stages.faces`` feeds the model)."""
    h, w = rgb.shape[:2]
    blob = np.zeros((1, 3, (h + 31) // 32 * 32, (w + 31) // 32 * 32), np.float32)
    blob[0, :, :h, :w] = rgb.transpose(2, 0, 1)
    return blob


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--src", type=Path, default=SRC)
    ap.add_argument("--out", type=Path, default=ROOT / "models" / "centerface-int8.onnx")
    args = ap.parse_args()
    try:
        import nncf
        import onnx
        from onnx import version_converter
    except ImportError as exc:
        print(f"needs the onnx and nncf packages ({exc}): .venv/bin/pip install onnx nncf", file=sys.stderr)
        return 2
    # QDQ with per-channel weights needs opset 13 (DequantizeLinear's axis); the shipped model is opset 9.
    model = version_converter.convert_version(onnx.load(str(args.src)), 13)
    for i, node in enumerate(model.graph.node):  # the shipped model's nodes have no names; leaving some out needs them
        node.name = node.name or f"n{i:03d}_{node.op_type}"
    producer = {o: n for n in model.graph.node for o in n.output}
    keep_float = []
    for out in FLOAT_OUTPUTS:
        node = producer[out]
        keep_float.append(node.name)
        if node.op_type == "Sigmoid":
            keep_float.append(producer[node.input[0]].name)
    pictures = calibration_pictures()
    data = nncf.Dataset([{"input.1": to_blob(p)} for p in pictures])
    quantised = nncf.quantize(model, data, subset_size=len(pictures), fast_bias_correction=True,
                              ignored_scope=nncf.IgnoredScope(names=keep_float))
    onnx.checker.check_model(quantised)
    onnx.save(quantised, str(args.out))
    digest = hashlib.sha256(args.out.read_bytes()).hexdigest()
    print(f"{args.out}: {args.out.stat().st_size} bytes, SHA-256 {digest}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
