"""The review station: a local web page where a person resolves held files.

``mediascrub review HELD --out OUT`` serves it. The page lists the files held in HELD
(with ``--report``, every file of that run), shows one file with every finding drawn,
and lets the reviewer hide more (boxes, ellipses, detections marked "hide"), dismiss
false alarms ("not a face", "not sensitive"), then publish through the same render,
encode, verify and atomic write as ``scrub`` (:meth:`Pipeline.publish_reviewed`) or
reject. Every decision goes to the audit log (:mod:`.audit`).

Security, because the page shows originals that are not yet safe:

- the server binds to 127.0.0.1 unless told otherwise;
- every request needs the session: the one-time URL token (printed at start) is
  exchanged, once, for an HttpOnly, SameSite=Strict session cookie (a browser session; the
  token in a shell history or on a screen is useless afterwards); no credentials: 401, wrong: 403;
- the ``Host`` header must name this server (DNS rebinding), else 403;
- requests that change anything need the CSRF token from the page in a header, a JSON
  body, and (when the browser sends one) an ``Origin`` of this server;
- files are addressed by id (:mod:`.queue`), never by path; links are never followed;
- a per-file lock (flock) means two reviewers cannot publish the same file twice;
- every response carries a strict Content-Security-Policy: the page loads only its own
  script, style and images, nothing from the network.
"""

from __future__ import annotations

import concurrent.futures as cf
import hashlib
import hmac
import io
import json
import math
import os
import secrets
import threading
import time
from collections.abc import Awaitable, Callable, MutableMapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any
from urllib.parse import parse_qs, quote

from ..decisions import DecisionError, FindingDecision, FindingRef, Mark, ReviewDecisions, Shape, Verdict
from ..errors import MediascrubError
from ..findings import Action, Box, Finding, Kind
from ..policy import Policy
from .audit import append_audit, audit_path
from .queue import FileLock, HeldFile, HeldFolder, file_id, valid_id

Scope = MutableMapping[str, Any]
Message = MutableMapping[str, Any]
Receive = Callable[[], Awaitable[Message]]
Send = Callable[[Message], Awaitable[None]]
ASGIApp = Callable[[Scope, Receive, Send], Awaitable[None]]

HERE = Path(__file__).parent
THUMB_SIDE = 240
VIEW_SIDE = 1600
MAX_MARKS = 500
MAX_NOTE = 300
MAX_BODY = 256 * 1024
SETTINGS_TTL = 5.0  # seconds a settings key (policy, gallery, date) is trusted before it is looked at again
CSP = (
    "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self'; connect-src 'self'; "
    "form-action 'self'; frame-ancestors 'none'; base-uri 'none'"
)
SECURITY_HEADERS = [
    (b"content-security-policy", CSP.encode()),
    (b"x-content-type-options", b"nosniff"),
    (b"x-frame-options", b"DENY"),
    (b"referrer-policy", b"no-referrer"),
    (b"cross-origin-resource-policy", b"same-origin"),
    (b"cross-origin-opener-policy", b"same-origin"),
]


@dataclass
class StationConfig:
    held: Path
    out: Path
    policy: Policy
    reviewer: str
    report: Path | None = None
    host: str = "127.0.0.1"
    port: int = 0  # the port actually bound: the allowed Host headers depend on it
    token: str = field(default_factory=lambda: secrets.token_urlsafe(32))


@dataclass
class Detected:
    """Detections for one held file's bytes (cached per sha256 and settings)."""

    sha256: str
    key: str = ""  # sha256 and settings: what the page's finding numbers refer to
    width: int = 0
    height: int = 0
    frames: list[list[Finding]] = field(default_factory=list)
    error: str | None = None
    clip: bool = False  # a video: findings are whole face tracks and text sightings, each at its first frame


def finding_from_dict(d: dict[str, Any]) -> Finding:
    """The inverse of ``Finding.to_dict`` (for cached detections)."""
    box = d.get("box")
    return Finding(
        kind=Kind(d["kind"]),
        label=str(d.get("label", "")),
        action=Action(d["action"]),
        reason=str(d.get("reason", "")),
        box=Box(*(float(v) for v in box)) if box else None,
        score=float(d["score"]) if d.get("score") is not None else None,
        frame=int(d.get("frame", 0)),
        detail=dict(d.get("detail") or {}),
    )


