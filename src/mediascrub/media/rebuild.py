"""What the decoder really uses: rebuild a JPEG from its DCT coefficients, and find the bytes a decoder skips.

* ``transcode_jpeg`` is the coefficient JPEG path. libjpeg (through the ``jpeglib``
  wheel, which bundles it) decodes the file to its quantised DCT coefficients
  and writes a brand-new JPEG from them: new headers, new Huffman tables, new
  entropy-coded data. Nothing of the original byte stream is copied, so bytes
  the decoder skipped (a DNL segment, bytes between the scan and EOI, anything
  after EOI, unused tables, scans a later scan overwrote) cannot come along.
  Three things a coefficient copy would still carry are rewritten:
  the quantisation tables (128 bytes of free choice, and a fingerprint of the
  camera or editor) must be libjpeg's standard ones at some quality, or the
  coefficients are requantised to the standard tables of the lowest quality that
  is not coarser on average (the picture changes slightly: ``changes`` says so);
  the invisible columns and rows of the blocks at the right and bottom edges
  (a lossless crop leaves the cropped-away picture there) are replaced by the
  edge pixels repeated, as an encoder pads; and the JFIF header gets plain
  fields (version 1.01, no density). When nothing had to change the pixels
  are the same; the caller checks it.
* ``decoder_leftovers`` finds what a pure container walk cannot: bytes inside the
  image data that the decoder does not use. For JPEG, libjpeg's own warnings
  ("extraneous bytes before marker 0xd9", "premature end of data segment"); for
  a still WebP, the shortest prefix of its VP8/VP8L data that decodes to the same
  pixels (everything after it is unused).

libjpeg prints its warnings on the process's standard error (file descriptor 2);
they are captured there for the duration of the call (one call at a time in a
process), so nothing reaches the user's terminal.
"""

from __future__ import annotations

import contextlib
import io
import os
import re
import struct
import sys
import tempfile
import threading
import warnings
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import numpy as np
from PIL import Image

from .containers import HIDDEN, JFIF_PLAIN, ijg_quality, ijg_table, iter_jpeg_segments, webp_image_chunk

# A still WebP written by libwebp leaves 0 to 2 bytes of its VP8 data unused (the bit reader's padding);
# more than this many is reported as hidden bytes.
WEBP_SLACK = 4

_fd_lock = threading.Lock()
# What libjpeg (and jpeglib) say; anything else that lands on standard error meanwhile (a progress bar's
# refresh from another thread) is not theirs and is dropped.
_LIBJPEG_LINE = re.compile(
    r"corrupt|premature|extraneous|bogus|invalid|unsupported|inconsistent|warning|not a jpeg|no image|huffman|marker|"
    r"quantization|sampling|arithmetic|jpeg|failed|error",
    re.IGNORECASE,
)


@contextlib.contextmanager
def libjpeg_messages() -> Iterator[list[str]]:
    """Capture what C code prints on standard error while the block runs; the lines land in the list."""
    messages: list[str] = []
    with _fd_lock, tempfile.TemporaryFile() as sink:
        with contextlib.suppress(Exception):
            sys.stderr.flush()
        saved = os.dup(2)
        os.dup2(sink.fileno(), 2)
        try:
            yield messages
        finally:
            os.dup2(saved, 2)
            os.close(saved)
            sink.seek(0)
            seen: set[str] = set()
            for line in sink.read().decode("utf-8", "replace").splitlines():
                if "\x1b" in line or "\r" in line or not _LIBJPEG_LINE.search(line):
                    continue
                if line.strip() and line not in seen:
                    seen.add(line)
                    messages.append(line.strip())


def _jpeglib() -> object:
    import jpeglib

    return jpeglib


