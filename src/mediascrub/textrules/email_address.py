"""Email addresses, also when OCR lost the ``@`` (``megan.ogdenmail.com``: a given name, then a host).

After a label (``Keep in touch:``, ``Email:``) with no name beside it, the address's words alone are the match."""

from __future__ import annotations

import re
from collections.abc import Iterator

from .line import Line, nfkc
from .rule import Candidate, RuleContext, TextRule
from .web_address import AT_NOT_READ, WEB, personal_web

_EMAIL = re.compile(r"[\w.+-]+\s?[@©®]\s?[\w-]+(?:\s?\.\s?[\w-]+)+", re.UNICODE)


class EmailRule(TextRule):
    label = "email"
    category = "email"
    priority = 60
    summary = "email addresses"

    def candidates(self, line: Line, ctx: RuleContext) -> Iterator[Candidate]:
        raw = nfkc(line.raw)
        for m in _EMAIL.finditer(raw):
            yield Candidate("email", m.group(0))
        for m in WEB.finditer(raw):
            yield Candidate("host", m.group(0))

    def where(self, candidate: Candidate, line: Line, ctx: RuleContext) -> tuple[int | None, int | None]:
        """An address after a label (``Keep in touch:`` | ``otieno.m@aol.com``) is its words alone, when no
        word beside it could be a name (``Tomasz Nowak tomasz.n@gmail.com`` goes whole) nor is a room's or a
        flat's number (``Room 12 email: rm12@home.com`` goes whole: the room says whose address it is)."""
        from .person_name import Reads, _room_at, name_word  # (person_name asks this module nothing back)

        at = line.text.find(candidate.text)
        if candidate.kind != "email" or at < 0:
            return None, None
        inside = [k for k, (s, e) in enumerate(line.spans) if s < at + len(candidate.text) and e > at]
        if not inside:
            return None, None
        a, b = inside[0], inside[-1] + 1
        if any(name_word(line, k, Reads.GIVEN) or _room_at(line, k) for k in range(len(line.orig)) if not a <= k < b):
            return None, None
        return a or None, (b if b < len(line.orig) else None)

    def validate(self, candidate: Candidate, line: Line, ctx: RuleContext) -> str | None:
        if candidate.kind == "email":
            return "email address"  # the pattern's shape: name, @ (or a look-alike), a dotted host
        return AT_NOT_READ if personal_web(candidate.text) == AT_NOT_READ else None


RULE = EmailRule()
