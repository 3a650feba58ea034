"""ID numbers: NHS numbers, National Insurance numbers, record numbers.

Validators: an NHS number's modulus-11 check digit (10 digits, weights 10..2);
a National Insurance number's prefix and suffix letters (``AB 12 34 56 C``:
no D, F, I, Q, U, V first, never-issued prefixes refused, suffix A-D), allowing
one OCR letter/digit confusion; any other run of 6+ digits that is not a phone
number or a price (a record number; a 10-digit run with a wrong check digit is
one of these), unless it is a timetable row of 24-hour times (``0619 1346 1442``) or separate small numbers
(``25 26 28 29 31 33``: a lottery line's picks); 3+ digits after
an ID word (NHS, NI, ref, MRN), or a key safe's or door's code (``Key safe code 4821``).
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from .line import TO_DIGIT, TO_LETTER, TOKEN, Line, digit_runs, digit_text, fix_digits, nfkc, runs_of
from .phone import has_phone, nhs_number_valid
from .rule import Candidate, RuleContext, TextRule

_NI_FIRST = set("ABCEGHJKLMNOPRSTWXYZ")
_NI_SECOND = set("ABCEGHJKLMNPRSTWXYZ")
_NI_BAD_PREFIX = {"BG", "GB", "NK", "KN", "TN", "NT", "ZZ"}
#: Words before an ID number, or a key safe's or a door's code.
_ID_WORDS = ("nhs", "ni", "nino", "ref", "id", "mrn", "chi", "code", "pin", "passcode", "keysafe", "keypad")
#: Public services' short numbers (NHS 111, 999, 112, police 101, 119, power cut 105, Samaritans 116 123).
SERVICE_NUMBERS = frozenset({"111", "999", "112", "101", "119", "105", "116123", "116111", "116117"})
_MONEY = re.compile(r"[$£€¥%]|\d[.,]\d{2}\b")
#: Three or more four-digit groups apart by spaces: a row of a timetable when each is a 24-hour time.
_TIME_ROW = re.compile(r"(?<![\d\-./])\d{4}(?:[ \t]+\d{4}){2,}(?![\d\-./])")


def timetable_row(text: str, digits: str) -> bool:
    """Whether the run ``digits`` of ``text`` is a timetable row: three or more four-digit 24-hour times apart
    by spaces, each later than the one before (``Mon-Fri 0619 1346 1442 1724``). No payment card number is
    one (its first group starts with 3-6, never a valid hour), nor an NHS (3-3-4) or phone number's grouping."""
    for m in _TIME_ROW.finditer(digit_text(text)):
        groups = m.group(0).split()
        if "".join(groups) != digits:
            continue
        minutes = [int(g[:2]) * 60 + int(g[2:]) for g in groups if int(g[:2]) < 24 and int(g[2:]) < 60]
        if len(minutes) == len(groups) and all(a < b for a, b in zip(minutes, minutes[1:], strict=False)):
            return True
    return False


#: Four or more numbers of one or two digits apart by spaces (``25 26 28 29 31 33``): a lottery line's picks, a
#: score row or a bingo card, never one number. Three pairs (``12 34 56``) may be a National Insurance number's
#: digits read apart from its letters (``AB l2 34 56 C``) or a sort code, and stay a record number.
_SMALL_ROW = re.compile(r"(?<![\d\-./])\d{1,2}(?:[ \t]+\d{1,2}){3,}(?![\d\-./])")


def small_number_row(text: str, digits: str) -> bool:
    """Whether the run ``digits`` of ``text`` is separate small numbers (``Gordon 25 26 28 29 31 33 paid``), which
    the digit runs join: no record number is written as four or more one- or two-digit groups apart by spaces alone
    (dates have a slash, a dot or a year; three pairs stay a number, :data:`_SMALL_ROW`)."""
    return any("".join(m.group(0).split()) == digits for m in _SMALL_ROW.finditer(digit_text(text)))


#: A year, then a time (``21 September 2026 14:30``): the reader's digit run ``202614`` is no record number.
_YEAR_THEN_TIME = re.compile(r"(?<!\d)((?:19|20)\d{2})\s+(\d{1,2})[:.](\d{2})(?!\d)")


def year_then_time(text: str, digits: str) -> bool:
    """Whether the run ``digits`` of ``text`` is a year and the hour of a time after it (a ticket's or a poster's date)."""
    found = _YEAR_THEN_TIME.finditer(digit_text(text))
    return any(digits in (m.group(1) + m.group(2), m.group(1) + m.group(2) + m.group(3)) for m in found)


