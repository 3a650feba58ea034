"""The address rules (postcode, street, house name, house number, the agency's own terms),
as a table of strings (clean, and as OCR misreads them)."""

from __future__ import annotations

import re
from collections.abc import Sequence

import pytest

from mediascrub.textrules import ADDRESS_LABELS, LineVerdict, RuleContext, classify_line
from mediascrub.textrules.line import allowed_edits, edit_distance, split_line, substring_distance
from mediascrub.textrules.words import load_word_lists

N, S, P, T, H, O = "house_number", "street_name", "postcode", "sensitive_term", "house_name", "other"  # noqa: E741


def classify_text(text: str, sensitive_terms: Sequence[str] = ()) -> LineVerdict:
    """The address rules alone (and the agency's terms, always on)."""
    return classify_line(text, RuleContext(sensitive_terms=tuple(sensitive_terms)), hide=("address",))

TABLE = [
    # house and building numbers
    ("12", N),
    ("12A", N),
    ("12 A", N),
    ("7", N),
    ("237.", N),
    ("No. 7", N),
    ("NO 7", N),
    ("N° 12", N),
    ("Flat 3", N),
    ("Apt 4B", N),
    ("Unit 9", N),
    ("12-14", N),
    ("2202", N),  # a real house number in the evaluation set; a year alone looks the same
    ("l2", N),  # OCR: l for 1
    ("1O", N),  # OCR: O for 0
    ("2O2", N),
    ("|7", N),
    # postcodes, UK and Crown Dependencies, with lost spaces and case
    ("JE2 3QB", P),
    ("JE23QB", P),
    ("je2 3qb", P),
    ("GY1 1AA", P),
    ("gy11aa", P),
    ("SW1A 1AA", P),
    ("M1 1AE", P),
    ("Jersey JE2 3QB", P),
    ("St Helier, JE2 3QB", P),
    ("JE2 3Q8", P),  # OCR: 8 for B in a letter position
    ("JEZ 3QB", P),  # OCR: Z for 2 in a digit position
    ("75001 Paris", P),  # French code postal + commune
    # street names: French / Channel Islands prefixes, English suffixes
    ("Rue de la Mare", S),
    ("RUE DE LA MARE", S),
    ("rue de la mare", S),
    ("42 Rue de la Mare", S),
    ("Chemin des Monts", S),
    ("La Grande Route de St Pierre", S),
    ("Route de Pringy", S),
    ("Avenue de Maurin", S),
    ("Boulevard de Lunel", S),
    ("Impasse du Moulin", S),
    ("Allée des Tilleuls", S),
    ("RUE", S),  # a sign's first line alone
    ("RUE DU", S),
    ("RUBDU", S),  # OCR of "RUE DU" run together
    ("Mill Lane", S),
    ("MILL LANE", S),
    ("REGENT AVENUE", S),
    ("CNC Road", S),
    ("12 Mill Lane", S),
    ("High Street", S),
    ("Station Rd", S),
    ("Victoria Close", S),
    ("Golden Square", S),
    ("Mill Lane, JE3 7AB", P),
    ("R0AD", S),  # OCR: 0 for O
    ("Avenve", S),  # one letter wrong in a long street word
    # house names
    ("BENSON HOUSE", H),
    ("Benson House", H),
    ("Windsor manor", H),
    ("Rose Cottage", H),
    ("Sunnyside Care Home", H),
    ("Maison Le Gallais", H),
    ("VIN DAVIES BUILDING", H),
    ("HOUSE", H),  # a plaque's second line alone
    ("28 Windsor Manor", H),
    # ordinary text: must stay OTHER
    ("Welcome", O),
    ("SALE", O),
    ("Coffee Bean", O),
    ("The House", O),
    ("Open House", O),
    ("One Way", O),
    ("Give Way", O),
    ("Car Park", O),
    ("Please close the gate", O),
    ("Food Court", O),
    ("St Mary's Church", O),
    ("SCIENCE AND ENGINEERING", O),
    ("Office of Deputy Vice-Chancellor Research", O),
    ("alamy stock photo", O),
    ("LEVEL 2", O),
    ("Level 3", O),
    ("$20", O),
    ("£4.99", O),
    ("50%", O),
    ("70%OFF", O),
    ("10:30", O),
    ("3.5", O),
    ("1,2,3,64", O),
    ("12364", O),  # five digits: a phone fragment or serial, not a house number
    ("01534 123456", O),
    ("6636-5830", O),
    ("CLUB313", O),
    ("IO", O),  # no real digit: not undone into 10
    ("A4", O),
    ("M25", O),
    ("HELLO", O),
    ("Shopping", O),
    ("", O),
    ("...", O),
]


