"""The second hostile corpus (tests/hostile_corpus2.py) through scrub and check.

For every hiding place: the published output (if any) no longer carries the marker, the output is
clean by the allow-list and by check's own hidden-data tests, ``check`` says NOT SAFE on the input,
and nothing ends in an internal error.
"""

from __future__ import annotations

import time
from pathlib import Path

import pytest
from hostile_corpus2 import hidings

from mediascrub.findings import Status
from mediascrub.media.containers import HIDDEN
from mediascrub.media.hidden import TIMING
from mediascrub.media.image import sniff_format
from mediascrub.pipeline import Pipeline
from mediascrub.stages.metadata import find_leftovers

HIDINGS = {h.name: h for h in hidings()}


def test_every_input_carries_its_marker() -> None:
    """The probe sees the marker in every input: a probe that cannot fail would prove nothing."""
    for h in HIDINGS.values():
        assert h.leaked(h.data), h.name


@pytest.mark.parametrize("name", sorted(HIDINGS))
def test_hiding_place(name: str, tmp_path: Path, metadata_only_policy) -> None:
    h = HIDINGS[name]
    src = tmp_path / "in" / h.name
    src.parent.mkdir()
    src.write_bytes(h.data)
    pipeline = Pipeline(metadata_only_policy)
    checked = pipeline.check(src)
    assert checked.safe is False, f"{name}: check calls it SAFE ({h.place})"
    assert "internal error" not in (checked.reason or "")
    report = pipeline.scrub(src, tmp_path / "out" / h.name, quarantine=tmp_path / "held" / h.name)
    assert "internal error" not in (report.reason or ""), report.reason
    if report.status != Status.PUBLISHED:
        assert report.status == Status.QUARANTINED, report.reason
        return
    out = Path(report.output or "").read_bytes()
    assert not h.leaked(out), f"{name}: the output still carries the marker ({h.place})"
    fmt = sniff_format(out[:64])
    assert fmt is not None and find_leftovers(out, fmt) == []
    again = pipeline.check(Path(report.output or ""))
    hidden = [f.reason for f in again.findings if f.reason.startswith(HIDDEN) or f.reason == TIMING]
    assert hidden == [], f"{name}: check finds in the output: {hidden}"
    if not name.endswith(".webp") or "durations" not in name:  # an animated WebP is never called SAFE (README)
        assert again.safe, f"{name}: check calls the output NOT SAFE: {again.reason}"


@pytest.mark.slow
def test_the_corpus_runs_quickly(tmp_path: Path, metadata_only_policy) -> None:
    t0 = time.perf_counter()
    pipeline = Pipeline(metadata_only_policy)
    for h in HIDINGS.values():
        src = tmp_path / h.name
        src.write_bytes(h.data)
        pipeline.check(src)
        pipeline.scrub(src, tmp_path / "out" / h.name)
    assert time.perf_counter() - t0 < 60
