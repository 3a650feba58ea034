"""The review queue: the files held in a quarantine folder, addressed by id, read safely.

A held file is named by an id (the first 16 hex digits of the sha256 of its path below
the held folder), never by a path taken from a request. The folder is scanned afresh on
every listing, so files a watcher or batch adds while the page is open appear on the
next load. Links are never followed: a symbolic link in the held folder is listed as
refused and nothing behind it is opened. Files are opened with ``O_NOFOLLOW`` and must
still lie inside the held folder once every link above them is resolved.

The station's own files live in ``HELD/.mediascrub-review/`` (mode 0700): cached thumbnails
and detections (they show originals, so they stay beside the originals, never in the
output folder), per-file locks, and the held copies that left the queue
(``published/``, ``rejected/``), published copies taken back out of the output folder
(``withdrawn/``) and the reviewers' drafts (``drafts/``, :mod:`.drafts`).
"""

from __future__ import annotations

import contextlib
import errno
import hashlib
import os
import re
import shutil
import stat
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from ..errors import MediascrubError
from ..run.batch import is_ignored_name

STATE_DIR = ".mediascrub-review"
REASON_SUFFIX = ".reason.txt"
MAX_REASON_BYTES = 4096
ID_PATTERN = re.compile(r"^[0-9a-f]{16}$")


class QueueError(MediascrubError):
    """A held file that cannot be read or handled (gone, a link, outside the folder)."""


def file_id(rel: str) -> str:
    """The id of a held file: stable across scans and servers, reveals nothing of the path."""
    return hashlib.sha256(rel.encode("utf-8", "surrogateescape")).hexdigest()[:16]


def valid_id(value: str) -> bool:
    return bool(ID_PATTERN.fullmatch(value))


@dataclass(frozen=True)
class HeldFile:
    id: str
    rel: str  # posix path below the held folder
    size: int
    mtime_ns: int
    inode: int
    refused: str | None = None  # why it cannot be reviewed here (a link, not a regular file)

    @property
    def signature(self) -> str:
        """Changes whenever the file's content may have changed: versions cached thumbnails."""
        return hashlib.sha256(f"{self.rel}\0{self.size}\0{self.mtime_ns}\0{self.inode}".encode("utf-8", "surrogateescape")).hexdigest()[:16]


