"""Run the stages in order for one file; fail closed.

load -> inspect metadata -> detect/decide (registered stages, per frame) ->
anything unsure? quarantine -> redact -> encode fresh -> re-open and verify ->
atomic rename. Any exception anywhere means nothing is published for that
file: the input is copied to quarantine (when configured) with a reason.
"""

from __future__ import annotations

import datetime as dt
import functools
import time
from collections.abc import Callable
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

import numpy as np

from .errors import MediascrubError, StageError, VerificationError
from .findings import Action, Finding, Kind, Report, Status, tally
from .media.containers import HIDDEN
from .media.image import (
    Format,
    LoadedImage,
    as_published,
    decode_output,
    encode_image,
    load_image,
    read_input,
    size_note,
)
from .media.rebuild import transcode_jpeg
from .policy import Policy
from .publish import FindingsDocument, failing_closed, publish_output, quarantine_input, verify_changed
from .stages import OnClips, RegisteredStage, StageContext, StageList
from .stages.metadata import find_hidden, find_leftovers, inspect_hidden_bytes, inspect_metadata
from .stages.own_patches import counts_in_check, own_work_note


class NeedsReview(MediascrubError):
    """A stage was unsure: a person must look at this file before anything is published."""


def build_stages(policy: Policy) -> StageList:
    """The detection/decision stages, in order, for photos and clips alike. Registered
    explicitly; no import magic. Each declares how it applies to a clip (:class:`.stages.OnClips`).

    Faces first, then consent (re-decides each face against the gallery), then text,
    then the second look (faces and text found once all of that is drawn), then, for
    ``check`` only, what it does not count and its second detector. Clips also get the
    clip-only face tracking (:mod:`.stages.face_tracks`) when faces are found.
    The modules are imported here, not at the top, so ``mediascrub --help`` stays quick;
    their models load lazily on first use, once per process.
    """
    stages: list[RegisteredStage] = []
    tracking = None
    if policy.faces.enabled:
        from .stages.consent import consent_stage
        from .stages.face_tracks import FaceTracks
        from .stages.faces import face_stage

        stages.append(RegisteredStage("faces", face_stage, OnClips.FIND_FACES))
        stages.append(RegisteredStage("consent", consent_stage, OnClips.DECIDE_FACES))
        tracking = FaceTracks
    if policy.text.enabled:
        from .stages.text import text_stage

        stages.append(RegisteredStage("text", text_stage, OnClips.SAMPLED))
    if (policy.faces.enabled and policy.faces.second_look) or (policy.text.enabled and policy.text.reread):
        from .stages.second_look import second_look_stage

        # Not on clips: frame by frame it made 2 of the 8 evaluation clips SAFE for 42% more time (README, Clips).
        stages.append(RegisteredStage("second look", second_look_stage, OnClips.PHOTOS_ONLY))
    if policy.faces.enabled:  # check only (StageContext.checking); scrub is not changed by these
        from .stages.check import check_stage, second_detector_stage

        # On clips, before tracking: what it marks as mediascrub's own work is left out of the tracks.
        stages.append(RegisteredStage("check", check_stage, OnClips.FIND_FACES))
        if policy.faces.second_detector:  # HOG is not used on clips (README, Clips)
            stages.append(RegisteredStage("second detector", second_detector_stage, OnClips.PHOTOS_ONLY))
    return StageList(per_frame=tuple(stages), tracking=tracking)


def open_gallery(policy: Policy) -> Any:
    """The consent gallery for a run, opened read-only, or None when there is none.

    A gallery named explicitly (``--gallery``, ``consent.gallery`` or $MEDIASCRUB_GALLERY) must
    exist; the default per-user one is optional: without it every face is anonymised.
    """
    from .consent.gallery import Gallery, gallery_exists, resolve_gallery
    from .errors import GalleryError

    if not policy.faces.enabled:
        return None
    location, explicit = resolve_gallery(policy.consent.gallery or None)  # a file, or a postgresql:// URL
    if not gallery_exists(location):
        if explicit:
            raise GalleryError(f"consent gallery not found: {location} (create it with 'mediascrub gallery add')")
        return None
    return Gallery.open(location, readonly=True)


def pipeline_for(policy: Policy, *, today: dt.date | None = None) -> Pipeline:
    """A pipeline with the run's consent gallery opened: what the CLI, batch workers and the watcher use."""
    return Pipeline(policy, gallery=open_gallery(policy), today=today)


