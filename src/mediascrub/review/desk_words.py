"""Plain words for the desk's pages: what was removed from a file, what a consent record allows, what
changed in the register. Internal names (``gps``, ``person_name``, ``consent-withdrawn``) stay in the
JSON reports and logs; a person reading a page sees these sentences instead."""

from __future__ import annotations

import datetime as _dt
import re
from collections import Counter
from typing import Any

from ..consent.store import Change, ChangeKind, ConsentRecord, Person
from ..findings import Action, Finding, Kind
from .words import text_name

#: Where a change to the register was made (``Actor.via``), as the register page says it.
VIA_WORDS = {"desk": "on this page"}


def via_words(via: str) -> str:
    return VIA_WORDS.get(via, via)


#: What each kind of hidden data is called on a page (findings' ``label`` for metadata).
METADATA_WORDS = {
    "gps": "where it was taken (GPS position)",
    "camera": "camera details",
    "serial": "camera serial numbers",
    "owner": "the owner's or author's name",
    "dates": "dates and times",
    "description": "descriptions and comments",
    "comment": "descriptions and comments",
    "software": "the editing software",
    "makernote": "camera details",
    "thumbnail": "a hidden small copy of the picture",
    "trailer": "hidden extra data",
    "audio": "the sound",
}
PURPOSE_WORDS = {
    "social-media": "social media",
    "website": "our website",
    "newsletter": "newsletters",
    "print": "printed leaflets and posters",
}


def _lower_first(words: str) -> str:
    """'House number' as said inside a sentence: 'house number' (an 'ID' or 'NHS' stays as it is)."""
    first = words.split(" ", 1)[0]
    return words if len(first) > 1 and first.isupper() else words[:1].lower() + words[1:]


def _count(n: int, one: str, many: str) -> str:
    return f"{n} {one if n == 1 else many}"


def removed_in_words(findings: list[Finding]) -> dict[str, list[str]]:
    """What a cleaned file lost and kept, as short phrases: ``{"hidden": [...], "removed": [...], "visible": [...]}``."""
    hidden: list[str] = []
    hidden_faces = [f for f in findings if f.kind is Kind.FACE and f.action is Action.ANONYMISED]
    looked = sum(1 for f in hidden_faces if (f.detail or {}).get("second_look"))  # found once the rest was hidden: face-like
    if len(hidden_faces) - looked:
        hidden.append(_count(len(hidden_faces) - looked, "face", "faces"))
    if looked:
        hidden.append(_count(looked, "more area that might be a face", "more areas that might be faces"))
    texts: Counter[str] = Counter()
    for f in findings:
        if f.kind is Kind.TEXT and f.action is Action.REDACTED:
            texts[_lower_first(text_name(str(f.label or "other")))] += 1  # the station's names for the text rules
    for words, n in texts.items():
        hidden.append(words if n == 1 else f"{words} ({n} places)")
    marked = sum(1 for f in findings if f.kind is Kind.REGION and f.action is Action.REDACTED)
    if marked:
        hidden.append(_count(marked, "area marked by a person", "areas marked by a person"))
    found = {METADATA_WORDS.get(f.label, "other hidden data") for f in findings if f.kind is Kind.METADATA and f.action is Action.REMOVED}
    order = list(dict.fromkeys([*METADATA_WORDS.values(), "other hidden data"]))  # the position first, the rest after
    removed = [w for w in order if w in found]
    visible = sorted({str(f.detail.get("person") or "someone with consent") for f in findings
                      if f.kind is Kind.FACE and f.action is Action.VISIBLE})
    return {"hidden": hidden, "removed": removed, "visible": visible}


def purposes_in_words(purposes: tuple[str, ...] | list[str]) -> str:
    return ", ".join(PURPOSE_WORDS.get(p, p.replace("-", " ")) for p in purposes)


def _day(d: _dt.date) -> str:
    return f"{d.day} {d:%B %Y}"


