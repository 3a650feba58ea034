"""Health and care words: medicines, diagnoses and care words from ``data/care_terms.toml``.

Validator: the word (one digit-for-letter OCR error undone) is a listed term,
or one wrong letter from one of 6+ letters (two from one of 10+), starting or ending with the
same letter (an English word only when it is the term with another ending: ``thickened``); or the line holds a listed phrase; or a dose
(:func:`dose_kind`: ``150mg``, ``2 tablets``, ``5 ml twice daily``, not a price); or a care form's
label with its value on the line (``Allergies: penicillin``, ``Medical conditionsMRSA`` read run together; ``Diet: Low
fat``, ``Needs: red tray`` after a colon).
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from . import person_name
from .line import Line, edit_distance, split_line
from .person_name import Reads, initial_at, name_word
from .rule import Candidate, RuleContext, TextRule
from .words import load_care_terms, load_english_words


def _near_term(w: str) -> bool:
    """``w`` is one or two OCR errors from a care term. A word spelt right is what it says: an English
    word (``inspection``, two letters from ``injection``; ``selection``) is a misread care word only when
    it is that word with another ending (``thickened``: ``thickener``; ``diabetes``: ``diabetic``)."""
    terms = load_care_terms()
    if len(w) < 6 or not w.isalpha():
        return False
    english = w in load_english_words()
    edits = 2 if len(w) >= 10 else 1
    for n in range(len(w) - edits, len(w) + edits + 1):
        for t in terms.by_length.get(n, ()):
            if (t[0] == w[0] or t[-1] == w[-1]) and edit_distance(w, t) <= edits:
                if not english or w[: min(len(w), len(t)) - 2] == t[: min(len(w), len(t)) - 2]:
                    return True
    return False


#: A dose in units that only medicines are measured in: ``150mg``, ``500 mcg``, ``2 tablets``, ``1 capsule``, ``2 puffs``.
_DOSE = re.compile(
    r"(?<![\w.])\d+(?:[.,]\d+)?\s?(?:mg|mcg|\u00b5g|ug|micrograms?|milligrams?|tablets?|capsules?|puffs?|sachets?|pessar(?:y|ies))(?![a-z])"
    r"|\b(?:one|two|three|four|half(?: a)?|\u00bd)\s(?:tablets?|capsules?|puffs?|sachets?)\b",
    re.IGNORECASE,
)
#: An amount that is a dose only beside a medicine or on a chart (a shop sells 500 ml of milk): ``5 ml``, ``10 units``.
_AMOUNT = re.compile(r"(?<![\w.])\d+(?:[.,]\d+)?\s?(?:ml|mls|units?|iu|drops?|mmol|g)(?![a-z])", re.IGNORECASE)
#: Words that make an amount a dose on the same line: how often and how it is given.
_DOSE_CUES = frozenset(
    "od bd bid tds tid qds qid nocte mane prn daily nightly twice once stat oral orally inhaled subcut sc im iv po "
    "dose doses dosage injection inject inhaler insulin take apply spoonful spoonfuls hourly bedtime weekly required".split()
)
#: Money on the line: a price list or a shop's shelf, not a chart.
_PRICE = re.compile(r"[\u00a3$\u20ac]\s?\d|\d\s?p\b")


def dose_kind(line: Line) -> str | None:
    """``"dose"``: the line holds a dose in a medicine's units (``150mg``, ``2 tablets``) or an
    amount with how it is given (``5 ml twice daily``, ``10 units subcut``); ``"amount"``: an
    amount alone (``5 ml``, ``10 units``), a dose only beside a medicine or under a chart's
    heading (the text stage decides); None: neither, or a price is on the line (a shop)."""
    if _PRICE.search(line.raw):
        return None
    if _DOSE.search(line.raw):
        return "dose"
    if _AMOUNT.search(line.raw):
        return "dose" if any(w in _DOSE_CUES for w in line.words) else "amount"
    return None


#: A care form's label for health (``Allergies``, ``Medical conditions``, ``Medication``, ``Diagnosis``).
FORM_LABEL = r"(?:medical\s*conditions?|health\s*conditions?|allerg(?:ies|y)|allergic\s+to|diagnos[ie]s|medical\s+history|medications?)"
#: The label and its value on one line: after a colon or a dash, or run together by the reader
#: (``Allergies: penicillin``, ``Medical conditionsMRSA``); ``Allergy friendly menu`` is no form's.
_LABEL_AND_VALUE = re.compile(rf"^\W*{FORM_LABEL}(?:\s*[:\-\u2013]\s*|(?=[A-Za-z]))[A-Za-z]{{2}}", re.IGNORECASE)
#: A meal ticket's or a care plan's label whose value, after a colon, is a person's care (``Diet: Low fat``, ``Needs: red
#: tray - help to eat``, ``Mobility: frame``); a notice's or a menu's ``Dietary needs: please ask``, ``Diet: all catered for``
#: and ``Diet: Vegan options`` stay.
_NEEDS_AND_VALUE = re.compile(
    r"^\W*(?:diet|dietary\s+needs|dietary\s+requirements|care\s+needs|needs|mobility|support\s+needs)\s*:\s*"
    r"(?!(?:please|ask|see|speak|talk|all|any|just|let|tell)\b)(?!.*\b(?:options?|menu|available|catered)\b)[A-Za-z]{2}",
    re.IGNORECASE,
)
#: The label alone on its line (a form's left column): the value is the cell beside it (the text stage).
LABEL_ALONE = re.compile(rf"^\W*{FORM_LABEL}\W*$", re.IGNORECASE)


#: Words after a condition that make it a service, an event or a charity for everyone with it, not anyone's health:
#: ``Dementia friendly screening``, ``Autism-friendly``, ``Dementia Awareness Week``, ``Alzheimer's Society``, ``Diabetes UK``.
_FOR_EVERYONE = frozenset(
    "friendly aware awareness friends society association charity research uk trust foundation support week month "
    "fundraiser appeal lead leads".split()
)
#: Words before a care word that make it an activity, not anyone's treatment (``Pet therapy``, ``Pets As Therapy``).
_ACTIVITY_BEFORE = frozenset("pet pets as animal dog".split())


#: Allergy words a menu or a kitchen's notice prints for everyone, first on the line (``Allergies | Vegan options``, ``Allergy information -
#: please ask``), beside one of :data:`_MENU_WORDS`.
_ALLERGY_WORDS = frozenset("allergy allergies allergen allergens allergic".split())
_MENU_WORDS = frozenset(
    "menu menus options option please ask information info available contains contain free dishes dish vegan vegetarian "
    "gluten list advice server".split()
)


#: A course's name on a training record (``Safeguarding L2 booked``, ``Infection Control due 24/02/2026``): the topic, then one
#: of :data:`_COURSE_AFTER`; ``Safeguarding concern about Jack`` and ``Infection - on antibiotics`` are someone's.
_COURSE_TOPICS = (("safeguarding",), ("infection", "control"), ("mental", "capacity"), ("dols",))
_COURSE_AFTER = frozenset(
    "l1 l2 l3 l4 level training course courses refresher booked due update module elearning workshop policy procedures "
    "team officer certificate certificates completed expires expired renewal".split()
)


def _course_at(words: tuple[str, ...], k: int) -> bool:
    """Word ``k`` is part of a course's name (:data:`_COURSE_TOPICS` then :data:`_COURSE_AFTER`)."""
    for topic in _COURSE_TOPICS:
        for at in range(k - len(topic) + 1, k + 1):
            after = at + len(topic)
            if at >= 0 and words[at:after] == topic and after < len(words) and words[after] in _COURSE_AFTER:
                return True
    return False


