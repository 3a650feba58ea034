"""Run the stages in order for one file; fail closed.

load -> inspect metadata -> detect/decide (registered stages, per frame) ->
anything unsure? quarantine -> redact -> encode fresh -> re-open and verify ->
atomic rename. Any exception anywhere means nothing is published for that
file: the input is copied to quarantine (when configured) with a reason.
"""

from __future__ import annotations

import datetime as dt
import time
from collections.abc import Callable
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

import numpy as np

from .errors import MediascrubError, StageError, VerificationError
from .findings import Action, Finding, Kind, Report, Status, tally
from .media.containers import jpeg_scan_data
from .media.image import (
    Format,
    LoadedImage,
    atomic_write,
    decode_output,
    encode_image,
    load_image,
    read_input,
    rewrite_jpeg_lossless,
)
from .policy import Policy
from .stages import Stage, StageContext
from .stages.metadata import find_leftovers, inspect_metadata

# Mean grey-level change a redacted region must show in the re-opened output.
MIN_REDACTION_CHANGE = 10.0


class NeedsReview(MediascrubError):
    """A stage was unsure: a person must look at this file before anything is published."""


def build_stages(policy: Policy) -> list[tuple[str, Stage]]:
    """The detection/decision stages, in order. Registered explicitly; no import magic.

    Faces first, then consent (re-decides each face against the gallery), then text.
    The modules are imported here, not at the top, so ``mediascrub --help`` stays quick;
    their models load lazily on first use, once per process.
    """
    stages: list[tuple[str, Stage]] = []
    if policy.faces.enabled:
        from .stages.consent import consent_stage
        from .stages.faces import face_stage

        stages.append(("faces", face_stage))
        stages.append(("consent", consent_stage))
    if policy.text.enabled:
        from .stages.text import text_stage

        stages.append(("text", text_stage))
    return stages


