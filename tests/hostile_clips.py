"""A seeded hostile corpus of clips: a unique marker planted in each place an MP4 can hide data.

Every clip is generated here (PyAV, then byte surgery on the MP4 boxes); no binary file is kept.
``base_clip`` writes a small clip with sound the way mediascrub publishes it (H.264 without SEI,
AAC in bitexact mode, index first, no user data); each item of ``ITEMS`` changes one thing in it:

- container: a ``free`` box, bytes in ``mdat`` that no sample uses (at its end and between two
  samples), a user data box (empty as FFmpeg writes it, and with a title), a handler name, bytes
  after the ``avcC`` record, a ``colr`` ICC profile, an ``sgpd`` payload, reserved header fields
  (mvhd, hdlr, the visual sample entry's reserved words and compressor name), a media language;
- video stream: SEI user data (x264's own settings message, and one carrying the marker), filler data;
- sound (``--keep-audio``): a data stream element and a fill element (an encoder's name, as FFmpeg
  writes "Lavc59.37.100") in the AAC frames, bytes after the AAC configuration in ``esds``, bytes after
  END in a frame, MP3 sound (its encoder's name);
- timing: the marker's bits in the frame timestamps.

``Item.where`` is a few words ``check`` must use for the place (its report names where).
"""

from __future__ import annotations

import hashlib
import struct
from collections.abc import Callable
from dataclasses import dataclass, field
from fractions import Fraction
from pathlib import Path

import av
import numpy as np
from _video_util import panning, write_clip

from mediascrub.pipeline import Pipeline
from mediascrub.policy import FacePolicy, Policy, TextPolicy, VideoPolicy

SEED = 22
#: The policy of the corpus runs: containers and sound only (no faces or text in these clips), audio kept.
KEEP_AUDIO = Policy(faces=FacePolicy(enabled=False), text=TextPolicy(enabled=False), video=VideoPolicy(keep_audio=True))
#: Strings an encoder or muxer writes about itself; none may be in a published clip.
ENCODER_NAMES = (b"x264", b"Lavc", b"Lavf", b"LAME", b"Lavu")


def marker(name: str, seed: int = SEED) -> bytes:
    """12 bytes unique to an item (and a seed): fits the smallest reserved field planted below."""
    return b"Q" + hashlib.sha256(f"{seed}:{name}".encode()).hexdigest()[:11].encode()


def carries(data: bytes, mark: bytes) -> bool:
    """Whether ``mark`` is in ``data`` at any bit offset (AAC elements are not byte-aligned)."""
    if mark in data:
        return True
    value = int.from_bytes(data, "big")
    total = 8 * len(data)
    for shift in range(1, 8):
        if mark in ((value << shift) & ((1 << total) - 1)).to_bytes(len(data), "big"):
            return True
    return False


# --- a tiny box tree ---------------------------------------------------------------------------------

_CONTAINERS = {b"moov", b"trak", b"mdia", b"minf", b"dinf", b"stbl", b"edts", b"udta"}
_HEADS = {b"meta": 4, b"stsd": 8, b"avc1": 78, b"mp4a": 28}


@dataclass
class Box:
    kind: bytes
    head: bytes = b""
    body: bytes | None = None  # a leaf's payload; None: the box holds ``children``
    children: list[Box] = field(default_factory=list)

    def to_bytes(self) -> bytes:
        payload = self.head + (self.body if self.body is not None else b"".join(c.to_bytes() for c in self.children))
        return struct.pack(">I4s", 8 + len(payload), self.kind) + payload

    def find(self, *path: bytes) -> Box:
        node = self
        for kind in path:
            node = next(c for c in node.children if c.kind == kind)
        return node

    def all(self, kind: bytes) -> list[Box]:
        out = [self] if self.kind == kind else []
        for c in self.children:
            out += c.all(kind)
        return out


def parse(data: bytes, start: int = 0, end: int | None = None) -> list[Box]:
    end = len(data) if end is None else end
    out = []
    pos = start
    while pos + 8 <= end:
        size, kind = struct.unpack(">I4s", data[pos : pos + 8])
        head = _HEADS.get(kind, 0)
        if kind in _CONTAINERS or kind in _HEADS:
            out.append(Box(kind, data[pos + 8 : pos + 8 + head], None, parse(data, pos + 8 + head, pos + size)))
        else:
            out.append(Box(kind, b"", data[pos + 8 : pos + size]))
        pos += size
    return out


