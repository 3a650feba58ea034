"""The consent matching rule and stage.

Matching logic is tested with synthetic encodings and distances; the photo
path (detector box -> dlib landmarks -> encoding -> gallery -> decision) with
scikit-image's astronaut (NASA, public domain), enrolled and then found again.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import json
from collections.abc import Iterator
from pathlib import Path

import cv2
import numpy as np
import pytest

from mediascrub.consent.encodings import encode_face, face_distance, pack, to_dlib_box, unpack
from mediascrub.consent.gallery import Basis, ConsentRecord, Gallery, GalleryIndex, NewConsent, Person
from mediascrub.findings import Action, Box, Finding, Kind
from mediascrub.policy import ConsentPolicy, Policy
from mediascrub.stages import StageContext
from mediascrub.stages.consent import (
    ConsentReason,
    check_consent,
    consent_stage,
    decide_match,
    enrolment_faces,
    face_sharpness,
    record_covers,
)
from mediascrub.stages.faces import face_stage
from mediascrub.stages.second_look import second_look_stage

TODAY = dt.date(2026, 6, 1)
POLICY = Policy()
LOOK = Policy(faces=dataclasses.replace(POLICY.faces, second_look=True))


def rec(rid: int = 1, **kw: object) -> ConsentRecord:
    base: dict[str, object] = {
        "id": rid,
        "evidence": f"form-{rid}.pdf",
        "given": dt.date(2026, 1, 1),
        "purposes": ("newsletter", "social-media"),
        "expires": dt.date(2027, 1, 1),
    }
    base.update(kw)
    return ConsentRecord(**base)  # type: ignore[arg-type]


def person(pid: int, name: str, *records: ConsentRecord) -> Person:
    return Person(pid, name, None, "2026-01-01T00:00:00+00:00", tuple(records) or (rec(),), 1)


# ---------------------------------------------------------------- the rule, on dates and purposes


@pytest.mark.parametrize(
    ("record", "purpose", "day", "reason"),
    [
        (rec(), "social-media", TODAY, ConsentReason.CONSENTED),
        (rec(), "SOCIAL-MEDIA", TODAY, ConsentReason.CONSENTED),
        (rec(), "website", TODAY, ConsentReason.PURPOSE_NOT_COVERED),
        (rec(), "social-media", dt.date(2026, 12, 31), ConsentReason.CONSENTED),  # last covered day
        (rec(), "social-media", dt.date(2027, 1, 1), ConsentReason.EXPIRED),  # expires: first day not covered
        (rec(expires=None), "social-media", dt.date(2040, 1, 1), ConsentReason.CONSENTED),
        (rec(withdrawn=dt.date(2026, 6, 1)), "social-media", TODAY, ConsentReason.WITHDRAWN),
        (rec(withdrawn=dt.date(2026, 6, 2)), "social-media", TODAY, ConsentReason.CONSENTED),  # photo processed before
        (rec(), "social-media", dt.date(2025, 12, 31), ConsentReason.NOT_YET_VALID),
        (
            rec(basis=Basis.BEST_INTERESTS, assessment="BIA-7"),
            "social-media",
            TODAY,
            ConsentReason.CONSENTED,
        ),
    ],
)
def test_check_consent(record: ConsentRecord, purpose: str, day: dt.date, reason: ConsentReason) -> None:
    got_record, got = check_consent((record,), purpose, day)
    assert got is reason
    assert (got_record is record) == (reason is ConsentReason.CONSENTED)
    if purpose.islower():
        assert record_covers(record, purpose, day) is reason


def test_check_consent_several_records() -> None:
    old = rec(1, expires=dt.date(2026, 3, 1))
    renewed = rec(2, given=dt.date(2026, 3, 1), expires=dt.date(2028, 1, 1), purposes=("social-media",))
    assert check_consent((old, renewed), "social-media", TODAY) == (renewed, ConsentReason.CONSENTED)
    assert check_consent((old, renewed), "newsletter", TODAY) == (None, ConsentReason.EXPIRED)
    gone = (rec(1, withdrawn=dt.date(2026, 2, 1)), rec(2, purposes=("website",), withdrawn=dt.date(2026, 2, 1)))
    assert check_consent(gone, "print", TODAY) == (None, ConsentReason.WITHDRAWN)
    assert check_consent((), "social-media", TODAY) == (None, ConsentReason.PURPOSE_NOT_COVERED)


def test_decide_match_tolerance_and_margin() -> None:
    cp = ConsentPolicy(tolerance=0.5, margin=0.1)
    ann, bob = person(1, "Ann"), person(2, "Bob")
    assert decide_match([], cp, TODAY).reason is ConsentReason.NO_MATCH
    assert decide_match([(ann, 0.51), (bob, 0.9)], cp, TODAY).reason is ConsentReason.NO_MATCH
    d = decide_match([(ann, 0.40), (bob, 0.49)], cp, TODAY)
    assert d.reason is ConsentReason.AMBIGUOUS and d.person is None
    d = decide_match([(ann, 0.40), (bob, 0.51)], cp, TODAY)
    assert d.visible and d.person is ann and d.record is ann.records[0]
    d = decide_match([(ann, 0.30)], cp, TODAY)  # only one person enrolled: no runner-up
    assert d.visible
    late = person(3, "Cy", rec(expires=dt.date(2026, 2, 1)))
    d = decide_match([(late, 0.2), (ann, 0.9)], cp, TODAY)
    assert d.reason is ConsentReason.EXPIRED and d.person is late and not d.visible


# ---------------------------------------------------------------- the stage, with synthetic encodings


def _index(*people_encs: tuple[Person, np.ndarray]) -> GalleryIndex:
    people = tuple(p for p, _ in people_encs)
    matrix = np.array([e for _, e in people_encs])
    return GalleryIndex(people, matrix, np.arange(len(people)))


def _face(x: float, action: Action = Action.ANONYMISED, size: float = 100) -> Finding:
    return Finding(Kind.FACE, "face", action, "no consent gallery", Box(x, 10, x + size, 10 + size), 0.9, 0, {"landmarks": []})


def test_stage_with_fake_encoder(monkeypatch: pytest.MonkeyPatch) -> None:
    """Each face's encoding is chosen by its x position; the rule decides from there."""
    rng = np.random.default_rng(3)
    base = rng.normal(size=(3, 128)) * 0.1  # three people, far apart (about 1.4)
    encs = {0.0: base[0] + 0.02, 200.0: base[1], 400.0: base[2] + 1.0, 600.0: base[0] + 0.01}
    import mediascrub.stages.consent as consent_mod

    monkeypatch.setattr(consent_mod, "encode_face", lambda frame, box: encs[box.x0])
    ann = person(1, "Ann")
    bob = person(2, "Bob", rec(withdrawn=dt.date(2026, 5, 1)))
    cy = person(3, "Cy")
    index = _index((ann, base[0]), (bob, base[1]), (cy, base[2]))
    frame = np.random.default_rng(4).integers(0, 256, (200, 1000, 3), dtype=np.uint8)  # sharp everywhere
    text = Finding(Kind.TEXT, "text", Action.REDACTED, "address")
    faint = dataclasses.replace(_face(0.0), score=0.3)
    findings = [text, _face(0.0), _face(200.0), _face(400.0), _face(800.0, size=30), _face(0.0, Action.REVIEW), faint]
    ctx = StageContext(policy=POLICY, today=TODAY, gallery=index)
    out = consent_stage(frame, findings, ctx)
    assert out[0] is text and out[5] == findings[5]  # not faces / REVIEW: untouched
    assert out[1].action is Action.VISIBLE and out[1].reason == "consent"
    assert out[1].detail["person"] == "Ann" and out[1].detail["landmarks"] == []
    assert out[1].detail["consent"] == {
        "evidence": "form-1.pdf",
        "purpose": "social-media",
        "given": "2026-01-01",
        "expires": "2027-01-01",
        "basis": "consent",
    }
    assert out[2].action is Action.ANONYMISED and out[2].reason == "consent-withdrawn"
    assert out[2].detail["person"] == "Bob" and "consent" not in out[2].detail
    assert out[3].action is Action.ANONYMISED and out[3].reason == "no-match" and "person" not in out[3].detail
    assert out[4].reason == "too-small"
    assert out[6].action is Action.ANONYMISED and out[6].reason == "uncertain-face"
    # Purpose not covered: same faces, another purpose.
    ctx2 = StageContext(policy=dataclasses.replace(POLICY, consent=ConsentPolicy(purpose="print")), today=TODAY, gallery=index)
    assert consent_stage(frame, findings, ctx2)[1].reason == "purpose-not-covered"
    # Two faces identified as Ann in one frame: neither is trusted.
    out = consent_stage(frame, [_face(0.0), _face(600.0)], ctx)
    assert [f.reason for f in out] == ["ambiguous", "ambiguous"]
    assert all(f.action is Action.ANONYMISED and "person" not in f.detail for f in out)
    # No gallery: nothing changes.
    assert consent_stage(frame, findings, StageContext(policy=POLICY, today=TODAY)) == findings