@dataclass
class Analysis:
    loaded: LoadedImage
    metadata: list[Finding]
    frames: list[list[Finding]] = field(default_factory=list)

    @property
    def all_findings(self) -> list[Finding]:
        out = list(self.metadata)
        for fs in self.frames:
            out.extend(fs)
        return out

    @property
    def review(self) -> list[Finding]:
        return [f for f in self.all_findings if f.action == Action.REVIEW]

    @property
    def needs_pixel_change(self) -> bool:
        return any(f.action in (Action.ANONYMISED, Action.REDACTED) for fs in self.frames for f in fs)


def output_name(src: Path, fmt: Format) -> str:
    """The output file name: same name, extension changed only when the format changes (HEIC -> .jpg)."""
    if fmt.output_format == fmt:
        return src.name
    return src.stem + fmt.output_format.extension


class Pipeline:
    """Settings, gallery and models for a run; processes one file at a time."""

    def __init__(self, policy: Policy, *, gallery: Any = None, today: dt.date | None = None) -> None:
        self.policy = policy
        self._fixed_today = today  # None: consent is judged on the date each file is processed
        self.ctx = StageContext(policy=policy, today=self.today(), gallery=gallery)
        self.stages = build_stages(policy)
        #: Called with (frames done, frames expected) while a clip is processed (progress bars).
        self.video_progress: Callable[[int, int], None] | None = None

    def today(self) -> dt.date:
        """The date consent is judged on for the next file: the one given to the pipeline, else the
        current date (a watcher runs for days: consent that expired at midnight must not be relied on after it)."""
        return self._fixed_today or dt.date.today()

    # -- analysis ---------------------------------------------------------------------------

    def analyse(self, loaded: LoadedImage, *, checking: bool = False) -> Analysis:
        """Every stage on every frame. ``checking``: for ``check`` (nothing will be drawn: no second
        look; what mediascrub drew is judged by the check stages, :mod:`.stages.check`)."""
        self.ctx.today = self.today()
        self.ctx.checking = checking
        self.ctx.published = functools.partial(as_published, loaded, policy=self.policy.output)
        analysis = Analysis(loaded=loaded, metadata=inspect_metadata(loaded))
        for index, frame in enumerate(loaded.frames):
            self.ctx.frame_index = index
            findings: list[Finding] = []
            for stage in self.stages.per_frame:
                findings = _run_stage(stage, frame, findings, self.ctx)
            if index:
                findings = [_with_frame(f, index) for f in findings]
            analysis.frames.append(findings)
        return analysis

    def check(self, src: Path) -> Report:
        """Read-only: what would be removed or changed, and whether the file is already safe."""
        t0 = time.perf_counter()
        src = Path(src)
        video = video_pipeline_for(self, src)
        if video is not None:
            return video.check(src)
        try:
            loaded = load_image(src, self.policy.output)
            analysis = self.analyse(loaded, checking=True)
            analysis.metadata.extend(inspect_hidden_bytes(loaded))
        except MediascrubError as exc:
            return Report(input=str(src), status=Status.FAILED, reason=str(exc), seconds=time.perf_counter() - t0, safe=False)
        findings = analysis.all_findings
        notes = [n for n in (size_note(loaded), own_work_note(findings, self.policy.faces.check_threshold)) if n]
        # A face on a patch mediascrub drew (stages/own_patches.py) is its own work, not a miss;
        # in a photo with such patches, a faint box is not either (FacePolicy.check_threshold).
        counted = [f for f in findings if counts_in_check(f)]
        safe = not counted
        reason = None if safe else _summarise(counted)
        return Report(input=str(src), status=Status.CHECKED, findings=findings, reason=reason, notes=notes,
                      seconds=time.perf_counter() - t0, safe=safe)

    # -- scrubbing --------------------------------------------------------------------------

    def scrub(self, src: Path, dest: Path, *, quarantine: Path | None = None) -> Report:
        """Scrub ``src`` into ``dest`` (the file name may change with the format). Never raises MediascrubError.

        ``quarantine`` is the path a copy of the input goes to when it cannot be published
        (a ``.reason.txt`` is written beside it); None: nothing is copied.
        """
        t0 = time.perf_counter()
        src = Path(src)
        video = video_pipeline_for(self, src)
        if video is not None:
            return video.scrub(src, dest, quarantine=quarantine)
        report = Report(input=str(src), status=Status.FAILED)
        data: bytes | None = None
        for_review: Analysis | None = None  # held for a person: what was found is saved beside the held copy
        with failing_closed(report, lambda: quarantine_input(report, quarantine, data=data, findings=self._held_findings(for_review))):
            data = read_input(src, self.policy.output)  # read once: quarantine gets these exact bytes
            loaded = load_image(src, self.policy.output, data=data)
            if (note := size_note(loaded)) is not None:
                report.notes.append(note)
            analysis = self.analyse(loaded)
            report.findings = analysis.all_findings
            if analysis.review:
                for_review = analysis
                raise NeedsReview("needs a person to review: " + "; ".join(sorted({f.reason for f in analysis.review})))
            self._render_and_publish(analysis, dest, report)
        report.seconds = time.perf_counter() - t0
        return report

    def _held_findings(self, analysis: Analysis | None) -> FindingsDocument | None:
        """What :func:`.publish.quarantine_input` saves beside a photo held for a person (:mod:`.heldfindings`),
        keyed by the settings (:func:`.runkey.detection_key`): the review station opens it without looking again."""
        if analysis is None:
            return None
        from . import heldfindings
        from .runkey import detection_key

        loaded = analysis.loaded
        return lambda sha256: heldfindings.photo_document(sha256, detection_key(self.policy), loaded.width, loaded.height, analysis.frames)

    def render(self, analysis: Analysis) -> tuple[bytes, Format, list[str]]:
        """Redact, encode fresh and verify. Returns the bytes to publish."""
        loaded = analysis.loaded
        notes: list[str] = list(loaded.notes)  # what loading changed (transparency, timing)
        changed_boxes: list[list[tuple[int, int, int, int]]] = [[] for _ in loaded.frames]
        frames = loaded.frames
        if analysis.needs_pixel_change:
            from .stages.redact import redact_findings

            new_frames = []
            for i, (frame, findings) in enumerate(zip(loaded.frames, analysis.frames, strict=True)):
                redacted, boxes = redact_findings(frame, findings, self.policy)
                new_frames.append(redacted)
                changed_boxes[i] = list(boxes)
            frames = new_frames
        out: bytes | None = None
        decoded: list[np.ndarray] | None = None  # the new file's pixels, when a check below decoded them already
        fmt = loaded.format.output_format
        # Every output is rebuilt; nothing is ever published as it came. A JPEG whose pixels need no
        # change is rebuilt from its DCT coefficients (no generation loss), and only when the rebuilt
        # file decodes to exactly the same pixels; otherwise it is encoded afresh from the pixels.
        coefficients = (
            loaded.format == Format.JPEG
            and not analysis.needs_pixel_change
            and loaded.orientation == 1
            and loaded.icc in (None, "srgb")
            and loaded.source_mode in ("RGB", "L")
        )
        if coefficients:
            out, messages, changes = transcode_jpeg(loaded.data)
            if out is not None and (decoded := _decoded_if_close(out, fmt, loaded, exact=not changes)) is None:
                out = None
            if messages:  # bytes the decoder skipped: not in the new file; said in the audit record
                notes.append("hidden bytes dropped (the JPEG decoder reports: " + "; ".join(messages[:2]) + ")")
            if out is not None:
                notes.append("JPEG rebuilt from its DCT coefficients (new file, " + ("; ".join(changes) or "pixels unchanged") + ")")
        if out is None:
            out, fmt = encode_image(loaded, frames, self.policy.output)
            notes.append(f"{loaded.format.value.upper()} written as {fmt.value.upper()}" if loaded.format != fmt
                         else "re-encoded from the pixels (new file)")
        verify_output(out, fmt, loaded, frames, changed_boxes, decoded=decoded)
        return out, fmt, notes

    def _render_and_publish(self, analysis: Analysis, dest: Path, report: Report) -> None:
        """Render ``analysis`` (encode + verify) and publish it under its output name beside ``dest``
        or a neutral one (:func:`.publish.publish_output`). Raises what render and the write raise; nothing
        is left on failure."""
        out_bytes, _, notes = self.render(analysis)
        report.notes.extend(notes)
        publish_output(report, dest.with_name(output_name(dest, analysis.loaded.format)), out_bytes,
                       src=analysis.loaded.path, policy=self.policy, gallery=self.ctx.gallery)

    def publish_reviewed(
        self, src: Path, dest: Path, review: Any, *, data: bytes | None = None, detections: list[list[Finding]] | None = None,
    ) -> Report:
        """Publish a held file with a person's decisions (a ``decisions.ReviewDecisions``) applied: the
        review station's publish. Same render, second look, encode, verify and atomic write as :meth:`scrub`,
        from the held copy's bytes (``data`` when the caller has read them already). Never raises MediascrubError.

        ``detections``: per-frame findings an earlier :meth:`analyse` of these exact bytes with this
        policy returned (the review station caches them per file hash); None: detect again. Nothing is
        quarantined here: the held copy stays where it is, for the caller to move once published.
        """
        t0 = time.perf_counter()
        src = Path(src)
        report = Report(input=str(src), status=Status.FAILED)
        with failing_closed(report):
            out_bytes, fmt, notes, findings = self.render_reviewed(src, review, data=data, detections=detections)
            report.findings = findings
            report.notes.extend(notes)
            publish_output(report, dest.with_name(output_name(dest, fmt)), out_bytes, src=src, policy=self.policy,
                           gallery=self.ctx.gallery)
        report.seconds = time.perf_counter() - t0
        return report

    def render_reviewed(
        self, src: Path, review: Any, *, data: bytes | None = None, detections: list[list[Finding]] | None = None,
    ) -> tuple[bytes, Format, list[str], list[Finding]]:
        """The exact file :meth:`publish_reviewed` writes (bytes, input format, notes, findings), written nowhere:
        the review station shows it before publishing. Raises MediascrubError.

        After the decisions are applied, the second look (the registered ``second look`` stage,
        :mod:`.stages.second_look`) runs again on the picture as it will now be drawn (what a box drawn or
        a dismissal changed near the patches), exactly as in :meth:`scrub`, so that ``check`` under the
        same policy finds nothing it would count. What the second look finds where the person dismissed
        a detection ("not a face", "not sensitive") stays as the person said.
        """
        from .decisions import apply_decisions

        if data is None:
            data = read_input(src, self.policy.output)
        loaded = load_image(src, self.policy.output, data=data)
        if detections is None:
            analysis = self.analyse(loaded)
        else:
            if len(detections) != len(loaded.frames):
                raise NeedsReview("the findings given do not belong to this file (frame count differs)")
            analysis = Analysis(loaded=loaded, metadata=inspect_metadata(loaded), frames=[list(fs) for fs in detections])
        decided = apply_decisions(analysis.frames, review, loaded.width, loaded.height)
        analysis.frames = [self._look_again(loaded, i, fs) for i, fs in enumerate(decided)]
        if analysis.review:  # apply_decisions resolves every uncertain finding; never publish one left over
            raise NeedsReview("undecided findings remain")
        out_bytes, _, notes = self.render(analysis)
        return out_bytes, loaded.format, notes, analysis.all_findings

    def _look_again(self, loaded: LoadedImage, index: int, findings: list[Finding]) -> list[Finding]:
        """The registered second look (:func:`.stages.second_look.second_look_stage`) over a frame's decided
        findings; the findings as they are when the policy has no second look."""
        stage = next((s for s in self.stages.per_frame if s.name == "second look"), None)
        if stage is None:
            return findings
        self.ctx.today = self.today()
        self.ctx.checking = False
        self.ctx.frame_index = index
        self.ctx.published = functools.partial(as_published, loaded, policy=self.policy.output)
        looked = _run_stage(stage, loaded.frames[index], findings, self.ctx)
        dismissed = [f for f in findings if f.action is Action.KEPT and f.box is not None and "reviewer" in f.reason]
        out = list(findings)
        for f in looked[len(findings):]:
            same = next((d for d in dismissed if d.kind is f.kind and f.box is not None and d.box is not None
                         and f.box.iou(d.box) > 0.5), None)
            out.append(f if same is None else replace(f, action=Action.KEPT, reason=same.reason))
        return [_with_frame(f, index) if index else f for f in out]


