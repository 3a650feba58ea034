"""Video clips: sniff, probe, decode upright frames as a stream, encode a fresh MP4.

PyAV (``av``) bundles FFmpeg with libx264, so no separately installed ffmpeg
is needed. Frames are decoded one at a time and handed on: a clip is never
held in memory. The output is always a brand-new MP4 (H.264, yuv420p) with
one video stream, and one audio stream (AAC, encoded afresh) only when asked
for; nothing from the input is copied (no tags, no user data, no other
streams, no sound packets, no timestamps: frames go on a grid, see Timeline),
and nothing of the encoders' is added (no x264 SEI, no AAC fill element, no
user data box). The phone's rotation (display matrix) is applied to the pixels
and not written. Audio-only files and other clip containers are refused with
their own plain messages; a raw camera photo in ISO boxes (CR3) is no clip: the
photo path refuses it.
"""

from __future__ import annotations

import contextlib
import fractions
import itertools
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import numpy as np

from ..errors import CorruptInputError, InputAccessError, TooLargeError, UnsupportedInputError, VerificationError
from ..policy import OutputPolicy
from .containers import HIDDEN
from .image import ftyp_brands, raw_camera_kind, stat_input

#: File name extensions of the clips mediascrub reads (content decides; the name must agree).
VIDEO_EXTENSIONS = frozenset({".mp4", ".m4v", ".mov", ".qt", ".3gp", ".3g2"})
#: The output container is always MP4.
OUTPUT_EXTENSION = ".mp4"
#: Longest side accepted for a frame (8K). A declared size beyond it is refused before decoding.
MAX_SIDE = 8192
#: Frames accepted per clip (about 40 minutes at 60 fps): a guard against absurd declared lengths.
MAX_FRAMES = 150_000
#: libx264 constant quality: 18 is visually lossless for phone clips.
CRF = "18"
#: x264's "superfast" (was "veryfast"): half the encoder's CPU time (1.1 against 2.3 CPU-s for a 75-frame
#: 720p dev clip; encoding was about a sixth of a clip's CPU time), for files about 7% larger at the same CRF.
PRESET = "superfast"
#: Frames larger than this (px) are encoded with a shorter look-ahead and fewer B-frames and threads
#: (LARGE_FRAME_X264): libx264 holds every frame it looks ahead at or works on; at 4K its default took
#: 634 MB, this 371 MB (and no more CPU time); they are decoded with LARGE_FRAME_DECODE_THREADS threads.
LARGE_FRAME = 1920 * 1088
LARGE_FRAME_X264 = {"threads": "2", "x264-params": "rc-lookahead=2:sync-lookahead=0:bframes=1"}
LARGE_FRAME_DECODE_THREADS = 2

_IMAGE_BRANDS = {b"heic", b"heix", b"heim", b"heis", b"hevc", b"hevx", b"mif1", b"msf1", b"heif", b"avif", b"avis"}
_QT_FIRST_ATOMS = {b"moov", b"mdat", b"wide", b"free", b"skip", b"pnot"}


#: Brands of ISO media files that hold sound only, no clip to publish.
_AUDIO_BRANDS = {b"M4A ", b"M4B ", b"M4P ", b"F4A ", b"F4B "}
AUDIO_ONLY = ("an audio-only file (no picture in it): there is no photo or clip to publish, and mediascrub "
              "cannot clean speech")


def sniff_video(head: bytes) -> bool:
    """Whether the first bytes look like a movie file rather than an image: an ISO/QuickTime movie
    (MP4, MOV, M4V, 3GP; also M4A audio, refused as such) or a clip container mediascrub refuses with
    a clip's message (WebM/MKV, AVI, FLV, MPEG-PS). A raw camera photo in ISO boxes (Canon CR3) is
    not a clip whatever its name: the photo path refuses it (``image.raw_camera_kind``)."""
    if len(head) < 12 or raw_camera_kind(head) is not None:
        return False
    major, brands = ftyp_brands(head)
    if major:
        return not (brands & _IMAGE_BRANDS and major in _IMAGE_BRANDS)
    return head[4:8] in _QT_FIRST_ATOMS or describe_video_refusal(head) is not None


