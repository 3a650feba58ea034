"""What the text stage needs to know about a line beyond the rule that matched it
(how it sits with the lines around it: a cue for a name beside it, a line that
goes with a card's name, a reading worth a person's look when uncertain)."""

from __future__ import annotations

import re
from collections.abc import Collection
from dataclasses import dataclass

from .date_of_birth import full_dates, long_ago
from .health import dose_kind
from .line import TO_DIGIT, Line, edit_distance, fix_digits, nfkc
from .person_name import BUSINESS_WORDS, ROOM_WORDS, Reads, could_be_name, name_word, role_words
from .words import CALENDAR_WORDS, WEEKDAY_END, WEEKDAY_STEM, load_name_context, load_name_lists, load_word_lists


def is_role_line(line: Line) -> bool:
    """A job or role on a badge or staff card (``CARER``, ``Senior Carer``, ``Activities
    Coordinator``): one to five words of ``data/name_context.toml``'s roles, one of them a noun."""
    return role_words(line.words)


def is_column_heading(line: Line) -> bool:
    """A table's heading over a column of people's names (``Name``, ``Visiting``, ``Led by``):
    ``data/name_context.toml``'s column headings, the whole line."""
    return tuple(line.words) in load_name_context().column_headings


def ends_in_column_heading(line: Line) -> bool:
    """Two headings the reader took as one line, the last over people's names (``Activity Led by``)."""
    headings = load_name_context().column_headings
    return any(len(line.words) > k and tuple(line.words[-k:]) in headings for k in (1, 2, 3))


def is_board_heading(line: Line) -> bool:
    """A board's title over people's names (``Our Staff``, ``Meet the team``, ``Staff on duty today``):
    ``data/name_context.toml``'s board headings, the whole line."""
    if tuple(line.words) in load_name_context().board_headings:
        return True
    words = set(line.words)
    return 1 <= len(line.words) <= 6 and bool(words & _PEOPLE) and not words & _NOT_PEOPLE and not any(c.isdigit() for c in line.raw)



#: A board's title that names people (``Our wonderful carers``, ``Nurses on shift``) ...
_PEOPLE = frozenset("staff team carers nurses volunteers keyworkers rota helpers crew carer nurse keyworker volunteer".split())
#: ... and one that names a place, a thing or an event for them (``Staff Room``, ``Team Building``, ``Staff notices``).
_NOT_PEOPLE = frozenset(
    "room only toilet toilets kitchen entrance exit parking park car door office area lounge meeting meetings training "
    "building notices notice news rooms private please sign in out uniform policy access required support group "
    "groups wanted needed recruiting vacancies vacancy jobs job apply station week awareness day "
    # a menu, a meal, an event or a thing for them (``Staff Canteen Menu``, ``Carers Cafe``, ``Team Games``)
    "menu menus canteen cafe café lunch lunches breakfast dinner supper tea coffee snacks bar restaurant food meal meals "
    "party parties christmas xmas games game quiz sports match fun day trip trips outing social awards celebration "
    "shirt shirts t-shirts neck jumper jumpers hoodie hoodies fleece shop sale offer offers discount special specials".split()
)


#: A rota's row label: a shift (an activity board's times and days head rows of activities, not people).
_SHIFT_WORDS = frozenset("early late night nights twilight waking shift split".split())
#: Words that make a shift only beside one of the above or of each other (``Long day``, ``Sleep in``,
#: ``Mid shift``): alone, ``AM``, ``PM``, ``Day`` or ``In`` head an activity board's or a menu's rows.
_SHIFT_PARTS = frozenset("long day sleep in am pm mid".split())
_SHIFT_PAIRS = frozenset({("long", "day"), ("sleep", "in"), ("long", "days")})


def is_shift_cell(line: Line) -> bool:
    """A rota's row label, the cell left of whoever works it: a shift (``Early``, ``Long day``,
    ``Night``, ``Twilight``, ``Sleep in``); not a day or a time, nor ``AM`` or ``PM`` alone, which head
    an activity board's or a menu's rows too."""
    words = tuple(line.words)
    if not words or len(words) > 3 or not all(w in _SHIFT_WORDS or w in _SHIFT_PARTS for w in words):
        return False
    return any(w in _SHIFT_WORDS for w in words) or any(words[k:k + 2] in _SHIFT_PAIRS for k in range(len(words) - 1))


