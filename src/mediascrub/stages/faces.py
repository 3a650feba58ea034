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
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any

import cv2
import numpy as np

from ..errors import StageError
from ..findings import Action, Box, Finding, Kind
from ..models import load_onnx, load_openvino, openvino_available
from ..policy import FacePolicy
from . import StageContext
from .face_evidence import Candidate, Evidence, dismissed_reason, judge_faces

MODEL_NAME = "centerface.onnx"
MODEL_SHA256 = "a55914d0f3472fa07baa66f09b4056301e5f771ffa6717faf2322707965fefc1"
#: The same model quantised to 8 bits (tools/quantize_centerface.py; models/README.md), for clips.
INT8_MODEL_NAME = "centerface-int8.onnx"
INT8_MODEL_SHA256 = "a7c17d264797466203d684990df7ab357a12d76ea635cfbcaa00b15bdc68a742"
#: Output names of the model: heatmap, box scale, offset, landmarks.
OUTPUTS = ["537", "538", "539", "540"]

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
    #: "centerface", or "hog" for :func:`.check.hog_faces` (whose score is dlib's
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
    ``scale * stretch``), mirrored left-right when ``flip``; only the part ``region``
    (x0, y0, x1, y1 in the picture's pixels) when given; with the ``model`` "float"
    (photos: onnxruntime) or "int8" / "openvino-float" (clips, see :func:`centerface_runner`)."""

    scale: float
    stretch: float = 1.0
    flip: bool = False
    region: tuple[int, int, int, int] | None = None
    model: str = "float"
    #: Longest side of the tiles a large picture is cut into (see :func:`run_centerface`); None: TILE_SIDE.
    tile: int | None = None
    #: With ``region``: only the faces whose centre lies in this part of it are kept; the rest of the
    #: region is context, so that the detector sees the picture around a face rather than an edge.
    inner: tuple[int, int, int, int] | None = None
    #: A band of this share of the scaled picture's longer side is added around it, filled as
    #: ``fill`` says (see :func:`run_centerface`; ``faces.edge_pad``): for passes over a whole picture.
    pad: float = 0.0
    fill: str = "mirror-sides"


Runner = Callable[[np.ndarray], Sequence[np.ndarray]]


def centerface_runner(model: str = "float") -> Runner:
    """The CenterFace model as a function of an NCHW float32 blob, loaded once per process.

    ``"float"``: the shipped model under onnxruntime (photos; what every photo figure in the
    README was measured with). ``"int8"``: the model quantised to 8 bits under OpenVINO (clips;
    ``video.detector``). ``"openvino-float"``: the shipped model under OpenVINO. Without
    OpenVINO installed, both fall back to the float model under onnxruntime on one thread.
    """
    if model != "float" and openvino_available():
        ov = load_openvino(INT8_MODEL_NAME, sha256=INT8_MODEL_SHA256) if model == "int8" else load_openvino(MODEL_NAME, sha256=MODEL_SHA256)
        return ov.run
    session = load_onnx(MODEL_NAME, sha256=MODEL_SHA256, threads=0 if model == "float" else 1)
    return lambda blob: session.run(OUTPUTS, {"input.1": blob})  # type: ignore[no-any-return]


def detector_passes(width: int, height: int, pad: float = 0.0, fill: str = "mirror-sides") -> list[DetectorPass]:
    """The passes for a ``width`` x ``height`` photo: one per pyramid scale
    (:func:`pyramid_scales`, finest first) and, for a photo run upscaled, a
    mirrored and a sideways-stretched pass at the upscale (see STRETCH); each
    with the band ``pad`` filled as ``fill`` says around the picture (see
    :func:`run_centerface`; 0: none)."""
    scales = pyramid_scales(width, height)
    passes = [DetectorPass(s, pad=pad, fill=fill) for s in scales]
    if scales[0] > 1.0:
        up = scales[0]
        passes.insert(1, DetectorPass(up, flip=True, pad=pad, fill=fill))
        passes.insert(2, DetectorPass(up / math.sqrt(STRETCH), stretch=STRETCH, pad=pad, fill=fill))
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


def tiles(length: int, side: int | None = None) -> tuple[list[int], int]:
    """(start offsets, tile length): evenly spread tiles of at most ``side``
    (default TILE_SIDE; a multiple of 32) covering ``length``, neighbours
    overlapping by at least TILE_OVERLAP. One tile when ``length`` fits."""
    side = TILE_SIDE if side is None else side
    if length <= side:
        return [0], length
    n = math.ceil((length - TILE_OVERLAP) / (side - TILE_OVERLAP))
    side = min(length, math.ceil((length + (n - 1) * TILE_OVERLAP) / n / 32) * 32)
    step = (length - side) / (n - 1)
    return [round(i * step) for i in range(n)], side


def run_centerface(
    rgb: np.ndarray, scale: float, threshold: float, *, stretch: float = 1.0, flip: bool = False,
    region: tuple[int, int, int, int] | None = None, model: str = "float", tile: int | None = None,
    pad: float = 0.0, fill: str = "mirror-sides",
) -> tuple[np.ndarray, np.ndarray]:
    """One CenterFace pass at ``scale`` (``scale * stretch`` across), on the
    mirrored picture when ``flip``, on the part ``region`` only when given; boxes
    and landmarks in ``rgb``'s pixels (landmarks in the order :class:`FaceDetection`
    gives, whatever the pass). ``model``: see :func:`centerface_runner`. ``tile``: the
    longest tile side (default TILE_SIDE, see below; clips use less, for memory).

    A scaled picture larger than TILE_SIDE is cut into overlapping tiles:
    memory stays near 1.5 GB whatever the photo's size (a 20 MP photo in one
    piece needs 4.4 GB), for about a third more time. Duplicates from the
    overlaps are merged later with the other scales' boxes.

    ``pad``: the scaled picture is run with a band of about this share of its longer side around it
    (a multiple of 32 px, so that the picture lies on the same grid of cells as without it), so
    that a face the picture's edge cuts lies inside the detector's input rather than at its border.
    ``fill``: "mirror-sides" (the picture reflected, at its left and right only: the missing half of
    a face cut by a side edge is roughly its mirror image), "mirror-ends" (reflected at the top and
    bottom only), "reflect" (all four sides), "replicate"
    or "grey". Boxes are mapped back; they may reach beyond the picture (the caller clips them).
    """
    run = centerface_runner(model)
    ox = oy = 0
    if region is not None:
        ox, oy, rx1, ry1 = region
        rgb = rgb[oy:ry1, ox:rx1]
    img, nw, nh = _resize(rgb[:, ::-1] if flip else rgb, scale, stretch)
    band = 32 * round(pad * max(nw, nh) / 32)  # the model's stride: the picture's own cells stay where they were
    bx, by = (0 if fill == "mirror-ends" else band), (0 if fill == "mirror-sides" else band)
    if band > 0:
        border = {"replicate": cv2.BORDER_REPLICATE, "grey": cv2.BORDER_CONSTANT}.get(fill, cv2.BORDER_REFLECT_101)
        img = cv2.copyMakeBorder(np.ascontiguousarray(img), by, by, bx, bx, border, value=(128, 128, 128))
        nw, nh = nw + 2 * bx, nh + 2 * by
    xs, tw = tiles(nw, tile)
    ys, th = tiles(nh, tile)
    all_boxes, all_marks = [], []
    for y in ys:
        for x in xs:
            blob, _, _ = _to_blob(img[y : y + th, x : x + tw], 1.0)
            boxes, marks = _decode(run(blob), threshold)
            boxes[:, [0, 2]] += x
            boxes[:, [1, 3]] += y
            marks[:, 0::2] += x
            marks[:, 1::2] += y
            all_boxes.append(boxes)
            all_marks.append(marks)
    boxes, marks = np.concatenate(all_boxes), np.concatenate(all_marks)
    boxes[:, [0, 2]] -= bx
    boxes[:, [1, 3]] -= by
    marks[:, 0::2] -= bx
    marks[:, 1::2] -= by
    boxes[:, [0, 2]] /= scale * stretch
    boxes[:, [1, 3]] /= scale
    marks[:, 0::2] /= scale * stretch
    marks[:, 1::2] /= scale
    if flip:
        w = rgb.shape[1]
        boxes[:, [0, 2]] = w - boxes[:, [2, 0]]
        marks[:, 0::2] = w - marks[:, 0::2]
        marks = marks[:, [2, 3, 0, 1, 4, 5, 8, 9, 6, 7]]  # the eyes and mouth corners swap sides
    if ox or oy:
        boxes[:, [0, 2]] += ox
        boxes[:, [1, 3]] += oy
        marks[:, 0::2] += ox
        marks[:, 1::2] += oy
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
    ``passes``: default :func:`detector_passes` for ``rgb``'s size, with the band
    ``policy.edge_pad`` around it (a crop of a bigger picture is given the picture's
    passes, so it is seen at the same scales, and without the band: its borders are
    not the picture's edges; clips plan their own passes).
    """
    _check_frame(rgb)
    h, w = rgb.shape[:2]
    floor = max(1e-3, policy.threshold - policy.review_band)
    all_boxes, all_marks = [], []
    if passes is None:
        passes = detector_passes(w, h, policy.edge_pad, policy.edge_pad_fill)
    for p in passes:
        b, m = run_centerface(rgb, p.scale, floor, stretch=p.stretch, flip=p.flip, region=p.region, model=p.model, tile=p.tile,
                              pad=p.pad, fill=p.fill)
        if p.inner is not None:
            cx, cy = (b[:, 0] + b[:, 2]) / 2, (b[:, 1] + b[:, 3]) / 2
            x0, y0, x1, y1 = p.inner
            inside = (cx >= x0) & (cx < x1) & (cy >= y0) & (cy < y1)
            b, m = b[inside], m[inside]
        if any(q.region is None and q.scale < p.scale for q in passes):
            # Beyond MAX_FACE_IN_PASS px CenterFace's boxes stop growing and its
            # false alarms grow (a cat's face at 2x); a coarser pass of the whole picture sees those.
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


