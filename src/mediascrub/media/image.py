"""Load, encode fresh, verify, write atomically.

Loading sniffs the format from the content (never the name), refuses
decompression bombs before decoding, decodes every frame completely and
applies the EXIF orientation to the pixels, so every later stage works on
upright pixels. Encoding builds a brand-new file from pixels alone: no byte of
the original is ever copied (a JPEG whose pixels need no change is rebuilt from
its DCT coefficients instead: media/rebuild.py).

Colour: a non-sRGB ICC profile is converted to sRGB in the pixels and no
profile is written (an ICC profile is a block of bytes from the camera or
editor; sRGB is what every browser and social network assumes for untagged
images, so colours stay right).

Transparency: the colour under a fully transparent pixel is invisible, and is
the classic place for "erased" text. Loading sets it to black wherever the
output keeps transparency, and composites the picture onto white where the
output cannot (HEIC/AVIF become JPEG), so what is published is what was shown.

Timing: frame delays and the loop count of an animation are numbers of free
choice (a marker can be spelled in them). Each delay is rounded to the nearest of
a short list of common delays (``FRAME_DELAYS``); a delay of 10 ms or less becomes
100 ms, which is what browsers show for it; loop counts above 10 become 10.
"""

from __future__ import annotations

import contextlib
import enum
import errno
import functools
import io
import itertools
import os
import stat
import struct
import tempfile
import warnings
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np
from PIL import Image, ImageCms, ImageSequence

from ..errors import (
    CorruptInputError,
    InputAccessError,
    TooLargeError,
    UnsupportedInputError,
    VerificationError,
    plain_text,
)
from ..policy import OutputPolicy


class Format(str, enum.Enum):
    JPEG = "jpeg"
    PNG = "png"
    GIF = "gif"
    WEBP = "webp"
    TIFF = "tiff"
    HEIF = "heif"
    AVIF = "avif"

    @property
    def output_format(self) -> Format:
        """HEIC/HEIF and AVIF become JPEG: they carry auxiliary images and thumbnails we cannot rule out."""
        return Format.JPEG if self in (Format.HEIF, Format.AVIF) else self

    @property
    def keeps_alpha(self) -> bool:
        """Whether files of this format can show transparency (JPEG cannot)."""
        return self != Format.JPEG

    @property
    def extension(self) -> str:
        return {Format.JPEG: ".jpg", Format.TIFF: ".tif", Format.HEIF: ".heic"}.get(self, "." + self.value)


EXTENSIONS: dict[Format, frozenset[str]] = {
    Format.JPEG: frozenset({".jpg", ".jpeg", ".jpe", ".jfif"}),
    Format.PNG: frozenset({".png"}),
    Format.GIF: frozenset({".gif"}),
    Format.WEBP: frozenset({".webp"}),
    Format.TIFF: frozenset({".tif", ".tiff"}),
    Format.HEIF: frozenset({".heic", ".heif", ".hif"}),
    Format.AVIF: frozenset({".avif"}),
}
ALL_EXTENSIONS = frozenset().union(*EXTENSIONS.values())

_PIL_FORMAT = {
    Format.JPEG: "JPEG",
    Format.PNG: "PNG",
    Format.GIF: "GIF",
    Format.WEBP: "WEBP",
    Format.TIFF: "TIFF",
}

_HEIF_BRANDS = {b"heic", b"heix", b"heim", b"heis", b"hevc", b"hevx", b"mif1", b"msf1", b"heif"}
_AVIF_BRANDS = {b"avif", b"avis"}


def sniff_format(head: bytes) -> Format | None:
    """The image format from the first bytes of a file, or None if it is not one we support."""
    if head[:3] == b"\xff\xd8\xff":
        return Format.JPEG
    if head[:8] == b"\x89PNG\r\n\x1a\n":
        return Format.PNG
    if head[:6] in (b"GIF87a", b"GIF89a"):
        return Format.GIF
    if head[:4] == b"RIFF" and head[8:12] == b"WEBP":
        return Format.WEBP
    if head[:4] in (b"II*\x00", b"MM\x00*"):
        return Format.TIFF
    _, brands = ftyp_brands(head)
    if brands & _AVIF_BRANDS:
        return Format.AVIF
    if brands & _HEIF_BRANDS:
        return Format.HEIF
    return None


