"""media/rebuild.py: a JPEG rebuilt from its DCT coefficients is a new file with the same pixels."""

from __future__ import annotations

import io

import numpy as np
import pytest
from PIL import Image

from conftest import photo_like
from mediascrub.media.containers import jpeg_scan_data
from mediascrub.media.image import Format
from mediascrub.media.rebuild import decoder_leftovers, jpeg_decoder_warnings, transcode_jpeg, webp_unused_bytes
from mediascrub.stages.metadata import find_leftovers


def _jpeg(mode: str = "RGB", size: tuple[int, int] = (97, 61), **kw: object) -> bytes:
    img = Image.fromarray(photo_like(*size))
    if mode != "RGB":
        img = img.convert(mode)
    buf = io.BytesIO()
    img.save(buf, "JPEG", **kw)
    return buf.getvalue()


VARIANTS = {
    "baseline-420": dict(quality=90),
    "444": dict(quality=85, subsampling=0),
    "422": dict(quality=75, subsampling=1),
    "progressive": dict(quality=80, progressive=True),
    "optimised": dict(quality=95, optimize=True),
    "grey": dict(quality=88),
    "low-quality": dict(quality=20),
}


@pytest.mark.parametrize("variant", sorted(VARIANTS))
def test_coefficient_rebuild_is_pixel_identical_and_new(variant: str) -> None:
    src = _jpeg("L" if variant == "grey" else "RGB", **VARIANTS[variant])
    out, messages = transcode_jpeg(src)
    assert out is not None and messages == []
    assert np.array_equal(np.asarray(Image.open(io.BytesIO(out))), np.asarray(Image.open(io.BytesIO(src))))
    assert find_leftovers(out, Format.JPEG) == [] and jpeg_decoder_warnings(out) == []
    if variant not in ("baseline-420", "grey"):  # libjpeg writes baseline with optimised tables: a different stream
        assert jpeg_scan_data(out) != jpeg_scan_data(src)


def test_bytes_between_scan_and_eoi_are_reported_and_not_carried(capfd: pytest.CaptureFixture[str]) -> None:
    src = _jpeg()
    hidden = src[:-2] + b"HIDDEN-BYTES-HERE" + src[-2:]
    assert any("extraneous bytes" in m for m in decoder_leftovers(hidden, "jpeg"))
    out, messages = transcode_jpeg(hidden)
    assert out is not None and b"HIDDEN" not in out and messages
    assert capfd.readouterr().err == ""  # libjpeg's own lines never reach the terminal
    assert decoder_leftovers(src, "jpeg") == []


def test_webp_unused_bytes() -> None:
    buf = io.BytesIO()
    Image.fromarray(photo_like(80, 60)).save(buf, "WEBP", quality=80)
    clean = buf.getvalue()
    assert (webp_unused_bytes(clean) or 0) <= 4
    n = int.from_bytes(clean[16:20], "little")
    body = clean[20 : 20 + n] + b"X" * 30
    tampered = b"RIFF" + (4 + 8 + len(body)).to_bytes(4, "little") + b"WEBP" + clean[12:16] + len(body).to_bytes(4, "little") + body
    assert (webp_unused_bytes(tampered) or 0) >= 30
    assert decoder_leftovers(tampered, "webp")[0].startswith("hidden bytes")
