"""The desk's parts on their own: the upload runner (real pipeline, real worker process), the zip and
the copy into the posting folder, the password file and slowed sign-in, the journal and its history."""

from __future__ import annotations

import datetime as dt
import io
import os
import stat
import threading
import time
import zipfile
from pathlib import Path
from typing import Any

import numpy as np
import pytest
from PIL import Image

from conftest import SECRET, dirty_jpeg, photo_like
from exiftool_oracle import have_exiftool, leaks
from mediascrub.errors import ConfigError, UsageError
from mediascrub.findings import Action, Finding, Kind, Report, Status
from mediascrub.pipeline import Pipeline
from mediascrub.policy import Policy
from mediascrub.review.history import appearances, history, journal_path, record_cleaned, record_event
from mediascrub.review.posting import copy_to_folder, zip_safe_copies
from mediascrub.review.uploads import TEMP_PREFIX, JobState, UploadRunner, clean_upload_name
from mediascrub.review.users import PasswordFile, SignInLimiter

ASTRONAUT = Path(__file__).resolve().parent.parent / "fixtures" / "examples" / "astronaut.png"


@pytest.mark.parametrize(
    ("sent", "kept"),
    [
        ("IMG_0001.JPG", "IMG_0001.JPG"),
        ("C:\\Users\\ann\\Pictures\\day out.jpg", "day out.jpg"),
        ("../../etc/passwd", "passwd"),
        (".hidden.jpg", "hidden.jpg"),
        ("a\x00b\x1b[31m.jpg", "a_b_[31m.jpg"),
        ("", "upload"),
        ("..", "upload"),
        ("x" * 300 + ".jpeg", "x" * 115 + ".jpeg"),
    ],
)
def test_upload_names_are_made_safe(sent: str, kept: str) -> None:
    assert clean_upload_name(sent) == kept


@pytest.mark.slow
def test_uploads_are_cleaned_in_a_worker_and_nothing_of_them_is_kept(tmp_path: Path) -> None:
    held = tmp_path / "held"
    held.mkdir()
    (held / "same.jpg").write_bytes(b"someone else's held file")  # a name already taken in the held folder
    stale = tmp_path / f"{TEMP_PREFIX}999999999-old"  # a desk that was killed left its folder
    stale.mkdir()
    (stale / "upload.jpg").write_bytes(b"x")
    done: list[str] = []
    astro = dirty_jpeg(np.asarray(Image.open(ASTRONAUT).convert("RGB")))
    runner = UploadRunner(held, Policy(), workers=1, temp_parent=tmp_path, on_done=lambda j: done.append(j.id))
    try:
        assert not stale.exists()
        assert stat.S_IMODE(runner.root.stat().st_mode) == 0o700
        job, fh = runner.begin("../astronaut.jpg", by="Ann")
        with fh:
            assert stat.S_IMODE(os.fstat(fh.fileno()).st_mode) == 0o600
            fh.write(astro)
        runner.submit(job)
        broken = runner.receive("same.jpg", astro[:5000], by="Ann")  # a cut-off photo: held with its reason
        cat = runner.receive("cat.png", _png(photo_like(400, 300)), by="Bob")
        assert runner.wait(300)
        assert sorted(done) == sorted([job.id, broken.id, cat.id])
        procs = list(getattr(runner._executor, "_processes", {}).values())
        lower = min(os.getpriority(os.PRIO_PROCESS, 0) + 10, 19)  # the cleaning workers run below the desk
        assert procs and all(os.getpriority(os.PRIO_PROCESS, p.pid) == lower for p in procs)
        assert job.state is JobState.READY and cat.state is JobState.READY, (job.report, cat.report)
        assert broken.state is JobState.HELD and broken.held_as == "same-2.jpg"
        assert (held / "same-2.jpg").read_bytes() == astro[:5000] and (held / "same-2.jpg.reason.txt").exists()
        assert (held / "same.jpg").read_bytes() == b"someone else's held file"
        assert list((runner.root / "in").iterdir()) == []  # every upload deleted once done
        for f in runner.root.rglob("*"):
            if f.is_file():
                assert f.read_bytes() not in (astro, astro[:5000])
                assert SECRET.encode() not in f.read_bytes()
        out = runner.safe_path(job)
        assert out is not None and out.name == "astronaut.jpg"
        report = Pipeline(Policy()).check(out)
        assert report.safe, report.reason
        if have_exiftool():
            assert leaks([out]) == {}
        assert any(f.kind is Kind.FACE and f.action is Action.ANONYMISED for f in job.report.findings)  # type: ignore[union-attr]
        assert runner.remove(job.id) and runner.find(job.id) is None and not (runner.root / "safe" / job.id).exists()
        assert not runner.remove(job.id)
    finally:
        runner.close()
    assert not runner.root.exists()


