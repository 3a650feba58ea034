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
import zlib
from collections.abc import Callable
from dataclasses import dataclass

import numpy as np
from hostile_corpus import _png_join as _png
from hostile_corpus import _png_parts as _png_chunks
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




# --- transparency, palettes, 16-bit samples, padding bits, animation (PNG, WebP, TIFF, GIF, HEIC) ---

HIDE = (slice(10, 40), slice(10, 50))  # where the erased picture sits: 30 x 40 pixels


def _erased_rgba(width: int = 64, height: int = 48) -> np.ndarray:
    """A photo with a fully transparent hole whose colour is the marker's pattern (drawn, then erased to alpha 0)."""
    rgba = np.dstack([photo(width, height), np.full((height, width), 255, np.uint8)])
    rgba[HIDE[0], HIDE[1], :3] = pattern(30, 40)[..., None]
    rgba[HIDE[0], HIDE[1], 3] = 0
    rgba[2:6, 2:6, 3] = 128  # some partial transparency, which stays as it is
    return rgba


def _frames(out: bytes) -> list[Image.Image]:
    img = Image.open(io.BytesIO(out))
    frames = []
    for k in range(int(getattr(img, "n_frames", 1) or 1)):
        img.seek(k)
        frames.append(img.convert("RGBA"))
    return frames


def erased_shows(out: bytes) -> bool:
    """Whether any frame shows the pattern in the erased hole once transparency is dropped."""
    return any(shows_pattern(np.asarray(f)[HIDE[0], HIDE[1], :3]) for f in _frames(out))


def any_frame_shows(out: bytes) -> bool:
    return any(shows_pattern(np.asarray(f)[..., :3]) for f in _frames(out))


def _png_raw(out: bytes) -> tuple[bytes, int, int, int, int]:
    """(decompressed image data, width, height, depth, colour type) of a PNG; b'' for another format."""
    if not out.startswith(b"\x89PNG"):
        return b"", 0, 0, 0, 0
    parts = _png_chunks(out)
    w, h, depth, colour = struct.unpack(">IIBB", parts[0][1][:10])
    return zlib.decompress(b"".join(b for t, b in parts if t == b"IDAT")), w, h, depth, colour


def _palette_png(indices: np.ndarray, palette: bytes, trns: bytes | None = None, depth: int = 8) -> bytes:
    h, w = indices.shape
    rows = b"".join(b"\x00" + bytes(np.packbits(r.astype(np.uint8)) if depth == 1 else r.astype(np.uint8).tobytes())
                    for r in indices)
    parts = [(b"IHDR", struct.pack(">IIBBBBB", w, h, depth, 3, 0, 0, 0)), (b"PLTE", palette)]
    if trns is not None:
        parts.append((b"tRNS", trns))
    return _png(parts + [(b"IDAT", zlib.compress(rows)), (b"IEND", b"")])


