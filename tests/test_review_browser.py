"""The review station in a real headless Chromium (Debian's, through Playwright), as a care worker uses it.

- A crowd photo held by ``scrub`` (41 faces, one that may be a consented person) is resolved in three
  actions (open it, answer the one question, publish) without scrolling, at 1366x768 and on a 390x844
  phone; it opens in seconds from what ``scrub`` saved; ``check`` under the station's (strict) policy
  says SAFE on the output.
- Every screen: no serious or critical axe-core violation, none of the machine's internal names in
  the visible text, a screenshot (written to docs/ with MEDIASCRUB_SCREENSHOTS=1).
- Decisions survive a reload, a second window and a restart; a name already published offers NAME-2;
  a publication is taken back; originals are served no-store.
- A held clip: its track as a close-up with its time span, the slider over its moments, the cleaned
  frame, publish.
"""

from __future__ import annotations

import dataclasses
import json
import os
import shutil
import stat
import time
from pathlib import Path
from typing import Any

import numpy as np
import pytest
from _browser_util import axe_violations, chromium_page, chromium_path, page_problems
from _review_util import base_url, crowd_photo, crowd_policy, live_station, quiet_policy

from conftest import dirty_jpeg, photo_like
from mediascrub.policy import Policy
from mediascrub.review.audit import AUDIT_NAME
from mediascrub.review.queue import file_id

pytest.importorskip("playwright")
pytestmark = [
    pytest.mark.slow,
    pytest.mark.skipif(chromium_path() is None, reason="Debian's chromium is not installed (.ci/run installs it)"),
]

DOCS = Path(__file__).resolve().parent.parent / "docs"
#: Internal names that must never reach what a person reads (the issue's list and their kin).
INTERNAL = ["uncertain-face", "no-match", "too-small", "too-blurred", "person_name", "Text (other)", "score", "sha256",
            "moov", "udta", "allow-list", "box 'mdat'", "mdat", "anonymised", "redacted", "Face track", "consent-",
            "purpose-not-covered", "faint_text", "house_number", "metadata", "second look", "HOG", "#"]


def strict(policy: Policy) -> Policy:
    """The station's policy made stricter on text: readings under 0.95 that may be private go to a person."""
    return dataclasses.replace(policy, text=dataclasses.replace(policy.text, min_confidence=0.95))


def shot(page: Any, name: str, tmp: Path) -> None:
    """A screenshot of the screen as it is (into docs/ when MEDIASCRUB_SCREENSHOTS=1, else tmp)."""
    folder = DOCS if os.environ.get("MEDIASCRUB_SCREENSHOTS") == "1" else tmp
    page.screenshot(path=str(folder / f"{name}.png"))


def plain_and_accessible(page: Any, where: str) -> None:
    text = page.evaluate("document.body.innerText")
    for word in INTERNAL:
        assert word.lower() not in text.lower(), f"{where}: {word!r} is on the page"
    bad = axe_violations(page)
    assert bad == [], f"{where}: {json.dumps(bad, indent=1)}"


def wait_until(page: Any, expression: str, timeout: float = 60) -> None:
    """Poll a JavaScript expression from here (Playwright's wait_for_function evaluates strings inside
    the page, which the station's Content-Security-Policy rightly forbids)."""
    deadline = time.monotonic() + timeout
    while not page.evaluate(expression):
        assert time.monotonic() < deadline, f"timed out waiting for {expression}"
        time.sleep(0.05)


def not_scrolled(page: Any, selector: str) -> None:
    """The element is in the window and the page has not scrolled."""
    assert page.evaluate("window.scrollY") == 0
    bb = page.locator(selector).bounding_box()
    vp = page.viewport_size
    assert bb is not None and bb["y"] >= 0 and bb["y"] + bb["height"] <= vp["height"], (selector, bb, vp)


@pytest.fixture(scope="module")
def held_crowd(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Policy]:
    """The crowd photo scrubbed under the strict policy: held for a person, with what was found saved beside it."""
    from mediascrub.heldfindings import sidecar_path
    from mediascrub.pipeline import pipeline_for

    root = tmp_path_factory.mktemp("crowd")
    policy = strict(crowd_policy(root))
    src = crowd_photo(root)
    report = pipeline_for(policy).scrub(src, root / "published" / src.name, quarantine=root / "held" / src.name)
    assert report.status.value == "quarantined", report.reason
    assert "may be a consented person" in (report.reason or "")
    assert sidecar_path(root / "held" / src.name).is_file()
    return root, policy


