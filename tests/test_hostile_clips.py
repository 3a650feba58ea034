"""The hostile clip corpus (tests/hostile_clips.py) through check and scrub, with the sound kept.

The clean base is SAFE; every marked clip is NOT SAFE with the place named; every one publishes, and
no published clip carries its marker (at any bit offset), an encoder's name, a box or field outside
the allow-list (mediascrub's own accounting and exiftool's reading), or the input's timestamps; each
output is SAFE to ``check`` again. No run ends in an internal error.
"""

from __future__ import annotations

from fractions import Fraction
from pathlib import Path

import pytest
from hostile_clips import ENCODER_NAMES, KEEP_AUDIO, build_corpus, carries, timestamps

from exiftool_oracle import have_exiftool, video_exiftool_json, video_leaks_in
from mediascrub.findings import Status
from mediascrub.media.containers import mp4_leftovers
from mediascrub.pipeline import Pipeline


@pytest.fixture(scope="module")
def corpus(tmp_path_factory: pytest.TempPathFactory):  # type: ignore[no-untyped-def]
    return build_corpus(tmp_path_factory.mktemp("clips"))


def _words(report) -> str:  # type: ignore[no-untyped-def]
    return " ".join([report.reason or ""] + [f.reason for f in report.findings])


def test_the_base_is_clean_and_check_says_safe_with_sound_kept(corpus) -> None:  # type: ignore[no-untyped-def]
    base, _ = corpus
    data = base.read_bytes()
    assert not any(name in data for name in ENCODER_NAMES)
    with open(base, "rb") as fh:
        assert mp4_leftovers(fh, len(data)) == []
    assert data[4:8] == b"ftyp" and data[data.index(b"moov") - 4 :].find(b"mdat") > 0  # index first
    report = Pipeline(KEEP_AUDIO).check(base)
    assert report.safe is True, _words(report)


@pytest.mark.parametrize("index", range(22))
def test_marked_clip_is_not_safe_and_publishes_without_its_marker(corpus, tmp_path: Path, index: int) -> None:  # type: ignore[no-untyped-def]
    base, made = corpus
    item, src, mark = made[index]
    data = src.read_bytes()
    if not item.timing:
        assert carries(data, mark), item.name  # the corpus really plants it
    checked = Pipeline(KEEP_AUDIO).check(src)
    assert checked.status is Status.CHECKED and checked.safe is False, (item.name, checked.reason)
    assert item.where in _words(checked), (item.name, _words(checked))

    report = Pipeline(KEEP_AUDIO).scrub(src, tmp_path / "out" / src.name)
    assert report.status is Status.PUBLISHED, (item.name, report.reason)
    out = Path(report.output or "")
    published = out.read_bytes()
    assert not carries(published, mark), item.name
    assert not any(name in published for name in ENCODER_NAMES), item.name
    with open(out, "rb") as fh:
        assert mp4_leftovers(fh, len(published)) == [], item.name
    if item.timing:
        assert timestamps(out) == [Fraction(i, 25) for i in range(16)]  # one tick of delay per bit: gone
    if have_exiftool():
        assert video_leaks_in(video_exiftool_json(out)) == [], item.name
    again = Pipeline(KEEP_AUDIO).check(out)
    assert again.safe is True, (item.name, _words(again))


def test_every_item_is_in_the_corpus(corpus) -> None:  # type: ignore[no-untyped-def]
    _, made = corpus
    assert len(made) == 22
    assert len({m for _, _, m in made}) == 22
