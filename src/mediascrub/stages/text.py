"""The text stage: read the text in a photo and decide which of it to hide.

OCR is RapidOCR 3.x (PP-OCRv6 detection and recognition, ONNX, on CPU) with
the model files from its own wheel, loaded once per process by explicit path:
nothing is ever downloaded (a download attempt inside RapidOCR is turned into a
``ModelError``). Each line read is classified by the text rules
(:mod:`mediascrub.textrules`, one module per kind of text); the lines to hide,
and the lines of the same card or sign, become REDACTED findings whose rotated
quadrilateral (``detail["polygon"]``) the pipeline fills solid via
:func:`mediascrub.stages.redact.redact_findings`.

Detection runs once on the whole image scaled so its longer side is
``detect_side`` pixels (small images are enlarged up to ``MAX_UPSCALE``). Text
the detector only half sees there (a faint blob in its probability map, like a
small brass house number on a dark door) gets a *second look*: a window around
it is enlarged and detected again. Measured on ../shared/evaldata this found the
small numerals a single pass at 1024 or even at full resolution missed, for a
few windows' cost instead of a full tiled pass. Recognition always reads the
full-resolution pixels.

The raw text of a line is never put in a reason or a log; it is in
``detail["text"]`` only when ``policy.text.show_text`` is set.
"""

from __future__ import annotations

import contextlib
import re
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field, replace
from importlib import resources
from pathlib import Path
from typing import Any

import cv2
import numpy as np

from .. import models
from ..errors import ModelError
from ..findings import Action, Box, Finding, Kind
from ..policy import TextPolicy
from ..textrules import (
    ADDRESS_LABELS,
    ALL_NAME_SOURCES,
    CATEGORIES,
    LineVerdict,
    Match,
    NameSource,
    RuleContext,
    classify_line,
    split_line,
)
from ..textrules.features import is_business_name, is_plain, lists_names, names_someone
from ..textrules.health import LABEL_ALONE as FORM_LABEL_ALONE
from ..textrules.line import TOKEN, allowed_edits, edit_distance, fix_digits, fold, nfkc, squash, substring_distance
from ..textrules.words import CALENDAR_WORDS, load_name_lists
from . import StageContext

#: RapidOCR's own model files, shipped in its wheel (rapidocr 3.10).
MODEL_FILES = {
    "Det": "PP-OCRv6_det_small.onnx",
    "Cls": "ch_ppocr_mobile_v2.0_cls_mobile.onnx",
    "Rec": "PP-OCRv6_rec_small.onnx",
}
#: Small images are enlarged at most this much for detection. On the plaque
#: photos (about 225 px) 2x plus second looks found every word 4x found, at a
#: quarter of the cost; enlarging further found nothing more.
MAX_UPSCALE = 2.0
#: Detector probability above which a pixel is text (RapidOCR's default 0.3).
DET_THRESH = 0.3
#: A detected box is kept when its mean probability is above this (default 0.5).
DET_BOX_THRESH = 0.5
#: A blob whose peak probability is at least this, yet produced no box, gets a second look.
WEAK_BLOB = 0.15
#: At most this many second-look windows per image.
MAX_SECOND_LOOKS = 4
#: A second-look window is enlarged to this side (px): each costs about 1/7 of a 1024 first pass.
SECOND_LOOK_SIDE = 384.0
#: Lower detector thresholds inside a second-look window (it is already a
#: suspect place): a faint house number was found at every window size tried
#: with these, at some sizes only with the defaults.
SECOND_LOOK_THRESH = 0.2
SECOND_LOOK_BOX_THRESH = 0.4
#: Recognised lines scoring below this are dropped as noise (not even reviewed).
MIN_READ_SCORE = 0.3
#: A reading of one or two characters is legible when scored at least this...
SHORT_READ_SCORE = 0.95
#: ... or at least this and read the same again with ``SHORT_CONFIRM_SCORE``.
#: Texture is most often read as one or two characters: on the WIDER crowd
#: photos a flower read as ``4`` (0.94), two faces as ``00`` (0.90) and a
#: round logo as ``0`` (0.82), while the house numbers of
#: ../shared/evaldata/scene_text_addresses read at 1.00.
SINGLE_CHAR_SCORE = 0.8
SHORT_CONFIRM_SCORE = 0.9
#: A second, enlarged reading must score at least this to confirm a faint one.
CONFIRM_SCORE = 0.5
#: Lines whose letters are lower than this (px) are not legible to anyone.
MIN_LINE_HEIGHT = 5.0
#: The reason :func:`is_legible` gives for a line of letters read twice, both
#: times faintly and differently: text, but its words cannot be known (the
#: small name badge of the bundled astronaut photo reads "BUINV CO", then
#: "BLINVCS"). It may be a name, so it is hidden with the ``person_name`` category.
FAINT_TEXT = "faint text that cannot be read reliably"
#: Both readings of faint text must score at least this.
FAINT_SCORE = 0.45


@dataclass(frozen=True, eq=False)
class TextRegion:
    """One line of text found in an image.

    ``polygon``: (4, 2) float32 corners, clockwise from top-left, in image
    pixels (rotated text has a rotated quadrilateral). ``box``: its axis-aligned
    bounds, clipped to the image. ``confidence``: the recogniser's score, 0-1.
    """

    polygon: np.ndarray
    box: Box
    text: str
    confidence: float
    #: Per character of ``text`` that is not a space, where it starts and ends along the line, as
    #: fractions of the top edge (``polygon[0]`` to ``polygon[1]``); empty when not known (a line
    #: read at an angle, upside down or turned). Lets a finding cover part of a line.
    char_spans: tuple[tuple[float, float], ...] = ()

    @property
    def line_height(self) -> float:
        """The shorter side of the quadrilateral: the height of the letters, whatever the angle."""
        (_, (w, h), _) = cv2.minAreaRect(self.polygon.astype(np.float32))
        return float(max(1.0, min(w, h)))


# --------------------------------------------------------------------------- OCR engine


@contextlib.contextmanager
def _no_downloads() -> Iterator[None]:
    """Within the block, any attempt by RapidOCR to fetch a file raises ModelError."""
    from rapidocr.utils import download_file

    original = download_file.DownloadFile.run

    def refuse(cls: Any, params: Any) -> None:
        if Path(params.save_path).exists():
            return  # RapidOCR only checks a file it already has
        raise ModelError(
            f"RapidOCR tried to download {Path(params.save_path).name}; mediascrub never downloads models. "
            "Reinstall rapidocr 3.x (its wheel ships the PP-OCR models)."
        )

    download_file.DownloadFile.run = classmethod(refuse)  # type: ignore[method-assign,assignment]
    try:
        yield
    finally:
        download_file.DownloadFile.run = original  # type: ignore[method-assign]


@dataclass
class OcrEngine:
    """RapidOCR's three models, used step by step so that detection scale,
    second looks and full-resolution recognition are under our control."""

    det: Any
    cls: Any
    rec: Any
    paths: dict[str, Path] = field(default_factory=dict)
    loose: Any = None  # a second box finder with lower thresholds, for second looks
    _normalise: np.ndarray | None = field(default=None, repr=False, compare=False)

    def probability_map(self, rgb: np.ndarray) -> np.ndarray:
        """Per-pixel text probability for ``rgb`` (sides multiples of 32), same size."""
        return np.asarray(self.det.session(self.detector_input(rgb)))[0, 0]

    def detector_input(self, rgb: np.ndarray) -> np.ndarray:
        """The detector's input for ``rgb``: the values RapidOCR's own preprocessing gives, bit for bit.

        Its ``normalize`` works in float64 over the whole image (16 ms of a 1024x576 frame's reading); each
        value depends only on the byte and its channel, so the same formula applied once to the 256 bytes
        gives a table that cv2.LUT applies in about 1.4 ms. Sides that are not multiples of 32 (its resize
        would change the picture) go through RapidOCR's preprocessing itself."""
        pre = self.det.get_preprocess()
        h, w = rgb.shape[:2]
        if h % 32 or w % 32 or max(h, w) > pre.limit_side_len or rgb.dtype != np.uint8 or rgb.ndim != 3 or rgb.shape[2] != 3:
            return np.asarray(pre(rgb))
        if self._normalise is None:
            values = np.repeat(np.arange(256, dtype=np.uint8)[:, None], 3, axis=1)
            self._normalise = np.asarray(pre.normalize(values), np.float32).reshape(256, 1, 3)
        out: np.ndarray = np.ascontiguousarray(cv2.LUT(np.ascontiguousarray(rgb), self._normalise).transpose(2, 0, 1))[None]
        return out

    def boxes_from_map(self, prob: np.ndarray, loose: bool = False) -> tuple[np.ndarray, np.ndarray]:
        """Quadrilaterals (N, 4, 2) and scores from a probability map, in map pixels.

        ``loose``: use the lower second-look thresholds (more faint text, more noise).
        """
        h, w = prob.shape
        finder = self.loose if loose and self.loose is not None else self.det.postprocess_op
        boxes, scores = finder(prob[None, None], (h, w))
        if len(boxes) == 0:
            return np.zeros((0, 4, 2), np.float32), np.zeros((0,), np.float32)
        return np.asarray(boxes, np.float32).reshape(-1, 4, 2), np.asarray(scores, np.float32)

    def recognise(self, crops: list[np.ndarray]) -> list[tuple[str, float]]:
        """Text and score for each crop (turned upright first when upside down)."""
        return [(t, s) for t, s, _ in self.recognise_with_positions(crops)]

    def recognise_with_positions(self, crops: list[np.ndarray]) -> list[tuple[str, float, tuple[tuple[float, float], ...]]]:
        """Text, score and, per character that is not a space, its (start, end) as fractions of
        the crop's width, from the recogniser's own character columns; no positions for a crop
        turned upside down (they would run backwards) or when the columns do not fit the text."""
        if not crops:
            return []
        from rapidocr.ch_ppocr_rec import TextRecInput

        turned = self.cls(crops)
        flipped = [bool("180" in label and score > self.cls.cls_thresh) for label, score in (turned.cls_res or [])]
        out = self.rec(TextRecInput(img=turned.img_list, return_word_box=True))
        result = []
        for k, (t, s) in enumerate(zip(out.txts, out.scores, strict=True)):
            words = out.word_results[k] if out.word_results is not None else None
            spans = () if words is None or (flipped and flipped[k]) else _char_spans(str(t), words)
            result.append((str(t), float(s), spans))
        return result