@pytest.mark.parametrize("size", [(1366, 768), (390, 844)], ids=["desktop", "phone"])
def test_crowd_photo_resolved_in_three_actions(held_crowd: tuple[Path, Policy], tmp_path: Path, size: tuple[int, int]) -> None:
    from mediascrub.pipeline import pipeline_for

    root, policy = held_crowd
    held, out = tmp_path / "held", tmp_path / "out"
    shutil.copytree(root / "held", held)
    tag = "" if size[0] > 900 else "-phone"
    width, height = size
    with live_station(held, out, policy=policy) as st, chromium_page(tmp_path / "profile", width=width, height=height) as page:
        problems = page_problems(page)
        page.goto(st.url())
        page.wait_for_selector("body[data-thumbs-loaded='1']", state="attached")
        plain_and_accessible(page, "list")
        shot(page, f"review-list{tag}", tmp_path)
        t0 = time.perf_counter()
        page.click("#queue a.name")  # action 1
        page.wait_for_selector("body[data-state='ready']", state="attached", timeout=120_000)
        wait_until(page, "[...document.querySelectorAll('#photo, #questions img.crop')].every(i => i.complete && i.naturalWidth)")
        opened = time.perf_counter() - t0
        print(f"crowd photo ({width}x{height}) opened in {opened:.2f} s")
        assert opened < 4.0  # the acceptance bar is 2 s on a quiet machine; shared CPUs in CI get slack
        assert st._pipeline is None, "the station looked at the picture again instead of using what scrub found"
        questions = page.locator("#questions li.question")
        assert questions.count() == 1 and page.inner_text("#decide-title") == "1 thing to decide"
        assert page.inner_text("#questions .q") == "Is this a face?"
        not_scrolled(page, "#questions button.answer.yes")
        not_scrolled(page, "#publish")
        plain_and_accessible(page, "file")
        shot(page, f"review-file{tag}", tmp_path)
        page.click("#questions button.answer.yes")  # action 2
        assert page.get_attribute("#questions button.answer.yes", "aria-pressed") == "true"
        assert "Ready to publish" in page.inner_text("#progress")
        page.wait_for_selector("body[data-draft]", state="attached")
        if tag == "":  # the cleaned copy, exactly as it will be published, before publishing
            page.click("#show-after")
            page.wait_for_selector("body[data-after='shown']", state="attached", timeout=120_000)
            plain_and_accessible(page, "cleaned copy")
            shot(page, "review-cleaned", tmp_path)
            page.set_viewport_size({"width": 390, "height": 844})  # the same screen on a phone
            page.wait_for_timeout(300)
            plain_and_accessible(page, "cleaned copy (phone)")
            shot(page, "review-cleaned-phone", tmp_path)
            page.set_viewport_size({"width": width, "height": height})
            page.click("#show-before")
        not_scrolled(page, "#publish")
        page.click("#publish")  # action 3
        page.wait_for_selector("body[data-state='published']", state="attached", timeout=120_000)
        assert "Published as crowd.jpg" in page.inner_text("#result")
        assert page.evaluate("window.scrollY") == 0
        plain_and_accessible(page, "published")
        shot(page, f"review-published{tag}", tmp_path)
    assert problems == []
    output = out / "crowd.jpg"
    (rec,) = [json.loads(line) for line in (out / AUDIT_NAME).read_text().splitlines()]
    assert rec["outcome"] == "published" and rec["decisions"][0]["verdict"] == "hide"
    assert rec["decisions"][0]["was"]["reason"] == "uncertain face that may be a consented person"
    checked = pipeline_for(policy).check(output)  # the same (strict) policy as the station
    assert checked.safe, checked.reason