def describe_video_refusal(head: bytes) -> str | None:
    """A clear refusal, from the first bytes, for a file that looks like a movie but holds no clip
    mediascrub reads: audio-only files, and the video containers it does not read (WebM/MKV, AVI,
    Flash, MPEG program streams). None for the rest."""
    major, _ = ftyp_brands(head)
    if major in _AUDIO_BRANDS:
        return AUDIO_ONLY
    if head.startswith(b"\x1aE\xdf\xa3"):
        kind = "WebM" if b"webm" in head[:64] else "Matroska (MKV)"
    elif head[:4] == b"RIFF" and head[8:12] == b"AVI ":
        kind = "AVI"
    elif head[:3] == b"FLV":
        kind = "Flash (FLV)"
    elif head[:4] == b"\x00\x00\x01\xba":
        kind = "MPEG program stream"
    else:
        return None
    article = "an" if kind in ("AVI", "MPEG program stream") else "a"  # a WebM, a Matroska, a Flash
    return f"{article} {kind} video clip, which mediascrub does not read: convert it to MP4 (H.264) and try again"


@dataclass(frozen=True)
class VideoInfo:
    """What the decoder says about a clip (sizes are upright: rotation applied)."""

    width: int
    height: int
    rotation: int  # degrees counter-clockwise applied to the coded pixels (0, 90, 180, 270)
    codec: str
    frames_declared: int
    rate: fractions.Fraction
    time_base: fractions.Fraction
    duration: float | None
    audio_codec: str | None
    other_streams: tuple[str, ...]  # kinds of every stream besides the first video and first audio stream
    container_tags: tuple[str, ...]  # tag names in the container and stream metadata (values never kept)
    size_bytes: int


@dataclass(frozen=True)
class Frame:
    """One decoded frame: its index, its timestamp in the stream's time base and upright RGB pixels."""

    index: int
    pts: int | None
    rgb: np.ndarray


def _av() -> Any:
    import av

    with contextlib.suppress(Exception):
        av.logging.set_level(None)  # FFmpeg's own log lines never reach the user's terminal
    return av


def _head(path: Path) -> bytes:
    try:
        with open(path, "rb") as fh:
            return fh.read(64)
    except OSError:
        return b""  # stat_input in check_video_file gives the clear error


def check_video_file(path: Path, policy: OutputPolicy) -> int:
    """The file's size, with the same clear errors as for photos (missing, folder, link)."""
    st = stat_input(path, "a video file")
    # No cap on the file's size (``output.max_file_bytes`` is the photos' bomb guard): a clip is streamed a frame at
    # a time, so its length costs time, not memory; its frame size and frame count are checked in probe_video.
    if path.suffix.lower() not in VIDEO_EXTENSIONS:
        raise UnsupportedInputError(
            f"the content is a video but the name ends in {path.suffix or '(none)'}; rename it to {path.stem}.mp4 or .mov"
        )
    return st.st_size


def _explain(exc: Exception) -> str:
    text = str(getattr(exc, "strerror", None) or exc)
    low = text.lower()
    if "moov atom not found" in low:
        return "not a playable video: the index (moov box) is missing, so the file is truncated or the recording was not finished"
    if "invalid data" in low:
        return "not a playable video: the container is damaged or not what its header says"
    return f"not a playable video ({text})"


@contextlib.contextmanager
def open_input(path: Path) -> Iterator[Any]:
    """An open PyAV input container; decoder errors become CorruptInputError."""
    av = _av()
    try:
        container = av.open(str(path), mode="r")
    except av.error.FFmpegError as exc:
        raise CorruptInputError(_explain(exc)) from None
    except OSError as exc:
        raise CorruptInputError(_explain(exc)) from None
    try:
        yield container
    finally:
        container.close()


def _rotation(frame: Any) -> int:
    rot = int(round(float(getattr(frame, "rotation", 0) or 0))) % 360
    if rot % 90:
        raise UnsupportedInputError(f"the clip asks to be shown rotated by {rot} degrees; only multiples of 90 are supported")
    return rot