@pytest.mark.parametrize(("text", "expected"), TABLE, ids=[f"{t!r}" for t, _ in TABLE])
def test_classify_table(text: str, expected: str) -> None:
    got = classify_text(text, ())
    assert got.label == expected, got.reason
    assert (got.label in ADDRESS_LABELS) == (expected != O)
    if expected != O:
        assert got.match is not None and got.match.category == "address"


def test_most_ordinary_words_stay_other() -> None:
    """At least half of ordinary words are kept (the acceptance bar); in fact all of these."""
    words = [t for t, c in TABLE if c is O and t.strip(".")]
    kept = sum(classify_text(w).label == O for w in words)
    assert kept == len(words)


@pytest.mark.parametrize(
    ("text", "label"),
    [
        ("Rue de la Mare", S),
        ("RUE DE LA MARE", S),
        ("42 Rue de la Mare", S),
        ("JE2 3QB", P),
        ("BENSON HOUSE", H),
        ("12", N),
        ("Windsor Manor", T),
        ("Flat 3", N),
    ],
)
def test_reason_never_quotes_the_text(text: str, label: str) -> None:
    """The reason names the rule and at most the list word that matched ('Rue', 'House',
    'Flat'), never the rest of the line: not its name, not its number, not its postcode."""
    got = classify_text(text, ["Windsor Manor"])
    assert got.label == label and got.match is not None
    reason = got.reason.lower()
    list_words = {"rue", "house", "flat"}
    secret = [t.lower() for t in split_line(text).orig if t.lower() not in list_words]
    assert secret, "every case has something the reason must not repeat"
    for token in secret:
        if token.isdigit() or len(token) >= 3:
            assert token not in reason  # "12", "3", "je2", "mare", "benson"
        else:
            assert token not in re.findall(r"\w+", reason)  # "de", "la" as words
    if label != T:  # the agency's terms are named by their number in the policy
        assert not any(c.isdigit() for c in reason)


TERMS = ["Windsor Manor", "Les Platons", "La Hougue Farm", "JE3 9XY"]


@pytest.mark.parametrize(
    ("text", "hit"),
    [
        ("Windsor Manor", True),
        ("WINDSOR MANOR", True),
        ("Windsar Manor", True),  # one letter misread
        ("W1ndsor Man0r", True),  # digits for letters
        ("WINDSOR", True),  # the distinctive word alone (a sign read line by line)
        ("Windsr", True),
        ("Welcome to Les Platons", True),
        ("LES PLATON", True),
        ("La Hougue Farm", True),
        ("JE3 9XY", True),
        ("je39xy", True),
        ("Manor", False),  # a generic house word alone is not the term
        ("Farm Shop", False),
        ("Window", False),
        ("Coffee", False),
    ],
)
def test_sensitive_terms_fuzzy(text: str, hit: bool) -> None:
    got = classify_text(text, TERMS)
    assert (got.label == T) == hit, (got.label, got.reason)
    if hit:
        assert "#" in got.reason and "Windsor" not in got.reason


def test_sensitive_term_wins_over_other_categories() -> None:
    assert classify_text("12 Rue de la Mare", ["Rue de la Mare"]).label == T
    assert classify_text("12 Rue de la Mare", []).label == S


def test_short_terms_match_whole_words_only() -> None:
    assert classify_text("Les Vaux ABC", ["ABC"]).label == T
    assert classify_text("ABCD", ["ABC"]).label == O


def test_looks_addressy_for_uncertain_reads() -> None:
    assert classify_text("LEVEL 2").features.addressy  # a digit
    assert classify_text("Pasage").features.addressy  # near a street word
    assert not classify_text("Welcome").features.addressy
    assert classify_text("lO").features.addressy  # perhaps 10
    assert not classify_text("I").features.addressy  # a lone letter: noise more often than a 1