#: A day or a clock time alone: ``13/12``, ``13.12.26``, ``10:30``, ``9.30am``, ``2pm``.
_WHEN = re.compile(r"\d{1,2}\s?[/.\-]\s?\d{1,2}(?:\s?[/.\-]\s?\d{2,4})?|\d{1,2}[:.]\d{2}\s*(?:am|pm)?|\d{1,2}\s*(?:am|pm)", re.IGNORECASE)


def is_when_cell(line: Line) -> bool:
    """A table cell holding a day or a clock time alone (a register's ``13/12``, ``10:30``)."""
    return _WHEN.fullmatch(nfkc(line.raw).strip()) is not None


def is_dose_heading(line: Line) -> bool:
    """A chart's heading over doses (``Dose``, ``Amount``): ``data/name_context.toml``'s dose headings."""
    return tuple(line.words) in load_name_context().dose_headings


def is_name_cue(line: Line) -> bool:
    """The line points at a name on the line beside it: it ends in a cue (``Happy 90th Birthday``,
    ``Room 14``, ``Name:``, ``Mrs``, ``Hello my name is``, ``Welcome``)."""
    if not line.words:
        return False
    cx = load_name_context()
    last = line.words[-1]
    if last in ("birthday", "bday") or last in cx.titles:
        return True
    if last in cx.labels and line.raw.rstrip().endswith((":", "-")):
        return True
    if len(line.words) >= 2 and line.words[-2] in ROOM_WORDS and fix_digits(line.orig[-1]).isdigit():
        return True
    if any(line.words[-len(p) :] == p for p in cx.cue_endings if len(p) <= len(line.words)):
        return True
    return line.words[0] in ("welcome", "congratulations", "happy") and "birthday" in line.words


#: Numbers that identify no one: opening hours (10.30 - 12, 10am - 12 noon, 10 till 12), ordinals (90th), times
#: (10:30, 2pm, 12 noon), prices, percentages, spans of time (7 days, 24 hours, every 10 minutes), the year a
#: business was founded or a couple married (Est. 1927, since 1990, married 1953).
_HARMLESS_NUMBERS = re.compile(
    r"\d{1,2}(?:[:.]\d{2}\s*(?:am|pm)?|\s*(?:am|pm))\s*(?:-|\u2013|to|till|until)\s*\d{1,2}(?:[:.]\d{2})?(?:\s*(?:am|pm|noon|midday)\b)?"
    r"|\d{1,2}(?:[:.]\d{2})?\s*(?:-|\u2013|to)\s*\d{1,2}(?:[:.]\d{2})?\s*(?:am|pm|noon|midday)\b"
    r"|\d{1,2}\s*(?:till|until)\s*\d{1,2}(?:[:.]\d{2})?\b|\d{1,2}\s*(?:noon|midday|midnight)\b"
    r"|\d+(?:st|nd|rd|th)\b|\d{1,2}[:.]\d{2}\s*(?:am|pm)?|\d{1,2}\s*(?:am|pm)\b|[$£€¥]\s*\d+(?:[.,]\d+)?|\d+(?:[.,]\d+)?\s*%"
    r"|\d+(?:,\d{3})*\s*(?:days?|hours?|hrs?|minutes?|mins?|weeks?|months?|years?|miles?|km|laps?|steps?|pounds?)\b"
    r"|(?:est|estd|established|since|founded|married|wed)\b\.?\s*(?:in\s+)?\d{4}\b",
    re.IGNORECASE,
)


_MONTH = r"(?:jan|feb|mar|apr|may|jun|jul|aug|sep|sept|oct|nov|dec)[a-z]*\.?"
_DAY = rf"(?:{WEEKDAY_STEM}{WEEKDAY_END})\.?"
#: Numbers of a menu, a ticket, a timetable or a price list, never of a person: a date (``13 March 2026``,
#: ``Tue 23/5``, ``14/12/25``; a date of birth is its own rule's), a 24-hour time after a day (``SAT 1300``),
#: an age group or a decade (``Over-60s``, ``1960s``), an offer (``3 for £1``), a bus's route (``Route 60``,
#: ``Bus 40A``, ``Buses 17 and 393``), the services' short numbers (``NHS 111``, ``999``).
_SCHEDULE_NUMBERS = re.compile(
    rf"\b\d{{1,2}}(?:st|nd|rd|th)?\s+(?:of\s+)?{_MONTH}(?:,?\s+\d{{4}})?(?!\w)|\b{_MONTH}\s+\d{{1,2}}(?:st|nd|rd|th)?(?:,?\s+\d{{4}})?\b"
    r"|(?<![\d/.])\d{1,2}\s?/\s?\d{1,2}(?:\s?/\s?\d{2,4})?(?![\d/])|(?<![\d.])\d{1,2}\.\d{1,2}\.\d{2,4}(?![\d.])"
    rf"|\b{_DAY}\s+(?:[01]\d|2[0-3])[0-5]\d\b"
    r"|\b\d{1,4}s\b|\b\d+\s+for\s+[$£€]?\d+(?:[.,]\d+)?p?\b"
    r"|\b(?:routes?|bus|buses|services?)\s+[A-Z]?\d{1,3}[A-Z]?(?:\s*(?:,|/|&|or|and)\s*[A-Z]?\d{1,3}[A-Z]?)*\b"
    r"|(?<!\d\s)(?<!\d-)\b(?:111|999|112|101|119|105)\b(?!\s?-?\d)",
    re.IGNORECASE,
)