def probe_video(path: Path, policy: OutputPolicy) -> VideoInfo:
    """Open ``path``, check it is a clip mediascrub can process and describe it.

    Refused with one clear line: no video stream, a declared frame size beyond
    MAX_SIDE or ``output.max_pixels``, a declared length beyond MAX_FRAMES, a
    stream whose first frame does not decode (a container that lies about its
    codec), no frames at all.
    """
    refusal = describe_video_refusal(_head(path))
    if refusal:
        raise UnsupportedInputError(refusal)
    size = check_video_file(path, policy)
    check_structure(path, size)
    av = _av()
    with open_input(path) as c:
        fmt = c.format.name or ""
        if not any(n in fmt.split(",") for n in ("mov", "mp4")):
            raise UnsupportedInputError(f"{fmt} container is not supported (only MP4, MOV, M4V and 3GP)")
        if not c.streams.video:
            raise UnsupportedInputError(AUDIO_ONLY if c.streams.audio else "the file has no video stream: nothing to publish as a clip")
        vs = c.streams.video[0]
        cc = vs.codec_context
        if cc is None:
            raise UnsupportedInputError("the video stream is in a format FFmpeg does not decode")
        codec = cc.name
        w, h = int(cc.width or 0), int(cc.height or 0)
        if w <= 0 or h <= 0:
            raise CorruptInputError("the video stream declares no frame size")
        if max(w, h) > MAX_SIDE or w * h > policy.max_pixels:
            raise TooLargeError(
                f"the clip declares frames of {w}x{h}, beyond the limit of {MAX_SIDE} px a side (refused before decoding)"
            )
        declared = int(vs.frames or 0)
        if declared > MAX_FRAMES:
            raise TooLargeError(f"the clip declares {declared} frames, more than the limit of {MAX_FRAMES}")
        audio = c.streams.audio[0] if c.streams.audio else None
        others = tuple(s.type for s in c.streams if s is not vs and s is not audio)
        tags = sorted({str(k) for k in c.metadata} | {f"{s.type}:{k}" for s in c.streams for k in s.metadata})
        try:
            first = next(iter(c.decode(vs)), None)
        except av.error.FFmpegError as exc:
            raise CorruptInputError(
                f"the video stream does not decode as {codec} ({exc.__class__.__name__}): damaged, or the container lies about its codec"
            ) from None
        if first is None:
            if declared:
                raise CorruptInputError(
                    f"none of the {declared} declared frames decodes as {codec}: damaged, or the container lies about its codec"
                )
            raise CorruptInputError("the clip has no frames")
        rot = _rotation(first)
        if rot in (90, 270):
            w, h = h, w
        if w % 2 or h % 2:
            raise UnsupportedInputError(f"frames of {w}x{h} cannot be written as H.264 yuv420p (odd width or height)")
        rate = vs.average_rate or vs.guessed_rate or fractions.Fraction(25)
        return VideoInfo(
            width=w,
            height=h,
            rotation=rot,
            codec=codec,
            frames_declared=declared,
            rate=fractions.Fraction(rate),
            time_base=fractions.Fraction(vs.time_base or fractions.Fraction(1, 90000)),
            duration=float(vs.duration * vs.time_base) if vs.duration and vs.time_base else None,
            audio_codec=audio.codec_context.name if audio is not None and audio.codec_context is not None else None,
            other_streams=others,
            container_tags=tuple(tags),
            size_bytes=size,
        )


def check_structure(path: Path, size: int) -> None:
    """Refuse, before any decoder sees it, a file whose boxes run past its end or that has no index
    (moov), and a track that declares an enormous frame size."""
    from .containers import Mp4ParseError, mp4_structure

    try:
        with open(path, "rb") as fh:
            top, sizes = mp4_structure(fh, size)
    except Mp4ParseError as exc:
        raise CorruptInputError(f"not a complete video, truncated: {exc}; the index (moov box) cannot be read") from None
    except OSError as exc:
        raise InputAccessError(f"cannot read ({exc.strerror})") from None
    if b"moov" not in top:
        raise CorruptInputError(
            "not a playable video: the index (moov box) is missing, so the file is truncated or the recording was not finished"
        )
    for w, h in sizes:
        if max(w, h) > MAX_SIDE:
            raise TooLargeError(
                f"a track declares frames of {w:.0f}x{h:.0f}, beyond the limit of {MAX_SIDE} px a side (refused before decoding)"
            )