def test_decisions_survive_reload_second_window_and_restart(tmp_path: Path) -> None:
    held, out = tmp_path / "held", tmp_path / "out"
    held.mkdir()
    (held / "a.jpg").write_bytes(dirty_jpeg(photo_like(640, 480, seed=5)))
    (held / "a.jpg.reason.txt").write_text("needs a person to review: uncertain face (score 0.11)\n")
    fid = file_id("a.jpg")
    with live_station(held, out, policy=quiet_policy()) as st, chromium_page(tmp_path / "profile", width=1366, height=768) as page:
        problems = page_problems(page)
        page.goto(st.url())
        page.goto(base_url(st) + f"/file/{fid}")
        page.wait_for_selector("body[data-state='ready']", state="attached")
        page.click("button.tool[data-tool='rect']")
        bb = page.locator("#viewport").bounding_box()
        page.mouse.move(bb["x"] + 200, bb["y"] + 150)
        page.mouse.down()
        page.mouse.move(bb["x"] + 300, bb["y"] + 250, steps=5)
        page.mouse.up()
        assert page.locator("#marks li.mark").count() == 1
        page.wait_for_selector("body[data-draft='1']", state="attached")
        page.keyboard.press("Control+z")  # undo, then draw again: two saved versions later
        assert page.locator("#marks li.mark").count() == 0
        page.wait_for_selector("body[data-draft='2']", state="attached")
        page.mouse.move(bb["x"] + 200, bb["y"] + 150)
        page.mouse.down()
        page.mouse.move(bb["x"] + 330, bb["y"] + 260, steps=5)
        page.mouse.up()
        page.wait_for_selector("body[data-draft='3']", state="attached")
        page.reload()
        page.wait_for_selector("body[data-state='ready']", state="attached")
        assert page.locator("#marks li.mark").count() == 1, "a reload lost the box"
        second = page.context.new_page()  # a second window of the same browser
        second.goto(base_url(st) + f"/file/{fid}")
        second.wait_for_selector("body[data-state='ready']", state="attached")
        assert second.locator("#marks li.mark").count() == 1
        second.click("#marks li.mark button.remove")
        second.wait_for_selector("body[data-draft='4']", state="attached")
        page.wait_for_selector("body[data-draft='4']", state="attached", timeout=15_000)  # the first window follows
        assert page.locator("#marks li.mark").count() == 0
        page.keyboard.press("Control+z")  # and its undo brings the box back, for both
        second.wait_for_selector("body[data-draft='5']", state="attached", timeout=15_000)
        assert second.locator("#marks li.mark").count() == 1
        second.close()
        for path in (f"/view/{fid}", f"/thumb/{fid}", f"/preview/{fid}"):
            r = page.request.get(base_url(st) + path)
            assert r.status == 200 and r.headers["cache-control"] == "no-store", path
    assert problems == []
    mode = stat.S_IMODE(os.stat(held / ".mediascrub-review" / "drafts" / f"{fid}.json").st_mode)
    assert mode == 0o600
    # a restart: a new station on the same folders finds the box; a name already published offers NAME-2
    (out / "a.jpg").write_bytes(b"someone else's file")
    with live_station(held, out, policy=quiet_policy()) as st, chromium_page(tmp_path / "profile2", width=390, height=844) as page:
        problems = page_problems(page)
        page.goto(st.url())
        page.goto(base_url(st) + f"/file/{fid}")
        page.wait_for_selector("body[data-state='ready']", state="attached")
        assert page.locator("#marks li.mark").count() == 1, "a restart lost the box"
        page.click("#publish")
        page.wait_for_selector("#publish-as:not([hidden])")
        assert "already in the posting folder" in page.inner_text("#result")
        assert page.inner_text("#publish-as") == "Publish as a-2.jpg"
        plain_and_accessible(page, "name taken")
        page.click("#publish-as")
        page.wait_for_selector("body[data-state='published']", state="attached", timeout=60_000)
        assert "Published as a-2.jpg" in page.inner_text("#result")
        assert (out / "a.jpg").read_bytes() == b"someone else's file" and (out / "a-2.jpg").is_file()
        page.click("#take-back")
        page.wait_for_selector("body[data-state='ready']", state="attached", timeout=30_000)
        assert "Taken back" in page.inner_text("#result")
        assert not (out / "a-2.jpg").exists() and (held / "a.jpg").is_file()
        assert page.locator("#marks li.mark").count() == 1  # back in the list with the decisions
    # the one failed request is the publish the name collision answered with 409 Conflict
    assert [p for p in problems if "409 (Conflict)" not in p] == [] and len(problems) == 1
    outcomes = [json.loads(line)["outcome"] for line in (out / AUDIT_NAME).read_text().splitlines()]
    assert outcomes == ["published", "withdrawn"]
    withdrawn = list((held / ".mediascrub-review" / "withdrawn").iterdir())
    assert [p.name for p in withdrawn] == ["a-2.jpg"] and stat.S_IMODE(withdrawn[0].stat().st_mode) == 0o600


