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
from .street import in_order, is_name_word, joined_words, masked, phrase_candidates, public_way, quote
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


    def where(self, candidate: Candidate, line: Line, ctx: RuleContext) -> tuple[int | None, int | None]:
        """A house name inside a longer line is its own words (``Kadri: review at`` | ``Holly Lodge`` | ``with Ms
        Uwimana``): its name (up to three capitalised words before a house word, or those after one that comes first:
        ``Maison Le Gallais``), the number before it, and what follows a comma when it is all capitalised words and
        numbers (``Rose Cottage, Mill Lane, Pool``: the address). A house word alone on its line, or one whose words
        cannot be placed, is the whole line. A word beside it that could be a name goes too
        (:func:`mediascrub.textrules.line_matches`)."""
        kind, _, at = candidate.kind.partition(":")
        words = masked(line)
        n = len(words)
        if kind not in ("suffix", "prefix") or n != len(line.spans):
            return None, None
        i = int(at)
        size = len(candidate.text.split())
        start, end = i, i + size
        if kind == "prefix":
            while end < n and end - i - size < 3 and joined_words(line, end - 1) and words[end] and (
                    words[end] in load_word_lists().connectors or is_name_word(line, words, end, need_capital=True)):
                end += 1
        else:
            named = 0
            while start > 0 and named < 3 and joined_words(line, start - 1) and is_name_word(line, words, start - 1, need_capital=True):
                start, named = start - 1, named + 1
        if start > 0 and as_number(line.orig[start - 1]) and joined_words(line, start - 1):
            start -= 1  # 3 Rose Cottage
        if end < n and line.text[line.spans[end - 1][1] : line.spans[end][0]].strip().startswith(","):
            if all(line.capitalised(k) or line.upper or any(c.isdigit() for c in line.orig[k]) for k in range(end, n)):
                end = n  # Rose Cottage, Mill Lane, Pool
        return start or None, (end if end < n else None)


RULE = HouseNameRule()
