"""One clip through the stages, fail closed: the video counterpart of :mod:`mediascrub.pipeline`.

Three streaming passes over the clip, never holding more than a frame or two:

1. **Analyse**: decode each upright frame; estimate camera motion and scene cuts;
   run the photo pipeline's stages (``pipeline.build_stages``), each as it declares
   it applies to clips (:class:`.stages.OnClips`): faces found on every frame and
   linked into tracks by the clip-only face tracking (:mod:`.stages.face_tracks`),
   consent on each detection of a track still in the running, text (the sampled
   stages) on sampled frames (``text_due``: at least every TEXT_EVERY frames, sooner where the
   camera brought new picture into view); photo-only stages (the second look) not.
   Only boxes, scores and transforms are kept (a few numbers per frame).
2. **Decide**: tracks are expanded (interpolated and carried boxes, only ever
   added); a track stays visible only when every one of its detections was
   matched to the same consented person; every other track is hidden in every
   frame of its span. Grey-zone faces are hidden, never sent to review (one
   clip would almost always need it). Text read on a sampled frame is carried
   along the camera motion to the frames around it.
3. **Render and verify**: decode again, redact, encode a fresh H.264 MP4 into a
   temporary file; re-open it: the container allow-list (boxes, streams, tags),
   the frame count, size and timestamps, and every redacted region really
   changed. Only then is it renamed into place.

Any failure anywhere: nothing is published, the original is copied to quarantine.
"""

from __future__ import annotations

import dataclasses
import math
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

import cv2
import numpy as np

from .errors import CorruptInputError, MediascrubError, StageError, VerificationError
from .findings import Action, Box, Finding, Kind, Report, Status
from .media.containers import mp4_leftovers
from .media.overlap import Background, depth_for, prefetched, release_free_memory
from .media.video import (
    OUTPUT_EXTENSION,
    VideoInfo,
    VideoWriter,
    audio_problems,
    iter_frames,
    iter_output_frames,
    plan_timeline,
    probe_video,
    upright,
    verify_streams,
)
from .models import threads_for_models
from .publish import FindingsDocument, as_rendered, check_drawn, failing_closed, publish_output, quarantine_input, verify_drawn
from .stages import OnClips, RegisteredStage, StageContext
from .stages.face_tracks import TrackResult
from .stages.own_patches import is_own_patch
from .stages.redact import Drawn
from .stages.tracking import Motion

if TYPE_CHECKING:
    from .pipeline import Pipeline

#: Read text (the SAMPLED stages) at least on every this many frames (at 25 fps: about once a second), and
#: sooner where the picture has changed (:func:`text_due`); what is read is carried along the camera
#: motion to the frames up to this many frames either side. (12 until reading cost a fifth of a clip's time.)
TEXT_EVERY = 24
#: ... and on the first frame where this share of the picture has come into view since the last reading
#: (the camera panned, zoomed or turned): on a fast pan text is read at least twice while it crosses the
#: frame, where reading every 12th frame could miss a sign that crossed in 12 frames. On the 8 dev clips
#: (fast pans) this reads 33 frames instead of 56; 0.25 read 57.
TEXT_NEW_SHARE = 0.5
#: ... and at least every this many frames (the cadence before TEXT_EVERY was raised) once something has moved
#: by itself since the last reading (a passing car's plate, a sign held up in front of a still camera), for
#: readings are carried along the camera's motion only: TEXT_MOVING_SHARE of the frame's pixels moving other
#: than the camera in any one frame is enough.
TEXT_EVERY_MOVING = 12
TEXT_MOVING_SHARE = 0.002
#: Redacted regions narrower or lower than this (px) are not checked: H.264 blocks and chroma subsampling
#: average a small noise mosaic back towards its mean colour (a 13x9 px sliver at the frame edge failed once).
MIN_CHECKED_SIDE = 16
#: ``check``: a face patch of mediascrub's reaches this many times the detector's box on it (the mask is
#: the box enlarged ``faces.mask_scale`` times, and the box on a mosaic is often smaller than the face's)...
PATCH_REACH = 1.3
#: ...and a text reading across one counts only when read again (see _read_again) with the patches painted flat.
READ_AGAIN_IOU = 0.5
#: Patch texture (found where a mosaic's cells meet) is grown by this many px to cover the cells themselves.
PATCH_CELL = 15

Progress = Callable[[int, int], None]
"""Called with (frames done, frames expected; 0 when unknown) as a clip is processed."""


