"""Container parsing in one place: JPEG segments, PNG chunks, RIFF (WebP) chunks, GIF sub-blocks.

Pure functions over bytes; used by the loader, the metadata inspector and the output allow-list check.
"""

from __future__ import annotations

import struct
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