def _finding(det: FaceDetection, policy: FacePolicy, frame_index: int, own: bool,
             evidence: Evidence = Evidence.CONFIDENT, has_people: bool = True) -> Finding:
    detail: dict[str, Any] = {"landmarks": det.landmarks} if det.landmarks is not None else {}
    if own:
        # Hidden again all the same: were it a real face taken for a patch, it must not show.
        action, reason = Action.ANONYMISED, "already anonymised by mediascrub"
        evidence = Evidence.CONFIDENT
    elif not evidence.hides:
        # Nothing says a person is there (stages/face_evidence.py): left, and said so.
        action, reason = Action.KEPT, dismissed_reason(det.score, has_people, policy)
    elif det.score >= policy.threshold:
        action, reason = Action.ANONYMISED, "no consent gallery"
    else:
        action, reason = Action.ANONYMISED, f"uncertain face (score {det.score:.2f})"
        detail["uncertain"] = True
    if not own and evidence is not Evidence.CONFIDENT:
        detail["evidence"] = evidence.value
    return Finding(
        kind=Kind.FACE, label="face", action=action, reason=reason, box=det.box,
        score=round(det.score, 4), frame=frame_index, detail=detail, own_patch=own,
        dismissed=not own and not evidence.hides,
    )


def face_stage(frame: np.ndarray, findings: list[Finding], ctx: StageContext) -> list[Finding]:
    """Stage: append one face Finding per detection.

    * A detection on a patch mediascrub drew (:mod:`.own_patches`, e.g. when
      checking a scrubbed photo) gets reason "already anonymised by mediascrub"
      and ``own_patch``; it is hidden again all the same (a real face
      taken for a patch must not show), but ``check`` does not count it as unsafe.
    * A face scoring at least ``faces.threshold`` is ANONYMISED, reason "no
      consent gallery" (the consent stage, which runs next, may let it through).
    * A face in the grey zone ``[threshold - review_band, threshold)`` is hidden
      just the same, reason "uncertain face", ``detail["uncertain"]``: hiding a
      maybe-face needs no person's time. Only when hiding it might be wrong (it
      may be a consented person) does the consent stage send it to review.
    * A detection under ``faces.confident`` that nothing else in the photo
      says is a person's face (:func:`.face_evidence.judge_faces`: no face of
      its size beside it, no confident face in the photo and no skin colour)
      is left as it is: Action.KEPT, ``dismissed``, the reason in
      words. Every other weak one carries ``detail["evidence"]``, what agreed.

    The second look (:mod:`.second_look`) runs last, once text is decided too; ``check``'s
    own stages (:mod:`.check`) judge the faces found here on a cleaned copy.
    """
    from .own_patches import is_own_patch

    policy = ctx.policy.faces
    if not policy.enabled:
        return list(findings)
    dets = detect_faces(frame, policy, ctx.detector_passes)
    candidates = [Candidate(d.box, d.score) for d in dets]
    own = [is_own_patch(frame, d.box) for d in dets]
    if ctx.checking:
        # Checking mediascrub's output: the faces it hid show that people were there (as the
        # confident ones did when it scrubbed), and what lies on its patches is its own work.
        evidence = judge_faces(frame, candidates, policy, [d.box for d, o in zip(dets, own, strict=True) if o])
    else:
        evidence = judge_faces(frame, candidates, policy)
        # Scrubbing: a natural area that happens to look like a patch (flat, or on the levels) is
        # judged like any detection; one nothing vouches for is left, not hidden "again".
        own = [o and e.hides for o, e in zip(own, evidence, strict=True)]
    people = any(own) or any(e is Evidence.CONFIDENT for e in evidence)
    faces = [_finding(d, policy, ctx.frame_index, o, e, people) for d, o, e in zip(dets, own, evidence, strict=True)]
    return list(findings) + faces


__all__ = [
    "DetectorPass", "FaceDetection", "detect_faces", "detector_passes", "face_stage",
    "pyramid_scales", "merge_detections", "run_centerface", "centerface_runner",
]
