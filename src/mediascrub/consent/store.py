"""The consent gallery's interface: what it holds, its rules, and one implementation of them over SQL.

Two backends share this module:

* ``consent/sqlite.py``: one SQLite file, the embedded default (nothing to install);
* ``consent/postgres.py``: a PostgreSQL database (``--gallery postgresql://user@host/db``),
  for several sites and watchers that must all see the same consents at once.

Both hold the same tables (people, consent_records, consent_purposes,
encodings), apply the same validation, answer the same questions and keep the
same promises: every write is one transaction (a failed ``add`` stores
nothing; concurrent writers from several processes and machines are
serialised, so no withdrawal is ever lost) and records, in the same
transaction, who changed what in the register's own log (``changes``: the
command line and the desk write the same lines), ``index()`` is rebuilt as soon as
another process has committed a change (the watcher sees a withdrawal from the
next photo), ``forget`` erases a person's rows and rewrites the storage so
their bytes are gone from the database files, ``export`` returns everything
held about a person. A backend supplies only the dialect: how to connect, run
a transaction, tell whether anything changed, and erase for real.

Where the gallery is: ``--gallery`` (or ``consent.gallery`` in the policy
file), else ``$MEDIASCRUB_GALLERY``, else
``$XDG_DATA_HOME/mediascrub/gallery.sqlite``. A value starting with
``postgresql://`` or ``postgres://`` is a database URL (libpq's syntax); its
password, if any, is never shown (see :func:`mediascrub.policy.redact_url`):
prefer ``~/.pgpass`` or ``$PGPASSFILE`` to a password in the URL.
"""

from __future__ import annotations

import abc
import datetime as _dt
import enum
import hashlib
import json
import os
import re
from collections.abc import Sequence
from contextlib import AbstractContextManager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import numpy as np

from ..errors import GalleryError
from .encodings import ENCODING_SIZE, face_distance, pack, unpack

GALLERY_ENV = "MEDIASCRUB_GALLERY"
GALLERY_FILENAME = "gallery.sqlite"
SCHEMA_VERSION = 2
#: The oldest schema a reader (scrub, watch) can use as it is: version 2 only added the log of changes.
READABLE_FROM = 1
EXPORT_FORMAT = "mediascrub-gallery-export"
URL_PREFIXES = ("postgresql://", "postgres://")

_PURPOSE_RE = re.compile(r"^[a-z0-9][a-z0-9_-]{0,63}$")
_CONTROL_RE = re.compile(r"[\x00-\x1f\x7f-\x9f]")

#: Where a gallery lives: a file path (SQLite) or a database URL (PostgreSQL).
GalleryLocation = Path | str


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


class ChangeKind(enum.StrEnum):
    """What a line of the register's log records."""

    ENROL = "enrol"  # a new person, their photos' encodings and a consent record
    ADD_PHOTOS = "add-photos"  # more encodings for someone enrolled
    ADD_CONSENT = "add-consent"  # a new consent record for someone enrolled
    WITHDRAW = "withdraw"
    FORGET = "forget"  # the person's name and details are erased from earlier lines too
    COPY = "copy"  # the whole register copied in from another one


@dataclass(frozen=True)
class Actor:
    """Who made a change, and through what: ``Actor("ann", "desk")``."""

    name: str
    via: str = "command line"

    @classmethod
    def here(cls, via: str = "command line") -> Actor:
        """The person logged in to this computer."""
        import getpass

        try:
            name = getpass.getuser()
        except (KeyError, OSError):  # no login name (a container without a passwd entry)
            name = f"uid {os.getuid()}" if hasattr(os, "getuid") else "unknown"
        return cls(name, via)


@dataclass(frozen=True)
class Change:
    """One line of the register's log. ``person`` is None once that person was forgotten."""

    id: int
    at: str
    kind: ChangeKind
    person: str | None
    reference_id: str | None
    actor: str
    via: str
    detail: dict[str, Any]

    def to_dict(self) -> dict[str, Any]:
        return {"at": self.at, "change": self.kind.value, "person": self.person, "reference_id": self.reference_id,
                "by": self.actor, "via": self.via, "detail": self.detail}


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


