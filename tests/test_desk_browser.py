"""The desk in a real headless Chromium (Debian's, through Playwright), used as staff would: files
picked in the page, results followed, a zip downloaded; a person enrolled from the consent register
page, left visible in an upload, then withdrawn and hidden in the next one; axe-core checks every page.
Screenshots of each page (desktop and phone) go to docs/ with MEDIASCRUB_SCREENSHOTS=1, else to the
temp folder."""

from __future__ import annotations

import io
import json
import re
import zipfile
from pathlib import Path

import numpy as np
import pytest
from _browser_util import axe_violations, chromium_page, chromium_path, page_problems
from _desk_util import live_desk
from _faces_util import dlib_faces, identity_survives
from _video_util import astronaut_face, decode_clip, panning, write_clip
from PIL import Image

from conftest import SECRET, dirty_jpeg, dirty_png, photo_like
from exiftool_oracle import exiftool_json, have_exiftool, leaks, video_exiftool_json
from mediascrub.pipeline import Pipeline
from mediascrub.policy import Policy

pytest.importorskip("playwright")
pytestmark = [
    pytest.mark.slow,
    pytest.mark.skipif(chromium_path() is None, reason="Debian's chromium is not installed (.ci/run installs it)"),
]

ROOT = Path(__file__).resolve().parent.parent
ASTRONAUT = ROOT / "fixtures" / "examples" / "astronaut.png"
DOCS = ROOT / "docs"
PHONE = (390, 844)
DESKTOP = (1366, 768)


def astro() -> np.ndarray:
    return np.asarray(Image.open(ASTRONAUT).convert("RGB"))


def uploads(folder: Path) -> list[Path]:
    """Three photos (two with a face, all with GPS and owner data) and a clip with a face and a GPS tag."""
    folder.mkdir()
    big = np.asarray(Image.fromarray(astro()).resize((768, 768), Image.Resampling.LANCZOS))
    files = {
        "visit.jpg": dirty_jpeg(big),
        "garden.jpg": dirty_jpeg(photo_like(640, 480, seed=3)),
        "party.png": dirty_png(astro()),
    }
    for name, data in files.items():
        (folder / name).write_bytes(data)
    write_clip(folder / "walk.mp4", panning(24, 320, 240, face=astronaut_face(110)),
               tags={"location": "+49.2116-002.1308/", "title": f"walk with {SECRET}"})
    return [folder / n for n in ("visit.jpg", "garden.jpg", "party.png", "walk.mp4")]


def wait_done(page: object, count: int, timeout: float = 400_000) -> None:
    page.wait_for_selector(f"body[data-busy='0'][data-done='{count}']", state="attached", timeout=timeout)  # type: ignore[attr-defined]


def shoot(page: object, name: str, size: tuple[int, int]) -> None:
    """A screenshot of the page at ``size`` (into docs/ with MEDIASCRUB_SCREENSHOTS=1, else a temp folder)."""
    import os
    import tempfile

    folder = DOCS if os.environ.get("MEDIASCRUB_SCREENSHOTS") == "1" else Path(tempfile.gettempdir())
    page.set_viewport_size({"width": size[0], "height": size[1]})  # type: ignore[attr-defined]
    page.evaluate("() => { if (document.activeElement) { document.activeElement.blur(); } window.scrollTo(0, 0); }")  # type: ignore[attr-defined]
    page.wait_for_timeout(150)  # type: ignore[attr-defined]
    suffix = "phone" if size == PHONE else "desktop"
    shot = folder / f"desk-{name}-{suffix}.png"
    page.screenshot(path=str(shot))  # type: ignore[attr-defined]
    assert shot.stat().st_size > 10_000, f"{shot.name} looks empty"


def no_serious_axe(page: object, where: str) -> None:
    bad = axe_violations(page)
    assert bad == [], f"{where}: {json.dumps(bad, indent=1)}"


