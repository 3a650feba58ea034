"""One frozen, validated settings object.

Settings come, in increasing priority, from the built-in defaults, a
``mediascrub.toml`` policy file and command-line flags. ``load_policy``
records where each effective value came from so ``mediascrub policy show``
can explain it. Unknown keys are errors that name the key: a typo in a
safety setting must never be silently ignored.
"""

from __future__ import annotations

import dataclasses
import enum
import os
import tomllib
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, get_type_hints

from . import textrules
from .errors import ConfigError

POLICY_ENV = "MEDIASCRUB_POLICY"
POLICY_FILENAME = "mediascrub.toml"


class FaceMode(str, enum.Enum):
    """How a face is anonymised. All three destroy identity at their default strength."""

    PIXELATE = "pixelate"  # noise-filled, then a coarse mosaic: looks like a mosaic, keeps no structure
    BLUR = "blur"  # a very strong blur over a noised region
    FILL = "fill"  # a solid fill


class NameMode(str, enum.Enum):
    """What name an output is published under (``--names``; see stages/filename.py)."""

    KEEP = "keep"  # the input's name (extension as the format needs)
    NEUTRAL = "neutral"  # every output: photo-<date>-<content hash>.jpg
    AUTO = "auto"  # a neutral name only when the input's name gives something away (a person's name, an address...)


class MaskShape(str, enum.Enum):
    ROUNDED = "rounded"  # a rectangle with rounded corners (a superellipse): covers 93% of its box
    ELLIPSE = "ellipse"  # covers 79% of its box
    RECT = "rect"


