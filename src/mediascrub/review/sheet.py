"""The HTML review sheet: one self-contained page for a person to look over a batch.

It shows each *output* (the cleaned copy, re-read from the output folder; an
original is never opened here) as a downscaled thumbnail inlined as a
``data:`` URI, with coloured boxes and labels for every finding that has a
place in the picture: faces anonymised, consented faces left visible (with
the person's name), text hidden (with its category). Files that were not
published are listed with their reasons and no picture: they are unsafe.

The page references nothing outside itself: a Content-Security-Policy meta
tag forbids every network fetch, and everything taken from reports (file
names, reasons, names) is HTML-escaped.

A clip is shown as a strip of a few evenly spaced frames decoded from the
published clip (never the original), each with its frame number and time and
what is hidden in it, then a table of its face tracks (frame range, decision,
reason) and of the text hidden (per frame range).
"""

from __future__ import annotations

import base64
import html
import io
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

from PIL import Image

from ..errors import MediascrubError
from ..findings import Action, Finding, Kind, Report, Status
from ..media.image import atomic_write
from ..media.video import VIDEO_EXTENSIONS, first_frame, sample_frames
from ..report import describe_findings, safe_name
from ..video_pipeline import TEXT_EVERY

THUMB_MAX_SIDE = 800
THUMB_QUALITY = 80
#: Frames shown per clip (evenly spaced, first and last included) and the longest side of each, in pixels.
STRIP_FRAMES = 5
STRIP_MAX_SIDE = 320

# (css class, colour) per kind of mark
_STYLES = {
    "anon": "#d7263d",
    "visible": "#2e9e44",
    "text": "#1f6feb",
    "kept": "#8a8a8a",
    "review": "#f08c00",
}


@dataclass(frozen=True)
class Thumbnail:
    data_uri: str
    width: int  # of the output the boxes refer to
    height: int


def make_thumbnail(path: Path, max_side: int = THUMB_MAX_SIDE) -> Thumbnail:
    """Decode the first frame of an output file and return a JPEG thumbnail as a data URI.

    ``max_side``: the longest side of the thumbnail in pixels. Larger shows more
    detail and makes the page heavier (about 100 KB per picture at 800).
    Raises OSError/ValueError when the file cannot be read or decoded.
    """
    if path.suffix.lower() in VIDEO_EXTENSIONS:  # a clip: its first frame (boxes drawn are those of frame 0)
        try:
            pixels = first_frame(path)
        except MediascrubError as exc:
            raise ValueError(str(exc)) from None
        height, width = pixels.shape[:2]
        frame = Image.fromarray(pixels).convert("RGBA")
    else:
        with Image.open(path) as img:
            img.seek(0)
            width, height = img.size
            frame = img.convert("RGBA")
    background = Image.new("RGBA", frame.size, (255, 255, 255, 255))
    rgb = Image.alpha_composite(background, frame).convert("RGB")
    rgb.thumbnail((max_side, max_side), Image.Resampling.LANCZOS)
    buf = io.BytesIO()
    rgb.save(buf, format="JPEG", quality=THUMB_QUALITY, optimize=True)
    return Thumbnail("data:image/jpeg;base64," + base64.b64encode(buf.getvalue()).decode("ascii"), width, height)


@dataclass(frozen=True)
class StripFrame:
    index: int
    seconds: float | None
    data_uri: str


def _jpeg_uri(pixels: Image.Image, max_side: int) -> str:
    rgb = pixels.convert("RGB")
    rgb.thumbnail((max_side, max_side), Image.Resampling.LANCZOS)
    buf = io.BytesIO()
    rgb.save(buf, format="JPEG", quality=THUMB_QUALITY, optimize=True)
    return "data:image/jpeg;base64," + base64.b64encode(buf.getvalue()).decode("ascii")