def test_upload_three_photos_and_a_clip_and_download_the_zip(tmp_path: Path) -> None:
    files = uploads(tmp_path / "camera-roll")
    originals = {f.read_bytes() for f in files}
    with live_desk(tmp_path / "desk") as server, chromium_page(tmp_path / "profile", width=DESKTOP[0], height=DESKTOP[1]) as page:
        problems = page_problems(page)
        page.goto(server.new_link())
        assert page.url.endswith("/add")  # the token left the address bar
        no_serious_axe(page, "empty upload page")
        shoot(page, "add-empty", DESKTOP)
        page.set_input_files("#files", [str(f) for f in files])
        wait_done(page, 4)
        cards = page.locator("#results li.result")
        assert cards.count() == 4
        states = {cards.nth(i).locator("h3").inner_text(): cards.nth(i).get_attribute("data-state") for i in range(4)}
        assert states == {"visit.jpg": "ready", "garden.jpg": "ready", "party.png": "ready", "walk.mp4": "ready"}, states
        text = page.inner_text("#results")
        assert "where it was taken (GPS position)" in text and "Hidden: 1 face" in text or "Hidden: 2 faces" in text, text
        page.wait_for_function("() => Array.from(document.querySelectorAll('#results img')).every(i => i.complete && i.naturalWidth > 0)")
        no_serious_axe(page, "upload page with results")
        shoot(page, "add-results", DESKTOP)
        shoot(page, "add-results", PHONE)
        page.set_viewport_size({"width": DESKTOP[0], "height": DESKTOP[1]})
        with page.expect_download() as download:
            page.click("#zip")
        data = Path(download.value.path()).read_bytes()
        # one file to the posting folder, from its card
        page.locator("#results li.result", has_text="garden.jpg").locator("button.post").click()
        page.wait_for_selector("#results li.result:has-text('garden.jpg') .posted")
        assert (server.desk.config.out / "garden.jpg").exists()
        temp = server.desk.runner.root
        left = [p for p in temp.rglob("*") if p.is_file()]
        assert not [p for p in (temp / "in").rglob("*") if p.is_file()], "an upload was kept after cleaning"
        for p in left:
            content = p.read_bytes()
            assert content not in originals and SECRET.encode() not in content
        assert not [p for p in server.desk.config.held.rglob("*") if p.is_file() and ".mediascrub-review" not in p.parts]
        assert problems == [], problems
    assert not temp.exists()  # the desk stopped: its private folder is gone
    out = tmp_path / "zip"
    with zipfile.ZipFile(io.BytesIO(data)) as zf:
        assert sorted(zf.namelist()) == ["garden.jpg", "party.png", "visit.jpg", "walk.mp4"]
        zf.extractall(out)
    pipeline = Pipeline(Policy())
    for f in sorted(out.iterdir()):
        report = pipeline.check(f)
        assert report.safe, f"{f.name}: {report.reason}"
        assert SECRET.encode() not in f.read_bytes()
    if have_exiftool():
        photos = [out / "garden.jpg", out / "party.png", out / "visit.jpg"]
        assert leaks(photos) == {}
        assert not any(k.startswith("GPS") or ":GPS" in k for rec in exiftool_json(photos) for k in rec)
        assert "location" not in json.dumps(video_exiftool_json(out / "walk.mp4")).lower()
    # the faces are gone: dlib finds none where the originals had one
    for name in ("visit.jpg", "party.png"):
        original = np.asarray(Image.open(tmp_path / "camera-roll" / name).convert("RGB"))
        cx, cy = 220 * original.shape[1] / 512, 120 * original.shape[0] / 512  # the astronaut's face (dlib also "finds" her badge)
        faces = [r for r in dlib_faces(original) if r.left() < cx < r.right() and r.top() < cy < r.bottom()]
        assert faces, f"the test photo {name} should show a face"
        cleaned = np.asarray(Image.open(out / name).convert("RGB"))
        assert not any(identity_survives(original, cleaned, r)[0] for r in faces), name
    frames, _ = decode_clip(out / "walk.mp4")
    assert not any(dlib_faces(f) for f in frames[::4])


def _png(pixels: np.ndarray, path: Path) -> Path:
    Image.fromarray(pixels).save(path)
    return path


def _real_face(rgb: np.ndarray, centre: tuple[float, float]) -> object:
    cx, cy = centre
    found = [r for r in dlib_faces(rgb) if r.left() < cx < r.right() and r.top() < cy < r.bottom()]
    assert found, "the test photo should show the astronaut's face"
    return found[0]


