"""Does a line of text read by OCR identify a person or say something about their care?

A pure classifier of strings, like :mod:`.address` (no pixels, no models):
:func:`classify_sensitive` sorts one OCR line into a :class:`SensitiveCategory`
and says why, never repeating the text. The categories, each switchable with
``[text] hide = [...]``:

- ``person_name``: from three sources, measured apart by
  ``benchmarks/bench_text.py``: the names of the people in the consent gallery
  and the ``[text] names`` list (fuzzy matched, as sensitive terms are);
  context (a capitalised word after ``Mr``/``Mrs``/``Dr``, ``Name:``,
  ``Happy 90th Birthday`` or ``Room 14``); and general given-name and surname
  lists (US Census 1990, public domain: ``data/names/``; and the international
  given names of Jörg Michael's ``nam_dict.txt``, read from the installed
  ``gender-guesser`` wheel; days and months count as everyday words). A given name counts
  alone unless it is also an everyday word (``Rose``, ``Bill``); then only with
  a surname after it. A surname alone never counts from the lists (too many
  are ordinary words or places: ``Christmas``, ``Kitchen``); on a card with a
  name it is hidden with the card.
- ``phone``: UK and international numbers (``phonenumbers``), or a digit run
  after ``Tel``/``Phone``/``Mob``.
- ``email`` and ``web_address``.
- ``id_number``: NHS numbers (10 digits, valid mod-11 check digit), National
  Insurance numbers (``AB 12 34 56 C``), and any other run of 6+ digits (record
  numbers; a 10-digit run whose check digit is wrong is one of these).
- ``date_of_birth``: a date after DOB/born/d.o.b., or any full date.
- ``plate``: UK registration plates in each format (current ``AB12 CDE``,
  prefix ``A123 BCD``, suffix ``ABC 123D``, dateless) and plate-shaped text in
  general (two groups, 5-8 letters and digits, capitals).
- ``health``: medicines, diagnoses and care words from the shipped, documented
  list ``data/care_terms.toml`` (fuzzy: one wrong letter in 6+, two in 10+).

OCR confusions are undone where the position says what is meant (``O`` for
``0`` in a number, ``1`` for ``l``, spaces inside numbers). A line is also
marked as a *name cue* when it ends in a cue (``Happy 90th Birthday``,
``Room 14``, ``Name:``): the text stage then treats a capitalised line right
beside it as a name.
"""

from __future__ import annotations

import enum
import functools
import re
import tomllib
import unicodedata
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from importlib import resources

from ..errors import ConfigError
from .address import allowed_edits, edit_distance, fold, substring_distance


class SensitiveCategory(enum.StrEnum):
    """What a line gives away, beyond addresses (those are :class:`.address.TextCategory`)."""

    PERSON_NAME = "person_name"
    PHONE = "phone"
    EMAIL = "email"
    WEB_ADDRESS = "web_address"
    ID_NUMBER = "id_number"
    DATE_OF_BIRTH = "date_of_birth"
    PLATE = "plate"
    HEALTH = "health"


ALL_CATEGORIES = frozenset(SensitiveCategory)


class NameSource(enum.StrEnum):
    """Where a person's name can come from (the benchmark measures each)."""

    KNOWN = "known"  # the consent gallery and the [text] names list
    CONTEXT = "context"  # Mr/Mrs, Name:, Happy Birthday, Room 14
    LISTS = "lists"  # general given-name and surname lists


ALL_NAME_SOURCES = frozenset(NameSource)


@dataclass(frozen=True)
class Verdict:
    """The verdict on one line. ``category`` None: nothing sensitive found.

    ``reason`` names the rule (and at most a word from a shipped list), never
    the line itself. ``name_cue``: the line is a cue for a name beside it.
    ``capitalised_words``: the line is one to three capitalised words and
    nothing else (a name the cue may point at). ``looks_sensitive``: the line
    has 3+ digits or an ``@`` (a low-confidence reading of it deserves a look).
    ``identifying``: the line has a digit or a word from the name lists that is
    not an everyday word (``Room 31``, ``Kershaw``): on a card with a name or a
    phone number it is hidden with them; ``Library`` or ``Menu`` is not.
    """

    category: SensitiveCategory | None
    reason: str
    name_cue: bool = False
    capitalised_words: bool = False
    looks_sensitive: bool = False
    identifying: bool = False


