"""Clip-only stage: faces followed through a clip and decided per track.

The stages that find faces (:attr:`.OnClips.FIND_FACES`, the photo's face stage) run on every
frame of a clip, where :class:`DetectionPlan` says faces can be: the full pass on a schedule and at
scene cuts, a low-resolution pass of the whole frame and the finest scale around tracks, at the
frame's edges and where something moves on the frames between. Their faces are linked into tracks
(:class:`.tracking.FaceTracker`, which only ever adds boxes); the stages that decide faces
(:attr:`.OnClips.DECIDE_FACES`, consent) run on each detection of a track that could still stay
visible. Once the clip is read, each track is expanded (:func:`.tracking.expand_track`) and
decided as a whole (:meth:`FaceTracks.decide`): it stays visible only when every one of its
detections was matched to the same consented person; every other track is hidden in every frame
of its span. Grey-zone faces are hidden, never sent to review (one clip would almost always need it).

The photo's rule for weak detections (:mod:`.face_evidence`) holds per track: a track none of whose
detections had a sign of a person in its frame (each one ``Finding.dismissed`` by the face stage: weak,
not the size of a confident face in that frame, no skin colour) is a texture the detector keeps firing
on, a wall or leaves, not a face: it is left as it is in every frame (``TrackResult.dismissed``, the
reason in the record), and ``check`` does not count it. One detection with a sign of a person hides
the whole track.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

import cv2
import numpy as np

from ..findings import Action, Box, Finding, Kind
from . import OnClips, RegisteredStage, StageContext, StageList
from .faces import DetectorPass, pyramid_scales
from .own_patches import drawn_near
from .tracking import FaceTracker, Motion, expand_track

#: ``check``: a track counts as a face left visible when at least this many of its detections count
#: (see FaceTracks; in a clip of fewer frames, as many as it has: a face in both frames of a 2-frame clip counts)...
CHECK_MIN_FRAMES = 3
#: ...within this many consecutive frames: a face left visible is found frame after frame; the stray
#: boxes a patch's edge gives after H.264 come one here, one there (frames 15, 52 and 73 of a track).
CHECK_WINDOW = 5
#: ``check``: a detection that scores under ``faces.confident`` lies beside one of the frame's detections
#: on mediascrub's own patches when it overlaps that detection's box grown this many times (each side by its
#: size): patches move the scores of what lies beside them, not of a face across the frame. The detector's
#: box on a patch can be much smaller than the patch (46 px wide on the patch of a 130-px face in
#: tests/test_video_check.py, whose box beside the patch lies 34 px from that box).
BESIDE_SCALE = 3.0
#: ``check``: a track also counts when at least CHECK_FLOOR of its detections count, and at least CHECK_SHARE
#: of the frames it spans (first to last detection): a face the detector finds only on every 3rd frame
#: (scores hovering round its line) never has CHECK_MIN_FRAMES within CHECK_WINDOW frames. Both are asked:
#: a floor alone would count the stray boxes of a patch's edge over a long clip (one here, one there on a
#: track that spans the clip); a share alone would count 2 or 3 strays close together.
CHECK_FLOOR = 6
CHECK_SHARE = 0.25
#: The low-resolution pass over the whole of every frame: its longer side (px). At 720p that is half
#: size, where CenterFace finds faces of about 32 px and more (64 px in the frame).
LOW_SIDE = 640
#: Faces smaller than this (px, at the low-resolution pass's scale) are not trusted to that pass:
#: around their tracks, at the frame's edges (where faces come in) and where something moves, the
#: finest scale runs too, on every frame.
LOW_RELIABLE = 32
#: A track's region: its box, grown on each side by half its size, at least TRACK_MARGIN px; only for
#: tracks the detector was sure of once (TRACK_SCORE) and found since the last full pass: the
#: faint boxes of a crowd's background would otherwise ask for the whole frame, every frame.
TRACK_MARGIN = 16
TRACK_SCORE = 0.3
#: Regions are gathered on a grid of cells this many px (full size) across, and joined when they touch.
CELL = 32
#: Cells where this share of the pixels moved other than with the camera are looked at closely.
MOVING_SHARE = 0.2
#: When the regions would cover more than this share of the frame, the finest scale covers all of it.
MAX_REGION_SHARE = 0.45
#: Tiles of at most this many px a side (the detector's working memory follows the tile's area: a 4K frame
#: at full size in tiles of 2560 px took 630 MB, in tiles of 1280 px 280 MB, for a third more time).
TILE = 1280
#: Each region is run with this much of the picture around it (px, full size; within the frame): the
#: detector sees what surrounds a face, not a cut (on bare cuts it found faces in a textured wall).
#: Only faces centred in the region itself are kept.
CONTEXT = 32
#: A region's sides (with its context) are grown, within the frame, to the next of these lengths (px at the
#: finest scale; beyond the last, or beyond the frame, the frame's whole width or height): the detector is
#: then given a few input shapes over and over instead of a new one for nearly every region. OpenVINO
#: prepares each shape anew once it has dropped it from its cache (OPENVINO_SHAPE_CACHE), and on the dev
#: clips, with 27 to 59 region shapes a clip, that cost 5 to 10 ms a region, more than the region's pixels.
#: 1024 and 2048 keep a region at 4K from growing to the whole 3840 px width.
REGION_SIDES = (128, 256, 512, 1024, 2048)
#: An edge's band runs on every frame where the camera has brought at least BAND_NEW_PX px of new picture in
#: at that edge since the band last ran (a pan, a zoom out: where faces come into view), and on every
#: BAND_EVERY-th frame at the least (a face walking in at an edge the camera moves away from). A face the
#: band finds a frame late is carried back along the motion to where it came in (tracking carries boxes 12
#: frames before a track's first detection). The four bands ran on every frame before. Dev clip06 lost 4
#: face-frames with the bands at edges without new picture dropped altogether, and the same 4 with them on
#: every 3rd frame (frames 48-51: a face coming in at the top-left corner, found on the old schedule by the top
#: band, which the camera moved away from); on every 2nd frame, none (dev clips: the same face-frames hidden).
#: Left and right bands the frame's whole height (corners in both) changed which faces the right band found on
#: dev clip02 and left more frames of its blurred track 20 visible: not done.
BAND_EVERY = 2
BAND_NEW_PX = 4.0


def _beside_patches(found: list[Finding], rgb: np.ndarray) -> Callable[[Box], bool]:
    """While checking: whether a box of the frame ``rgb`` lies beside mediascrub's patches: overlapping
    one of ``found``'s detections on its own patches grown BESIDE_SCALE times, or (the detector does not
    fire on every patch) amid patch texture (:func:`.own_patches.drawn_near`, asked without those
    detections: with one it answers yes for every box of the frame, however far from the patch)."""
    own = [f.box.scaled(BESIDE_SCALE) for f in found if f.kind is Kind.FACE and f.own_patch and f.box is not None]
    textured = drawn_near([f for f in found if not f.own_patch], rgb)
    return lambda box: any(box.intersection(p) > 0 for p in own) or textured(box)


@dataclass
class TrackResult:
    """The decision for one face track."""

    id: int
    first: int
    last: int
    detected: int
    visible: bool
    reason: str
    detail: dict[str, Any] = field(default_factory=dict)
    boxes: dict[int, tuple[Box, str]] = field(default_factory=dict)
    #: Left untouched in every frame: no detection of it had a sign of a person (stages/face_evidence.py),
    #: or a reviewer called it "not a face".
    dismissed: bool = False


class FaceTracks:
    """The face tracks of one clip, built frame by frame (:meth:`add`), decided at the end (:meth:`decide`).

    While checking (``ctx.checking``, for ``check``), the full pass runs on every frame (the same
    answer for the same picture, wherever the frame falls in a schedule) and detections the check
    stage marks as mediascrub's own work (``Finding.own_patch``, ``Finding.below_check_bar``: see
    :mod:`.check`) are counted in ``own_detections``; they stay in the tracks (a patch followed
    through the clip is one track, not many). A track counts as a face left visible (:meth:`decide`)
    only on consistent evidence: CHECK_MIN_FRAMES detections that count within CHECK_WINDOW
    consecutive frames (fewer in a clip that short), or CHECK_FLOOR that count in all, a CHECK_SHARE
    or more of the frames it spans. A detection counts when it is not mediascrub's own work and scores
    ``faces.check_threshold`` or more, and, where mediascrub has drawn beside it (near one of the
    frame's detections on its patches, or amid patch texture: :func:`_beside_patches`) while its track
    never lay on one of mediascrub's patches, ``faces.confident`` or more. A face really missed, or pasted
    back into a hidden track, is found frame after frame and surely; a faint box on a shirt, the edge of a
    patch whose recognition failed once after H.264, or a dark corner beside a patch is not: patches move
    the detector's scores of what lies beside them (on the dev clips, from 0.22-0.36 on the original,
    where scrub left the box as no face, to 0.35-0.58 on the output). (Scrub hid every box down to
    ``faces.threshold - faces.review_band`` that had a sign of a person: what it left, the detector was
    unsure of.)
    """

    def __init__(
        self, ctx: StageContext, find: list[RegisteredStage], decide: list[RegisteredStage], width: int, height: int,
    ) -> None:
        self.ctx = ctx
        self.find = find
        self.decide_stages = decide if ctx.gallery is not None else []  # no gallery: every face is hidden
        self.tracker = FaceTracker()
        self.own_detections = 0
        # while checking: track id -> frames of its detections that count wherever they are; frames of those that count
        # only on a track that lay on one of mediascrub's patches (scoring under faces.confident beside a patch); ids of those tracks
        self._counted: dict[int, list[int]] = {}
        self._beside: dict[int, list[int]] = {}
        self._on_patch: set[int] = set()
        self._checked_frames = 0  # while checking: how many frames were looked at
        #: While checking: the boxes of the last frame's detections on mediascrub's own patches.
        self.own_boxes: list[Box] = []
        self._consent: dict[int, list[Finding]] = {}  # track id -> the deciding stages' findings of its detections
        self._person: set[int] = set()  # ids of tracks with a detection that had a sign of a person (not dismissed)
        self.plan = DetectionPlan(width, height, ctx.policy.video.detector, 1 if ctx.checking else ctx.policy.video.full_every)

    @classmethod
    def for_clip(cls, stages: StageList, ctx: StageContext, width: int, height: int) -> FaceTracks:
        """The tracks of a clip of ``width`` x ``height``, from ``stages``' face stages."""
        return cls(ctx, stages.on_clips(OnClips.FIND_FACES), stages.on_clips(OnClips.DECIDE_FACES), width, height)

    def add(self, rgb: np.ndarray, index: int, new_scene: bool, step: np.ndarray | None, motion: Motion | None = None) -> None:
        """Frame ``index`` (``ctx.frame_index``): find its faces and link them into tracks (``new_scene``
        and ``step`` from :meth:`.tracking.Motion.add`, ``motion`` for where things moved), then decide
        those of tracks still in the running. Where the detector looks is :class:`DetectionPlan`'s choice."""
        ctx = self.ctx
        tracked = self.tracker.predicted(index, new_scene, step, within=self.plan.full_every, min_score=TRACK_SCORE)
        moving = (motion.moving, motion.factor) if motion is not None and motion.moving is not None else None
        unsure = motion is not None and bool(motion.reliable) and not motion.reliable[-1]
        ctx.detector_passes = self.plan.passes(index, new_scene or step is None or unsure, tracked, moving, step)
        try:
            found: list[Finding] = []
            for stage in self.find:
                found = stage.run(rgb, found, ctx)
        finally:
            ctx.detector_passes = None
        faces = [f for f in found if f.kind is Kind.FACE and f.box is not None]
        ids = self.tracker.update(index, [(_box(f), _score(f)) for f in faces], new_scene, step)
        self._person.update(tid for f, tid in zip(faces, ids, strict=True) if not f.dismissed)
        if ctx.checking:
            self._count(rgb, index, found, faces, ids)
        if self.decide_stages:
            self._decide_detections(rgb, faces, ids)

    def _count(self, rgb: np.ndarray, index: int, found: list[Finding], faces: list[Finding], ids: list[int]) -> None:
        """While checking: note frame ``index``'s detections that count (see the class)."""
        faces_policy = self.ctx.policy.faces
        self._checked_frames += 1
        self.own_boxes = [_box(f) for f in faces if f.own_patch]
        drawn = None
        for f, tid in zip(faces, ids, strict=True):
            if f.own_patch:
                self._on_patch.add(tid)
            if f.own_patch or f.below_check_bar:
                self.own_detections += 1
                continue
            score = _score(f)
            if score < faces_policy.check_threshold:
                continue
            if score < faces_policy.confident:
                drawn = drawn or _beside_patches(found, rgb)
                if drawn(_box(f)):
                    self._beside.setdefault(tid, []).append(index)
                    continue
            self._counted.setdefault(tid, []).append(index)

    def _check_evidence(self, tid: int) -> tuple[int, int]:
        """While checking: (the most detections of track ``tid`` that count within CHECK_WINDOW
        consecutive frames, how many count in all)."""
        frames = sorted(self._counted.get(tid, []) + (self._beside.get(tid, []) if tid in self._on_patch else []))
        best = max((sum(1 for g in frames[k:] if g < f + CHECK_WINDOW) for k, f in enumerate(frames)), default=0)
        return best, len(frames)

    def _decide_detections(self, rgb: np.ndarray, faces: list[Finding], ids: list[int]) -> None:
        """Run the deciding stages on this frame's faces whose tracks could still stay visible."""
        candidates = []
        for f, tid in zip(faces, ids, strict=True):
            earlier = self._consent.get(tid)
            if earlier is not None and any(d.action is not Action.VISIBLE for d in earlier):
                continue  # already hidden as a whole: no need to encode more of it
            candidates.append((tid, Finding(kind=Kind.FACE, label="face", action=Action.ANONYMISED, reason="no consent",
                                            box=f.box, score=f.score, frame=self.ctx.frame_index)))
        if not candidates:
            return
        decided = [f for _, f in candidates]
        for stage in self.decide_stages:
            decided = stage.run(rgb, decided, self.ctx)
        for (tid, _), f in zip(candidates, decided, strict=True):
            self._consent.setdefault(tid, []).append(f)

    def decide(self, motion: Motion, width: int, height: int) -> list[TrackResult]:
        """Every track expanded along ``motion`` and decided as a whole."""
        return [self._decide(t, motion, width, height) for t in self.tracker.tracks]

    def _decide(self, track: Any, motion: Motion, width: int, height: int) -> TrackResult:
        boxes = expand_track(track, motion, width, height)
        frames = sorted(boxes)
        result = TrackResult(id=track.id, first=frames[0], last=frames[-1], detected=len(track.detections),
                             visible=False, reason="no consent gallery", boxes=boxes)
        if track.id not in self._person:
            result.dismissed = True
            result.reason = f"face-like area with no sign of a person in any frame: left as it is in frames {result.first}-{result.last}"
            return result
        if self.ctx.checking:
            run, counted = self._check_evidence(track.id)
            need = min(CHECK_MIN_FRAMES, max(self._checked_frames, 1))
            span = max(track.detections) - min(track.detections) + 1
            if run < need and (counted < CHECK_FLOOR or counted < CHECK_SHARE * span):
                faces_policy = self.ctx.policy.faces
                result.dismissed = True
                result.reason = (f"not counted: {counted} of its {len(track.detections)} detection(s) count (score "
                                 f"{faces_policy.check_threshold:.2f} or more and not on mediascrub's own patches; beside them "
                                 f"{faces_policy.confident:.2f} or more unless the track lay on one), at most {run} within "
                                 f"{CHECK_WINDOW} frames in a row (fewer than {need}), and not {CHECK_FLOOR} or more that are "
                                 f"{CHECK_SHARE:.0%} or more of the {span} frame(s) it spans")
                return result
        scores = [s for _, s in track.detections.values()]
        if min(scores) < self.ctx.policy.faces.threshold:
            result.reason = f"uncertain face in part of the track (score {min(scores):.2f}): hidden throughout"
        decisions = self._consent.get(track.id)
        if self.ctx.gallery is None or decisions is None:
            return result
        if len(decisions) != len(track.detections):
            bad = next((f for f in decisions if f.action is not Action.VISIBLE), None)
            result.reason = f"{bad.reason if bad else 'not every frame matched'}: one frame not confidently matched hides the whole track"
            return result
        people = {f.detail.get("person") for f in decisions}
        if all(f.action is Action.VISIBLE for f in decisions) and len(people) == 1 and None not in people:
            last = decisions[-1]
            result.visible = True
            result.reason = "consent (every detection of the track matched the same person)"
            result.detail = {k: last.detail[k] for k in ("person", "reference_id", "consent") if k in last.detail}
            return result
        bad = next((f for f in decisions if f.action is not Action.VISIBLE), decisions[0])
        result.reason = (f"{bad.reason}: one frame not confidently matched hides the whole track" if bad.action is not Action.VISIBLE
                         else "matched different people in different frames: hidden throughout")
        return result


