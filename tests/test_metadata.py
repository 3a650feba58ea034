"""The key invariant: scrub, re-read with exiftool, nothing outside the allow-list; scrub again changes nothing."""

from __future__ import annotations

import io
from pathlib import Path

import numpy as np
import pytest
from PIL import Image, ImageCms

from conftest import SECRET, SERIAL, dirty_jpeg, exif_bytes, photo_like, srgb_icc
from exiftool_oracle import have_exiftool, leaks
from mediascrub.findings import Action, Status
from mediascrub.media.containers import jpeg_scan_data
from mediascrub.media.image import Format, load_image, sniff_format
from mediascrub.pipeline import Pipeline
from mediascrub.stages.metadata import find_leftovers

needs_exiftool = pytest.mark.skipif(not have_exiftool(), reason="exiftool not installed (apt-get install libimage-exiftool-perl)")


def _scrub(policy, src: Path, out_dir: Path):
    report = Pipeline(policy).scrub(src, out_dir / src.name)
    assert report.status == Status.PUBLISHED, report.reason
    return report, Path(report.output)


@pytest.mark.slow
def test_dirty_fixture_really_is_dirty(dirty_file: Path, metadata_only_policy) -> None:
    """Guard against a fixture that proves nothing: check must see metadata in every generated file."""
    report = Pipeline(metadata_only_policy).check(dirty_file)
    assert report.safe is False
    assert any(f.action in (Action.REMOVED, Action.CHANGED) for f in report.findings)


@pytest.mark.slow
@needs_exiftool
def test_exiftool_sees_dirt_in_fixtures(dirty_file: Path) -> None:
    assert leaks([dirty_file]), "exiftool should report metadata in the dirty fixture"


@needs_exiftool
def test_scrub_removes_every_metadata_class(dirty_file: Path, tmp_path: Path, metadata_only_policy) -> None:
    _, out = _scrub(metadata_only_policy, dirty_file, tmp_path / "out")
    assert leaks([out]) == {}
    fmt = sniff_format(out.read_bytes()[:64])
    assert fmt is not None and find_leftovers(out.read_bytes(), fmt) == []
    raw = out.read_bytes()
    for secret in (SECRET.encode(), SERIAL.encode(), b"CareCam", b"MAKERNOTE", b"xmpmeta", b"Photoshop 3.0", b"MOTION-PHOTO"):
        assert secret not in raw
    # the original is untouched
    assert dirty_file.exists()


def test_heic_and_avif_become_jpeg(tmp_path: Path, make_file, metadata_only_policy) -> None:
    from conftest import dirty_heif

    for name, fmt in (("a.heic", "HEIF"), ("b.avif", "AVIF")):
        src = make_file(name, dirty_heif(fmt))
        report, out = _scrub(metadata_only_policy, src, tmp_path / "out")
        assert out.suffix == ".jpg"
        assert Image.open(out).format == "JPEG"
        assert any("written as JPEG" in n for n in report.notes)


def test_scrub_is_idempotent(dirty_file: Path, tmp_path: Path, metadata_only_policy) -> None:
    """Scrubbing an output again rebuilds it (nothing is ever published as it came) without changing the picture."""
    _, first = _scrub(metadata_only_policy, dirty_file, tmp_path / "one")
    report, second = _scrub(metadata_only_policy, first, tmp_path / "two")
    assert report.status == Status.PUBLISHED and not any("published unchanged" in n for n in report.notes)
    a, b = _visible_pixels(first), _visible_pixels(second)
    lossy_webp = first.suffix == ".webp" and b"VP8 " in first.read_bytes()[12:64]
    if lossy_webp:
        assert np.abs(a.astype(int) - b.astype(int)).mean() < 2.0
    else:
        assert np.array_equal(a, b)
    assert Pipeline(metadata_only_policy).check(first).safe is True
    assert Pipeline(metadata_only_policy).check(second).safe is True


def _visible_pixels(path: Path) -> np.ndarray:
    rgba = np.asarray(Image.open(path).convert("RGBA")).copy()
    rgba[rgba[..., 3] == 0] = 0  # the colour of a fully transparent pixel is not part of the picture
    return rgba


def test_jpeg_rebuilt_from_coefficients_is_pixel_identical(tmp_path: Path, make_file, metadata_only_policy) -> None:
    src = make_file("photo.jpg", dirty_jpeg())
    report, out = _scrub(metadata_only_policy, src, tmp_path / "out")
    assert any("DCT coefficients" in n for n in report.notes)
    assert jpeg_scan_data(out.read_bytes()) != jpeg_scan_data(src.read_bytes())  # new entropy-coded data, not a copy
    assert np.array_equal(np.asarray(Image.open(out)), np.asarray(Image.open(io.BytesIO(src.read_bytes()))))