def _about_someone(line: Line, courses: bool = True) -> list[int]:
    """The indices of the line's words (one digit-for-letter error undone) less a condition named for a service, an event or a
    charity (:data:`_FOR_EVERYONE`, after the word or its possessive), an activity (``Pet therapy``) or a
    hospice's name (``St Luke's Hospice``): ``Dementia friendly screening Monday 11am`` or ``Our safeguarding lead``
    tells nothing of anyone, nor a training record's course (``courses``: :func:`_course_at`); ``Dementia`` alone,
    ``dementia care plan`` and ``Autism friendly - Jack has autism`` do.
    An allergy word first on a line with a menu's words is the menu's heading (``Allergies | Vegan options``,
    ``Allergy information - please ask``); ``Allergies: penicillin`` and ``Nut allergy - please ask`` are someone's."""
    words = line.fixed
    menu = any(w in _MENU_WORDS for w in words)
    out: list[int] = []
    for k, w in enumerate(words):
        nxt = k + 2 if k + 2 < len(words) and words[k + 1] == "s" else k + 1
        if w and ((nxt < len(words) and words[nxt] in _FOR_EVERYONE) or (menu and k == 0 and w in _ALLERGY_WORDS)):
            continue
        if w == "therapy" and k > 0 and words[k - 1] in _ACTIVITY_BEFORE:
            continue  # Pet therapy visit with Will: an activity
        if w == "hospice" and k > 1 and words[k - 1] == "s":
            continue  # Donations to St Luke's Hospice: a charity's name
        if courses and _course_at(words, k):
            continue  # Infection Control booked Tue 9 Aug: a training record's course
        if w:
            out.append(k)
    return out


