"""Consent matching: leave a face visible only when it is confidently one
specific enrolled person whose consent covers this purpose today.

The rule, for each face the faces stage marked ANONYMISED (REVIEW faces stay
REVIEW: the file goes to a person anyway):

1. The detector was sure of it (score at least ``consent.min_score``), else
   ``uncertain-face``; its box (longer side) is at least
   ``consent.min_face_size`` px, else ``too-small``; it is sharp enough
   (``consent.min_sharpness``), else ``too-blurred``: such faces encode
   unreliably.
2. Its 128-d encoding's nearest enrolled person (smallest distance over that
   person's encodings) is within ``consent.tolerance``, else ``no-match``.
3. The second-nearest person is at least ``consent.margin`` further away, else
   ``ambiguous``. No other face in the same frame is identified as the same
   person, else all of those faces are ``ambiguous`` (one of them is wrong).
4. That person has a consent record, not withdrawn and not expired on the
   processing date, that lists the purpose (``consent.purpose``); else
   ``consent-withdrawn``, ``consent-expired``, ``consent-not-yet-valid`` or
   ``purpose-not-covered``.

Only then is the finding VISIBLE, and its ``detail`` names the person and the
consent record relied on (evidence, purpose, dates, basis): the JSON report is
the audit trail. Faces anonymised for a consent reason (steps 4) name the
person too, so the agency can see whose consent needs renewing; faces that
were not identified (steps 1-3) name no one. Encodings never leave this module.

A wrongly visible face is the worst failure the product can have; a consented
face that is blurred is an inconvenience. Every threshold errs that way.
"""

from __future__ import annotations

import dataclasses
import datetime as _dt
import enum
from collections import Counter
from typing import Any

import cv2
import numpy as np

from ..consent.encodings import encode_face, to_dlib_box
from ..consent.gallery import ConsentRecord, Gallery, GalleryIndex, Person
from ..findings import Action, Box, Finding, Kind
from ..policy import ConsentPolicy, Policy
from . import StageContext


class ConsentReason(enum.StrEnum):
    """Why a face was left visible or anonymised by the consent stage."""

    CONSENTED = "consent"  # visible
    UNCERTAIN_FACE = "uncertain-face"
    TOO_SMALL = "too-small"
    TOO_BLURRED = "too-blurred"
    NO_MATCH = "no-match"
    AMBIGUOUS = "ambiguous"
    EXPIRED = "consent-expired"
    WITHDRAWN = "consent-withdrawn"
    NOT_YET_VALID = "consent-not-yet-valid"
    PURPOSE_NOT_COVERED = "purpose-not-covered"
    NOT_ENCODABLE = "not-encodable"
    MAYBE_CONSENTED = "uncertain face that may be a consented person"  # review


@dataclasses.dataclass(frozen=True)
class MatchDecision:
    """The outcome for one face. ``person`` is set when the face was identified."""

    reason: ConsentReason
    person: Person | None = None
    record: ConsentRecord | None = None
    distance: float | None = None
    second_distance: float | None = None

    @property
    def visible(self) -> bool:
        return self.reason is ConsentReason.CONSENTED


def record_covers(record: ConsentRecord, purpose: str, day: _dt.date) -> ConsentReason:
    """Whether ``record`` covers ``purpose`` on ``day``.

    ``expires`` and ``withdrawn`` are the first days the record no longer
    covers; ``given`` is the first day it does.
    """
    if purpose not in record.purposes:
        return ConsentReason.PURPOSE_NOT_COVERED
    if record.withdrawn is not None and day >= record.withdrawn:
        return ConsentReason.WITHDRAWN
    if record.expires is not None and day >= record.expires:
        return ConsentReason.EXPIRED
    if day < record.given:
        return ConsentReason.NOT_YET_VALID
    return ConsentReason.CONSENTED


def check_consent(records: tuple[ConsentRecord, ...], purpose: str, day: _dt.date) -> tuple[ConsentRecord | None, ConsentReason]:
    """The record that covers ``purpose`` on ``day`` (most recently given first), or why none does.

    With no covering record the reason is the most telling one: withdrawal
    (of every record, or of one for this purpose), then expiry, then a record
    not yet in force, then the purpose not being covered at all.
    """
    purpose = purpose.strip().lower()
    outcomes = [(r, record_covers(r, purpose, day)) for r in records]
    valid = [r for r, why in outcomes if why is ConsentReason.CONSENTED]
    if valid:
        return max(valid, key=lambda r: (r.given, r.id)), ConsentReason.CONSENTED
    if records and all(r.withdrawn is not None and day >= r.withdrawn for r in records):
        return None, ConsentReason.WITHDRAWN
    found = {why for _, why in outcomes}
    for why in (ConsentReason.WITHDRAWN, ConsentReason.EXPIRED, ConsentReason.NOT_YET_VALID):
        if why in found:
            return None, why
    return None, ConsentReason.PURPOSE_NOT_COVERED


