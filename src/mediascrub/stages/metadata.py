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
from ..media.containers import (
    HIDDEN,
    gif_leftovers,
    iter_png_chunks,
    jpeg_leftovers,
    png_leftovers,
    tiff_leftovers,
    webp_leftovers,
)
from ..media.image import Format, LoadedImage


def find_leftovers(data: bytes, fmt: Format) -> list[str]:
    """Everything in the file outside the format's allow-list, byte by byte (media/containers.py). Empty means clean."""
    walk = {
        Format.JPEG: jpeg_leftovers,
        Format.PNG: png_leftovers,
        Format.WEBP: webp_leftovers,
        Format.GIF: gif_leftovers,
        Format.TIFF: tiff_leftovers,
    }.get(fmt)
    if walk is not None:
        try:
            return walk(data)
        except Exception as exc:  # a walker bug on a hostile file must fail closed, never crash
            return [f"{fmt.value.upper()} structure not understood ({exc.__class__.__name__})"]
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


# Labels whose value is kept in a finding's ``detail["value"]`` (never maker notes or comments). The reason
# names only the kind of data; the value is shown by ``check`` on the terminal, and written to a report
# only with ``--show-values`` (the audit record must not itself be the home address).
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
                    out.append(_meta(label, words, **({"value": value} if value else {})))

    add(_IFD0_WORDS, exif)
    with_exif = exif.get_ifd(0x8769)
    add(_EXIF_WORDS, with_exif)
    gps = exif.get_ifd(0x8825)
    if gps:
        where = gps_in_words(gps)
        out.append(_meta("gps", "GPS position", value=where) if where else _meta("gps", "GPS block (no position)"))
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
    (HIDDEN, "hidden"),
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
        warnings.simplefilter("ignore", Image.DecompressionBombWarning)  # the loader already applied output.max_pixels
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


def find_hidden(data: bytes, fmt: Format, *, own_output: bool = False) -> list[str]:
    """Data inside the image that a viewer never sees and a container walk cannot tell apart (bytes the
    decoder skips, invisible JPEG padding...), in plain words; problems of hidden data start with HIDDEN.
    Run by ``check`` on inputs and on every output before it is published (``own_output``: a file just
    written by mediascrub's own encoders; the slow search for unused bytes at the end of a WebP's image
    data, which libwebp never leaves, is skipped)."""
    from ..media.hidden import HIDDEN_CHECKS
    from ..media.rebuild import decoder_leftovers

    found: list[str] = []
    if fmt == Format.JPEG or (fmt == Format.WEBP and not own_output):
        found += decoder_leftovers(data, fmt.value)
    if (look := HIDDEN_CHECKS.get(fmt.value)) is not None:
        try:
            found += look(data)
        except Exception as exc:  # a bug on a hostile file must fail closed, never crash
            found.append(f"{fmt.value.upper()} image data not understood ({exc.__class__.__name__})")
    return found


def inspect_hidden_bytes(loaded: LoadedImage) -> list[Finding]:
    """Hidden data inside the image (``check`` only: the scrub rebuilds anyway)."""
    if loaded.format in (Format.HEIF, Format.AVIF):
        return []
    return [_meta(_label_for(words), words) for words in find_hidden(loaded.data, loaded.format)]


def png_text_keys(data: bytes) -> list[str]:
    """Keys of PNG text chunks (for tests and reports)."""
    keys = []
    for ctype, body in iter_png_chunks(data):
        if ctype in (b"tEXt", b"zTXt", b"iTXt"):
            keys.append(body.split(b"\x00", 1)[0].decode("latin-1"))
    return keys


__all__ = ["find_leftovers", "find_hidden", "inspect_metadata", "inspect_hidden_bytes", "gps_in_words", "png_text_keys"]