# --------------------------------------------------------------------------- data


@dataclass(frozen=True)
class NameLists:
    given: frozenset[str]
    surnames: frozenset[str]
    everyday: frozenset[str]


# Days and months are in the name lists (``Sunday``, ``April``, ``June``) but on a sign they are
# almost always the calendar: like everyday words, they count as a name only before a surname.
_CALENDAR_WORDS = frozenset(
    "monday tuesday wednesday thursday friday saturday sunday january february march april may june july "
    "august september october november december".split()
)


@dataclass(frozen=True)
class CareTerms:
    words: frozenset[str]  # single words
    phrases: tuple[tuple[str, ...], ...]  # several words
    by_length: dict[int, tuple[str, ...]]  # single words of 6+ letters, for fuzzy matching


def _read_resource(*parts: str) -> str:
    try:
        return resources.files("mediascrub").joinpath("data", *parts).read_text(encoding="utf-8")
    except OSError as exc:
        raise ConfigError(f"the packaged list mediascrub/data/{'/'.join(parts)} is missing ({exc}); reinstall mediascrub") from None


def _lines(text: str) -> list[str]:
    return [s.strip() for s in text.splitlines() if s.strip() and not s.startswith("#")]


def parse_nam_dict(text: str) -> set[str]:
    """The given names in Jörg Michael's ``nam_dict.txt`` (the file the ``gender-guesser``
    package ships), folded: one name per line in columns 4-29, gender code first;
    ``=`` lines (short/long equivalents) and ``+``-sorted duplicates skipped; a ``+``
    inside a name (``Jun+Wei``) gives the run-together form and each part."""
    names: set[str] = set()
    for row in text.splitlines():
        if not row or row.startswith(("#", "=")) or len(row) < 4:
            continue
        if len(row) > 29 and row[29] == "+":
            continue
        name = fold(row[3:29].strip())
        for part in (name.replace("+", ""), *name.split("+")):
            if len(part) >= 3 and part.isalpha():
                names.add(part)
    return names


def _international_given_names() -> frozenset[str]:
    """Given names from many countries (GB, Ireland, India, ...): ``gender_guesser/data/nam_dict.txt``."""
    try:
        text = resources.files("gender_guesser").joinpath("data", "nam_dict.txt").read_text(encoding="utf-8")
    except (ModuleNotFoundError, OSError) as exc:
        raise ConfigError(f"the international given-name list (package gender-guesser) is missing ({exc}); reinstall mediascrub") from None
    return frozenset(parse_nam_dict(text))


@functools.lru_cache(maxsize=1)
def load_name_lists() -> NameLists:
    """The given-name, surname and everyday-word lists, read once per process: the shipped
    US Census lists and the international given names of ``gender-guesser``."""
    return NameLists(
        given=frozenset(_lines(_read_resource("names", "given_names.txt"))) | _international_given_names(),
        surnames=frozenset(_lines(_read_resource("names", "surnames.txt"))),
        everyday=frozenset(_lines(_read_resource("names", "everyday_words.txt"))) | _CALENDAR_WORDS,
    )


@functools.lru_cache(maxsize=1)
def load_english_words() -> frozenset[str]:
    """Lower-case English words (SCOWL, ``data/words/english_words.txt``): ``Library Menu``
    is two words, ``Alfie Thwaite`` is not."""
    return frozenset(_lines(_read_resource("words", "english_words.txt")))


@functools.lru_cache(maxsize=1)
def load_care_terms() -> CareTerms:
    """The shipped health and treatment terms (``data/care_terms.toml``), read once per process."""
    try:
        data = tomllib.loads(_read_resource("care_terms.toml"))
        terms = [str(t) for key in ("medication", "condition", "care") for t in data[key]]
    except (KeyError, TypeError, tomllib.TOMLDecodeError) as exc:
        raise ConfigError(f"the packaged list mediascrub/data/care_terms.toml is damaged ({exc}); reinstall mediascrub") from None
    words: set[str] = set()
    phrases: set[tuple[str, ...]] = set()
    for t in terms:
        toks = tuple(_TOKEN.findall(fold(t)))
        if len(toks) == 1:
            words.add(toks[0])
        elif toks:
            phrases.add(toks)
    by_length: dict[int, list[str]] = {}
    for w in words:
        if len(w) >= 6 and w.isalpha():
            by_length.setdefault(len(w), []).append(w)
    return CareTerms(frozenset(words), tuple(sorted(phrases, key=len, reverse=True)), {k: tuple(v) for k, v in by_length.items()})


