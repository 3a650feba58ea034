"""mediascrub's signature in its own patches: every anonymised pixel's luma sits
on a few fixed levels, which survives JPEG, so ``check`` can tell its own work
from a face that was missed (and still catches a real face pasted back)."""

from __future__ import annotations

import dataclasses
import io
from pathlib import Path

import numpy as np
import pytest
from _faces_util import astronaut
from PIL import Image

from mediascrub.findings import Action, Box, Finding, Kind
from mediascrub.pipeline import Pipeline
from mediascrub.policy import FaceMode, FacePolicy, Policy, TextPolicy
from mediascrub.stages import StageContext
from mediascrub.stages.faces import detect_faces, face_stage
from mediascrub.stages.own_patches import below_check_bar, counts_in_check, is_own_patch, on_levels, patch_share, patch_texture
from mediascrub.stages.redact import LUMA_LEVELS, anonymise_face, luma, snap_luma

POLICY = Policy(text=TextPolicy(enabled=False))


def _jpeg(rgb: np.ndarray, quality: int = 95) -> np.ndarray:
    buf = io.BytesIO()
    Image.fromarray(rgb).save(buf, format="JPEG", quality=quality)
    return np.asarray(Image.open(io.BytesIO(buf.getvalue())).convert("RGB"))


def test_snap_luma_puts_every_colour_on_a_level() -> None:
    colours = np.random.default_rng(3).uniform(0, 255, (20000, 3))
    y = luma(snap_luma(colours))
    assert np.abs(y[:, None] - np.array(LUMA_LEVELS)[None, :]).min(axis=1).max() <= 1.0
    assert on_levels(snap_luma(colours)).all()


@pytest.fixture(scope="module")
def astro_box() -> Box:
    return detect_faces(astronaut(), FacePolicy())[0].box


@pytest.mark.parametrize("mode", list(FaceMode))
def test_each_mode_is_recognised_after_jpeg_and_a_real_face_is_not(astro_box: Box, mode: FaceMode) -> None:
    img = astronaut()
    out = _jpeg(anonymise_face(img, astro_box, dataclasses.replace(FacePolicy(), mode=mode)))
    assert is_own_patch(out, astro_box), patch_share(out, astro_box)
    assert not is_own_patch(img, astro_box), patch_share(img, astro_box)
    assert not is_own_patch(_jpeg(img), astro_box)


def test_box_too_small_or_outside_is_never_a_patch() -> None:
    flat = np.full((40, 40, 3), 48, np.uint8)  # on a level everywhere
    assert is_own_patch(flat, Box(10, 10, 30, 30))
    assert not is_own_patch(flat, Box(-50, -50, -40, -40))


def test_face_stage_marks_detections_on_its_own_patches(astro_box: Box) -> None:
    img = astronaut()
    out = _jpeg(anonymise_face(img, astro_box, POLICY.faces))
    faces = face_stage(out, [], StageContext(policy=POLICY, checking=True))
    on_patch = [f for f in faces if f.box is not None and f.box.iou(astro_box) > 0.3]
    assert on_patch  # the detector does fire on the patch
    for f in on_patch:
        assert f.own_patch and f.reason == "already anonymised by mediascrub"
        assert f.action is Action.ANONYMISED  # hidden again all the same
    # Scrubbing, a detection on a patch is judged like any other (stages/face_evidence.py): hidden
    # again when something vouches for it, else left (it is noise already; a natural area that
    # looks like a patch is not hidden for that alone).
    scrubbing = [f for f in face_stage(out, [], StageContext(policy=POLICY)) if f.box is not None and f.box.iou(astro_box) > 0.3]
    assert scrubbing
    for f in scrubbing:
        if f.own_patch:
            assert f.action is Action.ANONYMISED and "evidence" not in f.detail
        else:
            assert f.action is Action.KEPT and f.dismissed and (f.score or 0) < POLICY.faces.confident
    original = face_stage(img, [], StageContext(policy=POLICY))
    assert [f for f in original if f.kind is Kind.FACE and not f.own_patch]