@dataclass(frozen=True)
class FacePolicy:
    """Face detection and anonymisation. Defaults are chosen for recall.

    ``threshold``: CenterFace score at or above which a box is surely a face.
    ``review_band``: a detection scoring in [threshold - review_band, threshold)
    is a maybe-face. It is hidden like any face (so everything scoring at least
    ``max(threshold - review_band, 0.001)`` is anonymised), without review:
    hiding a maybe-face is only wrong if it is someone who consented. So with
    ``review_uncertain``, a maybe-face of at least ``review_min_size`` px sends
    the file to quarantine for a person only when a consent gallery is in use
    and the face matches a person whose consent covers the purpose
    (stages/consent.py).
    ``mask_scale``: the detector box is enlarged by this factor before the mask
    is drawn in it (boxes under 24 px at least 1.1x: stages/redact.py,
    SMALL_MASK_SCALE). Larger hides more hair, jaw and background. CenterFace's
    box runs from the forehead to the chin and cheek to cheek, as the WIDER
    annotators drew faces (median offsets under 2% of the size), so 1.0 hides
    the face itself; hair and ears stay visible (at 1.2x, mostly, too).
    ``mask_shape``: ``ellipse`` (the default) covers 79% of its box and needs
    about 1.42x to cover the detector box's corners; ``rounded`` (a rectangle
    with rounded corners, a superellipse |x|^4 + |y|^4 <= 1) covers 93%,
    leaving only the very corners; ``rect`` all of it. Measured on the even half
    of the WIDER sample (with the noise floor of stages/redact.py): 1.2x ellipse
    0.985 (330/335) at 3.4% of non-face pixels changed; rounded at 1.0x (1.1x
    under 24 px) 0.985 at 2.8%; rounded at 1.0x everywhere 0.982 at 2.5%; 1.05x
    0.985 at 2.9%. But on the odd half (bench_faces --subset test) rounded at
    1.0x protected 0.952 (296/311) at 3.65%, the 1.2x ellipse 0.968 (301/311)
    at 4.41%: the tight mask loses small faces (20-40 px: 206 against 211 of
    217). Recall first: the ellipse stays the default.
    ``large_face_size``: from this size up (the detector box's longer side, px)
    a face in a photo gets the rounded mask the size of its box times
    ``large_mask_scale`` (1.0) instead: the detector boxes a face this large
    closely, so the ellipse's margin (1.2x) mostly hides the background and
    shoulders around it, while for small faces, whose boxes are a pixel or two
    off, the margin is what hides them. 0 turns it off. Chosen on the even
    (tuning) half of the WIDER sample (bench_faces --subset dev --no-deface):
    the same 331 of 335 faces protected at 3.05% of non-face pixels changed
    instead of 3.60% (from 32 px: 2.98%; 48 px: 3.11%; 64 px: 3.19%; 1.05x from
    40 px: 3.25%). Clips keep the ellipse: a tracked box carried between
    detections lags a moving face.
    ``min_size``: detections smaller than this (longer side, px) are ignored:
    too small to recognise anyone, and most are texture, not faces.
    ``mode``: how the face is destroyed (see FaceMode); all three pass the
    identity test.
    ``check_threshold``: in a photo that carries mediascrub's own patches (one
    it has scrubbed), ``check`` counts a face as missed only from this score.
    Anonymising faces moves the detector's scores of what is around them (and a
    JPEG re-encode moves them a little everywhere): on the WIDER sample boxes
    that scored under 0.10 on the original scored up to about 0.3 on the scrubbed
    copy, so a check at ``threshold`` would call nearly every cleaned crowd
    photo NOT SAFE for boxes scrub judged, on the original, not to be faces. In a
    photo without mediascrub's patches, ``check`` counts what scrub would hide.
    Lower catches fainter faces pasted into a cleaned photo and (with
    ``second_look``) hides a little more when scrubbing. Set on the even half
    of the WIDER sample: with 0.3, 57 of 57 scrubbed copies check SAFE and 47 of
    51 with their largest face pasted back NOT SAFE, at 3.45% over-redaction;
    0.25 the same counts at 3.54%; 0.2 catches one more pasted face at 3.73%, which the
    odd half (4.75% at 0.3) cannot afford under a 5% bound.
    ``second_look``: after everything is decided, draw it in memory, encode it
    as the output will be encoded, run the detector again around what was drawn
    and also hide what ``check`` would count there (``check_threshold`` less
    SECOND_LOOK_MARGIN near patches), so ``check`` on the output finds nothing
    it counts (see stages/second_look.py). Costs a second CenterFace run on small photos
    (the WIDER odd half: 59 s instead of 29 s on one core) and little on big ones.
    ``second_detector``: where ``check`` does not count CenterFace's faint boxes
    (a photo with mediascrub's patches), it asks a detector of another family,
    dlib's HOG, which does not fire on those patches; a face HOG finds there is
    counted (a real face pasted into a patch, which the mosaic around it
    leaves CenterFace unsure of), and the second look hides what HOG finds
    (from its line) so that scrub's own output still checks SAFE. On the
    WIDER sample it caught 1 more of 102 pasted faces (97 in all), hid 2 more
    boxes in 2 of 114 photos (a tie, letters of a sign; over-redaction 4.75%
    to 4.77% on the odd half, 3.45% unchanged on the even) and costs about
    0.15 s a look (stages/check.py: HOG_*).

    ``second_opinion``: a detection under ``confident`` is hidden only when
    something else says a person is there (stages/face_evidence.py); off,
    everything from ``threshold - review_band`` is hidden as before.
    ``confident``: from this score a detection is a face whatever else the
    photo shows, and it shows that people are in the photo. None of the 96
    face-free photos of benchmarks/face_free.py has a box scoring 0.40; 109 of
    the 114 WIDER photos have one of 0.5 or more.
    ``context_scale``: in a photo with people, a weaker detection is hidden
    when its size is within this factor of a confident face's (a crowd's faint
    faces); larger hides more of them and more texture at other scales.
    ``alone_threshold`` and ``skin_share``: in a photo with no confident face,
    a detection is hidden from this score, when at least this share of the
    middle of its box has a skin colour (a photo with no colour: from the
    score alone). Lower finds a faint lone face more often and pixelates more
    bricks, leaves and lettering.
    ``edge_pad`` and ``edge_pad_fill``: a photo's own detector passes (not a
    clip's, not the second look's crops) are run with a band of this share of
    the scaled picture's longer side added around it (0: none), filled with the
    picture reflected at its left and right edges (``mirror-sides``; also
    ``mirror-ends`` at the top and bottom, ``reflect`` on all four sides,
    ``replicate``, ``grey``), so that a face the edge cuts is seen with something
    beyond it. Off: on the even half of the WIDER sample no fill protected more
    faces (331/335 at best, as without it), and neither of its two misses at the
    edge scores above 0.02 with any; reflecting all round protected 84 of 92 faces
    cut at an edge (benchmarks/bench_edge_faces.py) against 80, but 330/335 at
    3.53% against 331 at 3.47%; ``mirror-ends`` 85 of 92 and 331/335, but at
    3.55% and with patches on 2 of 50 face-free photos against 1; ``mirror-sides``
    on 3 of 50 (README, Faces).

    Measured with benchmarks/bench_faces.py on the WIDER val sample (114 crowd
    photos, faces of at least 20 px), tuned only on the even-numbered half
    (``--subset dev``): the defaults (everything from score 0.10 hidden, 1.2x
    ellipse, mirrored and stretched passes for small photos) protect 0.965 of
    the odd half's faces (never tuned on) at 4.8% of non-face pixels changed,
    0.985 of the even half's at 3.5% (second look included; without it 4.7% and 3.4%); deface's defaults in the same run, 0.807
    at 4.2% and 0.919 at 3.8%. On the even half, with cached detections of nearly
    the same passes (stretch 3x by 1.5x): a 1.3x ellipse 0.985 at 4.1%, 1.4x 0.988 at 5.2%; hiding
    from 0.15 instead of 0.10: 0.985 at 3.9% (1.4x); the plain 2x + 1x passes
    alone: 0.979 at 4.4% (1.4x). Before (1.4x, no extra passes): 0.979 even,
    0.932 odd. No photo goes to review because of faces without a consent
    gallery (the old rule held 13 of 114, for faces hidden anyway).
    """

    enabled: bool = True
    threshold: float = 0.12
    review_band: float = 0.02
    review_uncertain: bool = True
    review_min_size: int = 40
    mask_scale: float = 1.2
    mask_shape: MaskShape = MaskShape.ELLIPSE
    large_face_size: int = 40
    large_mask_scale: float = 1.0
    min_size: int = 8
    mode: FaceMode = FaceMode.PIXELATE
    check_threshold: float = 0.3
    second_look: bool = True
    second_detector: bool = True
    second_opinion: bool = True
    confident: float = 0.5
    context_scale: float = 3.0
    alone_threshold: float = 0.35
    skin_share: float = 0.3
    edge_pad: float = 0.0
    edge_pad_fill: str = "mirror-sides"


