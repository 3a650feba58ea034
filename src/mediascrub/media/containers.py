"""Container parsing in one place: JPEG segments, PNG chunks, RIFF (WebP) chunks, GIF sub-blocks.

Pure functions over bytes; used by the loader, the metadata inspector and the output allow-list check.
"""

from __future__ import annotations

import functools
import struct
import zlib
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import BinaryIO

import numpy as np


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


def gif_table_bytes(flags: int) -> int:
    """The size in bytes of the colour table a GIF screen or image descriptor's ``flags`` announce (0: none)."""
    return 3 * (2 ** ((flags & 7) + 1)) if flags & 0x80 else 0


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


# --- JPEG tables and scans -------------------------------------------------------------------------
#
# What a container walk can still check inside the tables and scan headers: every quantisation and
# Huffman table is one a scan really uses, holds only values a JPEG image can use, the quantisation
# tables are the standard (IJG) ones, and no scan rewrites coefficients an earlier scan set (the
# earlier scans would then hold a whole second picture no decoder shows). The header fields of
# JFIF and Adobe APP14 must be the plain ones every fresh encoder writes.

#: The JFIF header a fresh file carries: version 1.01, no density unit, 1:1, no thumbnail.
JFIF_PLAIN = b"JFIF\x00\x01\x01\x00\x00\x01\x00\x01\x00\x00"
#: Adobe APP14 as libjpeg writes it: version 100, no flags; the last byte is the colour transform.
ADOBE_PLAIN = b"Adobe\x00\x64\x00\x00\x00\x00"

#: The example tables of the JPEG standard (Annex K) that libjpeg scales by quality; natural (row) order.
IJG_LUMA = (
    16, 11, 10, 16, 24, 40, 51, 61, 12, 12, 14, 19, 26, 58, 60, 55, 14, 13, 16, 24, 40, 57, 69, 56,
    14, 17, 22, 29, 51, 87, 80, 62, 18, 22, 37, 56, 68, 109, 103, 77, 24, 35, 55, 64, 81, 104, 113, 92,
    49, 64, 78, 87, 103, 121, 120, 101, 72, 92, 95, 98, 112, 100, 103, 99,
)
IJG_CHROMA = (17, 18, 24, 47, 99, 99, 99, 99, 18, 21, 26, 66, 99, 99, 99, 99, 24, 26, 56, 99, 99, 99, 99, 99,
              47, 66, 99, 99, 99, 99, 99, 99) + (99,) * 32
#: ZIGZAG[i] is the natural-order position of the i-th value stored in a DQT segment.
ZIGZAG = (
    0, 1, 8, 16, 9, 2, 3, 10, 17, 24, 32, 25, 18, 11, 4, 5, 12, 19, 26, 33, 40, 48, 41, 34, 27, 20, 13, 6, 7, 14, 21,
    28, 35, 42, 49, 56, 57, 50, 43, 36, 29, 22, 15, 23, 30, 37, 44, 51, 58, 59, 52, 45, 38, 31, 39, 46, 53, 60, 61,
    54, 47, 55, 62, 63,
)


