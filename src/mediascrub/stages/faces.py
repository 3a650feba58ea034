"""Face detection tuned for recall: CenterFace (ONNX) run on an image pyramid.

CenterFace finds faces from about 8 to a few hundred pixels in the picture it
is given. One pass at the photo's own resolution misses the smallest faces of
a small photo and the largest faces of a big one, so :func:`detect_faces`
runs it at a few scales chosen from the image size (:func:`pyramid_scales`)
and merges the boxes found at several scales into one per face
(:func:`merge_detections`). CenterFace wants RGB pixels (fed BGR it loses about
a fifth of the faces); frames in mediascrub are RGB throughout.

The stage callable :func:`face_stage` turns detections into Findings; the pixels
are changed later by :mod:`mediascrub.stages.redact`.
"""

from __future__ import annotations

import math
import threading
from collections.abc import Sequence
from dataclasses import dataclass, replace
from typing import Any

import cv2
import numpy as np

from ..errors import StageError
from ..findings import Action, Box, Finding, Kind
from ..models import load_onnx
from ..policy import FacePolicy
from . import StageContext

MODEL_NAME = "centerface.onnx"
MODEL_SHA256 = "a55914d0f3472fa07baa66f09b4056301e5f771ffa6717faf2322707965fefc1"

#: Largest upscale factor for small photos. 2x lets CenterFace see faces of
#: 5-10 px (WIDER crowds); more costs time and adds false positives.
MAX_UPSCALE = 2.0
#: A photo whose long side is below this is also run upscaled (see MAX_UPSCALE).
UPSCALE_BELOW = 1400
#: Extra passes shrink the picture by this factor each, down to COARSEST_SIDE,
#: so faces that fill much of a big photo are seen at a size CenterFace knows.
PYRAMID_STEP = 4.0
COARSEST_SIDE = 640
#: In every pass but the coarsest, detections larger than this (px at that
#: pass's scale) are dropped: the next pass finds them at a size CenterFace
#: handles well (its boxes saturate at about 450 px).
MAX_FACE_IN_PASS = 400
#: A pass whose scaled picture is wider or taller than this runs in tiles
#: (memory: CenterFace needs about 220 bytes per input pixel).
TILE_SIDE = 2560
#: Tiles overlap by this much, more than MAX_FACE_IN_PASS plus context, so
#: every face a pass keeps lies whole inside some tile.
TILE_OVERLAP = 544
#: Small photos (those run upscaled) also get two extra passes at the upscale:
#: the picture mirrored left-right, and the picture stretched sideways by
#: STRETCH (at a vertical scale of 1/sqrt(STRETCH) of the upscale, so the pass
#: costs what the upscaled one does). Both see faces the plain pass scores just
#: below the threshold: turned heads look different mirrored, and faces
#: narrowed by a photo squeezed to a new aspect ratio (or by a turned head)
#: look like faces again when widened. Measured on the even (tuning) half of the
#: WIDER sample: 0.979 -> 0.982 protected (at mask 1.2, 4 fewer misses in 335).
#: Big photos do not get them: the time there goes into the 1x pass.
STRETCH = 2.0
#: Boxes from different scales overlapping more than this (IoU) are one face.
MERGE_IOU = 0.3
#: A box lying this much (share of its own area) inside a higher-scoring box is
#: a duplicate: the bigger box hides it anyway.
MERGE_CONTAINED = 0.8


@dataclass(frozen=True)
class FaceDetection:
    """One face: its detector box (not enlarged), score in [0, 1] and, when the
    model gives them, 5 landmarks ``[[x, y], ...]`` in image pixels: the eye on
    the image's left, the other eye, the nose tip, the mouth corner on the
    image's left, the other mouth corner."""

    box: Box
    score: float
    landmarks: list[list[float]] | None = None
    #: "centerface", or "hog" for :func:`hog_faces` (whose score is dlib's
    #: margin, not a probability: 0 is its own line, higher is surer).
    detector: str = "centerface"