def describe_for_page(index: int, f: Finding, frames: int = 1) -> dict[str, Any]:
    """What the page may know of a finding: never the words read, landmarks or encodings."""
    d: dict[str, Any] = {
        "index": index,
        "kind": f.kind.value,
        "label": f.label,
        "action": f.action.value,
        "reason": f.reason,
        "box": f.box.to_list() if f.box else None,
        "score": round(f.score, 3) if f.score is not None else None,
        "frame": f.frame,
    }
    detail = f.detail or {}
    if f.kind is Kind.FACE and f.action is Action.VISIBLE:
        d["person"] = str(detail.get("person") or "unnamed")
        consent = detail.get("consent")
        if isinstance(consent, dict):
            d["consent"] = ", ".join(f"{k}: {v}" for k, v in consent.items() if isinstance(v, str | int | float))
    if "track" in detail:
        d["track"] = str(detail["track"])
    if frames > 1:  # a clip: the frames it is hidden (or left) in
        if "first_frame" in detail:
            d["first_frame"], d["last_frame"] = int(detail["first_frame"]), int(detail["last_frame"])
        else:  # text read on a sampled frame is carried to the frames around it
            from ..video_pipeline import TEXT_EVERY

            d["first_frame"], d["last_frame"] = max(0, f.frame - TEXT_EVERY), min(frames - 1, f.frame + TEXT_EVERY)
    return d


def is_clip(data: bytes) -> bool:
    from ..media.video import sniff_video

    return sniff_video(data[:64])


def clip_frame_jpeg(data: bytes, side: int) -> bytes:
    """The upright first frame of a clip as a small JPEG with no metadata (the frame the page shows)."""
    from PIL import Image

    from ..errors import CorruptInputError
    from ..media.video import _av, _rotation, upright

    av = _av()
    try:
        with av.open(io.BytesIO(data)) as c:
            frame = next(iter(c.decode(video=0)), None)
            if frame is None:
                raise CorruptInputError("the clip has no frames")
            rgb = upright(frame.to_ndarray(format="rgb24"), _rotation(frame))
    except av.error.FFmpegError as exc:
        raise CorruptInputError(f"the first frame does not decode ({exc.__class__.__name__})") from None
    img = Image.fromarray(rgb)
    img.thumbnail((side, side), Image.Resampling.BILINEAR if side <= THUMB_SIDE else Image.Resampling.LANCZOS)
    buf = io.BytesIO()
    img.save(buf, format="JPEG", quality=85)
    return buf.getvalue()


