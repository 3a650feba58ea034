"""Reviewer decisions: the pure rules (apply_decisions) and publishing through the pipeline."""

from __future__ import annotations

import io
from pathlib import Path

import numpy as np
import pytest
from PIL import Image

from conftest import dirty_jpeg, photo_like
from exiftool_oracle import have_exiftool, leaks
from mediascrub.decisions import (
    DecisionError,
    FindingDecision,
    FindingRef,
    Mark,
    ReviewDecisions,
    Shape,
    Verdict,
    apply_decisions,
)
from mediascrub.findings import Action, Box, Finding, Kind, Status
from mediascrub.pipeline import Pipeline
from mediascrub.policy import Policy

FACE = Finding(Kind.FACE, "face", Action.ANONYMISED, "no consent gallery", Box(40, 40, 80, 90), 0.9)
MAYBE = Finding(Kind.FACE, "face", Action.REVIEW, "uncertain face (score 0.40)", Box(200, 100, 230, 140), 0.4)
CONSENTED = Finding(Kind.FACE, "face", Action.VISIBLE, "consent on file", Box(120, 30, 160, 80), 0.95, detail={"person": "Ann"})
TEXT = Finding(Kind.TEXT, "house_number", Action.REVIEW, "uncertain reading", Box(10, 180, 60, 200), 0.5)


def ref(f: Finding) -> FindingRef:
    assert f.box is not None
    return FindingRef(f.kind, f.box, f.frame)


def test_dismiss_only_as_false_alarm_and_nothing_becomes_visible() -> None:
    review = ReviewDecisions("Ann", decisions=(
        FindingDecision(ref(FACE), Verdict.NOT_A_FACE, "a poster"),
        FindingDecision(ref(TEXT), Verdict.NOT_SENSITIVE),
        FindingDecision(ref(CONSENTED), Verdict.HIDE),
    ))
    (out,) = apply_decisions([[FACE, MAYBE, CONSENTED, TEXT]], review, 320, 240)
    by_box = {f.box: f for f in out}
    assert by_box[FACE.box].action is Action.KEPT and "not a face" in by_box[FACE.box].reason
    assert by_box[TEXT.box].action is Action.KEPT
    assert by_box[CONSENTED.box].action is Action.ANONYMISED  # a person may always hide more
    assert by_box[MAYBE.box].action is Action.ANONYMISED  # undecided uncertain face: hidden
    assert not any(f.action is Action.VISIBLE for f in out)
    assert not any(f.action is Action.REVIEW for f in out)


@pytest.mark.parametrize(("finding", "verdict"), [(FACE, Verdict.NOT_SENSITIVE), (TEXT, Verdict.NOT_A_FACE)])
def test_a_verdict_must_fit_the_kind(finding: Finding, verdict: Verdict) -> None:
    with pytest.raises(DecisionError):
        apply_decisions([[finding]], ReviewDecisions("Ann", decisions=(FindingDecision(ref(finding), verdict),)), 320, 240)


def test_a_decision_about_a_finding_that_is_not_there_fails() -> None:
    ghost = FindingRef(Kind.FACE, Box(0, 0, 10, 10))
    with pytest.raises(DecisionError, match="no face detection"):
        apply_decisions([[FACE]], ReviewDecisions("Ann", decisions=(FindingDecision(ghost, Verdict.HIDE),)), 320, 240)


def test_marks_become_hidden_regions_and_must_touch_the_picture() -> None:
    (out,) = apply_decisions([[]], ReviewDecisions("Ann", marks=(Mark(Box(-10, 5, 30, 40), Shape.ELLIPSE),)), 320, 240)
    assert out[0].kind is Kind.REGION and out[0].action is Action.REDACTED and out[0].box == Box(0, 5, 30, 40)
    with pytest.raises(DecisionError):
        apply_decisions([[]], ReviewDecisions("Ann", marks=(Mark(Box(400, 5, 430, 40)),)), 320, 240)


def test_track_refs_act_on_every_finding_of_the_track() -> None:
    a = Finding(Kind.FACE, "face", Action.ANONYMISED, "", Box(10, 10, 30, 30), frame=0, detail={"track": 7})
    b = Finding(Kind.FACE, "face", Action.ANONYMISED, "", Box(14, 10, 34, 30), frame=1, detail={"track": 7})
    c = Finding(Kind.FACE, "face", Action.ANONYMISED, "", Box(100, 10, 130, 30), frame=1, detail={"track": 8})
    review = ReviewDecisions("Ann", decisions=(FindingDecision(FindingRef(Kind.FACE, a.box or Box(0, 0, 1, 1), track="7"),
                                                               Verdict.NOT_A_FACE),))
    f0, f1 = apply_decisions([[a], [b, c]], review, 320, 240)
    assert f0[0].action is Action.KEPT and f1[0].action is Action.KEPT and f1[1].action is Action.ANONYMISED


def _no_detection_policy() -> Policy:
    import dataclasses

    p = Policy()
    return dataclasses.replace(p, faces=dataclasses.replace(p.faces, enabled=False), text=dataclasses.replace(p.text, enabled=False))


def test_publish_reviewed_applies_decisions_through_render_and_verify(tmp_path: Path) -> None:
    pixels = photo_like(320, 240, seed=3)
    src = tmp_path / "held" / "p.jpg"
    src.parent.mkdir()
    src.write_bytes(dirty_jpeg(pixels))
    dest = tmp_path / "out" / "p.jpg"
    review = ReviewDecisions("Ann", marks=(Mark(Box(150, 20, 250, 110), Shape.RECT),),
                             decisions=(FindingDecision(ref(FACE), Verdict.NOT_A_FACE),))
    pipeline = Pipeline(_no_detection_policy())
    report = pipeline.publish_reviewed(src, dest, review, detections=[[FACE, TEXT]])
    assert report.status is Status.PUBLISHED, report.reason
    out = np.asarray(Image.open(io.BytesIO(dest.read_bytes())).convert("RGB")).astype(np.float32)
    before = np.asarray(Image.open(src).convert("RGB")).astype(np.float32)
    diff = np.abs(out - before).mean(axis=2)
    assert diff[20:110, 150:250].mean() > 20  # the drawn box was hidden
    assert diff[40:90, 40:80].mean() < 4  # the dismissed face was not touched (JPEG re-encode noise only)
    assert diff[180:200, 10:60].mean() > 20  # the undecided uncertain text was hidden
    kinds = {(f.kind, f.action) for f in report.findings}
    assert (Kind.REGION, Action.REDACTED) in kinds and (Kind.FACE, Action.KEPT) in kinds
    if have_exiftool():
        assert leaks([dest]) == {}


def test_publish_reviewed_fails_closed_on_a_bad_decision(tmp_path: Path) -> None:
    src = tmp_path / "p.jpg"
    src.write_bytes(dirty_jpeg(photo_like(320, 240)))
    dest = tmp_path / "out" / "p.jpg"
    review = ReviewDecisions("Ann", decisions=(FindingDecision(FindingRef(Kind.FACE, Box(1, 1, 5, 5)), Verdict.NOT_A_FACE),))
    report = Pipeline(_no_detection_policy()).publish_reviewed(src, dest, review, detections=[[FACE]])
    assert report.status is Status.FAILED and "no face detection" in (report.reason or "")
    assert not dest.exists() and not dest.parent.exists()
