"""What the page sends: a JSON body read with a size limit, and a reviewer's decisions validated."""

from __future__ import annotations

import json
import math
from typing import Any

from starlette.requests import Request

from ..decisions import FindingDecision, FindingRef, Mark, ReviewDecisions, Shape, Verdict
from ..findings import Box
from .types import Detected

MAX_MARKS = 500
MAX_NOTE = 300
MAX_BODY = 256 * 1024


async def read_body(request: Request, limit: int = MAX_BODY) -> bytes:
    """The request's body, at most ``limit`` bytes. Raises ValueError("request too large")."""
    body = b""
    async for chunk in request.stream():
        body += chunk
        if len(body) > limit:
            raise ValueError("request too large")
    return body


async def read_json(request: Request, limit: int = MAX_BODY) -> dict[str, Any]:
    """The request's JSON object (at most ``limit`` bytes, :data:`MAX_BODY` unless said). Raises ValueError."""
    doc = json.loads(await read_body(request, limit) or b"{}")
    if not isinstance(doc, dict):
        raise ValueError("expected a JSON object")
    return doc


def note(v: Any) -> str:
    """A reviewer's note: text, trimmed, at most :data:`MAX_NOTE` characters. Raises ValueError."""
    if v is None:
        return ""
    if not isinstance(v, str):
        raise ValueError("a note must be text")
    return v.strip()[:MAX_NOTE]


def parse_review(det: Detected, body: dict[str, Any], reviewer: str) -> ReviewDecisions:
    """The reviewer's decisions from a publish request, validated against ``det``. Raises ValueError."""
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
        marks.append(Mark(Box(x0, y0, x1, y1), Shape(str(m.get("shape", "rect"))), frame, note(m.get("note")), last))
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
        decisions.append(FindingDecision(ref, Verdict(str(d.get("verdict"))), note(d.get("note"))))
    return ReviewDecisions(reviewer, tuple(marks), tuple(decisions))
