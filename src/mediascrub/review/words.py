"""Plain words for the pages: what a finding, a held file's reason or a run's result means, said
for a care worker with no technical training.

The internal names (``uncertain-face``, ``no-match``, ``person_name``, scores, ``moov`` boxes,
allow-lists, hashes) stay in the audit log, the reports and the JSON the pages fetch; what a
person reads on a page comes from here. Pure functions over strings and :class:`Finding`: the
review station and the desk both use them, and they are tested against a list of internal
words that must never reach a page (``tests/test_review_words.py``).

Matching is on the machine's reason text, most specific first; anything not recognised falls
back to a sentence that is true for its kind and action ("Hidden.", "The machine could not
finish cleaning this file"), never to the raw reason.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

from ..findings import Action, Finding, Kind

#: What a line of text is, as the page names it (the labels of the text rules, :data:`..textrules.RULES`).
TEXT_NAMES: dict[str, str] = {
    "house_number": "House number",
    "street_name": "Street name",
    "postcode": "Postcode",
    "house_name": "House name",
    "sensitive_term": "Words about care or health",
    "person_name": "A name",
    "phone": "Phone number",
    "email": "Email address",
    "web_address": "Web address",
    "id_number": "An ID number (such as an NHS number)",
    "date_of_birth": "Date of birth",
    "plate": "Car number plate",
    "health": "Health information",
    "faint_text": "Faint writing",
    "other": "Writing",
}

#: Why a face is hidden or shown: the consent stage's reasons (stages/consent.py ConsentReason).
FACE_REASONS: list[tuple[str, str]] = [
    ("uncertain face that may be a consented person",
     "The machine is not sure. It may be someone who agreed to be shown, but it cannot tell."),
    ("already anonymised by mediascrub", "It was already hidden before."),
    ("beside a consented face", "Left as it is: it is next to someone who agreed to be shown."),
    ("second detector", "Found on a final check of the cleaned picture."),
    ("second look", "Found on a second look, once the rest was hidden."),
    ("consent-withdrawn", "This person has withdrawn their consent."),
    ("consent-expired", "This person's consent has run out."),
    ("consent-not-yet-valid", "This person's consent has not started yet."),
    ("purpose-not-covered", "This person's consent does not cover this use."),
    ("uncertain-face", "It may be a face, so it is hidden to be safe."),
    ("uncertain face", "It may be a face, so it is hidden to be safe."),
    ("too-small", "Too small to tell who it is."),
    ("too-blurred", "Too blurred to tell who it is."),
    ("not-encodable", "Could not be compared with the consent register."),
    ("ambiguous", "Looks like more than one person on the consent register."),
    ("no-match", "Not someone on the consent register."),
    ("no consent gallery", "There is no consent register, so every face is hidden."),
    ("no consent", "No one in it has agreed to be shown."),
]

#: Why text is hidden, left, or in doubt (stages/text.py and the classifiers' reasons).
TEXT_REASONS: list[tuple[str, str]] = [
    ("uncertain reading", "The machine could not read it clearly. It may be a number, a name or an address."),
    ("second reading", "Found on a second reading, once the rest was hidden."),
    ("same card or sign", "It is on the same sign or card as other hidden writing."),
    ("same words as hidden text", "It says the same as other hidden writing."),
    ("redact_all", "Your settings hide all writing."),
    ("faint text", "Too faint to read for sure, and it may be a name."),
    ("not legible", "Too unclear to read."),
]

#: What kind of private information a hidden line is (said when no more specific reason is known).
TEXT_WHY: dict[str, str] = {
    "house_number": "It may be part of an address.",
    "street_name": "It may be part of an address.",
    "postcode": "It may be part of an address.",
    "house_name": "It may name a home.",
    "sensitive_term": "It may say where care happens or what care someone gets.",
    "person_name": "It may say someone's name.",
    "phone": "It may be a phone number.",
    "email": "It may be an email address.",
    "web_address": "It may be a web address that leads to someone.",
    "id_number": "It may be an ID number.",
    "date_of_birth": "It may be a date of birth.",
    "plate": "It may be a car number plate.",
    "health": "It may say something about someone's health.",
}

#: A held or failed file's reason, as a sentence (the reason file, a run report's reason).
FILE_REASONS: list[tuple[re.Pattern[str], str]] = [
    (re.compile(r"needs a person to review", re.I), "The machine was unsure about something in it and needs you to check."),
    (re.compile(r"raw camera file", re.I),
     "It is a camera's raw file: save it as a JPEG photo first (in the camera, phone or photo app), then use that."),
    (re.compile(r"sidecar file", re.I),
     "It only holds details kept beside a photo (such as where it was taken), so it is never published."),
    (re.compile(r"too large|larger than|bomb|more than the limit|more than \d+ frames|too many", re.I),
     "It is too large to clean safely."),
    (re.compile(r"still carries|not changed enough|does not decode cleanly|the new (file|clip)|verif", re.I),
     "The cleaned copy did not pass the final safety check, so it was not published."),
    (re.compile(r"truncated|incomplete|damaged|corrupt|cannot decode|does not decode|no frames|no pixels|empty file", re.I),
     "The file is damaged or incomplete."),
    (re.compile(r"moov|mdat|udta|allow-list|box '|container|stream", re.I),
     "The video file has parts that cannot be checked, so it was not published."),
    (re.compile(r"could not write|no space|read-only", re.I), "The cleaned copy could not be saved (the disk may be full)."),
    (re.compile(r"gallery|consent register", re.I), "The consent register could not be read."),
    (re.compile(r"not a supported|not supported|unsupported|looks like|audio only|rotated", re.I),
     "It is not a kind of photo or video that can be cleaned."),
    (re.compile(r"permission|cannot read|no such file|symbolic link|not a regular file", re.I), "The file could not be opened."),
    (re.compile(r"review", re.I), "The machine was unsure about something in it and needs you to check."),
]
FILE_REASON_FALLBACK = "The machine could not finish cleaning it, so nothing was published."

#: A run's result per file, as the history and run tables say it (``Status`` values and the station's outcomes).
STATUS_WORDS: dict[str, str] = {
    "published": "Published",
    "quarantined": "Held for checking",
    "failed": "Not published",
    "skipped": "Already done earlier",
    "checked": "Checked",
    "reviewed": "Published after checking",
    "rejected": "Rejected",
    "withdrawn": "Taken back",
}

QUESTIONS = {
    Kind.FACE: ("Is this a face?", "Yes, hide it", "No, not a face"),
    Kind.TEXT: ("Does this say something private?", "Yes, hide it", "No, leave it"),
}


@dataclass(frozen=True)
class PlainFinding:
    """A finding as the page says it: what it is, what will happen to it, why; and, when a person
    must decide, the question and the two answers (``hide`` and the false-alarm verdict)."""

    what: str
    state: str  # "Hidden", "Shown", "Left as it is", "You decide"
    why: str
    question: str | None = None
    yes: str | None = None
    no: str | None = None

    def to_dict(self) -> dict[str, Any]:
        d: dict[str, Any] = {"what": self.what, "state": self.state, "why": self.why}
        if self.question:
            d.update(question=self.question, yes=self.yes, no=self.no)
        return d


def _first_match(table: list[tuple[str, str]], reason: str) -> str | None:
    low = reason.lower()
    return next((words for needle, words in table if needle in low), None)


def _strip_track(reason: str) -> str:
    """A clip track's reason is 'track 3, frames 0-40: no-match': the track part is said elsewhere."""
    return re.sub(r"^track [^:]*:\s*", "", reason)