# --------------------------------------------------------------------------- line helpers

_TOKEN = re.compile(r"[^\W_]+")
_TO_DIGIT = {
    "O": "0", "o": "0", "D": "0", "Q": "0", "l": "1", "I": "1", "i": "1", "|": "1", "!": "1",
    "S": "5", "s": "5", "B": "8", "Z": "2", "z": "2", "G": "6", "b": "6", "g": "9",
}
_TO_LETTER = {"0": "O", "1": "I", "5": "S", "8": "B", "2": "Z", "6": "G", "4": "A", "7": "T"}
_TITLES = frozenset("mr mrs ms miss mx dr prof rev sr sister nurse dame sir lady lord nan nanny grandma grandad auntie uncle".split())
_LABELS = frozenset(
    "name resident client patient carer keyworker staff nurse volunteer manager contact kin family relative worker "
    "gp doctor".split()
)
# Card labels that introduce a person even without a colon: "Manager Anne Hale", "Keyworker Tom Wade".
_ROLE_LABELS = frozenset("manager keyworker carer nurse worker kin contact relative".split())
# What a family web address adds to a name: www.<surname>family.com
_FAMILY_WORDS = ("family", "fam", "clan", "home", "house")
_PHONE_CUES = frozenset("tel tele telephone phone ph mob mobile mob. cell call ring fax whatsapp contact".split())
_DOB_CUES = ("dob", "d o b", "born", "date of birth", "birth date", "birthdate", "geb", "ne le", "nee le")
_MONTHS = {
    m: i
    for i, names in enumerate(
        (("jan", "january"), ("feb", "february"), ("mar", "march"), ("apr", "april"), ("may",), ("jun", "june"),
         ("jul", "july"), ("aug", "august"), ("sep", "sept", "september"), ("oct", "october"), ("nov", "november"),
         ("dec", "december")),
        1,
    )
    for m in names
}
_TLDS = "com|org|net|uk|co\\.uk|org\\.uk|nhs\\.uk|gov\\.uk|ac\\.uk|info|biz|io|me|eu|fr|de|je|gg|ie|us|ca|au"
_EMAIL = re.compile(r"[\w.+-]+\s?[@©®]\s?[\w-]+(?:\s?\.\s?[\w-]+)+", re.UNICODE)
_WEB = re.compile(rf"(?:https?\s?:\s?//|www\s?\.)\S+|\b[\w-]{{2,}}(?:\.[\w-]{{2,}})*\.(?:{_TLDS})\b(?:/\S*)?", re.IGNORECASE)
_DIGITISH = re.compile(r"[0-9OoDQlIi|!SsBZzGbg]")


def _nfkc(text: str) -> str:
    return unicodedata.normalize("NFKC", text)


def fix_digits(tok: str) -> str:
    """A token that is mostly digits with letter look-alikes undone (``O7700`` -> ``07700``)."""
    digits = sum(c.isdigit() for c in tok)
    if digits == 0 or digits < len(tok) / 2 or not all(c.isdigit() or c in _TO_DIGIT for c in tok):
        return tok
    return "".join(_TO_DIGIT.get(c, c) for c in tok)


def _digit_text(text: str) -> str:
    """``text`` with every mostly-numeric token's look-alike letters turned into digits."""
    return re.sub(r"[^\W_]+", lambda m: fix_digits(m.group(0)), _nfkc(text))


@dataclass(frozen=True)
class _Line:
    raw: str
    orig: tuple[str, ...]  # tokens, case kept
    words: tuple[str, ...]  # tokens folded

    @property
    def upper(self) -> bool:
        letters = [c for c in self.raw if c.isalpha()]
        return len(letters) >= 2 and all(c.isupper() for c in letters)

    def capitalised(self, i: int) -> bool:
        o = self.orig[i]
        return (o[:1].isupper() or self.upper) and o.isalpha() and len(o) >= 2

    def has_lower(self, i: int) -> bool:
        """Word ``i`` looks like a written name: ``Margaret`` or ``MARGARET``, not ``mARGARET``."""
        o = self.orig[i]
        return o[:1].isupper() and (o[1:].islower() or o[1:].isupper())