# ---------------------------------------------------------------- where


def is_database_url(location: GalleryLocation | None) -> bool:
    """Whether ``location`` names a PostgreSQL database rather than a file."""
    return isinstance(location, str) and location.strip().lower().startswith(URL_PREFIXES)


def default_gallery_path() -> Path:
    """``$XDG_DATA_HOME/mediascrub/gallery.sqlite``, XDG's default being ``~/.local/share``."""
    base = os.environ.get("XDG_DATA_HOME") or ""
    root = Path(base) if base and Path(base).is_absolute() else Path.home() / ".local" / "share"
    return root / "mediascrub" / GALLERY_FILENAME


def resolve_gallery(explicit: str | os.PathLike[str] | None = None) -> tuple[GalleryLocation, bool]:
    """The gallery's location (a Path, or a database URL as ``str``) and whether it was chosen explicitly.

    Order: ``explicit`` (``--gallery`` or ``consent.gallery``), then
    ``$MEDIASCRUB_GALLERY``, then :func:`default_gallery_path`. A caller that
    only reads the gallery should treat a missing *explicit* gallery as an
    error, and a missing default one as "no gallery: anonymise every face".
    """
    for value, chosen in ((explicit, True), (os.environ.get(GALLERY_ENV), True)):
        if value is not None and str(value).strip():
            text = str(value).strip()
            if is_database_url(text):
                return text, chosen
            return Path(os.fspath(value)).expanduser(), chosen
    return default_gallery_path(), False


def resolve_gallery_path(explicit: str | os.PathLike[str] | None = None) -> tuple[Path, bool]:
    """Like :func:`resolve_gallery` for a gallery *file*; GalleryError when the location is a database URL."""
    location, chosen = resolve_gallery(explicit)
    if not isinstance(location, Path):
        raise GalleryError("the consent gallery is a database, not a file")
    return location, chosen


def gallery_exists(location: GalleryLocation) -> bool:
    """Whether there is something to open: a file for SQLite; a database URL always counts (the server says)."""
    return not isinstance(location, Path) or location.exists()


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


def clean_text(value: str | None, what: str) -> str | None:
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
    evidence = clean_text(c.evidence, "the evidence reference")
    if not evidence:
        raise GalleryError("--evidence is required: the signed form's file name or document number")
    purposes = tuple(sorted({normalise_purpose(p) for p in c.purposes}))
    if not purposes:
        raise GalleryError("at least one --purpose is required (e.g. social-media)")
    if c.given > today:
        raise GalleryError(f"the consent date {c.given.isoformat()} is in the future")
    if c.expires is not None and c.expires <= c.given:
        raise GalleryError(f"the expiry date {c.expires.isoformat()} must be after the date consent was given ({c.given.isoformat()})")
    assessment = clean_text(c.assessment, "the assessment reference")
    if c.basis is Basis.BEST_INTERESTS and not assessment:
        raise GalleryError(
            "basis best-interests needs --assessment: the reference of the best-interests assessment "
            "(a relative's signature is not consent for an adult who lacks capacity)"
        )
    if c.basis is Basis.CONSENT and assessment:
        raise GalleryError("--assessment only applies to --basis best-interests")
    return NewConsent(evidence, purposes, c.given, c.expires, c.basis, assessment)


def now_text() -> str:
    return _dt.datetime.now(_dt.UTC).replace(microsecond=0).isoformat()


def _date(value: str | None) -> _dt.date | None:
    return _dt.date.fromisoformat(value) if value else None


# ---------------------------------------------------------------- the interface and its SQL