def video_pipeline_for(pipeline: Pipeline, src: Path) -> Any:
    """A VideoPipeline when ``src``'s content is an MP4/MOV/M4V/3GP clip, else None (the photo path,
    which also gives the clear errors for unreadable files)."""
    from .media.video import sniff_video

    try:
        with open(src, "rb") as fh:
            head = fh.read(64)
    except OSError:
        return None
    if not sniff_video(head):  # a raw camera file in ISO boxes (CR3) is not a clip: refused as a photo
        return None
    from .video_pipeline import VideoPipeline

    return VideoPipeline(pipeline, keep_audio=pipeline.policy.video.keep_audio, progress=pipeline.video_progress)


def _run_stage(stage: RegisteredStage, frame: np.ndarray, findings: list[Finding], ctx: StageContext) -> list[Finding]:
    """``stage`` on one frame; what it raises other than a MediascrubError becomes a StageError naming it."""
    try:
        return stage.run(frame, findings, ctx)
    except MediascrubError:
        raise
    except Exception as exc:
        raise StageError(f"the {stage.name} stage failed ({exc.__class__.__name__}: {exc})") from exc


def _with_frame(f: Finding, index: int) -> Finding:
    return replace(f, frame=index)


def _summarise(findings: list[Finding]) -> str:
    """'2 metadata item(s) to remove or change; 1 face(s) to anonymise' (why ``check`` says NOT SAFE)."""
    t = tally(findings)
    meta = sum(n for (kind, action), n in t.items() if kind == Kind.METADATA and action != Action.KEPT)
    review = sum(n for (_, action), n in t.items() if action == Action.REVIEW)
    conv = sum(n for (kind, _), n in t.items() if kind == Kind.FORMAT)
    parts = [
        f"{n} {what}"
        for n, what in (
            (meta, "metadata item(s) to remove or change"),
            (t.get((Kind.FACE, Action.ANONYMISED), 0), "face(s) to anonymise"),
            (t.get((Kind.TEXT, Action.REDACTED), 0), "text region(s) to hide"),
            (review, "item(s) need review"),
        )
        if n
    ]
    if conv:
        parts.append("format must be converted")
    return "; ".join(parts) or "not safe"