def ftyp_brands(head: bytes) -> tuple[bytes, set[bytes]]:
    """(major brand, every brand) of an ISO media file's first box (HEIC, AVIF, MP4, CR3...), or
    (b"", set()) when it has none."""
    if len(head) < 12 or head[4:8] != b"ftyp":
        return b"", set()
    brands = {head[8:12]}
    box_len = int.from_bytes(head[0:4], "big")
    for i in range(16, min(box_len, len(head)) - 3, 4):
        brands.add(head[i : i + 4])
    return head[8:12], brands


# Raw camera files: magic numbers of the formats that are not TIFF inside (Canon's CR3 is told by its ISO brand).
_RAW_MAGIC = (
    (0, b"FUJIFILMCCD-RAW", "Fujifilm RAF"),
    (0, b"FOVb", "Sigma X3F"),
    (0, b"\x00MRM", "Minolta MRW"),
    (0, b"IIRO", "Olympus ORF"),
    (0, b"IIRS", "Olympus ORF"),
    (0, b"MMOR", "Olympus ORF"),
    (0, b"IIU\x00", "Panasonic RW2"),
    (6, b"HEAPCCDR", "Canon CRW"),
    (4, b"RED1", "RED R3D"),
    (4, b"RED2", "RED R3D"),
    (8, b"IIII", "Phase One IIQ"),
)
_TIFF_RAW_PHOTOMETRIC = {32803: "camera sensor data", 34892: "linear camera data"}


def raw_camera_kind(data: bytes) -> str | None:
    """What kind of raw camera file ``data`` is (``"DNG"``, ``"Canon CR2"``...), or None.

    Raw files are sniffed by content: most are TIFF inside, and their first image is often only a small
    preview (a DNG renamed .tif would publish its 8x8 thumbnail). A TIFF counts as raw when it carries a
    DNG version, Canon's CR2 mark, an image of camera sensor data (colour filter array or linear raw), or
    a first image marked as a reduced-size preview with the full image in a sub-directory."""
    for offset, magic, kind in _RAW_MAGIC:
        if data[offset : offset + len(magic)] == magic:
            return kind
    if b"crx " in ftyp_brands(data[:64])[1]:
        return "Canon CR3"
    if data[:4] not in (b"II*\x00", b"MM\x00*"):
        return None
    if data[8:10] == b"CR":
        return "Canon CR2"
    order = "<" if data[:2] == b"II" else ">"
    try:
        seen: set[int] = set()
        todo = [struct.unpack(order + "I", data[4:8])[0]]
        first = True
        while todo and len(seen) < 16:
            ifd = todo.pop(0)
            if ifd in seen or ifd + 2 > len(data):
                continue
            seen.add(ifd)
            count = struct.unpack(order + "H", data[ifd : ifd + 2])[0]
            tags: dict[int, tuple[int, int, int]] = {}
            for k in range(min(count, 512)):
                e = ifd + 2 + 12 * k
                tag, typ, n = struct.unpack(order + "HHI", data[e : e + 8])
                field_ = data[e + 8 : e + 12]
                tags[tag] = (typ, n, struct.unpack(order + ("H" if typ == 3 else "I"), field_[: 2 if typ == 3 else 4])[0])
            if 50706 in tags:
                return "DNG"
            if (photometric := tags.get(262, (0, 0, 0))[2]) in _TIFF_RAW_PHOTOMETRIC:
                return _TIFF_RAW_PHOTOMETRIC[photometric]
            if 330 in tags:  # SubIFDs: where raw formats keep the full-size sensor data
                typ, n, value = tags[330]
                if n == 1:
                    todo.append(value)
                elif n <= 16 and value + 4 * n <= len(data):
                    todo.extend(struct.unpack(order + "I" * n, data[value : value + 4 * n]))
                if first and tags.get(254, (0, 0, 0))[2] & 1:
                    return "its first image is only a preview"
            first = False
    except (struct.error, IndexError):
        return None
    return None


RAW_ADVICE = "export a JPEG from the camera or phone (or from the photo app) and scrub that"


def describe_content(head: bytes) -> str:
    """A few words about what an unsupported file looks like, for error messages."""
    known = [
        (b"%PDF", "a PDF document"),
        (b"PK\x03\x04", "a ZIP archive (or Office document)"),
        (b"8BPS", "a Photoshop document"),
        (b"BM", "a BMP image"),
        (b"\x00\x00\x01\x00", "an icon file"),
        (b"\x1aE\xdf\xa3", "a video (Matroska/WebM)"),
    ]
    for magic, words in known:
        if head.startswith(magic):
            return words
    if head[4:8] == b"ftyp":
        return "a video or other ISO media file"
    decoded = _utf8_prefix(head[:512])
    if decoded and all(ch.isprintable() or ch in "\t\r\n" for ch in decoded):
        return "text"
    return "not an image format mediascrub knows"


