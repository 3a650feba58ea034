"""Hiding places inside the picture data: what a viewer never sees although every byte is accounted for.

``containers.py`` checks that every byte belongs to a part the picture needs. These functions look inside
those parts, at data a viewer never shows: the colour under fully transparent pixels, palette and
transparency entries no pixel uses, frames beyond the count an animation declares or outside its
canvas, a GIF frame that shows nothing, the padding bits at the end of 1-, 2- and 4-bit rows, low bytes
of 16-bit samples, TIFF strips longer than their data and tile padding beyond the picture, TIFF values
longer than the image needs, and animation timing of free choice. ``check`` runs them on inputs and
the scrub on every output before it is published (mediascrub's own files must pass them).

Each problem of hidden data starts with ``HIDDEN``; other words (an animation's timing, data not
checked byte by byte) make ``check`` say NOT SAFE without failing an output.
"""

from __future__ import annotations

import io
import struct
import warnings
import zlib
from collections.abc import Callable, Iterator

import numpy as np
from PIL import Image, ImageSequence

from .containers import HIDDEN, TIFF_TAG_NAMES, gif_table_bytes, iter_png_chunks, skip_gif_sub_blocks

#: Lossy WebP smears the visible picture into fully transparent pixels up to this far (pixels); beyond it
#: their colour must be one colour (within LOSSY_SPREAD levels for 99% of them).
LOSSY_REACH = 8
LOSSY_SPREAD = 32
TIMING = "animation timing (frame delays or loop count) that can carry data: rounded to common values"


def _open(data: bytes) -> Image.Image:
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        img = Image.open(io.BytesIO(data))
        img.load()
    return img


# --- transparency ---------------------------------------------------------------------------------


def transparent_colour_problem(rgba: np.ndarray, *, lossy: bool = False) -> str | None:
    """Whether the fully transparent pixels of an RGBA picture carry more than one colour (a picture
    drawn and then erased to transparent is still there). For a lossy picture only pixels at least
    LOSSY_REACH from every visible pixel count, and they may spread by LOSSY_SPREAD."""
    transparent = rgba[..., 3] == 0
    if not transparent.any():
        return None
    if lossy:
        import cv2

        distance = cv2.distanceTransform(transparent.astype(np.uint8), cv2.DIST_C, 3)
        colours = rgba[..., :3][transparent & (distance >= LOSSY_REACH)].astype(np.int32)
        if not len(colours):
            return None
        spread = np.abs(colours - np.median(colours, axis=0)).max(axis=1)
        if float(np.percentile(spread, 99)) <= LOSSY_SPREAD:
            return None
    else:
        colours = rgba[..., :3][transparent]
        if bool((colours == colours[0]).all()):
            return None
    return f"{HIDDEN}: colour under {int(transparent.sum())} fully transparent pixel(s) (a picture erased to transparent is still there)"


def timing_problem(delays_ms: list[int], loop: int | None) -> str | None:
    """Whether an animation's delays or loop count differ from what the scrub publishes (they carry data)."""
    from .image import published_delay, published_loop

    if len(delays_ms) < 2:
        return None
    if any(published_delay(d) != d for d in delays_ms) or published_loop(loop) != loop:
        return TIMING
    return None


# --- PNG ------------------------------------------------------------------------------------------

_CHANNELS = {0: 1, 2: 3, 3: 1, 4: 2, 6: 4}
_ADAM7 = ((0, 0, 8, 8), (4, 0, 8, 8), (0, 4, 4, 8), (2, 0, 4, 4), (0, 2, 2, 4), (1, 0, 2, 2), (0, 1, 1, 2))


def _chunk(ctype: bytes, body: bytes) -> bytes:
    return struct.pack(">I", len(body)) + ctype + body + struct.pack(">I", zlib.crc32(ctype + body))