def _unless_long_ago(m: re.Match[str]) -> str:
    """A schedule's number blanked out, unless it is a date long enough ago to be someone's birth (a
    misread ``DOB 12/03/45`` still goes with its card)."""
    dates = full_dates(m.group(0))
    return m.group(0) if any(long_ago(y) for _d, _m, y in dates) else " "


def is_business_name(line: Line) -> bool:
    """A business's name: up to five words, one of them a :data:`BUSINESS_WORDS` word, no digits
    (``Village Chemists``, ``Pharmacy``, ``St Columba's Hospice Shop``)."""
    return 1 <= len(line.words) <= 5 and not any(c.isdigit() for c in line.raw) and any(w in BUSINESS_WORDS for w in line.words)


def is_name_shaped(line: Line) -> bool:
    """Two or three capitalised words that read as written names (``Alfie Thwaite``: each
    not an English word, or a listed name that is not an everyday word), perhaps after one
    label word (``Family Alfie Thwaite``)."""
    n = len(line.orig)
    if not 2 <= n <= 4 or not all(o.isalpha() for o in line.orig):
        return False
    return any(n - start in (2, 3) and all(name_word(line, k) for k in range(start, n)) for start in ((0, 1) if n >= 3 else (0,)))


#: Small words a name or title keeps in lower case: "Centre for Science", "Rue de la Mare".
_TITLE_SMALL_WORDS = frozenset("and of the for de la le les du des d l y e a an at on in to".split())


def is_titled(line: Line) -> bool:
    """Words only, each capitalised (``SCIENCE AND ENGINEERING``, ``Atelier Bleu``) but for the
    small words of a title (``and``, ``of``, ``de``): how a building or house is named under its number."""
    words = [k for k, o in enumerate(line.orig) if not o.isdigit()]
    if not words or len(words) != len(line.orig):
        return False
    return all(line.capitalised(k) or line.words[k] in _TITLE_SMALL_WORDS for k in words) and any(line.capitalised(k) for k in words)


def is_identifying(line: Line) -> bool:
    """A number (not an ordinal, time, price, percentage, span of time or founding year: ``Room 31``,
    not ``90th``, ``10:30``, ``7 days`` or ``Est. 1927``), a line that is a name and nothing else
    with a listed name that is no everyday word (``Kershaw``, ``Doris M.``; see
    :func:`.person_name.could_be_name`; nor a date, an age group, an offer, a bus's route or a
    service's short number: ``_SCHEDULE_NUMBERS``), or a name-shaped line: on a card with a name or a phone
    number it goes with them; ``Library``, ``Victoria sponge £5``, ``Patel's Nails`` or ``Rose &
    Crown`` does not."""
    lists = load_name_lists()
    listed = any(len(w) >= 3 and (w in lists.surnames or w in lists.given) and w not in lists.everyday for w in line.words)
    numbers = _HARMLESS_NUMBERS.sub(" ", _SCHEDULE_NUMBERS.sub(_unless_long_ago, nfkc(line.raw)))
    if any(c.isdigit() for c in numbers):
        return True
    return not is_business_name(line) and ((listed and could_be_name(line)) or is_name_shaped(line))  # not Guru Nanak Gurdwara


#: A line of running text has at least this many words written in lower case (``is on the mend``); a card's
#: lines are labels (``Room 12``, ``Doris Kershaw``, ``Senior Carer``, ``Valid until 02/2026``).
RUNNING_TEXT_LOWER = 3
#: Words after which a capitalised word names a church, a saint or a breed, not a person (``St Mary's``).
_NOT_A_PERSON_BEFORE = frozenset("st saint king queen prince princess lord lady".split())
_WEEKDAY_WORD = re.compile(rf"{WEEKDAY_STEM}{WEEKDAY_END}s?", re.IGNORECASE)
#: A month after one of these words is a date, not a person (``until April``, ``in May``, ``by June``).
_MONTHS = frozenset("january february march april may june july august september october november december".split())
_BEFORE_A_MONTH = frozenset("until till in from by since before after during of on early late mid end".split())