def digits_after_id_word(line: Line) -> list[str]:
    """The digit runs after the line's first ID word (``NHS No 943 476``, ``Ref: 2231``), not before it
    (``MON 1315 Tai chi``), with ``tai chi`` no Community Health Index and the services' short numbers
    every sign prints (``NHS 111``, ``Emergency 999``, ``Police 101``) no one's record."""
    words = line.words
    for i, w in enumerate(words):
        if w in _ID_WORDS and not (w == "chi" and i > 0 and words[i - 1] == "tai"):
            break
    else:
        return []
    return [r for r in digit_runs(" ".join(line.orig[i + 1 :])) if r not in SERVICE_NUMBERS]


def ni_number(text: str) -> bool:
    """Whether ``text`` holds a UK National Insurance number (``AB 12 34 56 C``), allowing one
    OCR letter/digit confusion in the prefix or the digits. The number must stand apart from
    other letters and digits (``DOB 18/03/1945`` is not one)."""
    s = "".join(TOKEN.findall(nfkc(text))).upper()
    for start in range(0, max(0, len(s) - 8)):
        cand = s[start : start + 9]
        if start > 0 and (s[start - 1].isdigit() or cand[0].isdigit()):
            continue
        if start + 9 < len(s) and s[start + 9].isalnum():
            continue
        fixed = "".join(TO_LETTER.get(c, c) for c in cand[:2]) + "".join(TO_DIGIT.get(c, c) for c in cand[2:8]) + cand[8]
        changes = sum(a != b for a, b in zip(cand, fixed, strict=True))
        if changes > 1 or not fixed[2:8].isdigit():
            continue
        if fixed[0] in _NI_FIRST and fixed[1] in _NI_SECOND and fixed[:2] not in _NI_BAD_PREFIX and fixed[8] in "ABCD":
            return True
    return False


class IdNumberRule(TextRule):
    label = "id_number"
    category = "id_number"
    priority = 90
    summary = "NHS numbers (valid check digit), National Insurance numbers, other runs of 6+ digits"

    def candidates(self, line: Line, ctx: RuleContext) -> Iterator[Candidate]:
        runs = digit_runs(line.raw)
        for r in runs:
            yield Candidate("nhs", r)
        yield Candidate("ni", line.raw)
        for r in runs:
            yield Candidate("record", r)
        for r in digits_after_id_word(line):
            yield Candidate("after id word", r)

    def validate(self, candidate: Candidate, line: Line, ctx: RuleContext) -> str | None:
        if candidate.kind == "nhs":
            return "NHS number (valid check digit)" if nhs_number_valid(candidate.text) else None
        if candidate.kind == "ni":
            return "National Insurance number" if ni_number(candidate.text) else None
        if candidate.kind == "record":
            if len(candidate.text) >= 6 and not _MONEY.search(nfkc(line.raw)) and not has_phone(line) \
                    and not timetable_row(line.raw, candidate.text) and not year_then_time(line.raw, candidate.text) \
                    and not small_number_row(line.raw, candidate.text):
                return "long digit group (a record or reference number)"
            return None
        return "digits after an ID word (NHS, NI, ref)" if len(candidate.text) >= 3 and not has_phone(line) else None

    def where(self, candidate: Candidate, line: Line, ctx: RuleContext) -> tuple[int | None, int | None]:
        """A record's number inside a longer line is its own words, the run of words with digits that holds it
        and the ID word right before it (``Hosp No:`` | ``MRN 10358313``, ``Serial`` | ``WC399346`` | ``Service due Sep
        2027``); a name on the line is a
        part of its own (:func:`mediascrub.textrules.line_matches`), a room's number on it takes the whole line,
        and so does a National Insurance number (its letters and digits are read in many ways)."""
        from .person_name import _room_at  # (person_name asks this module nothing back)

        if candidate.kind == "ni":
            return None, None
        n = len(line.orig)
        digits = [any(c.isdigit() for c in t) or (len(t) > 1 and fix_digits(t).isdigit()) for t in line.orig]
        for a, b in runs_of(digits):
            if candidate.text not in "".join(c for t in line.orig[a:b] for c in fix_digits(t) if c.isdigit()):
                continue
            if any(_room_at(line, k) for k in range(n) if not a <= k < b):
                return None, None
            if a > 0 and line.words[a - 1] in _ID_WORDS:
                a -= 1  # MRN 10358313: the number's own kind goes with it
            return a or None, (b if b < n else None)
        return None, None


RULE = IdNumberRule()
