"""The consent gallery in one SQLite file: the embedded default, nothing to install.

Protection: the file is created with mode 0600 (and its folder with 0700 when
we create it). A gallery that other users can read or write is tightened to
0600 when it is opened and a note says so; if that fails (someone else owns
the file, or the file system ignores permissions) the gallery is refused: it
holds biometric data.

Schema: versioned with ``PRAGMA user_version`` and marked as ours with
``PRAGMA application_id``; older galleries are migrated in one transaction, a
gallery from a newer mediascrub is refused untouched, as is anything that is
not an intact mediascrub gallery.

Several writers: every write is ``BEGIN IMMEDIATE`` (one writer at a time; the
others wait up to 5 s, then get "busy, try again"), so nothing is lost when two
people run ``gallery`` commands at once on one machine.

Network file systems: SQLite's own documentation warns that its locking is
unreliable over NFS, SMB/CIFS and the like, and that files get corrupted. A
gallery on such a mount (the file system type is read from ``/proc/mounts``)
is opened with a warning and can be read (scrub, watch, ``gallery list``,
``show``, ``export``), but every change (``gallery add``, ``withdraw``,
``forget``, creating or upgrading it) is refused: copy the file to a local
disk, or move to PostgreSQL. Several sites sharing one register should use
PostgreSQL (``--gallery postgresql://...``).

Forgetting: ``forget`` deletes the person, their consent records and encodings
with ``secure_delete`` on, then ``VACUUM`` rebuilds the file, so none of their
bytes remain in it. (Copies outside the file, such as backups or blocks the
file system or an SSD keeps after a rewrite, are beyond what a program can
erase.)
"""

from __future__ import annotations

import os
import sqlite3
import stat
from collections.abc import Iterator, Sequence
from contextlib import AbstractContextManager, contextmanager
from pathlib import Path
from typing import Any

from ..errors import GalleryError
from .encodings import ENCODING_SIZE
from .store import READABLE_FROM, SCHEMA_VERSION, Gallery

APPLICATION_ID = 0x6D536372  # "mScr": marks the SQLite file as a mediascrub gallery
SQLITE_HEADER = b"SQLite format 3\x00"
MOUNTS_FILE = Path("/proc/mounts")

#: File-system types on which SQLite's locking cannot be trusted (network and user-space remote mounts).
NETWORK_FILESYSTEMS = frozenset({
    "nfs", "nfs4", "cifs", "smb3", "smbfs", "ncpfs", "afs", "9p", "ceph", "glusterfs", "lustre", "gpfs", "ocfs2", "gfs2",
    "davfs", "fuse.sshfs", "fuse.glusterfs", "fuse.rclone", "fuse.s3fs", "fuse.gcsfuse", "fuse.davfs", "fuse.smbnetfs",
    "fuse.cephfs", "fuse.juicefs", "fuse.sshfs-fuse",
})

# Each entry upgrades the schema from version i to i + 1 (index i).
MIGRATIONS: list[list[str]] = [
    [
        """CREATE TABLE people (
            id INTEGER PRIMARY KEY,
            name TEXT NOT NULL UNIQUE COLLATE NOCASE,
            reference_id TEXT,
            created TEXT NOT NULL
        )""",
        """CREATE TABLE consent_records (
            id INTEGER PRIMARY KEY,
            person_id INTEGER NOT NULL REFERENCES people(id) ON DELETE CASCADE,
            evidence TEXT NOT NULL,
            given TEXT NOT NULL,
            expires TEXT,
            withdrawn TEXT,
            basis TEXT NOT NULL CHECK (basis IN ('consent', 'best-interests')),
            assessment TEXT,
            recorded TEXT NOT NULL,
            CHECK (basis = 'consent' OR (assessment IS NOT NULL AND assessment <> ''))
        )""",
        """CREATE TABLE consent_purposes (
            record_id INTEGER NOT NULL REFERENCES consent_records(id) ON DELETE CASCADE,
            purpose TEXT NOT NULL,
            PRIMARY KEY (record_id, purpose)
        )""",
        f"""CREATE TABLE encodings (
            id INTEGER PRIMARY KEY,
            person_id INTEGER NOT NULL REFERENCES people(id) ON DELETE CASCADE,
            vector BLOB NOT NULL CHECK (length(vector) = {ENCODING_SIZE * 8}),
            source TEXT,
            sha256 TEXT,
            added TEXT NOT NULL
        )""",
        "CREATE INDEX encodings_person ON encodings(person_id)",
        "CREATE INDEX consent_person ON consent_records(person_id)",
    ],
    [  # 2: the register's log of changes (store.Gallery._log); no foreign key: lines outlive the person, without their name
        """CREATE TABLE changes (
            id INTEGER PRIMARY KEY,
            at TEXT NOT NULL,
            kind TEXT NOT NULL,
            person_id INTEGER,
            person TEXT,
            reference_id TEXT,
            actor TEXT NOT NULL,
            via TEXT NOT NULL,
            detail TEXT
        )""",
        "CREATE INDEX changes_person ON changes(person_id)",
    ],
]
assert len(MIGRATIONS) == SCHEMA_VERSION