def text_name(label: str) -> str:
    return TEXT_NAMES.get(label, TEXT_NAMES["other"])


def _who(reason: str) -> str | None:
    m = re.search(r"reviewer ([^)]+)", reason)
    return m.group(1).strip() if m else None


def plain_finding(f: Finding) -> PlainFinding:
    """What the page says about one finding (faces, text and marked areas; metadata: :func:`plain_metadata`)."""
    reason = _strip_track(f.reason or "")
    detail = f.detail or {}
    if f.kind is Kind.REGION:
        return PlainFinding("An area you marked", "Hidden", "You marked it to be hidden.")
    if f.kind is Kind.FACE:
        what = "Face"
        if f.action is Action.REVIEW:
            q, yes, no = QUESTIONS[Kind.FACE]
            why = _first_match(FACE_REASONS, reason) or "The machine is not sure it is a face."
            return PlainFinding(what, "You decide", why + " Unless you say it is not a face, it will be hidden.", q, yes, no)
        if f.action is Action.VISIBLE:
            person = str(detail.get("person") or "someone on the consent register")
            return PlainFinding(what, "Shown", f"{person} agreed to be shown.")
        if f.action is Action.KEPT:
            if "not a face" in reason:
                return PlainFinding(what, "Left as it is", _decided_by("You said it is not a face.", reason))
            return PlainFinding(what, "Left as it is", _first_match(FACE_REASONS, reason) or "It does not need hiding.")
        if "hidden by reviewer" in reason or reason.startswith("hidden by"):
            return PlainFinding(what, "Hidden", _decided_by("You chose to hide it.", reason))
        why = _first_match(FACE_REASONS, reason) or "No one has agreed to this face being shown."
        return PlainFinding(what, "Hidden", why)
    if f.kind is Kind.TEXT:
        label = str(f.label or "other")
        what = text_name(label)
        if f.action is Action.REVIEW:
            q, yes, no = QUESTIONS[Kind.TEXT]
            why = _first_match(TEXT_REASONS, reason) or "The machine is not sure whether it is private."
            return PlainFinding(what, "You decide", why + " Unless you say it is not private, it will be hidden.", q, yes, no)
        if f.action is Action.KEPT:
            if "not sensitive" in reason:
                return PlainFinding(what, "Left as it is", _decided_by("You said it is not private.", reason))
            if "not legible" in reason:
                return PlainFinding(what, "Left as it is", "Too unclear to read.")
            if "keep list" in reason:  # textrules.KEEP_REASON
                return PlainFinding(what, "Left as it is", "Your settings say this writing is never hidden.")
            return PlainFinding(what, "Left as it is", "Nothing private was found in it.")
        if reason.startswith("hidden by"):
            return PlainFinding(what, "Hidden", _decided_by("You chose to hide it.", reason))
        why = _first_match(TEXT_REASONS, reason) or TEXT_WHY.get(label) or "It may say something private."
        return PlainFinding(what, "Hidden", why)
    return PlainFinding("Other", "Left as it is", "")


