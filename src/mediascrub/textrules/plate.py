"""Vehicle registration plates: UK plates in each format and plate-shaped text in general.

Validator: the format's letter and digit positions (one OCR confusion
allowed), a current plate's age code (02-29, 51-79); or, failing a UK format,
two groups of capitals and digits, 5-8 in all, at least two of each, neither
an English word (``OPEN 24`` and ``SALE 70`` are signs). A plate inside a longer line is its
two words alone (:meth:`PlateRule.where`).
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from .id_number import SERVICE_NUMBERS
from .line import TO_DIGIT, TO_LETTER, TOKEN, Line, nfkc
from .rule import Candidate, RuleContext, TextRule
from .words import load_english_words

_AGE_CODES = {f"{n:02d}" for n in (*range(2, 30), *range(51, 80))}
_FORMATS = (("LLDDLLL", "current"), ("LDDDLLL", "prefix"), ("LDDLLL", "prefix"), ("LDLLL", "prefix"),
            ("LLLDDDL", "suffix"), ("LLLDDL", "suffix"), ("LLLDL", "suffix"))


def _fix_by_pattern(tok: str, pattern: str) -> str | None:
    """``tok`` forced to ``pattern`` (``L`` letter, ``D`` digit) by undoing look-alikes; None if impossible."""
    if len(tok) != len(pattern):
        return None
    out = []
    for c, kind in zip(tok, pattern, strict=True):
        if kind == "L":
            c = TO_LETTER.get(c, c).upper()
            if not ("A" <= c <= "Z"):
                return None
        else:
            c = TO_DIGIT.get(c, c)
            if not c.isdigit():
                return None
        out.append(c)
    return "".join(out)


def plate_kind(text: str) -> str | None:
    """The kind of UK registration plate ``text`` is, or "plate-shaped text", or None."""
    raw = nfkc(text).strip()
    if re.search(r"[^\w\s\-]", raw) or re.sub("[lio]", "", raw).upper() != re.sub("[lio]", "", raw):
        return None  # plates are capitals, letters and digits only (OCR may read 1 and 0 as l, i, o)
    toks = [re.sub("[^lio]", lambda m: m.group(0).upper(), t) for t in TOKEN.findall(raw)]
    if not toks or len(toks) > 3:
        return None
    s = "".join(toks)
    if not 4 <= len(s) <= 8:
        return None
    matches: list[tuple[int, str]] = []
    for pattern, kind in _FORMATS:
        fixed = _fix_by_pattern(s, pattern)
        if fixed is None or not any(c.isdigit() for c in s):
            continue  # a word of letters only is not a plate, however it reads
        changes = sum(a != b for a, b in zip(fixed, s, strict=True))
        if changes > 1 or (kind == "current" and fixed[2:4] not in _AGE_CODES):
            continue
        matches.append((changes, kind))
    if matches:
        return f"registration plate ({min(matches)[1]} format)"
    letters = sum(c.isalpha() for c in s)
    digits = sum(c.isdigit() for c in s)
    english = load_english_words()
    if (
        len(toks) == 2
        and not any(len(t) >= 3 and t.isalpha() and t.lower() in english for t in toks)  # OPEN 24, SALE 70
        and 5 <= len(s) <= 8
        and letters >= 2
        and digits >= 2
        and raw.upper() == raw
        and all(len(t) <= 4 for t in toks)
        and all(t.isalpha() or t.isdigit() or re.fullmatch(r"[A-Z]{1,3}\d{1,4}|\d{1,4}[A-Z]{1,3}", t) for t in toks)
    ):
        return "plate-shaped text"
    return None


#: A sign-in or car-park row's first cells: clock times and days (``14:05``, ``9.30am``, ``13/12``).
_ROW_START = re.compile(
    r"^\W*(?:(?:\d{1,2}[:.]\d{2}\s*(?:am|pm)?|\d{1,2}\s*(?:am|pm)|\d{1,2}/\d{1,2}(?:/\d{2,4})?)[\s,\-\u2013|]+)+",
    re.IGNORECASE,
)


#: ``NHS 111`` has the shape of an old plate (three letters, three digits).
_NHS_SERVICE = re.compile(r"(?i)nhs\s*(\d{3,6})")


class PlateRule(TextRule):
    label = "plate"
    category = "plate"
    priority = 110
    summary = "UK number plates in every format (AB12 CDE, A123 BCD, ABC 123D, dateless) and plate-shaped text"

    def candidates(self, line: Line, ctx: RuleContext) -> Iterator[Candidate]:
        yield Candidate("line", line.raw)
        raw = nfkc(line.raw)
        rest = _ROW_START.sub("", raw, count=1)
        row = rest != raw and bool(rest.strip())
        if row:
            yield Candidate("row", rest)
        toks = TOKEN.findall(raw)
        if len(toks) > 1:  # a plate inside a longer line: two words of a row, or a current plate anywhere
            for k in range(len(toks) - 1):
                yield Candidate(f"{'row part' if row else 'part'}:{k}", f"{toks[k]} {toks[k + 1]}")

    def validate(self, candidate: Candidate, line: Line, ctx: RuleContext) -> str | None:
        if (m := _NHS_SERVICE.fullmatch(nfkc(candidate.text).strip())) and m.group(1) in SERVICE_NUMBERS:
            return None  # NHS 111, NHS 119: a service's number, no plate
        kind = plate_kind(candidate.text)
        where = candidate.kind.partition(":")[0]
        if where == "line":
            return kind
        if where in ("part", "row part") and northern_irish_plate(candidate.text):
            return "registration plate (Northern Ireland format) in a line"  # Pool car WEZ 3931 booked by ...
        if kind is None or not kind.startswith("registration"):
            return None
        current = kind == "registration plate (current format)"
        if where in ("row", "row part") and current:
            return f"{kind} on a sign-in row (after a time or day)"  # one OCR error undone: AB1Z CDE
        if exact_plate(candidate.text) is None:
            return None  # else no OCR error undone inside a line (10:30 BUS 12 is a timetable)
        if where in ("row", "row part"):
            return f"{kind} on a sign-in row (after a time or day)"
        exact = exact_plate(candidate.text)
        if exact == "current" or (exact in ("prefix", "suffix") and _older_plate_words(candidate.text)):
            return f"{kind} in a line"  # AB12 CDE anywhere; A123 BCD or ABC 123D split where the plate is
        return None

    def where(self, candidate: Candidate, line: Line, ctx: RuleContext) -> tuple[int | None, int | None]:
        """A plate found inside a line is its two words (``Car`` | ``SN19 DYK`` | ``in the ambulance bay``):
        the words around it identify no one."""
        where, _, at = candidate.kind.partition(":")
        if not at:
            return None, None
        k = int(at)
        return k or None, (k + 2 if k + 2 < len(line.orig) else None)


#: An older plate's two words exactly as they are printed: a prefix plate's ``S866`` | ``HCD``, a suffix
#: plate's ``HCD`` | ``866S``.
_OLDER_PLATE_WORDS = re.compile(r"[A-Z]\d{1,3} [A-Z]{3}|[A-Z]{3} \d{1,3}[A-Z]")


def _older_plate_words(text: str) -> bool:
    """``text`` is an older (prefix or suffix) plate split into its two printed groups, and its three
    letters are no English word (``Car S866 HCD left lights on``; ``A1 BIG`` or ``ZONE B12`` stays)."""
    t = " ".join(text.split())
    if not _OLDER_PLATE_WORDS.fullmatch(t):
        return False
    return not any(w.isalpha() and w.lower() in load_english_words() for w in t.split())


#: A Northern Irish plate as printed: a serial letter, the two letters of a county's code (each has an I or a Z:
#: ``AZ`` .. ``YZ``, ``IA``, ``IB``, ``IG``, ``IJ``, ``IL``, ``IW``, ``JI``, ``OI``, ``UI``, ``XI``), then one to four digits.
_NORTHERN_IRISH = re.compile(r"[A-Z](?:[ABCDEFGHJKLMNOPRSTUWXY]Z|I[ABGJLW]|[JOUX]I) [1-9]\d{0,3}")


def northern_irish_plate(text: str) -> bool:
    """``text`` is a Northern Irish plate's two words exactly (``WEZ 3931``, ``BEZ 186``), its letters no English word
    (``FEZ 12`` stays)."""
    t = " ".join(text.split())
    return _NORTHERN_IRISH.fullmatch(t) is not None and t.split()[0].lower() not in load_english_words()


def exact_plate(text: str) -> str | None:
    """The UK format two words are written in exactly (capitals and digits in place, a current plate's age code), or None."""
    s = text.replace(" ", "")
    for pattern, kind in _FORMATS:
        if len(s) == len(pattern) and all((c.isdigit() if k == "D" else "A" <= c <= "Z") for c, k in zip(s, pattern, strict=True)):
            if kind != "current" or s[2:4] in _AGE_CODES:
                return kind
    return None


RULE = PlateRule()