def open_gallery(policy: Policy) -> Any:
    """The consent gallery for a run, opened read-only, or None when there is none.

    A gallery named explicitly (``--gallery``, ``consent.gallery`` or $MEDIASCRUB_GALLERY) must
    exist; the default per-user one is optional: without it every face is anonymised.
    """
    from .consent.gallery import Gallery, resolve_gallery_path
    from .errors import GalleryError

    if not policy.faces.enabled:
        return None
    path, explicit = resolve_gallery_path(policy.consent.gallery or None)
    if not path.exists():
        if explicit:
            raise GalleryError(f"consent gallery not found: {path} (create it with 'mediascrub gallery add')")
        return None
    return Gallery.open(path, readonly=True)


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
        self.ctx = StageContext(policy=policy, today=today or dt.date.today(), gallery=gallery)
        self.stages = build_stages(policy)
        #: Called with (frames done, frames expected) while a clip is processed (progress bars).
        self.video_progress: Callable[[int, int], None] | None = None

    # -- analysis ---------------------------------------------------------------------------

    def analyse(self, loaded: LoadedImage) -> Analysis:
        # A watcher runs for days: consent that expired at midnight must not be relied on after it.
        self.ctx.today = self._fixed_today or dt.date.today()
        analysis = Analysis(loaded=loaded, metadata=inspect_metadata(loaded))
        for index, frame in enumerate(loaded.frames):
            self.ctx.frame_index = index
            findings: list[Finding] = []
            for name, stage in self.stages:
                try:
                    findings = stage(frame, findings, self.ctx)
                except MediascrubError:
                    raise
                except Exception as exc:
                    raise StageError(f"the {name} stage failed ({exc.__class__.__name__}: {exc})") from exc
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
            analysis = self.analyse(loaded)
        except MediascrubError as exc:
            return Report(input=str(src), status=Status.FAILED, reason=str(exc), seconds=time.perf_counter() - t0, safe=False)
        findings = analysis.all_findings
        safe = not any(f.action not in (Action.KEPT, Action.VISIBLE) for f in findings)
        reason = None if safe else _summarise(findings)
        return Report(input=str(src), status=Status.CHECKED, findings=findings, reason=reason,
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
        try:
            data = read_input(src, self.policy.output)  # read once: quarantine gets these exact bytes
            loaded = load_image(src, self.policy.output, data=data)
            analysis = self.analyse(loaded)
            report.findings = analysis.all_findings
            if analysis.review:
                raise NeedsReview("needs a person to review: " + "; ".join(sorted({f.reason for f in analysis.review})))
            out_bytes, out_fmt, notes = self.render(analysis)
            report.notes.extend(notes)
            final = dest.with_name(output_name(dest, loaded.format))
            atomic_write(final, out_bytes)
            report.output = str(final)
            report.status = Status.PUBLISHED
        except KeyboardInterrupt:
            raise
        except MediascrubError as exc:
            report.reason = str(exc)
            self._quarantine(src, data, quarantine, report)
        except Exception as exc:  # an unexpected bug must still fail closed
            report.reason = f"internal error ({exc.__class__.__name__}: {exc}); nothing was published"
            self._quarantine(src, data, quarantine, report)
        report.seconds = time.perf_counter() - t0
        return report

    def render(self, analysis: Analysis) -> tuple[bytes, Format, list[str]]:
        """Redact, encode fresh and verify. Returns the bytes to publish."""
        loaded = analysis.loaded
        notes: list[str] = []
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
        fmt = loaded.format.output_format
        lossless = (
            loaded.format == Format.JPEG
            and not analysis.needs_pixel_change
            and loaded.orientation == 1
            and loaded.icc in (None, "srgb")
            and loaded.source_mode in ("RGB", "L")
        )
        # No metadata finding means: nothing outside the allow-list, upright, no profile, no
        # conversion (inspect_metadata turns each of those into a finding). verify_output below
        # checks the allow-list on the bytes again before anything is published.
        already_clean = not analysis.needs_pixel_change and not analysis.metadata
        lossless_from: bytes | None = None
        if already_clean:
            out = loaded.data
            notes.append("already clean: published unchanged")
        elif lossless:
            out = rewrite_jpeg_lossless(loaded.data)
            if out is not None:
                lossless_from = loaded.data
                notes.append("JPEG rewritten losslessly (image data unchanged, metadata dropped)")
        if out is None:
            out, fmt = encode_image(loaded, frames, self.policy.output)
            if loaded.format != fmt:
                notes.append(f"{loaded.format.value.upper()} written as {fmt.value.upper()}")
        verify_output(out, fmt, loaded, frames, changed_boxes, lossless_from=lossless_from)
        return out, fmt, notes

    def _quarantine(self, src: Path, data: bytes | None, quarantine: Path | None, report: Report) -> None:
        report.status = Status.FAILED
        if quarantine is None:
            return
        try:
            target = quarantine
            if data is not None:
                atomic_write(target, data)
            reason_file = target.with_name(target.name + ".reason.txt")
            atomic_write(reason_file, (report.reason or "unknown").encode("utf-8") + b"\n")
            report.status = Status.QUARANTINED
            report.output = None
            report.notes.append(f"copied to quarantine: {target}" if data is not None else f"reason written to {reason_file}")
        except OSError as exc:
            report.notes.append(f"could not write to quarantine ({exc.strerror})")


def video_pipeline_for(pipeline: Pipeline, src: Path) -> Any:
    """A VideoPipeline when ``src``'s content is an MP4/MOV/M4V/3GP clip, else None (the photo path,
    which also gives the clear errors for unreadable files)."""
    from .media.video import sniff_video

    try:
        with open(src, "rb") as fh:
            head = fh.read(64)
    except OSError:
        return None
    if not sniff_video(head):
        return None
    from .video_pipeline import VideoPipeline

    return VideoPipeline(pipeline, keep_audio=pipeline.policy.video.keep_audio, progress=pipeline.video_progress)


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


def _grey(a: np.ndarray) -> np.ndarray:
    return a[..., :3].astype(np.float32) @ np.array([0.299, 0.587, 0.114], dtype=np.float32)


def verify_output(
    data: bytes,
    fmt: Format,
    loaded: LoadedImage,
    frames: list[np.ndarray],
    changed_boxes: list[list[tuple[int, int, int, int]]],
    *,
    lossless_from: bytes | None = None,
) -> None:
    """Re-open the new file: it decodes, has the upright size, nothing outside the allow-list,
    and every redacted region really differs from the original. Raises VerificationError."""
    leftovers = find_leftovers(data, fmt)
    if leftovers:
        raise VerificationError("the new file still carries: " + ", ".join(leftovers))
    decoded = decode_output(data, fmt)
    h, w = loaded.height, loaded.width
    if decoded[0].shape[:2] != (h, w):
        raise VerificationError(f"the new file is {decoded[0].shape[1]}x{decoded[0].shape[0]}, expected {w}x{h}")
    if not loaded.animated and len(decoded) != 1:
        raise VerificationError(f"the new file has {len(decoded)} frames, expected 1")
    if lossless_from is not None:
        if jpeg_scan_data(data) != jpeg_scan_data(lossless_from):
            raise VerificationError("lossless JPEG rewrite changed the image data")
    for index, boxes in enumerate(changed_boxes):
        if not boxes:
            continue
        if index >= len(decoded):
            raise VerificationError(f"frame {index} with redactions is missing from the output")
        before = _grey(loaded.frames[index])
        after = _grey(decoded[index])
        for x0, y0, x1, y1 in boxes:
            a = before[y0:y1, x0:x1]
            b = after[y0:y1, x0:x1]
            if a.size == 0:
                continue
            if float(np.abs(a - b).mean()) < MIN_REDACTION_CHANGE and float(a.std()) > 2.0:
                raise VerificationError(f"redacted region {x0},{y0}-{x1},{y1} is not changed enough in the output")


def scrub_file(src: Path, dest: Path, policy: Policy | None = None, *, quarantine: Path | None = None, gallery: Any = None) -> Report:
    """Scrub one file with a fresh pipeline (convenience for scripts)."""
    return Pipeline(policy or Policy(), gallery=gallery).scrub(Path(src), Path(dest), quarantine=quarantine)


def check_file(src: Path, policy: Policy | None = None, *, gallery: Any = None) -> Report:
    """Check one file with a fresh pipeline (convenience for scripts)."""
    return Pipeline(policy or Policy(), gallery=gallery).check(Path(src))


__all__ = ["Pipeline", "pipeline_for", "open_gallery", "scrub_file", "check_file", "build_stages", "verify_output", "NeedsReview"]
