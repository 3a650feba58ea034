"""The consent gallery: who may stay visible, on what evidence, for which purposes.

One SQLite file holds three things and nothing else:

* **people**: a unique name and an optional reference id (the agency's client
  number, say);
* **consent records**: the evidence (the signed form's file name or document
  number), the date consent was given, the purposes it covers, an optional
  expiry date, a withdrawal date once withdrawn, and the basis: ``consent``
  (the person's own written consent; for a child, that of a person with
  parental responsibility) or ``best-interests`` (an adult who lacks capacity:
  a relative's signature is *not* consent, so a best-interests decision is
  recorded with the reference of its assessment, which is then required);
* **face encodings**: several 128-d vectors per person, with the photo's file
  name and SHA-256 so an auditor can tell which photo was used. Never the
  photos themselves.

Where the file lives: ``--gallery PATH`` (or ``consent.gallery`` in the policy
file), else ``$MEDIASCRUB_GALLERY``, else ``$XDG_DATA_HOME/mediascrub/gallery.sqlite``
(``~/.local/share/mediascrub/gallery.sqlite``).

Protection: the file is created with mode 0600 (and its folder with 0700 when
we create it). A gallery that other users can read or write is tightened to
0600 when it is opened and a note says so; if that fails (someone else owns
the file, or the file system ignores permissions) the gallery is refused: it
holds biometric data.

Schema: versioned with ``PRAGMA user_version`` and marked as ours with
``PRAGMA application_id``; older galleries are migrated in one transaction, a
gallery from a newer mediascrub is refused untouched, as is anything that is
not an intact mediascrub gallery.

Forgetting: ``forget`` deletes the person, their consent records and encodings
with ``secure_delete`` on, then ``VACUUM`` rebuilds the file, so none of their
bytes remain in it. (Copies outside the file, such as backups or blocks the
file system or an SSD keeps after a rewrite, are beyond what a program can
erase.)

Export: ``export`` returns everything held about one person, encodings
included as numbers, because a subject-access request entitles them to a copy
of their biometric data too. The export is as sensitive as the gallery.
"""

from __future__ import annotations

import datetime as _dt
import enum
import hashlib
import os
import re
import sqlite3
import stat
from collections.abc import Iterator, Sequence
from contextlib import AbstractContextManager, contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import numpy as np

from ..errors import GalleryError
from .encodings import ENCODING_SIZE, face_distance, pack, unpack

GALLERY_ENV = "MEDIASCRUB_GALLERY"
GALLERY_FILENAME = "gallery.sqlite"
APPLICATION_ID = 0x6D536372  # "mScr": marks the SQLite file as a mediascrub gallery
SCHEMA_VERSION = 1
SQLITE_HEADER = b"SQLite format 3\x00"
EXPORT_FORMAT = "mediascrub-gallery-export"

_PURPOSE_RE = re.compile(r"^[a-z0-9][a-z0-9_-]{0,63}$")
_CONTROL_RE = re.compile(r"[\x00-\x1f\x7f-\x9f]")

# Each entry upgrades the schema from version i to i + 1 (index i).
_MIGRATIONS: list[list[str]] = [
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
]
assert len(_MIGRATIONS) == SCHEMA_VERSION


class Basis(enum.StrEnum):
    """On what footing a person may appear."""

    CONSENT = "consent"  # their own written consent (a child: someone with parental responsibility)
    BEST_INTERESTS = "best-interests"  # adult without capacity: a documented best-interests decision


@dataclass(frozen=True)
class ConsentRecord:
    """One piece of consent evidence. ``expires`` is the first day it no longer covers."""

    id: int
    evidence: str
    given: _dt.date
    purposes: tuple[str, ...]
    expires: _dt.date | None = None
    withdrawn: _dt.date | None = None
    basis: Basis = Basis.CONSENT
    assessment: str | None = None
    recorded: str = ""

    def to_dict(self) -> dict[str, Any]:
        return {
            "evidence": self.evidence,
            "given": self.given.isoformat(),
            "purposes": list(self.purposes),
            "expires": self.expires.isoformat() if self.expires else None,
            "withdrawn": self.withdrawn.isoformat() if self.withdrawn else None,
            "basis": self.basis.value,
            "assessment": self.assessment,
            "recorded": self.recorded,
        }