# ---------------------------------------------------------------- the real photo path


@pytest.fixture(scope="module")
def astronaut() -> np.ndarray:
    from skimage import data

    return np.ascontiguousarray(data.astronaut())


@pytest.fixture(scope="module")
def astronaut_faces(astronaut: np.ndarray) -> list[Finding]:
    return face_stage(astronaut, [], StageContext(policy=POLICY, today=TODAY))


@pytest.fixture(scope="module")
def astronaut_encoding(astronaut: np.ndarray) -> np.ndarray:
    faces = enrolment_faces(astronaut, POLICY)
    assert len(faces) == 1
    return faces[0].encoding


@pytest.fixture()
def gallery(tmp_path: Path, astronaut_encoding: np.ndarray) -> Iterator[Gallery]:
    g = Gallery.open(tmp_path / "g.sqlite", create=True)
    consent = NewConsent("nasa-release-1984.pdf", ("social-media",), dt.date(2026, 1, 1), dt.date(2027, 1, 1))
    g.add_person("Eileen", [astronaut_encoding], consent, today=TODAY)
    far = np.random.default_rng(9).normal(size=128) * 0.1
    g.add_person("Someone Else", [far], NewConsent("f2", ("social-media",), dt.date(2026, 1, 1)), today=TODAY)
    yield g
    g.close()


