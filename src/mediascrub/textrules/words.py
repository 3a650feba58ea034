"""The shipped word lists the text rules read: data, not code (``mediascrub/data/``, see its README).

Each is read once per process; a missing or damaged file is a ``ConfigError``
naming it (reinstall mediascrub).
"""

from __future__ import annotations

import functools
import tomllib
from collections.abc import Sequence
from dataclasses import dataclass
from importlib import resources

from ..errors import ConfigError
from .line import TOKEN, fold

WORDS_RESOURCE = "address_words.toml"


def read_resource(*parts: str) -> str:
    try:
        return resources.files("mediascrub").joinpath("data", *parts).read_text(encoding="utf-8")
    except OSError as exc:
        raise ConfigError(f"the packaged list mediascrub/data/{'/'.join(parts)} is missing ({exc}); reinstall mediascrub") from None


def _lines(text: str) -> list[str]:
    return [s.strip() for s in text.splitlines() if s.strip() and not s.startswith("#")]


def phrases(items: Sequence[str]) -> frozenset[tuple[str, ...]]:
    """Each item as a tuple of folded words."""
    return frozenset(tuple(TOKEN.findall(fold(s))) for s in items if TOKEN.findall(fold(s)))


# --------------------------------------------------------------------------- address words


@dataclass(frozen=True)
class WordLists:
    """The contents of ``address_words.toml``, as tuples of folded words."""

    street_suffix: frozenset[tuple[str, ...]]
    street_suffix_weak: frozenset[tuple[str, ...]]
    street_suffix_numbered: frozenset[tuple[str, ...]]
    street_abbreviations: frozenset[str]
    street_prefix: frozenset[tuple[str, ...]]
    street_prefix_alone: frozenset[tuple[str, ...]]
    connectors: frozenset[str]
    not_streets: tuple[tuple[str, ...], ...]
    house_suffix: frozenset[tuple[str, ...]]
    house_prefix: frozenset[tuple[str, ...]]
    house_alone: frozenset[tuple[str, ...]]
    not_names: frozenset[str]
    not_houses: frozenset[tuple[str, ...]]
    number_prefixes: frozenset[str]

    @functools.cached_property
    def known_words(self) -> frozenset[str]:
        """Every single word of the street and house lists."""
        out: set[str] = set()
        for group in (self.street_suffix, self.street_prefix, self.house_suffix, self.house_prefix):
            out.update(w for p in group for w in p)
        return frozenset(out)

    @functools.cached_property
    def generic_words(self) -> frozenset[str]:
        """Words too common to identify a sensitive term on their own."""
        return self.known_words | self.connectors | self.not_names | self.number_prefixes

    @functools.cached_property
    def fuzzy_targets(self) -> tuple[str, ...]:
        """Known words long enough (6+) to match with one OCR error, in alphabetical order: a word one error
        away from two of them (``grance``: ``grande``, ``grange``) is read as the same one in every process."""
        return tuple(sorted(w for w in self.known_words if len(w) >= 6))


@functools.lru_cache(maxsize=1)
def load_word_lists() -> WordLists:
    """The packaged address word lists. ConfigError if the file is damaged."""
    try:
        data = tomllib.loads(read_resource(WORDS_RESOURCE))
        street, house, number = data["street"], data["house"], data["number"]
        return WordLists(
            street_suffix=phrases(street["suffix"]),
            street_suffix_weak=phrases(street["suffix_weak"]),
            street_suffix_numbered=phrases(street["suffix_numbered"]),
            street_abbreviations=frozenset(fold(s) for s in street["abbreviations"]),
            street_prefix=phrases(street["prefix"]),
            street_prefix_alone=phrases(street["prefix_alone"]),
            connectors=frozenset(fold(s) for s in street["connectors"]),
            not_streets=tuple(sorted(phrases(street["not_streets"]), key=len, reverse=True)),
            house_suffix=phrases(house["suffix"]),
            house_prefix=phrases(house["prefix"]),
            house_alone=phrases(house["alone"]),
            not_names=frozenset(fold(s) for s in house["not_names"]),
            not_houses=phrases(house["not_houses"]),
            number_prefixes=frozenset(fold(s) for s in number["prefixes"]),
        )
    except (KeyError, TypeError, tomllib.TOMLDecodeError) as exc:
        raise ConfigError(
            f"the packaged word list mediascrub/data/{WORDS_RESOURCE} is missing or damaged ({exc}); reinstall mediascrub"
        ) from None