class Clip:
    """A parsed clip: its top-level boxes and the bytes of every sample of every track (editable)."""

    def __init__(self, data: bytes) -> None:
        self.top = parse(data)
        self.moov = next(b for b in self.top if b.kind == b"moov")
        self.tracks = self.moov.all(b"trak")
        self.samples: list[list[bytearray]] = []
        self.gaps: dict[tuple[int, int], bytes] = {}  # bytes written after a sample, in no sample
        for trak in self.tracks:
            self.samples.append([bytearray(data[o : o + n]) for o, n in _layout(trak)])
        self._order = sorted(((o, t, k) for t, trak in enumerate(self.tracks) for k, (o, _) in enumerate(_chunks(trak))))

    def track(self, handler: bytes) -> int:
        return next(i for i, t in enumerate(self.tracks) if t.find(b"mdia", b"hdlr").body[8:12] == handler)  # type: ignore[index]

    def stbl(self, index: int) -> Box:
        return self.tracks[index].find(b"mdia", b"minf", b"stbl")

    def to_bytes(self) -> bytes:
        """The file with every sample laid out again (chunk by chunk, as before) and the tables updated."""
        for t, trak in enumerate(self.tracks):
            stbl = trak.find(b"mdia", b"minf", b"stbl")
            sizes = [len(s) for s in self.samples[t]]
            stbl.find(b"stsz").body = struct.pack(">III", 0, 0, len(sizes)) + struct.pack(f">{len(sizes)}I", *sizes)
        # the mdat payload starts after every box before it; tables keep their sizes, so the offsets can be computed now
        before = 0
        for box in self.top:
            if box.kind == b"mdat":
                break
            before += len(box.to_bytes())
        pos = before + 8
        payload = bytearray()
        offsets: dict[tuple[int, int], int] = {}
        for _, t, chunk in self._order:
            offsets[(t, chunk)] = pos + len(payload)
            for k in _chunk_samples(self.tracks[t], chunk):
                payload += self.samples[t][k]
                payload += self.gaps.get((t, k), b"")
        for t, trak in enumerate(self.tracks):
            stbl = trak.find(b"mdia", b"minf", b"stbl")
            n = len(_chunks(trak))
            stbl.find(b"stco").body = struct.pack(">II", 0, n) + struct.pack(f">{n}I", *(offsets[(t, c)] for c in range(n)))
        for box in self.top:
            if box.kind == b"mdat":
                box.body = bytes(payload)
        return b"".join(b.to_bytes() for b in self.top)


def _table(box: Box, each: str) -> list[tuple[int, ...]]:
    assert box.body is not None
    count = struct.unpack(">I", box.body[4:8])[0]
    size = struct.calcsize(">" + each)
    return [struct.unpack(">" + each, box.body[8 + size * k : 8 + size * (k + 1)]) for k in range(count)]


def _chunks(trak: Box) -> list[tuple[int, int]]:
    """(offset, samples) of each chunk of a track."""
    stbl = trak.find(b"mdia", b"minf", b"stbl")
    offsets = [o for (o,) in _table(stbl.find(b"stco"), "I")]
    runs = _table(stbl.find(b"stsc"), "III") + [(len(offsets) + 1, 0, 0)]
    per = []
    for (first, n, _), (nxt, _, _) in zip(runs, runs[1:], strict=False):
        per += [n] * (nxt - first)
    return list(zip(offsets, per, strict=True))


def _chunk_samples(trak: Box, chunk: int) -> range:
    chunks = _chunks(trak)
    first = sum(n for _, n in chunks[:chunk])
    return range(first, first + chunks[chunk][1])


def _layout(trak: Box) -> list[tuple[int, int]]:
    stsz = trak.find(b"mdia", b"minf", b"stbl", b"stsz").body
    assert stsz is not None
    size, count = struct.unpack(">II", stsz[4:12])
    sizes = [size] * count if size else list(struct.unpack(f">{count}I", stsz[12:]))
    out = []
    k = 0
    for offset, n in _chunks(trak):
        for _ in range(n):
            out.append((offset, sizes[k]))
            offset += sizes[k]
            k += 1
    return out


