"""A person's decisions about one held file, and the pure function that applies them to its findings.

The review station (``mediascrub review``) collects these; :meth:`Pipeline.publish_reviewed`
applies them to findings detected afresh on the held copy, then renders, encodes and verifies
exactly as ``scrub`` does. The rules, which no decision can get round:

- a person can hide anything: draw a :class:`Mark` (box or ellipse), or mark a detection HIDE;
- a detection is un-hidden only by calling it a false alarm: NOT_A_FACE for a face,
  NOT_SENSITIVE for text. Nothing here makes a real face VISIBLE: consent lives in the gallery;
- an uncertain detection (REVIEW) a person did not decide on is hidden.

A decision names its detection by :class:`FindingRef` (kind, frame, box). For clips, a ref with
``track`` set (the tracker's id in ``Finding.detail["track"]``) acts on every finding of that
track, and a mark can carry a frame range; single photos use frame 0.
"""

from __future__ import annotations

import dataclasses
import enum
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

from .errors import MediascrubError
from .findings import Action, Box, Finding, Kind

#: A ref matches a detection whose box overlaps it at least this much (IoU). Detection is
#: deterministic on the same bytes and settings, so in practice the boxes are equal.
MATCH_IOU = 0.9


class DecisionError(MediascrubError):
    """A decision that cannot be applied (unknown detection, a verdict that does not fit it)."""


class Verdict(str, enum.Enum):
    """What a person decided about one detection."""

    HIDE = "hide"
    NOT_A_FACE = "not-a-face"  # a face detection that is a false alarm
    NOT_SENSITIVE = "not-sensitive"  # a text detection that is harmless


class Shape(str, enum.Enum):
    RECT = "rect"
    ELLIPSE = "ellipse"


@dataclass(frozen=True)
class FindingRef:
    """Which detection a decision is about."""

    kind: Kind
    box: Box
    frame: int = 0
    track: str | None = None  # clips: the whole track (Finding.detail["track"])

    def matches(self, f: Finding) -> bool:
        if f.kind is not self.kind or f.box is None:
            return False
        if self.track is not None:
            return str((f.detail or {}).get("track")) == self.track
        return f.frame == self.frame and f.box.iou(self.box) >= MATCH_IOU

    def to_dict(self) -> dict[str, Any]:
        d: dict[str, Any] = {"kind": self.kind.value, "box": self.box.to_list(), "frame": self.frame}
        if self.track is not None:
            d["track"] = self.track
        return d


@dataclass(frozen=True)
class FindingDecision:
    ref: FindingRef
    verdict: Verdict
    note: str = ""

    def to_dict(self) -> dict[str, Any]:
        return {"finding": self.ref.to_dict(), "verdict": self.verdict.value, **({"note": self.note} if self.note else {})}


@dataclass(frozen=True)
class Mark:
    """An area a person drew to hide: a box, or the ellipse inscribed in it. Hidden exactly
    (not enlarged) with the policy's face mode, so nothing of what was under it survives."""

    box: Box
    shape: Shape = Shape.RECT
    frame: int = 0
    note: str = ""
    last: int | None = None  # clips: hidden from ``frame`` to ``last`` (inclusive), at the same place; None: ``frame`` only

    @property
    def last_frame(self) -> int:
        return self.frame if self.last is None else self.last

    def to_dict(self) -> dict[str, Any]:
        d: dict[str, Any] = {"box": self.box.to_list(), "shape": self.shape.value, "frame": self.frame}
        if self.last is not None:
            d["last_frame"] = self.last
        if self.note:
            d["note"] = self.note
        return d


@dataclass(frozen=True)
class ReviewDecisions:
    """Everything one person decided about one file."""

    reviewer: str
    marks: tuple[Mark, ...] = ()
    decisions: tuple[FindingDecision, ...] = field(default_factory=tuple)

    def to_dict(self) -> dict[str, Any]:
        return {
            "reviewer": self.reviewer,
            "marks": [m.to_dict() for m in self.marks],
            "decisions": [d.to_dict() for d in self.decisions],
        }


