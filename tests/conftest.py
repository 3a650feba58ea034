"""Seeded, generated fixtures: photo-like images in every format, carrying every metadata class.

Nothing here reads ../shared: the suite passes on a clean clone.
"""

from __future__ import annotations

import functools
import io
import struct
import zlib
from collections.abc import Callable
from pathlib import Path

import numpy as np
import piexif
import pytest
from PIL import Image, ImageCms

SECRET = "SECRET-OWNER-Jane-Doe"  # must never appear in any output
SERIAL = "SN-9876543210"


def photo_like(width: int = 320, height: int = 240, seed: int = 0) -> np.ndarray:
    """A smooth gradient with texture and shapes: compresses like a photo, has structure everywhere."""
    rng = np.random.default_rng(seed)
    y, x = np.mgrid[0:height, 0:width].astype(np.float32)
    r = 128 + 100 * np.sin(x / 37.0 + seed)
    g = 128 + 100 * np.cos(y / 23.0)
    b = 128 + 80 * np.sin((x + y) / 51.0)
    img = np.stack([r, g, b], axis=-1) + rng.normal(0, 6, (height, width, 3))
    img[height // 4 : height // 2, width // 5 : width // 3] = (220, 40, 40)
    return np.clip(img, 0, 255).astype(np.uint8)


def _jpeg_thumbnail() -> bytes:
    buf = io.BytesIO()
    Image.fromarray(photo_like(64, 48, seed=9)).save(buf, "JPEG", quality=80)
    return buf.getvalue()


def exif_bytes(orientation: int = 1, thumbnail: bool = True) -> bytes:
    zeroth = {
        piexif.ImageIFD.Make: b"CareCam",
        piexif.ImageIFD.Model: b"CC-1000",
        piexif.ImageIFD.Artist: SECRET.encode(),
        piexif.ImageIFD.Copyright: b"(c) Agency",
        piexif.ImageIFD.Software: b"PhotoEditor 1.0",
        piexif.ImageIFD.DateTime: b"2024:05:01 10:00:00",
        piexif.ImageIFD.Orientation: orientation,
    }
    exif = {
        piexif.ExifIFD.DateTimeOriginal: b"2024:05:01 10:00:00",
        piexif.ExifIFD.BodySerialNumber: SERIAL.encode(),
        piexif.ExifIFD.CameraOwnerName: SECRET.encode(),
        piexif.ExifIFD.LensSerialNumber: b"LENS-123456",
        piexif.ExifIFD.MakerNote: b"MAKERNOTE-PRIVATE-" + SERIAL.encode(),
        piexif.ExifIFD.UserComment: b"ASCII\x00\x00\x00Room 4, St Anne's",
    }
    gps = {
        piexif.GPSIFD.GPSLatitudeRef: b"N",
        piexif.GPSIFD.GPSLatitude: ((49, 1), (12, 1), (3456, 100)),
        piexif.GPSIFD.GPSLongitudeRef: b"W",
        piexif.GPSIFD.GPSLongitude: ((2, 1), (7, 1), (4321, 100)),
    }
    d: dict[str, object] = {"0th": zeroth, "Exif": exif, "GPS": gps}
    if thumbnail:
        d["1st"] = {piexif.ImageIFD.Compression: 6}
        d["thumbnail"] = _jpeg_thumbnail()
    return piexif.dump(d)


XMP = (
    b'<?xpacket begin="\xef\xbb\xbf" id="W5M0MpCehiHzreSzNTczkc9d"?>'
    b'<x:xmpmeta xmlns:x="adobe:ns:meta/"><rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#">'
    b'<rdf:Description xmlns:dc="http://purl.org/dc/elements/1.1/" dc:creator="' + SECRET.encode() + b'"/>'
    b"</rdf:RDF></x:xmpmeta><?xpacket end=\"w\"?>"
)


def _segment(marker: int, body: bytes) -> bytes:
    return bytes([0xFF, marker]) + struct.pack(">H", len(body) + 2) + body


def _iptc_app13() -> bytes:
    record = b"\x1c\x02\x50" + struct.pack(">H", len(SECRET)) + SECRET.encode()  # 2:80 By-line
    irb = b"8BIM" + struct.pack(">H", 0x0404) + b"\x00\x00" + struct.pack(">I", len(record)) + record
    if len(record) % 2:
        irb += b"\x00"
    return _segment(0xED, b"Photoshop 3.0\x00" + irb)


@functools.lru_cache(maxsize=1)
def srgb_icc() -> bytes:
    """An sRGB profile, made once: its header holds the creation time, so two calls a second
    apart would give different bytes and the fixtures would not be reproducible."""
    return ImageCms.ImageCmsProfile(ImageCms.createProfile("sRGB")).tobytes()


SRGB_COLORANTS = ((0.4361, 0.2225, 0.0139), (0.3851, 0.7169, 0.0971), (0.1431, 0.0606, 0.7141))
ADOBE_RGB_COLORANTS = ((0.6097, 0.3111, 0.0195), (0.2053, 0.6257, 0.0609), (0.1492, 0.0632, 0.7446))


def linear_rgb_icc() -> bytes:
    """A minimal, valid ICC v2 RGB matrix/TRC profile with sRGB primaries but gamma 1.0 (not sRGB)."""
    return rgb_matrix_icc(b"Linear RGB test profile", SRGB_COLORANTS, 1.0)


def rgb_matrix_icc(description: bytes, colorants: tuple[tuple[float, float, float], ...], gamma: float) -> bytes:
    """A minimal, valid ICC v2 RGB matrix/TRC profile: D50-adapted colorants (red, green, blue XYZ) and one gamma."""

    def s15(v: float) -> bytes:
        return struct.pack(">i", int(round(v * 65536)))

    def xyz(x: float, y: float, z: float) -> bytes:
        return b"XYZ \x00\x00\x00\x00" + s15(x) + s15(y) + s15(z)

    text = description + b"\x00"
    desc = b"desc\x00\x00\x00\x00" + struct.pack(">I", len(text)) + text + b"\x00" * 8 + b"\x00\x00\x00" + b"\x00" * 67
    curve = b"curv\x00\x00\x00\x00" + struct.pack(">I", 1) + struct.pack(">H", round(gamma * 256)) + b"\x00\x00"
    tags = [
        (b"desc", desc),
        (b"wtpt", xyz(0.9642, 1.0, 0.8249)),
        (b"rXYZ", xyz(*colorants[0])),
        (b"gXYZ", xyz(*colorants[1])),
        (b"bXYZ", xyz(*colorants[2])),
        (b"rTRC", curve),
        (b"gTRC", curve),
        (b"bTRC", curve),
    ]
    offset = 128 + 4 + 12 * len(tags)
    table, body = b"", b""
    for sig, data in tags:
        while (offset + len(body)) % 4:
            body += b"\x00"
        table += sig + struct.pack(">II", offset + len(body), len(data))
        body += data
    payload = struct.pack(">I", len(tags)) + table + body
    size = 128 + len(payload)
    header = (struct.pack(">I", size) + b"lcms" + struct.pack(">I", 0x02100000) + b"mntrRGB XYZ " + b"\x00" * 12 + b"acsp"
              + b"\x00" * 24 + struct.pack(">I", 0) + s15(0.9642) + s15(1.0) + s15(0.8249) + b"\x00" * 48)
    assert len(header) == 128
    return header + payload


def dirty_jpeg(pixels: np.ndarray | None = None, orientation: int = 1, trailer: bool = True) -> bytes:
    """A JPEG with EXIF (GPS, serials, owner, MakerNote, thumbnail), XMP, extended XMP, IPTC, ICC, COM and a trailer."""
    pixels = photo_like() if pixels is None else pixels
    buf = io.BytesIO()
    Image.fromarray(pixels).save(buf, "JPEG", quality=90, exif=exif_bytes(orientation), icc_profile=srgb_icc(),
                                 comment=b"COMMENT " + SECRET.encode())
    data = buf.getvalue()
    xmp = _segment(0xE1, b"http://ns.adobe.com/xap/1.0/\x00" + XMP)
    ext_body = b"0" * 32 + struct.pack(">II", 20, 0) + b"EXTENDED-" + SERIAL.encode()[:11]
    ext = _segment(0xE1, b"http://ns.adobe.com/xmp/extension/\x00" + ext_body)
    data = data[:2] + xmp + ext + _iptc_app13() + data[2:]
    if trailer:
        data += _jpeg_thumbnail() + b"MOTION-PHOTO-" + SECRET.encode()
    return data


def _png_chunk(ctype: bytes, body: bytes) -> bytes:
    return struct.pack(">I", len(body)) + ctype + body + struct.pack(">I", zlib.crc32(ctype + body) & 0xFFFFFFFF)


def dirty_png(pixels: np.ndarray | None = None) -> bytes:
    from PIL import PngImagePlugin

    pixels = photo_like() if pixels is None else pixels
    info = PngImagePlugin.PngInfo()
    info.add_text("Author", SECRET)
    info.add_text("Comment", "zipped " + SECRET, zip=True)
    info.add_itxt("Description", "itxt " + SECRET, lang="en", tkey="Description")
    info.add_itxt("XML:com.adobe.xmp", XMP.decode("utf-8"))
    buf = io.BytesIO()
    Image.fromarray(pixels).save(buf, "PNG", pnginfo=info, exif=exif_bytes(thumbnail=False), icc_profile=srgb_icc())
    data = buf.getvalue()
    time_chunk = _png_chunk(b"tIME", struct.pack(">HBBBBB", 2024, 5, 1, 10, 0, 0))
    iend = data.rfind(b"IEND") - 4
    return data[:iend] + time_chunk + data[iend:] + b"TRAILER-" + SECRET.encode()


def dirty_webp(pixels: np.ndarray | None = None, lossless: bool = False) -> bytes:
    pixels = photo_like() if pixels is None else pixels
    buf = io.BytesIO()
    Image.fromarray(pixels).save(buf, "WEBP", exif=exif_bytes(thumbnail=False), xmp=XMP, icc_profile=srgb_icc(),
                                 lossless=lossless, quality=90)
    return buf.getvalue()


def dirty_gif(frames: int = 1) -> bytes:
    imgs = [Image.fromarray(photo_like(160, 120, seed=i)).convert("P", palette=Image.Palette.ADAPTIVE) for i in range(frames)]
    buf = io.BytesIO()
    kwargs: dict[str, object] = {"comment": b"COMMENT " + SECRET.encode()}
    if frames > 1:
        kwargs.update(save_all=True, append_images=imgs[1:], duration=120, loop=0)
    imgs[0].save(buf, "GIF", **kwargs)
    data = buf.getvalue()
    # an XMP application extension just before the trailer byte
    app = b"\x21\xff\x0bXMP DataXMP" + b"".join(bytes([len(c)]) + c for c in [XMP[i : i + 255] for i in range(0, len(XMP), 255)]) + b"\x00"
    return data[:-1] + app + data[-1:]


def dirty_tiff(pixels: np.ndarray | None = None) -> bytes:
    from PIL import TiffImagePlugin

    pixels = photo_like() if pixels is None else pixels
    info = TiffImagePlugin.ImageFileDirectory_v2()
    info[315] = SECRET  # Artist
    info[271] = "CareCam"
    info[272] = "CC-1000"
    info[305] = "PhotoEditor"
    info[306] = "2024:05:01 10:00:00"
    info[270] = "Room 4 " + SECRET
    info[700] = XMP
    buf = io.BytesIO()
    Image.fromarray(pixels).save(buf, "TIFF", tiffinfo=info, exif=exif_bytes(thumbnail=False), icc_profile=srgb_icc())
    return buf.getvalue()


def dirty_heif(fmt: str = "HEIF") -> bytes:
    import pillow_heif

    pillow_heif.register_heif_opener()
    buf = io.BytesIO()
    Image.fromarray(photo_like()).save(buf, fmt, exif=exif_bytes(thumbnail=False), xmp=XMP, quality=90)
    return buf.getvalue()


DIRTY_MAKERS: dict[str, tuple[str, Callable[[], bytes]]] = {
    "jpeg": ("photo.jpg", dirty_jpeg),
    "png": ("photo.png", dirty_png),
    "webp": ("photo.webp", dirty_webp),
    "webp-lossless": ("lossless.webp", lambda: dirty_webp(lossless=True)),
    "gif": ("photo.gif", dirty_gif),
    "gif-animated": ("animated.gif", lambda: dirty_gif(frames=3)),
    "tiff": ("photo.tif", dirty_tiff),
    "heic": ("photo.heic", dirty_heif),
    "avif": ("photo.avif", lambda: dirty_heif("AVIF")),
}


@pytest.fixture
def make_file(tmp_path: Path) -> Callable[[str, bytes], Path]:
    def make(name: str, data: bytes) -> Path:
        p = tmp_path / "in" / name
        p.parent.mkdir(parents=True, exist_ok=True)
        p.write_bytes(data)
        return p

    return make


@pytest.fixture(params=sorted(DIRTY_MAKERS))
def dirty_file(request: pytest.FixtureRequest, make_file: Callable[[str, bytes], Path]) -> Path:
    name, maker = DIRTY_MAKERS[request.param]
    return make_file(name, maker())


@pytest.fixture
def metadata_only_policy():
    """Policy for metadata tests: detection stages off so tests do not depend on the models."""
    from mediascrub.policy import load_policy

    policy, _ = load_policy(overrides={"faces.enabled": False, "text.enabled": False}, search=False)
    return policy


@pytest.fixture(autouse=True)
def _private_state_dir(tmp_path_factory: pytest.TempPathFactory, monkeypatch: pytest.MonkeyPatch) -> Path:
    """Run state (locks, resume records, watcher journals) goes to a per-test folder, never ~/.local/state."""
    folder = tmp_path_factory.mktemp("state")
    monkeypatch.setenv("MEDIASCRUB_STATE_DIR", str(folder))
    return folder


# A throw-away PostgreSQL server for the consent-gallery tests (tests/pg_cluster.py).
from pg_cluster import gallery_location, postgres_cluster, postgres_url  # noqa: E402, F401
