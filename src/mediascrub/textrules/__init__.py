"""The text rules: what in a line of OCR text identifies a client, a home or their care.

Pure functions of strings (no pixels, no models), organised the way presidio
organises its recognisers: one rule per kind of text, each its own module with
a priority and a validator (see :mod:`.rule`), registered here explicitly.
:data:`RULES` runs in priority order and the first rule whose candidate
validates decides the line; :data:`CATEGORIES`, the names ``[text] hide``
accepts, comes from the rules (the policy reads it from here).

| module | label | category | validator |
|---|---|---|---|
| ``sensitive_term`` | sensitive_term | always | the agency's own words, fuzzy |
| ``postcode`` | postcode | address | the UK postcode shape; a French code postal and town |
| ``street`` | street_name | address | a street type in a street's position |
| ``house_name`` | house_name | address | a house word next to a name |
| ``house_number`` | house_number | address | 1-4 digits, no price, time or percentage |
| ``email_address`` | email | email | name @ dotted host |
| ``web_address`` | web_address | web_address | a path, a social host, a name in the host |
| ``date_of_birth`` | date_of_birth | date_of_birth | a real day, month and year |
| ``id_number`` | id_number | id_number | NHS check digit, NI letters, not a phone |
| ``phone`` | phone | phone | ``phonenumbers`` parses and validates it |
| ``plate`` | plate | plate | the plate formats and age codes |
| ``health`` | health | health | ``data/care_terms.toml`` |
| ``person_name`` | person_name | person_name | known names, context, the name lists |

Every line is read through one tokeniser, :func:`.line.split_line`.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from . import (
    date_of_birth,
    email_address,
    health,
    house_name,
    house_number,
    id_number,
    person_name,
    phone,
    plate,
    postcode,
    sensitive_term,
    street,
    web_address,
)
from .features import LineFeatures, line_features
from .line import TOKEN, Line, allowed_edits, edit_distance, nfkc, quantity_words, split_line, squash
from .rule import ALL_NAME_SOURCES, Candidate, Match, NameSource, RuleContext, TextRule
from .words import CALENDAR_WORDS, load_word_lists

#: Every rule, in the order they are tried.
RULES: tuple[TextRule, ...] = tuple(
    sorted(
        (
            sensitive_term.RULE,
            postcode.RULE,
            street.RULE,
            house_name.RULE,
            house_number.RULE,
            email_address.RULE,
            web_address.RULE,
            date_of_birth.RULE,
            id_number.RULE,
            phone.RULE,
            plate.RULE,
            health.RULE,
            person_name.RULE,
        ),
        key=lambda r: r.priority,
    )
)

#: What ``[text] hide`` may name, in the order the rules are tried.
CATEGORIES: tuple[str, ...] = tuple(dict.fromkeys(r.category for r in RULES if r.category is not None))

#: The labels of the address rules (house_number, street_name, postcode, house_name) and the agency's terms.
ADDRESS_LABELS = frozenset(r.label for r in RULES if r.category in ("address", None))


def rule(label: str) -> TextRule:
    """The rule with this label (KeyError if none)."""
    for r in RULES:
        if r.label == label:
            return r
    raise KeyError(label)


def summaries() -> dict[str, list[str]]:
    """Per category, what its rules hide (for help and documentation)."""
    out: dict[str, list[str]] = {}
    for r in RULES:
        if r.category is not None:
            out.setdefault(r.category, []).append(r.summary)
    return out


@dataclass(frozen=True)
class LineVerdict:
    """The verdict on one line: the first rule that matched (None: nothing to hide) and the line's features.

    ``extra``: when ``match`` hides part of the line, the other parts of it to hide too, each a
    :class:`Match` with its own words (``Welcome to`` | ``Art Pugh`` | ``, who joins us from`` |
    ``17 Honey Lane``); see :func:`line_matches`."""

    match: Match | None
    features: LineFeatures
    note: str = "nothing sensitive"  # the reason when nothing matched
    kept: bool = False  # on the agency's keep list: never hidden, never taken along with a card
    extra: tuple[Match, ...] = ()

    @property
    def label(self) -> str:
        return self.match.label if self.match is not None else "other"

    @property
    def reason(self) -> str:
        """Why (never quoting the line)."""
        return self.match.reason if self.match is not None else self.note

    @property
    def parts(self) -> tuple[Match, ...]:
        """The parts of the line to hide, in the order of their words; () when all of it is hidden, or none."""
        if self.match is None or not self.match.part_of_line:
            return ()
        return tuple(sorted((self.match, *self.extra), key=lambda m: m.start or 0))


def first_match(line: Line, ctx: RuleContext, hide: Iterable[str] = CATEGORIES) -> Match | None:
    """The first rule (by priority) whose category is in ``hide``, or that is always on, to match ``line``,
    with the words it hides (the first of :func:`line_matches`)."""
    found = line_matches(line, ctx, hide)
    return found[0] if found else None


#: At most this many parts of one line are hidden apart; a line with more is hidden whole.
MAX_PARTS = 8


def line_matches(line: Line, ctx: RuleContext, hide: Iterable[str] = CATEGORIES) -> tuple[Match, ...]:
    """What to hide in ``line``: () nothing; one :class:`Match`, the first rule (by priority) to match, when it
    hides the whole line; or, when it hides part of it, that match and then one per further part that the same
    rule or a later one finds in the words left visible (``Mr Church``, ``Yesenia Anyanwu``, ``Miss Popescu``
    on one line), each with its own words. The words left are read again as a line of their own, without the
    hidden ones, until no rule finds more. A rule that matches all of them, a part that cannot be placed back
    in the line, or more than ``MAX_PARTS`` parts hide the whole line (fail closed). Rules earlier than the
    first to match are not asked again: they found nothing in the whole line."""
    hidden = frozenset(hide)
    for k, r in enumerate(RULES):
        if r.category is None or r.category in hidden:
            m = r.match(line, ctx)
            if m is not None:
                m = _after_lead_time(line, m)
                return _more_parts(line, m, RULES[k:], ctx, hidden) if m.part_of_line else (m,)
    return ()


def _span(m: Match, n: int) -> tuple[int, int]:
    """``m``'s words in a line of ``n`` words as (first, after last)."""
    return (0 if m.start is None else m.start, n if m.end is None else m.end)


