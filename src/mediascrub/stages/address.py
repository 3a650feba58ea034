"""Does a line of text read by OCR give away an address?

A pure classifier of strings: no pixels, no models. ``classify_text`` sorts a
line into a :class:`TextCategory` and says why, without repeating the text (the
text itself may be the address).

The word lists (street types for the UK, the Channel Islands and France,
house-name words, number prefixes) are data: ``mediascrub/data/address_words.toml``.

Decisions, all on the side of hiding too much rather than too little:

- A number of 1 to 4 digits on its own, with or without one letter (``12``,
  ``12A``, ``2202``), or after a number word (``No. 7``, ``Flat 3``), or a
  short range (``12-14``), is a house number. So is a year alone on a poster
  (``2019``): a plaque's ``1901`` and a year look the same. Prices, times,
  percentages and decimals (``$20``, ``10:30``, ``50%``, ``3.5``) and numbers of
  5 digits or more (phone numbers, serials) are left alone: they are
  ``OTHER`` with ``looks_addressy`` set, so a low-confidence reading of them is
  reviewed. Numbers inside ordinary words (``LEVEL 2``, ``70%OFF``) are left.
- OCR letter/digit confusions are undone where the position says which is
  meant: ``l2`` -> ``12``, ``1O`` -> ``10`` in a number (it must contain at
  least one real digit: ``IO`` alone stays a word); ``R0AD`` -> ``ROAD`` in a
  word; digit and letter positions of a postcode.
- A street type is a street when it follows a name (``Mill Lane``), or, for
  French and Channel Islands types, comes before one (``Rue de la Mare``), or
  stands alone on its line (``RUE``: signs are often read line by line). Street
  types that are also everyday words (``close``, ``way``, ``park``) count only
  last on the line after a Capitalised word; known phrases (``one way``,
  ``give way``, ``car park``) never count.
- Sensitive terms from the policy are matched fuzzily: the whole term with up
  to one edit per four characters anywhere in the line, or any distinctive
  word of it (5+ letters, not a street or house word) on its own.
"""

from __future__ import annotations

import enum
import functools
import re
import tomllib
import unicodedata
from collections.abc import Sequence
from dataclasses import dataclass
from importlib import resources

from ..errors import ConfigError


class TextCategory(enum.StrEnum):
    """What a line of text is, as far as addresses go."""

    HOUSE_NUMBER = "house_number"
    STREET_NAME = "street_name"
    POSTCODE = "postcode"
    SENSITIVE_TERM = "sensitive_term"
    HOUSE_NAME = "house_name"
    OTHER = "other"


#: Categories whose text is hidden by default.
ADDRESS_CATEGORIES = frozenset(c for c in TextCategory if c is not TextCategory.OTHER)


@dataclass(frozen=True)
class Classification:
    """The verdict on one line.

    ``reason`` never contains the line itself (it names the rule and, at most,
    the word from the word list that matched). ``looks_addressy`` is true for
    every address category and for ``OTHER`` text that contains a digit or a
    near miss of a street or house word: a low-confidence reading of such text
    deserves a person's look.
    """

    category: TextCategory
    reason: str
    looks_addressy: bool

    @property
    def is_address(self) -> bool:
        return self.category in ADDRESS_CATEGORIES


@dataclass(frozen=True)
class WordLists:
    """The contents of ``address_words.toml``, as tuples of folded words."""

    street_suffix: frozenset[tuple[str, ...]]
    street_suffix_weak: frozenset[tuple[str, ...]]
    street_abbreviations: frozenset[str]
    street_prefix: frozenset[tuple[str, ...]]
    street_prefix_alone: frozenset[tuple[str, ...]]
    connectors: frozenset[str]
    not_streets: tuple[tuple[str, ...], ...]
    house_suffix: frozenset[tuple[str, ...]]
    house_prefix: frozenset[tuple[str, ...]]
    house_alone: frozenset[tuple[str, ...]]
    not_names: frozenset[str]
    number_prefixes: frozenset[str]

    @functools.cached_property
    def known_words(self) -> frozenset[str]:
        """Every single word of the street and house lists."""
        out: set[str] = set()
        for group in (self.street_suffix, self.street_prefix, self.house_suffix, self.house_prefix):
            out.update(w for p in group for w in p)
        return frozenset(out)

    @functools.cached_property
    def generic_words(self) -> frozenset[str]:
        """Words too common to identify a sensitive term on their own."""
        return self.known_words | self.connectors | self.not_names | self.number_prefixes

    @functools.cached_property
    def fuzzy_targets(self) -> frozenset[str]:
        """Known words long enough (6+) to match with one OCR error."""
        return frozenset(w for w in self.known_words if len(w) >= 6)


