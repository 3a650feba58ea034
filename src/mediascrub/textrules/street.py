"""Street names: a street type (UK, Channel Islands and French lists in ``data/address_words.toml``) in a street's position.

A street type is a street when it follows a name (``Mill Lane``), or, for
French and Channel Islands types, comes before one (``Rue de la Mare``), or
stands alone on its line (``RUE``: signs are often read line by line). Street
types that are also everyday words (``close``, ``way``, ``park``) count only
last on the line after a capitalised word; known phrases (``one way``, ``give
way``, ``car park``, ``town hall``) never count, nor does an everyday street type in lower case in a sentence
(``for the Dawn Chorus walk``), nor a street before a shop's or a public place's word (``Station Road car
park``, ``Mill Road Surgery``) on a line with no number but a time, a price or a date, unless a comma parts them
(``Park Road, Pool``: a town). A word
one OCR error from a listed word of 6+ letters is read as that word (``Avenve``), unless it is an English word itself
(``massage`` is not ``passage``); singular and plural are different words
(``Garden`` is not ``Gardens``). A number is no street's name (``Route 40A``: a bus), and
a price or a time before a street type is no house number (``£5.70 Drive``).
"""

from __future__ import annotations

import functools
import re
from collections.abc import Iterable, Iterator, Sequence

from .line import Line, as_number, edit_distance, quantity_words
from .person_name import BUSINESS_WORDS, Reads, name_word
from .rule import Candidate, RuleContext, TextRule
from .words import CALENDAR_WORDS, WordLists, load_english_words, load_name_context, load_word_lists

#: Words after a street's name that make it a shop's or a public place's (Mill Road Surgery, Station Road car park, a bus stop).
PLACE_WORDS = BUSINESS_WORDS | frozenset(
    "car park stop station market hospital cemetery crematorium allotments baths pool primary academy college vets wmc".split()
)

def _place_follows(line: Line, end: int) -> bool:
    """A shop's or a public place's word follows word ``end`` (a street type) with no comma between (``Station
    Road car park``, ``Mill Road Surgery``); after a comma it is the town the street is in (``Mill Lane, Market
    Harborough``, ``Park Road, Pool``): still a street."""
    spans = line.spans
    if len(spans) != len(line.words):
        return False
    for k in range(end + 1, len(line.words)):
        if any(c in ",;|" for c in line.text[spans[k - 1][1] : spans[k][0]]):
            return False
        if line.words[k] in PLACE_WORDS:
            return True
    return False


#: A date written with its separators (``20.3.26``, ``11/02/2026``).
_DATE = re.compile(r"\b\d{1,2}[./-]\d{1,2}[./-]\d{2,4}\b")


def house_digits(line: Line, words: Iterable[int] | None = None) -> bool:
    """Whether a word of the line (of ``words``, its indices; None: all) has digits that are no time, price, date or
    ordinal (``Church Street Community Centre 7.00``, ``19 August 2026 v Hope Street WMC``, ``Happy 90th``: no
    house's number)."""
    skip = set(quantity_words(line.raw))
    dated = [m.span() for m in _DATE.finditer(line.text)]
    for k, (a, b) in enumerate(line.spans):
        if any(s <= a and b <= e for s, e in dated):
            skip.add(k)
        elif line.words[k] in CALENDAR_WORDS:  # 19 August 2026
            skip.update(j for j in (k - 1, k + 1) if 0 <= j < len(line.orig) and line.orig[j].isdigit())
            if k + 2 < len(line.orig) and line.orig[k + 1].isdigit() and re.fullmatch(r"(?:19|20)\d\d", line.orig[k + 1]):
                skip.add(k + 1)
    skip.update(k for k, o in enumerate(line.orig) if re.fullmatch(r"\d{1,3}(?:st|nd|rd|th)", o, re.IGNORECASE))
    ask = range(len(line.orig)) if words is None else words
    return any(c.isdigit() for k in ask if k not in skip for c in line.orig[k])