@dataclass(frozen=True)
class ConsentPolicy:
    """Matching faces to the consent gallery (see ``stages/consent.py`` for the rule).

    ``gallery``: the gallery file (``--gallery``); empty means
    ``$MEDIASCRUB_GALLERY``, else the per-user default.
    ``purpose``: what the photos are for (``--purpose``); a face stays visible
    only if the person's consent lists it.
    ``tolerance``: the largest encoding distance at which a face can be a
    match. Lower is stricter: fewer consented people recognised (they are
    blurred: an inconvenience), fewer strangers wrongly left visible (the
    worst failure). face_recognition's usual 0.6 is too loose for this.
    Measured (benchmarks/bench_consent.py, 5 people enrolled from 1-2 photos,
    16 consented and 17 other faces): consented faces lay 0.33-0.52 from their
    own person, every other face at least 0.63 from everyone; 0.45 kept 14/16
    consented faces, 0.50 kept 15/16, 0.55 and 0.60 all 16, with no stranger
    visible at any of them. 0.50 is the strictest setting that met the 0.9
    target. The encoder is known to confuse children (and to be weaker on
    some groups under-represented in its training data): for galleries of
    children consider 0.4 and more photos per child.
    ``margin``: the nearest person must be at least this much nearer than the
    second-nearest, else the face is ``ambiguous``. Higher is stricter; look-alike
    enrolled people (siblings) then both get blurred. On the benchmark every
    genuine match had a margin above 0.25, so 0.1 costs nothing there.
    ``min_face_size``: faces whose box (longer side, px) is smaller are never
    matched (``too-small``). Shrinking the test faces to 30 px moved genuine
    distances from a median 0.40 (at 80 px) to 0.50, while at 45 px they stayed
    at 0.43; smaller faces lose consented people first, strangers stayed 0.69
    or more away at every size.
    ``min_sharpness``: faces less sharp than this are never matched
    (``too-blurred``). Sharpness is the variance of the Laplacian of the grey
    face crop (96 x 96) over its variance. The 24 sharp faces of the identity
    photos scored 0.06 to 0.61; blurred with a sigma of 1% of the face size
    they scored at most 0.056, at 2% at most 0.017 (and genuine distances had
    grown from a median 0.38 to 0.51, so they would rarely match anyway).
    Higher rejects more soft but usable photos.
    ``min_score``: faces the detector scored below this are never matched
    (``uncertain-face``): a faint detection is often a partial, turned or
    occluded face whose encoding is unreliable. Every consented face in the
    benchmark scored 0.87 or more. Higher blurs more consented people.
    """

    gallery: str = ""
    purpose: str = "social-media"
    tolerance: float = 0.5
    margin: float = 0.1
    min_face_size: int = 40
    min_sharpness: float = 0.02
    min_score: float = 0.5


