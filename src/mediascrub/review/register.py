"""The desk's consent register: the same operations, rules and log as ``mediascrub gallery ...``.

Every operation opens the gallery for itself (a SQLite connection belongs to one thread; a PostgreSQL
register is shared with other sites) and goes through the same functions as the command line:
:mod:`mediascrub.enrolment` for enrolment and added photos, :class:`~mediascrub.consent.store.Gallery`
for withdrawal and forgetting, each change written to the register's own log with who made it.

Enrolment photos arrive as bytes and stay in memory: once their encodings are made they are dropped,
unless the desk was started with a folder to keep them in (``--keep-enrolment-photos``), where they
are written readable by their owner only (folder 0700, files 0600).
"""

from __future__ import annotations

import datetime as _dt
import hashlib
import os
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from ..consent.store import Actor, Basis, Change, Gallery, GalleryLocation, Person, gallery_exists, validate_name
from ..enrolment import Enrolment, EnrolmentPhoto, consent_from, enrolment_encodings, store_enrolment
from ..errors import ConfigError, GalleryError, UsageError
from ..policy import Policy
from .desk_words import person_in_words

MAX_ENROL_PHOTOS = 10


@dataclass
class Register:
    """The consent register behind the desk's page."""

    location: GalleryLocation
    policy: Policy
    keep_photos: Path | None = None  # where enrolment photos are kept; None: never kept

    def _open(self, *, create: bool = False) -> Gallery:
        return Gallery.open(self.location, create=create)

    def exists(self) -> bool:
        return gallery_exists(self.location)

    def people(self, today: _dt.date | None = None) -> list[dict[str, Any]]:
        """Everyone enrolled, with their consent in words (never their encodings)."""
        if not self.exists():
            return []
        today = today or _dt.date.today()
        with self._open() as g:
            return [person_in_words(p, today) for p in g.people()]

    def changes(self, limit: int = 50) -> list[Change]:
        if not self.exists():
            return []
        with self._open() as g:
            return g.changes(limit=limit)

    def enrol(
        self, name: str, photos: Sequence[EnrolmentPhoto], *, evidence: str, purposes: Sequence[str], actor: Actor,
        expires: _dt.date | None = None, given: _dt.date | None = None, basis: Basis = Basis.CONSENT,
        assessment: str | None = None, reference_id: str | None = None,
    ) -> Enrolment:
        """Enrol a new person from photos with one consent record. Nothing is stored on any error."""
        name = _name(name)
        consent = consent_from(evidence, list(purposes), given=given, expires=expires, basis=basis, assessment=assessment)
        encodings, sources = enrolment_encodings(_photos(photos), self.policy)
        self._can_keep()
        with self._open(create=True) as g:
            done = store_enrolment(g, name, encodings, sources, consent, reference_id=reference_id, actor=actor)
        self._keep(done.person, photos)
        return done

    def add_photos(self, name: str, photos: Sequence[EnrolmentPhoto], *, actor: Actor) -> Enrolment:
        """More photos of someone enrolled (they must look like that person)."""
        encodings, sources = enrolment_encodings(_photos(photos), self.policy)
        self._can_keep()
        with self._open() as g:
            done = store_enrolment(g, name, encodings, sources, None, existing=True, actor=actor)
        self._keep(done.person, photos)
        return done

    def withdraw(self, name: str, *, actor: Actor, day: _dt.date | None = None) -> int:
        with self._open() as g:
            return g.withdraw(name, day or _dt.date.today(), actor=actor)

    def forget(self, name: str, *, actor: Actor) -> list[str]:
        """Erase the person; returns the store's notes (e.g. rows still held by a transaction elsewhere)."""
        with self._open() as g:
            person = g.person(name)
            g.forget(person.name, actor=actor)
            notes = list(g.notes)
        self._forget_kept(person)
        return notes

    # -- enrolment photos kept only when the desk was told to keep them

    def _folder_of(self, person: Person) -> Path | None:
        if self.keep_photos is None:
            return None
        return self.keep_photos / f"person-{person.id}"

    def _can_keep(self) -> None:
        """Before anything is stored: the folder for kept enrolment photos can be written (else ConfigError),
        so that a folder the desk cannot write does not fail the enrolment after the person was stored."""
        if self.keep_photos is None:
            return
        try:
            self.keep_photos.mkdir(parents=True, exist_ok=True, mode=0o700)
        except OSError as exc:
            raise ConfigError(f"cannot keep enrolment photos in {self.keep_photos} ({exc.strerror}); nothing was stored") from None
        if not os.access(self.keep_photos, os.W_OK | os.X_OK):
            raise ConfigError(f"cannot keep enrolment photos in {self.keep_photos} (not writable); nothing was stored")

    def _keep(self, person: Person, photos: Sequence[EnrolmentPhoto]) -> None:
        folder = self._folder_of(person)
        if folder is None:
            return
        from ..media.image import atomic_write

        folder.mkdir(parents=True, exist_ok=True, mode=0o700)
        os.chmod(self.keep_photos, 0o700)  # type: ignore[arg-type]
        os.chmod(folder, 0o700)
        for photo in photos:
            sha = hashlib.sha256(photo.data).hexdigest()[:16]
            atomic_write(folder / f"{sha}{Path(photo.name).suffix.lower()[:8]}", photo.data, mode=0o600)

    def _forget_kept(self, person: Person) -> None:
        folder = self._folder_of(person)
        if folder is None or not folder.is_dir() or folder.is_symlink():
            return
        for f in folder.iterdir():
            if f.is_file() and not f.is_symlink():
                f.unlink()
        folder.rmdir()


def _name(name: str) -> str:
    try:
        return validate_name(name)
    except GalleryError as exc:
        raise UsageError(str(exc)) from None


def _photos(photos: Sequence[EnrolmentPhoto]) -> Sequence[EnrolmentPhoto]:
    if not photos:
        raise UsageError("add at least one photo of the person's face (two or three different photos match best)")
    if len(photos) > MAX_ENROL_PHOTOS:
        raise UsageError(f"at most {MAX_ENROL_PHOTOS} photos at a time")
    return photos


__all__ = ["Register", "MAX_ENROL_PHOTOS"]
