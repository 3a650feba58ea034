"""A second opinion on weak face detections: is a person there at all?

CenterFace run for recall (everything from score 0.10) fires on face-like
texture: bricks, leaves, stained glass, lettering, a dog. Measured on 96
photos with nobody in them (benchmarks/face_free.py): a box from 0.10 on 42 of
them, none scoring 0.40 or more. On the 114 WIDER crowd photos, 109 have a
detection of at least 0.5, and every face of 20 px or more whose best score is
weak (0.10-0.5) is in one of those. In a crowd the weak boxes are real faces
about one time in five (most of the rest lie on the people: hair, hands,
half-hidden heads), and nothing cheap tells them apart: on the WIDER even half,
dlib's HOG and CNN detectors on the crop, OpenCV's Haar cascades, the geometry
of CenterFace's five landmarks, skin colour and how many detector passes agree
each did no better than the score alone (a logistic model on all of them: the
same ranking). Nor does where they lie: hiding only those beside a confident
face cut over-redaction on the even half (3.4% to 2.7%) at no loss there, and
lost 10 of the odd half's faces (crowds whose near and far rows are several
face sizes apart). What does tell texture from a face is what the rest of the
photo shows. So:

- A detection scoring at least ``faces.confident`` is a face, whatever else
  the photo shows ("confident"), and it shows that people are in the photo.
- In a photo with people (a confident face, or, for ``check`` and the second
  look, a face mediascrub has already hidden there), a weaker detection is
  hidden when its size is within ``context_scale`` times a confident face's
  ("people in the photo"): a crowd's faint faces. One far larger or smaller
  than every face in the photo (a tree top behind a portrait) is left.
- In a photo with no confident face, a detection is hidden only from
  ``faces.alone_threshold`` and when at least ``faces.skin_share`` of the
  middle of its box has a skin colour ("skin colour"; a photo with no colour
  at all cannot show it, so there the score alone decides).

Everything else is left as it is (Action.KEPT, ``Finding.dismissed``), with
the reason in the audit record. ``faces.second_opinion = false`` hides
everything from the floor again. The figures behind the defaults are in
FacePolicy and the README (Faces).
"""

from __future__ import annotations

import enum
import math
from collections.abc import Sequence
from dataclasses import dataclass

import cv2
import numpy as np

from ..findings import Box
from ..policy import FacePolicy

#: The middle of a box whose colour is measured (share of each side), as in own_patches.
CORE = 0.6
#: Skin colour in YCrCb (Chai and Ngan's range, which holds for dark and light
#: skin alike under ordinary light): Cr in [133, 173], Cb in [77, 127].
CR_RANGE = (133, 173)
CB_RANGE = (77, 127)
#: A photo whose mean |R-G| + |G-B| is under this has no colour to judge by.
GREY_PHOTO = 4.0
#: The photo is judged grey on a copy at most this many pixels on its long side.
GREY_SIDE = 256


class Evidence(str, enum.Enum):
    """Why a detection is hidden (the first three) or left (NONE)."""

    CONFIDENT = "confident"
    PEOPLE = "people in the photo"
    SKIN = "skin colour"
    NONE = "no sign of a person"

    @property
    def hides(self) -> bool:
        return self is not Evidence.NONE


@dataclass(frozen=True)
class Candidate:
    """A detection to judge: its box and score."""

    box: Box
    score: float


def is_grey(rgb: np.ndarray) -> bool:
    """Whether the photo has (next to) no colour, so skin colour cannot be judged."""
    h, w = rgb.shape[:2]
    f = min(1.0, GREY_SIDE / max(h, w, 1))
    small = rgb if f >= 1.0 else cv2.resize(rgb, (max(1, round(w * f)), max(1, round(h * f))), interpolation=cv2.INTER_AREA)
    a = small.astype(np.int16)
    spread = float(np.abs(a[..., 0] - a[..., 1]).mean() + np.abs(a[..., 1] - a[..., 2]).mean())
    return spread < GREY_PHOTO


def skin_share(rgb: np.ndarray, box: Box) -> float:
    """Share of the pixels in the middle CORE of ``box`` whose colour is a skin
    colour (CR_RANGE, CB_RANGE); 0 when the middle lies outside the picture."""
    h, w = rgb.shape[:2]
    cx, cy = box.center
    hw, hh = max(box.width * CORE, 1.0) / 2.0, max(box.height * CORE, 1.0) / 2.0
    x0, y0 = max(0, math.floor(cx - hw)), max(0, math.floor(cy - hh))
    x1, y1 = min(w, math.ceil(cx + hw)), min(h, math.ceil(cy + hh))
    if x1 <= x0 or y1 <= y0:
        return 0.0
    ycc = cv2.cvtColor(np.ascontiguousarray(rgb[y0:y1, x0:x1]), cv2.COLOR_RGB2YCrCb)
    cr, cb = ycc[..., 1], ycc[..., 2]
    skin = (cr >= CR_RANGE[0]) & (cr <= CR_RANGE[1]) & (cb >= CB_RANGE[0]) & (cb <= CB_RANGE[1])
    return float(skin.mean())


def same_scale(box: Box, face: Box, scale: float) -> bool:
    """Whether the sizes of ``box`` and ``face`` are within ``scale`` times of each other."""
    a, b = box.size, face.size
    return a > 0 and b > 0 and max(a, b) <= scale * min(a, b)


def judge_faces(
    rgb: np.ndarray,
    candidates: Sequence[Candidate],
    policy: FacePolicy,
    context: Sequence[Box] = (),
    margin: float = 0.0,
) -> list[Evidence]:
    """The evidence for each of ``candidates`` (detections in the frame ``rgb``):
    why it is hidden, or Evidence.NONE when nothing says a person is there.

    ``context``: faces known to be in the frame besides the candidates (for
    ``check``, detections on mediascrub's own patches; for the second look,
    the faces already hidden): they show that people are there, like a
    confident face. ``margin`` lowers every score bar (the second look uses it
    so that a score moved a little by the published encoding cannot make
    ``check`` count a box scrub left). With ``policy.second_opinion`` off every
    candidate is hidden ("confident").
    """
    if not policy.second_opinion:
        return [Evidence.CONFIDENT] * len(candidates)
    confident = policy.confident - margin
    anchors = [c.box for c in candidates if c.score >= confident] + list(context)
    out: list[Evidence] = []
    grey: bool | None = None
    for c in candidates:
        if c.score >= confident:
            out.append(Evidence.CONFIDENT)
        elif any(same_scale(c.box, a, policy.context_scale) for a in anchors):
            out.append(Evidence.PEOPLE)
        elif not anchors and c.score >= policy.alone_threshold - margin:
            if grey is None:
                grey = is_grey(rgb)
            out.append(Evidence.SKIN if grey or skin_share(rgb, c.box) >= policy.skin_share else Evidence.NONE)
        else:
            out.append(Evidence.NONE)
    return out


def dismissed_reason(score: float, has_people: bool, policy: FacePolicy) -> str:
    """The audit record's words for a detection judged Evidence.NONE."""
    if has_people:
        why = "not the size of any confident face in the photo"
    elif score >= policy.alone_threshold:
        why = "no confident face in the photo and no skin colour"
    else:
        why = "faint, and no confident face in the photo"
    return f"face-like area left as it is: {why} (score {score:.2f})"


__all__ = ["Candidate", "Evidence", "same_scale", "dismissed_reason", "is_grey", "judge_faces", "skin_share"]
