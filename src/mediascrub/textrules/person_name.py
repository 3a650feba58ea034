"""People's names, from evidence, never from a long list alone (:class:`.rule.NameSource`):

- **known**: the names of the people in the consent gallery and the ``[text]
  names`` list, fuzzy matched as sensitive terms are;
- **context**: a title (``Mrs Okafor``, ``Nan Doris``), a label (``Name:
  Chidi``), a card label before two name-like words (``Manager Anne Hale``), a
  cue before the name (``Happy 90th Birthday Rose``, ``Room 14 Tobiah``,
  ``Hello my name is Chidi``, ``Welcome Abena``, ``Bingo with Grace``), a
  possessive (``Doris's Room``), an initial (``J Okafor``, ``S. Rose``), a
  register's or rota's row (``13/12 Yuqing Huang``, ``Abena Mensah 10:30
  14:05``, ``Night 8-8 Dafydd``), a cue in a sentence before a word no
  dictionary has (``Please see Jianhua in the office``). The words of
  ``data/name_context.toml``. On a card, the line beside a cue or a role line
  (``Senior Carer``), under a board's title for people (``Our Staff``) or beside
  a rota's shift (``Early``), is a name too: that is layout, decided by the text
  stage with :func:`could_be_name`;
- **lists** (US Census 1990, and the international given names of
  ``gender-guesser``'s ``nam_dict.txt``), only for a line in *name position*,
  the name and nothing else: one given name that is not an everyday English
  word (``Patricia``, ``Niamh``), or a given name then a surname or an initial
  (``Rose Kershaw``, ``Grace M.``), not both everyday words (``Rose Garden``,
  ``May Fair``). A common word that is also a name (``Sale``, ``Rose``,
  ``May``, ``Bill``, ``Grace``, ``Hope``) alone, or a name inside a longer line
  (``Victoria sponge``, ``Costa Coffee``), needs context. A surname alone never
  counts from the lists (``Christmas``, ``Kitchen``).
"""

from __future__ import annotations

import enum
import re
from collections.abc import Iterator, Sequence

from .date_of_birth import MONTHS
from .line import (
    TOKEN,
    Line,
    allowed_edits,
    as_number,
    edit_distance,
    fix_digits,
    fold,
    nfkc,
    quantity_words,
    split_line,
    substring_distance,
)
from .rule import Candidate, NameSource, RuleContext, TextRule
from .words import CALENDAR_WORDS, NameLists, load_english_words, load_name_context, load_name_lists, load_word_lists

#: Given names too (``Sunday``), but on a sign always the day.
WEEKDAYS = frozenset("monday tuesday wednesday thursday friday saturday sunday mon tue tues wed weds thu thur thurs fri sat".split())
#: A room's or bed's number before a name: ``Room 14 Tobiah``, ``Bed 3 Abena`` (a handover board), ``Bay 2 Chidi``.
ROOM_WORDS = frozenset("room rm bed bay".split())
#: Names in the lists (``Rota``, ``Panto``, ``Bingo``) that on a care home's notice are always the word: never a name alone.
NOTICE_WORDS = frozenset("rota rotas panto bingo".split())
#: Words a census list has as given names but a sign uses as words: ``The Ritz`` is no one.
_FUNCTION_WORDS = frozenset("the and for with our all new old best big top hot not you his her its".split())


#: What a shop, practice, club or place of worship calls itself after its name (``Village Chemists``,
#: ``Parkway Pharmacy``, ``Hollins Lane Lunch Club``): the name is the business's, never a person's or a home's.
BUSINESS_WORDS = frozenset(
    "chemist chemists pharmacy pharmacies surgery practice club centre center clinic shop shops store stores cafe "
    "bakery bakers butchers opticians optician dentist dentists dental salon garage library church chapel mosque "
    "synagogue temple gurdwara school nursery ltd limited plc masjid mandir cathedral".split()
)



class Reads(enum.Enum):
    """Which words may be read as a name (:func:`name_word`)."""

    STRICT = "strict"  # only words that are not English words (Okafor, Thwaite)
    GIVEN = "given"  # ... or a listed given name, everyday or not (Grace, Rose; not Kitchen, Church)
    ANY = "any"  # ... or a listed surname too (Sale, Hall): beside a role line on a badge


#: Particles of surnames, written in lower case between a given name and the rest of the surname.
NAME_PARTICLES = frozenset("ap ab ferch van von der den de da di du del della dos das bin binti bint ibn al el".split())

#: ``MacLeod``, ``McAllister``, ``DeSouza``: a name with one capital inside it.
_INNER_CAPITAL = re.compile(r"[A-Z][a-z]+[A-Z][a-z]+")


def as_written(line: Line, k: int) -> str:
    """Word ``k`` with a first-letter OCR confusion undone where the rest is a lower-case word:
    ``0ksana`` -> ``Oksana``; after a capitalised word or where it makes a listed given name,
    ``lonescu`` -> ``Ionescu``, ``loana`` -> ``Ioana``, ``lvy`` -> ``Ivy`` (``l`` read for ``I``; three letters:
    only to a listed given name). English words (``lot``, ``long``) stay as they are."""
    word = line.orig[k]
    if len(word) == 3 and word[0] == "l" and word[1:].isalpha() and word[1:].islower() and fold(word) not in load_english_words():
        return "I" + word[1:] if "i" + fold(word[1:]) in load_name_lists().given else word  # lvy: Ivy, lan: Ian
    if len(word) >= 4 and word[1:].isalpha() and word[1:].islower():
        if word[0] == "0":
            return "O" + word[1:]
        if word[0] == "l" and fold(word) not in load_english_words():
            if (k > 0 and line.capitalised(k - 1)) or "i" + fold(word[1:]) in load_name_lists().given:
                return "I" + word[1:]
    return word


def written_like_name(word: str) -> bool:
    """``Margaret``, ``MARGARET`` or ``MacLeod`` (2+ letters, a capital first), not ``mARGARET``."""
    if not (word[:1].isupper() and word.isalpha() and len(word) >= 2):
        return False
    return word[1:].islower() or word[1:].isupper() or _INNER_CAPITAL.fullmatch(word) is not None


def name_word(line: Line, k: int, reads: Reads = Reads.STRICT) -> bool:
    """Word ``k`` is written like a name (capitalised, ``Margaret``, ``MARGARET``, ``MacLeod``;
    a first-letter OCR confusion undone: :func:`as_written`) and reads as one under ``reads``.
    Acronyms of up to three capitals (``NHS``, ``BBC``) are names only when listed given names
    (``ANN``, ``SUE``)."""
    o = as_written(line, k)
    if not written_like_name(o):
        return False
    w = fold(o)
    lists = load_name_lists()
    if o.isupper() and len(o) <= 3 and w not in lists.given:
        return False
    if w not in lists.everyday and w not in load_english_words():
        return True
    if w in WEEKDAYS or w in NOTICE_WORDS or reads is Reads.STRICT:
        return False
    return w in lists.given or (reads is Reads.ANY and w in lists.surnames)


def initial_at(line: Line, k: int) -> str | None:
    """Word ``k`` is an initial: one capital followed by a dot (``"dot"``: ``S. Rose``), or one
    capital alone (``"bare"``: ``J Okafor``; not ``A`` or ``I``, which are words); else None."""
    o = line.orig[k]
    if len(o) != 1 or not ("A" <= o <= "Z"):
        return None
    after = line.spans[k][1]
    if line.text[after : after + 1] == ".":
        return "dot"
    return None if o in "AI" else "bare"


def _initial_name(line: Line, start: int, end: int) -> bool:
    """Words ``start`` to ``end`` are an initial (or two) and then one or two surnames: ``J Okafor``,
    ``S. Rose``, ``J. P. Smith``. After a bare initial the surname is a listed name that is no English
    word (``B Block``, ``C Wing`` and OCR's noise, ``K Oudirsw``, stay); after a dotted one it may be
    any word that is not English (``K. Adeyemi``) or a listed name that is (``S. Rose``, ``J. Smith``),
    but never a street or house word or a month or day (``A. Road``)."""
    lists, address = load_name_lists(), load_word_lists().known_words
    dotted = False
    k = start
    while k < end and initial_at(line, k) is not None:
        dotted = dotted or initial_at(line, k) == "dot"
        k += 1
    if not 1 <= end - k <= 2 or k - start > 2:
        return False
    for j in range(k, end):
        w = fold(as_written(line, j))
        listed = w in lists.given or w in lists.surnames
        if name_word(line, j, Reads.STRICT) and (dotted or listed):
            continue  # after a bare initial a listed name only: OCR's noise reads like 'K Oudirsw'
        if not (dotted and written_like_name(as_written(line, j)) and listed and len(w) >= 3):
            return False
        if w in address or w in CALENDAR_WORDS:
            return False
    return True


def _surname_then_initial(line: Line) -> bool:
    """A register's ``Okafor, J.``, ``SMITH J``, ``Mensah A. B.``: one or two surnames, then one or
    two initials and nothing else. A surname here is no English word (``Okafor``), or a listed surname
    that is no everyday word (``Mensah``); ``Plan B``, ``Gate C`` and ``Vitamin D`` stay."""
    n = len(line.orig)
    k = n
    while k > 0 and len(line.orig[k - 1]) == 1 and "A" <= line.orig[k - 1] <= "Z":
        k -= 1
    if not (1 <= k <= 2 and 1 <= n - k <= 2):
        return False
    lists = load_name_lists()
    written = any(initial_at(line, j) == "dot" for j in range(k, n)) or "," in line.raw  # Okafor, J.
    for j in range(k):
        w = fold(as_written(line, j))
        listed = w in lists.surnames and w not in lists.everyday and written_like_name(as_written(line, j))
        if not ((written and name_word(line, j, Reads.STRICT)) or listed) or w in WEEKDAYS or w in MONTHS:
            return False  # before a bare initial a listed surname only (OCR's noise: 'Oudirsw K')
    return True


def _particle(line: Line, j: int) -> bool:
    """A surname's particle (``ap``, ``van``): in lower case, or in capitals on a line all in capitals."""
    return line.orig[j] in NAME_PARTICLES or (line.upper and line.words[j] in NAME_PARTICLES)


def name_run(line: Line, start: int, reads: Reads = Reads.GIVEN, end: int | None = None) -> bool:
    """Words ``start`` to ``end`` (default: the end of the line) are one to three name words:
    the first reads as a name under ``reads``; after it, an initial (``Abena M.``), a name word,
    or a listed surname even when it is an English word (``Roisin Goldsmith``, ``Margaret Church``);
    a surname's particle in lower case between them (``Marcia ap Rhys``, ``Ruud van Dijk``).
    Or an initial and a surname (``J Okafor``, ``S. Rose``: :func:`_initial_name`)."""
    n = len(line.orig) if end is None else end
    if start < n and initial_at(line, start) is not None:
        return _initial_name(line, start, n)
    particles = sum(_particle(line, j) for j in range(start + 1, n - 1))
    if not 1 <= n - start - particles <= 3 or not name_word(line, start, reads):
        return False
    surnames = load_name_lists().surnames
    for j in range(start + 1, n):
        o = line.orig[j]
        if (len(o) == 1 and o.isupper()) or (_particle(line, j) and j < n - 1):
            continue
        surname = line.words[j] in surnames and line.words[j] not in CALENDAR_WORDS | NOTICE_WORDS  # not Merry Christmas, Staff Rota
        if not (name_word(line, j, reads) or (written_like_name(as_written(line, j)) and surname)):
            return False
    return True


def _unlisted(w: str) -> bool:
    """A folded word that no list has: neither an English word nor an everyday one, nor a listed name (``Mbuyi``,
    ``Ogundipe``), three letters or more."""
    lists = load_name_lists()
    return len(w) >= 3 and w not in load_english_words() and w not in lists.everyday and w not in lists.given \
        and w not in lists.surnames


def full_name(line: Line, start: int, end: int) -> bool:
    """Words ``start`` to ``end`` are a person's full name by the lists alone, wherever they stand: two or three
    capitalised words (a surname's particle between them aside), no business's, calendar's or notice's word, and

    - a listed given name (``Fernanda``; ``Joy``, ``Grace``, ``Chase`` too, everyday words as they are), then a
      listed surname that is no everyday word (``Fernanda Oliveira``, ``Rose Kershaw``) or a word no list has
      (``Joy Moradi``, ``Grace Kabila``, ``Bill Ogundipe``; in capitals, ``GOLDEN VILLABEY``, a shop's sign):
      ``Rose Garden``, ``Earl Grey``, ``Victoria Station`` and ``Honey Roast`` stay;
    - a word no list has, then a listed surname or given name that is no everyday word (``Lindiwe Mensah``,
      ``Garang Abdi``): two words no list has (``Plas Newydd``, ``Croeso Cymru``) stay.

    A middle word is a name word or a listed surname. ``Mercy Hospital``, ``Grace Church``: an English word last."""
    words = [j for j in range(start, end) if not (_particle(line, j) and start < j < end - 1)]
    if not 2 <= len(words) <= 3:
        return False
    if any(not written_like_name(as_written(line, j)) or len(line.orig[j]) < 2 for j in words):
        return False
    if any(line.text[line.spans[j - 1][1] : line.spans[j][0]].strip(" -'’") for j in range(start + 1, end)):
        return False  # Holly (Ilex): a plant's label, not a name
    folded = [fold(as_written(line, j)) for j in words]
    lists = load_name_lists()
    if any(line.orig[j].isupper() and len(line.orig[j]) <= 3 and w not in lists.given for j, w in zip(words, folded, strict=True)):
        return False  # Reg MOT: an acronym
    if any(w in BUSINESS_WORDS or w in CALENDAR_WORDS or w in NOTICE_WORDS
           or w in _FUNCTION_WORDS for w in folded):
        return False
    first, last = folded[0], folded[-1]
    if len(folded) == 3 and not (name_word(line, words[1], Reads.ANY) or folded[1] in lists.surnames):
        return False
    if len(first) >= 3 and first in lists.given:
        if first in lists.everyday and _unlisted(last) and any(line.orig[j].isupper() for j in words):
            return False  # GOLDEN VILLABEY: an everyday word in capitals before a word no list has is a shop's sign
        return (last in lists.surnames and last not in lists.everyday) or _unlisted(last)
    if _unlisted(first):
        return len(last) >= 4 and (last in lists.surnames or last in lists.given) and last not in lists.everyday
    return False