def _split(text: str) -> _Line:
    orig = tuple(_TOKEN.findall(_nfkc(text)))
    return _Line(raw=text, orig=orig, words=tuple(fold(o) for o in orig))


# --------------------------------------------------------------------------- numbers


def nhs_number_valid(digits: str) -> bool:
    """Whether ten digits are an NHS number: weights 10..2, check digit = 11 - (sum mod 11); 11 -> 0, 10 invalid."""
    if not re.fullmatch(r"\d{10}", digits):
        return False
    total = sum(int(d) * w for d, w in zip(digits[:9], range(10, 1, -1), strict=True))
    check = 11 - total % 11
    if check == 11:
        check = 0
    return check != 10 and check == int(digits[9])


_NI_FIRST = set("ABCEGHJKLMNOPRSTWXYZ")
_NI_SECOND = set("ABCEGHJKLMNPRSTWXYZ")
_NI_BAD_PREFIX = {"BG", "GB", "NK", "KN", "TN", "NT", "ZZ"}


def ni_number(text: str) -> bool:
    """Whether ``text`` holds a UK National Insurance number (``AB 12 34 56 C``), allowing one
    OCR letter/digit confusion in the prefix or the digits. The number must stand apart from
    other letters and digits (``DOB 18/03/1945`` is not one)."""
    s = "".join(_TOKEN.findall(_nfkc(text))).upper()
    for start in range(0, max(0, len(s) - 8)):
        cand = s[start : start + 9]
        if start > 0 and (s[start - 1].isdigit() or cand[0].isdigit()):
            continue
        if start + 9 < len(s) and s[start + 9].isalnum():
            continue
        fixed = "".join(_TO_LETTER.get(c, c) for c in cand[:2]) + "".join(_TO_DIGIT.get(c, c) for c in cand[2:8]) + cand[8]
        changes = sum(a != b for a, b in zip(cand, fixed, strict=True))
        if changes > 1 or not fixed[2:8].isdigit():
            continue
        if fixed[0] in _NI_FIRST and fixed[1] in _NI_SECOND and fixed[:2] not in _NI_BAD_PREFIX and fixed[8] in "ABCD":
            return True
    return False


def _digit_runs(text: str) -> list[str]:
    """Runs of digits joined by single spaces, dashes, dots or slashes (``502 992 1486``), as digits only."""
    fixed = _digit_text(text)
    runs = re.findall(r"\+?\d(?:[\d]|[ \-.]\d|\s\(?\d)*", fixed)
    return [re.sub(r"\D", "", r) for r in runs]


def _phone(text: str, line: _Line) -> str | None:
    import phonenumbers

    fixed = _digit_text(text)
    try:
        for match in phonenumbers.PhoneNumberMatcher(fixed, "GB", leniency=phonenumbers.Leniency.POSSIBLE):
            digits = re.sub(r"\D", "", match.raw_string)
            if len(digits) >= 9 and phonenumbers.is_valid_number(match.number):
                return "phone number"
    except Exception:  # noqa: BLE001 - the library must never stop the stage; the digit rules below still apply
        pass
    cue = any(w in _PHONE_CUES for w in line.words)
    runs = _digit_runs(text)
    longest = max((len(r) for r in runs), default=0)
    if cue and longest >= 3 and sum(len(r) for r in runs) >= 5:
        return "digits after a phone word"
    for r in runs:
        if 10 <= len(r) <= 13 and (r.startswith("0") or r.startswith("44")) and not nhs_number_valid(r):
            return "phone-shaped number"
    return None


