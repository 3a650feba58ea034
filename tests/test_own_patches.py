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
    faces = face_stage(out, [], StageContext(policy=POLICY))
    on_patch = [f for f in faces if f.box is not None and f.box.iou(astro_box) > 0.3]
    assert on_patch  # the detector does fire on the patch
    for f in on_patch:
        assert f.detail.get("own_patch") and f.reason == "already anonymised by mediascrub"
        assert f.action is Action.ANONYMISED  # hidden again all the same
    original = face_stage(img, [], StageContext(policy=POLICY))
    assert [f for f in original if f.kind is Kind.FACE and not f.detail.get("own_patch")]


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
    assert any(f.kind is Kind.FACE and not f.detail.get("own_patch") for f in verdict.findings)


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


def _face(box: Box, score: float, **detail: object) -> Finding:
    return Finding(kind=Kind.FACE, label="face", action=Action.ANONYMISED, reason="r", box=box, score=score, detail=dict(detail))


def test_faint_faces_count_in_check_only_where_mediascrub_has_not_drawn(astro_box: Box) -> None:
    img = astronaut()
    faint, sure = _face(Box(300, 300, 330, 330), 0.15), _face(Box(300, 300, 330, 330), 0.6)
    # A photo mediascrub has not touched: a faint face counts, as scrub would hide it.
    assert [counts_in_check(f) for f in below_check_bar([faint, sure], 0.3, img)] == [True, True]
    # A detection recognised as its own patch: the frame is a scrubbed one; only the sure face counts.
    own = _face(astro_box, 0.5, own_patch=True)
    out = below_check_bar([own, faint, sure], 0.3, img)
    assert [counts_in_check(f) for f in out] == [False, False, True]
    assert out[1].detail["below_check_bar"]
    # No detection on the patch, but patch texture right beside the faint box: excused too.
    drawn = _jpeg(anonymise_face(img, Box(250, 250, 300, 300), POLICY.faces))
    near, far = _face(Box(295, 260, 325, 290), 0.15), _face(Box(20, 400, 50, 430), 0.15)
    assert [counts_in_check(f) for f in below_check_bar([near, far], 0.3, drawn)] == [False, True]


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