def make_strip(path: Path, count: int = STRIP_FRAMES, max_side: int = STRIP_MAX_SIDE) -> tuple[int, list[StripFrame]]:
    """``count`` evenly spaced frames of the clip at ``path`` (an output) as JPEG data URIs.

    Returns (frames in the clip, the frames shown). Raises ValueError when the clip does not decode.
    """
    try:
        total, frames = sample_frames(path, count)
    except MediascrubError as exc:
        raise ValueError(str(exc)) from None
    return total, [StripFrame(i, secs, _jpeg_uri(Image.fromarray(rgb), max_side)) for i, secs, rgb in frames]


def describe_mark(f: Finding) -> tuple[str, str]:
    """The css class and label for a finding drawn on the picture."""
    detail = f.detail or {}
    if f.action == Action.REVIEW:
        return "review", f"{f.kind.value}: needs review"
    if f.kind == Kind.FACE and f.action == Action.ANONYMISED:
        return "anon", "face anonymised"  # never named, even when recognised: the name would undo the anonymising
    if f.kind == Kind.FACE and f.action == Action.VISIBLE:
        person = str(detail.get("person") or detail.get("name") or "unnamed")
        return "visible", f"consented face visible: {person}"
    if f.kind == Kind.REGION:
        return "anon", "area hidden by a reviewer"
    # the text stage puts its category (address, postcode, name...) in the label; the words read are never shown
    category = str(detail.get("category") or f.label or "text")
    if f.kind == Kind.TEXT and f.action == Action.REDACTED:
        return "text", f"text hidden: {category}"
    if f.kind == Kind.TEXT:
        return "kept", f"text left visible: {category}"
    return "kept", f"{f.kind.value} {f.action.value}"


def _esc(text: object) -> str:
    return html.escape(safe_name(str(text)), quote=True)


def _pct(v: float, whole: int) -> str:
    return f"{max(0.0, min(100.0, v / whole * 100.0)):.3f}%"


def _marks(findings: Iterable[Finding], width: int, height: int) -> str:
    out = []
    for f in findings:
        if f.box is None or f.frame != 0:
            continue
        b = f.box.clipped(width, height)
        if b.area <= 0:
            continue
        cls, label = describe_mark(f)
        tip = label + (f" ({f.reason})" if f.reason else "") + (f", score {f.score:.2f}" if f.score is not None else "")
        style = f"left:{_pct(b.x0, width)};top:{_pct(b.y0, height)};width:{_pct(b.width, width)};height:{_pct(b.height, height)}"
        out.append(f'<div class="mark {cls}" style="{style}" title="{_esc(tip)}"><span>{_esc(label)}</span></div>')
    return "".join(out)


def _track_rows(findings: list[Finding]) -> list[tuple[int, int, int, Finding]]:
    """(track id, first frame, last frame, finding) of each face track of a clip's report."""
    rows = []
    for f in findings:
        d = f.detail or {}
        if f.kind == Kind.FACE and "track" in d and "first_frame" in d and "last_frame" in d:
            rows.append((int(d["track"]), int(d["first_frame"]), int(d["last_frame"]), f))
    return sorted(rows, key=lambda r: (r[1], r[0]))


def text_ranges(findings: list[Finding], total: int) -> list[tuple[str, int, int, list[int]]]:
    """Text hidden in a clip, per category and frame range: (category, first, last, frames it was read on).

    Text is read on sampled frames and carried along the camera motion up to ``TEXT_EVERY`` frames either
    side (video_pipeline), so each reading covers that span; overlapping spans of one category are merged.
    """
    spans: dict[str, list[tuple[int, int, int]]] = {}
    for f in findings:
        if f.kind != Kind.TEXT or f.action != Action.REDACTED or f.frame is None:
            continue
        category = describe_mark(f)[1].removeprefix("text hidden: ")
        last = max(0, total - 1)
        spans.setdefault(category, []).append((max(0, f.frame - TEXT_EVERY), min(last, f.frame + TEXT_EVERY), f.frame))
    out: list[tuple[str, int, int, list[int]]] = []
    for category, items in sorted(spans.items()):
        items.sort()
        first, end, read = items[0][0], items[0][1], [items[0][2]]
        for a, b, at in items[1:]:
            if a <= end + 1:
                end = max(end, b)
                read.append(at)
            else:
                out.append((category, first, end, read))
                first, end, read = a, b, [at]
        out.append((category, first, end, read))
    return out