class Gallery(abc.ABC):
    """An open consent gallery. Use :meth:`open`; close it (or use ``with``) when done.

    The operations are written once, here, in SQL both backends understand
    (``?`` placeholders, ``RETURNING``); a backend supplies the dialect below
    the line marked "backend". Writes are single transactions: a failed
    ``add`` stores nothing.
    """

    #: what the user sees when the gallery is named (a path, or a URL with its password hidden)
    location: str
    readonly: bool
    notes: list[str]  # things the CLI should tell the user (e.g. permissions were tightened)

    def __init__(self, location: str, readonly: bool, notes: list[str]) -> None:
        self.location = location
        self.readonly = readonly
        self.notes = notes
        self._index: GalleryIndex | None = None
        self._index_token: object = None

    # -- opening

    @staticmethod
    def open(location: GalleryLocation | os.PathLike[str], *, create: bool = False, readonly: bool = False) -> Gallery:
        """Open the gallery at ``location``: a file path (SQLite) or a ``postgresql://`` URL.

        ``create``: make the file (SQLite) or the tables (PostgreSQL, in an
        existing database) when there is none yet. ``readonly``: for
        scrubbing; nothing can be written and an outdated schema is an error
        rather than migrated. Raises GalleryError for a missing (unless
        ``create``), damaged, foreign or newer gallery; in every such case it
        is left exactly as it was.
        """
        if is_database_url(location if isinstance(location, str) else None):
            from .postgres import PostgresGallery

            return PostgresGallery.connect(str(location), create=create, readonly=readonly)
        from .sqlite import SqliteGallery

        return SqliteGallery.open_file(Path(os.fspath(location)), create=create, readonly=readonly)

    def close(self) -> None:
        self._close()

    def __enter__(self) -> Gallery:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    # -- backend: the dialect each store supplies

    @abc.abstractmethod
    def _close(self) -> None: ...

    @abc.abstractmethod
    def _exec(self, sql: str, params: Sequence[Any] = ()) -> Any:
        """Run one statement (``?`` placeholders); return a cursor with fetchone/fetchall."""

    @abc.abstractmethod
    def _write(self) -> AbstractContextManager[None]:
        """One write transaction, serialised against every other writer, rolled back on any error."""

    @abc.abstractmethod
    def _snapshot(self) -> AbstractContextManager[None]:
        """One read transaction: everything read inside sees the same committed state."""

    @abc.abstractmethod
    def _guard(self, what: str) -> AbstractContextManager[None]:
        """Turn the driver's errors during ``what`` into GalleryError naming the gallery."""

    @abc.abstractmethod
    def _change_token(self) -> object:
        """Something that differs whenever anyone (any process, any machine) has committed a change."""

    @abc.abstractmethod
    def _erase(self) -> None:
        """After deleting rows: rewrite the storage so that none of their bytes remain in it."""

    @property
    @abc.abstractmethod
    def schema_version(self) -> int: ...

    #: the SQL condition that finds a person by name, case-insensitively
    _NAME_MATCH = "name = ?"

    def stamp(self) -> str:
        """A short fingerprint of the gallery's committed state: it changes whenever anything is written."""
        with self._guard("read"):
            token = self._change_token()
        return hashlib.sha256(f"{self.location}|{token}".encode()).hexdigest()[:16]

    # -- reading

    def _person_row(self, name: str) -> Any:
        row = self._exec(
            f"SELECT id, name, reference_id, created FROM people WHERE {self._NAME_MATCH}", (validate_name(name),)
        ).fetchone()
        if row is None:
            raise GalleryError(f"no one called {name!r} is enrolled in the gallery {self.location}")
        return row

    def _records(self, person_id: int) -> tuple[ConsentRecord, ...]:
        rows = self._exec(
            "SELECT id, evidence, given, expires, withdrawn, basis, assessment, recorded "
            "FROM consent_records WHERE person_id = ? ORDER BY given, id",
            (person_id,),
        ).fetchall()
        out = []
        for rid, evidence, given, expires, withdrawn, basis, assessment, recorded in rows:
            purposes = tuple(
                r[0] for r in self._exec("SELECT purpose FROM consent_purposes WHERE record_id = ? ORDER BY purpose", (rid,)).fetchall()
            )
            out.append(
                ConsentRecord(
                    id=int(rid),
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
        count = self._exec("SELECT count(*) FROM encodings WHERE person_id = ?", (pid,)).fetchone()[0]
        return Person(int(pid), name, ref, created, self._records(pid), int(count))

    def _people(self) -> list[Person]:
        rows = self._exec("SELECT id, name, reference_id, created FROM people ORDER BY lower(name), name").fetchall()
        return [self._person(r) for r in rows]

    def people(self) -> list[Person]:
        """Everyone enrolled, by name."""
        with self._guard("read"), self._snapshot():
            return self._people()

    def person(self, name: str) -> Person:
        """One person by name (case-insensitive); GalleryError if unknown."""
        with self._guard("read"), self._snapshot():
            return self._person(self._person_row(name))

    def changes(self, *, limit: int = 500) -> list[Change]:
        """The register's log, newest first: who enrolled, added, withdrew, forgot whom, when (never encodings)."""
        with self._guard("read"), self._snapshot():
            return self._changes_of(None, limit)

    def _changes_of(self, pid: int | None, limit: int = 10_000) -> list[Change]:
        if self.schema_version < 2:  # a register not yet upgraded (opened read-only) has no log yet
            return []
        where = "" if pid is None else "WHERE person_id = ? "
        rows = self._exec(
            f"SELECT id, at, kind, person, reference_id, actor, via, detail FROM changes {where}ORDER BY id DESC LIMIT ?",
            ((pid,) if pid is not None else ()) + (int(limit),),
        ).fetchall()
        out = []
        for cid, at, kind, person, ref, actor, via, detail in rows:
            try:
                parsed = json.loads(detail) if detail else {}
            except ValueError:
                parsed = {}
            out.append(Change(int(cid), at, ChangeKind(kind), person, ref, actor, via, parsed if isinstance(parsed, dict) else {}))
        return out

    def encodings_of(self, name: str) -> np.ndarray:
        """A person's encodings as an (N, 128) array."""
        with self._guard("read"), self._snapshot():
            pid = self._person_row(name)[0]
            rows = self._exec("SELECT vector FROM encodings WHERE person_id = ? ORDER BY id", (pid,)).fetchall()
            vecs = [unpack(bytes(r[0])) for r in rows]
        return np.array(vecs, dtype=np.float64).reshape(-1, ENCODING_SIZE)

    def index(self) -> GalleryIndex:
        """An in-memory snapshot for matching, rebuilt whenever the gallery has changed.

        A long-running process (the watcher) keeps one Gallery open: a
        withdrawal or a new enrolment made meanwhile by ``mediascrub gallery``
        in another process (on another machine, for PostgreSQL) must count
        from the next photo, so each call asks the store whether anyone
        committed since (cheap: one small query).
        """
        with self._guard("read"):
            token = self._change_token()
            if self._index is not None and token == self._index_token:
                return self._index
            with self._snapshot():  # one consistent snapshot of people and encodings
                token = self._change_token()
                people = self._people()
                pos = {p.id: i for i, p in enumerate(people)}
                rows = self._exec("SELECT person_id, vector FROM encodings ORDER BY id").fetchall()
            matrix = np.array([unpack(bytes(v)) for _, v in rows], dtype=np.float64).reshape(-1, ENCODING_SIZE)
            owner = np.array([pos[int(pid)] for pid, _ in rows], dtype=np.int64)
            self._index = GalleryIndex(tuple(people), matrix, owner)
            self._index_token = token
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

    def _check_writable(self) -> None:
        if self.readonly:
            raise GalleryError(f"the gallery {self.location} was opened read-only")

    def add_person(
        self,
        name: str,
        encodings: Sequence[np.ndarray],
        consent: NewConsent,
        *,
        reference_id: str | None = None,
        sources: Sequence[EncodingSource | None] = (),
        today: _dt.date | None = None,
        actor: Actor | None = None,
    ) -> Person:
        """Enrol a new person with their encodings and one consent record, all or nothing (and logged)."""
        name = validate_name(name)
        consent = validate_consent(consent, today)
        ref = clean_text(reference_id, "the reference id")
        blobs = self._blobs(encodings)
        self._check_writable()
        with self._guard("write"), self._write():
            if self._exec(f"SELECT 1 FROM people WHERE {self._NAME_MATCH}", (name,)).fetchone():
                raise GalleryError(f"{name!r} is already enrolled; use `gallery add {name} --existing ...` to add photos or new consent")
            pid = self._exec(
                "INSERT INTO people (name, reference_id, created) VALUES (?, ?, ?) RETURNING id", (name, ref, now_text())
            ).fetchone()[0]
            self._insert_consent(pid, consent)
            self._insert_encodings(pid, blobs, sources)
            self._log(ChangeKind.ENROL, actor, pid, name, ref, {**_consent_detail(consent), **_photos_detail(sources, len(blobs))})
        self._index = None
        return self.person(name)

    def add_to_person(
        self,
        name: str,
        encodings: Sequence[np.ndarray] = (),
        consent: NewConsent | None = None,
        *,
        sources: Sequence[EncodingSource | None] = (),
        today: _dt.date | None = None,
        actor: Actor | None = None,
    ) -> Person:
        """Add photos' encodings and/or a new consent record to someone already enrolled (each logged)."""
        if consent is not None:
            consent = validate_consent(consent, today)
        blobs = self._blobs(encodings) if encodings else []
        if consent is None and not blobs:
            raise GalleryError("nothing to add: give photos, a new consent record, or both")
        self._check_writable()
        with self._guard("write"), self._write():
            pid, real_name, ref, _ = self._person_row(name)
            if consent is not None:
                self._insert_consent(pid, consent)
                self._log(ChangeKind.ADD_CONSENT, actor, pid, real_name, ref, _consent_detail(consent))
            self._insert_encodings(pid, blobs, sources)
            if blobs:
                self._log(ChangeKind.ADD_PHOTOS, actor, pid, real_name, ref, _photos_detail(sources, len(blobs)))
        self._index = None
        return self.person(name)

    @staticmethod
    def _blobs(encodings: Sequence[np.ndarray]) -> list[bytes]:
        if len(encodings) == 0:
            raise GalleryError("at least one photo is needed to enrol a face")
        try:
            return [pack(np.asarray(e)) for e in encodings]
        except ValueError as exc:
            raise GalleryError(str(exc)) from None

    def _insert_consent(self, pid: int, c: NewConsent) -> None:
        rid = self._exec(
            "INSERT INTO consent_records (person_id, evidence, given, expires, basis, assessment, recorded) "
            "VALUES (?, ?, ?, ?, ?, ?, ?) RETURNING id",
            (pid, c.evidence, c.given.isoformat(), c.expires.isoformat() if c.expires else None, c.basis.value, c.assessment, now_text()),
        ).fetchone()[0]
        for p in c.purposes:
            self._exec("INSERT INTO consent_purposes (record_id, purpose) VALUES (?, ?)", (rid, p))

    def _insert_encodings(self, pid: int, blobs: list[bytes], sources: Sequence[EncodingSource | None]) -> None:
        now = now_text()
        for i, blob in enumerate(blobs):
            src = sources[i] if i < len(sources) else None
            self._exec(
                "INSERT INTO encodings (person_id, vector, source, sha256, added) VALUES (?, ?, ?, ?, ?)",
                (pid, blob, src.name if src else None, src.sha256 if src else None, now),
            )

    def _log(self, kind: ChangeKind, actor: Actor | None, pid: int | None, name: str | None, ref: str | None,
             detail: dict[str, Any] | None = None) -> None:
        """One line of the register's log, in the caller's write transaction."""
        who = actor or Actor.here()
        self._exec(
            "INSERT INTO changes (at, kind, person_id, person, reference_id, actor, via, detail) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
            (now_text(), kind.value, pid, name, ref, clean_text(who.name, "the name of who made the change") or "unknown",
             clean_text(who.via, "where the change was made") or "", json.dumps(detail or {}, sort_keys=True)),
        )

    def withdraw(self, name: str, day: _dt.date | None = None, *, actor: Actor | None = None) -> int:
        """Record withdrawal of every active consent record of ``name`` from ``day`` (default today).

        Returns how many records were withdrawn. The records and encodings stay
        (the report can then say *why* the face was anonymised); use
        :meth:`forget` to erase the person. Two withdrawals at once: one
        withdraws, the other finds nothing left to withdraw.
        """
        day = day or _dt.date.today()
        self._check_writable()
        with self._guard("write"), self._write():
            pid, real_name, ref, _ = self._person_row(name)
            active = self._exec(
                "SELECT id, given FROM consent_records WHERE person_id = ? AND withdrawn IS NULL ORDER BY id", (pid,)
            ).fetchall()
            if not active:
                raise GalleryError(f"{name!r} has no consent left to withdraw")
            for _rid, given in active:
                if day < _dt.date.fromisoformat(given):
                    raise GalleryError(f"the withdrawal date {day.isoformat()} is before consent was given ({given})")
            for rid, _given in active:
                self._exec("UPDATE consent_records SET withdrawn = ? WHERE id = ? AND withdrawn IS NULL", (day.isoformat(), rid))
            self._log(ChangeKind.WITHDRAW, actor, pid, real_name, ref, {"from": day.isoformat(), "records": len(active)})
        self._index = None
        return len(active)

    def forget(self, name: str, *, actor: Actor | None = None) -> None:
        """Erase a person, their consent records and encodings, leaving none of their bytes in the database.

        The log keeps that someone was forgotten, when and by whom, but not who: earlier lines about them
        lose their name, reference id and details too. (To forget them again after restoring a backup,
        keep a list of forgotten reference ids outside the register.)
        """
        self._check_writable()
        with self._guard("write"):
            with self._write():
                pid = self._person_row(name)[0]
                records = self._exec("SELECT count(*) FROM consent_records WHERE person_id = ?", (pid,)).fetchone()[0]
                count = self._exec("SELECT count(*) FROM encodings WHERE person_id = ?", (pid,)).fetchone()[0]
                self._exec("DELETE FROM people WHERE id = ?", (pid,))  # cascades to records, purposes and encodings
                self._exec("UPDATE changes SET person = NULL, reference_id = NULL, detail = NULL WHERE person_id = ?", (pid,))
                self._log(ChangeKind.FORGET, actor, pid, None, None, {"records": int(records), "encodings": int(count)})
            self._index = None
            self._erase()

    def copy_from(self, source: Gallery, *, actor: Actor | None = None) -> tuple[int, int, int]:
        """Copy everyone in ``source`` (records, purposes, encodings, time stamps) into this gallery, which must be empty.

        One transaction: all or nothing. Returns (people, consent records, encodings) copied. For moving
        a SQLite file to PostgreSQL; the source is only read.
        """
        self._check_writable()
        with source._guard("read"), source._snapshot():
            people = source._people()
            query = "SELECT vector, source, sha256, added FROM encodings WHERE person_id = ? ORDER BY id"
            vectors = {p.id: source._exec(query, (p.id,)).fetchall() for p in people}
            log = source._exec(
                "SELECT at, kind, person_id, person, reference_id, actor, via, detail FROM changes ORDER BY id"
            ).fetchall() if source.schema_version >= 2 else []
        new_ids: dict[int, int] = {}
        records = encodings = 0
        with self._guard("write"), self._write():
            if self._exec("SELECT count(*) FROM people").fetchone()[0]:
                raise GalleryError(f"the gallery {self.location} already holds people; copy into a new, empty gallery")
            for p in people:
                pid = self._exec(
                    "INSERT INTO people (name, reference_id, created) VALUES (?, ?, ?) RETURNING id", (p.name, p.reference_id, p.created)
                ).fetchone()[0]
                new_ids[p.id] = int(pid)
                for r in p.records:
                    rid = self._exec(
                        "INSERT INTO consent_records (person_id, evidence, given, expires, withdrawn, basis, assessment, recorded) "
                        "VALUES (?, ?, ?, ?, ?, ?, ?, ?) RETURNING id",
                        (pid, r.evidence, r.given.isoformat(), r.expires.isoformat() if r.expires else None,
                         r.withdrawn.isoformat() if r.withdrawn else None, r.basis.value, r.assessment, r.recorded),
                    ).fetchone()[0]
                    for purpose in r.purposes:
                        self._exec("INSERT INTO consent_purposes (record_id, purpose) VALUES (?, ?)", (rid, purpose))
                    records += 1
                for vec, src, sha, added in vectors[p.id]:
                    self._exec(
                        "INSERT INTO encodings (person_id, vector, source, sha256, added) VALUES (?, ?, ?, ?, ?)",
                        (pid, bytes(vec), src, sha, added),
                    )
                    encodings += 1
            for at, kind, old_pid, person, ref, who, via, detail in log:  # forgotten people's lines keep no id
                self._exec(
                    "INSERT INTO changes (at, kind, person_id, person, reference_id, actor, via, detail) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
                    (at, kind, new_ids.get(int(old_pid)) if old_pid is not None else None, person, ref, who, via, detail),
                )
            self._log(ChangeKind.COPY, actor, None, None, None, {"from": source.location, "people": len(people)})
        self._index = None
        return len(people), records, encodings

    def export(self, name: str) -> dict[str, Any]:
        """Everything held about one person, for a subject-access request (encodings included)."""
        with self._guard("read"), self._snapshot():
            row = self._person_row(name)
            person = self._person(row)
            rows = self._exec("SELECT vector, source, sha256, added FROM encodings WHERE person_id = ? ORDER BY id", (row[0],)).fetchall()
            log = [c.to_dict() for c in self._changes_of(int(row[0]))]
        return {
            "format": EXPORT_FORMAT,
            "version": 1,
            "exported": now_text(),
            "person": {"name": person.name, "reference_id": person.reference_id, "created": person.created},
            "consent_records": [r.to_dict() for r in person.records],
            "face_encodings": [
                {
                    "added": added,
                    "photo_file_name": source,
                    "photo_sha256": sha,
                    "model": "dlib_face_recognition_resnet_model_v1 (128-d)",
                    "values": [float(x) for x in unpack(bytes(vec))],
                }
                for vec, source, sha, added in rows
            ],
            "register_log": log,
            "note": "The photos themselves are never stored; only these numbers derived from them.",
        }


def _consent_detail(c: NewConsent) -> dict[str, Any]:
    return {"evidence": c.evidence, "purposes": list(c.purposes), "given": c.given.isoformat(),
            "expires": c.expires.isoformat() if c.expires else None, "basis": c.basis.value,
            **({"assessment": c.assessment} if c.assessment else {})}


def _photos_detail(sources: Sequence[EncodingSource | None], count: int) -> dict[str, Any]:
    """How many encodings, and which photos by SHA-256 (an auditor can match a photo; its name is not kept here)."""
    return {"encodings": count, "photos_sha256": [s.sha256 for s in sources if s is not None]}


__all__ = [
    "GALLERY_ENV",
    "SCHEMA_VERSION",
    "READABLE_FROM",
    "EXPORT_FORMAT",
    "Actor",
    "Basis",
    "Change",
    "ChangeKind",
    "ConsentRecord",
    "NewConsent",
    "Person",
    "EncodingSource",
    "GalleryIndex",
    "Gallery",
    "GalleryLocation",
    "is_database_url",
    "default_gallery_path",
    "resolve_gallery",
    "resolve_gallery_path",
    "gallery_exists",
    "validate_name",
    "normalise_purpose",
    "validate_consent",
]