@dataclass(frozen=True)
class NewConsent:
    """Consent evidence to record (validated by :func:`validate_consent`)."""

    evidence: str
    purposes: tuple[str, ...]
    given: _dt.date
    expires: _dt.date | None = None
    basis: Basis = Basis.CONSENT
    assessment: str | None = None


@dataclass(frozen=True)
class Person:
    """An enrolled person as shown by ``gallery list``/``show``: never their encodings."""

    id: int
    name: str
    reference_id: str | None
    created: str
    records: tuple[ConsentRecord, ...] = ()
    encoding_count: int = 0

    def to_dict(self) -> dict[str, Any]:
        return {
            "name": self.name,
            "reference_id": self.reference_id,
            "created": self.created,
            "encodings": self.encoding_count,
            "consent_records": [r.to_dict() for r in self.records],
        }


@dataclass(frozen=True)
class EncodingSource:
    """Where an encoding came from: the photo's file name (no folders) and its SHA-256."""

    name: str
    sha256: str

    @classmethod
    def of_file(cls, path: Path, data: bytes) -> EncodingSource:
        return cls(name=path.name, sha256=hashlib.sha256(data).hexdigest())


@dataclass(frozen=True)
class GalleryIndex:
    """Everything matching needs, in memory: one snapshot per run, picklable for workers.

    ``matrix`` is (N, 128); ``owner[i]`` is the index into ``people`` of row i.
    """

    people: tuple[Person, ...]
    matrix: np.ndarray = field(repr=False)
    owner: np.ndarray = field(repr=False)

    def __len__(self) -> int:
        return len(self.people)

    def person_distances(self, encoding: np.ndarray) -> list[tuple[Person, float]]:
        """Each person's smallest distance to ``encoding``, nearest first."""
        if not self.people or self.matrix.size == 0:
            return []
        dist = face_distance(self.matrix, encoding)
        best = np.full(len(self.people), np.inf)
        np.minimum.at(best, self.owner, dist)
        order = np.argsort(best, kind="stable")
        return [(self.people[i], float(best[i])) for i in order if np.isfinite(best[i])]


def default_gallery_path() -> Path:
    """``$XDG_DATA_HOME/mediascrub/gallery.sqlite``, XDG's default being ``~/.local/share``."""
    base = os.environ.get("XDG_DATA_HOME") or ""
    root = Path(base) if base and Path(base).is_absolute() else Path.home() / ".local" / "share"
    return root / "mediascrub" / GALLERY_FILENAME


def resolve_gallery_path(explicit: str | os.PathLike[str] | None = None) -> tuple[Path, bool]:
    """The gallery path and whether it was chosen explicitly (option/policy or environment).

    Order: ``explicit`` (``--gallery`` or ``consent.gallery``), then
    ``$MEDIASCRUB_GALLERY``, then :func:`default_gallery_path`. A caller that
    only reads the gallery should treat a missing *explicit* gallery as an
    error, and a missing default one as "no gallery: anonymise every face".
    """
    if explicit is not None and str(explicit).strip():
        return Path(explicit).expanduser(), True
    env = os.environ.get(GALLERY_ENV, "").strip()
    if env:
        return Path(env).expanduser(), True
    return default_gallery_path(), False


# ---------------------------------------------------------------- validation


def validate_name(name: str) -> str:
    """A person's name, stripped; GalleryError when empty, too long or with control characters."""
    clean = " ".join(name.split())
    if not clean:
        raise GalleryError("a person's name must not be empty")
    if len(clean) > 200:
        raise GalleryError("a person's name must be at most 200 characters")
    if _CONTROL_RE.search(clean):
        raise GalleryError("a person's name must not contain control characters")
    return clean