def _seconds(s: float | None) -> str:
    return f" · {s:.2f} s" if s is not None else ""


def _clip_card(report: Report, max_side: int) -> tuple[str, int]:
    """One published clip: a strip of its frames, its face tracks and the text hidden. Returns (html, pictures)."""
    name = _esc(Path(report.output or "").name)
    try:
        total, strip = make_strip(Path(report.output or ""), STRIP_FRAMES, min(max_side, STRIP_MAX_SIDE))
    except (OSError, ValueError) as exc:
        msg = f"the cleaned clip cannot be shown ({exc.__class__.__name__}); open it from the output folder"
        return f'<section class="card clip"><h3>{name}</h3><p class="warn">{_esc(msg)}</p></section>', 0
    tracks = _track_rows(report.findings)
    texts = text_ranges(report.findings, total)
    figures = []
    for fr in strip:
        here = []
        hidden = sum(1 for _, a, b, f in tracks if a <= fr.index <= b and f.action != Action.VISIBLE)
        if hidden:
            here.append(f'<li class="anon-t">{hidden} face track(s) hidden</li>')
        for _, a, b, f in tracks:
            if a <= fr.index <= b and f.action == Action.VISIBLE:
                here.append(f'<li class="visible-t">{_esc(describe_mark(f)[1])}</li>')
        for category, a, b, _ in texts:
            if a <= fr.index <= b:
                here.append(f'<li class="text-t">text hidden: {_esc(category)}</li>')
        figures.append(
            f'<figure class="frame"><div class="shot"><img alt="frame {fr.index} of the cleaned clip {name}" '
            f'src="{fr.data_uri}"></div><figcaption>frame {fr.index}{_seconds(fr.seconds)}'
            f'<ul>{"".join(here) or "<li>nothing hidden here</li>"}</ul></figcaption></figure>'
        )
    if tracks:
        rows = []
        for tid, a, b, f in tracks:
            cls, label = describe_mark(f)
            decision = "hidden in every frame of the track" if f.action != Action.VISIBLE else label
            reason = (f.reason or "").split(": ", 1)[1] if (f.reason or "").startswith("track ") and ": " in (f.reason or "") \
                else (f.reason or "")
            rows.append(f'<tr><td>{tid}</td><td>{a}-{b}</td><td class="{cls}-t">{_esc(decision)}</td><td>{_esc(reason)}</td></tr>')
        track_table = ("<table class=tracks><tr><th>Face track</th><th>Frames</th><th>Decision</th><th>Reason</th></tr>"
                       + "".join(rows) + "</table>")
    else:
        track_table = "<p>No face track.</p>"
    if texts:
        text_rows = "".join(
            f'<tr><td class="text-t">{_esc(category)}</td><td>{a}-{b}</td><td>{", ".join(map(str, read))}</td></tr>'
            for category, a, b, read in texts
        )
        text_table = ("<table class=texts><tr><th>Text hidden</th><th>Frames</th><th>Read on frames</th></tr>"
                      + text_rows + "</table>")
    else:
        text_table = "<p>No text hidden.</p>"
    if report.status == Status.SKIPPED:
        summary = "done in an earlier run with the same content and settings (what was hidden is shown in that run's sheet)"
    else:
        summary = describe_findings(report.findings)
    notes = "".join(f"<li>{_esc(n)}</li>" for n in report.notes)
    return (
        f'<section class="card clip"><h3>{name}</h3>'
        f'<p>{len(strip)} of its {total} frames, evenly spaced, from the published clip:</p>'
        f'<div class="strip">{"".join(figures)}</div>'
        f'<p>{_esc(summary)}</p>{track_table}{text_table}{f"<ul class=notes>{notes}</ul>" if notes else ""}'
        f'<p class="path">output: {_esc(report.output or "")}</p></section>'
    ), len(strip)


