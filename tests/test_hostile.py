"""The hostile corpus (tests/hostile_corpus.py) through scrub and check.

No published output carries the marker; every output decodes without a warning in Pillow and in
libjpeg/OpenCV; no message shows a traceback or a Python repr; ``check`` says NOT SAFE on every
source that carries the marker (in metadata or in bytes the decoder does not use).
"""

from __future__ import annotations

import re
import time
import warnings
from pathlib import Path

import cv2
import numpy as np
import pytest
from hostile_corpus import MARKER, mutants, sources
from PIL import Image
from typer.testing import CliRunner

from mediascrub.cli.app import app
from mediascrub.findings import Status
from mediascrub.media.image import sniff_format
from mediascrub.pipeline import Pipeline
from mediascrub.stages.metadata import find_leftovers

REPR = re.compile(r"Traceback|<[\w.]+ object at 0x|\bb'|\bb\"|\[Errno|Error: \w+\(|\\x[0-9a-f]{2}")


def _assert_plain(text: str | None) -> None:
    assert text is None or not REPR.search(text), text


def _assert_decodes_cleanly(path: Path, capfd: pytest.CaptureFixture[str]) -> None:
    capfd.readouterr()
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        with Image.open(path) as img:
            img.load()
    array = cv2.imdecode(np.frombuffer(path.read_bytes(), np.uint8), cv2.IMREAD_UNCHANGED)
    if path.suffix != ".gif":  # OpenCV 4 reads JPEG, PNG, WebP and TIFF
        assert array is not None, path
    err = capfd.readouterr().err
    assert err == "", f"{path.name}: {err}"


def test_sources_are_what_they_claim() -> None:
    """Every hand-made source decodes (the hiding places are invisible to a viewer) and carries the marker."""
    for sample in sources():
        assert MARKER in sample.data, sample.name
        if sample.hidden:
            with warnings.catch_warnings():
                warnings.simplefilter("ignore")
                from io import BytesIO

                Image.open(BytesIO(sample.data)).load()


@pytest.mark.slow
def test_hostile_corpus(tmp_path: Path, metadata_only_policy, capfd: pytest.CaptureFixture[str]) -> None:
    t0 = time.perf_counter()
    base = sources()
    corpus = base + mutants(base, count=300)
    pipeline = Pipeline(metadata_only_policy)
    src_dir, out_dir, q_dir = tmp_path / "in", tmp_path / "out", tmp_path / "held"
    src_dir.mkdir()
    published = 0
    for sample in corpus:
        src = src_dir / sample.name
        src.write_bytes(sample.data)
        report = pipeline.scrub(src, out_dir / sample.name, quarantine=q_dir / sample.name)
        _assert_plain(report.reason)
        for note in report.notes:
            _assert_plain(note)
        if report.status == Status.PUBLISHED:
            published += 1
            out = Path(report.output or "")
            data = out.read_bytes()
            assert MARKER not in data, sample.name
            fmt = sniff_format(data[:64])
            assert fmt is not None and find_leftovers(data, fmt) == [], sample.name
            _assert_decodes_cleanly(out, capfd)
        else:
            assert report.status == Status.QUARANTINED, sample.name
    names = {sample.name for sample in base}
    for sample in corpus:  # check never crashes, and says NOT SAFE on every hand-made source
        report = pipeline.check(src_dir / sample.name)
        assert report.safe is False or sample.name not in names, sample.name
        _assert_plain(report.reason)
        for f in report.findings:
            _assert_plain(f.reason)
    assert capfd.readouterr().err == ""  # libjpeg's warnings never reach the terminal
    # the command line over the whole corpus: one plain line per file, never a traceback or a repr
    policy_path = tmp_path / "policy.toml"
    policy_path.write_text("[faces]\nenabled = false\n[text]\nenabled = false\n")
    result = CliRunner().invoke(
        app, ["scrub", str(src_dir), "--out", str(tmp_path / "out2"), "--quarantine", str(tmp_path / "held2"), "-j", "1",
              "--policy", str(policy_path)], catch_exceptions=False,
    )
    assert result.exit_code == 1
    _assert_plain(result.output)
    assert capfd.readouterr().err == ""
    assert published >= len(base)  # every hand-made source is rebuilt and published
    assert time.perf_counter() - t0 < 120
