"""Detection and decision stages.

A stage is a callable ``(frame, findings, ctx) -> findings``: it receives one
upright RGB frame (``numpy.uint8``, shape ``(H, W, 3)``), the findings of the
stages before it, and the run's context, and returns the complete updated
list of findings for that frame. Stages only *find and decide*; the pixels are
changed afterwards by the pure functions in ``stages.redact``.

A stage that fails raises ``StageError`` (or lets another exception escape):
the pipeline then quarantines the file. A stage that is unsure marks a
finding with ``Action.REVIEW``.

Stages are registered once (``pipeline.build_stages``), for photos and clips
alike: each declares how it applies to a clip (:class:`OnClips`). A photo runs
every stage on every frame, in order; a clip runs them as they declare, plus
the clip-only face tracking (:mod:`.face_tracks`).
"""

from __future__ import annotations

import datetime as _dt
import enum
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

import numpy as np

from ..findings import Finding
from ..policy import Policy

if TYPE_CHECKING:
    from .face_tracks import FaceTracks
    from .faces import DetectorPass


@dataclass
class StageContext:
    """What every stage may need beyond the pixels. One per run (batch or single file)."""

    policy: Policy
    today: _dt.date = field(default_factory=_dt.date.today)
    gallery: Any = None  # an open mediascrub.consent.gallery.Gallery, or None: every face is anonymised
    frame_index: int = 0
    #: True while ``check`` analyses a file: nothing will be drawn, so the faces
    #: stage's second look (a preview of scrub's output) is skipped.
    checking: bool = False
    #: The frame as the published file will decode (same encoder and settings);
    #: None: as a JPEG at ``output.jpeg_quality`` (stages used on their own).
    published: Callable[[np.ndarray], np.ndarray] | None = None
    #: The face detector's passes for the frame being analysed; None: chosen from the frame's size
    #: (``faces.detector_passes``). A clip's face tracking sets them frame by frame.
    detector_passes: Sequence[DetectorPass] | None = None


Stage = Callable[[np.ndarray, list[Finding], StageContext], list[Finding]]


class OnClips(enum.Enum):
    """How a stage registered for photos applies to the frames of a clip.

    A clip's frames are many and alike, and a person cannot review each: faces are followed
    from frame to frame and decided per track, other findings are read on sampled frames and
    carried along the camera motion (see ``video_pipeline``).
    """

    #: Finds faces: run on every frame (the detector's passes alternating fine and coarse,
    #: ``StageContext.detector_passes``); its faces are linked into tracks by :mod:`.face_tracks`.
    FIND_FACES = "find faces"
    #: Decides faces (consent): run on each detection of a track that could still stay visible,
    #: one finding back per face given, in order; a track stays visible only when every one of
    #: its detections came back VISIBLE for the same person.
    DECIDE_FACES = "decide faces"
    #: Run on sampled frames (``video_pipeline.text_due``: at least every ``TEXT_EVERY`` frames, sooner
    #: where the camera brought new picture into view), from no findings; whatever it hides
    #: (or is unsure of: hidden, never sent to review) is carried along the camera motion to the
    #: frames around that one.
    SAMPLED = "sampled"
    #: Not run on clips; the stage's module says why.
    PHOTOS_ONLY = "photos only"


@dataclass(frozen=True)
class RegisteredStage:
    """A stage as the pipeline runs it: its name (in error messages), the callable, and how it
    applies to clips."""

    name: str
    run: Stage
    on_clips: OnClips


@dataclass(frozen=True)
class StageList:
    """The run's stages: the per-frame ones, in order (photos run all of them on every frame),
    and the clip-only face tracking (None when no stage finds faces)."""

    per_frame: tuple[RegisteredStage, ...] = ()
    tracking: type[FaceTracks] | None = None

    def on_clips(self, use: OnClips) -> list[RegisteredStage]:
        """The per-frame stages that apply to clips as ``use``, in order."""
        return [s for s in self.per_frame if s.on_clips is use]