@pytest.mark.slow
def test_check_trusts_scrubbed_output_and_catches_a_face_pasted_back(tmp_path: Path, astro_box: Box) -> None:
    """With ``faces.second_look`` (what fires beside the patch is hidden too) a
    scrubbed portrait checks SAFE; a real face pasted back is caught."""
    src = tmp_path / "astronaut.jpg"
    Image.fromarray(astronaut()).save(src, quality=95)
    pipe = Pipeline(dataclasses.replace(POLICY, faces=dataclasses.replace(POLICY.faces, second_look=True)))
    assert not pipe.check(src).safe
    report = pipe.scrub(src, tmp_path / "out" / "astronaut.jpg")
    assert report.output is not None, report.reason
    cleaned = Path(report.output)
    assert pipe.check(cleaned).safe
    # A real face back in the cleaned photo must be caught.
    pixels = np.asarray(Image.open(cleaned).convert("RGB")).copy()
    x0, y0, x1, y1 = astro_box.int_bounds()
    pixels[y0:y1, x0:x1] = astronaut()[y0:y1, x0:x1]
    pasted = tmp_path / "pasted.jpg"
    Image.fromarray(pixels).save(pasted, quality=95)
    verdict = pipe.check(pasted)
    assert not verdict.safe
    assert any(f.kind is Kind.FACE and not f.own_patch for f in verdict.findings)


def test_smooth_dark_hair_on_the_lowest_level_is_not_a_patch() -> None:
    """A natural area whose luma happens to sit near a level (dark hair, a face in
    shadow, about 48) lies "on the levels" but varies smoothly within one: it is
    neither a patch's noise across levels nor a fill's flat colour."""
    yy, xx = np.mgrid[0:60, 0:60]
    hair = (48 + 5.5 * np.sin(xx / 3.0 + yy / 5.0)).round().astype(np.uint8)  # strands: a spread of about 4
    img = np.repeat(hair[..., None], 3, axis=2)
    box = Box(10, 10, 50, 50)
    assert patch_share(img, box) > 0.9  # the share alone would take it for a patch
    assert not is_own_patch(img, box)
    assert not is_own_patch(_jpeg(img), box)
    assert not patch_texture(img).any()


def _face(box: Box, score: float, *, own_patch: bool = False, below_check_bar: bool = False) -> Finding:
    return Finding(kind=Kind.FACE, label="face", action=Action.ANONYMISED, reason="r", box=box, score=score,
                   own_patch=own_patch, below_check_bar=below_check_bar)


def test_faint_faces_count_in_check_only_where_mediascrub_has_not_drawn(astro_box: Box) -> None:
    img = astronaut()
    faint, sure = _face(Box(300, 300, 330, 330), 0.15), _face(Box(300, 300, 330, 330), 0.6)
    # A photo mediascrub has not touched: a faint face counts, as scrub would hide it.
    assert [counts_in_check(f) for f in below_check_bar([faint, sure], 0.3, img)] == [True, True]
    # A detection recognised as its own patch: the frame is a scrubbed one; only the sure face counts.
    own = _face(astro_box, 0.5, own_patch=True)
    out = below_check_bar([own, faint, sure], 0.3, img)
    assert [counts_in_check(f) for f in out] == [False, False, True]
    assert out[1].below_check_bar
    # No detection on the patch, but patch texture right beside the faint box: excused too.
    drawn = _jpeg(anonymise_face(img, Box(250, 250, 300, 300), POLICY.faces))
    near, far = _face(Box(295, 260, 325, 290), 0.15), _face(Box(20, 400, 50, 430), 0.15)
    assert [counts_in_check(f) for f in below_check_bar([near, far], 0.3, drawn)] == [False, True]


