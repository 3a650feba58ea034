"""One line of OCR text, split into words the same way for every text rule.

Every rule reads a line through :func:`split_line`: the words as written
(``orig``, case kept), folded (``words``: lower case, no accents) and folded
with one digit-for-letter OCR error undone (``fixed``: ``R0AD`` -> ``road``).
The OCR look-alike tables and the fuzzy-matching distances live here too, so
that a ``0`` read for an ``O`` is undone the same way by the address, number
and name rules.
"""

from __future__ import annotations

import functools
import re
import unicodedata
from collections.abc import Sequence
from dataclasses import dataclass

TOKEN = re.compile(r"[^\W_]+")

#: Letters OCR reads in place of digits (undone where the position says a digit is meant).
TO_DIGIT = {
    "O": "0", "o": "0", "D": "0", "Q": "0", "l": "1", "I": "1", "i": "1", "|": "1", "!": "1",
    "S": "5", "s": "5", "B": "8", "Z": "2", "z": "2", "G": "6", "b": "6", "g": "9",
}  # fmt: skip
#: Digits OCR reads in place of letters.
TO_LETTER = {"0": "O", "1": "I", "5": "S", "8": "B", "2": "Z", "6": "G", "4": "A", "7": "T"}


def fold(text: str) -> str:
    """Lower case without accents: ``"Allée"`` -> ``"allee"``."""
    decomposed = unicodedata.normalize("NFKD", text)
    return "".join(c for c in decomposed if not unicodedata.combining(c)).casefold()


def nfkc(text: str) -> str:
    return unicodedata.normalize("NFKC", text)


def squash(text: str) -> str:
    """Letters and digits only, folded: ``"Rue de la Mare"`` -> ``"ruedelamare"``."""
    return "".join(TOKEN.findall(fold(text)))


def as_word(tok: str) -> str:
    """Undo one digit-for-letter OCR error in a word of 3+ characters (``R0AD`` -> ``ROAD``)."""
    if sum(c.isdigit() for c in tok) != 1 or len(tok) < 3:
        return tok
    return "".join(TO_LETTER.get(c, c) for c in tok)


def fix_digits(tok: str) -> str:
    """A token that is mostly digits with letter look-alikes undone (``O7700`` -> ``07700``)."""
    digits = sum(c.isdigit() for c in tok)
    if digits == 0 or digits < len(tok) / 2 or not all(c.isdigit() or c in TO_DIGIT for c in tok):
        return tok
    return "".join(TO_DIGIT.get(c, c) for c in tok)


def digit_text(text: str) -> str:
    """``text`` with every mostly-numeric token's look-alike letters turned into digits."""
    return TOKEN.sub(lambda m: fix_digits(m.group(0)), nfkc(text))


def digit_runs(text: str) -> list[str]:
    """Runs of digits joined by single spaces, dashes, dots or slashes (``502 992 1486``, ``(01632) 960139``), as digits only."""
    runs = re.findall(r"\+?\(?\d(?:[\d]|[ \-.]\d|\)?\s\(?\d)*", digit_text(text))
    return [re.sub(r"\D", "", r) for r in runs]


def runs_of(flags: Sequence[bool]) -> list[tuple[int, int]]:
    """The maximal runs of true ``flags`` as (start, end) indices (a line's words with digits, say)."""
    out: list[tuple[int, int]] = []
    for k, flag in enumerate(flags):
        if flag and out and out[-1][1] == k:
            out[-1] = (out[-1][0], k + 1)
        elif flag:
            out.append((k, k + 1))
    return out


def as_number(tok: str) -> str | None:
    """``tok`` as a house number (1-4 digits, optional letter), undoing OCR confusions, or None."""
    if re.fullmatch(r"\d{1,4}[A-Za-z]?", tok):
        return tok
    if not any(c.isdigit() for c in tok) or len(tok) > 5:
        return None
    whole = "".join(TO_DIGIT.get(c, c) for c in tok)
    if re.fullmatch(r"\d{1,4}", whole):
        return whole
    head = "".join(TO_DIGIT.get(c, c) for c in tok[:-1]) + tok[-1]
    if re.fullmatch(r"\d{1,4}[A-Za-z]", head):
        return head
    return None