#: What ``[text] hide`` may name: the categories of the text rules (``mediascrub.textrules``:
#: ``address`` for house numbers, streets, postcodes and house names, then one per kind of text).
TEXT_CATEGORIES = textrules.CATEGORIES


@dataclass(frozen=True)
class TextPolicy:
    """Reading text in the picture and hiding what identifies someone or their care.

    ``redact_all``: hide every text region, not just sensitive ones.
    ``sensitive_terms``: the agency's own home names, addresses and other
    words to hide wherever they are read (fuzzy matched).
    ``min_confidence``: OCR results below this are uncertain. An uncertain
    result that is hidden anyway is just hidden; with ``review_uncertain`` an
    uncertain, legible result that matched nothing yet may be a number or name
    sends the file to quarantine (without it, such a result is hidden).
    ``margin``: the fill grows by this fraction of the line height on every side.
    ``detect_side``: the longer side (px) the image is scaled to for text
    detection. Larger finds smaller text; time grows with its square.
    ``second_look``: look again, enlarged, where the detector half saw text
    (small house numbers); costs a few small detections per image.
    ``hide``: the categories of text to hide (see ``TEXT_CATEGORIES``; all by
    default). ``sensitive_terms`` are hidden whatever this says.
    ``names``: the agency's client and staff names, hidden wherever they are
    read (fuzzy matched); the consent gallery's names are added to them.
    ``name_lists``: also treat given names from the shipped general lists as
    names (a line that is only a name: a given name that is no everyday
    word, or a given name and a surname).
    ``keep``: the agency's own signs that never identify anyone (``"Dining
    Room"``, ``"Grace's Bakery"``): a line that reads as one of them (give or
    take an OCR error) is never hidden, nor taken along with a card or sign.
    ``sensitive_terms`` and ``names`` still win over it.
    ``min_legible``: a reading scoring below this is hidden only when a second,
    enlarged reading agrees with it (texture read as ``0`` or ``ll`` does not
    survive that); lower trusts more faint readings.
    ``reread``: once faces and text are drawn (in memory, through JPEG at the
    output quality, as ``check`` will see the file), read the picture again
    and also hide what that reading would hide. Borderline readings change
    with the re-encode (a faint "as0" read as "110"); without it ``check`` on
    the output would find text scrub left. Costs a second text pass.
    """

    enabled: bool = True
    redact_all: bool = False
    show_text: bool = False
    sensitive_terms: tuple[str, ...] = ()
    min_confidence: float = 0.5
    review_uncertain: bool = True
    margin: float = 0.15
    detect_side: int = 1024
    second_look: bool = True
    reread: bool = True
    hide: tuple[str, ...] = TEXT_CATEGORIES
    names: tuple[str, ...] = ()
    name_lists: bool = True
    keep: tuple[str, ...] = ()
    min_legible: float = 0.6


@dataclass(frozen=True)
class OutputPolicy:
    """Encoding and input limits.

    ``jpeg_quality``: quality for JPEGs whose pixels must change (95 keeps
    them visually the same; Pillow's default 75 does not).
    ``max_pixels``: images with more pixels are refused (decompression-bomb
    guard).
    ``names``: ``auto`` publishes under a neutral name (``photo-<date>-<hash>``)
    when the file name reads like a person's name, an address or another
    category of text hidden in pictures; ``neutral`` does it for every file;
    ``keep`` never does. The report maps each input to its output.
    """

    jpeg_quality: int = 95
    max_pixels: int = 120_000_000
    max_file_bytes: int = 512 * 1024 * 1024
    names: NameMode = NameMode.AUTO


