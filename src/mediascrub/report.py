"""Audit records (JSON) and the plain-words summary lines."""

from __future__ import annotations

import datetime as dt
import json
from collections import Counter
from collections.abc import Iterable
from pathlib import Path
from typing import Any

from . import __version__
from .errors import utf8
from .findings import Action, Finding, Kind, Report, Status, tally
from .media.image import atomic_write


def safe_name(text: object) -> str:
    """A file name or message made safe for a terminal or log: control characters escaped, and each byte of
    a name that is not UTF-8 (which Python holds as a lone surrogate) shown as ``\\xNN``."""
    return "".join(ch if ch.isprintable() else _escaped(ch) for ch in str(text))


def _escaped(ch: str) -> str:
    if 0xDC80 <= ord(ch) <= 0xDCFF:  # a byte of a file name that is not UTF-8
        return f"\\x{ord(ch) - 0xDC00:02x}"
    return repr(ch)[1:-1]


def counts(reports: Iterable[Report]) -> Counter[str]:
    return Counter(r.status.value for r in reports)


def describe_findings(findings: list[Finding]) -> str:
    """'3 metadata items removed, 2 faces anonymised, 1 text region hidden' (and, when the
    faces stage's second look hid more, '1 more face-like area hidden on a second look'; when
    it left faint face-like texture, '2 face-like areas with no sign of a person left as they are')."""
    looked = [f for f in findings if f.kind is Kind.FACE and f.action is Action.ANONYMISED and f.detail.get("second_look")]
    t = tally([f for f in findings if not (f.kind is Kind.FACE and f.detail.get("second_look"))])
    parts = [
        f"{n} {noun}{'s' if n != 1 else ''} {done}"
        for (kind, action), noun, done in (
            ((Kind.METADATA, Action.REMOVED), "metadata item", "removed"),
            ((Kind.FACE, Action.ANONYMISED), "face", "anonymised"),
            ((Kind.FACE, Action.VISIBLE), "consented face", "left visible"),
            ((Kind.TEXT, Action.REDACTED), "text region", "hidden"),
            ((Kind.REGION, Action.REDACTED), "marked area", "hidden"),
        )
        if (n := t.get((kind, action), 0))
    ]
    if looked:  # what the detector found once the rest was hidden: face-like, not necessarily a person
        parts.append(f"{len(looked)} more face-like area{'s' if len(looked) != 1 else ''} hidden on a second look")
    if left := sum(1 for f in findings if f.kind is Kind.FACE and f.dismissed):
        # faint detections nothing else vouched for (stages/face_evidence.py): said, so a person can look
        areas = f"{left} face-like area{'s' if left != 1 else ''}"
        parts.append(f"{areas} with no sign of a person left as {'they are' if left != 1 else 'it is'}")
    return ", ".join(parts) or "nothing to remove"


def report_document(
    reports: list[Report], *, command: str, policy: dict[str, Any] | None = None, show_values: bool = False
) -> dict[str, Any]:
    c = counts(reports)
    return {
        "tool": "mediascrub",
        "version": __version__,
        "command": command,
        "created": dt.datetime.now(dt.UTC).isoformat(timespec="seconds"),
        "summary": {
            s.value: c.get(s.value, 0)
            for s in Status
            if c.get(s.value, 0) or s in (Status.PUBLISHED, Status.QUARANTINED, Status.FAILED)
        },
        "policy": policy or {},
        "values": "shown" if show_values else "left out (the kind of data removed is recorded, not its value)",
        "files": [r.to_dict(show_values=show_values) for r in reports],
    }


# Report files are private to their owner: even without values they list file names and what was found.
REPORT_MODE = 0o600


def write_json_report(
    path: Path, reports: list[Report], *, command: str, policy: dict[str, Any] | None = None, show_values: bool = False
) -> None:
    """Write the audit record (mode 0600). Removed values (GPS position, names, serials) only with ``show_values``."""
    doc = report_document(reports, command=command, policy=policy, show_values=show_values)
    atomic_write(path, utf8(json.dumps(doc, indent=2, ensure_ascii=False) + "\n"), mode=REPORT_MODE)
