"""The second opinion on weak face detections (stages/face_evidence.py).

A weak box is hidden only when something else says a person is there: a
confident face in the photo at a consistent scale,
or, with no confident face, a skin colour in the middle of the box. Pixels are
made in code (seeded): flat colour patches, noise; the real detector runs on
the bundled example photo of tree tops (fixtures/examples/HTC_Desire.jpg, from
metadata-extractor-images: free to use) and scikit-image's astronaut.
"""

from __future__ import annotations

import dataclasses
from pathlib import Path

import numpy as np
import pytest
from _faces_util import astronaut, paste
from PIL import Image

from mediascrub.errors import ConfigError
from mediascrub.findings import Action, Box, Kind
from mediascrub.pipeline import Pipeline, build_stages
from mediascrub.policy import FacePolicy, Policy, load_policy
from mediascrub.stages import StageContext, faces
from mediascrub.stages.face_evidence import Candidate, Evidence, is_grey, judge_faces, same_scale, skin_share
from mediascrub.stages.faces import FaceDetection, face_stage

EXAMPLES = Path(__file__).resolve().parent.parent / "fixtures" / "examples"
SKIN = (224, 172, 140)  # a light skin tone: Cr 150, Cb 105 in YCrCb
DARK_SKIN = (110, 70, 50)
LEAF = (60, 120, 40)


def _canvas(seed: int = 0, colour: tuple[int, int, int] = LEAF, size: int = 400) -> np.ndarray:
    rng = np.random.default_rng(seed)
    img = np.clip(rng.normal(0, 8, (size, size, 3)) + np.array(colour), 0, 255).astype(np.uint8)
    return img


def _with_patch(img: np.ndarray, box: Box, colour: tuple[int, int, int], seed: int = 1) -> np.ndarray:
    out = img.copy()
    x0, y0, x1, y1 = (int(v) for v in box.int_bounds())
    rng = np.random.default_rng(seed)
    out[y0:y1, x0:x1] = np.clip(rng.normal(0, 4, (y1 - y0, x1 - x0, 3)) + np.array(colour), 0, 255).astype(np.uint8)
    return out


def test_skin_share_and_grey() -> None:
    box = Box(100, 100, 160, 170)
    leaves = _canvas()
    assert skin_share(leaves, box) == 0.0
    for tone in (SKIN, DARK_SKIN):
        assert skin_share(_with_patch(leaves, box, tone), box) > 0.9
    # Only the middle of the box counts: skin at its edges (a neighbour's cheek) does not.
    ring = _with_patch(_with_patch(leaves, box, SKIN), box.scaled(0.5), LEAF)
    assert skin_share(ring, box) < 0.3
    assert skin_share(leaves, Box(500, 500, 520, 520)) == 0.0  # outside the picture
    assert not is_grey(leaves)
    grey = np.repeat(np.random.default_rng(2).integers(0, 255, (300, 200, 1), dtype=np.uint8), 3, axis=2)
    assert is_grey(grey)


def test_same_scale() -> None:
    face = Box(100, 100, 150, 150)  # 50 px
    assert same_scale(Box(300, 0, 330, 30), face, 3.0)  # anywhere in the photo
    assert same_scale(Box(0, 0, 150, 150), face, 3.0)
    assert not same_scale(Box(110, 110, 120, 120), face, 3.0)  # 5x smaller
    assert same_scale(Box(110, 110, 120, 120), face, 6.0)
    assert not same_scale(Box(0, 0, 0, 10), face, 3.0)  # empty


def test_judge_weak_boxes_by_what_the_photo_shows() -> None:
    p = FacePolicy()
    img = _canvas()
    face = Candidate(Box(100, 100, 150, 150), 0.8)
    near = Candidate(Box(160, 110, 190, 140), 0.12)  # faint, at the face's scale
    far = Candidate(Box(300, 300, 330, 330), 0.2)  # faint, away from it but at its scale: a crowd's far row
    tiny = Candidate(Box(120, 160, 126, 166), 0.3)  # 8x smaller than every face: not a face of this photo
    huge = Candidate(Box(200, 200, 390, 390), 0.3)  # nearly 4x bigger: neither
    assert judge_faces(img, [face, near, far, tiny, huge], p) == [
        Evidence.CONFIDENT, Evidence.PEOPLE, Evidence.PEOPLE, Evidence.NONE, Evidence.NONE]
    # Without the confident face nothing vouches for them: the photo has no person in it as far as anything shows.
    assert judge_faces(img, [near, far, tiny, huge], p) == [Evidence.NONE] * 4
    # ...unless a face mediascrub has hidden is known to be there (check, second look).
    assert judge_faces(img, [near, tiny], p, context=[face.box]) == [Evidence.PEOPLE, Evidence.NONE]
    # context_scale: wider accepts more sizes.
    assert judge_faces(img, [face, tiny], dataclasses.replace(p, context_scale=10.0)) == [Evidence.CONFIDENT, Evidence.PEOPLE]


