"""Is the file name itself a leak? ``doris_smith_room14_birthday.jpg`` names a person and her room.

A name is read like a line of text in the picture: split into words on ``_ - .``, spaces, case
changes and letter/digit boundaries, read as written and with each word capitalised (names in
file names are often lower case), then sorted by the same text rules that decide what to hide in
the picture (``stages/sensitive.py``, ``stages/address.py``; the one place that calls them is
:func:`classify_line`). The settings' ``[text] names`` and ``sensitive_terms`` and the
consent gallery's names count too.

A camera's own name (``IMG_1234``, ``DSC01234``, ``PXL_20240501_123456789``, ``Screenshot ...``)
says nothing about the people in it and is kept as it is.

``--names`` chooses: ``keep`` (every name as it is), ``neutral`` (every file gets a neutral name),
``auto`` (the default: a neutral name only for a name that gives something away). A neutral name is
``photo-<publishing date>-<8 hex digits of the file's content hash>.<ext>`` (``clip-`` for clips):
unique per content, never an existing file's name; the JSON report maps each input to its output.
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Iterator, Sequence
from datetime import date
from pathlib import Path

from ..policy import NameMode, Policy, TextPolicy

#: Names cameras, phones and screenshot tools give files on their own: a prefix, then digits, dates and times.
_CAMERA_NAME = re.compile(
    r"^((img|dsc[nf]?|pxl|mvimg|vid|pano|gopr|gh\d\d|dji|sam|cimg|kimg|hpim|pict|dcp|mg|p\d{3}|photo|image|screenshot"
    r"|screen shot|whatsapp image|whatsapp video|signal|telegram|snapchat|burst|mov|pic|picture|scan)[\s_\-.]*"
    r"|(19|20)\d{6}(?=[\s_\-.]|$))"  # or a date first: 20240501_123456
    r"[\d\s_\-.:,()at]*$",
    re.IGNORECASE,
)
_SEPARATORS = re.compile(r"[\s_\-.+~,;()\[\]{}]+")
_CASE_CHANGE = re.compile(r"(?<=[a-z])(?=[A-Z])")
_LETTER_DIGIT = re.compile(r"(?<=[A-Za-z])(?=\d)|(?<=\d)(?=[A-Za-z])")


def readings(stem: str) -> list[str]:
    """The ways a file name is read as a line of text (see the module)."""
    spaced = _SEPARATORS.sub(" ", _CASE_CHANGE.sub(" ", stem)).strip()
    split = _LETTER_DIGIT.sub(" ", spaced)
    out = [stem.replace("_", " "), spaced, split, spaced.title(), split.title()]
    return list(dict.fromkeys(r for r in out if r))


def camera_name(stem: str) -> bool:
    """Whether ``stem`` is a name a camera, phone or screenshot tool gives on its own (nothing else in it)."""
    return bool(_CAMERA_NAME.match(stem.strip())) and any(c.isdigit() for c in stem)


def classify_line(text: str, policy: TextPolicy, names: Sequence[tuple[str, str]]) -> str | None:
    """What one line of text gives away, by the picture's text rules (None: nothing). The only call into
    the text classifiers here: re-point it when they move."""
    from .address import classify_text
    from .sensitive import ALL_NAME_SOURCES, NameSource, classify_sensitive

    address = classify_text(text, policy.sensitive_terms)
    if address.is_address:
        return f"{address.category.value.replace('_', ' ')} ({address.reason})"
    sources = ALL_NAME_SOURCES if policy.name_lists else ALL_NAME_SOURCES - {NameSource.LISTS}
    verdict = classify_sensitive(text, known_names=names, name_sources=sources)
    if verdict.category is not None:
        return f"{verdict.category.value.replace('_', ' ')} ({verdict.reason})"
    return None


def name_leak(stem: str, policy: TextPolicy, names: Sequence[tuple[str, str]] = ()) -> str | None:
    """Why the file name ``stem`` must not be published (a person's name, an address, a phone number...),
    or None when it gives nothing away. Never repeats the name."""
    if camera_name(stem):
        return None
    for line in readings(stem):
        if (why := classify_line(line, policy, names)) is not None:
            return why
    return None


def neutral_names(digest: str, extension: str, *, kind: str = "photo", today: date | None = None) -> Iterator[str]:
    """``photo-2026-12-04-1a2b3c4d.jpg``, then with more of the hash, then counted: the publishing date and
    the content's hash (``digest``, hex), nothing of the original name. The caller takes the first free one."""
    day = (today or date.today()).isoformat()
    for size in (8, 12, 16):
        yield f"{kind}-{day}-{digest[:size]}{extension}"
    n = 2
    while True:
        yield f"{kind}-{day}-{digest[:16]}-{n}{extension}"
        n += 1


def _digest(content: bytes | Path) -> str:
    if isinstance(content, bytes):
        return hashlib.sha256(content).hexdigest()
    h = hashlib.sha256()
    with open(content, "rb") as fh:
        for chunk in iter(lambda: fh.read(1 << 20), b""):
            h.update(chunk)
    return h.hexdigest()


def choose_output(src: Path, final: Path, content: bytes | Path, policy: Policy, gallery: object = None, *,
                  kind: str = "photo", today: date | None = None) -> tuple[Iterator[Path], str | None]:
    """Where an output may go, and why its name changed (None: kept). ``final`` is the input's name as the
    format needs it; as ``policy.output.names`` says, it is kept (one candidate, which a re-run replaces)
    or replaced by neutral names beside it (candidates in order: publish to the first that does not exist,
    without ever replacing a file: ``atomic_write(..., exclusive=True)``).
    ``content``: the output's bytes (a photo) or a file whose bytes name it (a clip's input)."""
    mode = policy.output.names
    if mode is NameMode.KEEP:
        return iter([final]), None
    if mode is NameMode.NEUTRAL:
        why = "every name made neutral (--names neutral)"
    else:
        from .text import known_names

        leak = name_leak(Path(src.name).stem, policy.text, known_names(policy.text, gallery))
        if leak is None:
            return iter([final]), None
        why = f"the file name gives away a {leak}"
    names = neutral_names(_digest(content), final.suffix.lower(), kind=kind, today=today)
    return (final.with_name(n) for n in names), why


__all__ = ["NameMode", "choose_output", "name_leak", "neutral_names", "readings", "camera_name", "classify_line"]
