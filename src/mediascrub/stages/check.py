"""``check``'s own stages: what it does not count on a cleaned copy, and a second detector.

``check`` judges a file as ``scrub`` would, with two differences where mediascrub
has already drawn (on a photo it cleaned, :mod:`.own_patches`):

- :func:`check_stage`: a face detection on one of mediascrub's patches is its own
  work (``Finding.own_patch``, set by the face stage), and a faint one where it has
  drawn is not a miss (``Finding.below_check_bar``, under ``faces.check_threshold``);
  neither makes ``check`` say NOT SAFE. On clips it runs on every frame's faces
  before they are tracked (those are left out of the tracks).
- :func:`second_detector_stage` (``faces.second_detector``): dlib's HOG face
  detector, another family, where mediascrub has drawn (:func:`hog_findings`).
  Photos only: HOG is not used on clips (README, Clips).

Both run after every other stage and only while checking (``StageContext.checking``);
``scrub`` is not changed by them.
"""

from __future__ import annotations

import math
import threading
from typing import Any

import cv2
import numpy as np

from ..findings import Action, Box, Finding, Kind
from ..policy import FacePolicy
from . import StageContext
from .faces import MERGE_IOU, FaceDetection, _check_frame
from .own_patches import below_check_bar, counts_in_check, drawn_near, is_own_patch

#: A second detector of another family, consulted where mediascrub has drawn.
#: CenterFace's scores are unstable beside its own patches (hence
#: ``faces.check_threshold``, under which ``check`` does not count a faint box in
#: a scrubbed photo), so a real face pasted into a patch, which the mosaic
#: around it confuses, can score under that bar. dlib's HOG face detector
#: (gradient histograms and a linear classifier; it ships inside dlib, which
#: face_recognition needs anyway) does not fire on mediascrub's patches: on the
#: 114 scrubbed WIDER photos none of its detections lay on one. HOG_THRESHOLD is
#: dlib's own line. Its window is 80 px, so the picture is enlarged up to
#: HOG_UPSCALE times (a 20-px face of a 416-px photo reaches it) and to at most
#: HOG_PIXELS (about 0.15 s); in a 12 MP photo it sees faces of about 170 px up.
HOG_THRESHOLD = 0.0
HOG_UPSCALE = 4.0
HOG_PIXELS = 1664 * 1664


_HOG = threading.local()


def _hog_detector() -> Any:
    """dlib's frontal face detector, one per thread (dlib: concurrent use of one
    object_detector is not safe; the review server and watcher use threads)."""
    det = getattr(_HOG, "detector", None)
    if det is None:
        import dlib

        det = _HOG.detector = dlib.get_frontal_face_detector()
    return det


def hog_faces(rgb: np.ndarray, threshold: float = HOG_THRESHOLD) -> list[FaceDetection]:
    """dlib's HOG face detections in ``rgb`` scoring at least ``threshold``
    (see HOG_THRESHOLD) and not lying on one of mediascrub's patches
    (:func:`.own_patches.is_own_patch`), boxes in ``rgb``'s pixels, clipped to it."""
    _check_frame(rgb)
    h, w = rgb.shape[:2]
    s = min(HOG_UPSCALE, math.sqrt(HOG_PIXELS / float(h * w)))
    size = (max(1, round(w * s)), max(1, round(h * s)))
    im = cv2.resize(rgb, size, interpolation=cv2.INTER_LINEAR if s > 1 else cv2.INTER_AREA)
    sx, sy = size[0] / w, size[1] / h
    rects, scores, _ = _hog_detector().run(np.ascontiguousarray(im), 0, threshold)
    out = []
    for r, score in zip(rects, scores, strict=True):
        box = Box(r.left() / sx, r.top() / sy, (r.right() + 1) / sx, (r.bottom() + 1) / sy).clipped(w, h)
        if box.area > 0 and not is_own_patch(rgb, box):
            out.append(FaceDetection(box=box, score=float(score), detector="hog"))
    return out


def hog_findings(rgb: np.ndarray, findings: list[Finding], policy: FacePolicy, frame_index: int) -> list[Finding]:
    """For ``check``: the faces :func:`hog_faces` finds in the frame ``rgb``
    where ``check`` does not count CenterFace's faint boxes, i.e. where
    mediascrub has drawn (:func:`.own_patches.drawn_near`, as
    :func:`.own_patches.below_check_bar` decides). Left out are those ``findings`` (the
    frame's other findings, judged) account for: a HOG box overlapping
    (MERGE_IOU) a face ``check`` counts is that face; one touching a face left
    visible or kept (its box enlarged ``mask_scale`` times) is that consented
    person's, as the second look decides. One on a faint box ``check`` does
    not count is not accounted for: that is what a face pasted into a patch
    can look like to CenterFace. Each one found makes ``check`` say NOT SAFE."""
    faces = [f for f in findings if f.kind is Kind.FACE and f.box is not None]
    drawn = drawn_near(findings, rgb)
    counted = [f.box for f in faces if counts_in_check(f) and f.box is not None]
    shown = [f.box.scaled(policy.mask_scale) for f in faces
             if f.action in (Action.KEPT, Action.VISIBLE) and not f.dismissed and f.box is not None]
    return [
        Finding(kind=Kind.FACE, label="face", action=Action.ANONYMISED,
                reason=f"face found by a second detector where mediascrub has drawn (HOG, score {d.score:.2f})",
                box=d.box, score=None, frame=frame_index, detail={"detector": "hog", "hog_score": round(d.score, 3)})
        for d in hog_faces(rgb)
        if drawn(d.box) and not any(d.box.iou(b) > MERGE_IOU for b in counted) and not any(d.box.iou(b) > 0 for b in shown)
    ]


def check_stage(frame: np.ndarray, findings: list[Finding], ctx: StageContext) -> list[Finding]:
    """Stage, only while checking: each faint face detection of the frame where mediascrub has
    drawn marked ``below_check_bar`` (:func:`.own_patches.below_check_bar`, at
    ``faces.check_threshold``). Unchanged otherwise."""
    if not ctx.checking:
        return findings
    return below_check_bar(findings, ctx.policy.faces.check_threshold, frame)


def second_detector_stage(frame: np.ndarray, findings: list[Finding], ctx: StageContext) -> list[Finding]:
    """Stage, only while checking, after :func:`check_stage`: the faces HOG finds where
    mediascrub has drawn and the other findings do not account for (:func:`hog_findings`)
    added, each one ANONYMISED (``check`` counts it). Unchanged otherwise."""
    if not ctx.checking:
        return findings
    return findings + hog_findings(frame, findings, ctx.policy.faces, ctx.frame_index)


__all__ = ["HOG_THRESHOLD", "check_stage", "hog_faces", "hog_findings", "second_detector_stage"]