def test_judge_photo_without_confident_face_asks_for_skin_colour() -> None:
    p = FacePolicy()
    box = Box(100, 100, 150, 160)
    strong_enough = Candidate(box, p.alone_threshold + 0.02)
    leaves = _canvas(seed=3)
    assert judge_faces(leaves, [strong_enough], p) == [Evidence.NONE]  # bricks, leaves, lettering
    assert judge_faces(_with_patch(leaves, box, SKIN), [strong_enough], p) == [Evidence.SKIN]
    assert judge_faces(_with_patch(leaves, box, DARK_SKIN), [strong_enough], p) == [Evidence.SKIN]
    # Skin colour alone is not enough under alone_threshold.
    assert judge_faces(_with_patch(leaves, box, SKIN), [Candidate(box, p.alone_threshold - 0.05)], p) == [Evidence.NONE]
    # A photo with no colour cannot show skin: the score alone decides there.
    grey = np.repeat(leaves[..., 1:2], 3, axis=2)
    assert judge_faces(grey, [strong_enough], p) == [Evidence.SKIN]
    # The second look's margin lowers every bar by that much.
    just_under = Candidate(box, p.alone_threshold - 0.03)
    assert judge_faces(_with_patch(leaves, box, SKIN), [just_under], p, margin=0.05) == [Evidence.SKIN]


def test_judge_off_hides_everything() -> None:
    p = FacePolicy(second_opinion=False)
    cands = [Candidate(Box(0, 0, 10, 10), 0.11), Candidate(Box(300, 300, 330, 330), 0.2)]
    assert judge_faces(_canvas(), cands, p) == [Evidence.CONFIDENT, Evidence.CONFIDENT]


def _ctx(**faces_kw: object) -> StageContext:
    pol = Policy()
    return StageContext(policy=dataclasses.replace(pol, faces=dataclasses.replace(pol.faces, **faces_kw)))


def test_face_stage_leaves_texture_and_says_why(monkeypatch: pytest.MonkeyPatch) -> None:
    """face_stage routes each detection by its evidence: dismissed boxes are KEPT
    (never drawn, not counted by check) with the reason; hidden weak ones say
    what agreed."""
    face, near, leaf = Box(100, 100, 150, 150), Box(160, 110, 190, 140), Box(300, 300, 306, 306)
    monkeypatch.setattr(faces, "detect_faces", lambda rgb, policy, passes=None: [
        FaceDetection(face, 0.8), FaceDetection(near, 0.11), FaceDetection(leaf, 0.2)])
    out = face_stage(_canvas(), [], _ctx())
    assert [f.action for f in out] == [Action.ANONYMISED, Action.ANONYMISED, Action.KEPT]
    assert "evidence" not in out[0].detail
    assert out[1].detail["evidence"] == "people in the photo" and out[1].detail["uncertain"] is True
    assert out[2].dismissed and out[2].detail == {"evidence": "no sign of a person"}
    assert out[2].reason == "face-like area left as it is: not the size of any confident face in the photo (score 0.20)"
    # With no confident face: all left, the strongest for want of skin colour.
    monkeypatch.setattr(faces, "detect_faces", lambda rgb, policy, passes=None: [
        FaceDetection(face, 0.4), FaceDetection(near, 0.2)])
    out = face_stage(_canvas(), [], _ctx())
    assert [f.action for f in out] == [Action.KEPT, Action.KEPT]
    assert out[0].reason == "face-like area left as it is: no confident face in the photo and no skin colour (score 0.40)"
    assert out[1].reason == "face-like area left as it is: faint, and no confident face in the photo (score 0.20)"
    out = face_stage(_with_patch(_canvas(), face, SKIN), [], _ctx())
    assert out[0].action is Action.ANONYMISED and out[0].detail["evidence"] == "skin colour"
    # Off: everything from the floor is hidden, as before.
    out = face_stage(_canvas(), [], _ctx(second_opinion=False))
    assert [f.action for f in out] == [Action.ANONYMISED, Action.ANONYMISED]


def test_policy_settings_validated(tmp_path: Path) -> None:
    f = tmp_path / "mediascrub.toml"
    for bad in ("confident = 0", "alone_threshold = 1.5", "context_scale = 0.5", "skin_share = 2"):
        f.write_text(f"[faces]\n{bad}\n", encoding="utf-8")
        with pytest.raises(ConfigError, match="faces."):
            load_policy(f, search=False)
    f.write_text("[faces]\nsecond_opinion = false\nalone_threshold = 0.5\n", encoding="utf-8")
    pol, src = load_policy(f, search=False)
    assert pol.faces.second_opinion is False and pol.faces.alone_threshold == 0.5 and src["faces.alone_threshold"] == str(f)