def test_jpeg_rebuilt_from_coefficients_is_decoded_once(tmp_path: Path, make_file, metadata_only_policy,
                                                        monkeypatch: pytest.MonkeyPatch) -> None:
    """The pixel comparison that accepts the rebuilt file and the output check share one decode of it."""
    from mediascrub import pipeline as pipeline_mod

    calls: list[int] = []
    real = pipeline_mod.decode_output
    monkeypatch.setattr(pipeline_mod, "decode_output", lambda data, fmt: calls.append(len(data)) or real(data, fmt))
    src = make_file("photo.jpg", dirty_jpeg())
    report, out = _scrub(metadata_only_policy, src, tmp_path / "out")
    assert any("DCT coefficients" in n for n in report.notes)
    assert calls == [len(out.read_bytes())]


@pytest.mark.parametrize("orientation", range(1, 9))
def test_orientation_applied_to_pixels(orientation: int, tmp_path: Path, make_file, metadata_only_policy) -> None:
    pixels = photo_like(120, 80)
    # store the pixels so that applying the orientation gives back `pixels`
    inverse = {1: None, 2: Image.Transpose.FLIP_LEFT_RIGHT, 3: Image.Transpose.ROTATE_180, 4: Image.Transpose.FLIP_TOP_BOTTOM,
               5: Image.Transpose.TRANSPOSE, 6: Image.Transpose.ROTATE_90, 7: Image.Transpose.TRANSVERSE,
               8: Image.Transpose.ROTATE_270}[orientation]
    stored = Image.fromarray(pixels)
    if inverse is not None:
        stored = stored.transpose(inverse)
    buf = io.BytesIO()
    stored.save(buf, "PNG", exif=exif_bytes(orientation, thumbnail=False))
    src = make_file(f"o{orientation}.png", buf.getvalue())
    _, out = _scrub(metadata_only_policy, src, tmp_path / "out")
    result = Image.open(out)
    assert result.size == (120, 80)
    assert 0x0112 not in result.getexif()
    assert np.array_equal(np.asarray(result.convert("RGB")), pixels)


def test_jpeg_reencode_quality_is_visually_lossless(tmp_path: Path, make_file, metadata_only_policy) -> None:
    """Orientation forces a re-encode: it must not look worse (PSNR >= 38 dB against the decoded source)."""
    src = make_file("rot.jpg", dirty_jpeg(photo_like(400, 300), orientation=3))
    _, out = _scrub(metadata_only_policy, src, tmp_path / "out")
    before = np.asarray(Image.open(src).convert("RGB").transpose(Image.Transpose.ROTATE_180), dtype=np.float64)
    after = np.asarray(Image.open(out).convert("RGB"), dtype=np.float64)
    mse = float(((before - after) ** 2).mean())
    psnr = 10 * np.log10(255**2 / max(mse, 1e-9))
    assert psnr >= 38.0, psnr


def test_srgb_profile_dropped_colours_unchanged(tmp_path: Path, make_file, metadata_only_policy) -> None:
    pixels = photo_like(64, 48)
    buf = io.BytesIO()
    Image.fromarray(pixels).save(buf, "PNG", icc_profile=srgb_icc())
    src = make_file("srgb.png", buf.getvalue())
    _, out = _scrub(metadata_only_policy, src, tmp_path / "out")
    img = Image.open(out)
    assert "icc_profile" not in img.info
    assert np.array_equal(np.asarray(img.convert("RGB")), pixels)


def test_other_profile_converted_to_srgb(tmp_path: Path, make_file, metadata_only_policy) -> None:
    """A non-sRGB profile is applied to the pixels, so colours stay right without the profile."""
    pixels = photo_like(64, 48)
    from conftest import linear_rgb_icc

    other = linear_rgb_icc()
    buf = io.BytesIO()
    Image.fromarray(pixels).save(buf, "PNG", icc_profile=other)
    src = make_file("xyz.png", buf.getvalue())
    report, out = _scrub(metadata_only_policy, src, tmp_path / "out")
    img = Image.open(out)
    assert "icc_profile" not in img.info
    expected = ImageCms.profileToProfile(Image.fromarray(pixels), ImageCms.ImageCmsProfile(io.BytesIO(other)),
                                         ImageCms.ImageCmsProfile(ImageCms.createProfile("sRGB")), outputMode="RGB")
    assert np.abs(np.asarray(img.convert("RGB"), dtype=int) - np.asarray(expected, dtype=int)).max() <= 1
    assert np.abs(np.asarray(img.convert("RGB"), dtype=int) - pixels.astype(int)).mean() > 10  # really converted
    assert any(f.label == "icc" and f.action == Action.CHANGED for f in report.findings)