def _more_parts(line: Line, first: Match, later: Sequence[TextRule], ctx: RuleContext, hidden: frozenset[str]) -> tuple[Match, ...]:
    """``first`` and the further parts of ``line`` that ``later`` rules find in the words it leaves (see
    :func:`line_matches`); ``(first as the whole line,)`` when together they leave nothing or cannot be placed."""
    text = nfkc(line.raw)
    words = list(TOKEN.finditer(text))
    n = len(words)
    whole = (_after_lead_time(line, Match(first.label, first.category, first.reason)),)
    found = [first]
    while True:
        spans = [_span(m, n) for m in found]
        if n != len(line.orig) or len(found) > MAX_PARTS or any(not 0 <= a < b <= n for a, b in spans):
            return whole
        covered = {k for a, b in spans for k in range(a, b)}
        left = [k for k in range(n) if k not in covered]
        if not left:
            return whole
        # The line without its hidden words, the rest as written (``Thanks to`` ``, Noble Gill & Thulasi ...``).
        rest = text
        for a in sorted((k for k in covered if k - 1 not in covered), reverse=True):
            b = next(j for j in range(a, n) if j + 1 not in covered)
            rest = rest[: words[a].start()] + " " + rest[words[b].end() :]
        line_rest = split_line(rest)
        if line_rest.orig != tuple(line.orig[k] for k in left):
            return whole
        m = next((x for r in later if (r.category is None or r.category in hidden) and (x := r.match(line_rest, ctx)) is not None), None)
        if m is None:
            break
        a, b = _span(_after_lead_time(line_rest, m), len(left))
        if not 0 <= a < b <= len(left):
            return whole
        found.append(Match(m.label, m.category, m.reason, left[a], left[b - 1] + 1))
    if _a_record(line, found, covered):
        return whole
    once_whole = len(found) > 1 or first.label in _ONCE_WHOLE
    if "person_name" in hidden and (once_whole or first.label == person_name.RULE.label):
        named = {k for m in found if m.label == person_name.RULE.label for k in range(*_span(m, len(line.orig)))}
        ids = (phone.RULE.label, email_address.RULE.label, id_number.RULE.label)
        reads = person_name.Reads.ANY if first.label in ids else person_name.Reads.GIVEN
        found += _names_beside(line, covered, named, reads if once_whole else None)
    merged: list[tuple[int, int, Match]] = []
    for a, b, m in sorted((*_span(m, n), m) for m in found):
        if merged and a <= merged[-1][1]:
            pa, pb, pm = merged.pop()
            a, b, m = pa, max(pb, b), (pm if pm is first or m is not first else m)
        merged.append((a, b, m))
    if len(merged) == 1 and merged[0][:2] == (0, n):
        return whole
    parts = [Match(m.label, m.category, m.reason, a or None, b if b < n else None) for a, b, m in merged]
    lead = next(k for k, (a, b, _) in enumerate(merged) if a <= _span(first, n)[0] < b)
    return (parts[lead], *(p for k, p in enumerate(parts) if k != lead))