def _run_stages(rgb: np.ndarray, policy: Policy) -> list:  # type: ignore[type-arg]
    ctx = StageContext(policy=policy)
    findings: list = []  # type: ignore[type-arg]
    for stage in build_stages(policy).per_frame:
        findings = stage.run(rgb, findings, ctx)
    return findings


@pytest.mark.slow
def test_tree_tops_are_left_and_a_face_among_them_is_hidden() -> None:
    """The real detector: on the bundled photo of tree tops (the quick start)
    it finds face-like areas, none of which is hidden; paste a real face into the
    same photo and that face is hidden, and the tree tops are still left."""
    with Image.open(EXAMPLES / "HTC_Desire.jpg") as im:
        trees = np.asarray(im.convert("RGB"))
    policy = dataclasses.replace(Policy(), text=dataclasses.replace(Policy().text, enabled=False))
    found = [f for f in _run_stages(trees, policy) if f.kind is Kind.FACE]
    assert found and all(f.action is Action.KEPT and f.dismissed for f in found)
    assert all((f.score or 0) < policy.faces.confident for f in found)
    # The same photo with the astronaut's face pasted in (scaled to about 110 px) on the car park.
    with_face, _ = paste((trees.shape[0], trees.shape[1]), astronaut(), 0.5, 0.0, (400, 600))
    centre = (400 + 225 * 0.5, 600 + 117 * 0.5)  # the astronaut's face centre (test_faces.FACE_CENTRE) once pasted
    mask = np.zeros(trees.shape[:2], bool)
    mask[600:856, 400:656] = True
    with_face = np.where(mask[..., None], with_face, trees)
    out = [f for f in _run_stages(with_face, policy) if f.kind is Kind.FACE]
    hidden = [f for f in out if f.action is Action.ANONYMISED and f.box is not None]
    assert any(f.box.x0 <= centre[0] <= f.box.x1 and f.box.y0 <= centre[1] <= f.box.y1 for f in hidden)
    # Tree tops stay left unless they now have a face's evidence: the size of the face pasted in.
    face_box = max(hidden, key=lambda f: f.score or 0).box
    assert face_box is not None
    for tree in found:
        assert tree.box is not None
        again = [f for f in hidden if f.box is not None and f.box.iou(tree.box) > 0.5]
        assert bool(again) <= same_scale(tree.box, face_box, policy.faces.context_scale), tree


def test_summary_line_says_what_was_left() -> None:
    from mediascrub.findings import Finding
    from mediascrub.report import describe_findings

    left = [Finding(kind=Kind.FACE, label="face", action=Action.KEPT, reason="face-like area left as it is", box=Box(0, 0, 9, 9),
                    score=0.2, dismissed=True) for _ in range(2)]
    hidden = Finding(kind=Kind.FACE, label="face", action=Action.ANONYMISED, reason="no consent gallery", box=Box(20, 20, 60, 60))
    assert describe_findings([hidden, *left]) == "1 face anonymised, 2 face-like areas with no sign of a person left as they are"
    assert describe_findings(left[:1]) == "1 face-like area with no sign of a person left as it is"


@pytest.mark.slow
def test_check_and_scrub_agree_on_tree_tops(tmp_path: Path) -> None:
    """check follows the same rule: the tree tops it finds are not faces it counts, so
    the photo is not NOT SAFE for them; scrub leaves them, and its output checks SAFE."""
    from mediascrub.pipeline import Pipeline
    from mediascrub.stages.own_patches import counts_in_check

    pipe = Pipeline(Policy())
    src = EXAMPLES / "HTC_Desire.jpg"
    before = pipe.check(src)
    found = [f for f in before.findings if f.kind is Kind.FACE]
    assert found and not any(counts_in_check(f) for f in found)
    report = pipe.scrub(src, tmp_path / "out" / "HTC_Desire.jpg")
    assert report.output is not None, report.reason
    assert not any(f.kind is Kind.FACE and f.action is Action.ANONYMISED for f in report.findings)
    after = pipe.check(Path(report.output))
    assert after.safe, [f.to_dict() for f in after.findings]


