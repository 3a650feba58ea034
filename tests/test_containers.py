"""media/containers.py: the byte accounting accepts what real encoders write and nothing more."""

from __future__ import annotations

import io
import struct
import zlib

import numpy as np
import pytest
from PIL import Image

from conftest import photo_like
from mediascrub.media.containers import _ADAM7, png_leftovers, png_raw_size


def _chunk(ctype: bytes, body: bytes) -> bytes:
    return struct.pack(">I", len(body)) + ctype + body + struct.pack(">I", zlib.crc32(ctype + body))


def _interlaced_png(pixels: np.ndarray, extra: bytes = b"") -> bytes:
    """An Adam7-interlaced RGB PNG written by hand (Pillow cannot write one)."""
    h, w = pixels.shape[:2]
    raw = bytearray()
    for x0, y0, dx, dy in _ADAM7:
        sub = pixels[y0::dy, x0::dx]
        if sub.shape[0] and sub.shape[1]:
            for row in sub:
                raw += b"\x00" + row.tobytes()
    ihdr = struct.pack(">IIBBBBB", w, h, 8, 2, 0, 0, 1)
    idat = zlib.compress(bytes(raw) + extra)
    return b"\x89PNG\r\n\x1a\n" + _chunk(b"IHDR", ihdr) + _chunk(b"IDAT", idat) + _chunk(b"IEND", b"")


@pytest.mark.parametrize("size", [(1, 1), (5, 3), (13, 9), (8, 8), (33, 17)])
def test_interlaced_png_is_accounted_for_exactly(size: tuple[int, int]) -> None:
    pixels = photo_like(*size)
    data = _interlaced_png(pixels)
    assert np.array_equal(np.asarray(Image.open(io.BytesIO(data)).convert("RGB")), pixels)  # a real interlaced PNG
    assert png_raw_size(size[0], size[1], 8, 2, 1) == len(zlib.decompress(data[8 + 25 + 8 : -12 - 4]))
    assert png_leftovers(data) == []
    assert any(p.startswith("hidden bytes") for p in png_leftovers(_interlaced_png(pixels, extra=b"\x00MARKER")))


@pytest.mark.parametrize("mode", ["RGB", "RGBA", "L", "LA", "P", "1", "I;16"])
def test_pillow_pngs_of_every_mode_are_clean(mode: str) -> None:
    buf = io.BytesIO()
    Image.fromarray(photo_like(23, 11)).convert(mode).save(buf, "PNG")
    assert png_leftovers(buf.getvalue()) == []
