"""Dates of birth: a date after DOB/born/d.o.b., digits after such a word, or a full date
far enough in the past to be someone's birth date.

Validator: a real day and month (day-first, else month-first), a 4-digit year
between 1880 and 2100 or a 2-digit year. Without a date-of-birth word, the
year must be at least ``MIN_AGE`` years ago (a resident's or a member of
staff's, not this summer's fete: ``Summer Fete 12 July 2025`` stays), and a weekday before it that the
date never fell on says the "year" is no year (``Next meeting: Tuesday 19th February, 1900``: a time).
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterator

from .line import Line, digit_runs, digit_text, fold, nfkc
from .rule import Candidate, RuleContext, TextRule
from .words import WEEKDAY_END, WEEKDAY_STEM, load_name_lists

#: Without a date-of-birth word, a full date counts only when its year is at least this many years ago.
MIN_AGE = 16
_DOB_CUES = ("dob", "d o b", "born", "date of birth", "birth date", "birthdate", "geb", "ne le", "nee le")
#: Words before the date a business, building or club began, not a person.
_FOUNDED = frozenset("est estd established since founded opened built anniversary".split())
MONTHS = {
    m: i
    for i, names in enumerate(
        (("jan", "january"), ("feb", "february"), ("mar", "march"), ("apr", "april"), ("may",), ("jun", "june"),
         ("jul", "july"), ("aug", "august"), ("sep", "sept", "september"), ("oct", "october"), ("nov", "november"),
         ("dec", "december")),
        1,
    )
    for m in names
}
#: Both separators the same (``12/03/45``, ``12.03.1945``), and the day no clock's minutes: ``9.30 - 4.30``,
#: ``10.30-4.30`` and ``9 - 5.30`` are opening hours, never a date.
_NUMERIC = re.compile(r"(?<!\d)(?<!\d[.:])(\d{1,2})\s?([/.\-])\s?(\d{1,2})\s?\2\s?(\d{4}|\d{2})(?![\d:.]\d)(?!\d)")
_DAY_MONTH = re.compile(
    r"(?<!\d)(\d{1,2})(?:st|nd|rd|th)?(?:\s+of\s+|\s+|\s?[/.\-]\s?)([A-Za-z]{3,9})\.?,?(?:\s+|\s?[/.\-]\s?)(\d{4})(?!\d)"
)
#: ``27-Feb-31``, ``27/Feb/31``: a month's name between separators, a 2-digit year (not ``27 Feb 31``: a count).
_DAY_MONTH_SHORT = re.compile(r"(?<!\d)(\d{1,2})\s?([/.\-])\s?([A-Za-z]{3,9})\s?\2\s?(\d{2})(?!\d)")
_MONTH_DAY = re.compile(r"([A-Za-z]{3,9})\.?\s+(\d{1,2})(?:st|nd|rd|th)?,?\s+(\d{4})(?!\d)")


#: A weekday's name right before a day's number (``Tuesday 19th``, ``Sat 14``).
_WEEKDAY_DATE = re.compile(rf"\b({WEEKDAY_STEM}){WEEKDAY_END}\.?,?\s+\d{{1,2}}(?:st|nd|rd|th)?\b", re.IGNORECASE)
_WEEKDAYS = ("mon", "tue", "wed", "thu", "fri", "sat", "sun")


def _founded(line: Line) -> bool:
    """A founding word right before a date (``Est. 27 Feb 1931``, ``Since 12-Mar-1931``, ``Founded 1 May``):
    the date a business or building began. Not one elsewhere on the line (``Established by Rose 12 March 1945``)."""
    words = line.words
    for i, w in enumerate(words[:-1]):
        if w in _FOUNDED:
            nxt = words[i + 1]
            if nxt[:1].isdigit() or nxt in MONTHS or nxt.rstrip("stndrh").isdigit():
                return True
    return False


def _wrong_weekday(line: Line, date: str) -> bool:
    """Whether the line names a weekday before its date (``d/m/y``) that the date never fell on, in either
    century: then the "year" is something else (``Tuesday 19th February, 1900``: a meeting at 19:00)."""
    m = _WEEKDAY_DATE.search(nfkc(line.raw))
    if m is None:
        return False
    named = _WEEKDAYS.index(m.group(1).lower())
    d, mo, y = (int(x) for x in date.split("/"))
    for year in ((y,) if y >= 100 else (1900 + y, 2000 + y)):
        try:
            if dt.date(year, mo, d).weekday() == named:
                return False
        except ValueError:
            continue
    return True


def full_dates(text: str) -> list[tuple[int, int, int]]:
    """Full dates in ``text`` as (day, month, year) with a 2- or 4-digit year; day-first, else month-first."""
    fixed = digit_text(text)
    out: list[tuple[int, int, int]] = []
    for d, _sep, m, y in _NUMERIC.findall(fixed):
        di, mi, yi = int(d), int(m), int(y)
        if not 1 <= mi <= 12 and 1 <= di <= 12:
            di, mi = mi, di
        if 1 <= di <= 31 and 1 <= mi <= 12:
            out.append((di, mi, yi))
    for d, mon, y in _DAY_MONTH.findall(fixed):
        if fold(mon) in MONTHS and 1 <= int(d) <= 31:
            out.append((int(d), MONTHS[fold(mon)], int(y)))
    for d, _sep, mon, y in _DAY_MONTH_SHORT.findall(fixed):
        if fold(mon) in MONTHS and 1 <= int(d) <= 31:
            out.append((int(d), MONTHS[fold(mon)], int(y)))
    for mon, d, y in _MONTH_DAY.findall(fixed):
        if fold(mon) in MONTHS and 1 <= int(d) <= 31:
            out.append((int(d), MONTHS[fold(mon)], int(y)))
    return [x for x in out if len(str(x[2])) == 2 or 1880 <= x[2] <= 2100]


def long_ago(year: int, today: dt.date | None = None) -> bool:
    """Whether ``year`` (4 digits, or 2: either century) is at least ``MIN_AGE`` years before today."""
    now = (today or dt.date.today()).year
    if year >= 100:
        return year <= now - MIN_AGE
    recent = now - 2000 - MIN_AGE < year <= now - 2000  # '15 in 2026: 2015, or 1915; taken as recent
    return not recent


def has_dob_cue(line: Line) -> bool:
    squashed = " ".join(line.words)
    return any(re.search(rf"(?:^|\s){re.escape(c)}(?:\s|$)", squashed) for c in _DOB_CUES)


class DateOfBirthRule(TextRule):
    label = "date_of_birth"
    category = "date_of_birth"
    priority = 80
    summary = "a date after DOB/born, or any full date"

    def candidates(self, line: Line, ctx: RuleContext) -> Iterator[Candidate]:
        cue = has_dob_cue(line)
        for d, m, y in full_dates(line.raw):
            yield Candidate("cued date" if cue else "date", f"{d}/{m}/{y}")
        if cue:
            for run in digit_runs(line.raw):
                yield Candidate("cued digits", run)

    def validate(self, candidate: Candidate, line: Line, ctx: RuleContext) -> str | None:
        if candidate.kind == "cued date":
            return "date after a date-of-birth word"
        if candidate.kind == "cued digits":
            return "digits after a date-of-birth word" if len(candidate.text) in (6, 8) else None
        if _founded(line):
            return None  # Est. 27 Feb 1931, Since 12-Mar-1931: when a business or building began
        if _wrong_weekday(line, candidate.text):
            return None  # Next meeting: Tuesday 19th February, 1900: 19/2/1900 was a Monday, so 1900 is a time
        return "full date (could be a date of birth)" if long_ago(int(candidate.text.rsplit("/", 1)[1])) else None

    def where(self, candidate: Candidate, line: Line, ctx: RuleContext) -> tuple[int | None, int | None]:
        """A date of birth inside a sentence is its own words (``who was born on`` | ``21-6-1957`` | ``in Swansea``;
        ``DOB:`` | ``12/03/1947``): the words around it say nothing of whose it is. A name right beside it goes with it
        (``12/03/1947 Doris``); a name further along is a part of its own (:func:`.line_matches`: ``Doris`` | ``DOB`` |
        ``12/03/1947``); a room's number on the line (``DOB 12/03/1947 Room 4``) takes the whole line."""
        if candidate.kind not in ("date", "cued date"):
            return None, None
        from .person_name import Reads, _room_at, name_word  # (person_name asks this module nothing back)

        fixed = digit_text(line.text)
        lists = load_name_lists()
        for pattern in (_NUMERIC, _DAY_MONTH, _DAY_MONTH_SHORT, _MONTH_DAY):
            for m in pattern.finditer(fixed):
                if candidate.text not in ("/".join(map(str, d)) for d in full_dates(m.group(0))):
                    continue
                inside = [k for k, (s, e) in enumerate(line.spans) if s < m.end() and e > m.start()]
                if not inside:
                    return None, None
                a, b = inside[0], inside[-1] + 1
                if any(_room_at(line, k) for k in range(len(line.orig)) if not a <= k < b):
                    return None, None
                while a > 0 and name_word(line, a - 1, Reads.GIVEN) and not line.text[line.spans[a - 1][1] : line.spans[a][0]].strip():
                    a -= 1  # 12/03/1947 written right after a name (Doris 12/03/1947)
                while b < len(line.orig) and (line.words[b] in lists.given or line.words[b] in lists.surnames) and \
                        name_word(line, b, Reads.GIVEN):
                    b += 1  # 12/03/1947 Doris
                return a or None, (b if b < len(line.orig) else None)
        return None, None


RULE = DateOfBirthRule()