def _utf8_prefix(sample: bytes) -> str:
    """The sample decoded as UTF-8, allowing for a character cut at its end; "" if it is not UTF-8."""
    for cut in range(4):
        try:
            return sample[: len(sample) - cut].decode("utf-8")
        except UnicodeDecodeError:
            continue
    return ""


#: The frame delays (ms) an animation is published with: each source delay is rounded to the nearest of
#: these (on a log scale). Smooth animations (20-80 ms) keep 10 ms steps; pauses keep their rough length.
FRAME_DELAYS = (20, 30, 40, 50, 60, 70, 80, 100, 120, 150, 200, 250, 300, 400, 500, 700, 1000, 1500, 2000, 3000,
                5000, 10000, 15000, 20000, 30000, 60000)
#: Browsers show a frame whose delay is this many ms or less for BROWSER_MIN_DELAY_SUBSTITUTE ms.
BROWSER_MIN_DELAY = 10
BROWSER_MIN_DELAY_SUBSTITUTE = 100
MAX_LOOPS = 10


def published_delay(ms: int) -> int:
    """The delay a frame of ``ms`` milliseconds is published with (FRAME_DELAYS; see the module's Timing)."""
    if ms <= BROWSER_MIN_DELAY:
        return BROWSER_MIN_DELAY_SUBSTITUTE
    return min(FRAME_DELAYS, key=lambda d: abs(np.log(d / ms)))


def published_loop(loop: int | None) -> int | None:
    """The loop count published: None (play once) and 0 (for ever) as they are, other counts at most MAX_LOOPS."""
    return loop if loop is None or loop <= MAX_LOOPS else MAX_LOOPS


def timing_note(durations: list[int], loop: int | None) -> str | None:
    """What the timing rule changed, in words (None: nothing)."""
    if len(durations) < 2:
        return None
    new = [published_delay(d) for d in durations]
    changed = sum(1 for a, b in zip(durations, new, strict=True) if a != b)
    fast = sum(1 for d in durations if d <= BROWSER_MIN_DELAY)
    parts = []
    if changed:
        parts.append(f"{changed} frame delay(s) rounded to common values")
    if fast:
        parts.append(f"{fast} of them {BROWSER_MIN_DELAY} ms or less, written as {BROWSER_MIN_DELAY_SUBSTITUTE} ms "
                     "(what browsers show)")
    if published_loop(loop) != loop:
        parts.append(f"loop count {loop} written as {published_loop(loop)}")
    return "; ".join(parts) or None


@dataclass
class LoadedImage:
    """An input decoded completely, upright, as 8-bit RGB frames.

    ``alphas`` holds one alpha channel per frame (or None); the colour under fully
    transparent pixels is already black. ``data`` is the original file content, read
    once and never modified. ``durations`` and ``loop`` are the source's; the
    published ones come from :func:`published_delay` and :func:`published_loop`.
    ``notes`` says what loading changed that a viewer could notice.
    """

    path: Path
    format: Format
    data: bytes
    frames: list[np.ndarray]
    alphas: list[np.ndarray | None]
    orientation: int = 1
    grey: bool = False
    icc: str | None = None  # None: no profile; "srgb"; "converted" to sRGB; "unconverted": could not be applied
    durations: list[int] = field(default_factory=list)
    loop: int | None = None
    lossless_webp: bool = False
    jpeg_subsampling: int | None = None
    source_mode: str = "RGB"
    notes: list[str] = field(default_factory=list)

    @property
    def width(self) -> int:
        return int(self.frames[0].shape[1])

    @property
    def height(self) -> int:
        return int(self.frames[0].shape[0])

    @property
    def animated(self) -> bool:
        return len(self.frames) > 1


_heif_registered = False


def _register_heif() -> None:
    global _heif_registered
    if not _heif_registered:
        import pillow_heif

        pillow_heif.register_heif_opener(thumbnails=False, depth_images=False, aux_images=False)
        _heif_registered = True