WORDS_RESOURCE = "address_words.toml"

# Letters OCR reads in place of digits, and digits it reads in place of letters.
_TO_DIGIT = {
    "l": "1",
    "I": "1",
    "i": "1",
    "|": "1",
    "!": "1",
    "O": "0",
    "o": "0",
    "D": "0",
    "Q": "0",
    "S": "5",
    "s": "5",
    "B": "8",
    "Z": "2",
    "z": "2",
    "G": "6",
}
_TO_LETTER = {"0": "O", "1": "I", "5": "S", "8": "B", "2": "Z", "6": "G", "4": "A", "7": "T"}
_TOKEN = re.compile(r"[^\W_]+")
_NOT_A_HOUSE_NUMBER = re.compile(r"[$£€¥%:]|\d[.,]\d")
_FRENCH_POSTCODE = re.compile(r"(?<!\d)\d{5}(?!\d)\s+(?:CEDEX|[A-ZÀ-Ý][A-Za-zÀ-ÿ'\-]{2,})")
_UK_POSTCODE = re.compile(r"[A-Z]{1,2}\d[A-Z\d]?\d[A-Z]{2}")


def fold(text: str) -> str:
    """Lower case without accents: ``"Allée"`` -> ``"allee"``."""
    decomposed = unicodedata.normalize("NFKD", text)
    return "".join(c for c in decomposed if not unicodedata.combining(c)).casefold()


def _phrases(items: Sequence[str]) -> frozenset[tuple[str, ...]]:
    return frozenset(tuple(_TOKEN.findall(fold(s))) for s in items if _TOKEN.findall(fold(s)))


@functools.lru_cache(maxsize=1)
def load_word_lists() -> WordLists:
    """Read the packaged word lists once per process. ConfigError if the file is damaged."""
    try:
        raw = resources.files("mediascrub").joinpath("data", WORDS_RESOURCE).read_text(encoding="utf-8")
        data = tomllib.loads(raw)
        street, house, number = data["street"], data["house"], data["number"]
        return WordLists(
            street_suffix=_phrases(street["suffix"]),
            street_suffix_weak=_phrases(street["suffix_weak"]),
            street_abbreviations=frozenset(fold(s) for s in street["abbreviations"]),
            street_prefix=_phrases(street["prefix"]),
            street_prefix_alone=_phrases(street["prefix_alone"]),
            connectors=frozenset(fold(s) for s in street["connectors"]),
            not_streets=tuple(sorted(_phrases(street["not_streets"]), key=len, reverse=True)),
            house_suffix=_phrases(house["suffix"]),
            house_prefix=_phrases(house["prefix"]),
            house_alone=_phrases(house["alone"]),
            not_names=frozenset(fold(s) for s in house["not_names"]),
            number_prefixes=frozenset(fold(s) for s in number["prefixes"]),
        )
    except (OSError, KeyError, TypeError, tomllib.TOMLDecodeError) as exc:
        raise ConfigError(
            f"the packaged word list mediascrub/data/{WORDS_RESOURCE} is missing or damaged ({exc}); reinstall mediascrub"
        ) from None


# --------------------------------------------------------------------------- helpers


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


def _squash(text: str) -> str:
    return "".join(_TOKEN.findall(fold(text)))


def _as_number(tok: str) -> str | None:
    """``tok`` as a house number (1-4 digits, optional letter), undoing OCR confusions, or None."""
    if re.fullmatch(r"\d{1,4}[A-Za-z]?", tok):
        return tok
    if not any(c.isdigit() for c in tok) or len(tok) > 5:
        return None
    whole = "".join(_TO_DIGIT.get(c, c) for c in tok)
    if re.fullmatch(r"\d{1,4}", whole):
        return whole
    head = "".join(_TO_DIGIT.get(c, c) for c in tok[:-1]) + tok[-1]
    if re.fullmatch(r"\d{1,4}[A-Za-z]", head):
        return head
    return None


