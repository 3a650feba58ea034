"""Rough edges found by a hostile test (issue 14): each has its test here.

Private reports, destinations checked first, resumed reports, usage errors, plain disk errors,
long names in quarantine, symbolic links, the watcher's stale held entry, state outside the output
folder, large images, policy messages, and the README's second command.
"""

from __future__ import annotations

import errno
import json
import os
import re
import shutil
import stat
import subprocess
import warnings
from pathlib import Path

import pytest
from PIL import Image
from typer.testing import CliRunner

from conftest import SECRET, SERIAL, dirty_jpeg, photo_like
from mediascrub.cli.app import app
from mediascrub.findings import Status
from mediascrub.pipeline import Pipeline
from mediascrub.policy import load_policy

runner = CliRunner()
NO_DETECT = "[faces]\nenabled = false\n[text]\nenabled = false\n"
REPO = Path(__file__).resolve().parent.parent


@pytest.fixture
def policy_file(tmp_path: Path) -> Path:
    p = tmp_path / "mediascrub.toml"
    p.write_text(NO_DETECT)
    return p


@pytest.fixture
def policy():
    return load_policy(None, {"faces.enabled": False, "text.enabled": False})[0]


def invoke(*args: object):
    return runner.invoke(app, [str(a) for a in args], catch_exceptions=False)


def _photos(folder: Path, n: int = 2) -> list[Path]:
    folder.mkdir(parents=True, exist_ok=True)
    paths = []
    for i in range(n):
        p = folder / f"p{i}.jpg"
        p.write_bytes(dirty_jpeg(photo_like(64, 48, seed=i)))
        paths.append(p)
    return paths


# --- the audit report is private --------------------------------------------------------------


def test_report_is_0600_and_records_kinds_not_values(tmp_path: Path, policy_file: Path) -> None:
    _photos(tmp_path / "in", 1)
    report = tmp_path / "report.json"
    result = invoke("scrub", tmp_path / "in", "--out", tmp_path / "out", "--report", report, "--policy", policy_file)
    assert result.exit_code == 0, result.output
    assert report.stat().st_mode & 0o777 == 0o600
    text = report.read_text()
    assert SECRET not in text and SERIAL not in text and "49.2" not in text
    findings = json.loads(text)["files"][0]["findings"]
    assert {"GPS position", "camera serial number", "camera owner name"} <= {f["reason"] for f in findings}

    shown = tmp_path / "shown.json"
    result = invoke("scrub", tmp_path / "in", "--out", tmp_path / "out2", "--report", shown, "--show-values", "--policy", policy_file)
    assert result.exit_code == 0, result.output
    assert SECRET in shown.read_text() and SERIAL in shown.read_text()
    assert shown.stat().st_mode & 0o777 == 0o600


def test_check_shows_values_on_the_terminal_only(tmp_path: Path, policy_file: Path) -> None:
    (src,) = _photos(tmp_path / "in", 1)
    result = invoke("check", src, "--policy", policy_file)
    assert result.exit_code == 1
    assert "GPS position: 49.2" in result.output and SERIAL in result.output
    as_json = invoke("check", src, "--json", "--policy", policy_file).output
    assert SERIAL not in as_json and "camera serial number" in as_json
    assert SERIAL in invoke("check", src, "--json", "--show-values", "--policy", policy_file).output


def test_review_sheet_is_private(tmp_path: Path, policy_file: Path) -> None:
    _photos(tmp_path / "in", 1)
    sheet = tmp_path / "sheet.html"
    assert invoke("scrub", tmp_path / "in", "--out", tmp_path / "out", "--review-sheet", sheet, "--policy", policy_file).exit_code == 0
    assert sheet.stat().st_mode & 0o777 == 0o600


# --- destinations ---------------------------------------------------------------------------------