def stat_input(path: Path, what: str = "an image file") -> os.stat_result:
    """The input's stat, with clear errors for a missing file, a broken link, a folder, a device or an empty file.

    ``what`` says what a folder is not, in the message ("an image file", "a video file").
    """
    try:
        st = os.lstat(path)
    except FileNotFoundError:
        raise InputAccessError("no such file") from None
    except OSError as exc:
        raise InputAccessError(f"cannot read ({exc.strerror})") from None
    if stat.S_ISLNK(st.st_mode):
        try:
            st = os.stat(path)
        except OSError:
            raise InputAccessError("broken symbolic link (its target does not exist)") from None
    if stat.S_ISDIR(st.st_mode):
        raise InputAccessError(f"is a folder, not {what}")
    if not stat.S_ISREG(st.st_mode):
        raise InputAccessError("not a regular file (device, pipe or socket)")
    if st.st_size == 0:
        raise CorruptInputError("empty file (0 bytes)")
    return st


def read_input(path: Path, policy: OutputPolicy) -> bytes:
    """Read a file's bytes with clear errors for links, folders, permissions, size."""
    st = stat_input(path)
    if st.st_size > policy.max_file_bytes:
        raise TooLargeError(
            f"file is {st.st_size / 1e6:.0f} MB, more than the limit of "
            f"{policy.max_file_bytes / 1e6:.0f} MB (output.max_file_bytes)"
        )
    try:
        with open(path, "rb") as fh:
            return fh.read()
    except PermissionError:
        raise InputAccessError("permission denied (cannot read the file)") from None
    except OSError as exc:
        raise InputAccessError(f"cannot read ({exc.strerror})") from None


def _check_extension(path: Path, fmt: Format) -> None:
    ext = path.suffix.lower()
    if ext in EXTENSIONS[fmt]:
        return
    if ext in ALL_EXTENSIONS:
        raise UnsupportedInputError(
            f"the content is {fmt.value.upper()} but the name ends in {path.suffix}; "
            f"rename it to {path.stem}{fmt.extension} and try again"
        )
    raise UnsupportedInputError(
        f"unsupported file name extension {path.suffix or '(none)'!s} for {fmt.value.upper()} content; "
        f"rename it to {path.stem}{fmt.extension}"
    )


# The colours an embedded profile is tried on: every combination of these levels per channel.
_PROBE_LEVELS = (0, 16, 48, 96, 128, 160, 208, 240, 255)
#: How far (levels of 255) a profile may move a probe colour and still count as sRGB.
SRGB_TOLERANCE = 2


@functools.lru_cache(maxsize=64)
def _is_srgb(icc_bytes: bytes) -> bool:
    """Whether a profile maps colours to sRGB unchanged, judged by what it does, never by its name (an
    Adobe RGB profile may be called "sRGB"): a grid of colours is converted from the profile to sRGB and
    must come back within SRGB_TOLERANCE. A profile that cannot be read or applied is not sRGB."""
    levels = np.array(_PROBE_LEVELS, dtype=np.uint8)
    grid = np.stack(np.meshgrid(levels, levels, levels, indexing="ij"), axis=-1).reshape(1, -1, 3)
    try:
        prof = ImageCms.ImageCmsProfile(io.BytesIO(icc_bytes))
        if prof.profile.xcolor_space.strip() != "RGB":
            return False
        out = ImageCms.profileToProfile(Image.fromarray(grid, "RGB"), prof, _srgb_profile(), outputMode="RGB")
    except (OSError, ImageCms.PyCMSError, ValueError):
        return False
    if out is None:
        return False
    return int(np.abs(np.asarray(out, dtype=np.int16) - grid.astype(np.int16)).max()) <= SRGB_TOLERANCE


_SRGB = None


def _srgb_profile() -> ImageCms.ImageCmsProfile:
    global _SRGB
    if _SRGB is None:
        _SRGB = ImageCms.ImageCmsProfile(ImageCms.createProfile("sRGB"))
    return _SRGB