def could_be_name(line: Line, badge: bool = False) -> bool:
    """The whole line could be a person's name if something beside it says so: one to three
    name words, everyday given names too (``Rose``, ``GRACE``); with ``badge`` (under or over
    a role, or under a column heading), also one word that is a listed surname (``Sale``,
    ``Hall``), or one before words that are not English (``Mo Zielinska``), not two English
    words (``Coffee Morning``)."""
    n = len(line.orig)
    if not n:
        return False
    if name_run(line, 0, Reads.GIVEN):
        return True
    return badge and n <= 3 and name_word(line, 0, Reads.ANY) and all(name_word(line, k) for k in range(1, n))


def known_name(line: Line, known: Sequence[tuple[str, str]], lists: NameLists) -> str | None:
    """``known``: (name, where from) pairs. Matched like sensitive terms: the whole name
    fuzzily anywhere in the line, or a distinctive part of it (4+ letters, not an everyday word)."""
    squashed = line.squashed
    for name, source in known:
        parts = TOKEN.findall(fold(name))
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


def _cue_before(line: Line) -> tuple[str, int] | None:
    """A cue phrase (``Hello my name is``, ``Welcome``) followed by a name to the end of the line."""
    words = line.words
    for phrase in load_name_context().cue_endings:
        n = len(phrase)
        for i in range(len(words) - n):
            if tuple(words[i : i + n]) == phrase and name_run(line, i + n, Reads.GIVEN):
                return "name after a cue (Hello my name is, Welcome)", i + n
    return None


def role_words(words: Sequence[str]) -> bool:
    """One to five words of ``data/name_context.toml``'s roles, one of them a noun (``Senior Carer``,
    ``Duty manager``, ``First aider``)."""
    cx = load_name_context()
    return (
        1 <= len(words) <= 5
        and all(w in cx.role_nouns or w in cx.role_modifiers for w in words)
        and any(w in cx.role_nouns for w in words)
    )


#: A clock time or a span of them: ``9pm``, ``10:30``, ``7am-2pm``, ``07:00-14:00``.
_TIME = re.compile(r"\d{1,2}(?:[:.]\d{2})?\s*(?:am|pm)|\d{1,2}[:.]\d{2}", re.IGNORECASE)


#: A line that starts with a clock time: an appointments list's row (``09:15 Mr Ratnasingham rm 9 beard trim``).
_TIME_START = re.compile(rf"\W*(?:{_TIME.pattern})(?!\w)", re.IGNORECASE)


def _word_at(line: Line, pos: int) -> int:
    """How many of the line's words start before character ``pos`` of its text."""
    return len(TOKEN.findall(nfkc(line.raw[:pos])))


def _after_label(line: Line) -> tuple[str, int] | None:
    """``Nurse in charge today: Grace``, ``On call: Thi``, ``Fire marshal - Lakshmi``: a short label
    (one to five words, no digits), a colon or dash, then a name to the end of the line. A name that
    is an everyday word (``Sunny``, ``Summer``) needs a person's role or label before it (``First
    aider``, ``Escort``), so that ``Theme: Summer`` stays."""
    m = re.search(r":|\s[\-\u2013]", line.raw)  # not the hyphen of Al-Sayed
    if m is None:
        return None
    k = _word_at(line, m.start())
    before = line.words[:k]
    if not 1 <= k <= 5 or not all(o.isalpha() for o in line.orig[:k]) or not name_run(line, k, Reads.GIVEN):
        return None
    if initial_at(line, k - 1) == "dot":
        return None  # Tesfalem C. - Halal: the name is before the dash, a note after it (_name_then_note)
    cx = load_name_context()
    person = any(w in cx.labels or w in cx.role_nouns or (w in cx.role_modifiers and len(w) > 3) for w in before)
    if not person and not any(name_word(line, j, Reads.STRICT) for j in range(k, len(line.orig))):
        return None
    return "a name after a label and a colon (On call: ..., Nurse in charge: ...)", k


def _role_after(line: Line) -> tuple[str, None] | None:
    """``Ayaan Farah - Domestic``, ``Grace Okafor, Senior Carer``, ``Dimitra Cook - Senior``: a name,
    then a dash or comma and a role (its words all role words): the whole line."""
    m = re.search(r"\s[\-\u2013]\s|,", line.raw)
    if m is None:
        return None
    cx = load_name_context()
    k = _word_at(line, m.start())
    rest = line.words[k:]
    if 1 <= k < len(line.words) and len(rest) <= 5 and all(w in cx.role_nouns or w in cx.role_modifiers for w in rest):
        if name_run(line, 0, Reads.GIVEN, end=k):
            return "a name before a role (... - Carer)", None
    return None


def _initial_alone(line: Line, k: int) -> bool:
    """The initial at word ``k`` ends the name: the end of the line, or a note after a dash, colon or comma
    (``Mrs H - hearing aids in drawer``)."""
    return k + 1 == len(line.orig) or _note_break(line, k) == k + 1


def _note_break(line: Line, start: int) -> int:
    """Where a handover's note starts after the name that starts at word ``start`` (``Rm. 31 Everton
    Forbes`` | ``- low mood``): the first word after a dash, colon or comma; the end of the line if none."""
    m = re.compile(r":|\s[\-\u2013]|,").search(line.text, line.spans[start][0]) if start < len(line.orig) else None
    k = _word_at(line, m.start()) if m is not None else len(line.orig)
    return k if k > start else len(line.orig)


def _before_digits(line: Line, start: int, end: int) -> int:
    """The first word from ``start`` to ``end`` with a digit in it, or ``end``: where a flu list's name ends before the
    date of birth (``Rm. 203 D. Ahmed`` | ``1966/12/21``)."""
    return next((k for k in range(start + 1, end) if any(c.isdigit() for c in line.orig[k])), end)


def _name_then_note(line: Line) -> tuple[str, int] | None:
    """``Doris: soft diet``, ``Enid - Soft``, ``Arthur Jenkins, Room 4``: a name alone before a colon,
    dash or comma, a note after it: the name (the start of the line). The name reads as one from
    the lists: a given name that is no everyday word, or one with a listed surname (``Rose Kershaw``);
    ``Rose - Garden room`` and ``Note: ...`` stay."""
    m = re.search(r":|\s[\-\u2013]\s|,", line.raw)
    if m is None:
        return None
    k = _word_at(line, m.start())
    if not 1 <= k < len(line.words) or not name_run(line, 0, Reads.GIVEN, end=k):
        return None
    if full_name(line, 0, k):
        return "a name before a note (Doris: soft diet)", k  # Joy Moradi - 190 hours, Garang Abdi - 89 hours
    lists = load_name_lists()
    first, last = fold(as_written(line, 0)), fold(as_written(line, k - 1))
    if k == 2 and initial_at(line, 1) == "dot" and name_word(line, 0, Reads.STRICT) and len(first) >= 3:
        return "a name before a note (Doris: soft diet)", k  # Nazia B. - No pork: a given name no list has, and an initial
    if first not in lists.given or len(first) < 3:
        return None
    if first in lists.everyday and not (k > 1 and last in lists.surnames and last not in lists.everyday):
        return None
    return "a name before a note (Doris: soft diet)", k


def _role_before(line: Line) -> tuple[str, int] | None:
    """``Duty manager Marta Silva``, ``Senior Carer Grace``: a role, then a name to the end of the line."""
    for k in range(1, len(line.words)):
        if role_words(line.words[:k]) and name_run(line, k, Reads.GIVEN):
            return "a name after a role (Duty manager, Senior Carer)", k
    return None


#: A shift's times: clock times, or a span of hours (``8-8``, ``7-3``).
_SHIFT = re.compile(_TIME.pattern + r"|(?<![\d/.:])\d{1,2}\s?[-\u2013]\s?\d{1,2}(?![\d/.:])", re.IGNORECASE)


def _after_time(line: Line) -> tuple[str, int] | None:
    """A rota's line: a shift's times, then a name to the end of the line (``Late 2pm-9pm Bogdan``,
    ``Night 07:00-14:00 Olena Kovalenko``, ``Night 8-8 Dafydd``)."""
    spans = list(_SHIFT.finditer(line.raw))
    if not spans:
        return None
    k = _word_at(line, spans[-1].end())
    if 0 < k < len(line.orig) and not _SHIFT.search(line.raw[spans[-1].end():]) and name_run(line, k, Reads.GIVEN):
        return "a name after a shift's times (a rota)", k
    return None


_MONTH_NAMES = "|".join(sorted(MONTHS, key=len, reverse=True))
_DAY_NAMES = "|".join(sorted(WEEKDAYS, key=len, reverse=True))
#: A day at the start of a register's row: ``13/12``, ``13.12.26``, ``Mon 13/12``, ``13 Dec``, ``13th December``.
_DATE_START = re.compile(
    rf"^\W*(?:(?:{_DAY_NAMES})\.?,?\s+)?(?:\d{{1,2}}\s?[/.\-]\s?\d{{1,2}}(?:\s?[/.\-]\s?\d{{2,4}})?"
    rf"|\d{{1,2}}(?:st|nd|rd|th)?\s+(?:{_MONTH_NAMES})\b\.?)(?=\s)",
    re.IGNORECASE,
)


#: A day spelt out at the end of a birthday list's row: ``10th April``, ``3 May``, ``22nd of June``.
_DATE_SPELT = re.compile(rf"\b\d{{1,2}}(?:st|nd|rd|th)?\s+(?:of\s+)?(?:{_MONTH_NAMES})\b\.?", re.IGNORECASE)


def _after_date(line: Line) -> tuple[str, int] | None:
    """A sign-in sheet's or register's row: a day, then a name to the end of the line (``13/12
    Yuqing Huang``, ``Mon 13 Dec Abena``). Not a name made only of everyday words (``14/12 Carol
    Service``, ``13 Dec Rose Garden``)."""
    m = _DATE_START.match(nfkc(line.raw))
    if m is None:
        return None
    k = _word_at(line, m.end())
    if not 0 < k < len(line.orig) or not name_run(line, k, Reads.GIVEN):
        return None
    everyday = load_name_lists().everyday
    if all(len(w) > 1 and w in everyday for w in line.words[k:]):
        return None
    return "a name after a day (a register's row)", k


def _before_time(line: Line) -> tuple[str, int] | None:
    """A sign-in sheet's row with the name first, then only a day or a time in and a time out
    (``Abena Mensah 10:30 14:05``, ``Yuqing Huang 13/12``): the name (the start of the line). An
    activity board's ``Tai Chi 10:30-11:30`` (one time or a span) stays, and so does a name made
    of everyday words (``Rose Garden 13/12``) or starting with one (``Summer Fete 13/12``)."""
    raw = nfkc(line.raw)
    spelt = _DATE_SPELT.search(raw)
    if spelt is not None and spelt.end() == len(raw.rstrip(" .!")):  # a birthday list's Rhiannon Baker 10th April
        k = _word_at(line, spelt.start())
        lists = load_name_lists()
        if 0 < k <= 3 and name_run(line, 0, Reads.GIVEN, end=k) and fold(as_written(line, 0)) in lists.given:
            first, last = fold(as_written(line, 0)), fold(as_written(line, k - 1))
            if first not in lists.everyday or (k > 1 and last in lists.surnames and last not in lists.everyday):
                return "a name before a day (a birthday list)", k
    m = _SHIFT.search(raw) or _DATE_ANY.search(raw)
    if m is None:
        return None
    k = _word_at(line, m.start())
    rest = raw[m.start():]
    if not 0 < k < len(line.orig) or re.sub(r"(?i)am|pm", "", rest).strip(" \t0123456789:./-\u2013,|()") != "":
        return None
    in_out = len(re.findall(r"\d{1,2}[:.]\d{2}", rest)) >= 2 and not re.search(r"\d\s*(?:[-\u2013]|to)\s*\d", rest)
    if not (in_out or (_DATE_ANY.search(rest) and not _TIME.search(rest))) or not name_run(line, 0, Reads.GIVEN, end=k):
        return None
    lists = load_name_lists()
    first, last = fold(as_written(line, 0)), fold(as_written(line, k - 1))
    if first in lists.everyday and not (k > 1 and last in lists.surnames and last not in lists.everyday):
        return None
    return "a name before times or days (a register's row)", k


