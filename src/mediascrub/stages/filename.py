"""Is the file name itself a leak? ``doris_smith_room14_birthday.jpg`` names a person and her room.

A name is read like a line of text in the picture: split into words on ``_ - .``, spaces, case
changes and letter/digit boundaries, read as written and with each word capitalised (names in
file names are often lower case), then sorted by the same text rules that decide what to hide in
the picture (the registry of :mod:`mediascrub.textrules`, under the settings' ``[text] hide``; the
one place that calls it is ``_Verdicts``). The settings' ``[text] names``, ``sensitive_terms``
and ``keep`` and the consent gallery's names count too.

A camera's own name (``IMG_1234``, ``DSC01234``, ``PXL_20240501_123456789``, ``Screenshot ...``)
says nothing about the people in it and is kept as it is.

``--names`` chooses: ``keep`` (every name as it is), ``neutral`` (every file gets a neutral name),
``auto`` (the default: a neutral name only for a name that gives something away). A neutral name is
``photo-<publishing date>-<8 hex digits of the file's content hash>.<ext>`` (``clip-`` for clips):
unique per content, never an existing file's name; the JSON report maps each input to its output.

Folders below the input folder are mirrored below the output folder, and their names are read the same way
(:class:`FolderNames`): ``clean/Doris Smith/cake.jpg`` would give her name away even when the file's own name
does not. A folder whose name gives something away (every folder, under ``neutral``) is published as
``folder-<8 hex digits>``: a keyed hash of its name (the key is kept in the output folder's private state
folder), so the files of one folder stay together from run to run and the name cannot be guessed back by
hashing a list of names.
"""

from __future__ import annotations

import hashlib
import hmac
import re
from collections.abc import Iterator, Sequence
from datetime import date
from pathlib import Path, PurePath
from typing import Any

from ..policy import NameMode, Policy, TextPolicy
from ..textrules import LineVerdict, NameSource, split_line
from ..textrules import classify_line as classify_text_line
from ..textrules.house_number import ROOM_PREFIXES

#: Names cameras, phones and screenshot tools give files on their own: a prefix, then digits, dates and times.
_CAMERA_NAME = re.compile(
    r"^((img|dsc[nf]?|pxl|mvimg|vid|pano|gopr|gh\d\d|dji|sam|cimg|kimg|hpim|pict|dcp|mg|p\d{3}|photo|image|screenshot"
    r"|screen shot|whatsapp image|whatsapp video|signal|telegram|snapchat|burst|mov|pic|picture|scan)[\s_\-.]*"
    r"|(19|20)\d{6}(?=[\s_\-.]|$))"  # or a date first: 20240501_123456
    r"[\d\s_\-.:,()at]*$",
    re.IGNORECASE,
)
_SEPARATORS = re.compile(r"[\s_\-.+~,;()\[\]{}]+")
_STRONG_SEPARATORS = re.compile(r"[\s_.+~,;()\[\]{}]+")  # all but the hyphen
_CASE_CHANGE = re.compile(r"(?<=[a-z])(?=[A-Z])")
_LETTER_DIGIT = re.compile(r"(?<=[A-Za-z])(?=\d)|(?<=\d)(?=[A-Za-z])")


def _words(stem: str) -> list[str]:
    return _LETTER_DIGIT.sub(" ", _SEPARATORS.sub(" ", _CASE_CHANGE.sub(" ", stem))).split()


def readings(stem: str) -> list[str]:
    """The ways a whole file name is read as a line of text (see the module)."""
    spaced = _SEPARATORS.sub(" ", _CASE_CHANGE.sub(" ", stem)).strip()
    split = _LETTER_DIGIT.sub(" ", spaced)
    out = [stem.replace("_", " "), spaced, split, spaced.title(), split.title()]
    return list(dict.fromkeys(r for r in out if r))


#: Longest run of a name's words read on its own (a name, an address: "flat 3 12 high street").
MAX_PIECE_WORDS = 6


def pieces(stem: str) -> list[str]:
    """Every run of two to MAX_PIECE_WORDS of the name's words, shorter than the whole, as written and
    capitalised: a file name strings together what a sign puts on lines of its own (``doris smith`` |
    ``room 14`` | ``birthday``), and each line is read on its own there. A camera's own name among them
    (``copy_of_IMG_1234``) is left out, as a whole such name is."""
    # Pieces between separators: Room14 stays whole, and so does a hyphenated code (DSC-HX5V, GT-I9000: a
    # camera's model, not a plate) when the name has other separators; a name joined by hyphens alone
    # (doris-smith-room14) is split on them.
    strong = _STRONG_SEPARATORS.sub(" ", stem).split()
    words = strong if len(strong) > 1 else _SEPARATORS.sub(" ", stem).split()
    runs = [" ".join(words[i : i + n]) for n in range(min(len(words) - 1, MAX_PIECE_WORDS), 1, -1)
            for i in range(len(words) - n + 1)]
    return list(dict.fromkeys(r for run in runs if not camera_name(run) for r in (run, run.title())))


#: A year, a month or a day alone (``2024``, ``2024-05``, ``2024_05_01``): how photos are filed by date.
_DATE_NAME = re.compile(r"^(19|20)\d\d([\s_\-.]?(0[1-9]|1[0-2])([\s_\-.]?(0[1-9]|[12]\d|3[01]))?)?$")


