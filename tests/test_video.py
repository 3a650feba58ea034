"""Video clips end to end, on real generated clips (PyAV): container clean-up proved by exiftool,
rotation, variable frame rate, audio, bad inputs, tracking that only adds boxes, consent per track."""

from __future__ import annotations

import datetime as dt
import os
import struct
from collections.abc import Iterator
from fractions import Fraction
from pathlib import Path

import av
import numpy as np
import pytest
from _video_util import astronaut_face, decode_clip, panning, patch_box, sign_frames, textured, write_clip

from exiftool_oracle import have_exiftool, video_exiftool_json, video_leaks_in
from mediascrub.findings import Action, Box, Kind, Status
from mediascrub.media.containers import mp4_leftovers
from mediascrub.media.video import sniff_video
from mediascrub.pipeline import Pipeline
from mediascrub.policy import FacePolicy, Policy, TextPolicy, VideoPolicy
from mediascrub.stages.tracking import FaceTracker, Motion, expand_track

TODAY = dt.date(2026, 6, 1)
FAST = Policy(text=TextPolicy(enabled=False))  # faces only: the text stage is tested on its own clip below


def _scrub(src: Path, tmp: Path, policy: Policy = FAST, gallery: object = None):
    out, quarantine = tmp / "out", tmp / "quarantine"
    report = Pipeline(policy, gallery=gallery, today=TODAY).scrub(src, out / src.name, quarantine=quarantine / src.name)
    return report, out, quarantine


def _streams(path: Path) -> list[str]:
    with av.open(str(path)) as c:
        return [s.type for s in c.streams]


# ---------------------------------------------------------------- sniffing and the allow-list


def test_sniff_video_by_content(tmp_path: Path) -> None:
    clip = write_clip(tmp_path / "a.mp4", panning(2, 64, 48))
    assert sniff_video(clip.read_bytes()[:64])
    mov = write_clip(tmp_path / "a.mov", panning(2, 64, 48), fmt="mov")
    assert sniff_video(mov.read_bytes()[:64])
    heic = b"\x00\x00\x00\x18ftypheic\x00\x00\x00\x00mif1heic"
    assert not sniff_video(heic)
    assert not sniff_video(b"\xff\xd8\xff\xe0" + b"\x00" * 60)
    assert not sniff_video(b"\x00\x00\x00\x18ftypcrx \x00\x00\x00\x01crx isom" + b"\x00" * 40)  # a raw photo (CR3), no clip


def test_allow_list_finds_what_phones_add(tmp_path: Path) -> None:
    clip = write_clip(tmp_path / "dirty.mp4", panning(3, 64, 48), rotation=90, tags={"title": "Doris", "location": "+49.18-002.10/"},
                      subtitle=True, data_track=True, audio=True)
    with open(clip, "rb") as fh:
        found = mp4_leftovers(fh, clip.stat().st_size)
    text = " ".join(found)
    assert "moov/udta" in found
    assert "rotation matrix" in text
    assert "track kind" in text  # subtitle/data handlers
    assert "tracks (at most 2 allowed)" in text


# ---------------------------------------------------------------- a dirty phone clip, cleaned


@pytest.mark.skipif(not have_exiftool(), reason="exiftool not installed")
@pytest.mark.parametrize("fmt", ["mp4", pytest.param("mov", marks=pytest.mark.slow)])
def test_dirty_clip_comes_out_clean(tmp_path: Path, fmt: str) -> None:
    frames = panning(8, 160, 120)
    tags = {"title": "Doris Whitfield birthday", "comment": "Maple House", "location": "+49.1868-002.1066/",
            "artist": "Carer", "make": "Apple", "model": "iPhone 15", "encoder": "Phone", "creation_time": "2026-05-01T10:00:00Z"}
    src = write_clip(tmp_path / f"phone.{fmt}", frames, fmt=fmt, tags=tags, audio=True, subtitle=True, data_track=fmt == "mp4")
    before = video_leaks_in(video_exiftool_json(src))
    assert any("Title" in k for k in before) and any("GPS" in k or "Location" in k for k in before)
    report, out, quarantine = _scrub(src, tmp_path)
    assert report.status is Status.PUBLISHED, report.reason
    dest = Path(report.output or "")
    assert dest == out / "phone.mp4" and dest.exists()
    assert video_leaks_in(video_exiftool_json(dest)) == []
    assert _streams(dest) == ["video"]  # audio dropped by default, subtitle and data tracks gone
    with open(dest, "rb") as fh:
        assert mp4_leftovers(fh, dest.stat().st_size) == []
    got, pts = decode_clip(dest)
    assert len(got) == len(frames) and got[0].shape == frames[0].shape
    assert pts == [Fraction(i, 25) for i in range(len(frames))]
    labels = {f.label for f in report.findings if f.kind is Kind.METADATA}
    assert {"tag title", "tag location", "audio", "subtitle stream"} <= labels
    assert any("audio dropped" in n for n in report.notes)
    # Scrubbing the output again changes nothing that matters: still clean, same frames.
    again, _, _ = _scrub(dest, tmp_path / "again")
    assert again.status is Status.PUBLISHED
    assert video_leaks_in(video_exiftool_json(Path(again.output or ""))) == []