#: A day written in digits anywhere: ``13/12``, ``13.12.26``.
_DATE_ANY = re.compile(r"(?<![\d:])\d{1,2}\s?[/.\-]\s?\d{1,2}(?:\s?[/.\-]\s?\d{2,4})?(?![\d:])")


def _name_from(line: Line, k: int, reads: Reads = Reads.STRICT) -> int | None:
    """Where a name that starts at word ``k`` in the middle of a sentence ends (the index after
    its last word), or None: a capitalised word that is no English word (``Jianhua``, ``Priya``;
    not ``Rose``) or an initial and a surname, then perhaps more such words or a listed surname
    (``Tomasz Nowak``)."""
    n = len(line.orig)
    if initial_at(line, k) is not None:
        end = k + 1
        while end < n and (initial_at(line, end) is not None or name_word(line, end, Reads.STRICT)):
            end += 1
        return end if _initial_name(line, k, end) else None
    if not name_word(line, k, reads):
        return None
    lists = load_name_lists()
    end = k + 1
    while end < n and end - k < 3 and written_like_name(as_written(line, end)):
        w = line.words[end]
        if not (name_word(line, end, Reads.STRICT) or (w in lists.surnames and w not in lists.everyday)):
            break
        end += 1
    return end


def _sentence_cue(line: Line) -> tuple[str, int | None, int | None] | None:
    """A name after a cue anywhere in a sentence (``Please see Jianhua in the office``, ``ask for
    Tomasz``, ``speak to Priya``, ``Allocated to Xiu``): ``data/name_context.toml``'s sentence cues,
    then a name that is no English word (:func:`_name_from`; ``see Rose garden`` stays). After a
    cue that only a person follows (``Congratulations to``, ``Please pray for``: its person cues),
    a listed given name that is an everyday word too (``Congratulations to Merline and Sunny``).
    The name's words only (start, end)."""
    cx = load_name_context()
    return _cued_name(line, cx.person_cues, Reads.GIVEN, "a name after a wish or a prayer (Congratulations to, pray for)") or _cued_name(
        line, cx.sentence_cues, Reads.STRICT, "a name after a cue in a sentence (ask for, speak to, see)"
    )


def _cued_name(line: Line, cues: Sequence[tuple[str, ...]], reads: Reads, why: str) -> tuple[str, int | None, int | None] | None:
    """The name after the first of ``cues`` that has one (words read under ``reads``; ``and`` or
    ``or`` joining more names), as (why, start, end)."""
    words = line.words
    for phrase in cues:
        n = len(phrase)
        for i in range(len(words) - n):
            if tuple(words[i : i + n]) == phrase:
                end = _name_from(line, i + n, reads)
                while end is not None and end + 1 < len(words) and words[end] in ("and", "or", "&"):
                    more = _name_from(line, end + 1, Reads.GIVEN)  # speak to Priya or Chidi; Merline and Sunny
                    if more is None or not _ends_a_name(line, more):
                        break
                    end = more
                if end is not None and (_ends_a_name(line, end) or full_name(line, i + n, end)):
                    # Referred by: Tracey Stanekzai | Housing Support; a whole name needs no ending
                    start: int | None = i + n
                    if reads is Reads.GIVEN and 1 <= i <= 3 and name_run(line, 0, Reads.GIVEN, i):
                        start = None  # Lowenna buys for Amrit Clarke: a name before a person's cue is one too
                    return why, start, (end if end < len(words) else None)
    return None


#: Words that may follow a person's name in a sentence (``see Jianhua in the office``, ``with Chidi and friends``).
_AFTER_NAME = frozenset(
    "in at on and or for about to if by from before after with when who is will can today tomorrow tonight please "
    "this next every our your the a an re regarding thanks or".split()
)


#: A minutes' action point, then who does it: ``Action: Hyacinth to write to the council``.
_ACTION = re.compile(r"^\W*actions?(?:\s+points?)?\s*[:\-\u2013]\s*", re.IGNORECASE)
#: What follows the ones who do an action point: ``to write``, ``will ask``.
_ACTION_VERBS = frozenset("to will".split())


def _action_owner(line: Line) -> tuple[str, int, int | None] | None:
    """The name an action point starts with, before ``to``/``will`` (``Action: Hyacinth to write to the
    council``, ``Actions - Tomasz Nowak will ask``): a listed given name or a word that is no English one,
    up to three words. ``Action: Review the policy`` names no one. The name's words only (start, end)."""
    m = _ACTION.match(nfkc(line.raw))
    if m is None:
        return None
    k = _word_at(line, m.end())
    n = len(line.orig)
    end, start = k, k
    while True:
        first = end
        while end < n and end - first < 3 and (name_word(line, end, Reads.GIVEN) or (end > first and name_word(line, end, Reads.ANY))):
            end += 1
        if end == first:
            return None
        if end + 1 < n and line.words[end] in ("and", "or") and name_word(line, end + 1, Reads.GIVEN):
            end += 1  # Grace and Priya to plan the fete
            continue
        break
    if end >= n or line.words[end] not in _ACTION_VERBS:
        return None
    return "a name an action point starts with (Action: ... to)", start, (None if _place_after(line, end) else end)


def _ends_a_name(line: Line, end: int) -> bool:
    """What follows the name at word ``end`` ends it: the end of the line, punctuation, a small word
    (``in``, ``and``, ``about``), or a capitalised word that is no English word or is a day or
    month (``with Chidi Friday``); not a noun it describes (``with Nordic poles``, ``with Tesco
    vouchers``, ``Pasta with Pesto Sauce``, a file name's ``sample With Exif Data``)."""
    if end >= len(line.orig) or line.words[end] in _AFTER_NAME:
        return True
    between = line.text[line.spans[end - 1][1] : line.spans[end][0]]
    if any(c in between for c in ",;:()-\u2013!?&") or (between.strip() == "." and len(line.orig[end - 1]) > 1):
        return True  # Ask for Fernanda Oliveira - Home Manager, Speak to Chinwe Ekwueme (Deputy), Love Bronagh & family
    if not line.orig[end][:1].islower():
        word = line.words[end]
        return word in CALENDAR_WORDS or word not in load_english_words()
    return False


def _name_first(line: Line) -> tuple[str, int | None] | None:
    """A full name first on its line, other words after it (a menu's ``Hilda Boateng Vegetarian``,
    ``Dennis G. Gluten free``): a listed given name, then an initial, a listed surname that is no
    everyday word, or (after a given name that is no everyday word either) a word that is not
    English; the name is the start of the line. One given name before a word stays (``Victoria
    sponge``), and so does ``Summer Fete``."""
    n = len(line.orig)
    if n >= 3 and initial_at(line, 0) is not None:  # J Okafor Vegetarian, S. Rose - soft diet
        end = _name_from(line, 0)
        return ("an initial and a surname first on its line", end) if end is not None and end < n else None
    if n < 3 or len(line.orig[0]) < 3 or not name_word(line, 0, Reads.GIVEN) or any(w in BUSINESS_WORDS for w in line.words):
        return None  # Zion Methodist Chapel, Nadia Okafor Pharmacy: a business's or a church's name
    lists = load_name_lists()
    if full_name(line, 0, 2):
        end = 2
        while end < n and end < 3 and (full_name(line, 0, end + 1) or name_word(line, end)):
            end += 1  # Mercy Dela Cruz, Ntrs Anjali Akol
        return "a full name first on its line (a menu, a list)", (end if end < n else None)
    if fold(line.orig[0]) not in lists.given:
        return None
    o = as_written(line, 1)
    initial = len(o) == 1 and o.isupper() and not re.search(rf"{re.escape(line.orig[0])}\s*['’`]", line.raw)  # not HEATHER'S
    listed = line.words[1] in lists.surnames and line.words[1] not in lists.everyday
    unlisted = name_word(line, 1, Reads.STRICT) and fold(line.orig[0]) not in lists.everyday  # not Summer Fete
    if not (initial or (written_like_name(o) and (listed or unlisted))):
        return None
    end = 2
    while end < n and (line.text[line.spans[end - 1][1] : line.spans[end - 1][1] + 1] in ("-", "'", "’") or name_word(line, end)):
        end += 1  # Al-Sayed, O'Neill, a second surname
    return "a full name first on its line (a menu, a list)", (end if end < n else None)


#: A list's or a plaque's lead before a name: a time (``9.15``, ``10:30am``), a year (``2025``), or a plot's, a
#: pitch's or a table's number (``Plot 23``).
_LEAD = re.compile(r"^\W*(?:\d{1,2}[:.]\d{2}\s?(?:am|pm)?|(?:19|20)\d{2}|(?:plot|pitch|allotment|table|stall|seat)\s+\d{1,3}[A-Za-z]?"
                   r"|\d{1,3}[A-Za-z]?\.?)"
                   r"\s*[-\u2013:,]?\s+(?=\S)", re.IGNORECASE)


def _name_after_lead(line: Line) -> tuple[str, int | None, int | None] | None:
    """A full name after a time, a year, a plot's or a room's number (``9.15 Guled Mlambo cut and blow dry``,
    ``2025 Gwendolyn Wanjiku``, ``Plot 23 Rose Vaughan``, a tea round's ``203 Joao Pedro coffee, milky``): the rest
    of the line read as a line of its own is a name and nothing else (:func:`listed_name`) or starts with a full
    name (:func:`_name_first`); the name's words only. ``10:30 Tai Chi``, ``2026 Summer Fete``, ``Plot 23 Runner Beans`` stay."""
    m = _LEAD.match(nfkc(line.raw))
    if m is None:
        return None
    at = len(TOKEN.findall(nfkc(line.raw)[: m.end()]))
    rest = split_line(nfkc(line.raw)[m.end():])
    if not rest.orig or at + len(rest.orig) != len(line.orig):
        return None
    why = "a full name after a time, a year or a plot's number (a list, a plaque)"
    dotted = re.fullmatch(r"\W*\d{1,3}\.\s*", m.group()) is not None
    if listed_name(rest, load_name_lists()) is not None and not (dotted and len(rest.orig) == 1):
        return why, at, None  # a quiz's 5. Florence: one word after a list's number is an answer as often as a name
    first = _name_first(rest)
    if first is not None and first[1] is not None:
        return why, at, at + first[1]
    end = _numbered_entry(rest) if re.fullmatch(r"\W*\d{1,2}\.?\s*", m.group()) else None  # a list's number, not a time
    if end is not None:
        return "a name in a numbered list (3. Keiko, 4 SUBRAMANIAN, Joy sub)", at, (at + end if at + end < len(line.orig) else None)
    return None


#: What may follow a lone given name in a numbered list: a note in brackets, ``+`` someone, a comma, a dash.
_ENTRY_BREAK = frozenset("(+,-\u2013/")


def _numbered_entry(rest: Line) -> int | None:
    """The words after a list's number (``4 SUBRAMANIAN, Joy sub``, ``6 Tendai MID``, ``8. Claudette Room 208``, ``1.
    Yousef (wheelchair)``): a register's ``SURNAME, Given`` then at most one short word, or one listed given name that
    is no English or everyday word (or a word no list has: ``Osaro (c)``) before a note (a bracket, ``+``, a comma,
    a room's word or a word in capitals: a team sheet's position); how many words of ``rest`` are the name, or None.
    ``3. Victoria sponge`` and ``2 Rose Garden`` stay (an English word after, an everyday name)."""
    m = re.fullmatch(r"\s*([^,]+,\s*\S+)(?:\s+\S+)?\s*", rest.raw)
    if m is not None and _surname_comma_given(split_line(m.group(1))):
        return len(TOKEN.findall(m.group(1)))
    n, lists = len(rest.orig), load_name_lists()
    o = as_written(rest, 0)
    w = fold(o)
    if n < 2 or len(o) < 3 or not (o[0].isupper() and o[1:].isalpha() and o[1:].islower()):
        return None
    if not (w in lists.given or _unlisted(w)) or w in lists.everyday or w in load_english_words() or w in load_word_lists().known_words:
        return None
    after = rest.text[rest.spans[0][1] : rest.spans[1][0]].strip()
    nxt = rest.orig[1]
    if (after[:1] in _ENTRY_BREAK or nxt[:1] in _ENTRY_BREAK or rest.words[1] in _PLACE_WORDS
            or (nxt.isupper() and nxt.isalpha() and len(nxt) <= 4)):
        return 1
    return None


#: Words before the number of where a person lives or sleeps: ``Room 14``, ``Flat 3``, ``Bed 2``.
_PLACE_WORDS = ROOM_WORDS | frozenset("flat apt apartment unit house no number ward suite".split())


