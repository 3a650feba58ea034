"""Getting the desk's cleaned copies out: a zip to download, or a copy into the posting folder.

- :func:`zip_safe_copies`: the cleaned copies as one zip, each stored as it is (no compression: photos
  and clips are compressed already), names made unique inside the zip, no comment, no extra fields,
  one time stamp for every entry (the moment the zip was made, not the photos' own dates).
- :func:`copy_to_folder`: one cleaned copy into the posting folder (``--out``) under its own name, or
  ``NAME-2.jpg``, ``NAME-3.jpg``... when that is taken: nothing there is ever overwritten
  (:func:`..media.image.atomic_write` with ``exclusive``: a temp file beside the target, flushed to
  disk, linked into place under a name that must not exist, or where the file system cannot link, a
  name claimed with an exclusive create and the finished file renamed over that claim).
"""

from __future__ import annotations

import io
import shutil
import time
import zipfile
from collections.abc import Iterable
from pathlib import Path
from typing import BinaryIO

from ..errors import UsageError
from ..media.image import atomic_write
from ..run.watch import _unique


def zip_safe_copies(files: Iterable[tuple[str, Path]], into: BinaryIO | None = None) -> bytes:
    """A zip of ``(name, path)`` pairs (paths the caller checked), written to ``into`` (then b"" is
    returned) or returned as bytes. Names repeat as NAME-2, NAME-3..."""
    buf = into if into is not None else io.BytesIO()
    taken: set[str] = set()
    stamp = time.localtime()[:6]
    with zipfile.ZipFile(buf, "w", compression=zipfile.ZIP_STORED) as zf:
        for name, path in files:
            arcname = _unique(name, taken.__contains__)
            taken.add(arcname)
            info = zipfile.ZipInfo(arcname, date_time=stamp)
            info.external_attr = 0o644 << 16
            info.compress_type = zipfile.ZIP_STORED
            with path.open("rb") as src, zf.open(info, "w") as dst:
                while chunk := src.read(1 << 20):
                    dst.write(chunk)
    return buf.getvalue() if isinstance(buf, io.BytesIO) else b""


def copy_to_folder(src: Path, folder: Path, name: str) -> Path:
    """Copy ``src`` into ``folder`` as ``name`` or the first free ``NAME-n``; return where it went."""
    folder = Path(folder)
    if not folder.is_dir() or folder.is_symlink():
        raise UsageError(f"the posting folder {folder} is not there any more")
    if "/" in name or "\\" in name or name in ("", ".", "..") or name.startswith("."):
        raise UsageError("not a file name")

    def write(tmp: Path) -> None:
        with tmp.open("wb") as out, src.open("rb") as fh:
            shutil.copyfileobj(fh, out, 1 << 20)

    stem, suffix = Path(name).stem, Path(name).suffix
    others = (folder / f"{stem}-{n}{suffix}" for n in range(2, 10_001))
    try:
        return atomic_write(folder / name, write, exclusive=True, alternatives=others)
    except FileExistsError:
        raise UsageError(f"no free name for {name} in the posting folder") from None


__all__ = ["zip_safe_copies", "copy_to_folder"]
