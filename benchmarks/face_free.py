"""Photos with no face in them, for measuring face false alarms (bench_faces.py --face-free).

Four sets, chosen by looking at every picture (no person, no printed or
painted face: a poster, a book cover or a mannequin would be a face to hide):

- ``addresses``: all 44 photos of ``scene_text_addresses`` (house-number
  plaques, campus and street-name signs, front doors; the dev part of that
  corpus, the rest is held back by whoever prepared it);
- ``icdar``: the two of the 22 ICDAR 2015 shop photos with nobody in them
  (``img_480``, a supermarket; ``img_486``, a shop front). The other 20 show
  shoppers, posters with people or mannequins;
- ``metadata``: the metadata corpus's photos of at least 200 px with nobody in
  them (landscapes, streets, plants, animals, signs, a workshop, a test
  pattern), one copy of each picture (``landscape_1`` of the eight
  orientation copies; ``HTC_Desire.jpg``, not its WebP twin). Left out: the
  wedding, the priests, the band, the portrait, the poster, the woman, the
  food with hands, the squares with passers-by (``DSCN0025``, ``DSCN0027``,
  ``DSCN0040``), the room with DVD covers, and everything under 200 px;
- ``skimage``: scikit-image's sample images without a person (``astronaut``
  and ``camera`` left out), shipped in its wheel.

The split was fixed before any tuning: within each set, sorted by name, the
even-numbered photos are the tuning half (``dev``), the odd-numbered ones are
never tuned on (``test``). The two quick-start photos in ``metadata``
(``HTC_Desire.jpg`` and ``exif-at-eof.heic``, which the README promises no
face patch on) are looked at by hand anyway, so they are put in ``dev``
whatever their number.

Research data: read by path, nothing copied.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import numpy as np
from PIL import Image, ImageOps

ICDAR = ("img_480.jpg", "img_486.jpg")

METADATA = (
    "exif-py/avif/mountains.avif",
    "exif-py/heic/mobile/HMD_Nokia_8.3_5G_hdr.heif",
    "exif-py/heic/samplefilehub.heif",
    "exif-py/heic/spring_1440x960.heic",
    "exif-py/jpg/Canon_PowerShot_S40.jpg",
    "exif-py/jpg/Sony_DSLR-A200.jpg",
    "exif-py/jpg/exif-org/kodak-dc240.jpg",
    "exif-py/jpg/exif-org/nikon-e950.jpg",
    "exif-py/jpg/gps/DSCN0010.jpg",
    "exif-py/jpg/gps/DSCN0012.jpg",
    "exif-py/jpg/gps/DSCN0029.jpg",
    "exif-py/jpg/orientation/landscape_1.jpg",
    "exif-py/jpg/tests/30-type_error.jpg",
    "exif-py/jpg/tests/32-lens_data.jpeg",
    "exif-py/jpg/tests/33-type_error.jpg",
    "exif-py/jpg/tests/87_OSError.jpg",
    "metadata-extractor-images/avif/Issue_649.avif",
    "metadata-extractor-images/heic/exif-at-eof.heic",
    "metadata-extractor-images/jpg/FujiFilm_FinePixS1Pro_1.jpg",
    "metadata-extractor-images/jpg/HTC_Desire.jpg",
    "metadata-extractor-images/jpg/Sony_DSC-HX5V_2.jpg",
    "metadata-extractor-images/png/sampleWithExifData.png",
    "metadata-extractor-images/webp/Issue_473_Java.webp",
    "metadata-extractor-images/webp/Nikon_D1X.webp",
    "pillow/avif/exif.avif",
    "pillow/flower2.webp",
    "pillow/xmp_tags_orientation.png",
    "pillow_heif/heif_special/xiaomi.heic",
)
QUICK_START = ("metadata-extractor-images/heic/exif-at-eof.heic", "metadata-extractor-images/jpg/HTC_Desire.jpg")

SKIMAGE = (
    "binary_blobs", "brick", "cell", "checkerboard", "chelsea", "clock", "coffee", "coins", "colorwheel", "grass",
    "gravel", "horse", "hubble_deep_field", "immunohistochemistry", "logo", "microaneurysms", "moon", "page",
    "retina", "rocket", "shepp_logan_phantom", "text",
)


@dataclass(frozen=True)
class FaceFreePhoto:
    """One photo: its set, a name unique across sets, its half, and how to read it (upright RGB)."""

    group: str
    name: str
    half: str  # "dev" (tuned on) or "test" (never tuned on)
    load: Callable[[], np.ndarray]
    path: Path | None = None  # None for scikit-image's samples


def to_rgb(a: np.ndarray) -> np.ndarray:
    """uint8 RGB from a grey, RGB, RGBA, bool or float sample image."""
    a = np.asarray(a)
    if a.dtype == bool:
        a = a.astype(np.uint8) * 255
    elif a.dtype != np.uint8:
        a = np.clip(a * 255.0 if a.max() <= 1.0 else a, 0, 255).astype(np.uint8)
    if a.ndim == 2:
        a = np.stack([a] * 3, axis=2)
    return np.ascontiguousarray(a[..., :3])


def read_rgb(path: Path) -> np.ndarray:
    try:
        import pillow_heif

        pillow_heif.register_heif_opener()
    except ImportError:  # pragma: no cover
        pass
    with Image.open(path) as im:
        return np.asarray(ImageOps.exif_transpose(im).convert("RGB"))


def _from_file(path: Path) -> Callable[[], np.ndarray]:
    return lambda: read_rgb(path)


def _from_skimage(name: str) -> Callable[[], np.ndarray]:
    def load() -> np.ndarray:
        import skimage.data

        return to_rgb(getattr(skimage.data, name)())

    return load


def face_free_photos(data: Path) -> list[FaceFreePhoto]:
    """Every face-free photo found under ``data`` (the evaluation data folder)
    and in scikit-image, with its half (see the module docstring)."""
    out: list[FaceFreePhoto] = []

    def add(group: str, items: list[tuple[str, Callable[[], np.ndarray], Path | None]], forced_dev: tuple[str, ...] = ()) -> None:
        for k, (name, load, path) in enumerate(sorted(items, key=lambda t: t[0])):
            half = "dev" if k % 2 == 0 or name in forced_dev else "test"
            out.append(FaceFreePhoto(group, f"{group}/{name}", half, load, path))

    addr = data / "scene_text_addresses"
    if addr.is_dir():
        files = [p for p in addr.rglob("*") if p.suffix.lower() in {".jpg", ".jpeg", ".png"}]
        add("addresses", [(str(p.relative_to(addr)), _from_file(p), p) for p in files])
    icdar = data / "scene_text" / "icdar2015_test_subset" / "images"
    add("icdar", [(n, _from_file(icdar / n), icdar / n) for n in ICDAR if (icdar / n).is_file()])
    meta = data / "metadata"
    add("metadata", [(n, _from_file(meta / n), meta / n) for n in METADATA if (meta / n).is_file()], QUICK_START)
    try:
        import skimage.data  # noqa: F401
    except ImportError:  # pragma: no cover
        pass
    else:
        add("skimage", [(n, _from_skimage(n), None) for n in SKIMAGE])
    return out


__all__ = ["FaceFreePhoto", "face_free_photos", "read_rgb", "to_rgb"]