def normalise_purpose(purpose: str) -> str:
    """A purpose as stored: lower case; letters, digits, '-' and '_' (e.g. ``social-media``)."""
    p = purpose.strip().lower()
    if not _PURPOSE_RE.match(p):
        raise GalleryError(f"purpose {purpose!r} is not valid: use lower-case letters, digits and '-', e.g. social-media")
    return p


def _clean_text(value: str | None, what: str) -> str | None:
    if value is None:
        return None
    v = value.strip()
    if not v:
        return None
    if len(v) > 500 or _CONTROL_RE.search(v):
        raise GalleryError(f"{what} must be at most 500 characters with no control characters")
    return v


def validate_consent(c: NewConsent, today: _dt.date | None = None) -> NewConsent:
    """Check consent evidence before storing it; GalleryError says what to fix."""
    today = today or _dt.date.today()
    evidence = _clean_text(c.evidence, "the evidence reference")
    if not evidence:
        raise GalleryError("--evidence is required: the signed form's file name or document number")
    purposes = tuple(sorted({normalise_purpose(p) for p in c.purposes}))
    if not purposes:
        raise GalleryError("at least one --purpose is required (e.g. social-media)")
    if c.given > today:
        raise GalleryError(f"the consent date {c.given.isoformat()} is in the future")
    if c.expires is not None and c.expires <= c.given:
        raise GalleryError(f"the expiry date {c.expires.isoformat()} must be after the date consent was given ({c.given.isoformat()})")
    assessment = _clean_text(c.assessment, "the assessment reference")
    if c.basis is Basis.BEST_INTERESTS and not assessment:
        raise GalleryError(
            "basis best-interests needs --assessment: the reference of the best-interests assessment "
            "(a relative's signature is not consent for an adult who lacks capacity)"
        )
    if c.basis is Basis.CONSENT and assessment:
        raise GalleryError("--assessment only applies to --basis best-interests")
    return NewConsent(evidence, purposes, c.given, c.expires, c.basis, assessment)


def _now() -> str:
    return _dt.datetime.now(_dt.UTC).replace(microsecond=0).isoformat()


def _date(value: str | None) -> _dt.date | None:
    return _dt.date.fromisoformat(value) if value else None


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


# ---------------------------------------------------------------- the store


