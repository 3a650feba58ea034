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
from .line import TOKEN, Line, allowed_edits, edit_distance, nfkc, split_line, squash
from .rule import ALL_NAME_SOURCES, Candidate, Match, NameSource, RuleContext, TextRule

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
    """The verdict on one line: the first rule that matched (None: nothing to hide) and the line's features."""

    match: Match | None
    features: LineFeatures
    note: str = "nothing sensitive"  # the reason when nothing matched
    kept: bool = False  # on the agency's keep list: never hidden, never taken along with a card

    @property
    def label(self) -> str:
        return self.match.label if self.match is not None else "other"

    @property
    def reason(self) -> str:
        """Why (never quoting the line)."""
        return self.match.reason if self.match is not None else self.note


def first_match(line: Line, ctx: RuleContext, hide: Iterable[str] = CATEGORIES) -> Match | None:
    """The first rule (by priority) whose category is in ``hide``, or that is always on, to match ``line``."""
    hidden = frozenset(hide)
    for k, r in enumerate(RULES):
        if r.category is None or r.category in hidden:
            m = r.match(line, ctx)
            if m is not None:
                if m.part_of_line and _rest_matches(line, m, RULES[k + 1 :], ctx, hidden):
                    m = Match(m.label, m.category, m.reason)  # more to hide on the line: all of it
                return _after_lead_time(line, m)
    return None


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


def _rest_matches(line: Line, m: Match, later: Sequence[TextRule], ctx: RuleContext, hidden: frozenset[str]) -> bool:
    """Whether a rule not yet tried on ``line`` (``later``) finds something in the words ``m`` leaves
    visible (``14:05 Yuqing Huang`` beside a plate): then the line is hidden whole, not ``m``'s words alone."""
    text = nfkc(line.raw)
    words = list(TOKEN.finditer(text))
    first = 0 if m.start is None else m.start
    last = len(words) if m.end is None else m.end
    if not 0 <= first < last <= len(words):
        return True
    rest = (text[: words[first].start()] + " " + text[words[last - 1].end() :]).strip()
    if not TOKEN.search(rest):
        return False
    line_rest = split_line(rest)
    return any((r.category is None or r.category in hidden) and r.match(line_rest, ctx) is not None for r in later)


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
    return LineVerdict(first_match(line, ctx, hide), features, note)


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
    "rule",
    "split_line",
    "summaries",
]