def decide_match(distances: list[tuple[Person, float]], policy: ConsentPolicy, day: _dt.date) -> MatchDecision:
    """Apply the matching rule to one face's per-person distances (nearest first).

    ``policy.tolerance``: largest distance accepted as the same person (lower
    is stricter). ``policy.margin``: how much nearer than the runner-up the
    nearest person must be (higher is stricter).
    """
    if not distances:
        return MatchDecision(ConsentReason.NO_MATCH)
    person, d1 = distances[0]
    d2 = distances[1][1] if len(distances) > 1 else None
    if d1 > policy.tolerance:
        return MatchDecision(ConsentReason.NO_MATCH, distance=d1, second_distance=d2)
    if d2 is not None and d2 - d1 < policy.margin:
        return MatchDecision(ConsentReason.AMBIGUOUS, distance=d1, second_distance=d2)
    record, why = check_consent(person.records, policy.purpose, day)
    return MatchDecision(why, person=person, record=record, distance=d1, second_distance=d2)


def face_sharpness(rgb: np.ndarray, box: Box) -> float:
    """Variance of the Laplacian of the grey face crop (resized to 96 x 96) over its variance.

    Scale- and contrast-independent: about 0.06-0.6 for sharp faces, below
    0.02 once blurred by a Gaussian of 2% of the face size. The crop is the
    box the encoder uses (:func:`to_dlib_box`), so hair and background count
    little.
    """
    h, w = rgb.shape[:2]
    x0, y0, x1, y1 = to_dlib_box(box).clipped(w, h).int_bounds()
    if x1 - x0 < 2 or y1 - y0 < 2:
        return 0.0
    grey = cv2.cvtColor(np.ascontiguousarray(rgb[y0:y1, x0:x1]), cv2.COLOR_RGB2GRAY)
    grey = cv2.resize(grey, (96, 96), interpolation=cv2.INTER_AREA).astype(np.float32)
    return float(cv2.Laplacian(grey, cv2.CV_32F).var() / max(float(grey.var()), 1.0))


def _index_of(gallery: Any) -> GalleryIndex:
    if isinstance(gallery, GalleryIndex):
        return gallery
    if isinstance(gallery, Gallery):
        return gallery.index()
    raise TypeError("StageContext.gallery must be a mediascrub.consent.gallery.Gallery or GalleryIndex")


def _detail(old: dict[str, Any], d: MatchDecision, purpose: str) -> dict[str, Any]:
    """The audit facts for one face (JSON-safe; names only when identified, never encodings)."""
    detail = dict(old)
    match: dict[str, Any] = {}
    if d.distance is not None:
        match["distance"] = round(d.distance, 3)
    if d.second_distance is not None:
        match["second_distance"] = round(d.second_distance, 3)
    if match:
        detail["match"] = match
    if d.person is not None:
        detail["person"] = d.person.name
        if d.person.reference_id:
            detail["reference_id"] = d.person.reference_id
    if d.record is not None:
        detail["consent"] = {
            "evidence": d.record.evidence,
            "purpose": purpose,
            "given": d.record.given.isoformat(),
            "expires": d.record.expires.isoformat() if d.record.expires else None,
            "basis": d.record.basis.value,
            **({"assessment": d.record.assessment} if d.record.assessment else {}),
        }
    return detail


def _reason_text(d: MatchDecision) -> str:
    return d.reason.value


def _may_be_consented(frame: np.ndarray, f: Finding, index: GalleryIndex, ctx: StageContext) -> bool:
    """Whether a grey-zone face (hidden either way) should go to a person instead:
    ``faces.review_uncertain`` is on, it is at least ``faces.review_min_size`` and
    ``consent.min_face_size`` px and sharp enough to encode, and its encoding
    matches an enrolled person whose consent covers this purpose today.

    Any other grey-zone face is hidden without review: if it is no one in the
    gallery, hiding it cannot be wrong.
    """
    faces, policy = ctx.policy.faces, ctx.policy.consent
    assert f.box is not None
    if not faces.review_uncertain or len(index) == 0:
        return False
    if f.box.size < max(faces.review_min_size, policy.min_face_size) or face_sharpness(frame, f.box) < policy.min_sharpness:
        return False
    try:
        encoding = encode_face(frame, f.box)
    except (RuntimeError, ValueError):
        return False
    return decide_match(index.person_distances(encoding), policy, ctx.today).visible