def _frame_to_arrays(frame: Image.Image, icc: bytes | None) -> tuple[np.ndarray, np.ndarray | None, bool]:
    """One decoded frame -> (RGB uint8, alpha or None, converted-from-ICC)."""
    converted = False
    mode = frame.mode
    if mode in ("I;16", "I;16B", "I;16L", "I;16N", "I", "F"):
        arr = np.asarray(frame, dtype=np.float64)
        peak = 65535.0 if mode.startswith("I;16") or arr.max() > 255 else 255.0
        grey8 = np.clip(arr / peak * 255.0 + 0.5, 0, 255).astype(np.uint8)
        return np.repeat(grey8[..., None], 3, axis=2), None, False
    has_alpha = mode in ("RGBA", "LA", "PA", "La", "RGBa") or (mode == "P" and "transparency" in frame.info)
    if icc and not _is_srgb(icc) and mode in ("RGB", "RGBA", "CMYK", "L", "LA"):
        try:
            src = ImageCms.ImageCmsProfile(io.BytesIO(icc))
            out_mode = "RGBA" if has_alpha and mode in ("RGBA", "LA") else "RGB"
            in_mode = mode if mode != "LA" else "L"
            base = frame if mode != "LA" else frame.convert("L")
            frame_conv = ImageCms.profileToProfile(base, src, _srgb_profile(), outputMode=out_mode if in_mode != "L" else "RGB")
            if frame_conv is not None:
                if has_alpha and mode == "LA":
                    alpha_img = frame.getchannel("A")
                    frame_conv = frame_conv.convert("RGB")
                    frame_conv.putalpha(alpha_img)
                frame = frame_conv
                mode = frame.mode
                converted = True
        except (ImageCms.PyCMSError, OSError, ValueError):
            converted = False  # fall back to a plain conversion below
    rgba = frame.convert("RGBA") if has_alpha else frame.convert("RGB")
    arr = np.array(rgba, dtype=np.uint8)
    if has_alpha:
        alpha = arr[..., 3].copy()
        return np.ascontiguousarray(arr[..., :3]), alpha, converted
    return arr, None, converted


_ORIENT_OPS = {
    2: lambda a: a[:, ::-1],
    3: lambda a: a[::-1, ::-1],
    4: lambda a: a[::-1, :],
    5: lambda a: np.swapaxes(a, 0, 1),
    6: lambda a: np.swapaxes(a, 0, 1)[:, ::-1],
    7: lambda a: np.swapaxes(a, 0, 1)[::-1, ::-1],
    8: lambda a: np.swapaxes(a, 0, 1)[::-1, :],
}


def apply_orientation(arr: np.ndarray, orientation: int) -> np.ndarray:
    """Turn stored pixels upright according to the EXIF Orientation value (1-8)."""
    op = _ORIENT_OPS.get(orientation)
    return np.ascontiguousarray(op(arr)) if op else arr


def _orientation(img: Image.Image) -> int:
    try:
        value = img.getexif().get(0x0112, 1)
        value = int(value)
    except Exception:  # a broken EXIF block must not stop the load; orientation then is unknown
        return 1
    return value if 1 <= value <= 8 else 1


@contextlib.contextmanager
def _pillow_errors(path: Path, max_pixels: int) -> Iterator[None]:
    previous = Image.MAX_IMAGE_PIXELS
    Image.MAX_IMAGE_PIXELS = max_pixels
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore", UserWarning)  # Pillow's "Corrupt EXIF data" and the like: not for users
            warnings.simplefilter("error", Image.DecompressionBombWarning)
            yield
    except (Image.DecompressionBombError, Image.DecompressionBombWarning):
        raise TooLargeError(
            f"image has more than {max_pixels / 1e6:.0f} megapixels (output.max_pixels); "
            "refusing it as a possible decompression bomb"
        ) from None
    except MemoryError:
        raise TooLargeError("image is too large to decode in memory") from None
    except Image.UnidentifiedImageError:
        raise CorruptInputError("cannot decode the image (damaged, or not a complete image of its format)") from None
    except (OSError, SyntaxError, ValueError, IndexError, TypeError, EOFError, RuntimeError) as exc:
        text = plain_text(exc) or exc.__class__.__name__
        if "truncated" in text.lower():
            raise CorruptInputError("image is truncated (the file is incomplete)") from None
        raise CorruptInputError(f"cannot decode the image ({text})") from None
    finally:
        Image.MAX_IMAGE_PIXELS = previous


# Above this many pixels Pillow warns of a possible decompression bomb; within output.max_pixels we
# decode anyway and say it once, in plain words, as a note ("large image").
LARGE_PIXELS = 89_478_485


def size_note(loaded: LoadedImage) -> str | None:
    """'large image (110 megapixels)...' for images above Pillow's warning level, else None."""
    pixels = loaded.width * loaded.height * max(1, len(loaded.frames))
    if pixels <= LARGE_PIXELS:
        return None
    return f"large image ({pixels / 1e6:.0f} megapixels, about {pixels * 3 / 1e9:.1f} GB to decode); within output.max_pixels"


