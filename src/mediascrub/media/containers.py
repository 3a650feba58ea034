"""Container parsing in one place: JPEG segments, PNG chunks, RIFF (WebP) chunks, GIF sub-blocks.

Pure functions over bytes; used by the loader, the metadata inspector and the output allow-list check.
"""

from __future__ import annotations

import struct
import zlib
from collections.abc import Iterator
from typing import BinaryIO


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


# --- byte accounting ------------------------------------------------------------------------------
#
# The functions below walk a whole file and account for every byte: each one must belong to a
# structural part the format needs to show the picture (and that a fresh encoder writes). Anything
# else is listed, in plain words: metadata blocks by name, and bytes that explain nothing (after the
# compressed data, between parts, after the end) as hidden bytes. An empty list means every byte is
# accounted for. What a pure walk cannot see (bytes inside entropy-coded data that the decoder does
# not use) is checked with the decoder in media/image.py.

HIDDEN = "hidden bytes"  # the words every "bytes that explain nothing" problem starts with

JPEG_APP_NAMES = {
    b"Exif\x00": "EXIF",
    b"http://ns.adobe.com/xap/1.0/": "XMP",
    b"http://ns.adobe.com/xmp/extension/": "extended XMP",
    b"Photoshop 3.0": "IPTC/Photoshop",
    b"ICC_PROFILE": "ICC profile",
    b"MPF": "MPF (multi-picture: preview/depth images)",
    b"JFIF": "JFIF",
    b"JFXX": "JFIF thumbnail",
    b"Adobe": "Adobe",
    b"Ducky": "Ducky (Photoshop save-for-web)",
    b"FLIR": "FLIR thermal data",
    b"JP": "JUMBF/C2PA",
}
# Huffman-coded frames libjpeg decodes: baseline, extended sequential, progressive.
JPEG_FRAMES = frozenset({0xC0, 0xC1, 0xC2})


def jpeg_app_name(marker: int, body: bytes) -> str:
    for magic, name in JPEG_APP_NAMES.items():
        if body.startswith(magic):
            return name
    return f"APP{marker - 0xE0} segment"


def _jpeg_table_problem(marker: int, body: bytes) -> str | None:
    """Whether a DQT/DHT/SOF/SOS/DRI body is exactly as long as what it declares."""
    n = len(body)
    if marker == 0xDB:  # quantisation tables: 1 + 64 or 1 + 128 bytes each
        i = 0
        while i < n:
            i += 1 + (128 if body[i] >> 4 else 64)
        return None if i == n else "quantisation table segment of the wrong length"
    if marker == 0xC4:  # Huffman tables: 1 + 16 counts + the values they count
        i = 0
        while i < n:
            if i + 17 > n:
                return "Huffman table segment of the wrong length"
            i += 17 + sum(body[i + 1 : i + 17])
        return None if i == n else "Huffman table segment of the wrong length"
    if marker in JPEG_FRAMES:
        return None if n >= 6 and n == 6 + 3 * body[5] else "frame header of the wrong length"
    if marker == 0xDA:
        return None if n >= 1 and n == 4 + 2 * body[0] else "scan header of the wrong length"
    if marker == 0xDD:
        return None if n == 2 else "restart interval segment of the wrong length"
    return None