def record_in_words(r: ConsentRecord, today: _dt.date) -> dict[str, Any]:
    """One consent record: its state in words and what it covers."""
    if r.withdrawn is not None and today >= r.withdrawn:
        state, ok = f"Withdrawn on {_day(r.withdrawn)}", False
    elif r.expires is not None and today >= r.expires:
        state, ok = f"Ended on {_day(r.expires)}", False
    elif today < r.given:
        state, ok = f"Starts on {_day(r.given)}", False
    else:
        until = f" until {_day(r.expires - _dt.timedelta(days=1))}" if r.expires else " (no end date)"
        state, ok = f"Valid{until}", True
        if r.withdrawn is not None:
            state += f"; withdrawn from {_day(r.withdrawn)}"
    return {
        "state": state, "ok": ok, "purposes": purposes_in_words(r.purposes), "evidence": r.evidence,
        "given": _day(r.given), "basis": "own consent" if r.basis.value == "consent" else f"best interests ({r.assessment})",
    }


def person_in_words(p: Person, today: _dt.date) -> dict[str, Any]:
    records = [record_in_words(r, today) for r in p.records]
    return {
        "name": p.name, "reference": p.reference_id or "", "photos": p.encoding_count, "records": records,
        "may_show": any(r["ok"] for r in records),
        "can_withdraw": any(r.withdrawn is None for r in p.records),
    }


def describe_change(c: Change) -> str:
    """One line of the register's log in words: 'Ann Example enrolled: form-031, social media, until ...'."""
    who = c.person or (f"a forgotten person (reference {c.reference_id})" if c.reference_id else "a forgotten person")
    d = c.detail or {}
    if c.kind is ChangeKind.ENROL:
        return f"{who} enrolled from {_count(int(d.get('encodings', 0)), 'photo', 'photos')}" + _consent_words(d)
    if c.kind is ChangeKind.ADD_PHOTOS:
        return f"{_count(int(d.get('encodings', 0)), 'photo', 'photos')} added for {who}"
    if c.kind is ChangeKind.ADD_CONSENT:
        return f"new consent recorded for {who}" + _consent_words(d)
    if c.kind is ChangeKind.WITHDRAW:
        return f"consent withdrawn for {who}" + (f" from {d['from']}" if d.get("from") else "")
    if c.kind is ChangeKind.FORGET:
        return f"{who} forgotten: consent records and face data erased"
    if c.kind is ChangeKind.COPY:
        return f"register copied in ({d.get('people', '?')} people)"
    return f"{c.kind.value}: {who}"


def _consent_words(d: dict[str, Any]) -> str:
    if not d.get("evidence"):
        return ""
    until = ""
    if d.get("expires"):
        try:  # stored as the first day not covered; said as the last day covered, like the register's cards
            until = f", until {_day(_dt.date.fromisoformat(str(d['expires'])) - _dt.timedelta(days=1))}"
        except ValueError:
            until = f", until {d['expires']}"
    return f" (form {d['evidence']}: {purposes_in_words(d.get('purposes') or [])}{until})"


#: Command-line option names in the core's messages, as a page says them.
_OPTION_WORDS = {
    "--evidence": "the consent form's reference",
    "--purpose": "a purpose",
    "--assessment": "the assessment's reference",
    "--expires": "the end date",
    "--given": "the date consent was given",
    "--basis": "the basis",
}


def for_page(message: str) -> str:
    """A core error message for a page: command-line hints left out, option names in words."""
    text = re.sub(r"; choose one with --face N \(1 is the largest\) or", ": use a photo with one face, or", message)
    text = re.sub(r"use `gallery add [^`]*`", "use 'Add photos' on their card", text)
    text = re.sub(r"--[a-z-]+", lambda m: _OPTION_WORDS.get(m.group(0), m.group(0).lstrip("-")), text)
    text = text.replace("(e.g. a purpose social-media)", "").replace("  ", " ")
    return text[:1].upper() + text[1:]


__all__ = ["removed_in_words", "purposes_in_words", "record_in_words", "person_in_words", "describe_change", "for_page"]