class Station:
    """The state behind the page: queue, detection cache, pipeline, sessions."""

    def __init__(self, config: StationConfig, *, pipeline_factory: Callable[[Policy], Any] | None = None) -> None:
        from ..run.batch import settings_key

        self.config = config
        self.folder = HeldFolder(config.held)
        self.folder.ensure_state()
        self.out = Path(config.out).absolute()
        self.out.mkdir(parents=True, exist_ok=True)
        self.audit = audit_path(self.out)
        self.session = secrets.token_urlsafe(32)
        self.token_used = False  # the printed token signs in one browser, once
        self.csrf = secrets.token_urlsafe(32)
        self._settings_key = settings_key
        self._settings: tuple[float, str] = (0.0, "")
        self._factory = pipeline_factory
        self._pipeline: Any = None
        self._pipeline_lock = threading.Lock()
        self._detect_pool = cf.ThreadPoolExecutor(max_workers=1, thread_name_prefix="mediascrub-detect")
        self._jobs: dict[str, cf.Future[Detected]] = {}
        self._jobs_lock = threading.Lock()
        self._sha_by_signature: dict[str, str] = {}
        self._analyses: dict[str, Any] = {}  # detection key -> VideoAnalysis of a clip (publish needs no second analysis)
        self.run = load_run_report(config.report, self.out) if config.report else []

    # -- hosts -----------------------------------------------------------------------------------

    def allowed_hosts(self) -> set[str]:
        port = self.config.port
        names = {"127.0.0.1", "localhost", "[::1]"} if self.config.host in ("127.0.0.1", "localhost", "::1") else set()
        h = self.config.host
        names.add(f"[{h}]" if ":" in h and not h.startswith("[") else h)
        return {f"{n}:{port}" for n in names}

    @property
    def cookie_name(self) -> str:
        return f"mediascrub_review_{self.config.port}"

    def url(self) -> str:
        h = self.config.host
        host = f"[{h}]" if ":" in h and not h.startswith("[") else h
        if host in ("0.0.0.0", "[::]"):
            host = "127.0.0.1"
        return f"http://{host}:{self.config.port}/?token={quote(self.config.token)}"

    def settings(self) -> str:
        """A key for everything that changes detections: the policy, the consent gallery's content and
        today's date (consent expires at midnight). Looked at again every few seconds, so a station left
        running detects afresh once the gallery changes or the day turns."""
        now = time.monotonic()
        at, key = self._settings
        if not key or now - at > SETTINGS_TTL:
            key = hashlib.sha256(self._settings_key(self.config.policy).encode()).hexdigest()[:16]
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
                            [[finding_from_dict(f) for f in fs] for fs in doc["frames"]], clip=bool(doc.get("clip")))
        except (OSError, ValueError, KeyError, TypeError):
            pass
        if is_clip(data):
            det = self._detect_clip(rel, sha, key)
            if det.error is None:
                doc = {"width": det.width, "height": det.height, "clip": True,
                       "frames": [[f.to_dict() for f in fs] for fs in det.frames]}
                write_private(cache, json.dumps(doc).encode())
            return det
        from ..media.image import load_image

        try:
            with self._pipeline_lock:
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

    def _detect_clip(self, rel: str, sha: str, key: str) -> Detected:
        """Analyse a held clip (seconds: it runs in the detection thread, never on the event loop),
        keep the analysis for publishing, and cache a crop of each track and text sighting."""
        from ..video_pipeline import VideoPipeline

        path = self.folder.root / rel
        try:
            with self._pipeline_lock:
                vp = VideoPipeline(self.pipeline(), keep_audio=self.config.policy.video.keep_audio)
                analysis = vp.analyse(path)
            frames: list[list[Finding]] = [[] for _ in range(analysis.frames)]
            for f in analysis.findings():
                frames[min(max(f.frame, 0), analysis.frames - 1)].append(f)
            det = Detected(sha, key, analysis.info.width, analysis.info.height, frames, clip=True)
            self._save_crops(path, analysis, det)
        except MediascrubError as exc:
            return Detected(sha, key, error=str(exc), clip=True)
        except Exception as exc:  # shown on the page; nothing can be published from it
            return Detected(sha, key, error=f"detection failed ({exc.__class__.__name__}: {exc})", clip=True)
        self._analyses[key] = analysis
        return det

    def _save_crops(self, path: Path, analysis: Any, det: Detected) -> None:
        """One JPEG per track (at its first detected frame) and text sighting, named by finding number."""
        from PIL import Image

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
                pad_x, pad_y = box.width * 0.25, box.height * 0.25
                b = Box(box.x0 - pad_x, box.y0 - pad_y, box.x1 + pad_x, box.y1 + pad_y).clipped(det.width, det.height)
                crop = decoded.rgb[int(b.y0):max(int(b.y1), int(b.y0) + 1), int(b.x0):max(int(b.x1), int(b.x0) + 1), :3]
                img = Image.fromarray(crop)
                img.thumbnail((160, 160), Image.Resampling.LANCZOS)
                buf = io.BytesIO()
                img.save(buf, format="JPEG", quality=85)
                write_private(self._cache(f"crop-{det.key}-{n}.jpg"), buf.getvalue())

    def crop(self, det: Detected, n: int) -> bytes | None:
        try:
            return self._cache(f"crop-{det.key}-{n}.jpg").read_bytes()
        except OSError:
            return None

    # -- decisions ---------------------------------------------------------------------------------

    def build_review(self, det: Detected, body: dict[str, Any]) -> ReviewDecisions:
        """The reviewer's decisions from a publish request, validated. Raises ValueError."""
        findings = [f for fs in det.frames for f in fs]
        marks: list[Mark] = []
        raw_marks = body.get("marks", [])
        if not isinstance(raw_marks, list) or len(raw_marks) > MAX_MARKS:
            raise ValueError("marks must be a list")
        for m in raw_marks:
            if not isinstance(m, dict):
                raise ValueError("a mark must be an object")
            box = m.get("box")
            if not (isinstance(box, list) and len(box) == 4 and all(isinstance(v, int | float) and math.isfinite(v) for v in box)):
                raise ValueError("a mark needs a box of four numbers")
            x0, y0, x1, y1 = (float(v) for v in box)
            if x1 - x0 < 1 or y1 - y0 < 1:
                raise ValueError("a marked area is empty")
            frame = m.get("frame", 0)
            if not isinstance(frame, int) or isinstance(frame, bool) or not 0 <= frame < len(det.frames):
                raise ValueError("a mark's frame is not in this file")
            last = None
            if det.clip:  # a clip: hidden at that place over a range of frames, the whole clip unless said
                last = m.get("last_frame", len(det.frames) - 1)
                if not isinstance(last, int) or isinstance(last, bool) or not frame <= last < len(det.frames):
                    raise ValueError("a mark's last frame is not in this clip (or before its first)")
            marks.append(Mark(Box(x0, y0, x1, y1), Shape(str(m.get("shape", "rect"))), frame, _note(m.get("note")), last))
        decisions: list[FindingDecision] = []
        raw = body.get("decisions", [])
        if not isinstance(raw, list) or len(raw) > len(findings):
            raise ValueError("decisions must be a list, one per finding at most")
        seen: set[int] = set()
        for d in raw:
            if not isinstance(d, dict):
                raise ValueError("a decision must be an object")
            idx = d.get("index")
            if not isinstance(idx, int) or isinstance(idx, bool) or not 0 <= idx < len(findings) or idx in seen:
                raise ValueError("a decision names no finding of this file")
            seen.add(idx)
            f = findings[idx]
            if f.box is None:
                raise ValueError("metadata cannot be decided on here")
            track = f.detail.get("track") if f.detail else None
            ref = FindingRef(f.kind, f.box, f.frame, None if track is None else str(track))
            decisions.append(FindingDecision(ref, Verdict(str(d.get("verdict"))), _note(d.get("note"))))
        return ReviewDecisions(self.config.reviewer, tuple(marks), tuple(decisions))