def _as_word(tok: str) -> str:
    """Undo digit-for-letter OCR errors in a mostly alphabetic token (``R0AD`` -> ``ROAD``)."""
    digits = sum(c.isdigit() for c in tok)
    if digits == 0 or digits > 1 or len(tok) < 3:
        return tok
    return "".join(_TO_LETTER.get(c, c) for c in tok)


@dataclass(frozen=True)
class _Line:
    """One OCR line, split into words: ``orig`` keeps the case, ``words`` is folded and de-confused."""

    raw: str
    orig: tuple[str, ...]
    words: tuple[str, ...]

    @property
    def upper(self) -> bool:
        letters = [c for c in self.raw if c.isalpha()]
        return bool(letters) and all(c.isupper() for c in letters)

    def capitalised(self, i: int) -> bool:
        """Word ``i`` starts with a capital (or the whole line is capitals) and is a word, not a number."""
        o = self.orig[i]
        return o[:1].isupper() and any(c.isalpha() for c in o) and sum(c.isdigit() for c in o) == 0


def _split(text: str) -> _Line:
    orig = tuple(_TOKEN.findall(unicodedata.normalize("NFKC", text)))
    return _Line(raw=text, orig=orig, words=tuple(fold(_as_word(o)) for o in orig))


def _find(words: Sequence[str], phrase: tuple[str, ...]) -> list[int]:
    n = len(phrase)
    return [i for i in range(len(words) - n + 1) if tuple(words[i : i + n]) == phrase]


def _canonical(word: str, lists: WordLists) -> str:
    """A word, or the word-list entry it is one OCR error away from (6+ letters only)."""
    if len(word) < 6 or word in lists.known_words:
        return word
    for target in lists.fuzzy_targets:
        if target in (word + "s", word + "es") or word in (target + "s", target + "es"):
            continue  # singular and plural are different words, not OCR errors: "Garden" is not "Gardens"
        if abs(len(target) - len(word)) <= 1 and word != target and edit_distance(word, target) <= 1:
            return target
    return word


def _masked(line: _Line, lists: WordLists) -> tuple[str, ...]:
    """The line's words with known non-address phrases (``one way``) blanked out."""
    words = [_canonical(w, lists) for w in line.words]
    for phrase in lists.not_streets:
        for i in _find(words, phrase):
            for k in range(i, i + len(phrase)):
                words[k] = ""
    return tuple(words)


def _is_name_word(line: _Line, words: Sequence[str], i: int, lists: WordLists, need_capital: bool) -> bool:
    if not 0 <= i < len(words) or not words[i]:
        return False
    w = words[i]
    if len(w) < 2 or not any(c.isalpha() for c in w) or w in lists.not_names or w in lists.connectors:
        return False
    return line.capitalised(i) or not need_capital


# --------------------------------------------------------------------------- rules


def _sensitive(line: _Line, terms: Sequence[str], lists: WordLists) -> str | None:
    squashed = "".join(line.words)
    generic = lists.generic_words
    for index, term in enumerate(terms, 1):
        t = _squash(term)
        if not t:
            continue
        if len(t) < 4:
            if t in line.words:
                return f"sensitive term #{index} from the policy"
            continue
        if substring_distance(t, squashed) <= allowed_edits(len(t)):
            return f"sensitive term #{index} from the policy"
        for part in _TOKEN.findall(fold(term)):
            if len(part) < 5 or part in generic or part.isdigit():
                continue
            for w in line.words:
                if len(w) >= 4 and edit_distance(part, w) <= allowed_edits(len(part)):
                    return f"part of sensitive term #{index} from the policy"
    return None


