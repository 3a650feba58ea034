"""House and building numbers.

A number of 1 to 4 digits on its own, with or without one letter (``12``,
``12A``, ``2202``), or after a number word (``No. 7``, ``Flat 3``), or a short
range (``12-14``). So is a year alone on a poster (``2019``): a plaque's
``1901`` and a year look the same. Validator: no price, time, percentage or
decimal (``$20``, ``10:30``, ``50%``, ``3.5``), no number of 5+ digits (a phone
number or serial), no word that is not a number word (``LEVEL 2`` stays).
OCR confusions are undone where the position says a digit is meant (``l2``,
``1O``; ``IO`` alone, with no real digit, stays a word).
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from .line import TOKEN, Line, as_number
from .person_name import Reads, name_word
from .rule import Candidate, RuleContext, TextRule
from .street import quote
from .words import load_word_lists

_NOT_A_HOUSE_NUMBER = re.compile(r"[$£€¥%:]|\d[.,]\d")
#: Number words for a room in a home (``data/address_words.toml``): only as written on a form or a door.
ROOM_PREFIXES = frozenset("room rm bedroom bed bay".split())
#: A resident's room at the end of a line: ``Rm 33`` anywhere there; ``Room 4`` or ``Bed 2`` after a dash, comma or colon.
_ROOM_AT_END = re.compile(r"(?:(?<=\s)(R[Mm]|RM)\.?|(?:[,:\-\u2013]\s*)(Room|ROOM|Bed|BED|Bedroom|BEDROOM)\b)\s*\d{1,4}[A-Za-z]?\s*$")
#: A hospital bed after its ward (``Ward 16 bed 13``): the bed is where a patient lies, the ward a public place.
_WARD_BED = re.compile(r"(?i)\bward\s+[A-Za-z0-9]{1,12}\s*[,\-\u2013]?\s*(bed|bay)\s*\d{1,3}[A-Za-z]?\b")
#: A form's label before the number (``Address: Flat 7``): its colon is no time's.
_LABEL = re.compile(r"^\W*[^\W\d_]+\.?\s*:\s*")


class HouseNumberRule(TextRule):
    label = "house_number"
    category = "address"
    priority = 50
    summary = "house and building numbers (12, 12A, No. 7, Flat 3)"

    def candidates(self, line: Line, ctx: RuleContext) -> Iterator[Candidate]:
        if line.orig:
            yield Candidate("line", line.raw)
        m = _ROOM_AT_END.search(line.text)
        if m is not None and len(line.orig) > 2:
            yield Candidate(f"room:{len(TOKEN.findall(line.text[: m.start(1)]))}", m.group(0))
        bed = _WARD_BED.search(line.text)
        if bed is not None and len(line.orig) > 2:
            yield Candidate(f"bed:{len(TOKEN.findall(line.text[: bed.start(1)]))}", bed.group(0))

    def where(self, candidate: Candidate, line: Line, ctx: RuleContext) -> tuple[int | None, int | None]:
        """A room at the end of a longer line is its last words (``Bingo -`` | ``Room 2``), or the whole line
        where a word before it could be a name (``Hui Zhao 10th - Rm 6``, ``Akosua Olawale Rm 14``)."""
        kind, _, at = candidate.kind.partition(":")
        if kind == "bed":  # Ward 16 | bed 13 (| Mrs Okafor: a name after it is a part of its own)
            return int(at), (int(at) + 2 if int(at) + 2 < len(line.orig) else None)
        if kind != "room" or any(name_word(line, k, Reads.GIVEN) for k in range(int(at))):
            return None, None  # Akosua Olawale Rm 14: the room goes with the name before it
        return int(at) or None, None

    def validate(self, candidate: Candidate, line: Line, ctx: RuleContext) -> str | None:
        if candidate.kind.startswith("room:"):
            return "a room's number at the end of a line (- Rm 6)"
        if candidate.kind.startswith("bed:"):
            return "a bed's number after its ward (Ward 16 bed 13)"
        if _NOT_A_HOUSE_NUMBER.search(_LABEL.sub("", line.raw, count=1)):
            return None
        prefixes = load_word_lists().number_prefixes
        i = 0
        while i < len(line.words) and line.fixed[i] in prefixes and as_number(line.orig[i]) is None:
            i += 1
        prefix = line.fixed[i - 1] if i else None
        rest = line.orig[i:]
        if not rest:
            return None
        numbers: list[str] = []
        for k, tok in enumerate(rest):
            num = as_number(tok)
            if num is not None:
                numbers.append(num)
            elif k == len(rest) - 1 and numbers and len(tok) == 1 and tok.isalpha():
                continue  # "12 A"
            else:
                return None
        if len(numbers) > 2 or (len(numbers) == 2 and any(len(re.sub(r"\D", "", x)) > 3 for x in numbers)):
            return None
        if prefix in ROOM_PREFIXES and not line.orig[i - 1][:1].isupper():
            return None  # a file's "room14": a room number as a form or a door writes it is capitalised (Room 28, Rm. 31)
        if prefix is not None:
            return f"number after {quote((prefix,))}"
        return "number range" if len(numbers) == 2 else "number on its own"


RULE = HouseNumberRule()
