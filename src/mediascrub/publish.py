"""Publishing, for photos and clips alike: the one place a file becomes an output or is held back.

Both pipelines (:mod:`.pipeline` for photos, :mod:`.video_pipeline` for clips) analyse,
redact, encode and verify in their own format; what happens next is decided here, the same
way for both, so the two cannot drift apart where it matters most:

- :func:`failing_closed` runs the block that publishes one file: whatever fails in it, nothing
  is published, the report says why in one line, and the input is held back (:func:`quarantine_input`);
- :func:`verify_changed` (photos): in the re-opened output every redacted region really differs
  from the original (:data:`MIN_REDACTION_CHANGE`); :func:`verify_drawn` (clips): in the re-opened
  output every redacted region shows what was drawn there (a face patch, a text fill), whatever
  the original was;
- :func:`publish_output` writes the verified output atomically (a temp file beside it, fsync, rename:
  ``media.image.atomic_write``) under the input's name or a neutral one (``--names``,
  :mod:`.stages.filename`) and marks the report published;
- :func:`quarantine_input` copies the input to quarantine with its reason file, both or neither, under a
  name short enough for the files beside it (:func:`quarantine_name`), and says so in the report when
  that fails too. Held copies are private (files 0600 in folders 0700: they are the unsafe originals,
  often on a shared drive); what was found in a file held for a person is saved beside it
  (:mod:`.heldfindings`), so the review station opens it without looking again;
- :func:`console_lines` is what ``scrub`` prints for a file.
"""

from __future__ import annotations

import contextlib
import dataclasses
import functools
import hashlib
import os
import shutil
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import cv2
import numpy as np

from . import heldfindings
from .errors import MediascrubError, VerificationError, plain_text, utf8
from .findings import Report, Status
from .media.image import atomic_write
from .policy import Policy
from .stages.filename import choose_output
from .stages.own_patches import _dense, on_levels
from .stages.redact import LUMA_LEVELS, LUMA_STEP, Drawn, luma

#: Mean grey-level change a redacted region must show in the re-opened output.
MIN_REDACTION_CHANGE = 10.0
#: A region whose grey levels vary less than this (standard deviation) is flat: a fill of its own
#: colour cannot change it, so it is not held to MIN_REDACTION_CHANGE.
FLAT_REGION_STD = 2.0
#: Bytes in one file name on every common file system.
NAME_MAX = 255
#: Appended to a quarantined file's name for the file that says why it was held back.
REASON_SUFFIX = ".reason.txt"
#: Bytes a file beside a held copy adds to its name at most: the reason file, and what was found in it
#: (``.NAME.mediascrub-findings.json``).
_BESIDE_ROOM = max(len(REASON_SUFFIX), len(heldfindings.sidecar_path(Path("x")).name) - 1)
#: Permissions of held copies and of what is written beside them, and of the folders they are in.
HELD_MODE = 0o600
HELD_FOLDER_MODE = 0o700

IntBox = tuple[int, int, int, int]
"""A region in integer pixels: x0, y0 inclusive; x1, y1 exclusive."""


def _region_error(frame: int | None, box: IntBox, what: str) -> VerificationError:
    x0, y0, x1, y1 = box
    return VerificationError(f"{'' if frame is None else f'frame {frame}: '}redacted region {x0},{y0}-{x1},{y1} {what}")


def verify_changed(
    original: np.ndarray,
    output: np.ndarray,
    boxes: Iterable[IntBox],
    *,
    where: str = "the output",
    frame: int | None = None,
    min_side: int = 0,
) -> None:
    """Raise VerificationError unless each of ``boxes`` differs between the ``original`` frame and
    the same frame decoded from the ``output`` by at least MIN_REDACTION_CHANGE grey levels on
    average (flat regions, see FLAT_REGION_STD, excepted). ``where`` names the output and
    ``frame`` the frame in the message. Regions narrower or lower than ``min_side`` px are not
    checked (a clip's encoder smears a sliver into its neighbours)."""
    for x0, y0, x1, y1 in boxes:
        if x1 - x0 < min_side or y1 - y0 < min_side:
            continue
        before = luma(original[y0:y1, x0:x1])
        if before.size == 0:
            continue
        after = luma(output[y0:y1, x0:x1])
        if float(np.abs(before - after).mean()) < MIN_REDACTION_CHANGE and float(before.std()) > FLAT_REGION_STD:
            raise _region_error(frame, (x0, y0, x1, y1), f"is not changed enough in {where}")