@dataclass
class TextSighting:
    """Text (or anything else a SAMPLED stage hides) found on one sampled frame, carried to the frames around it."""

    frame: int
    finding: Finding


@dataclass
class VideoAnalysis:
    info: VideoInfo
    frames: int
    metadata: list[Finding]
    tracks: list[TrackResult]
    text: list[TextSighting]
    motion: Motion
    pts: list[int | None]
    #: Areas a reviewer drew: (first frame, last frame, REGION finding), hidden at that place in each frame of the range.
    regions: list[tuple[int, int, Finding]] = field(default_factory=list)
    #: ``check`` only: face detections left out as mediascrub's own work (see VideoPipeline.analyse).
    own_detections: int = 0

    def findings(self) -> list[Finding]:
        """The audit record: container findings, one finding per face track, one per text sighting."""
        out = list(self.metadata)
        for t in self.tracks:
            first_box = t.boxes[min(f for f, (_, src) in t.boxes.items() if src == "detected")][0]
            out.append(Finding(
                kind=Kind.FACE, label="face track",
                action=Action.KEPT if t.dismissed else Action.VISIBLE if t.visible else Action.ANONYMISED,
                reason=f"track {t.id}, frames {t.first}-{t.last}: {t.reason}", box=first_box, frame=t.first,
                detail={"track": t.id, "first_frame": t.first, "last_frame": t.last,
                        "frames_detected": t.detected, "frames_hidden": 0 if t.visible or t.dismissed else len(t.boxes), **t.detail},
            ))
        for s in self.text:
            out.append(dataclasses.replace(s.finding, frame=s.frame))
        for first, last, f in self.regions:
            out.append(dataclasses.replace(f, frame=first, detail={**f.detail, "first_frame": first, "last_frame": last}))
        return out

    def hidden_findings(self, index: int) -> list[Finding]:
        """What to hide in frame ``index``: every box of every hidden track, carried text."""
        faces: list[tuple[Box, str]] = []
        for t in self.tracks:
            if t.visible or t.dismissed or index not in t.boxes:
                continue
            faces.append(t.boxes[index])
        out = [Finding(kind=Kind.FACE, label="face", action=Action.ANONYMISED, reason=source, box=box, frame=index)
               for box, source in _joined_duplicates(faces)]
        for first, last, region in self.regions:
            if first <= index <= last:
                out.append(dataclasses.replace(region, frame=index))
        for s in self.text:
            if abs(s.frame - index) > TEXT_EVERY or s.finding.action is Action.KEPT:
                continue
            poly = s.finding.detail.get("polygon")
            if poly is not None:
                moved = self.motion.carry_points(poly, s.frame, index)
                if moved is None:
                    continue
                out.append(dataclasses.replace(s.finding, frame=index, action=Action.REDACTED,
                                               detail={**s.finding.detail, "polygon": moved}))
            elif s.finding.box is not None:
                carried = self.motion.carry(s.finding.box, s.frame, index)
                if carried is None:
                    continue
                out.append(dataclasses.replace(s.finding, frame=index, action=Action.REDACTED, box=carried))
        return out


#: Boxes of one frame overlapping this much (IoU) are drawn once, as their union (a crowd's tracks
#: carried into the same frame repeat a face many times: each patch costs a millisecond).
DUPLICATE_IOU = 0.5
#: ...compared only with the boxes kept so far that share a cell of this grid (px) with them.
DUPLICATE_CELL = 64.0