#: Titles only a person's name follows, an initial and a surname too (``Mrs D Smith``; ``Nurse B Block`` is a ward).
_HONORIFICS = frozenset("mr mrs ms miss mx dr prof rev revd sir dame lady lord cllr".split())
#: Whose relative a family word names: ``my daughter May``, ``her son``.
_POSSESSIVES = frozenset("my our her his their your".split())
#: A card's kisses after who signed it: ``x``, ``xx``, ``xxx``, ``XOXO``.
_KISSES = re.compile(r"(?i)x+|(?:xo)+x?")
#: Words before who signs a card: ``Love``, ``Love from``, ``Lots of love``, ``from``.
_SIGN_OFF = frozenset("love lots of from with all my best wishes".split())


def _before_kisses(line: Line) -> int:
    """Where a card's kisses at the end of ``line`` begin (the number of words when there are none)."""
    end = len(line.orig)
    while end > 0 and _KISSES.fullmatch(line.orig[end - 1]):
        end -= 1
    return end


def _signed_with_kisses(line: Line) -> tuple[str, int | None, int | None] | None:
    """A card signed with kisses (``Hope xxx``, ``Yonas & Merline xxx``, ``Love from Sylvia x``, a message then
    ``love Crystal x``): the names between the sign-off words and the kisses, one to three, joined by ``&``, ``and`` or
    a comma, each a listed given name or a word that is no English word. The names' words only."""
    n = len(line.orig)
    end = _before_kisses(line)
    if end == n or end == 0:
        return None
    start = 0
    while start < end and line.words[start] in _SIGN_OFF:
        start += 1
    signed = [j for j in range(1, end - 1) if line.words[j] in ("love", "from") and line.orig[j + 1][:1].isupper()]
    if signed:  # Hope to see you at the May fair love Crystal x: the message, then who signs it
        start = signed[-1] + 1
    k, names = start, 0
    while k < end:
        stop = k
        while stop < end and stop - k < 3 and line.words[stop] != "and" and (
            name_word(line, stop, Reads.GIVEN) or (stop > k and name_word(line, stop, Reads.ANY))
        ):
            stop += 1
        if stop == k:
            return None
        names += 1
        k = stop + 1 if stop < end and line.words[stop] == "and" else stop
    if names == 0 or names > 3:
        return None
    return "a name signing a card with kisses (Hope xxx)", (start or None), end


#: A birthday's age: ``100th``, ``90``.
_ORDINAL = re.compile(r"\d{1,3}(?:st|nd|rd|th)")
#: What follows a name on a birthday banner: ``is 90 today!``, ``90 today``, ``turns 100``.
_AGE_TODAY = re.compile(
    r"(?i)\s*(?:is|turns|will\s+be)?\s*\d{1,3}(?:st|nd|rd|th)?\s*(?:today|tomorrow|years?\s+(?:young|old)(?:\s+today)?)?\s*!*\s*"
)


def _age_today(line: Line) -> tuple[str, int | None, int | None] | None:
    """A birthday banner's ``Maureen is 90 today!``, ``Lottie 100 today``, ``Rose turns 90``: a name (a listed
    given name first, everyday ones too), then an age and perhaps ``today``. The name's words."""
    for k in range(1, min(len(line.orig), 4)):
        rest = line.text[line.spans[k - 1][1] :]
        if _AGE_TODAY.fullmatch(rest) and re.search(r"\d\d", rest) and re.search(r"(?i)\b(?:is|turns|be|today|tomorrow|years?)\b", rest):
            if name_run(line, 0, Reads.GIVEN, end=k) and fold(as_written(line, 0)) in load_name_lists().given:
                return "a name before an age (Maureen is 90 today)", None, k
    return None


def _name_then_relative(line: Line) -> tuple[str, int | None, int | None] | None:
    """A visitors' board's ``Sandra (daughter) visiting Tues``: a name, then who the person is to the
    resident in brackets (``data/name_context.toml``'s family words). The name's words."""
    m = re.search(r"\(\s*([^\W\d_]+)\s*\)", line.text)
    if m is None or fold(m.group(1)) not in load_name_context().kinship:
        return None
    k = _word_at(line, m.start())
    if 1 <= k <= 3 and name_run(line, 0, Reads.GIVEN, end=k):
        return "a name before a family word in brackets (Sandra (daughter))", None, k
    return None


def _two_names_first(line: Line) -> tuple[str, int | None, int | None] | None:
    """A photo caption's ``Doris and Albert at the seaside``: two listed given names that are no everyday
    words, joined by ``and`` at the start of a line (``Rose and Crown``, ``Fish and Chips`` stay)."""
    if len(line.orig) < 3 or line.words[1] != "and":
        return None
    lists = load_name_lists()
    for k in (0, 2):
        w = fold(as_written(line, k))
        if not (line.has_lower(k) and line.capitalised(k) and w in lists.given and w not in lists.everyday and len(w) >= 3):
            return None
    return "two first names joined by 'and' (a caption)", None, (3 if len(line.orig) > 3 else None)


def _owner(line: Line) -> tuple[str, int | None, int | None] | None:
    """``Albert's memory box``, ``Maureen's key``: a listed given name that is no everyday word, in the
    possessive, first on a line written in lower case after it (a label on a person's things; a shop's
    ``Victoria's Secret`` or ``Rose's Cafe`` stays). The whole line."""
    m = re.match(r"\W*([^\W\d_]+)\s*['’`]\s*s\s+(\S)", line.text)
    if m is None or not m.group(2).islower():
        return None
    lists = load_name_lists()
    w = fold(m.group(1))
    if not (written_like_name(m.group(1)) and w in lists.given and w not in lists.everyday and len(w) >= 3):
        return None
    return "a possessive first name before a person's things (Albert's memory box)", None, None


def _places(line: Line) -> tuple[str, int | None, int | None] | None:
    """A results board's places, each an ordinal and a name (``Hoopla: 1st Selvi Gurung 2nd Rocky Rich``,
    ``Indoor curling: 1st Pat 2nd Ivy``): two or more places, every one followed by one to three name words
    (everyday given names too, beside the other places), or one place with a whole name (``1st Garang Abdi``).
    ``1st Floor 2nd Floor``, ``2nd May`` and ``3rd Birthday Party`` stay. The words from the first name on."""
    places = [k for k, w in enumerate(line.words) if _ORDINAL.fullmatch(w)]
    if not places:
        return None
    n, lists = len(line.orig), load_name_lists()
    spans = []
    for a, k in enumerate(places):
        start, stop = k + 1, (places[a + 1] if a + 1 < len(places) else _note_break(line, k + 1) if k + 1 < n else n)
        if not 1 <= stop - start <= 3 or not name_run(line, start, Reads.GIVEN, stop):
            return None
        if any(fold(as_written(line, j)) in CALENDAR_WORDS or fold(line.orig[j]) in MONTHS for j in range(start, stop)):
            return None
        first = fold(as_written(line, start))
        if first not in lists.given and not _unlisted(first):
            return None
        spans.append((start, stop))
    if len(spans) == 1 and not full_name(line, *spans[0]):
        return None
    if all(fold(as_written(line, j)) in lists.everyday for a, b in spans for j in range(a, b)):
        return None  # 1st Floor 2nd Floor
    end = spans[-1][1]
    return "names after places (1st, 2nd) on a results board", spans[0][0], (end if end < n else None)


def _card_love(line: Line) -> tuple[str, int | None, int | None] | None:
    """A card signed at its start with ``Love`` and a name, then the end, kisses or who else sends it (``Love Bronagh
    & family``, ``Love Amrit and the kids xxx``): a listed given name or a name word. ``Love Island`` stays."""
    if len(line.orig) < 2 or line.words[0] != "love":
        return None
    end = _name_from(line, 1, Reads.GIVEN)
    if end is None or not _ends_a_name(line, end):
        return None
    return "a name signing a card (Love Bronagh & family)", 1, (end if end < len(line.orig) else None)


def _word_after(line: Line, head: str) -> str | None:
    """The word of ``line`` after its first words ``head``, or None."""
    k = len(TOKEN.findall(head))
    return line.orig[k] if k < len(line.orig) else None


def _surname_comma_given(line: Line, then: str | None = None) -> bool:
    """A register's or a prescription's ``OLIVEIRA, Fernanda``, ``AL-HASHIMI, Omar``, ``Okafor, Chidi``: one or two
    surname words in capitals (a listed surname that is no everyday word, or a word no list has), a comma, then a
    listed given name written in lower case after its capital, and nothing else. ``LEEDS, Yorkshire``, ``Paris, France``
    and ``TEA, Coffee`` stay. ``then``: the word after it on its line, if any."""
    m = re.fullmatch(r"\s*([^,]+),\s*([^,]+?)\s*", line.raw)
    if m is None:
        return False
    k = len(TOKEN.findall(m.group(1)))
    n = len(line.orig)
    if not (1 <= k <= 3 and n - k == 1):
        return False
    lists = load_name_lists()
    surname = [fold(as_written(line, j)) for j in range(k) if not (line.words[j] in NAME_PARTICLES and k > 1)]
    if not surname or any(not written_like_name(as_written(line, j)) for j in range(k)):
        return False
    given = fold(as_written(line, k))
    if not all(line.orig[j].isupper() for j in range(k)) or sum(len(line.orig[j]) for j in range(k)) < 4:
        return False  # a register's surname is in capitals: Paris, France stays
    if not written_like_name(as_written(line, k)) or line.orig[k].isupper() or len(given) < 3 or given in _FUNCTION_WORDS:
        return False
    if all((w in lists.surnames and w not in lists.everyday) or _unlisted(w) for w in surname):
        return given in lists.given or _unlisted(given)  # GRIGORYAN, Mukasa: a given name no list has after one
    # BAKER, Rich; CHURCH, Summer | no: a listed surname that is an everyday word, then a listed given name, and no
    # phrase going on after it (SALE, Rose bushes)
    return all(w in lists.surnames for w in surname) and given in lists.given and not (
        then is not None and then.isalpha() and then.islower() and len(then) > 3)


#: An amount won or raised right after a name: ``2 pounds``, ``£10``.
_AMOUNT = re.compile(r"\s*(?:(?P<sign>[£$€])\s?\d+(?:[.,]\d{2})?|\d+(?:[.,]\d{2})?\s?pounds?\b)", re.IGNORECASE)


def _name_before_amount(line: Line) -> tuple[str, int | None, int | None] | None:
    """A prize board's winner and what they won (``Game 1 house Mercy Dela Cruz 2 pounds``, ``Snowball Harjit 10
    pounds``, ``Full house Garang Abdi £10``): a whole name (:func:`full_name`) before an amount, or one listed given
    name that is no everyday word before an amount in words (``Mustafa 2 pounds``; a bar's ``Stella £4`` stays, and
    so do ``Victoria sponge £2`` and ``Earl Grey 2 pounds``). The name's words only."""
    n = len(line.orig)
    lists = load_name_lists()
    for e in range(1, n):
        m = _AMOUNT.match(line.text, line.spans[e - 1][1])
        if m is None or _word_at(line, m.start() + len(m.group(0)) - len(m.group(0).lstrip())) != e:
            continue
        for size in (3, 2):
            if e - size >= 0 and full_name(line, e - size, e):
                return "a name before what they won (a prize board)", (e - size) or None, e
        w = fold(as_written(line, e - 1))
        if m.group("sign") is None and written_like_name(as_written(line, e - 1)) and len(w) >= 3 and w in lists.given \
                and w not in lists.everyday and w not in _FUNCTION_WORDS and not (e >= 2 and name_word(line, e - 2, Reads.GIVEN)):
            return "a name before what they won (a prize board)", (e - 1) or None, e
    return None


#: Who made, gave, signed or is wished luck, before their name: ``Signed``, ``given by``, ``made by``, ``Cheers,``.
_BY_CUES = tuple(sorted((tuple(c.split()) for c in (
    "signed", "signed by", "given by", "made by", "donated by", "kindly donated by", "knitted by", "painted by", "baked by",
    "good luck", "cheers")), key=len, reverse=True))
#: Of those, a farewell's: only a listed given name follows (``Good luck England`` stays).
_WISH_CUES = frozenset({("good", "luck"), ("cheers",)})


def _signed_cheers(line: Line, i: int, name: list[str]) -> bool:
    """``Cheers, Chidi`` at the end of a card: ``Cheers`` and a comma, then one word that no list has, neither English
    nor everyday (a shop or a place would be: ``Cheers, Tesco``); how a colleague signs, whatever their name."""
    after = line.spans[i][1]
    return (len(name) == 1 and len(name[0]) >= 3 and line.text[after : after + 1] == ","
            and name[0] not in load_name_lists().everyday and name[0] not in load_english_words()
            and name[0] not in load_name_lists().surnames)