# ---------------------------------------------------------------- network file systems


def _unescape_mount(field: str) -> str:
    """/proc/mounts writes space, tab, newline and backslash in paths as octal escapes (``\\040``)."""
    out, i = [], 0
    while i < len(field):
        if field[i] == "\\" and i + 4 <= len(field) and field[i + 1 : i + 4].isdigit():
            out.append(chr(int(field[i + 1 : i + 4], 8)))
            i += 4
        else:
            out.append(field[i])
            i += 1
    return "".join(out)


def read_mounts() -> str:
    """The mount table (``/proc/mounts``), or "" where there is none (not Linux)."""
    try:
        return MOUNTS_FILE.read_text(encoding="utf-8", errors="replace")
    except OSError:
        return ""


def filesystem_type(path: Path, mounts: str) -> str | None:
    """The type of the file system holding ``path``, from a mount table in ``/proc/mounts`` format."""
    target = path.expanduser()
    while not target.exists() and target != target.parent:
        target = target.parent
    target = target.resolve()
    best: tuple[int, str] | None = None
    for line in mounts.splitlines():
        parts = line.split()
        if len(parts) < 3:
            continue
        point = Path(_unescape_mount(parts[1]))
        if target == point or point in target.parents:
            depth = len(point.parts)
            if best is None or depth >= best[0]:  # the last of equally deep mounts is the one on top
                best = (depth, parts[2])
    return best[1] if best else None


def network_filesystem(path: Path, mounts: str | None = None) -> str | None:
    """The network file-system type ``path`` lies on (``nfs4``, ``cifs``, ``fuse.sshfs``...), or None for a local disk."""
    fstype = filesystem_type(path, read_mounts() if mounts is None else mounts)
    if fstype is None:
        return None
    fstype = fstype.lower()
    return fstype if fstype in NETWORK_FILESYSTEMS or fstype.startswith(("nfs", "smb", "cifs")) else None


# ---------------------------------------------------------------- files


def _make_parent(path: Path) -> None:
    """Create the gallery's folder (and any missing parents) with mode 0700."""
    missing = []
    p = path.parent
    while not p.exists():
        missing.append(p)
        p = p.parent
    for d in reversed(missing):
        try:
            d.mkdir(mode=0o700)
            os.chmod(d, 0o700)
        except FileExistsError:
            pass
        except OSError as exc:
            raise GalleryError(f"cannot create the gallery folder {d}: {exc.strerror}") from None


def _create_file(path: Path) -> None:
    """Create an empty gallery file with mode 0600 (never replacing an existing one)."""
    _make_parent(path)
    try:
        fd = os.open(path, os.O_CREAT | os.O_EXCL | os.O_WRONLY, 0o600)
    except FileExistsError:
        return
    except OSError as exc:
        raise GalleryError(f"cannot create the gallery {path}: {exc.strerror}") from None
    os.close(fd)
    os.chmod(path, 0o600)


def _tighten_permissions(path: Path, notes: list[str]) -> None:
    """Make a gallery readable by its owner only, or refuse it."""
    mode = stat.S_IMODE(path.stat().st_mode)
    if not mode & 0o077:
        return
    try:
        os.chmod(path, 0o600)
    except OSError:
        pass
    if stat.S_IMODE(path.stat().st_mode) & 0o077:
        raise GalleryError(
            f"the gallery {path} can be read by other users (mode {mode:04o}) and its permissions "
            f"cannot be changed; it holds biometric data. Move it to a private folder or run: chmod 600 {path}"
        )
    notes.append(f"the gallery {path} was readable by other users (mode {mode:04o}); it is now 0600")


