"""The review audit log: one JSON object per line, next to the outputs (``OUT/.mediascrub-review.jsonl``).

Each publish, reject and failed publish is one line: the file (its path below the held
folder), the reviewer, the UTC time, every decision (boxes drawn, detections hidden or
dismissed with the reason) and, when published, the output's path and sha256. The file is
created with mode 0600 and appended to under an exclusive lock, so two reviewers' lines
never interleave. It holds no pixels, no text that was read and no face encodings.
"""

from __future__ import annotations

import datetime as dt
import json
import os
from collections.abc import Iterator
from pathlib import Path
from typing import TYPE_CHECKING, Any

from ..errors import utf8
from ..report import safe_name

if TYPE_CHECKING:
    from ..decisions import FindingDecision
    from .types import Detected

AUDIT_NAME = ".mediascrub-review.jsonl"


def audit_path(out: Path) -> Path:
    return Path(out) / AUDIT_NAME


def append_audit(path: Path, entry: dict[str, Any]) -> dict[str, Any]:
    """Append ``entry`` (with the time added) as one line; returns the entry as written."""
    record = {"time": dt.datetime.now(dt.UTC).isoformat(timespec="seconds"), **entry}
    line = utf8(json.dumps(record, ensure_ascii=False, sort_keys=False) + "\n")
    path.parent.mkdir(parents=True, exist_ok=True)
    fd = os.open(path, os.O_WRONLY | os.O_APPEND | os.O_CREAT | getattr(os, "O_NOFOLLOW", 0), 0o600)
    try:
        os.fchmod(fd, 0o600)
        try:
            import fcntl

            fcntl.flock(fd, fcntl.LOCK_EX)
        except ImportError:
            pass
        os.write(fd, line)
        os.fsync(fd)
    finally:
        os.close(fd)
    return record


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


def read_audit(path: Path) -> Iterator[dict[str, Any]]:
    """The entries, oldest first. A line that is not JSON (a torn write) is skipped."""
    try:
        fh = open(path, encoding="utf-8")  # noqa: SIM115
    except FileNotFoundError:
        return
    with fh:
        for line in fh:
            try:
                rec = json.loads(line)
            except json.JSONDecodeError:
                continue
            if isinstance(rec, dict):
                yield rec


def describe_entry(rec: dict[str, Any]) -> list[str]:
    """Plain lines for one entry (``mediascrub review --log``); every value made terminal-safe."""
    s = safe_name
    head = f"{s(rec.get('time', '?'))}  {s(rec.get('outcome', '?')):<10} {s(rec.get('file', '?'))}  by {s(rec.get('reviewer', '?'))}"
    lines = [head]
    if rec.get("output"):
        lines.append(f"    output {s(rec['output'])} sha256 {s(rec.get('output_sha256', '?'))}")
    if rec.get("reason"):
        lines.append(f"    reason: {s(rec['reason'])}")
    for d in rec.get("decisions", []):
        f = d.get("finding", {})
        box = ",".join(str(int(v)) for v in f.get("box", []))
        note = f" ({s(d['note'])})" if d.get("note") else ""
        lines.append(f"    {s(d.get('verdict', '?'))}: {s(f.get('kind', '?'))} at {box}{note}")
    for m in rec.get("marks", []):
        box = ",".join(str(int(v)) for v in m.get("box", []))
        lines.append(f"    hide: {s(m.get('shape', 'rect'))} drawn at {box}")
    if rec.get("hidden_by_default"):
        lines.append(f"    hide: {int(rec['hidden_by_default'])} uncertain finding(s) not decided, hidden")
    return lines


__all__ = ["AUDIT_NAME", "audit_path", "append_audit", "audit_decision", "read_audit", "describe_entry"]
