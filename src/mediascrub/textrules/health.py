"""Health and care words: medicines, diagnoses and care words from ``data/care_terms.toml``.

Validator: the word (one digit-for-letter OCR error undone) is a listed term,
or one wrong letter from one of 6+ letters (two from one of 10+), starting or
ending with the same letter; or the line holds a listed phrase.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from .line import Line, edit_distance
from .rule import Candidate, RuleContext, TextRule
from .words import load_care_terms


def _near_term(w: str) -> bool:
    terms = load_care_terms()
    if len(w) < 6 or not w.isalpha():
        return False
    edits = 2 if len(w) >= 10 else 1
    for n in range(len(w) - edits, len(w) + edits + 1):
        for t in terms.by_length.get(n, ()):
            if (t[0] == w[0] or t[-1] == w[-1]) and edit_distance(w, t) <= edits:
                return True
    return False


class HealthRule(TextRule):
    label = "health"
    category = "health"
    priority = 120
    summary = "medicines, diagnoses, care words (data/care_terms.toml)"

    def candidates(self, line: Line, ctx: RuleContext) -> Iterator[Candidate]:
        words = [w for w in line.fixed if w]
        for w in words:
            yield Candidate("word", w)
        for w in words:
            yield Candidate("near", w)
        yield Candidate("phrase", " ".join(words))

    def validate(self, candidate: Candidate, line: Line, ctx: RuleContext) -> str | None:
        terms = load_care_terms()
        if candidate.kind == "word":
            return "health or care word" if candidate.text in terms.words else None
        if candidate.kind == "near":
            return "health or care word" if _near_term(candidate.text) else None
        for p in terms.phrases:
            if re.search(rf"(?:^|\s){re.escape(' '.join(p))}(?:\s|$)", candidate.text):
                return "health or care words"
        return None


RULE = HealthRule()