def _char_spans(text: str, words: Any) -> tuple[tuple[float, float], ...]:
    """(start, end) fractions of each non-space character of ``text`` from RapidOCR's word
    columns (``WordInfo``: the CTC column of each character, ``line_txt_len`` columns in all).
    A character spans half the way to its neighbours' columns, and one column-step at the ends."""
    cols = [c for wc in (words.word_cols or []) for c in wc]
    total = float(words.line_txt_len or 0.0)
    if not cols or total <= 0 or len(cols) != sum(not c.isspace() for c in text):
        return ()
    step = (cols[-1] - cols[0]) / (len(cols) - 1) if len(cols) > 1 else 2.0
    spans = []
    for i, c in enumerate(cols):
        left = (c + cols[i - 1]) / 2 if i > 0 else c - step
        right = (c + cols[i + 1]) / 2 if i + 1 < len(cols) else c + step
        spans.append((max(0.0, left / total), min(1.0, right / total)))
    return tuple(spans)


def rapidocr_model_dir() -> Path:
    """Where the rapidocr wheel keeps its models."""
    try:
        return Path(str(resources.files("rapidocr").joinpath("models")))
    except ModuleNotFoundError:
        raise ModelError("rapidocr is not installed; install mediascrub's dependencies (rapidocr>=3.10,<4)") from None


def _load_engine(threads: int = 0) -> OcrEngine:
    folder = rapidocr_model_dir()
    paths = {k: folder / name for k, name in MODEL_FILES.items()}
    for path in paths.values():
        if not path.is_file():
            raise ModelError(f"OCR model file not found: {path}. Reinstall rapidocr 3.10 (its wheel ships this file).")
    try:
        from rapidocr import RapidOCR
    except ImportError as exc:
        raise ModelError(f"rapidocr cannot be imported ({exc}); reinstall it (rapidocr>=3.10,<4)") from None
    params: dict[str, Any] = {
        "Global.log_level": "critical",
        "Global.model_root_dir": str(folder),
        "Det.model_path": str(paths["Det"]),
        "Cls.model_path": str(paths["Cls"]),
        "Rec.model_path": str(paths["Rec"]),
        "Det.limit_type": "max",
        "Det.limit_side_len": 1_000_000,  # we scale the image ourselves
        "Det.thresh": DET_THRESH,
        "Det.box_thresh": DET_BOX_THRESH,
    }
    if threads:
        params["EngineConfig.onnxruntime.intra_op_num_threads"] = threads
        params["EngineConfig.onnxruntime.inter_op_num_threads"] = 1
    try:
        with _no_downloads():
            engine = RapidOCR(params=params)
            # RapidOCR 3.x builds its models lazily; build them now, under the download guard.
            det, cls, rec = engine._load_det_model(), engine._load_cls_model(), engine._load_rec_model()
    except ModelError:
        raise
    except Exception as exc:  # onnxruntime / omegaconf raise their own types
        raise ModelError(f"cannot load the OCR models from {folder}: {exc}. Reinstall rapidocr 3.10.") from None
    from rapidocr.ch_ppocr_det.utils import DBPostProcess

    loose = DBPostProcess(thresh=SECOND_LOOK_THRESH, box_thresh=SECOND_LOOK_BOX_THRESH, unclip_ratio=1.6, use_dilation=True)
    return OcrEngine(det=det, cls=cls, rec=rec, paths=paths, loose=loose)


def ocr_engine() -> OcrEngine:
    """The process-wide OCR engine, loaded on first use (per thread setting)."""
    threads = models.model_threads()
    return models.cached("rapidocr", f"pp-ocrv6-small:{threads}", lambda: _load_engine(threads))


# --------------------------------------------------------------------------- reading


def _resize32(rgb: np.ndarray, scale: float) -> tuple[np.ndarray, float, float]:
    """``rgb`` scaled by about ``scale`` to sides that are multiples of 32; returns the x and y factors back."""
    h, w = rgb.shape[:2]
    nw, nh = max(32, int(round(w * scale / 32)) * 32), max(32, int(round(h * scale / 32)) * 32)
    interp = cv2.INTER_AREA if nw < w else cv2.INTER_CUBIC
    return cv2.resize(rgb, (nw, nh), interpolation=interp), w / nw, h / nh


def _detect(engine: OcrEngine, rgb: np.ndarray, scale: float, loose: bool = False) -> tuple[np.ndarray, np.ndarray, float, float]:
    """Quadrilaterals in ``rgb`` pixels, the probability map, and the map-to-image factors."""
    small, fx, fy = _resize32(rgb, scale)
    prob = engine.probability_map(small)
    quads, _ = engine.boxes_from_map(prob, loose=loose)
    quads = quads * np.array([fx, fy], np.float32)
    return quads, prob, fx, fy


def _inside_any(point: tuple[float, float], quads: Sequence[np.ndarray], pad: float = 0.0) -> bool:
    x, y = point
    for q in quads:
        if cv2.pointPolygonTest(q.reshape(-1, 1, 2).astype(np.float32), (x, y), True) >= -pad:
            return True
    return False


@dataclass(frozen=True)
class _Blob:
    """A faint patch of the detector's probability map, in image pixels."""

    cx: float
    cy: float
    long: float
    short: float
    peak: float


def _weak_blobs(prob: np.ndarray, quads_map: Sequence[np.ndarray], fx: float, fy: float, limit: int) -> list[_Blob]:
    """Patches the detector half saw, outside every box it did find, strongest first.

    Fragments a few map pixels apart are merged first (a blurred word breaks
    into several), so one window covers the word.
    """
    mask = (prob >= WEAK_BLOB).astype(np.uint8)
    for q in quads_map:
        cv2.fillPoly(mask, [np.round(q).astype(np.int32)], 0)
    merged = cv2.dilate(mask, cv2.getStructuringElement(cv2.MORPH_RECT, (7, 3)))
    n, labels, stats, _ = cv2.connectedComponentsWithStats(merged, connectivity=8)
    blobs: list[_Blob] = []
    for i in range(1, n):
        x, y, w, h, area = stats[i]
        if area < 24:  # the dilation alone makes 21 pixels from one
            continue
        inside = labels[y : y + h, x : x + w] == i
        peak = float(prob[y : y + h, x : x + w][inside].max())
        if peak < WEAK_BLOB:
            continue
        ww, hh = w * fx, h * fy
        blobs.append(_Blob((x + w / 2) * fx, (y + h / 2) * fy, float(max(ww, hh)), float(min(ww, hh)), peak))
    blobs.sort(key=lambda b: b.peak, reverse=True)
    return blobs[:limit]