#: verify_drawn: a face patch (when no fingerprint was kept) is recognised by its signature: at least
#: PATCH_SHARE of its pixels (inside a border of PATCH_BORDER px) lie densely on mediascrub's luma levels
#: (``stages.own_patches``). Measured on patches drawn over the faces of the first 20 frames of the 8
#: evaluation clips, after H.264 (CRF 18): patches of 32 px and more kept at least 0.77 of their pixels
#: on the levels, the original faces under them at most 0.41.
PATCH_SHARE = 0.6
PATCH_BORDER = 2
#: ...or by its fingerprint: its brightness averaged on a grid of cells of FINGERPRINT_CELL px (at most
#: FINGERPRINT_GRID cells a side; about half a mosaic cell each), which in the output must stay within
#: FINGERPRINT_LEVELS grey levels of what was drawn, on average. Measured as above: patches of 12 to 32 px
#: came back within 3.1 levels; the original faces under them differed by 10.4 levels or more.
FINGERPRINT_CELL = 4
FINGERPRINT_GRID = 16
FINGERPRINT_LEVELS = 6.0
#: A text fill: at least FILL_SHARE of what it covers in the frame as rendered (``cover``) is within
#: FILL_LEVELS grey levels of its colour: the words' strokes are gone (the fill's colour is never the
#: sign's, see ``stages.redact._contrast_colour``).
FILL_LEVELS = 40.0
FILL_SHARE = 0.85