@pytest.mark.slow
def test_check_notes_what_it_recognised(tmp_path: Path) -> None:
    from typer.testing import CliRunner

    from mediascrub.cli.app import app

    src = tmp_path / "astronaut.jpg"
    Image.fromarray(astronaut()).save(src, quality=95)
    out = tmp_path / "out"
    assert Pipeline(POLICY).scrub(src, out / "astronaut.jpg").output
    res = CliRunner().invoke(app, ["check", str(out / "astronaut.jpg")])
    assert res.exit_code == 0, res.output
    assert res.output.startswith("SAFE")
    assert "face patch(es) drawn by mediascrub recognised" in res.output


# -- the second detector (dlib's HOG), consulted where mediascrub has drawn -----------------


def _two_astronauts() -> np.ndarray:
    return np.ascontiguousarray(np.concatenate([astronaut(), astronaut()], axis=1))


@pytest.mark.parametrize("mode", [pytest.param(m, marks=() if m is FaceMode.BLUR else pytest.mark.slow) for m in FaceMode])
def test_hog_finds_a_real_face_and_not_the_patch_drawn_over_it(astro_box: Box, mode: FaceMode) -> None:
    from mediascrub.stages.check import HOG_THRESHOLD, hog_faces

    img = astronaut()
    assert any(d.box.iou(astro_box) > 0.5 and d.score >= HOG_THRESHOLD and d.detector == "hog" for d in hog_faces(img))
    out = _jpeg(anonymise_face(img, astro_box, dataclasses.replace(FacePolicy(), mode=mode)))
    assert not [d for d in hog_faces(out, HOG_THRESHOLD) if d.box.iou(astro_box) > 0.1]


def _scrub_paste_check(tmp_path: Path, second_detector: bool) -> tuple[Pipeline, Path, Path, Box]:
    """Two astronauts side by side, scrubbed; then the right one's face pasted
    back. ``check_threshold`` 0.99 makes CenterFace's score on that face (about
    0.9) one of the faint boxes check does not count in a scrubbed photo, so
    only the second detector can catch it."""
    faces_policy = dataclasses.replace(POLICY.faces, check_threshold=0.99, second_detector=second_detector)
    pipe = Pipeline(dataclasses.replace(POLICY, faces=faces_policy))
    src = tmp_path / "two.png"
    Image.fromarray(_two_astronauts()).save(src)
    report = pipe.scrub(src, tmp_path / "out" / "two.png")
    assert report.output is not None, report.reason
    cleaned = Path(report.output)
    right = detect_faces(astronaut(), FacePolicy())[0].box
    right = Box(right.x0 + 512, right.y0, right.x1 + 512, right.y1)
    pixels = np.asarray(Image.open(cleaned).convert("RGB")).copy()
    x0, y0, x1, y1 = right.int_bounds()
    pixels[y0:y1, x0:x1] = _two_astronauts()[y0:y1, x0:x1]
    pasted = tmp_path / "pasted.png"
    Image.fromarray(pixels).save(pasted)
    return pipe, cleaned, pasted, right


@pytest.mark.slow
def test_check_catches_a_pasted_face_that_only_the_second_detector_is_sure_of(tmp_path: Path) -> None:
    pipe, cleaned, pasted, right = _scrub_paste_check(tmp_path, second_detector=True)
    assert pipe.check(cleaned).safe
    verdict = pipe.check(pasted)
    assert not verdict.safe
    caught = [f for f in verdict.findings if counts_in_check(f)]
    assert caught and all(f.detail.get("detector") == "hog" and f.box is not None and f.box.iou(right) > 0.5 for f in caught)
    assert "second detector" in caught[0].reason and caught[0].score is None
    # CenterFace saw it too, but under the check bar in a scrubbed photo: not counted.
    assert any(f.below_check_bar and f.box is not None and f.box.iou(right) > 0.5 for f in verdict.findings)


@pytest.mark.slow
def test_without_the_second_detector_that_pasted_face_is_missed(tmp_path: Path) -> None:
    pipe, cleaned, pasted, _ = _scrub_paste_check(tmp_path, second_detector=False)
    assert pipe.check(cleaned).safe
    assert pipe.check(pasted).safe  # what the second detector is for