def _decided_by(sentence: str, reason: str) -> str:
    who = _who(reason)
    return sentence if not who else sentence.replace("You ", f"{who} ", 1).replace("You", who, 1)


def plain_file_reason(reason: str) -> str:
    """Why a file was held or not published, as one sentence (never the raw reason)."""
    if not reason.strip():
        return "It needs a person to check it."
    text = re.sub(r"^[^:]*\.(jpe?g|png|heic|heif|webp|tiff?|gif|mp4|mov|m4v|3gp):\s*", "", reason.strip(), flags=re.I)
    return next((words for pattern, words in FILE_REASONS if pattern.search(text)), FILE_REASON_FALLBACK)


def plain_status(status: str) -> str:
    return STATUS_WORDS.get(status, "Unknown")


def _count(n: int, one: str, many: str) -> str:
    return f"{n} {one if n == 1 else many}"


def plain_summary(findings: list[Finding]) -> str:
    """'3 faces hidden, 1 piece of writing hidden, hidden details removed (such as where it was taken)'."""
    faces = sum(1 for f in findings if f.kind is Kind.FACE and f.action in (Action.ANONYMISED, Action.REVIEW))
    shown = sum(1 for f in findings if f.kind is Kind.FACE and f.action is Action.VISIBLE)
    text = sum(1 for f in findings if f.kind is Kind.TEXT and f.action in (Action.REDACTED, Action.REVIEW))
    marked = sum(1 for f in findings if f.kind is Kind.REGION)
    meta = sum(1 for f in findings if f.kind is Kind.METADATA and f.action is not Action.KEPT)
    parts = []
    if faces:
        parts.append(_count(faces, "face hidden", "faces hidden"))
    if shown:
        parts.append(_count(shown, "person shown with consent", "people shown with consent"))
    if text:
        parts.append(_count(text, "piece of writing hidden", "pieces of writing hidden"))
    if marked:
        parts.append(_count(marked, "area hidden by hand", "areas hidden by hand"))
    if meta:
        parts.append("hidden details removed (such as where and when it was taken)")
    return ", ".join(parts).capitalize() if parts else "Nothing needed hiding"


def plain_metadata(findings: list[Finding]) -> str | None:
    """One sentence for the hidden data removed on publishing, or None when there is none."""
    removed = [f for f in findings if f.kind is Kind.METADATA and f.action is not Action.KEPT]
    if not removed:
        return None
    gps = any("gps" in (f.label + f.reason).lower() or "location" in (f.label + f.reason).lower() for f in removed)
    audio = any(f.label == "audio" for f in removed)
    parts = ["Hidden details stored in the file will be removed"]
    if gps:
        parts.append(", including where it was taken")
    if audio:
        parts.append(". The sound is removed too (speech often says names and places)")
    return "".join(parts) + "."


__all__ = [
    "PlainFinding",
    "plain_finding",
    "plain_file_reason",
    "plain_status",
    "plain_summary",
    "plain_metadata",
    "text_name",
    "TEXT_NAMES",
    "STATUS_WORDS",
]
