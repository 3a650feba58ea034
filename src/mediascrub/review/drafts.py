"""Drafts: a reviewer's decisions on one held file, saved on the station as they are made.

A reload, a second window or a restart of the station finds them again. One JSON file per held
file id in ``HELD/.mediascrub-review/drafts/`` (folder 0700, files 0600, written atomically),
holding the boxes drawn and the verdicts given, never pixels or text read. A draft belongs to
the exact bytes and settings it was made on (``sha256`` and the detection ``key``): the finding
numbers it uses mean nothing for other bytes or settings, so such a draft is set aside (and the
page says so) rather than applied.

Each save carries the version it was based on; a save based on an older version than the one
stored (another window saved in between) is refused with the stored draft, which the page then
shows. Versions only grow, also across a draft set aside.
"""

from __future__ import annotations

import datetime as dt
import json
import os
import stat
import threading
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from ..errors import MediascrubError
from ..media.image import atomic_write

MAX_DRAFT_BYTES = 512 * 1024


class DraftConflict(MediascrubError):
    """A save based on an older version than the one stored."""

    def __init__(self, current: Draft) -> None:
        super().__init__("changed in another window")
        self.current = current


@dataclass(frozen=True)
class Draft:
    version: int
    sha256: str
    key: str
    decisions: list[dict[str, Any]] = field(default_factory=list)
    marks: list[dict[str, Any]] = field(default_factory=list)
    saved: str = ""

    def for_page(self) -> dict[str, Any]:
        return {"version": self.version, "decisions": self.decisions, "marks": self.marks, "saved": self.saved}

    def to_dict(self) -> dict[str, Any]:
        return {"version": self.version, "sha256": self.sha256, "key": self.key, "decisions": self.decisions,
                "marks": self.marks, "saved": self.saved}

    @property
    def empty(self) -> bool:
        return not self.decisions and not self.marks


class DraftStore:
    """The drafts of one held folder."""

    def __init__(self, folder: Path) -> None:
        self.folder = Path(folder)
        self._lock = threading.Lock()

    def ensure(self) -> None:
        self.folder.mkdir(mode=0o700, exist_ok=True)
        st = os.lstat(self.folder)
        if stat.S_ISLNK(st.st_mode) or not stat.S_ISDIR(st.st_mode):
            raise MediascrubError(f"{self.folder} must be a folder, not a link")
        os.chmod(self.folder, 0o700)

    def _path(self, fid: str) -> Path:
        if not (len(fid) == 16 and all(c in "0123456789abcdef" for c in fid)):
            raise ValueError("not a file id")
        return self.folder / f"{fid}.json"

    def _read(self, fid: str) -> Draft | None:
        from ..heldfindings import read_json_file

        doc = read_json_file(self._path(fid), MAX_DRAFT_BYTES)
        try:
            return Draft(int(doc["version"]), str(doc["sha256"]), str(doc["key"]), list(doc.get("decisions") or []),
                         list(doc.get("marks") or []), str(doc.get("saved", "")))
        except (ValueError, KeyError, TypeError):
            return None

    def load(self, fid: str, sha256: str, key: str) -> tuple[Draft | None, bool]:
        """The draft for these bytes and settings (or None), and whether one for other bytes or
        settings was set aside."""
        d = self._read(fid)
        if d is None:
            return None, False
        if d.sha256 != sha256 or d.key != key:
            return None, not d.empty
        return d, False

    def version(self, fid: str) -> int:
        d = self._read(fid)
        return 0 if d is None else d.version

    def save(self, fid: str, sha256: str, key: str, base: int, decisions: list[dict[str, Any]],
             marks: list[dict[str, Any]]) -> Draft:
        """Store a new version. Raises DraftConflict when ``base`` is older than the stored version
        of a draft for the same bytes and settings."""
        with self._lock:
            old = self._read(fid)
            if old is not None and old.sha256 == sha256 and old.key == key and base < old.version:
                raise DraftConflict(old)
            version = (old.version if old is not None else 0) + 1
            now = dt.datetime.now(dt.UTC).isoformat(timespec="seconds")
            draft = Draft(version, sha256, key, decisions, marks, now)
            data = json.dumps(draft.to_dict()).encode()
            if len(data) > MAX_DRAFT_BYTES:
                raise ValueError("too many decisions in one draft")
            self.ensure()
            atomic_write(self._path(fid), data, mode=0o600)
            return draft

    def delete(self, fid: str) -> None:
        with self._lock:
            self._path(fid).unlink(missing_ok=True)


__all__ = ["Draft", "DraftStore", "DraftConflict"]