#: Words that tell the way or close a road (``Diversion via Church Lane``, ``Follow Holly Lane to the stile``, ``At Hope
#: Farm turn right``, ``Holly Road will be closed``, ``a crossing on Station Road``): a street or a house on such a line is
#: a public way or a landmark, not someone's home, unless a house's number is on the line too.
WAY_WORDS = frozenset(
    "via onto along towards toward follow turn cross crossing closed closure closures diversion diverted roadworks "
    "junction detour bridleway footpath towpath stile signposted".split()
)
#: A step's number first on its line (``3. Turn left``, ``2) Cross``): no house's number.
_STEP_NUMBER = re.compile(r"\s*\d{1,2}\s*[.)]\s")


def public_way(line: Line) -> bool:
    """A line that tells the way or closes a road (a :data:`WAY_WORDS` word), or that names a street and another
    place joined by ``and``, ``&`` or ``or`` (``on Willow Bank and May Street late at night``: an area, no one's address), with no
    house's number on it (:func:`house_digits`; a step's number first on the line is none): its streets and house
    names are public places. ``Thant: home visit 24 Brookside``, ``turn left into 12 Mill Lane`` are not."""
    step = _STEP_NUMBER.match(line.text)
    first = 1 if step is not None and line.spans and line.spans[0][1] <= step.end() else 0
    if house_digits(line, range(first, len(line.orig))):
        return False
    if any(w in WAY_WORDS for w in line.words):
        return True
    if any(w in load_name_context().titles for w in line.words):
        return False  # Mr Gill and May Street
    lists = load_word_lists()
    words = masked(line)
    n = len(line.orig)
    if n != len(line.spans):
        return False

    def place(x: int) -> bool:  # a capitalised word no one is named by alone (Willow, Church; not Okafor)
        return 0 <= x < n and line.capitalised(x) and line.orig[x].isalpha() and not name_word(line, x, Reads.STRICT)

    def joined(x: int, y: int) -> bool:  # only "and", "&" or "or" (and "the") between words x and y
        return 0 <= x < y < n and _AND.fullmatch(line.text[line.spans[x][1] : line.spans[y][0]]) is not None

    for k, w in enumerate(words):
        if k > 0 and (w,) in lists.street_suffix and line.capitalised(k) and place(k - 1):
            if any(joined(x, k - 1) and place(x) for x in range(max(0, k - 4), k - 1)):
                return True
            if any(joined(k, y) and place(y) for y in range(k + 1, min(n, k + 4))):
                return True
    return False


#: Only ``and``, ``&`` or ``or`` between two places' words (``Church Lane and the High Street``, ``Willow Bank & May Street``).
_AND = re.compile(r"\s+(?:and|or)\s+(?:the\s+)?|\s*&\s*(?:the\s+)?", re.IGNORECASE)


#: A bus's route number (``40A``, ``X5``, ``N12``, ``19``): after ``Route`` no street's name.
_ROUTE_NUMBER = re.compile(r"[A-Za-z]?\d{1,3}[A-Za-z]?")


def find_phrase(words: Sequence[str], phrase: tuple[str, ...]) -> list[int]:
    n = len(phrase)
    return [i for i in range(len(words) - n + 1) if tuple(words[i : i + n]) == phrase]


@functools.lru_cache(maxsize=64)
def in_order(phrases: frozenset[tuple[str, ...]]) -> tuple[tuple[str, ...], ...]:
    """``phrases`` longest (most specific) first, then alphabetically: the same order in every process (a
    set's own order changes with the interpreter's hash seed, and with it which phrase a rule names)."""
    return tuple(sorted(phrases, key=lambda p: (-len(p), p)))


def phrase_candidates(words: Sequence[str], phrases: frozenset[tuple[str, ...]], where: str) -> Iterator[Candidate]:
    """A candidate ``<where>:<i>`` (the phrase's text) for each place ``i`` one of ``phrases`` starts in ``words``,
    phrase by phrase, longest first (:func:`in_order`)."""
    for phrase in in_order(phrases):
        for i in find_phrase(words, phrase):
            yield Candidate(f"{where}:{i}", " ".join(phrase))


def _canonical(word: str, lists: WordLists) -> str:
    """A word, or the word-list entry it is one OCR error away from (6+ letters only; a correctly
    spelt English word is no OCR error: ``massage`` is not ``passage``)."""
    if len(word) < 6 or word in lists.known_words or word in load_english_words():
        return word
    for target in lists.fuzzy_targets:
        if target in (word + "s", word + "es") or word in (target + "s", target + "es"):
            continue  # singular and plural are different words, not OCR errors: "Garden" is not "Gardens"
        if abs(len(target) - len(word)) <= 1 and word != target and edit_distance(word, target) <= 1:
            return target
    return word