def full_box(kind: bytes, version: int, flags: int, body: bytes) -> Box:
    return Box(kind, b"", bytes([version]) + flags.to_bytes(3, "big") + body)


# --- the clean base ----------------------------------------------------------------------------------


def base_clip(folder: Path, frames: int = 16) -> Path:
    """A small clip with a tone, published by mediascrub with its sound kept: the clean starting point."""
    folder.mkdir(parents=True, exist_ok=True)
    raw = write_clip(folder / "raw.mp4", panning(frames, 96, 64, step=1, seed=SEED), audio=True)
    report = Pipeline(KEEP_AUDIO).scrub(raw, folder / "out" / "base.mp4")
    assert report.output, report.reason
    return Path(report.output)


# --- H.264 and AAC pieces ------------------------------------------------------------------------------


def _nal(kind: int, rbsp: bytes) -> bytes:
    """A NAL unit with a 4-byte length prefix (emulation prevention added)."""
    out = bytearray([kind])
    zeros = 0
    for b in rbsp:
        if zeros >= 2 and b <= 3:
            out.append(3)
            zeros = 0
        out.append(b)
        zeros = zeros + 1 if b == 0 else 0
    return struct.pack(">I", len(out)) + bytes(out)


def sei_user_data(text: bytes) -> bytes:
    uuid = bytes.fromhex("dc45e9bde6d948b7962cd820d923eeef")  # x264's own SEI UUID
    payload = uuid + text
    return _nal(6, bytes([5, len(payload)]) + payload + b"\x80")


def _bits(data: bytes) -> tuple[int, int]:
    return int.from_bytes(data, "big"), 8 * len(data)


def _end_of_elements(data: bytes) -> int:
    """Bit position of an AAC frame's END element (the last 111 before the zero padding)."""
    value, total = _bits(data)
    zeros = (value & -value).bit_length() - 1
    return total - zeros - 3