def test_check_describes_metadata_in_plain_words(tmp_path: Path, make_file, metadata_only_policy) -> None:
    src = make_file("photo.jpg", dirty_jpeg())
    report = Pipeline(metadata_only_policy).check(src)
    reasons = " | ".join(f.reason for f in report.findings)
    gps = next(f for f in report.findings if f.label == "gps")
    assert gps.reason == "GPS position" and (gps.value or "").startswith("49.2") and "W" in (gps.value or "")
    assert SECRET not in reasons and SERIAL not in reasons  # the kind of data, not its value
    assert any(f.value == SECRET for f in report.findings)
    for words in ("camera serial number", "camera owner name", "artist/owner", "maker note", "thumbnail", "XMP", "IPTC",
                  "comment", "trailer"):
        assert words.lower() in reasons.lower(), words


def test_animated_gif_keeps_frames(tmp_path: Path, make_file, metadata_only_policy) -> None:
    from conftest import dirty_gif

    src = make_file("anim.gif", dirty_gif(frames=3))
    _, out = _scrub(metadata_only_policy, src, tmp_path / "out")
    img = Image.open(out)
    assert getattr(img, "n_frames", 1) == 3


def test_loader_formats(dirty_file: Path, metadata_only_policy) -> None:
    loaded = load_image(dirty_file, metadata_only_policy.output)
    assert loaded.frames[0].dtype == np.uint8 and loaded.frames[0].shape[2] == 3
    expected_format = {".jpg": Format.JPEG, ".png": Format.PNG, ".webp": Format.WEBP, ".gif": Format.GIF,
                       ".tif": Format.TIFF, ".heic": Format.HEIF, ".avif": Format.AVIF}[dirty_file.suffix]
    assert loaded.format == expected_format
    expected_size = (120, 160) if expected_format == Format.GIF else (240, 320)  # generated sizes, upright
    assert loaded.frames[0].shape[:2] == expected_size


def test_profile_judged_by_its_colours_not_its_name(tmp_path: Path, make_file, metadata_only_policy) -> None:
    """An Adobe RGB profile whose description says "sRGB" is converted, not dropped as if it were sRGB
    (an sRGB profile is dropped with the colours unchanged: test_srgb_profile_dropped_colours_unchanged)."""
    from conftest import ADOBE_RGB_COLORANTS, rgb_matrix_icc

    pixels = photo_like(64, 48)
    buf = io.BytesIO()
    Image.fromarray(pixels).save(buf, "PNG", icc_profile=rgb_matrix_icc(b"sRGB IEC61966-2.1", ADOBE_RGB_COLORANTS, 2.2))
    report, out = _scrub(metadata_only_policy, make_file("adobe-called-srgb.png", buf.getvalue()), tmp_path / "out")
    assert any(f.label == "icc" and "converted" in f.reason for f in report.findings)
    got = np.asarray(Image.open(out).convert("RGB"), dtype=int)
    assert np.abs(got - pixels.astype(int)).mean() > 5  # Adobe RGB's greens and reds are more saturated in sRGB terms


def test_raw_camera_files_are_refused_plainly(tmp_path: Path, make_file, metadata_only_policy) -> None:
    """Raw files are sniffed by content: no advice to rename them, and a DNG named .tif never publishes its thumbnail."""
    import struct

    from hostile_corpus2 import _tiff

    thumb = photo_like(8, 8).tobytes()
    dng = _tiff(8, 8, [thumb], extra=[(50706, 1, 4, bytes([1, 4, 0, 0]))])
    nef = _tiff(8, 8, [thumb], extra=[(254, 4, 1, struct.pack("<I", 1)), (330, 4, 1, struct.pack("<I", 8))])
    cr2 = _tiff(8, 8, [thumb])
    cr2 = cr2[:8] + b"CR\x02\x00" + cr2[12:]
    cr3 = b"\x00\x00\x00\x18ftypcrx \x00\x00\x00\x01crx isom" + b"\x00" * 64
    raf = b"FUJIFILMCCD-RAW 0201FF383501" + b"\x00" * 64
    pipeline = Pipeline(metadata_only_policy)
    for name, data in (("a.dng", dng), ("renamed.tif", dng), ("b.nef", nef), ("c.cr2", cr2), ("d.cr3", cr3),
                       ("cr3-renamed.mp4", cr3), ("e.raf", raf)):
        src = make_file(name, data)
        report = pipeline.scrub(src, tmp_path / "out" / name)
        assert report.status == Status.FAILED and report.output is None, name
        assert (report.reason or "").startswith("a raw camera file ("), (name, report.reason)
        assert "export a JPEG from the camera or phone" in (report.reason or "") and "rename" not in (report.reason or "")
        checked = pipeline.check(src)
        assert checked.safe is False and (checked.reason or "").startswith("a raw camera file ("), (name, checked.reason)
    assert not (tmp_path / "out").exists()
