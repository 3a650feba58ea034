"""The state behind the review station: the queue, the detection cache, the pipeline, the secrets.

Nothing here speaks HTTP: the routes (:mod:`.routes`) ask the :class:`Station` for files,
pictures and detections, and the guard (:mod:`.middleware`) checks requests against its
:class:`~.types.SignIn`.
"""

from __future__ import annotations

import concurrent.futures as cf
import hashlib
import json
import threading
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any
from urllib.parse import quote

from ..decisions import ReviewDecisions
from ..errors import MediascrubError
from ..findings import Box, Finding, Kind
from ..media.image import atomic_write
from ..policy import Policy
from .audit import audit_path
from .drafts import DraftStore
from .middleware.trustedhost import allowed_hosts
from .queue import HeldFile, HeldFolder
from .render import THUMB_SIDE, VIEW_SIDE, clip_frame, clip_frame_jpeg, crop_jpeg, frame_jpeg, is_clip, render_jpeg, render_thumbnail
from .runreport import finding_from_dict, load_run_report
from .types import Detected, SignIn, StationConfig

SETTINGS_TTL = 5.0  # seconds a settings key (policy, gallery, date) is trusted before it is looked at again


def write_private(path: Path, data: bytes) -> None:
    """Write a cache file (mode 0600) atomically: no partial file is left when the write fails."""
    atomic_write(path, data, mode=0o600)