def _png_hidings() -> list[Hiding]:
    rgba = _erased_rgba()
    la = _save(Image.fromarray(rgba).convert("LA"), "PNG")
    # palette + tRNS: the hole drawn with two palette colours, both fully transparent
    quant = Image.fromarray(photo()).quantize(64)
    indices = np.asarray(quant).copy()
    indices[HIDE] = np.where(pattern(30, 40) > 0, 65, 64)
    palette = (quant.getpalette() or [])[: 64 * 3] + [0, 0, 0, 255, 255, 255]
    trns = bytes([255] * 64 + [0, 0])
    pal_erased = _palette_png(indices, bytes(palette), trns)
    # unused palette and transparency entries spelling the marker
    unused_plte = _palette_png(np.asarray(quant), bytes((quant.getpalette() or [])[: 64 * 3]) + MARKER + b"\x00")
    unused_trns = _palette_png(np.asarray(quant), bytes((quant.getpalette() or [])[: 64 * 3]) + bytes(3 * 12),
                               bytes([255] * 64) + MARKER)
    # an APNG frame beyond the count it declares
    frames = [Image.fromarray(photo(seed=s)) for s in (1, 2)] + [Image.fromarray(pattern(48, 64)).convert("RGB")]
    apng = _png_chunks(_save(frames[0], "PNG", save_all=True, append_images=frames[1:], duration=100, loop=0))
    apng = [(t, struct.pack(">II", 2, 0) if t == b"acTL" else b) for t, b in apng]
    # 16-bit samples whose low bytes spell the marker
    grey16 = (photo()[..., 0].astype(np.uint16) << 8) | np.resize(np.frombuffer(MARKER, np.uint8), (48, 64))
    rows16 = b"".join(b"\x00" + r.astype(">u2").tobytes() for r in grey16)
    png16 = _png([(b"IHDR", struct.pack(">IIBBBBB", 64, 48, 16, 0, 0, 0, 0)), (b"IDAT", zlib.compress(rows16)),
                  (b"IEND", b"")])
    # 1-bit rows of 13 pixels: 3 padding bits a row carry the marker's bits
    bits = np.unpackbits(np.frombuffer(MARKER * 4, np.uint8))
    picture = (photo(13, 40)[..., 0] > 120).astype(np.uint8)
    rows1 = b""
    for y, row in enumerate(picture):
        packed = np.concatenate([row, bits[3 * y : 3 * y + 3]])
        rows1 += b"\x00" + bytes(np.packbits(packed))
    png1 = _png([(b"IHDR", struct.pack(">IIBBBBB", 13, 40, 1, 0, 0, 0, 0)), (b"IDAT", zlib.compress(rows1)), (b"IEND", b"")])
    return [
        Hiding("rgba-erased.png", _save(Image.fromarray(rgba), "PNG"), "colour under transparent pixels (PNG RGBA)",
               erased_shows),
        Hiding("la-erased.png", la, "grey under transparent pixels (PNG LA)", erased_shows),
        Hiding("palette-erased.png", pal_erased, "palette colours under transparency (PNG palette + tRNS)", erased_shows),
        Hiding("unused-palette.png", unused_plte, "unused PNG palette entries", lambda out: _palette_has(out, MARKER)),
        Hiding("unused-trns.png", unused_trns, "unused PNG transparency entries", lambda out: _trns_has(out, MARKER)),
        Hiding("apng-extra-frame.png", _png(apng), "an APNG frame beyond the declared count",
               lambda out: sum(1 for t, _ in _png_chunks(out) if t == b"fcTL") > 2 or any_frame_shows(out)),
        Hiding("sixteen-bit.png", png16, "low bytes of 16-bit samples", lambda out: _low_bytes_have(out, MARKER)),
        Hiding("padding-bits.png", png1, "padding bits of 1-bit rows", lambda out: _padding_bits_have(out, bits[:64])),
    ]


def _palette_has(out: bytes, needle: bytes) -> bool:
    return needle in out or any(t == b"PLTE" and needle in b for t, b in (_png_chunks(out) if out[:4] == b"\x89PNG" else []))


def _trns_has(out: bytes, needle: bytes) -> bool:
    return needle in out or any(t == b"tRNS" and needle in b for t, b in (_png_chunks(out) if out[:4] == b"\x89PNG" else []))


def _low_bytes_have(out: bytes, needle: bytes) -> bool:
    raw, w, h, depth, colour = _png_raw(out)
    if depth != 16:
        return needle in out
    samples = {0: 1, 2: 3, 4: 2, 6: 4}[colour]
    stride = 1 + 2 * w * samples
    low = b"".join(raw[y * stride + 2 : (y + 1) * stride : 2] for y in range(h))  # filter 0 rows only
    return needle[:4] in low


def _padding_bits_have(out: bytes, bits: np.ndarray) -> bool:
    raw, w, h, depth, colour = _png_raw(out)
    if depth >= 8 or not raw:
        return False
    stride = (w * depth + 7) // 8
    spare = stride * 8 - w * depth
    found = [np.unpackbits(np.frombuffer(raw[y * (stride + 1) + stride : y * (stride + 1) + stride + 1], np.uint8))[-spare:]
             for y in range(h)]
    got = np.concatenate(found) if found else np.zeros(0, np.uint8)
    return bool(len(got) >= len(bits) and np.array_equal(got[: len(bits)], bits))


