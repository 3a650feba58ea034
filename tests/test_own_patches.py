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

from mediascrub.findings import Action, Box, Kind
from mediascrub.pipeline import Pipeline
from mediascrub.policy import FaceMode, FacePolicy, Policy, TextPolicy
from mediascrub.stages import StageContext
from mediascrub.stages.faces import detect_faces, face_stage
from mediascrub.stages.own_patches import is_own_patch, on_levels, patch_share
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
