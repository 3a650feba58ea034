"""Small frozen types shared by every stage: boxes, findings, reports."""

from __future__ import annotations

import enum
from collections.abc import Iterable
from dataclasses import asdict, dataclass, field
from typing import Any


@dataclass(frozen=True)
class Box:
    """An axis-aligned box in upright pixel coordinates: x0, y0 inclusive; x1, y1 exclusive."""

    x0: float
    y0: float
    x1: float
    y1: float

    @property
    def width(self) -> float:
        return self.x1 - self.x0

    @property
    def height(self) -> float:
        return self.y1 - self.y0

    @property
    def size(self) -> float:
        """The longer side, the usual measure of how big a face or word is."""
        return max(self.width, self.height)

    @property
    def area(self) -> float:
        return max(0.0, self.width) * max(0.0, self.height)

    @property
    def center(self) -> tuple[float, float]:
        return ((self.x0 + self.x1) / 2.0, (self.y0 + self.y1) / 2.0)

    def scaled(self, factor: float) -> Box:
        """The same centre, each side multiplied by ``factor``."""
        cx, cy = self.center
        hw, hh = self.width * factor / 2.0, self.height * factor / 2.0
        return Box(cx - hw, cy - hh, cx + hw, cy + hh)

    def clipped(self, width: int, height: int) -> Box:
        """This box clipped to an image of ``width`` x ``height``."""
        return Box(
            min(max(self.x0, 0.0), float(width)),
            min(max(self.y0, 0.0), float(height)),
            min(max(self.x1, 0.0), float(width)),
            min(max(self.y1, 0.0), float(height)),
        )

    def intersection(self, other: Box) -> float:
        """Area shared with ``other``."""
        ix0, iy0 = max(self.x0, other.x0), max(self.y0, other.y0)
        ix1, iy1 = min(self.x1, other.x1), min(self.y1, other.y1)
        return max(0.0, ix1 - ix0) * max(0.0, iy1 - iy0)

    def iou(self, other: Box) -> float:
        inter = self.intersection(other)
        union = self.area + other.area - inter
        return inter / union if union > 0 else 0.0

    def share_inside(self, other: Box) -> float:
        """Share of this box's area that lies inside ``other`` (0 for an empty box)."""
        return self.intersection(other) / self.area if self.area > 0 else 0.0

    @staticmethod
    def hull(boxes: Iterable[Box]) -> Box:
        """The smallest box holding every one of ``boxes`` (at least one)."""
        bs = list(boxes)
        return Box(min(b.x0 for b in bs), min(b.y0 for b in bs), max(b.x1 for b in bs), max(b.y1 for b in bs))

    def int_bounds(self) -> tuple[int, int, int, int]:
        """Integer pixel bounds that cover the whole box (floor/ceil)."""
        import math

        return (math.floor(self.x0), math.floor(self.y0), math.ceil(self.x1), math.ceil(self.y1))

    def to_list(self) -> list[float]:
        return [round(self.x0, 1), round(self.y0, 1), round(self.x1, 1), round(self.y1, 1)]


class Kind(str, enum.Enum):
    """What a finding is about."""

    METADATA = "metadata"
    FACE = "face"
    TEXT = "text"
    FORMAT = "format"
    REGION = "region"  # an area a person marked to hide (review station)


class Action(str, enum.Enum):
    """What the pipeline does (or, for ``check``, would do) about a finding."""

    REMOVED = "removed"  # metadata dropped
    CHANGED = "changed"  # e.g. orientation applied to pixels, format converted
    ANONYMISED = "anonymised"  # face made unrecognisable
    REDACTED = "redacted"  # text filled
    VISIBLE = "visible"  # consented face left visible
    KEPT = "kept"  # harmless, left alone
    REVIEW = "review"  # unsure: sends the file to quarantine