def test_dismissed_is_typed_and_written_in_the_record_as_detail() -> None:
    """``Finding.dismissed`` goes into the JSON record as ``detail["dismissed"]`` and comes back."""
    from mediascrub.findings import Finding

    f = Finding(kind=Kind.FACE, label="face", action=Action.KEPT, reason="face-like area left as it is",
                box=Box(1, 2, 30, 40), score=0.15, detail={"evidence": "no sign of a person"}, dismissed=True)
    d = f.to_dict()
    assert d["detail"] == {"evidence": "no sign of a person", "dismissed": True}
    assert Finding.from_dict(d) == f
    assert not Finding.from_dict({**d, "detail": {"evidence": "no sign of a person"}}).dismissed


# ---------------------------------------------------------------- clips: the same rule per track


def _tree_clip(path: Path, face_size: int = 0, frames: int = 8) -> tuple[Path, list[np.ndarray]]:
    """A camera panning 2 px a frame over the tree tops of the quick-start photo (the detector fires
    weakly on them, frame after frame), with the astronaut's head and shoulders ``face_size`` px high
    pasted at the bottom right (none when 0)."""
    from _video_util import astronaut_face, write_clip

    with Image.open(EXAMPLES / "HTC_Desire.jpg") as im:
        trees = np.asarray(im.convert("RGB"))
    w, h = 560, 400
    out = []
    for i in range(frames):
        f = trees[0:h, 100 + 2 * i : 100 + 2 * i + w].copy()
        if face_size:
            face = astronaut_face(face_size)
            f[h - face.shape[0] :, w - face.shape[1] - 10 : w - 10] = face
        out.append(np.ascontiguousarray(f))
    return write_clip(path, out), out


@pytest.mark.slow
def test_a_track_of_weak_boxes_on_trees_is_left_and_a_real_face_track_is_hidden(tmp_path: Path) -> None:
    """Clips judge each face track by the photo's rule: tracks whose every detection was a weak box
    with no sign of a person (the tree tops) are left as they are in every frame, KEPT with the reason
    in the record; the real face's track is hidden in every frame; check counts neither the tree
    tracks on the untouched clip nor anything on the output."""
    from _video_util import decode_clip

    from mediascrub.findings import Status

    policy = Policy(text=dataclasses.replace(Policy().text, enabled=False))
    src, frames = _tree_clip(tmp_path / "garden.mp4", face_size=300)
    report = Pipeline(policy).scrub(src, tmp_path / "out" / src.name, quarantine=tmp_path / "held" / src.name)
    assert report.status is Status.PUBLISHED, report.reason
    tracks = [f for f in report.findings if f.kind is Kind.FACE]
    left = [f for f in tracks if f.action is Action.KEPT]
    hidden = [f for f in tracks if f.action is Action.ANONYMISED]
    assert left and hidden, [f.to_dict() for f in tracks]
    for f in left:
        assert "no sign of a person in any frame: left as it is in frames" in f.reason and f.detail["frames_hidden"] == 0
        assert f.box is not None and f.box.y1 < 200  # the tree tops, away from the face
    face = next(f for f in hidden if f.box is not None and f.box.x0 > 380 and f.box.y0 > 120)
    assert face.detail["frames_hidden"] == len(frames)
    got, _ = decode_clip(Path(report.output or ""))
    assert len(got) == len(frames)
    for i, (a, b) in enumerate(zip(frames, got, strict=True)):
        diff = np.abs(a.astype(float) - b.astype(float)).mean(axis=2)
        assert diff[180:260, 440:510].mean() > 20, i  # the middle of the face, hidden in every frame
        for f in left:
            assert f.box is not None
            x0, y0, x1, y1 = f.box.int_bounds()
            x0, x1 = max(0, x0 - 2 * i), max(1, x1 - 2 * i)  # the camera pans 2 px a frame
            assert diff[y0:y1, x0:x1].mean() < 8, (i, f.reason)  # compression noise only
    assert Pipeline(policy).check(Path(report.output or "")).safe is True
    # The same clip without the face (as the camera wrote it: its container tags are still to
    # remove): check does not count the tree tracks; scrub leaves them, where with the second opinion
    # off it would hide them (every weak track hidden, as before). (Check on clips also counts a track
    # only when 3 of its detections reach faces.check_threshold, which weak tree tracks never do.)
    bare, _ = _tree_clip(tmp_path / "trees.mp4")
    checked = Pipeline(policy).check(bare)
    assert "face" not in (checked.reason or ""), checked.reason
    assert any(f.kind is Kind.FACE and f.action is Action.KEPT for f in checked.findings)
    old = dataclasses.replace(policy, faces=dataclasses.replace(policy.faces, second_opinion=False))
    again = Pipeline(old).scrub(bare, tmp_path / "out-old" / bare.name)
    assert any(f.kind is Kind.FACE and f.action is Action.ANONYMISED for f in again.findings), again.reason
