"""The second look before publishing (``faces.second_look``, ``text.reread``): photos only.

Once faces and text are decided, :func:`second_look_stage` draws them in memory,
encodes that as the file will be published, and looks again: faces ``check``
would count there, and text a new reading would hide, are hidden too.

Not on clips (``stages.OnClips.PHOTOS_ONLY``): tried frame by frame while
rendering, it made 2 of the 8 evaluation clips SAFE for 42% more time (README, Clips).
"""

from __future__ import annotations

import io
from dataclasses import replace
from typing import TYPE_CHECKING

import numpy as np

from ..findings import Action, Box, Finding, Kind
from . import StageContext
from .check import HOG_THRESHOLD, hog_faces
from .face_evidence import Candidate, judge_faces
from .faces import MERGE_IOU, UPSCALE_BELOW, FaceDetection, _finding, detect_faces, detector_passes
from .own_patches import below_check_bar, is_own_patch
from .redact import HIDDEN_ACTIONS, redact_findings

if TYPE_CHECKING:
    from collections.abc import Sequence

#: After anonymising, the detector scores what is around each patch anew: a
#: chin and neck below a mosaic, a neighbour in a crowd whose context changed
#: (and a JPEG re-encode moves scores a little everywhere). A second look, on
#: the picture anonymised in memory and encoded as it will be published
#: (``StageContext.published``), hides what ``check`` would count there
#: (:func:`.own_patches.below_check_bar`, at ``faces.check_threshold`` less
#: SECOND_LOOK_MARGIN), so that ``check`` on the output finds nothing it counts. It searches around each new patch (the box
#: enlarged SECOND_LOOK_CONTEXT times, at least SECOND_LOOK_PAD px more each
#: way), or the whole picture once those regions cover SECOND_LOOK_WHOLE of it
#: or when the photo is small, at most SECOND_LOOK_ROUNDS times.
SECOND_LOOK_CONTEXT = 3.0
SECOND_LOOK_PAD = 96
SECOND_LOOK_WHOLE = 0.4
SECOND_LOOK_ROUNDS = 2
#: JPEG and the text stage's boxes move scores by a few hundredths: a box just
#: under ``check_threshold`` in memory must not be just over it in the file.
SECOND_LOOK_MARGIN = 0.05
#: A box overlapping one already hidden more than this (IoU) is that box again:
#: hiding it again would change nothing. One shifted off its patch (a chin and
#: neck below it) is hidden.
SECOND_LOOK_SAME = 0.7


def look_regions(boxes: Sequence[Box], width: int, height: int) -> list[tuple[int, int, int, int]]:
    """Rectangles (x0, y0, x1, y1) around ``boxes`` (each enlarged
    SECOND_LOOK_CONTEXT times, and by at least SECOND_LOOK_PAD px each way),
    overlapping ones joined; the whole picture when they cover
    SECOND_LOOK_WHOLE of it, or when it is small (run upscaled: the passes are
    cheap there, and a crop moves the scores of boxes near its edge)."""
    if max(width, height) < UPSCALE_BELOW:
        return [(0, 0, width, height)]
    rects = []
    for box in boxes:
        r = box.scaled(SECOND_LOOK_CONTEXT)
        r = Box(min(r.x0, box.x0 - SECOND_LOOK_PAD), min(r.y0, box.y0 - SECOND_LOOK_PAD),
                max(r.x1, box.x1 + SECOND_LOOK_PAD), max(r.y1, box.y1 + SECOND_LOOK_PAD))
        rects.append(r.clipped(width, height).int_bounds())
    rects = [(x0, y0, min(x1, width), min(y1, height)) for x0, y0, x1, y1 in rects if x1 > x0 and y1 > y0]
    i = 0
    while i < len(rects):
        a = rects[i]
        for j in range(i + 1, len(rects)):
            b = rects[j]
            if a[0] < b[2] and b[0] < a[2] and a[1] < b[3] and b[1] < a[3]:
                rects[i] = (min(a[0], b[0]), min(a[1], b[1]), max(a[2], b[2]), max(a[3], b[3]))
                del rects[j]
                break
        else:
            i += 1
    if sum((x1 - x0) * (y1 - y0) for x0, y0, x1, y1 in rects) >= SECOND_LOOK_WHOLE * width * height:
        return [(0, 0, width, height)]
    return rects


def jpeg_round_trip(rgb: np.ndarray, quality: int) -> np.ndarray:
    """``rgb`` as the published JPEG at ``quality`` would decode (what ``check`` sees)."""
    from PIL import Image

    buf = io.BytesIO()
    Image.fromarray(np.ascontiguousarray(rgb)).save(buf, format="JPEG", quality=quality)
    with Image.open(buf) as im:
        return np.asarray(im.convert("RGB"))


def _preview(frame: np.ndarray, drawn: list[Finding], ctx: StageContext) -> np.ndarray:
    preview, _ = redact_findings(frame, drawn, ctx.policy)
    if ctx.published is not None:
        return ctx.published(preview)
    return jpeg_round_trip(preview, ctx.policy.output.jpeg_quality)