def transcode_jpeg(data: bytes) -> tuple[bytes | None, list[str], list[str]]:
    """A new JPEG written from the DCT coefficients of ``data``, libjpeg's warnings while reading it,
    and what had to change in the picture (empty: the pixels are the same).

    Returns (None, messages, []) when libjpeg cannot do it (unsupported coding, damaged data).
    Huffman tables are optimised for the image; sampling is the source's; quantisation tables
    and edge padding as the module says.
    """
    jpeglib = _jpeglib()
    changes: list[str] = []
    with tempfile.TemporaryDirectory(prefix="mediascrub-jpeg-") as tmp:
        src, dst = _private_copy(Path(tmp), data), Path(tmp) / "out.jpg"
        with libjpeg_messages() as messages:
            try:
                dct = jpeglib.read_dct(str(src))  # type: ignore[attr-defined]
                dct.load()
                dct.markers = []  # never carry an APPn/COM segment across
                quality = standardise_tables(dct)
                if quality is not None:
                    changes.append(f"quantisation tables replaced by the standard ones of quality {quality} "
                                   "(the coefficients requantised)")
                cleared = clear_edge_padding(dct)
                if cleared:
                    changes.append(f"invisible edge padding of {cleared} block(s) cleared")
                dct.write_dct(str(dst), flags=["+OPTIMIZE_CODING"])
                out: bytes | None = plain_jfif(dst.read_bytes())
            except Exception:  # libjpeg refused it: the caller re-encodes from pixels
                out = None
    return out, messages, changes


def plain_jfif(data: bytes) -> bytes:
    """``data`` with the fields of its JFIF header (version, density unit, density) set to the plain ones;
    libjpeg copies them from the source otherwise."""
    for marker, start, stop in iter_jpeg_segments(data):
        if marker == 0xE0 and stop - start == 18 and data[start + 4 : start + 9] == b"JFIF\x00":
            return data[: start + 4] + JFIF_PLAIN + data[stop:]
        if marker == 0xDA:
            break
    return data


# --- quantisation tables and edge padding (on jpeglib's coefficient arrays) -------------------------

#: The orthonormal 8-point DCT-II matrix: JPEG's DCT is exactly ``_DCT @ block @ _DCT.T`` (level-shifted).
_DCT = np.array([[np.sqrt((1 if u == 0 else 2) / 8) * np.cos((2 * x + 1) * u * np.pi / 16) for x in range(8)]
                 for u in range(8)])
_COEF_LIMITS = (2047, 1023)  # the largest DC and AC magnitudes an 8-bit JPEG can code


def _components(dct: object) -> list[np.ndarray]:
    d: Any = dct
    comps = [d.Y]
    if d.has_chrominance:
        comps += [d.Cb, d.Cr]
    if d.has_black:
        comps.append(d.K)
    return comps


def _component_tables(dct: object) -> list[np.ndarray]:
    d: Any = dct
    return [np.asarray(d.qt[d.quant_tbl_no[i]], dtype=np.float64) for i in range(len(_components(dct)))]


def _limit(coef: np.ndarray) -> np.ndarray:
    out = np.clip(coef, -_COEF_LIMITS[1], _COEF_LIMITS[1])
    out[..., 0, 0] = np.clip(coef[..., 0, 0], -_COEF_LIMITS[0], _COEF_LIMITS[0])
    return out.astype(np.int16)


def standardise_tables(dct: object) -> int | None:
    """Requantise ``dct``'s coefficients (in place) to libjpeg's standard tables unless every table a
    component uses already is one. Returns the quality chosen, or None when nothing changed.

    The quality is the lowest whose tables are, on average over their 64 steps (geometric mean),
    no coarser than the source's: finer steps lose nothing more, coarser ones would."""
    d: Any = dct
    comps = _components(dct)
    old = _component_tables(dct)
    if all(ijg_quality(tuple(int(v) for v in t.ravel())) is not None for t in old):
        return None
    ycc = d.has_chrominance and "YCbCr" in str(d.jpeg_color_space)
    chroma = [ycc and i > 0 for i in range(len(comps))]
    logs = [np.log(np.maximum(t, 1.0)) for t in old]

    def coarser(q: int) -> bool:
        new = [np.log(np.asarray(ijg_table(q, c), dtype=np.float64).reshape(8, 8)) for c in chroma]
        return float(np.mean([n - o for n, o in zip(new, logs, strict=True)])) > 0

    quality = next((q for q in range(1, 101) if not coarser(q)), 100)
    tables = [np.asarray(ijg_table(quality, c), dtype=np.float64).reshape(8, 8) for c in (False, True)]
    for comp, table, is_chroma in zip(comps, old, chroma, strict=True):
        comp[...] = _limit(np.rint(comp * table / tables[int(is_chroma)]))
    d.qt = np.stack([t.astype(np.uint16) for t in (tables if ycc else tables[:1])])
    d.quant_tbl_no = np.array([int(c) for c in chroma])
    return quality


