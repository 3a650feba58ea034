"""Video clips: sniff, probe, decode upright frames as a stream, encode a fresh MP4.

PyAV (``av``) bundles FFmpeg with libx264, so no separately installed ffmpeg
is needed. Frames are decoded one at a time and handed on: a clip is never
held in memory. The output is always a brand-new MP4 (H.264, yuv420p) with
one video stream, and one audio stream only when asked for; nothing from the
input container is copied (no tags, no user data, no other streams). The
phone's rotation (display matrix) is applied to the pixels and not written.
"""

from __future__ import annotations

import contextlib
import fractions
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import numpy as np

from ..errors import CorruptInputError, InputAccessError, TooLargeError, UnsupportedInputError, VerificationError
from ..policy import OutputPolicy
from .image import stat_input

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
PRESET = "veryfast"

_IMAGE_BRANDS = {b"heic", b"heix", b"heim", b"heis", b"hevc", b"hevx", b"mif1", b"msf1", b"heif", b"avif", b"avis"}
_QT_FIRST_ATOMS = {b"moov", b"mdat", b"wide", b"free", b"skip", b"pnot"}
# Audio codecs the MP4 muxer takes as they are; others are re-encoded to AAC.
_REMUX_AUDIO = {"aac", "mp3", "alac", "ac3", "eac3", "opus"}


def sniff_video(head: bytes) -> bool:
    """Whether the first bytes look like an ISO/QuickTime movie (MP4, MOV, M4V, 3GP) rather than an image."""
    if len(head) < 12:
        return False
    if head[4:8] == b"ftyp":
        brands = {head[8:12]}
        box_len = int.from_bytes(head[0:4], "big")
        for i in range(16, min(box_len, len(head)) - 3, 4):
            brands.add(head[i : i + 4])
        return not (brands & _IMAGE_BRANDS and head[8:12] in _IMAGE_BRANDS)
    return head[4:8] in _QT_FIRST_ATOMS


def describe_video_refusal(head: bytes) -> str | None:
    """A clear refusal for video containers mediascrub does not support, or None."""
    if head.startswith(b"\x1aE\xdf\xa3"):
        kind = "WebM" if b"webm" in head[:64] else "Matroska (MKV)"
    elif head[:4] == b"RIFF" and head[8:12] == b"AVI ":
        kind = "AVI"
    elif head[:3] == b"FLV":
        kind = "Flash video"
    elif head[:4] == b"\x00\x00\x01\xba" or head[:1] == b"\x47":
        kind = "MPEG program/transport stream"
    else:
        return None
    return f"{kind} clips are not supported: convert to MP4 (only MP4, MOV, M4V and 3GP are read)"


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
    size = check_video_file(path, policy)
    check_structure(path, size)
    av = _av()
    with open_input(path) as c:
        fmt = c.format.name or ""
        if not any(n in fmt.split(",") for n in ("mov", "mp4")):
            raise UnsupportedInputError(f"{fmt} container is not supported (only MP4, MOV, M4V and 3GP)")
        if not c.streams.video:
            raise UnsupportedInputError("the file has no video stream (audio only?): nothing to publish as a clip")
        vs = c.streams.video[0]
        cc = vs.codec_context
        codec = cc.name if cc is not None else "unknown"
        w, h = int(vs.width or 0), int(vs.height or 0)
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


class VideoWriter:
    """Writes a fresh MP4: H.264 yuv420p frames with the input's timestamps, optionally one audio stream.

    ``audio_from``: the input clip whose first audio stream is copied (AAC and a
    few others re-muxed packet by packet, anything else re-encoded to AAC); no
    tag of the input is carried. Use as a context manager; ``close`` finishes the file.
    """

    def __init__(self, path: Path, info: VideoInfo, *, audio_from: Path | None = None) -> None:
        av = _av()
        self.path = path
        self.info = info
        self._av = av
        # bitexact: the muxer writes no "encoder" tag and no creation time.
        self._out = av.open(str(path), mode="w", format="mp4", options={"fflags": "+bitexact"})
        vs = self._out.add_stream("libx264", rate=info.rate, options={"crf": CRF, "preset": PRESET})
        vs.width, vs.height, vs.pix_fmt = info.width, info.height, "yuv420p"
        vs.time_base = info.time_base
        vs.codec_context.time_base = info.time_base
        vs.codec_context.flags |= getattr(av.codec.context.Flags, "bitexact", 0)
        self._video = vs
        self._frames_written = 0
        self._last_pts: int | None = None
        self._audio_in: Any = None
        self._audio: Any = None
        self._audio_remux = False
        if audio_from is not None:
            self._audio_in = av.open(str(audio_from), mode="r")
            if self._audio_in.streams.audio:
                ain = self._audio_in.streams.audio[0]
                name = ain.codec_context.name if ain.codec_context is not None else ""
                if name in _REMUX_AUDIO:
                    self._audio = self._out.add_stream_from_template(ain)
                    self._audio_remux = True
                else:
                    self._audio = self._out.add_stream("aac", rate=ain.codec_context.sample_rate or 48000)
                self._audio.metadata.clear() if hasattr(self._audio.metadata, "clear") else None

    def write(self, rgb: np.ndarray, pts: int | None) -> None:
        frame = self._av.VideoFrame.from_ndarray(np.ascontiguousarray(rgb), format="rgb24")
        if pts is None:  # a frame without a timestamp follows the last one at the nominal rate
            step = max(1, round(1 / (self.info.rate * self.info.time_base))) if self.info.rate else 1
            pts = 0 if self._last_pts is None else self._last_pts + step
        frame.pts = pts
        frame.time_base = self.info.time_base
        self._last_pts = pts
        for packet in self._video.encode(frame):
            self._out.mux(packet)
        self._frames_written += 1

    def _copy_audio(self) -> None:
        if self._audio is None or self._audio_in is None:
            return
        ain = self._audio_in.streams.audio[0]
        if self._audio_remux:
            for packet in self._audio_in.demux(ain):
                if packet.dts is None or packet.size == 0:
                    continue
                packet.stream = self._audio
                self._out.mux(packet)
            return
        for frame in self._audio_in.decode(ain):
            frame.pts = None
            for packet in self._audio.encode(frame):
                self._out.mux(packet)
        for packet in self._audio.encode(None):
            self._out.mux(packet)

    def close(self) -> None:
        try:
            for packet in self._video.encode(None):
                self._out.mux(packet)
            self._copy_audio()
        finally:
            self._out.close()
            if self._audio_in is not None:
                self._audio_in.close()

    def abort(self) -> None:
        with contextlib.suppress(Exception):
            self._out.close()
        if self._audio_in is not None:
            with contextlib.suppress(Exception):
                self._audio_in.close()

    def __enter__(self) -> VideoWriter:
        return self

    def __exit__(self, exc_type: Any, *_: Any) -> None:
        if exc_type is None:
            self.close()
        else:
            self.abort()


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


def iter_output_frames(path: Path) -> Iterator[tuple[int | None, np.ndarray, int]]:
    """(pts, RGB pixels, rotation) of every frame of a written clip (for verification)."""
    av = _av()
    with open_input(path) as c:
        try:
            for frame in c.decode(c.streams.video[0]):
                yield frame.pts, frame.to_ndarray(format="rgb24"), _rotation(frame)
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
]