def ijg_table(quality: int, chroma: bool = False) -> tuple[int, ...]:
    """libjpeg's table for ``quality`` (1-100, as ``jpeg_set_quality`` with baseline limits); natural order."""
    scale = 5000 // quality if quality < 50 else 200 - 2 * quality
    return tuple(min(255, max(1, (v * scale + 50) // 100)) for v in (IJG_CHROMA if chroma else IJG_LUMA))


_IJG_TABLES = {ijg_table(q, c): (q, c) for c in (False, True) for q in range(1, 101)}


def ijg_quality(table: tuple[int, ...]) -> int | None:
    """The libjpeg quality whose luminance or chrominance table is exactly ``table`` (natural order), else None."""
    hit = _IJG_TABLES.get(tuple(int(v) for v in table))
    return hit[0] if hit else None


def _dqt_tables(body: bytes) -> list[tuple[int, tuple[int, ...]]]:
    """(table id, 64 values in natural order) for each table in a DQT body (lengths already checked)."""
    out = []
    i = 0
    while i < len(body):
        wide, tid = body[i] >> 4, body[i] & 15
        raw = body[i + 1 : i + 1 + (128 if wide else 64)]
        values = [int.from_bytes(raw[2 * k : 2 * k + 2], "big") for k in range(64)] if wide else list(raw)
        natural = [0] * 64
        for k, v in enumerate(values):
            natural[ZIGZAG[k]] = v
        out.append((tid, tuple(natural)))
        i += 1 + (128 if wide else 64)
    return out


def _dht_tables(body: bytes) -> list[tuple[int, int, list[int], bytes]]:
    """(class 0 DC / 1 AC, table id, 16 code counts, values) for each table in a DHT body."""
    out = []
    i = 0
    while i + 17 <= len(body):
        counts = list(body[i + 1 : i + 17])
        n = sum(counts)
        out.append((body[i] >> 4, body[i] & 15, counts, body[i + 17 : i + 17 + n]))
        i += 17 + n
    return out


def _huffman_problem(cls: int, counts: list[int], values: bytes) -> str | None:
    """Whether a Huffman table could have been written for a real image: a valid prefix code whose
    values are symbols an 8-bit JPEG uses, each once."""
    room = 1
    for n in counts:  # Kraft: at each length, the codes left must cover the ones declared
        room = room * 2 - n
        if room < 0:
            return "a JPEG Huffman table that is not a valid code"
    if len(set(values)) != len(values):
        return "a JPEG Huffman table listing a value twice"
    if cls == 0:
        bad = [v for v in values if v > 11]
    else:
        bad = [v for v in values if (v & 15) > 10]
    return f"a JPEG Huffman table holding {len(bad)} values no 8-bit image uses" if bad else None


def _jpeg_table_use_problems(data: bytes, segments: list[tuple[int, int, int]]) -> list[str]:
    """Tables no scan uses, table values no image uses, non-standard quantisation tables, scans that
    overwrite earlier ones (in the order a decoder meets them)."""
    problems: list[str] = []
    quant: dict[int, list[object]] = {}  # table id -> [values, used?]
    huff: dict[tuple[int, int], list[object]] = {}
    unused_q = unused_h = 0
    components: dict[int, int] = {}  # component id -> quantisation table id
    latched: dict[int, tuple[int, ...]] = {}  # component id -> the table its first scan latched
    progressive = False
    coef_state: dict[tuple[int, int], int] = {}  # (component, coefficient) -> lowest bit sent so far
    scanned: set[int] = set()
    overwrites = 0
    for marker, start, _stop in segments:
        m = start
        while data[m + 1] == 0xFF:
            m += 1
        if marker not in (0xDB, 0xC4, 0xDA) and marker not in JPEG_FRAMES:
            continue
        body = data[m + 4 : m + 2 + int.from_bytes(data[m + 2 : m + 4], "big")]
        if _jpeg_table_problem(marker, body):
            continue  # reported by the caller
        if marker == 0xDB:
            for tid, table in _dqt_tables(body):
                if tid in quant and not quant[tid][1]:
                    unused_q += 1
                quant[tid] = [table, False]
        elif marker == 0xC4:
            for cls, tid, counts, values in _dht_tables(body):
                if (cls, tid) in huff and not huff[(cls, tid)][1]:
                    unused_h += 1
                problem = _huffman_problem(cls, counts, values)
                if problem:
                    problems.append(f"{HIDDEN}: {problem}")
                huff[(cls, tid)] = [values, False]
        elif marker in JPEG_FRAMES:
            progressive = marker == 0xC2
            components = {body[6 + 3 * k]: body[8 + 3 * k] for k in range(body[5])}
        else:  # SOS
            n = body[0]
            comps = [(body[1 + 2 * k], body[2 + 2 * k] >> 4, body[2 + 2 * k] & 15) for k in range(n)]
            ss, se, ah, al = body[1 + 2 * n], body[2 + 2 * n], body[3 + 2 * n] >> 4, body[3 + 2 * n] & 15
            for comp, dc, ac in comps:
                qid = components.get(comp)
                if comp not in latched and qid in quant:
                    quant[qid][1] = True
                    latched[comp] = quant[qid][0]  # type: ignore[assignment]
                if ss == 0 and ah == 0 and (dc_t := huff.get((0, dc))) is not None:
                    dc_t[1] = True
                if se > 0 and (ac_t := huff.get((1, ac))) is not None:
                    ac_t[1] = True
                if not progressive:
                    overwrites += comp in scanned
                    scanned.add(comp)
                    continue
                for k in range(ss, se + 1):
                    sent = coef_state.get((comp, k))
                    if (ah == 0 and sent is not None) or (ah > 0 and (sent != ah or al != ah - 1)):
                        overwrites += 1
                        break
                for k in range(ss, se + 1):
                    coef_state[(comp, k)] = al
    unused_q += sum(1 for t in quant.values() if not t[1])
    unused_h += sum(1 for t in huff.values() if not t[1])
    if unused_q:
        problems.append(f"{HIDDEN}: {unused_q} JPEG quantisation table(s) no image component uses")
    if unused_h:
        problems.append(f"{HIDDEN}: {unused_h} JPEG Huffman table(s) no scan uses")
    if overwrites:
        problems.append(f"{HIDDEN}: JPEG scans that overwrite what earlier scans drew (a second picture can hide there)")
    if any(ijg_quality(t) is None for t in latched.values()):
        problems.append("JPEG quantisation tables that are not the standard ones (they identify the camera or "
                        "editor and can carry data: replaced by standard tables)")
    return problems


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
            if body.startswith(b"JFIF\x00") and len(body) == 14 and body[12:14] == b"\x00\x00":
                if body != JFIF_PLAIN:
                    left.append("JPEG JFIF header fields (version, density unit or density) other than the plain ones")
            else:
                left.append(f"JPEG {jpeg_app_name(marker, body)}")
        elif marker == 0xEE:
            if not (body.startswith(b"Adobe") and len(body) == 12):
                left.append("JPEG APP14 segment")
            elif body[:11] != ADOBE_PLAIN or body[11] > 2:
                left.append("JPEG Adobe APP14 header fields other than the plain ones")
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
    elif not any(p.startswith(f"{HIDDEN}: JPEG") and "wrong length" in p for p in left):
        left.extend(_jpeg_table_use_problems(data, segments))
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
    end = _lzw_end_bits(bytes(stream), min_code)
    if end is None:
        return i, 0, False
    return i, len(stream) - (end + 7) // 8, True


@functools.cache
def _gif_run_offsets(min_code: int) -> tuple[np.ndarray, np.ndarray]:
    """Width and bit offset of each of the first 4096 codes after a clear code of a GIF image's LZW data:
    the first code adds nothing to the table, each later one an entry; the width grows when the next free
    code reaches the next power of two, up to 12 bits."""
    widths = np.empty(4097, dtype=np.int64)
    width, next_code = min_code + 1, (1 << min_code) + 2
    for k in range(4097):
        widths[k] = width
        if k and next_code < 4096:
            next_code += 1
            if next_code == (1 << width) and width < 12:
                width += 1
    return widths, np.concatenate([[0], np.cumsum(widths)])


def _lzw_end_bits(stream: bytes, min_code: int) -> int | None:
    """The bit position right after the end-of-information code of a GIF image's LZW data (None: no end
    code). Follows only code widths, a whole run between clear codes at a time."""
    clear, eoi = 1 << min_code, (1 << min_code) + 1
    buf = np.frombuffer(stream + b"\x00\x00\x00", dtype=np.uint8).astype(np.int64)
    total = len(stream) * 8
    pos = 0
    widths, offsets = _gif_run_offsets(min_code)
    while True:
        count = min(len(widths), int(np.searchsorted(offsets[1:], total - pos, side="right")))
        if count == 0:
            return None
        starts = pos + offsets[:count]
        w = widths[:count]
        byte = starts >> 3
        word = buf[byte] | (buf[byte + 1] << 8) | (buf[byte + 2] << 16)
        codes = (word >> (starts & 7)) & ((1 << w) - 1)
        stops = np.nonzero((codes == clear) | (codes == eoi))[0]
        if len(stops):
            k = int(stops[0])
            pos += int(offsets[k + 1])
            if codes[k] == eoi:
                return pos
            widths, offsets = _gif_run_offsets(min_code)  # a clear code: widths start again
            continue
        if count < len(widths):
            return None
        pos += int(offsets[count])  # the table is full and no clear code came: 12-bit codes go on
        widths = np.full(4097, 12, dtype=np.int64)
        offsets = np.concatenate([[0], np.cumsum(widths)])


def gif_leftovers(data: bytes) -> list[str]:
    """Comments, plain text, unknown extensions, bytes after the LZW end code, anything after the trailer."""
    left: list[str] = []
    if data[:6] not in (b"GIF87a", b"GIF89a") or len(data) < 13:
        return ["GIF structure not understood (no header)"]
    try:
        flags = data[10]
        i = 13 + gif_table_bytes(flags)
        images = 0
        while i < len(data):
            b = data[i]
            if b == 0x3B:
                if i + 1 < len(data):
                    left.append(f"data after the end of the image ({len(data) - i - 1} bytes: trailer)")
                return left if images else left + ["GIF has no image"]
            if b == 0x2C:
                lflags = data[i + 9]
                i += 10 + gif_table_bytes(lflags)
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


_IDENTITY_MATRIX = struct.pack(">9i", 0x10000, 0, 0, 0, 0x10000, 0, 0, 0, 0x40000000)

# What an MP4 may hold to count as clean: exactly what mediascrub's writer (FFmpeg's MP4 muxer,
# bitexact, faststart, its user data removed) produces, field by field. A box, a field or a byte
# beyond that is listed by :func:`mp4_leftovers`, so ``check`` and the output verification use
# one definition.

#: Brands a clean file type box may name (the ones MP4 and QuickTime writers use).
MP4_BRANDS = frozenset({
    b"isom", b"iso2", b"iso3", b"iso4", b"iso5", b"iso6", b"mp41", b"mp42", b"avc1", b"M4V ", b"M4VH", b"M4VP",
    b"qt  ", b"3gp4", b"3gp5", b"3gp6", b"3g2a", b"mmp4", b"MSNV", b"dash",
})
#: Handler names FFmpeg writes; any other text in a handler box (a phone's "Core Media Video", or words
#: planted there) is listed.
MP4_HANDLER_NAMES = frozenset({b"VideoHandler", b"SoundHandler", b""})
#: Track kinds (handler types) a clean file holds.
_TRACK_KINDS = frozenset({b"vide", b"soun"})
#: Boxes allowed inside each box; anything else (udta, meta, uuid/XMP, tref, chapters, cover art) is listed.
_MP4_CHILDREN: dict[bytes, frozenset[bytes]] = {
    b"": frozenset({b"ftyp", b"moov", b"mdat", b"free", b"skip", b"wide"}),
    b"moov": frozenset({b"mvhd", b"trak"}),
    b"trak": frozenset({b"tkhd", b"edts", b"mdia"}),
    b"edts": frozenset({b"elst"}),
    b"mdia": frozenset({b"mdhd", b"hdlr", b"minf"}),
    b"minf": frozenset({b"vmhd", b"smhd", b"dinf", b"stbl"}),
    b"dinf": frozenset({b"dref"}),
    b"stbl": frozenset({b"stsd", b"stts", b"stss", b"ctts", b"stsc", b"stsz", b"stco", b"co64", b"sgpd", b"sbgp",
                        b"sdtp", b"cslg"}),
}
#: Sample descriptions allowed in stsd (H.264 video, AAC sound), and the boxes allowed inside each.
MP4_ALLOWED_SAMPLE_ENTRIES = {
    b"avc1": frozenset({b"avcC", b"pasp", b"btrt", b"colr", b"fiel"}),
    b"mp4a": frozenset({b"esds", b"btrt"}),
}
#: Boxes of a sample description that hold a few numbers of a fixed size (payload bytes).
_FIXED_ENTRY_BOXES = {b"btrt": 12, b"pasp": 8, b"fiel": 2}
#: Sample groups with a known, fixed-size payload (AAC's pre-roll: one signed 16-bit distance each).
_SAMPLE_GROUPS = frozenset({b"roll", b"prol"})
#: H.264 NAL unit types that carry the picture: coded slices (non-IDR and IDR).
_H264_PICTURE_NALS = frozenset({1, 5})
_H264_NAL_NAMES = {6: "SEI messages", 7: "sequence parameter sets", 8: "picture parameter sets",
                   9: "access unit delimiters", 10: "end of sequence markers", 11: "end of stream markers",
                   12: "filler data"}
#: Samples per track a file may declare before its sample table is not walked (a guard on memory).
MAX_SAMPLES = 10_000_000
_VISUAL_ENTRY_HEADER = 78
_AUDIO_ENTRY_HEADER = 28


def _read_at(fh: BinaryIO, pos: int, n: int) -> bytes:
    fh.seek(pos)
    data = fh.read(n)
    if len(data) < n:
        raise Mp4ParseError(f"cut short at {pos}")
    return data


def _name(kind: bytes) -> str:
    return "".join(ch if ch.isprintable() else "?" for ch in kind.decode("latin-1"))


@dataclass
class _Mp4Track:
    handler: bytes = b""
    entries: list[bytes] = field(default_factory=list)
    nal_length: int = 0  # avcC's NAL unit length size (1, 2 or 4), 0 when not H.264
    sample_size: int = 0  # stsz: one size for every sample, or 0 (sizes listed)
    sample_count: int = 0
    sizes: list[int] = field(default_factory=list)
    chunks: list[int] = field(default_factory=list)
    stsc: list[tuple[int, int]] = field(default_factory=list)  # (first chunk, samples per chunk)
    groups: set[bytes] = field(default_factory=set)
    walkable: bool = True

    def samples(self) -> Iterator[tuple[int, int]]:
        """(offset, size) of every sample, from the chunk offsets, samples-per-chunk runs and sizes."""
        k = 0
        runs = self.stsc + [(len(self.chunks) + 1, 0)]
        for (first, per), (nxt, _) in zip(runs, runs[1:], strict=False):
            for chunk in range(first, min(nxt, len(self.chunks) + 1)):
                pos = self.chunks[chunk - 1]
                for _ in range(per):
                    if k >= self.sample_count:
                        return
                    size = self.sample_size or self.sizes[k]
                    yield pos, size
                    pos += size
                    k += 1


class _Mp4Audit:
    """One walk over an MP4 file: every box, field and byte that a clean file would not hold."""

    def __init__(self, fh: BinaryIO, size: int) -> None:
        self.fh = fh
        self.size = size
        self.found: dict[str, int] = {}
        self.tracks: list[_Mp4Track] = []
        self.mdats: list[tuple[int, int]] = []
        self.track: _Mp4Track | None = None

    def note(self, what: str) -> None:
        self.found[what] = self.found.get(what, 0) + 1

    def hidden(self, what: str) -> None:
        self.note(f"{HIDDEN}: {what}")

    def fields(self, where: str, ok: bool) -> None:
        if not ok:
            self.hidden(f"{where} has reserved or fixed fields that are not what a writer puts there")

    def boxes(self, start: int, end: int, where: str) -> Iterator[tuple[bytes, int, int, str]]:
        pos = start
        for kind, payload, box_end in iter_mp4_boxes(self.fh, start, end):
            yield kind, payload, box_end, f"{where}/{_name(kind)}" if where else _name(kind)
            pos = box_end
        if pos != end:
            self.hidden(f"{end - pos} bytes after the last box in {where or 'the file'}")

    def walk(self, start: int, end: int, where: str, parent: bytes) -> None:
        allowed = _MP4_CHILDREN[parent]
        for kind, payload, box_end, path in self.boxes(start, end, where):
            if kind not in allowed:
                self.note(path)
                continue
            body = payload
            if kind == b"trak":
                self.track = _Mp4Track()
                self.tracks.append(self.track)
            if kind in _MP4_CHILDREN:
                self.walk(body, box_end, path, kind)
                continue
            check = getattr(self, "box_" + kind.decode("latin-1").strip(), None)
            if check is not None:
                data = _read_at(self.fh, body, box_end - body) if kind not in (b"mdat", b"free", b"skip", b"wide") else b""
                check(data, path, body, box_end)

    # -- top level ---------------------------------------------------------------------------

    def box_ftyp(self, data: bytes, where: str, start: int, end: int) -> None:
        if len(data) < 8 or len(data) % 4:
            self.hidden(f"{where} of the wrong length")
            return
        brands = {data[0:4]} | {data[i : i + 4] for i in range(8, len(data), 4)}
        if brands - MP4_BRANDS:
            self.note(f"{where}: brands that are not a standard MP4 or QuickTime one")

    def box_mdat(self, data: bytes, where: str, start: int, end: int) -> None:
        self.mdats.append((start, end))

    def box_free(self, data: bytes, where: str, start: int, end: int) -> None:
        if end > start:
            self.hidden(f"{end - start} bytes in a free-space box ({where})")

    box_skip = box_wide = box_free

    # -- movie and track headers -------------------------------------------------------------

    def _full(self, data: bytes, where: str, sizes: dict[int, int]) -> tuple[int, int] | None:
        """(version, flags) of a full box whose body must be ``sizes[version]`` bytes long."""
        if len(data) < 4 or data[0] not in sizes or len(data) != sizes[data[0]]:
            self.hidden(f"{where} of the wrong length or an unknown version")
            return None
        return data[0], int.from_bytes(data[1:4], "big")

    def _dates(self, data: bytes, where: str, wide: bool) -> None:
        created, modified = struct.unpack(">QQ" if wide else ">II", data[4 : 20 if wide else 12])
        if created or modified:
            self.note(f"{where} creation/modification date")

    def box_mvhd(self, data: bytes, where: str, start: int, end: int) -> None:
        vf = self._full(data, where, {0: 100, 1: 112})
        if vf is None:
            return
        wide = vf[0] == 1
        self._dates(data, where, wide)
        rest = data[32:] if wide else data[20:]  # after the dates, timescale and duration
        rate, volume = struct.unpack(">IH", rest[0:6])
        self.fields(where, vf[1] == 0 and rate == 0x10000 and volume == 0x100 and not any(rest[6:16])
                    and not any(rest[52:76]))
        if rest[16:52] != _IDENTITY_MATRIX:
            self.note(f"{where} matrix (rotation or scaling)")

    def box_tkhd(self, data: bytes, where: str, start: int, end: int) -> None:
        vf = self._full(data, where, {0: 84, 1: 96})
        if vf is None:
            return
        wide = vf[0] == 1
        self._dates(data, where, wide)
        reserved1 = data[16:20] if not wide else data[24:28]
        rest = data[24:] if not wide else data[36:]
        layer, group, volume, reserved2 = struct.unpack(">hHHH", rest[8:16])
        width, height = struct.unpack(">II", rest[52:60])
        self.fields(where, vf[1] & ~0xF == 0 and not any(reserved1) and not any(rest[0:8]) and layer == 0 and group <= 1
                    and volume in (0, 0x100) and reserved2 == 0 and not (width & 0xFFFF) and not (height & 0xFFFF))
        if rest[16:52] != _IDENTITY_MATRIX:
            self.note(f"{where} rotation matrix")

    def box_mdhd(self, data: bytes, where: str, start: int, end: int) -> None:
        vf = self._full(data, where, {0: 24, 1: 36})
        if vf is None:
            return
        self._dates(data, where, vf[0] == 1)
        language, pre_defined = struct.unpack(">HH", data[-4:])
        self.fields(where, vf[1] == 0 and pre_defined == 0 and not language & 0x8000)
        if language != 0x55C4:  # "und": a language code is set by whoever wrote the file
            self.note(f"{where} language code")

    def box_hdlr(self, data: bytes, where: str, start: int, end: int) -> None:
        if len(data) < 24:
            self.hidden(f"{where} of the wrong length")
            return
        handler = data[8:12]
        self.fields(where, data[0:8] == b"\0" * 8 and not any(data[12:24]))
        if handler not in _TRACK_KINDS:
            self.note(f"{where} track kind {_name(handler)!r}")
        if self.track is not None:
            self.track.handler = handler
        name = data[24:]
        if name.endswith(b"\0"):
            name = name[:-1]
        if name not in MP4_HANDLER_NAMES:
            self.note(f"{where} handler name (not the standard one)")

    def box_vmhd(self, data: bytes, where: str, start: int, end: int) -> None:
        vf = self._full(data, where, {0: 12})
        self.fields(where, vf is None or (vf[1] == 1 and not any(data[4:])))

    def box_smhd(self, data: bytes, where: str, start: int, end: int) -> None:
        vf = self._full(data, where, {0: 8})
        self.fields(where, vf is None or (vf[1] == 0 and not any(data[4:])))

    def box_dref(self, data: bytes, where: str, start: int, end: int) -> None:
        # One self-contained entry: a 'url ' with flag 1 and no location (the media is in this file).
        if data != b"\0\0\0\0\0\0\0\x01\0\0\0\x0curl \0\0\0\x01":
            self.note(f"{where}: a data reference that is not 'in this file'")

    def box_elst(self, data: bytes, where: str, start: int, end: int) -> None:
        if len(data) < 8:
            self.hidden(f"{where} of the wrong length")
            return
        count = int.from_bytes(data[4:8], "big")
        each = 20 if data[0] == 1 else 12
        if data[0] > 1 or len(data) != 8 + each * count:
            self.hidden(f"{where} of the wrong length or an unknown version")
            return
        rates = [data[8 + each * k + each - 4 : 8 + each * (k + 1)] for k in range(count)]
        self.fields(where, data[1:4] == b"\0\0\0" and all(r == b"\0\x01\0\0" for r in rates))

    # -- sample tables ----------------------------------------------------------------------

    def _table(self, data: bytes, where: str, each: int, head: int = 8) -> int | None:
        """Entry count of a full box with a count at ``head - 4`` and ``each``-byte entries that must fill it."""
        if len(data) < head:
            self.hidden(f"{where} of the wrong length")
            return None
        count = int.from_bytes(data[head - 4 : head], "big")
        if len(data) != head + each * count:
            self.hidden(f"{where} of the wrong length ({len(data) - head - each * count:+d} bytes)")
            return None
        self.fields(where, data[1:4] == b"\0\0\0" and data[0] in (0, 1))
        return count

    def box_stts(self, data: bytes, where: str, start: int, end: int) -> None:
        self._table(data, where, 8)

    def box_ctts(self, data: bytes, where: str, start: int, end: int) -> None:
        self._table(data, where, 8)

    def box_stss(self, data: bytes, where: str, start: int, end: int) -> None:
        self._table(data, where, 4)

    def box_stsc(self, data: bytes, where: str, start: int, end: int) -> None:
        count = self._table(data, where, 12)
        if count is not None and self.track is not None:
            self.track.stsc = [struct.unpack(">II", data[8 + 12 * k : 16 + 12 * k]) for k in range(count)]

    def box_stsz(self, data: bytes, where: str, start: int, end: int) -> None:
        if len(data) < 12:
            self.hidden(f"{where} of the wrong length")
            return
        size, count = struct.unpack(">II", data[4:12])
        if len(data) != 12 + (0 if size else 4 * count):
            self.hidden(f"{where} of the wrong length")
            return
        self.fields(where, data[0:4] == b"\0\0\0\0")
        if self.track is not None:
            self.track.sample_size, self.track.sample_count = size, count
            if not size and count <= MAX_SAMPLES:
                self.track.sizes = list(struct.unpack(f">{count}I", data[12:]))

    def box_stco(self, data: bytes, where: str, start: int, end: int) -> None:
        count = self._table(data, where, 4)
        if count is not None and self.track is not None:
            self.track.chunks = list(struct.unpack(f">{count}I", data[8:]))

    def box_co64(self, data: bytes, where: str, start: int, end: int) -> None:
        count = self._table(data, where, 8)
        if count is not None and self.track is not None:
            self.track.chunks = list(struct.unpack(f">{count}Q", data[8:]))

    def box_sdtp(self, data: bytes, where: str, start: int, end: int) -> None:
        if len(data) < 4 or (self.track is not None and self.track.sample_count and len(data) != 4 + self.track.sample_count):
            self.hidden(f"{where} of the wrong length")

    def box_cslg(self, data: bytes, where: str, start: int, end: int) -> None:
        self._full(data, where, {0: 24, 1: 44})

    def box_sgpd(self, data: bytes, where: str, start: int, end: int) -> None:
        # version 1: grouping type, default length, entry count, entries (each 2 bytes: a roll distance)
        if len(data) < 12 or data[0] not in (1, 2) or data[1:4] != b"\0\0\0":
            self.note(f"{where}: a sample group description not written by a plain encoder")
            return
        kind = data[4:8]
        head = 16
        length = int.from_bytes(data[8:12], "big") if data[0] == 1 else 2
        count = int.from_bytes(data[head - 4 : head], "big") if len(data) >= head else -1
        if kind not in _SAMPLE_GROUPS or length != 2 or len(data) != head + 2 * count:
            self.hidden(f"{where} payload (sample group {_name(kind)!r})")
            return
        if self.track is not None:
            self.track.groups.add(kind)

    def box_sbgp(self, data: bytes, where: str, start: int, end: int) -> None:
        head = 16 if data[:1] == b"\x01" else 12
        count = self._table(data, where, 8, head)
        if count is not None and (data[4:8] not in _SAMPLE_GROUPS or (self.track is not None and data[4:8] not in self.track.groups)):
            self.hidden(f"{where} for an unknown sample group")

    def box_stsd(self, data: bytes, where: str, start: int, end: int) -> None:
        if len(data) < 8:
            self.hidden(f"{where} of the wrong length")
            return
        self.fields(where, data[0:4] == b"\0\0\0\0")
        entries = list(self.boxes(start + 8, end, where))
        if int.from_bytes(data[4:8], "big") != len(entries):
            self.hidden(f"{where} entry count")
        for kind, payload, entry_end, path in entries:
            allowed = MP4_ALLOWED_SAMPLE_ENTRIES.get(kind)
            if self.track is not None:
                self.track.entries.append(kind)
            if allowed is None:
                self.note(path)
                continue
            visual = kind == b"avc1"
            head = _VISUAL_ENTRY_HEADER if visual else _AUDIO_ENTRY_HEADER
            if entry_end - payload < head:
                self.hidden(f"{path} of the wrong length")
                continue
            fixed = _read_at(self.fh, payload, head)
            if visual:
                self._visual_entry(fixed, path)
            else:
                self._audio_entry(fixed, path)
            for child, cpayload, cend, cpath in self.boxes(payload + head, entry_end, path):
                if child not in allowed:
                    self.note(cpath)
                    continue
                data = _read_at(self.fh, cpayload, cend - cpayload)
                if child in _FIXED_ENTRY_BOXES:
                    self.entry_fixed(data, cpath, _FIXED_ENTRY_BOXES[child])
                else:
                    getattr(self, "entry_" + child.decode("latin-1"))(data, cpath)

    def _visual_entry(self, h: bytes, where: str) -> None:
        (dref, pre1, res1) = struct.unpack(">HHH", h[6:12])
        hres, vres, res2, frames = struct.unpack(">IIIH", h[28:42])
        depth, pre3 = struct.unpack(">Hh", h[74:78])
        self.fields(where, not any(h[0:6]) and dref == 1 and pre1 == 0 and res1 == 0 and not any(h[12:24])
                    and hres == vres == 0x480000 and res2 == 0 and frames == 1 and depth == 0x18 and pre3 == -1)
        if any(h[42:74]):
            self.note(f"{where} compressor name")

    def _audio_entry(self, h: bytes, where: str) -> None:
        dref, version, revision, vendor, channels, bits, pre, res, rate = struct.unpack(">HHHIHHHHI", h[6:28])
        self.fields(where, not any(h[0:6]) and dref == 1 and version == 0 and revision == 0 and vendor == 0
                    and 1 <= channels <= 8 and bits == 16 and pre == 0 and res == 0 and not rate & 0xFFFF)

    def entry_fixed(self, data: bytes, where: str, length: int) -> None:
        """btrt (buffer size, bit rates), pasp (pixel aspect), fiel (field order): fixed-size numbers."""
        if len(data) != length:
            self.hidden(f"{where} of the wrong length")

    def entry_colr(self, data: bytes, where: str) -> None:
        kind = data[0:4]
        if kind in (b"prof", b"rICC"):
            self.note(f"{where}: an ICC colour profile")
        elif not ((kind == b"nclx" and len(data) == 11 and not data[10] & 0x7F) or (kind == b"nclc" and len(data) == 10)):
            self.hidden(f"{where} of the wrong length or an unknown kind")

    def entry_avcC(self, data: bytes, where: str) -> None:
        """An AVC configuration exactly as long as what it declares: its parameter sets, the High
        profile extension (chroma format, bit depths), nothing after."""
        problem = avcc_problem(data)
        if problem:
            self.hidden(f"{where}: {problem}")
        elif self.track is not None:
            self.track.nal_length = (data[4] & 3) + 1

    def entry_esds(self, data: bytes, where: str) -> None:
        problem = esds_problem(data)
        if problem:
            self.hidden(f"{where}: {problem}")

    # -- the media data ---------------------------------------------------------------------

    def account_samples(self, nal_scan: bool) -> None:
        """Every byte of every mdat belongs to a sample of a track; H.264 samples hold only picture data."""
        spans: list[tuple[int, int]] = []
        for t in self.tracks:
            if t.sample_count > MAX_SAMPLES or not t.walkable or len(t.entries) != 1:
                self.note(f"a track whose samples cannot be accounted for ({t.sample_count} samples)")
                continue
            if (not t.sample_size and len(t.sizes) != t.sample_count) or not t.stsc:
                if t.sample_count:
                    self.hidden("a sample table that does not describe every sample")
                continue
            n = 0
            nals: dict[str, int] = {}
            for off, size in t.samples():
                spans.append((off, off + size))
                n += 1
                if nal_scan and t.nal_length and t.handler == b"vide":
                    for what in self._nal_problems(off, size, t.nal_length):
                        nals[what] = nals.get(what, 0) + 1
            if n != t.sample_count:
                self.hidden(f"a sample table whose chunks hold {n} of its {t.sample_count} samples")
            for what, count in nals.items():
                self.found[what] = self.found.get(what, 0) + count
        spans.sort()
        covered: list[tuple[int, int]] = []
        for s, e in spans:
            if covered and s < covered[-1][1] and e > s:
                self.hidden("samples that overlap each other")
            if covered and s <= covered[-1][1]:
                covered[-1] = (covered[-1][0], max(covered[-1][1], e))
            else:
                covered.append((s, e))
        unused = 0
        for ms, me in self.mdats:
            inside = sum(max(0, min(e, me) - max(s, ms)) for s, e in covered)
            unused += (me - ms) - inside
        if unused:
            self.hidden(f"{unused} bytes in the media data (mdat) that no frame or sound sample uses")
        outside = sum(e - s for s, e in covered) - sum(
            max(0, min(e, me) - max(s, ms)) for s, e in covered for ms, me in self.mdats)
        if outside:
            self.hidden(f"{outside} bytes of samples lie outside the media data (mdat)")

    def _nal_problems(self, off: int, size: int, length: int) -> Iterator[str]:
        data = _read_at(self.fh, off, size)
        pos = 0
        while pos < size:
            if pos + length > size:
                yield f"{HIDDEN}: H.264 frames with bytes after their last NAL unit"
                return
            n = int.from_bytes(data[pos : pos + length], "big")
            if n == 0 or pos + length + n > size:
                yield f"{HIDDEN}: H.264 frames with a NAL unit length that does not fit"
                return
            head = data[pos + length]
            kind = head & 0x1F
            if head & 0x80:
                yield f"{HIDDEN}: H.264 NAL units with the forbidden bit set"
            elif kind == 6:
                yield ("H.264 SEI user data in the video frames (encoder settings or free text)"
                       if _sei_user_data(data[pos + length + 1 : pos + length + n])
                       else "H.264 SEI messages in the video frames")
            elif kind not in _H264_PICTURE_NALS:
                yield f"H.264 {_H264_NAL_NAMES.get(kind, f'NAL units of type {kind}')} in the video frames"
            pos += length + n


def _sei_user_data(rbsp: bytes) -> bool:
    """Whether an SEI NAL unit's payload holds a user data message (registered or unregistered: free bytes)."""
    i = 0
    while i < len(rbsp) and rbsp[i] != 0x80:
        kind = 0
        while i < len(rbsp) and rbsp[i] == 0xFF:
            kind += 255
            i += 1
        if i >= len(rbsp):
            return False
        kind += rbsp[i]
        i += 1
        size = 0
        while i < len(rbsp) and rbsp[i] == 0xFF:
            size += 255
            i += 1
        if i >= len(rbsp):
            return False
        size += rbsp[i]
        i += 1 + size
        if kind in (4, 5):
            return True
    return False


def avcc_problem(data: bytes) -> str | None:
    """What is wrong with an AVC decoder configuration record, or None when every byte is accounted for."""
    if len(data) < 7 or data[0] != 1:
        return "an H.264 configuration (avcC) that is not understood"
    if data[4] & 0xFC != 0xFC or data[4] & 3 == 2 or data[5] & 0xE0 != 0xE0:
        return "reserved bits in the H.264 configuration (avcC) that are not set as the standard says"
    i = 5
    for count_mask, nal_type in ((0x1F, 7), (0xFF, 8)):
        if i >= len(data):
            return "an H.264 configuration (avcC) cut short"
        count = data[i] & count_mask
        i += 1
        for _ in range(count):
            if i + 2 > len(data):
                return "an H.264 configuration (avcC) cut short"
            n = int.from_bytes(data[i : i + 2], "big")
            if n == 0 or i + 2 + n > len(data) or data[i + 2] & 0x1F != nal_type:
                return "an H.264 configuration (avcC) with a parameter set that does not fit"
            i += 2 + n
    if i < len(data) and data[1] in (100, 110, 122, 144):
        ext = data[i : i + 4]
        if len(ext) < 4 or ext[0] & 0xFC != 0xFC or ext[1] & 0xF8 != 0xF8 or ext[2] & 0xF8 != 0xF8:
            return f"{len(data) - i} bytes after the H.264 configuration (avcC)"
        i += 4
        for _ in range(ext[3]):
            n = int.from_bytes(data[i : i + 2], "big")
            i += 2 + n
    if i != len(data):
        return f"{len(data) - i} bytes after the H.264 configuration (avcC)"
    return None


def _descriptor(data: bytes, i: int, tag: int) -> tuple[int, int] | None:
    """(body start, body end) of an MPEG-4 descriptor with ``tag`` at ``i`` (1 to 4 length bytes)."""
    if i >= len(data) or data[i] != tag:
        return None
    i += 1
    n = 0
    for _ in range(4):
        if i >= len(data):
            return None
        b = data[i]
        i += 1
        n = (n << 7) | (b & 0x7F)
        if not b & 0x80:
            return (i, i + n) if i + n <= len(data) else None
    return None


def aac_config_problem(asc: bytes) -> str | None:
    """An AAC-LC AudioSpecificConfig as an encoder writes it: object type 2, a standard sampling rate,
    1 or 2 channels, plain GA settings, optionally the explicit 'no SBR' signal; every bit accounted for."""
    if len(asc) < 2:
        return "an AAC configuration cut short"
    bits = int.from_bytes(asc, "big")
    total = 8 * len(asc)

    def take(at: int, n: int) -> int:
        return (bits >> (total - at - n)) & ((1 << n) - 1)

    if take(0, 5) != 2 or take(5, 4) > 12 or take(9, 4) not in (1, 2) or take(13, 3) != 0:
        return "an audio configuration that is not plain AAC-LC"
    used = 16
    if total - used >= 16 and take(16, 11) == 0x2B7:
        if take(27, 5) != 5 or take(32, 1) != 0:
            return "an AAC configuration with extensions (SBR/PS) that mediascrub does not write"
        used = 33
    rest = total - used
    if rest >= 8 or (rest and take(used, rest)):
        return f"{(rest + 7) // 8} bytes after the AAC configuration"
    return None


def esds_problem(data: bytes) -> str | None:
    """An elementary stream descriptor holding exactly an AAC decoder configuration and a plain SL config."""
    if data[:4] != b"\0\0\0\0":
        return "an audio descriptor (esds) that is not understood"
    es = _descriptor(data, 4, 3)
    if es is None or es[1] != len(data):
        return "bytes after the audio descriptor (esds)"
    i = es[0] + 3
    if data[es[0] + 2] != 0:  # no dependency, URL or OCR stream
        return "an audio descriptor (esds) that points elsewhere"
    dc = _descriptor(data, i, 4)
    if dc is None or dc[1] - dc[0] < 13:
        return "an audio descriptor (esds) that is not understood"
    if data[dc[0]] != 0x40 or data[dc[0] + 1] != 0x15:  # MPEG-4 audio, audio stream, reserved bit 1
        return "an audio stream that is not MPEG-4 AAC"
    dsi = _descriptor(data, dc[0] + 13, 5)
    if dsi is None or dsi[1] != dc[1]:
        return "bytes after the AAC configuration"
    problem = aac_config_problem(data[dsi[0] : dsi[1]])
    if problem:
        return problem
    sl = _descriptor(data, dc[1], 6)
    if sl is None or data[sl[0] : sl[1]] != b"\x02" or sl[1] != es[1]:
        return "bytes after the AAC configuration"
    return None


def mp4_leftovers(fh: BinaryIO, size: int, *, max_tracks: int = 2, samples: bool = True) -> list[str]:
    """Everything in an MP4 file beyond what a clean file holds, as short descriptions naming where
    ("moov/udta", "hidden bytes: 120 bytes in a free-space box (free)", "H.264 SEI user data ...").

    Boxes outside the allow-list (user data, meta, uuid/XMP, chapters, cover art, timed-metadata
    tracks); only video/sound tracks, at most ``max_tracks``; sample descriptions H.264 (avc1) and
    AAC (mp4a) with every field as a writer sets it and their configurations (avcC, esds) exactly
    as long as they declare; zero dates, identity matrices, standard handler names, zero reserved
    fields, sample groups with known payloads, no bytes in free boxes or after the last box.
    ``samples``: also account for the media data: every byte of every mdat belongs to a sample, and
    every H.264 sample holds only coded picture slices (no SEI, no filler, no other NAL units); it
    reads the whole file. An unparsable file is itself a leftover.
    """
    audit = _Mp4Audit(fh, size)
    try:
        audit.walk(0, size, "", b"")
        if samples:
            audit.account_samples(nal_scan=True)
    except Mp4ParseError as exc:
        audit.note(f"unparsable MP4 ({exc})")
    except (struct.error, IndexError, ValueError) as exc:
        audit.note(f"unparsable MP4 ({exc.__class__.__name__})")
    if len(audit.tracks) > max_tracks:
        audit.note(f"{len(audit.tracks)} tracks (at most {max_tracks} allowed)")
    return [what if count == 1 else f"{what} ({count} times)" for what, count in audit.found.items()]


def strip_mp4(src: BinaryIO, size: int, dest: BinaryIO) -> list[str]:
    """Copy an MP4 written by FFmpeg with its index first (faststart) into ``dest`` without the user data
    box (FFmpeg always writes an empty ``udta/meta/ilst``) and without free-space boxes; every chunk
    offset is moved by the bytes removed before it. Returns the box types removed.

    Raises Mp4ParseError for a layout it does not expect (anything but ftyp, moov, free, mdat)."""
    top = _with_starts(iter_mp4_boxes(src, 0, size), 0)
    kinds = [k for k, _, _, _ in top]
    if kinds[:2] != [b"ftyp", b"moov"] or any(k not in (b"free", b"skip", b"mdat") for k in kinds[2:]):
        raise Mp4ParseError("unexpected box layout: " + " ".join(_name(k) for k in kinds))
    removed: list[str] = []
    _, moov_start, mp, me = top[1]
    if mp - moov_start != 8:
        raise Mp4ParseError("a 64-bit movie box")
    children = []
    for kind, start, _, end in _with_starts(iter_mp4_boxes(src, mp, me), mp):
        if kind == b"udta":
            removed.append("udta")
        else:
            children.append(_read_at(src, start, end - start))
    moov = bytearray(struct.pack(">I4s", 8 + sum(map(len, children)), b"moov") + b"".join(children))
    pos = top[0][3] + len(moov)  # the mdat boxes follow ftyp and the new moov, in their order
    shifts: list[tuple[int, int, int]] = []  # (old payload start, old end, shift)
    for kind, start, payload, end in top[2:]:
        if kind != b"mdat":
            removed.append(_name(kind))
            continue
        shifts.append((payload, end, pos - start))
        pos += end - start
    _move_chunk_offsets(moov, shifts)
    dest.write(_read_at(src, 0, top[0][3]))
    dest.write(bytes(moov))
    for kind, start, _, end in top[2:]:
        if kind != b"mdat":
            continue
        src.seek(start)
        left = end - start
        while left:
            chunk = src.read(min(left, 1 << 20))
            if not chunk:
                raise Mp4ParseError("the media data is cut short")
            dest.write(chunk)
            left -= len(chunk)
    return removed


def _with_starts(boxes: Iterator[tuple[bytes, int, int]], start: int) -> list[tuple[bytes, int, int, int]]:
    """(type, box start, payload start, end) of boxes that follow each other from ``start``."""
    out = []
    for kind, payload, end in boxes:
        out.append((kind, start, payload, end))
        start = end
    return out


def _move_chunk_offsets(moov: bytearray, shifts: list[tuple[int, int, int]]) -> None:
    """Move every stco/co64 entry in a movie box (in place) by the shift of the mdat it points into."""

    def shift_of(offset: int) -> int:
        for s, e, d in shifts:
            if s <= offset < e:
                return d
        raise Mp4ParseError(f"a chunk offset ({offset}) outside the media data")

    def walk(start: int, end: int) -> None:
        pos = start
        while pos + 8 <= end:
            n, kind = struct.unpack(">I4s", moov[pos : pos + 8])
            if n < 8 or pos + n > end:
                raise Mp4ParseError("a box in the movie box runs past its end")
            if kind in (b"trak", b"mdia", b"minf", b"stbl"):
                walk(pos + 8, pos + n)
            elif kind in (b"stco", b"co64"):
                each = 4 if kind == b"stco" else 8
                count = int.from_bytes(moov[pos + 12 : pos + 16], "big")
                for k in range(count):
                    at = pos + 16 + each * k
                    old = int.from_bytes(moov[at : at + each], "big")
                    new = old + shift_of(old)
                    if not 0 <= new < 1 << (8 * each):
                        raise Mp4ParseError("a chunk offset that no longer fits")
                    moov[at : at + each] = new.to_bytes(each, "big")
            pos += n

    walk(8, len(moov))


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