def _sure_faces(findings: list[Finding]) -> list[Finding]:
    """Faces the detector was sure of (not grey-zone maybe-faces, not second-look boxes)."""
    return [
        f
        for f in findings
        if f.kind is Kind.FACE and f.action is Action.ANONYMISED and not f.detail.get("second_look") and not f.detail.get("uncertain")
    ]


@pytest.mark.slow
def test_astronaut_found_again_and_left_visible(astronaut: np.ndarray, astronaut_faces: list[Finding], gallery: Gallery) -> None:
    assert len(_sure_faces(astronaut_faces)) == 1
    out = consent_stage(astronaut, astronaut_faces, StageContext(policy=POLICY, today=TODAY, gallery=gallery))
    # What a second look finds beside her face is left alone too: no patch there.
    ctx = StageContext(policy=LOOK, today=TODAY, gallery=gallery)
    after = second_look_stage(astronaut, consent_stage(astronaut, face_stage(astronaut, [], ctx), ctx), ctx)
    looked = [f for f in after if f.detail.get("second_look")]
    assert all(f.action is Action.KEPT and f.reason == "beside a consented face (second look)" for f in looked)
    (face,) = [f for f in out if f.kind is Kind.FACE and f.action is not Action.REVIEW and not f.detail.get("second_look")]
    assert face.action is Action.VISIBLE, face
    assert face.detail["person"] == "Eileen"
    assert face.detail["consent"]["evidence"] == "nasa-release-1984.pdf"
    assert face.detail["match"]["distance"] < 0.1  # the same photo
    # The audit record is JSON and holds no encoding.
    text = json.dumps([f.to_dict() for f in out])
    assert len(text) < 2000 and "values" not in text


@pytest.mark.parametrize("change", ["withdraw", "expire", "purpose"])
def test_withdrawal_expiry_purpose_flip_to_anonymised(
    astronaut: np.ndarray, astronaut_faces: list[Finding], gallery: Gallery, change: str
) -> None:
    ctx = StageContext(policy=POLICY, today=TODAY, gallery=gallery)
    before = [f for f in consent_stage(astronaut, astronaut_faces, ctx) if f.action is Action.VISIBLE]
    assert len(before) == 1
    if change == "withdraw":
        gallery.withdraw("Eileen", TODAY)
        expected = "consent-withdrawn"
    elif change == "expire":
        ctx = StageContext(policy=POLICY, today=dt.date(2027, 1, 1), gallery=gallery)
        expected = "consent-expired"
    else:
        policy = dataclasses.replace(POLICY, consent=dataclasses.replace(POLICY.consent, purpose="newsletter"))
        ctx = StageContext(policy=policy, today=TODAY, gallery=gallery)
        expected = "purpose-not-covered"
    out = consent_stage(astronaut, astronaut_faces, ctx)
    assert not [f for f in out if f.action is Action.VISIBLE]
    (face,) = [f for f in out if f.reason == expected]
    assert face.action is Action.ANONYMISED and face.detail["person"] == "Eileen"


def test_small_astronaut_is_too_small(astronaut: np.ndarray, gallery: Gallery) -> None:
    small = cv2.resize(astronaut, (96, 96), interpolation=cv2.INTER_AREA)
    ctx = StageContext(policy=POLICY, today=TODAY, gallery=gallery)
    faces = [Finding(Kind.FACE, "face", Action.ANONYMISED, "", Box(34, 10, 58, 42), 0.9)]
    (out,) = consent_stage(small, faces, ctx)
    assert out.action is Action.ANONYMISED and out.reason == "too-small"