def _joined_duplicates(faces: list[tuple[Box, str]]) -> list[tuple[Box, str]]:
    """``faces`` with near-duplicate boxes (DUPLICATE_IOU) replaced by their union: nothing hidden less.

    Largest first, each box is joined to the box kept so far that it overlaps most (the first of equals),
    when that overlap reaches DUPLICATE_IOU; otherwise it is kept. Only kept boxes sharing a cell of a
    DUPLICATE_CELL px grid with it can overlap it at all, so only those are compared (a crowd's frame has
    hundreds of boxes: comparing each with every kept box cost 20 ms a frame)."""
    if len(faces) < 2:
        return faces
    arr = np.array([[b.x0, b.y0, b.x1, b.y1] for b, _ in faces], np.float64)
    order = np.argsort(-(arr[:, 2] - arr[:, 0]) * (arr[:, 3] - arr[:, 1]), kind="stable")
    boxes: list[list[float]] = arr.tolist()
    kept: list[list[float]] = []
    sources: list[str] = []
    grid: dict[tuple[int, int], list[int]] = {}

    def cells(b: list[float]) -> list[tuple[int, int]]:
        return [(cx, cy) for cx in range(math.floor(b[0] / DUPLICATE_CELL), math.floor(b[2] / DUPLICATE_CELL) + 1)
                for cy in range(math.floor(b[1] / DUPLICATE_CELL), math.floor(b[3] / DUPLICATE_CELL) + 1)]

    for i in order.tolist():
        b = boxes[i]
        b0, b1, b2, b3 = b
        area = (b2 - b0) * (b3 - b1)
        best, j = 0.0, -1
        for k in sorted({k for c in cells(b) for k in grid.get(c, ())}):
            k0, k1, k2, k3 = kept[k]
            inter = max(min(k2, b2) - max(k0, b0), 0.0) * max(min(k3, b3) - max(k1, b1), 0.0)
            iou = inter / max((k2 - k0) * (k3 - k1) + area - inter, 1e-9)
            if iou > best:
                best, j = iou, k
        if j >= 0 and best >= DUPLICATE_IOU:
            k0, k1, k2, k3 = kept[j]
            kept[j] = [min(k0, b0), min(k1, b1), max(k2, b2), max(k3, b3)]
            for c in cells(kept[j]):
                near = grid.setdefault(c, [])
                if j not in near:
                    near.append(j)
            continue
        for c in cells(b):
            grid.setdefault(c, []).append(len(kept))
        kept.append(b)
        sources.append(faces[i][1])
    return [(Box(*k), src) for k, src in zip(kept, sources, strict=True)]


def apply_review(analysis: VideoAnalysis, review: Any) -> VideoAnalysis:
    """A copy of ``analysis`` with a person's decisions (a ``decisions.ReviewDecisions``) applied
    to whole tracks, by the rules of :mod:`mediascrub.decisions`. Pure; raises DecisionError.

    - a decision whose ref names a ``track``: HIDE hides that face track in every frame of its span
      (a consented track too); NOT_A_FACE leaves it untouched in every frame. Nothing makes a track
      VISIBLE: only the consent gallery does;
    - a decision on a text sighting (ref without track, matched by frame and box): NOT_SENSITIVE
      leaves it (and the frames it was carried to) untouched; HIDE keeps it hidden;
    - a :class:`~mediascrub.decisions.Mark` is hidden at its place from ``frame`` to ``last_frame``.
    """
    from .decisions import _ALLOWED, DecisionError, Verdict, mark_finding

    who = f"reviewer {review.reviewer}" if review.reviewer else "reviewer"
    tracks = [dataclasses.replace(t) for t in analysis.tracks]
    text = [dataclasses.replace(s) for s in analysis.text]
    for d in review.decisions:
        ref = d.ref
        if ref.kind not in _ALLOWED[d.verdict]:
            raise DecisionError(f"'{d.verdict.value}' cannot be given to a {ref.kind.value} detection")
        if ref.track is not None:
            if ref.kind is not Kind.FACE:
                raise DecisionError("only face tracks are decided on as a whole")
            hit = [t for t in tracks if str(t.id) == ref.track]
            if not hit:
                raise DecisionError(f"no face track {ref.track} in this clip any more: open it again and review what is found now")
            for t in hit:
                if d.verdict is Verdict.HIDE:
                    t.visible, t.dismissed, t.reason = False, False, f"hidden by {who} (frames {t.first}-{t.last})"
                else:
                    t.visible, t.dismissed, t.reason = False, True, f"not a face ({who}): left as it is in frames {t.first}-{t.last}"
            continue
        hits = [s for s in text if ref.matches(dataclasses.replace(s.finding, frame=s.frame))]
        if not hits:
            raise DecisionError(f"no {ref.kind.value} detection at frame {ref.frame} in this clip any more: open it again")
        for s in hits:
            if d.verdict is Verdict.HIDE:
                s.finding = dataclasses.replace(s.finding, action=Action.REDACTED, reason=f"hidden by {who}")
            else:
                s.finding = dataclasses.replace(s.finding, action=Action.KEPT, reason=f"not sensitive ({who})")
    regions = list(analysis.regions)
    w, h = analysis.info.width, analysis.info.height
    for m in review.marks:
        first, last = m.frame, m.last_frame
        if not 0 <= first <= last < analysis.frames:
            raise DecisionError(f"a marked area covers frames {first}-{last}; the clip has frames 0-{analysis.frames - 1}")
        b = m.box.clipped(w, h)
        if b.width < 1 or b.height < 1:
            raise DecisionError("a marked area lies outside the picture or is too small")
        regions.append((first, last, mark_finding(dataclasses.replace(m, box=b), review.reviewer)))
    return dataclasses.replace(analysis, tracks=tracks, text=text, regions=regions)