def pyramid_scales(width: int, height: int) -> list[float]:
    """Scales at which to run the detector on a ``width`` x ``height`` image.

    Small photos (long side below ``UPSCALE_BELOW``) are run at up to
    ``MAX_UPSCALE`` as well as 1x: more small faces found, about 5x the time
    of one pass (cheap at these sizes). Big photos run at 1x, which finds faces
    down to about 10 px and dominates the time, plus passes shrunk by
    ``PYRAMID_STEP`` each (1/16 of the cost each) until the long side is at most
    ``COARSEST_SIDE``, for faces that fill the frame.
    """
    side = max(width, height)
    scales: list[float] = []
    if side < UPSCALE_BELOW:
        up = min(MAX_UPSCALE, UPSCALE_BELOW / side)
        if up > 1.2:
            scales.append(up)
    scales.append(1.0)
    coarsest = COARSEST_SIDE / side
    s = 1.0
    while s > coarsest * 1.01:
        s = max(s / PYRAMID_STEP, coarsest)
        scales.append(s)
    return scales


@dataclass(frozen=True)
class DetectorPass:
    """One run of the detector: the picture scaled by ``scale`` (and, across, by
    ``scale * stretch``), mirrored left-right when ``flip``."""

    scale: float
    stretch: float = 1.0
    flip: bool = False


def detector_passes(width: int, height: int) -> list[DetectorPass]:
    """The passes for a ``width`` x ``height`` photo: one per pyramid scale
    (:func:`pyramid_scales`, finest first) and, for a photo run upscaled, a
    mirrored and a sideways-stretched pass at the upscale (see STRETCH)."""
    scales = pyramid_scales(width, height)
    passes = [DetectorPass(s) for s in scales]
    if scales[0] > 1.0:
        up = scales[0]
        passes.insert(1, DetectorPass(up, flip=True))
        passes.insert(2, DetectorPass(up / math.sqrt(STRETCH), stretch=STRETCH))
    return passes


def _resize(rgb: np.ndarray, scale: float, stretch: float = 1.0) -> tuple[np.ndarray, int, int]:
    """``rgb`` resized by ``scale`` (and by ``scale * stretch`` across; area
    averaging down, linear up), with its new width and height."""
    h, w = rgb.shape[:2]
    nw, nh = max(1, round(w * scale * stretch)), max(1, round(h * scale))
    if (nw, nh) == (w, h):
        return rgb, nw, nh
    interp = cv2.INTER_AREA if scale * min(stretch, 1.0) < 1 else cv2.INTER_LINEAR
    return cv2.resize(rgb, (nw, nh), interpolation=interp), nw, nh


def _to_blob(rgb: np.ndarray, scale: float) -> tuple[np.ndarray, int, int]:
    """Resize by ``scale``, pad right/bottom to a multiple of 32, NCHW float32 (0..255 RGB)."""
    img, nw, nh = _resize(rgb, scale)
    pw, ph = math.ceil(nw / 32) * 32, math.ceil(nh / 32) * 32
    blob = np.zeros((1, 3, ph, pw), dtype=np.float32)
    blob[0, :, :nh, :nw] = img.transpose(2, 0, 1)
    return blob, nw, nh


