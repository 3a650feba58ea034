"""Phone numbers: UK and international numbers that ``phonenumbers`` parses and validates,
a digit run after a phone word (``Tel``, ``Mob``), or a 10-13 digit run shaped like a UK number.
A number beside words that name no one is its digits alone (:meth:`PhoneRule.where`)."""

from __future__ import annotations

import functools
import re
from collections.abc import Iterator

from .line import Line, digit_runs, digit_text, fix_digits, runs_of
from .rule import Candidate, RuleContext, TextRule

_PHONE_CUES = frozenset("tel tele telephone phone ph mob mobile mob. cell call ring fax whatsapp contact".split())


def nhs_number_valid(digits: str) -> bool:
    """Whether ten digits are an NHS number: weights 10..2, check digit = 11 - (sum mod 11); 11 -> 0, 10 invalid."""
    if not re.fullmatch(r"\d{10}", digits):
        return False
    total = sum(int(d) * w for d, w in zip(digits[:9], range(10, 1, -1), strict=True))
    check = 11 - total % 11
    if check == 11:
        check = 0
    return check != 10 and check == int(digits[9])


@functools.lru_cache(maxsize=4096)
def _parsed(text: str) -> tuple[str, ...]:
    """The numbers ``phonenumbers`` finds in ``text`` (look-alike letters undone) and deems valid, 9+ digits."""
    import phonenumbers

    out = []
    try:
        for match in phonenumbers.PhoneNumberMatcher(digit_text(text), "GB", leniency=phonenumbers.Leniency.POSSIBLE):
            digits = re.sub(r"\D", "", match.raw_string)
            if len(digits) >= 9 and phonenumbers.is_valid_number(match.number):
                out.append(digits)
    except Exception:  # noqa: BLE001 - the library must never stop the stage; the digit rules still apply
        pass
    return tuple(out)


class PhoneRule(TextRule):
    label = "phone"
    category = "phone"
    priority = 100
    summary = "UK and international phone numbers (phonenumbers), or digits after Tel/Mob"

    def candidates(self, line: Line, ctx: RuleContext) -> Iterator[Candidate]:
        for digits in _parsed(line.raw):
            yield Candidate("parsed", digits)
        runs = digit_runs(line.raw)
        if any(w in _PHONE_CUES for w in line.words):
            yield Candidate("cued", " ".join(runs))
        for r in runs:
            yield Candidate("shape", r)

    def validate(self, candidate: Candidate, line: Line, ctx: RuleContext) -> str | None:
        if candidate.kind == "parsed":
            return "phone number"  # phonenumbers validated it (number plan, length)
        if candidate.kind == "cued":
            runs = candidate.text.split()
            return "digits after a phone word" if max((len(r) for r in runs), default=0) >= 3 and sum(map(len, runs)) >= 5 else None
        r = candidate.text
        if 10 <= len(r) <= 13 and r.startswith(("0", "44")) and not nhs_number_valid(r):
            return "phone-shaped number"
        return None

    def where(self, candidate: Candidate, line: Line, ctx: RuleContext) -> tuple[int | None, int | None]:
        """A number on a directory's line is its digits alone (``Gas board`` | ``01632 960 149``), and after a phone
        word too (``Driver's mobile`` | ``07700900751``, ``Tel`` | ``07700 900 123``): those words name no one (a phone
        word, or a role in the possessive, is never read as a surname here). A word right
        beside it that could be a name, a title or an initial goes with it (``Plumber`` | ``07700 900 123 Dave``); a
        name further along the line is a part of its own (:func:`mediascrub.textrules.line_matches`: ``Karen`` |
        ``daughter`` | ``07700 900 123``, ``Dr Okonkwo`` | ``surgery`` | ``01632 960 148``); a room's number
        elsewhere on the line goes with it, with every word between (``Ring`` | ``Flat 4 on 07700 900476``)."""
        from .person_name import Reads, _room_at, initial_at, name_word  # (person_name asks has_phone's module nothing back)
        from .words import load_name_context

        n = len(line.orig)
        numeric = [bool(t) and fix_digits(t).isdigit() for t in line.orig]
        want = candidate.text.split() if candidate.kind == "cued" else [candidate.text]
        titles = load_name_context().titles
        for a, b in runs_of(numeric):
            if not any(w in "".join(fix_digits(t) for t in line.orig[a:b]) for w in want if len(w) >= 5):
                continue
            names = {k for k in range(n) if not a <= k < b and line.words[k] not in _PHONE_CUES and (
                name_word(line, k, Reads.GIVEN) or (name_word(line, k, Reads.ANY) and not _possessive(line, k))
                or _room_at(line, k) or initial_at(line, k) is not None)}
            first, last = a, b
            while first > 0 and (first - 1 in names or line.words[first - 1] in titles or _room_at(line, first - 2)):
                first -= 1  # Dr Okonkwo, Flat 4, Daisy right before it
            while last < n and (last in names or _room_at(line, last - 1)):
                last += 1  # Flat 4, Dave right after it
            if any(_room_at(line, k) for k in names if not first <= k < last):
                first, last = min(first, *names), max(last, *(k + 2 for k in names))  # a room's number says whose it is
                while first > 0 and line.words[first - 1] in titles:
                    first -= 1
            return first or None, (last if last < n else None)
        return None, None


def _possessive(line: Line, k: int) -> bool:
    """Word ``k`` is written in the possessive (``Driver's mobile``): a role's number, not a surname."""
    after = line.spans[k][1]
    return re.match(r"\s*['’`]\s*s\b", line.text[after:]) is not None


RULE = PhoneRule()


def has_phone(line: Line) -> bool:
    """Whether the phone rule finds a phone number in ``line`` (other rules ask: a phone number is a long digit group too)."""
    return RULE.match(line, RuleContext()) is not None
