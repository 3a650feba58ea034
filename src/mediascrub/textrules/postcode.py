"""Postcodes: UK and Crown Dependency postcodes by their exact shape, French ``code postal`` and town.

An Irish Eircode (``D03 X2Y5``) by its routing key and Eircode's letters.
Validator: the UK shape, outward letter(s) + digit(s) + optional letter,
inward digit + two letters, allowing one OCR letter/digit confusion in a
position whose kind is fixed, but only on text in capitals whose inward part
is not a time or a dose (``Quiz 2pm``, ``500mg`` are not postcodes; ``je2 3qb``
as written and ``SW1 2PM`` are). A current number plate as written (``SN19 DYK``) is a plate,
not a postcode with its ``D`` read for a ``0``.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from .line import TO_DIGIT, TO_LETTER, Line, nfkc
from .plate import exact_plate
from .rule import Candidate, RuleContext, TextRule
from .words import load_english_words

_FRENCH_POSTCODE = re.compile(r"(?<!\d)\d{5}(?!\d)\s+(?:CEDEX|[A-ZÀ-Ý][A-Za-zÀ-ÿ'\-]{2,})")
_UK_POSTCODE = re.compile(r"[A-Z]{1,2}\d[A-Z\d]?\d[A-Z]{2}")
#: An Irish Eircode as written: a routing key (``D03``, ``A65``, ``D6W``) and a unique identifier of four letters
#: and digits from Eircode's alphabet, a letter among them (``X2Y5``, ``F4E2``).
_EIRCODE = re.compile(r"[ACDEFHKNPRTVWXY]\d[\dW] (?=[0-9]*[ACDEFHKNPRTVWXY])[0-9ACDEFHKNPRTVWXY]{4}")
_TIME_OR_DOSE = re.compile(r"\d(?:AM|PM|MG|ML|KG|MM|CM|HR|GB|MB|KM)", re.IGNORECASE)


def uk_postcode(candidate: str) -> bool:
    """``candidate`` (upper case, no spaces, 5-7 characters) is a UK/Crown Dependency postcode,
    allowing one OCR letter/digit confusion in a position whose kind is fixed."""
    if not 5 <= len(candidate) <= 7 or not any(c.isdigit() for c in candidate):
        return False
    if _UK_POSTCODE.fullmatch(candidate):
        return True
    outward, inward = candidate[:-3], candidate[-3:]
    fixed_in = TO_DIGIT.get(inward[0], inward[0]) + "".join(TO_LETTER.get(c, c) for c in inward[1:])
    for area in (1, 2):
        if len(outward) < area + 1 or len(outward) > area + 2:
            continue
        fixed_out = "".join(TO_LETTER.get(c, c) for c in outward[:area])
        fixed_out += TO_DIGIT.get(outward[area], outward[area]) + outward[area + 1 :]
        fixed = fixed_out + fixed_in
        changes = sum(a != b for a, b in zip(fixed, candidate, strict=True))
        if changes <= 1 and _UK_POSTCODE.fullmatch(fixed):
            return True
    return False


def uk_postcode_written(candidate: str) -> bool:
    """A UK postcode as written (one or two tokens run together): its exact shape, or, on
    text in capitals whose inward part is not a time or a dose, one OCR letter/digit fix."""
    up = candidate.upper()
    if _UK_POSTCODE.fullmatch(up):
        return True
    if any(c.islower() for c in candidate) or _TIME_OR_DOSE.fullmatch(up[-3:]):
        return False
    return uk_postcode(up)


class PostcodeRule(TextRule):
    label = "postcode"
    category = "address"
    priority = 20
    summary = "postcodes (JE2 3QB, SW1A 1AA, D03 X2Y5, 75001 Paris)"

    def candidates(self, line: Line, ctx: RuleContext) -> Iterator[Candidate]:
        m = _FRENCH_POSTCODE.search(nfkc(line.raw))
        if m:
            yield Candidate("french", m.group(0))
        toks = [t for t in line.orig if t.isascii()]
        for i in range(len(toks) - 1):
            pair = f"{toks[i]} {toks[i + 1]}"
            if _EIRCODE.fullmatch(pair) and not exact_plate(pair) and toks[i + 1].lower() not in load_english_words():  # A12 FACE
                yield Candidate("eircode", pair)
        for i, t in enumerate(toks):
            yield Candidate("uk", t)
            if i + 1 < len(toks) and 2 <= len(t) <= 4 and len(toks[i + 1]) == 3:
                yield Candidate("uk", t + toks[i + 1])

    def validate(self, candidate: Candidate, line: Line, ctx: RuleContext) -> str | None:
        if candidate.kind == "french":
            return "French postcode and town"
        if candidate.kind == "eircode":
            return "Irish Eircode"
        if not uk_postcode_written(candidate.text):
            return None
        if not _UK_POSTCODE.fullmatch(candidate.text.upper()) and exact_plate(candidate.text) == "current":
            return None  # SN19 DYK: a plate as written, a postcode only with an OCR error undone (SN19 0YK)
        return "postcode"


RULE = PostcodeRule()
