"""The second look before publishing (stages/second_look.py): what the detector finds once the
rest is drawn, near what was drawn, is hidden too; never while checking."""

from __future__ import annotations

import numpy as np
import pytest

from mediascrub.findings import Action, Box, Finding, Kind
from mediascrub.policy import FacePolicy, Policy
from mediascrub.stages import StageContext, second_look
from mediascrub.stages.faces import FaceDetection


def _ctx(**face_kw: object) -> StageContext:
    return StageContext(policy=Policy(faces=FacePolicy(**face_kw)))  # type: ignore[arg-type]


def test_second_look_regions() -> None:
    regions = second_look.look_regions([Box(10, 10, 20, 20), Box(15, 15, 25, 25), Box(2900, 1900, 2910, 1910)], 3000, 2000)
    assert regions == [(0, 0, 121, 121), (2804, 1804, 3000, 2000)]  # the first two joined; at least 96 px around each
    assert second_look.look_regions([Box(1000, 1000, 1600, 1600)], 2000, 2000) == [(0, 0, 2000, 2000)]  # most of it: all of it
    assert second_look.look_regions([Box(10, 10, 20, 20)], 1000, 1000) == [(0, 0, 1000, 1000)]  # a small photo: all of it


def _hidden_face(box: Box, score: float = 0.9) -> Finding:
    return Finding(kind=Kind.FACE, label="face", action=Action.ANONYMISED, reason="no consent gallery", box=box, score=score)


@pytest.mark.slow
def test_second_look_hides_what_now_fires_near_a_patch(monkeypatch: pytest.MonkeyPatch) -> None:
    """Once faces (and text) are drawn, a box the detector now finds near them,
    scoring nearly ``check_threshold``, is hidden too; the same box again is not
    added, nor anything outside the regions looked at; the detector is asked
    from check_threshold less the margin."""
    face, beside, same = Box(60, 60, 110, 110), Box(70, 95, 115, 145), Box(61, 61, 110, 111)
    # Faint boxes count in check only away from mediascrub's patches (own_patches.below_check_bar).
    faint_near, faint_far = Box(100, 100, 120, 120), Box(170, 170, 190, 190)
    seen: list[tuple[tuple[int, ...], float]] = []
    own_patch_seen = False

    def fake(rgb: np.ndarray, policy: FacePolicy, passes: object = None) -> list[FaceDetection]:
        seen.append((rgb.shape, policy.threshold - policy.review_band))
        # The detector sees the region around the patch, (0, 0) to (206, 206).
        if len(seen) > 1:
            return []
        if own_patch_seen:  # the detector fires on the patch: check then counts no faint box in the frame
            return [FaceDetection(same, 0.5), FaceDetection(faint_far, 0.15)]
        return [FaceDetection(beside, 0.3), FaceDetection(faint_near, 0.15), FaceDetection(faint_far, 0.15)]

    monkeypatch.setattr(second_look, "detect_faces", fake)
    img = np.random.default_rng(0).integers(0, 255, (1500, 1500, 3), dtype=np.uint8)
    out = second_look.second_look_stage(img, [_hidden_face(face)], _ctx())
    assert [f.box for f in out] == [face, beside, faint_far]
    assert out[1].action is Action.ANONYMISED and out[1].detail["second_look"]
    assert out[1].reason == "face found once the rest was hidden (second look, score 0.30)"
    assert seen[0][0][:2] == (206, 206)  # a region around the patch, not the whole picture
    p = FacePolicy()
    assert seen[0][1] == pytest.approx(min(p.check_threshold - second_look.SECOND_LOOK_MARGIN, p.threshold - p.review_band))
    assert len(seen) == 2  # a second round around what the first added, which found nothing more
    seen.clear()
    own_patch_seen = True
    assert second_look.second_look_stage(img, [_hidden_face(face)], _ctx()) == [_hidden_face(face)]
    # Off, or while checking: nothing is looked at.
    seen.clear()
    assert second_look.second_look_stage(img, [_hidden_face(face)], _ctx(second_look=False)) == [_hidden_face(face)]
    ctx = _ctx()
    ctx.checking = True
    assert second_look.second_look_stage(img, [_hidden_face(face)], ctx) == [_hidden_face(face)]
    assert not seen


def test_summary_line_counts_second_look_boxes_apart() -> None:
    """The console line does not call a box the second look hid a face of its own."""
    from mediascrub.report import describe_findings

    looked = Finding(kind=Kind.FACE, label="face", action=Action.ANONYMISED, reason="face found once the rest was hidden",
                     box=Box(0, 0, 9, 9), score=0.27, detail={"second_look": True})
    assert describe_findings([_hidden_face(Box(10, 10, 60, 60)), looked]) == (
        "1 face anonymised, 1 more face-like area hidden on a second look")