def is_running_text(line: Line) -> bool:
    """A sentence or a notice's line rather than a card's label: at least ``RUNNING_TEXT_LOWER``
    words of two or more letters written in lower case (``We hope the fall is on the mend``,
    ``Free tea, cake and a listening ear``, ``Trading hut open Sundays 10 till 12``)."""
    lower = sum(1 for o in line.orig if len(o) >= 2 and o.isalpha() and o.islower())
    return lower >= RUNNING_TEXT_LOWER


def _person_words(line: Line) -> list[int]:
    """The words inside ``line`` written like a person's name (everyday given names too,
    :data:`.person_name.Reads.GIVEN`): not the line's or a sentence's first word, not a weekday, not
    after ``St`` or ``King``, not a month after ``until`` or ``in``."""
    text = line.text
    out = []
    for k in range(1, len(line.orig)):
        before = text[line.spans[k - 1][1] : line.spans[k][0]]
        if any(c in before for c in ".!?:") or line.words[k - 1] in _NOT_A_PERSON_BEFORE or line.words[k] in _NOT_A_PERSON_BEFORE:
            continue
        o = line.orig[k]
        if line.words[k] in _MONTHS and line.words[k - 1] in _BEFORE_A_MONTH:
            continue  # Roadworks on the A629 until April
        if len(o) >= 3 and not _WEEKDAY_WORD.fullmatch(o) and name_word(line, k, Reads.GIVEN):
            out.append(k)
    return out


#: A plain line has at least this many words written in lower case: a sentence or a notice's line, not a label,
#: an item or a name (``Plasters``, ``Medical conditiortgoke``: a care word misread; ``Comfort``).
PLAIN_LOWER = 2


def is_plain(line: Line) -> bool:
    """Nothing in the line could be someone's: running text (:data:`PLAIN_LOWER` lower-case words) whose only
    capitalised words start it or a sentence, or are a day or a month, with none of them a label's before a
    colon (``Comfort: home visit``, ``Action: Blessing to speak``: a given name no list has as one); no word
    written like a name, everyday given names too (``Robin: duty desk``); no number that could identify
    (:func:`is_identifying`: a room, a bed, a house; not a time, a price or ``10 min``); no ``@``. ``Parents
    arrive 10 min before``, ``Family time today - Monday``: what a hidden neighbour's fill gives way to."""
    if "@" in line.raw or is_identifying(line) or len(line.spans) != len(line.orig):
        return False
    if sum(1 for o in line.orig if len(o) >= 2 and o.isalpha() and o.islower()) < PLAIN_LOWER:
        return False
    text = line.text
    for k, o in enumerate(line.orig):
        if not o[:1].isupper():
            continue
        before = text[: line.spans[k][0]].rstrip()
        after = text[line.spans[k][1] :].lstrip()
        starts = not before or before[-1] in ".!?-\u2013"
        if after.startswith(":") or not (starts or line.words[k] in CALENDAR_WORDS):
            return False
    return not any(name_word(line, k, Reads.GIVEN) for k in range(len(line.orig)))


def names_someone(line: Line) -> bool:
    """A word inside the line written like a person's name (``Questions to Kaveh``, ``Farewell to
    carer Sandy``, ``Autumn Grant is running``; everyday given names too, :data:`.person_name.Reads.GIVEN`):
    not the line's or a sentence's first word (``Free tea``, ``... outside. Wheelchair access``), not a
    weekday, not after ``St`` or ``King`` (``St Mary's``, ``King Charles spaniel``)."""
    return bool(_person_words(line))


def lists_names(line: Line, side_by_side: bool = True, hidden: Collection[int] = (), within: tuple[int, int] | None = None) -> bool:
    """Two words of :func:`names_someone` in a list of names: joined by a comma, an ``&`` or an ``and``
    (``Love from Chase, Holly``; ``To Summer and Nyambura,``) or, with ``side_by_side``, next to each
    other (``Love from Xochitl Fifita``); not ``the May fair``, ``Music by Frank and the Jukebox`` nor
    ``13th August, 10am``. A pair of words both in ``hidden`` (a part of the line hidden already) does not count, nor,
    with ``within``, a pair outside that range of words."""
    text = line.text
    words = _person_words(line)
    for a, b in zip(words, words[1:], strict=False):
        if (a in hidden and b in hidden) or (within is not None and not within[0] <= a < b < within[1]):
            continue  # two words of a part already hidden; a pair outside the clause asked about
        between = text[line.spans[a][1] : line.spans[b][0]]
        if re.fullmatch(r"\s*(?:,|&|,?\s*and)\s*", between, re.IGNORECASE) or (side_by_side and b == a + 1 and not between.strip()):
            return True
    return False