def load_image(path: Path, policy: OutputPolicy, data: bytes | None = None) -> LoadedImage:
    """Read, sniff, bomb-check, decode every frame, and turn the pixels upright."""
    path = Path(path)
    if data is None:
        data = read_input(path, policy)
    if (raw := raw_camera_kind(data)) is not None:
        raise UnsupportedInputError(f"a raw camera file ({raw}): {RAW_ADVICE}")
    fmt = sniff_format(data[:64])
    if fmt is None:
        raise UnsupportedInputError(f"not a supported image (the content looks like {describe_content(data[:512])})")
    _check_extension(path, fmt)
    if fmt in (Format.HEIF, Format.AVIF):
        _register_heif()
    with _pillow_errors(path, policy.max_pixels):
        img = Image.open(io.BytesIO(data), formats=None)
        w, h = img.size
        if w <= 0 or h <= 0:
            raise CorruptInputError("image has no pixels")
        n_frames = int(getattr(img, "n_frames", 1) or 1)
        if w * h > policy.max_pixels or w * h * n_frames > policy.max_pixels * 4:
            raise TooLargeError(
                f"image is {w}x{h} pixels{f' x {n_frames} frames' if n_frames > 1 else ''}, more than the "
                f"limit of {policy.max_pixels / 1e6:.0f} megapixels (output.max_pixels); refusing it as a possible "
                "decompression bomb"
            )
        if fmt == Format.TIFF and n_frames > 1:
            raise UnsupportedInputError(
                f"multi-page TIFF ({n_frames} pages) is not supported; save each page as its own file"
            )
        if fmt in (Format.HEIF, Format.AVIF):
            n_frames = 1  # the primary image only; sequences and auxiliary images are dropped
        orientation = _orientation(img)
        icc_bytes = img.info.get("icc_profile") or None
        source_mode = img.mode
        subsampling = None
        if fmt == Format.JPEG:
            from PIL import JpegImagePlugin

            with contextlib.suppress(Exception):
                subsampling = int(JpegImagePlugin.get_sampling(img))
        frames: list[np.ndarray] = []
        alphas: list[np.ndarray | None] = []
        durations: list[int] = []
        any_converted = False
        seq = ImageSequence.Iterator(img) if n_frames > 1 else iter([img])
        for frame in seq:
            frame.load()
            if frame.size != (w, h):  # a GIF frame reaching outside the canvas: Pillow grows the canvas, browsers clip
                frame = frame.crop((0, 0, w, h))
            rgb, alpha, converted = _frame_to_arrays(frame, icc_bytes)
            any_converted |= converted
            frames.append(apply_orientation(rgb, orientation))
            alphas.append(None if alpha is None else apply_orientation(alpha, orientation))
            durations.append(int(frame.info.get("duration", 0) or 0))
        loop = img.info.get("loop") if n_frames > 1 else None
    grey = source_mode in ("L", "LA", "1", "I;16", "I;16B", "I;16L", "I", "F")
    icc_state = None
    if icc_bytes:
        icc_state = "srgb" if _is_srgb(icc_bytes) else ("converted" if any_converted else "unconverted")
    lossless_webp = fmt == Format.WEBP and b"VP8L" in data[12:64] and b"VP8 " not in data[12:64]
    notes = [n for n in (timing_note(durations, None if loop is None else int(loop)),) if n]
    if any(a is not None for a in alphas):
        if not fmt.output_format.keeps_alpha:
            frames = [rgb if a is None else onto_white(rgb, a) for rgb, a in zip(frames, alphas, strict=True)]
            alphas = [None] * len(frames)
            notes.append("transparent areas shown on white (the output format has no transparency)")
        else:
            cleared = sum(clear_under_transparency(rgb, a) for rgb, a in zip(frames, alphas, strict=True) if a is not None)
            if cleared:
                notes.append(f"colour under {cleared} fully transparent pixel(s) cleared")
    return LoadedImage(
        path=path,
        format=fmt,
        data=data,
        frames=frames,
        alphas=alphas,
        orientation=orientation,
        grey=grey,
        icc=icc_state,
        durations=durations,
        loop=int(loop) if loop is not None else None,
        lossless_webp=lossless_webp,
        jpeg_subsampling=subsampling,
        source_mode=source_mode,
        notes=notes,
    )


def clear_under_transparency(rgb: np.ndarray, alpha: np.ndarray) -> int:
    """Set the colour of every fully transparent pixel to black, in place; how many held another colour."""
    hidden = (alpha == 0) & rgb.any(axis=-1)
    count = int(hidden.sum())
    if count:
        rgb[alpha == 0] = 0
    return count