#: Words before a care word that say which condition or medicine it is (``a UTI``, ``bowel cancer``, ``type 2 diabetes``,
#: ``had a fall``, ``on warfarin``, ``Sodium valproate``, ``high risk diabetic``, ``shellfish allergy``): hidden with it.
_QUALIFIES_BEFORE = frozenset(
    "a an had on type vascular bowel breast lung prostate skin leg hip knee wrist chest heart kidney urinary motor "
    "neurone mild severe early chronic acute mixed sodium lactose egg nut gluten dairy frontotemporal lewy body left right "
    "low high risk shellfish peanut peanuts sesame soya fish milk wheat latex".split()
)
#: Words after a care word that finish its name or strength (``Parkinson's``, ``motor neurone disease``, ``bipolar disorder``,
#: ``Latanoprost drops``, ``Ensure Plus``, ``Calcichew D3``, ``lactose free``): hidden with it.
_QUALIFIES_AFTER = frozenset(
    "s disease disorder syndrome degeneration free drops drop plus sulfate sulphate d3 intolerance intolerant allergy risk "
    "sized fitted mg mcg ml tablet tablets capsule capsules puffs units one two half pad pads pack packs x".split()
)
#: Care words this far apart (words between) are one phrase (``diabetes (uses hoist)``, ``COPD - inhaler``); further apart,
#: the line holds several and is hidden whole.
_PHRASE_GAP = 1
#: The last dash, slash or bar before a row's care words (``Kamaljit T. - Gluten free (coeliac)``, ``NASSER, Marzieh / A /
#: seated only, falls risk``): the note after it, to the end of the line, is the person's care.
_NOTE_AFTER = re.compile(r"(?:\s[-\u2013|]\s|/)(?!.*(?:\s[-\u2013|]\s|/))\W*")
#: A line with this many numbers beside its care words is a chart's row (weights, observations): hidden whole.
_CHART_NUMBERS = 4
#: A part leaves at least this many words visible; a shorter line (``Dentures fitted``, ``Pramipexole one drop``) is a
#: label or a note about the care, hidden whole.
_MIN_REST = 3
#: Words that make a line a chart's or a care plan's (``care plan``, ``MAR``, ``given``, ``Mobility:``): hidden whole.
_RECORD_WORDS = frozenset(
    "plan plans mar chart charts prescribed prescription given gave administered signed dose doses dosage mobility "
    "diet needs nhs dob diagnosis allergies".split()
)