def _webp_hidings() -> list[Hiding]:
    rgba = Image.fromarray(_erased_rgba())
    frames = [Image.fromarray(photo(seed=s)) for s in range(len(MARKER))]
    timed = _save(frames[0], "WEBP", save_all=True, append_images=frames[1:], duration=list(MARKER), loop=0, lossless=True)
    return [
        Hiding("lossless-erased.webp", _save(rgba, "WEBP", lossless=True, exact=True),
               "colour under transparent pixels (lossless WebP)", erased_shows),
        Hiding("lossy-erased.webp", _save(rgba, "WEBP", quality=95, exact=True),
               "colour under transparent pixels (lossy WebP)", erased_shows),
        Hiding("durations.webp", timed, "animated WebP frame durations spelling the marker (ms)",
               lambda out: _delays(out, 1) [: len(MARKER)] == list(MARKER)),
    ]


def _delays(out: bytes, unit: int) -> list[int]:
    img = Image.open(io.BytesIO(out))
    delays = []
    for k in range(int(getattr(img, "n_frames", 1) or 1)):
        img.seek(k)
        img.load()  # Pillow reads a WebP frame's duration when it decodes it
        delays.append(int(img.info.get("duration", 0)) // unit)
    return delays


def _heif_hidings() -> list[Hiding]:
    try:
        import pillow_heif
    except ImportError:  # pragma: no cover - a test dependency
        return []
    pillow_heif.register_heif_opener()
    data = _save(Image.fromarray(_erased_rgba()), "HEIF", quality=-1)  # lossless: the pattern is exact
    return [Hiding("alpha-erased.heic", data, "colour under transparency of a HEIC turned into JPEG", erased_shows)]


def _gif(frames: list[tuple[np.ndarray, bytes, int, int, int | None, int]], width: int, height: int,
         loop: int | None = 0, gct: bytes | None = None) -> bytes:
    """A GIF written by hand: (indices, local colour table or b'', x, y, transparent index, delay in cs) per frame."""
    bits = lambda table: max(1, (len(table) // 3 - 1).bit_length())  # noqa: E731
    out = b"GIF89a" + struct.pack("<HHBBB", width, height, (0x80 | (bits(gct) - 1)) if gct else 0, 0, 0) + (gct or b"")
    if loop is not None:
        out += b"\x21\xff\x0bNETSCAPE2.0\x03\x01" + struct.pack("<H", loop) + b"\x00"
    for indices, table, x, y, transparent, delay in frames:
        out += b"\x21\xf9\x04" + bytes([0x08 | (1 if transparent is not None else 0)]) + struct.pack("<H", delay)
        out += bytes([transparent or 0, 0])
        h, w = indices.shape
        flags = (0x80 | (bits(table) - 1)) if table else 0
        out += b"\x2c" + struct.pack("<HHHHB", x, y, w, h, flags) + table
        out += _lzw_stored(indices.astype(np.uint8).ravel().tobytes(), max(2, bits(table or gct or b"\x00" * 6)))
    return out + b"\x3b"


def _lzw_stored(pixels: bytes, min_code: int) -> bytes:
    """GIF LZW data that never builds strings: a clear code before the table would grow (simple and valid)."""
    clear, end = 1 << min_code, (1 << min_code) + 1
    width = min_code + 1
    codes: list[int] = []
    room = (1 << width) - (end + 1) - 1
    for k, p in enumerate(pixels):
        if k % room == 0:
            codes.append(clear)
        codes.append(p)
    codes.append(end)
    acc = nbits = 0
    stream = bytearray()
    for c in codes:
        acc |= c << nbits
        nbits += width
        while nbits >= 8:
            stream.append(acc & 255)
            acc >>= 8
            nbits -= 8
    if nbits:
        stream.append(acc & 255)
    blocks = b"".join(bytes([len(stream[i : i + 255])]) + stream[i : i + 255] for i in range(0, len(stream), 255))
    return bytes([min_code]) + blocks + b"\x00"


def _gif_hidings() -> list[Hiding]:
    grey = photo()[..., 1] // 64  # 4 grey levels
    table = b"".join(bytes([v, v, v]) for v in (0, 85, 170, 255))
    gct_unused = table + MARKER + b"\x00" + bytes(3 * 16 - len(table) - len(MARKER) - 1)
    still = _gif([(grey, b"", 0, 0, None, 0)], 64, 48, loop=None, gct=gct_unused)
    # an animation whose second frame shows nothing: every pixel transparent, its colour table the marker
    blank_table = b"\x00\x00\x00" + MARKER + bytes(3 * 8 - 3 - len(MARKER))
    blank = _gif([(grey, b"", 0, 0, None, 10), (np.zeros((48, 64), np.uint8), blank_table, 0, 0, 0, 10),
                  (3 - grey, b"", 0, 0, None, 10)], 64, 48, gct=table)
    # a frame reaching 40 pixels beyond the canvas; the part outside shows the pattern
    wide = np.zeros((48, 64), np.uint8)
    wide[:, 24:] = (pattern(48, 40) > 0) * 3
    outside = _gif([(grey, b"", 0, 0, None, 10), (wide, b"", 40, 0, None, 10)], 64, 48, gct=table)
    # frame delays (cs) and loop count spelling the marker
    timed = _gif([((grey + k) % 4, b"", 0, 0, None, b) for k, b in enumerate(MARKER)], 64, 48,
                 loop=int.from_bytes(MARKER[:2], "little"), gct=table)
    return [
        Hiding("unused-colours.gif", still, "unused GIF colour table entries", has_bytes(MARKER)),
        Hiding("blank-frame.gif", blank, "a fully transparent GIF frame (its colour table holds the marker)",
               has_bytes(MARKER)),
        Hiding("off-canvas.gif", outside, "a GIF frame placed partly off the canvas",
               lambda out: any(shows_pattern(np.asarray(f)[:, 64:104, :3]) for f in _frames(out) if f.size[0] >= 104)),
        Hiding("delays.gif", timed, "GIF frame delays and loop count spelling the marker",
               lambda out: _delays(out, 10)[: len(MARKER)] == list(MARKER) or MARKER[:2] in out),
    ]


def _tiff(width: int, height: int, strips: list[bytes], *, photometric: int = 2, spp: int = 3, bps: int = 8,
          compression: int = 1, rows: int | None = None, tile: tuple[int, int] | None = None,
          extra: list[tuple[int, int, int, bytes]] | None = None) -> bytes:
    """A little-endian TIFF written by hand: strips (or tiles) as given; ``extra``: (tag, type, count, value bytes)."""
    data = b"II*\x00" + b"\x00" * 4
    offsets = []
    for s in strips:
        offsets.append(len(data))
        data += s + (b"\x00" if len(s) & 1 else b"")
    entries: list[tuple[int, int, int, bytes]] = [
        (256, 4, 1, struct.pack("<I", width)), (257, 4, 1, struct.pack("<I", height)),
        (258, 3, spp, struct.pack(f"<{spp}H", *([bps] * spp))), (259, 3, 1, struct.pack("<H", compression)),
        (262, 3, 1, struct.pack("<H", photometric)), (277, 3, 1, struct.pack("<H", spp)),
    ]
    if tile:
        entries += [(322, 4, 1, struct.pack("<I", tile[0])), (323, 4, 1, struct.pack("<I", tile[1])),
                    (324, 4, len(strips), struct.pack(f"<{len(strips)}I", *offsets)),
                    (325, 4, len(strips), struct.pack(f"<{len(strips)}I", *(len(s) for s in strips)))]
    else:
        entries += [(273, 4, len(strips), struct.pack(f"<{len(strips)}I", *offsets)),
                    (278, 4, 1, struct.pack("<I", rows or height)),
                    (279, 4, len(strips), struct.pack(f"<{len(strips)}I", *(len(s) for s in strips)))]
    if spp in (2, 4):
        entries.append((338, 3, 1, struct.pack("<H", 2)))
    entries = sorted(entries + (extra or []))
    values = b""
    ifd_at = len(data)
    value_at = ifd_at + 2 + 12 * len(entries) + 4
    table = struct.pack("<H", len(entries))
    for tag, typ, count, raw in entries:
        if len(raw) <= 4:
            table += struct.pack("<HHI", tag, typ, count) + raw.ljust(4, b"\x00")
        else:
            table += struct.pack("<HHII", tag, typ, count, value_at + len(values))
            values += raw + (b"\x00" if len(raw) & 1 else b"")
    data += table + b"\x00\x00\x00\x00" + values
    return data[:4] + struct.pack("<I", ifd_at) + data[8:]


def _lzw_strip(raw: bytes, width: int, height: int) -> bytes:
    """A TIFF LZW strip as Pillow (libtiff) writes it."""
    img = Image.frombytes("RGB", (width, height), raw)
    data = _save(img, "TIFF", compression="tiff_lzw")
    with Image.open(io.BytesIO(data)) as t:
        offset, count = t.tag_v2[273], t.tag_v2[279]
    offset = offset[0] if isinstance(offset, tuple) else offset
    count = count[0] if isinstance(count, tuple) else count
    return data[offset : offset + count]


def _tiff_hidings() -> list[Hiding]:
    pic = photo()
    raw = pic.tobytes()
    rgba = _erased_rgba()
    # tiles of 16 x 16 over a 40 x 30 picture: the padding (8 columns, 2 rows) holds the pattern
    full = np.zeros((32, 48, 3), np.uint8)
    full[:, :, :] = np.repeat(pattern(32, 48)[..., None], 3, axis=2)
    full[:30, :40] = photo(40, 30)
    tiles = [full[ty : ty + 16, tx : tx + 16].tobytes() for ty in (0, 16) for tx in (0, 16, 32)]
    indices = np.asarray(Image.fromarray(pic).quantize(16)).astype(np.uint8)
    pal = Image.fromarray(pic).quantize(16).getpalette() or []
    cmap = [v * 257 for v in pal[0:48:3]] + [0] * 240 + [v * 257 for v in pal[1:48:3]] + [0] * 240 + \
           [v * 257 for v in pal[2:48:3]] + [0] * 240
    marker_words = list(struct.unpack("<6H", MARKER + b"\x00"))
    cmap[20:26] = marker_words  # unused red entries spell the marker
    grey16 = (pic[..., 0].astype(np.uint16) << 8) | np.resize(np.frombuffer(MARKER, np.uint8), (48, 64))
    return [
        Hiding("rgba-erased.tif", _save(Image.fromarray(rgba), "TIFF"), "colour under transparent pixels (TIFF RGBA)",
               erased_shows),
        Hiding("strip-slack.tif", _tiff(64, 48, [raw + MARKER * 3]), "bytes inside a TIFF strip's declared length",
               has_bytes(MARKER)),
        Hiding("lzw-slack.tif", _tiff(64, 48, [_lzw_strip(raw, 64, 48) + MARKER], compression=5),
               "bytes after the end code of an LZW strip", has_bytes(MARKER)),
        Hiding("tile-padding.tif", _tiff(40, 30, tiles, tile=(16, 16)), "TIFF tile padding beyond the picture",
               lambda out: _tile_padding_shows(out)),
        Hiding("colormap.tif", _tiff(64, 48, [indices.tobytes()], photometric=3, spp=1, bps=8,
                                     extra=[(320, 3, 768, struct.pack("<768H", *cmap))]),
               "unused TIFF ColorMap entries", has_bytes(MARKER[:10])),
        Hiding("oversized.tif", _tiff(64, 48, [raw], extra=[(282, 5, 2, struct.pack("<II", 72, 1) + MARKER[:8]),
                                                           (283, 5, 1, struct.pack("<II", 72, 1)),
                                                           (296, 3, 1, struct.pack("<H", 2))]),
               "a TIFF value longer than its tag needs", has_bytes(MARKER[:8])),
        Hiding("sixteen-bit.tif", _tiff(64, 48, [grey16.astype("<u2").tobytes()], photometric=1, spp=1, bps=16),
               "low bytes of 16-bit TIFF samples", lambda out: _tiff_low_bytes_have(out, MARKER)),
    ]


def _tile_padding_shows(out: bytes) -> bool:
    if not out.startswith(b"II*\x00"):
        return False
    with Image.open(io.BytesIO(out)) as img:
        if 322 not in img.tag_v2:
            return False
    return True  # a tiled output keeps tiles: only the input is tiled here


def _tiff_low_bytes_have(out: bytes, needle: bytes) -> bool:
    with Image.open(io.BytesIO(out)) as img:
        if not img.mode.startswith("I;16"):
            return False
        low = np.asarray(img).astype(np.uint16) & 255
    return needle[:4] in low.astype(np.uint8).tobytes()


def picture_hidings() -> list[Hiding]:
    return _png_hidings() + _webp_hidings() + _heif_hidings() + _gif_hidings() + _tiff_hidings()


def hidings() -> list[Hiding]:
    return _jpeg_hidings() + picture_hidings()


__all__ = ["MARKER", "Hiding", "hidings", "pattern", "shows_pattern", "photo"]