# --------------------------------------------------------------------------- names and English words


@dataclass(frozen=True)
class NameLists:
    given: frozenset[str]
    surnames: frozenset[str]
    everyday: frozenset[str]


# Days, months and festivals, and their short forms, are in the name lists (``Sunday``, ``April``,
# ``June``, ``Mon``, ``Christmas``) but on a sign they are almost always the calendar: like everyday
# words, they count as a name only before a surname (``Merry Christmas`` is no name).
CALENDAR_WORDS = frozenset(
    "monday tuesday wednesday thursday friday saturday sunday january february march april may june july "
    "august september october november december "
    "mon tue tues wed weds thu thur thurs fri sat sun jan feb mar apr jun jul aug sep sept oct nov dec "
    "christmas xmas easter halloween diwali eid hanukkah ramadan vaisakhi passover whitsun michaelmas".split()
)


#: A weekday's word in a pattern: its first three letters, then the rest of a full or short form
#: (``Tuesday``, ``Tues``, ``Thur``, ``Weds``); never a longer word that starts the same (``Sunita``, ``Monica``).
WEEKDAY_STEM = r"(?:mon|tue|wed|thu|fri|sat|sun)"
WEEKDAY_END = r"(?:day|sday|nesday|rsday|urday|s|r|rs|urs)?"


def parse_nam_dict(text: str) -> set[str]:
    """The given names in Jörg Michael's ``nam_dict.txt`` (the file the ``gender-guesser``
    package ships), folded: one name per line in columns 4-29, gender code first;
    ``=`` lines (short/long equivalents) and ``+``-sorted duplicates skipped; a ``+``
    inside a name (``Jun+Wei``) gives the run-together form and each part."""
    names: set[str] = set()
    for row in text.splitlines():
        if not row or row.startswith(("#", "=")) or len(row) < 4:
            continue
        if len(row) > 29 and row[29] == "+":
            continue
        name = fold(row[3:29].strip())
        for part in (name.replace("+", ""), *name.split("+")):
            if len(part) >= 3 and part.isalpha():
                names.add(part)
    return names


def _international_given_names() -> frozenset[str]:
    """Given names from many countries (GB, Ireland, India, ...): ``gender_guesser/data/nam_dict.txt``."""
    try:
        text = resources.files("gender_guesser").joinpath("data", "nam_dict.txt").read_text(encoding="utf-8")
    except (ModuleNotFoundError, OSError) as exc:
        raise ConfigError(f"the international given-name list (package gender-guesser) is missing ({exc}); reinstall mediascrub") from None
    return frozenset(parse_nam_dict(text))


@functools.lru_cache(maxsize=1)
def load_name_lists() -> NameLists:
    """The given-name, surname and everyday-word lists: the shipped US Census lists and
    the international given names of ``gender-guesser``. Everyday: the shipped list, days
    and months, and every listed name that is an English word (British spellings too)."""
    given = frozenset(_lines(read_resource("names", "given_names.txt"))) | _international_given_names()
    surnames = frozenset(_lines(read_resource("names", "surnames.txt")))
    everyday = frozenset(_lines(read_resource("names", "everyday_words.txt"))) | CALENDAR_WORDS
    return NameLists(given=given, surnames=surnames, everyday=everyday | ((given | surnames) & load_english_words()))