def takes_along(line: Line) -> bool:
    """Whether a card's hidden line may take this line along: a card's label does, a line of running
    text (:func:`is_running_text`: a notice's sentence beside a hidden name) only when it names
    someone itself (:func:`names_someone`)."""
    return not is_running_text(line) or names_someone(line)


def looks_addressy(line: Line) -> bool:
    """A number: two or more digits, or a word with as many digits as letters (``4``, ``12A``;
    not ``0UCR`` or ``as0``, a letter read as a digit in texture or a word); a lone pair of digit
    look-alikes (``lO``: perhaps 10); or a word one letter from a street or house word (``Pasage``)."""
    if sum(c.isdigit() for c in line.raw) >= 2:
        return True
    if any(any(c.isdigit() for c in o) and sum(c.isdigit() for c in o) >= sum(c.isalpha() for c in o) for o in line.orig):
        return True
    squashed = "".join(line.orig)
    if 2 <= len(squashed) <= 4 and all(c in TO_DIGIT for c in squashed):
        return True  # one letter alone is too common a misread of anything
    targets = {w for w in load_word_lists().known_words if len(w) >= 4}
    return any(len(w) >= 5 and any(abs(len(t) - len(w)) <= 1 and edit_distance(w, t) <= 1 for t in targets) for w in line.fixed)


@dataclass(frozen=True)
class LineFeatures:
    """``name_cue``: see :func:`is_name_cue`. ``board_heading``: see :func:`is_board_heading`.
    ``shift_cell``: see :func:`is_shift_cell`. ``dose_amount``: an amount that is a dose beside a
    medicine (:func:`.health.dose_kind`); ``dose_heading``: see :func:`is_dose_heading`. ``when_cell``:
    see :func:`is_when_cell`. ``column_heading``, ``column_heading_last``: see
    :func:`is_column_heading`, :func:`ends_in_column_heading`.
    ``role``: see :func:`is_role_line`.
    ``could_be_name``, ``could_be_badge_name``: see :func:`.person_name.could_be_name`. ``has_name_word``: a capitalised word that is not
    an English word (``Atelier Bleu``, ``Okafor``; see :func:`.person_name.name_word`). ``titled``:
    see :func:`is_titled`. ``identifying``: see :func:`is_identifying`. ``takes_along``: see :func:`takes_along`.
    ``addressy``: see :func:`looks_addressy`. ``sensitive_looking``: 3+ digits or
    an ``@``. A low-confidence reading that is addressy or sensitive-looking and
    matched nothing deserves a person's look."""

    name_cue: bool
    board_heading: bool
    shift_cell: bool
    dose_amount: bool
    dose_heading: bool
    when_cell: bool
    column_heading: bool
    column_heading_last: bool
    role: bool
    could_be_name: bool
    could_be_badge_name: bool
    has_name_word: bool
    titled: bool
    identifying: bool
    takes_along: bool
    addressy: bool
    sensitive_looking: bool

    @property
    def worth_a_look(self) -> bool:
        return self.addressy or self.sensitive_looking


def line_features(line: Line) -> LineFeatures:
    raw = nfkc(line.raw)
    return LineFeatures(
        name_cue=is_name_cue(line),
        board_heading=is_board_heading(line),
        shift_cell=is_shift_cell(line),
        dose_amount=dose_kind(line) == "amount",
        dose_heading=is_dose_heading(line),
        when_cell=is_when_cell(line),
        column_heading=is_column_heading(line),
        column_heading_last=ends_in_column_heading(line),
        role=is_role_line(line),
        could_be_name=could_be_name(line),
        could_be_badge_name=could_be_name(line, badge=True),
        has_name_word=any(name_word(line, k) for k in range(len(line.orig))),
        titled=is_titled(line),
        identifying=is_identifying(line),
        takes_along=takes_along(line),
        addressy=looks_addressy(line),
        sensitive_looking=sum(c.isdigit() for c in raw) >= 3 or "@" in raw,
    )
