"""What the decoder really uses: rebuild a JPEG from its DCT coefficients, and find the bytes a decoder skips.

* ``transcode_jpeg`` is the lossless JPEG path. libjpeg (through the ``jpeglib``
  wheel, which bundles it) decodes the file to its quantised DCT coefficients
  and writes a brand-new JPEG from them: new headers, new Huffman tables, new
  entropy-coded data. Nothing of the original byte stream is copied, so bytes
  the decoder skipped (a DNL segment, bytes between the scan and EOI, anything
  after EOI) cannot come along. The pixels stay the same; the caller checks it.
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

import numpy as np
from PIL import Image

from .containers import HIDDEN, webp_image_chunk

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


def transcode_jpeg(data: bytes) -> tuple[bytes | None, list[str]]:
    """A new JPEG written from the DCT coefficients of ``data``, and libjpeg's warnings while reading it.

    Returns (None, messages) when libjpeg cannot do it (unsupported coding, damaged data).
    Huffman tables are optimised for the image; quantisation tables and sampling are the
    source's, so the decoded pixels are the same.
    """
    jpeglib = _jpeglib()
    with tempfile.TemporaryDirectory(prefix="mediascrub-jpeg-") as tmp:
        src, dst = _private_copy(Path(tmp), data), Path(tmp) / "out.jpg"
        with libjpeg_messages() as messages:
            try:
                dct = jpeglib.read_dct(str(src))  # type: ignore[attr-defined]
                dct.load()
                dct.markers = []  # never carry an APPn/COM segment across
                dct.write_dct(str(dst), flags=["+OPTIMIZE_CODING"])
                out: bytes | None = dst.read_bytes()
            except Exception:  # libjpeg refused it: the caller re-encodes from pixels
                out = None
    return out, messages


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
        return [f"{HIDDEN}: the JPEG decoder reports: {m}" for m in jpeg_decoder_warnings(data)]
    if fmt_value == "webp":
        unused = webp_unused_bytes(data)
        if unused is None:
            return ["WebP image data not checked byte by byte (animated or not understood): it will be rebuilt"]
        if unused > WEBP_SLACK:
            return [f"{HIDDEN}: {unused} bytes at the end of the WebP image data that the decoder does not use"]
    return []


__all__ = ["transcode_jpeg", "decoder_leftovers", "jpeg_decoder_warnings", "webp_unused_bytes", "libjpeg_messages"]
