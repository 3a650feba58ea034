"""A seeded hostile corpus: files carrying a marker string in every place data can hide.

``sources()`` gives hand-made files: the marker in ordinary metadata (EXIF, XMP, IPTC, COM,
PNG text, TIFF tags, trailers) and clean-looking files hiding it where a segment-type allow-list
does not look (bytes after the zlib stream in IDAT, extra PNG rows, bytes at the end of VP8/VP8L
data, bytes after TIFF image data, a JPEG DNL segment, bytes between the scan and EOI, bytes after
a GIF frame's LZW end code). ``mutants()`` derives a few hundred seeded variants from them: byte
flips, truncations, duplicated and misplaced segments or chunks, bad CRCs, wrong RIFF sizes.
"""

from __future__ import annotations

import io
import random
import struct
import zlib
from dataclasses import dataclass

import numpy as np
import piexif
from PIL import Image, TiffImagePlugin

MARKER = b"HOSTILE-MARKER-5e1f"


@dataclass(frozen=True)
class Sample:
    name: str  # file name, with the extension its content needs
    data: bytes
    hidden: bool  # carries the marker somewhere a decoder does not need


def _pixels(width: int = 48, height: int = 40, seed: int = 1) -> np.ndarray:
    rng = np.random.default_rng(seed)
    y, x = np.mgrid[0:height, 0:width]
    img = np.stack([x * 255 // width, y * 255 // height, (x + y) * 3 % 256], axis=-1) + rng.integers(-8, 8, (height, width, 3))
    return np.clip(img, 0, 255).astype(np.uint8)


def _save(fmt: str, **kw: object) -> bytes:
    buf = io.BytesIO()
    image = Image.fromarray(_pixels())
    if fmt == "GIF":
        image = image.convert("P", palette=Image.Palette.ADAPTIVE)
    image.save(buf, fmt, **kw)
    return buf.getvalue()


# --- JPEG ---------------------------------------------------------------------------------------


def _segment(marker: int, body: bytes) -> bytes:
    return bytes([0xFF, marker]) + struct.pack(">H", len(body) + 2) + body


def _insert_after_soi(jpeg: bytes, segment: bytes) -> bytes:
    return jpeg[:2] + segment + jpeg[2:]


def _jpeg_sources() -> list[Sample]:
    clean = _save("JPEG", quality=90)
    exif = piexif.dump({"0th": {piexif.ImageIFD.Make: MARKER, piexif.ImageIFD.Artist: MARKER}, "Exif": {}, "GPS": {}})
    xmp = b"http://ns.adobe.com/xap/1.0/\x00<x:xmpmeta><rdf:Description creator='" + MARKER + b"'/></x:xmpmeta>"
    record = b"\x1c\x02\x50" + struct.pack(">H", len(MARKER)) + MARKER
    iptc = b"Photoshop 3.0\x008BIM\x04\x04\x00\x00" + struct.pack(">I", len(record)) + record
    eoi = clean.rindex(b"\xff\xd9")
    return [
        Sample("exif.jpg", _insert_after_soi(clean, _segment(0xE1, b"Exif\x00\x00" + exif)), False),
        Sample("xmp.jpg", _insert_after_soi(clean, _segment(0xE1, xmp)), False),
        Sample("iptc.jpg", _insert_after_soi(clean, _segment(0xED, iptc)), False),
        Sample("com.jpg", _insert_after_soi(clean, _segment(0xFE, MARKER)), False),
        Sample("app5.jpg", _insert_after_soi(clean, _segment(0xE5, MARKER)), False),
        Sample("trailer.jpg", clean + MARKER * 3, False),
        Sample("dnl.jpg", clean[:eoi] + _segment(0xDC, struct.pack(">H", 40) + MARKER) + clean[eoi:], True),
        Sample("before-eoi.jpg", clean[:eoi] + MARKER + clean[eoi:], True),
        Sample("after-eoi-zero.jpg", clean + b"\x00" * 8 + MARKER, False),
        Sample("progressive.jpg", _insert_after_soi(_save("JPEG", quality=80, progressive=True), _segment(0xFE, MARKER)), False),
    ]


# --- PNG ----------------------------------------------------------------------------------------


def _chunk(ctype: bytes, body: bytes) -> bytes:
    return struct.pack(">I", len(body)) + ctype + body + struct.pack(">I", zlib.crc32(ctype + body))


def _png_parts(data: bytes) -> list[tuple[bytes, bytes]]:
    parts, i = [], 8
    while i < len(data):
        n = struct.unpack(">I", data[i : i + 4])[0]
        parts.append((data[i + 4 : i + 8], data[i + 8 : i + 8 + n]))
        i += 12 + n
    return parts


def _png_join(parts: list[tuple[bytes, bytes]]) -> bytes:
    return b"\x89PNG\r\n\x1a\n" + b"".join(_chunk(t, b) for t, b in parts)


def _png_sources() -> list[Sample]:
    clean = _save("PNG")
    parts = _png_parts(clean)
    ihdr = parts[0]
    idat = b"".join(b for t, b in parts if t == b"IDAT")
    raw = zlib.decompress(idat)
    row = len(raw) // 40
    extra_rows = zlib.compress(raw + (b"\x00" + (MARKER * 20)[: row - 1]) * 2, 0)  # stored: the marker stays readable
    after_stream = idat + MARKER
    text = [ihdr, (b"tEXt", b"Author\x00" + MARKER), *parts[1:]]
    itxt = [ihdr, (b"iTXt", b"Comment\x00\x00\x00\x00\x00" + MARKER), *parts[1:]]
    ztxt = [ihdr, (b"zTXt", b"Comment\x00\x00" + zlib.compress(MARKER, 0)), *parts[1:]]
    return [
        Sample("text.png", _png_join(text), False),
        Sample("itxt.png", _png_join(itxt), False),
        Sample("ztxt.png", _png_join(ztxt), False),
        Sample("exif.png", _png_join([ihdr, (b"eXIf", b"MM\x00*" + MARKER), *parts[1:]]), False),
        Sample("private-chunk.png", _png_join([ihdr, (b"prVt", MARKER), *parts[1:]]), False),
        Sample("trailer.png", clean + MARKER, False),
        Sample("idat-after-stream.png", _png_join([ihdr, (b"IDAT", after_stream), (b"IEND", b"")]), True),
        Sample("extra-rows.png", _png_join([ihdr, (b"IDAT", extra_rows), (b"IEND", b"")]), True),
        Sample("iend-body.png", _png_join([ihdr, (b"IDAT", idat), (b"IEND", MARKER)]), True),
    ]


# --- WebP ---------------------------------------------------------------------------------------


def _riff(chunks: list[tuple[bytes, bytes]]) -> bytes:
    body = b"WEBP" + b"".join(t + struct.pack("<I", len(b)) + b + (b"\x00" if len(b) & 1 else b"") for t, b in chunks)
    return b"RIFF" + struct.pack("<I", len(body)) + body


def _webp_image(data: bytes) -> tuple[bytes, bytes]:
    n = struct.unpack("<I", data[16:20])[0]
    return data[12:16], data[20 : 20 + n]


def _webp_sources() -> list[Sample]:
    lossy = _webp_image(_save("WEBP", quality=85))
    lossless = _webp_image(_save("WEBP", lossless=True))
    vp8x = bytes([0b00001100, 0, 0, 0]) + struct.pack("<I", 47)[:3] + struct.pack("<I", 39)[:3]
    return [
        Sample("exif.webp", _riff([(b"VP8X", vp8x), lossy, (b"EXIF", b"MM\x00*" + MARKER), (b"XMP ", MARKER)]), False),
        Sample("trailer.webp", _riff([lossy]) + MARKER, False),
        Sample("unknown-chunk.webp", _riff([lossy, (b"ZZZZ", MARKER)]), False),
        Sample("vp8-tail.webp", _riff([(lossy[0], lossy[1] + MARKER)]), True),
        Sample("vp8l-tail.webp", _riff([(lossless[0], lossless[1] + MARKER)]), True),
    ]


# --- GIF and TIFF -------------------------------------------------------------------------------


def _gif_sources() -> list[Sample]:
    clean = _save("GIF")
    comment = b"\x21\xfe" + bytes([len(MARKER)]) + MARKER + b"\x00"
    # bytes after the LZW end code: a second data sub-block appended to the image's last one
    end = clean.rindex(b"\x00\x3b")
    tail = bytes([len(MARKER)]) + MARKER
    return [
        Sample("comment.gif", clean[:-1] + comment + b"\x3b", False),
        Sample("trailer.gif", clean + MARKER, False),
        Sample("lzw-tail.gif", clean[:end] + tail + clean[end:], True),
    ]


def _tiff_sources() -> list[Sample]:
    info = TiffImagePlugin.ImageFileDirectory_v2()
    info[270] = MARKER.decode()
    buf = io.BytesIO()
    Image.fromarray(_pixels()).save(buf, "TIFF", tiffinfo=info)
    clean = _save("TIFF")
    return [
        Sample("description.tif", buf.getvalue(), False),
        Sample("after-data.tif", clean + MARKER, True),
    ]


def sources() -> list[Sample]:
    return _jpeg_sources() + _png_sources() + _webp_sources() + _gif_sources() + _tiff_sources()


# --- mutants ------------------------------------------------------------------------------------


def _flip(rng: random.Random, data: bytes) -> bytes:
    b = bytearray(data)
    for _ in range(rng.randint(1, 6)):
        i = rng.randrange(len(b))
        b[i] ^= 1 << rng.randrange(8)
    return bytes(b)


def _truncate(rng: random.Random, data: bytes) -> bytes:
    return data[: rng.randrange(1, len(data))]


def _png_shuffle(rng: random.Random, data: bytes) -> bytes:
    parts = _png_parts(data)
    k = rng.randrange(len(parts))
    if rng.random() < 0.5:
        parts.insert(rng.randrange(len(parts) + 1), parts[k])  # duplicated
    else:
        parts.insert(rng.randrange(len(parts) + 1), parts.pop(k))  # misplaced
    return _png_join(parts)


def _png_bad_crc(rng: random.Random, data: bytes) -> bytes:
    parts = _png_parts(data)
    k = rng.randrange(len(parts))
    out = bytearray(b"\x89PNG\r\n\x1a\n")
    for i, (t, b) in enumerate(parts):
        c = _chunk(t, b)
        if i == k:
            c = c[:-4] + bytes(x ^ 0xFF for x in c[-4:])
        out += c
    return bytes(out)


def _jpeg_segments(data: bytes) -> list[bytes]:
    segs, i = [], 2
    while i < len(data) and data[i] == 0xFF and data[i + 1] not in (0xDA, 0xD9):
        n = struct.unpack(">H", data[i + 2 : i + 4])[0]
        segs.append(data[i : i + 2 + n])
        i += 2 + n
    return [data[:2], *segs, data[i:]]


def _jpeg_shuffle(rng: random.Random, data: bytes) -> bytes:
    segs = _jpeg_segments(data)
    head, middle, rest = segs[0], segs[1:-1], segs[-1]
    if not middle:
        return data
    k = rng.randrange(len(middle))
    if rng.random() < 0.5:
        middle.insert(rng.randrange(len(middle) + 1), middle[k])
    else:
        middle.insert(rng.randrange(len(middle) + 1), middle.pop(k))
    if rng.random() < 0.3:  # a table segment moved after the scan
        return head + b"".join(middle[1:]) + rest[:-2] + middle[0] + rest[-2:]
    return head + b"".join(middle) + rest


def _riff_size(rng: random.Random, data: bytes) -> bytes:
    size = struct.unpack("<I", data[4:8])[0] + rng.choice([-7, -2, -1, 1, 2, 9, 1000])
    return data[:4] + struct.pack("<I", max(0, size)) + data[8:]


def mutants(base: list[Sample], count: int = 300, seed: int = 14) -> list[Sample]:
    rng = random.Random(seed)
    out: list[Sample] = []
    for n in range(count):
        sample = base[n % len(base)]
        ops = [_flip, _truncate]
        ext = sample.name.rsplit(".", 1)[1]
        if ext == "png":
            ops += [_png_shuffle, _png_bad_crc]
        elif ext == "jpg":
            ops += [_jpeg_shuffle, _jpeg_shuffle]
        elif ext == "webp":
            ops += [_riff_size, _riff_size]
        op = rng.choice(ops)
        out.append(Sample(f"m{n:03d}-{op.__name__.strip('_')}-{sample.name}", op(rng, sample.data), False))
    return out


__all__ = ["MARKER", "Sample", "sources", "mutants"]