def onto_white(rgb: np.ndarray, alpha: np.ndarray) -> np.ndarray:
    """The picture as a viewer shows it on a white page: composited by its alpha."""
    a = alpha.astype(np.float32)[..., None] / 255.0
    return np.clip(rgb.astype(np.float32) * a + 255.0 * (1.0 - a) + 0.5, 0, 255).astype(np.uint8)


# --- encoding ---------------------------------------------------------------------------------


def _to_pil(rgb: np.ndarray, alpha: np.ndarray | None, grey: bool) -> Image.Image:
    if alpha is not None:
        return Image.fromarray(np.dstack([rgb, alpha]).astype(np.uint8), "RGBA")
    img = Image.fromarray(np.ascontiguousarray(rgb, dtype=np.uint8), "RGB")
    return img.convert("L") if grey else img


def as_published(loaded: LoadedImage, rgb: np.ndarray, policy: OutputPolicy) -> np.ndarray:
    """One frame ``rgb`` of ``loaded`` as the output file :func:`encode_image`
    writes will decode: lossy formats (JPEG, lossy WebP, GIF's palette) go
    through the same encoder with the same settings; lossless ones come back as
    they are. What ``check`` will see, for the second look before publishing."""
    out_fmt = loaded.format.output_format
    if out_fmt in (Format.PNG, Format.TIFF) or (out_fmt == Format.WEBP and loaded.lossless_webp):
        return rgb
    img = _to_pil(rgb, None, loaded.grey)
    buf = io.BytesIO()
    if out_fmt == Format.JPEG:
        sub = loaded.jpeg_subsampling if loaded.jpeg_subsampling in (0, 1, 2) else 2
        img.save(buf, "JPEG", quality=policy.jpeg_quality, subsampling=sub, optimize=True)
    elif out_fmt == Format.WEBP:
        img.save(buf, "WEBP", lossless=False, quality=95, method=4)
    else:
        img.save(buf, "GIF", optimize=False)
    with Image.open(buf) as im:
        return np.asarray(im.convert("RGB"))


def encode_image(loaded: LoadedImage, frames: list[np.ndarray], policy: OutputPolicy) -> tuple[bytes, Format]:
    """Encode pixels into a brand-new file of the output format. No metadata is written."""
    out_fmt = loaded.format.output_format
    buf = io.BytesIO()
    pil_frames = [_to_pil(f, a, loaded.grey) for f, a in zip(frames, loaded.alphas, strict=True)]
    first = pil_frames[0]
    kwargs: dict[str, object]

    def _animation(loaded: LoadedImage) -> dict[str, object]:
        """Pillow's options for the frames after the first, the published delays and loop count."""
        out: dict[str, object] = {"save_all": True, "append_images": pil_frames[1:],
                                  "duration": [published_delay(d) for d in loaded.durations]}
        if (loop := published_loop(loaded.loop)) is not None:
            out["loop"] = loop
        return out

    if out_fmt == Format.JPEG:
        if first.mode == "RGBA":
            first = first.convert("RGB")
        sub = loaded.jpeg_subsampling if loaded.jpeg_subsampling in (0, 1, 2) else 2
        first.save(buf, "JPEG", quality=policy.jpeg_quality, subsampling=sub, optimize=True)
    elif out_fmt == Format.PNG:
        kwargs = {}
        if len(pil_frames) > 1:  # APNG: every frame whole, replacing the last (no blending, no disposal)
            kwargs = _animation(loaded) | {"disposal": 0, "blend": 0, "default_image": False}
        first.save(buf, "PNG", optimize=False, compress_level=6, **kwargs)
    elif out_fmt == Format.TIFF:
        first.save(buf, "TIFF", compression="tiff_lzw")
    elif out_fmt == Format.WEBP:
        # exact: keep the (black) colour under transparent pixels; libwebp would otherwise fill in colours of its own
        kwargs = {"lossless": loaded.lossless_webp, "quality": 100 if loaded.lossless_webp else 95, "method": 4, "exact": True}
        if len(pil_frames) > 1:
            kwargs |= _animation(loaded) | {"loop": published_loop(loaded.loop) or 0}
        first.save(buf, "WEBP", **kwargs)
    elif out_fmt == Format.GIF:
        kwargs = _animation(loaded) | {"disposal": 2} if len(pil_frames) > 1 else {}
        first.save(buf, "GIF", optimize=False, **kwargs)
        from .hidden import zero_unused_gif_entries

        return zero_unused_gif_entries(buf.getvalue()), out_fmt  # Pillow leaves colours of its own in unused entries
    else:  # pragma: no cover - output_format never yields HEIF/AVIF
        raise UnsupportedInputError(f"cannot write {out_fmt.value}")
    return buf.getvalue(), out_fmt