@pytest.mark.parametrize("option", ["--report", "--review-sheet", "--quarantine"])
def test_unwritable_destination_stops_the_run_before_the_first_file(tmp_path: Path, policy_file: Path, option: str) -> None:
    _photos(tmp_path / "in", 2)
    blocker = tmp_path / "a-file"
    blocker.write_text("not a folder")
    bad = blocker / ("held" if option == "--quarantine" else "x.out")
    out = tmp_path / "out"
    result = invoke("scrub", tmp_path / "in", "--out", out, option, bad, "--policy", policy_file)
    assert result.exit_code == 2, result.output
    assert option in result.output and len(result.output.strip().splitlines()) == 1
    assert not out.exists() or not any(out.rglob("*.jpg"))  # nothing published


def test_report_under_a_read_only_place_is_refused_first(tmp_path: Path, policy_file: Path) -> None:
    _photos(tmp_path / "in", 1)
    result = invoke("scrub", tmp_path / "in", "--out", tmp_path / "out", "--report", "/proc/mediascrub-report.json",
                    "--policy", policy_file)
    assert result.exit_code == 2, result.output
    assert "cannot write --report" in result.output and "Errno" not in result.output
    assert not any((tmp_path / "out").rglob("*.jpg"))


def test_out_naming_an_existing_file_is_a_usage_error(tmp_path: Path, policy_file: Path) -> None:
    _photos(tmp_path / "in", 1)
    target = tmp_path / "existing.txt"
    target.write_text("keep me")
    result = invoke("scrub", tmp_path / "in", "--out", target, "--policy", policy_file)
    assert result.exit_code == 2
    assert "is a file, not a folder" in result.output and "FileExistsError" not in result.output
    assert target.read_text() == "keep me"


@pytest.mark.slow
def test_resumed_report_keeps_the_findings_of_skipped_files(tmp_path: Path, policy_file: Path) -> None:
    _photos(tmp_path / "in", 2)
    args = ("scrub", tmp_path / "in", "--out", tmp_path / "out", "--policy", policy_file)
    assert invoke(*args, "--report", tmp_path / "first.json").exit_code == 0
    assert invoke(*args, "--report", tmp_path / "second.json").exit_code == 0
    first = {Path(f["input"]).name: f for f in json.loads((tmp_path / "first.json").read_text())["files"]}
    second = {Path(f["input"]).name: f for f in json.loads((tmp_path / "second.json").read_text())["files"]}
    for name, f in second.items():
        assert f["status"] == "skipped"
        assert f["findings"] and f["findings"] == first[name]["findings"]


# --- disk errors and messages --------------------------------------------------------------------


def test_full_disk_while_publishing_is_one_plain_reason(tmp_path: Path, policy, monkeypatch: pytest.MonkeyPatch) -> None:
    import mediascrub.publish as publish_mod

    (src,) = _photos(tmp_path / "in", 1)

    def full(dest: Path, data: bytes, **_: object) -> None:
        raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC), str(dest))

    monkeypatch.setattr(publish_mod, "atomic_write", full)
    report = Pipeline(policy).scrub(src, tmp_path / "out" / src.name)
    assert report.status == Status.FAILED
    assert report.reason is not None and report.reason.startswith("could not write the output (No space left on device)")
    assert "Errno" not in report.reason and "OSError" not in report.reason