def _decode(outputs: Sequence[np.ndarray], threshold: float) -> tuple[np.ndarray, np.ndarray]:
    """CenterFace heads -> (N x 5 boxes x0,y0,x1,y1,score; N x 10 landmarks) in model-input pixels.

    Only local maxima of the heatmap (3x3) are decoded: their neighbours give
    the same face again, shifted by a pixel.
    """
    heat, scale, offset, lms = outputs
    hm = heat[0, 0]
    peaks = (hm >= cv2.dilate(hm, np.ones((3, 3), np.uint8))) & (hm >= threshold)
    ys, xs = np.nonzero(peaks)
    if len(ys) == 0:
        return np.zeros((0, 5), np.float32), np.zeros((0, 10), np.float32)
    bh = np.exp(scale[0, 0, ys, xs]) * 4.0
    bw = np.exp(scale[0, 1, ys, xs]) * 4.0
    cx = (xs + offset[0, 1, ys, xs] + 0.5) * 4.0
    cy = (ys + offset[0, 0, ys, xs] + 0.5) * 4.0
    x0, y0 = cx - bw / 2.0, cy - bh / 2.0
    boxes = np.stack([x0, y0, x0 + bw, y0 + bh, hm[ys, xs]], axis=1).astype(np.float32)
    marks = np.empty((len(ys), 10), np.float32)
    for j in range(5):
        marks[:, 2 * j] = lms[0, 2 * j + 1, ys, xs] * bw + x0
        marks[:, 2 * j + 1] = lms[0, 2 * j, ys, xs] * bh + y0
    return boxes, marks


def tiles(length: int) -> tuple[list[int], int]:
    """(start offsets, tile length): evenly spread tiles of at most TILE_SIDE
    (a multiple of 32) covering ``length``, neighbours overlapping by at least
    TILE_OVERLAP. One tile when ``length`` fits."""
    if length <= TILE_SIDE:
        return [0], length
    n = math.ceil((length - TILE_OVERLAP) / (TILE_SIDE - TILE_OVERLAP))
    side = min(length, math.ceil((length + (n - 1) * TILE_OVERLAP) / n / 32) * 32)
    step = (length - side) / (n - 1)
    return [round(i * step) for i in range(n)], side


def run_centerface(
    rgb: np.ndarray, scale: float, threshold: float, *, stretch: float = 1.0, flip: bool = False
) -> tuple[np.ndarray, np.ndarray]:
    """One CenterFace pass at ``scale`` (``scale * stretch`` across), on the
    mirrored picture when ``flip``; boxes and landmarks in ``rgb``'s pixels
    (landmarks in the order :class:`FaceDetection` gives, whatever the pass).

    A scaled picture larger than TILE_SIDE is cut into overlapping tiles:
    memory stays near 1.5 GB whatever the photo's size (a 20 MP photo in one
    piece needs 4.4 GB), for about a third more time. Duplicates from the
    overlaps are merged later with the other scales' boxes.
    """
    session = load_onnx(MODEL_NAME, sha256=MODEL_SHA256)
    img, nw, nh = _resize(rgb[:, ::-1] if flip else rgb, scale, stretch)
    xs, tw = tiles(nw)
    ys, th = tiles(nh)
    all_boxes, all_marks = [], []
    for y in ys:
        for x in xs:
            blob, _, _ = _to_blob(img[y : y + th, x : x + tw], 1.0)
            outputs = session.run(["537", "538", "539", "540"], {"input.1": blob})
            boxes, marks = _decode(outputs, threshold)
            boxes[:, [0, 2]] += x
            boxes[:, [1, 3]] += y
            marks[:, 0::2] += x
            marks[:, 1::2] += y
            all_boxes.append(boxes)
            all_marks.append(marks)
    boxes, marks = np.concatenate(all_boxes), np.concatenate(all_marks)
    boxes[:, [0, 2]] /= scale * stretch
    boxes[:, [1, 3]] /= scale
    marks[:, 0::2] /= scale * stretch
    marks[:, 1::2] /= scale
    if flip:
        w = rgb.shape[1]
        boxes[:, [0, 2]] = w - boxes[:, [2, 0]]
        marks[:, 0::2] = w - marks[:, 0::2]
        marks = marks[:, [2, 3, 0, 1, 4, 5, 8, 9, 6, 7]]  # the eyes and mouth corners swap sides
    return boxes, marks