def test_enrol_then_visible_then_withdrawn_then_hidden(tmp_path: Path) -> None:
    import datetime as dt

    from mediascrub.consent.gallery import Gallery
    from mediascrub.consent.store import ChangeKind

    pics = tmp_path / "pics"
    pics.mkdir()
    a = astro()
    front = _png(a, pics / "eileen-front.png")
    mirror = _png(np.ascontiguousarray(a[:, ::-1]), pics / "eileen-mirror.png")
    canvas = photo_like(900, 700, seed=5)
    canvas[100:612, 200:712] = a  # the third photo: the same person, somewhere else in a bigger picture, with GPS
    day_out = pics / "day-out.jpg"
    day_out.write_bytes(dirty_jpeg(canvas))
    face = _real_face(canvas, (200 + 220, 100 + 120))
    expires = (dt.date.today() + dt.timedelta(days=365)).isoformat()
    with live_desk(tmp_path / "desk") as server, chromium_page(tmp_path / "profile", width=DESKTOP[0], height=DESKTOP[1]) as page:
        problems = page_problems(page)
        page.goto(server.new_link())
        page.click("nav a:has-text('Consent register')")
        assert page.url.endswith("/register") and "No one is enrolled yet" in page.inner_text("main")
        page.click("#enrol-open")
        page.fill("#name", "Eileen Example")
        page.set_input_files("#photos", [str(front), str(mirror)])
        page.fill("#evidence", "form-2026-031")
        page.fill("#expires", expires)
        assert page.is_checked("input[name=purposes][value=social-media]")
        no_serious_axe(page, "enrolment form")
        shoot(page, "enrol", DESKTOP)
        shoot(page, "enrol", PHONE)
        page.set_viewport_size({"width": DESKTOP[0], "height": DESKTOP[1]})
        page.click("#enrol-submit")
        page.wait_for_url("**/register*", timeout=120_000)
        card = page.locator("li.person", has_text="Eileen Example")
        assert "May be shown" in card.inner_text() and "social media" in card.inner_text()
        assert (dt.date.fromisoformat(expires) - dt.timedelta(days=1)).strftime("%B %Y") in card.inner_text()
        # the photos used to enrol were not kept anywhere by the desk
        assert not [p for p in server.desk.runner.root.rglob("*") if p.is_file()]

        page.click("nav a:has-text('Add photos')")
        page.set_input_files("#files", [str(day_out)])
        wait_done(page, 1)
        text = page.inner_text("#results")
        assert "Left visible (consent on file): Eileen Example" in text, text
        [job] = server.desk.runner.jobs()
        out1 = np.asarray(Image.open(server.desk.runner.safe_path(job)).convert("RGB"))  # type: ignore[arg-type]
        assert identity_survives(canvas, out1, face)[0], "the consented face should stay visible"
        page.locator("button.post").click()
        page.wait_for_selector(".posted")

        page.click("nav a:has-text('Consent register')")
        card = page.locator("li.person", has_text="Eileen Example")
        assert "Left visible in 1 file" in card.inner_text()
        no_serious_axe(page, "consent register")
        shoot(page, "register", DESKTOP)
        shoot(page, "register", PHONE)
        page.set_viewport_size({"width": DESKTOP[0], "height": DESKTOP[1]})
        card.locator("button.withdraw").click()
        page.locator("#withdraw-yes").click()
        page.wait_for_url("**/register?done=*")
        card = page.locator("li.person", has_text="Eileen Example")
        assert "Always hidden" in card.inner_text() and "Withdrawn on" in card.inner_text()
        log = page.inner_text("#register-log")
        assert "consent withdrawn for Eileen Example" in log and "Eileen Example enrolled from 2 photos" in log

        page.click("nav a:has-text('Add photos')")
        second = pics / "day-out-again.jpg"
        second.write_bytes(day_out.read_bytes())
        page.set_input_files("#files", [str(second)])
        wait_done(page, 2)
        card2 = page.locator("#results li.result", has_text="day-out-again.jpg")
        assert re.search(r"Hidden: \d+ faces?", card2.inner_text()) and "Left visible" not in card2.inner_text()
        job2 = next(j for j in server.desk.runner.jobs() if j.name == "day-out-again.jpg")
        out2 = np.asarray(Image.open(server.desk.runner.safe_path(job2)).convert("RGB"))  # type: ignore[arg-type]
        assert not identity_survives(canvas, out2, face)[0], "after withdrawal the face must be hidden"
        reasons = [f.reason for f in job2.report.findings if f.kind.value == "face"]  # type: ignore[union-attr]
        assert "consent-withdrawn" in reasons, reasons

        page.click("nav a:has-text('History')")
        rows = page.inner_text("#history")
        assert "day-out.jpg" in rows and "day-out-again.jpg" in rows and "left visible: Eileen Example" in rows
        no_serious_axe(page, "history")
        shoot(page, "history", DESKTOP)
        shoot(page, "history", PHONE)
        page.set_viewport_size({"width": DESKTOP[0], "height": DESKTOP[1]})
        # a file waiting under To check, as the desk lists it
        (server.desk.config.held / "hall.jpg").write_bytes(dirty_jpeg(canvas))
        (server.desk.config.held / "hall.jpg.reason.txt").write_text("needs a person to review: uncertain face (score 0.45)\n")
        page.click("nav a:has-text('To check')")
        assert "hall.jpg" in page.inner_text("main")
        page.wait_for_selector("body[data-thumbs-loaded='1']", state="attached")
        no_serious_axe(page, "To check")
        shoot(page, "to-check", DESKTOP)
        shoot(page, "to-check", PHONE)
        assert problems == [], problems
    # the register's own log names both changes, made at the desk by the person signed in
    with Gallery.open(tmp_path / "desk" / "gallery.sqlite", readonly=True) as g:
        changes = g.changes()
    assert [c.kind for c in changes] == [ChangeKind.WITHDRAW, ChangeKind.ENROL]
    assert all(c.person == "Eileen Example" and c.actor == "Ann Tester" and c.via == "desk" for c in changes)
    assert changes[1].detail["evidence"] == "form-2026-031" and changes[1].detail["expires"] == expires


