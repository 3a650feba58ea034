"""What the text stage needs to know about a line beyond the rule that matched it
(how it sits with the lines around it: a cue for a name beside it, a line that
goes with a card's name, a reading worth a person's look when uncertain)."""

from __future__ import annotations

from dataclasses import dataclass

from .line import TO_DIGIT, Line, edit_distance, fix_digits, nfkc
from .person_name import LABELS, TITLES, name_like
from .words import load_name_lists, load_word_lists


def is_name_cue(line: Line) -> bool:
    """The line ends in a name cue: ``Happy 90th Birthday``, ``Room 14``, ``Name:``, ``Mrs``."""
    if not line.words:
        return False
    last = line.words[-1]
    if last in ("birthday", "bday") or last in TITLES:
        return True
    if last in LABELS and line.raw.rstrip().endswith((":", "-")):
        return True
    if len(line.words) >= 2 and line.words[-2] == "room" and fix_digits(line.orig[-1]).isdigit():
        return True
    return line.words[0] in ("welcome", "congratulations", "happy") and "birthday" in line.words


def is_capitalised_words(line: Line) -> bool:
    """One to three capitalised words and nothing else (a name a cue beside it may point at)."""
    letters = [o for o in line.orig if any(c.isalpha() for c in o)]
    if not 1 <= len(letters) <= 3 or len(letters) != len(line.orig):
        return False
    return all(line.capitalised(i) for i in range(len(line.orig)))


def is_name_shaped(line: Line) -> bool:
    """Two or three capitalised words that read as written names (``Alfie Thwaite``: each
    not an English word, or a listed name that is not an everyday word), perhaps after one
    label word (``Family Alfie Thwaite``)."""
    n = len(line.orig)
    if not 2 <= n <= 4 or not all(o.isalpha() for o in line.orig):
        return False
    return any(n - start in (2, 3) and all(name_like(line, k) for k in range(start, n)) for start in ((0, 1) if n >= 3 else (0,)))


def is_identifying(line: Line) -> bool:
    """A digit, a listed name that is not an everyday word (``Kershaw``), or a name-shaped line:
    on a card with a name or a phone number it goes with them; ``Library`` or ``Menu`` does not."""
    lists = load_name_lists()
    return (
        any(c.isdigit() for c in nfkc(line.raw))
        or any(len(w) >= 3 and (w in lists.surnames or w in lists.given) and w not in lists.everyday for w in line.words)
        or is_name_shaped(line)
    )


def looks_addressy(line: Line) -> bool:
    """A digit, a lone pair of digit look-alikes (``lO``: perhaps 10), or a word one letter
    from a street or house word (``Pasage``)."""
    if any(c.isdigit() for c in line.raw):
        return True
    squashed = "".join(line.orig)
    if 2 <= len(squashed) <= 4 and all(c in TO_DIGIT for c in squashed):
        return True  # one letter alone is too common a misread of anything
    targets = {w for w in load_word_lists().known_words if len(w) >= 4}
    return any(len(w) >= 5 and any(abs(len(t) - len(w)) <= 1 and edit_distance(w, t) <= 1 for t in targets) for w in line.fixed)


@dataclass(frozen=True)
class LineFeatures:
    """``name_cue``: see :func:`is_name_cue`. ``capitalised_words``: see
    :func:`is_capitalised_words`. ``identifying``: see :func:`is_identifying`.
    ``addressy``: see :func:`looks_addressy`. ``sensitive_looking``: 3+ digits or
    an ``@``. A low-confidence reading that is addressy or sensitive-looking and
    matched nothing deserves a person's look."""

    name_cue: bool
    capitalised_words: bool
    identifying: bool
    addressy: bool
    sensitive_looking: bool

    @property
    def worth_a_look(self) -> bool:
        return self.addressy or self.sensitive_looking


def line_features(line: Line) -> LineFeatures:
    raw = nfkc(line.raw)
    return LineFeatures(
        name_cue=is_name_cue(line),
        capitalised_words=is_capitalised_words(line),
        identifying=is_identifying(line),
        addressy=looks_addressy(line),
        sensitive_looking=sum(c.isdigit() for c in raw) >= 3 or "@" in raw,
    )
