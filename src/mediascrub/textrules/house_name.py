"""House and building names: a house word (``House``, ``Cottage``, ``Manor``, ``Maison``) after or before a name.

``Rose Cottage``, ``Benson House``, ``Maison Le Gallais``; a house word alone
on its line (``HOUSE``: a plaque read line by line), perhaps after a number.
``The House`` and ``Open House`` are not (``the``, ``open`` are no names), nor are public buildings
(``Town Hall``, ``Picture House``: ``not_houses``; ``in the Victoria Hall``), a house word written in
lower case inside a line (``Main hall capacity 120``; a plaque's ``Windsor manor`` ends it), a dish (``Cottage pie``) or
a surname after a title (``Mr Hall``).
"""

from __future__ import annotations

from collections.abc import Iterator

from .line import Line, as_number
from .rule import Candidate, RuleContext, TextRule
from .street import in_order, is_name_word, masked, phrase_candidates, public_way, quote
from .words import load_name_context, load_word_lists

#: Words after a house word that make it a dish, not a home (``Cottage pie``, ``cottage cheese``).
_DISHES = frozenset("pie pies cheese loaf pudding".split())


class HouseNameRule(TextRule):
    label = "house_name"
    category = "address"
    priority = 40
    summary = "house and building names (Rose Cottage, Benson House)"

    def candidates(self, line: Line, ctx: RuleContext) -> Iterator[Candidate]:
        lists = load_word_lists()
        words = masked(line)
        for phrase in in_order(lists.house_alone):
            yield Candidate("alone:0", " ".join(phrase))
        yield from phrase_candidates(words, lists.house_suffix, "suffix")
        yield from phrase_candidates(words, lists.house_prefix, "prefix")

    def validate(self, candidate: Candidate, line: Line, ctx: RuleContext) -> str | None:
        lists = load_word_lists()
        words = masked(line)
        n = len(words)
        phrase = tuple(candidate.text.split())
        kind, _, at = candidate.kind.partition(":")
        i = int(at)
        if kind == "alone":
            k = len(phrase)
            if words == phrase or (n > k and all(as_number(o) for o in line.orig[: n - k]) and words[n - k :] == phrase):
                return f"house-name word {quote(phrase)}"
            return None
        if kind in ("suffix", "prefix") and public_way(line):
            return None  # At Hope Farm turn right onto the bridleway: a landmark on the way, not a home
        if kind in ("suffix", "prefix") and not (line.capitalised(i) or line.upper) and not (kind == "suffix" and i + len(phrase) == n):
            return None  # Main hall capacity 120: a house word inside a line is written capitalised (a plaque's Windsor manor ends it)
        if i + len(phrase) < n and words[i + len(phrase)] in _DISHES:
            return None  # Cottage pie
        if kind == "suffix":
            end = i + len(phrase)
            if i > 0 and (words[i - 1] in load_name_context().titles or (phrase == ("hall",) and i > 1 and words[i - 2] == "the")):
                return None  # Mr Hall: a surname; in the Victoria Hall: a public hall
            if i > 0 and any(len(p) <= end and tuple(words[end - len(p) : end]) == p
                             and not (end - len(p) > 0 and words[end - len(p) - 1] == "old") for p in lists.not_houses):
                return None  # Town Hall, Picture House: a public building, not a home (The Old Town Hall is one, now)
            return f"house-name word {quote(phrase)}" if i > 0 and is_name_word(line, words, i - 1, need_capital=True) else None
        j = i + len(phrase)
        while j < n - 1 and words[j] in lists.connectors:
            j += 1  # "Maison LE Gallais"
        return f"house-name word {quote(phrase)}" if j < n and is_name_word(line, words, j, need_capital=True) else None


RULE = HouseNameRule()