@functools.lru_cache(maxsize=4096)
def masked(line: Line) -> tuple[str, ...]:
    """The line's words (OCR errors undone) with known non-address phrases (``one way``) blanked out."""
    lists = load_word_lists()
    words = [_canonical(w, lists) for w in line.fixed]
    for phrase in lists.not_streets:
        for i in find_phrase(words, phrase):
            for k in range(i, i + len(phrase)):
                words[k] = ""
    return tuple(words)


def is_name_word(line: Line, words: Sequence[str], i: int, need_capital: bool) -> bool:
    """Word ``i`` can be the name part of a street or house name (2+ characters, a letter, not a connector)."""
    lists = load_word_lists()
    if not 0 <= i < len(words) or not words[i]:
        return False
    w = words[i]
    if len(w) < 2 or not any(c.isalpha() for c in w) or w in lists.not_names or w in lists.connectors:
        return False
    return line.capitalised(i) or not need_capital


def quote(phrase: tuple[str, ...]) -> str:
    return "'" + " ".join(phrase).title() + "'"


class StreetRule(TextRule):
    label = "street_name"
    category = "address"
    priority = 30
    summary = "street names (Mill Lane, Rue de la Mare)"

    def candidates(self, line: Line, ctx: RuleContext) -> Iterator[Candidate]:
        lists = load_word_lists()
        words = masked(line)
        yield from phrase_candidates(words, lists.street_prefix, "prefix")
        yield from phrase_candidates(words, lists.street_suffix, "suffix")
        for i, w in enumerate(words):
            if len(w) >= 5:
                yield Candidate(f"joined:{i}", w)
        if len(words) >= 2:
            yield Candidate(f"abbreviation:{self._last(line, words)}", words[-1])
        for i in range(len(words) - 2):
            if as_number(line.orig[i]) is not None:
                yield Candidate(f"numbered:{i}", line.orig[i])

    @staticmethod
    def _last(line: Line, words: Sequence[str]) -> int:
        """The last word, not counting trailing numbers and postcodes (they do not stop a street type being last)."""
        last = len(words) - 1
        while last > 0 and (words[last].isdigit() or as_number(line.orig[last]) is not None):
            last -= 1
        return last

    def validate(self, candidate: Candidate, line: Line, ctx: RuleContext) -> str | None:
        lists = load_word_lists()
        words = masked(line)
        n = len(words)
        kind, _, at = candidate.kind.partition(":")
        i = int(at)
        if kind != "joined" and public_way(line):
            return None  # Diversion via Church Lane and the High Street; Follow Holly Lane to the stile
        if kind == "prefix":
            phrase = tuple(candidate.text.split())
            j = i + len(phrase)
            if phrase in lists.street_prefix_alone and j == n and (i == 0 or all(as_number(o) for o in line.orig[:i])):
                return f"street word {quote(phrase)}"
            if j < n and _ROUTE_NUMBER.fullmatch(line.orig[j]):
                return None  # "Route 40A", "Route 19": a bus's route, no street's name
            if j < n and words[j] and (words[j] in lists.connectors or is_name_word(line, words, j, need_capital=False)):
                if phrase not in lists.street_suffix_weak or words[j] in lists.connectors or line.capitalised(j):
                    return f"street word {quote(phrase)}"
            return None
        if kind == "suffix":
            phrase = tuple(candidate.text.split())
            if _place_follows(line, i + len(phrase) - 1) and not house_digits(line):
                return None  # Hollins Lane Lunch Club, Mill Road Surgery, Station Road car park: a shop's or a public place's name
            last = self._last(line, words)
            weak = phrase in lists.street_suffix_weak
            end = i + len(phrase) - 1
            if weak and len(words) >= 3 and line.orig[i].islower() and not any(c.isdigit() for c in line.raw):
                return None  # "for the Dawn Chorus walk", "Rose garden this way": an everyday word in a sentence
            if i == 0 and end == last and not weak:
                return f"street word {quote(phrase)}"
            if i == 0:
                return None
            before = i - 2 if i >= 2 and words[i - 1] == "s" and re.search(r"['’`]\s*s\b", line.raw) else i - 1  # St Mary's Gate
            if i >= 2 and words[i - 1] == "the" and as_number(line.orig[i - 2]) and end == last:
                return f"street word {quote(phrase)}"  # 5 The Crescent, 2 The Green
            if weak:
                if end == last and is_name_word(line, words, before, need_capital=True):
                    return f"street word {quote(phrase)}"
            elif is_name_word(line, words, i - 1, need_capital=False) or (
                as_number(line.orig[i - 1]) and i - 1 not in quantity_words(line.raw)  # "£5.70 Road": a price
            ):
                return f"street word {quote(phrase)}"
            return None
        if kind == "joined":
            w = candidate.text
            if w in load_english_words():
                return None  # "Route", "Rudely": words, not "RUEDU" run together
            articles = (*lists.connectors, "dela", "del")
            if any(edit_distance(w, p[0] + c) <= 1 for p in lists.street_prefix_alone if len(p) == 1 for c in articles):
                return "street word run together with its article"  # "RUEDU", OCR's "RUBDU"
            return None
        if kind == "numbered":
            after = numbered_street(line, i)
            if after is None:
                return None
            typed = (words[after - 1],) in lists.street_suffix | lists.street_suffix_weak | lists.street_suffix_numbered
            return f"a house number and a street word {quote((words[after - 1],))}" if typed else "a house number after a visit (called at)"
        last = i
        if last >= 1 and words[last] in lists.street_abbreviations and is_name_word(line, words, last - 1, need_capital=True):
            return f"street abbreviation {quote((words[last],))}"
        return None

    def where(self, candidate: Candidate, line: Line, ctx: RuleContext) -> tuple[int | None, int | None]:
        """A street inside a longer line is its own words (``Welcome to Art Pugh, who joins us from`` | ``17 Honey
        Lane``; ``Judged by ... on`` | ``Market Street``): its name (up to three capitalised words before a street
        type, or the words after a French one), the house number before it, and the town and postcode after it
        when a comma leads to them and nothing else follows (``12 Mill Lane, Pool, BH12 3AB``: all of it). A
        street alone on its line, or run together (``RUEDU``), is the whole line; so is one whose words cannot
        be placed."""
        kind, _, at = candidate.kind.partition(":")
        words = masked(line)
        n = len(words)
        numbered = numbered_street(line, int(at)) if kind == "numbered" else None
        if numbered is not None:
            return int(at) or None, (numbered if numbered < n else None)
        if kind not in ("prefix", "suffix", "abbreviation") or n != len(line.spans):
            return None, None
        i = int(at)
        lists = load_word_lists()
        size = len(candidate.text.split()) if kind != "abbreviation" else 1
        start, end = i, i + size
        if kind == "prefix":  # Rue de la Mare, Rue du Pont
            while end < n and end - i - size < 4 and joined_words(line, end - 1) and words[end] and (
                    words[end] in lists.connectors or is_name_word(line, words, end, need_capital=True)):
                end += 1
        else:  # Honey Lane, St Mary's Gate, Merline Thompson-Hyde Lane
            named = 0
            while start > 0 and named < 3 and joined_words(line, start - 1):
                k = start - 1
                if words[k] == "s" and k > 0 and re.match(r"['’`]", line.text[line.spans[k - 1][1] :]):
                    start = k  # the possessive's s (St Mary's)
                    continue
                if words[k] in CALENDAR_WORDS or not is_name_word(line, words, k, need_capital=named > 0 or k < i - 1):
                    break
                start, named = k, named + 1
            if named == 0 and start > 0 and words[start - 1] == "the" and joined_words(line, start - 1):
                start -= 1  # 5 The Crescent
        before = start - 1
        if before >= 0 and as_number(line.orig[before]) and before not in quantity_words(line.raw) and \
                re.fullmatch(r"\s*,?\s*", line.text[line.spans[before][1] : line.spans[start][0]]):
            start = before  # 17 Honey Lane; 19B, Dawn Close
        if end < n and line.text[line.spans[end - 1][1] : line.spans[end][0]].strip().startswith(","):
            tail = range(end, n)  # , Pool, BH12 3AB: the town and postcode, when nothing else follows
            if all(line.capitalised(k) or line.upper or any(c.isdigit() for c in line.orig[k]) for k in tail) and \
                    not re.search(r"[.!?;:]\s*\S", line.text[line.spans[end][0] :]):
                end = n
        return start or None, (end if end < n else None)