# A JPEG rebuilt from coefficients whose tables or edge padding had to change must stay this close to
# the input (PSNR, dB); otherwise it is encoded afresh from the pixels.
MIN_REBUILD_PSNR = 40.0


def _decoded_if_close(data: bytes, fmt: Format, loaded: LoadedImage, *, exact: bool) -> list[np.ndarray] | None:
    """The frames a rebuilt file decodes to, when they are exactly the pixels the input decoded to
    (``exact``), or within MIN_REBUILD_PSNR of them; else None. (:func:`verify_output` takes them, so
    the file is decoded once.)"""
    try:
        decoded = decode_output(data, fmt)
    except VerificationError:
        return None
    if len(decoded) != 1 or decoded[0].shape != loaded.frames[0].shape:
        return None
    close = np.array_equal(decoded[0], loaded.frames[0]) if exact else psnr(decoded[0], loaded.frames[0]) >= MIN_REBUILD_PSNR
    return decoded if close else None


def psnr(a: np.ndarray, b: np.ndarray) -> float:
    """Peak signal-to-noise ratio of two 8-bit pictures in dB (inf when identical)."""
    mse = float(np.mean((a.astype(np.float64) - b.astype(np.float64)) ** 2))
    return float("inf") if mse == 0 else 10 * float(np.log10(255.0**2 / mse))