def _made_by(line: Line) -> tuple[str, int | None, int | None] | None:
    """A name after who made, gave or signed something (``Flowers given by Mark Goldberg``, ``made by Rose``,
    ``Signed Geoffrey Baker Activities Coordinator``) or a farewell's ``Good luck Victor``, ``Cheers, Robin``:
    one to three name words (:func:`name_run`), then the end of the line, kisses or a role (``Chair of
    Trustees``); after a farewell, a listed given name first (``Good luck England`` stays); one listed
    given name, or words not all everyday ones (``made by Hand``, ``Good luck Everyone`` stay). The name's
    words only."""
    words, n = line.words, len(line.words)
    lists = load_name_lists()
    for phrase in _BY_CUES:
        size = len(phrase)
        for i in range(n - size):
            if tuple(words[i : i + size]) != phrase:
                continue
            k = i + size
            for end in range(min(n, k + 3), k, -1):
                rest = words[end:]
                if not (not rest or all(set(w) <= {"x"} for w in rest) or role_words(rest)):
                    continue
                if not name_run(line, k, Reads.GIVEN, end):
                    continue
                name = [fold(as_written(line, j)) for j in range(k, end)]
                if phrase in _WISH_CUES and name[0] not in lists.given and not _signed_cheers(line, i, name):
                    continue  # Good luck England: a team's, not a person's
                english = load_english_words()
                if (len(name) == 1 and name[0] in lists.given) or any(w not in lists.everyday and w not in english for w in name):
                    return "a name after who made, gave or signed it (given by, Signed, Good luck)", k, (end if end < n else None)
    return None


#: Participles that are not written with ``-ed`` (``chosen by``, ``taken by``, ``brought by``).
_PARTICIPLES = frozenset("made done taken chosen brought written given run led won sung drawn grown sewn kept held sent".split())
#: What joins two names after ``by`` (``baked by Chiamaka and Selamawit``).
_NAME_JOINS = frozenset("and &".split())


def _done_by(line: Line) -> tuple[str, int | None, int | None] | None:
    """The end of a line after who did something (``planted by Rose``, ``Pool car booked by Rose``, ``chosen by Charity``,
    ``Cakes kindly baked by Chiamaka and Selamawit``): a participle (``-ed``, ``chosen``, ``taken``), ``by``, then one
    or two names joined by ``and`` or ``&`` and nothing else; each name a listed given name or a word no list has, or
    a full name (``taken by Rose Kershaw``). ``Sponsored by Tesco``, ``Powered by Google`` and ``Run by volunteers``
    stay. The first name is the match; a second after ``and`` is a part of its own (``and`` stays)."""
    n = len(line.orig)
    lists = load_name_lists()
    for i in range(1, n - 1):
        if line.words[i] != "by" or not (line.words[i - 1].endswith("ed") or line.words[i - 1] in _PARTICIPLES):
            continue
        if not line.orig[i - 1].isalpha() or not line.orig[i - 1][1:].islower():
            continue
        k = i + 1
        names = 0
        first: int | None = None
        while k < n:
            o = as_written(line, k)
            w = fold(o)
            named = w in lists.given or (_unlisted(w) and w not in lists.everyday)
            if not (written_like_name(o) and len(w) >= 3 and not o.isupper() and named
                    and w not in CALENDAR_WORDS and w not in BUSINESS_WORDS):
                return None
            names += 1
            k += 2 if k + 2 <= n and full_name(line, k, k + 2) else 1  # photos taken by Rose Hope
            first = k if first is None else first
            if k < n and line.words[k] in _NAME_JOINS and names < 2 and k + 1 < n:
                k += 1
                continue
            break
        rest = line.text[line.spans[k - 1][1] :] if k == n else None
        if rest is not None and re.fullmatch(r"[\s.!,)]*(?:x+)?[\s.!]*", rest, re.IGNORECASE):
            # the first name; a second after ``and`` is its own part (the list's joins, text._names_beside)
            return "a name after who did something (planted by Rose)", i + 1, (first if first is not None and first < n else None)
        return None
    return None


#: Words of a card's wish: a message signed at its end has one (``Thanks for all the laughs - Surinder xx``).
_WISH_WORDS = frozenset(
    "thanks thank miss best wishes luck love enjoy congratulations congrats happy retirement leaving goodbye farewell".split()
)


def _signed_at_end(line: Line) -> tuple[str, int | None, int | None] | None:
    """A card's message signed at its end, after ``from``, a dash or a comma, perhaps with kisses (``All the
    best from Mark``, ``Enjoy every minute - Clive xx``): one listed given name, or two name words not both
    everyday ones, when the message before holds a wish (thanks, miss, best, luck...). ``Happy Birthday from
    Tesco`` (no listed given name), ``Thanks from Age UK`` and ``Thanks for visiting - Rose Garden`` stay.
    The name's words only."""
    n = len(line.orig)
    end = _before_kisses(line)
    lists, english = load_name_lists(), load_english_words()
    for size in (2, 1):
        start = end - size
        if start < 2:
            continue
        between = line.text[line.spans[start - 1][1] : line.spans[start][0]]
        after_from = line.words[start - 1] == "from"
        if not (after_from or any(c in between for c in "-\u2013,")) or not name_run(line, start, Reads.GIVEN, end) \
                or any(len(line.orig[j]) < 3 for j in range(start, end)):
            continue  # Thanks from Age UK: no initials or short capitals here
        if not any(w in _WISH_WORDS for w in line.words[: start - 1 if after_from else start]):
            continue
        name = [fold(as_written(line, j)) for j in range(start, end)]
        if (size == 1 and name[0] in lists.given) or (size == 2 and name[0] in lists.given
                                                      and any(w not in lists.everyday and w not in english for w in name)):
            return "a name signing a card's message at its end (All the best from Mark)", start, (end if end < n else None)
    return None


#: What a person does in a newsletter's or a caption's sentence, right after their name (``Chidi Bangura received
#: a card``, ``Harbhajan was joined by the Mayor``).
_DEEDS = frozenset(
    "said says told tells recalls recalled remembers remembered explained explains added adds laughed laughs smiled "
    "received receives celebrated celebrates turned joined cut enjoyed enjoys loves loved won wins thanked visited visits "
    "met moved lives lived worked works retired married grew spent became shared planted knitted baked sang danced "
    "was is has had".split()
)
#: Of those, the ones a shop or a class says too (``Costa was busy``, ``Tai Chi is on Friday``): only before what was
#: done to or by the person (``was joined``, ``has retired``, ``was born``).
_WEAK_DEEDS = frozenset("was is has had".split())
#: Of those, what only a person does: after a given name that is an everyday word too (``Mark says``; ``Summer is here``
#: and ``Santa visited`` stay).
_SPEECH = frozenset("said says told tells recalls recalled remembers remembered explained explains added adds laughed laughs".split())


def _sentence_subject(line: Line) -> tuple[str, int | None, int | None] | None:
    """A newsletter's or a caption's sentence that starts with a person's name and what they did (``Chidi Bangura
    received a card from the King``, ``Harbhajan was joined by the Mayor``, ``Mark says the secret is a daily walk``):
    one or two name words first, then a verb in lower case (``was``, ``is``, ``has`` only before ``joined``, ``born``:
    ``Costa was busy`` and ``Tai Chi is on Friday`` stay). One word: not an English word (``Bingo was a hit`` and
    ``Zumba is back`` stay), or a listed given name before a word of speech only (``Mark says``; ``Summer is here``
    stays). Two words: the first a listed given name or no English word, and one of them neither everyday nor English
    (``Tai Chi`` and ``Tea Dance`` aside, ``Rose Garden was`` stays). The name's words only."""
    n = len(line.orig)
    lists, english = load_name_lists(), load_english_words()
    for k in (1, 2):
        if n < k + 2 or line.words[k] not in _DEEDS or not line.orig[k].islower():
            continue
        if line.words[k] in _WEAK_DEEDS and not (line.words[k + 1].endswith("ed") or line.words[k + 1] in ("born", "given", "won")):
            continue
        if any(not written_like_name(as_written(line, j)) or len(line.orig[j]) < 3 for j in range(k)):
            return None
        name = [fold(as_written(line, j)) for j in range(k)]
        if any(w in WEEKDAYS or w in NOTICE_WORDS or w in BUSINESS_WORDS for w in name):
            return None
        odd = [w not in lists.everyday and w not in english for w in name]
        if k == 1 and (odd[0] or (name[0] in lists.given and line.words[1] in _SPEECH)):
            return "a name and what the person did (a newsletter's sentence)", None, 1
        if k == 2 and (name[0] in lists.given or odd[0]) and any(odd) and name_run(line, 0, Reads.GIVEN, 2):
            return "a name and what the person did (a newsletter's sentence)", None, 2
    return None


#: A time first on an appointments list (``9.15``, ``10:30am``, ``2pm``).
_APPOINTMENT_TIME = re.compile(r"^\W*(?:\d{1,2}[:.]\d{2}\s?(?:am|pm)?|\d{1,2}\s?(?:am|pm))\s*[-\u2013:,]?\s+(?=\S)", re.IGNORECASE)
#: What a person is booked in for, in lower case after their name: a hairdresser's, a chiropodist's, a nurse's or a
#: GP's list (``cut and blow dry``, ``beard trim``, ``perm``, ``bloods``, ``review``).
_SERVICES = frozenset(
    "cut trim perm wash blow shampoo colour color tint highlights shave beard set nails manicure pedicure foot feet toenails "
    "bloods blood injection jab dressing dressings review check checkup assessment appointment appt hearing eye eyes ears "
    "massage reflexology physio".split()
)


def _appointment(line: Line) -> tuple[str, int | None, int | None] | None:
    """A name on an appointments list: a time, one or two name words (listed given names, everyday ones too, or
    words no list has: ``9.15 Guled Mlambo``, ``9.30 Sabitri``, ``10.45 Mark``), perhaps a room's number, then
    what they are booked in for in lower case (``cut and blow dry``, ``beard trim``, ``bloods``). The name's words
    and the room. ``11:00 Bakewell tart``, ``14:00 Victoria sponge``, ``10:30 Tai Chi class`` and ``10:30 Bingo in
    the lounge`` stay: nothing after them is a booking."""
    m = _APPOINTMENT_TIME.match(line.text)
    if m is None:
        return None
    at = len(TOKEN.findall(line.text[: m.end()]))
    n = len(line.orig)
    for size in (2, 1):
        k = at + size
        if k >= n or not name_run(line, at, Reads.GIVEN, k) or any(len(line.orig[j]) < 3 for j in range(at, k)):
            continue
        if any(fold(as_written(line, j)) in CALENDAR_WORDS or line.words[j] in NOTICE_WORDS for j in range(at, k)):
            return None
        end = k + 2 if _room_at(line, k) else k
        if end < n and line.words[end] in _SERVICES and line.orig[end].islower():
            return "a name on an appointments list (a time, a name, what they are booked in for)", at, end
    return None


def _addressed_to(line: Line) -> tuple[str, int | None, int | None] | None:
    """A card's ``To Maureen`` (or ``For Albert``, ``From Doris``): ``To`` and a name and nothing else, the name one
    given name (``To Rose``) or words that are not all everyday ones (``To Rose Garden`` and ``To Lifts`` stay)."""
    if len(line.orig) < 2 or line.words[0] not in ("to", "for", "from") or not name_run(line, 1, Reads.GIVEN):
        return None
    cx = load_name_context()
    if any(w in cx.titles or w in cx.kinship for w in line.words[1:]):
        return None  # To Nan, To Mum: who the card is for, by no name
    lists = load_name_lists()
    rest = [fold(as_written(line, k)) for k in range(1, len(line.orig))]
    if len(rest) == 1 and rest[0] in lists.given:
        return "a name a card is addressed to (To Maureen)", 1, None
    if any(w not in lists.everyday and w not in load_english_words() for w in rest):
        return "a name a card is addressed to (To Maureen)", 1, None
    return None


def _title_name_end(line: Line, i: int) -> int | None:
    """Where the name after the title at word ``i`` ends (the index after its last word; None: the end of
    the line): the capitalised words or initials right after the title (up to three), then as far as the
    last name further on across a list's commas, ``and`` and a role in brackets (``Present: Mr Tesfalem
    Gebremedhin (chair), Bronisława Dumitrescu`` | ``and 9 residents``), not past the end of a sentence nor into
    words in lower case (a name further on is a part of its own: :func:`mediascrub.textrules.line_matches`).
    The sentence around it is no one's name (``Action: Mr Kaczmarek`` | ``to write to the council``); a room,
    a flat or a number of three or more digits after it (no time, price or year: :func:`_place_after`) keeps
    the whole line (``Mrs Okafor bed 3``, ``Mrs Okafor Rm 12 blind``: a note about her), but for what follows a room right
    after the name, no name in it, on a line that starts with a time (a hairdresser's or an appointments
    list: ``09:15 Mr Ratnasingham rm 9`` | ``beard trim``)."""
    n = len(line.orig)
    end = i + 1
    while end < n and end - i <= 3 and (initial_at(line, end) is not None or written_like_name(as_written(line, end))) \
            and not _room_at(line, end) and not _sentence_ends(line, end - 1):
        end += 1
    for k in range(end, n):
        if _sentence_ends(line, k - 1) or (line.orig[k].islower() and line.words[k] not in ("and", "or") and not _in_brackets(line, k)):
            break  # Songsheets from Ms Fifita. | Meet 6.30 ...; Hosted by Mr Dritan Rivers | in aid of Macmillan
        if _room_at(line, k) or line.words[k] in CALENDAR_WORDS:
            continue  # Rm 23, May: no name
        if name_word(line, k, Reads.ANY) or (
            initial_at(line, k) is not None and k + 1 < n and name_word(line, k + 1, Reads.ANY)
        ) or (k == end and k > i + 1 and written_like_name(as_written(line, k))):  # Dorothy Fisher
            end = k + 1
    if end + 2 < n and _room_at(line, end) and _TIME_START.match(line.raw) and not _place_after(line, end + 2) \
            and not any(name_word(line, k, Reads.ANY) for k in range(end + 2, n)):
        return end + 2  # a hairdresser's list: Mr Ratnasingham rm 9 | beard trim (the service stays)
    return end if end < n and not _place_after(line, end) else None


