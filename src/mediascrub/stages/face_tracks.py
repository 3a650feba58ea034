"""Clip-only stage: faces followed through a clip and decided per track.

The stages that find faces (:attr:`.OnClips.FIND_FACES`, the photo's face stage) run on every
frame of a clip, the detector's finest pass on every FINE_EVERY-th frame and the coarser passes on
the frames between (tracking carries the small faces across). Their faces are linked into tracks
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

from dataclasses import dataclass, field
from typing import Any

import numpy as np

from ..findings import Action, Box, Finding, Kind
from . import OnClips, RegisteredStage, StageContext, StageList
from .faces import DetectorPass, pyramid_scales
from .tracking import FaceTracker, Motion, expand_track

#: The finest detector pass (most of the time) runs on every this many frames; the frames between
#: get the coarser passes only, and tracking carries the small faces across (see README, Video).
FINE_EVERY = 2


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

    While checking (``ctx.checking``, for ``check``), detections the check stage marks as
    mediascrub's own work (``Finding.own_patch``, ``Finding.below_check_bar``: see :mod:`.check`)
    are left out of the tracks and counted in ``own_detections`` instead.
    """

    def __init__(
        self, ctx: StageContext, find: list[RegisteredStage], decide: list[RegisteredStage], width: int, height: int,
    ) -> None:
        self.ctx = ctx
        self.find = find
        self.decide_stages = decide if ctx.gallery is not None else []  # no gallery: every face is hidden
        self.tracker = FaceTracker()
        self.own_detections = 0
        self._consent: dict[int, list[Finding]] = {}  # track id -> the deciding stages' findings of its detections
        self._person: set[int] = set()  # ids of tracks with a detection that had a sign of a person (not dismissed)
        scales = [DetectorPass(s) for s in pyramid_scales(width, height)]
        self._fine = scales
        self._coarse = scales[1:] if len(scales) > 1 else scales

    @classmethod
    def for_clip(cls, stages: StageList, ctx: StageContext, width: int, height: int) -> FaceTracks:
        """The tracks of a clip of ``width`` x ``height``, from ``stages``' face stages."""
        return cls(ctx, stages.on_clips(OnClips.FIND_FACES), stages.on_clips(OnClips.DECIDE_FACES), width, height)

    def add(self, rgb: np.ndarray, index: int, new_scene: bool, step: np.ndarray | None) -> None:
        """Frame ``index`` (``ctx.frame_index``): find its faces and link them into tracks (``new_scene``
        and ``step`` from :meth:`.tracking.Motion.add`), then decide those of tracks still in the running."""
        ctx = self.ctx
        ctx.detector_passes = self._fine if index % FINE_EVERY == 0 else self._coarse
        try:
            found: list[Finding] = []
            for stage in self.find:
                found = stage.run(rgb, found, ctx)
        finally:
            ctx.detector_passes = None
        faces = [f for f in found if f.kind is Kind.FACE and f.box is not None]
        if ctx.checking:
            own = [f for f in faces if f.own_patch or f.below_check_bar]
            self.own_detections += len(own)
            faces = [f for f in faces if not (f.own_patch or f.below_check_bar)]
        ids = self.tracker.update(index, [(_box(f), _score(f)) for f in faces], new_scene, step)
        self._person.update(tid for f, tid in zip(faces, ids, strict=True) if not f.dismissed)
        if self.decide_stages:
            self._decide_detections(rgb, faces, ids)

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


__all__ = ["FINE_EVERY", "FaceTracks", "TrackResult"]