class HeldFolder:
    """One held (quarantine) folder."""

    def __init__(self, root: Path) -> None:
        self.root = Path(root).absolute()
        self.real_root = Path(os.path.realpath(self.root))
        self.state = self.root / STATE_DIR
        self._index: dict[str, str] = {}

    def ensure_state(self) -> None:
        for sub in ("", "cache", "locks", "published", "rejected", "withdrawn", "drafts"):
            d = self.state / sub if sub else self.state
            try:
                d.mkdir(mode=0o700, exist_ok=True)
            except OSError as exc:
                raise QueueError(f"cannot create {d} ({exc.strerror}): the review station keeps its files there") from None
            st = os.lstat(d)
            if stat.S_ISLNK(st.st_mode) or not stat.S_ISDIR(st.st_mode):
                raise QueueError(f"{d} must be a folder, not a link")
            os.chmod(d, 0o700)

    # -- listing ---------------------------------------------------------------------------------

    def scan(self) -> list[HeldFile]:
        """Every held file, sorted by path; links and odd files are listed as refused."""
        out: list[HeldFile] = []
        for rel, entry_stat in self._walk(self.root, ""):
            refused = None
            if stat.S_ISLNK(entry_stat.st_mode):
                refused = "a symbolic link: links are never followed"
            elif not stat.S_ISREG(entry_stat.st_mode):
                refused = "not a regular file"
            out.append(HeldFile(file_id(rel), rel, entry_stat.st_size, entry_stat.st_mtime_ns, entry_stat.st_ino, refused))
        out.sort(key=lambda h: h.rel)
        self._index = {h.id: h.rel for h in out}
        return out

    def _walk(self, folder: Path, prefix: str) -> Iterator[tuple[str, os.stat_result]]:
        try:
            entries = list(os.scandir(folder))
        except OSError:
            return
        for entry in entries:
            name = entry.name
            if is_ignored_name(name) or name.endswith(REASON_SUFFIX):
                continue  # hidden (our state folder too), temporary and system files; reasons go with their file
            rel = f"{prefix}{name}"
            try:
                st = entry.stat(follow_symlinks=False)
            except OSError:
                continue
            if stat.S_ISDIR(st.st_mode):
                yield from self._walk(Path(entry.path), rel + "/")
            else:
                yield rel, st

    def find(self, fid: str) -> HeldFile | None:
        """The held file with id ``fid`` as it is now, or None. Looks at the one path the last scan
        knew for that id (a rescan when the id is new), so a page of thumbnails costs no rescans."""
        if not valid_id(fid):
            return None
        rel = self._index.get(fid)
        if rel is None:
            self._index = {h.id: h.rel for h in self.scan()}
            rel = self._index.get(fid)
            if rel is None:
                return None
        try:
            st = os.lstat(self.root / rel)
        except OSError:
            return None
        if stat.S_ISDIR(st.st_mode):
            return None
        refused = None
        if stat.S_ISLNK(st.st_mode):
            refused = "a symbolic link: links are never followed"
        elif not stat.S_ISREG(st.st_mode):
            refused = "not a regular file"
        return HeldFile(fid, rel, st.st_size, st.st_mtime_ns, st.st_ino, refused)

    # -- reading -----------------------------------------------------------------------------------

    def path_of(self, held: HeldFile) -> Path:
        return self.root / held.rel

    def read(self, held: HeldFile, max_bytes: int) -> bytes:
        """The held file's bytes. Refuses links (at the file or above it) and anything outside the folder."""
        if held.refused:
            raise QueueError(f"{held.rel}: {held.refused}")
        path = self.path_of(held)
        parent = Path(os.path.realpath(path.parent))
        if parent != self.real_root and self.real_root not in parent.parents:
            raise QueueError(f"{held.rel}: lies outside the held folder")
        try:
            fd = os.open(path, os.O_RDONLY | getattr(os, "O_NOFOLLOW", 0) | getattr(os, "O_BINARY", 0))
        except OSError as exc:
            raise QueueError(f"{held.rel}: cannot be read ({exc.strerror})") from None
        with os.fdopen(fd, "rb") as fh:
            st = os.fstat(fh.fileno())
            if not stat.S_ISREG(st.st_mode):
                raise QueueError(f"{held.rel}: not a regular file")
            if st.st_size > max_bytes:
                raise QueueError(f"{held.rel}: larger than the {max_bytes} bytes allowed")
            return fh.read(max_bytes + 1)[:max_bytes]

    def reason(self, held: HeldFile) -> str:
        """The ``.reason.txt`` written when the file was held ('' when there is none or it is a link)."""
        path = self.root / (held.rel + REASON_SUFFIX)
        try:
            fd = os.open(path, os.O_RDONLY | getattr(os, "O_NOFOLLOW", 0))
        except OSError:
            return ""
        with os.fdopen(fd, "rb") as fh:
            if not stat.S_ISREG(os.fstat(fh.fileno()).st_mode):
                return ""
            return fh.read(MAX_REASON_BYTES).decode("utf-8", "replace").strip()

    # -- leaving the queue ---------------------------------------------------------------------------

    def retire(self, held: HeldFile, outcome: str) -> Path:
        """Move a held file (and its reason) out of the queue into ``.mediascrub-review/<outcome>/``.
        An existing name there is never overwritten: a numbered name is chosen."""
        base = self.state / outcome
        target = base / held.rel
        target.parent.mkdir(mode=0o700, parents=True, exist_ok=True)
        n = 1
        while target.exists() or target.is_symlink():
            target = base / f"{held.rel}.{n}"
            n += 1
        os.replace(self.path_of(held), target)
        for beside, name in self._beside(self.path_of(held), target):
            with contextlib.suppress(OSError):
                os.replace(beside, name)
        return target

    @staticmethod
    def _beside(path: Path, target: Path) -> list[tuple[Path, Path]]:
        """The files that go with a held file when it moves: its reason, and what was found in it
        (:func:`..publish.beside_held`)."""
        from ..publish import beside_held

        pairs = zip(beside_held(path), beside_held(target), strict=True)
        return [(a, b) for a, b in pairs if a.is_file() and not a.is_symlink()]


    def restore(self, retired: Path, rel: str) -> HeldFile:
        """Put a copy that left the queue (``retire``) back at ``rel``, with its reason: a
        publication taken back. Never overwrites: a file now at ``rel`` is a QueueError."""
        base = self.state.resolve()
        real = Path(os.path.realpath(retired))
        if base not in real.parents or retired.is_symlink() or not retired.is_file():
            raise QueueError("the held copy of this publication is no longer in the station's folder")
        target = self.root / rel
        if target.exists() or target.is_symlink():
            raise QueueError(f"{rel} is in the list again already (held anew): nothing was moved")
        target.parent.mkdir(parents=True, exist_ok=True)
        os.replace(retired, target)
        for beside, name in self._beside(retired, target):
            with contextlib.suppress(OSError):
                os.replace(beside, name)
        st = os.lstat(target)
        self._index[file_id(rel)] = rel
        return HeldFile(file_id(rel), rel, st.st_size, st.st_mtime_ns, st.st_ino)

    def withdraw(self, output: Path, rel: str) -> Path:
        """Move a published output (taken back) into ``.mediascrub-review/withdrawn/`` (private,
        never overwriting), out of the posting folder. Returns where it went."""
        base = self.state / "withdrawn"
        target = base / rel
        target.parent.mkdir(mode=0o700, parents=True, exist_ok=True)
        n = 1
        while target.exists() or target.is_symlink():
            target = base / f"{rel}.{n}"
            n += 1
        try:
            os.replace(output, target)
        except OSError as exc:
            if exc.errno != errno.EXDEV:
                raise
            shutil.copy2(output, target)  # another file system: copy, then remove the published one
            os.unlink(output)
        os.chmod(target, 0o600)
        return target


class FileLock:
    """An exclusive, non-blocking lock on one held file, across threads and processes (flock)."""

    def __init__(self, folder: HeldFolder, held: HeldFile) -> None:
        self.path = folder.state / "locks" / f"{held.id}.lock"
        self._fd: int | None = None

    def acquire(self) -> bool:
        fd = os.open(self.path, os.O_RDWR | os.O_CREAT | getattr(os, "O_NOFOLLOW", 0), 0o600)
        try:
            import fcntl

            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except ImportError:  # no advisory locks (Windows): the server's own lock still serialises its requests
            pass
        except OSError:
            os.close(fd)
            return False
        self._fd = fd
        return True

    def release(self) -> None:
        if self._fd is not None:
            os.close(self._fd)
            self._fd = None


__all__ = ["HeldFolder", "HeldFile", "FileLock", "QueueError", "file_id", "valid_id", "STATE_DIR"]