#: A home's own door on a door-entry panel or a post rack: ``Flat 11``, ``No. 19``, ``Apt 4`` (then who lives there).
_DOOR_WORDS = frozenset("flat apt apartment no".split())


def _door_word(line: Line, i: int) -> bool:
    """Word ``i`` names a flat's or a house's door as a panel writes it: capitalised (``Flat``, ``FLAT``), and ``No``
    with its dot (``No. 19``; ``No 7`` is a brand as often as a door). What follows must still read as a name."""
    o = line.orig[i]
    if line.words[i] not in _DOOR_WORDS or not o[:1].isupper():
        return False
    return line.words[i] != "no" or line.text[line.spans[i][1] : line.spans[i][1] + 1] == "."


def _room_at(line: Line, k: int) -> bool:
    """Word ``k`` is a room's or a flat's word and a number follows it (``Rm 23``, ``flat 4``; ``Mr Ward`` is a name)."""
    return k + 1 < len(line.orig) and line.words[k] in _PLACE_WORDS and any(c.isdigit() for c in line.orig[k + 1])


def _place_after(line: Line, end: int) -> bool:
    """Whether a room, a flat or a number of three or more digits follows word ``end`` (``Mrs Okafor bed 3``,
    ``ext 2231``): it goes with the name before it, so the whole line is hidden; a count stays (``and 9 residents``),
    and so do a time, a price and a date's year (``Meet 6.30``, ``on 18 May 2026``, ``23/01/2026``)."""
    times = quantity_words(line.raw)
    for k in range(end, len(line.orig)):
        digits = sum(c.isdigit() for c in fix_digits(line.orig[k]))
        if digits and k > 0 and line.words[k - 1] in _PLACE_WORDS:
            return True
        if digits >= 3 and k not in times and not _a_year(line, k):
            return True
    return False


def _a_year(line: Line, k: int) -> bool:
    """Word ``k`` is a date's year: 1900-2099 after a month (``18 May 2026``) or a date's separator (``23/01/2026``)."""
    if not re.fullmatch(r"(?:19|20)\d\d", line.orig[k]) or k == 0:
        return False
    return line.words[k - 1] in MONTHS or re.fullmatch(r"\d{1,2}", line.orig[k - 1]) is not None and \
        line.text[line.spans[k - 1][1] : line.spans[k][0]] in ("/", "-", ".")


def _in_brackets(line: Line, k: int) -> bool:
    """Word ``k`` is in brackets (``Mr Tesfalem Gebremedhin (chair)``)."""
    before, after = line.text[: line.spans[k][0]], line.text[line.spans[k][1] :]
    return before.rstrip().endswith("(") and after.lstrip().startswith(")")


def _sentence_ends(line: Line, k: int) -> bool:
    """A sentence ends after word ``k`` (a full stop, ``!`` or ``?``, then a space; not an initial's dot)."""
    if not 0 <= k < len(line.orig) - 1:
        return False
    between = line.text[line.spans[k][1] : line.spans[k + 1][0]]
    return re.fullmatch(r"\s*[.!?]+\s+", between) is not None and initial_at(line, k) is None


def _after_title(line: Line, k: int) -> bool:
    """Word ``k``, after a title, could be a surname: a word in no English list, or a listed name. An English word that
    no list has as a name makes a title's word part of a show's or a thing's name (``Sister Act``, ``Dr Who``,
    ``Mrs Mop``), not a person's; ``Mrs Brown``, ``Mr Bird``, ``Dr Lis`` and ``Nan Rose`` are names."""
    lists = load_name_lists()
    w = fold(as_written(line, k))
    return w not in load_english_words() or w in lists.given or w in lists.surnames


def _owned_after(line: Line, k: int) -> bool:
    """Word ``k``, after a name's ``'s``, is a relative (``Beryl's sister``, ``Chase's mother``) or, after one word in
    lower case, a relative or what a person has (``Sterling's new grandson``, ``Joaquin's new tablets``)."""
    cx = load_name_context()
    n = len(line.orig)
    if line.words[k] in cx.kinship and line.orig[k].islower():
        return True
    return k + 1 < n and line.words[k] in _OWNED_MODIFIERS and line.orig[k].islower() and line.orig[k + 1].islower() \
        and (line.words[k + 1] in cx.kinship or line.words[k + 1] in cx.possessed)


#: What may stand between a name's ``'s`` and a relative or a thing of theirs (``Sterling's new grandson``).
_OWNED_MODIFIERS = frozenset("new old little baby big eldest oldest youngest late own favourite".split())


def context_name(line: Line) -> tuple[str, int | None, int | None] | None:
    """Why the words of ``line`` say that some of it is a person's name, and which words of the
    line are the name (start, end: see :class:`.rule.Match`; None, None: all of it), or None."""
    role_after = _role_after(line)
    if role_after is not None:
        return role_after[0], None, None
    cx = load_name_context()
    n = len(line.words)
    for i, w in enumerate(line.words):
        nxt = i + 1
        title_then_name = line.capitalised(nxt) and line.words[nxt] not in NOTICE_WORDS and _after_title(line, nxt) if nxt < n else False
        if w in cx.titles and nxt < n and (
            title_then_name
            or (initial_at(line, nxt) is not None and (name_run(line, nxt) or _initial_alone(line, nxt)))
            or (w in _HONORIFICS and initial_at(line, nxt) is not None and nxt + 1 < n and name_word(line, nxt + 1, Reads.ANY))
        ):
            return "capitalised word after a title (Mr, Mrs, Dr...)", i, _title_name_end(line, i)
        if w in cx.labels and nxt < n and line.capitalised(nxt) and re.search(rf"{re.escape(line.orig[i])}\s*[:\-]", line.raw):
            return "words after a name label", nxt, None
        if i == 0 and w == "name" and 2 <= n - nxt <= 3 and name_run(line, nxt, Reads.GIVEN) and any(
                name_word(line, k, Reads.STRICT) for k in range(nxt, n)):
            return "words after a name label", nxt, None  # a raffle stub's Name Earl Elmi (the colon not read)
        if (
            w in cx.role_labels
            and n - nxt == 2
            and all(name_word(line, k) for k in (nxt, nxt + 1))
            and all(line.orig[k].isalpha() for k in range(n))
        ):
            return "two capitalised words after a card label (Manager, Keyworker)", nxt, None
        if w in cx.kinship and 0 < i and line.words[i - 1] in _POSSESSIVES and nxt < n and line.capitalised(nxt):
            end = _name_from(line, nxt, Reads.GIVEN)
            if end is not None and _ends_a_name(line, end):
                return "a name after a family word (my daughter May, my son ...)", nxt, (end if end < n else None)
        if w in ("birthday", "bday") and nxt < n and name_run(line, nxt, Reads.GIVEN):
            return "capitalised word after 'Birthday'", nxt, None
        if (
            (w in ROOM_WORDS or _door_word(line, i))
            and nxt + 1 < n
            and fix_digits(line.orig[nxt]).isdigit()
            and name_run(line, nxt + 1, Reads.GIVEN, end=_before_digits(line, nxt + 1, _note_break(line, nxt + 1)))
        ):
            if not _door_word(line, i):
                return "capitalised word after a room number", i, None
            end = _before_digits(line, nxt + 1, _note_break(line, nxt + 1))  # Flat 214 Mr Campbell | Weetabix, warm milk
            return "capitalised word after a room number", i, (end if end < n else None)
        if w == "with" and nxt < n and name_run(line, nxt, Reads.GIVEN):
            return "name after 'with' (who leads an activity)", nxt, None
        if (
            w == "s"
            and 0 < i < n - 1
            and (line.words[nxt] in cx.possessed or _ORDINAL.fullmatch(line.words[nxt]))
            and name_word(line, i - 1, Reads.GIVEN)
            and re.search(rf"{re.escape(line.orig[i - 1])}\s*['’`]\s*s\b", line.raw)
        ):
            return "possessive before 'room' or 'birthday'", None, None
        if (
            w == "s"
            and 0 < i < n - 1
            and _owned_after(line, nxt)
            and name_word(line, i - 1, Reads.GIVEN)
            and line.orig[i - 1][:1].isupper()
            and line.words[i - 1] not in CALENDAR_WORDS
            and re.search(rf"{re.escape(line.orig[i - 1])}\s*['’`]\s*s\b", line.raw)
        ):
            return "a name owning a relative or their things (Beryl's sister, Joaquin's new tablets)", i - 1, (i + 1 if i + 1 < n else None)
    owner = _owner(line)
    if owner is not None:
        return owner
    if initial_at(line, 0) is not None and name_run(line, 0):
        return "an initial and a surname (J. Okafor)", None, None
    if _surname_then_initial(line):
        return "a surname and an initial (Okafor, J.)", None, None
    if _surname_comma_given(line):
        return "a surname, a comma and a given name (OLIVEIRA, Fernanda)", None, None
    value = re.match(r"\s*[^,]+,\s*\S+(?=\s)", nfkc(line.raw))
    if value is not None and _surname_comma_given(split_line(value.group(0)), _word_after(line, value.group(0))):
        end = len(TOKEN.findall(value.group(0)))  # a register's row: TEHRANI, Unity | yes; LAMA, Rich | Fire Safety
        return "a surname, a comma and a given name (OLIVEIRA, Fernanda)", None, end
    signed = (_signed_with_kisses(line) or _card_love(line) or _places(line) or _addressed_to(line) or _made_by(line) or _done_by(line)
              or _signed_at_end(line) or _age_today(line) or _name_then_relative(line) or _two_names_first(line))
    if signed is not None:
        return signed
    after = _cue_before(line) or _after_label(line) or _role_before(line) or _after_time(line) or _after_date(line)
    if after is not None:
        return after[0], after[1], None
    sentence = (_sentence_cue(line) or _action_owner(line) or _name_after_lead(line) or _sentence_subject(line)
                or _appointment(line) or _name_before_amount(line) or _name_before_numbers(line))
    if sentence is not None:
        return sentence
    row = (_signed_log_row(line) or _signed_diary_row(line) or _chore_rota(line) or _name_then_extension(line)
           or _reached_on_extension(line) or _role_word_then_name(line))
    if row is not None:
        return row
    first = _name_then_note(line) or _before_time(line) or _name_first(line)
    if first is not None:
        return first[0], None, first[1]
    return _full_name_within(line) or _given_name_mid_line(line) or _role_then_name(line) or _initial_within(line)


#: Words after which an initial starts a person's name (``Taken by R. Fonoti``, ``Ask S. Hall``).
_BEFORE_INITIAL = frozenset("by to from with and for cc ask see contact".split())


def _initial_within(line: Line) -> tuple[str, int | None, int | None] | None:
    """An initial with its dot and a surname (:func:`_initial_name`: ``R. Fonoti``, ``S. Young``) inside a longer line,
    where a log's or a table's cell or a sentence's cue puts a person: first on the line, after a number (a row's
    ``5`` | ``S. Fields``, a fridge log's ``4.5C`` | ``S. Hall``), a dash, a colon, a comma or a bracket, or after
    ``by``, ``to``, ``with`` and the like (``Taken by`` | ``R. Fonoti`` | ``Wednesday``). Not after another word
    (``Vitamin D. Take with food``, ``Plan B. Meet at``); the name is the match."""
    n = len(line.orig)
    for k in range(n - 1):
        if initial_at(line, k) != "dot":
            continue
        if k > 0 and not (any(c.isdigit() for c in line.orig[k - 1]) or line.words[k - 1] in _BEFORE_INITIAL
                          or re.search(r"[:,;(\-\u2013]", line.text[line.spans[k - 1][1] : line.spans[k][0]])):
            continue
        j = k + 1
        while j < n and j - k < 2 and initial_at(line, j) is not None:
            j += 1
        for end in (j + 2, j + 1):
            if end <= n and _initial_name(line, k, end) and (end == n or not line.capitalised(end) or _ends_a_name(line, end)):
                return "an initial and a surname (J. Okafor)", k or None, (end if end < n else None)
        if j < n and _table_surname(line, j):
            return "an initial and a surname (J. Okafor)", k or None, (j + 1 if j + 1 < n else None)
    return None


def _table_surname(line: Line, j: int) -> bool:
    """Word ``j``, after an initial, is a listed surname that is also a street's or a house's word (``Hall``,
    ``Green``, ``Fields``) in a table's cell: the line ends with it or a number follows (``C. Green 51.00``,
    ``5 S. Fields 9 3 6 6``); ``B. Green bin``, ``A. Road closed`` and ``E. Street`` stay."""
    o = as_written(line, j)
    w = fold(o)
    if not (written_like_name(o) and len(w) >= 3 and w in load_name_lists().surnames):
        return False
    streets = load_word_lists()
    if w in CALENDAR_WORDS or w in NOTICE_WORDS or (
            (w,) in streets.street_suffix and (w,) not in streets.street_suffix_weak):
        return False  # E. Street: a street's type that is everyday only as one
    return j + 1 == len(line.orig) or any(c.isdigit() for c in line.orig[j + 1])


