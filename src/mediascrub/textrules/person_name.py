"""People's names, from three sources measured apart by ``benchmarks/bench_text.py``
(:class:`.rule.NameSource`):

- the names of the people in the consent gallery and the ``[text] names`` list,
  fuzzy matched as sensitive terms are;
- context: a capitalised word after ``Mr``/``Mrs``/``Dr``, ``Name:``, a card
  label (``Manager Anne Hale``), ``Happy 90th Birthday`` or ``Room 14``;
- the general given-name and surname lists (US Census 1990, and the
  international given names of ``gender-guesser``'s ``nam_dict.txt``). A given
  name counts alone unless it is also an everyday word (``Rose``, ``Bill``);
  then only with a surname after it. A surname alone never counts from the
  lists (too many are ordinary words or places: ``Christmas``, ``Kitchen``).
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Sequence

from .line import TOKEN, Line, allowed_edits, edit_distance, fix_digits, fold, substring_distance
from .rule import Candidate, NameSource, RuleContext, TextRule
from .words import NameLists, load_english_words, load_name_lists

TITLES = frozenset("mr mrs ms miss mx dr prof rev sr sister nurse dame sir lady lord nan nanny grandma grandad auntie uncle".split())
LABELS = frozenset(
    "name resident client patient carer keyworker staff nurse volunteer manager contact kin family relative worker "
    "gp doctor".split()
)
# Card labels that introduce a person even without a colon: "Manager Anne Hale", "Keyworker Tom Wade".
ROLE_LABELS = frozenset("manager keyworker carer nurse worker kin contact relative".split())


def known_name(line: Line, known: Sequence[tuple[str, str]], lists: NameLists) -> str | None:
    """``known``: (name, where from) pairs. Matched like sensitive terms: the whole name
    fuzzily anywhere in the line, or a distinctive part of it (4+ letters, not an everyday word)."""
    squashed = line.squashed
    for name, source in known:
        parts = TOKEN.findall(fold(name))
        whole = "".join(parts)
        if not whole:
            continue
        if len(whole) >= 4 and substring_distance(whole, squashed) <= allowed_edits(len(whole)):
            return f"name from {source}"
        for part in parts:
            if part.isdigit():
                continue
            if len(part) < 4 or part in lists.everyday:
                if any(w == part and line.capitalised(i) for i, w in enumerate(line.words)):
                    if len(parts) == 1 or len(part) >= 3:
                        return f"part of a name from {source}"
                continue
            for w in line.words:
                if len(w) >= 3 and abs(len(w) - len(part)) <= 1 and edit_distance(part, w) <= allowed_edits(len(part)):
                    return f"part of a name from {source}"
    return None


def name_like(line: Line, k: int) -> bool:
    """Word ``k`` is written like a name and is not an English word, unless a listed name
    that is not an everyday word (``Boateng``, ``Hughes``; not ``Music``, ``Rose``)."""
    w = line.words[k]
    if not (line.capitalised(k) and line.has_lower(k) and len(w) >= 2):
        return False
    lists = load_name_lists()
    return w not in load_english_words() or ((w in lists.given or w in lists.surnames) and w not in lists.everyday)


def context_name(line: Line) -> str | None:
    n = len(line.words)
    for i, w in enumerate(line.words):
        nxt = i + 1
        if w in TITLES and nxt < n and line.capitalised(nxt):
            return "capitalised word after a title (Mr, Mrs, Dr...)"
        if w in LABELS and nxt < n and line.capitalised(nxt) and re.search(rf"{re.escape(line.orig[i])}\s*[:\-]", line.raw):
            return "words after a name label"
        if (
            w in ROLE_LABELS
            and n - nxt == 2
            and all(name_like(line, k) for k in (nxt, nxt + 1))
            and all(line.orig[k].isalpha() for k in range(n))
        ):
            return "two capitalised words after a card label (Manager, Keyworker)"
        if w == "birthday" and nxt < n and line.capitalised(nxt):
            return "capitalised word after 'Birthday'"
        if w == "room" and nxt + 1 < n and fix_digits(line.orig[nxt]).isdigit() and line.capitalised(nxt + 1):
            return "capitalised word after a room number"
    return None


def listed_name(line: Line, lists: NameLists) -> str | None:
    words, n = line.words, len(line.words)
    for i, w in enumerate(words):
        if not line.capitalised(i) or not line.has_lower(i):
            continue
        if len(w) >= 3 and w in lists.given:
            if w not in lists.everyday:
                return "given name"
            if i + 1 < n and line.capitalised(i + 1) and words[i + 1] in lists.surnames and words[i + 1] not in lists.everyday:
                return "given name and surname"
    return None


class PersonNameRule(TextRule):
    label = "person_name"
    category = "person_name"
    priority = 130
    summary = "names on badges, doors, banners, cards"

    def candidates(self, line: Line, ctx: RuleContext) -> Iterator[Candidate]:
        if NameSource.KNOWN in ctx.name_sources and ctx.known_names:
            yield Candidate("known", line.raw)
        if NameSource.CONTEXT in ctx.name_sources:
            yield Candidate("context", line.raw)
        if NameSource.LISTS in ctx.name_sources:
            yield Candidate("lists", line.raw)

    def validate(self, candidate: Candidate, line: Line, ctx: RuleContext) -> str | None:
        if candidate.kind == "known":
            return known_name(line, ctx.known_names, load_name_lists())
        if candidate.kind == "context":
            return context_name(line)
        return listed_name(line, load_name_lists())


RULE = PersonNameRule()