@functools.lru_cache(maxsize=1)
def load_english_words() -> frozenset[str]:
    """Lower-case English words (SCOWL, ``data/words/english_words.txt``): ``Library Menu``
    is two words, ``Alfie Thwaite`` is not."""
    return frozenset(_lines(read_resource("words", "english_words.txt")))


@dataclass(frozen=True)
class NameContext:
    """``data/name_context.toml``: the words that say the capitalised words beside them are a name."""

    titles: frozenset[str]
    labels: frozenset[str]
    role_labels: frozenset[str]
    possessed: frozenset[str]
    role_nouns: frozenset[str]
    role_modifiers: frozenset[str]
    cue_endings: tuple[tuple[str, ...], ...]  # longest first
    column_headings: frozenset[tuple[str, ...]]
    sentence_cues: tuple[tuple[str, ...], ...] = ()  # longest first
    board_headings: frozenset[tuple[str, ...]] = frozenset()
    dose_headings: frozenset[tuple[str, ...]] = frozenset()
    person_cues: tuple[tuple[str, ...], ...] = ()  # longest first
    kinship: frozenset[str] = frozenset()


@functools.lru_cache(maxsize=1)
def load_name_context() -> NameContext:
    """The shipped name-context words (titles, labels, roles, cues)."""
    try:
        data = tomllib.loads(read_resource("name_context.toml"))

        def words(key: str) -> frozenset[str]:
            return frozenset(t for w in data[key] for t in TOKEN.findall(fold(str(w))))  # "co-ordinator": "co", "ordinator"

        return NameContext(
            titles=words("titles"),
            labels=words("labels"),
            role_labels=words("role_labels"),
            possessed=words("possessed"),
            role_nouns=words("role_nouns"),
            role_modifiers=words("role_modifiers"),
            cue_endings=tuple(sorted(phrases([str(w) for w in data["cue_endings"]]), key=len, reverse=True)),
            column_headings=phrases([str(w) for w in data["column_headings"]]),
            sentence_cues=tuple(sorted(phrases([str(w) for w in data["sentence_cues"]]), key=lambda p: (-len(p), p))),
            board_headings=phrases([str(w) for w in data["board_headings"]]),
            dose_headings=phrases([str(w) for w in data["dose_headings"]]),
            person_cues=tuple(sorted(phrases([str(w) for w in data["person_cues"]]), key=lambda p: (-len(p), p))),
            kinship=words("kinship"),
        )
    except (KeyError, TypeError, tomllib.TOMLDecodeError) as exc:
        raise ConfigError(f"the packaged list mediascrub/data/name_context.toml is damaged ({exc}); reinstall mediascrub") from None


# --------------------------------------------------------------------------- care terms


@dataclass(frozen=True)
class CareTerms:
    words: frozenset[str]  # single words
    phrases: tuple[tuple[str, ...], ...]  # several words
    by_length: dict[int, tuple[str, ...]]  # single words of 6+ letters, for fuzzy matching


@functools.lru_cache(maxsize=1)
def load_care_terms() -> CareTerms:
    """The shipped health and treatment terms (``data/care_terms.toml``)."""
    try:
        data = tomllib.loads(read_resource("care_terms.toml"))
        terms = [str(t) for key in ("medication", "condition", "care") for t in data[key]]
    except (KeyError, TypeError, tomllib.TOMLDecodeError) as exc:
        raise ConfigError(f"the packaged list mediascrub/data/care_terms.toml is damaged ({exc}); reinstall mediascrub") from None
    words: set[str] = set()
    several: set[tuple[str, ...]] = set()
    for t in terms:
        toks = tuple(TOKEN.findall(fold(t)))
        if len(toks) == 1:
            words.add(toks[0])
        elif toks:
            several.add(toks)
    by_length: dict[int, list[str]] = {}
    for w in words:
        if len(w) >= 6 and w.isalpha():
            by_length.setdefault(len(w), []).append(w)
    return CareTerms(frozenset(words), tuple(sorted(several, key=len, reverse=True)), {k: tuple(v) for k, v in by_length.items()})