@dataclass(frozen=True)
class WatchPolicy:
    """The shared-drive watcher."""

    settle_seconds: float = 2.0
    poll_interval: float = 1.0
    keep_originals: bool = False


def redact_url(value: str) -> str:
    """A gallery location fit to show: a database URL's password (in the URL or as ``?password=``) becomes ``***``.

    ``postgresql://care:s3cret@db.example/consent`` -> ``postgresql://care:***@db.example/consent``.
    Anything that is not a URL (a file path) is returned as it is.
    """
    import re
    import urllib.parse

    if "://" not in value:
        return value
    try:
        parts = urllib.parse.urlsplit(value)
    except ValueError:
        return re.sub(r"//[^@/]*@", "//***@", value)
    netloc = parts.netloc
    if "@" in netloc:
        userinfo, _, hosts = netloc.rpartition("@")
        if ":" in userinfo:
            userinfo = userinfo.split(":", 1)[0] + ":***"
        netloc = f"{userinfo}@{hosts}"
    query = re.sub(r"(?i)(^|&)(password)=[^&]*", r"\1\2=***", parts.query)
    return urllib.parse.urlunsplit((parts.scheme, netloc, parts.path, query, parts.fragment))


@dataclass(frozen=True)
class VideoPolicy:
    """Video clips (MP4, MOV, M4V, 3GP).

    ``keep_audio``: keep one audio track, decoded and encoded afresh as AAC (nothing copied). Off by default:
    speech in a clip often says names and places, which mediascrub cannot hide.

    ``detector``: the face detector's model on clips: ``"int8"`` (CenterFace quantised to 8 bits,
    run by OpenVINO: about a third of the float model's CPU time under onnxruntime, 0.743 instead
    of 0.752 of the faces one full-resolution pass finds on the evaluation clips; tracking carries
    the difference) or ``"float"`` (the photos' model, under OpenVINO when installed, else onnxruntime).

    ``full_every``: the detector's full pass (every scale, the whole frame) runs on every this many
    frames (and at scene cuts); the frames between get a low-resolution pass of the whole frame and
    full-resolution passes only where faces can be (around tracks, the frame's edges, motion).
    1: the full pass on every frame (slowest, most thorough).
    """

    keep_audio: bool = False
    detector: str = "int8"
    full_every: int = 8


@dataclass(frozen=True)
class Policy:
    faces: FacePolicy = field(default_factory=FacePolicy)
    consent: ConsentPolicy = field(default_factory=ConsentPolicy)
    text: TextPolicy = field(default_factory=TextPolicy)
    output: OutputPolicy = field(default_factory=OutputPolicy)
    watch: WatchPolicy = field(default_factory=WatchPolicy)
    video: VideoPolicy = field(default_factory=VideoPolicy)

    def __post_init__(self) -> None:
        validate(self)

    def to_dict(self) -> dict[str, dict[str, Any]]:
        out: dict[str, dict[str, Any]] = {}
        for sec in dataclasses.fields(self):
            section = getattr(self, sec.name)
            vals: dict[str, Any] = {}
            for f in dataclasses.fields(section):
                v = getattr(section, f.name)
                vals[f.name] = v.value if isinstance(v, enum.Enum) else (list(v) if isinstance(v, tuple) else v)
            out[sec.name] = vals
        out["consent"]["gallery"] = redact_url(out["consent"]["gallery"])  # shown and reported: never a password
        return out

    def fingerprint(self) -> str:
        """A stable hash of every setting that can change an output."""
        import hashlib
        import json

        d = self.to_dict()
        d.pop("watch", None)
        return hashlib.sha256(json.dumps(d, sort_keys=True).encode()).hexdigest()[:16]