def audit_decision(d: FindingDecision, det: Detected) -> dict[str, Any]:
    """A decision for the audit log, with what the machine had decided before."""
    rec = d.to_dict()
    was = next((f for fs in det.frames for f in fs if d.ref.matches(f)), None)
    if was is not None:
        rec["was"] = {"action": was.action.value, "reason": was.reason, **({"score": was.score} if was.score is not None else {})}
        if det.clip:
            first = (was.detail or {}).get("first_frame", was.frame)
            rec["frames"] = [int(first), int((was.detail or {}).get("last_frame", first))]
    return rec


def _note(v: Any) -> str:
    if v is None:
        return ""
    if not isinstance(v, str):
        raise ValueError("a note must be text")
    return v.strip()[:MAX_NOTE]


def final_output_path(dest: Path, data: bytes) -> Path:
    """Where the pipeline will write ``dest`` (the extension changes with the format: HEIC -> .jpg)."""
    from ..media.image import sniff_format
    from ..pipeline import output_name

    fmt = sniff_format(data[:64])
    return dest if fmt is None else dest.with_name(output_name(dest, fmt))


def write_private(path: Path, data: bytes) -> None:
    """Write a cache file (mode 0600) atomically."""
    tmp = path.with_name(f".{path.name}.{secrets.token_hex(4)}.part")
    fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_NOFOLLOW", 0), 0o600)
    with os.fdopen(fd, "wb") as fh:
        fh.write(data)
    os.replace(tmp, path)


def render_jpeg(data: bytes, name: str, policy: Policy, side: int) -> bytes:
    """The upright first frame of an image as a small JPEG with no metadata (what the page shows)."""
    from PIL import Image

    from ..media.image import load_image

    loaded = load_image(Path(name), policy.output, data=data)
    img = Image.fromarray(loaded.frames[0][..., :3])
    img.thumbnail((side, side), Image.Resampling.BILINEAR if side <= THUMB_SIDE else Image.Resampling.LANCZOS)
    buf = io.BytesIO()
    img.save(buf, format="JPEG", quality=85)
    return buf.getvalue()


def render_thumbnail(data: bytes, name: str, policy: Policy, side: int) -> bytes:
    """Like :func:`render_jpeg`, quicker: a JPEG is decoded at a reduced scale (Pillow's draft
    mode, about 1/8 of the work for a big photo). Anything unusual goes the full way."""
    from PIL import Image, ImageOps

    try:
        with Image.open(io.BytesIO(data)) as img:
            if img.format != "JPEG" or img.width * img.height > policy.output.max_pixels:
                raise ValueError("not a plain JPEG")
            img.draft("RGB", (side * 2, side * 2))
            upright = ImageOps.exif_transpose(img).convert("RGB")
        upright.thumbnail((side, side), Image.Resampling.BILINEAR)
        buf = io.BytesIO()
        upright.save(buf, format="JPEG", quality=85)
        return buf.getvalue()
    except (OSError, ValueError, SyntaxError, Image.DecompressionBombError):
        return render_jpeg(data, name, policy, side)


@dataclass
class RunEntry:
    """One file of a run report (``--report``): what the listing shows besides the held files."""

    id: str
    name: str
    status: str
    reason: str
    summary: str
    quarantine: str | None  # path of the held copy the run wrote, if any
    output: str | None  # path below OUT of the published copy


