"""MTCNN's RNet and ONet (stages/mtcnn.py): loaded from models/ (no download,
SHA-256 checked), a real face crop scores high, texture and a cat low.

Faces: scikit-image's astronaut (NASA, public domain), also pasted small on a
noisy canvas; non-faces: seeded noise, leaves-like texture, brick-like stripes
and scikit-image's chelsea (a cat, CC0).
"""

from __future__ import annotations

import shutil
from pathlib import Path

import cv2
import numpy as np
import pytest
from _faces_util import astronaut, chelsea, paste

from mediascrub import models
from mediascrub.errors import ModelError
from mediascrub.findings import Box
from mediascrub.stages import mtcnn

FACE = Box(160, 50, 260, 170)  # the astronaut's face, forehead to chin


def test_models_are_in_models_folder_with_their_checksums() -> None:
    for name, digest in ((mtcnn.ONET_NAME, mtcnn.ONET_SHA256), (mtcnn.RNET_NAME, mtcnn.RNET_SHA256)):
        path = models.model_path(name)
        assert models.sha256_of(path) == digest
        assert digest in (path.parent / "README.md").read_text(encoding="utf-8")


def test_a_damaged_model_is_refused(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    bad = tmp_path / mtcnn.ONET_NAME
    shutil.copy(models.model_path(mtcnn.ONET_NAME), bad)
    data = bytearray(bad.read_bytes())
    data[len(data) // 2] ^= 0xFF
    bad.write_bytes(bytes(data))
    monkeypatch.setenv(models.MODELS_ENV, str(tmp_path))
    models.clear_cache()
    try:
        with pytest.raises(ModelError, match="damaged"):
            mtcnn.onet_weights()
    finally:
        monkeypatch.delenv(models.MODELS_ENV)
        models.clear_cache()


def test_a_face_scores_high() -> None:
    img = astronaut()
    assert mtcnn.onet_scores(img, [FACE])[0] > 0.99
    assert mtcnn.rnet_scores(img, [FACE])[0] > 0.99
    # Small (about 24 px), on a noisy canvas, found at its place.
    canvas, (cx, cy) = paste((200, 200), img[40:190, 140:280], 0.2, 0.0, (80, 60))
    small = Box(cx - 10, cy - 12, cx + 10, cy + 12)
    assert mtcnn.onet_scores(canvas, [small])[0] > 0.9


def test_texture_and_a_cat_score_low() -> None:
    rng = np.random.default_rng(3)
    noise = rng.integers(0, 256, (120, 120, 3), dtype=np.uint8)
    leaves = cv2.GaussianBlur(noise, (0, 0), 2)
    leaves[..., 1] = np.clip(leaves[..., 1].astype(int) + 60, 0, 255).astype(np.uint8)
    bricks = np.full((120, 120, 3), (150, 60, 40), np.uint8)
    bricks[::12] = (200, 200, 190)
    bricks[:, ::24] = (200, 200, 190)
    box = Box(20, 20, 100, 100)
    for img in (noise, leaves, bricks):
        assert mtcnn.onet_scores(img, [box])[0] < 0.1
    cat = chelsea()
    assert mtcnn.onet_scores(cat, [Box(130, 20, 330, 220)])[0] < 0.5  # the cat's head
    assert mtcnn.onet_scores(img, []) == []


def test_crop_outside_the_picture_is_zero_padded() -> None:
    img = np.full((50, 50, 3), 200, np.uint8)
    crop = mtcnn.square_crop(img, Box(30, 30, 70, 70), 48)
    assert crop.shape == (48, 48, 3)
    assert crop[5, 5].tolist() == [200, 200, 200] and crop[-5, -5].tolist() == [0, 0, 0]
