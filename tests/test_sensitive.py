"""The sensitive-text classifier on tables of real-looking OCR lines, errors included
(O for 0, l for 1, spaces inside numbers), and the decisions built on it (no OCR here)."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from typing import Any

import numpy as np
import pytest

from mediascrub.errors import ConfigError
from mediascrub.findings import Action, Box
from mediascrub.policy import TEXT_CATEGORIES, Policy, TextPolicy, load_policy
from mediascrub.stages.text import TextRegion, is_legible, known_names, text_findings
from mediascrub.textrules import ALL_NAME_SOURCES, CATEGORIES, LineVerdict, NameSource, RuleContext, classify_line
from mediascrub.textrules.id_number import ni_number
from mediascrub.textrules.phone import nhs_number_valid
from mediascrub.textrules.plate import plate_kind as plate
from mediascrub.textrules.words import load_care_terms, load_name_lists

#: Every category but addresses (tests/test_address.py has those).
SENSITIVE = tuple(c for c in CATEGORIES if c != "address")


class C:
    PERSON_NAME, PHONE, EMAIL, WEB_ADDRESS = "person_name", "phone", "email", "web_address"
    ID_NUMBER, DATE_OF_BIRTH, PLATE, HEALTH = "id_number", "date_of_birth", "plate", "health"


def classify_sensitive(
    text: str,
    *,
    known_names: Sequence[tuple[str, str]] = (),
    hide: Iterable[str] = SENSITIVE,
    name_sources: Iterable[str] = ALL_NAME_SOURCES,
) -> LineVerdict:
    return classify_line(text, RuleContext(known_names=tuple(known_names), name_sources=frozenset(name_sources)), hide)


def category(text: str, **kw: Any) -> str | None:
    match = classify_sensitive(text, **kw).match
    return match.label if match is not None else None


# ----------------------------------------------------------------------------- each category


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # phones: UK, international, OCR errors, spaces
        ("Tel 07700 857 767", C.PHONE),
        ("Tel O77OO 857 767", C.PHONE),  # O for 0
        ("0161 702 1643", C.PHONE),
        ("01534 422424", C.PHONE),  # Jersey
        ("+44 20 7946 0958", C.PHONE),
        ("+33 1 42 68 53 00", C.PHONE),
        ("Mob: 07l00 900 123", C.PHONE),  # l for 1
        ("Phone 4l7 22", C.PHONE),  # a phone word and a broken-up number
        # emails and personal web addresses
        ("megan.ogden@mail.com", C.EMAIL),
        ("joan.underwood@carehome.co.uk", C.EMAIL),
        ("jean . jowett @ example.org", C.EMAIL),
        ("megan.ogdenmail.com", C.EMAIL),  # the @ not read, a given name first
        ("facebook.com/margaret.fletcher", C.WEB_ADDRESS),
        ("www.instagram.com/joan_k", C.WEB_ADDRESS),
        ("blog.example.org", C.WEB_ADDRESS),
        # ID numbers
        ("NHS No 943 476 5919", C.ID_NUMBER),  # valid check digit
        ("NHS 9434765919", C.ID_NUMBER),
        ("NHS No 943 476 59l9", C.ID_NUMBER),  # l for 1
        ("NI No BW 51 44 18 B", C.ID_NUMBER),
        ("NI: ZT 69 69 34 A", C.ID_NUMBER),
        ("QQ123456C", C.ID_NUMBER),
        ("AB l2 34 56 C", C.ID_NUMBER),  # l for 1
        ("Ref 20231187", C.ID_NUMBER),  # a record number
        ("MRN 4471 9921", C.ID_NUMBER),
        # dates of birth
        ("DOB 10/10/1960", C.DATE_OF_BIRTH),
        ("D.O.B. 18.03.1945", C.DATE_OF_BIRTH),
        ("Born 3 March 1931", C.DATE_OF_BIRTH),
        ("DOB: l8/O3/1945", C.DATE_OF_BIRTH),  # OCR errors
        ("12/04/1938", C.DATE_OF_BIRTH),  # any full date
        # plates
        ("FV11 FOF", C.PLATE),
        ("RB07 XHW", C.PLATE),
        ("BN57 VVB", C.PLATE),
        ("BN57 WB", C.PLATE),  # not a UK format, but plate-shaped
        ("AB 1", None),
        ("A123 BCD", C.PLATE),
        ("ABC 123D", C.PLATE),
        ("ABC 123", C.PLATE),  # dateless
        ("1234 AB", C.PLATE),
        ("FV1l FOF", C.PLATE),  # l for 1
        # health and care
        ("Warfarin", C.HEALTH),
        ("Haloperid0l", C.HEALTH),  # 0 for o
        ("Donepezll 10mg", C.HEALTH),
        ("Parkinson's", C.HEALTH),
        ("Dementia", C.HEALTH),
        ("Palliative care", C.HEALTH),
        ("Do not resuscitate", C.HEALTH),
        ("insulin 8 units", C.HEALTH),
        ("Catheter", C.HEALTH),
        # names from the general lists and context
        ("Margaret Fletcher", C.PERSON_NAME),
        ("MARGARET FLETCHER", C.PERSON_NAME),
        ("Patricia", C.PERSON_NAME),
        ("Rose Kershaw", C.PERSON_NAME),  # an everyday given name with a surname
        ("Mrs Ashworth", C.PERSON_NAME),
        ("Dr. Okonkwo", C.PERSON_NAME),  # in no list: the title says it
        ("Happy 90th Birthday Niamh", C.PERSON_NAME),
        ("Room 14 Tobiah", C.PERSON_NAME),
        ("Name: Zoltar", C.PERSON_NAME),
        # benign
        ("Library", None),
        ("Kitchen", None),
        ("Christmas Menu", None),
        ("Happy Fair", None),
        ("Rose garden", None),  # everyday given name alone
        ("Welcome", None),
        ("Sale 50% off", None),
        ("Open 9:30", None),
        ("LEVEL 2", None),
        ("LOCAL 20", None),
        ("Dreamstime.com", None),  # a bare company domain (a photo library's watermark)
        ("Fire exit", None),
        ("Volunteer", None),
        ("£12.50", None),
    ],
)
def test_category_table(text: str, expected: str | None) -> None:
    assert category(text) == expected, classify_sensitive(text)


def test_reasons_never_repeat_the_text() -> None:
    for text in ("Margaret Fletcher", "Tel 07700 857 767", "Warfarin", "FV11 FOF", "NHS No 943 476 5919"):
        v = classify_sensitive(text)
        assert v.match is not None
        for token in text.split():
            if len(token) >= 4:
                assert token.lower() not in v.reason.lower()


def test_nhs_check_digit_right_and_wrong() -> None:
    assert nhs_number_valid("9434765919")
    assert nhs_number_valid("4010232137")
    assert not nhs_number_valid("9434765918")  # last digit wrong
    assert not nhs_number_valid("9434765910")
    assert not nhs_number_valid("123456789")  # nine digits
    right = classify_sensitive("NHS No 943 476 5919")
    wrong = classify_sensitive("943 476 5918")
    assert right.reason == "NHS number (valid check digit)"
    # a wrong check digit is no NHS number, but ten digits are still hidden as a record number
    assert category("943 476 5918") == C.ID_NUMBER and "NHS" not in wrong.reason


def test_ni_numbers() -> None:
    assert ni_number("BW 51 44 18 B")
    assert ni_number("bw514418b".upper())
    assert not ni_number("BG 51 44 18 B")  # a prefix never issued
    assert not ni_number("DA 51 44 18 B")  # D never first
    assert not ni_number("BW 51 44 18 E")  # suffix A-D only
    assert not ni_number("DOB 18/03/1945")  # digits inside a date
    assert not ni_number("Tel 01534 546405")


@pytest.mark.parametrize(
    ("text", "kind"),
    [
        ("AB12 CDE", "current"),
        ("AB62CDE", "current"),
        ("A123 BCD", "prefix"),
        ("A12 BCD", "prefix"),
        ("ABC 123D", "suffix"),
        ("ABC 12D", "suffix"),
    ],
)
def test_plate_formats(text: str, kind: str) -> None:
    assert plate(text) == f"registration plate ({kind} format)"


def test_plate_age_codes_and_shapes() -> None:
    assert plate("AB35 CDE") != "registration plate (current format)"  # 35 is no age code
    assert plate("AB35 CDE".lower()) is None  # plates are capitals
    assert plate("ROOM 8") is None
    assert plate("AB 1234") == "plate-shaped text"


# ----------------------------------------------------------------------------- names from each source


def test_names_from_the_gallery_and_settings_are_fuzzy_matched() -> None:
    known = [("Oluwaseun Adeyemi", "the consent gallery"), ("Zbigniew Wroblewski", "the names list in settings")]
    only_known = {NameSource.KNOWN}
    for text in ("Oluwaseun", "OLUWASEUN ADEYEMI", "Oluwasewn Adeyerni", "Wroblewski", "Zbigniew Wrob1ewski"):
        v = classify_sensitive(text, known_names=known, name_sources=only_known)
        assert v.match is not None and v.match.label == C.PERSON_NAME, text
        assert "Oluwaseun" not in v.reason and "Wroblewski" not in v.reason
    assert "gallery" in classify_sensitive("Adeyemi", known_names=known).reason
    assert "settings" in classify_sensitive("Wroblewski", known_names=known, name_sources=only_known).reason
    assert category("Oluwaseun", name_sources=only_known) is None  # not known: not found
    assert category("Library", known_names=known) is None


def test_name_sources_can_be_switched_apart() -> None:
    assert category("Margaret Fletcher", name_sources={NameSource.CONTEXT}) is None
    assert category("Margaret Fletcher", name_sources={NameSource.LISTS}) == C.PERSON_NAME
    assert category("Mrs Okonkwo", name_sources={NameSource.LISTS}) is None
    assert category("Mrs Okonkwo", name_sources={NameSource.CONTEXT}) == C.PERSON_NAME


def test_hide_switches_categories_off() -> None:
    assert category("Tel 07700 857 767", hide={"person_name"}) is None
    assert category("Warfarin", hide=set(TEXT_CATEGORIES) - {"health"}) is None
    assert category("Warfarin", hide={"health"}) == C.HEALTH


def test_shipped_lists_load() -> None:
    lists = load_name_lists()
    assert {"margaret", "patricia", "jean"} <= lists.given
    assert {"kershaw", "fletcher"} <= lists.surnames
    assert {"rose", "kitchen"} <= lists.everyday
    terms = load_care_terms()
    assert {"warfarin", "dementia", "catheter"} <= terms.words


# ----------------------------------------------------------------------------- settings


def test_hide_setting_validated(tmp_path) -> None:  # type: ignore[no-untyped-def]
    assert set(TextPolicy().hide) == set(TEXT_CATEGORIES)
    f = tmp_path / "p.toml"
    f.write_text('[text]\nhide = ["phone", "plates"]\n', encoding="utf-8")
    with pytest.raises(ConfigError, match="plates"):
        load_policy(f, search=False)
    f.write_text('[text]\nhide = ["phone"]\nnames = ["Ada Lovelace"]\n', encoding="utf-8")
    policy, _ = load_policy(f, search=False)
    assert policy.text.hide == ("phone",) and policy.text.names == ("Ada Lovelace",)


# ----------------------------------------------------------------------------- decisions


def region(text: str, x0: float, y0: float, x1: float, y1: float, confidence: float = 0.99) -> TextRegion:
    poly = np.array([[x0, y0], [x1, y0], [x1, y1], [x0, y1]], np.float32)
    return TextRegion(polygon=poly, box=Box(x0, y0, x1, y1), text=text, confidence=confidence)


def test_card_lines_go_with_the_name_but_not_everyday_words() -> None:
    regs = [
        region("Room 32", 100, 100, 200, 130),  # cue
        region("Ngozi Obi", 100, 135, 240, 165),  # beside the cue: a name though in no list
        region("Tel 07700 857 767", 400, 100, 640, 130),
        region("Ashworth", 400, 135, 520, 165),  # same card as the phone, a surname: hidden
        region("Library Menu", 400, 170, 560, 200),  # same card, everyday words: kept
    ]
    f = text_findings(regs, TextPolicy())
    acts = [x.action for x in f]
    assert acts[1] is Action.REDACTED and f[1].label == "person_name" and "cue" in f[1].reason
    assert acts[0] is Action.REDACTED  # the room number goes with the name on the door sign
    assert acts[2] is Action.REDACTED and f[2].label == "phone"
    assert acts[3] is Action.REDACTED and f[3].reason == "same card or sign as hidden text"
    assert acts[4] is Action.KEPT
    assert all("text" not in x.detail for x in f)


def test_gallery_names_reach_the_decision(tmp_path) -> None:  # type: ignore[no-untyped-def]
    import datetime as dt

    from mediascrub.consent.gallery import Gallery, NewConsent

    rng = np.random.default_rng(0)
    v = rng.normal(size=(1, 128))
    consent = NewConsent(evidence="form-3.pdf", purposes=("social-media",), given=dt.date(2026, 1, 10), expires=dt.date(2027, 1, 10))
    with Gallery.open(tmp_path / "g.sqlite", create=True) as g:
        g.add_person("Tobiah Quenneville", list(v / np.linalg.norm(v)), consent, today=dt.date(2026, 6, 1))
    with Gallery.open(tmp_path / "g.sqlite", readonly=True) as g:
        for gallery in (g, g.index()):  # the open gallery (one process) and its snapshot (batch workers)
            names = known_names(TextPolicy(names=("Ifeoma Chukwu",)), gallery)
            assert ("Tobiah Quenneville", "the consent gallery") in names
            assert ("Ifeoma Chukwu", "the names list in settings") in names
            f = text_findings([region("Quenneville", 10, 10, 200, 40), region("IFEOMA", 10, 300, 200, 340)], TextPolicy(), names=names)
            assert [x.action for x in f] == [Action.REDACTED, Action.REDACTED]
            assert "gallery" in f[0].reason and "settings" in f[1].reason


def test_uncertain_but_hidden_anyway_is_not_reviewed() -> None:
    regs = [region("Tel 07700 857 767", 10, 10, 300, 40, confidence=0.4)]
    assert text_findings(regs, TextPolicy())[0].action is Action.REDACTED
    # uncertain, not hidden, yet it might be a number: a person looks
    regs = [region("Open 10:30", 10, 10, 300, 40, confidence=0.4)]
    assert text_findings(regs, TextPolicy())[0].action is Action.REVIEW


def test_illegible_readings_are_neither_hidden_nor_reviewed() -> None:
    tp = TextPolicy()
    eye = region("0", 100, 100, 190, 190, confidence=0.41)  # a cat's eye read as a zero
    ok, why = is_legible(eye, tp.min_legible, None)
    assert not ok and "score 0.41" in why
    f = text_findings([eye], tp, legible=[(ok, why)])
    assert f[0].action is Action.KEPT and f[0].reason.startswith("not legible")
    # a faint reading another look confirms is legible; one it contradicts is not
    faint = region("Warfarin", 10, 10, 200, 40, confidence=0.45)
    assert is_legible(faint, tp.min_legible, ("Warfarin", 0.8))[0]
    assert not is_legible(faint, tp.min_legible, ("中", 0.8))[0]
    # one or two characters: sure, or read the same again with a high score
    assert is_legible(region("42", 0, 0, 40, 30, 0.99), tp.min_legible, None)[0]
    assert not is_legible(region("42", 0, 0, 40, 30, 0.9), tp.min_legible, ("42", 0.7))[0]
    assert is_legible(region("42", 0, 0, 40, 30, 0.9), tp.min_legible, ("42", 0.95))[0]
    assert not is_legible(region("Warfarin", 0, 0, 40, 3, 0.99), tp.min_legible, None)[0]  # 3 px high


def test_hide_subset_in_text_findings() -> None:
    regs = [region("Warfarin", 10, 10, 200, 40), region("12 Mill Lane", 10, 300, 200, 340)]
    only_health = text_findings(regs, TextPolicy(hide=("health",)))
    assert [x.action for x in only_health] == [Action.REDACTED, Action.KEPT]
    no_health = text_findings(regs, TextPolicy(hide=("address",)))
    assert [x.action for x in no_health] == [Action.KEPT, Action.REDACTED]
    assert Policy(text=TextPolicy(hide=())).text.hide == ()


# ----------------------------------------------------------------------------- general rules from the held-out set


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # given names from many countries (gender-guesser's nam_dict), no cue word needed
        ("Seren Pritchard", C.PERSON_NAME),
        ("Niamh", C.PERSON_NAME),
        ("Siobhan Doyle", C.PERSON_NAME),
        ("Deepak", C.PERSON_NAME),
        ("Aoife", C.PERSON_NAME),
        # names that are everyday words stay guarded, as before
        ("Tea", None),
        ("Rose Garden", None),
        # days and months are the calendar, unless a surname follows
        ("Sunday", None),
        ("Sunday Church", None),
        ("Tuesday Quiz", None),
        ("June", None),
        ("June Fletcher", C.PERSON_NAME),
        # card labels introduce a name without a colon; a colon label as before
        ("Manager Abena Thwaite", C.PERSON_NAME),
        ("Keyworker Kofi Boateng", C.PERSON_NAME),
        ("Contact: Kofi Boateng", C.PERSON_NAME),
        ("Manager Meeting Today", None),
        # personal web addresses: given name + surname, or a family name + "family"
        ("www.kofiboateng.co.uk", C.WEB_ADDRESS),
        ("Visit www.sarahjenkins.co.uk", C.WEB_ADDRESS),
        ("www.boatengfamily.com", C.WEB_ADDRESS),
        ("www.funfamily.com", None),
        ("www.carehome.co.uk", None),
        ("www.gardencentre.co.uk", None),
        # PEG feeding is a care word
        ("PEG due", C.HEALTH),
        ("Gastrostomy check", C.HEALTH),
    ],
)
def test_general_name_web_and_care_rules(text: str, expected: str | None) -> None:
    assert category(text) == expected


@pytest.mark.parametrize(
    ("text", "identifying"),
    [
        ("Kofi Boateng", True),  # in no list, but no English word: a name on a card with a phone
        ("Family Kofi Boateng", True),
        ("Next Kofi Boateng", True),
        ("Library Menu", False),
        ("Friday Music", False),
        ("Family Fun Day", False),
        ("Activities", False),
    ],
)
def test_name_shaped_lines_go_with_a_card(text: str, identifying: bool) -> None:
    assert classify_sensitive(text).features.identifying is identifying


@pytest.mark.parametrize(
    ("text", "postcode"),
    [
        ("SW1A 1AA", True),
        ("M1 1AE", True),
        ("JE2 3ND", True),
        ("SW1 2PM", True),  # a real postcode whose inward code reads like a time
        ("LS6 2QB", True),
        ("Tuesday Quiz 2pm", False),  # word + time is not outward + inward code
        ("QUIZ 2PM", False),
        ("PEG 4pm", False),
        ("500mg nocte", False),
        ("Lunch 12:30", False),
    ],
)
def test_postcode_shape(text: str, postcode: bool) -> None:
    assert (classify_line(text).label == "postcode") is postcode


@pytest.mark.parametrize(
    ("text", "street"),
    [("Rose Gardens", True), ("Gardens", True), ("Garden", False), ("Sensory Garden", False), ("R0AD", True), ("Station Road", True)],
)
def test_street_words_match_exactly_not_singular_for_plural(text: str, street: bool) -> None:
    assert (classify_line(text).label == "street_name") is street


def test_card_spread_stays_on_its_card() -> None:
    regs = [
        region("Tel 07700 857 767", 100, 100, 340, 130),  # hidden
        region("Abena Thwaite", 100, 136, 260, 166),  # the line below, left-aligned, name-shaped: same card
        region("Lunch 12:30", 100, 226, 260, 256),  # two lines below the name: another sign
        region("Menu 5:30", 260, 64, 460, 94),  # right above the phone, overlapping it, but not aligned with it
    ]
    f = text_findings(regs, TextPolicy())
    acts = [x.action for x in f]
    assert acts[0] is Action.REDACTED and acts[1] is Action.REDACTED
    assert f[1].reason == "same card or sign as hidden text"
    assert acts[2] is Action.KEPT  # a gap of two line heights is another sign
    assert acts[3] is Action.KEPT  # below the phone but neither left, centre nor right aligned


def test_a_notices_sentences_stay_beside_a_hidden_name_but_a_badges_lines_go() -> None:
    """A card's hidden line takes along its labels (a door sign's room, a badge's surname), never a notice's
    running text or a line of event details beside it, unless that line names someone itself."""
    card = [
        region("Ring 07700 857 767", 100, 100, 300, 130),  # a phone number: hidden
        region("Ward 7 sounds busy! Your chair by the window is waiting.", 100, 134, 700, 164),
        region("Free tea, cake and a listening ear. Bus 14 or 27 stops outside.", 100, 168, 740, 198),
        region("Saturday Mon 12 Apr, 10am - 12 noon", 100, 202, 520, 232),
        region("Questions to Kaveh, extension 204", 100, 236, 520, 266),  # names someone: goes
    ]
    f = text_findings(card, TextPolicy())
    assert f[0].action is Action.REDACTED
    assert [x.action for x in f[1:4]] == [Action.KEPT] * 3, [x.reason for x in f]
    assert f[4].action is Action.REDACTED and f[4].reason == "same card or sign as hidden text"
    badge = [
        region("Ring 07700 857 767", 100, 100, 300, 130),
        region("Room 12", 100, 134, 200, 164),  # a door sign's room number: goes
        region("Okonkwo-Baptiste", 100, 168, 300, 198),  # a surname no list has: goes
        region("Every Thursday 10.30 - 12", 100, 202, 400, 232),  # opening hours: stay
    ]
    f = text_findings(badge, TextPolicy())
    assert [x.action for x in f] == [Action.REDACTED, Action.REDACTED, Action.REDACTED, Action.KEPT], [x.reason for x in f]


def test_a_notices_line_naming_someone_with_a_number_goes_with_a_name_hidden_in_a_sentence() -> None:
    notice = [
        region("with her owner Mereana Trebilcock", 100, 100, 500, 130),  # a name inside a sentence: hidden
        region("Please wash hands after stroking. Treats from the office only.", 100, 134, 740, 164),
        region("Questions to Hamid on extension 204", 100, 168, 520, 198),
    ]
    f = text_findings(notice, TextPolicy())
    assert [x.action for x in f] == [Action.REDACTED, Action.KEPT, Action.REDACTED], [x.reason for x in f]


@pytest.mark.parametrize(("text", "identifying"), [
    ("Every Sunday 10am - 12 noon", False), ("Every last Friday 10.30 - 12", False), ("Open Sundays 10 till 12", False),
    ("Buses 17 and 393 stop outside", False), ("married 1953 at St Mary's", False),
    ("Room 12", True), ("Rooms 3 - 5", True), ("Staff no 12397", True), ("1931 - 2020", True),
])
def test_event_details_are_no_numbers_a_card_takes_along(text: str, identifying: bool) -> None:
    from mediascrub.textrules.features import is_identifying
    from mediascrub.textrules.line import split_line

    assert is_identifying(split_line(text)) is identifying


def test_a_cards_line_hidden_in_part_goes_whole_when_it_lists_other_names() -> None:
    """``Love from Chase, Holly, Miss Ogunbanjo`` on a card: the title rule hides from ``Miss`` on; the
    names listed before it go too, while a line naming no one else keeps its part."""
    from mediascrub.textrules.features import lists_names
    from mediascrub.textrules.line import split_line

    assert lists_names(split_line("Love from Chase, Holly, ."))
    assert lists_names(split_line("Love from Xochitl Fifita,"))
    assert not lists_names(split_line("Hope to see you at the May fair love"))
    assert not lists_names(split_line("Farewell to carer . who leaves for university in Durham."))
    from mediascrub.textrules.features import names_someone

    assert names_someone(split_line("Questions to Kaveh on extension 204"))
    assert not names_someone(split_line("Roadworks on the A629 until April"))
    assert not names_someone(split_line("Bramble the King Charles spaniel is coming"))

    def read_with_positions(text: str) -> TextRegion:
        n = sum(not c.isspace() for c in text)
        r = region(text, 100, 134, 600, 164)
        return TextRegion(r.polygon, r.box, text, 0.99, char_spans=tuple((k / n, (k + 1) / n) for k in range(n)))

    title = region("Missing you!", 100, 100, 300, 130)
    line = "Love from Chase, Holly, Miss Ogunbanjo"
    f = text_findings([title, read_with_positions(line)], TextPolicy())
    # Hidden in parts (or whole): every name listed before the title goes with it, ``Love from`` may stay.
    hidden = [x for x in f[1:] if x.action is Action.REDACTED]
    chase = 100 + 500 * sum(not c.isspace() for c in line[: line.index("Chase")]) / sum(not c.isspace() for c in line)
    assert hidden and min(x.box.x0 for x in hidden) <= chase and max(x.box.x1 for x in hidden) >= 599
    f = text_findings([title, read_with_positions("Love from everyone and Miss Ogunbanjo")], TextPolicy())
    assert f[1].action is Action.REDACTED and f[1].detail.get("part_of_line")