def merge_detections(boxes: np.ndarray, iou: float = MERGE_IOU, contained: float = MERGE_CONTAINED) -> list[int]:
    """Indices of the boxes to keep: greedy by score, dropping a box that overlaps
    a kept one by more than ``iou`` or lies more than ``contained`` inside it.

    Lower ``iou`` merges more (fewer duplicate masks, less background hidden) but
    may merge two faces cheek to cheek; the kept box still covers most of both.
    """
    if len(boxes) == 0:
        return []
    x0, y0, x1, y1, sc = (boxes[:, i] for i in range(5))
    area = np.maximum(x1 - x0, 0) * np.maximum(y1 - y0, 0)
    order = np.argsort(-sc, kind="stable")
    keep: list[int] = []
    alive = np.ones(len(boxes), bool)
    for i in order:
        if not alive[i]:
            continue
        keep.append(int(i))
        iw = np.maximum(0.0, np.minimum(x1[i], x1) - np.maximum(x0[i], x0))
        ih = np.maximum(0.0, np.minimum(y1[i], y1) - np.maximum(y0[i], y0))
        inter = iw * ih
        over = inter / np.maximum(area[i] + area - inter, 1e-6)
        inside = inter / np.maximum(area, 1e-6)
        alive &= ~((over > iou) | (inside > contained))
    return keep


def _check_frame(rgb: np.ndarray) -> None:
    if not isinstance(rgb, np.ndarray) or rgb.ndim != 3 or rgb.shape[2] != 3 or rgb.dtype != np.uint8:
        raise StageError("face detection needs an RGB uint8 image of shape (H, W, 3)")


def detect_faces(rgb: np.ndarray, policy: FacePolicy, passes: Sequence[DetectorPass] | None = None) -> list[FaceDetection]:
    """Every face in ``rgb`` (uint8, H x W x 3, RGB) scoring at least
    ``policy.threshold - policy.review_band`` (the grey zone included: the caller
    decides what to do with those), with a longer side of at least
    ``policy.min_size`` pixels, boxes clipped to the image, best score first.

    Lower ``policy.threshold`` finds more faces (recall) and hides more
    non-faces (over-redaction); see FacePolicy for the measured trade-off.
    ``passes``: default :func:`detector_passes` for ``rgb``'s size (a crop of a
    bigger picture is given the picture's passes, so it is seen at the same scales).
    """
    _check_frame(rgb)
    h, w = rgb.shape[:2]
    floor = max(1e-3, policy.threshold - policy.review_band)
    all_boxes, all_marks = [], []
    if passes is None:
        passes = detector_passes(w, h)
    for p in passes:
        b, m = run_centerface(rgb, p.scale, floor, stretch=p.stretch, flip=p.flip)
        if p.scale != passes[-1].scale:
            # Beyond MAX_FACE_IN_PASS px CenterFace's boxes stop growing and its
            # false alarms grow (a cat's face at 2x); a coarser pass sees those.
            ok = np.maximum((b[:, 2] - b[:, 0]) * p.stretch, b[:, 3] - b[:, 1]) * p.scale <= MAX_FACE_IN_PASS
            b, m = b[ok], m[ok]
        all_boxes.append(b)
        all_marks.append(m)
    boxes = np.concatenate(all_boxes)
    marks = np.concatenate(all_marks)
    out: list[FaceDetection] = []
    for i in merge_detections(boxes):
        box = Box(*(float(v) for v in boxes[i, :4])).clipped(w, h)
        if box.size < policy.min_size or box.area <= 0:
            continue
        lm = [[round(float(marks[i, 2 * j]), 1), round(float(marks[i, 2 * j + 1]), 1)] for j in range(5)]
        out.append(FaceDetection(box=box, score=float(boxes[i, 4]), landmarks=lm))
    return out


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
    from .own_patches import is_own_patch

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
    from .own_patches import counts_in_check, drawn_near

    faces = [f for f in findings if f.kind is Kind.FACE and f.box is not None]
    drawn = drawn_near(findings, rgb)
    counted = [f.box for f in faces if counts_in_check(f) and f.box is not None]
    shown = [f.box.scaled(policy.mask_scale) for f in faces if f.action in (Action.KEPT, Action.VISIBLE) and f.box is not None]
    return [
        Finding(kind=Kind.FACE, label="face", action=Action.ANONYMISED,
                reason=f"face found by a second detector where mediascrub has drawn (HOG, score {d.score:.2f})",
                box=d.box, score=None, frame=frame_index, detail={"detector": "hog", "hog_score": round(d.score, 3)})
        for d in hog_faces(rgb)
        if drawn(d.box) and not any(d.box.iou(b) > MERGE_IOU for b in counted) and not any(d.box.iou(b) > 0 for b in shown)
    ]


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