def validate(p: Policy) -> None:
    def need(cond: bool, key: str, msg: str) -> None:
        if not cond:
            raise ConfigError(f"policy setting {key}: {msg}")

    need(0.0 < p.faces.threshold < 1.0, "faces.threshold", "must be between 0 and 1, exclusive (greater than 0 and less than 1)")
    need(0.0 <= p.faces.review_band < 1.0, "faces.review_band", "must be at least 0 and less than 1")
    need(0.0 < p.faces.check_threshold < 1.0, "faces.check_threshold", "must be between 0 and 1, exclusive")
    for key in ("confident", "alone_threshold"):
        need(0.0 < getattr(p.faces, key) <= 1.0, f"faces.{key}", "must be above 0 and at most 1")
    need(p.faces.context_scale >= 1.0, "faces.context_scale", "must be at least 1")
    need(0.0 <= p.faces.skin_share <= 1.0, "faces.skin_share", "must be between 0 and 1")
    need(0.0 <= p.faces.edge_pad <= 0.5, "faces.edge_pad", "must be between 0 and 0.5")
    need(p.faces.edge_pad_fill in ("grey", "reflect", "replicate", "mirror-sides", "mirror-ends"), "faces.edge_pad_fill",
         "must be grey, reflect, replicate, mirror-sides or mirror-ends")
    need(1.0 <= p.faces.mask_scale <= 3.0, "faces.mask_scale", "must be between 1.0 and 3.0")
    need(p.faces.min_size >= 1, "faces.min_size", "must be at least 1 pixel")
    need(p.faces.review_min_size >= 1, "faces.review_min_size", "must be at least 1 pixel")
    need(0.0 < p.consent.tolerance <= 0.6, "consent.tolerance", "must be above 0 and at most 0.6")
    need(0.0 <= p.consent.margin < 1.0, "consent.margin", "must be at least 0 and less than 1")
    need(p.consent.min_face_size >= 1, "consent.min_face_size", "must be at least 1 pixel")
    need(0.0 <= p.consent.min_sharpness < 1.0, "consent.min_sharpness", "must be at least 0 and less than 1")
    need(0.0 <= p.consent.min_score < 1.0, "consent.min_score", "must be at least 0 and less than 1")
    need(p.consent.purpose.strip() != "", "consent.purpose", "must not be empty")
    need(0.0 <= p.text.min_confidence <= 1.0, "text.min_confidence", "must be between 0 and 1")
    need(0.0 <= p.text.margin <= 2.0, "text.margin", "must be between 0 and 2")
    need(320 <= p.text.detect_side <= 4096, "text.detect_side", "must be between 320 and 4096 pixels")
    unknown = [c for c in p.text.hide if c not in TEXT_CATEGORIES]
    need(not unknown, "text.hide", f"unknown categor{'y' if len(unknown) == 1 else 'ies'} {', '.join(map(repr, unknown))} "
         f"(known: {', '.join(TEXT_CATEGORIES)})")
    need(0.0 <= p.text.min_legible <= 1.0, "text.min_legible", "must be between 0 and 1")
    need(50 <= p.output.jpeg_quality <= 100, "output.jpeg_quality", "must be between 50 and 100")
    need(p.output.max_pixels > 0, "output.max_pixels", "must be positive")
    need(p.output.max_file_bytes > 0, "output.max_file_bytes", "must be positive")
    need(p.video.detector in ("int8", "float"), "video.detector", "must be 'int8' or 'float'")
    need(1 <= p.video.full_every <= 250, "video.full_every", "must be between 1 and 250 frames")
    need(p.watch.settle_seconds >= 0, "watch.settle_seconds", "must not be negative")
    need(p.watch.poll_interval > 0, "watch.poll_interval", "must be positive")


