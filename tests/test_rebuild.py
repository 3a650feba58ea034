"""media/rebuild.py: a JPEG rebuilt from its DCT coefficients is a new file with the same pixels, unless
its quantisation tables or the invisible padding of its edge blocks had to be rewritten."""

from __future__ import annotations

import io
import tempfile
from pathlib import Path

import numpy as np
import pytest
from PIL import Image

from conftest import photo_like
from mediascrub.media.containers import JFIF_PLAIN, ijg_quality, ijg_table, jpeg_scan_data
from mediascrub.media.image import Format
from mediascrub.media.rebuild import (
    decoder_leftovers,
    jpeg_decoder_warnings,
    jpeg_padding_blocks,
    transcode_jpeg,
    webp_unused_bytes,
)
from mediascrub.pipeline import MIN_REBUILD_PSNR, psnr
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
    out, messages, changes = transcode_jpeg(src)
    assert out is not None and messages == []
    assert changes == []  # standard tables, padded by repeating the edge: nothing to rewrite
    assert np.array_equal(np.asarray(Image.open(io.BytesIO(out))), np.asarray(Image.open(io.BytesIO(src))))
    assert find_leftovers(out, Format.JPEG) == [] and jpeg_decoder_warnings(out) == []
    if variant not in ("baseline-420", "grey"):  # libjpeg writes baseline with optimised tables: a different stream
        assert jpeg_scan_data(out) != jpeg_scan_data(src)


def test_bytes_between_scan_and_eoi_are_reported_and_not_carried(capfd: pytest.CaptureFixture[str]) -> None:
    src = _jpeg()
    hidden = src[:-2] + b"HIDDEN-BYTES-HERE" + src[-2:]
    assert any("extraneous bytes" in m for m in decoder_leftovers(hidden, "jpeg"))
    out, messages, _ = transcode_jpeg(hidden)
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


def _tables(data: bytes) -> list[tuple[int, ...]]:
    import jpeglib

    path = Path(tempfile.mkdtemp()) / "t.jpg"
    path.write_bytes(data)
    dct = jpeglib.read_dct(str(path))
    dct.load()
    return [tuple(int(v) for v in t.ravel()) for t in dct.qt]


def test_own_quantisation_tables_are_replaced_by_standard_ones() -> None:
    """A table is 128 bytes of free choice and a camera fingerprint: the output carries libjpeg's
    standard tables of the lowest quality not coarser on average, the coefficients requantised."""
    table = [4] * 64
    table[1:7] = list(b"MARKER")  # natural order; stored zigzagged
    src = _jpeg(qtables=[table, [5] * 64])
    assert any("not the standard ones" in p for p in find_leftovers(src, Format.JPEG))
    out, messages, changes = transcode_jpeg(src)
    assert out is not None and messages == []
    assert len(changes) == 1 and "quality" in changes[0]
    assert all(ijg_quality(t) is not None for t in _tables(out))
    assert find_leftovers(out, Format.JPEG) == []
    before = np.asarray(Image.open(io.BytesIO(src)).convert("RGB"))
    after = np.asarray(Image.open(io.BytesIO(out)).convert("RGB"))
    assert psnr(before, after) > MIN_REBUILD_PSNR


def test_standard_tables_of_any_quality_are_kept() -> None:
    for quality in (5, 50, 77, 100):
        out, _, changes = transcode_jpeg(_jpeg(quality=quality, size=(64, 48)))
        assert out is not None and changes == [] and _tables(out)[0] == ijg_table(quality)


def test_crop_padding_is_found_and_cleared() -> None:
    """A lossless crop keeps the cut-away picture in the edge blocks' invisible part."""
    pixels = photo_like(64, 48)
    pixels[:, 59:] = 255 - pixels[:, 59:]
    full = _jpeg(size=(64, 48), quality=90, subsampling=0)
    src = Image.fromarray(pixels)
    buf = io.BytesIO()
    src.save(buf, "JPEG", quality=90, subsampling=0)
    i = buf.getvalue().index(b"\xff\xc0")
    cropped = buf.getvalue()[: i + 5] + (48).to_bytes(2, "big") + (59).to_bytes(2, "big") + buf.getvalue()[i + 9 :]
    found = jpeg_padding_blocks(cropped) or 0
    assert found >= 6 and jpeg_padding_blocks(full) == 0  # 6 rows of blocks, in 1 to 3 components
    assert any("invisible padding" in p for p in decoder_leftovers(cropped, "jpeg"))
    out, _, changes = transcode_jpeg(cropped)
    assert out is not None and changes == [f"invisible edge padding of {found} block(s) cleared"]
    assert jpeg_padding_blocks(out) == 0 and decoder_leftovers(out, "jpeg") == []
    before = np.asarray(Image.open(io.BytesIO(cropped)).convert("RGB"))
    after = np.asarray(Image.open(io.BytesIO(out)).convert("RGB"))
    assert before.shape == after.shape == (48, 59, 3) and psnr(before, after) > MIN_REBUILD_PSNR
    assert np.array_equal(before[:, :56], after[:, :56])  # only the edge blocks change


@pytest.mark.parametrize("quality", [30, 75, 95])
@pytest.mark.parametrize("size", [(61, 45), (97, 61), (33, 17), (250, 131)])
def test_padding_by_repeating_the_edge_is_not_a_picture(quality: int, size: tuple[int, int]) -> None:
    """What libjpeg and Pillow write (the edge repeated, then quantised) is never taken for a hidden picture."""
    for sub in (0, 2):
        assert jpeg_padding_blocks(_jpeg(size=size, quality=quality, subsampling=sub)) == 0


def test_jfif_fields_are_written_plain() -> None:
    src = _jpeg(dpi=(300, 300))
    assert any("JFIF header fields" in p for p in find_leftovers(src, Format.JPEG))
    out, _, changes = transcode_jpeg(src)
    assert out is not None and changes == [] and out[6:20] == JFIF_PLAIN
    assert find_leftovers(out, Format.JPEG) == []
