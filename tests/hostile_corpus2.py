"""The second hostile corpus (issue 22): a unique marker planted in each place a rebuild or a check can
miss, generated at test time from a seed.

Each ``Hiding`` carries its file, the place in words, and ``leaked(output) -> bool``: whether a
published output still carries that marker. Byte places (tables, palettes, header fields) are
probed for the marker's bytes; picture places (colour under transparency, invisible JPEG padding,
overwritten scans, frames nobody sees) for the planted picture, a high-contrast pattern spelled
from the marker's bits; timing places for the marker spelled in frame delays.
"""

from __future__ import annotations

import io
import struct
import zipfile
from collections.abc import Callable
from dataclasses import dataclass

import numpy as np
from PIL import Image

MARKER = b"HIDE22-q7Zx"  # 11 bytes: fits a GIF colour table entry run, a TIFF value, a JPEG table


@dataclass(frozen=True)
class Hiding:
    name: str  # file name, with the extension its content needs
    data: bytes
    place: str  # where the marker hides, in words
    leaked: Callable[[bytes], bool]  # whether a published output still carries the marker


# --- helpers ------------------------------------------------------------------------------------


def photo(width: int = 64, height: int = 48, seed: int = 22) -> np.ndarray:
    """A smooth, photo-like RGB picture (no texture near the planted patterns)."""
    rng = np.random.default_rng(seed)
    y, x = np.mgrid[0:height, 0:width].astype(np.float32)
    img = np.stack([120 + 60 * np.sin(x / 13.0), 110 + 50 * np.cos(y / 9.0), 100 + 40 * np.sin((x + y) / 17.0)], -1)
    return np.clip(img + rng.normal(0, 2, img.shape), 0, 255).astype(np.uint8)


def pattern(height: int, width: int) -> np.ndarray:
    """The marker as a picture: its bits as black and white cells, repeated to fill height x width."""
    bits = np.unpackbits(np.frombuffer(MARKER, np.uint8))
    cells = np.resize(bits, height * width).reshape(height, width)
    return (cells * 255).astype(np.uint8)


def shows_pattern(region: np.ndarray) -> bool:
    """Whether a grey or RGB region still shows the marker's pattern (most cells on the right side of grey)."""
    grey = region.astype(np.float64)
    if grey.ndim == 3:
        grey = grey[..., :3].mean(axis=-1)
    want = pattern(*grey.shape) > 0
    agree = ((grey > 127) == want).mean()
    return bool(agree > 0.8 and grey[want].mean() - grey[~want].mean() > 60)


def has_bytes(needle: bytes) -> Callable[[bytes], bool]:
    return lambda out: needle in out


def _save(img: Image.Image, fmt: str, **kw: object) -> bytes:
    buf = io.BytesIO()
    img.save(buf, fmt, **kw)
    return buf.getvalue()


# --- JPEG ---------------------------------------------------------------------------------------

ZIGZAG = (
    0, 1, 8, 16, 9, 2, 3, 10, 17, 24, 32, 25, 18, 11, 4, 5, 12, 19, 26, 33, 40, 48, 41, 34, 27, 20, 13, 6, 7, 14, 21,
    28, 35, 42, 49, 56, 57, 50, 43, 36, 29, 22, 15, 23, 30, 37, 44, 51, 58, 59, 52, 45, 38, 31, 39, 46, 53, 60, 61,
    54, 47, 55, 62, 63,
)


def _segment(marker: int, body: bytes) -> bytes:
    return bytes([0xFF, marker]) + struct.pack(">H", len(body) + 2) + body


def _before_first(data: bytes, marker: int, segment: bytes) -> bytes:
    i = data.index(bytes([0xFF, marker]))
    return data[:i] + segment + data[i:]


def _jpeg_segments(data: bytes) -> list[tuple[int, int, int]]:
    """(marker, start, end) of each segment up to EOI; a scan's entropy-coded data is in its segment."""
    out, i = [], 2
    while i < len(data):
        marker = data[i + 1]
        if marker == 0xD9:
            out.append((marker, i, i + 2))
            break
        end = i + 2 + struct.unpack(">H", data[i + 2 : i + 4])[0]
        if marker == 0xDA:
            while not (data[end] == 0xFF and data[end + 1] not in (0x00, *range(0xD0, 0xD8))):
                end += 1
        out.append((marker, i, end))
        i = end
    return out


def _frame_end(data: bytes) -> int:
    return next(e for m, _, e in _jpeg_segments(data) if m in (0xC0, 0xC1, 0xC2))


def _scans(data: bytes) -> bytes:
    """Everything after the frame header up to EOI: the scans and the Huffman tables before each."""
    return data[_frame_end(data) : _jpeg_segments(data)[-1][1]]


def _first_dc_scan(data: bytes) -> bytes:
    """The first scan of a progressive JPEG (every block's DC value: the whole picture at 1/8 size) with
    the Huffman tables before it, marked full precision. A later DC scan of another picture overwrites it
    and libjpeg says nothing."""
    segs = _jpeg_segments(data)
    k = next(i for i, (m, _, _) in enumerate(segs) if m == 0xDA)
    start = segs[k][1]
    while segs[k - 1][0] == 0xC4:
        k -= 1
        start = segs[k][1]
    scan = bytearray(data[start : next(e for m, _, e in segs if m == 0xDA)])
    sos = scan.index(b"\xff\xda")
    header_end = sos + 2 + struct.unpack(">H", scan[sos + 2 : sos + 4])[0]
    scan[header_end - 1] = 0x00  # full precision (Al = 0): libjpeg then expects a fresh first scan next
    return bytes(scan)