def test_read_only_disk_during_a_run_is_one_plain_line(tmp_path: Path, policy_file: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    import mediascrub.run.batch as batch_mod

    _photos(tmp_path / "in", 1)

    def read_only(*_: object, **__: object) -> None:
        raise OSError(errno.EROFS, os.strerror(errno.EROFS), str(tmp_path / "out" / "x"))

    monkeypatch.setattr(batch_mod, "run_batch", read_only)
    result = invoke("scrub", tmp_path / "in", "--out", tmp_path / "out", "--policy", policy_file)
    assert result.exit_code == 1
    assert result.output.strip() == f"mediascrub: cannot write {tmp_path / 'out' / 'x'}: Read-only file system"


def test_undecodable_file_message_has_no_python_repr(tmp_path: Path, policy) -> None:
    bad = tmp_path / "x.png"
    bad.write_bytes(b"\x89PNG\r\n\x1a\n" + b"\x00" * 40)
    report = Pipeline(policy).scrub(bad, tmp_path / "out" / "x.png")
    assert report.status == Status.FAILED
    assert not re.search(r"object at 0x|<_io", report.reason or ""), report.reason


# --- quarantine with long names --------------------------------------------------------------------


def _damaged_photo(folder: Path, name: str) -> Path:
    src = folder / name
    src.parent.mkdir(parents=True, exist_ok=True)
    src.write_bytes(dirty_jpeg()[:300])  # cut short: must be quarantined
    return src


def _damaged_clip(folder: Path, name: str) -> Path:
    from _video_util import panning, write_clip

    folder.mkdir(parents=True, exist_ok=True)
    src = write_clip(folder / name, panning(6, 96, 64))
    data = src.read_bytes()
    src.write_bytes(data[: len(data) // 2])  # the index (moov) is at the end: gone
    return src


DAMAGED = {"photo": (_damaged_photo, ".jpg"), "clip": (_damaged_clip, ".mp4")}


@pytest.mark.parametrize("kind", list(DAMAGED))
def test_long_name_is_quarantined_with_its_reason_and_no_orphan(tmp_path: Path, policy, kind: str) -> None:
    make, ext = DAMAGED[kind]
    name = "x" * (245 - len(ext)) + ext  # 245 characters: the reason file's name (256) would be too long
    src = make(tmp_path / "in", name)
    held = tmp_path / "held"
    report = Pipeline(policy).scrub(src, tmp_path / "out" / name, quarantine=held / name)
    assert report.status == Status.QUARANTINED, report.reason
    files = sorted(p.name for p in held.iterdir())
    assert len(files) == 2 and files[1] == files[0] + ".reason.txt"  # both, under one shortened name
    assert files[0] != name and files[0].startswith("x" * 200) and files[0].endswith(ext)
    assert all(len(os.fsencode(f)) <= 255 for f in files)
    assert (held / files[0]).read_bytes() == src.read_bytes()
    assert (held / files[1]).read_text(encoding="utf-8") == f"{report.reason}\n"
    assert f"copied to quarantine: {held / files[0]}" in report.notes
    assert not (tmp_path / "out").exists() or not any((tmp_path / "out").iterdir())


@pytest.mark.parametrize("kind", list(DAMAGED))
def test_failed_quarantine_is_said_and_leaves_nothing(
    tmp_path: Path, policy, policy_file: Path, monkeypatch: pytest.MonkeyPatch, kind: str
) -> None:
    import mediascrub.publish as publish_mod

    make, ext = DAMAGED[kind]
    real = publish_mod.atomic_write
    src = make(tmp_path / "in", "broken" + ext)

    def copy_fails(dest: Path, data: object, **kw: object) -> None:
        if not dest.name.endswith(".reason.txt"):
            raise OSError(errno.EIO, os.strerror(errno.EIO), str(dest))
        real(dest, data, **kw)  # type: ignore[arg-type]

    monkeypatch.setattr(publish_mod, "atomic_write", copy_fails)
    held = tmp_path / "held"
    report = Pipeline(policy).scrub(src, tmp_path / "out" / src.name, quarantine=held / src.name)
    assert report.status == Status.FAILED
    assert report.reason is not None and report.reason.endswith("; quarantining it failed too (Input/output error), so no copy was kept")
    assert "could not write to quarantine (Input/output error)" in report.notes
    assert not held.exists() or not any(held.iterdir())  # neither the copy nor an orphan reason file
    result = invoke("scrub", tmp_path / "in", "--out", tmp_path / "out", "--quarantine", held, "--policy", policy_file)
    assert result.exit_code == 1
    assert "quarantining it failed too (Input/output error), so no copy was kept" in result.output
    assert not any(held.iterdir())


# --- held copies are private, with what was found beside them (issue 24) ------------------------------


def _modes(*paths: Path) -> list[int]:
    return [stat.S_IMODE(p.stat().st_mode) for p in paths]


def _unsure(frame, findings, ctx):  # a stage that leaves one thing for a person to decide
    from mediascrub.findings import Action, Box, Finding, Kind

    return [*findings, Finding(kind=Kind.FACE, label="face", action=Action.REVIEW, reason="uncertain-face",
                               box=Box(4, 4, 20, 20), score=0.5, own_patch=True)]


def _held_for_a_person(folder: Path, policy) -> tuple[Pipeline, Path]:
    """A photo that a (registered) stage leaves for a person to decide."""
    from mediascrub.stages import OnClips, RegisteredStage, StageList

    pipeline = Pipeline(policy)
    pipeline.stages = StageList(per_frame=(RegisteredStage("unsure", _unsure, OnClips.PHOTOS_ONLY),))
    (src,) = _photos(folder, 1)
    return pipeline, src


def _analysed_clip_fails(folder: Path, policy, monkeypatch: pytest.MonkeyPatch) -> tuple[Pipeline, Path]:
    """A clip analysed, then failing its final check."""
    from _video_util import panning, write_clip

    from mediascrub.errors import VerificationError
    from mediascrub.video_pipeline import VideoPipeline

    def fails(*_a: object, **_k: object) -> None:
        raise VerificationError("the new clip still carries tags: title")

    monkeypatch.setattr(VideoPipeline, "_render_and_publish", fails)
    folder.mkdir(parents=True, exist_ok=True)
    return Pipeline(policy), write_clip(folder / "p0.mp4", panning(6, 96, 64))


HELD_FOR_A_PERSON = {"photo": _held_for_a_person, "clip": _analysed_clip_fails}


@pytest.mark.parametrize("kind", list(HELD_FOR_A_PERSON))
def test_held_copies_are_private_and_what_was_found_is_saved_beside_them(
    tmp_path: Path, policy, monkeypatch: pytest.MonkeyPatch, kind: str
) -> None:
    """The held copy and its reason are 0600 in 0700 folders (also the ones quarantine creates); what was
    found is saved beside it (0600), for exactly those bytes and settings, and reads back as it was."""
    import hashlib

    from mediascrub import heldfindings
    from mediascrub.runkey import detection_key

    make = HELD_FOR_A_PERSON[kind]
    args = (tmp_path / "in", policy, monkeypatch) if kind == "clip" else (tmp_path / "in", policy)
    pipeline, src = make(*args)  # type: ignore[operator]
    held = tmp_path / "held" / "sub" / src.name
    report = pipeline.scrub(src, tmp_path / "out" / src.name, quarantine=held)
    assert report.status == Status.QUARANTINED, report.reason
    beside = heldfindings.sidecar_path(held)
    assert sorted(p.name for p in held.parent.iterdir()) == sorted([held.name, held.name + ".reason.txt", beside.name])
    assert _modes(tmp_path / "held", held.parent) == [0o700, 0o700]
    assert _modes(held, held.with_name(held.name + ".reason.txt"), beside) == [0o600] * 3
    sha = hashlib.sha256(held.read_bytes()).hexdigest()
    assert heldfindings.load(held, sha, "another key") is None
    assert heldfindings.load(held, "0" * 64, detection_key(policy)) is None
    doc = heldfindings.load(held, sha, detection_key(policy))
    assert doc is not None
    if kind == "photo":
        (frame,) = heldfindings.frames_of(doc)
        assert frame == [f for f in report.findings if f.label == "face"] and frame[0].own_patch  # the typed flags too
    else:
        from mediascrub.video_pipeline import VideoPipeline

        again = VideoPipeline(pipeline).analyse(src)
        saved = heldfindings.clip_analysis(doc)
        assert (saved.info, saved.frames, saved.pts, saved.metadata, saved.text) == (again.info, again.frames, again.pts,
                                                                                    again.metadata, again.text)
        assert [(t.first, t.last, t.visible, t.boxes) for t in saved.tracks] == [(t.first, t.last, t.visible, t.boxes)
                                                                                  for t in again.tracks]
    # held again for another reason (nothing found): the findings of the earlier copy go
    report = Pipeline(policy).scrub(_damaged_photo(tmp_path / "in2", src.name), tmp_path / "out" / src.name, quarantine=held)
    assert report.status == Status.QUARANTINED and not beside.exists()


def test_quarantine_leaves_room_for_what_is_saved_beside_a_held_copy(tmp_path: Path) -> None:
    """A name whose findings file would be too long is shortened: copy, reason and findings under one name."""
    from mediascrub import heldfindings
    from mediascrub.findings import Report
    from mediascrub.publish import quarantine_input

    name = "x" * 236 + ".jpg"  # 240: its reason file's name fits, its findings file's (266) would not
    report = Report(input=name, status=Status.FAILED, reason="needs a person to review")
    quarantine_input(report, tmp_path / "held" / name, data=b"bytes",
                     findings=lambda sha: heldfindings.photo_document(sha, "k", 1, 1, [[]]))
    assert report.status == Status.QUARANTINED and report.notes == [f"copied to quarantine: {tmp_path / 'held'}/" + next(
        p.name for p in (tmp_path / "held").iterdir() if p.name.endswith(".jpg") and not p.name.startswith("."))]
    names = sorted(p.name for p in (tmp_path / "held").iterdir())
    assert len(names) == 3 and all(len(os.fsencode(n)) <= 255 for n in names)
    (copy,) = [n for n in names if n.endswith(".jpg") and not n.startswith(".")]
    assert copy != name and copy.startswith("x" * 200)
    assert sorted(names) == sorted([copy, copy + ".reason.txt", heldfindings.sidecar_path(Path(copy)).name])


def test_findings_that_cannot_be_saved_never_change_the_outcome(tmp_path: Path) -> None:
    from mediascrub.errors import GalleryError
    from mediascrub.findings import Report
    from mediascrub.publish import quarantine_input

    def broken(sha: str) -> dict:
        raise GalleryError("consent gallery not found: /gone")

    report = Report(input="a.jpg", status=Status.FAILED, reason="needs a person to review")
    quarantine_input(report, tmp_path / "held" / "a.jpg", data=b"bytes", findings=broken)
    assert report.status == Status.QUARANTINED and report.reason == "needs a person to review"
    assert "what was found was not saved beside the held copy (GalleryError: consent gallery not found: /gone)" in report.notes
    assert sorted(p.name for p in (tmp_path / "held").iterdir()) == ["a.jpg", "a.jpg.reason.txt"]


def test_quarantine_folders_are_made_private_by_scrub_and_watch(tmp_path: Path, policy_file: Path) -> None:
    """--quarantine is made 0700 before the first file (scrub and watch); a file the watcher refuses
    unread is held by its reason file alone, 0600."""
    _photos(tmp_path / "in", 1)
    for command, held in (("scrub", tmp_path / "held-scrub"), ("watch", tmp_path / "held-watch")):
        held.mkdir(mode=0o755)
        os.chmod(held, 0o755)
        extra = ("--once", "--settle", "0") if command == "watch" else ()
        result = invoke(command, tmp_path / "in", "--out", tmp_path / f"out-{command}", "--quarantine", held,
                        "--policy", policy_file, *extra)
        assert result.exit_code == 0, result.output
        assert _modes(held) == [0o700], command
    from mediascrub.run.watch import WatchConfig, Watcher

    inbox = tmp_path / "inbox"
    inbox.mkdir()
    os.mkfifo(inbox / "pipe.jpg")  # a special file: never read, refused with a reason
    held = tmp_path / "held-refused"
    policy = load_policy(None, {"faces.enabled": False, "text.enabled": False})[0]
    Watcher(WatchConfig(inbox=inbox, out=tmp_path / "out-refused", quarantine=held, settle=0.0), policy).run(once=True)
    (reason,) = held.iterdir()
    assert reason.name == "pipe.jpg.reason.txt" and _modes(held, reason) == [0o700, 0o600]


# --- symbolic links ----------------------------------------------------------------------------------


def test_links_inside_a_folder_are_never_followed_and_each_is_counted(tmp_path: Path, policy_file: Path) -> None:
    inp, elsewhere = tmp_path / "in", tmp_path / "elsewhere"
    _photos(inp, 1)
    (secret,) = _photos(elsewhere, 1)
    os.symlink(secret, inp / "outside.jpg")
    os.symlink(elsewhere, inp / "folder-link")
    out = tmp_path / "out"
    result = invoke("scrub", inp, "--out", out, "--policy", policy_file)
    assert result.exit_code == 0, result.output
    lines = result.output.splitlines()
    assert len([ln for ln in lines if ln.startswith("skipped") and "symbolic link: not followed" in ln]) == 2
    assert "2 symbolic link(s) skipped (never followed)" in result.output
    assert sorted(p.name for p in out.rglob("*")) == ["p0.jpg"]


def test_watch_uses_the_same_link_rule(tmp_path: Path) -> None:
    from mediascrub.run.batch import LINK_REASON
    from mediascrub.run.watch import Outcome, WatchConfig, Watcher

    policy = load_policy(None, {"faces.enabled": False, "text.enabled": False})[0]
    inbox = tmp_path / "inbox"
    _photos(inbox, 1)
    (secret,) = _photos(tmp_path / "elsewhere", 1)
    os.symlink(secret, inbox / "outside.jpg")
    events = []
    Watcher(WatchConfig(inbox=inbox, out=tmp_path / "out", settle=0.0), policy, on_event=events.append).run(once=True)
    links = [e for e in events if e.rel == "outside.jpg"]
    assert len(links) == 1 and links[0].outcome == Outcome.IGNORED and links[0].reason == LINK_REASON
    assert sorted(p.name for p in (tmp_path / "out").rglob("*")) == ["p0.jpg"]
    os.symlink(tmp_path / "elsewhere", inbox / "folder-link")
    policy_file = tmp_path / "p.toml"
    policy_file.write_text(NO_DETECT)
    result = invoke("watch", inbox, "--out", tmp_path / "out2", "--once", "--settle", "0", "--policy", policy_file)
    lines = result.output.splitlines()
    assert len([ln for ln in lines if "symbolic link: not followed" in ln]) == 2
    assert "2 symbolic link(s) skipped (never followed)" in result.output


# --- the watcher -------------------------------------------------------------------------------------


def test_watcher_resolves_a_stale_held_entry_and_keeps_the_name(tmp_path: Path) -> None:
    from mediascrub.run.watch import Outcome, WatchConfig, Watcher

    policy = load_policy(None, {"faces.enabled": False, "text.enabled": False})[0]
    inbox, out, held = tmp_path / "inbox", tmp_path / "out", tmp_path / "held"
    inbox.mkdir()
    whole = dirty_jpeg()
    photo = inbox / "visit.jpg"
    photo.write_bytes(whole[: len(whole) // 2])  # a copy that paused longer than the settle time
    events: list = []
    config = WatchConfig(inbox=inbox, out=out, quarantine=held, settle=0.0)
    Watcher(config, policy, on_event=events.append).run(once=True)
    assert [e.outcome for e in events] == [Outcome.QUARANTINED]
    assert sorted(p.name for p in held.iterdir()) == ["visit.jpg", "visit.jpg.reason.txt"]
    (held / ".visit.jpg.mediascrub-findings.json").write_text("{}")  # as if it had been held for a person
    photo.write_bytes(whole)  # the copy finishes
    events.clear()
    Watcher(config, policy, on_event=events.append).run(once=True)
    assert [e.outcome for e in events] == [Outcome.PUBLISHED]
    assert sorted(p.name for p in out.iterdir()) == ["visit.jpg"]  # its own name, not visit-2.jpg
    assert list(held.iterdir()) == []  # the stale held copy and what was beside it are gone


def test_watcher_keeps_a_different_held_photo(tmp_path: Path) -> None:
    """A held photo that is not the first part of the new file is a different photo: it stays held."""
    from mediascrub.run.watch import WatchConfig, Watcher

    policy = load_policy(None, {"faces.enabled": False, "text.enabled": False})[0]
    inbox, out, held = tmp_path / "inbox", tmp_path / "out", tmp_path / "held"
    inbox.mkdir()
    photo = inbox / "visit.jpg"
    photo.write_bytes(b"\xff\xd8\xff\xe0 not really a photo")
    config = WatchConfig(inbox=inbox, out=out, quarantine=held, settle=0.0)
    Watcher(config, policy).run(once=True)
    photo.write_bytes(dirty_jpeg())
    Watcher(config, policy).run(once=True)
    assert sorted(p.name for p in held.iterdir()) == ["visit.jpg", "visit.jpg.reason.txt"]
    assert sorted(p.name for p in out.iterdir()) == ["visit-2.jpg"]


def test_watch_state_is_outside_the_outbox(tmp_path: Path, _private_state_dir: Path) -> None:
    from mediascrub.run.statedir import state_dir_for
    from mediascrub.run.watch import STATE_NAME, WatchConfig, Watcher

    policy = load_policy(None, {"faces.enabled": False, "text.enabled": False})[0]
    inbox, out = tmp_path / "Client Jane Doe", tmp_path / "out"
    _photos(inbox, 1)
    Watcher(WatchConfig(inbox=inbox, out=out, settle=0.0), policy).run(once=True)
    assert sorted(p.name for p in out.iterdir()) == ["p0.jpg"]
    journal = state_dir_for(out) / STATE_NAME
    assert journal.is_file() and journal.stat().st_mode & 0o777 == 0o600
    assert state_dir_for(out).is_relative_to(_private_state_dir)


# --- large images, settings messages -------------------------------------------------------------------


def test_large_image_is_one_plain_note_not_a_raw_warning(tmp_path: Path, policy_file: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    import mediascrub.media.image as image_mod

    src = tmp_path / "big.png"
    Image.fromarray(photo_like(48, 40)).save(src)  # 1920 pixels
    monkeypatch.setattr(Image, "MAX_IMAGE_PIXELS", 1500)  # Pillow would warn above 1500, refuse above 3000
    monkeypatch.setattr(image_mod, "LARGE_PIXELS", 1500)
    with warnings.catch_warnings():
        warnings.simplefilter("always")
        for args in (("check", src), ("scrub", src, "--out", tmp_path / "out")):
            result = invoke(*args, "--policy", policy_file)
            assert result.exit_code in (0, 1), result.output
            assert "DecompressionBomb" not in result.output and "exceeds limit" not in result.output
            assert len([ln for ln in result.output.splitlines() if "large image" in ln]) == 1, result.output


def test_threshold_zero_says_exclusive(tmp_path: Path) -> None:
    bad = tmp_path / "p.toml"
    bad.write_text("[faces]\nthreshold = 0\n")
    result = invoke("policy", "show", "--policy", bad)
    assert result.exit_code == 3
    assert "exclusive" in result.output


def test_policy_env_naming_a_folder_says_so(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("MEDIASCRUB_POLICY", str(tmp_path))
    result = invoke("policy", "show")
    assert result.exit_code == 3
    assert "is a folder, not a settings file" in result.output and "not found" not in result.output


# --- the README's second command ------------------------------------------------------------------------


def _readme_install_part() -> str:
    text = (REPO / "README.md").read_text()
    block = text.split("```sh", 1)[1].split("```", 1)[0]
    second = [ln for ln in block.splitlines() if "apt-get" in ln][0]
    return second.split(" && python3 -m venv", 1)[0]  # the package installation part


@pytest.mark.parametrize("with_sudo", [False, True])
def test_readme_second_command_runs_as_written_with_or_without_sudo(tmp_path: Path, with_sudo: bool) -> None:
    """As root on a machine without sudo, and as a user with sudo: the same line works."""
    bin_dir = tmp_path / "bin"
    bin_dir.mkdir()
    log = tmp_path / "log"
    (bin_dir / "apt-get").write_text(f'#!/bin/sh\necho "apt-get $*" >> {log}\n')
    if with_sudo:
        (bin_dir / "sudo").write_text(f'#!/bin/sh\necho "sudo" >> {log}\nexec "$@"\n')
    for f in bin_dir.iterdir():
        f.chmod(0o755)
    sh = shutil.which("sh") or "/bin/sh"
    env = {"PATH": str(bin_dir), "HOME": str(tmp_path)}
    done = subprocess.run([sh, "-c", _readme_install_part()], env=env, capture_output=True, text=True, timeout=30)
    assert done.returncode == 0, done.stderr
    calls = log.read_text().splitlines()
    assert any(c.startswith("apt-get install -y libimage-exiftool-perl") for c in calls)
    assert ("sudo" in calls) == with_sudo