class Gallery:
    """An open consent gallery. Use :meth:`open`; close it (or use ``with``) when done.

    Writes are single transactions: a failed ``add`` stores nothing.
    """

    def __init__(self, conn: sqlite3.Connection, path: Path, readonly: bool, notes: list[str]) -> None:
        self._conn = conn
        self.path = path
        self.readonly = readonly
        self.notes = notes  # things the CLI should tell the user (e.g. permissions were tightened)
        self._index: GalleryIndex | None = None
        self._index_version = -1

    # -- opening

    @classmethod
    def open(cls, path: str | os.PathLike[str], *, create: bool = False, readonly: bool = False) -> Gallery:
        """Open (and with ``create``, create) the gallery at ``path``.

        ``readonly``: for scrubbing; the file is opened read-only and an
        outdated schema is an error rather than migrated. Raises GalleryError
        for a missing (unless ``create``), corrupt, foreign or newer gallery;
        in every such case the file is left exactly as it was.
        """
        p = Path(path).expanduser()
        notes: list[str] = []
        if not p.exists():
            if not create or readonly:
                raise GalleryError(f"no consent gallery at {p}; enrol someone with `mediascrub gallery add`, or check --gallery")
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
            cls._check_and_migrate(conn, p, readonly)
        except GalleryError:
            if conn is not None:
                conn.close()
            raise
        except sqlite3.DatabaseError as exc:
            if conn is not None:
                conn.close()
            raise GalleryError(f"the gallery {p} is damaged or unreadable ({exc}); nothing was changed") from None
        return cls(conn, p, readonly, notes)

    @staticmethod
    def _check_and_migrate(conn: sqlite3.Connection, path: Path, readonly: bool) -> None:
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
        if readonly:
            raise GalleryError(f"the gallery {path} uses an older schema ({version}); run `mediascrub gallery list` once to upgrade it")
        conn.execute("BEGIN IMMEDIATE")
        try:
            for step in range(version, SCHEMA_VERSION):
                for sql in _MIGRATIONS[step]:
                    conn.execute(sql)
            conn.execute(f"PRAGMA application_id = {APPLICATION_ID}")
            conn.execute(f"PRAGMA user_version = {SCHEMA_VERSION}")
            conn.execute("COMMIT")
        except BaseException:
            conn.execute("ROLLBACK")
            raise

    def close(self) -> None:
        self._conn.close()

    def __enter__(self) -> Gallery:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    @property
    def schema_version(self) -> int:
        return int(self._conn.execute("PRAGMA user_version").fetchone()[0])

    @contextmanager
    def _write(self) -> Iterator[sqlite3.Connection]:
        if self.readonly:
            raise GalleryError(f"the gallery {self.path} was opened read-only")
        conn = self._conn
        try:
            conn.execute("BEGIN IMMEDIATE")
            yield conn
            conn.execute("COMMIT")
        except BaseException:
            if conn.in_transaction:
                conn.execute("ROLLBACK")
            raise
        finally:
            self._index = None

    def _guard(self, what: str) -> AbstractContextManager[None]:
        return _sqlite_errors(self.path, what)

    # -- reading

    def _person_row(self, name: str) -> sqlite3.Row | tuple[Any, ...]:
        row = self._conn.execute("SELECT id, name, reference_id, created FROM people WHERE name = ?", (validate_name(name),)).fetchone()
        if row is None:
            raise GalleryError(f"no one called {name!r} is enrolled in the gallery {self.path}")
        return row

    def _records(self, person_id: int) -> tuple[ConsentRecord, ...]:
        rows = self._conn.execute(
            "SELECT id, evidence, given, expires, withdrawn, basis, assessment, recorded "
            "FROM consent_records WHERE person_id = ? ORDER BY given, id",
            (person_id,),
        ).fetchall()
        out = []
        for rid, evidence, given, expires, withdrawn, basis, assessment, recorded in rows:
            purposes = tuple(
                r[0] for r in self._conn.execute("SELECT purpose FROM consent_purposes WHERE record_id = ? ORDER BY purpose", (rid,))
            )
            out.append(
                ConsentRecord(
                    id=rid,
                    evidence=evidence,
                    given=_dt.date.fromisoformat(given),
                    purposes=purposes,
                    expires=_date(expires),
                    withdrawn=_date(withdrawn),
                    basis=Basis(basis),
                    assessment=assessment,
                    recorded=recorded,
                )
            )
        return tuple(out)

    def _person(self, row: Any) -> Person:
        pid, name, ref, created = row
        count = self._conn.execute("SELECT count(*) FROM encodings WHERE person_id = ?", (pid,)).fetchone()[0]
        return Person(pid, name, ref, created, self._records(pid), int(count))

    def people(self) -> list[Person]:
        """Everyone enrolled, by name."""
        with self._guard("read"):
            rows = self._conn.execute("SELECT id, name, reference_id, created FROM people ORDER BY name").fetchall()
            return [self._person(r) for r in rows]

    def person(self, name: str) -> Person:
        """One person by name (case-insensitive); GalleryError if unknown."""
        with self._guard("read"):
            return self._person(self._person_row(name))

    def encodings_of(self, name: str) -> np.ndarray:
        """A person's encodings as an (N, 128) array."""
        with self._guard("read"):
            pid = self._person_row(name)[0]
            rows = self._conn.execute("SELECT vector FROM encodings WHERE person_id = ? ORDER BY id", (pid,))
            vecs = [unpack(r[0]) for r in rows]
        return np.array(vecs, dtype=np.float64).reshape(-1, ENCODING_SIZE)

    def index(self) -> GalleryIndex:
        """An in-memory snapshot for matching, rebuilt whenever the file has changed.

        A long-running process (the watcher) keeps one Gallery open: a
        withdrawal or a new enrolment made meanwhile by ``mediascrub gallery``
        in another process must count from the next photo, so each call asks
        SQLite whether anyone committed since (``PRAGMA data_version``, cheap).
        """
        with self._guard("read"):
            version = int(self._conn.execute("PRAGMA data_version").fetchone()[0])
            if self._index is not None and version == self._index_version:
                return self._index
            self._conn.execute("BEGIN")  # one consistent snapshot of people and encodings
            try:
                people = self.people()
                pos = {p.id: i for i, p in enumerate(people)}
                rows = self._conn.execute("SELECT person_id, vector FROM encodings ORDER BY id").fetchall()
            finally:
                self._conn.execute("COMMIT")
            matrix = np.array([unpack(v) for _, v in rows], dtype=np.float64).reshape(-1, ENCODING_SIZE)
            owner = np.array([pos[pid] for pid, _ in rows], dtype=np.int64)
            self._index = GalleryIndex(tuple(people), matrix, owner)
            self._index_version = version
        return self._index

    def nearest_people(self, encodings: Sequence[np.ndarray], exclude: str | None = None) -> list[tuple[str, float]]:
        """For enrolment warnings: each other person's smallest distance to any of ``encodings``, nearest first."""
        idx = self.index()
        best: dict[str, float] = {}
        for enc in encodings:
            for person, d in idx.person_distances(np.asarray(enc, dtype=np.float64)):
                if exclude is not None and person.name.casefold() == exclude.casefold():
                    continue
                best[person.name] = min(d, best.get(person.name, np.inf))
        return sorted(best.items(), key=lambda kv: kv[1])

    # -- writing

    def add_person(
        self,
        name: str,
        encodings: Sequence[np.ndarray],
        consent: NewConsent,
        *,
        reference_id: str | None = None,
        sources: Sequence[EncodingSource | None] = (),
        today: _dt.date | None = None,
    ) -> Person:
        """Enrol a new person with their encodings and one consent record, all or nothing."""
        name = validate_name(name)
        consent = validate_consent(consent, today)
        ref = _clean_text(reference_id, "the reference id")
        blobs = self._blobs(encodings)
        with self._guard("write"), self._write() as conn:
            if conn.execute("SELECT 1 FROM people WHERE name = ?", (name,)).fetchone():
                raise GalleryError(f"{name!r} is already enrolled; use `gallery add {name} --existing ...` to add photos or new consent")
            pid = conn.execute("INSERT INTO people (name, reference_id, created) VALUES (?, ?, ?)", (name, ref, _now())).lastrowid
            assert pid is not None
            self._insert_consent(conn, pid, consent)
            self._insert_encodings(conn, pid, blobs, sources)
        return self.person(name)

    def add_to_person(
        self,
        name: str,
        encodings: Sequence[np.ndarray] = (),
        consent: NewConsent | None = None,
        *,
        sources: Sequence[EncodingSource | None] = (),
        today: _dt.date | None = None,
    ) -> Person:
        """Add photos' encodings and/or a new consent record to someone already enrolled."""
        if consent is not None:
            consent = validate_consent(consent, today)
        blobs = self._blobs(encodings) if encodings else []
        with self._guard("write"), self._write() as conn:
            pid = self._person_row(name)[0]
            if consent is not None:
                self._insert_consent(conn, pid, consent)
            self._insert_encodings(conn, pid, blobs, sources)
        return self.person(name)

    @staticmethod
    def _blobs(encodings: Sequence[np.ndarray]) -> list[bytes]:
        if len(encodings) == 0:
            raise GalleryError("at least one photo is needed to enrol a face")
        try:
            return [pack(np.asarray(e)) for e in encodings]
        except ValueError as exc:
            raise GalleryError(str(exc)) from None

    @staticmethod
    def _insert_consent(conn: sqlite3.Connection, pid: int, c: NewConsent) -> None:
        rid = conn.execute(
            "INSERT INTO consent_records (person_id, evidence, given, expires, basis, assessment, recorded) VALUES (?, ?, ?, ?, ?, ?, ?)",
            (
                pid,
                c.evidence,
                c.given.isoformat(),
                c.expires.isoformat() if c.expires else None,
                c.basis.value,
                c.assessment,
                _now(),
            ),
        ).lastrowid
        conn.executemany("INSERT INTO consent_purposes (record_id, purpose) VALUES (?, ?)", [(rid, p) for p in c.purposes])

    @staticmethod
    def _insert_encodings(conn: sqlite3.Connection, pid: int, blobs: list[bytes], sources: Sequence[EncodingSource | None]) -> None:
        now = _now()
        for i, blob in enumerate(blobs):
            src = sources[i] if i < len(sources) else None
            conn.execute(
                "INSERT INTO encodings (person_id, vector, source, sha256, added) VALUES (?, ?, ?, ?, ?)",
                (pid, blob, src.name if src else None, src.sha256 if src else None, now),
            )

    def withdraw(self, name: str, day: _dt.date | None = None) -> int:
        """Record withdrawal of every active consent record of ``name`` from ``day`` (default today).

        Returns how many records were withdrawn. The records and encodings stay
        (the report can then say *why* the face was anonymised); use
        :meth:`forget` to erase the person.
        """
        day = day or _dt.date.today()
        with self._guard("write"), self._write() as conn:
            pid = self._person_row(name)[0]
            active = conn.execute("SELECT id, given FROM consent_records WHERE person_id = ? AND withdrawn IS NULL", (pid,)).fetchall()
            if not active:
                raise GalleryError(f"{name!r} has no consent left to withdraw")
            for _rid, given in active:
                if day < _dt.date.fromisoformat(given):
                    raise GalleryError(f"the withdrawal date {day.isoformat()} is before consent was given ({given})")
            conn.executemany("UPDATE consent_records SET withdrawn = ? WHERE id = ?", [(day.isoformat(), rid) for rid, _ in active])
        return len(active)

    def forget(self, name: str) -> None:
        """Erase a person, their consent records and encodings, leaving none of their bytes in the file."""
        with self._guard("write"):
            with self._write() as conn:
                pid = self._person_row(name)[0]
                conn.execute("DELETE FROM people WHERE id = ?", (pid,))  # cascades to records and encodings
            self._conn.execute("VACUUM")

    def export(self, name: str) -> dict[str, Any]:
        """Everything held about one person, for a subject-access request (encodings included)."""
        with self._guard("read"):
            row = self._person_row(name)
            person = self._person(row)
            rows = self._conn.execute(
                "SELECT vector, source, sha256, added FROM encodings WHERE person_id = ? ORDER BY id", (row[0],)
            ).fetchall()
        return {
            "format": EXPORT_FORMAT,
            "version": 1,
            "exported": _now(),
            "person": {"name": person.name, "reference_id": person.reference_id, "created": person.created},
            "consent_records": [r.to_dict() for r in person.records],
            "face_encodings": [
                {
                    "added": added,
                    "photo_file_name": source,
                    "photo_sha256": sha,
                    "model": "dlib_face_recognition_resnet_model_v1 (128-d)",
                    "values": [float(x) for x in unpack(vec)],
                }
                for vec, source, sha, added in rows
            ],
            "note": "The photos themselves are never stored; only these numbers derived from them.",
        }


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


__all__ = [
    "GALLERY_ENV",
    "SCHEMA_VERSION",
    "Basis",
    "ConsentRecord",
    "NewConsent",
    "Person",
    "EncodingSource",
    "GalleryIndex",
    "Gallery",
    "default_gallery_path",
    "resolve_gallery_path",
    "validate_name",
    "normalise_purpose",
    "validate_consent",
]