def _second_look(preview: np.ndarray, drawn: list[Finding], around: list[Box], ctx: StageContext) -> list[FaceDetection]:
    """Detections on ``preview`` (the frame with ``drawn`` hidden, encoded as
    published), near ``around``, that ``check`` would count on the published
    file (see :func:`.own_patches.below_check_bar`; with ``check_threshold``
    lowered by SECOND_LOOK_MARGIN), leaving out the faces found already
    (SECOND_LOOK_SAME)."""
    policy = ctx.policy.faces
    bar = max(1e-3, policy.check_threshold - SECOND_LOOK_MARGIN)
    floor = max(1e-3, policy.threshold - policy.review_band)
    look = replace(policy, threshold=min(bar, floor), review_band=0.0)
    done = [f.box for f in drawn if f.kind is Kind.FACE and f.box is not None]
    h, w = preview.shape[:2]
    passes = detector_passes(w, h)
    seen: list[tuple[FaceDetection, Finding]] = []
    for x0, y0, x1, y1 in look_regions(around, w, h):
        for det in detect_faces(np.ascontiguousarray(preview[y0:y1, x0:x1]), look, passes):
            b = det.box
            box = Box(b.x0 + x0, b.y0 + y0, b.x1 + x0, b.y1 + y0)
            if any(box.iou(d.box) > MERGE_IOU for d, _ in seen):
                continue
            marks = [[x + x0, y + y0] for x, y in det.landmarks] if det.landmarks else None
            d = FaceDetection(box=box, score=det.score, landmarks=marks)
            seen.append((d, _finding(d, policy, ctx.frame_index, is_own_patch(preview, box))))
    judged = below_check_bar([f for _, f in seen], bar, preview)
    # check judges what it counts by the same evidence (stages/face_evidence.py), the faces
    # hidden here, and what it takes for its patches, then being its context; with
    # SECOND_LOOK_MARGIN, as for its bar.
    context = done + [d.box for d, f in seen if f.own_patch]
    evidence = judge_faces(preview, [Candidate(d.box, d.score) for d, _ in seen], policy, context, SECOND_LOOK_MARGIN)
    found = [d for (d, _), f, e in zip(seen, judged, evidence, strict=True)
             if not f.own_patch and not f.below_check_bar and e.hides
             and not any(d.box.iou(b) > SECOND_LOOK_SAME for b in done)]
    if policy.second_detector:
        # What check's second detector could count (hog_findings: anywhere in a
        # scrubbed photo); a box CenterFace found too is hidden once. From HOG's
        # own line, with no margin: the preview is the picture exactly as it will
        # be published, and a window's HOG score changes only where something new
        # is drawn, which the next round looks at again. (From 0.1 under it, the
        # bundled astronaut's suit got a 96 px circle, at -0.00; the WIDER
        # sample's SAFE and pasted-face counts were the same.)
        found += [d for d in hog_faces(preview, HOG_THRESHOLD)
                  if not any(d.box.iou(b) > SECOND_LOOK_SAME for b in done)
                  and not any(d.box.iou(e.box) > MERGE_IOU for e in found)]
    return found


def second_look_stage(frame: np.ndarray, findings: list[Finding], ctx: StageContext) -> list[Finding]:
    """Stage, after every other, so that ``check`` finds nothing in the output
    (not run when checking). With ``faces.second_look``, what the detector finds
    near the patches and text boxes once they are drawn (in memory, encoded as
    they will be published) that ``check`` would count is hidden too: reason
    "... (second look)", ``detail["second_look"]``. A box overlapping a face
    that stays visible (consent) is that person's context: it is kept, not
    hidden. At most SECOND_LOOK_ROUNDS rounds, each around what the round
    before added. Then, with ``text.reread``, the text the picture so drawn
    would still have hidden is hidden too (:func:`.text.reread_drawn`), again
    at most SECOND_LOOK_ROUNDS times.
    """
    policy = ctx.policy.faces
    if ctx.checking:
        return list(findings)
    out = list(findings)
    previews: dict[int, np.ndarray] = {}  # len(out) -> the frame with out drawn: out only grows

    def preview() -> np.ndarray:
        if len(out) not in previews:
            previews.clear()
            previews[len(out)] = _preview(frame, [f for f in out if f.action in HIDDEN_ACTIONS], ctx)
        return previews[len(out)]

    shown = [f.box.scaled(policy.mask_scale) for f in out if f.kind is Kind.FACE and f.action is Action.VISIBLE and f.box is not None]
    new = [f for f in out if f.action in HIDDEN_ACTIONS and f.box is not None and not f.own_patch]
    for _ in range(SECOND_LOOK_ROUNDS if policy.enabled and policy.second_look else 0):
        if not new:
            break
        drawn = [f for f in out if f.action in HIDDEN_ACTIONS]
        found = _second_look(preview(), drawn, [f.box for f in new if f.box is not None], ctx)
        new = []
        for det in found:
            beside = any(det.box.iou(b) > 0 for b in shown)
            hog = det.detector == "hog"
            found_by = f"HOG score {det.score:.2f}" if hog else f"score {det.score:.2f}"
            f = Finding(
                kind=Kind.FACE, label="face", action=Action.KEPT if beside else Action.ANONYMISED,
                reason="beside a consented face (second look)" if beside
                else f"face found once the rest was hidden (second look, {found_by})",
                box=det.box, score=None if hog else round(det.score, 4), frame=ctx.frame_index,
                detail={"second_look": True, **({"landmarks": det.landmarks} if det.landmarks is not None else {}),
                        **({"detector": "hog", "hog_score": round(det.score, 3)} if hog else {})},
            )
            out.append(f)
            if not beside:
                new.append(f)
    if ctx.policy.text.enabled and ctx.policy.text.reread:
        from .text import reread_drawn

        for _ in range(SECOND_LOOK_ROUNDS):  # what one reading hides changes what the next one reads
            more = reread_drawn(preview(), out, ctx)
            out.extend(more)
            if not more:
                break
    return out


__all__ = ["SECOND_LOOK_ROUNDS", "jpeg_round_trip", "look_regions", "second_look_stage"]