def test_sign_in_with_a_password(tmp_path: Path) -> None:
    from _review_util import quiet_policy

    from mediascrub.review.users import PasswordFile

    users = tmp_path / "users.txt"
    PasswordFile(users).set_password("Ann Manager", "correct horse battery staple")
    with live_desk(tmp_path / "desk", policy=quiet_policy(), users_file=users) as server, \
            chromium_page(tmp_path / "profile", width=DESKTOP[0], height=DESKTOP[1]) as page:
        problems = page_problems(page)
        page.goto(server.station.base_url() + "/register")
        assert page.url.endswith("/signin?next=/register")
        no_serious_axe(page, "sign-in page")
        page.fill("#user", "Ann Manager")
        page.fill("#password", "not it")
        page.click("button[type=submit]")
        assert "do not match" in page.inner_text("[role=alert]")
        problems.remove("Failed to load resource: the server responded with a status of 401 (Unauthorized)")
        shoot(page, "signin", DESKTOP)
        shoot(page, "signin", PHONE)
        page.set_viewport_size({"width": DESKTOP[0], "height": DESKTOP[1]})
        page.fill("#password", "correct horse battery staple")
        page.click("button[type=submit]")
        page.wait_for_url("**/register")
        assert "Ann Manager" in page.inner_text("header") and page.locator("#new-link").count() == 0
        page.goto(server.station.base_url() + "/add")
        assert page.locator("#new-link").count() == 0  # no sign-in links on a desk with passwords
        page.click("#signout")  # a shared computer: nothing of the session stays
        page.wait_for_url("**/signin")
        page.goto(server.station.base_url() + "/add")
        assert page.url.endswith("/signin?next=/add")
        assert problems == [], problems