@pytest.mark.slow
def test_blurred_astronaut_is_too_blurred(astronaut: np.ndarray, astronaut_faces: list[Finding], gallery: Gallery) -> None:
    ctx = StageContext(policy=POLICY, today=TODAY, gallery=gallery)
    face = _sure_faces(astronaut_faces)[0]
    assert face.box is not None
    assert face_sharpness(astronaut, face.box) > 3 * POLICY.consent.min_sharpness
    blurred = cv2.GaussianBlur(astronaut, (0, 0), 0.03 * face.box.size)
    assert face_sharpness(blurred, face.box) < POLICY.consent.min_sharpness
    (out,) = consent_stage(blurred, [face], ctx)
    assert out.action is Action.ANONYMISED and out.reason == "too-blurred"
    assert enrolment_faces(blurred, POLICY) == []


@pytest.mark.slow
def test_mirrored_pair_is_ambiguous(astronaut: np.ndarray, gallery: Gallery) -> None:
    """Her face twice in one picture (photo and mirror image): one identity, two faces, neither trusted."""
    pair = np.ascontiguousarray(np.concatenate([astronaut, astronaut[:, ::-1]], axis=1))
    ctx = StageContext(policy=POLICY, today=TODAY, gallery=gallery)
    faces = _sure_faces(face_stage(pair, [], ctx))
    assert len(faces) == 2
    out = consent_stage(pair, faces, ctx)
    assert [f.action for f in out] == [Action.ANONYMISED, Action.ANONYMISED]
    assert {f.reason for f in out} == {"ambiguous"}


def test_empty_gallery_matches_no_one(tmp_path: Path, astronaut: np.ndarray, astronaut_faces: list[Finding]) -> None:
    with Gallery.open(tmp_path / "g.sqlite", create=True) as g:
        out = consent_stage(astronaut, astronaut_faces, StageContext(policy=POLICY, today=TODAY, gallery=g))
    assert not [f for f in out if f.action is Action.VISIBLE]


# ---------------------------------------------------------------- encodings


def test_encoding_helpers(astronaut: np.ndarray, astronaut_faces: list[Finding]) -> None:
    box = _sure_faces(astronaut_faces)[0].box
    assert box is not None
    e = encode_face(astronaut, box)
    assert e.shape == (128,) and e.dtype == np.float64
    assert np.array_equal(unpack(pack(e)), e)
    # A face shifted off its landmarks (the box moved by half its size) no longer encodes the same.
    off = encode_face(astronaut, Box(box.x0 + box.width / 2, box.y0, box.x1 + box.width / 2, box.y1))
    assert face_distance(np.array([e]), off)[0] > 0.2
    d = to_dlib_box(Box(0, 0, 100, 130))
    assert d.width == pytest.approx(d.height) and d.width < 130
    with pytest.raises(ValueError):
        pack(np.zeros(127))


def test_grey_zone_face_goes_to_review_only_when_it_may_be_consented(
    astronaut: np.ndarray, astronaut_faces: list[Finding], gallery: Gallery
) -> None:
    """A maybe-face is hidden without review, unless it matches someone whose
    consent covers this purpose: hiding them might be wrong, so a person decides."""
    (sure,) = _sure_faces(astronaut_faces)
    maybe = dataclasses.replace(sure, score=0.11, reason="uncertain face (score 0.11)", detail={**sure.detail, "uncertain": True})
    out = consent_stage(astronaut, [maybe], StageContext(policy=POLICY, today=TODAY, gallery=gallery))
    assert out[0].action is Action.REVIEW
    assert out[0].reason == ConsentReason.MAYBE_CONSENTED.value
    # Consent withdrawn: hiding is right, no review.
    gallery.withdraw("Eileen", TODAY)
    out = consent_stage(astronaut, [maybe], StageContext(policy=POLICY, today=TODAY, gallery=gallery))
    assert out[0].action is Action.ANONYMISED and out[0].reason == ConsentReason.UNCERTAIN_FACE.value
    # Review switched off, or no gallery at all: hidden.
    off = dataclasses.replace(POLICY, faces=dataclasses.replace(POLICY.faces, review_uncertain=False))
    assert consent_stage(astronaut, [maybe], StageContext(policy=off, today=TODAY, gallery=gallery))[0].action is Action.ANONYMISED
    assert consent_stage(astronaut, [maybe], StageContext(policy=POLICY, today=TODAY))[0] == maybe