def _dates(text: str) -> list[tuple[int, int, int]]:
    """Full dates in ``text`` as (day, month, year) with a 2- or 4-digit year; day-first, else month-first."""
    fixed = _digit_text(text)
    out: list[tuple[int, int, int]] = []
    for d, m, y in re.findall(r"(?<!\d)(\d{1,2})\s?[/.\-]\s?(\d{1,2})\s?[/.\-]\s?(\d{4}|\d{2})(?!\d)", fixed):
        di, mi, yi = int(d), int(m), int(y)
        if not 1 <= mi <= 12 and 1 <= di <= 12:
            di, mi = mi, di
        if 1 <= di <= 31 and 1 <= mi <= 12:
            out.append((di, mi, yi))
    for d, mon, y in re.findall(r"(?<!\d)(\d{1,2})(?:st|nd|rd|th)?\s+([A-Za-z]{3,9})\.?,?\s+(\d{4})(?!\d)", fixed):
        if fold(mon) in _MONTHS and 1 <= int(d) <= 31:
            out.append((int(d), _MONTHS[fold(mon)], int(y)))
    for mon, d, y in re.findall(r"([A-Za-z]{3,9})\.?\s+(\d{1,2})(?:st|nd|rd|th)?,?\s+(\d{4})(?!\d)", fixed):
        if fold(mon) in _MONTHS and 1 <= int(d) <= 31:
            out.append((int(d), _MONTHS[fold(mon)], int(y)))
    return [x for x in out if len(str(x[2])) == 2 or 1880 <= x[2] <= 2100]


def _date_of_birth(text: str, line: _Line) -> str | None:
    dates = _dates(text)
    squashed = " ".join(line.words)
    cue = any(re.search(rf"(?:^|\s){re.escape(c)}(?:\s|$)", squashed) for c in _DOB_CUES)
    if dates and cue:
        return "date after a date-of-birth word"
    if cue and any(len(r) in (6, 8) for r in _digit_runs(text)):
        return "digits after a date-of-birth word"
    if dates:
        return "full date (could be a date of birth)"
    return None


# --------------------------------------------------------------------------- plates

_AGE_CODES = {f"{n:02d}" for n in (*range(2, 30), *range(51, 80))}


def _fix_by_pattern(tok: str, pattern: str) -> str | None:
    """``tok`` forced to ``pattern`` (``L`` letter, ``D`` digit) by undoing look-alikes; None if impossible."""
    if len(tok) != len(pattern):
        return None
    out = []
    for c, kind in zip(tok, pattern, strict=True):
        if kind == "L":
            c = _TO_LETTER.get(c, c).upper()
            if not ("A" <= c <= "Z"):
                return None
        else:
            c = _TO_DIGIT.get(c, c)
            if not c.isdigit():
                return None
        out.append(c)
    return "".join(out)


def plate(text: str) -> str | None:
    """The kind of UK registration plate ``text`` is, or "plate-shaped text", or None."""
    raw = _nfkc(text).strip()
    if re.search(r"[^\w\s\-]", raw) or re.sub("[lio]", "", raw).upper() != re.sub("[lio]", "", raw):
        return None  # plates are capitals, letters and digits only (OCR may read 1 and 0 as l, i, o)
    toks = [re.sub("[^lio]", lambda m: m.group(0).upper(), t) for t in _TOKEN.findall(raw)]
    if not toks or len(toks) > 3:
        return None
    s = "".join(toks)
    if not 4 <= len(s) <= 8:
        return None
    matches: list[tuple[int, str]] = []
    for pattern, kind in (("LLDDLLL", "current"), ("LDDDLLL", "prefix"), ("LDDLLL", "prefix"), ("LDLLL", "prefix"),
                          ("LLLDDDL", "suffix"), ("LLLDDL", "suffix"), ("LLLDL", "suffix")):
        fixed = _fix_by_pattern(s, pattern)
        if fixed is None or not any(c.isdigit() for c in s):
            continue  # a word of letters only is not a plate, however it reads
        changes = sum(a != b for a, b in zip(fixed, s, strict=True))
        if changes > 1 or (kind == "current" and fixed[2:4] not in _AGE_CODES):
            continue
        matches.append((changes, kind))
    if matches:
        return f"registration plate ({min(matches)[1]} format)"
    letters = sum(c.isalpha() for c in s)
    digits = sum(c.isdigit() for c in s)
    if (
        len(toks) == 2
        and 5 <= len(s) <= 8
        and letters >= 2
        and digits >= 2
        and raw.upper() == raw
        and all(len(t) <= 4 for t in toks)
        and all(t.isalpha() or t.isdigit() or re.fullmatch(r"[A-Z]{1,3}\d{1,4}|\d{1,4}[A-Z]{1,3}", t) for t in toks)
    ):
        return "plate-shaped text"
    return None


# --------------------------------------------------------------------------- health


