"""Helpers for the batch, watch and review tests: generated photos and real subprocess runs.

Everything is generated in code (seeded); nothing reads ../shared.
"""

from __future__ import annotations

import io
import os
import subprocess
import sys
from pathlib import Path

import numpy as np
import piexif
from PIL import Image

REPO = Path(__file__).resolve().parents[1]

# Detection stages are switched off where a test is about files, not pixels: it keeps
# a hundred-file watcher test fast whatever stages are registered.
FAST_POLICY = """
[faces]
enabled = false

[text]
enabled = false
"""


def photo(width: int, height: int, seed: int) -> np.ndarray:
    """A smooth, textured picture that compresses like a photo; different for every seed."""
    rng = np.random.default_rng(seed)
    y, x = np.mgrid[0:height, 0:width].astype(np.float32)
    phase = rng.uniform(0, 6.28, 3)
    r = 128 + 100 * np.sin(x / (17.0 + seed % 23) + phase[0])
    g = 128 + 100 * np.cos(y / (13.0 + seed % 19) + phase[1])
    b = 128 + 80 * np.sin((x + y) / 41.0 + phase[2])
    img = np.stack([r, g, b], axis=-1) + rng.normal(0, 5, (height, width, 3))
    x0, y0 = int(rng.integers(0, width // 2)), int(rng.integers(0, height // 2))
    img[y0 : y0 + height // 4, x0 : x0 + width // 4] = rng.integers(0, 255, 3)
    return np.clip(img, 0, 255).astype(np.uint8)


def jpeg_bytes(width: int, height: int, seed: int, *, exif: bool = False, quality: int = 90) -> bytes:
    """A JPEG; with ``exif`` it carries GPS, a camera serial and Orientation 6 (so it must be re-encoded)."""
    buf = io.BytesIO()
    kwargs: dict[str, object] = {"quality": quality}
    if exif:
        kwargs["exif"] = piexif.dump({
            "0th": {piexif.ImageIFD.Make: b"CareCam", piexif.ImageIFD.Orientation: 6},
            "Exif": {piexif.ExifIFD.BodySerialNumber: b"SN-123"},
            "GPS": {piexif.GPSIFD.GPSLatitudeRef: b"N", piexif.GPSIFD.GPSLatitude: ((51, 1), (30, 1), (0, 1))},
        })
    Image.fromarray(photo(width, height, seed)).save(buf, "JPEG", **kwargs)
    return buf.getvalue()


def png_bytes(width: int, height: int, seed: int) -> bytes:
    from PIL import PngImagePlugin

    info = PngImagePlugin.PngInfo()
    info.add_text("Author", "Jane Doe")
    buf = io.BytesIO()
    Image.fromarray(photo(width, height, seed)).save(buf, "PNG", pnginfo=info)
    return buf.getvalue()


def env() -> dict[str, str]:
    e = dict(os.environ)
    e["PYTHONPATH"] = str(REPO / "src") + (os.pathsep + e["PYTHONPATH"] if e.get("PYTHONPATH") else "")
    e.pop("MEDIASCRUB_POLICY", None)
    e["PYTHONUNBUFFERED"] = "1"
    return e


def cli(*args: str | Path) -> list[str]:
    return [sys.executable, "-m", "mediascrub", *map(str, args)]


def run(*args: str | Path, cwd: Path | None = None, timeout: float = 120) -> subprocess.CompletedProcess[str]:
    return subprocess.run(cli(*args), cwd=cwd, env=env(), capture_output=True, text=True, timeout=timeout)


def decode(path: Path) -> np.ndarray:
    """Decode an image completely (raises on a truncated or damaged file)."""
    with Image.open(path) as img:
        img.load()
        return np.asarray(img.convert("RGB"))


def files_under(folder: Path) -> list[Path]:
    return sorted(p for p in folder.rglob("*") if p.is_file() or p.is_symlink())


def partials(*folders: Path) -> list[Path]:
    return [p for f in folders if f.exists() for p in f.rglob(".mediascrub-*.part")]


def visible(paths: list[Path], root: Path) -> list[str]:
    """Relative names, leaving out the tool's own hidden bookkeeping files."""
    return sorted(p.relative_to(root).as_posix() for p in paths if not p.name.startswith("."))