# --- writing ----------------------------------------------------------------------------------


def current_umask() -> int:
    """The process's umask, read without changing it where the system says it (Linux: /proc/self/status).
    Setting it to learn it (``os.umask``) leaves it 0 for a moment, for every thread: a file another
    thread (the review station's requests, a clip's encoder) creates then gets no protection."""
    with contextlib.suppress(OSError, ValueError):
        with open("/proc/self/status", encoding="ascii", errors="replace") as fh:
            for line in fh:
                if line.startswith("Umask:"):
                    return int(line.split()[1], 8)
    umask = os.umask(0o077)  # elsewhere: the briefest change, and a safe one while it lasts
    os.umask(umask)
    return umask


def atomic_write(
    dest: Path, data: bytes | Callable[[Path], None], *, mode: int | None = None, exclusive: bool = False,
    alternatives: Iterable[Path] = (),
) -> Path:
    """Write ``data`` to a temp file beside ``dest``, fsync, then rename into place; on any
    failure the temp file is removed and ``dest`` is left as it was. Returns the path written.

    ``data``: the bytes, or a function that writes (and may verify) the temp file at the path it
    is given (a clip's encoder): what it raises propagates, and nothing is renamed.
    ``mode``: the file's permissions (e.g. 0o600 for private reports); None: the usual ones (0666 less the umask).
    ``exclusive``: never replace an existing file, even one another process creates meanwhile: the finished
    temp file is hard-linked into place, or, where the file system has no hard links (SMB, FAT), the name is
    first reserved empty with O_EXCL and then replaced. When ``dest`` exists, the next of ``alternatives``
    (names in the same folder) is tried, and so on (the file is written once, whichever name it gets);
    FileExistsError when every one is taken.
    """
    dest.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=".mediascrub-", suffix=".part", dir=dest.parent)
    try:
        if callable(data):
            os.close(fd)
            data(Path(tmp))
            fd = os.open(tmp, os.O_RDONLY)
            try:
                os.fsync(fd)
            finally:
                os.close(fd)
        else:
            with os.fdopen(fd, "wb") as fh:
                fh.write(data)
                fh.flush()
                os.fsync(fh.fileno())
        if mode is None:
            mode = 0o666 & ~current_umask()
        os.chmod(tmp, mode)
        if exclusive:
            dest = _place_exclusively(tmp, itertools.chain([dest], alternatives))
        else:
            os.replace(tmp, dest)
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(tmp)
        raise
    with contextlib.suppress(OSError):
        dfd = os.open(dest.parent, os.O_RDONLY)
        try:
            os.fsync(dfd)
        finally:
            os.close(dfd)
    return dest


def _place_exclusively(tmp: str, names: Iterable[Path]) -> Path:
    """Give the finished ``tmp`` the first of ``names`` that does not exist, never replacing a file."""
    first = None
    for dest in names:
        first = first or dest
        try:
            os.link(tmp, dest)
        except FileExistsError:
            continue
        except OSError:  # no hard links here: reserve the name, then replace the reservation
            try:
                os.close(os.open(dest, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600))
            except FileExistsError:
                continue
            os.replace(tmp, dest)
            return dest
        os.unlink(tmp)
        return dest
    raise FileExistsError(errno.EEXIST, "the name and every alternative are taken", str(first))


def decode_output(data: bytes, fmt: Format) -> list[np.ndarray]:
    """Re-open freshly encoded bytes (all frames) as RGB arrays; VerificationError if they do not decode."""
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore", Image.DecompressionBombWarning)  # our own output, the size already checked
            img = Image.open(io.BytesIO(data))
        if img.format != _PIL_FORMAT[fmt]:
            raise VerificationError(f"output decodes as {img.format}, expected {fmt.value}")
        frames = []
        for frame in ImageSequence.Iterator(img):
            frame.load()
            frames.append(np.array(frame.convert("RGB"), dtype=np.uint8))
        return frames
    except VerificationError:
        raise
    except Exception as exc:
        raise VerificationError(f"the new file does not decode ({plain_text(exc) or exc.__class__.__name__})") from None