def _coerce(key: str, typ: Any, value: Any) -> Any:
    """Convert a TOML or CLI value to the field's type, or raise ConfigError naming the key."""
    origin = getattr(typ, "__origin__", None)
    try:
        if isinstance(typ, type) and issubclass(typ, enum.Enum):
            return typ(value.value if isinstance(value, enum.Enum) else str(value).lower())
        if typ is bool:
            if isinstance(value, bool):
                return value
            if isinstance(value, str) and value.lower() in {"true", "yes", "1", "on", "false", "no", "0", "off"}:
                return value.lower() in {"true", "yes", "1", "on"}
            raise ValueError
        if typ is int:
            if isinstance(value, bool):
                raise ValueError
            if isinstance(value, float) and not value.is_integer():
                raise ValueError
            return int(value)
        if typ is float:
            if isinstance(value, bool):
                raise ValueError
            return float(value)
        if typ is str:
            if not isinstance(value, (str, Path)):
                raise ValueError
            return str(value)
        if origin is tuple:
            if isinstance(value, str) or not isinstance(value, (list, tuple)):
                raise ValueError
            return tuple(str(v) for v in value)
    except (ValueError, TypeError):
        pass
    else:
        return value
    name = getattr(typ, "__name__", str(typ))
    if isinstance(typ, type) and issubclass(typ, enum.Enum):
        name = "one of " + ", ".join(m.value for m in typ)
    raise ConfigError(f"policy setting {key}: {value!r} is not a valid value (expected {name})")


def _section_types() -> dict[str, tuple[type, dict[str, Any]]]:
    hints = get_type_hints(Policy)
    return {name: (cls, get_type_hints(cls)) for name, cls in hints.items()}


def _not_a_file(path: Path) -> str:
    """Why ``path`` cannot be read as a settings file, in a few words."""
    if path.is_dir():
        return "is a folder, not a settings file (name the .toml file itself)"
    return "not found" if not path.exists() else "is not a regular file"


def find_policy_file(explicit: Path | None, cwd: Path | None = None) -> Path | None:
    """``--policy`` first, then $MEDIASCRUB_POLICY, then ./mediascrub.toml."""
    if explicit is not None:
        if not explicit.is_file():
            raise ConfigError(f"policy file {_not_a_file(explicit)}: {explicit}")
        return explicit
    env = os.environ.get(POLICY_ENV)
    if env:
        p = Path(env)
        if not p.is_file():
            raise ConfigError(f"policy file named by ${POLICY_ENV} {_not_a_file(p)}: {p}")
        return p
    local = (cwd or Path.cwd()) / POLICY_FILENAME
    return local if local.is_file() else None


def load_policy(
    path: Path | None = None,
    overrides: dict[str, Any] | None = None,
    *,
    search: bool = True,
) -> tuple[Policy, dict[str, str]]:
    """Build the effective policy and a map ``"section.key" -> where it came from``.

    ``overrides`` uses dotted keys (``"faces.threshold"``); ``None`` values are
    ignored so CLI options left unset fall through to the file or defaults.
    """
    sections = _section_types()
    values: dict[str, dict[str, Any]] = {s: {} for s in sections}
    sources: dict[str, str] = {}
    for s, (cls, _) in sections.items():
        for f in dataclasses.fields(cls):
            sources[f"{s}.{f.name}"] = "default"

    file = find_policy_file(path) if (search or path is not None) else None
    if file is not None:
        try:
            data = tomllib.loads(file.read_text(encoding="utf-8"))
        except (OSError, UnicodeDecodeError) as exc:
            raise ConfigError(f"cannot read policy file {file}: {exc}") from None
        except tomllib.TOMLDecodeError as exc:
            raise ConfigError(f"policy file {file} is not valid TOML: {exc}") from None
        for sec, body in data.items():
            if sec not in sections:
                raise ConfigError(f"policy file {file}: unknown section [{sec}] (known: {', '.join(sections)})")
            if not isinstance(body, dict):
                raise ConfigError(f"policy file {file}: {sec} must be a table, e.g. [{sec}]")
            cls, hints = sections[sec]
            for key, value in body.items():
                if key not in hints:
                    raise ConfigError(f"policy file {file}: unknown key {sec}.{key}")
                values[sec][key] = _coerce(f"{sec}.{key}", hints[key], value)
                sources[f"{sec}.{key}"] = str(file)

    for dotted, value in (overrides or {}).items():
        if value is None:
            continue
        sec, _, key = dotted.partition(".")
        if sec not in sections or key not in sections[sec][1]:
            raise ConfigError(f"unknown policy setting {dotted}")
        values[sec][key] = _coerce(dotted, sections[sec][1][key], value)
        sources[dotted] = "command line"

    built = {s: cls(**values[s]) for s, (cls, _) in sections.items()}
    return Policy(**built), sources