def _leftovers(path: Path, size: int, keep_audio: bool) -> list[str]:
    """What the MP4 at ``path`` carries outside the allow-list (:func:`.media.containers.mp4_leftovers`):
    one video track, and a sound track when it is kept."""
    with open(path, "rb") as fh:
        return mp4_leftovers(fh, size, max_tracks=2 if keep_audio else 1)


def _container_findings(info: VideoInfo, leftovers: list[str], keep_audio: bool) -> list[Finding]:
    out = [
        Finding(kind=Kind.METADATA, label=f"tag {name}", action=Action.REMOVED, reason=f"container tag '{name}' (never copied)")
        for name in info.container_tags
        if name not in ("major_brand", "minor_version", "compatible_brands")
        and not name.endswith((":language", ":handler_name", ":vendor_id"))
    ]
    out += [Finding(kind=Kind.METADATA, label=f"box {where}", action=Action.REMOVED, reason=f"{where}: not in a clean MP4")
            for where in leftovers]
    out += [Finding(kind=Kind.METADATA, label=f"{kind} stream", action=Action.REMOVED,
                    reason=f"{kind} stream (only one video and, if kept, one audio stream is written)") for kind in info.other_streams]
    if info.audio_codec:
        if keep_audio:
            out.append(Finding(kind=Kind.METADATA, label="audio", action=Action.KEPT,
                               reason="--keep-audio: kept, decoded and encoded afresh as AAC (nothing copied)"))
        else:
            out.append(Finding(kind=Kind.METADATA, label="audio", action=Action.REMOVED,
                               reason="audio dropped (speech often says names and places; --keep-audio keeps it)"))
    if info.rotation:
        out.append(Finding(kind=Kind.METADATA, label="rotation", action=Action.CHANGED,
                           reason=f"turned {info.rotation} degrees into the pixels; the rotation flag is dropped"))
    if info.codec != "h264":
        out.append(Finding(kind=Kind.FORMAT, label=info.codec, action=Action.CHANGED, reason="re-encoded as H.264"))
    return out


def _read_again(box: Box, again: Box) -> bool:
    """Whether a reading ``again`` (with mediascrub's patches painted flat) is the reading ``box`` read
    again: they overlap READ_AGAIN_IOU, or ``again`` lies mostly (READ_AGAIN_IOU) inside ``box`` (the
    words of a sign a hidden face half covers, read without the patch's cells)."""
    return box.iou(again) >= READ_AGAIN_IOU or again.share_inside(box) >= READ_AGAIN_IOU


def _sampled_findings(stages: list[RegisteredStage], rgb: np.ndarray, ctx: StageContext) -> list[Finding]:
    """What the SAMPLED stages hide in the frame ``rgb``: each finding to hide or unsure of, hidden
    (unsure items are hidden in a clip, never sent to review)."""
    found: list[Finding] = []
    for stage in stages:
        found = stage.run(rgb, found, ctx)
    out = []
    for f in found:
        if f.action not in (Action.ANONYMISED, Action.REDACTED, Action.REVIEW):
            continue
        if f.action is Action.REVIEW:
            hidden = Action.ANONYMISED if f.kind is Kind.FACE else Action.REDACTED
            f = dataclasses.replace(f, action=hidden, reason=f"{f.reason} (unsure: hidden, as every unsure item in a clip)")
        out.append(f)
    return out


def text_due(index: int, last: int | None, motion: Motion, width: int, height: int, moved: bool = False) -> bool:
    """Whether frame ``index`` is read for text (the SAMPLED stages), ``last`` the frame read last (None:
    none yet): the first frame, the first of each scene, a frame whose camera motion could not be
    estimated, TEXT_EVERY frames after the last reading (TEXT_EVERY_MOVING when ``moved``: something moved
    by itself since it), and the first frame where TEXT_NEW_SHARE of the picture was not in view in the
    frame read last (its frame carried along the motion)."""
    if last is None or index - last >= (TEXT_EVERY_MOVING if moved else TEXT_EVERY) or not motion.reliable[index]:
        return True
    seen = motion.carry(Box(0, 0, width, height), last, index)
    if seen is None:  # a new scene
        return True
    kept = seen.clipped(width, height)
    return 1.0 - kept.area / float(width * height) >= TEXT_NEW_SHARE


