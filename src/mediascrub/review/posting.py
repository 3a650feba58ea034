"""Getting the desk's cleaned copies out: a zip to download, or a copy into the posting folder.

- :func:`zip_safe_copies`: the cleaned copies as one zip, each stored as it is (no compression: photos
  and clips are compressed already), names made unique inside the zip, no comment, no extra fields,
  one time stamp for every entry (the moment the zip was made, not the photos' own dates).
- :func:`copy_to_folder`: one cleaned copy into the posting folder (``--out``) under its own name, or
  ``NAME-2.jpg``, ``NAME-3.jpg``... when that is taken: nothing there is ever overwritten. The copy
  is written to a temp file beside the target, flushed to disk, then linked into place under a name
  that must not exist (``link`` fails rather than replace); where the file system cannot link, a
  name is claimed with an exclusive create and the finished file renamed over that claim.
"""

from __future__ import annotations

import contextlib
import errno
import io
import os
import tempfile
import time
import zipfile
from collections.abc import Iterable
from pathlib import Path
from typing import BinaryIO

from ..errors import UsageError
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
    fd, tmp = tempfile.mkstemp(prefix=".mediascrub-", suffix=".part", dir=folder)
    try:
        with os.fdopen(fd, "wb") as out, src.open("rb") as fh:
            while chunk := fh.read(1 << 20):
                out.write(chunk)
            out.flush()
            os.fsync(out.fileno())
        umask = os.umask(0)
        os.umask(umask)
        os.chmod(tmp, 0o666 & ~umask)
        final = _place(Path(tmp), folder, name)
    finally:
        with contextlib.suppress(OSError):
            os.unlink(tmp)
    with contextlib.suppress(OSError):
        dfd = os.open(folder, os.O_RDONLY)
        try:
            os.fsync(dfd)
        finally:
            os.close(dfd)
    return final


def _place(tmp: Path, folder: Path, name: str) -> Path:
    """Put the finished ``tmp`` at the first free name: never over an existing file, even one made meanwhile."""
    tried: set[str] = set()
    for _ in range(10_000):
        cand = _unique(name, lambda c: c in tried or os.path.lexists(folder / c))
        tried.add(cand)
        target = folder / cand
        try:
            os.link(tmp, target)
            return target
        except FileExistsError:
            continue
        except OSError as exc:
            if exc.errno not in (errno.EPERM, errno.EOPNOTSUPP, errno.ENOTSUP, errno.EXDEV, errno.EMLINK, errno.ENOSYS):
                raise
        try:  # no hard links here (some network shares): claim the name, then rename over our own claim
            os.close(os.open(target, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600))
        except FileExistsError:
            continue
        os.replace(tmp, target)
        return target
    raise UsageError(f"no free name for {name} in the posting folder")


__all__ = ["zip_safe_copies", "copy_to_folder"]