@dataclass(frozen=True)
class Finding:
    """One thing a stage found.

    ``detail`` carries stage-specific, JSON-safe facts (landmarks, category,
    person name...). It must never hold raw OCR text or face encodings unless
    the user asked for them explicitly.

    Three facts the face and check stages exchange are typed fields (the JSON
    record shows them in ``detail``, as ``"own_patch": true``,
    ``"below_check_bar": true`` and ``"dismissed": true``, when set):

    - ``own_patch``: a face detection lying on a patch mediascrub drew
      (``stages.own_patches.is_own_patch``): hidden again all the same, but not
      a miss for ``check``;
    - ``below_check_bar``: for ``check``, a faint face detection where
      mediascrub has drawn (``stages.own_patches.below_check_bar``): not counted;
    - ``dismissed``: a weak face detection (or a clip's track of them) nothing
      says is a person's (``stages.face_evidence``): left as it is
      (Action.KEPT, the reason in words); ``check`` does not count it either.
    """

    kind: Kind
    label: str
    action: Action
    reason: str = ""
    box: Box | None = None
    score: float | None = None
    frame: int = 0
    detail: dict[str, Any] = field(default_factory=dict)
    own_patch: bool = False
    below_check_bar: bool = False
    dismissed: bool = False

    @staticmethod
    def from_dict(d: dict[str, Any]) -> Finding:
        """The inverse of ``to_dict`` (for findings kept in a run's state)."""
        box = d.get("box")
        detail = dict(d.get("detail") or {})
        flags = {name: bool(detail.pop(name)) for name in _FLAGS if name in detail}
        return Finding(
            kind=Kind(d["kind"]), label=str(d["label"]), action=Action(d["action"]), reason=str(d.get("reason", "")),
            box=Box(*[float(v) for v in box]) if box else None, score=d.get("score"), frame=int(d.get("frame", 0)),
            detail=detail, **flags,
        )

    @property
    def value(self) -> str | None:
        """The removed value (a position, a name, a serial number) when the stage recorded it."""
        v = self.detail.get("value")
        return None if v is None else str(v)

    def to_dict(self, *, show_values: bool = True) -> dict[str, Any]:
        """JSON-safe. ``show_values=False`` leaves out the removed values (``detail["value"]``)."""
        d: dict[str, Any] = {
            "kind": self.kind.value,
            "label": self.label,
            "action": self.action.value,
            "reason": self.reason,
        }
        if self.box is not None:
            d["box"] = self.box.to_list()
        if self.score is not None:
            d["score"] = round(float(self.score), 4)
        if self.frame:
            d["frame"] = self.frame
        detail = self.detail if show_values else {k: v for k, v in self.detail.items() if k != "value"}
        flags = {name: True for name in _FLAGS if getattr(self, name)}
        if flags:
            detail = {**detail, **flags}
        if detail:
            d["detail"] = detail
        return d


#: The typed flags written into ``detail`` in the JSON record (see :class:`Finding`).
_FLAGS = ("own_patch", "below_check_bar", "dismissed")


def tally(findings: list[Finding]) -> dict[tuple[Kind, Action], int]:
    """How many findings there are of each (kind, action): the counts every summary is made of."""
    counts: dict[tuple[Kind, Action], int] = {}
    for f in findings:
        counts[(f.kind, f.action)] = counts.get((f.kind, f.action), 0) + 1
    return counts


class Status(str, enum.Enum):
    PUBLISHED = "published"
    QUARANTINED = "quarantined"
    FAILED = "failed"
    SKIPPED = "skipped"  # batch resume: same content and settings already done
    CHECKED = "checked"  # check only: nothing written


@dataclass
class Report:
    """What happened to one input. This is the audit record."""

    input: str
    status: Status
    output: str | None = None
    findings: list[Finding] = field(default_factory=list)
    reason: str | None = None
    notes: list[str] = field(default_factory=list)
    seconds: float | None = None
    safe: bool | None = None  # check: already safe to publish exactly as it is

    def to_dict(self, *, show_values: bool = True) -> dict[str, Any]:
        return {
            "input": self.input,
            "output": self.output,
            "status": self.status.value,
            "reason": self.reason,
            "notes": list(self.notes),
            "findings": [f.to_dict(show_values=show_values) for f in self.findings],
            **({"seconds": round(self.seconds, 3)} if self.seconds is not None else {}),
            **({"safe": self.safe} if self.safe is not None else {}),
        }


__all__ = ["Box", "Kind", "Action", "Finding", "Status", "Report", "tally", "asdict"]
