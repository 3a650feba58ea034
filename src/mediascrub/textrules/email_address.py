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
        """An address after a label (``Keep in touch:`` | ``otieno.m@aol.com``) is its words alone, with a name
        written right before it (``Tomasz Nowak tomasz.n@gmail.com`` goes whole); a name further along is a part of
        its own (:func:`mediascrub.textrules.line_matches`: ``Book with`` | ``Tevita Baker`` | ``in the office or`` |
        ``bakert@outlook.com``); a room's or a flat's number on the line takes all of it (``Room 12 email:
        rm12@home.com``: the room says whose address it is). An address whose ``@`` was not read (``Thuy: court all
        day`` | ``t.kimOicloud.com``) is placed the same way: the words that hold it."""
        from .person_name import Reads, _room_at, name_word  # (person_name asks this module nothing back)

        at = line.text.find(candidate.text)
        if at < 0:
            return None, None
        inside = [k for k, (s, e) in enumerate(line.spans) if s < at + len(candidate.text) and e > at]
        if not inside:
            return None, None
        a, b = inside[0], inside[-1] + 1
        while a > 0 and _between(line, a - 1) and not any(c.isspace() for c in _between(line, a - 1)):
            a -= 1  # t.kimOicloud.com: the words run into it (the host pattern wants two letters before a dot)
        while b < len(line.orig) and _between(line, b - 1) and not any(c.isspace() for c in _between(line, b - 1)):
            b += 1
        if any(_room_at(line, k) for k in range(len(line.orig)) if not a <= k < b):
            return None, None
        while a > 0 and name_word(line, a - 1, Reads.GIVEN) and _between(line, a - 1).strip() == "":
            a -= 1  # a name written right before it (Tomasz Nowak tomasz.n@gmail.com)
        return a or None, (b if b < len(line.orig) else None)

    def validate(self, candidate: Candidate, line: Line, ctx: RuleContext) -> str | None:
        if candidate.kind == "email":
            return "email address"  # the pattern's shape: name, @ (or a look-alike), a dotted host
        return AT_NOT_READ if personal_web(candidate.text) == AT_NOT_READ else None


RULE = EmailRule()


def _between(line: Line, k: int) -> str:
    """What stands between words ``k`` and ``k + 1``."""
    return line.text[line.spans[k][1] : line.spans[k + 1][0]]