def test_edit_distances() -> None:
    assert edit_distance("kitten", "sitting") == 3
    assert edit_distance("", "abc") == 3
    assert substring_distance("mare", "ruedelamare") == 0
    assert substring_distance("mare", "ruedelamore") == 1
    assert allowed_edits(3) == 0 and allowed_edits(4) == 1 and allowed_edits(12) == 3


def test_word_lists_are_data() -> None:
    lists = load_word_lists()
    assert ("rue",) in lists.street_prefix and ("road",) in lists.street_suffix
    assert ("house",) in lists.house_suffix and "flat" in lists.number_prefixes
    assert all(w == w.lower() for p in lists.street_suffix for w in p)


def test_the_reason_does_not_change_with_the_hash_seed() -> None:
    """Word lists are sets, whose order changes from one Python process to the next (worker processes
    included); the rules try their phrases in a fixed order, so a line with two street words (``Lane``,
    ``Avenue``), two house words, or a word one OCR error from two list words gets the same reason every time."""
    import json
    import os
    import subprocess
    import sys

    lines = ["12 Mill Lane Avenue", "Church Road Close", "Station Road West Lane", "Rose Cottage Manor",
             "Benson House Cottage", "The Grance Farm", "Rue de la Ruelte"]
    script = ("import json, sys; from mediascrub.textrules import classify_line; "
              "print(json.dumps([[v.label, v.reason] for v in map(classify_line, json.loads(sys.argv[1]))]))")
    seen = set()
    for seed in ("1", "2", "3", "4"):
        result = subprocess.run([sys.executable, "-c", script, json.dumps(lines)], capture_output=True, text=True, check=True,
                                timeout=120, env={**os.environ, "PYTHONHASHSEED": seed})
        seen.add(result.stdout)
    assert len(seen) == 1, seen


def _street_parts(text: str) -> list[str]:
    v = classify_line(text)
    line = split_line(text)
    parts = v.parts or ((v.match,) if v.match is not None else ())
    return [" ".join(line.orig[m.start or 0 : m.end if m.end is not None else len(line.orig)])
            for m in parts if m.label == "street_name"]


def test_a_house_number_and_a_street_in_running_text() -> None:
    """A missed-visit card's ``called at 4B Harmony Way at 10am`` and an in/out board's ``home visit 84 Cherry Tree Walk
    back 11:45``: a house number, capitalised words and a street type that is an everyday word (``Way``, ``Walk``, and
    ``Bank`` only after a house number) are an address mid-line too; after a visit (``called at``, ``home visit``)
    the house number and its capitalised words are, street type or not. A bank's name, a bank holiday, a school, a
    list's step, things counted and a public street with no house number stay."""
    cases = {
        "Our operative called at 4B Harmony Way at 10am": ["4B Harmony Way"],
        "called at 37B Willow Bank at 08:15": ["37B Willow Bank"],
        "Dong-hyun: home visit 84 Cherry Tree Walk back 11:45": ["84 Cherry Tree Walk"],
        "Thant: home visit 24 Brookside back 12:05": ["24 Brookside"],
        "Sat 13:50 Janice walks Buster - collect from 23 Quarry Bank": ["23 Quarry Bank"],
        "60, Daisy Bank": ["60 Daisy Bank"],
    }
    for text, streets in cases.items():
        assert _street_parts(text) == streets, text
    for text in ("Lloyds Bank", "Food Bank open 10am", "Monday 17 May Bank Holiday", "Declan (Year 3, Holly Bank Primary)",
                 "2 Green Park tickets", "Our team called at 3 Care Homes this week", "Open 7 Days A Week",
                 "Bus 42 Park Way shops", "3. Follow the path to the stile"):
        assert not _street_parts(text), text


def test_a_hospital_bed_after_its_ward_is_where_a_patient_lies() -> None:
    """A radio request's ``Ward 16 bed 13``: the bed's number is hidden (the ward, a public place, stays); a ward's
    visiting times stay."""
    for text in ("Ward 16 bed 13", "Ward 1 bed 9"):
        v = classify_line(text)
        line = split_line(text)
        assert v.match is not None and v.match.label == "house_number", text
        assert [" ".join(line.orig[m.start or 0 : m.end or len(line.orig)]) for m in v.parts] == [" ".join(line.orig[2:])], text
    for text in ("Visiting: Ward 16, 2pm-4pm", "Ward 16", "Florence Ward bay 4 please"):
        assert classify_line(text).match is None, text