def load_run_report(path: Path, out: Path) -> list[RunEntry]:
    """The files of a run report. Raises MediascrubError when it is not one."""
    from ..errors import UsageError
    from ..report import describe_findings

    try:
        doc = json.loads(Path(path).read_text(encoding="utf-8"))
        files = doc["files"]
        if not isinstance(files, list):
            raise TypeError
    except (OSError, ValueError, KeyError, TypeError):
        raise UsageError(f"{path} is not a mediascrub run report (write one with 'scrub --report')") from None
    entries = []
    real_out = os.path.realpath(out)
    for i, f in enumerate(files):
        if not isinstance(f, dict):
            continue
        quarantine = None
        for note in f.get("notes") or []:
            if isinstance(note, str) and note.startswith("copied to quarantine: "):
                quarantine = os.path.realpath(note.removeprefix("copied to quarantine: "))
        output = None
        if f.get("output") and f.get("status") in ("published", "skipped"):
            real = os.path.realpath(str(f["output"]))
            if real.startswith(real_out + os.sep):
                output = os.path.relpath(real, real_out)
        try:
            findings = [finding_from_dict(x) for x in f.get("findings") or []]
            summary = describe_findings(findings)
        except (KeyError, ValueError, TypeError):
            summary = ""
        entries.append(RunEntry(
            id=file_id(f"run:{i}"), name=os.path.basename(str(f.get("input", "?"))), status=str(f.get("status", "?")),
            reason=str(f.get("reason") or ""), summary=summary, quarantine=quarantine, output=output,
        ))
    return entries


# --- the guard: Host, session, CSRF, headers --------------------------------------------------------


def _headers(scope: Scope) -> dict[bytes, bytes]:
    return {k.lower(): v for k, v in scope.get("headers", [])}


def _cookies(raw: bytes) -> dict[str, str]:
    out: dict[str, str] = {}
    for part in raw.decode("latin-1").split(";"):
        if "=" in part:
            k, v = part.split("=", 1)
            out[k.strip()] = v.strip()
    return out


async def _plain(send: Send, status: int, text: str, extra: list[tuple[bytes, bytes]] | None = None) -> None:
    body = (text + "\n").encode()
    headers = [(b"content-type", b"text/plain; charset=utf-8"), (b"content-length", str(len(body)).encode()),
               (b"cache-control", b"no-store"), *SECURITY_HEADERS, *(extra or [])]
    await send({"type": "http.response.start", "status": status, "headers": headers})
    await send({"type": "http.response.body", "body": body})


class Guard:
    """ASGI middleware in front of every route: refuses before any handler runs."""

    def __init__(self, app: ASGIApp, station: Station) -> None:
        self.app = app
        self.station = station

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        st = self.station
        headers = _headers(scope)
        host = headers.get(b"host", b"").decode("latin-1").lower()
        if host not in st.allowed_hosts():
            await _plain(send, 403, "wrong Host header: open the address mediascrub printed")
            return
        cookie = _cookies(headers.get(b"cookie", b"")).get(st.cookie_name)
        if cookie is None or not hmac.compare_digest(cookie.encode(), st.session.encode()):
            token = parse_qs(scope.get("query_string", b"").decode("latin-1")).get("token")
            if token and scope["method"] == "GET":
                if hmac.compare_digest(token[0].encode(), st.config.token.encode()):
                    if st.token_used:
                        await _plain(send, 403, "this sign-in address has been used already (it works once): "
                                     "restart mediascrub review for a new one")
                        return
                    st.token_used = True  # one event loop: no other request runs between the check and this
                    set_cookie = f"{st.cookie_name}={st.session}; HttpOnly; SameSite=Strict; Path=/".encode()
                    path = quote(scope.get("path", "/")) or "/"
                    await _plain(send, 303, "signed in", [(b"location", path.encode()), (b"set-cookie", set_cookie)])
                    return
                await _plain(send, 403, "wrong token")
                return
            if cookie is not None or token:
                await _plain(send, 403, "not signed in to this review station: open the address mediascrub printed")
                return
            await _plain(send, 401, "not signed in: open the address (with its token) that mediascrub printed")
            return
        if scope["method"] not in ("GET", "HEAD"):
            csrf = headers.get(b"x-csrf-token", b"").decode("latin-1")
            origin = headers.get(b"origin")
            ctype = headers.get(b"content-type", b"").split(b";")[0].strip()
            if not csrf or not hmac.compare_digest(csrf.encode(), st.csrf.encode()):
                await _plain(send, 403, "missing or wrong CSRF token: reload the page")
                return
            if origin is not None and origin.decode("latin-1").lower() != f"http://{host}":
                await _plain(send, 403, "request from another site refused")
                return
            if ctype != b"application/json":
                await _plain(send, 415, "JSON only")
                return

        async def send_with_headers(message: Message) -> None:
            if message["type"] == "http.response.start":
                names = {k.lower() for k, _ in message.get("headers", [])}
                message["headers"] = list(message.get("headers", [])) + [h for h in SECURITY_HEADERS if h[0] not in names]
            await send(message)

        await self.app(scope, receive, send_with_headers)


# --- the app -------------------------------------------------------------------------------------------