def care_words(line: Line, courses: bool = True) -> tuple[int, int] | None:
    """The words of ``line`` (:attr:`.line.Line.orig` indices, start and end) that carry someone's care: the condition,
    medicine, dose, aid or treatment and the words that qualify it (``OGUNBANJO, Brighde yes -`` | ``bowel cancer``,
    ``We hope the`` | ``diabetes`` | ``is on the mend``; a row's note after a dash or a slash, to the line's end:
    ``Group 3 / x /`` | ``angina - go gently``). None when the whole line must go, failing closed: nothing found;
    all but :data:`_MIN_REST` words of it are care; a chart's row (:data:`_CHART_NUMBERS`); a care form's label and
    value (a colon just before the care words too: ``Reason for referral: fractured neck of femur``); a chart's or a
    care plan's words (:data:`_RECORD_WORDS`); care words in more than one place on the line. A name beside them is
    the rule's to judge (:meth:`HealthRule.where`)."""
    n = len(line.orig)
    if n < 2 or _LABEL_AND_VALUE.search(line.raw) or _NEEDS_AND_VALUE.search(line.raw):
        return None
    terms = load_care_terms()
    about = _about_someone(line, courses)
    marked: set[int] = set()
    peg_number = re.search(r"\b[Pp]eg\s*(?:[Nn]o\.?\s*)?\d+\b", line.raw) is not None
    for k in about:
        w = line.fixed[k]
        if (w in terms.words and not (w == "peg" and peg_number)) or _near_term(w):
            marked.add(k)
    for p in terms.phrases:
        for i in range(len(about) - len(p) + 1):
            if tuple(line.fixed[k] for k in about[i : i + len(p)]) == p:
                marked.update(about[i : i + len(p)])
    if dose_kind(line) == "dose":
        for m in [*_DOSE.finditer(line.text), *_AMOUNT.finditer(line.text)]:
            marked.update(k for k, (a, b) in enumerate(line.spans) if a < m.end() and b > m.start())
    if not marked or any(line.fixed[k] in _RECORD_WORDS for k in range(n)):
        return None
    first, last = min(marked), max(marked)
    if any(b - a - 1 > _PHRASE_GAP for a, b in zip(sorted(marked), sorted(marked)[1:], strict=False)):
        return None
    while first > 0 and line.fixed[first - 1] in _QUALIFIES_BEFORE | {"1", "2"} and (
        not line.fixed[first - 1].isdigit() or (first > 1 and line.fixed[first - 2] == "type")
    ):
        first -= 1
    while last + 1 < n and (line.fixed[last + 1] in _QUALIFIES_AFTER or re.fullmatch(r"\d+", line.orig[last + 1]) is not None):
        last += 1
    note = _NOTE_AFTER.search(line.text[: line.spans[first][0]])
    if note is not None:  # a row's note after a dash or a slash (DEMIR, Noble / x / angina - go gently): all of it
        first, last = sum(1 for a, _ in line.spans if a < note.end()), n - 1
    if sum(1 for k in (*range(first), *range(last + 1, n)) if line.orig[k].isdigit()) >= _CHART_NUMBERS:
        return None  # a chart's row: readings beside the care (Ximena Bekele 122 66.4 64.2 2 high risk shellfish allergy)
    if n - (last + 1 - first) < _MIN_REST or re.search(r":\s*$", line.text[: line.spans[first][0]]):
        return None
    return first, last + 1


#: Pronouns and determiners the name lists also hold (``She had a fall``, ``The``): no one's name beside care words.
_NOT_A_NAME = frozenset("she he we they it i you the this that my our your his her their its free".split())
#: A hospital's place before its number (``Ward 7 sounds busy!``), not a surname.
_PLACE_WORDS = frozenset("ward bay wing unit floor".split())


def _may_name_someone(line: Line, k: int) -> bool:
    """Word ``k`` may be a person's name (written like one, a listed given name too: ``Pearl``, ``OGUNBANJO``,
    ``Brighde``; an initial; a title) that the name rules may not find: the care words then go with the whole line."""
    w = line.words[k]
    if w in _NOT_A_NAME or (w in _PLACE_WORDS and k + 1 < len(line.orig) and line.orig[k + 1].isdigit()):
        return False
    return name_word(line, k, Reads.GIVEN) or initial_at(line, k) is not None


