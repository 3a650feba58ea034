"""Clips in the review station: decisions act on whole face tracks, drawn areas over a frame range,
and publishing goes through the video pipeline's render, encode, allow-list verification and atomic write."""

from __future__ import annotations

import dataclasses
import json
from pathlib import Path

import numpy as np
import pytest
from _review_util import live_station, signed_in_client, wait_ready
from _video_util import astronaut_face, decode_clip, panning, write_clip

from exiftool_oracle import have_exiftool, video_exiftool_json, video_leaks_in
from mediascrub.decisions import DecisionError, FindingDecision, FindingRef, Mark, ReviewDecisions, Verdict
from mediascrub.findings import Action, Box, Finding, Kind
from mediascrub.pipeline import Pipeline
from mediascrub.policy import Policy, TextPolicy
from mediascrub.review.audit import read_audit
from mediascrub.review.queue import file_id
from mediascrub.video_pipeline import VideoAnalysis, VideoPipeline, apply_review

FRAMES = 10
POLICY = dataclasses.replace(Policy(), text=TextPolicy(enabled=False))  # faces only: quicker


@pytest.fixture(scope="module")
def face_clip(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, list[np.ndarray]]:
    frames = panning(FRAMES, 320, 240, face=astronaut_face(130), step=3)
    return write_clip(tmp_path_factory.mktemp("clip") / "visit.mp4", frames), frames


@pytest.fixture(scope="module")
def analysis(face_clip: tuple[Path, list[np.ndarray]]) -> VideoAnalysis:
    a = VideoPipeline(Pipeline(POLICY)).analyse(face_clip[0])
    assert a.tracks, "the astronaut's face must be found and tracked"
    return a


def _track_ref(a: VideoAnalysis) -> tuple[FindingRef, int]:
    t = a.tracks[0]
    box = next(b for b, _ in t.boxes.values())
    return FindingRef(Kind.FACE, box, t.first, str(t.id)), t.id


def _faces_in(a: VideoAnalysis, i: int) -> list[Box]:
    return [f.box for f in a.hidden_findings(i) if f.kind is Kind.FACE and f.box is not None]


def test_undecided_track_is_hidden_in_every_frame_of_its_span(analysis: VideoAnalysis) -> None:
    out = apply_review(analysis, ReviewDecisions("Ann"))
    t = out.tracks[0]
    assert not t.visible and (t.first, t.last) == (0, FRAMES - 1)
    assert all(_faces_in(out, i) for i in range(t.first, t.last + 1))


def test_dismissed_track_stays_untouched_in_every_frame(analysis: VideoAnalysis) -> None:
    ref, tid = _track_ref(analysis)
    out = apply_review(analysis, ReviewDecisions("Ann", decisions=(FindingDecision(ref, Verdict.NOT_A_FACE),)))
    assert all(not _faces_in(out, i) for i in range(FRAMES))
    rec = next(f for f in out.findings() if f.kind is Kind.FACE and f.detail["track"] == tid)
    assert rec.action is Action.KEPT and "not a face" in rec.reason and rec.detail["frames_hidden"] == 0
    assert analysis.tracks[0].dismissed is False  # pure: the analysis given is not changed


def test_hide_hides_a_consented_track_in_every_frame(analysis: VideoAnalysis) -> None:
    visible = dataclasses.replace(analysis, tracks=[dataclasses.replace(t, visible=True) for t in analysis.tracks])
    assert all(not _faces_in(visible, i) for i in range(FRAMES))
    ref, _ = _track_ref(visible)
    out = apply_review(visible, ReviewDecisions("Ann", decisions=(FindingDecision(ref, Verdict.HIDE),)))
    t = out.tracks[0]
    assert [i for i in range(FRAMES) if _faces_in(out, i)] == list(range(t.first, t.last + 1))
    assert "hidden by reviewer Ann" in t.reason


def test_drawn_area_is_hidden_over_its_range_only(analysis: VideoAnalysis) -> None:
    mark = Mark(Box(10, 10, 60, 50), frame=2, last=5)
    out = apply_review(analysis, ReviewDecisions("Ann", marks=(mark,)))
    regions = {i: [f for f in out.hidden_findings(i) if f.kind is Kind.REGION] for i in range(FRAMES)}
    assert [i for i, r in regions.items() if r] == [2, 3, 4, 5]
    assert all(r[0].box == Box(10, 10, 60, 50) and r[0].frame == i for i, r in regions.items() if r)
    rec = next(f for f in out.findings() if f.kind is Kind.REGION)
    assert (rec.detail["first_frame"], rec.detail["last_frame"]) == (2, 5)


def test_text_sighting_dismissed_or_hidden_around_its_frame(analysis: VideoAnalysis) -> None:
    from mediascrub.video_pipeline import TEXT_EVERY, TextSighting

    read = Finding(kind=Kind.TEXT, label="name", action=Action.REDACTED, reason="a name", box=Box(200, 20, 300, 50), frame=0)
    with_text = dataclasses.replace(analysis, text=[TextSighting(0, read)])
    texts = {i for i in range(FRAMES) if any(f.kind is Kind.TEXT for f in with_text.hidden_findings(i))}
    assert texts == set(range(min(FRAMES, TEXT_EVERY + 1)))
    ref = FindingRef(Kind.TEXT, read.box, 0)  # type: ignore[arg-type]
    kept = apply_review(with_text, ReviewDecisions("Ann", decisions=(FindingDecision(ref, Verdict.NOT_SENSITIVE),)))
    assert not any(f.kind is Kind.TEXT for i in range(FRAMES) for f in kept.hidden_findings(i))
    hidden = apply_review(with_text, ReviewDecisions("Ann", decisions=(FindingDecision(ref, Verdict.HIDE),)))
    assert {i for i in range(FRAMES) if any(f.kind is Kind.TEXT for f in hidden.hidden_findings(i))} == texts
    with pytest.raises(DecisionError):
        apply_review(with_text, ReviewDecisions("Ann", decisions=(FindingDecision(ref, Verdict.NOT_A_FACE),)))


