"""What metadata a file carries (for ``check`` and the report) and the allow-list check for outputs.

Two independent views of a file:

* ``inspect_metadata`` describes, in plain words, what is present: GPS
  position, camera make/model/serial, owner/artist, dates, thumbnails, XMP,
  IPTC, comments, PNG text chunks, trailers... Every item becomes a Finding
  with action REMOVED (scrubbing never copies any of it).
* ``find_leftovers`` walks the container structure (JPEG segments, PNG chunks,
  RIFF chunks, GIF blocks, TIFF tags) and lists everything that is *not* on a
  short allow-list of structural parts. A file is clean only when this list is
  empty: it is run on every output before it is renamed into place, and by
  ``check`` to decide whether a file is already safe.

Like mat2, each format is mostly data (its allow-list); a format we cannot
walk is reported as a leftover, so an unknown structure fails closed.
"""

from __future__ import annotations

import io
import warnings
from typing import Any

from PIL import Image

from ..findings import Action, Finding, Kind
from ..media.containers import JpegParseError, iter_jpeg_segments, iter_png_chunks, iter_riff_chunks, skip_gif_sub_blocks
from ..media.image import Format, LoadedImage

# --- allow-lists ------------------------------------------------------------------------------

PNG_ALLOWED = frozenset({b"IHDR", b"PLTE", b"tRNS", b"IDAT", b"IEND", b"acTL", b"fcTL", b"fdAT"})
WEBP_ALLOWED = frozenset({b"VP8 ", b"VP8L", b"VP8X", b"ALPH", b"ANIM", b"ANMF"})
# Baseline TIFF structure only: size, layout, compression, colour, strips/tiles, resolution.
TIFF_ALLOWED = frozenset(
    {254, 255, 256, 257, 258, 259, 262, 266, 273, 277, 278, 279, 282, 283, 284, 296, 317, 320, 322, 323, 324, 325, 338, 339}
)
TIFF_TAG_NAMES = {
    270: "ImageDescription", 271: "Make", 272: "Model", 305: "Software", 306: "DateTime", 315: "Artist",
    316: "HostComputer", 700: "XMP", 33432: "Copyright", 33723: "IPTC", 34377: "Photoshop IRB",
    34665: "Exif IFD", 34675: "ICC profile", 34853: "GPS IFD", 37510: "UserComment", 40965: "Interop IFD",
}

# --- JPEG ---------------------------------------------------------------------------------------