def test_reject_asks_why_and_the_run_table_follows(tmp_path: Path) -> None:
    from mediascrub.findings import Report, Status
    from mediascrub.report import write_json_report

    held, out = tmp_path / "held", tmp_path / "out"
    held.mkdir()
    for name in ("one.jpg", "two.jpg"):
        (held / name).write_bytes(dirty_jpeg(photo_like(320, 240, seed=len(name))))
    reports = [Report(input=f"/inbox/{n}", status=Status.QUARANTINED, reason="needs a person to review: x",
                      notes=[f"copied to quarantine: {held / n}"]) for n in ("one.jpg", "two.jpg")]
    run = tmp_path / "run.json"
    write_json_report(run, reports, command="scrub")
    with live_station(held, out, policy=quiet_policy(), report=run) as st, chromium_page(tmp_path / "profile") as page:
        problems = page_problems(page)
        page.goto(st.url())
        page.click("#queue a.name >> nth=0")
        page.wait_for_selector("body[data-state='ready']", state="attached")
        page.click("#publish")
        page.wait_for_selector("body[data-state='published']", state="attached")
        page.click("#next")  # the next file
        page.wait_for_selector("body[data-state='ready']", state="attached")
        assert page.inner_text("#file-title") == "two.jpg"
        page.keyboard.press("r")
        page.wait_for_selector("#reject-dialog[open]")
        plain_and_accessible(page, "reject dialog")
        page.click("#reject-confirm")  # no reason given: asked again, nothing rejected
        assert "Say why" in page.inner_text("#reject-error")
        page.check("#reject-dialog input[value='It is not suitable to post']")
        page.click("#reject-confirm")
        page.wait_for_selector("body[data-state='rejected']", state="attached")
        page.goto(base_url(st) + "/")
        rows = {name: page.inner_text(f"#run tbody tr:has-text(\"{name}\")") for name in ("one.jpg", "two.jpg")}
        assert "Published after checking" in rows["one.jpg"] and "Rejected" in rows["two.jpg"], rows
        plain_and_accessible(page, "list after")
    assert problems == []