@pytest.mark.slow
def test_hog_findings_leave_out_faces_already_judged(astro_box: Box) -> None:
    from mediascrub.stages.check import hog_findings

    img = _jpeg(_two_astronauts())
    patch = Box(astro_box.x0 + 512, astro_box.y0, astro_box.x1 + 512, astro_box.y1)
    img = _jpeg(anonymise_face(img, patch, POLICY.faces))  # the right one hidden, the left one not
    own = _face(patch, 0.5, own_patch=True)  # a scrubbed frame

    def on_face(found: list[Finding]) -> list[Finding]:
        return [f for f in found if f.box is not None and f.box.iou(astro_box) > 0.3]

    found = on_face(hog_findings(img, [own], POLICY.faces, 0))
    assert len(found) == 1 and found[0].box is not None and found[0].box.iou(astro_box) > 0.5
    assert found[0].action is Action.ANONYMISED and counts_in_check(found[0])
    faint = _face(astro_box, 0.2, below_check_bar=True)
    assert len(on_face(hog_findings(img, [own, faint], POLICY.faces, 0))) == 1  # CenterFace's faint box is not counted
    sure = _face(astro_box, 0.9)
    assert on_face(hog_findings(img, [own, sure], POLICY.faces, 0)) == []  # counted once, as CenterFace's
    visible = dataclasses.replace(sure, action=Action.VISIBLE)
    assert on_face(hog_findings(img, [own, visible], POLICY.faces, 0)) == []  # a consented person's face
    # A frame without mediascrub's patches: HOG is not consulted beside natural pixels.
    assert hog_findings(_jpeg(astronaut()), [], POLICY.faces, 0) == []


@pytest.mark.slow
def test_hog_gives_the_same_answer_from_several_threads() -> None:
    """dlib's detector must not be shared between threads (the review server and
    the watcher run detection in threads): each thread gets its own."""
    import concurrent.futures as cf

    from mediascrub.stages.check import _hog_detector, hog_faces

    img = astronaut()
    alone = hog_faces(img)
    with cf.ThreadPoolExecutor(4) as pool:
        results = list(pool.map(lambda _: hog_faces(img), range(8)))
    assert alone and all(r == alone for r in results)
    # The guarantee itself: one detector per thread, the same one again within a thread.
    mine = _hog_detector()
    assert _hog_detector() is mine
    with cf.ThreadPoolExecutor(1) as pool:
        theirs = pool.submit(_hog_detector).result()
    assert theirs is not mine


def test_own_work_flags_are_typed_and_written_in_the_record_as_detail() -> None:
    """``own_patch`` and ``below_check_bar`` are fields of a Finding; the JSON record (and a
    run's state, read back) keeps them where it always had them, in ``detail``."""
    f = Finding(kind=Kind.FACE, label="face", action=Action.ANONYMISED, reason="r", box=Box(1, 2, 3, 4), score=0.2,
                detail={"landmarks": [[1.0, 2.0]]}, own_patch=True, below_check_bar=True)
    d = f.to_dict()
    assert d["detail"] == {"landmarks": [[1.0, 2.0]], "own_patch": True, "below_check_bar": True}
    assert Finding.from_dict(d) == f
    assert f.to_dict(show_values=False)["detail"]["own_patch"] is True
    plain = dataclasses.replace(f, detail={}, own_patch=False, below_check_bar=False)
    assert "detail" not in plain.to_dict() and Finding.from_dict(plain.to_dict()) == plain


def test_check_stages_change_nothing_outside_check(astro_box: Box) -> None:
    from mediascrub.stages.check import check_stage, second_detector_stage

    img = _jpeg(anonymise_face(astronaut(), astro_box, POLICY.faces))
    found = [_face(astro_box, 0.5, own_patch=True), _face(Box(300, 300, 330, 330), 0.15)]
    ctx = StageContext(policy=POLICY)
    assert check_stage(img, found, ctx) == found and second_detector_stage(img, found, ctx) == found
    ctx.checking = True
    judged = check_stage(img, found, ctx)
    assert [f.below_check_bar for f in judged] == [False, True]  # faint, where mediascrub has drawn
