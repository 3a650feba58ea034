"""What every text rule is: a label, the ``[text] hide`` category it belongs to, a priority,
candidates found in a line, and a validator that says whether a candidate really is one.

presidio's recognisers have the same shape (a pattern finds, ``validate_result``
confirms: an NHS number's check digit); here each rule is one module of
:mod:`mediascrub.textrules` and the registry there runs them in priority order.
"""

from __future__ import annotations

import abc
import enum
from collections.abc import Iterator
from dataclasses import dataclass, field

from .line import Line


class NameSource(enum.StrEnum):
    """Where a person's name can come from (the benchmark measures each)."""

    KNOWN = "known"  # the consent gallery and the [text] names list
    CONTEXT = "context"  # Mr/Mrs, Name:, Happy Birthday, Room 14, a badge's role line
    LISTS = "lists"  # general given-name and surname lists


ALL_NAME_SOURCES = frozenset(NameSource)


@dataclass(frozen=True)
class RuleContext:
    """What a rule may know beyond the line itself.

    ``known_names``: (name, where from) pairs to hide (the consent gallery, ``[text] names``).
    ``sensitive_terms``: the agency's own words (``[text] sensitive_terms``).
    ``name_sources``: which :class:`NameSource` may make a person's name.
    ``keep``: the agency's own words never to hide (``[text] keep``).
    """

    known_names: tuple[tuple[str, str], ...] = ()
    sensitive_terms: tuple[str, ...] = ()
    name_sources: frozenset[str] = field(default=ALL_NAME_SOURCES)
    keep: tuple[str, ...] = ()


@dataclass(frozen=True)
class Candidate:
    """Something a rule found in a line, to be validated. ``kind`` tells the validator
    which test applies; ``text`` is the part of the line (never logged or reported)."""

    kind: str
    text: str


@dataclass(frozen=True)
class Match:
    """A validated candidate: the rule's label and category, and why (never quoting the line).
    ``start``: the index of the line's first word (:attr:`.line.Line.orig`) that identifies when
    only the end of the line does (``Bingo with`` | ``Abena Mensah``); None: from the start.
    ``end``: the index after its last word when only the start of the line does (``Hilda Boateng``
    | ``Vegetarian``); None: to the end. Both None: the whole line."""

    label: str
    category: str | None
    reason: str
    start: int | None = None
    end: int | None = None

    @property
    def part_of_line(self) -> bool:
        return self.start is not None or self.end is not None


class TextRule(abc.ABC):
    """One category of text to hide.

    ``label``: the finding's label (``phone``). ``category``: the ``[text] hide``
    name that switches it (``address`` for the four address rules); None: always
    on (the agency's own sensitive terms). ``priority``: lower runs first, and
    the first rule whose candidate validates decides the line. ``summary``: what
    it hides, in a few plain words (README, ``policy show``).
    """

    label: str
    category: str | None
    priority: int
    summary: str

    @abc.abstractmethod
    def candidates(self, line: Line, ctx: RuleContext) -> Iterator[Candidate]:
        """What in ``line`` might be one, most specific first."""

    @abc.abstractmethod
    def validate(self, candidate: Candidate, line: Line, ctx: RuleContext) -> str | None:
        """The reason ``candidate`` really is one (a check digit, a number that parses,
        a postcode's shape...), or None."""

    def where(self, candidate: Candidate, line: Line, ctx: RuleContext) -> tuple[int | None, int | None]:
        """The words of the line that identify, when only part of it does: (start, end), see
        :attr:`Match.start` and :attr:`Match.end`; (None, None): the whole line (the default)."""
        return None, None

    def match(self, line: Line, ctx: RuleContext) -> Match | None:
        """The first candidate that validates, as a :class:`Match`; None if none does."""
        for candidate in self.candidates(line, ctx):
            reason = self.validate(candidate, line, ctx)
            if reason is not None:
                return Match(self.label, self.category, reason, *self.where(candidate, line, ctx))
        return None

    def __repr__(self) -> str:
        return f"<text rule {self.label} ({self.category or 'always'}, priority {self.priority})>"