def _pack(fields: list[tuple[int, int]]) -> bytes:
    value, n = 0, 0
    for v, bits in fields:
        value = (value << bits) | (v & ((1 << bits) - 1))
        n += bits
    pad = -n % 8
    return (value << pad).to_bytes((n + pad) // 8, "big")


def aac_with_dse(frame: bytes, data: bytes) -> bytes:
    """The frame with a data stream element (byte-aligned payload) just before END."""
    value, total = _bits(frame)
    end = _end_of_elements(frame)
    head = value >> (total - end)
    fields = [(head, end), (4, 3), (0, 4), (1, 1), (len(data), 8)]
    pos = end + 16
    fields.append((0, -pos % 8))  # byte alignment of the payload
    fields += [(b, 8) for b in data] + [(7, 3)]
    return _pack(fields)


def aac_with_fil(frame: bytes, data: bytes) -> bytes:
    """The frame with a fill element first (as FFmpeg's encoder writes its name): EXT_FILL_DATA."""
    payload = bytes([0x10]) + data  # extension type 1 (fill data), its 4 spare bits, then the bytes
    value, total = _bits(frame)
    count = len(payload)
    head = [(6, 3), (15, 4), (count - 14, 8)] if count >= 15 else [(6, 3), (count, 4)]
    return _pack(head + [(b, 8) for b in payload] + [(value, total)])


def aac_trailing(frame: bytes, data: bytes) -> bytes:
    return frame + data


def esds(asc: bytes) -> bytes:
    def desc(tag: int, body: bytes) -> bytes:
        n = len(body)
        return bytes([tag, 0x80 | (n >> 21) & 0x7F, 0x80 | (n >> 14) & 0x7F, 0x80 | (n >> 7) & 0x7F, n & 0x7F]) + body

    dcd = desc(4, bytes([0x40, 0x15]) + b"\0\0\0" + struct.pack(">II", 96000, 96000) + desc(5, asc))
    return b"\0\0\0\0" + desc(3, struct.pack(">HB", 1, 0) + dcd + desc(6, b"\x02"))


# --- the items -----------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Item:
    name: str
    where: str  # words check's report must hold for this place
    build: Callable[[Path, Path, bytes], Path]  # (base clip, folder, marker) -> the marked clip
    timing: bool = False  # the marker is in the timestamps (read back by ``timing_bits``), not in bytes


def _edit(base: Path, out: Path, edit: Callable[[Clip], None]) -> Path:
    clip = Clip(base.read_bytes())
    edit(clip)
    out.write_bytes(clip.to_bytes())
    return out


def _free_box(base: Path, folder: Path, mark: bytes) -> Path:
    return _edit(base, folder / "free.mp4", lambda c: c.top.insert(1, Box(b"free", b"", b"padding " + mark)))


def _mdat_tail(base: Path, folder: Path, mark: bytes) -> Path:
    def edit(c: Clip) -> None:
        last = max(c._order)
        c.gaps[(last[1], _chunk_samples(c.tracks[last[1]], last[2])[-1])] = mark

    return _edit(base, folder / "mdat-tail.mp4", edit)


def _mdat_gap(base: Path, folder: Path, mark: bytes) -> Path:
    def edit(c: Clip) -> None:
        c.gaps[(c.track(b"vide"), 3)] = mark

    return _edit(base, folder / "mdat-gap.mp4", edit)


def _udta_title(base: Path, folder: Path, mark: bytes) -> Path:
    def edit(c: Clip) -> None:
        data = Box(b"data", b"", struct.pack(">II", 1, 0) + mark)
        ilst = Box(b"ilst", b"", None, [Box(b"\xa9nam", b"", None, [data])])
        hdlr = full_box(b"hdlr", 0, 0, b"\0" * 4 + b"mdirappl" + b"\0" * 9)
        c.moov.children.append(Box(b"udta", b"", None, [Box(b"meta", b"\0\0\0\0", None, [hdlr, ilst])]))

    return _edit(base, folder / "udta.mp4", edit)


def _udta_empty(base: Path, folder: Path, mark: bytes) -> Path:
    """FFmpeg's empty user data (meta, mdir handler, empty ilst), with the marker as the handler's name."""
    def edit(c: Clip) -> None:
        hdlr = full_box(b"hdlr", 0, 0, b"\0" * 4 + b"mdirappl" + b"\0" * 8 + mark + b"\0")
        c.moov.children.append(Box(b"udta", b"", None, [Box(b"meta", b"\0\0\0\0", None, [hdlr, Box(b"ilst", b"", b"")])]))

    return _edit(base, folder / "udta-empty.mp4", edit)


def _handler_name(base: Path, folder: Path, mark: bytes) -> Path:
    def edit(c: Clip) -> None:
        hdlr = c.tracks[c.track(b"vide")].find(b"mdia", b"hdlr")
        assert hdlr.body is not None
        hdlr.body = hdlr.body[:24] + b"Core Media " + mark + b"\0"

    return _edit(base, folder / "handler.mp4", edit)


def _avcc_tail(base: Path, folder: Path, mark: bytes) -> Path:
    def edit(c: Clip) -> None:
        avcc = c.stbl(c.track(b"vide")).find(b"stsd", b"avc1", b"avcC")
        assert avcc.body is not None
        avcc.body += mark

    return _edit(base, folder / "avcc.mp4", edit)


def _colr_icc(base: Path, folder: Path, mark: bytes) -> Path:
    def edit(c: Clip) -> None:
        icc = struct.pack(">I", 128 + len(mark)) + b"lcms" + b"\x02\x10\0\0mntrRGB XYZ " + b"\0" * 100 + mark
        c.stbl(c.track(b"vide")).find(b"stsd", b"avc1").children.append(Box(b"colr", b"", b"prof" + icc))

    return _edit(base, folder / "colr.mp4", edit)


def _sgpd(base: Path, folder: Path, mark: bytes) -> Path:
    def edit(c: Clip) -> None:
        stbl = c.stbl(c.track(b"vide"))
        stbl.children.append(full_box(b"sgpd", 1, 0, b"mark" + struct.pack(">II", len(mark), 1) + mark))
        stbl.children.append(full_box(b"sbgp", 0, 0, b"mark" + struct.pack(">III", 1, 1, 1)))

    return _edit(base, folder / "sgpd.mp4", edit)


def _mvhd_reserved(base: Path, folder: Path, mark: bytes) -> Path:
    def edit(c: Clip) -> None:
        mvhd = c.moov.find(b"mvhd")
        assert mvhd.body is not None
        body = bytearray(mvhd.body)
        body[72:96] = mark.ljust(24, b"\0")  # pre_defined: 24 bytes after the matrix
        mvhd.body = bytes(body)

    return _edit(base, folder / "mvhd.mp4", edit)


def _hdlr_reserved(base: Path, folder: Path, mark: bytes) -> Path:
    def edit(c: Clip) -> None:
        hdlr = c.tracks[c.track(b"soun")].find(b"mdia", b"hdlr")
        assert hdlr.body is not None
        hdlr.body = hdlr.body[:12] + mark + hdlr.body[24:]

    return _edit(base, folder / "hdlr-reserved.mp4", edit)


def _entry_reserved(base: Path, folder: Path, mark: bytes) -> Path:
    def edit(c: Clip) -> None:
        avc1 = c.stbl(c.track(b"vide")).find(b"stsd", b"avc1")
        head = bytearray(avc1.head)
        head[12:24] = mark
        avc1.head = bytes(head)

    return _edit(base, folder / "entry-reserved.mp4", edit)


def _compressor_name(base: Path, folder: Path, mark: bytes) -> Path:
    def edit(c: Clip) -> None:
        avc1 = c.stbl(c.track(b"vide")).find(b"stsd", b"avc1")
        name = b"x264 " + mark
        avc1.head = avc1.head[:42] + bytes([len(name)]) + name.ljust(31, b"\0") + avc1.head[74:]

    return _edit(base, folder / "compressor.mp4", edit)


def _sei_marker(base: Path, folder: Path, mark: bytes) -> Path:
    def edit(c: Clip) -> None:
        video = c.samples[c.track(b"vide")]
        video[0][:0] = sei_user_data(b"mediascrub hostile " + mark)

    return _edit(base, folder / "sei.mp4", edit)


def _filler(base: Path, folder: Path, mark: bytes) -> Path:
    def edit(c: Clip) -> None:
        c.samples[c.track(b"vide")][2] += _nal(12, mark + b"\xff\xff\x80")

    return _edit(base, folder / "filler.mp4", edit)


def _x264_sei(base: Path, folder: Path, mark: bytes) -> Path:
    """A clip as any FFmpeg/x264 writes it: x264's settings in an SEI message (the marker in the title too)."""
    return write_clip(folder / "x264.mp4", panning(16, 96, 64, step=1, seed=SEED), audio=True, tags={"title": mark.decode()})


def _aac_dse(base: Path, folder: Path, mark: bytes) -> Path:
    def edit(c: Clip) -> None:
        sound = c.samples[c.track(b"soun")]
        sound[3][:] = aac_with_dse(bytes(sound[3]), b"note: " + mark)

    return _edit(base, folder / "aac-dse.mp4", edit)


def _aac_encoder_name(base: Path, folder: Path, mark: bytes) -> Path:
    def edit(c: Clip) -> None:
        sound = c.samples[c.track(b"soun")]
        sound[1][:] = aac_with_fil(bytes(sound[1]), b"Lavc59.37.100 " + mark)

    return _edit(base, folder / "aac-fil.mp4", edit)


def _aac_trailing(base: Path, folder: Path, mark: bytes) -> Path:
    def edit(c: Clip) -> None:
        sound = c.samples[c.track(b"soun")]
        sound[2][:] = aac_trailing(bytes(sound[2]), mark)

    return _edit(base, folder / "aac-trailing.mp4", edit)


def _aac_config(base: Path, folder: Path, mark: bytes) -> Path:
    def edit(c: Clip) -> None:
        entry = c.stbl(c.track(b"soun")).find(b"stsd", b"mp4a")
        box = entry.find(b"esds")
        assert box.body is not None
        asc = bytes(box.body[box.body.index(b"\x05\x80\x80\x80") + 5 :][:2])
        box.body = esds(asc + b"\0\0\0" + mark)

    return _edit(base, folder / "aac-config.mp4", edit)


def _mp3_sound(base: Path, folder: Path, mark: bytes) -> Path:
    """A clip whose sound is MP3 (an MP3 encoder writes its own name); the marker in the sound's title."""
    path = folder / "mp3.mp4"
    with av.open(str(path), "w", format="mp4") as c:
        vs = c.add_stream("libx264", rate=25, options={"preset": "ultrafast"})
        vs.width, vs.height, vs.pix_fmt = 96, 64, "yuv420p"
        aus = c.add_stream("libmp3lame", rate=44100, layout="mono")
        aus.metadata["title"] = mark.decode()
        for rgb in panning(16, 96, 64, step=1, seed=SEED):
            for p in vs.encode(av.VideoFrame.from_ndarray(rgb, format="rgb24")):
                c.mux(p)
        for p in vs.encode():
            c.mux(p)
        n = 1152 * 12
        tone = (0.2 * np.sin(np.arange(n) * 2 * np.pi * 440 / 44100)).astype(np.float32)
        for k in range(0, n, 1152):
            f = av.AudioFrame.from_ndarray(tone[k : k + 1152].reshape(1, -1), format="fltp", layout="mono")
            f.sample_rate, f.pts = 44100, k
            for p in aus.encode(f):
                c.mux(p)
        for p in aus.encode():
            c.mux(p)
    return path


def timing_bits(mark: bytes) -> list[int]:
    return [(mark[i // 8] >> (7 - i % 8)) & 1 for i in range(15)]


def _timing(base: Path, folder: Path, mark: bytes) -> Path:
    """The base with the marker's first 15 bits as a one-tick delay on frames 1 to 15 (its sample times)."""
    bits = [0, *timing_bits(mark)]

    def edit(c: Clip) -> None:
        stbl = c.stbl(c.track(b"vide"))
        (count, delta), = _table(stbl.find(b"stts"), "II")
        assert count == len(bits)
        deltas = [delta + bits[i + 1] - bits[i] for i in range(count - 1)] + [delta]
        stbl.find(b"stts").body = struct.pack(">II", 0, count) + b"".join(struct.pack(">II", 1, d) for d in deltas)

    return _edit(base, folder / "timing.mp4", edit)


def timestamps(path: Path) -> list[Fraction]:
    with av.open(str(path)) as c:
        return [f.pts * Fraction(f.time_base) for f in c.decode(video=0)]


ITEMS = [
    Item("free box", "free-space box", _free_box),
    Item("mdat tail", "media data (mdat) that no frame or sound sample uses", _mdat_tail),
    Item("mdat gap", "media data (mdat) that no frame or sound sample uses", _mdat_gap),
    Item("udta title", "moov/udta", _udta_title),
    Item("udta empty", "moov/udta", _udta_empty),
    Item("handler name", "hdlr handler name", _handler_name),
    Item("avcC trailing", "after the H.264 configuration (avcC)", _avcc_tail),
    Item("colr ICC", "colr: an ICC colour profile", _colr_icc),
    Item("sgpd payload", "sgpd payload", _sgpd),
    Item("mvhd reserved", "moov/mvhd has reserved", _mvhd_reserved),
    Item("hdlr reserved", "hdlr has reserved", _hdlr_reserved),
    Item("sample entry reserved", "avc1 has reserved", _entry_reserved),
    Item("compressor name", "avc1 compressor name", _compressor_name),
    Item("SEI user data", "SEI user data", _sei_marker),
    Item("x264 SEI", "SEI user data", _x264_sei),
    Item("filler NAL", "filler data", _filler),
    Item("AAC data element", "AAC sound frames with data or fill elements", _aac_dse),
    Item("AAC encoder name", "AAC sound frames that start with a data, fill", _aac_encoder_name),
    Item("AAC trailing bytes", "AAC sound frames", _aac_trailing),
    Item("AAC config trailing", "bytes after the AAC configuration", _aac_config),
    Item("MP3 sound", "sound in mp3", _mp3_sound),
    Item("timestamps", "frame times put on a", _timing, timing=True),
]


def build_corpus(folder: Path) -> tuple[Path, list[tuple[Item, Path, bytes]]]:
    """The clean base and every marked clip: [(item, path, marker)]."""
    base = base_clip(folder / "base")
    made = []
    for item in ITEMS:
        mark = marker(item.name)
        made.append((item, item.build(base, folder, mark), mark))
    return base, made
