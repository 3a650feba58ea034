"""Enrolling a person from photos: the rules ``mediascrub gallery add`` and the desk's consent register share.

One photo gives one encoding: the photo must show exactly one clear face (or the caller says which),
and all the photos of one enrolment must look like the same person. Adding photos to someone already
enrolled needs them to look like that person. The photos themselves are never stored: only the
encodings, with each photo's file name (no folders) and SHA-256 so an auditor can tell which was used.
After storing, :func:`store_enrolment` returns warnings for people already enrolled whose faces are
close to the new ones (either may then be left anonymised as ambiguous).

Errors: a photo that cannot be used is the caller's mistake (``UsageError``: the command line exits
with 2); photos of different people, or a gallery that refuses, are ``GalleryError``. Nothing is
stored on any error.
"""

from __future__ import annotations

import datetime as _dt
import itertools
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import numpy as np

from .consent.store import Actor, Basis, EncodingSource, Gallery, NewConsent, Person, validate_consent
from .errors import GalleryError, MediascrubError, UsageError
from .policy import Policy
from .report import safe_name

#: Two enrolment photos further apart than this are not the same person
#: (face_recognition's usual "same person" limit; genuine pairs in the
#: benchmark were at most 0.53 apart).
SAME_PERSON_LIMIT = 0.6
#: Warn when a new person's face is this close to someone already enrolled:
#: the matcher will then often call either of them ``ambiguous`` (blurred).
NEAR_WARNING = 0.6


@dataclass(frozen=True)
class EnrolmentPhoto:
    """A photo to take one encoding from: its file name (for the audit; folders are dropped) and bytes."""

    name: str
    data: bytes

    @classmethod
    def read(cls, path: Path, policy: Policy) -> EnrolmentPhoto:
        from .media.image import read_input

        try:
            return cls(Path(path).name, read_input(Path(path), policy.output))
        except MediascrubError as exc:  # a photo that cannot be used is a mistake in the command (exit 2)
            raise UsageError(f"photo {safe_name(path)}: {exc}; nothing was stored") from None


@dataclass
class Enrolment:
    """What :func:`store_enrolment` did."""

    person: Person
    new_encodings: int
    consent: NewConsent | None
    warnings: list[str] = field(default_factory=list)


def consent_from(
    evidence: str | None, purposes: Sequence[str], *, given: _dt.date | None = None, expires: _dt.date | None = None,
    basis: Basis = Basis.CONSENT, assessment: str | None = None, today: _dt.date | None = None,
) -> NewConsent:
    """A consent record to store, validated (``UsageError`` saying what to fix)."""
    today = today or _dt.date.today()
    if evidence is None or not evidence.strip():
        raise UsageError("--evidence is required: the signed form's file name or document number")
    if not purposes:
        raise UsageError("at least one --purpose is required (e.g. --purpose social-media)")
    try:
        return validate_consent(NewConsent(evidence, tuple(purposes), given or today, expires, basis, assessment), today)
    except GalleryError as exc:  # a date in the future, an expiry before the consent, a bad purpose
        raise UsageError(str(exc)) from None


def _describe_faces(faces: Sequence[Any]) -> str:
    return ", ".join(
        f"{i}: {int(f.box.width)}x{int(f.box.height)} px at ({int(f.box.x0)}, {int(f.box.y0)})" for i, f in enumerate(faces, start=1)
    )


def enrolment_encodings(
    photos: Sequence[EnrolmentPhoto], policy: Policy, *, face: int | None = None,
) -> tuple[list[np.ndarray], list[EncodingSource]]:
    """One encoding per photo, checked: exactly one clear face (or the ``face``-th, 1 the largest), all the same person."""
    from .media.image import load_image
    from .stages.consent import enrolment_faces

    encodings: list[np.ndarray] = []
    sources: list[EncodingSource] = []
    for photo in photos:
        name = safe_name(photo.name)
        try:
            loaded = load_image(Path(photo.name), policy.output, data=photo.data)  # upright: EXIF orientation applied
        except MediascrubError as exc:
            raise UsageError(f"photo {name}: {exc}; nothing was stored") from None
        faces = enrolment_faces(loaded.frames[0], policy)
        if not faces:
            raise UsageError(
                f"no clear face found in {name} (the face must be at least {policy.consent.min_face_size} px, "
                "sharp and facing the camera); nothing was stored"
            )
        if face is None:
            if len(faces) > 1:
                raise UsageError(
                    f"{name} shows {len(faces)} faces ({_describe_faces(faces)}); choose one with --face N "
                    "(1 is the largest) or use a photo of the person alone; nothing was stored"
                )
            chosen = faces[0]
        else:
            if not 1 <= face <= len(faces):
                raise UsageError(f"--face {face}: {name} has {len(faces)} clear face(s) ({_describe_faces(faces)}); nothing was stored")
            chosen = faces[face - 1]
        encodings.append(chosen.encoding)
        sources.append(EncodingSource.of_file(Path(photo.name), photo.data))
    for (i, a), (j, b) in itertools.combinations(enumerate(encodings), 2):
        d = float(np.linalg.norm(a - b))
        if d > SAME_PERSON_LIMIT:
            raise GalleryError(
                f"the faces in {safe_name(photos[i].name)} and {safe_name(photos[j].name)} do not look like the same person "
                f"(distance {d:.2f}, limit {SAME_PERSON_LIMIT}); nothing was stored"
            )
    return encodings, sources


def store_enrolment(
    g: Gallery, name: str, encodings: Sequence[np.ndarray], sources: Sequence[EncodingSource], consent: NewConsent | None, *,
    existing: bool = False, reference_id: str | None = None, today: _dt.date | None = None, actor: Actor | None = None,
) -> Enrolment:
    """Store a new person (``existing`` False: ``consent`` required) or add encodings and/or consent to one enrolled."""
    today = today or _dt.date.today()
    if existing:
        if encodings:
            own = g.encodings_of(name)
            d = min(float(np.min(np.linalg.norm(own - e[None, :], axis=1))) for e in encodings) if own.size else 0.0
            if own.size and d > SAME_PERSON_LIMIT:
                raise GalleryError(f"the new photos do not look like the {name!r} already enrolled (distance {d:.2f}); nothing was stored")
        person = g.add_to_person(name, encodings, consent, sources=sources, today=today, actor=actor)
    else:
        if consent is None:
            raise UsageError("a new person needs a consent record: the form's reference and at least one purpose")
        person = g.add_person(name, encodings, consent, reference_id=reference_id, sources=sources, today=today, actor=actor)
    warnings = []
    if encodings:
        for other, dist in g.nearest_people(encodings, exclude=person.name):
            if dist >= NEAR_WARNING:
                break
            warnings.append(
                f"{safe_name(person.name)}'s face is close to {safe_name(other)}'s (distance {dist:.2f}); "
                "faces of either may be left anonymised as ambiguous. Check that they are different people."
            )
    return Enrolment(person, len(encodings), consent, warnings)


__all__ = [
    "SAME_PERSON_LIMIT", "NEAR_WARNING", "EnrolmentPhoto", "Enrolment", "consent_from", "enrolment_encodings", "store_enrolment",
]