def _as_word(word: str) -> str:
    """Undo one digit-for-letter OCR error in a word of letters (``haloperid0l`` -> ``haloperidol``)."""
    if sum(c.isdigit() for c in word) != 1 or len(word) < 4:
        return word
    return "".join(_TO_LETTER.get(c, c) for c in word).lower()


def _health(line: _Line, terms: CareTerms) -> str | None:
    words = [_as_word(w) for w in line.words if w]
    for w in words:
        if w in terms.words:
            return "health or care word"
    for w in words:
        if len(w) < 6 or not w.isalpha():
            continue
        edits = 2 if len(w) >= 10 else 1
        for n in range(len(w) - edits, len(w) + edits + 1):
            for t in terms.by_length.get(n, ()):
                if t[0] == w[0] or t[-1] == w[-1]:
                    if edit_distance(w, t) <= edits:
                        return "health or care word"
    joined = " ".join(words)
    for p in terms.phrases:
        if re.search(rf"(?:^|\s){re.escape(' '.join(p))}(?:\s|$)", joined):
            return "health or care words"
    return None


# --------------------------------------------------------------------------- names


def _known_name(line: _Line, known: Sequence[tuple[str, str]], lists: NameLists) -> str | None:
    """``known``: (name, where from) pairs. Matched like sensitive terms: the whole name
    fuzzily anywhere in the line, or a distinctive part of it (4+ letters, not an everyday word)."""
    squashed = "".join(line.words)
    for name, source in known:
        parts = _TOKEN.findall(fold(name))
        whole = "".join(parts)
        if not whole:
            continue
        if len(whole) >= 4 and substring_distance(whole, squashed) <= allowed_edits(len(whole)):
            return f"name from {source}"
        for part in parts:
            if part.isdigit():
                continue
            if len(part) < 4 or part in lists.everyday:
                if any(w == part and line.capitalised(i) for i, w in enumerate(line.words)):
                    if len(parts) == 1 or len(part) >= 3:
                        return f"part of a name from {source}"
                continue
            for w in line.words:
                if len(w) >= 3 and abs(len(w) - len(part)) <= 1 and edit_distance(part, w) <= allowed_edits(len(part)):
                    return f"part of a name from {source}"
    return None


def _context_name(line: _Line) -> str | None:
    n = len(line.words)
    for i, w in enumerate(line.words):
        nxt = i + 1
        if w in _TITLES and nxt < n and line.capitalised(nxt):
            return "capitalised word after a title (Mr, Mrs, Dr...)"
        if w in _LABELS and nxt < n and line.capitalised(nxt) and re.search(rf"{re.escape(line.orig[i])}\s*[:\-]", line.raw):
            return "words after a name label"
        if (
            w in _ROLE_LABELS
            and n - nxt == 2
            and all(_name_like(line, k) for k in (nxt, nxt + 1))
            and all(line.orig[k].isalpha() for k in range(n))
        ):
            return "two capitalised words after a card label (Manager, Keyworker)"
        if w == "birthday" and nxt < n and line.capitalised(nxt):
            return "capitalised word after 'Birthday'"
        if w == "room" and nxt + 1 < n and fix_digits(line.orig[nxt]).isdigit() and line.capitalised(nxt + 1):
            return "capitalised word after a room number"
    return None


def _is_cue(line: _Line) -> bool:
    """The line ends in a name cue: ``Happy 90th Birthday``, ``Room 14``, ``Name:``, ``Mrs``."""
    if not line.words:
        return False
    last = line.words[-1]
    if last in ("birthday", "bday") or last in _TITLES:
        return True
    if last in _LABELS and line.raw.rstrip().endswith((":", "-")):
        return True
    if len(line.words) >= 2 and line.words[-2] == "room" and fix_digits(line.orig[-1]).isdigit():
        return True
    return line.words[0] in ("welcome", "congratulations", "happy") and "birthday" in line.words


def _listed_name(line: _Line, lists: NameLists) -> str | None:
    words, n = line.words, len(line.words)
    for i, w in enumerate(words):
        if not line.capitalised(i) or not line.has_lower(i):
            continue
        if len(w) >= 3 and w in lists.given:
            if w not in lists.everyday:
                return "given name"
            if i + 1 < n and line.capitalised(i + 1) and words[i + 1] in lists.surnames and words[i + 1] not in lists.everyday:
                return "given name and surname"
    return None