#: What may stand between the names of a list (``Aoife, Noble Gill & Thulasi``).
_LIST_JOINS = re.compile(r"\s*(?:,|&|\+|and|or)\s*", re.IGNORECASE)
NAME_BESIDE = "a word that could be a name beside hidden text"


#: The rules whose line went whole with a name anywhere on it before they hid their own words alone: the words
#: left that could be names go with them (:func:`_names_beside`).
_ONCE_WHOLE = frozenset({street.RULE.label, house_name.RULE.label, phone.RULE.label, email_address.RULE.label, id_number.RULE.label,
                         date_of_birth.RULE.label})


def _names_beside(line: Line, covered: set[int], named: set[int], seeds: person_name.Reads | None) -> list[Match]:
    """On a line hidden in parts that a rule would once have hidden whole (``seeds``: how a word reads as a name), the
    words left that could be a person's name (:func:`.person_name.name_word`; not a month, nor, read as a given
    name, a sentence's first word: ``Songsheets from``), and the capitalised words joined to one of those by a space or a list's commas,
    ``&`` or ``and``; and on any line, a word that could be a name joined to a name part (``named``: its words)
    by the list's joins alone (``Aoife,`` | ``Noble Gill`` | ``& Thulasi``, ``Grace and`` | ``Miss Reznei``;
    ``Hilda Boateng`` | ``Vegetarian`` and ``Arthur Jenkins,`` | ``Tea with milk`` stay): each is hidden too,
    one part per run."""
    n = len(line.orig)
    hide = {k for k in range(n) if seeds is not None and k not in covered and person_name.name_word(line, k, seeds)
            and line.words[k] not in CALENDAR_WORDS
            and not (seeds is person_name.Reads.GIVEN and k == 0 and n > 1 and line.orig[1].islower()
                     and not _between(line, 0).strip().startswith(":"))}  # May; Love from; but Hope: review at
    grown = True
    while grown:
        grown = False
        for k in range(n):
            if k in covered or k in hide or not line.capitalised(k):
                continue
            for j in (k - 1, k + 1, k - 2, k + 2):
                if not 0 <= j < n or j == k:
                    continue
                a, b = min(j, k), max(j, k)
                if b - a == 2 and not (line.words[a + 1] in ("and", "or") and not (_between(line, a) + _between(line, a + 1)).strip()):
                    continue  # Grace and | Miss Reznei: ``and`` read as a word between them
                listed = b - a == 2 or _LIST_JOINS.fullmatch(_between(line, a)) is not None
                if (j in hide and line.words[k] not in CALENDAR_WORDS | street.PLACE_WORDS | load_word_lists().known_words
                        and (listed or _between(line, a).strip() == "")) or (
                        j in named and listed and person_name.name_word(line, k, person_name.Reads.GIVEN)
                        and not _phrase_goes_on(line, k)):
                    hide.add(k)
                    grown = True
                    break
    out: list[Match] = []
    for k in sorted(hide):
        if out and out[-1].end == k:
            out[-1] = Match(out[-1].label, out[-1].category, out[-1].reason, out[-1].start, k + 1)
        else:
            out.append(Match(person_name.RULE.label, person_name.RULE.category, NAME_BESIDE, k, k + 1))
    return out


def _between(line: Line, k: int) -> str:
    """What stands between words ``k`` and ``k + 1``."""
    return line.text[line.spans[k][1] : line.spans[k + 1][0]] if k + 1 < len(line.orig) else ""


def _phrase_goes_on(line: Line, k: int) -> bool:
    """Word ``k`` starts a phrase, not a list's name: a word in lower case follows it (``Tea with milk``)."""
    return k + 1 < len(line.orig) and line.orig[k + 1].islower() and line.words[k + 1] not in ("and", "or") \
        and _between(line, k).strip() == ""


#: The rules of a person's numbers: on a line with a name, a number they leave is the person's too.
_RECORDS = frozenset({phone.RULE.label, id_number.RULE.label, email_address.RULE.label, date_of_birth.RULE.label})