def jpeg_leftovers(data: bytes) -> list[str]:
    """Everything in a JPEG that is not SOI, tables, one frame, scans, EOI (and a minimal JFIF/Adobe header)."""
    left: list[str] = []
    try:
        segments = list(iter_jpeg_segments(data))
    except JpegParseError as exc:
        return [f"JPEG structure not understood ({exc})"]
    frames = 0
    seen_scan = False
    for marker, start, _stop in segments:
        m = start
        while data[m + 1] == 0xFF:
            m += 1
        if m != start:
            left.append(f"{HIDDEN}: fill bytes before a JPEG marker")
        if marker in (0xD8, 0xD9, 0x01) or 0xD0 <= marker <= 0xD7:
            body = b""
        else:
            body = data[m + 4 : m + 2 + int.from_bytes(data[m + 2 : m + 4], "big")]
        if marker in (0xD8, 0xD9):
            continue
        if marker == 0xE0:
            if not (body.startswith(b"JFIF\x00") and len(body) == 14 and body[12:14] == b"\x00\x00"):
                left.append(f"JPEG {jpeg_app_name(marker, body)}")
        elif marker == 0xEE:
            if not (body.startswith(b"Adobe") and len(body) == 12):
                left.append("JPEG APP14 segment")
        elif 0xE1 <= marker <= 0xEF:
            left.append(f"JPEG {jpeg_app_name(marker, body)}")
        elif marker == 0xFE:
            left.append("JPEG comment (COM)")
        elif marker == 0xDC:
            left.append(f"{HIDDEN}: JPEG DNL segment (a place data can hide)")
        elif marker in JPEG_FRAMES or marker in (0xDB, 0xC4, 0xDA, 0xDD):
            problem = _jpeg_table_problem(marker, body)
            if problem:
                left.append(f"{HIDDEN}: JPEG {problem}")
            if marker in JPEG_FRAMES:
                frames += 1
                if seen_scan or frames > 1:
                    left.append(f"{HIDDEN}: a second JPEG frame header")
            seen_scan |= marker == 0xDA
        elif 0xD0 <= marker <= 0xD7:
            left.append(f"{HIDDEN}: JPEG restart marker outside the image data")
        else:
            left.append(f"JPEG segment 0x{marker:02X} (not a part of a plain JPEG image)")
    if frames == 0 or not seen_scan:
        left.append("JPEG structure not understood (no frame or no image data)")
    end = segments[-1][2]
    if end < len(data):
        left.append(f"data after the end of the image ({len(data) - end} bytes: trailer)")
    return left


# PNG

PNG_SIGNATURE = b"\x89PNG\r\n\x1a\n"
PNG_ALLOWED = frozenset({b"IHDR", b"PLTE", b"tRNS", b"IDAT", b"IEND", b"acTL", b"fcTL", b"fdAT"})
_PNG_CHANNELS = {0: 1, 2: 3, 3: 1, 4: 2, 6: 4}
_ADAM7 = ((0, 0, 8, 8), (4, 0, 8, 8), (0, 4, 4, 8), (2, 0, 4, 4), (0, 2, 2, 4), (1, 0, 2, 2), (0, 1, 1, 2))