def _uk_postcode(candidate: str) -> bool:
    """``candidate`` (upper case, no spaces, 5-7 characters) is a UK/Crown Dependency postcode,
    allowing one OCR letter/digit confusion in a position whose kind is fixed."""
    if not 5 <= len(candidate) <= 7 or not any(c.isdigit() for c in candidate):
        return False
    if _UK_POSTCODE.fullmatch(candidate):
        return True
    outward, inward = candidate[:-3], candidate[-3:]
    fixed_in = _TO_DIGIT.get(inward[0], inward[0]) + "".join(_TO_LETTER.get(c, c) for c in inward[1:])
    for area in (1, 2):
        if len(outward) < area + 1 or len(outward) > area + 2:
            continue
        fixed_out = "".join(_TO_LETTER.get(c, c) for c in outward[:area])
        fixed_out += _TO_DIGIT.get(outward[area], outward[area]) + outward[area + 1 :]
        fixed = fixed_out + fixed_in
        changes = sum(a != b for a, b in zip(fixed, candidate, strict=True))
        if changes <= 1 and _UK_POSTCODE.fullmatch(fixed):
            return True
    return False


_TIME_OR_DOSE = re.compile(r"\d(?:AM|PM|MG|ML|KG|MM|CM|HR|GB|MB|KM)", re.IGNORECASE)


def _uk_postcode_written(candidate: str) -> bool:
    """A UK postcode as written (one or two tokens run together): its exact shape, outward
    letter(s) + digit(s) + optional letter, inward digit + two letters. An OCR letter/digit
    fix is allowed only on text in capitals whose inward part is not a time or a dose
    (``Quiz 2pm``, ``PEG 4pm``, ``500mg`` are not postcodes; ``je2 3qb`` and ``SW1 2PM`` are)."""
    up = candidate.upper()
    if _UK_POSTCODE.fullmatch(up):
        return True
    if any(c.islower() for c in candidate) or _TIME_OR_DOSE.fullmatch(up[-3:]):
        return False
    return _uk_postcode(up)


def _postcode(line: _Line, lists: WordLists) -> str | None:
    if _FRENCH_POSTCODE.search(unicodedata.normalize("NFKC", line.raw)):
        return "French postcode and town"
    toks = [t for t in line.orig if t.isascii()]
    for i, t in enumerate(toks):
        if _uk_postcode_written(t):
            return "postcode"
        if i + 1 < len(toks) and 2 <= len(t) <= 4 and len(toks[i + 1]) == 3 and _uk_postcode_written(t + toks[i + 1]):
            return "postcode"
    return None


def _street(line: _Line, lists: WordLists) -> str | None:
    words = _masked(line, lists)
    n = len(words)
    # Trailing numbers / postcodes after the street type do not stop it being "last".
    last = n - 1
    while last > 0 and (words[last].isdigit() or _as_number(line.orig[last]) is not None):
        last -= 1
    for phrase in sorted(lists.street_prefix, key=len, reverse=True):
        for i in _find(words, phrase):
            j = i + len(phrase)
            if phrase in lists.street_prefix_alone and j == n and (i == 0 or all(_as_number(o) for o in line.orig[:i])):
                return f"street word {_quote(phrase)}"
            if j < n and words[j] and (words[j] in lists.connectors or _is_name_word(line, words, j, lists, need_capital=False)):
                if phrase not in lists.street_suffix_weak or words[j] in lists.connectors or line.capitalised(j):
                    return f"street word {_quote(phrase)}"
    for phrase in sorted(lists.street_suffix, key=len, reverse=True):
        weak = phrase in lists.street_suffix_weak
        for i in _find(words, phrase):
            end = i + len(phrase) - 1
            alone = i == 0 and end == last
            if alone and not weak:
                return f"street word {_quote(phrase)}"
            if i == 0:
                continue
            if weak:
                if end == last and _is_name_word(line, words, i - 1, lists, need_capital=True):
                    return f"street word {_quote(phrase)}"
            elif _is_name_word(line, words, i - 1, lists, need_capital=False) or _as_number(line.orig[i - 1]):
                return f"street word {_quote(phrase)}"
    for w in words:
        if len(w) >= 5 and any(
            edit_distance(w, p[0] + c) <= 1 for p in lists.street_prefix_alone if len(p) == 1 for c in (*lists.connectors, "dela", "del")
        ):
            return "street word run together with its article"  # "RUEDU", OCR's "RUBDU"
    if last >= 1 and words[last] in lists.street_abbreviations and _is_name_word(line, words, last - 1, lists, need_capital=True):
        return f"street abbreviation {_quote((words[last],))}"
    return None


