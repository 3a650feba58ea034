"""Detection and decision stages.

A stage is a callable ``(frame, findings, ctx) -> findings``: it receives one
upright RGB frame (``numpy.uint8``, shape ``(H, W, 3)``), the findings of the
stages before it, and the run's context, and returns the complete updated
list of findings for that frame. Stages only *find and decide*; the pixels are
changed afterwards by the pure functions in ``stages.redact``.

A stage that fails raises ``StageError`` (or lets another exception escape):
the pipeline then quarantines the file. A stage that is unsure marks a
finding with ``Action.REVIEW``.
"""

from __future__ import annotations

import datetime as _dt
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

import numpy as np

from ..findings import Finding
from ..policy import Policy


@dataclass
class StageContext:
    """What every stage may need beyond the pixels. One per run (batch or single file)."""

    policy: Policy
    today: _dt.date = field(default_factory=_dt.date.today)
    gallery: Any = None  # an open mediascrub.consent.gallery.Gallery, or None: every face is anonymised
    frame_index: int = 0
    #: True while ``check`` analyses a file: nothing will be drawn, so the faces
    #: stage's second look (a preview of scrub's output) is skipped.
    checking: bool = False
    #: The frame as the published file will decode (same encoder and settings);
    #: None: as a JPEG at ``output.jpeg_quality`` (stages used on their own).
    published: Callable[[np.ndarray], np.ndarray] | None = None


Stage = Callable[[np.ndarray, list[Finding], StageContext], list[Finding]]
