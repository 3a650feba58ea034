"""What was found in a held file, saved beside it when it is held, so the review station opens it at
once instead of looking at the whole picture (or clip) again.

The file is ``.NAME.mediascrub-findings.json`` beside the held ``NAME`` (a hidden name: the queue and
the watcher pass over it), mode 0600, written atomically. It holds the findings (boxes, kinds, the
machine's decisions and reasons; never the words read unless ``text.show_text`` put them in the
findings, never encodings or landmarks of consented people beyond what the findings carry) and, for a
clip, the analysis publishing needs (tracks, the text carried between frames, the camera motion). It is
keyed by the held bytes' SHA-256 and :func:`.runkey.detection_key`: it is used only for exactly those
bytes under exactly those settings (same version, policy, consent gallery and day), else ignored.
"""

from __future__ import annotations

import fractions
import json
import os
from pathlib import Path
from typing import Any

import numpy as np

from .findings import Box, Finding
from .media.image import atomic_write

SUFFIX = ".mediascrub-findings.json"
FORMAT = 1
MAX_BYTES = 64 * 1024 * 1024


def sidecar_path(held: Path) -> Path:
    return held.with_name(f".{held.name}{SUFFIX}")


#: The inverse of ``Finding.to_dict``, its typed flags (``own_patch``, ``below_check_bar``) included:
#: saved findings and run reports are read back with it.
finding_from_dict = Finding.from_dict


def _plain(value: Any) -> Any:
    """JSON-safe: numpy numbers and arrays, tuples, boxes."""
    if isinstance(value, Box):
        return value.to_list()
    if isinstance(value, np.ndarray):
        return value.tolist()
    if isinstance(value, np.generic):
        return value.item()
    if isinstance(value, dict):
        return {str(k): _plain(v) for k, v in value.items()}
    if isinstance(value, list | tuple):
        return [_plain(v) for v in value]
    return value


def photo_document(sha256: str, key: str, width: int, height: int, frames: list[list[Finding]]) -> dict[str, Any]:
    return {"format": FORMAT, "sha256": sha256, "key": key, "clip": False, "width": width, "height": height,
            "frames": [[_plain(f.to_dict()) for f in fs] for fs in frames]}


def clip_document(sha256: str, key: str, analysis: Any) -> dict[str, Any]:
    """A :class:`~.video_pipeline.VideoAnalysis` as JSON (see :func:`clip_analysis` for the way back)."""
    info = analysis.info
    motion = analysis.motion
    return {
        "format": FORMAT, "sha256": sha256, "key": key, "clip": True, "width": info.width, "height": info.height,
        "info": {**{k: _plain(getattr(info, k)) for k in ("width", "height", "rotation", "codec", "frames_declared", "duration",
                                                          "audio_codec", "other_streams", "container_tags", "size_bytes")},
                 "rate": str(info.rate), "time_base": str(info.time_base)},
        "frames_count": analysis.frames,
        "metadata": [_plain(f.to_dict()) for f in analysis.metadata],
        "tracks": [{"id": t.id, "first": t.first, "last": t.last, "detected": t.detected, "visible": t.visible, "reason": t.reason,
                    "detail": _plain(t.detail), "dismissed": t.dismissed,
                    "boxes": [[i, b.to_list(), src] for i, (b, src) in sorted(t.boxes.items())]} for t in analysis.tracks],
        "text": [{"frame": s.frame, "finding": _plain(s.finding.to_dict())} for s in analysis.text],
        "motion": {"scene": list(motion.scene), "to_scene": [m.tolist() for m in motion.to_scene], "reliable": list(motion.reliable)},
        "pts": list(analysis.pts),
        "own_detections": analysis.own_detections,
    }


def clip_analysis(doc: dict[str, Any]) -> Any:
    """The VideoAnalysis a :func:`clip_document` holds."""
    from .media.video import VideoInfo
    from .stages.tracking import Motion
    from .video_pipeline import TextSighting, TrackResult, VideoAnalysis

    i = doc["info"]
    info = VideoInfo(width=int(i["width"]), height=int(i["height"]), rotation=int(i["rotation"]), codec=str(i["codec"]),
                     frames_declared=int(i["frames_declared"]), rate=fractions.Fraction(i["rate"]),
                     time_base=fractions.Fraction(i["time_base"]), duration=i["duration"], audio_codec=i["audio_codec"],
                     other_streams=tuple(i["other_streams"]), container_tags=tuple(i["container_tags"]), size_bytes=int(i["size_bytes"]))
    m = doc["motion"]
    motion = Motion(scene=[int(v) for v in m["scene"]], to_scene=[np.array(t, dtype=np.float64) for t in m["to_scene"]],
                    reliable=[bool(v) for v in m["reliable"]])
    tracks = [TrackResult(id=int(t["id"]), first=int(t["first"]), last=int(t["last"]), detected=int(t["detected"]),
                          visible=bool(t["visible"]), reason=str(t["reason"]), detail=dict(t["detail"]), dismissed=bool(t["dismissed"]),
                          boxes={int(n): (Box(*(float(v) for v in b)), str(src)) for n, b, src in t["boxes"]}) for t in doc["tracks"]]
    return VideoAnalysis(info=info, frames=int(doc["frames_count"]), metadata=[finding_from_dict(f) for f in doc["metadata"]],
                         tracks=tracks, text=[TextSighting(int(s["frame"]), finding_from_dict(s["finding"])) for s in doc["text"]],
                         motion=motion, pts=[None if p is None else int(p) for p in doc["pts"]],
                         own_detections=int(doc.get("own_detections", 0)))


def frames_of(doc: dict[str, Any]) -> list[list[Finding]]:
    """The per-frame findings a document holds (a clip: its tracks and text sightings, each at its first frame)."""
    if not doc.get("clip"):
        return [[finding_from_dict(f) for f in fs] for fs in doc["frames"]]
    analysis = clip_analysis(doc)
    frames: list[list[Finding]] = [[] for _ in range(analysis.frames)]
    for f in analysis.findings():
        frames[min(max(f.frame, 0), analysis.frames - 1)].append(f)
    return frames


def save(held: Path, doc: dict[str, Any]) -> None:
    """Write the document beside ``held`` (0600), atomically. Raises OSError, or TypeError/ValueError for
    what JSON cannot hold (``publish.quarantine_input`` notes it: the file is held either way)."""
    atomic_write(sidecar_path(held), json.dumps(doc).encode("utf-8"), mode=0o600)


def read_json_file(path: Path, max_bytes: int) -> Any:
    """The JSON in ``path`` (never through a link, at most ``max_bytes``), or None when it cannot be read."""
    try:
        fd = os.open(path, os.O_RDONLY | getattr(os, "O_NOFOLLOW", 0))
    except OSError:
        return None
    with os.fdopen(fd, "rb") as fh:
        raw = fh.read(max_bytes + 1)
    try:
        return json.loads(raw) if len(raw) <= max_bytes else None
    except ValueError:
        return None


def load(held: Path, sha256: str, key: str) -> dict[str, Any] | None:
    """The document beside ``held`` when it is for these bytes and settings, else None."""
    doc = read_json_file(sidecar_path(held), MAX_BYTES)
    if not isinstance(doc, dict) or doc.get("format") != FORMAT or doc.get("sha256") != sha256 or doc.get("key") != key:
        return None
    return doc


__all__ = ["sidecar_path", "photo_document", "clip_document", "clip_analysis", "frames_of", "save", "load", "finding_from_dict",
           "read_json_file"]