#: The detections a verdict may be given to.
_ALLOWED = {
    Verdict.HIDE: {Kind.FACE, Kind.TEXT},
    Verdict.NOT_A_FACE: {Kind.FACE},
    Verdict.NOT_SENSITIVE: {Kind.TEXT},
}


def _decided(f: Finding, d: FindingDecision, reviewer: str) -> Finding:
    who = f"reviewer {reviewer}" if reviewer else "reviewer"
    if d.verdict is Verdict.HIDE:
        action = Action.ANONYMISED if f.kind is Kind.FACE else Action.REDACTED
        return dataclasses.replace(f, action=action, reason=f"hidden by {who}")
    what = "not a face" if d.verdict is Verdict.NOT_A_FACE else "not sensitive"
    return dataclasses.replace(f, action=Action.KEPT, reason=f"{what} ({who})")


def mark_finding(mark: Mark, reviewer: str) -> Finding:
    """The finding a drawn mark becomes: a REGION hidden by the redaction step."""
    who = f"reviewer {reviewer}" if reviewer else "reviewer"
    detail: dict[str, Any] = {"shape": mark.shape.value}
    if mark.note:
        detail["note"] = mark.note
    return Finding(kind=Kind.REGION, label="marked area", action=Action.REDACTED, reason=f"drawn by {who}",
                   box=mark.box, frame=mark.frame, detail=detail)


def apply_decisions(frames: Sequence[Sequence[Finding]], review: ReviewDecisions, width: int, height: int) -> list[list[Finding]]:
    """The per-frame findings with a person's decisions applied. Pure; raises DecisionError.

    Every decision must match at least one detection (else the picture's findings are not the
    ones the person saw) and fit its kind. Uncertain detections left undecided are hidden.
    Marks must lie (at least partly) inside the ``width`` x ``height`` picture and frames.
    """
    out = [list(fs) for fs in frames]
    for d in review.decisions:
        if d.ref.kind not in _ALLOWED[d.verdict]:
            raise DecisionError(f"'{d.verdict.value}' cannot be given to a {d.ref.kind.value} detection")
        hits = 0
        for fs in out:
            for i, f in enumerate(fs):
                if d.ref.matches(f):
                    if f.action not in (Action.ANONYMISED, Action.REDACTED, Action.REVIEW, Action.VISIBLE, Action.KEPT):
                        raise DecisionError(f"a {f.kind.value} detection that is {f.action.value} cannot be decided on")
                    fs[i] = _decided(f, d, review.reviewer)
                    hits += 1
        if not hits:
            raise DecisionError(
                f"no {d.ref.kind.value} detection at {','.join(str(int(v)) for v in d.ref.box.to_list())} "
                "in this file any more: open it again and review what is found now"
            )
    for fs in out:
        for i, f in enumerate(fs):
            if f.action is Action.REVIEW:
                hidden = Action.ANONYMISED if f.kind is Kind.FACE else Action.REDACTED
                fs[i] = dataclasses.replace(f, action=hidden, reason=f"{f.reason}; not decided by the reviewer, so hidden")
    for m in review.marks:
        if not 0 <= m.frame <= m.last_frame < len(out):
            raise DecisionError(f"a marked area is on frame {m.frame}, which this file does not have")
        b = m.box.clipped(width, height)
        if b.width < 1 or b.height < 1:
            raise DecisionError("a marked area lies outside the picture or is too small")
        out[m.frame].append(mark_finding(dataclasses.replace(m, box=b), review.reviewer))
    return out


__all__ = [
    "DecisionError",
    "Verdict",
    "Shape",
    "FindingRef",
    "FindingDecision",
    "Mark",
    "ReviewDecisions",
    "apply_decisions",
    "mark_finding",
    "MATCH_IOU",
]