def upright(rgb: np.ndarray, rotation: int) -> np.ndarray:
    """The coded pixels turned by ``rotation`` degrees counter-clockwise (how a player shows them)."""
    k = (rotation // 90) % 4
    return np.ascontiguousarray(np.rot90(rgb, k)) if k else rgb


def iter_frames(path: Path, info: VideoInfo) -> Iterator[Frame]:
    """Every frame of the first video stream, upright RGB, in presentation order, one at a time."""
    av = _av()
    with open_input(path) as c:
        vs = c.streams.video[0]
        vs.thread_type = "AUTO"
        if info.width * info.height > LARGE_FRAME:
            vs.thread_count = LARGE_FRAME_DECODE_THREADS  # each decoding thread holds frames of its own
        index = 0
        try:
            for frame in c.decode(vs):
                if index >= MAX_FRAMES:
                    raise TooLargeError(f"the clip has more than {MAX_FRAMES} frames")
                rgb = upright(frame.to_ndarray(format="rgb24"), info.rotation)
                if rgb.shape[:2] != (info.height, info.width):
                    raise CorruptInputError(f"frame {index} is {rgb.shape[1]}x{rgb.shape[0]}, the clip is {info.width}x{info.height}")
                yield Frame(index=index, pts=frame.pts, rgb=rgb)
                index += 1
        except av.error.FFmpegError as exc:
            raise CorruptInputError(f"frame {index} does not decode ({exc.__class__.__name__}): the clip is damaged") from None


#: Frame rates a clip's timing is snapped to when its median frame interval is within 1% of one.
STANDARD_RATES = tuple(fractions.Fraction(r) for r in (
    "24000/1001", "24", "25", "30000/1001", "30", "48", "50", "60000/1001", "60", "90", "100", "120", "240",
    "15", "12.5", "10", "20"))
#: Sample rates written for kept audio (AAC's own list); any other is resampled to 48 kHz.
AAC_RATES = frozenset({96000, 88200, 64000, 48000, 44100, 32000, 24000, 22050, 16000, 12000, 11025, 8000})
#: AAC bit rate of kept audio, per channel.
AAC_BITRATE_PER_CHANNEL = 96_000


@dataclass(frozen=True)
class Timeline:
    """When each frame of a published clip is shown.

    The input's own timestamps are a channel (a sender can choose each frame's delay to the
    microsecond), so they are never copied. The rule: the frame period is measured from the input
    (its median frame interval, refined over the clip's whole length), snapped to a standard rate
    (24, 25, 30000/1001, 30, 50, 60...) when within 0.5% of one, else kept as a fraction with a
    denominator up to 1001; every frame is put on the nearest point of that grid
    (measured from the first frame, which is shown at 0), one period after the frame before at the
    least. A near-constant clip (jitter under half a period) comes out exactly constant; a real
    variable-rate clip (a phone dropping to half rate in the dark, a pause) keeps its gaps, in
    whole periods. What is seen, and how long, stays the same to within half a period.
    """

    rate: fractions.Fraction
    time_base: fractions.Fraction
    pts: tuple[int, ...]

    @property
    def constant(self) -> bool:
        step = self.step
        return all(p == i * step for i, p in enumerate(self.pts))

    @property
    def step(self) -> int:
        return int(1 / (self.rate * self.time_base))

    def seconds(self, index: int) -> fractions.Fraction:
        return self.pts[index] * self.time_base


def _best_rate(times: list[fractions.Fraction], median: fractions.Fraction) -> fractions.Fraction:
    """The frame rate whose grid the frame times fit best (least mean squared distance to their nearest
    grid point, in frames), among the standard rates and the measured one within 15% of 1 / ``median``.
    A wrong rate drifts off the frames within a few dozen of them; jitter and pauses do not move the fit."""
    measured = (1 / median).limit_denominator(1001)
    # the span over the gaps counted in medians: precise on long clips
    steps = sum(max(1, round((b - a) / median)) for a, b in zip(times, times[1:], strict=False) if b > a)
    spanned = (steps / times[-1]).limit_denominator(1001) if times[-1] > 0 and steps else measured
    candidates = {r: 1.0 for r in STANDARD_RATES if abs(r * median - 1) <= 0.15}
    for r in (measured, spanned):
        candidates.setdefault(r, 2.0)  # a standard rate wins unless the measured one fits twice as well

    def cost(rate: fractions.Fraction) -> float:
        return sum(float(t * rate - round(t * rate)) ** 2 for t in times) / len(times) * candidates[rate]

    return min(sorted(candidates), key=cost)


def _grid(pts: list[int | None], time_base: fractions.Fraction, period: fractions.Fraction) -> list[int]:
    """Each frame's place on a grid of ``period`` seconds from the first frame; strictly increasing."""
    first = next((p for p in pts if p is not None), 0)
    grid: list[int] = []
    for p in pts:
        g = round(fractions.Fraction(p - first) * time_base / period) if p is not None else (grid[-1] + 1 if grid else 0)
        if grid and g <= grid[-1]:
            g = grid[-1] + 1
        grid.append(max(g, 0))
    return grid


def plan_timeline(pts: list[int | None], time_base: fractions.Fraction, rate: fractions.Fraction) -> Timeline:
    """The output timeline for frames whose input timestamps are ``pts`` (in ``time_base``); ``rate``
    (the container's average) is used only when the frames do not tell (one frame, no timestamps).
    Pure; see :class:`Timeline` for the rule."""
    known = [(i, p) for i, p in enumerate(pts) if p is not None]
    times = [fractions.Fraction(p - known[0][1]) * time_base for _, p in known]
    gaps = [(t1 - t0) / (j - i) for (i, _), (j, _), t0, t1 in zip(known, known[1:], times, times[1:], strict=False) if t1 > t0]
    if gaps:
        median = sorted(gaps)[len(gaps) // 2]
        out_rate = _best_rate(times, median)
    else:
        out_rate = min(STANDARD_RATES, key=lambda r: abs(r - (fractions.Fraction(rate) if rate else 25)))
    # a time base with a whole number of ticks per frame and at least 10000 ticks a second
    per_second = out_rate.numerator * max(1, -(-10000 // out_rate.numerator))
    step = per_second * out_rate.denominator // out_rate.numerator
    grid = _grid(pts, time_base, 1 / out_rate)
    return Timeline(rate=out_rate, time_base=fractions.Fraction(1, per_second), pts=tuple(g * step for g in grid))


class VideoWriter:
    """Writes a fresh MP4: H.264 yuv420p frames on ``timeline``, optionally one AAC audio stream.

    Nothing of the input is copied. The video stream carries only coded pictures: x264's SEI
    message (its version and every setting, the host's thread count among them) and any other SEI
    are removed from the stream before muxing. ``audio_from``: the input clip whose first audio
    stream is decoded and encoded afresh as AAC-LC (mono or stereo; FFmpeg's encoder in bitexact
    mode, so it writes no name of its own); no packet, configuration byte or tag of the input is
    carried. The file is written with its index first (web-ready) and then copied without the
    empty user data box FFmpeg's muxer always writes. Use as a context manager; ``close`` finishes it.
    """

    def __init__(self, path: Path, info: VideoInfo, timeline: Timeline, *, audio_from: Path | None = None) -> None:
        av = _av()
        self.path = path
        self.info = info
        self.timeline = timeline
        self._av = av
        self._muxed = path.with_name(path.name + ".mux")
        # bitexact: the muxer writes no "encoder" tag and no creation time; faststart: the index first.
        self._out = av.open(str(self._muxed), mode="w", format="mp4",
                            options={"fflags": "+bitexact", "movflags": "+faststart"})
        bitexact = getattr(av.codec.context.Flags, "bitexact", 0)
        options = {"crf": CRF, "preset": PRESET}
        if info.width * info.height > LARGE_FRAME:
            options.update(LARGE_FRAME_X264)
        vs = self._out.add_stream("libx264", rate=timeline.rate, options=options)
        vs.width, vs.height, vs.pix_fmt = info.width, info.height, "yuv420p"
        vs.time_base = timeline.time_base
        vs.codec_context.time_base = timeline.time_base
        vs.codec_context.flags |= bitexact
        self._video = vs
        self._bsf: Any = None  # made at the first packet, once the encoder has set the stream's parameters
        self._frames_written = 0
        self._audio_in: Any = None
        self._audio: Any = None
        self._resampler: Any = None
        if audio_from is not None:
            self._audio_in = av.open(str(audio_from), mode="r")
            if self._audio_in.streams.audio:
                ain = self._audio_in.streams.audio[0].codec_context
                rate = ain.sample_rate if ain.sample_rate in AAC_RATES else 48000
                layout = "mono" if (ain.channels or 2) == 1 else "stereo"  # more channels are mixed down to two
                self._audio = self._out.add_stream("aac", rate=rate, layout=layout)
                self._audio.codec_context.flags |= bitexact  # no "Lavc..." fill element in the first frames
                self._audio.codec_context.bit_rate = AAC_BITRATE_PER_CHANNEL * (1 if layout == "mono" else 2)
                self._resampler = av.AudioResampler(format="fltp", layout=layout, rate=rate, frame_size=1024)

    def write(self, rgb: np.ndarray, index: int) -> None:
        """Encode frame ``index`` of the timeline.

        The frame wraps ``rgb``'s memory (no copy: ``from_ndarray`` copied each 720p frame row by row,
        1.4-2.6 ms, about a tenth of the encoder's time); the encoder takes the picture converted to
        yuv420p (a new frame of its own) before this returns, so the array is free again afterwards."""
        frame = self._av.VideoFrame.from_numpy_buffer(np.ascontiguousarray(rgb), format="rgb24")
        frame.pts = self.timeline.pts[index]
        frame.time_base = self.timeline.time_base
        self._mux_video(self._video.encode(frame))
        self._frames_written += 1

    def _mux_video(self, packets: list[Any]) -> None:
        for packet in packets:
            if self._bsf is None:
                if packet is None:
                    return
                # SEI (NAL unit type 6) never reaches the file: x264 writes its settings there.
                self._bsf = self._av.bitstream.BitStreamFilterContext("filter_units=remove_types=6", self._video)
            for clean in self._bsf.filter(packet):
                self._out.mux(clean)

    def _encode_audio(self) -> None:
        if self._audio is None or self._audio_in is None:
            return
        ain = self._audio_in.streams.audio[0]
        samples = 0
        try:
            for frame in itertools.chain(self._audio_in.decode(ain), [None]):
                for chunk in self._resampler.resample(frame):
                    chunk.pts = samples
                    chunk.time_base = fractions.Fraction(1, chunk.sample_rate)
                    samples += chunk.samples
                    for packet in self._audio.encode(chunk):
                        self._out.mux(packet)
        except self._av.error.FFmpegError as exc:
            raise CorruptInputError(f"the sound does not decode ({exc.__class__.__name__}): the clip is damaged") from None
        for packet in self._audio.encode(None):
            self._out.mux(packet)

    def close(self) -> None:
        try:
            self._mux_video(self._video.encode(None))
            self._mux_video([None])  # drain the SEI filter
            self._encode_audio()
        finally:
            self._out.close()
            if self._audio_in is not None:
                self._audio_in.close()
        self._finish()

    def _finish(self) -> None:
        """Copy the muxed file into place without FFmpeg's empty user data and free-space boxes."""
        from .containers import Mp4ParseError, strip_mp4

        try:
            with open(self._muxed, "rb") as src, open(self.path, "wb") as dest:
                strip_mp4(src, self._muxed.stat().st_size, dest)
        except Mp4ParseError as exc:
            raise VerificationError(f"the new clip could not be finished ({exc})") from None
        finally:
            with contextlib.suppress(OSError):
                self._muxed.unlink()

    def abort(self) -> None:
        with contextlib.suppress(Exception):
            self._out.close()
        if self._audio_in is not None:
            with contextlib.suppress(Exception):
                self._audio_in.close()
        with contextlib.suppress(OSError):
            self._muxed.unlink()

    def __enter__(self) -> VideoWriter:
        return self

    def __exit__(self, exc_type: Any, *_: Any) -> None:
        if exc_type is None:
            self.close()
        else:
            self.abort()


# --- kept sound: AAC exactly as VideoWriter writes it ---------------------------------------------
#
# An AAC frame (raw_data_block) is a list of elements: channel elements (SCE mono, CPE stereo) with the
# coded sound, then END. Data stream elements (DSE) and fill elements (FIL) hold free bytes the decoder
# skips: an encoder's name ("Lavc59.37.100"), or anything else. FFmpeg's encoder in bitexact mode writes
# one channel element and END. A frame is checked without a Huffman decoder of its own: a DSE or FIL
# must end where END starts, so every place one could start is computed from its length field, and the
# decoder decides: if the frame cut there (END written right after the channel element) decodes to the
# very same samples, the bits between were skipped, so they are hidden data.

_AAC_SCE, _AAC_CPE, _AAC_DSE, _AAC_FIL = 0, 1, 4, 6


def _aac_decoder(extradata: bytes) -> Any:
    av = _av()
    ctx = av.CodecContext.create("aac", "r")
    ctx.extradata = extradata
    return ctx


def _decode_pair(extradata: bytes, previous: bytes | None, packet: bytes) -> np.ndarray | None:
    """The samples ``packet`` decodes to after ``previous`` (the overlap it needs), or None on an error."""
    av = _av()
    ctx = _aac_decoder(extradata)
    out = None
    try:
        for data in ([previous] if previous else []) + [packet]:
            for frame in ctx.decode(av.Packet(data)):
                out = frame.to_ndarray()
        return out
    except (av.error.FFmpegError, ValueError):
        return None


def _aac_cut(data: bytes, at: int) -> bytes:
    """The first ``at`` bits of a frame, then END (111) and zero bits to the byte."""
    bits = int.from_bytes(data, "big") >> (8 * len(data) - at) if at else 0
    bits = (bits << 3) | 0b111
    total = at + 3
    pad = -total % 8
    return (bits << pad).to_bytes((total + pad) // 8, "big")


def _aac_element_starts(data: bytes, end: int) -> Iterator[int]:
    """Every bit position where a DSE or FIL ending exactly at bit ``end`` could start (by its length fields)."""
    total = 8 * len(data)
    value = int.from_bytes(data, "big")

    def bits(at: int, n: int) -> int:
        return (value >> (total - at - n)) & ((1 << n) - 1) if at >= 0 and at + n <= total else -1

    for count in range(0, 511):  # DSE: id, tag (4), align flag, count (8) [+ escape (8)], [align], count bytes
        head = 16 + (8 if count >= 255 else 0)
        data_start = end - 8 * count
        for align in (0, 1):
            if align and data_start % 8:
                continue
            for pad in range(8) if align else (0,):
                start = data_start - pad - head
                if start < 0 or bits(start, 3) != _AAC_DSE or bits(start + 7, 1) != align:
                    continue
                if align and (start + head + 7) // 8 * 8 != data_start:
                    continue
                c = bits(start + 8, 8)
                if (count < 255 and c == count) or (count >= 255 and c == 255 and bits(start + 16, 8) == count - 255):
                    yield start
    for count in range(0, 270):  # FIL: id, count (4) [+ escape (8)], count bytes
        for escaped in (False, True):
            if (not escaped and count > 14) or (escaped and count < 14):
                continue
            start = end - 8 * count - 7 - (8 if escaped else 0)
            if start < 0 or bits(start, 3) != _AAC_FIL:
                continue
            c = bits(start + 3, 4)
            if (not escaped and c == count) or (escaped and c == 15 and bits(start + 7, 8) == count - 14):
                yield start


def audio_problems(path: Path) -> list[str]:
    """What the first audio stream of a clip holds beyond AAC-LC sound as :class:`VideoWriter` writes it
    (empty: nothing). Each frame must start with its one channel element, end with END and zero bits, and
    hold no data or fill element (found with the decoder, see above). Reads every audio packet."""
    av = _av()
    found: dict[str, int] = {}

    def note(what: str) -> None:
        found[what] = found.get(what, 0) + 1

    with open_input(path) as c:
        if not c.streams.audio:
            return []
        stream = c.streams.audio[0]
        cc = stream.codec_context
        if cc is None or cc.name != "aac":
            return [f"sound in {cc.name if cc is not None else 'an unknown format'}, not AAC (it is encoded afresh)"]
        extradata = bytes(cc.extradata or b"")
        if len(extradata) < 2 or extradata[0] >> 3 != 2:
            return ["sound that is not plain AAC-LC (it is encoded afresh)"]
        channels = (int.from_bytes(extradata[:2], "big") >> 3) & 0xF
        element = {1: _AAC_SCE, 2: _AAC_CPE}.get(channels)
        if element is None:
            return [f"sound with {channels} channels in its configuration (it is mixed to stereo and encoded afresh)"]
        previous: bytes | None = None
        try:
            for packet in c.demux(stream):
                data = bytes(packet)
                if not data:
                    continue
                _check_aac_frame(data, previous, extradata, element, note)
                previous = data
        except av.error.FFmpegError as exc:
            note(f"sound that does not read ({exc.__class__.__name__})")
    return [what if n == 1 else f"{what} ({n} frames)" for what, n in found.items()]


def _check_aac_frame(data: bytes, previous: bytes | None, extradata: bytes, element: int, note: Any) -> None:
    if data[0] >> 5 != element:
        note(f"{HIDDEN}: AAC sound frames that start with a data, fill or other element (free bytes)")
        return
    value = int.from_bytes(data, "big")
    total = 8 * len(data)
    zeros = (value & -value).bit_length() - 1 if value else total
    end = total - zeros - 3
    if zeros > 7 or end < 3 or (value >> zeros) & 0b111 != 0b111:
        note(f"{HIDDEN}: AAC sound frames that do not end as an encoder ends them")
        return
    reference: np.ndarray | None | bool = False
    # an END earlier in the last byte (bits after it are free), or a DSE/FIL just before END
    starts = [e for e in range(end - 1, max(end - 8, 2), -1) if (value >> (total - e - 3)) & 0b111 == 0b111]
    for start in [*starts, *_aac_element_starts(data, end)]:
        if reference is False:
            reference = _decode_pair(extradata, previous, data)
            if reference is None:
                note("AAC sound frames that do not decode")
                return
        cut = _decode_pair(extradata, previous, _aac_cut(data, start))
        if cut is not None and isinstance(reference, np.ndarray) and cut.shape == reference.shape and np.array_equal(cut, reference):
            note(f"{HIDDEN}: AAC sound frames with data or fill elements (bytes the decoder skips)")
            return


#: Container tags a fresh MP4 from VideoWriter may carry (all derived from ftyp).
ALLOWED_OUTPUT_TAGS = frozenset({"major_brand", "minor_version", "compatible_brands"})
#: Stream tags allowed, with the values FFmpeg itself writes (a handler name copied from a phone could name it).
ALLOWED_STREAM_TAGS = {"language": None, "handler_name": frozenset({"VideoHandler", "SoundHandler"}),
                       "vendor_id": frozenset({"[0][0][0][0]", "FFMP"})}


def verify_streams(path: Path, info: VideoInfo, *, keep_audio: bool) -> None:
    """The output has exactly one H.264 yuv420p video stream of the input's upright size (and one
    audio stream only with ``keep_audio``), no rotation, no tag beyond the ftyp-derived ones."""
    with open_input(path) as c:
        kinds = [s.type for s in c.streams]
        expected = ["video"] + (["audio"] if keep_audio and info.audio_codec else [])
        if sorted(kinds) != sorted(expected):
            raise VerificationError(f"the new clip has streams {kinds}, expected {expected}")
        extra = sorted(set(map(str, c.metadata)) - ALLOWED_OUTPUT_TAGS)
        for s in c.streams:
            for k, v in s.metadata.items():
                allowed = ALLOWED_STREAM_TAGS.get(str(k), frozenset())
                if allowed is not None and v not in allowed:
                    extra.append(f"{s.type}:{k}")
                elif allowed is None and not (len(str(v)) == 3 and str(v).isalpha()):
                    extra.append(f"{s.type}:{k}")
        if extra:
            raise VerificationError("the new clip still carries tags: " + ", ".join(extra))
        vs = c.streams.video[0]
        if vs.codec_context.name != "h264" or vs.codec_context.pix_fmt != "yuv420p":
            raise VerificationError(f"the new clip is {vs.codec_context.name} {vs.codec_context.pix_fmt}, expected h264 yuv420p")
        if (vs.width, vs.height) != (info.width, info.height):
            raise VerificationError(f"the new clip is {vs.width}x{vs.height}, expected {info.width}x{info.height}")


def iter_output_frames(path: Path) -> Iterator[tuple[fractions.Fraction | None, np.ndarray, int]]:
    """(time in seconds, RGB pixels, rotation) of every frame of a written clip (for verification)."""
    av = _av()
    with open_input(path) as c:
        try:
            for frame in c.decode(c.streams.video[0]):
                at = frame.pts * fractions.Fraction(frame.time_base) if frame.pts is not None and frame.time_base else None
                yield at, frame.to_ndarray(format="rgb24"), _rotation(frame)
        except av.error.FFmpegError as exc:
            raise VerificationError(f"the new clip does not decode ({exc.__class__.__name__})") from None


def first_frame(path: Path) -> np.ndarray:
    """The first frame of a clip, upright RGB (for thumbnails). Raises CorruptInputError when it does not decode."""
    av = _av()
    with open_input(path) as c:
        if not c.streams.video:
            raise CorruptInputError("the file has no video stream")
        try:
            frame = next(iter(c.decode(c.streams.video[0])), None)
        except av.error.FFmpegError as exc:
            raise CorruptInputError(f"the first frame does not decode ({exc.__class__.__name__})") from None
        if frame is None:
            raise CorruptInputError("the clip has no frames")
        return upright(frame.to_ndarray(format="rgb24"), _rotation(frame))


def sample_frames(path: Path, count: int) -> tuple[int, list[tuple[int, float | None, np.ndarray]]]:
    """``count`` evenly spaced frames of a clip (the first and the last included), decoded in one streaming pass.

    Returns (frames in the clip, [(frame index, seconds or None, upright RGB)]); only the chosen frames are
    kept. Raises CorruptInputError when the clip does not decode. For the review sheet: give it an output.
    """
    av = _av()
    with open_input(path) as c:
        if not c.streams.video:
            raise CorruptInputError("the file has no video stream")
        vs = c.streams.video[0]
        total = int(vs.frames or 0)
        if total <= 0:  # not declared: count the packets (no decoding)
            total = sum(1 for pkt in c.demux(vs) if pkt.size)
    if total <= 0:
        raise CorruptInputError("the clip has no frames")
    count = max(1, min(count, total))
    wanted = sorted({round(k * (total - 1) / max(1, count - 1)) for k in range(count)})
    out: list[tuple[int, float | None, np.ndarray]] = []
    with open_input(path) as c:
        vs = c.streams.video[0]
        try:
            for i, frame in enumerate(c.decode(vs)):
                if i in wanted:
                    seconds = float(frame.pts * frame.time_base) if frame.pts is not None and frame.time_base else None
                    out.append((i, seconds, upright(frame.to_ndarray(format="rgb24"), _rotation(frame))))
                    if len(out) == len(wanted):
                        break
        except av.error.FFmpegError as exc:
            raise CorruptInputError(f"the clip does not decode ({exc.__class__.__name__})") from None
    if not out:
        raise CorruptInputError("the clip has no frames")
    return total, out


__all__ = [
    "sample_frames",
    "first_frame",
    "VIDEO_EXTENSIONS",
    "OUTPUT_EXTENSION",
    "VideoInfo",
    "Frame",
    "VideoWriter",
    "sniff_video",
    "describe_video_refusal",
    "check_video_file",
    "probe_video",
    "iter_frames",
    "upright",
    "verify_streams",
    "iter_output_frames",
    "audio_problems",
    "plan_timeline",
    "Timeline",
]