def _a_record(line: Line, found: Sequence[Match], covered: set[int]) -> bool:
    """The line is an address line or a record about a person, hidden whole: an address with no word beside it
    (``Mill Lane 10:30``), or an address and a person's name with no sentence around them, fewer than two words
    in lower case left (``Mrs Hinds - 83B Hope Street - Zimmer``, ``Florentina Lis - 54A Nab Lane - stick``) or a
    number that is no time or price (``Dale Bailey 53A Cemetery Road key safe 5029``); or a name found with more,
    or a person's number (:data:`_RECORDS`) on a line with a name, and a number left that is no time, date, price
    or ordinal (``Yan Popescu 135Victoria Roaddog ... (ID 35557)``: an address OCR ran together; ``Matias Je Rangi
    203 90.9 89.1 2 high rish gluten free``): what else it says is about that person and that home (``Welcome to Art Pugh,
    who joins us from 17 Honey Lane`` is a sentence: its parts alone)."""
    kinds = {m.category for m in found}
    left = [k for k in range(len(line.orig)) if k not in covered]
    named = "person_name" in kinds or (found[0].label in _RECORDS and any(
        person_name.name_word(line, k, person_name.Reads.GIVEN) for k in range(len(line.orig))))
    if (len(found) > 1 or found[0].label in _RECORDS) and named and street.house_digits(line, left):
        return True  # a name and more, and a number left that is no time, date or price: 135Victoria Roaddog (ID 35557)
    if "address" not in kinds:
        return False
    times = quantity_words(line.raw)
    shown = [o for k, o in enumerate(line.orig) if k not in covered and k not in times]
    words = [o for o in shown if o.isalpha() and len(o) >= 2]
    if not words:
        return True
    return "person_name" in kinds and (sum(w.islower() for w in words) < 2 or any(c.isdigit() for o in shown for c in o))


#: A schedule's time first on its line (``08:15``, ``8.30am``, ``10am``), then a space and more words.
_LEAD_TIME = re.compile(r"\W*(?:(?:[01]?\d|2[0-3])[:.][0-5]\d(?:\s?[ap]m)?|(?:1[0-2]|0?[1-9])\s?[ap]m)(?=\s*[-\u2013]?\s+\S)",
                        re.IGNORECASE)


def _after_lead_time(line: Line, m: Match) -> Match:
    """A time first on a line whose address or care words are hidden is the schedule's, not the home's or the
    person's (``08:15`` | ``Mrs Hinds - 83B Hope Street - Zimmer`` on a minibus run, ``13:15`` | ``Pet therapy``):
    the match starts after it. A name's own rules already say where it starts; numbers, dates and plates keep
    their digits together."""
    if m.category not in ("address", "health") or (m.start or 0) > 0:
        return m
    t = _LEAD_TIME.match(nfkc(line.raw))
    if t is None:
        return m
    at = len(TOKEN.findall(t.group(0)))
    if at >= len(line.orig) or (m.end is not None and m.end <= at):
        return m
    return Match(m.label, m.category, m.reason, at, m.end)


KEEP_REASON = "on the keep list (text.keep)"


def on_keep_list(line: Line, keep: Iterable[str]) -> bool:
    """Whether the whole line reads as one of ``keep`` (letters and digits only, folded;
    one OCR error per four characters: :func:`.line.allowed_edits`)."""
    text = line.squashed
    for phrase in keep:
        p = squash(phrase)
        if p and abs(len(p) - len(text)) <= allowed_edits(len(p)) and edit_distance(p, text) <= allowed_edits(len(p)):
            return True
    return False


def classify_line(text: str, ctx: RuleContext | None = None, hide: Iterable[str] = CATEGORIES) -> LineVerdict:
    """Classify one OCR line: the rule that decides it under ``hide`` and its features.

    A line on ``ctx.keep`` matches nothing (``kept``), unless it is one of the agency's
    sensitive terms or known names: those lists are explicit, the keep list does not undo them.
    """
    line = split_line(text)
    ctx = ctx if ctx is not None else RuleContext()
    hide = frozenset(hide)
    if not line.orig:
        return LineVerdict(None, line_features(line), "no letters or digits")
    features = line_features(line)
    if ctx.keep and on_keep_list(line, ctx.keep):
        explicit = RuleContext(known_names=ctx.known_names, sensitive_terms=ctx.sensitive_terms, name_sources=frozenset({NameSource.KNOWN}))
        match = first_match(line, explicit, {"person_name"} & hide)
        if match is not None and (match.category is None or match.label == "person_name"):
            return LineVerdict(match, features)
        return LineVerdict(None, features, KEEP_REASON, kept=True)
    note = "no address pattern (has digits or a near street word)" if features.addressy and "address" in hide else "nothing sensitive"
    found = line_matches(line, ctx, hide)
    return LineVerdict(found[0] if found else None, features, note, extra=found[1:])


__all__ = [
    "ADDRESS_LABELS",
    "ALL_NAME_SOURCES",
    "CATEGORIES",
    "Candidate",
    "Line",
    "LineFeatures",
    "LineVerdict",
    "Match",
    "NameSource",
    "RULES",
    "RuleContext",
    "TextRule",
    "classify_line",
    "first_match",
    "line_matches",
    "rule",
    "split_line",
    "summaries",
]