def png_raw_size(width: int, height: int, depth: int, colour: int, interlace: int) -> int:
    """How many bytes the decompressed image data of a PNG (or APNG frame) must hold: filter byte + row, per row."""
    bits = _PNG_CHANNELS.get(colour, 4) * depth

    def rows(w: int, h: int) -> int:
        return 0 if w <= 0 or h <= 0 else h * (1 + (w * bits + 7) // 8)

    if not interlace:
        return rows(width, height)
    return sum(rows((width - x0 + dx - 1) // dx, (height - y0 + dy - 1) // dy) for x0, y0, dx, dy in _ADAM7)


def _zlib_problem(stream: bytes, expected: int, what: str) -> str | None:
    """Whether a zlib stream decompresses to exactly ``expected`` bytes and ends exactly at its last byte."""
    d = zlib.decompressobj()
    try:
        out = d.decompress(stream, expected + 1)
    except zlib.error:
        return f"{what}: the compressed image data is damaged"
    if len(out) > expected:
        return f"{HIDDEN}: {what} holds more image data than the picture needs (extra rows or bytes)"
    if not d.eof:
        if d.unconsumed_tail:
            return f"{HIDDEN}: {what} holds more image data than the picture needs (extra rows or bytes)"
        return f"{what}: the compressed image data is incomplete"
    if len(out) < expected:
        return f"{what}: the compressed image data is too short for the picture"
    if d.unused_data:
        return f"{HIDDEN}: {len(d.unused_data)} bytes after the compressed image data in {what}"
    return None


def png_leftovers(data: bytes) -> list[str]:
    """Every PNG chunk outside the allow-list, bad checksums, misplaced chunks, and bytes the image does not use."""
    if data[:8] != PNG_SIGNATURE:
        return ["PNG structure not understood (no signature)"]
    left: list[str] = []
    chunks: list[tuple[bytes, bytes]] = []
    i = 8
    n = len(data)
    ended = False
    while i < n:
        if i + 12 > n:
            left.append("PNG structure not understood (a chunk is cut short)")
            break
        length = int.from_bytes(data[i : i + 4], "big")
        ctype = data[i + 4 : i + 8]
        if length > 0x7FFFFFFF or i + 12 + length > n:
            left.append("PNG structure not understood (a chunk is cut short)")
            break
        body = data[i + 8 : i + 8 + length]
        if zlib.crc32(ctype + body) != int.from_bytes(data[i + 8 + length : i + 12 + length], "big"):
            left.append(f"PNG {ctype.decode('latin-1', 'replace')!s} chunk with a bad checksum")
        chunks.append((ctype, body))
        i += 12 + length
        if ctype == b"IEND":
            ended = True
            break
    if ended and i < n:
        left.append(f"data after the end of the image ({n - i} bytes: trailer)")
    if not ended:
        left.append("PNG has no end chunk (IEND)")
    if not chunks or chunks[0][0] != b"IHDR" or len(chunks[0][1]) != 13:
        return left + ["PNG structure not understood (no header chunk first)"]
    ihdr = chunks[0][1]
    width, height = int.from_bytes(ihdr[0:4], "big"), int.from_bytes(ihdr[4:8], "big")
    depth, colour, interlace = ihdr[8], ihdr[9], ihdr[12]
    groups: dict[int, bytearray] = {}
    dims: dict[int, tuple[int, int]] = {-1: (width, height)}
    current = -2  # the fcTL that the following image data belongs to; -1: the default image (IDAT)
    idat_group: int | None = None
    last_type = b""
    palette = 0
    for index, (ctype, body) in enumerate(chunks):
        name = ctype.decode("latin-1", "replace")
        if ctype not in PNG_ALLOWED:
            left.append(f"PNG {name} chunk")
        elif ctype == b"IHDR" and index:
            left.append(f"{HIDDEN}: a second PNG header chunk")
        elif ctype == b"IEND" and body:
            left.append(f"{HIDDEN}: {len(body)} bytes inside the PNG end chunk")
        elif ctype == b"PLTE":
            if len(body) % 3 or len(body) > 768 or palette:
                left.append(f"{HIDDEN}: PNG palette of the wrong length")
            palette = len(body) // 3
        elif ctype == b"tRNS":
            limit = {0: 2, 2: 6, 3: palette}.get(colour, -1)
            if (len(body) != limit if colour in (0, 2) else len(body) > limit):
                left.append(f"{HIDDEN}: PNG transparency chunk of the wrong length")
        elif ctype == b"acTL":
            if len(body) != 8:
                left.append(f"{HIDDEN}: PNG animation chunk of the wrong length")
        elif ctype == b"fcTL":
            if len(body) != 26:
                left.append(f"{HIDDEN}: PNG frame chunk of the wrong length")
                continue
            current = index
            dims[index] = (int.from_bytes(body[4:8], "big"), int.from_bytes(body[8:12], "big"))
        elif ctype == b"IDAT":
            if idat_group is None:
                idat_group = -1
            elif last_type != b"IDAT":
                left.append(f"{HIDDEN}: PNG image data chunks that are not together")
            if current != -2 and current not in groups:
                dims[-1] = dims[current]  # an fcTL before IDAT: the default image is the first frame
            groups.setdefault(-1, bytearray()).extend(body)
        elif ctype == b"fdAT":
            if current < 0 or len(body) < 4:
                left.append(f"{HIDDEN}: PNG frame data without a frame chunk")
                continue
            groups.setdefault(current, bytearray()).extend(body[4:])
        last_type = ctype
    if -1 not in groups:
        left.append("PNG has no image data")
    for key, stream in groups.items():
        w, h = dims.get(key, (width, height))
        what = "the PNG image data" if key == -1 else "a PNG animation frame"
        problem = _zlib_problem(bytes(stream), png_raw_size(w, h, depth, colour, interlace), what)
        if problem:
            left.append(problem)
    return left


# WebP (RIFF)

WEBP_ALLOWED = frozenset({b"VP8 ", b"VP8L", b"VP8X", b"ALPH", b"ANIM", b"ANMF"})


def iter_riff_chunks_strict(data: bytes, start: int, end: int, left: list[str], where: str) -> Iterator[tuple[bytes, int, int]]:
    """(type, body start, body end) of each chunk in data[start:end]; problems go to ``left``."""
    i = start
    while i < end:
        if i + 8 > end:
            left.append(f"{HIDDEN}: {end - i} stray bytes in {where}")
            return
        ctype = data[i : i + 4]
        length = struct.unpack("<I", data[i + 4 : i + 8])[0]
        if i + 8 + length > end:
            left.append(f"WebP structure not understood (a chunk in {where} is cut short)")
            return
        yield ctype, i + 8, i + 8 + length
        i += 8 + length
        if length & 1:
            if i >= end:
                left.append(f"WebP structure not understood (a chunk in {where} lacks its padding byte)")
                return
            if data[i] != 0:
                left.append(f"{HIDDEN}: a non-zero padding byte in {where}")
            i += 1


def _webp_image_problems(data: bytes, ctype: bytes, s: int, e: int) -> str | None:
    if ctype == b"VP8 ":
        if e - s < 10 or data[s + 3 : s + 6] != b"\x9d\x01\x2a" or data[s] & 1:
            return "WebP structure not understood (VP8 key frame header)"
        first = (int.from_bytes(data[s : s + 3], "little") >> 5) & 0x7FFFF
        if 10 + first > e - s:
            return "WebP structure not understood (VP8 data is cut short)"
    elif ctype == b"VP8L" and (e - s < 5 or data[s] != 0x2F):
        return "WebP structure not understood (VP8L header)"
    return None


def webp_leftovers(data: bytes) -> list[str]:
    """Chunks outside the allow-list, an exact RIFF size, zero padding, and the order a decoder expects."""
    if len(data) < 12 or data[:4] != b"RIFF" or data[8:12] != b"WEBP":
        return ["WebP structure not understood (no RIFF header)"]
    left: list[str] = []
    size = struct.unpack("<I", data[4:8])[0]
    end = 8 + size
    if end < len(data):
        left.append(f"data after the end of the image ({len(data) - end} bytes: trailer)")
    elif end > len(data):
        left.append("WebP structure not understood (the file is shorter than its header says)")
        end = len(data)
    chunks = list(iter_riff_chunks_strict(data, 12, end, left, "the WebP file"))
    types = [c for c, _, _ in chunks]
    if not types:
        return left + ["WebP has no image data"]
    for ctype, _s, _e in chunks:
        if ctype not in WEBP_ALLOWED:
            left.append(f"WebP {ctype.decode('latin-1', 'replace').strip()} chunk")
    if types[0] in (b"VP8 ", b"VP8L"):
        if len(types) > 1:
            left.append(f"{HIDDEN}: chunks after the image data of a simple WebP")
        problem = _webp_image_problems(data, *chunks[0])
        return left + ([problem] if problem else [])
    if types[0] != b"VP8X":
        return left + ["WebP structure not understood (no image chunk first)"]
    _, s, e = chunks[0]
    if e - s != 10:
        left.append(f"{HIDDEN}: WebP extended header of the wrong length")
    flags = data[s]
    if flags & 0b00101100:
        left.append("WebP header announces ICC/EXIF/XMP")
    if flags & 0b11000001 or data[s + 1 : s + 4] != b"\x00\x00\x00":
        left.append(f"{HIDDEN}: reserved bits set in the WebP extended header")
    known = [c for c in chunks[1:] if c[0] in WEBP_ALLOWED]
    if flags & 0b10:  # animation
        if not known or known[0][0] != b"ANIM" or known[0][2] - known[0][1] != 6:
            left.append("WebP structure not understood (animation header)")
        for ctype, fs, fe in known[1:]:
            if ctype != b"ANMF" or fe - fs < 16:
                left.append(f"{HIDDEN}: WebP {ctype.decode('latin-1').strip()} chunk outside a frame of an animation")
                continue
            left.extend(_webp_frame_problems(data, fs + 16, fe, "a WebP animation frame"))
    else:
        left.extend(_webp_frame_problems(data, chunks[1][1] - 8 if len(chunks) > 1 else end, end, "the WebP file", known_only=True))
    return left


def _webp_frame_problems(data: bytes, start: int, end: int, where: str, *, known_only: bool = False) -> list[str]:
    """A frame is [ALPH] then VP8, or VP8L, and nothing else."""
    left: list[str] = []
    parts = [c for c in iter_riff_chunks_strict(data, start, end, left, where) if not known_only or c[0] in WEBP_ALLOWED]
    types = [c for c, _, _ in parts]
    if types not in ([b"VP8 "], [b"VP8L"], [b"ALPH", b"VP8 "]):
        left.append(f"{HIDDEN}: unexpected chunks in {where}")
    for ctype, s, e in parts:
        if ctype in (b"VP8 ", b"VP8L"):
            problem = _webp_image_problems(data, ctype, s, e)
            if problem:
                left.append(problem)
    return left


def webp_image_chunk(data: bytes) -> tuple[int, int] | None:
    """(start, end) of the VP8/VP8L chunk body of a still WebP, or None (animated, or not understood)."""
    try:
        left: list[str] = []
        end = min(len(data), 8 + struct.unpack("<I", data[4:8])[0])
        for ctype, s, e in iter_riff_chunks_strict(data, 12, end, left, ""):
            if ctype == b"VP8X" and data[s] & 0b10:
                return None
            if ctype in (b"VP8 ", b"VP8L"):
                return s, e
    except (struct.error, IndexError):
        return None
    return None


# GIF


def _gif_lzw_end(data: bytes, i: int, min_code: int) -> tuple[int, int, bool]:
    """Walk one image's LZW sub-blocks. Returns (index after the block terminator, bytes of data after the
    end-of-information code, whether the end code was found). Tracks only code widths, not strings."""
    stream = bytearray()
    while True:
        if i >= len(data):
            raise ValueError("truncated GIF")
        n = data[i]
        i += 1
        if n == 0:
            break
        if i + n > len(data):
            raise ValueError("truncated GIF")
        stream += data[i : i + n]
        i += n
    if not 2 <= min_code <= 11:
        return i, len(stream), False
    clear = 1 << min_code
    eoi = clear + 1
    width = min_code + 1
    next_code = eoi + 1
    bits = int.from_bytes(stream, "little")
    total = len(stream) * 8
    pos = 0
    first = True
    while pos + width <= total:
        code = (bits >> pos) & ((1 << width) - 1)
        pos += width
        if code == clear:
            width = min_code + 1
            next_code = eoi + 1
            first = True
            continue
        if code == eoi:
            used = (pos + 7) // 8
            return i, len(stream) - used, True
        if first:
            first = False
            continue
        if next_code < 4096:
            next_code += 1
            if next_code == (1 << width) and width < 12:
                width += 1
    return i, 0, False


def gif_leftovers(data: bytes) -> list[str]:
    """Comments, plain text, unknown extensions, bytes after the LZW end code, anything after the trailer."""
    left: list[str] = []
    if data[:6] not in (b"GIF87a", b"GIF89a") or len(data) < 13:
        return ["GIF structure not understood (no header)"]
    try:
        flags = data[10]
        i = 13 + (3 * (2 ** ((flags & 7) + 1)) if flags & 0x80 else 0)
        images = 0
        while i < len(data):
            b = data[i]
            if b == 0x3B:
                if i + 1 < len(data):
                    left.append(f"data after the end of the image ({len(data) - i - 1} bytes: trailer)")
                return left if images else left + ["GIF has no image"]
            if b == 0x2C:
                lflags = data[i + 9]
                i += 10 + (3 * (2 ** ((lflags & 7) + 1)) if lflags & 0x80 else 0)
                min_code = data[i]
                i, extra, found = _gif_lzw_end(data, i + 1, min_code)
                images += 1
                if not found:
                    left.append("GIF image data not understood (no end code)")
                elif extra:
                    left.append(f"{HIDDEN}: {extra} bytes after the end of a GIF frame's image data")
            elif b == 0x21:
                label = data[i + 1]
                i += 2
                if label == 0xFF:
                    ident = data[i + 1 : i + 12]
                    start = i
                    i, body = skip_gif_sub_blocks(data, i)
                    if ident not in (b"NETSCAPE2.0", b"ANIMEXTS1.0"):
                        left.append(f"GIF application extension {ident.decode('latin-1', 'replace')!r}")
                    elif data[start] != 11 or len(body) != 14 or body[11] != 1:
                        left.append(f"{HIDDEN}: a GIF looping extension of the wrong length")
                else:
                    start = i
                    i, body = skip_gif_sub_blocks(data, i)
                    if label == 0xFE:
                        left.append("GIF comment")
                    elif label == 0x01:
                        left.append("GIF plain-text extension")
                    elif label != 0xF9:
                        left.append(f"GIF extension 0x{label:02x}")
                    elif data[start] != 4 or len(body) != 4:
                        left.append(f"{HIDDEN}: a GIF frame control extension of the wrong length")
            else:
                return left + ["GIF structure not understood"]
    except (IndexError, ValueError):
        return left + ["GIF structure not understood (truncated)"]
    return left + ["GIF has no end marker"]


# TIFF

TIFF_ALLOWED = frozenset(
    {254, 255, 256, 257, 258, 259, 262, 266, 273, 277, 278, 279, 282, 283, 284, 296, 317, 320, 322, 323, 324, 325, 338, 339}
)
TIFF_TAG_NAMES = {
    270: "ImageDescription", 271: "Make", 272: "Model", 305: "Software", 306: "DateTime", 315: "Artist",
    316: "HostComputer", 700: "XMP", 33432: "Copyright", 33723: "IPTC", 34377: "Photoshop IRB",
    34665: "Exif IFD", 34675: "ICC profile", 34853: "GPS IFD", 37510: "UserComment", 40965: "Interop IFD",
}
_TIFF_TYPE_SIZES = {1: 1, 2: 1, 3: 2, 4: 4, 5: 8, 6: 1, 7: 1, 8: 2, 9: 4, 10: 8, 11: 4, 12: 8, 13: 4, 16: 8, 17: 8, 18: 8}


def tiff_leftovers(data: bytes) -> list[str]:
    """Tags outside the allow-list, extra images, and every byte not referenced by the one image's
    directory (its values, strips or tiles). Up to 3 zero bytes of word-alignment padding are allowed."""
    if data[:4] == b"II*\x00":
        order = "<"
    elif data[:4] == b"MM\x00*":
        order = ">"
    else:
        return ["TIFF structure not understood (no header)"]
    left: list[str] = []
    try:
        used: list[tuple[int, int]] = [(0, 8)]
        ifd = struct.unpack(order + "I", data[4:8])[0]
        count = struct.unpack(order + "H", data[ifd : ifd + 2])[0]
        used.append((ifd, ifd + 2 + 12 * count + 4))
        if ifd + 2 + 12 * count + 4 > len(data):
            return ["TIFF structure not understood (the directory is cut short)"]
        values: dict[int, list[int]] = {}
        for k in range(count):
            e = ifd + 2 + 12 * k
            tag, typ, n = struct.unpack(order + "HHI", data[e : e + 8])
            size = _TIFF_TYPE_SIZES.get(typ, 1) * n
            if tag not in TIFF_ALLOWED:
                left.append(f"TIFF tag {TIFF_TAG_NAMES.get(tag, tag)}")
            where = e + 8
            if size > 4:
                where = struct.unpack(order + "I", data[e + 8 : e + 12])[0]
                used.append((where, where + size))
            if tag in (273, 279, 324, 325) and typ in (3, 4):
                fmt = order + ("H" if typ == 3 else "I") * n
                values[tag] = list(struct.unpack(fmt, data[where : where + size]))
        nxt = struct.unpack(order + "I", data[ifd + 2 + 12 * count : ifd + 6 + 12 * count])[0]
        if nxt:
            left.append("TIFF has more than one image (thumbnail or extra pages)")
        for off_tag, len_tag in ((273, 279), (324, 325)):
            for off, ln in zip(values.get(off_tag, []), values.get(len_tag, []), strict=False):
                used.append((off, off + ln))
    except (struct.error, IndexError):
        return left + ["TIFF structure not understood (truncated)"]
    used.sort()
    pos = 0
    hidden = 0
    for s, e in used:
        if s > pos:
            gap = data[pos:s]
            if len(gap) > 3 or gap.strip(b"\x00"):
                hidden += len(gap)
        pos = max(pos, e)
    if pos > len(data):
        left.append("TIFF structure not understood (a part lies beyond the end of the file)")
    elif len(data) > pos and (len(data) - pos > 3 or data[pos:].strip(b"\x00")):
        hidden += len(data) - pos
    if hidden:
        left.append(f"{HIDDEN}: {hidden} bytes of the TIFF file belong to no part of the image")
    return left


# --- MP4 / QuickTime boxes ----------------------------------------------------------------------

class Mp4ParseError(Exception):
    pass


def iter_mp4_boxes(fh: BinaryIO, start: int, end: int) -> Iterator[tuple[bytes, int, int]]:
    """Yield ``(type, payload_start, box_end)`` for each box between ``start`` and ``end`` of an open file.

    Reads only box headers (seeks over payloads), so a clip is never loaded. A box
    that runs past ``end`` or is shorter than its header raises Mp4ParseError.
    """
    pos = start
    while pos + 8 <= end:
        fh.seek(pos)
        head = fh.read(8)
        if len(head) < 8:
            raise Mp4ParseError(f"box header cut short at {pos}")
        size, kind = struct.unpack(">I4s", head)
        header = 8
        if size == 1:
            large = fh.read(8)
            if len(large) < 8:
                raise Mp4ParseError(f"box header cut short at {pos}")
            size = struct.unpack(">Q", large)[0]
            header = 16
        elif size == 0:
            size = end - pos
        if size < header or pos + size > end:
            raise Mp4ParseError(f"box {kind.decode('latin-1', 'replace')!r} at byte {pos} runs past the end (size {size})")
        yield kind, pos + header, pos + size
        pos += size
    if pos != end and end - pos >= 8:
        raise Mp4ParseError(f"{end - pos} stray bytes at {pos}")


#: Boxes a fresh MP4 written by mediascrub may contain (everything else is refused):
#: file type, media data, the movie and track headers, edit lists, sample tables.
MP4_ALLOWED_BOXES = frozenset(
    t.encode("latin-1")
    for t in (
        "ftyp free mdat moov mvhd trak tkhd edts elst mdia mdhd hdlr minf vmhd smhd dinf dref url  "
        "stbl stsd stts stss ctts stsc stsz stz2 stco co64 sgpd sbgp sdtp cslg"
    ).split(" ")
    if t
) | {b"url "}
_MP4_CONTAINERS = frozenset({b"moov", b"trak", b"edts", b"mdia", b"minf", b"dinf", b"stbl"})
#: Sample descriptions allowed in stsd, and the boxes allowed inside each.
MP4_ALLOWED_SAMPLE_ENTRIES = {
    b"avc1": frozenset({b"avcC", b"pasp", b"btrt", b"colr", b"fiel"}),
    b"mp4a": frozenset({b"esds", b"btrt", b"chan"}),
    b"ac-3": frozenset({b"dac3", b"btrt"}),
    b"ec-3": frozenset({b"dec3", b"btrt"}),
    b"Opus": frozenset({b"dOps", b"btrt"}),
    b"alac": frozenset({b"alac", b"btrt"}),
}
_VISUAL_ENTRY_HEADER = 78
_AUDIO_ENTRY_HEADER = 28
_IDENTITY_MATRIX = struct.pack(">9i", 0x10000, 0, 0, 0, 0x10000, 0, 0, 0, 0x40000000)


def _read_at(fh: BinaryIO, pos: int, n: int) -> bytes:
    fh.seek(pos)
    data = fh.read(n)
    if len(data) < n:
        raise Mp4ParseError(f"cut short at {pos}")
    return data


def _header_problems(fh: BinaryIO, kind: bytes, payload: int, end: int) -> list[str]:
    """Creation dates in mvhd/tkhd/mdhd must be zero; tkhd's matrix must be the identity (no rotation)."""
    version = _read_at(fh, payload, 1)[0]
    body = payload + 4
    wide = version == 1
    times = _read_at(fh, body, 16 if wide else 8)
    created, modified = struct.unpack(">QQ" if wide else ">II", times)
    problems = []
    if created or modified:
        problems.append(f"{kind.decode('latin-1')} creation/modification date")
    if kind == b"tkhd":
        # version 0: 4+4+4 (ctime, mtime, id) +4 reserved +4 duration +8 reserved +2+2+2+2 = 36, then matrix
        offset = body + (8 + 4 + 4 + 8 if wide else 4 + 4 + 4 + 4 + 4) + 8 + 8
        if _read_at(fh, offset, 36) != _IDENTITY_MATRIX:
            problems.append("tkhd rotation matrix")
    return problems


def _empty_udta(fh: BinaryIO, payload: int, end: int) -> bool:
    """Whether a udta box holds only what FFmpeg's MP4 muxer always writes: a meta box with an
    'mdir' handler and an empty item list (no title, no encoder, nothing)."""
    try:
        children = list(iter_mp4_boxes(fh, payload, end))
        if [k for k, _, _ in children] != [b"meta"]:
            return False
        _, mpayload, mend = children[0]
        inner = list(iter_mp4_boxes(fh, mpayload + 4, mend))
        if [k for k, _, _ in inner] != [b"hdlr", b"ilst"]:
            return False
        (_, hpayload, _), (_, ipayload, iend) = inner
        return _read_at(fh, hpayload + 8, 4) == b"mdir" and ipayload == iend
    except Mp4ParseError:
        return False


def mp4_leftovers(fh: BinaryIO, size: int, *, max_tracks: int = 2) -> list[str]:
    """Everything in an MP4 file outside the output allow-list, as short descriptions ("udta", "track kind 'meta'").

    Checks: only MP4_ALLOWED_BOXES (user data, meta, uuid/XMP, chapters, cover art
    and timed-metadata tracks all fall outside), only video/sound tracks and at most
    ``max_tracks`` of them, sample descriptions from MP4_ALLOWED_SAMPLE_ENTRIES
    with allowed children, zero creation dates, identity track matrices. An
    unparsable file is itself a leftover.
    """
    found: list[str] = []
    tracks = 0

    def walk(start: int, end: int, path: str) -> None:
        nonlocal tracks
        for kind, payload, box_end in iter_mp4_boxes(fh, start, end):
            name = kind.decode("latin-1", "replace")
            where = f"{path}/{name}" if path else name
            if kind == b"udta" and path == "moov" and _empty_udta(fh, payload, box_end):
                continue
            if kind not in MP4_ALLOWED_BOXES:
                found.append(where)
                continue
            if kind == b"trak":
                tracks += 1
            if kind in (b"mvhd", b"tkhd", b"mdhd"):
                found.extend(f"{path}/{p}" for p in _header_problems(fh, kind, payload, box_end))
            elif kind == b"hdlr":
                handler = _read_at(fh, payload + 8, 4)
                if handler not in (b"vide", b"soun"):
                    found.append(f"{where} track kind {handler.decode('latin-1', 'replace')!r}")
            elif kind == b"stsd":
                count = struct.unpack(">I", _read_at(fh, payload + 4, 4))[0]
                entries = list(iter_mp4_boxes(fh, payload + 8, box_end))
                if count != len(entries):
                    found.append(f"{where} entry count")
                for ekind, epayload, eend in entries:
                    ename = ekind.decode("latin-1", "replace")
                    allowed = MP4_ALLOWED_SAMPLE_ENTRIES.get(ekind)
                    if allowed is None:
                        found.append(f"{where}/{ename}")
                        continue
                    skip = _VISUAL_ENTRY_HEADER if ekind == b"avc1" else _AUDIO_ENTRY_HEADER
                    found.extend(f"{where}/{ename}/{c.decode('latin-1', 'replace')}"
                                 for c, _, _ in iter_mp4_boxes(fh, epayload + skip, eend) if c not in allowed)
            elif kind in _MP4_CONTAINERS:
                walk(payload, box_end, where)

    try:
        walk(0, size, "")
    except Mp4ParseError as exc:
        found.append(f"unparsable MP4 ({exc})")
    if tracks > max_tracks:
        found.append(f"{tracks} tracks (at most {max_tracks} allowed)")
    return found


def mp4_structure(fh: BinaryIO, size: int) -> tuple[list[bytes], list[tuple[float, float]]]:
    """The top-level box types and each track's declared display size (tkhd width, height) of an MP4 file.

    Raises Mp4ParseError when a box runs past the end of the file (a truncated download or recording).
    """
    top: list[bytes] = []
    sizes: list[tuple[float, float]] = []
    for kind, payload, end in iter_mp4_boxes(fh, 0, size):
        top.append(kind)
        if kind != b"moov":
            continue
        for tkind, tpayload, tend in iter_mp4_boxes(fh, payload, end):
            if tkind != b"trak":
                continue
            for hkind, hpayload, _ in iter_mp4_boxes(fh, tpayload, tend):
                if hkind == b"tkhd":
                    wide = _read_at(fh, hpayload, 1)[0] == 1
                    offset = hpayload + 4 + (8 + 4 + 4 + 8 if wide else 4 + 4 + 4 + 4 + 4) + 8 + 8 + 36
                    w, h = struct.unpack(">II", _read_at(fh, offset, 8))
                    sizes.append((w / 65536.0, h / 65536.0))
    return top, sizes
