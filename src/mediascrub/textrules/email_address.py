"""Email addresses, also when OCR lost the ``@`` (``megan.ogdenmail.com``: a given name, then a host)."""

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

    def validate(self, candidate: Candidate, line: Line, ctx: RuleContext) -> str | None:
        if candidate.kind == "email":
            return "email address"  # the pattern's shape: name, @ (or a look-alike), a dotted host
        return AT_NOT_READ if personal_web(candidate.text) == AT_NOT_READ else None


RULE = EmailRule()