def _finding(det: FaceDetection, policy: FacePolicy, frame_index: int, own: bool) -> Finding:
    detail: dict[str, Any] = {"landmarks": det.landmarks} if det.landmarks is not None else {}
    if own:
        # Hidden again all the same: were it a real face taken for a patch, it must not show.
        action, reason = Action.ANONYMISED, "already anonymised by mediascrub"
        detail["own_patch"] = True
    elif det.score >= policy.threshold:
        action, reason = Action.ANONYMISED, "no consent gallery"
    else:
        action, reason = Action.ANONYMISED, f"uncertain face (score {det.score:.2f})"
        detail["uncertain"] = True
    return Finding(
        kind=Kind.FACE, label="face", action=action, reason=reason, box=det.box,
        score=round(det.score, 4), frame=frame_index, detail=detail,
    )


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
    import io

    from PIL import Image

    buf = io.BytesIO()
    Image.fromarray(np.ascontiguousarray(rgb)).save(buf, format="JPEG", quality=quality)
    with Image.open(buf) as im:
        return np.asarray(im.convert("RGB"))


def _preview(frame: np.ndarray, drawn: list[Finding], ctx: StageContext) -> np.ndarray:
    from .redact import redact_findings

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
    from .own_patches import below_check_bar, is_own_patch

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
    found = [d for (d, _), f in zip(seen, judged, strict=True)
             if not f.detail.get("own_patch") and not f.detail.get("below_check_bar")
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
    from .redact import HIDDEN_ACTIONS

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
    new = [f for f in out if f.action in HIDDEN_ACTIONS and f.box is not None and not f.detail.get("own_patch")]
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


def face_stage(frame: np.ndarray, findings: list[Finding], ctx: StageContext) -> list[Finding]:
    """Stage: append one face Finding per detection.

    * A detection on a patch mediascrub drew (:mod:`.own_patches`, e.g. when
      checking a scrubbed photo) gets reason "already anonymised by mediascrub"
      and ``detail["own_patch"]``; it is hidden again all the same (a real face
      taken for a patch must not show), but ``check`` does not count it as unsafe.
    * A face scoring at least ``faces.threshold`` is ANONYMISED, reason "no
      consent gallery" (the consent stage, which runs next, may let it through).
    * A face in the grey zone ``[threshold - review_band, threshold)`` is hidden
      just the same, reason "uncertain face", ``detail["uncertain"]``: hiding a
      maybe-face needs no person's time. Only when hiding it might be wrong (it
      may be a consented person) does the consent stage send it to review.

    :func:`second_look_stage` runs last, once text is decided too.
    """
    from .own_patches import is_own_patch

    policy = ctx.policy.faces
    if not policy.enabled:
        return list(findings)
    faces = [_finding(d, policy, ctx.frame_index, is_own_patch(frame, d.box)) for d in detect_faces(frame, policy, ctx.detector_passes)]
    return list(findings) + faces


__all__ = [
    "DetectorPass", "FaceDetection", "detect_faces", "detector_passes", "face_stage", "hog_faces",
    "hog_findings", "look_regions", "second_look_stage",
    "pyramid_scales", "merge_detections", "run_centerface",
]