@dataclass(frozen=True)
class Line:
    """One OCR line split into words: ``orig`` as written, ``words`` folded, ``fixed`` folded
    with one digit-for-letter OCR error undone (see :func:`as_word`)."""

    raw: str
    orig: tuple[str, ...]
    words: tuple[str, ...]
    fixed: tuple[str, ...]

    @functools.cached_property
    def upper(self) -> bool:
        """Two or more letters, all capitals (once per line: rules ask it for every word)."""
        letters = [c for c in self.raw if c.isalpha()]
        return len(letters) >= 2 and all(c.isupper() for c in letters)

    @functools.cached_property
    def text(self) -> str:
        """``raw`` in NFKC form: what ``orig`` was split from."""
        return nfkc(self.raw)

    @functools.cached_property
    def spans(self) -> tuple[tuple[int, int], ...]:
        """Where each word of ``orig`` starts and ends in :attr:`text` (once per line)."""
        return tuple(m.span() for m in TOKEN.finditer(self.text))

    @property
    def squashed(self) -> str:
        return "".join(self.words)

    def capitalised(self, i: int) -> bool:
        """Word ``i`` is a word of 2+ letters (no digits) starting with a capital."""
        o = self.orig[i]
        return o[:1].isupper() and o.isalpha() and len(o) >= 2

    def has_lower(self, i: int) -> bool:
        """Word ``i`` looks like a written name: ``Margaret`` or ``MARGARET``, not ``mARGARET``."""
        o = self.orig[i]
        return o[:1].isupper() and (o[1:].islower() or o[1:].isupper())


#: A price (``£5.70``, ``3p``), a clock's time (``9.30``, ``14:05``, ``4pm``) or a decimal (``3.5``): never a house number.
_QUANTITY = re.compile(r"[£$€]\s?\d+(?:[.,]\d+)?|\d+[.:]\d+(?:\s?[ap]m)?|\d+\s?(?:p|am|pm)(?![^\W\d_])", re.IGNORECASE)


@functools.lru_cache(maxsize=4096)
def quantity_words(text: str) -> frozenset[int]:
    """The indices of the words of ``text`` (:attr:`Line.orig`) that are part of a price, a time or a decimal."""
    t = nfkc(text)
    spans = [m.span() for m in _QUANTITY.finditer(t)]
    return frozenset(
        k for k, m in enumerate(TOKEN.finditer(t)) if any(a <= m.start() and m.end() <= b for a, b in spans)
    )


@functools.lru_cache(maxsize=4096)
def split_line(text: str) -> Line:
    """``text`` as a :class:`Line` (cached: every rule reads the same line)."""
    orig = tuple(TOKEN.findall(nfkc(text)))
    return Line(raw=text, orig=orig, words=tuple(fold(o) for o in orig), fixed=tuple(fold(as_word(o)) for o in orig))


# --------------------------------------------------------------------------- fuzzy matching


def edit_distance(a: str, b: str) -> int:
    """Levenshtein distance (insertions, deletions, substitutions)."""
    if len(a) < len(b):
        a, b = b, a
    prev = list(range(len(b) + 1))
    for i, ca in enumerate(a, 1):
        cur = [i]
        for j, cb in enumerate(b, 1):
            cur.append(min(prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + (ca != cb)))
        prev = cur
    return prev[-1]


def substring_distance(pattern: str, text: str) -> int:
    """The fewest edits that turn ``pattern`` into some substring of ``text``."""
    if not pattern:
        return 0
    prev = [0] * (len(text) + 1)  # the match may start anywhere in text: free prefix
    for i, cp in enumerate(pattern, 1):
        cur = [i]
        for j, ct in enumerate(text, 1):
            cur.append(min(prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + (cp != ct)))
        prev = cur
    return min(prev)  # ... and end anywhere: free suffix


def allowed_edits(length: int) -> int:
    """How many OCR errors a fuzzy match of a ``length``-character string tolerates.

    One per four characters (none below 4): ``Mare`` needs 3 of 4 letters right,
    ``Windsor Manor`` may have 3 wrong. Larger values catch worse OCR and match
    more unrelated words.
    """
    return 0 if length < 4 else length // 4
