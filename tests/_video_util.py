"""Generated clips for the video tests (PyAV, small and short so the tests stay quick)."""

from __future__ import annotations

import struct
from collections.abc import Callable, Sequence
from fractions import Fraction
from pathlib import Path

import av
import cv2
import numpy as np

TIME_BASE = Fraction(1, 12800)


def textured(width: int, height: int, seed: int = 0) -> np.ndarray:
    """A smooth random background with texture (camera motion is measurable on it)."""
    rng = np.random.default_rng(seed)
    small = rng.integers(30, 220, size=(height // 8 + 1, width // 8 + 1, 3)).astype(np.uint8)
    big = cv2.resize(small, (width + 8, height + 8), interpolation=cv2.INTER_CUBIC)
    return np.ascontiguousarray(big[:height, :width])


def astronaut_face(size: int = 120) -> np.ndarray:
    """The astronaut's head and shoulders (scikit-image, NASA, public domain), ``size`` px high."""
    from skimage import data

    img = data.astronaut()[0:300, 100:300]
    h = size
    w = round(img.shape[1] * size / img.shape[0])
    return np.ascontiguousarray(cv2.resize(img, (w, h), interpolation=cv2.INTER_AREA))


def panning(frames: int, width: int = 320, height: int = 240, *, face: np.ndarray | None = None, step: int = 2,
            seed: int = 0) -> list[np.ndarray]:
    """``frames`` frames of a camera panning ``step`` px a frame over a background (with ``face`` pasted on it)."""
    bg = textured(width + step * frames + 8, height, seed)
    if face is not None:
        fh, fw = face.shape[:2]
        x = (width - fw) // 2 + step * frames // 2
        y = (height - fh) // 2
        bg[y : y + fh, x : x + fw] = face
    return [np.ascontiguousarray(bg[:, i * step : i * step + width]) for i in range(frames)]


def write_clip(
    path: Path,
    frames: Sequence[np.ndarray],
    *,
    fmt: str = "mp4",
    codec: str = "libx264",
    pts: Sequence[int] | None = None,
    rotation: int = 0,
    tags: dict[str, str] | None = None,
    audio: bool = False,
    subtitle: bool = False,
    data_track: bool = False,
) -> Path:
    """Write ``frames`` (RGB) as a clip. ``pts`` in 1/12800 s (default 25 fps); ``rotation`` degrees
    counter-clockwise in the display matrix; optional container tags, an AAC tone, a mov_text
    subtitle track and a timed-data track (GoPro-style GPS text)."""
    h, w = frames[0].shape[:2]
    with av.open(str(path), "w", format=fmt) as c:
        c.metadata.update(tags or {})
        vs = c.add_stream(codec, rate=25, options={"preset": "ultrafast"} if codec in ("libx264", "libx265") else {})
        vs.width, vs.height, vs.pix_fmt = w, h, "yuv420p"
        vs.time_base = TIME_BASE
        vs.codec_context.time_base = TIME_BASE
        if rotation:
            vs.set_display_rotation(rotation)
        aus = c.add_stream("aac", rate=16000) if audio else None
        sub = c.add_mux_stream("mov_text", time_base=Fraction(1, 1000)) if subtitle else None
        data = c.add_mux_stream("bin_data", time_base=Fraction(1, 1000)) if data_track else None
        for i, rgb in enumerate(frames):
            f = av.VideoFrame.from_ndarray(np.ascontiguousarray(rgb), format="rgb24")
            f.pts = pts[i] if pts is not None else i * 512
            f.time_base = TIME_BASE
            for p in vs.encode(f):
                c.mux(p)
        for p in vs.encode():
            c.mux(p)
        if aus is not None:
            n = int(16000 * len(frames) / 25)
            tone = (0.2 * np.sin(np.arange(n) * 2 * np.pi * 440 / 16000)).astype(np.float32)
            for k in range(0, n, 1024):
                chunk = tone[k : k + 1024]
                if len(chunk) < 1024:
                    break
                af = av.AudioFrame.from_ndarray(chunk.reshape(1, -1), format="fltp", layout="mono")
                af.sample_rate, af.pts = 16000, k
                for p in aus.encode(af):
                    c.mux(p)
            for p in aus.encode():
                c.mux(p)
        for stream, payload in ((sub, b"\x00\x13Meet at 42 Rue Mare"), (data, b"GPS 49.1868,-2.1066")):
            if stream is None:
                continue
            p = av.Packet(payload)
            p.stream, p.pts, p.dts, p.duration, p.time_base = stream, 0, 0, 400, Fraction(1, 1000)
            c.mux(p)
    return path


def patch_box(path: Path, box: bytes, patch: Callable[[bytearray, int], None]) -> None:
    """Find the first ``box`` type in the file and let ``patch(data, payload_offset)`` edit the bytes."""
    data = bytearray(path.read_bytes())
    i = data.find(box)
    assert i > 4, box
    patch(data, i + 4)
    path.write_bytes(bytes(data))


def set_u16(data: bytearray, offset: int, value: int) -> None:
    data[offset : offset + 2] = struct.pack(">H", value)


def decode_clip(path: Path) -> tuple[list[np.ndarray], list[Fraction | None]]:
    """Every frame (RGB) and the time it is shown at (seconds, exact)."""
    with av.open(str(path)) as c:
        frames, times = [], []
        for f in c.decode(video=0):
            frames.append(f.to_ndarray(format="rgb24"))
            times.append(f.pts * Fraction(f.time_base) if f.pts is not None else None)
        return frames, times


def sign_frames(frames: int = 30, width: int = 640, height: int = 360, step: int = 4) -> tuple[list[np.ndarray], list[list[int]]]:
    """A camera panning past an address sign ("42 Rue de la Mare", "St Helier JE2 3QB"); each frame's line boxes."""
    bg = textured(width + step * frames + 8, height, 3)
    x0, y0 = 200, 120
    cv2.rectangle(bg, (x0, y0), (x0 + 330, y0 + 110), (245, 245, 240), -1)
    lines = []
    for k, text in enumerate(("42 Rue de la Mare", "St Helier JE2 3QB")):
        base = y0 + 45 + 45 * k
        cv2.putText(bg, text, (x0 + 10, base), cv2.FONT_HERSHEY_SIMPLEX, 0.9, (20, 20, 20), 2, cv2.LINE_AA)
        (tw, th), _ = cv2.getTextSize(text, cv2.FONT_HERSHEY_SIMPLEX, 0.9, 2)
        lines.append([x0 + 10, base - th, x0 + 10 + tw, base + 4])
    out = [np.ascontiguousarray(bg[:, i * step : i * step + width]) for i in range(frames)]
    boxes = [[b[0] - i * step, b[1], b[2] - i * step, b[3]] for i in range(frames) for b in lines]
    return out, boxes


#: Where the face lies in :func:`astronaut_face` (shares of its width and height; CenterFace's box on it at 300 px).
FACE_IN_HEAD = (0.39, 0.18, 0.86, 0.60)


def pan_scene(frames: int, width: int, height: int, faces: Sequence[tuple[int, int, int]], *, step: int = 4,
              seed: int = 0) -> tuple[list[np.ndarray], list[list[tuple[int, int, int, int]]]]:
    """A camera panning right ``step`` px a frame over a scene with the astronaut's head pasted at
    ``faces`` = [(x, y, height px)] (scene coordinates; the first frame shows x from 0 to ``width``).
    Returns the frames and, per frame, each face's box (x0, y0, x1, y1: the face itself, FACE_IN_HEAD of the
    pasted head) in frame pixels, cut to the frame (out of view: (0, 0, 0, 0))."""
    bg = textured(width + step * frames + 8, height, seed)
    placed = []
    for k, (x, y, size) in enumerate(faces):
        face = astronaut_face(size)
        gain = 0.8 + 0.4 * ((k * 7) % 5) / 4  # a little brightness variety
        face = np.clip(face.astype(np.float32) * gain, 0, 255).astype(np.uint8)
        fh, fw = face.shape[:2]
        x1, y1 = min(bg.shape[1], x + fw), min(bg.shape[0], y + fh)
        bg[y:y1, x:x1] = face[: y1 - y, : x1 - x]
        fx0, fy0, fx1, fy1 = FACE_IN_HEAD
        placed.append((round(x + fx0 * fw), round(y + fy0 * fh), round(x + fx1 * fw), round(y + fy1 * fh)))
    out, boxes = [], []
    for i in range(frames):
        off = i * step
        out.append(np.ascontiguousarray(bg[:, off : off + width]))
        here = []
        for x0, y0, x1, y1 in placed:
            a, b = max(0, x0 - off), min(width, x1 - off)
            here.append((a, y0, b, y1) if b > a else (0, 0, 0, 0))
        boxes.append(here)
    return out, boxes


def hidden_share(original: np.ndarray, output: np.ndarray, box: tuple[int, int, int, int], levels: float = 12.0) -> float:
    """Share of the pixels of ``box`` whose grey level changed by more than ``levels`` (after a light blur, as
    ../shared/evaldata's "protected" rule: a face counts as hidden at 0.6 or more)."""
    x0, y0, x1, y1 = box
    a = cv2.GaussianBlur(cv2.cvtColor(original, cv2.COLOR_RGB2GRAY).astype(np.float32), (3, 3), 0)[y0:y1, x0:x1]
    b = cv2.GaussianBlur(cv2.cvtColor(output, cv2.COLOR_RGB2GRAY).astype(np.float32), (3, 3), 0)[y0:y1, x0:x1]
    return float((np.abs(a - b) > levels).mean()) if a.size else 1.0


def is_hidden(original: np.ndarray, output: np.ndarray, box: tuple[int, int, int, int]) -> bool:
    """../shared/evaldata's "protected" rule: the region no longer resembles the original (at least 60% of
    its pixels changed, see :func:`hidden_share`, or the SSIM of the grey crops below 0.6)."""
    from skimage.metrics import structural_similarity

    if hidden_share(original, output, box) >= 0.6:
        return True
    x0, y0, x1, y1 = box
    a = cv2.cvtColor(original, cv2.COLOR_RGB2GRAY)[y0:y1, x0:x1].astype(np.float32)
    b = cv2.cvtColor(output, cv2.COLOR_RGB2GRAY)[y0:y1, x0:x1].astype(np.float32)
    win = min(7, *a.shape)
    if win < 3:
        return False
    win -= 1 - win % 2
    return float(structural_similarity(a, b, win_size=win, data_range=255.0)) < 0.6