def fingerprint(rgb: np.ndarray, box: IntBox) -> bytes:
    """The brightness of ``box`` in ``rgb`` averaged on a grid of cells of FINGERPRINT_CELL px (at most
    FINGERPRINT_GRID a side), one byte a cell."""
    x0, y0, x1, y1 = box
    g = luma(rgb[y0:y1, x0:x1])
    size = (min(FINGERPRINT_GRID, max(1, (x1 - x0) // FINGERPRINT_CELL)), min(FINGERPRINT_GRID, max(1, (y1 - y0) // FINGERPRINT_CELL)))
    return bytes(np.clip(np.round(cv2.resize(g, size, interpolation=cv2.INTER_AREA)), 0, 255).astype(np.uint8).reshape(-1))


def _fill_share(rgb: np.ndarray, d: Drawn) -> float:
    x0, y0, x1, y1 = d.box
    return float((np.abs(luma(rgb[y0:y1, x0:x1]) - d.colour) <= FILL_LEVELS).mean())


#: check_drawn: in the frame as drawn (before encoding), at least this share of each region's pixels
#: (of what a fill covered) is mediascrub's: luma on one of its levels, or a fill's black or white.
DRAWN_SHARE = 0.9


def check_drawn(rgb: np.ndarray, drawn: Iterable[Drawn], *, frame: int | None = None) -> None:
    """Raise VerificationError unless each region in ``drawn`` really is drawn over in the frame ``rgb``
    (exact pixels, before encoding): DRAWN_SHARE of it has mediascrub's luma levels (a face patch in any
    mode, within 1 level) or a text fill's black or white; a natural picture has about 1 pixel in 10 so.
    With :func:`verify_drawn` after encoding this says both that something was drawn and that the new
    file shows it, without keeping the original frame."""
    lo = LUMA_LEVELS[0]
    for d in drawn:
        x0, y0, x1, y1 = d.box
        if x1 <= x0 or y1 <= y0:
            continue
        y = luma(rgb[y0:y1, x0:x1])
        level = np.clip(np.round((y - lo) / LUMA_STEP), 0, len(LUMA_LEVELS) - 1) * LUMA_STEP + lo
        mine = (np.abs(y - level) <= 1.0) | (y <= 1.0) | (y >= 254.0)
        share = float(mine.mean())
        if share < DRAWN_SHARE * (d.cover if d.kind == "fill" else 1.0):
            raise _region_error(frame, d.box, f"was not drawn over (only {share:.0%} of it carries mediascrub's patch or fill)")


def as_rendered(rgb: np.ndarray, drawn: Iterable[Drawn]) -> list[Drawn]:
    """``drawn`` (what ``stages.redact.redact_drawn`` returned) as the frame ``rgb`` holds it once all is
    drawn (a later patch or fill may overlap an earlier one): each patch with its fingerprint, each
    fill with the share of its box that shows its colour. What :func:`verify_drawn` compares with."""
    out = []
    for d in drawn:
        if d.kind == "fill":
            out.append(dataclasses.replace(d, cover=_fill_share(rgb, d)))
        else:
            out.append(dataclasses.replace(d, fingerprint=fingerprint(rgb, d.box)))
    return out


def verify_drawn(output: np.ndarray, drawn: Iterable[Drawn], *, where: str = "the output", frame: int | None = None,
                 min_side: int = 0) -> None:
    """Raise VerificationError unless each region in ``drawn`` shows, in the frame decoded from the
    ``output``, what was drawn there (:func:`as_rendered`): a text fill's colour over what it covered
    (the words' strokes gone), a face patch's fingerprint (or, without one, its signature: mediascrub's
    luma levels).
    What was there before does not matter (a white sign under a black fill, a patch whose mean is the
    face's mean: both are hidden), so no copy of the original is needed. Regions narrower or lower than
    ``min_side`` px are not checked (a clip's encoder smears a sliver into its neighbours)."""
    for d in drawn:
        x0, y0, x1, y1 = d.box
        if x1 - x0 < min_side or y1 - y0 < min_side or x1 <= x0 or y1 <= y0:
            continue
        region = output[y0:y1, x0:x1]
        if d.kind == "fill":
            share = _fill_share(output, d)
            ok, what = share >= FILL_SHARE * d.cover, f"the text fill covers {share:.0%} of it, {d.cover:.0%} when drawn"
        elif d.fingerprint:
            got = np.frombuffer(fingerprint(output, d.box), np.uint8).astype(np.float32)
            want = np.frombuffer(d.fingerprint, np.uint8).astype(np.float32)
            diff = float(np.abs(got - want).mean()) if got.shape == want.shape else 255.0
            ok, what = diff <= FINGERPRINT_LEVELS, f"it differs from the patch drawn by {diff:.0f} grey levels"
        else:
            b = PATCH_BORDER if min(x1 - x0, y1 - y0) > 4 * PATCH_BORDER else 0
            share = float(_dense(on_levels(region[b : region.shape[0] - b, b : region.shape[1] - b])).mean())
            ok, what = share >= PATCH_SHARE, f"{share:.0%} of it carries mediascrub's patch"
        if not ok:
            raise _region_error(frame, d.box, f"is not changed enough in {where} ({what})")


def publish_output(
    report: Report, final: Path, content: bytes | Callable[[Path], None], *,
    src: Path, policy: Policy, gallery: object = None, kind: str = "photo",
) -> None:
    """Write the output atomically and mark ``report`` published. ``final`` is the input's name as the
    format needs it; ``policy.output.names`` decides whether it is kept or the output gets a neutral name
    beside it (:func:`.stages.filename.choose_output`: ``src``'s name is read like text in the picture,
    with the settings' and ``gallery``'s names; ``kind`` "photo" or "clip" starts the neutral name);
    a changed name is said in the notes, and ``report.output`` maps the input to it.

    ``content``: the verified bytes (photos), or a function that renders and verifies into the temp
    file it is given (clips). A neutral name holds a hash of the output's bytes, or of ``src`` when the
    output is rendered into place (a clip). Raises what the write or ``content`` raises; nothing is
    left behind then."""
    names, renamed = choose_output(src, final, content if isinstance(content, bytes) else src, policy, gallery, kind=kind)
    # A neutral name never replaces a file, not even one a parallel worker published a moment ago with the
    # same content: the output, written once, takes the first free one (the input's own name is replaced,
    # as a re-run does).
    final = atomic_write(next(names), content, exclusive=renamed is not None, alternatives=names)
    if renamed:
        report.notes.append(f"published as {final.name}: {renamed}")
    report.output = str(final)
    report.status = Status.PUBLISHED


@contextlib.contextmanager
def failing_closed(report: Report, on_failure: Callable[[], None] | None = None) -> Iterator[None]:
    """Run the block that publishes ``report``'s file; if it fails, publish nothing:
    ``report.reason`` says why in one line (a MediascrubError's own words; a failed write says it
    could not write; anything else is an "internal error": an unexpected bug must still fail
    closed) and ``on_failure`` runs (e.g. :func:`quarantine_input`). Ctrl-C is not caught."""
    try:
        yield
    except KeyboardInterrupt:
        raise
    except MediascrubError as exc:
        report.reason = str(exc)
    except OSError as exc:  # a read-only or full disk while writing the output
        report.reason = f"could not write the output ({exc.strerror or plain_text(exc)}); nothing was published"
    except Exception as exc:  # an unexpected bug must still fail closed
        report.reason = f"internal error ({exc.__class__.__name__}: {plain_text(exc)}); nothing was published"
    else:
        return
    if on_failure is not None:
        on_failure()


def quarantine_name(target: Path) -> Path:
    """``target``, or a shortened name when a file beside it (its reason ``NAME.reason.txt``, what
    was found in it ``.NAME.mediascrub-findings.json``) would have a name too long for a file name:
    its start, a short hash of the whole name and its extension."""
    if len(os.fsencode(target.name)) + _BESIDE_ROOM <= NAME_MAX:
        return target
    digest = hashlib.sha256(os.fsencode(target.name)).hexdigest()[:8]
    suffix = target.suffix if len(os.fsencode(target.suffix)) <= 16 else ""
    room = NAME_MAX - _BESIDE_ROOM - len(os.fsencode(suffix)) - len(digest) - 1
    stem = os.fsencode(target.name[: len(target.name) - len(suffix)])[:room].decode("utf-8", "ignore")
    return target.with_name(f"{stem}-{digest}{suffix}")


def reason_file(held: Path) -> Path:
    """The file beside the quarantined ``held`` (a :func:`quarantine_name`) that says why."""
    return held.with_name(held.name + REASON_SUFFIX)


def beside_held(held: Path) -> list[Path]:
    """The files that belong to the quarantined ``held`` and go (or are removed) with it: its reason
    file and what was found in it."""
    return [reason_file(held), heldfindings.sidecar_path(held)]


def private_folders(folder: Path) -> None:
    """Create ``folder`` and any missing folder above it with mode 0700, and make ``folder`` itself
    0700: held originals and what was found in them are for this account only (a shared drive too)."""
    missing = []
    p = folder
    while not p.exists() and p != p.parent:
        missing.append(p)
        p = p.parent
    for d in reversed(missing):
        with contextlib.suppress(FileExistsError):
            d.mkdir(mode=HELD_FOLDER_MODE)
        with contextlib.suppress(OSError):
            os.chmod(d, HELD_FOLDER_MODE)  # mkdir's mode is masked by the umask
    with contextlib.suppress(OSError):
        os.chmod(folder, HELD_FOLDER_MODE)


def write_reason(held: Path, text: str) -> Path:
    """Write why ``held`` was held back into its reason file (0600, its folder 0700), atomically.
    Returns the reason file. Raises OSError."""
    private_folders(held.parent)
    why = reason_file(held)
    atomic_write(why, utf8(text + "\n"), mode=HELD_MODE)  # a reason may name a file that is not UTF-8
    return why


#: What was found in a file held for a person, as :mod:`.heldfindings` saves it: given the held
#: copy's SHA-256, the document (``heldfindings.photo_document`` / ``clip_document``).
FindingsDocument = Callable[[str], dict[str, Any]]


def quarantine_input(
    report: Report, target: Path | None, *, data: bytes | None = None, source: Path | None = None,
    findings: FindingsDocument | None = None,
) -> None:
    """Hold the input back: ``report`` becomes FAILED, or QUARANTINED once a copy of the input and
    its reason file (``report.reason``) are both at ``target`` (shortened by :func:`quarantine_name`).

    The copy is ``data`` (the bytes the pipeline read, so quarantine holds exactly what was
    judged), else the file ``source`` (a clip, streamed); with neither, only the reason file is
    written. Both or neither: the reason file is written first and removed again when the copy
    fails, so no copy is ever held without its reason. When quarantining itself fails the reason
    says so, and the console line tells the person no copy was kept. ``target`` None: nothing is
    written. The copy and its reason are 0600, their folder 0700 (:func:`private_folders`).

    ``findings``: what was found in the file (held for a person), saved beside the held copy
    (:func:`.heldfindings.sidecar_path`, 0600) and keyed by the copy's SHA-256, so the review station
    opens it without looking again. Saving it is a help, not a condition: the file is held either way
    (a failure is noted). Without it, a findings file left beside an earlier copy of that name is removed.
    """
    report.status = Status.FAILED
    if target is None:
        return
    held = quarantine_name(target)
    copy: bytes | Callable[[Path], None] | None = data
    if copy is None and source is not None:
        copy = functools.partial(_copy_file, source)
    try:
        why = write_reason(held, report.reason or "unknown")
        if copy is not None:
            try:
                atomic_write(held, copy, mode=HELD_MODE)
            except BaseException:
                with contextlib.suppress(OSError):
                    why.unlink()
                raise
        report.status = Status.QUARANTINED
        report.output = None
        report.notes.append(f"copied to quarantine: {held}" if copy is not None else f"reason written to {why}")
    except OSError as exc:
        failed = exc.strerror or plain_text(exc)
        report.notes.append(f"could not write to quarantine ({failed})")
        report.reason = f"{report.reason or 'not published'}; quarantining it failed too ({failed}), so no copy was kept"
        return
    if copy is not None:
        _save_findings(report, held, data, findings)


def _save_findings(report: Report, held: Path, data: bytes | None, findings: FindingsDocument | None) -> None:
    """Save ``findings`` beside ``held`` (or remove what an earlier copy of that name left there)."""
    beside = heldfindings.sidecar_path(held)
    if findings is None:
        with contextlib.suppress(OSError):
            beside.unlink()
        return
    try:
        if data is not None:
            sha = hashlib.sha256(data).hexdigest()
        else:
            with open(held, "rb") as fh:
                sha = hashlib.file_digest(fh, "sha256").hexdigest()
        heldfindings.save(held, findings(sha))
    except Exception as exc:  # a help to the station only: the file is held either way
        with contextlib.suppress(OSError):
            beside.unlink()
        report.notes.append(f"what was found was not saved beside the held copy ({exc.__class__.__name__}: {plain_text(exc)})")


def _copy_file(source: Path, tmp: Path) -> None:
    shutil.copyfile(source, tmp)


@dataclass(frozen=True)
class ConsoleLine:
    """One line ``scrub`` prints; ``problem`` lines go to stderr."""

    text: str
    problem: bool = False


def console_lines(report: Report) -> list[ConsoleLine]:
    """What ``scrub`` prints for one file, photo or clip: where its output went and what was
    done ("published    a.jpg -> out/a.jpg  (2 faces anonymised)", with a note on a large
    image), or why nothing was published. Names and reasons made safe for a terminal."""
    from .report import describe_findings, safe_name  # report imports the package's version: not at import time

    name = safe_name(report.input)
    if report.status == Status.PUBLISHED:
        lines = [ConsoleLine(f"published    {name} -> {safe_name(report.output or '')}  ({describe_findings(report.findings)})")]
        lines += [ConsoleLine(f"             note: {safe_name(note)}") for note in report.notes if note.startswith("large image")]
        return lines
    if report.status == Status.SKIPPED:
        if report.reason:  # a symbolic link, never followed
            return [ConsoleLine(f"skipped      {name}: {safe_name(report.reason)}", problem=True)]
        return [ConsoleLine(f"skipped      {name} (already done with the same settings)")]
    label = "quarantined" if report.status == Status.QUARANTINED else "FAILED"
    return [ConsoleLine(f"{label:<12} {name}: {safe_name(report.reason or 'unknown reason')}", problem=True)]


__all__ = [
    "MIN_REDACTION_CHANGE", "HELD_MODE", "ConsoleLine", "FindingsDocument", "beside_held", "console_lines", "failing_closed",
    "private_folders", "publish_output", "quarantine_input", "quarantine_name", "reason_file", "verify_changed", "write_reason",
    "verify_drawn", "fingerprint", "as_rendered", "check_drawn",
]