#: A phone extension's word (``Obiora Eze ext 268``).
_EXTENSION = frozenset("ext extn extension x".split())


def _name_then_extension(line: Line) -> tuple[str, int | None, int | None] | None:
    """A contact list's row: a name first, then a phone extension (``Obiora Eze ext 268``, ``Leroy Grant ext 231``):
    the name and the number are the match. The name is one to three name words, one of them no English word or a
    full name by the lists (``Reception ext 200``, ``Main Office ext 201`` stay)."""
    n = len(line.orig)
    for k in range(1, min(n - 1, 4)):
        if line.words[k] not in _EXTENSION or not line.orig[k + 1].isdigit() or not 2 <= len(line.orig[k + 1]) <= 5:
            continue
        if not name_run(line, 0, Reads.GIVEN, end=k):
            return None
        if not (full_name(line, 0, k) or any(name_word(line, j, Reads.STRICT) for j in range(k))):
            return None
        return "a name before a phone extension (Obiora Eze ext 268)", None, (k + 2 if k + 2 < n else None)
    return None


#: Who works with the residents, written in lower case inside a sentence before their given name (``carer Sandy``).
_CARE_ROLES = frozenset("carer nurse keyworker manager volunteer".split())


def _role_word_then_name(line: Line) -> tuple[str, int | None, int | None] | None:
    """A newsletter's sentence naming a member of staff after their role in lower case (``Farewell to carer Sandy who
    leaves for university``, ``our nurse Grace Mensah retires``): a listed given name, an everyday word too, or a word no
    list has, with a surname perhaps, that the rest of the sentence ends (:func:`_ends_a_name`). ``Carer Support
    Group``, ``nurse Practitioner``, ``our carer Team`` and ``the manager Monday`` stay. The name is the match."""
    n = len(line.orig)
    if line.upper:
        return None
    lists = load_name_lists()
    for i in range(n - 1):
        if line.words[i] not in _CARE_ROLES or not line.orig[i].islower() or not line.capitalised(i + 1):
            continue
        w = fold(as_written(line, i + 1))
        if w in CALENDAR_WORDS or not (w in lists.given or _unlisted(w)):
            continue
        end = _name_from(line, i + 1, Reads.GIVEN)
        if end is not None and end - i - 1 <= 2 and _ends_a_name(line, end):
            return "a name after a carer's or a nurse's role in a sentence (carer Sandy)", i + 1, (end if end < n else None)
    return None


#: Words before whom a notice sends you to ask (``Questions to``, ``ring``, ``ask for``).
_ASK = frozenset("to ask call ring phone contact for".split())


def _reached_on_extension(line: Line) -> tuple[str, int | None, int | None] | None:
    """A notice's sentence sending you to a person on a phone extension (``Questions to Kaveh on extension 204``, ``ring
    Dawn Okafor on ext 311``): after ``to``, ``ask``, ``ring`` or the like, one to three name words (a listed given
    name, an everyday word too, or a word no list has), then ``on ext``/``on extension`` and its number. The name is the
    match; the desk's number stays. ``Questions to Reception on extension 200`` stays."""
    n = len(line.orig)
    lists = load_name_lists()
    for k in range(1, n - 3):
        if line.words[k - 1] not in _ASK or not line.capitalised(k):
            continue
        for end in range(k + 1, min(k + 4, n - 2)):
            if line.words[end] == "on" and line.words[end + 1] in _EXTENSION and line.orig[end + 2].isdigit() \
                    and name_run(line, k, Reads.GIVEN, end=end):
                w = fold(as_written(line, k))
                if w in lists.given or _unlisted(w):
                    return "a name to ask on a phone extension (Questions to Kaveh on extension 204)", k, end
    return None


#: A rota's item: a task, a dash or a colon, then who does it (or nothing, once that name is hidden).
_CHORE = re.compile(r"\s*[A-Za-z][A-Za-z ]{0,30}?\s*[-\u2013:]\s*([^\W\d_][\w'’\-]*)?\s*")


def _chore_rota(line: Line) -> tuple[str, int | None, int | None] | None:
    """A house's chore rota on one line, ``Bins - Sunny, hoover - Clover, dishwasher - Mercy``: two items or more
    parted by commas, each a task, a dash and one capitalised word: who does it, when two of them at least are listed
    given names (everyday words too) or words no list has (``Clover`` beside ``Sunny`` and ``Mercy``). The first is
    the match (the rest are found in the words left). ``Bins - Monday, recycling - Thursday`` and ``Tea - 50p, coffee - 80p`` stay."""
    items = nfkc(line.raw).split(",")
    if len(items) < 2:
        return None
    lists = load_name_lists()
    pos = 0
    words: list[tuple[int, bool]] = []  # each item's word: where it is, and whether it reads as a name alone
    gone = 0  # items whose name is hidden already (the words left after a first part: ``Bins -`` | ``, hoover - Clover``)
    for item in items:
        m = _CHORE.fullmatch(item)
        if m is None:
            return None
        gone += m.group(1) is None
        if m.group(1) is not None:
            o = m.group(1)
            w = fold(o)
            if not written_like_name(o) or o.isupper() or w in CALENDAR_WORDS:
                return None
            words.append((_word_at(line, pos + m.start(1)), w in lists.given or _unlisted(w)))
        pos += len(item) + 1
    if not words or gone + sum(named for _, named in words) < min(2, len(words) + gone):
        return None  # Clover beside Sunny and Mercy is a name too; a rota of dishes or days has none
    found = words[0][0]
    return "a name on a chore rota (Bins - Sunny, hoover - Clover)", found or None, (found + 1 if found + 1 < len(line.orig) else None)


def _signed_log_row(line: Line) -> tuple[str, int | None, int | None] | None:
    """A log's row signed at its end: a date first, readings after it, every word with digits, then the name of who
    checked (``20/5 5C 4.5C Sunny``, ``12/8 2C 5.5C Carmelo``): one or two name words last (a listed given name, an
    everyday word too, or a word no list has) are the match; two readings at least. ``12/8 2C 5.5C Checked``, ``1/9 2C
    4.5C OK`` and ``14/12 Carol Service`` stay."""
    n = len(line.orig)
    date = _DATE_ANY.match(line.raw.strip())
    if n < 3 or date is None:
        return None
    readings = _word_at(line, len(line.raw) - len(line.raw.lstrip()) + date.end())  # the words of the date
    for size in (1, 2):
        start = n - size
        if start - readings < 2 or not all(any(c.isdigit() for c in line.orig[k]) for k in range(start)):
            continue
        w = fold(as_written(line, start))
        if line.orig[start].isupper() or w in CALENDAR_WORDS:
            return None
        if name_run(line, start, Reads.GIVEN) and (w in load_name_lists().given or _unlisted(w)):
            return "a name signing a log's row (20/5 5C 4.5C Sunny)", start, None
    return None


#: Words after which a capitalised word ending a diary's note is a thing or a place, not who signed it (``lunch at
#: the Swan``, ``raised 40 for Oxfam``).
_THING_AFTER = frozenset("a an the at in on of to from for into onto near about".split())


def _signed_diary_row(line: Line) -> tuple[str, int | None, int | None] | None:
    """A dated row's note signed at its end by who wrote it (a reading record's or a diary's ``3.2.26 Owl Babies -
    read 10 pages, lovely expression P. Adeyemi``, ``Mon 4 Mar Stick Man - sounded out every word! Tomasz``): a day
    first, a note in lower case after it, then an initial and a surname, or one name word (a listed given name or a
    word no list has) right after a word in lower case or a ``!``/``.``. Not after ``the``, ``at``, ``for`` and the
    like (``lunch at the Swan``), never a day or a month; ``14/12 Carol Service`` (no note) stays. The name is the
    match."""
    n = len(line.orig)
    date = _DATE_START.match(nfkc(line.raw))
    if n < 5 or date is None or line.upper:
        return None
    first = _word_at(line, date.end())
    if not any(line.orig[k][:1].islower() and line.orig[k].isalpha() for k in range(first, n - 1)):
        return None  # a note: some words in lower case
    lists = load_name_lists()
    if n - 2 > first and initial_at(line, n - 2) == "dot":
        o = as_written(line, n - 1)
        prev, between = line.orig[n - 3], line.text[line.spans[n - 3][1] : line.spans[n - 2][0]].strip(" ")
        if len(o) >= 2 and o[0].isupper() and o[1:].isalpha() and o[1:].islower() and (prev[:1].islower() or between in {",", "!", "."}):
            return "a name signing a dated row's note (read 2 pages P. Adeyemi)", n - 2, None
    k = n - 1
    o = as_written(line, k)
    w = fold(o)
    if k - 1 <= first or not (len(o) >= 3 and o[0].isupper() and o[1:].isalpha() and o[1:].islower()):
        return None
    if w in CALENDAR_WORDS or not (w in lists.given or _unlisted(w)):
        return None
    between = line.text[line.spans[k - 1][1] : line.spans[k][0]].strip(" ")
    prev = line.orig[k - 1]
    if line.words[k - 1] in _THING_AFTER or not ((prev[:1].islower() and prev.isalpha()) or between[:1] in ("!", ".")):
        return None
    return "a name signing a dated row's note (read 2 pages P. Adeyemi)", k, None


#: Words for who someone is on a form, a poster or a programme, besides the context's roles and labels.
_PERSON_WORDS = frozenset("instructor tutor teacher surname forename dj captain escorts".split())


def _role_then_name(line: Line) -> tuple[str, int | None, int | None] | None:
    """A role's or a label's word anywhere on the line (``Instructor:``, ``Escort:``, ``Deputy``, ``Surname``, ``DJ``,
    ``Patient's name``), then the person's name, whatever follows it (``Instructor: Sandy Quispe Weeks 1-6``, ``Deputy
    Ifeoma Nwosu is here weekends``, ``with DJ Seo-yeon Aung``): a register's ``SURNAME, Given``, or one to three name
    words with one that is no English or everyday word (or a whole name by the lists), and not a shop's, a street's
    or a place's name (``Manager Tesco Extra``, ``Head Office``: a business's, a street's or a place's word in or after
    it); the name is the match. ``DJ Rose`` stays (an everyday
    name alone)."""
    cx, n = load_name_context(), len(line.orig)
    place = load_word_lists().known_words
    for i in range(n - 1):
        w = line.words[i]
        if not (w in cx.role_nouns or w in cx.labels or w in _PERSON_WORDS):
            continue
        k = i + 1
        gap = line.text[line.spans[i][1] : line.spans[k][0]].strip()
        if gap not in ("", ":", "-", "\u2013"):
            continue
        pair = re.match(r"[^,\s]+(?:\s[^,\s]+)?,\s*\S+", line.text[line.spans[k][0] :])
        if pair is not None and _surname_comma_given(split_line(pair.group())):
            stop = k + len(TOKEN.findall(pair.group()))
            return "a name after a role or a label (Instructor: ..., Patient's name ...)", k, (stop if stop < n else None)
        end = _name_from(line, k, Reads.GIVEN)
        while end is not None and end < n and end - k < 4 \
                and line.text[line.spans[end - 1][1] : line.spans[end][0]] in ("-", "'", "\u2019"):
            end += 1  # Seo-yeon Aung, O'Neill
            while end < n and end - k < 4 and name_word(line, end, Reads.STRICT):
                end += 1
        if end is None or not 1 <= end - k <= 4:
            continue
        if not (full_name(line, k, end) or any(name_word(line, j, Reads.STRICT) for j in range(k, end))):
            continue
        if end < n and (line.words[end] in place or line.words[end] in BUSINESS_WORDS):
            continue
        if any(line.words[j] in place or line.words[j] in BUSINESS_WORDS for j in range(k, end)):
            continue
        return "a name after a role or a label (Instructor: ..., Patient's name ...)", k, (end if end < n else None)
    return None


#: Three or more separate numbers of one or two digits (a lottery line's picks, a score row) after the words before.
_SMALL_NUMBERS = re.compile(r"\s+\d{1,2}(?:\s+\d{1,2}){2,}(?![\d\-./:])")


def _name_before_numbers(line: Line) -> tuple[str, int | None, int | None] | None:
    """A syndicate's or a score board's member first on the line, before their row of small numbers (``Gordon 25 26
    28 29 31 33 paid``, ``Atieno Hirsi 7 12 37 43 48 55``): one to three name words (a listed given name or a word
    no list has), not all of them everyday words; the name is the match. ``Numbers 6 13 42``, ``Bonus ball 7 26 29`` and ``Week 1
    2 8 9`` stay, and so do everyday words alone (``Floor 1 2 3``)."""
    k = next((j for j, o in enumerate(line.orig) if o[:1].isdigit()), None)
    if k is None or not 1 <= k <= 3 or not _SMALL_NUMBERS.match(line.text[line.spans[k - 1][1] :]):
        return None
    if any(line.words[j] in CALENDAR_WORDS for j in range(k)):
        return None
    lists, english = load_name_lists(), load_english_words()
    if all(line.words[j] in lists.everyday or line.words[j] in english for j in range(k)):
        return None  # Floor 1 2 3, Numbers 6 13 42: everyday words (Autumn, Precious Win too, a name the lists cannot tell)
    return ("a name before a row of small numbers (a syndicate's picks)", None, k) if name_run(line, 0, Reads.GIVEN, end=k) else None