def _house_name(line: _Line, lists: WordLists) -> str | None:
    words = _masked(line, lists)
    n = len(words)
    for phrase in lists.house_alone:
        if words == phrase or (
            len(words) > len(phrase) and all(_as_number(o) for o in line.orig[: n - len(phrase)]) and words[n - len(phrase) :] == phrase
        ):
            return f"house-name word {_quote(phrase)}"
    for phrase in lists.house_suffix:
        for i in _find(words, phrase):
            if i > 0 and _is_name_word(line, words, i - 1, lists, need_capital=True):
                return f"house-name word {_quote(phrase)}"
    for phrase in lists.house_prefix:
        for i in _find(words, phrase):
            j = i + len(phrase)
            while j < n - 1 and words[j] in lists.connectors:
                j += 1  # "Maison LE Gallais"
            if j < n and _is_name_word(line, words, j, lists, need_capital=True):
                return f"house-name word {_quote(phrase)}"
    return None


def _house_number(line: _Line, lists: WordLists) -> str | None:
    if not line.orig or _NOT_A_HOUSE_NUMBER.search(line.raw):
        return None
    i = 0
    while i < len(line.words) and line.words[i] in lists.number_prefixes and _as_number(line.orig[i]) is None:
        i += 1
    prefix = line.words[i - 1] if i else None
    rest = line.orig[i:]
    if not rest:
        return None
    numbers: list[str] = []
    for k, tok in enumerate(rest):
        num = _as_number(tok)
        if num is not None:
            numbers.append(num)
        elif k == len(rest) - 1 and numbers and len(tok) == 1 and tok.isalpha():
            continue  # "12 A"
        else:
            return None
    if len(numbers) > 2 or (len(numbers) == 2 and any(len(re.sub(r"\D", "", x)) > 3 for x in numbers)):
        return None
    if prefix is not None:
        return f"number after {_quote((prefix,))}"
    return "number range" if len(numbers) == 2 else "number on its own"


def _quote(phrase: tuple[str, ...]) -> str:
    return "'" + " ".join(phrase).title() + "'"


def _looks_addressy(line: _Line, lists: WordLists) -> bool:
    if any(c.isdigit() for c in line.raw):
        return True
    squashed = "".join(line.orig)
    if 2 <= len(squashed) <= 4 and all(c in _TO_DIGIT for c in squashed):
        return True  # "lO" alone: perhaps a misread number (one letter alone is too common a misread of anything)
    targets = {w for w in lists.known_words if len(w) >= 4}
    for w in line.words:
        if len(w) >= 5 and any(abs(len(t) - len(w)) <= 1 and edit_distance(w, t) <= 1 for t in targets):
            return True
    return False


def classify_text(text: str, sensitive_terms: Sequence[str] = ()) -> Classification:
    """Sort one OCR line into a :class:`TextCategory`.

    ``sensitive_terms``: the policy's own words to hide (home names, its
    address, ...), matched fuzzily: see :func:`allowed_edits`. The rules are
    tried in order sensitive term, postcode, street, house name, house number;
    the first that matches gives the category and the reason.
    """
    lists = load_word_lists()
    line = _split(text)
    if not line.orig:
        return Classification(TextCategory.OTHER, "no letters or digits", False)
    reason = _sensitive(line, sensitive_terms, lists)
    if reason is not None:
        return Classification(TextCategory.SENSITIVE_TERM, reason, True)
    for category, rule in (
        (TextCategory.POSTCODE, _postcode),
        (TextCategory.STREET_NAME, _street),
        (TextCategory.HOUSE_NAME, _house_name),
        (TextCategory.HOUSE_NUMBER, _house_number),
    ):
        reason = rule(line, lists)
        if reason is not None:
            return Classification(category, reason, True)
    addressy = _looks_addressy(line, lists)
    return Classification(TextCategory.OTHER, "no address pattern" + (" (has digits or a near street word)" if addressy else ""), addressy)


__all__ = [
    "TextCategory",
    "ADDRESS_CATEGORIES",
    "Classification",
    "WordLists",
    "classify_text",
    "load_word_lists",
    "edit_distance",
    "substring_distance",
    "allowed_edits",
    "fold",
]