def verify_output(
    data: bytes,
    fmt: Format,
    loaded: LoadedImage,
    frames: list[np.ndarray],
    changed_boxes: list[list[tuple[int, int, int, int]]],
    *,
    decoded: list[np.ndarray] | None = None,
) -> None:
    """Re-open the new file: it decodes, has the upright size, nothing outside the allow-list,
    and every redacted region really differs from the original. Raises VerificationError.
    ``decoded``: what ``data`` decodes to, when the caller has decoded it already."""
    leftovers = find_leftovers(data, fmt)
    if leftovers:
        raise VerificationError("the new file still carries: " + ", ".join(leftovers))
    if decoded is None:
        decoded = decode_output(data, fmt)
    h, w = loaded.height, loaded.width
    if decoded[0].shape[:2] != (h, w):
        raise VerificationError(f"the new file is {decoded[0].shape[1]}x{decoded[0].shape[0]}, expected {w}x{h}")
    if not loaded.animated and len(decoded) != 1:
        raise VerificationError(f"the new file has {len(decoded)} frames, expected 1")
    hidden = [p for p in find_hidden(data, fmt, own_output=True) if p.startswith(HIDDEN)]
    if hidden:
        raise VerificationError("the new file still carries " + "; ".join(hidden[:2]))
    for index, boxes in enumerate(changed_boxes):
        if not boxes:
            continue
        if index >= len(decoded):
            raise VerificationError(f"frame {index} with redactions is missing from the output")
        verify_changed(loaded.frames[index], decoded[index], boxes)


def scrub_file(src: Path, dest: Path, policy: Policy | None = None, *, quarantine: Path | None = None, gallery: Any = None) -> Report:
    """Scrub one file with a fresh pipeline (convenience for scripts)."""
    return Pipeline(policy or Policy(), gallery=gallery).scrub(Path(src), Path(dest), quarantine=quarantine)


def check_file(src: Path, policy: Policy | None = None, *, gallery: Any = None) -> Report:
    """Check one file with a fresh pipeline (convenience for scripts)."""
    return Pipeline(policy or Policy(), gallery=gallery).check(Path(src))


__all__ = ["Pipeline", "pipeline_for", "open_gallery", "scrub_file", "check_file", "build_stages", "verify_output", "NeedsReview"]
