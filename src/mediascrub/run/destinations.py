"""Check every place a run writes to before the first file is processed.

A report, review sheet or quarantine folder that cannot be written must stop the run before anything is
published: otherwise the audit record is lost, and a re-run only says "skipped". The check creates what is
missing (folders) and writes and removes a probe file in each folder, which is the only reliable test
(permissions, read-only and full file systems, and root all behave differently).
"""

from __future__ import annotations

import contextlib
import os
import tempfile
from pathlib import Path

from ..errors import UsageError


def _why(exc: OSError) -> str:
    return exc.strerror or exc.__class__.__name__


def check_writable_folder(folder: Path, what: str) -> None:
    """``folder`` exists (created when missing) and a file can be written in it; UsageError otherwise."""
    if folder.exists() and not folder.is_dir():
        raise UsageError(f"{what} {folder} is a file, not a folder")
    _probe(folder, f"cannot write to {what} {folder}")


def check_private_folder(folder: Path, what: str) -> None:
    """Like :func:`check_writable_folder`, and the folder (created when missing) is made 0700: it will
    hold originals that are not safe, often on a shared drive."""
    from ..publish import private_folders

    check_writable_folder(folder, what)
    private_folders(folder)


def check_writable_file(path: Path, what: str) -> None:
    """``path`` can be written (atomically, in its folder); UsageError otherwise."""
    if path.is_dir():
        raise UsageError(f"{what} {path} is a folder; give a file name")
    parent = path.parent
    if parent.exists() and not parent.is_dir():
        raise UsageError(f"cannot write {what} {path} ({parent} is a file, not a folder)")
    _probe(parent, f"cannot write {what} {path}")


def _probe(folder: Path, failure: str) -> None:
    """Create ``folder`` if needed and write (then remove) a temp file in it; UsageError ``failure (why)`` otherwise."""
    try:
        folder.mkdir(parents=True, exist_ok=True)
        fd, probe = tempfile.mkstemp(prefix=".mediascrub-", suffix=".part", dir=folder)
    except OSError as exc:
        raise UsageError(f"{failure} ({_why(exc)})") from None
    os.close(fd)
    with contextlib.suppress(OSError):
        os.unlink(probe)


__all__ = ["check_writable_folder", "check_private_folder", "check_writable_file"]
