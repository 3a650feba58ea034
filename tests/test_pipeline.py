"""Fail closed: a stage that breaks, a redaction that does not take, an output that does not verify."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest

from conftest import dirty_jpeg
from mediascrub import pipeline as pipeline_mod
from mediascrub.findings import Action, Box, Finding, Kind, Status
from mediascrub.pipeline import Pipeline
from mediascrub.stages import OnClips, RegisteredStage, StageContext, StageList


def _fake_face_stage(frame: np.ndarray, findings: list[Finding], ctx: StageContext) -> list[Finding]:
    return [*findings, Finding(Kind.FACE, "face", Action.ANONYMISED, "test", box=Box(40, 40, 120, 140), score=0.9)]


def _broken_stage(frame: np.ndarray, findings: list[Finding], ctx: StageContext) -> list[Finding]:
    raise RuntimeError("model exploded")


def _unsure_stage(frame: np.ndarray, findings: list[Finding], ctx: StageContext) -> list[Finding]:
    return [*findings, Finding(Kind.FACE, "face", Action.REVIEW, "uncertain face (score 0.11)", box=Box(10, 10, 50, 50), score=0.11)]


@pytest.fixture
def src(make_file) -> Path:
    return make_file("photo.jpg", dirty_jpeg())


def _pipeline(metadata_only_policy, monkeypatch: pytest.MonkeyPatch, stages) -> Pipeline:
    registered = StageList(per_frame=tuple(RegisteredStage(name, run, OnClips.SAMPLED) for name, run in stages))
    monkeypatch.setattr(pipeline_mod, "build_stages", lambda policy: registered)
    return Pipeline(metadata_only_policy)


def test_failing_stage_publishes_nothing_and_quarantines(src: Path, tmp_path: Path, metadata_only_policy, monkeypatch) -> None:
    p = _pipeline(metadata_only_policy, monkeypatch, [("faces", _broken_stage)])
    report = p.scrub(src, tmp_path / "out" / "photo.jpg", quarantine=tmp_path / "q" / "photo.jpg")
    assert report.status == Status.QUARANTINED
    assert "faces stage failed" in (report.reason or "") and "model exploded" in (report.reason or "")
    assert not (tmp_path / "out").exists() or not any((tmp_path / "out").iterdir())
    assert (tmp_path / "q" / "photo.jpg").read_bytes() == src.read_bytes()
    assert "faces stage failed" in (tmp_path / "q" / "photo.jpg.reason.txt").read_text()


def test_unsure_stage_sends_the_file_to_review(src: Path, tmp_path: Path, metadata_only_policy, monkeypatch) -> None:
    p = _pipeline(metadata_only_policy, monkeypatch, [("faces", _unsure_stage)])
    report = p.scrub(src, tmp_path / "out" / "photo.jpg")
    assert report.status == Status.FAILED
    assert "needs a person to review" in (report.reason or "")
    assert not (tmp_path / "out" / "photo.jpg").exists()


def test_redaction_that_does_not_take_fails_verification(src: Path, tmp_path: Path, metadata_only_policy, monkeypatch) -> None:
    from mediascrub.stages import redact

    def no_op(rgb, findings, policy):  # claims to have changed a region but did not
        return rgb.copy(), [(40, 40, 120, 140)]

    monkeypatch.setattr(redact, "redact_findings", no_op)
    p = _pipeline(metadata_only_policy, monkeypatch, [("faces", _fake_face_stage)])
    report = p.scrub(src, tmp_path / "out" / "photo.jpg")
    assert report.status == Status.FAILED
    assert "not changed enough" in (report.reason or "")
    assert not (tmp_path / "out" / "photo.jpg").exists()


def test_face_is_redacted_in_the_published_file(src: Path, tmp_path: Path, metadata_only_policy, monkeypatch) -> None:
    p = _pipeline(metadata_only_policy, monkeypatch, [("faces", _fake_face_stage)])
    report = p.scrub(src, tmp_path / "out" / "photo.jpg")
    assert report.status == Status.PUBLISHED, report.reason
    assert not any("DCT coefficients" in n for n in report.notes)  # pixels changed: never the coefficient path
    from PIL import Image

    before = np.asarray(Image.open(src).convert("L"), dtype=float)[60:120, 60:100]
    after = np.asarray(Image.open(report.output).convert("L"), dtype=float)[60:120, 60:100]
    assert np.abs(before - after).mean() > 10


def test_unexpected_bug_in_encoding_fails_closed(src: Path, tmp_path: Path, metadata_only_policy, monkeypatch) -> None:
    def boom(*a, **k):
        raise ZeroDivisionError("bug")

    monkeypatch.setattr(pipeline_mod, "transcode_jpeg", boom)
    p = _pipeline(metadata_only_policy, monkeypatch, [])
    report = p.scrub(src, tmp_path / "out" / "photo.jpg")
    assert report.status == Status.FAILED
    assert "internal error" in (report.reason or "")
    out = tmp_path / "out"
    assert not out.exists() or list(out.iterdir()) == []  # neither the photo nor a temp file


@pytest.mark.parametrize(("fmt", "save"), [("jpg", {"quality": 90, "subsampling": 0}), ("jpg", {"quality": 90, "subsampling": 2}),
                                           ("webp", {"quality": 80}), ("png", {})])
def test_the_second_look_sees_the_picture_as_it_will_be_published(tmp_path: Path, fmt: str, save: dict[str, object]) -> None:
    """``as_published`` (the second look's preview) decodes to exactly what the
    written file will: same encoder, same settings (a 4:4:4 JPEG stays 4:4:4)."""
    import io

    from _faces_util import astronaut
    from PIL import Image

    from mediascrub.media.image import as_published, encode_image, load_image
    from mediascrub.policy import Policy

    src = tmp_path / f"a.{fmt}"
    Image.fromarray(astronaut()).save(src, **save)
    policy = Policy().output
    loaded = load_image(src, policy)
    frame = loaded.frames[0].copy()
    frame[100:200, 100:200] = 128  # a change, as a redaction makes
    data, _ = encode_image(loaded, [frame], policy)
    with Image.open(io.BytesIO(data)) as im:
        written = np.asarray(im.convert("RGB"))
    assert np.array_equal(as_published(loaded, frame, policy), written)