def create_app(station: Station) -> ASGIApp:
    """The Starlette application for ``station``, wrapped in the :class:`Guard`."""
    from jinja2 import Environment, FileSystemLoader, select_autoescape
    from starlette.applications import Starlette
    from starlette.requests import Request
    from starlette.responses import HTMLResponse, JSONResponse, Response
    from starlette.routing import Route

    env = Environment(loader=FileSystemLoader(str(HERE / "templates")), autoescape=select_autoescape(default=True))
    static = {name: (HERE / "static" / name).read_bytes() for name in ("app.js", "style.css")}
    static_types = {"app.js": "text/javascript; charset=utf-8", "style.css": "text/css; charset=utf-8"}
    no_store = {"cache-control": "no-store"}

    def page(name: str, **ctx: Any) -> HTMLResponse:
        html = env.get_template(name).render(csrf=station.csrf, reviewer=station.config.reviewer, **ctx)
        return HTMLResponse(html, headers=no_store)

    def error(status: int, message: str) -> JSONResponse:
        return JSONResponse({"error": message}, status_code=status, headers=no_store)

    def find(request: Request) -> HeldFile | None:
        fid = str(request.path_params.get("fid", ""))
        return station.folder.find(fid) if valid_id(fid) else None

    def usable(request: Request) -> HeldFile | Response:
        """The held file the request names, or the error to answer: not in the queue, or refused."""
        held = find(request)
        if held is None:
            return error(404, "no such file in the queue")
        if held.refused:
            return error(403, f"refused: {held.refused}")
        return held

    def detections_of(request: Request) -> tuple[HeldFile, Any] | Response:
        """The held file and its detection job (running or done), or the error to answer."""
        held = usable(request)
        if isinstance(held, Response):
            return held
        try:
            return held, station.detections(held)
        except MediascrubError as exc:
            return error(422, str(exc))

    def index(request: Request) -> Response:
        items = []
        held_paths = set()
        for h in station.folder.scan():
            held_paths.add(os.path.realpath(station.folder.path_of(h)))
            items.append({"id": h.id, "name": h.rel, "refused": h.refused, "reason": "" if h.refused else station.folder.reason(h),
                          "version": h.signature})
        run = []
        for e in station.run:
            if e.quarantine is not None and e.quarantine in held_paths:
                continue  # shown with the held files
            run.append(e)
        return page("queue.html", items=items, run=run, held=str(station.folder.root), out=str(station.out))

    def api_queue(request: Request) -> Response:
        """The ids in the queue now: the page compares them with what it shows (a watcher adds files)."""
        return JSONResponse({"ids": [h.id for h in station.folder.scan()]}, headers=no_store)

    def static_file(request: Request) -> Response:
        name = str(request.path_params["name"])
        if name not in static:
            return error(404, "not found")
        return Response(static[name], media_type=static_types[name], headers={"cache-control": "no-cache"})

    def file_page(request: Request) -> Response:
        held = find(request)
        if held is None:
            return HTMLResponse("<p>This file is no longer in the queue.</p>", status_code=404, headers=no_store)
        if held.refused:
            return error(403, f"refused: {held.refused}")
        return page("file.html", item={"id": held.id, "name": held.rel, "reason": station.folder.reason(held)})

    def image(kind: str) -> Callable[[Request], Awaitable[Response]]:
        async def handler(request: Request) -> Response:
            from starlette.concurrency import run_in_threadpool

            held = usable(request)
            if isinstance(held, Response):
                return held
            make = station.thumbnail if kind == "thumb" else station.view
            cached = station.cached_image(kind, held)  # a few KB from the cache: no thread hop
            try:
                data = cached if cached is not None else await run_in_threadpool(make, held)
            except (MediascrubError, OSError) as exc:
                return error(422, f"cannot be shown: {exc}")
            return Response(data, media_type="image/jpeg", headers={"cache-control": "private, max-age=3600"})
        return handler

    def output_thumb(request: Request) -> Response:
        fid = str(request.path_params.get("fid", ""))
        entry = next((e for e in station.run if e.id == fid and e.output), None) if valid_id(fid) else None
        if entry is None or entry.output is None:
            return error(404, "no such output")
        path = station.out / entry.output
        real = os.path.realpath(path)
        if not real.startswith(os.path.realpath(station.out) + os.sep):
            return error(403, "outside the output folder")
        try:
            fd = os.open(path, os.O_RDONLY | getattr(os, "O_NOFOLLOW", 0))
            with os.fdopen(fd, "rb") as fh:
                data = fh.read(station.config.policy.output.max_file_bytes)
            jpeg = render_jpeg(data, entry.output, station.config.policy, THUMB_SIDE)
        except (MediascrubError, OSError) as exc:
            return error(422, f"cannot be shown: {exc}")
        return Response(jpeg, media_type="image/jpeg", headers={"cache-control": "private, max-age=3600"})

    def crop(request: Request) -> Response:
        found = detections_of(request)
        if isinstance(found, Response):
            return found
        _, job = found
        n = str(request.path_params.get("n", ""))
        if not job.done() or not n.isdigit() or len(n) > 6:
            return error(404, "no such crop")
        data = station.crop(job.result(), int(n))
        if data is None:
            return error(404, "no such crop")
        return Response(data, media_type="image/jpeg", headers={"cache-control": "private, max-age=3600"})

    def api_file(request: Request) -> Response:
        found = detections_of(request)
        if isinstance(found, Response):
            return found
        _, job = found
        if not job.done():
            return JSONResponse({"state": "detecting"}, headers=no_store)
        det = job.result()
        if det.error:
            return JSONResponse({"state": "failed", "error": det.error, "sha256": det.sha256}, headers=no_store)
        findings = [f for fs in det.frames for f in fs]
        return JSONResponse({
            "state": "ready", "sha256": det.sha256, "key": det.key, "width": det.width, "height": det.height, "frames": len(det.frames),
            "clip": det.clip,
            "findings": [describe_for_page(i, f, len(det.frames)) for i, f in enumerate(findings) if f.box is not None],
            "metadata": [f.reason for f in findings if f.box is None and f.action is not Action.KEPT][:50],
        }, headers=no_store)

    async def read_json(request: Request) -> dict[str, Any]:
        body = b""
        async for chunk in request.stream():
            body += chunk
            if len(body) > MAX_BODY:
                raise ValueError("request too large")
        doc = json.loads(body or b"{}")
        if not isinstance(doc, dict):
            raise ValueError("expected a JSON object")
        return doc

    async def publish(request: Request) -> Response:
        from starlette.concurrency import run_in_threadpool

        try:
            body = await read_json(request)
        except ValueError as exc:
            return error(400, str(exc))
        return await run_in_threadpool(_publish, request, body)

    def _claim(request: Request, body: dict[str, Any]) -> tuple[HeldFile, FileLock, bytes] | Response:
        held = find(request)
        if held is None:
            return error(404, "no such file in the queue (already published or rejected?)")
        if held.refused:
            return error(403, f"refused: {held.refused}")
        lock = FileLock(station.folder, held)
        if not lock.acquire():
            return error(409, "another reviewer is handling this file right now")
        try:
            again = station.folder.find(held.id)
            if again is None:
                lock.release()
                return error(409, "this file has already left the queue (published or rejected by someone else)")
            data = station.read_held(again)
        except MediascrubError as exc:
            lock.release()
            return error(422, str(exc))
        if not isinstance(body.get("sha256"), str) or hashlib.sha256(data).hexdigest() != body["sha256"]:
            lock.release()
            return error(409, "the file changed since this page was opened: reload it")
        return again, lock, data

    def _publish(request: Request, body: dict[str, Any]) -> Response:
        claimed = _claim(request, body)
        if isinstance(claimed, Response):
            return claimed
        held, lock, data = claimed
        try:
            job = station.detections(held)
            if not job.done():
                return error(409, "still looking for faces and text: wait a moment")
            det = job.result()
            if det.error:
                return error(422, f"cannot be published: {det.error}")
            if det.sha256 != body["sha256"]:  # _claim checked the bytes against the page's hash
                return error(409, "the file changed since this page was opened: reload it")
            if body.get("key") != det.key:  # the numbers the page sent refer to other findings
                return error(409, "the findings changed since this page was opened (settings or consent gallery): reload it")
            try:
                review = station.build_review(det, body)
            except ValueError as exc:
                return error(400, str(exc))
            dest = station.out / held.rel
            dest.parent.mkdir(parents=True, exist_ok=True)
            real_parent = os.path.realpath(dest.parent)
            real_out = os.path.realpath(station.out)
            if real_parent != real_out and not real_parent.startswith(real_out + os.sep):
                return error(403, "the output would land outside the output folder")
            if det.clip:
                from ..media.video import OUTPUT_EXTENSION

                final = dest.with_name(dest.stem + OUTPUT_EXTENSION)
            else:
                final = final_output_path(dest, data)
            if final.exists() or final.is_symlink():
                return error(409, f"{final.relative_to(station.out).as_posix()} already exists in the output folder; "
                                  "nothing was overwritten")
            undecided = sum(1 for fs in det.frames for f in fs if f.action is Action.REVIEW) - sum(
                1 for d in review.decisions if any(f.action is Action.REVIEW and d.ref.matches(f) for fs in det.frames for f in fs))
            with station._pipeline_lock:
                if det.clip:
                    from ..video_pipeline import VideoPipeline

                    vp = VideoPipeline(station.pipeline(), keep_audio=station.config.policy.video.keep_audio)
                    report = vp.publish_reviewed(station.folder.path_of(held), dest, review, analysis=station._analyses.get(det.key))
                    if hashlib.sha256(station.read_held(held)).hexdigest() != det.sha256:  # read by path: still the same bytes?
                        if report.output:
                            Path(report.output).unlink(missing_ok=True)
                        return error(409, "the clip changed while it was being published: nothing was published")
                else:
                    report = station.pipeline().publish_reviewed(station.folder.path_of(held), dest, review, data=data,
                                                                 detections=det.frames)
            entry: dict[str, Any] = {
                "file": held.rel, "reviewer": station.config.reviewer, "held_sha256": det.sha256,
                "decisions": [audit_decision(d, det) for d in review.decisions],
                "marks": [m.to_dict() for m in review.marks], "hidden_by_default": max(0, undecided),
            }
            if report.status.value != "published" or report.output is None:
                append_audit(station.audit, {**entry, "outcome": "failed", "reason": report.reason or "not published"})
                return error(422, f"not published: {report.reason}")
            out_path = Path(report.output)
            out_sha = hashlib.sha256(out_path.read_bytes()).hexdigest()
            station.folder.retire(held, "published")
            rec = append_audit(station.audit, {**entry, "outcome": "published", "output": out_path.relative_to(station.out).as_posix(),
                                               "output_sha256": out_sha})
            return JSONResponse({"state": "published", "output": rec["output"], "output_sha256": out_sha,
                                 "notes": report.notes}, headers=no_store)
        except DecisionError as exc:
            return error(409, str(exc))
        finally:
            lock.release()

    async def reject(request: Request) -> Response:
        from starlette.concurrency import run_in_threadpool

        try:
            body = await read_json(request)
        except ValueError as exc:
            return error(400, str(exc))
        reason = body.get("reason")
        if not isinstance(reason, str) or not reason.strip():
            return error(400, "say why the file is rejected")

        def work() -> Response:
            claimed = _claim(request, body)
            if isinstance(claimed, Response):
                return claimed
            held, lock, _ = claimed
            try:
                station.folder.retire(held, "rejected")
                append_audit(station.audit, {"file": held.rel, "reviewer": station.config.reviewer, "outcome": "rejected",
                                             "held_sha256": body["sha256"], "reason": reason.strip()[:MAX_NOTE]})
            finally:
                lock.release()
            return JSONResponse({"state": "rejected"}, headers=no_store)

        return await run_in_threadpool(work)

    routes = [
        Route("/", index),
        Route("/static/{name}", static_file),
        Route("/favicon.ico", lambda request: Response(status_code=204, headers={"cache-control": "max-age=86400"})),
        Route("/file/{fid}", file_page),
        Route("/thumb/{fid}", image("thumb")),
        Route("/view/{fid}", image("view")),
        Route("/output-thumb/{fid}", output_thumb),
        Route("/crop/{fid}/{n}", crop),
        Route("/api/queue", api_queue),
        Route("/api/file/{fid}", api_file),
        Route("/api/file/{fid}/publish", publish, methods=["POST"]),
        Route("/api/file/{fid}/reject", reject, methods=["POST"]),
    ]
    app = Starlette(routes=routes)
    return Guard(app, station)


def bind_socket(host: str, port: int) -> Any:
    """A listening socket on ``host``:``port`` (0: a free port chosen by the system)."""
    import socket

    family = socket.AF_INET6 if ":" in host else socket.AF_INET
    # IPPROTO_TCP named explicitly: asyncio turns Nagle off (TCP_NODELAY) only on sockets that say
    # so; without it every reply on a kept-alive connection stalls about 40 ms (delayed ACK).
    sock = socket.socket(family, socket.SOCK_STREAM, socket.IPPROTO_TCP)
    sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    sock.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)
    sock.bind((host, port))
    sock.listen(64)
    sock.set_inheritable(True)
    return sock


def serve(station: Station, sock: Any) -> None:
    """Serve until Ctrl-C / SIGTERM (uvicorn handles both and returns)."""
    import uvicorn

    config = uvicorn.Config(create_app(station), log_level="warning", access_log=False, lifespan="off",
                            server_header=False, date_header=False)
    server = uvicorn.Server(config)
    try:
        server.run(sockets=[sock])
    finally:
        station.close()


__all__ = ["Station", "StationConfig", "create_app", "bind_socket", "serve", "load_run_report", "finding_from_dict"]