def camera_name(stem: str) -> bool:
    """Whether ``stem`` is a name a camera, phone or screenshot tool gives on its own (nothing else in it),
    or a date alone, as photos are filed by date (``2024``, ``2024-05``, ``2024-05-01``)."""
    stem = stem.strip()
    return (bool(_CAMERA_NAME.match(stem)) and any(c.isdigit() for c in stem)) or bool(_DATE_NAME.match(stem))


class _Verdicts:
    """The picture's text rules on the lines of one name: the only call into them here. The rules' context is
    made once, and a line read more than once (a run of words beside a cue is also a piece) is classified once."""

    def __init__(self, policy: TextPolicy, names: Sequence[tuple[str, str]]) -> None:
        from .text import rule_context

        self.policy = policy
        self.ctx = rule_context(policy, names)
        self._seen: dict[str, LineVerdict] = {}

    def __call__(self, text: str) -> LineVerdict:
        if text not in self._seen:
            self._seen[text] = classify_text_line(text, self.ctx, self.policy.hide)
        return self._seen[text]

    def why(self, text: str) -> str | None:
        """What the line gives away (None: nothing). A room's number alone (``room14``, ``bed2``) is how a
        photographer files a place, not a form's ``Room 28``: a name beside it still counts (``room14 doris``)."""
        match = self(text).match
        if match is not None and match.label == "house_number" and split_line(text).fixed[:1] in {(w,) for w in ROOM_PREFIXES}:
            return None
        return None if match is None else f"{match.label.replace('_', ' ')} ({match.reason})"


def _name_beside_cue(stem: str, verdict: _Verdicts) -> str | None:
    """As on a sign, a run of words that could be a name right beside a name cue (``margaret`` |
    ``birthday``, ``room 14`` | ``doris``) is a name (stages/text.py does the same with lines)."""
    if "person_name" not in verdict.policy.hide or NameSource.CONTEXT not in verdict.ctx.name_sources:
        return None
    words = _words(stem)
    for j in range(1, len(words)):  # the boundary between two neighbouring runs of up to 3 words
        before = [verdict(" ".join(words[i:j]).title()) for i in range(max(0, j - 3), j)]
        after = [verdict(" ".join(words[j:k]).title()) for k in range(j + 1, min(len(words), j + 3) + 1)]
        for one, other in ((before, after), (after, before)):
            cue = any(v.features.name_cue for v in other)
            if cue and any(v.features.could_be_name and not v.features.name_cue and not v.features.role and not v.kept for v in one):
                return "person name (a name beside a name cue (Birthday, Room, Mr))"
    return None


def name_leak(stem: str, policy: TextPolicy, names: Sequence[tuple[str, str]] = ()) -> str | None:
    """Why the file name ``stem`` must not be published (a person's name, an address, a phone number...),
    or None when it gives nothing away. Never repeats the name. The whole name is read first, then its
    runs of words (:func:`pieces`), then names beside a name cue."""
    if camera_name(stem):
        return None
    verdict = _Verdicts(policy, names)
    for line in readings(stem) + pieces(stem):
        if (why := verdict.why(line)) is not None:
            return why
    return _name_beside_cue(stem, verdict)


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


class FolderNames:
    """Maps the folders of a path below the output folder to names that give nothing away (see the module).

    ``key``: the secret that keys the neutral names (:func:`..run.statedir.names_key`). Each folder is read on
    its own, with the settings' and the gallery's names; what was renamed and why is kept in :attr:`renamed`
    (original folder path below the output folder -> (new path, why)), for the run to say once."""

    def __init__(self, policy: Policy, key: bytes, gallery: Any = None) -> None:
        from .text import known_names

        self.mode = policy.output.names
        self.text = policy.text
        self.key = key
        self.names = known_names(policy.text, gallery) if self.mode is NameMode.AUTO else []
        self.renamed: dict[str, tuple[str, str]] = {}
        self._one: dict[str, tuple[str, str | None]] = {}

    def neutral(self, folder: str) -> str:
        return "folder-" + hmac.new(self.key, folder.encode("utf-8", "surrogateescape"), hashlib.sha256).hexdigest()[:8]

    def _folder(self, folder: str) -> tuple[str, str | None]:
        if folder not in self._one:
            if self.mode is NameMode.KEEP:
                self._one[folder] = (folder, None)
            elif self.mode is NameMode.NEUTRAL:
                self._one[folder] = (self.neutral(folder), "every name made neutral (--names neutral)")
            else:
                leak = name_leak(folder, self.text, self.names)
                self._one[folder] = (folder, None) if leak is None else (self.neutral(folder), f"the folder name gives away a {leak}")
        return self._one[folder]

    def map(self, rel: PurePath) -> Path:
        """``rel`` (a file's path below the output folder) with each of its folders mapped; its file name is
        left to :func:`choose_output`."""
        parts = list(rel.parts[:-1])
        out: list[str] = []
        for i, folder in enumerate(parts):
            name, why = self._folder(folder)
            out.append(name)
            if why is not None:
                self.renamed.setdefault(PurePath(*parts[: i + 1]).as_posix(), (PurePath(*out).as_posix(), why))
        return Path(*out, rel.name) if out else Path(rel.name)


__all__ = ["FolderNames", "NameMode", "choose_output", "name_leak", "neutral_names", "readings", "pieces", "camera_name"]