def _name_shaped(line: _Line) -> bool:
    """The line is two or three capitalised words that read as written names (``Alfie
    Thwaite``: each not an English word, or a listed name that is not an everyday word),
    perhaps after one label word (``Family Alfie Thwaite``): on a card with a phone
    number or an email address it is the person's name."""
    n = len(line.orig)
    if not 2 <= n <= 4 or not all(o.isalpha() for o in line.orig):
        return False
    return any(n - start in (2, 3) and all(_name_like(line, k) for k in range(start, n)) for start in ((0, 1) if n >= 3 else (0,)))


def _name_like(line: _Line, k: int) -> bool:
    """Word ``k`` is written like a name and is not an English word, unless a listed name
    that is not an everyday word (``Boateng``, ``Hughes``; not ``Music``, ``Rose``)."""
    w = line.words[k]
    if not (line.capitalised(k) and line.has_lower(k) and len(w) >= 2):
        return False
    lists = load_name_lists()
    return w not in load_english_words() or ((w in lists.given or w in lists.surnames) and w not in lists.everyday)


def _name_pair(label: str, lists: NameLists) -> bool:
    """``label`` (one part of a host name) is two names run together: a given name and a
    surname (``annasmith``), or a name (or a word that is not English) and a family word
    (``smithfamily``; ``funfamily`` is not one)."""
    for cut in range(3, len(label) - 2):
        head, tail = label[:cut], label[cut:]
        if tail in _FAMILY_WORDS and len(head) >= 4 and head not in lists.everyday and (
            head in lists.surnames or head in lists.given or head not in load_english_words()
        ):
            return True  # a family's site is named for the family: a name, or at least not an English word
        if head in lists.given and tail in lists.surnames and len(tail) >= 4 and not (head in lists.everyday and tail in lists.everyday):
            return True
    return False


def _capitalised_words(line: _Line) -> bool:
    letters = [o for o in line.orig if any(c.isalpha() for c in o)]
    if not 1 <= len(letters) <= 3 or len(letters) != len(line.orig):
        return False
    return all(line.capitalised(i) for i in range(len(line.orig)))


_SOCIAL = ("facebook", "fb", "instagram", "twitter", "x", "tiktok", "linkedin", "youtube", "youtu", "blogspot",
           "wordpress", "blog", "flickr", "pinterest", "justgiving", "gofundme", "wix", "substack", "medium", "t", "me")


def _personal_web(url: str) -> str | None:
    """Why ``url`` looks like a person's page or address, or None (a shop's or a
    photo library's bare domain, like a watermark, is left alone).

    Personal: a path after the host (``facebook.com/margaret.f``), a social or
    blog host, or a host part that is a listed given name or surname that is
    not an everyday word (``megan.ogdenmail.com``: an email whose @ was not read).
    """
    u = fold(url)
    u = re.sub(r"^(?:https?\s?:\s?//)?(?:www\s?\.)?", "", u)
    host, _, path = u.partition("/")
    labels = [x for x in re.split(r"[.\-_]", host) if x]
    if path.strip(" /.") and len(re.sub(r"\W", "", path)) >= 2:
        return "web address of a page"
    if any(x in _SOCIAL for x in labels[:-1]):
        return "web address of a social or blog page"
    lists = load_name_lists()
    if len(labels) >= 3 and any(x in lists.given and x not in lists.everyday and len(x) >= 3 for x in labels[:2]):
        return "email address (its @ not read)"
    if any(len(x) >= 4 and (x in lists.given or x in lists.surnames) and x not in lists.everyday for x in labels[:-1]):
        return "web address with a name in it"
    if any(_name_pair(x, lists) for x in labels[:-1]):
        return "web address with a name in it"
    return None


# --------------------------------------------------------------------------- the classifier