class VideoPipeline:
    """Processes clips with the settings, gallery, stages and models of a photo :class:`~mediascrub.pipeline.Pipeline`."""

    def __init__(self, pipeline: Pipeline, *, keep_audio: bool = False, progress: Progress | None = None) -> None:
        self.pipeline = pipeline
        self.policy = pipeline.policy
        self.ctx = pipeline.ctx
        self.keep_audio = keep_audio
        self.progress = progress
        self.own_text = 0  # check: text read on mediascrub's own patches (not counted), in the last analyse
        self._text_read: int | None = None  # the frame text was read on last, in the analyse under way
        self._moved_since_text = False  # something moved by itself since that reading (see TEXT_EVERY_MOVING)

    def _keeps_audio(self, info: VideoInfo) -> bool:
        """Whether the new clip carries ``info``'s sound (``--keep-audio`` and the clip has some)."""
        return self.keep_audio and info.audio_codec is not None

    # -- pass 1: analyse -------------------------------------------------------------------

    def analyse(self, src: Path, info: VideoInfo | None = None, *, checking: bool = False) -> VideoAnalysis:
        """Pass 1 over every frame: the pipeline's stages, each as it applies to clips
        (:class:`.stages.OnClips`), and the clip-only face tracking. ``checking`` (for
        ``check``): detections on mediascrub's own patches, and faint ones where it has drawn,
        are counted in ``own_detections``; a track made mostly of them is not counted
        (:class:`.stages.face_tracks.FaceTracks`)."""
        stages = self.pipeline.stages
        self.ctx.today = self.pipeline.today()
        self.ctx.checking = checking
        self.own_text = 0
        info = info or probe_video(src, self.policy.output)
        keep_audio = self._keeps_audio(info)
        leftovers = _leftovers(src, info.size_bytes, keep_audio)
        metadata = _container_findings(info, leftovers, self.keep_audio)
        if keep_audio:
            metadata += [Finding(kind=Kind.METADATA, label="audio", action=Action.CHANGED, reason=f"{p}: the sound is encoded afresh")
                         for p in audio_problems(src)]
        motion = Motion()
        faces = None if stages.tracking is None else stages.tracking.for_clip(stages, self.ctx, info.width, info.height)
        sampled = stages.on_clips(OnClips.SAMPLED)
        text: list[TextSighting] = []
        pts: list[int | None] = []
        total = info.frames_declared
        self._text_read = None
        self._moved_since_text = False
        with threads_for_models(1):
            for frame in prefetched(lambda: iter_frames(src, info), depth_for(info.width, info.height)):
                self._analyse_frame(frame, motion, faces, sampled, text, pts, total)
        n = len(pts)
        if n == 0:
            raise CorruptInputError("the clip has no frames")
        if info.frames_declared and n != info.frames_declared:
            raise CorruptInputError(f"only {n} of the {info.frames_declared} declared frames decode: the clip is damaged")
        tracks = [] if faces is None else faces.decide(motion, info.width, info.height)
        timeline = plan_timeline(pts, info.time_base, info.rate)
        if any(p is None or p * info.time_base - pts[0] * info.time_base != timeline.seconds(i)  # type: ignore[operator]
               for i, p in enumerate(pts)):
            metadata.append(Finding(kind=Kind.METADATA, label="frame timing", action=Action.CHANGED,
                                    reason=f"frame times put on a {'constant ' if timeline.constant else ''}{float(timeline.rate):.3g} "
                                           "frames/s grid (exact timestamps can carry hidden data)"))
        return VideoAnalysis(info=info, frames=n, metadata=metadata, tracks=tracks, text=text, motion=motion, pts=pts,
                             own_detections=0 if faces is None else faces.own_detections)

    def _analyse_frame(self, frame: Any, motion: Motion, faces: Any, sampled: list[RegisteredStage], text: list[TextSighting],
                       pts: list[int | None], total: int) -> None:
        i = frame.index
        pts.append(frame.pts)
        new_scene, step = motion.add(frame.rgb)
        self.ctx.frame_index = i
        try:
            if faces is not None:
                faces.add(frame.rgb, i, new_scene, step, motion)
            if motion.moving is not None and float(motion.moving.mean()) >= TEXT_MOVING_SHARE:
                self._moved_since_text = True
            if sampled and text_due(i, self._text_read, motion, frame.rgb.shape[1], frame.rgb.shape[0], self._moved_since_text):
                self._text_read, self._moved_since_text = i, False
                found = _sampled_findings(sampled, frame.rgb, self.ctx)
                if self.ctx.checking:  # OCR reads digits into a mosaic now and then: that is not text left visible
                    own = [f for f in found if f.box is not None and is_own_patch(frame.rgb, f.box)]
                    found = self._read_without_patches(frame.rgb, [f for f in found if f not in own], sampled, faces)
                    self.own_text += len(own)
                text.extend(TextSighting(i, f) for f in found)
        except MediascrubError:
            raise
        except Exception as exc:
            raise StageError(f"frame {i}: a detection stage failed ({exc.__class__.__name__}: {exc})") from exc
        self._report_progress(i + 1, total)

    def _read_without_patches(self, rgb: np.ndarray, found: list[Finding], sampled: list[RegisteredStage], faces: Any) -> list[Finding]:
        """``check``: the text readings ``found`` in the frame ``rgb`` that are still read with mediascrub's
        face patches painted flat: those the detector found on its patches in this frame
        (``faces.own_boxes``, enlarged PATCH_REACH times) and the patch texture inside each reading's box
        (:func:`.stages.own_patches.patch_texture`, grown to a mosaic's cells). A reading across a patch
        (a mosaic's cells beside a dark post read as a number) is mediascrub's own work, counted in
        ``own_text``; one read again is text left visible. The frame is read a second time only when a
        reading touches a patch."""
        from .stages.own_patches import patch_texture

        h, w = rgb.shape[:2]
        painted = rgb.copy()
        touching: list[Finding] = []
        patches = [b.scaled(PATCH_REACH).clipped(w, h) for b in (faces.own_boxes if faces is not None else [])]
        for f in found:
            if f.box is None:
                continue
            x0, y0, x1, y1 = f.box.clipped(w, h).int_bounds()
            x1, y1 = min(x1, w), min(y1, h)
            if x1 <= x0 or y1 <= y0:
                continue
            mask = cv2.dilate(patch_texture(rgb[y0:y1, x0:x1]).astype(np.uint8), np.ones((PATCH_CELL, PATCH_CELL), np.uint8)) > 0
            for p in patches:
                a, b, c, d = p.int_bounds()
                mask[max(0, b - y0) : max(0, d - y0), max(0, a - x0) : max(0, c - x0)] = True
            if not mask.any():
                continue
            touching.append(f)
            crop = rgb[y0:y1, x0:x1]
            rest = crop[~mask] if not mask.all() else crop.reshape(-1, 3)
            painted[y0:y1, x0:x1][mask] = np.median(rest, axis=0).astype(np.uint8)
        if not touching:
            return found
        again = [g.box for g in _sampled_findings(sampled, painted, self.ctx) if g.box is not None]
        kept = [f for f in found if f not in touching or any(f.box is not None and _read_again(f.box, g) for g in again)]
        self.own_text += len(found) - len(kept)
        return kept

    def _report_progress(self, done: int, frames: int, passes_done: int = 0) -> None:
        """Progress over the passes (three for scrub, one for check): ``done`` frames of pass
        ``passes_done + 1`` of a clip of ``frames``."""
        if self.progress is not None:
            passes = 1 if self.ctx.checking else 3
            self.progress(passes_done * frames + done, passes * frames)

    # -- check -----------------------------------------------------------------------------

    def check(self, src: Path) -> Report:
        t0 = time.perf_counter()
        try:
            analysis = self.analyse(src, checking=True)
        except MediascrubError as exc:
            return Report(input=str(src), status=Status.FAILED, reason=str(exc), seconds=time.perf_counter() - t0, safe=False)
        except Exception as exc:  # a bug on one odd file is one line in the run, never the end of it
            return Report(input=str(src), status=Status.FAILED, seconds=time.perf_counter() - t0, safe=False,
                          reason=f"internal error ({exc.__class__.__name__}): the file could not be checked")
        findings = analysis.findings()
        safe = not any(f.action not in (Action.KEPT, Action.VISIBLE) for f in findings)
        reason = None
        if not safe:
            n_meta = sum(1 for f in findings if f.kind in (Kind.METADATA, Kind.FORMAT) and f.action is not Action.KEPT)
            n_tracks = sum(1 for t in analysis.tracks if not t.visible and not t.dismissed)
            n_text = len(analysis.text)
            parts = [f"{n} {what}" for n, what in ((n_meta, "container item(s) to remove or change"),
                                                    (n_tracks, "face track(s) to anonymise"),
                                                    (n_text, "text region(s) to hide")) if n]
            reason = "; ".join(parts) or "not safe"
        return Report(input=str(src), status=Status.CHECKED, findings=findings, reason=reason,
                      seconds=time.perf_counter() - t0, safe=safe,
                      notes=[f"video: {analysis.frames} frames, {analysis.info.width}x{analysis.info.height}"]
                      + ([f"{analysis.own_detections} face detection(s) on patches drawn by mediascrub, or faint beside "
                          f"them (under score {self.policy.faces.check_threshold:.2f}), not counted"]
                         if analysis.own_detections else [])
                      + ([f"{self.own_text} text reading(s) on patches drawn by mediascrub, not counted"] if self.own_text else []))

    # -- scrub -----------------------------------------------------------------------------

    def scrub(self, src: Path, dest: Path, *, quarantine: Path | None = None) -> Report:
        """Scrub the clip ``src`` into ``dest`` (extension becomes .mp4). Never raises MediascrubError."""
        t0 = time.perf_counter()
        report = Report(input=str(src), status=Status.FAILED)
        final = dest.with_name(dest.stem + OUTPUT_EXTENSION)
        analysis: VideoAnalysis | None = None  # once there is one, it is saved beside a held copy
        with failing_closed(report, lambda: quarantine_input(report, quarantine, source=src, findings=self._held_findings(analysis))):
            analysis = self.analyse(src)
            report.findings = analysis.findings()
            self._render_and_publish(src, final, analysis, report)
            hidden = sum(1 for t in analysis.tracks if not t.visible and not t.dismissed)
            report.notes.append(f"video: {analysis.frames} frames, {len(analysis.tracks)} face track(s), {hidden} hidden")
            if analysis.info.audio_codec and not self.keep_audio:
                report.notes.append("audio dropped: speech often says names and places (--keep-audio keeps it)")
        report.seconds = time.perf_counter() - t0
        return report

    def publish_reviewed(self, src: Path, dest: Path, review: Any, *, analysis: VideoAnalysis | None = None) -> Report:
        """Publish a held clip with a person's decisions (a ``decisions.ReviewDecisions``) applied to
        whole tracks (:func:`apply_review`): the review station's publish. The same render, encode,
        allow-list verification and atomic write as :meth:`scrub`, from the held original.
        ``analysis``: what :meth:`analyse` returned for these exact bytes and settings (the station
        keeps it); None: analyse again. Never raises MediascrubError; nothing is quarantined here."""
        t0 = time.perf_counter()
        report = Report(input=str(src), status=Status.FAILED)
        final = dest.with_name(dest.stem + OUTPUT_EXTENSION)
        with failing_closed(report):
            analysis = apply_review(analysis or self.analyse(src), review)
            report.findings = analysis.findings()
            self._render_and_publish(src, final, analysis, report)
            hidden = sum(1 for t in analysis.tracks if not t.visible and not t.dismissed)
            report.notes.append(f"video: {analysis.frames} frames, {len(analysis.tracks)} face track(s), {hidden} hidden, "
                                f"{len(analysis.regions)} area(s) drawn by the reviewer")
        report.seconds = time.perf_counter() - t0
        return report

    def _render_and_publish(self, src: Path, final: Path, analysis: VideoAnalysis, report: Report) -> None:
        """Render and verify into a temp file beside ``final``, then publish it there or under a neutral
        name (:func:`.publish.publish_output`); nothing is left behind on failure."""

        def render_verified(tmp: Path) -> None:
            changed = self.render(src, tmp, analysis)
            self.verify(tmp, analysis, changed)

        publish_output(report, final, render_verified, src=src, policy=self.policy, gallery=self.ctx.gallery, kind="clip")

    def _held_findings(self, analysis: VideoAnalysis | None) -> FindingsDocument | None:
        """What :func:`.publish.quarantine_input` saves beside a held clip: its whole ``analysis``
        (:mod:`.heldfindings`, keyed by :func:`.runkey.detection_key`), so the review station neither looks
        again nor analyses again to publish."""
        if analysis is None:
            return None
        from . import heldfindings
        from .runkey import detection_key

        return lambda sha256: heldfindings.clip_document(sha256, detection_key(self.pipeline.policy), analysis)

    def render(self, src: Path, out: Path, analysis: VideoAnalysis) -> dict[int, list[Drawn]]:
        """Pass 2: decode, redact, encode, each in its own thread (:mod:`.media.overlap`), a few
        frames in flight. Returns what was drawn where in each frame, as rendered
        (:func:`.publish.as_rendered`: what the output check, :meth:`verify`, compares the new clip with)."""
        from .stages.redact import redact_drawn

        info = analysis.info
        changed: dict[int, list[Drawn]] = {}
        keep_audio = self._keeps_audio(info)
        timeline = plan_timeline(analysis.pts, info.time_base, info.rate)
        depth = depth_for(info.width, info.height)
        # Clips keep the ellipse at every size: a tracked box carried between detections lags a moving face.
        clip_policy = dataclasses.replace(self.policy, faces=dataclasses.replace(self.policy.faces, large_face_size=0))
        release_free_memory()  # the analysis's buffers, before the encoder's
        with VideoWriter(out, info, timeline, audio_from=src if keep_audio else None) as writer, Background(writer.write, depth) as encode:
            n = 0
            for frame in prefetched(lambda: iter_frames(src, info), depth):
                findings = analysis.hidden_findings(frame.index)
                rgb = frame.rgb
                if findings:
                    rgb, drawn = redact_drawn(rgb, findings, clip_policy, in_place=True)
                    check_drawn(rgb, drawn, frame=frame.index)
                    changed[frame.index] = as_rendered(rgb, drawn)
                if frame.pts != analysis.pts[frame.index]:
                    raise VerificationError(f"frame {frame.index} decoded differently the second time")
                encode.put(rgb, frame.index)
                n += 1
                self._report_progress(n, analysis.frames, 1)
            if n != analysis.frames:
                raise VerificationError(f"the second decode gave {n} frames, the first {analysis.frames}")
        return changed

    def verify(self, out: Path, analysis: VideoAnalysis, changed: dict[int, list[Drawn]]) -> None:
        """Pass 3: the new clip holds nothing outside the allow-list, has the input's frames,
        size and timestamps, and every redacted region shows what was drawn there
        (:func:`.publish.verify_drawn`: a patch, a fill; the original is not decoded again)."""
        info = analysis.info
        keep_audio = self._keeps_audio(info)
        leftovers = _leftovers(out, out.stat().st_size, keep_audio)
        if leftovers:
            raise VerificationError("the new clip still carries: " + ", ".join(leftovers))
        verify_streams(out, info, keep_audio=keep_audio)
        if keep_audio and (problems := audio_problems(out)):
            raise VerificationError("the new clip's sound still carries: " + "; ".join(problems))
        timeline = plan_timeline(analysis.pts, info.time_base, info.rate)
        count = 0
        for pts, rgb, rotation in prefetched(lambda: iter_output_frames(out), depth_for(info.width, info.height)):
            i = count
            if i >= analysis.frames:
                raise VerificationError(f"the new clip has more frames than the original's {analysis.frames}")
            if rotation:
                raise VerificationError("the new clip still asks to be shown rotated")
            if rgb.shape[:2] != (info.height, info.width):
                raise VerificationError(f"frame {i} of the new clip is {rgb.shape[1]}x{rgb.shape[0]}, expected {info.width}x{info.height}")
            if pts is None or pts != timeline.seconds(i):
                planned = float(timeline.seconds(i))
                raise VerificationError(f"frame {i} of the new clip is at {float(pts or 0):.3f} s, planned at {planned:.3f} s")
            verify_drawn(rgb, changed.get(i, []), where="the new clip", frame=i, min_side=MIN_CHECKED_SIDE)
            count += 1
            self._report_progress(count, analysis.frames, 2)
        if count != analysis.frames:
            raise VerificationError(f"the new clip has {count} frames, the original {analysis.frames}")


__all__ = ["VideoPipeline", "VideoAnalysis", "TrackResult", "apply_review", "TEXT_EVERY", "upright"]