def _edge_geometry(dct: object) -> list[tuple[np.ndarray, np.ndarray, int, int]]:
    """(coefficients, table, visible columns in the last block column, visible rows in the last block row)
    per component; 8 means the edge blocks are whole."""
    d: Any = dct
    factors = np.asarray(d.samp_factor).reshape(-1, 2)  # jpeglib: (vertical, horizontal) per component
    vmax, hmax = int(factors[:, 0].max()), int(factors[:, 1].max())
    out = []
    for i, (comp, table) in enumerate(zip(_components(dct), _component_tables(dct), strict=True)):
        rows = -(-int(d.height) * int(factors[i, 0]) // vmax)
        cols = -(-int(d.width) * int(factors[i, 1]) // hmax)
        out.append((comp, table, cols - 8 * (comp.shape[1] - 1), rows - 8 * (comp.shape[0] - 1)))
    return out


def _pixels_of(blocks: np.ndarray, table: np.ndarray) -> np.ndarray:
    return np.einsum("vy,...vu,ux->...yx", _DCT, blocks * table, _DCT)


def _coefficients_of(pixels: np.ndarray, table: np.ndarray) -> np.ndarray:
    return np.rint(np.einsum("vy,...yx,ux->...vu", _DCT, pixels, _DCT) / table)


def _repeat_edge(pixels: np.ndarray, visible: int, axis: int) -> np.ndarray:
    out = pixels.copy()
    if axis == 1:
        out[..., :, visible:] = out[..., :, visible - 1 : visible]
    else:
        out[..., visible:, :] = out[..., visible - 1 : visible, :]
    return out


#: How far (in units of the quantisation noise a block's table allows) the invisible padding of an edge
#: block may stray from the repeated edge before it counts as a picture of its own. Encoders that pad by
#: repeating the edge (libjpeg, Pillow) measured at most 1.5 at quality 95 on noisy test images; a lossless
#: crop of the same images 3.6 to 53.
PADDING_TOLERANCE = 3.0


def _stray_edge_blocks(dct: object) -> Iterator[tuple[np.ndarray, tuple[Any, ...], np.ndarray, np.ndarray, int, int]]:
    """For each component's right column and bottom row of blocks whose invisible part strays from the
    repeated edge by more than PADDING_TOLERANCE: (component, index of the edge blocks, which of them
    stray, the table, visible columns or rows, axis)."""
    for comp, table, vis_w, vis_h in _edge_geometry(dct):
        noise = float(np.sqrt((table**2).sum() / (12 * 64))) + 1.0  # RMS of uniform rounding of every step
        for axis, visible in ((1, vis_w), (0, vis_h)):
            if visible >= 8:
                continue
            index: tuple[Any, ...] = (slice(None), -1) if axis == 1 else (-1, slice(None))
            pixels = _pixels_of(comp[index].astype(np.float64), table)
            stray = pixels - _repeat_edge(pixels, visible, axis)
            rms = np.sqrt((stray**2).mean(axis=(-1, -2)) * 8 / (8 - visible))  # over the invisible part only
            strays = rms > PADDING_TOLERANCE * noise
            if strays.any():
                yield comp, index, strays, table, visible, axis


def clear_edge_padding(dct: object) -> int:
    """Replace the invisible part of each edge block that holds a picture of its own (columns right of the
    image, rows below it) by the last visible column or row repeated, as an encoder pads; in place.
    Returns how many blocks changed (the visible pixels of those blocks change slightly)."""
    changed = 0
    for comp, index, strays, table, visible, axis in list(_stray_edge_blocks(dct)):
        blocks = comp[index]
        pixels = _pixels_of(blocks[strays].astype(np.float64), table)
        blocks[strays] = _limit(_coefficients_of(_repeat_edge(pixels, visible, axis), table))
        comp[index] = blocks
        changed += int(strays.sum())
    return changed


def jpeg_padding_blocks(data: bytes) -> int | None:
    """How many edge blocks carry something other than the repeated edge in their invisible part
    (a cropped-away picture); None if libjpeg cannot read the coefficients."""
    jpeglib = _jpeglib()
    with tempfile.TemporaryDirectory(prefix="mediascrub-jpeg-") as tmp:
        src = _private_copy(Path(tmp), data)
        with libjpeg_messages():
            try:
                dct = jpeglib.read_dct(str(src))  # type: ignore[attr-defined]
                dct.load()
            except Exception:
                return None
    return sum(int(strays.sum()) for _, _, strays, _, _, _ in _stray_edge_blocks(dct))


def _private_copy(folder: Path, data: bytes) -> Path:
    """``data`` written to a new file ``in.jpg`` in ``folder``, readable only by this user
    (libjpeg reads from a path; the bytes are the user's photo)."""
    path = folder / "in.jpg"
    fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    with os.fdopen(fd, "wb") as fh:
        fh.write(data)
    return path


def jpeg_decoder_warnings(data: bytes) -> list[str]:
    """libjpeg's complaints about the image data of ``data`` (empty for a clean file)."""
    jpeglib = _jpeglib()
    with tempfile.TemporaryDirectory(prefix="mediascrub-jpeg-") as tmp:
        src = _private_copy(Path(tmp), data)
        with libjpeg_messages() as messages:
            try:
                dct = jpeglib.read_dct(str(src))  # type: ignore[attr-defined]
                dct.load()
            except Exception:
                messages.append("the image data could not be read to the end")
    return messages


def _decode(data: bytes) -> np.ndarray | None:
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")  # a cut-short copy is expected to be damaged
            with Image.open(io.BytesIO(data)) as img:
                img.load()
                return np.asarray(img.convert("RGBA"))
    except Exception:
        return None


def _webp_with_image_length(data: bytes, start: int, length: int) -> bytes:
    """The still WebP ``data`` with its VP8/VP8L chunk cut to ``length`` bytes (sizes fixed up)."""
    body = data[start : start + length]
    pad = b"\x00" if length & 1 else b""
    head = data[12 : start - 4]  # chunks before the image chunk's size field, and its type
    rest = head + struct.pack("<I", length) + body + pad
    return b"RIFF" + struct.pack("<I", 4 + len(rest)) + b"WEBP" + rest


def webp_unused_bytes(data: bytes) -> int | None:
    """How many bytes at the end of a still WebP's VP8/VP8L data the decoder does not need; None if not checkable."""
    span = webp_image_chunk(data)
    if span is None:
        return None
    start, end = span
    reference = _decode(data)
    if reference is None:
        return None
    lo, hi = 0, end - start
    while lo < hi:  # the shortest prefix that still decodes to the same pixels
        mid = (lo + hi) // 2
        got = _decode(_webp_with_image_length(data, start, mid))
        if got is not None and got.shape == reference.shape and np.array_equal(got, reference):
            hi = mid
        else:
            lo = mid + 1
    return end - start - lo


def decoder_leftovers(data: bytes, fmt_value: str) -> list[str]:
    """Bytes inside the image data that the decoder does not use, in plain words (empty: none found)."""
    if fmt_value == "jpeg":
        # libjpeg is silent on a clean file: every warning means data it skipped or could not use
        found = [f"{HIDDEN}: the JPEG decoder reports: {m}" for m in jpeg_decoder_warnings(data)]
        if blocks := jpeg_padding_blocks(data):
            found.append(f"{HIDDEN}: {blocks} JPEG block(s) at the right or bottom edge hold a picture in their "
                         "invisible padding (what a lossless crop cut away)")
        return found
    if fmt_value == "webp":
        unused = webp_unused_bytes(data)
        if unused is None:
            return ["WebP image data not checked byte by byte (animated or not understood): it will be rebuilt"]
        if unused > WEBP_SLACK:
            return [f"{HIDDEN}: {unused} bytes at the end of the WebP image data that the decoder does not use"]
    return []


__all__ = [
    "transcode_jpeg", "plain_jfif", "standardise_tables", "clear_edge_padding", "jpeg_padding_blocks", "decoder_leftovers",
    "jpeg_decoder_warnings", "webp_unused_bytes", "libjpeg_messages",
]
