"""Container parsing in one place: JPEG segments, PNG chunks, RIFF (WebP) chunks, GIF sub-blocks.

Pure functions over bytes; used by the loader, the metadata inspector and the output allow-list check.
"""

from __future__ import annotations

import struct
from collections.abc import Iterator


class JpegParseError(Exception):
    pass


def iter_jpeg_segments(data: bytes) -> Iterator[tuple[int, int, int]]:
    """Yield ``(marker, start, end)`` for each JPEG segment; entropy-coded data follows SOS in its segment.

    The final item is EOI (0xD9). Anything after ``end`` of EOI is a trailer.
    """
    if data[:2] != b"\xff\xd8":
        raise JpegParseError("no SOI")
    yield 0xD8, 0, 2
    i = 2
    n = len(data)
    while i < n:
        if data[i] != 0xFF:
            raise JpegParseError(f"expected a marker at {i}")
        start = i
        while i < n and data[i] == 0xFF:
            i += 1
        if i >= n:
            raise JpegParseError("truncated marker")
        marker = data[i]
        i += 1
        if marker == 0xD9:
            yield marker, start, i
            return
        if marker == 0x01 or 0xD0 <= marker <= 0xD7:
            yield marker, start, i
            continue
        if i + 2 > n:
            raise JpegParseError("truncated segment length")
        length = int.from_bytes(data[i : i + 2], "big")
        if length < 2 or i + length > n:
            raise JpegParseError("bad segment length")
        end = i + length
        if marker == 0xDA:
            # entropy-coded data: runs until a marker other than a stuffed 0xFF00 or a restart marker
            j = end
            while True:
                j = data.find(b"\xff", j)
                if j < 0 or j + 1 >= n:
                    raise JpegParseError("scan data runs to the end of the file")
                nxt = data[j + 1]
                if nxt == 0x00 or 0xD0 <= nxt <= 0xD7 or nxt == 0xFF:
                    j += 1 if nxt == 0xFF else 2
                    continue
                break
            end = j
        yield marker, start, end
        i = end
    raise JpegParseError("no EOI marker")


def jpeg_scan_data(data: bytes) -> bytes:
    """The concatenated SOS segments with their entropy-coded data (what 'scan data' means in tests)."""
    return b"".join(data[s:e] for m, s, e in iter_jpeg_segments(data) if m == 0xDA)



def iter_png_chunks(data: bytes) -> Iterator[tuple[bytes, bytes]]:
    i = 8
    while i + 8 <= len(data):
        length = struct.unpack(">I", data[i : i + 4])[0]
        ctype = data[i + 4 : i + 8]
        body = data[i + 8 : i + 8 + length]
        yield ctype, body
        i += 12 + length
        if ctype == b"IEND":
            if data[i:].strip(b"\x00"):
                yield b"<trailer>", data[i:]
            return


def iter_riff_chunks(data: bytes) -> Iterator[tuple[bytes, bytes]]:
    size = struct.unpack("<I", data[4:8])[0]
    end = min(len(data), 8 + size)
    i = 12
    while i + 8 <= end:
        ctype = data[i : i + 4]
        length = struct.unpack("<I", data[i + 4 : i + 8])[0]
        yield ctype, data[i + 8 : i + 8 + length]
        i += 8 + length + (length & 1)
    if data[end:].strip(b"\x00"):
        yield b"<trailer>", data[end:]


def skip_gif_sub_blocks(data: bytes, i: int) -> tuple[int, bytes]:
    collected = bytearray()
    while i < len(data):
        n = data[i]
        i += 1
        if n == 0:
            return i, bytes(collected)
        collected += data[i : i + n]
        i += n
    raise ValueError("truncated GIF")