def _covers(line: Line, a: int, b: int) -> bool:
    """Words ``a`` to ``b`` of ``line`` (a name rule's part) hold every word that may be a name and every capitalised
    word next to one (``DELA CRUZ.`` | ``Comfort``: a given name no list holds, after the surname)."""
    names = {k for k in range(len(line.orig)) if _may_name_someone(line, k)} | set(range(a, b))
    grown = True
    while grown:
        more = {k for k in range(len(line.orig)) if k not in names and ({k - 1, k + 1} & names) and line.orig[k][:1].isupper()
                and line.orig[k].isalpha() and line.words[k] not in _NOT_A_NAME}
        names |= more
        grown = bool(more)
    return all(a <= k < b for k in names)


def _courses_stay(line: Line) -> bool:
    """A course's name (:func:`_course_at`) stays only on a line where no word may be a name (``Infection Control
    refresher - all staff``); beside one (``Sunny Cook Safeguarding L2 booked``, ``DELA CRUZ. Comfort Infection Control
    due``) the care words hide the whole line, as before: the name rules may find only part of the name, or none."""
    return not any(_may_name_someone(line, k) for k in range(len(line.orig)))


class HealthRule(TextRule):
    label = "health"
    category = "health"
    priority = 120
    summary = "medicines, diagnoses, care words (data/care_terms.toml)"

    def candidates(self, line: Line, ctx: RuleContext) -> Iterator[Candidate]:
        words = [line.fixed[k] for k in _about_someone(line, _courses_stay(line))]
        for w in words:
            yield Candidate("word", w)
        for w in words:
            yield Candidate("near", w)
        yield Candidate("phrase", " ".join(words))
        yield Candidate("dose", line.raw)
        yield Candidate("label", line.raw)

    def validate(self, candidate: Candidate, line: Line, ctx: RuleContext) -> str | None:
        terms = load_care_terms()
        if candidate.kind == "word":
            if candidate.text == "peg" and re.search(r"\b[Pp]eg\s*(?:[Nn]o\.?\s*)?\d+\b(?![:.]?\d|\s*[AaPp][Mm])", line.raw):
                return None  # a coat peg's number (Peg 12), not a feeding tube
            return "health or care word" if candidate.text in terms.words else None
        if candidate.kind == "near":
            return "health or care word" if _near_term(candidate.text) else None
        if candidate.kind == "label":
            if _LABEL_AND_VALUE.search(line.raw) or _NEEDS_AND_VALUE.search(line.raw):
                return "a care form's label and its value (Allergies: penicillin, Diet: Low fat)"
            return None
        if candidate.kind == "dose":
            return "a medicine's dose (mg, mcg, tablets; ml or units with how it is given)" if dose_kind(line) == "dose" else None
        for p in terms.phrases:
            if re.search(rf"(?:^|\s){re.escape(' '.join(p))}(?:\s|$)", candidate.text):
                return "health or care words"
        return None

    def where(self, candidate: Candidate, line: Line, ctx: RuleContext) -> tuple[int | None, int | None]:
        """The care words alone (:func:`care_words`), or the whole line where they cannot be bounded or a word
        beside them may be a name that the name rules do not find, or find only part of (they judge the rest next:
        :func:`mediascrub.textrules.first_match` hides the whole line when they find one there)."""
        if candidate.kind == "label":
            return None, None
        span = care_words(line, _courses_stay(line))
        if span is None:
            return None, None
        start, end = span
        if any(_may_name_someone(line, k) for k in (*range(start), *range(end, len(line.orig)))):
            rest = split_line(line.text[: line.spans[start][0]] + " " + line.text[line.spans[end - 1][1] :])
            m = person_name.RULE.match(rest, ctx)
            if m is None or not _covers(rest, m.start or 0, len(rest.orig) if m.end is None else m.end):
                return None, None  # a name the name rules do not find, or not all of it (DELA CRUZ. Comfort): the whole line
        return (start or None), (end if end < len(line.orig) else None)


RULE = HealthRule()