def _card(report: Report, max_side: int) -> tuple[str, int]:
    """One published (or skipped) output: its picture with marks. Returns (html, pictures shown)."""
    if Path(report.output or "").suffix.lower() in VIDEO_EXTENSIONS:
        return _clip_card(report, max_side)
    name = _esc(Path(report.output or "").name)
    try:
        thumb = make_thumbnail(Path(report.output or ""), max_side)
    except (OSError, ValueError, Image.DecompressionBombError) as exc:
        msg = f"the cleaned copy cannot be shown ({exc.__class__.__name__}); open it from the output folder"
        return f'<section class="card"><h3>{name}</h3><p class="warn">{_esc(msg)}</p></section>', 0
    marks = _marks(report.findings, thumb.width, thumb.height)
    if report.status == Status.SKIPPED:
        summary = "done in an earlier run with the same content and settings (what was hidden is shown in that run's sheet)"
    else:
        summary = describe_findings(report.findings)
    notes = "".join(f"<li>{_esc(n)}</li>" for n in report.notes)
    legend = ""
    legend_items = sorted({describe_mark(f)[1] for f in report.findings if f.box is not None and f.frame == 0})
    if legend_items:
        legend = "<ul class=legend>" + "".join(f"<li>{_esc(x)}</li>" for x in legend_items) + "</ul>"
    return (
        f'<section class="card"><h3>{name}</h3>'
        f'<div class="shot"><img alt="cleaned copy of {name}" src="{thumb.data_uri}">{marks}</div>'
        f'<p>{_esc(summary)}</p>{legend}{f"<ul class=notes>{notes}</ul>" if notes else ""}'
        f'<p class="path">output: {_esc(report.output or "")}</p></section>'
    ), 1


_CSS = """
body{font-family:system-ui,sans-serif;margin:1.5em;color:#222;background:#fafafa}
h1{font-size:1.4em} .counts span{margin-right:1.2em}
.grid{display:flex;flex-wrap:wrap;gap:1.2em}
.card{background:#fff;border:1px solid #ddd;border-radius:6px;padding:.8em;max-width:580px}
.card h3{margin:.2em 0 .5em;font-size:1em;word-break:break-all}
.shot{position:relative;display:inline-block;line-height:0}
.shot img{max-width:560px;max-height:560px;display:block}
.mark{position:absolute;border:3px solid;box-sizing:border-box}
.mark span{position:absolute;left:-3px;top:-1.5em;line-height:1.4;font-size:12px;color:#fff;padding:0 4px;white-space:nowrap}
.anon{border-color:#d7263d}.anon span{background:#d7263d}
.visible{border-color:#2e9e44}.visible span{background:#2e9e44}
.text{border-color:#1f6feb}.text span{background:#1f6feb}
.kept{border-color:#8a8a8a;border-style:dashed}.kept span{background:#8a8a8a}
.review{border-color:#f08c00}.review span{background:#f08c00}
.warn{color:#b00} .path{color:#777;font-size:.85em;word-break:break-all}
table{border-collapse:collapse;background:#fff} td,th{border:1px solid #ddd;padding:.3em .6em;text-align:left;vertical-align:top}
.legend,.notes{font-size:.9em;margin:.3em 0}
.card.clip{max-width:1000px}
.strip{display:flex;flex-wrap:wrap;gap:6px}
.strip figure{margin:0;width:180px}
.strip .shot img{max-width:180px;max-height:180px}
.strip figcaption{font-size:.8em;line-height:1.3;margin-top:.3em}
.strip figcaption ul{margin:.2em 0;padding-left:1.1em}
.anon-t{color:#d7263d}.visible-t{color:#2e9e44}.text-t{color:#1f6feb}
table.tracks,table.texts{margin:.5em 0;font-size:.9em}
"""

