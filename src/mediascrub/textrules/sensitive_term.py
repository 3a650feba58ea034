"""The agency's own words (``[text] sensitive_terms``: home names, its address), hidden whatever ``[text] hide`` says.

Matched fuzzily: the whole term with up to one edit per four characters
(:func:`.line.allowed_edits`) anywhere in the line, or any distinctive word of
it (5+ letters, not a street or house word) on its own. A term under four
characters must be a whole word of the line.
"""

from __future__ import annotations

from collections.abc import Iterator

from .line import TOKEN, Line, allowed_edits, edit_distance, fold, squash, substring_distance
from .rule import Candidate, RuleContext, TextRule
from .words import load_word_lists


class SensitiveTermRule(TextRule):
    label = "sensitive_term"
    category = None
    priority = 10
    summary = "the agency's own words (sensitive_terms), fuzzy matched"

    def candidates(self, line: Line, ctx: RuleContext) -> Iterator[Candidate]:
        generic = load_word_lists().generic_words
        for index, term in enumerate(ctx.sensitive_terms, 1):
            if not squash(term):
                continue
            yield Candidate(f"whole:{index}", term)
            if len(squash(term)) >= 4:
                for part in TOKEN.findall(fold(term)):
                    if len(part) >= 5 and part not in generic and not part.isdigit():
                        yield Candidate(f"part:{index}", part)

    def validate(self, candidate: Candidate, line: Line, ctx: RuleContext) -> str | None:
        kind, _, index = candidate.kind.partition(":")
        if kind == "whole":
            t = squash(candidate.text)
            if len(t) < 4:
                return f"sensitive term #{index} from the policy" if t in line.fixed else None
            if substring_distance(t, "".join(line.fixed)) <= allowed_edits(len(t)):
                return f"sensitive term #{index} from the policy"
            return None
        part = candidate.text
        if any(len(w) >= 4 and edit_distance(part, w) <= allowed_edits(len(part)) for w in line.fixed):
            return f"part of sensitive term #{index} from the policy"
        return None


RULE = SensitiveTermRule()