def consent_stage(frame: np.ndarray, findings: list[Finding], ctx: StageContext) -> list[Finding]:
    """Stage: re-decide each ANONYMISED face against the consent gallery in ``ctx.gallery``.

    With no gallery (``ctx.gallery is None``) the findings are returned
    unchanged: every face stays anonymised.
    """
    if ctx.gallery is None:
        return list(findings)
    index = _index_of(ctx.gallery)
    policy = ctx.policy.consent
    purpose = policy.purpose.strip().lower()
    decisions: dict[int, MatchDecision] = {}
    review: set[int] = set()
    for i, f in enumerate(findings):
        if f.kind is not Kind.FACE or f.action is not Action.ANONYMISED or f.box is None:
            continue
        if f.detail.get("uncertain") and _may_be_consented(frame, f, index, ctx):
            review.add(i)
            continue
        if f.score is None or f.score < policy.min_score:
            decisions[i] = MatchDecision(ConsentReason.UNCERTAIN_FACE)
            continue
        if f.box.size < policy.min_face_size:
            decisions[i] = MatchDecision(ConsentReason.TOO_SMALL)
            continue
        if len(index) == 0:
            decisions[i] = MatchDecision(ConsentReason.NO_MATCH)
            continue
        if face_sharpness(frame, f.box) < policy.min_sharpness:
            decisions[i] = MatchDecision(ConsentReason.TOO_BLURRED)
            continue
        try:
            encoding = encode_face(frame, f.box)
        except (RuntimeError, ValueError):
            decisions[i] = MatchDecision(ConsentReason.NOT_ENCODABLE)
            continue
        decisions[i] = decide_match(index.person_distances(encoding), policy, ctx.today)

    # Two faces identified as the same person: at least one is wrong, so neither is trusted.
    seen = Counter(d.person.id for d in decisions.values() if d.person is not None)
    for i, d in list(decisions.items()):
        if d.person is not None and seen[d.person.id] > 1:
            decisions[i] = MatchDecision(ConsentReason.AMBIGUOUS, distance=d.distance, second_distance=d.second_distance)

    out = list(findings)
    for i in review:
        out[i] = dataclasses.replace(findings[i], action=Action.REVIEW, reason=ConsentReason.MAYBE_CONSENTED.value)
    for i, d in decisions.items():
        f = findings[i]
        out[i] = dataclasses.replace(
            f,
            action=Action.VISIBLE if d.visible else Action.ANONYMISED,
            reason=_reason_text(d),
            detail=_detail(f.detail, d, purpose),
        )
    return out


# ---------------------------------------------------------------- enrolment


@dataclasses.dataclass(frozen=True)
class EnrolmentFace:
    """One face found in an enrolment photo: its box, detector score and encoding."""

    box: Box
    score: float
    encoding: np.ndarray = dataclasses.field(repr=False)


def enrolment_faces(rgb: np.ndarray, policy: Policy, min_score: float | None = None) -> list[EnrolmentFace]:
    """Every clear face in an enrolment photo (score at least ``min_score``, default
    ``consent.min_score``: scrubbing detects with a low threshold, but a faint
    false detection must not make "exactly one face" fail; size at
    least ``consent.min_face_size``, sharpness at least ``consent.min_sharpness``),
    largest first, with its encoding.

    The same detector and box conversion as scrubbing, so enrolled encodings
    match what the consent stage computes later. A lower ``min_score`` lets
    poorer photos enrol and makes stray detections more likely to count.
    """
    from .faces import detect_faces

    if min_score is None:
        min_score = policy.consent.min_score
    faces = [
        d
        for d in detect_faces(rgb, policy.faces)
        if d.score >= min_score
        and d.box.size >= policy.consent.min_face_size
        and face_sharpness(rgb, d.box) >= policy.consent.min_sharpness
    ]
    faces.sort(key=lambda d: -d.box.area)
    return [EnrolmentFace(d.box, float(d.score), encode_face(rgb, d.box)) for d in faces]


__all__ = [
    "ConsentReason",
    "MatchDecision",
    "EnrolmentFace",
    "record_covers",
    "check_consent",
    "decide_match",
    "consent_stage",
    "enrolment_faces",
    "face_sharpness",
]