def _check_header(path: Path) -> None:
    try:
        with path.open("rb") as fh:
            head = fh.read(len(SQLITE_HEADER))
    except OSError as exc:
        raise GalleryError(f"cannot read the gallery {path}: {exc.strerror}") from None
    if head and head != SQLITE_HEADER:
        raise GalleryError(f"{path} is not a mediascrub gallery (not an SQLite database); nothing was changed")


def _network_refusal(path: Path, fstype: str) -> GalleryError:
    return GalleryError(
        f"the gallery {path} is on a network file system ({fstype}): SQLite's locking is unreliable there and "
        "two writers can corrupt the file, so mediascrub does not write to it. Keep the gallery file on a local disk, "
        "or use a PostgreSQL register shared by every site (--gallery postgresql://user@host/db); nothing was changed"
    )


def _check_filesystem(path: Path, notes: list[str]) -> str | None:
    """The network file-system type the gallery is on (with a warning in ``notes``), or None on a local disk."""
    fstype = network_filesystem(path)
    if fstype is not None:
        notes.append(
            f"the gallery {path} is on a network file system ({fstype}): SQLite is not safe there while anyone writes to it, "
            "so it can be read but not changed. Use a PostgreSQL register (--gallery postgresql://...) to share a gallery "
            "between machines"
        )
    return fstype


# ---------------------------------------------------------------- the store