def test_no_decision_makes_a_face_visible(analysis: VideoAnalysis) -> None:
    ref, _ = _track_ref(analysis)
    for verdict in Verdict:
        try:
            out = apply_review(analysis, ReviewDecisions("Ann", decisions=(FindingDecision(ref, verdict),)))
        except DecisionError:
            continue
        assert not any(t.visible for t in out.tracks), verdict
    with pytest.raises(DecisionError):
        apply_review(analysis, ReviewDecisions("Ann", decisions=(FindingDecision(ref, Verdict.NOT_SENSITIVE),)))
    with pytest.raises(DecisionError, match="no face track"):
        apply_review(analysis, ReviewDecisions("Ann", decisions=(FindingDecision(dataclasses.replace(ref, track="999"), Verdict.HIDE),)))
    with pytest.raises(DecisionError, match="frames"):
        apply_review(analysis, ReviewDecisions("Ann", marks=(Mark(Box(0, 0, 20, 20), frame=3, last=FRAMES),)))


def _change(a: np.ndarray, b: np.ndarray, box: tuple[int, int, int, int]) -> float:
    x0, y0, x1, y1 = box
    return float(np.abs(a[y0:y1, x0:x1].astype(float) - b[y0:y1, x0:x1].astype(float)).mean())


@pytest.mark.slow
@pytest.mark.skipif(not have_exiftool(), reason="exiftool is the oracle")
def test_clip_reviewed_and_published_over_http(tmp_path: Path, face_clip: tuple[Path, list[np.ndarray]]) -> None:
    src, frames = face_clip
    held, out = tmp_path / "held", tmp_path / "out"
    held.mkdir()
    (held / "visit.mp4").write_bytes(src.read_bytes())
    (held / "visit.mp4.reason.txt").write_text("needs a person to review\n")
    fid = file_id("visit.mp4")
    with live_station(held, out, policy=POLICY) as st:
        client = signed_in_client(st)
        assert client.get("/").text.count(f"/thumb/{fid}") >= 1
        thumb = client.get(f"/thumb/{fid}")
        assert thumb.status_code == 200 and thumb.content[:2] == b"\xff\xd8"
        doc = wait_ready(client, fid)
        assert doc["state"] == "ready" and doc["clip"] is True and doc["frames"] == FRAMES, doc
        tracks = [f for f in doc["findings"] if f["kind"] == "face"]
        assert len(tracks) == 1 and (tracks[0]["first_frame"], tracks[0]["last_frame"]) == (0, FRAMES - 1)
        track = tracks[0]
        crop = client.get(f"/crop/{fid}/{track['index']}")
        assert crop.status_code == 200 and crop.content[:2] == b"\xff\xd8"
        assert client.get(f"/crop/{fid}/99999").status_code == 404
        page = client.get(f"/file/{fid}")
        assert page.status_code == 200 and 'id="scrubber"' in page.text and 'id="clip-draw"' in page.text
        mark_box = [8, 8, 72, 56]  # textured background, top left, frames 0-4 only
        body = {"sha256": doc["sha256"], "key": doc["key"],
                "decisions": [{"index": track["index"], "verdict": "not-a-face", "note": "a poster"}],
                "marks": [{"box": mark_box, "shape": "rect", "frame": 0, "last_frame": 4}]}
        bad = client.post(f"/api/file/{fid}/publish", json={**body, "marks": [{**body["marks"][0], "last_frame": FRAMES}]},
                          headers={"X-CSRF-Token": st.csrf})
        assert bad.status_code == 400 and not list(out.glob("*.mp4"))
        st._analyses.clear()  # as after a restart (detections from the disk cache): publish analyses the clip again
        r = client.post(f"/api/file/{fid}/publish", json=body, headers={"X-CSRF-Token": st.csrf})
        assert r.status_code == 200, r.text
        assert r.json()["output"] == "visit.mp4"
        assert client.get(f"/api/file/{fid}").status_code == 404  # left the queue
    published = out / "visit.mp4"
    assert not video_leaks_in(video_exiftool_json(published))
    got, _ = decode_clip(published)
    assert len(got) == FRAMES
    for i, (a, b) in enumerate(zip(frames, got, strict=True)):
        changed = _change(a, b, (8, 8, 72, 56))
        assert (changed > 20) if i <= 4 else (changed < 8), (i, changed)
        x = 160 - 45 - 3 * i + 15  # the face (dismissed as "not a face") moves left 3 px a frame
        assert _change(a, b, (max(0, x), 70, x + 80, 150)) < 8, i  # only the encoder's rounding
    (entry,) = [e for e in read_audit(out / ".mediascrub-review.jsonl")]
    assert entry["outcome"] == "published" and entry["file"] == "visit.mp4" and entry["reviewer"] == "Ann Tester"
    (dec,) = entry["decisions"]
    assert dec["verdict"] == "not-a-face" and dec["finding"]["track"] == track["track"] and dec["frames"] == [0, FRAMES - 1]
    assert entry["marks"] == [{"box": [8.0, 8.0, 72.0, 56.0], "shape": "rect", "frame": 0, "last_frame": 4}]
    import hashlib

    assert entry["output_sha256"] == hashlib.sha256(published.read_bytes()).hexdigest()
    assert json.dumps(entry)  # one JSON line
