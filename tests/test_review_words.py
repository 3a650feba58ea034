"""Plain words: every reason the stages write, every text label and every held-file reason becomes a
sentence with none of the machine's internal names in it (those stay in the JSON and the audit log)."""

from __future__ import annotations

import re

import pytest

from mediascrub.findings import Action, Box, Finding, Kind
from mediascrub.media.image import RAW_ADVICE
from mediascrub.review.words import (
    STATUS_WORDS,
    TEXT_NAMES,
    plain_file_reason,
    plain_finding,
    plain_metadata,
    plain_status,
    plain_summary,
)
from mediascrub.run.batch import SIDECAR_REASON
from mediascrub.stages.consent import ConsentReason
from mediascrub.textrules import KEEP_REASON, RULES

#: Internal words that must never reach a page a person reads (the issue's list, and their kin).
INTERNAL = [
    "uncertain-face", "no-match", "too-small", "too-blurred", "person_name", "Text (other)", "score", "sha256",
    "moov", "udta", "mdat", "allow-list", "box '", "anonymised", "redacted", "consent-expired", "consent-withdrawn",
    "purpose-not-covered", "not-encodable", "faint_text", "house_number", "street_name", "HOG", "CenterFace",
    "threshold", "track ", "#", "metadata", "EXIF", "GPS", "reviewer ", "(second look", "redact_all", "stage",
]
NUMBER = re.compile(r"\d\.\d")  # a score or a fraction


def assert_plain(text: str) -> None:
    low = text.lower()
    for word in INTERNAL:
        assert word.lower() not in low, f"{word!r} in {text!r}"
    assert not NUMBER.search(text), text
    assert "_" not in text, text


FACE_REASONS = [r.value for r in ConsentReason] + [
    "no consent gallery", "uncertain face (score 0.11)", "already anonymised by mediascrub", "no consent",
    "face found once the rest was hidden (second look, score 0.31)", "face found once the rest was hidden (second look, HOG score 0.62)",
    "beside a consented face (second look)", "face found by a second detector where mediascrub has drawn (HOG, score 0.40)",
    "track 3, frames 0-40: no-match", "track 0, frames 2-9: uncertain-face", "hidden by reviewer Ann", "not a face (reviewer Ann)",
    "something new nobody has written yet (score 0.99)",
]
TEXT_REASONS = [
    "number on its own", "postcode JE2 3QB pattern", "a name from the consent gallery",
    "capitalised words beside a name cue (Birthday, Room, Mr)",
    "same card or sign as hidden text", "same words as hidden text elsewhere in the image", "all text is hidden (redact_all)",
    "uncertain reading (score 0.71) of text that may be a number, name or address", "number on its own (second reading)",
    "faint text that cannot be read reliably: it may be a name", "not legible text (one or two characters read with score 0.32)",
    "nothing sensitive", "hidden by reviewer Ann", "not sensitive (reviewer Ann)", "addresses are not hidden (text.hide)",
    KEEP_REASON,
]


@pytest.mark.parametrize("action", [Action.ANONYMISED, Action.REVIEW, Action.VISIBLE, Action.KEPT])
@pytest.mark.parametrize("reason", FACE_REASONS)
def test_every_face_reason_in_plain_words(reason: str, action: Action) -> None:
    f = Finding(kind=Kind.FACE, label="face track", action=action, reason=reason, box=Box(0, 0, 10, 10), score=0.71,
                detail={"track": 3, "person": "Eileen Collins"} if action is Action.VISIBLE else {"track": 3})
    p = plain_finding(f)
    for text in (p.what, p.state, p.why, p.question or "", p.yes or "", p.no or ""):
        assert_plain(text)
    assert p.why.strip()
    if action is Action.REVIEW:
        assert p.question == "Is this a face?" and p.yes and p.no
    else:
        assert p.question is None
    if action is Action.VISIBLE:
        assert "Eileen Collins agreed" in p.why


@pytest.mark.parametrize("label", [*TEXT_NAMES, "something_new"])
@pytest.mark.parametrize("reason", TEXT_REASONS)
@pytest.mark.parametrize("action", [Action.REDACTED, Action.REVIEW, Action.KEPT])
def test_every_text_reason_and_label_in_plain_words(label: str, reason: str, action: Action) -> None:
    f = Finding(kind=Kind.TEXT, label=label, action=action, reason=reason, box=Box(0, 0, 10, 10), score=0.71)
    p = plain_finding(f)
    for text in (p.what, p.state, p.why, p.question or ""):
        assert_plain(text)
    assert p.what != "Text (other)"
    if action is Action.REVIEW:
        assert p.question == "Does this say something private?"