def _png(pixels: np.ndarray) -> bytes:
    buf = io.BytesIO()
    Image.fromarray(pixels).save(buf, "PNG")
    return buf.getvalue()


def test_copy_to_the_posting_folder_never_overwrites(tmp_path: Path) -> None:
    out = tmp_path / "out"
    out.mkdir()
    src = tmp_path / "a.jpg"
    src.write_bytes(b"first")
    (out / "a.jpg").write_bytes(b"already there")
    results: list[Path] = []

    def copy() -> None:
        results.append(copy_to_folder(src, out, "a.jpg"))

    threads = [threading.Thread(target=copy) for _ in range(8)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert (out / "a.jpg").read_bytes() == b"already there"
    assert sorted(p.name for p in results) == sorted(["a-2.jpg", "a-3.jpg", "a-4.jpg", "a-5.jpg", "a-6.jpg", "a-7.jpg",
                                                      "a-8.jpg", "a-9.jpg"])
    assert all(p.read_bytes() == b"first" for p in results)
    assert not [p for p in out.iterdir() if p.name.endswith(".part")]
    with pytest.raises(UsageError):
        copy_to_folder(src, out, "../escape.jpg")
    with pytest.raises(UsageError):
        copy_to_folder(src, tmp_path / "gone", "a.jpg")


def test_zip_of_safe_copies(tmp_path: Path) -> None:
    a, b = tmp_path / "a.jpg", tmp_path / "b.jpg"
    a.write_bytes(b"A" * 1000)
    b.write_bytes(b"B" * 10)
    data = zip_safe_copies([("photo.jpg", a), ("photo.jpg", b), ("other.mp4", b)])
    with zipfile.ZipFile(io.BytesIO(data)) as zf:
        assert zf.namelist() == ["photo.jpg", "photo-2.jpg", "other.mp4"]
        assert zf.read("photo.jpg") == b"A" * 1000 and zf.read("photo-2.jpg") == b"B" * 10
        assert zf.comment == b"" and all(i.extra == b"" and i.compress_type == zipfile.ZIP_STORED for i in zf.infolist())


def test_password_file(tmp_path: Path) -> None:
    path = tmp_path / "state" / "desk-users.txt"
    users = PasswordFile(path)
    assert users.set_password("Ann Manager", "correct horse battery")
    assert not users.set_password("ann manager", "another long password")  # a new password for the same person
    assert users.set_password("Bob", "bob's long password")
    assert stat.S_IMODE(path.stat().st_mode) == 0o600
    text = path.read_text()
    assert "correct horse" not in text and text.count("$argon2id$") == 2
    assert users.verify("ANN  manager", "another long password") == "ann manager"
    assert users.verify("Ann Manager", "correct horse battery") is None
    assert users.verify("nobody", "another long password") is None
    with pytest.raises(UsageError, match="at least"):
        users.set_password("Carol", "short")
    with pytest.raises(UsageError):
        users.set_password("a:b", "long enough password")
    path.chmod(0o644)
    with pytest.raises(ConfigError, match="chmod 600"):
        PasswordFile(path).users()


def test_sign_in_is_slowed_after_a_few_wrong_passwords() -> None:
    lim = SignInLimiter()
    t = 1000.0
    waits = []
    for _ in range(20):
        w = lim.wait_needed("ann", "10.0.0.1", now=t)
        waits.append(w)
        t += w  # a patient attacker waits as long as asked
        lim.failed("ann", "10.0.0.1", now=t)
    assert waits[:5] == [0.0] * 5  # five free tries (typos happen)
    assert waits[5] == 1.0 and waits[6] == 2.0 and waits[9] == 16.0 and waits[-1] == 900.0
    assert sum(waits) > 3600  # 20 tries take over an hour instead of seconds
    # another address trying the same name waits too; the same address trying another name too
    assert lim.wait_needed("ann", "10.9.9.9", now=t) > 0 and lim.wait_needed("bob", "10.0.0.1", now=t) > 0
    assert lim.wait_needed("bob", "10.9.9.9", now=t) == 0
    lim.succeeded("ann")
    assert lim.wait_needed("ann", "10.9.9.9", now=t) == 0


def test_history_and_who_was_left_visible(tmp_path: Path) -> None:
    journal = journal_path(tmp_path)
    visible = Finding(Kind.FACE, "face", Action.VISIBLE, "consent", detail={"person": "Eileen", "consent": {"evidence": "form-7"}})
    hidden = Finding(Kind.FACE, "face", Action.ANONYMISED, "no-match")
    gps = Finding(Kind.METADATA, "gps", Action.REMOVED, "GPS position", detail={"value": "49.2 N, 2.1 W"})
    record_cleaned(journal, "j1", "day.jpg", "Ann", Report("in/day.jpg", Status.PUBLISHED, "safe/day.jpg", [visible, hidden, gps]), None)
    record_cleaned(journal, "j2", "odd.jpg", "Ann", Report("in/odd.jpg", Status.QUARANTINED, None, [], "needs a person"), "odd.jpg")
    record_event(journal, "posted", "j1", "day.jpg", "Ann", posted_as="day-2.jpg")
    assert stat.S_IMODE(journal.stat().st_mode) == 0o600
    assert "49.2" not in journal.read_text()  # removed values are never written
    rows = history(journal, None)
    assert [(r.file, r.outcome) for r in rows] == [("odd.jpg", "held for checking"), ("day.jpg", "made safe")] or \
        [(r.file, r.outcome) for r in rows] == [("day.jpg", "made safe"), ("odd.jpg", "held for checking")]
    made = next(r for r in rows if r.file == "day.jpg")
    assert "copied to the posting folder as day-2.jpg" in made.detail and "left visible: Eileen" in made.detail
    assert history(journal, None, dt.date.today() - dt.timedelta(days=1)) == []
    seen = appearances(journal)
    assert list(seen) == ["eileen"]
    assert seen["eileen"][0].file == "day.jpg" and seen["eileen"][0].evidence == "form-7"
    assert "day-2.jpg" in seen["eileen"][0].where


def test_forgetting_takes_the_name_out_of_the_journal(tmp_path: Path) -> None:
    from mediascrub.review.history import forget_in_journal

    journal = journal_path(tmp_path)
    face = Finding(Kind.FACE, "face", Action.VISIBLE, "consent",
                   detail={"person": "Zebedee Quill", "reference_id": "REF-9", "consent": {"evidence": "quill-form"}})
    other = Finding(Kind.FACE, "face", Action.VISIBLE, "consent", detail={"person": "Bob", "consent": {"evidence": "bob-form"}})
    record_cleaned(journal, "j1", "a.jpg", "Ann", Report("a.jpg", Status.PUBLISHED, "a.jpg", [face, other]), None)
    record_cleaned(journal, "j2", "b.jpg", "Ann", Report("b.jpg", Status.PUBLISHED, "b.jpg", [other]), None)
    assert forget_in_journal(journal, "zebedee  QUILL") == 1
    text = journal.read_text()
    assert "Zebedee" not in text and "REF-9" not in text and "quill-form" not in text and "bob-form" in text
    assert len(text.splitlines()) == 2 and stat.S_IMODE(journal.stat().st_mode) == 0o600
    assert sorted(appearances(journal)) == ["a forgotten person", "bob"]
    assert forget_in_journal(tmp_path / "none.jsonl", "x") == 0


def test_sign_in_links_work_once_and_expire() -> None:
    from mediascrub.review.sessions import Sessions

    s = Sessions("desk user")
    token = s.new_link(None, minutes=None)
    sid, session = s.redeem(token) or ("", None)
    assert session is not None and session.user == "desk user" and s.get(sid) is session
    assert s.redeem(token) is None  # once
    later = s.new_link("Bob", minutes=0)
    assert s.redeem(later) is None  # expired
    bob = s.new_link("Bob")
    sid2, session2 = s.redeem(bob) or ("", None)
    assert session2 is not None and session2.user == "Bob" and session2.csrf != session.csrf
    s.end(sid)
    assert s.get(sid) is None and s.get(sid2) is session2 and s.get("made-up") is None


def test_a_second_process_asks_the_running_desk_for_a_link(tmp_path: Path) -> None:
    from mediascrub.review.links import LinkDesk, ask_for_link

    state = tmp_path / "state"
    state.mkdir(mode=0o700)
    with pytest.raises(UsageError, match="no desk is running"):
        ask_for_link(state)
    made: list[str | None] = []

    def make(user: str | None) -> str:
        made.append(user)
        return f"http://127.0.0.1:8000/?token=t{len(made)}"

    desk = LinkDesk(state, "http://127.0.0.1:8000/", make, poll=0.05)
    try:
        folder = state / "desk"
        assert stat.S_IMODE(folder.stat().st_mode) == 0o700
        assert stat.S_IMODE((folder / "running.json").stat().st_mode) == 0o600
        assert ask_for_link(state, "Bob") == "http://127.0.0.1:8000/?token=t1"
        assert ask_for_link(state) == "http://127.0.0.1:8000/?token=t2"
        assert made == ["Bob", None]
        # a request that is a link to somewhere else is dropped unanswered
        (folder / "link-requests" / "abc.request").symlink_to(tmp_path / "elsewhere")
        assert desk.answer_pending() == 0 and made == ["Bob", None]
        assert list((folder / "link-requests").iterdir()) == []
    finally:
        desk.close()
    assert not (state / "desk" / "running.json").exists()
    with pytest.raises(UsageError, match="no desk is running"):
        ask_for_link(state)


def test_a_desk_that_does_not_answer_is_said_in_its_own_time_and_leaves_no_request(tmp_path: Path) -> None:
    from mediascrub.review.links import LinkDesk, ask_for_link

    state = tmp_path / "state"
    state.mkdir(mode=0o700)
    desk = LinkDesk(state, "http://127.0.0.1:8000/", lambda user: "http://127.0.0.1:8000/?token=t", poll=60)
    try:
        with pytest.raises(UsageError, match=r"did not answer within 0\.3 seconds"):
            ask_for_link(state, timeout=0.3)
        assert list((state / "desk" / "link-requests").iterdir()) == []
    finally:
        desk.close()


def test_sidecars_are_skipped_and_held_uploads_are_held_as_scrub_holds_them(tmp_path: Path) -> None:
    """A sidecar (.xmp) is skipped as scrub skips it: never cleaned, never held, said in plain words. A held
    upload goes through the one quarantine: 0600 in a 0700 folder, under a name whose reason and findings
    files meet nothing left there before."""
    from _review_util import quiet_policy

    from mediascrub.heldfindings import sidecar_path
    from mediascrub.run.batch import SIDECAR_REASON

    held = tmp_path / "held"
    held.mkdir(mode=0o755)
    sidecar_path(held / "same.jpg").write_text("{}")  # what was found in an earlier held same.jpg, left behind
    done: list[str] = []
    runner = UploadRunner(held, quiet_policy(), workers=1, temp_parent=tmp_path, on_done=lambda j: done.append(j.id))
    try:
        side = runner.receive("IMG_0001.XMP", b"<x:xmpmeta>where it was taken</x:xmpmeta>", by="Ann")
        broken = runner.receive("same.jpg", dirty_jpeg()[:3000], by="Ann")
        assert runner.wait(120)
        assert sorted(done) == sorted([side.id, broken.id])
        assert side.state is JobState.FAILED and side.report is not None
        assert side.report.status is Status.SKIPPED and side.report.reason == SIDECAR_REASON
        assert broken.state is JobState.HELD and broken.held_as == "same-2.jpg"
        assert stat.S_IMODE(held.stat().st_mode) == 0o700
        for name in ("same-2.jpg", "same-2.jpg.reason.txt"):
            assert stat.S_IMODE((held / name).stat().st_mode) == 0o600, name
        assert not [p for p in held.iterdir() if "xmp" in p.name.lower()]
        assert list((runner.root / "in").iterdir()) == []
    finally:
        runner.close()


def test_the_runner_is_not_idle_until_each_finished_job_is_written_to_the_journal(tmp_path: Path) -> None:
    """wait() returned between a job's end and its journal line (CI saw the desk journal missing). A slow
    on_done shows it: wait() must not return before on_done has run for every job."""
    from _review_util import quiet_policy

    held = tmp_path / "held"
    held.mkdir(mode=0o700)
    done: list[str] = []

    def slow(job: Any) -> None:
        time.sleep(0.6)
        done.append(job.id)

    runner = UploadRunner(held, quiet_policy(), workers=1, temp_parent=tmp_path, on_done=slow)
    try:
        side = runner.receive("IMG_0002.XMP", b"<x:xmpmeta/>", by="Ann")
        assert runner.wait(60)
        assert done == [side.id]
    finally:
        runner.close()