def _box(f: Finding) -> Box:
    assert f.box is not None  # faces without a box are left out in add
    return f.box


def _score(f: Finding) -> float:
    """The detector's score; a face found without one (another kind of detector) counts as sure."""
    return 1.0 if f.score is None else float(f.score)


Region = tuple[int, int, int, int]


class DetectionPlan:
    """Where the face detector looks in each frame of a clip, so that its effort goes where faces can be.

    - The **full pass** (every scale of :func:`.faces.pyramid_scales`, the whole frame) on the first
      frame, at scene cuts, when the camera motion could not be estimated, and on every
      ``full_every``-th frame since the last one;
    - on the frames between: a **low-resolution pass** of the whole frame (longer side LOW_SIDE: the
      larger faces, anywhere), and the **finest scale only in regions**: bands along the four edges
      (faces coming in; wide enough that a face too small for the low pass fits inside; each on the frames
      where the camera brought new picture in at that edge, and every BAND_EVERY-th frame), around each
      tracked face too small for the low pass (TRACK_MARGIN), and where something moved other than
      with the camera (:attr:`.tracking.Motion.moving`). Regions are joined on a grid of CELL px;
      when they would cover more than MAX_REGION_SHARE of the frame, the finest scale covers it all.

    Faces a region's border cuts are found again, whole, in the next full pass or the neighbouring
    region; a cut box is kept all the same (tracking only ever adds).
    """

    def __init__(self, width: int, height: int, model: str, full_every: int) -> None:
        self.width, self.height = width, height
        self.model = model
        self.full_every = max(1, full_every)
        scales = pyramid_scales(width, height)
        self.fine = scales[0]
        self.low = min(scales[-1], LOW_SIDE / max(width, height))
        self.full = [DetectorPass(s, model=model, tile=TILE) for s in scales]
        #: Faces under this size (px, full size) are looked for at the finest scale, not trusted to the low pass.
        self.small = LOW_RELIABLE / self.low
        self._last_full = -(10**9)
        #: Per edge (top, bottom, left, right): the frame its band (or a full pass) last looked at it, and the
        #: new picture (px) the camera has brought in there since.
        self._band_run = [-(10**9)] * 4
        self._band_new = [0.0] * 4

    def passes(self, index: int, restart: bool, tracked: list[Box], moving: tuple[np.ndarray, float] | None,
               step: np.ndarray | None = None) -> list[DetectorPass]:
        """The detector's passes for frame ``index``: ``restart`` (a cut, or no camera motion) asks
        for the full pass; ``tracked``: the live tracks' boxes carried to this frame; ``moving``:
        (:attr:`.tracking.Motion.moving`, its factor from full size), or None; ``step``: the camera's
        motion from the frame before (3x3, :meth:`.tracking.Motion.add`), for the bands (BAND_EVERY);
        None: every band runs."""
        self._band_new = [a + b for a, b in zip(self._band_new, self._new_picture(step), strict=True)]
        if restart or index - self._last_full >= self.full_every or self.low >= self.fine:
            return self._full(index)
        due = [step is None or index - last >= BAND_EVERY or new >= BAND_NEW_PX
               for last, new in zip(self._band_run, self._band_new, strict=True)]
        edges = [r for r, d in zip(self._edges(), due, strict=True) if d]
        for k, d in enumerate(due):
            if d:
                self._band_run[k], self._band_new[k] = index, 0.0
        cells = _joined(self._cells(tracked, moving), CELL, self.width, self.height)
        share = sum((r[2] - r[0]) * (r[3] - r[1]) for r in self._edges() + cells) / float(self.width * self.height)
        if share > MAX_REGION_SHARE:
            return self._full(index)
        return ([DetectorPass(self.low, model=self.model, tile=TILE)]
                + [DetectorPass(self.fine, region=self._with_context(r), inner=r, model=self.model, tile=TILE) for r in edges]
                + [DetectorPass(self.fine, region=self._with_context(r, grown=True), inner=r, model=self.model, tile=TILE)
                   for r in cells])

    def _with_context(self, r: Region, grown: bool = False) -> Region:
        """``r`` with CONTEXT px around it (within the frame); ``grown``: its sides grown to REGION_SIDES
        (the edge bands have two shapes of their own already)."""
        if not grown:
            return (max(0, r[0] - CONTEXT), max(0, r[1] - CONTEXT), min(self.width, r[2] + CONTEXT), min(self.height, r[3] + CONTEXT))
        x0, x1 = _grown(r[0] - CONTEXT, r[2] + CONTEXT, self.width)
        y0, y1 = _grown(r[1] - CONTEXT, r[3] + CONTEXT, self.height)
        return (x0, y0, x1, y1)

    def _full(self, index: int) -> list[DetectorPass]:
        self._last_full = index
        self._band_run, self._band_new = [index] * 4, [0.0] * 4
        return list(self.full)

    def _new_picture(self, step: np.ndarray | None) -> list[float]:
        """How much new picture (px) the camera motion ``step`` (previous frame to this one) brings in at the
        top, bottom, left and right edges: how far the previous frame's edges moved inwards (a pan brings
        it in at one edge, a zoom out at all four). None (no estimate): a whole frame's worth at each."""
        w, h = float(self.width), float(self.height)
        if step is None:
            return [float(self.height)] * 4
        corners = np.array([[0.0, 0.0, 1.0], [w, 0.0, 1.0], [0.0, h, 1.0], [w, h, 1.0]]) @ np.asarray(step, np.float64).T
        xs, ys = corners[:, 0], corners[:, 1]
        return [max(0.0, float(ys[0]), float(ys[1])), max(0.0, h - float(min(ys[2], ys[3]))),
                max(0.0, float(xs[0]), float(xs[2])), max(0.0, w - float(min(xs[1], xs[3])))]

    def _edges(self) -> list[Region]:
        """Bands along the four edges, each wide enough to hold a face the low pass does not trust."""
        w, h = self.width, self.height
        band = min(round(self.small), w // 4, h // 4)
        band = max(CELL, (band + 31) // 32 * 32)
        return [(0, 0, w, band), (0, h - band, w, h), (0, band, band, h - band), (w - band, band, w, h - band)]

    def _cells(self, tracked: list[Box], moving: tuple[np.ndarray, float] | None) -> np.ndarray:
        """A grid of CELL px cells: those around small tracked faces and where something moved."""
        gw, gh = -(-self.width // CELL), -(-self.height // CELL)
        cells = np.zeros((gh, gw), np.uint8)
        for b in tracked:
            if b.size >= self.small:
                continue
            pad = max(TRACK_MARGIN, b.size / 2)
            x0, y0 = int((b.x0 - pad) // CELL), int((b.y0 - pad) // CELL)
            x1, y1 = int((b.x1 + pad) // CELL), int((b.y1 + pad) // CELL)
            cells[max(0, y0) : min(gh, y1 + 1), max(0, x0) : min(gw, x1 + 1)] = 1
        if moving is not None:
            mask, factor = moving
            share = cv2.resize(mask.astype(np.float32), (gw, gh), interpolation=cv2.INTER_AREA)
            hot = (share >= MOVING_SHARE).astype(np.uint8)
            if hot.any():  # grown by a cell: the moving thing may be the body beside a face
                cells |= np.asarray(cv2.dilate(hot, np.ones((3, 3), np.uint8)), np.uint8)
        return cells


def _grown(lo: int, hi: int, length: int) -> tuple[int, int]:
    """The span ``lo``..``hi`` clipped to 0..``length``, then grown about its middle to the next of
    REGION_SIDES (or to all of ``length``), shifted to stay inside."""
    lo, hi = max(0, lo), min(length, hi)
    side = next((s for s in REGION_SIDES if s >= hi - lo), length)
    if side >= length:
        return 0, length
    lo = min(max(0, (lo + hi - side) // 2), length - side)
    return lo, lo + side


def _joined(cells: np.ndarray, cell: int, width: int, height: int) -> list[Region]:
    """The bounding boxes (full-size px) of the groups of touching cells."""
    if not cells.any():
        return []
    n, _, stats, _ = cv2.connectedComponentsWithStats(cells, connectivity=8)
    out = []
    for i in range(1, n):
        x, y, w, h = (int(v) for v in stats[i, :4])
        out.append((x * cell, y * cell, min(width, (x + w) * cell), min(height, (y + h) * cell)))
    return out


__all__ = ["CHECK_MIN_FRAMES", "CHECK_WINDOW", "DetectionPlan", "FaceTracks", "TrackResult"]