def test_every_text_rule_has_plain_words() -> None:
    """A rule added to the registry gets its name and its reason on the page (never 'Writing' for a known kind)."""
    from mediascrub.review.words import TEXT_WHY

    for rule in RULES:
        assert rule.label in TEXT_NAMES and rule.label in TEXT_WHY, rule.label
    kept = plain_finding(Finding(kind=Kind.TEXT, label="other", action=Action.KEPT, reason=KEEP_REASON, box=Box(0, 0, 9, 9)))
    assert kept.why == "Your settings say this writing is never hidden."


def test_the_same_reason_says_the_same_thing() -> None:
    """The crowd photo's 210 'uncertain-face' items and its one item to decide are told apart in words."""
    hidden = plain_finding(Finding(kind=Kind.FACE, label="face", action=Action.ANONYMISED, reason="uncertain-face", box=Box(0, 0, 9, 9)))
    ask = plain_finding(Finding(kind=Kind.FACE, label="face", action=Action.REVIEW, reason=ConsentReason.MAYBE_CONSENTED.value,
                                box=Box(0, 0, 9, 9)))
    assert hidden.state == "Hidden" and ask.state == "You decide"
    assert "hidden" in hidden.why.lower() and "agreed to be shown" in ask.why
    assert "Ann" in plain_finding(Finding(kind=Kind.FACE, label="face", action=Action.KEPT, reason="not a face (reviewer Ann)")).why
    region = plain_finding(Finding(kind=Kind.REGION, label="marked area", action=Action.REDACTED, reason="drawn by reviewer Ann"))
    assert region.state == "Hidden"


HELD_REASONS = {
    "needs a person to review: uncertain face that may be a consented person": "unsure",
    "needs a person to review: uncertain reading (score 0.71) of text that may be a number, name or address": "unsure",
    "not a complete video, truncated: moov atom not found; the index (moov box) cannot be read": "damaged",
    "box 'mdat' at byte 40: outside the MP4 allow-list": "cannot be checked",
    "moov/udta/meta: outside the MP4 allow-list": "cannot be checked",
    "the new file still carries: XMP": "final safety check",
    "redacted region 10,10-40,40 is not changed enough in the output": "final safety check",
    "image is too large to decode in memory": "too large",
    "the clip declares 90000 frames, more than the limit of 36000": "too large",
    "cannot decode the image (damaged, or not a complete image of its format)": "damaged",
    "not a supported image (the content looks like a PDF document)": "not a kind of photo",
    "could not write the output (No space left on device); nothing was published": "could not be saved",
    "internal error (KeyError: 'x'); nothing was published": "could not finish",
    "photo.jpg: needs a person to review: uncertain face (score 0.11)": "unsure",
    "": "needs a person",
    f"a raw camera file (Canon CR3): {RAW_ADVICE}": "raw file",  # the words media/image.py and run/batch.py use
    SIDECAR_REASON: "never published",
}


@pytest.mark.parametrize("reason", sorted(HELD_REASONS))
def test_held_reasons_in_plain_words(reason: str) -> None:
    said = plain_file_reason(reason)
    assert_plain(said)
    assert HELD_REASONS[reason] in said


def test_statuses_summary_and_metadata() -> None:
    for status in STATUS_WORDS:
        assert_plain(plain_status(status))
    assert plain_status("something else") == "Unknown"
    findings = [
        Finding(kind=Kind.FACE, label="face", action=Action.ANONYMISED, reason="no-match", box=Box(0, 0, 9, 9)),
        Finding(kind=Kind.FACE, label="face", action=Action.ANONYMISED, reason="uncertain-face", box=Box(0, 0, 9, 9)),
        Finding(kind=Kind.FACE, label="face", action=Action.VISIBLE, reason="consent", box=Box(0, 0, 9, 9)),
        Finding(kind=Kind.TEXT, label="person_name", action=Action.REDACTED, reason="a name", box=Box(0, 0, 9, 9)),
        Finding(kind=Kind.METADATA, label="GPS position", action=Action.REMOVED, reason="GPS tags"),
    ]
    summary = plain_summary(findings)
    assert summary == ("2 faces hidden, 1 person shown with consent, 1 piece of writing hidden, "
                       "hidden details removed (such as where and when it was taken)")
    assert_plain(summary)
    meta = plain_metadata(findings)
    assert meta is not None and "where it was taken" in meta
    assert_plain(meta)
    assert plain_metadata(findings[:1]) is None
    assert plain_summary([]) == "Nothing needed hiding"