def classify_sensitive(
    text: str,
    *,
    known_names: Sequence[tuple[str, str]] = (),
    hide: Iterable[str] = ALL_CATEGORIES,
    name_sources: Iterable[str] = ALL_NAME_SOURCES,
) -> Verdict:
    """Sort one OCR line into a :class:`SensitiveCategory` (or None) and say why.

    ``known_names``: (name, source) pairs, e.g. ``("Margaret Fletcher", "the
    consent gallery")``, matched fuzzily (see :func:`.address.allowed_edits`).
    ``hide``: the categories to look for (others are never returned).
    ``name_sources``: which :class:`NameSource` may make a person's name.
    Rules are tried in the order email, web address, ID number, date of birth,
    phone, plate, health, person name; the first that matches decides.
    """
    hide = frozenset(hide)
    sources = frozenset(name_sources)
    line = _split(text)
    raw = _nfkc(text)
    if not line.orig:
        return Verdict(None, "no letters or digits")
    digits = sum(c.isdigit() for c in raw)
    looks = digits >= 3 or "@" in raw
    cue = _is_cue(line)
    caps = _capitalised_words(line)

    lists = load_name_lists()
    identifying = (
        any(c.isdigit() for c in raw)
        or any(len(w) >= 3 and (w in lists.surnames or w in lists.given) and w not in lists.everyday for w in line.words)
        or _name_shaped(line)
    )

    def found(cat: SensitiveCategory, reason: str) -> Verdict:
        return Verdict(cat, reason, cue, caps, True, True)

    if SensitiveCategory.EMAIL in hide and _EMAIL.search(raw):
        return found(SensitiveCategory.EMAIL, "email address")
    if SensitiveCategory.WEB_ADDRESS in hide or SensitiveCategory.EMAIL in hide:
        for m in _WEB.finditer(raw):
            reason = _personal_web(m.group(0))
            if reason is None:
                continue
            if reason.startswith("email") and SensitiveCategory.EMAIL in hide:
                return found(SensitiveCategory.EMAIL, reason)
            if SensitiveCategory.WEB_ADDRESS in hide:
                return found(SensitiveCategory.WEB_ADDRESS, reason)
    if SensitiveCategory.DATE_OF_BIRTH in hide:
        reason = _date_of_birth(text, line)
        if reason is not None:
            return found(SensitiveCategory.DATE_OF_BIRTH, reason)
    runs = _digit_runs(text)
    if SensitiveCategory.ID_NUMBER in hide:
        if any(nhs_number_valid(r) for r in runs):
            return found(SensitiveCategory.ID_NUMBER, "NHS number (valid check digit)")
        if ni_number(text):
            return found(SensitiveCategory.ID_NUMBER, "National Insurance number")
    if SensitiveCategory.PHONE in hide:
        reason = _phone(text, line)
        if reason is not None:
            return found(SensitiveCategory.PHONE, reason)
    if SensitiveCategory.ID_NUMBER in hide:  # after the phone test: a phone number is a long digit group too
        if any(len(r) >= 6 for r in runs) and not re.search(r"[$£€¥%]|\d[.,]\d{2}\b", raw):
            return found(SensitiveCategory.ID_NUMBER, "long digit group (a record or reference number)")
        if any(w in ("nhs", "ni", "nino", "ref", "id", "mrn", "chi") for w in line.words) and any(len(r) >= 3 for r in runs):
            return found(SensitiveCategory.ID_NUMBER, "digits after an ID word (NHS, NI, ref)")
    if SensitiveCategory.PLATE in hide:
        reason = plate(text)
        if reason is not None:
            return found(SensitiveCategory.PLATE, reason)
    if SensitiveCategory.HEALTH in hide:
        reason = _health(line, load_care_terms())
        if reason is not None:
            return found(SensitiveCategory.HEALTH, reason)
    if SensitiveCategory.PERSON_NAME in hide:
        reason = None
        if NameSource.KNOWN in sources and known_names:
            reason = _known_name(line, known_names, load_name_lists())
        if reason is None and NameSource.CONTEXT in sources:
            reason = _context_name(line)
        if reason is None and NameSource.LISTS in sources:
            reason = _listed_name(line, load_name_lists())
        if reason is not None:
            return found(SensitiveCategory.PERSON_NAME, reason)
    return Verdict(None, "nothing sensitive", cue, caps, looks, identifying)


__all__ = [
    "SensitiveCategory",
    "NameSource",
    "ALL_CATEGORIES",
    "ALL_NAME_SOURCES",
    "Verdict",
    "classify_sensitive",
    "load_name_lists",
    "load_care_terms",
    "nhs_number_valid",
    "ni_number",
    "plate",
    "fix_digits",
]