#: Words before a number that make it no house's (``Route 19``, ``Year 3``, ``Platform 2``, ``Gate 4``).
_NOT_HOUSE_BEFORE = frozenset(
    "route bus platform page year class table level floor ward gate stand chapter step stage part size age aged "
    "pitch plot stall seat team game round line".split()
)


def numbered_street(line: Line, i: int) -> int | None:
    """A house number at word ``i``, then one to three capitalised words and a street type, inside a line where a
    street type that is an everyday word would not count (``Our operative called at`` | ``4B Harmony Way`` | ``at
    10am``, ``home visit`` | ``84 Cherry Tree Walk`` | ``back 11:45``; ``23 Quarry Bank``): the index after the street
    type, or None. The number is a house's: no time, price or list's number (``3. Follow Holly Lane``), nothing but
    a space or a comma before the name, not after ``Route``, ``Year`` or ``Gate``; no month or day in the name (``17
    May Bank Holiday``), and no shop's or public place's word after it (``Holly Bank Primary``)."""
    lists = load_word_lists()
    words = masked(line)
    n = len(words)
    if n != len(line.spans) or not 0 <= i < n - 2 or as_number(line.orig[i]) is None or i in quantity_words(line.raw):
        return None
    if i > 0 and line.words[i - 1] in _NOT_HOUSE_BEFORE:
        return None
    if line.text[line.spans[i][1] : line.spans[i + 1][0]].strip() not in ("", ","):
        return None
    types = lists.street_suffix | lists.street_suffix_weak | lists.street_suffix_numbered
    cued = any(line.words[max(0, i - len(c)) : i] == c for c in _VISIT_CUES)
    for j in range(i + 1, min(n, i + 5)):
        w = words[j]
        if not w or not line.capitalised(j) or not w.isalpha() or w in CALENDAR_WORDS or w in lists.connectors \
                or (j > i + 1 and not joined_words(line, j - 1)):
            return j if cued and j > i + 1 and _a_home_name(words[i + 1 : j]) else None  # home visit 24 Brookside | back 12:05
        if j > i + 1 and (w,) in types:
            return None if _place_follows(line, j) or not _street_ends(line, j + 1) else j + 1
    end = min(n, i + 4)
    return end if cued and _street_ends(line, end) and _a_home_name(words[i + 1 : end]) else None


