"""Tracking for video: carry boxes across frames where the detector misses a face. It only ever ADDS boxes.

Why: a detector run on each frame with no memory of the others (deface)
protected about half of the face-frames of the moving-camera evaluation clips
and left most face tracks visible for 3 or more frames in a row (README, Video:
``benchmarks/bench_video.py``). Trackers in the SORT family (SORT, ByteTrack)
would not fix that as they are: they output only the boxes matched in the
current frame, so a frame the detector misses stays a miss. So here every raw
detection is kept, and tracks add boxes:

- Camera motion between consecutive frames is estimated once per frame
  (:func:`estimate_motion`: corners tracked by pyramidal Lucas-Kanade on a
  small grey copy, a similarity transform fitted with RANSAC). Boxes are
  carried along it, so a carried box follows a pan or a zoom.
- Scene cuts (:func:`is_scene_cut`: the grey histograms of two frames differ
  a lot and no motion explains the change) end every track: nothing is carried
  across a cut.
- :class:`FaceTracker` links detections frame to frame (IoU with the carried
  box) into tracks, online, in one pass, keeping only boxes and transforms
  (a few numbers per frame, never pixels).
- :func:`expand_track` then gives a track's box in every frame of its span: its
  raw detections, the union of the forward and backward carried boxes inside each
  gap (interpolation along the motion), and a few frames carried forward after
  its last detection and backward before its first, each carried box grown a
  little per frame of distance (faces move too); in a fast pan every box is
  also stretched along the motion to where it was a frame before and will be
  a frame after (the face is smeared). The clip-only stage that runs
  the face stages and decides each track is :mod:`.face_tracks`.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field

import cv2
import numpy as np

from ..findings import Box

#: Side (px, longer side) of the grey copy motion and cuts are computed on.
MOTION_SIDE = 320
#: A detection joins a track when its IoU with the track's carried box is at least this.
MATCH_IOU = 0.2
#: A track survives this many frames without a detection (the gap is filled by interpolation).
MAX_GAP = 25
#: Frames carried forward after a track's last detection and backward before its first.
CARRY_FRAMES = 12
#: A carried box grows by this share of its size per frame of distance from a detection...
GROWTH_PER_FRAME = 0.02
#: ...up to this factor.
MAX_GROWTH = 1.6
#: A box is joined with where the camera's motion puts it one frame before and after (a face smeared
#: by a fast pan, see _smeared) when that motion is at least this share of the box's size in a frame.
SMEAR_FROM = 0.1
#: Bhattacharyya distance between grey histograms above which two frames may be different scenes.
CUT_HISTOGRAM = 0.45
#: ...and mean absolute grey difference (after motion compensation) above which they are.
CUT_DIFFERENCE = 35.0
#: A pixel of the grey copy moved by something other than the camera when it differs from the previous
#: frame carried along the camera motion by more than this many grey levels (see Motion.moving).
MOVING_LEVEL = 40.0


def small_grey(rgb: np.ndarray) -> tuple[np.ndarray, float]:
    """A grey copy with the longer side MOTION_SIDE, and the factor from full-size pixels to it."""
    h, w = rgb.shape[:2]
    f = min(1.0, MOTION_SIDE / max(h, w))
    grey = cv2.cvtColor(rgb, cv2.COLOR_RGB2GRAY)
    if f < 1.0:
        grey = cv2.resize(grey, (max(1, round(w * f)), max(1, round(h * f))), interpolation=cv2.INTER_AREA)
    return grey, f


def estimate_motion(prev: np.ndarray, cur: np.ndarray, factor: float) -> np.ndarray | None:
    """The 3x3 similarity transform taking full-size pixel positions in ``prev``'s frame to ``cur``'s.

    ``prev`` and ``cur`` are small grey copies (:func:`small_grey`), ``factor`` the
    scale from full size to them. None when too little texture or agreement to say.
    """
    pts = cv2.goodFeaturesToTrack(prev, maxCorners=200, qualityLevel=0.01, minDistance=6)
    if pts is None or len(pts) < 8:
        return None
    nxt, status, _ = cv2.calcOpticalFlowPyrLK(prev, cur, pts, None, winSize=(21, 21), maxLevel=3)  # type: ignore[call-overload]
    ok = status.reshape(-1) == 1
    if ok.sum() < 8:
        return None
    m, inliers = cv2.estimateAffinePartial2D(pts[ok], nxt[ok], method=cv2.RANSAC, ransacReprojThreshold=2.0)
    if m is None or inliers is None or int(inliers.sum()) < 6:
        return None
    full = np.eye(3)
    full[:2] = m
    full[:2, 2] /= factor  # translation back to full-size pixels; rotation/scale are unchanged
    return full


def is_scene_cut(prev: np.ndarray, cur: np.ndarray, motion: np.ndarray | None, factor: float) -> bool:
    """Whether ``cur`` starts a new scene: histograms far apart and the picture not explained by ``motion``."""
    h1 = cv2.calcHist([prev], [0], None, [32], [0, 256])
    h2 = cv2.calcHist([cur], [0], None, [32], [0, 256])
    if cv2.compareHist(h1, h2, cv2.HISTCMP_BHATTACHARYYA) < CUT_HISTOGRAM:
        return False
    warped = prev
    if motion is not None:
        m = motion.copy()
        m[:2, 2] *= factor
        warped = cv2.warpAffine(prev, m[:2], (prev.shape[1], prev.shape[0]), borderMode=cv2.BORDER_REPLICATE)
    return float(np.abs(warped.astype(np.float32) - cur.astype(np.float32)).mean()) > CUT_DIFFERENCE


def _moving(prev: np.ndarray, cur: np.ndarray, motion: np.ndarray, factor: float) -> np.ndarray:
    """Pixels of the grey copy ``cur`` that the camera ``motion`` (full-size pixels) does not explain:
    they differ from ``prev`` carried along it by more than MOVING_LEVEL (borders the carried frame
    does not reach are the frame edges' business, not counted)."""
    m = motion.copy()
    m[:2, 2] *= factor
    size = (prev.shape[1], prev.shape[0])
    warped = cv2.warpAffine(prev, m[:2], size, borderMode=cv2.BORDER_CONSTANT, borderValue=0)
    reach = cv2.warpAffine(np.full_like(prev, 255), m[:2], size, borderMode=cv2.BORDER_CONSTANT, borderValue=0)
    diff = cv2.absdiff(warped, cur)
    moved: np.ndarray = (diff > MOVING_LEVEL) & (reach == 255)
    return moved


def warp_box(box: Box, m: np.ndarray) -> Box:
    """The bounding box of ``box``'s corners moved by the 3x3 transform ``m``."""
    pts = np.array([[box.x0, box.y0, 1], [box.x1, box.y0, 1], [box.x0, box.y1, 1], [box.x1, box.y1, 1]], dtype=np.float64)
    out = pts @ m.T
    return Box(float(out[:, 0].min()), float(out[:, 1].min()), float(out[:, 0].max()), float(out[:, 1].max()))


def warp_points(points: Iterable[Iterable[float]], m: np.ndarray) -> list[list[float]]:
    """Points ``[[x, y], ...]`` moved by the 3x3 transform ``m``."""
    pts = np.array([[float(x), float(y), 1.0] for x, y in points], dtype=np.float64)
    out = pts @ m.T
    return [[float(x), float(y)] for x, y in out[:, :2]]


@dataclass
class Motion:
    """Per-frame camera motion and scenes for a clip: 3x3 transforms, a few numbers per frame.

    ``to_scene[t]`` maps frame t's pixels to its scene's first frame; carrying a box
    from frame a to frame b of the same scene is ``inv(to_scene[b]) @ to_scene[a]``.
    """

    scene: list[int] = field(default_factory=list)
    to_scene: list[np.ndarray] = field(default_factory=list)
    reliable: list[bool] = field(default_factory=list)
    #: Of the last frame added: where, on the grey copy, something moved other than the camera
    #: (None after a cut or an unreliable estimate), and the factor from full size to the copy.
    moving: np.ndarray | None = None
    factor: float = 1.0
    _prev: np.ndarray | None = None
    #: ``inv(to_scene[t])`` by frame, with the matrix it was taken of: carrying the boxes of a crowd's tracks
    #: (expand_track, hidden_findings) asked for the same inverse hundreds of thousands of times.
    _inverse: dict[int, tuple[np.ndarray, np.ndarray]] = field(default_factory=dict, repr=False, compare=False)

    def add(self, rgb: np.ndarray) -> tuple[bool, np.ndarray | None]:
        """Record the next frame; returns (starts a new scene, transform from the previous frame)."""
        grey, factor = small_grey(rgb)
        prev, self._prev, self.factor = self._prev, grey, factor
        self.moving = None
        if prev is None or prev.shape != grey.shape:
            self._start_scene()
            return True, None
        m = estimate_motion(prev, grey, factor)
        if is_scene_cut(prev, grey, m, factor):
            self._start_scene()
            return True, None
        if m is not None:
            self.moving = _moving(prev, grey, m, factor)
        step = m if m is not None else np.eye(3)
        # to_scene[t] = to_scene[t-1] @ inv(step): a point in frame t goes back to frame t-1, then to the scene start
        self.to_scene.append(self.to_scene[-1] @ np.linalg.inv(step))
        self.scene.append(self.scene[-1])
        self.reliable.append(m is not None)
        return False, step

    def _start_scene(self) -> None:
        self.scene.append(self.scene[-1] + 1 if self.scene else 0)
        self.to_scene.append(np.eye(3))
        self.reliable.append(True)

    def __len__(self) -> int:
        return len(self.scene)

    def carry(self, box: Box, src: int, dst: int) -> Box | None:
        """``box`` of frame ``src`` moved to frame ``dst``; None across a scene cut."""
        if self.scene[src] != self.scene[dst]:
            return None
        if src == dst:
            return box
        return warp_box(box, self._from_scene(dst) @ self.to_scene[src])

    def carry_points(self, points: list[list[float]], src: int, dst: int) -> list[list[float]] | None:
        if self.scene[src] != self.scene[dst]:
            return None
        return warp_points(points, self._from_scene(dst) @ self.to_scene[src])

    def _from_scene(self, t: int) -> np.ndarray:
        """``inv(to_scene[t])``, taken once per frame (the same numbers as taking it each time)."""
        m = self.to_scene[t]
        cached = self._inverse.get(t)
        if cached is None or cached[0] is not m:
            cached = self._inverse[t] = (m, np.linalg.inv(m))
        return cached[1]


@dataclass
class Track:
    """A face followed through a scene: its raw detections by frame, (box, score)."""

    id: int
    detections: dict[int, tuple[Box, float]] = field(default_factory=dict)
    last_frame: int = -1
    carried: Box | None = None  # the last detection carried to the current frame

    @property
    def first_frame(self) -> int:
        return min(self.detections)


class FaceTracker:
    """Links each frame's detections into tracks, online. ``update`` returns the track id of each detection.

    A detection that matches no live track starts a new one: none is ever dropped.
    """

    def __init__(self) -> None:
        self.tracks: list[Track] = []
        self._live: list[Track] = []

    def predicted(self, index: int, new_scene: bool, step: np.ndarray | None, *, within: int = MAX_GAP,
                  min_score: float = 0.0) -> list[Box]:
        """Where the live tracks' faces should be in frame ``index`` (their last box carried along
        ``step``), before :meth:`update` is given its detections; nothing is changed. Only tracks
        detected in the last ``within`` frames with a best score of ``min_score`` or more."""
        if new_scene:
            return []
        out = []
        for t in self._live:
            if index - t.last_frame > min(within, MAX_GAP) or t.carried is None:
                continue
            if max(sc for _, sc in t.detections.values()) < min_score:
                continue
            out.append(warp_box(t.carried, step) if step is not None else t.carried)
        return out

    def update(self, index: int, boxes: list[tuple[Box, float]], new_scene: bool, step: np.ndarray | None) -> list[int]:
        if new_scene:
            self._live = []
        live = []
        for t in self._live:
            if index - t.last_frame > MAX_GAP or t.carried is None:
                continue
            t.carried = warp_box(t.carried, step) if step is not None else t.carried
            live.append(t)
        self._live = live
        ids = [-1] * len(boxes)
        used: set[int] = set()
        for ti, bi in _pairs_by_iou([t.carried for t in live if t.carried is not None], [b for b, _ in boxes]):
            if ti in used or ids[bi] != -1:
                continue
            used.add(ti)
            ids[bi] = live[ti].id
            self._attach(live[ti], index, boxes[bi])
        for bi, b in enumerate(boxes):
            if ids[bi] == -1:
                t = Track(id=len(self.tracks))
                self.tracks.append(t)
                self._live.append(t)
                self._attach(t, index, b)
                ids[bi] = t.id
        return ids

    @staticmethod
    def _attach(t: Track, index: int, det: tuple[Box, float]) -> None:
        t.detections[index] = det
        t.last_frame = index
        t.carried = det[0]


def _pairs_by_iou(tracked: list[Box], found: list[Box]) -> list[tuple[int, int]]:
    """(tracked index, found index) of every pair overlapping by at least MATCH_IOU, best overlap
    first (ties: lower indices first). Computed on arrays: a crowd has hundreds of each a frame."""
    if not tracked or not found:
        return []
    a = np.array([[b.x0, b.y0, b.x1, b.y1] for b in tracked], np.float64)
    b = np.array([[x.x0, x.y0, x.x1, x.y1] for x in found], np.float64)
    iw = np.clip(np.minimum(a[:, None, 2], b[None, :, 2]) - np.maximum(a[:, None, 0], b[None, :, 0]), 0, None)
    ih = np.clip(np.minimum(a[:, None, 3], b[None, :, 3]) - np.maximum(a[:, None, 1], b[None, :, 1]), 0, None)
    inter = iw * ih
    area_a = np.clip(a[:, 2] - a[:, 0], 0, None) * np.clip(a[:, 3] - a[:, 1], 0, None)
    area_b = np.clip(b[:, 2] - b[:, 0], 0, None) * np.clip(b[:, 3] - b[:, 1], 0, None)
    union = area_a[:, None] + area_b[None, :] - inter
    iou = np.where(union > 0, inter / np.where(union > 0, union, 1.0), 0.0)
    ti, bi = np.nonzero(iou >= MATCH_IOU)
    order = np.lexsort((bi, ti, -iou[ti, bi]))
    return [(int(ti[k]), int(bi[k])) for k in order]


def _grown(box: Box, distance: int) -> Box:
    return box.scaled(min(MAX_GROWTH, 1.0 + GROWTH_PER_FRAME * distance))


def _inside(box: Box, width: int, height: int) -> Box | None:
    clipped = box.clipped(width, height)
    return clipped if clipped.area > 0 else None


def expand_track(track: Track, motion: Motion, width: int, height: int) -> dict[int, tuple[Box, str]]:
    """Every frame's box for one track: ``{frame: (box, source)}`` with source
    ``detected``, ``interpolated`` (a gap between two detections) or ``carried``
    (before the first or after the last detection). Raw detections are never made smaller; one
    at the frame's edge (a face coming in or going out, cut by the edge) is joined with the
    track's whole box from the nearest frame where it was in full view, carried along the motion."""
    out: dict[int, tuple[Box, str]] = {}
    frames = sorted(track.detections)
    n = len(motion)
    for a, b in zip(frames, frames[1:], strict=False):
        for t in range(a + 1, b):
            fwd = motion.carry(track.detections[a][0], a, t)
            bwd = motion.carry(track.detections[b][0], b, t)
            parts = [_grown(x, d) for x, d in ((fwd, t - a), (bwd, b - t)) if x is not None]
            if not parts:
                continue
            box = Box.hull(parts)
            inside = _inside(box, width, height)
            if inside is not None:
                out[t] = (inside, "interpolated")
    for anchor, direction in ((frames[0], -1), (frames[-1], 1)):
        for d in range(1, CARRY_FRAMES + 1):
            t = anchor + direction * d
            if t < 0 or t >= n:
                break
            carried = motion.carry(track.detections[anchor][0], anchor, t)
            if carried is None:
                break
            inside = _inside(_grown(carried, d), width, height)
            if inside is None:
                break
            out.setdefault(t, (inside, "carried"))
    whole = [f for f in frames if not _at_edge(track.detections[f][0], width, height)]
    for f in frames:
        box = track.detections[f][0]
        if whole and _at_edge(box, width, height):
            # A face the frame's edge cuts is boxed smaller than it is (the chin or the brow in view
            # falls outside the box): add its whole box from the nearest frame where it was in view.
            g = min(whole, key=lambda w: (abs(w - f), w))
            carried = motion.carry(track.detections[g][0], g, f) if abs(g - f) <= CARRY_FRAMES else None
            inside = _inside(_grown(carried, abs(g - f)), width, height) if carried is not None else None
            if inside is not None:
                box = Box.hull((box, inside))
        out[f] = (box, "detected")
    return {t: (_smeared(box, t, motion, width, height), source) for t, (box, source) in out.items()}


def _smeared(box: Box, t: int, motion: Motion, width: int, height: int) -> Box:
    """``box`` of frame ``t`` joined with where the camera's motion puts it one frame before and one
    after, when that motion is fast (at least SMEAR_FROM of the box's size in a frame): a face in a
    fast pan is smeared along the motion, and the detector's box of a blurred face lies anywhere
    along the smear (on the evaluation clips up to a frame's motion off the face). Slower motion
    leaves the box as it is."""
    parts = [box]
    for u in (t - 1, t + 1):
        if 0 <= u < len(motion):
            moved = motion.carry(box, t, u)
            if moved is not None:
                cx, cy = moved.center
                bx, by = box.center
                if max(abs(cx - bx), abs(cy - by)) >= SMEAR_FROM * box.size:
                    parts.append(moved)
    if len(parts) == 1:
        return box
    joined = Box.hull(parts)
    return _inside(joined, width, height) or box


#: A box this close (px) to the frame's edge belongs to a face the edge may cut.
EDGE_TOUCH = 2.0


def _at_edge(box: Box, width: int, height: int) -> bool:
    return box.x0 <= EDGE_TOUCH or box.y0 <= EDGE_TOUCH or box.x1 >= width - EDGE_TOUCH or box.y1 >= height - EDGE_TOUCH


__all__ = [
    "Motion",
    "Track",
    "FaceTracker",
    "expand_track",
    "estimate_motion",
    "is_scene_cut",
    "warp_box",
    "warp_points",
    "small_grey",
]