def _second_look(engine: OcrEngine, rgb: np.ndarray, blobs: list[_Blob], first_scale: float) -> list[np.ndarray]:
    """Detect again in an enlarged window around each blob; quadrilaterals in image pixels.

    The window is a square 8 blob-heights or 2 blob-lengths wide (at least
    160 px: some context helps the detector), enlarged to ``SECOND_LOOK_SIDE``;
    a window that would not be enlarged well beyond the first pass is skipped.
    """
    h, w = rgb.shape[:2]
    found: list[np.ndarray] = []
    for b in blobs:
        side = min(float(max(h, w)), max(160.0, 2.0 * b.long, 8.0 * b.short))
        x0, y0 = int(max(0, b.cx - side / 2)), int(max(0, b.cy - side / 2))
        x1, y1 = int(min(w, b.cx + side / 2)), int(min(h, b.cy + side / 2))
        if x1 - x0 < 8 or y1 - y0 < 8:
            continue
        scale = min(MAX_UPSCALE * 2, SECOND_LOOK_SIDE / max(x1 - x0, y1 - y0))
        if scale < 1.25 * first_scale:
            continue
        window = np.ascontiguousarray(rgb[y0:y1, x0:x1])
        quads, _, _, _ = _detect(engine, window, scale, loose=True)
        found.extend(q + np.array([x0, y0], np.float32) for q in quads)
    return found


def _order(quad: np.ndarray) -> np.ndarray:
    """Corners clockwise (on screen) from the one nearest the top-left: a simple
    polygon whatever the angle, so a fill never leaves a bow-tie's triangles."""
    q = quad.astype(np.float32).reshape(4, 2)
    cx, cy = q.mean(axis=0)
    q = q[np.argsort(np.arctan2(q[:, 1] - cy, q[:, 0] - cx))]
    return np.roll(q, -int(np.argmin(q.sum(axis=1))), axis=0)


def _crop(rgb: np.ndarray, quad: np.ndarray) -> np.ndarray:
    from rapidocr.utils.process_img import get_rotate_crop_image

    return np.asarray(get_rotate_crop_image(rgb, quad.astype(np.float32).copy()))


def read_text(
    rgb: np.ndarray,
    *,
    detect_side: int = 1024,
    second_look: bool = True,
    min_score: float = MIN_READ_SCORE,
) -> list[TextRegion]:
    """Every line of text found in an RGB ``uint8`` image, top to bottom.

    ``detect_side``: the longer side the image is scaled to for detection.
    Larger finds smaller text; time grows with its square (1024: about 0.3 s
    on one core). ``second_look``: re-detect enlarged windows around faint
    blobs, for small numbers the first pass half sees; a few windows' cost.
    ``min_score``: lines read with a lower score are dropped as noise.
    """
    if rgb.ndim != 3 or rgb.shape[2] != 3 or rgb.dtype != np.uint8:
        raise ValueError("read_text needs an RGB uint8 image of shape (H, W, 3)")
    h, w = rgb.shape[:2]
    if h < 4 or w < 4:
        return []
    engine = ocr_engine()
    rgb = np.ascontiguousarray(rgb)
    scale = min(detect_side / max(h, w), MAX_UPSCALE)
    quads, prob, fx, fy = _detect(engine, rgb, scale)
    all_quads = list(quads)
    if second_look:
        map_quads = [q / np.array([fx, fy], np.float32) for q in quads]
        blobs = _weak_blobs(prob, map_quads, fx, fy, MAX_SECOND_LOOKS)
        for q in _second_look(engine, rgb, blobs, scale):
            centre = (float(q[:, 0].mean()), float(q[:, 1].mean()))
            if not _inside_any(centre, all_quads):
                all_quads.append(q)
    quads_ok = [_order(np.clip(q, [0, 0], [w, h]).astype(np.float32)) for q in all_quads]
    quads_ok = [q for q in quads_ok if cv2.contourArea(q) >= 4.0]
    crops = [_crop(rgb, q) for q in quads_ok]
    keep = [i for i, c in enumerate(crops) if c.size and min(c.shape[:2]) >= 2]
    reads = engine.recognise_with_positions([crops[i] for i in keep])
    regions: list[TextRegion] = []
    for i, (text, score, spans) in zip(keep, reads, strict=True):
        if not text.strip() or score < min_score:
            continue
        q = quads_ok[i]
        box = Box(float(q[:, 0].min()), float(q[:, 1].min()), float(q[:, 0].max()), float(q[:, 1].max())).clipped(w, h)
        dx, dy = q[1] - q[0]
        across = float(np.linalg.norm(q[3] - q[0]))
        # read left to right along the top edge: not steep, and not so tall that the crop was turned
        level = abs(float(np.degrees(np.arctan2(dy, dx)))) <= 30 and across < 1.5 * float(np.hypot(dx, dy))
        regions.append(TextRegion(polygon=q, box=box, text=text.strip(), confidence=score, char_spans=spans if level else ()))
    regions.sort(key=lambda r: (r.box.y0, r.box.x0))
    return regions


# --------------------------------------------------------------------------- legibility


def _alnum(text: str) -> str:
    return "".join(c for c in fold(text) if c.isalnum())


def reread(rgb: np.ndarray, region: TextRegion) -> tuple[str, float]:
    """A second reading of ``region``: its crop in grey, enlarged twice (a different
    view of the same pixels: real letters read the same again, texture rarely does)."""
    crop = _crop(np.ascontiguousarray(rgb), region.polygon)
    if crop.size == 0 or min(crop.shape[:2]) < 2:
        return "", 0.0
    grey = cv2.cvtColor(cv2.cvtColor(np.ascontiguousarray(crop), cv2.COLOR_RGB2GRAY), cv2.COLOR_GRAY2RGB)
    big = cv2.resize(grey, None, fx=2.0, fy=2.0, interpolation=cv2.INTER_CUBIC)
    return ocr_engine().recognise([big])[0]