def _a_home_name(words: Sequence[str]) -> bool:
    """The capitalised words after a visit's house number name a street or a house, not things counted (``called at
    3 Care Homes``): one of them at least is no English word (``Brookside``)."""
    english = load_english_words()
    return any(w not in english for w in words)


#: Words before a house number that say someone's home is there (``Our operative called at``, ``home visit``).
_VISIT_CUES = tuple(tuple(c.split()) for c in (
    "called at", "call at", "calling at", "home visit", "lives at", "living at",
    "collect from", "pick up from", "drop off at", "delivered to", "deliver to", "staying at", "moved to"))
#: Words after a street that end it on a note or a log (``4B Harmony Way`` | ``at 10am``).
_AFTER_STREET = frozenset("at on in by back from to and for with today tomorrow please".split())


def _street_ends(line: Line, k: int) -> bool:
    """The street ends before word ``k``: the end of the line, a mark between, a number, or a small word
    (``at 10am``, ``back 11:45``); not a noun it names (``2 Green Park tickets``)."""
    if k >= len(line.orig):
        return True
    if line.text[line.spans[k - 1][1] : line.spans[k][0]].strip():
        return True
    return line.words[k] in _AFTER_STREET or any(c.isdigit() for c in line.orig[k])


def joined_words(line: Line, k: int) -> bool:
    """Words ``k`` and ``k + 1`` belong to one name: only a space, a hyphen or an apostrophe between them."""
    return re.fullmatch(r"\s*|-|['’`]", line.text[line.spans[k][1] : line.spans[k + 1][0]]) is not None


RULE = StreetRule()