class Station:
    """The state behind the page: queue, detection cache, pipeline, sign-in secrets."""

    def __init__(self, config: StationConfig, *, pipeline_factory: Callable[[Policy], Any] | None = None) -> None:
        from ..runkey import detection_key

        self.config = config
        self.folder = HeldFolder(config.held)
        self.folder.ensure_state()
        self.out = Path(config.out).absolute()
        self.out.mkdir(parents=True, exist_ok=True)
        self.audit = audit_path(self.out)
        from .sessions import Sessions

        # Over HTTPS the cookie is a __Host- cookie: sent only over HTTPS, only to this host, never set by a subdomain.
        cookie_name = f"__Host-mediascrub_{config.port}" if config.https else f"mediascrub_review_{config.port}"
        self.signin = SignIn(token=config.token, cookie_name=cookie_name, sessions=Sessions(config.reviewer), secure=config.https,
                             public_host=config.public_host.lower() if config.public_host else None)
        self.signin.sessions.new_link(None, minutes=None, token=config.token, csrf=self.signin.csrf)  # works once, until used
        self.desk: Any = None  # the desk (review/desk.py) when the station is one of its pages
        self._detection_key = detection_key
        self._settings: tuple[float, str] = (0.0, "")
        self._factory = pipeline_factory
        self._pipeline: Any = None
        self._folders: Any = None  # stages.filename.FolderNames, made on the first publish
        self.pipeline_lock = threading.Lock()  # one analysis or publish at a time through the pipeline
        self._detect_pool = cf.ThreadPoolExecutor(max_workers=1, thread_name_prefix="mediascrub-detect")
        self._jobs: dict[str, cf.Future[Detected]] = {}
        self._jobs_lock = threading.Lock()
        self._sha_by_signature: dict[str, str] = {}
        self._analyses: dict[str, Any] = {}  # detection key -> VideoAnalysis of a clip (publish needs no second analysis)
        self.run = load_run_report(config.report, self.out) if config.report else []
        self.run_outputs: dict[str, str | None] = {e.id: e.output for e in self.run}  # run entry id -> its output below OUT
        self.drafts = DraftStore(self.folder.state / "drafts")
        self._previews: dict[str, tuple[str, bytes, str, bytes]] = {}  # file id -> (decisions hash, output, format, shown JPEG)
        self._preview_lock = threading.Lock()

    # -- sign-in and address ---------------------------------------------------------------------------

    @property
    def csrf(self) -> str:
        """The CSRF token of the session the printed address opens."""
        return self.signin.csrf

    @property
    def sessions(self) -> Any:
        return self.signin.sessions

    @property
    def cookie_name(self) -> str:
        return self.signin.cookie_name

    def allowed_hosts(self) -> set[str]:
        hosts = allowed_hosts(self.config.host, self.config.port)
        if self.config.public_host:
            hosts.add(self.config.public_host.lower())
        return hosts

    def base_url(self) -> str:
        h = self.config.host
        host = f"[{h}]" if ":" in h and not h.startswith("[") else h
        if host in ("0.0.0.0", "[::]"):
            host = "127.0.0.1"
        return f"{'https' if self.config.https else 'http'}://{host}:{self.config.port}"

    def url(self, path: str = "/", token: str | None = None) -> str:
        """A sign-in address: the printed one-time token (or ``token``), opening ``path``."""
        return f"{self.base_url()}{path}?token={quote(token or self.config.token)}"

    def settings(self) -> str:
        """A key for everything that changes detections: the policy, the consent gallery's content and
        today's date (consent expires at midnight). Looked at again every few seconds, so a station left
        running detects afresh once the gallery changes or the day turns."""
        now = time.monotonic()
        at, key = self._settings
        if not key or now - at > SETTINGS_TTL:
            key = self._detection_key(self.config.policy)
            self._settings = (now, key)
        return key

    # -- pipeline ----------------------------------------------------------------------------------

    def pipeline(self) -> Any:
        if self._pipeline is None:
            if self._factory is not None:
                self._pipeline = self._factory(self.config.policy)
            else:
                from ..pipeline import pipeline_for

                self._pipeline = pipeline_for(self.config.policy)
        return self._pipeline

    def output_path(self, rel: str) -> Path:
        """Where the held file ``rel`` is published below the output folder: its folders read like file
        names under the settings' ``output.names``, as ``scrub`` and ``watch`` name them (``stages/filename.py``:
        ``held/Doris Smith/IMG_1.jpg`` goes to ``out/folder-<hash>/IMG_1.jpg``, the folder ``scrub`` would use)."""
        from ..policy import NameMode
        from ..run.statedir import names_key
        from ..stages.filename import FolderNames

        if self.config.policy.output.names is NameMode.KEEP:
            return self.out / rel
        if self._folders is None:
            gallery = getattr(getattr(self.pipeline(), "ctx", None), "gallery", None)
            self._folders = FolderNames(self.config.policy, names_key(self.out), gallery)
        return self.out / self._folders.map(Path(rel))

    def analysis_of(self, key: str) -> Any:
        """The clip analysis kept for detection ``key`` (None after a restart: publishing analyses again)."""
        return self._analyses.get(key)

    def close(self) -> None:
        self._detect_pool.shutdown(wait=False, cancel_futures=True)

    # -- reading and caching ---------------------------------------------------------------------------

    def read_held(self, held: HeldFile) -> bytes:
        return self.folder.read(held, self.config.policy.output.max_file_bytes)

    def sha_of(self, held: HeldFile) -> str:
        sha = self._sha_by_signature.get(held.signature)
        if sha is None:
            sha = hashlib.sha256(self.read_held(held)).hexdigest()
            self._sha_by_signature[held.signature] = sha
        return sha

    def _cache(self, name: str) -> Path:
        return self.folder.state / "cache" / name

    def cached_image(self, kind: str, held: HeldFile) -> bytes | None:
        try:
            return self._cache(f"{kind}-{held.signature}.jpg").read_bytes()
        except FileNotFoundError:
            return None

    def thumbnail(self, held: HeldFile) -> bytes:
        return self._rendered("thumb", held, THUMB_SIDE, render_thumbnail)

    def view(self, held: HeldFile) -> bytes:
        return self._rendered("view", held, VIEW_SIDE, render_jpeg)

    def _rendered(self, kind: str, held: HeldFile, side: int, render: Callable[[bytes, str, Policy, int], bytes]) -> bytes:
        """A JPEG of ``held`` at most ``side`` px (a clip's first frame), from the cache or made once and cached."""
        cached = self.cached_image(kind, held)
        if cached is not None:
            return cached
        raw = self.read_held(held)
        data = clip_frame_jpeg(raw, side) if is_clip(raw) else render(raw, held.rel, self.config.policy, side)
        write_private(self._cache(f"{kind}-{held.signature}.jpg"), data)
        return data

    def detections(self, held: HeldFile) -> cf.Future[Detected]:
        """Detections for the held file's current bytes: from memory, the disk cache, or a new run
        of the pipeline's detection stages (one at a time, in the background)."""
        known = self._sha_by_signature.get(held.signature)
        if known is not None:  # the page polls: don't read and hash the file each time
            job = self._jobs.get(f"{known}-{self.settings()}")
            if job is not None:
                return job
        data = self.read_held(held)
        sha = hashlib.sha256(data).hexdigest()
        self._sha_by_signature[held.signature] = sha
        key = f"{sha}-{self.settings()}"
        with self._jobs_lock:
            job = self._jobs.get(key)
            if job is not None:  # a failure stands for these bytes (restart the station to try again)
                return job
            job = self._detect_pool.submit(self._detect, held.rel, data, sha, key)
            self._jobs[key] = job
            return job

    def _detect(self, rel: str, data: bytes, sha: str, key: str) -> Detected:
        cache = self._cache(f"findings-{key}.json")
        try:
            doc = json.loads(cache.read_text(encoding="utf-8"))
            return Detected(sha, key, int(doc["width"]), int(doc["height"]),
                            [[finding_from_dict(f) for f in fs] for fs in doc["frames"]], clip=bool(doc.get("clip")),
                            fps=float(doc.get("fps") or 0))
        except (OSError, ValueError, KeyError, TypeError):
            pass
        saved = self._saved_by_scrub(rel, sha, key)
        if saved is not None:
            return saved
        if is_clip(data):
            det = self._detect_clip(rel, sha, key)
            if det.error is None:
                doc = {"width": det.width, "height": det.height, "clip": True, "fps": det.fps,
                       "frames": [[f.to_dict() for f in fs] for fs in det.frames]}
                write_private(cache, json.dumps(doc).encode())
            return det
        from ..media.image import load_image

        try:
            with self.pipeline_lock:
                pipeline = self.pipeline()
                loaded = load_image(self.folder.root / rel, self.config.policy.output, data=data)
                analysis = pipeline.analyse(loaded)
        except MediascrubError as exc:
            return Detected(sha, key, error=str(exc))
        except Exception as exc:  # shown on the page; nothing can be published from it
            return Detected(sha, key, error=f"detection failed ({exc.__class__.__name__}: {exc})")
        det = Detected(sha, key, loaded.width, loaded.height, [list(fs) for fs in analysis.frames])
        doc = {"width": det.width, "height": det.height, "frames": [[f.to_dict() for f in fs] for fs in det.frames]}
        write_private(cache, json.dumps(doc).encode())
        return det

    def _saved_by_scrub(self, rel: str, sha: str, key: str) -> Detected | None:
        """What scrub found when it held the file (:mod:`..heldfindings`), when it is for exactly these
        bytes and today's settings: the file opens without looking at it again."""
        from .. import heldfindings

        saved = heldfindings.load(self.folder.root / rel, sha, key.rsplit("-", 1)[-1])
        if saved is None:
            return None
        try:
            frames = heldfindings.frames_of(saved)
            if not saved.get("clip"):
                return Detected(sha, key, int(saved["width"]), int(saved["height"]), frames)
            analysis = heldfindings.clip_analysis(saved)
            det = Detected(sha, key, int(saved["width"]), int(saved["height"]), frames, clip=True, fps=float(analysis.info.rate or 0))
            self._save_crops(self.folder.root / rel, analysis, det)
            self._analyses[key] = analysis
            return det
        except (ValueError, KeyError, TypeError, MediascrubError):
            return None  # not usable: look again

    def _detect_clip(self, rel: str, sha: str, key: str) -> Detected:
        """Analyse a held clip (seconds: it runs in the detection thread, never on the event loop),
        keep the analysis for publishing, and cache a crop of each track and text sighting."""
        from ..video_pipeline import VideoPipeline

        path = self.folder.root / rel
        try:
            with self.pipeline_lock:
                vp = VideoPipeline(self.pipeline(), keep_audio=self.config.policy.video.keep_audio)
                analysis = vp.analyse(path)
            frames: list[list[Finding]] = [[] for _ in range(analysis.frames)]
            for f in analysis.findings():
                frames[min(max(f.frame, 0), analysis.frames - 1)].append(f)
            det = Detected(sha, key, analysis.info.width, analysis.info.height, frames, clip=True, fps=float(analysis.info.rate or 0))
            self._save_crops(path, analysis, det)
        except MediascrubError as exc:
            return Detected(sha, key, error=str(exc), clip=True)
        except Exception as exc:  # shown on the page; nothing can be published from it
            return Detected(sha, key, error=f"detection failed ({exc.__class__.__name__}: {exc})", clip=True)
        self._analyses[key] = analysis
        return det

    def _save_crops(self, path: Path, analysis: Any, det: Detected) -> None:
        """One JPEG per track (at its first detected frame) and text sighting, named by finding number."""
        from ..media.video import iter_frames

        wanted: dict[int, list[tuple[int, Box]]] = {}  # frame -> [(finding number, box)]
        for n, f in enumerate(x for fs in det.frames for x in fs):
            if f.box is None:
                continue
            frame = f.frame
            track = next((t for t in analysis.tracks if f.kind is Kind.FACE and str(t.id) == str((f.detail or {}).get("track"))), None)
            box = f.box
            if track is not None:
                frame = min(i for i, (_, src) in track.boxes.items() if src == "detected")
                box = track.boxes[frame][0]
            wanted.setdefault(frame, []).append((n, box))
        for decoded in iter_frames(path, analysis.info):
            for n, box in wanted.get(decoded.index, []):
                write_private(self._cache(f"crop-{det.key}-{n}.jpg"), crop_jpeg(decoded.rgb, box, det.width, det.height))

    def crop(self, held: HeldFile, det: Detected, n: int) -> bytes | None:
        """A close-up of finding ``n``: for a clip, saved when it was analysed; for a photo, cut from the
        original's upright pixels once and kept in the cache (it shows the original: served no-store)."""
        path = self._cache(f"crop-{det.key}-{n}.jpg")
        try:
            return path.read_bytes()
        except OSError:
            pass
        findings = [f for fs in det.frames for f in fs]
        if det.clip or not 0 <= n < len(findings) or findings[n].box is None:
            return None
        from ..media.image import load_image

        loaded = load_image(self.folder.root / held.rel, self.config.policy.output, data=self.read_held(held))
        frame = loaded.frames[min(findings[n].frame, len(loaded.frames) - 1)]
        data = crop_jpeg(frame, findings[n].box, loaded.width, loaded.height)  # type: ignore[arg-type]
        write_private(path, data)
        return data

    def frame_jpeg(self, held: HeldFile, det: Detected, index: int) -> bytes:
        """Frame ``index`` of a held clip, upright, at most VIEW_SIDE px, as a JPEG (cached: it shows the original)."""
        path = self._cache(f"frame-{det.key}-{index}.jpg")
        try:
            return path.read_bytes()
        except OSError:
            pass
        rgb = clip_frame(self.folder.root / held.rel, index, self.config.policy)
        data = frame_jpeg(rgb, VIEW_SIDE)
        write_private(path, data)
        return data

    def preview(self, held: HeldFile, det: Detected, review: ReviewDecisions, frame: int = 0) -> bytes:
        """What publishing with ``review`` would write, as a JPEG the page can show: for a photo the
        exact output (decoded and shown whole; its bytes are kept for publishing), for a clip frame
        ``frame`` with exactly the areas hidden that the published clip hides there."""
        digest = hashlib.sha256(json.dumps([det.key, review.to_dict()], sort_keys=True).encode()).hexdigest()
        if det.clip:
            from ..stages.redact import redact_findings
            from ..video_pipeline import apply_review

            analysis = self.clip_analysis(held, det)
            rgb = clip_frame(self.folder.root / held.rel, frame, self.config.policy)
            redacted, _ = redact_findings(rgb, apply_review(analysis, review).hidden_findings(frame), self.config.policy)
            return frame_jpeg(redacted, VIEW_SIDE * 2)
        with self._preview_lock:
            known = self._previews.get(held.id)
            if known is not None and known[0] == digest:
                return known[3]
            data = self.read_held(held)
            with self.pipeline_lock:
                out, fmt, _, _ = self.pipeline().render_reviewed(self.folder.root / held.rel, review, data=data,
                                                                 detections=det.frames)
            from ..media.image import decode_output

            decoded = decode_output(out, fmt.output_format)[0]
            shown = frame_jpeg(decoded[..., :3], max(decoded.shape[:2]), quality=95)
            self._previews[held.id] = (digest, out, fmt.value, shown)
            return shown

    def rendered_output(self, held: HeldFile, det: Detected, review: ReviewDecisions) -> bytes | None:
        """The output bytes :meth:`preview` rendered for exactly these decisions, if it did."""
        digest = hashlib.sha256(json.dumps([det.key, review.to_dict()], sort_keys=True).encode()).hexdigest()
        known = self._previews.get(held.id)
        return known[1] if known is not None and known[0] == digest else None

    def clip_analysis(self, held: HeldFile, det: Detected) -> Any:
        """The VideoAnalysis behind a clip's detections (kept from the analysis; else analysed again)."""
        analysis = self._analyses.get(det.key)
        if analysis is None:
            from ..video_pipeline import VideoPipeline

            with self.pipeline_lock:
                vp = VideoPipeline(self.pipeline(), keep_audio=self.config.policy.video.keep_audio)
                analysis = vp.analyse(self.folder.root / held.rel)
            self._analyses[det.key] = analysis
        return analysis