def is_legible(region: TextRegion, min_legible: float, second: tuple[str, float] | None) -> tuple[bool, str]:
    """Whether ``region`` is text a person could read, not texture, and why not.

    Rules: letters at least ``MIN_LINE_HEIGHT`` px high; at least one letter or
    digit; one or two characters scored at least ``SHORT_READ_SCORE``, or at
    least ``SINGLE_CHAR_SCORE`` and read the same again with
    ``SHORT_CONFIRM_SCORE`` (not for vertical strokes only, ``1``, ``11``, ``l``:
    a bar of light or a railing reads so every time); anything longer scored below ``min_legible`` read again (``second``:
    the :func:`reread`) to nearly the same text with a score of at least
    ``CONFIRM_SCORE``. ``second`` None: no second reading was made (treated as
    a failed one where one is needed).
    """
    text = _alnum(region.text)
    if not text:
        return False, "no letters or digits"
    if region.line_height < MIN_LINE_HEIGHT:
        return False, "too small to read"
    short = len(text) <= 2
    if region.confidence >= (SHORT_READ_SCORE if short else min_legible):
        return True, ""
    if short and (region.confidence < SINGLE_CHAR_SCORE or set(text) <= set("1li")):
        return False, f"one or two characters read with score {region.confidence:.2f}"
    if second is None:
        return False, f"faint reading (score {region.confidence:.2f})"
    again, score = _alnum(second[0]), second[1]
    same = again == text if short else edit_distance(fix_digits(again), fix_digits(text)) <= max(1, len(text) // 4)
    if same and score >= (SHORT_CONFIRM_SCORE if short else CONFIRM_SCORE):
        return True, ""
    letters = sum(c.isalpha() for c in text)
    if (
        len(text) >= 4
        and letters >= 0.6 * len(text)
        and min(region.confidence, score) >= FAINT_SCORE
        and len(again) >= 4
        and edit_distance(again, text) <= len(text) // 2
    ):
        return False, f"{FAINT_TEXT} (scores {region.confidence:.2f} and {score:.2f})"
    return False, f"faint reading (score {region.confidence:.2f}) not confirmed by a second look"


def needs_reread(region: TextRegion, min_legible: float) -> bool:
    """Whether :func:`is_legible` needs a second reading of ``region``."""
    text = _alnum(region.text)
    if not text or region.line_height < MIN_LINE_HEIGHT:
        return False
    if len(text) <= 2:
        return SINGLE_CHAR_SCORE <= region.confidence < SHORT_READ_SCORE and not set(text) <= set("1li")
    return region.confidence < min_legible


# --------------------------------------------------------------------------- signs


def _aligned(A: Box, B: Box, tall: float) -> bool:
    """Two stacked lines share a left edge, a centre or a right edge (within one line height)."""
    return min(abs(A.x0 - B.x0), abs((A.x0 + A.x1) - (B.x0 + B.x1)) / 2, abs(A.x1 - B.x1)) <= tall


def _neighbours(a: TextRegion, b: TextRegion, max_ratio: float, max_gap: float, aligned: bool = False) -> bool:
    """Whether ``b`` sits on the same sign as ``a``: stacked above/below with
    horizontal overlap (and, when ``aligned``, a shared left edge, centre or
    right edge), or beside it on the same line; heights within ``max_ratio``;
    the gap at most ``max_gap`` times the taller line."""
    ha, hb = a.line_height, b.line_height
    if max(ha, hb) / min(ha, hb) > max_ratio:
        return False
    tall = max(ha, hb)
    A, B = a.box, b.box
    x_overlap = min(A.x1, B.x1) - max(A.x0, B.x0)
    y_overlap = min(A.y1, B.y1) - max(A.y0, B.y0)
    if x_overlap > 0.3 * min(A.width, B.width) and -y_overlap <= max_gap * tall:
        return not aligned or _aligned(A, B, tall)  # stacked lines
    return y_overlap > 0.5 * min(A.height, B.height) and -x_overlap <= 1.5 * max_gap * tall  # same line


#: At most this many lines make a card (a badge, door sign, ID or contact card, plaque); a larger group is a board.
CARD_MAX_LINES = 6
#: Lines of one card: heights within this ratio, stacked at most this many line heights apart, aligned.
CARD_HEIGHT_RATIO = 2.2
CARD_GAP = 0.8
#: A plaque's number is at least this much taller than the name under (or over) it.
PLAQUE_NUMBER_RATIO = 1.3


def cards(regions: Sequence[TextRegion], legible: Sequence[bool] | None = None) -> list[frozenset[int]]:
    """The groups of regions that form a card: lines stacked close (gap at most
    ``CARD_GAP`` line heights) or side by side, of like height (within
    ``CARD_HEIGHT_RATIO``), aligned on a left edge, centre or right edge; at most
    ``CARD_MAX_LINES`` of them (more is a board, a menu, a directory). Single
    lines are not cards.
    ``legible``: per region, whether it counts (illegible texture joins no card)."""
    n = len(regions)
    ok = list(legible) if legible is not None else [True] * n
    parent = list(range(n))

    def root(i: int) -> int:
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    for i in range(n):
        for j in range(i + 1, n):
            if ok[i] and ok[j] and _neighbours(regions[i], regions[j], CARD_HEIGHT_RATIO, CARD_GAP, aligned=True):
                parent[root(i)] = root(j)
    groups: dict[int, set[int]] = {}
    for i in range(n):
        if ok[i]:
            groups.setdefault(root(i), set()).add(i)
    return [frozenset(g) for g in groups.values() if 2 <= len(g) <= CARD_MAX_LINES]


#: What a line read in pieces is classified for as a whole: numbers and codes (a plate, a phone
#: number, a postcode) and addresses; not names or care words, whose pieces are read alone.
PIECE_CATEGORIES = frozenset(CATEGORIES) - {"person_name", "health"}


def line_runs(regions: Sequence[TextRegion], legible: Sequence[bool]) -> list[list[int]]:
    """Runs of two or more legible regions side by side on one line, left to right: the pieces of
    one line the detector cut apart (heights within 1.3x, gaps under 1.2 line heights)."""
    order = sorted((i for i in range(len(regions)) if legible[i]), key=lambda i: regions[i].box.x0)
    nxt: dict[int, int] = {}
    for i in order:
        a = regions[i]
        best = None
        for j in order:
            b = regions[j]
            if j == i or b.box.x0 < a.box.x1 - 0.3 * a.line_height or j in nxt.values():
                continue
            tall, short = max(a.line_height, b.line_height), min(a.line_height, b.line_height)
            overlap = min(a.box.y1, b.box.y1) - max(a.box.y0, b.box.y0)
            if tall <= 1.3 * short and overlap > 0.6 * min(a.box.height, b.box.height) and b.box.x0 - a.box.x1 <= 1.2 * tall:
                if best is None or b.box.x0 < regions[best].box.x0:
                    best = j
        if best is not None:
            nxt[i] = best
    starts = [i for i in nxt if i not in nxt.values()]
    runs = []
    for i in starts:
        run = [i]
        while run[-1] in nxt and len(run) < 8:
            run.append(nxt[run[-1]])
        runs.append(run)
    return runs


def _plaque(number: TextRegion, name: TextRegion) -> bool:
    """``name`` is stacked right under or over ``number``, aligned with it, and ``number`` is
    ``PLAQUE_NUMBER_RATIO`` to 3 times taller (``204`` over ``SCIENCE AND ENGINEERING``)."""
    a, b = number.box, name.box
    stacked = min(a.x1, b.x1) > max(a.x0, b.x0) and min(a.y1, b.y1) <= max(a.y0, b.y0)
    return (
        stacked
        and PLAQUE_NUMBER_RATIO * name.line_height <= number.line_height <= 3.0 * name.line_height
        and _neighbours(number, name, 3.0, CARD_GAP, aligned=True)
    )


def same_sign(
    regions: Sequence[TextRegion],
    seeds: Sequence[bool],
    steps: Sequence[tuple[float, float]] = ((3.0, 1.0), (1.5, 0.6)),
    aligned: bool = False,
) -> set[int]:
    """Indices of the regions that are not seeds but belong to the same sign as one.

    A direct neighbour of a seed (heights within 3x, gap up to one line
    height) joins it; a neighbour of such a line joins too when it is a line of
    the same block (heights within 1.5x, gap up to 0.6 line). Looser settings
    hide more of a sign and more of the text around it.
    """
    joined: set[int] = set()
    frontier = [i for i, s in enumerate(seeds) if s]
    for ratio, gap in steps:
        nxt: list[int] = []
        for i in frontier:
            for j, r in enumerate(regions):
                if seeds[j] or j in joined or j == i:
                    continue
                if _neighbours(regions[i], r, ratio, gap, aligned):
                    joined.add(j)
                    nxt.append(j)
        frontier = nxt
    return joined


#: A column's cells: heights within this ratio of its heading's, left edges or centres within this many
#: line heights of the line above, each at most ``COLUMN_GAP`` line heights under it.
COLUMN_HEIGHT_RATIO = 1.6
COLUMN_ALIGN = 1.0
COLUMN_GAP = 2.5


def column_under(regions: Sequence[TextRegion], head: int, legible: Sequence[bool], right_only: bool = False) -> list[int]:
    """The cells of the table column under heading ``head``, top to bottom: each aligned with the
    line above it (left edge, centre or right edge: a photographed table leans; ``right_only``:
    the right edge, for a heading read together with the one before it), of like height, close
    under it; the column ends at the first gap."""
    h = regions[head]
    tall = h.line_height

    def aligned(a: Box, b: Box) -> bool:
        if right_only:
            return abs(a.x1 - b.x1) <= COLUMN_ALIGN * tall and b.x0 > h.box.x0 + tall  # not under the first heading
        return min(abs(a.x0 - b.x0), abs((a.x0 + a.x1) - (b.x0 + b.x1)) / 2, abs(a.x1 - b.x1)) <= COLUMN_ALIGN * tall

    below = sorted(
        (
            j for j, r in enumerate(regions)
            if j != head and legible[j] and r.box.y0 >= h.box.y0 + 0.5 * tall
            and max(r.line_height, tall) <= COLUMN_HEIGHT_RATIO * min(r.line_height, tall)
        ),
        key=lambda j: regions[j].box.y0,
    )
    cells: list[int] = []
    last = h.box
    for j in below:
        box = regions[j].box
        if not aligned(last, box):
            continue
        if box.y0 - last.y1 > COLUMN_GAP * tall:
            break
        cells.append(j)
        last = box
    return cells


#: A board's title reaches this many of its line heights down, and its width again to either side; its
#: lines are no taller than this ratio of the title and each at most ``BOARD_GAP`` line heights under another.
BOARD_DEPTH = 12.0
BOARD_REACH = 1.0
BOARD_HEIGHT_RATIO = 1.2
BOARD_GAP = 2.5
#: Cells of one table row: heights within this ratio, overlapping by half in height, at most this many line heights apart.
ROW_HEIGHT_RATIO = 1.6
ROW_GAP = 8.0


def board_under(regions: Sequence[TextRegion], head: int, legible: Sequence[bool]) -> list[int]:
    """The lines of the board under its title ``head`` (``Our Staff``, ``Rota``): below it, at most
    ``BOARD_DEPTH`` of its line heights down, within its width again to either side
    (``BOARD_REACH``; a grid of staff cards under a centred title), no taller than the title
    (``BOARD_HEIGHT_RATIO``: a bigger line is another sign), and joined to the title by lines
    each at most ``BOARD_GAP`` line heights under the one before (a sign further down is another)."""
    h = regions[head]
    tall, width = h.line_height, h.box.width
    near = [
        j for j, r in enumerate(regions)
        if j != head and legible[j] and r.box.y0 >= h.box.y1 - 0.2 * tall and r.box.y0 - h.box.y1 <= BOARD_DEPTH * tall
        and h.box.x0 - BOARD_REACH * width <= (r.box.x0 + r.box.x1) / 2 <= h.box.x1 + BOARD_REACH * width
        and r.line_height <= BOARD_HEIGHT_RATIO * tall
    ]
    joined: list[int] = []
    bottoms = [h.box.y1]
    for j in sorted(near, key=lambda j: regions[j].box.y0):
        if regions[j].box.y0 - max(bottoms) <= BOARD_GAP * tall:
            joined.append(j)
            bottoms.append(regions[j].box.y1)
    return joined


def same_row(a: TextRegion, b: TextRegion, gap: float = ROW_GAP) -> bool:
    """``a`` and ``b`` are cells of one table row: of like height (``ROW_HEIGHT_RATIO``), overlapping
    by half their height, at most ``gap`` line heights apart."""
    tall, short = max(a.line_height, b.line_height), min(a.line_height, b.line_height)
    overlap = min(a.box.y1, b.box.y1) - max(a.box.y0, b.box.y0)
    apart = max(a.box.x0, b.box.x0) - min(a.box.x1, b.box.x1)
    return tall <= ROW_HEIGHT_RATIO * short and overlap > 0.5 * min(a.box.height, b.box.height) and apart <= gap * tall


def cell_right_of(regions: Sequence[TextRegion], i: int, legible: Sequence[bool]) -> int | None:
    """The nearest cell right of ``i`` on its row (at most 6 line heights away), or None."""
    a = regions[i]
    right = [j for j, r in enumerate(regions) if j != i and legible[j] and r.box.x0 >= a.box.x1 - 0.3 * a.line_height
             and same_row(a, r, gap=6.0)]
    return min(right, key=lambda j: regions[j].box.x0) if right else None


def row_right_of(regions: Sequence[TextRegion], i: int, legible: Sequence[bool], stop: Sequence[bool]) -> list[int]:
    """The cells right of ``i`` on its row, each the nearest right of the one before (a rota's week:
    ``Early`` | ``Xiu`` | ``Grace`` | ...), up to a cell where ``stop`` is true (the next row label)."""
    out: list[int] = []
    j = cell_right_of(regions, i, legible)
    while j is not None and not stop[j] and j not in out and len(out) < 14:
        out.append(j)
        j = cell_right_of(regions, j, legible)
    return out


#: Labels of one row (coat pegs, lockers): at most this many of their line heights apart.
LABEL_ROW_GAP = 10.0


def label_rows(regions: Sequence[TextRegion], legible: Sequence[bool]) -> list[list[int]]:
    """Rows of three or more short labels (one or two words each) side by side, left to right: each the
    nearest label right of the one before on its row (:func:`same_row`, at most ``LABEL_ROW_GAP`` line
    heights apart). A line of a sentence (three or more words) is no label and ends the row."""
    short = [legible[i] and 1 <= len(split_line(r.text).orig) <= 2 for i, r in enumerate(regions)]
    nxt: dict[int, int] = {}
    for i, a in enumerate(regions):
        if not short[i]:
            continue
        right = [j for j, b in enumerate(regions) if j != i and legible[j] and b.box.x0 >= a.box.x1 - 0.3 * a.line_height
                 and same_row(a, b, gap=LABEL_ROW_GAP)]
        if right:
            j = min(right, key=lambda j: regions[j].box.x0)
            if short[j]:
                nxt[i] = j
    rows = []
    for i in nxt:
        if i in nxt.values():
            continue
        row = [i]
        while row[-1] in nxt and nxt[row[-1]] not in row and len(row) < 16:
            row.append(nxt[row[-1]])
        if len(row) >= 3:
            rows.append(row)
    return rows


#: Lone numbers in one image that make a grid or a board rather than a house's door.
NUMBER_GRID_MIN = 4
#: A table's row: lines at most this many line heights apart across (:func:`same_row`).
TABLE_ROW_GAP = 40.0
#: A lone number of the grid's height is one of its days when it lies within the lined numbers' box grown by
#: this many line heights (a calendar photographed askew lines up only some columns; its next column sits about a
#: cell's width, a few line heights, away). A door plate across the room is far further.
NUMBER_GRID_REACH = 4.5


def number_grid(regions: Sequence[TextRegion], lone: Sequence[bool], hidden: Sequence[bool]) -> set[int]:
    """The lone numbers (``lone``: a line that is one short number and nothing else) that are a calendar's
    days or a hymn board's numbers: at least ``NUMBER_GRID_MIN`` in the image, with no ``hidden`` line (a
    name, a date of birth) on their row (a table's room numbers beside its residents' names are not), lined
    up as a 2-D grid (some pair on a row, :func:`same_row`, AND some pair in a column: overlapping across, of
    like height: a month) or as one column of at least ``NUMBER_GRID_MIN`` (a hymn board). A single row is never
    enough: a terrace's doors or a corridor's room doors stand in a row. Then every lone number of their
    height within the lined numbers' box grown by ``NUMBER_GRID_REACH`` line heights is one too (a calendar
    photographed askew lines up only some); a door plate elsewhere in the image is not."""
    idx = [i for i, x in enumerate(lone) if x]
    if len(idx) < NUMBER_GRID_MIN:
        return set()

    def like(a: TextRegion, b: TextRegion) -> bool:
        return max(a.line_height, b.line_height) <= ROW_HEIGHT_RATIO * min(a.line_height, b.line_height)

    def column(a: TextRegion, b: TextRegion) -> bool:
        overlap = min(a.box.x1, b.box.x1) - max(a.box.x0, b.box.x0)
        return like(a, b) and overlap > 0.3 * min(a.box.width, b.box.width)

    in_a_row = [k for k, h in enumerate(hidden) if h]
    free = [i for i in idx if not any(same_row(regions[i], regions[k], gap=TABLE_ROW_GAP) for k in in_a_row)]
    rows = {i: [j for j in free if j != i and same_row(regions[i], regions[j], gap=6.0)] for i in free}
    cols = {i: [j for j in free if j != i and column(regions[i], regions[j])] for i in free}
    grid = any(rows[i] for i in free) and any(cols[i] for i in free)
    board = [i for i in free if len(cols[i]) >= NUMBER_GRID_MIN - 1]
    if grid:
        lined = [i for i in free if rows[i] or cols[i]]
    elif board:
        lined = sorted({j for i in board for j in (i, *cols[i])})
    else:
        return set()
    if len(lined) < 3:
        return set()
    tall = max(regions[i].line_height for i in lined)
    reach = NUMBER_GRID_REACH * tall
    x0 = min(regions[i].box.x0 for i in lined) - reach
    x1 = max(regions[i].box.x1 for i in lined) + reach
    y0 = min(regions[i].box.y0 for i in lined) - reach
    y1 = max(regions[i].box.y1 for i in lined) + reach

    def inside(r: TextRegion) -> bool:
        return r.box.x0 >= x0 and r.box.x1 <= x1 and r.box.y0 >= y0 and r.box.y1 <= y1

    out = set(lined)
    out |= {i for i in free if inside(regions[i]) and any(like(regions[i], regions[j]) for j in lined)}
    return out


def _lone_number(reading: _Reading, text: str) -> bool:
    """A legible line that is a number of one to three digits and nothing else, hidden as a house number."""
    return reading.legible and reading.label == "house_number" and re.fullmatch(r"\s*\d{1,3}\s*", text) is not None


def _name_in_a_sentence(reading: _Reading) -> bool:
    """The line's hidden words are a person's name inside a longer line (a notice's sentence, a menu's row)."""
    m = reading.verdict.match
    return m is not None and m.label == "person_name" and m.part_of_line


def _hidden_name(reading: _Reading) -> bool:
    """The line is hidden as a person's name, all of it (``Jocelyn`` beside ``Will`` on a row of pegs)."""
    m = reading.verdict.match
    return reading.legible and m is not None and m.label == "person_name" and not m.part_of_line


#: On a row of labels, a season, month or day is an activity board's, never a peg's name (``Summer``, ``May``).
_SEASONS = CALENDAR_WORDS | frozenset("spring summer autumn winter".split())


def _label_name(reading: _Reading, text: str) -> bool:
    """A label that could be a person's name (a listed given name, or words that are no English words),
    not a season, month or day."""
    return reading.verdict.features.could_be_name and not any(w in _SEASONS for w in split_line(text).words)


def _unusual_name(text: str) -> bool:
    """A label's name that no one would print for another reason: no everyday word (``Mbali``, ``Frank``
    is everyday; ``Rose`` too)."""
    words = split_line(text).words
    lists = load_name_lists()
    return bool(words) and all(w not in lists.everyday for w in words)


# --------------------------------------------------------------------------- stage


@dataclass(frozen=True)
class _Reading:
    """One region's verdict (see :func:`mediascrub.textrules.classify_line`) and whether it is legible."""

    verdict: LineVerdict
    legible: bool
    why_not: str

    @property
    def label(self) -> str:
        return self.verdict.label

    @property
    def hidden_reason(self) -> str | None:
        if not self.legible or self.verdict.match is None:
            return None
        return self.verdict.match.reason

    @property
    def looks_sensitive(self) -> bool:
        return self.verdict.match is not None or self.verdict.features.worth_a_look

    @property
    def open(self) -> bool:
        """Legible, not hidden by its own rule and not on the keep list: a line that may still go with others."""
        return self.legible and self.hidden_reason is None and not self.verdict.kept

    def matched(self, label: str, why: str) -> _Reading:
        """This line, legible, matched as ``label`` (a rule's label and category alike) because of the lines around it."""
        return _Reading(replace(self.verdict, match=Match(label, label, why), extra=()), True, "")


def known_names(policy: TextPolicy, gallery: Any = None) -> list[tuple[str, str]]:
    """(name, source) for every name to hide: the settings' ``names`` and the consent gallery's people."""
    out = [(n, "the names list in settings") for n in policy.names if n.strip()]
    people: Sequence[Any] = ()
    if gallery is not None:
        people = getattr(gallery, "people", ())
        if callable(people):
            people = people()
    out.extend((p.name, "the consent gallery") for p in people)
    return out


def rule_context(
    policy: TextPolicy, names: Sequence[tuple[str, str]] = (), name_sources: frozenset[str] | None = None,
) -> RuleContext:
    """What the text rules know beyond a line under ``policy``: ``names`` (see :func:`known_names`), the
    agency's sensitive terms and keep list, and the name sources (``name_sources``, default all; the
    general lists only when ``policy.name_lists``). For the picture's text and for file names alike."""
    sources = frozenset(name_sources if name_sources is not None else ALL_NAME_SOURCES)
    if not policy.name_lists:
        sources -= {NameSource.LISTS}
    return RuleContext(
        known_names=tuple(names), sensitive_terms=tuple(policy.sensitive_terms), name_sources=sources, keep=tuple(policy.keep)
    )


def decide(reading: _Reading, region: TextRegion, policy: TextPolicy) -> tuple[Action, str]:
    """The action for one text region on its own and why (never quoting the text)."""
    if not reading.legible:
        if reading.why_not.startswith(FAINT_TEXT) and "person_name" in policy.hide:
            return Action.REDACTED, reading.why_not + ": it may be a name"
        return Action.KEPT, f"not legible text ({reading.why_not})"
    reason = reading.hidden_reason
    if reason is not None:
        return Action.REDACTED, reason
    if reading.verdict.kept and not policy.redact_all:
        return Action.KEPT, reading.verdict.reason
    if policy.redact_all:
        return Action.REDACTED, "all text is hidden (redact_all)"
    if region.confidence < policy.min_confidence and reading.looks_sensitive:
        why = f"uncertain reading (score {region.confidence:.2f}) of text that may be a number, name or address"
        return (Action.REVIEW, why) if policy.review_uncertain else (Action.REDACTED, why)
    return Action.KEPT, reading.verdict.reason


def _names_outside_part(text: str, match: Match | None, parts: Sequence[Match] = ()) -> bool:
    """``match`` hides only some words of ``text`` and the words before or after them, in the same clause (up to a
    dash between spaces), list others' names (:func:`mediascrub.textrules.features.lists_names`) that the line's
    other ``parts`` do not hide already. A diary's row ``Biff, Chip and Kipper - read 2 pages | G. Adeyemi``: the
    book's names are another clause, not a signature; ``Judged by | Zeynep Kowalczyk | from the bakery on | Market
    Street``: the judge's name is a part of its own."""
    if match is None or not match.part_of_line:
        return False
    t = nfkc(text)
    words = list(TOKEN.finditer(t))
    n = len(words)
    spans = [(m.start or 0, n if m.end is None else m.end) for m in (match, *parts)]
    if any(not 0 <= a < b <= n for a, b in spans):
        return False
    start, end = spans[0]
    line = split_line(t)
    if len(line.orig) != n:
        before, after = t[: words[start].start()], t[words[end - 1].end() :]
        before, after = _CLAUSE_BREAK.split(before)[-1], _CLAUSE_BREAK.split(after)[0]
        return lists_names(split_line(before + " . " + after))

    def breaks(k: int) -> bool:  # a clause break between words k - 1 and k
        return _CLAUSE_BREAK.search(t[words[k - 1].end() : words[k].start()]) is not None

    lo = max((k for k in range(1, start + 1) if breaks(k)), default=0)
    hi = min((k for k in range(end, n) if breaks(k)), default=n)
    covered = {k for a, b in spans for k in range(a, b)}
    return lists_names(line, hidden=covered, within=(lo, hi)) and any(k not in covered for k in range(lo, hi))


#: A dash between spaces: the break between two clauses of a line (``Stick Man - loved it``).
_CLAUSE_BREAK = re.compile(r"\s[-\u2013\u2014]\s")


def repeats_hidden_text(text: str, hidden: Sequence[str]) -> bool:
    """Whether ``text`` (6+ letters: shorter words like SALE or LEVEL repeat on
    any poster) repeats, give or take OCR errors, part of a line already hidden:
    the same street name seen twice, or a sign read once whole and once in pieces."""
    t = squash(text)
    if len(t) < 6:
        return False
    return any(len(h) >= len(t) - 1 and substring_distance(t, h) <= allowed_edits(len(t)) for h in hidden)


def text_findings(
    regions: Sequence[TextRegion],
    policy: TextPolicy,
    frame: int = 0,
    *,
    names: Sequence[tuple[str, str]] = (),
    legible: Sequence[tuple[bool, str]] | None = None,
    name_sources: frozenset[str] | None = None,
) -> list[Finding]:
    """One TEXT finding per region, classified and decided under ``policy``, in the order of ``regions``; then
    one more for each further part of a line hidden in parts (:attr:`mediascrub.textrules.LineVerdict.parts`).

    ``names``: (name, source) pairs to hide (see :func:`known_names`).
    ``legible``: per region, whether it is legible text and why not (from
    :func:`is_legible`); None: every region is taken as legible.
    ``name_sources``: which :class:`mediascrub.textrules.NameSource` may make a name
    (default: all; the general lists only when ``policy.name_lists``).

    Each line is classified by the text rules (:func:`mediascrub.textrules.classify_line`;
    ``policy.keep`` lines match nothing). Then, in order: a line that could be a
    name right beside a name cue or a role line (``Happy 90th Birthday``, ``Room
    14``, ``Senior Carer``), under a table's column heading for people (``Name``,
    ``Visiting``: :func:`column_under`), under a board's title for people (``Our Staff``:
    :func:`board_under`), on a rota's row or under its shift (``Early`` | ``Xiu``:
    :func:`row_right_of`), or between a day or time and a time or plate on a register's row,
    is a name; an amount (``5 ml``) on a medicine's row (:func:`same_row`) or under a ``Dose``
    heading is a dose; a line read in pieces is classified whole
    (:func:`line_runs`); on a card (:func:`cards`) with a hidden line, the
    other identifying lines are hidden too; a house number much taller than the
    titled line under it takes that line (:func:`_plaque`); a line repeating
    hidden words elsewhere is hidden. Kept lines are never taken along.
    """
    ctx = rule_context(policy, names, name_sources)
    sources = ctx.name_sources
    hide = set(policy.hide)
    readings: list[_Reading] = []
    for i, region in enumerate(regions):
        ok, why = legible[i] if legible is not None else (True, "")
        readings.append(_Reading(classify_line(region.text, ctx, policy.hide), ok, why))
    # Many lone numbers lined up (a wall calendar's days, a hymn board, raffle tickets) are no house's number.
    lone = [_lone_number(r, region.text) for r, region in zip(readings, regions, strict=True)]
    for j in number_grid(regions, lone, [r.hidden_reason is not None and not n for r, n in zip(readings, lone, strict=True)]):
        note = "a number among many lined up (a calendar's days, a board)"
        readings[j] = _Reading(replace(readings[j].verdict, match=None, note=note, kept=True, extra=()), True, "")
    # A line that could be a name, right beside a name cue or (on a badge) a role, is a name.
    if "person_name" in hide and NameSource.CONTEXT in sources:
        cues = [r.legible and r.verdict.features.name_cue for r in readings]
        roles = [r.legible and r.verdict.features.role for r in readings]
        beside_cue, beside_role = same_sign(regions, cues, steps=((3.0, 1.0),)), same_sign(regions, roles, steps=((3.0, 1.0),))
        for j in beside_cue | beside_role:
            r, f = readings[j], readings[j].verdict.features
            if r.open and (f.could_be_name or (j in beside_role and f.could_be_badge_name)) and not f.role:
                why = "a name beside a role (Carer, Nurse)" if j in beside_role else "a name beside a name cue (Birthday, Room, Mr)"
                readings[j] = r.matched("person_name", why)
        # A column of a table headed "Name", "Visiting" or "Led by": its cells that could be names are.
        legible_now = [r.legible for r in readings]
        for h, r in enumerate(readings):
            head = r.verdict.features
            if r.legible and (head.column_heading or head.column_heading_last):
                for j in column_under(regions, h, legible_now, right_only=not head.column_heading):
                    c, f = readings[j], readings[j].verdict.features
                    if c.open and f.could_be_badge_name and not f.role and not f.column_heading:
                        why = "a name in a column headed Name, Visiting or Led by"
                        readings[j] = c.matched("person_name", why)
        # A board titled for people ("Our Staff", "Rota"): its lines under the title that could be names are.
        for h, r in enumerate(readings):
            if r.legible and r.verdict.features.board_heading:
                for j in board_under(regions, h, legible_now):
                    c, f = readings[j], readings[j].verdict.features
                    if c.open and f.could_be_name and not (f.role or f.board_heading or f.column_heading or f.shift_cell):
                        why = "a name on a board titled for people (Our Staff, Rota)"
                        readings[j] = c.matched("person_name", why)
        # A rota: the cells right of a shift on its row ("Early" | "Xiu" | "Grace"), or under a shift heading, that could be names are.
        shifts = [r.legible and r.verdict.features.shift_cell for r in readings]
        for i in (k for k, shift in enumerate(shifts) if shift):
            for j in row_right_of(regions, i, legible_now, shifts) + column_under(regions, i, legible_now):
                c, f = readings[j], readings[j].verdict.features
                if c.open and f.could_be_name and not (f.role or f.shift_cell or f.column_heading):
                    why = "a name beside or under a shift (a rota)"
                    readings[j] = c.matched("person_name", why)
        # A row of labels side by side each naming one person (coat pegs, lockers, a shelf of pill boxes):
        # three or more first names in a row, most of the row, one of them no everyday word, are names.
        for row in label_rows(regions, legible_now):
            labelled = [j for j in row if (readings[j].open and _label_name(readings[j], regions[j].text)) or _hidden_name(readings[j])]
            if len(labelled) >= 3 and 3 * len(labelled) >= 2 * len(row) and any(_unusual_name(regions[j].text) for j in labelled):
                for j in labelled:
                    if readings[j].open:
                        readings[j] = readings[j].matched("person_name", "a name in a row of name labels (coat pegs, lockers)")
        # A register's row read as cells: a day or time, then a cell that could be a name, then a time or a
        # plate ("13/12" | "Abena" | "10:30", "14:05" | "Abena Mensah" | "AB12 CDE"): the middle cell is a name.
        for i, r in enumerate(readings):
            if not (r.legible and r.verdict.features.when_cell):
                continue
            middle = cell_right_of(regions, i, legible_now)
            after = cell_right_of(regions, middle, legible_now) if middle is not None else None
            if middle is None or after is None or not (readings[after].verdict.features.when_cell or readings[after].label == "plate"):
                continue
            c, f = readings[middle], readings[middle].verdict.features
            if c.open and f.could_be_name and not (f.role or f.shift_cell or f.column_heading):
                why = "a name between a day or time and a time or plate (a register's row)"
                readings[middle] = c.matched("person_name", why)
    # An amount ("5 ml", "10 units") on a medicine's row or under a chart's Dose heading is a dose.
    if "health" in hide:
        medicine = [r.legible and r.label == "health" and r.hidden_reason is not None for r in readings]
        legible_now = [r.legible for r in readings]
        under_dose = {j for h, r in enumerate(readings) if r.legible and r.verdict.features.dose_heading
                      for j in column_under(regions, h, legible_now)}
        under_dose |= {j for h in range(len(regions)) if medicine[h] for j in board_under(regions, h, legible_now)}  # Fluid chart
        for j, r in enumerate(readings):
            if not (r.open and r.verdict.features.dose_amount):
                continue
            beside = any(medicine[i] and (same_row(regions[i], regions[j]) or _neighbours(regions[i], regions[j], 3.0, 1.0))
                         for i in range(len(regions)) if i != j)
            if beside or j in under_dose:
                why = "a dose beside a medicine (a chart)" if beside else "an amount under a chart's Dose heading or care title"
                readings[j] = r.matched("health", why)
        # A care form's value beside its label (Allergies | Sesame, Medical conditions | MRSA) is health.
        for i, region in enumerate(regions):
            if readings[i].legible and FORM_LABEL_ALONE.match(region.text):
                value = cell_right_of(regions, i, legible_now)
                if value is None or not readings[value].open or FORM_LABEL_ALONE.match(regions[value].text):
                    continue
                if classify_line(f"{region.text} {regions[value].text}", ctx, policy.hide).match is None:
                    # A menu's heading beside its options (Allergies | Vegan options available): both stay.
                    note = "a menu's allergy heading beside what it offers"
                    readings[i] = _Reading(replace(readings[i].verdict, match=None, note=note, extra=()), True, "")
                    continue
                f = readings[value].verdict.features
                if not (f.column_heading or f.dose_heading or f.board_heading):  # a table's heading row: Allergies | Diet
                    readings[value] = readings[value].matched("health", "a value beside a care form's label (Allergies, Medication)")
    decisions = [decide(r, region, policy) for r, region in zip(readings, regions, strict=True)]
    # A line read in pieces (a plate's two halves, a phone number's groups) is classified whole too.
    for run in line_runs(regions, [r.legible for r in readings]):
        verdict = classify_line(" ".join(regions[i].text for i in run), ctx, PIECE_CATEGORIES & hide)
        if verdict.match is None or any(readings[i].verdict.kept for i in run):
            continue
        if all(readings[i].label != verdict.label for i in run):  # not just one piece's own match
            for i in run:
                if decisions[i][0] is not Action.REDACTED:
                    readings[i] = _Reading(verdict, True, "")
                    decisions[i] = (Action.REDACTED, f"{verdict.reason} (a line read in pieces)")
    # A card (badge, door sign, ID or contact card, plaque; never a board, shop front or banner) with
    # a hidden line loses its other identifying lines: a number, a name; with an address, a house name.
    hidden_now = [a is Action.REDACTED and r.hidden_reason is not None for r, (a, _) in zip(readings, decisions, strict=True)]
    for card in cards(regions, [r.legible for r in readings]):
        # A card's line hidden for some of its words that lists others' names outside them (Love from Chase,
        # Holly, Miss Ogunbanjo) is hidden whole: a card's names all go.
        whole = [i for i in card
                 if hidden_now[i] and _names_outside_part(regions[i].text, readings[i].verdict.match, readings[i].verdict.parts)]
        for i in whole:
            decisions[i] = (Action.REDACTED, f"{decisions[i][1]} (the whole line: it names others too)")
        # A name hidden alone in a line is a sentence's or a menu's (Congratulations to | Merline and Sunny |
        # on their wedding): its group is a notice, not a card, so it takes no other identifying line along
        # (a line just hidden whole for the names it lists, a card's signatures, does). Any hidden line takes
        # along a line listing names (To Summer and Nyambura,) or naming someone with a number (Questions to
        # Hamid on extension 204). A line of running text goes only when it names someone itself (takes_along).
        seeds = [i for i in card if hidden_now[i] and (i in whole or not _name_in_a_sentence(readings[i]))]
        address = any(readings[i].label in ADDRESS_LABELS for i in seeds)
        named = any(hidden_now[i] for i in card)
        for j in card:
            f = readings[j].verdict.features
            if not named or decisions[j][0] is Action.REDACTED or readings[j].verdict.kept or not f.takes_along:
                continue
            line = split_line(regions[j].text)
            if (seeds and (f.identifying or (address and f.has_name_word))) or lists_names(line, side_by_side=False) or (
                f.identifying and names_someone(line)
            ):
                decisions[j] = (Action.REDACTED, "same card or sign as hidden text")
    # A house or building number much taller than the name right under or over it: the plaque names the building.
    numbers = [i for i, h in enumerate(hidden_now) if h and readings[i].label == "house_number"]
    for j, r in enumerate(readings):
        if r.open and decisions[j][0] is not Action.REDACTED and r.verdict.features.titled:
            if any(_plaque(regions[i], regions[j]) for i in numbers):
                decisions[j] = (Action.REDACTED, "same card or sign as hidden text")
    # A name after a cue on its line ("Bingo with Grace"), or first on it ("Hilda Boateng Vegetarian"), and each
    # part of a line the rules found apart ("Welcome to" | "Art Pugh" | ", who joins us from" | "17 Honey Lane"),
    # is hidden alone when the reader said where its letters are; if it did not for one part, the whole line is.
    parts: dict[int, list[tuple[np.ndarray, str, Match]]] = {}
    for i, (r, (action, reason)) in enumerate(zip(readings, decisions, strict=True)):
        if action is Action.REDACTED and r.verdict.parts and reason == r.hidden_reason:
            placed = [(*p, m) for m in r.verdict.parts if (p := _part(regions[i], m.start, m.end)) is not None]
            if len(placed) == len(r.verdict.parts):
                parts[i] = placed
    hidden = [squash(t) for i, (r, (a, _)) in enumerate(zip(regions, decisions, strict=True)) if a is Action.REDACTED
              for t in ([p[1] for p in parts[i]] if i in parts else [r.text])]
    # A business's name (Village Chemists; Parkway | Pharmacy read in pieces) kept on a bag or a shop front stays
    # when a hidden label elsewhere prints it too: it names the shop, not the person.
    business = {i for i, region in enumerate(regions) if is_business_name(split_line(region.text))}
    for run in line_runs(regions, [r.legible for r in readings]):
        if is_business_name(split_line(" ".join(regions[i].text for i in run))):
            business.update(run)
    for i, (region, (action, _)) in enumerate(zip(regions, decisions, strict=True)):
        if action is Action.KEPT and readings[i].open and i not in business and repeats_hidden_text(region.text, hidden):
            decisions[i] = (Action.REDACTED, "same words as hidden text elsewhere in the image")
    out: list[Finding] = []
    more: list[Finding] = []  # a line's second and later parts, after every line's first finding
    for i, (region, reading, (action, reason)) in enumerate(zip(regions, readings, decisions, strict=True)):
        label = "faint_text" if reason.startswith(FAINT_TEXT) else reading.label
        if i not in parts:
            out.append(_text_finding(region, region.polygon, region.box, label, action, reason, frame,
                                     region.text if policy.show_text else None,
                                     plain=action is Action.KEPT and reading.legible and is_plain(split_line(region.text))))
            continue
        gaps = _plain_between(region, [(m.start, m.end) for _, _, m in parts[i]])
        for k, (polygon, text, m) in enumerate(parts[i]):
            (out if k == 0 else more).append(_text_finding(region, polygon, _bounds(polygon, region.box), m.label, action, m.reason,
                                                           frame, text if policy.show_text else None, part=True,
                                                           beside=gaps if k == 0 else ()))
    return out + more


def _text_finding(region: TextRegion, polygon: np.ndarray, box: Box, label: str, action: Action, reason: str, frame: int,
                  text: str | None, part: bool = False, plain: bool = False, beside: Sequence[np.ndarray] = ()) -> Finding:
    """A TEXT finding for ``region``, or for its words in ``polygon`` (``part``); ``text``: what it reads (``show_text``).
    ``plain``: a kept line with nothing in it that could be someone's (:func:`is_plain`): a hidden
    neighbour's fill gives way to its words (:func:`mediascrub.stages.redact.redact_drawn`). ``beside``: on a line
    hidden in parts, the quadrilaterals of the plain words left between them (:func:`_plain_between`), which the
    parts' fills give way to in the same way."""
    detail: dict[str, Any] = {"polygon": [[round(float(x), 1), round(float(y), 1)] for x, y in polygon]}
    if part:
        detail["part_of_line"] = True
    if plain:
        detail["plain_words"] = True
    if beside:
        detail["plain_beside"] = [[[round(float(x), 1), round(float(y), 1)] for x, y in q] for q in beside]
    if text is not None:
        detail["text"] = text
    return Finding(kind=Kind.TEXT, label=label, action=action, reason=reason, box=box, score=region.confidence, frame=frame,
                   detail=detail)


#: Words that say nothing about anyone, written in lower case beside a line's hidden part (``Dr Cheung`` | ``is``,
#: ``ring Pearl`` | ``on``, ``Speak`` | ``to``): a part's fill gives way to them.
CONNECTING_WORDS = frozenset(
    "a an the to of in on at by for from with and or but is are was were be been has have had it its this that as into "
    "onto about after before over under up out off so not no nor via than then".split()
)


def _plain_between(region: TextRegion, spans: Sequence[tuple[int | None, int | None]]) -> list[np.ndarray]:
    """The quadrilaterals (:func:`_part`) of the runs of :data:`CONNECTING_WORDS` right beside a line's hidden parts
    (``spans``: their words, start and end), written in lower case: a part's fill gives way to them. Only those:
    the other words left beside a name may be its note that no rule found (``G. Yusuf`` | ``oxygen``, ``Cllr
    Nowakowska`` | ``walking frame``), which the fill's edge still covers as before."""
    words = [m.group(0) for m in TOKEN.finditer(nfkc(region.text))]
    n = len(words)
    covered = {k for a, b in spans for k in range(a or 0, n if b is None else b)}

    def connecting(k: int) -> bool:
        return k not in covered and words[k] in CONNECTING_WORDS

    runs: set[tuple[int, int]] = set()
    for a, b in spans:
        start, end = a or 0, n if b is None else b
        j = start
        while j > 0 and connecting(j - 1):
            j -= 1
        if j < start:
            runs.add((j, start))
        j = end
        while j < n and connecting(j):
            j += 1
        if j > end:
            runs.add((end, j))
    return [placed[0] for a, b in sorted(runs) if (placed := _part(region, a, b)) is not None]


def _part(region: TextRegion, start: int | None, end: int | None) -> tuple[np.ndarray, str] | None:
    """The words ``start`` to ``end`` of ``region`` (of :func:`mediascrub.textrules.split_line`'s
    words; None: from the start, to the end): their quadrilateral, widened by half a character on a
    cut side (the reader's character columns are a column or so apart; the fill's margin adds more),
    and their text; None when the reader gave no character positions or they do not fit."""
    text = region.text
    if not region.char_spans or len(nfkc(text)) != len(text):
        return None
    words = list(TOKEN.finditer(nfkc(text)))
    first = 0 if start is None else start
    last = len(words) if end is None else end
    if not 0 <= first < last <= len(words) or (first == 0 and last == len(words)):
        return None
    spans = region.char_spans
    char = (spans[-1][1] - spans[0][0]) / len(spans)
    a, b = words[first].start(), words[last - 1].end()
    k0, k1 = sum(not c.isspace() for c in text[:a]), sum(not c.isspace() for c in text[:b]) - 1
    if k1 >= len(spans) or k0 > k1:
        return None
    t0 = max(0.0, spans[k0][0] - 0.5 * char) if first > 0 else 0.0
    t1 = min(1.0, spans[k1][1] + 0.5 * char) if last < len(words) else 1.0
    q = region.polygon.astype(np.float32)
    top0, top1 = q[0] + t0 * (q[1] - q[0]), q[0] + t1 * (q[1] - q[0])
    bottom0, bottom1 = q[3] + t0 * (q[2] - q[3]), q[3] + t1 * (q[2] - q[3])
    return np.array([top0, top1, bottom1, bottom0], np.float32), text[a if first > 0 else 0 : b if last < len(words) else len(text)]


def _bounds(quad: np.ndarray, within: Box) -> Box:
    return Box(
        max(within.x0, float(quad[:, 0].min())), max(within.y0, float(quad[:, 1].min())),
        min(within.x1, float(quad[:, 0].max())), min(within.y1, float(quad[:, 1].max())),
    )


def check_legible(rgb: np.ndarray, regions: Sequence[TextRegion], policy: TextPolicy) -> list[tuple[bool, str]]:
    """:func:`is_legible` for each region, with a second reading where one is needed."""
    return [
        is_legible(r, policy.min_legible, reread(rgb, r) if needs_reread(r, policy.min_legible) else None) for r in regions
    ]


def text_stage(frame: np.ndarray, findings: list[Finding], ctx: StageContext) -> list[Finding]:
    """The pipeline stage: read ``frame``'s text and append a finding per line."""
    policy = ctx.policy.text
    if not policy.enabled:
        return list(findings)
    regions = read_text(frame, detect_side=policy.detect_side, second_look=policy.second_look)
    legible = check_legible(frame, regions, policy)
    names = known_names(policy, ctx.gallery)
    return list(findings) + text_findings(regions, policy, frame=ctx.frame_index, names=names, legible=legible)


def reread_drawn(preview: np.ndarray, findings: list[Finding], ctx: StageContext) -> list[Finding]:
    """Text the picture ``preview`` (``findings`` drawn on it, encoded as published)
    would still have hidden: a REDACTED finding, reason "... (second reading)",
    ``detail["second_look"]``, for each region the text stage now hides or is
    unsure of (unsure is hidden: no person is needed to hide more) that does not
    lie mostly inside text already hidden."""
    policy = ctx.policy.text
    if not (policy.enabled and policy.reread):
        return []
    hidden = [f.box for f in findings if f.kind is Kind.TEXT and f.action in (Action.REDACTED, Action.REVIEW) and f.box is not None]
    out = []
    for f in text_stage(preview, [], ctx):
        if f.kind is not Kind.TEXT or f.action not in (Action.REDACTED, Action.REVIEW) or f.box is None:
            continue
        if any(f.box.share_inside(h) > 0.5 for h in hidden):
            continue
        out.append(replace(f, action=Action.REDACTED, reason=f"{f.reason} (second reading)", detail={**f.detail, "second_look": True}))
    return out


__all__ = [
    "reread_drawn",
    "TextRegion",
    "OcrEngine",
    "ocr_engine",
    "read_text",
    "same_sign",
    "decide",
    "text_findings",
    "rule_context",
    "check_legible",
    "is_legible",
    "known_names",
    "reread",
    "FAINT_TEXT",
    "text_stage",
    "MODEL_FILES",
]