def with_frame_size(data: bytes, width: int, height: int) -> bytes:
    """The JPEG with its frame header saying width x height (a lossless crop or its undoing)."""
    for marker, start, _ in _jpeg_segments(data):
        if marker in (0xC0, 0xC1, 0xC2):
            return data[: start + 5] + struct.pack(">HH", height, width) + data[start + 9 :]
    raise ValueError("no frame header")


def jpeg_padding_shows(out: bytes, width: int, height: int, full: tuple[int, int]) -> bool:
    """Decode ``out`` as if it were ``full`` pixels big: does the invisible padding show the pattern?"""
    try:
        with Image.open(io.BytesIO(with_frame_size(out, *full))) as img:
            grey = np.asarray(img.convert("L"))
    except Exception:
        return False
    return shows_pattern(grey[:height, width:]) or shows_pattern(grey[height:, :width])


def _jpeg_hidings() -> list[Hiding]:
    base = Image.fromarray(photo())
    # the marker spelled in the luminance quantisation table as stored (zigzag order)
    table = [2] * 64
    for k, b in enumerate(MARKER):
        table[ZIGZAG[k]] = b
    qtable = _save(base, "JPEG", qtables=[table, [3] * 64])
    # an unused quantisation table (id 3) holding the marker
    unused_dqt = _before_first(_save(base, "JPEG", quality=90), 0xC0, _segment(0xDB, bytes([3]) + (MARKER * 6)[:64]))
    # an unused Huffman table (AC, id 3) holding a whole ZIP archive
    zbuf = io.BytesIO()
    with zipfile.ZipFile(zbuf, "w", zipfile.ZIP_STORED) as zf:
        zf.writestr("m.txt", MARKER)
    archive = zbuf.getvalue()
    counts = [0] * 15 + [len(archive)]
    unused_dht = _before_first(_save(base, "JPEG", quality=90), 0xDA, _segment(0xC4, bytes([0x13, *counts]) + archive))
    # a hidden picture in progressive scans that the visible picture's scans then overwrite
    hidden = photo()
    hidden[8:40, 8:56] = np.repeat(pattern(32, 48)[..., None], 3, axis=2)
    visible_p = _save(base, "JPEG", quality=90, progressive=True, subsampling=0)
    hidden_p = _save(Image.fromarray(hidden), "JPEG", quality=90, progressive=True, subsampling=0)
    overwrite = visible_p[: _frame_end(visible_p)] + _first_dc_scan(hidden_p) + _scans(visible_p) + b"\xff\xd9"
    # APP14 (Adobe) and JFIF fields carrying the marker's bytes
    adobe = _before_first(_save(base, "JPEG", quality=90), 0xDB, _segment(0xEE, b"Adobe" + MARKER[:6] + b"\x01"))
    plain = _save(base, "JPEG", quality=90)
    jfif = plain[:2] + _segment(0xE0, b"JFIF\x00\x01\x02\x01" + MARKER[:4] + b"\x00\x00") + plain[20:]
    # a lossless crop: the picture's right and bottom 5 pixels hold the pattern, then the frame says 59 x 43
    cropped = photo()
    cropped[:, 59:] = np.repeat(pattern(48, 5)[..., None], 3, axis=2)
    cropped[43:, :] = np.repeat(pattern(5, 64)[..., None], 3, axis=2)
    crop = with_frame_size(_save(Image.fromarray(cropped), "JPEG", quality=92, subsampling=0), 59, 43)
    crop420 = with_frame_size(_save(Image.fromarray(cropped), "JPEG", quality=85, subsampling=2), 59, 43)
    return [
        Hiding("quant-table.jpg", qtable, "JPEG quantisation table", has_bytes(MARKER[:8])),
        Hiding("unused-dqt.jpg", unused_dqt, "unused JPEG quantisation table", has_bytes(MARKER)),
        Hiding("unused-dht-zip.jpg", unused_dht, "unused JPEG Huffman table holding a ZIP archive", has_bytes(b"PK\x03\x04")),
        Hiding("progressive-overwrite.jpg", overwrite, "a hidden picture in progressive scans later scans overwrite",
               lambda out: _second_picture(out, hidden_p)),
        Hiding("app14-fields.jpg", adobe, "Adobe APP14 fields", has_bytes(MARKER[:6])),
        Hiding("jfif-fields.jpg", jfif, "JFIF version and density fields", has_bytes(MARKER[:4])),
        Hiding("crop-padding.jpg", crop, "invisible JPEG padding of a lossless crop (4:4:4)",
               lambda out: jpeg_padding_shows(out, 59, 43, (64, 48))),
        Hiding("crop-padding-420.jpg", crop420, "invisible JPEG padding of a lossless crop (4:2:0)",
               lambda out: jpeg_padding_shows(out, 59, 43, (64, 48))),
    ]


def _second_picture(out: bytes, hidden: bytes) -> bool:
    """Whether ``out`` holds more than one scan per component, or decodes to the hidden picture."""
    scans = sum(1 for m, _, _ in _jpeg_segments(out) if m == 0xDA)
    with Image.open(io.BytesIO(out)) as a, Image.open(io.BytesIO(hidden)) as b:
        same = np.abs(np.asarray(a.convert("L"), float) - np.asarray(b.convert("L"), float)).mean() < 10
    return scans > 3 or same


def hidings() -> list[Hiding]:
    return _jpeg_hidings()


__all__ = ["MARKER", "Hiding", "hidings", "pattern", "shows_pattern", "photo"]