_APP_NAMES = {
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


def _app_name(marker: int, body: bytes) -> str:
    for magic, name in _APP_NAMES.items():
        if body.startswith(magic):
            return name
    return f"APP{marker - 0xE0} segment"


def _jpeg_leftovers(data: bytes) -> list[str]:
    left: list[str] = []
    try:
        end = 0
        for marker, start, stop in iter_jpeg_segments(data):
            end = stop
            if marker == 0xE0:
                body = data[start + 4 : stop]
                if not body.startswith(b"JFIF\x00") or len(body) > 16 or (len(body) > 12 and body[12:14] != b"\x00\x00"):
                    left.append(f"JPEG {_app_name(marker, body)}")
            elif marker == 0xEE:
                body = data[start + 4 : stop]
                if not (body.startswith(b"Adobe") and len(body) == 12):
                    left.append("JPEG APP14 segment")
            elif 0xE1 <= marker <= 0xEF:
                left.append(f"JPEG {_app_name(marker, data[start + 4 : stop])}")
            elif marker == 0xFE:
                left.append("JPEG comment (COM)")
    except JpegParseError as exc:
        return [f"JPEG structure not understood ({exc})"]
    if end < len(data) and data[end:].strip(b"\x00"):
        left.append(f"data after the end of the image ({len(data) - end} bytes: trailer)")
    return left


# --- PNG ----------------------------------------------------------------------------------------


def _png_leftovers(data: bytes) -> list[str]:
    return [
        ("data after the end of the image (trailer)" if c == b"<trailer>" else f"PNG {c.decode('latin-1')} chunk")
        for c, _ in iter_png_chunks(data)
        if c not in PNG_ALLOWED
    ]


# --- WebP ---------------------------------------------------------------------------------------


def _webp_leftovers(data: bytes) -> list[str]:
    left = []
    for ctype, body in iter_riff_chunks(data):
        if ctype == b"<trailer>":
            left.append("data after the end of the image (trailer)")
        elif ctype not in WEBP_ALLOWED:
            left.append(f"WebP {ctype.decode('latin-1').strip()} chunk")
        elif ctype == b"VP8X" and body and body[0] & 0b00101100:
            left.append("WebP header announces ICC/EXIF/XMP")
    return left


# --- GIF ----------------------------------------------------------------------------------------


def _gif_leftovers(data: bytes) -> list[str]:
    left: list[str] = []
    try:
        flags = data[10]
        i = 13 + (3 * (2 ** ((flags & 7) + 1)) if flags & 0x80 else 0)
        while i < len(data):
            b = data[i]
            if b == 0x3B:
                if data[i + 1 :].strip(b"\x00"):
                    left.append("data after the end of the image (trailer)")
                return left
            if b == 0x2C:
                lflags = data[i + 9]
                i += 10 + (3 * (2 ** ((lflags & 7) + 1)) if lflags & 0x80 else 0)
                i += 1  # LZW minimum code size
                i, _ = skip_gif_sub_blocks(data, i)
            elif b == 0x21:
                label = data[i + 1]
                i += 2
                if label == 0xFF:
                    ident = data[i + 1 : i + 12]
                    i, body = skip_gif_sub_blocks(data, i)
                    if ident not in (b"NETSCAPE2.0", b"ANIMEXTS1.0"):
                        left.append(f"GIF application extension {ident.decode('latin-1', 'replace')!r}")
                else:
                    i, body = skip_gif_sub_blocks(data, i)
                    if label == 0xFE:
                        left.append("GIF comment")
                    elif label == 0x01:
                        left.append("GIF plain-text extension")
                    elif label != 0xF9:
                        left.append(f"GIF extension 0x{label:02x}")
            else:
                return left + ["GIF structure not understood"]
    except (IndexError, ValueError):
        return left + ["GIF structure not understood (truncated)"]
    return left + ["GIF has no end marker"]


# --- TIFF ---------------------------------------------------------------------------------------


def _tiff_leftovers(data: bytes) -> list[str]:
    left = []
    try:
        img = Image.open(io.BytesIO(data))
        tags = dict(img.tag_v2)  # type: ignore[attr-defined]
        for tag in sorted(tags):
            if tag not in TIFF_ALLOWED:
                left.append(f"TIFF tag {TIFF_TAG_NAMES.get(tag, tag)}")
        n = int(getattr(img, "n_frames", 1))
        if n > 1:
            left.append(f"TIFF has {n} images (thumbnail or extra pages)")
    except Exception as exc:
        left.append(f"TIFF structure not understood ({exc})")
    return left


def find_leftovers(data: bytes, fmt: Format) -> list[str]:
    """Everything in the file outside the format's allow-list of structural parts. Empty means clean."""
    if fmt == Format.JPEG:
        return _jpeg_leftovers(data)
    if fmt == Format.PNG:
        return _png_leftovers(data)
    if fmt == Format.WEBP:
        return _webp_leftovers(data)
    if fmt == Format.GIF:
        return _gif_leftovers(data)
    if fmt == Format.TIFF:
        return _tiff_leftovers(data)
    return [f"{fmt.value.upper()} files are always converted (they can hold auxiliary images and thumbnails)"]


# --- plain-words inspection -------------------------------------------------------------------

_IFD0_WORDS = {
    0x010F: ("camera", "camera make"),
    0x0110: ("camera", "camera model"),
    0x013B: ("owner", "artist/owner"),
    0x8298: ("owner", "copyright"),
    0x9C9D: ("owner", "author (Windows)"),
    0x010E: ("description", "image description"),
    0x9C9B: ("description", "title (Windows)"),
    0x9C9C: ("description", "comment (Windows)"),
    0x0131: ("software", "software"),
    0x0132: ("dates", "date/time"),
    0x013C: ("camera", "host computer"),
}
_EXIF_WORDS = {
    0x9003: ("dates", "date taken"),
    0x9004: ("dates", "date digitised"),
    0xA430: ("owner", "camera owner name"),
    0xA431: ("serial", "camera serial number"),
    0xA435: ("serial", "lens serial number"),
    0xA420: ("serial", "unique image id"),
    0xA434: ("camera", "lens model"),
    0x927C: ("makernote", "maker note (manufacturer's private data)"),
    0x9286: ("comment", "user comment"),
}


# Labels whose value is shown to the person checking their own file (never maker notes or comments).
_SHOW_VALUE = {"camera", "serial", "owner", "dates", "software"}


def _plain_value(v: Any) -> str:
    """A short printable rendering of an EXIF value."""
    if isinstance(v, bytes):
        v = v.decode("utf-16-le" if len(v) % 2 == 0 and b"\x00" in v else "latin-1", errors="replace")
    text = "".join(ch for ch in str(v) if ch.isprintable()).strip().strip("\x00")
    return text[:60] + ("..." if len(text) > 60 else "")


def _ratio(v: Any) -> float:
    try:
        return float(v)
    except (TypeError, ValueError, ZeroDivisionError):
        if isinstance(v, tuple) and len(v) == 2 and v[1]:
            return float(v[0]) / float(v[1])
        return 0.0


def gps_in_words(gps: dict[int, Any]) -> str | None:
    """'49.2116 N, 2.1308 W' from an EXIF GPS IFD, or None if it holds no position."""
    try:
        lat, lon = gps.get(2), gps.get(4)
        if not lat or not lon:
            return None
        la = sum(_ratio(x) / d for x, d in zip(lat, (1, 60, 3600), strict=False))
        lo = sum(_ratio(x) / d for x, d in zip(lon, (1, 60, 3600), strict=False))
        la_ref = str(gps.get(1, "N")).strip("\x00 ") or "N"
        lo_ref = str(gps.get(3, "E")).strip("\x00 ") or "E"
        return f"{la:.4f} {la_ref}, {lo:.4f} {lo_ref}"
    except Exception:
        return None


def _meta(label: str, reason: str, **detail: Any) -> Finding:
    return Finding(kind=Kind.METADATA, label=label, action=Action.REMOVED, reason=reason, detail=detail)


def _exif_findings(img: Image.Image, fmt: Format) -> list[Finding]:
    out: list[Finding] = []
    try:
        exif = img.getexif()
    except Exception:
        return [_meta("exif", "EXIF block (unreadable)")]
    if not exif and not exif.get_ifd(0x8769) and not exif.get_ifd(0x8825):
        return out
    seen: set[str] = set()

    def add(table: dict[int, tuple[str, str]], ifd: Any) -> None:
        for tag, (label, words) in table.items():
            if tag in ifd and ifd[tag] not in (None, b"", ""):
                if words not in seen:
                    seen.add(words)
                    value = _plain_value(ifd[tag]) if label in _SHOW_VALUE else ""
                    out.append(_meta(label, f"{words}: {value}" if value else words))

    add(_IFD0_WORDS, exif)
    with_exif = exif.get_ifd(0x8769)
    add(_EXIF_WORDS, with_exif)
    gps = exif.get_ifd(0x8825)
    if gps:
        where = gps_in_words(gps)
        out.append(_meta("gps", f"GPS position {where}" if where else "GPS block (no position)"))
    try:
        ifd1 = exif.get_ifd(-1)  # ExifTags.IFD.IFD1: the thumbnail directory
    except Exception:
        ifd1 = {}
    if ifd1:
        out.append(_meta("thumbnail", "embedded EXIF thumbnail (a small copy of the unredacted picture)"))
    if not out and fmt != Format.TIFF:  # a TIFF's own structure reads as EXIF tags; its leftovers are listed below
        out.append(_meta("exif", f"EXIF block ({len(exif) + len(with_exif)} tags)"))
    return out


_LEFTOVER_LABELS = [
    ("XMP", "xmp"),
    ("IPTC", "iptc"),
    ("Photoshop", "iptc"),
    ("comment", "comment"),
    ("COM", "comment"),
    ("trailer", "trailer"),
    ("MPF", "trailer"),
    ("ICC", "icc"),
    ("iCCP", "icc"),
    ("tEXt", "text chunk"),
    ("zTXt", "text chunk"),
    ("iTXt", "text chunk"),
    ("tIME", "dates"),
    ("eXIf", "exif"),
    ("EXIF", "exif"),
    ("thumbnail", "thumbnail"),
]


def _label_for(leftover: str) -> str:
    for needle, label in _LEFTOVER_LABELS:
        if needle in leftover:
            return label
    return "other"


def inspect_metadata(loaded: LoadedImage) -> list[Finding]:
    """Plain-words findings for everything the scrub removes or changes in this file."""
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", UserWarning)  # Pillow warns about broken EXIF blocks; we report them instead
        return _inspect(loaded)


def _inspect(loaded: LoadedImage) -> list[Finding]:
    findings: list[Finding] = []
    try:
        img = Image.open(io.BytesIO(loaded.data))
    except Exception:
        img = None
    if img is not None:
        findings.extend(_exif_findings(img, loaded.format))
        if loaded.format == Format.HEIF:
            if img.info.get("thumbnails"):
                findings.append(_meta("thumbnail", "HEIF thumbnail images"))
            if img.info.get("depth_images") or img.info.get("aux"):
                findings.append(_meta("trailer", "HEIF auxiliary/depth images"))
            if img.info.get("xmp"):
                findings.append(_meta("xmp", "XMP block"))
        if loaded.format == Format.AVIF and img.info.get("xmp"):
            findings.append(_meta("xmp", "XMP block"))
    labels_seen = {f.label for f in findings}
    if loaded.format in (Format.HEIF, Format.AVIF):
        findings.append(
            Finding(Kind.FORMAT, "format", Action.CHANGED, f"{loaded.format.value.upper()} converted to JPEG "
                    "(HEIF/AVIF can carry thumbnails and auxiliary images)")
        )
    else:
        for leftover in find_leftovers(loaded.data, loaded.format):
            label = _label_for(leftover)
            if label == "exif" and labels_seen & {"gps", "camera", "serial", "owner", "dates", "makernote", "exif", "thumbnail"}:
                continue
            findings.append(_meta(label, leftover))
    if loaded.orientation != 1:
        findings.append(
            Finding(Kind.METADATA, "orientation", Action.CHANGED,
                    f"EXIF orientation {loaded.orientation} applied to the pixels (the photo is stored sideways or flipped)")
        )
    if loaded.icc == "converted":
        findings.append(Finding(Kind.METADATA, "icc", Action.CHANGED, "colours converted from the embedded profile to sRGB"))
    elif loaded.icc == "unconverted":
        findings.append(Finding(Kind.METADATA, "icc", Action.CHANGED,
                                "colour profile dropped (it could not be applied; colours may shift slightly)"))
    return findings


def png_text_keys(data: bytes) -> list[str]:
    """Keys of PNG text chunks (for tests and reports)."""
    keys = []
    for ctype, body in iter_png_chunks(data):
        if ctype in (b"tEXt", b"zTXt", b"iTXt"):
            keys.append(body.split(b"\x00", 1)[0].decode("latin-1"))
    return keys


__all__ = ["find_leftovers", "inspect_metadata", "gps_in_words", "png_text_keys"]