def _unfilter(raw: bytes, width: int, height: int, bits: int) -> Iterator[bytes]:
    """The rows of one (sub)image of PNG image data, filters undone. For the small, low bit depth images
    whose padding bits are checked: plain Python."""
    stride = (width * bits + 7) // 8
    bpp = max(1, bits // 8)
    prev = bytearray(stride)
    i = 0
    for _ in range(height):
        kind, line = raw[i], bytearray(raw[i + 1 : i + 1 + stride])
        i += 1 + stride
        for x in range(stride):
            a = line[x - bpp] if x >= bpp else 0
            b = prev[x]
            c = prev[x - bpp] if x >= bpp else 0
            if kind == 1:
                line[x] = (line[x] + a) & 255
            elif kind == 2:
                line[x] = (line[x] + b) & 255
            elif kind == 3:
                line[x] = (line[x] + (a + b) // 2) & 255
            elif kind == 4:
                p = a + b - c
                pa, pb, pc = abs(p - a), abs(p - b), abs(p - c)
                line[x] = (line[x] + (a if pa <= pb and pa <= pc else b if pb <= pc else c)) & 255
        prev = line
        yield bytes(line)


def _padding_bits_set(raw: bytes, width: int, height: int, bits: int, interlace: int) -> bool:
    """Whether any unused bit at the end of a row (1, 2 and 4 bits per pixel) is set."""
    passes = [(width, height)] if not interlace else [
        ((width - x0 + dx - 1) // dx, (height - y0 + dy - 1) // dy) for x0, y0, dx, dy in _ADAM7]
    offset = 0
    for w, h in passes:
        if w <= 0 or h <= 0:
            continue
        stride = (w * bits + 7) // 8
        spare = stride * 8 - w * bits
        if spare:
            mask = (1 << spare) - 1
            if any(row[-1] & mask for row in _unfilter(raw[offset:], w, h, bits)):
                return True
        offset += h * (1 + stride)
    return False


def png_hidden(data: bytes) -> list[str]:
    """Hiding places inside a PNG's (or APNG's) image data."""
    chunks = [(t, b) for t, b in iter_png_chunks(data) if t != b"<trailer>"]
    if not chunks or chunks[0][0] != b"IHDR" or len(chunks[0][1]) != 13:
        return []
    width, height, depth, colour, _, _, interlace = struct.unpack(">IIBBBBB", chunks[0][1])
    bits = _CHANNELS.get(colour, 4) * depth
    plte = next((b for t, b in chunks if t == b"PLTE"), b"")
    trns = next((b for t, b in chunks if t == b"tRNS"), None)
    actl = next((b for t, b in chunks if t == b"acTL" and len(b) == 8), None)
    problems: list[str] = []
    # the images: the default image (IDAT) and each animation frame (fcTL then fdAT), with their size
    images: list[tuple[int, int, bytearray]] = []
    frames: list[tuple[int, int, int, int, int]] = []  # width, height, x, y, delay in ms
    current: tuple[int, int] | None = None
    idat_frame = False
    for ctype, body in chunks:
        if ctype == b"fcTL" and len(body) == 26:
            w, h, x, y, num, den = struct.unpack(">IIIIHH", body[4:24])
            frames.append((w, h, x, y, round(num * 1000 / (den or 100))))
            current = (w, h)
            images.append((w, h, bytearray()))
        elif ctype == b"IDAT":
            if not images or (current is None and not idat_frame):
                images.append((width, height, bytearray()))
                current = (width, height)
            idat_frame = True
            images[-1][2].extend(body)
        elif ctype == b"fdAT" and images and len(body) >= 4:
            images[-1][2].extend(body[4:])
    if depth == 16:
        problems.append(f"{HIDDEN}: 16-bit samples (their low bytes can carry data an 8-bit screen never shows; "
                        "the output is 8-bit)")
    if actl is not None:
        declared, plays = struct.unpack(">II", actl)
        if len(frames) > declared:
            problems.append(f"{HIDDEN}: {len(frames) - declared} APNG frame(s) beyond the count the file declares "
                            "(never shown)")
        if any(x + w > width or y + h > height for w, h, x, y, _ in frames):
            problems.append(f"{HIDDEN}: an APNG frame placed (partly) outside the picture")
        if timing := timing_problem([d for *_, d in frames[:declared]], plays):
            problems.append(timing)
    used: set[int] = set()
    alpha_found = padding_found = False
    for w, h, stream in images:
        if w == 0 or h == 0 or w * h > 1 << 26:
            continue
        head = _chunk(b"IHDR", struct.pack(">IIBBBBB", w, h, depth, colour, 0, 0, interlace))
        extra = (_chunk(b"PLTE", plte) if plte else b"") + (_chunk(b"tRNS", trns) if trns is not None else b"")
        try:
            img = _open(b"\x89PNG\r\n\x1a\n" + head + extra + _chunk(b"IDAT", bytes(stream)) + _chunk(b"IEND", b""))
            if colour == 3:
                used.update(int(v) for v in np.unique(np.asarray(img)))
            if not alpha_found and (colour in (4, 6) or trns is not None):
                alpha_found = transparent_colour_problem(np.asarray(img.convert("RGBA"))) is not None
        except Exception:
            continue  # damaged image data: the container walk and the decoder report it
        if bits < 8 and not padding_found:
            try:
                padding_found = _padding_bits_set(zlib.decompressobj().decompress(bytes(stream)), w, h, bits, interlace)
            except (zlib.error, IndexError):
                pass
    if alpha_found:
        problems.append(f"{HIDDEN}: colour under fully transparent pixels (a picture erased to transparent is still there)")
    if padding_found:
        problems.append(f"{HIDDEN}: bits set in the unused padding at the end of image rows")
    if colour == 3 and images:
        entries = len(plte) // 3
        unused = [i for i in range(entries) if i not in used]
        if any(plte[3 * i : 3 * i + 3] != b"\x00\x00\x00" for i in unused):
            problems.append(f"{HIDDEN}: palette colours no pixel uses")
        if trns is not None and any(trns[i] not in (0, 255) for i in unused if i < len(trns)):
            problems.append(f"{HIDDEN}: transparency entries of palette colours no pixel uses")
    return problems


# --- GIF ------------------------------------------------------------------------------------------


def _gif_frames(data: bytes) -> Iterator[dict[str, object]]:
    """Each image of a GIF: position, size, its colour table, transparency, delay (ms) and LZW data."""
    flags = data[10]
    gct_size = gif_table_bytes(flags)
    gct = data[13 : 13 + gct_size]
    i = 13 + gct_size
    gce: tuple[int, int | None] = (0, None)
    while i < len(data) and data[i] != 0x3B:
        if data[i] == 0x21:
            label = data[i + 1]
            if label == 0xF9 and data[i + 2] == 4:
                packed, delay, tindex = data[i + 3], int.from_bytes(data[i + 4 : i + 6], "little"), data[i + 6]
                gce = (delay * 10, tindex if packed & 1 else None)
            i, _ = skip_gif_sub_blocks(data, i + 2)
        elif data[i] == 0x2C:
            x, y, w, h, lflags = struct.unpack("<HHHHB", data[i + 1 : i + 10])
            i += 10
            table, local, table_at = gct, False, 13
            if lflags & 0x80:
                size = gif_table_bytes(lflags)
                table, local, table_at = data[i : i + size], True, i
                i += size
            start = i
            i, _ = skip_gif_sub_blocks(data, i + 1)
            yield {"x": x, "y": y, "w": w, "h": h, "interlace": bool(lflags & 0x40), "table": table, "local": local, "table_at": table_at,
                   "delay": gce[0], "transparent": gce[1], "lzw": data[start:i]}
            gce = (0, None)
        else:
            return


def _gif_indices(frame: dict[str, object]) -> np.ndarray:
    """The colour index of every pixel of one GIF image, decoded on its own (with a made-up, non-grey
    colour table, so Pillow keeps the indices)."""
    table = frame["table"]
    assert isinstance(table, bytes)
    entries = max(2, len(table) // 3)
    bits = max(1, (entries - 1).bit_length())
    dummy = b"".join(bytes((k & 255, 255 - (k & 255), 7)) for k in range(2**bits))
    w, h = int(frame["w"]), int(frame["h"])  # type: ignore[call-overload]
    head = b"GIF89a" + struct.pack("<HHBBB", w, h, 0x80 | (bits - 1), 0, 0) + dummy
    desc = b"\x2c" + struct.pack("<HHHHB", 0, 0, w, h, 0x40 if frame["interlace"] else 0)
    lzw = frame["lzw"]
    assert isinstance(lzw, bytes)
    img = _open(head + desc + lzw + b"\x3b")
    return np.asarray(img.convert("P") if img.mode != "P" else img)


def gif_hidden(data: bytes) -> list[str]:
    """Hiding places inside a GIF's images: colour table entries no pixel uses, a frame that shows
    nothing, a frame outside the canvas, animation timing."""
    if data[:6] not in (b"GIF87a", b"GIF89a") or len(data) < 13:
        return []
    width, height = struct.unpack("<HH", data[6:10])
    problems: list[str] = []
    try:
        frames = list(_gif_frames(data))
    except (IndexError, ValueError, struct.error):
        return []
    gct_used: set[int] = {data[11]} if data[10] & 0x80 else set()  # the background colour counts as used
    unused_entries = blank = outside = 0
    for frame in frames:
        try:
            indices = _gif_indices(frame)
        except Exception:
            continue  # the container walk and the decoder report damaged image data
        used = {int(v) for v in np.unique(indices)}
        if frame["local"]:
            unused_entries += _unused_entries(frame["table"], used)  # type: ignore[arg-type]
        else:
            gct_used |= used
        if frame["transparent"] is not None and used == {frame["transparent"]}:
            blank += 1
        if int(frame["x"]) + int(frame["w"]) > width or int(frame["y"]) + int(frame["h"]) > height:  # type: ignore[call-overload]
            outside += 1
    if data[10] & 0x80:
        unused_entries += _unused_entries(data[13 : 13 + gif_table_bytes(data[10])], gct_used)
    if unused_entries:
        problems.append(f"{HIDDEN}: {unused_entries} GIF colour table entries no pixel uses")
    if blank:
        problems.append(f"{HIDDEN}: {blank} GIF frame(s) that show nothing (every pixel transparent)")
    if outside:
        problems.append(f"{HIDDEN}: {outside} GIF frame(s) placed (partly) outside the picture")
    if timing := timing_problem([int(f["delay"]) for f in frames], _gif_loop(data)):  # type: ignore[call-overload]
        problems.append(timing)
    return problems


def _unused_entries(table: bytes, used: set[int]) -> int:
    """How many entries of a colour table no pixel uses and that are not black (zero)."""
    return sum(1 for k in range(len(table) // 3) if k not in used and table[3 * k : 3 * k + 3] != b"\x00\x00\x00")


def _gif_loop(data: bytes) -> int | None:
    at = data.find(b"NETSCAPE2.0")
    if at < 0 or at + 16 > len(data):
        return None
    return int.from_bytes(data[at + 13 : at + 15], "little")


def zero_unused_gif_entries(data: bytes) -> bytes:
    """``data`` (a GIF mediascrub has just written) with every colour table entry no pixel uses set to black."""
    out = bytearray(data)
    gct_used: set[int] = {data[11]} if data[10] & 0x80 else set()
    for frame in _gif_frames(data):
        table, at = frame["table"], int(frame["table_at"])  # type: ignore[call-overload]
        assert isinstance(table, bytes)
        used = {int(v) for v in np.unique(_gif_indices(frame))}
        if frame["transparent"] is not None:
            used.add(int(frame["transparent"]))  # type: ignore[call-overload]
        if frame["local"]:
            for k in range(len(table) // 3):
                if k not in used:
                    out[at + 3 * k : at + 3 * k + 3] = b"\x00\x00\x00"
        else:
            gct_used |= used
    if data[10] & 0x80:
        for k in range(2 ** ((data[10] & 7) + 1)):
            if k not in gct_used:
                out[13 + 3 * k : 16 + 3 * k] = b"\x00\x00\x00"
    return bytes(out)


# --- TIFF -----------------------------------------------------------------------------------------

_TYPE_SIZES = {1: 1, 2: 1, 3: 2, 4: 4, 5: 8, 6: 1, 7: 1, 8: 2, 9: 4, 10: 8, 11: 4, 12: 8, 16: 8}


def _tiff_tags(data: bytes) -> tuple[str, dict[int, tuple[int, int, list[int], int]]]:
    """Byte order and {tag: (type, count, integer values, offset of the value field)} of the first directory."""
    order = "<" if data[:2] == b"II" else ">"
    ifd = struct.unpack(order + "I", data[4:8])[0]
    count = struct.unpack(order + "H", data[ifd : ifd + 2])[0]
    tags: dict[int, tuple[int, int, list[int], int]] = {}
    for k in range(count):
        e = ifd + 2 + 12 * k
        tag, typ, n = struct.unpack(order + "HHI", data[e : e + 8])
        size = _TYPE_SIZES.get(typ, 1) * n
        where = e + 8 if size <= 4 else struct.unpack(order + "I", data[e + 8 : e + 12])[0]
        values: list[int] = []
        if typ in (1, 3, 4) and n <= 1 << 20:
            code = {1: "B", 3: "H", 4: "I"}[typ]
            values = list(struct.unpack(order + code * n, data[where : where + size]))
        tags[tag] = (typ, n, values, e + 8)
    return order, tags


def _run_widths(count: int) -> np.ndarray:
    """The code width of each of the first ``count`` codes after a clear code (TIFF LZW, early change)."""
    k = np.arange(count)
    return 9 + (k >= 254).astype(np.int64) + (k >= 766) + (k >= 1790)


def _lzw_decoded_length(stream: bytes) -> tuple[int, int]:
    """(bytes the TIFF LZW data decodes to, bytes of the stream used up to its end code). Follows only the
    codes and the length of each table string, not the strings, a whole run between clear codes at a
    time: enough to see data after the end code or rows the picture does not need."""
    buf = np.frombuffer(stream + b"\x00\x00\x00\x00", dtype=np.uint8).astype(np.int64)
    nbits = len(stream) * 8
    pos = 0
    total = 0
    widths = _run_widths(4096)
    offsets_all = np.concatenate([[0], np.cumsum(widths)])
    while True:
        # the codes from here to the next clear or end code, read in one go
        room = np.searchsorted(offsets_all[1:], nbits - pos, side="right")
        count = min(4096, int(room))
        if count == 0:
            return total, len(stream)
        starts = pos + offsets_all[:count]
        w = widths[:count]
        byte = starts >> 3
        word = (buf[byte] << 16) | (buf[byte + 1] << 8) | buf[byte + 2]
        codes = (word >> (24 - w - (starts & 7))) & ((1 << w) - 1)
        stops = np.nonzero((codes == 256) | (codes == 257))[0]
        end = int(stops[0]) if len(stops) else count
        run = codes[:end]
        if len(run):
            parent = run - 258
            k = np.arange(len(run))
            if bool(np.any((run > 257) & (parent >= k))) or bool(np.any(run >= 4096)):
                return total, len(stream)  # a code not yet in the table: not an LZW stream we can follow
            parent = np.where(run >= 258, parent, -1)
            depth = (parent >= 0).astype(np.int64)
            anc = parent.copy()
            while True:
                live = anc >= 0
                if not live.any():
                    break
                depth[live] += depth[anc[live]]
                anc[live] = anc[anc[live]]
            total += int((depth + 1).sum())
        if not len(stops):
            if count < 4096:
                return total, len(stream)
            pos += int(offsets_all[count])  # a full table without a clear code: keep reading at 12 bits
            widths = np.full(4096, 12, dtype=np.int64)
            offsets_all = np.concatenate([[0], np.cumsum(widths)])
            continue
        pos += int(offsets_all[end + 1])
        if codes[end] == 257:
            return total, (pos + 7) // 8
        widths = _run_widths(4096)
        offsets_all = np.concatenate([[0], np.cumsum(widths)])


def _packbits_length(stream: bytes) -> tuple[int, int]:
    total = i = 0
    while i < len(stream):
        n = stream[i]
        if n < 128:
            total += n + 1
            i += n + 2
        elif n > 128:
            total += 257 - n
            i += 2
        else:
            i += 1
    return total, min(i, len(stream))


def _decoded_length(compression: int, stream: bytes) -> tuple[int, int] | None:
    """(decoded bytes, stream bytes used) of one strip or tile; None for a compression not checked here."""
    if compression == 1:
        return len(stream), len(stream)
    if compression == 5:
        return _lzw_decoded_length(stream)
    if compression in (8, 32946):
        d = zlib.decompressobj()
        try:
            out = d.decompress(stream)
        except zlib.error:
            return None
        return len(out), len(stream) - len(d.unused_data)
    if compression == 32773:
        return _packbits_length(stream)
    return None


def tiff_hidden(data: bytes) -> list[str]:
    """Hiding places inside a TIFF's image: strips longer than their data, tile padding holding a picture,
    ColorMap entries no pixel uses, values longer than the image needs, colour under transparency."""
    if data[:4] not in (b"II*\x00", b"MM\x00*"):
        return []
    try:
        order, tags = _tiff_tags(data)
    except (struct.error, IndexError):
        return []

    def one(tag: int, default: int) -> int:
        v = tags.get(tag)
        return v[2][0] if v and v[2] else default

    width, height = one(256, 0), one(257, 0)
    spp, photometric, compression, planar = one(277, 1), one(262, 2), one(259, 1), one(284, 1)
    bps = tags[258][2] if 258 in tags and tags[258][2] else [1] * spp
    problems: list[str] = []
    if max(bps) > 8:
        problems.append(f"{HIDDEN}: 16-bit samples (their low bytes can carry data an 8-bit screen never shows; "
                        "the output is 8-bit)")
    tiled = 322 in tags
    tw, tl = (one(322, 0), one(323, 0)) if tiled else (width, one(278, height) or height)
    across = -(-width // tw) if tiled and tw else 1
    down = -(-height // tl) if tl else 1
    pieces = across * down * (spp if planar == 2 else 1)
    base = {2: 3, 6: 3, 8: 3}.get(photometric, 1)
    expected = {256: 1, 257: 1, 259: 1, 262: 1, 266: 1, 277: 1, 278: 1, 282: 1, 283: 1, 284: 1, 296: 1, 317: 1,
                322: 1, 323: 1, 254: 1, 255: 1, 258: spp, 339: spp, 338: max(0, spp - base), 320: 3 * 2 ** max(bps),
                273: pieces, 279: pieces, 324: pieces, 325: pieces}
    long_tags = [TIFF_TAG_NAMES.get(t, str(t)) for t, (_, n, _, _) in tags.items() if t in expected and n > expected[t]]
    if long_tags:
        problems.append(f"{HIDDEN}: TIFF values longer than the image needs ({', '.join(long_tags)})")
    offsets, counts = (tags.get(324), tags.get(325)) if tiled else (tags.get(273), tags.get(279))
    if offsets and counts and planar == 1 and width and height:
        row_bytes = (tw * sum(bps) + 7) // 8
        slack = 0
        unchecked = False
        for k, (off, n) in enumerate(zip(offsets[2], counts[2], strict=False)):
            rows = tl if tiled else min(tl, height - k * tl)
            got = _decoded_length(compression, data[off : off + n])
            if got is None:
                unchecked = True
                break
            decoded, consumed = got
            slack += (n - consumed) + max(0, decoded - rows * row_bytes)  # after the end code; extra rows
        if unchecked:
            problems.append(f"TIFF image data (compression {compression}) not checked byte by byte: it will be rebuilt")
        elif slack:
            problems.append(f"{HIDDEN}: {slack} bytes in the TIFF strips or tiles beyond what the picture needs")
        if tiled and not unchecked and (width % tw or height % tl):
            problems.extend(_tile_padding(data, order, tags, across * tw, down * tl, width, height))
    try:
        img = _open(data)
        if photometric == 3 and 320 in tags:
            used = {int(v) for v in np.unique(np.asarray(img))}
            cmap = tags[320][2]
            entries = len(cmap) // 3
            if any(k not in used and (cmap[k] or cmap[entries + k] or cmap[2 * entries + k]) for k in range(entries)):
                problems.append(f"{HIDDEN}: TIFF ColorMap entries no pixel uses")
        if img.mode in ("RGBA", "LA", "RGBa", "La"):
            if problem := transparent_colour_problem(np.asarray(img.convert("RGBA"))):
                problems.append(problem)
    except Exception:
        pass  # the decoder reports a damaged file elsewhere
    return problems


def _tile_padding(data: bytes, order: str, tags: dict[int, tuple[int, int, list[int], int]], full_w: int, full_h: int,
                  width: int, height: int) -> list[str]:
    """Decode the TIFF as if it were as large as its tiles: the padding beyond the picture must be one colour."""
    patched = bytearray(data)
    for tag, value in ((256, full_w), (257, full_h)):
        typ, _, _, where = tags[tag]
        patched[where : where + (2 if typ == 3 else 4)] = struct.pack(order + ("H" if typ == 3 else "I"), value)
    try:
        whole = np.asarray(_open(bytes(patched)))
    except Exception:
        return ["TIFF tile padding not checked (the tiles do not decode at their full size): it will be rebuilt"]
    pad = [whole[:height, width:], whole[height:, :]]
    values = np.concatenate([p.reshape(-1, *whole.shape[2:]) for p in pad if p.size])
    if len(values) and not bool((values == values[0]).all()):
        return [f"{HIDDEN}: TIFF tile padding beyond the picture holds a picture"]
    return []


# --- WebP -----------------------------------------------------------------------------------------


def webp_hidden(data: bytes) -> list[str]:
    """Colour under transparency of a still WebP; animation timing of an animated one."""
    try:
        img = _open(data)
        frames = int(getattr(img, "n_frames", 1) or 1)
        if frames > 1:
            delays = []
            for frame in ImageSequence.Iterator(img):
                frame.load()  # Pillow reads a WebP frame's duration when it decodes it
                delays.append(int(frame.info.get("duration", 0) or 0))
            return [t] if (t := timing_problem(delays, img.info.get("loop"))) else []
        if img.mode != "RGBA":
            return []
        lossy = b"VP8 " in data[12:4096] and b"VP8L" not in data[12:4096]
        problem = transparent_colour_problem(np.asarray(img), lossy=lossy)
        return [problem] if problem else []
    except Exception:
        return []


HIDDEN_CHECKS: dict[str, Callable[[bytes], list[str]]] = {
    "png": png_hidden, "gif": gif_hidden, "tiff": tiff_hidden, "webp": webp_hidden,
}

__all__ = ["HIDDEN_CHECKS", "png_hidden", "gif_hidden", "tiff_hidden", "webp_hidden", "transparent_colour_problem",
           "timing_problem", "zero_unused_gif_entries", "TIMING"]