class SqliteGallery(Gallery):
    """The gallery in one SQLite file (``Gallery.open(path)``)."""

    def __init__(self, conn: sqlite3.Connection, path: Path, readonly: bool, notes: list[str], network_fs: str | None = None) -> None:
        super().__init__(str(path), readonly, notes)
        self._conn = conn
        self.path = path
        self.network_fs = network_fs  # the network file-system type it lies on: then it is never written

    @classmethod
    def open_file(cls, path: Path, *, create: bool = False, readonly: bool = False) -> SqliteGallery:
        p = path.expanduser()
        notes: list[str] = []
        fstype = _check_filesystem(p, notes)
        if not p.exists():
            if not create or readonly:
                raise GalleryError(f"no consent gallery at {p}; enrol someone with `mediascrub gallery add`, or check --gallery")
            if fstype is not None:
                raise _network_refusal(p, fstype)
            _create_file(p)
        elif not p.is_file():
            raise GalleryError(f"the gallery path {p} is not a regular file")
        _tighten_permissions(p, notes)
        _check_header(p)
        conn: sqlite3.Connection | None = None
        try:
            if readonly:
                conn = sqlite3.connect(f"{p.resolve().as_uri()}?mode=ro", uri=True, isolation_level=None)
            else:
                conn = sqlite3.connect(str(p), isolation_level=None)
            conn.execute("PRAGMA foreign_keys = ON")
            conn.execute("PRAGMA secure_delete = ON")
            conn.execute("PRAGMA busy_timeout = 5000")
            cls._check_and_migrate(conn, p, readonly or fstype is not None, fstype)
        except GalleryError:
            if conn is not None:
                conn.close()
            raise
        except sqlite3.DatabaseError as exc:
            if conn is not None:
                conn.close()
            raise GalleryError(f"the gallery {p} is damaged or unreadable ({exc}); nothing was changed") from None
        return cls(conn, p, readonly, notes, fstype)

    @staticmethod
    def _check_and_migrate(conn: sqlite3.Connection, path: Path, readonly: bool, fstype: str | None = None) -> None:
        app_id = conn.execute("PRAGMA application_id").fetchone()[0]
        version = conn.execute("PRAGMA user_version").fetchone()[0]
        tables = conn.execute("SELECT count(*) FROM sqlite_master").fetchone()[0]
        fresh = app_id == 0 and version == 0 and tables == 0
        if not fresh and app_id != APPLICATION_ID:
            raise GalleryError(f"{path} is an SQLite database but not a mediascrub gallery; nothing was changed")
        if version > SCHEMA_VERSION:
            raise GalleryError(
                f"the gallery {path} was written by a newer mediascrub (schema {version}; this version "
                f"understands up to {SCHEMA_VERSION}). Upgrade mediascrub; nothing was changed"
            )
        check = conn.execute("PRAGMA quick_check").fetchone()[0]
        if check != "ok":
            raise GalleryError(f"the gallery {path} is damaged ({check}); nothing was changed")
        if version == SCHEMA_VERSION:
            return
        if readonly and not fresh and version >= READABLE_FROM:
            return  # readers use it as it is; the next writer upgrades it
        if fstype is not None:
            raise _network_refusal(path, fstype)
        if readonly:
            raise GalleryError(f"the gallery {path} uses an older schema ({version}); run `mediascrub gallery list` once to upgrade it")
        conn.execute("BEGIN IMMEDIATE")
        try:
            # Another process may have migrated it while we waited for the lock.
            version = conn.execute("PRAGMA user_version").fetchone()[0]
            for step in range(version, SCHEMA_VERSION):
                for sql in MIGRATIONS[step]:
                    conn.execute(sql)
            conn.execute(f"PRAGMA application_id = {APPLICATION_ID}")
            conn.execute(f"PRAGMA user_version = {SCHEMA_VERSION}")
            conn.execute("COMMIT")
        except BaseException:
            conn.execute("ROLLBACK")
            raise

    # -- the dialect

    def _close(self) -> None:
        self._conn.close()

    @property
    def schema_version(self) -> int:
        return int(self._conn.execute("PRAGMA user_version").fetchone()[0])

    def _exec(self, sql: str, params: Sequence[Any] = ()) -> Any:
        return self._conn.execute(sql, tuple(params))

    @contextmanager
    def _write_tx(self) -> Iterator[None]:
        conn = self._conn
        try:
            conn.execute("BEGIN IMMEDIATE")  # the write lock now: no other writer until COMMIT
            yield
            conn.execute("COMMIT")
        except BaseException:
            if conn.in_transaction:
                conn.execute("ROLLBACK")
            raise

    def _write(self) -> AbstractContextManager[None]:
        if self.network_fs is not None:
            raise _network_refusal(self.path, self.network_fs)
        return self._write_tx()

    @contextmanager
    def _snapshot_tx(self) -> Iterator[None]:
        if self._conn.in_transaction:
            yield
            return
        self._conn.execute("BEGIN")
        try:
            yield
        finally:
            if self._conn.in_transaction:
                self._conn.execute("COMMIT")

    def _snapshot(self) -> AbstractContextManager[None]:
        return self._snapshot_tx()

    def _guard(self, what: str) -> AbstractContextManager[None]:
        return _sqlite_errors(self.path, what)

    def _change_token(self) -> object:
        # data_version changes when another connection commits; our own writes reset the cache directly.
        return int(self._conn.execute("PRAGMA data_version").fetchone()[0])

    def stamp(self) -> str:
        """The file's bytes (and its write-ahead log's), so a copy of the same gallery gives the same stamp."""
        import hashlib

        h = hashlib.sha256()
        for part in (self.path, self.path.with_name(self.path.name + "-wal")):
            try:
                h.update(part.read_bytes())
            except OSError:
                pass
        return h.hexdigest()[:16]

    def _erase(self) -> None:
        # secure_delete zeroed the freed pages; VACUUM rebuilds the file so not even free-list pages remain.
        self._conn.execute("VACUUM")


@contextmanager
def _sqlite_errors(path: Path, what: str) -> Iterator[None]:
    """Turn SQLite errors during an operation into GalleryError naming the file."""
    try:
        yield
    except sqlite3.OperationalError as exc:
        if "locked" in str(exc) or "busy" in str(exc):
            raise GalleryError(f"the gallery {path} is busy (locked by another process); try again") from None
        raise GalleryError(f"cannot {what} the gallery {path}: {exc}; nothing was changed") from None
    except sqlite3.Error as exc:
        raise GalleryError(f"cannot {what} the gallery {path}: {exc}; nothing was changed") from None


__all__ = ["SqliteGallery", "APPLICATION_ID", "MIGRATIONS", "network_filesystem", "filesystem_type", "read_mounts"]