@pytest.mark.slow
@pytest.mark.skipif(not have_exiftool(), reason="exiftool not installed")
def test_keep_audio_keeps_one_clean_audio_track(tmp_path: Path) -> None:
    src = write_clip(tmp_path / "song.mp4", panning(10, 160, 120), tags={"title": "Sing-along"}, audio=True, subtitle=True)
    report, _, _ = _scrub(src, tmp_path, Policy(text=TextPolicy(enabled=False), video=VideoPolicy(keep_audio=True)))
    assert report.status is Status.PUBLISHED, report.reason
    dest = Path(report.output or "")
    assert sorted(_streams(dest)) == ["audio", "video"]
    assert video_leaks_in(video_exiftool_json(dest)) == []
    with av.open(str(dest)) as c:
        assert c.streams.audio[0].codec_context.name == "aac"
        assert sum(1 for _ in c.decode(audio=0)) > 0


def test_rotation_is_applied_to_the_pixels_and_dropped(tmp_path: Path) -> None:
    # Coded 160x96: left half red, right half blue; the display matrix turns it 90 degrees counter-clockwise.
    rgb = np.zeros((96, 160, 3), np.uint8)
    rgb[:, :80] = (220, 30, 30)
    rgb[:, 80:] = (30, 30, 220)
    src = write_clip(tmp_path / "portrait.mp4", [rgb] * 4, rotation=90)
    report, _, _ = _scrub(src, tmp_path)
    assert report.status is Status.PUBLISHED, report.reason
    dest = Path(report.output or "")
    frames, _ = decode_clip(dest)
    assert frames[0].shape == (160, 96, 3)  # upright: width and height swapped
    # Turned counter-clockwise, the left (red) half ends at the bottom.
    assert frames[0][120:, :, 0].mean() > 150 and frames[0][:40, :, 2].mean() > 150
    with av.open(str(dest)) as c:
        assert next(c.decode(video=0)).rotation == 0
    assert any(f.label == "rotation" for f in report.findings)


def test_variable_frame_rate_keeps_its_gaps_on_a_grid(tmp_path: Path) -> None:
    # 25 fps (512 ticks of 1/12800 s), then half rate in the dark, a pause of 13 frames, a frame
    # 100 ticks after the one before: the gaps stay, in whole frames; exact timestamps (a channel) do not.
    pts = [512 * i + (37 if i % 3 else 0) for i in range(20)]
    pts += [pts[-1] + 1024 * k for k in range(1, 6)]
    pts += [pts[-1] + 512 * 13, pts[-1] + 512 * 13 + 100, pts[-1] + 512 * 15]
    src = write_clip(tmp_path / "vfr.mp4", panning(len(pts), 96, 64, step=1), pts=pts)
    report, _, _ = _scrub(src, tmp_path)
    assert report.status is Status.PUBLISHED, report.reason
    assert any(f.label == "frame timing" for f in report.findings)
    _, got = decode_clip(Path(report.output or ""))
    frames = [*range(20), 21, 23, 25, 27, 29, 42, 43, 44]  # the crowded frame takes the next free place
    assert got == [Fraction(k, 25) for k in frames]


def test_jittery_timestamps_come_out_constant_and_check_trusts_them(tmp_path: Path) -> None:
    # 30000/1001 fps with every timestamp nudged by up to a fifth of a frame (a timing channel, or a phone's clock)
    rng = np.random.default_rng(7)
    step = 12800 * 1001 / 30000
    pts = [round(i * step + rng.uniform(-step / 5, step / 5)) + 100 for i in range(60)]
    pts[0] = 100
    src = write_clip(tmp_path / "jitter.mp4", panning(len(pts), 96, 64, step=1), pts=pts)
    assert any(f.label == "frame timing" for f in Pipeline(FAST, today=TODAY).check(src).findings)
    report, _, _ = _scrub(src, tmp_path)
    assert report.status is Status.PUBLISHED, report.reason
    _, got = decode_clip(Path(report.output or ""))
    assert got == [Fraction(1001 * i, 30000) for i in range(len(pts))]
    again = Pipeline(FAST, today=TODAY).check(Path(report.output or ""))
    assert again.safe is True, again.reason


@pytest.mark.slow
def test_hevc_clip_is_read_and_written_as_h264(tmp_path: Path) -> None:
    src = write_clip(tmp_path / "hevc.mov", panning(4, 192, 128), fmt="mov", codec="libx265")
    report, _, _ = _scrub(src, tmp_path)
    assert report.status is Status.PUBLISHED, report.reason
    with av.open(report.output or "") as c:
        assert c.streams.video[0].codec_context.name == "h264"
    assert any(f.kind is Kind.FORMAT and f.label == "hevc" for f in report.findings)


# ---------------------------------------------------------------- bad inputs: one clear line, nothing published