#: Quotation marks before a name: a plant's, a rose's or a boat's name (``Clematis 'Pat Coleman'``), not a person's.
_QUOTES = frozenset("'\"‘“")

#: Words after which two capitalised words name a place or a thing, not a person (``at Victoria Morgan's``, ``The
#: Morgan Arms``).
_PLACE_BEFORE = frozenset("the at in into near via".split())


def _thing_after(line: Line, end: int, place: frozenset[str]) -> bool:
    """The word at ``end`` makes the name before it a place's, a shop's or a title's: a street's or a house's word, a
    business's word, or a capitalised English word that does not end a name and is neither a title nor a given
    name (``Grace Kabila Trust``; ``Arnel Wong Piano`` too, a programme's name before the next part's title)."""
    w = line.words[end]
    if w in place or w in BUSINESS_WORDS:
        return True
    return written_like_name(line.orig[end]) and line.capitalised(end) and w in load_english_words() \
        and not _ends_a_name(line, end) and w not in load_name_context().titles and w not in load_name_lists().given


def _number_then_word(line: Line, start: int) -> bool:
    """From word ``start`` on, a number then a capitalised word (``Bethan`` | ``17 May Bank``, ``Room 4 Lilac``): what
    follows a name mid-line may be where the person lives, so it goes with the name."""
    return any(as_number(line.orig[j]) is not None and line.capitalised(j + 1) for j in range(start, len(line.orig) - 1))


def _surname_after_word(line: Line, start: int, end: int) -> bool:
    """A name mid-line that starts with an everyday or English word (``Sunny``, ``Said``) ends with a listed
    surname that is no everyday word (``Mercy Patel``), not with a word no list has (``Said Eucharist``)."""
    lists, first, last = load_name_lists(), fold(as_written(line, start)), fold(as_written(line, end - 1))
    if first not in lists.everyday and first not in load_english_words():
        return True
    return last in lists.surnames and last not in lists.everyday


def _full_name_within(line: Line) -> tuple[str, int | None, int | None] | None:
    """A whole name by the lists (:func:`full_name`) anywhere on its line, mid-sentence too (``GP form for Chidinma
    Bangura``, ``Ring Balbir Patel back``, ``Costumes by Sharmin Kaur and the Art club``); the name is the match.
    Not a place's, a shop's or a title's name: not after ``the``, ``at`` or ``in``, not before a street's, a
    business's or a place's word or another capitalised English word (:func:`_thing_after`: ``Mercy Patel
    Pharmacy``, ``Grace Kabila Trust``), and not an abbreviation (``Lord Have Mercy Trad. solo``). An everyday
    word first needs a listed surname last (:func:`_surname_after_word`)."""
    n = len(line.orig)
    if n <= 3 and full_name(line, 0, n):
        return None  # a whole line that is a name is the lists' alone (listed_name), not the context's: Haile Grant-Lewis
    place = load_word_lists().known_words
    for i in range(n - 1):
        for end in (i + 3, i + 2):
            if end > n or not full_name(line, i, end):
                continue
            if line.text[line.spans[i][0] - 1 : line.spans[i][0]] in _QUOTES:
                break  # Clematis 'Pat Coleman': a plant's or a rose's variety, named in quotes
            if i > 0 and line.words[i - 1] in _PLACE_BEFORE:
                break
            if not _surname_after_word(line, i, end):
                break  # Wednesday 11:00 Said Eucharist: an everyday word before a word no list has, with no cue
            stop = line.text[line.spans[end - 1][1] : line.spans[end - 1][1] + 1]
            if stop == "." and end < n and len(line.orig[end - 1]) <= 4 and line.orig[end][:1].islower():
                break  # Lord Have Mercy Trad. solo: an abbreviation, the sentence going on in lower case
            if end < n and _thing_after(line, end, place):
                break
            return "a full name mid-line: a listed given name and a surname or a word no list has", i or None, \
                (end if end < n and not _number_then_word(line, end) else None)
    return None

#: Words before which a capitalised word names a thing or a place (``a Paris trip``, ``of London``, ``from York``).
_THING_BEFORE = _PLACE_BEFORE | frozenset("a an of from this that these those every each my our your their his her".split())
#: Words before ``to`` that make what follows a person (``thank you to Hetal``, ``Happy birthday to Neville``).
_TO_A_PERSON = frozenset("you thanks birthday congratulations congrats done goodbye hello".split())
#: A line's first word before a person's given name (``Here's Gintaras``, ``Thanks Neville``, ``Dear Callum``).
_GREETINGS = frozenset("here's heres thanks hi hello dear congratulations congrats bye goodbye".split())


def _given_name_mid_line(line: Line) -> tuple[str, int | None, int | None] | None:
    """One listed given name that is no English or everyday word, capitalised inside a sentence: after a word in lower
    case (``chosen by Neville``, ``My nurse today is Callum``, ``driver Harold``) or a greeting first on the line
    (``Here's Gintaras celebrating 94``), and not before another capitalised English word or a street's, a house's or
    a business's word. The lists' given names are towns (``York``, ``Lincoln``) and shops too, so not after ``at``,
    ``in``, ``from``, ``to`` (``thank you to Hetal`` aside), ``of`` or ``a``, ``the`` and the like (``a Paris
    trip``), and never on a line in capitals or one written like a title; the name is the match."""
    n = len(line.orig)
    if n < 2 or line.upper:
        return None
    lists, english, place = load_name_lists(), load_english_words(), load_word_lists().known_words
    for k in range(1, n):
        o = as_written(line, k)
        w = fold(o)
        if not (len(o) >= 3 and o[0].isupper() and o[1:].isalpha() and o[1:].islower()):
            continue
        if w not in lists.given or w in lists.everyday or w in english or w in place or w in BUSINESS_WORDS \
                or w in CALENDAR_WORDS or w in NOTICE_WORDS or w in _FUNCTION_WORDS:
            continue
        a, b = line.spans[k]
        if line.text[b : b + 1] == "-" or line.text[a - 1 : a] == "-" or line.text[a - 1 : a] in _QUOTES:
            continue  # Weston-super-Mare: a place's hyphenated name; 'Harold': a variety's
        before, prev = line.orig[k - 1], line.words[k - 1]
        if prev in _THING_BEFORE or (prev == "to" and (k < 2 or line.words[k - 2] not in _TO_A_PERSON)):
            continue
        if not (before[:1].islower() or (k == 1 and prev in _GREETINGS)) or prev in NAME_PARTICLES:
            continue  # Masjid al-Noor
        if prev in ("and", "&") and k >= 2 and line.capitalised(k - 2):
            continue  # Marks and Spencer: a shop's or a firm's two names
        if k + 1 < n and not line.orig[k + 1][:1].islower() and not _ends_a_name(line, k + 1):
            continue  # Florence Nightingale Ward, Victoria Station
        if k + 1 < n and (line.words[k + 1] in place or line.words[k + 1] in BUSINESS_WORDS):
            continue  # Lincoln road, Austin garage
        end = k + 1 if k + 1 < n and not _number_then_word(line, k + 1) else None  # home visit Bethan 17 May Bank
        return "a given name no list has as a word, inside a sentence (chosen by Neville)", k, end
    return None


def listed_name(line: Line, lists: NameLists) -> str | None:
    """A line in name position (the name and nothing else) whose words the lists know."""
    if not could_be_name(line) or (len(line.words) >= 3 and line.words[-1] in BUSINESS_WORDS):
        return None  # Zion Methodist Chapel: a church's name (Margaret Church is a person's)
    if full_name(line, 0, len(line.orig)):
        return "a full name: a listed given name and a surname or a word no list has (Joy Moradi, Garang Abdi)"
    words = [fold(as_written(line, k)) for k, o in enumerate(line.orig) if len(o) > 1]
    first, last = words[0], words[-1]
    if len(words) == 2 and len(first) >= 3 and first not in lists.given and first not in load_english_words() \
            and not BUSINESS_WORDS & set(words):  # CAFE MONDO: a shop's name
        if last in lists.surnames and last not in lists.everyday and len(last) >= 4:
            return "a given name no list has and a surname"  # Lindiwe Mensah
        return None
    if len(first) < 3 or first not in lists.given or first in _FUNCTION_WORDS:
        return None
    if len(words) == 1:
        if len(line.orig) == 1:
            return "given name" if first not in lists.everyday else None
        return "given name and initial"
    if first in lists.everyday:  # Rose, Grace, May: only with a listed surname that is no everyday word (Rose Kershaw)
        surname = last in lists.surnames and last not in lists.everyday
    else:  # Margaret, Niamh: a listed surname, or a word that is not English (Margaret Church, Niamh Okonkwo)
        surname = last in lists.surnames or last not in load_english_words()
    return "given name and surname" if surname else None


NAMES_IN_A_LIST = "names in a list (Team: Delroy, Noble, Tevita and Andrius)"


def names_in_a_list(line: Line) -> tuple[int, int] | None:
    """A list of three or more items of one to three capitalised words each, parted by commas, ``&`` or ``and``
    (``Team: Delroy, Noble, Tevita and Andrius``), two of them or more a listed given name that is no everyday word
    and none of them an English word no list has as a name, nor a day or a month (``Tesco, Asda and Lidl``, ``Ham,
    Cheese and Pickle``, ``Mon, Tue and Wed`` stay): the words (start, end) of the longest such list, or None."""
    lists, english = load_name_lists(), load_english_words()
    n = len(line.orig)

    def between(k: int) -> str:
        return line.text[line.spans[k][1] : line.spans[k + 1][0]]

    def item(k: int) -> bool:
        return line.capitalised(k) and line.words[k] not in ("and", "or")

    best: tuple[int, int] | None = None
    i = 0
    while i < n:
        if not item(i):
            i += 1
            continue
        items, j = [], i
        while True:
            e = j + 1
            while e < n and e - j < 3 and item(e) and not between(e - 1).strip():
                e += 1
            items.append((j, e))
            if e < n and re.fullmatch(r"\s*[,&+]\s*", between(e - 1)) and item(e):
                j = e
            elif e + 1 < n and line.words[e] == "and" and re.fullmatch(r"\s*,?\s*", between(e - 1)) and item(e + 1):
                j = e + 1
            else:
                break
        words = [k for a, b in items for k in range(a, b)]
        given = sum(any(line.words[k] in lists.given and line.words[k] not in lists.everyday for k in range(a, b)) for a, b in items)
        plain = any((line.words[k] in english and line.words[k] not in lists.given and line.words[k] not in lists.surnames)
                    or line.words[k] in CALENDAR_WORDS for k in words)
        if len(items) >= 3 and given >= 2 and not plain and (best is None or items[-1][1] - items[0][0] > best[1] - best[0]):
            best = (items[0][0], items[-1][1])
        i = items[-1][1]
    return best


class PersonNameRule(TextRule):
    label = "person_name"
    category = "person_name"
    priority = 130
    summary = "names on badges, doors, banners, cards (from the gallery and names list, context, or the name lists)"

    def candidates(self, line: Line, ctx: RuleContext) -> Iterator[Candidate]:
        if NameSource.KNOWN in ctx.name_sources and ctx.known_names:
            yield Candidate("known", line.raw)
        if NameSource.CONTEXT in ctx.name_sources:
            yield Candidate("context", line.raw)
        if NameSource.LISTS in ctx.name_sources:
            yield Candidate("lists", line.raw)
            yield Candidate("list", line.raw)

    def validate(self, candidate: Candidate, line: Line, ctx: RuleContext) -> str | None:
        if candidate.kind == "known":
            return known_name(line, ctx.known_names, load_name_lists())
        if candidate.kind == "context":
            found = context_name(line)
            return found[0] if found is not None else None
        if candidate.kind == "list":
            return NAMES_IN_A_LIST if names_in_a_list(line) is not None else None
        return listed_name(line, load_name_lists())

    def where(self, candidate: Candidate, line: Line, ctx: RuleContext) -> tuple[int | None, int | None]:
        """After a cue on the same line, the name is the end of it (``Bingo with`` | ``Grace``):
        the cue's words identify no one. A name first on its line is the start of it (``Hilda
        Boateng`` | ``Vegetarian``). A title stays with its name (``Mrs Okafor``). A list of names
        is its names (``Team:`` | ``Delroy, Noble, Tevita and Andrius``)."""
        if candidate.kind == "list":
            span = names_in_a_list(line)
            return (None, None) if span is None else (span[0] or None, span[1] if span[1] < len(line.orig) else None)
        found = context_name(line) if candidate.kind == "context" else None
        if found is None:
            return None, None
        return found[1] or None, found[2] if len(found) > 2 else None


RULE = PersonNameRule()