def test_clip_in_chromium(tmp_path: Path) -> None:
    """A held clip opens from its saved analysis; its track shows as a close-up with its time span; the
    slider shows each moment, the cleaned copy that moment as published; a box is hidden over moments 1-5."""
    from _video_util import astronaut_face, decode_clip, panning, write_clip

    from mediascrub.pipeline import pipeline_for
    from mediascrub.video_pipeline import VideoPipeline

    held, out = tmp_path / "held", tmp_path / "out"
    held.mkdir()
    frames = panning(10, 320, 240, face=astronaut_face(130), step=3)
    clip = tmp_path / "visit.mp4"
    write_clip(clip, frames)
    policy = Policy()
    vp = VideoPipeline(pipeline_for(policy))
    report = vp.scrub(clip, out / "first" / "visit.mp4", quarantine=None)
    assert report.status.value == "published"
    # held the way scrub holds a clip it analysed (the same function writes the copy, reason and analysis)
    from mediascrub.findings import Report, Status
    from mediascrub.publish import quarantine_input

    held_report = Report(input=str(clip), status=Status.FAILED, reason="the new clip still carries tags: title")
    quarantine_input(held_report, held / "visit.mp4", source=clip, findings=vp._held_findings(vp.analyse(clip)))
    assert held_report.status is Status.QUARANTINED
    assert stat.S_IMODE((held / "visit.mp4").stat().st_mode) == 0o600
    with live_station(held, out, policy=policy) as st, chromium_page(tmp_path / "profile", width=1366, height=768) as page:
        problems = page_problems(page)
        page.goto(st.url())
        t0 = time.perf_counter()
        page.click("#queue a.name")
        page.wait_for_selector("body[data-state='ready']", state="attached", timeout=120_000)
        wait_until(page, "[...document.querySelectorAll('#photo, #findings img, #questions img')].every(i => i.complete)")
        opened = time.perf_counter() - t0
        print(f"clip opened in {opened:.2f} s")
        assert opened < 8.0  # the acceptance bar is 5 s on a quiet machine
        assert st._pipeline is None, "the station analysed the clip again instead of using what scrub saved"
        assert "did not pass the final safety check" in page.inner_text("#help-line")
        assert page.inner_text("#decide-title") == "Nothing to decide"
        assert "Answer the questions" not in page.inner_text("#help-line")  # none to answer
        assert "Check the cleaned copy, then publish it or reject it." in page.inner_text("#help-line")
        page.click("#found-details summary")
        track = page.locator("#findings li[data-kind='face']")
        assert track.count() == 1 and "seen from 0:00.0 to 0:00.4" in track.first.inner_text()
        assert page.locator("#scrubber").is_visible() and page.locator("#ranges .range").count() == 1
        page.fill("#frame", "6")
        page.dispatch_event("#frame", "input")
        wait_until(page, "document.getElementById('photo').src.endsWith('/6') && document.getElementById('photo').complete")
        page.click("button.tool[data-tool='rect']")
        page.fill("#mark-first", "0")
        page.fill("#mark-last", "4")
        bb = page.locator("#viewport").bounding_box()
        scale = min(bb["width"] / 320, bb["height"] / 240)
        ox, oy = bb["x"] + (bb["width"] - 320 * scale) / 2, bb["y"] + (bb["height"] - 240 * scale) / 2
        page.mouse.move(ox + 8 * scale, oy + 8 * scale)
        page.mouse.down()
        page.mouse.move(ox + 72 * scale, oy + 56 * scale, steps=5)
        page.mouse.up()
        assert "from 0:00.0 to 0:00.2" in page.inner_text("#marks")
        page.wait_for_selector("body[data-draft='1']", state="attached")
        page.click("#show-after")
        page.wait_for_selector("body[data-after='shown']", state="attached", timeout=60_000)
        plain_and_accessible(page, "clip")
        shot(page, "review-clip", tmp_path)
        size = page.viewport_size
        page.set_viewport_size({"width": 390, "height": 844})  # the same screen on a phone
        page.wait_for_timeout(300)
        plain_and_accessible(page, "clip (phone)")
        shot(page, "review-clip-phone", tmp_path)
        page.set_viewport_size(size)
        page.click("#publish")
        page.wait_for_selector("body[data-state='published']", state="attached", timeout=180_000)
        assert "Published as visit.mp4" in page.inner_text("#result")
    assert problems == []
    (rec,) = [json.loads(line) for line in (out / AUDIT_NAME).read_text().splitlines()]
    (mark,) = rec["marks"]
    assert (mark["frame"], mark["last_frame"]) == (0, 4)
    got, _ = decode_clip(out / "visit.mp4")
    changes = [float(np.abs(a[10:54, 10:70].astype(float) - b[10:54, 10:70].astype(float)).mean())
               for a, b in zip(frames, got, strict=True)]
    assert min(changes[:5]) > 20 and max(changes[5:]) < 8, changes


def test_held_files_are_private_and_opened_from_what_scrub_found(tmp_path: Path) -> None:
    """scrub --quarantine: the held copy and its reason are 0600 in 0700 folders; the station reads the
    findings saved beside it (and ignores them under other settings)."""
    from typer.testing import CliRunner

    from mediascrub.cli.app import app
    from mediascrub.heldfindings import load, sidecar_path

    inbox = tmp_path / "inbox" / "sub"
    inbox.mkdir(parents=True)
    (inbox / "broken.jpg").write_bytes(dirty_jpeg(photo_like(200, 150))[:3000])
    args = ["scrub", str(tmp_path / "inbox"), "--out", str(tmp_path / "out"), "--quarantine", str(tmp_path / "held")]
    result = CliRunner().invoke(app, args)
    assert result.exit_code == 1, result.output
    for folder in (tmp_path / "held", tmp_path / "held" / "sub"):
        assert stat.S_IMODE(folder.stat().st_mode) == 0o700, folder
    for name in ("broken.jpg", "broken.jpg.reason.txt"):
        assert stat.S_IMODE((tmp_path / "held" / "sub" / name).stat().st_mode) == 0o600, name
    assert not sidecar_path(tmp_path / "held" / "sub" / "broken.jpg").exists()  # nothing was found in a damaged file
    assert load(tmp_path / "held" / "sub" / "broken.jpg", "0" * 64, "x") is None