_SCRIPT = """
window.addEventListener('load', function () {
  var imgs = document.querySelectorAll('.shot img'), ok = 0;
  for (var i = 0; i < imgs.length; i++) { if (imgs[i].complete && imgs[i].naturalWidth > 0) ok++; }
  document.body.setAttribute('data-images-rendered', String(ok));
});
"""


def render_review_sheet(reports: list[Report], *, max_side: int = THUMB_MAX_SIDE, title: str = "mediascrub review sheet") -> str:
    """The whole page as a string. Only outputs are opened; unpublished files get a reason and no picture."""
    shown = [r for r in reports if r.status in (Status.PUBLISHED, Status.SKIPPED) and r.output]
    unsafe = [r for r in reports if r.status in (Status.QUARANTINED, Status.FAILED)]
    cards = []
    pictures = 0
    for r in shown:
        card, ok = _card(r, max_side)
        cards.append(card)
        pictures += ok
    rows = "".join(
        f"<tr><td>{_esc(r.input)}</td><td>{_esc(r.status.value)}</td><td>{_esc(r.reason or 'unknown reason')}</td></tr>"
        for r in unsafe
    )
    n_pub = sum(r.status == Status.PUBLISHED for r in reports)
    n_skip = sum(r.status == Status.SKIPPED for r in reports)
    n_q = sum(r.status == Status.QUARANTINED for r in reports)
    n_f = sum(r.status == Status.FAILED for r in reports)
    csp = "default-src 'none'; img-src data:; style-src 'unsafe-inline'; script-src 'unsafe-inline'"
    parts = [
        "<!DOCTYPE html>",
        '<html lang="en"><head><meta charset="utf-8">',
        f'<meta http-equiv="Content-Security-Policy" content="{csp}">',
        '<meta name="referrer" content="no-referrer">',
        f"<title>{_esc(title)}</title><style>{_CSS}</style></head>",
        f'<body data-images-expected="{pictures}">',
        f"<h1>{_esc(title)}</h1>",
        f'<p class="counts"><span>{n_pub} published</span><span>{n_skip} skipped (done earlier)</span>'
        f"<span>{n_q} quarantined</span><span>{n_f} failed</span></p>",
        '<p>Each picture is the cleaned copy as published. '
        '<span style="color:#d7263d">Red</span>: face anonymised. '
        '<span style="color:#2e9e44">Green</span>: face left visible with consent (the person is named). '
        '<span style="color:#1f6feb">Blue</span>: text hidden. Grey dashed: found and left as it is. '
        'A clip is shown as a few evenly spaced frames of the published clip, with its face tracks '
        '(frames, decision, reason) and the text hidden per frame range.</p>',
    ]
    if unsafe:
        parts.append(
            "<h2>Not published</h2><p>These files were not made safe, so no picture is shown. "
            "Look at them in the quarantine folder.</p>"
            f"<table><tr><th>File</th><th>Result</th><th>Reason</th></tr>{rows}</table>"
        )
    parts.append(f'<h2>Published</h2><div class="grid">{"".join(cards) or "<p>Nothing was published.</p>"}</div>')
    parts.append(f"<script>{_SCRIPT}</script></body></html>")
    return "\n".join(parts) + "\n"


def write_review_sheet(path: Path, reports: list[Report], *, max_side: int = THUMB_MAX_SIDE) -> None:
    """Write the review sheet atomically to ``path``."""
    atomic_write(Path(path), render_review_sheet(reports, max_side=max_side).encode("utf-8"), mode=0o600)  # private, like the report


__all__ = ["write_review_sheet", "render_review_sheet", "make_thumbnail", "describe_mark"]