def test_a_held_upload_is_checked_published_and_taken_back_in_the_desk(tmp_path: Path) -> None:
    """An upload held for a person goes to the held folder as scrub holds files (0600 in 0700, what was found
    saved beside it), so To check opens it without looking again; the station's own features work inside
    the desk (its question in plain words, the draft kept over a reload, publish, take back), and the
    published name does not give the person away (--names auto)."""
    import os
    import stat

    from _desk_util import unsure_pipeline
    from _review_util import quiet_policy

    from mediascrub.heldfindings import sidecar_path

    src = tmp_path / "margaret_smith_room14.jpg"
    src.write_bytes(dirty_jpeg(photo_like(640, 480, seed=4)))
    policy = quiet_policy()
    with live_desk(tmp_path / "desk", policy=policy, factory=unsure_pipeline) as server, \
            chromium_page(tmp_path / "profile", width=DESKTOP[0], height=DESKTOP[1]) as page:
        problems = page_problems(page)
        page.goto(server.new_link())
        page.set_input_files("#files", [str(src)])
        wait_done(page, 1, timeout=120_000)
        card = page.locator("#results li.result")
        assert card.get_attribute("data-state") == "held"
        assert "needs you to check" in card.inner_text(), card.inner_text()
        held = server.desk.config.held
        copy = held / src.name
        assert copy.read_bytes() == src.read_bytes()
        assert stat.S_IMODE(held.stat().st_mode) == 0o700
        for p in (copy, copy.with_name(copy.name + ".reason.txt"), sidecar_path(copy)):
            assert stat.S_IMODE(os.stat(p).st_mode) == 0o600, p.name
        card.locator("a", has_text="Check it now").click()
        page.wait_for_selector("body[data-state='ready']", state="attached", timeout=60_000)
        assert server.station._pipeline is None, "To check looked at the picture again instead of using what the cleaning found"
        assert page.inner_text("nav a[aria-current='page']").startswith("To check")
        assert page.is_visible("#signout") and page.is_visible("#keys-open")
        assert page.locator("#questions li.question").count() == 1 and page.inner_text("#questions .q") == "Is this a face?"
        no_serious_axe(page, "a held upload under To check")
        said = page.evaluate("document.body.innerText").lower()
        assert not [w for w in ("uncertain-face", "score", "sha256", "quarantine", "reason.txt") if w in said], said
        shoot(page, "check-file", DESKTOP)
        shoot(page, "check-file", PHONE)
        page.set_viewport_size({"width": DESKTOP[0], "height": DESKTOP[1]})
        page.click("#questions button.answer.yes")
        page.wait_for_selector("body[data-draft]", state="attached")
        page.reload()
        page.wait_for_selector("body[data-state='ready']", state="attached", timeout=60_000)
        assert page.get_attribute("#questions button.answer.yes", "aria-pressed") == "true", "the draft was lost on reload"
        page.click("#publish")
        page.wait_for_selector("body[data-state='published']", state="attached", timeout=120_000)
        found = re.search(r"Published as (\S+?)\. ", page.inner_text("#result"))
        assert found and re.fullmatch(r"photo-\d{4}-\d\d-\d\d-[0-9a-f]{8}\.jpg", found.group(1)), page.inner_text("#result")
        out = server.desk.config.out
        published = out / found.group(1)
        assert Pipeline(policy).check(published).safe
        assert not [p for p in out.rglob("*") if "margaret" in p.name.lower()]
        page.click("#take-back")
        page.wait_for_selector("body[data-state='ready']", state="attached", timeout=30_000)
        assert "Taken back" in page.inner_text("#result")
        assert not published.exists() and copy.is_file()
        page.goto(server.station.base_url() + "/history")
        text = page.inner_text("main")
        assert "margaret_smith_room14.jpg" in text, text
        no_serious_axe(page, "history after a take back")
    assert problems == [], problems


def test_an_upload_that_arrives_while_the_list_is_being_fetched_is_still_followed(tmp_path: Path) -> None:
    """The page asks for the list of uploads one request at a time. A file that arrives while such a request is
    on its way (a slow machine) asked for the list too; that ask must not be lost: the list that comes back was
    made before the file arrived, says every file is done, and without another ask the page waits for ever."""
    photos = uploads(tmp_path / "camera-roll")
    first, second = photos[1], photos[0]  # garden.jpg (no face), then visit.jpg
    held_posts: list[object] = []
    held_lists: list[tuple[object, object]] = []
    hold = {"posts": False, "lists": False}

    def route(r: object) -> None:
        method = r.request.method  # type: ignore[attr-defined]
        if method == "POST" and hold["posts"]:
            held_posts.append(r)
        elif method == "GET" and hold["lists"]:
            held_lists.append((r, r.fetch()))  # type: ignore[attr-defined]  # the list as it is now
        else:
            r.continue_()  # type: ignore[attr-defined]

    with live_desk(tmp_path / "desk") as server, chromium_page(tmp_path / "profile", width=DESKTOP[0], height=DESKTOP[1]) as page:
        problems = page_problems(page)
        page.goto(server.new_link())
        page.route("**/api/uploads", route)
        page.set_input_files("#files", [str(first)])
        wait_done(page, 1, timeout=120_000)
        hold["posts"] = True
        page.set_input_files("#files", [str(second)])  # its upload waits at the door
        for _ in range(100):
            if held_posts:
                break
            page.wait_for_timeout(100)
        assert len(held_posts) == 1
        hold["lists"] = True
        page.locator("#results li.result", has_text=first.name).locator("button.post").click()  # asks for the list
        for _ in range(100):
            if held_lists:
                break
            page.wait_for_timeout(100)
        assert len(held_lists) == 1
        hold["posts"] = hold["lists"] = False
        held_posts[0].continue_()  # type: ignore[attr-defined]  # the second file arrives while the list is on its way
        page.wait_for_selector(f"#results li.result[data-id]:has-text('{second.name}')", timeout=60_000)
        r, made_before = held_lists[0]
        r.fulfill(response=made_before)  # type: ignore[attr-defined]  # says every file it knew of is done
        wait_done(page, 2, timeout=120_000)
        states = page.eval_on_selector_all("#results li.result", "els => els.map(e => e.getAttribute('data-state'))")
        assert sorted(states) == ["ready", "ready"], states
        assert problems == [], problems