def _truncated(tmp: Path) -> Path:
    src = write_clip(tmp / "cut.mp4", panning(6, 96, 64))
    data = src.read_bytes()
    src.write_bytes(data[: len(data) // 2])  # moov is at the end: gone
    return src


def _no_video(tmp: Path, name: str = "voice.mp4", fmt: str | None = None) -> Path:
    """A second of silent AAC and nothing else (``fmt`` "ipod": an .m4a as phones write it, brand M4A)."""
    path = tmp / name
    with av.open(str(path), "w", format=fmt) as c:
        s = c.add_stream("aac", rate=16000)
        for k in range(0, 16000, 1024):
            f = av.AudioFrame.from_ndarray(np.zeros((1, 1024), np.float32), format="fltp", layout="mono")
            f.sample_rate, f.pts = 16000, k
            for p in s.encode(f):
                c.mux(p)
        for p in s.encode():
            c.mux(p)
    return path


def _zero_frames(tmp: Path) -> Path:
    src = write_clip(tmp / "empty.mp4", panning(2, 96, 64))
    # Empty sample tables: a video track that holds no frame at all.
    for box, offset in ((b"stsz", 8), (b"stts", 4), (b"stsc", 4), (b"stco", 4)):
        patch_box(src, box, lambda d, i, offset=offset: d.__setitem__(slice(i + offset, i + offset + 4), b"\0\0\0\0"))
    return src


def _codec_lie(tmp: Path) -> Path:
    """The container says H.264 (avc1, avcC); the media data is something else entirely."""
    src = write_clip(tmp / "lie.mp4", panning(6, 96, 64))
    data = bytearray(src.read_bytes())
    i = data.find(b"mdat")
    n = int.from_bytes(data[i - 4 : i], "big") - 8
    data[i + 4 : i + 4 + n] = np.random.default_rng(0).integers(0, 256, n, dtype=np.uint8).tobytes()
    src.write_bytes(bytes(data))
    return src


def _enormous(tmp: Path) -> Path:
    src = write_clip(tmp / "huge.mp4", panning(4, 96, 64))
    # The track header declares 60000 x 60000 px frames (16.16 fixed point).
    patch_box(src, b"tkhd", lambda d, i: d.__setitem__(slice(i + 76, i + 84), struct.pack(">II", 60000 << 16, 60000 << 16)))
    return src


@pytest.mark.parametrize(
    ("make", "words"),
    [
        (_truncated, "truncated"),
        (_no_video, "audio-only file (no picture in it)"),
        (_zero_frames, "no frames"),
        (_codec_lie, "does not decode"),
        (_enormous, "60000x60000"),
    ],
    ids=["truncated", "no-video", "zero-frames", "codec-lie", "enormous"],
)
def test_bad_clips_are_quarantined_with_one_line(tmp_path: Path, make, words: str) -> None:
    src = make(tmp_path)
    report, out, quarantine = _scrub(src, tmp_path)
    assert report.status is Status.QUARANTINED, (report.status, report.reason)
    assert report.reason and "\n" not in report.reason and "Traceback" not in report.reason
    assert words.lower() in report.reason.lower(), report.reason
    assert not any(p.is_file() for p in out.rglob("*")) if out.exists() else True
    assert (quarantine / src.name).read_bytes() == src.read_bytes()
    assert (quarantine / (src.name + ".reason.txt")).read_text().strip() == report.reason


def test_a_sample_entry_that_lies_about_the_codec_is_decoded_as_what_it_is(tmp_path: Path) -> None:
    frames = panning(6, 96, 64)
    src = write_clip(tmp_path / "fourcc.mp4", frames)
    patch_box(src, b"avc1", lambda d, i: d.__setitem__(slice(i - 4, i), b"hvc1"))  # says HEVC, holds H.264
    report, _, _ = _scrub(src, tmp_path)
    assert report.status is Status.PUBLISHED, report.reason
    got, _ = decode_clip(Path(report.output or ""))
    assert len(got) == len(frames)
    assert float(np.abs(got[3].astype(float) - frames[3].astype(float)).mean()) < 12


def test_webm_and_avi_are_refused_clearly(tmp_path: Path) -> None:
    webm = tmp_path / "clip.webm"
    with av.open(str(webm), "w", format="webm") as c:
        s = c.add_stream("libvpx", rate=25)
        s.width, s.height, s.pix_fmt = 64, 48, "yuv420p"
        for rgb in panning(2, 64, 48):
            for p in s.encode(av.VideoFrame.from_ndarray(rgb, format="rgb24")):
                c.mux(p)
        for p in s.encode():
            c.mux(p)
    report, out, _ = _scrub(webm, tmp_path)
    assert report.status is Status.QUARANTINED
    assert "webm" in (report.reason or "").lower() or "matroska" in (report.reason or "").lower()


# ---------------------------------------------------------------- tracking only adds boxes


def _motion(frames: int, cut_at: int | None = None) -> Motion:
    m = Motion()
    for i in range(frames):
        if i == 0 or i == cut_at:
            m._start_scene()
        else:
            m.scene.append(m.scene[-1])
            m.to_scene.append(m.to_scene[-1] @ np.linalg.inv(np.array([[1, 0, 2.0], [0, 1, 0], [0, 0, 1]])))  # pans 2 px
            m.reliable.append(True)
    return m


def test_tracker_keeps_every_detection_and_fills_gaps() -> None:
    motion = _motion(30)
    tracker = FaceTracker()
    box = Box(50, 50, 90, 100)
    for i in range(30):
        dets = [(Box(box.x0 + 2 * i, box.y0, box.x1 + 2 * i, box.y1), 0.9)] if i in (5, 6, 15, 16) else []
        if i == 20:
            dets.append((Box(200, 10, 230, 40), 0.3))  # a lone detection far away: a track of its own
        tracker.update(i, dets, i == 0, np.array([[1, 0, 2.0], [0, 1, 0], [0, 0, 1]]) if i else None)
    assert len(tracker.tracks) == 2
    main = expand_track(tracker.tracks[0], motion, 400, 300)
    assert main[5] == (Box(60, 50, 100, 100), "detected")  # raw detections unchanged
    assert all(main[t][1] == "interpolated" for t in range(7, 15))
    assert all(main[t][1] == "carried" for t in range(0, 5))  # backward before the first detection
    for t in range(7, 15):  # the carried box follows the pan and covers where the face is
        b, _ = main[t]
        assert b.x0 <= 50 + 2 * t and b.x1 >= 90 + 2 * t
    lone = expand_track(tracker.tracks[1], motion, 400, 300)
    assert lone[20] == (Box(200, 10, 230, 40), "detected") and len(lone) > 1


def test_nothing_is_carried_across_a_scene_cut() -> None:
    motion = _motion(20, cut_at=10)
    tracker = FaceTracker()
    for i in range(20):
        dets = [(Box(100, 100, 140, 150), 0.9)] if i in (6, 8, 12) else []
        tracker.update(i, dets, i in (0, 10), None)
    assert len(tracker.tracks) == 2  # the cut ends the first track
    first = expand_track(tracker.tracks[0], motion, 400, 300)
    second = expand_track(tracker.tracks[1], motion, 400, 300)
    assert max(first) == 9 and min(second) == 10


def test_scene_cut_detected_on_real_frames() -> None:
    m = Motion()
    a = panning(3, 160, 120, seed=1)
    b = [np.full((120, 160, 3), 240, np.uint8) - textured(160, 120, seed=7) // 4]
    new = [m.add(f)[0] for f in a + b]
    assert new == [True, False, False, True]


# ---------------------------------------------------------------- faces and consent per track


@pytest.fixture(scope="module")
def face_clip(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, list[np.ndarray]]:
    frames = panning(10, 320, 240, face=astronaut_face(130), step=3)
    return write_clip(tmp_path_factory.mktemp("faces") / "eileen.mp4", frames), frames


def _face_region_change(src_frames: list[np.ndarray], out: Path) -> list[float]:
    got, _ = decode_clip(out)
    changes = []
    for i, (a, b) in enumerate(zip(src_frames, got, strict=True)):
        x = 160 - 45 - 3 * i + 15  # the face's left edge moves left 3 px a frame (see panning)
        # the middle of the face (eyes, nose, mouth): what the elliptical mask must cover in every frame
        crop = (slice(85, 135), slice(max(0, x + 15), x + 65))
        changes.append(float(np.abs(a[crop].astype(float) - b[crop].astype(float)).mean()))
    return changes


def test_faces_hidden_in_every_frame_without_consent(tmp_path: Path, face_clip: tuple[Path, list[np.ndarray]]) -> None:
    src, frames = face_clip
    report, _, _ = _scrub(src, tmp_path)
    assert report.status is Status.PUBLISHED, report.reason
    tracks = [f for f in report.findings if f.kind is Kind.FACE]
    assert tracks and all(f.action is Action.ANONYMISED for f in tracks)
    assert min(_face_region_change(frames, Path(report.output or ""))) > 20


@pytest.fixture()
def gallery(tmp_path: Path) -> Iterator[object]:
    from skimage import data

    from mediascrub.consent.gallery import Gallery, NewConsent
    from mediascrub.stages.consent import enrolment_faces

    (face,) = enrolment_faces(np.ascontiguousarray(data.astronaut()), Policy())
    g = Gallery.open(tmp_path / "g.sqlite", create=True)
    g.add_person("Eileen", [face.encoding], NewConsent("nasa-release.pdf", ("social-media",), dt.date(2026, 1, 1), dt.date(2027, 1, 1)),
                 today=TODAY)
    yield g
    g.close()


@pytest.mark.slow
def test_consented_face_stays_visible_throughout(tmp_path: Path, face_clip: tuple[Path, list[np.ndarray]], gallery: object) -> None:
    src, frames = face_clip
    report, _, _ = _scrub(src, tmp_path, gallery=gallery)
    assert report.status is Status.PUBLISHED, report.reason
    visible = [f for f in report.findings if f.kind is Kind.FACE and f.action is Action.VISIBLE]
    assert len(visible) == 1, [f.to_dict() for f in report.findings if f.kind is Kind.FACE]
    track = visible[0]
    assert track.detail["person"] == "Eileen" and track.detail["consent"]["evidence"] == "nasa-release.pdf"
    assert track.detail["first_frame"] == 0 and track.detail["last_frame"] == len(frames) - 1
    assert max(_face_region_change(frames, Path(report.output or ""))) < 8  # only compression noise


@pytest.mark.slow
def test_one_uncertain_frame_hides_the_whole_track(tmp_path: Path, face_clip: tuple[Path, list[np.ndarray]], gallery: object) -> None:
    import cv2

    _, frames = face_clip
    frames = [f.copy() for f in frames]
    # Frame 5: the face is motion-blurred; still detected, but too blurred to be matched.
    frames[5] = cv2.GaussianBlur(frames[5], (0, 0), 3.0)
    src = write_clip(tmp_path / "blurred-once.mp4", frames)
    report, _, _ = _scrub(src, tmp_path, gallery=gallery)
    assert report.status is Status.PUBLISHED, report.reason
    faces = [f for f in report.findings if f.kind is Kind.FACE and f.detail.get("frames_detected", 0) >= 5]
    assert faces and all(f.action is Action.ANONYMISED for f in faces), [f.to_dict() for f in faces]
    assert "hides the whole track" in faces[0].reason
    changes = _face_region_change(frames, Path(report.output or ""))
    # every frame hidden: far above the under-8 change of a visible face (compression noise only, see above)
    assert min(changes) > 20, changes


@pytest.mark.slow
def test_check_on_clips(tmp_path: Path, face_clip: tuple[Path, list[np.ndarray]]) -> None:
    src, _ = face_clip
    report = Pipeline(FAST, today=TODAY).check(src)
    assert report.status is Status.CHECKED and report.safe is False
    assert "face track" in (report.reason or "")
    clean = write_clip(tmp_path / "wall.mp4", panning(4, 128, 96))
    scrubbed, _, _ = _scrub(clean, tmp_path)
    again = Pipeline(FAST, today=TODAY).check(Path(scrubbed.output or ""))
    assert again.safe is True, again.reason
    assert not os.listdir(tmp_path / "out") == []


@pytest.mark.slow
def test_check_trusts_a_scrubbed_clip_and_catches_the_face_pasted_back(tmp_path: Path, face_clip: tuple[Path, list[np.ndarray]]) -> None:
    """``check`` on mediascrub's own output: the detections on its patches (the
    signature survives H.264) are its own work, not missed faces; the real face
    put back into every frame of the cleaned clip is caught."""
    src, frames = face_clip
    scrubbed, _, _ = _scrub(src, tmp_path)
    assert scrubbed.status is Status.PUBLISHED, scrubbed.reason
    out = Path(scrubbed.output or "")
    again = Pipeline(FAST, today=TODAY).check(out)
    assert again.safe is True, again.reason
    assert any("patches drawn by mediascrub" in n for n in again.notes), again.notes
    got, _ = decode_clip(out)
    pasted = []
    for i, (a, b) in enumerate(zip(frames, got, strict=True)):
        b = b.copy()
        x = 160 - 45 - 3 * i + 15  # the face moves left 3 px a frame (see _face_region_change)
        b[50:185, max(0, x - 10) : x + 95] = a[50:185, max(0, x - 10) : x + 95]
        pasted.append(b)
    caught = Pipeline(FAST, today=TODAY).check(write_clip(tmp_path / "pasted.mp4", pasted))
    assert caught.safe is False and "face track" in (caught.reason or ""), caught.reason


# ---------------------------------------------------------------- one stage list for photos and clips


def test_a_stage_registered_once_runs_on_clips_as_it_declares(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """A stage added to ``build_stages`` runs on photos and on clips: one that finds faces on every
    frame (its faces tracked and hidden throughout), one that runs on sampled frames (what it is unsure
    of hidden and carried to the frames around), and one for photos only, never on a clip."""
    import mediascrub.pipeline as pipeline_mod
    from mediascrub.findings import Finding
    from mediascrub.stages import OnClips, RegisteredStage, StageList
    from mediascrub.video_pipeline import TEXT_EVERY

    seen: dict[str, list[int]] = {"finds": [], "samples": []}
    face_box, sign_box = Box(40, 60, 100, 130), Box(200, 150, 300, 190)

    def finds(frame, findings, ctx):  # type: ignore[no-untyped-def]
        seen["finds"].append(ctx.frame_index)
        return [*findings, Finding(Kind.FACE, "face", Action.ANONYMISED, "test", box=face_box, score=0.9, frame=ctx.frame_index)]

    def samples(frame, findings, ctx):  # type: ignore[no-untyped-def]
        seen["samples"].append(ctx.frame_index)
        return [*findings, Finding(Kind.TEXT, "plate", Action.REVIEW, "maybe a plate", box=sign_box, frame=ctx.frame_index)]

    def photos_only(frame, findings, ctx):  # type: ignore[no-untyped-def]
        raise RuntimeError("a photo-only stage ran on a clip")

    real = pipeline_mod.build_stages

    def with_test_stages(policy: Policy) -> StageList:
        stages = real(policy)
        extra = (RegisteredStage("finds", finds, OnClips.FIND_FACES), RegisteredStage("samples", samples, OnClips.SAMPLED),
                 RegisteredStage("photos only", photos_only, OnClips.PHOTOS_ONLY))
        return StageList(per_frame=stages.per_frame + extra, tracking=stages.tracking)

    monkeypatch.setattr(pipeline_mod, "build_stages", with_test_stages)
    frames = panning(TEXT_EVERY + 4, 320, 240, step=0)  # the camera still: boxes carried unchanged
    src = write_clip(tmp_path / "wall.mp4", frames)
    report, _, _ = _scrub(src, tmp_path)
    assert report.status is Status.PUBLISHED, report.reason
    assert seen["finds"] == list(range(len(frames))) and seen["samples"] == [0, TEXT_EVERY]
    (track,) = [f for f in report.findings if f.kind is Kind.FACE]
    assert track.action is Action.ANONYMISED and track.detail["first_frame"] == 0 and track.detail["last_frame"] == len(frames) - 1
    plates = [f for f in report.findings if f.label == "plate"]
    assert [f.frame for f in plates] == [0, TEXT_EVERY] and all(f.action is Action.REDACTED for f in plates)
    assert all("unsure: hidden" in f.reason for f in plates)
    got, _ = decode_clip(Path(report.output or ""))
    for box in (face_box, sign_box):
        x0, y0, x1, y1 = box.int_bounds()
        for a, b in zip(frames, got, strict=True):
            assert float(np.abs(a[y0:y1, x0:x1].astype(float) - b[y0:y1, x0:x1].astype(float)).mean()) > 10
    # The same list on a photo runs every stage, the photo-only one too.
    photo = tmp_path / "photo.png"
    from PIL import Image

    Image.fromarray(frames[0]).save(photo)
    on_photo = Pipeline(FAST, today=TODAY).scrub(photo, tmp_path / "out" / "photo.png")
    assert on_photo.status is Status.FAILED and "a photo-only stage ran on a clip" in (on_photo.reason or "")


# ---------------------------------------------------------------- text: read on sampled frames, hidden in every frame


@pytest.mark.slow
def test_address_sign_hidden_in_every_frame(tmp_path: Path) -> None:
    frames, boxes = sign_frames(30)
    src = write_clip(tmp_path / "sign.mp4", frames)
    report, _, _ = _scrub(src, tmp_path, Policy(faces=FacePolicy(enabled=False)))
    assert report.status is Status.PUBLISHED, report.reason
    got, _ = decode_clip(Path(report.output or ""))
    per_frame = len(boxes) // len(frames)
    for i, (a, b) in enumerate(zip(frames, got, strict=True)):
        for x0, y0, x1, y1 in boxes[i * per_frame : (i + 1) * per_frame]:
            crop = (slice(y0, y1), slice(x0, x1))
            change = float(np.abs(a[crop].astype(float) - b[crop].astype(float)).mean())
            assert change > 40, (i, (x0, y0, x1, y1), change)  # filled solid: the words are gone
    text = [f for f in report.findings if f.kind is Kind.TEXT]
    assert {f.label for f in text} >= {"street_name", "postcode"}
    assert "42 Rue" not in str(report.to_dict())  # the words read are never in the report


@pytest.mark.slow
def test_a_redaction_that_does_not_take_publishes_nothing(
    tmp_path: Path, face_clip: tuple[Path, list[np.ndarray]], monkeypatch: pytest.MonkeyPatch
) -> None:
    import mediascrub.stages.redact as redact

    real = redact.redact_drawn

    def claims_but_keeps(rgb, findings, policy, **kw):  # type: ignore[no-untyped-def]
        _, drawn = real(rgb.copy(), findings, policy)
        return rgb, drawn  # says it hid the faces, changed nothing

    monkeypatch.setattr(redact, "redact_drawn", claims_but_keeps)
    src, _ = face_clip
    report, out, quarantine = _scrub(src, tmp_path)
    assert report.status is Status.QUARANTINED
    assert "was not drawn over" in (report.reason or ""), report.reason  # seen before encoding
    assert not (out / "eileen.mp4").exists() and not list(out.glob(".mediascrub-*")) if out.exists() else True
    assert (quarantine / "eileen.mp4").exists()


@pytest.mark.slow
def test_a_face_the_new_clip_shows_again_is_caught_by_the_verify_pass(
    tmp_path: Path, face_clip: tuple[Path, list[np.ndarray]], monkeypatch: pytest.MonkeyPatch
) -> None:
    """Drawn, checked before encoding, then the encoder is given the original frame 5: only the verify
    pass, which re-opens the new clip and looks at every drawn region, can see the face."""
    from mediascrub.media.video import VideoWriter

    src, frames = face_clip
    real = VideoWriter.write

    def shows_frame_5_again(self, rgb, index):  # type: ignore[no-untyped-def]
        real(self, frames[index] if index == 5 else rgb, index)

    monkeypatch.setattr(VideoWriter, "write", shows_frame_5_again)
    report, out, quarantine = _scrub(src, tmp_path)
    assert report.status is Status.QUARANTINED
    assert "frame 5" in (report.reason or "") and "not changed enough in the new clip" in (report.reason or ""), report.reason
    assert not out.exists() or not list(out.iterdir())
    assert (quarantine / "eileen.mp4").exists()


def test_keep_audio_re_encodes_pcm_to_aac(tmp_path: Path) -> None:
    src = tmp_path / "camera.mov"
    with av.open(str(src), "w", format="mov") as c:
        vs = c.add_stream("libx264", rate=25)
        vs.width, vs.height, vs.pix_fmt = 128, 96, "yuv420p"
        a = c.add_stream("pcm_s16le", rate=16000, layout="mono")
        for rgb in panning(10, 128, 96):
            for p in vs.encode(av.VideoFrame.from_ndarray(rgb, format="rgb24")):
                c.mux(p)
        for p in vs.encode():
            c.mux(p)
        for k in range(0, 6400, 640):
            f = av.AudioFrame.from_ndarray((np.sin(np.arange(640) / 5) * 8000).astype(np.int16).reshape(1, -1), format="s16", layout="mono")
            f.sample_rate, f.pts = 16000, k
            for p in a.encode(f):
                c.mux(p)
        for p in a.encode():
            c.mux(p)
    report, _, _ = _scrub(src, tmp_path, Policy(faces=FacePolicy(enabled=False), text=TextPolicy(enabled=False),
                                                video=VideoPolicy(keep_audio=True)))
    assert report.status is Status.PUBLISHED, report.reason
    with av.open(report.output or "") as c:
        assert [(s.type, s.codec_context.name) for s in c.streams] == [("video", "h264"), ("audio", "aac")]


def test_mkv_and_webm_are_refused_as_video_clips_with_a_way_out(tmp_path: Path) -> None:
    for name, fmt, codec in (("clip.webm", "webm", "libvpx"), ("clip.mkv", "matroska", "libx264")):
        path = tmp_path / name
        with av.open(str(path), "w", format=fmt) as c:
            s = c.add_stream(codec, rate=25)
            s.width, s.height, s.pix_fmt = 64, 48, "yuv420p"
            for rgb in panning(2, 64, 48):
                for p in s.encode(av.VideoFrame.from_ndarray(rgb, format="rgb24")):
                    c.mux(p)
            for p in s.encode():
                c.mux(p)
        for report in (_scrub(path, tmp_path)[0], Pipeline(FAST, today=TODAY).check(path)):
            reason = report.reason or ""
            assert "video clip" in reason and "convert it to MP4" in reason, reason
            assert "image" not in reason, reason


def test_other_containers_are_named_in_plain_english() -> None:
    from mediascrub.media.video import describe_video_refusal

    said = {kind: describe_video_refusal(head) or "" for kind, head in (
        ("avi", b"RIFF\x00\x00\x00\x00AVI LIST"), ("flv", b"FLV\x01\x05" + bytes(8)),
        ("mpeg", b"\x00\x00\x01\xba" + bytes(8)), ("mkv", b"\x1aE\xdf\xa3" + bytes(8)))}
    assert said["avi"].startswith("an AVI video clip") and said["mpeg"].startswith("an MPEG program stream video clip")
    assert said["flv"].startswith("a Flash (FLV) video clip") and said["mkv"].startswith("a Matroska (MKV) video clip")


def test_audio_only_m4a_is_refused_as_audio(tmp_path: Path) -> None:
    path = _no_video(tmp_path, "voice-note.m4a", "ipod")
    assert path.read_bytes()[8:12] == b"M4A "
    for report in (_scrub(path, tmp_path)[0], Pipeline(FAST, today=TODAY).check(path)):
        reason = report.reason or ""
        assert reason.startswith("an audio-only file (no picture in it)"), reason
        assert "rename" not in reason and ".mp4" not in reason, reason
    renamed = tmp_path / "voice-note.mp4"
    renamed.write_bytes(path.read_bytes())
    assert (_scrub(renamed, tmp_path / "again")[0].reason or "").startswith("an audio-only file")


def test_x264_settings_that_slip_through_publish_nothing(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """The output's NAL units are read back before publishing: an SEI the filter missed fails the clip."""
    from mediascrub.media import video

    def unfiltered(self, packets):  # type: ignore[no-untyped-def]
        for packet in packets:
            if packet is not None:
                self._out.mux(packet)

    monkeypatch.setattr(video.VideoWriter, "_mux_video", unfiltered)
    src = write_clip(tmp_path / "wall.mp4", panning(4, 128, 96))
    report, out, _ = _scrub(src, tmp_path)
    assert report.status is Status.QUARANTINED
    assert "SEI user data" in (report.reason or ""), report.reason
    assert not (out / "wall.mp4").exists()


@pytest.mark.parametrize("rate", [Fraction(24000, 1001), Fraction(25), Fraction(30000, 1001), Fraction(60), Fraction(59, 2)])
def test_the_frame_grid_is_stable(rate: Fraction) -> None:
    """Planning the times of a clip already on a grid changes nothing (so check trusts its own output),
    with a pause and a half-rate stretch in it."""
    from mediascrub.media.video import plan_timeline

    tb = Fraction(1, 90000)
    slots = [*range(40), *range(41, 61, 2), *range(75, 90)]
    pts = [round(k / rate / tb) for k in slots]
    plan = plan_timeline(pts, tb, rate)
    assert plan.rate == rate
    assert [plan.seconds(i) for i in range(len(slots))] == [k / rate for k in slots]
    again = plan_timeline(list(plan.pts), plan.time_base, plan.rate)
    assert again.pts == plan.pts and again.time_base == plan.time_base


# ---------------------------------------------------------------- faces at a clip's ends and edges, small crowds

EDGE_W, EDGE_H = 640, 360  # large enough that the detector looks in regions between full passes (DetectionPlan)


def _unhidden(frames: list[np.ndarray], boxes: list[list[tuple[int, int, int, int]]], out: Path, min_side: int) -> list[tuple]:
    """(frame, face, box) of each face-frame at least ``min_side`` px wide left visible (the evaluation data's rule)."""
    from _video_util import is_hidden

    got, _ = decode_clip(out)
    bad = []
    for i, (a, b) in enumerate(zip(frames, got, strict=True)):
        for k, box in enumerate(boxes[i]):
            if box[2] - box[0] >= min_side and not is_hidden(a, b, box):
                bad.append((i, k, box))
    return bad


@pytest.mark.slow
def test_a_face_coming_in_during_the_last_frames_is_hidden(tmp_path: Path) -> None:
    """The camera pans onto a face in the clip's last 3 frames: it is hidden in each, cut by the edge as it is."""
    from _video_util import pan_scene

    n, step = 16, 6
    frames, boxes = pan_scene(n, EDGE_W, EDGE_H, [(EDGE_W + step * (n - 3) - 36, 120, 120)], step=step)
    assert [i for i, b in enumerate(boxes) if b[0][2] > b[0][0]] == [n - 3, n - 2, n - 1]  # in view in the last 3 frames
    report, _, _ = _scrub(write_clip(tmp_path / "coming.mp4", frames), tmp_path)
    assert report.status is Status.PUBLISHED, report.reason
    assert _unhidden(frames, boxes, Path(report.output or ""), 1) == []


@pytest.mark.slow
def test_a_large_face_leaving_the_frame_leaves_no_sliver(tmp_path: Path) -> None:
    """A large face leaves at the left edge: the chin and cheek left in view are hidden in every frame."""
    from _video_util import pan_scene

    frames, boxes = pan_scene(30, EDGE_W, EDGE_H, [(60, 100, 160)], step=8)
    assert sum(1 for b in boxes if 0 < b[0][2] - b[0][0] < 30) >= 3  # frames with only a sliver in view
    report, _, _ = _scrub(write_clip(tmp_path / "leaving.mp4", frames), tmp_path)
    assert report.status is Status.PUBLISHED, report.reason
    assert _unhidden(frames, boxes, Path(report.output or ""), 1) == []


@pytest.mark.slow
def test_small_crowd_faces_are_hidden_in_every_frame(tmp_path: Path) -> None:
    """30 faces of about 18 to 24 px on a panning clip: none shows in any frame, not even one (no flash frames)."""
    from _video_util import pan_scene

    rng = np.random.default_rng(1)
    # heads of 40-52 px (faces of 18-24 px) on a jittered grid, none covering another
    faces = [(30 + c * 120 + int(rng.integers(0, 40)), 15 + r * 68 + int(rng.integers(0, 8)), int(rng.integers(40, 53)))
             for r in range(5) for c in range(6)]
    frames, boxes = pan_scene(20, EDGE_W, EDGE_H, faces, step=3)
    report, _, _ = _scrub(write_clip(tmp_path / "crowd.mp4", frames), tmp_path)
    assert report.status is Status.PUBLISHED, report.reason
    assert _unhidden(frames, boxes, Path(report.output or ""), 12) == []


@pytest.mark.slow
def test_faces_in_a_dim_clip_change_under_the_whole_patch(tmp_path: Path) -> None:
    """A dim room (faces at a grey level of 50 to 60): the patch changes the face's pixels, not just its
    look, in every frame: at least 70% of them move by more than 12 grey levels (the evaluation's
    pixel rule without its SSIM escape). Before, every darker mosaic cell landed on the lowest
    brightness level, 48, next to the face's own grey, and 57-67% moved in some frames."""
    from _video_util import hidden_share, pan_scene

    frames, boxes = pan_scene(12, EDGE_W, EDGE_H, [(200, 60, 160), (420, 120, 120)], step=4)
    frames = [np.clip(f.astype(np.float32) * 0.42, 0, 255).astype(np.uint8) for f in frames]
    report, _, _ = _scrub(write_clip(tmp_path / "dim.mp4", frames), tmp_path)
    assert report.status is Status.PUBLISHED, report.reason
    got, _ = decode_clip(Path(report.output or ""))
    shares = [hidden_share(a, b, box) for a, b, here in zip(frames, got, boxes, strict=True) for box in here if box[2] > box[0]]
    assert len(shares) == 24 and min(shares) >= 0.7, [round(v, 2) for v in shares]


@pytest.mark.slow
def test_check_gives_the_same_answer_twice_and_catches_a_face_pasted_back_for_ten_frames(tmp_path: Path) -> None:
    """``check`` on a scrubbed clip: SAFE, with the same findings on a second run; the original face put
    back into 10 of its 20 frames (re-encoded, as someone editing the clip would) is NOT SAFE."""
    frames = panning(20, 320, 240, face=astronaut_face(130), step=3)
    scrubbed, _, _ = _scrub(write_clip(tmp_path / "walk.mp4", frames), tmp_path)
    assert scrubbed.status is Status.PUBLISHED, scrubbed.reason
    out = Path(scrubbed.output or "")
    first, second = (Pipeline(FAST, today=TODAY).check(out) for _ in range(2))
    assert first.safe is True, first.reason
    assert [f.to_dict() for f in first.findings] == [f.to_dict() for f in second.findings] and first.notes == second.notes
    got, _ = decode_clip(out)
    pasted = []
    for i, (a, b) in enumerate(zip(frames, got, strict=True)):
        b = b.copy()
        if 5 <= i < 15:
            x = 160 - 45 - 3 * i + 15 + 3 * 5  # the face's left edge (see _face_region_change; 20 frames start 15 px further)
            b[50:185, max(0, x - 10) : x + 95] = a[50:185, max(0, x - 10) : x + 95]
        pasted.append(b)
    caught = Pipeline(FAST, today=TODAY).check(write_clip(tmp_path / "pasted.mp4", pasted))
    assert caught.safe is False and "face track" in (caught.reason or ""), caught.reason
